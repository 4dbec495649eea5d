//! Two computers of one user, each with its own store, kept in step through the synced
//! document the way the browser's sync area carries it: what the user tracks, logs and does on
//! one is on the other with the follow-ups it planned, and what both did to one follow-up while
//! apart ends the same on both.

use super::{at, World, NOW};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::America::New_York;
use follow_through::model::{Job, Outcome, Rule, Stage, Status};
use follow_through::store::{Command, FollowUpEdit, SnoozeFor, State};
use follow_through::sync::local::{Local, Round};
use follow_through::sync::pack::{item_bytes, pack, unpack, Quota, SYNC_QUOTA};
use follow_through::sync::{self, Clock, Doc, Replica};
use std::collections::{BTreeMap, BTreeSet};

/// A follow-up as the user sees it: rule, touch, status, due and words.
type Shown = (Rule, u32, Status, DateTime<Utc>, String);

/// What the user sees of the whole store (`Computer::seen`).
type Seen = (Vec<(String, Stage)>, Vec<String>, Vec<Shown>);

struct Computer {
    world: World,
    doc: Doc,
    clock: Clock,
}

impl Computer {
    fn new(name: &str) -> Computer {
        Computer {
            world: World::default(),
            doc: Doc::default(),
            clock: Clock::new(Replica::parse(name).unwrap()),
        }
    }

    fn replica(&self) -> Replica {
        self.clock.replica.clone()
    }

    /// The user does something here at `when`; its changes go into this computer's document.
    fn does(&mut self, command: Command, when: DateTime<Utc>) -> Option<String> {
        self.attempts(command, when).unwrap()
    }

    /// `does`, for a command the store may refuse.
    fn attempts(
        &mut self,
        command: Command,
        when: DateTime<Utc>,
    ) -> Result<Option<String>, follow_through::store::StoreError> {
        let applied = self.world.state.apply(command, when, New_York)?;
        self.world.write(&applied.changes);
        let stamp = self.clock.tick(when);
        let replica = self.replica();
        sync::write(
            &mut self.doc,
            &self.world.state,
            &applied.changes,
            &replica,
            &stamp,
        );
        Ok(applied.opportunity.map(|o| o.id))
    }

    /// This computer hears from `other`: merges its document, brings what changed into the
    /// store, and is stopped and started again on what it stored.
    fn hears_from(&mut self, other: &Computer, _when: DateTime<Utc>) {
        let keys = self.doc.merge(&other.doc);
        if let Some(latest) = other.doc.latest() {
            self.clock.observe(latest);
        }
        let replica = self.replica();
        let changes = sync::apply(&mut self.world.state, &self.doc, &keys, &replica);
        self.world.write(&changes);
        let kept = self.world.state.clone();
        self.world.reload();
        assert_same_records(&self.world.state, &kept);
    }

    /// The follow-ups as the user sees them: rule, touch, status, due and words, in due order.
    fn followups(&self) -> Vec<Shown> {
        let mut all: Vec<_> = self
            .world
            .state
            .followups
            .values()
            .map(|f| (f.rule, f.touch, f.status, f.due, f.text.clone()))
            .collect();
        all.sort_by_key(|f| (f.3, f.0));
        all
    }

    fn only(&self, rule: Rule) -> String {
        let ids: Vec<&String> = self
            .world
            .state
            .followups
            .values()
            .filter(|f| f.rule == rule && f.is_pending())
            .map(|f| &f.id)
            .collect();
        assert_eq!(ids.len(), 1, "one pending {rule:?}");
        ids[0].clone()
    }
}

