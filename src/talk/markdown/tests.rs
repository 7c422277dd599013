use super::*;

fn ids(talk: &Talk) -> Vec<&str> {
    talk.cards.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn lines_join_by_script() {
    assert_eq!(
        join_lines("这里讲一下，\n强调规模效应"),
        "这里讲一下，强调规模效应"
    );
    assert_eq!(join_lines("one\ntwo\n\n"), "one two");
    assert_eq!(join_lines("中文\nEnglish"), "中文 English");
}

#[test]
fn empty_and_degenerate_decks() {
    for t in [
        "",
        "---\n",
        "---\n---\n",
        "\n\n---\n\n---\n",
        "<!-- end_slide -->",
    ] {
        let talk = parse_markdown(t);
        assert!(talk.cards.is_empty(), "{t:?}: {:?}", ids(&talk));
        assert_eq!(talk.fingerprint.len(), 64);
    }
    // Front matter only: its title is the deck.
    let talk = parse_markdown("---\ntitle: Only a title\n---\n");
    assert_eq!(ids(&talk), ["title"]);
}

#[test]
fn plain_markdown_opening_and_deeper_headings() {
    let talk = parse_markdown("Some words first.\n\n### A\n\nText a.\n\n### B\n\nText b.\n");
    assert_eq!(ids(&talk), ["opening", "slide-2", "slide-3"]);
    assert_eq!(talk.cards[1].title, "A");
    assert_eq!(talk.title, "");
}

#[test]
fn heading_divider_splits_a_marp_deck() {
    let talk = parse_markdown(
        "---\nmarp: true\nheadingDivider: 2\n---\n# Deck\n\n## One\n\n- a\n\n## Two\n\n- b\n",
    );
    assert_eq!(ids(&talk), ["title", "slide-2", "slide-3"]);
}

#[test]
fn reveal_vertical_slides_and_inline_note() {
    let talk = parse_markdown(
        "## A\n\n- point\n\nText.\nNote: spoken only\n\n--\n\n## B\n\n- x\n\n---\n\n## Thank you!\n",
    );
    assert_eq!(ids(&talk), ["slide-1", "slide-2", "closing"]);
    assert_eq!(talk.cards[0].paragraphs, ["spoken only"]);
    assert_eq!(talk.cards[0].body, "- point\n\nText.");
}

#[test]
fn title_only_slides_are_title_cards() {
    let talk = parse_markdown("# Deck\n\n---\n\n## Background\n\n---\n\n## Details\n\n- a\n");
    let got: Vec<(&str, CardKind)> = talk.cards.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    assert_eq!(
        got,
        [
            ("title", CardKind::Title),
            ("slide-2", CardKind::Title),
            ("slide-3", CardKind::Observation)
        ]
    );
}

#[test]
fn nested_and_loose_lists_keep_order() {
    let talk = parse_markdown("## S\n\n- one\n  - one a\n- two\n\n  more of two\n\n---\n\n## T\n");
    assert_eq!(
        talk.cards[0].key_points,
        ["one", "one a", "two more of two"]
    );
}

#[test]
fn a_slide_without_words_is_named_by_its_place() {
    let talk = parse_markdown("# Deck\n\n---\n\n```r\nplot(x)\n```\n\n---\n\n![](a.png)\n");
    let titles: Vec<&str> = talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Deck", "Slide 2", "Slide 3"]);
    let talk = parse_markdown("# 演讲\n\n---\n\n![](a.png)\n\n---\n\n## 结语\n\n谢谢。\n");
    assert_eq!(talk.cards[1].title, "第 2 页");
}

#[test]
fn pandoc_marks_win_over_front_matter_keys_the_tools_share() {
    // reveal.js variables in a pandoc deck's front matter (`transition:`) are Slidev
    // keys too; the `::: notes` and `{ data-… }` in the slides say whose deck it is.
    let talk = parse_markdown(
        "---\npagetitle: Deck\ntransition: none\n---\n\n## A { data-background-image=\"a.png\" }\n\n- x\n\n::: notes\nSay x.\n:::\n\n## B\n\n- y\n",
    );
    let titles: Vec<&str> = talk.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"]);
    assert_eq!(talk.cards[0].paragraphs, ["Say x."]);
    assert_eq!(talk.cards[0].body, "- x");
}
