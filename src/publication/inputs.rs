//! The flag values a build needs besides names: API version, app URL, contact email.

/// `66.0` → 66. Only `NN.0` versions exist.
pub fn parse_api_version(text: &str) -> Result<u32, String> {
    let bad = || format!("--api-version `{text}` is not a Metadata API version such as `66.0`");
    let major = text.strip_suffix(".0").ok_or_else(bad)?;
    if major.is_empty() || major.len() > 3 || !major.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    major.parse().map_err(|_| bad())
}

/// An `https://host[:port][/path]` URL without credentials, query or fragment; the trailing
/// `/` is dropped.
pub fn parse_app_url(text: &str) -> Result<String, String> {
    let bad = |why: &str| format!("--app-url `{}`: {why}", text.escape_debug());
    let rest = text
        .strip_prefix("https://")
        .ok_or_else(|| bad("must start with https:// (a Heroku app serves HTTPS)"))?;
    if let Some(c) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
    {
        return Err(bad(&format!("contains {}", c.escape_debug())));
    }
    if rest.contains(['?', '#']) {
        return Err(bad("must not have a query or a fragment"));
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.contains('@') {
        return Err(bad(
            "must not contain credentials; set secrets in the org after deploying",
        ));
    }
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    Ok(text.trim_end_matches('/').to_string())
}

pub fn parse_email(text: &str) -> Result<String, String> {
    let ok = text.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !text
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    });
    if ok {
        Ok(text.to_string())
    } else {
        Err(format!(
            "--contact-email `{}` is not an email address",
            text.escape_debug()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions() {
        assert_eq!(parse_api_version("66.0"), Ok(66));
        assert!(parse_api_version("66").is_err());
        assert!(parse_api_version("66.1").is_err());
        assert!(parse_api_version("x.0").is_err());
    }

    #[test]
    fn app_urls() {
        assert_eq!(
            parse_app_url("https://a.herokuapp.com/").unwrap(),
            "https://a.herokuapp.com"
        );
        assert_eq!(
            parse_app_url("https://a.herokuapp.com/api").unwrap(),
            "https://a.herokuapp.com/api"
        );
        for bad in [
            "http://a.herokuapp.com",
            "https://user:secret@a.herokuapp.com",
            "https://a.com?x=1",
            "https://",
            "https://a b.com",
            "https://a.com/<x>",
        ] {
            assert!(parse_app_url(bad).is_err(), "{bad}");
        }
    }
}
