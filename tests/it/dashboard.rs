//! The dashboard's core on small hand-made stores: each metric as its doc comment defines it,
//! the chart geometry, the board's moves, the timeline, the paged lists and the data section.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::America::New_York;
use follow_through::dashboard::lists::{contacts, followups, ContactQuery, FollowUpQuery, Show};
use follow_through::dashboard::metrics::{
    applications_per_week, follow_up_rate, promises, responses, week_bars, Promises, Rate,
    CHART_HEIGHT, METER_WIDTH, WEEKS,
};
use follow_through::dashboard::{board, dashboard, move_command, moves, timeline, Lane, Query};
use follow_through::formats::backup::{export, Mode};
use follow_through::formats::download::FileKind;
use follow_through::i18n::Catalog;
use follow_through::messages::{handle, Reply, Request, Step};
use follow_through::model::Job;
use follow_through::model::{Outcome, Rule, Stage, Status, What};
use follow_through::playbook::rules::RULES;
use follow_through::store::{Command, ContactInput, End, NewEvent, State};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Thursday 19 November 2026, mid-morning in New York.
fn now() -> DateTime<Utc> {
    at("2026-11-19T10:00:00-05:00")
}

fn days_ago(days: i64) -> DateTime<Utc> {
    now() - Duration::days(days)
}

fn job(title: &str, company: &str) -> Job {
    let url = format!(
        "https://boards.greenhouse.io/{}/jobs/{}",
        company.to_lowercase(),
        title.len()
    );
    serde_json::from_value(json!({
        "title": title, "company": company, "url": url, "source": "jsonld"
    }))
    .unwrap()
}

fn apply(state: &mut State, command: Command, when: DateTime<Utc>) -> Option<String> {
    state
        .apply(command, when, New_York)
        .unwrap()
        .opportunity
        .map(|o| o.id)
}

/// Tracks a job at `when` and returns its id.
fn track(state: &mut State, title: &str, company: &str, when: DateTime<Utc>) -> String {
    apply(
        state,
        Command::Track {
            job: job(title, company),
        },
        when,
    )
    .unwrap()
}

/// Tracks a job and applies to it at `when`.
fn applied(state: &mut State, title: &str, company: &str, when: DateTime<Utc>) -> String {
    let id = track(state, title, company, when - Duration::hours(1));
    apply(
        state,
        Command::MarkApplied {
            opportunity_id: id.clone(),
        },
        when,
    );
    id
}

fn log(state: &mut State, id: &str, what: What, when: DateTime<Utc>) {
    apply(
        state,
        Command::LogEvent {
            event: NewEvent {
                opportunity_id: Some(id.to_string()),
                contact_id: None,
                at: None,
                with: None,
                what,
            },
        },
        when,
    );
}

/// The pending application follow-up (R3/R4) of a job.
fn thread_followup(state: &State, id: &str) -> String {
    state
        .pending_followups()
        .find(|f| f.opportunity.as_deref() == Some(id) && matches!(f.rule, Rule::R3 | Rule::R4))
        .unwrap()
        .id
        .clone()
}

fn touch(state: &mut State, id: &str, outcome: Outcome, when: DateTime<Utc>) {
    let followup_id = thread_followup(state, id);
    apply(
        state,
        Command::CompleteFollowUp {
            followup_id,
            outcome: Some(outcome),
        },
        when,
    );
}

#[test]
fn applications_per_week_counts_first_applications_in_the_last_twelve_weeks_by_monday() {
    let mut state = State::default();
    applied(&mut state, "A", "Acme", at("2026-11-16T09:00:00-05:00"));
    applied(&mut state, "BB", "Acme", at("2026-11-19T09:00:00-05:00"));
    applied(&mut state, "CCC", "Acme", at("2026-11-15T23:30:00-05:00"));
    applied(&mut state, "DDDD", "Acme", at("2026-08-01T09:00:00-04:00"));
    let weeks = applications_per_week(&state, now(), New_York);
    assert_eq!(weeks.len(), WEEKS);
    let last = weeks.last().unwrap();
    assert_eq!(last.start.to_string(), "2026-11-16");
    let labels = week_bars(&weeks).bars;
    assert_eq!(labels.last().unwrap().label.english(), "16 Nov");
    assert_eq!(last.count, 2, "Monday and Thursday of this week");
    assert_eq!(
        weeks[WEEKS - 2].count,
        1,
        "Sunday night belongs to last week"
    );
    assert_eq!(weeks[0].start.to_string(), "2026-08-31");
    assert_eq!(
        weeks.iter().map(|w| w.count).sum::<usize>(),
        3,
        "August is out of range"
    );
}

