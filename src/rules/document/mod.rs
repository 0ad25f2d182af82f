//! AL1xx — the document as a whole: root, version, info, paths, servers, vendor extensions.

mod openapi_version;

use super::Rule;

pub const RULES: &[&Rule] = &[&openapi_version::AL101];
