//! The user's data and the only way to change it: typed commands applied to the state, each
//! reporting exactly which records changed so the worker persists those and nothing else.
//! The rules react to events in `engine`, which the scenario runner shares; `migrate` brings
//! records stored by older versions up to date.

mod engine;
pub mod import;
mod migrate;
mod people;
mod seen;
mod shards;

pub use people::SeenPerson;
pub use seen::{posting_key, Seen};
use shards::shard;
pub use shards::{contact_record_keys, shard_of};

use crate::capture::{maybe_same_posting, same_posting};

use crate::model::{
    BadgeMode, Contact, Event, FollowUp, Id, Link, Opportunity, Outcome, Role, Rule, Settings,
    Stage, Status, Template, What,
};
use crate::model::{Job, Person};
use crate::phrase::{Key, Phrase};
use crate::schedule::Calendar;
use crate::text::{collapse, is_email, is_web_url};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
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
/// The due times of the pending follow-ups (`DueIndex`).
pub(crate) const DUE_KEY: &str = "due";

/// What the badge needs, in one small record: the due times of the pending follow-ups, sorted.
/// A waking worker sets the badge from it (and `meta` and `settings`) before it has read the
/// thousands of records of a long search. Commands keep it current; a load that finds it stale
/// rewrites it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DueIndex {
    pub due: Vec<DateTime<Utc>>,
}

/// The badge number from the `meta`, `settings` and `due` records alone; `None` when they do
/// not say (no index yet, or storage of another schema): the full load will.
pub fn badge_on_wake(
    records: &BTreeMap<String, Value>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<usize> {
    let schema = records.get(META_KEY)?.get("schema")?.as_u64()?;
    if schema != u64::from(SCHEMA_VERSION) {
        return None;
    }
    let index: DueIndex = serde_json::from_value(records.get(DUE_KEY)?.clone()).ok()?;
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
fn on_badge(due: DateTime<Utc>, mode: BadgeMode, now: DateTime<Utc>, tz: Tz) -> bool {
    match mode {
        BadgeMode::Overdue => due < now,
        BadgeMode::OverdueAndToday => {
            due < now || due.with_timezone(&tz).date_naive() == now.with_timezone(&tz).date_naive()
        }
    }
}

/// Whether the worker reads this record when it wakes. Descriptions are most of the bytes and
/// nothing on wake needs them: they are read where they are shown (and by a full `State::load`).
pub fn loads_on_wake(key: &str) -> bool {
    !key.starts_with(DESCRIPTION)
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
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            schema: SCHEMA_VERSION,
            next_id: 1,
            notified_until: None,
            last_backup: None,
        }
    }
}

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
}

/// A change the user asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Command {
    /// Save a posting as an opportunity (R1). Tracking the same posting twice keeps one.
    Track {
        job: Job,
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
}

/// An event as the user logs it: about a job, a person or both, now unless `at` says when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewEvent {
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    #[serde(default)]
    pub contact_id: Option<Id>,
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub what: What,
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

/// The promise record for the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisesKept {
    pub made: usize,
    pub done: usize,
    /// Done before their due time.
    pub early: usize,
}

