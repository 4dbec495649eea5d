//! Totaljobs: the search results (`totaljobs.com/jobs/<search>`), a list of job cards, and the
//! home page. Totaljobs runs on StepStone's platform and its cards are StepStone's, read the
//! same way (see `stepstone`); a search's JSON-LD is only its breadcrumbs and FAQ, and its title
//! counts "job vacancies". The home page holds no cards and no posting: its slogan ("Jobs are
//! our job") is no job title, so the adapter keeps it from the generic reader's guesses.

use super::{every_read, no_key, on, segments, stepstone, Site};
use crate::model::Source;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "totaljobs",
    source: Source::Totaljobs,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[stepstone::CARDS],
    once: &[],
    jobs: stepstone::jobs,
    posting: no_key,
};

/// Totaljobs's home page and searches (`/jobs/<keywords>`, `/jobs/<keywords>/in-<place>`).
fn serves(url: &Url) -> bool {
    on(url, "totaljobs.com") && matches!(segments(url).first(), None | Some(&"jobs"))
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    fn card(id: u32, title: &str, company: &str, place: &str) -> String {
        format!(
            r#"<article data-genesis-element="CARD" id="job-item-{id}" data-at="job-item">
            <a href="https://www.totaljobs.com/jobs/acme?cmpId=1" data-at="company-logo"><img alt="{company}"></a>
            <h2><a href="/job/project-manager/acme-job{id}" data-at="job-item-title"><div><div><div>{title}</div></div></div></a></h2>
            <span data-genesis-element="TEXT" data-at="job-item-company-name"><span data-genesis-element="BASE">
            <span data-genesis-element="ICON_CONTAINER"><svg></svg></span>
            <span data-genesis-element="TEXT"><div>{company}</div></span></span></span>
            <span data-at="job-item-location"><span data-genesis-element="ICON_CONTAINER"></span>
            <span data-genesis-element="TEXT">{place}</span></span></article>"#
        )
    }

    #[test]
    fn the_totaljobs_home_page_is_no_posting() {
        let html = r#"<title>Jobs are our job | Totaljobs</title>
            <meta property="og:title" content="Jobs are our job">
            <meta property="og:site_name" content="www.totaljobs.com">
            <h1>Jobs are our job</h1><p>Find your next job</p>"#;
        assert_eq!(jobs(html, "https://www.totaljobs.com/"), []);
    }

    #[test]
    fn a_totaljobs_search_lists_every_card_with_its_employer_not_totaljobs() {
        let html = format!(
            r#"<meta property="og:site_name" content="Totaljobs">
            <title>Technical Project Manager job vacancies - Updated Daily</title>{}{}"#,
            card(
                106208609,
                "Corporate Tech Project Manager",
                "Bravura Solutions UK Ltd",
                "London"
            ),
            card(1, "Project Manager", "Totaljobs", "Leeds")
        );
        let found = jobs(
            &html,
            "https://www.totaljobs.com/jobs/technical-project-manager",
        );
        assert_eq!(
            fields(&found),
            [
                (
                    "Corporate Tech Project Manager",
                    Some("Bravura Solutions UK Ltd"),
                    Some("London")
                ),
                ("Project Manager", None, Some("Leeds"))
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.totaljobs.com/job/project-manager/acme-job106208609")
        );
    }
}
