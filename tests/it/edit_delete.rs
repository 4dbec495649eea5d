//! Every record the user's own (issue 17): applications, contacts and follow-ups corrected with
//! their history kept, bad input refused, and deletions that cascade and can be undone even after
//! the worker reloaded the state from storage.

use chrono_tz::America::New_York;
use follow_through::dashboard::lists::{followups, FollowUpQuery};
use follow_through::dashboard::timeline;
use follow_through::formats::backup::{export, plan_import, Mode};
use follow_through::formats::export::contacts_csv;
use follow_through::messages::{handle, Reply, Request, Step};
use follow_through::model::{Change, Field, Job, Link, Role, Stage, Status, What};
use follow_through::phrase::Key;
use follow_through::store::{
    ApplicationEdit, Command, ContactEdit, ContactInput, Edited, End, FollowUpEdit, NewEvent,
    SnoozeFor, State, StoreError, KEPT,
};
use serde_json::Value;
use std::collections::BTreeMap;

use super::{at, World, NOW};

impl World {
    /// Storage but the bookkeeping a deletion and its undo leave behind.
    fn records(&self) -> BTreeMap<String, Value> {
        let mut records = self.storage.clone();
        records.remove("meta");
        records.remove("trash");
        records
    }
}

impl World {
    /// Each command is refused with its message, and neither the state nor storage changes.
    fn refuses_changing_nothing<const N: usize>(&mut self, refusals: [(Command, &str); N]) {
        let state = self.state.clone();
        let storage = self.storage.clone();
        for (command, key) in refusals {
            match self.run(command) {
                Err(StoreError::Invalid(follow_through::phrase::Phrase::Message {
                    key: k,
                    ..
                })) => {
                    assert_eq!(k, key)
                }
                other => panic!("{key}: {other:?}"),
            }
        }
        assert_eq!(self.state, state);
        assert_eq!(self.storage, storage);
    }
}

fn job() -> Job {
    serde_json::from_value(serde_json::json!({
        "title": "Senior DevOps Engineer",
        "company": "PaperCut Software",
        "location": "Camberwell VIC 3124",
        "url": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
        "description": "Run the build farm.",
        "source": "jsonld"
    }))
    .unwrap()
}

/// A tracked and applied job with a recruiter met about it: events, follow-ups about the job
/// and about the person, and a link.
fn search() -> (World, String, String) {
    let mut world = World::default();
    let o = world.run(Command::Track { job: job() }).unwrap().unwrap();
    world
        .run(Command::MarkApplied {
            opportunity_id: o.clone(),
        })
        .unwrap();
    world
        .run(Command::SaveContact {
            contact: ContactInput {
                id: None,
                name: "Ana Lima".into(),
                email: Some("ana@papercut.example".into()),
                profile_url: None,
                links: vec![Link {
                    opportunity: o.clone(),
                    role: Role::Recruiter,
                }],
            },
        })
        .unwrap();
    let c = world.state.contacts.keys().next().unwrap().clone();
    world
        .run(Command::LogEvent {
            event: NewEvent {
                opportunity_id: None,
                contact_id: Some(c.clone()),
                at: None,
                with: None,
                what: What::Met { connected: true },
            },
        })
        .unwrap();
    (world, o, c)
}

fn pending_about(state: &State, f: impl Fn(&follow_through::model::FollowUp) -> bool) -> usize {
    state.pending_followups().filter(|x| f(x)).count()
}

