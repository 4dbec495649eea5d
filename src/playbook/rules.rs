//! The rule book of `PLAYBOOK.md` as one table: which happening creates which follow-up, about
//! whom, when it is due and what it says; plus the small tables saying which events complete
//! which follow-ups, which rules form touch threads and which survive the end of a job.

use crate::model::{Contact, EventKind, Opportunity, Outcome, Rule, Status, What};
use crate::phrase::{Key, Phrase, Style};
use crate::playbook::promise;
use crate::schedule::Calendar;
use crate::zone::Tz;
use chrono::{DateTime, Utc};

/// What makes a row fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// An event was logged.
    Event(EventKind),
    /// A thread follow-up was completed as a touch with no answer, under the touch limit (R4).
    /// At the limit the thread ends as moved on instead (R5).
    NoAnswer,
    /// A follow-up of this rule was done: recurring rules plan their next one.
    Completed(Rule),
}

/// An extra condition on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum If {
    Always,
    /// No contact is linked to the job and the posting names none.
    NoContactKnown,
    /// The `met` event says the user is not connected on LinkedIn yet.
    NotConnected,
    /// The person has no follow-up of this rule yet (a new connection after meeting them).
    NoneYet,
    /// The person was referred by someone the user knows.
    Referred,
    /// No job has been accepted.
    SearchActive,
    /// The person has a keep-in-touch cadence.
    CadenceSet,
}

/// When a follow-up falls due, counted from the event (never before it: a due time that would
/// fall before the event, like a posting closing tomorrow morning, is due at the event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// "+N days": day N at the working hour, moved forward to a working day.
    Days(u64),
    /// "+N working days", at the working hour.
    WorkingDays(u64),
    /// The end of the Nth working day after the event.
    EndOfWorkingDays(u64),
    /// N days before the posting's `validThrough`, else `otherwise` days after the event.
    BeforeDeadline { days: u64, otherwise: u64 },
    /// The decision date given at the interview, else +N working days.
    DecisionDateElse(u64),
    /// N working days before the meeting.
    BeforeMeeting(u64),
    /// The date in the promise's words, else +5 working days (and a note saying so).
    Promise,
    /// The person's cadence, counted from the last touch with them.
    Cadence,
    /// The date and time the user gave their reminder, else the start of the working day on
    /// that date.
    Reminder,
}

/// Whom the follow-up is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// The event's job and/or person (or the completed follow-up's).
    Same,
    /// The person who referred the event's person.
    Referrer,
}

/// One row of the rule book.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub rule: Rule,
    pub on: On,
    pub when: If,
    pub due: Due,
    pub about: About,
    /// What to do: a message filled as `says` tells.
    pub text: Key,
    /// Who `$NAME$` is when the person it is about has no name ("your interviewer"); its `$1`
    /// is the company.
    pub nobody: Option<Key>,
}

use About::*;
use Due::*;
use EventKind as E;
use If::*;
use On::*;
use Status::{Done, Superseded};

