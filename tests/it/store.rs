//! The store end to end without a browser: tracking, applying and completing follow-ups write
//! exactly the records that changed, and the state rebuilt from those records is the same.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::checklist::{about_besides, badge_text, checklist, Group};
use follow_through::messages::{handle, InPage, PageView, Reply, Request, Step};
use follow_through::model::Job;
use follow_through::model::{Rule, Stage, Status};
use follow_through::store::{due_key_of, Changes, Command, State, StoreError, SCHEMA_VERSION};
use serde_json::Value;
use std::collections::BTreeMap;

use super::at;

fn job() -> Job {
    serde_json::from_value(serde_json::json!({
        "title": "Senior DevOps Engineer",
        "company": "PaperCut Software",
        "location": "Camberwell VIC 3124",
        "url": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
        "source": "jsonld"
    }))
    .unwrap()
}

/// Storage as the worker keeps it: every change written key by key.
#[derive(Default)]
struct Storage(BTreeMap<String, Value>);

impl Storage {
    fn write(&mut self, changes: &Changes) {
        for (key, value) in &changes.set {
            self.0.insert(key.clone(), value.clone());
        }
        for key in &changes.remove {
            self.0.remove(key);
        }
    }
}

fn run(
    state: &mut State,
    storage: &mut Storage,
    command: Command,
    now: &str,
) -> Result<Option<String>, StoreError> {
    let applied = state.apply(command, at(now), New_York)?;
    storage.write(&applied.changes);
    Ok(applied.opportunity.map(|o| o.id))
}

#[test]
fn tracking_then_applying_plans_the_playbook_and_survives_a_reload() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    assert_eq!(state.opportunities[&id].stage, Stage::Saved);
    let r1: Vec<_> = state.pending_followups().map(|f| (f.rule, f.due)).collect();
    assert_eq!(r1, vec![(Rule::R1, at("2026-03-09T09:00:00-04:00"))]);

    run(
        &mut state,
        &mut storage,
        Command::MarkApplied {
            opportunity_id: id.clone(),
        },
        "2026-03-06T17:00:00-05:00",
    )
    .unwrap();
    let mut followups: Vec<_> = state
        .followups
        .values()
        .map(|f| (f.rule, f.status, f.due))
        .collect();
    followups.sort_by_key(|f| f.2);
    assert_eq!(
        followups,
        vec![
            (Rule::R1, Status::Done, at("2026-03-09T09:00:00-04:00")),
            (Rule::R2, Status::Open, at("2026-03-09T09:00:00-04:00")),
            (Rule::R3, Status::Open, at("2026-03-13T09:00:00-04:00")),
        ]
    );
    assert!(state
        .followups
        .values()
        .all(|f| f.zone == "America/New_York"));

    let loaded = State::load(&storage.0);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert!(loaded.migrated.is_empty());
    assert_eq!(loaded.state, state);
}

#[test]
fn each_record_has_its_own_key_and_the_meta_record_is_versioned() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    let keys: Vec<_> = storage.0.keys().cloned().collect();
    assert_eq!(
        keys,
        crate::with_due_index(&["event/e2", "followup/f3", "meta", "opportunity/o1"])
    );
    assert_eq!(
        storage.0["meta"],
        serde_json::json!({ "schema": SCHEMA_VERSION, "next_id": 4, "due_index": true })
    );
}

#[test]
fn tracking_the_same_posting_twice_keeps_one_opportunity() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let first = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    let applied = state
        .apply(
            Command::Track { job: job() },
            at("2026-03-07T10:00:00-05:00"),
            New_York,
        )
        .unwrap();
    assert_eq!(applied.opportunity.map(|o| o.id), first);
    assert!(applied.changes.is_empty());
    assert_eq!(state.opportunities.len(), 1);
}

