use super::*;
use crate::notes;
use crate::placement::Placed;
use crate::talk::parse_text;
use proptest::prelude::*;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fs;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use uuid::Uuid;

const NOW: OffsetDateTime = OffsetDateTime::UNIX_EPOCH;

fn seed() -> Talk {
    static SEED: std::sync::LazyLock<Talk> =
        std::sync::LazyLock::new(|| parse_text(crate::SEED_TALK));
    SEED.clone()
}

/// The headings the cards get (the title card has no key points: left out when it has
/// no notes either).
fn card_headings(talk: &Talk, notes: &NotesDoc) -> Vec<String> {
    talk.cards
        .iter()
        .filter(|c| c.kind != CardKind::Title || notes.count(&c.id) > 0)
        .map(|c| match c.number {
            Some(n) => format!("{n}. {}", c.title),
            None => c.title.clone(),
        })
        .collect()
}

struct Fixture {
    talk: Talk,
    notes: NotesDoc,
    first: Uuid,
    second: Uuid,
    closing: Uuid,
    orphan: Uuid,
}

/// The seed with notes on the first observation (two), the closing, and a card the talk
/// does not have.
fn fixture() -> Fixture {
    let talk = seed();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let first = notes.add(
        "obs-1",
        "推理阶段的 Scaling Law 才刚开始。\n第二行:o1 的“慢思考”",
        NOW,
    );
    notes.set_tags(first, &["推理".into(), "Scaling".into()], NOW);
    let second = notes.add("obs-1", "预训练放缓不等于 Scaling Law 失效", NOW);
    // An empty note (just added in the app, never typed in) does not count.
    notes.add("obs-2", "  \n", NOW);
    let closing = notes.add("closing", "AGI 奇点?再想想。", NOW);
    notes.set_tags(closing, &["推理".into(), "AGI".into()], NOW);
    let orphan = notes.add("obs-42", "这张卡片在新版本里没有了", NOW);
    notes.set_tags(orphan, &["agi".into()], NOW);
    Fixture {
        talk,
        notes,
        first,
        second,
        closing,
        orphan,
    }
}

fn zh() -> RecapOptions {
    RecapOptions {
        language: Lang::Zh,
        ..RecapOptions::default()
    }
}

fn parse(md: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    Parser::new_ext(md, options).collect()
}

