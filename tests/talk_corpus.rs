//! The talk corpus: every fixture in `tests/fixtures/talks/` parsed through the public
//! API (`read_talk` picks the Markdown parser for `.md`), with the deck it must give.
//!
//! Print every fixture's deck: `cargo test --test talk_corpus print_corpus -- --nocapture`.

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use talkdeck::talk::{self, CardKind, KeywordExtractor, Talk};

use CardKind::{Closing, Observation, Opening, Title};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/talks")
        .join(name)
}

fn load(name: &str) -> Talk {
    talk::read_talk(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (id, kind, number, title) of every card.
fn deck(talk: &Talk) -> Vec<(&str, CardKind, Option<u32>, &str)> {
    talk.cards
        .iter()
        .map(|c| (c.id.as_str(), c.kind, c.number, c.title.as_str()))
        .collect()
}

/// Everything of the talk that a user can see.
fn visible_text(talk: &Talk) -> String {
    let mut out = vec![
        talk.title.clone(),
        talk.speaker.clone(),
        talk.role.clone(),
        talk.event.clone(),
        talk.date.clone(),
        talk.source.clone(),
        talk.author.clone(),
    ];
    for c in &talk.cards {
        out.push(c.title.clone());
        out.extend(c.key_points.iter().cloned());
        out.push(c.body.clone());
        out.extend(c.paragraphs.iter().cloned());
    }
    out.join("\n")
}

fn assert_absent(name: &str, talk: &Talk, words: &[&str]) {
    let text = visible_text(talk);
    for w in words {
        assert!(
            !text.contains(w),
            "{name}: {w:?} shows in the deck:\n{text}"
        );
    }
}

fn card<'a>(talk: &'a Talk, id: &str) -> &'a talk::Card {
    &talk.cards[talk
        .card_index(id)
        .unwrap_or_else(|| panic!("no card {id}: {:?}", deck(talk)))]
}

fn assert_unique_ids(name: &str, talk: &Talk) {
    let mut ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "{name}: duplicate card ids");
}

/// The talk files among the fixtures (`img/` holds the pictures decks show).
fn fixture_names() -> Vec<String> {
    std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// A body without its fenced code blocks.
fn outside_code(body: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn print_deck(name: &str, talk: &Talk) {
    println!("== {name}");
    println!(
        "title={:?} speaker={:?} event={:?} date={:?}",
        talk.title, talk.speaker, talk.event, talk.date
    );
    for c in &talk.cards {
        println!("[{}] {:?} {:?} {:?}", c.id, c.kind, c.number, c.title);
        for k in &c.key_points {
            println!("   * {k}");
        }
        for line in c.body.lines() {
            println!("   > {line}");
        }
        for p in &c.paragraphs {
            println!("   | {p}");
        }
    }
}

#[test]
fn print_corpus() {
    let mut names = fixture_names();
    names.sort();
    for name in names {
        print_deck(&name, &load(&name));
    }
}

#[test]
fn every_fixture_loads_with_unique_ids() {
    for name in fixture_names() {
        let talk = load(&name);
        assert!(!talk.cards.is_empty(), "{name}");
        assert_unique_ids(&name, &talk);
        // Comments show nowhere, except as text of a code block.
        let mut shown = talk.clone();
        for c in &mut shown.cards {
            c.body = outside_code(&c.body);
        }
        assert_absent(&name, &shown, &["<!--", "-->"]);
    }
}

// ---------------------------------------------------------------------------------
// Markdown decks.

#[test]
fn reveal_js_english() {
    let talk = load("reveal_en.md");
    assert_eq!(talk.title, "Why Rust Works");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Why Rust Works"),
            (
                "obs-1",
                Observation,
                Some(1),
                "Ownership makes resources explicit"
            ),
            ("obs-2", Observation, Some(2), "The compiler is a reviewer"),
            ("obs-3", Observation, Some(3), "The ecosystem is consistent"),
            ("closing", Closing, None, "Conclusion"),
        ]
    );
    assert_eq!(card(&talk, "title").body, "Jane Doe · RustConf 2024");
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["Welcome everyone. Introduce myself briefly."]
    );
    let obs1 = card(&talk, "obs-1");
    assert_eq!(
        obs1.key_points,
        [
            "Every value has exactly one owner",
            "Cleanup becomes predictable"
        ]
    );
    assert_eq!(
        obs1.body,
        "- Every value has exactly one owner\n- Cleanup becomes **predictable**\n\nOwnership is the idea behind everything else in the language."
    );
    assert_eq!(
        obs1.paragraphs,
        [
            "Tell the story of the file handle leak we had in production.",
            "It took three weeks to find.",
        ]
    );
    let obs2 = card(&talk, "obs-2");
    assert_eq!(
        obs2.key_points,
        [
            "Whole classes of bugs never reach code review",
            "Reviews talk about design instead"
        ]
    );
    assert_eq!(
        obs2.paragraphs,
        ["The borrow checker is strict, and that is the point."]
    );
    let obs3 = card(&talk, "obs-3");
    assert_eq!(
        obs3.key_points,
        [
            "Cargo gives every project the same layout",
            "Tests live next to the code"
        ]
    );
    assert!(
        obs3.body
            .contains("```rust\nfn main() {\n    println!(\"hello from a code block\");\n}\n```"),
        "{}",
        obs3.body
    );
    assert!(obs3.paragraphs.is_empty());
    assert_eq!(
        card(&talk, "closing").paragraphs,
        ["Thank everyone and open the floor for questions."]
    );
    assert_absent(
        "reveal_en.md",
        &talk,
        &["Note:", "Notes:", "data-background", ".slide", "---"],
    );
}

