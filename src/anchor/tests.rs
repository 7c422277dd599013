use super::*;
use crate::SEED_TALK;
use crate::talk::parse_text;
use proptest::prelude::*;

/// Re-anchors one highlight against a fresh index of the talk.
fn reanchor(anchor: &Anchor, talk: &Talk) -> Anchoring {
    TalkIndex::new(talk).reanchor(anchor)
}

fn seed() -> Talk {
    parse_text(SEED_TALK)
}

fn card<'a>(talk: &'a Talk, id: &str) -> &'a Card {
    &talk.cards[talk
        .card_index(id)
        .unwrap_or_else(|| panic!("no card {id}"))]
}

/// Char offset of `needle` in a card's notes.
fn char_find(talk: &Talk, id: &str, needle: &str) -> usize {
    let text = notes_text(card(talk, id));
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {id}"));
    text[..byte].chars().count()
}

/// The anchor of `from`'s start up to `to`'s end in a card's notes.
fn anchor_span(talk: &Talk, id: &str, from: &str, to: &str) -> Anchor {
    let start = char_find(talk, id, from);
    let end = char_find(talk, id, to) + to.chars().count();
    make_anchor(card(talk, id), start, end).unwrap()
}

fn anchor_on(talk: &Talk, id: &str, needle: &str) -> Anchor {
    anchor_span(talk, id, needle, needle)
}

fn text_at(talk: &Talk, id: &str, range: Range<usize>) -> String {
    notes_text(card(talk, id))
        .chars()
        .skip(range.start)
        .take(range.len())
        .collect()
}

#[test]
fn make_anchor_keeps_context_within_the_text() {
    let talk = seed();
    let c = card(&talk, "obs-2");
    let a = make_anchor(c, 0, 4).unwrap();
    assert_eq!(a.card_id, "obs-2");
    assert_eq!(a.quote.exact, "如果大家");
    assert_eq!(a.quote.prefix, "");
    assert_eq!(a.quote.suffix.chars().count(), CONTEXT_CHARS);
    assert_eq!(a.position, TextPositionSelector { start: 0, end: 4 });

    let len = notes_text(c).chars().count();
    let a = make_anchor(c, 40, len).unwrap();
    assert_eq!(a.quote.prefix.chars().count(), CONTEXT_CHARS);
    assert_eq!(a.quote.suffix, "");

    assert!(make_anchor(c, 5, 5).is_none());
    assert!(make_anchor(c, 6, 5).is_none());
    assert!(make_anchor(c, 0, len + 1).is_none());
}

#[test]
fn unchanged_talk_anchors_exactly() {
    let talk = seed();
    let anchors: Vec<Anchor> = talk
        .cards
        .iter()
        .flat_map(|c| {
            let len = notes_text(c).chars().count();
            (0..len.saturating_sub(10))
                .step_by(37)
                .filter_map(move |s| make_anchor(c, s, s + 10))
        })
        .collect();
    assert!(anchors.len() > 100);
    let results = anchor_all(&anchors, &talk);
    for (a, r) in anchors.iter().zip(&results) {
        assert_eq!(
            r,
            &Anchoring::Exact {
                card_id: a.card_id.clone(),
                start: a.position.start,
                end: a.position.end
            }
        );
    }
    let summary = AnchorSummary::of(&results);
    assert_eq!(summary.exact, anchors.len());
    assert_eq!(summary.total(), anchors.len());
}

const INSERTED: &str = "这是后来加进来的一段话,用来检验高亮能不能跟着文字一起移动。";

/// The seed with a paragraph inserted into obs-2, a few chars changed in obs-5 and the
/// World Labs paragraph of obs-4 deleted.
fn edited_seed() -> Talk {
    let text = SEED_TALK
        .replacen(
            "首先,大模型实际上是一个新的操作系统",
            &format!("{INSERTED}\n\n首先,大模型实际上是一个新的操作系统"),
            1,
        )
        .replacen("完全是由人来设计的", "全部由人类来设计的", 1);
    let text: String = text
        .split_inclusive('\n')
        .filter(|line| !line.contains("李飞飞创立的公司"))
        .collect();
    let talk = parse_text(&text);
    let ids: Vec<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    let seed_talk = seed();
    let seed_ids: Vec<&str> = seed_talk.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids, seed_ids,
        "the edits must not change the deck's structure"
    );
    talk
}

