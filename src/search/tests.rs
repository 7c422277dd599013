use super::*;
use crate::notes::NotesDoc;
use crate::placement::Placed;
use crate::talk::{Card, CardKind, Talk, parse_text};
use proptest::prelude::*;
use time::OffsetDateTime;

const NOW: OffsetDateTime = OffsetDateTime::UNIX_EPOCH;

fn seed() -> Talk {
    parse_text(crate::SEED_TALK)
}

/// The text a hit's field holds.
fn field_text<'a>(talk: &'a Talk, notes: &'a NotesDoc, hit: &Hit) -> &'a str {
    let card = &talk.cards[hit.card_index];
    assert_eq!(card.id, hit.card_id);
    match hit.field {
        Field::Title => &card.title,
        Field::KeyPoint(i) => &card.key_points[i],
        Field::SpeakerNotes { paragraph } => &card.paragraphs[paragraph],
        Field::Note { note_id } => {
            let note = notes.notes(&card.id).iter().find(|n| n.id == note_id);
            &note.expect("the note is on the card").text
        }
        Field::Tag { note_id, tag } => {
            let note = notes.notes(&card.id).iter().find(|n| n.id == note_id);
            &note.expect("the note is on the card").tags[tag]
        }
    }
}

fn matched<'a>(talk: &'a Talk, notes: &'a NotesDoc, hit: &Hit) -> &'a str {
    &field_text(talk, notes, hit)[hit.range.0..hit.range.1]
}

/// The order fields come in within a card (notes in their order on the card).
fn field_rank(notes: &NotesDoc, card_id: &str, field: Field) -> (usize, usize, usize) {
    let note_pos = |id: Uuid| {
        notes
            .notes(card_id)
            .iter()
            .position(|n| n.id == id)
            .expect("note on the card")
    };
    match field {
        Field::Title => (0, 0, 0),
        Field::KeyPoint(i) => (1, i, 0),
        Field::SpeakerNotes { paragraph } => (2, paragraph, 0),
        Field::Note { note_id } => (3, note_pos(note_id), 0),
        Field::Tag { note_id, tag } => (3, note_pos(note_id), 1 + tag),
    }
}

fn assert_ordered(notes: &NotesDoc, hits: &[Hit]) {
    for pair in hits.windows(2) {
        let key = |h: &Hit| {
            (
                h.card_index,
                field_rank(notes, &h.card_id, h.field),
                h.range.0,
            )
        };
        assert!(key(&pair[0]) < key(&pair[1]), "out of order: {pair:#?}");
    }
}

fn seed_with_notes() -> (Talk, NotesDoc, Uuid, Uuid) {
    let talk = seed();
    let mut notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let a = notes.add(
        "obs-1",
        "推理阶段的 Scaling 才刚开始。\n第二行:test-time compute",
        NOW,
    );
    notes.set_tags(a, &["推理".into(), "Scaling Law".into()], NOW);
    let b = notes.add("closing", "AGI 奇点?再想想", NOW);
    notes.set_tags(b, &["agi".into()], NOW);
    // A note on a card the talk does not have: not searchable (no card to go to).
    notes.add("obs-99", "规模效应 orphan", NOW);
    (talk, notes, a, b)
}

#[test]
fn chinese_query_finds_title_and_key_point() {
    let talk = seed();
    let notes = NotesDoc::default();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let hits = index.search("规模效应");
    assert!(!hits.is_empty());
    assert_ordered(&notes, &hits);
    for hit in &hits {
        assert_eq!(matched(&talk, &notes, hit), "规模效应");
    }
    let obs1 = talk.card_index("obs-1").unwrap();
    assert_eq!(hits[0].card_index, obs1);
    assert_eq!(hits[0].card_id, "obs-1");
    assert_eq!(hits[0].field, Field::Title);
    let title = &talk.cards[obs1].title;
    assert_eq!(hits[0].range.0, title.find("规模效应").unwrap());
    assert!(
        hits.iter()
            .any(|h| h.card_index == obs1 && matches!(h.field, Field::KeyPoint(_))),
        "{hits:#?}"
    );
}

