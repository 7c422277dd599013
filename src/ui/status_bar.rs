//! Where the notes stand: the status line (save state, notes file, passing notices) and
//! a banner for warnings and errors, which must not be missed.

use super::UiCommand;
use crate::session::{Command, NoticeLevel, SaveState, Session};
use crate::t;

/// Warnings and errors get the banner; information stays in the status line.
pub fn is_banner(session: &Session) -> bool {
    session
        .notice()
        .as_ref()
        .is_some_and(|n| n.level != NoticeLevel::Info)
}

pub fn ui(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    ui.horizontal(|ui| {
        let visuals = ui.visuals();
        let (state, color) = match session.save_state() {
            _ if session.read_only().is_some() => (t!("status-read-only"), visuals.warn_fg_color),
            SaveState::Saved if session.notes_path().is_none() => {
                (t!("status-no-notes"), visuals.weak_text_color())
            }
            SaveState::Saved => (t!("status-saved"), visuals.weak_text_color()),
            SaveState::Saving => (t!("status-saving"), visuals.weak_text_color()),
            SaveState::Unsaved if session.in_recovery() => {
                (t!("status-in-recovery"), visuals.warn_fg_color)
            }
            SaveState::Unsaved => (t!("status-unsaved"), visuals.warn_fg_color),
            SaveState::Failed => (t!("status-failed"), visuals.error_fg_color),
        };
        ui.label(egui::RichText::new(state).color(color));
        ui.separator();
        match &session.notes_path() {
            Some(path) => ui.weak(crate::session::shown_path(path)),
            None => ui.weak(t!("status-no-file")),
        };
        // Right to left: the talk at the far right, the latest notice in what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let talk = format!("{} · {}", session.talk_name(), session.encoding());
            ui.weak(talk).on_hover_text(t!("status-talk-hint"));
            if let Some(notice) = session.notice().as_ref().filter(|_| !is_banner(session)) {
                ui.separator();
                dismiss_button(ui, out);
                let text = notice.text();
                ui.add(egui::Label::new(&text).truncate())
                    .on_hover_text(text);
            }
        });
    });
}

pub fn banner(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    let Some(notice) = &session.notice() else {
        return;
    };
    let (title, color) = match notice.level {
        NoticeLevel::Error => (t!("banner-problem"), ui.visuals().error_fg_color),
        _ => (t!("banner-note"), ui.visuals().warn_fg_color),
    };
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        dismiss_button(ui, out);
        ui.label(egui::RichText::new(title).strong().color(color));
        ui.add(egui::Label::new(egui::RichText::new(notice.text()).color(color)).wrap());
    });
    ui.add_space(4.0);
}

/// What the window was started with but did not open as asked (files left out, a notes
/// file's talk not found): kept above the deck until dismissed, whatever notices follow.
pub fn launch_banner(
    ui: &mut egui::Ui,
    notice: &crate::launch::LaunchNotice,
    out: &mut Vec<UiCommand>,
) {
    let color = ui.visuals().warn_fg_color;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui.small_button(t!("dismiss")).clicked() {
            out.push(UiCommand::DismissLaunchNotice);
        }
        ui.label(egui::RichText::new(t!("banner-note")).strong().color(color));
        ui.add(egui::Label::new(egui::RichText::new(notice.text()).color(color)).wrap());
    });
    ui.add_space(4.0);
}

fn dismiss_button(ui: &mut egui::Ui, out: &mut Vec<UiCommand>) {
    if ui.small_button(t!("dismiss")).clicked() {
        out.push(Command::DismissNotice.into());
    }
}
