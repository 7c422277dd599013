use std::process::ExitCode;

fn main() -> ExitCode {
    talkdeck::startup::begin();
    talkdeck::ui::init_local_offset();
    talkdeck::cli::run(talkdeck::cli::parse())
}
