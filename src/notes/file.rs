//! The notes JSON file: format, loading with clear errors, atomic saving.
//!
//! On disk (version 2):
//!
//! ```json
//! {
//!   "format": "talkdeck-notes",
//!   "version": 2,
//!   "talk": { "title": "…", "fingerprint": "<sha256 hex>" },
//!   "cards": { "obs-3": [ { "id": "<uuid>", "text": "…", "tags": ["…"],
//!                           "created": "<RFC 3339>", "modified": "<RFC 3339>" } ] },
//!   "rehearsal": { "plannedMs": 1200000, "runs": [ … ] }
//! }
//! ```
//!
//! (`rehearsal`: see [`crate::rehearsal::log`].)
//!
//! Unknown fields at the top level, in `talk` and in each note are kept (the `extra` maps)
//! and written back after the known ones, sorted, so diffs stay small. The output is
//! deterministic: saving the same notes twice gives the same bytes (there is no "saved"
//! timestamp; a `saved` field written by someone else is accepted and dropped).
//!
//! Loading reads the header (`format`, `version`) from a generic JSON value first, then
//! reads the typed content straight from the text so that errors carry both the JSON
//! path of the bad field and its line and column. A file of an older version is upgraded
//! as a value first (see the `migrate` module) and read from that.
//!
//! Files a save leaves beside `NAME`: `NAME.bak` (the version before the last save),
//! `.NAME.XXXXXX.tmp` / `.NAME.bak.XXXXXX.tmp` only while a save runs, or after a crash
//! during one (see `sweep_temp_files`).

use super::{Extra, Note, NotesDoc, TalkRef};
use crate::t;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

pub const FORMAT: &str = "talkdeck-notes";
pub const SCHEMA_VERSION: u32 = 2;

/// Top-level keys this version owns; an `extra` entry with one of these names is never
/// written (it would duplicate or contradict the real field).
const TOP_KEYS: &[&str] = &[
    "format",
    "version",
    "talk",
    "cards",
    "starred",
    "rehearsal",
    "saved",
];
const TALK_KEYS: &[&str] = &["title", "fingerprint"];
const NOTE_KEYS: &[&str] = &["id", "text", "tags", "created", "modified", "highlight"];

/// Why a notes file could not be read or written. `Display` is one line that starts with
/// the file's path.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// The file could not be read (not found, a folder, permission denied, …).
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The bytes are not UTF-8 (or UTF-16 with a byte order mark).
    Encoding { path: PathBuf, reason: String },
    /// The file is empty or only whitespace.
    Empty { path: PathBuf },
    /// Not JSON, or truncated JSON.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a talkdeck notes file (`format` missing or different).
    NotNotesFile { path: PathBuf, reason: String },
    /// A notes file with a field of the wrong type, a missing field, or a bad `version`.
    /// `field` is the JSON path (`cards.obs-3[0].created`), empty for the top level;
    /// `line`/`column` are 0 when unknown.
    Invalid {
        path: PathBuf,
        field: String,
        message: String,
        line: usize,
        column: usize,
    },
    /// Written by a newer talkdeck. The app may open it read-only with
    /// [`load_read_only`] but must not save over it.
    FutureVersion { path: PathBuf, version: u64 },
    /// The notes could not be written; the previous file (if any) is unchanged.
    Save {
        path: PathBuf,
        reason: String,
        #[source]
        source: io::Error,
    },
    /// A bug: the text about to be written does not load back as the same notes. Nothing
    /// was written.
    Verify { path: PathBuf, reason: String },
    /// [`save_checked`]: the file on disk is no longer the one the notes were loaded from
    /// (another program wrote or replaced it). Nothing was written.
    Changed { path: PathBuf },
    /// [`lock`](super::lock): another talkdeck window (or process) has this notes file
    /// open. The app should open the notes read-only.
    Locked { path: PathBuf },
    /// [`lock`](super::lock): the lock file could not be created or locked (read-only
    /// folder, a file system without locks, …). Not a sign of another window.
    LockFailed {
        path: PathBuf,
        reason: String,
        #[source]
        source: io::Error,
    },
}

