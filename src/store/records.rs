//! How the user's data is stored: one record per key (contacts packed many to a record), the
//! small due index a waking worker reads first, and the load that rebuilds the state (after
//! `migrate` has brought older records up to date).

use super::{migrate, shards, Changes, State, TRASH_KEY};
use crate::model::{BadgeMode, Contact, Event, Id, Opportunity, Settings};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The version of the stored format; a change to it ships a migration (see `migrate`).
/// 1: the walking skeleton. 2: contacts linked with roles; events and follow-ups about a job,
/// a person or both; more stages and statuses. 3: a posting's description is kept apart, under
/// `description/<opportunity id>`, and read only where it is shown. 4: contacts are packed
/// many to a record, `contacts/<xx>` (see `shards`).
pub const SCHEMA_VERSION: u32 = 4;

pub(crate) const META_KEY: &str = "meta";
pub(crate) const SETTINGS_KEY: &str = "settings";
pub(crate) const OPPORTUNITY: &str = "opportunity/";
/// A contact one per key, as schemas 1–3 stored them and backups keep them.
pub(crate) const CONTACT: &str = "contact/";
/// The records that keep the contacts since schema 4.
pub(crate) const CONTACTS: &str = "contacts/";
pub(crate) const EVENT: &str = "event/";
pub(crate) const FOLLOWUP: &str = "followup/";
pub(crate) const SEEN: &str = "seen/";
pub(crate) const ALIAS: &str = "alias/";
pub(crate) const SEEN_PERSON: &str = "seen-person/";
pub(crate) const DESCRIPTION: &str = "description/";
/// The due index (`DueIndex`), in up to `DUE_SHARDS` records: `due/0` to `due/f`, a
/// follow-up's in the one its id hashes to (`due_shard`); one whose share of the follow-ups is
/// empty is not stored. A command rewrites the few its follow-ups are in, not every pending
/// follow-up's due time (160 KB at 5,000 pending).
pub(crate) const DUE: &str = "due/";
const DUE_SHARDS: u32 = 16;
/// The one record the due index was kept in before it was split: removed by the load that
/// writes the split one (see `Meta::due_index`).
const OLD_DUE_KEY: &str = "due";
/// The records a waking worker sets the badge from (`badge_on_wake`): `worker.js` asks for them
/// first, before the list of every key.
#[rustfmt::skip]
pub const BADGE_KEYS: [&str; 18] = [
    META_KEY, SETTINGS_KEY, "due/0", "due/1", "due/2", "due/3", "due/4", "due/5", "due/6",
    "due/7", "due/8", "due/9", "due/a", "due/b", "due/c", "due/d", "due/e", "due/f",
];

/// The key of the due index record numbered `shard`.
fn due_key(shard: u32) -> String {
    format!("{DUE}{shard:x}")
}

/// The number of the due index record that names the follow-up with this id.
pub(crate) fn due_shard(id: &str) -> u32 {
    shards::shard(id) % DUE_SHARDS
}

/// The due index records that name a follow-up with this id: the key of the record.
pub fn due_key_of(id: &str) -> String {
    due_key(due_shard(id))
}

/// What the badge needs, in small records: the due times of the pending follow-ups, sorted,
/// each record those of the follow-ups whose ids hash to it. A waking worker sets the badge
/// from them (and `meta` and `settings`) before it has read the thousands of records of a long
/// search, then reads the follow-ups they name and what those name (`read_on_wake`). Commands
/// keep the records of the follow-ups they change current; a load that finds one stale
/// rewrites it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DueIndex {
    pub due: Vec<DateTime<Utc>>,
    /// The pending follow-ups' ids, in the order of `due`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<Id>,
    /// How many follow-up records of this index's share, pending or not, were stored with it.
    /// `None`: an index written before it named the follow-ups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<usize>,
}

impl DueIndex {
    /// The index of a share without any follow-up record: not stored.
    fn empty() -> DueIndex {
        DueIndex {
            records: Some(0),
            ..DueIndex::default()
        }
    }

    fn is_empty(&self) -> bool {
        *self == DueIndex::empty()
    }

