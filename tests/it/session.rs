//! The worker's way with storage (`session`), run over records kept in memory: a woken worker
//! answers as a full load would while reading only what each request needs, a command never
//! writes over a record it has not read, and a write that fails is tried again, then reported
//! with the state read back from storage.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::messages::{Reply, Request, Sender};
use follow_through::model::Job;
use follow_through::session::{persist, Answer, Session, Storage, RETRY_MS};
use follow_through::store::Command;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future to its end: storage in memory never waits.
fn done<T>(future: impl Future<Output = T>) -> T {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("storage in memory never waits"),
    }
}

/// Records in memory, with what was read and written, and writes made to fail.
#[derive(Default)]
struct Memory {
    records: RefCell<BTreeMap<String, Value>>,
    read: RefCell<BTreeSet<String>>,
    written: RefCell<BTreeSet<String>>,
    failing_writes: Cell<u32>,
    pauses: RefCell<Vec<u32>>,
    /// How many writes (`set`) were made.
    sets: Cell<u32>,
}

impl Storage for Memory {
    async fn get(&self, keys: &[String]) -> Result<BTreeMap<String, Value>, String> {
        self.read.borrow_mut().extend(keys.iter().cloned());
        let records = self.records.borrow();
        Ok(keys
            .iter()
            .filter_map(|key| Some((key.clone(), records.get(key)?.clone())))
            .collect())
    }

    async fn get_all(&self) -> Result<BTreeMap<String, Value>, String> {
        let records = self.records.borrow().clone();
        self.read.borrow_mut().extend(records.keys().cloned());
        Ok(records)
    }

    async fn keys(&self) -> Option<Vec<String>> {
        Some(self.records.borrow().keys().cloned().collect())
    }

    async fn set(&self, records: &BTreeMap<String, Value>) -> Result<(), String> {
        if self.failing_writes.get() > 0 {
            self.failing_writes.set(self.failing_writes.get() - 1);
            return Err("QUOTA_BYTES quota exceeded".into());
        }
        self.sets.set(self.sets.get() + 1);
        self.written.borrow_mut().extend(records.keys().cloned());
        self.records.borrow_mut().extend(records.clone());
        Ok(())
    }

    async fn remove(&self, keys: &[String]) -> Result<(), String> {
        let mut records = self.records.borrow_mut();
        for key in keys {
            records.remove(key);
        }
        Ok(())
    }

    async fn pause(&self, ms: u32) {
        self.pauses.borrow_mut().push(ms);
    }

