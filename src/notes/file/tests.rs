//! The notes file's format, loading, saving and backup, tested on real files.

use super::save::{check_text, replace_file};
use super::*;
use crate::notes::{Extra, Note, TalkRef};
use proptest::prelude::*;
use serde_json::Value;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::{fs, io};
use time::macros::datetime;
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

fn t0() -> OffsetDateTime {
    datetime!(2024-05-01 09:30:15.123_456_789 +08:00)
}

fn extra(pairs: Value) -> Extra {
    match pairs {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

fn sample() -> NotesDoc {
    let mut doc = NotesDoc::new("演讲：关于笔记", "ab12cd34");
    doc.talk.extra = extra(json!({"speaker": "李雷", "lang": "zh"}));
    doc.extra = extra(json!({"x-future": {"a": [1, 2.5, null, true]}, "theme": "dark"}));
    let a = doc.add("obs-3", "第一条笔记\n第二行", t0());
    doc.add("obs-3", "", t0());
    let b = doc.add(
        "intro",
        "Hello \"world\" \\ \u{0007} 🎉",
        datetime!(2023-01-02 03:04:05 UTC),
    );
    doc.set_tags(a, &["重要".into(), "todo".into()], t0());
    let note = doc.find_mut(b).unwrap();
    note.extra = extra(json!({"color": "red", "pinned": 1}));
    note.modified = datetime!(2023-01-02 03:04:06 -05:30);
    // Fixed ids, so that two samples are equal.
    for (i, n) in doc.cards.values_mut().flatten().enumerate() {
        n.id = Uuid::from_u128(0x1000 + i as u128);
    }
    doc
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// The names in a folder, sorted (also for the other notes modules' tests).
pub(in crate::notes) fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Loading `bytes` fails; the file and its folder are untouched. Returns the error.
fn load_fails(bytes: &[u8]) -> NotesError {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "notes.json", bytes);
    let before = listing(dir.path());
    let err = load(&p).unwrap_err();
    assert_eq!(fs::read(&p).unwrap(), bytes, "loader must not write");
    assert_eq!(listing(dir.path()), before);
    let msg = err.to_string();
    assert!(msg.contains("notes.json"), "{msg}");
    assert!(!msg.contains('\n'), "{msg}");
    err
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("talk.notes.json");
    let doc = sample();
    save(&p, &doc).unwrap();
    let back = load(&p).unwrap();
    assert_eq!(back, doc);
    // Same notes, same bytes.
    assert_eq!(fs::read_to_string(&p).unwrap(), to_json(&back));
    assert_eq!(back.notes("obs-3")[0].tags, ["重要", "todo"]);
    assert_eq!(listing(dir.path()), ["talk.notes.json"]);
}

#[test]
fn output_shape() {
    let text = to_json(&sample());
    assert!(text.ends_with("}\n"));
    assert!(text.starts_with("{\n  \"format\": \"talkdeck-notes\",\n  \"version\": 2,\n"));
    assert!(text.contains("演讲：关于笔记"), "UTF-8 written as is");
    assert!(!text.contains("\"saved\""));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["cards"]["obs-3"][0]["created"],
        "2024-05-01T09:30:15.123456789+08:00"
    );
    // An empty tag list is not written.
    assert!(v["cards"]["obs-3"][1].get("tags").is_none());
    // Known keys first, in a fixed order.
    let pos = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(pos("format") < pos("version") && pos("version") < pos("talk"));
    assert!(pos("talk") < pos("cards") && pos("cards") < pos("x-future"));
}

#[test]
fn unknown_fields_survive_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let original = r#"{
  "version": 1,
  "format": "talkdeck-notes",
  "zzz": [1, {"deep": "值"}],
  "saved": "2024-01-01T00:00:00Z",
  "talk": {"fingerprint": "f", "title": "T", "venue": "Hall 2"},
  "cards": {"c1": [{"id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "text": "x",
 "created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
 "mood": "😀", "tags": ["a"]}]}
}"#;
    let p = write(dir.path(), "n.json", original.as_bytes());
    let mut doc = load(&p).unwrap();
    assert_eq!(doc.extra, extra(json!({"zzz": [1, {"deep": "值"}]})));
    assert_eq!(doc.talk.extra, extra(json!({"venue": "Hall 2"})));
    assert_eq!(doc.notes("c1")[0].extra, extra(json!({"mood": "😀"})));

    // Extras that collide with known keys must not be written twice.
    doc.extra.insert("format".into(), json!("evil"));
    doc.extra.insert("version".into(), json!(99));
    doc.extra.insert("cards".into(), json!({}));
    doc.talk.extra.insert("title".into(), json!("other"));
    let note = &mut doc.cards.get_mut("c1").unwrap()[0];
    note.extra.insert("text".into(), json!("other"));
    note.extra.insert("id".into(), json!("other"));
    save(&p, &doc).unwrap();
    let text = fs::read_to_string(&p).unwrap();
    for key in ["format", "version", "cards", "title", "text", "id", "talk"] {
        assert_eq!(
            text.matches(&format!("\"{key}\":")).count(),
            1,
            "{key}: {text}"
        );
    }
    let again = load(&p).unwrap();
    assert_eq!(again.extra, extra(json!({"zzz": [1, {"deep": "值"}]})));
    assert_eq!(again.talk.extra, extra(json!({"venue": "Hall 2"})));
    assert_eq!(again.talk.title, "T");
    assert_eq!(again.notes("c1")[0].extra, extra(json!({"mood": "😀"})));
    assert_eq!(again.notes("c1")[0].text, "x");
}

