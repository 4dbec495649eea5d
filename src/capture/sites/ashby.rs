//! Ashby job boards (`jobs.ashbyhq.com/<board>/<posting uuid>`). Ashby publishes a JSON-LD
//! `JobPosting`, which wins; the adapter reads the rendered heading and the location section
//! for pages where the script is missing, and the company from the page title
//! ("Senior Engineer @ Ramp") or `og:site_name`.

use super::{every_read, on, posting_at, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use crate::text::clean;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "ashby",
    source: Source::Ashby,
    serves,
    shows: every_read,
    texts: &[
        (
            "title",
            "h1.ashby-job-posting-heading, .ashby-job-posting-heading",
        ),
        (
            "location",
            ".ashby-job-posting-left-pane [class*=\"_section_\"]:has(> h2) p, \
             [data-testid=\"job-location\"]",
        ),
    ],
    every: &[],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "ashbyhq.com")
}

/// The posting under the heading.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .title()
        .and_then(|title| {
            let (head, company) = title.rsplit_once(" @ ")?;
            crate::capture::normal::same_text(head, &job.title)
                .then(|| clean(company))
                .flatten()
        })
        .or_else(|| reads.meta("og:site_name"));
    job.location = reads.text("location");
    vec![job]
}

/// `ashby:<board>/<uuid>`, also for the `/application` tab.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "ashbyhq.com") {
        return None;
    }
    let [board, id, ..] = segments(url)[..] else {
        return None;
    };
    if id.len() != 36 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return None;
    }
    let (board, id) = (board.to_ascii_lowercase(), id.to_ascii_lowercase());
    posting_at(
        format!("ashby:{board}/{id}"),
        format!("https://jobs.ashbyhq.com/{board}/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    const URL: &str = "https://jobs.ashbyhq.com/ramp/2a2f5f0e-0d3c-4b5e-9a8a-1f2e3d4c5b6a";

    #[test]
    fn json_ld_wins_over_the_rendered_heading() {
        let html = r#"<title>Backend Engineer @ Ramp</title><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"JobPosting","title":"Backend Engineer",
             "hiringOrganization":{"@type":"Organization","name":"Ramp"},
             "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"New York","addressRegion":"NY"}}}
            </script><h1 class="ashby-job-posting-heading">Backend Engineer</h1>"#;
        assert_eq!(
            main(html, URL),
            (
                "Backend Engineer".into(),
                some("Ramp"),
                some("New York, NY")
            )
        );
    }

    #[test]
    fn rendered_heading_and_page_title_give_the_posting() {
        let html = r#"<title>Backend Engineer @ Ramp</title>
            <h1 class="ashby-job-posting-heading">Backend Engineer</h1>"#;
        assert_eq!(
            main(html, URL),
            ("Backend Engineer".into(), some("Ramp"), None)
        );
    }
}
