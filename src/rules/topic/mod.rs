//! AL7xx — the root `x-sfdc` block and its agent topic (`x-sfdc.agent.topic`).

mod fields;
mod name;
mod placement;
mod root;

pub use fields::{AL704_STOPS_BUILD, AL705_STOPS_BUILD};
pub use name::AL708_STOPS_BUILD;

/// Why build needs the topic's name.
const NAMES_TOPIC: &str = "the GenAiPlugin is named after the topic name";

use super::Rule;

pub const RULES: &[&Rule] = &[
    &root::AL700,
    &root::AL701,
    &root::AL702,
    &fields::AL703,
    &fields::AL704,
    &fields::AL705,
    &fields::AL706,
    &name::AL707,
    &name::AL708,
    &fields::AL709,
    &name::AL710,
    &placement::AL711,
];