/// What a command did, for the reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The opportunity the command was about, if any.
    pub opportunity: Option<Opportunity>,
    pub changes: Changes,
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
        let (records, migrated, mut errors) = migrate::upgrade(records);
        let mut state = State::default();
        let mut descriptions = BTreeMap::new();
        let mut index = None;
        for (key, value) in records.iter() {
            let result = if key == META_KEY {
                read_into(value, &mut state.meta)
            } else if key == SETTINGS_KEY {
                read_into(value, &mut state.settings)
            } else if let Some(id) = key.strip_prefix(OPPORTUNITY) {
                read_record(id, value, &mut state.opportunities)
            } else if let Some(id) = key.strip_prefix(CONTACT) {
                read_record(id, value, &mut state.contacts)
            } else if key.starts_with(CONTACTS) {
                shards::unpack(value).map(|unpacked| {
                    state
                        .contacts
                        .extend(unpacked.contacts.into_iter().map(|c| (c.id.clone(), c)));
                    state.kept_contacts.extend(unpacked.kept);
                    errors.extend(
                        unpacked
                            .errors
                            .into_iter()
                            .map(|e| format!("stored record {key:?} could not be read: {e}")),
                    );
                })
            } else if let Some(id) = key.strip_prefix(EVENT) {
                read_record(id, value, &mut state.events)
            } else if let Some(id) = key.strip_prefix(FOLLOWUP) {
                read_record(id, value, &mut state.followups)
            } else if let Some(id) = key.strip_prefix(SEEN) {
                read_record(id, value, &mut state.seen)
            } else if let Some(id) = key.strip_prefix(ALIAS) {
                read_record(id, value, &mut state.aliases)
            } else if let Some(id) = key.strip_prefix(SEEN_PERSON) {
                read_record(id, value, &mut state.seen_people)
            } else if let Some(id) = key.strip_prefix(DESCRIPTION) {
                read_record(id, value, &mut descriptions)
            } else if key == DUE_KEY {
                index = serde_json::from_value::<DueIndex>(value.clone()).ok();
                Ok(())
            } else {
                Ok(())
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
        let mut migrated = migrated;
        let current = state.due_index();
        if index.unwrap_or_default() != current {
            migrated.put(DUE_KEY.into(), &current);
        }
        Loaded {
            state,
            errors,
            migrated,
        }
    }

    /// Applies one command at `now` in the user's zone. When follow-ups changed, the due index
    /// is rewritten with them.
    pub fn apply(
        &mut self,
        command: Command,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Applied, StoreError> {
        let mut applied = self.apply_command(command, now, tz)?;
        if applied.changes.set.keys().any(|k| k.starts_with(FOLLOWUP)) {
            applied.changes.put(DUE_KEY.into(), &self.due_index());
        }
        Ok(applied)
    }

    /// The due times of the pending follow-ups, sorted.
    pub fn due_index(&self) -> DueIndex {
        let mut due: Vec<DateTime<Utc>> = self.pending_followups().map(|f| f.due).collect();
        due.sort();
        DueIndex { due }
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
        };
        if !changes.is_empty() {
            changes.put(META_KEY.to_string(), &self.meta);
        }
        Ok(Applied {
            opportunity: opportunity.and_then(|id| self.opportunities.get(&id).cloned()),
            changes,
        })
    }

    /// The opportunity tracked for this posting: the same board key, else the same canonical URL,
    /// else a posting the user linked to it.
    pub fn find_posting(&self, job: &Job) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| same_posting(&o.job, job))
            .or_else(|| {
                posting_key(job)
                    .and_then(|key| self.aliases.get(&key))
                    .and_then(|id| self.opportunities.get(id))
            })
    }

    /// An opportunity that may be this posting seen on another board (same title and company,
    /// nothing to tie them for sure): the user is asked.
    pub fn find_maybe_same(&self, job: &Job) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| maybe_same_posting(&o.job, job))
    }

    /// The opportunity tracked for this page URL, if any.
    pub fn find_by_url(&self, url: &str) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| o.job.url.as_deref() == Some(url))
    }

    /// Follow-ups not ended yet (open or snoozed).
    pub fn pending_followups(&self) -> impl Iterator<Item = &FollowUp> {
        self.followups.values().filter(|f| f.is_pending())
    }

    /// Pending follow-ups due before `now`.
    pub fn overdue_count(&self, now: DateTime<Utc>) -> usize {
        self.pending_followups().filter(|f| f.due < now).count()
    }

    /// The badge number, as the settings ask: overdue only, or overdue plus due later today.
    pub fn badge_count(&self, now: DateTime<Utc>, tz: Tz) -> usize {
        self.pending_followups()
            .filter(|f| on_badge(f.due, self.settings.badge, now, tz))
            .count()
    }

    /// When the next pending follow-up falls due, to arm the alarm.
    pub fn next_due_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.pending_followups()
            .map(|f| f.due)
            .filter(|due| *due > now)
            .min()
    }

    /// Follow-ups that fell due in `(since, now]`, by due time: what to notify about once,
    /// however many alarms were missed while the browser slept.
    pub fn newly_due(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<&FollowUp> {
        let mut due: Vec<&FollowUp> = self
            .pending_followups()
            .filter(|f| f.due > since && f.due <= now)
            .collect();
        due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        due
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

    /// Promises (R15) kept: how many were done, and how many of those before their due time
    /// ("under-promise, over-deliver").
    pub fn promises_kept(&self) -> PromisesKept {
        let mut kept = PromisesKept::default();
        for f in self.followups.values().filter(|f| f.rule == Rule::R15) {
            kept.made += 1;
            if f.status == Status::Done {
                kept.done += 1;
                if f.ended_at.is_some_and(|at| at <= f.due) {
                    kept.early += 1;
                }
            }
        }
        kept
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

    fn log_event(
        &mut self,
        event: NewEvent,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let at = event.at.unwrap_or(now);
        if at > now + chrono::Duration::minutes(1) {
            return Err(StoreError::Invalid(Key("refusedFuture").phrase()));
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
        let event = self.new_event(at, event.opportunity_id, event.contact_id, event.what);
        self.check_event(&event)
            .map_err(|why| StoreError::Invalid(why.into()))?;
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
            self.finish(id, outcome, now, cause.as_deref(), tz, changes);
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
