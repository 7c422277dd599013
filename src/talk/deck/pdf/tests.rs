use super::*;
use crate::talk::{TalkError, load_talk};

#[path = "../../../../tests/support/pdf_deck.rs"]
mod fixture;
use fixture::{FixturePage, Labels, deck};

fn sample() -> Vec<FixturePage> {
    let mut first = FixturePage::new(
        "Scaling Laws in Practice",
        &["Zhang Hongjiang", "BAAI 2024"],
    );
    first.note = Some("Welcome everyone.\n\nToday: three lessons.".into());
    let mut second = FixturePage::new(
        "What we measured",
        &[
            "- Loss falls as a power law",
            "- Data matters more than size",
            "7",
        ],
    );
    second.chinese = vec!["规模定律".into(), "数据比参数更重要".into()];
    let third = FixturePage::new("Thank you", &[]);
    vec![first, second, third]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_pdf_deck_opens_as_one_card_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = deck(&sample(), Some("Scaling Laws"), Labels::None);
    let path = write(dir.path(), "talk.pdf", &bytes);
    let loaded = load_talk(&path).unwrap();
    assert_eq!(loaded.encoding, "PDF");
    let talk = loaded.talk;
    assert_eq!(talk.title, "Scaling Laws");
    assert_eq!(talk.cards.len(), 3);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["page-1", "page-2", "page-3"]);

    let first = &talk.cards[0];
    assert_eq!(first.title, "Scaling Laws in Practice");
    assert!(!first.auto_title);
    assert_eq!(first.key_points, ["Zhang Hongjiang", "BAAI 2024"]);
    assert_eq!(
        first.paragraphs,
        ["Welcome everyone.", "Today: three lessons."]
    );
    let page = first.page.as_ref().unwrap();
    assert_eq!((page.index, page.label.as_deref()), (0, None));
    assert!(page.path.is_absolute() && page.path.ends_with("talk.pdf"));

    // Chinese text through the ToUnicode CMap; a line of digits alone (a page number)
    // is no key point; Markdown characters stay as written in the body.
    let second = &talk.cards[1];
    assert_eq!(second.title, "What we measured");
    assert_eq!(
        second.key_points,
        [
            "- Loss falls as a power law",
            "- Data matters more than size",
            "规模定律",
            "数据比参数更重要"
        ]
    );
    assert!(
        second.body.starts_with("\\- Loss falls as a power law\n\n"),
        "{}",
        second.body
    );
    assert!(second.paragraphs.is_empty());
    assert_eq!(talk.cards[2].page.as_ref().unwrap().index, 2);
    assert_eq!(talk.fingerprint.len(), 64);
}

#[test]
fn a_chinese_title_and_page_labels() {
    let dir = tempfile::tempdir().unwrap();
    let cover = FixturePage {
        chinese: vec!["大模型的规模定律".into()],
        ..FixturePage::default()
    };
    let pages = vec![
        cover,
        FixturePage::default(),
        FixturePage::new("Appendix", &["Tables"]),
    ];
    let bytes = deck(&pages, None, Labels::RomanThenPrefixed { roman: 2 });
    let path = write(dir.path(), "讲稿.pdf", &bytes);
    let talk = load_talk(&path).unwrap().talk;
    let labels: Vec<Option<&str>> = talk
        .cards
        .iter()
        .map(|c| c.page.as_ref().unwrap().label.as_deref())
        .collect();
    assert_eq!(labels, [Some("i"), Some("ii"), Some("A-1")]);
    assert_eq!(talk.cards[0].title, "大模型的规模定律");
    assert_eq!(talk.title, "大模型的规模定律");
    // A page without text is known by its label.
    assert!(talk.cards[1].auto_title);
    assert_eq!(talk.cards[1].title, "Page ii");
    assert_eq!(talk.cards[1].number, None);
    assert!(talk.is_chinese() || talk.cards[0].title.contains('规'));
}

