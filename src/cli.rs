//! The command line: open the window on a talk, or print a talk's deck; its help, man
//! page and shell completions all come from the one clap definition below, worded in
//! the system's language (`assets/i18n/*.ftl`).

use crate::export::{Format, RecapOptions, Snapshot};
use crate::t;
use crate::talk::{self, CardKind, Talk};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueHint};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

// The help texts are set by `localize` from the message files, not by doc comments here.
#[derive(Debug, Parser)]
#[command(name = "talkdeck", version)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Subcommands>,
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    files: Vec<PathBuf>,
    #[arg(long, value_name = "NOTES.json", value_hint = ValueHint::FilePath)]
    notes: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Subcommands {
    Outline {
        #[arg(value_hint = ValueHint::FilePath)]
        talk: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Recap {
        #[arg(value_hint = ValueHint::FilePath)]
        talk: PathBuf,
        #[arg(long, value_name = "NOTES.json", value_hint = ValueHint::FilePath)]
        notes: Option<PathBuf>,
        #[arg(short, long, value_name = "OUT.md", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        /// `--deck` alone is a Marp deck, as before reveal.js decks were written.
        #[arg(
            long,
            value_enum,
            value_name = "TOOL",
            num_args = 0..=1,
            require_equals = true,
            default_missing_value = "marp"
        )]
        deck: Option<DeckTool>,
        #[arg(long)]
        skip_empty: bool,
        #[arg(long, value_enum, default_value = "en")]
        lang: RecapLang,
        #[arg(long)]
        rehearsal: bool,
    },
    Export {
        #[arg(value_hint = ValueHint::FilePath)]
        talk: PathBuf,
        #[arg(long, value_name = "NOTES.json", value_hint = ValueHint::FilePath)]
        notes: PathBuf,
        /// Any format of [`crate::export::FORMATS`], by its name.
        #[arg(long, value_name = "FORMAT", value_parser = export_format())]
        to: Format,
        #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "en")]
        lang: RecapLang,
    },
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Hidden: packaging/deb.sh runs it to make the man pages it installs.
    #[command(hide = true)]
    Man {
        #[arg(value_hint = ValueHint::DirPath)]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RecapLang {
    En,
    Zh,
}

/// Which tool `talkdeck recap --deck` writes the deck for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DeckTool {
    Marp,
    Reveal,
}

impl From<DeckTool> for Format {
    fn from(tool: DeckTool) -> Self {
        match tool {
            DeckTool::Marp => Self::Marp,
            DeckTool::Reveal => Self::Reveal,
        }
    }
}

/// What `talkdeck export --to` takes: the name of any export in
/// [`crate::export::FORMATS`], so a new export is on the command line with its row.
fn export_format() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    let names = crate::export::FORMATS.iter().map(|spec| spec.name);
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| Format::named(&name).expect("clap took only the formats' names"))
}

impl From<RecapLang> for crate::i18n::Lang {
    fn from(lang: RecapLang) -> Self {
        match lang {
            RecapLang::En => Self::En,
            RecapLang::Zh => Self::Zh,
        }
    }
}

/// The shells `talkdeck completions` writes for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The command line's definition with every text in the current language: `--help`,
/// the man page and the completions' descriptions are made from it.
pub fn command() -> clap::Command {
    let help = |key: &str| match key {
        "files" => t!("cli-files"),
        "notes" => t!("cli-notes"),
        "talk" => t!("cli-talk"),
        "json" => t!("cli-outline-json"),
        "output" => t!("cli-recap-output"),
        "deck" => t!("cli-recap-deck"),
        "skip_empty" => t!("cli-recap-skip-empty"),
        "lang" => t!("cli-recap-lang"),
        "rehearsal" => t!("cli-recap-rehearsal"),
        "shell" => t!("cli-completions-shell"),
        "to" => t!("cli-export-to"),
        "dir" => t!("cli-man-dir"),
        _ => String::new(),
    };
    let localize = |cmd: clap::Command, about: String| {
        let cmd = cmd
            .about(about)
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
                t!("cli-usage")
            ))
            .subcommand_help_heading(t!("cli-commands"))
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(t!("cli-help")),
            );
        cmd.mut_args(|arg| {
            let heading = if arg.is_positional() {
                t!("cli-arguments")
            } else {
                t!("cli-options")
            };
            let text = help(arg.get_id().as_str());
            let arg = arg.help_heading(heading);
            if text.is_empty() { arg } else { arg.help(text) }
        })
    };
    let cmd = Cli::command()
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli-version")),
        );
    let cmd = localize(cmd, t!("cli-about"));
    let subcommands = [
        ("outline", t!("cli-outline")),
        ("recap", t!("cli-recap")),
        ("export", t!("cli-export")),
        ("completions", t!("cli-completions")),
        ("man", t!("cli-man")),
    ];
    subcommands
        .into_iter()
        .fold(cmd, |cmd, (name, about)| {
            cmd.mut_subcommand(name, |sub| localize(sub, about))
        })
        // `recap --notes` and `export --notes` are the notes to read, not to open.
        .mut_subcommand("recap", |sub| {
            sub.mut_arg("notes", |arg| arg.help(t!("cli-recap-notes")))
        })
        .mut_subcommand("export", |sub| {
            sub.mut_arg("notes", |arg| arg.help(t!("cli-recap-notes")))
                .mut_arg("output", |arg| arg.help(t!("cli-export-output")))
                .mut_arg("lang", |arg| arg.help(t!("cli-export-lang")))
        })
}