fn valid_text() -> String {
    to_json(&sample())
}

/// Other programs may write the header last; it is found wherever it is, and a
/// header seen early does not hide a broken rest.
#[test]
fn the_header_is_found_in_any_key_order() {
    let text = valid_text();
    let head = "{\n  \"format\": \"talkdeck-notes\",\n  \"version\": 2,\n";
    let body = text
        .strip_prefix(head)
        .unwrap()
        .trim_end()
        .strip_suffix('}')
        .unwrap();
    let reordered = format!("{{{body}, \"version\": 2, \"format\": \"talkdeck-notes\"}}");
    assert_eq!(from_json(&reordered, Path::new("x")).unwrap(), sample());

    let broken = format!("{}, oops", &reordered[..reordered.len() - 1]);
    let err = from_json(&broken, Path::new("x")).unwrap_err();
    assert!(matches!(err, NotesError::Syntax { .. }), "{err:?}");
    let early = r#"{"format": "talkdeck-notes", "version": 1, "talk": {"title": 5"#;
    let err = from_json(early, Path::new("x")).unwrap_err();
    assert!(
        matches!(err, NotesError::Syntax { .. } | NotesError::Invalid { .. }),
        "{err:?}"
    );
}

/// Messages are in the language of the thread that makes them; talkdeck's own
/// wording is translated, down to the reasons inside.
#[test]
fn errors_in_chinese() {
    crate::i18n::set_language(crate::i18n::Lang::Zh);
    let not_utf8 = load_fails(b"{\"format\": \"talkdeck-notes\", \xff}").to_string();
    let cut = valid_text();
    let cut = load_fails(&cut.as_bytes()[..cut.len() / 2]).to_string();
    let other = load_fails(br#"{"format": 5, "version": 1}"#).to_string();
    crate::i18n::set_language(crate::i18n::Lang::En);
    assert!(
        not_utf8.contains("不是 UTF-8 文本（第 1 行第 "),
        "{not_utf8}"
    );
    assert!(
        cut.contains("（文件似乎被截断了）") && cut.contains("第 "),
        "{cut}"
    );
    assert!(
        other.contains("不是 talkdeck 笔记文件（\"format\" 是数字 5"),
        "{other}"
    );
}

#[test]
fn truncated_json() {
    let text = valid_text();
    let cut = &text.as_bytes()[..text.len() / 2];
    let err = load_fails(cut);
    let NotesError::Syntax { line, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(*line > 1);
    let msg = err.to_string();
    assert!(msg.contains("line ") && msg.contains("column "), "{msg}");
    assert!(msg.contains("cut short"), "{msg}");
    assert!(err.is_corrupt() && !err.is_future_version() && !err.is_not_found());
}

#[test]
fn not_json() {
    let err = load_fails(b"{\n  \"format\": \"talkdeck-notes\",\n  oops\n}\n");
    assert!(
        matches!(
            err,
            NotesError::Syntax {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{}: line 3, column 3: ", err.path().display()))
    );
    let err = load_fails(b"# talk notes\nhello");
    assert!(
        matches!(
            err,
            NotesError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(load_fails(b""), NotesError::Empty { .. }));
    assert!(matches!(load_fails(b" \n\t"), NotesError::Empty { .. }));
    assert!(matches!(
        load_fails(b"{} trailing"),
        NotesError::Syntax { .. }
    ));
}

#[test]
fn wrong_type_names_the_field() {
    let text = valid_text().replacen("\"2024-05-01T09:30:15.123456789+08:00\"", "5", 1);
    let err = load_fails(text.as_bytes());
    let NotesError::Invalid { field, line, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(field, "cards.obs-3[0].created");
    assert!(*line > 1);
    let msg = err.to_string();
    assert!(
        msg.contains("cards.obs-3[0].created: invalid type: integer `5`"),
        "{msg}"
    );
    assert!(msg.contains("(line "), "{msg}");

    let text = valid_text().replacen("\"ab12cd34\"", "[]", 1);
    let err = load_fails(text.as_bytes());
    assert!(
        err.to_string()
            .contains("talk.fingerprint: invalid type: sequence"),
        "{err}"
    );

    let bad_id = r#"{"format":"talkdeck-notes","version":1,"talk":{"title":"","fingerprint":""},
        "cards":{"a":[{"id":"nope","text":"","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z"}]}}"#;
    let err = load_fails(bad_id.as_bytes());
    assert!(
        matches!(&err, NotesError::Invalid { field, .. } if field == "cards.a[0].id"),
        "{err:?}"
    );

    let missing = r#"{"format":"talkdeck-notes","version":1,"talk":{"title":"","fingerprint":""},
        "cards":{"a":[{"id":"67e55044-10b1-426f-9247-bb680e5fe0c8","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z"}]}}"#;
    let err = load_fails(missing.as_bytes());
    assert!(
        err.to_string().contains("cards.a[0]: missing field `text`"),
        "{err}"
    );

    let no_talk = br#"{"format":"talkdeck-notes","version":1}"#;
    let err = load_fails(no_talk);
    assert!(err.to_string().contains("missing field `talk`"), "{err}");

    let bad_version = br#"{"format":"talkdeck-notes","version":"1"}"#;
    let err = load_fails(bad_version);
    assert!(
        matches!(&err, NotesError::Invalid { field, .. } if field == "version"),
        "{err:?}"
    );
    for version in ["-1", "1.5", "null"] {
        let text = format!(r#"{{"format":"talkdeck-notes","version":{version}}}"#);
        let err = load_fails(text.as_bytes());
        assert!(
            matches!(&err, NotesError::Invalid { field, .. } if field == "version"),
            "{err:?}"
        );
    }
    // Version 0 is the pre-release format: upgraded, then read like any other file.
    let err = load_fails(br#"{"format":"talkdeck-notes","version":0}"#);
    assert!(err.to_string().contains("missing field `talk`"), "{err}");
    assert!(err.to_string().contains("version 0 file"), "{err}");
    let err = load_fails(br#"{"format":"talkdeck-notes"}"#);
    assert!(err.to_string().contains("missing field `version`"), "{err}");
}

/// Found by the fuzzer: serde_json's default float parsing is off by one unit in the
/// last place for some inputs, so a number in an unknown field could change a little
/// with every load and save. Its `float_roundtrip` feature parses exactly.
#[test]
fn numbers_in_unknown_fields_survive_saves() {
    let numbers = [
        "1777777777777777777777777777777777777777777777777777777777777777777777777715",
        "1.7777777777777778e+75",
        "0.30000000000000004",
        "2.2250738585072014e-308",
        "9007199254740993",
        "123456789.12345678",
        "-0.0",
    ];
    for n in numbers {
        let text = valid_text().replacen(
            "\"format\"",
            &format!("\"x-number\": {n},\n  \"format\""),
            1,
        );
        let first = from_json(&text, Path::new("n.json")).unwrap();
        let expected: f64 = n.parse().unwrap();
        assert_eq!(first.extra["x-number"].as_f64(), Some(expected), "{n}");
        let saved = to_json(&first);
        let again = from_json(&saved, Path::new("n.json")).unwrap();
        assert_eq!(to_json(&again), saved, "{n}");
    }
}

#[test]
fn wrong_format() {
    let text = valid_text().replacen("talkdeck-notes", "talkdeck-deck", 1);
    let err = load_fails(text.as_bytes());
    assert!(matches!(err, NotesError::NotNotesFile { .. }), "{err:?}");
    assert!(
        err.to_string().contains("not a talkdeck notes file"),
        "{err}"
    );
    assert!(err.to_string().contains("talkdeck-deck"), "{err}");
    let err = load_fails(br#"{"title": "x"}"#);
    assert!(err.to_string().contains("no \"format\""), "{err}");
    let err = load_fails(b"[1, 2]");
    assert!(err.to_string().contains("top level is an array"), "{err}");
}

#[test]
fn future_version() {
    let text = valid_text()
        .replacen("\"version\": 2", "\"version\": 7", 1)
        .replacen("\"cards\"", "\"shiny\": {\"new\": true},\n  \"cards\"", 1);
    let err = load_fails(text.as_bytes());
    assert!(err.is_future_version());
    assert_eq!(err.future_version(), Some(7));
    assert!(!err.is_corrupt());
    let msg = err.to_string();
    assert!(
        msg.contains("version 7") && msg.contains("version 2"),
        "{msg}"
    );

    // Even a future file whose content this version cannot type is FutureVersion.
    let err = load_fails(br#"{"format":"talkdeck-notes","version":3,"talk":42}"#);
    assert!(err.is_future_version(), "{err:?}");

    // And it can be opened read-only, keeping what it does not know.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "n.json", text.as_bytes());
    let doc = load_read_only(&p).unwrap();
    assert_eq!(doc.cards, sample().cards);
    assert_eq!(doc.extra["shiny"], json!({"new": true}));
    assert_eq!(fs::read_to_string(&p).unwrap(), text);
}

#[test]
fn byte_order_marks() {
    let dir = tempfile::tempdir().unwrap();
    let text = valid_text();
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    let mut le_plain = Vec::new();
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
        le_plain.extend_from_slice(&u.to_le_bytes());
    }
    for (name, bytes) in [
        ("u8", &utf8),
        ("le", &le),
        ("be", &be),
        ("le-no-bom", &le_plain),
    ] {
        let p = write(dir.path(), name, bytes);
        assert_eq!(load(&p).unwrap(), sample(), "{name}");
    }
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(from_json(&with_bom, Path::new("x")).unwrap(), sample());

    // Broken encodings are reported as such.
    let err = load_fails(&le[..le.len() - 1]);
    assert!(matches!(err, NotesError::Encoding { .. }), "{err:?}");
    let err = load_fails(b"{\n \"a\": \"\xFF\"}");
    assert!(
        err.to_string()
            .contains("not UTF-8 text (invalid byte at line 2, column 8)"),
        "{err}"
    );
}

#[test]
fn read_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.json");
    let err = load(&missing).unwrap_err();
    assert!(err.is_not_found() && !err.is_corrupt());
    assert!(
        err.to_string()
            .contains("nope.json: cannot read: file not found"),
        "{err}"
    );
    let err = load(dir.path()).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::IsADirectory));
    assert!(err.to_string().contains("is a folder"), "{err}");
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn save_replaces_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "talk.notes.json", b"old content");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let mut doc = sample();
    save(&p, &doc).unwrap();
    assert_eq!(load(&p).unwrap(), doc);
    // "old content" was no notes file: no backup of it.
    assert_eq!(listing(dir.path()), ["talk.notes.json"]);
    doc.add("obs-9", "more", t0());
    save(&p, &doc).unwrap();
    assert_eq!(load(&p).unwrap(), doc);
    assert_eq!(
        listing(dir.path()),
        ["talk.notes.json", "talk.notes.json.bak"]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in ["talk.notes.json", "talk.notes.json.bak"] {
            let meta = fs::metadata(dir.path().join(name)).unwrap();
            let mode = meta.permissions().mode() & 0o777;
            assert_eq!(mode, 0o640, "mode of the replaced file is kept: {name}");
        }
    }
}

#[test]
fn save_keeps_the_previous_notes_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let bak = dir.path().join("n.json.bak");
    assert_eq!(backup_path(&p), bak);
    let mut doc = sample();
    save(&p, &doc).unwrap();
    assert!(!bak.exists(), "nothing to back up on the first save");
    let first = fs::read(&p).unwrap();

    // Saving the same notes again keeps no copy of them (the .bak would lose nothing
    // new but could lose an older version).
    save(&p, &doc).unwrap();
    assert!(!bak.exists());

    doc.add("c", "second", t0());
    save(&p, &doc).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), first);
    let second = fs::read(&p).unwrap();
    doc.add("c", "third", t0());
    save(&p, &doc).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), second, "always the version before");
    assert_eq!(load(&bak).unwrap().count("c"), 1);

    // A file that is not notes is never backed up over a good .bak, nor is one cut
    // short after a good header.
    fs::write(&p, b"{ garbage").unwrap();
    save(&p, &doc).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), second);
    let cut = to_json(&doc);
    fs::write(&p, &cut[..cut.len() / 2]).unwrap();
    save(&p, &doc).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), second);
    // A newer version's file is notes too, and is kept.
    let future = to_json(&doc).replacen("\"version\": 2", "\"version\": 9", 1);
    fs::write(&p, &future).unwrap();
    save(&p, &doc).unwrap();
    assert_eq!(fs::read_to_string(&bak).unwrap(), future);
    assert_eq!(listing(dir.path()), ["n.json", "n.json.bak"]);
}

