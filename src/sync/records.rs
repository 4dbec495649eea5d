//! What this computer writes to the synced document after a change: the user's own data, each
//! record as fields, every id in it as every computer knows it (`ids`). Applications without
//! their long descriptions; events; follow-ups; contacts the user works with (not the imported
//! network); settings and templates; postings linked as the same job.
//!
//! Follow-ups travel as they are rather than being planned again from the events on each
//! computer: what the rules plan depends on the order things happened in and on what was known
//! then (an application's "find the hiring manager's name" is planned only when no contact is
//! known yet), and a computer that hears of several changes at once would plan otherwise.
//! A follow-up's status travels as two fields: how it ended (done, cancelled, ...) and its
//! snoozes, so a follow-up done on one computer and snoozed on another is done on both.

use super::{Doc, Replica, Stamp};
use crate::model::{Contact, Event, FollowUp, Opportunity, What};
use crate::store::{
    shard_of, Changes, State, ALIAS, CONTACTS, EVENT, FOLLOWUP, OPPORTUNITY, SETTINGS_KEY,
};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The document's kinds of record, as the first part of its keys.
pub const APPLICATION: &str = "application/";
pub const HAPPENED: &str = "event/";
pub const TO_DO: &str = "followup/";
pub const PERSON: &str = "contact/";
pub const SAME_JOB: &str = "alias/";
pub const TEMPLATE: &str = "template/";
pub const SETTINGS: &str = "settings";

/// The fields of a posting that travel with its application (all but its description).
pub const JOB_FIELDS: [&str; 13] = [
    "title",
    "company",
    "location",
    "url",
    "job_id",
    "employment_type",
    "remote",
    "salary",
    "date_posted",
    "valid_through",
    "hiring_contact",
    "source",
    "job_key",
];
pub const APPLICATION_FIELDS: [&str; 4] = ["stage", "created_at", "notes", "edits"];
pub const EVENT_FIELDS: [&str; 4] = ["at", "opportunity", "contact", "what"];
pub const FOLLOWUP_FIELDS: [&str; 14] = [
    "rule",
    "opportunity",
    "contact",
    "event",
    "due",
    "zone",
    "text",
    "touch",
    "note",
    "ended",
    "ended_at",
    "outcome",
    "snoozes",
    "edits",
];
pub const CONTACT_FIELDS: [&str; 15] = [
    "name",
    "email",
    "phone",
    "profile_url",
    "links",
    "referred_by",
    "cadence_days",
    "headline",
    "company",
    "position",
    "location",
    "degree",
    "connected_on",
    "notes",
    "edits",
];

/// Writes into `doc` what `changes` (a command's, applied to `state`) changed of the user's
/// own data, stamped `stamp`. Whether the document changed.
pub fn write(
    doc: &mut Doc,
    state: &State,
    changes: &Changes,
    replica: &Replica,
    stamp: &Stamp,
) -> bool {
    let mut changed = false;
    let mut shards = BTreeSet::new();
    for key in changes.set.keys() {
        let ours = |prefix: &str| key.strip_prefix(prefix);
        if let Some(id) = ours(OPPORTUNITY) {
            if let Some(o) = state.opportunities.get(id) {
                let key = format!("{APPLICATION}{}", replica.global(id));
                changed |= doc.put(&key, application(o), stamp);
            }
        } else if let Some(id) = ours(EVENT) {
            if let Some(e) = state.events.get(id) {
                let key = format!("{HAPPENED}{}", replica.global(id));
                changed |= doc.put(&key, event(e, replica), stamp);
            }
        } else if let Some(id) = ours(FOLLOWUP) {
            if let Some(f) = state.followups.get(id) {
                let key = format!("{TO_DO}{}", replica.global(id));
                changed |= doc.put(&key, followup(f, replica), stamp);
            }
        } else if key.starts_with(CONTACTS) {
            shards.insert(key.clone());
        } else if let Some(posting) = ours(ALIAS) {
            if let Some(id) = state.aliases.get(posting) {
                let fields = BTreeMap::from([("opportunity".into(), replica.global(id).into())]);
                changed |= doc.put(&format!("{SAME_JOB}{posting}"), fields, stamp);
            }
        } else if key == SETTINGS_KEY {
            changed |= settings(doc, state, stamp);
        }
    }
    for key in &changes.remove {
        let ours = |prefix: &str| key.strip_prefix(prefix);
        let gone = if let Some(id) = ours(OPPORTUNITY) {
            format!("{APPLICATION}{}", replica.global(id))
        } else if let Some(id) = ours(EVENT) {
            format!("{HAPPENED}{}", replica.global(id))
        } else if let Some(id) = ours(FOLLOWUP) {
            format!("{TO_DO}{}", replica.global(id))
        } else if let Some(posting) = ours(ALIAS) {
            format!("{SAME_JOB}{posting}")
        } else {
            if key.starts_with(CONTACTS) {
                shards.insert(key.clone());
            }
            continue;
        };
        changed |= doc.remove(&gone, stamp);
    }
    if !shards.is_empty() {
        changed |= contacts(doc, state, &shards, replica, stamp);
    }
    changed
}

