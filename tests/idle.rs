//! Idle means idle: once the window has settled and nothing changes, it asks for no
//! repaint at all — not now, not later (a `request_repaint_after` would wake the CPU
//! too). Checked on the seed, on a 1 000-card talk after jumping around the outline, and
//! after an edit (which may only wake the app for its autosave, then not again).

mod common;

use egui::ViewportId;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use talkdeck::notes::NotesDoc;
use talkdeck::session::{Command, Session};
use talkdeck::talk::CardKind;
use talkdeck::ui::TalkdeckApp;

fn harness(session: Session) -> Harness<'static, TalkdeckApp> {
    let mut harness = common::app(session, None, common::SIZE);
    // `run` panics when the UI keeps asking for immediate repaints past max_steps.
    harness.run();
    // Keywords are found on another thread; their arrival is a change, so wait for it.
    for _ in 0..4000 {
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    // The keyword thread sends its result, then asks for a repaint: the result can be
    // taken before that request lands, so give it time to land before settling.
    std::thread::sleep(Duration::from_millis(100));
    harness.run();
    harness
}

/// The delay until the next repaint the last frame asked for (`Duration::MAX`: none).
fn repaint_delay(harness: &Harness<'static, TalkdeckApp>) -> Duration {
    harness.output().viewport_output[&ViewportId::ROOT].repaint_delay
}

/// Asserts that no repaint is pending, over a few more frames without input.
#[track_caller]
fn assert_idle(harness: &mut Harness<'static, TalkdeckApp>, what: &str) {
    for frame in 0..5 {
        assert_eq!(
            repaint_delay(harness),
            Duration::MAX,
            "{what}: frame {frame} after settling asks for a repaint; causes: {:?}",
            harness.ctx.repaint_causes()
        );
        assert!(
            !harness.ctx.has_requested_repaint(),
            "{what}: a repaint is pending {frame} frames after settling"
        );
        harness.step();
    }
    assert!(!harness.state().is_busy(), "{what}: file I/O still pending");
}

#[test]
fn the_seed_window_settles_and_asks_for_no_repaint() {
    let mut harness = harness(Session::seed());
    assert_idle(&mut harness, "seed");
    // Moving between cards repaints, then settles again.
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().session().current(), 1);
    assert_idle(&mut harness, "seed after a key");
}

/// A talk of `sections` numbered sections.
fn big_talk(sections: usize) -> talkdeck::talk::Talk {
    let mut text = String::from("一个很长的演讲\n\n开场白。\n\n");
    for i in 1..=sections {
        text.push_str(&format!(
            "{i}、第{i}个观察\n\n这是第{i}节的内容，讲了一些事情。\n\n"
        ));
    }
    talkdeck::talk::parse_text(&text)
}

#[test]
fn a_thousand_card_outline_scrolls_to_the_card_and_settles() {
    let talk = big_talk(1000);
    assert!(talk.cards.len() >= 1000, "{} cards", talk.cards.len());
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let now = time::OffsetDateTime::from_unix_timestamp(1_764_400_000).unwrap();
    for (i, card) in talk.cards.iter().enumerate() {
        if i % 3 == 0 {
            notes.add(&card.id, "一条笔记", now);
        }
    }
    let middle = talk.cards.len() / 2;
    let mut session = Session::new(talk, "big.txt", None).with_notes(notes);
    session.apply(Command::GoTo(middle));
    let mut harness = harness(session);
    assert_idle(&mut harness, "1000 cards");

    // The outline shows (and so lays out) the rows around the current card only.
    let label = |h: &Harness<'static, TalkdeckApp>, i: usize| {
        let s = h.state().session();
        let card = &s.talk().cards[i];
        let count = s.notes().count(&card.id);
        let marker = match (card.kind, card.number) {
            (_, Some(n)) => n.to_string(),
            (CardKind::Title, None) => "◆".to_owned(),
            (CardKind::Opening, None) => "▶".to_owned(),
            (CardKind::Closing, None) => "■".to_owned(),
            (CardKind::Observation, None) => "•".to_owned(),
        };
        if count > 0 {
            format!("{marker}  {}  ({count})", card.title)
        } else {
            format!("{marker}  {}", card.title)
        }
    };
    assert!(
        harness.query_by_label(&label(&harness, middle)).is_some(),
        "the outline scrolled to the current card"
    );
    assert!(
        harness.query_by_label(&label(&harness, 3)).is_none(),
        "rows far out of view are not laid out"
    );

    for target in [0, 999, 400] {
        harness.state_mut().push(Command::GoTo(target));
        harness.run();
        assert!(
            harness.query_by_label(&label(&harness, target)).is_some(),
            "the outline follows the current card to {target}"
        );
        assert_idle(
            &mut harness,
            &format!("1000 cards, after going to {target}"),
        );
    }

    // A click on a row goes to its card.
    harness.get_by_label(&label(&harness, 402)).click();
    harness.run();
    assert_eq!(harness.state().session().current(), 402);
    assert_idle(&mut harness, "1000 cards, after a click");
}

#[test]
fn after_an_edit_only_the_autosave_wakes_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::seed();
    session.set_recovery_dir(Some(dir.path().to_path_buf()));
    let mut harness = harness(session);
    harness.state_mut().push(Command::AddNote);
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().session().is_dirty());
    let delay = repaint_delay(&harness);
    assert!(
        delay <= talkdeck::session::AUTOSAVE_DELAY,
        "a pending autosave wakes the app in time, not {delay:?}"
    );
    // Wait for the autosave (into the recovery file) to run and land.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
        harness.run();
        if harness.state().session().in_recovery() && !harness.state().is_busy() {
            break;
        }
    }
    assert!(
        harness.state().session().in_recovery(),
        "the notes were autosaved"
    );
    harness.run();
    assert_idle(&mut harness, "after the autosave");
}

#[test]
fn a_deck_card_with_a_picture_settles_once_the_picture_is_decoded() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/talks/slidev_en.md");
    let talk = talkdeck::talk::read_talk(&path).unwrap();
    let mut session = Session::new(talk, "slidev_en.md", Some(path));
    let picture = session.talk().card_index("slide-4").unwrap();
    session.apply(Command::GoTo(picture));
    let mut harness = harness(session);
    // The picture is read and decoded on other threads; its arrival is a change.
    for _ in 0..400 {
        if !harness.ctx.has_pending_images() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
    assert!(
        !harness.ctx.has_pending_images(),
        "the picture never decoded"
    );
    assert_idle(&mut harness, "a deck card with a picture");
}
