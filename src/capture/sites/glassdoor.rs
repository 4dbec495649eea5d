//! Glassdoor: the search page with a posting open in its side pane, and the job view, whose
//! header the pane repeats. The page's title and first heading count the results ("4,030 Data
//! scientist jobs in India"); the adapter reads the posting's own header instead, and a search
//! with no posting open gives none.

use super::{every_read, host_label, no_key, normal, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "glassdoor",
    source: Source::Glassdoor,
    serves,
    shows: every_read,
    texts: &[
        ("title", "[data-test=\"job-details-header\"] h1"),
        (
            "company",
            "[data-test=\"job-details-header\"] [data-test=\"employer-name\"], \
             [data-test=\"job-details-header\"] a[href*=\"/Overview/\"] h4",
        ),
        (
            "location",
            "[data-test=\"job-details-header\"] [data-test=\"location\"]",
        ),
        (
            "selected",
            "[data-selected=\"true\"] a[data-test=\"job-title\"]",
        ),
    ],
    every: &[],
    attrs: &[(
        "link",
        "[data-selected=\"true\"] a[data-test=\"job-title\"]",
        "href",
    )],
    lists: &[],
    once: &[],
    jobs,
    posting: no_key,
};

/// Glassdoor on every country host (`glassdoor.com`, `glassdoor.co.in`, `glassdoor.de`).
fn serves(url: &Url) -> bool {
    host_label(url, "glassdoor")
}

/// The posting in the header, with the link of the selected search card when that card is the
/// same posting.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads.text("company");
    job.location = reads.text("location");
    if reads
        .text("selected")
        .is_some_and(|selected| normal::same_text(&selected, &job.title))
    {
        job.url = reads.text("link").and_then(|href| reads.resolve(&href));
    }
    vec![job]
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{jobs, main, some};

    const SEARCH: &str =
        "https://www.glassdoor.co.in/Job/india-data-scientist-jobs-SRCH_IL.0,5_KO6,20.htm";

    const CARD: &str = r#"<title>4,030 Data scientist jobs in India | Glassdoor</title>
        <meta property="og:title" content="4,030 Data scientist jobs in India | Glassdoor">
        <h1>4,030 Data scientist jobs in India</h1>
        <li data-test="jobListing"><div data-test="job-card-wrapper" data-selected="true">
        <span>Athenahealth</span><a data-test="job-title" id="job-title-1"
        href="/job-listing/principal-athenahealth-JV_IC2833209.htm?jl=1009722062558">Principal Engineer</a>
        <div data-test="emp-location" id="job-location-1">Chennai</div></div></li>"#;

    const PANE: &str = r#"<header data-test="job-details-header"><a href="/Overview/Working-at-athenahealth-EI_IE18207.htm">
        <h4>Athenahealth</h4><span>4.1</span></a><h1 id="jd-job-title-1">Principal Engineer</h1>
        <div><div data-test="location">Chennai</div><div>·</div><div data-test="detailSalary">₹5L - ₹8L</div></div></header>"#;

    #[test]
    fn search_pane_posting_is_read_from_its_header_not_the_results_count() {
        let html = format!("{CARD}{PANE}");
        assert_eq!(
            main(&html, SEARCH),
            (
                "Principal Engineer".into(),
                some("Athenahealth"),
                some("Chennai")
            )
        );
        assert_eq!(
            jobs(&html, SEARCH)[0].url.as_deref(),
            Some("https://www.glassdoor.co.in/job-listing/principal-athenahealth-JV_IC2833209.htm?jl=1009722062558")
        );
    }

    #[test]
    fn search_without_a_posting_open_gives_none() {
        assert!(jobs(CARD, SEARCH).is_empty());
    }
}
