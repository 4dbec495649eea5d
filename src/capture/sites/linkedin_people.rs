//! LinkedIn people: a profile (logged-in, its experience subpage, the guest page with its
//! JSON-LD `Person`, the older public hCard layout), the cards of a people search and the My
//! Network connections list. The user's people are what the playbook is mostly about, so they
//! are read where the user already looks at them, and nobody is made up where the page shows
//! no one ("Profile Not Found", a private "LinkedIn Member").

use super::{every_read, jsonld_people, on, segments, Posting, Reads, Site};
use crate::model::{Job, Person, Source};
use crate::text::clean;
use std::collections::BTreeMap;
use url::Url;

pub(super) const SITE: Site = Site {
    name: "linkedin_people",
    source: Source::Linkedin,
    serves,
    shows: every_read,
    texts: &[
        (
            "name",
            "h1.inline.t-24, h1.text-heading-xlarge, h1.top-card-layout__title, \
             .profile-card.vcard .fn, #name .full-name, section[componentkey$=\"Topcard\"] h2",
        ),
        (
            "headline",
            ".text-body-medium.break-words, .top-card-layout__headline, \
             .profile-card.vcard .headline, #headline .title, \
             section[componentkey$=\"Topcard\"] div:has(h2):has(p) + p",
        ),
        (
            "location",
            ".text-body-small.inline.t-black--light.break-words, .profile-card.vcard .locality, \
             #location .locality, \
             section[componentkey$=\"Topcard\"] div:has(h2):has(p) ~ div > p:not(:has(a))",
        ),
        ("degree", ".dist-value"),
        (
            "current",
            "#overview-summary-current li, .profile-card .extra-info .org",
        ),
    ],
    every: &[],
    attrs: &[],
    lists: &[
        (
            "experience",
            "#experience ~ * [data-view-name=\"profile-component-entity\"]",
            ENTRY,
        ),
        (
            "details",
            "main [data-view-name=\"profile-component-entity\"]",
            ENTRY,
        ),
        (
            "sdui_experience",
            "[data-testid^=\"profile_ExperienceTopLevelSection\"] \
             [componentkey^=\"entity-collection-item\"]",
            SDUI_ENTRY,
        ),
        (
            "results",
            "[data-view-name=\"search-entity-result-universal-template\"], .entity-result",
            &[
                (
                    "name",
                    ".entity-result__title-text a span[aria-hidden=\"true\"], \
                     a[href*=\"/in/\"] span[aria-hidden=\"true\"]",
                    None,
                ),
                ("link", "a[href*=\"/in/\"]", Some("href")),
                (
                    "headline",
                    ".entity-result__primary-subtitle, div.t-14.t-black.t-normal",
                    None,
                ),
                (
                    "location",
                    ".entity-result__secondary-subtitle, div.t-14.t-normal:not(.t-black)",
                    None,
                ),
                (
                    "degree",
                    ".entity-result__badge-text span[aria-hidden=\"true\"]",
                    None,
                ),
            ],
        ),
        (
            "connections",
            "[data-view-name=\"connections-list\"] > div, li.mn-connection-card",
            &[
                (
                    "name",
                    "p a[href*=\"/in/\"]:not([data-view-name]), .mn-connection-card__name",
                    None,
                ),
                ("link", "a[href*=\"/in/\"]", Some("href")),
                ("headline", "p + p, .mn-connection-card__occupation", None),
                ("text", "div", None),
            ],
        ),
    ],
    once: &[],
    jobs: no_jobs,
    posting: no_posting,
};

/// The fields of an experience entry: the bold line (a title, or the company of a group of
/// positions), the first plain line ("Company · Full-time", or a group's total duration) and
/// the company logo's text. Only `aria-hidden` copies are read: each has a visually hidden twin.
const ENTRY: &[(&str, &str, Option<&str>)] = &[
    ("bold", ".t-bold span[aria-hidden=\"true\"]", None),
    (
        "line",
        ".t-14.t-normal:not(.t-black--light) span[aria-hidden=\"true\"]",
        None,
    ),
    ("logo", "img[alt]", Some("alt")),
];

