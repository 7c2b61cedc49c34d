//! Character rules beyond an allowed set: forbidden characters and "must
//! contain N of these classes".

use super::{Violation, char_at};

/// Every character must fail `forbidden`; `described` names what is
/// forbidden ("spaces").
///
/// Message: "character 4 (U+0020) is not allowed; expected no spaces".
#[inline]
pub fn not_chars(
    value: &str,
    forbidden: impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    match value.chars().enumerate().find(|&(_, c)| forbidden(c)) {
        Some((i, c)) => Err(Violation::new(
            "not_chars",
            format!(
                "{} is not allowed; expected no {described}",
                char_at(i + 1, c)
            ),
        )),
        None => Ok(()),
    }
}

/// A class of characters for [`char_classes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharKind {
    /// A lowercase letter (Unicode).
    Lowercase,
    /// An uppercase letter (Unicode).
    Uppercase,
    /// Any letter (Unicode).
    Letter,
    /// An ASCII digit.
    Digit,
    /// Anything visible that is not a letter or digit: punctuation and
    /// symbols, not whitespace or control characters.
    Punctuation,
}

impl CharKind {
    fn matches(self, c: char) -> bool {
        match self {
            CharKind::Lowercase => c.is_lowercase(),
            CharKind::Uppercase => c.is_uppercase(),
            CharKind::Letter => c.is_alphabetic(),
            CharKind::Digit => c.is_ascii_digit(),
            CharKind::Punctuation => !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            CharKind::Lowercase => "lowercase letters",
            CharKind::Uppercase => "uppercase letters",
            CharKind::Letter => "letters",
            CharKind::Digit => "digits",
            CharKind::Punctuation => "punctuation",
        }
    }
}

/// The value must contain characters of at least `at_least` of `kinds`.
/// At most eight kinds are supported (more would repeat one).
///
/// Message: "expected characters from at least 3 of: lowercase letters,
/// uppercase letters, digits, punctuation; found 2".
#[inline]
pub fn char_classes(value: &str, at_least: usize, kinds: &[CharKind]) -> Result<(), Violation> {
    if value.is_ascii() {
        // One table lookup per byte, then one test per class.
        let seen = value
            .bytes()
            .fold(0u8, |seen, b| seen | ASCII_KINDS[usize::from(b)]);
        let found = kinds.iter().filter(|k| seen & k.ascii_bit() != 0).count();
        if found >= at_least {
            return Ok(());
        }
    }
    char_classes_slow(value, at_least, kinds)
}

/// For each ASCII byte, the bits of the classes it belongs to.
const ASCII_KINDS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() {
            1 | 16
        } else if c.is_ascii_uppercase() {
            2 | 16
        } else if c.is_ascii_digit() {
            4
        } else if c.is_ascii_graphic() {
            8
        } else {
            0
        };
        b += 1;
    }
    table
};

impl CharKind {
    /// The class's bit in [`ASCII_KINDS`].
    fn ascii_bit(self) -> u8 {
        match self {
            CharKind::Lowercase => 1,
            CharKind::Uppercase => 2,
            CharKind::Digit => 4,
            CharKind::Punctuation => 8,
            CharKind::Letter => 16,
        }
    }
}

#[cold]
#[inline(never)]
fn char_classes_slow(value: &str, at_least: usize, kinds: &[CharKind]) -> Result<(), Violation> {
    let all = (1u16 << kinds.len().min(8)) - 1;
    let mut seen = 0u16;
    for c in value.chars() {
        for (i, kind) in kinds.iter().take(8).enumerate() {
            if kind.matches(c) {
                seen |= 1 << i;
            }
        }
        if seen == all || seen.count_ones() as usize >= at_least {
            return Ok(());
        }
    }
    let found = seen.count_ones() as usize;
    if found >= at_least {
        return Ok(());
    }
    let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    let message = if kinds.len() == 1 || at_least == kinds.len() && at_least == 1 {
        format!("expected at least one of the {}", names.join(", "))
    } else if at_least == kinds.len() {
        format!(
            "expected characters from each of: {}; found {found}",
            names.join(", ")
        )
    } else {
        format!(
            "expected characters from at least {at_least} of: {}; found {found}",
            names.join(", ")
        )
    };
    Err(Violation::new("char_classes", message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [CharKind; 5] = [
        CharKind::Lowercase,
        CharKind::Uppercase,
        CharKind::Letter,
        CharKind::Digit,
        CharKind::Punctuation,
    ];

    proptest! {
        #[test]
        fn the_ascii_table_agrees_with_the_unicode_classes(value in "[ -~\t]{0,12}", at_least in 1usize..4, take in 1usize..5) {
            let kinds = &KINDS[..take.max(at_least)];
            prop_assert_eq!(
                char_classes(&value, at_least, kinds).is_ok(),
                char_classes_slow(&value, at_least, kinds).is_ok(),
            );
        }
    }
}
