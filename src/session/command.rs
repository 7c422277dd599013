//! What a user (or a test) can ask of a session, and how the session carries it out:
//! the one place every command goes through ([`Session::dispatch`]).

use super::persistence::{Leaving, Then, Unsaved};
use super::{Effect, Outcome, Session};
use crate::anchor::{self, Anchoring};
use crate::export::{Format, RecapOptions};
use crate::history::Edit;
use crate::notes::Colour;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
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
    /// Gives a card a title of the user's (kept in the notes file; the outline, search,
    /// recap and exports use it); an empty title gives the card back its own.
    RenameCard {
        card_id: String,
        title: String,
    },
    /// Takes back the last notes change (a run of typing counts as one).
    Undo,
    Redo,
    /// Saves to the current notes file; without one the UI asks for a path first.
    Save,
    SaveAs(PathBuf),
    /// Saves over a notes file another program changed (theirs is kept as `.bak`).
    SaveOverwrite,
    /// Opens a notes file in place of the notes in memory, once those are saved.
    OpenNotes(PathBuf),
    /// Opens a talk (and its notes) in place of this one, once the notes are saved.
    OpenTalk(PathBuf),
    /// Reads this talk's file again in the encoding named (an `encoding_rs` name), for a
    /// legacy file whose encoding was guessed wrong. Its notes stay.
    ReopenTalkAs(&'static str),
    /// Reads the notes file again, dropping the changes made here (another program
    /// changed it and the user takes theirs).
    ReloadNotes,
    /// The user quits: the window closes once the notes are saved (asking when they
    /// cannot be).
    Quit,
    /// The system ends the app (SIGTERM, SIGHUP, SIGINT): the notes are saved, to the
    /// recovery file where the notes file cannot take them, and the window closes.
    Exit,
    /// The notes could not be saved and the user goes ahead anyway with what waited.
    GoAhead,
    /// The notes could not be saved and the user stays: what waited is dropped.
    Stay,
    /// Adds the notes of another tool's file (W3C Web Annotation, Hypothesis, pdfpc) to
    /// the notes, as one undoable step.
    ImportAnnotations(PathBuf),
    /// Adds the notes of another notes file (any format talkdeck reads) to these,
    /// de-duplicated, as one undoable step.
    MergeNotes(PathBuf),
    /// The sync conflict copies seen beside the notes file are not to be offered again.
    DismissSyncConflicts,
    /// Writes an export of the talk and the notes as they are now (the recap, slides, W3C
    /// annotations, the notes for another tool), made and written off the UI thread.
    Export {
        format: Format,
        path: PathBuf,
        /// The language of its words and what the recap gives.
        options: RecapOptions,
    },
    /// Changes what the notes file keeps about rehearsing: a finished run, the planned
    /// duration, the budgets. Saved like any change, not undone by Undo.
    Rehearsal(crate::rehearsal::Change),
    /// Loads the notes autosaved to the recovery file when the app last stopped.
    RestoreRecovery,
    DiscardRecovery,
    DismissNotice,
    /// The outcome of an [`Effect`].
    Done(Outcome),
}

/// What a command came to, for the window: the I/O to run, and whether another talk is
/// in place now (the window then goes to its last card, finds its keywords and brings in
/// its notes). Told by the command that opened the talk, not found out afterwards.
#[derive(Debug, Default)]
pub struct Applied {
    /// I/O to run off the UI thread; its outcome comes back as [`Command::Done`].
    pub effect: Option<Effect>,
    /// A talk was opened in place of the one before.
    pub talk_opened: bool,
}

impl From<Option<Effect>> for Applied {
    fn from(effect: Option<Effect>) -> Self {
        Self {
            effect,
            talk_opened: false,
        }
    }
}

impl From<Effect> for Applied {
    fn from(effect: Effect) -> Self {
        Some(effect).into()
    }
}

impl Session {
    /// Applies a command: what it came to, for the window.
    pub fn dispatch(&mut self, command: Command) -> Applied {
        self.created = None;
        self.run(command).unwrap_or_default()
    }

    /// [`Self::dispatch`] for callers that show no talk (tests, benchmarks): the I/O the
    /// command needs, if any.
    pub fn apply(&mut self, command: Command) -> Option<Effect> {
        self.dispatch(command).effect
    }