/// The same fields in the server-driven profile (hashed class names, one copy of each text):
/// the entry's first line and the line after it.
const SDUI_ENTRY: &[(&str, &str, Option<&str>)] = &[
    ("bold", "p", None),
    ("line", "p + p", None),
    ("logo", "img[alt]", Some("alt")),
];

/// Names LinkedIn shows where there is no one to capture.
const NOBODY: [&str; 5] = [
    "linkedin member",
    "profile not found",
    "page not found",
    "this page doesn’t exist",
    "this page doesn't exist",
];

/// Which LinkedIn people page an address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Profile,
    ExperienceDetails,
    Search,
    Connections,
}

fn kind(url: &Url) -> Option<Kind> {
    if !on(url, "linkedin.com") {
        return None;
    }
    match segments(url).as_slice() {
        ["in" | "pub", _, "details", "experience", ..] => Some(Kind::ExperienceDetails),
        ["in" | "pub", _, ..] => Some(Kind::Profile),
        ["search", "results", "people", ..] => Some(Kind::Search),
        ["mynetwork", .., "connections"] => Some(Kind::Connections),
        _ => None,
    }
}

fn serves(url: &Url) -> bool {
    kind(url).is_some()
}

fn no_jobs(_: &Reads<'_>) -> Vec<Job> {
    Vec::new()
}

fn no_posting(_: &Url) -> Option<Posting> {
    None
}

/// The people the page shows: the profile's person, or every card in page order.
pub(super) fn people(reads: &Reads<'_>) -> Vec<Person> {
    let Some(kind) = reads.page.url.as_ref().and_then(kind) else {
        return Vec::new();
    };
    match kind {
        Kind::Profile | Kind::ExperienceDetails => profile(reads, kind).into_iter().collect(),
        Kind::Search => cards(reads, "results"),
        Kind::Connections => cards(reads, "connections"),
    }
}

/// The person a profile shows. The JSON-LD `Person` of a guest page is the first source; the
/// top card fills what it lacks; the current company is the first experience entry's (in the
/// classic layout, else in the server-driven one, whose top card reads its lines by position:
/// the name is the card's `h2`, the headline the line after the name's row, the location the
/// first line without a link in the rows after it).
fn profile(reads: &Reads<'_>, kind: Kind) -> Option<Person> {
    let published = jsonld_people(&reads.page.snapshot.jsonld)
        .into_iter()
        .next();
    let entries = if kind == Kind::ExperienceDetails {
        "details"
    } else {
        "experience"
    };
    let experience = reads
        .list(entries)
        .first()
        .or_else(|| reads.list("sdui_experience").first())
        .and_then(company_of);
    let name = match kind {
        Kind::ExperienceDetails => reads
            .text("name")
            .or_else(|| name_in_title(&reads.page.snapshot.title)),
        Kind::Profile => reads.text("name"),
        _ => None,
    }
    .map(|name| undoubled(&name))
    .or_else(|| published.as_ref().map(|person| person.name.clone()))
    .filter(|name| !is_nobody(name))?;
    let published = published.unwrap_or_default();
    let field = |key: &str| reads.text(key).map(|text| undoubled(&text));
    Some(Person {
        name,
        headline: field("headline"),
        company: experience
            .or(published.company)
            .or_else(|| field("current").and_then(|text| clean(text.trim_end_matches([',', ' '])))),
        location: field("location")
            .filter(|place| place.chars().any(char::is_alphanumeric))
            .or(published.location),
        profile_url: reads
            .page
            .url
            .as_ref()
            .and_then(|url| profile_url(url.as_str()))
            .or_else(|| published.profile_url.as_deref().and_then(profile_url)),
        degree: field("degree").as_deref().and_then(degree),
        ..Person::default()
    })
}

