//! AL2xx — paths and operations: methods, operationIds, descriptions, path parameters,
//! responses, and the fields agent actions must not have.

mod agent_fields;
mod descriptions;
mod methods;
mod operation_id;
mod path_params;
mod responses;

pub use operation_id::{AL202, AL202_STOPS_BUILD, AL203_STOPS_BUILD, AL206_STOPS_BUILD};

use super::Rule;

pub const RULES: &[&Rule] = &[
    &methods::AL200,
    &methods::AL201,
    &operation_id::AL202,
    &operation_id::AL203,
    &operation_id::AL204,
    &operation_id::AL205,
    &operation_id::AL206,
    &descriptions::AL207,
    &descriptions::AL208,
    &path_params::AL209,
    &responses::AL210,
    &responses::AL211,
    &responses::AL212,
    &agent_fields::AL213,
    &responses::AL214,
];