#[test]
fn a_posting_typed_in_is_tracked_with_the_key_of_its_address_once() {
    let mut state = State::default();
    let typed = || Command::TrackTyped {
        title: "Dev".into(),
        company: " Acme ".into(),
        url: "https://jobs.lever.co/acme/f222ad5c-b7dd-43c4-9008-ee1a53174afa".into(),
    };
    let now = at("2026-03-06T10:00:00-05:00");
    let first = state
        .apply(typed(), now, New_York)
        .unwrap()
        .opportunity
        .unwrap();
    assert_eq!(
        first.job.job_key.as_deref(),
        Some("lever:acme/f222ad5c-b7dd-43c4-9008-ee1a53174afa")
    );
    assert_eq!(first.job.company.as_deref(), Some("Acme"));
    let again = state.apply(typed(), now, New_York).unwrap();
    assert_eq!(again.opportunity.map(|o| o.id), Some(first.id));
    assert!(again.changes.is_empty());
}

#[test]
fn marking_applied_twice_plans_the_follow_ups_once() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    for _ in 0..2 {
        run(
            &mut state,
            &mut storage,
            Command::MarkApplied {
                opportunity_id: id.clone(),
            },
            "2026-03-06T17:00:00-05:00",
        )
        .unwrap();
    }
    assert_eq!(state.followups.len(), 3);
}

#[test]
fn a_posting_without_a_title_or_with_a_script_link_is_refused() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    let untitled = Job {
        title: "  \n ".into(),
        ..job()
    };
    assert!(matches!(
        state.apply(Command::Track { job: untitled }, now, New_York),
        Err(StoreError::Invalid(_))
    ));
    let scripted = Job {
        url: Some("javascript:alert(1)".into()),
        ..job()
    };
    assert!(matches!(
        state.apply(Command::Track { job: scripted }, now, New_York),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(state, State::default());
}

#[test]
fn completing_a_follow_up_takes_it_off_the_badge() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    run(
        &mut state,
        &mut storage,
        Command::MarkApplied { opportunity_id: id },
        "2026-03-06T17:00:00-05:00",
    )
    .unwrap();
    let later = at("2026-03-16T12:00:00-04:00");
    assert_eq!(state.overdue_count(later), 2);
    assert_eq!(badge_text(state.overdue_count(later)), "2");
    let r3 = state
        .pending_followups()
        .find(|f| f.rule == Rule::R3)
        .unwrap()
        .id
        .clone();
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: r3,
                outcome: None,
            },
            later,
            New_York,
        )
        .unwrap();
    assert_eq!(state.overdue_count(later), 1);
    assert_eq!(
        state.next_due_after(at("2026-03-06T18:00:00-05:00")),
        Some(at("2026-03-09T09:00:00-04:00"))
    );
}

#[test]
fn the_badge_is_empty_at_zero_and_capped() {
    assert_eq!(badge_text(0), "");
    assert_eq!(badge_text(7), "7");
    assert_eq!(badge_text(250), "99+");
}

#[test]
fn the_checklist_groups_overdue_today_and_later_in_the_users_zone() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    run(
        &mut state,
        &mut storage,
        Command::MarkApplied { opportunity_id: id },
        "2026-03-06T17:00:00-05:00",
    )
    .unwrap();
    let list = checklist(&state, at("2026-03-09T12:00:00-04:00"), New_York);
    let shape: Vec<_> = list
        .sections
        .iter()
        .map(|s| (s.group, s.items.len()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (Group::Overdue, 1),
            (Group::Today, 0),
            (Group::ThisWeek, 1),
            (Group::Later, 0)
        ]
    );
    let overdue = &list.sections[0].items[0];
    assert_eq!(
        overdue.what.english(),
        "Find the hiring manager's or recruiter's name at PaperCut Software"
    );
    assert_eq!(
        overdue.about,
        ["Senior DevOps Engineer", "PaperCut Software"]
    );
    assert_eq!(
        about_besides(&overdue.about, &overdue.what.english()),
        "Senior DevOps Engineer",
        "the company is in what to do, so not said again"
    );
    assert_eq!(overdue.why.english(), "Applied Fri 6 Mar");
    assert_eq!(overdue.when.english(), "3 hours late");
    assert_eq!(list.sections[2].items[0].when.english(), "Due Fri 13 Mar");
    let morning = checklist(&state, at("2026-03-13T07:00:00-04:00"), New_York);
    assert_eq!(morning.sections[1].items[0].when.english(), "Today 09:00");
}

