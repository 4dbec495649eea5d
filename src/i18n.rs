//! Every word the extension shows lives in `extension/_locales/<lang>/messages.json`, so a
//! translation needs no code change. The browser looks them up; this catalog of the English
//! file answers where there is no browser (files, tests) and checks that every key in use exists.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The English messages, compiled in without their notes for translators (`build.rs`).
pub const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/messages.json"));

/// One `messages.json`: message name → message.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Catalog(BTreeMap<String, Message>);

#[derive(Debug, Clone, Deserialize)]
struct Message {
    message: String,
    #[serde(default)]
    placeholders: BTreeMap<String, Placeholder>,
}

#[derive(Debug, Clone, Deserialize)]
struct Placeholder {
    content: String,
}

impl Catalog {
    /// Reads a `messages.json`.
    pub fn parse(json: &str) -> Result<Catalog, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The English catalog, read once (empty only if the compiled-in file were broken, which a
    /// test pins).
    pub fn english() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::parse(ENGLISH).unwrap_or_default())
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The message with its placeholders filled the way `chrome.i18n.getMessage` fills them:
    /// `$NAME$` is the placeholder's content, `$1`…`$9` the substitutions, `$$` a dollar sign.
    /// An unknown key is returned as it is, so a missing string shows rather than vanishes.
    pub fn message(&self, key: &str, substitutions: &[&str]) -> String {
        let Some(found) = self.0.get(key) else {
            return key.to_string();
        };
        let named: BTreeMap<String, &str> = found
            .placeholders
            .iter()
            .map(|(name, p)| (name.to_lowercase(), p.content.as_str()))
            .collect();
        let with_named = replace_named(&found.message, &named);
        fill_numbered(&with_named, substitutions)
    }
}

