//! Text and links as every layer needs them: white space collapsed, entities decoded, web
//! addresses and e-mail addresses told apart, months and dates read from plain words. The bottom
//! layer: it imports nothing of ours.

use chrono::NaiveDate;
use std::borrow::Cow;
use url::Url;

/// `text` with its white space collapsed and trimmed; most text needs no change, and is
/// borrowed as it is.
pub(crate) fn collapse(text: &str) -> Cow<'_, str> {
    let mut last_space = true;
    let clean = text.bytes().all(|byte| {
        let space = byte == b' ';
        let fine = if space {
            !last_space
        } else {
            !byte.is_ascii_whitespace()
        };
        last_space = space;
        fine && byte < 0x80
    }) && !last_space;
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// `text` with entities decoded, white space collapsed and trimmed; `None` when empty.
pub(crate) fn clean(text: &str) -> Option<String> {
    let decoded = html_escape::decode_html_entities(text);
    Some(collapse(&decoded).into_owned()).filter(|text| !text.is_empty())
}

/// A name, headline or company as a file or a page gives it, without what a broken encoding
/// left in it: replacement characters (`U+FFFD`), UTF-8 read as Latin-1 or Windows-1252 (a
/// whole sequence is read back as its letter, `Ã©` as `é`; a sequence cut short at the end of a
/// word, `Bilï¿`, is dropped) and stray C1 control characters. Every real letter stays
/// (`Anaïs`, `Bécane Gonçalves`); white space is collapsed and trimmed.
pub fn name(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return collapse(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        let Some(needed) = latin1_byte(c).and_then(continuations) else {
            if c != '\u{fffd}' && !('\u{80}'..='\u{9f}').contains(&c) {
                kept.push(c);
            }
            at += 1;
            continue;
        };
        let run = chars
            .iter()
            .skip(at + 1)
            .take(needed)
            .map_while(|&next| latin1_byte(next).filter(|byte| (0x80..0xc0).contains(byte)))
            .count();
        let sequence = &chars[at..=at + run];
        let word_ends = chars
            .get(at + 1 + run)
            .is_none_or(|next| next.is_whitespace());
        if run == needed {
            let bytes: Vec<u8> = sequence.iter().filter_map(|&c| latin1_byte(c)).collect();
            match std::str::from_utf8(&bytes) {
                Ok(letter) => kept.extend(letter.chars().filter(|&c| c != '\u{fffd}')),
                Err(_) => kept.extend(sequence),
            }
        } else if run == 0 || !word_ends {
            kept.extend(sequence);
        }
        at += 1 + run;
    }
    Cow::Owned(collapse(&kept).into_owned())
}

/// The byte a character stands for when bytes are read as Windows-1252 (Latin-1 beyond it).
fn latin1_byte(c: char) -> Option<u8> {
    const WINDOWS_1252: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8a),
        ('‹', 0x8b),
        ('Œ', 0x8c),
        ('Ž', 0x8e),
        ('\u{2018}', 0x91),
        ('\u{2019}', 0x92),
        ('\u{201c}', 0x93),
        ('\u{201d}', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9a),
        ('›', 0x9b),
        ('œ', 0x9c),
        ('ž', 0x9e),
        ('Ÿ', 0x9f),
    ];
    u8::try_from(u32::from(c)).ok().or_else(|| {
        WINDOWS_1252
            .iter()
            .find(|(letter, _)| *letter == c)
            .map(|(_, byte)| *byte)
    })
}

/// How many continuation bytes follow `byte` when it starts a multi-byte UTF-8 sequence.
fn continuations(byte: u8) -> Option<usize> {
    match byte {
        0xc2..=0xdf => Some(1),
        0xe0..=0xef => Some(2),
        0xf0..=0xf4 => Some(3),
        _ => None,
    }
}

/// True for absolute `http:` and `https:` URLs with a host: the only links the extension keeps
/// or opens.
pub fn is_web_url(url: &str) -> bool {
    web_url(url).is_some()
}

pub(crate) fn web_url(url: &str) -> Option<Url> {
    Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// `href` resolved against the page URL `base`, when the result is an http(s) URL.
pub(crate) fn resolve(base: &str, href: &str) -> Option<String> {
    let base = web_url(base)?;
    let resolved = base.join(href.trim()).ok()?;
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

/// A plausible single address: one `@`, text on both sides, a dot in the domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The month an English word names, by at least its first three letters, in any case
/// (`Mar`, `march`, `Sept`): 1 to 12.
pub fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
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
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let at = MONTHS.iter().position(|month| {
        month
            .as_bytes()
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word.as_bytes()))
    })?;
    u32::try_from(at + 1).ok()
}

/// A date as exports and spreadsheets write it: `12 Mar 2024`, `5-Jan-26`, `March 12, 2024`,
/// `2024-03-12` (a time after it ignored), `12.03.2024`, `3/12/2024` (month first unless the
/// day cannot be a month).
pub fn date(text: &str) -> Option<NaiveDate> {
    date_ordered(text, false)
}

