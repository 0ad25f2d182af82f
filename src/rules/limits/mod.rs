//! AL96x — External Services' org-wide limits, measured on one spec.

mod org_limits;

use super::Rule;

pub const RULES: &[&Rule] = &[
    &org_limits::AL960,
    &org_limits::AL961,
    &org_limits::AL962,
    &org_limits::AL963,
];