#[test]
fn deleting_an_application_takes_its_events_and_links_and_undo_after_a_reload_restores_all() {
    let (mut world, o, c) = search();
    world.reload();
    let before = world.records();
    let state_before = world.state.clone();
    assert!(pending_about(&world.state, |f| f.opportunity.as_deref() == Some(&o)) > 0);

    world
        .run(Command::DeleteApplication {
            opportunity_id: o.clone(),
        })
        .unwrap();
    assert!(!world.storage.contains_key(&format!("opportunity/{o}")));
    assert!(world
        .state
        .events
        .values()
        .all(|e| e.opportunity.as_deref() != Some(&o)));
    assert!(world
        .storage
        .keys()
        .filter(|k| k.starts_with("event/"))
        .all(|k| world.storage[k]["opportunity"] != Value::String(o.clone())));
    let about: Vec<_> = world
        .state
        .followups
        .values()
        .filter(|f| f.opportunity.as_deref() == Some(&o))
        .collect();
    assert!(!about.is_empty());
    assert!(about
        .iter()
        .all(|f| !matches!(f.status, Status::Open | Status::Snoozed)));
    assert!(state_before
        .followups
        .values()
        .any(|f| f.opportunity.as_deref() == Some(&o)
            && f.status == Status::Open
            && world.state.followups[&f.id].status == Status::Cancelled));
    assert!(world.state.contacts[&c].links.is_empty(), "unlinked");
    assert_eq!(
        world.state.due_index(None),
        State::load(&world.storage).state.due_index(None)
    );

    world.reload();
    assert!(!world.state.opportunities.contains_key(&o));
    world.run(Command::Undo).unwrap();
    assert_eq!(world.records(), before, "every record as it was");
    world.reload();
    assert_eq!(world.state.opportunities, state_before.opportunities);
    assert_eq!(world.state.events, state_before.events);
    assert_eq!(world.state.followups, state_before.followups);
    assert_eq!(world.state.contacts, state_before.contacts);
    assert_eq!(
        world.state.opportunities[&o].job.description.as_deref(),
        Some("Run the build farm."),
        "the description stayed while it could be undone"
    );
}

#[test]
fn deleting_a_contact_unlinks_them_and_cancels_their_follow_ups_until_undone() {
    let (mut world, o, c) = search();
    let before = world.records();
    let state_before = world.state.clone();
    let theirs = pending_about(&world.state, |f| f.contact.as_deref() == Some(&c));
    assert!(theirs > 0, "the meeting planned a follow-up about them");

    world
        .run(Command::DeleteContact {
            contact_id: c.clone(),
        })
        .unwrap();
    assert!(!world.state.contacts.contains_key(&c));
    assert_eq!(
        pending_about(&world.state, |f| f.contact.as_deref() == Some(&c)),
        0
    );
    assert!(timeline(&world.state, &o, at(NOW), New_York)
        .unwrap()
        .contacts
        .is_empty());
    world.reload();
    assert!(
        !world.state.contacts.contains_key(&c),
        "gone from storage too"
    );

    world.run(Command::Undo).unwrap();
    assert_eq!(world.records(), before);
    world.reload();
    assert_eq!(world.state.contacts, state_before.contacts);
    assert_eq!(world.state.followups, state_before.followups);
}

#[test]
fn a_follow_up_or_an_event_is_deleted_alone_and_undone_last_first() {
    let (mut world, o, _) = search();
    let before = world.records();
    let f = world.state.pending_followups().next().unwrap().id.clone();
    let e = world
        .state
        .events
        .values()
        .find(|e| e.opportunity.as_deref() == Some(&o))
        .unwrap()
        .id
        .clone();
    world
        .run(Command::DeleteFollowUp {
            followup_id: f.clone(),
        })
        .unwrap();
    world
        .run(Command::DeleteEvent {
            event_id: e.clone(),
        })
        .unwrap();
    assert!(!world.storage.contains_key(&format!("followup/{f}")));
    assert!(!world.storage.contains_key(&format!("event/{e}")));
    world.reload();
    world.run(Command::Undo).unwrap();
    assert!(world.storage.contains_key(&format!("event/{e}")));
    assert!(!world.storage.contains_key(&format!("followup/{f}")));
    world.run(Command::Undo).unwrap();
    assert_eq!(world.records(), before);

    let untouched = world.storage.clone();
    let refused = world.run(Command::Undo).unwrap_err();
    assert_eq!(
        refused,
        StoreError::Invalid(Key("refusedNothingToUndo").phrase())
    );
    assert_eq!(world.storage, untouched, "a refusal changes nothing");
}

#[test]
fn only_the_last_deletions_are_kept_for_undo() {
    let (mut world, o, _) = search();
    for n in 0..=KEPT {
        let o = world
            .run(Command::Track {
                job: follow_through::capture::typed_in(
                    format!("Role {n}"),
                    "Acme".into(),
                    format!("https://jobs.example/{n}"),
                ),
            })
            .unwrap()
            .unwrap();
        world
            .run(Command::DeleteApplication { opportunity_id: o })
            .unwrap();
    }
    world.reload();
    assert_eq!(world.state.trash.deletions.len(), KEPT);
    for _ in 0..KEPT {
        world.run(Command::Undo).unwrap();
    }
    assert!(world.run(Command::Undo).is_err());
    assert_eq!(world.state.opportunities.len(), KEPT + 1);
    assert!(world.state.opportunities.contains_key(&o));
    assert!(!world
        .state
        .opportunities
        .values()
        .any(|o| o.job.title == "Role 0"));
}