#[test]
fn chinese_query_across_cards_in_card_order() {
    let talk = seed();
    let notes = NotesDoc::default();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let hits = index.search("自主智能");
    assert_ordered(&notes, &hits);
    let cards: Vec<&str> = hits.iter().map(|h| h.card_id.as_str()).collect();
    // The talk's title (title card), the sixth observation's title and key points.
    assert_eq!(cards[0], "title");
    assert!(cards.contains(&"obs-6"));
    let obs6 = talk.card_index("obs-6").unwrap();
    assert!(
        hits.iter()
            .any(|h| h.card_index == obs6 && h.field == Field::Title)
    );
    let key_points = hits
        .iter()
        .filter(|h| h.card_index == obs6 && matches!(h.field, Field::KeyPoint(_)))
        .count();
    // "…一个自主智能的世界" and "…有自主决策…所谓自主智能的世界".
    assert_eq!(key_points, 2);
    // Each occurrence is its own hit: count them all by hand.
    let expected: usize = talk
        .cards
        .iter()
        .map(|c| {
            c.title.matches("自主智能").count()
                + c.key_points
                    .iter()
                    .chain(&c.paragraphs)
                    .map(|t| t.matches("自主智能").count())
                    .sum::<usize>()
        })
        .sum();
    assert_eq!(hits.len(), expected);
}

#[test]
fn english_is_case_insensitive_and_keeps_original_offsets() {
    let talk = seed();
    let notes = NotesDoc::default();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let hits = index.search("scaling law");
    assert!(hits.len() > 5);
    for hit in &hits {
        assert!(
            matched(&talk, &notes, hit).eq_ignore_ascii_case("scaling law"),
            "{hit:?}"
        );
    }
    assert!(
        hits.iter()
            .any(|h| matched(&talk, &notes, h) == "Scaling Law")
    );
    assert_eq!(index.search("SCALING LAW").len(), hits.len());
    // Runs of whitespace in the query count as one space; the ends are trimmed.
    assert_eq!(index.search("  Scaling \t  law ").len(), hits.len());
}

#[test]
fn notes_and_tags_are_found_after_the_talk_fields_of_their_card() {
    let (talk, notes, a, b) = seed_with_notes();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let obs1 = talk.card_index("obs-1").unwrap();

    let hits = index.search("scaling");
    assert_ordered(&notes, &hits);
    let on_obs1: Vec<Field> = hits
        .iter()
        .filter(|h| h.card_index == obs1)
        .map(|h| h.field)
        .collect();
    let n = on_obs1.len();
    assert_eq!(
        on_obs1[n - 2..],
        [
            Field::Note { note_id: a },
            Field::Tag { note_id: a, tag: 1 }
        ]
    );
    assert!(matches!(on_obs1[0], Field::Title));

    let hits = index.search("TEST-TIME");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, Field::Note { note_id: a });
    assert_eq!(matched(&talk, &notes, &hits[0]), "test-time");

    let hits = index.search("推理");
    assert!(hits.contains_tag(a, 0));

    let hits = index.search("AGI");
    let closing = talk.card_index("closing").unwrap();
    let tag = hits
        .iter()
        .find(|h| h.field == Field::Tag { note_id: b, tag: 0 })
        .expect("the tag is found");
    assert_eq!(tag.card_index, closing);
    assert_eq!(tag.snippet, "agi");
    assert!(hits.iter().any(|h| h.field == Field::Note { note_id: b }));

    // Notes on a card the talk does not have are not searched.
    assert!(index.search("orphan").is_empty());
}

trait HitsExt {
    fn contains_tag(&self, note: Uuid, tag: usize) -> bool;
}

impl HitsExt for Vec<Hit> {
    fn contains_tag(&self, note_id: Uuid, tag: usize) -> bool {
        self.iter().any(|h| h.field == Field::Tag { note_id, tag })
    }
}

