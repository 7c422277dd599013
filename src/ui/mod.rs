//! The window: thin views over one [`Session`]. Views and key bindings only queue
//! [`UiCommand`]s; [`TalkdeckApp`] applies them after the frame's views have run.

mod actions;
mod card_title;
mod card_view;
mod clock;
mod command;
mod composition;
mod deck_media;
mod dialogs;
mod dispatch;
mod fonts;
mod keys;
mod leave_dialog;
mod memory;
mod menu_bar;
mod notes_panel;
mod outline;
mod overview;
mod page_view;
mod palette;
mod picture_guard;
mod presenter;
mod reader;
mod rehearsals;
mod renderer;
mod search;
mod shortcuts;
mod signals;
mod slide_body;
mod status_bar;
mod theme;
mod typing_guard;
mod window;
mod words;
mod worker;

pub use clock::init_local_offset;
pub use command::UiCommand;
pub use dialogs::PathPurpose;
pub use renderer::choose as renderer;
pub use window::run_window;
pub use worker::PathPicker;

use crate::session::{Autosave, Command, SaveState, Session};
use dialogs::Dialog;
use memory::{MEMORY_KEY, Memory};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use worker::Worker;

/// Frames the cursor may take to reach a note (scrolled into view first) before what was
/// typed meanwhile is let go.
const FOCUS_TRIES: u8 = 8;

/// How long closing waits for saves still running (a slow disk, a large notes file).
const EXIT_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

pub struct TalkdeckApp {
    session: Session,
    commands: Vec<UiCommand>,
    worker: Worker,
    dialog: Option<Dialog>,
    outline: outline::Outline,
    overview: overview::Overview,
    presenter: Option<presenter::Presenter>,
    /// The Rehearsals view, while it is open.
    rehearsals: Option<rehearsals::RehearsalsView>,
    /// The current card's title being typed (F2), while it is.
    title_editor: Option<card_title::TitleEditor>,
    search: search::Search,
    /// Keywords of each card, once found (empty until then).
    keywords: Vec<Vec<String>>,
    /// What is selected in the speaker notes, and on which card.
    selection: Option<(String, std::ops::Range<usize>)>,
    memory: Memory,
    /// Tag fields being typed in, by note, so a half-typed "a, " is not normalised away.
    tag_drafts: BTreeMap<uuid::Uuid, String>,
    /// The height each note's editor had when last shown, for the notes panel's
    /// virtual list.
    note_heights: std::collections::HashMap<uuid::Uuid, f32>,
    /// The note to put the cursor in, and for how many more frames to try (it may first
    /// have to be scrolled into view).
    focus_note: Option<(uuid::Uuid, u8)>,
    /// Keys typed while the cursor is on its way to a note, given to it once it is there.
    typed_ahead: Vec<egui::Event>,
    /// The window was told to close (the session said it may).
    closing: bool,
    window_title: String,
    /// What the window was started with and could not open as asked, until dismissed.
    launch_notice: Option<crate::launch::LaunchNotice>,
}

impl TalkdeckApp {
    /// Builds the app inside eframe's creation context (fonts, remembered state) and
    /// starts loading `notes` when given, else the notes file last used with this talk.
    pub fn new(cc: &eframe::CreationContext<'_>, session: Session, notes: Option<PathBuf>) -> Self {
        let system_fonts = fonts::install(&cc.egui_ctx);
        composition::CompositionGuard::install(&cc.egui_ctx);
        typing_guard::TypingGuard::install(&cc.egui_ctx);
        slide_body::install_image_loaders(&cc.egui_ctx);
        theme::install(&cc.egui_ctx);
        let memory: Memory = cc
            .storage
            .and_then(|s| eframe::get_value(s, MEMORY_KEY))
            .unwrap_or_default();
        crate::i18n::set_language(
            memory
                .language
                .unwrap_or_else(crate::i18n::Lang::from_system),
        );
        keys::set_single_letter_keys(&cc.egui_ctx, memory.single_letter_keys);
        let mut app = Self {
            session,
            commands: Vec::new(),
            worker: Worker::new(cc.egui_ctx.clone()),
            dialog: None,
            outline: outline::Outline::default(),
            overview: overview::Overview::default(),
            presenter: None,
            rehearsals: None,
            title_editor: None,
            search: search::Search::default(),
            selection: None,
            keywords: Vec::new(),
            memory,
            tag_drafts: BTreeMap::new(),
            note_heights: std::collections::HashMap::new(),
            focus_note: None,
            typed_ahead: Vec::new(),
            closing: false,
            window_title: String::new(),
            launch_notice: None,
        };
        app.worker.after_first_frame(move |_| system_fonts.start());
        app.talk_opened(notes);
        app.apply_commands(&cc.egui_ctx);
        app
    }

