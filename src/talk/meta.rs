//! Line classifiers for articles around a talk: metadata lines (`作者|…`, `Speaker: …`),
//! photo captions, transcript markers and dates (web-page junk is `junk.rs`).

use super::text::{
    char_len, clean, contains_ci, ends_like_sentence, is_han, starts_with_ci, strip_enclosing,
    width,
};

/// A metadata field a `Key: value` line can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    Speaker,
    Role,
    Event,
    Date,
    Source,
    Author,
    /// Known key whose value is not kept (editor, proofreader...).
    Ignored,
}

fn field_for_key(key: &str) -> Option<Field> {
    let key = key.trim().to_lowercase();
    Some(match key.as_str() {
        "title" | "talk" | "标题" | "题目" | "演讲题目" | "主题" => Field::Title,
        "speaker" | "speakers" | "presenter" | "演讲者" | "演讲人" | "讲者" | "主讲人" | "主讲"
        | "嘉宾" | "分享嘉宾" | "发言人" => Field::Speaker,
        "role" | "position" | "affiliation" | "职务" | "职位" | "身份" | "头衔" => {
            Field::Role
        }
        "event" | "conference" | "venue" | "活动" | "会议" | "大会" | "场合" | "论坛" => {
            Field::Event
        }
        "date" | "日期" | "时间" | "演讲时间" => Field::Date,
        "source" | "来源" | "出处" | "via" => Field::Source,
        "author" | "by" | "written by" | "reporter" | "作者" | "撰文" | "文" | "记者" => {
            Field::Author
        }
        "editor" | "edited by" | "编辑" | "责任编辑" | "责编" | "校对" | "审校" | "审核"
        | "出品" | "策划" => Field::Ignored,
        _ => return None,
    })
}

/// A `Key: value` metadata line (`Speaker: Jane Doe`, `作者：林志佳`).
pub(crate) fn parse_kv(line: &str) -> Option<(Field, &str)> {
    let line = strip_enclosing(line);
    if width(line) > 120 {
        return None;
    }
    let (i, c) = line
        .char_indices()
        .take(16)
        .find(|&(_, c)| matches!(c, ':' | '：' | '|' | '｜' | '丨'))?;
    let field = field_for_key(&line[..i])?;
    let value = clean(&line[i + c.len_utf8()..]);
    if value.is_empty() {
        return None;
    }
    Some((field, value))
}

/// Who published the article and who wrote it, from an attribution line such as
/// `(本文首发于钛媒体App,作者|林志佳,编辑|胡润峰)`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub source: Option<String>,
    pub author: Option<String>,
}

const SOURCE_KEYS: &[&str] = &[
    "本文首发于",
    "首发于",
    "本文来源于",
    "本文来源",
    "本文来自",
    "本文转载自",
    "本文转自",
    "转载自",
    "来源于",
    "来源",
    "稿件来源",
    "文章来源",
];
const AUTHOR_KEYS: &[&str] = &["作者", "撰文", "记者", "文"];
const OTHER_KEYS: &[&str] = &[
    "责任编辑",
    "编辑",
    "责编",
    "校对",
    "审校",
    "审核",
    "出品",
    "策划",
    "排版",
    "题图",
    "头图",
    "图片来源",
    "原文链接",
    "原标题",
    "整理",
];

fn strip_key<'a>(part: &'a str, key: &str, strict: bool) -> Option<&'a str> {
    let r = part.strip_prefix(key)?;
    let seps = [':', '：', '|', '｜', '丨', '/', '／'];
    if let Some(r2) = r.strip_prefix(seps) {
        return Some(clean(r2));
    }
    if strict {
        return None;
    }
    Some(clean(r))
}

fn clean_source(s: &str) -> String {
    let s = clean(s).trim_matches(['《', '》', '“', '”', '"', '「', '」']);
    let s = s.split_whitespace().next().unwrap_or("");
    let mut s = s;
    for suffix in [
        "App",
        "APP",
        "app",
        "客户端",
        "公众号",
        "官网",
        "官方网站",
        "网站",
    ] {
        if let Some(r) = s.strip_suffix(suffix)
            && !r.is_empty()
        {
            s = r;
            break;
        }
    }
    s.to_string()
}

fn clean_name(s: &str) -> String {
    clean(s)
        .split([' ', '　', '、', '/', '|'])
        .next()
        .unwrap_or("")
        .trim_matches(['“', '”', '"'])
        .to_string()
}

/// Parses an attribution line; `None` if the line is not one.
pub(crate) fn parse_attribution(line: &str) -> Option<Attribution> {
    if width(line) > 200 {
        return None;
    }
    let inner = strip_enclosing(line);
    let mut found = Attribution::default();
    let mut matched_first = false;
    let mut any = false;
    let mut all = true;
    for (i, part) in inner
        .split([',', '，', ';', '；', '　'])
        .map(clean)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        let mut matched = false;
        if let Some(v) = SOURCE_KEYS
            .iter()
            .find_map(|k| strip_key(part, k, k.starts_with("来源") || k.ends_with("来源")))
        {
            if found.source.is_none() && !v.is_empty() {
                found.source = Some(clean_source(v));
            }
            matched = true;
        } else if let Some(v) = AUTHOR_KEYS.iter().find_map(|k| strip_key(part, k, true)) {
            if found.author.is_none() && !v.is_empty() {
                found.author = Some(clean_name(v));
            }
            matched = true;
        } else if OTHER_KEYS
            .iter()
            .any(|k| strip_key(part, k, true).is_some())
        {
            matched = true;
        }
        if i == 0 {
            matched_first = matched;
        }
        any |= matched;
        all &= matched;
    }
    (matched_first && all && any).then_some(found)
}

