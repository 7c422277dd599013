//! The log, stamped with the time since the process started, so start-up can be read
//! from it: `RUST_LOG=eframe::paint=info` shows when the first frame was painted and the
//! window shown (a line of our eframe patch), `talkdeck=debug` what came before it.

use std::io::Write;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`: marks the start and sets up the log (`RUST_LOG`, warnings
/// by default), each line stamped `[ 0.063 s LEVEL target]`.
pub fn begin() {
    STARTED.get_or_init(Instant::now);
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format(|buf, record| {
            writeln!(
                buf,
                "[{:>8.3} s {:<5} {}] {}",
                elapsed().as_secs_f64(),
                record.level(),
                record.target(),
                record.args()
            )
        })
        .init();
}

/// Time since [`begin`] (zero if it was never called).
fn elapsed() -> Duration {
    STARTED.get().map_or(Duration::ZERO, Instant::elapsed)
}
