//! The one way the kittests open the real app: `TalkdeckApp` on a session, in a window
//! of the given size, speaking English whatever the machine's locale.
//!
//! Each test file that drives the window says `mod common;`; a file uses what it needs
//! of this, hence the `dead_code` allowance.
#![allow(dead_code)]

use egui_kittest::Harness;
use std::path::PathBuf;
use talkdeck::i18n::Lang;
use talkdeck::session::Session;
use talkdeck::ui::{TalkdeckApp, UiCommand};

/// The window everyone sees first.
pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// The app on `session` (with `notes` to open), not yet run. Scrolling the speaker
/// notes to the cursor animates for a few frames, hence 12 steps a run.
pub fn app(
    session: Session,
    notes: Option<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, TalkdeckApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |cc| TalkdeckApp::new(cc, session, notes));
    harness.state_mut().push(UiCommand::SetLanguage(Lang::En));
    harness
}

/// The app on `session`, run until its file I/O has come back and the UI is still.
pub fn settled(
    session: Session,
    notes: Option<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, TalkdeckApp> {
    let mut harness = app(session, notes, size);
    settle(&mut harness);
    harness
}

/// Runs frames until the app's file I/O has come back and the UI is still.
pub fn settle(harness: &mut Harness<'static, TalkdeckApp>) {
    for _ in 0..500 {
        let still = harness.try_run().is_ok();
        if still && !harness.state().is_busy() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the app did not settle: file I/O pending or repainting forever");
}
