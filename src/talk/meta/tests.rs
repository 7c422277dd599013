use super::*;

#[test]
fn attribution_lines() {
    let a = parse_attribution("(本文首发于钛媒体App,作者|林志佳,编辑|胡润峰)").unwrap();
    assert_eq!(a.source.as_deref(), Some("钛媒体"));
    assert_eq!(a.author.as_deref(), Some("林志佳"));
    let a = parse_attribution("文|张三 编辑|李四").unwrap();
    assert_eq!(a.author.as_deref(), Some("张三"));
    assert!(parse_attribution("文化是一个很重要的话题").is_none());
    assert!(parse_attribution("来源于生活，高于生活，这是我的看法。").is_none());
    let a = parse_attribution("（来源：钛媒体）").unwrap();
    assert_eq!(a.source.as_deref(), Some("钛媒体"));
}

#[test]
fn kv_lines() {
    assert_eq!(
        parse_kv("Speaker: Jane Doe"),
        Some((Field::Speaker, "Jane Doe"))
    );
    assert_eq!(parse_kv("作者：林志佳"), Some((Field::Author, "林志佳")));
    assert_eq!(
        parse_kv("Date: 2024-05-01"),
        Some((Field::Date, "2024-05-01"))
    );
    assert_eq!(parse_kv("Note: something"), None);
    assert_eq!(parse_kv("首先，我们看到：现在"), None);
}

#[test]
fn captions() {
    let c = caption("北京智源人工智能研究院创始理事长,美国国家工程院外籍院士 张宏江").unwrap();
    assert_eq!(c.name, "张宏江");
    assert_eq!(
        c.role,
        "北京智源人工智能研究院创始理事长,美国国家工程院外籍院士"
    );
    assert!(caption("各位钛媒体的嘉宾,大家下午好!").is_none());
    assert!(caption("谷歌(Chrome)浏览器 下载").is_none());
    assert!(caption("最近这种说法受到了一些挑战。").is_none());
    assert!(caption("创始人 欧阳明").is_some());
    assert!(caption("特斯拉CEO 埃隆·马斯克").is_some());
}

#[test]
fn markers() {
    assert!(is_marker("以下是张宏江演讲全文,经整理:"));
    assert!(is_marker("以下为演讲实录："));
    assert!(is_marker("【演讲实录】"));
    assert!(is_marker(
        "What follows is an edited transcript of the talk."
    ));
    assert!(is_marker("Transcript"));
    assert!(!is_marker("以下是我的几点看法"));
    assert!(!is_marker(
        "We all read the transcript of the hearing yesterday and were surprised by how little it said about the budget."
    ));
    assert_eq!(
        marker_speaker("以下是张宏江演讲全文,经整理:"),
        Some("张宏江")
    );
    assert_eq!(marker_speaker("以下为演讲实录:"), None);
    assert_eq!(
        marker_speaker("Below is an edited transcript of Jane Doe's keynote."),
        Some("Jane Doe")
    );
}

#[test]
fn dates() {
    let d = |s: &str| find_date(s);
    assert_eq!(d("12月7日,T-EDGE 全球AI论坛").as_deref(), Some("12月7日"));
    assert_eq!(d("12月6日-7日,2024 T-EDGE").as_deref(), Some("12月6日-7日"));
    assert_eq!(d("于2024年12月7日举行").as_deref(), Some("2024年12月7日"));
    assert_eq!(d("on 2024-12-07 in Beijing").as_deref(), Some("2024-12-07"));
    assert_eq!(
        d("Recorded December 7, 2024 at").as_deref(),
        Some("December 7, 2024")
    );
    assert_eq!(d("on 7 Dec 2024.").as_deref(), Some("7 Dec 2024"));
    assert_eq!(d("May I say").as_deref(), None);
    assert_eq!(d("24个月后").as_deref(), None);
    assert_eq!(d("").as_deref(), None);
}

#[test]
fn titles() {
    assert_eq!(
        split_title("张宏江消除“Scaling Law放缓”恐惧|2024 T-EDGE"),
        ("张宏江消除“Scaling Law放缓”恐惧", Some("2024 T-EDGE"))
    );
    assert_eq!(
        split_title("A | B C D E F G H I J K L M N O P Q R S T U V W X Y"),
        ("A | B C D E F G H I J K L M N O P Q R S T U V W X Y", None)
    );
}
