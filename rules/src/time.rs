//! Calendar dates and times as the vendors write them.

use super::Violation;

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

#[inline]
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        _ => 28,
    }
}

fn check_date(bytes: &[u8], rule: &'static str, shape: &str) -> Result<(), Violation> {
    let shape_error = || Violation::new(rule, format!("expected the form {shape}"));
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(shape_error());
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(&bytes[..4]),
        digits(&bytes[5..7]),
        digits(&bytes[8..10]),
    ) else {
        return Err(shape_error());
    };
    if year == 0 {
        return Err(Violation::new(rule, "the year must be 0001 or later"));
    }
    if !(1..=12).contains(&month) {
        return Err(Violation::new(
            rule,
            format!("the month must be 01 to 12, got {month:02}"),
        ));
    }
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Err(Violation::new(
            rule,
            format!("day {day:02} does not exist in {year:04}-{month:02}"),
        ));
    }
    Ok(())
}

/// The value of two ASCII digits, or `None`.
#[inline]
fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    let (a, b) = (
        bytes[at].wrapping_sub(b'0'),
        bytes[at + 1].wrapping_sub(b'0'),
    );
    (a < 10 && b < 10).then(|| u32::from(a) * 10 + u32::from(b))
}

/// Whether `bytes` is exactly `YYYY-MM-DD` naming a day that exists, without
/// building any message.
#[inline]
fn date_ok(bytes: &[u8]) -> bool {
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(century), Some(year2), Some(month), Some(day)) = (
        two_digits(bytes, 0),
        two_digits(bytes, 2),
        two_digits(bytes, 5),
        two_digits(bytes, 8),
    ) else {
        return false;
    };
    let year = century * 100 + year2;
    year > 0 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// A calendar date `YYYY-MM-DD` that exists (leap years included).
#[inline]
pub fn date(value: &str) -> Result<(), Violation> {
    if value.len() == 10 && date_ok(value.as_bytes()) {
        return Ok(());
    }
    check_date(value.as_bytes(), "format.date", "YYYY-MM-DD")
}

/// A date and time `YYYY-MM-DD HH:MM:SS` that exists: hours 00 to 23,
/// minutes and seconds 00 to 59.
#[inline]
pub fn datetime(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.datetime";
    const SHAPE: &str = "YYYY-MM-DD HH:MM:SS";
    let bytes = value.as_bytes();
    if bytes.len() == 19
        && date_ok(bytes)
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[16] == b':'
        && two_digits(bytes, 11).is_some_and(|h| h < 24)
        && two_digits(bytes, 14).is_some_and(|m| m < 60)
        && two_digits(bytes, 17).is_some_and(|s| s < 60)
    {
        return Ok(());
    }
    if bytes.len() != 19 || bytes[10] != b' ' || bytes[13] != b':' || bytes[16] != b':' {
        return Err(Violation::new(RULE, format!("expected the form {SHAPE}")));
    }
    check_date(&bytes[..10], RULE, SHAPE)?;
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&bytes[11..13]),
        digits(&bytes[14..16]),
        digits(&bytes[17..19]),
    ) else {
        return Err(Violation::new(RULE, format!("expected the form {SHAPE}")));
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err(Violation::new(
            RULE,
            "the time must be 00:00:00 to 23:59:59",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast reader decides exactly like the one that explains.
        #[test]
        fn the_fast_date_reader_agrees(value in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9-]{10}|.{0,12}") {
            prop_assert_eq!(
                value.len() == 10 && date_ok(value.as_bytes()),
                check_date(value.as_bytes(), "r", "s").is_ok()
            );
        }
    }
}
