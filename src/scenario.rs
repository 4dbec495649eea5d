//! "The scenario format" of `PLAYBOOK.md`, the playbook's test contract: a zone, `now`,
//! settings and a list of events in; the follow-ups and the overdue count out. The events drive
//! the store's own engine, so a scenario runs exactly the rules the extension runs.
//!
//! Bad input: malformed JSON, an unknown event type, a zone that does not exist, settings that
//! make no sense or an event missing what it needs is an error naming the event. Softer
//! problems are fallbacks, each reported as a warning: events out of time order are applied
//! in time order; a job used before it was saved is created with its id as its title; `done`
//! or `snoozed` with nothing pending to act on changes nothing; a promise with no date in it is
//! due in 5 working days; a reminder due before it was set is due the next working morning. No
//! follow-up is ever dropped.

use crate::model::Job;
use crate::model::{Contact, Id, Opportunity, Outcome, Rule, Settings, Stage, Status, What};
use crate::schedule::Calendar;
use crate::store::{Changes, State};
use crate::zone::Tz;
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The output of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub followups: Vec<OutFollowUp>,
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutFollowUp {
    pub rule: Rule,
    pub job: Option<Id>,
    pub person: Option<Id>,
    pub status: Status,
    /// RFC 3339 in the scenario's zone.
    pub due: String,
    pub text: String,
}

/// The output, and the fallbacks taken on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub output: Output,
    pub warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Scenario {
    tz: String,
    now: DateTime<FixedOffset>,
    #[serde(default)]
    settings: Option<Settings>,
    events: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Raw {
    at: DateTime<FixedOffset>,
    #[serde(flatten)]
    input: Input,
}

/// One event as the scenario writes it.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Input {
    Saved {
        job: Id,
        title: String,
        #[serde(default)]
        company: Option<String>,
        #[serde(default)]
        valid_through: Option<NaiveDate>,
        #[serde(default)]
        contact: Option<Id>,
    },
    Applied {
        job: Id,
        #[serde(default)]
        contact: Option<Id>,
    },
    Interviewed {
        job: Id,
        #[serde(default)]
        contact: Option<Id>,
        #[serde(default)]
        decision_date: Option<NaiveDate>,
    },
    Rejected {
        job: Id,
        #[serde(default)]
        contact: Option<Id>,
    },
    Offer {
        job: Id,
    },
    Accepted {
        job: Id,
    },
    Withdrawn {
        job: Id,
    },
    Met {
        person: Id,
        name: String,
        #[serde(default)]
        connected: bool,
    },
    Connected {
        person: Id,
        #[serde(default)]
        name: Option<String>,
    },
    CallHeld {
        #[serde(default)]
        person: Option<Id>,
        #[serde(default)]
        job: Option<Id>,
    },
    MeetingScheduled {
        person: Id,
        when: String,
    },
    Referral {
        from: Id,
        to: Id,
        #[serde(default)]
        to_name: Option<String>,
        #[serde(default)]
        from_name: Option<String>,
    },
    ReachedOut {
        person: Id,
    },
    Promise {
        text: String,
        #[serde(default)]
        person: Option<Id>,
        #[serde(default)]
        job: Option<Id>,
    },
    /// The user's own reminder, due on a date (`2026-03-20`, at the start of the working day)
    /// or at a time (RFC 3339).
    Reminder {
        text: String,
        due: String,
        #[serde(default)]
        person: Option<Id>,
        #[serde(default)]
        job: Option<Id>,
    },
    Cadence {
        person: Id,
        every_days: u32,
    },
    Touch {
        #[serde(default)]
        job: Option<Id>,
        #[serde(default)]
        person: Option<Id>,
        outcome: Outcome,
    },
    Reply {
        #[serde(default)]
        job: Option<Id>,
        #[serde(default)]
        person: Option<Id>,
    },
    Done {
        rule: Rule,
        #[serde(default)]
        job: Option<Id>,
        #[serde(default)]
        person: Option<Id>,
    },
    Snoozed {
        rule: Rule,
        #[serde(default)]
        job: Option<Id>,
        #[serde(default)]
        person: Option<Id>,
        until: String,
    },
}

/// Runs a scenario given as JSON text.
pub fn run(text: &str) -> Result<Report, String> {
    let (mut runner, now) = play(text)?;
    for f in runner.state.followups.values() {
        if let Some(note) = &f.note {
            runner
                .warnings
                .push(format!("{:?} {:?}: {note}", f.rule, f.text));
        }
    }
    Ok(Report {
        output: runner.output(now),
        warnings: runner.warnings,
    })
}

