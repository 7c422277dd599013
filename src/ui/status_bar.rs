//! Where the notes stand: the status line (save state, notes file, passing notices) and
//! a banner for warnings and errors, which must not be missed.

use super::UiCommand;
use crate::session::{Command, Notice, NoticeLevel, SaveState, Session};

/// Warnings and errors get the banner; information stays in the status line.
pub fn is_banner(session: &Session) -> bool {
    session
        .notice
        .as_ref()
        .is_some_and(|n| n.level != NoticeLevel::Info)
}

pub fn ui(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    ui.horizontal(|ui| {
        let (state, color) = match session.save_state() {
            SaveState::Saved if session.notes_path.is_none() => {
                ("No notes yet", ui.visuals().weak_text_color())
            }
            SaveState::Saved => ("Saved", ui.visuals().weak_text_color()),
            SaveState::Saving => ("Saving…", ui.visuals().weak_text_color()),
            SaveState::Unsaved if session.in_recovery() => (
                "Unsaved — kept in the recovery file",
                ui.visuals().warn_fg_color,
            ),
            SaveState::Unsaved => ("Unsaved changes", ui.visuals().warn_fg_color),
            SaveState::Failed => ("Not saved — see the message", ui.visuals().error_fg_color),
        };
        ui.label(egui::RichText::new(state).color(color));
        ui.separator();
        match &session.notes_path {
            Some(path) => ui.weak(path.display().to_string()),
            None => ui.weak("Notes not saved to a file yet (Ctrl+S)"),
        };
        // Right to left: the talk at the far right, the latest notice in what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let talk = format!("{} · {}", session.talk_name, session.encoding);
            ui.weak(talk)
                .on_hover_text("The talk file and the text encoding it was read in");
            if let Some(notice) = session.notice.as_ref().filter(|_| !is_banner(session)) {
                ui.separator();
                dismiss_button(ui, out);
                ui.add(egui::Label::new(&notice.text).truncate())
                    .on_hover_text(&notice.text);
            }
        });
    });
}

pub fn banner(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    let Some(Notice { level, text }) = &session.notice else {
        return;
    };
    let (title, color) = match level {
        NoticeLevel::Error => ("Problem", ui.visuals().error_fg_color),
        _ => ("Note", ui.visuals().warn_fg_color),
    };
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        dismiss_button(ui, out);
        ui.label(egui::RichText::new(title).strong().color(color));
        ui.add(egui::Label::new(egui::RichText::new(text).color(color)).wrap());
    });
    ui.add_space(4.0);
}

fn dismiss_button(ui: &mut egui::Ui, out: &mut Vec<UiCommand>) {
    if ui.small_button("Dismiss").clicked() {
        out.push(Command::DismissNotice.into());
    }
}