#[test]
fn update_notes_sees_edits() {
    let (talk, mut notes, a, _) = seed_with_notes();
    let mut index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    assert!(index.search("量子").is_empty());
    notes.set_text(a, "量子计算也要看看", NOW);
    index.update_notes(&talk, &Placed::new(&talk, &notes, None));
    let hits = index.search("量子");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, Field::Note { note_id: a });
    assert!(index.search("test-time").is_empty());
    // The talk is still there.
    assert!(!index.search("规模效应").is_empty());
}

#[test]
fn snippets_have_context_on_char_boundaries() {
    let talk = seed();
    let notes = NotesDoc::default();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let hits = index.search("指数级");
    assert!(!hits.is_empty());
    for hit in &hits {
        let text = field_text(&talk, &notes, hit);
        let (s, e) = hit.snippet_range;
        assert_eq!(&hit.snippet[s..e], &text[hit.range.0..hit.range.1]);
        let before = text[..hit.range.0].chars().count();
        let after = text[hit.range.1..].chars().count();
        let shown_before = hit.snippet[..s].trim_start_matches('…').chars().count();
        let shown_after = hit.snippet[e..].trim_end_matches('…').chars().count();
        assert_eq!(shown_before, before.min(SNIPPET_CONTEXT));
        assert_eq!(shown_after, after.min(SNIPPET_CONTEXT));
        assert_eq!(hit.snippet.starts_with('…'), before > SNIPPET_CONTEXT);
        assert_eq!(hit.snippet.ends_with('…'), after > SNIPPET_CONTEXT);
    }
}

#[test]
fn snippet_exact() {
    let text = "一二三四五六七八九十一二三四五六七八九十一二三 Scaling Law 甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸子丑";
    let start = text.find("Scaling").unwrap();
    let end = start + "Scaling Law".len();
    let (snippet, (s, e)) = snippet(text, start, end);
    assert_eq!(
        snippet,
        "…五六七八九十一二三四五六七八九十一二三 Scaling Law 甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬…"
    );
    assert_eq!(&snippet[s..e], "Scaling Law");
    // Short text: no ellipsis; line breaks shown as spaces.
    let (snippet, (s, e)) = super::snippet("a\nB c", 2, 3);
    assert_eq!(snippet, "a B c");
    assert_eq!((s, e), (2, 3));
}

#[test]
fn empty_and_odd_queries_do_not_panic() {
    let (talk, notes, _, _) = seed_with_notes();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    for q in ["", " ", "\n\t\u{3000}", "\u{0}", "…", "\u{307}"] {
        let hits = index.search(q);
        if q.trim().is_empty() {
            assert!(hits.is_empty(), "{q:?}");
        }
        for hit in &hits {
            assert_eq!(fold(matched(&talk, &notes, hit)), fold_query(q));
        }
    }
    let long = crate::SEED_TALK.repeat(2);
    assert!(index.search(&long).is_empty());
    assert!(match_ranges("短", "长长长长").is_empty());
    assert!(match_ranges("", "x").is_empty());
    assert!(match_ranges("x", "").is_empty());
    let empty = SearchIndex::new(
        &parse_text(""),
        &Placed::new(&parse_text(""), &NotesDoc::default(), None),
    );
    assert!(empty.search("x").is_empty());
    assert!(SearchIndex::default().search("x").is_empty());
}

#[test]
fn search_limited_keeps_the_first_hits() {
    let (talk, notes, _, _) = seed_with_notes();
    let index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let all = index.search("的");
    assert!(all.len() > 50);
    let some = index.search_limited("的", 10);
    assert_eq!(some[..], all[..10]);
    assert!(index.search_limited("的", 0).is_empty());
}

