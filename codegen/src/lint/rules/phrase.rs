//! `phrase-mismatch`: a type's doc states a length or bound, in a phrase form
//! the rule knows, that its constraint does not enforce.
//!
//! The forms are a small table ([`FORMS`]); wording outside it is not judged.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::lint::registry::{Rule, Source};
use crate::lint::source::SourceMap;
use crate::spec::model::TypeDef;
use crate::spec::span::Pos;

pub const RULE: Rule = Rule {
    id: "phrase-mismatch",
    severity: Severity::Warning,
    source: Source::Lint(check),
    summary: "A type's `doc` states a length or bound, in a phrase form the linter knows, that \
              its constraint does not enforce.",
    rationale: "A named type keeps the vendor's phrase verbatim in `doc`, and its constraint \
                must enforce exactly what the phrase says. The linter knows these forms (case \
                and hyphens do not matter, numbers may be digits or words up to twenty): \
                \"a 27 or 86 character …\" and \"a six-character …\" mean `length: [27, 86]` \
                and `length: [6]`; \"exactly N characters\" means `length: [N]`; \"at least N \
                characters\", \"no less than N characters\" and \"N or more characters\" mean \
                `min_length: N`; \"more than N characters\" and \"greater than N characters\" \
                mean `min_length: N+1`; \"up to N characters\", \"at most N characters\", \"no \
                more than N characters\" and \"a maximum of N characters\" mean `max_length: \
                N`; \"fewer than N characters\" and \"less than N characters\" mean \
                `max_length: N-1`; \"between N and M characters\" means `min_length: N` and \
                `max_length: M`; \"a positive integer\" means an integer with `min: 1`; \
                \"non-negative\" means `min: 0`. `length: [N]` and `min_length = max_length = \
                N` count as the same. Other wording is not judged, nor are unions and lists \
                (their phrases describe the member types, judged where those are defined) \
                or strings with a `format` (which states its own lengths, e.g. per label).",
    fix: "Make the constraint say what the phrase says. If the phrase means something else \
          here (the vendor contradicts itself), explain the reading in `note` and allow \
          `phrase-mismatch` on the type with that reason.",
};

/// What a phrase requires of the type's constraint.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// Exactly these string lengths.
    Lengths(Vec<u32>),
    MinLength(u32),
    MaxLength(u32),
    LengthRange(u32, u32),
    /// An integer with this `min`.
    IntegerMin(i64),
    /// An integer or float with this `min`.
    NumberMin(i64),
}

/// One known phrase form: reads the tokens at `i` (with the ones before for
/// context) and returns what it requires and how many tokens it spans.
type Reader = fn(&[&str], usize) -> Option<(Expect, usize)>;

/// The known phrase forms, in the order they are tried at each word.
pub const FORMS: &[(&str, Reader)] = &[
    ("more/greater than N characters", more_than),
    ("fewer/less than N characters", fewer_than),
    (
        "at least / no less than / no fewer than N characters",
        at_least,
    ),
    ("N or more characters", n_or_more),
    (
        "up to / at most / no more than / a maximum of N characters",
        at_most,
    ),
    ("between N and M characters", between),
    ("exactly N characters", exactly),
    ("a N[ or M] character …", a_n_character),
    ("a positive integer", positive_integer),
    ("non-negative", non_negative),
];

fn number(token: Option<&&str>) -> Option<u32> {
    let token = *token?;
    if let Ok(n) = token.parse::<u32>() {
        return Some(n);
    }
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    WORDS
        .iter()
        .position(|w| *w == token)
        .and_then(|n| u32::try_from(n).ok())
}

fn is_characters(token: Option<&&str>) -> bool {
    matches!(token, Some(&("character" | "characters" | "chars")))
}

fn previous<'t>(t: &[&'t str], i: usize) -> Option<&'t str> {
    i.checked_sub(1).and_then(|p| t.get(p)).copied()
}

fn more_than(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    if !matches!(t[i], "more" | "greater") || t.get(i + 1) != Some(&"than") {
        return None;
    }
    if matches!(previous(t, i), Some("no" | "not")) {
        return None;
    }
    let n = number(t.get(i + 2))?;
    is_characters(t.get(i + 3)).then(|| (Expect::MinLength(n.saturating_add(1)), 4))
}

