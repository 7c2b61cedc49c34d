//! The one-invocation type macros (`string_type!` and its siblings) that
//! generated type modules use: the rule runs where a value is built, read
//! and validated; sensitive values stay hidden; a JSON number gets its own
//! check.

use hostapi_runtime::validate::{Validate, Violations, rules};

hostapi_runtime::string_type! {
    /// Two to four lowercase letters.
    pub struct Word(String);
    check |value| {
        rules::min_length(value, 2)?;
        rules::max_length(value, 4)?;
        rules::chars(value, |c| c.is_ascii_lowercase(), "a-z")?;
    }
}

hostapi_runtime::string_type! {
    /// Any text.
    pub struct Free(String);
}

hostapi_runtime::string_type! {
    /// At least six characters, never shown.
    pub struct Pin(String) as sensitive;
    check |value| {
        rules::min_length(value, 6)?;
    }
}

hostapi_runtime::string_type! {
    /// Written with exactly two digits; a number only needs to be short.
    pub struct Cents(String);
    check |value| {
        rules::length_in(value, &[2])?;
    }
    check_number |value| {
        rules::max_length(value, 2)?;
    }
}

hostapi_runtime::integer_type! {
    /// 1 to 10.
    pub struct Small(i64);
    check |value| {
        rules::int_min(value, 1)?;
        rules::int_max(value, 10)?;
    }
}

hostapi_runtime::float_type! {
    /// Above zero.
    pub struct Rate(f64);
    check |value| {
        rules::float_above(value, 0.0)?;
    }
}

hostapi_runtime::boolean_type! {
    /// Sent as `1` or `0`.
    pub struct Flag(bool) as zero_one;
}

hostapi_runtime::unix_time_type! {
    /// Seconds since the epoch.
    pub struct Stamp(i64);
}

hostapi_runtime::map_type! {
    /// Any keys.
    pub struct Bag(Map);
}

#[test]
fn string_rules_run_on_construction_and_on_reading() {
    assert_eq!(Word::new("abc").unwrap().as_str(), "abc");
    let error = Word::new("a").unwrap_err();
    assert_eq!(error.type_name, "Word");
    assert!(Word::new("abcde").is_err());
    assert!(Word::new("aB").is_err());
    assert!("abcd".parse::<Word>().is_ok());
    assert!(serde_json::from_str::<Word>("\"ABC\"").is_err());
    assert_eq!(
        serde_json::to_string(&Word::new("ab").unwrap()).unwrap(),
        "\"ab\""
    );
    assert!(Free::new("").is_ok());
}

#[test]
fn validation_reports_the_unchecked_value() {
    let mut violations = Violations::new();
    Word::new_unchecked("x").validate(&mut violations);
    assert_eq!(violations.violations().len(), 1);
    let mut violations = Violations::new();
    Word::new_unchecked("xy").validate(&mut violations);
    assert!(violations.is_empty());
}

#[test]
fn sensitive_strings_hide_their_value() {
    let pin = Pin::new("secret-pin").unwrap();
    assert_eq!(format!("{pin:?}"), "Pin([REDACTED])");
    assert_eq!(pin.expose(), "secret-pin");
    let error = Pin::new("abc").unwrap_err();
    assert!(!error.to_string().contains("abc"), "{error}");
}

#[test]
fn numbers_take_the_number_check() {
    assert!(serde_json::from_str::<Cents>("\"05\"").is_ok());
    assert!(serde_json::from_str::<Cents>("\"5\"").is_err());
    // `5` may have been written `05`: only the relaxed rule applies.
    assert_eq!(serde_json::from_str::<Cents>("5").unwrap().as_str(), "5");
    assert!(serde_json::from_str::<Cents>("500").is_err());
}

#[test]
fn integer_and_float_rules_hold() {
    assert_eq!(Small::new(10).unwrap().get(), 10);
    assert!(Small::new(0).is_err());
    assert!(Small::new(11).is_err());
    assert!(serde_json::from_str::<Small>("\"7\"").is_ok());
    assert!(Rate::new(0.5).is_ok());
    assert!(Rate::new(0.0).is_err());
}

#[test]
fn booleans_times_and_maps_keep_their_wire_forms() {
    assert_eq!(serde_json::to_string(&Flag::new(true)).unwrap(), "1");
    assert!(!serde_json::from_str::<Flag>("0").unwrap().get());
    assert!(Stamp::new(-1).is_err());
    assert!(Stamp::new(0).unwrap().to_system_time().is_some());
    let bag: Bag = serde_json::from_str("[]").unwrap();
    assert!(bag.as_map().is_empty());
    assert_eq!(Bag::default().with("k", 1).as_map().len(), 1);
}

hostapi_runtime::enum_type! {
    /// A state, matched exactly.
    pub enum State {
        /// `on`
        On = "on",
        /// `off`
        Off = "off",
    }
}

hostapi_runtime::enum_type! {
    /// A state in any case.
    pub enum LooseState as case_insensitive {
        /// `on`
        On = "on",
    }
}

hostapi_runtime::union_type! {
    /// A small number, else a word.
    pub enum SmallOrWord {
        /// A small number.
        Small(Small),
        /// A word.
        Word(Box<Word>),
    }
}

#[test]
fn enums_keep_unknown_values_and_refuse_to_send_them() {
    assert_eq!(
        serde_json::from_str::<State>("\"off\"").unwrap(),
        State::Off
    );
    assert_eq!(
        serde_json::from_str::<State>("\"ON\"").unwrap(),
        State::Unknown("ON".into())
    );
    assert_eq!(
        serde_json::from_str::<LooseState>("\"ON\"").unwrap(),
        LooseState::On
    );
    assert_eq!(State::On.to_string(), "on");
    let mut violations = Violations::new();
    State::Unknown("dim".into()).validate(&mut violations);
    assert_eq!(violations.violations().len(), 1);
}

#[test]
fn unions_take_the_first_member_that_accepts() {
    let read: SmallOrWord = serde_json::from_str("3").unwrap();
    assert_eq!(read, SmallOrWord::Small(Small::new(3).unwrap()));
    let read: SmallOrWord = serde_json::from_str("\"ab\"").unwrap();
    assert_eq!(read, SmallOrWord::from(Box::new(Word::new("ab").unwrap())));
    assert_eq!(serde_json::to_string(&read).unwrap(), "\"ab\"");
    let mut violations = Violations::new();
    SmallOrWord::Small(Small::new_unchecked(30)).validate(&mut violations);
    assert_eq!(violations.violations().len(), 1);
}
