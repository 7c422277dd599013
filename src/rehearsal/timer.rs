//! The presenter's timer: time since the start, time on the current card, pauses; and
//! the record of the run it times (each card's time, visits summed, and each pause),
//! which becomes a [`Run`] when presenting ends.
//!
//! A pause holds across card changes: stepping through cards while paused counts no
//! time on any of them (unlike pdfpc, whose pause ends at the next slide, pdfpc #695).

use super::log::{CardTime, Pause, Run};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct Rehearsal {
    started: Instant,
    /// When the run started, on the wall clock (the run's date).
    started_wall: OffsetDateTime,
    paused_since: Option<Instant>,
    paused_total: Duration,
    /// Talk time (pauses excluded) when the current card came up.
    card_shown_at: Duration,
    /// The id of the card shown.
    card: String,
    /// Time on each card from visits that ended, and the number of visits (the current
    /// one included).
    spent: BTreeMap<String, CardTime>,
    /// Pauses that ended.
    pauses: Vec<Pause>,
    /// Talk time when the running pause began, and on which card.
    pause_started_at: Duration,
    pause_card: String,
}

impl Rehearsal {
    pub fn start(card: &str, now: Instant, wall: OffsetDateTime) -> Self {
        let mut spent = BTreeMap::new();
        spent.insert(
            card.to_owned(),
            CardTime {
                spent: Duration::ZERO,
                visits: 1,
            },
        );
        Self {
            started: now,
            started_wall: wall,
            paused_since: None,
            paused_total: Duration::ZERO,
            card_shown_at: Duration::ZERO,
            card: card.to_owned(),
            spent,
            pauses: Vec::new(),
            pause_started_at: Duration::ZERO,
            pause_card: String::new(),
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

    /// Talk time on the current card, this visit.
    pub fn on_card(&self, now: Instant) -> Duration {
        self.elapsed(now).saturating_sub(self.card_shown_at)
    }

    /// Talk time on a card in this run so far, all visits.
    pub fn spent_on(&self, card: &str, now: Instant) -> Duration {
        let before = self.spent.get(card).map_or(Duration::ZERO, |t| t.spent);
        if card == self.card {
            before + self.on_card(now)
        } else {
            before
        }
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub fn toggle_pause(&mut self, now: Instant) {
        match self.paused_since.take() {
            Some(since) => {
                let length = now.saturating_duration_since(since);
                self.paused_total += length;
                self.pauses.push(Pause {
                    card: std::mem::take(&mut self.pause_card),
                    at: self.pause_started_at,
                    length,
                });
            }
            None => {
                self.pause_started_at = self.elapsed(now);
                self.pause_card = self.card.clone();
                self.paused_since = Some(now);
            }
        }
    }

    /// Starts the card timer over when the shown card changes; the time on the card left
    /// is added to its total.
    pub fn show_card(&mut self, card: &str, now: Instant) {
        if card == self.card {
            return;
        }
        let on_card = self.on_card(now);
        self.spent.entry(self.card.clone()).or_default().spent += on_card;
        self.spent.entry(card.to_owned()).or_default().visits += 1;
        self.card = card.to_owned();
        self.card_shown_at = self.elapsed(now);
    }

    /// Back to zero, on the current card, keeping a pause: the run so far is dropped.
    pub fn reset(&mut self, now: Instant, wall: OffsetDateTime) {
        let paused = self.is_paused();
        *self = Self::start(&self.card.clone(), now, wall);
        if paused {
            self.pause_card = self.card.clone();
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

    /// The run as it stands at `now` (a running pause ends there), planned to take
    /// `planned`.
    pub fn finish(&self, now: Instant, planned: Duration) -> Run {
        let mut done = self.clone();
        if done.is_paused() {
            done.toggle_pause(now);
        }
        let on_card = done.on_card(now);
        done.spent.entry(done.card.clone()).or_default().spent += on_card;
        Run {
            started: self.started_wall,
            planned,
            elapsed: done.elapsed(now),
            cards: done.spent,
            pauses: done.pauses,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn wall() -> OffsetDateTime {
        time::macros::datetime!(2026-12-02 09:00 UTC)
    }

    #[test]
    fn pauses_do_not_count() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start("a", t0, wall());
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
        let mut r = Rehearsal::start("a", t0, wall());
        r.show_card("a", t0 + 5 * S);
        assert_eq!(r.on_card(t0 + 8 * S), 8 * S, "same card: no restart");
        r.show_card("b", t0 + 8 * S);
        assert_eq!(r.on_card(t0 + 20 * S), 12 * S);
        assert_eq!(r.elapsed(t0 + 20 * S), 20 * S);
    }

    #[test]
    fn visits_are_summed_per_card() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start("a", t0, wall());
        r.show_card("b", t0 + 10 * S);
        r.show_card("a", t0 + 15 * S);
        assert_eq!(
            r.spent_on("a", t0 + 17 * S),
            12 * S,
            "10 s, then 2 s so far"
        );
        r.show_card("c", t0 + 20 * S);
        let run = r.finish(t0 + 21 * S, 60 * S);
        assert_eq!(run.elapsed, 21 * S);
        assert_eq!(run.planned, 60 * S);
        assert_eq!(run.started, wall());
        let a = run.cards["a"];
        assert_eq!((a.spent, a.visits), (15 * S, 2));
        assert_eq!((run.cards["b"].spent, run.cards["b"].visits), (5 * S, 1));
        assert_eq!(run.cards["c"].spent, S, "the card shown at the end counts");
        let total: Duration = run.cards.values().map(|c| c.spent).sum();
        assert_eq!(total, run.elapsed);
    }

    #[test]
    fn a_pause_holds_across_card_changes_and_is_recorded() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start("a", t0, wall());
        r.toggle_pause(t0 + 10 * S);
        // Stepping through cards while paused counts nothing on them.
        r.show_card("b", t0 + 20 * S);
        r.show_card("c", t0 + 30 * S);
        assert!(r.is_paused(), "the pause holds (pdfpc #695)");
        assert_eq!(r.on_card(t0 + 40 * S), Duration::ZERO);
        r.toggle_pause(t0 + 40 * S);
        r.show_card("d", t0 + 45 * S);
        // A pause still running when the run ends ends there.
        r.toggle_pause(t0 + 50 * S);
        let run = r.finish(t0 + 53 * S, 60 * S);
        assert_eq!(run.elapsed, 20 * S);
        assert_eq!(run.cards["a"].spent, 10 * S);
        assert_eq!(run.cards["b"].spent, Duration::ZERO);
        assert_eq!(run.cards["c"].spent, 5 * S);
        assert_eq!(run.cards["d"].spent, 5 * S);
        assert_eq!(
            run.pauses,
            [
                Pause {
                    card: "a".into(),
                    at: 10 * S,
                    length: 30 * S
                },
                Pause {
                    card: "d".into(),
                    at: 20 * S,
                    length: 3 * S
                },
            ]
        );
    }

    #[test]
    fn reset_goes_back_to_zero() {
        let t0 = Instant::now();
        let mut r = Rehearsal::start("c", t0, wall());
        r.show_card("d", t0 + 50 * S);
        r.reset(t0 + 100 * S, wall());
        assert_eq!(r.elapsed(t0 + 101 * S), S);
        assert_eq!(r.on_card(t0 + 101 * S), S);
        let run = r.finish(t0 + 101 * S, S);
        assert_eq!(
            run.cards.keys().collect::<Vec<_>>(),
            ["d"],
            "the run so far dropped"
        );
    }

    #[test]
    fn ticks_land_on_whole_seconds() {
        let t0 = Instant::now();
        let r = Rehearsal::start("a", t0, wall());
        assert_eq!(
            r.next_tick(t0 + Duration::from_millis(2300)),
            Some(Duration::from_millis(700))
        );
    }
}
