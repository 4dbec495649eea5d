//! The pages' words: the browser's `_locales` lookup, else the English catalog compiled in.

use super::ext;
use crate::i18n::Catalog;

thread_local! {
    static ENGLISH: Catalog = Catalog::english();
}

/// The message named `key` in the user's language.
pub fn t(key: &str) -> String {
    tr(key, &[])
}

/// The message named `key` with its `$1`…`$9` filled from `substitutions`.
pub fn tr(key: &str, substitutions: &[&str]) -> String {
    ext::message(key, substitutions)
        .unwrap_or_else(|| ENGLISH.with(|english| english.message(key, substitutions)))
}
