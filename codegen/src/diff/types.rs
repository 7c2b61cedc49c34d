//! Named types: added, removed, renamed, kind, secret, and every constraint
//! tightened or loosened, judged by which way the type's values travel.

use super::api::{Cx, pair};
use super::bounds::{self, change};
use super::members::{self, Owner};
use super::side::Defined;
use super::{Direction, Findings, Location};
use crate::spec::model::{DecimalRule, StringRule, TypeDef};
use crate::spec::span::{Pos, Sp};

/// Compares the named types an API can use.
pub fn compare(cx: &Cx<'_, '_>, out: &mut Findings) {
    let mut types = pair(
        cx.old.types.values().map(Defined::entry),
        cx.new.types.values().map(Defined::entry),
    );
    let old_def = |key: &Sp<String>| cx.old.types[key.value.as_str()];
    let new_def = |key: &Sp<String>| cx.new.types[key.value.as_str()];
    let same = |a: &TypeDef, b: &TypeDef| {
        let (Some(a), Some(b)) = (find(cx, a, true), find(cx, b, false)) else {
            return false;
        };
        let mut scratch = Findings::default();
        compare_defs(cx, a, b, Direction::Both, &mut scratch);
        scratch.is_empty()
    };
    for ((old_key, _), (new_key, _)) in types.renames(same) {
        out.push(
            "type-renamed",
            Direction::Both,
            Some(Location::new(old_def(old_key).file, old_key.pos)),
            Some(Location::new(new_def(new_key).file, new_key.pos)),
            format!("type `{}` is now `{}`", old_key.value, new_key.value),
        );
    }
    for (key, _) in &types.removed {
        let at = Some(Location::new(old_def(key).file, key.pos));
        out.push(
            "type-removed",
            Direction::Both,
            at,
            None,
            format!("type `{}` was removed", key.value),
        );
    }
    for (key, _) in &types.added {
        let at = Some(Location::new(new_def(key).file, key.pos));
        out.push(
            "type-added",
            Direction::Both,
            None,
            at,
            format!("type `{}` was added", key.value),
        );
    }
    for ((old_key, _), (new_key, _)) in types.both {
        let direction = cx
            .old
            .direction_of(&old_key.value)
            .and(cx.new.direction_of(&new_key.value));
        compare_defs(cx, old_def(old_key), new_def(new_key), direction, out);
    }
}

/// The definition `def` as found on one side (by identity).
fn find<'a>(cx: &Cx<'_, 'a>, def: &TypeDef, old: bool) -> Option<Defined<'a, TypeDef>> {
    let view = if old { cx.old } else { cx.new };
    view.types
        .values()
        .find(|d| std::ptr::eq(d.def, def))
        .copied()
}

/// Which kind key a type sets, and where.
fn kind(def: &TypeDef) -> (&'static str, Pos) {
    macro_rules! first {
        ($($field:ident => $name:literal),*) => {
            $(if let Some(rule) = &def.$field { return ($name, rule.pos); })*
        };
    }
    first!(string => "string", integer => "integer", float => "float", boolean => "boolean",
        enumeration => "enum", unix_time => "unix_time", map => "map", array => "array",
        decimal => "decimal", union => "union", object => "object");
    ("none", def.doc.pos)
}

/// Both places of a change, as the type's kind key.
struct At<'d> {
    old: Location,
    new: Location,
    name: &'d str,
    direction: Direction,
}

impl At<'_> {
    fn push(&self, out: &mut Findings, id: &'static str, what: String) {
        let message = format!("type `{}`: {what}", self.name);
        out.push(
            id,
            self.direction,
            Some(self.old.clone()),
            Some(self.new.clone()),
            message,
        );
    }

    /// Reports a tightening, a loosening, or both.
    fn judged(
        &self,
        out: &mut Findings,
        rule: &str,
        (tightened, loosened): (bool, bool),
        what: &str,
    ) {
        let (tight, loose) = match rule {
            "length" => ("length-tightened", "length-loosened"),
            "chars" => ("chars-tightened", "chars-loosened"),
            "first-char" => ("first-char-tightened", "first-char-loosened"),
            "format" => ("format-tightened", "format-loosened"),
            "range" => ("range-tightened", "range-loosened"),
            _ => ("decimal-tightened", "decimal-loosened"),
        };
        if tightened {
            self.push(out, tight, format!("{what} accepts less"));
        }
        if loosened {
            self.push(out, loose, format!("{what} accepts more"));
        }
    }
}

