//! The app state and the commands that change it. No egui in here: the window, the key
//! bindings and the tests all go through [`Session::dispatch`] (or [`Session::apply`]).
//!
//! Commands never touch the disk themselves. One that needs I/O returns an [`Effect`]
//! that the caller runs (on a worker thread in the app, inline in tests); its outcome
//! comes back as [`Command::Done`]. When the notes are written, and whether an action
//! that drops them may go ahead, is decided in one place: [`persistence`].
//!
//! One concern a file: this one holds the state and what views read of it;
//! `command.rs` the commands and their dispatch (and [`Applied`], which tells the window
//! what a command came to, such as a talk opened); `outcomes.rs` what comes back of the
//! I/O; `notes_state.rs` the notes, their anchorings and undo; `notice.rs` what the user
//! is told; `effect.rs` the I/O itself.

mod command;
mod effect;
mod notes_state;
mod notice;
mod outcomes;
pub mod persistence;
mod problem;

pub use crate::placement::Anchorings;
pub use command::{Applied, Command};
pub use effect::{Effect, LoadNotesError, LoadedNotes, LockTaken, Outcome, SaveOutcome};
pub use notice::{Message, Notice, NoticeLevel, shown_path};
pub use persistence::{
    AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT, Leaving, ReadOnly, SaveKind, SaveState, Then, Unsaved,
};
pub use problem::Problem;

use crate::anchor;
use crate::history::History;
use crate::notes::{self, NotesDoc};
use crate::talk::{self, LoadedTalk, Talk, TalkError};
use crate::textfile::Found;
use persistence::Persistence;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// What autosave wants now.
#[derive(Debug)]
pub enum Autosave {
    Idle,
    /// Nothing yet; ask again after this long.
    WaitFor(Duration),
    Run(Effect),
}

impl Autosave {
    pub fn into_effect(self) -> Option<Effect> {
        match self {
            Autosave::Run(effect) => Some(effect),
            Autosave::Idle | Autosave::WaitFor(_) => None,
        }
    }
}

pub struct Session {
    /// The talk as read from its file; shared with the worker thread, which anchors notes
    /// in it. A new one only when a talk is opened.
    opened: Arc<Talk>,
    /// `opened` with the titles the user gave cards ([`NotesDoc::titles`]): what every view,
    /// the recap and the exports show. The same `Arc` as `opened` while no card is renamed.
    talk: Arc<Talk>,
    /// The talk's file name, or the embedded seed's name.
    talk_name: String,
    talk_path: Option<PathBuf>,
    /// The text encoding the talk file was in (`UTF-8`, `GBK`, `UTF-16LE`, …).
    encoding: &'static str,
    /// Whether that encoding was guessed, and how surely.
    found: Found,
    /// Shared with a save in progress; changed through [`Session::notes_mut`].
    notes: Arc<NotesDoc>,
    current: usize,
    notice: Option<Notice>,
    /// The note the last command made (the UI puts the cursor in it).
    created: Option<Uuid>,
    /// Where notes are autosaved while they have no notes file to go to (the app sets it
    /// to a folder under the OS data folder; the file is named by the talk's fingerprint).
    recovery_dir: Option<PathBuf>,
    /// The talk's recovery file holds notes the open notes file lacks: offer them.
    recovery_offered: bool,
    /// Sync conflict copies seen beside the notes file, offered to merge.
    sync_conflicts: Vec<PathBuf>,
    persistence: Persistence,
    history: History,
    /// Where each highlight's passage is in the current talk, by note id; shared with
    /// exports running off the UI thread.
    anchorings: Arc<Anchorings>,
    /// Made the first time a highlight is anchored here.
    talk_index: OnceLock<anchor::TalkIndex>,
    /// How many notes each card has (by [`crate::placement`]), counted once per change of
    /// the notes or of where highlights are: the outline reads it every frame.
    counts: OnceLock<HashMap<String, usize>>,
}

impl Session {
    pub fn new(talk: Talk, talk_name: &str, talk_path: Option<PathBuf>) -> Self {
        let notes = NotesDoc::new(&talk.title, &talk.fingerprint);
        let talk = Arc::new(talk);
        Self {
            opened: Arc::clone(&talk),
            talk,
            talk_name: talk_name.to_owned(),
            talk_path,
            encoding: "UTF-8",
            found: Found::Unicode,
            notes: Arc::new(notes),
            current: 0,
            notice: None,
            created: None,
            recovery_dir: None,
            recovery_offered: false,
            sync_conflicts: Vec::new(),
            persistence: Persistence::default(),
            history: History::default(),
            anchorings: Arc::default(),
            counts: OnceLock::new(),
            talk_index: OnceLock::new(),
        }
    }

    /// Starts with these notes in memory, in no file yet (tests and benchmarks).
    pub fn with_notes(mut self, doc: NotesDoc) -> Self {
        self.replace_notes(doc);
        self
    }