#[test]
fn reveal_js_chinese() {
    let talk = load("reveal_zh.md");
    assert_eq!(talk.title, "大模型时代的三个观察");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "大模型时代的三个观察"),
            ("obs-1", Observation, Some(1), "Scaling Law 依然有效"),
            ("obs-2", Observation, Some(2), "AI 操作系统正在形成"),
            ("obs-3", Observation, Some(3), "多模态是通往 AGI 的路径"),
            ("closing", Closing, None, "结语"),
        ]
    );
    let obs1 = card(&talk, "obs-1");
    assert_eq!(
        obs1.key_points,
        ["算力和数据仍在增长", "模型能力随规模持续提升"]
    );
    // Hard-wrapped Chinese lines join without a space.
    assert_eq!(
        obs1.paragraphs,
        ["这里讲一下过去两年的数据，强调规模效应并没有放缓。"]
    );
    assert_eq!(obs1.body, "- 算力和数据仍在增长\n- 模型能力随规模持续提升");
    assert_eq!(
        card(&talk, "obs-2").paragraphs,
        ["举个例子：手机操作系统出现之后，整个应用生态都变了。"]
    );
    // Slide text is the body, not speaker notes.
    assert_eq!(card(&talk, "closing").body, "谢谢大家！");
    assert!(card(&talk, "closing").paragraphs.is_empty());
    assert_absent("reveal_zh.md", &talk, &["Note:", "Notes:"]);
}

#[test]
fn marp_english() {
    let talk = load("marp_en.md");
    assert_eq!(talk.title, "Shipping Small");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Shipping Small"),
            ("slide-2", Observation, None, "Small batches"),
            ("slide-3", Observation, None, "Feature flags"),
            ("closing", Closing, None, "Summary"),
        ]
    );
    assert_eq!(
        card(&talk, "title").body,
        "### How we release forty times a day"
    );
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["Welcome! Start with the story of the Friday deploy freeze."]
    );
    let s2 = card(&talk, "slide-2");
    assert_eq!(
        s2.key_points,
        [
            "Every change is reviewable in ten minutes",
            "Rollbacks are boring"
        ]
    );
    assert_eq!(s2.paragraphs, ["Emphasize that boring is the goal."]);
    assert!(
        s2.body
            .starts_with("![bg right:40%](pipeline.png)\n\n- Every change")
    );
    assert_eq!(
        card(&talk, "slide-3").paragraphs,
        [
            "Mention the flag debt dashboard.",
            "Then show how many flags we removed last quarter."
        ]
    );
    assert_eq!(
        card(&talk, "closing").key_points,
        ["Small batches", "Feature flags", "Fast rollback"]
    );
    assert_absent(
        "marp_en.md",
        &talk,
        &[
            "marp",
            "gaia",
            "paginate",
            "invert",
            "ACME Engineering",
            "Confidential draft",
            "Section two",
            "_class",
            "lead",
            "backgroundColor",
            "#123456",
            "#fafafa",
        ],
    );
}

#[test]
fn marp_chinese() {
    let talk = load("marp_zh.md");
    assert_eq!(talk.title, "从零到一做产品");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "从零到一做产品"),
            ("obs-1", Observation, Some(1), "先找到真实的问题"),
            ("obs-2", Observation, Some(2), "小步快跑"),
            ("closing", Closing, None, "总结"),
        ]
    );
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["开场先讲自己第一次创业失败的经历。"]
    );
    assert_eq!(card(&talk, "title").body, "李四");
    assert_eq!(
        card(&talk, "obs-1").paragraphs,
        ["这里举外卖平台早期调研的例子。"]
    );
    assert!(card(&talk, "obs-2").paragraphs.is_empty());
    assert_eq!(card(&talk, "closing").paragraphs, ["感谢大家，欢迎提问。"]);
    assert_absent(
        "marp_zh.md",
        &talk,
        &[
            "marp", "theme", "default", "paginate", "16:9", "_class", "lead", "black", "white",
        ],
    );
}

#[test]
fn presenterm_english() {
    let talk = load("presenterm_en.md");
    assert_eq!(talk.title, "Introducing presenterm");
    assert_eq!(talk.speaker, "Matias");
    assert_eq!(talk.date, "2024-03-01");
    assert_eq!(talk.event, "TermConf");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Introducing presenterm"),
            ("slide-1", Observation, None, "Why terminals"),
            ("slide-2", Observation, None, "Code highlighting"),
            ("closing", Closing, None, "Final thoughts"),
        ]
    );
    assert_eq!(card(&talk, "title").body, "Slides in your terminal");
    assert!(card(&talk, "title").paragraphs.is_empty());
    let s1 = card(&talk, "slide-1");
    assert_eq!(
        s1.key_points,
        ["No context switch from the editor", "Works over SSH"]
    );
    assert_eq!(s1.paragraphs, ["Ask who presents from a terminal already."]);
    assert_eq!(
        s1.body,
        "- No context switch from the editor\n- Works over SSH\n\nTerminals are everywhere, and they are fast."
    );
    assert_eq!(
        card(&talk, "slide-2").paragraphs,
        [
            "Show the live demo here.",
            "Mention the supported languages."
        ]
    );
    assert_eq!(
        card(&talk, "closing").paragraphs,
        ["Thank the contributors."]
    );
    assert_absent(
        "presenterm_en.md",
        &talk,
        &[
            "catppuccin",
            "incremental_lists",
            "pause",
            "column",
            "remember to plug",
            "speaker_note",
            "end_slide",
            "===",
        ],
    );
}