/// A photo caption: a short line of role + name (`北京智源研究院创始理事长 张宏江`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caption<'a> {
    pub role: &'a str,
    pub name: &'a str,
}

/// Common Chinese surnames (single and compound), to tell `… 张宏江` from `… 下载`.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝孙";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木", "南宫",
];

/// Chinese personal name: 2–4 Han characters starting with a common surname, or a
/// transliteration with `·`.
pub(crate) fn is_han_name(s: &str) -> bool {
    let n = char_len(s);
    let han = s.chars().all(|c| is_han(c) || c == '·' || c == '•');
    if !han || s.starts_with(['·', '•']) || s.ends_with(['·', '•']) {
        return false;
    }
    if s.contains(['·', '•']) {
        return n <= 12;
    }
    (2..=4).contains(&n)
        && (s.chars().next().is_some_and(|c| SURNAMES.contains(c))
            || COMPOUND_SURNAMES.iter().any(|p| s.starts_with(p) && n >= 3))
}

pub(crate) fn caption(line: &str) -> Option<Caption<'_>> {
    let line = clean(line);
    if width(line) > 100 || ends_like_sentence(line) || line.contains(['。', '！', '？']) {
        return None;
    }
    let name_start = line.rfind(|c: char| c.is_whitespace())?;
    let name = clean(&line[name_start..]);
    let role = clean(&line[..name_start]);
    if !is_han_name(name) || width(role) < 4 || !role.chars().any(is_han) {
        return None;
    }
    Some(Caption { role, name })
}

/// Photo credits and picture captions, which carry no metadata.
pub(crate) fn is_picture_caption(line: &str) -> bool {
    let l = strip_enclosing(line);
    if width(l) > 100 {
        return false;
    }
    const PREFIXES: &[&str] = &[
        "图：",
        "图:",
        "图/",
        "图|",
        "图｜",
        "图片：",
        "图片:",
        "图片来源",
        "图源",
        "摄影：",
        "摄影:",
        "配图",
        "题图",
    ];
    PREFIXES.iter().any(|p| l.starts_with(p))
        || [
            "photo:",
            "photo by",
            "image:",
            "image credit",
            "credit:",
            "pictured:",
            "caption:",
        ]
        .iter()
        .any(|p| starts_with_ci(l, p))
}

/// A line that introduces the transcript (`以下是张宏江演讲全文,经整理:`,
/// `Below is an edited transcript of the talk.`).
pub(crate) fn is_marker(line: &str) -> bool {
    let l = clean(line);
    if width(l) > 160 {
        return false;
    }
    const LEADS: &[&str] = &[
        "以下是",
        "以下为",
        "以下系",
        "下面是",
        "下面为",
        "下文是",
        "下文为",
        "如下为",
    ];
    const NOUNS: &[&str] = &[
        "全文",
        "实录",
        "演讲",
        "讲话",
        "发言",
        "速记",
        "分享内容",
        "演讲内容",
        "对话内容",
    ];
    if LEADS.iter().any(|p| l.starts_with(p)) && NOUNS.iter().any(|n| l.contains(n)) {
        return true;
    }
    const STANDALONE: &[&str] = &[
        "演讲实录",
        "演讲全文",
        "讲话全文",
        "发言全文",
        "分享实录",
        "对话实录",
        "速记全文",
        "演讲原文",
        "实录全文",
    ];
    if width(l) <= 40 && STANDALONE.iter().any(|n| l.contains(n)) {
        return true;
    }
    if contains_ci(l, "transcript") {
        if width(l) <= 30 {
            return true;
        }
        return [
            "edited",
            "full",
            "following",
            "follows",
            "below",
            "lightly",
            "complete",
            "here is",
            "here's",
        ]
        .iter()
        .any(|w| contains_ci(l, w));
    }
    ["the following is", "below is", "what follows is"]
        .iter()
        .any(|p| starts_with_ci(l, p))
        && ["talk", "speech", "remarks", "keynote", "lecture", "address"]
            .iter()
            .any(|w| contains_ci(l, w))
}

