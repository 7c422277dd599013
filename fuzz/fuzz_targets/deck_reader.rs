//! The deck readers (PowerPoint) on arbitrary bytes, two ways: as the whole file (the ZIP
//! layer: a broken or hostile archive), and as a slide's XML and its notes page inside a
//! package that is otherwise whole (the XML layer, the walk over shapes, the Markdown).
//! Either gives a deck or an error naming the file, never a panic, a hang or unbounded
//! memory.
//!
//!     cargo +nightly fuzz run deck_reader -- -max_total_time=120

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;
use talkdeck::talk::deck::{DECKS, pptx};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A package of one slide whose XML (and notes page) is `slide`.
fn package(slide: &[u8]) -> Vec<u8> {
    let parts: [(&str, Vec<u8>); 5] = [
        ("_rels/.rels", format!(r#"<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/></Relationships>"#).into_bytes()),
        ("ppt/presentation.xml", br#"<p:presentation xmlns:p="p" xmlns:r="r"><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>"#.to_vec()),
        ("ppt/_rels/presentation.xml.rels", format!(r#"<Relationships><Relationship Id="rId2" Type="{REL}/slide" Target="slides/slide1.xml"/></Relationships>"#).into_bytes()),
        ("ppt/slides/_rels/slide1.xml.rels", format!(r#"<Relationships><Relationship Id="rId2" Type="{REL}/notesSlide" Target="../notesSlides/notesSlide1.xml"/><Relationship Id="rId3" Type="{REL}/image" Target="../media/image1.png"/></Relationships>"#).into_bytes()),
        ("ppt/slides/slide1.xml", slide.to_vec()),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts
        .iter()
        .map(|(n, b)| (*n, b.as_slice()))
        .chain([("ppt/notesSlides/notesSlide1.xml", slide)])
    {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.pptx");
    for deck in DECKS {
        if let Err(e) = (deck.read)(path, data) {
            assert!(e.to_string().contains("fuzz.pptx"), "{e}");
        }
    }
    match (pptx::PPTX.read)(path, &package(data)) {
        Ok(talk) => {
            for card in &talk.cards {
                assert!(!card.title.trim().is_empty(), "{card:?}");
                assert!(
                    card.paragraphs.iter().all(|p| !p.trim().is_empty()),
                    "{card:?}"
                );
            }
        }
        Err(e) => assert!(e.to_string().contains("fuzz.pptx"), "{e}"),
    }
});
