//! JSON backups: random stores round-trip byte for byte, and an import is checked in full and
//! reported kind by kind before anything is written.

use crate::stored_contact;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use follow_through::formats::backup::{
    backup_due, export, plan_import, records, BackupError, Mode, Tally,
};
use follow_through::model::{
    BadgeMode, Contact, DateOrder, Event, FollowUp, Link, Opportunity, Outcome, Role, Rule,
    Settings, Snooze, Stage, Status, Template, What,
};
use follow_through::model::{Job, Source};
use follow_through::store::{shard_of, Changes, Meta, Seen, State, SCHEMA_VERSION};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2026-03-06T09:00:00Z")
}

/// Storage after the worker applies a plan: its writes, then its removals.
fn applied(storage: &BTreeMap<String, Value>, changes: &Changes) -> BTreeMap<String, Value> {
    let mut storage = storage.clone();
    storage.extend(changes.set.clone());
    for key in &changes.remove {
        storage.remove(key);
    }
    storage
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, n)| Utc.timestamp_opt(s, n).single().unwrap())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..200_000).prop_map(|d| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(d))
}

/// Any text, control characters, quotes and every script included.
fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn web_url() -> impl Strategy<Value = String> {
    "https?://[a-z]{1,10}\\.example/[a-zA-Z0-9/?=&%._-]{0,30}"
}

fn job() -> impl Strategy<Value = Job> {
    (
        (text(), option::of(text()), option::of(text())),
        (
            option::of(web_url()),
            option::of(text()),
            option::of(text()),
        ),
        (
            option::of(any::<bool>()),
            option::of(text()),
            option::of(date()),
        ),
        (option::of(text()), option::of(text()), option::of(text())),
        prop_oneof![
            Just(Source::Jsonld),
            Just(Source::Linkedin),
            Just(Source::Manual)
        ],
    )
        .prop_map(
            |(
                (title, company, location),
                (url, job_id, employment_type),
                (remote, salary, valid_through),
                (hiring_contact, description, job_key),
                source,
            )| {
                let mut job: Job =
                    serde_json::from_value(json!({"title": "", "source": "manual"})).unwrap();
                job.title = title;
                job.company = company;
                job.location = location;
                job.url = url;
                job.job_id = job_id;
                job.employment_type = employment_type;
                job.remote = remote;
                job.salary = salary;
                job.valid_through = valid_through;
                job.hiring_contact = hiring_contact;
                job.description = description;
                job.source = source;
                job.job_key = job_key;
                job
            },
        )
}

fn what() -> impl Strategy<Value = What> {
    prop_oneof![
        Just(What::Saved),
        Just(What::Applied),
        option::of(date()).prop_map(|decision_date| What::Interviewed { decision_date }),
        any::<bool>().prop_map(|connected| What::Met { connected }),
        instant().prop_map(|when| What::MeetingScheduled { when }),
        "c[0-9]{1,3}".prop_map(|referrer| What::Referral { referrer }),
        text().prop_map(|text| What::Promise { text }),
        (text(), date(), option::of((0u32..24, 0u32..60))).prop_map(|(text, date, time)| {
            What::Reminder {
                text,
                date,
                time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
            }
        }),
        (1u32..400).prop_map(|every_days| What::Cadence { every_days }),
        prop_oneof![Just(Outcome::NoAnswer), Just(Outcome::Answered)]
            .prop_map(|outcome| What::Touch { outcome }),
        Just(What::Reply),
    ]
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        (0u32..12, 12u32..24, 1u32..6),
        vec(1u32..400, 0..4),
        (any::<bool>(), any::<bool>(), text()),
        btree_map(
            prop_oneof![Just(Rule::R3), Just(Rule::R9), Just(Rule::R15)],
            (text(), text()).prop_map(|(subject, body)| Template { subject, body }),
            0..3,
        ),
        vec(prop_oneof![Just(Weekday::Mon), Just(Weekday::Sat)], 0..3),
    )
        .prop_map(
            |(
                (start, end, touch_limit),
                cadence_presets,
                (badge, order, your_name),
                templates,
                days,
            )| {
                Settings {
                    work_start: NaiveTime::from_hms_opt(start, 0, 0).unwrap(),
                    work_end: NaiveTime::from_hms_opt(end, 30, 0).unwrap(),
                    work_days: days,
                    touch_limit,
                    cadence_presets,
                    badge: if badge {
                        BadgeMode::Overdue
                    } else {
                        BadgeMode::OverdueAndToday
                    },
                    date_order: if order {
                        DateOrder::MonthDay
                    } else {
                        DateOrder::DayMonth
                    },
                    your_name,
                    templates,
                    ..Settings::default()
                }
            },
        )
}

