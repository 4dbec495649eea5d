//! The people score (CAPTURE.md): `extract` over every LinkedIn profile, people-search and
//! connections page of MANIFEST.tsv, `people[0]`'s name, headline, current company and location
//! compared with the ground truth, a per-kind table of right fields printed, and the bar of 95%
//! enforced. List pages must also list every card, in page order.

use super::capture::{extract_page, manifest, normal, Row};
use follow_through::model::Person;
use std::collections::BTreeMap;

/// The share of right fields the corpus must reach.
const BAR: f64 = 0.95;

/// Ground-truth column and the person's field it is compared with.
const FIELDS: [&str; 4] = ["name", "headline", "current_company", "location"];

fn found<'a>(person: Option<&'a Person>, field: &str) -> Option<&'a str> {
    let person = person?;
    match field {
        "name" => Some(person.name.as_str()),
        "headline" => person.headline.as_deref(),
        "current_company" => person.company.as_deref(),
        _ => person.location.as_deref(),
    }
}

/// Rows whose ground truth is a person: profiles, the connections list, and searches whose
/// first result is a person.
fn people_rows() -> Vec<Row> {
    manifest()
        .into_iter()
        .filter(|row| row.get("site") == "linkedin" && !row.get("name").is_empty())
        .collect()
}

#[test]
fn people_score_is_at_least_95_percent_of_fields() {
    let rows = people_rows();
    assert!(rows.len() >= 11, "{} people pages", rows.len());
    let mut kinds: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for row in &rows {
        let extraction = extract_page(row);
        let person = extraction.people.first();
        let tally = kinds.entry(row.get("kind").to_string()).or_default();
        tally.0 += 1;
        for field in FIELDS {
            let expected = normal(row.get(field));
            let got = found(person, field);
            let right = match got {
                None => expected.is_empty(),
                Some(text) => !expected.is_empty() && normal(text) == expected,
            };
            tally.2 += 1;
            if right {
                tally.1 += 1;
            } else {
                wrong.push(format!(
                    "{} {field}: found {got:?}, expected {:?}",
                    row.get("file"),
                    row.get(field)
                ));
            }
        }
    }
    let (right_fields, fields) = kinds
        .values()
        .fold((0, 0), |(r, t), (_, right, total)| (r + right, t + total));
    let share = right_fields as f64 / fields as f64;
    println!("\n| kind | pages | right fields | share |\n|---|---:|---:|---:|");
    for (kind, (pages, right, total)) in &kinds {
        let percent = 100.0 * *right as f64 / *total as f64;
        println!("| {kind} | {pages} | {right}/{total} | {percent:.1}% |");
    }
    println!(
        "| **overall** | {} | {right_fields}/{fields} | **{:.1}%** |\n",
        rows.len(),
        100.0 * share
    );
    for line in &wrong {
        println!("wrong: {line}");
    }
    assert!(
        share >= BAR,
        "people score {:.1}% is below {:.0}%: {wrong:#?}",
        100.0 * share,
        100.0 * BAR
    );
}

#[test]
fn connections_list_gives_every_card_in_page_order_with_its_date() {
    let row = people_rows()
        .into_iter()
        .find(|row| row.get("kind") == "connections")
        .unwrap();
    let cards = row
        .get("notes")
        .split("Cards: ")
        .nth(1)
        .unwrap()
        .trim_end_matches(['.', '"']);
    let expected: Vec<String> = cards.split("; ").map(normal).collect();
    let people = extract_page(&row).people;
    let names: Vec<String> = people.iter().map(|person| normal(&person.name)).collect();
    assert_eq!(names, expected);
    assert_eq!(
        people[0].connected_on,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 27)
    );
    assert!(people.iter().all(|person| person.connected_on.is_some()
        && person.degree.as_deref() == Some("1st")
        && person.profile_url.is_some()));
}

#[test]
fn people_search_lists_all_ten_results_with_their_degree() {
    let row = people_rows()
        .into_iter()
        .find(|row| row.get("kind") == "search")
        .unwrap();
    let people = extract_page(&row).people;
    assert_eq!(people.len(), 10);
    assert!(people
        .iter()
        .all(|person| person.degree.as_deref() == Some("2nd")));
    assert_eq!(
        people[0].profile_url.as_deref(),
        Some("https://www.linkedin.com/in/sikailee/")
    );
}

#[test]
fn every_profile_page_gives_one_person_at_the_canonical_profile_url() {
    for row in people_rows()
        .into_iter()
        .filter(|row| row.get("kind") == "profile")
    {
        let people = extract_page(&row).people;
        assert_eq!(people.len(), 1, "{}", row.get("file"));
        let url = people[0].profile_url.as_deref().unwrap_or_default();
        assert!(
            url.starts_with("https://www.linkedin.com/in/") && url.ends_with('/'),
            "{}: {url}",
            row.get("file")
        );
    }
}

#[test]
fn job_pages_show_nobody() {
    for row in manifest()
        .into_iter()
        .filter(|row| row.get("kind") == "job")
    {
        assert!(extract_page(&row).people.is_empty(), "{}", row.get("file"));
    }
}
