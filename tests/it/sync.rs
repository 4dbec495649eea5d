//! The synced document merges the same way on every computer: computers that changed things
//! while apart agree once they have heard from each other, whatever the order and however
//! often the changes arrive, and nothing logged on one is lost on another.

use chrono::{DateTime, Duration, TimeZone, Utc};
use follow_through::sync::{Clock, Doc, Replica};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const NAMES: [&str; 3] = ["laptop", "desktop", "workpc"];
const FIELDS: [&str; 3] = ["title", "company", "notes"];

/// What one computer does.
#[derive(Debug, Clone)]
enum Op {
    /// Writes record `key` with every field (empty where `None`).
    Edit {
        on: usize,
        key: usize,
        values: [Option<u8>; 3],
    },
    Delete {
        on: usize,
        key: usize,
    },
    /// Logs an event: a record of its own, written once.
    Log {
        on: usize,
    },
    /// Deletes the `nth` event logged so far, if there is one.
    Unlog {
        on: usize,
        nth: usize,
    },
    /// `to` takes in what `from` has.
    Exchange {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..4usize, prop::array::uniform3(prop::option::of(0..3u8)))
            .prop_map(|(on, key, values)| Op::Edit { on, key, values }),
        1 => (0..3usize, 0..4usize).prop_map(|(on, key)| Op::Delete { on, key }),
        2 => (0..3usize).prop_map(|on| Op::Log { on }),
        1 => (0..3usize, 0..8usize).prop_map(|(on, nth)| Op::Unlog { on, nth }),
        3 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Exchange { from, to }),
    ]
}

struct Computer {
    clock: Clock,
    doc: Doc,
    /// How far its wall clock is off, in seconds.
    skew: i64,
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

/// What happened: the computers, every document one sent to another (in order), and the
/// events logged and those deleted.
struct Run {
    computers: Vec<Computer>,
    sent: Vec<Doc>,
    logged: BTreeSet<String>,
    unlogged: BTreeSet<String>,
}

fn run(skews: [i64; 3], ops: &[Op], replicas: usize) -> Run {
    let mut computers: Vec<Computer> = NAMES[..replicas]
        .iter()
        .zip(skews)
        .map(|(name, skew)| Computer {
            clock: Clock::new(Replica::parse(name).unwrap()),
            doc: Doc::default(),
            skew,
        })
        .collect();
    let (mut sent, mut logged, mut unlogged) = (Vec::new(), BTreeSet::new(), BTreeSet::new());
    let mut events = Vec::new();
    for (step, op) in ops.iter().enumerate() {
        let wall = |c: &Computer| start() + Duration::seconds(step as i64 + c.skew);
        match op.clone() {
            Op::Edit { on, key, values } => {
                let c = &mut computers[on % replicas];
                let fields = FIELDS
                    .iter()
                    .zip(values)
                    .map(|(f, v)| (f.to_string(), v.map_or(Value::Null, |v| json!(v))))
                    .collect();
                let stamp = c.clock.tick(wall(c));
                c.doc.put(&format!("opportunity/o{key}"), fields, &stamp);
            }
            Op::Delete { on, key } => {
                let c = &mut computers[on % replicas];
                let stamp = c.clock.tick(wall(c));
                c.doc.remove(&format!("opportunity/o{key}"), &stamp);
            }
            Op::Log { on } => {
                let c = &mut computers[on % replicas];
                let key = format!("event/e{step}.{}", c.clock.replica);
                let fields = BTreeMap::from([("kind".to_string(), json!("applied"))]);
                let stamp = c.clock.tick(wall(c));
                c.doc.put(&key, fields, &stamp);
                logged.insert(key.clone());
                events.push((on % replicas, key));
            }
            Op::Unlog { on, nth } => {
                let c = &mut computers[on % replicas];
                if let Some((_, key)) = events.get(nth).filter(|(_, key)| c.doc.get(key).is_some())
                {
                    let stamp = c.clock.tick(wall(c));
                    c.doc.remove(key, &stamp);
                    unlogged.insert(key.clone());
                }
            }
            Op::Exchange { from, to } => {
                let doc = computers[from % replicas].doc.clone();
                let c = &mut computers[to % replicas];
                c.doc.merge(&doc);
                if let Some(latest) = doc.latest() {
                    c.clock.observe(latest);
                }
                sent.push(doc);
            }
        }
    }
    Run {
        computers,
        sent,
        logged,
        unlogged,
    }
}

/// Every computer hears from every other, twice over.
fn settle(computers: &mut [Computer]) {
    for _ in 0..2 {
        for from in 0..computers.len() {
            for to in 0..computers.len() {
                let doc = computers[from].doc.clone();
                computers[to].doc.merge(&doc);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn two_or_three_computers_that_hear_from_each_other_agree_and_lose_no_event(
        replicas in 2..=3usize,
        skews in prop::array::uniform3(-300i64..300),
        ops in prop::collection::vec(op(), 0..60),
    ) {
        let mut run = run(skews, &ops, replicas);
        settle(&mut run.computers);
        let first = &run.computers[0].doc;
        for other in &run.computers[1..] {
            prop_assert_eq!(&other.doc, first);
        }
        for key in run.logged.difference(&run.unlogged) {
            prop_assert!(first.get(key).is_some(), "{} was lost", key);
        }
        for key in &run.unlogged {
            prop_assert!(first.get(key).is_none(), "{} came back", key);
        }
    }

    #[test]
    fn what_was_sent_merges_to_one_document_in_any_order_and_any_number_of_times(
        skews in prop::array::uniform3(-300i64..300),
        ops in prop::collection::vec(op(), 0..60),
        order in any::<prop::sample::Index>(),
        repeats in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
    ) {
        let run = run(skews, &ops, 3);
        let mut docs: Vec<Doc> = run.computers.iter().map(|c| c.doc.clone()).collect();
        docs.extend(run.sent);
        let mut in_order = Doc::default();
        for doc in &docs {
            in_order.merge(doc);
        }
        let mut shuffled = docs.clone();
        if !shuffled.is_empty() {
            let len = shuffled.len();
            shuffled.rotate_left(order.index(len));
            shuffled.reverse();
            for repeat in &repeats {
                shuffled.push(docs[repeat.index(len)].clone());
            }
        }
        let mut other_order = Doc::default();
        for doc in &shuffled {
            other_order.merge(doc);
        }
        prop_assert_eq!(other_order, in_order);
    }
}

#[test]
fn an_event_logged_on_each_computer_while_apart_is_on_both_after_they_sync() {
    let ops = [
        Op::Log { on: 0 },
        Op::Log { on: 1 },
        Op::Exchange { from: 0, to: 1 },
        Op::Exchange { from: 1, to: 0 },
    ];
    let run = run([0, 120, 0], &ops, 2);
    for computer in &run.computers {
        for key in &run.logged {
            assert!(computer.doc.get(key).is_some());
        }
    }
}