impl NotesError {
    /// The file the error is about (as given by the caller).
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Encoding { path, .. }
            | Self::Empty { path }
            | Self::Syntax { path, .. }
            | Self::NotNotesFile { path, .. }
            | Self::Invalid { path, .. }
            | Self::FutureVersion { path, .. }
            | Self::Save { path, .. }
            | Self::Verify { path, .. }
            | Self::Changed { path }
            | Self::Locked { path }
            | Self::LockFailed { path, .. } => path,
        }
    }

    /// The file was written by a newer talkdeck: open it read-only, do not save over it.
    pub fn is_future_version(&self) -> bool {
        matches!(self, Self::FutureVersion { .. })
    }

    /// The version of a file written by a newer talkdeck.
    pub fn future_version(&self) -> Option<u64> {
        match self {
            Self::FutureVersion { version, .. } => Some(*version),
            _ => None,
        }
    }

    /// Loading failed because the file does not exist (start with empty notes).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// The file exists and was read, but its content is not a valid notes file. The app
    /// should not save over it without asking (it may hold notes a human can rescue).
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self,
            Self::Encoding { .. }
                | Self::Empty { .. }
                | Self::Syntax { .. }
                | Self::NotNotesFile { .. }
                | Self::Invalid { .. }
        )
    }

    /// [`save_checked`] refused: another program changed the file since it was loaded.
    pub fn is_changed(&self) -> bool {
        matches!(self, Self::Changed { .. })
    }

    /// [`lock`](super::lock) refused: the notes are open in another talkdeck window.
    pub fn is_locked(&self) -> bool {
        matches!(self, Self::Locked { .. })
    }

    /// The underlying I/O error kind, for read, save and lock errors.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            Self::Io { source, .. }
            | Self::Save { source, .. }
            | Self::LockFailed { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

/// In the language of the thread that formats it (see [`crate::i18n`]): the app's I/O
/// thread takes the window's language with every job.
impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path().display().to_string();
        let path = path.as_str();
        let text = match self {
            Self::Io { source, .. } => {
                t!(
                    "error-notes-cannot-read",
                    path = path,
                    reason = describe_read(source)
                )
            }
            Self::Encoding { reason, .. } => format!("{path}: {reason}"),
            Self::Empty { .. } => t!("error-notes-empty", path = path),
            Self::Syntax {
                line,
                column,
                message,
                ..
            } => t!(
                "error-notes-syntax",
                path = path,
                line = *line,
                column = *column,
                message = message.as_str()
            ),
            Self::NotNotesFile { reason, .. } => {
                t!(
                    "error-notes-not-notes",
                    path = path,
                    reason = reason.as_str()
                )
            }
            Self::Invalid {
                field,
                message,
                line,
                column,
                ..
            } => {
                let message = match field.as_str() {
                    "" => message.clone(),
                    field => format!("{}: {message}", one_line(field)),
                };
                if *line > 0 {
                    t!(
                        "error-notes-invalid-at",
                        path = path,
                        message = message,
                        line = *line,
                        column = *column
                    )
                } else {
                    t!("error-notes-invalid", path = path, message = message)
                }
            }
            Self::FutureVersion { version, .. } => t!(
                "error-notes-future",
                path = path,
                version = *version,
                known = SCHEMA_VERSION
            ),
            Self::Save { reason, .. } => {
                t!("error-notes-save", path = path, reason = reason.as_str())
            }
            Self::Verify { reason, .. } => {
                t!("error-notes-verify", path = path, reason = reason.as_str())
            }
            Self::Changed { .. } => t!("error-notes-changed", path = path),
            Self::Locked { .. } => t!("error-notes-locked", path = path),
            Self::LockFailed { reason, .. } => {
                t!(
                    "error-notes-lock-failed",
                    path = path,
                    reason = reason.as_str()
                )
            }
        };
        f.write_str(&text)
    }
}

fn describe_read(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!("reason-not-found"),
        K::PermissionDenied => t!("reason-permission-denied"),
        K::IsADirectory => t!("reason-is-folder"),
        K::NotADirectory => t!("reason-not-folder"),
        _ => one_line(&e.to_string()),
    }
}

/// Replaces control characters (newlines…) so a message stays on one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    talk: TalkOut<'a>,
    cards: BTreeMap<&'a str, Vec<NoteOut<'a>>>,
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    starred: &'a std::collections::BTreeSet<String>,
    #[serde(skip_serializing_if = "crate::rehearsal::RehearsalLog::is_empty")]
    rehearsal: &'a crate::rehearsal::RehearsalLog,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

#[derive(Serialize)]
struct TalkOut<'a> {
    title: &'a str,
    fingerprint: &'a str,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    id: Uuid,
    text: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(with = "time::serde::rfc3339")]
    created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    modified: OffsetDateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlight: Option<&'a super::Highlight>,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

fn extra_out<'a>(extra: &'a Extra, known: &[&str]) -> BTreeMap<&'a str, &'a Value> {
    extra
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v))
        .collect()
}

impl<'a> FileOut<'a> {
    fn new(doc: &'a NotesDoc) -> Self {
        let cards = doc
            .cards
            .iter()
            .map(|(card, notes)| {
                let notes = notes
                    .iter()
                    .map(|n| NoteOut {
                        id: n.id,
                        text: &n.text,
                        tags: &n.tags,
                        created: normalize_time(n.created),
                        modified: normalize_time(n.modified),
                        highlight: n.highlight.as_ref(),
                        extra: extra_out(&n.extra, NOTE_KEYS),
                    })
                    .collect();
                (card.as_str(), notes)
            })
            .collect();
        Self {
            format: FORMAT,
            version: SCHEMA_VERSION,
            talk: TalkOut {
                title: &doc.talk.title,
                fingerprint: &doc.talk.fingerprint,
                extra: extra_out(&doc.talk.extra, TALK_KEYS),
            },
            cards,
            starred: &doc.starred,
            rehearsal: &doc.rehearsal,
            extra: extra_out(&doc.extra, TOP_KEYS),
        }
    }
}

