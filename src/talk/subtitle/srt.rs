//! SRT (SubRip): numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines, a blank
//! line. Read by the state machine it shares with WebVTT (`super::read_cues`).

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{Reading, SubtitleError, parse_timing, read_cues};

pub(crate) const READER: Reader = Reader {
    name: "SRT",
    extensions: &["srt"],
    sniff,
    read,
};

/// A cue number, then a timing line.
fn sniff(text: &str) -> bool {
    let mut lines = head(text).lines().map(clean).filter(|l| !l.is_empty());
    let (Some(first), Some(second)) = (lines.next(), lines.next()) else {
        return false;
    };
    first.bytes().all(|b| b.is_ascii_digit()) && parse_timing(second).is_some()
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    Ok(read_cues(text, false))
}
