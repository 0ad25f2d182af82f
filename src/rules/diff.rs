//! ALD01–ALD12: what `applinkc diff OLD NEW` reports when a published spec changes. They compare
//! two specs, so `check` never reports them; `explain` documents them like every other rule.
//! The classification and its sources: docs/diff.md.

use crate::rules::{Rule, RuleId, RuleSeverity, reported_by_loader};

pub static ALD01: Rule = Rule {
    id: RuleId::new("ALD01"),
    name: "operation-removed",
    severity: RuleSeverity::Error,
    summary: "an operation of the published spec is gone",
    docs: r#"## What it does
Reports an operation of OLD that NEW no longer has: no operation of NEW has its operationId
(compared as External Services compare them, after Apex encoding and ignoring case), and no
operation of NEW has its method and path (that case is ALD02, a rename).

## Why
AppLink publishes every operation active, and Salesforce refuses an update that deletes an
active operation. Even once deactivated, its Apex method, its Flow action and its agent action
disappear, and every caller of them breaks.

## Example
OLD has `getShipment`; NEW does not.

## Use instead
Keep the operation (mark it `deprecated: true` and say so in its description), or deactivate
it in Setup (External Services → the service → Edit → Operations) before republishing.

## Source
Salesforce Help, *Schema Update Support*: deleting or omitting active operations is not
supported; *Edit an External Service*.
"#,
    check: reported_by_loader,
};

pub static ALD02: Rule = Rule {
    id: RuleId::new("ALD02"),
    name: "operation-renamed",
    severity: RuleSeverity::Error,
    summary: "an operation has a new operationId",
    docs: r#"## What it does
Reports an operation whose method and path stayed but whose operationId changed. A change of
case only (`getquote` → `getQuote`) is an info: Salesforce supports it, and Apex names ignore
case.

## Why
External Services name the operation, its Apex method, its request and response classes and
its invocable action after the operationId. Salesforce treats a rename as deleting the old
operation (refused while it is active) and adding a new one; Apex, Flows and agents that call
the old name break. General OpenAPI diff tools call an operationId change "info": under
External Services it is the most breaking change there is.

## Example
OLD: `operationId: getQuote`; NEW: `operationId: readQuote`.

## Use instead
Keep the old operationId.

## Source
Salesforce Help, *Schema Update Support*: a name change is treated as a delete; changing the
casing of an operation name is supported.
"#,
    check: reported_by_loader,
};

pub static ALD03: Rule = Rule {
    id: RuleId::new("ALD03"),
    name: "input-removed",
    severity: RuleSeverity::Error,
    summary: "a parameter or the request body of an operation is gone",
    docs: r#"## What it does
Reports a parameter (by location and name, compared after Apex encoding and ignoring case) or
a request body that OLD's operation has and NEW's does not. An error when it was required; a
warning when it was optional.

## Why
Salesforce refuses deleting a required parameter of an active operation. Deleting an optional
one is accepted, but "deleting parameters or properties can lead to errors in flows, Apex,
Agentforce agents, or other components that reference them": a caller that sets it no longer
compiles or saves.

## Example
OLD: a required query parameter `region`; NEW: none.

## Use instead
Keep the parameter and ignore it in the app, or deactivate the operation before republishing.

## Source
Salesforce Help, *Schema Update Support*: deleting required parameters of active operations is
not supported; deleting optional parameters is supported.
"#,
    check: reported_by_loader,
};

pub static ALD04: Rule = Rule {
    id: RuleId::new("ALD04"),
    name: "input-now-required",
    severity: RuleSeverity::Error,
    summary: "an operation needs an input its callers do not give",
    docs: r#"## What it does
Reports a new required parameter or request body, and an optional one that became required.

## Why
Every existing caller — Apex, a Flow action, an agent action — calls the operation without
it, and now fails. Salesforce counts it as a structural change to an active operation's
parameters, which requires deactivating the operation first.

## Example
NEW adds `- {name: currency, in: query, required: true}`.

## Use instead
Add the parameter as optional (`required: false`) with a default the app applies.

## Source
Salesforce Help, *Schema Update Support*: structural changes to an active operation's
parameters require deactivating it; adding parameters is supported (optional ones: ALD12).
"#,
    check: reported_by_loader,
};