fn fewer_than(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    if !matches!(t[i], "fewer" | "less") || t.get(i + 1) != Some(&"than") {
        return None;
    }
    if matches!(previous(t, i), Some("no" | "not")) {
        return None;
    }
    let n = number(t.get(i + 2))?.checked_sub(1)?;
    is_characters(t.get(i + 3)).then_some((Expect::MaxLength(n), 4))
}

fn at_least(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    let skip = match (t[i], t.get(i + 1), t.get(i + 2)) {
        ("at", Some(&"least"), _) => 2,
        ("no" | "not", Some(&("less" | "fewer")), Some(&"than")) => 3,
        ("minimum", Some(&"of"), _) => 2,
        _ => return None,
    };
    let n = number(t.get(i + skip))?;
    is_characters(t.get(i + skip + 1)).then_some((Expect::MinLength(n), skip + 2))
}

fn n_or_more(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    let n = number(t.get(i))?;
    (t.get(i + 1) == Some(&"or") && t.get(i + 2) == Some(&"more") && is_characters(t.get(i + 3)))
        .then_some((Expect::MinLength(n), 4))
}

fn at_most(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    let skip = match (t[i], t.get(i + 1), t.get(i + 2)) {
        ("up", Some(&"to"), _) => 2,
        ("at", Some(&"most"), _) => 2,
        ("no" | "not", Some(&"more"), Some(&"than")) => 3,
        ("maximum", Some(&"of"), _) => 2,
        _ => return None,
    };
    let n = number(t.get(i + skip))?;
    is_characters(t.get(i + skip + 1)).then_some((Expect::MaxLength(n), skip + 2))
}

fn between(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    if t[i] != "between" || t.get(i + 2) != Some(&"and") {
        return None;
    }
    let (low, high) = (number(t.get(i + 1))?, number(t.get(i + 3))?);
    is_characters(t.get(i + 4)).then_some((Expect::LengthRange(low, high), 5))
}

fn exactly(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    if t[i] != "exactly" {
        return None;
    }
    let n = number(t.get(i + 1))?;
    is_characters(t.get(i + 2)).then_some((Expect::Lengths(vec![n]), 3))
}

fn a_n_character(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    if !matches!(t[i], "a" | "an") {
        return None;
    }
    let n = number(t.get(i + 1))?;
    if t.get(i + 2) == Some(&"or") {
        let m = number(t.get(i + 3))?;
        let mut lengths = vec![n, m];
        lengths.sort_unstable();
        lengths.dedup();
        return is_characters(t.get(i + 4)).then_some((Expect::Lengths(lengths), 5));
    }
    is_characters(t.get(i + 2)).then_some((Expect::Lengths(vec![n]), 3))
}

fn positive_integer(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    (t[i] == "positive"
        && t.get(i + 1) == Some(&"integer")
        && !matches!(previous(t, i), Some("non" | "not")))
    .then_some((Expect::IntegerMin(1), 2))
}

fn non_negative(t: &[&str], i: usize) -> Option<(Expect, usize)> {
    match (t[i], t.get(i + 1)) {
        ("nonnegative", _) => Some((Expect::NumberMin(0), 1)),
        ("non", Some(&"negative")) => Some((Expect::NumberMin(0), 2)),
        _ => None,
    }
}

/// A word of a doc, lower case, with its place in the doc (in bytes).
struct Token {
    text: String,
    start: usize,
    end: usize,
}

fn tokens(doc: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    for (i, c) in doc.char_indices() {
        if c.is_alphanumeric() {
            let token = current.get_or_insert(Token {
                text: String::new(),
                start: i,
                end: i,
            });
            token.text.extend(c.to_lowercase());
            token.end = i + c.len_utf8();
        } else if let Some(token) = current.take() {
            out.push(token);
        }
    }
    out.extend(current);
    out
}

/// Every known phrase in `doc`: what it requires and where it is (bytes).
pub fn phrases(doc: &str) -> Vec<(Expect, std::ops::Range<usize>)> {
    let tokens = tokens(doc);
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let matched = FORMS.iter().find_map(|(_, read)| read(&words, i));
        match matched {
            Some((expect, span)) => {
                let last = (i + span).min(tokens.len()) - 1;
                found.push((expect, tokens[i].start..tokens[last].end));
                i += span;
            }
            None => i += 1,
        }
    }
    found
}