fn compare_defs(
    cx: &Cx<'_, '_>,
    old: Defined<'_, TypeDef>,
    new: Defined<'_, TypeDef>,
    direction: Direction,
    out: &mut Findings,
) {
    let name = old.key.value.as_str();
    let (old_kind, old_pos) = kind(old.def);
    let (new_kind, new_pos) = kind(new.def);
    let at = At {
        old: Location::new(old.file, old_pos),
        new: Location::new(new.file, new_pos),
        name,
        direction,
    };
    let keys = (
        Location::new(old.file, old.key.pos),
        Location::new(new.file, new.key.pos),
    );
    cx.rust_name(
        out,
        &format!("type:{name}"),
        &format!("type `{name}`"),
        keys.clone(),
    );
    if old.def.secret != new.def.secret {
        let id = if new.def.secret {
            "secret-added"
        } else {
            "secret-removed"
        };
        at.push(
            out,
            id,
            format!("secret: {} → {}", old.def.secret, new.def.secret),
        );
    }
    if old_kind != new_kind {
        at.push(
            out,
            "type-kind-changed",
            format!("was {old_kind}, is {new_kind}"),
        );
        return;
    }
    let (a, b) = (old.def, new.def);
    if let (Some(x), Some(y)) = (&a.string, &b.string) {
        compare_strings(&at, x, y, out);
    }
    if let (Some(x), Some(y)) = (&a.integer, &b.integer) {
        let bound = |v: &Option<Sp<i64>>| v.as_ref().map(|v| (v.value as f64, false));
        let old_range = (bound(&x.min), bound(&x.max));
        let new_range = (bound(&y.min), bound(&y.max));
        at.judged(
            out,
            "range",
            range_change(old_range, new_range),
            "the range",
        );
    }
    if let (Some(x), Some(y)) = (&a.float, &b.float) {
        let lower = |f: &crate::spec::model::FloatRule| {
            let min = f.min.as_ref().map(|v| (v.value, false));
            let above = f.above.as_ref().map(|v| (v.value, true));
            match (min, above) {
                (Some(m), Some(a)) => Some(if a.0 >= m.0 { a } else { m }),
                (m, a) => m.or(a),
            }
        };
        let upper = |f: &crate::spec::model::FloatRule| f.max.as_ref().map(|v| (v.value, false));
        let change = range_change((lower(x), upper(x)), (lower(y), upper(y)));
        at.judged(out, "range", change, "the range");
    }
    if let (Some(x), Some(y)) = (&a.boolean, &b.boolean)
        && x.encoding != y.encoding
    {
        let what = format!("encoding {:?} is now {:?}", x.encoding, y.encoding);
        at.push(out, "boolean-encoding-changed", what);
    }
    if let (Some(x), Some(y)) = (&a.decimal, &b.decimal) {
        at.judged(out, "decimal", decimal_change(x, y), "the decimal");
    }
    if let (Some(x), Some(y)) = (&a.enumeration, &b.enumeration) {
        let values = pair(
            x.values.iter().map(|v| (v, &())),
            y.values.iter().map(|v| (v, &())),
        );
        for (v, _) in &values.removed {
            let o = Some(Location::new(old.file, v.pos));
            let message = format!("type `{name}`: value `{}` was removed", v.value);
            out.push(
                "enum-value-removed",
                direction,
                o,
                Some(at.new.clone()),
                message,
            );
        }
        for (v, _) in &values.added {
            let n = Some(Location::new(new.file, v.pos));
            let message = format!("type `{name}`: value `{}` was added", v.value);
            out.push(
                "enum-value-added",
                direction,
                Some(at.old.clone()),
                n,
                message,
            );
        }
        for ((ov, _), (nv, _)) in values.both {
            let places = (
                Location::new(old.file, ov.pos),
                Location::new(new.file, nv.pos),
            );
            let what = format!("value `{}` of type `{name}`", ov.value);
            cx.rust_name(out, &format!("value:{name}/{}", ov.value), &what, places);
        }
        if x.case_insensitive != y.case_insensitive {
            let what = format!(
                "case_insensitive {} is now {}",
                x.case_insensitive, y.case_insensitive
            );
            at.push(out, "enum-case-changed", what);
        }
    }
    if let (Some(x), Some(y)) = (&a.union, &b.union) {
        let members = pair(x.of.iter().map(|m| (m, &())), y.of.iter().map(|m| (m, &())));
        for (m, _) in &members.removed {
            let o = Some(Location::new(old.file, m.pos));
            let message = format!("type `{name}`: member `{}` was removed", m.value);
            out.push(
                "union-member-removed",
                direction,
                o,
                Some(at.new.clone()),
                message,
            );
        }
        for (m, _) in &members.added {
            let n = Some(Location::new(new.file, m.pos));
            let message = format!("type `{name}`: member `{}` was added", m.value);
            out.push(
                "union-member-added",
                direction,
                Some(at.old.clone()),
                n,
                message,
            );
        }
        // The first member that accepts a value wins, so order matters.
        let kept = |of: &[Sp<String>], other: &[Sp<String>]| -> Vec<String> {
            of.iter()
                .filter(|m| other.iter().any(|o| o.value == m.value))
                .map(|m| m.value.clone())
                .collect()
        };
        let (was, now) = (kept(&x.of, &y.of), kept(&y.of, &x.of));
        if was != now {
            let what = format!(
                "members are tried as [{}], were [{}]",
                now.join(", "),
                was.join(", ")
            );
            at.push(out, "union-order-changed", what);
        }
    }
    let element = |d: &TypeDef| {
        d.array.as_ref().map(|r| r.items.value.clone()).or_else(|| {
            d.map
                .as_ref()
                .map(|m| m.values.as_ref().map_or(String::new(), |v| v.value.clone()))
        })
    };
    if element(a) != element(b) {
        let what = format!(
            "element type `{}` is now `{}`",
            element(a).unwrap_or_default(),
            element(b).unwrap_or_default()
        );
        at.push(out, "type-kind-changed", what);
    }
    if let (Some(x), Some(y)) = (&a.object, &b.object) {
        let described = format!("type `{name}`");
        let owner = Owner {
            path: name,
            described: &described,
            rust_prefix: "object",
            at: &keys,
        };
        members::compare_object_fields(cx, &owner, &x.fields, &y.fields, direction, out);
    }
}

