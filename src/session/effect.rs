//! The I/O a command asks for, run off the UI thread, and what comes back of it.

use super::persistence::SaveKind;
use crate::anchor::{self, Anchoring};
use crate::interop;
use crate::notes::{self, NotesDoc, NotesError};
use crate::t;
use crate::talk::{self, LoadedTalk, Talk, TalkError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::OffsetDateTime;
use uuid::Uuid;

/// I/O a command asks for. Running it never touches the session.
#[derive(Debug, Clone)]
pub enum Effect {
    Save {
        path: PathBuf,
        /// Shared with the session: starting a save copies no notes on the UI thread.
        doc: Arc<NotesDoc>,
        revision: u64,
        kind: SaveKind,
        /// A recovery file made stale by this save, removed once it lands.
        stale_recovery: Option<PathBuf>,
        /// The file as it was last read or written here; the save is refused when the
        /// file on disk is no longer that (another program changed it).
        expected: Option<notes::FileStamp>,
        /// A file new to this window: once written, it is locked for this window.
        take_lock: bool,
    },
    /// Reads a notes file and anchors its highlights in `talk` (the session's talk, shared).
    LoadNotes {
        path: PathBuf,
        talk: Arc<Talk>,
        /// The talk's recovery file: the outcome says whether it holds other notes.
        recovery: Option<PathBuf>,
        /// Put in place of the notes in memory, dropping their unsaved changes (reload).
        discard: bool,
    },
    LoadRecovery(PathBuf),
    /// Locks a notes file for this window (and sweeps the temporary files a crash left
    /// beside it).
    Lock(PathBuf),
    /// Reads W3C Web Annotation JSON-LD into notes for this talk.
    ImportAnnotations {
        path: PathBuf,
        talk: Arc<Talk>,
    },
    /// Writes text (an export) atomically.
    Write {
        path: PathBuf,
        text: String,
    },
    LoadTalk(PathBuf),
    /// Removes a recovery file the user chose not to restore.
    DiscardRecovery(PathBuf),
}

impl Effect {
    /// Does the I/O. Blocking: the app calls it off the UI thread.
    pub fn run(self) -> Outcome {
        match self {
            Effect::Save {
                path,
                doc,
                revision,
                kind,
                stale_recovery,
                expected,
                take_lock,
            } => {
                let result = notes::save_checked(&path, &doc, expected.as_ref());
                if let (Ok(_), Some(stale)) = (&result, stale_recovery) {
                    let _ = std::fs::remove_file(stale);
                }
                let changed = result.as_ref().err().is_some_and(NotesError::is_changed);
                let lock = (take_lock && result.is_ok()).then(|| lock_for_window(&path));
                Outcome::Saved {
                    path,
                    revision,
                    kind,
                    changed,
                    result: result.map_err(|e| e.to_string()),
                    lock,
                }
            }
            Effect::ImportAnnotations { path, talk } => {
                let result = read_annotations(&path, &talk);
                Outcome::AnnotationsImported { path, result }
            }
            Effect::Write { path, text } => {
                let result = crate::recap::write_atomically(&path, &text);
                Outcome::Written { path, result }
            }
            Effect::Lock(path) => {
                let taken = lock_for_window(&path);
                Outcome::Locked { path, taken }
            }
            Effect::LoadRecovery(path) => Outcome::RecoveryLoaded {
                result: notes::load(&path)
                    .map(|mut doc| {
                        doc.make_ids_unique();
                        doc
                    })
                    .map_err(|e| e.to_string()),
            },
            Effect::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(path);
                Outcome::RecoveryDiscarded
            }
            Effect::LoadNotes {
                path,
                talk,
                recovery,
                discard,
            } => {
                let result = notes::load_stamped(&path).map(|(mut doc, stamp)| {
                    let renamed_ids = doc.make_ids_unique();
                    // Here rather than on the UI thread: after an edit of the talk, 10 000
                    // highlights take tens of milliseconds to find again.
                    let anchorings = anchorings_in(&doc, &anchor::TalkIndex::new(&talk));
                    let recovery_differs = recovery.is_some_and(|r| holds_other_notes(&r, &doc));
                    Box::new(LoadedNotes {
                        doc,
                        stamp,
                        anchorings,
                        fingerprint: talk.fingerprint.clone(),
                        renamed_ids,
                        recovery_differs,
                    })
                });
                let result = result.map_err(|e| {
                    let mut error = LoadNotesError::from(&e);
                    if e.is_future_version() {
                        error.read_only = notes::load_read_only(&path).ok().map(Box::new);
                    }
                    if e.is_corrupt()
                        && let Ok(copy) = notes::keep_corrupt_copy(&path)
                    {
                        let copy = copy.display().to_string();
                        error.message = t!(
                            "error-notes-copy-kept",
                            message = error.message,
                            copy = copy
                        );
                        let backup = notes::backup_path(&path);
                        if backup.is_file() {
                            let backup = backup.display().to_string();
                            error.message = t!(
                                "error-notes-backup-there",
                                message = error.message,
                                backup = backup
                            );
                        }
                    }
                    error
                });
                Outcome::NotesLoaded {
                    path,
                    result,
                    discard,
                }
            }
            Effect::LoadTalk(path) => {
                let result = talk::load_talk(&path).map_err(|e: TalkError| e.to_string());
                Outcome::TalkLoaded {
                    path,
                    result: result.map(Box::new),
                }
            }
        }
    }
}

