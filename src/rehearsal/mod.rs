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

use std::time::Duration;

/// Chinese is read aloud at about 250 characters a minute.
const HAN_PER_MINUTE: f64 = 250.0;
/// English at about 140 words a minute.
const WORDS_PER_MINUTE: f64 = 140.0;

/// About how long `text` takes to say: Han characters at 250 a minute, words of other
/// scripts at 140 a minute.
pub fn speaking_time(text: &str) -> Duration {
    let han = text.chars().filter(|&c| is_han(c)).count() as f64;
    let words = text
        .split(|c: char| c.is_whitespace() || is_han(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as f64;
    Duration::from_secs_f64(60.0 * (han / HAN_PER_MINUTE + words / WORDS_PER_MINUTE))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

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
    fn speaking_time_counts_han_and_words() {
        assert_eq!(speaking_time(&"字".repeat(250)), Duration::from_secs(60));
        let english = "the lesson is simple ".repeat(35);
        assert_eq!(speaking_time(&english), Duration::from_secs(60));
        let mixed = format!("{}{}", "模型".repeat(125), " Scaling Law".repeat(70));
        assert_eq!(speaking_time(&mixed), Duration::from_secs(120));
        assert_eq!(speaking_time(""), Duration::ZERO);
    }

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