#[test]
fn edits_are_kept_with_what_each_field_was_and_shown_on_the_timeline() {
    let (mut world, o, c) = search();
    let edit = ApplicationEdit {
        title: "Senior DevOps Engineer".into(),
        company: "  PaperCut   Software Pty Ltd ".into(),
        location: "Melbourne".into(),
        link: "https://www.papercut.com/careers/devops".into(),
        salary: String::new(),
        notes: "Asked for the salary band.".into(),
    };
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: edit.clone(),
        })
        .unwrap();
    world.reload();
    let edited = &world.state.opportunities[&o];
    assert_eq!(
        edited.job.company.as_deref(),
        Some("PaperCut Software Pty Ltd")
    );
    assert_eq!(edited.notes.as_deref(), Some("Asked for the salary band."));
    assert_eq!(edited.edits.len(), 1);
    assert_eq!(
        edited.edits[0].changes[0],
        Change {
            field: Field::Company,
            was: Some("PaperCut Software".into()),
            is: Some("PaperCut Software Pty Ltd".into())
        }
    );
    let fields: Vec<Field> = edited.edits[0].changes.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [Field::Company, Field::Location, Field::Link, Field::Notes]
    );
    let tl = timeline(&world.state, &o, at(NOW), New_York).unwrap();
    assert_eq!(tl.form.company, "PaperCut Software Pty Ltd");
    let said: Vec<String> = tl.entries.iter().map(|e| e.text.english()).collect();
    assert!(said.contains(&"Edited the company".to_string()), "{said:?}");

    let untouched = world.storage.clone();
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: ApplicationEdit {
                company: "PaperCut Software Pty Ltd".into(),
                ..edit
            },
        })
        .unwrap();
    assert_eq!(world.storage, untouched, "the same values change nothing");

    world
        .run(Command::EditContact {
            contact_id: c.clone(),
            edit: ContactEdit {
                name: "Ana Lima-Souza".into(),
                email: "ana@papercut.example".into(),
                phone: String::new(),
                headline: "Talent partner".into(),
                company: "PaperCut".into(),
                notes: "Prefers email.".into(),
            },
        })
        .unwrap();
    world.reload();
    let contact = &world.state.contacts[&c];
    assert_eq!(contact.name, "Ana Lima-Souza");
    assert_eq!(contact.notes.as_deref(), Some("Prefers email."));
    assert_eq!(
        contact.edits[0].changes[0],
        Change {
            field: Field::Name,
            was: Some("Ana Lima".into()),
            is: Some("Ana Lima-Souza".into())
        }
    );
}