#[test]
fn presenterm_chinese() {
    let talk = load("presenterm_zh.md");
    assert_eq!(talk.title, "用终端做演示");
    assert_eq!(talk.speaker, "王五");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "用终端做演示"),
            ("slide-1", Observation, None, "为什么选择终端"),
            ("obs-1", Observation, Some(1), "配置很简单"),
            ("obs-2", Observation, Some(2), "适合技术分享"),
            ("closing", Closing, None, "谢谢大家"),
        ]
    );
    assert_eq!(
        card(&talk, "slide-1").paragraphs,
        ["先问问大家平时用什么工具做演示。"]
    );
    assert_eq!(card(&talk, "obs-1").paragraphs, ["现场演示修改主题。"]);
    assert_eq!(card(&talk, "obs-2").key_points, ["代码高亮", "内嵌图片"]);
    assert_eq!(card(&talk, "closing").paragraphs, ["留五分钟回答问题。"]);
    assert_absent(
        "presenterm_zh.md",
        &talk,
        &[
            "dark",
            "jump_to_middle",
            "incremental_lists",
            "speaker_note",
        ],
    );
}

/// A Slidev deck split over files (`src:`): the imported file's slides stand in for the
/// importing slide, whose own text is ignored, as in Slidev.
#[test]
fn slidev_imports_become_the_imported_files_slides() {
    let loaded = talk::load_talk(&fixture("slidev_split.md")).unwrap();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let talk = loaded.talk;
    let titles: Vec<&str> = talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "One Talk, Many Files",
            "Why split a deck",
            "Each file a chapter",
            "Questions"
        ]
    );
    let why = &talk.cards[1];
    assert_eq!(why.paragraphs, ["Say how long the single file had grown."]);
    assert_eq!(
        talk.cards[2].body,
        "- One file per part\n- Reordered in the main deck"
    );
    assert_eq!(
        talk.cards[3].paragraphs,
        ["Thank them, then take questions."]
    );
    assert_absent(
        "slidev_split.md",
        &talk,
        &["ignored", "layout", "center", "src:", "split_chapter"],
    );
    // The starter deck imports `./pages/imported.md`, as Slidev's starter does.
    let starter = talk::load_talk(&fixture("slidev_en.md")).unwrap();
    assert!(starter.notices.is_empty(), "{:?}", starter.notices);
    let imported = card(&starter.talk, "slide-5");
    assert_eq!(imported.title, "Imported slides");
    assert_eq!(
        imported.paragraphs,
        ["Say that this slide came from another file."]
    );
    // A missing file is said, with the deck's line, and its slide stays as written.
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.md");
    std::fs::write(&deck, "# A\n\n---\nsrc: ./pages/gone.md\n---\n\n# B\n").unwrap();
    let loaded = talk::load_talk(&deck).unwrap();
    let said: Vec<String> = loaded.notices.iter().map(|n| n.to_string()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("line 4") && said[0].contains("./pages/gone.md"),
        "{said:?}"
    );
    let titles: Vec<&str> = loaded.talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"]);
}

/// Each dialect's rules, on decks written the way its tool documents them.
#[test]
fn slidev_starter_style_deck() {
    let talk = load("slidev_en.md");
    assert_eq!(talk.title, "Testing Without Tears");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Testing Without Tears"),
            ("slide-2", Observation, None, "What makes a test useful?"),
            ("slide-3", Observation, None, "Table-driven tests"),
            ("slide-4", Observation, None, "The pipeline"),
            // From `./pages/imported.md` (`src:`).
            ("slide-5", Observation, None, "Imported slides"),
            ("closing", Closing, None, "Thank you"),
        ]
    );
    let title = card(&talk, "title");
    assert_eq!(title.body, "Fast feedback for busy teams");
    assert_eq!(
        title.paragraphs,
        ["Open with the story of the release we rolled back twice."]
    );
    // Only the last comment block is the notes; `<v-clicks>` shows its list.
    let s2 = card(&talk, "slide-2");
    assert_eq!(
        s2.paragraphs,
        [
            "Ask the room how long their suite takes.",
            "Then show the chart."
        ]
    );
    assert_eq!(
        s2.body,
        "- It fails for **one** reason\n- It runs in *milliseconds*\n- It reads like a [specification](https://example.com/spec)"
    );
    // The slot marker goes; the code block (with its `---` and comment) stays code.
    let s3 = card(&talk, "slide-3");
    assert_eq!(
        s3.body,
        "One table, many cases.\n\n```ts\n// ---\n// <!-- not a note, this is code -->\nconst cases = [[1, 2], [2, 4]]\n```"
    );
    assert_eq!(s3.paragraphs, ["Walk through the table row by row."]);
    let s4 = card(&talk, "slide-4");
    assert!(
        s4.body
            .starts_with("![pipeline](./img/pipeline.png)\n\n| stage | time |")
    );
    assert!(s4.paragraphs.is_empty());
    assert_eq!(
        card(&talk, "closing").body,
        "> Tests are a gift to your future self."
    );
    assert_absent(
        "slidev_en.md",
        &talk,
        &[
            "transition",
            "fade-out",
            "layout",
            "two-cols",
            "gap-16",
            "text-center",
            "seriph",
            "::right::",
            "v-click",
            "Tweet",
            "not at the end",
            "imported.md",
            "Slidev Starter",
            "A short talk",
        ],
    );
}

#[test]
fn slidev_chinese_deck() {
    let talk = load("slidev_zh.md");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "一次重构的复盘"),
            ("obs-1", Observation, Some(1), "先写测试"),
            ("obs-2", Observation, Some(2), "小步提交"),
            ("closing", Closing, None, "总结"),
        ]
    );
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["开场先说明这次重构的背景。"]
    );
    assert_eq!(
        card(&talk, "obs-1").paragraphs,
        ["这里讲我们漏掉的那个边界情况。"]
    );
    // A comment followed by code is not the slide's notes.
    let obs2 = card(&talk, "obs-2");
    assert!(obs2.paragraphs.is_empty());
    assert!(obs2.body.contains("```bash\ngit commit"), "{}", obs2.body);
    assert_absent("slidev_zh.md", &talk, &["clicks", "level", "这条注释"]);
}