/// The headings as (level, plain text).
fn headings(md: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in parse(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// The plain text of every paragraph (hard breaks as `\n`).
fn paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in parse(md) {
        match event {
            Event::Start(Tag::Paragraph) => current = Some(String::new()),
            Event::End(TagEnd::Paragraph) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::HardBreak => {
                if let Some(text) = &mut current {
                    text.push('\n');
                }
            }
            Event::SoftBreak => {
                if let Some(text) = &mut current {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

fn sections(md: &str) -> Vec<(&str, &str)> {
    // (heading line, body up to the next `## `)
    let mut out = Vec::new();
    let starts: Vec<usize> = md
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .chain([md.len()])
        .collect();
    for w in starts.windows(2) {
        let text = &md[w[0]..w[1]];
        let (head, body) = text.split_once('\n').unwrap_or((text, ""));
        out.push((head, body));
    }
    out
}

#[test]
fn seed_recap_structure_in_chinese() {
    let f = fixture();
    let md = markdown(&f.talk, &f.notes, &zh());
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], format!("# {}", f.talk.title));
    assert!(lines.contains(&"- **演讲者**：张宏江"), "{md}");
    assert!(md.contains("- **来源**：钛媒体"), "{md}");
    assert!(!md.contains("**作者**") || !f.talk.author.is_empty());

    // One section per card, in order, then the tag index, then the orphaned notes.
    let got: Vec<String> = headings(&md)
        .into_iter()
        .filter(|(level, _)| *level == HeadingLevel::H2)
        .map(|(_, text)| text)
        .collect();
    let mut want = card_headings(&f.talk, &f.notes);
    assert_eq!(want.len(), f.talk.cards.len() - 1);
    want.push("标签索引".into());
    want.push("未归位的笔记".into());
    assert_eq!(got, want);
    assert_eq!(headings(&md)[0], (HeadingLevel::H1, f.talk.title.clone()));
    assert!(got.contains(&"1. Scaling Law(规模效应)还有效吗?".to_owned()));

    // Key points verbatim, as bullets under their card.
    assert_eq!(f.talk.cards[0].kind, CardKind::Title);
    assert!(f.talk.cards[0].key_points.is_empty());
    let sections = sections(&md);
    for (i, card) in f.talk.cards.iter().enumerate().skip(1) {
        let (_, body) = sections[i - 1];
        if card.key_points.is_empty() {
            assert!(!body.contains("**要点**"));
        } else {
            assert!(body.starts_with("\n**要点**\n\n"), "{body}");
        }
        for point in &card.key_points {
            assert!(body.contains(&format!("\n- {point}\n")), "{point}");
        }
    }

    // Notes under their card, multi-line notes kept line by line, tags after.
    let obs1 = f.talk.card_index("obs-1").unwrap() - 1;
    let (_, body) = sections[obs1];
    assert!(body.contains(
        "\n**我的笔记**\n\n推理阶段的 Scaling Law 才刚开始。\\\n第二行:o1 的“慢思考”\\\n标签：#推理、#Scaling\n\n预训练放缓不等于 Scaling Law 失效\n"
    ), "{body}");
    let paras = paragraphs(&md);
    assert!(
        paras.contains(
            &"推理阶段的 Scaling Law 才刚开始。\n第二行:o1 的“慢思考”\n标签：#推理、#Scaling"
                .to_owned()
        )
    );
    // The empty note adds nothing.
    let obs2 = f.talk.card_index("obs-2").unwrap() - 1;
    assert!(!sections[obs2].1.contains("我的笔记"));
    let closing = f.talk.card_index("closing").unwrap() - 1;
    assert!(
        sections[closing]
            .1
            .contains("\nAGI 奇点?再想想。\\\n标签：#推理、#AGI\n")
    );

    // The tag index: tags sorted, "AGI" and "agi" one tag, links to the sections.
    let (head, index) = sections[f.talk.cards.len() - 1];
    assert_eq!(head, "## 标签索引");
    assert_eq!(
        index.trim(),
        "- #AGI：[结语](#结语)、[未归位的笔记](#未归位的笔记)\n\
         - #Scaling：[1. Scaling Law(规模效应)还有效吗?](#1-scaling-law规模效应还有效吗)\n\
         - #推理：[1. Scaling Law(规模效应)还有效吗?](#1-scaling-law规模效应还有效吗)、[结语](#结语)"
    );

    // The orphaned note, last, under its card id.
    let (head, orphans) = sections.last().unwrap();
    assert_eq!(*head, "## 未归位的笔记");
    assert!(orphans.contains("**卡片 `obs-42`**\n\n这张卡片在新版本里没有了\\\n标签：#agi\n"));
    assert!(md.ends_with("标签：#agi\n"));
    let _ = (f.first, f.second, f.closing, f.orphan);
}

#[test]
fn english_labels_and_anchor_links_resolve() {
    let f = fixture();
    let md = markdown(&f.talk, &f.notes, &RecapOptions::default());
    assert!(md.contains("\n- **Speaker**: 张宏江\n"));
    assert!(md.contains("\n**Key points**\n"));
    assert!(md.contains("\n**My notes**\n"));
    assert!(md.contains("\\\nTags: #推理, #Scaling\n"));
    assert!(md.contains("\n## Tag index\n"));
    assert!(md.contains("\n## Orphaned notes\n"));
    // Every link goes to a heading's anchor.
    let mut slugger = Slugger::default();
    let anchors: Vec<String> = headings(&md).iter().map(|(_, t)| slugger.slug(t)).collect();
    let mut links = 0;
    for event in parse(&md) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let anchor = dest_url.strip_prefix('#').expect("an anchor link");
            assert!(
                anchors.iter().any(|a| a == anchor),
                "{anchor} not in {anchors:?}"
            );
            links += 1;
        }
    }
    assert_eq!(links, 5);
}

#[test]
fn without_orphans_or_tags_there_is_no_such_section() {
    let talk = seed();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    notes.add("opening", "没有标签的笔记", NOW);
    let md = markdown(&talk, &notes, &RecapOptions::default());
    assert!(!md.contains("Tag index"));
    assert!(!md.contains("Orphaned"));
    let md = markdown(&talk, &NotesDoc::default(), &RecapOptions::default());
    assert!(!md.contains("My notes"));
    assert_eq!(
        headings(&md).len(),
        talk.cards.len(),
        "the title, and every card but the title card"
    );
}

#[test]
fn skip_cards_without_notes() {
    let f = fixture();
    let options = RecapOptions {
        skip_cards_without_notes: true,
        language: Lang::Zh,
        rehearsal_times: false,
    };
    let md = markdown(&f.talk, &f.notes, &options);
    let got: Vec<String> = headings(&md).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        got,
        [
            f.talk.title.as_str(),
            "1. Scaling Law(规模效应)还有效吗?",
            "结语",
            "标签索引",
            "未归位的笔记"
        ]
    );
    assert!(md.contains("- **演讲者**：张宏江"));
    // Nothing at all: the title and metadata stay.
    let md = markdown(&f.talk, &NotesDoc::default(), &options);
    assert_eq!(headings(&md).len(), 1);
    assert!(md.starts_with(&format!("# {}\n\n- **演讲者**：张宏江\n", f.talk.title)));
    // The deck skips them too.
    let deck = marp_deck(&f.talk, &f.notes, &options);
    assert_eq!(deck.matches("\n# ").count(), 3, "two cards and the orphans");
}

#[test]
fn structure_characters_in_notes_are_escaped() {
    let talk = seed();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let text = "# 不是标题\n> 不是引用\n- 不是列表\n* 也不是\n+ 也不是\n1. 不是编号\n2) 也不是\n---\n===\n```\n~~~\n<div>藏起来?</div>\n[x]: https://example.com\n| a | b |\n|---|---|\n$$\n    不是代码\n路径 C:\\\n<!-- 不是注释\n结尾 a <b> c";
    notes.add("opening", text, NOW);
    let md = markdown(&talk, &notes, &RecapOptions::default());
    let section = md.split("\n## ").find(|s| s.starts_with("开场")).unwrap();
    assert!(section.contains("\n\\# 不是标题\\\n\\> 不是引用\\\n\\- 不是列表\\\n"));
    assert!(section.contains("\\\n1\\. 不是编号\\\n2\\) 也不是\\\n\\---\\\n\\===\\\n"));
    assert!(section.contains("\\\n\u{a0}\u{a0}\u{a0}\u{a0}不是代码\\\n路径 C:\\\\\\\n"));
    // Rendered, it is one paragraph holding exactly the text (indentation as no-break
    // spaces), and no other structure.
    let expected = text.replace("    ", "\u{a0}\u{a0}\u{a0}\u{a0}");
    assert!(paragraphs(&md).contains(&expected), "{section}");
    let events = parse(&md);
    assert!(!events.iter().any(|e| matches!(
        e,
        Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_))
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Rule
            | Event::DisplayMath(_)
    )));
    assert_eq!(headings(&md).len(), talk.cards.len());
}

