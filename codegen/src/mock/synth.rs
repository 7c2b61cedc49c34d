//! Synthesized response values: each a value of its documented type (a
//! six-character uppercase id, a 27-character hash, an address, a date), the
//! same for the same seed. A candidate is kept only when the checker that
//! judges defaults (`ir::defaults`, the rules generated code runs) accepts
//! it, so a synthesized response decodes without violations.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::ir::defaults::Defaults;
use crate::ir::{Builtin, Decimal, Member, NamedType, StringFormat, StringRule, TypeKind, TypeRef};

/// Deeper values are cut short: a spec's types may nest without end
/// through optional fields, and a response must stay small.
const MAX_DEPTH: usize = 6;
/// Below this depth optional fields are filled too, so clients decode them.
const OPTIONAL_DEPTH: usize = 3;

/// SplitMix64: small, fast and fully determined by its seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`, varied by `salt` (an API and method name) so
    /// methods do not all answer with the same numbers.
    pub fn new(seed: u64, salt: &str) -> Rng {
        // FNV-1a over the salt.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in salt.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(seed ^ hash)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A fraction in `[0, 1)`.
    pub fn fraction(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Makes values for the named types of one API.
pub struct Synth<'t> {
    types: HashMap<&'t str, &'t NamedType>,
    checker: Defaults<'t>,
    pub rng: Rng,
}

impl<'t> Synth<'t> {
    pub fn new(types: &[&'t NamedType], rng: Rng) -> Self {
        Synth {
            types: types.iter().map(|t| (t.rust_name.as_str(), *t)).collect(),
            checker: Defaults::new(types.iter().copied()),
            rng,
        }
    }

    /// An object of `members` as the wire carries them: series members
    /// (`HostName{n}`) as two numbered keys, optional members only near
    /// the top.
    pub fn members(&mut self, members: &[Member], depth: usize) -> Map<String, Value> {
        let mut out = Map::new();
        for member in members {
            if !member.required && depth > OPTIONAL_DEPTH {
                continue;
            }
            if member.series {
                for n in 1..=2 {
                    let key = member.wire_name.replace("{n}", &n.to_string());
                    let value = self.value(&member.ty, depth + 1);
                    out.insert(key, value);
                }
            } else {
                let value = self.value(&member.ty, depth + 1);
                out.insert(member.wire_name.clone(), value);
            }
        }
        out
    }

    /// Two groups of each of `groups` (one where only one fits), numbered
    /// as sent, with each count the client would fill.
    pub fn groups(&mut self, groups: &[crate::ir::Group]) -> Map<String, Value> {
        let mut out = Map::new();
        for group in groups {
            let how_many = group.numbering.max.unwrap_or(2).min(2);
            for index in 0..how_many {
                for member in &group.members {
                    let key = group.numbering.name(&member.wire_name, index);
                    out.insert(key, self.value(&member.ty, 1));
                }
            }
            if let Some(count) = &group.count {
                out.insert(count.clone(), json!(how_many));
            }
        }
        out
    }

    /// A value of `ty`.
    pub fn value(&mut self, ty: &TypeRef, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        let name = match ty {
            TypeRef::Builtin(builtin) => return self.builtin(*builtin),
            TypeRef::Named(name) => name,
        };
        let Some(t) = self.types.get(name.as_str()).copied() else {
            return Value::Null;
        };
        let candidates = match &t.kind {
            TypeKind::String(rule) => self.strings(rule),
            TypeKind::Integer { min, max } => vec![json!(self.integer(*min, *max))],
            TypeKind::Float { min, max, above } => vec![self.float(*min, *max, *above)],
            TypeKind::Decimal(decimal) => self.decimals(decimal),
            TypeKind::Boolean(_) => vec![json!(1), json!("True"), json!(true)],
            TypeKind::Enum { values, .. } => {
                let pick = self.rng.below(values.len() as u64) as usize;
                values
                    .get(pick)
                    .map(|v| json!(v.wire))
                    .into_iter()
                    .collect()
            }
            TypeKind::UnixTime => vec![json!(1_700_000_000 + self.rng.below(50_000_000))],
            TypeKind::Map { values } => {
                let value = match values {
                    Some(values) => self.value(values, depth + 1),
                    None => json!("value"),
                };
                vec![json!({ "key": value })]
            }
            TypeKind::Array { items } => {
                let count = if depth > OPTIONAL_DEPTH { 1 } else { 2 };
                let items: Vec<Value> = (0..count).map(|_| self.value(items, depth + 1)).collect();
                vec![Value::Array(items)]
            }
            TypeKind::Union { members } => members
                .iter()
                .take(2)
                .map(|m| self.value(&m.ty, depth + 1))
                .collect(),
            TypeKind::Object { fields } => vec![Value::Object(self.members(fields, depth))],
        };
        let first = candidates.first().cloned().unwrap_or(Value::Null);
        candidates
            .into_iter()
            .find(|c| self.checker.value_problems(ty, false, c).is_empty())
            .unwrap_or(first)
    }

    fn builtin(&mut self, builtin: Builtin) -> Value {
        match builtin {
            Builtin::String => json!(format!("sample-{}", self.rng.below(10_000))),
            Builtin::Integer => json!(1 + self.rng.below(1000)),
            Builtin::Float => json!((self.rng.below(100_000) as f64) / 100.0),
            Builtin::Boolean => json!(true),
            Builtin::Json => json!({}),
            Builtin::ErrorList => json!([]),
        }
    }

    fn integer(&mut self, min: Option<i64>, max: Option<i64>) -> i64 {
        let low = min.unwrap_or(1);
        let high = max.unwrap_or(low.saturating_add(999)).max(low);
        let span = high.saturating_sub(low).clamp(0, 1_000_000) as u64;
        low.saturating_add(self.rng.below(span + 1) as i64)
    }

    fn float(&mut self, min: Option<f64>, max: Option<f64>, above: Option<f64>) -> Value {
        let low = min.or(above.map(|a| a + 1.0)).unwrap_or(1.0);
        let high = max.unwrap_or(low + 1000.0).max(low);
        let value = ((low + (high - low) * self.rng.fraction()) * 100.0).round() / 100.0;
        json!(value.clamp(low, high))
    }

    fn decimals(&mut self, decimal: &Decimal) -> Vec<Value> {
        let whole = 1 + self.rng.below(500);
        let fraction_digits = usize::from(decimal.min_fraction.max(2));
        let fraction_digits = decimal
            .max_fraction
            .map_or(fraction_digits, |max| fraction_digits.min(usize::from(max)));
        let digits = format!("{:0width$}", self.rng.below(100), width = fraction_digits);
        let number = if fraction_digits == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{}", &digits[..fraction_digits])
        };
        let mut out = Vec::new();
        if let Some(currency) = decimal.currency {
            out.push(json!(format!("{currency}{number}")));
        }
        out.push(json!(number));
        out.push(json!(whole.to_string()));
        out
    }

    /// Candidates for a string type: samples of its format, then text
    /// built from its length and character rules.
    fn strings(&mut self, rule: &StringRule) -> Vec<Value> {
        let n = self.rng.below(250) + 1;
        let mut out: Vec<String> = match &rule.format {
            Some(format) => format_samples(format, n),
            None => Vec::new(),
        };
        out.push(self.built(rule));
        out.into_iter().map(Value::String).collect()
    }

    /// Text of an allowed length from allowed characters, cycling through
    /// character kinds so a "at least N kinds" rule holds.
    fn built(&mut self, rule: &StringRule) -> String {
        let length = if rule.lengths.is_empty() {
            let low = rule.min_length.unwrap_or(1);
            let high = rule.max_length.unwrap_or(low.max(12)).max(low);
            12u32.clamp(low, high)
        } else {
            rule.lengths[self.rng.below(rule.lengths.len() as u64) as usize]
        };
        let kinds: [&str; 4] = [
            "ABCDEFGHJKLMNPQRSTUVWXYZ",
            "abcdefghijkmnopqrstuvwxyz",
            "0123456789",
            "-_.!#",
        ];
        let wanted = |c: char, first: bool| {
            rule.chars.as_ref().is_none_or(|class| class.contains(c))
                && rule
                    .not_chars
                    .as_ref()
                    .is_none_or(|class| !class.contains(c))
                && (!first
                    || rule
                        .first_char
                        .as_ref()
                        .is_none_or(|class| class.contains(c)))
        };
        let mut text = String::new();
        for i in 0..length as usize {
            let mut picked = None;
            for k in 0..kinds.len() {
                let pool: Vec<char> = kinds[(i + k) % kinds.len()]
                    .chars()
                    .filter(|c| wanted(*c, i == 0))
                    .collect();
                if !pool.is_empty() {
                    picked = Some(pool[self.rng.below(pool.len() as u64) as usize]);
                    break;
                }
            }
            text.push(picked.unwrap_or('A'));
        }
        text
    }
}

/// Ready-made values of each well-known format, varied by `n`.
fn format_samples(format: &StringFormat, n: u64) -> Vec<String> {
    let day = 1 + n % 28;
    match format {
        StringFormat::Base64 => vec!["aG9zdGFwaSBtb2Nr".into()],
        StringFormat::HttpUri => vec![format!("https://example.com/item/{n}")],
        StringFormat::Hostname => vec![format!("host{n}.example.com")],
        StringFormat::Fqdn => vec![
            format!("host{n}.example.com."),
            format!("host{n}.example.com"),
        ],
        StringFormat::DomainName => vec![format!("example{n}.com")],
        StringFormat::WildcardDomain => {
            vec![format!("*.example{n}.com"), format!("example{n}.com")]
        }
        StringFormat::ReverseDnsV4 => vec![format!("{n}.2.0.192.in-addr.arpa")],
        StringFormat::ReverseDnsV6 => {
            let mut nibbles: Vec<String> = (0..32).map(|_| "0".to_string()).collect();
            nibbles[0] = format!("{:x}", n % 16);
            vec![format!("{}.ip6.arpa", nibbles.join("."))]
        }
        StringFormat::ReverseZone => vec!["2.0.192.in-addr.arpa".into()],
        StringFormat::Ipv4 => vec![format!("192.0.2.{}", n % 250 + 1)],
        StringFormat::Ipv4Cidr => vec!["192.0.2.0/24".into()],
        StringFormat::Ipv6 => vec![format!("2001:db8::{n:x}")],
        StringFormat::Email => vec![format!("user{n}@example.com")],
        StringFormat::Date => vec![format!("2026-01-{day:02}"), format!("01/{day:02}/2026")],
        StringFormat::Datetime => vec![
            format!("2026-01-{day:02} 10:20:30"),
            format!("2026-01-{day:02}T10:20:30Z"),
        ],
        StringFormat::MimeType => vec!["text/plain".into()],
        StringFormat::SshPublicKey => vec![
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHN5bnRoZXNpemVkIGJ5IGhvc3RhcGkgbW9jayEhISE= mock@example.com".into(),
        ],
        StringFormat::Pem(label) => vec![format!(
            "-----BEGIN {label}-----\naG9zdGFwaSBtb2Nr\n-----END {label}-----\n"
        )],
    }
}
