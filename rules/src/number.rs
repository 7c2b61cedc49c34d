//! Decimal numbers written as text: money and prices.

use super::Violation;

/// The shape of a decimal string, e.g. money (`-$.05`) or a price with 2 to
/// 5 decimals (`5.00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// A currency symbol that may follow the sign, e.g. `$`.
    pub currency: Option<char>,
    /// A leading `-` is allowed.
    pub negative: bool,
    /// The value must be above zero.
    pub positive: bool,
    /// Fewest digits after the point (0: the point may be absent).
    pub min_fraction: u8,
    /// Most digits after the point, if limited.
    pub max_fraction: Option<u8>,
}

/// `[-][$]digits[.digits]`, with digits on at least one side of the point,
/// under the constraints of `shape`.
#[inline]
pub fn decimal(value: &str, shape: &Decimal) -> Result<(), Violation> {
    if decimal_ok(value, shape) {
        return Ok(());
    }
    decimal_slow(value, shape)
}

/// [`decimal`]'s decision in one pass, without building a message.
#[inline]
fn decimal_ok(value: &str, shape: &Decimal) -> bool {
    let mut rest = value;
    let negative = match rest.strip_prefix('-') {
        Some(after) => {
            rest = after;
            true
        }
        None => false,
    };
    if negative && !shape.negative {
        return false;
    }
    if let Some(symbol) = shape.currency {
        rest = rest.strip_prefix(symbol).unwrap_or(rest);
    }
    let (mut whole, mut fraction, mut point, mut nonzero) = (0usize, 0usize, false, false);
    for b in rest.bytes() {
        match b {
            b'0'..=b'9' => {
                nonzero |= b != b'0';
                if point {
                    fraction += 1;
                } else {
                    whole += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return false,
        }
    }
    whole + fraction > 0
        && fraction >= usize::from(shape.min_fraction)
        && shape
            .max_fraction
            .is_none_or(|max| fraction <= usize::from(max))
        && !(shape.positive && (negative || !nonzero))
}

#[cold]
#[inline(never)]
fn decimal_slow(value: &str, shape: &Decimal) -> Result<(), Violation> {
    const RULE: &str = "decimal";
    let mut rest = value;
    let negative = match rest.strip_prefix('-') {
        Some(after) if shape.negative => {
            rest = after;
            true
        }
        Some(_) => {
            return Err(Violation::new(RULE, "a negative value is not allowed"));
        }
        None => false,
    };
    if let Some(symbol) = shape.currency {
        rest = rest.strip_prefix(symbol).unwrap_or(rest);
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rest, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let fraction_digits = fraction.unwrap_or("");
    if !all_digits(whole)
        || !all_digits(fraction_digits)
        || whole.len() + fraction_digits.len() == 0
    {
        let currency = match shape.currency {
            Some(symbol) => format!("an optional '{symbol}', "),
            None => String::new(),
        };
        let sign = if shape.negative {
            "an optional '-', "
        } else {
            ""
        };
        return Err(Violation::new(
            RULE,
            format!("expected {sign}{currency}digits and an optional '.' with more digits"),
        ));
    }
    let count = fraction_digits.len();
    let min = usize::from(shape.min_fraction);
    if count < min
        || shape
            .max_fraction
            .is_some_and(|max| count > usize::from(max))
    {
        let expected = match shape.max_fraction {
            Some(max) if usize::from(max) == min => format!("exactly {min}"),
            Some(max) => format!("{min} to {max}"),
            None => format!("at least {min}"),
        };
        return Err(Violation::new(
            RULE,
            format!("expected {expected} digits after the point, got {count}"),
        ));
    }
    let nonzero = whole
        .bytes()
        .chain(fraction_digits.bytes())
        .any(|b| b != b'0');
    if shape.positive && (negative || !nonzero) {
        return Err(Violation::new(RULE, "the value must be above zero"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The one-pass reader decides exactly like the one that explains.
        #[test]
        fn the_fast_reader_agrees(
            value in "-?\\$?[0-9]{0,4}(\\.[0-9]{0,7})?|[-$.0-9a]{0,8}",
            currency: bool, negative: bool, positive: bool,
            min in 0u8..4, max in proptest::option::of(0u8..6),
        ) {
            let shape = Decimal {
                currency: currency.then_some('$'),
                negative,
                positive,
                min_fraction: min,
                max_fraction: max,
            };
            prop_assert_eq!(decimal_ok(&value, &shape), decimal_slow(&value, &shape).is_ok());
        }
    }
}
