//! A pass counter for measuring the real window from outside: with
//! `RUST_LOG=talkdeck::frames=debug` the app logs one line per egui pass (of any of its
//! windows), with the wall-clock time it began; with `eframe::paint=debug` the patched
//! eframe says of each pass whether it was painted or left unpainted as unchanged.
//! `benches/frames.py` counts both per input; nothing is computed or printed when the
//! targets are not enabled. Each line also names what asked for the pass (egui's repaint
//! causes: a file and line, or the input), which is how a pass that shows nothing new is
//! traced to the widget that asked for it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const TARGET: &str = "talkdeck::frames";

/// Call once per pass, before egui runs (eframe's `App::raw_input_hook` is
/// called exactly then, for every viewport).
pub fn pass_began(ctx: &egui::Context, raw_input: &egui::RawInput) {
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
    let causes: Vec<String> = ctx
        .repaint_causes()
        .iter()
        .map(ToString::to_string)
        .collect();
    let events = raw_input.events.len();
    log::debug!(
        target: TARGET,
        "frame {n} {viewport} at {micros} us ({events} events; asked by: {})",
        causes.join(", ")
    );
}
