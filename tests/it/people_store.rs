//! LinkedIn people in the store, over corpus pages and exports: a person viewed is remembered,
//! the popup's card carries them and their saved contact, saving and logging "met" or a
//! referral plans R9/R10/R13, a new 1st-degree connection starts R9 once, and a
//! `Connections.csv` sent as the settings page sends it is imported with exact counts.

use super::capture::corpus;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use follow_through::capture::connections::{text_of, windows_1252};
use follow_through::capture::{native, plan_for, Snapshot};
use follow_through::messages::{handle, Reply, Request, Step};
use follow_through::model::Person;
use follow_through::model::{Rule, Settings, Status};
use follow_through::store::{Command, NewEvent, State};

const PROFILE: &str = "https://www.linkedin.com/in/eduardo-alvarez-nowak/";
const PROFILE_FILE: &str = "pages/linkedin/loggedin_profile_eduardo_alvarez_nowak.html";
const CONNECTIONS: &str = "https://www.linkedin.com/mynetwork/invite-connect/connections/";
const CONNECTIONS_FILE: &str = "pages/linkedin/loggedin_my_network_connections.html";
const EXPORT: &str = "linkedin/Connections_jasontoups_2024.csv";

fn now() -> DateTime<Utc> {
    "2026-03-06T15:00:00Z".parse().unwrap()
}

fn snapshot(file: &str, url: &str) -> Snapshot {
    let html = native::read_file(&corpus().join(file)).unwrap();
    native::read(&html, url, &plan_for(url).unwrap())
}

fn ask(state: &mut State, request: Request, at: DateTime<Utc>) -> Reply {
    match handle(state, request, at, Tz::Europe__Stockholm) {
        Step::Reply(reply, _) => reply,
        step => panic!("a reply, not {step:?}"),
    }
}

fn command(state: &mut State, command: Command) {
    if let Reply::Error { message } = ask(state, Request::Command { command }, now()) {
        panic!("{}", message.english());
    }
}

fn rules_about(state: &State, contact: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = state
        .followups
        .values()
        .filter(|f| f.contact.as_deref() == Some(contact) && f.status == Status::Open)
        .map(|f| f.rule)
        .collect();
    rules.sort();
    rules
}

fn person(name: &str, slug: &str, degree: &str) -> Person {
    Person {
        profile_url: Some(format!("https://www.linkedin.com/in/{slug}/")),
        degree: Some(degree.to_string()),
        ..Person::named(name.to_string())
    }
}

#[test]
fn a_profile_viewed_is_remembered_and_shown_on_the_card_until_saved() {
    let mut state = State::default();
    let page = match ask(
        &mut state,
        Request::Snapshot {
            snapshot: snapshot(PROFILE_FILE, PROFILE),
        },
        now(),
    ) {
        Reply::Page { page } => page,
        other => panic!("{other:?}"),
    };
    let card = page.person.unwrap();
    assert_eq!(card.person.name, "Eduardo Alvarez Nowak");
    assert_eq!(card.person.company.as_deref(), Some("Novare Potential"));
    assert!(card.contact.is_none());
    assert_eq!(state.seen_people.keys().collect::<Vec<_>>(), vec![PROFILE]);
    assert!(state.contacts.is_empty(), "viewing saves no one");

    command(
        &mut state,
        Command::SavePerson {
            person: card.person.clone(),
        },
    );
    command(
        &mut state,
        Command::SavePerson {
            person: card.person.clone(),
        },
    );
    assert_eq!(state.contacts.len(), 1, "saving twice keeps one contact");
    let card = match ask(
        &mut state,
        Request::Person {
            person: card.person,
        },
        now(),
    ) {
        Reply::Person { card } => card,
        other => panic!("{other:?}"),
    };
    let contact = card.contact.unwrap();
    assert_eq!(contact.profile_url.as_deref(), Some(PROFILE));
    assert_eq!(
        contact.headline,
        Some("Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential".into())
    );
}

