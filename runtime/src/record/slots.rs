//! A record's fields read as one typed list.
//!
//! A received record's `Deserialize` names its fields' types and read
//! modes as a tuple of slot types, one inner tuple per field group of the
//! `record!` invocation (`((req<String>, lenient<i64>), (opt<Hostname>,))`),
//! and their wire names as one array, and makes one call: [`read_record`].
//! The per-field reads are generic code here, compiled once, instead of a
//! generic call per field in every record's body: at ten times Liquid Web
//! v1 that took the crate's peak compile memory down by about 75 MiB
//! (docs/benchmarks.md, issue 14).
//!
//! A tuple holds at most [`MAX_GROUP_FIELDS`] slots, so a group of more
//! fields is written as several groups of the same kind (the generator
//! does this).

#![allow(non_camel_case_types)]

use std::marker::PhantomData;
use std::slice;

use serde::de::{self, DeserializeOwned};

use super::{Lenient, Reader};
use crate::decode::ResponseViolation;

/// A field always present ([`Reader::req`]).
pub struct req<T>(PhantomData<T>);
/// A field that may be absent or null ([`Reader::opt`]).
pub struct opt<T>(PhantomData<T>);
/// A builtin read leniently ([`Reader::lenient`]).
pub struct lenient<T>(PhantomData<T>);
/// An optional builtin read leniently ([`Reader::opt_lenient`]).
pub struct opt_lenient<T>(PhantomData<T>);
/// A field the vendor may leave empty ([`Reader::empty`]).
pub struct empty<T>(PhantomData<T>);
/// A numbered series collected into a list ([`Reader::series`]).
pub struct series<T>(PhantomData<T>);

/// The most fields one group of a `record!` may hold: the longest tuple
/// that implements [`Slot`].
pub const MAX_GROUP_FIELDS: usize = 32;

/// How one field, or a list of them, is read.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of field slots",
    note = "a `record!` group holds at most 32 fields: split a longer one into several groups of the same kind"
)]
pub trait Slot<E> {
    /// What is read: the field's value, or a tuple of them.
    type Out;
    /// Reads the field named by the next wire name; `None` when a required
    /// field failed (the reader keeps the error).
    fn read(
        reader: &mut Reader<E>,
        wires: &mut slice::Iter<'static, &'static str>,
    ) -> Option<Self::Out>;
}

/// The next wire name. `record!` writes the names and the slots from the
/// same field lists, so they never run out first.
fn next(wires: &mut slice::Iter<'static, &'static str>) -> &'static str {
    wires.next().copied().unwrap_or_default()
}

macro_rules! leaf {
    ($slot:ident, $bound:path, $out:ty, |$reader:ident, $wire:ident| $read:expr) => {
        impl<E: de::Error, T: $bound> Slot<E> for $slot<T> {
            type Out = $out;
            #[inline]
            fn read(
                $reader: &mut Reader<E>,
                wires: &mut slice::Iter<'static, &'static str>,
            ) -> Option<Self::Out> {
                let $wire = next(wires);
                $read
            }
        }
    };
}

leaf!(req, DeserializeOwned, T, |r, w| r.req(w));
leaf!(opt, DeserializeOwned, Option<T>, |r, w| Some(r.opt(w)));
leaf!(lenient, Lenient, T, |r, w| r.lenient(w));
leaf!(opt_lenient, Lenient, Option<T>, |r, w| Some(
    r.opt_lenient(w)
));
leaf!(empty, DeserializeOwned, Option<T>, |r, w| Some(r.empty(w)));
leaf!(series, DeserializeOwned, Vec<T>, |r, w| Some(r.series(w)));

/// Implements [`Slot`] for tuples of every length up to the list given:
/// the whole list, then the list without its first pair, down to `()`.
macro_rules! tuples {
    () => {
        impl<E> Slot<E> for () {
            type Out = ();
            #[inline]
            fn read(_: &mut Reader<E>, _: &mut slice::Iter<'static, &'static str>) -> Option<()> {
                Some(())
            }
        }
    };
    ($first:ident $first_value:ident $($slot:ident $value:ident)*) => {
        impl<E, $first: Slot<E>, $($slot: Slot<E>),*> Slot<E> for ($first, $($slot,)*) {
            type Out = ($first::Out, $($slot::Out,)*);
            #[inline]
            fn read(
                reader: &mut Reader<E>,
                wires: &mut slice::Iter<'static, &'static str>,
            ) -> Option<Self::Out> {
                // Every field is read before a failure is reported.
                let $first_value = $first::read(reader, wires);
                $( let $value = $slot::read(reader, wires); )*
                Some(($first_value?, $($value?,)*))
            }
        }
        tuples!($($slot $value)*);
    };
}

// `MAX_GROUP_FIELDS` pairs.
tuples!(
    T0 v0 T1 v1 T2 v2 T3 v3 T4 v4 T5 v5 T6 v6 T7 v7
    T8 v8 T9 v9 T10 v10 T11 v11 T12 v12 T13 v13 T14 v14 T15 v15
    T16 v16 T17 v17 T18 v18 T19 v19 T20 v20 T21 v21 T22 v22 T23 v23
    T24 v24 T25 v25 T26 v26 T27 v27 T28 v28 T29 v29 T30 v30 T31 v31
);

/// What [`read_record`] returns: the values read, and what they break.
pub type Read<T> = (T, Box<[ResponseViolation]>);

/// Reads a record's object: the fields `S` lists, at `wires`, in order.
pub fn read_record<'de, D, S>(
    deserializer: D,
    wires: &'static [&'static str],
) -> Result<Read<S::Out>, D::Error>
where
    D: de::Deserializer<'de>,
    S: Slot<D::Error>,
{
    let mut reader = Reader::new(deserializer)?;
    let read = S::read(&mut reader, &mut wires.iter());
    match read {
        Some(values) => Ok((values, reader.finish()?)),
        None => Err(reader.into_error()),
    }
}
