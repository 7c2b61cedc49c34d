//! The request log: one JSON object per line, naming the API, method,
//! outcome, status and time taken. Never a parameter or credential value:
//! those may be secret.

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::Outcome;

/// Where log lines go; cheap to clone, shared by every connection.
#[derive(Clone)]
pub struct LogSink(Arc<Mutex<Box<dyn Write + Send>>>);

impl LogSink {
    pub fn new(writer: impl Write + Send + 'static) -> LogSink {
        LogSink(Arc::new(Mutex::new(Box::new(writer))))
    }

    /// Writes one request's line; a failing writer loses the line, never
    /// the answer.
    pub fn write(&self, outcome: &Outcome, http_method: &str, status: u16, took: Duration) {
        let unix_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as u64;
        let line = json!({
            "time_unix_ms": unix_ms,
            "http_method": http_method,
            "api": outcome.api,
            "method": outcome.method,
            "outcome": outcome.kind,
            "violations": outcome.violations,
            "status": status,
            "duration_us": took.as_micros() as u64,
        });
        let mut writer = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = writeln!(writer, "{line}");
        let _ = writer.flush();
    }
}

impl fmt::Debug for LogSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LogSink")
    }
}