/// Event → follow-up → due → text. The drafts for each rule are in `drafts::DEFAULTS`.
#[rustfmt::skip]
pub const RULES: &[Row] = &[
    Row { rule: Rule::R1, on: Event(E::Saved), when: Always, due: BeforeDeadline { days: 2, otherwise: 3 }, about: Same,
          text: Key("followUpR1"), nobody: None },
    Row { rule: Rule::R2, on: Event(E::Applied), when: NoContactKnown, due: WorkingDays(1), about: Same,
          text: Key("followUpR2"), nobody: None },
    Row { rule: Rule::R3, on: Event(E::Applied), when: Always, due: Days(7), about: Same,
          text: Key("followUpR3"), nobody: None },
    Row { rule: Rule::R4, on: NoAnswer, when: Always, due: Days(7), about: Same,
          text: Key("followUpR4"), nobody: Some(Key("nobodyCompany")) },
    Row { rule: Rule::R6, on: Event(E::Interviewed), when: Always, due: EndOfWorkingDays(1), about: Same,
          text: Key("followUpR6"), nobody: Some(Key("nobodyInterviewer")) },
    Row { rule: Rule::R7, on: Event(E::Interviewed), when: Always, due: DecisionDateElse(5), about: Same,
          text: Key("followUpR7"), nobody: None },
    Row { rule: Rule::R8, on: Event(E::Rejected), when: Always, due: WorkingDays(2), about: Same,
          text: Key("followUpR8"), nobody: Some(Key("nobodyHiringManager")) },
    Row { rule: Rule::R9, on: Event(E::Met), when: Always, due: WorkingDays(2), about: Same,
          text: Key("followUpR9"), nobody: Some(Key("nobodyNewContact")) },
    Row { rule: Rule::R9, on: Event(E::Connected), when: NoneYet, due: WorkingDays(2), about: Same,
          text: Key("followUpR9"), nobody: Some(Key("nobodyNewContact")) },
    Row { rule: Rule::R10, on: Event(E::Met), when: NotConnected, due: WorkingDays(1), about: Same,
          text: Key("followUpR10"), nobody: Some(Key("nobodyNewContact")) },
    Row { rule: Rule::R11, on: Event(E::CallHeld), when: Always, due: WorkingDays(1), about: Same,
          text: Key("followUpR11"), nobody: Some(Key("nobodyThem")) },
    Row { rule: Rule::R12, on: Event(E::MeetingScheduled), when: Always, due: BeforeMeeting(1), about: Same,
          text: Key("followUpR12"), nobody: Some(Key("nobodyThem")) },
    Row { rule: Rule::R13, on: Event(E::Referral), when: Always, due: WorkingDays(5), about: Same,
          text: Key("followUpR13"), nobody: Some(Key("nobodyReferred")) },
    Row { rule: Rule::R14, on: Event(E::ReachedOut), when: Referred, due: WorkingDays(3), about: Referrer,
          text: Key("followUpR14"), nobody: Some(Key("nobodyReferrer")) },
    Row { rule: Rule::R14, on: Completed(Rule::R14), when: SearchActive, due: Days(14), about: Same,
          text: Key("followUpR14Search"), nobody: Some(Key("nobodyReferrer")) },
    Row { rule: Rule::R15, on: Event(E::Promise), when: Always, due: Promise, about: Same,
          text: Key("followUpR15"), nobody: None },
    Row { rule: Rule::R16, on: Event(E::Cadence), when: CadenceSet, due: Cadence, about: Same,
          text: Key("followUpR16"), nobody: Some(Key("nobodyContact")) },
    Row { rule: Rule::R16, on: Completed(Rule::R16), when: CadenceSet, due: Cadence, about: Same,
          text: Key("followUpR16"), nobody: Some(Key("nobodyContact")) },
    Row { rule: Rule::Own, on: Event(E::Reminder), when: Always, due: Reminder, about: Same,
          text: Key("followUpOwn"), nobody: None },
];

/// Logging an event completes the pending follow-ups of these rules about the same job or
/// person, as done (`None`) or as answered.
#[rustfmt::skip]
pub const COMPLETES: &[(EventKind, Option<Outcome>, Status, &[Rule])] = &[
    (E::Applied, None, Done, &[Rule::R1]),
    (E::Interviewed, Some(Outcome::Answered), Superseded, &[Rule::R2, Rule::R3, Rule::R4]),
    (E::Offer, Some(Outcome::Answered), Superseded, &[Rule::R3, Rule::R4, Rule::R7]),
    (E::Connected, None, Done, &[Rule::R10]),
    (E::CallHeld, Some(Outcome::Answered), Done, &[Rule::R3, Rule::R4, Rule::R7, Rule::R9]),
    (E::CallHeld, None, Superseded, &[Rule::R12]),
    (E::MeetingScheduled, Some(Outcome::Answered), Done, &[Rule::R9]),
    (E::ReachedOut, None, Done, &[Rule::R13]),
    (E::Reply, Some(Outcome::Answered), Superseded, THREADS),
];

