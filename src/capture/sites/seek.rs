//! SEEK (`seek.com.au`, `seek.co.nz` and their newer `au.seek.com` / `nz.seek.com` hosts,
//! `/job/<id>`). SEEK publishes no `JobPosting`: its JSON-LD is the board's own `WebSite`, its
//! `og:site_name` is "SEEK Australia" and its page title glues "Job in `<place>` - SEEK" to the
//! posting's. The adapter reads the posting's header, which SEEK marks for its own tests: the
//! title, the advertiser (the employer or the agency placing the ad) and the place as shown
//! ("Melbourne VIC (Remote)").

use super::{every_read, on, posting_at, segments, Posting, Reads, Site};
use crate::capture::meta;
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "seek",
    source: Source::Seek,
    serves,
    shows: every_read,
    texts: &[
        ("title", "[data-automation=\"job-detail-title\"]"),
        ("company", "[data-automation=\"advertiser-name\"]"),
        ("location", "[data-automation=\"job-detail-location\"]"),
        ("type", "[data-automation=\"job-detail-work-type\"]"),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

/// SEEK's country sites, old and new names.
const DOMAINS: [&str; 3] = ["seek.com.au", "seek.co.nz", "seek.com"];

fn serves(url: &Url) -> bool {
    DOMAINS.iter().any(|domain| on(url, domain)) && segments(url).first() == Some(&"job")
}

/// The posting in the header; SEEK's own name is never the advertiser.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .text("company")
        .filter(|company| !meta::is_board(company));
    job.location = reads.text("location");
    job.employment_type = reads.text("type");
    vec![job]
}

/// `seek:<id>` for `/job/<id>`.
fn posting(url: &Url) -> Option<Posting> {
    if !serves(url) {
        return None;
    }
    let ["job", id, ..] = segments(url)[..] else {
        return None;
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    posting_at(format!("seek:{id}"), format!("https://{host}/job/{id}"))
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    const URL: &str = "https://au.seek.com/job/93856863";

    fn page(advertiser: &str) -> String {
        format!(
            r#"<head><title>Senior Platform Engineer | Remote | Australia Job in Melbourne VIC - SEEK</title>
            <meta property="og:site_name" content="SEEK Australia">
            <script type="application/ld+json">{{"@context":"http://schema.org","@graph":[{{"@type":"WebSite","url":"https://au.seek.com"}}]}}</script></head>
            <h1 data-automation="job-detail-title">Senior Platform Engineer | Remote | Australia</h1>
            <button><span data-automation="advertiser-name">{advertiser}<!-- --> <span><svg><path d="m1"></path></svg></span></span></button>
            <span data-automation="job-detail-location"><a href="/jobs/in-Melbourne-VIC-3000">Melbourne VIC</a> (Remote)</span>
            <span data-automation="job-detail-work-type"><a href="/jobs/full-time">Full time</a></span>"#
        )
    }

    #[test]
    fn a_seek_posting_gives_the_advertiser_as_company_not_seek() {
        assert_eq!(
            main(&page("iterate"), URL),
            (
                "Senior Platform Engineer | Remote | Australia".into(),
                some("iterate"),
                some("Melbourne VIC (Remote)")
            )
        );
    }

    #[test]
    fn seek_named_as_the_advertiser_leaves_the_company_empty() {
        assert_eq!(main(&page("SEEK"), URL).1, None);
    }
}
