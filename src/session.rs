//! The app state and the commands that change it. No egui in here: the window, the key
//! bindings and the tests all go through [`Session::apply`].
//!
//! Commands never touch the disk themselves. One that needs I/O returns an [`Effect`]
//! that the caller runs (on a worker thread in the app, inline in tests); its outcome
//! comes back as [`Command::Done`].

use crate::anchor::{self, Anchoring};
use crate::history::{Edit, History};
use crate::interop;
use crate::notes::{self, Colour, Note, NotesDoc, NotesError};
use crate::t;
use crate::talk::{self, LoadedTalk, Talk, TalkError};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use uuid::Uuid;

/// Everything a user (or a test) can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    NextCard,
    PrevCard,
    FirstCard,
    LastCard,
    GoTo(usize),
    /// Adds an empty note to the current card; the UI puts the cursor in it.
    AddNote,
    EditNote {
        id: Uuid,
        text: String,
    },
    SetTags {
        id: Uuid,
        tags: Vec<String>,
    },
    DeleteNote(Uuid),
    /// Highlights chars `start..end` of a card's speaker notes (paragraphs joined by
    /// newlines) and opens the new highlight's note.
    AddHighlight {
        card_id: String,
        start: usize,
        end: usize,
    },
    SetColour {
        id: Uuid,
        colour: Colour,
    },
    /// Makes the highlighted sentence one of the card's key points, or not.
    ToggleKeyPoint(Uuid),
    /// Points an orphaned (or any) highlight at a new passage.
    Reattach {
        id: Uuid,
        card_id: String,
        start: usize,
        end: usize,
    },
    /// Stars a card, or takes its star away.
    ToggleStar(String),
    /// Takes back the last notes change (a run of typing counts as one).
    Undo,
    Redo,
    /// Saves to the current notes file; without one the UI asks for a path first.
    Save,
    SaveAs(PathBuf),
    /// Saves over a notes file another program changed (theirs is kept as `.bak`).
    SaveOverwrite,
    OpenNotes(PathBuf),
    OpenTalk(PathBuf),
    /// Adds the annotations of a W3C Web Annotation file to the notes.
    ImportAnnotations(PathBuf),
    /// Writes all notes and highlights as W3C Web Annotation JSON-LD.
    ExportAnnotations(PathBuf),
    /// Writes an export (a recap) that the UI made.
    Export {
        path: PathBuf,
        text: String,
    },
    /// Loads the notes autosaved to the recovery file when the app last stopped.
    RestoreRecovery,
    DiscardRecovery,
    DismissNotice,
    /// The outcome of an [`Effect`].
    Done(Outcome),
}

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
    },
    /// Reads a notes file and anchors its highlights in `talk` (the session's talk, shared).
    LoadNotes {
        path: PathBuf,
        talk: Arc<Talk>,
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

/// Why notes are being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// Save or Save As.
    Manual,
    /// Autosave into the notes file.
    Auto,
    /// Autosave into the recovery file, while there is no notes file to write.
    Recovery,
}

/// How long after the last change autosave waits, so typing is saved in one go.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

/// What autosave wants now.
#[derive(Debug)]
pub enum Autosave {
    Idle,
    /// Nothing yet; ask again after this long.
    WaitFor(Duration),
    Run(Effect),
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
            } => {
                let result = notes::save_checked(&path, &doc, expected.as_ref());
                if let (Ok(_), Some(stale)) = (&result, stale_recovery) {
                    let _ = std::fs::remove_file(stale);
                }
                let changed = result.as_ref().err().is_some_and(NotesError::is_changed);
                Outcome::Saved {
                    path,
                    revision,
                    kind,
                    changed,
                    result: result.map_err(|e| e.to_string()),
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
                result: notes::load(&path).map_err(|e| e.to_string()),
            },
            Effect::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(path);
                Outcome::RecoveryDiscarded
            }
            Effect::LoadNotes { path, talk } => {
                let result = notes::load_stamped(&path).map(|(doc, stamp)| {
                    // Here rather than on the UI thread: after an edit of the talk, 10 000
                    // highlights take tens of milliseconds to find again.
                    let anchorings = anchorings_in(&doc, &anchor::TalkIndex::new(&talk));
                    Box::new(LoadedNotes {
                        doc,
                        stamp,
                        anchorings,
                        fingerprint: talk.fingerprint.clone(),
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
                Outcome::NotesLoaded { path, result }
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
}

impl PartialEq for LockTaken {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Held(a), Self::Held(b)) => a.lock_path() == b.lock_path(),
            (Self::Elsewhere(a), Self::Elsewhere(b)) => a == b,
            (Self::Unavailable, Self::Unavailable) => true,
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
}

/// Where each highlight's passage is in a talk, by note id.
pub type Anchorings = HashMap<Uuid, Anchoring>;

/// Finds every highlight's passage in the talk `index` was made of.
fn anchorings_in(doc: &NotesDoc, index: &anchor::TalkIndex) -> Anchorings {
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
    },
    TalkLoaded {
        path: PathBuf,
        result: Result<Box<LoadedTalk>, String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A message for the user, shown until dismissed or replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub message: Message,
    /// More to say about the same event (how highlights fared after notes were opened).
    pub detail: Option<Message>,
}

impl Notice {
    /// The message in the UI's language.
    pub fn text(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{} {}", self.message.text(), detail.text()),
            None => self.message.text(),
        }
    }
}

/// What a notice says, kept as data so it is worded in the language shown, not the one
/// in force when it happened. `reason`s are the file layer's own one-line errors.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Saved {
        count: usize,
        path: PathBuf,
    },
    NotSaved {
        reason: String,
    },
    Protected {
        path: PathBuf,
    },
    OpenedNotes {
        count: usize,
        path: PathBuf,
    },
    OtherTalk {
        count: usize,
        path: PathBuf,
        title: String,
        missing: usize,
    },
    NewNotesFile {
        path: PathBuf,
    },
    UnreadableNotes {
        reason: String,
    },
    ReadOnlyNotes {
        reason: String,
    },
    OpenedTalk {
        name: String,
        count: usize,
        encoding: &'static str,
    },
    TalkFailed {
        reason: String,
    },
    Restored {
        count: usize,
    },
    RestoreFailed {
        reason: String,
    },
    Imported {
        count: usize,
        path: PathBuf,
        problems: usize,
    },
    ImportProblems {
        line: String,
    },
    ImportFailed {
        reason: String,
    },
    Exported {
        path: PathBuf,
    },
    ExportFailed {
        reason: String,
    },
    Reanchored {
        moved: usize,
        changed: usize,
        orphaned: usize,
    },
}