    /// A talk read from a file.
    /// What was skipped while reading it (subtitle cues with broken timestamps, by line)
    /// is shown as a warning.
    pub fn from_file(loaded: LoadedTalk, path: PathBuf) -> Self {
        let mut session = Self::new(loaded.talk, &file_name(&path), Some(path));
        session.encoding = loaded.encoding;
        session.found = loaded.found;
        session.report_guess();
        session.report_skipped(loaded.notices);
        session
    }

    /// How the talk's encoding was found (a guess is worth a word to the user).
    pub fn encoding_found(&self) -> Found {
        self.found
    }

    /// Reads and parses a talk file.
    pub fn open(path: PathBuf) -> Result<Self, TalkError> {
        Ok(Self::from_file(talk::load_talk(&path)?, path))
    }

    /// The embedded seed talk.
    pub fn seed() -> Self {
        Self::new(talk::parse_text(crate::SEED_TALK), crate::SEED_NAME, None)
    }

    pub fn talk(&self) -> &Talk {
        &self.talk
    }

    /// The talk with the user's card titles, shared (a view can tell by the pointer when
    /// it changed).
    pub fn talk_shared(&self) -> &Arc<Talk> {
        &self.talk
    }

    /// The talk as read from its file, shared: another one (by the pointer) only when a
    /// talk was opened, not when a card was renamed.
    pub fn opened_talk(&self) -> &Arc<Talk> {
        &self.opened
    }

    /// The card's own title when the user renamed it (the talk's, or the one the topic
    /// segmentation took from its text); `None` for a card not renamed.
    pub fn original_title(&self, card: usize) -> Option<&str> {
        let card = self.opened.cards.get(card)?;
        self.notes
            .titles
            .contains_key(&card.id)
            .then_some(card.title.as_str())
    }

    pub fn talk_name(&self) -> &str {
        &self.talk_name
    }

    pub fn talk_path(&self) -> Option<&Path> {
        self.talk_path.as_deref()
    }

    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    pub fn notes(&self) -> &NotesDoc {
        &self.notes
    }

    /// The notes file in use, if any (also when it is read-only here).
    pub fn notes_path(&self) -> Option<&Path> {
        self.persistence.notes_path()
    }

    /// Why the notes file must not be written here, if it must not.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.persistence.read_only()
    }

    /// The index of the card shown.
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The note the last command made, if it made one.
    pub fn created_note(&self) -> Option<Uuid> {
        self.created
    }

    pub fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.recovery_dir = dir;
    }

    /// The recovery file holds notes the notes file just opened lacks.
    pub fn recovery_offered(&self) -> bool {
        self.recovery_offered
    }

    /// Copies a sync tool left beside the notes file after a conflict, offered to merge
    /// (until merged or dismissed).
    pub fn sync_conflicts(&self) -> &[PathBuf] {
        &self.sync_conflicts
    }

    /// An action waiting for the notes to be saved, or for the user's answer.
    pub fn leaving(&self) -> Option<&Leaving> {
        self.persistence.leaving()
    }

    /// The window may close: the notes are safe, or the user chose to drop them.
    pub fn may_close(&self) -> bool {
        self.persistence.may_close()
    }

    /// Another program changed the notes file since it was read or written here.
    pub fn conflict(&self) -> bool {
        self.persistence.conflict()
    }

    /// The notes file that sits beside the talk file (`TALK.notes.json`), if there is one.
    pub fn notes_beside_talk(&self) -> Option<PathBuf> {
        let path = notes::default_notes_path(self.talk_path.as_deref()?);
        path.is_file().then_some(path)
    }

    pub fn card_count(&self) -> usize {
        self.talk.cards.len()
    }

    pub fn current_card(&self) -> Option<&talk::Card> {
        self.talk.cards.get(self.current)
    }

    /// Goes up with every change to the notes, so views can tell when to rebuild.
    pub fn revision(&self) -> u64 {
        self.persistence.revision()
    }

    pub fn is_dirty(&self) -> bool {
        self.persistence.is_dirty()
    }

    pub fn save_state(&self) -> SaveState {
        self.persistence.save_state()
    }

    /// True when Save can write without asking for a path.
    pub fn can_save_in_place(&self) -> bool {
        self.persistence.can_save_in_place()
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
        self.persistence.in_recovery()
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
        let recovery = self.recovery_path();
        match self.persistence.autosave(now, &self.notes, recovery) {
            Ok(Some(effect)) => Autosave::Run(effect),
            Ok(None) => Autosave::Idle,
            Err(wait) => Autosave::WaitFor(wait),
        }
    }

    /// The last chance on the way out, with nobody to ask: the notes go to their file
    /// (or the recovery file) now, whatever autosave's delay. The caller runs it inline.
    pub fn final_save(&mut self) -> Option<Effect> {
        self.autosave(Instant::now() + AUTOSAVE_DELAY).into_effect()
    }
}

/// A path's last component, for messages and the window title.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod leaving_tests;
#[cfg(test)]
mod renaming_tests;
#[cfg(test)]
mod tests;
