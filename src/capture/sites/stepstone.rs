//! StepStone: the search results, a list of job cards (`article[data-at=job-item]`). Its
//! elements carry their CSS in inline `<style>` tags, so each field is read from the innermost
//! element that holds only the text; a card lists several places in one line, separated by
//! commas, which capture joins with "; " as it joins several places everywhere else.

use super::{cards, every_read, host_label, no_key, segments, List, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "stepstone",
    source: Source::Stepstone,
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

/// StepStone's job cards, also those of the boards on its platform (Totaljobs).
pub(super) const CARDS: List = (
    "cards",
    "[data-at=\"job-item\"]",
    &[
        (
            "title",
            "[data-at=\"job-item-title\"] div:not(:has(*))",
            None,
        ),
        (
            "company",
            "[data-at=\"job-item-company-name\"] [data-genesis-element=\"TEXT\"]",
            None,
        ),
        (
            "location",
            "[data-at=\"job-item-location\"] [data-genesis-element=\"TEXT\"]",
            None,
        ),
        ("link", "a[data-at=\"job-item-title\"]", Some("href")),
    ],
);

/// StepStone's searches on its country hosts (`stepstone.de/jobs/…`, `stepstone.at/work/…`).
fn serves(url: &Url) -> bool {
    host_label(url, "stepstone") && matches!(segments(url).first().copied(), Some("jobs" | "work"))
}

/// Characters StepStone leaves between places that show nothing (a zero-width space after the
/// last one).
const INVISIBLE: [char; 4] = ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}'];

/// Every card, in page order, its places joined with "; ".
pub(super) fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let mut jobs = cards(reads, "cards");
    for job in &mut jobs {
        job.location = job.location.take().map(|line| {
            line.split(',')
                .map(|place| {
                    place.trim_matches(|c: char| c.is_whitespace() || INVISIBLE.contains(&c))
                })
                .filter(|place| !place.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        });
    }
    jobs
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{jobs, main, some};

    const CARD: &str = r#"<article data-at="job-item" data-testid="job-item">
        <a data-at="company-logo" href="https://www.stepstone.de/cmp/de/adesso-se-7420/jobs"><img alt="adesso SE"></a>
        <h2><a data-at="job-item-title" href="/stellenangebote--Software-Engineer-Azure--12872534-inline.html">
        <style>.res-1fudl87{color:red}</style><div><div><style>.res-ewgtgq{margin:0}</style>
        <div>Software Engineer Azure (all genders)</div></div></div></a></h2>
        <span data-at="job-item-company-name" data-genesis-element="TEXT"><style>.x{}</style>
        <span data-genesis-element="BASE"><span data-genesis-element="ICON_CONTAINER"><svg></svg></span>
        <span data-genesis-element="TEXT">adesso SE</span></span></span>
        <span data-at="job-item-location"><span data-genesis-element="ICON_CONTAINER"></span>
        <span data-genesis-element="TEXT">Aachen, Bonn, Köln&#8203;</span></span></article>"#;

    #[test]
    fn card_fields_leave_the_inline_css_out_and_places_are_joined() {
        let url = "https://www.stepstone.de/jobs/software-engineer/in-40210";
        assert_eq!(
            main(CARD, url),
            (
                "Software Engineer Azure (all genders)".into(),
                some("adesso SE"),
                some("Aachen; Bonn; Köln")
            )
        );
        assert_eq!(
            jobs(CARD, url)[0].url.as_deref(),
            Some("https://www.stepstone.de/stellenangebote--Software-Engineer-Azure--12872534-inline.html")
        );
    }
}
