//! The Rehearsals view: one run's summary card by card (budget, this run, the run
//! before, the best), and every run side by side. It opens by itself when presenting
//! ends, on the run just made.
//!
//! Times off their budget are coloured and also carry their difference as text
//! (`+0:12`), so nothing rests on colour alone.

use super::UiCommand;
use super::outline::card_marker;
use crate::rehearsal::plan::Budgets;
use crate::rehearsal::{Change, Run, budgets, clock, signed_clock, summary};
use crate::session::{Command, Session};
use crate::t;
use std::time::Duration;

/// The most runs compared side by side (the latest).
const COMPARED_RUNS: usize = 8;

#[derive(Debug, Default)]
pub struct RehearsalsView {
    /// The run summed up, by its index in the log (clamped to the runs there are).
    selected: usize,
}

impl RehearsalsView {
    /// The view on the latest run.
    pub fn latest(session: &Session) -> Self {
        Self {
            selected: session.notes().rehearsal.runs().len().saturating_sub(1),
        }
    }

    /// Shows the view as a modal window; returns false once the user closed it.
    /// `recap` tells whether the recap includes the last run's times (a checkbox here).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        recap: bool,
        out: &mut Vec<UiCommand>,
    ) -> bool {
        let mut open = true;
        let modal = egui::Modal::new(egui::Id::unique("talkdeck-rehearsals")).show(ctx, |ui| {
            let size = ctx.content_rect().size();
            ui.set_width((size.x - 120.0).clamp(480.0, 1100.0));
            ui.horizontal(|ui| {
                ui.heading(t!("rehearsals-title"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(t!("close")).clicked() {
                        open = false;
                    }
                    let mut with_times = recap;
                    if ui
                        .checkbox(&mut with_times, t!("recap-with-rehearsal"))
                        .changed()
                    {
                        out.push(UiCommand::ToggleRecapRehearsal);
                    }
                });
            });
            let height = (size.y - 120.0).max(240.0);
            egui::ScrollArea::both()
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, true])
                .show(ui, |ui| self.body(ui, session, out));
        });
        open && !modal.should_close()
    }

    fn body(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        let log = &session.notes().rehearsal;
        let runs = log.runs();
        let plan = budgets(&session.talk().cards, log);
        if runs.is_empty() {
            ui.label(t!("rehearsals-none"));
            return;
        }
        self.selected = self.selected.min(runs.len() - 1);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(t!("rehearsals-runs", count = runs.len()));
            egui::ComboBox::from_id_salt("rehearsal-run")
                .selected_text(run_name(&runs[self.selected]))
                .show_ui(ui, |ui| {
                    for (i, run) in runs.iter().enumerate().rev() {
                        ui.selectable_value(&mut self.selected, i, run_name(run));
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button(t!("use-this-run")).clicked() {
                out.push(Command::Rehearsal(Change::UseRunAsBudgets(self.selected)).into());
            }
            if log.run_budgets().is_some() && ui.button(t!("use-estimates")).clicked() {
                out.push(Command::Rehearsal(Change::EstimatesAsBudgets).into());
            }
            if ui.button(t!("delete-run")).clicked() {
                out.push(Command::Rehearsal(Change::RemoveRun(self.selected)).into());
            }
        });
        let run = &runs[self.selected];
        ui.label(t!(
            "run-line",
            time = clock(run.elapsed),
            planned = clock(run.planned),
            pauses = run.pauses.len(),
            paused = clock(run.paused())
        ));
        if log.run_budgets().is_some() {
            ui.weak(t!("budgets-from-run"));
        }
        ui.add_space(8.0);
        ui.strong(t!("run-summary"));
        summary_grid(ui, session, &plan, runs, self.selected);
        ui.add_space(12.0);
        ui.strong(t!("runs-compared"));
        compare_grid(ui, session, &plan, runs);
    }
}

/// `2026-12-02 09:00`, the run's start in local time.
fn run_name(run: &Run) -> String {
    t!("run-of", date = super::clock::local_time(run.started))
}

/// A card's row label: its marker and title, cut short.
fn card_name(session: &Session, index: usize) -> String {
    let card = &session.talk().cards[index];
    let title: String = card.title.chars().take(22).collect();
    let cut = if title.chars().count() < card.title.chars().count() {
        "…"
    } else {
        ""
    };
    format!("{}  {title}{cut}", card_marker(card.kind, card.number))
}

/// A time against its budget: coloured when over (by a whole second or more, as shown),
/// with the difference as text.
fn timed(ui: &mut egui::Ui, spent: Option<Duration>, budget: Duration) {
    match spent {
        None => {
            ui.weak(t!("not-shown"));
        }
        Some(spent) => {
            let text = format!("{}  ({})", clock(spent), signed_clock(spent, budget));
            let rich = egui::RichText::new(text).monospace();
            if spent.as_secs() > budget.as_secs() {
                ui.label(rich.color(ui.visuals().warn_fg_color));
            } else {
                ui.label(rich);
            }
        }
    }
}

fn summary_grid(ui: &mut egui::Ui, session: &Session, plan: &Budgets, runs: &[Run], index: usize) {
    let rows = summary(plan, &session.talk().cards, runs, index);
    egui::Grid::new("rehearsal-summary")
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.strong(t!("col-card"));
            ui.strong(t!("col-budget"));
            ui.strong(t!("col-this-run"));
            ui.strong(t!("col-last-run"));
            ui.strong(t!("col-best")).on_hover_text(t!("best-hint"));
            ui.end_row();
            for (i, row) in rows.iter().enumerate() {
                ui.label(card_name(session, i));
                ui.monospace(clock(row.budget));
                timed(ui, row.this_run, row.budget);
                timed(ui, row.last_run, row.budget);
                timed(ui, row.best, row.budget);
                ui.end_row();
            }
            ui.strong(t!("col-total"));
            ui.monospace(clock(plan.planned));
            timed(ui, runs.get(index).map(|r| r.elapsed), plan.planned);
            let last = index.checked_sub(1).and_then(|i| runs.get(i));
            timed(ui, last.map(|r| r.elapsed), plan.planned);
            ui.label("");
            ui.end_row();
        });
}

/// Every card (rows) in the latest runs (columns, newest first).
fn compare_grid(ui: &mut egui::Ui, session: &Session, plan: &Budgets, runs: &[Run]) {
    let shown: Vec<&Run> = runs.iter().rev().take(COMPARED_RUNS).collect();
    egui::Grid::new("rehearsal-compare")
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.strong(t!("col-card"));
            ui.strong(t!("col-budget"));
            for run in &shown {
                ui.strong(super::clock::local_time(run.started));
            }
            ui.end_row();
            for (i, card) in session.talk().cards.iter().enumerate() {
                let budget = plan.cards[i];
                ui.label(card_name(session, i));
                ui.monospace(clock(budget));
                for run in &shown {
                    timed(ui, run.spent_on(&card.id), budget);
                }
                ui.end_row();
            }
            ui.strong(t!("col-total"));
            ui.monospace(clock(plan.planned));
            for run in &shown {
                timed(ui, Some(run.elapsed), plan.planned);
            }
            ui.end_row();
        });
}
