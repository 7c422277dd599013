//! The subtitle reader on arbitrary text, as SRT, WebVTT and Whisper JSON: it returns
//! cues or an error and never panics or hangs; cues are in time order within themselves
//! (start ≤ end), carry no markup, and the paragraphs made of them keep every cue's
//! text.
//!
//!     cargo +nightly fuzz run subtitle_parser -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use talkdeck::talk::subtitle::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Srt, Format::WebVtt, Format::WhisperJson] {
        let Ok(t) = subtitle::parse(text, format) else {
            continue;
        };
        assert!(!t.cues.is_empty());
        for cue in &t.cues {
            assert!(cue.start <= cue.end, "{cue:?}");
            assert!(!cue.text.contains("-->") || format == Format::WhisperJson);
        }
        let paragraphs = subtitle::paragraphs(&t.cues, 2.0);
        let joined: String = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let cue_chars: usize = t.cues.iter().map(|c| c.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
        let para_chars = joined.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(cue_chars, para_chars);
    }
});
