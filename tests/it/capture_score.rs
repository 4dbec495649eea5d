//! The corpus score (CAPTURE.md): `extract` over every job and search page of MANIFEST.tsv,
//! title, company and location compared with the ground truth, a per-site table of right
//! fields printed, and the bar of 95% overall enforced.

use super::capture::{extract_page, manifest, normal, Row};
use follow_through::model::Job;
use std::collections::BTreeMap;

/// The share of right fields the corpus must reach.
const BAR: f64 = 0.95;

const FIELDS: [&str; 3] = ["title", "company", "location"];

/// What a row's ground truth expects of `jobs[0]`: a posting's fields, or no posting at all.
/// A row naming a person (a people search: its `location` is the person's) and a list page
/// whose ground truth joins several postings' titles ("A | B | C", no posting open) have no
/// one posting to capture.
fn expects_a_posting(row: &Row) -> bool {
    row.get("name").is_empty() && !row.get("title").contains(" | ")
}

/// Whether `field` of the captured job is right for the row.
fn right(row: &Row, job: Option<&Job>, field: &str) -> bool {
    let found = job.and_then(|job| match field {
        "title" => Some(job.title.clone()),
        "company" => job.company.clone(),
        _ => job.location.clone(),
    });
    if !expects_a_posting(row) {
        return job.is_none();
    }
    let expected = normal(row.get(field));
    match found {
        None => expected.is_empty(),
        Some(found) => !expected.is_empty() && normal(&found) == expected,
    }
}

#[test]
fn corpus_score_is_at_least_95_percent_of_fields() {
    let rows: Vec<Row> = manifest()
        .into_iter()
        .filter(|row| matches!(row.get("kind"), "job" | "search"))
        .collect();
    let mut sites: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for row in &rows {
        let extraction = extract_page(row);
        let job = extraction.jobs.first();
        let tally = sites.entry(row.get("site").to_string()).or_default();
        tally.0 += 1;
        for field in FIELDS {
            tally.2 += 1;
            if right(row, job, field) {
                tally.1 += 1;
            } else {
                let found = job.map(|job| match field {
                    "title" => Some(job.title.as_str()),
                    "company" => job.company.as_deref(),
                    _ => job.location.as_deref(),
                });
                wrong.push(format!(
                    "{} {field}: found {found:?}, expected {:?}",
                    row.get("file"),
                    row.get(field)
                ));
            }
        }
    }
    let (right_fields, fields) = sites
        .values()
        .fold((0, 0), |(r, t), (_, right, total)| (r + right, t + total));
    let share = right_fields as f64 / fields as f64;
    println!("\n| site | pages | right fields | share |\n|---|---:|---:|---:|");
    for (site, (pages, right, total)) in &sites {
        let percent = 100.0 * *right as f64 / *total as f64;
        println!("| {site} | {pages} | {right}/{total} | {percent:.1}% |");
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
        "corpus score {:.1}% is below {:.0}%: {wrong:#?}",
        100.0 * share,
        100.0 * BAR
    );
}
