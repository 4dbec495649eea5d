//! The one engine behind every rule: an event is recorded, completes what it answers, ends what
//! it ends, and plans what the rule table asks for; a follow-up is finished (done, a touch with
//! or without an answer) or snoozed. The store's commands and the scenario runner both drive
//! the state through these functions, so there is no second implementation of the rules.

use super::{Changes, State};
use crate::model::{
    Event, EventKind, FollowUp, Id, Outcome, Role, Rule, Snooze, Stage, Status, What,
};
use crate::phrase::{Key, Phrase};
use crate::playbook::rules::{
    completed_by, is_thread, plan, About, Facts, On, Planned, ENDS_JOB, SURVIVE_END, TOUCHES,
};
use crate::schedule::Calendar;
use crate::zone::Tz;
use chrono::{DateTime, Utc};

/// Longest keep-in-touch cadence accepted, in days.
const MAX_CADENCE_DAYS: u32 = 3650;

/// The job and person a follow-up is about.
type Subject = (Option<Id>, Option<Id>);

impl State {
    /// A new event with the next id; not recorded yet.
    pub(crate) fn new_event(
        &mut self,
        at: DateTime<Utc>,
        opportunity: Option<Id>,
        contact: Option<Id>,
        what: What,
    ) -> Event {
        Event {
            id: self.next_id('e'),
            at,
            opportunity,
            contact,
            what,
        }
    }

