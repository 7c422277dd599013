//! The window: thin views over one [`Session`]. Views and key bindings only queue
//! [`UiCommand`]s; [`TalkdeckApp`] applies them after the frame's views have run.

mod actions;
mod card_view;
mod clock;
mod dialogs;
mod fonts;
mod keys;
mod leave_dialog;
mod menu_bar;
mod notes_panel;
mod outline;
mod overview;
mod palette;
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
mod worker;

pub use clock::init_local_offset;
pub use dialogs::PathPurpose;
pub use renderer::choose as renderer;
pub use worker::PathPicker;

use crate::session::{Autosave, Command, SaveState, Session};
use dialogs::Dialog;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use worker::Worker;

/// What the window can be asked to do: session commands plus the ones that only concern
/// the window (dialogs, theme, quitting).
#[derive(Debug, Clone, PartialEq)]
pub enum UiCommand {
    Session(Command),
    /// Ctrl+S: save in place, or ask for a path when there is none (or it is protected).
    Save,
    /// Opens the in-window path dialog; the native file dialog is its "Browse…" button.
    AskPath(PathPurpose),
    /// Keywords per card of the talk with this fingerprint, found off the UI thread.
    KeywordsFound(String, Vec<Vec<String>>),
    /// Stars the current card, or takes its star away.
    ToggleStarCurrent,
    /// Puts the Markdown recap on the clipboard.
    CopyRecap,
    /// Opens a talk from File › Open recent.
    OpenRecentTalk(PathBuf),
    /// Runs the native file dialog for the open path dialog.
    Browse(PathPurpose),
    /// A path picked or typed for a purpose.
    UsePath(PathPurpose, PathBuf),
    CloseDialog,
    ToggleTheme,
    /// Shows or hides the grid of all cards.
    ToggleOverview,
    /// Moves the overview selection by tiles (x) and rows (y).
    OverviewStep(isize, isize),
    /// Opens the card under the overview selection.
    OverviewPick,
    /// F5: the audience window plus the speaker's view.
    StartPresenting,
    StopPresenting,
    TogglePause,
    /// Asks before the rehearsal timer goes back to zero.
    AskResetTimer,
    ResetTimer,
    /// Makes the speaker notes (the presenter's, while presenting) larger or smaller by
    /// this many points.
    NotesSize(f32),
    /// Opens the Rehearsals view (on the latest run), or closes it.
    ToggleRehearsals,
    /// The recap includes the last rehearsal run's time on each card, or not.
    ToggleRecapRehearsal,
    /// F11: the audience window full screen, or not.
    ToggleFullscreen,
    /// H: highlights the text selected in the speaker notes.
    HighlightSelection,
    /// Points a highlight at the text selected in the speaker notes.
    ReattachToSelection(uuid::Uuid),
    /// Puts the cursor in a note (after a click on its highlight).
    FocusNote(uuid::Uuid),
    /// Ctrl+F: the search field and its results.
    OpenSearch,
    CloseSearch,
    /// Steps to the next (1) or previous (-1) search hit.
    SearchStep(isize),
    /// Goes to the search hit at this position of the results.
    SearchSelect(usize),
    /// Ctrl+K: find any action or card by typing.
    OpenPalette,
    /// F1: the list of keys.
    ToggleShortcuts,
    /// Switches between Chinese and English.
    ToggleLanguage,
    SetLanguage(crate::i18n::Lang),
    /// Takes away what was said about the files the window was started with.
    DismissLaunchNotice,
    /// Quit: the window closes once the notes are saved (asking when they cannot be).
    Quit,
}

impl From<Command> for UiCommand {
    fn from(command: Command) -> Self {
        UiCommand::Session(command)
    }
}

