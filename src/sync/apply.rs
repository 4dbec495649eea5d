//! What the synced document brings to this computer: each record another computer changed is
//! put in the store as the document has it now (ids as this computer knows them), each record
//! deleted there is removed here, without going to this computer's trash: the Undo is the
//! other computer's, and what it brings back comes back the same way (with the posting's
//! description, if it was captured here: it stays in storage). Nothing is planned here from
//! what arrives: the follow-ups arrive as they were planned (see `records`).

use super::ids::is_global;
use super::records::{
    APPLICATION, APPLICATION_FIELDS, CONTACT_FIELDS, EVENT_FIELDS, FOLLOWUP_FIELDS, HAPPENED,
    JOB_FIELDS, PERSON, SAME_JOB, SETTINGS, TEMPLATE, TO_DO,
};
use super::{Doc, Replica};
use crate::model::{Contact, Event, FollowUp, Opportunity, Settings, Status};
use crate::store::{
    shard, shard_of, Changes, State, ALIAS, EVENT, FOLLOWUP, OPPORTUNITY, SETTINGS_KEY,
};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A record's fields as the document holds them.
type Fields<'a> = BTreeMap<&'a str, &'a Value>;

/// Brings the records of `keys` (those a merge changed: `Doc::merge`) from `doc` into
/// `state`. The records this computer must store. A record whose id names no computer is not
/// one any computer wrote, and is left alone: it could only be taken for one of this computer's.
pub fn apply(state: &mut State, doc: &Doc, keys: &BTreeSet<String>, replica: &Replica) -> Changes {
    let mut changes = Changes::default();
    if keys
        .iter()
        .any(|k| k == SETTINGS || k.starts_with(TEMPLATE))
    {
        settings(state, doc, &mut changes);
    }
    for key in keys {
        let fields = doc.get(key);
        let local = |prefix: &str| {
            let id = key.strip_prefix(prefix).filter(|id| is_global(id))?;
            Some(replica.local(id))
        };
        if let Some(id) = local(APPLICATION) {
            let Some(fields) = fields else {
                if state.opportunities.remove(&id).is_some() {
                    changes.remove.push(format!("{OPPORTUNITY}{id}"));
                }
                continue;
            };
            let o = application(state, &id, &fields);
            if let Some(o) = o.filter(|o| state.opportunities.get(&id) != Some(o)) {
                state.put_opportunity(o, &mut changes);
            }
        } else if let Some(id) = local(HAPPENED) {
            let Some(fields) = fields else {
                if state.events.remove(&id).is_some() {
                    changes.remove.push(format!("{EVENT}{id}"));
                }
                continue;
            };
            let e = event(&id, &fields, replica);
            if let Some(e) = e.filter(|e| state.events.get(&id) != Some(e)) {
                state.put_event(e, &mut changes);
            }
        } else if let Some(id) = local(TO_DO) {
            let Some(fields) = fields else {
                if state.followups.remove(&id).is_some() {
                    changes.remove.push(format!("{FOLLOWUP}{id}"));
                }
                continue;
            };
            let f = followup(&id, &fields, replica);
            if let Some(f) = f.filter(|f| state.followups.get(&id) != Some(f)) {
                changes.put(format!("{FOLLOWUP}{id}"), &f);
                state.followups.insert(id, f);
            }
        } else if let Some(id) = local(PERSON) {
            let Some(fields) = fields else {
                remove_contact(state, &id, &mut changes);
                continue;
            };
            let c = contact(&id, &fields, replica);
            if let Some(c) = c.filter(|c| state.contacts.get(&id) != Some(c)) {
                state.put_contact(c, &mut changes);
            }
        } else if let Some(posting) = key.strip_prefix(SAME_JOB) {
            let to = fields
                .as_ref()
                .and_then(|f| f.get("opportunity")?.as_str().map(|id| replica.local(id)));
            match to {
                Some(id) => {
                    changes.put(format!("{ALIAS}{posting}"), &id);
                    state.aliases.insert(posting.to_string(), id);
                }
                None => {
                    if state.aliases.remove(posting).is_some() {
                        changes.remove.push(format!("{ALIAS}{posting}"));
                    }
                }
            }
        }
    }
    state.index_due(&mut changes);
    changes
}

