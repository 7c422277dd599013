//! Where the notes stand against their files, and what may happen to them next.
//!
//! This is the one place that decides when notes are written, to which file, and when an
//! action that would drop the notes in memory (open a talk, open other notes, quit) may
//! go ahead. Saves are never fire-and-forget: one runs at a time, and each expects the
//! file the previous save of this window wrote. An action waits for its save and goes
//! ahead only once that save succeeded; when the notes cannot be saved, the user is asked.
//!
//! ```text
//!   Idle ──save──▶ Saving ──ok──▶ Idle ──(leaving, clean)──▶ the action runs
//!                    │ failed / conflict
//!                    ▼
//!         Failed (autosave retries on the next change, and by itself after a back-off;
//!                 while leaving: the recovery file first, then ask the user)
//! ```
//!
//! Three promises hang on this file: "Saved" is shown only when the notes file holds
//! the notes in memory; no question about losing notes is shown before the recovery file
//! holds them (a crash while the user reads it loses nothing); and typing that never
//! pauses still reaches the disk every [`AUTOSAVE_MAX_WAIT`].

use super::effect::SaveOutcome;
use super::effect::{Effect, LoadNotesError, LoadedNotes};
use super::problem::Problem;
use crate::notes::{FileStamp, NotesDoc, NotesLock};
use crate::talk::LoadedTalk;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after the last change autosave waits, so typing is saved in one go.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

/// The longest a change waits for autosave while typing goes on (editors do the same):
/// a steady typist never pauses [`AUTOSAVE_DELAY`], and a crash would take the paragraph.
pub const AUTOSAVE_MAX_WAIT: Duration = Duration::from_secs(5);

/// The first wait before a failed save to the notes file is tried again by itself (a full
/// disk that gets room, a network folder back); it doubles up to [`RETRY_MAX`].
pub const RETRY_FIRST: Duration = Duration::from_secs(5);
pub const RETRY_MAX: Duration = Duration::from_secs(60);

/// Why notes are being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// Save or Save As.
    Manual,
    /// Autosave into the notes file, or the save before an action.
    Auto,
    /// Into the recovery file, while there is no notes file to write.
    Recovery,
}

/// Where the notes stand against the file, for the title bar and status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
    /// The last save to the notes file failed; the next change tries again.
    Failed,
}

/// Why this window must not write its notes file.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOnly {
    /// It could not be read (broken JSON, …): writing it would lose what it holds.
    Unreadable(Problem),
    /// A newer talkdeck wrote it; its notes are shown, never saved over.
    Newer(Problem),
    /// Another talkdeck window has it open.
    Locked(Problem),
}

impl ReadOnly {
    pub fn reason(&self) -> &Problem {
        match self {
            ReadOnly::Unreadable(r) | ReadOnly::Newer(r) | ReadOnly::Locked(r) => r,
        }
    }
}

/// An action that drops the notes in memory or ends the window. It runs only once the
/// notes are safe in a file, or the user chose to drop them.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// Put in a talk that was read.
    UseTalk {
        path: PathBuf,
        loaded: Box<LoadedTalk>,
    },
    /// Put in notes that were read (or the reason they could not be).
    UseNotes {
        path: PathBuf,
        result: Result<Box<LoadedNotes>, LoadNotesError>,
    },
    /// The user quits: asked when the notes cannot be saved.
    Quit,
    /// The system ends the app (SIGTERM at logout, SIGHUP): nobody is there to answer, so
    /// what the notes file cannot take goes to the recovery file, and the app ends.
    Exit,
}

/// Why the notes could not be made safe before an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Unsaved {
    /// They have no file yet.
    NoFile,
    ReadOnly(ReadOnly),
    /// Saving failed (a full disk, a read-only folder): the reason.
    Failed(Problem),
    /// Another program changed the notes file.
    Conflict,
}

/// An action waiting on the notes.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaving {
    /// Waiting for the notes to be saved.
    Saving { then: Then, since: Instant },
    /// The notes could not be saved: the user decides (Save As, drop them, or stay).
    Asking { then: Then, why: Unsaved },
}

impl Leaving {
    pub fn then(&self) -> &Then {
        match self {
            Leaving::Saving { then, .. } | Leaving::Asking { then, .. } => then,
        }
    }
}

/// What the session does next.
#[derive(Debug)]
pub(super) enum Step {
    /// Nothing now: a save is running, or the user is being asked.
    Wait,
    Save(Effect),
    /// The notes are safe: the action goes ahead.
    Go(Then),
}