#[test]
fn week_bars_scale_to_the_busiest_week_on_one_baseline() {
    let mut state = State::default();
    applied(&mut state, "A", "Acme", days_ago(0));
    applied(&mut state, "BB", "Acme", days_ago(0));
    applied(&mut state, "CCC", "Acme", days_ago(7));
    let chart = week_bars(&applications_per_week(&state, now(), New_York));
    assert_eq!(chart.max, 2);
    assert_eq!(chart.bars.len(), WEEKS);
    let (busiest, half, empty) = (&chart.bars[11], &chart.bars[10], &chart.bars[0]);
    assert_eq!(busiest.y + busiest.height, chart.baseline);
    assert!((half.height * 2.0 - busiest.height).abs() < 1e-9);
    assert_eq!(empty.height, 0.0);
    assert_eq!(empty.y, chart.baseline);
    assert!(
        busiest.y > 0.0 && chart.baseline < CHART_HEIGHT,
        "room for counts and labels"
    );
    let slot = chart.width / WEEKS as f64;
    assert!((chart.bars[1].x - chart.bars[0].x - slot).abs() < 1e-9);
    assert!(chart
        .bars
        .iter()
        .all(|b| b.x >= 0.0 && b.x + b.width <= chart.width));
}

#[test]
fn an_empty_weekly_chart_is_flat_not_undefined() {
    let chart = week_bars(&applications_per_week(&State::default(), now(), New_York));
    assert_eq!(chart.max, 1);
    assert!(chart
        .bars
        .iter()
        .all(|b| b.height == 0.0 && b.y.is_finite()));
}

#[test]
fn the_follow_up_rate_counts_applications_followed_up_within_seven_days_once_their_window_closed() {
    let mut state = State::default();
    // Followed up on day 7: counts, followed up.
    let on_time = applied(&mut state, "On time", "Acme", days_ago(20));
    touch(&mut state, &on_time, Outcome::NoAnswer, days_ago(13));
    // Followed up on day 9: counts, not in time.
    let late = applied(&mut state, "Late", "Bolt", days_ago(20));
    touch(&mut state, &late, Outcome::NoAnswer, days_ago(11));
    // Never followed up, window closed: counts, not followed up.
    applied(&mut state, "Never", "Core", days_ago(10));
    // Applied 2 days ago, nothing yet: not judged yet.
    applied(&mut state, "Fresh", "Dune", days_ago(2));
    // Applied 2 days ago and followed up already: counts, followed up.
    let eager = applied(&mut state, "Eager", "Echo", days_ago(2));
    touch(&mut state, &eager, Outcome::NoAnswer, days_ago(1));
    let rate = follow_up_rate(&state, now(), New_York);
    assert_eq!(rate, Rate { part: 2, whole: 4 });
    assert_eq!(rate.percent(), Some(50));
    assert_eq!(rate.filled(), METER_WIDTH / 2.0);
}

#[test]
fn a_follow_up_marked_done_without_an_outcome_counts_as_following_up() {
    let mut state = State::default();
    let id = applied(&mut state, "Done", "Acme", days_ago(20));
    let followup_id = thread_followup(&state, &id);
    apply(
        &mut state,
        Command::CompleteFollowUp {
            followup_id,
            outcome: None,
        },
        days_ago(14),
    );
    assert_eq!(
        follow_up_rate(&state, now(), New_York),
        Rate { part: 1, whole: 1 }
    );
}

#[test]
fn a_rate_of_nothing_has_no_percent_and_an_empty_meter() {
    let rate = follow_up_rate(&State::default(), now(), New_York);
    assert_eq!(rate, Rate::default());
    assert_eq!(rate.percent(), None);
    assert_eq!(rate.filled(), 0.0);
}