#[test]
fn notes_come_from_pdfpc_then_annotations_then_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = sample();
    pages[1].note = Some("annotation of page 2".into());
    let path = write(dir.path(), "deck.pdf", &deck(&pages, None, Labels::None));
    write(
        dir.path(),
        "deck.pdfpc",
        r#"{"pdfpcFormat":2,"pages":[{"idx":1,"label":"2","overlay":0,"note":"pdfpc note of page 2"}]}"#
            .as_bytes(),
    );
    write(
        dir.path(),
        "deck.notes.txt",
        "file note 1\n---\nfile note 2\n---\nfile note 3\n".as_bytes(),
    );
    let talk = load_talk(&path).unwrap().talk;
    let notes: Vec<String> = talk.cards.iter().map(|c| c.paragraphs.join("|")).collect();
    assert_eq!(
        notes,
        [
            "Welcome everyone.|Today: three lessons.",
            "pdfpc note of page 2",
            "file note 3"
        ]
    );
}

#[test]
fn an_encrypted_pdf_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "secret.pdf", &fixture::encrypted());
    let e = load_talk(&path).unwrap_err();
    assert!(
        matches!(e, TalkError::Deck(DeckError::Encrypted { .. })),
        "{e:?}"
    );
    let text = e.to_string();
    assert!(
        text.contains("secret.pdf") && text.contains("password"),
        "{text}"
    );
}

#[test]
fn a_broken_pdf_is_refused_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let whole = deck(&sample(), None, Labels::None);
    for (name, bytes) in [
        ("header.pdf", b"%PDF-1.7\n".to_vec()),
        (
            "garbage.pdf",
            b"%PDF-1.4\n\xFF\xFE garbage << /Type /Page >> endobj".to_vec(),
        ),
        ("cut.pdf", whole[..whole.len() / 3].to_vec()),
    ] {
        let path = write(dir.path(), name, &bytes);
        match load_talk(&path) {
            Err(TalkError::Deck(e)) => assert!(e.to_string().contains(name), "{e}"),
            // hayro may find pages by searching the objects of a cut file: its pages
            // are then cards.
            Ok(loaded) => assert!(!loaded.talk.cards.is_empty(), "{name}"),
            Err(e) => panic!("{name}: {e:?}"),
        }
    }
}

#[test]
fn a_pdf_named_otherwise_is_still_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "slides.txt",
        &deck(&sample(), None, Labels::None),
    );
    assert_eq!(load_talk(&path).unwrap().talk.cards.len(), 3);
}

#[test]
fn a_page_renders_at_the_size_asked_for() {
    let bytes = deck(&sample(), None, Labels::None);
    let pdf = open(Path::new("t.pdf"), Arc::new(bytes)).unwrap();
    let settings = settings();
    let small = render::render_page(&pdf, 1, None, 480, 480, &settings).unwrap();
    assert_eq!((small.width, small.height), (480, 270));
    assert_eq!(small.rgba.len(), 480 * 270 * 4);
    // Text and the bar are drawn: dark pixels at the bottom and in the title's place.
    let dark = |x: u32, y: u32| {
        let i = ((y * small.width + x) * 4) as usize;
        small.rgba[i] < 100 && small.rgba[i + 2] > 80
    };
    assert!(dark(240, 265));
    let inked = ink(&small, 30..300, 20..60);
    assert!(inked > 100, "{inked} dark pixels where the title is");
    let sharp = render::render_page(&pdf, 1, None, 1920, 1080, &settings).unwrap();
    assert_eq!((sharp.width, sharp.height), (1920, 1080));
    assert!(matches!(
        render::render_page(&pdf, 9, None, 100, 100, &settings),
        Err(render::RenderError::NoSuchPage { page: 9, pages: 3 })
    ));
    // A huge box asked for is bounded.
    let (w, h, _) = render::fitted_size(&pdf, 0, None, u32::MAX, u32::MAX).unwrap();
    assert!(u64::from(w) * u64::from(h) <= render::MAX_PIXELS);
}

