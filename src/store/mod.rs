//! The user's data and the only way to change it: typed commands applied to the state, each
//! reporting exactly which records changed so the worker persists those and nothing else.
//! Three reasons to change, three files: how the data is stored (`records`: keys, the due
//! index, loading, the entry to `migrate`), what the user can ask (`commands` and their
//! handlers) and what the pages read (`queries`). The rules react to events in `engine`, which
//! the scenario runner shares. Correcting a record (`edits`) and deleting one so it can be
//! undone (`trash`) are commands with files of their own.

mod commands;
mod edits;
mod engine;
pub mod import;
mod migrate;
mod people;
mod queries;
mod records;
mod seen;
mod shards;
mod trash;

pub use commands::{done_choices, Applied, Command, ContactInput, End, NewEvent, SnoozeFor};
pub use edits::{ApplicationEdit, ContactEdit, Edited, FollowUpEdit};
pub use people::SeenPerson;
pub use queries::{CanonicalUrls, PromisesKept};
pub use records::{
    badge_on_wake, due_key_of, is_sync_record, loads_on_wake, read_on_wake, DueIndex, Loaded, Meta,
    BADGE_KEYS, SCHEMA_VERSION,
};
pub(crate) use records::{
    opportunity_records, ALIAS, CONTACT, CONTACTS, DESCRIPTION, EVENT, FOLLOWUP, META_KEY,
    OPPORTUNITY, SEEN, SEEN_PERSON, SETTINGS_KEY,
};
pub use seen::{posting_key, Seen};
pub(crate) use shards::shard;
pub use shards::{contact_record_keys, shard_of};
pub(crate) use trash::TRASH_KEY;
pub use trash::{Deleted, Deletion, Trash, KEPT};

use crate::model::{Contact, Event, FollowUp, Id, Opportunity, Settings};
use crate::phrase::Phrase;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Everything the user has, as loaded from storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub meta: Meta,
    pub settings: Settings,
    pub opportunities: BTreeMap<Id, Opportunity>,
    pub contacts: BTreeMap<Id, Contact>,
    pub events: BTreeMap<Id, Event>,
    pub followups: BTreeMap<Id, FollowUp>,
    /// Postings viewed recently, by posting key.
    pub seen: BTreeMap<String, Seen>,
    /// Postings the user said are one they already track (seen on another board), by posting
    /// key: the opportunity's id.
    pub aliases: BTreeMap<String, Id>,
    /// LinkedIn people viewed recently, by canonical profile URL.
    pub seen_people: BTreeMap<String, SeenPerson>,
    /// Stored contacts this version could not read, by id: written back as they were.
    pub kept_contacts: BTreeMap<Id, Value>,
    /// What was deleted and can still be undone.
    pub trash: Trash,
    /// Stored records a waking worker has not read yet (all but the checklist's: see
    /// `read_on_wake`): read before any request that may need them (`Request::unread`), never
    /// written before.
    pub unread: BTreeSet<String>,
    /// The pending follow-ups among `unread`, with their due times as the due index gives
    /// them: the checklist counts them and reads only those it shows.
    pub unread_pending: BTreeMap<Id, DateTime<Utc>>,
    /// The canonical posting addresses worked out so far (not stored).
    pub canonical_urls: CanonicalUrls,
}

/// Why a command was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// What the user asked for can't be done, and why, in words for them.
    Invalid(Phrase),
    NotFound(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Invalid(why) => write!(f, "{}", why.english()),
            StoreError::NotFound(what) => write!(f, "{what} no longer exists"),
        }
    }
}

/// The records a command wrote, by storage key, and the keys it dropped, ready to persist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub set: BTreeMap<String, Value>,
    pub remove: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }

    pub(crate) fn put<T: Serialize>(&mut self, key: String, record: &T) {
        if let Ok(value) = serde_json::to_value(record) {
            self.set.insert(key, value);
        }
    }

    fn followup(&mut self, f: &FollowUp) {
        self.put(format!("{FOLLOWUP}{}", f.id), f);
    }

    /// Adds `later` on top: its writes and removals win over these.
    pub fn extend(&mut self, later: Changes) {
        for key in &later.remove {
            self.set.remove(key);
        }
        self.remove.retain(|key| !later.set.contains_key(key));
        self.set.extend(later.set);
        self.remove.extend(later.remove);
    }
}
