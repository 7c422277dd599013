//! What a user (or a test) can ask of a session.

use super::Outcome;
use crate::export::{Format, RecapOptions};
use crate::notes::Colour;
use std::path::PathBuf;
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