/// The speaker a marker names (`以下是张宏江演讲全文` → `张宏江`).
pub(crate) fn marker_speaker(line: &str) -> Option<&str> {
    let l = clean(line);
    for lead in ["以下是", "以下为", "以下系", "下面是", "下面为", "下文为"] {
        if let Some(r) = l.strip_prefix(lead) {
            let end = [
                "在",
                "的演讲",
                "演讲",
                "讲话",
                "发言",
                "的分享",
                "分享",
                "的",
            ]
            .iter()
            .filter_map(|w| r.find(w))
            .min()?;
            let name = clean(&r[..end]);
            return is_han_name(name).then_some(name);
        }
    }
    let key = "transcript of ";
    let i = l
        .as_bytes()
        .windows(key.len())
        .position(|w| w.eq_ignore_ascii_case(key.as_bytes()))?
        + key.len();
    let rest = &l[i..];
    let end = rest.find(['\'', '’', ',', '.', ':']).unwrap_or(rest.len());
    let name = rest[..end].trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    ((2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase())))
    .then_some(name)
}

/// Splits `Headline|2024 T-EDGE` into the headline and a short suffix (often the
/// event or column name).
pub(crate) fn split_title(line: &str) -> (&str, Option<&str>) {
    let line = clean(line);
    if let Some(i) = line.rfind(['|', '｜']) {
        let head = clean(&line[..i]);
        let sep_len = line[i..].chars().next().map_or(1, char::len_utf8);
        let tail = clean(&line[i + sep_len..]);
        if !head.is_empty() && !tail.is_empty() && width(tail) <= 40 && width(head) >= width(tail) {
            return (head, Some(tail));
        }
    }
    (line, None)
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn digits_at(chars: &[char], i: usize, max: usize) -> usize {
    chars[i.min(chars.len())..]
        .iter()
        .take(max + 1)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// The first date a line states: `2024年12月7日`, `12月6日-7日`, `2024-12-07`,
/// `December 7, 2024`, `7 December 2024`. Returned verbatim.
pub(crate) fn find_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        // Chinese: [YYYY年]M月D日[-D日]
        if c == '月' && i > 0 {
            let mut start = i;
            while start > 0 && chars[start - 1].is_ascii_digit() && i - start < 2 {
                start -= 1;
            }
            let month_digits = i - start;
            let day = digits_at(&chars, i + 1, 2);
            let after_day = i + 1 + day;
            let bounded = start == 0 || !chars[start - 1].is_ascii_digit();
            if (1..=2).contains(&month_digits)
                && (1..=2).contains(&day)
                && bounded
                && after_day < n
                && matches!(chars[after_day], '日' | '号')
            {
                if start >= 5 && chars[start - 1] == '年' && digits_at(&chars, start - 5, 4) == 4 {
                    start -= 5;
                }
                let mut end = after_day + 1;
                // A range: 6日-7日, 6日至7日.
                if end < n && matches!(chars[end], '-' | '—' | '–' | '~' | '～' | '至' | '到')
                {
                    let d = digits_at(&chars, end + 1, 2);
                    if (1..=2).contains(&d)
                        && end + 1 + d < n
                        && matches!(chars[end + 1 + d], '日' | '号')
                    {
                        end = end + 2 + d;
                    }
                }
                return Some(text(start, end));
            }
        }
        // ISO: YYYY-MM-DD
        if c.is_ascii_digit()
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && digits_at(&chars, i, 4) == 4
            && i + 10 <= n
        {
            let sep = chars[i + 4];
            if matches!(sep, '-' | '/' | '.')
                && digits_at(&chars, i + 5, 2) == 2
                && chars[i + 7] == sep
                && digits_at(&chars, i + 8, 2) == 2
            {
                return Some(text(i, i + 10));
            }
        }
        // English month names.
        if c.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphabetic()) {
            let capitalized = c.is_ascii_uppercase();
            let word_len = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let word: String = chars[i..i + word_len]
                .iter()
                .collect::<String>()
                .to_lowercase();
            let is_month = capitalized
                && word.len() >= 3
                && MONTHS
                    .iter()
                    .any(|m| *m == word || (word.len() == 3 && m.starts_with(&word)));
            if is_month {
                let mut j = i + word_len;
                if j < n && chars[j] == '.' {
                    j += 1;
                }
                // Month D[, YYYY]
                if j < n && chars[j] == ' ' {
                    let d = digits_at(&chars, j + 1, 2);
                    if (1..=2).contains(&d) {
                        let mut end = j + 1 + d;
                        for suffix in ["st", "nd", "rd", "th"] {
                            let s: Vec<char> = suffix.chars().collect();
                            if chars[end..].starts_with(&s) {
                                end += 2;
                            }
                        }
                        let mut k = end;
                        if k < n && chars[k] == ',' {
                            k += 1;
                        }
                        if k < n && chars[k] == ' ' && digits_at(&chars, k + 1, 4) == 4 {
                            end = k + 5;
                        }
                        return Some(text(i, end));
                    }
                }
                // D Month YYYY
                let mut s = i;
                if s >= 2 && chars[s - 1] == ' ' {
                    let d = (1..=2)
                        .rev()
                        .find(|&d| s > d && digits_at(&chars, s - 1 - d, 2) == d);
                    if let Some(d) = d {
                        s = s - 1 - d;
                        let mut end = i + word_len;
                        if end < n && chars[end] == ' ' && digits_at(&chars, end + 1, 4) == 4 {
                            end += 5;
                        }
                        return Some(text(s, end));
                    }
                }
            }
            i += word_len;
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
