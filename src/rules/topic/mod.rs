//! AL7xx — the root `x-sfdc` block and its agent topic (`x-sfdc.agent.topic`).

mod name;
mod placement;
mod root;
mod topic;

use super::Rule;

pub const RULES: &[&Rule] = &[
    &root::AL700,
    &root::AL701,
    &root::AL702,
    &topic::AL703,
    &topic::AL704,
    &topic::AL705,
    &topic::AL706,
    &name::AL707,
    &name::AL708,
    &topic::AL709,
    &name::AL710,
    &placement::AL711,
];
