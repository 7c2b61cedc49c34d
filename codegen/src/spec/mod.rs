//! The spec format and reading it from YAML with positions.

pub mod binding;
pub mod load;
pub mod model;
pub mod overlay_paths;
pub mod responses;
pub mod servers;
pub mod span;
pub mod twins;
pub mod types;
