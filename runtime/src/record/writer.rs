//! Writing a sent record: its fields as one object, a numbered series as
//! one parameter per value.

use std::fmt;

use serde::Serialize;

/// Writes the fields of one record as an object, straight into the
/// serializer, leaving out fields that serialize to null (`None`). A map,
/// not a struct: a numbered series' keys (`NS1`, `NS2`, …) are made as
/// they are written.
pub struct Writer<S: serde::Serializer> {
    state: S::SerializeMap,
}

impl<S: serde::Serializer> fmt::Debug for Writer<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl<S: serde::Serializer> Writer<S> {
    /// Starts the object of a record.
    pub fn new(serializer: S) -> Result<Self, S::Error> {
        Ok(Writer {
            state: serializer.serialize_map(None)?,
        })
    }

    /// Writes `value` under `wire`, unless it is `None` (null); an error
    /// names the field.
    pub fn field<T: Serialize + ?Sized>(&mut self, wire: &str, value: &T) -> Result<(), S::Error> {
        use serde::ser::{Error, SerializeMap};
        if crate::json_kind::JsonKind::is_null(value) {
            return Ok(());
        }
        self.state
            .serialize_entry(wire, value)
            .map_err(|e| S::Error::custom(format_args!("field `{wire}`: {e}")))
    }

    /// Writes a numbered series (`NS{n}`): each value under its own
    /// number, counting from `first`, in order.
    pub fn series<T: Serialize>(
        &mut self,
        pattern: &str,
        first: usize,
        values: &[T],
    ) -> Result<(), S::Error> {
        for (number, value) in (first..).zip(values) {
            self.field(&series_name(pattern, number), value)?;
        }
        Ok(())
    }

    /// Ends the object.
    pub fn finish(self) -> Result<S::Ok, S::Error> {
        serde::ser::SerializeMap::end(self.state)
    }
}

/// The name of item `number` of the numbered series `pattern` (`NS{n}`, 3:
/// `NS3`).
pub fn series_name(pattern: &str, number: usize) -> String {
    pattern.replacen("{n}", &number.to_string(), 1)
}
