//! The user's people as LinkedIn shows them: a person viewed is remembered under their profile
//! URL (bounded like recently viewed postings), a saved contact takes what LinkedIn now says of
//! them, a new 1st-degree connection starts R9 on its own (once per person, when the setting is
//! on), and the popup's person card saves, links and logs referrals through these commands.

use super::{Changes, State, StoreError, META_KEY, SEEN_PERSON};
use crate::capture::linkedin_profile_url;
use crate::model::{is_first_degree, Person};
use crate::model::{Contact, EventKind, Id, Role, What};
use crate::phrase::Key;
use crate::zone::Tz;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A connection made this many days ago or less is new: it starts R9.
const NEW_CONNECTION_DAYS: i64 = 14;

/// A LinkedIn person the user viewed, by canonical profile URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenPerson {
    pub key: String,
    pub person: Person,
    pub seen_at: DateTime<Utc>,
}

impl State {
    /// People capture found on a page at `now`: each is remembered (when the recently viewed
    /// setting is on), a saved contact is brought up to date, and a new 1st-degree connection
    /// (the degree changed to 1st, or connected in the last 14 days) starts R9. Returns the
    /// records to write and to drop.
    pub fn see_people(&mut self, people: &[Person], now: DateTime<Utc>, tz: Tz) -> Changes {
        let mut changes = Changes::default();
        let mut merge = Vec::new();
        let mut connected = Vec::new();
        for person in people {
            let Some(key) = person.profile_url.as_deref().and_then(linkedin_profile_url) else {
                continue;
            };
            let contact = self.contact_by_profile(&key);
            let before = contact.and_then(|c| c.degree.clone()).or_else(|| {
                self.seen_people
                    .get(&key)
                    .and_then(|seen| seen.person.degree.clone())
            });
            let new = self.is_new_connection(person, before.as_deref(), now);
            if new || contact.is_some() {
                connected.push(new);
                merge.push(person.clone());
            }
            self.remember_person(key, person, now, &mut changes);
        }
        if !merge.is_empty() {
            let (_, merged, ids) = self.merge_people(merge, None);
            changes.extend(merged);
            let new_ids: Vec<Id> = ids
                .into_iter()
                .zip(connected)
                .filter_map(|(id, new)| id.filter(|_| new))
                .collect();
            self.start_r9(&new_ids, now, tz, &mut changes);
        }
        changes
    }

    /// The saved contact with this canonical profile URL.
    pub fn contact_by_profile(&self, key: &str) -> Option<&Contact> {
        self.contacts.values().find(|c| {
            c.profile_url
                .as_deref()
                .and_then(linkedin_profile_url)
                .is_some_and(|url| url == key)
        })
    }

    /// Saves a person seen on LinkedIn as a contact, merged with the one already saved.
    pub(super) fn save_person(
        &mut self,
        person: Person,
        changes: &mut Changes,
    ) -> Result<Id, StoreError> {
        let (report, merged, ids) = self.merge_people(vec![person], None);
        if let Some(skipped) = report.skipped.first() {
            return Err(StoreError::Invalid(
                Key("refusedPerson").with([skipped.reason.clone()]),
            ));
        }
        changes.extend(merged);
        ids.into_iter()
            .flatten()
            .next()
            .ok_or_else(|| StoreError::Invalid(Key("refusedPersonPlain").phrase()))
    }

