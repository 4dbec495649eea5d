//! Capture on a page snapshot written by someone else: `extract` must never panic, whatever the
//! page's JSON-LD, meta tags, texts, microdata and lists hold.
//!
//! The input is fields split by NUL bytes: the URL, the title, then fields tagged by their first
//! byte: `c` canonical, `j` a JSON-LD block, `i` a microdata item as JSON, `m` a meta tag
//! `name SOH value`, `t` a text `key SOH text`, `l` a list row `list SOH key SOH value ...`.
#![no_main]

use follow_through::capture::{extract, MicroItem, Snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = extract(&snapshot(&String::from_utf8_lossy(data)));
});

fn snapshot(input: &str) -> Snapshot {
    let mut fields = input.split('\0');
    let mut snapshot = Snapshot {
        url: fields.next().unwrap_or_default().to_string(),
        title: fields.next().unwrap_or_default().to_string(),
        ..Snapshot::default()
    };
    for field in fields {
        let mut chars = field.chars();
        let tag = chars.next();
        let body = chars.as_str();
        let mut parts = body.split('\u{1}').map(str::to_string);
        match tag {
            Some('c') => snapshot.canonical = Some(body.to_string()),
            Some('j') => snapshot.jsonld.push(body.to_string()),
            Some('i') => snapshot
                .microdata
                .extend(serde_json::from_str::<MicroItem>(body)),
            Some('m') => {
                let name = parts.next().unwrap_or_default();
                snapshot
                    .meta
                    .insert(name, parts.collect::<Vec<_>>().join(""));
            }
            Some('t') => {
                let key = parts.next().unwrap_or_default();
                let texts = snapshot.texts.entry(key).or_default();
                texts.extend(parts);
            }
            Some('l') => {
                let list = parts.next().unwrap_or_default();
                let mut row = std::collections::BTreeMap::new();
                while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
                    row.insert(k, v);
                }
                snapshot.lists.entry(list).or_default().push(row);
            }
            _ => snapshot.truncated = true,
        }
    }
    snapshot
}
