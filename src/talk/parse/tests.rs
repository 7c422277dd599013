use super::*;
use crate::SEED_TALK;

const ZH_HAN_NUMERALS: &str = include_str!("../../../tests/fixtures/talks/zh_han_numerals.txt");
const ZH_PAREN_NUMBERS: &str = include_str!("../../../tests/fixtures/talks/zh_paren_numbers.txt");
const EN_LESSONS: &str = include_str!("../../../tests/fixtures/talks/en_lessons.txt");
const EN_NO_HEADINGS: &str = include_str!("../../../tests/fixtures/talks/en_no_headings.txt");
const ZH_INTERVIEW: &str = include_str!("../../../tests/fixtures/talks/zh_interview.txt");

fn seed() -> Talk {
    parse_text(SEED_TALK)
}

fn all_card_text(talk: &Talk) -> Vec<&str> {
    talk.cards
        .iter()
        .flat_map(|c| {
            std::iter::once(c.title.as_str())
                .chain(c.key_points.iter().map(String::as_str))
                .chain(c.paragraphs.iter().map(String::as_str))
        })
        .collect()
}

fn print_deck(talk: &Talk) {
    println!(
        "title={:?}\nspeaker={:?}\nrole={:?}\nevent={:?}\ndate={:?}\nsource={:?}\nauthor={:?}",
        talk.title, talk.speaker, talk.role, talk.event, talk.date, talk.source, talk.author
    );
    for c in &talk.cards {
        println!(
            "[{}] {:?} {:?} {} ({} paragraphs)",
            c.id,
            c.kind,
            c.number,
            c.title,
            c.paragraphs.len()
        );
        for k in &c.key_points {
            println!("   * {k}");
        }
    }
}

/// Prints the seed deck: `cargo test --lib print_seed_deck -- --nocapture`.
#[test]
fn print_seed_deck() {
    print_deck(&seed());
}

/// Prints the fixture decks: `cargo test --lib print_fixture_decks -- --nocapture`.
#[test]
fn print_fixture_decks() {
    for text in [
        ZH_HAN_NUMERALS,
        ZH_PAREN_NUMBERS,
        EN_LESSONS,
        EN_NO_HEADINGS,
    ] {
        print_deck(&parse_text(text));
        println!();
    }
}

#[test]
fn seed_deck_structure() {
    let talk = seed();
    let got: Vec<(&str, CardKind, Option<u32>, &str)> = talk
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.kind, c.number, c.title.as_str()))
        .collect();
    let want = vec![
        (
            "title",
            CardKind::Title,
            None,
            "张宏江消除“Scaling Law放缓”恐惧,直言未来将迎来“自主智能”的世界",
        ),
        ("opening", CardKind::Opening, None, "开场"),
        (
            "obs-1",
            CardKind::Observation,
            Some(1),
            "Scaling Law(规模效应)还有效吗?",
        ),
        (
            "obs-2",
            CardKind::Observation,
            Some(2),
            "新操作系统、新平台、新生态",
        ),
        (
            "obs-3",
            CardKind::Observation,
            Some(3),
            "大模型推动存量和新增应用",
        ),
        (
            "obs-4",
            CardKind::Observation,
            Some(4),
            "多模态大模型是AGI的终极模型",
        ),
        (
            "obs-5",
            CardKind::Observation,
            Some(5),
            "多模态大模型赋能机器人",
        ),
        (
            "obs-6",
            CardKind::Observation,
            Some(6),
            "大模型的未来:自主智能的世界",
        ),
        ("closing", CardKind::Closing, None, "结语"),
    ];
    assert_eq!(got, want);
    assert_eq!(talk.card_index("obs-4"), Some(5));
}