/// The records a stopped computer reads back are those it kept in memory (a posting's
/// description aside: it is read where it is shown, and one that another computer deleted stays
/// in storage, so the application comes back with it if the deletion is taken back).
fn assert_same_records(loaded: &State, kept: &State) {
    let without_descriptions = |s: &State| {
        let mut all = s.opportunities.clone();
        all.values_mut().for_each(|o| o.job.description = None);
        all
    };
    assert_eq!(without_descriptions(loaded), without_descriptions(kept));
    assert_eq!(loaded.contacts, kept.contacts);
    assert_eq!(loaded.events, kept.events);
    assert_eq!(loaded.followups, kept.followups);
    assert_eq!(loaded.settings, kept.settings);
    assert_eq!(loaded.aliases, kept.aliases);
    assert_eq!(loaded.meta, kept.meta);
}

fn job() -> Job {
    serde_json::from_value(serde_json::json!({
        "title": "Senior DevOps Engineer",
        "company": "PaperCut Software",
        "location": "Camberwell VIC 3124",
        "url": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
        "description": "Long text that stays on the computer that captured it.",
        "source": "jsonld"
    }))
    .unwrap()
}

fn minutes(n: i64) -> DateTime<Utc> {
    at(NOW) + Duration::minutes(n)
}

/// A laptop that tracked a posting and applied, and a desktop that has heard from it.
fn applied_on_laptop() -> (Computer, Computer, String) {
    let mut laptop = Computer::new("laptop");
    let mut desktop = Computer::new("desktop");
    let id = laptop
        .does(Command::Track { job: job() }, minutes(0))
        .unwrap();
    laptop.does(
        Command::MarkApplied {
            opportunity_id: id.clone(),
        },
        minutes(1),
    );
    desktop.hears_from(&laptop, minutes(2));
    (laptop, desktop, id)
}

#[test]
fn an_application_tracked_and_applied_on_one_computer_is_on_the_other_with_the_same_plan() {
    let (laptop, desktop, id) = applied_on_laptop();
    let there: Vec<_> = desktop.world.state.opportunities.values().collect();
    assert_eq!(there.len(), 1);
    assert_eq!(there[0].id, format!("{id}.laptop"));
    assert_eq!(there[0].job.title, "Senior DevOps Engineer");
    assert_eq!(there[0].stage, Stage::Applied);
    assert_eq!(
        there[0].job.description, None,
        "descriptions stay where captured"
    );
    assert_eq!(desktop.followups(), laptop.followups());
    assert!(!desktop.followups().is_empty());
}

#[test]
fn a_follow_up_done_on_one_computer_and_snoozed_on_the_other_while_apart_is_done_on_both() {
    let (mut laptop, mut desktop, _) = applied_on_laptop();
    let on_laptop = laptop.only(Rule::R3);
    laptop.does(
        Command::CompleteFollowUp {
            followup_id: on_laptop,
            outcome: None,
        },
        minutes(10),
    );
    let on_desktop = desktop.only(Rule::R3);
    desktop.does(
        Command::Snooze {
            followup_id: on_desktop,
            by: SnoozeFor::ThreeDays,
        },
        minutes(11),
    );
    desktop.hears_from(&laptop, minutes(12));
    laptop.hears_from(&desktop, minutes(13));
    assert_eq!(laptop.doc, desktop.doc);
    assert_eq!(laptop.followups(), desktop.followups());
    let r3: Vec<_> = laptop
        .followups()
        .into_iter()
        .filter(|f| f.0 == Rule::R3)
        .collect();
    assert_eq!(r3.len(), 1);
    assert_eq!(r3[0].2, Status::Done);
}

#[test]
fn a_touch_with_no_answer_on_one_computer_plans_the_next_touch_on_both() {
    let (mut laptop, mut desktop, _) = applied_on_laptop();
    let call = laptop.only(Rule::R3);
    laptop.does(
        Command::CompleteFollowUp {
            followup_id: call,
            outcome: Some(Outcome::NoAnswer),
        },
        minutes(10),
    );
    desktop.hears_from(&laptop, minutes(11));
    assert_eq!(desktop.followups(), laptop.followups());
    desktop.only(Rule::R4);
    let second = desktop.only(Rule::R4);
    desktop.does(
        Command::Snooze {
            followup_id: second,
            by: SnoozeFor::OneWeek,
        },
        minutes(12),
    );
    laptop.hears_from(&desktop, minutes(13));
    assert_eq!(desktop.followups(), laptop.followups());
}

