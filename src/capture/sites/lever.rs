//! Lever job sites (`jobs.lever.co`, `jobs.eu.lever.co`): the posting and its application tab.
//! The company is only in the `<title>` and `og:title` ("Highspot - Principal Engineer") and
//! the logo's alt text.

use super::{company_beside_title, every_read, on, posting_at, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use crate::text::clean;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "lever",
    source: Source::Lever,
    serves,
    shows: every_read,
    texts: &[
        // The header holds the headline on a posting's page and is alone on its application
        // tab: it answers on both, found before the rest of the page is walked.
        ("title", ".posting-header h2, .posting-headline h2"),
        (
            "location",
            ".posting-categories .location, .posting-categories .sort-by-location",
        ),
        ("commitment", ".posting-categories .commitment"),
    ],
    every: &[],
    attrs: &[("logo", ".main-header-logo img[alt]", "alt")],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    on(url, "lever.co")
}

/// The posting in the header; the company from the page title or the logo.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    job.company = reads
        .title()
        .and_then(|title| company_beside_title(&title, &job.title))
        .or_else(|| company_beside_title(&reads.meta("og:title")?, &job.title))
        .or_else(|| {
            let alt = reads.text("logo")?;
            clean(alt.strip_suffix(" logo").unwrap_or(&alt))
        });
    job.location = reads.text("location").map(|text| trim_slash(&text));
    job.employment_type = reads.text("commitment").map(|text| trim_slash(&text));
    vec![job]
}

/// Lever's category labels end with " /" when another follows.
fn trim_slash(text: &str) -> String {
    text.trim_end_matches([' ', '/']).to_string()
}

/// `lever:<company>/<uuid>` for `/<company>/<uuid>` and its `/apply` tab.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "lever.co") {
        return None;
    }
    let [company, id, ..] = segments(url)[..] else {
        return None;
    };
    let uuid = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !uuid {
        return None;
    }
    let company = company.to_ascii_lowercase();
    let id = id.to_ascii_lowercase();
    let host = url.host_str()?.to_ascii_lowercase();
    posting_at(
        format!("lever:{company}/{id}"),
        format!("https://{host}/{company}/{id}"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn application_tab_takes_the_company_from_the_title() {
        let html = r#"<title>Highspot - Principal Engineer</title>
            <div class="posting-header"><h2>Principal Engineer</h2><div class="posting-categories">
            <div class="posting-category location">Seattle</div>
            <div class="posting-category commitment">Full time /</div></div></div>"#;
        assert_eq!(
            main(
                html,
                "https://jobs.lever.co/highspot/f222ad5c-b7dd-43c4-9008-ee1a53174afa/apply"
            ),
            (
                "Principal Engineer".into(),
                some("Highspot"),
                some("Seattle")
            )
        );
    }
}