#[test]
fn seed_metadata() {
    let talk = seed();
    assert_eq!(
        talk.title,
        "张宏江消除“Scaling Law放缓”恐惧,直言未来将迎来“自主智能”的世界"
    );
    assert_eq!(talk.speaker, "张宏江");
    assert_eq!(
        talk.role,
        "北京智源人工智能研究院创始理事长,美国国家工程院外籍院士"
    );
    assert_eq!(talk.event, "2024 T-EDGE");
    assert_eq!(talk.date, "12月7日");
    assert_eq!(talk.source, "钛媒体");
    assert_eq!(talk.author, "林志佳");
    assert_eq!(talk.fingerprint, sha256_hex(SEED_TALK));
    assert_eq!(talk.fingerprint.len(), 64);
}

#[test]
fn seed_title_card_holds_the_lede() {
    let talk = seed();
    let lines: Vec<&str> = SEED_TALK.lines().collect();
    // Lines 9–21 of the file (1-based), the lede.
    let lede: Vec<&str> = lines[8..21]
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(talk.cards[0].paragraphs, lede);
    assert!(talk.cards[0].key_points.is_empty());
}

#[test]
fn seed_every_transcript_paragraph_on_exactly_one_card() {
    let talk = seed();
    let after_marker = SEED_TALK
        .split("以下是张宏江演讲全文,经整理:")
        .nth(1)
        .unwrap();
    let junk_from = after_marker.find("亲爱的凤凰网用户").unwrap();
    let transcript = &after_marker[..junk_from];
    let mut checked = 0;
    for line in transcript.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_heading = talk
            .cards
            .iter()
            .any(|c| line.ends_with(c.title.as_str()) && line.len() < c.title.len() + 6);
        let count = talk
            .cards
            .iter()
            .flat_map(|c| &c.paragraphs)
            .filter(|p| p.as_str() == line)
            .count();
        if is_heading {
            assert_eq!(count, 0, "heading {line} is also a paragraph");
        } else {
            assert_eq!(count, 1, "{line}");
            checked += 1;
        }
    }
    assert_eq!(checked, 51);
    let first_obs = &talk.cards[talk.card_index("obs-1").unwrap()];
    assert!(first_obs.paragraphs[0].starts_with("近日,OpenAI发布了o1模型"));
    assert_eq!(first_obs.paragraphs.len(), 11);
    let obs3 = &talk.cards[talk.card_index("obs-3").unwrap()];
    assert!(
        obs3.paragraphs
            .iter()
            .any(|p| p.starts_with("1)第一波增长"))
    );
    assert!(
        obs3.paragraphs
            .iter()
            .any(|p| p.starts_with("4)大模型在物理层面"))
    );
    let closing = talk.cards.last().unwrap();
    assert_eq!(closing.paragraphs.last().unwrap(), "好,谢谢大家!");
}

#[test]
fn seed_has_no_junk() {
    let talk = seed();
    let repeated_title =
        "张宏江消除“Scaling Law放缓”恐惧,直言未来将迎来“自主智能”的世界|2024 T-EDGE";
    for text in all_card_text(&talk) {
        for junk in [
            "凤凰网",
            "浏览器",
            "下载",
            "北京智源研究院创始理事长,美国工程院外籍院士 张宏江",
            repeated_title,
            "本文首发于",
            "以下是张宏江演讲全文",
        ] {
            assert!(!text.contains(junk), "{junk:?} in {text:?}");
        }
        assert_ne!(
            text,
            "北京智源人工智能研究院创始理事长,美国国家工程院外籍院士 张宏江"
        );
    }
}

#[test]
fn seed_key_points_are_verbatim() {
    let talk = seed();
    for card in &talk.cards {
        match card.kind {
            CardKind::Observation | CardKind::Closing => {
                assert!(
                    (2..=5).contains(&card.key_points.len()),
                    "{}: {:?}",
                    card.id,
                    card.key_points
                );
            }
            CardKind::Opening => assert!(card.key_points.len() <= 3),
            CardKind::Title => assert!(card.key_points.is_empty()),
        }
        for point in &card.key_points {
            assert!(
                card.paragraphs.iter().any(|p| p.contains(point.as_str())),
                "{}: {point:?} is not from its own section",
                card.id
            );
            assert!(SEED_TALK.contains(point.as_str()));
            let n = point.chars().count();
            assert!((12..=80).contains(&n), "{}: {point:?} ({n} chars)", card.id);
        }
        let mut unique = card.key_points.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), card.key_points.len());
    }
}