#[test]
fn response_rates_split_judged_applications_by_follow_up() {
    let mut state = State::default();
    // Followed up, and they answered the touch.
    let answered = applied(&mut state, "Answered", "Acme", days_ago(20));
    touch(&mut state, &answered, Outcome::Answered, days_ago(14));
    // Followed up, silence.
    let silent = applied(&mut state, "Silent", "Bolt", days_ago(20));
    touch(&mut state, &silent, Outcome::NoAnswer, days_ago(14));
    // Not followed up, but invited to interview.
    let lucky = applied(&mut state, "Lucky", "Core", days_ago(20));
    log(
        &mut state,
        &lucky,
        What::Interviewed {
            decision_date: None,
        },
        days_ago(3),
    );
    // Not followed up, rejected.
    let rejected = applied(&mut state, "Rejected", "Dune", days_ago(20));
    apply(
        &mut state,
        Command::EndOpportunity {
            opportunity_id: rejected,
            end: End::Rejected,
            contact_id: None,
        },
        days_ago(2),
    );
    // Not followed up, silence.
    applied(&mut state, "Nothing", "Echo", days_ago(20));
    let r = responses(&state, now(), New_York);
    assert_eq!(r.with_follow_up, Rate { part: 1, whole: 2 });
    assert_eq!(r.without_follow_up, Rate { part: 2, whole: 3 });
}

#[test]
fn promises_are_split_into_kept_on_time_kept_late_and_not_kept() {
    let mut state = State::default();
    for (i, text) in [
        "send the deck tomorrow",
        "send samples tomorrow",
        "call back tomorrow",
    ]
    .into_iter()
    .enumerate()
    {
        apply(
            &mut state,
            Command::LogEvent {
                event: NewEvent {
                    opportunity_id: None,
                    contact_id: None,
                    at: None,
                    with: None,
                    what: What::Promise { text: text.into() },
                },
            },
            days_ago(10 + i as i64),
        );
    }
    let mut r15: Vec<_> = state
        .followups
        .values()
        .filter(|f| f.rule == Rule::R15)
        .map(|f| (f.id.clone(), f.due))
        .collect();
    r15.sort_by_key(|(_, due)| *due);
    let (early, late) = (&r15[0], &r15[1]);
    for (id, when) in [
        (early.0.clone(), early.1 - Duration::hours(2)),
        (late.0.clone(), late.1 + Duration::days(2)),
    ] {
        apply(
            &mut state,
            Command::CompleteFollowUp {
                followup_id: id,
                outcome: None,
            },
            when,
        );
    }
    let p = promises(&state);
    assert_eq!(
        p,
        Promises {
            made: 3,
            on_time: 1,
            late: 1,
            open: 1
        }
    );
    assert_eq!(p.rate().percent(), Some(33));
    let [a, b, c] = p.segments();
    assert_eq!(a.0, 0.0);
    assert!((a.1 - METER_WIDTH / 3.0).abs() < 1e-9);
    assert!((b.0 - a.1).abs() < 1e-9 && (c.0 - a.1 - b.1).abs() < 1e-9);
    assert!((c.0 + c.1 - METER_WIDTH).abs() < 1e-9);
    assert_eq!(
        Promises::default().segments(),
        [(0.0, 0.0), (0.0, 0.0), (0.0, 0.0)]
    );
}

#[test]
fn the_board_puts_each_opportunity_in_its_lane_newest_first_with_its_next_follow_up() {
    let mut state = State::default();
    let saved = track(&mut state, "Saved", "Acme", days_ago(3));
    let older = applied(&mut state, "Older", "Bolt", days_ago(12));
    let newer = applied(&mut state, "Newer", "Core", days_ago(2));
    let done = applied(&mut state, "Done", "Dune", days_ago(30));
    apply(
        &mut state,
        move_command(&done, Stage::Withdrawn).unwrap(),
        days_ago(1),
    );
    let columns = board(&state, 50, true, now(), New_York);
    let lanes: Vec<_> = columns.iter().map(|c| c.lane).collect();
    assert_eq!(lanes, Lane::ALL.to_vec());
    let ids = |lane: Lane| -> Vec<String> {
        columns
            .iter()
            .find(|c| c.lane == lane)
            .unwrap()
            .cards
            .iter()
            .map(|c| c.id.clone())
            .collect()
    };
    assert_eq!(ids(Lane::Saved), vec![saved.clone()]);
    assert_eq!(ids(Lane::Applied), vec![newer, older.clone()]);
    assert_eq!(ids(Lane::Closed), vec![done]);
    let card = &columns[1].cards[1];
    assert_eq!(card.age_days, 12);
    let next = card.next.as_ref().unwrap();
    assert!(next.overdue, "R3 was due five days ago: {next:?}");
    assert!(next.when.english().ends_with("days late"));
    assert!(columns[4].cards[0].next.is_none(), "withdrawing cancels");
    let limited = board(&state, 1, true, now(), New_York);
    assert_eq!((limited[1].total, limited[1].cards.len()), (2, 1));
}

