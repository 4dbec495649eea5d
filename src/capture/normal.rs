//! Normalisation: every source's job leaves extraction in one shape (clean texts of bounded
//! length, no "- job post" style suffixes, "Company · City" split, a canonical URL and a board
//! key), so that the same posting seen twice, or seen on two sites, is recognised as one.

use super::{meta, sites, Page};

use crate::model::Job;
use crate::text::{clean, name, web_url};
use url::Url;

/// Longest title, company or location kept (characters); longer texts are cut.
const FIELD_MAX_CHARS: usize = 300;

/// Query parameters that only track a visit and never name a posting.
const TRACKING_PARAMETERS: [&str; 12] = [
    "fbclid",
    "gclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "refid",
    "trackingid",
    "trk",
    "trkinfo",
    "ebp",
];

/// Whether two jobs are the same posting: the same board key, else the same canonical URL.
pub fn same_posting(a: &Job, b: &Job) -> bool {
    let b_canonical = b.url.as_deref().and_then(canonical_url);
    same_posting_as(a, b, b_canonical.as_deref(), |a_url, b_url| {
        canonical_url(a_url).as_deref() == Some(b_url)
    })
}

/// `same_posting`, with `b`'s canonical URL worked out once by a caller comparing it with many,
/// and `is_canonically(a_url, b_canonical)` telling whether `a`'s URL is that one once made
/// canonical (a caller comparing many may remember what it worked out).
pub fn same_posting_as(
    a: &Job,
    b: &Job,
    b_canonical: Option<&str>,
    is_canonically: impl FnOnce(&str, &str) -> bool,
) -> bool {
    match (&a.job_key, &b.job_key) {
        (Some(a), Some(b)) => a == b,
        _ => match (&a.url, b_canonical) {
            // A URL equal to a canonical one is canonical already: no need to parse it.
            (Some(a_url), Some(b_url)) => a_url == b_url || is_canonically(a_url, b_url),
            _ => false,
        },
    }
}

/// Whether two jobs that `same_posting` cannot tie (no common key or URL, e.g. one seen on
/// LinkedIn and one on the company's ATS) may still be one posting: the same title and the
/// same company, ignoring case and spacing. A caller should ask before merging them. The
/// texts are compared first: they differ for nearly every pair, and cost no URL parsing.
pub fn maybe_same_posting(a: &Job, b: &Job) -> bool {
    same_text(&a.title, &b.title)
        && match (&a.company, &b.company) {
            (Some(a), Some(b)) => same_text(a, b),
            _ => false,
        }
        && !same_posting(a, b)
}

/// Whether two texts are equal once cleaned, ignoring case.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    match (clean(a), clean(b)) {
        (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => false,
    }
}

/// Fills the fields `main` lacks from `other` (a lower source's reading of the same posting).
pub(super) fn fill(main: &mut Job, other: Job) {
    fn take<T>(field: &mut Option<T>, other: Option<T>) {
        if field.is_none() {
            *field = other;
        }
    }
    take(&mut main.company, other.company);
    take(&mut main.location, other.location);
    take(&mut main.url, other.url);
    take(&mut main.job_id, other.job_id);
    take(&mut main.employment_type, other.employment_type);
    take(&mut main.remote, other.remote);
    take(&mut main.salary, other.salary);
    take(&mut main.date_posted, other.date_posted);
    take(&mut main.valid_through, other.valid_through);
    take(&mut main.hiring_contact, other.hiring_contact);
    take(&mut main.description, other.description);
}

/// Takes `shown`'s location where `main`'s is a bare locality and `shown`'s is that locality
/// with more after a comma: "New York, NY" for the "New York" of a structured address whose
/// region repeated its locality (and was dropped). Any other difference keeps `main`'s.
pub(super) fn fuller_location(main: &mut Job, shown: &Job) {
    let (Some(locality), Some(place)) = (&main.location, &shown.location) else {
        return;
    };
    let Some((head, rest)) = place.split_once(',') else {
        return;
    };
    if !locality.contains([',', ';']) && same_text(head, locality) && clean(rest).is_some() {
        main.location = Some(place.clone());
    }
}

