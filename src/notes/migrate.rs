//! Upgrading notes files written in an older format version to the current one.
//!
//! The loader reads the header (`format`, `version`) first; a file whose version is older
//! than [`SCHEMA_VERSION`] is upgraded here as a generic JSON value, one version at a
//! time, and then read by the current reader. Nothing is written back until the user's
//! next save, which writes the current version (and keeps the old file as `NAME.bak`).
//!
//! Versions:
//!
//! - **0**, the pre-release format: like version 1, but the notes were under `"notes"`
//!   (card id → list of notes) instead of `"cards"`.
//! - **1**: like version 2, without `rehearsal`.
//! - **2**, the current format (see the `file` module): adds `rehearsal`, the planned
//!   duration, budgets and rehearsal runs ([`crate::rehearsal::log`]). A version 1 file
//!   is read as it is (it only lacks the new field), straight from its text so that
//!   errors keep their line and column; written back, it becomes version 2 (the version 1
//!   file stays as `NAME.bak`). A version 1 app opens a version 2 file read-only, as any
//!   newer file, so it never drops the runs.
//!
//! To add version N+1: bump `SCHEMA_VERSION`, add a `vN_to_vN1` step below and a test
//! with a file in the old shape. A step that only adds fields (as 1 → 2) does nothing to
//! the value, and [`reads_as_current`] lets the loader skip the value entirely.

use super::file::SCHEMA_VERSION;
use serde_json::{Map, Value};

/// Why an older file could not be upgraded. The loader turns it into
/// [`NotesError::Invalid`](super::NotesError::Invalid).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if field.is_empty() { String::new() } else { format!("{field}: ") })]
pub struct MigrationError {
    /// The version of the step that failed (the file's version, or a later one on the way).
    pub from: u64,
    /// JSON path of the offending field, empty for the top level.
    pub field: String,
    pub message: String,
}

/// Upgrades the content of a notes file of format version `from` to the current version
/// ([`SCHEMA_VERSION`]), step by step. The result has `"version"` set to the current
/// version; everything the steps do not touch (also unknown fields) is kept as it is.
/// `from` equal to the current version returns `value` unchanged; a newer `from` is an
/// error (there is no downgrading).
pub fn migrate(mut value: Value, from: u64) -> Result<Value, MigrationError> {
    let current = u64::from(SCHEMA_VERSION);
    if from > current {
        return Err(MigrationError {
            from,
            field: "version".to_owned(),
            message: format!(
                "version {from} is newer than this app's version {current}; it cannot be \
                 downgraded"
            ),
        });
    }
    let mut version = from;
    while version < current {
        let obj = object_mut(&mut value, version)?;
        match version {
            0 => v0_to_v1(obj)?,
            // Version 2 adds an optional field: nothing to change.
            1 => {}
            _ => {
                return Err(MigrationError {
                    from: version,
                    field: "version".to_owned(),
                    message: format!("this app cannot upgrade a version {version} file"),
                });
            }
        }
        version += 1;
        obj.insert("version".to_owned(), Value::from(version));
    }
    Ok(value)
}

/// A file of version `from` reads with the current reader as it is: every step from it
/// to the current version only adds fields.
pub fn reads_as_current(from: u64) -> bool {
    (1..=u64::from(SCHEMA_VERSION)).contains(&from)
}

fn object_mut(value: &mut Value, version: u64) -> Result<&mut Map<String, Value>, MigrationError> {
    value.as_object_mut().ok_or_else(|| MigrationError {
        from: version,
        field: String::new(),
        message: "the top level is not an object".to_owned(),
    })
}

