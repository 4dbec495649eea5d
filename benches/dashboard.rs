//! The dashboard benchmark: the whole dashboard (board, lists, charts) computed over a large
//! store, 10,000 postings, 20,000 contacts and 50,000 follow-ups, as the worker does for every
//! dashboard request, against a baseline measured in the same run (one pass over every
//! follow-up, which any view needs). Printed as a Markdown table.

use chrono::{DateTime, Duration as Days, Utc};
use chrono_tz::America::New_York;
use follow_through::dashboard::{dashboard, Query};
use follow_through::model::Job;
use follow_through::model::{
    Contact, Event, FollowUp, Link, Opportunity, Role, Rule, Stage, Status, What,
};
use follow_through::store::State;
use std::hint::black_box;
use std::time::Duration;
use support::{median, milliseconds, MIN_RUNS};

mod support;

const POSTINGS: usize = 10_000;
const CONTACTS: usize = 20_000;
const FOLLOWUPS: usize = 50_000;

/// Each measurement repeats its work for this long (see `support::median`).
const BUDGET: Duration = Duration::from_millis(1_500);

fn store(now: DateTime<Utc>) -> Result<State, String> {
    let mut state = State::default();
    let stages = [
        Stage::Saved,
        Stage::Applied,
        Stage::Applied,
        Stage::Interviewing,
        Stage::Rejected,
    ];
    for i in 0..POSTINGS {
        let job: Job = serde_json::from_value(serde_json::json!({
            "title": format!("Software Engineer {i}"), "company": format!("Company {}", i % 700),
            "url": format!("https://boards.greenhouse.io/c{}/jobs/{i}", i % 700), "source": "jsonld"
        }))
        .map_err(|e| e.to_string())?;
        let at = now - Days::hours((i % 2000) as i64 * 2);
        let id = format!("o{i}");
        state.opportunities.insert(
            id.clone(),
            Opportunity {
                id: id.clone(),
                job,
                stage: stages[i % 5],
                created_at: at,
                notes: None,
                edits: Vec::new(),
            },
        );
        for (n, what) in [What::Saved, What::Applied].into_iter().enumerate() {
            let e = format!("e{i}-{n}");
            state.events.insert(
                e.clone(),
                Event {
                    id: e,
                    at: at + Days::hours(n as i64),
                    opportunity: Some(id.clone()),
                    contact: None,
                    what,
                },
            );
        }
    }
    for i in 0..CONTACTS {
        let id = format!("c{i}");
        let mut c = Contact::new(id.clone(), format!("Person {i}"));
        c.company = Some(format!("Company {}", i % 700));
        c.headline = Some("Engineering Manager".into());
        c.links.push(Link {
            opportunity: format!("o{}", i % POSTINGS),
            role: Role::Recruiter,
        });
        state.contacts.insert(id, c);
    }
    let statuses = [
        Status::Open,
        Status::Done,
        Status::Open,
        Status::Snoozed,
        Status::Cancelled,
    ];
    for i in 0..FOLLOWUPS {
        let id = format!("f{i}");
        let due = now + Days::hours(i as i64 % 500 - 250);
        let status = statuses[i % 5];
        state.followups.insert(
            id.clone(),
            FollowUp {
                id,
                rule: [Rule::R3, Rule::R4, Rule::R15, Rule::R16][i % 4],
                opportunity: Some(format!("o{}", i % POSTINGS)),
                contact: None,
                event: format!("e{}-1", i % POSTINGS),
                due,
                zone: "America/New_York".into(),
                status,
                text: format!("Follow up {i}"),
                touch: 1,
                note: None,
                ended_at: (status == Status::Done).then_some(due),
                outcome: None,
                snoozes: Vec::new(),
                edits: Vec::new(),
            },
        );
    }
    Ok(state)
}

fn main() -> Result<(), String> {
    let now: DateTime<Utc> = "2026-11-19T15:00:00Z"
        .parse()
        .map_err(|e| format!("bad instant: {e}"))?;
    let state = store(now)?;
    let query = Query::default();
    let mut searching = Query::default();
    searching.contacts.search = "company 42 manager".into();
    let view = dashboard(&state, &query, now, New_York);
    let bytes = serde_json::to_string(&view)
        .map_err(|e| e.to_string())?
        .len();

    let baseline = median(BUDGET, || {
        black_box(
            state
                .followups
                .values()
                .filter(|f| f.due < black_box(now))
                .count(),
        );
    });
    let full = median(BUDGET, || {
        black_box(dashboard(&state, &query, now, New_York));
    });
    let search = median(BUDGET, || {
        black_box(dashboard(&state, &searching, now, New_York));
    });
    let reply = median(BUDGET, || {
        black_box(serde_json::to_string(&dashboard(&state, &query, now, New_York)).ok());
    });

    println!("## Dashboard benchmark (native)\n");
    println!(
        "Method: a store of {POSTINGS} postings (two events each), {CONTACTS} contacts and \
         {FOLLOWUPS} follow-ups; `dashboard()` computes the board (50 cards a column), the \
         timeline, both paged lists (50 rows), the four charts and the backup reminder, as the \
         worker does for each dashboard request. Each figure is the median of repeated runs (at \
         least {MIN_RUNS}, for at least {} ms); the ratio is against the baseline, one pass \
         over every follow-up. The reply is {} KB of JSON.\n",
        BUDGET.as_millis(),
        bytes / 1024
    );
    println!("| step | ms | ratio to baseline |\n|---|---:|---:|");
    let ratio = |d: Duration| d.as_secs_f64() / baseline.as_secs_f64().max(f64::MIN_POSITIVE);
    for (step, d) in [
        ("baseline: one pass over every follow-up", baseline),
        ("`dashboard()`, default view", full),
        ("`dashboard()`, contacts searched by three words", search),
        ("`dashboard()` and its reply as JSON", reply),
    ] {
        println!("| {step} | {:.1} | {:.1} |", milliseconds(d), ratio(d));
    }
    Ok(())
}