/// Rules whose follow-up is a touch on a thread: a touch with no answer leads to R4 until the
/// touch limit, then the thread ends as moved on (R5).
pub const THREADS: &[Rule] = &[Rule::R3, Rule::R4, Rule::R7, Rule::R9];

/// Events that are a touch with a person: each restarts the person's keep-in-touch clock (R16).
pub const TOUCHES: &[EventKind] = &[
    E::Met,
    E::Connected,
    E::CallHeld,
    E::MeetingScheduled,
    E::ReachedOut,
    E::Touch,
    E::Reply,
];

/// Events that end a job: its pending follow-ups are cancelled, except these rules.
pub const ENDS_JOB: &[EventKind] = &[E::Rejected, E::Withdrawn, E::Accepted];
pub const SURVIVE_END: &[Rule] = &[Rule::R8, Rule::R14, Rule::Own];

/// A follow-up a rule asks for, before the store gives it an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub rule: Rule,
    pub about: About,
    pub due: DateTime<Utc>,
    /// What to do, in English: kept with the follow-up for backups and files. The pages say it
    /// in the user's language from the records (`wording`).
    pub text: String,
    pub note: Option<String>,
}

/// What the rules need to know beyond the event.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts<'a> {
    pub opportunity: Option<&'a Opportunity>,
    /// The person the event (or completed follow-up) is about.
    pub contact: Option<&'a Contact>,
    pub referrer: Option<&'a Contact>,
    pub contact_known: bool,
    /// Rules that already have a follow-up about this person.
    pub existing: &'a [Rule],
    pub search_active: bool,
    /// The last touch with the person, for cadences.
    pub last_touch: Option<DateTime<Utc>>,
}

/// The follow-ups a happening creates, at `at`.
pub fn plan(
    on: On,
    at: DateTime<Utc>,
    what: Option<&What>,
    facts: &Facts,
    calendar: &Calendar,
) -> Vec<Planned> {
    RULES
        .iter()
        .filter(|row| row.on == on && holds(row, what, facts))
        .map(|row| {
            let (due, note) = due(row.due, at, what, facts, calendar);
            Planned {
                rule: row.rule,
                about: row.about,
                due: not_before(due, at, calendar),
                text: says(row, what, facts, calendar.tz).english(),
                note,
            }
        })
        .collect()
}

/// The pending follow-ups an event completes, and how: with what outcome, and whether the user
/// did what each asked (done) or the event made it moot (superseded).
pub fn completed_by(event: EventKind) -> impl Iterator<Item = (Rule, Option<Outcome>, Status)> {
    COMPLETES
        .iter()
        .filter(move |(kind, _, _, _)| *kind == event)
        .flat_map(|(_, outcome, status, rules)| {
            rules.iter().map(move |rule| (*rule, *outcome, *status))
        })
}

pub fn is_thread(rule: Rule) -> bool {
    THREADS.contains(&rule)
}

/// Whether a rule plans itself again when done (its follow-ups' words depend on the ones
/// before: `wording`).
pub fn recurs(rule: Rule) -> bool {
    RULES
        .iter()
        .any(|row| row.rule == rule && row.on == On::Completed(rule))
}

/// A follow-up is never due before the event that planned it: a due time at or before the
/// event (a decision date of today logged at 15:00, a meeting tomorrow at 10:00 logged the day
/// before at 16:00) moves to the start of the next working day after the event, so nothing is
/// overdue the moment it is planned.
fn not_before(due: DateTime<Utc>, at: DateTime<Utc>, calendar: &Calendar) -> DateTime<Utc> {
    if due > at {
        due
    } else {
        calendar.working_days_after(at, 1)
    }
}

