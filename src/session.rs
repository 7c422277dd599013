//! The app state and the commands that change it. No egui in here: the window, the key
//! bindings and the tests all go through [`Session::apply`].
//!
//! Commands never touch the disk themselves. One that needs I/O returns an [`Effect`]
//! that the caller runs (on a worker thread in the app, inline in tests); its outcome
//! comes back as [`Command::Done`].

use crate::notes::{self, NotesDoc, NotesError};
use crate::talk::{self, Talk, TalkError};
use std::path::{Path, PathBuf};
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
    EditNote { id: Uuid, text: String },
    SetTags { id: Uuid, tags: Vec<String> },
    DeleteNote(Uuid),
    /// Saves to the current notes file; without one the UI asks for a path first.
    Save,
    SaveAs(PathBuf),
    OpenNotes(PathBuf),
    OpenTalk(PathBuf),
    DismissNotice,
    /// The outcome of an [`Effect`].
    Done(Outcome),
}

/// I/O a command asks for. Running it never touches the session.
#[derive(Debug, Clone)]
pub enum Effect {
    Save { path: PathBuf, doc: Box<NotesDoc>, revision: u64 },
    LoadNotes(PathBuf),
    LoadTalk(PathBuf),
}

impl Effect {
    /// Does the I/O. Blocking: the app calls it off the UI thread.
    pub fn run(self) -> Outcome {
        match self {
            Effect::Save { path, doc, revision } => {
                let result = notes::save(&path, &doc);
                Outcome::Saved { path, revision, result: result.map_err(|e| e.to_string()) }
            }
            Effect::LoadNotes(path) => {
                let result = notes::load(&path);
                Outcome::NotesLoaded { path, result: result.map_err(LoadNotesError::from) }
            }
            Effect::LoadTalk(path) => {
                let result = talk::read_talk(&path).map_err(|e: TalkError| e.to_string());
                Outcome::TalkLoaded { path, result: result.map(Box::new) }
            }
        }
    }
}

/// Why a notes file could not be opened, and whether it exists at all: a missing file is
/// simply a new notes file, created on first save.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadNotesError {
    pub message: String,
    pub not_found: bool,
}

