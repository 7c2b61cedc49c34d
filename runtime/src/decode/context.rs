//! The decode context: what the response being read so far has broken, and
//! where the reader is.
//!
//! Decoding is synchronous, so the context is a thread-local stack: the
//! client (or a record read on its own) opens one around a read, and the
//! `Deserialize` impls of records, newtypes, enums and unions consult the
//! innermost. Every borrow of the stack is short and never spans a call into
//! other `Deserialize` code.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;

use serde_json::Value;

use super::ResponseViolation;
use crate::validate::Violation;

struct Context {
    strict: bool,
    /// The path of the value being read (`items[2].region_id`).
    path: String,
    found: Vec<ResponseViolation>,
    /// Inside a secret value: reports are redacted.
    secret_depth: u32,
}

thread_local! {
    static STACK: RefCell<Vec<Context>> = const { RefCell::new(Vec::new()) };
}

fn with<R>(f: impl FnOnce(Option<&mut Context>) -> R) -> R {
    STACK.with(|stack| f(stack.borrow_mut().last_mut()))
}

/// How the innermost read treats a value that breaks its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// No read is open: a value deserialized on its own is refused, as
    /// constructors refuse it.
    Standalone,
    /// Refused: the response is a decode error.
    Strict,
    /// Kept and reported.
    Tolerant,
}

pub(crate) fn state() -> State {
    with(|context| match context {
        None => State::Standalone,
        Some(c) if c.strict => State::Strict,
        Some(_) => State::Tolerant,
    })
}

/// An open read. Dropping it (also while unwinding) closes it and anything
/// opened inside it.
pub(crate) struct Opened {
    depth: usize,
}

impl Opened {
    pub(crate) fn new(strict: bool, root: &str) -> Opened {
        STACK.with(|stack| {
            let mut stack = stack.borrow_mut();
            let depth = stack.len();
            stack.push(Context {
                strict,
                path: root.to_owned(),
                found: Vec::new(),
                secret_depth: 0,
            });
            Opened { depth }
        })
    }

    /// Closes the read and hands out what it found.
    pub(crate) fn close(self) -> Vec<ResponseViolation> {
        STACK.with(|stack| {
            let mut stack = stack.borrow_mut();
            let found = stack
                .get_mut(self.depth)
                .map(|c| std::mem::take(&mut c.found))
                .unwrap_or_default();
            stack.truncate(self.depth);
            found
        })
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        // `try_with`: the thread may be tearing down its locals.
        let _ = STACK.try_with(|stack| {
            if let Ok(mut stack) = stack.try_borrow_mut() {
                stack.truncate(self.depth);
            }
        });
    }
}

/// Runs `f` with `segment` appended to the path (`.name`, `[index]`,
/// `[key]`), and restores the path afterwards, whatever `f` returns.
pub(crate) fn at<R>(segment: Segment<'_>, f: impl FnOnce() -> R) -> R {
    let saved = push(segment);
    let result = f();
    truncate_path(saved);
    result
}

/// One step of a path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Segment<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// Appends `segment`; returns the length to truncate back to.
pub(crate) fn push(segment: Segment<'_>) -> Option<usize> {
    with(|context| {
        let path = &mut context?.path;
        let saved = path.len();
        match segment {
            Segment::Field(name) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            Segment::Index(index) => {
                let _ = write!(path, "[{index}]");
            }
            Segment::Key(key) => {
                path.push('[');
                path.push_str(key);
                path.push(']');
            }
        }
        Some(saved)
    })
}

pub(crate) fn truncate_path(saved: Option<usize>) {
    if let Some(len) = saved {
        with(|context| {
            if let Some(c) = context {
                c.path.truncate(len);
            }
        });
    }
}

/// Records a violation at the current path. `false` when no tolerant read
/// is open (the caller then refuses the value).
pub(crate) fn report(
    type_name: Cow<'static, str>,
    violation: Violation,
    received: Option<Value>,
) -> bool {
    with(|context| match context {
        Some(c) if !c.strict => {
            let secret = c.secret_depth > 0;
            c.found.push(ResponseViolation {
                path: c.path.clone(),
                type_name,
                violation: if secret {
                    violation.redacted()
                } else {
                    violation
                },
                received: if secret { None } else { received },
            });
            true
        }
        _ => false,
    })
}

/// How many violations have been found so far, to [`rollback`] to when an
/// attempt to read a value fails as a whole.
pub(crate) fn mark() -> usize {
    with(|context| context.map_or(0, |c| c.found.len()))
}

