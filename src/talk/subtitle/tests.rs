use super::*;

fn cues(text: &str, format: &Reader) -> Vec<Cue> {
    parse(text, format).unwrap().cues
}

#[test]
fn srt_index_lines_and_comma_millis() {
    let srt = "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\n<i>Second</i> line\nwraps here.\n";
    let c = cues(srt, &SRT);
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].start, c[0].end), (1.0, 2.5));
    assert_eq!(c[0].text, "Hello there.");
    assert_eq!(c[1].text, "Second line wraps here.");
}

#[test]
fn broken_timestamp_is_skipped_with_its_line() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nGood.\n\n2\n00:00:0x,000 --> 00:00:04,000\nLost cue.\n\n3\n00:00:05,000 --> 00:00:06,000\nAlso good.\n";
    let t = parse(srt, &SRT).unwrap();
    assert_eq!(t.cues.len(), 2);
    assert!(t.cues.iter().all(|c| c.text != "Lost cue."));
    assert_eq!(
        t.notices,
        [Notice::BadTimestamp {
            line: 6,
            text: "00:00:0x,000 --> 00:00:04,000".into()
        }]
    );
}

#[test]
fn no_cue_at_all() {
    assert_eq!(
        parse("just some words\nand more\n", &SRT),
        Err(SubtitleError::NoCues)
    );
    assert_eq!(
        parse("WEBVTT\n\nNOTE nothing\n", &WEBVTT),
        Err(SubtitleError::NoCues)
    );
}

#[test]
fn webvtt_blocks_ids_settings_and_tags() {
    let vtt = "WEBVTT - header text\nKind: captions\n\nSTYLE\n::cue { color: red }\n\nNOTE a comment\nover two lines\n\nintro\n00:01.000 --> 00:02.000 align:start position:0%\n<v Ann>Welcome &amp; hello.</v>\n\n00:00:03.000 --> 00:00:04.000 line:90%\n<c.yellow>Yes</c> <b>indeed</b>.\n";
    let c = cues(vtt, &WEBVTT);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].text, "Ann: Welcome & hello.");
    assert_eq!(c[0].start, 1.0);
    assert_eq!(c[1].text, "Yes indeed.");
}

#[test]
fn youtube_rolling_lines_appear_once() {
    let vtt = "WEBVTT\nKind: captions\nLanguage: en\n\n00:00:00.000 --> 00:00:02.000 align:start position:0%\n \nso<00:00:00.500><c> today</c><00:00:01.000><c> we</c>\n\n00:00:02.000 --> 00:00:02.010 align:start position:0%\nso today we\n \n\n00:00:02.010 --> 00:00:04.000 align:start position:0%\nso today we\ntalk<00:00:02.500><c> about</c><00:00:03.000><c> soil</c>\n";
    let c = cues(vtt, &WEBVTT);
    let all: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(all, ["so today we", "talk about soil"]);
}

#[test]
fn two_language_cues_keep_both_lines() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\n大家好\nHello everyone\n\n2\n00:00:02,000 --> 00:00:03,000\n谢谢\nThank you\n";
    let c = cues(srt, &SRT);
    assert_eq!(c[0].text, "大家好");
    assert_eq!(c[0].other, "Hello everyone");
    assert_eq!(c[1].other, "Thank you");
}

#[test]
fn ads_credits_and_sounds_are_dropped() {
    let srt = "1\n00:00:00,000 --> 00:00:01,000\nSubtitles by Someone\n\n2\n00:00:01,000 --> 00:00:02,000\n[Music]\n\n3\n00:00:02,000 --> 00:00:03,000\nReal words.\n\n4\n00:00:03,000 --> 00:00:04,000\n字幕组：某某\n";
    let c = cues(srt, &SRT);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].text, "Real words.");
}

#[test]
fn whisper_segments_and_bad_ones() {
    let json = r#"{"text":"x","segments":[{"start":0.0,"end":1.5,"text":" Hi."},{"text":"no time"},{"start":2,"end":3,"text":" Bye."}]}"#;
    let t = parse(json, &WHISPER).unwrap();
    assert_eq!(t.cues.len(), 2);
    assert_eq!(t.cues[1].text, "Bye.");
    assert_eq!(t.notices, [Notice::BadSegment { index: 2 }]);
    assert!(matches!(
        parse("[1, 2", &WHISPER),
        Err(SubtitleError::NotWhisper(_))
    ));
}

/// A one-second cue at `start`, in one language.
fn cue(start: f64, text: &str) -> Cue {
    Cue {
        start,
        end: start + 1.0,
        text: text.into(),
        other: String::new(),
    }
}

#[test]
fn paragraphs_end_at_pauses_and_sentence_ends() {
    let cs = [
        cue(0.0, "We start here,"),
        cue(1.0, "and go on."),
        cue(5.0, "After a pause."),
        cue(6.0, "Still talking,"),
        cue(10.0, "mid-sentence pause does not cut."),
    ];
    let ps = paragraphs(&cs, 2.0);
    let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "We start here, and go on.",
            "After a pause. Still talking, mid-sentence pause does not cut."
        ]
    );
    assert_eq!(ps[1].start, 5.0);
}

#[test]
fn a_speakers_turn_starts_a_paragraph_without_a_pause() {
    let cs = [
        cue(0.0, "主持人：今天聊什么？"),
        cue(1.0, "张三：聊模型。"),
        cue(2.0, "还有数据，"),
        cue(3.0, "张三：不是新的一段，"),
        cue(4.0, "句子没说完。"),
    ];
    let texts: Vec<String> = paragraphs(&cs, 2.0).into_iter().map(|p| p.text).collect();
    // A turn starts a paragraph at a sentence end; a sentence is never cut for one.
    assert_eq!(
        texts,
        [
            "主持人：今天聊什么？",
            "张三：聊模型。还有数据，张三：不是新的一段，句子没说完。"
        ]
    );
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "-->",
        "1\n-->\n",
        "00:00:01,000 --> \n",
        "WEBVTT\n00:00.000 --> 00:01.000\n<",
        "1\n99:99:99,999 --> 00:00:01,000\nx",
        "<v",
        "{\\",
        "&",
    ] {
        for f in [&SRT, &WEBVTT, &WHISPER] {
            let _ = parse(text, f);
        }
    }
}
