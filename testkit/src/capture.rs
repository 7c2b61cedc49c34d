//! A `tracing` subscriber that keeps every span, field record and event as a
//! line of text, so tests can check what was logged (and that no secret
//! was).

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Collects lines; cheap to clone (clones share the lines).
#[derive(Clone, Default)]
pub struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    spans: Arc<Mutex<Vec<(u64, &'static str)>>>,
    next_id: Arc<AtomicU64>,
}

impl Capture {
    pub fn new() -> Self {
        Capture::default()
    }

    /// Installs the capture as this thread's subscriber until the guard drops.
    pub fn install(&self) -> tracing::subscriber::DefaultGuard {
        let guard = tracing::subscriber::set_default(self.clone());
        // A callsite first hit on another test's thread, while no subscriber
        // wanted it, caches "never" and is skipped from then on, here too;
        // ask every callsite again now that this subscriber is live.
        tracing::callsite::rebuild_interest_cache();
        guard
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

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let name = span.metadata().name();
        self.spans.lock().expect("lock").push((id, name));
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        self.push(format!("span {name}{{{}}}", fields.0));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        self.push(format!("record {}{{{}}}", self.span_name(span), fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let meta = event.metadata();
        self.push(format!(
            "event {} {}: {{{}}}",
            meta.level(),
            meta.target(),
            fields.0
        ));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}

    fn try_close(&self, id: Id) -> bool {
        self.push(format!("close {}", self.span_name(&id)));
        true
    }
}