/// The fields of `names` as one object, each id field as this computer knows it.
fn object(fields: &Fields, names: &[&str], ids: &[&str], replica: &Replica) -> Map<String, Value> {
    names
        .iter()
        .filter_map(|name| {
            let value = (*fields.get(name)?).clone();
            let value = match value {
                Value::String(id) if ids.contains(name) => Value::String(replica.local(&id)),
                value => value,
            };
            Some((name.to_string(), value))
        })
        .collect()
}

fn read<T: for<'de> Deserialize<'de>>(object: Map<String, Value>) -> Option<T> {
    T::deserialize(Value::Object(object)).ok()
}

/// An application as the document has it, with the description this computer keeps of it
/// (descriptions do not travel; one captured here stays).
fn application(state: &State, id: &str, fields: &Fields) -> Option<Opportunity> {
    let here = |names: &[&str]| {
        names
            .iter()
            .filter_map(|name| Some((name.to_string(), (*fields.get(name)?).clone())))
            .collect::<Map<String, Value>>()
    };
    let mut object = here(&APPLICATION_FIELDS);
    let mut job = here(&JOB_FIELDS);
    let description = state
        .opportunities
        .get(id)
        .and_then(|o| o.job.description.clone());
    if let Some(text) = description {
        job.insert("description".into(), text.into());
    }
    object.insert("id".into(), id.into());
    object.insert("job".into(), Value::Object(job));
    read(object)
}

fn event(id: &str, fields: &Fields, replica: &Replica) -> Option<Event> {
    let mut object = object(fields, &EVENT_FIELDS, &["opportunity", "contact"], replica);
    let Some(Value::Object(mut what)) = object.remove("what") else {
        return None;
    };
    if let Some(Value::String(referrer)) = what.get_mut("referrer") {
        *referrer = replica.local(referrer);
    }
    object.extend(what);
    object.insert("id".into(), id.into());
    read(object)
}

/// A follow-up: ended as the document says, else snoozed if it was, else open.
fn followup(id: &str, fields: &Fields, replica: &Replica) -> Option<FollowUp> {
    let ids = ["opportunity", "contact", "event"];
    let mut object = object(fields, &FOLLOWUP_FIELDS, &ids, replica);
    let snoozed = object
        .get("snoozes")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let status = match object.remove("ended") {
        Some(Value::Null) | None if snoozed => serde_json::to_value(Status::Snoozed).ok()?,
        Some(Value::Null) | None => serde_json::to_value(Status::Open).ok()?,
        Some(ended) => ended,
    };
    object.insert("status".into(), status);
    object.insert("id".into(), id.into());
    read(object)
}

/// A contact as the document has it.
fn contact(id: &str, fields: &Fields, replica: &Replica) -> Option<Contact> {
    let mut object = object(fields, &CONTACT_FIELDS, &["referred_by"], replica);
    if let Some(Value::Array(links)) = object.get_mut("links") {
        for link in links.iter_mut() {
            if let Some(Value::String(job)) = link.get_mut("opportunity") {
                *job = replica.local(job);
            }
        }
    }
    object.insert("id".into(), id.into());
    read(object)
}

fn remove_contact(state: &mut State, id: &str, changes: &mut Changes) {
    if state.contacts.remove(id).is_none() {
        return;
    }
    let key = shard_of(id);
    let only = BTreeSet::from([shard(id)]);
    match state.contact_records(Some(&only)).remove(&key) {
        Some(record) => {
            changes.set.insert(key, record);
        }
        None => changes.remove.push(key),
    }
}

fn settings(state: &mut State, doc: &Doc, changes: &mut Changes) {
    let as_object = |fields: Fields| -> Map<String, Value> {
        fields
            .into_iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect()
    };
    let mut object = match doc.get(SETTINGS) {
        Some(fields) => as_object(fields),
        None => match serde_json::to_value(&state.settings) {
            Ok(Value::Object(settings)) => settings,
            _ => return,
        },
    };
    let templates: Map<String, Value> = doc
        .items
        .keys()
        .filter_map(|key| Some((key.strip_prefix(TEMPLATE)?, doc.get(key)?)))
        .map(|(rule, fields)| (rule.to_string(), Value::Object(as_object(fields))))
        .collect();
    object.insert("templates".into(), Value::Object(templates));
    let Some(settings) = read::<Settings>(object) else {
        return;
    };
    if settings.check().is_ok() && settings != state.settings {
        state.settings = settings;
        changes.put(SETTINGS_KEY.into(), &state.settings);
    }
}
