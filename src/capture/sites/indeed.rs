//! Indeed: the job view (`/viewjob?jk=`) and the search page with a posting open in its pane
//! (`vjk=`). Indeed's view publishes JSON-LD, which wins; the adapter reads the header for the
//! pane and for views without it.

use super::{every_read, posting_at, query, Posting, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "indeed",
    source: Source::Indeed,
    serves,
    shows: every_read,
    texts: &[
        (
            "title",
            "[data-testid=\"jobsearch-JobInfoHeader-title\"], .jobsearch-JobInfoHeader-title",
        ),
        (
            "company",
            "[data-testid=\"inlineHeader-companyName\"] a, [data-testid=\"inlineHeader-companyName\"], \
             [data-company-name=\"true\"]",
        ),
        (
            "location",
            "[data-testid=\"inlineHeader-companyLocation\"] > div, \
             [data-testid=\"inlineHeader-companyLocation\"], [data-testid=\"job-location\"]",
        ),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

/// Indeed's job views and searches on every country host (`au.indeed.com`, `indeed.co.uk`).
fn serves(url: &Url) -> bool {
    indeed_host(url)
}

/// Whether one of the host's labels is `indeed`.
fn indeed_host(url: &Url) -> bool {
    url.host_str().is_some_and(|host| {
        host.to_ascii_lowercase()
            .split('.')
            .any(|label| label == "indeed")
    })
}

/// The posting in the header.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads.text("company");
    job.location = reads.text("location");
    vec![job]
}

/// `indeed:<jk>` for `jk=` (a view) or `vjk=` (the posting open in a search).
fn posting(url: &Url) -> Option<Posting> {
    if !indeed_host(url) {
        return None;
    }
    let id = query(url, "jk").or_else(|| query(url, "vjk"))?;
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    posting_at(
        format!("indeed:{id}"),
        format!("https://{host}/viewjob?jk={id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn pane_header_is_read_without_structured_data() {
        let html = r#"<h1 data-testid="jobsearch-JobInfoHeader-title"><span>Senior DevOps Engineer</span>
            <span class="css-1b6omqv">- job post</span></h1>
            <div data-testid="inlineHeader-companyName"><a>PaperCut Software</a></div>
            <div data-testid="inlineHeader-companyLocation"><div>Camberwell VIC 3124</div></div>"#;
        assert_eq!(
            main(
                html,
                "https://au.indeed.com/jobs?q=devops&vjk=54f1f8af68d722d2"
            ),
            (
                "Senior DevOps Engineer".into(),
                some("PaperCut Software"),
                some("Camberwell VIC 3124")
            )
        );
    }
}
