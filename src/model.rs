//! The records a job search is made of: opportunities, contacts, events and follow-ups, plus the
//! user's settings. Plain serde data: the same shapes are stored, messaged and tested.

use crate::phrase::{Key, Phrase};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Record ids are short strings handed out by the store (`o1`, `e2`, `f3`, `c4`).
pub type Id = String;

/// A job the user tracks: a captured posting or one typed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: Id,
    pub job: Job,
    pub stage: Stage,
    pub created_at: DateTime<Utc>,
    /// The user's own words about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the user corrected, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

impl Opportunity {
    /// The company as written in reminders, never empty: "the company" when the posting names none.
    pub fn company(&self) -> Phrase {
        match &self.job.company {
            Some(company) => company.as_str().into(),
            None => Key("theCompany").phrase(),
        }
    }
}

/// Where an opportunity stands. The last three end it (see `rules::ENDS_JOB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Saved,
    Applied,
    Interviewing,
    Offer,
    Accepted,
    Rejected,
    Withdrawn,
}

impl Stage {
    /// Accepted, rejected or withdrawn: nothing more happens on it, so no follow-up, no move
    /// and no new link.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Accepted | Stage::Rejected | Stage::Withdrawn)
    }

    /// The stage as the board and the timeline say it: "Interviewing".
    pub fn phrase(self) -> Phrase {
        match self {
            Stage::Saved => Key("dashStageSaved"),
            Stage::Applied => Key("dashStageApplied"),
            Stage::Interviewing => Key("dashStageInterviewing"),
            Stage::Offer => Key("dashStageOffer"),
            Stage::Accepted => Key("dashStageAccepted"),
            Stage::Rejected => Key("dashStageRejected"),
            Stage::Withdrawn => Key("dashStageWithdrawn"),
        }
        .phrase()
    }
}

/// A person, linked to the opportunities they play a part in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    /// May be empty when only an id is known; reminders then say "your interviewer" etc.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// As the user typed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The contact who pointed the user to this person (R13, R14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<Id>,
    /// Keep in touch every N days (R16); `None` is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// What LinkedIn says of them (a profile viewed, a connections import).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `1st`, `2nd` or `3rd` as LinkedIn last showed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_on: Option<NaiveDate>,
    /// The user's own words about them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the user corrected, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

/// One correction the user made to a record: when, and each field's value before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub at: DateTime<Utc>,
    pub changes: Vec<Change>,
}

/// A field the user changed and what it held before (`None`: it was empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub field: Field,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    /// What the edit put there, empty text for nothing, so Undo can tell whether the field
    /// changed since; `None` in edits made before Undo of an edit existed, which stay as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<String>,
}

/// The fields of an application, a contact or a follow-up the user can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Company,
    Location,
    Link,
    Notes,
    Name,
    Email,
    Headline,
    Salary,
    Phone,
    /// A follow-up's words.
    Words,
}

impl Field {
    /// The field as a word in a sentence: "company".
    pub fn phrase(self) -> Phrase {
        match self {
            Field::Title => Key("fieldTitle"),
            Field::Company => Key("fieldCompany"),
            Field::Location => Key("fieldLocation"),
            Field::Link => Key("fieldLink"),
            Field::Notes => Key("fieldNotes"),
            Field::Name => Key("fieldName"),
            Field::Email => Key("fieldEmail"),
            Field::Headline => Key("fieldHeadline"),
            Field::Salary => Key("fieldSalary"),
            Field::Phone => Key("fieldPhone"),
            Field::Words => Key("fieldWords"),
        }
        .phrase()
    }
}

/// The degree LinkedIn gives a direct connection.
pub const FIRST_DEGREE: &str = "1st";

/// Whether a LinkedIn degree (`1st`, `2nd`, `3rd`) is a direct connection.
pub fn is_first_degree(degree: Option<&str>) -> bool {
    degree == Some(FIRST_DEGREE)
}

impl Contact {
    /// A direct LinkedIn connection of the user's, as LinkedIn last showed them.
    pub fn is_first_degree(&self) -> bool {
        is_first_degree(self.degree.as_deref())
    }

    pub fn new(id: Id, name: String) -> Contact {
        Contact {
            id,
            name,
            email: None,
            phone: None,
            profile_url: None,
            links: Vec::new(),
            referred_by: None,
            cadence_days: None,
            headline: None,
            company: None,
            position: None,
            location: None,
            degree: None,
            connected_on: None,
            notes: None,
            edits: Vec::new(),
        }
    }

