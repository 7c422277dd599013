//! Rehearsing in the real app, headless through egui_kittest: F5, card keys, P and Esc
//! make a run that is saved in the notes file; the plan, the pace and the Rehearsals
//! view show in the window. kittest's accessibility and missing-glyph checks stay on.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;
use talkdeck::i18n::Lang;
use talkdeck::session::Session;
use talkdeck::ui::{PathPurpose, TalkdeckApp, UiCommand};

fn harness_with(notes: Option<PathBuf>) -> Harness<'static, TalkdeckApp> {
    common::settled(Session::seed(), notes, common::SIZE)
}

use common::settle;

fn press(harness: &mut Harness<'static, TalkdeckApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

fn card_id(harness: &Harness<'static, TalkdeckApp>, index: usize) -> String {
    harness.state().session().talk().cards[index].id.clone()
}

/// Waits out the autosave delay, then lets the save run and come back.
fn autosave(harness: &mut Harness<'static, TalkdeckApp>) {
    std::thread::sleep(talkdeck::session::AUTOSAVE_DELAY + Duration::from_millis(100));
    harness.step();
    settle(harness);
}

fn runs_in(path: &Path) -> Vec<talkdeck::rehearsal::Run> {
    talkdeck::notes::load(path)
        .unwrap()
        .rehearsal
        .runs()
        .to_vec()
}

#[test]
fn a_presenter_session_is_a_run_saved_in_the_notes_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.notes.json");
    // A notes file of format version 1, from before rehearsals were kept.
    let seed = Session::seed();
    let v1 = serde_json::json!({
        "format": "talkdeck-notes",
        "version": 1,
        "talk": {"title": seed.talk().title, "fingerprint": seed.talk().fingerprint},
        "cards": {},
        "starred": ["obs-1"],
    });
    std::fs::write(&path, v1.to_string()).unwrap();
    let mut harness = harness_with(Some(path.clone()));
    let wait = Duration::from_millis(40);

    press(&mut harness, egui::Key::F5);
    std::thread::sleep(wait);
    press(&mut harness, egui::Key::ArrowRight);
    std::thread::sleep(wait);
    press(&mut harness, egui::Key::ArrowRight);
    std::thread::sleep(wait);
    press(&mut harness, egui::Key::P);
    std::thread::sleep(2 * wait);
    // The pause holds across a card change (pdfpc #695).
    press(&mut harness, egui::Key::ArrowRight);
    assert!(harness.state().rehearsal().unwrap().is_paused());
    assert!(harness.query_by_label("Paused").is_some());
    std::thread::sleep(wait);
    press(&mut harness, egui::Key::P);
    press(&mut harness, egui::Key::ArrowLeft);
    std::thread::sleep(wait);
    press(&mut harness, egui::Key::Escape);
    assert!(harness.state().rehearsal().is_none());

    // The summary of the run just made opens by itself.
    assert!(harness.query_by_label("Run summary").is_some());
    assert!(harness.query_by_label("This run").is_some());
    assert!(harness.query_by_label("Best").is_some());
    autosave(&mut harness);

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"version\": 2"), "{text}");
    let doc = talkdeck::notes::load(&path).unwrap();
    assert!(
        doc.starred.contains("obs-1"),
        "the old file's content is kept"
    );
    let runs = runs_in(&path);
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let (c0, c1, c2, c3) = (
        card_id(&harness, 0),
        card_id(&harness, 1),
        card_id(&harness, 2),
        card_id(&harness, 3),
    );
    assert_eq!(run.cards.len(), 4, "{:?}", run.cards);
    assert_eq!(run.cards[&c2].visits, 2, "visits are summed");
    assert!(run.cards[&c0].spent >= wait);
    assert!(run.cards[&c1].spent >= wait);
    assert!(run.cards[&c2].spent >= 2 * wait, "both visits");
    assert!(
        run.cards[&c3].spent < run.cards[&c2].spent,
        "card 4 came up while paused"
    );
    assert_eq!(run.pauses.len(), 1);
    assert_eq!(run.pauses[0].card, c2);
    assert!(
        run.pauses[0].length >= 3 * wait,
        "the pause, across the change"
    );
    let total: Duration = run.cards.values().map(|c| c.spent).sum();
    // Every moment is on some card (each time cut to whole milliseconds in the file).
    let off = total.abs_diff(run.elapsed);
    assert!(
        off <= Duration::from_millis(4),
        "{total:?} vs {:?}",
        run.elapsed
    );
    assert!(run.planned > Duration::ZERO);

    // A second run: the summary compares it with the first.
    harness.get_by_label("Close").click();
    harness.run();
    press(&mut harness, egui::Key::F5);
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("2 runs").is_some());
    autosave(&mut harness);
    assert_eq!(runs_in(&path).len(), 2);
}