impl Message {
    pub fn text(&self) -> String {
        let shown = |p: &Path| p.display().to_string();
        match self {
            Message::Saved { count, path } => {
                t!("notice-saved", count = *count, path = shown(path))
            }
            Message::NotSaved { reason } => t!("notice-not-saved", reason = reason.as_str()),
            Message::Protected { path } => t!("notice-protected", path = shown(path)),
            Message::OpenedNotes { count, path } => {
                t!("notice-opened-notes", count = *count, path = shown(path))
            }
            Message::OtherTalk {
                count,
                path,
                title,
                missing: 0,
            } => t!(
                "notice-other-talk",
                count = *count,
                path = shown(path),
                title = title.as_str()
            ),
            Message::OtherTalk {
                count,
                path,
                title,
                missing,
            } => t!(
                "notice-other-talk-missing",
                count = *count,
                path = shown(path),
                title = title.as_str(),
                missing = *missing
            ),
            Message::NewNotesFile { path } => t!("notice-new-notes-file", path = shown(path)),
            Message::UnreadableNotes { reason } => {
                t!("notice-unreadable-notes", reason = reason.as_str())
            }
            Message::ReadOnlyNotes { reason } => {
                t!("notice-read-only-notes", reason = reason.as_str())
            }
            Message::OpenedTalk {
                name,
                count,
                encoding,
            } => t!(
                "notice-opened-talk",
                name = name.as_str(),
                count = *count,
                encoding = *encoding
            ),
            Message::TalkFailed { reason } => t!("notice-talk-failed", reason = reason.as_str()),
            Message::Restored { count } => t!("notice-restored", count = *count),
            Message::Imported {
                count,
                path,
                problems,
            } => t!(
                "notice-imported",
                count = *count,
                path = shown(path),
                problems = *problems
            ),
            Message::ImportProblems { line } => line.clone(),
            Message::ImportFailed { reason } => {
                t!("notice-import-failed", reason = reason.as_str())
            }
            Message::Exported { path } => t!("notice-exported", path = shown(path)),
            Message::ExportFailed { reason } => {
                t!("notice-export-failed", reason = reason.as_str())
            }
            Message::Reanchored {
                moved,
                changed,
                orphaned,
            } => t!(
                "notice-reanchored",
                moved = *moved,
                changed = *changed,
                orphaned = *orphaned
            ),
            Message::RestoreFailed { reason } => {
                t!("notice-restore-failed", reason = reason.as_str())
            }
        }
    }
}

/// Where the notes stand against the file, for the title bar and status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
    /// The last autosave failed; the next change tries again.
    Failed,
}

pub struct Session {
    /// Shared with the worker thread, which anchors notes in it.
    pub talk: Arc<Talk>,
    /// The talk's file name, or the embedded seed's name.
    pub talk_name: String,
    pub talk_path: Option<PathBuf>,
    /// The text encoding the talk file was in (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Shared with a save in progress; changed through [`Session::notes_mut`].
    pub notes: Arc<NotesDoc>,
    pub notes_path: Option<PathBuf>,
    /// Set when the notes file could not be read (corrupt, newer version): the app must not
    /// write over it, so Save asks for another path.
    pub protected_path: Option<PathBuf>,
    pub current: usize,
    pub notice: Option<Notice>,
    /// The note the UI should put the cursor in on the next frame.
    pub focus_note: Option<Uuid>,
    /// Where notes are autosaved while they have no notes file to go to (the app sets it
    /// to a folder under the OS data folder; the file is named by the talk's fingerprint).
    pub recovery_dir: Option<PathBuf>,
    revision: u64,
    saved_revision: u64,
    recovered_revision: u64,
    /// An autosave failed at this revision; the next change tries again.
    failed_revision: Option<u64>,
    /// Writing the recovery file failed at this revision.
    recovery_failed_revision: Option<u64>,
    last_change: Option<Instant>,
    history: History,
    /// The notes file as last read or written here, to notice another program's changes.
    stamp: Option<notes::FileStamp>,
    /// Held while a notes file is open here, so a second talkdeck opens it read-only.
    lock: Option<Arc<notes::NotesLock>>,
    /// Another program changed the notes file; the UI asks what to do.
    pub conflict: bool,
    /// The next save writes over the file even though another program changed it.
    overwrite: bool,
    /// Where each highlight's passage is in the current talk, by note id.
    anchorings: Anchorings,
    /// Made the first time a highlight is anchored here.
    talk_index: OnceLock<anchor::TalkIndex>,
    saving: bool,
}

impl Session {
    pub fn new(talk: Talk, talk_name: &str, talk_path: Option<PathBuf>) -> Self {
        let notes = NotesDoc::new(&talk.title, &talk.fingerprint);
        Self {
            talk: Arc::new(talk),
            talk_name: talk_name.to_owned(),
            talk_path,
            encoding: "UTF-8",
            notes: Arc::new(notes),
            notes_path: None,
            protected_path: None,
            current: 0,
            notice: None,
            focus_note: None,
            recovery_dir: None,
            revision: 0,
            saved_revision: 0,
            recovered_revision: 0,
            failed_revision: None,
            recovery_failed_revision: None,
            last_change: None,
            history: History::default(),
            stamp: None,
            lock: None,
            conflict: false,
            overwrite: false,
            anchorings: HashMap::new(),
            talk_index: OnceLock::new(),
            saving: false,
        }
    }

    /// A talk read from a file.
    pub fn from_file(loaded: LoadedTalk, path: PathBuf) -> Self {
        let mut session = Self::new(loaded.talk, &file_name(&path), Some(path));
        session.encoding = loaded.encoding;
        session
    }

    /// Reads and parses a talk file.
    pub fn open(path: PathBuf) -> Result<Self, TalkError> {
        Ok(Self::from_file(talk::load_talk(&path)?, path))
    }

    /// The notes file that sits beside the talk file (`TALK.notes.json`), if there is one.
    pub fn notes_beside_talk(&self) -> Option<PathBuf> {
        let path = notes::default_notes_path(self.talk_path.as_deref()?);
        path.is_file().then_some(path)
    }

    /// The embedded seed talk.
    pub fn seed() -> Self {
        Self::new(talk::parse_text(crate::SEED_TALK), crate::SEED_NAME, None)
    }

    /// The notes, to change. A save still writing them keeps its own copy (made here,
    /// only then).
    fn notes_mut(&mut self) -> &mut NotesDoc {
        Arc::make_mut(&mut self.notes)
    }

    pub fn card_count(&self) -> usize {
        self.talk.cards.len()
    }

    pub fn current_card(&self) -> Option<&talk::Card> {
        self.talk.cards.get(self.current)
    }

    /// Adds imported annotations (those whose id is already here are skipped), as one
    /// change.
    fn annotations_imported(&mut self, path: PathBuf, imported: interop::Imported) {
        let mut added = 0;
        for (card, note) in imported.notes {
            if self.notes.find(note.id).is_none() {
                self.notes_mut().cards.entry(card).or_default().push(note);
                added += 1;
            }
        }
        self.reanchor();
        self.changed();
        let problems = imported.problems.len();
        let message = Message::Imported {
            count: added,
            path,
            problems,
        };
        let level = if problems > 0 {
            NoticeLevel::Warning
        } else {
            NoticeLevel::Info
        };
        self.notify(level, message);
        if problems > 0
            && let Some(notice) = &mut self.notice
        {
            notice.detail = Some(Message::ImportProblems {
                line: interop::problems_line(&imported.problems),
            });
        }
        self.report_anchoring();
    }

