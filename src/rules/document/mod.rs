//! AL1xx — the document as a whole: root, version, info, paths, servers, vendor extensions.

mod ignored;
mod info;
mod oas31;
mod openapi_version;
mod paths;
mod root;
mod servers;

pub(crate) use openapi_version::AL101;

use super::Rule;

pub const RULES: &[&Rule] = &[
    &root::AL100,
    &openapi_version::AL101,
    &root::AL102,
    &info::AL103,
    &info::AL104,
    &paths::AL105,
    &paths::AL106,
    &paths::AL107,
    &servers::AL108,
    &ignored::AL109,
    &ignored::AL110,
    &ignored::AL111,
    &oas31::AL112,
    &ignored::AL113,
];