#[test]
fn edited_talk_reanchors() {
    let old = seed();
    let new = edited_seed();

    // A card without edits: exact.
    let untouched = anchor_on(&old, "obs-1", "Scaling Law的推理性能出现“拐点”");
    // obs-2 before the inserted paragraph: same place, though its suffix changed.
    let before = anchor_on(&old, "obs-2", "如果大家去年听过我的演讲的话");
    // Right after the inserted paragraph (prefix changed) and further down.
    let after = anchor_on(&old, "obs-2", "大模型实际上是一个新的操作系统");
    let further = anchor_on(&old, "obs-2", "英伟达过去两年快速成长");
    // Three chars changed inside.
    let edited = anchor_span(&old, "obs-5", "传统机器人的模型", "进行人工设计");
    // Its paragraph is gone.
    let deleted = anchor_span(&old, "obs-4", "李飞飞创立的公司", "三维世界");

    let anchors = [
        untouched.clone(),
        before.clone(),
        after.clone(),
        further.clone(),
        edited.clone(),
        deleted,
    ];
    let results = anchor_all(&anchors, &new);

    let shift = INSERTED.chars().count() + 1;
    let same = |a: &Anchor| a.position.start..a.position.end;
    let moved = |a: &Anchor| a.position.start + shift..a.position.end + shift;
    assert!(
        matches!(results[0], Anchoring::Exact { .. }),
        "{:?}",
        results[0]
    );
    assert_eq!(results[0].range(), Some(same(&untouched)));
    assert!(
        matches!(results[1], Anchoring::Exact { .. }),
        "{:?}",
        results[1]
    );
    assert_eq!(results[1].range(), Some(same(&before)));
    for (r, a) in [(&results[2], &after), (&results[3], &further)] {
        assert!(matches!(r, Anchoring::Moved { .. }), "{r:?}");
        assert_eq!(r.card_id(), Some("obs-2"));
        assert_eq!(r.range(), Some(moved(a)));
        assert_eq!(text_at(&new, "obs-2", moved(a)), a.quote.exact);
    }

    let Anchoring::Fuzzy {
        card_id,
        start,
        end,
        score,
    } = &results[4]
    else {
        panic!("expected fuzzy, got {:?}", results[4]);
    };
    assert_eq!(card_id, "obs-5");
    let want_start = char_find(&new, "obs-5", "传统机器人的模型");
    let want_end = char_find(&new, "obs-5", "进行人工设计") + "进行人工设计".chars().count();
    assert_eq!((*start, *end), (want_start, want_end));
    assert!(
        text_at(&new, "obs-5", *start..*end).contains("全部由人类来设计的"),
        "{}",
        text_at(&new, "obs-5", *start..*end)
    );
    assert!(*score > 0.9 && *score < 1.0, "{score}");
    assert_eq!(edited.quote.exact.chars().count(), end - start);

    assert_eq!(results[5], Anchoring::Orphaned);
    assert_eq!(
        AnchorSummary::of(&results),
        AnchorSummary {
            exact: 2,
            moved: 2,
            fuzzy: 1,
            orphaned: 1
        }
    );
}

#[test]
fn quote_without_card_is_found_anywhere() {
    let talk = seed();
    let mut a = anchor_span(&talk, "obs-4", "李飞飞创立的公司", "三维世界");
    let want = a.position.start..a.position.end;
    a.card_id.clear();
    a.position = TextPositionSelector::default();
    let r = reanchor(&a, &talk);
    assert!(matches!(r, Anchoring::Moved { .. }), "{r:?}");
    assert_eq!(r.card_id(), Some("obs-4"));
    assert_eq!(r.range(), Some(want.clone()));

    // A card that no longer exists: same, and so is a bare quote with no context.
    a.card_id = "obs-99".into();
    a.quote.prefix.clear();
    a.quote.suffix.clear();
    assert_eq!(reanchor(&a, &talk).range(), Some(want));
}

