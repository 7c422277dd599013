//! The shortcut overlay (F1 or ?): every key of the action table, grouped, in the UI's
//! language.

use super::actions::{self, Group};
use crate::t;

pub fn ui(ui: &mut egui::Ui) {
    ui.heading(t!("shortcuts-title"));
    ui.add_space(6.0);
    let all = actions::all();
    egui::ScrollArea::vertical()
        .max_height(560.0)
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                for (i, group) in Group::ALL.into_iter().enumerate() {
                    let ui = &mut columns[i % 2];
                    ui.label(egui::RichText::new(crate::i18n::tr(group.message_id())).strong());
                    egui::Grid::new(group.message_id())
                        .num_columns(2)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            let shown = all
                                .iter()
                                .filter(|a| a.group == group && !a.keys.is_empty());
                            for action in
                                shown.filter(|a| a.in_palette || a.group == Group::Overview)
                            {
                                ui.label(
                                    egui::RichText::new(actions::keys_text(ui.ctx(), action))
                                        .monospace(),
                                );
                                ui.label(crate::i18n::tr(action.name));
                                ui.end_row();
                            }
                        });
                    ui.add_space(10.0);
                }
            });
        });
}