#[test]
fn match_ranges_unicode_folding() {
    // İ lowercases to two characters (i + combining dot): a match must cover all of it.
    let text = "İstanbul, ISTANBUL";
    assert_eq!(match_ranges(text, "i̇stanbul"), vec![0..9]);
    assert_eq!(match_ranges(text, "İSTANBUL"), vec![0..9]);
    assert_eq!(match_ranges(text, "istanbul"), vec![11..19]);
    assert_eq!(match_ranges(text, "stanbul"), vec![2..9, 12..19]);
    // Half of İ's fold is not a match.
    assert!(match_ranges(text, "\u{307}").is_empty());
    // The Kelvin sign (3 bytes) folds to k (1 byte); offsets stay in the original.
    let kelvin = "5 \u{212a}elvin or 5 kelvin";
    assert_eq!(match_ranges(kelvin, "KELVIN"), vec![2..10, 16..22]);
    // Greek: Σ and ς are different letters after per-character folding.
    assert_eq!(match_ranges("ΟΔΟΣ οδος", "οδοσ"), vec![0..8]);
    // Whitespace runs, newlines and the ideographic space count as one space.
    let text = "Scaling\n\n  Law and scaling\u{3000}law";
    assert_eq!(match_ranges(text, "scaling law"), vec![0..14, 19..32]);
    // Full-width letters fold to full-width lowercase, not to ASCII.
    assert_eq!(match_ranges("ＡＩ 与 AI", "ａｉ"), vec![0..6]);
    // A character whose case changes its byte length, followed by a match.
    let text = "ȺȺ abc"; // Ⱥ (2 bytes) lowercases to ⱥ (3 bytes).
    assert_eq!(match_ranges(text, "abc"), vec![5..8]);
    assert_eq!(match_ranges(text, "ⱥⱥ"), vec![0..4]);
}

#[test]
fn overlapping_match_after_a_rejected_one_is_found() {
    // "İi\u{307}i\u{307}" folds to i ◌̇ i ◌̇ i ◌̇ (the first two from İ). The query
    // "◌̇i◌̇" first matches at the ◌̇ inside İ's fold (rejected); the real match two
    // characters later overlaps it, so `match_indices` alone would skip it.
    let text = "İi\u{307}i\u{307}";
    let query = "\u{307}i\u{307}";
    assert_eq!(match_ranges(text, query), vec![3..8]);
    let hits = SearchIndex::new(
        &talk_of(text),
        &Placed::new(&parse_text(""), &NotesDoc::default(), None),
    )
    .search(query);
    assert_eq!(
        hits.iter().map(|h| (h.field, h.range)).collect::<Vec<_>>(),
        [(Field::Title, (3, 8)), (Field::KeyPoint(0), (3, 8))]
    );
    // Also when an earlier rejected match in the same field comes first.
    let text = "İ\u{307}İa";
    let hits = SearchIndex::new(
        &talk_of(text),
        &Placed::new(&parse_text(""), &NotesDoc::default(), None),
    )
    .search("\u{307}");
    assert_eq!(
        hits.iter().map(|h| h.range).collect::<Vec<_>>(),
        [(2, 4), (2, 4)]
    );
}

#[test]
fn caseless_ranges_really_are() {
    let ranges = [
        '\u{3001}'..='\u{A4CF}',
        '\u{AC00}'..='\u{D7A3}',
        '\u{F900}'..='\u{FAFF}',
        '\u{20000}'..='\u{3FFFF}',
    ];
    for range in ranges {
        for c in range {
            assert!(caseless(c));
            assert!(!c.is_whitespace(), "{c:?}");
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }
    assert!(!caseless('\u{3000}'));
    assert!(!caseless('Ａ'));
}

fn talk_of(title: &str) -> Talk {
    Talk {
        title: String::new(),
        speaker: String::new(),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards: vec![Card {
            id: "c".into(),
            kind: CardKind::Observation,
            number: Some(1),
            title: title.to_owned(),
            key_points: vec![title.to_owned()],
            body: String::new(),
            paragraphs: vec![],
            ..Default::default()
        }],
        fingerprint: String::new(),
    }
}

/// Text that stresses folding: case changes of every length, whitespace of every kind.
fn tricky() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'a',
        'A',
        'b',
        'i',
        'I',
        'İ',
        'ı',
        '\u{307}',
        'k',
        'K',
        '\u{212a}',
        'σ',
        'Σ',
        'ς',
        'ß',
        'ẞ',
        'Ⱥ',
        'ⱥ',
        ' ',
        '\n',
        '\t',
        '\u{3000}',
        '\u{a0}',
        '\u{b}',
        '规',
        '模',
        '效',
        '应',
        '…',
        'Ａ',
        'ａ',
        '\u{1f600}',
        '\u{0}',
    ]);
    prop::collection::vec(chars, 0..24).prop_map(|v| v.into_iter().collect())
}

