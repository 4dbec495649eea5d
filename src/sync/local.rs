//! Sync on this computer: whether it is on, this computer's clock, and what each side of a
//! sync round writes, decided here and carried out by the worker (`session`). After a change
//! here, the change goes into the document and this computer's items in the sync area are
//! written again where they changed; when the sync area changes, what arrived is merged into
//! the document and brought into the store.

use super::pack::{item_bytes, pack, unpack, PREFIX, SYNC_QUOTA};
use super::{apply, changes_of, is_synced, write, write_all, Clock, Doc, Replica};
use crate::store::{Changes, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// This computer's record of sync, in its own storage.
pub const SYNC_KEY: &str = "sync";
/// This computer's copy of the whole document, in its own storage.
pub const DOC_KEY: &str = "sync/doc";
/// The records changed here that are not in the document yet (`Pending`), in its own storage.
pub const PENDING_KEY: &str = "sync/pending";

/// The records changed here since the document was last written, and when the last of them
/// changed. Written with each change itself (one write), so that a worker stopped before sync's
/// round loses none; the round after a burst of changes writes them all at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub keys: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

impl Pending {
    /// Notes the records of the user's own data that `changes` wrote at `now`; whether any.
    pub fn note(&mut self, changes: &Changes, now: DateTime<Utc>) -> bool {
        let keys: Vec<&String> = changes
            .set
            .keys()
            .chain(&changes.remove)
            .filter(|key| is_synced(key))
            .collect();
        if keys.is_empty() {
            return false;
        }
        self.keys.extend(keys.into_iter().cloned());
        self.at = Some(now);
        true
    }
}

/// Sync on this computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Local {
    pub on: bool,
    pub clock: Clock,
    /// How many of the document's records did not fit in the sync area last time.
    #[serde(default)]
    pub left_out: usize,
    /// Why the last write to the sync area failed, if it did (the quota, the browser's limit on
    /// writes), in the browser's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What a sync round writes: records of this computer's store, items of the sync area, and
/// what could not be read there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Round {
    pub local: Changes,
    pub area_set: BTreeMap<String, Value>,
    pub area_remove: Vec<String>,
    pub errors: Vec<String>,
}

/// After `changes` were made here (and `state` is the store after them): writes them into the
/// document, and this computer's items where they changed. `area` is what the sync area holds.
pub fn send(
    local: &mut Local,
    doc: &mut Doc,
    state: &State,
    changes: &Changes,
    area: &BTreeMap<String, Value>,
    now: DateTime<Utc>,
) -> Round {
    let stamp = local.clock.tick(now);
    let replica = local.clock.replica.clone();
    if !write(doc, state, changes, &replica, &stamp) {
        return Round::default();
    }
    publish(local, doc, area)
}

/// `send` of what is pending here: its records go into the document as `state` holds them now,
/// stamped when the last of them changed, and are pending no more.
pub fn send_pending(
    local: &mut Local,
    doc: &mut Doc,
    state: &State,
    pending: &Pending,
    area: &BTreeMap<String, Value>,
    now: DateTime<Utc>,
) -> Round {
    let changes = changes_of(state, &pending.keys);
    let mut round = send(local, doc, state, &changes, area, pending.at.unwrap_or(now));
    round.local.remove.push(PENDING_KEY.into());
    round
}

/// What arrived in the sync area (`area`, every computer's items), merged into the document and
/// brought into `state`.
pub fn receive(
    local: &mut Local,
    doc: &mut Doc,
    state: &mut State,
    area: &BTreeMap<String, Value>,
) -> Round {
    let (theirs, errors) = unpack(area);
    let keys = doc.merge(&theirs);
    if let Some(latest) = doc.latest() {
        local.clock.observe(latest);
    }
    let mut round = Round {
        errors,
        ..Round::default()
    };
    if !keys.is_empty() {
        round.local = apply(state, doc, &keys, &local.clock.replica);
        round.local.put(SYNC_KEY.into(), local);
        put_doc(&mut round.local, doc);
    }
    round
}

/// Whether the sync area (`area`) holds anything `doc` lacks: the store is read whole for a
/// merge only then (this computer's own writes come back as changes of the sync area too).
pub fn news(doc: &Doc, area: &BTreeMap<String, Value>) -> bool {
    let (theirs, _) = unpack(area);
    !doc.clone().merge(&theirs).is_empty()
}