/// Makes a time representable in RFC 3339: offsets with seconds or beyond ±23:59 become
/// UTC (the same instant), years outside 0000–9999 are clamped. Real timestamps are
/// unchanged.
fn normalize_time(t: OffsetDateTime) -> OffsetDateTime {
    let offset = t.offset();
    let t = if offset.seconds_past_minute() != 0 || offset.whole_hours().unsigned_abs() > 23 {
        t.checked_to_offset(UtcOffset::UTC).unwrap_or(t)
    } else {
        t
    };
    if (0..10_000).contains(&t.year()) {
        return t;
    }
    match t.checked_to_offset(UtcOffset::UTC) {
        Some(utc) if (0..10_000).contains(&utc.year()) => utc,
        _ if t.year() < 0 => time::macros::datetime!(0000-01-01 00:00:00 UTC),
        _ => time::macros::datetime!(9999-12-31 23:59:59.999_999_999 UTC),
    }
}

fn try_to_json(doc: &NotesDoc) -> Result<String, serde_json::Error> {
    // Sized up front: growing a 3 MB buffer by doubling copies it a dozen times.
    let estimate = doc
        .all()
        .map(|(_, n)| 320 + n.text.len() + n.highlight.as_ref().map_or(0, |_| 640))
        .sum::<usize>();
    let mut bytes = Vec::with_capacity(estimate + 4096);
    serde_json::to_writer_pretty(&mut bytes, &FileOut::new(doc))?;
    bytes.push(b'\n');
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// The file's text: pretty-printed JSON ending in a newline, known keys first in a fixed
/// order, unknown ones after them sorted. The same notes always give the same text.
pub fn to_json(doc: &NotesDoc) -> String {
    // Cannot fail: every map key is a string, no floats are produced, and the times are
    // normalized to what RFC 3339 can represent.
    try_to_json(doc).expect("serializing notes cannot fail")
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// A time read with `time::serde::rfc3339`.
struct Rfc3339(OffsetDateTime);

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        time::serde::rfc3339::deserialize(d).map(Self)
    }
}

/// Reads a known field once; a repeated key is an error, as with `#[derive(Deserialize)]`.
fn put<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Unknown field: kept as a raw JSON value.
fn put_extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    key: String,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    extra.insert(key, value);
    Ok(())
}

/// The typed content of a current (or additively older) file. A hand-written map visitor rather than
/// `#[serde(flatten)]`, because flatten buffers the content and loses the JSON path and
/// position of errors inside it.
struct FileIn(NotesDoc);
struct TalkIn(TalkRef);
struct NoteIn(Note);

impl<'de> Deserialize<'de> for FileIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FileIn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a talkdeck notes object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileIn, A::Error> {
                let mut talk: Option<TalkIn> = None;
                let mut cards: Option<BTreeMap<String, Vec<NoteIn>>> = None;
                let mut starred: Option<std::collections::BTreeSet<String>> = None;
                let mut rehearsal: Option<crate::rehearsal::RehearsalLog> = None;
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        // Checked before the typed pass; "saved" is informational only.
                        "format" | "version" | "saved" => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        "talk" => put(&mut map, &mut talk, "talk")?,
                        "cards" => put(&mut map, &mut cards, "cards")?,
                        "starred" => put(&mut map, &mut starred, "starred")?,
                        "rehearsal" => put(&mut map, &mut rehearsal, "rehearsal")?,
                        _ => put_extra(&mut map, &mut extra, key)?,
                    }
                }
                let talk = talk.ok_or_else(|| de::Error::missing_field("talk"))?.0;
                let cards = cards
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(card, notes)| (card, notes.into_iter().map(|n| n.0).collect()))
                    .collect();
                let starred = starred.unwrap_or_default();
                Ok(FileIn(NotesDoc {
                    talk,
                    cards,
                    starred,
                    rehearsal: rehearsal.unwrap_or_default(),
                    extra,
                }))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for TalkIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TalkIn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a talk object with title and fingerprint")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TalkIn, A::Error> {
                let mut title: Option<String> = None;
                let mut fingerprint: Option<String> = None;
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "title" => put(&mut map, &mut title, "title")?,
                        "fingerprint" => put(&mut map, &mut fingerprint, "fingerprint")?,
                        _ => put_extra(&mut map, &mut extra, key)?,
                    }
                }
                Ok(TalkIn(TalkRef {
                    title: title.ok_or_else(|| de::Error::missing_field("title"))?,
                    fingerprint: fingerprint
                        .ok_or_else(|| de::Error::missing_field("fingerprint"))?,
                    extra,
                }))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for NoteIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NoteIn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a note object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoteIn, A::Error> {
                let mut id: Option<Uuid> = None;
                let mut text: Option<String> = None;
                let mut tags: Option<Vec<String>> = None;
                let mut created: Option<Rfc3339> = None;
                let mut modified: Option<Rfc3339> = None;
                let mut highlight: Option<super::Highlight> = None;
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => put(&mut map, &mut id, "id")?,
                        "text" => put(&mut map, &mut text, "text")?,
                        "tags" => put(&mut map, &mut tags, "tags")?,
                        "created" => put(&mut map, &mut created, "created")?,
                        "modified" => put(&mut map, &mut modified, "modified")?,
                        "highlight" => put(&mut map, &mut highlight, "highlight")?,
                        _ => put_extra(&mut map, &mut extra, key)?,
                    }
                }
                Ok(NoteIn(Note {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    text: text.ok_or_else(|| de::Error::missing_field("text"))?,
                    tags: tags.unwrap_or_default(),
                    created: created
                        .ok_or_else(|| de::Error::missing_field("created"))?
                        .0,
                    modified: modified
                        .ok_or_else(|| de::Error::missing_field("modified"))?
                        .0,
                    highlight,
                    extra,
                }))
            }
        }
        d.deserialize_map(V)
    }
}

