//! Naukri: the search results (`naukri.com/<role>-jobs-in-<place>`), a list of job cards
//! (`.srp-jobtuple-wrapper`). A search's JSON-LD is only its breadcrumbs and an `ItemList` of the
//! cards' titles and links (no employer), and its heading and title count the vacancies found
//! ("Software Engineer Jobs In Bangalore"), no posting's words. Each card names the employer
//! (never Naukri) and its places, separated by commas, which capture joins with "; ".

use super::{every_read, no_key, on, segments, stepstone, List, Site};
use crate::model::Source;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "naukri",
    source: Source::Naukri,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[CARDS],
    once: &[],
    jobs: stepstone::jobs,
    posting: no_key,
};

/// Naukri's job cards.
const CARDS: List = (
    "cards",
    ".srp-jobtuple-wrapper",
    &[
        ("title", "a.title", None),
        ("company", "a.comp-name", None),
        ("location", ".locWdth", None),
        ("link", "a.title", Some("href")),
    ],
);

/// Naukri's searches: `/<role>-jobs`, `/<role>-jobs-in-<place>`, `/jobs-in-<place>`; not a
/// posting (`/job-listings-…`).
fn serves(url: &Url) -> bool {
    on(url, "naukri.com")
        && matches!(segments(url)[..], [search] if !search.starts_with("job-listings")
            && (search.ends_with("-jobs") || search.contains("-jobs-in-") || search.starts_with("jobs-in-")))
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    fn card(id: &str, title: &str, company: &str, places: &str) -> String {
        format!(
            r#"<div class="srp-jobtuple-wrapper" data-job-id="{id}"><div class="cust-job-tuple layout-wrapper lay-2 sjw__tuple ">
            <div class=" row1"><h2><a class="title " title="{title}" href="https://www.naukri.com/job-listings-{id}">{title}</a></h2></div>
            <div class=" row2"><span class=" comp-dtls-wrap"><a class=" comp-name mw-25" title="{company}" href="https://www.naukri.com/x-jobs-careers-1">{company}</a>
            <a class="rating" title="Powered by Ambition Box"><span class="main-2">3.7</span></a><a class=" review ver-line">1222  Reviews</a></span></div>
            <div class=" row3"><div class="job-details "><span class="exp-wrap"><span class="expwdth">7-12 Yrs</span></span>
            <span class="loc-wrap ver-line"><span class="ni-job-tuple-icon loc"><span title="{places} " class="locWdth">{places}</span></span></span></div></div></div></div>"#
        )
    }

    #[test]
    fn a_naukri_search_lists_every_card_with_its_employer_and_places() {
        let html = format!(
            r#"<title>Software Engineer Jobs In Bangalore - 16228 Software Engineer Job Vacancies In Bangalore - Naukri.com</title>
            <meta property="og:site_name" content="Naukri.com">
            <h1 class="styles_h1-content__MdLE_" title="Software Engineer Jobs In Bangalore">Software Engineer Jobs In Bangalore</h1>
            {}{}"#,
            card(
                "080626026898",
                "Software Engineer RISCV",
                "Qualcomm",
                "Bangalore Rural, Bengaluru"
            ),
            card(
                "080626918153",
                "Custom Software Engineer",
                "Naukri",
                "Bengaluru"
            ),
        );
        let found = jobs(
            &html,
            "https://www.naukri.com/software-engineer-jobs-in-bangalore",
        );
        assert_eq!(
            fields(&found),
            [
                (
                    "Software Engineer RISCV",
                    Some("Qualcomm"),
                    Some("Bangalore Rural; Bengaluru")
                ),
                ("Custom Software Engineer", None, Some("Bengaluru")),
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.naukri.com/job-listings-080626026898")
        );
    }

    #[test]
    fn a_naukri_posting_is_no_search() {
        assert!(!super::serves(
            &url::Url::parse("https://www.naukri.com/job-listings-software-engineer-riscv-qualcomm-bangalore-7-to-12-years-080626026898").unwrap()
        ));
    }
}