/// Why `def`'s constraint does not do what `expect` says, if it does not.
fn mismatch(def: &TypeDef, expect: &Expect) -> Option<(String, String)> {
    let kind = kind_name(def);
    let string = def.string.as_ref().map(|s| &s.value);
    let lengths: Option<Vec<u32>> = string.and_then(|s| {
        s.length.as_ref().map(|l| {
            let mut v = l.value.clone();
            v.sort_unstable();
            v.dedup();
            v
        })
    });
    let min_length = string.and_then(|s| {
        s.min_length
            .as_ref()
            .map(|m| m.value)
            .or_else(|| lengths.as_ref().and_then(|l| l.first().copied()))
    });
    let max_length = string.and_then(|s| {
        s.max_length
            .as_ref()
            .map(|m| m.value)
            .or_else(|| lengths.as_ref().and_then(|l| l.last().copied()))
    });
    let not_a = |what: &str| {
        Some((
            format!("the type is {kind}, not {what}"),
            format!("make it {what}"),
        ))
    };
    let list = |l: &[u32]| {
        let items: Vec<String> = l.iter().map(u32::to_string).collect();
        format!("[{}]", items.join(", "))
    };
    let describe_lengths = || match (&lengths, min_length, max_length) {
        (Some(l), _, _) => format!("`length` is {}", list(l)),
        (None, None, None) => "the type sets no length".to_string(),
        (None, Some(min), None) => format!("the type sets only `min_length: {min}`"),
        (None, None, Some(max)) => format!("the type sets only `max_length: {max}`"),
        (None, Some(min), Some(max)) => {
            format!("the type sets `min_length: {min}` and `max_length: {max}`")
        }
    };
    match expect {
        Expect::Lengths(want) => {
            if string.is_none() {
                return not_a("a string");
            }
            let exact_range = want.len() == 1
                && lengths.is_none()
                && min_length == Some(want[0])
                && max_length == Some(want[0]);
            if lengths.as_deref() == Some(want.as_slice()) || exact_range {
                return None;
            }
            Some((
                describe_lengths(),
                format!("write `length: {}`", list(want)),
            ))
        }
        Expect::MinLength(want) => {
            if string.is_none() {
                return not_a("a string");
            }
            (min_length != Some(*want))
                .then(|| (describe_lengths(), format!("set `min_length: {want}`")))
        }
        Expect::MaxLength(want) => {
            if string.is_none() {
                return not_a("a string");
            }
            (max_length != Some(*want))
                .then(|| (describe_lengths(), format!("set `max_length: {want}`")))
        }
        Expect::LengthRange(low, high) => {
            if string.is_none() {
                return not_a("a string");
            }
            (min_length != Some(*low) || max_length != Some(*high)).then(|| {
                (
                    describe_lengths(),
                    format!("set `min_length: {low}` and `max_length: {high}`"),
                )
            })
        }
        Expect::IntegerMin(want) => {
            let Some(rule) = &def.integer else {
                return not_a("an integer");
            };
            let min = rule.min.as_ref().map(|m| m.value);
            (min != Some(*want)).then(|| (describe_min(min), format!("set `min: {want}`")))
        }
        Expect::NumberMin(want) => {
            if let Some(rule) = &def.integer {
                let min = rule.min.as_ref().map(|m| m.value);
                return (min != Some(*want))
                    .then(|| (describe_min(min), format!("set `min: {want}`")));
            }
            let Some(rule) = &def.float else {
                return not_a("a number");
            };
            let min = rule.min.as_ref().map(|m| m.value);
            let want_float = *want as f64;
            (min != Some(want_float)).then(|| {
                (
                    match min {
                        Some(m) => format!("`min` is {m}"),
                        None => "the type sets no `min`".to_string(),
                    },
                    format!("set `min: {want}`"),
                )
            })
        }
    }
}

fn describe_min(min: Option<i64>) -> String {
    match min {
        Some(m) => format!("`min` is {m}"),
        None => "the type sets no `min`".to_string(),
    }
}

