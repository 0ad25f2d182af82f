//! AL001–AL004, AL010, AL011: found while reading and parsing the file (see `source`); these
//! entries carry the documentation and the default severity. AL010 and AL011 are load
//! failures: nothing else of the file was checked, so they cannot be turned off, changed or
//! ignored ([`LOAD_FAILURES`]).

use crate::rules::{Rule, RuleId, RuleSeverity, reported_by_loader};
use crate::source::ProblemKind;

pub static AL001: Rule = Rule {
    id: RuleId::new("AL001"),
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
    id: RuleId::new("AL002"),
    name: "spec-duplicate-keys",
    severity: RuleSeverity::Error,
    summary: "no mapping of the spec has the same key twice",
    docs: r#"## What it does
Reports a mapping key written twice in one mapping, compared as OpenAPI reads keys: `a` and
`"a"`, `200` and `"200"` are the same key. The rest of the file is still checked.

A file that does not parse at all is not this rule's: that is AL010, which cannot be turned
off. So `AL002 = "off"` (to accept a generator's duplicate keys) never hides a syntax error.

## Why
Parsers disagree on which of two values wins (the first, the last, or an error). The AppLink
service may read the other value than the one you see, or reject the file.

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
YAML 1.2.2 §3.2.1.3 (keys are unique); OpenAPI 3.0.3 §4.3; catalog AL002 (S25). The catalog's
AL002 also covers "the content parses"; applinkc reports that as AL010, because a file that
does not parse is not checked at all and must not be silenced with the duplicate-key rule.
"#,
    check: reported_by_loader,
};

pub static AL003: Rule = Rule {
    id: RuleId::new("AL003"),
    name: "spec-byte-order-mark",
    severity: RuleSeverity::Error,
    summary: "the file does not start with a UTF-8 byte order mark",
    docs: r#"## What it does
Reports a UTF-8 byte order mark (`EF BB BF`) at the start of the file: an error in `.json`
files, a warning in YAML files. The rest of the file is still checked.

Bytes that are not UTF-8 at all are not this rule's: that is AL011, which cannot be turned
off. So `AL003 = "off"` (to accept a BOM) never hides a file in another encoding.

## Why
JSON forbids a BOM (RFC 8259 §8.1) and strict parsers such as `JSON.parse` reject it. YAML
allows it, but not every tool on the way to External Services does.

## Example
A spec saved by a Windows editor as "UTF-8 with BOM".

## Use instead
Save the file as UTF-8 without BOM.

`applinkc check --fix` removes the three bytes of the mark and keeps every other byte: a safe
fix, since no reader takes the mark as part of the document.

## Source
RFC 8259 §8.1; YAML 1.2.2 §5.2; catalog AL003 (S6). The catalog's AL003 also covers "the bytes
are UTF-8"; applinkc reports that as AL011 (see there).
"#,
    check: reported_by_loader,
};

pub static AL004: Rule = Rule {
    id: RuleId::new("AL004"),
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

/// The rule a problem found while loading is reported under.
pub fn rule_of(kind: ProblemKind) -> &'static Rule {
    match kind {
        ProblemKind::Extension => &AL001,
        ProblemKind::Syntax | ProblemKind::Empty | ProblemKind::TooDeep | ProblemKind::AliasBudget => &AL010,
        ProblemKind::DuplicateKey => &AL002,
        ProblemKind::Encoding => &AL011,
        ProblemKind::ByteOrderMark => &AL003,
        ProblemKind::Size => &AL004,
    }
}

/// The rules of a file that could not be loaded: nothing else of it was checked, so the config
/// cannot change their severity, turn them off or ignore them, and a baseline never holds them.
pub const LOAD_FAILURES: [&Rule; 2] = [&AL010, &AL011];

pub static AL010: Rule = Rule {
    id: RuleId::new("AL010"),
    name: "spec-loads",
    severity: RuleSeverity::Error,
    summary: "the file parses as one YAML 1.2 document or as strict JSON",
    docs: r#"## What it does
Parses `.yaml`/`.yml` files as YAML 1.2 (core schema; anchors and aliases are supported) and
`.json` files as strict JSON (no comments, trailing commas, single quotes, NaN…). Reports, at
its place: a syntax error; more than one YAML document; an empty file; nesting deeper than 128
levels; aliases that expand to more than 1,000,000 nodes. When this rule reports, no other rule
ran on the file.

This rule cannot be turned off, given another severity or ignored: `applinkc.toml` refuses
`AL010` in `[rules]` and in `[[ignore]]`, and a baseline never holds it. A file that does not
load was not checked at all; accepting that would pass a spec nobody checked.

## Why
The AppLink service parses the uploaded file by its name. A YAML body in a `.json` file, a
trailing comma or a second document is rejected by the service — or read differently from what
you see. The depth and alias limits keep every tool on the way safe from hostile files
("billion laughs").

## Example
```json
{"openapi": "3.0.3", "paths": {},}
```

## Use instead
```json
{"openapi": "3.0.3", "paths": {}}
```

## Source
YAML 1.2.2; RFC 8259; OpenAPI 3.0.3 §4.3; catalog AL002 (S25, corpus #3 for anchors). The
catalog puts this under AL002 together with duplicate keys; applinkc gives it its own id so
that turning off the duplicate-key rule cannot hide a file that does not parse.
"#,
    check: reported_by_loader,
};

pub static AL011: Rule = Rule {
    id: RuleId::new("AL011"),
    name: "spec-utf8",
    severity: RuleSeverity::Error,
    summary: "the file is valid UTF-8",
    docs: r#"## What it does
Checks that the bytes of the file are valid UTF-8 and reports the offset of the first invalid
byte. When this rule reports, no other rule ran on the file.

This rule cannot be turned off, given another severity or ignored: `applinkc.toml` refuses
`AL011` in `[rules]` and in `[[ignore]]`, and a baseline never holds it. A byte order mark is
AL003, which can be.

## Why
External Services read schemas as "UTF-8, with full character set for names and identifiers".
A Latin-1 `é` is not UTF-8 and fails upload; a binary or UTF-16 file is not a spec at all.

## Example
A description saved from a Windows editor in Windows-1252 (`caf\xe9`).

## Use instead
Save the file as UTF-8 (without BOM).

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6); catalog AL003. The catalog puts this under
AL003 together with the BOM; applinkc gives it its own id so that accepting a BOM cannot hide
a file in another encoding.
"#,
    check: reported_by_loader,
};