    /// Both indexes' follow-ups in one (what the badge counts needs no order).
    fn merge(mut self, other: DueIndex) -> DueIndex {
        self.due.extend(other.due);
        self.followups.extend(other.followups);
        self
    }

    /// Whether the index names the pending follow-ups among `stored` follow-up records: it was
    /// written with them (a record added or removed behind the worker's back says otherwise).
    fn names_pending_of(&self, stored: usize) -> bool {
        self.records == Some(stored) && self.followups.len() == self.due.len()
    }
}

/// The badge number from the `meta`, `settings` and due index records alone; `None` when they
/// do not say (no index yet, or storage of another schema): the full load will.
pub fn badge_on_wake(
    records: &BTreeMap<String, Value>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<usize> {
    let index = stored_index(records)?
        .into_iter()
        .reduce(DueIndex::merge)
        .unwrap_or_default();
    let settings: Settings = match records.get(SETTINGS_KEY) {
        Some(value) => serde_json::from_value(value.clone()).ok()?,
        None => Settings::default(),
    };
    Some(
        index
            .due
            .iter()
            .filter(|due| on_badge(**due, settings.badge, now, tz))
            .count(),
    )
}

/// Whether a pending follow-up due at `due` counts on the badge, as the settings ask.
pub(super) fn on_badge(due: DateTime<Utc>, mode: BadgeMode, now: DateTime<Utc>, tz: Tz) -> bool {
    match mode {
        BadgeMode::Overdue => due < now,
        BadgeMode::OverdueAndToday => {
            due < now || due.with_timezone(&tz).date_naive() == now.with_timezone(&tz).date_naive()
        }
    }
}

/// The records of `keys` (every stored key) a waking worker reads before it answers, given the
/// `meta` and due index records (`small`). In the current schema, with an index naming the
/// pending follow-ups (each record written with as many follow-up records as are stored in its
/// share): the small records (meta, settings, the index, postings and people viewed lately,
/// aliases); the follow-ups
/// the checklist shows and what they name are read when it is asked for (`checklist::unread`),
/// the rest when a request needs it. Otherwise every record that loads on wake
/// (`loads_on_wake`), so that a migration sees them all and the index is rewritten.
pub fn read_on_wake(small: &BTreeMap<String, Value>, keys: &[String]) -> Vec<String> {
    if wake_index(small, keys).is_none() {
        return keys.iter().filter(|k| loads_on_wake(k)).cloned().collect();
    }
    keys.iter()
        .filter(|key| {
            [META_KEY, SETTINGS_KEY].contains(&key.as_str())
                || [DUE, SEEN, SEEN_PERSON, ALIAS]
                    .iter()
                    .any(|p| key.starts_with(p))
        })
        .cloned()
        .collect()
}

/// The due index of `small` when a waking worker may trust it to name the pending follow-ups
/// among `keys`: the current schema, each record written with as many follow-up records of its
/// share as are stored.
fn wake_index(small: &BTreeMap<String, Value>, keys: &[String]) -> Option<()> {
    let mut stored = [0; DUE_SHARDS as usize];
    for id in keys.iter().filter_map(|k| k.strip_prefix(FOLLOWUP)) {
        stored[due_shard(id) as usize] += 1;
    }
    let index = stored_index(small)?;
    index
        .iter()
        .zip(stored)
        .all(|(index, stored)| index.names_pending_of(stored))
        .then_some(())
}

/// Every record of the due index among `records`, in the order of their numbers, one not
/// stored being empty; `None` when one is unreadable, or when `meta` (among `records`) is not
/// of the current schema or does not say that the index is kept (`Meta::due_index`).
fn stored_index(records: &BTreeMap<String, Value>) -> Option<Vec<DueIndex>> {
    let meta = records.get(META_KEY)?;
    let schema = meta.get("schema").and_then(Value::as_u64);
    let kept = meta.get("due_index").and_then(Value::as_bool);
    if schema != Some(u64::from(SCHEMA_VERSION)) || kept != Some(true) {
        return None;
    }
    (0..DUE_SHARDS)
        .map(|shard| match records.get(&due_key(shard)) {
            Some(stored) => DueIndex::deserialize(stored).ok(),
            None => Some(DueIndex::empty()),
        })
        .collect()
}

/// Whether the worker reads this record when it wakes. Descriptions are most of the bytes and
/// nothing on wake needs them: they are read where they are shown (and by a full `State::load`).
/// Contact records (a LinkedIn network is tens of thousands of people) and the trash are read
/// when a request needs them (`State::unread`); those naming the checklist's people at once.
/// A migration sees what a waking worker reads; schemas 1 to 3 had neither kind of record.
pub fn loads_on_wake(key: &str) -> bool {
    !key.starts_with(DESCRIPTION) && !is_read_when_needed(key) && !is_sync_record(key)
}

/// Sync's own records (`sync::local` names them `sync` and `sync/...`): read by a round of sync,
/// never as part of the store (the synced document is as large as the user's data).
pub fn is_sync_record(key: &str) -> bool {
    key == "sync" || key.starts_with("sync/")
}

/// Contact records and the trash: read on wake only where a request needs them.
fn is_read_when_needed(key: &str) -> bool {
    key.starts_with(CONTACTS) || key == TRASH_KEY
}

/// An opportunity's records (schema 3): the opportunity without its description, and the
/// description, if it has one, under its own key. A record without a description leaves a
/// description stored earlier as it is.
pub(crate) fn opportunity_records(o: &Opportunity) -> Vec<(String, Value)> {
    let Ok(mut value) = serde_json::to_value(o) else {
        return Vec::new();
    };
    let description = value
        .get_mut("job")
        .and_then(Value::as_object_mut)
        .and_then(|job| job.remove("description"));
    let mut records = vec![(format!("{OPPORTUNITY}{}", o.id), value)];
    if let Some(text) = description {
        records.push((format!("{DESCRIPTION}{}", o.id), text));
    }
    records
}

/// Bookkeeping kept under the `meta` key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub schema: u32,
    /// The next number handed out as a record id.
    pub next_id: u64,
    /// Follow-ups due up to this instant have been notified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_until: Option<DateTime<Utc>>,
    /// When the user last downloaded a backup (the dashboard reminds them after 30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_backup: Option<DateTime<Utc>>,
    /// The due index records (`due/…`) name every pending follow-up: true from the store's
    /// start, or from the load that wrote them whole (storage written otherwise, by older
    /// versions or from outside, lacks it, and a waking worker then reads every record).
    #[serde(default)]
    pub due_index: bool,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            schema: SCHEMA_VERSION,
            next_id: 1,
            notified_until: None,
            last_backup: None,
            due_index: true,
        }
    }
}