fn kind_name(def: &TypeDef) -> &'static str {
    [
        (def.string.is_some(), "a string"),
        (def.integer.is_some(), "an integer"),
        (def.float.is_some(), "a float"),
        (def.boolean.is_some(), "a boolean"),
        (def.enumeration.is_some(), "an enum"),
        (def.unix_time.is_some(), "a unix time"),
        (def.map.is_some(), "a map"),
        (def.array.is_some(), "an array"),
    ]
    .into_iter()
    .find_map(|(set, name)| set.then_some(name))
    .unwrap_or("of no kind")
}

/// The position of `phrase` inside a one-line doc scalar at `doc`, when the
/// source line shows it verbatim there; else the whole doc.
fn phrase_pos(source: &SourceMap<'_>, doc: Pos, phrase: &str) -> Pos {
    let Some(line) = source.line(doc.line) else {
        return doc;
    };
    let skip = usize::try_from(doc.column.saturating_sub(1)).unwrap_or(usize::MAX);
    let rest: String = line.chars().skip(skip).collect();
    let Some(byte) = rest.find(phrase) else {
        return doc;
    };
    let chars_before = u32::try_from(rest[..byte].chars().count()).unwrap_or(0);
    let inside = chars_before < doc.len.max(1);
    if !inside {
        return doc;
    }
    Pos {
        line: doc.line,
        column: doc.column + chars_before,
        len: u32::try_from(phrase.chars().count()).unwrap_or(0),
    }
}

fn check(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let source = SourceMap::new(&cx.file.source);
    for (name, def) in cx.file.spec.types.iter() {
        // A union's or list's phrase describes its members, which are judged
        // where they are defined; a format states its own lengths (a domain
        // name's "1 to 63 characters" are per label).
        let has_format = def.string.as_ref().is_some_and(|s| s.format.is_some());
        if def.union.is_some() || def.array.is_some() || has_format {
            continue;
        }
        let doc = &def.doc.value;
        for (expect, range) in phrases(doc) {
            let Some((actual, fix)) = mismatch(def, &expect) else {
                continue;
            };
            let phrase = &doc[range];
            out.report(
                phrase_pos(&source, def.doc.pos, phrase),
                format!(
                    "type `{}`: the doc says \"{phrase}\", but {actual}",
                    name.value
                ),
                format!("{fix}, or explain the reading in `note` and allow `phrase-mismatch` here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expects(doc: &str) -> Vec<Expect> {
        phrases(doc).into_iter().map(|(e, _)| e).collect()
    }

    #[test]
    fn reads_the_known_forms() {
        use Expect::*;
        assert_eq!(
            expects("A 27 or 86 character code for a single-use URI"),
            [Lengths(vec![27, 86])]
        );
        assert_eq!(
            expects("A six-character identifier, containing only capital letters and digits."),
            [Lengths(vec![6])]
        );
        assert_eq!(
            expects("New password (Must be greater than 8 characters)"),
            [MinLength(9)]
        );
        assert_eq!(expects("At least 8 characters"), [MinLength(8)]);
        assert_eq!(expects("no less than 8 characters"), [MinLength(8)]);
        assert_eq!(expects("8 or more characters"), [MinLength(8)]);
        assert_eq!(expects("Up to 20 characters."), [MaxLength(20)]);
        assert_eq!(expects("no more than twenty characters"), [MaxLength(20)]);
        assert_eq!(expects("a maximum of 64 characters"), [MaxLength(64)]);
        assert_eq!(expects("fewer than 10 characters"), [MaxLength(9)]);
        assert_eq!(expects("between 3 and 12 characters"), [LengthRange(3, 12)]);
        assert_eq!(expects("exactly 32 characters"), [Lengths(vec![32])]);
        assert_eq!(
            expects("A positive integer value (i.e. 1 and up)."),
            [IntegerMin(1)]
        );
        assert_eq!(expects("A non-negative number"), [NumberMin(0)]);
        assert_eq!(
            expects("at least 2 characters and at most 5 characters"),
            [MinLength(2), MaxLength(5)]
        );
    }

    #[test]
    fn leaves_other_wording_alone() {
        for doc in [
            "A base64 string, consisting of letters, digits, +, /, possibly terminated by zero to two \"=\" characters",
            "A valid unix epoch value (the number of seconds since Jan 1, 1970).",
            "Put 0 to not return any debugging information",
            "a non positive integer",
            "more than 8 bytes",
            "",
        ] {
            assert_eq!(expects(doc), [], "{doc}");
        }
    }
}
