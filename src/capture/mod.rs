//! Capture: what to read from a page (the read plan), what was read (the snapshot), and what it
//! means (the extraction). The content script only evaluates plans; every decision lives here.
//! LinkedIn's `Connections.csv` is captured here too (`connections`): people the user hands over
//! in a file rather than views on a page.

pub mod connections;
mod generic;
mod jsonld;
mod meta;
mod microdata;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
mod normal;
mod sites;

use crate::model::{Job, Person, Source};
use crate::text::{clean, name, resolve, web_url};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use normal::{canonical_url, maybe_same_posting, same_posting, same_posting_as};
pub use sites::{is_canonical_profile_url, linkedin_profile_url};

/// What the generic page reader must read from a page. The same plan is evaluated by the live
/// reader (`extension/content.js`) and the native one (`native::read`), and they must agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadPlan {
    /// Read the text of every `<script type="application/ld+json">`.
    pub jsonld: bool,
    /// Read every top-level schema.org microdata item (`itemscope` without `itemprop`).
    #[serde(default)]
    pub microdata: bool,
    /// `<meta>` tags to read, by `name` or `property` (e.g. `og:title`).
    pub meta: Vec<String>,
    /// Texts (or attributes) to read by CSS selector.
    pub texts: Vec<TextRead>,
    /// Repeated records to read by CSS selector (e.g. the cards of a search page).
    #[serde(default)]
    pub lists: Vec<ListRead>,
    /// Upper bound on the characters kept from any one value (a JSON-LD block, a text).
    pub max_chars: usize,
    /// Upper bound on the number of values kept per list (JSON-LD blocks, matches of a selector,
    /// microdata items, values of one item, records).
    pub max_items: usize,
}

/// One CSS-selected value to read: the `textContent` (white space collapsed) of the first match
/// or of every match, or the value of the attribute `attr` when one is named. A match is an
/// element matching any of `selectors` (a selector list, split: see `alternatives`); the first
/// match is taken from the first of them, in order, that matches anything. With
/// `outside`, a match that is inside an element matching it (or matches it itself) is passed
/// over: the reader looks up each match's ancestors (`closest`) rather than the whole document
/// asking every element for them in the selector, which costs far more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRead {
    pub key: String,
    pub selectors: Vec<String>,
    pub all: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside: Option<String>,
}

/// Records to read: for every element matching any of `selectors` (see `alternatives`), the
/// value of each field in the first descendant matching the field's selector. With `first`,
/// only the first match of the first selector that has one is a record: a layout a page shows
/// once (a posting's top card) is found without walking the rest of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListRead {
    pub key: String,
    pub selectors: Vec<String>,
    pub fields: Vec<FieldRead>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first: bool,
}

/// One field of a record: the collapsed text of the first match inside the record, or the value
/// of its attribute `attr` (a record is small: its selector stays a list, asked once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldRead {
    pub key: String,
    pub selector: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
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
    pub microdata: Vec<MicroItem>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    #[serde(default)]
    pub texts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    /// Set when the reader cut something to respect the plan's bounds.
    #[serde(default)]
    pub truncated: bool,
}

/// A microdata item as the WHATWG microdata-to-JSON algorithm shapes it: its `itemtype` tokens
/// and, per property name, the values in document order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MicroItem {
    #[serde(rename = "type", default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, Vec<MicroValue>>,
}

/// A microdata property value: a text (or URL, as written in the attribute) or a nested item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MicroValue {
    Text(String),
    Item(MicroItem),
}

/// Read as serde's `untagged` would (a string is a text, a map or a sequence an item), by the
/// value's own type: the derive would buffer each value in serde's private buffer first and
/// build a copy of the code reading an item from that buffer.
impl<'de> Deserialize<'de> for MicroValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MicroValue, D::Error> {
        deserializer.deserialize_any(MicroValueVisitor)
    }
}

struct MicroValueVisitor;