#[test]
fn met_plans_r9_and_r10_and_a_referral_by_name_plans_r13() {
    let mut state = State::default();
    command(
        &mut state,
        Command::SavePerson {
            person: person("Ana Lima", "ana-lima", "2nd"),
        },
    );
    let ana = state.contacts.keys().next().unwrap().clone();
    command(
        &mut state,
        Command::LogEvent {
            event: NewEvent {
                opportunity_id: None,
                contact_id: Some(ana.clone()),
                at: None,
                with: None,
                what: follow_through::model::What::Met { connected: false },
            },
        },
    );
    assert_eq!(rules_about(&state, &ana), vec![Rule::R9, Rule::R10]);
    let rows: Vec<(String, String)> = follow_through::checklist::checklist(&state, now(), Tz::UTC)
        .sections
        .into_iter()
        .flat_map(|section| section.items)
        .map(|item| {
            let what = item.what.english();
            let about = follow_through::checklist::about_besides(&item.about, &what);
            (what, about)
        })
        .collect();
    assert!(
        rows.iter()
            .all(|(what, about)| what.contains("Ana Lima") && about.is_empty()),
        "a row that names the person is not signed with the name again: {rows:?}"
    );

    command(
        &mut state,
        Command::SavePerson {
            person: person("Bo Chen", "bo-chen", "3rd"),
        },
    );
    let bo = state
        .contacts
        .values()
        .find(|c| c.name == "Bo Chen")
        .unwrap()
        .id
        .clone();
    command(
        &mut state,
        Command::ReferralFrom {
            contact_id: bo.clone(),
            referrer: " ana  LIMA ".into(),
        },
    );
    assert_eq!(state.contacts.len(), 2, "a saved name is the referrer");
    assert_eq!(
        state.contacts[&bo].referred_by.as_deref(),
        Some(ana.as_str())
    );
    assert_eq!(rules_about(&state, &bo), vec![Rule::R13]);

    command(
        &mut state,
        Command::ReferralFrom {
            contact_id: ana.clone(),
            referrer: "Cy Diaz".into(),
        },
    );
    assert!(state.contacts.values().any(|c| c.name == "Cy Diaz"));
    assert!(matches!(
        ask(
            &mut state,
            Request::Command {
                command: Command::ReferralFrom {
                    contact_id: ana,
                    referrer: "  ".into()
                }
            },
            now()
        ),
        Reply::Error { .. }
    ));
}

#[test]
fn a_contact_linked_to_a_job_in_a_role_shows_it_on_the_card() {
    let mut state = State::default();
    let job = follow_through::capture::typed_in(
        "Data Engineer".into(),
        "Acme".into(),
        "https://example.com/jobs/1".into(),
    );
    command(&mut state, Command::Track { job });
    let ana = person("Ana Lima", "ana-lima", "1st");
    command(
        &mut state,
        Command::SavePerson {
            person: ana.clone(),
        },
    );
    let (o, c) = (
        state.opportunities.keys().next().unwrap().clone(),
        state.contacts.keys().next().unwrap().clone(),
    );
    let card = follow_through::person::PersonCard::new(&state, ana.clone());
    assert_eq!(card.jobs.len(), 1, "the tracked job is offered");
    for role in [
        follow_through::model::Role::Recruiter,
        follow_through::model::Role::HiringManager,
    ] {
        command(
            &mut state,
            Command::LinkContact {
                contact_id: c.clone(),
                opportunity_id: o.clone(),
                role,
            },
        );
    }
    let card = follow_through::person::PersonCard::new(&state, ana);
    assert_eq!(card.linked.len(), 1);
    assert_eq!(card.linked[0].title, "Data Engineer");
    assert_eq!(
        card.linked[0].role,
        follow_through::model::Role::HiringManager
    );
    assert!(card.jobs.is_empty());
}

#[test]
fn a_degree_that_becomes_first_starts_r9_once() {
    let mut state = State::default();
    let tz = Tz::Europe__Stockholm;
    state.see_people(&[person("Ana Lima", "ana-lima", "2nd")], now(), tz);
    assert!(state.contacts.is_empty());
    let later = now() + Duration::days(3);
    state.see_people(&[person("Ana Lima", "ana-lima", "1st")], later, tz);
    let ana = state.contacts.keys().next().unwrap().clone();
    assert_eq!(rules_about(&state, &ana), vec![Rule::R9]);
    assert_eq!(state.contacts[&ana].degree.as_deref(), Some("1st"));

    state.see_people(&[person("Ana Lima", "ana-lima", "2nd")], later, tz);
    state.see_people(&[person("Ana Lima", "ana-lima", "1st")], later, tz);
    let r9s = state
        .followups
        .values()
        .filter(|f| f.rule == Rule::R9)
        .count();
    assert_eq!(r9s, 1, "never twice for the same person");
}

#[test]
fn a_first_degree_seen_first_time_starts_nothing() {
    let mut state = State::default();
    state.see_people(
        &[person("Ana Lima", "ana-lima", "1st")],
        now(),
        Tz::Europe__Stockholm,
    );
    assert!(state.contacts.is_empty());
    assert!(state.followups.is_empty());
}