#[test]
fn talk_text_is_escaped_in_headings_and_key_points() {
    let mut talk = seed();
    talk.cards[2].title = "C# 与 *强调* [链接](x) <b> 结尾 #".into();
    talk.cards[2].key_points = vec!["1. 不是编号 `代码` ~删除~ $x$".into(), "# 标题".into()];
    let md = markdown(&talk, &NotesDoc::default(), &RecapOptions::default());
    let h = headings(&md);
    assert_eq!(h[2].1, "1. C# 与 *强调* [链接](x) <b> 结尾 #");
    let items: Vec<String> = {
        let mut items = Vec::new();
        let mut current: Option<String> = None;
        for event in parse(&md) {
            match event {
                Event::Start(Tag::Item) => current = Some(String::new()),
                Event::End(TagEnd::Item) => items.extend(current.take()),
                Event::Text(t) => {
                    if let Some(c) = &mut current {
                        c.push_str(&t)
                    }
                }
                _ => {}
            }
        }
        items
    };
    assert!(
        items.contains(&"1. 不是编号 `代码` ~删除~ $x$".to_owned()),
        "{items:?}"
    );
    assert!(items.contains(&"# 标题".to_owned()));
}

#[test]
fn highlights_render_as_block_quotes() {
    let f = fixture();
    let quote_of = |note: &Note| {
        (note.id == f.second).then(|| "即使在pre-training(预训练)有放缓趋势\n# 第二行".to_owned())
    };
    let placed = Placed::new(&f.talk, &f.notes, None);
    let md = markdown_with(&f.talk, &placed, &RecapOptions::default(), quote_of);
    assert!(md.contains(
        "\n> 即使在pre-training(预训练)有放缓趋势\\\n> \\# 第二行\n\n预训练放缓不等于 Scaling Law 失效\n"
    ), "{md}");
    let mut in_quote = false;
    let mut quoted = String::new();
    for event in parse(&md) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => in_quote = true,
            Event::End(TagEnd::BlockQuote(_)) => in_quote = false,
            Event::Text(t) if in_quote => quoted.push_str(&t),
            Event::HardBreak if in_quote => quoted.push('\n'),
            _ => {}
        }
    }
    assert_eq!(quoted, "即使在pre-training(预训练)有放缓趋势\n# 第二行");
    // A quote alone (no text) still makes the card count as having notes.
    let mut notes = NotesDoc::new("", "");
    let id = notes.add("obs-3", "", NOW);
    let options = RecapOptions {
        skip_cards_without_notes: true,
        ..RecapOptions::default()
    };
    let placed = Placed::new(&f.talk, &notes, None);
    let md = markdown_with(&f.talk, &placed, &options, |n| {
        (n.id == id).then(|| "引用".to_owned())
    });
    assert_eq!(headings(&md).len(), 2);
    assert!(md.ends_with("\n> 引用\n"));
    let deck = deck_with(DeckFormat::Marp, &f.talk, &placed, &options, |n| {
        (n.id == id).then(|| "引用".to_owned())
    });
    assert!(deck.contains("<!--\nMy notes\n\n> 引用\n-->"), "{deck}");
}

