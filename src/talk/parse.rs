//! Plain-text transcripts and articles → a deck of cards.

use super::Talk;

pub fn parse_text(_text: &str) -> Talk {
    todo!()
}