#[test]
fn presenterm_speaker_notes_example() {
    let talk = load("presenterm_notes.md");
    assert_eq!(talk.speaker, "Ana");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Speaker notes in presenterm"),
            ("slide-1", Observation, None, "Notes are for you"),
            (
                "slide-2",
                Observation,
                None,
                "Comments inside code stay code"
            ),
            ("slide-3", Observation, None, "Two columns"),
        ]
    );
    // One-line and multi-line YAML notes; `pause` is a step, not a new card.
    let s1 = card(&talk, "slide-1");
    assert_eq!(
        s1.paragraphs,
        [
            "Greet the audience and say where the repository is.",
            "This note spans lines. It keeps going here.",
            "And it has a second paragraph."
        ]
    );
    assert_eq!(
        s1.body,
        "The audience sees this paragraph.\n\n- A bullet revealed after the pause\n- Another one"
    );
    // A comment inside a fenced code block is code, and no separator either.
    let s2 = card(&talk, "slide-2");
    assert_eq!(
        s2.body,
        "```markdown\n<!-- speaker_note: this is part of the code sample -->\n<!-- end_slide -->\n---\n```"
    );
    assert_eq!(s2.paragraphs, ["Point at the example, it is not a note."]);
    let s3 = card(&talk, "slide-3");
    assert_eq!(s3.body, "Left side text.\n\nRight side text.");
    assert_eq!(s3.paragraphs, ["Mention that the layout resets here."]);
    for c in &talk.cards {
        for word in ["column", "pause", "jump_to_middle", "reset_layout"] {
            assert!(!c.paragraphs.join(" ").contains(word), "{}: {word}", c.id);
        }
    }
}

#[test]
fn reveal_js_lecture_with_common_settings() {
    let talk = load("reveal_lecture.md");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Operating Systems, Lecture 3"),
            ("slide-2", Observation, None, "What is a process?"),
            ("slide-3", Observation, None, "Inside the address space"),
            ("slide-4", Observation, None, "Scheduling"),
            ("closing", Closing, None, "Summary"),
        ]
    );
    // `.element` attributes are neither title, body nor notes; `note:` in any case.
    let title = card(&talk, "title");
    assert_eq!(title.body, "Processes and threads");
    assert_eq!(
        title.paragraphs,
        ["Remind everyone that the lab is due on Friday."]
    );
    assert_eq!(
        card(&talk, "slide-2").paragraphs,
        ["Draw the memory layout on the board."]
    );
    assert!(
        card(&talk, "slide-3")
            .body
            .contains("/* ---- not a separator ---- */")
    );
    assert_eq!(
        card(&talk, "slide-3").paragraphs,
        ["Ask what lives on the stack."]
    );
    assert!(
        card(&talk, "slide-4")
            .body
            .starts_with("| policy | fair? |")
    );
    assert_eq!(
        card(&talk, "closing").paragraphs,
        ["Preview next week's lecture on memory."]
    );
    assert_absent(
        "reveal_lecture.md",
        &talk,
        &[
            ".element",
            ".slide",
            "fragment",
            "data-background",
            "style=",
            "note:",
            "NOTE",
        ],
    );
}

#[test]
fn marp_directives_and_fit_are_settings() {
    let talk = load("marp_directives.md");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "Data You Can Trust"),
            ("slide-2", Observation, None, "Three checks"),
            ("slide-3", Observation, None, "Remote pictures"),
            ("closing", Closing, None, "Thanks!"),
        ]
    );
    assert_eq!(card(&talk, "title").body, "A talk on data quality");
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["Start with the dashboard that lied."]
    );
    let s2 = card(&talk, "slide-2");
    assert_eq!(
        s2.body,
        "1. Freshness\n2. Volume\n3. *Schema*\n\n![w:320](img/pipeline.png)"
    );
    // Every other comment is a presenter note, as Marp collects them.
    assert_eq!(
        s2.paragraphs,
        [
            "Explain each check with one failure story.",
            "Keep it under five minutes."
        ]
    );
    assert!(card(&talk, "slide-3").paragraphs.is_empty());
    assert!(card(&talk, "closing").paragraphs.is_empty());
    assert_absent(
        "marp_directives.md",
        &talk,
        &[
            "fit",
            "_class",
            "lead",
            "invert",
            "#202228",
            "_color",
            "white",
            "uncover",
            "paginate",
            "16:9",
            "Section one",
            "data-quality",
            "backgroundImage",
            "bg.png",
            "_footer",
        ],
    );
}

#[test]
fn plain_markdown_english() {
    let talk = load("plain_en.md");
    assert_eq!(talk.title, "The Case for Boring Technology");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "The Case for Boring Technology"),
            ("slide-2", Observation, None, "Innovation tokens"),
            ("slide-3", Observation, None, "The cost of new things"),
            ("closing", Closing, None, "Summary"),
        ]
    );
    assert_eq!(
        card(&talk, "title").paragraphs,
        ["A talk given at the Ops Summit. This is the written version, lightly edited."]
    );
    let s2 = card(&talk, "slide-2");
    assert_eq!(s2.paragraphs.len(), 2);
    // Without bullets, key points are sentences of the section, verbatim.
    assert!(!s2.key_points.is_empty());
    for p in &s2.key_points {
        assert!(
            s2.paragraphs.iter().any(|para| para.contains(p.as_str())),
            "{p}"
        );
    }
    let s3 = card(&talk, "slide-3");
    assert_eq!(
        s3.key_points,
        [
            "Unknown failure modes",
            "Nobody on call knows how it breaks",
            "Hiring gets harder"
        ]
    );
    assert_eq!(
        s3.paragraphs,
        [
            "An example",
            "We once adopted a new queue. It took a year to learn how it fails under load."
        ]
    );
    assert_absent("plain_en.md", &talk, &["#"]);
}

