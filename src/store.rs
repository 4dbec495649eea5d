//! The user's data and the only way to change it: typed commands applied to the state, each
//! reporting exactly which records changed so the worker persists those and nothing else.

use crate::capture::{is_web_url, Job};
use crate::model::{
    Contact, Event, EventKind, FollowUp, Id, Opportunity, Rule, Settings, Stage, Status,
};
use crate::playbook::{self, Context};
use crate::schedule::Calendar;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The version of the stored format; a change to it ships a migration.
pub const SCHEMA_VERSION: u32 = 1;

const META_KEY: &str = "meta";
const SETTINGS_KEY: &str = "settings";
const OPPORTUNITY: &str = "opportunity/";
const CONTACT: &str = "contact/";
const EVENT: &str = "event/";
const FOLLOWUP: &str = "followup/";

/// Bookkeeping kept under the `meta` key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub schema: u32,
    /// The next number handed out as a record id.
    pub next_id: u64,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            schema: SCHEMA_VERSION,
            next_id: 1,
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
    Track { job: Job },
    /// Log the application (R2, R3; completes R1).
    MarkApplied { opportunity_id: Id },
    /// Mark a follow-up done.
    CompleteFollowUp { followup_id: Id },
}

/// Why a command was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Invalid(String),
    NotFound(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Invalid(why) => write!(f, "{why}"),
            StoreError::NotFound(what) => write!(f, "{what} no longer exists"),
        }
    }
}

/// The records a command wrote, by storage key, ready to persist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub set: BTreeMap<String, Value>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    fn put<T: Serialize>(&mut self, key: String, record: &T) {
        if let Ok(value) = serde_json::to_value(record) {
            self.set.insert(key, value);
        }
    }
}

/// What a command did, for the reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The opportunity the command was about, if any.
    pub opportunity: Option<Opportunity>,
    pub changes: Changes,
}

impl State {
    /// Rebuilds the state from stored records. A record that cannot be read is reported and
    /// left in storage untouched; nothing is dropped.
    pub fn from_records(records: &BTreeMap<String, Value>) -> (State, Vec<String>) {
        let mut state = State::default();
        let mut errors = Vec::new();
        for (key, value) in records {
            let result = if key == META_KEY {
                read_into(value, &mut state.meta)
            } else if key == SETTINGS_KEY {
                read_into(value, &mut state.settings)
            } else if let Some(id) = key.strip_prefix(OPPORTUNITY) {
                read_record(id, value, &mut state.opportunities)
            } else if let Some(id) = key.strip_prefix(CONTACT) {
                read_record(id, value, &mut state.contacts)
            } else if let Some(id) = key.strip_prefix(EVENT) {
                read_record(id, value, &mut state.events)
            } else if let Some(id) = key.strip_prefix(FOLLOWUP) {
                read_record(id, value, &mut state.followups)
            } else {
                Ok(())
            };
            if let Err(e) = result {
                errors.push(format!("stored record {key:?} could not be read: {e}"));
            }
        }
        (state, errors)
    }