/// A date, numeric ones read day first when `day_first` (the file holds a day above 12 first).
pub(crate) fn date_ordered(text: &str, day_first: bool) -> Option<NaiveDate> {
    let mut tokens = text
        .split([' ', '-', '/', '.', ','])
        .filter(|token| !token.is_empty());
    let (a, b, c) = (tokens.next()?, tokens.next()?, tokens.next()?);
    let (year, month, day) = match (month_named(a), month_named(b)) {
        (None, Some(month)) => (number(c)?, month, number(a)?),
        (Some(month), None) => (number(c)?, month, number(b)?),
        _ if a.len() == 4 => (number(a)?, number(b)?, number(c)?),
        _ => {
            let (a, b, year) = (number(a)?, number(b)?, number(c)?);
            let (day, month) = if day_first || a > 12 { (a, b) } else { (b, a) };
            (year, month, day)
        }
    };
    let year = if year < 100 { year + 2000 } else { year };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The number a token starts with, when only a time (`12T00:00`) follows it.
fn number(token: &str) -> Option<u32> {
    let digits = token
        .find(|c: char| !c.is_ascii_digit())
        .map_or(token, |at| &token[..at]);
    let rest = &token[digits.len()..];
    (!digits.is_empty() && (rest.is_empty() || rest.starts_with('T')))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The first two numbers of an all-numeric date (`3/12/2024`, `12.03.2024`), to tell the order.
pub(crate) fn numeric_parts(text: &str) -> Option<(u32, u32)> {
    let mut tokens = text.trim().split(['/', '.', '-']);
    let (a, b) = (tokens.next()?, tokens.next()?);
    let all_digits = |token: &str| !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (all_digits(a) && all_digits(b) && a.len() <= 2)
        .then(|| Some((a.parse().ok()?, b.parse().ok()?)))?
}

/// `text` as a search compares it: lower case, and the Latin letters' accents dropped, so
/// "jose" finds "José" and "MULLER" finds "Müller" ("ß" stays "ß", "æ" and "ø" stay apart).
pub fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(unaccented)
        .collect()
}

/// The base letter of an accented lower-case Latin letter; any other character as it is.
fn unaccented(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_latin_accents() {
        assert_eq!(folded("José MÜLLER-Łukasz Ærø"), "jose muller-lukasz ærø");
        assert_eq!(folded("Straße"), "straße");
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_host_written_in_unicode_any_case_is_kept_in_its_ascii_form() {
        assert_eq!(
            resolve("https://Bücher.Example/jobs/", "2"),
            Some("https://xn--bcher-kva.example/jobs/2".into())
        );
        assert_eq!(
            resolve("https://xn--bcher-kva.example/jobs/", "2"),
            Some("https://xn--bcher-kva.example/jobs/2".into())
        );
    }

    #[test]
    fn text_has_its_white_space_collapsed_whatever_its_shape() {
        for (cell, kept) in [
            ("Ana Lima", "Ana Lima"),
            (" Ana  Lima\t", "Ana Lima"),
            ("Ana\u{a0}Lima", "Ana Lima"),
            ("Bécane  Gonçalves", "Bécane Gonçalves"),
            ("", ""),
            ("  ", ""),
        ] {
            assert_eq!(collapse(cell), kept, "{cell:?}");
        }
    }

    #[test]
    fn names_lose_replacement_characters_and_the_debris_of_a_cut_sequence() {
        for (read, kept) in [
            ("Romina Salvador Ona Bilï¿", "Romina Salvador Ona Bil"),
            ("Vyom Malik ��", "Vyom Malik"),
            ("Vyom \u{fffd}Malik", "Vyom Malik"),
            ("Vyom Malik ï¿½", "Vyom Malik"),
            ("Ana\u{85} Lima\u{9f}", "Ana Lima"),
            ("Ona Bilâ€", "Ona Bil"),
            ("Ona Bilâ€ Acme", "Ona Bil Acme"),
        ] {
            assert_eq!(name(read), kept, "{read:?}");
        }
    }

    #[test]
    fn names_keep_every_real_letter() {
        for kept in [
            "Anaïs",
            "Bécane Gonçalves",
            "Hanoï",
            "Ana Lima Ã",
            "Zoë Ørsted-Łukasz",
            "Café–Bar",
            "Renée – Acme",
            "José Ñúñez",
            "Señor™",
            "山田 太郎",
            "Ana Lima",
        ] {
            assert_eq!(name(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn names_a_spreadsheet_misread_get_their_letters_back() {
        assert_eq!(name("BÃ©cane GonÃ§alves"), "Bécane Gonçalves");
        assert_eq!(name("AnaÃ¯s"), "Anaïs");
        assert_eq!(name("Ana Lima Ã\u{a9}"), "Ana Lima é");
    }

    #[test]
    fn month_names_are_read_by_their_first_three_letters_in_any_case() {
        assert_eq!(month_named("Mar"), Some(3));
        assert_eq!(month_named("september"), Some(9));
        assert_eq!(month_named("Sept"), Some(9));
        assert_eq!(month_named("DEC"), Some(12));
        assert_eq!(month_named("ma"), None);
        assert_eq!(month_named("4th"), None);
        assert_eq!(month_named("marching"), None);
    }

    #[test]
    fn dates_read_in_every_form_a_spreadsheet_writes() {
        assert_eq!(date("12 Mar 2024"), day(2024, 3, 12));
        assert_eq!(date("5-Jan-26"), day(2026, 1, 5));
        assert_eq!(date("January 27, 2025"), day(2025, 1, 27));
        assert_eq!(date("2024-03-12"), day(2024, 3, 12));
        assert_eq!(date("2024-03-12 00:00:00"), day(2024, 3, 12));
        assert_eq!(date("3/12/2024"), day(2024, 3, 12));
        assert_eq!(date("25/12/2024"), day(2024, 12, 25));
        assert_eq!(date_ordered("3/12/2024", true), day(2024, 12, 3));
        assert_eq!(date("12 Mars 2024"), None);
        assert_eq!(date("Sept 3 2024"), day(2024, 9, 3));
        assert_eq!(date("30.02.2024"), None);
        assert_eq!(date("soon"), None);
    }
}
