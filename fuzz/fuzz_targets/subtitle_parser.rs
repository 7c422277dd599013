//! The subtitle readers on arbitrary text, every one of the formats table: each returns
//! cues or an error and never panics or hangs; cues are in time order within themselves
//! (start ≤ end), carry no timing lines, and the paragraphs made of them keep every cue's
//! text.
//!
//!     cargo +nightly fuzz run subtitle_parser -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use talkdeck::talk::{formats, subtitle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for reader in formats::READERS {
        let _ = (reader.sniff)(text);
        let Ok(t) = subtitle::parse(text, reader) else {
            continue;
        };
        assert!(!t.cues.is_empty());
        for cue in &t.cues {
            assert!(cue.start <= cue.end, "{cue:?}");
            // `-->` is timing syntax in SRT and WebVTT only: elsewhere (an LRC line, a
            // Bilibili or TTML text) it is words someone wrote.
            let timing_syntax = matches!(reader.name, "SRT" | "WebVTT");
            assert!(!timing_syntax || !cue.text.contains("-->"), "{cue:?}");
        }
        let paragraphs = subtitle::paragraphs(&t.cues, 2.0);
        let joined: String = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let cue_chars: usize = t
            .cues
            .iter()
            .map(|c| c.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        let para_chars = joined.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(cue_chars, para_chars);
    }
});
