//! One walk over a record's fields that every per-record impl shares.
//!
//! A record declared with [`record!`](crate::record!) writes a single
//! method listing its fields ([`Fields::visit`], or [`SentFields::visit`]
//! for a record that is sent), and its `Debug`, `PartialEq`, `Serialize`
//! and `Validate` impls are one call each into the functions here. Each of
//! those impls used to repeat a line per field; with thousands of records
//! in an API, the compiler's memory went into those repeated bodies
//! (docs/benchmarks.md, issue 14).

use std::any::Any;
use std::fmt;

use serde::Serialize;

use super::Writer;
use crate::decode::ResponseViolation;
use crate::validate::{Numbering, RequiredIf, Validate, Violations};

/// What every field of a record can do: be shown and compared.
pub trait FieldValue: fmt::Debug + PartialEq + Any {}
impl<T: fmt::Debug + PartialEq + Any> FieldValue for T {}

/// What every field of a sent record can do besides: go on the wire and be
/// checked.
pub trait SentValue: FieldValue + Serialize + Validate {}
impl<T: FieldValue + Serialize + Validate> SentValue for T {}

/// Receives the fields of a received record, in declaration order.
pub trait FieldVisitor<'a> {
    /// A field named `name` in Rust.
    fn field<T: FieldValue>(&mut self, name: &'static str, value: &'a T);
}

/// Receives the fields of a sent record, in declaration order.
pub trait SentFieldVisitor<'a> {
    /// A field named `name` in Rust and `wire` on the wire.
    fn field<T: SentValue>(&mut self, name: &'static str, wire: &'static str, value: &'a T);
    /// A series: numbered (`NS{n}` as `NS1`, `NS2`, …) or, without
    /// `numbering`, one list under `wire`. The field itself, not a slice:
    /// equality compares it as one value of a known type.
    #[allow(clippy::ptr_arg)]
    fn series<T: SentValue>(
        &mut self,
        name: &'static str,
        wire: &'static str,
        numbering: Option<Numbering>,
        values: &'a Vec<T>,
    );
    /// A numbered series of groups: one sent record per group, whose
    /// members' wire names hold `{n}`, and the count parameter the client
    /// fills with the number of groups.
    #[allow(clippy::ptr_arg)]
    fn group<T: SentValue + SentFields>(
        &mut self,
        name: &'static str,
        count: Option<&'static str>,
        numbering: Numbering,
        groups: &'a Vec<T>,
    );
}