    /// Links the contact to an opportunity; a known role is kept over the generic one.
    pub fn link(&mut self, opportunity: &str, role: Role) -> bool {
        match self.links.iter_mut().find(|l| l.opportunity == opportunity) {
            Some(link) if link.role == Role::Contact && role != Role::Contact => {
                link.role = role;
                true
            }
            Some(_) => false,
            None => {
                self.links.push(Link {
                    opportunity: opportunity.to_string(),
                    role,
                });
                true
            }
        }
    }

    pub fn role_in(&self, opportunity: &str) -> Option<Role> {
        self.links
            .iter()
            .find(|l| l.opportunity == opportunity)
            .map(|l| l.role)
    }
}

/// A contact's part in an opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub opportunity: Id,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Recruiter,
    HiringManager,
    Interviewer,
    Referrer,
    /// Linked without a known role (e.g. records from schema 1).
    Contact,
}

impl Role {
    /// The role as written in lists and spreadsheets: "Hiring manager".
    pub fn phrase(self) -> Phrase {
        match self {
            Role::Recruiter => Key("roleRecruiter"),
            Role::HiringManager => Key("roleHiringManager"),
            Role::Interviewer => Key("roleInterviewer"),
            Role::Referrer => Key("roleReferrer"),
            Role::Contact => Key("roleContact"),
        }
        .phrase()
    }
}

/// Something that happened, logged by the user or by capture. About a job, a person or both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: Id,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Id>,
    #[serde(flatten)]
    pub what: What,
}

/// What happened, with the details the rules need. Stored as `"kind": "applied"` next to the
/// event's other fields; read with them by `WhatFields`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    Saved,
    Applied,
    Interviewed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision_date: Option<NaiveDate>,
    },
    Rejected,
    Offer,
    Accepted,
    Withdrawn,
    Met {
        connected: bool,
    },
    Connected,
    CallHeld,
    MeetingScheduled {
        when: DateTime<Utc>,
    },
    /// `referrer` pointed the user to the event's contact.
    Referral {
        referrer: Id,
    },
    ReachedOut,
    Promise {
        text: String,
    },
    Cadence {
        every_days: u32,
    },
    Touch {
        outcome: Outcome,
    },
    Reply,
    /// The user's own reminder: their words, due on `date` at `time`, or at the start of the
    /// working day without one.
    Reminder {
        text: String,
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time: Option<NaiveTime>,
    },
}

/// The kind of an event without its details: what the rule table matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Saved,
    Applied,
    Interviewed,
    Rejected,
    Offer,
    Accepted,
    Withdrawn,
    Met,
    Connected,
    CallHeld,
    MeetingScheduled,
    Referral,
    ReachedOut,
    Promise,
    Cadence,
    Touch,
    Reply,
    Reminder,
}

impl What {
    pub fn kind(&self) -> EventKind {
        match self {
            What::Saved => EventKind::Saved,
            What::Applied => EventKind::Applied,
            What::Interviewed { .. } => EventKind::Interviewed,
            What::Rejected => EventKind::Rejected,
            What::Offer => EventKind::Offer,
            What::Accepted => EventKind::Accepted,
            What::Withdrawn => EventKind::Withdrawn,
            What::Met { .. } => EventKind::Met,
            What::Connected => EventKind::Connected,
            What::CallHeld => EventKind::CallHeld,
            What::MeetingScheduled { .. } => EventKind::MeetingScheduled,
            What::Referral { .. } => EventKind::Referral,
            What::ReachedOut => EventKind::ReachedOut,
            What::Promise { .. } => EventKind::Promise,
            What::Cadence { .. } => EventKind::Cadence,
            What::Touch { .. } => EventKind::Touch,
            What::Reply => EventKind::Reply,
            What::Reminder { .. } => EventKind::Reminder,
        }
    }
}

