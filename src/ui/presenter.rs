//! Presenter mode: the audience sees only the current card, large, in a second window;
//! the main window becomes the speaker's view (card, next card, speaker notes, timers).
//!
//! The audience window is a deferred viewport: egui paints it only when it is asked to
//! (its card changed) or has input of its own, not with every frame of the speaker's
//! view, which ticks once a second for the timers. (An immediate viewport renders both
//! windows every frame and waits for both, egui #5836, #4963.)

use super::{UiCommand, card_view, keys, page_view};
use crate::rehearsal::plan::Budgets;
use crate::rehearsal::{Change, Pace, Rehearsal, Run, budgets, clock, pace};
use crate::session::Command;
use crate::session::Session;
use crate::t;
use crate::talk::{PageRef, Talk};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const AUDIENCE_SCALE: f32 = 1.7;

/// What the audience window shows, and what happened there: shared with its viewport's
/// callback, which runs when egui paints that window.
#[derive(Default)]
struct Audience {
    card: Option<AudienceCard>,
    /// Commands from keys pressed in the audience window, for the main window to apply.
    commands: Vec<UiCommand>,
    closed: bool,
}

/// The card on the audience's screen.
struct AudienceCard {
    talk: Arc<Talk>,
    index: usize,
    /// The user's highlights promoted to key points.
    own_points: Vec<String>,
    /// The deck's folder, where its slides' pictures are.
    deck_dir: Option<PathBuf>,
}

impl AudienceCard {
    /// The card's page when it is a page of a PDF, the next card's, and the deck's
    /// fingerprint.
    fn page(&self) -> Option<(PageRef, Option<PageRef>, String)> {
        let page = self.talk.cards.get(self.index)?.page.clone()?;
        let next = self.talk.cards.get(self.index + 1);
        let next = next.and_then(|c| c.page.clone());
        Some((page, next, self.talk.fingerprint.clone()))
    }

    fn same_as(&self, other: &AudienceCard) -> bool {
        Arc::ptr_eq(&self.talk, &other.talk)
            && self.index == other.index
            && self.own_points == other.own_points
    }
}

pub struct Presenter {
    rehearsal: Rehearsal,
    audience: Arc<Mutex<Audience>>,
    /// The speaker notes' own font size, apart from the UI zoom.
    notes_size: f32,
    audience_fullscreen: bool,
    /// The cards' budgets, with the notes revision and talk they were made for.
    budgets: Option<((u64, usize), Budgets)>,
}

impl Presenter {
    pub fn start(session: &Session, notes_size: f32) -> Self {
        let card = session.current_card().map_or("", |c| c.id.as_str());
        Self {
            rehearsal: Rehearsal::start(card, Instant::now(), OffsetDateTime::now_utc()),
            audience: Arc::default(),
            notes_size,
            audience_fullscreen: false,
            budgets: None,
        }
    }

    pub fn notes_size(&self) -> f32 {
        self.notes_size
    }

    pub fn rehearsal(&self) -> &Rehearsal {
        &self.rehearsal
    }

    pub fn toggle_pause(&mut self) {
        self.rehearsal.toggle_pause(Instant::now());
    }

    pub fn reset_timer(&mut self) {
        self.rehearsal
            .reset(Instant::now(), OffsetDateTime::now_utc());
    }

    /// The run that presenting made, to keep in the notes file.
    pub fn finish(&self, session: &Session) -> Run {
        let planned = budgets(&session.talk().cards, &session.notes().rehearsal).planned;
        let now = Instant::now();
        let mut rehearsal = self.rehearsal.clone();
        // A card change in the frame that ended presenting has not been ticked yet.
        if let Some(card) = session.current_card() {
            rehearsal.show_card(&card.id, now);
        }
        rehearsal.finish(now, planned)
    }

    pub fn change_notes_size(&mut self, delta: f32) {
        self.notes_size = card_view::clamp_notes_size(self.notes_size + delta);
    }

    pub fn toggle_fullscreen(&mut self) {
        self.audience_fullscreen = !self.audience_fullscreen;
    }

    /// Keeps the card timer on the shown card and asks for the next once-a-second repaint.
    pub fn tick(&mut self, ctx: &egui::Context, session: &Session) {
        let now = Instant::now();
        if let Some(card) = session.current_card() {
            self.rehearsal.show_card(&card.id, now);
        }
        if let Some(wait) = self.rehearsal.next_tick(now) {
            ctx.request_repaint_after(wait);
        }
    }

