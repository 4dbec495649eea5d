//! The generic fallback for pages no structured data or adapter explains: career pages of all
//! kinds. It knows the traps real pages set: a page-level `h1` that is the site's slogan
//! ("CAREERS AT NVIDIA"), headings hidden from view ("Application Submitted" waiting for a
//! form), cookie banners and dialogs, a company named only in the `<title>` or a logo's alt
//! text. It reads only what is visible by markup, and it captures a posting only on a page
//! whose address says it shows one: a wrong capture is worse than none.

use super::{alternatives, meta, normal, sites, FieldRead, ListRead, Page, ReadPlan, TextRead};

use crate::model::{Job, Source};
use crate::text::clean;

/// Containers whose content is not the page's own visible content: hidden by markup, for
/// screen readers only, cookie and consent banners, dialogs.
const UNSEEN: &str = "[hidden], [aria-hidden=\"true\"], [style*=\"display:none\" i], \
    [style*=\"display: none\" i], [style*=\"visibility:hidden\" i], \
    [style*=\"visibility: hidden\" i], .visually-hidden, .sr-only, .screen-reader-text, \
    .a11y-text, [id*=\"cookie\" i], [class*=\"cookie\" i], [id*=\"consent\" i], \
    [class*=\"consent\" i], [role=\"dialog\"], [aria-modal=\"true\"], noscript";

/// Elements marked, by id or test id, as a posting's title, company or location. Ids are few,
/// so these are cheap to look for even ignoring case.
const TITLE_IDS: &str = "[id*=\"jobtitle\" i], [id*=\"job-title\" i], [id*=\"job_title\" i], \
    [data-testid*=\"job-title\" i], [data-ui=\"job-title\"]";
const COMPANY_IDS: &str = "[id*=\"companyname\" i], [id*=\"company-name\" i], \
    [id*=\"employername\" i], [data-testid*=\"company-name\" i]";
const LOCATION_IDS: &str = "[id*=\"joblocation\" i], [id*=\"job-location\" i], \
    [id*=\"job_location\" i], [data-testid*=\"job-location\" i]";

/// Elements marked, by class, as a posting's title, company or location, in the spellings
/// pages use. Nearly every element has a class, and matching one while ignoring case costs
/// ten times as much as matching it as written (4 ms on a LinkedIn page): each spelling is
/// written out instead.
const TITLE_CLASSES: &str = "[class*=\"job-title\"], [class*=\"job_title\"], \
    [class*=\"jobtitle\"], [class*=\"jobTitle\"], [class*=\"JobTitle\"], \
    [class*=\"posting-title\"]";
const COMPANY_CLASSES: &str = "[class*=\"company-name\"], [class*=\"companyname\"], \
    [class*=\"companyName\"], [class*=\"CompanyName\"], [class*=\"employer-name\"]";
const LOCATION_CLASSES: &str = "[class*=\"job-location\"], [class*=\"joblocation\"], \
    [class*=\"jobLocation\"], [class*=\"JobLocation\"]";

/// Words in a page's address that say it shows a posting (`/jobs/123`, `applyjobs.example`,
/// `cim_jobdetail.asp`, `/careers/…`, `/stellenangebote/…`, `/vacatures/…`).
const POSTING_WORDS: [&str; 21] = [
    "job",
    "career",
    "karriere",
    "carriere",
    "carrera",
    "vacanc",
    "vacatur",
    "position",
    "opening",
    "role",
    "stelle",
    "empleo",
    "emploi",
    "offre",
    "offert",
    "lavoro",
    "vaga",
    "recruit",
    "hiring",
    "posting",
    "requisition",
];

/// Texts that are headings of a page, never a posting's title.
const NOT_TITLES: [&str; 24] = [
    "careers",
    "jobs",
    "job details",
    "job description",
    "job search",
    "search results",
    "open positions",
    "current openings",
    "application submitted",
    "thank you",
    "apply",
    "apply now",
    "home",
    "menu",
    "sign in",
    "log in",
    "career opportunities",
    "job opportunities",
    "current opportunities",
    "opportunities",
    "open roles",
    "join our team",
    "join us",
    "work with us",
];

