//! The command palette (Ctrl+K, Ctrl+Shift+P): fuzzy-find any action or card and run it.

use super::UiCommand;
use super::actions::{self, Action};
use crate::fuzzy::Haystack;
use crate::session::{Command, Session};
use crate::t;

const SHOWN: usize = 12;

/// One thing the palette can run.
#[derive(Debug)]
struct Entry {
    label: String,
    detail: String,
    haystack: Haystack,
    command: UiCommand,
}

#[derive(Debug)]
pub struct Palette {
    query: String,
    selected: usize,
    entries: Vec<Entry>,
    focus: bool,
}

impl Palette {
    /// Builds the entries once per opening (labels in the current language).
    pub fn open(ctx: &egui::Context, session: &Session) -> Self {
        let action_entry = |a: &Action| Entry {
            label: crate::i18n::tr(a.name),
            detail: actions::keys_text(ctx, a),
            // Its name in both languages: a command runs without switching the input method.
            haystack: Haystack::new(&format!(
                "{} {}",
                crate::i18n::tr(a.name),
                crate::i18n::tr_in(crate::i18n::Lang::En, a.name, &[])
            )),
            command: a.command.clone(),
        };
        let mut entries: Vec<Entry> = actions::all()
            .iter()
            .filter(|a| a.in_palette)
            .map(action_entry)
            .collect();
        for (index, card) in session.talk().cards.iter().enumerate() {
            let kind = super::card_view::kind_label(card);
            entries.push(Entry {
                label: card.title.clone(),
                detail: format!("{} · {kind}", t!("palette-card")),
                haystack: Haystack::new(&card.title),
                command: UiCommand::Session(Command::GoTo(index)),
            });
        }
        Self {
            query: String::new(),
            selected: 0,
            entries,
            focus: true,
        }
    }

    /// Indices of the entries matching the query, best first.
    fn matches(&self) -> Vec<usize> {
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.haystack.score(&self.query).map(|s| (s, i)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(SHOWN).map(|(_, i)| i).collect()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<UiCommand>) {
        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            )
        });
        let label = ui.label(egui::RichText::new(t!("menu-palette")).strong());
        let field = egui::TextEdit::singleline(&mut self.query)
            .hint_text(t!("palette-hint"))
            .desired_width(f32::INFINITY);
        let response = ui.add(field).labelled_by(label.id);
        if std::mem::take(&mut self.focus) {
            response.request_focus();
        }
        if response.changed() {
            self.selected = 0;
        }
        let matches = self.matches();
        if matches.is_empty() {
            ui.weak(t!("palette-empty"));
            return;
        }
        if down {
            self.selected = (self.selected + 1).min(matches.len() - 1);
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        self.selected = self.selected.min(matches.len() - 1);
        ui.add_space(6.0);
        for (i, &index) in matches.iter().enumerate() {
            let entry = &self.entries[index];
            let row = ui.horizontal(|ui| {
                let button = egui::Button::selectable(i == self.selected, &entry.label)
                    .right_text(egui::RichText::new(&entry.detail).weak())
                    .min_size(egui::vec2(ui.available_width(), 26.0));
                ui.add(button)
            });
            if row.inner.clicked() {
                self.run(entry, out);
            }
        }
        if enter {
            self.run(&self.entries[matches[self.selected]], out);
        }
    }

    fn run(&self, entry: &Entry, out: &mut Vec<UiCommand>) {
        out.push(UiCommand::CloseDialog);
        out.push(entry.command.clone());
    }
}