fn holds(row: &Row, what: Option<&What>, facts: &Facts) -> bool {
    match row.when {
        Always => true,
        NoContactKnown => !facts.contact_known,
        NotConnected => matches!(what, Some(What::Met { connected: false })),
        NoneYet => !facts.existing.contains(&row.rule),
        Referred => facts.referrer.is_some(),
        SearchActive => facts.search_active,
        CadenceSet => facts.contact.and_then(|c| c.cadence_days).is_some(),
    }
}

fn due(
    due: Due,
    at: DateTime<Utc>,
    what: Option<&What>,
    facts: &Facts,
    calendar: &Calendar,
) -> (DateTime<Utc>, Option<String>) {
    let plain = match due {
        Days(n) => calendar.days_after(at, n),
        WorkingDays(n) => calendar.working_days_after(at, n),
        EndOfWorkingDays(n) => calendar.end_of(calendar.working_day_after(at, n)),
        BeforeDeadline { days, otherwise } => {
            match facts.opportunity.and_then(|o| o.job.valid_through) {
                Some(deadline) => calendar.days_before(deadline, days),
                None => calendar.days_after(at, otherwise),
            }
        }
        DecisionDateElse(n) => match what {
            Some(What::Interviewed {
                decision_date: Some(date),
            }) => calendar.start_of(calendar.working_day_on_or_after(*date)),
            _ => calendar.working_days_after(at, n),
        },
        BeforeMeeting(n) => match what {
            Some(What::MeetingScheduled { when }) => {
                calendar.working_days_before(calendar.date_of(*when), n)
            }
            _ => at,
        },
        Promise => {
            let text = match what {
                Some(What::Promise { text }) => text.as_str(),
                _ => "",
            };
            let promised = promise::parse(text, at, calendar);
            return (promised.due, promised.note);
        }
        Cadence => {
            let every = facts.contact.and_then(|c| c.cadence_days).unwrap_or(0);
            calendar.days_after(facts.last_touch.unwrap_or(at), u64::from(every))
        }
        Reminder => match what {
            Some(What::Reminder {
                date,
                time: Some(time),
                ..
            }) => calendar.instant(*date, *time),
            Some(What::Reminder { date, .. }) => calendar.start_of(*date),
            _ => at,
        },
    };
    (plain, None)
}