/// What survives a restart (eframe persistence): per talk, by fingerprint, the notes file
/// last used and the card last shown.
#[derive(Debug, Serialize, Deserialize)]
#[serde(default)]
struct Memory {
    notes_files: BTreeMap<String, PathBuf>,
    last_card: BTreeMap<String, usize>,
    presenter_notes_size: f32,
    /// Talk files opened, most recent first.
    recent_talks: Vec<PathBuf>,
    /// The UI language the user chose; the system's until they choose.
    language: Option<crate::i18n::Lang>,
    /// Text size of the speaker notes in the deck, apart from the window's zoom.
    notes_size: f32,
    /// The recap gives each card the last rehearsal run's time on it.
    recap_rehearsal: bool,
}

impl Default for Memory {
    fn default() -> Self {
        Self {
            notes_files: BTreeMap::new(),
            last_card: BTreeMap::new(),
            presenter_notes_size: 22.0,
            recent_talks: Vec::new(),
            language: None,
            notes_size: card_view::NOTES_SIZE,
            recap_rehearsal: false,
        }
    }
}

impl Memory {
    const RECENT_TALKS: usize = 10;

    fn remember_talk(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent_talks.retain(|p| *p != path);
        self.recent_talks.insert(0, path);
        self.recent_talks.truncate(Self::RECENT_TALKS);
    }
}

