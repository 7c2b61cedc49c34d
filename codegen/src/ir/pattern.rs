//! A string type's `pattern`: checked, and written back in the form
//! generated code compiles.
//!
//! The runtime anchors a pattern as `\A(?:SOURCE)\z`. Pasted in verbatim,
//! a `(?x)` pattern's `# comment` would swallow the closing `)\z`, and
//! every value would be refused. So the generator emits the pattern
//! written back from its syntax tree (comments and insignificant
//! whitespace dropped, every other construct as written), checks that it
//! means exactly what the spec's text means, and compiles it the way the
//! runtime will (`hostapi_rules::PatternMatcher`: same parser settings,
//! same automata, same limits). A pattern that passes compiles at run time.

use std::path::Path;

use hostapi_rules::{PATTERN_NEST_LIMIT, PatternError, PatternMatcher};
use regex_syntax::ast::{parse::ParserBuilder as AstParser, print::Printer};

use crate::diag::Diagnostic;
use crate::spec::span::Sp;

/// The pattern as generated code holds it, or a located `bad-pattern`.
pub fn checked(file: &Path, pattern: &Sp<String>) -> Result<String, Diagnostic> {
    let bad = |message: String| {
        Diagnostic::error("bad-pattern", file, pattern.pos, message).with_help(
            "write Rust `regex` syntax; the whole value must match, so no `^`/`$` are needed; \
             prefer a specialised rule (`chars`, `length`, `format`) where one fits",
        )
    };
    let invalid =
        |problem: String| format!("`pattern` is not a valid regular expression: {problem}");
    let canonical = canonical(&pattern.value).map_err(|problem| bad(invalid(problem)))?;
    PatternMatcher::compile(&canonical).map_err(|problem| {
        bad(match problem {
            PatternError::Syntax(problem) => invalid(problem),
            other => format!("`pattern` cannot be compiled by generated code: {other}"),
        })
    })?;
    Ok(canonical)
}

/// `source` written back from its syntax tree, provided that means the same.
pub fn canonical(source: &str) -> Result<String, String> {
    let ast = AstParser::new()
        .nest_limit(PATTERN_NEST_LIMIT)
        .build()
        .parse(source)
        .map_err(|error| summary(&error.to_string()))?;
    let mut printed = String::new();
    Printer::new()
        .print(&ast, &mut printed)
        .map_err(|_| "it cannot be written back".to_string())?;
    let meaning = |text: &str| {
        regex_syntax::ParserBuilder::new()
            .nest_limit(PATTERN_NEST_LIMIT)
            .build()
            .parse(text)
            .map_err(|error| summary(&error.to_string()))
    };
    // A printer that changed the meaning would be a bug in regex-syntax;
    // refusing the pattern beats generating a check that differs from it.
    if meaning(source)? != meaning(&printed)? {
        return Err("it does not survive being written back unchanged".to_string());
    }
    Ok(printed)
}

/// The last line of a parser's message is the one-line cause.
fn summary(message: &str) -> String {
    let line = message.lines().last().unwrap_or("invalid").trim();
    line.trim_start_matches("error: ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_spacing_are_dropped() {
        assert_eq!(canonical("(?x) [a-z]+ # a word").unwrap(), "(?x)[a-z]+");
        assert_eq!(canonical("(?x) a\\ b # spaced").unwrap(), "(?x)a\\ b");
        assert_eq!(canonical("[a-z]+(-[a-z]+)*").unwrap(), "[a-z]+(-[a-z]+)*");
    }

    #[test]
    fn the_written_back_form_compiles_where_the_text_would_not() {
        let source = "(?x) [a-z]+ # a word";
        assert!(PatternMatcher::compile(source).is_err());
        let matcher = PatternMatcher::compile(&canonical(source).unwrap()).unwrap();
        assert!(matcher.is_match("abc") && !matcher.is_match("a b"));
    }

    #[test]
    fn invalid_patterns_say_why() {
        assert!(canonical("(ab").unwrap_err().contains("unclosed group"));
        assert!(canonical("[z-a]").unwrap_err().contains("invalid"));
    }
}