#[test]
fn the_stage_menu_offers_applying_only_from_saved_and_nothing_once_closed() {
    assert_eq!(
        moves(Stage::Saved),
        vec![
            Stage::Applied,
            Stage::Interviewing,
            Stage::Offer,
            Stage::Accepted,
            Stage::Rejected,
            Stage::Withdrawn
        ]
    );
    assert!(!moves(Stage::Applied).contains(&Stage::Applied));
    assert!(!moves(Stage::Interviewing).contains(&Stage::Interviewing));
    assert!(moves(Stage::Rejected).is_empty());
    assert_eq!(move_command("o1", Stage::Saved), None);
}

#[test]
fn moving_a_card_logs_the_event_so_the_playbook_reacts_as_from_the_popup() {
    let mut state = State::default();
    let id = track(&mut state, "Staff Engineer", "Acme", days_ago(3));
    for (to, rule) in [
        (Stage::Applied, Rule::R3),
        (Stage::Interviewing, Rule::R7),
        (Stage::Offer, Rule::R7),
    ] {
        apply(&mut state, move_command(&id, to).unwrap(), days_ago(1));
        assert_eq!(state.opportunities[&id].stage, to);
        assert!(state.followups.values().any(|f| f.rule == rule));
    }
    apply(
        &mut state,
        move_command(&id, Stage::Rejected).unwrap(),
        now(),
    );
    assert_eq!(state.opportunities[&id].stage, Stage::Rejected);
    assert!(state.followups.values().any(|f| f.rule == Rule::R8));
}

#[test]
fn a_timeline_lists_events_and_follow_ups_by_time_with_status_and_people() {
    let mut state = State::default();
    let id = applied(&mut state, "Staff Engineer", "Acme", days_ago(10));
    touch(&mut state, &id, Outcome::NoAnswer, days_ago(3));
    apply(
        &mut state,
        Command::SaveContact {
            contact: ContactInput {
                id: None,
                name: "Dana Reyes".into(),
                email: None,
                profile_url: None,
                links: vec![follow_through::model::Link {
                    opportunity: id.clone(),
                    role: follow_through::model::Role::Recruiter,
                }],
            },
        },
        days_ago(2),
    );
    let t = timeline(&state, &id, now(), New_York).unwrap();
    assert_eq!(t.title, "Staff Engineer");
    assert!(t.entries.windows(2).all(|w| w[0].at <= w[1].at));
    let texts: Vec<String> = t.entries.iter().map(|e| e.text.english()).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_eq!(texts[0], "Saved");
    assert!(texts.contains(&"Applied"));
    assert!(texts.contains(&"Touched base"));
    let r3 = t
        .entries
        .iter()
        .find(|e| {
            e.text
                .english()
                .starts_with("Follow up on your application")
        })
        .unwrap();
    assert_eq!(
        (r3.status, r3.outcome),
        (Some(Status::Done), Some(Outcome::NoAnswer))
    );
    let r4 = t.entries.last().unwrap();
    assert_eq!(
        r4.status,
        Some(Status::Open),
        "the second touch is planned: {r4:?}"
    );
    assert_eq!(t.contacts.len(), 1);
    assert_eq!(
        t.contacts[0].roles[0].english(),
        "Recruiter · Staff Engineer at Acme"
    );
    assert!(timeline(&state, "o999", now(), New_York).is_none());
}