    fn warn(&self, _: &str) {}
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-06T15:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn ask(session: &Session, storage: &Memory, request: Request) -> Reply {
    match done(session.answer(storage, request, &Sender::Extension, now(), New_York)) {
        Answer::Reply { reply, .. } => reply,
        answer => panic!("a reply, not {answer:?}"),
    }
}

fn job(n: usize) -> Job {
    serde_json::from_value(serde_json::json!({
        "title": format!("Engineer {n}"), "company": format!("Company {n}"),
        "url": format!("https://boards.greenhouse.io/c{n}/jobs/{n}"), "source": "jsonld"
    }))
    .unwrap()
}

fn track(session: &Session, storage: &Memory, n: usize) -> String {
    let command = Command::Track { job: job(n) };
    match ask(session, storage, Request::Command { command }) {
        Reply::Updated {
            opportunity: Some(o),
            ..
        } => o.id,
        reply => panic!("tracked, not {reply:?}"),
    }
}

/// 80 postings tracked and applied to, and 2,000 imported connections, written through a
/// session as the worker writes them.
fn search() -> Memory {
    let storage = Memory::default();
    let session = Session::default();
    done(session.wake(&storage, Some(Vec::new()), &BTreeMap::new())).unwrap();
    let mut csv = String::from("First Name,Last Name,URL,Company,Connected On\n");
    for n in 0..2000 {
        csv.push_str(&format!(
            "Person,Number {n},https://www.linkedin.com/in/person-{n},Acme,12 Mar 2019\n"
        ));
    }
    let imported = ask(&session, &storage, Request::ImportConnections { text: csv });
    assert!(matches!(imported, Reply::ConnectionsImported { .. }));
    for n in 0..80 {
        let opportunity_id = track(&session, &storage, n);
        let applied = Command::MarkApplied { opportunity_id };
        let reply = ask(&session, &storage, Request::Command { command: applied });
        assert!(matches!(reply, Reply::Updated { .. }), "{reply:?}");
    }
    storage.read.borrow_mut().clear();
    storage.written.borrow_mut().clear();
    storage
}

/// A session woken on `storage` as the worker wakes: the small records, then every key.
fn woken(storage: &Memory) -> Session {
    let session = Session::default();
    let small = done(storage.get(&follow_through::store::BADGE_KEYS.map(String::from))).unwrap();
    let keys = done(storage.keys());
    done(session.wake(storage, keys, &small)).unwrap();
    session
}

#[test]
fn a_woken_session_draws_the_checklist_of_a_full_load_without_reading_the_network() {
    let storage = search();
    let whole = Session::default();
    done(whole.wake(&storage, None, &BTreeMap::new())).unwrap();
    storage.read.borrow_mut().clear();
    let session = woken(&storage);
    let checklist = ask(&session, &storage, Request::Checklist);
    assert_eq!(checklist, ask(&whole, &storage, Request::Checklist));
    let read = storage.read.borrow();
    assert!(!read.iter().any(|key| key.starts_with("contacts/")));
    let followups = read
        .iter()
        .filter(|key| key.starts_with("followup/"))
        .count();
    let pending = whole.state().pending_followups().count();
    assert!(followups < pending, "{followups} of {pending} read");
}

#[test]
fn a_command_after_a_wake_writes_no_record_it_has_not_read() {
    let storage = search();
    let before: BTreeSet<String> = storage.records.borrow().keys().cloned().collect();
    let session = woken(&storage);
    ask(&session, &storage, Request::Checklist);
    track(&session, &storage, 500);
    let read = storage.read.borrow();
    let written = storage.written.borrow();
    assert!(!written.is_empty());
    for key in written.iter().filter(|key| before.contains(*key)) {
        assert!(read.contains(key), "{key} written over unread");
    }
}

#[test]
fn a_write_that_fails_is_tried_again_then_reported_with_the_state_read_back() {
    let storage = search();
    let session = woken(&storage);
    storage.failing_writes.set(2);
    track(&session, &storage, 500);
    assert_eq!(*storage.pauses.borrow(), RETRY_MS.to_vec());
    assert!(session
        .state()
        .opportunities
        .values()
        .any(|o| o.job.title == "Engineer 500"));

    let stored = storage.records.borrow().clone();
    storage.failing_writes.set(3);
    let command = Command::Track { job: job(501) };
    let reply = ask(&session, &storage, Request::Command { command });
    let Reply::Error { message } = reply else {
        panic!("a failure, not {reply:?}")
    };
    assert!(message.english().contains("QUOTA_BYTES"), "{message:?}");
    assert_eq!(*storage.records.borrow(), stored, "nothing half-written");
    assert!(!session
        .state()
        .opportunities
        .values()
        .any(|o| o.job.title == "Engineer 501"));
    assert_eq!(
        ask(&session, &storage, Request::Checklist),
        ask(&woken(&storage), &storage, Request::Checklist)
    );
}

/// Asks as the worker does with sync on: the request answered, then its changes sent.
fn ask_synced(session: &Session, storage: &Memory, area: &Memory, request: Request) -> Reply {
    match done(session.answer(storage, request, &Sender::Extension, now(), New_York)) {
        Answer::Reply { reply, changes } => {
            assert!(!changes.is_empty());
            done(session.send(storage, area, now())).unwrap();
            reply
        }
        answer => panic!("a reply, not {answer:?}"),
    }
}

/// Tracks posting `n` as the worker does with sync on.
fn track_synced(session: &Session, storage: &Memory, area: &Memory, n: usize) {
    let command = Command::Track { job: job(n) };
    ask_synced(session, storage, area, Request::Command { command });
}

/// A computer that has just turned sync on, its worker woken on an empty store.
fn synced_computer(area: &Memory, seed: u8) -> (Session, Memory) {
    let (session, storage) = (Session::default(), Memory::default());
    done(session.wake(&storage, Some(Vec::new()), &BTreeMap::new())).unwrap();
    done(session.turn_sync_on(&storage, area, now(), [seed; 8])).unwrap();
    (session, storage)
}

/// A session that read every record `storage` holds.
fn loaded(storage: &Memory) -> Session {
    let session = Session::default();
    done(session.wake(storage, None, &BTreeMap::new())).unwrap();
    session
}

fn titles(session: &Session) -> Vec<String> {
    let state = session.state();
    state
        .opportunities
        .values()
        .map(|o| o.job.title.clone())
        .collect()
}

#[test]
fn with_sync_on_what_is_tracked_on_one_computer_arrives_on_the_other_through_the_sync_area() {
    let area = Memory::default();
    let (laptop, on_laptop) = synced_computer(&area, 1);
    let (desktop, on_desktop) = synced_computer(&area, 2);
    track_synced(&laptop, &on_laptop, &area, 7);
    assert!(done(desktop.receive(&on_desktop, &area, now())).unwrap());
    assert_eq!(titles(&desktop), vec!["Engineer 7"]);
    let restarted = loaded(&on_desktop);
    assert_eq!(
        titles(&restarted),
        vec!["Engineer 7"],
        "what arrived was stored"
    );
    assert!(
        !done(desktop.receive(&on_desktop, &area, now())).unwrap(),
        "nothing new"
    );
}

#[test]
fn a_sync_area_that_refuses_a_write_leaves_the_store_whole_and_the_problem_is_kept() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    area.failing_writes.set(1);
    track_synced(&laptop, &storage, &area, 3);
    assert_eq!(titles(&loaded(&storage)), vec!["Engineer 3"]);
    let sync = done(storage.get(&["sync".into()])).unwrap();
    assert_eq!(sync["sync"]["problem"], "QUOTA_BYTES quota exceeded");
    track_synced(&laptop, &storage, &area, 4);
    let sync = done(storage.get(&["sync".into()])).unwrap();
    assert!(
        sync["sync"].get("problem").is_none(),
        "the next round wrote it all"
    );
    let (other, _) = synced_computer(&area, 2);
    assert_eq!(titles(&other), vec!["Engineer 3", "Engineer 4"]);
}