impl From<NotesError> for LoadNotesError {
    fn from(e: NotesError) -> Self {
        Self { not_found: e.is_not_found(), message: e.to_string() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved { path: PathBuf, revision: u64, result: Result<(), String> },
    NotesLoaded { path: PathBuf, result: Result<NotesDoc, LoadNotesError> },
    TalkLoaded { path: PathBuf, result: Result<Box<Talk>, String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A message for the user, shown until dismissed or replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: String,
}

/// Where the notes stand against the file, for the title bar and status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
}

pub struct Session {
    pub talk: Talk,
    /// The talk's file name, or the embedded seed's name.
    pub talk_name: String,
    pub talk_path: Option<PathBuf>,
    pub notes: NotesDoc,
    pub notes_path: Option<PathBuf>,
    /// Set when the notes file could not be read (corrupt, newer version): the app must not
    /// write over it, so Save asks for another path.
    pub protected_path: Option<PathBuf>,
    pub current: usize,
    pub notice: Option<Notice>,
    /// The note the UI should put the cursor in on the next frame.
    pub focus_note: Option<Uuid>,
    revision: u64,
    saved_revision: u64,
    saving: bool,
}

impl Session {
    pub fn new(talk: Talk, talk_name: &str, talk_path: Option<PathBuf>) -> Self {
        let notes = NotesDoc::new(&talk.title, &talk.fingerprint);
        Self {
            talk,
            talk_name: talk_name.to_owned(),
            talk_path,
            notes,
            notes_path: None,
            protected_path: None,
            current: 0,
            notice: None,
            focus_note: None,
            revision: 0,
            saved_revision: 0,
            saving: false,
        }
    }

    /// The embedded seed talk.
    pub fn seed() -> Self {
        Self::new(talk::parse_text(crate::SEED_TALK), crate::SEED_NAME, None)
    }

    pub fn card_count(&self) -> usize {
        self.talk.cards.len()
    }

    pub fn current_card(&self) -> Option<&talk::Card> {
        self.talk.cards.get(self.current)
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn save_state(&self) -> SaveState {
        if self.saving {
            SaveState::Saving
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

    fn changed(&mut self) {
        self.revision += 1;
    }

    fn notify(&mut self, level: NoticeLevel, text: impl Into<String>) {
        self.notice = Some(Notice { level, text: text.into() });
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
                self.focus_note = Some(self.notes.add(&card, "", now));
                self.changed();
            }
            Command::EditNote { id, text } => {
                if self.notes.set_text(id, &text, now) {
                    self.changed();
                }
            }
            Command::SetTags { id, tags } => {
                if self.notes.set_tags(id, &tags, now) {
                    self.changed();
                }
            }
            Command::DeleteNote(id) => {
                if self.notes.remove(id).is_some() {
                    self.changed();
                }
            }
            Command::Save => {
                let path = self.notes_path.clone().filter(|_| self.can_save_in_place())?;
                return self.save_to(path);
            }
            Command::SaveAs(path) => return self.save_to(path),
            Command::OpenNotes(path) => return Some(Effect::LoadNotes(path)),
            Command::OpenTalk(path) => return Some(Effect::LoadTalk(path)),
            Command::DismissNotice => self.notice = None,
            Command::Done(outcome) => self.finish(outcome),
        }
        None
    }

    fn save_to(&mut self, path: PathBuf) -> Option<Effect> {
        if self.protected_path.as_deref() == Some(path.as_path()) {
            self.notify(
                NoticeLevel::Error,
                format!(
                    "Not saved: {} could not be read, so talkdeck will not write over it. Choose another file with Save As.",
                    path.display()
                ),
            );
            return None;
        }
        self.saving = true;
        Some(Effect::Save { path, doc: Box::new(self.notes.clone()), revision: self.revision })
    }

    fn finish(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { path, revision, result } => {
                self.saving = false;
                match result {
                    Ok(()) => {
                        self.saved_revision = revision;
                        self.notify(NoticeLevel::Info, format!("Saved {} notes to {}", self.notes.total(), path.display()));
                        self.notes_path = Some(path);
                        self.protected_path = None;
                    }
                    Err(e) => self.notify(NoticeLevel::Error, format!("Not saved: {e}. Your notes are still here; try Save As.")),
                }
            }
            Outcome::NotesLoaded { path, result } => self.notes_loaded(path, result),
            Outcome::TalkLoaded { path, result } => match result {
                Ok(talk) => {
                    let name = file_name(&path);
                    *self = Session::new(*talk, &name, Some(path));
                    self.notify(NoticeLevel::Info, format!("Opened {name}: {} cards", self.card_count()));
                }
                Err(e) => self.notify(NoticeLevel::Error, format!("Could not open the talk: {e}")),
            },
        }
    }

    fn notes_loaded(&mut self, path: PathBuf, result: Result<NotesDoc, LoadNotesError>) {
        match result {
            Ok(doc) => {
                let mismatch = doc.talk.fingerprint != self.talk.fingerprint;
                let missing: usize = doc
                    .cards
                    .iter()
                    .filter(|(id, _)| self.talk.card_index(id).is_none())
                    .map(|(_, notes)| notes.len())
                    .sum();
                self.notes = doc;
                self.notes_path = Some(path.clone());
                self.protected_path = None;
                self.revision += 1;
                self.saved_revision = self.revision;
                let mut text = format!("Opened {} notes from {}", self.notes.total(), path.display());
                let level = if mismatch {
                    text.push_str(&format!(
                        ". They were written on another version of the talk (“{}”); they are attached by card",
                        self.notes.talk.title
                    ));
                    if missing > 0 {
                        text.push_str(&format!(", and {missing} belong to cards this talk does not have (kept in the file)"));
                    }
                    NoticeLevel::Warning
                } else {
                    NoticeLevel::Info
                };
                self.notify(level, text);
            }
            Err(e) if e.not_found => {
                // A new notes file: it is created on first save.
                self.notes_path = Some(path.clone());
                self.protected_path = None;
                self.notify(NoticeLevel::Info, format!("{} does not exist yet; it will be created when you save", path.display()));
            }
            Err(e) => {
                self.protected_path = Some(path);
                self.notify(NoticeLevel::Error, format!("{}. The file is left as it is; use Save As to keep your notes elsewhere.", e.message));
            }
        }
    }
}

/// A path's last component, for messages and the window title.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