/// Version 0 → 1: `"notes"` is renamed `"cards"`.
fn v0_to_v1(obj: &mut Map<String, Value>) -> Result<(), MigrationError> {
    if obj.contains_key("cards") {
        return Err(MigrationError {
            from: 0,
            field: "cards".to_owned(),
            message: "a version 0 file keeps its notes under \"notes\", but this one also \
                      has \"cards\""
                .to_owned(),
        });
    }
    if let Some(notes) = obj.remove("notes") {
        obj.insert("cards".to_owned(), notes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{NotesError, from_json, load, load_stamped, save, to_json};
    use serde_json::json;
    use std::path::Path;

    /// A notes file as the pre-release version wrote it.
    const V0: &str = r#"{
  "format": "talkdeck-notes",
  "version": 0,
  "talk": { "title": "旧格式", "fingerprint": "f00d", "venue": "Hall 1" },
  "notes": {
    "obs-1": [
      { "id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "text": "早期的笔记",
        "tags": ["v0"], "created": "2024-01-01T00:00:00Z",
        "modified": "2024-01-02T00:00:00+08:00", "color": "red" }
    ]
  },
  "x-extra": [1, 2]
}"#;

    #[test]
    fn version_0_value_becomes_the_current_version() {
        let value: Value = serde_json::from_str(V0).unwrap();
        let migrated = migrate(value.clone(), 0).unwrap();
        assert_eq!(migrated["version"], json!(SCHEMA_VERSION));
        assert!(migrated.get("notes").is_none());
        assert_eq!(migrated["cards"], value["notes"]);
        assert_eq!(migrated["talk"], value["talk"], "untouched");
        assert_eq!(migrated["x-extra"], json!([1, 2]), "unknown fields kept");
    }

    #[test]
    fn the_current_version_is_unchanged_and_newer_ones_refused() {
        let value = json!({"format": "talkdeck-notes", "version": 2, "cards": {}});
        assert_eq!(migrate(value.clone(), 2).unwrap(), value);
        let mut v1 = value.clone();
        v1["version"] = json!(1);
        assert_eq!(
            migrate(v1, 1).unwrap(),
            value,
            "1 → 2 only sets the version"
        );
        let err = migrate(value, 3).unwrap_err();
        assert_eq!(err.field, "version");
        assert!(err.to_string().contains("cannot be downgraded"), "{err}");
    }

    #[test]
    fn the_loader_migrates_version_0_files() {
        let doc = from_json(V0, Path::new("old.json")).unwrap();
        let notes = doc.notes("obs-1");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "早期的笔记");
        assert_eq!(notes[0].tags, ["v0"]);
        assert_eq!(notes[0].extra["color"], json!("red"));
        assert_eq!(doc.talk.title, "旧格式");
        assert_eq!(doc.talk.extra["venue"], json!("Hall 1"));
        assert_eq!(doc.extra["x-extra"], json!([1, 2]));
        assert!(!doc.extra.contains_key("notes"));
        // Written back as the current version.
        let text = to_json(&doc);
        assert!(text.contains("\"version\": 2") && text.contains("\"cards\""));
        assert_eq!(from_json(&text, Path::new("new.json")).unwrap(), doc);
    }

    #[test]
    fn saving_a_migrated_file_keeps_the_old_one_as_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        std::fs::write(&p, V0).unwrap();
        let (doc, _) = load_stamped(&p).unwrap();
        save(&p, &doc).unwrap();
        assert_eq!(load(&p).unwrap(), doc);
        assert_eq!(
            std::fs::read_to_string(crate::notes::backup_path(&p)).unwrap(),
            V0
        );
    }

    #[test]
    fn broken_version_0_files_are_reported_with_the_field() {
        let both = V0.replacen("\"x-extra\"", "\"cards\": {}, \"x-extra\"", 1);
        let err = from_json(&both, Path::new("b.json")).unwrap_err();
        assert!(
            matches!(&err, NotesError::Invalid { field, .. } if field == "cards"),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("version 0"), "{msg}");

        let bad_time = V0.replace("2024-01-01T00:00:00Z", "yesterday");
        let err = from_json(&bad_time, Path::new("b.json")).unwrap_err();
        assert!(
            matches!(&err, NotesError::Invalid { field, .. } if field == "cards.obs-1[0].created"),
            "{err:?}"
        );
        assert!(err.is_corrupt());
        assert!(err.to_string().contains("version 0 file"), "{err}");
    }

    /// A notes file as version 1 wrote it: no `rehearsal`.
    const V1: &str = r#"{
  "format": "talkdeck-notes",
  "version": 1,
  "talk": { "title": "一版", "fingerprint": "f00d" },
  "cards": { "obs-1": [ { "id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "text": "笔记",
    "created": "2024-01-01T00:00:00Z", "modified": "2024-01-02T00:00:00Z" } ] },
  "starred": ["obs-1"]
}"#;

    #[test]
    fn version_1_files_open_and_are_saved_as_version_2_with_runs() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        std::fs::write(&p, V1).unwrap();
        let (mut doc, _) = load_stamped(&p).unwrap();
        assert_eq!(doc.notes("obs-1")[0].text, "笔记");
        assert!(doc.rehearsal.is_empty());
        doc.rehearsal
            .set_planned(Some(std::time::Duration::from_secs(600)));
        save(&p, &doc).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("\"version\": 2"), "{text}");
        assert!(text.contains("\"plannedMs\": 600000"), "{text}");
        assert_eq!(load(&p).unwrap(), doc);
        let backup = std::fs::read_to_string(crate::notes::backup_path(&p)).unwrap();
        assert_eq!(backup, V1, "the version 1 file is kept");
    }

    #[test]
    fn version_1_errors_keep_their_line_and_column() {
        let bad = V1.replace("\"笔记\"", "5");
        let err = from_json(&bad, Path::new("b.json")).unwrap_err();
        match &err {
            NotesError::Invalid { field, line, .. } => {
                assert_eq!(field, "cards.obs-1[0].text");
                assert_eq!(*line, 5);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_rehearsal_field_is_named() {
        let bad = V1.replacen("\"version\": 1", "\"version\": 2", 1).replacen(
            "\"starred\"",
            "\"rehearsal\": {\"plannedMs\": \"20 min\"}, \"starred\"",
            1,
        );
        let err = from_json(&bad, Path::new("b.json")).unwrap_err();
        assert!(
            matches!(&err, NotesError::Invalid { field, .. } if field == "rehearsal.plannedMs"),
            "{err:?}"
        );
    }
}