/// Labels of label/value pairs, by the field they name. Matched on the label without its
/// trailing colon, ignoring case.
const TITLE_LABELS: [&str; 9] = [
    "job title",
    "position title",
    "position",
    "vacancy",
    "title",
    "intitulé du poste",
    "puesto",
    "stellenbezeichnung",
    "المسمى الوظيفي",
];
const COMPANY_LABELS: [&str; 9] = [
    "company",
    "company name",
    "employer",
    "organization",
    "organisation",
    "hiring organization",
    "entreprise",
    "empresa",
    "unternehmen",
];
const LOCATION_LABELS: [&str; 10] = [
    "location",
    "job location",
    "work location",
    "locations",
    "lieu",
    "ubicación",
    "standort",
    "sede",
    "الموقع",
    "مكان العمل",
];

/// Adds what the generic reader needs to the plan: headings, elements marked as a title,
/// company or location, the line holding a title marked by id, a logo's alt text and
/// label/value pairs. Each is one pass over the page with no case-blind class match and no
/// `:has()` asked of every element beyond a child's id; what is unseen is left out by looking
/// up the few matches' ancestors (`outside`), not by asking it of every element. The marks stay
/// one selector list each: matching a part of an attribute costs as much alone as in a list,
/// and one pass is fewer calls; the pairs, whose parts each start with an element name, are
/// split (`alternatives`).
pub(super) fn add_reads(plan: &mut ReadPlan) {
    let seen = |key: &str, selector: String, all: bool| TextRead {
        key: format!("generic.{key}"),
        selectors: vec![selector],
        all,
        attr: None,
        outside: Some(UNSEEN.into()),
    };
    plan.texts.extend([
        seen("h1", "h1".into(), true),
        seen("title", format!("{TITLE_CLASSES}, {TITLE_IDS}"), true),
        TextRead {
            key: "generic.title_line".into(),
            selectors: vec![format!(":has(> :is({TITLE_IDS}))")],
            all: false,
            attr: None,
            outside: None,
        },
        seen(
            "company",
            format!("{COMPANY_CLASSES}, {COMPANY_IDS}"),
            false,
        ),
        seen(
            "location",
            format!("{LOCATION_CLASSES}, {LOCATION_IDS}"),
            false,
        ),
        TextRead {
            key: "generic.logo".into(),
            selectors: vec![
                "header img[alt], [class*=\"logo\" i] img[alt], img[class*=\"logo\" i][alt]".into(),
            ],
            all: false,
            attr: Some("alt".into()),
            outside: None,
        },
    ]);
    let field = |key: &str, selector: &str| FieldRead {
        key: key.to_string(),
        selector: selector.to_string(),
        attr: None,
    };
    plan.lists.push(ListRead {
        key: "generic.pairs".into(),
        selectors: alternatives(
            "tr:not(:has(tr)):has(> :is(td, th) + :is(td, th)), dl > div:has(> dt + dd)",
        ),
        fields: vec![
            field("label", "th, td, dt"),
            field("value", "th + td, td + td, dt + dd"),
        ],
        first: false,
    });
}

/// The posting the page shows by the generic reading. Without `confirmed` (another source
/// found a posting), only a page whose address names a posting, on no site an adapter knows,
/// with a title marked as one (or a heading backed by a company or location) gives one. A page
/// marking `LIST` titles or more, none holding another (a mark inside a marked block), lists
/// jobs: it shows no one posting.
pub(super) fn job(page: &Page<'_>, confirmed: bool) -> Option<Job> {
    let pairs = Pairs::read(page);
    if lists_jobs(page) {
        return None;
    }
    let marked = page
        .text("generic.title")
        .map(|title| normal::title(&title));
    let marked = marked.map(|title| normal::title(&title));
    let labelled = pairs.title.clone();
    let heading = page
        .texts("generic.h1")
        .filter_map(|text| clean(&text))
        .find(|text| is_title(text));
    let (title, strong) = match (marked, labelled, heading) {
        (Some(title), _, _) | (None, Some(title), _) => (title, true),
        (None, None, Some(title)) => (normal::title(&title), false),
        (None, None, None) => return None,
    };
    let mut job = Job::titled(title, Source::Generic);
    job.location = page.text("generic.location").or(pairs.location);
    job.company = page
        .text("generic.company")
        .or(pairs.company)
        .or_else(|| company_on_title_line(page, &job.title))
        .or_else(|| {
            page.texts("generic.h1")
                .find_map(|heading| normal::company_in_slogan(&heading))
        })
        .or_else(|| company_in_page_title(page, &job.title, job.location.as_deref()))
        .or_else(|| {
            page.meta("og:site_name")
                .filter(|name| !meta::is_board(name))
        })
        .or_else(|| company_in_logo(&page.text("generic.logo")?));
    let posting_page = page
        .url
        .as_ref()
        .is_some_and(|url| names_a_posting(url) && !sites::known(url));
    let backed = strong || job.company.is_some() || job.location.is_some();
    (confirmed || (posting_page && backed)).then_some(job)
}

