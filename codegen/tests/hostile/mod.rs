//! Support for `hostile_specs.rs`: generating hostile spec files and
//! checking what the generator makes of them.
//!
//! [`pools`] (hostile values by place) · [`yaml`] (writing them exactly) ·
//! [`strategy`] (whole cases) · [`type_defs`] (their types) · [`known`] (the smallest case of each class
//! found so far) · [`case`] (a case on disk) · [`check`] (the
//! properties) · [`tokens`] (spec text never becomes code) · [`items`] and [`declare`]
//! (what rustc would refuse) · [`markdown`] (doc text rustdoc would test).

pub mod case;
pub mod check;
pub mod declare;
pub mod items;
pub mod known;
pub mod markdown;
pub mod pools;
pub mod strategy;
pub mod tokens;
pub mod type_defs;
pub mod yaml;
