//! Site adapters: for the job boards a seeker uses most, the URLs each one serves, what its
//! pages must be read for (selectors added to the read plan), what those reads mean, and how the
//! board names a posting (its key and canonical URL). Structured data, when a board publishes
//! it, still comes first: an adapter fills what it lacks, and names a bare locality more fully
//! where the page does ("New York, NY" for the "New York" of an address).

mod ashby;
mod breezyhr;
mod builtin;
mod dice;
mod glassdoor;
mod greenhouse;
mod icims;
mod indeed;
mod lever;
mod linkedin;
mod linkedin_people;
mod monster;
mod naukri;
mod seek;
mod smartrecruiters;
mod stepstone;
mod teamtailor;
mod totaljobs;
mod welcometothejungle;
mod wellfound;
mod workable;
mod workday;
mod ycombinator;

pub use linkedin_people::{
    is_canonical as is_canonical_profile_url, profile_url as linkedin_profile_url,
};

use super::jsonld::people as jsonld_people;
use super::{alternatives, meta, normal, FieldRead, ListRead, Page, ReadPlan, TextRead};
use crate::model::{Job, Person, Source};
use crate::text::{clean, web_url};
use url::Url;

/// A posting as its board names it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Posting {
    /// Board and id, e.g. `greenhouse:gitlab/8620720002`.
    pub key: String,
    /// The board's canonical address of the posting.
    pub url: String,
}

/// One site adapter.
pub(super) struct Site {
    /// The prefix of the adapter's read keys.
    name: &'static str,
    source: Source,
    /// Whether the adapter reads the page at this URL.
    serves: fn(&Url) -> bool,
    /// Whether a page at this URL can show what the read named `key` reads: a layout the URL
    /// never shows is not asked for (every read walks the page, and this runs on every page view
    /// of a job site).
    shows: fn(&Url, &str) -> bool,
    /// Single values: key, selector (of a selector list, the first part that matches wins).
    texts: &'static [(&'static str, &'static str)],
    /// Every match's value: key, selector.
    every: &'static [(&'static str, &'static str)],
    /// Attribute values: key, selector, attribute.
    attrs: &'static [(&'static str, &'static str, &'static str)],
    /// Records: key, record selector, fields (key, selector, attribute).
    lists: &'static [List],
    /// The lists whose first record alone is read: a layout a page shows once (a posting's top
    /// card), found without walking the rest of the page.
    once: &'static [&'static str],
    /// The jobs the reads show, the main one first.
    jobs: fn(&Reads<'_>) -> Vec<Job>,
    /// The posting a URL of this board names.
    posting: fn(&Url) -> Option<Posting>,
}

/// Records an adapter reads: key, record selector, fields.
type List = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, Option<&'static str>)],
);

const SITES: [Site; 23] = [
    linkedin::SITE,
    linkedin_people::SITE,
    indeed::SITE,
    greenhouse::SITE,
    lever::SITE,
    workday::SITE,
    ashby::SITE,
    smartrecruiters::SITE,
    workable::SITE,
    teamtailor::SITE,
    breezyhr::SITE,
    icims::SITE,
    glassdoor::SITE,
    dice::SITE,
    stepstone::SITE,
    wellfound::SITE,
    ycombinator::SITE,
    builtin::SITE,
    seek::SITE,
    totaljobs::SITE,
    naukri::SITE,
    welcometothejungle::SITE,
    monster::SITE,
];

/// Whether pages at `url` are read as the user views them. LinkedIn is one single-page site:
/// the reader is on all of it (a profile or posting opened from the feed comes without a page
/// load), but reads only the pages one of its adapters serves, never the feed or messages.
pub(super) fn read_as_you_view(url: &Url) -> bool {
    !on(url, "linkedin.com") || SITES.iter().any(|site| (site.serves)(url))
}

/// Adds the reads of every adapter serving `url` to the plan, those its pages can show.
pub(super) fn add_reads(url: &Url, plan: &mut ReadPlan) {
    for site in SITES.iter().filter(|site| (site.serves)(url)) {
        let key = |name: &str| format!("{}.{name}", site.name);
        let shown = |name: &&str| (site.shows)(url, name);
        for (name, selector) in site.texts.iter().filter(|(name, _)| shown(name)) {
            plan.texts.push(TextRead {
                key: key(name),
                selectors: alternatives(selector),
                all: false,
                attr: None,
                outside: None,
            });
        }
        for (name, selector) in site.every.iter().filter(|(name, _)| shown(name)) {
            plan.texts.push(TextRead {
                key: key(name),
                selectors: alternatives(selector),
                all: true,
                attr: None,
                outside: None,
            });
        }
        for (name, selector, attr) in site.attrs.iter().filter(|(name, ..)| shown(name)) {
            plan.texts.push(TextRead {
                key: key(name),
                selectors: alternatives(selector),
                all: false,
                attr: Some(attr.to_string()),
                outside: None,
            });
        }
        for (name, selector, fields) in site.lists.iter().filter(|(name, ..)| shown(name)) {
            plan.lists.push(ListRead {
                key: key(name),
                selectors: alternatives(selector),
                fields: fields
                    .iter()
                    .map(|(key, selector, attr)| FieldRead {
                        key: key.to_string(),
                        selector: selector.to_string(),
                        attr: attr.map(String::from),
                    })
                    .collect(),
                first: site.once.contains(name),
            });
        }
    }
}

