//! What the user works on apart from what they keep (issue 17): closed applications archived
//! off the board yet found by the search, the people the user works with apart from the
//! imported LinkedIn network, and that network removed in one step and undone after a reload,
//! never taking anyone the user worked with.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::dashboard::{dashboard, move_command, Lane, Query};
use follow_through::model::{Job, Link, Role, Stage, What};
use follow_through::store::{Command, ContactEdit, ContactInput, Deleted, NewEvent, StoreError};
use serde_json::Value;
use std::collections::BTreeMap;

use super::{at, World, NOW};

fn now() -> DateTime<Utc> {
    at(NOW)
}

impl World {
    fn import(&mut self, csv: &str) {
        let (_, changes) = self.state.import_connections(csv, now(), New_York).unwrap();
        self.write(&changes);
    }

    fn id_of(&self, name: &str) -> String {
        let c = self.state.contacts.values().find(|c| c.name == name);
        c.unwrap().id.clone()
    }

    fn names(&self, ids: impl IntoIterator<Item = String>) -> Vec<String> {
        let mut names: Vec<String> = ids
            .into_iter()
            .map(|id| self.state.contacts[&id].name.clone())
            .collect();
        names.sort();
        names
    }
}

fn job(title: &str, company: &str, location: &str) -> Job {
    serde_json::from_value(serde_json::json!({
        "title": title, "company": company, "location": location,
        "url": format!("https://boards.greenhouse.io/{}/jobs/{}", company.len(), title.len()),
        "source": "jsonld"
    }))
    .unwrap()
}

fn connections(names: &[&str]) -> String {
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for name in names {
        let (first, last) = name.split_once(' ').unwrap();
        let slug = name.to_lowercase().replace(' ', "-");
        csv.push_str(&format!(
            "{first},{last},https://www.linkedin.com/in/{slug},,Acme,Engineer,12 Mar 2019\n"
        ));
    }
    csv
}

/// Seven imported connections: one linked to an application, one met, one given notes, one
/// referred by another; two never worked with. And Zoe, saved by the user, never imported.
fn network() -> (World, String) {
    let mut world = World::default();
    let o = world
        .run(Command::Track {
            job: job("Platform Engineer", "Acme", "Berlin"),
        })
        .unwrap()
        .unwrap();
    world.import(&connections(&[
        "Ana Lima", "Bo Chen", "Cy Diaz", "Di Eto", "Ed Fox", "Flo Gray", "Gus Hale",
    ]));
    let ana = world.id_of("Ana Lima");
    world
        .run(Command::SaveContact {
            contact: ContactInput {
                id: Some(ana),
                name: "Ana Lima".into(),
                email: None,
                profile_url: None,
                links: vec![Link {
                    opportunity: o.clone(),
                    role: Role::Recruiter,
                }],
            },
        })
        .unwrap();
    world
        .run(Command::LogEvent {
            event: NewEvent {
                opportunity_id: None,
                contact_id: Some(world.id_of("Bo Chen")),
                at: None,
                with: None,
                what: What::Met { connected: true },
            },
        })
        .unwrap();
    world
        .run(Command::EditContact {
            contact_id: world.id_of("Cy Diaz"),
            edit: ContactEdit {
                name: "Cy Diaz".into(),
                company: "Acme".into(),
                headline: "Engineer".into(),
                notes: "Knows the Berlin team.".into(),
                ..ContactEdit::default()
            },
        })
        .unwrap();
    world
        .run(Command::ReferralFrom {
            contact_id: world.id_of("Di Eto"),
            referrer: "Ed Fox".into(),
        })
        .unwrap();
    world
        .run(Command::SaveContact {
            contact: ContactInput {
                id: None,
                name: "Zoe Ward".into(),
                email: Some("zoe@example.org".into()),
                profile_url: None,
                links: Vec::new(),
            },
        })
        .unwrap();
    (world, o)
}

#[test]
fn the_imported_network_never_worked_with_is_told_apart_from_the_people_the_user_works_with() {
    let (world, _) = network();
    let untouched = world.state.untouched_network();
    assert_eq!(
        world.names(untouched.into_iter().cloned()),
        ["Flo Gray", "Gus Hale"]
    );
    let d = dashboard(&world.state, &Query::default(), now(), New_York);
    let names = |rows: &[follow_through::dashboard::lists::ContactRow]| {
        rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(&d.contacts.items),
        ["Ana Lima", "Bo Chen", "Cy Diaz", "Di Eto", "Ed Fox", "Zoe Ward"]
    );
    assert_eq!(names(&d.network.items), ["Flo Gray", "Gus Hale"]);
    assert_eq!((d.network.total, d.untouched), (2, 2));
}