/// A save on its way to the disk.
#[derive(Debug, Clone)]
struct Running {
    revision: u64,
    kind: SaveKind,
}

/// A save asked for while another ran: it starts when that one lands, expecting the
/// file that one wrote.
#[derive(Debug, Clone)]
struct Queued {
    path: PathBuf,
    kind: SaveKind,
}

/// What a save came to, as the session reports it.
pub(super) enum Landed {
    /// Into the notes file (Save, Save As, autosave).
    Saved {
        kind: SaveKind,
    },
    Recovered,
    Failed {
        kind: SaveKind,
        reason: Problem,
    },
    /// Refused: another program changed the file.
    Conflict {
        reason: Problem,
    },
}

#[derive(Debug, Default)]
pub struct Persistence {
    /// Goes up with every change to the notes.
    revision: u64,
    /// The revision the notes file has.
    saved: u64,
    /// The revision the recovery file has.
    recovered: u64,
    notes_path: Option<PathBuf>,
    read_only: Option<ReadOnly>,
    /// The notes file as last read or written here, to notice another program's changes.
    stamp: Option<FileStamp>,
    /// Held while a notes file is open here, so a second window opens it read-only.
    lock: Option<Arc<NotesLock>>,
    running: Option<Running>,
    queued: Option<Queued>,
    /// A save to the notes file failed at this revision, and why.
    failed: Option<(u64, Problem)>,
    recovery_failed: Option<u64>,
    /// Another program changed the notes file; the UI asks what to do.
    conflict: bool,
    /// The next save writes over the file even though another program changed it.
    overwrite: bool,
    last_change: Option<Instant>,
    /// The oldest change no save has taken yet: autosave runs by [`AUTOSAVE_MAX_WAIT`]
    /// after it even while changes keep coming.
    pending_since: Option<Instant>,
    /// When a failed save to the notes file is tried again, and how many failed in a row.
    retry: Option<(Instant, u32)>,
    leaving: Option<Leaving>,
    /// Set once the window may close: its notes are safe, or were given up knowingly.
    closing: bool,
    /// The recovery file holds notes of this window (written or restored here), so a save
    /// of a later revision makes it stale. A recovery file this window did not write may
    /// hold another window's or an earlier run's edits: it is never removed by a save.
    recovery_ours: bool,
    /// The user chose to go ahead without saving; the recovery file is written first.
    discard_after_recovery: bool,
}

impl Persistence {
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn notes_path(&self) -> Option<&Path> {
        self.notes_path.as_deref()
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved
    }

    pub fn conflict(&self) -> bool {
        self.conflict
    }

    pub fn leaving(&self) -> Option<&Leaving> {
        self.leaving.as_ref()
    }

    pub fn may_close(&self) -> bool {
        self.closing
    }

    /// True when the unsaved changes are safe in the recovery file.
    pub fn in_recovery(&self) -> bool {
        self.is_dirty() && self.recovered == self.revision
    }

    pub fn can_save_in_place(&self) -> bool {
        self.notes_path.is_some() && self.read_only.is_none()
    }

    pub fn save_state(&self) -> SaveState {
        match &self.failed {
            _ if self.running.is_some() => SaveState::Saving,
            Some((at, _)) if self.is_dirty() && *at == self.revision => SaveState::Failed,
            _ if self.is_dirty() => SaveState::Unsaved,
            _ => SaveState::Saved,
        }
    }

    /// The notes changed.
    pub(super) fn changed(&mut self, now: Instant) {
        self.revision += 1;
        self.last_change = Some(now);
        self.pending_since.get_or_insert(now);
    }

    /// Other notes are in memory now, as their file has them (`path`, `stamp`), or none.
    pub(super) fn opened(
        &mut self,
        path: Option<PathBuf>,
        stamp: Option<FileStamp>,
        read_only: Option<ReadOnly>,
    ) {
        self.revision += 1;
        self.saved = self.revision;
        self.failed = None;
        self.retry = None;
        self.pending_since = None;
        self.conflict = false;
        self.overwrite = false;
        self.notes_path = path;
        self.stamp = stamp;
        self.read_only = read_only;
        self.lock = None;
    }

    /// The notes in memory now belong to `path`, a file not there yet (made on the first
    /// save): unsaved unless there is nothing to save.
    pub(super) fn adopt_new_file(&mut self, path: PathBuf, now: Instant, empty: bool) {
        self.opened(Some(path), None, None);
        if !empty {
            self.changed(now);
        }
    }

