//! Salesforce API names and the text that goes into metadata files, each validated once.
//!
//! An [`ApiName`] can only be built through [`ApiName::parse`], which applies Salesforce's
//! developer-name rule (`^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$`: letters, digits and single
//! underscores, starting with a letter, not ending with `_`) and a length cap. The rule also
//! makes every name safe as a file or folder name: no `/`, `\`, `.`, `..`, NUL or space can
//! get through, so no component can write outside its type folder.

use std::fmt;

/// The longest API name Salesforce accepts for the types applinkc emits.
pub const MAX_API_NAME: usize = 80;

/// The longest label (`label`, `masterLabel`) the emitted types accept.
pub const MAX_LABEL: usize = 80;

/// A Salesforce developer name that passed the API-name rule and a length cap.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ApiName(String);

impl ApiName {
    /// Checks `text` against the API-name rule and `max` characters.
    pub fn parse(text: &str, max: usize) -> Result<ApiName, NameError> {
        let problem = if text.is_empty() {
            Some("is empty".to_string())
        } else if !text.as_bytes()[0].is_ascii_alphabetic() {
            Some("must start with a letter".to_string())
        } else if let Some(c) = text.chars().find(|c| !c.is_ascii_alphanumeric() && *c != '_') {
            Some(format!("contains {}", describe_char(c)))
        } else if text.contains("__") {
            Some("contains two consecutive underscores".to_string())
        } else if text.ends_with('_') {
            Some("ends with an underscore".to_string())
        } else if text.len() > max {
            Some(format!("is {} characters long; the limit is {max}", text.len()))
        } else if is_device_name(text) {
            Some("is a reserved device name on Windows, where its files could not be written".to_string())
        } else {
            None
        };
        match problem {
            Some(why) => Err(NameError {
                name: text.to_string(),
                why,
            }),
            None => Ok(ApiName(text.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `self` + `suffix`, checked again (the suffix may make it too long).
    pub fn with_suffix(&self, suffix: &str, max: usize) -> Result<ApiName, NameError> {
        ApiName::parse(&format!("{}{suffix}", self.0), max)
    }
}

impl fmt::Display for ApiName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a text is not an API name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameError {
    pub name: String,
    pub why: String,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a Salesforce API name: it {}",
            self.name.escape_debug(),
            self.why
        )
    }
}

/// The help every API-name finding gives.
pub const API_NAME_HELP: &str =
    "use letters, digits and single underscores, start with a letter and do not end with an underscore";

/// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`: valid API names, but on Windows
/// `CON.permissionset` is the console, not a file, so a zip with them cannot be unpacked or
/// deployed from there.
fn is_device_name(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && matches!(upper.as_bytes()[3], b'1'..=b'9'))
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\0' => "a NUL character".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

pub use crate::rules::file::xml_chars::{first_illegal_xml_char, is_xml_char};

/// A label for people from an API name: `AcmePricing` and `acme_pricing` become `Acme Pricing`.
pub fn humanize(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev: Option<char> = None;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            prev = Some(' ');
            continue;
        }
        if c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
            out.push(' ');
        }
        if prev.is_none_or(|p| p == ' ') {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    truncate(out.trim_end(), MAX_LABEL)
}

/// A label from free text: whitespace runs (line breaks included) become one space, cut to
/// [`MAX_LABEL`] characters.
pub fn label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    truncate(&words.join(" "), MAX_LABEL)
}

/// `text` cut to at most `max` characters (on a character boundary).
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => text[..at].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_follow_the_developer_name_rule() {
        for good in ["AcmePricing", "a", "Acme_Pricing_2", "A1_b2"] {
            assert!(ApiName::parse(good, 80).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("", "is empty"),
            ("1abc", "must start with a letter"),
            ("_a", "must start with a letter"),
            ("a b", "contains a space"),
            ("a/b", "contains `/`"),
            ("../x", "must start with a letter"),
            ("a..b", "contains `.`"),
            ("a\0b", "contains a NUL character"),
            ("a__b", "contains two consecutive underscores"),
            ("ab_", "ends with an underscore"),
            ("é", "must start with a letter"),
        ] {
            assert_eq!(ApiName::parse(bad, 80).unwrap_err().why, why, "{bad:?}");
        }
        assert!(ApiName::parse(&"a".repeat(81), 80).is_err());
        assert!(ApiName::parse(&"a".repeat(80), 80).is_ok());
        for device in ["CON", "con", "Prn", "AUX", "NUL", "COM1", "lpt9"] {
            assert!(
                ApiName::parse(device, 80)
                    .unwrap_err()
                    .why
                    .contains("reserved device name"),
                "{device}"
            );
        }
        for fine in ["CONSOLE", "COM", "COM0", "LPT10", "Null"] {
            assert!(ApiName::parse(fine, 80).is_ok(), "{fine}");
        }
    }

    proptest::proptest! {
        /// Whatever is accepted is a safe file name: no separator, dot, NUL or space.
        #[test]
        fn accepted_names_are_safe_file_names(text in "\\PC{0,90}|[a-zA-Z0-9_./\\\\ \\x00-]{0,20}") {
            if let Ok(name) = ApiName::parse(&text, MAX_API_NAME) {
                let s = name.as_str();
                proptest::prop_assert!(!s.is_empty() && s.len() <= MAX_API_NAME);
                proptest::prop_assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                proptest::prop_assert!(s.as_bytes()[0].is_ascii_alphabetic() && !s.ends_with('_') && !s.contains("__"));
            }
        }
    }

    #[test]
    fn labels_are_humanized() {
        assert_eq!(humanize("AcmePricing"), "Acme Pricing");
        assert_eq!(humanize("acme_pricing"), "Acme Pricing");
        assert_eq!(humanize("MyAppLinkPermSet"), "My App Link Perm Set");
        assert_eq!(humanize("API2Go"), "API2 Go");
        assert_eq!(label("  Read\n  a quote\t"), "Read a quote");
        assert_eq!(label(&"é".repeat(100)).chars().count(), MAX_LABEL);
    }
}
