//! The PDF deck reader on arbitrary bytes (seed the corpus with real decks: a beamer, a
//! Marp `--pdf-notes` and an office PDF): it reads a talk or says why not, naming the
//! file, never hangs; a talk has one card a page, each pointing at its page; every page
//! renders, small, or says why.
//!
//!     cargo +nightly fuzz run pdf_deck -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;
use talkdeck::talk::deck::pdf;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.pdf");
    match (pdf::PDF.read)(path, data) {
        Ok(talk) => {
            for (index, card) in talk.cards.iter().enumerate() {
                assert_eq!(card.id, format!("page-{}", index + 1));
                assert_eq!(card.page.as_ref().map(|p| p.index), Some(index));
            }
            let document = pdf::open(path, Arc::new(data.to_vec())).expect("it opened once");
            let settings = pdf::settings();
            for card in &talk.cards {
                let page = card.page.as_ref().expect("every card is a page");
                let _ =
                    pdf::render::render_page(&document, page.index, page.crop, 64, 64, &settings);
            }
        }
        Err(e) => assert!(e.to_string().contains("fuzz.pdf"), "{e}"),
    }
});
