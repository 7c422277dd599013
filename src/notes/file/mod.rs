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
//! `.NAME.talkdeck-XXXXXX.tmp` / `.NAME.bak.talkdeck-XXXXXX.tmp` only while a save runs,
//! or after a crash during one (see `sweep_temp_files`).

mod error;
mod read;
mod save;
mod stamp;
#[cfg(test)]
pub(super) mod tests;
mod write;

pub use error::{Invalid, NotNotes, NotesError, Shown};
pub(super) use save::sidecar;
pub use save::{backup_path, save, save_checked};
pub use stamp::FileStamp;
pub use write::to_json;

use super::NotesDoc;
use crate::readfile::{self, MAX_NOTES_BYTES};
use read::{decode, header_only, parse, read_header};
use serde::de::IgnoredAny;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub const FORMAT: &str = "talkdeck-notes";
pub const SCHEMA_VERSION: u32 = 2;

/// Reads notes from the file's text. `path` is only used in error messages.
pub fn from_json(text: &str, path: &Path) -> Result<NotesDoc, NotesError> {
    parse(text, path, false)
}

/// Reads notes from the file's raw bytes (UTF-8, or UTF-16 with a byte order mark).
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<NotesDoc, NotesError> {
    let text = decode(bytes).map_err(|source| NotesError::Encoding {
        path: path.to_owned(),
        source,
    })?;
    from_json(&text, path)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, NotesError> {
    read_stamped_bytes(path).map(|(bytes, _)| bytes)
}

/// The file's bytes and its modification time, both read through one open handle;
/// anything but a regular file of at most [`MAX_NOTES_BYTES`] is refused at once (see
/// [`crate::readfile`]).
fn read_stamped_bytes(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), NotesError> {
    readfile::read_stamped(path, MAX_NOTES_BYTES).map_err(|source| NotesError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Loads a notes file. Never writes anything.
pub fn load(path: &Path) -> Result<NotesDoc, NotesError> {
    from_bytes(&read_bytes(path)?, path)
}

/// Loads a notes file like [`load`] and also returns the [`FileStamp`] of the bytes that
/// were read, to hand to [`save_checked`] later. Never writes anything.
pub fn load_stamped(path: &Path) -> Result<(NotesDoc, FileStamp), NotesError> {
    let (bytes, mtime) = read_stamped_bytes(path)?;
    let doc = from_bytes(&bytes, path)?;
    Ok((doc, FileStamp::new(&bytes, mtime)))
}

/// True when `bytes` load as a notes file (of any version, also a newer one).
pub(super) fn is_notes_file(bytes: &[u8]) -> bool {
    let path = Path::new("");
    decode(bytes).is_ok_and(|text| {
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // The header is read without the rest; a file cut short after it is no notes file.
        header_only(text).is_some_and(|header| read_header(&header, path).is_ok())
            && serde_json::from_str::<IgnoredAny>(text).is_ok()
    })
}

/// Loads a notes file of any version, reading a newer one as well as this version can
/// (its unknown fields end up in the `extra` maps). For showing a
/// [`NotesError::FutureVersion`] file read-only: never save the result over that file.
pub fn load_read_only(path: &Path) -> Result<NotesDoc, NotesError> {
    let bytes = read_bytes(path)?;
    let text = decode(&bytes).map_err(|source| NotesError::Encoding {
        path: path.to_owned(),
        source,
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
