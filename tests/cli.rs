//! The command line, end to end: the real binary on the seed and on bad input.

use std::process::Command;

fn talkdeck(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_talkdeck"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/000_187f639e31b962a3.txt"
);

#[test]
fn outline_json_gives_a_deck_slide_body_apart_from_its_notes() {
    let deck = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/talks/presenterm_notes.md"
    );
    let out = talkdeck(&["outline", deck, "--json"]);
    assert!(out.status.success());
    let deck: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let card = &deck["cards"][2];
    assert_eq!(card["title"], "Comments inside code stay code");
    assert!(card["body"].as_str().unwrap().starts_with("```markdown\n"));
    assert_eq!(card["notes"], "Point at the example, it is not a note.");
    // A transcript's cards have no body: their text is the speaker notes.
    let out = talkdeck(&["outline", SEED, "--json"]);
    let seed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seed["cards"][1]["body"], "");
}

#[path = "support/pdf_deck.rs"]
mod pdf_fixture;

/// A PDF deck: a card a page, with its title, its text and the presenter's notes.
#[test]
fn outline_json_gives_a_pdf_decks_titles_text_and_notes() {
    use pdf_fixture::{FixturePage, Labels, deck};
    let mut first = FixturePage::new("Scaling Laws in Practice", &["Zhang Hongjiang"]);
    first.note = Some("Welcome everyone.".into());
    let mut second = FixturePage::new("What we measured", &["Loss falls as a power law"]);
    second.chinese = vec!["数据比参数更重要".into()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pdf");
    std::fs::write(&path, deck(&[first, second], None, Labels::None)).unwrap();
    std::fs::write(dir.path().join("deck.notes.txt"), "-\n---\n先讲数据。\n").unwrap();
    let out = talkdeck(&["outline", path.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outline["encoding"], "PDF");
    let cards = outline["cards"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = cards
        .iter()
        .map(|c| {
            let text = c["key_points"].as_array().unwrap();
            (
                c["title"].as_str().unwrap(),
                text.last().unwrap().as_str().unwrap(),
                c["notes"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Scaling Laws in Practice",
                "Zhang Hongjiang",
                "Welcome everyone."
            ),
            ("What we measured", "数据比参数更重要", "先讲数据。"),
        ]
    );
}

#[test]
fn outline_json_prints_the_deck() {
    let out = talkdeck(&["outline", SEED, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deck: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deck["speaker"], "张宏江");
    assert_eq!(deck["source"], "钛媒体");
    let cards = deck["cards"].as_array().unwrap();
    let kinds: Vec<&str> = cards.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.first(), Some(&"title"));
    assert_eq!(kinds.last(), Some(&"closing"));
    let observations: Vec<&serde_json::Value> = cards
        .iter()
        .filter(|c| c["kind"] == "observation")
        .collect();
    assert_eq!(observations.len(), 6);
    assert_eq!(observations[0]["id"], "obs-1");
    assert_eq!(observations[0]["number"], 1);
    assert_eq!(observations[0]["title"], "Scaling Law(规模效应)还有效吗?");
    assert!(cards[0]["number"].is_null());
    for card in &observations {
        let points = card["key_points"].as_array().unwrap();
        assert!((2..=5).contains(&points.len()), "{}", card["id"]);
        let notes = card["notes"].as_str().unwrap();
        for point in points {
            assert!(
                notes.contains(point.as_str().unwrap()),
                "key points are verbatim"
            );
        }
    }
    let all = String::from_utf8_lossy(&out.stdout);
    assert!(
        !all.contains("凤凰网") && !all.contains("浏览器"),
        "no web-page junk"
    );
}

#[test]
fn bad_input_is_one_clear_line_and_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let missing = dir.path().join("missing.txt");
    let folder = dir.path().to_str().unwrap().to_owned();
    for path in [
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        missing.to_str().unwrap(),
        &folder,
    ] {
        let out = talkdeck(&["outline", path]);
        assert!(!out.status.success(), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("talkdeck: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn recap_writes_the_notes_and_quotes_into_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let talk = talkdeck::talk::parse_text(talkdeck::SEED_TALK);
    let mut notes = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    let now = time::OffsetDateTime::now_utc();
    let id = notes.add_highlight(
        talkdeck::anchor::make_anchor(&talk.cards[2], 0, 12).unwrap(),
        now,
    );
    notes.set_text(id, "开场就用这个例子", now);
    notes.add("obs-5", "机器人本体领先", now);
    let notes_path = dir.path().join("n.json");
    talkdeck::notes::save(&notes_path, &notes).unwrap();
    let out_path = dir.path().join("recap.md");
    let out = talkdeck(&[
        "recap",
        SEED,
        "--notes",
        notes_path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recap = std::fs::read_to_string(&out_path).unwrap();
    assert!(recap.starts_with("# 张宏江消除"));
    assert!(recap.contains("> 近日,OpenAI发布了\n"), "{recap}");
    assert!(recap.contains("开场就用这个例子") && recap.contains("机器人本体领先"));
    let to_stdout = talkdeck(&[
        "recap",
        SEED,
        "--notes",
        notes_path.to_str().unwrap(),
        "--deck",
    ]);
    let deck = String::from_utf8_lossy(&to_stdout.stdout);
    assert!(deck.starts_with("---\nmarp: true"), "{deck}");
    assert!(deck.contains("<!--"));
}

/// Errors are in the system's language.
#[test]
fn errors_follow_the_system_language() {
    let missing = tempfile::tempdir().unwrap().path().join("没有这个.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_talkdeck"))
        .args(["outline", missing.to_str().unwrap()])
        .env("LC_ALL", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("没有这个.txt：文件不存在"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_talkdeck"))
        .args(["outline", missing.to_str().unwrap()])
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(": no such file"));
}

/// `--help` speaks the system's language, like the errors; `--version` is the package's.
#[test]
fn help_and_version_like_other_tools() {
    let help = |locale: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_talkdeck"))
            .arg("--help")
            .env("LC_ALL", locale)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = help("zh_CN.UTF-8");
    assert!(zh.contains("用法：") && zh.contains("显示帮助"), "{zh}");
    assert!(zh.contains("outline") && zh.contains("退出状态"), "{zh}");
    let en = help("en_US.UTF-8");
    assert!(en.contains("Usage:") && en.contains("Print help"), "{en}");
    assert!(en.contains("Exit status: 0"), "{en}");
    assert!(
        !en.contains(" man "),
        "the packaging's man command is hidden: {en}"
    );
    let version = talkdeck(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("talkdeck {}", env!("CARGO_PKG_VERSION"))
    );
}

/// A wrong command line is status 2 (a file that cannot be read is 1), as the README says.
#[test]
fn usage_errors_exit_with_status_2() {
    let out = talkdeck(&["--no-such-option"]);
    assert_eq!(out.status.code(), Some(2));
    let out = talkdeck(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let out = talkdeck(&["outline", "/no/such/talk.txt"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn completions_are_scripts_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = talkdeck(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["outline", "recap", "completions", "notes", "skip-empty"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        let path = dir.path().join(format!("talkdeck.{shell}"));
        std::fs::write(&path, &script).unwrap();
        if shell == "bash" {
            let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
            assert!(
                check.status.success(),
                "{}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
    }
}

#[test]
fn man_pages_come_from_the_same_definition() {
    let dir = tempfile::tempdir().unwrap();
    let out = talkdeck(&["man", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("talkdeck.1")).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH talkdeck 1"),
        "{page}"
    );
    for sub in [
        "talkdeck\\-outline",
        "talkdeck\\-recap",
        "talkdeck\\-completions",
    ] {
        assert!(page.contains(sub), "the page lists {sub}");
    }
    assert!(page.contains(".SH \"EXIT STATUS\"") || page.contains(".SH EXIT STATUS"));
    assert!(page.contains("\\-\\-notes"));
    let recap = std::fs::read_to_string(dir.path().join("talkdeck-recap.1")).unwrap();
    assert!(recap.contains("\\-\\-skip\\-empty"), "{recap}");
    assert!(!dir.path().join("talkdeck-man.1").exists());
}

#[test]
fn recap_rehearsal_gives_each_card_the_last_runs_time() {
    use std::time::Duration;
    use talkdeck::rehearsal::{CardTime, Run};
    let dir = tempfile::tempdir().unwrap();
    let talk = talkdeck::talk::parse_text(talkdeck::SEED_TALK);
    let mut notes = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    let spent = CardTime {
        spent: Duration::from_secs(100),
        visits: 1,
    };
    notes.rehearsal.add_run(Run {
        started: time::OffsetDateTime::UNIX_EPOCH,
        planned: Duration::from_secs(900),
        elapsed: Duration::from_secs(100),
        cards: [("obs-2".to_owned(), spent)].into(),
        pauses: Vec::new(),
    });
    let notes_path = dir.path().join("n.json");
    talkdeck::notes::save(&notes_path, &notes).unwrap();
    let recap = |extra: &[&str]| {
        let mut args = vec!["recap", SEED, "--notes", notes_path.to_str().unwrap()];
        args.extend(extra);
        let out = talkdeck(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!recap(&[]).contains("Last rehearsal"));
    let with = recap(&["--rehearsal"]);
    assert_eq!(
        with.matches("*Last rehearsal: 1:40 (budget ").count(),
        1,
        "{with}"
    );
    assert!(recap(&["--rehearsal", "--lang", "zh"]).contains("*上次排练：1:40（预算 "));
}

/// Notes with a highlight and a plain note on the seed talk, saved in `dir`, as a
/// talkdeck file and as W3C annotations.
fn seed_notes(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let talk = talkdeck::talk::parse_text(talkdeck::SEED_TALK);
    let mut notes = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    let now = time::OffsetDateTime::now_utc();
    let id = notes.add_highlight(
        talkdeck::anchor::make_anchor(&talk.cards[2], 0, 12).unwrap(),
        now,
    );
    notes.set_text(id, "开场就用这个例子", now);
    notes.set_tags(id, &["推理".to_owned()], now);
    let plain = notes.add("obs-5", "机器人本体领先", now);
    let path = dir.join("n.json");
    talkdeck::notes::save(&path, &notes).unwrap();
    // The same notes as W3C Web Annotation JSON-LD, written out here.
    let anchor = talkdeck::anchor::make_anchor(&talk.cards[2], 0, 12).unwrap();
    let talk_iri = format!("urn:talkdeck:talk:{}", talk.fingerprint);
    let page = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": [
            {
                "id": format!("urn:uuid:{id}"),
                "type": "Annotation",
                "motivation": "commenting",
                "body": [
                    { "type": "TextualBody", "purpose": "commenting", "value": "开场就用这个例子" },
                    { "type": "TextualBody", "purpose": "tagging", "value": "推理" }
                ],
                "target": {
                    "source": format!("{talk_iri}#card=obs-1"),
                    "selector": [
                        { "type": "TextQuoteSelector", "exact": anchor.quote.exact,
                          "prefix": anchor.quote.prefix, "suffix": anchor.quote.suffix },
                        { "type": "TextPositionSelector", "start": 0, "end": 12 }
                    ]
                }
            },
            {
                "id": format!("urn:uuid:{plain}"),
                "type": "Annotation",
                "body": "机器人本体领先",
                "target": format!("{talk_iri}#card=obs-5")
            }
        ]
    });
    let w3c = dir.join("n.jsonld");
    std::fs::write(&w3c, page.to_string()).unwrap();
    (path, w3c)
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn recap_reads_w3c_and_hypothesis_notes_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_, w3c) = seed_notes(dir.path());
    let recap = ok(&talkdeck(&[
        "recap",
        SEED,
        "--notes",
        w3c.to_str().unwrap(),
    ]));
    assert!(recap.contains("> 近日,OpenAI发布了\n"), "{recap}");
    assert!(recap.contains("机器人本体领先"), "{recap}");

    // Hypothesis's API answer: one row on a passage of the talk, one it cannot read.
    let hypothesis = serde_json::json!({
        "total": 2,
        "rows": [
            { "id": "h1", "uri": "https://example.org/t", "text": "很关键", "tags": ["具身"],
              "created": "2026-11-30T08:00:00+00:00", "updated": "2026-11-30T08:00:00+00:00",
              "target": [{ "source": "https://example.org/t", "selector": [
                  { "type": "TextQuoteSelector", "exact": "多模态大模型驱动的“具身智能”模型" }] }] },
            { "id": "h2", "text": "?", "target": 7 }
        ]
    });
    let path = dir.path().join("hypothesis.json");
    std::fs::write(&path, hypothesis.to_string()).unwrap();
    let out = talkdeck(&["recap", SEED, "--notes", path.to_str().unwrap()]);
    let recap = ok(&out);
    assert!(
        recap.contains("很关键") && recap.contains("#具身"),
        "{recap}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hypothesis.json: annotation 2 (h2): no target"),
        "{err}"
    );
}

#[test]
fn export_writes_each_format_and_anki_keeps_its_guids() {
    let dir = tempfile::tempdir().unwrap();
    let (notes, w3c) = seed_notes(dir.path());
    let pdfpc = dir.path().join("talk.pdfpc");
    ok(&talkdeck(&[
        "export",
        SEED,
        "--notes",
        notes.to_str().unwrap(),
        "--to",
        "pdfpc",
        "-o",
        pdfpc.to_str().unwrap(),
    ]));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&pdfpc).unwrap()).unwrap();
    assert_eq!(file["pdfpcFormat"], 2);
    assert!(file["duration"].as_u64().unwrap() > 0);
    assert_eq!(
        file["pages"].as_array().unwrap().len(),
        9,
        "one page per card"
    );

    // The .pdfpc read back as notes: the recap has them again.
    let recap = ok(&talkdeck(&[
        "recap",
        SEED,
        "--notes",
        pdfpc.to_str().unwrap(),
    ]));
    assert!(recap.contains("开场就用这个例子") && recap.contains("机器人本体领先"));

    let anki = |notes: &std::path::Path| {
        ok(&talkdeck(&[
            "export",
            SEED,
            "--notes",
            notes.to_str().unwrap(),
            "--to",
            "anki",
        ]))
    };
    let first = anki(&notes);
    assert!(
        first.starts_with("#separator:tab\n#html:false\n"),
        "{first}"
    );
    assert_eq!(first, anki(&notes), "the same guids each time");
    assert_eq!(first, anki(&w3c), "W3C notes keep their ids");

    let readwise = ok(&talkdeck(&[
        "export",
        SEED,
        "--notes",
        notes.to_str().unwrap(),
        "--to",
        "readwise",
    ]));
    assert!(readwise.starts_with("Highlight,Title,Author,URL,Note,Location\n"));
    let md = ok(&talkdeck(&[
        "export",
        SEED,
        "--notes",
        notes.to_str().unwrap(),
        "--to",
        "notes-md",
        "--lang",
        "zh",
    ]));
    assert!(
        md.starts_with("# 张宏江消除") && md.contains("机器人本体领先"),
        "{md}"
    );

    // Every export of the table is on the command line: W3C annotations, and the recap
    // the same as `talkdeck recap` writes it.
    let export = |to: &str| {
        ok(&talkdeck(&[
            "export",
            SEED,
            "--notes",
            notes.to_str().unwrap(),
            "--to",
            to,
        ]))
    };
    let w3c_out: serde_json::Value = serde_json::from_str(&export("w3c")).unwrap();
    assert_eq!(w3c_out["type"], "AnnotationPage", "{w3c_out}");
    let recap = ok(&talkdeck(&[
        "recap",
        SEED,
        "--notes",
        notes.to_str().unwrap(),
    ]));
    assert_eq!(export("recap"), recap);
}

#[test]
fn export_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let out = talkdeck(&["export", SEED, "--to", "anki"]);
    assert_eq!(out.status.code(), Some(2), "--notes is required");
    let out = talkdeck(&["export", SEED, "--notes", "x.json", "--to", "kindle"]);
    assert_eq!(out.status.code(), Some(2));
    let other = dir.path().join("other.json");
    std::fs::write(&other, "[1, 2, 3]").unwrap();
    let out = talkdeck(&[
        "export",
        SEED,
        "--notes",
        other.to_str().unwrap(),
        "--to",
        "anki",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("other.json") && err.lines().count() == 1,
        "{err}"
    );
}

/// The binary's output, or a failure naming `args` if it has not ended within 30 s (a
/// read blocked on a FIFO, or a device read without end).
#[cfg(unix)]
fn talkdeck_within_30s(args: &[&str]) -> std::process::Output {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_talkdeck"))
        .args(args)
        .env("LC_ALL", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("talkdeck {args:?} still running after 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO as the talk (or as the notes) used to block forever in `open`, and `/dev/zero`
/// as the notes to be read until the memory ran out: both are refused at once now.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_at_once_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("t.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let out = talkdeck_within_30s(&["outline", fifo]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(fifo) && err.contains("named pipe (FIFO), not a file"),
        "{err}"
    );
    for notes in [fifo, "/dev/zero"] {
        let out = talkdeck_within_30s(&["recap", SEED, "--notes", notes]);
        assert_eq!(out.status.code(), Some(1), "{notes}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(notes) && err.contains("not a file"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
}

#[path = "support/pptx.rs"]
mod pptx_fixture;

/// `outline --json` of a PowerPoint deck: each slide's title, its body as Markdown, its
/// notes page as notes, the hidden slide marked.
#[test]
fn outline_json_reads_a_powerpoint_deck() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scaling.pptx");
    std::fs::write(&path, pptx_fixture::sample()).unwrap();
    let out = talkdeck(&["outline", path.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deck: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deck["title"], "Scaling Laws");
    assert_eq!(deck["speaker"], "Ada Lovelace");
    let cards = deck["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 6);
    assert_eq!(cards[1]["title"], "Why data matters");
    assert_eq!(
        cards[1]["body"],
        "- More data\n    - better models\n        - even at 100B\n- Cost grows"
    );
    assert_eq!(cards[1]["notes"], "Stress the second bullet.\nThen pause.");
    assert_eq!(cards[2]["notes"], "");
    assert_eq!(cards[4]["hidden"], true);
    assert_eq!(cards[1]["hidden"], false);
    assert_eq!(cards[5]["title"], "数据规模");
    assert_eq!(cards[5]["notes"], "这里要放慢语速。\n然后举一个例子。");
    // The text outline says which slide is hidden.
    let out = talkdeck(&["outline", path.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Backup slide  (0:02)\n  (a hidden slide)\n"),
        "{text}"
    );
}