/// serde_json's message without its " at line L column C" tail.
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    one_line(full.strip_suffix(&tail).unwrap_or(&full))
}

fn syntax_error(path: &Path, e: &serde_json::Error) -> NotesError {
    let mut message = bare_message(e);
    if e.is_eof() {
        message = t!("reason-cut-short", message = message);
    }
    NotesError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

fn invalid(path: &Path, field: &str, message: String) -> NotesError {
    NotesError::Invalid {
        path: path.to_owned(),
        field: field.to_owned(),
        message,
        line: 0,
        column: 0,
    }
}

fn describe_value(v: &Value) -> String {
    let kind = match v {
        Value::Null => return "null".to_owned(),
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => return t!("value-kind", kind = "array"),
        Value::Object(_) => return t!("value-kind", kind = "object"),
    };
    let full = v.to_string();
    let mut shown: String = full.chars().take(40).collect();
    if shown.len() < full.len() {
        shown.push('…');
    }
    t!("value-shown", kind = kind, value = one_line(&shown))
}

/// Checks `format` and returns `version`.
fn read_header(value: &Value, path: &Path) -> Result<u64, NotesError> {
    let not_notes = |reason: String| NotesError::NotNotesFile {
        path: path.to_owned(),
        reason,
    };
    let Some(obj) = value.as_object() else {
        return Err(not_notes(t!(
            "reason-top-not-object",
            found = describe_value(value)
        )));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(not_notes(t!(
                "reason-format-other",
                found = describe_value(other),
                expected = FORMAT
            )));
        }
        None => return Err(not_notes(t!("reason-no-format"))),
    }
    match obj.get("version") {
        // Version 0 is the pre-release format, migrated on load (see `migrate`).
        Some(v) => v.as_u64().ok_or_else(|| {
            invalid(
                path,
                "version",
                t!("reason-version-not-number", found = describe_value(v)),
            )
        }),
        None => Err(invalid(path, "", t!("reason-no-version"))),
    }
}

/// Reads the typed content with the current reader, from the text so that errors have
/// a position.
fn read_v1(text: &str, path: &Path) -> Result<NotesDoc, NotesError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let file: FileIn = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = match e.path().to_string() {
            root if root == "." => String::new(),
            field => field,
        };
        let inner = e.into_inner();
        // The header is read apart from the rest, so broken JSON can first show up here.
        if inner.is_syntax() || inner.is_eof() {
            return syntax_error(path, &inner);
        }
        NotesError::Invalid {
            path: path.to_owned(),
            field,
            message: bare_message(&inner),
            line: inner.line(),
            column: inner.column(),
        }
    })?;
    de.end().map_err(|e| syntax_error(path, &e))?;
    Ok(file.0)
}

/// Reads the typed content from a value that a migration produced. Errors have the JSON
/// path of the bad field but no line and column (the value is not the file's text).
fn read_value(value: Value, path: &Path, from: u64) -> Result<NotesDoc, NotesError> {
    let file: FileIn = serde_path_to_error::deserialize(value).map_err(|e| {
        let field = match e.path().to_string() {
            root if root == "." => String::new(),
            field => field,
        };
        let message = format!(
            "{} (in a version {from} file, after upgrading it to version {SCHEMA_VERSION})",
            bare_message(e.inner())
        );
        invalid(path, &field, message)
    })?;
    Ok(file.0)
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn parse(text: &str, path: &Path, allow_future: bool) -> Result<NotesDoc, NotesError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.chars().all(is_json_space) {
        return Err(NotesError::Empty {
            path: path.to_owned(),
        });
    }
    // Header first, from a generic value: a file of another format or version must not be
    // judged by this version's field types.
    let (value, version) = match header_only(text) {
        Some(header) => (None, read_header(&header, path)?),
        None => {
            let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(path, &e))?;
            let version = read_header(&value, path)?;
            (Some(value), version)
        }
    };
    if version > u64::from(SCHEMA_VERSION) && !allow_future {
        return Err(NotesError::FutureVersion {
            path: path.to_owned(),
            version,
        });
    }
    if version < u64::from(SCHEMA_VERSION) && !super::migrate::reads_as_current(version) {
        // An older file: upgraded step by step as a generic value, then read from it.
        let value = match value {
            Some(v) => v,
            None => serde_json::from_str(text).map_err(|e| syntax_error(path, &e))?,
        };
        let value = super::migrate::migrate(value, version).map_err(|e| {
            invalid(
                path,
                &e.field,
                format!(
                    "{} (while upgrading a version {version} file to version {SCHEMA_VERSION})",
                    e.message
                ),
            )
        })?;
        return read_value(value, path, version);
    }
    // The current version (and an older one it reads as is) is read from the text, so
    // that errors have a line and column.
    drop(value);
    read_v1(text, path)
}

