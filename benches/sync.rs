//! What fits in the browser's sync area: a job search built through the store's own commands
//! from the corpus's real postings (tracked, applied, an interview with a person for one in
//! three, a call made with no answer for one in two, so a second touch is planned), each change
//! written into the synced document as the worker writes it, then packed as the sync area holds
//! it. Sizes, which are the same on every machine; then what one change costs with sync on, as a
//! ratio to the change alone measured in the same run.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::America::New_York;
use corpus::{corpus, job_pages};
use follow_through::capture::{extract, native, plan_for};
use follow_through::model::{Job, Outcome, Rule};
use follow_through::store::{Command, State};
use follow_through::sync::pack::{item_bytes, pack, SYNC_QUOTA};
use follow_through::sync::{self, Clock, Doc, Replica};
use std::collections::BTreeMap;
use std::time::Instant;

mod corpus;

/// The postings capture finds on the corpus's job pages.
fn postings() -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    for (path, address) in job_pages()? {
        let html = native::read_file(&corpus().join(path))?;
        let Some(plan) = plan_for(&address) else {
            continue;
        };
        jobs.extend(
            extract(&native::read(&html, &address, &plan))
                .jobs
                .into_iter()
                .take(1),
        );
    }
    Ok(jobs)
}

struct Search {
    state: State,
    doc: Doc,
    clock: Clock,
    now: DateTime<Utc>,
}

impl Search {
    fn does(&mut self, command: Command) -> Option<String> {
        self.now += Duration::minutes(13);
        let applied = self.state.apply(command, self.now, New_York).ok()?;
        let stamp = self.clock.tick(self.now);
        let replica = self.clock.replica.clone();
        sync::write(
            &mut self.doc,
            &self.state,
            &applied.changes,
            &replica,
            &stamp,
        );
        applied.opportunity.map(|o| o.id)
    }
}

/// A search of `applications` applications.
fn search(jobs: &[Job], applications: usize) -> Option<Search> {
    let replica = Replica::parse("k3f9a2qx")?;
    let mut search = Search {
        state: State::default(),
        doc: Doc::default(),
        clock: Clock::new(replica),
        now: DateTime::parse_from_rfc3339("2026-09-01T13:00:00Z")
            .ok()?
            .with_timezone(&Utc),
    };
    for n in 0..applications {
        let mut job = jobs.get(n % jobs.len())?.clone();
        if let Some(url) = &mut job.url {
            let join = if url.contains('?') { '&' } else { '?' };
            url.push_str(&format!("{join}copy={n}"));
        }
        job.job_key = Some(format!("{}-{n}", job.job_key.as_deref().unwrap_or("bench")));
        let id = search.does(Command::Track { job })?;
        search.does(Command::MarkApplied {
            opportunity_id: id.clone(),
        });
        if n % 3 == 0 {
            let event = serde_json::json!({"opportunityId": id, "kind": "interviewed", "with": format!("Dana Reyes {n}")});
            search.does(Command::LogEvent {
                event: serde_json::from_value(event).ok()?,
            });
        }
        if n % 2 == 0 {
            let call = search
                .state
                .pending_followups()
                .find(|f| f.rule == Rule::R3 && f.opportunity.as_deref() == Some(id.as_str()))
                .map(|f| f.id.clone());
            if let Some(followup_id) = call {
                search.does(Command::CompleteFollowUp {
                    followup_id,
                    outcome: Some(Outcome::NoAnswer),
                });
            }
        }
    }
    Some(search)
}