#[test]
fn removing_the_untouched_network_keeps_everyone_worked_with_and_undo_after_a_reload_restores_it() {
    let (mut world, o) = network();
    let before = world.storage.clone();
    let kept = world.state.contacts.len() - 2;
    world.run(Command::RemoveUntouchedNetwork).unwrap();
    assert_eq!(world.state.contacts.len(), kept);
    world.reload();
    assert_eq!(world.state.contacts.len(), kept, "the removal was stored");
    assert!(world.state.untouched_network().is_empty());
    let deletion = world.state.trash.deletions.last().unwrap();
    assert_eq!(deletion.deleted, Deleted::Network(2));
    assert!(
        deletion.contacts.is_empty() && deletion.packed.contains("Flo Gray"),
        "kept as one text"
    );
    let ana = &world.state.contacts[&world.id_of("Ana Lima")];
    assert_eq!(ana.links[0].opportunity, o);
    assert_eq!(
        world.run(Command::RemoveUntouchedNetwork),
        Err(StoreError::Invalid(
            follow_through::phrase::Key("refusedNoNetwork").phrase()
        ))
    );

    world.run(Command::Undo).unwrap();
    world.reload();
    assert_eq!(world.state.untouched_network().len(), 2);
    let records = |storage: &BTreeMap<String, Value>| {
        let mut records = storage.clone();
        records.remove("meta");
        records.remove("trash");
        records
    };
    assert_eq!(records(&world.storage), records(&before));
}

#[test]
fn a_removal_of_thirty_thousand_connections_fits_the_trash_and_is_undone_after_a_reload() {
    let mut world = World::default();
    let names: Vec<String> = (0..30_000)
        .map(|i| format!("Person{i} Network{}", i % 97))
        .collect();
    world.import(&connections(
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    ));
    assert_eq!(world.state.untouched_network().len(), 30_000);
    world.run(Command::RemoveUntouchedNetwork).unwrap();
    assert!(
        world.storage.keys().all(|k| !k.starts_with("contacts/")),
        "every emptied record was dropped"
    );
    let trash = serde_json::to_string(&world.storage["trash"]).unwrap();
    assert!(trash.len() < 8_000_000, "{} bytes", trash.len());
    world.reload();
    assert!(world.state.contacts.is_empty());
    world.run(Command::Undo).unwrap();
    world.reload();
    assert_eq!(world.state.contacts.len(), 30_000);
    assert!(world.state.trash.deletions.is_empty());
}

#[test]
fn closed_applications_are_only_counted_on_the_board_until_shown() {
    let mut world = World::default();
    let open = world
        .run(Command::Track {
            job: job("Platform Engineer", "Acme", "Berlin"),
        })
        .unwrap()
        .unwrap();
    let closed = world
        .run(Command::Track {
            job: job("Data Engineer", "Bolt", "Lisbon"),
        })
        .unwrap()
        .unwrap();
    world
        .run(move_command(&closed, Stage::Applied).unwrap())
        .unwrap();
    world
        .run(move_command(&closed, Stage::Rejected).unwrap())
        .unwrap();
    let lane = |query: &Query, lane: Lane| {
        let d = dashboard(&world.state, query, now(), New_York);
        let column = d.board.into_iter().find(|c| c.lane == lane).unwrap();
        let ids: Vec<String> = column.cards.iter().map(|c| c.id.clone()).collect();
        (column.total, ids, column.archived)
    };
    let archived = Query::default();
    assert_eq!(lane(&archived, Lane::Closed), (1, vec![], true));
    assert_eq!(lane(&archived, Lane::Saved), (1, vec![open], false));
    let shown = Query {
        closed: true,
        ..Query::default()
    };
    assert_eq!(lane(&shown, Lane::Closed), (1, vec![closed], false));
}

#[test]
fn the_search_finds_applications_closed_ones_too_by_title_company_location_or_notes_in_any_case_or_accent(
) {
    let mut world = World::default();
    let munich = world
        .run(Command::Track {
            job: job("Backend Engineer", "Zürich Labs", "München"),
        })
        .unwrap()
        .unwrap();
    let noted = world
        .run(Command::Track {
            job: job("Site Reliability Engineer", "Bolt", "Lisbon"),
        })
        .unwrap()
        .unwrap();
    world
        .run(Command::EditApplication {
            opportunity_id: noted.clone(),
            edit: follow_through::store::ApplicationEdit {
                title: "Site Reliability Engineer".into(),
                company: "Bolt".into(),
                location: "Lisbon".into(),
                link: "https://boards.greenhouse.io/4/jobs/25".into(),
                salary: String::new(),
                notes: "Referred by José".into(),
            },
        })
        .unwrap();
    world
        .run(move_command(&munich, Stage::Withdrawn).unwrap())
        .unwrap();
    let found = |search: &str| {
        let mut query = Query::default();
        query.applications.search = search.into();
        dashboard(&world.state, &query, now(), New_York)
            .found
            .map(|page| {
                page.items
                    .into_iter()
                    .map(|f| (f.id, f.closed))
                    .collect::<Vec<_>>()
            })
    };
    assert_eq!(found("  "), None);
    assert_eq!(found("zurich MUNCHEN"), Some(vec![(munich.clone(), true)]));
    assert_eq!(found("backend"), Some(vec![(munich, true)]));
    assert_eq!(found("jose"), Some(vec![(noted.clone(), false)]));
    assert_eq!(found("lisbon bolt"), Some(vec![(noted, false)]));
    assert_eq!(found("engineer").map(|f| f.len()), Some(2));
    assert_eq!(found("nowhere"), Some(vec![]));
}
