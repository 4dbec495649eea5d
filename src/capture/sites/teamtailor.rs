//! Teamtailor career sites (`<company>.teamtailor.com/jobs/<id>-<slug>`). Teamtailor publishes
//! a JSON-LD `JobPosting`; the adapter reads the rendered header for pages without it, and the
//! company from `og:site_name` or the page title ("Backend Developer - Acme").

use super::{
    company_beside_title, every_read, on, posting_at, segments, subdomain, Posting, Reads, Site,
};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "teamtailor",
    source: Source::Teamtailor,
    serves,
    shows: every_read,
    texts: &[
        (
            "title",
            "[data-controller*=\"job-title\"], .careersite-job__title, .job-header h1, main h1",
        ),
        ("location", "[data-job-location], .careersite-job__location"),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "teamtailor.com") && segments(url).first() == Some(&"jobs")
}

/// The posting in the header.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .meta("og:site_name")
        .or_else(|| company_beside_title(&reads.title()?, &job.title));
    job.location = reads.text("location");
    vec![job]
}

/// `teamtailor:<company>/<id>` for `/jobs/<id>-<slug>`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "teamtailor.com") {
        return None;
    }
    let ["jobs", slug, ..] = segments(url)[..] else {
        return None;
    };
    let id = slug.split('-').next()?;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let company = subdomain(url)?;
    let host = url.host_str()?.to_ascii_lowercase();
    posting_at(
        format!("teamtailor:{company}/{id}"),
        format!("https://{host}/jobs/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn header_and_site_name_give_the_posting() {
        let html = r#"<meta property="og:site_name" content="Acme"><title>Backend Developer - Acme</title>
            <main><h1>Backend Developer</h1><span data-job-location>Stockholm</span></main>"#;
        assert_eq!(
            main(
                html,
                "https://acme.teamtailor.com/jobs/3516123-backend-developer"
            ),
            ("Backend Developer".into(), some("Acme"), some("Stockholm"))
        );
    }
}