#[test]
fn plain_markdown_chinese() {
    let talk = load("plain_zh.md");
    assert_eq!(talk.title, "关于技术选型的几点思考");
    assert_eq!(
        deck(&talk),
        [
            ("title", Title, None, "关于技术选型的几点思考"),
            ("obs-1", Observation, Some(1), "稳定压倒一切"),
            ("obs-2", Observation, Some(2), "团队熟悉度"),
            ("obs-3", Observation, Some(3), "长期维护成本"),
            ("closing", Closing, None, "写在最后"),
        ]
    );
    assert_eq!(
        card(&talk, "obs-2").key_points,
        ["团队熟悉的技术，出了问题能快速定位", "新技术需要学习成本"]
    );
    assert_absent("plain_zh.md", &talk, &["#", "一、"]);
}

#[test]
fn markdown_extension_picks_the_parser() {
    let text = std::fs::read_to_string(fixture("reveal_en.md")).unwrap();
    let as_markdown = talk::parse_markdown(&text);
    assert_eq!(load("reveal_en.md"), as_markdown);
    for name in ["deck.md", "deck.MD", "deck.markdown"] {
        assert!(talk::is_markdown_path(std::path::Path::new(name)), "{name}");
    }
    assert!(!talk::is_markdown_path(std::path::Path::new("talk.txt")));
    // Same text, same fingerprint, whichever parser.
    assert_eq!(talk::parse_text(&text).fingerprint, as_markdown.fingerprint);
    let loaded = talk::load_talk(&fixture("marp_zh.md")).unwrap();
    assert_eq!(loaded.encoding, "UTF-8");
}

#[test]
fn markdown_without_structure_falls_back_to_plain_text_rules() {
    let text = "一个没有标题的演讲\n\n以下为演讲实录：\n\n大家好。\n\n1、第一点\n\n内容一。\n\n2、第二点\n\n内容二。";
    let talk = talk::parse_markdown(text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["title", "opening", "obs-1", "obs-2"]);
    assert_eq!(talk, talk::parse_text(text));
}

// ---------------------------------------------------------------------------------
// Plain-text heading styles, closings, transcript markers and junk.

struct Case {
    file: &'static str,
    title: &'static str,
    deck: &'static [(&'static str, CardKind, Option<u32>, &'static str)],
    absent: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "zh_arabic_dot.txt",
        title: "在线教育的下半场：回归教学本身",
        deck: &[
            ("title", Title, None, "在线教育的下半场：回归教学本身"),
            ("opening", Opening, None, "开场"),
            ("obs-1", Observation, Some(1), "流量红利已经结束"),
            ("obs-2", Observation, Some(2), "内容质量决定留存"),
            ("obs-3", Observation, Some(3), "技术要服务于教学"),
            ("closing", Closing, None, "总结"),
        ],
        absent: &["原标题", "来源：", "以下为演讲实录", "王芳谈"],
    },
    Case {
        file: "zh_han_numerals.txt",
        title: "李明：企业数字化转型的三点体会",
        deck: &[
            ("title", Title, None, "李明：企业数字化转型的三点体会"),
            ("opening", Opening, None, "开场"),
            ("obs-1", Observation, Some(1), "转型首先是一把手工程"),
            ("obs-2", Observation, Some(2), "数据是最重要的资产"),
            ("obs-3", Observation, Some(3), "人才和组织要同步变革"),
            ("closing", Closing, None, "结束语"),
        ],
        absent: &["责任编辑", "相关阅读", "扫码关注"],
    },
    Case {
        file: "zh_paren_numbers.txt",
        title: "",
        deck: &[
            ("obs-1", Observation, Some(1), "技术路线的选择"),
            ("obs-2", Observation, Some(2), "市场节奏的把握"),
            ("obs-3", Observation, Some(3), "团队的长期主义"),
        ],
        absent: &["（一）"],
    },
    Case {
        file: "zh_ascii_paren.txt",
        title: "乡村振兴的几点思考",
        deck: &[
            ("title", Title, None, "乡村振兴的几点思考"),
            ("obs-1", Observation, Some(1), "产业是基础"),
            ("obs-2", Observation, Some(2), "人才是关键"),
            ("obs-3", Observation, Some(3), "治理是保障"),
            ("closing", Closing, None, "结语"),
        ],
        absent: &["(一)"],
    },
    Case {
        file: "zh_di_comma.txt",
        title: "城市更新的三个关键词",
        deck: &[
            ("title", Title, None, "城市更新的三个关键词"),
            ("opening", Opening, None, "开场"),
            ("obs-1", Observation, Some(1), "人"),
            ("obs-2", Observation, Some(2), "文化"),
            ("obs-3", Observation, Some(3), "运营"),
            ("closing", Closing, None, "结语"),
        ],
        absent: &["以下是周敏演讲全文"],
    },
    Case {
        file: "zh_di_points.txt",
        title: "刘洋：做硬件创业的三点体会",
        deck: &[
            ("title", Title, None, "刘洋：做硬件创业的三点体会"),
            ("opening", Opening, None, "开场"),
            ("obs-1", Observation, Some(1), "供应链是生命线"),
            ("obs-2", Observation, Some(2), "量产比样机难十倍"),
            ("obs-3", Observation, Some(3), "渠道决定生死"),
            ("closing", Closing, None, "尾声"),
        ],
        absent: &["责任编辑", "版权声明", "扫码关注", "陈晨"],
    },
    Case {
        file: "zh_observation_labels.txt",
        title: "赵磊：AI 落地的四个观察",
        deck: &[
            ("title", Title, None, "赵磊：AI 落地的四个观察"),
            ("opening", Opening, None, "开场"),
            ("obs-1", Observation, Some(1), "场景比模型重要"),
            ("obs-2", Observation, Some(2), "数据准备占了大部分工作"),
            ("obs-3", Observation, Some(3), "人机协作是常态"),
            ("obs-4", Observation, Some(4), "衡量效果要有基线"),
            ("closing", Closing, None, "结束语"),
        ],
        absent: &["以下是赵磊演讲全文", "观察一"],
    },
    Case {
        file: "en_lessons.txt",
        title: "Five Lessons From Ten Years of Building Databases",
        deck: &[
            (
                "title",
                Title,
                None,
                "Five Lessons From Ten Years of Building Databases",
            ),
            ("opening", Opening, None, "Opening"),
            (
                "obs-1",
                Observation,
                Some(1),
                "Start with the problem, not the engine",
            ),
            ("obs-2", Observation, Some(2), "Test like an adversary"),
            ("obs-3", Observation, Some(3), "Make the boring path fast"),
            ("obs-4", Observation, Some(4), "Document the invariants"),
            ("obs-5", Observation, Some(5), "Culture is a feature"),
            ("closing", Closing, None, "Final thoughts"),
        ],
        absent: &["Share this", "Subscribe", "edited transcript", "Speaker:"],
    },
    Case {
        file: "en_numbered_dot.txt",
        title: "Lessons From a Decade of Incident Response",
        deck: &[
            (
                "title",
                Title,
                None,
                "Lessons From a Decade of Incident Response",
            ),
            ("opening", Opening, None, "Opening"),
            ("obs-1", Observation, Some(1), "Alerts should be actionable"),
            ("obs-2", Observation, Some(2), "Practice the bad day"),
            (
                "obs-3",
                Observation,
                Some(3),
                "Blameless reviews find real causes",
            ),
            ("closing", Closing, None, "Summary"),
        ],
        absent: &["full transcript"],
    },
    Case {
        file: "en_paren_numbers.txt",
        title: "Three Habits of Effective Remote Teams",
        deck: &[
            (
                "title",
                Title,
                None,
                "Three Habits of Effective Remote Teams",
            ),
            ("opening", Opening, None, "Opening"),
            ("obs-1", Observation, Some(1), "Write things down"),
            ("obs-2", Observation, Some(2), "Default to asynchronous"),
            ("obs-3", Observation, Some(3), "Invest in trust"),
            ("closing", Closing, None, "Closing"),
        ],
        absent: &["Share this", "Follow us", "Speaker:"],
    },
    Case {
        file: "en_observations.txt",
        title: "Four Observations on Open Source Sustainability",
        deck: &[
            (
                "title",
                Title,
                None,
                "Four Observations on Open Source Sustainability",
            ),
            ("opening", Opening, None, "Opening"),
            (
                "obs-1",
                Observation,
                Some(1),
                "Most projects have one maintainer",
            ),
            (
                "obs-2",
                Observation,
                Some(2),
                "Money alone does not solve it",
            ),
            (
                "obs-3",
                Observation,
                Some(3),
                "Documentation is the cheapest investment",
            ),
            (
                "obs-4",
                Observation,
                Some(4),
                "Companies must give time, not just money",
            ),
            ("closing", Closing, None, "Conclusion"),
        ],
        absent: &["Edited transcript", "Subscribe", "Follow us", "newsletter"],
    },
];

