//! Every action of the window in one table: its name, its keys, where the keys work and
//! the command it sends. Key handling, menus, the shortcut overlay and the command
//! palette all read this table, so a key, a menu item and a palette entry can never
//! disagree.

use super::{PathPurpose, UiCommand};
use crate::session::Command;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Where an action's keys work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, even while typing in a note (Ctrl shortcuts).
    Global,
    /// In the deck, not while typing.
    Deck,
    /// In the deck and while presenting.
    Slides,
    Overview,
    Presenter,
}

/// How the shortcut overlay groups actions (a message id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    File,
    Edit,
    Navigate,
    View,
    Overview,
    Presenter,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Navigate,
        Group::Edit,
        Group::File,
        Group::View,
        Group::Overview,
        Group::Presenter,
    ];

    pub fn message_id(self) -> &'static str {
        match self {
            Group::File => "group-file",
            Group::Edit => "group-edit",
            Group::Navigate => "group-navigate",
            Group::View => "group-view",
            Group::Overview => "group-overview",
            Group::Presenter => "group-presenter",
        }
    }
}

pub struct Action {
    /// The message id of its name.
    pub name: &'static str,
    pub group: Group,
    pub scope: Scope,
    pub keys: Vec<KeyboardShortcut>,
    pub command: UiCommand,
    /// Shown in the command palette (grid-only keys like "move right" are not).
    pub in_palette: bool,
}

const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const CTRL_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);

fn action(
    name: &'static str,
    group: Group,
    scope: Scope,
    keys: &[(Modifiers, Key)],
    command: UiCommand,
) -> Action {
    Action {
        name,
        group,
        scope,
        keys: keys
            .iter()
            .map(|&(m, k)| KeyboardShortcut::new(m, k))
            .collect(),
        command,
        in_palette: true,
    }
}

fn session(command: Command) -> UiCommand {
    UiCommand::Session(command)
}

/// The table. Order matters only within a scope: shifted keys come before their
/// unshifted twins, since egui lets Ctrl+Shift+S match a Ctrl+S pattern.
pub fn all() -> &'static [Action] {
    static ACTIONS: std::sync::LazyLock<Vec<Action>> = std::sync::LazyLock::new(table);
    &ACTIONS
}