#[test]
fn words_the_user_rewrote_on_one_computer_are_the_words_on_the_other() {
    let (mut laptop, mut desktop, _) = applied_on_laptop();
    let call = desktop.only(Rule::R3);
    let due = desktop.world.state.followups[&call].due;
    let edit = FollowUpEdit::of("Call Dana at PaperCut about the DevOps role", due, New_York);
    desktop.does(
        Command::EditFollowUp {
            followup_id: call,
            edit,
        },
        minutes(5),
    );
    laptop.hears_from(&desktop, minutes(6));
    let words = |c: &Computer| {
        let f = &c.world.state.followups[&c.only(Rule::R3)];
        (f.text.clone(), f.own_words())
    };
    assert_eq!(
        words(&laptop),
        ("Call Dana at PaperCut about the DevOps role".into(), true)
    );
    assert_eq!(words(&laptop), words(&desktop));
}

#[test]
fn an_application_deleted_on_one_computer_is_gone_from_the_other_until_undone() {
    let (mut laptop, mut desktop, id) = applied_on_laptop();
    laptop.does(
        Command::DeleteApplication {
            opportunity_id: id.clone(),
        },
        minutes(5),
    );
    desktop.hears_from(&laptop, minutes(6));
    assert!(desktop.world.state.opportunities.is_empty());
    assert!(desktop.world.state.events.is_empty());
    assert!(desktop.world.state.pending_followups().next().is_none());
    laptop.does(Command::Undo, minutes(7));
    desktop.hears_from(&laptop, minutes(8));
    assert_eq!(desktop.world.state.opportunities.len(), 1);
    let pending = |c: &Computer| {
        let mut p: Vec<_> = c
            .followups()
            .into_iter()
            .filter(|f| f.2 == Status::Open)
            .collect();
        p.sort_by_key(|f| (f.3, f.0));
        p
    };
    assert_eq!(pending(&desktop), pending(&laptop));
}

#[test]
fn an_event_logged_on_each_computer_while_apart_is_on_both() {
    let (mut laptop, mut desktop, id) = applied_on_laptop();
    let log = |what: serde_json::Value, id: &str| Command::LogEvent {
        event: serde_json::from_value(serde_json::json!({
            "opportunityId": id,
            "kind": what,
        }))
        .unwrap(),
    };
    laptop.does(log("interviewed".into(), &id), minutes(5));
    desktop.does(log("offer".into(), &format!("{id}.laptop")), minutes(6));
    desktop.hears_from(&laptop, minutes(7));
    laptop.hears_from(&desktop, minutes(8));
    assert_eq!(laptop.doc, desktop.doc);
    assert_eq!(laptop.world.state.events.len(), 4);
    assert_eq!(desktop.world.state.events.len(), 4);
    assert_eq!(laptop.followups(), desktop.followups());
}

