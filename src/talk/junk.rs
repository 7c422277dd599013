//! Web-page junk around a talk's text: browser notices, share and follow rows, editor
//! credits, copyright and cookie notices, comment counts, and the tail blocks
//! ("Related articles", "推荐阅读") after which nothing is the talk.

use super::text::{clean, contains_ci, ends_with_ci, starts_with_ci, strip_enclosing, width};

/// A paragraph of web-page junk: junk as a whole, or every line of it junk (a share
/// row and a newsletter line kept in one paragraph by the page's markup are each short
/// enough to be told, their sum is not).
pub(crate) fn is_junk_paragraph(text: &str) -> bool {
    is_junk_line(text) || {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        lines.clone().nth(1).is_some() && lines.all(is_junk_line)
    }
}

/// Web-page junk that may appear anywhere: browser notices, share/subscribe/follow
/// lines, editor credits, copyright notices, `原标题` and `来源:` lines.
pub(crate) fn is_junk_line(line: &str) -> bool {
    let l = strip_enclosing(line);
    let w = width(l);
    if l.contains("浏览器")
        && [
            "版本过低",
            "升级",
            "推荐",
            "下载",
            "正常访问",
            "兼容",
            "不支持",
        ]
        .iter()
        .any(|k| l.contains(k))
    {
        return true;
    }
    if l.starts_with("您当前使用的") || l.starts_with("您的浏览器") {
        return true;
    }
    if l.starts_with("版权声明") || l.starts_with("免责声明") || l.starts_with("©") {
        return true;
    }
    let keyed = [
        "责任编辑",
        "原标题",
        "来源：",
        "来源:",
        "原文链接",
        "本文链接",
        "扫码关注",
        "扫描二维码",
        "长按识别",
        "点击关注",
        "关注我们",
        "点击上方",
        "点击下方",
        "阅读原文",
        "转载请注明",
        "未经授权",
        "特别声明",
        "分享到",
        "分享至",
    ];
    if w <= 160 && keyed.iter().any(|k| l.starts_with(k)) {
        return true;
    }
    if w <= 60
        && [
            "扫码关注",
            "扫描二维码",
            "关注公众号",
            "点个在看",
            "点赞在看",
            "点赞、在看",
            "打开APP",
            "下载APP",
            "打开凤凰新闻",
            "返回搜狐",
            "查看更多",
            "举报/反馈",
        ]
        .iter()
        .any(|k| l.contains(k))
    {
        return true;
    }
    if contains_ci(l, "your browser")
        && [
            "out of date",
            "not supported",
            "upgrade",
            "update",
            "outdated",
        ]
        .iter()
        .any(|k| contains_ci(l, k))
    {
        return true;
    }
    if w <= 80
        && [
            "share this",
            "share on",
            "subscribe to",
            "subscribe now",
            "follow us",
            "sign up for our",
            "newsletter",
            "enable javascript",
            "advertisement",
            "all rights reserved",
            "copyright ©",
            "click here to",
        ]
        .iter()
        .any(|k| contains_ci(l, k))
    {
        return true;
    }
    // Cookie notices, comment counts, rows of share buttons: the same generic rules as
    // the Chinese ones above.
    if w <= 240
        && [
            "we use cookies",
            "use of cookies",
            "cookie policy",
            "cookie settings",
            "accept cookies",
            "accept all cookies",
        ]
        .iter()
        .any(|k| contains_ci(l, k))
    {
        return true;
    }
    if w <= 30 && contains_ci(l, "comment") && l.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    const SOCIAL: &[&str] = &[
        "twitter",
        "facebook",
        "linkedin",
        "email",
        "whatsapp",
        "reddit",
        "weibo",
        "微博",
        "微信",
        "wechat",
        "print",
        "copy link",
        "x",
    ];
    let pieces: Vec<&str> = l
        .split(['|', '·', '/', ','])
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    w <= 100
        && pieces.len() >= 2
        && pieces
            .iter()
            .filter(|p| SOCIAL.iter().any(|s| p.eq_ignore_ascii_case(s)))
            .count()
            * 2
            > pieces.len()
}

/// A line that starts a junk block running to the end of the page, such as the
/// `亲爱的凤凰网用户:` browser notice.
pub(crate) fn starts_junk_block(line: &str) -> bool {
    let l = clean(line).trim_end_matches([':', '：', ',', '，']);
    if width(l) > 40 {
        return false;
    }
    if let Some(r) = l.strip_prefix("亲爱的")
        && (r.ends_with("用户") || r.ends_with("读者"))
    {
        return true;
    }
    starts_with_ci(l, "dear ") && (ends_with_ci(l, " user") || ends_with_ci(l, " users"))
}

/// Section labels of a page's tail (related reading...), which end the article.
pub(crate) fn is_tail_label(line: &str) -> bool {
    let l = strip_enclosing(line).trim_end_matches([':', '：']);
    if width(l) > 30 {
        return false;
    }
    const LABELS: &[&str] = &[
        "相关阅读",
        "推荐阅读",
        "延伸阅读",
        "相关文章",
        "相关新闻",
        "热门推荐",
        "猜你喜欢",
        "更多精彩",
        "热门文章",
        "往期回顾",
        "往期推荐",
    ];
    LABELS.contains(&l)
        || [
            "related articles",
            "related stories",
            "related reading",
            "read more",
            "more from",
            "recommended",
            "you may also like",
        ]
        .iter()
        .any(|x| x.len() == l.len() && starts_with_ci(l, x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_of_junk_lines_is_junk() {
        let row = "Share this article: Twitter | LinkedIn | Email | Facebook | WhatsApp";
        let two = format!("{row}\nSubscribe to our newsletter for the week's best talks");
        assert!(!is_junk_line(&two), "too long to be told as one line");
        assert!(is_junk_paragraph(&two));
        assert!(is_junk_paragraph(
            "分享到：微信 微博 QQ空间\n扫码关注我们，获取更多演讲实录与现场视频"
        ));
        let mixed = format!("{row}\nThe model learns from the data it is given.");
        assert!(
            !is_junk_paragraph(&mixed),
            "a line of the talk keeps the paragraph"
        );
    }

    #[test]
    fn junk() {
        for l in [
            "您当前使用的浏览器版本过低,导致网站不能正常访问,建议升级浏览器",
            "第三方浏览器推荐:",
            "谷歌(Chrome)浏览器 下载",
            "360安全浏览器 下载",
            "责任编辑：胡润峰",
            "原标题：xxx",
            "来源：钛媒体",
            "扫码关注我们",
            "Share this article",
            "Subscribe to our newsletter",
            "Share this article: Twitter | LinkedIn | Email",
            "Twitter · Facebook · Email",
            "We use cookies to improve your experience. By using this site you accept our cookie policy.",
            "23 Comments",
            "Comments (4)",
            "Advertisement",
        ] {
            assert!(is_junk_line(l), "{l}");
        }
        for l in [
            "新操作系统、新平台、新生态",
            "我们看一下所谓的 AI 操作系统是什么",
            "Follow the data.",
            "Cookies and milk were on the table, and we accepted them.",
            "Email, phone, letters: people used all of them.",
            "We read 300 comments from users.",
        ] {
            assert!(!is_junk_line(l), "{l}");
        }
        assert!(starts_junk_block("亲爱的凤凰网用户:"));
        assert!(!starts_junk_block("亲爱的朋友们:"));
    }
}