/// Builds the table once: key handling reads it every frame.
fn table() -> Vec<Action> {
    use Group as G;
    use Scope as S;
    let mut actions = vec![
        action(
            "menu-open-talk",
            G::File,
            S::Global,
            &[(CTRL_SHIFT, Key::O)],
            UiCommand::AskPath(PathPurpose::OpenTalk),
        ),
        action(
            "menu-open-notes",
            G::File,
            S::Global,
            &[(CTRL, Key::O)],
            UiCommand::AskPath(PathPurpose::OpenNotes),
        ),
        action(
            "menu-copy-recap",
            G::File,
            S::Global,
            &[],
            UiCommand::CopyRecap,
        ),
        action(
            "menu-import-w3c",
            G::File,
            S::Global,
            &[],
            UiCommand::AskPath(PathPurpose::ImportAnnotations),
        ),
        action(
            "menu-save-as",
            G::File,
            S::Global,
            &[(CTRL_SHIFT, Key::S)],
            UiCommand::AskPath(PathPurpose::SaveNotesAs),
        ),
        action(
            "menu-save",
            G::File,
            S::Global,
            &[(CTRL, Key::S)],
            UiCommand::Save,
        ),
        action(
            "menu-merge-notes",
            G::File,
            S::Global,
            &[],
            UiCommand::AskPath(PathPurpose::MergeNotes),
        ),
        action(
            "menu-quit",
            G::File,
            S::Global,
            &[(CTRL, Key::Q)],
            UiCommand::Quit,
        ),
        action(
            "menu-redo",
            G::Edit,
            S::Global,
            &[(CTRL_SHIFT, Key::Z), (CTRL, Key::Y)],
            session(Command::Redo),
        ),
        action(
            "menu-undo",
            G::Edit,
            S::Global,
            &[(CTRL, Key::Z)],
            session(Command::Undo),
        ),
        action(
            "menu-add-note",
            G::Edit,
            S::Global,
            &[(CTRL, Key::N)],
            session(Command::AddNote),
        ),
        action(
            "star-card",
            G::Edit,
            S::Deck,
            &[(NONE, Key::S), (ALT, Key::S)],
            UiCommand::ToggleStarCurrent,
        ),
        action(
            "rename-card",
            G::Edit,
            S::Deck,
            &[(NONE, Key::F2)],
            UiCommand::RenameCurrent,
        ),
        action(
            "highlight-button",
            G::Edit,
            S::Deck,
            &[(NONE, Key::H), (ALT, Key::H)],
            UiCommand::HighlightSelection,
        ),
        action(
            "menu-find",
            G::Edit,
            S::Global,
            &[(CTRL, Key::F)],
            UiCommand::OpenSearch,
        ),
        action(
            "find-previous",
            G::Edit,
            S::Global,
            &[(SHIFT, Key::F3)],
            UiCommand::SearchStep(-1),
        ),
        action(
            "find-next",
            G::Edit,
            S::Global,
            &[(NONE, Key::F3)],
            UiCommand::SearchStep(1),
        ),
        action(
            "nav-previous",
            G::Navigate,
            S::Slides,
            &[
                (NONE, Key::ArrowLeft),
                (NONE, Key::PageUp),
                (SHIFT, Key::Space),
            ],
            session(Command::PrevCard),
        ),
        action(
            "nav-next",
            G::Navigate,
            S::Slides,
            &[
                (NONE, Key::ArrowRight),
                (NONE, Key::PageDown),
                (NONE, Key::Space),
            ],
            session(Command::NextCard),
        ),
        action(
            "nav-first",
            G::Navigate,
            S::Slides,
            &[(NONE, Key::Home)],
            session(Command::FirstCard),
        ),
        action(
            "nav-last",
            G::Navigate,
            S::Slides,
            &[(NONE, Key::End)],
            session(Command::LastCard),
        ),
        action(
            "menu-overview",
            G::Navigate,
            S::Deck,
            &[(NONE, Key::O), (ALT, Key::O), (NONE, Key::Tab)],
            UiCommand::ToggleOverview,
        ),
        action(
            "menu-present",
            G::View,
            S::Deck,
            &[(NONE, Key::F5)],
            UiCommand::StartPresenting,
        ),
        action(
            "menu-rehearsals",
            G::View,
            S::Deck,
            &[],
            UiCommand::ToggleRehearsals,
        ),
        action(
            "recap-with-rehearsal",
            G::File,
            S::Deck,
            &[],
            UiCommand::ToggleRecapRehearsal,
        ),
        action(
            "menu-theme-toggle",
            G::View,
            S::Global,
            &[(CTRL_SHIFT, Key::T)],
            UiCommand::ToggleTheme,
        ),
        action(
            "menu-notes-larger",
            G::View,
            S::Global,
            &[(CTRL_ALT, Key::Plus), (CTRL_ALT, Key::Equals)],
            UiCommand::NotesSize(1.5),
        ),
        action(
            "menu-notes-smaller",
            G::View,
            S::Global,
            &[(CTRL_ALT, Key::Minus)],
            UiCommand::NotesSize(-1.5),
        ),
        action(
            "menu-language-toggle",
            G::View,
            S::Global,
            &[(CTRL_SHIFT, Key::L)],
            UiCommand::ToggleLanguage,
        ),
        action(
            "menu-palette",
            G::View,
            S::Global,
            &[(CTRL_SHIFT, Key::P), (CTRL, Key::K)],
            UiCommand::OpenPalette,
        ),
        action(
            "menu-single-letter-keys",
            G::View,
            S::Global,
            &[],
            UiCommand::ToggleSingleLetterKeys,
        ),
        action(
            "menu-shortcuts",
            G::View,
            S::Global,
            &[(NONE, Key::F1)],
            UiCommand::ToggleShortcuts,
        ),
        action(
            "menu-shortcuts",
            G::View,
            S::Deck,
            &[(SHIFT, Key::Questionmark), (NONE, Key::Questionmark)],
            UiCommand::ToggleShortcuts,
        )
        .hidden(),
        action(
            "presenter-pause",
            G::Presenter,
            S::Presenter,
            &[(NONE, Key::P), (ALT, Key::P)],
            UiCommand::TogglePause,
        ),
        action(
            "presenter-reset",
            G::Presenter,
            S::Presenter,
            &[(NONE, Key::R), (ALT, Key::R)],
            UiCommand::AskResetTimer,
        ),
        action(
            "presenter-fullscreen",
            G::Presenter,
            S::Presenter,
            &[(NONE, Key::F11)],
            UiCommand::ToggleFullscreen,
        ),
        action(
            "presenter-end",
            G::Presenter,
            S::Presenter,
            &[(NONE, Key::Escape)],
            UiCommand::StopPresenting,
        ),
        action(
            "overview-move-left",
            G::Overview,
            S::Overview,
            &[(NONE, Key::ArrowLeft)],
            UiCommand::OverviewStep(-1, 0),
        ),
        action(
            "overview-move-right",
            G::Overview,
            S::Overview,
            &[(NONE, Key::ArrowRight)],
            UiCommand::OverviewStep(1, 0),
        ),
        action(
            "overview-move-up",
            G::Overview,
            S::Overview,
            &[(NONE, Key::ArrowUp)],
            UiCommand::OverviewStep(0, -1),
        ),
        action(
            "overview-move-down",
            G::Overview,
            S::Overview,
            &[(NONE, Key::ArrowDown)],
            UiCommand::OverviewStep(0, 1),
        ),
        action(
            "overview-open",
            G::Overview,
            S::Overview,
            &[(NONE, Key::Enter)],
            UiCommand::OverviewPick,
        ),
        action(
            "overview-close",
            G::Overview,
            S::Overview,
            &[
                (NONE, Key::Escape),
                (NONE, Key::O),
                (ALT, Key::O),
                (NONE, Key::Tab),
            ],
            UiCommand::ToggleOverview,
        ),
    ];
    // Every export of the table, in its order.
    actions.extend(crate::export::FORMATS.iter().map(|spec| {
        let ask = UiCommand::AskPath(PathPurpose::Export(spec.format));
        action(spec.menu, G::File, S::Global, &[], ask)
    }));
    for a in &mut actions {
        if a.scope == Scope::Overview || a.command == UiCommand::OpenPalette {
            a.in_palette = false;
        }
    }
    actions
}

