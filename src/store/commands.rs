//! What the user can ask of their data (`Command`) and how each request is carried out: checked
//! first, so a refused command changes nothing, then applied with the records it wrote.

use super::{
    posting_key, ApplicationEdit, Changes, ContactEdit, Edited, FollowUpEdit, State, StoreError,
    ALIAS, META_KEY, SETTINGS_KEY,
};
use crate::model::{
    once, Contact, Event, FollowUp, Id, Job, Link, Opportunity, Outcome, Person, Role, Rule,
    Settings, Stage, Status, Template, What, WhatFields,
};
use crate::phrase::{Key, Phrase};
use crate::schedule::Calendar;
use crate::tagged::tagged_enum;
use crate::text::{collapse, is_email, is_web_url};
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::fmt;

tagged_enum! {
    tag = "type", remote = "Command", twin = CommandVariants;
    #[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
    /// A change the user asks for.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Command {
        /// Save a posting as an opportunity (R1). Tracking the same posting twice keeps one.
        Track {
            job: Job,
        },
        /// Save a posting the user typed in on a page capture could not read: its title, its
        /// company, and the page's address, from which the posting's key is read as capture
        /// reads it (`capture::typed_in`).
        TrackTyped {
            title: String,
            company: String,
            url: String,
        },
        /// The posting on screen is one already tracked (seen on another board): link it.
        SamePosting {
            opportunity_id: Id,
            job: Job,
        },
        /// Track a posting from the recently viewed list, by its key there.
        TrackSeen {
            key: String,
        },
        /// Log the application (R2, R3; completes R1).
        MarkApplied {
            opportunity_id: Id,
        },
        /// Log anything that happened (interviewed, met, referral, promise, ...).
        LogEvent {
            event: NewEvent,
        },
        /// End a job: rejected, withdrawn or accepted (cancels its follow-ups but R8 and R14).
        EndOpportunity {
            opportunity_id: Id,
            end: End,
            #[serde(default)]
            contact_id: Option<Id>,
        },
        /// Mark a follow-up done; with an outcome it was a touch: no answer leads to the next touch
        /// (R4) or, at the touch limit, moves on (R5); an answer ends the thread.
        CompleteFollowUp {
            followup_id: Id,
            #[serde(default)]
            outcome: Option<Outcome>,
        },
        /// Move a follow-up's due time; its history is kept.
        Snooze {
            followup_id: Id,
            by: SnoozeFor,
        },
        /// Add or edit a person.
        SaveContact {
            contact: ContactInput,
        },
        /// Keep in touch with a person every N days (R16); 0 turns it off.
        SetCadence {
            contact_id: Id,
            every_days: u32,
        },
        EditSettings {
            settings: Settings,
        },
        /// The name that signs the ready messages, as the welcome page asks it; the other settings
        /// stay as they are. A blank name is refused.
        SetYourName {
            name: String,
        },
        /// The user's own message for a rule; `None` goes back to the default.
        EditTemplate {
            rule: Rule,
            #[serde(default)]
            template: Option<Template>,
        },
        /// Save a person seen on LinkedIn as a contact (merged with one already saved).
        SavePerson {
            person: Person,
        },
        /// Link a contact to a tracked opportunity in a role (or change their role in it).
        LinkContact {
            contact_id: Id,
            opportunity_id: Id,
            role: Role,
        },
        /// `referrer` (a saved contact's name, or a new person's) pointed the user to the contact
        /// (R13).
        ReferralFrom {
            contact_id: Id,
            referrer: String,
        },
        /// Correct an application's title, company, location, link, salary or notes.
        EditApplication {
            opportunity_id: Id,
            edit: ApplicationEdit,
        },
        /// Correct a contact's name, email, phone, headline, company or notes.
        EditContact {
            contact_id: Id,
            edit: ContactEdit,
        },
        /// Correct a pending follow-up's words or due time.
        EditFollowUp {
            followup_id: Id,
            edit: FollowUpEdit,
        },
        /// Delete an application with its events; its pending follow-ups are cancelled.
        DeleteApplication {
            opportunity_id: Id,
        },
        /// Delete a contact; its pending follow-ups are cancelled.
        DeleteContact {
            contact_id: Id,
        },
        DeleteFollowUp {
            followup_id: Id,
        },
        /// Delete an event; the pending follow-ups it planned are cancelled.
        DeleteEvent {
            event_id: Id,
        },
        /// Remove the imported connections the user never worked with, in one deletion.
        RemoveUntouchedNetwork,
        /// Take back the last deletion: everything it removed or changed is as it was.
        Undo,
        /// Take back the last edit of a record: the fields it changed hold what they held before.
        UndoEdit {
            record: Edited,
        },
    }
}

