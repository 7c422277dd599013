//! Modal dialogs: a path field (the native file dialog is only its "Browse…" button, so a
//! path can always be typed, even where no native dialog exists) and confirmations.

use super::UiCommand;
use crate::export::{Format, RecapOptions};
use crate::session::Command;
use crate::t;
use std::path::{Path, PathBuf};

/// What a path is wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    SaveNotesAs,
    OpenNotes,
    OpenTalk,
    ImportAnnotations,
    /// An export (the recap, slides, annotations, the notes for another tool).
    Export(Format),
    /// Another notes file whose notes are merged into these.
    MergeNotes,
}

impl PathPurpose {
    pub fn title(self) -> String {
        match self {
            PathPurpose::SaveNotesAs => t!("title-save-as"),
            PathPurpose::OpenNotes => t!("title-open-notes"),
            PathPurpose::OpenTalk => t!("title-open-talk"),
            PathPurpose::ImportAnnotations => t!("title-import-w3c"),
            PathPurpose::Export(format) => crate::i18n::tr(format.spec().title),
            PathPurpose::MergeNotes => t!("title-merge-notes"),
        }
    }

    /// Whether the path is written (a save dialog) rather than read.
    pub fn writes(self) -> bool {
        matches!(self, PathPurpose::SaveNotesAs | PathPurpose::Export(_))
    }

    /// The end of a suggested file name for this purpose.
    pub fn suffix(self) -> &'static str {
        match self {
            PathPurpose::Export(format) => format.spec().suffix,
            PathPurpose::ImportAnnotations => ".annotations.jsonld",
            PathPurpose::SaveNotesAs | PathPurpose::OpenNotes | PathPurpose::MergeNotes => {
                ".notes.json"
            }
            PathPurpose::OpenTalk => "",
        }
    }

    fn action(self) -> String {
        match self {
            p if p.writes() => t!("save"),
            _ => t!("open"),
        }
    }

    /// The command that uses the path; an export is made with `options`.
    pub fn command(self, path: PathBuf, options: RecapOptions) -> Command {
        match self {
            PathPurpose::SaveNotesAs => Command::SaveAs(path),
            PathPurpose::OpenNotes => Command::OpenNotes(path),
            PathPurpose::OpenTalk => Command::OpenTalk(path),
            PathPurpose::ImportAnnotations => Command::ImportAnnotations(path),
            PathPurpose::Export(format) => Command::Export {
                format,
                path,
                options,
            },
            PathPurpose::MergeNotes => Command::MergeNotes(path),
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
    /// Presenter mode: the rehearsal timer would go back to zero.
    ConfirmResetTimer,
    /// Another program changed the notes file since it was opened here.
    Conflict,
    /// A notes file sits beside the talk just opened.
    OfferNotes(PathBuf),
    Palette(Box<super::palette::Palette>),
    Shortcuts,
    /// Notes autosaved to the recovery file when talkdeck last stopped without a notes file.
    OfferRecovery,
    /// A sync tool's conflict copy sits beside the notes file: merge it?
    OfferMerge(PathBuf),
}

impl Dialog {
    pub fn path(purpose: PathPurpose, suggested: &Path) -> Self {
        Dialog::Path {
            purpose,
            text: suggested.display().to_string(),
            focus: true,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<UiCommand>) {
        let modal = egui::Modal::new(egui::Id::unique("talkdeck-dialog")).show(ctx, |ui| {
            let wide = matches!(self, Dialog::Shortcuts | Dialog::Palette(_));
            ui.set_width(if wide { 640.0 } else { 520.0 });
            match self {
                Dialog::Path {
                    purpose,
                    text,
                    focus,
                } => path_dialog(ui, *purpose, text, focus, out),
                Dialog::ConfirmResetTimer => {
                    ui.heading(t!("reset-title"));
                    ui.label(t!("reset-body"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(t!("reset")).clicked() {
                            out.push(UiCommand::ResetTimer);
                        }
                        if ui.button(t!("cancel")).clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
                Dialog::Palette(palette) => palette.ui(ui, out),
                Dialog::Shortcuts => super::shortcuts::ui(ui),
                Dialog::Conflict => {
                    ui.heading(t!("conflict-title"));
                    ui.label(t!("conflict-body"));
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(t!("conflict-reload")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::ReloadNotes));
                        }
                        if ui.button(t!("conflict-keep-mine")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::SaveOverwrite));
                        }
                        if ui.button(t!("conflict-elsewhere")).clicked() {
                            out.push(UiCommand::AskPath(PathPurpose::SaveNotesAs));
                        }
                    });
                }
                Dialog::OfferNotes(path) => {
                    ui.heading(t!("beside-title"));
                    ui.label(t!("beside-body", path = path.display().to_string()));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(t!("open-notes")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::OpenNotes(path.clone())));
                        }
                        if ui.button(t!("not-now")).clicked() {
                            out.push(UiCommand::CloseDialog);
                        }
                    });
                }
                Dialog::OfferMerge(path) => {
                    ui.heading(t!("sync-conflict-title"));
                    let name = crate::session::file_name(path);
                    ui.label(t!("sync-conflict-body", path = name));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(t!("sync-conflict-merge")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::MergeNotes(path.clone())));
                        }
                        if ui.button(t!("not-now")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::DismissSyncConflicts));
                        }
                    });
                }
                Dialog::OfferRecovery => {
                    ui.heading(t!("recovery-title"));
                    ui.label(t!("recovery-body"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(t!("restore")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::RestoreRecovery));
                        }
                        if ui.button(t!("discard-them")).clicked() {
                            out.push(UiCommand::CloseDialog);
                            out.push(UiCommand::Session(Command::DiscardRecovery));
                        }
                    });
                }
            }
        });
        // The recovery offer is answered, not dismissed: its notes would be written over.
        if modal.should_close() && !matches!(self, Dialog::OfferRecovery) {
            if matches!(self, Dialog::OfferMerge(_)) {
                out.push(UiCommand::Session(Command::DismissSyncConflicts));
            }
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
    let label = ui.label(t!("file-path"));
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
        if ui.button(t!("browse")).clicked() {
            out.push(UiCommand::Browse(purpose));
        }
        if ui.button(t!("cancel")).clicked() {
            out.push(UiCommand::CloseDialog);
        }
    });
}
