//! Storage written by every older schema version loads into the current one: nothing lost,
//! migrated once, descriptions moved to records of their own (schema 3) and contacts packed
//! many to a record (schema 4).

use follow_through::store::{loads_on_wake, State, SCHEMA_VERSION};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture(version: u32) -> BTreeMap<String, Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/storage/v{version}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: every schema before {SCHEMA_VERSION} needs a fixture ({e})",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

fn count(records: &BTreeMap<String, Value>, prefix: &str) -> usize {
    records.keys().filter(|k| k.starts_with(prefix)).count()
}

/// The fixture's descriptions by opportunity id, as the older schema kept them (inside the job
/// before schema 3, apart since).
fn descriptions(records: &BTreeMap<String, Value>) -> BTreeMap<String, String> {
    records
        .iter()
        .filter_map(|(key, value)| {
            let (id, text) = match key.strip_prefix("opportunity/") {
                Some(id) => (id, value["job"]["description"].as_str()?),
                None => (key.strip_prefix("description/")?, value.as_str()?),
            };
            Some((id.to_string(), text.to_string()))
        })
        .collect()
}

#[test]
fn storage_of_every_older_schema_loads_whole_and_is_migrated_once() {
    for version in 1..SCHEMA_VERSION {
        let records = fixture(version);
        assert_eq!(records["meta"]["schema"], version, "v{version}.json");
        let loaded = State::load(&records);
        assert!(loaded.errors.is_empty(), "v{version}: {:?}", loaded.errors);
        assert_eq!(loaded.migrated.set["meta"]["schema"], SCHEMA_VERSION);
        let state = &loaded.state;
        assert_eq!(state.opportunities.len(), count(&records, "opportunity/"));
        assert_eq!(state.contacts.len(), count(&records, "contact/"));
        assert_eq!(state.events.len(), count(&records, "event/"));
        assert_eq!(state.followups.len(), count(&records, "followup/"));
        assert_eq!(state.seen.len(), count(&records, "seen/"));
        assert_eq!(state.aliases.len(), count(&records, "alias/"));
        assert_eq!(state.seen_people.len(), count(&records, "seen-person/"));
        let kept: BTreeMap<String, String> = state
            .opportunities
            .iter()
            .filter_map(|(id, o)| Some((id.clone(), o.job.description.clone()?)))
            .collect();
        assert_eq!(
            kept,
            descriptions(&records),
            "v{version}: descriptions kept"
        );
        assert!(
            !kept.is_empty(),
            "v{version}.json should hold a description"
        );

        let mut stored = records.clone();
        stored.extend(loaded.migrated.set.clone());
        for key in &loaded.migrated.remove {
            stored.remove(key);
        }
        assert_eq!(count(&stored, "contact/"), 0, "v{version}: contacts packed");
        assert!(count(&stored, "contacts/") > 0, "v{version}");
        for (key, value) in stored.iter().filter(|(k, _)| k.starts_with("opportunity/")) {
            assert!(
                value["job"].get("description").is_none(),
                "v{version}: {key}"
            );
        }
        let again = State::load(&stored);
        assert!(again.migrated.is_empty() && again.errors.is_empty());
        assert_eq!(
            &again.state, state,
            "v{version}: migrated storage reads the same"
        );
    }
}

#[test]
fn a_migrated_store_woken_then_read_where_needed_is_the_store_but_its_descriptions() {
    let loaded = State::load(&fixture(3));
    let mut stored = fixture(3);
    stored.extend(loaded.migrated.set);
    for key in &loaded.migrated.remove {
        stored.remove(key);
    }
    let keys: Vec<String> = stored.keys().cloned().collect();
    let on_wake: BTreeMap<String, Value> = stored
        .clone()
        .into_iter()
        .filter(|(key, _)| loads_on_wake(key))
        .collect();
    assert!(on_wake
        .keys()
        .all(|k| !k.starts_with("description/") && !k.starts_with("contacts/")));
    let woken = State::woken(&on_wake, &keys);
    assert!(woken.errors.is_empty() && woken.migrated.is_empty());
    let mut state = woken.state;
    assert!(!state.unread.is_empty());
    let unread: Vec<String> = state.unread.iter().cloned().collect();
    assert!(state.read_unread(&unread, &stored).is_empty());
    let mut expected = loaded.state;
    for o in expected.opportunities.values_mut() {
        o.job.description = None;
    }
    assert_eq!(state, expected);
}
