//! Very large talks read whole and right: a 100 000-slide deck of each dialect gives its
//! 100 000 slides. Reading them used to take time quadratic in the number of slides (at
//! every `---` the rest of the deck was copied, to look for a Slidev per-slide front
//! matter): over a minute for 100 000 slides. How long they take is measured in
//! `benches/parse.rs` (`parse-100k-slides`), not here.

#[path = "../benches/common/mod.rs"]
mod common;

use talkdeck::talk::{CardKind, Talk, load_talk};

const SLIDES: usize = 100_000;

/// The cards that stand for slides: all but a title card made from the front matter.
fn slide_titles(talk: &Talk) -> Vec<&str> {
    talk.cards
        .iter()
        .filter(|c| c.kind != CardKind::Title || c.title.starts_with("Slide "))
        .map(|c| c.title.as_str())
        .collect()
}

#[test]
fn a_100_000_slide_deck_gives_100_000_cards_in_every_dialect() {
    let dir = tempfile::tempdir().unwrap();
    for (dialect, text) in common::decks(SLIDES) {
        // Read as `outline` and the window read a deck: from a file, Slidev imports and all.
        let path = dir.path().join(format!("{dialect}.md"));
        std::fs::write(&path, &text).unwrap();
        let talk = load_talk(&path).unwrap().talk;
        let titles = slide_titles(&talk);
        assert_eq!(titles.len(), SLIDES, "{dialect}");
        assert_eq!(titles[0], "Slide 1", "{dialect}");
        assert_eq!(titles[SLIDES - 1], format!("Slide {SLIDES}"), "{dialect}");
        let last = talk.cards.last().unwrap();
        assert!(
            last.paragraphs
                .join("\n")
                .contains(&format!("Say {SLIDES}")),
            "{dialect}: {:?}",
            last
        );
    }
}
