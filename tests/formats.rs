//! Every format of the formats table (`talkdeck::talk::formats::READERS`), read through
//! the public API from `tests/fixtures/subtitles/`: one test per format asserting its
//! titles, cards, speakers and languages, one shared check that no markup of any format
//! reaches what a user sees, and the refusals of files talkdeck does not read.
//!
//! The fixtures are talkdeck's own (`tests/fixtures/subtitles/`), written in the shapes
//! real files of each format have (fansub ASS with fonts attached, Bilibili's AI
//! subtitles, TTML with ticks, YouTube's double-escaped XML, SBV, SubViewer, LRC).

use std::io::Write;
use std::path::PathBuf;
use talkdeck::talk::{self, Talk, TalkError};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/subtitles")
        .join(name)
}

fn load(name: &str) -> Talk {
    talk::read_talk(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Everything a user sees of a talk: its fields, and each card's title, key points,
/// body, notes and the other language's lines.
fn visible_text(talk: &Talk) -> String {
    let mut out = vec![talk.title.clone(), talk.speaker.clone()];
    for c in &talk.cards {
        out.push(c.title.clone());
        out.extend(c.key_points.iter().cloned());
        out.push(c.body.clone());
        out.extend(c.paragraphs.iter().cloned());
        out.extend(c.translations.iter().cloned());
    }
    out.join("\n")
}

fn notes(talk: &Talk) -> String {
    let mut out = Vec::new();
    for c in &talk.cards {
        out.extend(c.paragraphs.iter().cloned());
    }
    out.join("\n")
}

fn translations(talk: &Talk) -> String {
    let mut out = Vec::new();
    for c in &talk.cards {
        out.extend(c.translations.iter().cloned());
    }
    out.join("\n")
}

/// What no format may leave in a card: tags, override blocks, timing lines, id tags,
/// JSON keys, entities, style names, header fields, and what the fixtures hide
/// (comments, invisible lines, drawings, metadata).
const MARKUP: &[&str] = &[
    "{\\",
    "\\N",
    "\\h",
    "Dialogue:",
    "Comment:",
    "Style:",
    "Format:",
    "[Script Info]",
    "[Events]",
    "[Fonts]",
    "&H",
    "m 0 0 l",
    "-->",
    "[00:",
    "<00:",
    "[ti:",
    "[ar:",
    "[al:",
    "[by:",
    "[offset:",
    "[br]",
    "[INFORMATION]",
    "[COLF]",
    "\"content\"",
    "\"from\"",
    "\"body\"",
    "\"segments\"",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#",
    "<?xml",
    "<tt",
    "<p ",
    "<p>",
    "</p>",
    "<span",
    "</span>",
    "<br",
    "<font",
    "</font>",
    "<text",
    "<s ",
    "</s>",
    "<c>",
    "<v ",
    "<i>",
    "<b>",
    "<head",
    "<body",
    "<timedtext",
    "<transcript",
    "0:00:0",
    "00:00:",
    "思源黑体",
    "Arial",
    "alignment probe",
    "看不见的字",
    "校对",
    "片头音乐",
    "Metadata title",
    "Captions for the water",
    "lrc maker",
    "新概念听力",
    "Aegisub",
    "AIsubtitle",
    "tickRate",
];

fn assert_clean(name: &str, talk: &Talk) {
    let text = visible_text(talk);
    for m in MARKUP {
        assert!(
            !text.contains(m),
            "{name}: {m:?} shows in the deck:\n{text}"
        );
    }
    assert!(!talk.cards.is_empty(), "{name}: no cards");
    for c in &talk.cards {
        assert!(!c.title.trim().is_empty(), "{name}: a card without a title");
    }
}

/// The fixtures every format gives cards for (the others are refused, see below).
const READABLE: &[&str] = &[
    "fansub_inline.zh.ass",
    "fansub_pairs.ass",
    "fansub_blocks.ssa",
    "bilibili_ai.zh.json",
    "bilibili_bilingual.json",
    "water.en.ttml",
    "water_bilingual.dfxp",
    "youtube_timedtext.en.xml",
    "youtube_srv3.zh.xml",
    "captions.sbv",
    "water.sub",
    "lesson.lrc",
    "bilingual.srt",
    "en_bom_crlf.srt",
    "zh_gb18030.srt",
    "talk.vtt",
    "youtube_auto.en.vtt",
    "whisper.json",
];

/// Every fixture either opens (and is then clean) or is one of the refused ones.
#[test]
fn no_markup_anywhere_in_any_format() {
    let refused = ["no_cues.srt", "empty_line.ass", "feed.xml", "settings.json"];
    let mut seen = 0;
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if refused.contains(&name.as_str()) {
            assert!(talk::read_talk(&fixture(&name)).is_err(), "{name} opened");
            continue;
        }
        assert!(
            READABLE.contains(&name.as_str()),
            "{name}: a fixture no test names"
        );
        assert_clean(&name, &load(&name));
        seen += 1;
    }
    assert_eq!(seen, READABLE.len());
}

/// The 20 Chinese lines and 20 English lines every new fixture holds.
const ZH: &[&str] = &[
    "大家好，今天我想聊一聊城市的水。",
    "十年前，我们的管网每年漏掉三成的水。",
    "第一年，我们找到了两千多个漏点。",
    "现在，公园和操场在暴雨时变成临时的水池。",
    "谢谢大家。",
];
const EN: &[&str] = &[
    "Hello everyone, today I want to talk about a city's water.",
    "Ten years ago, our pipes lost a third of the water every year.",
    "In the first year we found more than two thousand leaks.",
    "Now parks and school yards become ponds during a storm.",
    "Thank you all.",
];

fn assert_has(name: &str, text: &str, lines: &[&str]) {
    for l in lines {
        assert!(text.contains(l), "{name}: {l:?} is missing from:\n{text}");
    }
}

fn titles(talk: &Talk) -> Vec<&str> {
    talk.cards.iter().map(|c| c.title.as_str()).collect()
}

/// Chinese in the notes, English under it, on one timed card (the talk is 100 s long)
/// titled with its first key point.
fn assert_bilingual_zh(name: &str, talk: &Talk) {
    assert_has(name, &notes(talk), ZH);
    assert_has(name, &translations(talk), EN);
    assert!(talk.is_chinese(), "{name}");
    assert_eq!(titles(talk), vec!["漏水不是小事"], "{name}");
    let time = talk.cards[0].time.expect("a timed card");
    assert!(time.end > 90.0 && time.end < 110.0, "{name}: {time:?}");
}

#[test]
fn ass_fansubs_in_all_three_bilingual_layouts() {
    for name in [
        "fansub_inline.zh.ass",
        "fansub_pairs.ass",
        "fansub_blocks.ssa",
    ] {
        let t = load(name);
        assert_bilingual_zh(name, &t);
        // Every pair is one paragraph line: the Chinese never shows twice.
        assert_eq!(notes(&t).matches("谢谢大家").count(), 1, "{name}");
    }
    let t = load("fansub_inline.zh.ass");
    assert_eq!(t.title, "fansub_inline");
    // The lines that lost a `}` or a `)` still read as text.
    assert_has(
        "inline",
        &notes(&t),
        &["漏水不是小事", "第一年，我们找到了"],
    );
    assert_has("inline", &translations(&t), &["Leaks are no small thing"]);
    // Chinese first, so the cards' first paragraph starts where the talk does.
    assert_eq!(t.cards[0].paragraph_starts[0], 0.0);
}

#[test]
fn an_ass_with_nothing_said_says_so() {
    let e = talk::read_talk(&fixture("empty_line.ass")).unwrap_err();
    assert!(matches!(e, TalkError::NothingSpoken { .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("empty_line.ass") && text.contains("ASS/SSA"),
        "{text}"
    );
    assert!(text.contains("nothing is said"), "{text}");
}

#[test]
fn bilibili_json_minified_or_not() {
    let t = load("bilibili_ai.zh.json");
    assert_has("ai", &notes(&t), ZH);
    assert_eq!(titles(&t), vec!["漏水不是小事"]);
    assert!(translations(&t).is_empty());
    assert_eq!(t.title, "bilibili_ai");
    // The rolling repeat shows once, the music cue not at all.
    assert_eq!(notes(&t).matches("我们每天打开水龙头").count(), 1);
    let t = load("bilibili_bilingual.json");
    assert_bilingual_zh("bilingual", &t);
}

#[test]
fn ttml_and_dfxp() {
    let t = load("water.en.ttml");
    assert!(!t.is_chinese());
    // The greeting is no topic: the title starts at what the talk is about.
    assert_eq!(
        titles(&t),
        vec!["Today I want to talk about a city's water"]
    );
    let n = notes(&t);
    assert_has("ttml", &n, EN);
    // Word-timed spans run on with one space; nested spans keep their words.
    assert!(
        n.contains("We turn on the tap every day and rarely ask where"),
        "{n}"
    );
    assert!(n.contains("we put sensors on every stretch"), "{n}");
    // Escaped text is text.
    assert!(n.contains("<script>alert(1)</script>"), "{n}");
    assert!(!n.contains("  "), "{n}");
    // The first cue starts at 0 s (ticks at 10 MHz), the later ones after it.
    assert_eq!(t.cards[0].paragraph_starts[0], 0.0);
    let t = load("water_bilingual.dfxp");
    assert_bilingual_zh("dfxp", &t);
}

#[test]
fn youtube_timed_text_decoded_once_more() {
    let t = load("youtube_timedtext.en.xml");
    // The greeting is no topic: the title starts at what the talk is about.
    assert_eq!(
        titles(&t),
        vec!["Today I want to talk about a city's water"]
    );
    let n = notes(&t);
    assert_has("srv1", &n, EN);
    assert!(n.contains("when a \"storm\" came"), "{n}");
    assert!(n.contains("drain it away fast & far."), "{n}");
    assert!(n.contains("The sensors report pressure"), "{n}");
    assert_eq!(t.title, "youtube_timedtext");
    let t = load("youtube_srv3.zh.xml");
    assert_has("srv3", &notes(&t), ZH);
}

#[test]
fn sbv_and_subviewer() {
    let t = load("captions.sbv");
    // The greeting is no topic: the title starts at what the talk is about.
    assert_eq!(
        titles(&t),
        vec!["Today I want to talk about a city's water"]
    );
    let n = notes(&t);
    assert_has("sbv", &n, EN);
    assert!((t.cards[0].paragraph_starts[0] - 0.048).abs() < 1e-9);
    let t = load("water.sub");
    assert_bilingual_zh("subviewer", &t);
}

#[test]
fn lrc_lessons() {
    let t = load("lesson.lrc");
    assert_eq!(t.title, "城市的水（第三课）");
    assert_eq!(t.speaker, "李老师");
    assert_bilingual_zh("lrc", &t);
    // The last line has two time tags, said twice in a row: shown once, as a rolling
    // caption's repeat is (the reader gives both cues, see `lrc.rs`' tests).
    assert_eq!(notes(&t).matches("谢谢大家").count(), 1);
    // The offset (+500 ms) shows the lines sooner; never before 0.
    assert_eq!(t.cards[0].paragraph_starts[0], 0.0);
    assert!(notes(&t).contains("第一年，我们找到了两千多个漏点。"));
    assert!(translations(&t).contains("In the first year we found more than two thousand leaks."));
}

fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    (dir, path)
}

/// Files of formats talkdeck does not read: one line naming what they look like, and
/// what talkdeck opens, in the window's words and on the command line, in both languages.
#[test]
fn structured_files_of_other_kinds_are_refused_by_name() {
    let docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\x13\0[Content_Types].xml\xAD\x93\xCBn\xC20PK\x03\x04word/document.xml\0\0";
    let key = b"PK\x03\x04\x14\0\0\0\x08\0Index/Document.iwa\0\0";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("talk.docx", docx.to_vec(), "Word"),
        ("talk.srt", docx.to_vec(), "Word"),
        ("deck.key", key.to_vec(), "Export To › PDF"),
        (
            "cover.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
            "PNG image",
        ),
        (
            "talk.mp4",
            b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec(),
            "video",
        ),
    ];
    for (name, bytes, kind) in cases {
        let (_dir, path) = write_temp(name, &bytes);
        let e = talk::read_talk(&path).unwrap_err();
        assert!(matches!(e, TalkError::Foreign { .. }), "{name}: {e:?}");
        let text = e.to_string();
        assert!(text.contains(kind) && text.contains(name), "{name}: {text}");
        assert!(
            text.contains("ASS/SSA") && text.contains("Markdown") && text.contains("PowerPoint"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 1);
    }
    // A PDF is a deck talkdeck reads: one cut short after its header is named as such.
    let (_dir, path) = write_temp("talk.pdf", b"%PDF-1.5\n%\xD0\xD4\xC5\xD8\n");
    let e = talk::read_talk(&path).unwrap_err();
    assert!(matches!(e, TalkError::Deck(_)), "{e:?}");
    assert!(
        e.to_string().contains("talk.pdf") && e.to_string().contains("PDF"),
        "{e}"
    );
    let e = talk::read_talk(&fixture("feed.xml")).unwrap_err();
    assert!(e.to_string().contains("<rss>"), "{e}");
    let e = talk::read_talk(&fixture("settings.json")).unwrap_err();
    assert!(e.to_string().contains("JSON of another shape"), "{e}");

    // The command line, in Chinese and in English.
    let (_dir, path) = write_temp("讲稿.docx", docx);
    for (locale, words) in [
        ("zh_CN.UTF-8", "Word 文档"),
        ("en_US.UTF-8", "a Word document"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_talkdeck"))
            .args(["outline", path.to_str().unwrap()])
            .env("LC_ALL", locale)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(words) && err.contains("讲稿.docx"),
            "{locale}: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

/// The extension is a hint: a file is read as what its text is.
#[test]
fn content_chooses_the_reader() {
    let ass = std::fs::read(fixture("fansub_pairs.ass")).unwrap();
    let (_dir, path) = write_temp("misnamed.srt", &ass);
    let t = talk::read_talk(&path).unwrap();
    assert_bilingual_zh("misnamed", &t);
    let lrc = std::fs::read(fixture("lesson.lrc")).unwrap();
    let (_dir, path) = write_temp("lesson.txt", &lrc);
    assert_eq!(talk::read_talk(&path).unwrap().title, "城市的水（第三课）");
}

#[path = "support/pptx.rs"]
mod pptx_fixture;

/// What a deck's XML and relationships hold that must never reach a card.
const PPTX_MARKUP: &[&str] = &[
    "<a:", "<p:", "</", "xmlns", "rId", "embed", "slidenum", "sldNum", "{B6F1", "lvl=", "&amp;",
    "&lt;",
];

/// A PowerPoint deck (made by `tests/support/pptx.rs` in PowerPoint's shapes): one card
/// per slide in the deck's order, titles whose words were split over runs read whole, the
/// notes pages as speaker notes (a page with only the slide number is no notes), the
/// hidden slide marked, Chinese text as it is, no XML anywhere.
#[test]
fn a_powerpoint_deck_opens_as_cards_with_its_notes() {
    let (_dir, path) = write_temp("演讲 deck.pptx", &pptx_fixture::sample());
    let t = talk::read_talk(&path).unwrap();
    assert_eq!(t.title, "Scaling Laws");
    assert_eq!(t.speaker, "Ada Lovelace");
    assert_eq!(
        titles(&t),
        [
            "Scaling Laws in Practice",
            "Why data matters",
            "Results",
            "A picture",
            "Backup slide",
            "数据规模"
        ]
    );
    let notes: Vec<String> = t.cards.iter().map(|c| c.paragraphs.join("\n")).collect();
    assert_eq!(
        notes,
        [
            "Welcome everyone, thank you for coming.",
            "Stress the second bullet.\nThen pause.",
            "",
            "",
            "Skip unless there is time.",
            "这里要放慢语速。\n然后举一个例子。"
        ]
    );
    assert_eq!(
        t.cards
            .iter()
            .filter(|c| c.hidden)
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>(),
        ["Backup slide"]
    );
    assert!(
        t.cards[1].body.contains("    - better models"),
        "{}",
        t.cards[1].body
    );
    assert!(
        t.cards[2].body.starts_with("| Model | Score |"),
        "{}",
        t.cards[2].body
    );
    assert!(
        t.cards[3].body.starts_with("![Loss curve](zip://"),
        "{}",
        t.cards[3].body
    );
    let text = visible_text(&t);
    for m in PPTX_MARKUP {
        assert!(!text.contains(m), "{m:?} shows in the deck:\n{text}");
    }
    // The picture is read back from the file by the address the card gives it.
    let uri = t.cards[3].body.split(['(', ')']).nth(1).unwrap();
    let png = talk::deck::read_media(uri, 1024).unwrap();
    assert_eq!(png, pptx_fixture::tiny_png());
    assert!(talk::deck::read_media(uri, 10).is_err());
    // The content chooses the reader: the same deck named `.txt` opens the same.
    let (_dir2, misnamed) = write_temp("deck.txt", &pptx_fixture::sample());
    assert_eq!(titles(&talk::read_talk(&misnamed).unwrap()), titles(&t));
}

/// A broken PowerPoint file gets one line naming it and what is wrong, in both
/// languages; a ZIP bomb is refused by the part that unpacks too far.
#[test]
fn broken_powerpoint_files_name_the_file_and_what_is_wrong() {
    let not_zip = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\x13\0[Content_Types].xml\xAD\x93\xCBn\xC20PK\x03\x04ppt/presentation.xml\0\0";
    let mut xml = b"<p:presentation xmlns:p=\"p\">".to_vec();
    xml.resize(40 * 1024 * 1024, b' ');
    let bomb = pptx_fixture::zip_of(&[("ppt/presentation.xml".into(), xml)]);
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    for (name, bytes, words) in [
        ("讲稿.pptx", not_zip.to_vec(), "ZIP"),
        ("bomb.pptx", bomb, "ppt/presentation.xml"),
    ] {
        let (_dir, path) = write_temp(name, &bytes);
        let e = talk::read_talk(&path).unwrap_err();
        assert!(matches!(e, TalkError::Deck(_)), "{name}: {e:?}");
        let text = e.to_string();
        assert!(
            text.contains(words) && text.contains(name),
            "{name}: {text}"
        );
        assert_eq!(text.lines().count(), 1);
        for (locale, said) in [("zh_CN.UTF-8", "幻灯片文件"), ("en_US.UTF-8", "deck")] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_talkdeck"))
                .args(["outline", path.to_str().unwrap()])
                .env("LC_ALL", locale)
                .output()
                .unwrap();
            assert!(!out.status.success());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(said) && err.contains(name), "{locale}: {err}");
        }
    }
}