#[test]
fn invalid_edits_are_refused_in_words_and_change_nothing() {
    let (mut world, o, c) = search();
    let good = ApplicationEdit {
        title: "Senior DevOps Engineer".into(),
        ..ApplicationEdit::default()
    };
    let person = ContactEdit {
        name: "Ana Lima".into(),
        ..ContactEdit::default()
    };
    let refusals = [
        (
            Command::EditApplication {
                opportunity_id: o.clone(),
                edit: ApplicationEdit {
                    title: "   ".into(),
                    ..good.clone()
                },
            },
            "refusedNoTitle",
        ),
        (
            Command::EditApplication {
                opportunity_id: o.clone(),
                edit: ApplicationEdit {
                    link: "javascript:alert(1)".into(),
                    ..good.clone()
                },
            },
            "refusedLink",
        ),
        (
            Command::EditContact {
                contact_id: c.clone(),
                edit: ContactEdit {
                    name: " ".into(),
                    ..person.clone()
                },
            },
            "refusedNoName",
        ),
        (
            Command::EditContact {
                contact_id: c.clone(),
                edit: ContactEdit {
                    email: "ana at papercut".into(),
                    ..person.clone()
                },
            },
            "refusedEmail",
        ),
    ];
    world.refuses_changing_nothing(refusals);
    assert!(matches!(
        world.run(Command::DeleteApplication {
            opportunity_id: "o999".into()
        }),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn undoing_a_deleted_application_relinks_its_people_and_keeps_corrections_made_since() {
    let (mut world, o, c) = search();
    world
        .run(Command::DeleteApplication {
            opportunity_id: o.clone(),
        })
        .unwrap();
    world
        .run(Command::EditContact {
            contact_id: c.clone(),
            edit: ContactEdit {
                name: "Ana Lima-Souza".into(),
                email: "ana@papercut.example".into(),
                ..ContactEdit::default()
            },
        })
        .unwrap();
    world.reload();
    world.run(Command::Undo).unwrap();
    world.reload();
    let contact = &world.state.contacts[&c];
    assert_eq!(contact.name, "Ana Lima-Souza");
    assert_eq!(contact.role_in(&o), Some(Role::Recruiter));
}

#[test]
fn restoring_a_backup_in_place_of_everything_leaves_nothing_to_undo_even_after_a_reload() {
    let (mut world, o, _) = search();
    let backup = export(&world.state, at(NOW));
    world
        .run(Command::DeleteApplication { opportunity_id: o })
        .unwrap();
    let plan = plan_import(&world.state, &backup, Mode::Replace).unwrap();
    world.write(&plan.changes);
    world.reload();
    assert!(world.state.trash.deletions.is_empty());
    assert_eq!(
        world.run(Command::Undo),
        Err(StoreError::Invalid(Key("refusedNothingToUndo").phrase()))
    );
}

/// The first pending follow-up about the job, soonest first.
fn first_about(state: &State, o: &str) -> follow_through::model::FollowUp {
    state
        .pending_followups()
        .filter(|f| f.opportunity.as_deref() == Some(o))
        .min_by_key(|f| (f.due, f.id.clone()))
        .unwrap()
        .clone()
}

#[test]
fn a_follow_up_edit_keeps_the_words_it_replaced_and_the_due_time_it_moved_as_a_snooze() {
    let (mut world, o, _) = search();
    let before = first_about(&world.state, &o);
    let row = |state: &State| {
        followups(state, &FollowUpQuery::default(), at(NOW), New_York)
            .items
            .into_iter()
            .find(|r| r.id == before.id)
            .unwrap()
    };
    let shown = row(&world.state);
    assert_eq!(
        shown.form,
        FollowUpEdit::of(&shown.text.english(), before.due, New_York),
        "the form starts with the words shown and the due time in the user's zone"
    );
    let mut stale = world.state.clone();
    stale.followups.get_mut(&before.id).unwrap().text = "Words kept from another time".into();
    for state in [&mut world.state, &mut stale] {
        let save = Request::Command {
            command: Command::EditFollowUp {
                followup_id: before.id.clone(),
                edit: shown.form.clone(),
            },
        };
        match handle(state, save, at(NOW), New_York) {
            Step::Reply(Reply::Updated { .. }, changes) => {
                assert!(
                    changes.is_empty(),
                    "saving the form as shown changes nothing"
                )
            }
            _ => panic!("the unchanged form was refused"),
        }
    }
    assert_eq!(world.state.followups[&before.id], before);

    world
        .run(Command::EditFollowUp {
            followup_id: before.id.clone(),
            edit: FollowUpEdit {
                text: "  Ask   Ana about the team's on-call ".into(),
                date: "2026-03-17".into(),
                time: "10:30".into(),
            },
        })
        .unwrap();
    world.reload();
    let f = &world.state.followups[&before.id];
    assert_eq!(f.text, "Ask Ana about the team's on-call");
    assert_eq!(
        f.due,
        at("2026-03-17T14:30:00Z"),
        "10:30 in New York, daylight time"
    );
    assert_eq!(f.status, Status::Snoozed);
    assert_eq!(
        f.edits[0].changes,
        [Change {
            field: Field::Words,
            was: Some(before.text.clone()),
            is: Some("Ask Ana about the team's on-call".into())
        }]
    );
    assert_eq!(f.edits[0].at, at(NOW));
    let moved = f.snoozes.last().unwrap();
    assert_eq!(
        (moved.at, moved.from, moved.until),
        (at(NOW), before.due, at("2026-03-17T14:30:00Z"))
    );
    assert_eq!(
        world.state.due_index(None),
        State::load(&world.storage).state.due_index(None),
        "the due index was rewritten with it"
    );
    let shown = row(&world.state);
    assert_eq!(shown.text.english(), "Ask Ana about the team's on-call");
    assert_eq!(
        (shown.form.date.as_str(), shown.form.time.as_str()),
        ("2026-03-17", "10:30")
    );
    let said: Vec<String> = timeline(&world.state, &o, at(NOW), New_York)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.text.english())
        .collect();
    assert!(
        said.contains(&"Edited the words of a follow-up".to_string()),
        "{said:?}"
    );

    world
        .run(Command::EditFollowUp {
            followup_id: before.id.clone(),
            edit: FollowUpEdit {
                text: "Ask Ana about the team's on-call".into(),
                date: "2026-03-09".into(),
                time: "09:00".into(),
            },
        })
        .unwrap();
    let f = &world.state.followups[&before.id];
    assert!(
        f.edits[1].changes.is_empty(),
        "the words did not change again: the edit only marks the due time Undo can take back"
    );
    assert_eq!(f.snoozes.len(), before.snoozes.len() + 2, "both moves kept");
    assert_eq!(f.due, at("2026-03-09T13:00:00Z"));
}

#[test]
fn follow_up_edits_are_refused_in_words_and_change_nothing() {
    let (mut world, o, _) = search();
    let f = first_about(&world.state, &o);
    let good = FollowUpEdit::of(&f.text, f.due, New_York);
    let edit = |change: fn(&mut FollowUpEdit)| {
        let mut edit = good.clone();
        change(&mut edit);
        Command::EditFollowUp {
            followup_id: f.id.clone(),
            edit,
        }
    };
    let refusals = [
        (edit(|e| e.text = "  ".into()), "refusedNoWords"),
        (edit(|e| e.date = "next week".into()), "refusedDueTime"),
        (edit(|e| e.time = String::new()), "refusedDueTime"),
        (
            edit(|e| {
                e.date = "2026-03-08".into();
                e.time = "02:30".into();
            }),
            "refusedDueTime",
        ),
        (
            edit(|e| {
                e.date = "2026-03-06".into();
                e.time = "09:00".into();
            }),
            "refusedDueInPast",
        ),
    ];
    world.refuses_changing_nothing(refusals);

    world
        .run(Command::CompleteFollowUp {
            followup_id: f.id.clone(),
            outcome: None,
        })
        .unwrap();
    assert_eq!(
        world.run(edit(|e| e.text = "Too late".into())),
        Err(StoreError::Invalid(Key("refusedEnded").phrase())),
        "an ended follow-up is history"
    );
}

#[test]
fn a_deleted_follow_up_comes_back_with_undo_after_a_reload() {
    let (mut world, o, _) = search();
    let before = world.records();
    let f = first_about(&world.state, &o);
    world
        .run(Command::DeleteFollowUp {
            followup_id: f.id.clone(),
        })
        .unwrap();
    assert!(!world.state.followups.contains_key(&f.id));
    assert!(!world
        .state
        .due_index(None)
        .iter()
        .any(|(_, index)| index.due.contains(&f.due)));
    world.reload();
    world.run(Command::Undo).unwrap();
    assert_eq!(
        world.records(),
        before,
        "every record as it was, the due index too"
    );
    world.reload();
    assert_eq!(world.state.followups[&f.id], f);
}

#[test]
fn deleting_an_event_cancels_the_follow_ups_it_planned_until_undone() {
    let (mut world, o, _) = search();
    let before = world.records();
    let state_before = world.state.clone();
    let applied = world
        .state
        .events
        .values()
        .find(|e| e.opportunity.as_deref() == Some(&o) && e.what == What::Applied)
        .unwrap()
        .id
        .clone();
    let answering: Vec<String> = world
        .state
        .pending_followups()
        .filter(|f| f.event == applied)
        .map(|f| f.id.clone())
        .collect();
    assert!(!answering.is_empty(), "applying planned a follow-up");
    let others: Vec<String> = world
        .state
        .pending_followups()
        .filter(|f| f.event != applied)
        .map(|f| f.id.clone())
        .collect();

    world
        .run(Command::DeleteEvent {
            event_id: applied.clone(),
        })
        .unwrap();
    world.reload();
    assert!(!world.state.events.contains_key(&applied));
    for id in &answering {
        assert_eq!(world.state.followups[id].status, Status::Cancelled, "{id}");
    }
    for id in &others {
        assert!(world.state.followups[id].is_pending(), "{id} untouched");
    }
    let tl = timeline(&world.state, &o, at(NOW), New_York).unwrap();
    assert!(tl
        .entries
        .iter()
        .all(|e| e.event.as_deref() != Some(&applied)));
    assert!(
        tl.entries.iter().any(|e| e.event.is_some()),
        "the others stay deletable"
    );

    world.run(Command::Undo).unwrap();
    assert_eq!(world.records(), before);
    world.reload();
    assert_eq!(world.state.events, state_before.events);
    assert_eq!(world.state.followups, state_before.followups);
}

#[test]
fn salary_and_phone_are_corrected_with_their_history_exported_and_backed_up() {
    let (mut world, o, c) = search();
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: ApplicationEdit {
                title: "Senior DevOps Engineer".into(),
                company: "PaperCut Software".into(),
                location: "Camberwell VIC 3124".into(),
                link: "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2".into(),
                salary: " A$150,000 –  A$170,000 ".into(),
                notes: String::new(),
            },
        })
        .unwrap();
    world
        .run(Command::EditContact {
            contact_id: c.clone(),
            edit: ContactEdit {
                name: "Ana Lima".into(),
                email: "ana@papercut.example".into(),
                phone: "+61 3 9000 0000".into(),
                ..ContactEdit::default()
            },
        })
        .unwrap();
    world.reload();
    let job = &world.state.opportunities[&o];
    assert_eq!(job.job.salary.as_deref(), Some("A$150,000 – A$170,000"));
    assert_eq!(
        job.edits[0].changes,
        [Change {
            field: Field::Salary,
            was: None,
            is: Some("A$150,000 – A$170,000".into())
        }]
    );
    let tl = timeline(&world.state, &o, at(NOW), New_York).unwrap();
    assert_eq!(tl.salary.as_deref(), Some("A$150,000 – A$170,000"));
    assert_eq!(tl.form.salary, "A$150,000 – A$170,000");
    let said: Vec<String> = tl.entries.iter().map(|e| e.text.english()).collect();
    assert!(said.contains(&"Edited the salary".to_string()), "{said:?}");
    let person = &world.state.contacts[&c];
    assert_eq!(person.phone.as_deref(), Some("+61 3 9000 0000"));
    assert_eq!(person.edits[0].changes[0].field, Field::Phone);
    let row = &tl.contacts[0];
    assert_eq!(row.phone.as_deref(), Some("+61 3 9000 0000"));
    assert_eq!(row.form.phone, "+61 3 9000 0000");

    let csv = contacts_csv(&world.state);
    let header = csv.lines().next().unwrap();
    assert!(header.contains("Email,Phone,"), "{header}");
    assert!(csv.contains("+61 3 9000 0000"));

    let backup = export(&world.state, at(NOW));
    let restored = plan_import(&State::default(), &backup, Mode::Replace).unwrap();
    let mut fresh = World::default();
    fresh.write(&restored.changes);
    fresh.reload();
    assert_eq!(
        fresh.state.contacts[&c].phone.as_deref(),
        Some("+61 3 9000 0000")
    );
}