#[test]
fn plain_text_heading_styles_closings_markers_and_junk() {
    for case in CASES {
        let talk = load(case.file);
        assert_eq!(talk.title, case.title, "{}", case.file);
        assert_eq!(deck(&talk), case.deck, "{}", case.file);
        assert_absent(case.file, &talk, case.absent);
        for c in &talk.cards {
            for p in &c.key_points {
                assert!(
                    c.paragraphs.iter().any(|para| para.contains(p.as_str())),
                    "{}: {p} not verbatim",
                    case.file
                );
            }
        }
    }
}

#[test]
fn plain_text_metadata_of_the_new_fixtures() {
    let t = load("zh_arabic_dot.txt");
    assert_eq!(t.date, "2024年3月15日");
    // `来源：` is read as metadata and shows on no card.
    assert_eq!(t.source, "某某教育观察");
    assert!(
        t.cards
            .iter()
            .all(|c| !c.paragraphs.iter().any(|p| p.contains("某某教育观察")))
    );
    let t = load("zh_di_comma.txt");
    assert_eq!(t.speaker, "周敏");
    let t = load("zh_observation_labels.txt");
    assert_eq!(t.speaker, "赵磊");
    let t = load("en_paren_numbers.txt");
    assert_eq!(t.speaker, "Maria Lopez");
    // The lede before the marker is the title card's notes.
    let t = load("zh_arabic_dot.txt");
    assert!(t.cards[0].paragraphs[0].starts_with("2024年3月15日"));
}

#[test]
fn a_thousand_section_transcript_opens() {
    let mut text = String::new();
    for n in 1..=1000 {
        text.push_str(&format!("{n}、第{n}部分的标题\n\n"));
        text.push_str(&format!(
            "这是第{n}部分的内容。我认为这一部分讲的是一个很重要的问题，值得展开说说。\n\n"
        ));
        text.push_str("另外还有一些补充的说明，供大家参考。\n\n");
    }
    let start = Instant::now();
    let talk = talk::parse_text(&text);
    let elapsed = start.elapsed();
    assert_eq!(talk.cards.len(), 1000);
    assert_eq!(talk.cards[0].id, "obs-1");
    assert_eq!(talk.cards[999].id, "obs-1000");
    assert_eq!(talk.cards[999].number, Some(1000));
    assert_eq!(talk.cards[999].title, "第1000部分的标题");
    // Generous for debug builds on a loaded machine; release takes a few ms.
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");

    // The same as a Markdown deck.
    let mut md = String::new();
    for n in 1..=1000 {
        md.push_str(&format!(
            "## {n}. Part {n}\n\n- Point {n}\n\nNotes for part {n}.\n\n"
        ));
    }
    let start = Instant::now();
    let talk = talk::parse_markdown(&md);
    let elapsed = start.elapsed();
    assert_eq!(talk.cards.len(), 1000);
    assert_eq!(talk.cards[999].id, "obs-1000");
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

// ---------------------------------------------------------------------------------
// Keywords and timing.

static KEYWORDS: LazyLock<KeywordExtractor> = LazyLock::new(KeywordExtractor::new);

#[test]
fn keywords_of_the_seed() {
    let talk = talk::parse_text(talkdeck::SEED_TALK);
    let obs1 = &talk.cards[talk.card_index("obs-1").unwrap()];
    let k = KEYWORDS.keywords(obs1, 5);
    assert_eq!(k.len(), 5, "{k:?}");
    assert!(k.iter().any(|w| w == "Scaling Law"), "{k:?}");
    for card in &talk.cards {
        let k = KEYWORDS.keywords(card, 5);
        assert!(k.len() <= 5);
        let mut sorted = k.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), k.len(), "duplicates in {k:?}");
        for stop in ["我们", "一个", "看到", "这个", "就是", "今天", "the", "and"] {
            assert!(!k.iter().any(|w| w == stop), "{stop} in {k:?}");
        }
    }
}