/// Puts a job in its final shape. The main job of a page without a URL of its own takes the
/// page's (its canonical link, else its address); every job gets the canonical form of its URL
/// and the board key the URL carries.
pub(super) fn finish(job: &mut Job, page: &Page<'_>, main: bool) {
    job.title = cap(&title(&job.title));
    if let Some(company) = &job.company {
        if let Some(location) = &job.location {
            if let Some((head, tail)) = split_company_line(company) {
                if same_text(tail, location) {
                    job.company = Some(head.to_string());
                }
            }
        }
    }
    job.company = job
        .company
        .as_deref()
        .and_then(clean)
        .map(|text| cap(&name(&text)))
        .filter(|text| !text.is_empty());
    let site_name = page.meta("og:site_name");
    let names = job
        .company
        .iter()
        .chain(site_name.iter())
        .map(String::as_str);
    job.title = without_names(&job.title, names);
    job.location = job
        .location
        .as_deref()
        .and_then(clean)
        .map(|text| cap(&text));
    if job.url.is_none() && main {
        let canonical = page
            .snapshot
            .canonical
            .as_deref()
            .and_then(|canonical| page.resolve(canonical));
        job.url = canonical.or_else(|| page.url.as_ref().map(Url::to_string));
    }
    let posting = job.url.as_deref().and_then(sites::posting).or_else(|| {
        main.then(|| {
            page.url
                .as_ref()
                .and_then(|url| sites::posting(url.as_str()))
        })
        .flatten()
    });
    match posting {
        Some(posting) => {
            if job.job_id.is_none() {
                job.job_id = posting.key.rsplit([':', '/']).next().map(String::from);
            }
            job.url = Some(posting.url);
            job.job_key = Some(posting.key);
        }
        None => job.url = job.url.as_deref().and_then(canonical_url),
    }
}

/// A title without the decorations sites add around it: a leading notification count
/// ("(1) Data Engineer"), and a trailing "- job post", "| LinkedIn" and the like.
pub(super) fn title(title: &str) -> String {
    const SUFFIXES: [&str; 9] = [
        "job post",
        "job posting",
        "job details",
        "job description",
        "job",
        "linkedin",
        "indeed.com",
        "indeed",
        "careers",
    ];
    let mut title = clean(title).unwrap_or_default();
    if let Some(rest) = title.strip_prefix('(') {
        if let Some((count, rest)) = rest.split_once(") ") {
            if !count.is_empty() && count.chars().all(|c| c.is_ascii_digit() || c == '+') {
                title = rest.to_string();
            }
        }
    }
    loop {
        let before = title.len();
        for separator in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(separator) {
                let tail = tail.trim().to_lowercase();
                if !head.trim().is_empty()
                    && (SUFFIXES.contains(&tail.as_str()) || meta::is_board(&tail))
                {
                    title = head.trim().to_string();
                }
            }
        }
        if title.len() == before {
            return posting_in_sentence(&title).unwrap_or(title);
        }
    }
}

/// What separates a title from the site's words around it in page titles and headings.
const SEPARATORS: [&str; 5] = [" - ", " – ", " — ", " | ", " · "];

/// The posting's title in the sentences boards make of it: "Acme hiring Welder in Leeds"
/// (LinkedIn), "Welder Job in Leeds" (SEEK, Reed).
fn posting_in_sentence(text: &str) -> Option<String> {
    let in_place = |text: &str, marker: &str| {
        let (title, place) = text.rsplit_once(marker)?;
        (!place.trim().is_empty()).then(|| clean(title)).flatten()
    };
    if let Some((company, rest)) = text.split_once(" hiring ") {
        if !company.trim().is_empty() {
            if let Some(title) = in_place(rest, " in ") {
                return Some(title);
            }
        }
    }
    in_place(text, " Job in ")
}

/// `title` without a site's or employer's name around it ("Welder | Acme", "Acme - Welder"):
/// a first or last part that is one of `names`, as long as something is left.
fn without_names<'a>(title: &str, names: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut title = title.to_string();
    let named = |part: &str| names.clone().any(|name| same_text(part, name));
    loop {
        let before = title.len();
        for separator in SEPARATORS.iter().chain([&" at "]) {
            if let Some((head, tail)) = title.rsplit_once(separator) {
                if clean(head).is_some() && named(tail) {
                    title = head.trim().to_string();
                }
            }
            if let Some((head, tail)) = title.split_once(separator) {
                if clean(tail).is_some() && named(head) && *separator != " at " {
                    title = tail.trim().to_string();
                }
            }
        }
        if title.len() == before {
            return title;
        }
    }
}

