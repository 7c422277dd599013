//! One frame of the real window's UI code, headless (egui_kittest, no renderer): the CPU
//! time of `TalkdeckApp::logic` + `ui` + egui's own pass, tessellation excluded, AccessKit
//! tree included (kittest always turns it on; the window builds it only for a screen
//! reader).
//!
//! `cargo bench --bench frame` (budgets: seed talk with the notes panel open ≤ 1 ms;
//! 1 000-card talk with 10 000 notes ≤ 3 ms; a deck card with a large picture, once
//! decoded, ≤ 3 ms).

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use std::time::Duration;
use talkdeck::i18n::Lang;
use talkdeck::notes::NotesDoc;
use talkdeck::session::{Command, Session};
use talkdeck::talk::Talk;
use talkdeck::ui::{TalkdeckApp, UiCommand};

/// The app on `talk` with `notes`, showing card `current`, settled (no repaint pending).
/// The notes are saved in `dir` and opened as the app opens a notes file, so their
/// highlights are anchored.
fn app(talk: Talk, notes: NotesDoc, current: usize, dir: &Path) -> Harness<'static, TalkdeckApp> {
    let mut session = Session::new(talk, "bench.txt", None);
    common::open_notes(&mut session, &common::save_to(dir, &notes));
    assert_eq!(session.notes().total(), notes.total());
    session.apply(Command::GoTo(current));
    assert!(!session.is_dirty(), "nothing to autosave while measuring");
    let harness = settled(session, |_| true);
    assert_eq!(harness.state().session().current(), current);
    harness
}

/// The window on `session`, in English, once the I/O thread is done (the keywords take
/// seconds for a large talk) and `ready` holds.
fn settled(
    session: Session,
    ready: impl Fn(&Harness<'static, TalkdeckApp>) -> bool,
) -> Harness<'static, TalkdeckApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(50)
        .build_eframe(move |cc| TalkdeckApp::new(cc, session, None));
    harness.state_mut().push(UiCommand::SetLanguage(Lang::En));
    let start = std::time::Instant::now();
    while harness.state().is_busy() || !ready(&harness) {
        assert!(start.elapsed() < Duration::from_secs(60), "never settled");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
    harness
}

/// The seed with 3 notes and a highlight on observation 1 (the card shown), and a few
/// notes elsewhere.
fn seed_app(dir: &Path) -> Harness<'static, TalkdeckApp> {
    let talk = common::seed_talk();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let now = time::OffsetDateTime::from_unix_timestamp(1_764_400_000).unwrap();
    let current = talk.cards.iter().position(|c| c.id == "obs-1").unwrap();
    for text in [
        "推理模型让规模效应继续：o1 的思考时间",
        "Scaling law not slowing down — check the numbers",
        "多模态是通往 AGI 的关键",
    ] {
        notes.add("obs-1", text, now);
    }
    notes.add("obs-5", "具身智能", now);
    // And one highlight on the card shown.
    let card = &talk.cards[current];
    let target = talkdeck::anchor::make_anchor(card, 10, 30).unwrap();
    notes.add_highlight(target, now);
    notes.add("closing", "AGI 奇点", now);
    app(talk, notes, current, dir)
}

/// 1 000-card talk, 10 000 notes (about 10 per card), the card in the middle shown;
/// every `highlight_every`-th note a highlight (`usize::MAX`: none).
fn large_app(highlight_every: usize, dir: &Path) -> Harness<'static, TalkdeckApp> {
    let talk = common::large_talk();
    let notes = common::anchored_notes_for(&talk, 10_000, highlight_every);
    let middle = talk.cards.len() / 2;
    app(talk, notes, middle, dir)
}

/// A Marp deck whose second slide is a 4000 × 3000 picture beside it, that slide shown
/// and its picture decoded (the image has a role in the AccessKit tree once drawn).
fn picture_app(dir: &Path) -> Harness<'static, TalkdeckApp> {
    let (w, h) = (4000u32, 3000u32);
    let picture = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) % 256) as u8])
    });
    picture.save(dir.join("photo.png")).unwrap();
    let deck = dir.join("deck.md");
    std::fs::write(
        &deck,
        "---\nmarp: true\ntitle: Pictures\n---\n\n# Pictures\n\n---\n\n# A photo\n\n\
         ![a photo](photo.png)\n\n<!-- The photo is large. -->\n",
    )
    .unwrap();
    let talk = talkdeck::talk::read_talk(&deck).unwrap();
    let mut session = Session::new(talk, "deck.md", Some(deck));
    session.apply(Command::GoTo(1));
    settled(session, |harness| {
        harness
            .query_all_by_role(egui::accesskit::Role::Image)
            .next()
            .is_some()
    })
}

fn bench_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    // The floor: the same harness around one label.
    let mut bare = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui(|ui| {
            egui::CentralPanel::default().show(ui, |ui| ui.label("bare"));
        });
    bare.run();
    group.bench_function("bare-label", |b| b.iter(|| bare.step()));
    drop(bare);

    let dir = tempfile::tempdir().unwrap();
    let mut seed = seed_app(dir.path());
    assert_eq!(seed.state().session().notes_on("obs-1").len(), 4);
    group.bench_function("seed-notes-panel-open", |b| b.iter(|| seed.step()));
    drop(seed);

    for (name, every) in [("", usize::MAX), ("-2500-highlights", 4)] {
        let mut large = large_app(every, dir.path());
        let session = large.state().session();
        let cards = session.card_count();
        eprintln!(
            "frame/large{name}: {cards} cards, {} notes, {} shown on the current card, {} orphans",
            session.notes().total(),
            session.notes_on(&session.current_card().unwrap().id).len(),
            session.orphans().len()
        );
        group.bench_function(format!("1000-cards-10000-notes{name}"), |b| {
            b.iter(|| large.step())
        });
        // A frame that changes something: another card each frame (new text to lay out,
        // the outline scrolls to it). Not a budget; shows the cost of uncached layout.
        let mut next = 0usize;
        group.bench_function(
            format!("1000-cards-10000-notes{name}/jump-each-frame"),
            |b| {
                b.iter(|| {
                    next = (next + 337) % cards;
                    large.state_mut().push(Command::GoTo(next));
                    large.step();
                })
            },
        );
    }

    // A deck's card showing a large picture (4000 × 3000 PNG beside the deck), once it is
    // decoded (off the UI thread): egui draws the texture it made, sized to the card.
    let mut picture = picture_app(dir.path());
    group.bench_function("deck-card-4000x3000-picture", |b| b.iter(|| picture.step()));
    drop(picture);

    // Frames while the notes are being saved: a save of the 10 000 notes is started
    // whenever none is running, so nearly every frame overlaps one on the I/O thread.
    let mut large = large_app(usize::MAX, dir.path());
    let mut saves = 0u32;
    group.bench_function("1000-cards-10000-notes/while-saving", |b| {
        b.iter(|| {
            if !large.state().is_busy() {
                large.state_mut().push(Command::Save);
                saves += 1;
            }
            large.step();
        })
    });
    eprintln!("frame/while-saving: {saves} saves");
    group.finish();
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
