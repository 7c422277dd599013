//! How well topic segmentation finds the sections of a talk: talks written with
//! headings (the built-in one and the test fixtures) have their headings removed, their
//! paragraphs are segmented, and the cut is scored against the removed headings with
//! Pk (Beeferman et al. 1999) and WindowDiff (Pevzner & Hearst 2002), k = half the mean
//! true section length, counted in paragraphs. TextTiling (Hearst 1997: blocks of
//! pseudo-sentences, cosine of neighbouring blocks, depth scores, cutoff mean − sd/2,
//! snapped to paragraph breaks) runs on the same paragraphs and words for comparison.
//!
//! `cargo run --release --example segment-eval`

use std::collections::HashMap;
use std::path::Path;
use talkdeck::talk::{self, CardKind, segment};

/// Talks to score: at least three sections (fewer says little about where cuts go), of
/// a minute of speech or more on average.
const MIN_SECTIONS: usize = 3;
const MIN_SECTION_SECONDS: f64 = 60.0;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut talks: Vec<(String, talk::Talk)> = vec![(
        "seed (built-in)".into(),
        talk::parse_text(talkdeck::SEED_TALK),
    )];
    let mut names: Vec<_> = ["tests/fixtures/talks", "tests/fixtures/eval"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("the fixtures folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    names.sort();
    for path in names {
        if let Ok(t) = talk::read_talk(&path) {
            talks.push((path.file_name().unwrap().to_string_lossy().into_owned(), t));
        }
    }
    println!(
        "{:<28} {:>4} {:>5} {:>3} | {:>6} {:>6} | {:>6} {:>6}",
        "talk", "sect", "paras", "k", "Pk", "WD", "TT Pk", "TT WD"
    );
    let (mut ours, mut tiling) = (Vec::new(), Vec::new());
    for (name, t) in &talks {
        let sections: Vec<&talk::Card> = t
            .cards
            .iter()
            .filter(|c| c.kind != CardKind::Title && !c.auto_title && !c.paragraphs.is_empty())
            .collect();
        // Sections shorter than a minute of speech on average are not what topic
        // cards are for (they aim at 2–6 minutes): such talks are left out.
        let seconds: f64 = sections
            .iter()
            .map(|c| c.speaking_time().as_secs_f64())
            .sum();
        if sections.len() < MIN_SECTIONS || seconds / (sections.len() as f64) < MIN_SECTION_SECONDS
        {
            continue;
        }
        let mut texts: Vec<&str> = Vec::new();
        let mut truth: Vec<usize> = Vec::new();
        for c in &sections {
            truth.push(texts.len());
            texts.extend(c.paragraphs.iter().map(String::as_str));
        }
        let n = texts.len();
        let zh = texts
            .iter()
            .map(|t| t.chars().filter(|c| *c > '\u{2e80}').count())
            .sum::<usize>()
            * 2
            > texts.iter().map(|t| t.len()).sum::<usize>() / 3;
        let units: Vec<segment::Unit<'_>> = texts
            .iter()
            .map(|t| segment::Unit {
                text: t,
                start: None,
                end: None,
                sentence_end: true,
            })
            .collect();
        let terms = segment::tokenize(&units, zh);
        let predicted = match params() {
            Some(p) => segment::cut(&units, &segment::durations(&units), &terms, &p),
            None => segment::segment(&units, zh),
        };
        let tt = text_tiling(&terms);
        dump(name, &truth, &predicted, &terms);
        let k = ((n as f64 / truth.len() as f64) / 2.0).round().max(1.0) as usize;
        let (pk_o, wd_o) = (
            pk(&truth, &predicted, n, k),
            window_diff(&truth, &predicted, n, k),
        );
        let (pk_t, wd_t) = (pk(&truth, &tt, n, k), window_diff(&truth, &tt, n, k));
        println!(
            "{:<28} {:>4} {:>5} {:>3} | {:>6.3} {:>6.3} | {:>6.3} {:>6.3}   ({} vs {} cards)",
            name,
            truth.len(),
            n,
            k,
            pk_o,
            wd_o,
            pk_t,
            wd_t,
            predicted.len(),
            tt.len()
        );
        ours.push((pk_o, wd_o));
        tiling.push((pk_t, wd_t));
    }
    let mean = |v: &[(f64, f64)], f: fn(&(f64, f64)) -> f64| {
        v.iter().map(f).sum::<f64>() / v.len().max(1) as f64
    };
    let (po, wo) = (mean(&ours, |x| x.0), mean(&ours, |x| x.1));
    let (pt, wt) = (mean(&tiling, |x| x.0), mean(&tiling, |x| x.1));
    println!(
        "{:<28} {:>4} {:>5} {:>3} | {:>6.3} {:>6.3} | {:>6.3} {:>6.3}",
        format!("mean over {} talks", ours.len()),
        "",
        "",
        "",
        po,
        wo,
        pt,
        wt
    );
    println!(
        "Pk {:.0} % lower than TextTiling (target: mean Pk <= 0.30 and >= 20 % lower)",
        (1.0 - po / pt.max(1e-9)) * 100.0
    );
}

/// `SEGMENT_DUMP=FILE` appends each talk scored, as a JSON line: its name, the true
/// section starts, the segmenter's card starts and each paragraph's words as the segmenter sees them (`w17 w3 …`,
/// stop words out, stems), for scoring another implementation on the same words
/// (`tests/real-tools/nltk_texttiling.py` runs NLTK's TextTiling on them).
fn dump(name: &str, truth: &[usize], predicted: &[usize], terms: &[Vec<u32>]) {
    let Ok(path) = std::env::var("SEGMENT_DUMP") else {
        return;
    };
    let paragraphs: Vec<String> = terms
        .iter()
        .map(|ts| {
            ts.iter()
                .map(|t| format!("w{t}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let line = serde_json::json!({
        "name": name,
        "truth": truth,
        "predicted": predicted,
        "paragraphs": paragraphs,
    });
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .expect("the dump file");
    std::io::Write::write_all(&mut file, format!("{line}\n").as_bytes()).expect("written");
}

/// Other weights to try: `SEGMENT_PARAMS="target,length_weight,pause_bonus"`.
fn params() -> Option<segment::Params> {
    let v: Vec<f64> = std::env::var("SEGMENT_PARAMS")
        .ok()?
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    let [target, length_weight, pause_bonus] = v[..] else {
        return None;
    };
    Some(segment::Params {
        target,
        length_weight,
        pause_bonus,
    })
}

/// Section of each unit, from the start indices of the sections.
fn labels(starts: &[usize], n: usize) -> Vec<usize> {
    let mut out = vec![0; n];
    let mut s = 0;
    for (i, l) in out.iter_mut().enumerate() {
        while s + 1 < starts.len() && starts[s + 1] <= i {
            s += 1;
        }
        *l = s;
    }
    out
}

/// Pk: how often two units k apart are wrongly said to be in the same or different
/// sections.
fn pk(truth: &[usize], hyp: &[usize], n: usize, k: usize) -> f64 {
    if n <= k {
        return 0.0;
    }
    let (t, h) = (labels(truth, n), labels(hyp, n));
    let wrong = (0..n - k)
        .filter(|&i| (t[i] == t[i + k]) != (h[i] == h[i + k]))
        .count();
    wrong as f64 / (n - k) as f64
}

/// WindowDiff: how often a window of k units holds a different number of boundaries.
fn window_diff(truth: &[usize], hyp: &[usize], n: usize, k: usize) -> f64 {
    if n <= k {
        return 0.0;
    }
    let (t, h) = (labels(truth, n), labels(hyp, n));
    let wrong = (0..n - k)
        .filter(|&i| (t[i + k] - t[i]) != (h[i + k] - h[i]))
        .count();
    wrong as f64 / (n - k) as f64
}

/// TextTiling over the units' words: pseudo-sentences of W words, blocks of K of them,
/// cosine similarity at each gap, depth scores, cutoff mean − sd/2, each boundary moved
/// to the nearest paragraph break. Returns the start of each segment.
fn text_tiling(terms: &[Vec<u32>]) -> Vec<usize> {
    const W: usize = 20;
    const K: usize = 6;
    let mut words: Vec<(u32, usize)> = Vec::new(); // (term, unit)
    for (u, ts) in terms.iter().enumerate() {
        words.extend(ts.iter().map(|&t| (t, u)));
    }
    let seqs: Vec<&[(u32, usize)]> = words.chunks(W).collect();
    if seqs.len() < 2 * K.min(seqs.len() / 2).max(1) + 1 {
        return vec![0];
    }
    let count = |s: &[&[(u32, usize)]]| {
        let mut m: HashMap<u32, f64> = HashMap::new();
        for seq in s {
            for &(t, _) in *seq {
                *m.entry(t).or_insert(0.0) += 1.0;
            }
        }
        m
    };
    let gaps = seqs.len() - 1;
    let mut score = vec![0.0; gaps];
    for (g, s) in score.iter_mut().enumerate() {
        let left = count(&seqs[(g + 1).saturating_sub(K)..=g]);
        let right = count(&seqs[g + 1..(g + 1 + K).min(seqs.len())]);
        let dot: f64 = left
            .iter()
            .map(|(t, a)| a * right.get(t).unwrap_or(&0.0))
            .sum();
        let na: f64 = left.values().map(|a| a * a).sum::<f64>().sqrt();
        let nb: f64 = right.values().map(|a| a * a).sum::<f64>().sqrt();
        *s = if na * nb > 0.0 { dot / (na * nb) } else { 0.0 };
    }
    // Depth: how far the score drops from the peaks on both sides.
    let depth: Vec<f64> = (0..gaps)
        .map(|g| {
            let mut l = score[g];
            for &v in score[..g].iter().rev() {
                if v < l {
                    break;
                }
                l = v;
            }
            let mut r = score[g];
            for &v in &score[g + 1..] {
                if v < r {
                    break;
                }
                r = v;
            }
            (l - score[g]) + (r - score[g])
        })
        .collect();
    let mean = depth.iter().sum::<f64>() / gaps as f64;
    let sd = (depth.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / gaps as f64).sqrt();
    let cutoff = mean - sd / 2.0;
    let mut starts = vec![0];
    for g in 0..gaps {
        let local_max =
            (g == 0 || depth[g] >= depth[g - 1]) && (g + 1 == gaps || depth[g] >= depth[g + 1]);
        if depth[g] > cutoff && local_max {
            // The first unit of the next pseudo-sentence, or the one after the unit
            // the gap falls in: the nearest paragraph break.
            let word = (g + 1) * W;
            let (prev_unit, next_unit) = (words[word - 1].1, words[word].1);
            let start = if prev_unit != next_unit {
                next_unit
            } else {
                let first = words.iter().position(|w| w.1 == prev_unit).unwrap_or(0);
                let last = words.iter().rposition(|w| w.1 == prev_unit).unwrap_or(0);
                if word - first < last - word {
                    prev_unit
                } else {
                    prev_unit + 1
                }
            };
            if start > *starts.last().unwrap() && start < terms.len() {
                starts.push(start);
            }
        }
    }
    starts
}