#[test]
fn the_planned_duration_gives_budgets_and_the_pace_signal() {
    let mut harness = harness_with(None);
    press(&mut harness, egui::Key::F5);
    assert!(
        harness.query_by_label("On time").is_some(),
        "no plan: on time"
    );
    // The field in the speaker's view, driven as a screen reader would.
    harness
        .get_by_role_and_label(Role::SpinButton, "Planned")
        .set_value_accesskit(600.0);
    harness.run();
    let planned = Duration::from_secs(600 * 60);
    assert_eq!(
        harness.state().session().notes().rehearsal.planned(),
        Some(planned)
    );
    // Card 1 of 9 should be reached after 600 min · 0.5 / 9 = 33:20: far ahead.
    assert!(harness.query_by_label_contains("Ahead 33:").is_some());
    let field = harness.get_by_role_and_label(Role::SpinButton, "Planned");
    assert_eq!(
        field.value().as_deref(),
        Some("600 min"),
        "the field shows the plan"
    );

    // After a run, its times can become the budgets.
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::Escape);
    harness.get_by_label("Close").click();
    harness.run();
    press(&mut harness, egui::Key::F5);
    harness.get_by_label("Use the last run as budgets").click();
    harness.run();
    let log = harness.state().session().notes().rehearsal.clone();
    let run = log.last_run().unwrap();
    assert_eq!(log.planned(), Some(run.elapsed).filter(|d| !d.is_zero()));
    let budgets = log.run_budgets().unwrap();
    assert_eq!(budgets.len(), 2, "the two cards that run showed");
    assert!(harness.query_by_label("Budgets from a run").is_some());
    harness.get_by_label("Budgets from the estimates").click();
    harness.run();
    assert!(
        harness
            .state()
            .session()
            .notes()
            .rehearsal
            .run_budgets()
            .is_none()
    );
}

#[test]
fn a_deck_slide_without_notes_has_a_budget_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.md");
    std::fs::write(&deck, "# First\n\nhello\n\n---\n\n# Second\n\n- a point\n").unwrap();
    let mut harness = harness_with(None);
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, deck));
    settle(&mut harness);
    press(&mut harness, egui::Key::F5);
    assert!(
        harness.query_by_label_contains("/ 0:00").is_none(),
        "no 0:00 budget"
    );
    assert!(harness.query_by_label_contains("0:00 / 0:20").is_some());
    assert!(harness.query_by_label_contains("over").is_none());
}

#[test]
fn the_rehearsals_view_is_a_named_command_in_both_languages() {
    let mut harness = harness_with(None);
    harness.state_mut().push(UiCommand::ToggleRehearsals);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("No rehearsal yet")
            .is_some()
    );
    harness.state_mut().push(UiCommand::SetLanguage(Lang::Zh));
    harness.run();
    assert!(harness.query_by_label("排练记录").is_some());
    assert!(harness.query_by_label_contains("还没有排练").is_some());
    harness.get_by_label("关闭").click();
    harness.run();
    assert!(harness.query_by_label("排练记录").is_none());
}