/// What one computer's user does, picked by position among what is there.
#[derive(Debug, Clone)]
enum Doing {
    Track(usize),
    Apply(usize),
    Log(usize, &'static str),
    Complete(usize, Option<Outcome>),
    Snooze(usize),
    DeleteApplication(usize),
    DeleteFollowUp(usize),
    Undo,
}

fn doing() -> impl proptest::strategy::Strategy<Value = Doing> {
    use proptest::prelude::*;
    let outcome = prop_oneof![
        Just(None),
        Just(Some(Outcome::NoAnswer)),
        Just(Some(Outcome::Answered))
    ];
    let kind = prop_oneof![
        Just("interviewed"),
        Just("offer"),
        Just("rejected"),
        Just("reply")
    ];
    prop_oneof![
        2 => (0..3usize).prop_map(Doing::Track),
        2 => (0..4usize).prop_map(Doing::Apply),
        2 => (0..4usize, kind).prop_map(|(n, k)| Doing::Log(n, k)),
        3 => (0..6usize, outcome).prop_map(|(n, o)| Doing::Complete(n, o)),
        2 => (0..6usize).prop_map(Doing::Snooze),
        1 => (0..4usize).prop_map(Doing::DeleteApplication),
        1 => (0..6usize).prop_map(Doing::DeleteFollowUp),
        1 => Just(Doing::Undo),
    ]
}

fn nth_opportunity(c: &Computer, n: usize) -> Option<String> {
    c.world.state.opportunities.keys().nth(n).cloned()
}

fn nth_pending(c: &Computer, n: usize) -> Option<String> {
    let mut pending: Vec<_> = c.world.state.pending_followups().collect();
    pending.sort_by_key(|f| (f.due, f.rule));
    pending.get(n).map(|f| f.id.clone())
}

impl Computer {
    /// Does `doing` if there is something to do it to and the store accepts it.
    fn tries(&mut self, doing: &Doing, when: DateTime<Utc>) {
        let command = match doing.clone() {
            Doing::Track(k) => {
                let mut job = job();
                job.url = Some(format!("https://boards.greenhouse.io/acme/jobs/{k}"));
                job.title = format!("Engineer {k}");
                Some(Command::Track { job })
            }
            Doing::Apply(n) => nth_opportunity(self, n)
                .map(|opportunity_id| Command::MarkApplied { opportunity_id }),
            Doing::Log(n, kind) => nth_opportunity(self, n).map(|id| Command::LogEvent {
                event: serde_json::from_value(
                    serde_json::json!({"opportunityId": id, "kind": kind, "with": "Dana Reyes"}),
                )
                .unwrap(),
            }),
            Doing::Complete(n, outcome) => {
                nth_pending(self, n).map(|followup_id| Command::CompleteFollowUp {
                    followup_id,
                    outcome,
                })
            }
            Doing::Snooze(n) => nth_pending(self, n).map(|followup_id| Command::Snooze {
                followup_id,
                by: SnoozeFor::ThreeDays,
            }),
            Doing::DeleteApplication(n) => nth_opportunity(self, n)
                .map(|opportunity_id| Command::DeleteApplication { opportunity_id }),
            Doing::DeleteFollowUp(n) => {
                nth_pending(self, n).map(|followup_id| Command::DeleteFollowUp { followup_id })
            }
            Doing::Undo => Some(Command::Undo),
        };
        if let Some(command) = command {
            let _refused = self.attempts(command, when);
        }
    }