#[test]
fn a_stored_record_that_cannot_be_read_is_reported_and_the_rest_loads() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    storage
        .0
        .insert("followup/f9".into(), serde_json::json!({ "rule": "R99" }));
    let loaded = State::load(&storage.0);
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0].contains("followup/f9"),
        "{:?}",
        loaded.errors
    );
    assert_eq!(loaded.state.opportunities.len(), 1);
}

#[test]
fn messages_are_decided_by_the_core() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    let message: Request = serde_json::from_value(serde_json::json!({
        "type": "command", "command": { "type": "track", "job": job() }
    }))
    .unwrap();
    let Step::Reply(
        Reply::Updated {
            opportunity,
            checklist,
            ..
        },
        changes,
    ) = handle(&mut state, message, now, New_York)
    else {
        panic!("tracking answers with the update");
    };
    assert_eq!(opportunity.unwrap().job.title, "Senior DevOps Engineer");
    assert_eq!(checklist.sections[3].items.len(), 1);
    assert!(!changes.is_empty());
    let read: Request = serde_json::from_str(r#"{"type":"captureTab","tabId":7}"#).unwrap();
    assert_eq!(
        handle(&mut state, read, now, New_York),
        Step::ReadTab { tab_id: 7 }
    );
    let missing = Request::Command {
        command: Command::MarkApplied {
            opportunity_id: "o404".into(),
        },
    };
    let Step::Reply(Reply::Error { message }, _) = handle(&mut state, missing, now, New_York)
    else {
        panic!("an unknown opportunity is an error");
    };
    assert_eq!(
        message.english(),
        "This no longer exists: it was changed in another window."
    );
}

#[test]
fn the_page_view_knows_a_posting_is_already_tracked() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    let extraction = follow_through::capture::Extraction {
        jobs: vec![job()],
        ..Default::default()
    };
    let view = PageView::new(
        &state,
        "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
        "Indeed",
        Some(extraction),
    );
    assert_eq!(view.opportunity.map(|o| o.id), Some("o1".to_string()));
    let unread = PageView::new(&state, "chrome://extensions", "Extensions", None);
    assert!(!unread.readable && unread.job.is_none());
}

/// What the content script reads on a page with the posting `job()` in JSON-LD.
fn snapshot_of_job() -> Request {
    let posting = serde_json::json!({
        "@context": "https://schema.org", "@type": "JobPosting",
        "title": "Senior DevOps Engineer",
        "hiringOrganization": { "@type": "Organization", "name": "PaperCut Software" }
    });
    serde_json::from_value(serde_json::json!({
        "type": "snapshot",
        "snapshot": {
            "url": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
            "title": "Senior DevOps Engineer - Indeed",
            "jsonld": [posting.to_string()]
        }
    }))
    .unwrap()
}

fn in_page_button(state: &mut State, now: DateTime<Utc>) -> Option<InPage> {
    match handle(state, snapshot_of_job(), now, New_York) {
        Step::Reply(Reply::Page { page }, _) => page.in_page,
        other => panic!("a snapshot is answered with the page: {other:?}"),
    }
}

#[test]
fn the_in_page_button_offers_tracking_then_says_tracked_and_can_be_turned_off() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let now = at("2026-03-06T10:00:00-05:00");
    assert_eq!(in_page_button(&mut state, now), Some(InPage::Track));
    run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    assert_eq!(in_page_button(&mut state, now), Some(InPage::Tracked));
    let mut settings = state.settings.clone();
    settings.in_page_button = false;
    run(
        &mut state,
        &mut storage,
        Command::EditSettings { settings },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    assert_eq!(in_page_button(&mut state, now), None);
}

#[test]
fn with_capture_as_you_view_off_job_sites_get_no_read_plan() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let now = at("2026-03-06T10:00:00-05:00");
    let plan_for = |state: &mut State| {
        let ask = Request::PlanFor {
            url: "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2".into(),
        };
        match handle(state, ask, now, New_York) {
            Step::Reply(Reply::Plan { plan }, _) => plan.is_some(),
            other => panic!("a plan request is answered with a plan: {other:?}"),
        }
    };
    assert!(plan_for(&mut state));
    let mut settings = state.settings.clone();
    settings.auto_capture = false;
    run(
        &mut state,
        &mut storage,
        Command::EditSettings { settings },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    assert!(!plan_for(&mut state));
}

