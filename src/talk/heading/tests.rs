use super::*;

fn mark(s: &str) -> Option<(Style, u32, &str)> {
    parse_mark(s).map(|m| (m.style, m.number, m.rest))
}

#[test]
fn chinese_marks() {
    assert_eq!(
        mark("1、Scaling Law(规模效应)还有效吗?"),
        Some((Style::Arabic(Sep::Dun), 1, "Scaling Law(规模效应)还有效吗?"))
    );
    assert_eq!(mark("十二、结语"), Some((Style::Han(Sep::Dun), 12, "结语")));
    assert_eq!(mark("二十一．x"), Some((Style::Han(Sep::Dot), 21, "x")));
    assert_eq!(mark("（三）新平台"), Some((Style::ParenHan, 3, "新平台")));
    assert_eq!(mark("(2) 新平台"), Some((Style::ParenArabic, 2, "新平台")));
    assert_eq!(mark("1)第一波增长").unwrap().0, Style::Arabic(Sep::Paren));
    assert_eq!(mark("第一，算力"), Some((Style::Di(14), 1, "算力")));
    assert_eq!(mark("第二点：数据").map(|m| (m.1, m.2)), Some((2, "数据")));
    assert_eq!(
        mark("第三个观察：应用").map(|m| (m.1, m.2)),
        Some((3, "应用"))
    );
    assert_eq!(
        mark("观察四：多模态"),
        Some((Style::HanLabel(0), 4, "多模态"))
    );
    assert_eq!(mark("③ 机器人"), Some((Style::Circled, 3, "机器人")));
    assert_eq!(mark("第一次见面"), None);
    assert_eq!(mark("2024年12月"), None);
    assert_eq!(mark("一方面是说"), None);
    assert_eq!(mark("1.5亿用户"), None);
}

#[test]
fn english_marks() {
    assert_eq!(
        mark("Lesson 1 — Start with the problem"),
        Some((Style::EnLabel(1), 1, "Start with the problem"))
    );
    assert_eq!(
        mark("Observation 2: Platforms"),
        Some((Style::EnLabel(0), 2, "Platforms"))
    );
    assert_eq!(mark("Part Three"), Some((Style::EnLabel(3), 3, "")));
    assert_eq!(
        mark("## 3. Ship it"),
        Some((Style::Arabic(Sep::Dot), 3, "Ship it"))
    );
    assert_eq!(
        mark("**2) Ship**"),
        Some((Style::Arabic(Sep::Paren), 2, "Ship"))
    );
    assert_eq!(
        mark("IV. Scale"),
        Some((Style::Roman(Sep::Dot), 4, "Scale"))
    );
    assert_eq!(mark("I.e. this is"), None);
    assert_eq!(mark("Point taken."), None);
    assert_eq!(mark("Lessons learned"), None);
}

#[test]
fn closing_titles() {
    for t in [
        "结语",
        "结束语：",
        "总结",
        "Conclusion",
        "Final thoughts",
        "Summary: what now",
        "结语：奇点",
    ] {
        assert!(is_closing_title(t), "{t}");
    }
    for t in [
        "总结一下我们的经验",
        "Summary of results",
        "Closing the gap",
        "结构",
    ] {
        assert!(!is_closing_title(t), "{t}");
    }
}

#[test]
fn chain_ignores_lists_and_restarts() {
    let c = |pos, style, number| Candidate { pos, style, number };
    let a = Style::Arabic(Sep::Dun);
    let p = Style::Arabic(Sep::Paren);
    // Headings 1、 2、 3、 with a 1) 2) 3) list inside section 2.
    let cands = [
        c(0, a, 1),
        c(4, a, 2),
        c(6, p, 1),
        c(7, p, 2),
        c(8, p, 3),
        c(10, a, 3),
    ];
    assert_eq!(select(&cands), vec![0, 1, 5]);
    // Same style for list and headings: the run is a list.
    let cands = [c(0, a, 1), c(3, a, 2), c(4, a, 3), c(8, a, 3)];
    assert_eq!(select(&cands), vec![0, 3]);
    // A single numbered line is no structure.
    assert!(select(&[c(0, a, 1)]).is_empty());
    // Sub-sections that restart lose to sections.
    let h = Style::Han(Sep::Dun);
    let cands = [
        c(0, h, 1),
        c(1, a, 1),
        c(3, a, 2),
        c(5, a, 3),
        c(7, h, 2),
        c(8, a, 1),
        c(10, a, 2),
    ];
    assert_eq!(select(&cands), vec![0, 4]);
}