/// An event as the user logs it: about a job, a person or both, now unless `at` says when.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewEvent {
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    #[serde(default)]
    pub contact_id: Option<Id>,
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// With whom, when no `contact_id` says: a saved contact's name (the one the user works
    /// with first) or a new person's, who is then linked to the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    #[serde(flatten)]
    pub what: What,
}

/// Read field by field, without serde's `flatten` (see `Event`'s reader): its own fields and
/// the `What`'s in any order, the optional ones missing, fields it does not know ignored.
impl<'de> Deserialize<'de> for NewEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NewEvent, D::Error> {
        deserializer.deserialize_map(NewEventVisitor)
    }
}

struct NewEventVisitor;

impl<'de> Visitor<'de> for NewEventVisitor {
    type Value = NewEvent;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct NewEvent")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NewEvent, A::Error> {
        let (mut opportunity_id, mut contact_id, mut at, mut with) = (None, None, None, None);
        let mut what = WhatFields::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "opportunityId" => once(&mut opportunity_id, "opportunityId", map.next_value()?)?,
                "contactId" => once(&mut contact_id, "contactId", map.next_value()?)?,
                "at" => once(&mut at, "at", map.next_value()?)?,
                "with" => once(&mut with, "with", map.next_value()?)?,
                _ => what.take(&key, &mut map)?,
            }
        }
        Ok(NewEvent {
            opportunity_id: opportunity_id.flatten(),
            contact_id: contact_id.flatten(),
            at: at.flatten(),
            with: with.flatten(),
            what: what.what()?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Rejected,
    Withdrawn,
    Accepted,
}

/// Snooze choices: the presets land at the working hour on a working day; a date at its
/// working hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnoozeFor {
    OneDay,
    ThreeDays,
    OneWeek,
    Until(NaiveDate),
}

impl SnoozeFor {
    /// The presets the snooze choices offer, each with its words: "3 days".
    pub fn presets() -> [(SnoozeFor, Phrase); 3] {
        [
            (SnoozeFor::OneDay, Key("popupOneDay").phrase()),
            (SnoozeFor::ThreeDays, Key("popupThreeDays").phrase()),
            (SnoozeFor::OneWeek, Key("popupOneWeek").phrase()),
        ]
    }
}

/// The answers to "How did it go?" when a touch is done, each with its words: no answer yet,
/// they answered, or just done (no outcome).
pub fn done_choices() -> [(Option<Outcome>, Phrase); 3] {
    [
        (Some(Outcome::NoAnswer), Key("popupNoAnswer").phrase()),
        (Some(Outcome::Answered), Key("popupAnswered").phrase()),
        (None, Key("popupJustDone").phrase()),
    ]
}

/// A person as the user enters them; without `id` a new contact is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    #[serde(default)]
    pub id: Option<Id>,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub profile_url: Option<String>,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// What a command did, for the reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The opportunity the command was about, if any.
    pub opportunity: Option<Opportunity>,
    pub changes: Changes,
}