    /// Notes restored from the recovery file: unsaved, and the recovery file is ours.
    pub(super) fn restored(&mut self, now: Instant) {
        self.changed(now);
        self.recovered = self.revision;
        self.recovery_ours = true;
    }

    /// The user chose to drop the unsaved changes.
    pub(super) fn discard(&mut self) {
        self.saved = self.revision;
    }

    pub(super) fn set_read_only(&mut self, why: ReadOnly) {
        self.read_only = Some(why);
    }

    /// The lock asked for `path`; ignored when the notes moved on to another file.
    pub(super) fn take_lock(&mut self, path: &Path, lock: Arc<NotesLock>) {
        if self.notes_path() == Some(path) {
            self.lock = Some(lock);
        }
    }

    /// Lets go of the lock (before asking for one again, so the same file can be locked).
    pub(super) fn release_lock(&mut self) {
        self.lock = None;
    }

    /// The user keeps their version over another program's: the next save writes over it.
    pub(super) fn overwrite(&mut self) {
        self.conflict = false;
        self.overwrite = true;
        self.failed = None;
    }

    /// Save or Save As: `Err(why)` when `path` must not be written; a save asked for while
    /// another runs waits for it.
    pub(super) fn request_save(
        &mut self,
        path: PathBuf,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Result<Option<Effect>, ReadOnly> {
        if self.notes_path() == Some(path.as_path())
            && let Some(why) = &self.read_only
        {
            return Err(why.clone());
        }
        Ok(self.start(path, SaveKind::Manual, doc, recovery))
    }

    /// Autosave: once nothing has changed for [`AUTOSAVE_DELAY`], or the oldest unsaved
    /// change is [`AUTOSAVE_MAX_WAIT`] old, the notes go to their file, or to the recovery
    /// file while they have none (or it failed or must not be written). A save to the
    /// notes file that failed is tried again by itself once its back-off is over.
    /// `Err(wait)`: ask again after that long.
    pub(super) fn autosave(
        &mut self,
        now: Instant,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Result<Option<Effect>, Duration> {
        if self.running.is_some() || self.queued.is_some() || !self.is_dirty() {
            return Ok(None);
        }
        if matches!(self.leaving, Some(Leaving::Asking { .. })) {
            // The user is deciding what happens to these notes.
            return Ok(None);
        }
        let since = |t: Option<Instant>| t.map(|t| now.saturating_duration_since(t));
        let quiet = since(self.last_change).unwrap_or(AUTOSAVE_DELAY);
        let pending = since(self.pending_since).unwrap_or(Duration::ZERO);
        if quiet < AUTOSAVE_DELAY && pending < AUTOSAVE_MAX_WAIT {
            return Err((AUTOSAVE_DELAY - quiet).min(AUTOSAVE_MAX_WAIT - pending));
        }
        let retry_wait = self.retry_wait(now);
        if retry_wait == Some(Duration::ZERO) {
            // The back-off is over: the notes file gets another try.
            self.failed = None;
        }
        match self.next_autosave(doc, recovery) {
            Some(effect) => Ok(Some(effect)),
            None => retry_wait.map_or(Ok(None), Err),
        }
    }

    /// How long until a failed save to the notes file is tried again (zero: now); `None`
    /// when nothing waits for a retry (no failure, a conflict the user must settle, or a
    /// file this window must not write).
    fn retry_wait(&self, now: Instant) -> Option<Duration> {
        let (at, _) = self.retry?;
        let failed_now = matches!(&self.failed, Some((rev, _)) if *rev == self.revision);
        (failed_now && !self.conflict && self.can_save_in_place())
            .then(|| at.saturating_duration_since(now))
    }

    /// Where autosave writes now, if anywhere.
    fn next_autosave(&mut self, doc: &Arc<NotesDoc>, recovery: Option<PathBuf>) -> Option<Effect> {
        let file_failed = self
            .failed
            .as_ref()
            .is_some_and(|(at, _)| *at == self.revision)
            || self.conflict;
        if let Some(path) = self.notes_path.clone()
            && self.can_save_in_place()
            && !file_failed
        {
            return self.start(path, SaveKind::Auto, doc, recovery);
        }
        self.recovery_save(doc, recovery)
    }

    /// Into the recovery file, unless it has these notes already or failed at them.
    fn recovery_save(&mut self, doc: &Arc<NotesDoc>, recovery: Option<PathBuf>) -> Option<Effect> {
        let recovery = recovery?;
        if self.recovered == self.revision || self.recovery_failed == Some(self.revision) {
            return None;
        }
        self.start(recovery, SaveKind::Recovery, doc, None)
    }

    /// Starts a save now, or queues it behind the one running.
    fn start(
        &mut self,
        path: PathBuf,
        kind: SaveKind,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Option<Effect> {
        if self.running.is_some() {
            // A manual save wins over a queued autosave; the last path asked for wins.
            let keep = matches!(&self.queued, Some(q) if q.kind == SaveKind::Manual)
                && kind != SaveKind::Manual;
            if !keep {
                self.queued = Some(Queued { path, kind });
            }
            return None;
        }
        // Only the file these notes came from is checked; a new path has nothing to lose.
        let expected = match kind {
            SaveKind::Recovery => None,
            _ if self.notes_path() == Some(path.as_path()) && !self.overwrite => self.stamp.clone(),
            _ => None,
        };
        let stale_recovery = match kind {
            SaveKind::Recovery => None,
            _ if self.recovery_ours => recovery,
            _ => None,
        };
        let take_lock = kind != SaveKind::Recovery && self.notes_path() != Some(path.as_path());
        if kind != SaveKind::Recovery {
            self.overwrite = false;
        }
        // Every change so far is on its way to a file.
        self.pending_since = None;
        self.running = Some(Running {
            revision: self.revision,
            kind,
        });
        Some(Effect::Save {
            path,
            doc: Arc::clone(doc),
            revision: self.revision,
            kind,
            stale_recovery,
            expected,
            take_lock,
        })
    }

    /// A save came back. Returns what it came to, for the notice, and what happens next
    /// (a queued save, or the action that waited for it).
    pub(super) fn landed(
        &mut self,
        save: SaveOutcome,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> (Landed, Step) {
        let SaveOutcome {
            path,
            revision,
            kind,
            changed,
            result,
        } = save;
        let was = self.running.take();
        debug_assert!(was.is_none_or(|r| r.revision == revision && r.kind == kind));
        let landed = match (kind, result) {
            (SaveKind::Recovery, Ok(_)) => {
                self.recovered = self.recovered.max(revision);
                self.recovery_ours = true;
                Landed::Recovered
            }
            (SaveKind::Recovery, Err(reason)) => {
                self.recovery_failed = Some(revision);
                Landed::Failed { kind, reason }
            }
            (_, Ok(stamp)) => {
                self.stamp = Some(stamp);
                self.saved = self.saved.max(revision);
                self.notes_path = Some(path);
                self.read_only = None;
                self.failed = None;
                self.retry = None;
                if self.recovery_ours && self.saved >= self.recovered {
                    // The save removed the recovery file (it held nothing newer).
                    self.recovery_ours = false;
                }
                Landed::Saved { kind }
            }
            (_, Err(reason)) if changed => {
                self.conflict = true;
                self.failed = Some((revision, reason.clone()));
                Landed::Conflict { reason }
            }
            (_, Err(reason)) => {
                self.failed = Some((revision, reason.clone()));
                let failures = self.retry.map_or(1, |(_, n)| n.saturating_add(1));
                let back_off = RETRY_FIRST
                    .saturating_mul(1 << (failures - 1).min(8))
                    .min(RETRY_MAX);
                self.retry = Some((Instant::now() + back_off, failures));
                Landed::Failed { kind, reason }
            }
        };
        if let Some(queued) = self.queued.take() {
            // Expects the stamp the save that just landed wrote.
            let save = match queued.kind {
                SaveKind::Manual => self.start(queued.path, queued.kind, doc, recovery.clone()),
                _ => self.next_autosave(doc, recovery.clone()),
            };
            if let Some(effect) = save {
                return (landed, Step::Save(effect));
            }
        }
        let refused = match &landed {
            Landed::Failed { kind, reason } if *kind != SaveKind::Recovery => {
                Some(Unsaved::Failed(reason.clone()))
            }
            Landed::Conflict { .. } => Some(Unsaved::Conflict),
            _ => None,
        };
        if let (Some(why), Some(Leaving::Saving { then, .. })) = (refused, &self.leaving)
            && *then != Then::Exit
        {
            // The action waited for this save: now the user decides, once the recovery
            // file holds the notes (a crash while they read the question loses nothing).
            let then = then.clone();
            if let Some(effect) = self.recovery_save(doc, recovery) {
                return (landed, Step::Save(effect));
            }
            self.leaving = Some(Leaving::Asking { then, why });
            return (landed, Step::Wait);
        }
        let step = self.advance(doc, recovery);
        (landed, step)
    }

    /// An action wants the notes out of memory: it waits for them to be saved.
    pub(super) fn leave(
        &mut self,
        then: Then,
        now: Instant,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Step {
        // A save that failed before is tried once more: the disk may have room again.
        if !self.conflict {
            self.failed = None;
        }
        self.leaving = Some(Leaving::Saving { then, since: now });
        self.advance(doc, recovery)
    }

    /// The user answered: save elsewhere first (`Save As`), and go ahead once it landed.
    pub(super) fn leave_after_save_as(
        &mut self,
        path: PathBuf,
        now: Instant,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Step {
        let Some(Leaving::Asking { then, .. }) = self.leaving.take() else {
            return Step::Wait;
        };
        self.leaving = Some(Leaving::Saving { then, since: now });
        match self.start(path, SaveKind::Manual, doc, recovery) {
            Some(effect) => Step::Save(effect),
            None => Step::Wait,
        }
    }

    /// The user answered: go ahead without the unsaved changes. `keep_recovery`: the
    /// changes stay in the recovery file (written now if it lacks them) for the next start.
    pub(super) fn leave_anyway(
        &mut self,
        keep_recovery: bool,
        doc: &Arc<NotesDoc>,
        recovery: Option<PathBuf>,
    ) -> Step {
        let Some(leaving) = self.leaving.take() else {
            return Step::Wait;
        };
        let then = leaving.then().clone();
        if keep_recovery && let Some(effect) = self.recovery_save(doc, recovery) {
            // Go ahead once the recovery file has them; the notes file is not tried again.
            self.leaving = Some(Leaving::Saving {
                then,
                since: Instant::now(),
            });
            self.discard_after_recovery = true;
            return Step::Save(effect);
        }
        self.discard();
        self.go(then)
    }

    /// The user stays: the action is dropped, the notes stay as they are.
    pub(super) fn stay(&mut self) {
        self.leaving = None;
    }

    /// Moves an action on: it goes once the notes are clean and no save runs.
    fn advance(&mut self, doc: &Arc<NotesDoc>, recovery: Option<PathBuf>) -> Step {
        let Some(Leaving::Saving { then, .. }) = &self.leaving else {
            return Step::Wait;
        };
        if self.running.is_some() || self.queued.is_some() {
            return Step::Wait;
        }
        let then = then.clone();
        if self.discard_after_recovery {
            // The user chose to go ahead; the recovery file has had its try.
            self.discard_after_recovery = false;
            self.discard();
        }
        if !self.is_dirty() {
            self.leaving = None;
            return self.go(then);
        }
        let file_failed = self
            .failed
            .as_ref()
            .is_some_and(|(at, _)| *at == self.revision);
        if let Some(path) = self.notes_path.clone()
            && self.can_save_in_place()
            && !self.conflict
            && !file_failed
        {
            return match self.start(path, SaveKind::Auto, doc, recovery) {
                Some(effect) => Step::Save(effect),
                None => Step::Wait,
            };
        }
        if then == Then::Exit {
            // Nobody to ask: the recovery file, if it can take them; then go regardless.
            if let Some(effect) = self.recovery_save(doc, recovery) {
                return Step::Save(effect);
            }
            if self.is_dirty() && !self.in_recovery() {
                log::error!(
                    "ending with unsaved notes: neither the notes file nor the recovery file could take them"
                );
            }
            self.leaving = None;
            return self.go(then);
        }
        // The recovery file takes the notes before the user is asked about them.
        if let Some(effect) = self.recovery_save(doc, recovery) {
            return Step::Save(effect);
        }
        let why = if self.conflict {
            Unsaved::Conflict
        } else if let Some(read_only) = &self.read_only {
            Unsaved::ReadOnly(read_only.clone())
        } else if let Some((_, reason)) = &self.failed {
            Unsaved::Failed(reason.clone())
        } else {
            Unsaved::NoFile
        };
        self.leaving = Some(Leaving::Asking { then, why });
        Step::Wait
    }

    fn go(&mut self, then: Then) -> Step {
        if matches!(then, Then::Quit | Then::Exit) {
            self.closing = true;
        }
        Step::Go(then)
    }
}
