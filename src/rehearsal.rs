//! The rehearsal timer of presenter mode: time since the start, time on the current card,
//! pauses. Time is passed in, so tests need no clock.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Rehearsal {
    started: Instant,
    paused_since: Option<Instant>,
    paused_total: Duration,
    /// Talk time (pauses excluded) when the current card came up.
    card_shown_at: Duration,
    card: usize,
}

impl Rehearsal {
    pub fn start(card: usize, now: Instant) -> Self {
        Self {
            started: now,
            paused_since: None,
            paused_total: Duration::ZERO,
            card_shown_at: Duration::ZERO,
            card,
        }
    }

    /// Talk time so far, pauses excluded.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let paused_now = self
            .paused_since
            .map_or(Duration::ZERO, |p| now.saturating_duration_since(p));
        now.saturating_duration_since(self.started)
            .saturating_sub(self.paused_total + paused_now)
    }

    /// Talk time on the current card.
    pub fn on_card(&self, now: Instant) -> Duration {
        self.elapsed(now).saturating_sub(self.card_shown_at)
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub fn toggle_pause(&mut self, now: Instant) {
        match self.paused_since.take() {
            Some(since) => self.paused_total += now.saturating_duration_since(since),
            None => self.paused_since = Some(now),
        }
    }

    /// Starts the card timer over when the shown card changes.
    pub fn show_card(&mut self, card: usize, now: Instant) {
        if card != self.card {
            self.card = card;
            self.card_shown_at = self.elapsed(now);
        }
    }

    /// Back to zero, on the current card, keeping a pause.
    pub fn reset(&mut self, now: Instant) {
        let paused = self.is_paused();
        *self = Self::start(self.card, now);
        if paused {
            self.paused_since = Some(now);
        }
    }

    /// How long until the shown seconds change, so the UI repaints once a second and no
    /// more, and not at all while paused.
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        if self.is_paused() {
            return None;
        }
        let into_second = self.elapsed(now).subsec_nanos();
        Some(Duration::from_nanos(u64::from(1_000_000_000 - into_second)))
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn pauses_do_not_count() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start(0, t0);
        assert_eq!(r.elapsed(t0 + 10 * S), 10 * S);
        r.toggle_pause(t0 + 10 * S);
        assert_eq!(r.elapsed(t0 + 40 * S), 10 * S);
        assert_eq!(r.next_tick(t0 + 40 * S), None, "no repaints while paused");
        r.toggle_pause(t0 + 40 * S);
        assert_eq!(r.elapsed(t0 + 45 * S), 15 * S);
    }

    #[test]
    fn the_card_timer_restarts_on_a_new_card() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start(0, t0);
        r.show_card(0, t0 + 5 * S);
        assert_eq!(r.on_card(t0 + 8 * S), 8 * S, "same card: no restart");
        r.show_card(1, t0 + 8 * S);
        assert_eq!(r.on_card(t0 + 20 * S), 12 * S);
        assert_eq!(r.elapsed(t0 + 20 * S), 20 * S);
    }

    #[test]
    fn reset_goes_back_to_zero() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start(3, t0);
        r.reset(t0 + 100 * S);
        assert_eq!(r.elapsed(t0 + 101 * S), S);
        assert_eq!(r.on_card(t0 + 101 * S), S);
    }

    #[test]
    fn ticks_land_on_whole_seconds() {
        let t0 = Instant::now();
        let r = Rehearsal::start(0, t0);
        assert_eq!(
            r.next_tick(t0 + Duration::from_millis(2300)),
            Some(Duration::from_millis(700))
        );
    }

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
    }
}
