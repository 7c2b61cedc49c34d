//! How long the checker takes to compile a few patterns the runtime's way
//! (run by scripts/measure-pattern-check.sh, in a debug build, as build
//! scripts run the generator).

use std::time::Instant;

use hostapi_rules::PatternMatcher;

fn main() {
    for source in [
        r"[a-z0-9._-]{1,253}",
        r"\w{1,30}",
        r"\w{100}",
        r"[\p{L}\p{N}]{1,64}",
        r"\w{250}",
        r"\w{5000}",
    ] {
        let start = Instant::now();
        let verdict = match PatternMatcher::compile(source) {
            Ok(_) => "compiles".to_string(),
            Err(error) => format!("refused: {error}"),
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("| `{source}` | {ms:.0} ms | {verdict} |");
    }
}