/// The state read from storage: records that could not be read are reported (and left in
/// storage untouched); `migrated` holds the records rewritten in the current schema, to persist.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub state: State,
    pub errors: Vec<String>,
    pub migrated: Changes,
}

impl State {
    /// Rebuilds the state from stored records, migrating older schemas first. Descriptions
    /// present among the records are put back into their postings.
    pub fn load(records: &BTreeMap<String, Value>) -> Loaded {
        State::read(records, BTreeSet::new())
    }

    /// `load`, the stored records of `unread` left unread.
    fn read(records: &BTreeMap<String, Value>, unread: BTreeSet<String>) -> Loaded {
        let (records, migrated, mut errors) = migrate::upgrade(records);
        let mut state = State {
            unread,
            ..State::default()
        };
        let mut descriptions = BTreeMap::new();
        let mut index = BTreeMap::new();
        for (key, value) in records.iter() {
            let result = if let Some(id) = key.strip_prefix(DESCRIPTION) {
                read_record(id, value, &mut descriptions)
            } else if key.starts_with(DUE) {
                if let Ok(read) = DueIndex::deserialize(value) {
                    index.insert(key.clone(), read);
                }
                Ok(())
            } else if key == OLD_DUE_KEY {
                Ok(())
            } else {
                state.read_stored(key, value, &mut errors)
            };
            if let Err(e) = result {
                errors.push(format!("stored record {key:?} could not be read: {e}"));
            }
        }
        for (id, text) in descriptions {
            if let Some(o) = state.opportunities.get_mut(&id) {
                o.job.description = Some(text);
            }
        }
        state.unread_pending = index
            .values()
            .flat_map(|index| index.followups.iter().zip(&index.due))
            .filter(|(id, _)| state.unread.contains(&format!("{FOLLOWUP}{id}")))
            .map(|(id, due)| (id.clone(), *due))
            .collect();
        let mut migrated = migrated;
        for (shard, current) in state.due_index(None) {
            let key = due_key(shard);
            if current.is_empty() {
                if records.contains_key(&key) {
                    migrated.remove.push(key);
                }
            } else if index.get(&key) != Some(&current) {
                migrated.put(key, &current);
            }
        }
        if records.contains_key(OLD_DUE_KEY) {
            migrated.remove.push(OLD_DUE_KEY.into());
        }
        if !state.meta.due_index {
            state.meta.due_index = true;
            migrated.put(META_KEY.into(), &state.meta);
        }
        Loaded {
            state,
            errors,
            migrated,
        }
    }

