use super::*;

#[test]
fn splits_sentences_verbatim() {
    let p = "他说：“这很重要。”然后走了！Really? Yes. Mr. Smith paid $3.5 e.g. here. 结束";
    let s = sentences(p);
    assert_eq!(
        s,
        vec![
            "他说：“这很重要。”",
            "然后走了！",
            "Really?",
            "Yes.",
            "Mr. Smith paid $3.5 e.g. here.",
            "结束"
        ]
    );
}

#[test]
fn tidy_keeps_substrings() {
    assert_eq!(
        tidy("首先，大模型实际上是一个新的操作系统。"),
        "大模型实际上是一个新的操作系统"
    );
    assert_eq!(tidy("1)第一波增长的 AI Infra;"), "第一波增长的 AI Infra");
    assert_eq!(tidy("“这很重要"), "这很重要");
    assert_eq!(tidy("So, this is it."), "So, this is it.");
}

#[test]
fn picks_verbatim_points() {
    let paragraphs: Vec<String> = [
        "我们看到算力在增长。数据也在增长。",
        "我认为，算力和数据共同决定了模型的上限，这是最重要的判断。",
        "比如，有人说数据已经用完了，但这个说法并不准确。",
        "所以，我们相信算力增长会持续很多年，数据也会不断出现。",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut cards = vec![Card {
        id: "obs-1".into(),
        kind: CardKind::Observation,
        number: Some(1),
        title: "算力和数据".into(),
        key_points: Vec::new(),
        body: String::new(),
        paragraphs: paragraphs.clone(),
        ..Default::default()
    }];
    fill(&mut cards);
    let points = &cards[0].key_points;
    assert!((2..=5).contains(&points.len()), "{points:?}");
    for p in points {
        assert!(
            paragraphs.iter().any(|para| para.contains(p.as_str())),
            "{p}"
        );
    }
    assert!(points.iter().any(|p| p.contains("我认为")), "{points:?}");
}