fn main() -> Result<(), String> {
    let jobs = postings()?;
    println!("## What fits in the browser's sync area\n");
    println!(
        "Method: `cargo bench --bench sync`. A job search built through the store's own commands \
         from the {} postings capture finds on the corpus's job pages (each tracked and applied; an \
         interview with a person for one in three; a call with no answer for one in two, which \
         plans a second touch), every change written into the synced document as the worker \
         writes it (`sync::write`), then packed as the sync area holds it (`sync::pack`, one \
         computer's items). The quota is Chrome's and Firefox's: {} bytes in all, {} an item, \
         {} items. Bytes as the browser counts them: each item's key and its value's JSON text.\n",
        jobs.len(),
        SYNC_QUOTA.bytes,
        SYNC_QUOTA.per_item,
        SYNC_QUOTA.items
    );
    println!(
        "| applications | events | follow-ups | contacts | packed, all (bytes) | items | \
         left out to fit the quota (records) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut per_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut fits = 0;
    let mut compressed_100 = 0;
    for applications in [10, 25, 50, 100, 150, 200, 300] {
        let search = search(&jobs, applications).ok_or("the search could not be built")?;
        let none = BTreeMap::new();
        let packed = pack(
            &search.doc,
            &search.clock.replica,
            usize::MAX,
            SYNC_QUOTA,
            &none,
        );
        let state = &search.state;
        let within = pack(
            &search.doc,
            &search.clock.replica,
            SYNC_QUOTA.bytes,
            SYNC_QUOTA,
            &none,
        );
        println!(
            "| {applications} | {} | {} | {} | {} | {} | {} |",
            state.events.len(),
            state.followups.len(),
            state.contacts.len(),
            packed.bytes,
            packed.items.len(),
            within.left_out.len()
        );
        if within.left_out.is_empty() {
            fits = applications;
        }
        if applications == 100 {
            let mut docs: BTreeMap<&str, Doc> = BTreeMap::new();
            for (key, item) in &search.doc.items {
                let kind = match key.split('/').next().unwrap_or_default() {
                    "application" => "an application",
                    "event" => "an event",
                    "followup" => "a follow-up",
                    "contact" => "a contact",
                    _ => "settings, templates, links",
                };
                let record = serde_json::to_value(item).map_err(|e| e.to_string())?;
                let entry = per_kind.entry(kind).or_default();
                entry.0 += 1;
                entry.1 += item_bytes(key, &record);
                docs.entry(kind)
                    .or_default()
                    .items
                    .insert(key.clone(), item.clone());
            }
            for (kind, doc) in docs {
                let alone = pack(&doc, &search.clock.replica, usize::MAX, SYNC_QUOTA, &none);
                if let Some(entry) = per_kind.get_mut(kind) {
                    entry.2 = alone.bytes;
                }
            }
            compressed_100 = packed.bytes;
        }
    }
    println!(
        "\nA record in the synced document (JSON, a stamp on every field), at 100 applications, \
         and packed (the records of each kind packed alone):\n"
    );
    println!("| record | count | bytes each (mean) | packed, bytes each (mean) |");
    println!("|---|---:|---:|---:|");
    let mut raw = 0;
    for (kind, (count, bytes, packed)) in &per_kind {
        raw += bytes;
        let count = count.max(&1);
        println!(
            "| {kind} | {count} | {} | {} |",
            bytes / count,
            packed / count
        );
    }
    println!(
        "\nPacked (one stamp per change rather than per field) and compressed (raw deflate, in \
         base 64), the 100 applications' {raw} bytes of records take {compressed_100} ({:.1}× \
         less; the 20 postings repeat, so a real search compresses somewhat less). The whole search fits in the quota up to {fits} applications of the \
         sizes above, with their events, follow-ups and contacts; beyond, open applications and \
         their history are kept first, and the rest is left out and the user told.",
        raw as f64 / compressed_100.max(1) as f64
    );
    cost_of_a_change(&jobs)
}

/// The median of `runs` timings of `f`, in ms.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// One snooze at each size: the change alone (the command applied and its records turned into
/// JSON, as the worker stores them) against the change with sync on (`sync::local::send`: the
/// stored document read from its JSON, the change written in, this computer's items packed, and
/// the document and sync record turned into JSON to be stored).
fn cost_of_a_change(jobs: &[Job]) -> Result<(), String> {
    println!(
        "\n### What a change costs with sync on\n\nMethod: the same `cargo bench --bench sync`, \
         native (the Wasm in the worker is slower by a similar factor for both), median of 21. \
         The change: snoozing a follow-up by a day. Alone: `State::apply` and its changed \
         records turned into JSON, as the worker stores them. With sync: `sync::local::send` \
         after it, with the document read from its stored JSON text, this computer's items \
         packed again, and the document written back as JSON text. The worker does this after \
         the reply, once the changes of a burst stop coming for two seconds \
         (`web::worker::send_soon`): it delays no reply, and a burst of changes costs one.\n"
    );
    println!("| applications | change alone (ms) | with sync (ms) | ratio |");
    println!("|---:|---:|---:|---:|");
    for applications in [50, 100, 200] {
        let built = search(jobs, applications).ok_or("the search could not be built")?;
        let followup_id = built
            .state
            .pending_followups()
            .next()
            .map(|f| f.id.clone())
            .ok_or("no follow-up to snooze")?;
        let command = Command::Snooze {
            followup_id,
            by: follow_through::store::SnoozeFor::OneDay,
        };
        let stored = serde_json::to_string(&built.doc).map_err(|e| e.to_string())?;
        let mut local = sync::local::Local {
            on: true,
            clock: built.clock.clone(),
            left_out: 0,
            problem: None,
        };
        let area = pack(
            &built.doc,
            &local.clock.replica,
            SYNC_QUOTA.bytes,
            SYNC_QUOTA,
            &BTreeMap::new(),
        )
        .items;
        let alone = median_ms(21, || {
            let mut state = built.state.clone();
            if let Ok(applied) = state.apply(command.clone(), built.now, New_York) {
                std::hint::black_box(serde_json::to_string(&applied.changes.set).ok());
            }
        });
        let synced = median_ms(21, || {
            let mut state = built.state.clone();
            let Ok(applied) = state.apply(command.clone(), built.now, New_York) else {
                return;
            };
            std::hint::black_box(serde_json::to_string(&applied.changes.set).ok());
            let Ok(mut doc) = serde_json::from_str::<Doc>(&stored) else {
                return;
            };
            let round = sync::local::send(
                &mut local,
                &mut doc,
                &state,
                &applied.changes,
                &area,
                built.now,
            );
            for record in round.local.set.values().filter(|v| !v.is_string()) {
                std::hint::black_box(serde_json::to_string(record).ok());
            }
        });
        println!(
            "| {applications} | {alone:.2} | {synced:.2} | {:.1}× |",
            synced / alone.max(1e-9)
        );
    }
    Ok(())
}
