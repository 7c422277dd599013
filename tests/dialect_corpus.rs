//! The deck dialects (pandoc, Quarto, remark, Deckset) and the speaker-and-time
//! transcripts (Otter, 飞书妙记, 通义听悟, 腾讯会议, time-first paragraphs, Zoom and
//! Teams voices): every fixture in `tests/fixtures/decks/` and
//! `tests/fixtures/transcripts/` read through the public API, with the deck it must
//! give, and one check over all of them that no markup, setting or timestamp shows.
//!
//! Print them: `cargo test --test dialect_corpus print -- --nocapture`.

use std::path::PathBuf;
use talkdeck::talk::{self, CardKind, Talk};

fn fixture(dir: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
}

fn load(dir: &str, name: &str) -> Talk {
    talk::read_talk(&fixture(dir, name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn names(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture(dir, ""))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn titles(talk: &Talk) -> Vec<&str> {
    talk.cards.iter().map(|c| c.title.as_str()).collect()
}

fn notes(talk: &Talk) -> String {
    talk.cards
        .iter()
        .flat_map(|c| c.paragraphs.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bodies(talk: &Talk) -> String {
    talk.cards
        .iter()
        .map(|c| c.body.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The speakers of every paragraph that is a turn, in order, repeats kept.
fn speakers(talk: &Talk) -> Vec<&str> {
    talk.cards
        .iter()
        .flat_map(|c| (0..c.paragraphs.len()).filter_map(move |i| c.speaker(i)))
        .collect()
}

/// A time written as a transcript or subtitle writes it (`0:00`, `00:07:10`, `[07:10]`).
fn has_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b':'
            && i >= 1
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && b.get(i + 2).is_some_and(u8::is_ascii_digit)
    })
}

fn show(name: &str, talk: &Talk) {
    println!("== {name}: {:?}", talk.title);
    for c in &talk.cards {
        println!("[{}] {:?} {:?} {:?}", c.id, c.kind, c.title, c.time_range());
        for line in c.body.lines() {
            println!("   > {line}");
        }
        for (i, p) in c.paragraphs.iter().enumerate() {
            println!("   | {:?} {p}", c.speaker(i));
        }
    }
}

#[test]
fn print() {
    for dir in ["decks", "transcripts"] {
        for name in names(dir) {
            show(&name, &load(dir, &name));
        }
    }
}

/// No markup of any dialect, no setting, no timestamp in any title, body or notes.
#[test]
fn no_markup_anywhere() {
    const MARKUP: &[&str] = &[
        ":::",
        "???",
        "{data-",
        "{ data-",
        "{.",
        "{#",
        "[.",
        "^ ",
        "class:",
        "name:",
        "layout:",
        "background-image",
        "exclude:",
        "theme:",
        "footer:",
        "slidenumbers",
        "autoscale",
        "[fit]",
        "![left",
        "![fit",
        ". . .",
        "% ",
        "<v ",
        "</v>",
        "-->",
        "Transcribed by",
        "otter.ai",
        ".left-column",
        ".footnote[",
        "文字记录",
        "**",
    ];
    for dir in ["decks", "transcripts"] {
        for name in names(dir) {
            let talk = load(dir, &name);
            assert!(!talk.cards.is_empty(), "{name}");
            for c in &talk.cards {
                assert!(!c.title.trim().is_empty(), "{name}: {} has no title", c.id);
                let mut texts = vec![c.title.as_str(), c.body.as_str()];
                texts.extend(c.paragraphs.iter().map(String::as_str));
                texts.extend(c.key_points.iter().map(String::as_str));
                for text in texts {
                    for m in MARKUP {
                        assert!(!text.contains(m), "{name}: {m:?} shows in {text:?}");
                    }
                    assert!(!has_timestamp(text), "{name}: a time shows in {text:?}");
                    assert!(
                        !text.lines().any(|l| l.trim() == "--"),
                        "{name}: a step mark shows in {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn pandoc_slide_show() {
    let talk = load("decks", "pandoc_en.md");
    assert_eq!(talk.title, "Caching Without Tears");
    assert_eq!(talk.speaker, "Lena Ortiz, Sam Park");
    assert_eq!(talk.date, "March 2025");
    assert_eq!(
        titles(&talk),
        [
            "Caching Without Tears",
            "Why cache",
            "The slow page",
            "Where the time goes",
            "How we cache",
            "Read-through cache",
            "A slide without a title",
            "Thank you"
        ]
    );
    let slow = &talk.cards[2];
    assert_eq!(
        slow.paragraphs,
        ["Start with the number. Ask who has waited for this page."]
    );
    assert_eq!(
        slow.key_points,
        [
            "The product page takes 2.4 seconds",
            "Most of it is three database queries"
        ]
    );
    let split = &talk.cards[3];
    assert!(
        split.body.contains("Queries: 1.9 s\nRendering: 0.5 s"),
        "{}",
        split.body
    );
    assert!(split.body.contains("The queries are the target."));
    let cache = &talk.cards[5];
    assert!(
        cache.body.contains("3. Expire after five minutes"),
        "{}",
        cache.body
    );
    assert!(cache.body.contains("![Cache flow](img/flow.png)"));
    assert_eq!(
        cache.paragraphs,
        ["Mention that writes invalidate the key."]
    );
    assert_eq!(talk.cards.last().unwrap().kind, CardKind::Closing);
}

#[test]
fn pandoc_chinese_with_yaml() {
    let talk = load("decks", "pandoc_zh.md");
    assert_eq!(talk.title, "如何写好技术文档");
    assert_eq!(talk.speaker, "周敏");
    assert_eq!(
        titles(&talk),
        ["如何写好技术文档", "为什么没人读文档", "三个原则", "谢谢"]
    );
    assert_eq!(
        talk.cards[1].paragraphs,
        ["先问大家：上一次读完一篇内部文档是什么时候？"]
    );
    assert_eq!(talk.cards[2].paragraphs, ["第三条最容易被忽略。"]);
    assert!(!bodies(&talk).contains("上一次读完"));
}

#[test]
fn quarto_reveal() {
    let talk = load("decks", "quarto_zh.qmd");
    assert_eq!(talk.title, "数据看板的三个误区");
    assert_eq!(talk.speaker, "陈晓");
    let t = titles(&talk);
    assert_eq!(t.len(), 6, "{t:?}");
    assert_eq!(
        [t[1], t[2], t[4], t[5]],
        [
            "误区一：指标越多越好",
            "误区二：只看平均值",
            "误区三：看板没有负责人",
            "谢谢"
        ]
    );
    // The picture-only slide: its title is its own words, its note kept.
    assert_eq!(talk.cards[3].paragraphs, ["这一页只有一张图，停顿一下。"]);
    assert_eq!(
        talk.cards[1].paragraphs,
        ["这里举销售部的例子，他们的看板有四十个数字。"]
    );
    assert!(talk.cards[2].body.contains("- 平均响应时间很好看"));
    assert!(talk.cards[2].body.contains("数据来自二〇二四年第三季度。"));
    assert!(talk.cards[4].body.contains("没有负责人的看板"));
}

#[test]
fn remark_deck() {
    let talk = load("decks", "remark_en.md");
    assert_eq!(
        titles(&talk),
        [
            "Incident Reviews That Help",
            "Agenda",
            "Why reviews fail",
            "A better template",
            "Thank you"
        ]
    );
    // Steps are one slide; notes are notes; the layout's footer is no slide.
    let agenda = &talk.cards[1];
    assert_eq!(
        agenda.key_points,
        [
            "Why reviews fail",
            "A better template",
            "Running the meeting"
        ]
    );
    assert_eq!(agenda.paragraphs, ["Keep this slide short."]);
    assert_eq!(
        talk.cards[0].paragraphs,
        ["Introduce yourself briefly. Ask how many people wrote a review last month."]
    );
    assert!(
        talk.cards[2]
            .key_points
            .contains(&"Nobody reads them".to_string())
    );
    assert!(
        talk.cards[3]
            .body
            .contains("Adapted from the team's own template.")
    );
    let all = format!("{}{}", bodies(&talk), notes(&talk));
    assert!(!all.contains("Ops Week"), "the template's footer shows");
    assert!(!all.contains("old slide"), "an excluded slide shows");
}

#[test]
fn remark_chinese() {
    let talk = load("decks", "remark_zh.md");
    assert_eq!(
        titles(&talk),
        ["代码评审的五个习惯", "习惯一：小步提交", "谢谢"]
    );
    assert_eq!(
        talk.cards[1].key_points,
        ["每次提交不超过四百行", "一次只做一件事"]
    );
    assert_eq!(
        talk.cards[1].paragraphs,
        ["四百行是我们团队统计出来的经验值。"]
    );
}

#[test]
fn deckset_deck() {
    let talk = load("decks", "deckset_zh.md");
    let t = titles(&talk);
    assert_eq!(t[0], "前端性能的第一课");
    assert_eq!(&t[1..3], ["先测量，再优化", "瀑布图怎么看"]);
    assert_eq!(t.last(), Some(&"谢谢大家"));
    assert_eq!(talk.cards[0].paragraphs, ["先做自我介绍，不超过一分钟。"]);
    assert_eq!(
        talk.cards[1].paragraphs,
        ["强调：没有测量数据之前，任何优化都是猜测。"]
    );
    assert_eq!(
        talk.cards[1].key_points,
        ["打开性能面板", "记录首屏时间", "找出最长的任务"]
    );
    assert!(talk.cards[2].body.contains("![](img/waterfall.png)"));
    let all = format!("{}{}", bodies(&talk), notes(&talk));
    assert!(!all.contains("2025 前端技术沙龙"), "the footer shows");
}

#[test]
fn otter_export() {
    let talk = load("transcripts", "otter_en.txt");
    assert_eq!(talk.title, "otter_en");
    let who = speakers(&talk);
    assert_eq!(who.first(), Some(&"Emma"));
    assert_eq!(who.iter().filter(|s| **s == "Raj Patel").count(), 4);
    assert_eq!(who.len(), 9);
    let first = &talk.cards[0];
    assert_eq!(first.paragraph_starts[0], 0.0);
    assert!(first.paragraphs[0].starts_with("Emma: Welcome back to the show."));
    let last = talk.cards.last().unwrap();
    assert_eq!(*last.paragraph_starts.last().unwrap(), 130.0);
    for t in titles(&talk) {
        assert!(
            !t.is_empty() && !t.starts_with("Emma") && !t.starts_with("Raj"),
            "{t}"
        );
    }
}

#[test]
fn chinese_meeting_exports() {
    let talk = load("transcripts", "feishu_zh.txt");
    assert_eq!(talk.title, "产品周会 2024年5月10日");
    let who = speakers(&talk);
    assert_eq!(who.len(), 8, "{who:?}");
    assert_eq!(&who[..3], ["说话人 1", "说话人 2", "说话人 1"]);
    assert!(notes(&talk).contains("说话人 3：我补充一点"));
    // The export's keywords are no one's words.
    assert!(!notes(&talk).contains("发布节奏、灰度、用户反馈"));

    let talk = load("transcripts", "tingwu_names_zh.txt");
    let who = speakers(&talk);
    // 张三's two blocks in a row are one turn.
    assert_eq!(
        who,
        ["张三", "李四", "张三", "李四", "张三", "李四", "张三"]
    );
    let starts: Vec<f64> = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraph_starts.clone())
        .collect();
    assert_eq!(starts[..3], [5.0, 72.0, 80.0]);

    let talk = load("transcripts", "tencent_zh.txt");
    let who = speakers(&talk);
    assert_eq!(who, ["王芳", "赵磊", "王芳", "赵磊", "王芳"]);
    assert!(notes(&talk).starts_with("王芳：大家好，欢迎参加本次线上培训"));
}

#[test]
fn time_first_paragraphs() {
    let talk = load("transcripts", "timed_paragraphs_en.txt");
    assert_eq!(
        speakers(&talk),
        [
            "Dana Lee",
            "Marco Silva",
            "Dana Lee",
            "Marco Silva",
            "Dana Lee"
        ]
    );
    let starts: Vec<f64> = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraph_starts.clone())
        .collect();
    assert_eq!(starts, [4.0, 62.0, 70.0, 430.0, 445.0]);

    let talk = load("transcripts", "bracket_speakers_en.txt");
    assert_eq!(speakers(&talk), ["Host", "Ana", "Host", "Ana", "Host"]);
    assert!(notes(&talk).contains(
        "Ana: We put small radio tags inside painted stones and look for them after the flood. Some stones travel two kilometres."
    ));
}

#[test]
fn a_transcript_published_in_markdown() {
    let talk = load("transcripts", "podcast_page.md");
    assert_eq!(speakers(&talk), ["Mia", "Jonas", "Mia", "Jonas", "Mia"]);
    let starts: Vec<f64> = talk
        .cards
        .iter()
        .flat_map(|c| c.paragraph_starts.clone())
        .collect();
    assert_eq!(starts, [0.0, 9.0, 14.0, 19.0, 62.0]);
    assert!(notes(&talk).starts_with("Mia: Welcome to Quiet Hours"));
}

#[test]
fn vtt_voices_are_speaker_turns() {
    let talk = load("transcripts", "zoom_voices.vtt");
    assert_eq!(
        speakers(&talk),
        ["Priya Shah", "Tom Becker", "Priya Shah", "Tom Becker"]
    );
    assert!(notes(&talk).contains(
        "Tom Becker: I would rather keep February. The marketing plan is already booked and the partners expect it."
    ));
}
