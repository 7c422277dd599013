//! The floor talkdeck's startup is measured against: an eframe window with one label,
//! logging its first frame the same way (`RUST_LOG=talkdeck=info cargo run --release
//! --example bare`).

fn main() -> eframe::Result {
    talkdeck::startup::mark();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_ui_native("bare", options, |ui, _frame| {
        talkdeck::startup::first_frame();
        egui::CentralPanel::default().show(ui, |ui| ui.label("bare"));
    })
}
