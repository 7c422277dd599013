//! Work that must not block a frame: file I/O and native file dialogs run on other
//! threads and come back as queued commands, with a repaint to pick them up.

use super::{PathPurpose, UiCommand};
use crate::session::{Command, Effect};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Picks a path for a purpose, starting from a suggestion. The app uses the native
/// dialog; tests put in their own so no dialog ever opens there.
pub trait PathPicker: Send + Sync {
    fn pick(&self, purpose: PathPurpose, start: &Path) -> Option<PathBuf>;
}

/// The native file dialog (rfd). Without a desktop portal or zenity it answers `None` at
/// once, which is why the in-window path field is always there too.
pub struct NativePicker;

impl PathPicker for NativePicker {
    fn pick(&self, purpose: PathPurpose, start: &Path) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
        if let Some(dir) = start.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = start.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        let dialog = match purpose {
            PathPurpose::SaveNotesAs | PathPurpose::OpenNotes => {
                dialog.add_filter("talkdeck notes", &["json"])
            }
            PathPurpose::MergeNotes => dialog.add_filter("notes", &["json", "jsonld", "pdfpc"]),
            PathPurpose::Export(format) => dialog.add_filter(format.name(), &[format.extension()]),
            PathPurpose::ExportRecap | PathPurpose::ExportDeck(_) => {
                dialog.add_filter("Markdown", &["md"])
            }
            PathPurpose::ExportAnnotations => {
                dialog.add_filter("W3C Web Annotation", &["jsonld", "json"])
            }
            PathPurpose::ImportAnnotations => {
                dialog.add_filter("W3C, Hypothesis, pdfpc", &["jsonld", "json", "pdfpc"])
            }
            PathPurpose::OpenTalk => dialog,
        };
        if purpose.writes() {
            dialog.save_file()
        } else {
            dialog.pick_file()
        }
    }
}

pub struct Worker {
    ctx: egui::Context,
    /// The jobs. Their outcomes carry typed errors, worded in the window when shown, so
    /// the I/O thread needs no language.
    effects: Sender<Effect>,
    results: Receiver<UiCommand>,
    results_tx: Sender<UiCommand>,
    picker: Arc<dyn PathPicker>,
    pending: usize,
}

impl Worker {
    /// Starts the I/O thread. Effects run one at a time, in order, so two saves can
    /// never land out of order.
    pub fn new(ctx: egui::Context) -> Self {
        let (effects, effect_rx) = channel::<Effect>();
        let (results_tx, results) = channel();
        let tx = results_tx.clone();
        let repaint = ctx.clone();
        std::thread::Builder::new()
            .name("talkdeck-io".into())
            .spawn(move || {
                for effect in effect_rx {
                    let outcome = effect.run();
                    if tx.send(UiCommand::Session(Command::Done(outcome))).is_err() {
                        break;
                    }
                    repaint.request_repaint();
                }
            })
            .expect("spawning the I/O thread");
        Self {
            ctx,
            effects,
            results,
            results_tx,
            picker: Arc::new(NativePicker),
            pending: 0,
        }
    }

    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Where other threads send commands for the next frame.
    pub fn sender(&self) -> Sender<UiCommand> {
        self.results_tx.clone()
    }

    pub fn set_picker(&mut self, picker: Arc<dyn PathPicker>) {
        self.picker = picker;
    }

    pub fn run(&mut self, effect: Effect) {
        self.pending += 1;
        if let Err(err) = self.effects.send(effect) {
            // The I/O thread is gone (it only ends with the app): run inline rather than lose the work.
            let _ = self
                .results_tx
                .send(UiCommand::Session(Command::Done(err.0.run())));
        }
    }

    /// Opens the picker on its own thread; its answer comes back as [`UiCommand::UsePath`].
    pub fn pick_path(&self, purpose: PathPurpose, start: PathBuf) {
        let (picker, tx, ctx) = (
            self.picker.clone(),
            self.results_tx.clone(),
            self.ctx.clone(),
        );
        std::thread::spawn(move || {
            if let Some(path) = picker.pick(purpose, &start) {
                let _ = tx.send(UiCommand::UsePath(purpose, path));
                ctx.request_repaint();
            }
        });
    }

    /// Finds each card's keywords on its own thread (jieba's dictionary takes a while to
    /// load, and the first frame must not wait for it).
    pub fn find_keywords(&mut self, talk: Arc<crate::talk::Talk>) {
        self.pending += 1;
        let (tx, ctx) = (self.results_tx.clone(), self.ctx.clone());
        std::thread::spawn(move || {
            let keywords = crate::talk::KeywordExtractor::new().talk_keywords(&talk, 5);
            let _ = tx.send(UiCommand::KeywordsFound(talk.fingerprint.clone(), keywords));
            ctx.request_repaint();
        });
    }

    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// Waits until something finishes or `deadline` passes; what finished (nothing when
    /// the deadline passed or nothing was running).
    pub fn wait(&mut self, deadline: std::time::Instant) -> Vec<UiCommand> {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match self.results.recv_timeout(left) {
            Ok(first) => {
                let mut done = vec![first];
                done.extend(self.results.try_iter());
                self.count_finished(&done);
                done
            }
            Err(_) => Vec::new(),
        }
    }

    /// What finished since the last frame.
    pub fn poll(&mut self) -> Vec<UiCommand> {
        let done: Vec<UiCommand> = self.results.try_iter().collect();
        self.count_finished(&done);
        done
    }

    fn count_finished(&mut self, done: &[UiCommand]) {
        let finished = done
            .iter()
            .filter(|c| {
                matches!(
                    c,
                    UiCommand::Session(Command::Done(_)) | UiCommand::KeywordsFound(..)
                )
            })
            .count();
        self.pending = self.pending.saturating_sub(finished);
    }
}
