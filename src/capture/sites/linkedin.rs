//! LinkedIn jobs: the logged-in job view and the search page with a posting open in its pane
//! (the "unified top card"), the guest job page and the guest job-detail fragment (the "top
//! card layout"), and the guest search results (cards). LinkedIn publishes no structured data
//! for postings, so the adapter is the source.

use super::{normal, on, posting_at, query, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use std::collections::BTreeMap;
use url::Url;

/// A posting's top card is read as a record, once per layout (the guest page's and fragment's,
/// "guest"; the logged-in view's and the search pane's, "top"; the server-driven view's, "sdui"),
/// its fields inside it, and only the first card of a layout: the page is walked once per
/// layout (up to its card when it shows one), not once per field and layout.
pub(super) const SITE: Site = Site {
    name: "linkedin",
    source: Source::Linkedin,
    serves,
    shows,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[
        (
            "guest",
            ".top-card-layout",
            &[
                ("title", ".top-card-layout__title, .topcard__title", None),
                ("company", ".topcard__org-name-link", None),
                ("location", ".topcard__flavor--bullet", None),
            ],
        ),
        (
            "top",
            ".jobs-unified-top-card, .job-details-jobs-unified-top-card__container--two-pane",
            &[
                (
                    "title",
                    ".job-details-jobs-unified-top-card__job-title, .jobs-unified-top-card__job-title",
                    None,
                ),
                (
                    "company",
                    ".job-details-jobs-unified-top-card__company-name, \
                     .jobs-unified-top-card__company-name, \
                     .job-details-jobs-unified-top-card__primary-description-without-tagline > a, \
                     .jobs-unified-top-card__subtitle-primary-grouping > a",
                    None,
                ),
                (
                    "location",
                    ".job-details-jobs-unified-top-card__tertiary-description-container .tvm__text, \
                     .jobs-unified-top-card__bullet",
                    None,
                ),
                (
                    "line",
                    ".job-details-jobs-unified-top-card__primary-description-without-tagline, \
                     .jobs-unified-top-card__subtitle-primary-grouping",
                    None,
                ),
                (
                    "line_rest",
                    ".job-details-jobs-unified-top-card__primary-description-without-tagline .tvm__text, \
                     .jobs-unified-top-card__subtitle-primary-grouping .tvm__text",
                    None,
                ),
                (
                    "link",
                    ".job-details-jobs-unified-top-card__job-title a[href], \
                     .jobs-unified-top-card__content--two-pane a[href*=\"/jobs/view/\"]",
                    Some("href"),
                ),
            ],
        ),
        (
            "sdui",
            "[data-view-name=\"job-detail-page\"]",
            &[("title", SDUI_TITLE, None), ("place", SDUI_PLACE, None)],
        ),
        (
            "cards",
            ".jobs-search__results-list > li",
            &[
                ("title", ".base-search-card__title", None),
                ("company", ".base-search-card__subtitle", None),
                ("location", ".job-search-card__location", None),
                (
                    "link",
                    "a.base-card__full-link, a[href*=\"/jobs/view/\"]",
                    Some("href"),
                ),
            ],
        ),
    ],
    once: &["guest", "top", "sdui"],
    jobs,
    posting,
};

/// The title in the top card of the server-driven job view (hashed class names, no `h1`): the
/// text after the row that links to the company.
const SDUI_TITLE: &str =
    "[data-view-name=\"job-detail-page\"] div:has(> a[href*=\"/company/\"]) + div p";

/// The first part of that top card's "Place · 1 day ago · 100 applicants" line.
const SDUI_PLACE: &str = "[data-view-name=\"job-detail-page\"] \
    div:has(> a[href*=\"/company/\"]) ~ p > span:first-child";

/// LinkedIn's job pages: views, searches, guest pages and fragments.
fn serves(url: &Url) -> bool {
    on(url, "linkedin.com")
        && matches!(
            segments(url).first().copied(),
            Some("jobs" | "jobs-guest" | "comm")
        )
}

/// The layouts a page can show, by its URL: the guest API's fragment is the guest top card
/// alone, and a posting's own page shows a top card, never search cards.
fn shows(url: &Url, read: &str) -> bool {
    match segments(url).as_slice() {
        ["jobs-guest", "jobs", "api", "jobPosting", ..] => read == "guest",
        ["jobs", "view", ..] | ["comm", "jobs", "view", ..] => read != "cards",
        _ => true,
    }
}

/// The posting open on the page (the first top card with a title, else the page title of a
/// posting's own page), then the search cards.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let top = [reads.list("top"), reads.list("guest")]
        .into_iter()
        .flatten()
        .find(|card| field(card, "title").is_some());
    let mut jobs: Vec<Job> = Vec::new();
    if let Some((mut job, card)) = top.and_then(|card| Some((from_card(card, reads)?, card))) {
        if job.location.is_none() {
            job.location =
                field(card, "line")
                    .zip(job.company.as_deref())
                    .and_then(|(line, company)| {
                        location_in_line(line, company, field(card, "line_rest"))
                    });
        }
        jobs.push(job);
    } else if reads.page.url.as_ref().and_then(posting).is_some() {
        let server_driven = reads.list("sdui").first();
        jobs.extend(
            reads
                .title()
                .and_then(|title| from_page_title(&title, reads, server_driven)),
        );
    }
    for job in reads
        .list("cards")
        .iter()
        .filter_map(|card| from_card(card, reads))
    {
        if !jobs
            .iter()
            .any(|seen| seen.url.is_some() && seen.url == job.url)
        {
            jobs.push(job);
        }
    }
    jobs
}