/// How many different marked titles make a list of jobs (two may be a title and a label
/// marked alike: "lblJobTitle" and "lblJobTitleURL").
const LIST: usize = 3;

/// Whether the page marks `LIST` titles or more, none holding another.
fn lists_jobs(page: &Page<'_>) -> bool {
    let mut titles: Vec<String> = Vec::new();
    for title in page.texts("generic.title").filter_map(|text| clean(&text)) {
        let title = title.to_lowercase();
        if !titles
            .iter()
            .any(|seen| seen.contains(&title) || title.contains(seen.as_str()))
        {
            titles.push(title);
        }
    }
    titles.len() >= LIST
}

/// Whether a heading can be a posting's title: not a slogan, not a page heading, not a count
/// of search results.
fn is_title(text: &str) -> bool {
    let lower = text.to_lowercase();
    normal::company_in_slogan(text).is_none()
        && !normal::is_results_count(text)
        && !NOT_TITLES.contains(&lower.trim_end_matches(['!', '.']))
        && text.chars().count() <= 150
}

/// Whether the page's address has a word that names a posting.
fn names_a_posting(url: &url::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let text = format!("{host} {} {}", url.path(), url.query().unwrap_or_default()).to_lowercase();
    POSTING_WORDS.iter().any(|word| text.contains(word))
}

/// The employer on the title's own line: "Civil Engineer / Government Tenders Department".
fn company_on_title_line(page: &Page<'_>, title: &str) -> Option<String> {
    let line = page.text("generic.title_line")?;
    let rest = line.strip_prefix(title)?.trim_start();
    let rest = ["/ ", "| ", "- ", "– ", "at ", "@ "]
        .iter()
        .find_map(|separator| rest.strip_prefix(separator))?;
    clean(rest).filter(|company| company.chars().count() <= 100)
}

/// The site's name in a `<title>` such as "Archstone - Job details": the one part left when
/// the posting's title, the location and page words ("Job details", "Careers") are removed.
fn company_in_page_title(page: &Page<'_>, title: &str, location: Option<&str>) -> Option<String> {
    let page_title = clean(&page.snapshot.title)?;
    let separators = [" - ", " – ", " | ", " :: ", " · "];
    let mut parts = vec![page_title.as_str()];
    for separator in separators {
        parts = parts
            .into_iter()
            .flat_map(|part| part.split(separator))
            .collect();
    }
    let left: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|part| {
            let lower = part.to_lowercase();
            !part.is_empty()
                && !normal::same_text(&normal::title(part), title)
                && !location.is_some_and(|location| normal::same_text(part, location))
                && !NOT_TITLES.contains(&lower.as_str())
                && !meta::is_board(part)
        })
        .collect();
    match left[..] {
        [company] if company.split_whitespace().count() <= 5 && left.len() < 2 => {
            normal::company_in_slogan(company).or_else(|| clean(company))
        }
        _ => None,
    }
}

/// The company a logo's alt text names ("Acme logo"), unless it is a generic word.
fn company_in_logo(alt: &str) -> Option<String> {
    let name = alt
        .len()
        .checked_sub(" logo".len())
        .and_then(|end| Some((alt.get(..end)?, alt.get(end..)?)))
        .filter(|(_, suffix)| suffix.eq_ignore_ascii_case(" logo"))
        .map_or(alt, |(name, _)| name);
    let name = clean(name)?;
    let generic = ["logo", "home", "careers home", "company logo", "careers"];
    (!generic.contains(&name.to_lowercase().as_str()) && name.split_whitespace().count() <= 4)
        .then_some(name)
}

/// What the page's label/value pairs (table rows, description lists) say.
#[derive(Default)]
struct Pairs {
    title: Option<String>,
    company: Option<String>,
    location: Option<String>,
}

