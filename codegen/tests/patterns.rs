//! Every `pattern` the checker accepts compiles in generated code and
//! matches there what the checker matches: the checker writes the pattern
//! back from its syntax tree (so `(?x)` comments cannot swallow the
//! runtime's anchoring) and compiles that form the way the runtime does.

use hostapi_codegen::ir::pattern::canonical;
use hostapi_rules::{Pattern, PatternError, PatternMatcher, pattern};
use proptest::prelude::*;

/// Pattern text with the constructs that interact with the anchoring:
/// verbose mode, comments, whitespace, alternation, flags, big counts.
fn source() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_string()),
        Just("[a-z]".to_string()),
        Just(r"\d".to_string()),
        Just(r"\w".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("# note".to_string()),
        Just("# note\n".to_string()),
        Just(r"\#".to_string()),
        Just(r"\ ".to_string()),
        Just("|".to_string()),
        Just("(?x)".to_string()),
        Just("(?-x)".to_string()),
        Just("(?i)".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("(?:".to_string()),
        Just("[ #]".to_string()),
        Just("$".to_string()),
        Just("^".to_string()),
        (1u32..400).prop_map(|n| format!("{{{n}}}")),
        Just("*".to_string()),
        Just("?".to_string()),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn accepted_patterns_compile_and_match_alike_at_run_time(
        source in source(),
        values in prop::collection::vec("[a-z0-9 #\n]{0,6}", 0..6),
    ) {
        let Ok(written) = canonical(&source) else { return Ok(()) };
        // The written form is a whole expression: anchoring it never turns
        // a valid pattern into a syntax error (only size can refuse it).
        let checker = match PatternMatcher::compile(&written) {
            Ok(checker) => checker,
            Err(PatternError::TooBig) => return Ok(()),
            Err(other) => return Err(TestCaseError::fail(format!(
                "{source:?} written as {written:?}: {other}"
            ))),
        };
        let runtime = Pattern::from_string(written.clone());
        prop_assert!(runtime.compiles(), "{:?} written as {:?}", source, written);
        for value in values {
            prop_assert_eq!(
                pattern(&value, &runtime, "x").is_ok(),
                checker.is_match(&value),
                "{:?} on {:?}", written, value
            );
        }
    }
}

#[test]
fn a_verbose_pattern_with_a_comment_keeps_its_meaning() {
    let written = canonical("(?x) [a-z]+ (-[a-z]+)*  # words joined by dashes").unwrap();
    let runtime = Pattern::from_string(written);
    assert!(runtime.compiles());
    assert!(pattern("ab-cd", &runtime, "a slug").is_ok());
    assert!(pattern("ab cd", &runtime, "a slug").is_err());
    // Pasted in verbatim, the comment would swallow the anchoring's `)\z`.
    let verbatim = Pattern::from_string("(?x) [a-z]+ # words".to_string());
    assert!(!verbatim.compiles());
}