#[test]
fn the_connections_list_starts_r9_for_connections_of_the_last_14_days_only() {
    let snapshot = snapshot(CONNECTIONS_FILE, CONNECTIONS);
    let at: DateTime<Utc> = "2025-02-03T10:00:00Z".parse().unwrap();
    let mut state = State::default();
    match handle(
        &mut state,
        Request::Snapshot { snapshot },
        at,
        Tz::Europe__Stockholm,
    ) {
        Step::Reply(Reply::Page { page }, changes) => {
            assert!(page.person.is_none(), "a list is not one person");
            assert!(changes.set.keys().any(|k| k.starts_with("seen-person/")));
            assert_eq!(
                crate::indexed_dues(&changes.set),
                2,
                "the due index is kept with new follow-ups"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut names: Vec<&str> = state.contacts.values().map(|c| c.name.as_str()).collect();
    names.sort();
    // Connected on 27 and 21 January 2025: within 14 days of 3 February; 15 January is not.
    assert_eq!(names, vec!["John Keane", "Ken Aizawa"]);
    let r9s = state
        .followups
        .values()
        .filter(|f| f.rule == Rule::R9)
        .count();
    assert_eq!(r9s, 2);
}

#[test]
fn the_setting_off_starts_nothing() {
    let mut state = State::default();
    state.settings.follow_new_connections = false;
    let mut recent = person("Ana Lima", "ana-lima", "1st");
    recent.connected_on = Some(now().date_naive());
    state.see_people(&[recent], now(), Tz::Europe__Stockholm);
    assert!(state.contacts.is_empty() && state.followups.is_empty());
}

#[test]
fn stored_settings_without_the_new_connections_field_load_with_it_on() {
    let settings: Settings = serde_json::from_value(serde_json::json!({
        "work_start": "08:00", "touch_limit": 3
    }))
    .unwrap();
    assert!(settings.follow_new_connections);
    assert_eq!(settings.touch_limit, 3);
}

#[test]
fn people_seen_are_bounded_like_postings() {
    let mut state = State::default();
    state.settings.seen.cap = 2;
    let tz = Tz::Europe__Stockholm;
    for (i, slug) in ["a", "b", "c"].iter().enumerate() {
        let at = now() + Duration::minutes(i as i64);
        let changes = state.see_people(&[person(slug, slug, "3rd")], at, tz);
        if i == 2 {
            assert_eq!(
                changes.remove,
                vec!["seen-person/https://www.linkedin.com/in/a/".to_string()]
            );
        }
    }
    assert_eq!(state.seen_people.len(), 2);
    let changes = state.see_people(&[person("d", "d", "3rd")], now() + Duration::days(31), tz);
    assert_eq!(
        state.seen_people.len(),
        1,
        "older than 30 days are forgotten"
    );
    assert_eq!(changes.remove.len(), 2);
}

#[test]
fn the_export_sent_by_the_settings_page_is_imported_with_exact_counts_and_again_adds_no_one() {
    let text = text_of(&std::fs::read(corpus().join(EXPORT)).unwrap(), windows_1252);
    let mut state = State::default();
    let counts = |reply: Reply| match reply {
        Reply::ConnectionsImported { counts, skipped } => {
            let said: Vec<String> = counts.iter().map(|(_, c)| c.english()).collect();
            (said.join(", "), skipped)
        }
        other => panic!("{other:?}"),
    };
    let request = Request::ImportConnections { text };
    let (said, skipped) = counts(ask(&mut state, request.clone(), now()));
    assert_eq!(said, "1,581 added, 0 updated, 0 unchanged, 47 skipped");
    assert_eq!(skipped.len(), 1, "one reason: {skipped:?}");
    assert_eq!(
        skipped[0].said.english(),
        "47 rows without a name: members who hide their details"
    );
    assert!(
        skipped[0].lines.english().starts_with("Lines 53, "),
        "the lines in the file"
    );
    assert!(
        state.followups.is_empty(),
        "connections of 2024 are not new"
    );
    let (said, _) = counts(ask(&mut state, request, now()));
    assert_eq!(said, "0 added, 0 updated, 1,581 unchanged, 47 skipped");
    match ask(
        &mut state,
        Request::ImportConnections {
            text: "Name;Phone\nAna;123\n".into(),
        },
        now(),
    ) {
        Reply::Error { message } => {
            let message = message.english();
            assert!(message.starts_with("Nothing was imported"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(state.contacts.len(), 1581, "a refused file changes nothing");
}

#[test]
fn an_export_with_recent_connections_starts_r9_for_them() {
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
               Ana,Lima,https://www.linkedin.com/in/ana-lima,,Acme,CTO,05 Mar 2026\n\
               Bo,Chen,https://www.linkedin.com/in/bo-chen,,Initech,CEO,05 Jan 2026\n";
    let mut state = State::default();
    let (report, _) = state
        .import_connections(csv, now(), Tz::Europe__Stockholm)
        .unwrap();
    assert_eq!(report.added, 2);
    let ana = state
        .contacts
        .values()
        .find(|c| c.name == "Ana Lima")
        .unwrap()
        .id
        .clone();
    assert_eq!(rules_about(&state, &ana), vec![Rule::R9]);
    assert_eq!(state.followups.len(), 1);
}
