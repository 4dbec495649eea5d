//! The synced document in the browser's sync area, which is small (Chrome and Firefox: about
//! 100 KB in all, 8 KB an item, 512 items) and written by every computer of the user at once,
//! each write replacing whole items. So each computer writes only items of its own
//! (`ft.<computer>.<n>`), holding the changes it made that are still the latest, compressed, and
//! reads everyone's; together they are the whole document, with nothing twice. What does not fit is
//! left out by usefulness: settings and deletions first, then open applications (newest first)
//! with their events and follow-ups, then contacts, then what is about people only, then closed
//! applications; the caller says plainly what was left out.

use super::records::{APPLICATION, HAPPENED, PERSON, SETTINGS, TEMPLATE, TO_DO};
use super::{Doc, Item, Replica, Stamp};
use crate::model::Stage;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// What the browser's sync area allows (`chrome.storage.sync.QUOTA_BYTES`, `QUOTA_BYTES_PER_ITEM`
/// and `MAX_ITEMS`; Firefox has the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub bytes: usize,
    pub per_item: usize,
    pub items: usize,
}

pub const SYNC_QUOTA: Quota = Quota {
    bytes: 102_400,
    per_item: 8_192,
    items: 512,
};

/// The start of every key this extension writes in the sync area.
pub const PREFIX: &str = "ft.";

/// This computer's items for the sync area, and what did not fit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    pub items: BTreeMap<String, Value>,
    /// The document's records left out, most useful first.
    pub left_out: Vec<String>,
    /// What the items count against the quota: each key's length and its value's JSON text.
    pub bytes: usize,
}

/// The bytes an item counts against the quota, as the browser counts them.
pub fn item_bytes(key: &str, value: &Value) -> usize {
    key.len() + serde_json::to_string(value).map_or(0, |text| text.len())
}