/// A text that fails the check replaces nothing and leaves nothing behind, although
/// it was written (to its temporary file) while the check ran.
#[test]
fn a_text_that_fails_its_check_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let doc = sample();
    save(&p, &doc).unwrap();
    let before = fs::read(&p).unwrap();
    let mut other = sample();
    other.add("c", "不同", t0());
    let other_text = to_json(&other);
    let reason = check_text(&other_text, &doc).unwrap_err();
    assert_eq!(reason, "the notes read back differ");
    assert!(check_text("{", &doc).is_err());
    assert_eq!(
        check_text(&to_json(&doc), &doc).unwrap(),
        <[u8; 32]>::from(Sha256::digest(to_json(&doc)))
    );

    let refuse = || {
        Err(NotesError::Verify {
            path: p.clone(),
            reason,
        })
    };
    let err = replace_file(&p, &other_text, None, refuse).unwrap_err();
    assert!(matches!(err, NotesError::Verify { .. }), "{err:?}");
    assert_eq!(fs::read(&p).unwrap(), before);
    assert_eq!(listing(dir.path()), ["n.json"]);
}

/// The backup is the replaced file itself under a second name, unless that file has
/// other names: then it is a copy, which later edits under those names do not reach.
#[cfg(unix)]
#[test]
fn backup_is_the_old_file_relinked_unless_it_has_other_names() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let bak = backup_path(&p);
    let inode = |path: &Path| fs::metadata(path).unwrap().ino();
    let mut doc = sample();
    let stamp = save_checked(&p, &doc, None).unwrap();
    let (old_inode, old_bytes) = (inode(&p), fs::read(&p).unwrap());
    doc.add("c", "second", t0());
    let stamp = save_checked(&p, &doc, Some(&stamp)).unwrap();
    assert_eq!(inode(&bak), old_inode, "no bytes were copied");
    assert_eq!(fs::read(&bak).unwrap(), old_bytes);
    assert_ne!(inode(&p), old_inode);

    let other = dir.path().join("other-name.json");
    fs::hard_link(&p, &other).unwrap();
    let before = fs::read(&p).unwrap();
    doc.add("c", "third", t0());
    save_checked(&p, &doc, Some(&stamp)).unwrap();
    assert_ne!(inode(&bak), inode(&other), "a copy, not a third name");
    fs::write(&other, b"changed under the other name").unwrap();
    assert_eq!(fs::read(&bak).unwrap(), before);
    assert_eq!(load(&p).unwrap(), doc);
}

