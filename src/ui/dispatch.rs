//! Applying the window's commands: the one place a key, a button, a menu item and a
//! test's command all end up.

use super::*;

impl TalkdeckApp {
    /// Applies one command of the window: a session command goes to the session (and its
    /// I/O to the worker), the others change the window.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: UiCommand) {
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
                let command = purpose.command(path, self.export_options());
                self.apply_session(command);
            }
            UiCommand::KeywordsFound(fingerprint, keywords) => {
                if fingerprint == self.session.talk().fingerprint {
                    self.keywords = keywords;
                }
            }
            UiCommand::RenameCurrent => {
                if let Some(card) = self.session.current_card() {
                    self.overview.close();
                    self.title_editor = Some(card_title::TitleEditor::start(&card.id, &card.title));
                }
            }
            UiCommand::ToggleStarCurrent => {
                if let Some(card) = self.session.current_card() {
                    self.apply_session(Command::ToggleStar(card.id.clone()));
                }
            }
            UiCommand::CopyRecap => {
                let snapshot = self.session.snapshot(self.export_options());
                self.worker
                    .copy_export(crate::export::Format::Recap, snapshot);
            }
            UiCommand::Copy(text) => ctx.copy_text(text),
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
            UiCommand::FocusNote(id) => self.focus_note = Some((id, FOCUS_TRIES)),
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
            UiCommand::ToggleSingleLetterKeys => {
                self.memory.single_letter_keys = !self.memory.single_letter_keys;
                keys::set_single_letter_keys(ctx, self.memory.single_letter_keys);
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
}
