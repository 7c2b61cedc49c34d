//! Sets of string lengths and of characters, so a changed rule can be
//! judged by what it accepts: tightened when something accepted before is
//! refused now, loosened when something refused before is accepted now
//! (both at once when the sets merely differ).

use crate::ir::charclass::CharClass;
use crate::spec::model::{ControlChar, StringRule};

/// Values as sorted, disjoint, inclusive ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranges(Vec<(u32, u32)>);

/// Every character, as code points.
const ALL_CHARS: (u32, u32) = (0, 0x10_FFFF);

impl Ranges {
    pub fn new(mut ranges: Vec<(u32, u32)>) -> Ranges {
        ranges.retain(|(a, b)| a <= b);
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Ranges(merged)
    }

    /// Whether every value here is also in `other`.
    pub fn is_subset(&self, other: &Ranges) -> bool {
        self.0
            .iter()
            .all(|&(a, b)| other.0.iter().any(|&(c, d)| c <= a && b <= d))
    }

    /// The values here that are not in `other`.
    pub fn minus(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        for &(mut a, b) in &self.0 {
            let mut open = true;
            for &(c, d) in &other.0 {
                if d < a || c > b || !open {
                    continue;
                }
                if c > a {
                    out.push((a, c - 1));
                }
                match d.checked_add(1) {
                    Some(next) if next <= b => a = next,
                    _ => open = false,
                }
            }
            if open {
                out.push((a, b));
            }
        }
        Ranges::new(out)
    }
}

/// (tightened, loosened) going from `old` to `new`.
pub fn change(old: &Ranges, new: &Ranges) -> (bool, bool) {
    (!old.is_subset(new), !new.is_subset(old))
}

/// The lengths a string rule allows.
pub fn lengths(rule: &StringRule) -> Ranges {
    let min = rule.min_length.as_ref().map_or(0, |m| m.value);
    let max = rule.max_length.as_ref().map_or(u32::MAX, |m| m.value);
    match &rule.length {
        Some(set) if !set.value.is_empty() => Ranges::new(
            set.value
                .iter()
                .filter(|&&n| n >= min && n <= max)
                .map(|&n| (n, n))
                .collect(),
        ),
        _ => Ranges::new(vec![(min, max)]),
    }
}

/// A class in the spec's notation; one that does not parse (the checker
/// refuses it before a diff runs) counts as every character.
fn class(text: Option<&str>) -> Ranges {
    match text.map(CharClass::parse) {
        Some(Ok(class)) => Ranges::new(
            class
                .ranges
                .iter()
                .map(|&(a, b)| (a as u32, b as u32))
                .collect(),
        ),
        _ => Ranges::new(vec![ALL_CHARS]),
    }
}

/// The characters allowed anywhere: `chars`, less `not_chars`, less the
/// control characters `control_chars` forbids.
pub fn chars(rule: &StringRule) -> Ranges {
    let mut allowed = class(rule.chars.as_ref().map(|c| c.value.as_str()));
    if let Some(not) = &rule.not_chars {
        allowed = allowed.minus(&class(Some(&not.value)));
    }
    if let Some(control) = &rule.control_chars {
        let mut forbidden = vec![(0x00, 0x1F), (0x7F, 0x9F)];
        let mut kept = Vec::new();
        for c in &control.value.allow {
            let point = match c {
                ControlChar::Tab => 0x09,
                ControlChar::Lf => 0x0A,
                ControlChar::Cr => 0x0D,
            };
            kept.push((point, point));
        }
        forbidden = Ranges::new(forbidden).minus(&Ranges::new(kept)).0;
        allowed = allowed.minus(&Ranges::new(forbidden));
    }
    allowed
}

/// The characters allowed first.
pub fn first_chars(rule: &StringRule) -> Ranges {
    class(rule.first_char.as_ref().map(|c| c.value.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_and_differences() {
        let wide = Ranges::new(vec![(0, 10), (20, 30)]);
        let narrow = Ranges::new(vec![(2, 5), (25, 25)]);
        assert!(narrow.is_subset(&wide));
        assert!(!wide.is_subset(&narrow));
        assert_eq!(change(&wide, &narrow), (true, false));
        assert_eq!(change(&narrow, &wide), (false, true));
        assert_eq!(
            wide.minus(&narrow),
            Ranges::new(vec![(0, 1), (6, 10), (20, 24), (26, 30)])
        );
        let all = Ranges::new(vec![(0, u32::MAX)]);
        assert_eq!(
            all.minus(&Ranges::new(vec![(5, u32::MAX)])),
            Ranges::new(vec![(0, 4)])
        );
    }

    #[test]
    fn length_sets_respect_the_bounds() {
        let rule = StringRule {
            length: Some(crate::spec::span::Sp::new(vec![27, 86], Default::default())),
            max_length: Some(crate::spec::span::Sp::new(50, Default::default())),
            ..StringRule::default()
        };
        assert_eq!(lengths(&rule), Ranges::new(vec![(27, 27)]));
    }
}