#[test]
fn quote_moved_to_another_card_is_found_there() {
    let old = seed();
    let a = anchor_on(&old, "obs-6", "从而将Copilot变成“AutoPilot”");
    let mut new = old.clone();
    let i = new.card_index("obs-6").unwrap();
    let moved_para = new.cards[i].paragraphs.remove(3);
    let j = new.card_index("closing").unwrap();
    new.cards[j].paragraphs.insert(1, moved_para);
    let r = reanchor(&a, &new);
    assert!(matches!(r, Anchoring::Moved { .. }), "{r:?}");
    assert_eq!(r.card_id(), Some("closing"));
    assert_eq!(text_at(&new, "closing", r.range().unwrap()), a.quote.exact);
}

#[test]
fn context_picks_between_repeated_quotes() {
    let talk = seed();
    // "多模态大模型" occurs several times in obs-4; shift the text so the old position
    // no longer holds it and check that the right occurrence is chosen.
    let c = card(&talk, "obs-4");
    let text = notes_text(c);
    let occurrences = matcher::find_exact(&text, "多模态大模型");
    assert!(occurrences.len() >= 2);
    let start = occurrences[1];
    let a = make_anchor(c, start, start + 6).unwrap();
    let mut new = talk.clone();
    let i = new.card_index("obs-4").unwrap();
    new.cards[i].paragraphs.insert(0, "多模态大模型!".into());
    let r = reanchor(&a, &new);
    assert!(matches!(r, Anchoring::Moved { .. }), "{r:?}");
    assert_eq!(r.range(), Some(start + 8..start + 14));
}

#[test]
fn position_only_anchor() {
    let talk = seed();
    let a = Anchor {
        card_id: "obs-1".into(),
        quote: TextQuoteSelector::default(),
        position: TextPositionSelector { start: 2, end: 5 },
    };
    assert!(matches!(
        reanchor(&a, &talk),
        Anchoring::Exact {
            start: 2,
            end: 5,
            ..
        }
    ));
    let far = Anchor {
        position: TextPositionSelector {
            start: 2,
            end: 100_000,
        },
        ..a
    };
    assert_eq!(reanchor(&far, &talk), Anchoring::Orphaned);
}

#[test]
fn anchoring_serializes_with_a_status() {
    let r = Anchoring::Fuzzy {
        card_id: "obs-1".into(),
        start: 1,
        end: 3,
        score: 0.5,
    };
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::json!({"status": "fuzzy", "cardId": "obs-1", "start": 1, "end": 3, "score": 0.5})
    );
    let a = make_anchor(card(&seed(), "title"), 0, 3).unwrap();
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["cardId"], "title");
    assert_eq!(serde_json::from_value::<Anchor>(v).unwrap(), a);
}

