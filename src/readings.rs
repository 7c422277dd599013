//! The pinyin readings of a Chinese character, for finding Chinese text by typing
//! pinyin without switching the input method: every reading (重 is `zhong` and `chong`,
//! 行 is `xing` and `hang`, from the `pinyin` crate's heteronym table), tone-free, with
//! `ü` written `v` as pinyin keyboards type it.

use pinyin::ToPinyinMulti;

/// The tone-free readings of `c`, most common first, without repeats (重's `zhòng` and
/// `zhǒng` are one `zhong`); empty for a character that is not Han.
pub fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for reading in multi {
        let plain = reading.plain().replace('ü', "v");
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reading_without_tones() {
        assert_eq!(readings('重')[..2], ["zhong", "chong"]);
        let hang = readings('行');
        assert!(hang.contains(&"xing".to_owned()) && hang.contains(&"hang".to_owned()));
        assert_eq!(readings('绿'), ["lv", "lu"]);
        assert!(readings('a').is_empty());
        assert!(readings('，').is_empty());
    }
}