#[test]
fn dates_from_another_year_say_the_year() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2025-12-30T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    run(
        &mut state,
        &mut storage,
        Command::MarkApplied { opportunity_id: id },
        "2025-12-30T11:00:00-05:00",
    )
    .unwrap();
    let list = checklist(&state, at("2026-01-02T12:00:00-05:00"), New_York);
    let later = &list.sections[3].items[0];
    assert_eq!(later.why.english(), "Applied Tue 30 Dec 2025");
    assert_eq!(later.when.english(), "Due Tue 6 Jan");
}

#[test]
fn each_follow_up_is_announced_once_when_it_falls_due_however_long_the_browser_slept() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    let (first, changes) = state.take_newly_due(at("2026-03-06T11:00:00-05:00"));
    assert!(first.is_empty(), "the first call only starts the clock");
    storage.write(&changes);
    run(
        &mut state,
        &mut storage,
        Command::MarkApplied { opportunity_id: id },
        "2026-03-06T17:00:00-05:00",
    )
    .unwrap();
    let (asleep, _) = state.take_newly_due(at("2026-03-20T08:00:00-04:00"));
    let rules: Vec<_> = asleep.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec![Rule::R2, Rule::R3]);
    let (again, changes) = state.take_newly_due(at("2026-03-20T08:30:00-04:00"));
    assert!(again.is_empty());
    storage.write(&changes);
    let reloaded = State::load(&storage.0).state;
    assert_eq!(
        reloaded.meta.notified_until,
        Some(at("2026-03-20T08:30:00-04:00"))
    );
}

#[test]
fn the_same_posting_seen_under_two_addresses_is_tracked_once() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    let seen = |url: &str| Job {
        url: Some(url.into()),
        job_key: Some("linkedin:4411867124".into()),
        ..job()
    };
    let first = state
        .apply(
            Command::Track {
                job: seen("https://au.linkedin.com/jobs/view/senior-engineer-4411867124"),
            },
            now,
            New_York,
        )
        .unwrap();
    let again = state
        .apply(
            Command::Track {
                job: seen("https://www.linkedin.com/jobs/view/4411867124/"),
            },
            now,
            New_York,
        )
        .unwrap();
    assert_eq!(
        first.opportunity.map(|o| o.id),
        again.opportunity.map(|o| o.id)
    );
    assert!(again.changes.is_empty());
    assert_eq!(state.opportunities.len(), 1);
}

#[test]
fn a_posting_is_found_by_its_address_before_and_after_that_address_is_corrected() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    let at_address = |url: &str| Job {
        url: Some(url.into()),
        job_key: None,
        ..job()
    };
    state
        .apply(
            Command::Track {
                job: at_address("https://boards.greenhouse.io/acme/jobs/1?utm_source=feed#apply"),
            },
            now,
            New_York,
        )
        .unwrap();
    let first = at_address("https://boards.greenhouse.io/acme/jobs/1");
    assert!(state.find_posting(&first).is_some());
    let id = state.opportunities.keys().next().unwrap().clone();
    state.opportunities.get_mut(&id).unwrap().job.url =
        Some("https://boards.greenhouse.io/acme/jobs/2?gh_src=x".into());
    assert!(state.find_posting(&first).is_none());
    let second = at_address("https://boards.greenhouse.io/acme/jobs/2?gh_src=x");
    assert_eq!(state.find_posting(&second).map(|o| &o.id), Some(&id));
}

#[test]
fn a_job_draft_without_a_known_person_greets_the_hiring_manager() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    run(
        &mut state,
        &mut storage,
        Command::MarkApplied { opportunity_id: id },
        "2026-03-06T17:00:00-05:00",
    )
    .unwrap();
    let r3 = state
        .pending_followups()
        .find(|f| f.rule == Rule::R3)
        .unwrap()
        .id
        .clone();
    let draft = follow_through::drafts::draft(&state, &r3, New_York)
        .unwrap()
        .write(follow_through::i18n::Catalog::english());
    assert!(
        draft.body.starts_with("Dear Hiring Manager,"),
        "{}",
        draft.body
    );
    assert!(
        draft
            .body
            .contains("Senior DevOps Engineer position at PaperCut Software"),
        "{}",
        draft.body
    );
}

