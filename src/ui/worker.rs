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
            PathPurpose::Export(format) => {
                let (kind, extensions) = format.spec().filter;
                dialog.add_filter(kind, extensions)
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
    /// Jobs started and not yet back.
    pending: usize,
    /// What waits for the first frame to be shown (see [`Worker::after_first_frame()`]).
    after_first_frame: Vec<WaitingTask>,
}

/// Work held back until the first frame is shown.
type WaitingTask = Box<dyn FnOnce(&mut Worker)>;

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
            after_first_frame: Vec::new(),
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

    /// Runs an effect off the UI thread: the notes' I/O on the I/O thread, in order; an
    /// export on a thread of its own (see [`Effect::runs_apart`]).
    pub fn run(&mut self, effect: Effect) {
        self.pending += 1;
        if effect.runs_apart() {
            self.background(move || UiCommand::Session(Command::Done(effect.run())));
            return;
        }
        if let Err(err) = self.effects.send(effect) {
            // The I/O thread is gone (it only ends with the app): run inline rather than lose the work.
            let _ = self
                .results_tx
                .send(UiCommand::Session(Command::Done(err.0.run())));
        }
    }

    /// Makes an export of `snapshot` on its own thread and puts it on the clipboard
    /// ([`UiCommand::Copy`]).
    pub fn copy_export(
        &mut self,
        format: crate::export::Format,
        snapshot: crate::export::Snapshot,
    ) {
        self.pending += 1;
        self.background(move || UiCommand::Copy(snapshot.render(format)));
    }

    /// Runs `job` on a thread named `talkdeck-export` and sends what it gives back, with a
    /// repaint to pick it up. The caller has counted it in `pending`.
    fn background(&mut self, job: impl FnOnce() -> UiCommand + Send + 'static) {
        let (tx, ctx) = (self.results_tx.clone(), self.ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("talkdeck-export".into())
            .spawn(move || {
                let _ = tx.send(job());
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            // Nothing will come back: the window must not wait for it.
            log::error!("could not start a thread for an export: {e}");
            self.pending = self.pending.saturating_sub(1);
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

    /// Finds each card's keywords on its own thread, once the window has shown its first
    /// frame: jieba's dictionary takes a while to load, and on a machine with two cores
    /// it would take the CPU the first frame needs (see the start-up figures in the
    /// README).
    pub fn find_keywords(&mut self, talk: Arc<crate::talk::Talk>) {
        self.after_first_frame(move |worker| worker.start_keywords(talk));
    }

    /// Runs `task` (on the UI thread, so it should only start something) in the first
    /// [`Self::poll`] after the first frame is shown; a task queued later runs in the
    /// next one.
    pub fn after_first_frame(&mut self, task: impl FnOnce(&mut Worker) + 'static) {
        self.after_first_frame.push(Box::new(task));
        self.ctx.request_repaint();
    }

    fn start_keywords(&mut self, talk: Arc<crate::talk::Talk>) {
        self.pending += 1;
        let (tx, ctx) = (self.results_tx.clone(), self.ctx.clone());
        std::thread::spawn(move || {
            let keywords = crate::talk::KeywordExtractor::new().talk_keywords(&talk, 5);
            hand_back_free_heap();
            let _ = tx.send(UiCommand::KeywordsFound(talk.fingerprint.clone(), keywords));
            ctx.request_repaint();
        });
    }

    /// True while work started off the UI thread has not come back, or waits to start.
    pub fn is_busy(&self) -> bool {
        self.is_running() || !self.after_first_frame.is_empty()
    }

    /// True while work started off the UI thread has not come back.
    pub fn is_running(&self) -> bool {
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

    /// What finished since the last frame; call once per pass (it also starts the work
    /// that waits for the first frame to be shown).
    pub fn poll(&mut self) -> Vec<UiCommand> {
        // Frames are painted one after another, so a second one means the first is on
        // screen.
        if self.ctx.cumulative_frame_nr() > 0 {
            for task in std::mem::take(&mut self.after_first_frame) {
                task(self);
            }
        } else if !self.after_first_frame.is_empty() {
            self.ctx.request_repaint();
        }
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
                    UiCommand::Session(Command::Done(_))
                        | UiCommand::KeywordsFound(..)
                        | UiCommand::Copy(_)
                )
            })
            .count();
        self.pending = self.pending.saturating_sub(finished);
    }
}

/// Gives the heap freed by a job back to the system, which glibc would otherwise keep
/// for the life of the process: finding a talk's keywords (loading jieba's dictionary
/// the first time) leaves about 6 MiB of it.
fn hand_back_free_heap() {
    // SAFETY: malloc_trim only hands back memory that is free.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    /// One frame of a headless egui, polling the worker the way `App::logic` does.
    fn frame(ctx: &egui::Context, worker: &mut Worker) -> Vec<UiCommand> {
        let mut polled = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| polled = worker.poll());
        // Nothing paints here, so the font atlas is never uploaded.
        output.textures_delta.clear();
        polled
    }

    #[test]
    fn keywords_and_warm_ups_wait_for_the_first_frame_to_be_shown() {
        let ctx = egui::Context::default();
        let mut worker = Worker::new(ctx.clone());
        let talk = Arc::clone(crate::session::Session::seed().opened_talk());
        worker.find_keywords(Arc::clone(&talk));
        let warmed = Rc::new(Cell::new(false));
        let flag = Rc::clone(&warmed);
        worker.after_first_frame(move |_| flag.set(true));

        frame(&ctx, &mut worker);
        assert!(!worker.is_running(), "jieba started during the first frame");
        assert!(!warmed.get(), "a warm-up ran during the first frame");
        assert!(
            worker.is_busy(),
            "the waiting keywords are work still to do"
        );
        assert!(
            ctx.has_requested_repaint(),
            "nothing would bring the second frame"
        );

        frame(&ctx, &mut worker);
        assert!(worker.is_running());
        assert!(warmed.get());
        let deadline = Instant::now() + Duration::from_secs(60);
        let done = worker.wait(deadline);
        let Some(UiCommand::KeywordsFound(fingerprint, keywords)) = done.first() else {
            panic!("expected the keywords, got {done:?}");
        };
        assert_eq!(fingerprint, &talk.fingerprint);
        assert_eq!(keywords.len(), talk.cards.len());
        assert!(keywords.iter().any(|k| !k.is_empty()));
        assert!(!worker.is_busy());
    }
}
