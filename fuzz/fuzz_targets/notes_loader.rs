//! The notes loader on arbitrary bytes: it must return an error or notes, never panic,
//! hang or use unbounded memory, and whatever it accepts must save and load back the same.
//!
//! Run: `cargo +nightly fuzz run notes_loader --sanitizer none -- -max_total_time=120`
//! (`--sanitizer none`: the loader is safe Rust, and instrumenting the whole eframe stack
//! for AddressSanitizer only makes it slower).
//!
//! The round-trip check needs serde_json's `float_roundtrip` feature in the main
//! Cargo.toml: without it a number like `1.7777777777777778e+75` in an unknown field
//! comes back one unit in the last place off, and this target stops within a minute.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use talkdeck::notes;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.notes.json");
    match notes::from_bytes(data, path) {
        Ok(doc) => {
            let text = notes::to_json(&doc);
            let back = notes::from_json(&text, path).expect("saved notes load back");
            assert_eq!(notes::to_json(&back), text, "a second round trip is stable");
        }
        Err(e) => {
            // Errors are one line that names the file.
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "{msg}");
            assert!(msg.starts_with("fuzz.notes.json"), "{msg}");
        }
    }
});