fn replace_named(message: &str, named: &BTreeMap<String, &str>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('$') {
            Some(end) if named.contains_key(&after[..end].to_lowercase()) => {
                out.push_str(named[&after[..end].to_lowercase()]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn fill_numbered(message: &str, substitutions: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('$', Some('$')) => {
                chars.next();
                out.push('$');
            }
            ('$', Some(d @ '1'..='9')) => {
                chars.next();
                let index = d as usize - '1' as usize;
                out.push_str(substitutions.get(index).copied().unwrap_or(""));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_catalog_parses() {
        assert!(Catalog::parse(ENGLISH).is_ok());
        assert!(Catalog::english().has("extName"));
    }

    #[test]
    fn named_placeholders_take_their_substitution() {
        assert_eq!(
            Catalog::english().message("badgeTitle_other", &["3"]),
            "Follow Through: 3 follow-ups to do"
        );
    }

    /// The keys Rust code names: `t("…")` and `tr("…", …)` in the pages, `Key("…")` anywhere.
    /// Comments are left out.
    fn keys_in_use(source: &str) -> Vec<String> {
        let code: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut keys = Vec::new();
        for call in ["t(\"", "tr(\"", "Key(\""] {
            for (at, _) in code.match_indices(call) {
                let word_start = code[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
                let rest = &code[at + call.len()..];
                if let (true, Some(end)) = (word_start, rest.find('"')) {
                    keys.push(rest[..end].to_string());
                }
            }
        }
        keys
    }

    /// Every Rust source file under `src/`, with its text.
    fn rust_sources() -> Vec<(String, String)> {
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut found = Vec::new();
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path.display().to_string(), text));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn every_message_the_rust_code_names_is_in_the_english_catalog() {
        let english = Catalog::english();
        let sources = rust_sources();
        assert!(
            sources.len() > 50,
            "the sources are read: {}",
            sources.len()
        );
        let mut missing = Vec::new();
        let mut named = 0;
        for (path, source) in &sources {
            for key in keys_in_use(source) {
                named += 1;
                if !english.has(&key) {
                    missing.push(format!("{path}: {key}"));
                }
            }
        }
        assert!(missing.is_empty(), "not in messages.json: {missing:?}");
        assert!(named > 400, "the keys are found: {named}");
        assert_eq!(
            keys_in_use(
                "t(\"a\") x.get(\"b\") tr(\"c\", &[]) Key(\"d\") MyKey(\"e\")\n// Key(\"f\")"
            ),
            ["a", "c", "d"]
        );
    }

    /// The message names a source writes as a bare string, not through `t("…")`, `tr("…")`,
    /// `Key("…")` or the browser's own lookup (`message("…")`): a table of keys the first test
    /// cannot check.
    fn keys_in_tables(source: &str, english: &Catalog) -> Vec<String> {
        let mut found = Vec::new();
        for line in source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
        {
            for (at, _) in line.match_indices('"') {
                let rest = &line[at + 1..];
                let Some(end) = rest.find('"') else { continue };
                let word = &rest[..end];
                let before = &line[..at];
                let called = ["t", "tr", "Key", "message"].iter().any(|call| {
                    before
                        .strip_suffix(&format!("{call}("))
                        .is_some_and(|head| {
                            head.chars()
                                .next_back()
                                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                        })
                });
                if !called && english.has(word) {
                    found.push(word.to_string());
                }
            }
        }
        found
    }

    #[test]
    fn the_pages_name_every_message_where_the_key_test_sees_it() {
        let english = Catalog::english();
        let tables: Vec<String> = rust_sources()
            .iter()
            .filter(|(path, _)| path.contains("/src/web/"))
            .flat_map(|(path, source)| {
                keys_in_tables(source, english)
                    .into_iter()
                    .map(move |key| format!("{path}: {key}"))
            })
            .collect();
        assert!(
            tables.is_empty(),
            "message names in tables (the core's phrase() should name them): {tables:?}"
        );
        assert_eq!(
            keys_in_tables(
                "t(\"extName\") (Lane::Saved, \"extName\") first(\"langCode\")\n// \"extName\"",
                english
            ),
            ["extName", "langCode"]
        );
    }

    #[test]
    fn every_placeholder_a_message_names_is_declared_and_every_declared_one_named() {
        let english = Catalog::english();
        let mut wrong = Vec::new();
        for (key, message) in &english.0 {
            let mut named: Vec<String> = message
                .message
                .split('$')
                .skip(1)
                .step_by(2)
                .filter(|name| {
                    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                })
                .map(str::to_lowercase)
                .collect();
            named.sort();
            named.dedup();
            let declared: Vec<String> = message
                .placeholders
                .keys()
                .map(|p| p.to_lowercase())
                .collect();
            if named != declared {
                wrong.push(format!("{key}: names {named:?}, declares {declared:?}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    /// The keys a static page marks with `data-i18n`, `data-i18n-title` or `data-i18n-aria-label`.
    fn keys_marked(html: &str) -> Vec<String> {
        html.match_indices("data-i18n")
            .filter_map(|(at, _)| {
                let rest = &html[at..];
                let value = &rest[rest.find("=\"")? + 2..];
                let name = &rest[..rest.find("=\"")?];
                let plain = ["data-i18n", "data-i18n-title", "data-i18n-aria-label"];
                plain
                    .contains(&name)
                    .then(|| value[..value.find('"').unwrap_or(0)].to_string())
            })
            .collect()
    }

    fn files(dir: &str, extension: &str) -> Vec<(String, String)> {
        let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == extension))
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                (path.display().to_string(), text)
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_message_the_static_pages_mark_is_in_the_english_catalog() {
        let english = Catalog::english();
        let pages = files("www", "html");
        assert!(pages.len() >= 4, "the pages are read: {}", pages.len());
        let mut missing = Vec::new();
        for (path, html) in &pages {
            for key in keys_marked(html) {
                if !english.has(&key) {
                    missing.push(format!("{path}: {key:?}"));
                }
            }
        }
        assert!(missing.is_empty(), "not in messages.json: {missing:?}");
        assert_eq!(
            keys_marked(r#"<h1 data-i18n="a">A</h1><b data-i18n-title="b" data-other="c">"#),
            ["a", "b"]
        );
    }

    #[test]
    fn every_message_in_the_english_catalog_is_used() {
        let mut sources = rust_sources();
        sources.extend(files("www", "html"));
        sources.extend(files("www", "js"));
        for file in ["extension/content.js", "extension/manifest.jsonc"] {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            sources.push((file.to_string(), std::fs::read_to_string(path).unwrap()));
        }
        let used = |key: &str| {
            let forms = [
                format!("\"{key}\""),
                format!("'{key}'"),
                format!("__MSG_{key}__"),
            ];
            sources
                .iter()
                .any(|(_, text)| forms.iter().any(|form| text.contains(form.as_str())))
        };
        let english = Catalog::english();
        let unused: Vec<&String> = english.0.keys().filter(|key| !used(key)).collect();
        assert!(
            unused.is_empty(),
            "in messages.json but used nowhere: {unused:?}"
        );
    }

    #[test]
    fn an_unknown_key_shows_as_itself() {
        assert_eq!(Catalog::english().message("noSuchKey", &[]), "noSuchKey");
    }

    #[test]
    fn dollars_and_missing_substitutions_are_handled_like_the_browser() {
        let catalog = Catalog::parse(
            r#"{"k": {"message": "$$5 for $WHO$ and $2", "placeholders": {"who": {"content": "$1"}}}}"#,
        )
        .unwrap();
        assert_eq!(catalog.message("k", &["Ana"]), "$5 for Ana and ");
    }
}
