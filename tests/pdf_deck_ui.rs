//! A PDF deck in the real app, driven headless through egui_kittest: its card shows the
//! page (drawn off the UI thread), the notes pane the presenter's notes, and the next page
//! is drawn before the user turns to it.

use common::settle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, Queryable};
use std::path::Path;
use talkdeck::session::Session;
use talkdeck::ui::{PathPurpose, TalkdeckApp, UiCommand};

mod common;

#[path = "support/pdf_deck.rs"]
mod fixture;
use fixture::{FixturePage, Labels, deck};

fn harness() -> Harness<'static, TalkdeckApp> {
    common::settled(Session::seed(), None, common::SIZE)
}

/// Whether a node shows `text` (a label, or the speaker notes' text).
fn showing(text: &str) -> impl Fn(&AccessKitNode<'_>) -> bool + '_ {
    move |node| {
        let shown = node.value().or_else(|| node.label()).unwrap_or_default();
        shown.contains(text)
    }
}

/// The page pictures shown, as their sizes in points.
fn pictures(harness: &Harness<'static, TalkdeckApp>) -> Vec<egui::Vec2> {
    harness
        .query_all_by_role(Role::Image)
        .map(|node| node.rect().size())
        .collect()
}

/// Runs frames until a page picture shows (it is drawn on another thread).
fn wait_for_picture(harness: &mut Harness<'static, TalkdeckApp>) -> egui::Vec2 {
    for _ in 0..400 {
        harness.run_ok();
        if let Some(size) = pictures(harness).first() {
            return *size;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the page never showed");
}

fn write_deck(dir: &Path) -> std::path::PathBuf {
    let mut first = FixturePage::new("Scaling Laws in Practice", &["Zhang Hongjiang"]);
    first.note = Some("Welcome everyone, and thank you for coming.".into());
    let mut second = FixturePage::new("What we measured", &["Loss falls as a power law"]);
    second.chinese = vec!["数据比参数更重要".into()];
    second.note = Some("先讲数据，再讲参数。".into());
    let pages = [first, second, FixturePage::new("Thank you", &[])];
    let path = dir.join("talk.pdf");
    std::fs::write(&path, deck(&pages, Some("Scaling Laws"), Labels::None)).unwrap();
    path
}

#[test]
fn a_pdf_deck_shows_its_page_and_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_deck(dir.path());
    let mut harness = harness();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, path));
    settle(&mut harness);
    assert_eq!(harness.state().session().card_count(), 3);
    assert!(harness.query_by_label("1 / 3").is_some());
    assert!(
        harness
            .query_all_by(showing("Welcome everyone, and thank you for coming."))
            .next()
            .is_some(),
        "the presenter's notes (the page's annotation) in the notes pane"
    );
    // The page itself, as wide as the card (a 16:9 page: 9/16 as high).
    let size = wait_for_picture(&mut harness);
    assert!(size.x > 600.0, "{size:?}");
    assert!((size.y / size.x - 9.0 / 16.0).abs() < 0.02, "{size:?}");
    assert!(harness.query_by_label("Drawing the page…").is_none());

    // The next page was drawn meanwhile: turning to it shows it at once.
    settle(&mut harness);
    harness.key_press(egui::Key::ArrowRight);
    // The first frame that shows the second card already has its page (a page asked
    // for only then would show a placeholder in that frame).
    for _ in 0..5 {
        harness.step();
        if harness.query_by_label("2 / 3").is_some() {
            break;
        }
    }
    assert!(harness.query_by_label("2 / 3").is_some());
    assert!(
        !pictures(&harness).is_empty() && harness.query_by_label("Drawing the page…").is_none(),
        "the second page was not drawn ahead"
    );
    assert!(
        harness
            .query_all_by(showing("先讲数据，再讲参数。"))
            .next()
            .is_some()
    );
    // The page's words are the card's: search finds the Chinese line.
    let card = harness.state().session().current_card().unwrap().clone();
    assert!(card.key_points.iter().any(|p| p == "数据比参数更重要"));

    // The overview shows each page, small.
    harness.key_press(egui::Key::Tab);
    for _ in 0..400 {
        harness.run_ok();
        if pictures(&harness).len() == 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let thumbnails = pictures(&harness);
    assert_eq!(thumbnails.len(), 3, "a thumbnail a page: {thumbnails:?}");
    assert!(thumbnails.iter().all(|t| t.x < 300.0), "{thumbnails:?}");
    harness.key_press(egui::Key::Tab);
    harness.run_ok();

    // The presenter's view shows the page and, smaller, the next one: both drawn, though
    // one frame asks for both.
    harness.key_press(egui::Key::F5);
    settle(&mut harness);
    assert!(harness.state().rehearsal().is_some());
    for _ in 0..400 {
        harness.run_ok();
        if pictures(&harness).len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let shown = pictures(&harness);
    assert_eq!(shown.len(), 2, "the current page and the next");
    assert!(shown[1].x < shown[0].x, "{shown:?}");
    assert!(
        harness
            .query_all_by(showing("先讲数据，再讲参数。"))
            .next()
            .is_some()
    );
}

#[test]
fn a_pdf_that_cannot_be_read_is_told_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.pdf");
    std::fs::write(&path, fixture::encrypted()).unwrap();
    let mut harness = harness();
    let before = harness.state().session().talk().title.clone();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, path));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("secret.pdf: this PDF is protected by a password")
            .is_some(),
        "the reason, naming the file"
    );
    assert_eq!(
        harness.state().session().talk().title,
        before,
        "the talk is kept"
    );
}
