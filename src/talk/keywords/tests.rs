use super::*;
use crate::talk::CardKind;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<KeywordExtractor> = LazyLock::new(KeywordExtractor::new);

/// The shared jieba's trie is shrunk to 7/8 full (patches/jieba-rs); one that is
/// not must cut and tag the built-in talk the same, word for word.
#[test]
fn shrunk_dictionary_cuts_as_the_whole_table_does() {
    let unshrunk = jieba_with_vocabulary();
    let text = crate::SEED_TALK;
    let words = |j: &Jieba| -> Vec<(String, String)> {
        j.tag(text, true)
            .into_iter()
            .map(|t| (t.word.to_owned(), t.tag.to_owned()))
            .collect()
    };
    let shared = words(shared_jieba());
    assert!(shared.len() > 1000, "the talk is cut into words");
    assert_eq!(shared, words(&unshrunk));
    for word in ["张宏江", "大模型", "城市更新", "睡眠不足", "数据中心"] {
        assert_eq!(
            shared_jieba().has_word(word),
            unshrunk.has_word(word),
            "{word}"
        );
    }
}

fn card(title: &str, paragraphs: &[&str]) -> Card {
    Card {
        id: "obs-1".into(),
        kind: CardKind::Observation,
        number: Some(1),
        title: title.into(),
        key_points: Vec::new(),
        body: String::new(),
        paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

#[test]
fn latin_tokens_keep_technical_terms() {
    let t: Vec<&str> = latin_tokens("GPT-4o and C++ beat Node.js; OpenAI's o1-preview. 3.5 x")
        .iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(
        t,
        [
            "GPT-4o",
            "and",
            "C++",
            "beat",
            "Node.js",
            "OpenAI",
            "o1-preview",
            "x"
        ]
    );
}

#[test]
fn chinese_keywords() {
    let c = card(
        "多模态大模型赋能机器人",
        &[
            "我们看到，多模态大模型正在让机器人具备理解世界的能力。",
            "过去机器人只能执行预先编写的程序，现在机器人可以通过大模型理解指令、规划动作。",
            "具身智能会是多模态大模型最重要的应用场景之一。",
        ],
    );
    let k = EXTRACTOR.keywords(&c, 5);
    assert_eq!(k.len(), 5, "{k:?}");
    assert!(k.iter().any(|w| w == "机器人"), "{k:?}");
    for stop in ["我们", "看到", "现在", "可以"] {
        assert!(!k.iter().any(|w| w == stop), "{stop} in {k:?}");
    }
}

#[test]
fn english_keywords() {
    let c = card(
        "Make the boring path fast",
        &[
            "Most queries are boring. They read one row by its key.",
            "The most important work we did was making the boring path fast and predictable, not adding clever features.",
            "The boring path is where the latency budget goes.",
        ],
    );
    let k = EXTRACTOR.keywords(&c, 5);
    assert_eq!(k.first().map(String::as_str), Some("boring path"), "{k:?}");
    for stop in ["the", "most", "we", "Make"] {
        assert!(!k.iter().any(|w| w == stop), "{stop} in {k:?}");
    }
}

#[test]
fn mixed_keywords_keep_english_terms() {
    let c = card(
        "Scaling Law(规模效应)还有效吗?",
        &[
            "最近有人说 Scaling Law 放缓了，但我认为 Scaling Law 依然有效。",
            "从 GPT-4 到 GPT-4o，再到 o1，算力和数据的增长仍在推动模型能力提升，AGI 的路径越来越清晰。",
        ],
    );
    let k = EXTRACTOR.keywords(&c, 5);
    assert_eq!(k.first().map(String::as_str), Some("Scaling Law"), "{k:?}");
    assert!(
        k.iter()
            .any(|w| w == "GPT-4o" || w == "GPT-4" || w == "AGI"),
        "{k:?}"
    );
    assert!(!k.iter().any(|w| w == "Scaling" || w == "Law"), "{k:?}");
}

#[test]
fn empty_and_tiny_inputs() {
    assert!(EXTRACTOR.keywords(&card("", &[]), 5).is_empty());
    assert!(EXTRACTOR.keywords(&card("标题", &["内容"]), 0).is_empty());
    assert!(EXTRACTOR.keywords_of_text("the and of", 5).is_empty());
    let k = EXTRACTOR.keywords_of_text("数据 data", 5);
    assert!(k.len() <= 2, "{k:?}");
}

#[test]
fn talk_keywords_tell_cards_apart() {
    let talk = crate::talk::parse_text(crate::SEED_TALK);
    let all = EXTRACTOR.talk_keywords(&talk, 5);
    assert_eq!(all.len(), talk.cards.len());
    // `大模型` is one term, and a term of every card does not lead every card.
    let firsts: HashSet<&str> = all
        .iter()
        .filter_map(|k| k.first())
        .map(String::as_str)
        .collect();
    assert!(firsts.len() >= talk.cards.len() - 2, "{all:?}");
    assert!(
        all.iter().flatten().all(|w| w != "开场" && w != "结语"),
        "{all:?}"
    );
    let robots = &all[talk.card_index("obs-5").unwrap()];
    assert!(robots.iter().any(|w| w == "机器人"), "{robots:?}");
    assert!(EXTRACTOR.talk_keywords(&talk, 0).iter().all(Vec::is_empty));
}

#[test]
fn extractor_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<KeywordExtractor>();
}
