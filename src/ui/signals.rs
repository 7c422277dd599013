//! The signals a desktop sends are close requests: SIGTERM (logout, shutdown, `kill`),
//! SIGHUP (the terminal closed) and SIGINT (Ctrl+C). Each becomes [`Command::Exit`]: the
//! notes are saved (to the recovery file where their own file cannot take them), then the
//! window closes and the app exits with status 0. A second signal ends the app at once:
//! saves are atomic, so that can cost the last changes but never a torn file.

use super::UiCommand;
use crate::session::Command;
use std::sync::mpsc::Sender;

#[cfg(unix)]
pub fn forward(ctx: egui::Context, commands: Sender<UiCommand>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("talkdeck-signals".into())
        .spawn(move || {
            for (count, signal) in signals.forever().enumerate() {
                if count > 0 {
                    log::warn!("signal {signal} again: ending now");
                    std::process::exit(128 + signal);
                }
                log::info!("signal {signal}: saving the notes, then closing");
                if commands.send(Command::Exit.into()).is_err() {
                    std::process::exit(128 + signal);
                }
                ctx.request_repaint();
            }
        })?;
    Ok(())
}

/// Elsewhere the window's own close request does the same job.
#[cfg(not(unix))]
pub fn forward(_ctx: egui::Context, _commands: Sender<UiCommand>) -> std::io::Result<()> {
    Ok(())
}
