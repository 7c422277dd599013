use super::*;

#[test]
fn times_read_as_tools_print_them() {
    assert_eq!(time("0:00"), Some(0.0));
    assert_eq!(time("07:10"), Some(430.0));
    assert_eq!(time("1:02:03"), Some(3723.0));
    assert_eq!(time("00:00:05.250"), Some(5.25));
    for bad in [
        "7:1",
        "60:00",
        "1:60",
        "12",
        "a:bc",
        "1:02:03:04",
        "10:30am",
    ] {
        assert_eq!(time(bad), None, "{bad}");
    }
}

#[test]
fn heads_of_each_layout() {
    let h = head("Emma  0:00").unwrap();
    assert_eq!(
        (h.layout, h.speaker, h.start),
        (Layout::NameTime, Some("Emma"), 0.0)
    );
    let h = head("说话人 1 00:02").unwrap();
    assert_eq!((h.speaker, h.start), (Some("说话人 1"), 2.0));
    let h = head("张三(00:01:05)：大家好").unwrap();
    assert_eq!((h.speaker, h.start, h.rest), (Some("张三"), 65.0, "大家好"));
    let h = head("00:07:10 <v Dana Lee> Good morning.").unwrap();
    assert_eq!(
        (h.layout, h.speaker, h.rest),
        (Layout::TimeFirst, Some("Dana Lee"), "Good morning.")
    );
    let h = head("[00:07:10] Ana: We tag stones.").unwrap();
    assert_eq!(
        (h.speaker, h.start, h.rest),
        (Some("Ana"), 430.0, "We tag stones.")
    );
    let h = head("[00:00.000 --> 00:05.000]  Hello there").unwrap();
    assert_eq!((h.start, h.end, h.speaker), (0.0, Some(5.0), None));
    let h = head("**Ali** [0:24]").unwrap();
    assert_eq!(
        (h.layout, h.speaker, h.start),
        (Layout::NameTime, Some("Ali"), 24.0)
    );
    let h = head("**Emma** [00:08:46] The question is this.").unwrap();
    assert_eq!(
        (h.speaker, h.start, h.rest),
        (Some("Emma"), 526.0, "The question is this.")
    );
    let h = head("00:05").unwrap();
    assert_eq!((h.rest, h.speaker), ("", None));
    // Sentences that end or start with a time are no heads of the name layout.
    assert_eq!(head("We met at 10:30"), None);
    assert_eq!(head("The train leaves at 7:45."), None);
}

#[test]
fn prose_that_mentions_times_is_no_transcript() {
    let text = "The meeting started at 10:30 and ran long.\n\n10:30 is early for most people.\n\nWe agreed on three things.\n\nFirst, a budget. Second, a date. Third, an owner.\n";
    assert!(read(text, "notes").is_none());
    assert!(read("1、开场\n\n各位好。\n\n2、结语\n\n谢谢。", "talk").is_none());
}

fn paragraphs_of(talk: &Talk) -> Vec<&str> {
    talk.cards
        .iter()
        .flat_map(|c| c.paragraphs.iter().map(String::as_str))
        .collect()
}

#[test]
fn otter_heads_become_speaker_turns_and_the_footer_goes() {
    let text = "Emma  0:00\nHello and welcome.\n\nRaj  0:05\nThanks, glad to be here.\n\nEmma  0:09\nLet's begin.\n\nTranscribed by https://otter.ai\n";
    let talk = read(text, "episode-12").unwrap();
    assert_eq!(talk.title, "episode-12");
    assert_eq!(
        paragraphs_of(&talk),
        [
            "Emma: Hello and welcome.",
            "Raj: Thanks, glad to be here.",
            "Emma: Let's begin."
        ]
    );
    let card = &talk.cards[0];
    assert_eq!(card.paragraph_starts.first(), Some(&0.0));
    assert_eq!(card.speaker(0), Some("Emma"));
    assert!(!talk.cards.iter().any(|c| c.title.contains("Emma")));
}

#[test]
fn a_speakers_short_lines_are_one_paragraph() {
    let text = "[00:00:00] Host: Welcome.\n[00:00:04] Host: My guest studies rivers.\n[00:00:09] Ana: Thanks.\n[00:00:12] Ana: It is messy.\n";
    let talk = read(text, "x").unwrap();
    assert_eq!(
        paragraphs_of(&talk),
        [
            "Host: Welcome. My guest studies rivers.",
            "Ana: Thanks. It is messy."
        ]
    );
    let starts: Vec<f64> = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraph_starts.clone())
        .collect();
    assert_eq!(starts, [0.0, 9.0]);
}

#[test]
fn a_chinese_export_keeps_its_name_and_loses_its_labels() {
    let text = "周会\n2024-05-10 14:00:03 | 52分钟\n关键词:\n发布、灰度\n文字记录:\n\n说话人 1 00:02\n我们开始吧。\n\n说话人 2 00:15\n先说数据。\n";
    let talk = read(text, "file").unwrap();
    assert_eq!(talk.title, "周会");
    let paras = paragraphs_of(&talk);
    assert_eq!(paras, ["说话人 1：我们开始吧。", "说话人 2：先说数据。"]);
}