    /// Applies one command at `now` in the user's zone.
    pub fn apply(
        &mut self,
        command: Command,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Applied, StoreError> {
        match command {
            Command::Track { job } => self.track(job, now, tz),
            Command::MarkApplied { opportunity_id } => self.mark_applied(&opportunity_id, now, tz),
            Command::CompleteFollowUp { followup_id } => self.complete(&followup_id, now),
        }
    }

    /// The opportunity tracked for this posting URL, if any.
    pub fn find_by_url(&self, url: &str) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| o.job.url.as_deref() == Some(url))
    }

    /// Open follow-ups due before `now`: the badge count.
    pub fn overdue_count(&self, now: DateTime<Utc>) -> usize {
        self.open_followups().filter(|f| f.due < now).count()
    }

    /// When the next open follow-up falls due, to arm the alarm.
    pub fn next_due_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.open_followups()
            .map(|f| f.due)
            .filter(|due| *due > now)
            .min()
    }

    pub fn open_followups(&self) -> impl Iterator<Item = &FollowUp> {
        self.followups.values().filter(|f| f.status == Status::Open)
    }

    fn track(&mut self, job: Job, now: DateTime<Utc>, tz: Tz) -> Result<Applied, StoreError> {
        let job = validate(job)?;
        if let Some(existing) = job.url.as_deref().and_then(|url| self.find_by_url(url)) {
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
        self.opportunities
            .insert(opportunity.id.clone(), opportunity.clone());
        changes.put(key(OPPORTUNITY, &opportunity.id), &opportunity);
        self.log(EventKind::Saved, &opportunity.id, now, tz, &mut changes);
        self.finish(&mut changes);
        Ok(Applied {
            opportunity: Some(opportunity),
            changes,
        })
    }

    fn mark_applied(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Applied, StoreError> {
        let opportunity = self
            .opportunities
            .get_mut(id)
            .ok_or_else(|| StoreError::NotFound(format!("opportunity {id}")))?;
        if opportunity.stage != Stage::Saved {
            return Ok(Applied {
                opportunity: Some(opportunity.clone()),
                changes: Changes::default(),
            });
        }
        opportunity.stage = Stage::Applied;
        let opportunity = opportunity.clone();
        let mut changes = Changes::default();
        changes.put(key(OPPORTUNITY, id), &opportunity);
        self.log(EventKind::Applied, id, now, tz, &mut changes);
        self.finish(&mut changes);
        Ok(Applied {
            opportunity: Some(opportunity),
            changes,
        })
    }

    fn complete(&mut self, id: &str, now: DateTime<Utc>) -> Result<Applied, StoreError> {
        let followup = self
            .followups
            .get_mut(id)
            .ok_or_else(|| StoreError::NotFound(format!("follow-up {id}")))?;
        let mut changes = Changes::default();
        if followup.status == Status::Open {
            followup.status = Status::Done;
            followup.ended_at = Some(now);
            changes.put(key(FOLLOWUP, id), &*followup);
        }
        let opportunity = self.opportunities.get(&followup.opportunity).cloned();
        Ok(Applied {
            opportunity,
            changes,
        })
    }

    /// Records an event, completes the follow-ups it answers and plans the ones it asks for.
    fn log(
        &mut self,
        kind: EventKind,
        opportunity_id: &str,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) {
        let event = Event {
            id: self.next_id('e'),
            at: now,
            kind,
            opportunity: opportunity_id.to_string(),
        };
        changes.put(key(EVENT, &event.id), &event);
        let completed: Vec<Rule> = playbook::completed_by(kind).collect();
        for followup in self.followups.values_mut().filter(|f| {
            f.opportunity == opportunity_id
                && f.status == Status::Open
                && completed.contains(&f.rule)
        }) {
            followup.status = Status::Done;
            followup.ended_at = Some(now);
            changes.put(key(FOLLOWUP, &followup.id), &*followup);
        }
        let Some(opportunity) = self.opportunities.get(opportunity_id).cloned() else {
            return;
        };
        let context = Context {
            contact_known: self
                .contacts
                .values()
                .any(|c| c.opportunities.iter().any(|o| o == opportunity_id)),
        };
        let calendar = Calendar {
            tz,
            settings: &self.settings,
        };
        let planned = playbook::plan(kind, now, &opportunity, context, &calendar);
        for p in planned {
            let followup = FollowUp {
                id: self.next_id('f'),
                rule: p.rule,
                opportunity: opportunity_id.to_string(),
                event: event.id.clone(),
                due: p.due,
                zone: tz.name().to_string(),
                status: Status::Open,
                text: p.text,
                ended_at: None,
            };
            changes.put(key(FOLLOWUP, &followup.id), &followup);
            self.followups.insert(followup.id.clone(), followup);
        }
        self.events.insert(event.id.clone(), event);
    }

    /// Every change also writes the meta record, which holds the id counter.
    fn finish(&self, changes: &mut Changes) {
        changes.put(META_KEY.to_string(), &self.meta);
    }

    fn next_id(&mut self, prefix: char) -> Id {
        let id = format!("{prefix}{}", self.meta.next_id);
        self.meta.next_id += 1;
        id
    }
}

/// Only what is safe and useful is kept: a title, and http(s) links.
fn validate(mut job: Job) -> Result<Job, StoreError> {
    job.title = job.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if job.title.is_empty() {
        return Err(StoreError::Invalid("A posting needs a title.".into()));
    }
    if let Some(url) = &job.url {
        if !is_web_url(url) {
            return Err(StoreError::Invalid(format!(
                "Only http(s) links can be tracked, not {url:?}."
            )));
        }
    }
    Ok(job)
}

fn key(prefix: &str, id: &str) -> String {
    format!("{prefix}{id}")
}

fn read_into<T: for<'de> Deserialize<'de>>(value: &Value, into: &mut T) -> Result<(), String> {
    *into = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    Ok(())
}

fn read_record<T: for<'de> Deserialize<'de>>(
    id: &str,
    value: &Value,
    into: &mut BTreeMap<Id, T>,
) -> Result<(), String> {
    let record = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    into.insert(id.to_string(), record);
    Ok(())
}
