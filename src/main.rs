use std::process::ExitCode;

fn main() -> ExitCode {
    talkdeck::startup::mark();
    talkdeck::ui::init_local_offset();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    talkdeck::cli::run(talkdeck::cli::parse())
}
