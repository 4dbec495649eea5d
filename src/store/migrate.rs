//! Records stored by older versions, brought up to the current schema before they are read.
//! Each step rewrites only the records whose shape changed, and those (plus `meta`) are handed
//! back to be persisted, so storage is current after the first wake.
//!
//! 1 → 2: a contact's `opportunities: [id]` became `links: [{opportunity, role}]` (role
//! `contact`, as version 1 knew no roles). Events (`kind` + `opportunity`), opportunities and
//! follow-ups of version 1 read unchanged: every field added since has a default.
//!
//! 2 → 3: an opportunity's `job.description` moved to its own record, `description/<id>`, so
//! the worker can wake without reading every posting's text.
//!
//! 3 → 4: contacts, one per `contact/<id>` record until now, are packed into `contacts/<xx>`
//! records (see `shards`), so a network of tens of thousands is written in a few hundred keys.

use super::{shards, Changes, CONTACT, DESCRIPTION, META_KEY, OPPORTUNITY, SCHEMA_VERSION};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The records in the current schema (borrowed when they already are: a waking worker reads
/// tens of thousands), the rewritten ones to persist, and what went wrong.
pub fn upgrade(
    records: &BTreeMap<String, Value>,
) -> (Cow<'_, BTreeMap<String, Value>>, Changes, Vec<String>) {
    let mut changes = Changes::default();
    let schema = records
        .get(META_KEY)
        .and_then(|m| m.get("schema"))
        .and_then(Value::as_u64)
        .unwrap_or(u64::from(SCHEMA_VERSION));
    if schema > u64::from(SCHEMA_VERSION) {
        let error = format!(
            "storage was written by a newer version (schema {schema}); records are read as \
             schema {SCHEMA_VERSION} and left as they are"
        );
        return (Cow::Borrowed(records), changes, vec![error]);
    }
    if schema == u64::from(SCHEMA_VERSION) {
        return (Cow::Borrowed(records), changes, Vec::new());
    }
    let mut records = records.clone();
    if schema < 2 {
        for (key, value) in records.iter_mut() {
            if key.starts_with(CONTACT) && contact_1_to_2(value) {
                changes.set.insert(key.clone(), value.clone());
            }
        }
    }
    if schema < 3 {
        let moved: Vec<(String, Value)> = records
            .iter_mut()
            .filter_map(|(key, value)| {
                let id = key.strip_prefix(OPPORTUNITY)?;
                let text = value
                    .get_mut("job")
                    .and_then(Value::as_object_mut)?
                    .remove("description")?;
                changes.set.insert(key.clone(), value.clone());
                Some((format!("{DESCRIPTION}{id}"), text))
            })
            .collect();
        for (key, text) in moved {
            changes.set.insert(key.clone(), text.clone());
            records.insert(key, text);
        }
    }
    if schema < 4 {
        let contacts: BTreeMap<String, Value> = records
            .iter()
            .filter_map(|(key, value)| {
                Some((key.strip_prefix(CONTACT)?.to_string(), value.clone()))
            })
            .collect();
        for id in contacts.keys() {
            let key = format!("{CONTACT}{id}");
            records.remove(&key);
            changes.set.remove(&key);
            changes.remove.push(key);
        }
        for (key, record) in shards::pack(&contacts) {
            changes.set.insert(key.clone(), record.clone());
            records.insert(key, record);
        }
    }
    if schema < u64::from(SCHEMA_VERSION) {
        if let Some(meta) = records.get_mut(META_KEY).and_then(Value::as_object_mut) {
            meta.insert("schema".into(), json!(SCHEMA_VERSION));
            changes
                .set
                .insert(META_KEY.into(), Value::Object(meta.clone()));
        }
    }
    (Cow::Owned(records), changes, Vec::new())
}

/// `opportunities: ["o1"]` → `links: [{"opportunity": "o1", "role": "contact"}]`.
fn contact_1_to_2(contact: &mut Value) -> bool {
    let Some(fields) = contact.as_object_mut() else {
        return false;
    };
    let Some(opportunities) = fields.remove("opportunities") else {
        return false;
    };
    let links: Vec<Value> = opportunities
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|id| json!({ "opportunity": id, "role": "contact" }))
        .collect();
    if !links.is_empty() {
        fields.insert("links".into(), Value::Array(links));
    }
    true
}
