//! What comes back of the I/O a command asked for ([`Outcome`]), and the actions that
//! waited for the notes to be safe: a save landed, notes or a talk read, a lock taken,
//! notes imported or merged. When the notes are written, and whether an action that drops
//! them may go ahead, is decided in [`super::persistence`]; here that decision is carried
//! out.

use super::command::Applied;
use super::persistence::{Landed, ReadOnly, SaveKind, Step, Then};
use super::{
    Effect, LoadNotesError, LoadedNotes, LockTaken, Message, NoticeLevel, Outcome, SaveOutcome,
    Session,
};
use crate::exchange;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

impl Session {
    pub(super) fn load_notes_effect(&self, path: PathBuf, discard: bool) -> Effect {
        Effect::LoadNotes {
            path,
            talk: Arc::clone(&self.talk),
            recovery: self.recovery_path(),
            discard,
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) -> Option<Effect> {
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
    pub(super) fn leave(&mut self, then: Then) -> Applied {
        let recovery = self.recovery_path();
        let step = self
            .persistence
            .leave(then, Instant::now(), &self.notes, recovery);
        self.step(step)
    }

    /// Carries out what persistence decided.
    pub(super) fn step(&mut self, step: Step) -> Applied {
        match step {
            Step::Wait => Applied::default(),
            Step::Save(effect) => effect.into(),
            Step::Go(then) => self.go(then),
        }
    }

    /// The action that waited for the notes goes ahead.
    fn go(&mut self, then: Then) -> Applied {
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
                Applied {
                    effect: None,
                    talk_opened: true,
                }
            }
            Then::UseNotes { path, result } => self.notes_loaded(path, result).into(),
            Then::Quit | Then::Exit => Applied::default(),
        }
    }

    /// Takes in what an effect did; may ask for more I/O (notes that turn out to be W3C
    /// annotations are imported instead).
    pub(super) fn finish(&mut self, outcome: Outcome) -> Applied {
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
                return Effect::ImportAnnotations { path, talk }.into();
            }
            Outcome::NotesLoaded {
                path,
                result: Err(e),
                ..
            } if e.not_found => {
                // A new notes file: the notes in memory are kept, to be saved there.
                return self.notes_loaded(path, Err(e)).into();
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
        Applied::default()
    }

    fn saved(&mut self, save: SaveOutcome, lock: Option<LockTaken>) -> Applied {
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
    pub(super) fn notes_loaded(
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

    /// Asks for a lock on the notes file this window now uses, releasing the previous
    /// one first (so that the same file can be locked again).
    pub(super) fn lock_effect(&mut self, path: PathBuf) -> Effect {
        self.persistence.release_lock();
        Effect::Lock(path)
    }

    /// The lock asked for by [`Self::lock_effect`]: kept while the notes file is still
    /// this one; when another window has the file, it is read-only here.
    pub(super) fn locked(&mut self, path: PathBuf, taken: LockTaken) {
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

    /// Adds imported notes (de-duplicated, see [`exchange::merge`]) as one undoable step.
    pub(super) fn annotations_imported(&mut self, path: PathBuf, imported: exchange::Imported) {
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

    /// Another notes file read to merge: its notes join these, and the notice says what
    /// came of it.
    pub(super) fn merged(&mut self, path: PathBuf, read: exchange::ReadNotes) {
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
}