/// Turns sync on here: this computer gets a name (from `random` bytes) the first time; every
/// record of the user's own data goes into the document, what the other computers wrote comes
/// into the store (on a new install: everything), and this computer's items are written.
pub fn turn_on(
    before: Option<Local>,
    doc: &mut Doc,
    state: &mut State,
    area: &BTreeMap<String, Value>,
    now: DateTime<Utc>,
    random: [u8; 8],
) -> (Local, Round) {
    let mut local = before.unwrap_or_else(|| Local {
        on: false,
        clock: Clock::new(Replica::from_random(random)),
        left_out: 0,
        problem: None,
    });
    local.on = true;
    let arrived = receive(&mut local, doc, state, area);
    let stamp = local.clock.tick(now);
    let replica = local.clock.replica.clone();
    write_all(doc, state, &replica, &stamp);
    let mut round = publish(&mut local, doc, area);
    let mut all = arrived.local;
    all.extend(round.local);
    all.remove.push(PENDING_KEY.into());
    round.local = all;
    round.errors = arrived.errors;
    (local, round)
}

/// Turns sync off here: nothing more is written to the sync area or read from it; what is
/// there stays for the other computers unless erased (`erase`).
pub fn turn_off(local: &mut Local) -> Changes {
    local.on = false;
    let mut changes = Changes::default();
    changes.put(SYNC_KEY.into(), local);
    changes.remove.push(PENDING_KEY.into());
    changes
}

/// Every item this extension keeps in the sync area, every computer's: erasing the synced copy.
pub fn erase(area: &BTreeMap<String, Value>) -> Vec<String> {
    area.keys()
        .filter(|k| k.starts_with(PREFIX))
        .cloned()
        .collect()
}

/// This computer's items packed within what the other computers' items leave of the quota,
/// written where they differ from `area`, and the ones it no longer needs removed.
fn publish(local: &mut Local, doc: &Doc, area: &BTreeMap<String, Value>) -> Round {
    let mine = format!("{PREFIX}{}.", local.clock.replica);
    let theirs: usize = area
        .iter()
        .filter(|(key, _)| key.starts_with(PREFIX) && !key.starts_with(&mine))
        .map(|(key, value)| item_bytes(key, value))
        .sum();
    let budget = SYNC_QUOTA.bytes.saturating_sub(theirs);
    let packed = pack(doc, &local.clock.replica, budget, SYNC_QUOTA, area);
    local.left_out = packed.left_out.len();
    let mut round = Round {
        area_remove: area
            .keys()
            .filter(|key| key.starts_with(&mine) && !packed.items.contains_key(*key))
            .cloned()
            .collect(),
        area_set: packed
            .items
            .into_iter()
            .filter(|(key, value)| area.get(key) != Some(value))
            .collect(),
        ..Round::default()
    };
    round.local.put(SYNC_KEY.into(), local);
    put_doc(&mut round.local, doc);
    round
}

/// The document as this computer stores it: its JSON text, which the worker hands to storage as
/// it is and reads back in one parse (it is as large as the user's data).
fn put_doc(changes: &mut Changes, doc: &Doc) {
    if let Ok(text) = serde_json::to_string(doc) {
        changes.set.insert(DOC_KEY.into(), Value::String(text));
    }
}

/// The document as stored (`put_doc`); none where it cannot be read.
pub fn stored_doc(value: Option<&Value>) -> Option<Doc> {
    serde_json::from_str(value?.as_str()?).ok()
}

/// Sync as the settings and the welcome page show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// Whether sync is on on this computer.
    pub on: bool,
    /// How many of the user's records did not fit in the sync area (closed applications first).
    pub left_out: usize,
    /// Why the last write to the sync area failed, in the browser's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// How many other computers have written to the sync area.
    pub computers: usize,
    /// The bytes this extension's items take in the sync area, and what it allows.
    pub used: usize,
    pub quota: usize,
}

/// Sync as it stands: this computer's record of it (`local`) and what the sync area holds.
pub fn view(local: Option<&Local>, area: &BTreeMap<String, Value>) -> View {
    let ours = || area.iter().filter(|(key, _)| key.starts_with(PREFIX));
    let me = local.map(|l| format!("{PREFIX}{}.", l.clock.replica));
    let others: BTreeSet<&str> = ours()
        .filter(|(key, _)| me.as_deref().is_none_or(|me| !key.starts_with(me)))
        .filter_map(|(key, _)| key[PREFIX.len()..].split('.').next())
        .collect();
    View {
        on: local.is_some_and(|l| l.on),
        left_out: local.map_or(0, |l| l.left_out),
        problem: local.and_then(|l| l.problem.clone()),
        computers: others.len(),
        used: ours().map(|(key, value)| item_bytes(key, value)).sum(),
        quota: SYNC_QUOTA.bytes,
    }
}

/// This computer's items written again as the document stands, when the last write failed
/// (the browser's limit on writes per minute passes; the user made room).
pub fn resend(local: &mut Local, doc: &Doc, area: &BTreeMap<String, Value>) -> Round {
    publish(local, doc, area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_reads_none_of_syncs_own_records_as_its_own() {
        for key in [SYNC_KEY, DOC_KEY, PENDING_KEY] {
            assert!(crate::store::is_sync_record(key), "{key}");
        }
    }
}
