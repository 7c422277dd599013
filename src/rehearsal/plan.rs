//! The plan a run is measured against: each card's budget (a share of the planned
//! duration), the pace signal while presenting, and the per-card comparison of runs.

use super::log::{RehearsalLog, Run};
use crate::talk::Card;
use std::time::Duration;

/// The least a card is given: showing a slide takes a moment even with nothing to say
/// (a deck's slide without presenter notes would otherwise have a budget of 0:00).
pub const MIN_ESTIMATE: Duration = Duration::from_secs(20);

/// Ahead or behind by more than this shows (pdfpc's default tolerance is a minute too).
pub const PACE_MARGIN: Duration = Duration::from_secs(60);

/// How long a card should take: its real span in a timed talk (subtitles, a timed
/// transcript), else the time to say its speaker notes (or, without any, its slide's
/// text), and never less than [`MIN_ESTIMATE`].
pub fn estimate(card: &Card) -> Duration {
    if let Some(span) = card.time {
        return span.duration();
    }
    let notes = super::speaking_time(&card.paragraphs.join("\n"));
    let said = if notes.is_zero() {
        let slide = format!(
            "{}\n{}\n{}",
            card.title,
            card.body,
            card.key_points.join("\n")
        );
        super::speaking_time(&slide)
    } else {
        notes
    };
    said.max(MIN_ESTIMATE)
}

/// The cards' budgets, in card order, and the planned duration they add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Budgets {
    pub planned: Duration,
    pub cards: Vec<Duration>,
}

/// Each card's share of the planned duration, in proportion to its weight: the time a
/// run gave it after "use the last run as budgets" (cards that run never showed keep
/// their estimate), else its [`estimate`]. Without a planned duration the weights
/// summed are the plan, so each budget is the weight itself.
pub fn budgets(cards: &[Card], log: &RehearsalLog) -> Budgets {
    let weights: Vec<Duration> = cards
        .iter()
        .map(|card| {
            log.run_budgets()
                .and_then(|b| b.get(&card.id).copied())
                .unwrap_or_else(|| estimate(card))
        })
        .collect();
    let total: Duration = weights.iter().sum();
    let planned = log.planned().unwrap_or(total);
    let cards = if total.is_zero() {
        // Every card weighs nothing (a run that showed each for an instant): equal shares.
        let n = u32::try_from(weights.len()).unwrap_or(u32::MAX).max(1);
        vec![planned / n; weights.len()]
    } else {
        let scale = planned.as_secs_f64() / total.as_secs_f64();
        weights.iter().map(|w| w.mul_f64(scale)).collect()
    };
    Budgets { planned, cards }
}

/// How the run keeps to the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Within [`PACE_MARGIN`] of the plan.
    OnTime,
    /// This much earlier than planned.
    Ahead(Duration),
    /// This much later than planned.
    Behind(Duration),
}

/// The talk time expected on reaching the middle of card `index` (0-based) of `count`:
/// `planned · (n − 0.5) / N` for card n = index + 1, pdfpc's rule.
pub fn expected_elapsed(index: usize, count: usize, planned: Duration) -> Duration {
    if count == 0 {
        return Duration::ZERO;
    }
    planned.mul_f64((index as f64 + 0.5) / count as f64)
}

/// The pace signal on card `index` of `count` after `elapsed` of talk time.
pub fn pace(elapsed: Duration, index: usize, count: usize, planned: Duration) -> Pace {
    let expected = expected_elapsed(index, count, planned);
    if elapsed > expected + PACE_MARGIN {
        Pace::Behind(elapsed - expected)
    } else if elapsed + PACE_MARGIN < expected {
        Pace::Ahead(expected - elapsed)
    } else {
        Pace::OnTime
    }
}

/// One card in the summary of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct CardSummary {
    pub budget: Duration,
    /// `None` where the run never showed the card.
    pub this_run: Option<Duration>,
    /// The run before it.
    pub last_run: Option<Duration>,
    /// Of this run and those before it, the time closest to the card's budget.
    pub best: Option<Duration>,
}

