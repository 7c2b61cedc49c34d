//! How generated code reads one JSON scalar: the lenient conversions of
//! hostapi-runtime's `wire_value` (`de_i64`, `de_f64`, `de_bool`,
//! `de_string`), the text of string newtypes (`de_text`) and `Secret`, and
//! serde's strict readers for builtins inside lists, maps and unions. The
//! generator cannot depend on the runtime (it brings reqwest into every
//! build script), so these few rules are restated here; the property test
//! `tests/defaults_agree.rs` compares the verdicts with the generated types.

use serde_json::{Number, Value};

/// What a JSON value is, for messages: "a boolean".
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `Err(expected)`: what the reader wanted.
pub type Scalar<T> = Result<T, &'static str>;

pub const EXPECT_I64: &str = "an integer or a string holding one";
pub const EXPECT_F64: &str = "a number or a string holding one";
pub const EXPECT_BOOL: &str =
    "a boolean: true/false, 0/1, \"0\"/\"1\" or \"true\"/\"false\" in any case";
pub const EXPECT_TEXT: &str = "a string, number or boolean";

/// A number as the deserializer hands it over: `visit_u64`, `visit_i64` or
/// `visit_f64`.
enum Visit {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

fn visit(number: &Number) -> Visit {
    if let Some(u) = number.as_u64() {
        Visit::Unsigned(u)
    } else if let Some(i) = number.as_i64() {
        Visit::Signed(i)
    } else {
        Visit::Float(number.as_f64().unwrap_or(f64::NAN))
    }
}

/// `wire_value::de_i64`.
pub fn lenient_i64(value: &Value) -> Scalar<i64> {
    match value {
        Value::Number(n) => match visit(n) {
            Visit::Unsigned(u) => i64::try_from(u).map_err(|_| EXPECT_I64),
            Visit::Signed(i) => Ok(i),
            Visit::Float(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => {
                Ok(f as i64)
            }
            Visit::Float(_) => Err(EXPECT_I64),
        },
        Value::String(s) => s.trim().parse().map_err(|_| EXPECT_I64),
        _ => Err(EXPECT_I64),
    }
}

/// `wire_value::de_f64`.
pub fn lenient_f64(value: &Value) -> Scalar<f64> {
    match value {
        Value::Number(n) => Ok(match visit(n) {
            Visit::Unsigned(u) => u as f64,
            Visit::Signed(i) => i as f64,
            Visit::Float(f) => f,
        }),
        Value::String(s) => s.trim().parse().map_err(|_| EXPECT_F64),
        _ => Err(EXPECT_F64),
    }
}

/// `wire_value::de_bool`.
pub fn lenient_bool(value: &Value) -> Scalar<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match visit(n) {
            Visit::Unsigned(0) | Visit::Signed(0) => Ok(false),
            Visit::Unsigned(1) | Visit::Signed(1) => Ok(true),
            _ => Err(EXPECT_BOOL),
        },
        Value::String(s) => {
            let t = s.trim();
            if t == "1" || t.eq_ignore_ascii_case("true") {
                Ok(true)
            } else if t == "0" || t.eq_ignore_ascii_case("false") {
                Ok(false)
            } else {
                Err(EXPECT_BOOL)
            }
        }
        _ => Err(EXPECT_BOOL),
    }
}

/// A number's text as the runtime writes it (`to_string` of the visited
/// `u64`, `i64` or `f64`, not JSON's spelling: `1e21` is
/// `1000000000000000000000`).
fn number_text(number: &Number) -> String {
    match visit(number) {
        Visit::Unsigned(u) => u.to_string(),
        Visit::Signed(i) => i.to_string(),
        Visit::Float(f) => f.to_string(),
    }
}

/// `wire_value::de_string`: text, or a number or boolean as text.
pub fn lenient_text(value: &Value) -> Scalar<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(number_text(n)),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(EXPECT_TEXT),
    }
}

/// `newtype::de_text` (string newtypes) and `Secret`: text, or a number as
/// text; says whether it was a number.
pub fn newtype_text(value: &Value) -> Scalar<(String, bool)> {
    match value {
        Value::String(s) => Ok((s.clone(), false)),
        Value::Number(n) => Ok((number_text(n), true)),
        _ => Err("a string or a number"),
    }
}

/// serde's own `i64`: an integer number only.
pub fn strict_i64(value: &Value) -> Scalar<i64> {
    value.as_i64().ok_or("an integer")
}

/// serde's own `f64`: any number.
pub fn strict_f64(value: &Value) -> Scalar<f64> {
    value.as_f64().ok_or("a number")
}

/// serde's own `bool`.
pub fn strict_bool(value: &Value) -> Scalar<bool> {
    value.as_bool().ok_or("a boolean")
}

/// serde's own `String`.
pub fn strict_text(value: &Value) -> Scalar<String> {
    value.as_str().map(str::to_string).ok_or("a string")
}

/// A float as serialized: a number, or null (left out) when not finite.
pub fn float_wire(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_read_like_the_runtime() {
        assert_eq!(lenient_i64(&json!(" 5 ")), Ok(5));
        assert_eq!(lenient_i64(&json!(5.0)), Ok(5));
        assert!(lenient_i64(&json!(5.5)).is_err());
        assert!(lenient_i64(&json!(u64::MAX)).is_err());
        assert!(lenient_i64(&json!(true)).is_err());
        assert_eq!(lenient_f64(&json!("1e3")), Ok(1000.0));
        assert!(lenient_f64(&json!("NaN")).unwrap().is_nan());
        assert_eq!(lenient_bool(&json!(" TRUE ")), Ok(true));
        assert!(lenient_bool(&json!(1.0)).is_err());
        assert!(lenient_bool(&json!(2)).is_err());
        assert_eq!(
            lenient_text(&json!(1e21)).unwrap(),
            "1000000000000000000000"
        );
        assert_eq!(newtype_text(&json!(7)), Ok(("7".to_string(), true)));
        assert!(newtype_text(&json!(false)).is_err());
        assert!(strict_i64(&json!(1.0)).is_err());
        assert_eq!(float_wire(f64::NAN), Value::Null);
    }
}
