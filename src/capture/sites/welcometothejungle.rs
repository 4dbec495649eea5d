//! Welcome to the Jungle: the job search (`welcometothejungle.com/<language>/jobs`), a list of
//! job cards. The search publishes no structured data and its heading is the site's slogan
//! ("Trouvez le job avec …"); each card shows the title (the searched words marked inside it),
//! the employer beside its logo and the place among the card's chips (contract, place, remote
//! work, sector, size), each chip after its icon.

use super::{cards, every_read, no_key, on, segments, List, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "welcometothejungle",
    source: Source::WelcomeToTheJungle,
    serves,
    shows: every_read,
    texts: &[],
    every: &[],
    attrs: &[],
    lists: &[CARDS],
    once: &[],
    jobs,
    posting: no_key,
};

/// The search's job cards.
const CARDS: List = (
    "cards",
    "[data-testid=\"search-results-list-item-wrapper\"]",
    &[
        ("title", "h2", None),
        (
            "company",
            "div:has(> img[data-testid^=\"job-thumb-logo-\"]) + span",
            None,
        ),
        ("location", "i[name=\"location\"] + span", None),
        ("link", "a[href*=\"/jobs/\"]", Some("href")),
    ],
);

/// The job search in each of the site's languages (`/fr/jobs`, `/en/jobs`).
fn serves(url: &Url) -> bool {
    on(url, "welcometothejungle.com") && matches!(segments(url)[..], [_, "jobs"])
}

/// Every card, in page order.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    cards(reads, "cards")
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{fields, jobs};

    const URL: &str = "https://www.welcometothejungle.com/fr/jobs";

    fn card(id: &str, title: &str, company: &str, place: &str) -> String {
        format!(
            r#"<li data-testid="search-results-list-item-wrapper"><div class="ais-Hits-list-item">
            <div data-testid="job-thumb-{id}" data-role="jobs:thumb:promoted">
            <a aria-label="Consultez l'offre {title}" role="link" href="/fr/companies/acme/jobs/{id}_paris"><img alt="{company}"><div><span>Recrute activement !</span></div></a>
            <div><a role="link" href="/fr/companies/acme/jobs/{id}_paris"><h2 class="wui-text"><div role="mark"><em>Stage</em> : {title}</div></h2></a>
            <div><div><img alt="{company}" data-testid="job-thumb-logo-{id}"></div><span class="sc-izXThL fFdRYJ wui-text">{company}</span></div>
            <p class="wui-text">Développement et gestion de projets.</p>
            <div><div variant="default"><i class="wui-icon-font" name="contract"></i>Stage</div>
            <div variant="default"><i class="wui-icon-font" name="location"></i><span><span>{place}</span></span></div>
            <div variant="default"><i class="wui-icon-font" name="remote"></i><span>Télétravail non autorisé</span></div>
            <div variant="default"><i class="wui-icon-font" name="department"></i><span>330 collaborateurs</span></div></div></div></div></div></li>"#
        )
    }

    #[test]
    fn a_jungle_search_lists_every_card_with_its_employer_and_place() {
        let html = format!(
            r#"<title>Offres d'emploi (CDI, CDD), apprentissages et stages | Welcome to the Jungle</title>
            <h1 class="wui-text"><span>Trouvez le job avec</span><ul><li><span>une belle mission</span></li></ul></h1>
            <ul data-testid="search-results">{}{}</ul>"#,
            card(
                "VALEC_O7Rb3eP",
                "Technicien/Ingénieur Cybersécurité - H/F",
                "Valeco",
                "Montpellier"
            ),
            card(
                "WTTJ_1",
                "Business Developer",
                "Welcome to the Jungle",
                "Paris"
            ),
        );
        let found = jobs(&html, URL);
        assert_eq!(
            fields(&found),
            [
                (
                    "Stage : Technicien/Ingénieur Cybersécurité - H/F",
                    Some("Valeco"),
                    Some("Montpellier")
                ),
                ("Stage : Business Developer", None, Some("Paris")),
            ]
        );
        assert_eq!(
            found[0].url.as_deref(),
            Some("https://www.welcometothejungle.com/fr/companies/acme/jobs/VALEC_O7Rb3eP_paris")
        );
    }
}
