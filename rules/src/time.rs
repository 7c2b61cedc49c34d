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

/// Whether `bytes` starts with `YYYY-MM-DD` naming a day that exists,
/// without building any message. Every byte is tested without branching;
/// only February asks whether the year is a leap year.
#[inline]
fn date_ok(bytes: &[u8]) -> bool {
    let Some(&[y0, y1, y2, y3, dash1, m0, m1, dash2, d0, d1]) = bytes.first_chunk::<10>() else {
        return false;
    };
    let [y0, y1, y2, y3, m0, m1, d0, d1] =
        [y0, y1, y2, y3, m0, m1, d0, d1].map(|b| u32::from(b.wrapping_sub(b'0')));
    let digits_ok = (y0 < 10) & (y1 < 10) & (y2 < 10) & (y3 < 10);
    let digits_ok = digits_ok & (m0 < 10) & (m1 < 10) & (d0 < 10) & (d1 < 10);
    let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    let (month, day) = (m0 * 10 + m1, d0 * 10 + d1);
    digits_ok
        & (dash1 == b'-')
        & (dash2 == b'-')
        & (year > 0)
        & (1..=12).contains(&month)
        & (day >= 1)
        && day <= days_in_month(year, month)
}

/// Whether `bytes` is exactly `HH:MM:SS` from 00:00:00 to 23:59:59,
/// tested without branching.
#[inline]
fn time_ok(bytes: &[u8]) -> bool {
    let Ok(&[h0, h1, colon1, m0, m1, colon2, s0, s1]) = <&[u8; 8]>::try_from(bytes) else {
        return false;
    };
    let [h0, h1, m0, m1, s0, s1] =
        [h0, h1, m0, m1, s0, s1].map(|b| u32::from(b.wrapping_sub(b'0')));
    // Minutes and seconds below 60: a first digit 0 to 5, a second 0 to 9.
    (h0 < 10)
        & (h1 < 10)
        & (h0 * 10 + h1 < 24)
        & (m0 < 6)
        & (m1 < 10)
        & (s0 < 6)
        & (s1 < 10)
        & (colon1 == b':')
        & (colon2 == b':')
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
    let bytes = value.as_bytes();
    if bytes.len() == 19 && bytes[10] == b' ' && date_ok(bytes) && time_ok(&bytes[11..]) {
        return Ok(());
    }
    datetime_exact(bytes)
}

/// [`datetime`] field by field, naming what is wrong: for values its fast
/// path refused.
#[cold]
#[inline(never)]
fn datetime_exact(bytes: &[u8]) -> Result<(), Violation> {
    const RULE: &str = "format.datetime";
    const SHAPE: &str = "YYYY-MM-DD HH:MM:SS";
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

        #[test]
        fn the_fast_datetime_reader_agrees(
            value in "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}|[0-9 :-]{19}|.{0,20}",
        ) {
            prop_assert_eq!(datetime(&value).is_ok(), datetime_exact(value.as_bytes()).is_ok());
        }
    }

    /// Every two-digit hour, minute and second, and every byte value in
    /// each position of the time: the branch-free reader agrees.
    #[test]
    fn every_time_of_day_spelling_agrees() {
        for n in 0..100 {
            for value in [
                format!("2024-02-29 {n:02}:00:00"),
                format!("2024-02-29 00:{n:02}:00"),
                format!("2024-02-29 00:00:{n:02}"),
            ] {
                assert_eq!(
                    datetime(&value).is_ok(),
                    datetime_exact(value.as_bytes()).is_ok(),
                    "{value}"
                );
            }
        }
        for at in 0..19 {
            for b in 0..=0x7F_u8 {
                let mut bytes = *b"2024-02-29 23:59:59";
                bytes[at] = b;
                let value = std::str::from_utf8(&bytes).expect("ASCII");
                assert_eq!(
                    datetime(value).is_ok(),
                    datetime_exact(&bytes).is_ok(),
                    "{value:?}"
                );
                assert_eq!(
                    value.len() == 19 && date_ok(&bytes),
                    check_date(&bytes[..10], "r", "s").is_ok(),
                    "{value:?}"
                );
            }
        }
    }
}
