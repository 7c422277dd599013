//! The talk parsers on arbitrary bytes: decoding returns text or an error, and the text
//! through the plain-text and the Markdown parser, and the keyword extractor, never
//! panics or hangs; card ids stay unique and plain-text key points stay verbatim.
//!
//!     cargo +nightly fuzz run talk_parser -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::LazyLock;
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
});