#[test]
fn a_contact_stored_before_phones_loads_without_one() {
    let (mut world, _, c) = search();
    world.reload();
    assert!(world
        .storage
        .values()
        .all(|record| !record.to_string().contains("\"phone\"")));
    assert_eq!(world.state.contacts[&c].phone, None);
}

/// The command that undoes the last edit of `record`.
fn undo_edit(record: Edited) -> Command {
    Command::UndoEdit { record }
}

#[test]
fn undoing_an_application_edit_after_a_reload_puts_back_every_field_and_forgets_the_edit() {
    let (mut world, o, _) = search();
    let before = world.records();
    let state_before = world.state.opportunities[&o].clone();
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: ApplicationEdit {
                title: "Staff DevOps Engineer".into(),
                company: "PaperCut".into(),
                location: String::new(),
                link: "https://papercut.example/jobs/1".into(),
                salary: "A$170,000".into(),
                notes: "Call Ana first.".into(),
            },
        })
        .unwrap();
    world.reload();
    let undone = world
        .run(undo_edit(Edited::Application(o.clone())))
        .unwrap();
    assert_eq!(undone.as_deref(), Some(o.as_str()));
    assert_eq!(world.records(), before, "storage as before the edit");
    world.reload();
    assert_eq!(world.state.opportunities[&o], state_before);
    let said: Vec<String> = timeline(&world.state, &o, at(NOW), New_York)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.text.english())
        .collect();
    assert!(
        !said.iter().any(|s| s.starts_with("Edited")),
        "the timeline says nothing of an undone edit: {said:?}"
    );
    world.refuses_changing_nothing([(
        undo_edit(Edited::Application(o.clone())),
        "refusedNothingToUndo",
    )]);
}

