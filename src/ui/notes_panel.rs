//! The user's own notes on the current card: add, edit, tag, delete.

use super::UiCommand;
use crate::notes::Note;
use crate::session::{Command, Session};
use crate::t;
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    focus: Option<Uuid>,
    tag_drafts: &mut BTreeMap<Uuid, String>,
    out: &mut Vec<UiCommand>,
) {
    let Some(card) = session.current_card() else {
        return;
    };
    let notes = session.notes.notes(&card.id);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading(t!("my-notes", count = notes.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(t!("add-note")).on_hover_text("Ctrl+N").clicked() {
                out.push(Command::AddNote.into());
            }
        });
    });
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if notes.is_empty() {
                ui.add_space(12.0);
                ui.weak(t!("no-notes-on-card"));
            }
            for (index, note) in notes.iter().enumerate() {
                note_editor(ui, index, note, focus == Some(note.id), tag_drafts, out);
                ui.add_space(8.0);
            }
        });
}

fn note_editor(
    ui: &mut egui::Ui,
    index: usize,
    note: &Note,
    focus: bool,
    tag_drafts: &mut BTreeMap<Uuid, String>,
    out: &mut Vec<UiCommand>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let label = ui
            .horizontal(|ui| {
                let label =
                    ui.label(egui::RichText::new(t!("note-label", number = index + 1)).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button(t!("delete"))
                        .on_hover_text(t!("delete-hint"))
                        .clicked()
                    {
                        out.push(Command::DeleteNote(note.id).into());
                    }
                    ui.weak(super::clock::local_time(note.modified));
                });
                label
            })
            .inner;
        let mut text = note.text.clone();
        let editor = egui::TextEdit::multiline(&mut text)
            .id_salt(("note", note.id))
            .hint_text(t!("note-hint"))
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .font(egui::FontId::proportional(15.5));
        let response = ui.add(editor).labelled_by(label.id);
        if focus {
            response.request_focus();
        }
        if response.changed() {
            out.push(Command::EditNote { id: note.id, text }.into());
        }
        ui.horizontal(|ui| {
            let label = ui.weak(t!("tags"));
            let mut tags = tag_drafts
                .get(&note.id)
                .cloned()
                .unwrap_or_else(|| note.tags.join(", "));
            let field = egui::TextEdit::singleline(&mut tags)
                .id_salt(("tags", note.id))
                .hint_text(t!("tags-hint"))
                .desired_width(f32::INFINITY);
            let response = ui.add(field).labelled_by(label.id);
            if response.has_focus() {
                tag_drafts.insert(note.id, tags);
            } else if response.lost_focus() {
                tag_drafts.remove(&note.id);
                let tags = tags.split([',', '，', '、']).map(str::to_owned).collect();
                out.push(Command::SetTags { id: note.id, tags }.into());
            }
        });
    });
}
