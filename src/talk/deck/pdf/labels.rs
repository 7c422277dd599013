//! Page labels (PDF 32000-1, 12.4.2): the numbers a document prints on its pages (`i`,
//! `ii`, then `1`, `2`; an appendix `A-1`), from the catalog's `/PageLabels` number
//! tree. Each range gives a style (decimal, roman, letters, or none), a prefix and a first
//! number; a page takes the range that starts at or before it.

use super::text_string;
use hayro::hayro_syntax::object::{Array, Dict};

/// How deep a number tree is followed, and how many ranges are kept: a real document has
/// a handful; a broken or hostile one must not make us walk for ever.
const MAX_DEPTH: usize = 8;
const MAX_RANGES: usize = 10_000;

/// One range of labels.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    start: usize,
    style: Option<u8>,
    prefix: String,
    first: i64,
}

/// The label of each of `pages` pages; `None` for every page when the document has no
/// labels (its pages are then known by their numbers).
pub fn page_labels(catalog: &Dict<'_>, pages: usize) -> Vec<Option<String>> {
    let mut ranges = Vec::new();
    if let Some(tree) = catalog.get::<Dict<'_>>(b"PageLabels") {
        collect(&tree, 0, &mut ranges);
    }
    ranges.sort_by_key(|r| r.start);
    (0..pages)
        .map(|page| {
            let range = ranges.iter().rev().find(|r| r.start <= page)?;
            let offset = i64::try_from(page - range.start).unwrap_or(i64::MAX);
            Some(label(range, range.first.saturating_add(offset)))
        })
        .collect()
}

fn collect(node: &Dict<'_>, depth: usize, out: &mut Vec<Range>) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(nums) = node.get::<Array<'_>>(b"Nums") {
        let mut items = nums.flex_iter();
        while out.len() < MAX_RANGES {
            let Some(start) = items.next::<usize>() else {
                break;
            };
            let Some(dict) = items.next::<Dict<'_>>() else {
                break;
            };
            out.push(Range {
                start,
                style: dict
                    .get::<hayro::hayro_syntax::object::Name<'_>>(b"S")
                    .and_then(|n| n.as_ref().first().copied()),
                prefix: dict
                    .get::<hayro::hayro_syntax::object::String<'_>>(b"P")
                    .map(|s| text_string(s.as_bytes()))
                    .unwrap_or_default(),
                first: dict.get::<i64>(b"St").filter(|&n| n >= 1).unwrap_or(1),
            });
        }
    }
    if let Some(kids) = node.get::<Array<'_>>(b"Kids") {
        for kid in kids.iter::<Dict<'_>>() {
            if out.len() >= MAX_RANGES {
                break;
            }
            collect(&kid, depth + 1, out);
        }
    }
}

fn label(range: &Range, n: i64) -> String {
    let number = match range.style {
        Some(b'D') => n.to_string(),
        Some(b'R') => roman(n).to_uppercase(),
        Some(b'r') => roman(n),
        Some(b'A') => letters(n).to_uppercase(),
        Some(b'a') => letters(n),
        _ => String::new(),
    };
    format!("{}{number}", range.prefix)
}

/// `4` → `iv`; numbers past 3999 (no roman numeral) stay in digits.
fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const DIGITS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    out
}

/// `1` → `a`, `26` → `z`, `27` → `aa`, `28` → `bb` (the letter repeated, as the standard
/// says); bounded, so a huge first number gives digits instead.
fn letters(n: i64) -> String {
    if !(1..=26 * 100).contains(&n) {
        return n.to_string();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_style() {
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(1994), "mcmxciv");
        assert_eq!(roman(4000), "4000");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(27), "aa");
        assert_eq!(letters(28), "bb");
        let range = Range {
            start: 0,
            style: Some(b'D'),
            prefix: "A-".into(),
            first: 1,
        };
        assert_eq!(label(&range, 3), "A-3");
        let range = Range {
            style: None,
            prefix: "Title".into(),
            ..range
        };
        assert_eq!(label(&range, 3), "Title");
    }
}