fn people(state: &mut State) {
    for (name, company, headline) in [
        ("Ana Lima", "Acme", "Engineering Manager"),
        ("Bo Chen", "Bolt", "Technical Recruiter"),
        ("Cy Diaz", "Acme Labs", "Recruiter, Talent"),
    ] {
        let id = format!("c{}", name.len() + company.len());
        let mut c = follow_through::model::Contact::new(id.clone(), name.into());
        c.company = Some(company.into());
        c.headline = Some(headline.into());
        state.contacts.insert(id, c);
    }
}

#[test]
fn contacts_are_searched_by_every_word_in_name_company_or_headline_and_paged_by_name() {
    let mut state = State::default();
    people(&mut state);
    let names = |search: &str, limit: usize| {
        let page = contacts(
            &state,
            &ContactQuery {
                search: search.into(),
                limit,
            },
            &state.untouched_network(),
            false,
        );
        (
            page.total,
            page.items.into_iter().map(|c| c.name).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        names("", 50),
        (
            3,
            vec!["Ana Lima".into(), "Bo Chen".into(), "Cy Diaz".into()]
        )
    );
    assert_eq!(names("RECRUITER", 50).1, vec!["Bo Chen", "Cy Diaz"]);
    assert_eq!(names("acme recruiter", 50).1, vec!["Cy Diaz"]);
    assert_eq!(names("lima", 50).1, vec!["Ana Lima"]);
    assert_eq!(names("", 2), (3, vec!["Ana Lima".into(), "Bo Chen".into()]));
    assert_eq!(names("nobody", 50), (0, vec![]));
}

#[test]
fn follow_ups_are_filtered_by_status_rule_and_opportunity_and_paged() {
    let mut state = State::default();
    let old = applied(&mut state, "Old", "Acme", days_ago(20));
    let new = applied(&mut state, "New", "Bolt", days_ago(1));
    touch(&mut state, &old, Outcome::NoAnswer, days_ago(12));
    let query = |show: Show, rule: Option<Rule>, opportunity: Option<String>, limit: usize| {
        followups(
            &state,
            &FollowUpQuery {
                show,
                rule,
                opportunity,
                limit,
            },
            now(),
            New_York,
        )
    };
    let open = query(Show::Open, None, None, 50);
    assert!(open
        .items
        .iter()
        .all(|f| matches!(f.status, Status::Open | Status::Snoozed)));
    assert!(open.items.windows(2).all(|w| w[0].overdue >= w[1].overdue));
    let overdue = query(Show::Overdue, None, None, 50);
    assert!(!overdue.items.is_empty() && overdue.items.iter().all(|f| f.overdue));
    assert!(overdue.total < open.total);
    let done = query(Show::Done, None, None, 50);
    assert!(done.items.iter().all(|f| f.status == Status::Done));
    assert!(done.items.iter().any(|f| f.rule == Rule::R3));
    let r3 = query(Show::All, Some(Rule::R3), None, 50);
    assert_eq!(r3.total, 2);
    let about_new = query(Show::All, None, Some(new.clone()), 50);
    assert!(about_new.items.iter().all(|f| f.about.contains("Bolt")));
    let first = query(Show::All, None, None, 1);
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, state.followups.len());
}

#[test]
fn a_backup_download_records_its_time_and_stops_the_reminder() {
    let mut state = State::default();
    applied(&mut state, "A", "Acme", days_ago(40));
    let query = Query::default();
    assert!(dashboard(&state, &query, now(), New_York).backup.due);
    let Step::Reply(Reply::File { file }, changes) = handle(
        &mut state,
        Request::Download {
            kind: FileKind::Backup,
        },
        now(),
        New_York,
    ) else {
        panic!("a file")
    };
    assert_eq!(file.name, "follow-through-backup-2026-11-19.json");
    assert_eq!(
        changes.set["meta"]["last_backup"],
        json!("2026-11-19T15:00:00Z")
    );
    assert!(file
        .text
        .contains("\"last_backup\": \"2026-11-19T15:00:00Z\""));
    let status = dashboard(&state, &query, now(), New_York).backup;
    assert!(!status.due);
    assert_eq!(status.last.unwrap().english(), "Thu 19 Nov");
    assert!(
        dashboard(&state, &query, now() + Duration::days(31), New_York)
            .backup
            .due
    );
}

