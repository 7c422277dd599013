//! Choosing how to read a file, on arbitrary bytes: the magic-number check, the decoded
//! text's kind, and the formats table's choice never panic or hang, and a reader chosen
//! by its sniff reads the text into cues or a clear error, never markup.
//!
//!     cargo +nightly fuzz run format_choice -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use talkdeck::talk::{decode, foreign, formats, subtitle};

fuzz_target!(|data: &[u8]| {
    let _ = foreign::from_bytes(data);
    let Ok((text, _)) = decode(data) else {
        return;
    };
    let _ = foreign::from_text(&text);
    for ext in [
        None,
        Some("srt"),
        Some("ass"),
        Some("json"),
        Some("xml"),
        Some("lrc"),
    ] {
        let Some(reader) = formats::choose(ext, &text) else {
            continue;
        };
        if let Ok(t) = subtitle::parse(&text, reader) {
            for cue in &t.cues {
                assert!(cue.start <= cue.end, "{cue:?}");
                assert!(
                    reader.name != "ASS/SSA" || !cue.text.contains('{'),
                    "{cue:?}"
                );
            }
        }
    }
});
