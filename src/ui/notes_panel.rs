//! The user's own notes on the current card: add, edit, tag, delete.

use super::UiCommand;
use crate::notes::{Colour, Note};
use crate::session::{Command, Session};
use crate::{display_bound, t};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// What the notes panel needs besides the session.
pub struct PanelState<'a> {
    /// The note to put the cursor in this frame.
    pub focus: Option<Uuid>,
    pub tag_drafts: &'a mut BTreeMap<Uuid, String>,
    /// Each note's height when last shown (a card may hold tens of thousands of notes:
    /// only those in view are laid out).
    pub heights: &'a mut HashMap<Uuid, f32>,
    /// Text is selected in the speaker notes (an orphan can be re-attached to it).
    pub has_selection: bool,
}

/// Shows the notes of the current card. True when the note `state.focus` asks for has
/// the cursor now (false while it is still being scrolled into view).
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    state: PanelState<'_>,
    out: &mut Vec<UiCommand>,
) -> bool {
    let Some(card) = session.current_card() else {
        return false;
    };
    let mut focused_now = false;
    let PanelState {
        focus,
        tag_drafts,
        heights,
        has_selection,
    } = state;
    let notes = session.notes_on(&card.id);
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
    // Always drawn, so that a card with more notes than room does not fade the bar in.
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show_viewport(ui, |ui, viewport| {
            if notes.is_empty() {
                ui.add_space(12.0);
                ui.weak(t!("no-notes-on-card"));
            }
            let left_top = ui.cursor().min;
            let width = ui.available_width();
            let mut y = 0.0;
            for (index, note) in notes.iter().enumerate() {
                let known = heights.get(&note.id).copied();
                let height = known.unwrap_or(ESTIMATED_HEIGHT);
                let focused = focus == Some(note.id);
                let in_view = y + height >= viewport.min.y && y <= viewport.max.y;
                if in_view || focused || known.is_none() && index < FIRST_MEASURED {
                    let top = left_top + egui::vec2(0.0, y);
                    let room = egui::Rect::from_min_size(top, egui::vec2(width, f32::INFINITY));
                    let shown = ui
                        .scope_builder(egui::UiBuilder::new().max_rect(room), |ui| {
                            let quote = session.highlight_text(note);
                            note_editor(
                                ui,
                                index,
                                note,
                                quote.as_deref(),
                                // Only once it is in view: egui drops the focus of a
                                // widget outside the visible area.
                                focused && in_view,
                                tag_drafts,
                                out,
                            );
                        })
                        .response
                        .rect;
                    if focused {
                        ui.scroll_to_rect(shown, None);
                        focused_now = in_view;
                    }
                    heights.insert(note.id, shown.height());
                    y += shown.height() + GAP;
                } else {
                    y += height + GAP;
                }
            }
            let list = egui::Rect::from_min_size(left_top, egui::vec2(width, y));
            ui.advance_cursor_after_rect(list);
            orphans(ui, session, has_selection, out);
        });
    focused_now
}

/// Space between two notes.
const GAP: f32 = 8.0;
/// What a note not shown yet is taken to need, until it has been shown once.
const ESTIMATED_HEIGHT: f32 = 140.0;
/// So short lists (the usual case) are measured at once and scroll exactly.
const FIRST_MEASURED: usize = 50;

/// Highlights whose passage is gone: never dropped; re-attach or delete.
fn orphans(ui: &mut egui::Ui, session: &Session, has_selection: bool, out: &mut Vec<UiCommand>) {
    let orphans = session.orphans();
    if orphans.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(t!("orphaned-notes", count = orphans.len()))
        .default_open(true)
        .show(ui, |ui| {
            ui.weak(t!("orphaned-hint"));
            for note in orphans {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    if let Some(quote) = session.highlight_text(note) {
                        quote_block(ui, &quote);
                    }
                    if !note.text.is_empty() {
                        bounded_label(ui, &note.text, |shown| egui::RichText::new(shown));
                    }
                    ui.horizontal(|ui| {
                        let reattach = egui::Button::new(t!("reattach"));
                        if note.highlight.is_some()
                            && super::card_view::disabled_hint(
                                ui.add_enabled(has_selection, reattach),
                                t!("highlight-how"),
                            )
                            .clicked()
                        {
                            out.push(UiCommand::ReattachToSelection(note.id));
                        }
                        if ui.small_button(t!("delete")).clicked() {
                            out.push(Command::DeleteNote(note.id).into());
                        }
                    });
                });
            }
        });
}

/// A quoted passage, set off by a bar in the margin like a block quote.
fn quote_block(ui: &mut egui::Ui, quote: &str) {
    let bar = egui::Stroke::new(3.0, ui.visuals().weak_text_color());
    let response = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 2,
            top: 2,
            bottom: 2,
        })
        .show(ui, |ui| {
            bounded_label(ui, quote, |shown| egui::RichText::new(shown).italics());
        })
        .response;
    let rect = response.rect;
    ui.painter().vline(rect.left() + 1.5, rect.y_range(), bar);
}

