//! What the window shows while an action waits on the notes (open a talk, open notes,
//! quit): a short "Saving…" when the save takes a while, and a question when the notes
//! could not be saved. It only draws the session's state; the answers are commands.

use super::{PathPurpose, UiCommand};
use crate::session::{Command, Leaving, Session, Then, Unsaved};
use crate::t;
use std::time::Duration;

/// A save quicker than this never flashes a dialog.
const SHOW_SAVING_AFTER: Duration = Duration::from_millis(300);

pub fn show(ctx: &egui::Context, session: &Session, out: &mut Vec<UiCommand>) {
    match session.leaving() {
        None => {}
        Some(Leaving::Saving { since, .. }) => {
            let waited = since.elapsed();
            if waited < SHOW_SAVING_AFTER {
                ctx.request_repaint_after(SHOW_SAVING_AFTER - waited);
                return;
            }
            saving(ctx, session, waited, out);
        }
        Some(Leaving::Asking { then, why }) => asking(ctx, then, why, out),
    }
}

fn saving(ctx: &egui::Context, session: &Session, waited: Duration, out: &mut Vec<UiCommand>) {
    // The seconds count up while the save runs.
    ctx.request_repaint_after(Duration::from_secs(1));
    egui::Modal::new(egui::Id::unique("talkdeck-saving")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(t!("leave-saving"));
        let path = session
            .notes_path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let seconds = waited.as_secs();
        ui.add(egui::Label::new(t!("leave-saving-body", path = path, seconds = seconds)).wrap());
        ui.add_space(8.0);
        if ui.button(t!("cancel")).clicked() {
            out.push(Command::Stay.into());
        }
    });
}

fn asking(ctx: &egui::Context, then: &Then, why: &Unsaved, out: &mut Vec<UiCommand>) {
    let quits = matches!(then, Then::Quit | Then::Exit);
    let modal = egui::Modal::new(egui::Id::unique("talkdeck-leave")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(match then {
            Then::Quit | Then::Exit => t!("leave-quit-title"),
            Then::UseTalk { .. } => t!("leave-talk-title"),
            Then::UseNotes { .. } => t!("leave-notes-title"),
        });
        ui.add(
            egui::Label::new(match why {
                Unsaved::NoFile => t!("leave-no-file"),
                Unsaved::ReadOnly(read_only) => {
                    t!("leave-read-only", reason = read_only.reason().to_string())
                }
                Unsaved::Failed(reason) => t!("leave-failed", reason = reason.to_string()),
                Unsaved::Conflict => t!("leave-conflict"),
            })
            .wrap(),
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(t!("leave-save-as")).clicked() {
                out.push(UiCommand::AskPath(PathPurpose::SaveNotesAs));
            }
            let go = match (why, quits) {
                (Unsaved::NoFile, true) => t!("leave-discard-quit"),
                (Unsaved::NoFile, false) => t!("leave-discard-open"),
                (_, true) => t!("leave-keep-quit"),
                (_, false) => t!("leave-keep-open"),
            };
            if ui.button(go).clicked() {
                out.push(Command::GoAhead.into());
            }
            if ui.button(t!("cancel")).clicked() {
                out.push(Command::Stay.into());
            }
        });
    });
    if modal.should_close() {
        out.push(Command::Stay.into());
    }
}
