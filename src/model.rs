//! The records a job search is made of: opportunities, contacts, events and follow-ups, plus the
//! user's settings. Plain serde data: the same shapes are stored, messaged and tested.

use crate::capture::Job;
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Record ids are short strings handed out by the store (`o1`, `e2`, `f3`, `c4`).
pub type Id = String;

/// A job the user tracks: a captured posting or one typed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: Id,
    pub job: Job,
    pub stage: Stage,
    pub created_at: DateTime<Utc>,
}

impl Opportunity {
    /// The company as written in reminders, never empty.
    pub fn company_name(&self) -> &str {
        self.job.company.as_deref().unwrap_or("the company")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Saved,
    Applied,
}

/// A person, linked to the opportunities they play a part in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub opportunities: Vec<Id>,
}

/// Something that happened, logged by the user or by capture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Id,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub opportunity: Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Saved,
    Applied,
}

/// The playbook's rules, numbered as in `PLAYBOOK.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    R1,
    R2,
    R3,
}

/// A task with a due instant that a rule created from an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: Id,
    pub rule: Rule,
    pub opportunity: Id,
    /// The event this follow-up answers.
    pub event: Id,
    pub due: DateTime<Utc>,
    /// The IANA zone the due time was planned in.
    pub zone: String,
    pub status: Status,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Done,
}

/// The user's working week: reminders land at `work_start` on a working day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(with = "hh_mm")]
    pub work_start: NaiveTime,
    #[serde(with = "hh_mm")]
    pub work_end: NaiveTime,
    pub work_days: Vec<Weekday>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            work_start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            work_end: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
            work_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
        }
    }
}

/// Times of day as the user writes them: `"09:00"`.
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(&text, "%H:%M")
            .map_err(|e| D::Error::custom(format!("{text:?} is not a time like 09:00: {e}")))
    }
}
