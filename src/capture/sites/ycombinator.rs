//! Y Combinator's company pages (`/companies/<slug>`, `/companies/<slug>/jobs`): the company
//! in the page's heading and its jobs in rows, each a link to the posting and a line of facts,
//! the place first.

use super::{every_read, no_key, on, placed_cards, segments, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "ycombinator",
    source: Source::Ycombinator,
    serves,
    shows: every_read,
    texts: &[("company", "h1")],
    every: &[],
    attrs: &[],
    lists: &[(
        "jobs",
        "div:has(> div > div > a[href^=\"/companies/\"][href*=\"/jobs/\"])",
        &[
            ("title", "a[href*=\"/jobs/\"]", None),
            (
                "location",
                "div:has(> a[href*=\"/jobs/\"]) + div > div:first-child",
                None,
            ),
            ("link", "a[href*=\"/jobs/\"]", Some("href")),
        ],
    )],
    once: &[],
    jobs,
    posting: no_key,
};

/// A company's page and its jobs page.
fn serves(url: &Url) -> bool {
    on(url, "ycombinator.com")
        && matches!(
            segments(url).as_slice(),
            ["companies", _] | ["companies", _, "jobs"]
        )
}

/// The company's jobs, in page order.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let company = reads.text("company");
    let mut jobs = placed_cards(reads, "jobs");
    for job in &mut jobs {
        job.company.clone_from(&company);
    }
    jobs
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    fn row(title: &str, slug: &str, place: &str) -> String {
        format!(
            r#"<div class="flex-row"><div class="flex-col"><div><a href="/companies/craniometrix/jobs/{slug}">{title}</a></div>
            <div><div class="capitalize">{place}</div><div>$120K - $180K</div><div>3+ years</div></div></div>
            <div class="APPLY"><a href="https://account.ycombinator.com/authenticate">Apply Now ›</a></div></div>"#
        )
    }

    #[test]
    fn company_page_lists_its_jobs_with_the_company_of_the_heading() {
        let html = format!(
            r#"<h1>Craniometrix</h1><section><div><div>Jobs at Craniometrix</div>
            <div><a href="/companies/craniometrix/jobs">View all jobs</a></div></div>
            <div>{}{}</div></section>"#,
            row(
                "Chief of Staff",
                "ugwcSrU-chief-of-staff",
                "New York, NY, US / Remote (US)"
            ),
            row(
                "Founding Engineer",
                "5Ucqf0Q-founding-engineer",
                "$160K - $220K"
            )
        );
        let found = jobs(&html, "https://www.ycombinator.com/companies/craniometrix");
        let rows = fields(&found);
        assert_eq!(
            rows,
            [
                (
                    "Chief of Staff",
                    Some("Craniometrix"),
                    Some("New York, NY, US / Remote (US)")
                ),
                ("Founding Engineer", Some("Craniometrix"), None)
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.ycombinator.com/companies/craniometrix/jobs/ugwcSrU-chief-of-staff")
        );
    }
}