/// The company of an experience entry: the line's head ("Acme · Full-time") or, for a group of
/// positions at one company, the bold line; the logo's text tells which when it is there.
fn company_of(entry: &BTreeMap<String, String>) -> Option<String> {
    let field = |key: &str| entry.get(key).and_then(|text| clean(text));
    let bold = field("bold");
    let line = field("line");
    let head = line
        .as_deref()
        .map(|line| line.split(" · ").next().unwrap_or(line).trim().to_string())
        .filter(|head| !head.is_empty());
    let logo = field("logo").map(|alt| {
        let lower = alt.to_lowercase();
        let name = lower
            .strip_suffix(" logo")
            .or_else(|| lower.strip_prefix("logo de "))
            .or_else(|| lower.strip_prefix("logo "))
            .unwrap_or(&lower);
        name.trim().to_string()
    });
    let names = |text: &Option<String>| {
        text.as_deref().is_some_and(|text| {
            logo.as_deref()
                .is_some_and(|logo| !logo.is_empty() && text.to_lowercase().contains(logo))
        })
    };
    if names(&head) {
        return head;
    }
    if names(&bold) {
        return bold;
    }
    match head {
        Some(head) if !is_duration(&head) => Some(head),
        _ => bold,
    }
}

/// Whether a line is a length of time ("14 yrs 2 mos", "6 ans 9 mois"): numbers, each followed
/// by one word.
fn is_duration(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len().is_multiple_of(2)
        && words
            .chunks(2)
            .all(|pair| pair[0].chars().all(|c| c.is_ascii_digit()) && pair[1].len() <= 6)
}

/// The name in a profile page's title: "(19) Expérience | Andrew Ng | LinkedIn".
fn name_in_title(title: &str) -> Option<String> {
    let rest = title.trim().strip_suffix("| LinkedIn")?.trim_end();
    let rest = match rest.strip_prefix('(') {
        Some(counted) => counted.split_once(')').map_or(rest, |(_, rest)| rest),
        None => rest,
    };
    clean(rest.rsplit(" | ").next().unwrap_or(rest))
}

/// The people of a list of cards, in page order, each once.
fn cards(reads: &Reads<'_>, list: &str) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for card in reads.list(list) {
        let field = |key: &str| card.get(key).and_then(|text| clean(text));
        let Some(name) = field("name")
            .map(|name| undoubled(&name))
            .filter(|name| !is_nobody(name))
        else {
            continue;
        };
        let person = Person {
            headline: field("headline").map(|text| undoubled(&text)),
            location: field("location").map(|text| undoubled(&text)),
            profile_url: field("link")
                .and_then(|href| reads.resolve(&href))
                .and_then(|url| profile_url(&url)),
            degree: match list {
                "connections" => Some("1st".to_string()),
                _ => field("degree").as_deref().and_then(degree),
            },
            connected_on: field("text").as_deref().and_then(connected_on),
            ..Person::named(name)
        };
        let seen = people
            .iter()
            .any(|other| match (&other.profile_url, &person.profile_url) {
                (Some(a), Some(b)) => a == b,
                _ => other.name == person.name && other.headline == person.headline,
            });
        if !seen {
            people.push(person);
        }
    }
    people
}

/// The canonical form of a profile's address, before its slug.
const CANONICAL: &str = "https://www.linkedin.com/in/";