#[test]
fn turning_sync_off_and_erasing_leaves_nothing_of_ours_in_the_sync_area() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    track_synced(&laptop, &storage, &area, 3);
    assert!(!done(area.keys()).unwrap().is_empty());
    done(laptop.turn_sync_off(&storage, &area, true)).unwrap();
    assert!(done(area.keys()).unwrap().is_empty());
    track_synced(&laptop, &storage, &area, 4);
    assert!(
        done(area.keys()).unwrap().is_empty(),
        "off: nothing more written"
    );
}

/// Asks something of sync as the worker does: the request answered, then sync asked.
fn ask_sync(session: &Session, storage: &Memory, area: &Memory, on: bool, erase: bool) -> Value {
    let request = Request::SetSync { on, erase };
    let ask = match done(session.answer(storage, request, &Sender::Extension, now(), New_York)) {
        Answer::Sync(ask) => ask,
        answer => panic!("sync asked, not {answer:?}"),
    };
    match done(session.sync(storage, area, ask, now(), [9; 8])) {
        Reply::Sync { sync } => serde_json::to_value(sync).unwrap(),
        reply => panic!("how sync stands, not {reply:?}"),
    }
}

#[test]
fn sync_turned_on_and_off_by_request_says_how_it_stands_and_how_many_other_computers_wrote() {
    let area = Memory::default();
    let (laptop, on_laptop) = synced_computer(&area, 1);
    track_synced(&laptop, &on_laptop, &area, 3);
    let (desktop, on_desktop) = (Session::default(), Memory::default());
    done(desktop.wake(&on_desktop, Some(Vec::new()), &BTreeMap::new())).unwrap();
    let on = ask_sync(&desktop, &on_desktop, &area, true, false);
    assert_eq!(on["on"], true);
    assert_eq!(on["computers"], 1, "the laptop");
    assert!(on["used"].as_u64().unwrap() > 0 && on["quota"] == 102_400);
    assert_eq!(titles(&desktop), vec!["Engineer 3"]);
    let off = ask_sync(&desktop, &on_desktop, &area, false, true);
    assert_eq!(
        (off["on"].clone(), off["used"].clone()),
        (false.into(), 0.into())
    );
    assert_eq!(
        titles(&desktop),
        vec!["Engineer 3"],
        "this computer keeps it"
    );
}

