//! The I/O a command asks for, run off the UI thread, and what comes back of it.

use super::persistence::SaveKind;
use super::problem::Problem;
use crate::anchor;
use crate::exchange;
use crate::export;

use crate::notes::{self, NotesDoc, NotesError};
use crate::placement::{Anchorings, anchorings_in};
use crate::talk::{self, LoadedTalk, Talk};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Reads another tool's notes (W3C Web Annotation, Hypothesis, pdfpc) for this talk.
    ImportAnnotations {
        path: PathBuf,
        talk: Arc<Talk>,
    },
    /// Reads a notes file in any format to merge its notes into these.
    ReadToMerge {
        path: PathBuf,
        talk: Arc<Talk>,
    },
    /// Makes an export of a snapshot and writes it atomically: the window runs it on a
    /// thread of its own ([`Effect::runs_apart`]), as a long export must not hold up a save.
    Export {
        format: export::Format,
        snapshot: Box<export::Snapshot>,
        path: PathBuf,
    },
    /// Reads a talk file, in the encoding named (`None`: found from the bytes).
    LoadTalk {
        path: PathBuf,
        encoding: Option<&'static str>,
    },
    /// Removes a recovery file the user chose not to restore.
    DiscardRecovery(PathBuf),
}

impl Effect {
    /// Work that is not the notes' own I/O (an export: making a recap of a long talk
    /// takes a while), run apart from it so that saves never wait behind it.
    pub fn runs_apart(&self) -> bool {
        matches!(self, Effect::Export { .. })
    }

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
                let save = SaveOutcome {
                    path,
                    revision,
                    kind,
                    changed,
                    result: result.map_err(Problem::from),
                };
                Outcome::Saved { save, lock }
            }
            Effect::ImportAnnotations { path, talk } => {
                let result = exchange::import_file(&path, &talk).map_err(Problem::Text);
                Outcome::AnnotationsImported { path, result }
            }
            Effect::ReadToMerge { path, talk } => {
                let result = exchange::read_notes(&path, &talk)
                    .map(Box::new)
                    .map_err(Problem::Text);
                Outcome::ReadToMerge { path, result }
            }
            Effect::Export {
                format,
                snapshot,
                path,
            } => {
                let result = snapshot.write(format, &path).map_err(|e| Problem::Write {
                    path: path.clone(),
                    error: Arc::new(e),
                });
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
                    .map_err(Problem::from),
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
                        sync_conflicts: exchange::merge::conflict_copies(&path),
                    })
                });
                let result = result.map_err(|e| {
                    let read_only = e.is_future_version().then(|| notes::load_read_only(&path));
                    // Another tool's file is imported, never made the notes file: no copy of it.
                    let foreign = matches!(e, NotesError::NotNotesFile { .. });
                    let copy =
                        (e.is_corrupt() && !foreign).then(|| notes::keep_corrupt_copy(&path));
                    let mut error = LoadNotesError::new(e);
                    error.read_only = read_only.and_then(Result::ok).map(Box::new);
                    if let (Some(Ok(copy)), Problem::Notes(e)) = (copy, &error.problem) {
                        let backup = notes::backup_path(&path);
                        error.problem = Problem::CopyKept {
                            error: e.clone(),
                            copy,
                            backup: backup.is_file().then_some(backup),
                        };
                    }
                    error
                });
                Outcome::NotesLoaded {
                    path,
                    result,
                    discard,
                }
            }
            Effect::LoadTalk { path, encoding } => {
                let result = talk::load_talk_as(&path, encoding).map_err(Problem::from);
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
    Elsewhere(Problem),
    /// Locks are not to be had there (logged); the file is used without one.
    Unavailable,
    /// The folder cannot be written (read-only): saves there will fail. Why, to show.
    ReadOnlyFolder(Problem),
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
        Err(e) if e.is_locked() => LockTaken::Elsewhere(e.into()),
        Err(e)
            if matches!(
                e.io_kind(),
                Some(std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem)
            ) =>
        {
            LockTaken::ReadOnlyFolder(e.into())
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
    /// Copies a sync tool left beside the file after a conflict (Syncthing, Dropbox):
    /// offered to merge.
    pub sync_conflicts: Vec<PathBuf>,
}

/// True when the recovery file at `path` holds notes other than `doc`'s.
fn holds_other_notes(path: &Path, doc: &NotesDoc) -> bool {
    if !path.is_file() {
        return false;
    }
    match notes::load(path) {
        Ok(recovered) => {
            recovered.cards != doc.cards
                || recovered.starred != doc.starred
                || recovered.titles != doc.titles
        }
        Err(e) => {
            log::warn!("{e}");
            false
        }
    }
}

/// Why a notes file could not be opened, and whether it exists at all: a missing file is
/// simply a new notes file, created on first save.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadNotesError {
    pub problem: Problem,
    pub not_found: bool,
    /// JSON, but not a talkdeck notes file: maybe W3C annotations.
    pub not_notes_file: bool,
    /// The notes of a file written by a newer talkdeck, to show (but never save over).
    pub read_only: Option<Box<NotesDoc>>,
}

impl LoadNotesError {
    pub fn new(e: NotesError) -> Self {
        Self {
            not_found: e.is_not_found(),
            not_notes_file: matches!(e, NotesError::NotNotesFile { .. }),
            problem: e.into(),
            read_only: None,
        }
    }
}

/// What a save of the notes came to.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveOutcome {
    pub path: PathBuf,
    /// The revision of the notes it wrote.
    pub revision: u64,
    pub kind: SaveKind,
    /// The save was refused because another program changed the file.
    pub changed: bool,
    pub result: Result<notes::FileStamp, Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved {
        save: SaveOutcome,
        /// The lock on a file this window saved to for the first time.
        lock: Option<LockTaken>,
    },
    RecoveryLoaded {
        result: Result<NotesDoc, Problem>,
    },
    RecoveryDiscarded,
    Locked {
        path: PathBuf,
        taken: LockTaken,
    },
    AnnotationsImported {
        path: PathBuf,
        result: Result<exchange::Imported, Problem>,
    },
    ReadToMerge {
        path: PathBuf,
        result: Result<Box<exchange::ReadNotes>, Problem>,
    },
    Written {
        path: PathBuf,
        result: Result<(), Problem>,
    },
    NotesLoaded {
        path: PathBuf,
        result: Result<Box<LoadedNotes>, LoadNotesError>,
        discard: bool,
    },
    TalkLoaded {
        path: PathBuf,
        result: Result<Box<LoadedTalk>, Problem>,
    },
}
