#!/usr/bin/env python3
"""Scores NLTK's TextTiling (Hearst 1997, `nltk.tokenize.TextTilingTokenizer`: pseudo-
sentences of w = 20 words, blocks of k = 6 of them as in segment-eval's TextTiling, and
NLTK's default k = 10) on the words talkdeck's segmenter sees, against the true sections, with NLTK's
own Pk and WindowDiff, beside the figures of `cargo run --release --example segment-eval`.

    SEGMENT_DUMP=/tmp/seg.jsonl cargo run --release --example segment-eval
    tests/real-tools/nltk_texttiling.py /tmp/seg.jsonl      # needs `pip install nltk`

Each paragraph comes as talkdeck's word ids (`w17 w3 …`: jieba words or Snowball stems,
stop words already out), so both implementations see the same words and paragraph
breaks; k is half the mean true section length in paragraphs, as in segment-eval.
"""
import json
import sys

from nltk.metrics.segmentation import pk, windowdiff
from nltk.tokenize.texttiling import TextTilingTokenizer


def letters(word):
    """`w17` as a word of letters (`rzzzzz`): NLTK's TextTiling drops every character but
    a-z, and counts paragraphs in characters (a break closer than 100 to the last is
    ignored), so each id becomes base-25 letters padded with `z` to a word's length."""
    n, out = int(word[1:]), ""
    while True:
        n, r = divmod(n, 25)
        out += "abcdefghijklmnopqrstuvwxy"[r]
        if n == 0:
            return out + "z" * (6 - len(out))


def labels(starts, n):
    """One character per paragraph: "1" where a section starts (after the first)."""
    return "".join("1" if i in starts and i > 0 else "0" for i in range(n))


def main() -> int:
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    print("talkdeck's cut, scored by NLTK's Pk (a check of segment-eval's own Pk):")
    for row in rows:
        n, truth = len(row["paragraphs"]), row["truth"]
        k = max(1, round(n / len(truth) / 2))
        ref, hyp = labels(set(truth), n), labels(set(row["predicted"]), n)
        print(f"  {row['name']:<28} Pk {pk(ref, hyp, k):.3f} WindowDiff {windowdiff(ref, hyp, k):.3f}")
    for block in (6, 10):
        print(f"NLTK TextTiling, w = 20, k = {block}:")
        score(rows, block)
    return 0


def score(rows, block):
    pks = []
    for row in rows:
        paragraphs, truth = row["paragraphs"], row["truth"]
        n = len(paragraphs)
        k = max(1, round(n / len(truth) / 2))
        words = [" ".join(letters(w) for w in p.split()) or "qqq" for p in paragraphs]
        text = "\n\n".join(words)
        tiler = TextTilingTokenizer(w=20, k=block, stopwords=[])
        try:
            segments = tiler.tokenize(text)
        except ValueError as e:  # too short for its blocks
            print(f"{row['name']}: TextTiling could not run ({e})")
            continue
        # Each segment is a run of whole paragraphs: count where they start.
        starts, at = [], 0
        for seg in segments:
            starts.append(at)
            at += len([p for p in seg.split("\n\n") if p.strip()])
        ref, hyp = labels(set(truth), n), labels(set(starts), n)
        p, w = pk(ref, hyp, k), windowdiff(ref, hyp, k)
        pks.append(p)
        print(f"  {row['name']:<28} sections {len(truth):>2} paragraphs {n:>3} k {k}: "
              f"Pk {p:.3f} WindowDiff {w:.3f} ({len(segments)} segments)")
    if pks:
        print(f"  mean Pk over {len(pks)} talks: {sum(pks) / len(pks):.3f}")


if __name__ == "__main__":
    sys.exit(main())
