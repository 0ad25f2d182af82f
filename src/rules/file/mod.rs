//! AL0xx — the file itself and its references.

mod loader;

pub(crate) use loader::AL003;
pub use loader::{LOAD_FAILURES, rule_of};
mod refs;
pub mod xml_chars;

use super::Rule;

pub const RULES: &[&Rule] = &[
    &loader::AL001,
    &loader::AL002,
    &loader::AL003,
    &loader::AL004,
    &refs::AL005,
    &refs::AL006,
    &refs::AL007,
    &refs::AL008,
    &xml_chars::AL009,
    &loader::AL010,
    &loader::AL011,
];
