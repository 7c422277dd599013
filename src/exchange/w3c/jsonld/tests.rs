use super::*;
use proptest::prelude::*;

const SOURCE: &str = "urn:talkdeck:talk:abc123";

fn anchor(card: &str, exact: &str, start: usize) -> Anchor {
    Anchor {
        card_id: card.into(),
        quote: TextQuoteSelector {
            exact: exact.into(),
            prefix: "前文".into(),
            suffix: "后文".into(),
        },
        position: TextPositionSelector {
            start,
            end: start + exact.chars().count(),
        },
    }
}

fn records() -> Vec<AnnotationRecord> {
    vec![
        AnnotationRecord {
            id: "urn:uuid:3f1c2a54-0000-4000-8000-000000000001".into(),
            card_id: "obs-1".into(),
            comment: "Scaling Law 还没放缓\n第二行".into(),
            tags: vec!["scaling".into(), "推理".into()],
            created: Some("2024-12-07T10:00:00Z".into()),
            modified: Some("2024-12-07T11:00:00+08:00".into()),
            anchor: Some(anchor("obs-1", "推理模型o1", 42)),
            motivation: Motivation::Commenting,
        },
        AnnotationRecord {
            id: "urn:uuid:3f1c2a54-0000-4000-8000-000000000002".into(),
            card_id: "obs 2/#weird".into(),
            comment: String::new(),
            tags: vec![],
            created: None,
            modified: None,
            anchor: Some(anchor("obs 2/#weird", "新操作系统", 0)),
            motivation: Motivation::Highlighting,
        },
        AnnotationRecord {
            id: "urn:uuid:3f1c2a54-0000-4000-8000-000000000003".into(),
            card_id: "closing".into(),
            comment: "a note on the whole card".into(),
            tags: vec!["todo".into()],
            created: Some("2024-12-08T00:00:00Z".into()),
            modified: None,
            anchor: None,
            motivation: Motivation::Commenting,
        },
        AnnotationRecord {
            id: "urn:uuid:3f1c2a54-0000-4000-8000-000000000004".into(),
            card_id: String::new(),
            comment: String::new(),
            tags: vec![],
            created: None,
            modified: None,
            anchor: Some(Anchor {
                card_id: String::new(),
                quote: TextQuoteSelector {
                    exact: "自主智能".into(),
                    ..Default::default()
                },
                position: TextPositionSelector::default(),
            }),
            motivation: Motivation::Highlighting,
        },
    ]
}

#[test]
fn round_trip() {
    let recs = records();
    let page = export(&recs, SOURCE);
    assert_eq!(page["@context"], CONTEXT);
    assert_eq!(page["type"], "AnnotationPage");
    let first = &page["items"][0];
    assert_eq!(first["target"]["source"], format!("{SOURCE}#card=obs-1"));
    assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(first["target"]["selector"][1]["start"], 42);
    assert_eq!(first["body"][1]["purpose"], "tagging");
    assert_eq!(page["items"][2]["target"], format!("{SOURCE}#card=closing"));
    // Through text too, as a file would go.
    let text = serde_json::to_string_pretty(&page).unwrap();
    let back: Value = serde_json::from_str(&text).unwrap();
    let (got, problems) = import(&back);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(got, recs);
}

#[test]
fn card_iris() {
    assert_eq!(card_iri("urn:x", "obs-3"), "urn:x#card=obs-3");
    assert_eq!(card_iri("urn:x", ""), "urn:x");
    assert_eq!(card_from_iri("urn:x#card=obs%203"), Some("obs 3".into()));
    assert_eq!(card_from_iri("http://e.org/p#sec2"), None);
    assert_eq!(
        card_from_iri("http://e.org/p#a=1&card=title"),
        Some("title".into())
    );
    assert_eq!(percent_decode("%E5%A4%A7%zz%4"), "大%zz%4");
}

fn one(v: Value) -> AnnotationRecord {
    let (mut recs, problems) = import(&v);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(recs.len(), 1);
    recs.remove(0)
}

const BARE: &str = r#"{
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno1",
    "type": "Annotation",
    "body": "Nice point",
    "target": {
        "source": "http://example.org/talk.txt",
        "selector": { "type": "TextQuoteSelector", "exact": "大模型", "prefix": "统一的多模态" }
    }
}"#;

#[test]
fn single_annotation_with_quote_only() {
    let r = one(serde_json::from_str(BARE).unwrap());
    assert_eq!(r.id, "http://example.org/anno1");
    assert_eq!(r.card_id, "");
    assert_eq!(r.comment, "Nice point");
    assert_eq!(r.motivation, Motivation::Commenting);
    let a = r.anchor.unwrap();
    assert_eq!(a.card_id, "");
    assert_eq!(a.quote.exact, "大模型");
    assert_eq!(a.quote.prefix, "统一的多模态");
    assert_eq!(a.quote.suffix, "");
    assert_eq!(a.position, TextPositionSelector { start: 0, end: 0 });
}

#[test]
fn arrays_pages_and_collections() {
    let ann: Value = serde_json::from_str(BARE).unwrap();
    let arr = json!([ann, ann]);
    assert_eq!(import(&arr).0.len(), 2);
    let page = json!({ "type": "AnnotationPage", "items": [ann] });
    assert_eq!(import(&page).0.len(), 1);
    let graph = json!({ "@context": CONTEXT, "@graph": [ann, ann] });
    assert_eq!(import(&graph).0.len(), 2);
    let collection = json!({
        "@context": CONTEXT,
        "id": "http://example.org/c",
        "type": "AnnotationCollection",
        "total": 3,
        "first": {
            "type": "AnnotationPage",
            "items": [ann, ann],
            "next": { "type": "AnnotationPage", "items": [ann] }
        }
    });
    let (recs, problems) = import(&collection);
    assert_eq!(recs.len(), 3);
    assert!(problems.is_empty());
    let remote = json!({ "type": "AnnotationCollection", "id": "c", "first": "http://e.org/p1" });
    let (recs, problems) = import(&remote);
    assert!(recs.is_empty());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].id.as_deref(), Some("c"));
    // An exported page embedded as a collection's first page.
    let exported = export(&records(), SOURCE);
    let wrapped = json!({ "type": "AnnotationCollection", "first": exported });
    assert_eq!(import(&wrapped).0, records());
}