/// The posting a card shows (its title, company, location and link), when it has a title.
fn from_card(card: &BTreeMap<String, String>, reads: &Reads<'_>) -> Option<Job> {
    let mut job = reads.job(field(card, "title"))?;
    job.company = field(card, "company");
    job.location = field(card, "location");
    job.url = field(card, "link").and_then(|href| reads.resolve(&href));
    Some(job)
}

/// A field of a card, cleaned.
fn field(card: &BTreeMap<String, String>, name: &str) -> Option<String> {
    card.get(name).and_then(|text| crate::text::clean(text))
}

/// The location in a "Company · City  posted 2 weeks ago · 87 applicants" line: the part after
/// the company, up to the line's first metadata text (`rest`).
fn location_in_line(line: String, company: &str, rest: Option<String>) -> Option<String> {
    let (head, location) = normal::split_company_line(&line)?;
    if !normal::same_text(head, company) {
        return None;
    }
    let mut location = location.to_string();
    if let Some(at) = rest
        .filter(|text| text.chars().any(char::is_alphanumeric))
        .and_then(|text| location.find(&text))
    {
        location.truncate(at);
    }
    crate::text::clean(location.trim_end_matches([' ', '·']))
}

/// A posting page's title when the top card is not in a known layout: the logged-in
/// "(1) Title | Company | LinkedIn" or the guest "Company hiring Title in Place | LinkedIn".
/// The place of the server-driven top card completes it when that card shows the same title.
fn from_page_title(
    page_title: &str,
    reads: &Reads<'_>,
    server_driven: Option<&BTreeMap<String, String>>,
) -> Option<Job> {
    let rest = page_title.strip_suffix(" | LinkedIn")?;
    if let Some((company, rest)) = rest.split_once(" hiring ") {
        let (title, location) = rest.rsplit_once(" in ")?;
        let mut job = reads.job(Some(title.to_string()))?;
        job.company = crate::text::clean(company);
        job.location = crate::text::clean(location);
        return Some(job);
    }
    let (title, company) = rest.rsplit_once(" | ")?;
    let mut job = reads.job(Some(title.to_string()))?;
    job.company = crate::text::clean(company);
    if let Some(card) = server_driven.filter(|card| {
        field(card, "title")
            .is_some_and(|shown| normal::same_text(&normal::title(&shown), &job.title))
    }) {
        job.location = field(card, "place");
    }
    Some(job)
}

