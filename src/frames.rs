//! A frame counter for measuring the real window from outside: with
//! `RUST_LOG=talkdeck::frames=debug` the app logs one line per painted frame (of any of
//! its windows), with the wall-clock time it began. `benches/frames.py` counts these
//! lines per input; nothing is computed or printed when the target is not enabled.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const TARGET: &str = "talkdeck::frames";

/// Call once per painted frame, before egui runs (eframe's `App::raw_input_hook` is
/// called exactly then, for every viewport).
pub fn painted(raw_input: &egui::RawInput) {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    if !log::log_enabled!(target: TARGET, log::Level::Debug) {
        return;
    }
    let n = COUNT.fetch_add(1, Ordering::Relaxed) + 1;
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let viewport = if raw_input.viewport_id == egui::ViewportId::ROOT {
        "main"
    } else {
        "second"
    };
    log::debug!(target: TARGET, "frame {n} {viewport} at {micros} us");
}