    /// What the user sees, in terms every computer shares: the applications (title, stage), the
    /// events (when, what) and the follow-ups (rule, touch, status, due, words).
    fn seen(&self) -> Seen {
        let s = &self.world.state;
        let mut apps: Vec<_> = s
            .opportunities
            .values()
            .map(|o| (o.job.title.clone(), o.stage))
            .collect();
        apps.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(format!("{:?}", a.1).cmp(&format!("{:?}", b.1)))
        });
        let mut events: Vec<_> = s
            .events
            .values()
            .map(|e| format!("{} {:?}", e.at, e.what))
            .collect();
        events.sort();
        let mut followups = self.followups();
        followups.sort_by_key(|f| format!("{f:?}"));
        (apps, events, followups)
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    #[test]
    fn computers_that_did_things_while_apart_show_the_same_once_they_have_heard_from_each_other(
        replicas in 2..=3usize,
        steps in proptest::collection::vec((0..3usize, doing(), proptest::prelude::any::<bool>(), 0..3usize), 0..30),
    ) {
        let names = ["laptop", "desktop", "workpc"];
        let mut computers: Vec<Computer> = names[..replicas].iter().map(|n| Computer::new(n)).collect();
        for (i, (on, doing, exchange, to)) in steps.iter().enumerate() {
            let when = minutes(i as i64 * 7);
            let on = on % replicas;
            computers[on].tries(doing, when);
            let to = to % replicas;
            if *exchange && to != on {
                let from = computers[on].doc.clone();
                let other = Computer { world: World::default(), doc: from, clock: computers[on].clock.clone() };
                computers[to].hears_from(&other, when);
            }
        }
        let end = minutes(400);
        for _ in 0..2 {
            for from in 0..replicas {
                for to in 0..replicas {
                    if from != to {
                        let other = Computer { world: World::default(), doc: computers[from].doc.clone(), clock: computers[from].clock.clone() };
                        computers[to].hears_from(&other, end);
                    }
                }
            }
        }
        let first = computers[0].seen();
        for c in &computers[1..] {
            proptest::prop_assert_eq!(&c.doc, &computers[0].doc);
            proptest::prop_assert_eq!(&c.seen(), &first);
        }
        let everyone: Vec<&Computer> = computers.iter().collect();
        let (from_area, errors) = unpack(&sync_area(&everyone, SYNC_QUOTA));
        proptest::prop_assert!(errors.is_empty());
        proptest::prop_assert_eq!(&from_area, &computers[0].doc);
        for c in &computers {
            let replica = c.replica();
            let alive = |prefix: &str| -> BTreeSet<String> {
                c.doc.items.iter()
                    .filter(|(key, item)| key.starts_with(prefix) && !item.is_gone())
                    .map(|(key, _)| replica.local(&key[prefix.len()..]))
                    .collect()
            };
            let here = |ids: Vec<&String>| ids.into_iter().cloned().collect::<BTreeSet<_>>();
            let state = &c.world.state;
            proptest::prop_assert_eq!(here(state.events.keys().collect()), alive("event/"));
            proptest::prop_assert_eq!(here(state.followups.keys().collect()), alive("followup/"));
            proptest::prop_assert_eq!(here(state.opportunities.keys().collect()), alive("application/"));
        }
    }
}

/// Every computer's items in the sync area, as the browser would hold them.
fn sync_area(computers: &[&Computer], quota: Quota) -> BTreeMap<String, serde_json::Value> {
    computers
        .iter()
        .flat_map(|c| pack(&c.doc, &c.replica(), quota.bytes, quota, &BTreeMap::new()).items)
        .collect()
}

#[test]
fn the_sync_area_holds_each_computers_latest_changes_once_and_reads_back_as_the_document() {
    let (mut laptop, mut desktop, _) = applied_on_laptop();
    let call = desktop.only(Rule::R3);
    desktop.does(
        Command::Snooze {
            followup_id: call,
            by: SnoozeFor::OneWeek,
        },
        minutes(5),
    );
    laptop.hears_from(&desktop, minutes(6));
    let area = sync_area(&[&laptop, &desktop], SYNC_QUOTA);
    let (doc, errors) = unpack(&area);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(doc, laptop.doc);
    let desktops: BTreeMap<_, _> = area
        .into_iter()
        .filter(|(k, _)| k.starts_with("ft.desktop."))
        .collect();
    assert_eq!(desktops.len(), 1);
    let (snooze, _) = unpack(&desktops);
    let keys: Vec<&String> = snooze.items.keys().collect();
    assert_eq!(keys.len(), 1, "the desktop wrote only its snooze: {keys:?}");
    assert!(keys[0].starts_with("followup/"));
}

