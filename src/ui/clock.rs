//! Times shown in the window, in the user's time zone.

use std::sync::OnceLock;
use time::{OffsetDateTime, UtcOffset};

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Reads the local UTC offset. Must run before other threads start: the `time` crate
/// refuses to read it from a multi-threaded process on Unix.
pub fn init_local_offset() {
    if let Ok(offset) = UtcOffset::current_local_offset() {
        let _ = LOCAL_OFFSET.set(offset);
    }
}

fn local(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(LOCAL_OFFSET.get().copied().unwrap_or(UtcOffset::UTC))
}

/// `2026-11-29 13:05`, for note times.
pub fn local_time(t: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    local(t).format(&format).unwrap_or_default()
}

/// `13:05:09`, the wall clock of presenter mode.
pub fn wall_clock() -> String {
    let format = time::macros::format_description!("[hour]:[minute]:[second]");
    local(OffsetDateTime::now_utc())
        .format(&format)
        .unwrap_or_default()
}
