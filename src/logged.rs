//! Telling Follow Through what happened, from the popup's "Log what happened" form: which kinds
//! it offers about a job or a person and the fields each asks for, the form's values made an
//! event (dates and times read in the user's zone), a promise's due time read from its words as
//! they are typed (R15) and the user's own reminder's from its date and time, and, once an event
//! is logged, the follow-ups it planned. The page draws
//! and sends; every choice here is the core's.

use crate::model::{EventKind, Id, Settings, What};
use crate::phrase::{Key, Phrase, Style};
use crate::playbook::promise;
use crate::playbook::rules::{plan, Facts, On};
use crate::schedule::{add_days, Calendar};
use crate::store::{NewEvent, State};
use crate::wording::what_to_do;
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the user can say happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Interview,
    CallHeld,
    MeetingScheduled,
    Reply,
    Promise,
    Reminder,
    ReachedOut,
    Offer,
    Rejected,
    Withdrawn,
    Accepted,
}

/// The form's fields besides the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A date and a time, with "today" and "tomorrow" shortcuts.
    When,
    /// A saved contact's name to pick, or any name to type.
    With,
    /// The day they said they would decide.
    DecideBy,
    /// A promise in the user's words.
    Words,
    /// What to remind the user of, in their words (its day and time are the `When` field's).
    Remind,
}

/// What the form is about: the tracked job on screen, or the saved person on their card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Job,
    Person,
}

impl Kind {
    /// The kinds offered, in the picker's order: a job's end only about a job, an interview
    /// only about a job (the person on a card may be linked to several).
    pub fn offered(subject: Subject) -> &'static [Kind] {
        use Kind::*;
        match subject {
            Subject::Job => &[
                Interview,
                CallHeld,
                MeetingScheduled,
                Reply,
                Promise,
                Reminder,
                ReachedOut,
                Offer,
                Rejected,
                Withdrawn,
                Accepted,
            ],
            Subject::Person => &[
                CallHeld,
                MeetingScheduled,
                Reply,
                Promise,
                Reminder,
                ReachedOut,
            ],
        }
    }

    /// The kind as the picker says it: "Interview".
    pub fn label(self) -> Phrase {
        match self {
            Kind::Interview => Key("logKindInterview"),
            Kind::CallHeld => Key("logKindCallHeld"),
            Kind::MeetingScheduled => Key("logKindMeetingScheduled"),
            Kind::Reply => Key("logKindReply"),
            Kind::Promise => Key("logKindPromise"),
            Kind::Reminder => Key("logKindReminder"),
            Kind::ReachedOut => Key("logKindReachedOut"),
            Kind::Offer => Key("logKindOffer"),
            Kind::Rejected => Key("logKindRejected"),
            Kind::Withdrawn => Key("logKindWithdrawn"),
            Kind::Accepted => Key("logKindAccepted"),
        }
        .phrase()
    }

    /// The fields the form shows for this kind. "With whom" is asked only about a job: on a
    /// person's card it is them.
    pub fn fields(self, subject: Subject) -> Vec<Field> {
        use Field::*;
        let fields: &[Field] = match self {
            Kind::Interview => &[When, With, DecideBy],
            Kind::CallHeld | Kind::MeetingScheduled => &[When, With],
            Kind::Promise => &[Words, With],
            Kind::Reminder => &[Remind, When],
            Kind::Reply | Kind::ReachedOut | Kind::Rejected => &[With],
            Kind::Offer | Kind::Withdrawn | Kind::Accepted => &[],
        };
        fields
            .iter()
            .copied()
            .filter(|f| *f != With || subject == Subject::Job)
            .collect()
    }
}

/// The form's values as the page read them, untouched: dates `YYYY-MM-DD`, times `HH:MM`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub kind: Kind,
    pub opportunity_id: Option<Id>,
    pub contact_id: Option<Id>,
    pub date: String,
    pub time: String,
    pub with: String,
    pub decide_by: String,
    pub words: String,
    /// What to remind the user of.
    #[serde(default)]
    pub remind: String,
}