fn separators(deck: &str) -> usize {
    deck.lines().filter(|l| *l == "---").count()
}

#[test]
fn deck_has_front_matter_one_slide_per_card_and_speaker_notes() {
    let f = fixture();
    let mut notes = f.notes.clone();
    notes.cards.remove("obs-42");
    let deck = marp_deck(&f.talk, &notes, &zh());
    let n = f.talk.cards.len();
    // The speaker is Marp's `author`; a Chinese talk says its language for its glyphs.
    assert!(
        deck.starts_with(&format!(
            "---\nmarp: true\ntitle: \"{}\"\nauthor: \"{}\"\nlang: zh-CN\n---\n\n# ",
            f.talk.title, f.talk.speaker
        )),
        "{}",
        &deck[..200.min(deck.len())]
    );
    assert_eq!(separators(&deck), n + 1);
    assert_eq!(
        deck.matches("\n---\n").count(),
        n + 1 - 1,
        "the first is at the start"
    );
    let slides: Vec<&str> = deck.split("\n---\n").skip(2).collect();
    assert_eq!(slides.len(), n - 1);
    let first = deck.split("\n---\n").nth(1).unwrap();
    assert!(first.contains(&format!("# {}\n", f.talk.title)));
    assert!(first.contains("张宏江 · 北京智源"), "{first}");
    let obs1 = f.talk.card_index("obs-1").unwrap();
    let slide = slides[obs1 - 1];
    assert!(
        slide.starts_with("\n# 1. Scaling Law(规模效应)还有效吗?\n\n- "),
        "{slide}"
    );
    for point in &f.talk.cards[obs1].key_points {
        assert!(slide.contains(&format!("\n- {point}\n")));
    }
    assert!(slide.ends_with(
        "<!--\n我的笔记\n\n推理阶段的 Scaling Law 才刚开始。\n第二行:o1 的“慢思考”\n标签：#推理、#Scaling\n\n预训练放缓不等于 Scaling Law 失效\n-->\n"
    ), "{slide}");
    // Only cards with notes have speaker notes.
    assert_eq!(deck.matches("<!--").count(), 2);

    // Orphaned notes get a last slide.
    let deck = marp_deck(&f.talk, &f.notes, &zh());
    assert_eq!(separators(&deck), n + 2);
    assert!(deck.ends_with(
        "# 未归位的笔记\n\n<!--\n我的笔记\n\n这张卡片在新版本里没有了\n标签：#agi\n-->\n"
    ));
}

#[test]
fn deck_neutralises_comment_ends_and_separators_in_notes() {
    let talk = seed();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    notes.add("opening", "a --> b --!> c ---> d\n---\n-->", NOW);
    notes.add("opening", "theme: gaia\npaginate: true", NOW);
    let deck = marp_deck(&talk, &notes, &RecapOptions::default());
    assert_eq!(separators(&deck), talk.cards.len() + 1);
    let start = deck.find("<!--\n").unwrap() + 5;
    let end = start + deck[start..].find("\n-->").unwrap();
    let body = &deck[start..end];
    assert!(!body.contains("-->") && !body.contains("--!>"), "{body}");
    assert_eq!(
        body,
        "My notes\n\na -- > b --! > c --- > d\n ---\n-- >\n\ntheme: gaia\npaginate: true"
    );
    // The comment is one HTML block that ends where the deck ends it.
    let html: String = parse(&deck)
        .into_iter()
        .filter_map(|e| match e {
            Event::Html(h) => Some(h.into_string()),
            _ => None,
        })
        .collect();
    assert!(
        html.starts_with("<!--\nMy notes") && html.ends_with("\n-->\n"),
        "{html}"
    );
}

#[test]
fn deck_title_is_a_safe_yaml_string() {
    let mut talk = seed();
    talk.title = "A \"quoted\": title \\ with\nnewline".into();
    let deck = marp_deck(&talk, &NotesDoc::default(), &RecapOptions::default());
    assert!(
        deck.starts_with("---\nmarp: true\ntitle: \"A \\\"quoted\\\": title \\\\ with newline\"\n")
    );
}

