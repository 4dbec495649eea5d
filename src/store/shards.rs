//! Contacts packed many to a record (schema 4), because a LinkedIn network is tens of thousands
//! of people and a browser pays per key: `chrome.storage.local.set` of 30,000 one-contact
//! records takes over a second in Chromium, while the same contacts in 256 records of JSON text
//! take about a quarter of that (measured in `tests/bench/import.bench.mjs`). A contact lives in
//! `contacts/<xx>`, two hex digits hashed from its id; the record's value is the JSON text of an
//! object from id to contact. An entry this version cannot read is kept as it was and written
//! back with its record, so a change to a neighbour never drops it.

use super::{Changes, State, CONTACTS};
use crate::model::{Contact, Id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// How many records the contacts are spread over.
const SHARDS: u32 = 256;

/// The key of the record that keeps the contact with this id.
pub fn shard_of(id: &str) -> String {
    key(shard(id))
}

/// The number of the record that keeps the contact with this id: 32-bit FNV-1a of the id,
/// stable across versions and platforms, as it must be for stored keys.
pub(crate) fn shard(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % SHARDS
}

fn key(shard: u32) -> String {
    format!("{CONTACTS}{shard:02x}")
}

/// The key of every record that may keep contacts.
pub fn contact_record_keys() -> impl Iterator<Item = String> {
    (0..SHARDS).map(key)
}

/// One entry of a record: a contact, or what was stored under its id and could not be read.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Read(&'a Contact),
    Kept(&'a Value),
}

/// Groups raw contact records (as older schemas stored them, one per key) into the records that
/// keep them now, by key.
pub fn pack(contacts: &BTreeMap<Id, Value>) -> BTreeMap<String, Value> {
    records(
        contacts.iter().map(|(id, value)| (id, Entry::Kept(value))),
        None,
    )
}

/// The records holding `entries` (only those of the records numbered in `only`, when given),
/// by key.
fn records<'a>(
    entries: impl Iterator<Item = (&'a Id, Entry<'a>)>,
    only: Option<&BTreeSet<u32>>,
) -> BTreeMap<String, Value> {
    let mut shards: BTreeMap<u32, BTreeMap<&str, Entry>> = BTreeMap::new();
    for (id, entry) in entries {
        let shard = shard(id);
        if only.is_none_or(|only| only.contains(&shard)) {
            shards.entry(shard).or_default().insert(id, entry);
        }
    }
    shards
        .into_iter()
        .filter_map(|(shard, entries)| {
            Some((
                key(shard),
                Value::String(serde_json::to_string(&entries).ok()?),
            ))
        })
        .collect()
}

/// What a stored record of contacts holds.
#[derive(Debug, Default)]
pub struct Unpacked {
    pub contacts: Vec<Contact>,
    /// The entries that could not be read, by id, to write back as they are.
    pub kept: BTreeMap<Id, Value>,
    /// Why each of those could not be read.
    pub errors: Vec<String>,
}

/// The contacts in a stored record (JSON text of an object from id to contact). A record that
/// is not such an object is an error.
pub fn unpack(value: &Value) -> Result<Unpacked, String> {
    let text = value.as_str().ok_or("it is not text")?;
    if let Ok(all) = serde_json::from_str::<BTreeMap<Id, Contact>>(text) {
        return Ok(Unpacked {
            contacts: keyed(all),
            ..Unpacked::default()
        });
    }
    let raw: BTreeMap<Id, Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut read = BTreeMap::new();
    let mut kept = BTreeMap::new();
    let mut errors = Vec::new();
    for (id, value) in raw {
        match Contact::deserialize(&value) {
            Ok(contact) => {
                read.insert(id, contact);
            }
            Err(e) => {
                errors.push(format!("contact {id:?}: {e}"));
                kept.insert(id, value);
            }
        }
    }
    Ok(Unpacked {
        contacts: keyed(read),
        kept,
        errors,
    })
}

/// Each contact under the id its record files it by.
fn keyed(all: BTreeMap<Id, Contact>) -> Vec<Contact> {
    all.into_iter()
        .map(|(id, mut contact)| {
            contact.id = id;
            contact
        })
        .collect()
}

impl State {
    /// Puts contacts into the state and their records into `changes`, each record written once
    /// however many of its contacts changed.
    pub(crate) fn put_contacts(
        &mut self,
        contacts: impl IntoIterator<Item = Contact>,
        changes: &mut Changes,
    ) {
        let mut touched = BTreeSet::new();
        for contact in contacts {
            touched.insert(shard(&contact.id));
            self.contacts.insert(contact.id.clone(), contact);
        }
        if touched.is_empty() {
            return;
        }
        changes.set.extend(self.contact_records(Some(&touched)));
    }

    /// The records that keep the contacts (only those numbered in `only`, when given), by key.
    pub fn contact_records(&self, only: Option<&BTreeSet<u32>>) -> BTreeMap<String, Value> {
        let read = self
            .contacts
            .iter()
            .map(|(id, contact)| (id, Entry::Read(contact)));
        let kept = self
            .kept_contacts
            .iter()
            .map(|(id, value)| (id, Entry::Kept(value)));
        records(read.chain(kept), only)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_contact_is_kept_under_a_key_that_never_changes_between_versions() {
        assert_eq!(shard_of("c1"), "contacts/d9");
        assert_eq!(shard_of("c2"), "contacts/20");
        assert_eq!(shard_of("c12"), "contacts/f1");
    }

    #[test]
    fn an_entry_this_version_cannot_read_is_reported_and_written_back_as_it_was() {
        assert_eq!(
            shard_of("c225"),
            shard_of("c1"),
            "two contacts in one record"
        );
        let unreadable = json!({ "id": "c225", "name": ["not", "a", "name"] });
        let record = json!({ "c1": { "id": "c1", "name": "Ana Lima" }, "c225": unreadable });
        let stored = BTreeMap::from([(shard_of("c1"), Value::String(record.to_string()))]);
        let loaded = State::load(&stored);
        assert_eq!(loaded.state.contacts.len(), 1);
        assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
        assert!(loaded.errors[0].contains("c225"));

        let mut state = loaded.state;
        let mut changes = Changes::default();
        let renamed = Contact::new("c1".into(), "Ana Lima-Souza".into());
        state.put_contacts([renamed], &mut changes);
        let written: Value =
            serde_json::from_str(changes.set[&shard_of("c1")].as_str().unwrap_or_default())
                .unwrap_or_default();
        assert_eq!(written["c1"]["name"], "Ana Lima-Souza");
        assert_eq!(written["c225"], unreadable);
    }

    #[test]
    fn contacts_stored_one_per_key_are_packed_with_nothing_changed() {
        let one = json!({ "id": "c1", "name": "Ana Lima", "company": "Acme, Inc." });
        let other = json!({ "id": "c2", "name": "Bo \"Quoted\" Chen" });
        let raw = BTreeMap::from([
            ("c1".to_string(), one.clone()),
            ("c2".to_string(), other.clone()),
        ]);
        let packed = pack(&raw);
        assert_eq!(
            packed.keys().collect::<Vec<_>>(),
            [&shard_of("c2"), &shard_of("c1")]
        );
        let unpacked = unpack(&packed[&shard_of("c1")]).unwrap_or_default();
        assert!(unpacked.kept.is_empty() && unpacked.errors.is_empty());
        assert_eq!(serde_json::to_value(&unpacked.contacts[0]).ok(), Some(one));
    }
}