#[cfg(unix)]
#[test]
fn backup_of_a_symlinked_file_is_beside_its_target() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let link = dir.path().join("link.json");
    symlink("real/notes.json", &link).unwrap();
    let mut doc = sample();
    save(&link, &doc).unwrap();
    doc.add("c", "x", t0());
    save(&link, &doc).unwrap();
    assert_eq!(backup_path(&link), real_dir.join("notes.json.bak"));
    assert_eq!(listing(&real_dir), ["notes.json", "notes.json.bak"]);
    assert_eq!(listing(dir.path()), ["link.json", "real"]);
}

#[test]
fn a_failing_backup_does_not_stop_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let mut doc = sample();
    save(&p, &doc).unwrap();
    // A folder where the .bak would go: the rename onto it fails.
    fs::create_dir(dir.path().join("n.json.bak")).unwrap();
    fs::write(dir.path().join("n.json.bak").join("inside"), "x").unwrap();
    doc.add("c", "x", t0());
    save(&p, &doc).unwrap();
    assert_eq!(load(&p).unwrap(), doc);
    assert_eq!(listing(dir.path()), ["n.json", "n.json.bak"]);
}

#[test]
fn stamps_describe_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let doc = sample();
    let saved = save_checked(&p, &doc, None).unwrap();
    let (loaded, stamp) = load_stamped(&p).unwrap();
    assert_eq!(loaded, doc);
    assert_eq!(stamp, saved, "the stamp of a save is what a load sees");
    let bytes = fs::read(&p).unwrap();
    assert_eq!(stamp.len, bytes.len() as u64);
    assert!(stamp.matches(&bytes));
    assert!(!stamp.matches(b"other"));
    assert_eq!(
        stamp.sha256,
        <[u8; 32]>::from(Sha256::digest(&bytes)),
        "plain SHA-256 of the file"
    );
    assert!(stamp.mtime.is_some());
    // Load errors are the same as load's.
    let err = load_stamped(&dir.path().join("nope.json")).unwrap_err();
    assert!(err.is_not_found());
    fs::write(&p, "{").unwrap();
    assert!(load_stamped(&p).unwrap_err().is_corrupt());
}