/// Reads the command line, in the system's language; `--help`, `--version` and usage
/// errors print and exit here (usage errors with status 2).
pub fn parse() -> Cli {
    crate::i18n::set_language(crate::i18n::Lang::from_system());
    let matches = command().after_help(t!("cli-exit-status")).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Runs what the command line asks for. Errors are one line on stderr and exit code 1,
/// in the system's language.
pub fn run(cli: Cli) -> ExitCode {
    crate::i18n::set_language(crate::i18n::Lang::from_system());
    let result = match cli.command {
        Some(Subcommands::Outline { talk, json }) => outline(&talk, json),
        Some(Subcommands::Recap {
            talk,
            notes,
            output,
            deck,
            skip_empty,
            lang,
            rehearsal,
        }) => {
            let options = RecapOptions {
                skip_cards_without_notes: skip_empty,
                language: lang.into(),
                rehearsal_times: rehearsal,
            };
            let format = deck.map_or(Format::Recap, Into::into);
            export(format, &talk, notes.as_deref(), output.as_deref(), options)
        }
        Some(Subcommands::Export {
            talk,
            notes,
            to,
            output,
            lang,
        }) => {
            let options = RecapOptions {
                language: lang.into(),
                ..RecapOptions::default()
            };
            export(to, &talk, Some(&notes), output.as_deref(), options)
        }
        Some(Subcommands::Completions { shell }) => completions(shell),
        Some(Subcommands::Man { dir }) => man_pages(&dir),
        None => window(&cli.files, cli.notes),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("talkdeck: {message}");
            ExitCode::FAILURE
        }
    }
}

fn window(files: &[PathBuf], notes: Option<PathBuf>) -> Result<(), String> {
    let plan = crate::launch::plan(files, notes).map_err(|e| e.to_string())?;
    crate::ui::run_window(plan).map_err(|e| format!("could not open a window: {e}"))
}

/// `talkdeck recap` and `talkdeck export`: the talk and the notes (none when `notes` is
/// `None`; any format [`crate::exchange::read_notes`] takes) in `format`, to stdout or
/// atomically to `-o`. Errors name the file.
fn export(
    format: Format,
    talk: &std::path::Path,
    notes: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
    options: RecapOptions,
) -> Result<(), String> {
    let snapshot = Snapshot::from_files(talk, notes, options)?;
    let text = snapshot.render(format);
    match output {
        Some(path) => crate::export::write_atomically(path, &text),
        None => print_all(text.as_bytes(), format.name()),
    }
}

fn completions(shell: Shell) -> Result<(), String> {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "talkdeck", &mut out);
    print_all(&out, "completions")
}

/// `talkdeck.1` and one page per command (`talkdeck-recap.1` …), written into `dir`.
fn man_pages(dir: &std::path::Path) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: cannot write the man pages: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut cmd = command();
    cmd.build();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        clap_mangen::Man::new(sub.clone())
            .generate_to(dir)
            .map_err(failed)?;
    }
    let mut page = Vec::new();
    main_man_page(cmd, &mut page).map_err(failed)?;
    std::fs::write(dir.join("talkdeck.1"), page).map_err(failed)
}

/// clap_mangen's sections, with the exit status where man pages keep it.
fn main_man_page(cmd: clap::Command, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd);
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    man.render_options_section(w)?;
    man.render_subcommands_section(w)?;
    roff::Roff::new()
        .control("SH", ["EXIT STATUS"])
        .text([roff::roman(t!("cli-exit-status"))])
        .to_writer(w)?;
    man.render_version_section(w)
}

fn print_all(bytes: &[u8], what: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|e| format!("cannot print the {what}: {e}")),
    }
}

fn outline(path: &std::path::Path, json: bool) -> Result<(), String> {
    let loaded = talk::load_talk(path).map_err(|e| e.to_string())?;
    // Skipped subtitle cues, named by line, on stderr (the outline stays clean).
    for notice in &loaded.notices {
        eprintln!("talkdeck: {}: {notice}", path.display());
    }
    let keywords = talk::KeywordExtractor::new();
    let text = if json {
        outline_json(&loaded.talk, loaded.encoding, &keywords)
    } else {
        outline_text(&loaded.talk, &keywords)
    };
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{text}") {
        // `talkdeck outline … | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|e| format!("cannot print the outline: {e}")),
    }
}