impl EventKind {
    /// How the checklist and the timeline say what happened: "Applied", "Turned down".
    pub fn phrase(self) -> Phrase {
        match self {
            EventKind::Saved => Key("eventSaved"),
            EventKind::Applied => Key("eventApplied"),
            EventKind::Interviewed => Key("eventInterviewed"),
            EventKind::Rejected => Key("eventRejected"),
            EventKind::Offer => Key("eventOffer"),
            EventKind::Accepted => Key("eventAccepted"),
            EventKind::Withdrawn => Key("eventWithdrawn"),
            EventKind::Met => Key("eventMet"),
            EventKind::Connected => Key("eventConnected"),
            EventKind::CallHeld => Key("eventCallHeld"),
            EventKind::MeetingScheduled => Key("eventMeetingScheduled"),
            EventKind::Referral => Key("eventReferral"),
            EventKind::ReachedOut => Key("eventReachedOut"),
            EventKind::Promise => Key("eventPromise"),
            EventKind::Cadence => Key("eventCadence"),
            EventKind::Touch => Key("eventTouch"),
            EventKind::Reply => Key("eventReply"),
            EventKind::Reminder => Key("eventReminder"),
        }
        .phrase()
    }
}

/// Read field by field, without serde's `flatten`: the derive would buffer every stored event
/// in serde's private buffer and build a copy of the code reading each kind of event from it.
/// Accepts what the derive did: its fields in any order, `opportunity` and `contact` missing,
/// fields it does not know.
impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Event, D::Error> {
        deserializer.deserialize_map(EventVisitor)
    }
}

struct EventVisitor;

impl<'de> Visitor<'de> for EventVisitor {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let (mut id, mut at, mut opportunity, mut contact) = (None, None, None, None);
        let mut what = WhatFields::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => once(&mut id, "id", map.next_value()?)?,
                "at" => once(&mut at, "at", map.next_value()?)?,
                "opportunity" => once(&mut opportunity, "opportunity", map.next_value()?)?,
                "contact" => once(&mut contact, "contact", map.next_value()?)?,
                _ => what.take(&key, &mut map)?,
            }
        }
        Ok(Event {
            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
            at: at.ok_or_else(|| de::Error::missing_field("at"))?,
            opportunity: opportunity.flatten(),
            contact: contact.flatten(),
            what: what.what()?,
        })
    }
}

/// The names `What` writes in `"kind"`, in the order of `EventKind`.
const KINDS: [&str; 18] = [
    "saved",
    "applied",
    "interviewed",
    "rejected",
    "offer",
    "accepted",
    "withdrawn",
    "met",
    "connected",
    "call_held",
    "meeting_scheduled",
    "referral",
    "reached_out",
    "promise",
    "cadence",
    "touch",
    "reply",
    "reminder",
];

/// An event's `"kind"` read as serde reads a variant's name (or its index), with its errors.
#[derive(Clone, Copy)]
struct Kind(EventKind);

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
        deserializer.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Kind, E> {
        match KINDS.iter().position(|kind| *kind == name) {
            Some(at) => self.visit_u64(at as u64),
            None => Err(E::unknown_variant(name, &KINDS)),
        }
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Kind, E> {
        use EventKind as K;
        const ALL: [EventKind; 18] = [
            K::Saved,
            K::Applied,
            K::Interviewed,
            K::Rejected,
            K::Offer,
            K::Accepted,
            K::Withdrawn,
            K::Met,
            K::Connected,
            K::CallHeld,
            K::MeetingScheduled,
            K::Referral,
            K::ReachedOut,
            K::Promise,
            K::Cadence,
            K::Touch,
            K::Reply,
            K::Reminder,
        ];
        let kind = usize::try_from(index).ok().and_then(|at| ALL.get(at));
        kind.map(|kind| Kind(*kind)).ok_or_else(|| {
            E::invalid_value(
                de::Unexpected::Unsigned(index),
                &"variant index 0 <= i < 18",
            )
        })
    }
}

