//! A waking worker reads what the request needs (issue 19): the pending follow-ups the due
//! index names and the postings, events and people they name; the rest (history, other
//! postings, contact records, the trash) stays unread until a request needs it. The checklist
//! is the same as after a full load; a command reads every unread record before it writes, so
//! nothing it never read is written over; an older store wakes the old way, whole.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::checklist;
use follow_through::messages::{handle, Reply, Request, Step};
use follow_through::model::{Job, Rule, What};
use follow_through::store::{loads_on_wake, read_on_wake, Changes, Command, NewEvent, State};
use serde_json::Value;
use std::collections::BTreeMap;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-06T15:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn write(storage: &mut BTreeMap<String, Value>, changes: &Changes) {
    for (key, value) in &changes.set {
        storage.insert(key.clone(), value.clone());
    }
    for key in &changes.remove {
        storage.remove(key);
    }
}

fn run(state: &mut State, storage: &mut BTreeMap<String, Value>, request: Request) -> Reply {
    match handle(state, request, now(), New_York) {
        Step::Reply(reply, changes) => {
            write(storage, &changes);
            reply
        }
        _ => panic!("a request of the extension's own pages"),
    }
}

fn command(state: &mut State, storage: &mut BTreeMap<String, Value>, command: Command) {
    let reply = run(state, storage, Request::Command { command });
    assert!(matches!(reply, Reply::Updated { .. }), "{reply:?}");
}

/// A tracked posting, 2,000 imported connections, one of them met (a follow-up about them is
/// pending), one referred by another (the follow-up names the referrer, kept in another
/// record) and one deleted (the trash holds it).
fn stored() -> BTreeMap<String, Value> {
    let mut state = State::default();
    let mut storage = BTreeMap::new();
    let job: Job = serde_json::from_value(serde_json::json!({
        "title": "Platform Engineer", "company": "Acme",
        "url": "https://boards.greenhouse.io/acme/jobs/1", "source": "jsonld"
    }))
    .unwrap();
    command(&mut state, &mut storage, Command::Track { job });
    let mut csv = String::from("First Name,Last Name,URL,Company,Connected On\n");
    for n in 0..2000 {
        csv.push_str(&format!(
            "Person,Number {n},https://www.linkedin.com/in/person-{n},Acme,12 Mar 2019\n"
        ));
    }
    let (_, changes) = state.import_connections(&csv, now(), New_York).unwrap();
    write(&mut storage, &changes);
    let id_of = |state: &State, name: &str| {
        let found = state.contacts.values().find(|c| c.name == name);
        found.unwrap().id.clone()
    };
    let met = id_of(&state, "Person Number 7");
    let event = NewEvent {
        opportunity_id: None,
        contact_id: Some(met),
        at: None,
        with: None,
        what: What::Met { connected: true },
    };
    command(&mut state, &mut storage, Command::LogEvent { event });
    let referred = id_of(&state, "Person Number 9");
    let referral = Command::ReferralFrom {
        contact_id: referred,
        referrer: "Person Number 1500".into(),
    };
    command(&mut state, &mut storage, referral);
    let contact_id = id_of(&state, "Person Number 8");
    command(
        &mut state,
        &mut storage,
        Command::DeleteContact { contact_id },
    );
    storage
}