#[test]
fn keywords_of_english_and_markdown_cards() {
    let talk = load("en_lessons.txt");
    let obs3 = &talk.cards[talk.card_index("obs-3").unwrap()];
    let k = KEYWORDS.keywords(obs3, 5);
    assert!(k.iter().any(|w| w.contains("boring")), "{k:?}");
    let talk = load("reveal_en.md");
    let obs1 = &talk.cards[talk.card_index("obs-1").unwrap()];
    let k = KEYWORDS.keywords(obs1, 5);
    assert!(
        k.iter()
            .any(|w| w.eq_ignore_ascii_case("ownership") || w == "owner"),
        "{k:?}"
    );
}

#[test]
fn speaking_time_sums_the_cards() {
    let talk = talk::parse_text(talkdeck::SEED_TALK);
    let sum: Duration = talk.cards.iter().map(|c| c.speaking_time()).sum();
    assert_eq!(talk.speaking_time(), sum);
    assert!(talk.speaking_time() > Duration::from_secs(60));
    let c = &talk.cards[1];
    assert_eq!(
        c.speaking_time(),
        talkdeck::talk::speaking_time(&c.paragraphs.join("\n"))
    );
}

// ---------------------------------------------------------------------------------
// Nothing panics.

mod prop {
    use proptest::prelude::*;
    use talkdeck::talk;

    const MD_PIECES: &[&str] = &[
        "---\n",
        "\n---\n\n",
        "***\n",
        "--\n",
        "# ",
        "## ",
        "### ",
        "===\n",
        "- ",
        "  - ",
        "1. ",
        "* ",
        "> ",
        "```\n",
        "    ",
        "<!-- ",
        " -->",
        "<!-- end_slide -->\n",
        "<!-- speaker_note: ",
        "speaker_note: |\n",
        "<!-- _class: lead -->",
        "<!-- .slide: x -->",
        "<!-- .element style=\"c\" -->",
        "----\n",
        "note: ",
        "layout: two-cols\n",
        "transition: fade-out\n",
        "src: ./p.md\n",
        "::right::\n",
        "<v-click>",
        "</v-click>",
        "<v-clicks>\n\n",
        "<Tweet id=\"1\" />",
        "<!-- pause -->\n",
        "<!-- column_layout: [1, 2] -->\n",
        "<!-- column: 0 -->\n",
        "<!-- fit -->",
        "~~~\n",
        "````md\n",
        "\\",
        "![r](https://x/y.png)",
        "Note:",
        "Notes: ",
        "marp: true\n",
        "title: ",
        "author: ",
        "headingDivider: 2\n",
        "theme:\n  name: x\n",
        "![bg](x.png)",
        "[link](u)",
        "**",
        "`",
        "|a|b|\n|-|-|\n",
        "Conclusion",
        "结语",
        "一、",
        "第一，",
        "Thank you",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "中文",
        "text",
        "\u{feff}",
    ];

    fn md_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => proptest::sample::select(MD_PIECES).prop_map(str::to_string),
            1 => any::<String>(),
        ]
    }

    fn check(t: &talk::Talk) -> Result<(), TestCaseError> {
        prop_assert_eq!(t.fingerprint.len(), 64);
        let mut ids: Vec<&str> = t.cards.iter().map(|c| c.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), n, "card ids must be unique");
        for card in &t.cards {
            prop_assert_eq!(card.body.trim_end(), card.body.as_str(), "a body ends tidy");
            prop_assert!(!card.title.contains('\n'));
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_bytes_decode_and_parse(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
            if let Ok((text, _)) = talk::decode(&bytes) {
                check(&talk::parse_text(&text))?;
                check(&talk::parse_markdown(&text))?;
            }
        }

        #[test]
        fn any_string_parses_as_markdown(s in any::<String>()) {
            check(&talk::parse_markdown(&s))?;
        }

        #[test]
        fn markdown_noise_parses(parts in proptest::collection::vec(md_piece(), 0..80)) {
            let text = parts.concat();
            let deck = talk::parse_markdown(&text);
            check(&deck)?;
            // The Marp export of whatever came out opens again.
            let options = talkdeck::export::RecapOptions::default();
            let exported = talkdeck::export::recap::marp_deck(&deck, &talkdeck::notes::NotesDoc::default(), &options);
            check(&talk::parse_markdown(&exported))?;
            check(&talk::parse_text(&text))?;
            let bytes = text.into_bytes();
            if let Ok((decoded, _)) = talk::decode(&bytes) {
                check(&talk::parse_markdown(&decoded))?;
            }
        }
    }
}

fn subtitle_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/subtitles")
        .join(name)
}

/// Subtitle markup that must never reach a title or the speaker notes.
const MARKUP: &[&str] = &[
    "-->",
    "WEBVTT",
    "<c>",
    "</c>",
    "<i>",
    "<v ",
    "align:",
    "position:",
    "NOTE",
    "STYLE",
    "::cue",
    "Kind:",
    "Subtitles by",
    "Downloaded from",
    "字幕组",
    "00:00:",
];