/// What trying to lock a notes file for this window came to.
#[derive(Debug, Clone)]
pub enum LockTaken {
    Held(Arc<notes::NotesLock>),
    /// Another window (or process) has the file: why, to show.
    Elsewhere(String),
    /// Locks are not to be had there (logged); the file is used without one.
    Unavailable,
    /// The folder cannot be written (read-only): saves there will fail. Why, to show.
    ReadOnlyFolder(String),
}

impl PartialEq for LockTaken {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Held(a), Self::Held(b)) => a.lock_path() == b.lock_path(),
            (Self::Elsewhere(a), Self::Elsewhere(b)) => a == b,
            (Self::Unavailable, Self::Unavailable) => true,
            (Self::ReadOnlyFolder(a), Self::ReadOnlyFolder(b)) => a == b,
            _ => false,
        }
    }
}

/// Locks `path` for this window; file I/O, so the I/O thread does it.
fn lock_for_window(path: &Path) -> LockTaken {
    match notes::lock(path) {
        Ok(lock) => {
            let swept = notes::sweep_temp_files(path);
            if swept > 0 {
                log::info!(
                    "removed {swept} temporary files a crash left beside {}",
                    path.display()
                );
            }
            LockTaken::Held(Arc::new(lock))
        }
        Err(e) if e.is_locked() => LockTaken::Elsewhere(e.to_string()),
        Err(e)
            if matches!(
                e.io_kind(),
                Some(std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem)
            ) =>
        {
            LockTaken::ReadOnlyFolder(e.to_string())
        }
        Err(e) => {
            log::warn!("{e}");
            LockTaken::Unavailable
        }
    }
}

/// A notes file read, with its highlights anchored in the talk that asked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedNotes {
    pub doc: NotesDoc,
    pub stamp: notes::FileStamp,
    /// Where each highlight's passage is, by note id.
    pub anchorings: Anchorings,
    /// The talk `anchorings` are for (the session may have opened another since).
    pub fingerprint: String,
    /// Notes whose id another note of the file had too, given new ids.
    pub renamed_ids: usize,
    /// The talk's recovery file holds notes this file lacks (an earlier run's unsaved
    /// changes): they are offered.
    pub recovery_differs: bool,
}

/// True when the recovery file at `path` holds notes other than `doc`'s.
fn holds_other_notes(path: &Path, doc: &NotesDoc) -> bool {
    if !path.is_file() {
        return false;
    }
    match notes::load(path) {
        Ok(recovered) => recovered.cards != doc.cards || recovered.starred != doc.starred,
        Err(e) => {
            log::warn!("{e}");
            false
        }
    }
}

/// Where each highlight's passage is in a talk, by note id.
pub type Anchorings = HashMap<Uuid, Anchoring>;

/// Finds every highlight's passage in the talk `index` was made of.
pub(super) fn anchorings_in(doc: &NotesDoc, index: &anchor::TalkIndex) -> Anchorings {
    doc.all()
        .filter_map(|(_, n)| {
            let highlight = n.highlight.as_ref()?;
            Some((n.id, index.reanchor(&highlight.target)))
        })
        .collect()
}

/// Why a notes file could not be opened, and whether it exists at all: a missing file is
/// simply a new notes file, created on first save.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadNotesError {
    pub message: String,
    pub not_found: bool,
    /// JSON, but not a talkdeck notes file: maybe W3C annotations.
    pub not_notes_file: bool,
    /// The notes of a file written by a newer talkdeck, to show (but never save over).
    pub read_only: Option<Box<NotesDoc>>,
}

impl From<&NotesError> for LoadNotesError {
    fn from(e: &NotesError) -> Self {
        Self {
            not_found: e.is_not_found(),
            not_notes_file: matches!(e, NotesError::NotNotesFile { .. }),
            message: e.to_string(),
            read_only: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved {
        path: PathBuf,
        revision: u64,
        kind: SaveKind,
        /// The save was refused because another program changed the file.
        changed: bool,
        result: Result<notes::FileStamp, String>,
        /// The lock on a file this window saved to for the first time.
        lock: Option<LockTaken>,
    },
    RecoveryLoaded {
        result: Result<NotesDoc, String>,
    },
    RecoveryDiscarded,
    Locked {
        path: PathBuf,
        taken: LockTaken,
    },
    AnnotationsImported {
        path: PathBuf,
        result: Result<interop::Imported, String>,
    },
    Written {
        path: PathBuf,
        result: Result<(), String>,
    },
    NotesLoaded {
        path: PathBuf,
        result: Result<Box<LoadedNotes>, LoadNotesError>,
        discard: bool,
    },
    TalkLoaded {
        path: PathBuf,
        result: Result<Box<LoadedTalk>, String>,
    },
}

/// Reads a W3C Web Annotation file for a talk.
fn read_annotations(path: &Path, talk: &Talk) -> Result<interop::Imported, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{}: line {}, column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if !interop::looks_like_w3c(&value) {
        return Err(format!("{}: not W3C Web Annotation data", path.display()));
    }
    Ok(interop::import(&value, talk, OffsetDateTime::now_utc()))
}
