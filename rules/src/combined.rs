//! A length rule and a character rule checked in one walk over the value.
//!
//! A type such as "6 of A-Z and 0-9" would otherwise read its value twice:
//! once to count characters ([`length_in`](crate::length_in)) and once to
//! test each ([`chars`](crate::chars)). Here the characters are tested and
//! counted together; an ASCII value, the usual case, needs no decoding at
//! all, since its byte count is its character count. Only a failing value
//! runs the two separate rules again, so the violation is exactly theirs.

use std::ops::{RangeFrom, RangeInclusive, RangeToInclusive};

use crate::{Violation, all_ascii_and_allowed, chars, length_in, max_length, min_length};

/// How many characters a value may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length<'a> {
    /// One of these counts ([`length_in`]).
    OneOf(&'a [usize]),
    /// At least this many ([`min_length`]).
    AtLeast(usize),
    /// At most this many ([`max_length`]).
    AtMost(usize),
    /// From the first to the second, both included ([`min_length`], then
    /// [`max_length`]).
    Between(usize, usize),
}

/// `6..=6`, `3..=4`: from the first to the last, both included.
impl From<RangeInclusive<usize>> for Length<'_> {
    #[inline]
    fn from(range: RangeInclusive<usize>) -> Self {
        Length::Between(*range.start(), *range.end())
    }
}

/// `1..`: at least this many.
impl From<RangeFrom<usize>> for Length<'_> {
    #[inline]
    fn from(range: RangeFrom<usize>) -> Self {
        Length::AtLeast(range.start)
    }
}

/// `..=64`: at most this many.
impl From<RangeToInclusive<usize>> for Length<'_> {
    #[inline]
    fn from(range: RangeToInclusive<usize>) -> Self {
        Length::AtMost(range.end)
    }
}

/// `&[27, 86]`: one of these counts.
impl<'a, const N: usize> From<&'a [usize; N]> for Length<'a> {
    #[inline]
    fn from(allowed: &'a [usize; N]) -> Self {
        Length::OneOf(allowed)
    }
}

impl Length<'_> {
    #[inline]
    fn allows(self, n: usize) -> bool {
        match self {
            Length::OneOf(allowed) => allowed.contains(&n),
            Length::AtLeast(min) => n >= min,
            Length::AtMost(max) => n <= max,
            Length::Between(min, max) => min <= n && n <= max,
        }
    }

    /// The separate length rules, in the order generated code ran them.
    fn check(self, value: &str) -> Result<(), Violation> {
        match self {
            Length::OneOf(allowed) => length_in(value, allowed),
            Length::AtLeast(min) => min_length(value, min),
            Length::AtMost(max) => max_length(value, max),
            Length::Between(min, max) => {
                min_length(value, min)?;
                max_length(value, max)
            }
        }
    }
}

/// `length` (a [`Length`], or a range or array of counts such as `3..=4`,
/// `1..`, `..=64`, `&[27, 86]`), then every character satisfying `allowed`
/// (`described` names the allowed set), in one pass: the same verdict and
/// the same violation as the length rule followed by [`chars`].
///
/// Messages: those of the length rule, else of [`chars`].
#[inline]
pub fn length_and_chars<'a>(
    value: &str,
    length: impl Into<Length<'a>>,
    allowed: impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    let length = length.into();
    let bytes = value.as_bytes();
    // For an ASCII value the byte count is the character count.
    if length.allows(bytes.len()) && all_ascii_and_allowed(bytes, &allowed) {
        return Ok(());
    }
    length_and_chars_decoded(value, length, &allowed, described)
}

/// [`length_and_chars`] for a value that is not ASCII or fails: counts and
/// tests characters, and on failure names the broken rule.
#[inline(never)]
fn length_and_chars_decoded(
    value: &str,
    length: Length<'_>,
    allowed: &impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    // An ASCII value here has a refused character or a wrong length.
    if !value.is_ascii() {
        let mut count = 0;
        if value.chars().all(|c| {
            count += 1;
            allowed(c)
        }) && length.allows(count)
        {
            return Ok(());
        }
    }
    describe_failure(value, length, allowed, described)
}

