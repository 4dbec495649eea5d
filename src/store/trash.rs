//! Deleting what the user captured or entered, and taking it back: each deletion keeps every
//! record it removed or changed, as it was, in one `trash` record, so `Undo` restores exactly
//! that even after the worker was stopped and woken again. The last `KEPT` deletions are kept.

use super::{shard, shard_of, Changes, State, StoreError, ALIAS, EVENT, FOLLOWUP, OPPORTUNITY};
use crate::model::{Contact, Event, FollowUp, Id, Opportunity, Status};
use crate::phrase::Key;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The record that keeps the deletions.
pub(crate) const TRASH_KEY: &str = "trash";

/// How many deletions can be undone; older ones are dropped for good.
pub const KEPT: usize = 20;

/// The deletions that can still be undone, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Trash {
    #[serde(default)]
    pub deletions: Vec<Deletion>,
}

/// One deletion: what the user deleted, and every record it removed or changed, as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deletion {
    pub at: DateTime<Utc>,
    pub deleted: Deleted,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// More contacts, as the JSON text of a list: a removed network is tens of thousands of
    /// people, and the browser writes and reads one long text several times faster than as many
    /// objects (8 MB for 30,000: about 0.5 s against 1.8 s to write in Chromium), while the
    /// trash is read on every wake and written again with each later deletion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub packed: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<FollowUp>,
    /// Postings from other boards that were linked to a deleted opportunity, by posting key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, Id>,
}

/// What the user asked to delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Deleted {
    Application(Id),
    Contact(Id),
    FollowUp(Id),
    Event(Id),
    /// The imported connections never worked with (`State::untouched_network`): how many.
    Network(usize),
}

impl Deletion {
    fn new(at: DateTime<Utc>, deleted: Deleted) -> Deletion {
        Deletion {
            at,
            deleted,
            opportunities: Vec::new(),
            contacts: Vec::new(),
            packed: String::new(),
            events: Vec::new(),
            followups: Vec::new(),
            aliases: BTreeMap::new(),
        }
    }
}