    /// A talk is in place (at start, or opened): go back to its last card, remember it
    /// among the recent talks, and bring in its notes — the file given, else the one last
    /// used with it, else (asking first) the one beside it or the recovery file.
    fn talk_opened(&mut self, notes: Option<PathBuf>) {
        self.keywords.clear();
        self.worker
            .find_keywords(std::sync::Arc::clone(self.session.opened_talk()));
        let fingerprint = self.session.talk().fingerprint.clone();
        if let Some(&card) = self.memory.last_card.get(&fingerprint) {
            self.session.apply(Command::GoTo(card));
        }
        if let Some(path) = &self.session.talk_path() {
            self.memory.remember_talk(path);
        }
        let remembered = self
            .memory
            .notes_files
            .get(&fingerprint)
            .filter(|p| p.is_file());
        if let Some(path) = notes.or_else(|| remembered.cloned()) {
            self.commands.push(Command::OpenNotes(path).into());
        } else if let Some(path) = self.session.notes_beside_talk() {
            self.dialog = Some(Dialog::OfferNotes(path));
        } else if self.session.recovery_path().is_some_and(|p| p.is_file()) {
            self.dialog = Some(Dialog::OfferRecovery);
        }
    }

    /// Shows what the window was started with but could not open as asked.
    pub fn show_launch_notice(&mut self, notice: crate::launch::LaunchNotice) {
        self.launch_notice = Some(notice);
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Queues a command, as a button or key would.
    pub fn push(&mut self, command: impl Into<UiCommand>) {
        self.commands.push(command.into());
    }

    /// Replaces the native file dialog (tests use their own, so none ever opens).
    pub fn set_path_picker(&mut self, picker: std::sync::Arc<dyn PathPicker>) {
        self.worker.set_picker(picker);
    }

    /// What is selected in the speaker notes: the card and its chars.
    pub fn selection(&self) -> Option<&(String, std::ops::Range<usize>)> {
        self.selection.as_ref()
    }

    /// True while work the app started off the UI thread (file I/O, keywords) has not
    /// come back yet.
    pub fn is_busy(&self) -> bool {
        self.worker.is_busy()
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                self.apply(ctx, command);
            }
        }
    }

    /// The working layout: outline, card and speaker notes, the user's notes.
    fn deck_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<UiCommand>) {
        if self.search.is_open() {
            egui::Panel::top("search").show(ui, |ui| self.search.bar(ui, &self.session, out));
        }
        egui::Panel::left("outline")
            .default_size(250.0)
            .size_range(180.0..=420.0)
            .show(ui, |ui| {
                if self.search.is_open() {
                    self.search.results(ui, &self.session, out);
                } else {
                    self.outline.ui(ui, &self.session, out);
                }
            });
        if !self.overview.is_open() {
            let focus = self.focus_note.map(|(note, _)| note);
            let mut focused = false;
            egui::Panel::right("notes")
                .default_size(340.0)
                .size_range(240.0..=560.0)
                .show(ui, |ui| {
                    let state = notes_panel::PanelState {
                        focus,
                        tag_drafts: &mut self.tag_drafts,
                        heights: &mut self.note_heights,
                        has_selection: self.selection.is_some(),
                    };
                    focused = notes_panel::ui(ui, &self.session, state, out);
                });
            self.focus_note = match self.focus_note {
                Some((note, tries)) if !focused && tries > 0 => {
                    ui.ctx().request_repaint();
                    Some((note, tries - 1))
                }
                _ => None,
            };
        } else {
            self.focus_note = None;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.overview.is_open() {
                self.overview.ui(ui, &self.session, out);
            } else {
                let marks = reader_marks(&self.session, &mut self.search);
                let has_selection = self.selection.is_some();
                let notes_size = self.memory.notes_size;
                let keywords = self
                    .keywords
                    .get(self.session.current())
                    .map_or(&[][..], Vec::as_slice);
                let view = card_view::CardView {
                    notes_size,
                    keywords,
                    has_selection,
                };
                if let Some(editor) = &mut self.title_editor {
                    let current = self.session.current_card().map(|c| c.id.as_str());
                    if current != Some(editor.card_id()) || editor.ui(ui, out) {
                        self.title_editor = None;
                    }
                }
                let read = card_view::ui(ui, &self.session, &view, &marks, out);
                let card = self.session.current_card().map(|c| c.id.clone());
                self.selection = card.zip(read.selection);
                if let Some(note) = read.clicked {
                    out.push(UiCommand::FocusNote(note));
                }
            }
        });
    }

    fn with_presenter(&mut self, f: impl FnOnce(&mut presenter::Presenter)) {
        if let Some(presenter) = &mut self.presenter {
            f(presenter);
        }
    }

    /// The rehearsal timer, while presenting.
    pub fn rehearsal(&self) -> Option<&crate::rehearsal::Rehearsal> {
        self.presenter.as_ref().map(presenter::Presenter::rehearsal)
    }

    fn open_dialog(&mut self, purpose: PathPurpose) {
        let path = self.suggested_path(purpose);
        self.dialog = Some(Dialog::path(purpose, &path));
    }

    /// Where a path dialog starts: the file in use, else a file named after the talk
    /// beside it, else in the documents folder.
    fn suggested_path(&self, purpose: PathPurpose) -> PathBuf {
        let session = &self.session;
        let beside_talk = || {
            let talk = session.talk_path().map(Path::to_path_buf);
            let talk = talk.unwrap_or_else(|| dialogs::documents_dir().join(session.talk_name()));
            let stem = talk
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            talk.with_file_name(format!("{stem}{}", purpose.suffix()))
        };
        match purpose {
            PathPurpose::OpenTalk => session
                .talk_path()
                .map_or_else(dialogs::documents_dir, Path::to_path_buf),
            PathPurpose::SaveNotesAs | PathPurpose::OpenNotes => session
                .notes_path()
                .map_or_else(beside_talk, Path::to_path_buf),
            _ => beside_talk(),
        }
    }

    /// How the window's exports are made: in the UI's language, with the rehearsal
    /// times when the user asked for them.
    fn export_options(&self) -> crate::export::RecapOptions {
        crate::export::RecapOptions {
            skip_cards_without_notes: false,
            language: crate::i18n::language(),
            rehearsal_times: self.memory.recap_rehearsal,
        }
    }

    fn apply_session(&mut self, command: Command) {
        let applied = self.session.dispatch(command);
        if let Some(effect) = applied.effect {
            self.worker.run(effect);
        }
        if let Some(note) = self.session.created_note() {
            self.focus_note = Some((note, FOCUS_TRIES));
        }
        if applied.talk_opened {
            self.talk_opened(None);
        }
        if self.session.conflict() && self.dialog.is_none() {
            self.dialog = Some(Dialog::Conflict);
        }
        if self.session.recovery_offered() && self.dialog.is_none() {
            self.dialog = Some(Dialog::OfferRecovery);
        }
        if let Some(copy) = self.session.sync_conflicts().first()
            && self.dialog.is_none()
        {
            self.dialog = Some(Dialog::OfferMerge(copy.clone()));
        }
        self.remember_notes_file();
        self.close_when_safe();
    }

    /// Closes the window once the session says the notes are safe, in a frame without
    /// typing: keys that were on their way when a signal came (a slow frame) are first
    /// put into the note they were typed in, and the last save on exit takes them.
    fn close_when_safe(&mut self) {
        if !self.session.may_close() || self.closing {
            return;
        }
        let ctx = self.worker.ctx().clone();
        if ctx.input(|i| i.events.iter().any(typed)) {
            ctx.request_repaint();
            return;
        }
        self.closing = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    fn remember_notes_file(&mut self) {
        let fingerprint = &self.session.talk().fingerprint;
        if let (Some(path), None) = (self.session.notes_path(), self.session.read_only())
            && self
                .memory
                .notes_files
                .get(fingerprint)
                .map(PathBuf::as_path)
                != Some(path)
        {
            self.memory
                .notes_files
                .insert(fingerprint.clone(), path.to_path_buf());
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mark = match self.session.save_state() {
            SaveState::Saved => "",
            SaveState::Unsaved | SaveState::Saving | SaveState::Failed => "● ",
        };
        let notes = self.session.notes_path().map(crate::session::file_name);
        let title = match notes {
            Some(notes) => format!("{mark}{} — {notes} — talkdeck", self.session.talk().title),
            None => format!("{mark}{} — talkdeck", self.session.talk().title),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// A file dropped on the window: a `.json`, `.jsonld` or `.pdfpc` file is notes
    /// (another tool's are imported), anything else a talk.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.first().map(|f| f.path().to_path_buf()) {
            let is_notes = path.extension().is_some_and(|e| {
                ["json", "jsonld", "pdfpc"]
                    .iter()
                    .any(|known| e.eq_ignore_ascii_case(known))
            });
            let purpose = if is_notes {
                PathPurpose::OpenNotes
            } else {
                PathPurpose::OpenTalk
            };
            self.commands.push(UiCommand::UsePath(purpose, path));
        }
    }

    /// The window manager's close button (or anything else asking the window to close)
    /// is Quit: the window closes once the session says the notes are safe.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.session.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commands.push(UiCommand::Quit);
        }
    }

    /// The window is closing (`on_exit`'s signature depends on the renderer built in): saves still on their way are waited for (at most
    /// [`EXIT_WAIT`]) and taken in, then whatever they left unsaved is written now, to the
    /// notes file or the recovery file.
    fn save_before_exit(&mut self) {
        let deadline = std::time::Instant::now() + EXIT_WAIT;
        while self.worker.is_running() {
            let done = self.worker.wait(deadline);
            if done.is_empty() {
                log::warn!("the I/O thread did not finish within {EXIT_WAIT:?}");
                break;
            }
            for command in done {
                if let UiCommand::Session(command @ Command::Done(_)) = command
                    && let Some(effect) = self.session.apply(command)
                {
                    self.worker.run(effect);
                }
            }
        }
        if let Some(effect) = self.session.final_save() {
            let outcome = effect.run();
            self.session.apply(Command::Done(outcome));
        }
        if self.session.is_dirty() && !self.session.in_recovery() {
            log::error!("closing with notes that could not be saved anywhere");
        }
    }

    /// While the cursor is on its way to a note (a new one far down a long list is first
    /// scrolled into view), what is typed waits, and goes into the note once it has the
    /// cursor: never lost, never taken for card keys.
    fn hold_typing_for_note(&mut self, ctx: &egui::Context) {
        if self.focus_note.is_some() {
            ctx.input_mut(|input| {
                let (held, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut input.events)
                    .into_iter()
                    .partition(typed);
                input.events = rest;
                self.typed_ahead.extend(held);
            });
            if !self.typed_ahead.is_empty() {
                ctx.request_repaint();
            }
        } else if !self.typed_ahead.is_empty() {
            let held = std::mem::take(&mut self.typed_ahead);
            ctx.input_mut(|input| {
                let newer = std::mem::replace(&mut input.events, held);
                input.events.extend(newer);
            });
        }
    }
}

