//! AL001–AL004: found while reading and parsing the file (see `source`); these entries carry
//! the documentation and the default severity.

use crate::rules::{Rule, RuleSeverity, reported_by_loader};

pub static AL001: Rule = Rule {
    id: "AL001",
    name: "spec-extension",
    severity: RuleSeverity::Error,
    summary: "the spec file name ends in .yaml, .yml or .json",
    docs: r#"## What it does
Checks that the spec's file name ends in `.yaml`, `.yml` or `.json` (compared lower-cased).

## Why
`heroku salesforce:publish` refuses any other extension ("API spec file path must be in YAML
(.yaml/.yml) or JSON (.json) format") and names the uploaded entry `api-spec.yaml` or
`api-spec.json` by it. applinkc also chooses its parser by the extension, as the service does:
a file without one of these extensions is read as YAML so that the other rules still run.

## Example
```console
$ applinkc check api-spec.txt
```

## Use instead
```console
$ mv api-spec.txt api-spec.yaml
```

## Source
heroku-cli-plugin-applink `src/commands/salesforce/publish.ts` (catalog S25).
"#,
    check: reported_by_loader,
};

pub static AL002: Rule = Rule {
    id: "AL002",
    name: "spec-parses",
    severity: RuleSeverity::Error,
    summary: "the file parses as one YAML 1.2 document or as strict JSON, without duplicate keys",
    docs: r#"## What it does
Parses `.yaml`/`.yml` files as YAML 1.2 (core schema; anchors and aliases are supported) and
`.json` files as strict JSON (no comments, trailing commas, single quotes, NaN…). Reports:
a syntax error at its place; a duplicate mapping key (also `a` and `"a"`, `200` and `"200"`,
which OpenAPI reads as the same key); more than one YAML document; an empty file; nesting
deeper than 128 levels; aliases that expand to more than 1,000,000 nodes.

## Why
The AppLink service parses the uploaded file by its name. A YAML body in a `.json` file, or a
duplicate key whose value differs between parsers, is rejected or — worse — silently read
differently from what you see. The depth and alias limits keep every tool on the way safe from
hostile files ("billion laughs").

## Example
```yaml
paths:
  /quote:
    post: {operationId: quote}
  /quote:
    get: {operationId: getQuote}
```

## Use instead
```yaml
paths:
  /quote:
    post: {operationId: quote}
    get: {operationId: getQuote}
```

## Source
YAML 1.2.2 §3.2.1.3 (keys are unique); OpenAPI 3.0.3 §4.3; catalog S25, corpus #3 (anchors).
"#,
    check: reported_by_loader,
};

pub static AL003: Rule = Rule {
    id: "AL003",
    name: "spec-encoding",
    severity: RuleSeverity::Error,
    summary: "the file is UTF-8 without a byte order mark",
    docs: r#"## What it does
Checks that the bytes are valid UTF-8 (reports the offset of the first invalid byte) and that
the file does not start with a UTF-8 byte order mark.

## Why
External Services read schemas as "UTF-8, with full character set for names and identifiers".
A Latin-1 `é` is not UTF-8 and fails upload. A BOM is an error in `.json` files (JSON
forbids it and strict parsers such as `JSON.parse` reject it) and a warning in YAML files
(YAML allows it, but not every tool on the way does).

## Example
A description saved from a Windows editor in Windows-1252.

## Use instead
Save the file as UTF-8 without BOM.

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6); RFC 8259 §8.1.
"#,
    check: reported_by_loader,
};

pub static AL004: Rule = Rule {
    id: "AL004",
    name: "spec-size",
    severity: RuleSeverity::Error,
    summary: "the spec has at most 3,000,000 characters (YAML) or 10,000,000 (JSON)",
    docs: r#"## What it does
Counts the characters of the file: at most 3,000,000 for YAML and 10,000,000 for JSON.
Files over 64 MiB are not read at all (a usage error, exit 2).

## Why
These are External Services' maximum schema sizes; a larger spec fails to register.

## Example
A 3.4 MB YAML spec generated from a large API.

## Use instead
Publish only the operations Salesforce calls, drop unused component schemas, or convert the
spec to JSON (the JSON limit is higher).

## Source
Salesforce Help, *External Services System Limits* (S8).
"#,
    check: reported_by_loader,
};