/// Packs the changes `me` made that are still the latest in `doc` into at most `quota.items`
/// items of at most `quota.per_item` bytes, `budget` bytes in all (the quota less what the other
/// computers' items take), each item compressed (`compressed`).
///
/// Where items end depends on the records' keys, not on their sizes, and an item is named after
/// its first record: a change rewrites the item of the records it touched and leaves the others
/// as they are. An item whose records are as `before` holds them (the sync area as it is) is
/// taken from there, not compressed again.
pub fn pack(
    doc: &Doc,
    me: &Replica,
    budget: usize,
    quota: Quota,
    before: &BTreeMap<String, Value>,
) -> Packed {
    let records: Vec<(&String, String)> = useful_first(doc)
        .into_iter()
        .filter_map(|key| {
            let record = mine(doc.items.get(key)?, me)?;
            Some((key, format!("{}:{record}", Value::from(key.as_str()))))
        })
        .collect();
    let mut packed = Packed::default();
    let mut pieces: Vec<(usize, usize)> = chunks(&records, quota.per_item * GUESSED_RATIO);
    pieces.reverse();
    while let Some((first, end)) = pieces.pop() {
        let key = format!("{PREFIX}{me}.{:x}", fnv(records[first].0));
        let text = format!(
            "{{{}}}",
            records[first..end]
                .iter()
                .map(|(_, entry)| entry.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        let value = before
            .get(&key)
            .filter(|v| decompressed_text(v).is_ok_and(|t| t == text))
            .cloned()
            .unwrap_or_else(|| compressed(&text));
        let bytes = item_bytes(&key, &value);
        let room = packed.items.len() < quota.items && packed.bytes + bytes <= budget;
        if bytes <= quota.per_item && room {
            packed.items.insert(key, value);
            packed.bytes += bytes;
        } else if end - first == 1 {
            packed.left_out.push(records[first].0.clone());
        } else {
            let middle = first + (end - first) / 2;
            pieces.push((middle, end));
            pieces.push((first, middle));
        }
    }
    packed
}

/// Where items end, as ranges of `records`: after each record whose key's hash is a multiple of
/// `RECORDS_AN_ITEM` (about that many records an item, the same boundaries whatever else
/// changed), and before a record that would take an item past `most` bytes uncompressed.
fn chunks(records: &[(&String, String)], most: usize) -> Vec<(usize, usize)> {
    let mut chunks = Vec::new();
    let (mut first, mut bytes) = (0, 0);
    for (n, (key, entry)) in records.iter().enumerate() {
        if n > first && bytes + entry.len() > most {
            chunks.push((first, n));
            (first, bytes) = (n, 0);
        }
        bytes += entry.len();
        if fnv(key).is_multiple_of(RECORDS_AN_ITEM) {
            chunks.push((first, n + 1));
            (first, bytes) = (n + 1, 0);
        }
    }
    if first < records.len() {
        chunks.push((first, records.len()));
    }
    chunks
}

/// About how many records an item holds (see `chunks`).
const RECORDS_AN_ITEM: u64 = 96;

/// 64-bit FNV-1a of a record's key: stable across versions and platforms, as the sync area's
/// item names must be.
fn fnv(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// How many times smaller an item's records are expected to get compressed: an item holds at
/// most this many times the quota of an item before it is compressed, and is halved until it
/// fits.
const GUESSED_RATIO: usize = 4;

/// The most an item may hold once decompressed: more is not an item this extension wrote.
const MOST_DECOMPRESSED: usize = 1 << 20;

/// An item's records as the sync area holds them: the JSON text of the object, compressed (raw
/// deflate, RFC 1951), in base 64 after `z:`. JSON text compresses about four times, which is
/// how much more of the user's search fits.
pub(crate) fn compressed(text: &str) -> Value {
    let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
    Value::String(format!("z:{}", STANDARD_NO_PAD.encode(deflated)))
}

/// An item's records from what the sync area holds.
fn decompressed(value: &Value) -> Result<Map<String, Value>, String> {
    let text = decompressed_text(value)?;
    serde_json::from_str(&text).map_err(|e| format!("it is not records: {e}"))
}

/// An item's JSON text from what the sync area holds.
fn decompressed_text(value: &Value) -> Result<String, String> {
    let text = value.as_str().ok_or("it is not text")?;
    let encoded = text
        .strip_prefix("z:")
        .ok_or("it is not compressed records")?;
    let deflated = STANDARD_NO_PAD
        .decode(encoded)
        .map_err(|e| format!("it is not base 64: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MOST_DECOMPRESSED)
        .map_err(|e| format!("it does not decompress: {e}"))?;
    String::from_utf8(json).map_err(|e| format!("it is not text: {e}"))
}

/// A record's changes made by `me` that are its latest: `{"g": [time, deleted], "<time>":
/// {field: value, ...}, ...}`, times in base 36; `None` if it has none.
fn mine(item: &Item, me: &Replica) -> Option<Value> {
    let mut record = Map::new();
    if let Some((stamp, gone)) = item.gone.as_ref().filter(|(s, _)| s.replica == *me) {
        record.insert(
            "g".into(),
            Value::Array(vec![time(stamp).into(), (*gone).into()]),
        );
    }
    for (name, (stamp, value)) in item.fields.iter().filter(|(_, (s, _))| s.replica == *me) {
        let group = record
            .entry(time(stamp))
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(group) = group {
            group.insert(name.clone(), value.clone());
        }
    }
    (!record.is_empty()).then_some(Value::Object(record))
}

fn time(stamp: &Stamp) -> String {
    let text = stamp.to_string();
    text.split('.').next().unwrap_or_default().to_string()
}

/// The document read back from the sync area's items (every computer's), with what could not be
/// read, in words. Items of other extensions or of a later format are skipped.
pub fn unpack(items: &BTreeMap<String, Value>) -> (Doc, Vec<String>) {
    let mut doc = Doc::default();
    let mut errors = Vec::new();
    for (key, value) in items {
        let Some(rest) = key.strip_prefix(PREFIX) else {
            continue;
        };
        let Some(replica) = rest.split('.').next().and_then(Replica::parse) else {
            errors.push(format!("sync item {key:?} is not named after a computer"));
            continue;
        };
        let records = match decompressed(value) {
            Ok(records) => records,
            Err(why) => {
                errors.push(format!("sync item {key:?} could not be read: {why}"));
                continue;
            }
        };
        let mut part = Doc::default();
        for (doc_key, record) in &records {
            match read_record(record, &replica) {
                Some(item) => {
                    part.items.insert(doc_key.clone(), item);
                }
                None => errors.push(format!(
                    "record {doc_key:?} of sync item {key:?} could not be read"
                )),
            }
        }
        doc.merge(&part);
    }
    (doc, errors)
}

fn read_record(record: &Value, replica: &Replica) -> Option<Item> {
    let stamp = |time: &str| {
        Some(Stamp {
            time: u64::from_str_radix(time, 36).ok()?,
            replica: replica.clone(),
        })
    };
    let mut item = Item::default();
    for (name, value) in record.as_object()? {
        if name == "g" {
            let pair = value.as_array()?;
            let (time, gone) = (pair.first()?.as_str()?, pair.get(1)?.as_bool()?);
            item.gone = Some((stamp(time)?, gone));
            continue;
        }
        let stamp = stamp(name)?;
        for (field, value) in value.as_object()? {
            item.fields
                .insert(field.clone(), (stamp.clone(), value.clone()));
        }
    }
    Some(item)
}

/// The document's keys, most useful first (see the module's opening).
fn useful_first(doc: &Doc) -> Vec<&String> {
    let applications: BTreeMap<&str, (bool, &str)> = doc
        .items
        .iter()
        .filter_map(|(key, item)| {
            let id = key.strip_prefix(APPLICATION)?;
            let values = item.values()?;
            let stage = values
                .get("stage")
                .and_then(|s| Stage::deserialize(*s).ok());
            let created = values.get("created_at").and_then(|v| v.as_str());
            Some((
                id,
                (
                    !stage.is_some_and(Stage::is_closed),
                    created.unwrap_or_default(),
                ),
            ))
        })
        .collect();
    let mut ranked: Vec<(u8, Reverse<&str>, &str, u8, &String)> = doc
        .items
        .iter()
        .map(|(key, item)| {
            let about = if let Some(id) = key.strip_prefix(APPLICATION) {
                Some((id, 0))
            } else if key.starts_with(HAPPENED) || key.starts_with(TO_DO) {
                let kind = if key.starts_with(HAPPENED) { 1 } else { 2 };
                item.values()
                    .and_then(|v| v.get("opportunity").and_then(|o| o.as_str()))
                    .map(|id| (id, kind))
            } else {
                None
            };
            let application = about.and_then(|(id, kind)| {
                let (open, created) = applications.get(id)?;
                Some((id, kind, *open, *created))
            });
            match application {
                _ if key == SETTINGS || key.starts_with(TEMPLATE) => (0, Reverse(""), "", 0, key),
                _ if item.is_gone() => (1, Reverse(""), "", 0, key),
                Some((id, kind, true, created)) => (2, Reverse(created), id, kind, key),
                Some((id, kind, false, created)) => (5, Reverse(created), id, kind, key),
                None if key.starts_with(PERSON) => (3, Reverse(""), "", 0, key),
                None => (4, Reverse(""), "", 0, key),
            }
        })
        .collect();
    ranked.sort();
    ranked.into_iter().map(|(.., key)| key).collect()
}