/// The records a waking worker reads first: `meta`, `settings` and the due index.
fn small_of(storage: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    storage
        .iter()
        .filter(|(key, _)| follow_through::store::BADGE_KEYS.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// What a worker woken now holds: the records it reads on wake (from the `meta` and due index
/// records), then those the checklist needs.
fn wake(storage: &BTreeMap<String, Value>) -> State {
    let keys: Vec<String> = storage.keys().cloned().collect();
    let small = small_of(storage);
    let wanted = read_on_wake(&small, &keys);
    let records = storage
        .iter()
        .filter(|(key, _)| wanted.contains(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let loaded = State::woken(&records, &keys);
    assert!(loaded.errors.is_empty() && loaded.migrated.is_empty());
    let mut state = loaded.state;
    loop {
        let needed = checklist::unread(&state, now(), New_York);
        if needed.is_empty() {
            return state;
        }
        assert!(state.read_unread(&needed, storage).is_empty());
    }
}

/// Reads what `request` needs before it is handled, as the worker does.
fn read_for(state: &mut State, storage: &BTreeMap<String, Value>, request: &Request) {
    let unread = request.unread(state, now(), New_York);
    assert!(state.read_unread(&unread, storage).is_empty());
}

#[test]
fn a_waking_worker_reads_only_the_contact_record_of_the_checklists_person_and_draws_the_same_checklist(
) {
    let mut storage = stored();
    let whole = State::load(&storage).state;
    let mut woken = wake(&storage);
    assert_eq!(whole.contacts.len(), 1999);
    assert!(
        woken.contacts.len() < 40,
        "{} contacts read on wake",
        woken.contacts.len()
    );
    assert!(woken.contacts.values().any(|c| c.name == "Person Number 7"));
    assert!(woken.unread.contains("trash"));
    assert!(
        woken
            .unread
            .iter()
            .filter(|key| key.starts_with("contacts/"))
            .count()
            > 200
    );
    let mut full = whole.clone();
    let half = run(&mut woken, &mut storage, Request::Checklist);
    assert_eq!(half, run(&mut full, &mut storage, Request::Checklist));
    let Reply::Checklist { checklist } = half else {
        panic!("a checklist")
    };
    let said = format!("{checklist:?}");
    assert!(said.contains("Person Number 7") && said.contains("Person Number 1500"));
}

#[test]
fn what_the_popup_asks_first_needs_no_unread_record_and_anything_else_reads_them_all() {
    let storage = stored();
    let woken = wake(&storage);
    for first in [
        Request::Checklist,
        Request::PlanFor {
            url: "https://boards.greenhouse.io/acme/jobs/1".into(),
        },
    ] {
        assert!(
            first.unread(&woken, now(), New_York).is_empty(),
            "{first:?}"
        );
    }
    let postings = Request::Recent.unread(&woken, now(), New_York);
    assert!(postings.iter().all(|key| key.starts_with("opportunity/")));
    let undo = Request::Command {
        command: Command::Undo,
    };
    let all: Vec<String> = woken.unread.iter().cloned().collect();
    assert_eq!(undo.unread(&woken, now(), New_York), all);
    assert_eq!(Request::Settings.unread(&woken, now(), New_York), all);
}

#[test]
fn a_command_on_a_woken_store_reads_what_it_needs_first_and_loses_no_one() {
    let mut storage = stored();
    let mut woken = wake(&storage);
    let undo = Request::Command {
        command: Command::Undo,
    };
    read_for(&mut woken, &storage, &undo);
    assert!(woken.unread.is_empty());
    assert_eq!(woken, State::load(&storage).state);
    let reply = run(&mut woken, &mut storage, undo);
    assert!(matches!(reply, Reply::Updated { .. }), "{reply:?}");
    let reloaded = State::load(&storage).state;
    assert_eq!(reloaded.contacts.len(), 2000);
    assert!(reloaded.trash.deletions.is_empty());
}

#[test]
fn a_record_read_once_is_never_read_again_over_what_changed_since() {
    let storage = stored();
    let mut woken = wake(&storage);
    let keys: Vec<String> = woken.unread.iter().cloned().collect();
    assert!(woken.read_unread(&keys, &storage).is_empty());
    let someone = woken.contacts.keys().next().unwrap().clone();
    woken.contacts.get_mut(&someone).unwrap().name = "Renamed".into();
    assert!(woken.read_unread(&keys, &storage).is_empty());
    assert_eq!(woken.contacts[&someone].name, "Renamed");
}

/// Tracks "Engineer `n`" at "Company `n`" and marks it applied: its id.
fn track_and_apply(state: &mut State, storage: &mut BTreeMap<String, Value>, n: usize) -> String {
    let job: Job = serde_json::from_value(serde_json::json!({
        "title": format!("Engineer {n}"), "company": format!("Company {n}"),
        "url": format!("https://boards.greenhouse.io/c{n}/jobs/{n}"), "source": "jsonld"
    }))
    .unwrap();
    command(state, storage, Command::Track { job });
    let tracked = state.opportunities.values();
    let this = tracked
        .into_iter()
        .find(|o| o.job.title == format!("Engineer {n}"));
    let opportunity_id = this.unwrap().id.clone();
    let applied = Command::MarkApplied {
        opportunity_id: opportunity_id.clone(),
    };
    command(state, storage, applied);
    opportunity_id
}

/// 40 postings tracked and applied to, the first 30 followed up (their follow-ups done: the
/// history), the last 10 still waiting for the call a week after applying.
fn long_search() -> BTreeMap<String, Value> {
    let mut state = State::default();
    let mut storage = BTreeMap::new();
    for n in 0..40 {
        let opportunity_id = track_and_apply(&mut state, &mut storage, n);
        if n < 30 {
            let pending: Vec<String> = state
                .pending_followups()
                .filter(|f| f.opportunity.as_ref() == Some(&opportunity_id))
                .map(|f| f.id.clone())
                .collect();
            for followup_id in pending {
                let done = Command::CompleteFollowUp {
                    followup_id,
                    outcome: None,
                };
                command(&mut state, &mut storage, done);
            }
        }
    }
    storage
}

#[test]
fn a_waking_worker_reads_the_pending_follow_ups_and_what_they_name_and_leaves_the_history_unread() {
    let mut storage = long_search();
    let mut full = State::load(&storage).state;
    let mut woken = wake(&storage);
    assert!(full.followups.len() > woken.followups.len());
    assert_eq!(
        woken.followups.len(),
        full.pending_followups().count(),
        "only the pending follow-ups are read"
    );
    assert_eq!(woken.opportunities.len(), 10, "the postings they are about");
    assert!(woken.events.len() < full.events.len());
    for kind in ["opportunity/", "event/", "followup/"] {
        assert!(
            woken.unread.iter().any(|key| key.starts_with(kind)),
            "{kind}"
        );
    }
    assert_eq!(
        run(&mut woken, &mut storage, Request::Checklist),
        run(&mut full, &mut storage, Request::Checklist)
    );
    assert!(Request::Checklist
        .unread(&woken, now(), New_York)
        .is_empty());
}

#[test]
fn a_command_after_a_partial_wake_reads_the_history_first_and_keeps_every_record() {
    let mut storage = long_search();
    let before = State::load(&storage).state;
    let mut woken = wake(&storage);
    let opportunity_id = before
        .opportunities
        .values()
        .find(|o| o.job.title == "Engineer 3")
        .unwrap()
        .id
        .clone();
    let request = Request::Command {
        command: Command::DeleteApplication { opportunity_id },
    };
    read_for(&mut woken, &storage, &request);
    assert!(woken.unread.is_empty());
    assert_eq!(woken, before);
    let reply = run(&mut woken, &mut storage, request);
    assert!(matches!(reply, Reply::Updated { .. }), "{reply:?}");
    let after = State::load(&storage).state;
    assert_eq!(after.opportunities.len(), 39);
    assert_eq!(after, woken);
}

#[test]
fn a_store_whose_due_index_does_not_name_its_follow_ups_wakes_whole() {
    let mut storage = long_search();
    let (key, pending) = storage
        .iter()
        .filter(|(key, _)| key.starts_with("due/"))
        .find_map(|(key, index)| Some((key.clone(), index["followups"].as_array()?.len())))
        .unwrap();
    storage
        .get_mut(&key)
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove("followups");
    let keys: Vec<String> = storage.keys().cloned().collect();
    let small = small_of(&storage);
    let wanted = read_on_wake(&small, &keys);
    let every: Vec<String> = keys.into_iter().filter(|k| loads_on_wake(k)).collect();
    assert_eq!(wanted, every);
    let records: BTreeMap<String, Value> = storage
        .iter()
        .filter(|(key, _)| wanted.contains(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let loaded = State::woken(&records, &storage.keys().cloned().collect::<Vec<_>>());
    let full = State::load(&storage).state;
    assert_eq!(loaded.state.followups.len(), full.followups.len());
    let index = &loaded.migrated.set[&key];
    assert_eq!(
        index["followups"].as_array().map(Vec::len),
        Some(pending),
        "the index is rewritten with the ids"
    );
}

#[test]
fn a_pending_recurring_follow_up_has_every_follow_up_read_on_wake_for_its_words() {
    let mut storage = stored();
    let mut state = State::load(&storage).state;
    let referred = state
        .contacts
        .values()
        .find(|c| c.name == "Person Number 9")
        .unwrap()
        .id
        .clone();
    let reached = NewEvent {
        opportunity_id: None,
        contact_id: Some(referred),
        at: None,
        with: None,
        what: What::ReachedOut,
    };
    command(
        &mut state,
        &mut storage,
        Command::LogEvent { event: reached },
    );
    let update = state
        .pending_followups()
        .find(|f| f.rule == Rule::R14)
        .unwrap()
        .id
        .clone();
    let done = Command::CompleteFollowUp {
        followup_id: update,
        outcome: None,
    };
    command(&mut state, &mut storage, done);
    assert!(state.pending_followups().any(|f| f.rule == Rule::R14));
    let mut woken = wake(&storage);
    assert!(!woken.unread.iter().any(|key| key.starts_with("followup/")));
    assert_eq!(
        run(&mut woken, &mut storage, Request::Checklist),
        run(&mut state, &mut storage, Request::Checklist)
    );
}

#[test]
fn a_follow_up_stored_behind_the_workers_back_is_read_on_the_next_wake() {
    let mut storage = long_search();
    let full = State::load(&storage).state;
    let mut added = full.pending_followups().next().unwrap().clone();
    added.id = "f9999".into();
    added.text = "Written by another hand".into();
    storage.insert(
        "followup/f9999".into(),
        serde_json::to_value(&added).unwrap(),
    );
    let keys: Vec<String> = storage.keys().cloned().collect();
    let small = small_of(&storage);
    let wanted = read_on_wake(&small, &keys);
    assert!(wanted.contains(&"followup/f9999".to_string()));
    assert_eq!(
        wanted,
        keys.into_iter()
            .filter(|k| loads_on_wake(k))
            .collect::<Vec<_>>(),
        "an index written with fewer follow-ups is not trusted"
    );
}

/// A snapshot of a page at `url` showing the tracked posting in its JSON-LD.
fn snapshot_at(url: &str) -> follow_through::capture::Snapshot {
    serde_json::from_value(serde_json::json!({
        "url": url,
        "title": "Platform Engineer - Acme",
        "jsonld": [r#"{"@context":"https://schema.org","@type":"JobPosting",
            "title":"Platform Engineer","hiringOrganization":{"@type":"Organization","name":"Acme"}}"#],
    }))
    .unwrap()
}

#[test]
fn a_job_page_viewed_after_a_wake_reads_the_postings_only_and_knows_the_tracked_one() {
    let mut storage = stored();
    let mut full = State::load(&storage).state;
    let mut woken = wake(&storage);
    let snapshot = snapshot_at("https://boards.greenhouse.io/acme/jobs/1");
    let viewed = Request::Snapshot {
        snapshot: snapshot.clone(),
    };
    let history = wake(&long_search());
    let postings = Request::CaptureTab { tab_id: 3 }.unread(&history, now(), New_York);
    assert!(postings.iter().any(|key| key.starts_with("opportunity/")));
    assert!(history.unread.iter().any(|key| key.starts_with("event/")));
    for request in [&viewed, &Request::CaptureTab { tab_id: 3 }] {
        let unread = request.unread(&woken, now(), New_York);
        assert!(
            request
                .unread(&history, now(), New_York)
                .iter()
                .all(|key| key.starts_with("opportunity/")),
            "{request:?}"
        );
        assert!(
            unread.iter().all(|key| key.starts_with("opportunity/")),
            "{request:?}: {unread:?}"
        );
    }
    assert_eq!(
        follow_through::messages::unread_for_page(&woken, &snapshot),
        Request::Recent.unread(&woken, now(), New_York)
    );
    read_for(&mut woken, &storage, &viewed);
    assert!(woken.unread.iter().any(|key| key.starts_with("contacts/")));
    let half = run(&mut woken, &mut storage, viewed.clone());
    let Reply::Page { page } = &half else {
        panic!("a page view: {half:?}")
    };
    assert_eq!(
        page.opportunity
            .as_ref()
            .or(page.maybe_same.as_ref())
            .map(|o| o.job.title.as_str()),
        Some("Platform Engineer")
    );
    assert_eq!(half, run(&mut full, &mut storage, viewed));
}

#[test]
fn a_linkedin_profile_viewed_after_a_wake_reads_every_person_first() {
    let woken = wake(&stored());
    let profile = snapshot_at("https://www.linkedin.com/in/person-7/");
    let all: Vec<String> = woken.unread.iter().cloned().collect();
    assert_eq!(
        follow_through::messages::unread_for_page(&woken, &profile),
        all
    );
    assert_eq!(
        Request::Snapshot { snapshot: profile }.unread(&woken, now(), New_York),
        all
    );
}

#[test]
fn the_names_the_log_form_offers_are_read_with_every_person_and_match_a_full_load() {
    let mut storage = stored();
    let mut full = State::load(&storage).state;
    let mut woken = wake(&storage);
    let all: Vec<String> = woken.unread.iter().cloned().collect();
    assert_eq!(Request::Names.unread(&woken, now(), New_York), all);
    read_for(&mut woken, &storage, &Request::Names);
    let names = run(&mut woken, &mut storage, Request::Names);
    assert_eq!(names, run(&mut full, &mut storage, Request::Names));
    let Reply::Names { names } = names else {
        panic!("names")
    };
    assert!(names.contains(&"Person Number 7".to_string()), "{names:?}");
}

/// `n` postings tracked and applied to, each waiting for its follow-ups.
fn applied_to(n: usize) -> BTreeMap<String, Value> {
    let mut state = State::default();
    let mut storage = BTreeMap::new();
    for n in 0..n {
        track_and_apply(&mut state, &mut storage, n);
    }
    storage
}

#[test]
fn a_waking_worker_reads_only_the_follow_ups_the_checklist_shows_and_counts_the_rest() {
    let mut storage = applied_to(80);
    let mut full = State::load(&storage).state;
    let pending = full.pending_followups().count();
    let mut woken = wake(&storage);
    assert!(pending > 100, "{pending} pending");
    assert!(
        woken.followups.len() <= 4 * follow_through::checklist::SHOWN_PER_SECTION,
        "{} follow-ups read of {pending}",
        woken.followups.len()
    );
    assert!(woken.followups.len() < pending);
    assert_eq!(
        woken.followups.len() + woken.unread_pending.len(),
        pending,
        "the rest is counted from the due index"
    );
    assert_eq!(woken.due_index(None), full.due_index(None));
    assert_eq!(woken.overdue_count(now()), full.overdue_count(now()));
    assert_eq!(
        run(&mut woken, &mut storage, Request::Checklist),
        run(&mut full, &mut storage, Request::Checklist)
    );
    let badge = woken.unread_pending_keys();
    assert!(woken.read_unread(&badge, &storage).is_empty());
    assert!(woken.unread_pending.is_empty());
    assert_eq!(
        woken.badge_count(now(), New_York),
        full.badge_count(now(), New_York)
    );
    assert_eq!(woken.next_due_after(now()), full.next_due_after(now()));
}

#[test]
fn the_worker_script_asks_first_for_the_records_the_badge_is_set_from() {
    let script =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/worker.js"))
            .unwrap();
    let asked = script
        .split("storage.local.get([")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap();
    let names: Vec<&str> = asked
        .split(',')
        .map(|name| name.trim().trim_matches('\''))
        .collect();
    assert_eq!(names, follow_through::store::BADGE_KEYS);
    assert!(script.find("storage.local.get([") < script.find("storage.local.getKeys"));
}