/// Plays a scenario's events: the runner with the state they leave, and the scenario's `now`.
fn play(text: &str) -> Result<(Runner, DateTime<Utc>), String> {
    let scenario: Scenario =
        serde_json::from_str(text).map_err(|e| format!("not a scenario: {e}"))?;
    let tz: Tz = scenario.tz.parse().map_err(|_| {
        format!(
            "unknown time zone {:?}: use an IANA name like \"America/New_York\"",
            scenario.tz
        )
    })?;
    let settings = scenario.settings.unwrap_or_default();
    settings
        .check()
        .map_err(|e| format!("settings: {}", e.english()))?;
    let mut events = Vec::with_capacity(scenario.events.len());
    for (index, value) in scenario.events.into_iter().enumerate() {
        let raw: Raw =
            serde_json::from_value(value).map_err(|e| format!("event {}: {e}", index + 1))?;
        events.push((index + 1, raw));
    }
    let mut warnings = Vec::new();
    if events.windows(2).any(|w| w[1].1.at < w[0].1.at) {
        warnings.push("events are not in time order: they are applied in time order".into());
        events.sort_by_key(|(_, raw)| raw.at);
    }
    let mut runner = Runner {
        state: State {
            settings,
            ..State::default()
        },
        tz,
        changes: Changes::default(),
        warnings,
    };
    for (number, raw) in events {
        runner
            .step(raw.at.with_timezone(&Utc), raw.input)
            .map_err(|e| format!("event {number}: {e}"))?;
    }
    Ok((runner, scenario.now.with_timezone(&Utc)))
}

struct Runner {
    state: State,
    tz: Tz,
    changes: Changes,
    warnings: Vec<String>,
}

impl Runner {
    fn step(&mut self, at: DateTime<Utc>, input: Input) -> Result<(), String> {
        let (job, person, what) = match input {
            Input::Saved {
                job,
                title,
                company,
                valid_through,
                contact,
            } => {
                if self.state.opportunities.contains_key(&job) {
                    self.warnings.push(format!(
                        "job {job:?} was saved twice: the second is ignored"
                    ));
                    return Ok(());
                }
                self.save_job(&job, &title, company, valid_through, at)?;
                self.person(contact.as_ref(), None);
                (Some(job), contact, What::Saved)
            }
            Input::Applied { job, contact } => (Some(job), contact, What::Applied),
            Input::Interviewed {
                job,
                contact,
                decision_date,
            } => (Some(job), contact, What::Interviewed { decision_date }),
            Input::Rejected { job, contact } => (Some(job), contact, What::Rejected),
            Input::Offer { job } => (Some(job), None, What::Offer),
            Input::Accepted { job } => (Some(job), None, What::Accepted),
            Input::Withdrawn { job } => (Some(job), None, What::Withdrawn),
            Input::Met {
                person,
                name,
                connected,
            } => {
                self.person(Some(&person), Some(name));
                (None, Some(person), What::Met { connected })
            }
            Input::Connected { person, name } => {
                self.person(Some(&person), name);
                (None, Some(person), What::Connected)
            }
            Input::CallHeld { person, job } => (job, person, What::CallHeld),
            Input::MeetingScheduled { person, when } => {
                let when = self.instant(&when)?;
                (None, Some(person), What::MeetingScheduled { when })
            }
            Input::Referral {
                from,
                to,
                to_name,
                from_name,
            } => {
                self.person(Some(&from), from_name);
                self.person(Some(&to), to_name);
                (None, Some(to), What::Referral { referrer: from })
            }
            Input::ReachedOut { person } => (None, Some(person), What::ReachedOut),
            Input::Promise { text, person, job } => (job, person, What::Promise { text }),
            Input::Reminder {
                text,
                due,
                person,
                job,
            } => {
                let (date, time) = match NaiveDate::parse_from_str(&due, "%Y-%m-%d") {
                    Ok(date) => (date, None),
                    Err(_) => {
                        let due = self.instant(&due)?.with_timezone(&self.tz);
                        (due.date_naive(), Some(due.time()))
                    }
                };
                (job, person, What::Reminder { text, date, time })
            }
            Input::Cadence { person, every_days } => {
                (None, Some(person), What::Cadence { every_days })
            }
            Input::Touch {
                job,
                person,
                outcome,
            } => (job, person, What::Touch { outcome }),
            Input::Reply { job, person } => (job, person, What::Reply),
            Input::Done { rule, job, person } => {
                if let Some(id) = self.pending(rule, job.as_ref(), person.as_ref(), "done") {
                    self.state.finish(
                        &id,
                        None,
                        Status::Done,
                        at,
                        None,
                        self.tz,
                        &mut self.changes,
                    );
                }
                return Ok(());
            }
            Input::Snoozed {
                rule,
                job,
                person,
                until,
            } => {
                let until = self.instant(&until)?;
                if let Some(id) = self.pending(rule, job.as_ref(), person.as_ref(), "snoozed") {
                    if let Err(e) = self.state.snooze_to(&id, until, at, &mut self.changes) {
                        self.warnings
                            .push(format!("{rule:?} not snoozed: {}", e.english()));
                    }
                }
                return Ok(());
            }
        };
        if let Some(id) = job.as_ref() {
            if !self.state.opportunities.contains_key(id) {
                self.warnings.push(format!(
                    "job {id:?} was not saved first: it is tracked with its id as its title"
                ));
                self.save_job(id, id, None, None, at)?;
            }
        }
        self.person(person.as_ref(), None);
        if let Some(why) = self.state.redundant(job.as_ref(), &what) {
            self.warnings
                .push(format!("{:?} ignored: {why}", what.kind()));
            return Ok(());
        }
        let event = self.state.new_event(at, job, person, what);
        self.state.check_event(&event)?;
        self.state.record(event, self.tz, &mut self.changes);
        Ok(())
    }