/// The deck as scripts see it: `body` is the slide's Markdown (empty for a transcript's
/// cards), `notes` the speaker notes, paragraphs joined by newlines;
/// `est_seconds` the estimated speaking time (the talk's is the sum of the cards').
#[derive(Serialize)]
struct OutlineJson<'a> {
    title: &'a str,
    speaker: &'a str,
    role: &'a str,
    event: &'a str,
    date: &'a str,
    source: &'a str,
    author: &'a str,
    /// SHA-256 of the talk text, as notes files record it.
    fingerprint: &'a str,
    /// The encoding the file was in (`UTF-8`, `GBK`, `UTF-16LE` ...).
    encoding: &'a str,
    est_seconds: u64,
    cards: Vec<OutlineCard<'a>>,
}

#[derive(Serialize)]
struct OutlineCard<'a> {
    id: &'a str,
    kind: CardKind,
    number: Option<u32>,
    title: &'a str,
    key_points: &'a [String],
    keywords: Vec<String>,
    est_seconds: u64,
    body: &'a str,
    notes: String,
    /// Where the card starts and ends in the recording, in seconds; `null` for a talk
    /// without times.
    start: Option<f64>,
    end: Option<f64>,
    /// Where each paragraph of `notes` starts (`null` each, without times).
    paragraph_starts: Vec<Option<f64>>,
    /// Who speaks in each paragraph of `notes` when it is a speaker turn (`张三：…`),
    /// `null` where it is none.
    paragraph_speakers: Vec<Option<&'a str>>,
    /// The title was taken from the card's text (the talk had no heading there).
    auto_title: bool,
    /// A slide the deck hides from the show (PowerPoint's "Hide Slide").
    hidden: bool,
}

pub fn outline_json(talk: &Talk, encoding: &str, keywords: &talk::KeywordExtractor) -> String {
    // Whole seconds, rounded; the talk's total is the sum of the cards'.
    let seconds = |c: &talk::Card| c.speaking_time().as_secs_f64().round() as u64;
    let cards: Vec<OutlineCard<'_>> = talk
        .cards
        .iter()
        .zip(keywords.talk_keywords(talk, 5))
        .map(|(c, keywords)| OutlineCard {
            id: &c.id,
            kind: c.kind,
            number: c.number,
            title: &c.title,
            key_points: &c.key_points,
            keywords,
            est_seconds: seconds(c),
            body: &c.body,
            notes: c.paragraphs.join("\n"),
            start: c.time.map(|t| t.start),
            end: c.time.map(|t| t.end),
            paragraph_starts: (0..c.paragraphs.len())
                .map(|i| c.paragraph_starts.get(i).copied())
                .collect(),
            paragraph_speakers: (0..c.paragraphs.len()).map(|i| c.speaker(i)).collect(),
            auto_title: c.auto_title,
            hidden: c.hidden,
        })
        .collect();
    let outline = OutlineJson {
        title: &talk.title,
        speaker: &talk.speaker,
        role: &talk.role,
        event: &talk.event,
        date: &talk.date,
        source: &talk.source,
        author: &talk.author,
        fingerprint: &talk.fingerprint,
        encoding,
        est_seconds: cards.iter().map(|c| c.est_seconds).sum(),
        cards,
    };
    serde_json::to_string_pretty(&outline).expect("the outline is plain strings and numbers")
}

pub fn outline_text(talk: &Talk, keywords: &talk::KeywordExtractor) -> String {
    use crate::rehearsal::clock;
    use std::time::Duration;
    let mut out = format!("{}\n", talk.title);
    let facts = [
        &talk.speaker,
        &talk.role,
        &talk.event,
        &talk.date,
        &talk.source,
    ];
    let facts: Vec<&str> = facts
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    if !facts.is_empty() {
        out.push_str(&format!("{}\n", facts.join(" · ")));
    }
    let card_seconds: Vec<u64> = talk
        .cards
        .iter()
        .map(|c| c.speaking_time().as_secs_f64().round() as u64)
        .collect();
    let total: u64 = card_seconds.iter().sum();
    out.push_str(&format!(
        "Speaking time: about {}\n",
        clock(Duration::from_secs(total))
    ));
    let card_keywords = keywords.talk_keywords(talk, 5);
    for (i, card) in talk.cards.iter().enumerate() {
        let number = card.number.map(|n| format!("{n}. ")).unwrap_or_default();
        out.push_str(&format!(
            "\n[{}/{}] {:?} {number}{}  ({})\n",
            i + 1,
            talk.cards.len(),
            card.kind,
            card.title,
            match card.time_range() {
                Some(range) => format!("{range}, {}", clock(Duration::from_secs(card_seconds[i]))),
                None => clock(Duration::from_secs(card_seconds[i])),
            }
        ));
        if card.hidden {
            out.push_str("  (a hidden slide)\n");
        }
        for point in &card.key_points {
            out.push_str(&format!("  • {point}\n"));
        }
        let words = &card_keywords[i];
        if !words.is_empty() {
            out.push_str(&format!("  keywords: {}\n", words.join(", ")));
        }
        out.push_str(&format!(
            "  ({} paragraphs of speaker notes)\n",
            card.paragraphs.len()
        ));
    }
    out
}