#[test]
fn target_shapes() {
    let r = one(json!({ "type": "Annotation", "target": "urn:t#card=obs-2" }));
    assert_eq!(r.card_id, "obs-2");
    assert!(r.anchor.is_none());
    assert_eq!(r.motivation, Motivation::Highlighting);
    assert!(r.id.starts_with("urn:uuid:"));

    let r = one(json!({
        "type": "Annotation",
        "target": [
            "http://example.org/elsewhere",
            {
                "source": { "id": "urn:t#card=obs-4", "type": "Text" },
                "selector": [
                    { "type": "TextPositionSelector", "start": 3, "end": 6 },
                    { "type": "TextQuoteSelector", "exact": "AGI" }
                ]
            }
        ]
    }));
    assert_eq!(r.card_id, "obs-4");
    let a = r.anchor.unwrap();
    assert_eq!(
        (a.card_id.as_str(), a.quote.exact.as_str()),
        ("obs-4", "AGI")
    );
    assert_eq!((a.position.start, a.position.end), (3, 6));

    // Refinement: a FragmentSelector naming the card, refined by the quote.
    let r = one(json!({
        "@type": "oa:Annotation",
        "@id": "x",
        "target": {
            "source": "urn:t",
            "selector": {
                "type": "FragmentSelector",
                "value": "card=title",
                "refinedBy": { "type": "TextQuoteSelector", "exact": "T-EDGE" }
            }
        }
    }));
    assert_eq!(r.id, "x");
    assert_eq!(r.card_id, "title");
    assert_eq!(r.anchor.unwrap().quote.exact, "T-EDGE");
}

#[test]
fn body_shapes() {
    let target = "urn:t#card=obs-1";
    let r = one(json!({ "type": "Annotation", "target": target,
        "body": { "type": "TextualBody", "value": "one body" } }));
    assert_eq!(r.comment, "one body");
    let r = one(
        json!({ "type": "Annotation", "target": target, "motivation": "highlighting",
        "body": [
            { "type": "TextualBody", "value": "first", "purpose": "commenting" },
            "second",
            { "type": "TextualBody", "value": "tag1", "purpose": "tagging" },
            { "type": "TextualBody", "value": "tag2", "purpose": ["oa:tagging"] },
            { "id": "http://example.org/image.png", "type": "Image" }
        ] }),
    );
    assert_eq!(r.comment, "first\n\nsecond");
    assert_eq!(r.tags, vec!["tag1", "tag2"]);
    assert_eq!(r.motivation, Motivation::Highlighting);
    let r = one(json!({ "type": "Annotation", "target": target, "bodyValue": "short" }));
    assert_eq!(r.comment, "short");
    assert_eq!(r.motivation, Motivation::Commenting);
}

#[test]
fn bad_annotations_are_reported_and_the_rest_kept() {
    let ann: Value = serde_json::from_str(BARE).unwrap();
    let input = json!([
        ann,
        42,
        { "id": "no-target", "type": "Annotation", "body": "x" },
        { "id": "wrong", "type": "Person", "target": "urn:t" },
        { "id": "bad-target", "type": "Annotation", "target": 7 },
        { "type": "Annotation", "target": [] },
        ann
    ]);
    let (recs, problems) = import(&input);
    assert_eq!(recs.len(), 2);
    let seen: Vec<(usize, Option<&str>)> = problems
        .iter()
        .map(|p| (p.index, p.id.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (1, None),
            (2, Some("no-target")),
            (3, Some("wrong")),
            (4, Some("bad-target")),
            (5, None)
        ]
    );
    assert!(problems[1].to_string().contains("no target"));
    let (recs, problems) = import(&json!("just a string"));
    assert!(recs.is_empty());
    assert_eq!(problems.len(), 1);
}

fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("type".to_owned()),
        Just("@type".to_owned()),
        Just("id".to_owned()),
        Just("target".to_owned()),
        Just("body".to_owned()),
        Just("bodyValue".to_owned()),
        Just("selector".to_owned()),
        Just("refinedBy".to_owned()),
        Just("source".to_owned()),
        Just("exact".to_owned()),
        Just("prefix".to_owned()),
        Just("start".to_owned()),
        Just("end".to_owned()),
        Just("items".to_owned()),
        Just("first".to_owned()),
        Just("next".to_owned()),
        Just("purpose".to_owned()),
        Just("motivation".to_owned()),
        Just("value".to_owned()),
        "[a-z@]{1,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("Annotation"),
            Just("AnnotationPage"),
            Just("AnnotationCollection"),
            Just("TextQuoteSelector"),
            Just("TextPositionSelector"),
            Just("FragmentSelector"),
            Just("tagging"),
            Just("urn:t#card=obs-1"),
            Just("card=%E5%"),
            Just("#"),
        ]
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn import_never_panics(v in json_value()) {
        let (recs, problems) = import(&v);
        for p in &problems {
            let _ = p.to_string();
        }
        // Whatever was read exports and reads back the same.
        let again = import(&export(&recs, SOURCE)).0;
        prop_assert_eq!(again.len(), recs.len());
    }
}
