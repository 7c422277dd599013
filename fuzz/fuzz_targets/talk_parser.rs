//! The talk parsers on arbitrary bytes: decoding returns text or an error, and the text
//! through the plain-text and the Markdown parser, and the keyword extractor, never
//! panics or hangs; card ids stay unique and plain-text key points stay verbatim. The
//! text is also read as each deck dialect (a presenterm, Slidev, reveal.js and Marp
//! opening put before it), every slide's body comes out tidy, and the Marp export of
//! each deck opens again.
//!
//!     cargo +nightly fuzz run talk_parser -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::LazyLock;
use talkdeck::export::recap::{self, RecapOptions};
use talkdeck::notes::NotesDoc;
use talkdeck::talk::{self, KeywordExtractor, Talk};

/// Loading jieba's dictionary is slow: once per process.
static KEYWORDS: LazyLock<KeywordExtractor> = LazyLock::new(KeywordExtractor::new);

fn check(talk: &Talk) {
    assert_eq!(talk.fingerprint.len(), 64);
    let mut ids = HashSet::new();
    for card in &talk.cards {
        assert!(
            ids.insert(card.id.as_str()),
            "duplicate card id {}",
            card.id
        );
    }
    let keywords = KEYWORDS.talk_keywords(talk, 5);
    assert_eq!(keywords.len(), talk.cards.len());
    assert!(keywords.iter().all(|k| k.len() <= 5));
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _encoding)) = talk::decode(data) else {
        return;
    };
    assert!(!text.contains('\r'));
    let plain = talk::parse_text(&text);
    check(&plain);
    for card in &plain.cards {
        assert!(card.key_points.len() <= 5);
        for point in &card.key_points {
            assert!(card.paragraphs.iter().any(|p| p.contains(point.as_str())));
        }
    }
    let markdown = talk::parse_markdown(&text);
    check(&markdown);
    assert_eq!(markdown.fingerprint, plain.fingerprint);
    for opening in DIALECTS {
        let deck = talk::parse_markdown(&format!("{opening}{text}"));
        check(&deck);
        for card in &deck.cards {
            assert_eq!(card.body.trim_end(), card.body, "a body ends tidy");
            assert!(!card.body.starts_with('\n'), "a body starts tidy");
            assert!(!card.title.contains('\n'));
        }
        let exported = recap::marp_deck(&deck, &NotesDoc::default(), &RecapOptions::default());
        check(&talk::parse_markdown(&exported));
    }
});

/// Openings that make the text a deck of each dialect.
const DIALECTS: [&str; 4] = [
    "Intro\n===\n\n<!-- end_slide -->\n\n",
    "---\nlayout: center\n---\n\n# S\n\n---\n\n",
    "# R\n\nNote: n\n\n----\n\n",
    "---\nmarp: true\n---\n\n# M\n\n<!-- _class: lead -->\n\n---\n\n",
];
