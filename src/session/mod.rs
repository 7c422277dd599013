//! The app state and the commands that change it. No egui in here: the window, the key
//! bindings and the tests all go through [`Session::apply`].
//!
//! Commands never touch the disk themselves. One that needs I/O returns an [`Effect`]
//! that the caller runs (on a worker thread in the app, inline in tests); its outcome
//! comes back as [`Command::Done`]. When the notes are written, and whether an action
//! that drops them may go ahead, is decided in one place: [`persistence`].

mod command;
mod effect;
mod notice;
pub mod persistence;
mod problem;

pub use crate::placement::Anchorings;
pub use command::Command;
pub use effect::{Effect, LoadNotesError, LoadedNotes, LockTaken, Outcome, SaveOutcome};
pub use notice::{Message, Notice, NoticeLevel, shown_path};
pub use persistence::{
    AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT, Leaving, ReadOnly, SaveKind, SaveState, Then, Unsaved,
};
pub use problem::Problem;

use crate::anchor::{self, Anchoring};
use crate::exchange;
use crate::export::Snapshot;
use crate::history::{Edit, History};

use crate::notes::{self, Note, NotesDoc};
use crate::placement::{Placed, anchorings_in};
use crate::talk::{self, LoadedTalk, Talk, TalkError};
use crate::textfile::Found;
use persistence::{Landed, Persistence, Step};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
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

    /// A talk not in Unicode was read in the encoding `chardetng` guessed: say so, and how
    /// sure the guess is, so a garbled text is not taken for the talk.
    fn report_guess(&mut self) {
        let sure = match self.found {
            Found::Unicode | Found::Named => return,
            Found::Guessed => true,
            Found::Unsure => false,
        };
        let message = Message::GuessedEncoding {
            name: self.talk_name.clone(),
            encoding: self.encoding,
            sure,
        };
        self.notify(NoticeLevel::Warning, message);
    }

    /// How the talk's encoding was found (a guess is worth a word to the user).
    pub fn encoding_found(&self) -> Found {
        self.found
    }

    fn report_skipped(&mut self, lines: Vec<talk::Notice>) {
        if !lines.is_empty() {
            let name = self.talk_name.clone();
            self.notify(NoticeLevel::Warning, Message::Skipped { name, lines });
        }
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

    /// Makes `talk` show the card titles the notes hold, after they changed.
    fn retitle(&mut self) {
        let titles = &self.notes.titles;
        let stale = self
            .talk
            .cards
            .iter()
            .zip(&self.opened.cards)
            .any(|(shown, own)| shown.title != *titles.get(&own.id).unwrap_or(&own.title));
        if stale {
            self.talk = if titles.is_empty() {
                Arc::clone(&self.opened)
            } else {
                Arc::new(self.opened.retitled(titles))
            };
        }
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

    /// The notes, to change. A save still writing them keeps its own copy (made here,
    /// only then).
    fn notes_mut(&mut self) -> &mut NotesDoc {
        self.counts.take();
        Arc::make_mut(&mut self.notes)
    }

    /// Where a highlight's passage is now (`None`: not a highlight any more). Every change
    /// of where highlights are goes through here or [`Self::set_anchorings`], so what is
    /// counted per card stays true.
    fn set_anchoring(&mut self, id: Uuid, anchoring: Option<Anchoring>) {
        self.counts.take();
        match anchoring {
            Some(anchoring) => Arc::make_mut(&mut self.anchorings).insert(id, anchoring),
            None => Arc::make_mut(&mut self.anchorings).remove(&id),
        };
    }

    fn set_anchorings(&mut self, anchorings: Anchorings) {
        self.counts.take();
        self.anchorings = Arc::new(anchorings);
    }

    /// Every note on the cards of the talk, placed by the one rule of
    /// [`crate::placement`]: what the search, the recap, the exports and every view use.
    pub fn placed(&self) -> Placed<'_> {
        Placed::new(&self.talk, &self.notes, Some(self.anchorings.as_ref()))
    }

    /// How many notes are on a card (by [`Self::placed`]), for the outline and overview.
    pub fn note_count(&self, card_id: &str) -> usize {
        let counts = self.counts.get_or_init(|| {
            let placed = self.placed();
            self.talk
                .cards
                .iter()
                .map(|c| (c.id.clone(), placed.on(&c.id).len()))
                .collect()
        });
        counts.get(card_id).copied().unwrap_or(0)
    }

    pub fn card_count(&self) -> usize {
        self.talk.cards.len()
    }

    pub fn current_card(&self) -> Option<&talk::Card> {
        self.talk.cards.get(self.current)
    }

    /// Adds imported notes (de-duplicated, see [`exchange::merge`]) as one undoable step.
    fn annotations_imported(&mut self, path: PathBuf, imported: exchange::Imported) {
        let added = self.merge_in(imported.notes, None).added;
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
                line: exchange::problems_line(&imported.problems),
            });
        }
        self.report_anchoring();
    }

    /// Merges `notes` (and `starred`) into the notes as one undoable step.
    fn merge_in(
        &mut self,
        notes: Vec<(String, Note)>,
        starred: Option<&std::collections::BTreeSet<String>>,
    ) -> exchange::MergeCounts {
        let doc = self.notes_mut();
        let (counts, mut undo) = exchange::merge(doc, notes);
        if let Some(starred) = starred {
            undo.extend(exchange::merge::merge_stars(doc, starred));
        }
        if !undo.is_empty() {
            self.reanchor();
            self.changed_by(Edit::Batch(undo));
        }
        counts
    }

    /// Another notes file read to merge: its notes join these, and the notice says what
    /// came of it.
    fn merged(&mut self, path: PathBuf, read: exchange::ReadNotes) {
        let notes = read
            .doc
            .all()
            .map(|(card, note)| (card.to_owned(), note.clone()))
            .collect();
        let counts = self.merge_in(notes, Some(&read.doc.starred));
        let problems = read.problems.len();
        let level = if problems > 0 {
            NoticeLevel::Warning
        } else {
            NoticeLevel::Info
        };
        let message = Message::Merged {
            path,
            added: counts.added,
            updated: counts.updated,
            skipped: counts.skipped,
        };
        self.notify(level, message);
        if problems > 0
            && let Some(notice) = &mut self.notice
        {
            notice.detail = Some(Message::ImportProblems {
                line: exchange::problems_line(&read.problems),
            });
        }
        self.report_anchoring();
    }

    /// Asks for a lock on the notes file this window now uses, releasing the previous
    /// one first (so that the same file can be locked again).
    fn lock_effect(&mut self, path: PathBuf) -> Effect {
        self.persistence.release_lock();
        Effect::Lock(path)
    }

    /// The lock asked for by [`Self::lock_effect`]: kept while the notes file is still
    /// this one; when another window has the file, it is read-only here.
    fn locked(&mut self, path: PathBuf, taken: LockTaken) {
        if self.notes_path() != Some(path.as_path()) {
            return;
        }
        match taken {
            LockTaken::Held(lock) => self.persistence.take_lock(&path, lock),
            LockTaken::Elsewhere(reason) => {
                self.persistence
                    .set_read_only(ReadOnly::Locked(reason.clone()));
                self.notify(NoticeLevel::Warning, Message::ReadOnlyNotes { reason });
            }
            LockTaken::ReadOnlyFolder(reason) => {
                self.notify(NoticeLevel::Warning, Message::ReadOnlyFolder { reason });
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
        self.notes = Arc::new(doc);
        self.retitle();
        self.history.clear();
        self.set_anchorings(anchorings);
    }

    /// Finds every highlight's passage in the current talk text.
    fn reanchor(&mut self) {
        let anchorings = anchorings_in(&self.notes, self.talk_index());
        self.set_anchorings(anchorings);
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

    /// The notes on a card (by [`Self::placed`]). Orphans are listed apart.
    pub fn notes_on(&self, card_id: &str) -> Vec<&Note> {
        self.placed().on(card_id).to_vec()
    }

    /// The passage a highlight covers now, or the quote it was made on when its passage
    /// is gone ([`crate::placement::passage_now`]).
    pub fn highlight_text(&self, note: &Note) -> Option<String> {
        crate::placement::passage_now(&self.talk, Some(self.anchorings.as_ref()), note)
    }

    /// What an export is made of: the talk, the notes and where the highlights are now,
    /// shared with this session (nothing is copied).
    pub fn snapshot(&self, options: crate::export::RecapOptions) -> Snapshot {
        Snapshot::new(
            Arc::clone(&self.talk),
            Arc::clone(&self.notes),
            Arc::clone(&self.anchorings),
            options,
        )
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
        let placed = self.placed();
        placed
            .orphans()
            .iter()
            .flat_map(|(_, list)| list.iter().copied())
            .collect()
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

    fn changed(&mut self) {
        self.persistence.changed(Instant::now());
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
    /// again (just that one: the others have not changed; all after a batch, a merge).
    fn after_history_step(&mut self, step: Option<(Option<Uuid>, bool)>) {
        let Some((note, batch)) = step else { return };
        self.changed();
        self.retitle();
        if batch {
            self.reanchor();
            return;
        }
        let Some(id) = note else { return };
        let target = self.notes.find(id).and_then(|n| n.highlight.as_ref());
        let anchoring = target.map(|h| self.talk_index().reanchor(&h.target));
        self.set_anchoring(id, anchoring);
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
        self.created = None;
        match command {
            Command::NextCard => self.go_to(self.current + 1),
            Command::PrevCard => self.go_to(self.current.saturating_sub(1)),
            Command::FirstCard => self.go_to(0),
            Command::LastCard => self.go_to(usize::MAX),
            Command::GoTo(index) => self.go_to(index),
            Command::AddNote => {
                let card = self.current_card()?.id.clone();
                let id = self.notes_mut().add(&card, "", now);
                self.created = Some(id);
                self.changed_by(Edit::Remove { id });
            }
            Command::EditNote { id, text } => {
                let inverse = self.notes.find(id).map(|n| Edit::restore_text(n, &text));
                if let Some(inverse) = inverse.filter(|_| self.notes_mut().set_text(id, &text, now))
                {
                    self.changed_by(inverse);
                }
            }
            Command::SetTags { id, tags } => {
                let inverse = self.notes.find(id).map(Edit::restore_tags);
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
                let anchoring = Anchoring::Exact {
                    card_id,
                    start,
                    end,
                };
                self.set_anchoring(id, Some(anchoring));
                self.created = Some(id);
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
                let anchoring = Anchoring::Exact {
                    card_id,
                    start,
                    end,
                };
                self.set_anchoring(id, Some(anchoring));
            }
            Command::Rehearsal(change) => {
                if change.apply(&mut self.notes_mut().rehearsal) {
                    self.changed();
                }
            }
            Command::RenameCard { card_id, title } => {
                let own = self.opened.cards.iter().find(|c| c.id == card_id)?;
                // An empty title, or the card's own, gives the card back its own.
                let title = title.trim();
                let title = (!title.is_empty() && title != own.title).then(|| title.to_owned());
                if self.notes.titles.get(&card_id) != title.as_ref() {
                    let edit = Edit::Title {
                        card: card_id,
                        title,
                    };
                    if let Some(inverse) = edit.apply(self.notes_mut()) {
                        self.changed_by(inverse);
                        self.retitle();
                    }
                }
            }
            Command::ToggleStar(card) => {
                let on = !self.notes.starred.contains(&card);
                if let Some(inverse) = (Edit::Star { card, on }).apply(self.notes_mut()) {
                    self.changed_by(inverse);
                }
            }
            Command::Undo => {
                self.counts.take();
                let step = self.history.undo(Arc::make_mut(&mut self.notes));
                let step = step.map(|e| (e.note_id(), e.is_batch()));
                self.after_history_step(step);
            }
            Command::Redo => {
                self.counts.take();
                let step = self.history.redo(Arc::make_mut(&mut self.notes));
                let step = step.map(|e| (e.note_id(), e.is_batch()));
                self.after_history_step(step);
            }
            Command::Save => {
                let path = self.notes_path()?.to_path_buf();
                return self.save_to(path);
            }
            Command::SaveAs(path) => {
                if matches!(self.leaving(), Some(Leaving::Asking { .. })) {
                    let recovery = self.recovery_path();
                    let step = self.persistence.leave_after_save_as(
                        path,
                        Instant::now(),
                        &self.notes,
                        recovery,
                    );
                    return self.step(step);
                }
                return self.save_to(path);
            }
            Command::SaveOverwrite => {
                self.persistence.overwrite();
                let path = self.notes_path()?.to_path_buf();
                return self.save_to(path);
            }
            Command::OpenNotes(path) => return Some(self.load_notes_effect(path, false)),
            Command::ReloadNotes => {
                let path = self.notes_path()?.to_path_buf();
                return Some(self.load_notes_effect(path, true));
            }
            Command::ImportAnnotations(path) => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ImportAnnotations { path, talk });
            }
            Command::Export {
                format,
                path,
                options,
            } => {
                let snapshot = Box::new(self.snapshot(options));
                return Some(Effect::Export {
                    format,
                    snapshot,
                    path,
                });
            }
            Command::MergeNotes(path) => {
                // Answered: not offered again.
                self.sync_conflicts.retain(|p| *p != path);
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ReadToMerge { path, talk });
            }
            Command::DismissSyncConflicts => self.sync_conflicts.clear(),
            Command::RestoreRecovery => {
                self.recovery_offered = false;
                return self.recovery_path().map(Effect::LoadRecovery);
            }
            Command::DiscardRecovery => {
                self.recovery_offered = false;
                return self.recovery_path().map(Effect::DiscardRecovery);
            }
            Command::OpenTalk(path) => {
                return Some(Effect::LoadTalk {
                    path,
                    encoding: None,
                });
            }
            Command::ReopenTalkAs(encoding) => {
                let path = self.talk_path.clone()?;
                return Some(Effect::LoadTalk {
                    path,
                    encoding: Some(encoding),
                });
            }
            Command::Quit => return self.leave(Then::Quit),
            Command::Exit => return self.leave(Then::Exit),
            Command::GoAhead => {
                let recovery = self.recovery_path();
                let no_file = matches!(
                    self.leaving(),
                    Some(Leaving::Asking {
                        why: Unsaved::NoFile,
                        ..
                    })
                );
                // Notes that never had a file were given up: their recovery copy too.
                // Notes that could not be saved stay in the recovery file for next time.
                let step = self
                    .persistence
                    .leave_anyway(!no_file, &self.notes, recovery.clone());
                let effect = self.step(step);
                if no_file
                    && let Some(recovery) = recovery.filter(|p| p.is_file())
                    && let Err(e) = std::fs::remove_file(&recovery)
                {
                    log::warn!("{}: {e}", recovery.display());
                }
                return effect;
            }
            Command::Stay => self.persistence.stay(),
            Command::DismissNotice => self.notice = None,
            Command::Done(outcome) => return self.finish(outcome),
        }
        None
    }

    fn load_notes_effect(&self, path: PathBuf, discard: bool) -> Effect {
        Effect::LoadNotes {
            path,
            talk: Arc::clone(&self.talk),
            recovery: self.recovery_path(),
            discard,
        }
    }

    fn save_to(&mut self, path: PathBuf) -> Option<Effect> {
        let recovery = self.recovery_path();
        match self
            .persistence
            .request_save(path.clone(), &self.notes, recovery)
        {
            Ok(effect) => effect,
            Err(why) => {
                let reason = why.reason().clone();
                self.notify(NoticeLevel::Error, Message::Protected { path, reason });
                None
            }
        }
    }

    /// An action that drops the notes in memory: it runs once they are safe.
    fn leave(&mut self, then: Then) -> Option<Effect> {
        let recovery = self.recovery_path();
        let step = self
            .persistence
            .leave(then, Instant::now(), &self.notes, recovery);
        self.step(step)
    }

    /// Carries out what persistence decided.
    fn step(&mut self, step: Step) -> Option<Effect> {
        match step {
            Step::Wait => None,
            Step::Save(effect) => Some(effect),
            Step::Go(then) => self.go(then),
        }
    }

    /// The action that waited for the notes goes ahead.
    fn go(&mut self, then: Then) -> Option<Effect> {
        match then {
            Then::UseTalk { path, mut loaded } => {
                let recovery_dir = self.recovery_dir.take();
                let skipped = std::mem::take(&mut loaded.notices);
                *self = Session::from_file(*loaded, path);
                self.recovery_dir = recovery_dir;
                let message = Message::OpenedTalk {
                    name: self.talk_name.clone(),
                    count: self.card_count(),
                    encoding: self.encoding,
                };
                self.notify(NoticeLevel::Info, message);
                self.report_guess();
                self.report_skipped(skipped);
                None
            }
            Then::UseNotes { path, result } => self.notes_loaded(path, result),
            Then::Quit | Then::Exit => None,
        }
    }

    /// Takes in what an effect did; may ask for more I/O (notes that turn out to be W3C
    /// annotations are imported instead).
    fn finish(&mut self, outcome: Outcome) -> Option<Effect> {
        match outcome {
            Outcome::Saved { save, lock } => return self.saved(save, lock),
            Outcome::RecoveryLoaded { result } => match result {
                Ok(doc) => {
                    let count = doc.total();
                    self.replace_notes(doc);
                    self.persistence.restored(Instant::now());
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
            Outcome::ReadToMerge { path, result } => match result {
                Ok(read) => self.merged(path, *read),
                Err(reason) => self.notify(NoticeLevel::Error, Message::MergeFailed { reason }),
            },
            Outcome::Written { path, result } => match result {
                Ok(()) => self.notify(NoticeLevel::Info, Message::Exported { path }),
                Err(reason) => self.notify(NoticeLevel::Error, Message::ExportFailed { reason }),
            },
            Outcome::NotesLoaded {
                path,
                result: Err(e),
                ..
            } if e.not_notes_file => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ImportAnnotations { path, talk });
            }
            Outcome::NotesLoaded {
                path,
                result: Err(e),
                ..
            } if e.not_found => {
                // A new notes file: the notes in memory are kept, to be saved there.
                return self.notes_loaded(path, Err(e));
            }
            Outcome::NotesLoaded {
                path,
                result,
                discard,
            } => {
                if discard {
                    self.persistence.discard();
                }
                return self.leave(Then::UseNotes { path, result });
            }
            Outcome::TalkLoaded { path, result } => match result {
                Ok(loaded) => return self.leave(Then::UseTalk { path, loaded }),
                Err(reason) => self.notify(NoticeLevel::Error, Message::TalkFailed { reason }),
            },
        }
        None
    }

    fn saved(&mut self, save: SaveOutcome, lock: Option<LockTaken>) -> Option<Effect> {
        let recovery = self.recovery_path();
        let path = save.path.clone();
        let (landed, step) = self.persistence.landed(save, &self.notes, recovery);
        match landed {
            Landed::Saved { kind, .. } => {
                if kind == SaveKind::Manual {
                    let message = Message::Saved {
                        count: self.notes.total(),
                        path: path.clone(),
                    };
                    self.notify(NoticeLevel::Info, message);
                }
            }
            Landed::Recovered => {}
            Landed::Failed {
                kind: SaveKind::Recovery,
                reason,
            } => log::warn!("could not write the recovery file: {reason}"),
            Landed::Failed { reason, .. } | Landed::Conflict { reason } => {
                self.notify(NoticeLevel::Error, Message::NotSaved { reason });
            }
        }
        // Saved as another file: that one is this window's now (the save took its lock).
        if let Some(taken) = lock {
            self.locked(path, taken);
        }
        self.step(step)
    }

    /// Notes read from `path` take the place of the ones in memory (these are safe by now,
    /// or were given up knowingly).
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
                    renamed_ids,
                    recovery_differs,
                    sync_conflicts,
                } = *loaded;
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
                self.persistence
                    .opened(Some(path.clone()), Some(stamp), None);
                self.recovery_offered = recovery_differs;
                self.sync_conflicts = sync_conflicts;
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
                if renamed_ids > 0
                    && let Some(notice) = &mut self.notice
                {
                    notice.level = notice.level.max(NoticeLevel::Warning);
                    notice.detail = Some(Message::RenamedIds { count: renamed_ids });
                }
                Some(lock)
            }
            Err(e) if e.not_found => {
                // A new notes file: it is created on first save. The notes in memory stay.
                let empty = self.notes.is_blank();
                self.persistence
                    .adopt_new_file(path.clone(), Instant::now(), empty);
                self.notify(
                    NoticeLevel::Info,
                    Message::NewNotesFile { path: path.clone() },
                );
                Some(self.lock_effect(path))
            }
            Err(e) => {
                let reason = e.problem;
                let (message, why) = match e.read_only {
                    Some(doc) => {
                        self.replace_notes(*doc);
                        let why = ReadOnly::Newer(reason.clone());
                        (Message::ReadOnlyNotes { reason }, why)
                    }
                    None => {
                        let why = ReadOnly::Unreadable(reason.clone());
                        (Message::UnreadableNotes { reason }, why)
                    }
                };
                self.persistence.opened(Some(path), None, Some(why));
                self.notify(NoticeLevel::Error, message);
                None
            }
        }
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
