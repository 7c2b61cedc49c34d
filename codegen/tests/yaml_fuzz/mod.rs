//! Support for `yaml_loader_fuzz.rs`: real specs as trees ([`tree`]),
//! structure-aware mutations of them, writing them in varied YAML syntax
//! ([`render`]), inputs made to exhaust a loader ([`pathological`]), and
//! a seeded generator ([`rng`]).

pub mod pathological;
pub mod render;
pub mod rng;
pub mod tree;
