//! Dice: the search results, a list of job cards (no posting pane). Dice marks the card, its
//! title link and its company link by test id and address, and its location only by place: the
//! first line under the title, a workplace ahead of the place ("Hybrid in San Francisco").

use super::{every_read, no_key, on, placed_cards, segments, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "dice",
    source: Source::Dice,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[(
        "cards",
        "[data-testid=\"job-search-serp-card\"]",
        &[
            (
                "title",
                "[data-testid=\"job-search-job-detail-link\"]",
                None,
            ),
            ("company", "a[href*=\"/company-profile/\"] p", None),
            ("location", "[role=\"main\"] > span:first-of-type p", None),
            (
                "link",
                "a[data-testid=\"job-search-job-detail-link\"]",
                Some("href"),
            ),
        ],
    )],
    once: &[],
    jobs,
    posting: no_key,
};

/// Dice's searches (`/jobs`, `/jobs/q-rust-l-remote-jobs`).
fn serves(url: &Url) -> bool {
    on(url, "dice.com") && segments(url).first() == Some(&"jobs")
}

/// Every card, in page order.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    placed_cards(reads, "cards")
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    fn card(title: &str, id: u32, place: &str) -> String {
        format!(
            r#"<div data-testid="job-search-serp-card" role="article">
            <a href="/company-profile/6e95?companyname=Accroid"><img alt="{title}"></a>
            <a href="/company-profile/6e95?companyname=Accroid"><p>Accroid Inc</p></a>
            <div role="main" aria-label="Details for {title} position"><div><a data-testid="job-search-job-detail-link"
            href="https://www.dice.com/job-detail/{id}">{title}</a></div>
            <span><div><p>{place}</p></div><div><p>•</p></div><div><p>Today</p></div></span>
            <span><p>Must Have Skills: React</p></span></div></div>"#
        )
    }

    #[test]
    fn search_lists_every_card_with_its_workplace_and_place() {
        let html = format!(
            "<title>Search Jobs | Dice.com</title>{}{}",
            card("UI Web Developer", 1, "Hybrid in San Francisco, California"),
            card("Web Developer", 2, "League City, Texas")
        );
        let found = jobs(
            &html,
            "https://www.dice.com/jobs/q-web+developer-l-remote-jobs",
        );
        let cards = fields(&found);
        assert_eq!(
            cards,
            [
                (
                    "UI Web Developer",
                    Some("Accroid Inc"),
                    Some("Hybrid in San Francisco, California")
                ),
                (
                    "Web Developer",
                    Some("Accroid Inc"),
                    Some("League City, Texas")
                )
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.dice.com/job-detail/1")
        );
    }

    #[test]
    fn card_without_a_place_leaves_the_location_empty() {
        let html = card("UI Web Developer", 1, "•");
        let found = jobs(&html, "https://www.dice.com/jobs?q=web");
        assert_eq!(found[0].location, None);
    }
}