    /// Asks for a lock on the notes file this window now uses, releasing the previous
    /// one first (so that the same file can be locked again).
    fn lock_effect(&mut self, path: PathBuf) -> Effect {
        self.lock = None;
        Effect::Lock(path)
    }

    /// The lock asked for by [`Self::lock_effect`]: kept while the notes file is still
    /// this one; when another window has the file, it is read-only here.
    fn locked(&mut self, path: PathBuf, taken: LockTaken) {
        if self.notes_path.as_deref() != Some(path.as_path()) {
            return;
        }
        match taken {
            LockTaken::Held(lock) => self.lock = Some(lock),
            LockTaken::Elsewhere(reason) => {
                self.protected_path = Some(path);
                self.notify(NoticeLevel::Warning, Message::ReadOnlyNotes { reason });
            }
            LockTaken::Unavailable => {}
        }
    }

    /// Puts in another set of notes: history starts over and every highlight is anchored
    /// again in this talk.
    fn replace_notes(&mut self, doc: NotesDoc) {
        let anchorings = anchorings_in(&doc, self.talk_index());
        self.replace_anchored_notes(doc, anchorings);
    }

    /// [`Self::replace_notes`] with the highlights already anchored in this talk.
    fn replace_anchored_notes(&mut self, doc: NotesDoc, anchorings: Anchorings) {
        self.conflict = false;
        self.notes = Arc::new(doc);
        self.history.clear();
        self.anchorings = anchorings;
    }

    /// Finds every highlight's passage in the current talk text.
    fn reanchor(&mut self) {
        self.anchorings = anchorings_in(&self.notes, self.talk_index());
    }

    /// After notes were opened: says how many highlights moved, changed or lost their
    /// passage, when any did.
    fn report_anchoring(&mut self) {
        let summary =
            anchor::AnchorSummary::of(&self.anchorings.values().cloned().collect::<Vec<_>>());
        if summary.moved + summary.fuzzy + summary.orphaned > 0
            && let Some(notice) = &mut self.notice
        {
            notice.level = notice.level.max(NoticeLevel::Warning);
            notice.detail = Some(Message::Reanchored {
                moved: summary.moved,
                changed: summary.fuzzy,
                orphaned: summary.orphaned,
            });
        }
    }

    /// Where a highlight sits now: its card and char range in that card's speaker notes;
    /// `None` when its passage is gone (an orphan) or the note is no highlight.
    pub fn highlight_place(&self, note_id: Uuid) -> Option<(&str, usize, usize)> {
        let anchoring = self.anchorings.get(&note_id)?;
        let range = anchoring.range()?;
        Some((anchoring.card_id()?, range.start, range.end))
    }

    /// The notes shown on a card: plain notes filed under it, and highlights whose
    /// passage is on it now (wherever they were filed). Orphans are listed apart.
    pub fn notes_on(&self, card_id: &str) -> Vec<&Note> {
        let mut shown: Vec<&Note> = Vec::new();
        for (filed, note) in self.notes.all() {
            let here = match note.highlight {
                None => filed == card_id,
                Some(_) => self
                    .highlight_place(note.id)
                    .is_some_and(|(card, _, _)| card == card_id),
            };
            if here {
                shown.push(note);
            }
        }
        shown
    }

    /// The passage a highlight covers now, or the quote it was made on when its passage
    /// is gone.
    pub fn highlight_text(&self, note: &Note) -> Option<String> {
        let highlight = note.highlight.as_ref()?;
        let current = self
            .anchorings
            .get(&note.id)
            .and_then(|anchoring| anchor::passage(&self.talk, anchoring));
        Some(current.unwrap_or_else(|| highlight.target.quote.exact.clone()))
    }

    /// The user's highlights on a card that they made key points, in reading order.
    pub fn promoted_points(&self, card_id: &str) -> Vec<String> {
        let mut points: Vec<(usize, String)> = self
            .notes_on(card_id)
            .into_iter()
            .filter(|n| n.highlight.as_ref().is_some_and(|h| h.key_point))
            .filter_map(|n| {
                let start = self.highlight_place(n.id)?.1;
                Some((start, self.highlight_text(n)?))
            })
            .collect();
        points.sort();
        points.into_iter().map(|(_, text)| text).collect()
    }

    /// Highlights whose passage was not found in this talk: never dropped, listed apart.
    /// Also plain notes filed under a card this talk does not have.
    pub fn orphans(&self) -> Vec<&Note> {
        let cards: std::collections::HashSet<&str> =
            self.talk.cards.iter().map(|c| c.id.as_str()).collect();
        self.notes
            .all()
            .filter(|(card, n)| match n.highlight {
                Some(_) => self.highlight_place(n.id).is_none(),
                None => !cards.contains(card),
            })
            .map(|(_, n)| n)
            .collect()
    }

    /// Goes up with every change to the notes, so views can tell when to rebuild.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn save_state(&self) -> SaveState {
        if self.saving {
            SaveState::Saving
        } else if self.is_dirty() && self.failed_revision == Some(self.revision) {
            SaveState::Failed
        } else if self.is_dirty() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// True when Save can write without asking for a path.
    pub fn can_save_in_place(&self) -> bool {
        self.notes_path.is_some() && self.protected_path.is_none()
    }

    /// Forgets unsaved changes (the user chose to quit without saving them).
    pub fn discard_changes(&mut self) {
        self.saved_revision = self.revision;
    }

    /// The recovery file of this talk.
    pub fn recovery_path(&self) -> Option<PathBuf> {
        let name = self
            .talk
            .fingerprint
            .get(..16)
            .unwrap_or(&self.talk.fingerprint);
        self.recovery_dir
            .as_ref()
            .map(|dir| dir.join(format!("{name}.notes.json")))
    }

    /// True when the unsaved changes are safe in the recovery file.
    pub fn in_recovery(&self) -> bool {
        self.is_dirty() && self.recovered_revision == self.revision
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.last_change = Some(Instant::now());
    }

    /// Changes a highlight's passage, colour or key-point mark, undoably.
    fn change_highlight(
        &mut self,
        id: Uuid,
        now: OffsetDateTime,
        change: impl FnOnce(&mut notes::Highlight),
    ) {
        let Some(note) = self.notes_mut().find_mut(id) else {
            return;
        };
        let inverse = Edit::restore_highlight(note);
        let Some(highlight) = &mut note.highlight else {
            return;
        };
        change(highlight);
        note.modified = now;
        self.changed_by(inverse);
    }

