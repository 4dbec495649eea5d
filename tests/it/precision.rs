//! Capture's precision rules (issue 18, part 2): a wrong value lands unnoticed in the user's
//! tracker, drafts and exports, so every fallback path (meta tags, the generic reader, page
//! titles) gives nothing rather than a guess. One test per rule, on pages read as the worker
//! plans them. Rules pinned elsewhere, beside the code:
//! - a board's `og:site_name` is no company: `capture::meta`
//!   `site_name_is_a_company_unless_it_is_a_board`;
//! - site suffixes ("- job post", "| LinkedIn") leave titles: `capture::normal` `titles_lose_site_decorations`;
//! - a search with nothing selected yields no posting: `sites::glassdoor`
//!   `search_without_a_posting_open_gives_none`, `capture::meta` `a_results_count_is_no_posting`;
//! - a company page listing its jobs gives them all, not one: `sites::ycombinator`
//!   `company_page_lists_its_jobs_with_the_company_of_the_heading`; a careers page whose address
//!   names no posting gives none: `capture::generic` `pages_whose_address_names_no_posting_yield_nothing`;
//! - a hidden "Application Submitted" heading is not read: `capture::generic`
//!   `hidden_headings_and_cookie_banners_are_not_read`.

use follow_through::capture::{extract, native, plan_for};

const POSTING: &str = "https://careers.acme.example/jobs/1";

/// Title, company and location of each posting `html` shows at `url`, read as the worker plans.
fn postings(html: &str, url: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let plan = plan_for(url).expect("a plan for an http page");
    extract(&native::read(html, url, &plan))
        .jobs
        .into_iter()
        .map(|job| (job.title, job.company, job.location))
        .collect()
}

fn posting(
    title: &str,
    company: Option<&str>,
    location: Option<&str>,
) -> Vec<(String, Option<String>, Option<String>)> {
    vec![(
        title.into(),
        company.map(String::from),
        location.map(String::from),
    )]
}

#[test]
fn a_boards_own_website_or_organization_in_json_ld_is_never_the_company() {
    let html = r#"<title>Welder</title><script type="application/ld+json">[
        {"@type":"WebSite","name":"SEEK","url":"https://www.seek.com.au"},
        {"@type":"Organization","name":"SEEK"},
        {"@type":"JobPosting","title":"Welder","jobLocation":{"@type":"Place","address":{"addressLocality":"Leeds"}}}
        ]</script><h1>Welder</h1>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", None, Some("Leeds"))
    );
}

#[test]
fn a_board_named_in_the_page_title_is_never_the_company() {
    let html = r#"<title>Welder | Glassdoor</title><h1>Welder</h1><span class="job-location">Leeds</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", None, Some("Leeds"))
    );
}

#[test]
fn a_board_named_with_its_country_or_domain_is_never_the_company() {
    for site_name in [
        "SEEK Australia",
        "seek.com.au",
        "Indeed Ireland",
        "Indeed.com",
    ] {
        let html = format!(
            r#"<title>Welder</title><meta property="og:site_name" content="{site_name}">
            <meta property="og:title" content="Welder"><h1>Welder</h1>
            <span class="job-location">Leeds</span>"#
        );
        assert_eq!(
            postings(&html, POSTING),
            posting("Welder", None, Some("Leeds")),
            "{site_name}"
        );
    }
    let html = r#"<meta property="og:site_name" content="Acme Australia"><h1>Welder</h1>
        <span class="job-location">Leeds</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", Some("Acme Australia"), Some("Leeds"))
    );
}

#[test]
fn titles_lose_the_site_and_employer_names_around_them() {
    let html = r#"<title>Welder | Acme</title><meta property="og:site_name" content="Acme">
        <h1 class="job-title">Welder | Acme</h1>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", Some("Acme"), None)
    );
    let html = r#"<h1 class="job-title">Senior Legal Counsel - Oneflow - Teamtailor</h1>
        <span class="company-name">Oneflow</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Senior Legal Counsel", Some("Oneflow"), None)
    );
    let html = r#"<h1 class="job-title">Acme - Welder</h1><span class="company-name">Acme</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", Some("Acme"), None)
    );
    let html = r#"<h1 class="job-title">Senior Test Engineer - Autonomous Driving</h1>
        <span class="company-name">NVIDIA</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting(
            "Senior Test Engineer - Autonomous Driving",
            Some("NVIDIA"),
            None
        )
    );
}

#[test]
fn titles_are_taken_out_of_the_sentences_boards_make_of_them() {
    let html = r#"<title>Acme hiring Welder in Leeds | LinkedIn</title><h1>Acme hiring Welder in Leeds</h1>
        <span class="job-location">Leeds</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", None, Some("Leeds"))
    );
    let html = r#"<title>Senior Platform Engineer | Remote | Australia Job in Melbourne VIC - SEEK</title>
        <h1 class="job-title">Senior Platform Engineer | Remote | Australia Job in Melbourne VIC - SEEK</h1>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Senior Platform Engineer | Remote | Australia", None, None)
    );
}

#[test]
fn a_confirmation_page_yields_no_posting() {
    let html = r#"<title>Application Submitted</title><h1>Application Submitted</h1>
        <p>Thank you for applying.</p><span class="job-location">Leeds</span>"#;
    assert_eq!(postings(html, POSTING), []);
}

#[test]
fn a_careers_slogan_is_never_a_title() {
    let html = r#"<title>SAIC: Careers: Career Opportunities</title><h1>Career Opportunities</h1>
        <span class="company-name">SAIC</span>"#;
    assert_eq!(postings(html, POSTING), []);
}

#[test]
fn a_page_marking_several_job_titles_lists_jobs_and_yields_no_posting() {
    let html = r#"<title>Jobs at Acme</title><h1>Open roles</h1><ul>
        <li><h2 class="job-title">Welder</h2><span class="job-location">Leeds</span></li>
        <li><h2 class="job-title">Door Attendant</h2><span class="job-location">York</span></li>
        <li><h2 class="job-title">Painter</h2></li></ul>"#;
    assert_eq!(postings(html, "https://careers.acme.example/jobs"), []);
    let html = r#"<h1 class="job-title">Welder</h1><span id="lblJobTitleURL">Attached notice</span>
        <span class="job-location">Leeds</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", None, Some("Leeds"))
    );
}

#[test]
fn meta_tags_alone_make_no_posting() {
    let html = r#"<title>Welder</title><meta property="og:title" content="Welder">
        <meta property="og:site_name" content="Acme"><meta name="description" content="Weld.">"#;
    assert_eq!(postings(html, POSTING), []);
}

#[test]
fn a_heading_alone_makes_no_posting_but_a_company_or_place_beside_it_does() {
    assert_eq!(postings("<h1>Welder</h1>", POSTING), []);
    let html = r#"<h1>Welder</h1><span class="job-location">Leeds</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", None, Some("Leeds"))
    );
    let html = r#"<h1>Welder</h1><span class="company-name">Acme</span>"#;
    assert_eq!(
        postings(html, POSTING),
        posting("Welder", Some("Acme"), None)
    );
}
