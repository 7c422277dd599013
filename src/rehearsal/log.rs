//! What the notes file keeps about rehearsing (its `rehearsal` field, format version 2):
//! the planned duration, budgets taken from a run, and every run.
//!
//! ```json
//! "rehearsal": {
//!   "plannedMs": 1200000,
//!   "budgets": { "obs-1": 95000, "obs-2": 130000 },
//!   "runs": [ { "started": "2026-12-02T09:00:00Z", "plannedMs": 1200000, "talkMs": 1134000,
//!               "cards": { "obs-1": { "ms": 101000, "visits": 2 } },
//!               "pauses": [ { "card": "obs-1", "atMs": 60000, "ms": 15000 } ] } ]
//! }
//! ```
//!
//! Times are whole milliseconds (integers: a float would not come back bit for bit, and
//! the save checks that the file reads back as written).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;
use time::OffsetDateTime;

/// Durations as whole milliseconds.
mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }

    /// An optional duration, as whole milliseconds or absent.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
            Option::<u64>::deserialize(d).map(|ms| ms.map(Duration::from_millis))
        }
    }

    /// A map of durations, each as whole milliseconds.
    pub mod map {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use std::collections::BTreeMap;
        use std::time::Duration;

        #[derive(Serialize, Deserialize)]
        struct Ms(#[serde(with = "super")] Duration);

        pub fn serialize<S: Serializer>(
            m: &Option<BTreeMap<String, Duration>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            m.as_ref()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k, Ms(*v)))
                        .collect::<BTreeMap<_, _>>()
                })
                .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<BTreeMap<String, Duration>>, D::Error> {
            let m = Option::<BTreeMap<String, Ms>>::deserialize(d)?;
            Ok(m.map(|m| m.into_iter().map(|(k, v)| (k, v.0)).collect()))
        }
    }
}

/// The time a run spent on one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CardTime {
    /// All visits summed, pauses excluded.
    #[serde(rename = "ms", with = "millis")]
    pub spent: Duration,
    /// How often the card came up.
    pub visits: u32,
}

/// One pause (P) of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// The card shown when the pause began.
    pub card: String,
    /// Talk time when it began.
    #[serde(rename = "atMs", with = "millis")]
    pub at: Duration,
    #[serde(rename = "ms", with = "millis")]
    pub length: Duration,
}

/// One presenter session (F5 … Esc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    /// The talk's planned duration when the run was made.
    #[serde(rename = "plannedMs", with = "millis")]
    pub planned: Duration,
    /// Talk time, pauses excluded.
    #[serde(rename = "talkMs", with = "millis")]
    pub elapsed: Duration,
    /// By card id: the cards shown, with their time.
    pub cards: BTreeMap<String, CardTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
}

/// `d` cut to whole milliseconds, as the file keeps it.
fn whole_ms(d: Duration) -> Duration {
    Duration::from_millis(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Run {
    /// The run as the file keeps it: times in whole milliseconds, the start in whole
    /// seconds (so a saved file reads back as exactly the notes in memory).
    fn in_file_units(mut self) -> Self {
        self.started = self.started.replace_nanosecond(0).unwrap_or(self.started);
        self.planned = whole_ms(self.planned);
        self.elapsed = whole_ms(self.elapsed);
        for time in self.cards.values_mut() {
            time.spent = whole_ms(time.spent);
        }
        for pause in &mut self.pauses {
            pause.at = whole_ms(pause.at);
            pause.length = whole_ms(pause.length);
        }
        self
    }

    /// Time on a card, `None` when the run never showed it.
    pub fn spent_on(&self, card: &str) -> Option<Duration> {
        self.cards.get(card).map(|c| c.spent)
    }

    /// The pauses' total length.
    pub fn paused(&self) -> Duration {
        self.pauses.iter().map(|p| p.length).sum()
    }
}

/// The notes file's `rehearsal` field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RehearsalLog {
    /// The planned duration the user set; without one, the cards' estimates summed.
    #[serde(
        rename = "plannedMs",
        default,
        with = "millis::option",
        skip_serializing_if = "Option::is_none"
    )]
    planned: Option<Duration>,
    /// Budgets taken from a run ("use the last run as budgets"), by card id; without
    /// them, budgets follow the cards' estimates. Either way they are shares of the
    /// planned duration.
    #[serde(default, with = "millis::map", skip_serializing_if = "Option::is_none")]
    budgets: Option<BTreeMap<String, Duration>>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    runs: Vec<Run>,
}

