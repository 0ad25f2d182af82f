//! Small wording helpers for messages: "did you mean" for misspelt keys, and English lists.

/// A flag value as a user would type it in a shell: quoted when it is empty or has spaces.
pub fn shell_word(value: &str) -> String {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c == '"' || c == '\'') {
        format!("\"{}\"", value.replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

/// How messages name an operation: its operationId, else its method and path, in backticks.
pub fn operation(op: &crate::spec::Operation<'_>) -> String {
    match op.operation_id() {
        Some(id) => format!("`{id}`"),
        None => format!("`{}`", op.label()),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}

/// The known key `key` was probably meant to be, if any.
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(k);
    }
    let lower = key.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_slips_and_small_typos() {
        let known = ["publishAsAgentAction", "isUserInput", "isDisplayable"];
        assert_eq!(closest("isUserinput", &known), Some("isUserInput"));
        assert_eq!(closest("publishAsAgentActions", &known), Some("publishAsAgentAction"));
        assert_eq!(closest("somethingElse", &known), None);
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