fn seen_job(n: u32) -> Job {
    Job {
        url: Some(format!("https://boards.greenhouse.io/acme/jobs/{n}")),
        job_key: Some(format!("greenhouse:acme/{n}")),
        title: format!("Role {n}"),
        ..job()
    }
}

#[test]
fn postings_viewed_are_remembered_newest_first_until_tracked() {
    let mut state = State::default();
    let changes = state.see(&seen_job(1), at("2026-03-06T10:00:00-05:00"));
    assert_eq!(
        changes.set.keys().collect::<Vec<_>>(),
        vec!["seen/greenhouse:acme/1"]
    );
    state.see(&seen_job(2), at("2026-03-06T11:00:00-05:00"));
    state.see(&seen_job(1), at("2026-03-06T12:00:00-05:00"));
    let titles: Vec<_> = state
        .recently_seen(5)
        .iter()
        .map(|s| s.job.title.clone())
        .collect();
    assert_eq!(titles, vec!["Role 1", "Role 2"]);
    state
        .apply(
            Command::TrackSeen {
                key: "greenhouse:acme/2".into(),
            },
            at("2026-03-07T09:00:00-05:00"),
            New_York,
        )
        .unwrap();
    assert_eq!(
        state.opportunities.values().next().unwrap().job.title,
        "Role 2"
    );
    let titles: Vec<_> = state
        .recently_seen(5)
        .iter()
        .map(|s| s.job.title.clone())
        .collect();
    assert_eq!(titles, vec!["Role 1"]);
}

#[test]
fn the_recently_viewed_list_forgets_past_its_cap_and_age() {
    let mut state = State::default();
    state.settings.seen.cap = 2;
    state.settings.seen.days = 30;
    state.see(&seen_job(1), at("2026-01-01T10:00:00-05:00"));
    state.see(&seen_job(2), at("2026-03-01T10:00:00-05:00"));
    state.see(&seen_job(3), at("2026-03-02T10:00:00-05:00"));
    let changes = state.see(&seen_job(4), at("2026-03-03T10:00:00-05:00"));
    let mut kept: Vec<_> = state.seen.keys().cloned().collect();
    kept.sort();
    assert_eq!(kept, vec!["greenhouse:acme/3", "greenhouse:acme/4"]);
    assert_eq!(changes.remove, vec!["seen/greenhouse:acme/2"]);
    state.settings.seen.on = false;
    assert!(state
        .see(&seen_job(5), at("2026-03-04T10:00:00-05:00"))
        .is_empty());
}

#[test]
fn a_posting_that_may_be_one_already_tracked_is_asked_about_and_linked_once_confirmed() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    state
        .apply(Command::Track { job: job() }, now, New_York)
        .unwrap();
    let on_the_ats = Job {
        url: Some("https://jobs.lever.co/papercut/5f2c".into()),
        job_key: Some("lever:papercut/5f2c".into()),
        ..job()
    };
    let extraction = follow_through::capture::Extraction {
        jobs: vec![on_the_ats.clone()],
        ..Default::default()
    };
    let view = PageView::new(
        &state,
        "https://jobs.lever.co/papercut/5f2c",
        "Lever",
        Some(extraction.clone()),
    );
    assert!(view.opportunity.is_none());
    let same = view
        .maybe_same
        .expect("the same title and company are offered as the same posting");
    let linked = state
        .apply(
            Command::SamePosting {
                opportunity_id: same.id.clone(),
                job: on_the_ats.clone(),
            },
            now,
            New_York,
        )
        .unwrap();
    assert_eq!(
        linked.changes.set.keys().collect::<Vec<_>>(),
        vec!["alias/lever:papercut/5f2c"]
    );
    let view = PageView::new(
        &state,
        "https://jobs.lever.co/papercut/5f2c",
        "Lever",
        Some(extraction),
    );
    assert_eq!(view.opportunity.map(|o| o.id), Some(same.id.clone()));
    assert!(view.maybe_same.is_none());
    let again = state
        .apply(Command::Track { job: on_the_ats }, now, New_York)
        .unwrap();
    assert_eq!(again.opportunity.map(|o| o.id), Some(same.id));
    assert_eq!(state.opportunities.len(), 1);
}