/// Run `index` of `runs` card by card, in the order of `cards`, against `budgets`.
pub fn summary(budgets: &Budgets, cards: &[Card], runs: &[Run], index: usize) -> Vec<CardSummary> {
    let upto = &runs[..(index + 1).min(runs.len())];
    cards
        .iter()
        .zip(&budgets.cards)
        .map(|(card, &budget)| {
            let this_run = runs.get(index).and_then(|r| r.spent_on(&card.id));
            let last_run = index
                .checked_sub(1)
                .and_then(|i| runs.get(i))
                .and_then(|r| r.spent_on(&card.id));
            let off = |t: &Duration| t.abs_diff(budget);
            let best = upto
                .iter()
                .filter_map(|r| r.spent_on(&card.id))
                .min_by_key(off);
            CardSummary {
                budget,
                this_run,
                last_run,
                best,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::log::CardTime;
    use crate::talk::TimeSpan;
    use std::collections::BTreeMap;

    const S: Duration = Duration::from_secs(1);

    fn card(id: &str, han: usize) -> Card {
        Card {
            id: id.to_owned(),
            paragraphs: vec!["字".repeat(han)],
            ..Card::default()
        }
    }

    fn run(times: &[(&str, u64)]) -> Run {
        let cards: BTreeMap<String, CardTime> = times
            .iter()
            .map(|&(id, s)| {
                let spent = Duration::from_secs(s);
                (id.to_owned(), CardTime { spent, visits: 1 })
            })
            .collect();
        Run {
            started: time::macros::datetime!(2026-12-02 09:00 UTC),
            planned: 600 * S,
            elapsed: cards.values().map(|c| c.spent).sum(),
            cards,
            pauses: Vec::new(),
        }
    }

    #[test]
    fn estimates_use_the_real_span_the_notes_or_the_slide_and_a_floor() {
        assert_eq!(estimate(&card("a", 500)), 120 * S);
        let timed = Card {
            time: Some(TimeSpan {
                start: 10.0,
                end: 310.0,
            }),
            ..card("b", 500)
        };
        assert_eq!(estimate(&timed), 300 * S, "a timed card's real length");
        let slide = Card {
            body: format!("- {}", "the lesson is simple ".repeat(70)),
            ..Card::default()
        };
        assert_eq!(
            estimate(&slide),
            120 * S,
            "a slide without notes: its own text"
        );
        assert_eq!(estimate(&Card::default()), MIN_ESTIMATE, "never 0:00");
    }

    #[test]
    fn budgets_are_shares_of_the_planned_duration() {
        let cards = [card("a", 250), card("b", 750)];
        let mut log = RehearsalLog::default();
        let b = budgets(&cards, &log);
        assert_eq!(b.planned, 240 * S, "no plan: the estimates summed");
        assert_eq!(b.cards, [60 * S, 180 * S]);
        log.set_planned(Some(600 * S));
        assert_eq!(budgets(&cards, &log).cards, [150 * S, 450 * S]);
    }

    #[test]
    fn the_last_run_as_budgets() {
        let cards = [card("a", 250), card("b", 750), card("c", 250)];
        let mut log = RehearsalLog::default();
        log.add_run(run(&[("a", 100), ("b", 50)]));
        log.use_run_as_budgets(0);
        let b = budgets(&cards, &log);
        assert_eq!(b.planned, 150 * S, "the run's talk time");
        // c was never shown in that run: it keeps its estimate as its weight.
        let expected = [100.0 / 210.0, 50.0 / 210.0, 60.0 / 210.0].map(|w| (150 * S).mul_f64(w));
        assert_eq!(b.cards, expected);
        log.set_planned(Some(300 * S));
        let b = budgets(&cards, &log);
        assert_eq!(
            b.cards[0],
            (300 * S).mul_f64(100.0 / 210.0),
            "scaled with the plan"
        );
    }

    #[test]
    fn pace_follows_pdfpcs_rule_with_a_minute_either_way() {
        let planned = 1000 * S;
        // Card 3 of 10 (index 2): expected 1000 · 2.5 / 10 = 250 s.
        assert_eq!(expected_elapsed(2, 10, planned), 250 * S);
        assert_eq!(expected_elapsed(0, 1, planned), 500 * S);
        assert_eq!(pace(250 * S, 2, 10, planned), Pace::OnTime);
        assert_eq!(
            pace(310 * S, 2, 10, planned),
            Pace::OnTime,
            "exactly a minute"
        );
        assert_eq!(pace(311 * S, 2, 10, planned), Pace::Behind(61 * S));
        assert_eq!(pace(189 * S, 2, 10, planned), Pace::Ahead(61 * S));
        assert_eq!(pace(S, 0, 0, planned), Pace::OnTime, "no cards");
    }

    #[test]
    fn a_runs_summary_against_the_last_and_the_best() {
        let cards = [card("a", 250), card("b", 250), card("c", 250)];
        let log = RehearsalLog::default();
        let b = budgets(&cards, &log);
        let runs = [
            run(&[("a", 61), ("b", 200)]),
            run(&[("a", 90), ("b", 30)]),
            run(&[("a", 70), ("b", 100)]),
        ];
        let s = summary(&b, &cards, &runs, 2);
        assert_eq!(s[0].budget, 60 * S);
        assert_eq!(s[0].this_run, Some(70 * S));
        assert_eq!(s[0].last_run, Some(90 * S));
        assert_eq!(s[0].best, Some(61 * S), "closest to the budget");
        assert_eq!(s[1].best, Some(30 * S));
        assert_eq!((s[2].this_run, s[2].best), (None, None), "never shown");
        let first = summary(&b, &cards, &runs, 0);
        assert_eq!(first[0].last_run, None);
        assert_eq!(first[1].best, Some(200 * S), "only runs up to this one");
    }
}