/// A record that is only received: its fields, for `Debug` and `PartialEq`.
pub trait Fields {
    /// Hands every field to `visitor`, in declaration order.
    fn visit<'a, V: FieldVisitor<'a>>(&'a self, visitor: &mut V);
}

/// A record that is sent (and maybe received too): its fields with their
/// wire names and series numbering, and its `required_if` rules.
pub trait SentFields {
    /// The rules making a field required while others are absent or set.
    const REQUIRED_IF: &'static [RequiredIf] = &[];
    /// Hands every field to `visitor`, in declaration order.
    fn visit<'a, V: SentFieldVisitor<'a>>(&'a self, visitor: &mut V);
}

/// Formats a received record as `Name { field: value, … }`, then the
/// violations found when it was read, if any.
pub fn debug<R: Fields>(
    record: &R,
    name: &str,
    violations: &[ResponseViolation],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut shown = Shown(f.debug_struct(name));
    record.visit(&mut shown);
    shown.finish(violations)
}

/// [`debug`] for a sent record.
pub fn debug_sent<R: SentFields>(
    record: &R,
    name: &str,
    violations: &[ResponseViolation],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut shown = Shown(f.debug_struct(name));
    record.visit(&mut AsSent(&mut shown));
    shown.finish(violations)
}

/// Whether two received records have equal fields (what a read reported
/// about the values is not part of them).
pub fn eq<R: Fields>(left: &R, right: &R) -> bool {
    let (mut a, mut b) = (Collected(Vec::new()), Collected(Vec::new()));
    left.visit(&mut a);
    right.visit(&mut b);
    a.equals(&b)
}

/// [`eq`] for a sent record.
pub fn eq_sent<R: SentFields>(left: &R, right: &R) -> bool {
    let (mut a, mut b) = (Collected(Vec::new()), Collected(Vec::new()));
    left.visit(&mut AsSent(&mut a));
    right.visit(&mut AsSent(&mut b));
    a.equals(&b)
}

/// A received record's visitor walking a sent record: wire names and
/// numbering are not its business, a series is one list-valued field.
struct AsSent<'v, V>(&'v mut V);

impl<'a, V: FieldVisitor<'a>> SentFieldVisitor<'a> for AsSent<'_, V> {
    fn field<T: SentValue>(&mut self, name: &'static str, _wire: &'static str, value: &'a T) {
        self.0.field(name, value);
    }
    fn series<T: SentValue>(
        &mut self,
        name: &'static str,
        _wire: &'static str,
        _numbering: Option<Numbering>,
        values: &'a Vec<T>,
    ) {
        self.0.field(name, values);
    }
    fn group<T: SentValue + SentFields>(
        &mut self,
        name: &'static str,
        _count: Option<&'static str>,
        _numbering: Numbering,
        groups: &'a Vec<T>,
    ) {
        self.0.field(name, groups);
    }
}

/// Writes a sent record as one object: wire names, `None` left out, a
/// numbered series one parameter per value.
pub fn serialize<R: SentFields, S: serde::Serializer>(
    record: &R,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut written = Written {
        writer: Writer::new(serializer)?,
        error: None,
    };
    record.visit(&mut written);
    match written.error {
        Some(error) => Err(error),
        None => written.writer.finish(),
    }
}

/// Checks every field of a sent record at its wire name, then its
/// `required_if` rules.
pub fn validate<R: SentFields + Serialize>(record: &R, violations: &mut Violations) {
    record.visit(&mut Checked(violations));
    if !R::REQUIRED_IF.is_empty() {
        violations.required_if(record, R::REQUIRED_IF);
    }
}

struct Shown<'f, 'b>(fmt::DebugStruct<'f, 'b>);

impl Shown<'_, '_> {
    fn finish(mut self, violations: &[ResponseViolation]) -> fmt::Result {
        if !violations.is_empty() {
            self.0.field("violations", &violations);
        }
        self.0.finish()
    }
}

impl<'a> FieldVisitor<'a> for Shown<'_, '_> {
    fn field<T: FieldValue>(&mut self, name: &'static str, value: &'a T) {
        self.0.field(name, value);
    }
}

/// A value compared through `Any`: the two sides of one field always have
/// the same type, so the downcast only fails if the records differ in
/// shape, which a record's own `visit` never does.
trait Comparable {
    fn equals(&self, other: &dyn Any) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: FieldValue> Comparable for T {
    fn equals(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>().is_some_and(|other| self == other)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

struct Collected<'a>(Vec<&'a dyn Comparable>);

impl Collected<'_> {
    fn equals(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a.equals(b.as_any()))
    }
}

impl<'a> FieldVisitor<'a> for Collected<'a> {
    fn field<T: FieldValue>(&mut self, _name: &'static str, value: &'a T) {
        self.0.push(value);
    }
}

struct Written<S: serde::Serializer> {
    writer: Writer<S>,
    error: Option<S::Error>,
}

impl<S: serde::Serializer> Written<S> {
    fn keep(&mut self, result: Result<(), S::Error>) {
        if let Err(error) = result {
            self.error = Some(error);
        }
    }
}

