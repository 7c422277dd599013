//! The floor talkdeck is measured against: an eframe window with one label, on the same
//! renderer (`TALKDECK_RENDERER`), logging its first painted frame and its passes the
//! same way (`RUST_LOG=eframe::paint=info cargo run --release --example bare`;
//! `RUST_LOG=talkdeck::frames=debug` for every frame).

struct Bare;

impl eframe::App for Bare {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        talkdeck::frames::pass_began(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("bare"));
    }
}

fn main() -> eframe::Result {
    talkdeck::startup::begin();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 800.0]),
        renderer: talkdeck::ui::renderer(),
        ..Default::default()
    };
    eframe::run_native("bare", options, Box::new(|_cc| Ok(Box::new(Bare))))
}