#[test]
fn undoing_an_edit_takes_back_only_the_last_one() {
    let (mut world, o, _) = search();
    let edit = |company: &str| Command::EditApplication {
        opportunity_id: o.clone(),
        edit: ApplicationEdit {
            title: "Senior DevOps Engineer".into(),
            company: company.into(),
            location: "Camberwell VIC 3124".into(),
            link: "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2".into(),
            ..ApplicationEdit::default()
        },
    };
    world.run(edit("PaperCut")).unwrap();
    world.run(edit("PaperCut Pty Ltd")).unwrap();
    world
        .run(undo_edit(Edited::Application(o.clone())))
        .unwrap();
    let job = &world.state.opportunities[&o];
    assert_eq!(job.job.company.as_deref(), Some("PaperCut"));
    assert_eq!(job.edits.len(), 1, "the first edit stays in the history");
}

#[test]
fn undoing_a_contact_edit_puts_back_its_name_and_emptied_fields() {
    let (mut world, _, c) = search();
    let before = world.state.contacts[&c].clone();
    world
        .run(Command::EditContact {
            contact_id: c.clone(),
            edit: ContactEdit {
                name: "Ana Lima-Souza".into(),
                phone: "+61 3 9000 0000".into(),
                ..ContactEdit::default()
            },
        })
        .unwrap();
    assert_eq!(
        world.state.contacts[&c].email, None,
        "the email was emptied"
    );
    world.reload();
    world.run(undo_edit(Edited::Contact(c.clone()))).unwrap();
    world.reload();
    assert_eq!(world.state.contacts[&c], before);
}