impl<'a, S: serde::Serializer> SentFieldVisitor<'a> for Written<S> {
    fn field<T: SentValue>(&mut self, _name: &'static str, wire: &'static str, value: &'a T) {
        if self.error.is_none() {
            let result = self.writer.field(wire, value);
            self.keep(result);
        }
    }
    fn series<T: SentValue>(
        &mut self,
        _name: &'static str,
        wire: &'static str,
        numbering: Option<Numbering>,
        values: &'a Vec<T>,
    ) {
        if self.error.is_none() {
            let result = match numbering {
                Some(numbering) => self.writer.series(wire, numbering.first, values),
                None => self.writer.field(wire, values),
            };
            self.keep(result);
        }
    }
    fn group<T: SentValue + SentFields>(
        &mut self,
        _name: &'static str,
        count: Option<&'static str>,
        numbering: Numbering,
        groups: &'a Vec<T>,
    ) {
        if let Some(count) = count.filter(|_| self.error.is_none()) {
            let result = self.writer.field(count, &groups.len());
            self.keep(result);
        }
        for (number, group) in (numbering.first..).zip(groups) {
            if self.error.is_some() {
                return;
            }
            let mut numbered = NumberedWritten {
                writer: &mut self.writer,
                number,
                error: None,
            };
            group.visit(&mut numbered);
            if let Some(error) = numbered.error {
                self.error = Some(error);
            }
        }
    }
}

/// Writes the members of one group under their numbered names (`Address{n}`
/// of group 2: `Address2`). A group's record has only plain members: the
/// generator refuses a series or group inside one, so those are written
/// as one value under the numbered name.
struct NumberedWritten<'w, S: serde::Serializer> {
    writer: &'w mut Writer<S>,
    number: usize,
    error: Option<S::Error>,
}

impl<S: serde::Serializer> NumberedWritten<'_, S> {
    fn write<T: Serialize + ?Sized>(&mut self, wire: &str, value: &T) {
        if self.error.is_none() {
            let name = super::series_name(wire, self.number);
            if let Err(error) = self.writer.field(&name, value) {
                self.error = Some(error);
            }
        }
    }
}

impl<'a, S: serde::Serializer> SentFieldVisitor<'a> for NumberedWritten<'_, S> {
    fn field<T: SentValue>(&mut self, _name: &'static str, wire: &'static str, value: &'a T) {
        self.write(wire, value);
    }
    fn series<T: SentValue>(
        &mut self,
        _name: &'static str,
        wire: &'static str,
        _numbering: Option<Numbering>,
        values: &'a Vec<T>,
    ) {
        self.write(wire, values);
    }
    fn group<T: SentValue + SentFields>(
        &mut self,
        name: &'static str,
        _count: Option<&'static str>,
        _numbering: Numbering,
        groups: &'a Vec<T>,
    ) {
        self.write(name, groups);
    }
}

struct Checked<'v>(&'v mut Violations);

impl<'a> SentFieldVisitor<'a> for Checked<'_> {
    fn field<T: SentValue>(&mut self, _name: &'static str, wire: &'static str, value: &'a T) {
        self.0.field(wire, value);
    }
    fn series<T: SentValue>(
        &mut self,
        _name: &'static str,
        wire: &'static str,
        numbering: Option<Numbering>,
        values: &'a Vec<T>,
    ) {
        match numbering {
            Some(numbering) => self.0.series(wire, numbering, values),
            None => self.0.field(wire, values),
        }
    }
    fn group<T: SentValue + SentFields>(
        &mut self,
        name: &'static str,
        _count: Option<&'static str>,
        numbering: Numbering,
        groups: &'a Vec<T>,
    ) {
        for (number, group) in (numbering.first..).zip(groups) {
            group.visit(&mut NumberedChecked {
                violations: self.0,
                number,
            });
        }
        self.0.group_count(name, numbering, groups.len());
    }
}

/// Checks the members of one group at their numbered names.
struct NumberedChecked<'v> {
    violations: &'v mut Violations,
    number: usize,
}

impl<'a> SentFieldVisitor<'a> for NumberedChecked<'_> {
    fn field<T: SentValue>(&mut self, _name: &'static str, wire: &'static str, value: &'a T) {
        let name = super::series_name(wire, self.number);
        self.violations.field(&name, value);
    }
    fn series<T: SentValue>(
        &mut self,
        _name: &'static str,
        wire: &'static str,
        _numbering: Option<Numbering>,
        values: &'a Vec<T>,
    ) {
        let name = super::series_name(wire, self.number);
        self.violations.field(&name, values);
    }
    fn group<T: SentValue + SentFields>(
        &mut self,
        name: &'static str,
        _count: Option<&'static str>,
        _numbering: Numbering,
        groups: &'a Vec<T>,
    ) {
        self.violations.field(name, groups);
    }
}