impl State {
    /// Deletes an application: its events and links from contacts go with it, its pending
    /// follow-ups are cancelled.
    pub(super) fn delete_application(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let o = self
            .opportunities
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(format!("opportunity {id}")))?;
        changes.remove.push(format!("{OPPORTUNITY}{id}"));
        let mut deletion = Deletion::new(now, Deleted::Application(id.to_string()));
        deletion.opportunities.push(o);
        let about = |opportunity: &Option<Id>| opportunity.as_deref() == Some(id);
        let events: Vec<Id> = self
            .events
            .values()
            .filter(|e| about(&e.opportunity))
            .map(|e| e.id.clone())
            .collect();
        for event in events {
            if let Some(e) = self.events.remove(&event) {
                changes.remove.push(format!("{EVENT}{event}"));
                deletion.events.push(e);
            }
        }
        let pending: Vec<Id> = self
            .pending_followups()
            .filter(|f| about(&f.opportunity))
            .map(|f| f.id.clone())
            .collect();
        self.cancel(&pending, now, &mut deletion, changes);
        let linked: Vec<Contact> = self
            .contacts
            .values()
            .filter(|c| c.role_in(id).is_some())
            .cloned()
            .collect();
        let unlinked = linked.iter().map(|c| {
            let mut c = c.clone();
            c.links.retain(|l| l.opportunity != id);
            c
        });
        self.put_contacts(unlinked.collect::<Vec<_>>(), changes);
        deletion.contacts = linked;
        let aliases: Vec<String> = self
            .aliases
            .iter()
            .filter(|(_, to)| to.as_str() == id)
            .map(|(key, _)| key.clone())
            .collect();
        for key in aliases {
            if let Some(to) = self.aliases.remove(&key) {
                changes.remove.push(format!("{ALIAS}{key}"));
                deletion.aliases.insert(key, to);
            }
        }
        self.throw_away(deletion, changes);
        Ok(())
    }

    /// Deletes a contact: it leaves the applications it was linked to (the links are its own)
    /// and its pending follow-ups are cancelled.
    pub(super) fn delete_contact(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let c = self
            .contacts
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        let records = self.contact_records(Some(&BTreeSet::from([shard(id)])));
        if records.is_empty() {
            changes.remove.push(shard_of(id));
        }
        changes.set.extend(records);
        let mut deletion = Deletion::new(now, Deleted::Contact(id.to_string()));
        deletion.contacts.push(c);
        let pending: Vec<Id> = self
            .pending_followups()
            .filter(|f| f.contact.as_deref() == Some(id))
            .map(|f| f.id.clone())
            .collect();
        self.cancel(&pending, now, &mut deletion, changes);
        self.throw_away(deletion, changes);
        Ok(())
    }

    /// Removes the imported connections the user never worked with, all in one deletion.
    pub(super) fn remove_untouched_network(
        &mut self,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let ids: Vec<Id> = self.untouched_network().into_iter().cloned().collect();
        if ids.is_empty() {
            return Err(StoreError::Invalid(Key("refusedNoNetwork").phrase()));
        }
        let mut deletion = Deletion::new(now, Deleted::Network(ids.len()));
        let mut shards = BTreeSet::new();
        let mut keys = BTreeSet::new();
        let mut removed = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(c) = self.contacts.remove(id) {
                shards.insert(shard(id));
                keys.insert(shard_of(id));
                removed.push(c);
            }
        }
        match serde_json::to_string(&removed) {
            Ok(text) => deletion.packed = text,
            Err(_) => deletion.contacts = removed,
        }
        let records = self.contact_records(Some(&shards));
        changes
            .remove
            .extend(keys.into_iter().filter(|key| !records.contains_key(key)));
        changes.set.extend(records);
        self.throw_away(deletion, changes);
        Ok(())
    }

    pub(super) fn delete_followup(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        let f = self
            .followups
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(format!("follow-up {id}")))?;
        changes.remove.push(format!("{FOLLOWUP}{id}"));
        let about = f.opportunity.clone();
        let mut deletion = Deletion::new(now, Deleted::FollowUp(id.to_string()));
        deletion.followups.push(f);
        self.throw_away(deletion, changes);
        Ok(about)
    }

    /// Deletes an event; the pending follow-ups it planned (that answer it) are cancelled, so
    /// nothing is left to do about what did not happen. When the event is what put its
    /// application in the stage it is in (the stage its events say, and moving the stage by hand
    /// logs an event too), the stage becomes what the events left say.
    pub(super) fn delete_event(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        let moved_back = self
            .events
            .get(id)
            .and_then(|e| e.opportunity.as_deref())
            .and_then(|job| self.opportunities.get(job))
            .filter(|o| o.stage == self.stage_from_events(&o.id, None))
            .map(|o| (o.clone(), self.stage_from_events(&o.id, Some(id))))
            .filter(|(o, stage)| o.stage != *stage);
        let e = self
            .events
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?;
        changes.remove.push(format!("{EVENT}{id}"));
        let about = e.opportunity.clone();
        let mut deletion = Deletion::new(now, Deleted::Event(id.to_string()));
        deletion.events.push(e);
        if let Some((before, stage)) = moved_back {
            let mut o = before.clone();
            o.stage = stage;
            self.put_opportunity(o, changes);
            deletion.opportunities.push(before);
        }
        let planned: Vec<Id> = self
            .pending_followups()
            .filter(|f| f.event == id)
            .map(|f| f.id.clone())
            .collect();
        self.cancel(&planned, now, &mut deletion, changes);
        self.throw_away(deletion, changes);
        Ok(about)
    }

    /// Puts back every record the last deletion removed or changed, as it was (a contact still
    /// there only gets its links back, an application still there its stage, so a correction
    /// made since is kept); the deletion leaves
    /// the trash. The opportunity it restored, if any.
    pub(super) fn undo(&mut self, changes: &mut Changes) -> Result<Option<Id>, StoreError> {
        let last = self
            .trash
            .deletions
            .last()
            .ok_or_else(|| StoreError::Invalid(Key("refusedNothingToUndo").phrase()))?;
        let packed: Vec<Contact> = if last.packed.is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(&last.packed)
                .map_err(|e| StoreError::NotFound(format!("the removed contacts ({e})")))?
        };
        let Some(d) = self.trash.deletions.pop() else {
            return Ok(None);
        };
        let restored = d.opportunities.first().map(|o| o.id.clone());
        for before in d.opportunities {
            let o = match self.opportunities.get(&before.id) {
                Some(now) => Opportunity {
                    stage: before.stage,
                    ..now.clone()
                },
                None => before,
            };
            self.put_opportunity(o, changes);
        }
        let contacts: Vec<Contact> = d
            .contacts
            .into_iter()
            .chain(packed)
            .map(|before| match self.contacts.get(&before.id) {
                Some(now) => relinked(now, &before),
                None => before,
            })
            .collect();
        self.put_contacts(contacts, changes);
        for e in d.events {
            self.put_event(e, changes);
        }
        for f in d.followups {
            changes.followup(&f);
            self.followups.insert(f.id.clone(), f);
        }
        for (key, to) in d.aliases {
            changes.put(format!("{ALIAS}{key}"), &to);
            self.aliases.insert(key, to);
        }
        changes.put(TRASH_KEY.into(), &self.trash);
        Ok(restored)
    }

    /// Cancels pending follow-ups, keeping each as it was in the deletion.
    fn cancel(
        &mut self,
        ids: &[Id],
        now: DateTime<Utc>,
        deletion: &mut Deletion,
        changes: &mut Changes,
    ) {
        for id in ids {
            if let Some(f) = self.followups.get(id) {
                deletion.followups.push(f.clone());
                self.end(id, Status::Cancelled, now, changes);
            }
        }
    }

    /// Keeps a deletion in the trash, dropping the oldest beyond `KEPT`, and the descriptions of
    /// postings no deletion can bring back any more (a deleted posting's description stays in
    /// storage while it can be undone: a waking worker does not read descriptions).
    fn throw_away(&mut self, deletion: Deletion, changes: &mut Changes) {
        self.trash.deletions.push(deletion);
        let over = self.trash.deletions.len().saturating_sub(KEPT);
        let dropped = self.trash.deletions.drain(..over);
        for dropped in dropped.filter(|d| matches!(d.deleted, Deleted::Application(_))) {
            for o in dropped.opportunities {
                if !self.opportunities.contains_key(&o.id) {
                    changes
                        .remove
                        .push(format!("{}{}", super::DESCRIPTION, o.id));
                }
            }
        }
        changes.put(TRASH_KEY.into(), &self.trash);
    }
}

/// A contact as it is `now`, with the links it had `before` back.
fn relinked(now: &Contact, before: &Contact) -> Contact {
    let mut contact = now.clone();
    for link in &before.links {
        contact.link(&link.opportunity, link.role);
    }
    contact
}
