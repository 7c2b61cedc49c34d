//! The regular-expression fallback, for phrases no specialised rule covers.
//!
//! Two sides compile a spec's `pattern`, and they must decide alike:
//!
//! - generated code, at run time, with the `regex` crate ([`Pattern`],
//!   behind the `pattern` feature so that crates without such types do not
//!   build `regex`);
//! - the generator's checker, when the spec is checked
//!   ([`PatternMatcher`], behind the `pattern-check` feature), with the
//!   parts of `regex-automata` that `regex` builds on: the same parser
//!   configuration and the same Thompson NFA construction, forward and
//!   reverse, under the same limits. A pattern the checker accepts therefore
//!   compiles at run time, and both match the same values.
//!
//! What they share is here without any feature: the wrapping that anchors
//! a pattern at both ends ([`anchored_pattern`]) and the limits.

/// The most heap a pattern's compiled automaton may take, in bytes (the
/// `regex` crate's own default, stated so that it cannot change under us).
/// The checker builds the same automata under the same limit, so a pattern
/// over it is a spec error, not a type that refuses every value.
pub const PATTERN_SIZE_LIMIT: usize = 10 * (1 << 20);

/// How deeply groups, repetitions and classes may nest in a pattern,
/// counting the group [`anchored_pattern`] adds (`regex`'s default).
pub const PATTERN_NEST_LIMIT: u32 = 250;

/// `source` as it is compiled: anchored at both ends, so the whole value
/// must match. `source` must be a whole expression on its own (the checker
/// emits one written back from its syntax tree, without comments, so
/// `(?x)` cannot swallow the closing parenthesis).
pub fn anchored_pattern(source: &str) -> String {
    format!(r"\A(?:{source})\z")
}

/// The violation of a value that does not match: "expected a MIME type
/// (pattern `…`)". One message for both sides.
#[cfg(any(feature = "pattern", feature = "pattern-check"))]
fn mismatch(described: &str, source: &str) -> super::Violation {
    super::Violation::new(
        "pattern",
        format!("expected {described} (pattern `{source}`)"),
    )
}

#[cfg(feature = "pattern")]
pub use run::{Pattern, pattern};

#[cfg(feature = "pattern")]
mod run {
    use std::borrow::Cow;
    use std::sync::OnceLock;

    use regex::{Regex, RegexBuilder};

    use super::{PATTERN_NEST_LIMIT, PATTERN_SIZE_LIMIT, anchored_pattern, mismatch};
    use crate::Violation;

    /// A pattern checked against the whole value, compiled on first use.
    /// The generator has compiled it the same way already, so compiling it
    /// here does not fail for generated types; if it ever does, every value
    /// is refused rather than accepted.
    #[derive(Debug)]
    pub struct Pattern {
        source: Cow<'static, str>,
        compiled: OnceLock<Option<Regex>>,
    }

    impl Pattern {
        /// A pattern from its source; anchored at both ends when used.
        pub const fn new(source: &'static str) -> Self {
            Pattern {
                source: Cow::Borrowed(source),
                compiled: OnceLock::new(),
            }
        }

        /// [`Pattern::new`] for a source made at run time.
        pub fn from_string(source: String) -> Self {
            Pattern {
                source: Cow::Owned(source),
                compiled: OnceLock::new(),
            }
        }

        /// The source, as written in the generated code.
        pub fn source(&self) -> &str {
            &self.source
        }

        /// Whether the pattern compiles within [`PATTERN_SIZE_LIMIT`] and
        /// [`PATTERN_NEST_LIMIT`]; one that does not refuses every value.
        pub fn compiles(&self) -> bool {
            self.regex().is_some()
        }

        fn regex(&self) -> Option<&Regex> {
            self.compiled
                .get_or_init(|| {
                    RegexBuilder::new(&anchored_pattern(&self.source))
                        .size_limit(PATTERN_SIZE_LIMIT)
                        .nest_limit(PATTERN_NEST_LIMIT)
                        .build()
                        .ok()
                })
                .as_ref()
        }
    }

    /// The whole value must match `pattern`; `described` says what it means.
    ///
    /// Message: "expected a MIME type (pattern `…`)".
    pub fn pattern(value: &str, pattern: &Pattern, described: &str) -> Result<(), Violation> {
        match pattern.regex() {
            Some(regex) if regex.is_match(value) => Ok(()),
            _ => Err(mismatch(described, &pattern.source)),
        }
    }
}

#[cfg(feature = "pattern-check")]
pub use check::{PatternError, PatternMatcher};

#[cfg(feature = "pattern-check")]
mod check {
    use std::fmt;