/// Keeps the value of a field seen once; a second is an error, as in serde's derive.
pub(crate) fn once<T, E: de::Error>(
    slot: &mut Option<T>,
    name: &'static str,
    value: T,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// The fields of a `What` as they come among a record's (an `Event`, a `NewEvent`), in any
/// order, the `"kind"` before or after the fields it needs: each kept as its JSON value until
/// the kind says which are read and which ignored, as serde's internally tagged enum does.
#[derive(Default)]
pub(crate) struct WhatFields {
    kind: Option<Kind>,
    fields: Vec<(&'static str, Value)>,
}

/// Every field some kind of `What` has.
const WHAT_FIELDS: [&str; 9] = [
    "decision_date",
    "connected",
    "when",
    "referrer",
    "text",
    "every_days",
    "outcome",
    "date",
    "time",
];

impl WhatFields {
    /// Reads the value of `key` from `map`: kept when it is the kind or a field of some kind,
    /// ignored when it is neither.
    pub(crate) fn take<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if key == "kind" {
            once(&mut self.kind, "kind", map.next_value()?)
        } else if let Some(name) = WHAT_FIELDS.iter().find(|name| **name == key) {
            self.fields.push((name, map.next_value()?));
            Ok(())
        } else {
            map.next_value::<IgnoredAny>().map(|_| ())
        }
    }

    /// The `What` of the kind read, from the fields it needs.
    pub(crate) fn what<E: de::Error>(self) -> Result<What, E> {
        let Some(Kind(kind)) = self.kind else {
            return Err(E::missing_field("kind"));
        };
        Ok(match kind {
            EventKind::Saved => What::Saved,
            EventKind::Applied => What::Applied,
            EventKind::Interviewed => What::Interviewed {
                decision_date: self.optional("decision_date")?,
            },
            EventKind::Rejected => What::Rejected,
            EventKind::Offer => What::Offer,
            EventKind::Accepted => What::Accepted,
            EventKind::Withdrawn => What::Withdrawn,
            EventKind::Met => What::Met {
                connected: self.required("connected")?,
            },
            EventKind::Connected => What::Connected,
            EventKind::CallHeld => What::CallHeld,
            EventKind::MeetingScheduled => What::MeetingScheduled {
                when: self.required("when")?,
            },
            EventKind::Referral => What::Referral {
                referrer: self.required("referrer")?,
            },
            EventKind::ReachedOut => What::ReachedOut,
            EventKind::Promise => What::Promise {
                text: self.required("text")?,
            },
            EventKind::Cadence => What::Cadence {
                every_days: self.required("every_days")?,
            },
            EventKind::Touch => What::Touch {
                outcome: self.required("outcome")?,
            },
            EventKind::Reply => What::Reply,
            EventKind::Reminder => What::Reminder {
                text: self.required("text")?,
                date: self.required("date")?,
                time: self.optional("time")?,
            },
        })
    }

    /// The field `name`, which the kind needs.
    fn required<T: DeserializeOwned, E: de::Error>(&self, name: &'static str) -> Result<T, E> {
        let value = self.value(name)?.ok_or_else(|| E::missing_field(name))?;
        T::deserialize(value).map_err(E::custom)
    }

    /// The field `name`, none when it is missing or null.
    fn optional<T: DeserializeOwned, E: de::Error>(
        &self,
        name: &'static str,
    ) -> Result<Option<T>, E> {
        match self.value(name)? {
            Some(value) => Option::<T>::deserialize(value).map_err(E::custom),
            None => Ok(None),
        }
    }

    /// The value of the field `name`, if it came; twice is an error, as in serde's derive.
    fn value<E: de::Error>(&self, name: &'static str) -> Result<Option<&Value>, E> {
        let mut values = self.fields.iter().filter(|(field, _)| *field == name);
        let value = values.next().map(|(_, value)| value);
        match values.next() {
            Some(_) => Err(E::duplicate_field(name)),
            None => Ok(value),
        }
    }
}

/// How a touch went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NoAnswer,
    Answered,
}

impl Outcome {
    /// How the touch went, as the lists say it: "No answer".
    pub fn phrase(self) -> Phrase {
        match self {
            Outcome::NoAnswer => Key("dashOutcomeNoAnswer"),
            Outcome::Answered => Key("dashOutcomeAnswered"),
        }
        .phrase()
    }
}

/// The playbook's rules that create follow-ups, numbered as in `PLAYBOOK.md`. R5 creates none:
/// it is the touch limit, which ends a thread as `moved_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rule {
    R1,
    R2,
    R3,
    R4,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    R16,
    /// The user's own reminder, in their words.
    Own,
}

impl Rule {
    /// Every rule, in the playbook's order.
    pub const ALL: [Rule; 16] = [
        Rule::R1,
        Rule::R2,
        Rule::R3,
        Rule::R4,
        Rule::R6,
        Rule::R7,
        Rule::R8,
        Rule::R9,
        Rule::R10,
        Rule::R11,
        Rule::R12,
        Rule::R13,
        Rule::R14,
        Rule::R15,
        Rule::R16,
        Rule::Own,
    ];

