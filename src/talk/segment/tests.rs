use super::*;

fn unit(text: &str) -> Unit<'_> {
    Unit {
        text,
        start: None,
        end: None,
        sentence_end: true,
    }
}

const SLEEP: &str = "Sleep matters for memory, and deep sleep moves the memory of the day into long term storage while we sleep at night.";
const SOIL: &str = "Garden soil on old city lots needs testing, and raised garden beds keep vegetables away from polluted soil in the garden.";

#[test]
fn cuts_where_the_vocabulary_changes() {
    let texts: Vec<&str> = std::iter::repeat_n(SLEEP, 12)
        .chain(std::iter::repeat_n(SOIL, 12))
        .collect();
    let units: Vec<Unit<'_>> = texts.iter().map(|t| unit(t)).collect();
    assert_eq!(segment(&units, false), [0, 12]);
}

#[test]
fn never_cuts_inside_a_sentence() {
    let texts: Vec<&str> = std::iter::repeat_n(SLEEP, 12)
        .chain(std::iter::repeat_n(SOIL, 12))
        .collect();
    let mut units: Vec<Unit<'_>> = texts.iter().map(|t| unit(t)).collect();
    units[11].sentence_end = false;
    let starts = segment(&units, false);
    assert!(!starts.contains(&12), "{starts:?}");
    assert!(starts.iter().all(|&s| s == 0 || units[s - 1].sentence_end));
}

#[test]
fn short_text_is_one_card_and_no_card_is_one_short_line() {
    assert_eq!(segment(&[unit(SLEEP), unit(SOIL)], false), [0]);
    assert!(segment(&[], false).is_empty());
    let texts: Vec<&str> = std::iter::repeat_n(SLEEP, 12)
        .chain(["Thanks."])
        .chain(std::iter::repeat_n(SOIL, 12))
        .collect();
    let units: Vec<Unit<'_>> = texts.iter().map(|t| unit(t)).collect();
    let starts = segment(&units, false);
    let seconds = durations(&units);
    let mut ends: Vec<usize> = starts[1..].to_vec();
    ends.push(units.len());
    for (s, e) in starts.iter().zip(ends) {
        let d: f64 = seconds[*s..e].iter().sum();
        assert!(d >= MIN_SECONDS, "card {s}..{e} lasts {d} s");
    }
}

#[test]
fn chinese_words_come_from_jieba_without_stop_words() {
    let w = words("我们的城市在空地上开始建社区花园", true);
    assert!(w.contains(&"城市".to_string()), "{w:?}");
    assert!(w.contains(&"花园".to_string()), "{w:?}");
    assert!(!w.contains(&"我们".to_string()), "{w:?}");
}

#[test]
fn english_words_are_stemmed() {
    assert_eq!(words("Gardens gardening", false), ["garden", "garden"]);
}