impl RehearsalLog {
    /// Nothing to keep: the notes file gets no `rehearsal` field.
    pub fn is_empty(&self) -> bool {
        self.planned.is_none() && self.budgets.is_none() && self.runs.is_empty()
    }

    pub fn planned(&self) -> Option<Duration> {
        self.planned
    }

    /// Sets the planned duration (`None`, or zero: back to the cards' estimates).
    /// Returns false when nothing changed.
    pub fn set_planned(&mut self, planned: Option<Duration>) -> bool {
        let planned = planned.map(whole_ms).filter(|d| !d.is_zero());
        let changed = self.planned != planned;
        self.planned = planned;
        changed
    }

    /// The budgets a run gave, by card id.
    pub fn run_budgets(&self) -> Option<&BTreeMap<String, Duration>> {
        self.budgets.as_ref()
    }

    /// Run `index`'s time on each card becomes the cards' budgets, and its talk time the
    /// planned duration. Returns false when there is no such run.
    pub fn use_run_as_budgets(&mut self, index: usize) -> bool {
        let Some(run) = self.runs.get(index) else {
            return false;
        };
        let budgets = run
            .cards
            .iter()
            .map(|(id, t)| (id.clone(), t.spent))
            .collect();
        self.planned = Some(run.elapsed).filter(|d| !d.is_zero());
        self.budgets = Some(budgets);
        true
    }

    /// Budgets follow the cards' estimates again.
    pub fn clear_run_budgets(&mut self) -> bool {
        self.budgets.take().is_some()
    }

    /// Oldest first.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    pub fn last_run(&self) -> Option<&Run> {
        self.runs.last()
    }

    /// Keeps a run, its times cut to whole milliseconds.
    pub fn add_run(&mut self, run: Run) {
        self.runs.push(run.in_file_units());
    }

    /// Takes a run out (a false start); returns it.
    pub fn remove_run(&mut self, index: usize) -> Option<Run> {
        (index < self.runs.len()).then(|| self.runs.remove(index))
    }
}

/// A change to the log, as a session command carries it
/// ([`crate::session::Command::Rehearsal`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Keeps a finished run (presenting ended).
    AddRun(Box<Run>),
    /// Takes a run out (a false start).
    RemoveRun(usize),
    /// The talk's planned duration; `None`: the cards' estimates summed.
    SetPlanned(Option<Duration>),
    /// Run `index`'s time on each card becomes the budgets.
    UseRunAsBudgets(usize),
    /// Budgets follow the cards' estimates again.
    EstimatesAsBudgets,
}

