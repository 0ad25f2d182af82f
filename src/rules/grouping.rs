//! One finding per cause, listing every place: for the Apex-name rules (AL204 and AL205
//! operationIds, AL308 parameters, AL505 property and schema names) and the missing
//! descriptions of agent actions (AL310, AL510).
//!
//! A generated spec has dozens of `snake_case` names; each becomes `x5f` in Apex for the same
//! reason, and the decision (rename them, or keep the wire names) is taken once. So the names
//! that External Services encode for the same cause — the same set of characters, a leading
//! digit, or a reserved word — make one finding at the first of them, and every other place is
//! listed in [`crate::finding::Diagnostic::related`]. A cause met once keeps its own
//! message.

use crate::rules::{Help, Sink};
use crate::source::Span;
use crate::spec::apex_name;
use std::collections::BTreeMap;

/// A name External Services encode, where it is written.
pub(crate) struct Place {
    pub name: String,
    pub span: Span,
    /// The finding's message when the cause is met only here, and the note of this place when
    /// it is grouped: `property `first_name` becomes `firstx5fname` in Apex`.
    pub message: String,
}

/// Why External Services encode `name`, as words that follow "names": `contain `_``,
/// `contain `-` and `_``, `start with a digit`, `are Apex reserved words`. `None` when the name
/// is kept as it is.
pub(crate) fn cause(name: &str) -> Option<String> {
    if apex_name::is_reserved(name) {
        return Some("are Apex reserved words, which get the prefix `z0`".into());
    }
    let mut chars: Vec<char> = Vec::new();
    let mut leading_digit = false;
    for (i, c) in name.char_indices() {
        if c.is_ascii_alphabetic() || (c.is_ascii_digit() && i > 0) {
            continue;
        }
        if i == 0 && c.is_ascii_digit() {
            leading_digit = true;
        } else if !chars.contains(&c) {
            chars.push(c);
        }
    }
    chars.sort_unstable();
    let shown: Vec<String> = chars
        .iter()
        .map(|c| match c {
            '`' => "a backquote".to_string(),
            ' ' => "a space".to_string(),
            c => format!("`{c}`"),
        })
        .collect();
    let contain = match shown.as_slice() {
        [] => None,
        [one] => Some(format!("contain {one}")),
        [init @ .., last] => Some(format!("contain {} and {last}", init.join(", "))),
    };
    match (leading_digit, contain) {
        (false, None) => None,
        (true, None) => Some("start with a digit".into()),
        (false, Some(c)) => Some(c),
        (true, Some(c)) => Some(format!("start with a digit and {c}")),
    }
}

/// The places grouped by [`cause`], each group in document order, groups ordered by their
/// first place. Places whose name needs no encoding are dropped.
pub(crate) fn group(places: Vec<Place>) -> Vec<(String, Vec<Place>)> {
    let mut by_cause: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for place in places {
        if let Some(cause) = cause(&place.name) {
            by_cause.entry(cause).or_default().push(place);
        }
    }
    let mut groups: Vec<(String, Vec<Place>)> = by_cause.into_iter().collect();
    for (_, places) in &mut groups {
        places.sort_by_key(|p| (p.span.start, p.span.end));
    }
    groups.sort_by_key(|(_, places)| places[0].span.start);
    groups
}

/// Reports each group: alone, a place is its own finding with its own message and `help`;
/// several are one finding at the first, "`n` `kind` names `cause`; first: …", listing the
/// others, with `help_many`.
pub(crate) fn report(
    sink: &mut Sink<'_>,
    groups: Vec<(String, Vec<Place>)>,
    kind: &str,
    help_one: impl Fn(&Place) -> String,
    help_many: &str,
) {
    for (cause, places) in groups {
        let first = &places[0];
        if places.len() == 1 {
            sink.report(first.span, first.message.clone()).help(help_one(first));
            continue;
        }
        let related = places[1..]
            .iter()
            .map(|p| sink.related(p.span, p.message.clone()))
            .collect();
        sink.report(
            first.span,
            format!("{} {kind} names {cause}; first: {}", places.len(), first.message),
        )
        .help(help_many)
        .also_at(related);
    }
}

/// Reports places that share one cause: alone, a place is its own finding with its message and
/// `help`; several are one finding at the first, "`n` `what`; first: …", listing the others.
pub(crate) fn report_one_cause(sink: &mut Sink<'_>, mut places: Vec<Place>, what: &str, help: &str) {
    places.sort_by_key(|p| (p.span.start, p.span.end));
    let Some(first) = places.first() else { return };
    if places.len() == 1 {
        sink.report(first.span, first.message.clone()).help(help);
        return;
    }
    let related = places[1..]
        .iter()
        .map(|p| sink.related(p.span, p.message.clone()))
        .collect();
    sink.report(first.span, format!("{} {what}; first: {}", places.len(), first.message))
        .help(help)
        .also_at(related);
}

#[cfg(test)]
mod tests {
    use super::cause;

    #[test]
    fn causes_name_what_is_encoded() {
        assert_eq!(cause("firstName"), None);
        assert_eq!(cause("first_name").as_deref(), Some("contain `_`"));
        assert_eq!(cause("a_b_c").as_deref(), Some("contain `_`"));
        assert_eq!(cause("x-request_id").as_deref(), Some("contain `-` and `_`"));
        assert_eq!(cause("a.b-c_d").as_deref(), Some("contain `-`, `.` and `_`"));
        assert_eq!(cause("2fa").as_deref(), Some("start with a digit"));
        assert_eq!(cause("3d_model").as_deref(), Some("start with a digit and contain `_`"));
        assert_eq!(
            cause("type").as_deref(),
            Some("are Apex reserved words, which get the prefix `z0`")
        );
        assert_eq!(cause("a b").as_deref(), Some("contain a space"));
    }
}