#[test]
fn undoing_a_follow_up_edit_puts_back_its_words_due_time_and_status_after_a_reload() {
    let (mut world, o, _) = search();
    let before = first_about(&world.state, &o);
    world
        .run(Command::EditFollowUp {
            followup_id: before.id.clone(),
            edit: FollowUpEdit {
                text: "Ask Ana about the on-call".into(),
                date: "2026-03-17".into(),
                time: "10:30".into(),
            },
        })
        .unwrap();
    assert_eq!(world.state.followups[&before.id].status, Status::Snoozed);
    world.reload();
    let undone = world
        .run(undo_edit(Edited::FollowUp(before.id.clone())))
        .unwrap();
    assert_eq!(undone.as_deref(), Some(o.as_str()));
    world.reload();
    assert_eq!(world.state.followups[&before.id], before);
    assert_eq!(
        world.state.due_index(None),
        State::load(&world.storage).state.due_index(None),
        "the due index was rewritten with it"
    );
}

#[test]
fn undoing_an_edit_is_refused_in_words_when_the_record_changed_since_or_is_gone() {
    let (mut world, o, c) = search();
    let f = first_about(&world.state, &o);
    world
        .run(Command::EditFollowUp {
            followup_id: f.id.clone(),
            edit: FollowUpEdit {
                text: "Ask Ana about the on-call".into(),
                ..FollowUpEdit::of(&f.text, f.due, New_York)
            },
        })
        .unwrap();
    world
        .run(Command::Snooze {
            followup_id: f.id.clone(),
            by: SnoozeFor::OneWeek,
        })
        .unwrap();
    world
        .run(Command::EditContact {
            contact_id: c.clone(),
            edit: ContactEdit {
                name: "Ana Lima-Souza".into(),
                ..ContactEdit::default()
            },
        })
        .unwrap();
    world
        .run(Command::SaveContact {
            contact: ContactInput {
                id: Some(c.clone()),
                name: "Ana Souza".into(),
                email: None,
                profile_url: None,
                links: Vec::new(),
            },
        })
        .unwrap();
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: ApplicationEdit {
                title: "Staff DevOps Engineer".into(),
                ..ApplicationEdit::default()
            },
        })
        .unwrap();
    world
        .run(Command::DeleteApplication {
            opportunity_id: o.clone(),
        })
        .unwrap();
    world.refuses_changing_nothing([
        (
            undo_edit(Edited::FollowUp(f.id.clone())),
            "refusedEditChangedSince",
        ),
        (
            undo_edit(Edited::Contact(c.clone())),
            "refusedEditChangedSince",
        ),
        (undo_edit(Edited::Application(o.clone())), "refusedEditGone"),
    ]);
}