fn check_ranges(text: &str, query: &str, ranges: &[Range<usize>]) {
    let want = fold_query(query);
    let mut last = 0;
    for r in ranges {
        assert!(r.start >= last && r.start < r.end, "{ranges:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert_eq!(fold(&text[r.clone()]), want, "{text:?} {query:?} {r:?}");
        last = r.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_and_query_never_panic(text in "\\PC{0,40}", query in "\\PC{0,6}") {
        let ranges = match_ranges(&text, &query);
        check_ranges(&text, &query, &ranges);
    }

    #[test]
    fn tricky_text_ranges_fold_to_the_query(text in tricky(), query in tricky()) {
        let ranges = match_ranges(&text, &query);
        check_ranges(&text, &query, &ranges);
        let index = SearchIndex::new(&talk_of(&text), &Placed::new(&parse_text(""), &NotesDoc::default(), None));
        let hits = index.search(&query);
        // Each text is searched on its own: title and key point give the same ranges.
        let expected: Vec<(usize, usize)> = ranges.iter().map(|r| (r.start, r.end)).collect();
        let of = |f: Field| hits.iter().filter(|h| h.field == f).map(|h| h.range).collect::<Vec<_>>();
        prop_assert_eq!(of(Field::Title), expected.clone());
        prop_assert_eq!(of(Field::KeyPoint(0)), expected);
        for hit in &hits {
            let (s, e) = hit.snippet_range;
            prop_assert_eq!(
                fold(&hit.snippet[s..e]),
                fold(&text[hit.range.0..hit.range.1])
            );
        }
    }

    #[test]
    fn ascii_matches_like_lowercase_find(text in "[aAbB ]{0,30}", query in "[aAbB]{1,4}") {
        let lower = text.to_ascii_lowercase();
        let q = query.to_ascii_lowercase();
        let naive: Vec<Range<usize>> =
            lower.match_indices(&q).map(|(i, m)| i..i + m.len()).collect();
        prop_assert_eq!(match_ranges(&text, &query), naive);
    }
}

#[test]
fn update_notes_with_another_talk_rebuilds() {
    let (talk, notes, _, _) = seed_with_notes();
    let mut index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let other = talk_of("另一个演讲");
    index.update_notes(
        &other,
        &Placed::new(&parse_text(""), &NotesDoc::default(), None),
    );
    assert!(index.search("规模效应").is_empty());
    assert_eq!(index.search("另一个").len(), 2);
    assert_eq!(index.field_count(), 2);
}

#[test]
fn a_renamed_card_is_found_by_its_new_title_after_an_update() {
    let talk = seed();
    let notes = NotesDoc::new(&talk.title, &talk.fingerprint);
    let mut index = SearchIndex::new(&talk, &Placed::new(&talk, &notes, None));
    let mut titles = std::collections::BTreeMap::new();
    titles.insert(talk.cards[2].id.clone(), "推理阶段的拐点".to_owned());
    let renamed = talk.retitled(&titles);
    assert!(index.search("拐点").iter().all(|h| h.field != Field::Title));
    index.update_notes(&renamed, &Placed::new(&renamed, &notes, None));
    let hits = index.search("拐点");
    assert!(
        hits.iter()
            .any(|h| h.field == Field::Title && h.card_index == 2),
        "{hits:?}"
    );
}