#[test]
fn csv_and_calendar_downloads_are_named_by_kind_and_write_nothing() {
    let mut state = State::default();
    applied(&mut state, "A", "Acme", days_ago(2));
    for (kind, name, mime) in [
        (
            FileKind::Applications,
            "follow-through-applications-2026-11-19.csv",
            "text/csv",
        ),
        (
            FileKind::Contacts,
            "follow-through-contacts-2026-11-19.csv",
            "text/csv",
        ),
        (
            FileKind::Followups,
            "follow-through-follow-ups-2026-11-19.csv",
            "text/csv",
        ),
        (
            FileKind::Calendar,
            "follow-through-follow-ups-2026-11-19.ics",
            "text/calendar",
        ),
    ] {
        let Step::Reply(Reply::File { file }, changes) =
            handle(&mut state, Request::Download { kind }, now(), New_York)
        else {
            panic!("a file")
        };
        assert_eq!(file.name, name);
        assert!(file.mime.starts_with(mime));
        assert!(changes.is_empty());
    }
}

#[test]
fn importing_keeps_the_later_last_backup_and_planning_writes_nothing() {
    let mut source = State::default();
    applied(&mut source, "A", "Acme", days_ago(5));
    source.meta.last_backup = Some(days_ago(1));
    let text = export(&source, now());
    let mut here = State::default();
    here.meta.last_backup = Some(days_ago(3));
    let before = here.clone();
    let Step::Reply(Reply::ImportPlan { report }, changes) = handle(
        &mut here,
        Request::PlanImport {
            text: text.clone(),
            mode: Mode::Merge,
        },
        now(),
        New_York,
    ) else {
        panic!("a plan")
    };
    assert_eq!(report.opportunities.added, 1);
    assert!(changes.is_empty());
    assert_eq!(here, before);
    let Step::Reply(Reply::Imported { .. }, changes) = handle(
        &mut here,
        Request::Import {
            text,
            mode: Mode::Merge,
        },
        now(),
        New_York,
    ) else {
        panic!("imported")
    };
    assert_eq!(here.opportunities.len(), 1);
    assert_eq!(here.meta.last_backup, Some(days_ago(1)));
    assert!(changes.set.contains_key("meta"));
}

#[test]
fn a_damaged_backup_is_refused_with_the_reason_and_nothing_changes() {
    let mut here = State::default();
    applied(&mut here, "A", "Acme", days_ago(5));
    let before = here.clone();
    for text in ["not json", "{\"format\": \"something else\"}"] {
        let Step::Reply(Reply::Error { message }, changes) = handle(
            &mut here,
            Request::Import {
                text: text.into(),
                mode: Mode::Replace,
            },
            now(),
            New_York,
        ) else {
            panic!("an error")
        };
        assert!(!message.english().is_empty());
        assert!(changes.is_empty());
    }
    assert_eq!(here, before);
}

#[test]
fn a_meta_record_stored_before_backups_were_remembered_still_loads() {
    let records: BTreeMap<String, serde_json::Value> =
        [("meta".to_string(), json!({ "schema": 2, "next_id": 7 }))].into();
    let loaded = State::load(&records);
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.state.meta.last_backup, None);
    assert_eq!(loaded.state.meta.next_id, 7);
}

#[test]
fn the_dashboard_query_reads_from_the_page_with_defaults() {
    let query: Query = serde_json::from_value(json!({
        "timeline": "o1",
        "followups": { "show": "overdue", "rule": "R3" },
        "contacts": { "search": "acme" }
    }))
    .unwrap();
    assert_eq!(query.board_limit, 50);
    assert_eq!(query.followups.limit, 50);
    assert_eq!(query.followups.show, Show::Overdue);
    assert_eq!(query.contacts.search, "acme");
}