/// Turns file bytes into text: UTF-8 (a BOM is dropped), or UTF-16 LE/BE with a BOM (or
/// without one, recognised by the zero byte next to the first ASCII character).
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    let (utf16_le, body) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => return utf8(rest),
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        [a, 0, ..] if *a != 0 => (true, bytes),
        [0, b, ..] if *b != 0 => (false, bytes),
        _ => return utf8(bytes),
    };
    if body.len() % 2 != 0 {
        return Err(t!("reason-utf16-odd"));
    }
    let units = body.chunks_exact(2).map(|b| {
        if utf16_le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map(Cow::Owned)
        .map_err(|e| {
            let surrogate = format!("{:#06x}", e.unpaired_surrogate());
            t!("reason-utf16-invalid", surrogate = surrogate)
        })
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = good.len() - line_start + 1;
        t!("reason-not-utf8", line = line, column = column)
    })
}

/// Reads notes from the file's text. `path` is only used in error messages.
pub fn from_json(text: &str, path: &Path) -> Result<NotesDoc, NotesError> {
    parse(text, path, false)
}

/// Reads notes from the file's raw bytes (UTF-8, or UTF-16 with a byte order mark).
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<NotesDoc, NotesError> {
    let text = decode(bytes).map_err(|reason| NotesError::Encoding {
        path: path.to_owned(),
        reason,
    })?;
    from_json(&text, path)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, NotesError> {
    read_stamped_bytes(path).map(|(bytes, _)| bytes)
}

/// The file's bytes and its modification time, both read through one open handle.
fn read_stamped_bytes(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), NotesError> {
    let io_err = |source| NotesError::Io {
        path: path.to_owned(),
        source,
    };
    // Some platforms refuse to open a folder with "permission denied"; say what it is.
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(io_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let mut file = fs::File::open(path).map_err(io_err)?;
    let mtime = file.metadata().and_then(|m| m.modified()).ok();
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io_err)?;
    Ok((bytes, mtime))
}

/// Loads a notes file. Never writes anything.
pub fn load(path: &Path) -> Result<NotesDoc, NotesError> {
    from_bytes(&read_bytes(path)?, path)
}

/// What a notes file was when it was loaded or saved: its length, modification time and
/// SHA-256 of its bytes. [`save_checked`] compares it with the file on disk to find out
/// whether another program changed the file in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, where the platform has one. Informational: [`save_checked`]
    /// decides by content (length and hash), not by time.
    pub mtime: Option<SystemTime>,
    /// SHA-256 of the file's bytes.
    pub sha256: [u8; 32],
}

impl FileStamp {
    fn new(bytes: &[u8], mtime: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            mtime,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// True when `bytes` are the bytes this stamp was taken of (same length, same hash).
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64 && self.sha256 == <[u8; 32]>::from(Sha256::digest(bytes))
    }

    /// The hash as lowercase hex, for logs.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Loads a notes file like [`load`] and also returns the [`FileStamp`] of the bytes that
/// were read, to hand to [`save_checked`] later. Never writes anything.
pub fn load_stamped(path: &Path) -> Result<(NotesDoc, FileStamp), NotesError> {
    let (bytes, mtime) = read_stamped_bytes(path)?;
    let doc = from_bytes(&bytes, path)?;
    Ok((doc, FileStamp::new(&bytes, mtime)))
}

/// True when `bytes` load as a notes file (of any version, also a newer one).
fn is_notes_file(bytes: &[u8]) -> bool {
    let path = Path::new("");
    decode(bytes).is_ok_and(|text| {
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // The header is read without the rest; a file cut short after it is no notes file.
        header_only(text).is_some_and(|header| read_header(&header, path).is_ok())
            && serde_json::from_str::<IgnoredAny>(text).is_ok()
    })
}

/// The `format` and `version` of a notes file as a small JSON object, read without
/// building the rest into a tree, and without reading past them once both are found (they
/// come first in the files talkdeck writes; a 3 MB file need not be scanned for two
/// fields). `None` when the text is not a JSON object (then the caller parses it whole,
/// for the precise error).
fn header_only(text: &str) -> Option<Value> {
    /// The header fields seen so far; the visitor stops the parse once both are in.
    #[derive(Default)]
    struct Header {
        format: Option<Value>,
        version: Option<Value>,
    }
    struct Reader<'a>(&'a mut Header);
    /// Returned to stop the parse early: not an error in the file.
    const DONE: &str = "talkdeck: header read";
    impl<'de> de::DeserializeSeed<'de> for Reader<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Reader<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                // `null` counts as present (`Option` alone would read it as absent).
                match key.as_str() {
                    "format" => self.0.format = Some(map.next_value()?),
                    "version" => self.0.version = Some(map.next_value()?),
                    _ => drop(map.next_value::<IgnoredAny>()?),
                }
                if self.0.format.is_some() && self.0.version.is_some() {
                    return Err(de::Error::custom(DONE));
                }
            }
            Ok(())
        }
    }
    // Only objects take this way (the parse below would also stop early on an array).
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let mut header = Header::default();
    let mut de = serde_json::Deserializer::from_str(text);
    match de::DeserializeSeed::deserialize(Reader(&mut header), &mut de) {
        Ok(()) => de.end().ok()?,
        Err(e) if e.to_string().starts_with(DONE) => {}
        Err(_) => return None,
    }
    let mut top = serde_json::Map::new();
    if let Some(format) = header.format {
        top.insert("format".into(), format);
    }
    if let Some(version) = header.version {
        top.insert("version".into(), version);
    }
    Some(Value::Object(top))
}

