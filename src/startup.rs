//! When the process started, so the app can report how long its first frame took
//! (`RUST_LOG=talkdeck=info`).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn mark() {
    STARTED.get_or_init(Instant::now);
}

/// Time since [`mark`] (zero if it was never called).
pub fn elapsed() -> Duration {
    STARTED.get().map_or(Duration::ZERO, Instant::elapsed)
}

/// Logs `first frame after N ms` once per process.
pub fn first_frame() {
    static LOGGED: OnceLock<()> = OnceLock::new();
    LOGGED.get_or_init(|| log::info!("first frame after {} ms", elapsed().as_millis()));
}
