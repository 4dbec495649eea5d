//! BreezyHR position pages (`<company>.breezy.hr/p/<id>-<slug>`). Breezy publishes a JSON-LD
//! `JobPosting`; the adapter reads the position header (`.position h1`, `.location`) for pages
//! without it, and the company from `og:site_name` or the page title.

use super::{
    company_beside_title, every_read, on, posting_at, segments, subdomain, Posting, Reads, Site,
};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "breezyhr",
    source: Source::BreezyHr,
    serves,
    shows: every_read,
    texts: &[
        ("title", ".position-header h1, .position h1, .banner h1"),
        (
            "location",
            ".position-header .location, .position .meta .location, .banner .location",
        ),
        ("type", ".position-header .type, .position .meta .type"),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "breezy.hr")
}

/// The posting in the position header.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .meta("og:site_name")
        .or_else(|| company_beside_title(&reads.title()?, &job.title));
    job.location = reads.text("location");
    job.employment_type = reads.text("type");
    vec![job]
}

/// `breezyhr:<company>/<id>` for `/p/<id>-<slug>`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "breezy.hr") {
        return None;
    }
    let ["p", slug, ..] = segments(url)[..] else {
        return None;
    };
    let id = slug.split('-').next()?;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let company = subdomain(url)?;
    posting_at(
        format!("breezyhr:{company}/{id}"),
        format!("https://{company}.breezy.hr/p/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn position_header_gives_the_posting() {
        let html = r#"<title>Senior Designer at Acme</title><div class="position-header">
            <h1>Senior Designer</h1><ul class="meta"><li class="location"><span>Canada</span></li></ul></div>"#;
        assert_eq!(
            main(
                html,
                "https://acme.breezy.hr/p/0a1b2c3d4e5f-senior-designer"
            ),
            ("Senior Designer".into(), some("Acme"), some("Canada"))
        );
    }
}