fn compare_strings(at: &At<'_>, x: &Sp<StringRule>, y: &Sp<StringRule>, out: &mut Findings) {
    let (x, y) = (&x.value, &y.value);
    at.judged(
        out,
        "length",
        change(&bounds::lengths(x), &bounds::lengths(y)),
        "the length",
    );
    let mut chars = change(&bounds::chars(x), &bounds::chars(y));
    // "At least N of these kinds must occur": more N or fewer kinds refuse
    // more values.
    let classes = |r: &StringRule| r.classes.as_ref().map(|c| (c.at_least.value, c.of.clone()));
    match (classes(x), classes(y)) {
        (None, Some(_)) => chars.0 = true,
        (Some(_), None) => chars.1 = true,
        (Some((n, a)), Some((m, b))) => {
            let fewer_kinds = !a.iter().all(|k| b.contains(k));
            let more_kinds = !b.iter().all(|k| a.contains(k));
            chars.0 |= m > n || fewer_kinds;
            chars.1 |= m < n || more_kinds;
        }
        (None, None) => {}
    }
    at.judged(out, "chars", chars, "the character rule");
    let first = change(&bounds::first_chars(x), &bounds::first_chars(y));
    at.judged(out, "first-char", first, "the first-character rule");
    let shape = |r: &StringRule| {
        (
            r.format.as_ref().map(|f| format!("{:?}", strip(&f.value))),
            r.pattern.as_ref().map(|p| p.value.clone()),
        )
    };
    let (old_shape, new_shape) = (shape(x), shape(y));
    if old_shape != new_shape {
        let gained = |o: &Option<String>, n: &Option<String>| n.is_some() && o != n;
        let tightened = gained(&old_shape.0, &new_shape.0) || gained(&old_shape.1, &new_shape.1);
        let loosened = gained(&new_shape.0, &old_shape.0) || gained(&new_shape.1, &old_shape.1);
        at.judged(
            out,
            "format",
            (tightened, loosened),
            "the format or pattern",
        );
    }
}