#[test]
fn slugs_follow_github() {
    let mut s = Slugger::default();
    assert_eq!(
        s.slug("1. Scaling Law(规模效应)还有效吗?"),
        "1-scaling-law规模效应还有效吗"
    );
    assert_eq!(s.slug("Hello, World!"), "hello-world");
    assert_eq!(s.slug("Hello World"), "hello-world-1");
    assert_eq!(s.slug("Hello World"), "hello-world-2");
    assert_eq!(s.slug("hello-world-1"), "hello-world-1-1");
    assert_eq!(
        s.slug("大模型的未来:自主智能的世界"),
        "大模型的未来自主智能的世界"
    );
    assert_eq!(s.slug("snake_case & C++"), "snake_case--c");
}

#[test]
fn untitled_talk_and_cards() {
    let mut talk = seed();
    talk.title = String::new();
    talk.speaker = String::new();
    talk.role = String::new();
    talk.event = String::new();
    talk.date = String::new();
    talk.source = String::new();
    talk.author = String::new();
    talk.cards[1].title = String::new();
    talk.cards[2].title = " ".into();
    let md = markdown(&talk, &NotesDoc::default(), &zh());
    assert!(md.starts_with("# 无标题演讲\n\n## "));
    let h: Vec<String> = headings(&md).into_iter().map(|(_, t)| t).collect();
    assert_eq!(h[1], "卡片 2");
    assert_eq!(h[2], "1.");
}

/// Lines that Markdown reads as structure, and text that follows them.
fn tricky_note() -> impl Strategy<Value = String> {
    let starts = prop::sample::select(vec![
        "", "#", "# ", "## ", ">", "> ", "- ", "-", "+ ", "* ", "1. ", "12) ", "---", "***", "___",
        "===", "```", "~~~", "<div>", "<!--", "</p>", "<?x", "[x]: /u", "[^1]: ", "|", ": ", "$$",
        "    ", "  ", "\t", " - ", "1.", "99999.",
    ]);
    let body = "[a中 #>.)</:!=-]{0,8}\\\\?";
    let line = (starts, body).prop_map(|(s, b)| format!("{s}{b}"));
    prop::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
}

/// What the user sees of a note: its paragraphs, each line's trailing spaces dropped and
/// leading indentation as no-break spaces.
fn expected_paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            out.push(Vec::new());
            continue;
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent: String = line[..line.len() - body.len()]
            .chars()
            .map(|c| {
                if c == '\t' {
                    "\u{a0}".repeat(4)
                } else {
                    "\u{a0}".into()
                }
            })
            .collect();
        out.last_mut().unwrap().push(format!("{indent}{body}"));
    }
    out.into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_note_renders_as_its_own_text(text in tricky_note()) {
        let talk = seed();
        let mut notes = NotesDoc::new("", "");
        notes.add("opening", &text, NOW);
        let md = markdown(&talk, &notes, &RecapOptions::default());
        // No structure beyond the recap's own.
        prop_assert_eq!(headings(&md).len(), talk.cards.len());
        let events = parse(&md);
        let structure = events.iter().any(|e| matches!(
            e,
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)
                | Tag::FootnoteDefinition(_))
                | Event::Html(_) | Event::InlineHtml(_) | Event::Rule | Event::DisplayMath(_)
        ));
        prop_assert!(!structure, "{}", md);
        let lists = events.iter().filter(|e| matches!(e, Event::Start(Tag::List(_)))).count();
        let with_points = talk.cards.iter().filter(|c| !c.key_points.is_empty()).count();
        // The metadata is a list too.
        prop_assert_eq!(lists, with_points + 1);
        // The note's paragraphs, exactly.
        let paras = paragraphs(&md);
        for want in expected_paragraphs(&text) {
            prop_assert!(paras.contains(&want), "{:?} not in\n{}", want, md);
        }
    }

    #[test]
    fn reveal_splits_each_slide_once(
        text in tricky_note(),
        extra in prop::sample::select(vec!["", "\nNote: x", "\nnotes:", "\nsNOTE:", "\n---"]),
    ) {
        let talk = seed();
        let mut notes = NotesDoc::new("", "");
        notes.add("obs-1", &format!("{text}{extra}"), NOW);
        let deck = reveal_deck(&talk, &notes, &RecapOptions::default());
        // reveal.js's own rules: slides at `\n---\n`, notes at `^s*notes?:`, any case.
        let slides: Vec<&str> = deck.split("\n---\n").collect();
        prop_assert_eq!(slides.len(), talk.cards.len(), "{}", deck);
        for slide in slides {
            let starts = slide
                .lines()
                .filter(|l| {
                    let l = l.trim_start_matches(['s', 'S']).to_lowercase();
                    l.starts_with("note:") || l.starts_with("notes:")
                })
                .count();
            prop_assert!(starts <= 1, "{}", slide);
        }
    }

    #[test]
    fn deck_comments_always_hold(text in tricky_note(), extra in "[->!\n]{0,12}") {
        let talk = seed();
        let mut notes = NotesDoc::new("", "");
        notes.add("obs-1", &format!("{text}{extra}"), NOW);
        let deck = marp_deck(&talk, &notes, &RecapOptions::default());
        prop_assert_eq!(separators(&deck), talk.cards.len() + 1);
        if format!("{text}{extra}").trim().is_empty() {
            prop_assert!(!deck.contains("<!--"));
            return Ok(());
        }
        let start = deck.find("<!--\n").unwrap() + 5;
        let end = start + deck[start..].find("\n-->\n").unwrap();
        let body = &deck[start..end];
        prop_assert!(!body.contains("-->") && !body.contains("--!>"));
        prop_assert!(!deck[end + 5..].contains("<!--"));
    }
}