/// The jobs of the first adapter serving the page that finds any.
pub(super) fn jobs(page: &Page<'_>) -> Vec<Job> {
    let Some(url) = &page.url else {
        return Vec::new();
    };
    SITES
        .iter()
        .filter(|site| (site.serves)(url))
        .map(|site| (site.jobs)(&Reads { page, site }))
        .find(|jobs| !jobs.is_empty())
        .unwrap_or_default()
}

/// The people the page shows, the main one first (LinkedIn profiles, searches, connections).
/// Whether the people adapter reads this page (LinkedIn's profiles and lists of people).
pub(super) fn serves_people(url: &Url) -> bool {
    (linkedin_people::SITE.serves)(url)
}

pub(super) fn people(page: &Page<'_>) -> Vec<Person> {
    let site = &linkedin_people::SITE;
    match &page.url {
        Some(url) if (site.serves)(url) => linkedin_people::people(&Reads { page, site }),
        _ => Vec::new(),
    }
}

/// The posting a URL names on a known board.
pub(crate) fn posting(url: &str) -> Option<Posting> {
    let url = web_url(url)?;
    SITES.iter().find_map(|site| (site.posting)(&url))
}

/// Whether a job comes from a site adapter (what the page shows, read where the board puts it).
pub(super) fn adapted(source: Source) -> bool {
    SITES.iter().any(|site| site.source == source)
}

/// Every read of an adapter whose pages all look alike.
fn every_read(_: &Url, _: &str) -> bool {
    true
}

/// Whether `url` is served by a known adapter (its pages are left to it, not to guesses).
pub(super) fn known(url: &Url) -> bool {
    SITES.iter().any(|site| (site.serves)(url))
}

/// One adapter's view of the page: its reads, by the names it gave them.
pub(super) struct Reads<'a> {
    page: &'a Page<'a>,
    site: &'a Site,
}

impl Reads<'_> {
    /// A single value read, cleaned.
    fn text(&self, name: &str) -> Option<String> {
        self.page.text(&format!("{}.{name}", self.site.name))
    }

    /// Every value read under `name`, cleaned (empty ones kept, so that lists stay aligned).
    fn texts(&self, name: &str) -> Vec<String> {
        self.page
            .texts(&format!("{}.{name}", self.site.name))
            .map(|text| clean(&text).unwrap_or_default())
            .collect()
    }

    /// The records read under `name`.
    fn list(&self, name: &str) -> &[std::collections::BTreeMap<String, String>] {
        self.page.list(&format!("{}.{name}", self.site.name))
    }

    /// A meta tag's content.
    fn meta(&self, name: &str) -> Option<String> {
        self.page.meta(name)
    }

    /// The page title.
    fn title(&self) -> Option<String> {
        clean(&self.page.snapshot.title)
    }

    /// `href` resolved against the page.
    fn resolve(&self, href: &str) -> Option<String> {
        self.page.resolve(href)
    }

    /// A job from this adapter with a cleaned, undecorated title; `None` without a title.
    fn job(&self, title: Option<String>) -> Option<Job> {
        let title = normal::title(&title?);
        (!title.is_empty()).then(|| Job::titled(title, self.site.source))
    }
}

/// Whether the host is `domain` or one of its subdomains.
fn on(url: &Url, domain: &str) -> bool {
    url.host_str().is_some_and(|host| {
        let host = host.to_ascii_lowercase();
        host == domain || host.ends_with(&format!(".{domain}"))
    })
}

/// The non-empty path segments of `url`.
fn segments(url: &Url) -> Vec<&str> {
    url.path_segments()
        .map(|segments| segments.filter(|segment| !segment.is_empty()).collect())
        .unwrap_or_default()
}

/// The first label of the host (`gitlab` in `gitlab.teamtailor.com`).
fn subdomain(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let (label, _) = host.split_once('.')?;
    (!label.is_empty() && label != "www").then(|| label.to_string())
}

/// The value of a query parameter.
fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| !value.is_empty())
}

/// Whether one of the host's labels is `label` (`glassdoor` in `www.glassdoor.co.in`): boards
/// that serve a country from its own top-level domain.
fn host_label(url: &Url, label: &str) -> bool {
    url.host_str().is_some_and(|host| {
        host.to_ascii_lowercase()
            .split('.')
            .any(|part| part == label)
    })
}

