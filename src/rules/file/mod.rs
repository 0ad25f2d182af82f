//! AL0xx — the file itself and its references.

mod loader;

use super::Rule;

pub const RULES: &[&Rule] = &[&loader::AL001, &loader::AL002, &loader::AL003, &loader::AL004];
