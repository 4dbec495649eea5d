//! The readers of hostile input, each driven by raw bytes: pages written by someone else, files
//! the user picks, phrases pasted from an email. Each function must not panic, whatever the
//! bytes; where a reader accepts its input, what it promises is asserted too. The libFuzzer
//! targets in `fuzz/` call these (millions of executions, by hand: `./build.sh fuzz`), and
//! `cargo test` runs them over the seed corpus plus a bounded number of mutated seeds.

use crate::capture::connections::{read_connections, text_of, windows_1252};
use crate::capture::{extract, MicroItem, Snapshot};
use crate::formats::backup::{export, plan_import, Mode};
use crate::model::{DateOrder, Settings};
use crate::playbook::promise::parse;
use crate::schedule::Calendar;
use crate::store::State;
use crate::sync::local::{receive, Local};
use crate::sync::pack::{compressed, unpack};
use crate::sync::{Clock, Replica};
use crate::text::date;
use crate::zone::{self, Tz};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::TZ_VARIANTS;
use serde_json::Value;
use std::collections::BTreeMap;

/// Capture on a page snapshot: `extract` must never panic, whatever the page's JSON-LD, meta
/// tags, texts, microdata and lists hold.
///
/// The input is fields split by NUL bytes: the URL, the title, then fields tagged by their first
/// byte: `c` canonical, `j` a JSON-LD block, `i` a microdata item as JSON, `m` a meta tag
/// `name SOH value`, `t` a text `key SOH text`, `l` a list row `list SOH key SOH value ...`.
pub fn extract_snapshot(data: &[u8]) {
    let _ = extract(&snapshot(&String::from_utf8_lossy(data)));
}

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
                snapshot.texts.entry(key).or_default().extend(parts);
            }
            Some('l') => {
                let list = parts.next().unwrap_or_default();
                let mut row = BTreeMap::new();
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

/// Importing a backup file the user picked: `plan_import` must never panic, and whatever it
/// accepts must export and import again to the same state.
pub fn backup_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let current = State::default();
    let _ = plan_import(&current, text, Mode::Merge);
    if let Ok(plan) = plan_import(&current, text, Mode::Replace) {
        let now = DateTime::from_timestamp(1_772_787_600, 0).unwrap_or_default();
        let again = plan_import(&current, &export(&plan.state, now), Mode::Replace);
        assert!(
            matches!(&again, Ok(again) if again.state == plan.state),
            "an accepted backup exports to one that is accepted, with the same state"
        );
    }
}

/// LinkedIn's `Connections.csv` as the user hands it over, re-saved by any spreadsheet in any
/// encoding: `read_connections` must never panic, and neither must the date reader it uses.
pub fn linkedin_csv(data: &[u8]) {
    let _ = read_connections(&text_of(data, windows_1252));
    let _ = date(&String::from_utf8_lossy(data));
}

/// Promise phrases typed by the user (or pasted from an email): `promise::parse` must never
/// panic, in any zone, at any time, in either day/month order.
///
/// The first 6 bytes choose the moment (4 bytes of seconds from 2000), the zone and the date
/// order; the rest is the text.
pub fn promise(data: &[u8]) {
    let Some((head, text)) = data.split_first_chunk::<6>() else {
        return;
    };
    let seconds = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    let at = DateTime::<Utc>::from_timestamp(946_684_800, 0).unwrap_or_default()
        + Duration::seconds(seconds.into());
    let tz: Tz = zone::of(TZ_VARIANTS[usize::from(head[4]) % TZ_VARIANTS.len()]);
    let settings = Settings {
        date_order: if head[5] % 2 == 0 {
            DateOrder::MonthDay
        } else {
            DateOrder::DayMonth
        },
        work_days: if head[5] & 2 == 0 {
            Settings::default().work_days
        } else {
            Vec::new()
        },
        ..Settings::default()
    };
    let _ = parse(
        &String::from_utf8_lossy(text),
        at,
        &Calendar {
            tz,
            settings: &settings,
        },
    );
}

/// The browser's sync area as another computer left it (another version of the extension, a
/// write cut short): reading it must never panic, and what it brings into the store, brought a
/// second time, changes nothing.
///
/// The input is items split by NUL bytes, each `key SOH value`; a value starting with `Z` is
/// the rest compressed as the extension writes items, one starting with `J` the rest as JSON,
/// any other the text as it is.
pub fn sync_area(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let area: BTreeMap<String, Value> = text
        .split('\0')
        .filter_map(|item| item.split_once('\u{1}'))
        .map(|(key, value)| {
            let value = if let Some(records) = value.strip_prefix('Z') {
                compressed(records)
            } else if let Some(json) = value.strip_prefix('J') {
                serde_json::from_str(json).unwrap_or(Value::Null)
            } else {
                Value::String(value.to_string())
            };
            (key.to_string(), value)
        })
        .collect();
    let (doc, _) = unpack(&area);
    assert!(
        doc.clone().merge(&doc).is_empty(),
        "merging what is known changes nothing"
    );
    let Some(replica) = Replica::parse("fuzzing") else {
        return;
    };
    let mut local = Local {
        on: true,
        clock: Clock::new(replica),
        left_out: 0,
        problem: None,
    };
    let (mut mine, mut state) = (crate::sync::Doc::default(), State::default());
    receive(&mut local, &mut mine, &mut state, &area);
    let again = receive(&mut local, &mut mine, &mut state, &area);
    assert!(
        again.local.is_empty(),
        "what arrived twice changes nothing the second time"
    );
}