// ---------------------------------------------------------------------------------------
// The command line's recap: a snapshot of the files, written atomically
// ---------------------------------------------------------------------------------------

/// What `talkdeck recap` does: the snapshot of the files, rendered as the recap or the
/// deck, written over `out`.
fn run_recap(
    talk: &Path,
    notes: Option<&Path>,
    out: Option<&Path>,
    deck: Option<DeckFormat>,
    options: &RecapOptions,
) -> Result<(), String> {
    let snapshot = crate::export::Snapshot::from_files(talk, notes, *options)?;
    let format = match deck {
        None => crate::export::Format::Recap,
        Some(DeckFormat::Marp) => crate::export::Format::Marp,
        Some(DeckFormat::Reveal) => crate::export::Format::Reveal,
    };
    let out = out.expect("these tests write a file");
    crate::export::write_atomically(out, &snapshot.render(format))
}

fn write_seed(dir: &Path) -> (PathBuf, PathBuf, Fixture) {
    let talk_path = dir.join("talk.txt");
    fs::write(&talk_path, crate::SEED_TALK).unwrap();
    let f = fixture();
    let notes_path = dir.join("talk.notes.json");
    notes::save(&notes_path, &f.notes).unwrap();
    (talk_path, notes_path, f)
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.contains("notes"))
        .collect();
    names.sort();
    names
}

#[test]
fn run_recap_writes_the_recap_and_the_deck() {
    let dir = tempfile::tempdir().unwrap();
    let (talk_path, notes_path, f) = write_seed(dir.path());
    let out = dir.path().join("recap.md");
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap();
    let written = fs::read_to_string(&out).unwrap();
    let talk = crate::talk::read_talk(&talk_path).unwrap();
    let loaded = notes::load(&notes_path).unwrap();
    assert_eq!(written, markdown(&talk, &loaded, &RecapOptions::default()));
    assert!(written.contains("推理阶段的 Scaling Law 才刚开始。"));
    assert!(written.contains("## Orphaned notes"));
    assert_eq!(talk, f.talk);

    // Replaced in place, nothing left behind; the deck this time.
    let deck = dir.path().join("deck.md");
    fs::write(&deck, "old").unwrap();
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&deck),
        Some(DeckFormat::Marp),
        &RecapOptions::default(),
    )
    .unwrap();
    let written = fs::read_to_string(&deck).unwrap();
    assert!(written.starts_with("---\nmarp: true\n"));
    assert!(written.contains("<!--\nMy notes\n"));
    assert_eq!(dir_names(dir.path()), ["deck.md", "recap.md", "talk.txt"]);

    // Chinese, through the options.
    let options = RecapOptions {
        language: Lang::Zh,
        skip_cards_without_notes: true,
        rehearsal_times: false,
    };
    run_recap(&talk_path, Some(&notes_path), Some(&out), None, &options).unwrap();
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        markdown(&talk, &loaded, &options)
    );

    // Without notes: the deck alone.
    run_recap(&talk_path, None, Some(&out), None, &RecapOptions::default()).unwrap();
    let written = fs::read_to_string(&out).unwrap();
    assert!(!written.contains("My notes") && written.contains("## 1. Scaling Law"));
}

#[cfg(unix)]
#[test]
fn run_recap_keeps_the_mode_of_a_replaced_file_and_makes_new_ones_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (talk_path, notes_path, _) = write_seed(dir.path());
    let out = dir.path().join("new.md");
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap();
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    let plain = dir.path().join("plain.md");
    fs::write(&plain, "").unwrap();
    let plain_mode = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, plain_mode,
        "like a plain new file, not tempfile's private 0600"
    );
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&out),
        Some(DeckFormat::Marp),
        &RecapOptions::default(),
    )
    .unwrap();
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // A symlink is followed, not replaced.
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&link),
        None,
        &RecapOptions::default(),
    )
    .unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&out).unwrap().starts_with("# "));
}

