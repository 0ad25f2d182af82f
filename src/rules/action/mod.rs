//! AL8xx — the agent-action annotations of an operation (`x-sfdc.agent.action`,
//! `x-sfdc.privacy`) and of its schemas.

mod flags;
mod placement;
mod shape;

use super::Rule;

pub(crate) use flags::{AL804, AL807};
pub(crate) use placement::{AL809, AL811};

pub const RULES: &[&Rule] = &[
    &shape::AL800,
    &shape::AL801,
    &shape::AL802,
    &shape::AL803,
    &flags::AL804,
    &flags::AL805,
    &flags::AL806,
    &flags::AL807,
    &flags::AL808,
    &placement::AL809,
    &placement::AL810,
    &placement::AL811,
];