#[test]
fn the_follow_up_filter_offers_jobs_with_something_to_do_and_keeps_the_chosen_one() {
    let mut state = State::default();
    let open = applied(&mut state, "Open", "Acme", days_ago(3));
    let closed = applied(&mut state, "Closed", "Bolt", days_ago(3));
    apply(
        &mut state,
        move_command(&closed, Stage::Withdrawn).unwrap(),
        days_ago(1),
    );
    let ids = |chosen: Option<&str>| -> Vec<String> {
        follow_through::dashboard::choices(&state, chosen)
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(ids(None), vec![open.clone()]);
    assert_eq!(ids(Some(&closed)), vec![closed.clone(), open.clone()]);
    let label = &follow_through::dashboard::choices(&state, None)[0].label;
    assert_eq!(label, "Open · Acme");
}

/// The seeds' story: applied Monday, interviewed Thursday, no follow-up ever made. The
/// interview makes the application follow-ups moot (superseded), and superseded is not a
/// follow-up the user made: the rate says 0 of 1, not 100%.
#[test]
fn an_interview_before_any_follow_up_is_not_counted_as_following_up() {
    let mut state = State::default();
    let monday = at("2026-11-02T10:00:00-05:00");
    let id = applied(&mut state, "Data Engineer", "Acme", monday);
    log(
        &mut state,
        &id,
        What::Interviewed {
            decision_date: None,
        },
        monday + Duration::days(3),
    );
    let superseded: Vec<Rule> = state
        .followups
        .values()
        .filter(|f| f.status == Status::Superseded)
        .map(|f| f.rule)
        .collect();
    assert_eq!(superseded, vec![Rule::R2, Rule::R3]);
    let done: Vec<Rule> = state
        .followups
        .values()
        .filter(|f| f.status == Status::Done)
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        done,
        vec![Rule::R1],
        "only applying, which the user did, is done"
    );
    assert_eq!(
        follow_up_rate(&state, now(), New_York),
        Rate { part: 0, whole: 1 }
    );
    let split = responses(&state, now(), New_York);
    assert_eq!(split.with_follow_up, Rate { part: 0, whole: 0 });
    assert_eq!(split.without_follow_up, Rate { part: 1, whole: 1 });
}

/// "R3" as a word of its own: a rule code the user must never see.
fn has_rule_code(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            word.len() > 1 && word.starts_with('R') && word[1..].bytes().all(|b| b.is_ascii_digit())
        })
}

#[test]
fn every_rule_has_its_own_label_in_words_and_no_code() {
    let labels: Vec<String> = Rule::ALL.iter().map(|r| r.phrase().english()).collect();
    for (rule, label) in Rule::ALL.iter().zip(&labels) {
        assert!(
            Catalog::english().has(&format!("rule{rule:?}")),
            "{rule:?} has its words in _locales"
        );
        assert!(!label.trim().is_empty(), "{rule:?} has a label");
        assert!(
            !has_rule_code(label),
            "{rule:?}'s label {label:?} shows no code"
        );
    }
    let distinct: BTreeSet<&String> = labels.iter().collect();
    assert_eq!(
        distinct.len(),
        labels.len(),
        "labels are distinct: {labels:?}"
    );
    assert_eq!(
        Rule::ALL[2].phrase().english(),
        "Follow up on the application"
    );
    for row in RULES {
        assert!(Rule::ALL.contains(&row.rule), "{:?} is listed", row.rule);
    }
    assert!(has_rule_code("a R15 b") && !has_rule_code("Rule R and Room 15"));
}

#[test]
fn follow_up_rows_say_which_can_still_be_acted_on() {
    let mut state = State::default();
    let id = applied(&mut state, "Data Engineer", "Acme", days_ago(10));
    let r3 = thread_followup(&state, &id);
    touch(&mut state, &id, Outcome::NoAnswer, days_ago(2));
    let all = FollowUpQuery {
        show: Show::All,
        ..FollowUpQuery::default()
    };
    let rows = followups(&state, &all, now(), New_York).items;
    let r3_row = rows
        .iter()
        .find(|r| r.id == r3)
        .expect("the touch is listed");
    assert!(!r3_row.pending, "a done follow-up offers no actions");
    let r4_row = rows
        .iter()
        .find(|r| r.rule == Rule::R4)
        .expect("the next touch is listed");
    assert!(
        r4_row.pending && r4_row.touch,
        "the next touch can be done, snoozed or drafted"
    );
    assert!(rows
        .iter()
        .filter(|r| r.pending)
        .all(|r| r.status != Status::Done));
}
