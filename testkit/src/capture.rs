//! A `tracing` subscriber that keeps every span, field record and event as a
//! line of text, so tests can check what was logged (and that no secret
//! was).
//!
//! Captures are routed through one process-wide subscriber that says
//! "sometimes" to every callsite and asks, per event, whether this thread
//! has a capture installed. A thread-local subscriber per test is not
//! enough: `tracing` caches each callsite's interest process-wide, and a
//! callsite first hit on another test's thread while this one installs its
//! subscriber can cache "never" after the rebuild, so the test misses its
//! events now and then.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

/// Collects lines; cheap to clone (clones share the lines).
#[derive(Clone, Default)]
pub struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    spans: Arc<Mutex<Vec<(u64, &'static str)>>>,
}

thread_local! {
    /// The capture installed on this thread, if any.
    static CURRENT: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Span ids, unique across captures (spans outlive a test's capture).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Uninstalls the capture when dropped; stays on the thread it was made on.
#[must_use = "the capture is uninstalled when the guard drops"]
pub struct Installed {
    previous: Option<Capture>,
    _not_send: PhantomData<*const ()>,
}

impl Drop for Installed {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = CURRENT.try_with(|current| *current.borrow_mut() = previous);
    }
}

impl Capture {
    pub fn new() -> Self {
        Capture::default()
    }

    /// Installs the capture as this thread's subscriber until the guard drops.
    pub fn install(&self) -> Installed {
        static ROUTER: Once = Once::new();
        ROUTER.call_once(|| {
            // Fails only if the test binary set a global subscriber of its
            // own, which none does.
            let _ = tracing::subscriber::set_global_default(Router);
        });
        let previous = CURRENT.with(|current| current.borrow_mut().replace(self.clone()));
        Installed {
            previous,
            _not_send: PhantomData,
        }
    }

    /// Every line so far: `span NAME{fields}`, `record NAME{fields}`,
    /// `event LEVEL target: {fields}`, `close NAME`.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("lock").clone()
    }

    /// All lines joined with newlines.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    fn push(&self, line: String) {
        self.lines.lock().expect("lock").push(line);
    }

    fn span_name(&self, id: &Id) -> &'static str {
        self.spans
            .lock()
            .expect("lock")
            .iter()
            .find(|(i, _)| *i == id.into_u64())
            .map_or("?", |(_, n)| n)
    }
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push_str(", ");
        }
        let _ = write!(self.0, "{}={value:?}", field.name());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if !self.0.is_empty() {
            self.0.push_str(", ");
        }
        let _ = write!(self.0, "{}={value}", field.name());
    }
}

/// The process-wide subscriber: hands everything to this thread's capture.
struct Router;

fn current() -> Option<Capture> {
    CURRENT
        .try_with(|current| current.borrow().clone())
        .ok()
        .flatten()
}

impl Subscriber for Router {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        current().is_some()
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        if let Some(capture) = current() {
            let name = span.metadata().name();
            capture.spans.lock().expect("lock").push((id, name));
            let mut fields = Fields(String::new());
            span.record(&mut fields);
            capture.push(format!("span {name}{{{}}}", fields.0));
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(capture) = current() {
            let mut fields = Fields(String::new());
            values.record(&mut fields);
            capture.push(format!(
                "record {}{{{}}}",
                capture.span_name(span),
                fields.0
            ));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        if let Some(capture) = current() {
            let mut fields = Fields(String::new());
            event.record(&mut fields);
            let meta = event.metadata();
            capture.push(format!(
                "event {} {}: {{{}}}",
                meta.level(),
                meta.target(),
                fields.0
            ));
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}

    fn try_close(&self, id: Id) -> bool {
        if let Some(capture) = current() {
            capture.push(format!("close {}", capture.span_name(&id)));
        }
        true
    }
}
