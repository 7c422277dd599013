//! Modal dialogs: a path field (the native file dialog is only its "Browse…" button, so a
//! path can always be typed, even where no native dialog exists) and confirmations.

use super::UiCommand;
use crate::session::Command;
use std::path::{Path, PathBuf};

/// What a path is wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    SaveNotesAs,
    OpenNotes,
    OpenTalk,
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::SaveNotesAs => "Save notes as",
            PathPurpose::OpenNotes => "Open notes",
            PathPurpose::OpenTalk => "Open talk",
        }
    }

    fn action(self) -> &'static str {
        match self {
            PathPurpose::SaveNotesAs => "Save",
            PathPurpose::OpenNotes | PathPurpose::OpenTalk => "Open",
        }
    }

    /// Whether going ahead replaces the notes in memory.
    pub fn discards_notes(self) -> bool {
        matches!(self, PathPurpose::OpenNotes | PathPurpose::OpenTalk)
    }

    pub fn command(self, path: PathBuf) -> Command {
        match self {
            PathPurpose::SaveNotesAs => Command::SaveAs(path),
            PathPurpose::OpenNotes => Command::OpenNotes(path),
            PathPurpose::OpenTalk => Command::OpenTalk(path),
        }
    }
}

/// The folder path dialogs start in when nothing better is known.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| {
            d.document_dir()
                .filter(|p| p.is_dir())
                .map(Path::to_path_buf)
                .or(Some(d.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

#[derive(Debug)]
pub enum Dialog {
    Path {
        purpose: PathPurpose,
        text: String,
        focus: bool,
    },
    /// Unsaved notes would be replaced by opening something else.
    ConfirmDiscard(PathPurpose),
    ConfirmQuit,
    /// Presenter mode: the rehearsal timer would go back to zero.
    ConfirmResetTimer,
    /// A notes file sits beside the talk just opened.
    OfferNotes(PathBuf),
    /// Notes autosaved to the recovery file when talkdeck last stopped without a notes file.
    OfferRecovery,
}

impl Dialog {
    pub fn path(purpose: PathPurpose, suggested: &Path) -> Self {
        Dialog::Path {
            purpose,
            text: suggested.display().to_string(),
            focus: true,
        }
    }

    pub fn confirm_discard(purpose: PathPurpose) -> Self {
        Dialog::ConfirmDiscard(purpose)
    }

    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<UiCommand>) {
        let modal = egui::Modal::new(egui::Id::unique("talkdeck-dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            match self {
                Dialog::Path { purpose, text, focus } => path_dialog(ui, *purpose, text, focus, out),
                Dialog::ConfirmDiscard(purpose) => {
                    ui.heading("Unsaved notes");
                    ui.label("Your notes have changes that are not saved. Opening another file replaces them.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save first").clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Save);
                        }
                        if ui.button("Discard changes and open").clicked() {
                            out.push(UiCommand::ShowPathDialog(*purpose));
                        }
                        if ui.button("Cancel").clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
                Dialog::ConfirmResetTimer => {
                    ui.heading("Reset the timer?");
                    ui.label("The rehearsal time and the time on this card go back to zero.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Reset").clicked() {
                            out.push(UiCommand::ResetTimer);
                        }
                        if ui.button("Cancel").clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
                Dialog::OfferNotes(path) => {
                    ui.heading("Open the notes beside this talk?");
                    ui.label(format!("{} is next to the talk file.", path.display()));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Open notes").clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::OpenNotes(path.clone())));
                        }
                        if ui.button("Not now").clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
                Dialog::OfferRecovery => {
                    ui.heading("Restore unsaved notes?");
                    ui.label("Last time talkdeck stopped with notes on this talk that were never saved to a file. They were kept in a recovery file.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::RestoreRecovery));
                        }
                        if ui.button("Discard them").clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::DiscardRecovery));
                        }
                    });
                }
                Dialog::ConfirmQuit => {
                    ui.heading("Quit talkdeck?");
                    ui.label("Your notes have changes that are not saved.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save and quit").clicked() {
                            out.push(UiCommand::SaveAndQuit);
                        }
                        if ui.button("Quit without saving").clicked() {
                            out.push(UiCommand::QuitDiscarding);
                        }
                        if ui.button("Cancel").clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
            }
        });
        if modal.should_close() {
            out.push(UiCommand::CloseDialog);
        }
    }
}

fn path_dialog(
    ui: &mut egui::Ui,
    purpose: PathPurpose,
    text: &mut String,
    focus: &mut bool,
    out: &mut Vec<UiCommand>,
) {
    ui.heading(purpose.title());
    let label = ui.label("File path");
    let field = ui
        .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if std::mem::take(focus) {
        field.request_focus();
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let path = text.trim();
        let go = ui
            .add_enabled(!path.is_empty(), egui::Button::new(purpose.action()))
            .clicked();
        if (go || entered) && !path.is_empty() {
            out.push(UiCommand::UsePath(purpose, PathBuf::from(path)));
        }
        if ui.button("Browse…").clicked() {
            out.push(UiCommand::Browse(purpose));
        }
        if ui.button("Cancel").clicked() {
            out.push(UiCommand::CloseDialog);
        }
    });
}