/// Colour choice and the key-point switch of a highlight note.
fn highlight_controls(ui: &mut egui::Ui, note: &Note, out: &mut Vec<UiCommand>) {
    let Some(highlight) = &note.highlight else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for colour in Colour::ALL {
            let name = match colour {
                Colour::Yellow => t!("colour-yellow"),
                Colour::Green => t!("colour-green"),
                Colour::Blue => t!("colour-blue"),
                Colour::Pink => t!("colour-pink"),
            };
            let (fill, _) = super::reader::colour_fill(colour, ui.visuals().dark_mode);
            let chosen = highlight.colour == colour;
            let button = egui::Button::selectable(chosen, name).fill(fill);
            if ui.add(button).clicked() && !chosen {
                out.push(
                    Command::SetColour {
                        id: note.id,
                        colour,
                    }
                    .into(),
                );
            }
        }
        let mut key_point = highlight.key_point;
        if ui
            .checkbox(&mut key_point, t!("use-as-key-point"))
            .changed()
        {
            out.push(Command::ToggleKeyPoint(note.id).into());
        }
    });
}

fn note_editor(
    ui: &mut egui::Ui,
    index: usize,
    note: &Note,
    quote: Option<&str>,
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
        if let Some(quote) = quote {
            quote_block(ui, quote);
            highlight_controls(ui, note, out);
        }
        let hint = if quote.is_some() {
            t!("comment-hint")
        } else {
            t!("note-hint")
        };
        let id = ui.make_persistent_id(("note", note.id));
        let head = display_bound::head(&note.text, display_bound::SHOWN_CHARS);
        if head.is_cut() {
            too_long(ui, id, head);
        } else {
            text_editor(ui, id, note, hint, focus, label.id, out);
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
            // Every change reaches the notes at once (a save, a quit or a signal while the
            // cursor is still here keeps the tags); the field shows what was typed, "a, "
            // included, until it lets go.
            if response.changed() {
                let list = tags.split([',', '，', '、']).map(str::to_owned).collect();
                out.push(
                    Command::SetTags {
                        id: note.id,
                        tags: list,
                    }
                    .into(),
                );
            }
            if response.has_focus() {
                tag_drafts.insert(note.id, tags);
            } else if response.lost_focus() {
                tag_drafts.remove(&note.id);
            }
        });
    });
}

/// The note in a text field, each change sent as an edit.
fn text_editor(
    ui: &mut egui::Ui,
    id: egui::Id,
    note: &Note,
    hint: String,
    focus: bool,
    label: egui::Id,
    out: &mut Vec<UiCommand>,
) {
    let mut text = note.text.clone();
    if focus {
        // Before the editor is shown, so it takes this frame's typing already (keys
        // typed in the frame that made the note).
        ui.memory_mut(|m| m.request_focus(id));
    }
    super::words::move_by_words(ui, id, &text);
    let editor = egui::TextEdit::multiline(&mut text)
        .id(id)
        .hint_text(hint)
        .desired_rows(3)
        .desired_width(f32::INFINITY)
        .font(egui::FontId::proportional(15.5));
    let output = editor.show(ui);
    super::words::select_word_on_double_click(ui, &output, &text);
    let response = output.response.response.labelled_by(label);
    if response.changed() {
        out.push(Command::EditNote { id: note.id, text }.into());
    }
}

/// A note too long to lay out (an imported annotation of many MB): its head, read-only,
/// and what is left out. Editing it here would lay it out whole; the notes file keeps
/// every byte of it.
fn too_long(ui: &mut egui::Ui, id: egui::Id, head: display_bound::Head<'_>) {
    let text = egui::RichText::new(head.shown).size(15.5);
    ui.push_id(id, |ui| ui.add(egui::Label::new(text).wrap()));
    let message = t!(
        "note-too-long",
        size = display_bound::size(head.shown.len() + head.hidden),
        chars = display_bound::SHOWN_CHARS
    );
    ui.colored_label(ui.visuals().warn_fg_color, message);
}

/// A text shown as a label, at most [`display_bound::SHOWN_CHARS`] of it, with what is
/// left out said under it.
pub fn bounded_label(ui: &mut egui::Ui, text: &str, style: impl Fn(&str) -> egui::RichText) {
    let head = display_bound::head(text, display_bound::SHOWN_CHARS);
    ui.label(style(head.shown));
    not_shown(ui, head.hidden);
}

/// The line under a text cut at the display bound, when `hidden` bytes are left out.
pub fn not_shown(ui: &mut egui::Ui, hidden: usize) {
    if hidden > 0 {
        let message = t!("text-not-shown", size = display_bound::size(hidden));
        ui.colored_label(ui.visuals().warn_fg_color, message);
    }
}