impl Change {
    /// Applies the change; false when it changed nothing.
    pub fn apply(self, log: &mut RehearsalLog) -> bool {
        match self {
            Change::AddRun(run) => {
                log.add_run(*run);
                true
            }
            Change::RemoveRun(index) => log.remove_run(index).is_some(),
            Change::SetPlanned(planned) => log.set_planned(planned),
            Change::UseRunAsBudgets(index) => log.use_run_as_budgets(index),
            Change::EstimatesAsBudgets => log.clear_run_budgets(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const S: Duration = Duration::from_secs(1);

    fn run() -> Run {
        let mut cards = BTreeMap::new();
        cards.insert(
            "obs-1".to_owned(),
            CardTime {
                spent: Duration::from_millis(101_250),
                visits: 2,
            },
        );
        cards.insert(
            "title".to_owned(),
            CardTime {
                spent: 9 * S,
                visits: 1,
            },
        );
        Run {
            started: time::macros::datetime!(2026-12-02 09:00 UTC),
            planned: 1200 * S,
            elapsed: Duration::from_millis(110_250),
            cards,
            pauses: vec![Pause {
                card: "obs-1".into(),
                at: 60 * S,
                length: 15 * S,
            }],
        }
    }

    #[test]
    fn the_json_shape() {
        let mut log = RehearsalLog::default();
        assert!(log.is_empty());
        assert_eq!(serde_json::to_value(&log).unwrap(), json!({}));
        log.set_planned(Some(1200 * S));
        log.add_run(run());
        let value = serde_json::to_value(&log).unwrap();
        assert_eq!(
            value,
            json!({
                "plannedMs": 1_200_000,
                "runs": [{
                    "started": "2026-12-02T09:00:00Z",
                    "plannedMs": 1_200_000,
                    "talkMs": 110_250,
                    "cards": {
                        "obs-1": {"ms": 101_250, "visits": 2},
                        "title": {"ms": 9000, "visits": 1}
                    },
                    "pauses": [{"card": "obs-1", "atMs": 60_000, "ms": 15_000}]
                }]
            })
        );
        let back: RehearsalLog = serde_json::from_value(value).unwrap();
        assert_eq!(back, log);
    }

    #[test]
    fn runs_are_kept_in_the_files_units() {
        let mut log = RehearsalLog::default();
        let mut r = run();
        r.started = time::macros::datetime!(2026-12-02 09:00:01.123_456 UTC);
        r.elapsed = Duration::from_nanos(110_250_999_999);
        r.pauses[0].length = Duration::from_micros(15_000_999);
        log.add_run(r);
        log.set_planned(Some(Duration::from_micros(1_500)));
        let kept = log.last_run().unwrap();
        assert_eq!(
            kept.started,
            time::macros::datetime!(2026-12-02 09:00:01 UTC)
        );
        assert_eq!(kept.elapsed, Duration::from_millis(110_250));
        assert_eq!(kept.pauses[0].length, 15 * S);
        assert_eq!(log.planned(), Some(Duration::from_millis(1)));
        let text = serde_json::to_string(&log).unwrap();
        assert_eq!(serde_json::from_str::<RehearsalLog>(&text).unwrap(), log);
    }

    #[test]
    fn a_run_becomes_the_budgets() {
        let mut log = RehearsalLog::default();
        assert!(!log.use_run_as_budgets(0), "no run yet");
        log.add_run(run());
        assert!(log.use_run_as_budgets(0));
        assert_eq!(log.planned(), Some(Duration::from_millis(110_250)));
        let budgets = log.run_budgets().unwrap();
        assert_eq!(budgets["obs-1"], Duration::from_millis(101_250));
        assert_eq!(budgets["title"], 9 * S);
        let value = serde_json::to_value(&log).unwrap();
        assert_eq!(value["budgets"], json!({"obs-1": 101_250, "title": 9000}));
        assert_eq!(serde_json::from_value::<RehearsalLog>(value).unwrap(), log);
        assert!(log.clear_run_budgets());
        assert!(log.run_budgets().is_none());
    }

    #[test]
    fn planned_zero_means_none_and_bad_fields_are_named() {
        let mut log = RehearsalLog::default();
        assert!(!log.set_planned(Some(Duration::ZERO)));
        assert!(log.set_planned(Some(S)));
        assert!(!log.set_planned(Some(S)));
        let err = serde_json::from_value::<RehearsalLog>(json!({"plannedMs": "20 min"}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid type"), "{err}");
        let err = serde_json::from_value::<RehearsalLog>(json!({"runs": [{"started": "x"}]}));
        assert!(err.is_err());
    }
}