    /// The state of a waking worker: `records` holds the records of `keys` (every stored key)
    /// it read (`read_on_wake`); the others but descriptions (read where shown) stay unread.
    pub fn woken(records: &BTreeMap<String, Value>, keys: &[String]) -> Loaded {
        let unread = keys
            .iter()
            .filter(|key| !key.starts_with(DESCRIPTION) && !is_sync_record(key))
            .filter(|key| !records.contains_key(*key))
            .cloned()
            .collect();
        State::read(records, unread)
    }

    /// Reads the records of `keys` that were unread, from `records` (a key missing there is no
    /// longer stored); a record read already is never read again over what changed since.
    /// Returns why any could not be read.
    pub fn read_unread(
        &mut self,
        keys: &[String],
        records: &BTreeMap<String, Value>,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        for key in keys {
            if !self.unread.remove(key) {
                continue;
            }
            let Some(value) = records.get(key) else {
                continue;
            };
            if let Err(e) = self.read_stored(key, value, &mut errors) {
                errors.push(format!("stored record {key:?} could not be read: {e}"));
            }
        }
        errors
    }

    /// Reads one stored record into the state, whatever its kind but a description and the due
    /// index (which `load` reads apart); a key of no known kind is left alone.
    fn read_stored(
        &mut self,
        key: &str,
        value: &Value,
        errors: &mut Vec<String>,
    ) -> Result<(), String> {
        if key == META_KEY {
            read_into(value, &mut self.meta)
        } else if key == SETTINGS_KEY {
            read_into(value, &mut self.settings)
        } else if let Some(id) = key.strip_prefix(OPPORTUNITY) {
            read_record(id, value, &mut self.opportunities)
        } else if let Some(id) = key.strip_prefix(CONTACT) {
            read_record(id, value, &mut self.contacts)
        } else if key.starts_with(CONTACTS) {
            self.read_contacts(key, value, errors)
        } else if let Some(id) = key.strip_prefix(EVENT) {
            read_record(id, value, &mut self.events)
        } else if let Some(id) = key.strip_prefix(FOLLOWUP) {
            self.unread_pending.remove(id);
            read_record(id, value, &mut self.followups)
        } else if let Some(id) = key.strip_prefix(SEEN) {
            read_record(id, value, &mut self.seen)
        } else if let Some(id) = key.strip_prefix(ALIAS) {
            read_record(id, value, &mut self.aliases)
        } else if let Some(id) = key.strip_prefix(SEEN_PERSON) {
            read_record(id, value, &mut self.seen_people)
        } else if key == TRASH_KEY {
            read_into(value, &mut self.trash)
        } else {
            Ok(())
        }
    }

    fn read_contacts(
        &mut self,
        key: &str,
        value: &Value,
        errors: &mut Vec<String>,
    ) -> Result<(), String> {
        let unpacked = shards::unpack(value)?;
        self.contacts
            .extend(unpacked.contacts.into_iter().map(|c| (c.id.clone(), c)));
        self.kept_contacts.extend(unpacked.kept);
        errors.extend(
            unpacked
                .errors
                .into_iter()
                .map(|e| format!("stored record {key:?} could not be read: {e}")),
        );
        Ok(())
    }

