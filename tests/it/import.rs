//! LinkedIn `Connections.csv` over the real exports in `../shared/corpus/linkedin/`: every row
//! accounted for (a person or a reason), spreadsheet re-saves read the same, and importing into
//! the store twice adds no one the second time.

use super::capture::corpus;
use follow_through::capture::connections::{read_connections, text_of, windows_1252};
use follow_through::store::{shard_of, State};
use std::collections::BTreeSet;

const CURRENT: &str = "linkedin/Connections_jasontoups_2024.csv";
const OLDER: &str = "linkedin/Connections_stanislavz_2018_no_url_column.csv";

/// A corpus file as the settings page hands it to the worker.
fn text(file: &str) -> String {
    text_of(&std::fs::read(corpus().join(file)).unwrap(), windows_1252)
}

/// Rows of each sample (SOURCES.tsv's `data_rows` counts one fewer: both files end without a
/// final line break), and how many of them have no name (members LinkedIn hides).
#[test]
fn every_row_of_both_exports_is_a_person_or_a_reported_skip() {
    for (file, rows, nameless) in [(CURRENT, 1628, 47), (OLDER, 1821, 33)] {
        let read = read_connections(&text(file)).unwrap();
        assert_eq!(read.people.len() + read.skipped.len(), rows, "{file}");
        assert_eq!(read.skipped.len(), nameless, "{file}");
        assert!(read
            .skipped
            .iter()
            .all(|skip| skip.reason.english().contains("no name")));
        assert!(read
            .people
            .iter()
            .all(|person| person.connected_on.is_some()));
    }
    let current = read_connections(&text(CURRENT)).unwrap();
    assert!(current
        .people
        .iter()
        .all(|person| person.profile_url.is_some()));
    let ava = current
        .people
        .iter()
        .find(|p| p.name == "Ava Lopez")
        .unwrap();
    assert_eq!(ava.company.as_deref(), Some("CivicMinds, Inc"));
    let older = read_connections(&text(OLDER)).unwrap();
    assert!(older
        .people
        .iter()
        .all(|person| person.profile_url.is_none()));
}

#[test]
fn a_spreadsheet_resave_reads_the_same_people() {
    let original = read_connections(&text(OLDER)).unwrap();
    let text = text(OLDER);
    let mut resaved = Vec::new();
    for line in text.lines() {
        let line = line.replace(" Nov 2018", "-Nov-18");
        // Lines Windows-1252 cannot hold (Cyrillic names) stay UTF-8: a mixed file.
        match encoding_rs::WINDOWS_1252.encode(&line) {
            (encoded, _, false) => resaved.extend_from_slice(&encoded),
            _ => resaved.extend_from_slice(line.as_bytes()),
        }
        resaved.extend_from_slice(b"\r\n\r\n");
    }
    let read = read_connections(&text_of(&resaved, windows_1252)).unwrap();
    assert_eq!(read.people.len(), original.people.len());
    let names = |people: &[follow_through::model::Person]| {
        people.iter().map(|p| p.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&read.people), names(&original.people));
    assert_eq!(read.people[1].name, "Dina Bécane-Gonçalves");
    assert_eq!(read.people[1].connected_on, original.people[1].connected_on);
}

#[test]
fn importing_an_export_twice_adds_nobody_the_second_time() {
    let mut state = State::default();
    let people = read_connections(&text(CURRENT)).unwrap().people;
    let count = people.len();
    let (first, changes) = state.import_contacts(people.clone());
    assert_eq!(first.added + first.skipped.len(), count);
    let records: BTreeSet<String> = state.contacts.keys().map(|id| shard_of(id)).collect();
    assert_eq!(
        changes.set.len(),
        records.len() + 1,
        "each record of contacts written once, and meta"
    );
    let (second, changes) = state.import_contacts(people);
    assert_eq!(second.added, 0);
    assert_eq!(second.unchanged, first.added);
    assert!(changes.is_empty());
    assert_eq!(state.contacts.len(), first.added);
}

#[test]
fn extract_command_prints_the_people_of_a_csv() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_extract"))
        .arg(corpus().join(CURRENT))
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed["people"][0]["name"], "Anjula Batra");
    assert_eq!(printed["people"][0]["connected_on"], "2024-05-30");
    assert_eq!(
        printed["people"][0]["profile_url"],
        "https://www.linkedin.com/in/anjula-batra/"
    );
    assert_eq!(printed["errors"].as_array().unwrap().len(), 47);
    assert_eq!(printed["jobs"], serde_json::json!([]));
}