#[test]
fn save_checked_refuses_a_file_changed_by_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let mut doc = sample();
    save(&p, &doc).unwrap();
    let (_, stamp) = load_stamped(&p).unwrap();

    // Nobody else wrote: saves go through, each returning the next stamp.
    doc.add("c", "mine", t0());
    let stamp = save_checked(&p, &doc, Some(&stamp)).unwrap();
    doc.add("c", "mine 2", t0());
    let stamp = save_checked(&p, &doc, Some(&stamp)).unwrap();

    // Another program writes (same length, same modification time: still noticed).
    let theirs = fs::read_to_string(&p)
        .unwrap()
        .replacen("mine 2", "MINE 2", 1);
    let mtime = fs::metadata(&p).unwrap().modified().unwrap();
    fs::write(&p, &theirs).unwrap();
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    doc.add("c", "mine 3", t0());
    let err = save_checked(&p, &doc, Some(&stamp)).unwrap_err();
    assert!(err.is_changed(), "{err:?}");
    assert!(!err.is_corrupt());
    let msg = err.to_string();
    assert!(
        msg.contains("n.json") && msg.contains("changed by another program"),
        "{msg}"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), theirs, "theirs is kept");
    assert_eq!(listing(dir.path()), ["n.json", "n.json.bak"]);

    // Only touched (same bytes, new time): not a change.
    let (_, theirs_stamp) = load_stamped(&p).unwrap();
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime - std::time::Duration::from_secs(100))
        .unwrap();
    let stamp = save_checked(&p, &doc, Some(&theirs_stamp)).unwrap();

    // Removed by someone: nothing to overwrite, so it is written again.
    fs::remove_file(&p).unwrap();
    let stamp = save_checked(&p, &doc, Some(&stamp)).unwrap();
    assert_eq!(load(&p).unwrap(), doc);

    // Replaced by a folder: a plain save error.
    fs::remove_file(&p).unwrap();
    fs::create_dir(&p).unwrap();
    let err = save_checked(&p, &doc, Some(&stamp)).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::IsADirectory));

    // No stamp: no check.
    fs::remove_dir(&p).unwrap();
    fs::write(&p, "anything").unwrap();
    save_checked(&p, &doc, None).unwrap();
    assert_eq!(load(&p).unwrap(), doc);
}