/// Loads a notes file of any version, reading a newer one as well as this version can
/// (its unknown fields end up in the `extra` maps). For showing a
/// [`NotesError::FutureVersion`] file read-only: never save the result over that file.
pub fn load_read_only(path: &Path) -> Result<NotesDoc, NotesError> {
    let bytes = read_bytes(path)?;
    let text = decode(&bytes).map_err(|reason| NotesError::Encoding {
        path: path.to_owned(),
        reason,
    })?;
    parse(&text, path, true)
}

/// `talk.txt` → `talk.notes.json`, beside the talk.
pub fn default_notes_path(talk_path: &Path) -> PathBuf {
    let mut name = talk_path
        .file_stem()
        .unwrap_or(OsStr::new("talk"))
        .to_os_string();
    name.push(".notes.json");
    talk_path.with_file_name(name)
}

// ---------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------

/// The notes content of two docs is the same (everything but the `extra` maps, whose
/// floating-point numbers may not come back bit for bit).
fn same_content(written: &NotesDoc, read: &NotesDoc) -> bool {
    let note_eq = |a: &Note, b: &Note| {
        a.id == b.id
            && a.text == b.text
            && a.tags == b.tags
            && a.highlight == b.highlight
            && normalize_time(a.created) == b.created
            && normalize_time(a.modified) == b.modified
    };
    written.talk.title == read.talk.title
        && written.talk.fingerprint == read.talk.fingerprint
        && written.starred == read.starred
        && written.rehearsal == read.rehearsal
        && written.cards.len() == read.cards.len()
        && written
            .cards
            .iter()
            .zip(&read.cards)
            .all(|((ka, a), (kb, b))| {
                ka == kb && a.len() == b.len() && a.iter().zip(b).all(|(x, y)| note_eq(x, y))
            })
}

/// Follows `path` if it is a symlink (also a dangling one) to the file to replace.
pub(super) fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                if let Ok(real) = fs::canonicalize(&p) {
                    return Ok(real);
                }
                let link = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn save_reason(e: &io::Error, dir: &Path) -> String {
    use io::ErrorKind as K;
    let dir = dir.display().to_string();
    match e.kind() {
        K::NotFound => t!("reason-folder-missing", dir = dir),
        K::PermissionDenied => t!("reason-folder-denied", dir = dir),
        K::ReadOnlyFilesystem => t!("reason-read-only-fs", dir = dir),
        K::StorageFull => t!("reason-disk-full"),
        K::QuotaExceeded => t!("reason-quota"),
        K::IsADirectory => t!("reason-is-folder"),
        K::NotADirectory => t!("reason-not-folder"),
        _ => one_line(&e.to_string()),
    }
}

/// Saves atomically: the new text goes to a temporary file in the same folder, is flushed
/// to disk, and then renamed over `path`, so the file is always either the old or the new
/// notes. A symlink at `path` is followed and its target replaced. The text is checked to
/// load back before anything is written. On error nothing is left behind.
///
/// When an existing file is replaced and it loads as a notes file (of any version), its
/// bytes are first kept as `NAME.bak` beside it (see [`backup_path`]), written the same
/// atomic way. Garbage is never backed up over a good `.bak`, and neither is a file with
/// the very bytes being saved (that would only lose the older version in the `.bak`).
/// Failing to write the backup is logged and does not stop the save: the user's current
/// notes reaching the disk matters more than keeping the version before them.
pub fn save(path: &Path, doc: &NotesDoc) -> Result<(), NotesError> {
    write_notes(path, doc, None).map(drop)
}