    /// The speaker's view, in the main window.
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        let Some(card) = session.current_card() else {
            return;
        };
        egui::Panel::top("presenter-bar").show(ui, |ui| self.timer_bar(ui, session, out));
        egui::Panel::right("presenter-notes")
            .resizable(true)
            .default_size(ui.available_width() * 0.48)
            .size_range(260.0..=ui.available_width() * 0.75)
            .show(ui, |ui| {
                let label = ui
                    .horizontal(|ui| {
                        let label = ui.label(egui::RichText::new(t!("speaker-notes")).strong());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("A+").on_hover_text(t!("larger-notes")).clicked() {
                                out.push(UiCommand::NotesSize(2.0));
                            }
                            if ui.button("A−").on_hover_text(t!("smaller-notes")).clicked() {
                                out.push(UiCommand::NotesSize(-2.0));
                            }
                        });
                        label
                    })
                    .inner;
                egui::ScrollArea::vertical()
                    .id_salt("presenter-speaker-notes")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let marks = super::reader::Marks::default();
                        super::reader::show(ui, card, self.notes_size, &marks, label.id)
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            card_view::card_slide(ui, session, session.current(), 1.0);
            ui.add_space(16.0);
            if session.current() + 1 < session.card_count() {
                ui.weak(t!("next-card"));
                ui.add_space(4.0);
                card_view::card_slide(ui, session, session.current() + 1, 0.7);
            } else {
                ui.weak(t!("last-card"));
            }
        });
    }

    /// The cards' budgets, made again only when the notes or the talk changed.
    fn budgets(&mut self, session: &Session) -> Budgets {
        let key = (
            session.revision(),
            Arc::as_ptr(session.talk_shared()) as usize,
        );
        match &self.budgets {
            Some((k, b)) if *k == key => b.clone(),
            _ => {
                let b = budgets(&session.talk().cards, &session.notes().rehearsal);
                self.budgets = Some((key, b.clone()));
                b
            }
        }
    }

    fn timer_bar(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        let now = Instant::now();
        let plan = self.budgets(session);
        let index = session.current();
        let on_card = session
            .current_card()
            .map_or_else(Default::default, |c| self.rehearsal.spent_on(&c.id, now));
        let budget = plan.cards.get(index).copied().unwrap_or_default();
        let elapsed = self.rehearsal.elapsed(now);
        let big = |text: String| egui::RichText::new(text).size(22.0).monospace();
        ui.horizontal_wrapped(|ui| {
            ui.label(big(clock(elapsed)))
                .on_hover_text(t!("elapsed-hint"));
            if self.rehearsal.is_paused() {
                ui.label(egui::RichText::new(t!("paused")).color(ui.visuals().warn_fg_color));
            }
            ui.separator();
            ui.weak(t!("this-card"));
            let card_time = big(format!("{} / {}", clock(on_card), clock(budget)));
            if on_card.as_secs() > budget.as_secs() {
                let warn = ui.visuals().warn_fg_color;
                ui.label(card_time.color(warn))
                    .on_hover_text(t!("budget-hint"));
                let over = Duration::from_secs(on_card.as_secs() - budget.as_secs());
                let over = t!("over-budget", time = clock(over));
                ui.label(egui::RichText::new(over).color(warn));
            } else {
                ui.label(card_time).on_hover_text(t!("budget-hint"));
            }
            ui.separator();
            pace_label(ui, pace(elapsed, index, session.card_count(), plan.planned));
            ui.separator();
            planned_field(ui, plan.planned, out);
            ui.separator();
            ui.weak(t!("clock"));
            ui.label(big(super::clock::wall_clock()));
        });
        ui.horizontal(|ui| {
            let log = &session.notes().rehearsal;
            if let Some(last) = log.runs().len().checked_sub(1)
                && ui.button(t!("use-last-run")).clicked()
            {
                out.push(Command::Rehearsal(Change::UseRunAsBudgets(last)).into());
            }
            if log.run_budgets().is_some() {
                ui.weak(t!("budgets-from-run"));
                if ui.button(t!("use-estimates")).clicked() {
                    out.push(Command::Rehearsal(Change::EstimatesAsBudgets).into());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(t!("end-presenting")).clicked() {
                    out.push(UiCommand::StopPresenting);
                }
                if ui.button(t!("reset-timer")).clicked() {
                    out.push(UiCommand::AskResetTimer);
                }
                let pause = if self.rehearsal.is_paused() {
                    t!("resume")
                } else {
                    t!("pause")
                };
                if ui.button(pause).clicked() {
                    out.push(UiCommand::TogglePause);
                }
            });
        });
    }

    /// Commands from keys pressed in the audience window since the last frame.
    pub fn take_audience_commands(&self, out: &mut Vec<UiCommand>) {
        let mut audience = self.audience.lock().unwrap_or_else(PoisonError::into_inner);
        out.append(&mut audience.commands);
    }

    /// The audience window: the current card alone, large. Returns false when the user
    /// closed it. Keys pressed there drive the deck like keys in the main window
    /// ([`Self::take_audience_commands`]).
    pub fn audience_window(&self, ctx: &egui::Context, session: &Session) -> bool {
        let id = egui::ViewportId::from_hash_of("talkdeck-audience");
        let card = AudienceCard {
            talk: Arc::clone(session.talk_shared()),
            index: session.current(),
            own_points: session
                .current_card()
                .map(|c| session.promoted_points(&c.id))
                .unwrap_or_default(),
            deck_dir: session
                .talk_path()
                .and_then(Path::parent)
                .map(Path::to_path_buf),
        };
        {
            let mut audience = self.audience.lock().unwrap_or_else(PoisonError::into_inner);
            if !audience
                .card
                .as_ref()
                .is_some_and(|shown| shown.same_as(&card))
            {
                audience.card = Some(card);
                ctx.request_repaint_of(id);
            }
            if audience.closed {
                return false;
            }
        }
        let mut builder = egui::ViewportBuilder::default()
            .with_title(format!("{} — talkdeck", session.talk().title))
            .with_inner_size([1280.0, 720.0])
            .with_fullscreen(self.audience_fullscreen);
        if std::env::var_os("WAYLAND_DISPLAY").is_some() {
            // Wayland ignores window positions: full screen on the second screen, where
            // there is one (egui ignores the index where there is not).
            builder = builder.with_monitor(1);
        } else if let Some(main) = ctx.input(|i| i.viewport().outer_rect) {
            // Beside the main window, where a second screen usually is.
            builder = builder.with_position(main.right_top());
        }
        let audience = Arc::clone(&self.audience);
        ctx.show_viewport_deferred(id, builder, move |ui, _class| {
            let ctx = ui.ctx().clone();
            let mut audience = audience.lock().unwrap_or_else(PoisonError::into_inner);
            let before = audience.commands.len();
            keys::read(&ctx, keys::Mode::Presenter, &mut audience.commands);
            if ctx.input(|i| i.viewport().close_requested()) {
                audience.closed = true;
            }
            if audience.closed || audience.commands.len() > before {
                ctx.request_repaint_of(egui::ViewportId::ROOT);
            }
            let page = audience.card.as_ref().and_then(AudienceCard::page);
            if let Some((page, next, version)) = page {
                // A PDF page: the page alone, as large as the window lets it, centred on
                // black (letterboxed).
                let black = egui::Frame::new().fill(egui::Color32::BLACK);
                let pending = egui::CentralPanel::default()
                    .frame(black)
                    .show(ui, |ui| {
                        let size = ui.available_size();
                        page_view::show(ui, &version, &page, next.as_ref(), size, true)
                    })
                    .inner;
                if pending {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
            } else if let Some(card) = &audience.card {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.add_space(ui.available_height() * 0.08);
                    let AudienceCard {
                        talk,
                        index,
                        own_points,
                        deck_dir,
                    } = card;
                    let dir = deck_dir.as_deref();
                    card_view::talk_slide(ui, talk, *index, dir, own_points, AUDIENCE_SCALE);
                });
                // A picture still being decoded: look again until it is there (this
                // viewport repaints only when asked).
                if ctx.has_pending_images() {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
            }
        });
        true
    }
}