/// A store as commands build it: ids from one counter, records pointing at each other.
fn state() -> impl Strategy<Value = State> {
    (
        settings(),
        vec((job(), instant()), 0..4),
        vec((text(), option::of(web_url()), option::of(1u32..90)), 0..4),
        vec((instant(), what()), 0..5),
        vec(
            (
                instant(),
                text(),
                option::of(text()),
                0usize..4,
                1u32..4,
                option::of(instant()),
            ),
            0..6,
        ),
        vec((job(), instant()), 0..3),
        (option::of(instant()), 0u64..5),
    )
        .prop_map(
            |(settings, jobs, people, events, followups, seen, (notified, gap))| {
                let mut state = State {
                    settings,
                    ..State::default()
                };
                let mut next = 1u64;
                let mut id = |prefix: char| {
                    next += 1;
                    format!("{prefix}{}", next - 1)
                };
                for (i, (job, created_at)) in jobs.into_iter().enumerate() {
                    let o = Opportunity {
                        id: id('o'),
                        job,
                        stage: [Stage::Saved, Stage::Applied, Stage::Rejected][i % 3],
                        created_at,
                        notes: None,
                        edits: Vec::new(),
                    };
                    state.opportunities.insert(o.id.clone(), o);
                }
                let jobs: Vec<String> = state.opportunities.keys().cloned().collect();
                for (i, (name, profile_url, cadence_days)) in people.into_iter().enumerate() {
                    let mut c = Contact::new(id('c'), name);
                    c.profile_url = profile_url;
                    c.cadence_days = cadence_days;
                    c.email = (i % 2 == 0).then(|| format!("p{i}@example.com"));
                    c.phone = (i % 3 == 0).then(|| format!("+1 555 010 {i:04}"));
                    if let Some(job) = jobs.get(i % jobs.len().max(1)) {
                        c.links.push(Link {
                            opportunity: job.clone(),
                            role: [Role::Recruiter, Role::Contact][i % 2],
                        });
                    }
                    state.contacts.insert(c.id.clone(), c);
                }
                let people: Vec<String> = state.contacts.keys().cloned().collect();
                for (i, (at, what)) in events.into_iter().enumerate() {
                    let e = Event {
                        id: id('e'),
                        at,
                        opportunity: jobs.get(i).cloned(),
                        contact: people.get(i).cloned(),
                        what,
                    };
                    state.events.insert(e.id.clone(), e);
                }
                let causes: Vec<String> = state.events.keys().cloned().collect();
                for (i, (due, text, note, status, touch, ended_at)) in
                    followups.into_iter().enumerate()
                {
                    let f = FollowUp {
                        id: id('f'),
                        rule: [Rule::R3, Rule::R4, Rule::R15][i % 3],
                        opportunity: jobs.get(i).cloned(),
                        contact: people.get(i).cloned(),
                        event: causes.get(i).cloned().unwrap_or_else(|| "e0".into()),
                        due,
                        zone: "Europe/Paris".into(),
                        status: [Status::Open, Status::Done, Status::Snoozed, Status::MovedOn]
                            [status],
                        text,
                        touch,
                        note,
                        ended_at,
                        outcome: ended_at.map(|_| Outcome::Answered),
                        snoozes: (i % 2 == 1)
                            .then_some(Snooze {
                                at: due,
                                from: due,
                                until: due,
                            })
                            .into_iter()
                            .collect(),
                        edits: Vec::new(),
                    };
                    state.followups.insert(f.id.clone(), f);
                }
                for (i, (job, seen_at)) in seen.into_iter().enumerate() {
                    let key = format!("linkedin:{i}");
                    state.seen.insert(key.clone(), Seen { key, job, seen_at });
                }
                if let Some(job) = jobs.first() {
                    state.aliases.insert("indeed:abc123".into(), job.clone());
                }
                state.meta = Meta {
                    next_id: next + gap,
                    notified_until: notified,
                    last_backup: notified.map(|at| at - chrono::Duration::days(3)),
                    ..Meta::default()
                };
                state
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_backup_round_trips_byte_for_byte(state in state()) {
        let backup = export(&state, now());
        let plan = plan_import(&State::default(), &backup, Mode::Replace).unwrap();
        prop_assert_eq!(&plan.state, &state);
        let stored = applied(&records(&State::default()), &plan.changes);
        let reloaded = State::load(&stored);
        prop_assert!(reloaded.errors.is_empty());
        prop_assert_eq!(&reloaded.state, &state);
        prop_assert_eq!(export(&reloaded.state, now()), backup);
    }

    #[test]
    fn merging_a_backup_of_the_same_data_changes_nothing(state in state()) {
        let plan = plan_import(&state, &export(&state, now()), Mode::Merge).unwrap();
        prop_assert!(plan.changes.is_empty());
        prop_assert_eq!(plan.state, state);
    }
}

fn tracked(title: &str, created_at: &str) -> State {
    let mut state = State::default();
    let job: Job = serde_json::from_value(json!({
        "title": title,
        "company": "Acme",
        "url": "https://boards.greenhouse.io/acme/jobs/1",
        "source": "jsonld"
    }))
    .unwrap();
    let o = Opportunity {
        id: "o1".into(),
        job,
        stage: Stage::Saved,
        created_at: at(created_at),
        notes: None,
        edits: Vec::new(),
    };
    state.opportunities.insert("o1".into(), o);
    state.events.insert(
        "e2".into(),
        Event {
            id: "e2".into(),
            at: at(created_at),
            opportunity: Some("o1".into()),
            contact: None,
            what: What::Saved,
        },
    );
    state.meta.next_id = 3;
    state
}

fn document(records: Value, version: u32) -> String {
    json!({
        "format": "follow-through-backup",
        "version": version,
        "exported_at": "2026-03-01T10:00:00Z",
        "records": records
    })
    .to_string()
}

#[test]
fn the_backup_names_its_format_and_version_and_sorts_every_key() {
    let backup = export(&tracked("Engineer", "2026-03-02T10:00:00Z"), now());
    let value: Value = serde_json::from_str(&backup).unwrap();
    assert_eq!(value["format"], "follow-through-backup");
    assert_eq!(value["version"], SCHEMA_VERSION);
    assert_eq!(value["exported_at"], "2026-03-06T09:00:00Z");
    assert_eq!(
        value["records"]["opportunity/o1"]["job"]["title"],
        "Engineer"
    );
    let top: Vec<&str> = backup
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim_start())
        .collect();
    let mut sorted = top.clone();
    sorted.sort();
    assert_eq!(top, sorted);
    let keys: Vec<&String> = value["records"].as_object().unwrap().keys().collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    assert!(backup.ends_with("}\n"));
}

#[test]
fn merging_reports_added_updated_and_unchanged_and_keeps_what_the_backup_lacks() {
    let mut current = tracked("Engineer", "2026-03-02T10:00:00Z");
    let mut backup = tracked("Senior Engineer", "2026-03-02T10:00:00Z");
    current
        .contacts
        .insert("c9".into(), Contact::new("c9".into(), "Ana".into()));
    current.meta.next_id = 10;
    backup
        .contacts
        .insert("c3".into(), Contact::new("c3".into(), "Bo".into()));
    backup.meta.next_id = 4;
    let plan = plan_import(&current, &export(&backup, now()), Mode::Merge).unwrap();
    let r = &plan.report;
    assert_eq!((r.mode, r.version), (Mode::Merge, SCHEMA_VERSION));
    assert_eq!(
        r.opportunities,
        Tally {
            updated: 1,
            ..Tally::default()
        }
    );
    assert_eq!(
        r.events,
        Tally {
            unchanged: 1,
            ..Tally::default()
        }
    );
    assert_eq!(
        r.contacts,
        Tally {
            added: 1,
            unchanged: 1,
            ..Tally::default()
        }
    );
    assert_eq!(
        r.settings,
        Tally {
            unchanged: 1,
            ..Tally::default()
        }
    );
    assert!(plan.changes.remove.is_empty());
    let written: Vec<&str> = plan.changes.set.keys().map(String::as_str).collect();
    assert_eq!(written, [shard_of("c3").as_str(), "opportunity/o1"]);
    assert_eq!(plan.state.contacts.len(), 2);
    assert_eq!(
        plan.state.meta.next_id, 10,
        "ids already handed out are never reused"
    );
    assert!(r
        .to_string()
        .contains("Contacts: 1 added, 0 updated, 0 removed, 1 unchanged"));
}

#[test]
fn replacing_removes_what_the_backup_lacks() {
    let mut current = tracked("Engineer", "2026-03-02T10:00:00Z");
    current
        .contacts
        .insert("c9".into(), Contact::new("c9".into(), "Ana".into()));
    let plan = plan_import(&current, &export(&State::default(), now()), Mode::Replace).unwrap();
    assert_eq!(plan.report.opportunities.removed, 1);
    assert_eq!(plan.report.contacts.removed, 1);
    assert_eq!(plan.report.events.removed, 1);
    let mut removed = plan.changes.remove.clone();
    removed.sort();
    assert_eq!(
        removed,
        [shard_of("c9").as_str(), "event/e2", "opportunity/o1"],
        "the record that kept only c9 goes"
    );
    assert!(plan.state.opportunities.is_empty());
    assert_eq!(
        plan.state.meta.next_id, 3,
        "ids already handed out are never reused"
    );
}

#[test]
fn next_id_is_raised_past_every_imported_id_so_new_records_never_overwrite_them() {
    let mut backup = tracked("Engineer", "2026-03-02T10:00:00Z");
    backup.meta.next_id = 1;
    let plan = plan_import(&State::default(), &export(&backup, now()), Mode::Replace).unwrap();
    assert_eq!(plan.state.meta.next_id, 3);
}

#[test]
fn a_backup_from_a_newer_version_is_refused_with_what_to_do() {
    let err = plan_import(
        &State::default(),
        &document(json!({}), SCHEMA_VERSION + 1),
        Mode::Merge,
    )
    .unwrap_err();
    assert_eq!(
        err,
        BackupError::Newer {
            version: u64::from(SCHEMA_VERSION) + 1
        }
    );
    assert!(err.to_string().contains("Update the extension"));
}

#[test]
fn a_version_1_backup_is_migrated_like_stored_records() {
    let records = json!({
        "meta": {"schema": 1, "next_id": 3},
        "opportunity/o1": {"id": "o1", "job": {"title": "Engineer", "source": "manual"},
                           "stage": "saved", "created_at": "2026-03-02T10:00:00Z"},
        "contact/c2": {"id": "c2", "name": "Ana", "opportunities": ["o1"]}
    });
    let plan = plan_import(&State::default(), &document(records, 1), Mode::Replace).unwrap();
    assert_eq!(plan.report.version, 1);
    assert_eq!(plan.state.contacts["c2"].role_in("o1"), Some(Role::Contact));
    assert_eq!(plan.state.meta.schema, SCHEMA_VERSION);
    assert_eq!(plan.changes.set["meta"]["schema"], SCHEMA_VERSION);
    assert_eq!(
        stored_contact(&plan.changes.set, "c2")["links"][0]["opportunity"],
        "o1"
    );
}

#[test]
fn a_damaged_backup_is_refused_whole_with_every_problem_listed() {
    let records = json!({
        "meta": {"next_id": 9},
        "opportunity/o1": {"id": "o1", "job": {"title": "Engineer", "source": "manual"},
                           "stage": "hired", "created_at": "2026-03-02T10:00:00Z"},
        "contact/c2": {"id": "c3", "name": "Ana"},
        "contact/c4": {"id": "c4", "name": "Bo", "profile_url": "javascript:alert(1)"},
        "settings": {"work_start": "17:00", "work_end": "09:00"},
        "secrets/x": {}
    });
    let current = tracked("Engineer", "2026-03-02T10:00:00Z");
    let Err(BackupError::Invalid(problems)) =
        plan_import(&current, &document(records, SCHEMA_VERSION), Mode::Replace)
    else {
        panic!("a damaged backup must be refused");
    };
    let all = problems.join("\n");
    for expected in [
        "\"opportunity/o1\" could not be read",
        "\"contact/c2\" does not have the id \"c2\"",
        "\"javascript:alert(1)\" is not an http(s) link",
        "The working day must start before it ends",
        "\"secrets/x\" is not a Follow Through record",
    ] {
        assert!(all.contains(expected), "{expected} missing from {all}");
    }
}

#[test]
fn files_that_are_not_backups_are_refused() {
    let state = State::default();
    assert!(matches!(
        plan_import(&state, "{", Mode::Merge),
        Err(BackupError::NotJson(_))
    ));
    assert_eq!(
        plan_import(&state, r#"{"format": "other", "version": 1}"#, Mode::Merge),
        Err(BackupError::NotABackup)
    );
    let no_meta = document(json!({}), SCHEMA_VERSION);
    assert!(matches!(
        plan_import(&state, &no_meta, Mode::Merge),
        Err(BackupError::Invalid(_))
    ));
    let no_version = r#"{"format": "follow-through-backup", "records": {}}"#;
    assert!(matches!(
        plan_import(&state, no_version, Mode::Merge),
        Err(BackupError::Invalid(_))
    ));
}

#[test]
fn a_backup_is_due_30_days_after_the_last_one_or_after_the_first_event() {
    let empty = State::default();
    assert!(!backup_due(&empty, None, now()), "nothing to back up");
    let state = tracked("Engineer", "2026-02-04T09:00:00Z");
    assert!(backup_due(&state, None, now()));
    assert!(!backup_due(
        &tracked("Engineer", "2026-02-05T09:00:01Z"),
        None,
        now()
    ));
    assert!(!backup_due(&state, Some(at("2026-02-20T00:00:00Z")), now()));
    assert!(backup_due(&state, Some(at("2026-02-04T09:00:00Z")), now()));
}
