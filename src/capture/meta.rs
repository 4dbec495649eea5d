//! OpenGraph and meta tags: a weak source. `og:title` is a page's title, not always a
//! posting's, so meta tags never make a posting on their own: they complete one another source
//! found (same title), e.g. with the company in `og:site_name` or the description.

use super::{normal, Page};

use crate::model::{Job, Source};

/// Names sites give themselves that are job boards or ATS vendors, not employers.
const BOARDS: [&str; 17] = [
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

/// Whether a site name is a job board's or an ATS vendor's.
pub(super) fn is_board(name: &str) -> bool {
    let name = name.to_lowercase();
    BOARDS
        .iter()
        .any(|board| name == *board || name.strip_suffix(".com") == Some(board))
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