pub static ALD05: Rule = Rule {
    id: RuleId::new("ALD05"),
    name: "type-changed",
    severity: RuleSeverity::Error,
    summary: "a parameter, body, response or property has another Apex type",
    docs: r#"## What it does
Compares the Apex type External Services generate for each parameter, request body, response
and property (`String`, `Integer`, `List<…>`, a class). A different type is an error; a change
between `String`, `Date`, `Datetime` and `Blob` or between `Integer` and `Long` (a `format`
change of the same OpenAPI type) is a warning. A class that changes because its schema was
renamed or removed is reported once, at the schema (ALD07), not at every use.

## Why
Apex code that reads or sets the value stops compiling; a Flow or agent variable of the old
type no longer fits. Salesforce counts it as a structural change to an active operation's
objects or parameters, which requires deactivating the operation first.

## Example
OLD: `quantity: {type: integer}`; NEW: `quantity: {type: string}`.

## Use instead
Keep the type; add a property of the new type beside the old one.

## Source
Salesforce Help, *Schema Update Support*: structural changes to an active operation's objects or
parameters require deactivating it. The type mapping: `applinkc apex` (docs/apex.md).
"#,
    check: reported_by_loader,
};

pub static ALD06: Rule = Rule {
    id: RuleId::new("ALD06"),
    name: "response-removed",
    severity: RuleSeverity::Error,
    summary: "a declared response status is gone, or lost its body",
    docs: r#"## What it does
Reports a status of OLD's operation that NEW no longer declares, or that no longer has a body.

## Why
Each declared status is a member of the generated response or exception class (`Code200`,
`Code404`) and an output of the invocable action (`200`, `404`; `"404Exc"` for an agent): Apex
that reads it stops compiling, and Flows and agents that map it break.

## Example
OLD declares `200` and `404`; NEW only `200`.

## Use instead
Keep declaring the status, even if the app no longer sends it.

## Source
Salesforce Help, *Operation Output Parameters*; *Schema Update Support* ("Deleting parameters
or properties can lead to errors in flows, Apex, Agentforce agents").
"#,
    check: reported_by_loader,
};

pub static ALD07: Rule = Rule {
    id: RuleId::new("ALD07"),
    name: "schema-removed",
    severity: RuleSeverity::Error,
    summary: "an object schema (an Apex class) is gone or renamed",
    docs: r#"## What it does
Reports a component schema that External Services turn into a class and that NEW no longer
has, once, listing the operations that use it. When NEW has a new schema with the same
properties, it says it was renamed. An error when an operation of OLD uses the schema
(directly or through other schemas); a warning when none does (Apex may still name the class).

## Why
Salesforce refuses deleting an object that an active operation references, and treats a rename
as a delete. The class `<Client>_<Schema>` disappears, and every Apex class, Flow and agent
action that uses it breaks.

## Example
OLD: `components.schemas.Shipment`; NEW: `components.schemas.Parcel` with the same properties.

## Use instead
Keep the schema's name; a `$ref` from the new name to the old one costs nothing.

## Source
Salesforce Help, *Schema Update Support*: deleting objects referenced by active operations is
not supported; a name change is treated as a delete.
"#,
    check: reported_by_loader,
};

pub static ALD08: Rule = Rule {
    id: RuleId::new("ALD08"),
    name: "property-removed",
    severity: RuleSeverity::Error,
    summary: "a property of an object schema is gone",
    docs: r#"## What it does
Reports a property (compared after Apex encoding, ignoring case) that a class of OLD has and
the same class of NEW does not. An error when it was required and an operation uses the class;
a warning otherwise.

## Why
Salesforce refuses deleting a required property of an active object (one an active operation
references, directly or indirectly). Deleting an optional property is accepted, but Apex, Flows
and agents that read or set it break.

## Example
OLD: `Quote` with a required `total`; NEW: `Quote` without it.

## Use instead
Keep the property; stop filling it in the app if it has no meaning any more.

## Source
Salesforce Help, *Schema Update Support*: deleting required properties of active objects is not
supported; deleting optional properties is supported.
"#,
    check: reported_by_loader,
};

pub static ALD09: Rule = Rule {
    id: RuleId::new("ALD09"),
    name: "property-now-required",
    severity: RuleSeverity::Error,
    summary: "an optional property became required, or a new property is required",
    docs: r#"## What it does
Reports a property that OLD's class has as optional and NEW's as required (an error), and a new
property that is required (a warning).

## Why
Callers that build the object — an Apex class filling a request body, a Flow assigning its
fields — leave it out, and the app now rejects their calls. Salesforce counts it as a structural
change to an active operation's objects.

## Example
OLD: `required: [opportunityId]`; NEW: `required: [opportunityId, currency]`.

## Use instead
Keep the property optional and give it a default in the app.

## Source
Salesforce Help, *Schema Update Support*: structural changes to an active operation's objects
require deactivating it.
"#,
    check: reported_by_loader,
};

pub static ALD10: Rule = Rule {
    id: RuleId::new("ALD10"),
    name: "agent-changed",
    severity: RuleSeverity::Error,
    summary: "an agent action or the agent topic is gone, renamed or behaves differently",
    docs: r#"## What it does
Reports an operation that no longer publishes an agent action (`publishAsAgentAction` no
longer true) and an agent topic that is gone or has another name (errors), and a change of an
agent action's `isUserInput`, `isDisplayable` or PII flag (warnings).

## Why
Agents in the org use the action and the topic by name: removing or renaming them breaks every
agent that has them. A changed flag changes what the agent asks the user for and what it
shows, which its instructions may rely on.

## Example
OLD: `publishAsAgentAction: true`; NEW: the flag removed.

## Use instead
Keep the action and the topic name; remove the action from the agents first if it must go.

## Source
Heroku Dev Center, *Heroku AppLink* (`x-sfdc.agent`); Salesforce Help, *Schema Update Support*
("errors in … Agentforce agents, or other components that reference them").
"#,
    check: reported_by_loader,
};

pub static ALD11: Rule = Rule {
    id: RuleId::new("ALD11"),
    name: "callbacks-changed",
    severity: RuleSeverity::Error,
    summary: "an operation gained or lost callbacks",
    docs: r#"## What it does
Reports a callback (a key under `callbacks`) that is gone, and an operation that gained its
first callback or lost its last one.

## Why
An operation with callbacks is asynchronous: its Apex method takes a `<method>_Callback`
handler and a timeout, and it has no Flow action. Gaining or losing callbacks changes the
method's signature and adds or removes the Flow action, so every caller breaks; a removed
callback removes the method a handler class overrides.

## Example
OLD: `callbacks: {quoteReady: …}`; NEW: no `callbacks`.

## Use instead
Keep the operation's shape; add an asynchronous variant as a new operation.

## Source
Salesforce Help, *Callouts and Callbacks* (External Services); `applinkc apex` (docs/apex.md).
"#,
    check: reported_by_loader,
};

pub static ALD12: Rule = Rule {
    id: RuleId::new("ALD12"),
    name: "compatible-change",
    severity: RuleSeverity::Info,
    summary: "a compatible change worth a line in the changelog",
    docs: r#"## What it does
Lists what NEW adds — operations, optional parameters, properties, response statuses, schemas,
agent actions, the topic — operations whose summary or description changed, and operations
whose user-plus authorization (`x-sfdc.heroku.authorization`) names other components.

## Why
Salesforce accepts these changes on a republish and no existing caller breaks; they are what a
pull request's changelog says.

## Example
NEW adds `GET /quotes` (`listQuotes`).

## Use instead
Nothing to change.

## Source
Salesforce Help, *Schema Update Support*: adding operations, objects, properties and
parameters, and changing a description, are supported.
"#,
    check: reported_by_loader,
};

pub static RULES: &[&Rule] = &[
    &ALD01, &ALD02, &ALD03, &ALD04, &ALD05, &ALD06, &ALD07, &ALD08, &ALD09, &ALD10, &ALD11, &ALD12,
];