/// A format without the position of its PEM label, for comparing.
fn strip(format: &crate::spec::model::StringFormat) -> String {
    match format {
        crate::spec::model::StringFormat::Pem(label) => format!("Pem({})", label.value),
        other => format!("{other:?}"),
    }
}

/// A bound: value and whether it is exclusive; `None` is unbounded.
type Bound = Option<(f64, bool)>;

/// (tightened, loosened) for a `(lower, upper)` range.
fn range_change(old: (Bound, Bound), new: (Bound, Bound)) -> (bool, bool) {
    // How high a lower bound is: an exclusive bound is above an inclusive
    // one of the same value.
    let higher = |a: Bound, b: Bound| match (a, b) {
        (Some(_), None) => true,
        (None, _) => false,
        (Some((x, xe)), Some((y, ye))) => x > y || (x == y && xe && !ye),
    };
    let lower = |a: Bound, b: Bound| match (a, b) {
        (Some(_), None) => true,
        (None, _) => false,
        (Some((x, xe)), Some((y, ye))) => x < y || (x == y && xe && !ye),
    };
    let tightened = higher(new.0, old.0) || lower(new.1, old.1);
    let loosened = higher(old.0, new.0) || lower(old.1, new.1);
    (tightened, loosened)
}

fn decimal_change(x: &Sp<DecimalRule>, y: &Sp<DecimalRule>) -> (bool, bool) {
    let (x, y) = (&x.value, &y.value);
    let digits = |v: &Option<Sp<u8>>, default: u8| v.as_ref().map_or(default, |d| d.value);
    let (old_min, new_min) = (
        digits(&x.min_fraction_digits, 0),
        digits(&y.min_fraction_digits, 0),
    );
    let (old_max, new_max) = (
        digits(&x.max_fraction_digits, u8::MAX),
        digits(&y.max_fraction_digits, u8::MAX),
    );
    let currency = |r: &DecimalRule| r.currency.as_ref().map(|c| c.value.clone());
    let (old_cur, new_cur) = (currency(x), currency(y));
    // A currency symbol is optional where allowed: allowing one accepts more.
    let currency_lost = old_cur.is_some() && old_cur != new_cur;
    let currency_gained = new_cur.is_some() && old_cur != new_cur;
    let tightened = new_min > old_min
        || new_max < old_max
        || (x.negative && !y.negative)
        || (!x.positive && y.positive)
        || currency_lost;
    let loosened = new_min < old_min
        || new_max > old_max
        || (!x.negative && y.negative)
        || (x.positive && !y.positive)
        || currency_gained;
    (tightened, loosened)
}

#[cfg(test)]
mod tests {
    use super::range_change;

    #[test]
    fn ranges_are_judged_by_what_they_accept() {
        let r = |lo: Option<f64>, hi: Option<f64>| (lo.map(|v| (v, false)), hi.map(|v| (v, false)));
        assert_eq!(
            range_change(r(Some(1.0), None), r(Some(2.0), None)),
            (true, false)
        );
        assert_eq!(
            range_change(r(Some(1.0), Some(9.0)), r(None, Some(9.0))),
            (false, true)
        );
        assert_eq!(
            range_change(r(Some(1.0), Some(5.0)), r(Some(0.0), Some(4.0))),
            (true, true)
        );
        let above = (Some((0.0, true)), None);
        assert_eq!(range_change(r(Some(0.0), None), above), (true, false));
    }
}
