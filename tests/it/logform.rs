//! "Log what happened" (issue 16): the popup's form made an event by the core, a promise's due
//! time read while it is typed, and the reply to every logged event saying what it planned.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::drafts::draft;
use follow_through::i18n::Catalog;
use follow_through::logged::{day_value, promise_due, reminder_due, Field, Form, Kind, Subject};
use follow_through::messages::{handle, Reply, Request, Step};
use follow_through::model::{Job, Role, Rule, Settings, Stage, Status, What};
use follow_through::store::{Command, ContactInput, NewEvent, State, StoreError};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Wednesday 2 December 2026, 10:00 in New York.
const NOW: &str = "2026-12-02T10:00:00-05:00";

fn form(kind: Kind, opportunity: &str) -> Form {
    Form {
        kind,
        opportunity_id: Some(opportunity.into()),
        contact_id: None,
        date: String::new(),
        time: String::new(),
        with: String::new(),
        decide_by: String::new(),
        words: String::new(),
        remind: String::new(),
    }
}

/// A state with one applied job, `o1`.
fn applied() -> (State, String) {
    let mut state = State::default();
    let job: Job = serde_json::from_value(serde_json::json!({
        "title": "Data Engineer", "company": "Acme", "source": "manual"
    }))
    .unwrap();
    let id = state
        .apply(Command::Track { job }, at(NOW), New_York)
        .unwrap()
        .opportunity
        .unwrap()
        .id;
    let opportunity_id = id.clone();
    state
        .apply(Command::MarkApplied { opportunity_id }, at(NOW), New_York)
        .unwrap();
    (state, id)
}

/// Sends the command as the popup does and returns what the reply says it planned.
fn log(state: &mut State, command: Command) -> Result<Vec<String>, String> {
    let request = Request::Command { command };
    match handle(state, request, at(NOW), New_York) {
        Step::Reply(Reply::Updated { planned, .. }, _) => {
            Ok(planned.iter().map(|p| p.english()).collect())
        }
        Step::Reply(Reply::Error { message }, _) => Err(message.english()),
        other => panic!("unexpected {other:?}"),
    }
}

fn logged(state: &mut State, form: &Form) -> Result<Vec<String>, String> {
    let event = form.event(New_York).map_err(|why| why.english())?;
    log(state, Command::LogEvent { event })
}

#[test]
fn an_interview_on_the_calendar_plans_the_thank_you_after_it_with_whom_it_was() {
    let (mut state, job) = applied();
    let interview = Form {
        date: "2026-12-10".into(),
        time: "14:00".into(),
        with: "Dana Lee".into(),
        decide_by: "2026-12-18".into(),
        ..form(Kind::Interview, &job)
    };
    let planned = logged(&mut state, &interview).unwrap();
    assert_eq!(
        planned,
        [
            "Planned: Send a thank-you note to Dana Lee; add one idea from the conversation and \
             tie your skills to the role · Fri 11 Dec 17:00",
            "Planned: Call or write to reinforce your interest and ask about the decision \
             timeline · Fri 18 Dec 09:00",
        ]
    );
    assert_eq!(state.opportunities[&job].stage, Stage::Interviewing);
    let dana = state
        .contacts
        .values()
        .find(|c| c.name == "Dana Lee")
        .unwrap();
    assert_eq!(dana.role_in(&job), Some(Role::Interviewer));
    let event = state
        .events
        .values()
        .find(|e| matches!(e.what, What::Interviewed { .. }))
        .unwrap();
    assert_eq!(event.at, at("2026-12-10T14:00:00-05:00"));
}

#[test]
fn a_name_already_saved_is_that_contact_not_a_new_one() {
    let (mut state, job) = applied();
    let contact = ContactInput {
        id: None,
        name: "Dana Lee".into(),
        email: None,
        profile_url: None,
        links: vec![],
    };
    log(&mut state, Command::SaveContact { contact }).unwrap();
    let call = Form {
        with: "dana lee".into(),
        ..form(Kind::CallHeld, &job)
    };
    let planned = logged(&mut state, &call).unwrap();
    assert_eq!(state.contacts.len(), 1);
    assert_eq!(
        planned,
        ["Planned: Send Dana Lee a recap with the highlights and anything you promised · Thu 3 Dec 09:00"]
    );
}

#[test]
fn only_an_interview_may_be_logged_ahead_of_now() {
    let (mut state, job) = applied();
    let call = Form {
        date: "2026-12-10".into(),
        time: "14:00".into(),
        ..form(Kind::CallHeld, &job)
    };
    assert_eq!(
        logged(&mut state, &call).unwrap_err(),
        "An event can't be logged in the future; log it once it has happened."
    );
}