    /// Undo and redo can bring back, take away or move a highlight: find its passage
    /// again (just that one: the others have not changed).
    fn after_history_step(&mut self, note: Option<Uuid>) {
        self.changed();
        let Some(id) = note else { return };
        let target = self.notes.find(id).and_then(|n| n.highlight.as_ref());
        match target.map(|h| self.talk_index().reanchor(&h.target)) {
            Some(anchoring) => self.anchorings.insert(id, anchoring),
            None => self.anchorings.remove(&id),
        };
    }

    /// The talk's text ready for anchoring, made once.
    fn talk_index(&self) -> &anchor::TalkIndex {
        self.talk_index
            .get_or_init(|| anchor::TalkIndex::new(&self.talk))
    }

    /// A change the user can undo with `inverse`.
    fn changed_by(&mut self, inverse: Edit) {
        self.changed();
        self.history.record(inverse, Instant::now());
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Autosave: once nothing has changed for [`AUTOSAVE_DELAY`], write the notes to their
    /// file, or to the recovery file while they have none (or it must not be written).
    pub fn autosave(&mut self, now: Instant) -> Autosave {
        if self.saving || !self.is_dirty() {
            return Autosave::Idle;
        }
        // A failed save to the notes file is retried on the next change; meanwhile the
        // recovery file keeps the notes (a full disk, a read-only folder, a conflict).
        let file_failed = self.failed_revision == Some(self.revision) || self.conflict;
        let recovery_failed = self.recovery_failed_revision == Some(self.revision);
        let waited = self
            .last_change
            .map_or(AUTOSAVE_DELAY, |t| now.saturating_duration_since(t));
        if waited < AUTOSAVE_DELAY {
            return Autosave::WaitFor(AUTOSAVE_DELAY - waited);
        }
        let target = match (&self.notes_path, &self.recovery_path()) {
            (Some(path), _) if self.can_save_in_place() && !file_failed => {
                Some((path.clone(), SaveKind::Auto))
            }
            (_, Some(recovery)) if self.recovered_revision != self.revision && !recovery_failed => {
                Some((recovery.clone(), SaveKind::Recovery))
            }
            _ => None,
        };
        match target {
            Some((path, kind)) => Autosave::Run(self.save_effect(path, kind)),
            None => Autosave::Idle,
        }
    }

    fn save_effect(&mut self, path: PathBuf, kind: SaveKind) -> Effect {
        self.saving = true;
        let stale_recovery = match kind {
            SaveKind::Recovery => None,
            SaveKind::Manual | SaveKind::Auto => self.recovery_path(),
        };
        // Only the file these notes came from is checked; a new path has nothing to lose.
        let expected = match kind {
            SaveKind::Recovery => None,
            _ if self.notes_path.as_deref() == Some(path.as_path()) && !self.overwrite => {
                self.stamp.clone()
            }
            _ => None,
        };
        self.overwrite = false;
        Effect::Save {
            path,
            doc: Arc::clone(&self.notes),
            revision: self.revision,
            kind,
            stale_recovery,
            expected,
        }
    }

    fn notify(&mut self, level: NoticeLevel, message: Message) {
        self.notice = Some(Notice {
            level,
            message,
            detail: None,
        });
    }

    fn go_to(&mut self, index: usize) {
        if !self.talk.cards.is_empty() {
            self.current = index.min(self.talk.cards.len() - 1);
        }
    }

    /// Applies a command; returns the I/O it needs, if any.
    pub fn apply(&mut self, command: Command) -> Option<Effect> {
        let now = OffsetDateTime::now_utc();
        match command {
            Command::NextCard => self.go_to(self.current + 1),
            Command::PrevCard => self.go_to(self.current.saturating_sub(1)),
            Command::FirstCard => self.go_to(0),
            Command::LastCard => self.go_to(usize::MAX),
            Command::GoTo(index) => self.go_to(index),
            Command::AddNote => {
                let card = self.current_card()?.id.clone();
                let id = self.notes_mut().add(&card, "", now);
                self.focus_note = Some(id);
                self.changed_by(Edit::Remove { id });
            }
            Command::EditNote { id, text } => {
                let inverse = self.notes_mut().find_mut(id).map(|n| Edit::restore_text(n));
                if let Some(inverse) = inverse.filter(|_| self.notes_mut().set_text(id, &text, now))
                {
                    self.changed_by(inverse);
                }
            }
            Command::SetTags { id, tags } => {
                let inverse = self.notes_mut().find_mut(id).map(|n| Edit::restore_tags(n));
                if let Some(inverse) = inverse.filter(|_| self.notes_mut().set_tags(id, &tags, now))
                {
                    self.changed_by(inverse);
                }
            }
            Command::DeleteNote(id) => {
                if let Some((card, pos, note)) = self.notes_mut().remove(id) {
                    let note = Box::new(note);
                    self.changed_by(Edit::Insert { card, pos, note });
                }
            }
            Command::AddHighlight {
                card_id,
                start,
                end,
            } => {
                let card = self.talk.cards.iter().find(|c| c.id == card_id)?;
                let target = anchor::make_anchor(card, start, end)?;
                let id = self.notes_mut().add_highlight(target, now);
                self.anchorings.insert(
                    id,
                    Anchoring::Exact {
                        card_id,
                        start,
                        end,
                    },
                );
                self.focus_note = Some(id);
                self.changed_by(Edit::Remove { id });
            }
            Command::SetColour { id, colour } => {
                self.change_highlight(id, now, |h| h.colour = colour);
            }
            Command::ToggleKeyPoint(id) => {
                self.change_highlight(id, now, |h| h.key_point = !h.key_point);
            }
            Command::Reattach {
                id,
                card_id,
                start,
                end,
            } => {
                let card = self.talk.cards.iter().find(|c| c.id == card_id)?;
                let target = anchor::make_anchor(card, start, end)?;
                self.change_highlight(id, now, |h| h.target = target);
                self.anchorings.insert(
                    id,
                    Anchoring::Exact {
                        card_id,
                        start,
                        end,
                    },
                );
            }
            Command::ToggleStar(card) => {
                let on = !self.notes.starred.contains(&card);
                if let Some(inverse) = (Edit::Star { card, on }).apply(self.notes_mut()) {
                    self.changed_by(inverse);
                }
            }
            Command::Undo => {
                let step = self.history.undo(Arc::make_mut(&mut self.notes));
                if let Some(note) = step.map(Edit::note_id) {
                    self.after_history_step(note);
                }
            }
            Command::Redo => {
                let step = self.history.redo(Arc::make_mut(&mut self.notes));
                if let Some(note) = step.map(Edit::note_id) {
                    self.after_history_step(note);
                }
            }
            Command::Save => {
                let path = self.notes_path.clone()?;
                return self.save_to(path);
            }
            Command::SaveAs(path) => return self.save_to(path),
            Command::SaveOverwrite => {
                self.conflict = false;
                self.overwrite = true;
                self.failed_revision = None;
                let path = self.notes_path.clone()?;
                return self.save_to(path);
            }
            Command::OpenNotes(path) => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::LoadNotes { path, talk });
            }
            Command::ImportAnnotations(path) => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ImportAnnotations { path, talk });
            }
            Command::ExportAnnotations(path) => {
                let text = interop::export(&self.notes, &self.talk);
                return Some(Effect::Write { path, text });
            }
            Command::Export { path, text } => return Some(Effect::Write { path, text }),
            Command::RestoreRecovery => return self.recovery_path().map(Effect::LoadRecovery),
            Command::DiscardRecovery => return self.recovery_path().map(Effect::DiscardRecovery),
            Command::OpenTalk(path) => return Some(Effect::LoadTalk(path)),
            Command::DismissNotice => self.notice = None,
            Command::Done(outcome) => return self.finish(outcome),
        }
        None
    }

    fn save_to(&mut self, path: PathBuf) -> Option<Effect> {
        if self.protected_path.as_deref() == Some(path.as_path()) {
            self.notify(NoticeLevel::Error, Message::Protected { path });
            return None;
        }
        Some(self.save_effect(path, SaveKind::Manual))
    }

    /// Takes in what an effect did; may ask for more I/O (notes that turn out to be W3C
    /// annotations are imported instead).
    fn finish(&mut self, outcome: Outcome) -> Option<Effect> {
        match outcome {
            Outcome::Saved {
                path,
                revision,
                kind,
                changed,
                result,
            } => {
                self.conflict = changed && kind != SaveKind::Recovery;
                return self.saved(path, revision, kind, result);
            }
            Outcome::RecoveryLoaded { result } => match result {
                Ok(doc) => {
                    let count = doc.total();
                    self.replace_notes(doc);
                    self.changed();
                    self.notify(NoticeLevel::Info, Message::Restored { count });
                    self.report_anchoring();
                }
                Err(reason) => self.notify(NoticeLevel::Error, Message::RestoreFailed { reason }),
            },
            Outcome::RecoveryDiscarded => {}
            Outcome::Locked { path, taken } => self.locked(path, taken),
            Outcome::AnnotationsImported { path, result } => match result {
                Ok(imported) => self.annotations_imported(path, imported),
                Err(reason) => self.notify(NoticeLevel::Error, Message::ImportFailed { reason }),
            },
            Outcome::Written { path, result } => match result {
                Ok(()) => self.notify(NoticeLevel::Info, Message::Exported { path }),
                Err(reason) => self.notify(NoticeLevel::Error, Message::ExportFailed { reason }),
            },
            Outcome::NotesLoaded {
                path,
                result: Err(e),
            } if e.not_notes_file => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ImportAnnotations { path, talk });
            }
            Outcome::NotesLoaded { path, result } => return self.notes_loaded(path, result),
            Outcome::TalkLoaded { path, result } => match result {
                Ok(loaded) => {
                    let recovery_dir = self.recovery_dir.take();
                    *self = Session::from_file(*loaded, path);
                    self.recovery_dir = recovery_dir;
                    let message = Message::OpenedTalk {
                        name: self.talk_name.clone(),
                        count: self.card_count(),
                        encoding: self.encoding,
                    };
                    self.notify(NoticeLevel::Info, message);
                }
                Err(reason) => self.notify(NoticeLevel::Error, Message::TalkFailed { reason }),
            },
        }
        None
    }

    fn saved(
        &mut self,
        path: PathBuf,
        revision: u64,
        kind: SaveKind,
        result: Result<notes::FileStamp, String>,
    ) -> Option<Effect> {
        self.saving = false;
        match (kind, result) {
            (SaveKind::Recovery, Ok(_)) => self.recovered_revision = revision,
            (SaveKind::Recovery, Err(e)) => {
                self.recovery_failed_revision = Some(revision);
                log::warn!("could not write the recovery file: {e}");
            }
            (SaveKind::Manual | SaveKind::Auto, Ok(stamp)) => {
                let moved = self.notes_path.as_deref() != Some(path.as_path());
                self.stamp = Some(stamp);
                self.saved_revision = revision;
                if kind == SaveKind::Manual {
                    let message = Message::Saved {
                        count: self.notes.total(),
                        path: path.clone(),
                    };
                    self.notify(NoticeLevel::Info, message);
                }
                self.notes_path = Some(path.clone());
                self.protected_path = None;
                self.failed_revision = None;
                // Saved as another file: that one is this window's now.
                if moved {
                    return Some(self.lock_effect(path));
                }
            }
            (SaveKind::Manual | SaveKind::Auto, Err(reason)) => {
                if kind == SaveKind::Auto || self.conflict {
                    self.failed_revision = Some(revision);
                }
                self.notify(NoticeLevel::Error, Message::NotSaved { reason });
            }
        }
        None
    }

    fn notes_loaded(
        &mut self,
        path: PathBuf,
        result: Result<Box<LoadedNotes>, LoadNotesError>,
    ) -> Option<Effect> {
        match result {
            Ok(loaded) => {
                let LoadedNotes {
                    doc,
                    stamp,
                    anchorings,
                    fingerprint,
                } = *loaded;
                self.stamp = Some(stamp);
                let mismatch = doc.talk.fingerprint != self.talk.fingerprint;
                let ids: HashSet<&str> = self.talk.cards.iter().map(|c| c.id.as_str()).collect();
                let missing: usize = doc
                    .cards
                    .iter()
                    .filter(|(id, _)| !ids.contains(id.as_str()))
                    .map(|(_, notes)| notes.len())
                    .sum();
                if fingerprint == self.talk.fingerprint {
                    self.replace_anchored_notes(doc, anchorings);
                } else {
                    self.replace_notes(doc);
                }
                self.notes_path = Some(path.clone());
                self.protected_path = None;
                self.revision += 1;
                self.saved_revision = self.revision;
                let count = self.notes.total();
                let lock = self.lock_effect(path.clone());
                if mismatch {
                    let title = self.notes.talk.title.clone();
                    let message = Message::OtherTalk {
                        count,
                        path,
                        title,
                        missing,
                    };
                    self.notify(NoticeLevel::Warning, message);
                } else {
                    self.notify(NoticeLevel::Info, Message::OpenedNotes { count, path });
                }
                self.report_anchoring();
                Some(lock)
            }
            Err(e) if e.not_found => {
                // A new notes file: it is created on first save.
                self.notes_path = Some(path.clone());
                self.protected_path = None;
                self.notify(
                    NoticeLevel::Info,
                    Message::NewNotesFile { path: path.clone() },
                );
                Some(self.lock_effect(path))
            }
            Err(e) => {
                self.notes_path = Some(path.clone());
                self.protected_path = Some(path);
                let reason = e.message;
                let message = match e.read_only {
                    Some(doc) => {
                        self.replace_notes(*doc);
                        self.revision += 1;
                        self.saved_revision = self.revision;
                        Message::ReadOnlyNotes { reason }
                    }
                    None => Message::UnreadableNotes { reason },
                };
                self.notify(NoticeLevel::Error, message);
                None
            }
        }
    }
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