const MEMORY_KEY: &str = "talkdeck";

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
    /// The note to put the cursor in on the next frame.
    focus_note: Option<uuid::Uuid>,
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
        fonts::install(&cc.egui_ctx);
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
        let mut app = Self {
            session,
            commands: Vec::new(),
            worker: Worker::new(cc.egui_ctx.clone()),
            dialog: None,
            outline: outline::Outline::default(),
            overview: overview::Overview::default(),
            presenter: None,
            rehearsals: None,
            search: search::Search::default(),
            selection: None,
            keywords: Vec::new(),
            memory,
            tag_drafts: BTreeMap::new(),
            note_heights: std::collections::HashMap::new(),
            focus_note: None,
            closing: false,
            window_title: String::new(),
            launch_notice: None,
        };
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
            .find_keywords(std::sync::Arc::clone(self.session.talk_shared()));
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

    fn apply(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::Session(command) => self.apply_session(command),
            UiCommand::Save => {
                if self.session.can_save_in_place() {
                    self.apply_session(Command::Save);
                } else {
                    if self.session.notes_path().is_some() {
                        // Protected file: let the session say why before asking for a path.
                        self.apply_session(Command::Save);
                    }
                    self.open_dialog(PathPurpose::SaveNotesAs);
                }
            }
            UiCommand::AskPath(purpose) => self.open_dialog(purpose),
            UiCommand::OpenRecentTalk(path) => self.apply_session(Command::OpenTalk(path)),
            UiCommand::Browse(purpose) => {
                self.worker.pick_path(purpose, self.suggested_path(purpose))
            }
            UiCommand::UsePath(purpose, path) => {
                self.dialog = None;
                let command = purpose.command(path, |slides| self.recap_text(slides));
                self.apply_session(command);
            }
            UiCommand::KeywordsFound(fingerprint, keywords) => {
                if fingerprint == self.session.talk().fingerprint {
                    self.keywords = keywords;
                }
            }
            UiCommand::ToggleStarCurrent => {
                if let Some(card) = self.session.current_card() {
                    self.apply_session(Command::ToggleStar(card.id.clone()));
                }
            }
            UiCommand::CopyRecap => ctx.copy_text(self.recap_text(false)),
            UiCommand::DismissLaunchNotice => self.launch_notice = None,
            UiCommand::CloseDialog => self.dialog = None,
            UiCommand::ToggleOverview => self.overview.toggle(&self.session),
            UiCommand::OverviewStep(dx, dy) => self.overview.step(&self.session, dx, dy),
            UiCommand::OverviewPick => {
                if let Some(index) = self.overview.pick(&self.session) {
                    self.apply_session(Command::GoTo(index));
                }
            }
            UiCommand::StartPresenting => {
                self.overview.close();
                let size = self.memory.presenter_notes_size;
                self.presenter = Some(presenter::Presenter::start(&self.session, size));
            }
            UiCommand::StopPresenting => {
                if let Some(presenter) = self.presenter.take() {
                    self.memory.presenter_notes_size = presenter.notes_size();
                    let run = Box::new(presenter.finish(&self.session));
                    self.apply_session(Command::Rehearsal(crate::rehearsal::Change::AddRun(run)));
                    self.rehearsals = Some(rehearsals::RehearsalsView::latest(&self.session));
                }
            }
            UiCommand::ToggleRehearsals => {
                self.rehearsals = match self.rehearsals {
                    Some(_) => None,
                    None => Some(rehearsals::RehearsalsView::latest(&self.session)),
                };
            }
            UiCommand::ToggleRecapRehearsal => {
                self.memory.recap_rehearsal = !self.memory.recap_rehearsal;
            }
            UiCommand::TogglePause => self.with_presenter(presenter::Presenter::toggle_pause),
            UiCommand::AskResetTimer => {
                if self.presenter.is_some() {
                    self.dialog = Some(Dialog::ConfirmResetTimer);
                }
            }
            UiCommand::ResetTimer => {
                self.dialog = None;
                self.with_presenter(presenter::Presenter::reset_timer);
            }
            UiCommand::NotesSize(delta) => match &mut self.presenter {
                Some(presenter) => presenter.change_notes_size(delta),
                None => {
                    self.memory.notes_size =
                        card_view::clamp_notes_size(self.memory.notes_size + delta)
                }
            },
            UiCommand::ToggleFullscreen => {
                self.with_presenter(presenter::Presenter::toggle_fullscreen)
            }
            UiCommand::HighlightSelection => {
                if let Some((card_id, chars)) = self.selection.take() {
                    let (start, end) = (chars.start, chars.end);
                    self.apply_session(Command::AddHighlight {
                        card_id,
                        start,
                        end,
                    });
                }
            }
            UiCommand::ReattachToSelection(id) => {
                if let Some((card_id, chars)) = self.selection.take() {
                    let (start, end) = (chars.start, chars.end);
                    self.apply_session(Command::Reattach {
                        id,
                        card_id,
                        start,
                        end,
                    });
                }
            }
            UiCommand::FocusNote(id) => self.focus_note = Some(id),
            UiCommand::OpenSearch => {
                self.overview.close();
                self.search.open(&self.session);
            }
            UiCommand::CloseSearch => self.search.close(),
            UiCommand::SearchStep(delta) => {
                if let Some(card) = self.search.step(delta) {
                    self.apply_session(Command::GoTo(card));
                }
            }
            UiCommand::SearchSelect(i) => {
                if let Some(card) = self.search.select(i) {
                    self.apply_session(Command::GoTo(card));
                }
            }
            UiCommand::OpenPalette => {
                self.dialog = Some(Dialog::Palette(Box::new(palette::Palette::open(
                    ctx,
                    &self.session,
                ))));
            }
            UiCommand::ToggleShortcuts => {
                self.dialog = match self.dialog {
                    Some(Dialog::Shortcuts) => None,
                    _ => Some(Dialog::Shortcuts),
                };
            }
            UiCommand::ToggleLanguage => {
                let next = match crate::i18n::language() {
                    crate::i18n::Lang::En => crate::i18n::Lang::Zh,
                    crate::i18n::Lang::Zh => crate::i18n::Lang::En,
                };
                self.apply(ctx, UiCommand::SetLanguage(next));
            }
            UiCommand::SetLanguage(lang) => {
                crate::i18n::set_language(lang);
                self.memory.language = Some(lang);
            }
            UiCommand::ToggleTheme => {
                let dark = ctx.theme() == egui::Theme::Dark;
                ctx.set_theme(if dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            UiCommand::Quit => self.apply_session(Command::Quit),
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
            let focus = self.focus_note.take();
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
                    notes_panel::ui(ui, &self.session, state, out)
                });
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

    /// The recap of the talk and the notes, in the UI's language, highlights quoted.
    fn recap_text(&self, slides: bool) -> String {
        let session = &self.session;
        let options = crate::recap::RecapOptions {
            skip_cards_without_notes: false,
            language: crate::i18n::language(),
            rehearsal_times: self.memory.recap_rehearsal,
        };
        let quote = |note: &crate::notes::Note| session.highlight_text(note);
        let placed = session.placed();
        if slides {
            crate::recap::marp_deck_with(session.talk(), &placed, &options, quote)
        } else {
            crate::recap::markdown_with(session.talk(), &placed, &options, quote)
        }
    }

    fn apply_session(&mut self, command: Command) {
        let talk = std::sync::Arc::clone(self.session.talk_shared());
        if let Some(effect) = self.session.apply(command) {
            self.worker.run(effect);
        }
        if let Some(note) = self.session.created_note() {
            self.focus_note = Some(note);
        }
        if !std::sync::Arc::ptr_eq(&talk, self.session.talk_shared()) {
            self.talk_opened(None);
        }
        if self.session.conflict() && self.dialog.is_none() {
            self.dialog = Some(Dialog::Conflict);
        }
        if self.session.recovery_offered() && self.dialog.is_none() {
            self.dialog = Some(Dialog::OfferRecovery);
        }
        self.remember_notes_file();
        if self.session.may_close() && !self.closing {
            self.closing = true;
            self.worker
                .ctx()
                .send_viewport_cmd(egui::ViewportCommand::Close);
        }
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

    /// A file dropped on the window: a `.json` file is notes, anything else a talk.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.first().map(|f| f.path().to_path_buf()) {
            let is_notes = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
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
        while self.worker.is_busy() {
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
}

impl eframe::App for TalkdeckApp {
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::frames::painted(raw_input);
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
        keys::read(ctx, mode, &mut self.commands);
        if let Some(presenter) = &self.presenter {
            presenter.take_audience_commands(&mut self.commands);
        }
        self.apply_commands(ctx);
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
        crate::startup::first_frame();
        let ctx = ui.ctx().clone();
        let mut out = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            menu_bar::ui(ui, &self.session, &self.memory.recent_talks, &mut out)
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

/// Opens the window on what the command line asked for (see [`crate::launch`]).
pub fn run_window(plan: crate::launch::Plan) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("talkdeck")
            .with_app_id(crate::APP_ID)
            .with_icon(window_icon())
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        // eframe keeps its state under the app id; talkdeck's stays where it always was.
        persistence_path: eframe::storage_dir("talkdeck").map(|dir| dir.join("app.ron")),
        // The bundled font covers Chinese; fonts::install adds a guarded system fallback.
        system_font_fallback: false,
        renderer: renderer::choose(),
        ..Default::default()
    };
    eframe::run_native(
        "talkdeck",
        options,
        Box::new(|cc| {
            let recent: Vec<PathBuf> = cc
                .storage
                .and_then(|s| eframe::get_value::<Memory>(s, MEMORY_KEY))
                .map(|memory| memory.recent_talks)
                .unwrap_or_default();
            // Reads talk files only for a notes file given alone, to find its talk.
            let mut launch = plan.resolve(&recent);
            launch.session.set_recovery_dir(recovery_dir());
            let mut app = TalkdeckApp::new(cc, launch.session, launch.notes);
            if let Err(e) = signals::forward(cc.egui_ctx.clone(), app.worker.sender()) {
                log::warn!("signals will end talkdeck without saving: {e}");
            }
            if let Some(notice) = launch.notice {
                app.show_launch_notice(notice);
            }
            Ok(Box::new(app))
        }),
    )
}

/// The icon the window manager and task bar show (`assets/icons/`, drawn for talkdeck).
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/talkdeck-256.png"))
        .expect("the bundled icon is a valid PNG")
}

/// `<data dir>/talkdeck/recovery`, created if needed; `None` where there is no data folder.
fn recovery_dir() -> Option<PathBuf> {
    let dir = directories::ProjectDirs::from("", "", "talkdeck")?
        .data_dir()
        .join("recovery");
    match std::fs::create_dir_all(&dir) {
        Ok(()) => Some(dir),
        Err(e) => {
            log::warn!("no recovery folder at {}: {e}", dir.display());
            None
        }
    }
}