/// Whether a record of this computer's store holds some of the user's own data that syncs.
pub fn is_synced(key: &str) -> bool {
    [OPPORTUNITY, EVENT, FOLLOWUP, CONTACTS, ALIAS]
        .iter()
        .any(|prefix| key.starts_with(prefix))
        || key == SETTINGS_KEY
}

/// The change that brings the records of `keys` in the document to what `state` holds now:
/// those still there are written, the others deleted (`write` reads their values from `state`).
pub fn changes_of(state: &State, keys: &BTreeSet<String>) -> Changes {
    let mut changes = Changes::default();
    for key in keys {
        let ours = |prefix: &str| key.strip_prefix(prefix);
        let there = if let Some(id) = ours(OPPORTUNITY) {
            state.opportunities.contains_key(id)
        } else if let Some(id) = ours(EVENT) {
            state.events.contains_key(id)
        } else if let Some(id) = ours(FOLLOWUP) {
            state.followups.contains_key(id)
        } else if let Some(posting) = ours(ALIAS) {
            state.aliases.contains_key(posting)
        } else {
            true
        };
        if there {
            changes.set.insert(key.clone(), Value::Null);
        } else {
            changes.remove.push(key.clone());
        }
    }
    changes
}

/// Every record of the user's own data, written as `write` writes a change: what turning sync
/// on puts in the document.
pub fn write_all(doc: &mut Doc, state: &State, replica: &Replica, stamp: &Stamp) -> bool {
    let mut all = Changes::default();
    let ids = |prefix: &str, ids: Vec<&String>| {
        ids.into_iter()
            .map(|id| (format!("{prefix}{id}"), Value::Null))
            .collect::<Vec<_>>()
    };
    all.set
        .extend(ids(OPPORTUNITY, state.opportunities.keys().collect()));
    all.set.extend(ids(EVENT, state.events.keys().collect()));
    all.set
        .extend(ids(FOLLOWUP, state.followups.keys().collect()));
    all.set.extend(ids(ALIAS, state.aliases.keys().collect()));
    all.set
        .extend(state.contacts.keys().map(|id| (shard_of(id), Value::Null)));
    all.set.insert(SETTINGS_KEY.into(), Value::Null);
    write(doc, state, &all, replica, stamp)
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Every field of `names` from `object` (`Value::Null` where it has none).
fn fields(names: &[&str], object: &Value) -> BTreeMap<String, Value> {
    names
        .iter()
        .map(|name| {
            let value = object.get(*name).cloned().unwrap_or(Value::Null);
            (name.to_string(), value)
        })
        .collect()
}

/// An id field as every computer knows it.
fn global(id: Option<&String>, replica: &Replica) -> Value {
    id.map_or(Value::Null, |id| replica.global(id).into())
}

fn application(o: &Opportunity) -> BTreeMap<String, Value> {
    let mut out = fields(&JOB_FIELDS, &json(&o.job));
    out.extend(fields(&APPLICATION_FIELDS, &json(o)));
    out
}

fn event(e: &Event, replica: &Replica) -> BTreeMap<String, Value> {
    let mut out = fields(&EVENT_FIELDS, &json(e));
    out.insert(
        "opportunity".into(),
        global(e.opportunity.as_ref(), replica),
    );
    out.insert("contact".into(), global(e.contact.as_ref(), replica));
    let mut what = json(&e.what);
    if let (What::Referral { referrer }, Some(object)) = (&e.what, what.as_object_mut()) {
        object.insert("referrer".into(), replica.global(referrer).into());
    }
    out.insert("what".into(), what);
    out
}

/// A follow-up; its status as how it ended (`ended`, empty while it is pending) and its
/// snoozes, so that ending it on one computer and snoozing it on another keeps both.
fn followup(f: &FollowUp, replica: &Replica) -> BTreeMap<String, Value> {
    let mut out = fields(&FOLLOWUP_FIELDS, &json(f));
    out.insert(
        "opportunity".into(),
        global(f.opportunity.as_ref(), replica),
    );
    out.insert("contact".into(), global(f.contact.as_ref(), replica));
    out.insert("event".into(), replica.global(&f.event).into());
    let ended = (!f.is_pending()).then_some(f.status);
    out.insert("ended".into(), json(&ended));
    out.insert("touch".into(), f.touch.into());
    out
}

fn contact(c: &Contact, replica: &Replica) -> BTreeMap<String, Value> {
    let mut out = fields(&CONTACT_FIELDS, &json(c));
    let links: Vec<Value> = c
        .links
        .iter()
        .map(|l| {
            let mut link = Map::new();
            link.insert("opportunity".into(), replica.global(&l.opportunity).into());
            link.insert("role".into(), json(&l.role));
            Value::Object(link)
        })
        .collect();
    out.insert("links".into(), Value::Array(links));
    out.insert(
        "referred_by".into(),
        global(c.referred_by.as_ref(), replica),
    );
    out
}

/// The contacts of the changed contact records: those the user works with (or that already
/// travel) are written, those gone from this computer are deleted.
fn contacts(
    doc: &mut Doc,
    state: &State,
    shards: &BTreeSet<String>,
    replica: &Replica,
    stamp: &Stamp,
) -> bool {
    let untouched = state.untouched_network();
    let mut changed = false;
    for c in state.contacts.values() {
        if !shards.contains(&shard_of(&c.id)) {
            continue;
        }
        let key = format!("{PERSON}{}", replica.global(&c.id));
        if !untouched.contains(&c.id) || doc.get(&key).is_some() {
            changed |= doc.put(&key, contact(c, replica), stamp);
        }
    }
    let gone: Vec<String> = doc
        .items
        .iter()
        .filter(|(_, item)| !item.is_gone())
        .filter_map(|(key, _)| key.strip_prefix(PERSON))
        .map(|global| replica.local(global))
        .filter(|id| shards.contains(&shard_of(id)) && !state.contacts.contains_key(id))
        .collect();
    for id in gone {
        changed |= doc.remove(&format!("{PERSON}{}", replica.global(&id)), stamp);
    }
    changed
}

/// The settings, each a field, and the templates each a record of their own, by rule.
fn settings(doc: &mut Doc, state: &State, stamp: &Stamp) -> bool {
    let mut all = json(&state.settings);
    let templates = all
        .as_object_mut()
        .and_then(|o| o.remove("templates"))
        .and_then(|t| match t {
            Value::Object(templates) => Some(templates),
            _ => None,
        })
        .unwrap_or_default();
    let fields = match all {
        Value::Object(object) => object.into_iter().collect(),
        _ => BTreeMap::new(),
    };
    let mut changed = doc.put(SETTINGS, fields, stamp);
    for (rule, template) in &templates {
        let fields = match template {
            Value::Object(t) => t.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => BTreeMap::new(),
        };
        changed |= doc.put(&format!("{TEMPLATE}{rule}"), fields, stamp);
    }
    let dropped: Vec<String> = doc
        .items
        .iter()
        .filter(|(key, item)| !item.is_gone() && key.starts_with(TEMPLATE))
        .filter(|(key, _)| !templates.contains_key(&key[TEMPLATE.len()..]))
        .map(|(key, _)| key.clone())
        .collect();
    for key in dropped {
        changed |= doc.remove(&key, stamp);
    }
    changed
}