/// The postings of a list of job cards read under `name` (fields `title`, `company`,
/// `location`, `link`), in page order: a card without a title is skipped, a board's own name
/// is never the company, and a card whose link was already listed is not listed again.
fn cards(reads: &Reads<'_>, name: &str) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    for card in reads.list(name) {
        let field = |key: &str| card.get(key).and_then(|text| clean(text));
        let Some(mut job) = reads.job(field("title")) else {
            continue;
        };
        job.company = field("company").filter(|company| !meta::is_board(company));
        job.location = field("location");
        job.url = field("link").and_then(|href| reads.resolve(&href));
        if !jobs
            .iter()
            .any(|seen| seen.url.is_some() && seen.url == job.url)
        {
            jobs.push(job);
        }
    }
    jobs
}

/// The postings of a list of job cards (see `cards`) whose location is read by its position
/// among the card's facts: kept only where it reads as a place (see `place`).
fn placed_cards(reads: &Reads<'_>, name: &str) -> Vec<Job> {
    let mut jobs = cards(reads, name);
    for job in &mut jobs {
        job.location = job.location.take().and_then(|text| place(&text));
    }
    jobs
}

/// A card's location read by its position among the card's facts, when it reads as a place:
/// with a letter and no digit (not a salary, a date or years of experience read in its stead),
/// a trailing "+2" (that many more places) dropped.
fn place(text: &str) -> Option<String> {
    let text = match text.trim_end().rsplit_once('+') {
        Some((place, more)) if !more.is_empty() && more.chars().all(|c| c.is_ascii_digit()) => {
            place
        }
        _ => text,
    };
    let text = clean(text)?;
    (text.chars().any(char::is_alphabetic) && !text.chars().any(|c| c.is_ascii_digit()))
        .then_some(text)
}

/// For boards whose postings capture names by their link alone (no board key yet).
fn no_key(_: &Url) -> Option<Posting> {
    None
}

/// A posting key and canonical URL.
fn posting_at(key: String, url: String) -> Option<Posting> {
    Some(Posting { key, url })
}