/// Runs the separate rules to name what failed.
#[cold]
#[inline(never)]
fn describe_failure(
    value: &str,
    length: Length<'_>,
    allowed: &dyn Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    length.check(value)?;
    chars(value, allowed, described)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn capitals_and_digits(c: char) -> bool {
        matches!(c, '0'..='9' | 'A'..='Z')
    }

    fn letters_any_script(c: char) -> bool {
        c.is_alphabetic()
    }

    #[test]
    fn ascii_values_pass_or_fail_on_length_then_characters() {
        let six = Length::OneOf(&[6]);
        let check = |v: &str| length_and_chars(v, six, capitals_and_digits, "0-9, A-Z");
        assert_eq!(check("AB12CD"), Ok(()));
        assert_eq!(check("AB12C").unwrap_err().rule, "length");
        // Both rules fail: the length is reported, as the two-pass order did.
        assert_eq!(check("ab").unwrap_err().rule, "length");
        let wrong = check("AB12cD").unwrap_err();
        assert_eq!(wrong.rule, "chars");
        assert!(wrong.message.contains("character 5 (U+0063)"), "{wrong:?}");
    }

    #[test]
    fn non_ascii_characters_count_once_each() {
        let range = Length::Between(2, 3);
        let check = |v: &str| length_and_chars(v, range, letters_any_script, "letters");
        // Three characters in six bytes.
        assert_eq!(check("éßø"), Ok(()));
        assert_eq!(check("éßøå").unwrap_err().rule, "max_length");
        assert_eq!(check("é").unwrap_err().rule, "min_length");
        assert_eq!(check("é1").unwrap_err().rule, "chars");
    }

    #[test]
    fn each_length_shape_bounds_as_its_rule() {
        let any = |_: char| true;
        // Written as generated code writes them.
        assert!(length_and_chars("abc", 3.., any, "any").is_ok());
        assert!(length_and_chars("ab", 3.., any, "any").is_err());
        assert!(length_and_chars("abc", ..=3, any, "any").is_ok());
        assert!(length_and_chars("abcd", ..=3, any, "any").is_err());
        assert!(length_and_chars("ab", 2..=2, any, "any").is_ok());
        assert!(length_and_chars("abc", 2..=2, any, "any").is_err());
        assert!(length_and_chars("", &[0, 2], any, "any").is_ok());
        assert!(length_and_chars("a", &[0, 2], any, "any").is_err());
    }

    fn lengths() -> impl Strategy<Value = Length<'static>> {
        prop_oneof![
            Just(Length::OneOf(&[6])),
            Just(Length::OneOf(&[0, 3, 27])),
            (0usize..8).prop_map(Length::AtLeast),
            (0usize..8).prop_map(Length::AtMost),
            (0usize..5, 0usize..8).prop_map(|(a, b)| Length::Between(a, b)),
        ]
    }

    proptest! {
        /// The one-pass check returns exactly what the length rule followed
        /// by `chars` returns: verdict, rule and message.
        #[test]
        fn one_pass_agrees_with_the_two_rules(
            value in "[A-Z0-9]{0,8}|[a-zA-Z0-9 é€]{0,8}|\\PC{0,8}",
            length in lengths(),
            unicode_letters: bool,
        ) {
            let (allowed, described): (fn(char) -> bool, &str) = if unicode_letters {
                (letters_any_script, "letters")
            } else {
                (capitals_and_digits, "0-9, A-Z")
            };
            let two_pass = length.check(&value).and_then(|()| chars(&value, allowed, described));
            prop_assert_eq!(length_and_chars(&value, length, allowed, described), two_pass);
        }
    }
}
