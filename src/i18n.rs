//! The UI's words in Chinese and English, from Fluent message files
//! (`assets/i18n/*.ftl`), so plurals and word order follow each language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::sync::LazyLock;

/// A language of the UI, of the recap's own words and of the command line: one type for
/// all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language's own name, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The system's language (from the locale): Chinese for any `zh` locale, else English.
    pub fn from_system() -> Self {
        Self::from_locale(&sys_locale::get_locale().unwrap_or_default())
    }

    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
        }
    }
}

pub const EN_FTL: &str = include_str!("../assets/i18n/en.ftl");
pub const ZH_FTL: &str = include_str!("../assets/i18n/zh-CN.ftl");

thread_local! {
    /// Per thread, not per process: the UI thread sets it, and tests that run apps side
    /// by side in one process each keep their own language.
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle("en", EN_FTL), bundle("zh-CN", ZH_FTL)]);

fn bundle(locale: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid = locale.parse().expect("the locale names above are valid");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Fluent wraps arguments in Unicode isolation marks by default; egui's fonts have no
    // glyphs for them, and the UI has no right-to-left text to isolate.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_owned()).expect("the bundled .ftl files parse");
    bundle
        .add_resource(resource)
        .expect("message ids are unique");
    bundle
}

/// Sets the language of messages made on this thread.
pub fn set_language(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

pub fn language() -> Lang {
    CURRENT.with(Cell::get)
}

/// The message `id` in the current language, with `args` filled in. A missing id shows
/// as itself (and a test fails on any id the code uses that a file lacks).
pub fn tr_args(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    tr_in(language(), id, args)
}

/// The message `id` in `lang`, whatever this thread's language (a recap in a language
/// chosen apart from the window's).
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = &BUNDLES[lang.index()];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

pub fn tr(id: &str) -> String {
    tr_args(id, &[])
}

/// `t!("id")` or `t!("id", name = value, …)`: a message in the current language.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::tr($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args($id, &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).unwrap();
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let (en, zh) = (ids(EN_FTL), ids(ZH_FTL));
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in zh-CN.ftl: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en.ftl: {only_zh:?}");
    }

    /// Every `t!("…")` in the source names a message that exists.
    #[test]
    fn every_message_the_code_uses_exists() {
        let en = ids(EN_FTL);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // `t!("` not preceded by part of a longer name (`format!("`).
                    for (at, _) in text.match_indices("t!(\"") {
                        let before = text[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        let id = text[at + 4..].split('"').next().unwrap();
                        if !en.contains(id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "unknown message ids: {missing:?}");
    }

    #[test]
    fn plurals_and_arguments_follow_the_language() {
        let format = |lang: Lang, count: i64| {
            let bundle = &BUNDLES[lang.index()];
            let pattern = bundle.get_message("note-count").unwrap().value().unwrap();
            let mut args = FluentArgs::new();
            args.set("count", count);
            bundle
                .format_pattern(pattern, Some(&args), &mut vec![])
                .into_owned()
        };
        assert_eq!(format(Lang::En, 1), "1 note");
        assert_eq!(format(Lang::En, 3), "3 notes");
        assert_eq!(format(Lang::Zh, 3), "3 条笔记");
    }

    #[test]
    fn locales_pick_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }
}
