//! OpenGraph and meta tags: a weak source. `og:title` is a page's title, not always a
//! posting's, so meta tags never make a posting on their own: they complete one another source
//! found (same title), e.g. with the company in `og:site_name` or the description.

use super::{normal, Page};

use crate::model::{Job, Source};

/// Names sites give themselves that are job boards or ATS vendors, not employers.
const BOARDS: [&str; 31] = [
    "linkedin",
    "indeed",
    "glassdoor",
    "greenhouse",
    "lever",
    "workday",
    "workable",
    "ashby",
    "smartrecruiters",
    "teamtailor",
    "breezy hr",
    "icims",
    "built in",
    "monster",
    "ziprecruiter",
    "y combinator",
    "welcome to the jungle",
    "seek",
    "dice",
    "wellfound",
    "stepstone",
    "reed",
    "totaljobs",
    "naukri",
    "recruitee",
    "personio",
    "jazzhr",
    "bamboohr",
    "jobvite",
    "taleo",
    "successfactors",
];

/// Countries a board names itself after where it serves one ("SEEK Australia").
const COUNTRIES: [&str; 22] = [
    "australia",
    "new zealand",
    "nz",
    "uk",
    "united kingdom",
    "ireland",
    "india",
    "canada",
    "singapore",
    "hong kong",
    "malaysia",
    "philippines",
    "deutschland",
    "germany",
    "österreich",
    "schweiz",
    "france",
    "españa",
    "nederland",
    "belgium",
    "usa",
    "us",
];

/// The posting the meta tags describe, to complete another source's; none when the title
/// counts search results.
pub(super) fn job(page: &Page<'_>) -> Option<Job> {
    let title = page
        .meta("og:title")
        .or_else(|| page.meta("twitter:title"))
        .filter(|title| !normal::is_results_count(title))?;
    let mut job = Job::titled(normal::title(&title), Source::Meta);
    job.company = page.meta("og:site_name").filter(|name| !is_board(name));
    job.description = page
        .meta("og:description")
        .or_else(|| page.meta("description"));
    Some(job)
}

/// Whether a site name is a job board's or an ATS vendor's: its name alone, as a domain
/// ("Indeed.com", "seek.com.au", "www.totaljobs.com") or with the country it serves ("SEEK
/// Australia").
pub(super) fn is_board(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    let name = name.strip_prefix("www.").unwrap_or(&name);
    BOARDS.iter().any(|board| {
        let Some(rest) = name.strip_prefix(board) else {
            return false;
        };
        let domain = |rest: &str| {
            rest.split('.').all(|label| {
                (2..=3).contains(&label.len()) && label.chars().all(|c| c.is_ascii_lowercase())
            })
        };
        rest.is_empty()
            || rest.strip_prefix('.').is_some_and(domain)
            || rest
                .strip_prefix(' ')
                .is_some_and(|place| COUNTRIES.contains(&place.trim()))
    })
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::capture::Snapshot;

    #[test]
    fn site_name_is_a_company_unless_it_is_a_board() {
        let mut snapshot = Snapshot {
            url: "https://careers.acme.example/jobs/1".into(),
            ..Snapshot::default()
        };
        snapshot.meta.insert("og:title".into(), "Welder".into());
        snapshot.meta.insert("og:site_name".into(), "Acme".into());
        let job = job(&Page::new(&snapshot)).unwrap();
        assert_eq!(
            (job.title.as_str(), job.company.as_deref()),
            ("Welder", Some("Acme"))
        );
        snapshot
            .meta
            .insert("og:site_name".into(), "LinkedIn".into());
        assert_eq!(job_company(&snapshot), None);
    }

    #[test]
    fn a_board_named_by_its_host_is_still_the_board() {
        for name in [
            "www.totaljobs.com",
            "Totaljobs.com",
            "seek.com.au",
            "SEEK Australia",
        ] {
            assert!(is_board(name), "{name}");
        }
        for name in ["www.acme.com", "Seekers Ltd", "Reeding Group"] {
            assert!(!is_board(name), "{name}");
        }
    }

    #[test]
    fn a_results_count_is_no_posting() {
        let mut snapshot = Snapshot {
            url: "https://www.glassdoor.co.in/Job/india-data-scientist-jobs-SRCH_IL.0,5.htm".into(),
            ..Snapshot::default()
        };
        snapshot.meta.insert(
            "og:title".into(),
            "4,030 Data scientist jobs in India | Glassdoor".into(),
        );
        assert_eq!(job(&Page::new(&snapshot)), None);
    }

    fn job_company(snapshot: &Snapshot) -> Option<String> {
        job(&Page::new(snapshot)).and_then(|job| job.company)
    }
}
