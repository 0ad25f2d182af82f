//! `applinkc apex --format json`: the [`Surface`] model as pretty JSON (stable key order).

use super::Surface;

pub fn render(surface: &Surface) -> String {
    let mut out = serde_json::to_string_pretty(surface).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
