//! SmartRecruiters job pages (`jobs.smartrecruiters.com/<Company>/<id>-<slug>`). The pages
//! carry schema.org microdata (read as structured data first); the adapter reads the header:
//! `h1.job-title`, the formatted address of `spl-job-location`, the company's `meta`.

use super::{every_read, on, posting_at, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "smartrecruiters",
    source: Source::SmartRecruiters,
    serves,
    shows: every_read,
    texts: &[
        ("title", "h1.job-title, .job-title"),
        ("location", ".job-location, [itemprop=\"jobLocation\"]"),
    ],
    every: &[],
    attrs: &[
        (
            "address",
            "spl-job-location[formattedaddress]",
            "formattedaddress",
        ),
        (
            "company",
            "[itemprop=\"hiringOrganization\"] meta[itemprop=\"name\"]",
            "content",
        ),
    ],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "smartrecruiters.com")
}

/// The posting in the header.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads.text("company").or_else(|| reads.meta("og:site_name"));
    job.location = reads.text("address").or_else(|| reads.text("location"));
    vec![job]
}

/// `smartrecruiters:<company>/<id>` for `/<Company>/<id>-<slug>`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "smartrecruiters.com") {
        return None;
    }
    let [company, slug, ..] = segments(url)[..] else {
        return None;
    };
    let id = slug.split('-').next()?;
    if id.len() < 6 || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let company = company.to_ascii_lowercase();
    posting_at(
        format!("smartrecruiters:{company}/{id}"),
        format!("https://jobs.smartrecruiters.com/{company}/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn header_address_and_company_meta_give_the_posting() {
        let html = r#"<div itemprop="hiringOrganization"><meta itemprop="name" content="Visa"></div>
            <h1 class="job-title">Senior Engineer</h1>
            <spl-job-location formattedaddress="Austin, TX, United States"></spl-job-location>"#;
        assert_eq!(
            main(
                html,
                "https://jobs.smartrecruiters.com/Visa/744000012345678-senior-engineer"
            ),
            (
                "Senior Engineer".into(),
                some("Visa"),
                some("Austin, TX, United States")
            )
        );
    }
}