/// Dark pixels in a rectangle of a rendered page.
fn ink(page: &render::Rendered, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>) -> usize {
    ys.flat_map(|y| xs.clone().map(move |x| (x, y)))
        .filter(|&(x, y)| page.rgba[((y * page.width + x) * 4) as usize] < 128)
        .count()
}

/// A Chinese font the PDF does not embed is drawn with the bundled Chinese font: without
/// it the title was drawn with a standard font that has no Chinese, and came out blank.
#[test]
fn chinese_in_a_font_not_embedded_is_drawn_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = fixture::non_embedded_chinese("大模型的规模定律");
    let path = write(dir.path(), "宋体.pdf", &bytes);
    let talk = load_talk(&path).unwrap().talk;
    assert_eq!(talk.cards[0].title, "大模型的规模定律");
    let pdf = open(&path, Arc::new(bytes)).unwrap();
    let page = render::render_page(&pdf, 0, None, 960, 540, &settings()).unwrap();
    // The title: 8 glyphs of 48 pt from (60, 92) down from the top.
    let title = ink(&page, 60..460, 90..145);
    let elsewhere = ink(&page, 60..460, 300..355);
    assert!(title > 1500, "{title} dark pixels where the title is");
    assert_eq!(elsewhere, 0);
}

/// Beamer's notes on a second screen: the slide's half is the picture and its text the
/// card's, the other half's the notes (not the miniature's tiny title); the notes of a
/// `.pdfpc` still come first.
#[test]
fn notes_beside_the_slide_are_the_notes_and_the_slide_half_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = FixturePage::new("Why measure", &["Loss curves"]);
    first.notes_beside = vec![
        "Start with the chart,".into(),
        "then the table.".into(),
        "- ask the room".into(),
    ];
    let mut second = FixturePage::new("Thanks", &[]);
    second.notes_beside = vec!["Questions.".into()];
    second.note = Some("the annotation wins".into());
    let bytes = deck(&[first, second], None, Labels::None);
    let path = write(dir.path(), "beamer.pdf", &bytes);
    let talk = load_talk(&path).unwrap().talk;
    let card = &talk.cards[0];
    assert_eq!(card.title, "Why measure");
    assert_eq!(card.key_points, ["Loss curves"]);
    assert_eq!(
        card.paragraphs,
        ["Start with the chart, then the table.", "- ask the room"]
    );
    assert_eq!(card.page.as_ref().unwrap().crop, Some([0, 0, 500, 1000]));
    assert_eq!(talk.cards[1].paragraphs, ["the annotation wins"]);
    // The picture is the slide's half: a 16:9 slide, its title drawn, no notes on it.
    let pdf = open(&path, Arc::new(bytes)).unwrap();
    let crop = card.page.as_ref().unwrap().crop;
    let slide = render::render_page(&pdf, 0, crop, 960, 960, &settings()).unwrap();
    assert_eq!((slide.width, slide.height), (960, 540));
    assert!(ink(&slide, 60..400, 90..140) > 500);
    let whole = render::render_page(&pdf, 0, None, 1920, 540, &settings()).unwrap();
    assert!(
        ink(&whole, 1020..1300, 90..120) > 100,
        "the notes are on the other half"
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A deck with bytes changed here and there, or cut short, opens or is refused
        /// with a message naming it: never a panic. Its pages render or say why.
        #[test]
        fn a_damaged_pdf_never_panics(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
            keep in 0.05f64..1.0,
        ) {
            let mut bytes = deck(&sample(), Some("Fuzz"), Labels::RomanThenPrefixed { roman: 1 });
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            bytes.truncate(((bytes.len() as f64) * keep) as usize);
            let path = Path::new("fuzz.pdf");
            match read(path, &bytes) {
                Ok(talk) => {
                    prop_assert!(!talk.cards.is_empty());
                    let pdf = open(path, Arc::new(bytes)).unwrap();
                    for index in 0..talk.cards.len() {
                        let _ = render::render_page(&pdf, index, None, 200, 200, &settings());
                    }
                }
                Err(e) => prop_assert!(e.to_string().contains("fuzz.pdf")),
            }
        }
    }
}