/// [`save`], but only when the file on disk is still the one `expected` describes (what
/// [`load_stamped`] or the previous `save_checked` returned); otherwise nothing is written
/// and the error is [`NotesError::Changed`]. `None` skips the check (a file the app has
/// not loaded, e.g. Save As). Returns the stamp of what was written, for the next save.
///
/// The check is by content: the file's bytes are read and compared by length and SHA-256
/// every time, so a rewrite with the same size and modification time is still noticed,
/// and a file that was only touched (or rewritten with the same bytes by a sync tool) is
/// not taken for a change. The file is read anyway, for the backup. A file that no longer
/// exists is not a conflict: nobody's notes would be overwritten, so it is created again.
/// Between the check and the rename there is a window of a few milliseconds in which
/// another program's write would still be lost; programs that do not take part in
/// [`lock`](super::lock) cannot be excluded completely.
pub fn save_checked(
    path: &Path,
    doc: &NotesDoc,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, NotesError> {
    write_notes(path, doc, expected)
}

/// `NAME.bak` beside the notes file (beside the target when `notes_path` is a symlink):
/// the version before the last save, kept by [`save`] when it was a readable notes file.
pub fn backup_path(notes_path: &Path) -> PathBuf {
    sidecar(notes_path, ".bak")
}

/// The file `notes_path` stands for with `suffix` added to its name, in the same folder
/// (after following a symlink at `notes_path`).
pub(super) fn sidecar(notes_path: &Path, suffix: &str) -> PathBuf {
    let target = resolve_target(notes_path).unwrap_or_else(|_| notes_path.to_path_buf());
    let mut name = target
        .file_name()
        .unwrap_or(OsStr::new("notes"))
        .to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

/// The prefix of the temporary files [`save`] creates for the file named `file_name`:
/// `.NAME.` + 6 random letters and digits + `.tmp` (and `.NAME.bak.` … `.tmp` for the
/// backup).
pub(super) fn temp_prefix(file_name: &OsStr) -> String {
    format!(".{}.", file_name.to_string_lossy())
}

fn write_notes(
    path: &Path,
    doc: &NotesDoc,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, NotesError> {
    let verify_err = |reason: String| NotesError::Verify {
        path: path.to_owned(),
        reason,
    };
    let text = try_to_json(doc).map_err(|e| verify_err(e.to_string()))?;
    // Checking the text takes about as long as writing it to disk: both at once. The new
    // file replaces the old one only once the check has passed.
    let check = || check_text(&text, doc).map_err(verify_err);
    std::thread::scope(|scope| {
        let checking = std::thread::Builder::new()
            .name("talkdeck-verify".into())
            .spawn_scoped(scope, check);
        let confirm = || match checking {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(verify_err("the check of the text failed".to_owned()))),
            // No thread to be had: check here.
            Err(_) => check(),
        };
        replace_file(path, &text, expected, confirm)
    })
}

/// What a save checks before it writes over anything: the text reads back as the same
/// notes (this only catches a bug). Returns the text's SHA-256, for its stamp.
fn check_text(text: &str, doc: &NotesDoc) -> Result<[u8; 32], String> {
    // The current reader straight from the text: the header is what `to_json` just
    // wrote, and error positions are not needed.
    match serde_json::from_str::<FileIn>(text) {
        Ok(FileIn(back)) if same_content(doc, &back) => Ok(Sha256::digest(text).into()),
        Ok(_) => Err("the notes read back differ".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Writes `text` over `path` atomically, with the backup and the `expected` check of
/// [`save_checked`]. `confirm` runs once the new text is safely in its temporary file;
/// an error from it stops the save before anything is replaced, and its `Ok` is the
/// text's SHA-256.
fn replace_file(
    path: &Path,
    text: &str,
    expected: Option<&FileStamp>,
    confirm: impl FnOnce() -> Result<[u8; 32], NotesError>,
) -> Result<FileStamp, NotesError> {
    let fail = |source: io::Error, reason: String| NotesError::Save {
        path: path.to_owned(),
        reason,
        source,
    };
    let target = resolve_target(path).map_err(|e| {
        let reason = format!(
            "cannot follow the symbolic link: {}",
            one_line(&e.to_string())
        );
        fail(e, reason)
    })?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };

    let old_permissions = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            let e = io::Error::new(io::ErrorKind::IsADirectory, "is a directory");
            let reason = save_reason(&e, &dir);
            return Err(fail(e, reason));
        }
        Ok(m) if m.permissions().readonly() => {
            let e = io::Error::new(io::ErrorKind::PermissionDenied, "file is read-only");
            return Err(fail(e, t!("reason-file-read-only")));
        }
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => {
            let reason = save_reason(&e, &dir);
            return Err(fail(e, reason));
        }
    };
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let e = io::Error::new(io::ErrorKind::NotADirectory, "not a directory");
            let reason = format!("{} is not a folder", dir.display());
            return Err(fail(e, reason));
        }
        Err(e) => {
            let reason = save_reason(&e, &dir);
            return Err(fail(e, reason));
        }
    }

    // The file about to be replaced, read once: checked against `expected` and kept as the
    // backup.
    let old = match old_permissions {
        None => None,
        Some(_) => match fs::read(&target) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) if expected.is_some() => {
                let reason = format!(
                    "cannot read the file to check that no other program changed it: {}",
                    describe_read(&e)
                );
                return Err(fail(e, reason));
            }
            Err(e) => {
                log::warn!(
                    "{}: cannot read the old notes to back them up: {}",
                    target.display(),
                    describe_read(&e)
                );
                None
            }
        },
    };
    if let (Some(expected), Some(old)) = (expected, &old)
        && !expected.matches(old)
    {
        return Err(NotesError::Changed {
            path: path.to_owned(),
        });
    }

    let file_name = target.file_name().unwrap_or(OsStr::new("notes"));
    let prefix = temp_prefix(file_name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if old_permissions.is_none() {
        // Like a plain new file (the umask applies), not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| {
        // The folder was just seen to exist, so "not found" here means something else.
        let reason = match e.kind() {
            io::ErrorKind::NotFound => format!(
                "cannot create a file in folder {}: {}",
                dir.display(),
                one_line(&e.to_string())
            ),
            _ => save_reason(&e, &dir),
        };
        fail(e, reason)
    })?;
    // From here on, returning early drops `tmp`, which deletes the temporary file.
    let write = |tmp: &mut tempfile::NamedTempFile| -> io::Result<()> {
        tmp.write_all(text.as_bytes())?;
        tmp.flush()?;
        if let Some(perm) = &old_permissions {
            // Keep the mode of the file being replaced; not worth failing the save over.
            let _ = tmp.as_file().set_permissions(perm.clone());
        }
        tmp.as_file().sync_all()
    };
    write(&mut tmp).map_err(|e| {
        let reason = t!("reason-writing-failed", reason = save_reason(&e, &dir));
        fail(e, reason)
    })?;
    let sha256 = confirm()?;

    // The new notes are safely on disk; keep the old ones before they are replaced. Bytes
    // that match `expected` are notes this app loaded or wrote: no need to check them.
    let keep = |old: &Vec<u8>| {
        old.as_slice() != text.as_bytes() && (expected.is_some() || is_notes_file(old))
    };
    if let Some(old) = old.filter(keep)
        && let Err(e) = write_backup(&target, &dir, &prefix, &old, old_permissions.as_ref())
    {
        log::warn!(
            "{}: could not keep the previous notes as {}: {}",
            target.display(),
            backup_path(&target).display(),
            one_line(&e.to_string())
        );
    }

    let file = tmp.persist(&target).map_err(|e| {
        let reason = t!(
            "reason-cannot-replace",
            reason = save_reason(&e.error, &dir)
        );
        fail(e.error, reason)
    })?;
    // Make the renames durable. Not possible everywhere (e.g. Windows); ignore.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    // Same file as the one written, whatever happened at `target` since the rename.
    let mtime = file.metadata().and_then(|m| m.modified()).ok();
    Ok(FileStamp {
        len: text.len() as u64,
        mtime,
        sha256,
    })
}

