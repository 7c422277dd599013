//! How long a text takes to say: the estimate behind a card's length, a transcript's
//! missing times, the topic segmentation and the rehearsal budgets.

use super::text::is_han;
use std::time::Duration;

/// Chinese is read aloud at about 250 characters a minute.
const HAN_PER_MINUTE: f64 = 250.0;
/// English at about 140 words a minute.
const WORDS_PER_MINUTE: f64 = 140.0;

/// About how long `text` takes to say: Han characters at 250 a minute, words of other
/// scripts at 140 a minute.
pub fn speaking_time(text: &str) -> Duration {
    let han = text.chars().filter(|&c| is_han(c)).count() as f64;
    let words = text
        .split(|c: char| c.is_whitespace() || is_han(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as f64;
    Duration::from_secs_f64(60.0 * (han / HAN_PER_MINUTE + words / WORDS_PER_MINUTE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaking_time_counts_han_and_words() {
        assert_eq!(speaking_time(&"字".repeat(250)), Duration::from_secs(60));
        let english = "the lesson is simple ".repeat(35);
        assert_eq!(speaking_time(&english), Duration::from_secs(60));
        let mixed = format!("{}{}", "模型".repeat(125), " Scaling Law".repeat(70));
        assert_eq!(speaking_time(&mixed), Duration::from_secs(120));
        assert_eq!(speaking_time(""), Duration::ZERO);
    }

    /// The same Han as the rest of the app: the extensions past the Supplementary
    /// Ideographic Plane's compatibility block (Extension G and H in the Tertiary
    /// plane) are read at the Han pace too.
    #[test]
    fn every_extension_of_han_is_said_at_the_han_pace() {
        // U+30000 (Extension G) and U+31350 (Extension H).
        let rare = "\u{30000}\u{31350}".repeat(125);
        assert_eq!(speaking_time(&rare), Duration::from_secs(60));
    }
}
