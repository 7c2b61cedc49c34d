//! A `serde_json::Value` deserializer that keeps the decode context's path
//! up to date: `[index]` while an array element is read, `[key]` while a
//! map entry is, so that what a value breaks is reported where it is
//! (`items[2].region_id`). Everything else is `Value`'s own deserializer.
//!
//! A record's `Reader` asks for its object as the struct [`RECORD`]; given
//! that name, the object is handed over whole instead of being taken apart
//! entry by entry and built again.

use std::cell::Cell;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Error, Map, Value};

use super::context::{self, Segment};

/// Deserializes the value it holds, tracking the path.
pub(crate) struct Tracked(pub(crate) Value);

/// The struct name under which a record asks for its object.
pub(crate) const RECORD: &str = "$hostapi_runtime::record";

thread_local! {
    static HANDED_OVER: Cell<Option<Map<String, Value>>> = const { Cell::new(None) };
}

/// The object [`Tracked`] handed to the record visitor it is visiting with
/// `visit_unit`, if any.
pub(crate) fn take_handed_over() -> Option<Map<String, Value>> {
    HANDED_OVER.with(Cell::take)
}

fn visit_array<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, Error> {
    let len = items.len();
    let mut seq = Seq {
        items: items.into_iter(),
        index: 0,
    };
    let value = visitor.visit_seq(&mut seq)?;
    if seq.items.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in array"))
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, Error> {
    let len = map.len();
    let mut entries = Entries {
        entries: map.into_iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut entries)?;
    if entries.entries.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

/// Containers are visited with tracking; scalars go to `Value`'s method of
/// the same name.
macro_rules! tracked {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                match self.0 {
                    Value::Array(items) => visit_array(items, visitor),
                    Value::Object(map) => visit_object(map, visitor),
                    other => other.$method(visitor),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Tracked {
    type Error = Error;

    tracked! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map deserialize_identifier
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) if name == RECORD => {
                HANDED_OVER.with(|slot| slot.set(Some(map)));
                let result = visitor.visit_unit();
                // Whatever the visitor did, nothing stays behind.
                drop(take_handed_over());
                result
            }
            other => Tracked(other).deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Externally tagged enums are not used by generated code; `Value`
        // reads them, without tracking below the tag.
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Seq {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        context::at(Segment::Index(index), || seed.deserialize(Tracked(item))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries {
    entries: serde_json::map::IntoIter,
    /// The value of the entry whose key was read last, and the path length
    /// to restore after it.
    value: Option<(Value, Option<usize>)>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let saved = context::push(Segment::Key(&key));
        match seed.deserialize(key.into_deserializer()) {
            Ok(key) => {
                self.value = Some((value, saved));
                Ok(Some(key))
            }
            Err(e) => {
                context::truncate_path(saved);
                Err(e)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((value, saved)) = self.value.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        let result = seed.deserialize(Tracked(value));
        context::truncate_path(saved);
        result
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;
    use crate::decode::context::Opened;

    #[test]
    fn reads_like_value() {
        let value = json!({"a": [1, 2, {"b": null}], "c": "d", "e": 1.5, "f": true});
        let back = Value::deserialize(Tracked(value.clone())).unwrap();
        assert_eq!(back, value);
        let map: BTreeMap<String, Option<Vec<i64>>> =
            Deserialize::deserialize(Tracked(json!({"x": [1, 2], "y": null}))).unwrap();
        assert_eq!(map["x"], Some(vec![1, 2]));
        assert_eq!(map["y"], None);
        let tuple: (i64, String) = Deserialize::deserialize(Tracked(json!([1, "a"]))).unwrap();
        assert_eq!(tuple, (1, "a".to_owned()));
        assert!(<(i64,)>::deserialize(Tracked(json!([1, 2]))).is_err());
        assert!(i64::deserialize(Tracked(json!("x"))).is_err());
    }

    #[test]
    fn the_path_follows_the_reader() {
        struct Probe(String);
        impl<'de> Deserialize<'de> for Probe {
            fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let _ = Value::deserialize(d)?;
                crate::decode::context::report(
                    "Probe".into(),
                    crate::validate::Violation::new("r", "m"),
                    None,
                );
                Ok(Probe(String::new()))
            }
        }
        let opened = Opened::new(false, "root");
        let _: Vec<BTreeMap<String, Probe>> =
            Deserialize::deserialize(Tracked(json!([{}, {"k": 1, "l": 2}]))).unwrap();
        let paths: Vec<String> = opened.close().into_iter().map(|v| v.path).collect();
        assert_eq!(paths, ["root[1][k]", "root[1][l]"]);
        let _ = Probe(String::new()).0;
    }
}
