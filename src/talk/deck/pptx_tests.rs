use super::*;
use crate::talk::deck::{DeckError, media_uri};

#[path = "../../../tests/support/pptx.rs"]
mod fixture;

fn read_bytes(bytes: &[u8]) -> Result<Talk, DeckError> {
    read(Path::new("/talks/deck.pptx"), bytes)
}

#[test]
fn the_sample_reads_as_one_card_per_slide_in_order() {
    let bytes = fixture::sample();
    assert!(sniff(&bytes));
    let talk = read_bytes(&bytes).unwrap();
    assert_eq!(talk.title, "Scaling Laws");
    assert_eq!(talk.speaker, "Ada Lovelace");
    let titles: Vec<&str> = talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Scaling Laws in Practice",
            "Why data matters",
            "Results",
            "A picture",
            "Backup slide",
            "数据规模"
        ]
    );
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids[..2], ["slide-256", "slide-257"]);
    assert_eq!(talk.cards[0].kind, CardKind::Title);
    assert_eq!(talk.cards[1].kind, CardKind::Observation);
    assert!(talk.cards.iter().all(|c| !c.auto_title));
    let hidden: Vec<bool> = talk.cards.iter().map(|c| c.hidden).collect();
    assert_eq!(hidden, [false, false, false, false, true, false]);
    assert_eq!(talk.fingerprint.len(), 64);
}

#[test]
fn bullets_nest_by_level_and_runs_join() {
    let talk = read_bytes(&fixture::sample()).unwrap();
    assert_eq!(
        talk.cards[1].body,
        "- More data\n    - better models\n        - even at 100B\n- Cost grows"
    );
    assert_eq!(talk.cards[1].key_points, ["More data", "Cost grows"]);
    assert_eq!(talk.cards[0].body, "Ada Lovelace");
    assert_eq!(
        talk.cards[5].body,
        "- 更多的数据\n    - 更好的模型\n\n\\*不是\\* 结论"
    );
}

#[test]
fn a_table_is_a_markdown_table() {
    let talk = read_bytes(&fixture::sample()).unwrap();
    assert_eq!(
        talk.cards[2].body,
        "| Model | Score |\n| --- | --- |\n| Small | 61 |\n| Large \\<b\\> | 87 \\| 90 |"
    );
}

#[test]
fn a_picture_names_its_part_in_the_file() {
    let talk = read_bytes(&fixture::sample()).unwrap();
    let uri = media_uri(Path::new("/talks/deck.pptx"), "ppt/media/image1.png");
    assert_eq!(talk.cards[3].body, format!("![Loss curve]({uri})"));
}

#[test]
fn notes_are_the_notes_page_without_its_slide_number() {
    let talk = read_bytes(&fixture::sample()).unwrap();
    assert_eq!(
        talk.cards[0].paragraphs,
        ["Welcome everyone, thank you for coming."]
    );
    assert_eq!(
        talk.cards[1].paragraphs,
        ["Stress the second bullet.", "Then pause."]
    );
    // Only the slide number on the notes page: no notes.
    assert!(talk.cards[2].paragraphs.is_empty());
    assert!(talk.cards[3].paragraphs.is_empty());
    assert_eq!(
        talk.cards[5].paragraphs,
        ["这里要放慢语速。", "然后举一个例子。"]
    );
}

#[test]
fn a_slide_without_a_title_takes_its_first_line() {
    let slides = [
        fixture::Slide {
            shapes: fixture::text_box(
                3,
                &(fixture::para(0, &["1. Intro", " & more"], "")
                    + &fixture::para(0, &["Second & last"], "")),
            ),
            ..Default::default()
        },
        fixture::Slide {
            shapes: fixture::picture("rIdPic1", ""),
            pictures: vec![("image1.emf".into(), b"\x01\0\0\0".to_vec())],
            ..Default::default()
        },
    ];
    let talk = read_bytes(&fixture::build(&slides, None)).unwrap();
    assert_eq!(talk.cards[0].title, "1. Intro & more");
    assert!(talk.cards[0].auto_title);
    // The line that became the title is not in the body again.
    assert_eq!(talk.cards[0].body, "Second \\& last");
    // An EMF picture, which the card cannot show, is named; the slide is "Slide 2".
    assert_eq!(talk.cards[1].title, "Slide 2");
    assert_eq!(talk.cards[1].body, "*Picture: Picture 4*");
    // No document properties: the talk is titled by its first slide's title.
    assert_eq!(talk.title, "1. Intro & more");
}