#[test]
fn seed_line_endings_and_bom_do_not_matter() {
    let reference = seed();
    let crlf = format!("\u{feff}{}", SEED_TALK.replace('\n', "\r\n"));
    assert_eq!(parse_text(&crlf), reference);
    assert_eq!(parse_text(&SEED_TALK.replace('\n', "\r")), reference);
}

#[test]
fn seed_layout_variants_give_the_same_deck() {
    let reference = seed();
    // No blank lines between paragraphs.
    let single = SEED_TALK.replace("\n\n", "\n");
    assert_eq!(parse_text(&single).cards, reference.cards);
    // Full-width indentation and trailing spaces.
    let indented: String = SEED_TALK
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("\u{3000}\u{3000}{l}  \n")
            }
        })
        .collect();
    assert_eq!(parse_text(&indented).cards, reference.cards);
}

#[test]
fn empty_and_blank_text() {
    for t in ["", "\n\n", "   \r\n\t", "\u{feff}"] {
        let talk = parse_text(t);
        assert!(talk.cards.is_empty(), "{t:?}");
        assert_eq!(talk.fingerprint.len(), 64);
    }
}

#[test]
fn single_line() {
    let talk = parse_text("Hello world.");
    assert_eq!(talk.cards.len(), 1);
    assert_eq!(talk.cards[0].paragraphs, vec!["Hello world."]);
}

#[test]
fn chinese_han_numeral_headings() {
    let talk = parse_text(ZH_HAN_NUMERALS);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["title", "opening", "obs-1", "obs-2", "obs-3", "closing"]
    );
    assert_eq!(talk.title, "李明：企业数字化转型的三点体会");
    assert_eq!(talk.speaker, "李明");
    assert_eq!(talk.author, "王小明");
    assert_eq!(talk.source, "某某科技评论");
    assert_eq!(talk.date, "2023年5月20日");
    let titles: Vec<&str> = talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles[2..],
        [
            "转型首先是一把手工程",
            "数据是最重要的资产",
            "人才和组织要同步变革",
            "结束语"
        ]
    );
    let opening = &talk.cards[1];
    assert!(opening.paragraphs[0].starts_with("2023年5月20日"));
    // The numbered list inside section one stays in it.
    let obs1 = &talk.cards[2];
    assert!(obs1.paragraphs.iter().any(|p| p.starts_with("2. 每个季度")));
    assert_eq!(
        talk.cards.last().unwrap().paragraphs.last().unwrap(),
        "谢谢大家！"
    );
    for text in all_card_text(&talk) {
        for junk in [
            "责任编辑",
            "相关阅读",
            "扫码关注",
            "年度数字化报告",
            "作者：",
            "来源：",
        ] {
            assert!(!text.contains(junk), "{junk} in {text}");
        }
    }
    for card in &talk.cards[2..] {
        assert!(
            (2..=5).contains(&card.key_points.len()) || card.paragraphs.len() < 2,
            "{card:?}"
        );
        for p in &card.key_points {
            assert!(card.paragraphs.iter().any(|para| para.contains(p.as_str())));
        }
    }
}

#[test]
fn chinese_parenthesized_headings_without_title() {
    let talk = parse_text(ZH_PAREN_NUMBERS);
    let got: Vec<(&str, &str)> = talk
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("obs-1", "技术路线的选择"),
            ("obs-2", "市场节奏的把握"),
            ("obs-3", "团队的长期主义")
        ]
    );
    assert_eq!(talk.title, "");
    for card in &talk.cards {
        assert_eq!(card.key_points.len(), 2, "{card:?}");
    }
}

