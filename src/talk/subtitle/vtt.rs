//! WebVTT (YouTube's rolling auto-captions included): the `WEBVTT` header, optional cue
//! identifiers, `00:01.000 --> 00:04.000 align:start`, `NOTE`/`STYLE`/`REGION` blocks.
//! Read by the state machine it shares with SRT (`super::read_cues`).

use super::super::formats::{Reader, head};
use super::{Reading, SubtitleError, read_cues};

pub(crate) const READER: Reader = Reader {
    name: "WebVTT",
    extensions: &["vtt", "webvtt"],
    sniff,
    read,
};

fn sniff(text: &str) -> bool {
    head(text).trim_start().starts_with("WEBVTT")
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    Ok(read_cues(text, true))
}