    /// The records of the due index numbered in `only` (every one when `None`), with their
    /// numbers: each with the due times of its share of the pending follow-ups (those read and
    /// those left unread), sorted, their ids in that order, and how many of its share are stored.
    pub fn due_index(&self, only: Option<&[u32]>) -> Vec<(u32, DueIndex)> {
        let wanted = |shard: u32| only.is_none_or(|only| only.contains(&shard));
        let mut records = [0; DUE_SHARDS as usize];
        let stored = self.followups.keys().map(String::as_str).chain(
            self.unread
                .iter()
                .filter_map(|key| key.strip_prefix(FOLLOWUP)),
        );
        for id in stored {
            records[due_shard(id) as usize] += 1;
        }
        let mut pending: Vec<Vec<(DateTime<Utc>, &Id)>> = vec![Vec::new(); DUE_SHARDS as usize];
        let read = self.pending_followups().map(|f| (f.due, &f.id));
        let unread = self.unread_pending.iter().map(|(id, due)| (*due, id));
        for (due, id) in read.chain(unread) {
            let shard = due_shard(id);
            if wanted(shard) {
                pending[shard as usize].push((due, id));
            }
        }
        (0..DUE_SHARDS)
            .zip(pending)
            .zip(records)
            .filter(|((shard, _), _)| wanted(*shard))
            .map(|((shard, mut dues), records)| {
                dues.sort();
                let index = DueIndex {
                    due: dues.iter().map(|(due, _)| *due).collect(),
                    followups: dues.into_iter().map(|(_, id)| id.clone()).collect(),
                    records: Some(records),
                };
                (shard, index)
            })
            .collect()
    }

    /// Puts into `changes` the due index records of the follow-ups they write or remove, and
    /// any index record they remove (an erased store rewritten): nothing when they touch none.
    /// A record left empty is removed.
    pub(crate) fn index_due(&self, changes: &mut Changes) {
        let mut touched: Vec<u32> = changes
            .set
            .keys()
            .chain(&changes.remove)
            .filter_map(|key| {
                key.strip_prefix(FOLLOWUP).map(due_shard).or_else(|| {
                    let shard = key.strip_prefix(DUE)?;
                    u32::from_str_radix(shard, 16).ok()
                })
            })
            .filter(|shard| *shard < DUE_SHARDS)
            .collect();
        if touched.is_empty() {
            return;
        }
        touched.sort_unstable();
        touched.dedup();
        changes.remove.retain(|key| !key.starts_with(DUE));
        for (shard, index) in self.due_index(Some(&touched)) {
            if index.is_empty() {
                changes.remove.push(due_key(shard));
            } else {
                changes.put(due_key(shard), &index);
            }
        }
    }

    pub(crate) fn put_opportunity(&mut self, o: Opportunity, changes: &mut Changes) {
        changes.set.extend(opportunity_records(&o));
        self.opportunities.insert(o.id.clone(), o);
    }

    pub(crate) fn put_contact(&mut self, c: Contact, changes: &mut Changes) {
        self.put_contacts([c], changes);
    }

    pub(crate) fn put_event(&mut self, e: Event, changes: &mut Changes) {
        changes.put(format!("{EVENT}{}", e.id), &e);
        self.events.insert(e.id.clone(), e);
    }

    pub(crate) fn next_id(&mut self, prefix: char) -> Id {
        let mut id = String::with_capacity(12);
        id.push(prefix);
        // Writing a number into a String cannot fail.
        let _ = write!(id, "{}", self.meta.next_id);
        self.meta.next_id += 1;
        id
    }
}

fn read_into<T: for<'de> Deserialize<'de>>(value: &Value, into: &mut T) -> Result<(), String> {
    *into = T::deserialize(value).map_err(|e| e.to_string())?;
    Ok(())
}

fn read_record<T: for<'de> Deserialize<'de>>(
    id: &str,
    value: &Value,
    into: &mut BTreeMap<Id, T>,
) -> Result<(), String> {
    let record = T::deserialize(value).map_err(|e| e.to_string())?;
    into.insert(id.to_string(), record);
    Ok(())
}
