//! The command line: open the window on a talk, or print a talk's deck.

use crate::session::Session;
use crate::talk::{self, CardKind, Talk};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "talkdeck",
    version,
    about = "Turn a talk into slide-like cards and keep your notes on them"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Subcommands>,
    /// A talk to open (a transcript or article); the embedded talk when omitted.
    talk: Option<PathBuf>,
    /// A notes file to open with it; created on first save if it does not exist.
    #[arg(long, value_name = "NOTES.json")]
    notes: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Subcommands {
    /// Print the deck a talk makes, without opening a window.
    Outline {
        talk: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a Markdown recap of a talk and its notes (stdout without -o).
    Recap {
        talk: PathBuf,
        /// The notes file (talkdeck notes JSON).
        #[arg(long, value_name = "NOTES.json")]
        notes: Option<PathBuf>,
        /// Write to this file instead of stdout (atomically).
        #[arg(short, long, value_name = "OUT.md")]
        output: Option<PathBuf>,
        /// A Marp/reveal.js slide deck instead of a document.
        #[arg(long)]
        deck: bool,
        /// Leave out cards without notes.
        #[arg(long)]
        skip_empty: bool,
        /// The language of the recap's own headings.
        #[arg(long, value_enum, default_value = "en")]
        lang: RecapLang,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RecapLang {
    En,
    Zh,
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
        }) => {
            let language = match lang {
                RecapLang::En => crate::recap::Lang::En,
                RecapLang::Zh => crate::recap::Lang::Zh,
            };
            let options = crate::recap::RecapOptions {
                skip_cards_without_notes: skip_empty,
                language,
            };
            crate::recap::run_recap_with(&talk, notes.as_deref(), output.as_deref(), deck, &options)
        }
        None => window(cli.talk, cli.notes),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("talkdeck: {message}");
            ExitCode::FAILURE
        }
    }
}

fn window(talk: Option<PathBuf>, notes: Option<PathBuf>) -> Result<(), String> {
    let session = match talk {
        Some(path) => Session::open(path).map_err(|e| e.to_string())?,
        None => Session::seed(),
    };
    crate::ui::run_window(session, notes).map_err(|e| format!("could not open a window: {e}"))
}

fn outline(path: &std::path::Path, json: bool) -> Result<(), String> {
    let loaded = talk::load_talk(path).map_err(|e| e.to_string())?;
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
            clock(Duration::from_secs(card_seconds[i]))
        ));
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
