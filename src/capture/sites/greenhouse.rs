//! Greenhouse job boards (`job-boards.greenhouse.io`, `boards.greenhouse.io`, their EU hosts
//! and the embedded application). The new boards render the company only in the `<title>`
//! ("Job Application for … at GitLab") and the logo's alt text; the old ones in the header's
//! `.company-name`.

use super::{
    company_beside_title, every_read, on, posting_at, query, segments, Posting, Reads, Site,
};
use crate::model::{Job, Source};
use crate::text::clean;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "greenhouse",
    source: Source::Greenhouse,
    serves,
    shows: every_read,
    texts: &[
        ("title", ".job__title h1, .app-title, .job-title"),
        ("location", ".job__location, #header .location, .location"),
        // Only in the old boards' header: asked there, the page is not walked for it (the
        // header is found by its id) on the new boards, which have none.
        ("company", "#header .company-name"),
    ],
    every: &[],
    attrs: &[(
        "logo",
        ".logo img[alt], .logo-container img[alt], header img[alt]",
        "alt",
    )],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "greenhouse.io")
}

/// The posting in the job header; the company from the old header, the page title or the logo.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .text("company")
        .and_then(|company| clean(company.strip_prefix("at ").unwrap_or(&company)))
        .or_else(|| company_beside_title(&reads.title()?, &job.title))
        .or_else(|| logo_company(&reads.text("logo")?));
    job.location = reads.text("location");
    vec![job]
}

/// "GitLab Logo" as "GitLab".
fn logo_company(alt: &str) -> Option<String> {
    let name = alt
        .strip_suffix(" Logo")
        .or_else(|| alt.strip_suffix(" logo"))?;
    clean(name)
}

/// `greenhouse:<board>/<id>` for `/<board>/jobs/<id>` and the embedded `job_app?for=&token=`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "greenhouse.io") {
        return None;
    }
    let (board, id) = match segments(url).as_slice() {
        ["embed", "job_app", ..] => (query(url, "for")?, query(url, "token")?),
        [board, "jobs", id, ..] => (board.to_string(), id.to_string()),
        _ => return None,
    };
    if !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let board = board.to_ascii_lowercase();
    posting_at(
        format!("greenhouse:{board}/{id}"),
        format!("https://job-boards.greenhouse.io/{board}/jobs/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn new_board_company_comes_from_the_page_title() {
        let html = r#"<title>Job Application for Backend Engineer at GitLab</title>
            <div class="logo"><img alt="GitLab Logo"></div>
            <div class="job__title"><h1>Backend Engineer</h1><div class="job__location">Remote, Canada</div></div>"#;
        assert_eq!(
            main(html, "https://job-boards.greenhouse.io/gitlab/jobs/1"),
            (
                "Backend Engineer".into(),
                some("GitLab"),
                some("Remote, Canada")
            )
        );
    }

    #[test]
    fn logo_alt_names_the_company_when_the_title_does_not() {
        let html = r#"<title>Careers</title><div class="logo"><img alt="Acme Logo"></div>
            <div class="job__title"><h1>Welder</h1></div>"#;
        assert_eq!(
            main(html, "https://job-boards.greenhouse.io/acme/jobs/2").1,
            some("Acme")
        );
    }

    #[test]
    fn old_board_header_names_the_company() {
        let html = r#"<div id="header"><h1 class="app-title">Nurse</h1>
            <span class="company-name">at St Mary's</span><div class="location">Leeds</div></div>"#;
        assert_eq!(
            main(html, "https://boards.greenhouse.io/stmarys/jobs/3"),
            ("Nurse".into(), some("St Mary's"), some("Leeds"))
        );
    }
}