/// The id of the opportunity's first event that is `what`.
fn event_of(state: &State, o: &str, what: &What) -> String {
    state
        .events
        .values()
        .find(|e| e.opportunity.as_deref() == Some(o) && e.what == *what)
        .unwrap()
        .id
        .clone()
}

#[test]
fn deleting_the_event_that_set_the_stage_moves_the_stage_back_until_undone_after_a_reload() {
    let (mut world, o, _) = search();
    assert_eq!(world.state.opportunities[&o].stage, Stage::Applied);
    let before = world.records();
    let applied = event_of(&world.state, &o, &What::Applied);
    world
        .run(Command::DeleteEvent { event_id: applied })
        .unwrap();
    world.reload();
    assert_eq!(
        world.state.opportunities[&o].stage,
        Stage::Saved,
        "no event left says it was applied to"
    );
    world.run(Command::Undo).unwrap();
    assert_eq!(world.records(), before, "the event and the stage are back");
    world.reload();
    assert_eq!(world.state.opportunities[&o].stage, Stage::Applied);
}

#[test]
fn deleting_an_interview_leaves_the_stage_the_remaining_events_say() {
    let (mut world, o, _) = search();
    world
        .run(Command::LogEvent {
            event: NewEvent {
                opportunity_id: Some(o.clone()),
                contact_id: None,
                at: None,
                with: None,
                what: What::Interviewed {
                    decision_date: None,
                },
            },
        })
        .unwrap();
    let applied = event_of(&world.state, &o, &What::Applied);
    world
        .run(Command::DeleteEvent { event_id: applied })
        .unwrap();
    assert_eq!(
        world.state.opportunities[&o].stage,
        Stage::Interviewing,
        "the interview set the stage, not the application"
    );
    world.run(Command::Undo).unwrap();
    let interview = event_of(
        &world.state,
        &o,
        &What::Interviewed {
            decision_date: None,
        },
    );
    world
        .run(Command::DeleteEvent {
            event_id: interview,
        })
        .unwrap();
    assert_eq!(world.state.opportunities[&o].stage, Stage::Applied);
}

#[test]
fn deleting_an_event_keeps_a_stage_moved_by_hand_since() {
    let (mut world, o, _) = search();
    world
        .run(Command::EndOpportunity {
            opportunity_id: o.clone(),
            end: End::Rejected,
            contact_id: None,
        })
        .unwrap();
    let applied = event_of(&world.state, &o, &What::Applied);
    world
        .run(Command::DeleteEvent { event_id: applied })
        .unwrap();
    assert_eq!(world.state.opportunities[&o].stage, Stage::Rejected);
}

#[test]
fn undoing_a_deleted_event_gives_back_the_stage_and_keeps_an_edit_made_since() {
    let (mut world, o, _) = search();
    let applied = event_of(&world.state, &o, &What::Applied);
    world
        .run(Command::DeleteEvent { event_id: applied })
        .unwrap();
    world
        .run(Command::EditApplication {
            opportunity_id: o.clone(),
            edit: ApplicationEdit {
                title: "Staff DevOps Engineer".into(),
                ..ApplicationEdit::default()
            },
        })
        .unwrap();
    world.run(Command::Undo).unwrap();
    let job = &world.state.opportunities[&o];
    assert_eq!(job.stage, Stage::Applied);
    assert_eq!(job.job.title, "Staff DevOps Engineer");
}