impl eframe::App for TalkdeckApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::frames::pass_began(ctx, raw_input);
        // Raw mouse motion (for camera-style controls) changes nothing here; it arrives
        // just after the pointer's own move and would make egui paint one frame more.
        raw_input
            .events
            .retain(|e| !matches!(e, egui::Event::MouseMoved(_)));
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        for message in self.worker.poll() {
            self.commands.push(message);
        }
        self.handle_close_request(ctx);
        self.handle_dropped_files(ctx);
        let modal = self.dialog.is_some() || self.rehearsals.is_some();
        let mode = if modal || self.session.leaving().is_some() {
            keys::Mode::Dialog
        } else if self.presenter.is_some() {
            keys::Mode::Presenter
        } else if self.overview.is_open() {
            keys::Mode::Overview
        } else {
            keys::Mode::Deck
        };
        self.hold_typing_for_note(ctx);
        keys::read(ctx, mode, &mut self.commands);
        if let Some(presenter) = &self.presenter {
            presenter.take_audience_commands(&mut self.commands);
        }
        self.apply_commands(ctx);
        self.hold_typing_for_note(ctx);
        self.close_when_safe();
        match self.session.autosave(std::time::Instant::now()) {
            Autosave::Run(effect) => self.worker.run(effect),
            Autosave::WaitFor(wait) => ctx.request_repaint_after(wait),
            Autosave::Idle => {}
        }
    }

    #[cfg(feature = "glow")]
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_before_exit();
    }

    #[cfg(not(feature = "glow"))]
    fn on_exit(&mut self) {
        self.save_before_exit();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut out = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            menu_bar::ui(ui, &self.session, &self.memory, &mut out)
        });
        let banner = status_bar::is_banner(&self.session);
        if banner || self.launch_notice.is_some() {
            egui::Panel::top("notice").show(ui, |ui| {
                if let Some(notice) = &self.launch_notice {
                    status_bar::launch_banner(ui, notice, &mut out);
                }
                if banner {
                    status_bar::banner(ui, &self.session, &mut out);
                }
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| status_bar::ui(ui, &self.session, &mut out));
        if let Some(presenter) = &mut self.presenter {
            presenter.tick(&ctx, &self.session);
            egui::CentralPanel::default().show(ui, |ui| presenter.ui(ui, &self.session, &mut out));
            // Where the system gives no second window, the speaker's view is the one window.
            if !ctx.embed_viewports() && !presenter.audience_window(&ctx, &self.session) {
                out.push(UiCommand::StopPresenting);
            }
        } else {
            self.deck_ui(ui, &mut out);
        }
        if let Some(view) = &mut self.rehearsals {
            let recap = self.memory.recap_rehearsal;
            if !view.show(&ctx, &self.session, recap, &mut out) {
                out.push(UiCommand::ToggleRehearsals);
            }
        }
        if let Some(dialog) = &mut self.dialog {
            dialog.show(&ctx, &mut out);
        } else {
            leave_dialog::show(&ctx, &self.session, &mut out);
        }
        self.commands.extend(out);
        self.apply_commands(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(presenter) = &self.presenter {
            self.memory.presenter_notes_size = presenter.notes_size();
        }
        let fingerprint = self.session.talk().fingerprint.clone();
        self.memory
            .last_card
            .insert(fingerprint, self.session.current());
        eframe::set_value(storage, MEMORY_KEY, &self.memory);
    }
}

/// A keyboard event: what a user types, as opposed to the pointer's.
fn typed(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Text(_)
            | egui::Event::Key { .. }
            | egui::Event::Ime(_)
            | egui::Event::Paste(_)
    )
}

/// What the speaker notes reader marks: the card's highlights and search matches,
/// and where to scroll after stepping to a search hit.
fn reader_marks<'s>(session: &Session, search: &'s mut search::Search) -> reader::Marks<'s> {
    let Some(card) = session.current_card() else {
        return reader::Marks::default();
    };
    let highlights = session
        .notes_on(&card.id)
        .into_iter()
        .filter_map(|n| {
            let (_, start, end) = session.highlight_place(n.id)?;
            let colour = n.highlight.as_ref()?.colour;
            Some(reader::Mark {
                chars: start..end,
                colour,
                note: n.id,
            })
        })
        .collect();
    // A paragraph starts after the chars and newlines of the ones before it.
    let scroll_to = search.take_focus().map(|paragraph| {
        card.paragraphs[..paragraph.min(card.paragraphs.len())]
            .iter()
            .map(|p| p.chars().count() + 1)
            .sum()
    });
    reader::Marks {
        query: search.query(),
        highlights,
        scroll_to,
    }
}