impl State {
    /// Applies one command at `now` in the user's zone. When follow-ups changed, the due index
    /// is rewritten with them.
    pub fn apply(
        &mut self,
        command: Command,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Applied, StoreError> {
        let mut applied = self.apply_command(command, now, tz)?;
        self.index_due(&mut applied.changes);
        Ok(applied)
    }

    fn apply_command(
        &mut self,
        command: Command,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Applied, StoreError> {
        let mut changes = Changes::default();
        let opportunity = match command {
            Command::Track { job } => return self.track(job, now, tz),
            Command::TrackTyped {
                title,
                company,
                url,
            } => return self.track(crate::capture::typed_in(title, company, url), now, tz),
            Command::SamePosting {
                opportunity_id,
                job,
            } => {
                let key = posting_key(&job)
                    .ok_or_else(|| StoreError::Invalid(Key("refusedNoAddress").phrase()))?;
                let opportunity = self
                    .opportunities
                    .get(&opportunity_id)
                    .cloned()
                    .ok_or_else(|| StoreError::NotFound(format!("opportunity {opportunity_id}")))?;
                changes.put(format!("{ALIAS}{key}"), &opportunity_id);
                self.aliases.insert(key, opportunity_id);
                return Ok(Applied {
                    opportunity: Some(opportunity),
                    changes,
                });
            }
            Command::TrackSeen { key } => {
                let job = self
                    .seen
                    .get(&key)
                    .map(|seen| seen.job.clone())
                    .ok_or_else(|| {
                        StoreError::NotFound(format!("recently viewed posting {key}"))
                    })?;
                return self.track(job, now, tz);
            }
            Command::MarkApplied { opportunity_id } => {
                let event = NewEvent {
                    opportunity_id: Some(opportunity_id.clone()),
                    contact_id: None,
                    at: None,
                    with: None,
                    what: What::Applied,
                };
                self.log_event(event, now, tz, &mut changes)?;
                Some(opportunity_id)
            }
            Command::LogEvent { event } => {
                let about = event.opportunity_id.clone();
                self.log_event(event, now, tz, &mut changes)?;
                about
            }
            Command::EndOpportunity {
                opportunity_id,
                end,
                contact_id,
            } => {
                let what = match end {
                    End::Rejected => What::Rejected,
                    End::Withdrawn => What::Withdrawn,
                    End::Accepted => What::Accepted,
                };
                let event = NewEvent {
                    opportunity_id: Some(opportunity_id.clone()),
                    contact_id,
                    at: None,
                    with: None,
                    what,
                };
                self.log_event(event, now, tz, &mut changes)?;
                Some(opportunity_id)
            }
            Command::CompleteFollowUp {
                followup_id,
                outcome,
            } => self.complete(&followup_id, outcome, now, tz, &mut changes)?,
            Command::Snooze { followup_id, by } => {
                self.snooze(&followup_id, by, now, tz, &mut changes)?
            }
            Command::SaveContact { contact } => {
                self.save_contact(contact, &mut changes)?;
                None
            }
            Command::SetCadence {
                contact_id,
                every_days,
            } => {
                let event = NewEvent {
                    opportunity_id: None,
                    contact_id: Some(contact_id),
                    at: None,
                    with: None,
                    what: What::Cadence { every_days },
                };
                self.log_event(event, now, tz, &mut changes)?;
                None
            }
            Command::EditSettings { settings } => {
                settings.check().map_err(StoreError::Invalid)?;
                self.settings = settings;
                changes.put(SETTINGS_KEY.into(), &self.settings);
                None
            }
            Command::SetYourName { name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(StoreError::Invalid(Key("welcomeNameEmpty").phrase()));
                }
                self.settings.your_name = name.to_string();
                changes.put(SETTINGS_KEY.into(), &self.settings);
                None
            }
            Command::EditTemplate { rule, template } => {
                match template {
                    Some(t) => self.settings.templates.insert(rule, t),
                    None => self.settings.templates.remove(&rule),
                };
                changes.put(SETTINGS_KEY.into(), &self.settings);
                None
            }
            Command::SavePerson { person } => {
                self.save_person(person, &mut changes)?;
                None
            }
            Command::LinkContact {
                contact_id,
                opportunity_id,
                role,
            } => {
                self.link_contact(&contact_id, &opportunity_id, role, &mut changes)?;
                Some(opportunity_id)
            }
            Command::ReferralFrom {
                contact_id,
                referrer,
            } => {
                self.referral_from(&contact_id, &referrer, now, tz, &mut changes)?;
                None
            }
            Command::EditApplication {
                opportunity_id,
                edit,
            } => {
                self.edit_application(&opportunity_id, edit, now, &mut changes)?;
                Some(opportunity_id)
            }
            Command::EditContact { contact_id, edit } => {
                self.edit_contact(&contact_id, edit, now, &mut changes)?;
                None
            }
            Command::EditFollowUp { followup_id, edit } => {
                self.edit_followup(&followup_id, edit, now, tz, &mut changes)?
            }
            Command::DeleteApplication { opportunity_id } => {
                self.delete_application(&opportunity_id, now, &mut changes)?;
                None
            }
            Command::DeleteContact { contact_id } => {
                self.delete_contact(&contact_id, now, &mut changes)?;
                None
            }
            Command::DeleteFollowUp { followup_id } => {
                self.delete_followup(&followup_id, now, &mut changes)?
            }
            Command::DeleteEvent { event_id } => self.delete_event(&event_id, now, &mut changes)?,
            Command::RemoveUntouchedNetwork => {
                self.remove_untouched_network(now, &mut changes)?;
                None
            }
            Command::Undo => self.undo(&mut changes)?,
            Command::UndoEdit { record } => self.undo_edit(&record, &mut changes)?,
        };
        if !changes.is_empty() {
            changes.put(META_KEY.to_string(), &self.meta);
        }
        Ok(Applied {
            opportunity: opportunity.and_then(|id| self.opportunities.get(&id).cloned()),
            changes,
        })
    }

    /// The follow-ups to notify about now: those that fell due since the last call (once each,
    /// however many alarms were missed), and the meta record that remembers it. The first call
    /// only starts the clock: nothing that fell due before the extension kept count is announced.
    pub fn take_newly_due(&mut self, now: DateTime<Utc>) -> (Vec<FollowUp>, Changes) {
        let since = self.meta.notified_until.unwrap_or(now);
        let due = self
            .newly_due(since, now)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>();
        let mut changes = Changes::default();
        if self.meta.notified_until != Some(now) {
            self.meta.notified_until = Some(now.max(since));
            changes.put(META_KEY.to_string(), &self.meta);
        }
        (due, changes)
    }

    /// Remembers that a backup was made at `now`, for the backup reminder.
    pub fn backed_up(&mut self, now: DateTime<Utc>) -> Changes {
        self.meta.last_backup = Some(now);
        let mut changes = Changes::default();
        changes.put(META_KEY.to_string(), &self.meta);
        changes
    }

    fn track(&mut self, job: Job, now: DateTime<Utc>, tz: Tz) -> Result<Applied, StoreError> {
        let job = validate(job)?;
        if let Some(existing) = self.find_posting(&job) {
            return Ok(Applied {
                opportunity: Some(existing.clone()),
                changes: Changes::default(),
            });
        }
        let mut changes = Changes::default();
        let opportunity = Opportunity {
            id: self.next_id('o'),
            job,
            stage: Stage::Saved,
            created_at: now,
            notes: None,
            edits: Vec::new(),
        };
        self.put_opportunity(opportunity.clone(), &mut changes);
        let event = self.new_event(now, Some(opportunity.id.clone()), None, What::Saved);
        self.record(event, tz, &mut changes);
        changes.put(META_KEY.to_string(), &self.meta);
        Ok(Applied {
            opportunity: Some(opportunity),
            changes,
        })
    }

    pub(super) fn log_event(
        &mut self,
        event: NewEvent,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let at = event.at.unwrap_or(now);
        let ahead = matches!(event.what, What::Interviewed { .. });
        if at > now + chrono::Duration::minutes(1) && !ahead {
            return Err(StoreError::Invalid(Key("refusedFuture").phrase()));
        }
        if let What::MeetingScheduled { when } = event.what {
            if when <= now {
                return Err(StoreError::Invalid(Key("refusedMeetingPast").phrase()));
            }
        }
        if let Some(id) = &event.opportunity_id {
            if !self.opportunities.contains_key(id) {
                return Err(StoreError::NotFound(format!("opportunity {id}")));
            }
        }
        if self
            .redundant(event.opportunity_id.as_ref(), &event.what)
            .is_some()
        {
            return Ok(());
        }
        for id in [&event.contact_id, &referrer_of(&event.what)]
            .into_iter()
            .flatten()
        {
            if !self.contacts.contains_key(id) {
                return Err(StoreError::NotFound(format!("contact {id}")));
            }
        }
        let named = match (&event.contact_id, event.with.as_deref().map(collapse)) {
            (None, Some(name)) if !name.is_empty() => Some(name.into_owned()),
            _ => None,
        };
        let provisional = Event {
            id: Id::new(),
            at,
            opportunity: event.opportunity_id.clone(),
            contact: event.contact_id.clone(),
            what: event.what.clone(),
        };
        self.check_what(&provisional, event.contact_id.is_some() || named.is_some())
            .map_err(|why| StoreError::Invalid(why.into()))?;
        let contact = match named {
            Some(name) => {
                let id = self.contact_named(&name, None, changes);
                let role = match event.what {
                    What::Interviewed { .. } => Role::Interviewer,
                    _ => Role::Contact,
                };
                let linked = self.contacts.get(&id).cloned().and_then(|mut contact| {
                    let job = event.opportunity_id.as_deref()?;
                    contact.link(job, role).then_some(contact)
                });
                if let Some(contact) = linked {
                    self.put_contact(contact, changes);
                }
                Some(id)
            }
            None => event.contact_id,
        };
        let event = self.new_event(at, event.opportunity_id, contact, event.what);
        self.record(event, tz, changes);
        Ok(())
    }

    fn complete(
        &mut self,
        id: &str,
        outcome: Option<Outcome>,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        let followup = self
            .followups
            .get(id)
            .ok_or_else(|| StoreError::NotFound(format!("follow-up {id}")))?
            .clone();
        if followup.is_pending() {
            let cause = match outcome {
                Some(outcome) => {
                    let event = self.new_event(
                        now,
                        followup.opportunity.clone(),
                        followup.contact.clone(),
                        What::Touch { outcome },
                    );
                    let id = event.id.clone();
                    self.put_event(event, changes);
                    Some(id)
                }
                None => None,
            };
            self.finish(
                id,
                outcome,
                Status::Done,
                now,
                cause.as_deref(),
                tz,
                changes,
            );
        }
        Ok(followup.opportunity)
    }

    fn snooze(
        &mut self,
        id: &str,
        by: SnoozeFor,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        let calendar = Calendar {
            tz,
            settings: &self.settings,
        };
        let until = match by {
            SnoozeFor::OneDay => calendar.days_after(now, 1),
            SnoozeFor::ThreeDays => calendar.days_after(now, 3),
            SnoozeFor::OneWeek => calendar.days_after(now, 7),
            SnoozeFor::Until(date) => calendar.start_of(date),
        };
        self.snooze_to(id, until, now, changes)
            .map_err(StoreError::Invalid)?;
        Ok(self.followups.get(id).and_then(|f| f.opportunity.clone()))
    }

    fn save_contact(
        &mut self,
        input: ContactInput,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let name = collapse(&input.name).into_owned();
        if name.is_empty() {
            return Err(StoreError::Invalid(Key("refusedNoName").phrase()));
        }
        let email = input
            .email
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty());
        if let Some(email) = email.as_deref().filter(|e| !is_email(e)) {
            return Err(StoreError::Invalid(
                Key("refusedEmail").with([format!("{email:?}").into()]),
            ));
        }
        if let Some(url) = input.profile_url.as_deref().filter(|u| !is_web_url(u)) {
            return Err(StoreError::Invalid(
                Key("refusedProfileLink").with([format!("{url:?}").into()]),
            ));
        }
        if let Some(link) = input
            .links
            .iter()
            .find(|l| !self.opportunities.contains_key(&l.opportunity))
        {
            return Err(StoreError::NotFound(format!(
                "opportunity {}",
                link.opportunity
            )));
        }
        let mut contact = match input.id {
            Some(id) => self
                .contacts
                .get(&id)
                .cloned()
                .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?,
            None => Contact::new(self.next_id('c'), String::new()),
        };
        contact.name = name;
        contact.email = email;
        contact.profile_url = input.profile_url;
        for link in input.links {
            contact.link(&link.opportunity, link.role);
        }
        self.put_contact(contact, changes);
        Ok(())
    }
}

fn referrer_of(what: &What) -> Option<Id> {
    match what {
        What::Referral { referrer } => Some(referrer.clone()),
        _ => None,
    }
}

/// Only what is safe and useful is kept: a title, and http(s) links.
fn validate(mut job: Job) -> Result<Job, StoreError> {
    if let Cow::Owned(title) = collapse(&job.title) {
        job.title = title;
    }
    if job.title.is_empty() {
        return Err(StoreError::Invalid(Key("refusedNoTitle").phrase()));
    }
    if let Some(url) = &job.url {
        if !is_web_url(url) {
            return Err(StoreError::Invalid(
                Key("refusedLink").with([format!("{url:?}").into()]),
            ));
        }
    }
    Ok(job)
}