#[test]
fn english_lessons() {
    let talk = parse_text(EN_LESSONS);
    assert_eq!(
        talk.title,
        "Five Lessons From Ten Years of Building Databases"
    );
    assert_eq!(talk.speaker, "Jane Doe");
    assert_eq!(talk.role, "Principal Engineer, Example Corp");
    assert_eq!(talk.event, "RustConf 2024");
    assert_eq!(talk.date, "September 12, 2024");
    let got: Vec<(&str, CardKind, Option<u32>, &str)> = talk
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.kind, c.number, c.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "title",
                CardKind::Title,
                None,
                "Five Lessons From Ten Years of Building Databases"
            ),
            ("opening", CardKind::Opening, None, "Opening"),
            (
                "obs-1",
                CardKind::Observation,
                Some(1),
                "Start with the problem, not the engine"
            ),
            (
                "obs-2",
                CardKind::Observation,
                Some(2),
                "Test like an adversary"
            ),
            (
                "obs-3",
                CardKind::Observation,
                Some(3),
                "Make the boring path fast"
            ),
            (
                "obs-4",
                CardKind::Observation,
                Some(4),
                "Document the invariants"
            ),
            (
                "obs-5",
                CardKind::Observation,
                Some(5),
                "Culture is a feature"
            ),
            ("closing", CardKind::Closing, None, "Final thoughts"),
        ]
    );
    // The lede is one hard-wrapped paragraph, joined.
    assert_eq!(
        talk.cards[0].paragraphs,
        [
            "Jane Doe has built storage engines for a decade. In this keynote she shared what she wishes she had known on day one, from testing to team culture."
        ]
    );
    let obs1 = &talk.cards[2];
    assert_eq!(obs1.paragraphs.len(), 3);
    assert!(obs1.paragraphs[1].starts_with("The key is to measure the workload first. Write down"));
    for card in &talk.cards[2..] {
        assert!(!card.key_points.is_empty(), "{card:?}");
        for p in &card.key_points {
            assert!(
                card.paragraphs.iter().any(|para| para.contains(p.as_str())),
                "{p}"
            );
        }
    }
    assert!(
        talk.cards[2]
            .key_points
            .iter()
            .any(|p| p.starts_with("The key is to measure the workload first")),
        "{:?}",
        talk.cards[2].key_points
    );
    for text in all_card_text(&talk) {
        assert!(!text.contains("Subscribe") && !text.contains("Share this"));
        assert!(!text.contains("Speaker:") && !text.contains("edited transcript"));
    }
}

#[test]
fn english_without_headings() {
    // Too short for two topics of a minute or more: one card.
    let talk = parse_text(EN_NO_HEADINGS);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["opening"]);
    assert_eq!(talk.cards[0].title, "Talk");
    assert!(!talk.cards[0].auto_title);
}

#[test]
fn single_card_when_no_sections() {
    let text = "第一段话，讲了一些事情。\n\n第二段话，又讲了一些事情。\n\n第三段话。";
    let talk = parse_text(text);
    assert_eq!(talk.cards.len(), 1);
    assert_eq!(talk.cards[0].id, "opening");
    assert_eq!(talk.cards[0].paragraphs.len(), 3);
}

#[test]
fn english_numbered_with_markdown_and_conclusion() {
    let text = "\
# Why Rust Works

Edited transcript:

Thanks for coming. I have three points today, and then I will take questions from the audience.

## 1. Ownership makes resources explicit

Ownership is the idea that every value has exactly one owner. The key is that cleanup becomes predictable.

## 2. The compiler is a reviewer

The compiler catches whole classes of bugs before review. I believe that changes how teams spend their time.

## 3. The ecosystem is consistent

Cargo gives every project the same layout. That consistency lowers the cost of reading other people's code.

Conclusion

So the lesson is that constraints, chosen well, make teams faster. Thank you.
";
    let talk = parse_text(text);
    let got: Vec<(&str, &str)> = talk
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("title", "Why Rust Works"),
            ("opening", "Opening"),
            ("obs-1", "Ownership makes resources explicit"),
            ("obs-2", "The compiler is a reviewer"),
            ("obs-3", "The ecosystem is consistent"),
            ("closing", "Conclusion"),
        ]
    );
    assert!(talk.cards[1].paragraphs[0].starts_with("Thanks for coming"));
}

