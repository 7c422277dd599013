//! talkdeck: turn a talk into slide-like cards and keep your own notes on them.
//!
//! The model (`talk`, `notes`, `session`) has no egui in it; `ui` is a thin layer of
//! views over a [`session::Session`], and every user action is a [`session::Command`].

pub mod anchor;
pub(crate) mod atomic;
pub mod cli;
pub mod display_bound;
pub mod exchange;
pub mod export;
pub mod frames;
pub(crate) mod fuzzy;
pub(crate) mod history;
pub mod i18n;
pub mod launch;
pub mod notes;
pub mod placement;
pub(crate) mod platform;
pub(crate) mod readfile;
pub(crate) mod readings;
pub mod rehearsal;
pub mod search;
pub mod session;
pub mod startup;
pub mod talk;
pub(crate) mod textfile;
pub mod ui;

/// The talk that ships inside the binary, so `talkdeck` with no arguments opens it.
pub const SEED_TALK: &str = include_str!("../seeds/000_187f639e31b962a3.txt");
/// The name the embedded talk goes by in messages and the window title.
pub const SEED_NAME: &str = "000_187f639e31b962a3.txt";
/// The id the desktop knows talkdeck by: the window's app id (Wayland) and class (X11), the
/// `.desktop` file's and the AppStream metadata's name in `packaging/`, and the icon's.
pub const APP_ID: &str = "io.github.talkdeck.Talkdeck";