#[test]
fn a_meeting_needs_a_time_to_come_and_someone_to_meet() {
    let (mut state, job) = applied();
    let meeting = |date: &str, with: &str| Form {
        date: date.into(),
        time: "10:00".into(),
        with: with.into(),
        ..form(Kind::MeetingScheduled, &job)
    };
    assert_eq!(
        logged(&mut state, &meeting("", "Dana Lee")).unwrap_err(),
        "Say when the meeting is."
    );
    assert_eq!(
        logged(&mut state, &meeting("2026-12-01", "Dana Lee")).unwrap_err(),
        "A meeting scheduled is later than now; log a meeting that took place as held."
    );
    assert!(logged(&mut state, &meeting("2026-12-09", "")).is_err());
    assert!(state.contacts.is_empty(), "a refused event saves nobody");
    let planned = logged(&mut state, &meeting("2026-12-09", "Dana Lee")).unwrap();
    assert_eq!(planned.len(), 1);
    assert!(planned[0].ends_with("· Tue 8 Dec 09:00"), "{planned:?}");
}

#[test]
fn a_promise_is_due_when_its_words_say_and_the_form_says_so_as_it_is_typed() {
    let settings = Settings::default();
    let due = |text: &str| promise_due(&settings, text, at(NOW), New_York).map(|p| p.english());
    assert_eq!(
        due("I'll send the deck by Friday").as_deref(),
        Some("Due Fri 4 Dec 09:00")
    );
    assert_eq!(
        due("Slides before the interview").as_deref(),
        Some("No date found in these words: due in 5 working days, Wed 9 Dec 09:00")
    );
    assert_eq!(due("  "), None);
    let (mut state, job) = applied();
    let promise = Form {
        words: "I'll send the deck by Friday".into(),
        ..form(Kind::Promise, &job)
    };
    let planned = logged(&mut state, &promise).unwrap();
    assert_eq!(
        planned,
        ["Planned: I'll send the deck by Friday · Fri 4 Dec 09:00"]
    );
    let empty = form(Kind::Promise, &job);
    assert_eq!(
        logged(&mut state, &empty).unwrap_err(),
        "Write what you promised."
    );
}

#[test]
fn meeting_someone_says_what_it_planned_too() {
    let mut state = State::default();
    let contact = ContactInput {
        id: None,
        name: "Ana Lima".into(),
        email: None,
        profile_url: None,
        links: vec![],
    };
    log(&mut state, Command::SaveContact { contact }).unwrap();
    let ana = state.contacts.keys().next().unwrap().clone();
    let met = Command::LogEvent {
        event: NewEvent {
            opportunity_id: None,
            contact_id: Some(ana),
            at: None,
            with: None,
            what: What::Met { connected: false },
        },
    };
    let planned = log(&mut state, met).unwrap();
    assert_eq!(planned.len(), 2);
    assert!(
        planned[0].starts_with("Planned: Connect with Ana Lima"),
        "{planned:?}"
    );
    assert!(
        planned[1].starts_with("Planned: Follow up with Ana Lima"),
        "{planned:?}"
    );
    assert!(state.followups.values().any(|f| f.rule == Rule::R9));
}

#[test]
fn the_form_asks_with_whom_only_about_a_job_and_ends_a_job_only_from_a_job() {
    assert_eq!(
        Kind::Interview.fields(Subject::Job),
        [Field::When, Field::With, Field::DecideBy]
    );
    assert_eq!(Kind::CallHeld.fields(Subject::Person), [Field::When]);
    assert!(!Kind::offered(Subject::Person).contains(&Kind::Rejected));
    assert!(Kind::offered(Subject::Job).contains(&Kind::Accepted));
    let now = at(NOW);
    assert_eq!(day_value(now, New_York, 1), "2026-12-03");
}

#[test]
fn events_stored_before_with_whom_existed_still_read() {
    let event: NewEvent = serde_json::from_value(serde_json::json!({
        "opportunityId": "o1", "kind": "interviewed"
    }))
    .unwrap();
    assert_eq!(event.with, None);
    assert!(!serde_json::to_string(&event).unwrap().contains("with"));
    let unknown = Command::LogEvent {
        event: NewEvent {
            with: Some("Dana".into()),
            ..event
        },
    };
    let mut state = State::default();
    assert!(matches!(
        state.apply(unknown, at(NOW), New_York),
        Err(StoreError::NotFound(_))
    ));
    assert!(state.contacts.is_empty());
}

fn reminder(job: &str, date: &str, time: &str) -> Form {
    Form {
        remind: "Ask Dana about the team's roadmap".into(),
        date: date.into(),
        time: time.into(),
        ..form(Kind::Reminder, job)
    }
}

/// The pending follow-ups of the user's own reminders, as (due, text).
fn own(state: &State) -> Vec<(DateTime<Utc>, String)> {
    state
        .followups
        .values()
        .filter(|f| f.rule == Rule::Own && f.is_pending())
        .map(|f| (f.due, f.text.clone()))
        .collect()
}