impl Action {
    /// The action puts the cursor in a text field (a new note, Find, the palette): keys
    /// typed in the same frame after it are text for that field, not card keys.
    pub fn opens_text_field(&self) -> bool {
        matches!(
            self.command,
            UiCommand::Session(Command::AddNote)
                | UiCommand::OpenSearch
                | UiCommand::OpenPalette
                | UiCommand::RenameCurrent
        )
    }

    /// Keeps a second binding of an action out of the palette and the overlay.
    fn hidden(mut self) -> Self {
        self.in_palette = false;
        self
    }
}

/// Keys shown for an action, in the platform's words ("Ctrl+Shift+S").
pub fn keys_text(ctx: &egui::Context, action: &Action) -> String {
    let keys: Vec<String> = action.keys.iter().map(|k| key_text(ctx, k)).collect();
    keys.join(" / ")
}

/// One shortcut in the platform's words, the arrow keys as arrows ("Shift+←"): read the
/// same in every language, where egui writes "Left".
pub fn key_text(ctx: &egui::Context, shortcut: &egui::KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(shortcut);
    let key = shortcut.logical_key;
    let arrow = match key {
        egui::Key::ArrowLeft => "←",
        egui::Key::ArrowRight => "→",
        egui::Key::ArrowUp => "↑",
        egui::Key::ArrowDown => "↓",
        _ => return text,
    };
    let modifiers = text
        .strip_suffix(key.name())
        .or_else(|| text.strip_suffix(key.symbol_or_name()));
    match modifiers {
        Some(modifiers) => format!("{modifiers}{arrow}"),
        None => text,
    }
}

/// The action that sends `command` (its first entry: the one with the name and the main
/// keys), for a menu item.
pub fn find(command: &UiCommand) -> Option<&'static Action> {
    all().iter().find(|a| &a.command == command)
}