#[test]
fn run_recap_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (talk_path, notes_path, _) = write_seed(dir.path());
    let out = dir.path().join("recap.md");

    let missing = dir.path().join("missing.notes.json");
    let err = run_recap(
        &talk_path,
        Some(&missing),
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap_err();
    assert!(err.contains("missing.notes.json"), "{err}");
    assert!(!out.exists());

    let err = run_recap(
        &dir.path().join("nope.txt"),
        None,
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap_err();
    assert!(err.contains("nope.txt"), "{err}");

    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{ not json").unwrap();
    let err = run_recap(
        &talk_path,
        Some(&broken),
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap_err();
    assert!(err.contains("broken.json"), "{err}");

    let nowhere = dir.path().join("no-such-folder").join("recap.md");
    let err = run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&nowhere),
        None,
        &RecapOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.contains("recap.md") && err.contains("no-such-folder"),
        "{err}"
    );

    let err = run_recap(
        &talk_path,
        Some(&notes_path),
        Some(dir.path()),
        None,
        &RecapOptions::default(),
    )
    .unwrap_err();
    assert!(err.contains("folder"), "{err}");
    assert!(!out.exists());
}

/// The command line quotes a highlight as the talk says it now, like the window does:
/// the talk file may have been edited since the highlight was made.
#[test]
fn run_recap_quotes_highlights_as_the_edited_talk_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let seed = crate::SEED_TALK;
    let talk = crate::talk::parse_text(seed);
    let card = talk.cards.iter().find(|c| c.id == "obs-4").unwrap();
    let text = crate::anchor::notes_text(card);
    let sentence = "世界模型是一个重要方向";
    let start = text[..text.find(sentence).unwrap()].chars().count();
    let target = crate::anchor::make_anchor(card, start, start + sentence.chars().count()).unwrap();
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    doc.add_highlight(target, time::OffsetDateTime::UNIX_EPOCH);
    let notes_path = dir.path().join("talk.notes.json");
    notes::save(&notes_path, &doc).unwrap();

    let talk_path = dir.path().join("talk.txt");
    fs::write(
        &talk_path,
        seed.replace(sentence, "世界模型是一个重要的方向"),
    )
    .unwrap();
    let out = dir.path().join("recap.md");
    run_recap(
        &talk_path,
        Some(&notes_path),
        Some(&out),
        None,
        &RecapOptions::default(),
    )
    .unwrap();
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("> 世界模型是一个重要的方向"), "{written}");
    assert!(!written.contains(&format!("> {sentence}")));
}

// ---------------------------------------------------------------------------------------
// A deck's slides through the Marp export and back
// ---------------------------------------------------------------------------------------

fn deck_fixture(name: &str) -> Talk {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/talks")
        .join(name);
    crate::talk::read_talk(&path).unwrap()
}

/// (title, body, speaker notes) of every card.
fn slides(talk: &Talk) -> Vec<(String, String, Vec<String>)> {
    talk.cards
        .iter()
        .map(|c| (c.title.clone(), c.body.clone(), c.paragraphs.clone()))
        .collect()
}

#[test]
fn an_exported_deck_opens_with_the_same_slides_and_notes() {
    for name in [
        "slidev_en.md",
        "slidev_zh.md",
        "presenterm_notes.md",
        "presenterm_en.md",
        "reveal_lecture.md",
        "reveal_en.md",
        "marp_directives.md",
        "marp_en.md",
        "marp_zh.md",
    ] {
        let talk = deck_fixture(name);
        for format in [DeckFormat::Marp, DeckFormat::Reveal] {
            let deck = deck_with(
                format,
                &talk,
                &Placed::new(&talk, &NotesDoc::default(), None),
                &RecapOptions::default(),
                |_| None,
            );
            let again = crate::talk::parse_markdown(&deck);
            // reveal.js: a `---` code line comes back with the space that kept it code.
            let mut again = slides(&again);
            for (_, body, _) in &mut again {
                *body = body.replace("\n--- \n", "\n---\n");
            }
            assert_eq!(again, slides(&talk), "{name}, {format:?}:\n{deck}");
            let title = crate::talk::parse_markdown(&deck).title;
            assert_eq!(title, talk.title, "{name}, {format:?}");
        }
    }
}