#[test]
fn save_into_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gone").join("n.json");
    let err = save(&p, &sample()).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::NotFound));
    let msg = err.to_string();
    assert!(
        msg.contains("n.json: cannot save: folder") && msg.contains("does not exist"),
        "{msg}"
    );
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn save_to_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let err = save(&sub, &sample()).unwrap_err();
    assert!(
        err.to_string().contains("sub: cannot save: it is a folder"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), ["sub"]);
    assert!(listing(&sub).is_empty());
}

#[test]
fn save_to_a_read_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "n.json", b"keep me");
    let mut perm = fs::metadata(&p).unwrap().permissions();
    perm.set_readonly(true);
    fs::set_permissions(&p, perm).unwrap();
    let err = save(&p, &sample()).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), b"keep me");
    assert_eq!(listing(dir.path()), ["n.json"]);
}

#[cfg(unix)]
#[test]
fn save_into_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::File::create(ro.join("probe")).is_ok() {
        // Running as root: permissions are not enforced.
        fs::remove_file(ro.join("probe")).unwrap();
    } else {
        let err = save(&ro.join("n.json"), &sample()).unwrap_err();
        assert!(err.to_string().contains("permission denied"), "{err}");
        assert!(listing(&ro).is_empty());
    }
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn save_through_symlink() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let target = write(&real_dir, "notes.json", b"old");
    let link = dir.path().join("link.json");
    symlink("real/notes.json", &link).unwrap();
    let doc = sample();
    save(&link, &doc).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&target).unwrap(), doc);
    assert_eq!(load(&link).unwrap(), doc);
    assert_eq!(listing(dir.path()), ["link.json", "real"]);
    assert_eq!(listing(&real_dir), ["notes.json"]);

    // A dangling link: the file is created where it points.
    let dangling = dir.path().join("dangling.json");
    symlink("real/new.json", &dangling).unwrap();
    save(&dangling, &doc).unwrap();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real_dir.join("new.json")).unwrap(), doc);
}