#[test]
fn subtitles_open_as_a_handful_of_timed_topic_cards() {
    for name in [
        "en_bom_crlf.srt",
        "zh_gb18030.srt",
        "bilingual.srt",
        "talk.vtt",
        "youtube_auto.en.vtt",
        "whisper.json",
    ] {
        let loaded =
            talk::load_talk(&subtitle_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let t = &loaded.talk;
        assert!(
            (2..=6).contains(&t.cards.len()),
            "{name}: {} cards: {:?}",
            t.cards.len(),
            deck(t)
        );
        assert_absent(name, t, MARKUP);
        assert_unique_ids(name, t);
        let mut last_end = 0.0;
        for c in &t.cards {
            assert!(c.auto_title, "{name}: {}", c.title);
            assert!(!c.title.is_empty());
            let span = c
                .time
                .unwrap_or_else(|| panic!("{name}: {} has no time", c.id));
            assert!(
                span.start >= last_end - 0.01 && span.end > span.start,
                "{name}: {span:?}"
            );
            last_end = span.end;
            assert_eq!(c.paragraph_starts.len(), c.paragraphs.len(), "{name}");
            assert_eq!(c.paragraph_starts[0], span.start);
            // 2–6 minutes of speech each, as the real duration says.
            assert_eq!(c.speaking_time(), span.duration());
        }
        // The same file gives the same cards (notes are keyed by their ids).
        let again = talk::read_talk(&subtitle_fixture(name)).unwrap();
        assert_eq!(deck(&again), deck(t), "{name}");
    }
}

#[test]
fn subtitle_specifics_encoding_languages_and_notices() {
    let gb = talk::load_talk(&subtitle_fixture("zh_gb18030.srt")).unwrap();
    assert!(
        gb.encoding.starts_with("GB") || gb.encoding == "gb18030",
        "{}",
        gb.encoding
    );
    assert!(visible_text(&gb.talk).contains("社区花园"));

    let bi = talk::read_talk(&subtitle_fixture("bilingual.srt")).unwrap();
    for c in &bi.cards {
        assert_eq!(c.translations.len(), c.paragraphs.len());
        assert!(c.paragraphs.iter().all(|p| !p.contains("Sleep")));
    }
    let other: String = bi
        .cards
        .iter()
        .flat_map(|c| c.translations.clone())
        .collect();
    assert!(other.contains("community gardens"), "{other}");

    let srt = talk::load_talk(&subtitle_fixture("en_bom_crlf.srt")).unwrap();
    assert_eq!(srt.notices.len(), 1, "{:?}", srt.notices);
    assert!(
        srt.notices[0].to_string().contains("26"),
        "{:?}",
        srt.notices
    );
    // The cue under the broken timing line is skipped (the talk says it three times).
    assert_eq!(visible_text(&srt.talk).matches("Caffeine late").count(), 2);

    let yt = talk::read_talk(&subtitle_fixture("youtube_auto.en.vtt")).unwrap();
    let text: String = yt.cards.iter().flat_map(|c| c.paragraphs.clone()).collect();
    // Every spoken line once, not twice as the rolling captions show it.
    assert_eq!(
        text.matches("sleep is the first thing we give").count(),
        3,
        "{text}"
    );
    assert_eq!(yt.title, "youtube_auto");

    let json = talk::load_talk(&subtitle_fixture("whisper.json")).unwrap();
    assert_eq!(json.notices.len(), 1, "{:?}", json.notices);

    let err = talk::load_talk(&subtitle_fixture("no_cues.srt")).unwrap_err();
    assert!(err.to_string().contains("no_cues.srt"), "{err}");
}

#[test]
fn a_long_transcript_without_headings_becomes_topic_cards() {
    let t = load("zh_long_no_headings.txt");
    assert!((2..=6).contains(&t.cards.len()), "{:?}", deck(&t));
    for c in &t.cards {
        assert!(c.auto_title);
        assert!(c.time.is_none());
        // The title is the card's own words.
        let head = c.title.trim_end_matches('…');
        assert!(c.paragraphs.iter().any(|p| p.contains(head)), "{}", c.title);
    }
    let first = &t.cards[0];
    assert!(first.paragraphs.join("").contains("睡眠"));
    assert!(!first.paragraphs.join("").contains("电池"));
}

#[test]
fn outline_json_and_recap_carry_the_times() {
    let t = talk::read_talk(&subtitle_fixture("talk.vtt")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&talkdeck::cli::outline_json(
        &t,
        "UTF-8",
        &KeywordExtractor::new(),
    ))
    .unwrap();
    let cards = json["cards"].as_array().unwrap();
    assert_eq!(cards[0]["start"], 0.0);
    assert!(cards[1]["start"].as_f64().unwrap() > 60.0);
    assert!(cards[1]["end"].as_f64() > cards[1]["start"].as_f64());
    assert_eq!(cards[1]["paragraph_starts"][0], cards[1]["start"]);
    assert_eq!(cards[0]["auto_title"], true);

    let seed = talk::parse_text(talkdeck::SEED_TALK);
    let json: serde_json::Value = serde_json::from_str(&talkdeck::cli::outline_json(
        &seed,
        "UTF-8",
        &KeywordExtractor::new(),
    ))
    .unwrap();
    assert!(json["cards"][1]["start"].is_null());
    assert!(json["cards"][1]["paragraph_starts"][0].is_null());

    let notes = talkdeck::notes::NotesDoc::default();
    let recap = talkdeck::export::recap::markdown(&t, &notes, &Default::default());
    let second = t.cards[1].time.unwrap().start;
    let cite = format!("[{}]", talk::clock_time(second));
    assert!(recap.contains(&cite), "{cite} missing in:\n{recap}");
}
