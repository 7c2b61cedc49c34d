//! The spec format's named types (`types:`): a `TypeDef` and the rule of
//! each kind (strings and their character rules, numbers, decimals,
//! booleans, enums, unions, objects, maps, arrays, Unix times), as written
//! in YAML. Re-exported by `model`, where the rest of the format lives.

use schemars::JsonSchema;
use serde::Deserialize;

use super::model::{LintConfig, Param};
use super::span::{Entries, Sp};

/// A named type. Exactly one kind key (`string`, `integer`, …) must be set.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The vendor's phrase for the type, verbatim.
    pub doc: Sp<String>,
    /// How the phrase was read, where it needed interpreting.
    #[serde(default)]
    pub note: Option<String>,
    /// The vendor's own name for the type, e.g. `SUBACCNT_UNIQ_ID`.
    #[serde(default)]
    pub vendor_name: Option<String>,
    /// Every value of the type is a secret (a password type): `Debug` hides
    /// it and errors never describe it, wherever it is used.
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub string: Option<Sp<StringRule>>,
    #[serde(default)]
    pub integer: Option<Sp<IntegerRule>>,
    #[serde(default)]
    pub float: Option<Sp<FloatRule>>,
    #[serde(default)]
    pub boolean: Option<Sp<BooleanRule>>,
    #[serde(default, rename = "enum")]
    pub enumeration: Option<Sp<EnumRule>>,
    #[serde(default)]
    pub unix_time: Option<Sp<UnixTimeRule>>,
    #[serde(default)]
    pub map: Option<Sp<MapRule>>,
    #[serde(default)]
    pub array: Option<Sp<ArrayRule>>,
    #[serde(default)]
    pub decimal: Option<Sp<DecimalRule>>,
    #[serde(default)]
    pub union: Option<Sp<UnionRule>>,
    #[serde(default)]
    pub object: Option<Sp<ObjectRule>>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
}

impl TypeDef {
    /// The type names this definition refers to: array items, map values,
    /// union members and object fields.
    pub fn referenced_types(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let Some(array) = &self.array {
            out.push(array.items.value.as_str());
        }
        if let Some(values) = self.map.as_ref().and_then(|m| m.values.as_ref()) {
            out.push(values.value.as_str());
        }
        if let Some(union) = &self.union {
            out.extend(union.of.iter().map(|m| m.value.as_str()));
        }
        if let Some(object) = &self.object {
            out.extend(object.fields.iter().map(|(_, f)| f.ty.value.as_str()));
        }
        out
    }
}

/// Constraints on a string. Lengths count characters, not bytes.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StringRule {
    /// The only permitted lengths, e.g. `[27, 86]`.
    #[serde(default)]
    pub length: Option<Sp<Vec<u32>>>,
    #[serde(default)]
    pub min_length: Option<Sp<u32>>,
    #[serde(default)]
    pub max_length: Option<Sp<u32>>,
    /// Characters allowed everywhere, as a character-class body:
    /// `A-Z0-9`, `a-zA-Z0-9._-`. A `-` is literal first or last; `\t`, `\\`,
    /// `\-` and `\]` escape.
    #[serde(default)]
    pub chars: Option<Sp<String>>,
    /// Characters allowed as the first character, in the same notation.
    #[serde(default)]
    pub first_char: Option<Sp<String>>,
    /// Control characters are forbidden except those listed here.
    #[serde(default)]
    pub control_chars: Option<Sp<ControlChars>>,
    /// Characters forbidden everywhere, in the same notation as `chars`.
    #[serde(default)]
    pub not_chars: Option<Sp<String>>,
    /// Characters of at least N of these classes must occur.
    #[serde(default)]
    pub classes: Option<Sp<ClassRule>>,
    /// A well-known shape the value must have.
    #[serde(default)]
    pub format: Option<Sp<StringFormat>>,
    /// A regular expression (Rust `regex` syntax) the whole value must
    /// match: the fallback where nothing above says it. Generated crates
    /// then need hostapi-runtime's `pattern` feature.
    #[serde(default)]
    pub pattern: Option<Sp<String>>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlChars {
    /// The control characters still allowed.
    #[serde(default)]
    pub allow: Vec<ControlChar>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ControlChar {
    /// U+0009.
    Tab,
    /// U+000D.
    Cr,
    /// U+000A.
    Lf,
}

/// A well-known shape. Each is checked by a specialised helper in
/// hostapi-runtime; `spec/README.md` states each rule exactly.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum StringFormat {
    /// Letters, digits, `+` and `/`, then zero to two `=`.
    Base64,
    /// An absolute `http://` or `https://` URI with a host.
    HttpUri,
    /// Labels of letters, digits and `-` (not first or last), 1 to 63
    /// characters each, separated by `.`; at most 253 characters.
    Hostname,
    /// A `hostname` of at least two labels.
    Fqdn,
    /// A DNS name: at most 127 labels of 1 to 63 characters (any characters
    /// but `.`), at most 253 characters.
    DomainName,
    /// `*.` followed by a `domain_name`.
    WildcardDomain,
    /// A `domain_name` ending in `.in-addr.arpa`.
    ReverseDnsV4,
    /// A `domain_name` ending in `.ip6.arpa`.
    ReverseDnsV6,
    /// A `domain_name` ending in `.in-addr.arpa` or `.ip6.arpa`.
    ReverseZone,
    /// An IPv4 address in dotted-quad notation.
    Ipv4,
    /// An IPv4 address, `/` and a mask of 0 to 32.
    Ipv4Cidr,
    /// An IPv6 address.
    Ipv6,
    /// `local@domain`: an RFC 5322 dot-atom local part of 1 to 64 characters
    /// and a `hostname` domain; at most 254 characters.
    Email,
    /// `YYYY-MM-DD`, a date that exists.
    Date,
    /// `YYYY-MM-DD HH:MM:SS`, a date and time that exist.
    Datetime,
    /// `type/subtype` with RFC 6838 names.
    MimeType,
    /// An OpenSSH public key line: key type, base64 key, optional comment.
    SshPublicKey,
    /// One or more PEM blocks with this label, e.g. `CERTIFICATE`.
    Pem(Sp<String>),
}

