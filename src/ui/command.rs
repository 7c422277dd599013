//! What the window can be asked to do. Views, keys, menus and the palette only queue
//! these; the app applies them after the frame's views have run (see `dispatch.rs`).

use super::PathPurpose;
use crate::session::Command;
use std::path::PathBuf;

/// What the window can be asked to do: session commands plus the ones that only concern
/// the window (dialogs, theme, quitting).
#[derive(Debug, Clone, PartialEq)]
pub enum UiCommand {
    Session(Command),
    /// Ctrl+S: save in place, or ask for a path when there is none (or it is protected).
    Save,
    /// Opens the in-window path dialog; the native file dialog is its "Browse…" button.
    AskPath(PathPurpose),
    /// Keywords per card of the talk with this fingerprint, found off the UI thread.
    KeywordsFound(String, Vec<Vec<String>>),
    /// Stars the current card, or takes its star away.
    ToggleStarCurrent,
    /// F2: the current card's title in a field, to give it a title of the user's.
    RenameCurrent,
    /// Puts the Markdown recap on the clipboard (made off the UI thread).
    CopyRecap,
    /// Puts text made off the UI thread (the recap) on the clipboard.
    Copy(String),
    /// Opens a talk from File › Open recent.
    OpenRecentTalk(PathBuf),
    /// Runs the native file dialog for the open path dialog.
    Browse(PathPurpose),
    /// A path picked or typed for a purpose.
    UsePath(PathPurpose, PathBuf),
    CloseDialog,
    ToggleTheme,
    /// Shows or hides the grid of all cards.
    ToggleOverview,
    /// Moves the overview selection by tiles (x) and rows (y).
    OverviewStep(isize, isize),
    /// Opens the card under the overview selection.
    OverviewPick,
    /// F5: the audience window plus the speaker's view.
    StartPresenting,
    StopPresenting,
    TogglePause,
    /// Asks before the rehearsal timer goes back to zero.
    AskResetTimer,
    ResetTimer,
    /// Makes the speaker notes (the presenter's, while presenting) larger or smaller by
    /// this many points.
    NotesSize(f32),
    /// Opens the Rehearsals view (on the latest run), or closes it.
    ToggleRehearsals,
    /// The recap includes the last rehearsal run's time on each card, or not.
    ToggleRecapRehearsal,
    /// F11: the audience window full screen, or not.
    ToggleFullscreen,
    /// H: highlights the text selected in the speaker notes.
    HighlightSelection,
    /// Points a highlight at the text selected in the speaker notes.
    ReattachToSelection(uuid::Uuid),
    /// Puts the cursor in a note (after a click on its highlight).
    FocusNote(uuid::Uuid),
    /// Ctrl+F: the search field and its results.
    OpenSearch,
    CloseSearch,
    /// Steps to the next (1) or previous (-1) search hit.
    SearchStep(isize),
    /// Goes to the search hit at this position of the results.
    SearchSelect(usize),
    /// Ctrl+K: find any action or card by typing.
    OpenPalette,
    /// F1: the list of keys.
    ToggleShortcuts,
    /// Switches between Chinese and English.
    ToggleLanguage,
    SetLanguage(crate::i18n::Lang),
    /// Turns the single-letter card keys (S, H, O, P, R) off or on again.
    ToggleSingleLetterKeys,
    /// Takes away what was said about the files the window was started with.
    DismissLaunchNotice,
    /// Quit: the window closes once the notes are saved (asking when they cannot be).
    Quit,
}

impl From<Command> for UiCommand {
    fn from(command: Command) -> Self {
        UiCommand::Session(command)
    }
}
