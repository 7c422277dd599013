//! Why a notes file could not be read or written, in words for the user.

use super::SCHEMA_VERSION;
use crate::atomic::WriteError;
use crate::t;
use crate::textfile::DecodeError;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
    Encoding {
        path: PathBuf,
        #[source]
        source: DecodeError,
    },
    /// The file is empty or only whitespace.
    Empty { path: PathBuf },
    /// Not JSON, or truncated JSON.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        /// The JSON parser's message (English, as serde_json words it).
        message: String,
        /// The text ends before the JSON does.
        cut_short: bool,
    },
    /// JSON, but not a talkdeck notes file (`format` missing or different).
    NotNotesFile { path: PathBuf, reason: NotNotes },
    /// A notes file with a field of the wrong type, a missing field, or a bad `version`.
    /// `field` is the JSON path (`cards.obs-3[0].created`), empty for the top level;
    /// `line`/`column` are 0 when unknown.
    Invalid {
        path: PathBuf,
        field: String,
        message: Invalid,
        line: usize,
        column: usize,
    },
    /// Written by a newer talkdeck. The app may open it read-only with
    /// [`load_read_only`] but must not save over it.
    FutureVersion { path: PathBuf, version: u64 },
    /// The notes could not be written; the previous file (if any) is unchanged.
    Save {
        path: PathBuf,
        #[source]
        source: WriteError,
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
        /// The lock file that could not be made.
        lock_file: PathBuf,
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
            Self::Io { source, .. } | Self::LockFailed { source, .. } => Some(source.kind()),
            Self::Save { source, .. } => Some(source.kind()),
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
            Self::Encoding { source, .. } => format!("{path}: {source}"),
            Self::Empty { .. } => t!("error-notes-empty", path = path),
            Self::Syntax {
                line,
                column,
                message,
                cut_short,
                ..
            } => {
                let message = match cut_short {
                    true => t!("reason-cut-short", message = message.as_str()),
                    false => message.clone(),
                };
                t!(
                    "error-notes-syntax",
                    path = path,
                    line = *line,
                    column = *column,
                    message = message
                )
            }
            Self::NotNotesFile { reason, .. } => {
                t!(
                    "error-notes-not-notes",
                    path = path,
                    reason = reason.to_string()
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
                    "" => message.to_string(),
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
            Self::Save { source, .. } => {
                t!("error-notes-save", path = path, reason = source.to_string())
            }
            Self::Verify { reason, .. } => {
                t!("error-notes-verify", path = path, reason = reason.as_str())
            }
            Self::Changed { .. } => t!("error-notes-changed", path = path),
            Self::Locked { .. } => t!("error-notes-locked", path = path),
            Self::LockFailed {
                lock_file, source, ..
            } => {
                let reason = format!("{}: {}", lock_file.display(), describe_lock(source));
                t!("error-notes-lock-failed", path = path, reason = reason)
            }
        };
        f.write_str(&text)
    }
}

pub(super) fn describe_read(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!("reason-not-found"),
        K::PermissionDenied => t!("reason-permission-denied"),
        K::IsADirectory => t!("reason-is-folder"),
        K::NotADirectory => t!("reason-not-folder"),
        _ => one_line(&e.to_string()),
    }
}

/// Why a lock file could not be made.
fn describe_lock(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => t!("reason-permission-denied"),
        K::ReadOnlyFilesystem => t!("reason-lock-read-only-fs"),
        K::NotFound => t!("reason-lock-no-folder"),
        K::Unsupported => t!("reason-lock-unsupported"),
        _ => one_line(&e.to_string()),
    }
}

/// A JSON value as a message shows it: its kind, and a scalar's first 40 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Null,
    /// An array or an object (`kind` is `array` or `object`).
    Container(&'static str),
    Scalar {
        kind: &'static str,
        text: String,
    },
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Null => "null".to_owned(),
            Self::Container(kind) => t!("value-kind", kind = *kind),
            Self::Scalar { kind, text } => t!("value-shown", kind = *kind, value = one_line(text)),
        };
        f.write_str(&text)
    }
}

/// Why JSON is not a talkdeck notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotNotes {
    TopNotObject(Shown),
    FormatOther(Shown),
    NoFormat,
}

impl fmt::Display for NotNotes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::TopNotObject(found) => t!("reason-top-not-object", found = found.to_string()),
            Self::FormatOther(found) => t!(
                "reason-format-other",
                found = found.to_string(),
                expected = super::FORMAT
            ),
            Self::NoFormat => t!("reason-no-format"),
        };
        f.write_str(&text)
    }
}

/// What is wrong in a notes file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The reader's own message (English, as serde words it), or a migration's.
    Text(String),
    VersionNotNumber(Shown),
    NoVersion,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Text(text) => text.clone(),
            Self::VersionNotNumber(found) => {
                t!("reason-version-not-number", found = found.to_string())
            }
            Self::NoVersion => t!("reason-no-version"),
        };
        f.write_str(&text)
    }
}

/// Replaces control characters (newlines…) so a message stays on one line.
pub(super) fn one_line(s: &str) -> String {
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
