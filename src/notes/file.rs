//! The notes JSON file: format, loading with clear errors, atomic saving.
//!
//! On disk (version 1):
//!
//! ```json
//! {
//!   "format": "talkdeck-notes",
//!   "version": 1,
//!   "talk": { "title": "…", "fingerprint": "<sha256 hex>" },
//!   "cards": { "obs-3": [ { "id": "<uuid>", "text": "…", "tags": ["…"],
//!                           "created": "<RFC 3339>", "modified": "<RFC 3339>" } ] }
//! }
//! ```
//!
//! Unknown fields at the top level, in `talk` and in each note are kept (the `extra` maps)
//! and written back after the known ones, sorted, so diffs stay small. The output is
//! deterministic: saving the same notes twice gives the same bytes (there is no "saved"
//! timestamp; a `saved` field written by someone else is accepted and dropped).
//!
//! Loading reads the header (`format`, `version`) from a generic JSON value first, then
//! reads the typed content straight from the text so that errors carry both the JSON
//! path of the bad field and its line and column.

use super::{Extra, Note, NotesDoc, TalkRef};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

pub const FORMAT: &str = "talkdeck-notes";
pub const SCHEMA_VERSION: u32 = 1;

/// Top-level keys this version owns; an `extra` entry with one of these names is never
/// written (it would duplicate or contradict the real field).
const TOP_KEYS: &[&str] = &["format", "version", "talk", "cards", "saved"];
const TALK_KEYS: &[&str] = &["title", "fingerprint"];
const NOTE_KEYS: &[&str] = &["id", "text", "tags", "created", "modified"];

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
            | Self::Verify { path, .. } => path,
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

    /// The underlying I/O error kind, for read and save errors.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            Self::Io { source, .. } | Self::Save { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path().display();
        match self {
            Self::Io { source, .. } => write!(f, "{p}: cannot read: {}", describe_read(source)),
            Self::Encoding { reason, .. } => write!(f, "{p}: {reason}"),
            Self::Empty { .. } => write!(f, "{p}: the file is empty"),
            Self::Syntax {
                line,
                column,
                message,
                ..
            } => write!(f, "{p}: line {line}, column {column}: {message}"),
            Self::NotNotesFile { reason, .. } => {
                write!(f, "{p}: not a talkdeck notes file ({reason})")
            }
            Self::Invalid {
                field,
                message,
                line,
                column,
                ..
            } => {
                write!(f, "{p}: ")?;
                if !field.is_empty() {
                    write!(f, "{}: ", one_line(field))?;
                }
                write!(f, "{message}")?;
                if *line > 0 {
                    write!(f, " (line {line}, column {column})")?;
                }
                Ok(())
            }
            Self::FutureVersion { version, .. } => write!(
                f,
                "{p}: written by a newer talkdeck (notes format version {version}; this app \
                 knows up to version {SCHEMA_VERSION}), so it can only be opened read-only"
            ),
            Self::Save { reason, .. } => write!(f, "{p}: cannot save: {reason}"),
            Self::Verify { reason, .. } => write!(
                f,
                "{p}: not saved, internal check failed (the new file would not load back: \
                 {reason}); the existing file is untouched"
            ),
        }
    }
}

fn describe_read(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "file not found".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        K::NotADirectory => "a part of the path is not a folder".to_owned(),
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
    let mut text = serde_json::to_string_pretty(&FileOut::new(doc))?;
    text.push('\n');
    Ok(text)
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

/// The typed content of a version 1 file. A hand-written map visitor rather than
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
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        // Checked before the typed pass; "saved" is informational only.
                        "format" | "version" | "saved" => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        "talk" => put(&mut map, &mut talk, "talk")?,
                        "cards" => put(&mut map, &mut cards, "cards")?,
                        _ => put_extra(&mut map, &mut extra, key)?,
                    }
                }
                let talk = talk.ok_or_else(|| de::Error::missing_field("talk"))?.0;
                let cards = cards
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(card, notes)| (card, notes.into_iter().map(|n| n.0).collect()))
                    .collect();
                Ok(FileIn(NotesDoc { talk, cards, extra }))
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
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => put(&mut map, &mut id, "id")?,
                        "text" => put(&mut map, &mut text, "text")?,
                        "tags" => put(&mut map, &mut tags, "tags")?,
                        "created" => put(&mut map, &mut created, "created")?,
                        "modified" => put(&mut map, &mut modified, "modified")?,
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
        message.push_str(" (the file looks cut short)");
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
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => return "an array".to_owned(),
        Value::Object(_) => return "an object".to_owned(),
    };
    let mut shown: String = v.to_string().chars().take(40).collect();
    if shown.len() < v.to_string().len() {
        shown.push('…');
    }
    format!("{kind}, {}", one_line(&shown))
}

