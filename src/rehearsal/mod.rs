//! Rehearsing a talk against the clock. No UI in here; time is passed in, so tests need
//! no clock.
//!
//! - [`timer`]: the presenter's timer, which also records where the time went (per card,
//!   visits summed, and the pauses);
//! - [`log`]: the runs kept in the notes file, the planned duration and the budgets;
//! - [`plan`]: each card's budget, the pace signal and the per-card comparison of runs.

pub mod log;
pub mod plan;
pub mod timer;

pub use log::{CardTime, Change, Pause, RehearsalLog, Run};
pub use plan::{CardSummary, Pace, budgets, estimate, pace, summary};
pub use timer::Rehearsal;

/// How long a text takes to say lives with the talk ([`crate::talk::speaking_time`]): a
/// card's length is the talk's own; rehearsing measures against it.
pub use crate::talk::speaking_time;

use std::time::Duration;

/// `m:ss`, or `h:mm:ss` past an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", (s / 60) % 60, s % 60),
    }
}

/// `+1:05` / `−0:30`: how far `actual` is from `planned`, signed (the minus sign, not a
/// hyphen, so it reads as one in both languages).
/// Whole seconds are compared, as [`clock`] shows them.
pub fn signed_clock(actual: Duration, planned: Duration) -> String {
    let (a, p) = (actual.as_secs(), planned.as_secs());
    if a >= p {
        format!("+{}", clock(Duration::from_secs(a - p)))
    } else {
        format!("−{}", clock(Duration::from_secs(p - a)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_format() {
        assert_eq!(clock(Duration::from_secs(0)), "0:00");
        assert_eq!(clock(Duration::from_secs(754)), "12:34");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
        let s = Duration::from_secs;
        assert_eq!(signed_clock(s(95), s(30)), "+1:05");
        assert_eq!(signed_clock(s(30), s(60)), "−0:30");
        let ms = Duration::from_millis;
        assert_eq!(
            signed_clock(ms(18_100), ms(17_900)),
            "+0:01",
            "as the clocks show"
        );
    }
}
