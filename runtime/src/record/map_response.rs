//! [`MapResponse`]: the response of a method whose keys are not fixed (a
//! spec's `returns_map`), carrying what its values break as records do.

use serde::Deserialize;
use serde::de;

use crate::decode::ResponseViolation;
use crate::decode::context::RecordScope;

/// A response whose keys are not fixed (a spec's `returns_map`): the map,
/// which it dereferences to, and what its values break.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapResponse<M> {
    map: M,
    violations: Box<[ResponseViolation]>,
}

impl<M> MapResponse<M> {
    /// Wraps a map (with no violations).
    pub fn new(map: M) -> Self {
        MapResponse {
            map,
            violations: Box::default(),
        }
    }

    /// The received values that break their documented rule, with paths
    /// starting at the key (`[example.com]`); see the records'
    /// `violations()`.
    pub fn violations(&self) -> &[ResponseViolation] {
        &self.violations
    }

    /// The map.
    pub fn into_inner(self) -> M {
        self.map
    }
}

impl<M> From<M> for MapResponse<M> {
    fn from(map: M) -> Self {
        MapResponse::new(map)
    }
}

impl<M> std::ops::Deref for MapResponse<M> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.map
    }
}

impl<M> std::ops::DerefMut for MapResponse<M> {
    fn deref_mut(&mut self) -> &mut M {
        &mut self.map
    }
}

impl<M: IntoIterator> IntoIterator for MapResponse<M> {
    type Item = M::Item;
    type IntoIter = M::IntoIter;
    fn into_iter(self) -> M::IntoIter {
        self.map.into_iter()
    }
}

impl<'a, M> IntoIterator for &'a MapResponse<M>
where
    &'a M: IntoIterator,
{
    type Item = <&'a M as IntoIterator>::Item;
    type IntoIter = <&'a M as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (&self.map).into_iter()
    }
}

impl<'de, M: Deserialize<'de>> Deserialize<'de> for MapResponse<M> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let scope = RecordScope::enter();
        let map = M::deserialize(deserializer)?;
        Ok(MapResponse {
            map,
            violations: scope.finish(),
        })
    }
}