impl Pairs {
    fn read(page: &Page<'_>) -> Pairs {
        let mut pairs = Pairs::default();
        let (mut city, mut region, mut country) = (None, None, None);
        for pair in page.list("generic.pairs") {
            let (Some(label), Some(value)) = (
                pair.get("label").and_then(|label| clean(label)),
                pair.get("value").and_then(|value| clean(value)),
            ) else {
                continue;
            };
            let label = label.trim_end_matches([':', ' ', '\u{a0}']).to_lowercase();
            if label.chars().count() > 40 {
                continue;
            }
            let slot = if TITLE_LABELS.contains(&label.as_str()) {
                &mut pairs.title
            } else if COMPANY_LABELS.contains(&label.as_str()) {
                &mut pairs.company
            } else if LOCATION_LABELS.contains(&label.as_str()) || label.contains("محافظ") {
                &mut pairs.location
            } else if label.contains("city") || label.contains("المدينة") {
                &mut city
            } else if label.contains("state")
                || label.contains("province")
                || label.contains("region")
            {
                &mut region
            } else if label.contains("country") {
                &mut country
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        if pairs.location.is_none() {
            let parts: Vec<String> = [city, region, country].into_iter().flatten().collect();
            pairs.location = Some(parts.join(", ")).filter(|line| !line.is_empty());
        }
        pairs
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use crate::capture::sites::test_support::{jobs, main, some};

    #[test]
    fn slogan_heading_is_not_the_title_but_names_the_company() {
        let html = r#"<h1>CAREERS AT ACME</h1><h2 class="job-title">Welder</h2>
            <span class="job-location">Leeds</span>"#;
        assert_eq!(
            main(html, "https://careers.acme.example/jobs/1"),
            ("Welder".into(), some("ACME"), some("Leeds"))
        );
    }

    #[test]
    fn hidden_headings_and_cookie_banners_are_not_read() {
        let html = r#"<div id="cookie-banner"><h1>We value your privacy</h1></div>
            <h1 hidden>Application Submitted</h1><h1 class="sr-only">Skip</h1>
            <h1 style="display: none">Thanks</h1><h1>Door Attendant</h1>
            <table><tr><td>Location:</td><td>Leeds</td></tr></table>"#;
        assert_eq!(
            main(html, "https://example.com/jobs/2"),
            ("Door Attendant".into(), None, some("Leeds"))
        );
    }

    #[test]
    fn label_value_rows_and_the_page_title_give_the_posting() {
        let html = r#"<title>Archstone - Job details</title><table>
            <tr><td><label>Job Title</label></td><td><span>Door Attendant</span></td></tr>
            <tr><td>Location: City</td><td>New York</td></tr>
            <tr><td>Location: State</td><td>New York</td></tr></table>"#;
        assert_eq!(
            main(html, "https://sjobs.example.com/cim_jobdetail.asp"),
            (
                "Door Attendant".into(),
                some("Archstone"),
                some("New York, New York")
            )
        );
    }

    #[test]
    fn employer_on_the_title_line_is_the_company() {
        let html = r#"<td><span id="lblJobTitle">Civil Engineer</span>
            <span id="lblChapter"> / Government Tenders Department</span></td>"#;
        assert_eq!(
            main(html, "https://applyjobs.example.gov/"),
            (
                "Civil Engineer".into(),
                some("Government Tenders Department"),
                None
            )
        );
    }

    #[test]
    fn logo_alt_names_the_company_unless_it_is_a_generic_word() {
        use super::company_in_logo;
        assert_eq!(company_in_logo("Acme Logo").as_deref(), Some("Acme"));
        assert_eq!(company_in_logo("Ünïcødé logo").as_deref(), Some("Ünïcødé"));
        assert_eq!(company_in_logo(" careers home"), None);
        assert_eq!(company_in_logo("logo"), None);
        assert_eq!(company_in_logo("İİ"), Some("İİ".to_string()));
    }

    #[test]
    fn pages_whose_address_names_no_posting_yield_nothing() {
        let html = r#"<h1>Craniometrix</h1><h2 class="job-title">Chief of Staff</h2>"#;
        assert!(jobs(html, "https://www.ycombinator.com/companies/craniometrix").is_empty());
        let html = r#"<h1>Join our team</h1>"#;
        assert!(jobs(html, "https://acme.example/careers").is_empty());
    }
}