#[test]
fn what_outgrows_the_sync_area_is_left_out_closed_applications_before_open_ones() {
    let mut laptop = Computer::new("laptop");
    for k in 0..40 {
        let mut job = job();
        job.url = Some(format!("https://boards.greenhouse.io/acme/jobs/{k}"));
        job.title = format!("Engineer {k}");
        let id = laptop.does(Command::Track { job }, minutes(k)).unwrap();
        laptop.does(
            Command::MarkApplied {
                opportunity_id: id.clone(),
            },
            minutes(k),
        );
        if k % 2 == 0 {
            let end = Command::EndOpportunity {
                opportunity_id: id,
                end: follow_through::store::End::Rejected,
                contact_id: None,
            };
            laptop.does(end, minutes(k));
        }
    }
    let small = Quota {
        bytes: 5_000,
        per_item: 2_000,
        items: 512,
    };
    let packed = pack(
        &laptop.doc,
        &laptop.replica(),
        small.bytes,
        small,
        &BTreeMap::new(),
    );
    assert!(packed.bytes <= small.bytes);
    for (key, value) in &packed.items {
        assert!(
            item_bytes(key, value) <= small.per_item,
            "{key} is over an item's quota"
        );
    }
    assert!(!packed.left_out.is_empty());
    let stage = |key: &str| {
        laptop
            .doc
            .get(key)
            .and_then(|f| f.get("stage").map(|s| s.to_string()))
    };
    let open_left_out = packed
        .left_out
        .iter()
        .filter(|k| k.starts_with("application/"))
        .any(|k| stage(k).as_deref() != Some("\"rejected\""));
    let (kept, errors) = unpack(&packed.items);
    assert!(errors.is_empty());
    let closed_kept = kept
        .items
        .keys()
        .any(|k| k.starts_with("application/") && stage(k).as_deref() == Some("\"rejected\""));
    assert!(
        !(open_left_out && closed_kept),
        "a closed application kept over an open one"
    );
    assert!(kept.items.keys().all(|k| laptop.doc.items.contains_key(k)));
    assert!(packed.left_out.iter().all(|k| !kept.items.contains_key(k)));
}

/// Text that does not compress: letters from a linear congruential sequence.
fn noise(len: usize) -> String {
    let mut x: u32 = 12_345;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((x >> 16) % 26) as u8)
        })
        .collect()
}

#[test]
fn a_record_bigger_than_a_sync_item_is_left_out_and_the_rest_synced() {
    let mut laptop = Computer::new("laptop");
    let id = laptop
        .does(Command::Track { job: job() }, minutes(0))
        .unwrap();
    let edit: follow_through::store::ApplicationEdit = serde_json::from_value(serde_json::json!({
        "title": "Senior DevOps Engineer",
        "company": "PaperCut Software",
        "location": "Camberwell VIC 3124",
        "link": "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
        "salary": "",
        "notes": noise(12_000),
    }))
    .unwrap();
    laptop.does(
        Command::EditApplication {
            opportunity_id: id.clone(),
            edit,
        },
        minutes(1),
    );
    let packed = pack(
        &laptop.doc,
        &laptop.replica(),
        SYNC_QUOTA.bytes,
        SYNC_QUOTA,
        &BTreeMap::new(),
    );
    assert_eq!(packed.left_out, vec![format!("application/{id}.laptop")]);
    assert!(
        !packed.items.is_empty(),
        "its events and follow-ups still travel"
    );
}

