//! The pages' words: the browser's `_locales` lookup (the binding tests, outside an extension,
//! read the English catalog compiled in). The core's phrases are said here too, in the same words.

use super::ext;
use crate::phrase::{Phrase, Words};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The message named `key` in the user's language.
pub fn t(key: &str) -> String {
    tr(key, &[])
}

/// The message named `key` with its `$1`…`$9` filled from `substitutions`.
pub fn tr(key: &str, substitutions: &[&str]) -> String {
    ext::message(key, substitutions).unwrap_or_else(|| unknown(key, substitutions))
}

/// A message the browser does not give. In the extension it gives every name, English being
/// its default locale, so the pages' Wasm carries no copy of the catalog and says nothing.
#[cfg(not(test))]
fn unknown(_key: &str, _substitutions: &[&str]) -> String {
    String::new()
}

/// Outside an extension (the binding tests in a plain browser): the English catalog compiled in.
#[cfg(test)]
fn unknown(key: &str, substitutions: &[&str]) -> String {
    crate::i18n::Catalog::english().message(key, substitutions)
}

/// The browser's words, as `t` and `tr` find them.
pub struct Browser;

impl Words for Browser {
    fn message(&self, key: &str, substitutions: &[&str]) -> String {
        tr(key, substitutions)
    }

    /// As the browser writes numbers in the language of the messages shown: "1,581" in English.
    fn number(&self, n: i64) -> String {
        let language = ext::message("langCode", &[])
            .filter(|code| is_language_tag(code))
            .unwrap_or_else(|| "en".into());
        String::from(js_sys::Number::from(n as f64).to_locale_string(&language))
    }
}

/// Whether `code` is shaped as a language tag ("en", "pt-BR"): the browser throws on any other
/// shape, where it should write the number in English instead.
pub(crate) fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A phrase of the core in the user's language.
pub fn say(phrase: &Phrase) -> String {
    phrase.say(&Browser)
}

/// The attributes that mark a static page's words: the element's text, its tooltip, its
/// accessible name. Each names a message.
const MARKS: [(&str, Option<&str>); 3] = [
    ("data-i18n", None),
    ("data-i18n-title", Some("title")),
    ("data-i18n-aria-label", Some("aria-label")),
];

/// Fills the marked elements of a page's HTML in the user's language, and says which language
/// that is in `<html lang>`. Where the browser has no message, the English in the HTML stays.
pub fn localize(document: &Document) {
    for (mark, attribute) in MARKS {
        let Ok(marked) = document.query_selector_all(&format!("[{mark}]")) else {
            continue;
        };
        for element in (0..marked.length())
            .filter_map(|i| marked.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
        {
            let Some(text) = element
                .get_attribute(mark)
                .and_then(|key| ext::message(&key, &[]))
            else {
                continue;
            };
            match attribute {
                Some(attribute) => {
                    element.set_attribute(attribute, &text).ok();
                }
                None => element.set_text_content(Some(&text)),
            }
        }
    }
    if let (Some(html), Some(lang)) = (document.document_element(), ext::message("langCode", &[])) {
        html.set_attribute("lang", &lang).ok();
    }
}