/// The company of a `<title>` like "Title at Company" or "Company - Title": the part that is
/// not the title, when there are exactly two.
fn company_beside_title(page_title: &str, title: &str) -> Option<String> {
    for separator in [" at ", " - ", " – ", " | "] {
        let parts: Vec<&str> = page_title.split(separator).map(str::trim).collect();
        if parts.len() != 2 {
            continue;
        }
        let (a, b) = (parts[0], parts[1]);
        let ends_with_title = |text: &str| text.to_lowercase().ends_with(&title.to_lowercase());
        if normal::same_text(a, title) || ends_with_title(a) {
            return clean(b);
        }
        if normal::same_text(b, title) {
            return clean(a);
        }
    }
    None
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
pub(super) mod test_support {
    //! Reading inline HTML with the adapter's plan, as the corpus tests read saved pages.
    use crate::capture::{extract, native, plan_for};
    use crate::model::Job;

    /// The jobs extracted from `html` served at `url`.
    pub fn jobs(html: &str, url: &str) -> Vec<Job> {
        let plan = plan_for(url).unwrap_or_else(|| panic!("no plan for {url}"));
        extract(&native::read(html, url, &plan)).jobs
    }

    /// Title, company and location of the main job.
    pub fn main(html: &str, url: &str) -> (String, Option<String>, Option<String>) {
        let jobs = jobs(html, url);
        let job = jobs
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no job at {url}"));
        (job.title, job.company, job.location)
    }

    /// Title, company and location of each job, in page order.
    pub fn fields(found: &[Job]) -> Vec<(&str, Option<&str>, Option<&str>)> {
        found
            .iter()
            .map(|job| {
                (
                    job.title.as_str(),
                    job.company.as_deref(),
                    job.location.as_deref(),
                )
            })
            .collect()
    }

    /// `Some(text)` as an owned string, for comparisons.
    pub fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    #[test]
    fn company_is_the_other_part_of_the_page_title() {
        assert_eq!(
            company_beside_title("Job Application for Dev at GitLab", "Dev").as_deref(),
            Some("GitLab")
        );
        assert_eq!(
            company_beside_title("Highspot - Principal Engineer", "Principal Engineer").as_deref(),
            Some("Highspot")
        );
        assert_eq!(company_beside_title("A - B - C", "A"), None);
        assert_eq!(company_beside_title("Careers", "Dev"), None);
    }

    #[test]
    fn every_board_url_maps_to_one_key() {
        let cases = [
            (
                "https://au.linkedin.com/jobs/view/senior-software-engineer-at-heidi-4411867124?trk=x",
                "linkedin:4411867124",
                "https://www.linkedin.com/jobs/view/4411867124/",
            ),
            (
                "https://www.linkedin.com/jobs-guest/jobs/api/jobPosting/4405055459",
                "linkedin:4405055459",
                "https://www.linkedin.com/jobs/view/4405055459/",
            ),
            (
                "https://www.linkedin.com/jobs/search/?currentJobId=4260945968&keywords=x",
                "linkedin:4260945968",
                "https://www.linkedin.com/jobs/view/4260945968/",
            ),
            (
                "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2&from=serp",
                "indeed:54f1f8af68d722d2",
                "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
            ),
            (
                "https://www.indeed.com/jobs?q=rust&vjk=0123abcd",
                "indeed:0123abcd",
                "https://www.indeed.com/viewjob?jk=0123abcd",
            ),
            (
                "http://job-boards.greenhouse.io/gitlab/jobs/8620720002",
                "greenhouse:gitlab/8620720002",
                "https://job-boards.greenhouse.io/gitlab/jobs/8620720002",
            ),
            (
                "https://boards.greenhouse.io/embed/job_app?for=acme&token=42",
                "greenhouse:acme/42",
                "https://job-boards.greenhouse.io/acme/jobs/42",
            ),
            (
                "https://jobs.lever.co/highspot/f222ad5c-b7dd-43c4-9008-ee1a53174afa/apply",
                "lever:highspot/f222ad5c-b7dd-43c4-9008-ee1a53174afa",
                "https://jobs.lever.co/highspot/f222ad5c-b7dd-43c4-9008-ee1a53174afa",
            ),
            (
                "https://nvidia.wd5.myworkdayjobs.com/en-US/NVIDIAExternalCareerSite/job/Germany-Munich/Senior-Test-Engineer---Autonomous-Driving_JR2019510-1",
                "workday:nvidia/JR2019510-1",
                "https://nvidia.wd5.myworkdayjobs.com/en-US/NVIDIAExternalCareerSite/job/Germany-Munich/Senior-Test-Engineer---Autonomous-Driving_JR2019510-1",
            ),
            (
                "https://jobs.ashbyhq.com/Ramp/2a2f5f0e-0d3c-4b5e-9a8a-1f2e3d4c5b6a/application",
                "ashby:ramp/2a2f5f0e-0d3c-4b5e-9a8a-1f2e3d4c5b6a",
                "https://jobs.ashbyhq.com/ramp/2a2f5f0e-0d3c-4b5e-9a8a-1f2e3d4c5b6a",
            ),
            (
                "https://jobs.smartrecruiters.com/Visa/744000012345678-senior-engineer",
                "smartrecruiters:visa/744000012345678",
                "https://jobs.smartrecruiters.com/visa/744000012345678",
            ),
            (
                "https://apply.workable.com/huble/j/927FD30DD5/apply/",
                "workable:huble/927FD30DD5",
                "https://apply.workable.com/huble/j/927FD30DD5/",
            ),
            (
                "https://acme.teamtailor.com/jobs/3516123-backend-developer",
                "teamtailor:acme/3516123",
                "https://acme.teamtailor.com/jobs/3516123",
            ),
            (
                "https://acme.breezy.hr/p/0a1b2c3d4e5f-senior-designer",
                "breezyhr:acme/0a1b2c3d4e5f",
                "https://acme.breezy.hr/p/0a1b2c3d4e5f",
            ),
            (
                "http://jobs-wrigley.icims.com/jobs/4262/job",
                "icims:jobs-wrigley/4262",
                "https://jobs-wrigley.icims.com/jobs/4262/job",
            ),
            (
                "https://www.builtinnyc.com/job/software-engineer-new-grads-new-york/8554050?x=1",
                "builtin:8554050",
                "https://www.builtinnyc.com/job/software-engineer-new-grads-new-york/8554050",
            ),
            (
                "https://www.seek.com.au/job/93856863?type=standout#sol=abc",
                "seek:93856863",
                "https://www.seek.com.au/job/93856863",
            ),
        ];
        for (url, key, canonical) in cases {
            let found = posting(url).unwrap_or_else(|| panic!("no posting for {url}"));
            assert_eq!(
                (found.key.as_str(), found.url.as_str()),
                (key, canonical),
                "{url}"
            );
        }
        for url in [
            "https://www.linkedin.com/in/someone/",
            "https://www.linkedin.com/jobs/search/?keywords=x",
            "https://www.indeed.com/jobs?q=rust",
            "https://job-boards.greenhouse.io/gitlab",
            "https://jobs.lever.co/highspot",
            "https://builtin.com/jobs/dev/software-engineering",
            "https://www.seek.com.au/software-engineer-jobs",
            "https://example.com/jobs/1",
        ] {
            assert_eq!(posting(url), None, "{url}");
        }
    }
}
