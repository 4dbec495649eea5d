//! Monster: the search results (`monster.com/jobs/search`), a list of job cards
//! (`article[data-testid=svx_jobCard]`). The search publishes no structured data and its heading
//! names the search ("sales development representative Jobs in the United States"); each card
//! marks the title, the employer (never Monster) and the place for Monster's own tests.

use super::{cards, every_read, no_key, on, segments, List, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "monster",
    source: Source::Monster,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[CARDS],
    once: &[],
    jobs,
    posting: no_key,
};

/// Monster's job cards.
const CARDS: List = (
    "cards",
    "article[data-testid=\"svx_jobCard\"]",
    &[
        ("title", "[data-testid=\"jobTitle\"]", None),
        ("company", "[data-testid=\"company\"]", None),
        ("location", "[data-testid=\"jobDetailLocation\"]", None),
        ("link", "a[data-testid=\"jobTitle\"]", Some("href")),
    ],
);

/// Monster's searches (`/jobs/search?q=…`).
fn serves(url: &Url) -> bool {
    on(url, "monster.com") && segments(url)[..] == ["jobs", "search"]
}

/// Every card, in page order.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    cards(reads, "cards")
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    const URL: &str = "https://www.monster.com/jobs/search?q=Sales+Development+Representative";

    fn card(n: u32, title: &str, company: &str, place: &str) -> String {
        format!(
            r#"<li><article data-testid="svx_jobCard" data-test-id="svx-job-card-component-{n}" aria-selected="true"
            aria-controls="BigJobCardId" aria-label="{title} at {company}" tabindex="0">
            <div aria-hidden="true" title="{company}" data-testid="jobHeaderCompanyBadge">H</div><span data-testid="jobHeaderNew">New!</span>
            <button data-testid="job-save-button" title="save this job"><svg><path d="M1"></path></svg></button>
            <h3><a aria-hidden="true" data-testid="jobTitle" tabindex="-1" href="//www.monster.com/job-openings/job-{n}?sid=1&amp;so=m.h.s">{title}</a><span
            data-testid="company" aria-hidden="true">{company}</span> </h3>
            <div><span data-testid="jobDetailLocation">{place}</span><span data-testid="jobDetailDateRecency">3 days ago</span></div>
            <ul data-testid="jobCardTags"><li data-testid="tag">Full-time</li></ul></article></li>"#
        )
    }

    #[test]
    fn a_monster_search_lists_every_card_with_its_employer_not_monster() {
        let html = format!(
            r#"<h1><span>sales development representative</span> Jobs in the United States</h1><h2>Jobs</h2>
            <ul>{}{}</ul>"#,
            card(
                0,
                "Machine\n            Sales Representative",
                "Hawthorne",
                "Kahului,\n            HI"
            ),
            card(1, "Sales Development Representative", "Monster", "Remote"),
        );
        let found = jobs(&html, URL);
        assert_eq!(
            fields(&found),
            [
                (
                    "Machine Sales Representative",
                    Some("Hawthorne"),
                    Some("Kahului, HI")
                ),
                ("Sales Development Representative", None, Some("Remote")),
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.monster.com/job-openings/job-0?sid=1&so=m.h.s")
        );
    }
}