/// A slug as LinkedIn's own links write it: lowercase letters, digits and hyphens.
fn plain(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `url` is already what `profile_url` makes of it.
pub fn is_canonical(url: &str) -> bool {
    url.strip_prefix(CANONICAL)
        .and_then(|slug| slug.strip_suffix('/'))
        .is_some_and(plain)
}

/// `https://www.linkedin.com/in/<slug>/` for any address of a profile (a country subdomain,
/// a subpage, tracking parameters); `None` for other addresses. An address already in that
/// form (every row of an export) is taken without parsing.
pub fn profile_url(url: &str) -> Option<String> {
    let url = url.trim();
    if let Some(slug) = url.strip_prefix(CANONICAL) {
        let slug = slug.strip_suffix('/').unwrap_or(slug);
        if plain(slug) {
            let mut canonical = String::with_capacity(CANONICAL.len() + slug.len() + 1);
            canonical.push_str(CANONICAL);
            canonical.push_str(slug);
            canonical.push('/');
            return Some(canonical);
        }
    }
    let url = Url::parse(url).ok()?;
    if !on(&url, "linkedin.com") {
        return None;
    }
    match segments(&url).as_slice() {
        ["in" | "pub", slug, ..] if !slug.is_empty() => Some(format!(
            "https://www.linkedin.com/in/{}/",
            slug.to_lowercase()
        )),
        _ => None,
    }
}

/// `1st`, `2nd` or `3rd` in a badge ("• 2nd", "3rd+", "2e").
fn degree(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find_map(|word| match word.to_lowercase().as_str() {
            "1st" | "1er" | "1re" => Some("1st"),
            "2nd" | "2e" => Some("2nd"),
            "3rd" | "3e" => Some("3rd"),
            _ => None,
        })
        .map(String::from)
}

/// The date after "connected on" in a card's text ("connected on January 27, 2025 Message").
fn connected_on(text: &str) -> Option<chrono::NaiveDate> {
    let lower = text.to_lowercase();
    let at = lower.find("connected on ")? + "connected on ".len();
    let rest: Vec<&str> = text.get(at..)?.split_whitespace().take(3).collect();
    crate::text::date(&rest.join(" "))
}

/// Text a page repeats for screen readers ("Acme Acme"), once.
fn undoubled(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let half = words.len() / 2;
    if half > 0 && words.len().is_multiple_of(2) && words[..half] == words[half..] {
        words[..half].join(" ")
    } else {
        text.to_string()
    }
}

fn is_nobody(name: &str) -> bool {
    NOBODY.contains(&name.to_lowercase().as_str())
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::capture::{extract, native, plan_for};

    fn people(html: &str, url: &str) -> Vec<Person> {
        let plan = plan_for(url).unwrap_or_else(|| panic!("no plan for {url}"));
        extract(&native::read(html, url, &plan)).people
    }

    const TOP_CARD: &str = r#"<main><section><h1 class="text-heading-xlarge inline t-24">Jane Doe</h1>
        <span class="dist-value">2nd</span><div class="text-body-medium break-words">Recruiter at Acme</div>
        <span class="text-body-small inline t-black--light break-words">Oslo, Norway</span></section>
        <section><div id="experience"></div><div><ul><li><div data-view-name="profile-component-entity">
        <img alt="Acme Corp logo"><div class="t-bold"><span aria-hidden="true">Senior Recruiter</span>
        <span class="visually-hidden">Senior Recruiter</span></div><span class="t-14 t-normal">
        <span aria-hidden="true">Acme Corp · Full-time</span><span class="visually-hidden">Acme Corp · Full-time</span>
        </span></div></li></ul></div></section></main>"#;

    #[test]
    fn logged_in_profile_reads_the_top_card_and_the_first_experience_entry() {
        let found = people(TOP_CARD, "https://no.linkedin.com/in/Jane-Doe-42/?trk=x");
        assert_eq!(found.len(), 1);
        let jane = &found[0];
        assert_eq!(jane.name, "Jane Doe");
        assert_eq!(jane.headline.as_deref(), Some("Recruiter at Acme"));
        assert_eq!(jane.company.as_deref(), Some("Acme Corp"));
        assert_eq!(jane.location.as_deref(), Some("Oslo, Norway"));
        assert_eq!(jane.degree.as_deref(), Some("2nd"));
        assert_eq!(
            jane.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/jane-doe-42/")
        );
    }

    const SDUI_TOP_CARD: &str = r##"<section componentkey="com.linkedin.sdui.profile.card.refACoAATopcard">
        <div><div><div data-view-name="profile-top-card-verified-badge"><div><h2>Krushini Katakam</h2></div></div>
        <p>· 1st</p></div><p>Developer @Vardaan DataSciences</p><p>Vardaan Data Sciences Pvt. Ltd.</p>
        <div><p>Karimnagar, Telangana, India</p><p>·</p><p><a href="#">Contact info</a></p></div></div></section>
        <div data-testid="profile_ExperienceTopLevelSection_k"><div componentkey="entity-collection-item-1">
        <img alt="Vardaan Data Sciences Pvt. Ltd. logo"><p>Vardaan Data Sciences Pvt. Ltd.</p><p>1 yr 10 mos</p>
        <p>Hyderabad, Telangana, India · On-site</p><ul><li><p>Developer</p><p>Full-time</p></li></ul></div></div>"##;

    #[test]
    fn server_driven_profile_reads_its_top_card_and_first_experience_entry() {
        let found = people(
            SDUI_TOP_CARD,
            "https://www.linkedin.com/in/krushini-katakam-3544992a0/",
        );
        assert_eq!(found.len(), 1);
        let person = &found[0];
        assert_eq!(person.name, "Krushini Katakam");
        assert_eq!(
            person.headline.as_deref(),
            Some("Developer @Vardaan DataSciences")
        );
        assert_eq!(
            person.company.as_deref(),
            Some("Vardaan Data Sciences Pvt. Ltd.")
        );
        assert_eq!(
            person.location.as_deref(),
            Some("Karimnagar, Telangana, India")
        );
    }

    #[test]
    fn server_driven_profile_without_a_location_line_has_no_location() {
        let html = SDUI_TOP_CARD.replace("<p>Karimnagar, Telangana, India</p>", "");
        let found = people(
            &html,
            "https://www.linkedin.com/in/krushini-katakam-3544992a0/",
        );
        assert_eq!(found[0].location, None);
    }

    #[test]
    fn a_group_of_positions_names_its_company_in_the_bold_line() {
        let entry = |bold: &str, line: &str, logo: Option<&str>| {
            let mut entry = BTreeMap::from([
                ("bold".to_string(), bold.to_string()),
                ("line".to_string(), line.to_string()),
            ]);
            if let Some(logo) = logo {
                entry.insert("logo".into(), logo.into());
            }
            entry
        };
        let tcs = "Tata Consultancy Services";
        assert_eq!(
            company_of(&entry(
                tcs,
                "14 yrs 2 mos",
                Some("Tata Consultancy Services logo")
            )),
            Some(tcs.to_string())
        );
        assert_eq!(
            company_of(&entry(tcs, "6 ans 9 mois", None)),
            Some(tcs.to_string())
        );
        assert_eq!(
            company_of(&entry(
                "CEO",
                "꩜Substrate · Full-time",
                Some("Substrate logo")
            )),
            Some("꩜Substrate".to_string())
        );
        assert_eq!(
            company_of(&entry("Founder", "DeepLearning.AI", None)),
            Some("DeepLearning.AI".to_string())
        );
    }

    #[test]
    fn not_found_and_private_profiles_yield_nobody() {
        let url = "https://www.linkedin.com/in/someone/";
        assert!(people(
            "<title>Profile Not Found | LinkedIn</title><h1>Profile Not Found</h1>",
            url
        )
        .is_empty());
        let private = r#"<h1 class="text-heading-xlarge inline t-24">LinkedIn Member</h1>"#;
        assert!(people(private, url).is_empty());
        assert!(people("<p>nothing here</p>", url).is_empty());
    }

    #[test]
    fn visually_hidden_twins_do_not_double_a_value() {
        assert_eq!(undoubled("Acme Corp Acme Corp"), "Acme Corp");
        assert_eq!(undoubled("New New York"), "New New York");
        assert_eq!(undoubled("Jo Jo"), "Jo");
    }

    #[test]
    fn experience_subpage_takes_the_name_from_the_title() {
        let html = r#"<title>(19) Expérience | Andrew Ng | LinkedIn</title><main><ul><li>
            <div data-view-name="profile-component-entity"><div class="t-bold"><span aria-hidden="true">Founder</span></div>
            <span class="t-14 t-normal"><span aria-hidden="true">DeepLearning.AI</span></span></div></li></ul></main>"#;
        let found = people(
            html,
            "https://www.linkedin.com/in/andrewyng/details/experience/",
        );
        assert_eq!(found[0].name, "Andrew Ng");
        assert_eq!(found[0].company.as_deref(), Some("DeepLearning.AI"));
        assert_eq!(found[0].headline, None);
    }

    #[test]
    fn guest_profile_reads_the_published_person() {
        let html = r#"<script type="application/ld+json">{"@context":"http://schema.org","@graph":[
            {"@type":"Person","name":"Sri L","address":{"@type":"PostalAddress","addressLocality":"Stockholm","addressCountry":"SE"},
             "worksFor":[{"@type":"Organization","name":"Swedbank"}],"url":"https://se.linkedin.com/in/sri-l"},
            {"@type":"WebPage","reviewedBy":{"@type":"Person","name":"Someone Else"}}]}</script>
            <h2 class="top-card-layout__headline">Scrum Master @ Swedbank</h2>"#;
        let found = people(html, "https://se.linkedin.com/in/sri-l");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Sri L");
        assert_eq!(found[0].company.as_deref(), Some("Swedbank"));
        assert_eq!(found[0].location.as_deref(), Some("Stockholm"));
        assert_eq!(
            found[0].headline.as_deref(),
            Some("Scrum Master @ Swedbank")
        );
    }

    #[test]
    fn legacy_hcard_profile_reads_the_current_line() {
        let html = r#"<div class="profile-card vcard"><h1 class="fn">Jeff W</h1><p class="headline title">CEO at LinkedIn</p>
            <span class="locality">San Francisco Bay Area</span><table class="extra-info"><tr><th>Current</th>
            <td><ol><li><span class="org"><a>LinkedIn</a></span>, </li><li>Intuit</li></ol></td></tr></table></div>"#;
        let found = people(html, "https://www.linkedin.com/in/jeffw");
        assert_eq!(found[0].name, "Jeff W");
        assert_eq!(found[0].company.as_deref(), Some("LinkedIn"));
        assert_eq!(found[0].location.as_deref(), Some("San Francisco Bay Area"));
    }

    #[test]
    fn connection_cards_carry_the_connected_on_date_in_page_order() {
        let card = |name: &str, slug: &str, date: &str| {
            format!(
                r#"<div><a href="https://www.linkedin.com/in/{slug}/" data-view-name="connections-profile"><figure></figure></a>
                <div><div><p><a href="https://www.linkedin.com/in/{slug}/">{name}</a></p><p>Engineer</p>
                <p>connected on {date}</p></div></div></div>"#
            )
        };
        let html = format!(
            r#"<div data-view-name="connections-list">{}{}</div>"#,
            card("Ken A", "kena", "January 27, 2025"),
            card("John K", "johnk", "December 3, 2024")
        );
        let found = people(
            &html,
            "https://www.linkedin.com/mynetwork/invite-connect/connections/",
        );
        let names: Vec<_> = found.iter().map(|person| person.name.as_str()).collect();
        assert_eq!(names, ["Ken A", "John K"]);
        assert_eq!(
            found[0].connected_on,
            chrono::NaiveDate::from_ymd_opt(2025, 1, 27)
        );
        assert_eq!(found[1].headline.as_deref(), Some("Engineer"));
        assert_eq!(
            found[1].profile_url.as_deref(),
            Some("https://www.linkedin.com/in/johnk/")
        );
    }

    #[test]
    fn degree_badges_read_in_several_forms() {
        assert_eq!(degree("• 2nd").as_deref(), Some("2nd"));
        assert_eq!(degree("3rd+").as_deref(), Some("3rd"));
        assert_eq!(degree("1er").as_deref(), Some("1st"));
        assert_eq!(degree("Follow"), None);
    }

    #[test]
    fn every_form_of_a_profile_address_gives_one_canonical_url() {
        let canonical = Some("https://www.linkedin.com/in/ana-b-12/".to_string());
        for url in [
            "https://www.linkedin.com/in/ana-b-12",
            "https://www.linkedin.com/in/ana-b-12/",
            " https://se.linkedin.com/in/Ana-B-12?trk=x ",
            "http://linkedin.com/in/ana-b-12/details/experience/",
        ] {
            assert_eq!(profile_url(url), canonical, "{url}");
            assert_eq!(
                is_canonical(url),
                canonical.as_deref() == Some(url),
                "only the canonical form is taken as it is: {url}"
            );
        }
        assert_eq!(profile_url("https://www.linkedin.com/company/acme/"), None);
        assert_eq!(profile_url("https://example.com/in/ana"), None);
    }
}
