//! Built In (`builtin.com` and its city sites such as `builtinnyc.com`, `/job/<slug>/<id>`).
//! Built In publishes a JSON-LD `JobPosting`, but its address drops the region where it
//! repeats the locality (New York, New York); the adapter reads the posting's header, whose
//! location line is the place as the page shows it ("New York, NY"). The header is the card
//! holding the page's `h1`: the "Similar Jobs" cards below it are other companies' postings.

use super::{every_read, on, posting_at, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "builtin",
    source: Source::Builtin,
    serves,
    shows: every_read,
    texts: &[
        ("title", "[data-id=\"job-card\"] h1"),
        (
            "company",
            "[data-id=\"job-card\"]:has(h1) [data-id=\"company-title\"]",
        ),
        (
            "location",
            "[data-id=\"job-card\"]:has(h1) div:has(> div > .fa-location-dot) > div > span",
        ),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

/// Built In's national site and its city sites.
const DOMAINS: [&str; 9] = [
    "builtin.com",
    "builtinaustin.com",
    "builtinboston.com",
    "builtinchicago.org",
    "builtincolorado.com",
    "builtinla.com",
    "builtinnyc.com",
    "builtinseattle.com",
    "builtinsf.com",
];

fn serves(url: &Url) -> bool {
    DOMAINS.iter().any(|domain| on(url, domain)) && segments(url).first() == Some(&"job")
}

/// The posting in the header.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads.text("company");
    job.location = reads.text("location").filter(|place| !is_count(place));
    vec![job]
}

/// Whether a location line only counts places ("2 Locations"): the places are in a tooltip.
fn is_count(place: &str) -> bool {
    let mut words = place.split_whitespace();
    let number = words.next().is_some_and(|word| word.parse::<u32>().is_ok());
    number && words.next().is_some() && words.next().is_none()
}

/// `builtin:<id>` for `/job/<slug>/<id>`.
fn posting(url: &Url) -> Option<Posting> {
    if !serves(url) {
        return None;
    }
    let ["job", slug, id, ..] = segments(url)[..] else {
        return None;
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    posting_at(
        format!("builtin:{id}"),
        format!("https://{host}/job/{slug}/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    const URL: &str = "https://www.builtinnyc.com/job/software-engineer/8554050";

    fn card(company: &str, heading: &str, place: &str) -> String {
        format!(
            r#"<div data-id="job-card"><a><h2 data-id="company-title">{company}</h2></a>{heading}
            <div><div><i class="fa-regular fa-location-dot"></i></div><div><span>{place}</span></div></div></div>"#
        )
    }

    #[test]
    fn header_location_is_read_as_shown_not_from_a_similar_job() {
        let html = format!(
            "{}{}",
            card("Giga", "<h1>Software Engineer</h1>", "New York, NY"),
            card("Wells Fargo", "<h2>Banker</h2>", "Forest Hills, NY, USA")
        );
        assert_eq!(
            main(&html, URL),
            (
                "Software Engineer".into(),
                some("Giga"),
                some("New York, NY")
            )
        );
    }

    #[test]
    fn structured_locality_gives_way_to_the_header_that_names_its_region() {
        let html = format!(
            r#"<script type="application/ld+json">{{"@type":"JobPosting","title":"Software Engineer",
            "hiringOrganization":"Giga","jobLocation":{{"address":{{"addressLocality":"New York",
            "addressRegion":"New York","addressCountry":"USA"}}}}}}</script>{}"#,
            card("Giga", "<h1>Software Engineer</h1>", "New York, NY")
        );
        assert_eq!(main(&html, URL).2, some("New York, NY"));
    }

    #[test]
    fn a_count_of_locations_is_no_location() {
        let html = card("Giga", "<h1>Software Engineer</h1>", "2 Locations");
        assert_eq!(main(&html, URL).2, None);
    }
}
