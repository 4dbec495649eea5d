//! The playbook through the store's commands, as the browser layer drives it: touches and
//! threads, snooze, ending a job, people and cadences, drafts, the badge and "newly due", a
//! traveller's reminders, bad input refused, and version-1 storage migrated.

use crate::stored_contact;
use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Berlin;
use follow_through::checklist::{checklist, Group};
use follow_through::drafts::draft;
use follow_through::i18n::Catalog;
use follow_through::model::Job;
use follow_through::model::{BadgeMode, Link, Outcome, Role, Rule, Status, Template};
use follow_through::store::{
    shard_of, Command, ContactInput, End, NewEvent, SnoozeFor, State, StoreError, SCHEMA_VERSION,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn job() -> Job {
    serde_json::from_value(json!({
        "title": "Data Engineer", "company": "Acme",
        "url": "https://boards.greenhouse.io/acme/jobs/1", "source": "jsonld"
    }))
    .unwrap()
}

/// A job tracked on Monday 2 March and applied to on Friday 6 March, New York.
fn applied() -> State {
    let mut state = State::default();
    state
        .apply(
            Command::Track { job: job() },
            at("2026-03-02T10:00:00-05:00"),
            New_York,
        )
        .unwrap();
    state
        .apply(
            Command::MarkApplied {
                opportunity_id: "o1".into(),
            },
            at("2026-03-06T17:00:00-05:00"),
            New_York,
        )
        .unwrap();
    state
}

fn pending(state: &State, rule: Rule) -> String {
    state
        .pending_followups()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no pending {rule:?}"))
        .id
        .clone()
}

fn contact(state: &mut State, name: &str, email: Option<&str>, now: &str) -> String {
    let before: Vec<String> = state.contacts.keys().cloned().collect();
    state
        .apply(
            Command::SaveContact {
                contact: ContactInput {
                    id: None,
                    name: name.into(),
                    email: email.map(str::to_string),
                    profile_url: None,
                    links: vec![],
                },
            },
            at(now),
            New_York,
        )
        .unwrap();
    state
        .contacts
        .keys()
        .find(|k| !before.contains(k))
        .unwrap()
        .clone()
}

fn log(state: &mut State, event: Value, now: &str) -> Result<(), StoreError> {
    let event: NewEvent = serde_json::from_value(event).unwrap();
    state
        .apply(Command::LogEvent { event }, at(now), New_York)
        .map(|_| ())
}

#[test]
fn a_touch_with_no_answer_plans_the_second_touch_and_writes_exactly_what_changed() {
    let mut state = applied();
    let r3 = pending(&state, Rule::R3);
    let done = state
        .apply(
            Command::CompleteFollowUp {
                followup_id: r3.clone(),
                outcome: Some(Outcome::NoAnswer),
            },
            at("2026-03-13T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let keys: Vec<&str> = done.changes.set.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        crate::with_due_index(&["event/e7", "followup/f6", "followup/f8", "meta"])
    );
    assert_eq!(done.changes.set["event/e7"]["kind"], "touch");
    assert_eq!(state.followups[&r3].outcome, Some(Outcome::NoAnswer));
    let r4 = &state.followups["f8"];
    assert_eq!((r4.rule, r4.touch), (Rule::R4, 2));
    assert_eq!(r4.due, at("2026-03-20T09:00:00-04:00"));

    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: "f8".into(),
                outcome: Some(Outcome::NoAnswer),
            },
            at("2026-03-20T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    assert_eq!(state.followups["f8"].status, Status::MovedOn);
    assert!(state.pending_followups().all(|f| f.rule == Rule::R2));
}

#[test]
fn an_answer_ends_the_thread_without_a_second_touch() {
    let mut state = applied();
    let r3 = pending(&state, Rule::R3);
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: r3.clone(),
                outcome: Some(Outcome::Answered),
            },
            at("2026-03-13T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    assert_eq!(state.followups[&r3].status, Status::Done);
    assert!(!state.followups.values().any(|f| f.rule == Rule::R4));
}

#[test]
fn snoozing_moves_the_due_time_keeps_the_history_and_refuses_the_past() {
    let mut state = applied();
    let r3 = pending(&state, Rule::R3);
    let friday = at("2026-03-13T10:00:00-04:00");
    let snoozed = state
        .apply(
            Command::Snooze {
                followup_id: r3.clone(),
                by: SnoozeFor::OneDay,
            },
            friday,
            New_York,
        )
        .unwrap();
    assert_eq!(
        snoozed.changes.set.keys().cloned().collect::<Vec<_>>(),
        crate::with_due_index(&[&format!("followup/{r3}"), "meta"])
    );
    let f = &state.followups[&r3];
    assert_eq!(f.status, Status::Snoozed);
    assert_eq!(f.due, at("2026-03-16T09:00:00-04:00"));
    assert_eq!(f.snoozes[0].from, at("2026-03-13T09:00:00-04:00"));
    assert_eq!(state.overdue_count(friday), 1);

    state
        .apply(
            Command::Snooze {
                followup_id: r3.clone(),
                by: SnoozeFor::OneWeek,
            },
            friday,
            New_York,
        )
        .unwrap();
    assert_eq!(state.followups[&r3].due, at("2026-03-20T09:00:00-04:00"));
    assert_eq!(state.followups[&r3].snoozes.len(), 2);

    let past = state.apply(
        Command::Snooze {
            followup_id: r3,
            by: SnoozeFor::Until("2026-03-01".parse().unwrap()),
        },
        friday,
        New_York,
    );
    assert!(matches!(past, Err(StoreError::Invalid(_))), "{past:?}");
}

#[test]
fn a_snooze_that_runs_out_counts_as_overdue_again() {
    let mut state = applied();
    let r3 = pending(&state, Rule::R3);
    state
        .apply(
            Command::Snooze {
                followup_id: r3.clone(),
                by: SnoozeFor::ThreeDays,
            },
            at("2026-03-13T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let later = at("2026-03-17T10:00:00-04:00");
    assert_eq!(state.followups[&r3].status_at(later), Status::Open);
    assert_eq!(state.overdue_count(later), 2);
}

#[test]
fn ending_a_job_cancels_its_follow_ups_and_plans_the_thank_you_for_considering_me() {
    let mut state = applied();
    let manager = contact(&mut state, "Dana Lee", None, "2026-03-09T10:00:00-04:00");
    state
        .apply(
            Command::EndOpportunity {
                opportunity_id: "o1".into(),
                end: End::Rejected,
                contact_id: Some(manager.clone()),
            },
            at("2026-03-09T11:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let statuses: Vec<_> = state
        .followups
        .values()
        .map(|f| (f.rule, f.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (Rule::R1, Status::Done),
            (Rule::R2, Status::Cancelled),
            (Rule::R3, Status::Cancelled),
            (Rule::R8, Status::Open),
        ]
    );
    let r8 = state
        .followups
        .values()
        .find(|f| f.rule == Rule::R8)
        .unwrap();
    assert_eq!(
        r8.text,
        "Thank Dana Lee for considering you and offer to stay in touch"
    );
    assert_eq!(r8.due, at("2026-03-11T09:00:00-04:00"));
    assert_eq!(state.contacts[&manager].role_in("o1"), Some(Role::Contact));
}

#[test]
fn meeting_someone_and_keeping_in_touch_plans_r9_r10_and_r16() {
    let mut state = State::default();
    let dana = contact(&mut state, "Dana Lee", None, "2026-03-05T19:00:00-05:00");
    log(
        &mut state,
        json!({ "contactId": dana, "kind": "met", "connected": false }),
        "2026-03-05T19:00:00-05:00",
    )
    .unwrap();
    let rules: Vec<_> = state.pending_followups().map(|f| (f.rule, f.due)).collect();
    assert_eq!(
        rules,
        vec![
            (Rule::R9, at("2026-03-09T09:00:00-04:00")),
            (Rule::R10, at("2026-03-06T09:00:00-05:00")),
        ]
    );
    state
        .apply(
            Command::SetCadence {
                contact_id: dana.clone(),
                every_days: 30,
            },
            at("2026-03-06T10:00:00-05:00"),
            New_York,
        )
        .unwrap();
    let r16 = pending(&state, Rule::R16);
    assert_eq!(state.followups[&r16].due, at("2026-04-06T09:00:00-04:00"));
    state
        .apply(
            Command::SetCadence {
                contact_id: dana,
                every_days: 0,
            },
            at("2026-03-06T11:00:00-05:00"),
            New_York,
        )
        .unwrap();
    assert_eq!(state.followups[&r16].status, Status::Cancelled);
}

#[test]
fn bad_events_are_refused_with_a_reason_and_change_nothing() {
    let mut state = applied();
    let before = state.clone();
    let future = log(
        &mut state,
        json!({ "opportunityId": "o1", "kind": "call_held", "at": "2026-04-01T10:00:00Z" }),
        "2026-03-09T10:00:00-04:00",
    );
    assert!(
        matches!(future, Err(StoreError::Invalid(ref why)) if why.english().contains("future"))
    );
    let nobody = log(
        &mut state,
        json!({ "contactId": "c404", "kind": "reached_out" }),
        "2026-03-09T10:00:00-04:00",
    );
    assert_eq!(nobody, Err(StoreError::NotFound("contact c404".into())));
    let no_person = log(
        &mut state,
        json!({ "kind": "met", "connected": true }),
        "2026-03-09T10:00:00-04:00",
    );
    assert!(
        matches!(no_person, Err(StoreError::Invalid(ref why)) if why.english().contains("needs a person"))
    );
    let silent = log(
        &mut state,
        json!({ "kind": "promise", "text": "  " }),
        "2026-03-09T10:00:00-04:00",
    );
    assert!(matches!(silent, Err(StoreError::Invalid(_))));
    let settings = follow_through::model::Settings {
        touch_limit: 0,
        ..Default::default()
    };
    let zero = state.apply(
        Command::EditSettings { settings },
        at("2026-03-09T10:00:00-04:00"),
        New_York,
    );
    assert!(matches!(zero, Err(StoreError::Invalid(_))));
    let unknown: Result<Command, _> =
        serde_json::from_value(json!({ "type": "logEvent", "event": { "kind": "hired" } }));
    assert!(unknown.unwrap_err().to_string().contains("hired"));
    state.meta = before.meta.clone();
    assert_eq!(state, before);
}

#[test]
fn an_interview_logged_afterwards_is_planned_from_when_it_happened() {
    let mut state = applied();
    log(
        &mut state,
        json!({ "opportunityId": "o1", "kind": "interviewed", "at": "2026-03-09T14:00:00-04:00",
                "decision_date": "2026-03-20" }),
        "2026-03-11T10:00:00-04:00",
    )
    .unwrap();
    let r6 = pending(&state, Rule::R6);
    assert_eq!(state.followups[&r6].due, at("2026-03-10T17:00:00-04:00"));
    assert_eq!(state.overdue_count(at("2026-03-11T10:00:00-04:00")), 1);
    let r7 = pending(&state, Rule::R7);
    assert_eq!(state.followups[&r7].due, at("2026-03-20T09:00:00-04:00"));
}

#[test]
fn the_draft_fills_names_role_company_and_date_and_builds_a_mailto() {
    let mut state = applied();
    let dana = contact(
        &mut state,
        "Dana Lee",
        Some("dana@acme.example"),
        "2026-03-09T10:00:00-04:00",
    );
    log(
        &mut state,
        json!({ "opportunityId": "o1", "contactId": dana, "kind": "interviewed" }),
        "2026-03-09T14:00:00-04:00",
    )
    .unwrap();
    let r6 = pending(&state, Rule::R6);
    let thank_you = draft(&state, &r6, New_York)
        .unwrap()
        .write(Catalog::english());
    assert_eq!(thank_you.kind, "Thank-you note");
    assert_eq!(thank_you.subject, "Thank you for Monday 9 March");
    assert!(thank_you.body.starts_with("Dear Dana,\n\nThank you for taking the time to talk with me about the Data Engineer role on Monday 9 March."), "{}", thank_you.body);
    assert!(thank_you.body.contains("at Acme"));
    assert_eq!(thank_you.to.as_deref(), Some("dana@acme.example"));
    assert!(thank_you
        .mailto
        .unwrap()
        .starts_with("mailto:dana@acme.example?subject=Thank%20you%20for%20Monday%209%20March&body=Dear%20Dana%2C%0D%0A"));

    state
        .apply(
            Command::EditTemplate {
                rule: Rule::R6,
                template: Some(Template {
                    subject: "Thanks, {first_name}".into(),
                    body: "Thanks for {date}! {my_name}".into(),
                }),
            },
            at("2026-03-09T15:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let mine = draft(&state, &r6, New_York)
        .unwrap()
        .write(Catalog::english());
    assert_eq!(mine.subject, "Thanks, Dana");
    assert_eq!(mine.body, "Thanks for Monday 9 March!");

    let r3 = state
        .followups
        .values()
        .find(|f| f.rule == Rule::R3)
        .unwrap();
    let application = draft(&state, &r3.id, New_York)
        .unwrap()
        .write(Catalog::english());
    assert!(application
        .body
        .contains("I applied for the Data Engineer position at Acme on Friday 6 March"));
}

#[test]
fn the_linkedin_connect_note_stays_under_300_characters() {
    let mut state = State::default();
    let name = "Maximiliana Alexandra Konstantinopoulou-Vandenberghe".repeat(3);
    let who = contact(&mut state, &name, None, "2026-03-05T19:00:00-05:00");
    log(
        &mut state,
        json!({ "contactId": who, "kind": "met", "connected": false }),
        "2026-03-05T19:00:00-05:00",
    )
    .unwrap();
    let r10 = pending(&state, Rule::R10);
    let note = draft(&state, &r10, New_York)
        .unwrap()
        .write(Catalog::english());
    assert!(note.body.chars().count() < 300, "{}", note.body.len());
    assert_eq!(note.max_chars, Some(299));
    assert_eq!(note.mailto, None);
}

#[test]
fn a_traveller_sees_a_nine_oclock_new_york_reminder_at_two_in_berlin() {
    let state = applied();
    let morning_in_berlin = at("2026-03-13T07:00:00+01:00");
    let list = checklist(&state, morning_in_berlin, Berlin);
    let today = list
        .sections
        .iter()
        .find(|s| s.group == Group::Today)
        .unwrap();
    assert_eq!(today.items[0].rule, Rule::R3);
    assert_eq!(today.items[0].when.english(), "Today 14:00");
    let r3 = state
        .followups
        .values()
        .find(|f| f.rule == Rule::R3)
        .unwrap();
    assert_eq!(r3.zone, "America/New_York");
}

#[test]
fn the_badge_counts_overdue_only_or_overdue_and_today_as_set() {
    let mut state = applied();
    let morning = at("2026-03-13T07:00:00-04:00");
    assert_eq!(state.badge_count(morning, New_York), 1);
    state.settings.badge = BadgeMode::OverdueAndToday;
    assert_eq!(state.badge_count(morning, New_York), 2);
}

#[test]
fn newly_due_lists_what_fell_due_since_the_last_look_once() {
    let state = applied();
    let since = at("2026-03-06T18:00:00-05:00");
    let now = at("2026-03-16T08:00:00-04:00");
    let due: Vec<Rule> = state.newly_due(since, now).iter().map(|f| f.rule).collect();
    assert_eq!(due, vec![Rule::R2, Rule::R3]);
    assert!(state.newly_due(now, now).is_empty());
}

#[test]
fn a_contact_is_linked_to_a_job_with_a_role() {
    let mut state = applied();
    state
        .apply(
            Command::SaveContact {
                contact: ContactInput {
                    id: None,
                    name: " Dana   Lee ".into(),
                    email: None,
                    profile_url: Some("https://www.linkedin.com/in/dana".into()),
                    links: vec![Link {
                        opportunity: "o1".into(),
                        role: Role::Recruiter,
                    }],
                },
            },
            at("2026-03-09T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let dana = state.contacts.values().next().unwrap();
    assert_eq!(dana.name, "Dana Lee");
    assert_eq!(dana.role_in("o1"), Some(Role::Recruiter));
    let bad = state.apply(
        Command::SaveContact {
            contact: ContactInput {
                id: None,
                name: "X".into(),
                email: Some("not an email".into()),
                profile_url: None,
                links: vec![],
            },
        },
        at("2026-03-09T10:00:00-04:00"),
        New_York,
    );
    assert!(matches!(bad, Err(StoreError::Invalid(_))));
}

/// Storage exactly as version 1 (the walking skeleton) wrote it.
fn version_1_records() -> BTreeMap<String, Value> {
    serde_json::from_value(json!({
        "meta": { "schema": 1, "next_id": 8 },
        "settings": { "work_start": "09:00", "work_end": "17:00",
                      "work_days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
        "opportunity/o1": {
            "id": "o1", "stage": "applied", "created_at": "2026-03-06T15:00:00Z",
            "job": { "title": "Senior DevOps Engineer", "company": "PaperCut Software",
                     "location": "Camberwell VIC 3124",
                     "url": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2", "source": "jsonld" }
        },
        "event/e2": { "id": "e2", "at": "2026-03-06T15:00:00Z", "kind": "saved", "opportunity": "o1" },
        "followup/f3": { "id": "f3", "rule": "R1", "opportunity": "o1", "event": "e2",
                         "due": "2026-03-09T13:00:00Z", "zone": "America/New_York", "status": "done",
                         "text": "Apply to Senior DevOps Engineer at PaperCut Software",
                         "ended_at": "2026-03-06T22:00:00Z" },
        "event/e4": { "id": "e4", "at": "2026-03-06T22:00:00Z", "kind": "applied", "opportunity": "o1" },
        "followup/f5": { "id": "f5", "rule": "R2", "opportunity": "o1", "event": "e4",
                         "due": "2026-03-09T13:00:00Z", "zone": "America/New_York", "status": "open",
                         "text": "Find the hiring manager's or recruiter's name at PaperCut Software" },
        "followup/f6": { "id": "f6", "rule": "R3", "opportunity": "o1", "event": "e4",
                         "due": "2026-03-13T13:00:00Z", "zone": "America/New_York", "status": "open",
                         "text": "Follow up on your application: confirm they received it and ask for an interview (call if you can)" },
        "contact/c7": { "id": "c7", "name": "Dana Lee", "opportunities": ["o1"] }
    }))
    .unwrap()
}

#[test]
fn version_1_storage_is_migrated_and_keeps_every_record() {
    let records = version_1_records();
    let loaded = State::load(&records);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(
        loaded.migrated.set.keys().cloned().collect::<Vec<_>>(),
        crate::with_due_index(&[
            &shard_of("c7"),
            "followup/f3",
            "followup/f5",
            "followup/f6",
            "meta"
        ])
        .into_iter()
        .filter(|key| !key.starts_with("followup/"))
        .collect::<Vec<_>>()
    );
    assert_eq!(loaded.migrated.remove, ["contact/c7"]);
    assert_eq!(loaded.migrated.set["meta"]["schema"], SCHEMA_VERSION);
    assert_eq!(
        stored_contact(&loaded.migrated.set, "c7")["links"],
        json!([{ "opportunity": "o1", "role": "contact" }])
    );
    let state = loaded.state;
    assert_eq!(state.meta.next_id, 8);
    assert_eq!(state.followups.len(), 3);
    assert_eq!(state.events.len(), 2);
    assert_eq!(state.contacts["c7"].role_in("o1"), Some(Role::Contact));
    assert_eq!(state.overdue_count(at("2026-03-16T12:00:00-04:00")), 2);

    let mut stored = records;
    stored.extend(loaded.migrated.set);
    let again = State::load(&stored);
    assert!(again.migrated.is_empty() && again.errors.is_empty());
    assert_eq!(again.state, state);
}

#[test]
fn a_version_1_follow_up_can_be_worked_on_after_the_migration() {
    let mut state = State::load(&version_1_records()).state;
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: "f6".into(),
                outcome: Some(Outcome::NoAnswer),
            },
            at("2026-03-13T10:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let r4 = state
        .followups
        .values()
        .find(|f| f.rule == Rule::R4)
        .unwrap();
    assert_eq!(
        r4.text,
        "Second touch, same thread: try PaperCut Software again"
    );
    assert_eq!(r4.due, at("2026-03-20T09:00:00-04:00"));
}

#[test]
fn the_popup_asks_the_worker_for_a_draft_and_the_settings() {
    use follow_through::messages::{handle, Reply, Request, Step};
    let mut state = applied();
    let now = at("2026-03-13T10:00:00-04:00");
    let r3 = pending(&state, Rule::R3);
    let request: Request =
        serde_json::from_value(json!({ "type": "draft", "followupId": r3 })).unwrap();
    let Step::Reply(Reply::Draft { draft }, changes) = handle(&mut state, request, now, New_York)
    else {
        panic!("a draft request is answered with the draft");
    };
    assert_eq!(
        draft.write(Catalog::english()).kind,
        "Application follow-up"
    );
    assert!(changes.is_empty());
    let missing = Request::Draft {
        followup_id: "f404".into(),
    };
    assert!(matches!(
        handle(&mut state, missing, now, New_York),
        Step::Reply(Reply::Error { .. }, _)
    ));
    let Step::Reply(Reply::Settings { settings, .. }, _) =
        handle(&mut state, Request::Settings, now, New_York)
    else {
        panic!("the settings are answered");
    };
    assert_eq!(settings.touch_limit, 2);
    assert_eq!(settings.cadence_presets, vec![30, 60, 90]);
}

#[test]
fn commands_have_the_json_shape_the_browser_layer_sends() {
    let commands = [
        json!({ "type": "completeFollowUp", "followupId": "f3", "outcome": "no_answer" }),
        json!({ "type": "snooze", "followupId": "f3", "by": "three_days" }),
        json!({ "type": "snooze", "followupId": "f3", "by": { "until": "2026-03-20" } }),
        json!({ "type": "endOpportunity", "opportunityId": "o1", "end": "withdrawn" }),
        json!({ "type": "logEvent", "event": { "opportunityId": "o1", "contactId": "c9",
                 "kind": "interviewed", "decision_date": "2026-03-20" } }),
        json!({ "type": "logEvent", "event": { "contactId": "c9", "kind": "promise",
                 "text": "Send the deck by Friday" } }),
        json!({ "type": "setCadence", "contactId": "c9", "everyDays": 60 }),
        json!({ "type": "editTemplate", "rule": "R6" }),
    ];
    for command in commands {
        let parsed: Result<Command, _> = serde_json::from_value(command.clone());
        assert!(parsed.is_ok(), "{command}: {parsed:?}");
    }
}

#[test]
fn promises_kept_before_their_due_time_are_counted_for_the_dashboard() {
    let mut state = State::default();
    for text in ["Send the deck by Friday", "Intro to Sam next week"] {
        log(
            &mut state,
            json!({ "kind": "promise", "text": text }),
            "2026-03-02T10:00:00-05:00",
        )
        .unwrap();
    }
    let deck = state
        .followups
        .values()
        .find(|f| f.text.contains("deck"))
        .unwrap();
    assert_eq!(deck.due, at("2026-03-06T09:00:00-05:00"));
    let deck = deck.id.clone();
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: deck,
                outcome: None,
            },
            at("2026-03-05T16:00:00-05:00"),
            New_York,
        )
        .unwrap();
    let kept = state.promises_kept();
    assert_eq!((kept.made, kept.done, kept.early), (2, 1, 1));
}

#[test]
fn saving_the_same_job_twice_as_an_event_plans_nothing_twice() {
    let mut state = applied();
    let before = state.followups.len();
    log(
        &mut state,
        json!({ "opportunityId": "o1", "kind": "saved" }),
        "2026-03-09T10:00:00-04:00",
    )
    .unwrap();
    assert_eq!(state.followups.len(), before);
}

#[test]
fn a_promise_without_a_date_says_so_in_the_checklist() {
    let mut state = State::default();
    log(
        &mut state,
        json!({ "kind": "promise", "text": "References before the interview" }),
        "2026-03-02T10:00:00-05:00",
    )
    .unwrap();
    let list = checklist(&state, at("2026-03-02T11:00:00-05:00"), New_York);
    let later = list
        .sections
        .iter()
        .find(|s| s.group == Group::Later)
        .unwrap();
    let item = &later.items[0];
    assert_eq!(item.what.english(), "References before the interview");
    assert_eq!(item.when.english(), "Due Mon 9 Mar");
    let note = item.note.as_ref().unwrap().english();
    assert!(note.contains("No date found"), "{note}");
}

#[test]
fn a_touch_the_user_made_is_done_and_an_interview_after_it_supersedes_only_what_is_left() {
    let mut state = applied();
    let r3 = pending(&state, Rule::R3);
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: r3.clone(),
                outcome: Some(Outcome::NoAnswer),
            },
            at("2026-03-13T11:00:00-04:00"),
            New_York,
        )
        .unwrap();
    let r4 = pending(&state, Rule::R4);
    log(
        &mut state,
        json!({"opportunityId": "o1", "kind": "interviewed"}),
        "2026-03-16T15:00:00-04:00",
    )
    .unwrap();
    assert_eq!(state.followups[&r3].status, Status::Done);
    assert_eq!(state.followups[&r4].status, Status::Superseded);
}

#[test]
fn a_decision_date_of_today_is_due_the_next_working_morning_not_at_once() {
    let mut state = applied();
    let logged = "2026-03-12T15:00:00-04:00";
    log(
        &mut state,
        json!({"opportunityId": "o1", "kind": "interviewed", "decision_date": "2026-03-12"}),
        logged,
    )
    .unwrap();
    let r7 = pending(&state, Rule::R7);
    assert_eq!(state.followups[&r7].due, at("2026-03-13T09:00:00-04:00"));
    assert_eq!(state.badge_count(at(logged), New_York), 0);
}

#[test]
fn a_meeting_tomorrow_morning_logged_late_today_is_reminded_at_the_next_working_start() {
    let mut state = applied();
    let dana = contact(&mut state, "Dana Lee", None, "2026-03-09T10:00:00-04:00");
    let logged = "2026-03-09T16:00:00-04:00";
    log(
        &mut state,
        json!({"contactId": dana, "kind": "meeting_scheduled", "when": "2026-03-10T10:00:00-04:00"}),
        logged,
    )
    .unwrap();
    let r12 = pending(&state, Rule::R12);
    assert_eq!(state.followups[&r12].due, at("2026-03-10T09:00:00-04:00"));
}