    /// The rule as the user sees it, never its code: "Thank-you note".
    pub fn phrase(self) -> Phrase {
        match self {
            Rule::R1 => Key("ruleR1"),
            Rule::R2 => Key("ruleR2"),
            Rule::R3 => Key("ruleR3"),
            Rule::R4 => Key("ruleR4"),
            Rule::R6 => Key("ruleR6"),
            Rule::R7 => Key("ruleR7"),
            Rule::R8 => Key("ruleR8"),
            Rule::R9 => Key("ruleR9"),
            Rule::R10 => Key("ruleR10"),
            Rule::R11 => Key("ruleR11"),
            Rule::R12 => Key("ruleR12"),
            Rule::R13 => Key("ruleR13"),
            Rule::R14 => Key("ruleR14"),
            Rule::R15 => Key("ruleR15"),
            Rule::R16 => Key("ruleR16"),
            Rule::Own => Key("ruleOwn"),
        }
        .phrase()
    }
}

/// A task with a due instant that a rule created from an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: Id,
    pub rule: Rule,
    /// The job it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<Id>,
    /// The person it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Id>,
    /// The event this follow-up answers.
    pub event: Id,
    pub due: DateTime<Utc>,
    /// The IANA zone the due time was planned in.
    pub zone: String,
    pub status: Status,
    pub text: String,
    /// Which touch of its thread this is (R3, R7, R9 are touch 1; each R4 one more).
    #[serde(default = "first_touch", skip_serializing_if = "is_first_touch")]
    pub touch: u32,
    /// How the due time was chosen when it was not obvious (a promise without a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// How the touch went, when it was completed as a touch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Every snooze, oldest first: the due time is moved, the history kept (a due time the user
    /// corrected is kept here too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snoozes: Vec<Snooze>,
    /// What the user corrected of its words, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

fn first_touch() -> u32 {
    1
}

fn is_first_touch(touch: &u32) -> bool {
    *touch == 1
}

impl FollowUp {
    /// Open or snoozed: not ended, so it counts and will come due.
    pub fn is_pending(&self) -> bool {
        matches!(self.status, Status::Open | Status::Snoozed)
    }

    /// Whether its words are the user's own (corrected), rather than the rule's.
    pub fn own_words(&self) -> bool {
        self.edits
            .iter()
            .any(|e| e.changes.iter().any(|c| c.field == Field::Words))
    }

    /// The status as the user sees it at `now`: a snooze that has run out is open again.
    pub fn status_at(&self, now: DateTime<Utc>) -> Status {
        match self.status {
            Status::Snoozed if self.due <= now => Status::Open,
            status => status,
        }
    }
}

/// One snooze: when it was asked for, and the due time before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snooze {
    pub at: DateTime<Utc>,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    /// The user did what it asked.
    Done,
    /// Something else made it moot before the user did it (an interview logged before the
    /// application follow-up): not a follow-up the user made.
    Superseded,
    Snoozed,
    Cancelled,
    /// The touch limit was reached with no answer (R5): no more reminders on this thread.
    MovedOn,
}

impl Status {
    /// The follow-up's status as the lists say it: "Snoozed".
    pub fn phrase(self) -> Phrase {
        match self {
            Status::Open => Key("dashStatusOpen"),
            Status::Done => Key("dashStatusDone"),
            Status::Superseded => Key("dashStatusSuperseded"),
            Status::Snoozed => Key("dashStatusSnoozed"),
            Status::Cancelled => Key("dashStatusCancelled"),
            Status::MovedOn => Key("dashStatusMovedOn"),
        }
        .phrase()
    }
}

/// What the badge counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeMode {
    #[default]
    Overdue,
    OverdueAndToday,
}

/// How the user writes a numeric date like "4/12".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 4/12 is April 12 (en-US).
    #[default]
    MonthDay,
    /// 4/12 is 4 December (most of the world).
    DayMonth,
}