/// "Must contain characters of N of these classes".
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    /// How many of the classes must occur.
    pub at_least: Sp<u32>,
    /// The classes.
    pub of: Vec<CharKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CharKind {
    /// Lowercase letters (Unicode).
    Lowercase,
    /// Uppercase letters (Unicode).
    Uppercase,
    /// Any letter (Unicode).
    Letter,
    /// ASCII digits.
    Digit,
    /// Visible characters that are not letters or digits.
    Punctuation,
}

/// A decimal number written as text, such as money (`-$.05`) or a price
/// (`5.00`): `[-][symbol]digits[.digits]`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecimalRule {
    /// A currency symbol that may follow the sign, e.g. `$`.
    #[serde(default)]
    pub currency: Option<Sp<String>>,
    /// A leading `-` is allowed.
    #[serde(default)]
    pub negative: bool,
    /// The value must be above zero.
    #[serde(default)]
    pub positive: bool,
    /// Fewest digits after the point.
    #[serde(default)]
    pub min_fraction_digits: Option<Sp<u8>>,
    /// Most digits after the point.
    #[serde(default)]
    pub max_fraction_digits: Option<Sp<u8>>,
}

/// "Either: A or B": the first member type that accepts the value wins.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnionRule {
    /// The member types, in the order they are tried.
    pub of: Vec<Sp<String>>,
}

/// A nested structure with its own fields.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectRule {
    /// The fields, keyed by wire name; `required` as for parameters.
    pub fields: Entries<Param>,
}

/// Constraints on an integer.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntegerRule {
    #[serde(default)]
    pub min: Option<Sp<i64>>,
    #[serde(default)]
    pub max: Option<Sp<i64>>,
}

/// Constraints on a floating-point number.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FloatRule {
    /// The value must be at least this.
    #[serde(default)]
    pub min: Option<Sp<f64>>,
    /// The value must be at most this.
    #[serde(default)]
    pub max: Option<Sp<f64>>,
    /// The value must be above this ("a positive floating-point value" is
    /// `above: 0`).
    #[serde(default)]
    pub above: Option<Sp<f64>>,
}

/// A boolean and how it is written on the wire.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BooleanRule {
    #[serde(default)]
    pub encoding: BooleanEncoding,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BooleanEncoding {
    /// `1` or `0`.
    #[default]
    ZeroOne,
    /// `True` or `False`.
    TrueFalse,
}

/// One of a fixed set of strings.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumRule {
    /// The permitted values, as written on the wire.
    pub values: Vec<Sp<String>>,
    /// Whether the vendor treats values case-insensitively.
    #[serde(default)]
    pub case_insensitive: bool,
}

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnixTimeRule {}

/// An associative array of arbitrary keys; values of `values`, or any JSON.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapRule {
    #[serde(default)]
    pub values: Option<Sp<String>>,
}

/// A list of `items`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArrayRule {
    pub items: Sp<String>,
}