    /// Links a contact to a tracked opportunity in `role`, replacing the role they had in it.
    pub(super) fn link_contact(
        &mut self,
        contact_id: &str,
        opportunity_id: &str,
        role: Role,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        if !self.opportunities.contains_key(opportunity_id) {
            return Err(StoreError::NotFound(format!(
                "opportunity {opportunity_id}"
            )));
        }
        let mut contact = self
            .contacts
            .get(contact_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("contact {contact_id}")))?;
        match contact
            .links
            .iter_mut()
            .find(|l| l.opportunity == opportunity_id)
        {
            Some(link) if link.role == role => return Ok(()),
            Some(link) => link.role = role,
            None => {
                contact.link(opportunity_id, role);
            }
        }
        self.put_contact(contact, changes);
        Ok(())
    }

    /// Logs that `referrer` pointed the user to the contact (R13): a saved contact of that name
    /// (one the user works with first), else a new contact.
    pub(super) fn referral_from(
        &mut self,
        contact_id: &str,
        referrer: &str,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let name = crate::text::collapse(referrer).into_owned();
        if name.is_empty() {
            return Err(StoreError::Invalid(Key("refusedNoReferrer").phrase()));
        }
        if !self.contacts.contains_key(contact_id) {
            return Err(StoreError::NotFound(format!("contact {contact_id}")));
        }
        let referrer = self.contact_named(&name, Some(contact_id), changes);
        let event = super::NewEvent {
            opportunity_id: None,
            contact_id: Some(contact_id.to_string()),
            at: None,
            with: None,
            what: What::Referral { referrer },
        };
        self.log_event(event, now, tz, changes)
    }

    /// The contact called `name` (any case), other than `except`: the one the user works with
    /// first, else any; a new contact when nobody is called so.
    pub(super) fn contact_named(
        &mut self,
        name: &str,
        except: Option<&str>,
        changes: &mut Changes,
    ) -> Id {
        let folded = name.to_lowercase();
        let same_name =
            |c: &&Contact| Some(c.id.as_str()) != except && c.name.to_lowercase() == folded;
        let known = self
            .contacts
            .values()
            .filter(same_name)
            .find(|c| self.works_with(c))
            .or_else(|| self.contacts.values().find(same_name))
            .map(|c| c.id.clone());
        match known {
            Some(id) => id,
            None => {
                let contact = Contact::new(self.next_id('c'), name.to_string());
                let id = contact.id.clone();
                self.put_contact(contact, changes);
                id
            }
        }
    }

    /// Whether the user works with this contact: linked to a job, or part of an event.
    fn works_with(&self, contact: &Contact) -> bool {
        !contact.links.is_empty()
            || self
                .events
                .values()
                .any(|e| e.contact.as_deref() == Some(contact.id.as_str()))
    }

    /// A connection that is new at `now`: the degree changed to 1st since LinkedIn last showed
    /// it (`before`), or they connected in the last 14 days. Always false when the setting is off.
    pub(super) fn is_new_connection(
        &self,
        person: &Person,
        before: Option<&str>,
        now: DateTime<Utc>,
    ) -> bool {
        if !self.settings.follow_new_connections {
            return false;
        }
        let became_first = is_first_degree(person.degree.as_deref())
            && before.is_some_and(|d| !is_first_degree(Some(d)));
        let today = now.date_naive();
        let recent = person.connected_on.is_some_and(|on| {
            on <= today + Duration::days(1) && on >= today - Duration::days(NEW_CONNECTION_DAYS)
        });
        became_first || recent
    }

    /// Logs "connected" for each contact never logged as connected, which plans R9 where the
    /// person has none yet (and completes an R10 "connect with them").
    pub(super) fn start_r9(
        &mut self,
        ids: &[Id],
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) {
        for id in ids {
            let already = self.events.values().any(|e| {
                e.contact.as_deref() == Some(id.as_str()) && e.what.kind() == EventKind::Connected
            });
            if already || !self.contacts.contains_key(id) {
                continue;
            }
            let event = self.new_event(now, None, Some(id.clone()), What::Connected);
            self.record(event, tz, changes);
            changes.put(META_KEY.to_string(), &self.meta);
        }
    }

    fn remember_person(
        &mut self,
        key: String,
        person: &Person,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) {
        let history = &self.settings.seen;
        if !history.on || history.cap == 0 {
            return;
        }
        let (cap, days) = (history.cap, history.days);
        let seen = SeenPerson {
            key: key.clone(),
            person: person.clone(),
            seen_at: now,
        };
        changes.put(format!("{SEEN_PERSON}{key}"), &seen);
        self.seen_people.insert(key, seen);
        super::seen::forget_past(
            &mut self.seen_people,
            SEEN_PERSON,
            cap,
            days,
            now,
            |s| s.seen_at,
            changes,
        );
    }
}
