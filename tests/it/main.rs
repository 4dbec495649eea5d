//! The one native integration-test binary: behaviour pinned over real corpus pages and
//! scenarios, module by module.
#![allow(clippy::unwrap_used)]

mod capture;
mod capture_score;
mod dashboard;
mod edit_delete;
mod formats_backup;
mod formats_export;
mod formats_ics;
mod glance;
mod hostile;
mod i18n;
mod import;
mod layers;
mod logform;
mod migrate;
mod network;
mod people_score;
mod people_store;
mod playbook_scenarios;
mod playbook_store;
mod store;
mod wake;

use follow_through::store::shard_of;
use serde_json::Value;
use std::collections::BTreeMap;

/// A contact as stored: its entry in the record that keeps it (schema 4 packs contacts).
pub fn stored_contact(records: &BTreeMap<String, Value>, id: &str) -> Value {
    let text = records[&shard_of(id)].as_str().unwrap();
    serde_json::from_str::<Value>(text).unwrap()[id].clone()
}