#[test]
fn a_postings_description_is_stored_apart_and_left_alone_by_later_writes() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let mut described = job();
    described.description = Some("Keep the build farm running.".into());
    let id = run(
        &mut state,
        &mut storage,
        Command::Track { job: described },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        storage.0[&format!("description/{id}")],
        "Keep the build farm running."
    );
    assert!(storage.0[&format!("opportunity/{id}")]["job"]
        .get("description")
        .is_none());

    let mut woken = State::load(
        &storage
            .0
            .iter()
            .filter(|(k, _)| follow_through::store::loads_on_wake(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
    .state;
    assert_eq!(woken.opportunities[&id].job.description, None);
    let applied = woken
        .apply(
            Command::MarkApplied {
                opportunity_id: id.clone(),
            },
            at("2026-03-06T17:00:00-05:00"),
            New_York,
        )
        .unwrap();
    assert!(applied
        .changes
        .set
        .contains_key(&format!("opportunity/{id}")));
    storage.write(&applied.changes);
    let whole = State::load(&storage.0).state;
    assert_eq!(
        whole.opportunities[&id].job.description.as_deref(),
        Some("Keep the build farm running.")
    );
    assert_eq!(whole.opportunities[&id].stage, Stage::Applied);
}

/// A store in which one posting was tracked (its follow-up is `f3`).
fn tracked_once() -> (State, Storage) {
    let (mut state, mut storage) = (State::default(), Storage::default());
    run(
        &mut state,
        &mut storage,
        Command::Track { job: job() },
        "2026-03-06T10:00:00-05:00",
    )
    .unwrap();
    (state, storage)
}

#[test]
fn a_waking_worker_can_set_the_badge_from_the_due_index_alone() {
    let (state, mut storage) = tracked_once();
    let later = at("2026-03-16T10:00:00-04:00");
    let small: BTreeMap<String, Value> = follow_through::store::BADGE_KEYS
        .iter()
        .filter_map(|k| Some((k.to_string(), storage.0.get(*k)?.clone())))
        .collect();
    assert_eq!(
        follow_through::store::badge_on_wake(&small, later, New_York),
        Some(state.badge_count(later, New_York))
    );
    assert_eq!(state.badge_count(later, New_York), 1);

    let index = due_key_of("f3");
    storage.0.remove(&index);
    let keys: Vec<String> = storage.0.keys().cloned().collect();
    assert_eq!(
        follow_through::store::read_on_wake(&storage.0, &keys),
        keys,
        "an index that does not name every follow-up stored is not trusted"
    );
    let loaded = State::load(&storage.0);
    assert_eq!(
        loaded.migrated.set.keys().collect::<Vec<_>>(),
        vec![&index],
        "a missing or stale index is rewritten on load"
    );
}

#[test]
fn a_change_to_a_follow_up_rewrites_only_the_due_index_record_that_names_it() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    for n in 0..40 {
        let job = Job {
            url: Some(format!("https://jobs.lever.co/acme/{n}")),
            ..job()
        };
        run(
            &mut state,
            &mut storage,
            Command::Track { job },
            "2026-03-06T10:00:00-05:00",
        )
        .unwrap();
    }
    let indexes = storage.0.keys().filter(|k| k.starts_with("due/")).count();
    assert!(
        indexes > 8,
        "forty follow-ups are spread over {indexes} records"
    );
    let followup_id = state.pending_followups().next().unwrap().id.clone();
    let done = state
        .apply(
            Command::CompleteFollowUp {
                followup_id: followup_id.clone(),
                outcome: None,
            },
            at("2026-03-07T10:00:00-05:00"),
            New_York,
        )
        .unwrap();
    let written: Vec<&String> = done
        .changes
        .set
        .keys()
        .filter(|k| k.starts_with("due"))
        .collect();
    assert_eq!(written, vec![&due_key_of(&followup_id)]);
}

#[test]
fn the_due_index_of_older_versions_is_not_trusted_and_is_split_on_load() {
    let (_, mut storage) = tracked_once();
    let index = due_key_of("f3");
    let old = storage.0.remove(&index).unwrap();
    storage.0.insert("due".into(), old);
    storage
        .0
        .get_mut("meta")
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove("due_index");
    let later = at("2026-03-16T10:00:00-04:00");
    assert_eq!(
        follow_through::store::badge_on_wake(&storage.0, later, New_York),
        None
    );
    let keys: Vec<String> = storage.0.keys().cloned().collect();
    assert_eq!(follow_through::store::read_on_wake(&storage.0, &keys), keys);
    let loaded = State::load(&storage.0);
    assert_eq!(
        loaded.migrated.set.keys().collect::<Vec<_>>(),
        vec![&index, "meta"]
    );
    assert_eq!(loaded.migrated.set["meta"]["due_index"], true);
    assert_eq!(loaded.migrated.remove, ["due"]);
}

#[test]
fn only_a_backup_or_a_restore_needs_the_postings_texts_read() {
    let ask = |json: serde_json::Value| serde_json::from_value::<Request>(json).unwrap();
    assert!(ask(serde_json::json!({"type": "download", "kind": "backup"})).needs_everything());
    assert!(
        ask(serde_json::json!({"type": "planImport", "text": "{}", "mode": "merge"}))
            .needs_everything()
    );
    assert!(!ask(serde_json::json!({"type": "download", "kind": "calendar"})).needs_everything());
    assert!(!ask(serde_json::json!({"type": "checklist"})).needs_everything());
}

#[test]
fn linkedin_is_read_as_you_view_only_on_postings_profiles_and_people_lists() {
    let mut state = State::default();
    let now = at("2026-03-06T10:00:00-05:00");
    let mut plan_for = |url: &str| match handle(
        &mut state,
        Request::PlanFor { url: url.into() },
        now,
        New_York,
    ) {
        Step::Reply(Reply::Plan { plan }, _) => plan.is_some(),
        other => panic!("a plan request is answered with a plan: {other:?}"),
    };
    for read in [
        "https://www.linkedin.com/jobs/view/4411867124/",
        "https://www.linkedin.com/in/robertkcheung/",
        "https://www.linkedin.com/search/results/people/?keywords=data",
        "https://www.linkedin.com/mynetwork/invite-connect/connections/",
        "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
    ] {
        assert!(plan_for(read), "{read} is read");
    }
    for unread in [
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/messaging/thread/1/",
    ] {
        assert!(!plan_for(unread), "{unread} is not read");
    }
}

#[test]
fn the_name_the_welcome_page_asks_signs_the_drafts_and_keeps_the_other_settings() {
    let (mut state, mut storage) = (State::default(), Storage::default());
    let now = "2026-03-06T10:00:00-05:00";
    let mut settings = state.settings.clone();
    settings.touch_limit = 3;
    run(
        &mut state,
        &mut storage,
        Command::EditSettings { settings },
        now,
    )
    .unwrap();
    let blank = Command::SetYourName { name: "  ".into() };
    assert!(matches!(
        state.apply(blank, at(now), New_York),
        Err(StoreError::Invalid(_))
    ));
    let name = Command::SetYourName {
        name: " Ana Diaz ".into(),
    };
    run(&mut state, &mut storage, name, now).unwrap();
    assert_eq!(state.settings.your_name, "Ana Diaz");
    assert_eq!(state.settings.touch_limit, 3);
    assert_eq!(storage.0["settings"]["your_name"], "Ana Diaz");
    run(&mut state, &mut storage, Command::Track { job: job() }, now).unwrap();
    let apply = state.pending_followups().next().unwrap().id.clone();
    let draft = follow_through::drafts::draft(&state, &apply, New_York).unwrap();
    let written = draft.write(follow_through::i18n::Catalog::english());
    assert!(written.body.ends_with("Ana Diaz"), "{}", written.body);
}
