//! Opening the real window: its options, its icon, where unsaved notes are kept.

use super::*;

/// Opens the window on what the command line asked for (see [`crate::launch`]).
pub fn run_window(plan: crate::launch::Plan) -> eframe::Result {
    let mut options = eframe::NativeOptions {
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
    crate::platform::skip_unchanged_frames(&mut options);
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

/// `<data dir>/talkdeck/recovery`, created if needed, without the temporary files of
/// recovery writes a crash interrupted; `None` where there is no data folder.
fn recovery_dir() -> Option<PathBuf> {
    let dir = directories::ProjectDirs::from("", "", "talkdeck")?
        .data_dir()
        .join("recovery");
    match std::fs::create_dir_all(&dir) {
        Ok(()) => {
            crate::atomic::sweep_temp_files(&dir, crate::atomic::STALE_TEMP_AGE);
            Some(dir)
        }
        Err(e) => {
            log::warn!("no recovery folder at {}: {e}", dir.display());
            None
        }
    }
}
