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
mod precision;
mod session;
mod shapes;
mod store;
mod sync;
mod sync_store;
mod wake;

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::store::{due_key_of, shard_of, Changes, Command, State, StoreError};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// `keys`, with the due index records of the follow-ups among them, sorted: the keys a change
/// to those follow-ups writes.
pub fn with_due_index(keys: &[&str]) -> Vec<String> {
    let due = keys
        .iter()
        .filter_map(|key| key.strip_prefix("followup/"))
        .map(due_key_of);
    let all: BTreeSet<String> = keys.iter().map(|k| k.to_string()).chain(due).collect();
    all.into_iter().collect()
}

/// The due times the due index records among `records` hold, all together.
pub fn indexed_dues(records: &BTreeMap<String, Value>) -> usize {
    records
        .iter()
        .filter(|(key, _)| key.starts_with("due/"))
        .filter_map(|(_, index)| index["due"].as_array().map(Vec::len))
        .sum()
}

/// A contact as stored: its entry in the record that keeps it (schema 4 packs contacts).
pub fn stored_contact(records: &BTreeMap<String, Value>, id: &str) -> Value {
    let text = records[&shard_of(id)].as_str().unwrap();
    serde_json::from_str::<Value>(text).unwrap()[id].clone()
}

/// The instant the store's tests run at.
pub const NOW: &str = "2026-03-06T15:00:00Z";

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Storage as the worker keeps it, and the state it has loaded.
#[derive(Default)]
pub struct World {
    pub state: State,
    pub storage: BTreeMap<String, Value>,
}

impl World {
    pub fn write(&mut self, changes: &Changes) {
        for (key, value) in &changes.set {
            self.storage.insert(key.clone(), value.clone());
        }
        for key in &changes.remove {
            self.storage.remove(key);
        }
    }

    /// Applies a command at `NOW` in New York and writes what it changed; the id of the
    /// opportunity it names, if any.
    pub fn run(&mut self, command: Command) -> Result<Option<String>, StoreError> {
        let applied = self.state.apply(command, at(NOW), New_York)?;
        self.write(&applied.changes);
        Ok(applied.opportunity.map(|o| o.id))
    }

    /// The worker was stopped: the next one loads what storage holds.
    pub fn reload(&mut self) {
        let loaded = State::load(&self.storage);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        self.write(&loaded.migrated);
        self.state = loaded.state;
    }
}
