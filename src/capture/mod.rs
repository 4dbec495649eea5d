//! Capture: what to read from a page (the read plan), what was read (the snapshot), and what it
//! means (the extraction). The content script only evaluates plans; every decision lives here.

mod jsonld;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use url::Url;

/// What the generic page reader must read from a page. The same plan is evaluated by the live
/// reader (`extension/content.js`) and the native one (`native::read`), and they must agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadPlan {
    /// Read the text of every `<script type="application/ld+json">`.
    pub jsonld: bool,
    /// `<meta>` tags to read, by `name` or `property` (e.g. `og:title`).
    pub meta: Vec<String>,
    /// Texts to read by CSS selector.
    pub texts: Vec<TextRead>,
    /// Upper bound on the characters kept from any one value (a JSON-LD block, a text).
    pub max_chars: usize,
    /// Upper bound on the number of values kept per list (JSON-LD blocks, matches of a selector).
    pub max_items: usize,
}

/// One CSS-selected text to read: the `innerText`-like text of the first match, or of every match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRead {
    pub key: String,
    pub selector: String,
    pub all: bool,
}

/// What the reader saw, exactly as the plan asked. Plain data, safe to pass between contexts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub url: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(default)]
    pub jsonld: Vec<String>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    #[serde(default)]
    pub texts: BTreeMap<String, Vec<String>>,
    /// Set when the reader cut something to respect the plan's bounds.
    #[serde(default)]
    pub truncated: bool,
}

/// Where a captured field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Jsonld,
    Manual,
}

/// A job posting as captured (or typed in by hand). Fields not found are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_posted: Option<String>,
    /// The last day to apply, as the posting's `validThrough` date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring_contact: Option<String>,
    /// Plain text, trimmed to a few KB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Source,
}

impl Job {
    /// A posting the user typed in for a page capture could not read.
    pub fn typed_in(title: String, company: String, url: String) -> Job {
        let company = company.trim();
        Job {
            title,
            company: (!company.is_empty()).then(|| company.to_string()),
            location: None,
            url: Some(url),
            job_id: None,
            employment_type: None,
            remote: None,
            salary: None,
            date_posted: None,
            valid_through: None,
            hiring_contact: None,
            description: None,
            source: Source::Manual,
        }
    }
}

/// What capture found on one page: the main item first, then the rest in page order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub jobs: Vec<Job>,
    pub errors: Vec<String>,
}

/// The read plan for a page, or `None` where capture has no business (anything but http(s)).
pub fn plan_for(url: &str) -> Option<ReadPlan> {
    is_web_url(url).then(|| ReadPlan {
        jsonld: true,
        meta: ["og:title", "og:site_name", "og:url", "description"]
            .map(String::from)
            .to_vec(),
        texts: Vec::new(),
        max_chars: 1_000_000,
        max_items: 50,
    })
}

/// What a snapshot means: the job postings it declares, in page order, and what could not be read.
pub fn extract(snapshot: &Snapshot) -> Extraction {
    let (mut jobs, errors) = jsonld::job_postings(&snapshot.jsonld);
    let page_url = snapshot
        .canonical
        .as_deref()
        .and_then(|canonical| resolve(&snapshot.url, canonical))
        .or_else(|| Some(snapshot.url.trim().to_string()).filter(|url| !url.is_empty()));
    for job in &mut jobs {
        if job.url.is_none() {
            job.url.clone_from(&page_url);
        }
    }
    Extraction { jobs, errors }
}

/// True for absolute `http:` and `https:` URLs with a host: the only links the extension keeps
/// or opens.
pub fn is_web_url(url: &str) -> bool {
    web_url(url).is_some()
}

fn web_url(url: &str) -> Option<Url> {
    Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// `href` resolved against the page URL `base`, when the result is an http(s) URL.
fn resolve(base: &str, href: &str) -> Option<String> {
    let base = web_url(base)?;
    let resolved = base.join(href.trim()).ok()?;
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(url: &str, canonical: Option<&str>, block: &str) -> Snapshot {
        Snapshot {
            url: url.to_string(),
            canonical: canonical.map(String::from),
            jsonld: vec![block.to_string()],
            ..Snapshot::default()
        }
    }

    const POSTING: &str = r#"{"@type":"JobPosting","title":"T"}"#;

    #[test]
    fn only_http_pages_get_a_read_plan() {
        let plan = plan_for("https://example.com/job").unwrap();
        assert!(plan.jsonld);
        assert_eq!(
            plan.meta,
            ["og:title", "og:site_name", "og:url", "description"]
        );
        assert!(plan.texts.is_empty());
        assert_eq!((plan.max_chars, plan.max_items), (1_000_000, 50));
        assert!(plan_for("HTTP://example.com").is_some());
        for url in [
            "file:///tmp/a.html",
            "chrome://extensions",
            "about:blank",
            "https://",
            "",
        ] {
            assert_eq!(plan_for(url), None, "{url}");
        }
    }

    #[test]
    fn job_url_prefers_the_posting_url() {
        let block = r#"{"@type":"JobPosting","title":"T","url":"https://jobs.example/1"}"#;
        let extraction = extract(&snapshot("https://a.example/x", Some("/c"), block));
        assert_eq!(
            extraction.jobs[0].url.as_deref(),
            Some("https://jobs.example/1")
        );
    }

    #[test]
    fn job_url_falls_back_to_the_resolved_canonical_then_the_page() {
        let url = |page: &str, canonical: Option<&str>| {
            extract(&snapshot(page, canonical, POSTING)).jobs[0]
                .url
                .clone()
        };
        let page = "https://a.example/jobs/list?q=1#top";
        assert_eq!(
            url(page, Some("/view/7")).as_deref(),
            Some("https://a.example/view/7")
        );
        assert_eq!(
            url(page, Some("../view/./7?x")).as_deref(),
            Some("https://a.example/view/7?x")
        );
        assert_eq!(
            url(page, Some("7")).as_deref(),
            Some("https://a.example/jobs/7")
        );
        assert_eq!(
            url(page, Some("?q=2")).as_deref(),
            Some("https://a.example/jobs/list?q=2")
        );
        assert_eq!(
            url(page, Some("//cdn.example/j")).as_deref(),
            Some("https://cdn.example/j")
        );
        assert_eq!(url(page, Some("mailto:x@y.z")).as_deref(), Some(page));
        assert_eq!(url(page, None).as_deref(), Some(page));
    }

    #[test]
    fn extraction_reports_bad_blocks_and_finds_no_job_without_a_posting() {
        let extraction = extract(&snapshot("https://a.example/", None, "{oops"));
        assert!(extraction.jobs.is_empty());
        assert_eq!(extraction.errors.len(), 1);
    }
}
