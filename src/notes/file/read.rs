//! The file's text → notes: the header first, then the typed content with the JSON path,
//! line and column of any bad field.

use super::error::{Invalid, NotNotes, Shown, one_line};
use super::{FORMAT, NotesError, SCHEMA_VERSION};
use crate::notes::{Extra, Highlight, Note, NotesDoc, TalkRef};
use crate::textfile::{self, Accept, DecodeError};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use time::OffsetDateTime;
use uuid::Uuid;

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
pub(super) struct FileIn(pub(super) NotesDoc);
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
                let mut titles: Option<BTreeMap<String, String>> = None;
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
                        "titles" => put(&mut map, &mut titles, "titles")?,
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
                    titles: titles.unwrap_or_default(),
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
                let mut highlight: Option<Highlight> = None;
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
    NotesError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: bare_message(e),
        cut_short: e.is_eof(),
    }
}

fn invalid(path: &Path, field: &str, message: Invalid) -> NotesError {
    NotesError::Invalid {
        path: path.to_owned(),
        field: field.to_owned(),
        message,
        line: 0,
        column: 0,
    }
}

pub(super) fn describe_value(v: &Value) -> Shown {
    let kind = match v {
        Value::Null => return Shown::Null,
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => return Shown::Container("array"),
        Value::Object(_) => return Shown::Container("object"),
    };
    let full = v.to_string();
    let mut text: String = full.chars().take(40).collect();
    if text.len() < full.len() {
        text.push('…');
    }
    Shown::Scalar { kind, text }
}

/// Checks `format` and returns `version`.
pub(super) fn read_header(value: &Value, path: &Path) -> Result<u64, NotesError> {
    let not_notes = |reason: NotNotes| NotesError::NotNotesFile {
        path: path.to_owned(),
        reason,
    };
    let Some(obj) = value.as_object() else {
        return Err(not_notes(NotNotes::TopNotObject(describe_value(value))));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(not_notes(NotNotes::FormatOther(describe_value(other))));
        }
        None => return Err(not_notes(NotNotes::NoFormat)),
    }
    match obj.get("version") {
        // Version 0 is the pre-release format, migrated on load (see `migrate`).
        Some(v) => v.as_u64().ok_or_else(|| {
            invalid(
                path,
                "version",
                Invalid::VersionNotNumber(describe_value(v)),
            )
        }),
        None => Err(invalid(path, "", Invalid::NoVersion)),
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
            message: Invalid::Text(bare_message(&inner)),
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
        invalid(path, &field, Invalid::Text(message))
    })?;
    Ok(file.0)
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

pub(super) fn parse(text: &str, path: &Path, allow_future: bool) -> Result<NotesDoc, NotesError> {
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
    if version < u64::from(SCHEMA_VERSION) && !crate::notes::migrate::reads_as_current(version) {
        // An older file: upgraded step by step as a generic value, then read from it.
        let value = match value {
            Some(v) => v,
            None => serde_json::from_str(text).map_err(|e| syntax_error(path, &e))?,
        };
        let value = crate::notes::migrate(value, version).map_err(|e| {
            invalid(
                path,
                &e.field,
                Invalid::Text(format!(
                    "{} (while upgrading a version {version} file to version {SCHEMA_VERSION})",
                    e.message
                )),
            )
        })?;
        return read_value(value, path, version);
    }
    // The current version (and an older one it reads as is) is read from the text, so
    // that errors have a line and column.
    drop(value);
    read_v1(text, path)
}

/// Turns file bytes into text with the app's one decoder: UTF-8 (a BOM is dropped), or
/// UTF-16 LE/BE with a BOM or recognised without one. JSON is never in a legacy encoding.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    textfile::decode(bytes, Accept::Unicode).map(|decoded| decoded.text)
}

/// The `format` and `version` of a notes file as a small JSON object, read without
/// building the rest into a tree, and without reading past them once both are found (they
/// come first in the files talkdeck writes; a 3 MB file need not be scanned for two
/// fields). `None` when the text is not a JSON object (then the caller parses it whole,
/// for the precise error).
pub(super) fn header_only(text: &str) -> Option<Value> {
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