impl Form {
    /// The event the form describes, its date and time read in `tz`; the reason in words when
    /// the form does not say enough. No date is now, except for a meeting, which needs one. The
    /// user's own reminder happens now, and its date (and time, if given) say when it is due.
    pub fn event(&self, tz: Tz) -> Result<NewEvent, Phrase> {
        if self.kind == Kind::Reminder {
            return Ok(NewEvent {
                opportunity_id: self.opportunity_id.clone(),
                contact_id: self.contact_id.clone(),
                at: None,
                with: None,
                what: self.reminder()?,
            });
        }
        let settings = Settings::default();
        let calendar = Calendar {
            tz,
            settings: &settings,
        };
        let when = match (self.date.trim(), self.time.trim()) {
            ("", _) => None,
            (date, time) => {
                let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| Key("refusedLogDate").phrase())?;
                let time = NaiveTime::parse_from_str(time, "%H:%M")
                    .map_err(|_| Key("refusedLogTime").phrase())?;
                Some(calendar.instant(date, time))
            }
        };
        let mut at = when;
        let what = match self.kind {
            Kind::Interview => What::Interviewed {
                decision_date: NaiveDate::parse_from_str(self.decide_by.trim(), "%Y-%m-%d").ok(),
            },
            Kind::CallHeld => What::CallHeld,
            Kind::MeetingScheduled => {
                at = None;
                What::MeetingScheduled {
                    when: when.ok_or_else(|| Key("refusedLogMeetingWhen").phrase())?,
                }
            }
            Kind::Reply => What::Reply,
            Kind::Promise if self.words.trim().is_empty() => {
                return Err(Key("refusedLogWords").phrase())
            }
            Kind::Promise => What::Promise {
                text: self.words.trim().to_string(),
            },
            Kind::Reminder => self.reminder()?,
            Kind::ReachedOut => What::ReachedOut,
            Kind::Offer => What::Offer,
            Kind::Rejected => What::Rejected,
            Kind::Withdrawn => What::Withdrawn,
            Kind::Accepted => What::Accepted,
        };
        let with = Some(self.with.trim())
            .filter(|w| !w.is_empty() && self.contact_id.is_none())
            .map(str::to_string);
        Ok(NewEvent {
            opportunity_id: self.opportunity_id.clone(),
            contact_id: self.contact_id.clone(),
            at,
            with,
            what,
        })
    }
}

impl Form {
    /// The user's own reminder the form describes: words and a date needed, a time optional.
    fn reminder(&self) -> Result<What, Phrase> {
        let text = self.remind.trim();
        if text.is_empty() {
            return Err(Key("refusedLogReminderWords").phrase());
        }
        let (date, time) = reminder_when(&self.date, &self.time)?;
        Ok(What::Reminder {
            text: text.to_string(),
            date,
            time,
        })
    }
}

/// A reminder's day (needed) and time (optional) from the form's date and time fields.
fn reminder_when(date: &str, time: &str) -> Result<(NaiveDate, Option<NaiveTime>), Phrase> {
    let date = match date.trim() {
        "" => return Err(Key("refusedLogReminderDate").phrase()),
        date => NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| Key("refusedLogDate").phrase())?,
    };
    let time = match time.trim() {
        "" => None,
        time => Some(
            NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| Key("refusedLogTime").phrase())?,
        ),
    };
    Ok((date, time))
}

/// A date field's value for the day `days` after today in `tz`: the "today" and "tomorrow"
/// shortcuts.
pub fn day_value(now: DateTime<Utc>, tz: Tz, days: i64) -> String {
    add_days(now.with_timezone(&tz).date_naive(), days)
        .format("%Y-%m-%d")
        .to_string()
}

/// A time field's first value: the hour now began, in `tz`.
pub fn hour_value(now: DateTime<Utc>, tz: Tz) -> String {
    format!("{:02}:00", now.with_timezone(&tz).hour())
}

/// When a promise in these words, made now, falls due, as the form says it while the user
/// types: "Due Fri 11 Dec 09:00", or that no date was found and the default was taken. Nothing
/// for no words.
pub fn promise_due(settings: &Settings, text: &str, now: DateTime<Utc>, tz: Tz) -> Option<Phrase> {
    if text.trim().is_empty() {
        return None;
    }
    let calendar = Calendar { tz, settings };
    let promised = promise::parse(text, now, &calendar);
    let due = Phrase::moment(promised.due, tz, Style::DayClock);
    Some(match promised.note {
        None => Key("logPromiseDue").with([due]),
        Some(_) => Key("logPromiseNoDate").with([promise::FALLBACK_WORKING_DAYS.into(), due]),
    })
}

/// When the user's own reminder, set now, falls due, as the form says it while the date and time
/// are chosen: the rule's own reading (`Rule::Own`), so a past day moves to the start of the
/// next working day. Nothing for no date or a date or time that is not one.
pub fn reminder_due(
    settings: &Settings,
    date: &str,
    time: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<Phrase> {
    let (date, time) = reminder_when(date, time).ok()?;
    let what = What::Reminder {
        text: String::new(),
        date,
        time,
    };
    let calendar = Calendar { tz, settings };
    let on = On::Event(EventKind::Reminder);
    let planned = plan(on, now, Some(&what), &Facts::default(), &calendar);
    let due = planned.first()?.due;
    Some(Key("logReminderDue").with([Phrase::moment(due, tz, Style::DayClock)]))
}

/// The follow-ups a change planned: those pending now that were not among `before` (the ids
/// of every follow-up before it), soonest first, each as "Planned: … · Fri 11 Dec 17:00".
pub fn planned(state: &State, before: &BTreeSet<Id>, tz: Tz) -> Vec<Phrase> {
    let mut new: Vec<_> = state
        .followups
        .values()
        .filter(|f| f.is_pending() && !before.contains(&f.id))
        .collect();
    new.sort_by_key(|f| f.due);
    new.into_iter()
        .map(|f| {
            let when = Phrase::moment(f.due, tz, Style::DayClock);
            Key("logPlanned").with([what_to_do(state, f, tz), when])
        })
        .collect()
}