/// A random edit of a card's notes outside `keep` (char range), returning the new text
/// and how far the kept range moved.
fn edit_outside(
    text: &[char],
    keep: Range<usize>,
    at: f64,
    insert: &str,
    delete: usize,
) -> (String, isize) {
    let before = keep.start + 1; // positions 0..=keep.start
    let after = text.len() - keep.end + 1; // positions keep.end..=len
    let pick = ((before + after) as f64 * at) as usize % (before + after);
    let (pos, limit) = if pick < before {
        (pick, keep.start)
    } else {
        (keep.end + pick - before, text.len())
    };
    let del_end = (pos + delete).min(limit);
    let mut out: String = text[..pos].iter().collect();
    out.push_str(insert);
    out.extend(&text[del_end..]);
    let shift = if pos <= keep.start && pick < before {
        insert.chars().count() as isize - (del_end - pos) as isize
    } else {
        0
    };
    (out, shift)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn edits_away_from_a_quote_keep_it(
        card_pick in 0usize..64,
        at_quote in 0.0f64..1.0,
        quote_len in 4usize..40,
        at_edit in 0.0f64..1.0,
        insert in "[a-z大模型的 ,。\n]{0,40}",
        delete in 0usize..60,
        in_other_card in any::<bool>(),
        other_pick in 0usize..64,
    ) {
        let talk = seed();
        let ci = card_pick % talk.cards.len();
        let chars: Vec<char> = notes_text(&talk.cards[ci]).chars().collect();
        prop_assume!(chars.len() > quote_len + 1);
        let start = ((chars.len() - quote_len) as f64 * at_quote) as usize;
        let anchor = make_anchor(&talk.cards[ci], start, start + quote_len).unwrap();
        let window = start - anchor.quote.prefix.chars().count()
            ..start + quote_len + anchor.quote.suffix.chars().count();

        let mut new = talk.clone();
        let (edited_card, keep) = if in_other_card && talk.cards.len() > 1 {
            let oi = (ci + 1 + other_pick % (talk.cards.len() - 1)) % talk.cards.len();
            (oi, 0..0)
        } else {
            (ci, window)
        };
        let text: Vec<char> = notes_text(&talk.cards[edited_card]).chars().collect();
        let (new_text, shift) = edit_outside(&text, keep, at_edit, &insert, delete);
        new.cards[edited_card].paragraphs = new_text.split('\n').map(str::to_owned).collect();
        let shift = if edited_card == ci { shift } else { 0 };

        let want_start = start.checked_add_signed(shift).unwrap();
        let r = reanchor(&anchor, &new);
        prop_assert!(
            matches!(r, Anchoring::Exact { .. } | Anchoring::Moved { .. }),
            "{:?}", r
        );
        prop_assert_eq!(r.card_id(), Some(talk.cards[ci].id.as_str()));
        prop_assert_eq!(r.range(), Some(want_start..want_start + quote_len));
        if shift == 0 {
            prop_assert!(matches!(r, Anchoring::Exact { .. }), "{:?}", r);
        }
    }

    #[test]
    fn random_anchors_never_panic(
        card_pick in 0usize..12,
        exact in "[大模型AI的, 。\n]{0,30}",
        prefix in "[大模型AI的, ]{0,40}",
        suffix in "[大模型AI的, ]{0,40}",
        start in prop_oneof![0usize..3000, Just(usize::MAX - 1), any::<usize>()],
        len in prop_oneof![0usize..100, any::<usize>()],
    ) {
        let talk = seed();
        let card_id = match card_pick {
            0 => String::new(),
            1 => "nope".to_owned(),
            n => talk.cards[n % talk.cards.len()].id.clone(),
        };
        let a = Anchor {
            card_id,
            quote: TextQuoteSelector { exact: exact.clone(), prefix, suffix },
            position: TextPositionSelector { start, end: start.saturating_add(len) },
        };
        let r = reanchor(&a, &talk);
        if let Some(range) = r.range() {
            let id = r.card_id().unwrap();
            let text_len = notes_text(card(&talk, id)).chars().count();
            prop_assert!(range.start < range.end && range.end <= text_len);
            match &r {
                Anchoring::Exact { .. } | Anchoring::Moved { .. } if !exact.is_empty() => {
                    prop_assert_eq!(text_at(&talk, id, range), exact);
                }
                Anchoring::Fuzzy { score, .. } => {
                    prop_assert!((0.0..=1.0).contains(score));
                }
                _ => {}
            }
        }
    }
}

/// The talk-wide search for a quote: every occurrence (overlapping ones too) in the other
/// cards, with char offsets in its card, and none that runs from one card into the next.
#[test]
fn exact_elsewhere_finds_every_occurrence_inside_one_card() {
    let mut talk = seed();
    talk.cards[1].paragraphs = vec!["开头说哈哈".into()];
    talk.cards[2].paragraphs = vec!["哈哈哈".into(), "是大模型".into()];
    talk.cards[3].paragraphs = vec!["哈".into()];
    let index = TalkIndex::new(&talk);
    let found = |quote: &str, home: Option<usize>| -> Vec<(usize, usize, usize)> {
        index
            .exact_elsewhere(&index.symbols(quote), home)
            .into_iter()
            .map(|(card, m)| (card, m.start, m.end))
            .collect()
    };
    assert_eq!(
        found("哈哈", None),
        [(1, 3, 5), (2, 0, 2), (2, 1, 3)],
        "card 1's end and card 2's start do not make a match"
    );
    assert_eq!(found("哈哈", Some(2)), [(1, 3, 5)]);
    assert_eq!(found("哈\n是大模型", None), [(2, 2, 8)]);
    assert!(found("哈哈哈哈", None).is_empty());
    assert!(found("", None).is_empty());
}