#[test]
fn your_own_reminder_is_one_follow_up_in_your_words_at_the_day_and_time_given() {
    let (mut state, job) = applied();
    let before = state.followups.len();
    let settings = Settings::default();
    let due = reminder_due(&settings, "2026-12-08", "14:30", at(NOW), New_York).unwrap();
    assert_eq!(due.english(), "Due Tue 8 Dec 14:30");
    let planned = logged(&mut state, &reminder(&job, "2026-12-08", "14:30")).unwrap();
    assert_eq!(
        planned,
        ["Planned: Ask Dana about the team's roadmap · Tue 8 Dec 14:30"]
    );
    assert_eq!(state.followups.len(), before + 1);
    assert_eq!(
        own(&state),
        [(
            at("2026-12-08T14:30:00-05:00"),
            "Ask Dana about the team's roadmap".to_string()
        )]
    );
    let event = state
        .events
        .values()
        .find(|e| matches!(e.what, What::Reminder { .. }))
        .unwrap();
    assert_eq!(event.at, at(NOW), "set now, due later");
    assert_eq!(event.opportunity.as_deref(), Some(job.as_str()));
}

#[test]
fn your_own_reminder_without_a_time_is_due_at_the_start_of_the_working_day() {
    let (mut state, job) = applied();
    let settings = Settings::default();
    let due = reminder_due(&settings, "2026-12-07", "", at(NOW), New_York).unwrap();
    assert_eq!(due.english(), "Due Mon 7 Dec 09:00");
    let planned = logged(&mut state, &reminder(&job, "2026-12-07", "")).unwrap();
    assert_eq!(
        planned,
        ["Planned: Ask Dana about the team's roadmap · Mon 7 Dec 09:00"]
    );
}

#[test]
fn your_own_reminder_for_a_time_already_past_moves_to_the_next_working_morning() {
    let settings = Settings::default();
    let due = |date: &str, time: &str| {
        reminder_due(&settings, date, time, at(NOW), New_York).map(|p| p.english())
    };
    assert_eq!(
        due("2026-12-01", "").as_deref(),
        Some("Due Thu 3 Dec 09:00")
    );
    assert_eq!(
        due("2026-12-02", "").as_deref(),
        Some("Due Thu 3 Dec 09:00")
    );
    assert_eq!(
        due("2026-12-02", "16:00").as_deref(),
        Some("Due Wed 2 Dec 16:00")
    );
    assert_eq!(due("", "16:00"), None);
    let (mut state, job) = applied();
    logged(&mut state, &reminder(&job, "2026-12-01", "")).unwrap();
    assert_eq!(own(&state)[0].0, at("2026-12-03T09:00:00-05:00"));
}

#[test]
fn your_own_reminder_needs_words_and_a_day() {
    let (mut state, job) = applied();
    let silent = Form {
        remind: "  ".into(),
        ..reminder(&job, "2026-12-08", "")
    };
    assert_eq!(
        logged(&mut state, &silent).unwrap_err(),
        "Write what to remind you of."
    );
    assert_eq!(
        logged(&mut state, &reminder(&job, "", "10:00")).unwrap_err(),
        "Say on what day to remind you."
    );
    assert!(own(&state).is_empty());
}

#[test]
fn done_your_own_reminder_plans_nothing_more_and_its_draft_is_a_note_of_your_words() {
    let (mut state, job) = applied();
    let contact = ContactInput {
        id: None,
        name: "Dana Lee".into(),
        email: Some("dana@acme.example".into()),
        profile_url: None,
        links: vec![],
    };
    log(&mut state, Command::SaveContact { contact }).unwrap();
    let dana = state.contacts.keys().next().unwrap().clone();
    let about_dana = Form {
        opportunity_id: None,
        contact_id: Some(dana),
        ..reminder(&job, "2026-12-08", "")
    };
    logged(&mut state, &about_dana).unwrap();
    let id = state
        .followups
        .values()
        .find(|f| f.rule == Rule::Own)
        .unwrap()
        .id
        .clone();
    let written = draft(&state, &id, New_York)
        .unwrap()
        .write(Catalog::english());
    assert_eq!(written.kind, "Note to yourself");
    assert_eq!(written.subject, "");
    assert_eq!(written.body, "Ask Dana about the team's roadmap");
    assert_eq!(written.to, None, "a note to yourself goes to nobody");
    let before = state.followups.len();
    let done = Command::CompleteFollowUp {
        followup_id: id.clone(),
        outcome: None,
    };
    assert!(log(&mut state, done).unwrap().is_empty());
    assert_eq!(state.followups[&id].status, Status::Done);
    assert_eq!(state.followups.len(), before);
}

#[test]
fn your_own_reminder_may_be_about_nothing_in_particular_and_outlives_the_job() {
    let (mut state, job) = applied();
    let nothing = Command::LogEvent {
        event: NewEvent {
            opportunity_id: None,
            contact_id: None,
            at: None,
            with: None,
            what: What::Reminder {
                text: "Update my CV".into(),
                date: "2026-12-07".parse().unwrap(),
                time: None,
            },
        },
    };
    assert_eq!(
        log(&mut state, nothing).unwrap(),
        ["Planned: Update my CV · Mon 7 Dec 09:00"]
    );
    logged(&mut state, &reminder(&job, "2026-12-08", "")).unwrap();
    logged(&mut state, &form(Kind::Withdrawn, &job)).unwrap();
    assert_eq!(
        own(&state).len(),
        2,
        "your own words are never cancelled for you"
    );
}