    fn save_job(
        &mut self,
        id: &str,
        title: &str,
        company: Option<String>,
        valid_through: Option<NaiveDate>,
        at: DateTime<Utc>,
    ) -> Result<(), String> {
        let job: Job = serde_json::from_value(json!({
            "title": title, "company": company, "valid_through": valid_through, "source": "manual"
        }))
        .map_err(|e| format!("job {id:?}: {e}"))?;
        let opportunity = Opportunity {
            id: id.to_string(),
            job,
            stage: Stage::Saved,
            created_at: at,
            notes: None,
            edits: Vec::new(),
        };
        self.state.put_opportunity(opportunity, &mut self.changes);
        Ok(())
    }

    /// Makes sure a person exists, naming them when a name is given.
    fn person(&mut self, id: Option<&Id>, name: Option<String>) {
        let Some(id) = id else {
            return;
        };
        let mut contact = self
            .state
            .contacts
            .get(id)
            .cloned()
            .unwrap_or_else(|| Contact::new(id.clone(), String::new()));
        if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
            contact.name = name.trim().to_string();
        }
        if self.state.contacts.get(id) != Some(&contact) {
            self.state.put_contact(contact, &mut self.changes);
        }
    }

    /// The earliest pending follow-up of a rule about a job or person.
    fn pending(
        &mut self,
        rule: Rule,
        job: Option<&Id>,
        person: Option<&Id>,
        verb: &str,
    ) -> Option<Id> {
        let found = self
            .state
            .pending_followups()
            .filter(|f| f.rule == rule)
            .filter(|f| {
                (job.is_some() && f.opportunity.as_ref() == job)
                    || (person.is_some() && f.contact.as_ref() == person)
            })
            .min_by(|a, b| {
                a.due
                    .cmp(&b.due)
                    .then_with(|| order(&a.id).cmp(&order(&b.id)))
            })
            .map(|f| f.id.clone());
        if found.is_none() {
            let about = job.or(person).map(String::as_str).unwrap_or("nothing");
            self.warnings.push(format!(
                "{verb} {rule:?} for {about:?} ignored: no such follow-up is pending"
            ));
        }
        found
    }

    /// An RFC 3339 instant, or a date at the start of the working day.
    fn instant(&self, text: &str) -> Result<DateTime<Utc>, String> {
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(at.with_timezone(&Utc));
        }
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            format!("{text:?} is neither an RFC 3339 time nor a date like 2026-03-20")
        })?;
        let calendar = Calendar {
            tz: self.tz,
            settings: &self.state.settings,
        };
        Ok(calendar.start_of(date))
    }

    fn output(&self, now: DateTime<Utc>) -> Output {
        let mut followups: Vec<_> = self.state.followups.values().collect();
        followups.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| order(&a.id).cmp(&order(&b.id)))
        });
        Output {
            followups: followups
                .into_iter()
                .map(|f| OutFollowUp {
                    rule: f.rule,
                    job: f.opportunity.clone(),
                    person: f.contact.clone(),
                    status: f.status_at(now),
                    due: f
                        .due
                        .with_timezone(&self.tz)
                        .to_rfc3339_opts(SecondsFormat::Secs, false),
                    text: f.text.clone(),
                })
                .collect(),
            overdue: self.state.overdue_count(now),
        }
    }
}

/// Creation order of an id like `f12`.
fn order(id: &str) -> u64 {
    id.trim_start_matches(char::is_alphabetic)
        .parse()
        .unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::{note, what_to_do};

    /// The playbook's scenarios (`tests/scenarios/`) that run.
    fn played() -> Vec<(String, Runner)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
        let mut played: Vec<(String, Runner)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter_map(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                let (runner, _) = play(&text).ok()?;
                Some((path.display().to_string(), runner))
            })
            .collect();
        played.sort_by(|a, b| a.0.cmp(&b.0));
        played
    }

    #[test]
    fn every_follow_up_of_every_scenario_says_when_shown_what_was_planned() {
        let played = played();
        assert!(
            played.len() > 20,
            "the scenarios are read: {}",
            played.len()
        );
        let mut rules = std::collections::BTreeSet::new();
        for (path, runner) in &played {
            for f in runner.state.followups.values() {
                rules.insert(f.rule);
                let shown = what_to_do(&runner.state, f, runner.tz).english();
                assert_eq!(shown, f.text, "{path}: {:?} {}", f.rule, f.id);
                let noted = note(&runner.state, f).map(|note| note.english());
                assert_eq!(noted, f.note, "{path}: {:?} {}", f.rule, f.id);
            }
        }
        assert_eq!(rules.len(), 16, "every rule is shown: {rules:?}");
    }
}