/// A path's last component, for messages and the window title.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::{Card, CardKind};

    fn card(id: &str, kind: CardKind, number: Option<u32>) -> Card {
        Card {
            id: id.to_owned(),
            kind,
            number,
            title: format!("标题 {id}"),
            key_points: Vec::new(),
            body: String::new(),
            paragraphs: vec![format!("{id} 的段落")],
            ..Default::default()
        }
    }

    fn session() -> Session {
        let talk = Talk {
            title: "测试演讲".to_owned(),
            speaker: String::new(),
            role: String::new(),
            event: String::new(),
            date: String::new(),
            source: String::new(),
            author: String::new(),
            cards: vec![
                card("title", CardKind::Title, None),
                card("obs-1", CardKind::Observation, Some(1)),
                card("closing", CardKind::Closing, None),
            ],
            fingerprint: "abc".to_owned(),
        };
        Session::new(talk, "test.txt", None)
    }

    /// The test session with a notes file `name` (not there yet) opened, in a fresh
    /// folder that lives as long as the returned guard.
    fn session_with_notes_file(name: &str) -> (tempfile::TempDir, PathBuf, Session) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let mut s = session();
        apply(&mut s, Command::OpenNotes(path.clone()));
        (dir, path, s)
    }

    /// Applies a command and runs whatever I/O it asks for, as the app's worker would.
    fn apply(session: &mut Session, command: Command) {
        if let Some(effect) = session.apply(command) {
            let outcome = effect.run();
            apply(session, Command::Done(outcome));
        }
    }

    #[test]
    fn navigation_stays_inside_the_deck() {
        let mut s = session();
        s.apply(Command::PrevCard);
        assert_eq!(s.current, 0);
        s.apply(Command::NextCard);
        s.apply(Command::NextCard);
        s.apply(Command::NextCard);
        assert_eq!(s.current, 2);
        s.apply(Command::FirstCard);
        assert_eq!(s.current, 0);
        s.apply(Command::LastCard);
        assert_eq!(s.current, 2);
        s.apply(Command::GoTo(99));
        assert_eq!(s.current, 2);
        s.apply(Command::GoTo(1));
        assert_eq!(s.current_card().unwrap().id, "obs-1");
    }

    #[test]
    fn notes_are_added_to_the_current_card_and_mark_the_session_dirty() {
        let mut s = session();
        s.apply(Command::GoTo(1));
        assert!(!s.is_dirty());
        s.apply(Command::AddNote);
        let id = s.focus_note.expect("the new note gets the cursor");
        assert_eq!(s.notes.count("obs-1"), 1);
        assert!(s.is_dirty());
        s.apply(Command::EditNote {
            id,
            text: "很重要".into(),
        });
        s.apply(Command::SetTags {
            id,
            tags: vec![" 推理 ".into(), "".into(), "推理".into()],
        });
        let note = &s.notes.notes("obs-1")[0];
        assert_eq!(note.text, "很重要");
        assert_eq!(note.tags, ["推理"]);
        s.apply(Command::DeleteNote(id));
        assert_eq!(s.notes.total(), 0);
    }

    #[test]
    fn save_without_a_file_asks_for_one() {
        let mut s = session();
        s.apply(Command::AddNote);
        assert!(!s.can_save_in_place());
        assert!(
            s.apply(Command::Save).is_none(),
            "the UI asks for a path instead"
        );
        assert!(s.is_dirty());
    }

    #[test]
    fn save_as_writes_the_file_and_later_saves_go_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        let mut s = session();
        s.apply(Command::AddNote);
        let effect = s.apply(Command::SaveAs(path.clone())).unwrap();
        assert_eq!(s.save_state(), SaveState::Saving);
        // An edit while the save is in flight stays unsaved afterwards.
        let id = s.notes.notes("title")[0].id;
        s.apply(Command::EditNote {
            id,
            text: "边存边写".into(),
        });
        s.apply(Command::Done(effect.run()));
        assert_eq!(s.save_state(), SaveState::Unsaved);
        assert_eq!(s.notes_path.as_deref(), Some(path.as_path()));
        apply(&mut s, Command::Save);
        assert_eq!(s.save_state(), SaveState::Saved);
        let loaded = notes::load(&path).unwrap();
        assert_eq!(loaded.notes("title")[0].text, "边存边写");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_protected_from_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.json");
        std::fs::write(&path, "{ not json").unwrap();
        let mut s = session();
        apply(&mut s, Command::OpenNotes(path.clone()));
        assert_eq!(s.notice.as_ref().unwrap().level, NoticeLevel::Error);
        assert!(s.notice.as_ref().unwrap().text().contains("bad.json"));
        s.apply(Command::AddNote);
        assert!(!s.can_save_in_place());
        assert!(s.apply(Command::Save).is_none());
        assert!(s.apply(Command::SaveAs(path.clone())).is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
        assert!(
            s.notice
                .as_ref()
                .unwrap()
                .text()
                .contains("will not write over it")
        );
    }

    #[test]
    fn a_missing_notes_file_is_created_on_first_save() {
        let (_dir, path, mut s) = session_with_notes_file("new.json");
        assert!(s.can_save_in_place());
        s.apply(Command::AddNote);
        apply(&mut s, Command::Save);
        assert_eq!(notes::load(&path).unwrap().total(), 1);
    }

    #[test]
    fn notes_from_another_talk_warn_and_keep_unknown_cards() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.json");
        let mut other = NotesDoc::new("另一个演讲", "zzz");
        other.add("obs-1", "还在", OffsetDateTime::now_utc());
        other.add("obs-9", "卡片不存在", OffsetDateTime::now_utc());
        notes::save(&path, &other).unwrap();
        let mut s = session();
        apply(&mut s, Command::OpenNotes(path.clone()));
        let notice = s.notice.clone().unwrap();
        assert_eq!(notice.level, NoticeLevel::Warning);
        assert!(
            notice
                .text()
                .contains("1 belong to cards this talk does not have"),
            "{}",
            notice.text()
        );
        assert_eq!(s.notes.count("obs-1"), 1);
        // Saving keeps the note whose card is missing.
        apply(&mut s, Command::Save);
        assert_eq!(notes::load(&path).unwrap().count("obs-9"), 1);
    }

    #[test]
    fn a_newer_notes_file_is_shown_read_only_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.json");
        let mut doc = NotesDoc::new("测试演讲", "abc");
        doc.add("obs-1", "来自未来的笔记", OffsetDateTime::now_utc());
        let text = notes::to_json(&doc).replace("\"version\": 1", "\"version\": 99");
        std::fs::write(&path, &text).unwrap();

        let mut s = session();
        apply(&mut s, Command::OpenNotes(path.clone()));
        assert_eq!(s.notes.count("obs-1"), 1, "the notes are shown");
        let notice = s.notice.clone().unwrap();
        assert!(notice.text().contains("read-only"), "{}", notice.text());
        s.apply(Command::GoTo(1));
        s.apply(Command::AddNote);
        assert!(s.apply(Command::Save).is_none());
        assert!(matches!(
            s.autosave(Instant::now() + AUTOSAVE_DELAY),
            Autosave::Idle
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn autosave_writes_two_seconds_after_the_last_change() {
        let (_dir, path, mut s) = session_with_notes_file("auto.json");
        s.apply(Command::AddNote);
        let now = Instant::now();
        assert!(matches!(s.autosave(now), Autosave::WaitFor(d) if d <= AUTOSAVE_DELAY));
        let Autosave::Run(effect) = s.autosave(now + AUTOSAVE_DELAY) else {
            panic!("autosave is due");
        };
        s.apply(Command::Done(effect.run()));
        assert_eq!(s.save_state(), SaveState::Saved);
        assert_eq!(notes::load(&path).unwrap().total(), 1);
        assert!(matches!(
            s.autosave(now + AUTOSAVE_DELAY * 2),
            Autosave::Idle
        ));
    }

    #[test]
    fn a_save_shares_the_notes_and_an_edit_during_it_does_not_reach_it() {
        let (_dir, path, mut s) = session_with_notes_file("shared.json");
        s.apply(Command::AddNote);
        let id = s.focus_note.unwrap();
        let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
            panic!("autosave is due");
        };
        let Effect::Save { doc, .. } = &effect else {
            panic!("{effect:?}");
        };
        assert!(Arc::ptr_eq(doc, &s.notes), "starting a save copies nothing");
        // The user types while the worker writes: the save keeps what it started with.
        s.apply(Command::EditNote {
            id,
            text: "写的时候改".into(),
        });
        assert!(!Arc::ptr_eq(doc, &s.notes));
        assert_eq!(doc.find(id).unwrap().text, "");
        s.apply(Command::Done(effect.run()));
        assert_eq!(notes::load(&path).unwrap().find(id).unwrap().text, "");
        assert_eq!(
            s.save_state(),
            SaveState::Unsaved,
            "the edit is still to save"
        );
    }

    #[test]
    fn without_a_notes_file_autosave_goes_to_the_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session();
        s.recovery_dir = Some(dir.path().to_path_buf());
        s.apply(Command::AddNote);
        let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
            panic!("autosave is due");
        };
        s.apply(Command::Done(effect.run()));
        assert!(s.in_recovery());
        assert_eq!(
            s.save_state(),
            SaveState::Unsaved,
            "still not in a file of the user's"
        );
        let recovery = s.recovery_path().unwrap();
        assert_eq!(notes::load(&recovery).unwrap().total(), 1);

        // The next start restores them.
        let mut next = session();
        next.recovery_dir = Some(dir.path().to_path_buf());
        apply(&mut next, Command::RestoreRecovery);
        assert_eq!(next.notes.total(), 1);
        assert!(next.is_dirty());

        // Saving them to a real file removes the recovery file.
        apply(&mut next, Command::SaveAs(dir.path().join("kept.json")));
        assert!(!recovery.exists());
    }

    #[test]
    fn a_failed_autosave_is_retried_on_the_next_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("n.json");
        let mut s = session();
        s.notes_path = Some(path);
        s.apply(Command::AddNote);
        let later = Instant::now() + AUTOSAVE_DELAY;
        let Autosave::Run(effect) = s.autosave(later) else {
            panic!("autosave is due");
        };
        s.apply(Command::Done(effect.run()));
        assert_eq!(s.save_state(), SaveState::Failed);
        assert_eq!(s.notice.as_ref().unwrap().level, NoticeLevel::Error);
        assert!(matches!(s.autosave(later), Autosave::Idle), "no retry loop");
        s.apply(Command::AddNote);
        assert!(matches!(
            s.autosave(Instant::now() + AUTOSAVE_DELAY),
            Autosave::Run(_)
        ));
    }

    /// The scenario: three highlights on the seed, then an edited copy of the
    /// seed opened with the same notes file.
    #[test]
    fn highlights_follow_their_sentences_into_an_edited_talk() {
        let dir = tempfile::tempdir().unwrap();
        let notes_path = dir.path().join("seed.notes.json");
        let seed = crate::SEED_TALK;
        let mut s = Session::new(talk::parse_text(seed), "seed.txt", None);
        // Highlight three sentences by where they are in their cards' speaker notes.
        let sentences = [
            ("obs-1", "这也是我们第一次看到在推理上"),
            ("obs-4", "世界模型是一个重要方向"),
            ("obs-5", "这是非常原始的模型"),
        ];
        for (card_id, sentence) in sentences {
            let card = s.talk.cards.iter().find(|c| c.id == card_id).unwrap();
            let text = anchor::notes_text(card);
            let byte = text.find(sentence).unwrap();
            let start = text[..byte].chars().count();
            let end = start + sentence.chars().count();
            s.apply(Command::AddHighlight {
                card_id: card_id.to_owned(),
                start,
                end,
            });
        }
        apply(&mut s, Command::SaveAs(notes_path.clone()));
        drop(s);

        // The edited copy: a paragraph inserted before the first sentence, a few
        // characters changed inside the second, the third's paragraph deleted.
        let edited = seed
            .replace("近日,OpenAI发布了o1模型", "(编者按:本段有补充。)\n\n近日,OpenAI发布了o1模型")
            .replace("世界模型是一个重要方向", "世界模型是一个重要的方向")
            .replace(
                "实际上,传统机器人的模型完全是由人来设计的,把复杂任务分解变成“简单任务”,然后对于每个简单任务进行人工设计,由规则来驱动运动的规划,这是非常原始的模型。那么,有了语言大模型和世界大模型之后,我们能够把复杂的任务通过多模态大模型分成“简单任务”,能够听懂人的这种命令,然后又能够进一步通过视觉模型分解成机器的动作,从而完成复杂-简单-机器动作的过程。\n\n",
                "",
            );
        assert_ne!(edited, seed);
        let path = dir.path().join("edited.txt");
        std::fs::write(&path, &edited).unwrap();
        let mut s = Session::open(path).unwrap();
        apply(&mut s, Command::OpenNotes(notes_path.clone()));

        let notice = s.notice.clone().unwrap();
        assert!(notice.text().contains("1 orphaned"), "{}", notice.text());
        let texts: Vec<Option<String>> = s
            .notes
            .all()
            .map(|(_, n)| {
                s.highlight_place(n.id)
                    .map(|_| s.highlight_text(n).unwrap())
            })
            .collect();
        assert!(texts.contains(&Some("这也是我们第一次看到在推理上".to_owned())));
        assert!(
            texts.contains(&Some("世界模型是一个重要的方向".to_owned())),
            "{texts:?}"
        );
        assert_eq!(s.orphans().len(), 1);
        assert_eq!(
            s.orphans()[0]
                .highlight
                .as_ref()
                .unwrap()
                .target
                .quote
                .exact,
            "这是非常原始的模型"
        );

        // Nothing is lost across save and load.
        apply(&mut s, Command::Save);
        assert_eq!(notes::load(&notes_path).unwrap().total(), 3);
    }

    /// Undo and redo take a highlight away and bring it back, with its passage; a
    /// re-attached highlight goes back to where it was.
    #[test]
    fn undo_and_redo_move_highlights_with_their_passages() {
        let mut s = session();
        s.apply(Command::AddHighlight {
            card_id: "obs-1".into(),
            start: 0,
            end: 5,
        });
        let id = s.focus_note.unwrap();
        assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
        s.apply(Command::Reattach {
            id,
            card_id: "closing".into(),
            start: 0,
            end: 7,
        });
        assert_eq!(s.highlight_place(id), Some(("closing", 0, 7)));
        s.apply(Command::Undo);
        assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
        s.apply(Command::Undo);
        assert_eq!(s.highlight_place(id), None);
        assert!(s.notes_on("obs-1").is_empty());
        s.apply(Command::Redo);
        assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
        assert_eq!(s.notes_on("obs-1").len(), 1);
        s.apply(Command::Redo);
        assert_eq!(s.highlight_place(id), Some(("closing", 0, 7)));
    }

    /// Highlights are anchored on the worker thread, in the talk the load was asked for;
    /// a session that has another talk by the time the notes arrive anchors them again.
    #[test]
    fn notes_loaded_for_another_talk_are_anchored_in_this_one() {
        let dir = tempfile::tempdir().unwrap();
        let notes_path = dir.path().join("seed.notes.json");
        let seed = crate::SEED_TALK;
        let sentence = "这也是我们第一次看到在推理上";
        let mut s = Session::new(talk::parse_text(seed), "seed.txt", None);
        let text = anchor::notes_text(s.talk.cards.iter().find(|c| c.id == "obs-1").unwrap());
        let start = text[..text.find(sentence).unwrap()].chars().count();
        s.apply(Command::AddHighlight {
            card_id: "obs-1".to_owned(),
            start,
            end: start + sentence.chars().count(),
        });
        apply(&mut s, Command::SaveAs(notes_path.clone()));

        let load = s.apply(Command::OpenNotes(notes_path.clone())).unwrap();
        let Outcome::NotesLoaded {
            result: Ok(loaded), ..
        } = load.clone().run()
        else {
            panic!("the notes load");
        };
        assert_eq!(loaded.fingerprint, s.talk.fingerprint);
        let id = loaded.doc.all().next().unwrap().1.id;
        assert!(matches!(loaded.anchorings[&id], Anchoring::Exact { .. }));

        let edited = seed.replace(sentence, &format!("(补一句。){sentence}"));
        let mut other = Session::new(talk::parse_text(&edited), "edited.txt", None);
        other.apply(Command::Done(load.run()));
        let note = other.notes.find(id).unwrap();
        assert_eq!(other.highlight_text(note).unwrap(), sentence);
        let (card, moved_start, _) = other.highlight_place(id).unwrap();
        assert_eq!(
            (card, moved_start),
            ("obs-1", start + "(补一句。)".chars().count())
        );
    }

    #[test]
    fn a_file_changed_by_another_program_is_never_silently_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.json");
        let mut s = session();
        s.apply(Command::AddNote);
        apply(&mut s, Command::SaveAs(path.clone()));
        apply(&mut s, Command::OpenNotes(path.clone()));

        // Another program writes the file.
        let mut theirs = notes::load(&path).unwrap();
        theirs.add("closing", "他们的笔记", OffsetDateTime::now_utc());
        notes::save(&path, &theirs).unwrap();
        let their_bytes = std::fs::read(&path).unwrap();

        s.apply(Command::GoTo(1));
        s.apply(Command::AddNote);
        let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
            panic!("autosave is due");
        };
        s.apply(Command::Done(effect.run()));
        assert!(s.conflict, "the UI is asked what to do");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            their_bytes,
            "theirs is untouched"
        );
        assert!(matches!(
            s.autosave(Instant::now() + AUTOSAVE_DELAY),
            Autosave::Idle
        ));

        // Keep mine: written over, theirs kept as the backup.
        apply(&mut s, Command::SaveOverwrite);
        assert!(!s.conflict);
        assert_eq!(notes::load(&path).unwrap().count("obs-1"), 1);
        let backup = notes::load(&notes::backup_path(&path)).unwrap();
        assert_eq!(backup.count("closing"), 1);
    }

    #[test]
    fn a_second_window_on_the_same_notes_file_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("both.json");
        let mut first = session();
        first.apply(Command::AddNote);
        apply(&mut first, Command::SaveAs(path.clone()));
        apply(&mut first, Command::OpenNotes(path.clone()));
        assert!(first.can_save_in_place());

        let mut second = session();
        apply(&mut second, Command::OpenNotes(path.clone()));
        assert_eq!(second.notes.total(), 1, "the notes are shown");
        assert!(!second.can_save_in_place(), "but never written from here");
        assert!(second.notice.as_ref().unwrap().text().contains("both.json"));

        drop(first);
        let mut third = session();
        apply(&mut third, Command::OpenNotes(path.clone()));
        assert!(
            third.can_save_in_place(),
            "free again once the first window is gone"
        );

        // Save As hands the lock over to the new file: the old one is free again.
        let moved = dir.path().join("moved.json");
        apply(&mut third, Command::SaveAs(moved.clone()));
        let mut fourth = session();
        apply(&mut fourth, Command::OpenNotes(moved));
        assert!(!fourth.can_save_in_place(), "the new file is locked");
        let mut fifth = session();
        apply(&mut fifth, Command::OpenNotes(path));
        assert!(fifth.can_save_in_place(), "the old file is not");
    }

    #[test]
    fn when_the_notes_file_cannot_be_written_the_recovery_file_keeps_the_notes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session();
        s.recovery_dir = Some(dir.path().join("recovery"));
        std::fs::create_dir_all(dir.path().join("recovery")).unwrap();
        s.notes_path = Some(dir.path().join("gone").join("n.json"));
        s.apply(Command::AddNote);
        let later = Instant::now() + AUTOSAVE_DELAY;
        let Autosave::Run(effect) = s.autosave(later) else {
            panic!("autosave is due");
        };
        s.apply(Command::Done(effect.run()));
        assert_eq!(s.save_state(), SaveState::Failed);
        let Autosave::Run(effect) = s.autosave(later) else {
            panic!("the recovery file is written next");
        };
        s.apply(Command::Done(effect.run()));
        assert_eq!(notes::load(&s.recovery_path().unwrap()).unwrap().total(), 1);
        assert!(
            matches!(s.autosave(later), Autosave::Idle),
            "and then nothing loops"
        );
    }
}