pub(crate) fn rollback(mark: usize) {
    with(|context| {
        if let Some(c) = context {
            c.found.truncate(mark);
        }
    });
}

/// Runs `f` reading strictly, then restores the mode.
pub(crate) fn strictly<R>(f: impl FnOnce() -> R) -> R {
    let saved = with(|context| context.map(|c| std::mem::replace(&mut c.strict, true)));
    let result = f();
    if let Some(strict) = saved {
        with(|context| {
            if let Some(c) = context {
                c.strict = strict;
            }
        });
    }
    result
}

/// Runs `f` with every report redacted and no received value kept.
pub(crate) fn secret<R>(f: impl FnOnce() -> R) -> R {
    let entered = with(|context| context.map(|c| c.secret_depth += 1).is_some());
    let result = f();
    if entered {
        with(|context| {
            if let Some(c) = context {
                c.secret_depth = c.secret_depth.saturating_sub(1);
            }
        });
    }
    result
}

/// The part of a read that one record covers: it collects what was found
/// inside the record, with paths relative to it. A record read with no read
/// open opens a tolerant one of its own.
pub(crate) struct RecordScope {
    root: Option<Opened>,
    /// The record's own path length.
    base: usize,
    mark: usize,
}

impl RecordScope {
    pub(crate) fn enter() -> RecordScope {
        // One look at the stack: a record is read on every response.
        match with(|context| context.map(|c| (c.path.len(), c.found.len()))) {
            Some((base, mark)) => RecordScope {
                root: None,
                base,
                mark,
            },
            None => RecordScope {
                root: Some(Opened::new(false, "")),
                base: 0,
                mark: 0,
            },
        }
    }

    /// What was found inside the record.
    pub(crate) fn finish(self) -> Box<[ResponseViolation]> {
        if let Some(root) = self.root {
            return root.close().into_boxed_slice();
        }
        let (base, mark) = (self.base, self.mark);
        with(|context| {
            let Some(c) = context else {
                return Box::default();
            };
            c.found
                .get(mark..)
                .unwrap_or_default()
                .iter()
                .map(|v| ResponseViolation {
                    path: relative(&v.path, base).to_owned(),
                    ..v.clone()
                })
                .collect()
        })
    }
}

/// `path` below the first `base` bytes, without the separating dot.
fn relative(path: &str, base: usize) -> &str {
    let rest = path.get(base..).unwrap_or(path);
    rest.strip_prefix('.').unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_and_restore() {
        let opened = Opened::new(false, "items");
        at(Segment::Index(2), || {
            at(Segment::Field("region_id"), || {
                assert!(report(
                    "PositiveInt".into(),
                    Violation::new("min", "m"),
                    None
                ));
            });
            at(Segment::Key("a.b"), || {
                secret(|| {
                    assert!(report(
                        "Line".into(),
                        Violation::new("chars", "character 1 (U+0007) is a control character"),
                        Some(Value::from("x")),
                    ))
                });
            });
        });
        let found = opened.close();
        assert_eq!(found[0].path, "items[2].region_id");
        assert_eq!(found[1].path, "items[2][a.b]");
        assert_eq!(found[1].violation.message, "character 1 is not allowed");
        assert_eq!(found[1].received, None);
        assert_eq!(state(), State::Standalone);
    }

    #[test]
    fn strict_and_standalone_reads_refuse() {
        assert!(!report("T".into(), Violation::new("r", "m"), None));
        let opened = Opened::new(true, "");
        assert_eq!(state(), State::Strict);
        assert!(!report("T".into(), Violation::new("r", "m"), None));
        drop(opened);
        let opened = Opened::new(false, "");
        strictly(|| assert_eq!(state(), State::Strict));
        assert_eq!(state(), State::Tolerant);
        let mark = mark();
        assert!(report("T".into(), Violation::new("r", "m"), None));
        rollback(mark);
        assert!(opened.close().is_empty());
    }

    #[test]
    fn record_scopes_keep_their_subtree_relative() {
        let opened = Opened::new(false, "");
        at(Segment::Field("outer"), || {
            let scope = RecordScope::enter();
            at(Segment::Field("inner"), || {
                report("T".into(), Violation::new("r", "m"), None);
            });
            let inside = scope.finish();
            assert_eq!(inside[0].path, "inner");
        });
        assert_eq!(opened.close()[0].path, "outer.inner");
        let alone = RecordScope::enter();
        assert_eq!(state(), State::Tolerant);
        report("T".into(), Violation::new("r", "m"), None);
        assert_eq!(alone.finish().len(), 1);
        assert_eq!(state(), State::Standalone);
    }
}