/// The pace signal: in colour, and always in words (ahead, behind, on time), so it does
/// not rest on colour alone.
fn pace_label(ui: &mut egui::Ui, pace: Pace) {
    let (text, colour) = match pace {
        Pace::OnTime => (t!("pace-on-time"), ui.visuals().text_color()),
        Pace::Ahead(by) => (
            t!("pace-ahead", time = clock(by)),
            ui.visuals().hyperlink_color,
        ),
        Pace::Behind(by) => (
            t!("pace-behind", time = clock(by)),
            ui.visuals().error_fg_color,
        ),
    };
    ui.label(egui::RichText::new(text).size(18.0).strong().color(colour))
        .on_hover_text(t!("pace-hint"));
}

/// The talk's planned duration, in whole minutes.
fn planned_field(ui: &mut egui::Ui, planned: Duration, out: &mut Vec<UiCommand>) {
    let label = ui.weak(t!("planned"));
    let mut minutes = planned.as_secs().div_ceil(60).max(1);
    let field = ui
        .add(
            egui::DragValue::new(&mut minutes)
                .range(1..=600)
                .speed(0.2)
                .custom_formatter(|m, _| t!("planned-minutes", minutes = m as u64))
                .custom_parser(|text| {
                    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                    digits.parse::<f64>().ok()
                }),
        )
        .labelled_by(label.id)
        .on_hover_text(t!("planned-hint"));
    if field.changed() {
        let planned = Duration::from_secs(minutes * 60);
        out.push(Command::Rehearsal(Change::SetPlanned(Some(planned))).into());
    }
}