#[test]
fn the_reveal_deck_has_one_notes_line_per_slide_and_no_front_matter() {
    let mut talk = deck_fixture("slidev_en.md");
    // Lines that reveal.js would also take for the start of the notes.
    talk.cards[1].paragraphs = vec!["Note: ask first.".into(), "notes:".into()];
    talk.cards[1].body.push_str("\n\nNOTE: on the slide\n");
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    notes.add(
        "slide-2",
        "Notes: mention the flaky test.\n---\n# not a heading",
        OffsetDateTime::now_utc(),
    );
    let deck = reveal_deck(&talk, &notes, &RecapOptions::default());
    assert!(deck.starts_with("# "), "{deck}");
    // reveal.js splits slides at `---` lines and a slide at `^s*notes?:` (any case).
    let pieces: Vec<&str> = deck.split("\n---\n").collect();
    assert_eq!(pieces.len(), talk.cards.len(), "{deck}");
    for piece in &pieces {
        let starts = piece
            .lines()
            .filter(|l| {
                let l = l.trim_start_matches(['s', 'S']).to_lowercase();
                l.starts_with("note:") || l.starts_with("notes:")
            })
            .count();
        assert!(starts <= 1, "{piece}");
    }
    assert!(pieces[1].contains("\nNote:\n"), "{}", pieces[1]);
    let again = crate::talk::parse_markdown(&deck);
    let card = &again.cards[again.card_index("slide-2").unwrap()];
    assert_eq!(card.title, talk.cards[1].title);
    assert!(card.body.ends_with("NOTE\\: on the slide"), "{}", card.body);
    assert_eq!(
        card.paragraphs,
        [
            "Note: ask first.",
            "notes:",
            "My notes",
            // Markdown notes: the note's lines come back as one paragraph.
            "Notes: mention the flaky test. --- # not a heading"
        ]
    );
}

#[test]
fn the_users_notes_follow_the_presenters_in_the_exported_deck() {
    let talk = deck_fixture("slidev_en.md");
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    notes.add(
        "slide-2",
        "Mention the flaky test.",
        OffsetDateTime::now_utc(),
    );
    let deck = marp_deck(&talk, &notes, &RecapOptions::default());
    let again = crate::talk::parse_markdown(&deck);
    let card = &again.cards[again.card_index("slide-2").unwrap()];
    assert_eq!(card.body, talk.cards[1].body);
    assert_eq!(
        card.paragraphs,
        [
            "Ask the room how long their suite takes.",
            "Then show the chart.",
            "My notes",
            "Mention the flaky test."
        ]
    );
}

#[test]
fn a_note_that_reads_like_a_directive_is_escaped_and_comes_back() {
    let mut talk = deck_fixture("marp_en.md");
    talk.cards[1].paragraphs = vec!["theme: why boring wins".into(), "Second.".into()];
    let deck = marp_deck(&talk, &NotesDoc::default(), &RecapOptions::default());
    assert!(
        deck.contains("<!--\n\\theme: why boring wins\n\nSecond.\n-->"),
        "{deck}"
    );
    let again = crate::talk::parse_markdown(&deck);
    assert_eq!(again.cards[1].paragraphs, talk.cards[1].paragraphs);
    // English talks say no language; Chinese ones do.
    assert!(!deck.contains("lang:"));
    let zh = marp_deck(&deck_fixture("marp_zh.md"), &NotesDoc::default(), &zh());
    assert!(
        zh.starts_with("---\nmarp: true\ntitle: \"从零到一做产品\"\nlang: zh-CN\n---\n"),
        "{zh}"
    );
}

#[test]
fn the_last_runs_times_when_asked() {
    use crate::rehearsal::{CardTime, Run};
    use std::time::Duration;
    let f = fixture();
    let mut notes = f.notes.clone();
    notes.rehearsal.set_planned(Some(Duration::from_secs(1200)));
    let spent = |s| CardTime {
        spent: Duration::from_secs(s),
        visits: 1,
    };
    let run = |s| Run {
        started: NOW,
        planned: Duration::from_secs(1200),
        elapsed: Duration::from_secs(s),
        cards: [("obs-1".to_owned(), spent(s))].into(),
        pauses: Vec::new(),
    };
    notes.rehearsal.add_run(run(30));
    notes.rehearsal.add_run(run(100));
    let budget = crate::rehearsal::budgets(&f.talk.cards, &notes.rehearsal).cards
        [f.talk.cards.iter().position(|c| c.id == "obs-1").unwrap()];
    let budget = crate::rehearsal::clock(budget);

    let plain = markdown(&f.talk, &notes, &zh());
    assert!(!plain.contains("上次排练"), "only when asked");
    let options = RecapOptions {
        rehearsal_times: true,
        ..zh()
    };
    let md = markdown(&f.talk, &notes, &options);
    assert_eq!(
        md.matches("上次排练").count(),
        1,
        "only cards the run showed:\n{md}"
    );
    assert!(
        md.contains(&format!("*上次排练：1:40（预算 {budget}，")),
        "{md}"
    );
    let en = RecapOptions {
        rehearsal_times: true,
        ..RecapOptions::default()
    };
    let md = markdown(&f.talk, &notes, &en);
    assert!(
        md.contains(&format!("*Last rehearsal: 1:40 (budget {budget}, ")),
        "{md}"
    );
}