#[test]
fn repeated_numbers_get_distinct_ids() {
    let text = "1、第一部分\n\n内容一。\n\n2、第二部分\n\n内容二。\n\n2、又一个第二部分\n\n内容三。\n\n3、第三部分\n\n内容四。";
    let talk = parse_text(text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["obs-1", "obs-2", "obs-2-2", "obs-3"]);
    assert_eq!(talk.cards[2].number, Some(2));
}

#[test]
fn long_numbered_lines_are_not_headings() {
    let text = "1、短标题\n\n正文。\n\n1)这是一个很长的列表项，它描述了很多很多的内容，而且以句号结尾，所以它不是标题。\n\n2)第二项也很长，同样以句号结尾，所以也不是标题，只是正文的一部分。\n\n2、第二个标题\n\n更多正文。";
    let talk = parse_text(text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["obs-1", "obs-2"]);
    assert_eq!(talk.cards[0].paragraphs.len(), 3);
}

#[test]
fn short_sections_still_get_points() {
    let text = "1、速度\n\n快很重要。慢就会输。\n\n2、质量\n\n质量是底线。没有质量就没有一切。";
    let talk = parse_text(text);
    assert_eq!(talk.cards[0].key_points, ["快很重要", "慢就会输"]);
    assert_eq!(talk.cards[1].key_points.len(), 2);
}

#[test]
fn text_without_title_or_marker_starts_with_the_opening() {
    let text = "大家好，今天我讲三点。\n\n1、第一点\n\n内容。\n\n2、第二点\n\n内容。";
    let talk = parse_text(text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["opening", "obs-1", "obs-2"]);
    assert_eq!(talk.title, "");
}

#[test]
fn late_marker_does_not_swallow_the_talk() {
    let text = "演讲标题\n\n大家好，今天讲两点。\n\n1、第一点\n\n内容一。\n\n2、第二点\n\n内容二。\n\n内容三。\n\n内容四。\n\n以下为问答环节实录：\n\n问：请问这个怎么看？";
    let talk = parse_text(text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["title", "opening", "obs-1", "obs-2"]);
    assert!(talk.cards[0].paragraphs.is_empty());
}

#[test]
fn a_large_transcript_gives_one_card_per_heading() {
    // ~1.5 MB: the seed's talk repeated under 200 numbered headings.
    let body = SEED_TALK
        .split("以下是张宏江演讲全文,经整理:")
        .nth(1)
        .unwrap();
    let body = &body[..body.find("亲爱的").unwrap()];
    let paragraphs: Vec<&str> = body
        .lines()
        .filter(|l| !l.trim().is_empty() && parse_mark(l).is_none())
        .collect();
    let mut text = String::from("一个很长的演讲\n\n以下为演讲实录：\n\n");
    let mut n = 0;
    while text.len() < 1_500_000 {
        n += 1;
        text.push_str(&format!("{n}、第{n}个观察\n\n"));
        for p in &paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
        }
    }
    let talk = parse_text(&text);
    // Its speed is `cargo bench --bench parse -- 1.5MB-600-sections`, not a timed test.
    assert_eq!(talk.cards.len(), n + 1);
    let last = talk.cards.last().unwrap();
    assert_eq!(last.number, Some(n as u32));
    assert_eq!(last.title, format!("第{n}个观察"));
}