    fn go_to(&mut self, index: usize) {
        if !self.talk.cards.is_empty() {
            self.current = index.min(self.talk.cards.len() - 1);
        }
    }

    /// Carries out a command; `None` when it came to nothing (a card that is not there).
    fn run(&mut self, command: Command) -> Option<Applied> {
        match command {
            Command::NextCard => self.go_to(self.current + 1),
            Command::PrevCard => self.go_to(self.current.saturating_sub(1)),
            Command::FirstCard => self.go_to(0),
            Command::LastCard => self.go_to(usize::MAX),
            Command::GoTo(index) => self.go_to(index),
            Command::Save
            | Command::SaveAs(_)
            | Command::SaveOverwrite
            | Command::OpenNotes(_)
            | Command::ReloadNotes
            | Command::ImportAnnotations(_)
            | Command::Export { .. }
            | Command::MergeNotes(_)
            | Command::DismissSyncConflicts
            | Command::RestoreRecovery
            | Command::DiscardRecovery
            | Command::OpenTalk(_)
            | Command::ReopenTalkAs(_)
            | Command::Quit
            | Command::Exit
            | Command::GoAhead
            | Command::Stay
            | Command::DismissNotice
            | Command::Done(_) => return self.files(command),
            edit => self.edit(edit, OffsetDateTime::now_utc())?,
        }
        None
    }

    /// A change of the notes (undoable, but for rehearsals) or of a card's title or star;
    /// `None` when it came to nothing.
    fn edit(&mut self, command: Command, now: OffsetDateTime) -> Option<()> {
        match command {
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
                let changed = change.apply(&mut self.notes_mut().rehearsal);
                if changed {
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
            _ => {}
        }
        Some(())
    }

    /// What reads or writes files, or waits for the notes to be safe: saving, opening,
    /// importing, exporting, leaving, and the outcome of that I/O.
    fn files(&mut self, command: Command) -> Option<Applied> {
        match command {
            Command::Save => {
                let path = self.notes_path()?.to_path_buf();
                return Some(self.save_to(path).into());
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
                    return Some(self.step(step));
                }
                return Some(self.save_to(path).into());
            }
            Command::SaveOverwrite => {
                self.persistence.overwrite();
                let path = self.notes_path()?.to_path_buf();
                return Some(self.save_to(path).into());
            }
            Command::OpenNotes(path) => {
                return Some(self.load_notes_effect(path, false).into());
            }
            Command::ReloadNotes => {
                let path = self.notes_path()?.to_path_buf();
                return Some(self.load_notes_effect(path, true).into());
            }
            Command::ImportAnnotations(path) => {
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ImportAnnotations { path, talk }.into());
            }
            Command::Export {
                format,
                path,
                options,
            } => {
                let snapshot = Box::new(self.snapshot(options));
                return Some(
                    Effect::Export {
                        format,
                        snapshot,
                        path,
                    }
                    .into(),
                );
            }
            Command::MergeNotes(path) => {
                // Answered: not offered again.
                self.sync_conflicts.retain(|p| *p != path);
                let talk = Arc::clone(&self.talk);
                return Some(Effect::ReadToMerge { path, talk }.into());
            }
            Command::DismissSyncConflicts => self.sync_conflicts.clear(),
            Command::RestoreRecovery => {
                self.recovery_offered = false;
                return Some(self.recovery_path().map(Effect::LoadRecovery).into());
            }
            Command::DiscardRecovery => {
                self.recovery_offered = false;
                return Some(self.recovery_path().map(Effect::DiscardRecovery).into());
            }
            Command::OpenTalk(path) => {
                return Some(
                    Effect::LoadTalk {
                        path,
                        encoding: None,
                    }
                    .into(),
                );
            }
            Command::ReopenTalkAs(encoding) => {
                let path = self.talk_path.clone()?;
                return Some(
                    Effect::LoadTalk {
                        path,
                        encoding: Some(encoding),
                    }
                    .into(),
                );
            }
            Command::Quit => return Some(self.leave(Then::Quit)),
            Command::Exit => return Some(self.leave(Then::Exit)),
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
                return Some(effect);
            }
            Command::Stay => self.persistence.stay(),
            Command::DismissNotice => self.notice = None,
            Command::Done(outcome) => return Some(self.finish(outcome)),
            _ => {}
        }
        None
    }
}