/// What a row's follow-up says about the event `what` and the `facts`. Every text takes the
/// same substitutions: `$1` whom it is about (else the row's `nobody`), `$2` the company, `$3`
/// the role, `$4` the referrer, `$5` the event's person, `$6` the meeting, `$7` the promise or
/// the user's reminder.
pub fn says(row: &Row, what: Option<&What>, facts: &Facts, tz: Tz) -> Phrase {
    let named = |c: Option<&Contact>| {
        c.map(|c| c.name.as_str())
            .filter(|n| !n.is_empty())
            .map(Phrase::from)
    };
    let (role, company) = match facts.opportunity {
        Some(o) => (o.job.title.as_str().into(), o.company()),
        None => (Key("theRole").phrase(), Key("theCompany").phrase()),
    };
    let referrer = named(facts.referrer).unwrap_or_else(|| Key("someoneWhoReferred").phrase());
    let person = named(facts.contact).unwrap_or_else(|| Key("someoneReferred").phrase());
    let when = match what {
        Some(What::MeetingScheduled { when }) => Phrase::moment(*when, tz, Style::DayClock),
        _ => "".into(),
    };
    let text = match what {
        Some(What::Promise { text } | What::Reminder { text, .. }) => text.trim().into(),
        _ => "".into(),
    };
    let subject = match row.about {
        Same => facts.contact,
        Referrer => facts.referrer,
    };
    let name = named(subject)
        .or_else(|| row.nobody.map(|nobody| nobody.with([company.clone()])))
        .unwrap_or_else(|| "".into());
    row.text
        .with([name, company, role, referrer, person, when, text])
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::model::Settings;
    use chrono_tz::America::New_York;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn opportunity(valid_through: Option<&str>) -> Opportunity {
        Opportunity {
            id: "o1".into(),
            job: serde_json::from_value(serde_json::json!({
                "title": "Data Engineer", "company": "Acme",
                "valid_through": valid_through, "source": "manual"
            }))
            .unwrap(),
            stage: crate::model::Stage::Saved,
            created_at: at("2026-03-02T10:00:00-05:00"),
            notes: None,
            edits: Vec::new(),
        }
    }

    fn run(on: On, when: &str, what: Option<&What>, facts: &Facts) -> Vec<(Rule, DateTime<Utc>)> {
        let settings = Settings::default();
        let calendar = Calendar {
            tz: New_York,
            settings: &settings,
        };
        plan(on, at(when), what, facts, &calendar)
            .into_iter()
            .map(|p| (p.rule, p.due))
            .collect()
    }

    #[test]
    fn every_rule_but_the_touch_limit_has_a_row() {
        use Rule::*;
        for rule in [
            R1, R2, R3, R4, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16, Own,
        ] {
            assert!(RULES.iter().any(|row| row.rule == rule), "{rule:?}");
        }
    }

    #[test]
    fn applying_with_a_known_contact_skips_finding_one() {
        let o = opportunity(None);
        let unknown = Facts {
            opportunity: Some(&o),
            ..Facts::default()
        };
        let known = Facts {
            contact_known: true,
            ..unknown
        };
        let when = "2026-03-06T17:00:00-05:00";
        let applied = On::Event(EventKind::Applied);
        assert_eq!(
            run(applied, when, Some(&What::Applied), &unknown),
            vec![
                (Rule::R2, at("2026-03-09T09:00:00-04:00")),
                (Rule::R3, at("2026-03-13T09:00:00-04:00")),
            ]
        );
        assert_eq!(
            run(applied, when, Some(&What::Applied), &known),
            vec![(Rule::R3, at("2026-03-13T09:00:00-04:00"))]
        );
    }

    #[test]
    fn a_posting_closing_before_the_apply_reminder_is_due_the_next_working_morning() {
        let o = opportunity(Some("2026-03-11"));
        let facts = Facts {
            opportunity: Some(&o),
            ..Facts::default()
        };
        let saved = "2026-03-10T15:00:00-04:00";
        assert_eq!(
            run(
                On::Event(EventKind::Saved),
                saved,
                Some(&What::Saved),
                &facts
            ),
            vec![(Rule::R1, at("2026-03-11T09:00:00-04:00"))]
        );
    }

    #[test]
    fn referrer_updates_recur_only_while_the_search_is_active() {
        let active = Facts {
            search_active: true,
            ..Facts::default()
        };
        let when = "2026-03-11T10:00:00-04:00";
        assert_eq!(
            run(On::Completed(Rule::R14), when, None, &active),
            vec![(Rule::R14, at("2026-03-25T09:00:00-04:00"))]
        );
        assert!(run(On::Completed(Rule::R14), when, None, &Facts::default()).is_empty());
    }

    #[test]
    fn a_thank_you_without_a_name_says_your_interviewer() {
        let o = opportunity(None);
        let facts = Facts {
            opportunity: Some(&o),
            ..Facts::default()
        };
        let settings = Settings::default();
        let calendar = Calendar {
            tz: New_York,
            settings: &settings,
        };
        let what = What::Interviewed {
            decision_date: None,
        };
        let planned = plan(
            On::Event(EventKind::Interviewed),
            at("2026-03-06T14:00:00-05:00"),
            Some(&what),
            &facts,
            &calendar,
        );
        assert_eq!(
            planned[0].text,
            "Send a thank-you note to your interviewer; add one idea from the conversation and \
             tie your skills to the role"
        );
        assert_eq!(planned[0].due, at("2026-03-09T17:00:00-04:00"));
    }
}