mod prop {
    use super::super::parse_text;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "1、",
        "一、",
        "（一）",
        "第一，",
        "观察一：",
        "Lesson 1 — ",
        "1)",
        "II. ",
        "结语",
        "Conclusion",
        "以下是演讲全文：",
        "亲爱的凤凰网用户:",
        "浏览器 下载",
        "张宏江",
        "作者|",
        "(本文首发于",
        "|",
        "。",
        "！",
        "？",
        ".",
        "?",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "　",
        "\u{feff}",
        "“",
        "”",
        "\"",
        "；",
        ";",
        "，",
        ",",
        "：",
        ":",
        "12月7日",
        "2024-12-07",
        "December 7, 2024",
        "#",
        "**",
        "Speaker: ",
        "e.g.",
        "Mr.",
        "3.5",
        "①",
        "第二点",
        "transcript",
        "相关阅读",
        "a",
        "中",
    ];

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(PIECES).prop_map(str::to_string),
            any::<String>(),
            "[0-9一二三十]{1,3}[、.)）]",
        ]
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_any_string(s in any::<String>()) {
            let talk = parse_text(&s);
            prop_assert_eq!(talk.fingerprint.len(), 64);
        }

        #[test]
        fn parse_never_panics_on_structured_noise(parts in proptest::collection::vec(piece(), 0..80)) {
            let text = parts.concat();
            let talk = parse_text(&text);
            let mut ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), n, "card ids must be unique");
            for card in &talk.cards {
                prop_assert!(card.key_points.len() <= 5);
                for point in &card.key_points {
                    prop_assert!(card.paragraphs.iter().any(|p| p.contains(point.as_str())));
                }
            }
        }
    }
}

#[test]
fn yaml_front_matter_gives_the_facts_and_stays_out_of_the_notes() {
    let text = "---\ntitle: \"Water in a small city\"\nspeaker: Dana Reyes\ndate: 2026-03-14\nevent: City Forum\ntags: [water]\n---\n\nThanks for coming tonight. I want to talk about pipes.\n\nThe pipes are old, and nobody knew how old.\n";
    let talk = parse_text(text);
    assert_eq!(talk.title, "Water in a small city");
    assert_eq!(talk.speaker, "Dana Reyes");
    assert_eq!(talk.date, "2026-03-14");
    assert_eq!(talk.event, "City Forum");
    let notes: String = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraphs.clone())
        .collect();
    assert!(
        !notes.contains("speaker:") && !notes.contains("---"),
        "{notes}"
    );
    assert!(notes.contains("nobody knew how old"));
}

#[test]
fn list_items_inside_the_text_are_not_headings() {
    let text = "How We Ship Software\n\nThanks for having me. Today I want to talk about how our team ships software.\n\nWe follow three rules when we plan a release:\n1. Keep the change small\n2. Write the test first\n3. Ship on Tuesday\n\nThese rules sound simple, but they took us years to learn.\n\nOur checklist before a release:\n1. The tests pass on the main branch\n2. The change log is written\n3. Someone other than the author has tried it\n";
    let talk = parse_text(text);
    assert!(
        talk.cards.iter().all(|c| c.number.is_none()),
        "{:?}",
        talk.cards.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    let notes: String = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraphs.clone())
        .collect();
    assert!(notes.contains("1. Keep the change small"));
}

#[test]
fn an_interview_keeps_each_speakers_turn_as_a_paragraph_with_the_name() {
    let talk = parse_text(ZH_INTERVIEW);
    assert_eq!(talk.title, "对话王蕾：小团队怎样做好一款学习应用");
    let mut turns = Vec::new();
    for card in &talk.cards {
        for (i, p) in card.paragraphs.iter().enumerate() {
            // A turn is never joined to the paragraph before it.
            for name in ["主持人：", "王蕾：", "问："] {
                assert!(p.match_indices(name).all(|(at, _)| at == 0), "{p}");
            }
            if let Some(name) = card.speaker(i) {
                turns.push(name.to_owned());
                assert!(p.starts_with(name), "{p}");
            }
        }
    }
    let count = |n: &str| turns.iter().filter(|t| *t == n).count();
    assert_eq!(
        (count("主持人"), count("王蕾"), count("问")),
        (4, 6, 2),
        "{turns:?}"
    );
    assert_eq!(turns.len(), 12, "no other line is a turn: {turns:?}");
    // Key points are what is said: no speaker's name, no interviewer's question.
    for point in talk.cards.iter().flat_map(|c| &c.key_points) {
        assert!(
            !point.starts_with("主持人") && !point.starts_with("王蕾："),
            "{point}"
        );
        assert!(!point.ends_with('？'), "{point}");
    }
    // The source line is the talk's metadata, not a speaker.
    assert!(!all_card_text(&talk).iter().any(|t| t.starts_with("来源")));
}
