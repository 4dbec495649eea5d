//! CSV exports read back with the `csv` crate: RFC 4180 shape, times in the user's zone, and
//! page text that a spreadsheet would run as a formula kept as plain text.

use chrono::{DateTime, Utc};
use chrono_tz::{America::New_York, Europe::Berlin};
use follow_through::formats::export::{applications_csv, contacts_csv, followups_csv};
use follow_through::model::Job;
use follow_through::model::{Link, Outcome, Role, What};
use follow_through::store::{Command, ContactInput, NewEvent, State};
use serde_json::json;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Reads a CSV document back: its header and rows.
fn read(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column<'r>(header: &[String], row: &'r [String], name: &str) -> &'r str {
    let i = header.iter().position(|h| h == name).unwrap();
    &row[i]
}

/// A search in New York: a posting whose page text is hostile, applied to, and a recruiter.
fn search() -> State {
    let mut state = State::default();
    let job: Job = serde_json::from_value(json!({
        "title": "=HYPERLINK(\"https://evil.example\",\"Click\")",
        "company": "Acme, \"Widgets\"\nInc.",
        "location": "-Remote",
        "url": "https://boards.greenhouse.io/acme/jobs/1",
        "salary": "+1+cmd|' /C calc'!A0",
        "remote": true,
        "valid_through": "2026-03-20",
        "source": "jsonld"
    }))
    .unwrap();
    let tracked = state
        .apply(Command::Track { job }, at("2026-03-02T15:30:00Z"), New_York)
        .unwrap();
    let id = tracked.opportunity.unwrap().id;
    state
        .apply(
            Command::MarkApplied {
                opportunity_id: id.clone(),
            },
            at("2026-03-03T03:30:00Z"),
            New_York,
        )
        .unwrap();
    state
        .apply(
            Command::SaveContact {
                contact: ContactInput {
                    id: None,
                    name: "@Ana Lima".into(),
                    email: Some("ana@acme.example".into()),
                    profile_url: None,
                    links: vec![Link {
                        opportunity: id.clone(),
                        role: Role::Recruiter,
                    }],
                },
            },
            at("2026-03-03T04:00:00Z"),
            New_York,
        )
        .unwrap();
    state
        .apply(
            Command::LogEvent {
                event: NewEvent {
                    opportunity_id: Some(id),
                    contact_id: None,
                    at: None,
                    with: None,
                    what: What::Promise {
                        text: "send the deck by Friday".into(),
                    },
                },
            },
            at("2026-03-03T04:00:00Z"),
            New_York,
        )
        .unwrap();
    state
}

#[test]
fn csv_files_have_a_header_crlf_line_ends_and_a_byte_order_mark_for_excel() {
    let text = applications_csv(&search(), New_York);
    assert!(text.starts_with("\u{feff}Title,Company,"));
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        2,
        "header and one row; the cell's LF is kept"
    );
    let (header, rows) = read(&text);
    assert_eq!(header[0], "Title", "the reader skips the byte order mark");
    assert_eq!(rows.len(), 1);
}

#[test]
fn cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote() {
    let state = search();
    let (header, rows) = read(&applications_csv(&state, New_York));
    let row = &rows[0];
    assert_eq!(
        column(&header, row, "Title"),
        "'=HYPERLINK(\"https://evil.example\",\"Click\")"
    );
    assert_eq!(column(&header, row, "Salary"), "'+1+cmd|' /C calc'!A0");
    assert_eq!(column(&header, row, "Location"), "'-Remote");
    let (header, rows) = read(&contacts_csv(&state));
    assert_eq!(column(&header, &rows[0], "Name"), "'@Ana Lima");
}

#[test]
fn commas_quotes_and_line_breaks_survive_in_quoted_cells() {
    let text = applications_csv(&search(), New_York);
    assert!(text.contains("\"Acme, \"\"Widgets\"\"\nInc.\""));
    let (header, rows) = read(&text);
    assert_eq!(
        column(&header, &rows[0], "Company"),
        "Acme, \"Widgets\"\nInc."
    );
}

#[test]
fn applications_show_stage_dates_and_next_step_in_the_users_zone() {
    let state = search();
    let (header, rows) = read(&applications_csv(&state, New_York));
    let row = &rows[0];
    assert_eq!(column(&header, row, "Stage"), "Applied");
    assert_eq!(column(&header, row, "Saved"), "2026-03-02 10:30");
    assert_eq!(
        column(&header, row, "Applied"),
        "2026-03-02",
        "22:30 in New York"
    );
    assert_eq!(column(&header, row, "Closes"), "2026-03-20");
    assert_eq!(column(&header, row, "Remote"), "yes");
    assert_eq!(
        column(&header, row, "Posting"),
        "https://boards.greenhouse.io/acme/jobs/1"
    );
    assert!(!column(&header, row, "Next follow-up").is_empty());
    let (header, rows) = read(&applications_csv(&state, Berlin));
    assert_eq!(column(&header, &rows[0], "Saved"), "2026-03-02 16:30");
}

#[test]
fn contacts_list_their_roles_by_application() {
    let (header, rows) = read(&contacts_csv(&search()));
    let row = &rows[0];
    assert_eq!(column(&header, row, "Email"), "ana@acme.example");
    assert_eq!(
        column(&header, row, "Roles"),
        "Recruiter: =HYPERLINK(\"https://evil.example\",\"Click\") at Acme, \"Widgets\"\nInc."
    );
}

#[test]
fn every_follow_up_is_listed_by_due_time_with_its_status() {
    let mut state = search();
    let first = state.pending_followups().next().unwrap().id.clone();
    state
        .apply(
            Command::CompleteFollowUp {
                followup_id: first.clone(),
                outcome: Some(Outcome::Answered),
            },
            at("2026-03-04T14:00:00Z"),
            New_York,
        )
        .unwrap();
    let (header, rows) = read(&followups_csv(&state, New_York));
    assert_eq!(rows.len(), state.followups.len());
    let dues: Vec<&str> = rows.iter().map(|r| column(&header, r, "Due")).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    let done = rows
        .iter()
        .find(|r| column(&header, r, "ID") == first)
        .unwrap();
    assert_eq!(column(&header, done, "Status"), "Done");
    assert_eq!(column(&header, done, "Ended"), "2026-03-04 09:00");
    assert!(column(&header, done, "Application").starts_with("'=HYPERLINK"));
    for row in &rows {
        let due = column(&header, row, "Due");
        assert_eq!(due.len(), "2026-03-06 09:00".len(), "{due}");
    }
}