#[test]
fn odd_times_are_saved_loadably() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let mut doc = NotesDoc::new("t", "f");
    let odd_offset = datetime!(2024-01-01 12:00:00 +05:30:17);
    let a = doc.add("c", "a", odd_offset);
    doc.find_mut(a).unwrap().modified = datetime!(-0005-01-01 00:00:00 UTC);
    save(&p, &doc).unwrap();
    let back = load(&p).unwrap();
    assert_eq!(back.notes("c")[0].created, odd_offset, "same instant");
    assert_eq!(back.notes("c")[0].modified.year(), 0, "clamped");
}

#[test]
fn notes_path_beside_talk() {
    assert_eq!(
        default_notes_path(Path::new("talk.txt")),
        Path::new("talk.notes.json")
    );
    assert_eq!(
        default_notes_path(Path::new("/a/b/My Talk.md")),
        Path::new("/a/b/My Talk.notes.json")
    );
    assert_eq!(
        default_notes_path(Path::new("dir/talk")),
        Path::new("dir/talk.notes.json")
    );
    assert_eq!(
        default_notes_path(Path::new("演讲.srt")),
        Path::new("演讲.notes.json")
    );
}

// ----- property tests -----

fn arb_time() -> impl Strategy<Value = OffsetDateTime> {
    // 1900..2200, any nanosecond, any whole-minute offset up to ±23:59.
    (
        -2_208_988_800i64..7_258_118_400,
        0u32..1_000_000_000,
        -1439i32..=1439,
    )
        .prop_map(|(secs, nanos, minutes)| {
            let offset = UtcOffset::from_whole_seconds(minutes * 60).unwrap();
            (OffsetDateTime::from_unix_timestamp(secs).unwrap()
                + time::Duration::nanoseconds(nanos.into()))
            .to_offset(offset)
        })
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".*", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn arb_extra() -> impl Strategy<Value = Extra> {
    prop::collection::btree_map("x-.*", arb_value(), 0..3).prop_map(|m| m.into_iter().collect())
}

fn arb_note() -> impl Strategy<Value = Note> {
    (
        any::<u128>(),
        any::<String>(),
        prop::collection::vec(any::<String>(), 0..3),
        arb_time(),
        arb_time(),
        arb_extra(),
    )
        .prop_map(|(id, text, tags, created, modified, extra)| Note {
            id: Uuid::from_u128(id),
            text,
            tags,
            created,
            modified,
            highlight: None,
            extra,
        })
}

fn arb_doc() -> impl Strategy<Value = NotesDoc> {
    (
        any::<String>(),
        "[0-9a-f]{0,64}",
        arb_extra(),
        prop::collection::btree_map(
            any::<String>(),
            prop::collection::vec(arb_note(), 0..3),
            0..4,
        ),
        arb_extra(),
        prop::collection::btree_map(any::<String>(), any::<String>(), 0..3),
    )
        .prop_map(
            |(title, fingerprint, talk_extra, cards, extra, titles)| NotesDoc {
                talk: TalkRef {
                    title,
                    fingerprint,
                    extra: talk_extra,
                },
                cards,
                starred: Default::default(),
                titles,
                rehearsal: Default::default(),
                extra,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn prop_round_trip(doc in arb_doc()) {
        let text = to_json(&doc);
        let back = from_json(&text, Path::new("p.json")).unwrap();
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(to_json(&back), text);
    }

    #[test]
    fn prop_random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = from_bytes(&bytes, Path::new("r.json"));
        let _ = from_json(&String::from_utf8_lossy(&bytes), Path::new("r.json"));
    }

    #[test]
    fn prop_load_stamped_never_panics(
        doc in arb_doc(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 0..4),
        noise in prop::collection::vec(any::<u8>(), 0..64),
        kind in 0u8..3,
    ) {
        // Random bytes, a cut-short file, or a file with bits flipped, read from disk.
        let mut bytes = to_json(&doc).into_bytes();
        match kind {
            0 => bytes = noise,
            1 => bytes.truncate(cut.index(bytes.len() + 1)),
            _ => {
                for (i, bit) in flips {
                    let i = i.index(bytes.len());
                    bytes[i] ^= 1 << bit;
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        fs::write(&p, &bytes).unwrap();
        match load_stamped(&p) {
            Ok((back, stamp)) => {
                prop_assert!(stamp.matches(&bytes));
                from_json(&to_json(&back), Path::new("s.json")).unwrap();
            }
            Err(e) => {
                prop_assert!(e.is_corrupt() || e.is_future_version(), "{:?}", e);
                prop_assert!(!e.to_string().contains('\n'));
            }
        }
    }

    #[test]
    fn prop_truncation_is_an_error(doc in arb_doc(), frac in 0.0f64..1.0) {
        let text = to_json(&doc);
        let cut = ((text.len() as f64) * frac) as usize;
        let end = text.trim_end().len();
        let result = from_bytes(&text.as_bytes()[..cut], Path::new("t.json"));
        if cut < end {
            let err = result.unwrap_err();
            prop_assert!(err.is_corrupt(), "{:?}", err);
        }
    }

    #[test]
    fn prop_bit_flips_never_panic(
        doc in arb_doc(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4),
    ) {
        let mut bytes = to_json(&doc).into_bytes();
        for (i, bit) in flips {
            let i = i.index(bytes.len());
            bytes[i] ^= 1 << bit;
        }
        if let Ok(back) = from_bytes(&bytes, Path::new("f.json")) {
            // Whatever loads must save loadably again.
            from_json(&to_json(&back), Path::new("f.json")).unwrap();
        }
    }
}
