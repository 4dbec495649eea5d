//! Wellfound (formerly AngelList Talent): the role and location landing pages, which list
//! startups, each with its open jobs. A record is one startup's card: the company in its header
//! (`data-testid=startup-header`), then its first job, whose facts (pay, place, experience)
//! follow one another behind icons, the place second.

use super::{every_read, no_key, on, placed_cards, segments, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "wellfound",
    source: Source::Wellfound,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[(
        "cards",
        "div:has(> div > div > [data-testid=\"startup-header\"])",
        &[
            ("company", "[data-testid=\"startup-header\"] h2", None),
            ("title", "a[href*=\"/jobs/\"]", None),
            ("location", "span + div > svg + span", None),
            ("link", "a[href*=\"/jobs/\"]", Some("href")),
        ],
    )],
    once: &[],
    jobs,
    posting: no_key,
};

/// Wellfound's listings by role or by place (`/role/software-engineer`, `/location/berlin`).
fn serves(url: &Url) -> bool {
    on(url, "wellfound.com") && matches!(segments(url).first().copied(), Some("role" | "location"))
}

/// Each startup's first job, in page order.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    placed_cards(reads, "cards")
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    fn startup(company: &str, id: u32, facts: &str) -> String {
        format!(
            r#"<div><div><div class="flex-col"><div data-testid="startup-header">
            <a href="https://wellfound.com/company/x"><img alt="{company} company logo"></a>
            <div><div><a href="https://wellfound.com/company/x"><h2>{company}</h2></a><div>Actively Hiring</div></div>
            <span>Field and finance</span><span>11-50 Employees</span></div></div></div>
            <ul><li><div><svg></svg><div>Top 5% of responders</div></div></li></ul></div>
            <div><div><div><a href="https://wellfound.com/jobs/{id}-software-engineer">Software Engineer</a>
            <span>Full-time</span></div><div>{facts}</div></div></div></div>"#
        )
    }

    #[test]
    fn each_startup_gives_its_first_job_and_the_place_among_its_facts() {
        let html = format!(
            "<h1>Software Engineer Jobs</h1>{}{}",
            startup(
                "Agave API",
                1,
                "<div><svg></svg><span>$130k – $210k • 0.05% – 0.2%</span></div><span></span>\
                 <div><svg></svg><span>In office • San Francisco</span></div><span></span>\
                 <div><svg></svg><span>1 year of exp</span></div>"
            ),
            startup(
                "Applied Intuition",
                2,
                "<div><svg></svg><span>$140k – $180k</span></div><span></span>\
                 <div><svg></svg><span>Washington<span>+1</span></span></div>"
            )
        );
        let found = jobs(&html, "https://wellfound.com/role/software-engineer");
        let cards = fields(&found);
        assert_eq!(
            cards,
            [
                (
                    "Software Engineer",
                    Some("Agave API"),
                    Some("In office • San Francisco")
                ),
                (
                    "Software Engineer",
                    Some("Applied Intuition"),
                    Some("Washington")
                )
            ]
        );
    }

    #[test]
    fn a_fact_that_is_not_a_place_is_not_the_location() {
        let html = startup(
            "Agave API",
            1,
            "<div><svg></svg><span>$130k – $210k</span></div><span></span>\
             <div><svg></svg><span>1 year of exp</span></div>",
        );
        let found = jobs(&html, "https://wellfound.com/role/software-engineer");
        assert_eq!(found[0].location, None);
    }
}