/// A message template: `{name}`, `{role}`, ... are filled in (see `drafts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The user's settings. Every number is a default from `PLAYBOOK.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(with = "hh_mm")]
    pub work_start: NaiveTime,
    #[serde(with = "hh_mm")]
    pub work_end: NaiveTime,
    /// Empty means every day is a working day.
    pub work_days: Vec<Weekday>,
    /// Touches on one thread before moving on (R4, R5).
    pub touch_limit: u32,
    /// The keep-in-touch choices offered for R16, in days.
    pub cadence_presets: Vec<u32>,
    pub badge: BadgeMode,
    pub date_order: DateOrder,
    /// Signs the drafts.
    pub your_name: String,
    /// The user's own templates, replacing the defaults rule by rule.
    pub templates: BTreeMap<Rule, Template>,
    /// Postings viewed are remembered so one seen yesterday can still be tracked.
    pub seen: SeenHistory,
    /// A small "Track" button on pages where a posting was found.
    pub in_page_button: bool,
    /// Job sites are read as the user views them; off, only a click on the toolbar button reads.
    pub auto_capture: bool,
    /// A new 1st-degree LinkedIn connection (degree changed, or connected in the last 14 days)
    /// starts R9 on its own, once per person.
    pub follow_new_connections: bool,
}

/// The "recently viewed" list: on by default, bounded in count and age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeenHistory {
    pub on: bool,
    /// The most postings kept; the oldest go first.
    pub cap: usize,
    /// Postings not seen for this many days are forgotten.
    pub days: u32,
}

impl Default for SeenHistory {
    fn default() -> Self {
        SeenHistory {
            on: true,
            cap: 200,
            days: 30,
        }
    }
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
            touch_limit: 2,
            cadence_presets: vec![30, 60, 90],
            badge: BadgeMode::Overdue,
            date_order: DateOrder::MonthDay,
            your_name: String::new(),
            templates: BTreeMap::new(),
            seen: SeenHistory::default(),
            in_page_button: true,
            auto_capture: true,
            follow_new_connections: true,
        }
    }
}

impl Settings {
    /// Settings that would make the rules misbehave are refused with the reason.
    pub fn check(&self) -> Result<(), Phrase> {
        let problem = if self.work_start >= self.work_end {
            Key("settingsDayOrder")
        } else if self.touch_limit == 0 {
            Key("settingsTouchLimitZero")
        } else if self.cadence_presets.contains(&0) {
            Key("settingsPresetZero")
        } else {
            return Ok(());
        };
        Err(problem.phrase())
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

/// Where a captured job came from: structured data, a site adapter, meta tags, the generic
/// reader, or the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Jsonld,
    Microdata,
    Linkedin,
    Indeed,
    Greenhouse,
    Lever,
    Workday,
    Ashby,
    SmartRecruiters,
    Workable,
    Teamtailor,
    BreezyHr,
    Icims,
    Glassdoor,
    Dice,
    Stepstone,
    Wellfound,
    Ycombinator,
    Builtin,
    Seek,
    Totaljobs,
    Naukri,
    WelcomeToTheJungle,
    Monster,
    Meta,
    Generic,
    Manual,
}

/// A job posting as captured (or typed in by hand). Fields not found are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The posting's canonical URL (tracking parameters and fragments removed; a board's own
    /// form of the address where the board is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_posted: Option<String>,
    /// The last day to apply, as the posting's `validThrough` date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring_contact: Option<String>,
    /// Plain text, trimmed to a few KB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Source,
    /// The board and the board's id of the posting (`linkedin:4411867124`,
    /// `greenhouse:gitlab/8620720002`): the same posting viewed twice has the same key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_key: Option<String>,
}

/// A person as captured from a profile, a people search, the connections list or a LinkedIn
/// `Connections.csv` row. Fields not found are `None`, never guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// The current employer, from the first experience entry (never guessed from the headline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The job title at that company, where a source names it apart (the export's `Position`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `https://www.linkedin.com/in/<slug>/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `1st`, `2nd` or `3rd` (3rd and beyond).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    /// When the user and the person connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_on: Option<chrono::NaiveDate>,
}

impl Job {
    /// The posting with the company the user typed where capture found none; a blank answer
    /// leaves it without one (never a guess).
    pub fn with_company(mut self, typed: &str) -> Job {
        let typed = crate::text::collapse(typed);
        if self.company.is_none() && !typed.is_empty() {
            self.company = Some(typed.into_owned());
        }
        self
    }

    /// A job with only a title, from `source`.
    pub fn titled(title: String, source: Source) -> Job {
        Job {
            title,
            company: None,
            location: None,
            url: None,
            job_id: None,
            employment_type: None,
            remote: None,
            salary: None,
            date_posted: None,
            valid_through: None,
            hiring_contact: None,
            description: None,
            source,
            job_key: None,
        }
    }
}

impl Person {
    /// A person with only a name.
    pub fn named(name: String) -> Person {
        Person {
            name,
            ..Person::default()
        }
    }
}