/// Makes `NAME.bak` hold `old`, the bytes at `target` now, atomically (a temporary file,
/// then a rename). When `target` is still those bytes and has no other name, the
/// temporary file is a second name (hard link) for it: the bytes are on disk already, so
/// nothing is written or flushed. Otherwise `old` is written and flushed.
fn write_backup(
    target: &Path,
    dir: &Path,
    prefix: &str,
    old: &[u8],
    permissions: Option<&fs::Permissions>,
) -> io::Result<()> {
    let bak_prefix = format!("{prefix}bak.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&bak_prefix).suffix(".tmp");
    if only_name_of(target, old.len())
        && let Ok(link) = builder.make_in(dir, |name| fs::hard_link(target, name))
    {
        link.persist(backup_path(target)).map_err(|e| e.error)?;
        return Ok(());
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(old)?;
    tmp.flush()?;
    if let Some(perm) = permissions {
        let _ = tmp.as_file().set_permissions(perm.clone());
    }
    tmp.as_file().sync_all()?;
    tmp.persist(backup_path(target)).map_err(|e| e.error)?;
    Ok(())
}

/// Whether `path` is a file of `len` bytes with no other hard link: a link to it then
/// stays the bytes just read (the rename that follows gives `path` a new file), and no
/// other name's later edits reach it.
fn only_name_of(path: &Path, len: usize) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(path).is_ok_and(|m| m.nlink() == 1 && m.len() == len as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = (path, len);
        false
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use time::macros::datetime;

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
        assert_eq!(stamp.sha256_hex().len(), 64);
        assert_eq!(
            stamp.sha256_hex(),
            format!("{:x}", Sha256::digest(&bytes)),
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
        )
            .prop_map(|(title, fingerprint, talk_extra, cards, extra)| NotesDoc {
                talk: TalkRef {
                    title,
                    fingerprint,
                    extra: talk_extra,
                },
                cards,
                starred: Default::default(),
                rehearsal: Default::default(),
                extra,
            })
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
}