/// Checks `format` and returns `version`.
fn read_header(value: &Value, path: &Path) -> Result<u64, NotesError> {
    let not_notes = |reason: String| NotesError::NotNotesFile {
        path: path.to_owned(),
        reason,
    };
    let Some(obj) = value.as_object() else {
        return Err(not_notes(format!(
            "the top level is {}, not an object",
            describe_value(value)
        )));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(not_notes(format!(
                "\"format\" is {}, expected \"{FORMAT}\"",
                describe_value(other)
            )));
        }
        None => return Err(not_notes("it has no \"format\" field".to_owned())),
    }
    match obj.get("version") {
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => Ok(n),
            _ => Err(invalid(
                path,
                "version",
                format!(
                    "expected a whole number from 1 up, found {}",
                    describe_value(v)
                ),
            )),
        },
        None => Err(invalid(path, "", "missing field `version`".to_owned())),
    }
}

/// Reads the typed content with the version 1 reader, from the text so that errors have
/// a position.
fn read_v1(text: &str, path: &Path) -> Result<NotesDoc, NotesError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let file: FileIn = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = match e.path().to_string() {
            root if root == "." => String::new(),
            field => field,
        };
        let inner = e.into_inner();
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
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(path, &e))?;
    let version = read_header(&value, path)?;
    if version > u64::from(SCHEMA_VERSION) && !allow_future {
        return Err(NotesError::FutureVersion {
            path: path.to_owned(),
            version,
        });
    }
    // Version 1 is the only version so far. When there is a version 2, older files will be
    // migrated here (`value` upgraded step by step, then read from the value).
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
        return Err("UTF-16 text with an odd number of bytes (the file looks cut short)".into());
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
            format!(
                "invalid UTF-16 text (unpaired surrogate {:#06x})",
                e.unpaired_surrogate()
            )
        })
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = good.len() - line_start + 1;
        format!("not UTF-8 text (invalid byte at line {line}, column {column})")
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
    fs::read(path).map_err(io_err)
}

/// Loads a notes file. Never writes anything.
pub fn load(path: &Path) -> Result<NotesDoc, NotesError> {
    from_bytes(&read_bytes(path)?, path)
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
            && normalize_time(a.created) == b.created
            && normalize_time(a.modified) == b.modified
    };
    written.talk.title == read.talk.title
        && written.talk.fingerprint == read.talk.fingerprint
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
fn resolve_target(path: &Path) -> io::Result<PathBuf> {
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
    let dir = dir.display();
    match e.kind() {
        K::NotFound => format!("folder {dir} does not exist"),
        K::PermissionDenied => format!("permission denied (cannot write in folder {dir})"),
        K::ReadOnlyFilesystem => format!("folder {dir} is on a read-only file system"),
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "disk quota exceeded".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        K::NotADirectory => "a part of the path is not a folder".to_owned(),
        _ => one_line(&e.to_string()),
    }
}

/// Saves atomically: the new text goes to a temporary file in the same folder, is flushed
/// to disk, and then renamed over `path`, so the file is always either the old or the new
/// notes. A symlink at `path` is followed and its target replaced. The text is checked to
/// load back before anything is written. On error nothing is left behind.
pub fn save(path: &Path, doc: &NotesDoc) -> Result<(), NotesError> {
    let verify_err = |reason: String| NotesError::Verify {
        path: path.to_owned(),
        reason,
    };
    let text = try_to_json(doc).map_err(|e| verify_err(e.to_string()))?;
    match from_json(&text, path) {
        Ok(back) if same_content(doc, &back) => {}
        Ok(_) => return Err(verify_err("the notes read back differ".to_owned())),
        Err(e) => return Err(verify_err(e.to_string())),
    }

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
            return Err(fail(e, "the file is read-only".to_owned()));
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

    let file_name = target.file_name().unwrap_or(OsStr::new("notes"));
    let prefix = format!(".{}.", file_name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if old_permissions.is_none() {
        // Like a plain new file (the umask applies), not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| {
        let reason = save_reason(&e, &dir);
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
        let reason = format!("writing failed: {}", save_reason(&e, &dir));
        fail(e, reason)
    })?;
    tmp.persist(&target).map_err(|e| {
        let reason = format!("cannot replace the file: {}", save_reason(&e.error, &dir));
        fail(e.error, reason)
    })?;
    // Make the rename itself durable. Not possible everywhere (e.g. Windows); ignore.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
