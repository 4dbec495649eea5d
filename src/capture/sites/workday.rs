//! Workday career sites (`<tenant>.wdN.myworkdayjobs.com`). The page's only `h1` is the site's
//! slogan ("CAREERS AT NVIDIA"): the title is the job posting header, and the slogan names the
//! company.

use super::{every_read, posting_at, segments, subdomain, Posting, Reads, Site};
use crate::capture::normal;
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "workday",
    source: Source::Workday,
    serves,
    shows: every_read,
    texts: &[
        ("title", "[data-automation-id=\"jobPostingHeader\"]"),
        // The value under the "locations" label, else the whole block.
        (
            "location",
            "[data-automation-id=\"locations\"] dd, [data-automation-id=\"locations\"]",
        ),
        ("time", "[data-automation-id=\"time\"] dd"),
        ("slogan", "[data-automation-id=\"headerTitle\"]"),
        ("job_id", "[data-automation-id=\"requisitionId\"] dd"),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

/// Whether the host is a Workday career site.
fn serves(url: &Url) -> bool {
    url.host_str().is_some_and(|host| {
        let host = host.to_ascii_lowercase();
        host.ends_with(".myworkdayjobs.com") || host.ends_with(".myworkdaysite.com")
    })
}

/// The posting under the job posting header; the company from the site's slogan.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .text("slogan")
        .and_then(|slogan| normal::company_in_slogan(&slogan));
    job.location = reads.text("location");
    job.employment_type = reads.text("time");
    job.job_id = reads.text("job_id");
    vec![job]
}

/// `workday:<tenant>/<requisition id>` for `…/job/<location>/<slug>_<id>`.
fn posting(url: &Url) -> Option<Posting> {
    if !serves(url) {
        return None;
    }
    let segments = segments(url);
    let job = segments.iter().position(|segment| *segment == "job")?;
    let slug = segments[job + 1..]
        .iter()
        .rev()
        .find(|segment| !matches!(**segment, "apply" | "autofillWithResume" | "applyManually"))?;
    let (_, id) = slug.rsplit_once('_')?;
    if id.is_empty() {
        return None;
    }
    let tenant = subdomain(url)?;
    let mut canonical = url.clone();
    canonical.set_query(None);
    canonical.set_fragment(None);
    let end = segments.iter().position(|segment| segment == slug)?;
    canonical.set_path(&segments[..=end].join("/"));
    posting_at(format!("workday:{tenant}/{id}"), canonical.to_string())
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn slogan_h1_is_the_company_not_the_title() {
        let html = r#"<div data-automation-id="headerTitle"><h1>CAREERS AT NVIDIA</h1></div>
            <h2 data-automation-id="jobPostingHeader">Senior Test Engineer</h2>
            <div data-automation-id="locations"><dl><dt>locations</dt><dd>Germany, Munich</dd></dl></div>"#;
        assert_eq!(
            main(
                html,
                "https://nvidia.wd5.myworkdayjobs.com/en-US/Site/job/Germany-Munich/Senior-Test-Engineer_JR1"
            ),
            ("Senior Test Engineer".into(), some("NVIDIA"), some("Germany, Munich"))
        );
    }

    #[test]
    fn a_location_without_a_labelled_value_is_the_whole_block() {
        let html = r#"<h2 data-automation-id="jobPostingHeader">Senior Test Engineer</h2>
            <div data-automation-id="locations">Germany, Munich</div>"#;
        let url = "https://nvidia.wd5.myworkdayjobs.com/en-US/Site/job/Germany-Munich/Senior-Test-Engineer_JR1";
        assert_eq!(main(html, url).2, some("Germany, Munich"));
    }
}