    /// Whether an event names what it needs: a job for job events, a person for person events,
    /// one of them for calls, touches and replies, and words for a promise or a reminder. The
    /// scenario runner's (native only, as it names zones).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn check_event(&self, event: &Event) -> Result<(), String> {
        if let Some(id) = event
            .contact
            .as_ref()
            .filter(|id| !self.contacts.contains_key(*id))
        {
            return Err(format!("unknown person {id:?}"));
        }
        self.check_what(event, event.contact.is_some())
    }

    /// The checks of `check_event` but the person's record: `has_person` says the event will
    /// be about someone (a name typed in becomes a contact once the event is accepted).
    pub(crate) fn check_what(&self, event: &Event, has_person: bool) -> Result<(), String> {
        let kind = event.what.kind();
        let job = event.opportunity.as_ref();
        let person = event.contact.as_ref();
        if let Some(id) = job.filter(|id| !self.opportunities.contains_key(*id)) {
            return Err(format!("unknown job {id:?}"));
        }
        use EventKind as E;
        let needs = match kind {
            E::Saved
            | E::Applied
            | E::Interviewed
            | E::Rejected
            | E::Offer
            | E::Accepted
            | E::Withdrawn => job.is_some().then_some(()).ok_or("a job"),
            E::Met
            | E::Connected
            | E::MeetingScheduled
            | E::Referral
            | E::ReachedOut
            | E::Cadence => has_person.then_some(()).ok_or("a person"),
            E::CallHeld | E::Touch | E::Reply => (job.is_some() || has_person)
                .then_some(())
                .ok_or("a job or a person"),
            E::Promise | E::Reminder => Ok(()),
        };
        needs.map_err(|what| format!("a {:?} event needs {what}", kind))?;
        match &event.what {
            What::Promise { text } if text.trim().is_empty() => {
                Err("a promise needs its words".into())
            }
            What::Reminder { text, .. } if text.trim().is_empty() => {
                Err("a reminder needs its words".into())
            }
            What::Referral { referrer } if Some(referrer) == person => {
                Err("a person can't refer you to themselves".into())
            }
            What::Referral { referrer } if !self.contacts.contains_key(referrer) => {
                Err(format!("unknown referrer {referrer:?}"))
            }
            What::Cadence { every_days } if *every_days > MAX_CADENCE_DAYS => Err(format!(
                "a keep-in-touch cadence is at most {MAX_CADENCE_DAYS} days"
            )),
            _ => Ok(()),
        }
    }

    /// Why an event would change nothing, if it would not: saving or applying twice plans
    /// nothing twice.
    pub(crate) fn redundant(&self, opportunity: Option<&Id>, what: &What) -> Option<&'static str> {
        let stage = opportunity
            .and_then(|id| self.opportunities.get(id))
            .map(|o| o.stage);
        let saved = || {
            self.events
                .values()
                .any(|e| e.what == What::Saved && e.opportunity.as_ref() == opportunity)
        };
        match (what, stage) {
            (What::Applied, Some(stage)) if stage != Stage::Saved => Some("already applied"),
            (What::Saved, Some(_)) if saved() => Some("already saved"),
            _ => None,
        }
    }

    /// Records a checked event and lets the rules react. A touch completes the earliest pending
    /// thread follow-up about its job or person; a touch with no answer where there is none
    /// starts a thread at its second touch, unless a thread about them already moved on.
    pub(crate) fn record(&mut self, event: Event, tz: Tz, changes: &mut Changes) {
        let kind = event.what.kind();
        let at = event.at;
        self.update_people(&event, at, changes);
        self.update_stage(&event, changes);
        self.put_event(event.clone(), changes);
        for (rule, outcome, ended) in completed_by(kind) {
            for id in self.pending_about(&event, |f| f.rule == rule) {
                self.finish(&id, outcome, ended, at, Some(&event.id), tz, changes);
            }
        }
        let subject: Subject = (event.opportunity.clone(), event.contact.clone());
        if let What::Touch { outcome } = event.what {
            let thread = self
                .pending_about(&event, |f| is_thread(f.rule))
                .into_iter()
                .next();
            match (thread, outcome) {
                (Some(id), _) => {
                    let ended = Status::Done;
                    self.finish(&id, Some(outcome), ended, at, Some(&event.id), tz, changes);
                }
                (None, Outcome::NoAnswer)
                    if self.settings.touch_limit > 1 && !self.moved_on(&event) =>
                {
                    let planned = self.plan_for(On::NoAnswer, at, None, &subject, tz);
                    self.create(planned, &event.id, &subject, 2, tz, changes);
                }
                (None, _) => {}
            }
        }
        if ENDS_JOB.contains(&kind) {
            for id in self.pending_about(&event, |f| {
                f.opportunity == event.opportunity && !SURVIVE_END.contains(&f.rule)
            }) {
                self.end(&id, Status::Cancelled, at, changes);
            }
        }
        let planned = self.plan_for(On::Event(kind), at, Some(&event.what), &subject, tz);
        self.create(planned, &event.id, &subject, 1, tz, changes);
        if TOUCHES.contains(&kind) {
            if let Some(person) = &event.contact {
                self.restart_cadence(person, at, tz, changes);
            }
        }
    }

    /// Ends a pending follow-up at `at` as `ended` (done, or superseded by an event that made it
    /// moot), with the touch's outcome if it was one. A touch with no answer on a thread plans
    /// the next touch (R4) or, at the touch limit, moves on (R5); a recurring rule (R14, R16)
    /// plans its next one. Anything else is left as it is.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn finish(
        &mut self,
        id: &str,
        outcome: Option<Outcome>,
        ended: Status,
        at: DateTime<Utc>,
        cause: Option<&str>,
        tz: Tz,
        changes: &mut Changes,
    ) {
        let Some(f) = self.followups.get(id).filter(|f| f.is_pending()).cloned() else {
            return;
        };
        let subject: Subject = (f.opportunity.clone(), f.contact.clone());
        let cause = cause.map(str::to_string).unwrap_or_else(|| f.event.clone());
        let mut status = ended;
        if outcome == Some(Outcome::NoAnswer) && is_thread(f.rule) {
            if f.touch < self.settings.touch_limit {
                let planned = self.plan_for(On::NoAnswer, at, None, &subject, tz);
                self.create(planned, &cause, &subject, f.touch + 1, tz, changes);
            } else {
                status = Status::MovedOn;
            }
        }
        if let Some(ended) = self.followups.get_mut(id) {
            ended.status = status;
            ended.ended_at = Some(at);
            ended.outcome = outcome;
            changes.followup(ended);
        }
        let planned = self.plan_for(On::Completed(f.rule), at, None, &subject, tz);
        self.create(planned, &cause, &subject, 1, tz, changes);
        if let (Some(person), false) = (&f.contact, f.rule == Rule::R16) {
            self.restart_cadence(person, at, tz, changes);
        }
    }

    /// Moves a pending follow-up's due time to `until`, keeping the history.
    pub(crate) fn snooze_to(
        &mut self,
        id: &str,
        until: DateTime<Utc>,
        at: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), Phrase> {
        let f = self
            .followups
            .get_mut(id)
            .ok_or_else(|| format!("follow-up {id} no longer exists"))?;
        if !f.is_pending() {
            return Err(Key("refusedEnded").phrase());
        }
        if until <= at {
            return Err(Key("refusedSnoozeInPast").phrase());
        }
        f.snoozes.push(Snooze {
            at,
            from: f.due,
            until,
        });
        f.due = until;
        f.status = Status::Snoozed;
        changes.followup(f);
        Ok(())
    }

    /// Links the event's person to its job, and keeps referrals and cadences on the person.
    fn update_people(&mut self, event: &Event, at: DateTime<Utc>, changes: &mut Changes) {
        let Some(person) = event.contact.as_ref() else {
            return;
        };
        let Some(mut contact) = self.contacts.get(person).cloned() else {
            return;
        };
        let before = contact.clone();
        if let Some(job) = &event.opportunity {
            let role = match event.what {
                What::Interviewed { .. } => Role::Interviewer,
                _ => Role::Contact,
            };
            contact.link(job, role);
        }
        match &event.what {
            What::Referral { referrer } => contact.referred_by = Some(referrer.clone()),
            What::Cadence { every_days } => {
                contact.cadence_days = (*every_days > 0).then_some(*every_days);
                for id in self.pending_about(event, |f| f.rule == Rule::R16) {
                    self.end(&id, Status::Cancelled, at, changes);
                }
            }
            _ => {}
        }
        if contact != before {
            self.put_contact(contact, changes);
        }
    }

    fn update_stage(&mut self, event: &Event, changes: &mut Changes) {
        let Some(job) = event.opportunity.as_ref() else {
            return;
        };
        let Some(mut opportunity) = self.opportunities.get(job).cloned() else {
            return;
        };
        let stage = stage_after(opportunity.stage, &event.what);
        if stage != opportunity.stage {
            opportunity.stage = stage;
            self.put_opportunity(opportunity, changes);
        }
    }

    /// The stage the opportunity's events put it in, each in the order it was recorded (the
    /// order of the numbers in their ids), from saved; `without` left out.
    pub(crate) fn stage_from_events(&self, opportunity: &str, without: Option<&str>) -> Stage {
        let mut events: Vec<&Event> = self
            .events
            .values()
            .filter(|e| e.opportunity.as_deref() == Some(opportunity))
            .filter(|e| Some(e.id.as_str()) != without)
            .collect();
        events.sort_by_key(|e| {
            let number = e.id.get(1..).and_then(|n| n.parse::<u64>().ok());
            (number.unwrap_or(u64::MAX), e.at)
        });
        events
            .into_iter()
            .fold(Stage::Saved, |stage, e| stage_after(stage, &e.what))
    }

    /// Ids of the pending follow-ups about the event's job or person that pass `keep`, by due.
    fn pending_about(&self, event: &Event, keep: impl Fn(&FollowUp) -> bool) -> Vec<Id> {
        let mut found: Vec<&FollowUp> = self
            .pending_followups()
            .filter(|f| {
                (event.opportunity.is_some() && f.opportunity == event.opportunity)
                    || (event.contact.is_some() && f.contact == event.contact)
            })
            .filter(|f| keep(f))
            .collect();
        found.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        found.into_iter().map(|f| f.id.clone()).collect()
    }

    /// Whether a thread about the event's job or person already ended at the touch limit.
    fn moved_on(&self, event: &Event) -> bool {
        self.followups.values().any(|f| {
            f.status == Status::MovedOn
                && ((event.opportunity.is_some() && f.opportunity == event.opportunity)
                    || (event.contact.is_some() && f.contact == event.contact))
        })
    }

    pub(super) fn end(
        &mut self,
        id: &str,
        status: Status,
        at: DateTime<Utc>,
        changes: &mut Changes,
    ) {
        if let Some(f) = self.followups.get_mut(id).filter(|f| f.is_pending()) {
            f.status = status;
            f.ended_at = Some(at);
            changes.followup(f);
        }
    }

    /// What the rule table asks for on `on`, with the facts about the subject.
    fn plan_for(
        &self,
        on: On,
        at: DateTime<Utc>,
        what: Option<&What>,
        subject: &Subject,
        tz: Tz,
    ) -> Vec<Planned> {
        let (job, person) = subject;
        let opportunity = job.as_ref().and_then(|id| self.opportunities.get(id));
        let contact = person.as_ref().and_then(|id| self.contacts.get(id));
        let referrer = contact
            .and_then(|c| c.referred_by.as_ref())
            .and_then(|id| self.contacts.get(id));
        let existing: Vec<Rule> = self
            .followups
            .values()
            .filter(|f| person.is_some() && f.contact == *person)
            .map(|f| f.rule)
            .collect();
        let contact_known = person.is_some()
            || opportunity.is_some_and(|o| o.job.hiring_contact.is_some())
            || job
                .as_ref()
                .is_some_and(|id| self.contacts.values().any(|c| c.role_in(id).is_some()));
        let last_touch = match on {
            On::Completed(_) => Some(at),
            _ => person.as_ref().and_then(|p| self.last_touch(p, at)),
        };
        let facts = Facts {
            opportunity,
            contact,
            referrer,
            contact_known,
            existing: &existing,
            search_active: !self
                .opportunities
                .values()
                .any(|o| o.stage == Stage::Accepted),
            last_touch,
        };
        let calendar = Calendar {
            tz,
            settings: &self.settings,
        };
        plan(on, at, what, &facts, &calendar)
    }

    /// The last touch with a person at or before `at`.
    fn last_touch(&self, person: &str, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.events
            .values()
            .filter(|e| e.contact.as_deref() == Some(person) && e.at <= at)
            .filter(|e| TOUCHES.contains(&e.what.kind()))
            .map(|e| e.at)
            .max()
    }

    fn create(
        &mut self,
        planned: Vec<Planned>,
        cause: &str,
        subject: &Subject,
        touch: u32,
        tz: Tz,
        changes: &mut Changes,
    ) {
        for p in planned {
            let (opportunity, contact) = match p.about {
                About::Same => subject.clone(),
                About::Referrer => (
                    None,
                    subject
                        .1
                        .as_ref()
                        .and_then(|id| self.contacts.get(id))
                        .and_then(|c| c.referred_by.clone()),
                ),
            };
            let followup = FollowUp {
                id: self.next_id('f'),
                rule: p.rule,
                opportunity,
                contact,
                event: cause.to_string(),
                due: p.due,
                zone: tz.name().to_string(),
                status: Status::Open,
                text: p.text,
                touch: if p.rule == Rule::R4 { touch } else { 1 },
                note: p.note,
                ended_at: None,
                outcome: None,
                snoozes: Vec::new(),
                edits: Vec::new(),
            };
            changes.followup(&followup);
            self.followups.insert(followup.id.clone(), followup);
        }
    }

    /// Any touch with a person restarts their keep-in-touch clock.
    fn restart_cadence(&mut self, person: &str, at: DateTime<Utc>, tz: Tz, changes: &mut Changes) {
        let Some(every) = self.contacts.get(person).and_then(|c| c.cadence_days) else {
            return;
        };
        let calendar = Calendar {
            tz,
            settings: &self.settings,
        };
        let due = calendar.days_after(at, u64::from(every));
        for f in self.followups.values_mut().filter(|f| {
            f.is_pending() && f.rule == Rule::R16 && f.contact.as_deref() == Some(person)
        }) {
            if f.due != due {
                f.due = due;
                changes.followup(f);
            }
        }
    }
}

/// The stage an event moves an opportunity in `stage` to: applying only from saved.
fn stage_after(stage: Stage, what: &What) -> Stage {
    match what {
        What::Applied if stage == Stage::Saved => Stage::Applied,
        What::Interviewed { .. } => Stage::Interviewing,
        What::Offer => Stage::Offer,
        What::Accepted => Stage::Accepted,
        What::Rejected => Stage::Rejected,
        What::Withdrawn => Stage::Withdrawn,
        _ => stage,
    }
}
