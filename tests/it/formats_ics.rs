//! The calendar of open follow-ups, read back with the `icalendar` crate's parser: every open
//! follow-up is an event at its due time with a stable UID, text is escaped and lines folded
//! as RFC 5545 says.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::America::New_York;
use follow_through::formats::ics::followups_ics;
use follow_through::model::Job;
use follow_through::store::{Command, SnoozeFor, State};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use serde_json::json;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2026-03-06T12:00:00Z")
}

/// A job whose page text needs every escape, applied to (which ends "apply by"); one follow-up
/// snoozed.
fn search() -> State {
    let mut state = State::default();
    let job: Job = serde_json::from_value(json!({
        "title": "Ingénieur·e logiciel; backend, Rust \\ Wasm — équipe « données » 日本語のタイトル",
        "company": "Acme\r\nWidgets",
        "url": "https://boards.greenhouse.io/acme/jobs/1",
        "source": "jsonld"
    }))
    .unwrap();
    let id = state
        .apply(Command::Track { job }, at("2026-03-02T15:30:00Z"), New_York)
        .unwrap()
        .opportunity
        .unwrap()
        .id;
    state
        .apply(
            Command::MarkApplied { opportunity_id: id },
            at("2026-03-03T15:30:00Z"),
            New_York,
        )
        .unwrap();
    let pending: Vec<String> = state.pending_followups().map(|f| f.id.clone()).collect();
    state
        .apply(
            Command::Snooze {
                followup_id: pending[1].clone(),
                by: SnoozeFor::OneWeek,
            },
            at("2026-03-04T15:30:00Z"),
            New_York,
        )
        .unwrap();
    state
}

fn utc(t: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match t {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("not a UTC date-time: {other:?}"),
    }
}

#[test]
fn every_open_follow_up_is_an_event_at_its_due_time_in_utc() {
    let state = search();
    let text = followups_ics(&state, now());
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let open: Vec<_> = state.pending_followups().collect();
    assert_eq!(events.len(), open.len());
    assert!(
        open.len() >= 2 && open.len() < state.followups.len(),
        "ended ones are left out"
    );
    for (event, f) in events.iter().zip(open.iter().copied()) {
        assert_eq!(utc(event.get_start()), f.due);
        assert_eq!(utc(event.get_end()), f.due + Duration::minutes(15));
        assert_eq!(event.get_timestamp(), Some(now()));
        assert!(event.get_uid().unwrap().starts_with(&format!("{}-", f.id)));
        assert_eq!(event.get_sequence(), Some(f.snoozes.len() as u32));
        let summary = event.get_summary().unwrap();
        assert!(
            summary.starts_with(&f.text.replace("\r\n", "\n")),
            "{summary}"
        );
        assert!(summary.ends_with(
            "Ingénieur·e logiciel; backend, Rust \\ Wasm — équipe « données » 日本語のタイトル · \
             Acme\nWidgets"
        ));
        let description = event.get_description().unwrap();
        assert!(
            description.starts_with("Applied 2026-03-03"),
            "{description}"
        );
        assert!(description.ends_with("\nhttps://boards.greenhouse.io/acme/jobs/1"));
        assert_eq!(
            event.property_value("URL"),
            Some("https://boards.greenhouse.io/acme/jobs/1")
        );
    }
    assert!(
        events.iter().any(|e| e.get_sequence() == Some(1)),
        "the snoozed one"
    );
}

#[test]
fn the_uid_stays_the_same_from_one_export_to_the_next() {
    let state = search();
    let uids = |text: String| -> Vec<String> {
        let calendar: Calendar = text.parse().unwrap();
        calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => e.get_uid().map(String::from),
                _ => None,
            })
            .collect()
    };
    let first = uids(followups_ics(&state, now()));
    assert_eq!(
        first,
        uids(followups_ics(&state, now() + Duration::days(3)))
    );
    let mut unique = first.clone();
    unique.dedup();
    assert_eq!(unique, first);
}

#[test]
fn text_is_escaped_and_lines_are_folded_at_75_octets_on_character_boundaries() {
    let text = followups_ics(&search(), now());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "CRLF only"
    );
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(
        lines.iter().all(|l| l.len() <= 75),
        "no line over 75 octets"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "long lines are folded"
    );
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("logiciel\\; backend\\, Rust \\\\ Wasm"));
    assert!(unfolded.contains("Acme\\nWidgets"));
}

#[test]
fn a_calendar_without_open_follow_ups_is_still_a_calendar() {
    let calendar: Calendar = followups_ics(&State::default(), now()).parse().unwrap();
    assert!(calendar.components.is_empty());
}