#[test]
fn a_write_the_sync_area_refused_is_written_again_when_tried_again_with_no_new_change() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    area.failing_writes.set(1);
    track_synced(&laptop, &storage, &area, 3);
    done(laptop.resend(&storage, &area)).unwrap();
    let sync = done(storage.get(&["sync".into()])).unwrap();
    assert!(sync["sync"].get("problem").is_none());
    let (other, _) = synced_computer(&area, 2);
    assert_eq!(titles(&other), vec!["Engineer 3"]);
}

#[test]
fn news_of_this_computers_own_writes_to_the_sync_area_reads_nothing_more_of_the_store() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    track_synced(&laptop, &storage, &area, 3);
    let woken = woken(&storage);
    storage.read.borrow_mut().clear();
    assert!(!done(woken.receive(&storage, &area, now())).unwrap());
    let read = storage.read.borrow();
    assert!(read.iter().all(|key| key.starts_with("sync")), "{read:?}");
}

#[test]
fn a_woken_worker_answers_a_command_without_reading_the_synced_document() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    track_synced(&laptop, &storage, &area, 3);
    storage.read.borrow_mut().clear();
    let woken = woken(&storage);
    track(&woken, &storage, 4);
    assert!(!storage.read.borrow().contains("sync/doc"));
}

#[test]
fn a_burst_of_changes_goes_to_the_sync_area_in_one_write_even_after_the_worker_was_stopped() {
    let area = Memory::default();
    let (laptop, storage) = synced_computer(&area, 1);
    for n in 0..5 {
        track(&laptop, &storage, n);
    }
    let pending = done(storage.get(&["sync/pending".into()])).unwrap();
    assert_eq!(
        pending["sync/pending"]["keys"].as_array().map(Vec::len),
        Some(5 * 3)
    );
    let writes = area.sets.get();
    let restarted = woken(&storage);
    done(restarted.send(&storage, &area, now())).unwrap();
    assert_eq!(area.sets.get(), writes + 1, "one write for the burst");
    assert!(done(storage.get(&["sync/pending".into()]))
        .unwrap()
        .is_empty());
    let (desktop, _) = synced_computer(&area, 2);
    assert_eq!(titles(&desktop).len(), 5);
}

#[test]
fn a_woken_worker_reads_what_a_due_follow_up_names_before_notifying_it() {
    let storage = Memory::default();
    let tracked = loaded(&storage);
    track(&tracked, &storage, 1);
    let (_, notified) = tracked.state_mut().take_newly_due(now());
    done(persist(&storage, &notified)).unwrap();
    let woken = woken(&storage);
    let later = now() + chrono::Duration::days(30);
    done(woken.read_pending(&storage)).unwrap();
    let (due, _) = woken.state_mut().take_newly_due(later);
    assert!(!due.is_empty());
    let unnamed = due.iter().filter_map(|f| f.opportunity.clone());
    assert!(unnamed
        .clone()
        .all(|id| !woken.state().opportunities.contains_key(&id)));
    done(woken.read_naming(&storage, &due)).unwrap();
    assert!(unnamed
        .into_iter()
        .all(|id| woken.state().opportunities.contains_key(&id)));
}