impl<'de> Visitor<'de> for MicroValueVisitor {
    type Value = MicroValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text or a microdata item")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<MicroValue, E> {
        Ok(MicroValue::Text(text.to_string()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<MicroValue, E> {
        Ok(MicroValue::Text(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MicroValue, A::Error> {
        MicroItem::deserialize(MapAccessDeserializer::new(map)).map(MicroValue::Item)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MicroValue, A::Error> {
        MicroItem::deserialize(SeqAccessDeserializer::new(seq)).map(MicroValue::Item)
    }
}

/// A posting the user typed in for a page capture could not read.
pub fn typed_in(title: String, company: String, url: String) -> Job {
    let company = company.trim();
    let posting = sites::posting(&url);
    Job {
        company: (!company.is_empty()).then(|| company.to_string()),
        url: Some(url),
        job_key: posting.map(|posting| posting.key),
        ..Job::titled(title, Source::Manual)
    }
}

/// What capture found on one page: the main item first, then the rest in page order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub jobs: Vec<Job>,
    #[serde(default)]
    pub people: Vec<Person>,
    pub errors: Vec<String>,
}

/// A CSS selector list split at its top-level commas, each selector trimmed: the plan asks for
/// each alternative alone, because Chromium answers `querySelector` for one selector by a fast
/// walk of the document and for a list (or `:is()`) by matching every element against every
/// selector, ten times as slow or more on a large page. Every match of the parts, in document
/// order, is every match of the list; a single match is taken from the first part that has one,
/// so a list names its alternatives in the order they are preferred. (Commas inside
/// parentheses, brackets or quotes do not split; the plan's selectors escape none.)
pub(crate) fn alternatives(list: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None, 0);
    for (at, c) in list.char_indices() {
        match (quote, c) {
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(list[start..at].trim().to_string());
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(list[start..].trim().to_string());
    parts
}

/// The meta tags every plan reads.
const META: [&str; 7] = [
    "og:title",
    "og:site_name",
    "og:url",
    "og:type",
    "og:description",
    "description",
    "twitter:title",
];

/// The read plan for a page, or `None` where capture has no business (anything but http(s)):
/// structured data, meta tags, and the reads of every site adapter that serves the URL; only a
/// page no adapter serves gets the generic reader's sweep (an adapter's page is left to it, so
/// the sweep's reads would answer nothing: this runs on every page view of a job site).
pub fn plan_for(url: &str) -> Option<ReadPlan> {
    let url = web_url(url)?;
    let mut plan = ReadPlan {
        jsonld: true,
        microdata: true,
        meta: META.map(String::from).to_vec(),
        texts: Vec::new(),
        lists: Vec::new(),
        max_chars: 1_000_000,
        max_items: 100,
    };
    if sites::known(&url) {
        sites::add_reads(&url, &mut plan);
    } else {
        generic::add_reads(&mut plan);
    }
    Some(plan)
}

/// The plan for a page read as the user views it, where such pages are read (not LinkedIn's
/// feed or messages, say); `plan_for` serves a read the user asked for.
pub fn plan_as_you_view(url: &str) -> Option<ReadPlan> {
    let parsed = web_url(url)?;
    if sites::read_as_you_view(&parsed) {
        plan_for(url)
    } else {
        None
    }
}

/// Whether a snapshot comes from a page whose people are read (LinkedIn's profiles and lists
/// of people): its view needs the people the store knows.
pub fn shows_people(snapshot: &Snapshot) -> bool {
    web_url(&snapshot.url).is_some_and(|url| sites::serves_people(&url))
}

/// What a snapshot means: the job postings and the people it shows, the main one first, and
/// what could not be read. Each source (JSON-LD, microdata, the site adapter, meta tags, the
/// generic reader) gives its postings; the best source's main posting wins, and the others fill
/// the fields it lacks when they describe the same posting. People come from the LinkedIn
/// people adapter (which also reads a profile's JSON-LD `Person`).
pub fn extract(snapshot: &Snapshot) -> Extraction {
    let page = Page::new(snapshot);
    let (jsonld_jobs, mut errors) = jsonld::job_postings(&snapshot.jsonld);
    let (microdata_jobs, untitled) = microdata::job_postings(&snapshot.microdata);
    errors.extend(
        (0..untitled).map(|_| "a microdata JobPosting has no title; it was skipped".to_string()),
    );
    let site_jobs = sites::jobs(&page);
    let structured = !jsonld_jobs.is_empty() || !microdata_jobs.is_empty() || !site_jobs.is_empty();
    let generic_job = generic::job(&page, structured);
    let meta_job = meta::job(&page).filter(|_| structured || generic_job.is_some());
    let sources = [
        jsonld_jobs,
        microdata_jobs,
        site_jobs,
        meta_job.into_iter().collect(),
        generic_job.into_iter().collect(),
    ];
    let mut jobs = merge(sources);
    for (index, job) in jobs.iter_mut().enumerate() {
        normal::finish(job, &page, index == 0);
    }
    let people = sites::people(&page).into_iter().filter_map(tidy).collect();
    Extraction {
        jobs,
        people,
        errors,
    }
}

/// A person with their name, headline, company and position rid of a broken encoding's debris
/// (`text::name`); `None` when no name is left.
fn tidy(person: Person) -> Option<Person> {
    let field = |text: Option<String>| {
        text.map(|text| name(&text).into_owned())
            .filter(|text| !text.is_empty())
    };
    Some(Person {
        name: field(Some(person.name))?,
        headline: field(person.headline),
        company: field(person.company),
        position: field(person.position),
        ..person
    })
}

/// The postings of the best source that has any, its main posting completed field by field by
/// the main postings of the other sources that carry the same title. A site adapter's location
/// also replaces a bare locality that it names more fully, as the page shows it.
fn merge(sources: [Vec<Job>; 5]) -> Vec<Job> {
    let mut sources = sources.into_iter().filter(|jobs| !jobs.is_empty());
    let Some(mut jobs) = sources.next() else {
        return Vec::new();
    };
    for other in sources {
        let (Some(main), Some(candidate)) = (jobs.first_mut(), other.into_iter().next()) else {
            continue;
        };
        if normal::same_text(&main.title, &candidate.title) {
            if sites::adapted(candidate.source) {
                normal::fuller_location(main, &candidate);
            }
            normal::fill(main, candidate);
        }
    }
    jobs
}

/// A snapshot as extraction reads it: values by key, cleaned.
pub(crate) struct Page<'a> {
    pub snapshot: &'a Snapshot,
    pub url: Option<url::Url>,
}

impl<'a> Page<'a> {
    fn new(snapshot: &'a Snapshot) -> Self {
        Page {
            snapshot,
            url: web_url(&snapshot.url),
        }
    }

    /// The first non-empty value read under `key`, cleaned.
    pub fn text(&self, key: &str) -> Option<String> {
        self.texts(key).find_map(|text| clean(&text))
    }

    /// Every value read under `key`.
    pub fn texts(&self, key: &str) -> impl Iterator<Item = String> + '_ {
        self.snapshot.texts.get(key).into_iter().flatten().cloned()
    }

    /// The records read under `key`.
    pub fn list(&self, key: &str) -> &[BTreeMap<String, String>] {
        self.snapshot.lists.get(key).map_or(&[], Vec::as_slice)
    }

    /// A meta tag's content, cleaned.
    pub fn meta(&self, name: &str) -> Option<String> {
        self.snapshot
            .meta
            .get(name)
            .and_then(|content| clean(content))
    }

    /// `href` resolved against the page, when it is an http(s) URL.
    pub fn resolve(&self, href: &str) -> Option<String> {
        resolve(&self.snapshot.url, href)
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
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
    fn people_read_from_a_page_lose_the_debris_of_a_broken_encoding() {
        let person = Person {
            headline: Some("Engineer at Bécane ��".into()),
            company: Some("Acme Bilï¿".into()),
            position: Some("\u{fffd}".into()),
            ..Person::named("Vyom Malik ��".into())
        };
        let tidied = tidy(person).expect("a name is left");
        assert_eq!(tidied.name, "Vyom Malik");
        assert_eq!(tidied.headline.as_deref(), Some("Engineer at Bécane"));
        assert_eq!(tidied.company.as_deref(), Some("Acme Bil"));
        assert_eq!(tidied.position, None);
        assert_eq!(tidy(Person::named("��".into())), None);
        let anais = Person::named("Anaïs Gonçalves".into());
        assert_eq!(tidy(anais.clone()), Some(anais));
    }

    #[test]
    fn a_company_read_from_a_page_loses_the_debris_of_a_broken_encoding() {
        let block =
            r#"{"@type":"JobPosting","title":"T","hiringOrganization":{"name":"Café Bilï¿"}}"#;
        let extraction = extract(&snapshot("https://example.com/job", None, block));
        assert_eq!(extraction.jobs[0].company.as_deref(), Some("Café Bil"));
    }

    #[test]
    fn only_http_pages_get_a_read_plan() {
        let plan = plan_for("https://example.com/job").unwrap();
        assert!(plan.jsonld && plan.microdata);
        assert_eq!(plan.meta, META);
        assert!(plan
            .texts
            .iter()
            .all(|read| read.key.starts_with("generic.")));
        assert_eq!((plan.max_chars, plan.max_items), (1_000_000, 100));
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
    fn a_page_an_adapter_serves_gets_its_reads_and_no_generic_sweep() {
        let keys = |url: &str| -> Vec<String> {
            let plan = plan_for(url).unwrap();
            let texts = plan.texts.into_iter().map(|read| read.key);
            texts
                .chain(plan.lists.into_iter().map(|read| read.key))
                .collect()
        };
        for url in [
            "https://job-boards.greenhouse.io/gitlab/jobs/8620720002",
            "https://au.linkedin.com/jobs/view/4411867124",
            "https://www.linkedin.com/in/someone/",
        ] {
            let keys = keys(url);
            assert!(!keys.is_empty(), "{url}");
            assert!(keys.iter().all(|key| !key.starts_with("generic.")), "{url}");
        }
        let keys = keys("https://careers.acme.example/jobs/1");
        assert!(keys.iter().all(|key| key.starts_with("generic.")));
        assert!(keys.contains(&"generic.title".to_string()));
    }

    #[test]
    fn the_generic_sweep_asks_no_case_blind_class_match_and_leaves_the_unseen_to_the_reader() {
        let case_blind_class = |selector: &str| {
            selector.split("[class*=").skip(1).any(|rest| {
                rest.split(']')
                    .next()
                    .is_some_and(|inside| inside.ends_with(" i"))
            })
        };
        let plan = plan_for("https://careers.acme.example/jobs/1").unwrap();
        // The logo's selector ends in `img[alt]`: only images with an alt text are asked more.
        for read in plan.texts.iter().filter(|read| read.key != "generic.logo") {
            for selector in &read.selectors {
                assert!(!case_blind_class(selector), "{}", read.key);
                assert!(!selector.contains(":not("), "{}", read.key);
            }
        }
        let title = plan.texts.iter().find(|read| read.key == "generic.title");
        assert!(title.and_then(|read| read.outside.as_deref()).is_some());
    }

    #[test]
    fn a_selector_list_is_split_at_its_top_level_commas_only() {
        assert_eq!(
            alternatives(".a h2, tr:has(> :is(td, th)) ,[alt=\"x, y\"] img"),
            [".a h2", "tr:has(> :is(td, th))", "[alt=\"x, y\"] img"]
        );
        assert_eq!(alternatives("h1"), ["h1"]);
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
    fn job_url_falls_back_to_the_resolved_canonical_then_the_page_without_its_fragment() {
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
        let bare = "https://a.example/jobs/list?q=1";
        assert_eq!(url(page, Some("mailto:x@y.z")).as_deref(), Some(bare));
        assert_eq!(url(page, None).as_deref(), Some(bare));
    }

    #[test]
    fn job_key_comes_from_the_posting_url_or_the_page() {
        let extraction = extract(&snapshot(
            "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2&from=serp#x",
            None,
            POSTING,
        ));
        let job = &extraction.jobs[0];
        assert_eq!(job.job_key.as_deref(), Some("indeed:54f1f8af68d722d2"));
        assert_eq!(job.job_id.as_deref(), Some("54f1f8af68d722d2"));
        assert_eq!(
            job.url.as_deref(),
            Some("https://au.indeed.com/viewjob?jk=54f1f8af68d722d2")
        );
    }

    #[test]
    fn typed_in_postings_get_the_key_of_their_url() {
        let job = crate::capture::typed_in(
            "Dev".into(),
            " ".into(),
            "https://jobs.lever.co/acme/f222ad5c-b7dd-43c4-9008-ee1a53174afa".into(),
        );
        assert_eq!(job.company, None);
        assert_eq!(
            job.job_key.as_deref(),
            Some("lever:acme/f222ad5c-b7dd-43c4-9008-ee1a53174afa")
        );
        assert_eq!(job.source, Source::Manual);
    }

    #[test]
    fn huge_fields_are_capped() {
        let long = "x".repeat(1_000_000);
        let block = format!(
            r#"{{"@type":"JobPosting","title":"{long}","hiringOrganization":"{long}","description":"{long}"}}"#
        );
        let extraction = extract(&snapshot("https://a.example/jobs/1", None, &block));
        let job = &extraction.jobs[0];
        assert_eq!(job.title.chars().count(), 300);
        assert_eq!(job.company.as_deref().map(str::len), Some(300));
        assert!(job.description.as_deref().map_or(0, str::len) <= 4_000);
    }

    #[test]
    fn extraction_reports_bad_blocks_and_finds_no_job_without_a_posting() {
        let extraction = extract(&snapshot("https://a.example/", None, "{oops"));
        assert!(extraction.jobs.is_empty());
        assert_eq!(extraction.errors.len(), 1);
    }
}