#[test]
fn sync_items_that_cannot_be_read_are_said_and_the_others_read() {
    let (laptop, _, _) = applied_on_laptop();
    let mut area = sync_area(&[&laptop], SYNC_QUOTA);
    area.insert("ft.NOT A NAME.0".into(), serde_json::json!({}));
    area.insert(
        "ft.desktop.0".into(),
        serde_json::json!({"event/e1.desktop": {"zz!": 3}}),
    );
    area.insert("another-extension".into(), serde_json::json!(1));
    let (doc, errors) = unpack(&area);
    assert_eq!(doc, laptop.doc);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn a_record_whose_id_names_no_computer_is_never_taken_for_one_of_this_computers() {
    let (mut laptop, desktop, id) = applied_on_laptop();
    let mut forged = desktop.doc.clone();
    let mut clock = Clock::new(Replica::parse("intruder").unwrap());
    let title = serde_json::json!("Forged");
    let fields = [
        ("title".to_string(), title),
        ("source".into(), "manual".into()),
    ];
    forged.put(
        &format!("application/{id}"),
        fields.into_iter().collect(),
        &clock.tick(minutes(9)),
    );
    let other = Computer {
        world: World::default(),
        doc: forged,
        clock,
    };
    laptop.hears_from(&other, minutes(10));
    assert_eq!(
        laptop.world.state.opportunities[&id].job.title,
        "Senior DevOps Engineer"
    );
}

#[test]
fn templates_that_arrive_without_the_settings_leave_the_settings_as_they_are() {
    let mut laptop = Computer::new("laptop");
    let name = Command::SetYourName {
        name: "Ana Silva".into(),
    };
    let applied = laptop
        .world
        .state
        .apply(name, minutes(0), New_York)
        .unwrap();
    laptop.world.write(&applied.changes);
    assert!(
        laptop.doc.items.is_empty(),
        "the settings were never synced"
    );
    let mut clock = Clock::new(Replica::parse("desktop").unwrap());
    let mut doc = Doc::default();
    let template = [
        ("subject".to_string(), serde_json::json!("Thank you")),
        ("body".into(), serde_json::json!("Thank you, {name}.")),
    ];
    doc.put(
        "template/R6",
        template.into_iter().collect(),
        &clock.tick(minutes(1)),
    );
    let other = Computer {
        world: World::default(),
        doc,
        clock,
    };
    laptop.hears_from(&other, minutes(2));
    let settings = &laptop.world.state.settings;
    assert_eq!(settings.your_name, "Ana Silva");
    assert_eq!(settings.templates[&Rule::R6].subject, "Thank you");
}

#[test]
fn turning_sync_on_brings_everything_the_user_did_before_to_the_other_computer() {
    let mut laptop = Computer::new("laptop");
    let mut desktop = Computer::new("desktop");
    let id = laptop
        .world
        .run(Command::Track { job: job() })
        .unwrap()
        .unwrap();
    laptop
        .world
        .run(Command::MarkApplied {
            opportunity_id: id.clone(),
        })
        .unwrap();
    assert!(laptop.doc.items.is_empty());
    let stamp = laptop.clock.tick(minutes(5));
    let replica = laptop.replica();
    sync::write_all(&mut laptop.doc, &laptop.world.state, &replica, &stamp);
    desktop.hears_from(&laptop, minutes(6));
    assert_eq!(desktop.seen(), laptop.seen());
    assert_eq!(desktop.world.state.events.len(), 2);
}

/// A computer whose worker carries out sync rounds (`sync::local`) against a sync area.
struct Synced {
    world: World,
    doc: Doc,
    local: Option<Local>,
}

impl Synced {
    fn new() -> Synced {
        Synced {
            world: World::default(),
            doc: Doc::default(),
            local: None,
        }
    }

    /// Does what `round` says, as the worker does: this computer's records, then the area's.
    fn carry_out(&mut self, round: Round, area: &mut BTreeMap<String, serde_json::Value>) {
        self.world.write(&round.local);
        area.extend(round.area_set);
        for key in round.area_remove {
            area.remove(&key);
        }
    }

    fn turn_on(
        &mut self,
        area: &mut BTreeMap<String, serde_json::Value>,
        when: DateTime<Utc>,
        seed: u8,
    ) {
        let (local, round) = sync::local::turn_on(
            self.local.take(),
            &mut self.doc,
            &mut self.world.state,
            area,
            when,
            [seed; 8],
        );
        self.local = Some(local);
        self.carry_out(round, area);
    }

    fn does(
        &mut self,
        command: Command,
        area: &mut BTreeMap<String, serde_json::Value>,
        when: DateTime<Utc>,
    ) -> Option<String> {
        let applied = self.world.state.apply(command, when, New_York).unwrap();
        self.world.write(&applied.changes);
        if let Some(local) = self.local.as_mut().filter(|l| l.on) {
            let round = sync::local::send(
                local,
                &mut self.doc,
                &self.world.state,
                &applied.changes,
                area,
                when,
            );
            self.carry_out(round, area);
        }
        applied.opportunity.map(|o| o.id)
    }

    fn receives(&mut self, area: &mut BTreeMap<String, serde_json::Value>) {
        let Some(local) = self.local.as_mut().filter(|l| l.on) else {
            return;
        };
        let round = sync::local::receive(local, &mut self.doc, &mut self.world.state, area);
        assert!(round.errors.is_empty(), "{:?}", round.errors);
        self.carry_out(round, area);
        let kept = self.world.state.clone();
        self.world.reload();
        assert_same_records(&self.world.state, &kept);
    }
}

#[test]
fn a_new_install_that_turns_sync_on_gets_the_search_back_and_follows_what_is_done_after() {
    let mut area = BTreeMap::new();
    let mut laptop = Synced::new();
    laptop.turn_on(&mut area, minutes(0), 1);
    let id = laptop
        .does(Command::Track { job: job() }, &mut area, minutes(1))
        .unwrap();
    let mut reinstalled = Synced::new();
    reinstalled.turn_on(&mut area, minutes(2), 2);
    let titles = |s: &Synced| {
        s.world
            .state
            .opportunities
            .values()
            .map(|o| o.job.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&reinstalled), titles(&laptop));
    laptop.does(
        Command::MarkApplied { opportunity_id: id },
        &mut area,
        minutes(3),
    );
    reinstalled.receives(&mut area);
    let stages = |s: &Synced| {
        s.world
            .state
            .opportunities
            .values()
            .map(|o| o.stage)
            .collect::<Vec<_>>()
    };
    assert_eq!(stages(&reinstalled), vec![Stage::Applied]);
    let local = reinstalled.local.as_ref().unwrap();
    assert_ne!(
        local.clock.replica,
        laptop.local.as_ref().unwrap().clock.replica
    );
    assert_eq!(local.left_out, 0);
}

#[test]
fn a_computer_that_turns_sync_off_writes_nothing_more_and_erasing_removes_every_computers_items() {
    let mut area = BTreeMap::new();
    let mut laptop = Synced::new();
    laptop.turn_on(&mut area, minutes(0), 1);
    laptop.does(Command::Track { job: job() }, &mut area, minutes(1));
    area.insert("another extension's".into(), serde_json::json!(1));
    let before = area.clone();
    let changes = sync::local::turn_off(laptop.local.as_mut().unwrap());
    laptop.world.write(&changes);
    laptop.does(
        Command::SetYourName { name: "Ana".into() },
        &mut area,
        minutes(2),
    );
    assert_eq!(area, before);
    for key in sync::local::erase(&area) {
        area.remove(&key);
    }
    assert_eq!(area.keys().collect::<Vec<_>>(), vec!["another extension's"]);
}

#[test]
fn a_change_rewrites_only_the_sync_items_that_hold_what_it_changed() {
    let mut area = BTreeMap::new();
    let mut laptop = Synced::new();
    laptop.turn_on(&mut area, minutes(0), 1);
    for k in 0..120 {
        let mut job = job();
        job.url = Some(format!("https://boards.greenhouse.io/acme/jobs/{k}"));
        job.title = format!("Engineer {k}");
        let id = laptop
            .does(Command::Track { job }, &mut area, minutes(k))
            .unwrap();
        laptop.does(
            Command::MarkApplied { opportunity_id: id },
            &mut area,
            minutes(k),
        );
    }
    let items = area.len();
    assert!(items >= 10, "{items} items");
    let followup_id = laptop
        .world
        .state
        .pending_followups()
        .nth(50)
        .map(|f| f.id.clone())
        .unwrap();
    let snooze = Command::Snooze {
        followup_id,
        by: follow_through::store::SnoozeFor::OneWeek,
    };
    let applied = laptop
        .world
        .state
        .apply(snooze, minutes(200), New_York)
        .unwrap();
    let local = laptop.local.as_mut().unwrap();
    let round = sync::local::send(
        local,
        &mut laptop.doc,
        &laptop.world.state,
        &applied.changes,
        &area,
        minutes(200),
    );
    assert_eq!(round.area_set.len(), 1, "one of {items} items written");
    assert!(round.area_remove.is_empty());
    let mut after = area.clone();
    after.extend(round.area_set);
    assert_eq!(unpack(&after).0, laptop.doc);
}
