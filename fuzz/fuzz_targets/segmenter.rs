//! Topic segmentation on arbitrary paragraphs (with or without times): it never panics
//! or hangs, the first card starts at the first paragraph, cards are in order, and no
//! card starts after a paragraph that does not end a sentence.
//!
//!     cargo +nightly fuzz run segmenter -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use talkdeck::talk::segment::{Unit, segment};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let timed = text.len() % 2 == 0;
    let units: Vec<Unit<'_>> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| Unit {
            text: t,
            start: timed.then_some(i as f64 * 7.0),
            end: timed.then_some(i as f64 * 7.0 + 5.0),
            sentence_end: !t.ends_with(','),
        })
        .collect();
    let starts = segment(
        &units,
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
    );
    assert_eq!(starts.first().copied(), Some(0));
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    assert!(starts.iter().all(|&s| s == 0 || units[s - 1].sentence_end));
    assert!(starts.last().is_some_and(|&s| s < units.len()));
});
