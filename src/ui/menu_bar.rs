//! The menu bar. Each menu is a list of the commands it offers; an item's name and keys
//! come from the action table ([`super::actions`]), so a menu cannot call an action by
//! another name or show another key than the palette and the shortcut overlay do.

use super::actions;
use super::memory::Memory;
use super::{PathPurpose, UiCommand, theme};
use crate::export::Format;
use crate::session::{Command, Session};
use crate::t;
use std::path::PathBuf;

/// One line of a menu.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // a few dozen entries, only while a menu is open
pub enum Entry {
    /// An action of the table, and whether it can run now.
    Item(UiCommand, bool),
    Separator,
    /// File › Open recent.
    Recent,
    /// File › Reopen with encoding.
    Encodings,
    /// View › Language.
    Languages,
    /// An action that turns a setting on or off, shown as a checkbox with its state.
    Check(UiCommand, bool),
}

/// The encodings offered to reopen a talk in, by `encoding_rs` name: Unicode and the legacy
/// ones Chinese, Japanese, Korean and Western files come in.
pub const REOPEN_ENCODINGS: [&str; 8] = [
    "UTF-8",
    "gb18030",
    "Big5",
    "Shift_JIS",
    "EUC-JP",
    "EUC-KR",
    "UTF-16LE",
    "windows-1252",
];

/// The menus, by the message id of their title; `memory` holds the settings' states.
pub fn menus(session: &Session, memory: &Memory) -> Vec<(&'static str, Vec<Entry>)> {
    use Entry::{Item, Separator};
    let path = |purpose| UiCommand::AskPath(purpose);
    let has_card = session.current_card().is_some();
    vec![
        (
            "menu-file",
            vec![
                Item(path(PathPurpose::OpenTalk), true),
                Entry::Recent,
                Entry::Encodings,
                Separator,
                Item(path(PathPurpose::OpenNotes), true),
                Item(UiCommand::Save, true),
                Item(path(PathPurpose::SaveNotesAs), true),
                Separator,
            ]
            .into_iter()
            // Every export of the table, in its order.
            .chain(Format::all().map(|format| Item(path(PathPurpose::Export(format)), true)))
            .chain([
                Separator,
                Item(UiCommand::CopyRecap, true),
                Item(path(PathPurpose::ImportAnnotations), true),
                Item(path(PathPurpose::MergeNotes), true),
                Separator,
                Item(UiCommand::Quit, true),
            ])
            .collect(),
        ),
        (
            "menu-edit",
            vec![
                Item(Command::Undo.into(), session.can_undo()),
                Item(Command::Redo.into(), session.can_redo()),
                Separator,
                Item(Command::AddNote.into(), has_card),
                Item(UiCommand::RenameCurrent, has_card),
            ],
        ),
        (
            "menu-view",
            vec![
                Item(UiCommand::ToggleOverview, true),
                Item(UiCommand::StartPresenting, true),
                Item(UiCommand::ToggleRehearsals, true),
                Item(UiCommand::NotesSize(1.5), true),
                Item(UiCommand::NotesSize(-1.5), true),
                Separator,
                Item(UiCommand::ToggleTheme, true),
                Entry::Languages,
                Entry::Check(UiCommand::ToggleSingleLetterKeys, memory.single_letter_keys),
            ],
        ),
        (
            "menu-help",
            vec![
                Item(UiCommand::ToggleShortcuts, true),
                Item(UiCommand::OpenPalette, true),
            ],
        ),
    ]
}

/// Draws the menu bar; what the user picks goes to `out`.
pub fn ui(ui: &mut egui::Ui, session: &Session, memory: &Memory, out: &mut Vec<UiCommand>) {
    let recent = &memory.recent_talks;
    let config = egui::containers::menu::MenuConfig::new().style(theme::menu_style);
    let bar = egui::MenuBar::new().style(theme::menu_style).config(config);
    bar.ui(ui, |ui| {
        for (title, entries) in menus(session, memory) {
            ui.menu_button(crate::i18n::tr(title), |ui| {
                for entry in entries {
                    entry_ui(ui, entry, session, recent, out);
                }
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(session.talk_name());
        });
    });
}

fn entry_ui(
    ui: &mut egui::Ui,
    entry: Entry,
    session: &Session,
    recent: &[PathBuf],
    out: &mut Vec<UiCommand>,
) {
    match entry {
        Entry::Item(command, enabled) => {
            let Some(action) = actions::find(&command) else {
                debug_assert!(false, "{command:?} is not in the action table");
                return;
            };
            let label = crate::i18n::tr(action.name);
            let keys = action
                .keys
                .first()
                .map(|k| actions::key_text(ui.ctx(), k))
                .unwrap_or_default();
            let button = egui::Button::new(label).shortcut_text(keys);
            if ui.add_enabled(enabled, button).clicked() {
                out.push(command);
                ui.close();
            }
        }
        Entry::Check(command, mut on) => {
            let Some(action) = actions::find(&command) else {
                debug_assert!(false, "{command:?} is not in the action table");
                return;
            };
            let hint = crate::i18n::tr(&format!("{}-hint", action.name));
            let toggle = ui
                .checkbox(&mut on, crate::i18n::tr(action.name))
                .on_hover_text(hint);
            if toggle.clicked() {
                out.push(command);
                ui.close();
            }
        }
        Entry::Separator => {
            ui.separator();
        }
        Entry::Recent => {
            ui.add_enabled_ui(!recent.is_empty(), |ui| {
                ui.menu_button(t!("menu-open-recent"), |ui| {
                    for path in recent {
                        let name = crate::session::file_name(path);
                        let button = ui.button(name).on_hover_text(path.display().to_string());
                        if button.clicked() {
                            out.push(UiCommand::OpenRecentTalk(path.clone()));
                            ui.close();
                        }
                    }
                });
            });
        }
        Entry::Encodings => {
            ui.add_enabled_ui(session.talk_path().is_some(), |ui| {
                ui.menu_button(t!("menu-reopen-encoding"), |ui| {
                    for name in REOPEN_ENCODINGS {
                        let chosen = session.encoding() == name;
                        if ui.radio(chosen, name).clicked() {
                            out.push(Command::ReopenTalkAs(name).into());
                            ui.close();
                        }
                    }
                });
            });
        }
        Entry::Languages => {
            ui.menu_button(t!("menu-language"), |ui| {
                for lang in crate::i18n::Lang::ALL {
                    let chosen = crate::i18n::language() == lang;
                    if ui.radio(chosen, lang.native_name()).clicked() {
                        out.push(UiCommand::SetLanguage(lang));
                        ui.close();
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_item_is_an_action_of_the_table() {
        let session = Session::seed();
        let mut items = 0;
        for (_, entries) in menus(&session, &Memory::default()) {
            for entry in entries {
                if let Entry::Item(command, _) | Entry::Check(command, _) = entry {
                    assert!(actions::find(&command).is_some(), "{command:?}");
                    items += 1;
                }
            }
        }
        assert!(items > 15, "{items}");
    }

    #[test]
    fn every_encoding_offered_is_one_encoding_rs_knows_by_that_name() {
        for name in REOPEN_ENCODINGS {
            let encoding = encoding_rs::Encoding::for_label(name.as_bytes()).unwrap();
            assert_eq!(encoding.name(), name);
        }
    }
}