/// Whether a heading or page title counts search results rather than names a posting:
/// "4,030 Data scientist jobs in India | Glassdoor", "36 Software Engineer Jobs", "5256 results".
pub(super) fn is_results_count(text: &str) -> bool {
    const WORDS: [&str; 8] = [
        "jobs",
        "results",
        "openings",
        "vacancies",
        "stellenangebote",
        "treffer",
        "empleos",
        "emplois",
    ];
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric() && !matches!(c, ',' | '.' | '+'));
    let counted = words.next().is_some_and(|count| {
        let count = count.trim_end_matches('+');
        count.starts_with(|c: char| c.is_ascii_digit())
            && count
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
    });
    counted && words.any(|word| WORDS.contains(&word))
}

/// The company a careers slogan names: "CAREERS AT NVIDIA", "Jobs at Acme", "Acme Careers".
pub(super) fn company_in_slogan(slogan: &str) -> Option<String> {
    let slogan = clean(slogan)?;
    let lower = slogan.to_lowercase();
    if lower.len() != slogan.len() {
        return None;
    }
    for prefix in [
        "careers at ",
        "jobs at ",
        "work at ",
        "working at ",
        "life at ",
    ] {
        if lower.starts_with(prefix) {
            return clean(slogan.get(prefix.len()..)?.trim_end_matches(['!', '.']));
        }
    }
    for suffix in [" careers", " jobs", " career site", " careers site"] {
        if lower.ends_with(suffix) {
            return clean(slogan.get(..slogan.len() - suffix.len())?);
        }
    }
    None
}

/// "Company · City" (LinkedIn's one-line form) as its two parts.
pub(super) fn split_company_line(line: &str) -> Option<(&str, &str)> {
    let (head, tail) = line.split_once(" · ").or_else(|| line.split_once('·'))?;
    let (head, tail) = (head.trim(), tail.trim());
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

/// `url` without its fragment, tracking parameters (`utm_*`, `trk`, `refId`, ...) and a
/// trailing empty query; `None` unless it is an http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut url = web_url(url)?;
    url.set_fragment(None);
    let tracking = |name: &str| {
        let name = name.to_lowercase();
        name.starts_with("utm_") || TRACKING_PARAMETERS.contains(&name.as_str())
    };
    if url.query_pairs().any(|(name, _)| tracking(&name)) {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(name, _)| !tracking(name))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url.to_string())
}

