//! Workable job pages (`apply.workable.com/<account>/j/<id>` and the older
//! `<account>.workable.com/jobs/<id>`): the header carries title, workplace and location, the
//! logo's alt text and `og:title` the company.

use super::{
    company_beside_title, every_read, on, posting_at, segments, subdomain, Posting, Reads, Site,
};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "workable",
    source: Source::Workable,
    serves,
    shows: every_read,
    texts: &[
        ("title", "[data-ui=\"job-title\"]"),
        ("location", "[data-ui=\"job-location\"]"),
        ("workplace", "[data-ui=\"job-workplace\"]"),
        ("type", "[data-ui=\"job-type\"]"),
    ],
    every: &[],
    attrs: &[("logo", "[data-ui=\"company-logo\"] img[alt]", "alt")],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "workable.com")
}

/// The posting in the header; the company from `og:title`, the page title or the logo.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .meta("og:title")
        .and_then(|title| company_beside_title(&title, &job.title))
        .or_else(|| company_beside_title(&reads.title()?, &job.title))
        .or_else(|| reads.text("logo"));
    job.location = reads.text("location");
    job.employment_type = reads.text("type");
    job.remote = reads
        .text("workplace")
        .filter(|workplace| workplace.eq_ignore_ascii_case("remote"))
        .map(|_| true);
    vec![job]
}

/// `workable:<account>/<id>`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "workable.com") {
        return None;
    }
    let segments = segments(url);
    let (account, id) = match segments.as_slice() {
        [account, "j", id, ..] if subdomain(url).as_deref() == Some("apply") => {
            (account.to_string(), id.to_string())
        }
        ["jobs", id, ..] => (subdomain(url)?, id.to_string()),
        _ => return None,
    };
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let account = account.to_ascii_lowercase();
    posting_at(
        format!("workable:{account}/{id}"),
        format!("https://apply.workable.com/{account}/j/{id}/"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn header_and_og_title_give_the_posting() {
        let html = r#"<meta property="og:title" content="CRM Architect - Huble">
            <a data-ui="company-logo"><img alt="Huble"></a><h1 data-ui="job-title">CRM Architect</h1>
            <div data-ui="job-location"><span>London, </span><span>United Kingdom</span></div>"#;
        assert_eq!(
            main(html, "https://apply.workable.com/huble/j/927FD30DD5"),
            (
                "CRM Architect".into(),
                some("Huble"),
                some("London, United Kingdom")
            )
        );
    }
}
