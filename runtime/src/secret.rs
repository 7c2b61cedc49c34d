//! [`Secret`]: a string that must reach the wire but never a log.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::validate::{Validate, Violations};

/// The text that [`Secret`]'s `Debug` and `Display` print instead of the value.
pub const REDACTED: &str = "[REDACTED]";

/// A secret string: a password, an API key or token, a single-use hash.
///
/// `Debug` and `Display` print `[REDACTED]` only, so a secret can sit inside
/// any struct that derives `Debug` without leaking into logs or error
/// messages. [`Secret::expose`] hands out the real value; [`Serialize`] writes
/// the real value too, because it has to reach the wire. [`Deserialize`]
/// accepts a string, or a number rendered as text.
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The real value. Keep its use short and never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Consumes the secret and returns the real value.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl PartialEq for Secret {
    /// Compares in time that depends on the lengths only, not on where the
    /// first difference sits.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<&String> for Secret {
    fn from(value: &String) -> Self {
        Secret(value.clone())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SecretVisitor)
    }
}

struct SecretVisitor;

impl Visitor<'_> for SecretVisitor {
    type Value = Secret;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Secret, E> {
        Ok(Secret(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Secret, E> {
        Ok(Secret(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Secret, E> {
        Ok(Secret(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Secret, E> {
        Ok(Secret(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Secret, E> {
        Ok(Secret(v.to_string()))
    }
}

impl Validate for Secret {
    /// A bare `Secret` carries no constraints; constrained secret types
    /// (generated newtypes) run their own checks with `secret = true`.
    fn validate(&self, _v: &mut Violations) {}
}

/// A value of a constrained type that is secret where it is used, such as a
/// password field whose type is a plain line of text.
///
/// `Debug` prints `[REDACTED]`; validation reports the rule broken but never
/// a character of the value; a value that fails its type while being read
/// reports no detail, and one kept by a tolerant read is reported redacted.
/// [`Sensitive::expose`] hands out the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The real value. Keep its use short and never log it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Consumes the wrapper and returns the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Serialize> Serialize for Sensitive<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::secret(|| T::deserialize(deserializer))
            .map(Sensitive)
            .map_err(|_| {
                de::Error::custom("a secret value does not fit its type (details withheld)")
            })
    }
}

impl<T: Validate> Validate for Sensitive<T> {
    fn validate(&self, v: &mut Violations) {
        v.secret(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_values_never_show() {
        #[derive(Debug)]
        struct Line(String);
        impl Validate for Line {
            fn validate(&self, v: &mut Violations) {
                let result = crate::validate::rules::control_chars(&self.0, false, false, false)
                    .map_err(|e| e.for_type("Line"));
                v.check(result, false);
            }
        }
        let value = Sensitive::new(Line("hunter\u{7}2".into()));
        assert_eq!(format!("{value:?}"), "[REDACTED]");
        let mut violations = Violations::with_root("params");
        violations.field("password", &value);
        let text = violations.into_result().unwrap_err().to_string();
        assert!(text.contains("params.password"), "{text}");
        assert!(
            !text.contains("U+0007") && !text.contains("hunter"),
            "{text}"
        );
        let read: Result<Sensitive<u8>, _> = serde_json::from_str("\"hunter2\"");
        assert!(!read.unwrap_err().to_string().contains("hunter2"));
    }

    #[test]
    fn redacts_debug_and_display() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "[REDACTED]");
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(format!("{:?}", Some(&s)), "Some([REDACTED])");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn serializes_real_value_and_reads_numbers() {
        let s = Secret::from("p@ss");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"p@ss\"");
        let n: Secret = serde_json::from_str("12345").unwrap();
        assert_eq!(n.expose(), "12345");
        let t: Secret = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(t, Secret::from(String::from("abc")));
        assert!(serde_json::from_str::<Secret>("[1]").is_err());
    }

    #[test]
    fn equality() {
        assert_eq!(Secret::new("a"), Secret::new("a"));
        assert_ne!(Secret::new("a"), Secret::new("b"));
        assert_ne!(Secret::new("a"), Secret::new("ab"));
    }
}