/// `linkedin:<id>` for `/jobs/view/<slug>-<id>`, `/jobs-guest/jobs/api/jobPosting/<id>` and
/// any jobs page with `currentJobId`.
fn posting(url: &Url) -> Option<Posting> {
    if !on(url, "linkedin.com") {
        return None;
    }
    let segments = segments(url);
    let id = match segments.as_slice() {
        ["jobs", "view", slug, ..] | ["comm", "jobs", "view", slug, ..] => {
            slug.rsplit('-').next().map(String::from)
        }
        ["jobs-guest", "jobs", "api", "jobPosting", id, ..] => Some(id.to_string()),
        ["jobs", ..] => query(url, "currentJobId"),
        _ => None,
    }
    .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))?;
    posting_at(
        format!("linkedin:{id}"),
        format!("https://www.linkedin.com/jobs/view/{id}/"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{jobs, main, some};

    const GUEST: &str = r#"<section class="top-card-layout">
        <h1 class="top-card-layout__title topcard__title">Senior Engineer</h1>
        <h4><span class="topcard__flavor"><a class="topcard__org-name-link"> Heidi </a></span>
        <span class="topcard__flavor topcard__flavor--bullet"> Melbourne, Victoria </span></h4>
        </section>"#;

    #[test]
    fn guest_job_page_reads_the_top_card() {
        let url = "https://au.linkedin.com/jobs/view/senior-engineer-at-heidi-4411867124";
        assert_eq!(
            main(GUEST, url),
            (
                "Senior Engineer".into(),
                some("Heidi"),
                some("Melbourne, Victoria")
            )
        );
        let job = &jobs(GUEST, url)[0];
        assert_eq!(job.job_key.as_deref(), Some("linkedin:4411867124"));
        assert_eq!(
            job.url.as_deref(),
            Some("https://www.linkedin.com/jobs/view/4411867124/")
        );
    }

    #[test]
    fn logged_in_company_line_is_split_from_its_metadata() {
        let html = r#"<div class="jobs-unified-top-card">
            <h1 class="job-details-jobs-unified-top-card__job-title"> Data Engineer </h1>
            <div class="job-details-jobs-unified-top-card__primary-description-without-tagline">
            <a href="/company/x">LINCOLN</a> · Boulogne, France <span class="tvm__text">2 weeks ago</span>
            <span class="tvm__text"> · </span><span class="tvm__text">87 applicants</span></div></div>"#;
        let url = "https://www.linkedin.com/jobs/view/3786945580/";
        assert_eq!(
            main(html, url),
            (
                "Data Engineer".into(),
                some("LINCOLN"),
                some("Boulogne, France")
            )
        );
    }

    #[test]
    fn search_pane_posting_comes_first_with_its_own_key() {
        let html = r#"<div class="job-details-jobs-unified-top-card__container--two-pane">
            <div class="job-details-jobs-unified-top-card__job-title"><h1>
            <a href="/jobs/view/4260945968/?refId=x">Inventory Controller</a></h1></div>
            <div class="job-details-jobs-unified-top-card__company-name"><a>UPS</a></div>
            <div class="job-details-jobs-unified-top-card__tertiary-description-container">
            <span class="tvm__text">Pozzuolo Martesana, Italia</span><span class="tvm__text"> · </span></div>
            </div>"#;
        let found = jobs(
            html,
            "https://www.linkedin.com/jobs/search/?keywords=inventory",
        );
        assert_eq!(found[0].title, "Inventory Controller");
        assert_eq!(found[0].company.as_deref(), Some("UPS"));
        assert_eq!(
            found[0].location.as_deref(),
            Some("Pozzuolo Martesana, Italia")
        );
        assert_eq!(found[0].job_key.as_deref(), Some("linkedin:4260945968"));
    }

    #[test]
    fn guest_search_lists_every_card_in_page_order() {
        let card = |title: &str, id: u32| {
            format!(
                r#"<li><a class="base-card__full-link" href="https://www.linkedin.com/jobs/view/x-{id}?position=1"></a>
                <h3 class="base-search-card__title">{title}</h3><h4 class="base-search-card__subtitle"><a>Acme</a></h4>
                <span class="job-search-card__location">Boston, MA</span></li>"#
            )
        };
        let html = format!(
            r#"<ul class="jobs-search__results-list">{}{}</ul>"#,
            card("First", 1),
            card("Second", 2)
        );
        let found = jobs(&html, "https://www.linkedin.com/jobs/python-developer-jobs");
        let titles: Vec<_> = found.iter().map(|job| job.title.as_str()).collect();
        assert_eq!(titles, ["First", "Second"]);
        assert_eq!(found[1].job_key.as_deref(), Some("linkedin:2"));
        assert_eq!(found[1].location.as_deref(), Some("Boston, MA"));
    }

    #[test]
    fn posting_page_in_an_unknown_layout_falls_back_to_the_page_title() {
        let url = "https://www.linkedin.com/jobs/view/3786945580/";
        assert_eq!(
            main(
                "<title>(1) Data Engineer | LINCOLN | LinkedIn</title><h1 class=x>?</h1>",
                url
            ),
            ("Data Engineer".into(), some("LINCOLN"), None)
        );
        let title = "<title>Heidi hiring Senior Engineer in Melbourne, Victoria | LinkedIn</title>";
        assert_eq!(
            main(title, url),
            (
                "Senior Engineer".into(),
                some("Heidi"),
                some("Melbourne, Victoria")
            )
        );
        let search = "<title>Offerte di lavoro per magazziniere | LinkedIn</title>";
        assert!(jobs(search, "https://www.linkedin.com/jobs/search/?keywords=x").is_empty());
    }

    #[test]
    fn server_driven_job_view_takes_the_place_from_its_top_card() {
        let url = "https://www.linkedin.com/jobs/view/4374244548/";
        let page = |shown: &str| {
            format!(
                r#"<title>Graduate Data Engineer | Flow Traders | LinkedIn</title>
                <div data-view-name="job-detail-page"><div><div><a href="/company/flow-traders/life/">Flow Traders</a></div>
                <div><div><p>{shown}</p></div></div><div></div><p><span>Amsterdam, North Holland, Netherlands</span>
                · <span>1 day ago</span></p></div></div>"#
            )
        };
        assert_eq!(
            main(&page("Graduate Data Engineer"), url),
            (
                "Graduate Data Engineer".into(),
                some("Flow Traders"),
                some("Amsterdam, North Holland, Netherlands")
            )
        );
        assert_eq!(main(&page("Another Posting"), url).2, None);
    }

    #[test]
    fn a_posting_page_is_asked_for_no_search_cards_and_the_guest_fragment_for_its_card_alone() {
        let lists = |url: &str| -> Vec<String> {
            let plan = crate::capture::plan_for(url).expect("a web page");
            plan.lists.into_iter().map(|list| list.key).collect()
        };
        let every = ["guest", "top", "sdui", "cards"].map(|key| format!("linkedin.{key}"));
        assert_eq!(
            lists("https://www.linkedin.com/jobs/search/?currentJobId=1"),
            every
        );
        assert_eq!(lists("https://www.linkedin.com/jobs/view/1/"), every[..3]);
        assert_eq!(
            lists("https://www.linkedin.com/jobs-guest/jobs/api/jobPosting/1"),
            every[..1]
        );
    }

    #[test]
    fn profiles_and_people_searches_are_not_jobs() {
        let html = r#"<h1 class="top-card-layout__title">Jane Doe</h1>"#;
        assert!(jobs(html, "https://www.linkedin.com/in/jane/").is_empty());
        assert!(jobs(html, "https://www.linkedin.com/search/results/people/").is_empty());
    }
}