    use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
    use regex_automata::util::{look::LookMatcher, syntax};

    use super::{PATTERN_NEST_LIMIT, PATTERN_SIZE_LIMIT, anchored_pattern, mismatch};
    use crate::Violation;

    /// Why a pattern does not compile.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum PatternError {
        /// Not a regular expression (or nested deeper than
        /// [`PATTERN_NEST_LIMIT`]): the parser's one-line message.
        Syntax(String),
        /// Its automaton would take more than [`PATTERN_SIZE_LIMIT`] bytes.
        TooBig,
        /// Anything else the engine refuses.
        Other(String),
    }

    impl fmt::Display for PatternError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                PatternError::Syntax(message) | PatternError::Other(message) => {
                    f.write_str(message)
                }
                PatternError::TooBig => write!(
                    f,
                    "it compiles to more than {} MiB, the limit generated code compiles it with \
                     (large repetition counts such as `{{1000}}` of a class multiply its size)",
                    PATTERN_SIZE_LIMIT >> 20
                ),
            }
        }
    }

    impl From<thompson::BuildError> for PatternError {
        fn from(error: thompson::BuildError) -> Self {
            if error.size_limit().is_some() {
                PatternError::TooBig
            } else {
                PatternError::Other(error.to_string())
            }
        }
    }

    /// The checker's twin of the runtime's `Pattern`: compiled the way
    /// `regex` compiles it at run time, and matching the same values.
    #[derive(Clone, Debug)]
    pub struct PatternMatcher {
        vm: PikeVM,
    }

    impl PatternMatcher {
        /// Compiles `source` (anchored at both ends) as `regex` does: its
        /// parser configuration, then the forward NFA (with captures) and
        /// the reverse NFA (without) its lazy DFA needs, both under
        /// [`PATTERN_SIZE_LIMIT`]. `regex` refuses a pattern when either
        /// does not fit.
        pub fn compile(source: &str) -> Result<PatternMatcher, PatternError> {
            let anchored = anchored_pattern(source);
            let syntax = syntax::Config::new()
                .nest_limit(PATTERN_NEST_LIMIT)
                .utf8(true);
            let hir = syntax::parse_with(&anchored, &syntax).map_err(|error| {
                // The last line of the parser's message is the one-line cause.
                let text = error.to_string();
                let summary = text.lines().last().unwrap_or("invalid").trim();
                PatternError::Syntax(summary.trim_start_matches("error: ").to_string())
            })?;
            let mut look = LookMatcher::new();
            look.set_line_terminator(b'\n');
            let forward = thompson::Config::new()
                .utf8(true)
                .reverse(false)
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT))
                .shrink(false)
                .which_captures(WhichCaptures::All)
                .look_matcher(look);
            let reverse = forward
                .clone()
                .which_captures(WhichCaptures::None)
                .reverse(true);
            let nfa = thompson::Compiler::new()
                .configure(forward)
                .build_from_hir(&hir)?;
            thompson::Compiler::new()
                .configure(reverse)
                .build_from_hir(&hir)?;
            let vm = PikeVM::new_from_nfa(nfa)?;
            Ok(PatternMatcher { vm })
        }

        /// Whether the whole of `value` matches.
        pub fn is_match(&self, value: &str) -> bool {
            let mut cache = self.vm.create_cache();
            self.vm.is_match(&mut cache, value)
        }

        /// The runtime's `pattern` rule for this matcher: the same verdict
        /// and message; `source` is the pattern as generated code holds it.
        pub fn check(&self, value: &str, source: &str, described: &str) -> Result<(), Violation> {
            if self.is_match(value) {
                Ok(())
            } else {
                Err(mismatch(described, source))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchoring_wraps_the_whole_expression() {
        assert_eq!(anchored_pattern("a|b"), r"\A(?:a|b)\z");
    }

    #[cfg(feature = "pattern")]
    mod run {
        use super::super::*;

        static MIME: Pattern = Pattern::new(r"[a-z]+/[a-z0-9.+-]+");
        static BROKEN: Pattern = Pattern::new(r"(unclosed");

        #[test]
        fn the_whole_value_must_match() {
            assert!(pattern("text/plain", &MIME, "a MIME type").is_ok());
            let error = pattern("text/plain; x", &MIME, "a MIME type").unwrap_err();
            assert_eq!(error.rule, "pattern");
            assert_eq!(
                error.message,
                "expected a MIME type (pattern `[a-z]+/[a-z0-9.+-]+`)"
            );
            assert!(pattern("xtext/plain\n", &MIME, "a MIME type").is_err());
            assert!(pattern("", &MIME, "a MIME type").is_err());
        }

        #[test]
        fn a_pattern_that_does_not_compile_refuses_every_value() {
            assert!(!BROKEN.compiles());
            assert!(pattern("(unclosed", &BROKEN, "anything").is_err());
        }

        #[test]
        fn the_size_limit_is_the_stated_one() {
            // `\w` is about 18 KB forward and 39 KB reversed: 250 copies
            // fit forward but not reversed, which `regex` also builds.
            assert!(Pattern::from_string(r"\w{100}".into()).compiles());
            assert!(!Pattern::from_string(r"\w{250}".into()).compiles());
            assert!(!Pattern::from_string(r"\w{5000}".into()).compiles());
        }
    }

    #[cfg(feature = "pattern-check")]
    mod check {
        use super::super::*;

        #[test]
        fn compiles_and_matches_whole_values() {
            let matcher = PatternMatcher::compile(r"[a-z]+(-[a-z]+)*").unwrap();
            assert!(matcher.is_match("a-bc"));
            assert!(!matcher.is_match("a-"));
            assert!(!matcher.is_match("xa-b\n"));
            let error = matcher.check("A", "[a-z]+", "a slug").unwrap_err();
            assert_eq!(error.message, "expected a slug (pattern `[a-z]+`)");
        }

        #[test]
        fn refuses_what_regex_refuses() {
            assert!(matches!(
                PatternMatcher::compile("(ab"),
                Err(PatternError::Syntax(_))
            ));
            assert_eq!(
                PatternMatcher::compile(r"\w{250}").unwrap_err(),
                PatternError::TooBig
            );
            let deep = format!("{}a{}", "(".repeat(250), ")".repeat(250));
            assert!(matches!(
                PatternMatcher::compile(&deep),
                Err(PatternError::Syntax(_))
            ));
            // A comment runs to the end of the line: it would swallow the
            // anchoring's `)\z` if the source were not written back first.
            assert!(PatternMatcher::compile("(?x)a # comment").is_err());
        }
    }

    /// Both sides decide alike: the checker accepts exactly the patterns
    /// `regex` compiles, and they match the same values.
    #[cfg(all(feature = "pattern", feature = "pattern-check"))]
    mod agree {
        use super::super::*;
        use proptest::prelude::*;

        /// Pieces of patterns, biased towards what stresses the limits:
        /// Unicode classes, large and nested repetitions, deep groups.
        fn piece() -> impl Strategy<Value = String> {
            let atom = prop_oneof![
                Just("a".to_string()),
                Just(r"\w".to_string()),
                Just(r"\d".to_string()),
                Just(r"\pL".to_string()),
                Just("[a-z0-9._-]".to_string()),
                Just(".".to_string()),
                Just(r"\b".to_string()),
                Just("(?i)k".to_string()),
                Just("é".to_string()),
                Just("[^/]".to_string()),
                Just("(".to_string()),
                Just(")".to_string()),
                Just("|".to_string()),
                Just("[".to_string()),
            ];
            let count = prop_oneof![
                Just(String::new()),
                Just("*".to_string()),
                Just("+?".to_string()),
                (0u32..400).prop_map(|n| format!("{{{n}}}")),
                (0u32..60, 0u32..200).prop_map(|(a, b)| format!("{{{a},{}}}", a + b)),
                (0u32..3000).prop_map(|n| format!("{{{n}}}")),
            ];
            (atom, count).prop_map(|(a, c)| a + &c)
        }

        fn pattern_source() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => prop::collection::vec(piece(), 1..6).prop_map(|p| p.concat()),
                1 => (1usize..260).prop_map(|n| format!("{}a{}", "(".repeat(n), ")".repeat(n))),
                1 => (piece(), 1u32..40, 1u32..40)
                    .prop_map(|(p, a, b)| format!("(?:(?:{p}){{{a}}}){{{b}}}")),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn checker_and_runtime_agree(
                source in pattern_source(),
                values in prop::collection::vec("[a-zé_/. 0-9\n-]{0,12}", 0..6),
            ) {
                let runtime = Pattern::from_string(source.clone());
                let checker = PatternMatcher::compile(&source);
                prop_assert_eq!(runtime.compiles(), checker.is_ok(), "{}: {:?}", source, checker.err());
                if let Ok(checker) = checker {
                    for value in values {
                        prop_assert_eq!(
                            pattern(&value, &runtime, "x").is_ok(),
                            checker.is_match(&value),
                            "{} on {:?}", source, value
                        );
                    }
                }
            }
        }
    }
}