/// `text` cut to `FIELD_MAX_CHARS` characters.
fn cap(text: &str) -> String {
    text.chars().take(FIELD_MAX_CHARS).collect()
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::model::Source;

    fn job(key: Option<&str>, url: Option<&str>) -> Job {
        Job {
            job_key: key.map(String::from),
            url: url.map(String::from),
            ..Job::titled("T".into(), Source::Manual)
        }
    }

    #[test]
    fn same_posting_compares_keys_first_then_canonical_urls() {
        let a = job(
            Some("linkedin:1"),
            Some("https://www.linkedin.com/jobs/view/1/"),
        );
        let b = job(
            Some("linkedin:1"),
            Some("https://au.linkedin.com/jobs/view/x-1"),
        );
        assert!(same_posting(&a, &b));
        let c = job(
            Some("linkedin:2"),
            Some("https://www.linkedin.com/jobs/view/1/"),
        );
        assert!(!same_posting(&a, &c));
        let d = job(None, Some("https://acme.example/jobs/7?utm_source=x#apply"));
        let e = job(None, Some("https://acme.example/jobs/7"));
        assert!(same_posting(&d, &e));
        assert!(!same_posting(
            &d,
            &job(None, Some("https://acme.example/jobs/8"))
        ));
        assert!(!same_posting(&job(None, None), &job(None, None)));
    }

    #[test]
    fn same_title_and_company_on_two_boards_may_be_one_posting() {
        let on = |key: &str, company: Option<&str>| Job {
            company: company.map(String::from),
            ..job(Some(key), None)
        };
        let linkedin = on("linkedin:1", Some("GitLab"));
        let greenhouse = on("greenhouse:gitlab/2", Some(" gitlab "));
        assert!(maybe_same_posting(&linkedin, &greenhouse));
        assert!(!maybe_same_posting(&linkedin, &linkedin));
        assert!(!maybe_same_posting(&linkedin, &on("lever:x/y", None)));
        assert!(!maybe_same_posting(
            &linkedin,
            &on("lever:x/y", Some("Acme"))
        ));
    }

    #[test]
    fn titles_lose_site_decorations() {
        assert_eq!(
            title("Senior DevOps Engineer - job post"),
            "Senior DevOps Engineer"
        );
        assert_eq!(title("(1) Data Engineer | LinkedIn"), "Data Engineer");
        assert_eq!(title("  R&amp;D\n Lead  "), "R&D Lead");
        assert_eq!(
            title("Senior Test Engineer - Autonomous Driving"),
            "Senior Test Engineer - Autonomous Driving"
        );
        assert_eq!(title("Job"), "Job");
        assert_eq!(title("(CTO track) Engineer"), "(CTO track) Engineer");
    }

    #[test]
    fn results_counts_are_not_posting_titles() {
        for text in [
            "4,030 Data scientist jobs in India | Glassdoor",
            "36 Software Engineer Jobs",
            "1.234+ Stellenangebote",
            "5256 results total",
        ] {
            assert!(is_results_count(text), "{text}");
        }
        for text in [
            "3D Artist",
            "Senior Engineer, Jobs Platform",
            "2 Software Engineers",
            "Jobs",
        ] {
            assert!(!is_results_count(text), "{text}");
        }
    }

    #[test]
    fn careers_slogans_name_the_company() {
        assert_eq!(
            company_in_slogan("CAREERS AT NVIDIA").as_deref(),
            Some("NVIDIA")
        );
        assert_eq!(company_in_slogan("Acme Careers").as_deref(), Some("Acme"));
        assert_eq!(company_in_slogan("Join our team"), None);
        assert_eq!(company_in_slogan("Careers at "), None);
    }

    #[test]
    fn company_line_splits_on_the_middle_dot() {
        assert_eq!(
            split_company_line("LINCOLN · Boulogne-Billancourt, France"),
            Some(("LINCOLN", "Boulogne-Billancourt, France"))
        );
        assert_eq!(split_company_line("Acme"), None);
        assert_eq!(split_company_line(" · Paris"), None);
    }

    #[test]
    fn canonical_urls_drop_fragments_and_tracking_parameters() {
        assert_eq!(
            canonical_url("https://a.example/j/1?utm_source=li&id=3&trk=x#top").as_deref(),
            Some("https://a.example/j/1?id=3")
        );
        assert_eq!(
            canonical_url("https://a.example/j/1?refId=1&trackingId=2").as_deref(),
            Some("https://a.example/j/1")
        );
        assert_eq!(canonical_url("mailto:x@y.z"), None);
    }

    #[test]
    fn a_bare_locality_gives_way_to_the_same_place_named_more_fully() {
        let located = |place: &str| Job {
            location: Some(place.into()),
            ..Job::titled("T".into(), Source::Jsonld)
        };
        let fuller = |main: &str, shown: &str| {
            let mut main = located(main);
            fuller_location(&mut main, &located(shown));
            main.location.unwrap_or_default()
        };
        assert_eq!(fuller("New York", "New York, NY"), "New York, NY");
        assert_eq!(fuller("new york", "New York, NY"), "New York, NY");
        assert_eq!(fuller("Austin, TX", "Austin, TX, USA"), "Austin, TX");
        assert_eq!(fuller("Paris", "Berlin, Germany"), "Paris");
        assert_eq!(fuller("Paris", "Paris,"), "Paris");
        assert_eq!(fuller("Paris; Lyon", "Paris, France"), "Paris; Lyon");
    }

    #[test]
    fn fill_keeps_what_the_better_source_found() {
        let mut main = Job {
            company: Some("A".into()),
            ..Job::titled("T".into(), Source::Jsonld)
        };
        let other = Job {
            company: Some("B".into()),
            location: Some("Paris".into()),
            ..Job::titled("T".into(), Source::Generic)
        };
        fill(&mut main, other);
        assert_eq!(main.company.as_deref(), Some("A"));
        assert_eq!(main.location.as_deref(), Some("Paris"));
        assert_eq!(main.source, Source::Jsonld);
    }
}