#[test]
fn bad_files_are_named_errors() {
    let e = read_bytes(b"not a zip at all").unwrap_err();
    assert!(matches!(e, DeckError::NotZip { .. }), "{e:?}");
    assert!(e.to_string().contains("/talks/deck.pptx"), "{e}");

    let no_presentation = fixture::zip_of(&[("ppt/slides/slide1.xml".into(), b"<a/>".to_vec())]);
    let e = read_bytes(&no_presentation).unwrap_err();
    assert!(matches!(e, DeckError::MissingPart { .. }), "{e:?}");
    assert!(e.to_string().contains("ppt/presentation.xml"), "{e}");

    let broken = fixture::zip_of(&[(
        "ppt/presentation.xml".into(),
        b"<p:presentation><p:sldIdLst>".to_vec(),
    )]);
    let e = read_bytes(&broken).unwrap_err();
    assert!(matches!(e, DeckError::BrokenXml { .. }), "{e:?}");
    assert!(e.to_string().contains("ppt/presentation.xml"), "{e}");

    let empty = fixture::zip_of(&[(
        "ppt/presentation.xml".into(),
        b"<p:presentation xmlns:p=\"p\"/>".to_vec(),
    )]);
    assert!(matches!(
        read_bytes(&empty).unwrap_err(),
        DeckError::NoSlides { .. }
    ));

    // A slide whose part is gone.
    let mut parts = Vec::new();
    let deck = fixture::sample();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&deck[..])).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if name != "ppt/slides/slide3.xml" {
            parts.push((name, bytes));
        }
    }
    let e = read_bytes(&fixture::zip_of(&parts)).unwrap_err();
    assert!(e.to_string().contains("ppt/slides/slide3.xml"), "{e}");
}

#[test]
fn a_zip_bomb_is_refused_by_the_part_that_unpacks_too_far() {
    // 40 MB of spaces inside the presentation part deflate to a few KB.
    let mut xml = b"<p:presentation xmlns:p=\"p\">".to_vec();
    xml.resize(40 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</p:presentation>");
    let bomb = fixture::zip_of(&[("ppt/presentation.xml".into(), xml)]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let e = read_bytes(&bomb).unwrap_err();
    assert!(matches!(e, DeckError::Bomb { .. }), "{e:?}");
    assert!(e.to_string().contains("ppt/presentation.xml"), "{e}");
}

#[test]
fn a_new_files_own_title_is_no_talk_title() {
    assert!(is_default_title("Presentation"));
    assert!(is_default_title("PowerPoint Presentation"));
    assert!(is_default_title("PowerPoint 演示文稿"));
    assert!(!is_default_title("Presentations that work"));
}

#[test]
fn markup_in_slide_text_is_escaped() {
    assert_eq!(escape("# not a heading"), "\\# not a heading");
    assert_eq!(escape("- dash"), "\\- dash");
    assert_eq!(escape("2024. year"), "2024\\. year");
    assert_eq!(escape("a_b *c* [d](e)"), "a\\_b \\*c\\* \\[d\\](e)");
    assert_eq!(escape("中文，没有标记"), "中文，没有标记");
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any damage to a deck's bytes gives a deck or an error, never a panic.
        #[test]
        fn damaged_decks_never_panic(at in 0usize..4000, byte in any::<u8>(), cut in 0usize..4000) {
            let mut bytes = fixture::sample();
            let n = bytes.len();
            bytes[at % n] = byte;
            bytes.truncate(n - cut.min(n / 2));
            let _ = read_bytes(&bytes);
        }
    }
}
