//! The dashboard's charts as SVG built element by element: the geometry comes from the core
//! (`crate::dashboard::metrics`); each chart has a title, a description and its numbers in
//! plain text, so a screen reader (or anyone) gets the same facts as the picture.

use crate::dashboard::metrics::{
    BarChart, Charts, Promises, Rate, Responses, Week, METER_HEIGHT, METER_WIDTH,
};
use crate::phrase::{Forms, Key};
use crate::web::dom::el;
use crate::web::i18n::{say, t, tr};
use gloo::utils::document;
use web_sys::Element;

const SVG: &str = "http://www.w3.org/2000/svg";

/// An SVG element with attributes.
fn svg(tag: &str, attributes: &[(&str, String)]) -> Option<Element> {
    let element = document().create_element_ns(Some(SVG), tag).ok()?;
    for (name, value) in attributes {
        element.set_attribute(name, value).ok();
    }
    Some(element)
}

fn svg_text(x: f64, y: f64, class: &str, text: &str) -> Option<Element> {
    let element = svg(
        "text",
        &[
            ("x", fmt(x)),
            ("y", fmt(y)),
            ("class", class.to_string()),
            ("text-anchor", "middle".to_string()),
        ],
    )?;
    element.set_text_content(Some(text));
    Some(element)
}

fn fmt(n: f64) -> String {
    format!("{n:.1}")
}

fn add(parent: &Element, child: Option<Element>) {
    if let Some(child) = child {
        parent.append_with_node_1(&child).ok();
    }
}

/// A `<figure>` with a heading, an SVG picture titled and described for screen readers, and
/// the description again as visible text.
fn figure(
    id: &str,
    title: &str,
    description: &str,
    width: f64,
    height: f64,
) -> (Element, Option<Element>) {
    let figure = el("figure", "chart", "");
    figure.set_attribute("data-chart", id).ok();
    figure.append_with_node_1(&el("h3", "", title)).ok();
    let picture = svg(
        "svg",
        &[
            ("viewBox", format!("0 0 {} {}", fmt(width), fmt(height))),
            ("role", "img".to_string()),
            ("aria-labelledby", format!("{id}-t {id}-d")),
            ("preserveAspectRatio", "xMinYMid meet".to_string()),
        ],
    );
    if let Some(picture) = &picture {
        if let Some(t) = svg("title", &[("id", format!("{id}-t"))]) {
            t.set_text_content(Some(title));
            picture.append_with_node_1(&t).ok();
        }
        if let Some(d) = svg("desc", &[("id", format!("{id}-d"))]) {
            d.set_text_content(Some(description));
            picture.append_with_node_1(&d).ok();
        }
        figure.append_with_node_1(picture).ok();
    }
    let caption = el("figcaption", "", description);
    caption.set_attribute("aria-hidden", "true").ok();
    figure.append_with_node_1(&caption).ok();
    (figure, picture)
}

/// Draws the four charts into `area`.
pub fn charts(area: &Element, charts: &Charts) {
    area.set_text_content(None);
    area.append_with_node_1(&weekly(&charts.weeks, &charts.weekly))
        .ok();
    area.append_with_node_1(&follow_up(charts.follow_up_rate))
        .ok();
    area.append_with_node_1(&responses(charts.responses)).ok();
    area.append_with_node_1(&promises(charts.promises)).ok();
}

fn weekly(weeks: &[Week], chart: &BarChart) -> Element {
    let total: usize = weeks.iter().map(|w| w.count).sum();
    let busiest = weeks.iter().map(|w| w.count).max().unwrap_or(0);
    let description = say(&Forms {
        one: Key("dashChartWeeklyDesc_one"),
        other: Key("dashChartWeeklyDesc_other"),
    }
    .of(total, [weeks.len().into(), busiest.into()]));
    let (figure, picture) = figure(
        "weekly",
        &t("dashChartWeekly"),
        &description,
        chart.width,
        chart.height,
    );
    if let Some(picture) = picture {
        add(
            &picture,
            svg(
                "line",
                &[
                    ("x1", "0".into()),
                    ("x2", fmt(chart.width)),
                    ("y1", fmt(chart.baseline)),
                    ("y2", fmt(chart.baseline)),
                    ("class", "axis".into()),
                ],
            ),
        );
        let last = chart.bars.len().saturating_sub(1);
        for (i, bar) in chart.bars.iter().enumerate() {
            let class = if i == last { "bar now" } else { "bar" };
            add(
                &picture,
                svg(
                    "rect",
                    &[
                        ("x", fmt(bar.x)),
                        ("y", fmt(bar.y)),
                        ("width", fmt(bar.width)),
                        ("height", fmt(bar.height)),
                        ("rx", "3".into()),
                        ("class", class.into()),
                    ],
                ),
            );
            let middle = bar.x + bar.width / 2.0;
            if bar.value > 0 {
                add(
                    &picture,
                    svg_text(middle, bar.y - 4.0, "value", &bar.value.to_string()),
                );
            }
            if i % 2 == last % 2 {
                add(
                    &picture,
                    svg_text(middle, chart.baseline + 14.0, "label", &say(&bar.label)),
                );
            }
        }
    }
    figure
}

/// A horizontal meter of a rate, with its track.
fn meter(picture: &Element, y: f64, filled: f64, class: &str) {
    for (width, class) in [(METER_WIDTH, "track"), (filled, class)] {
        if width > 0.0 {
            let bar = [
                ("x", "0".into()),
                ("y", fmt(y)),
                ("width", fmt(width)),
                ("height", fmt(METER_HEIGHT)),
                ("rx", "7".into()),
                ("class", class.into()),
            ];
            add(picture, svg("rect", &bar));
        }
    }
}

fn percent(rate: Rate) -> String {
    rate.percent()
        .map(|p| format!("{p}%"))
        .unwrap_or_else(|| "–".to_string())
}

fn big_number(figure: &Element, text: &str) {
    let number = el("p", "big", text);
    number.set_attribute("aria-hidden", "true").ok();
    let after_heading = figure.first_element_child().and_then(|h| h.next_sibling());
    figure.insert_before(&number, after_heading.as_ref()).ok();
}

fn follow_up(rate: Rate) -> Element {
    let description = match rate.whole {
        0 => t("dashChartFollowUpNone"),
        whole => say(&Forms {
            one: Key("dashChartFollowUpDesc_one"),
            other: Key("dashChartFollowUpDesc_other"),
        }
        .of(whole, [rate.part.into()])),
    };
    let (figure, picture) = figure(
        "followup-rate",
        &t("dashChartFollowUp"),
        &description,
        METER_WIDTH,
        METER_HEIGHT,
    );
    if let Some(picture) = picture {
        meter(&picture, 0.0, rate.filled(), "fill");
    }
    big_number(&figure, &percent(rate));
    figure
}

fn responses(r: Responses) -> Element {
    let line = |key: Key, rate: Rate| {
        tr(
            key.0,
            &[
                &percent(rate),
                &rate.part.to_string(),
                &rate.whole.to_string(),
            ],
        )
    };
    let with = line(Key("dashResponseWith"), r.with_follow_up);
    let without = line(Key("dashResponseWithout"), r.without_follow_up);
    let description = format!("{with} {without}");
    let gap = 2.0 * METER_HEIGHT;
    let (figure, picture) = figure(
        "responses",
        &t("dashChartResponse"),
        &description,
        METER_WIDTH,
        METER_HEIGHT + gap + METER_HEIGHT,
    );
    if let Some(picture) = picture {
        meter(&picture, 0.0, r.with_follow_up.filled(), "fill");
        meter(
            &picture,
            METER_HEIGHT + gap,
            r.without_follow_up.filled(),
            "fill other",
        );
    }
    let legend = el("ul", "legend", "");
    for (class, text) in [
        (
            "fill",
            format!("{} · {}", t("dashWithFollowUp"), percent(r.with_follow_up)),
        ),
        (
            "fill other",
            format!(
                "{} · {}",
                t("dashWithoutFollowUp"),
                percent(r.without_follow_up)
            ),
        ),
    ] {
        let item = el("li", "", "");
        item.append_with_node_1(&el("span", &format!("swatch {class}"), ""))
            .ok();
        item.append_with_node_1(&el("span", "", &text)).ok();
        legend.append_with_node_1(&item).ok();
    }
    legend.set_attribute("aria-hidden", "true").ok();
    figure.append_with_node_1(&legend).ok();
    figure
}

fn promises(p: Promises) -> Element {
    let description = match p.made {
        0 => t("dashChartPromisesNone"),
        made => say(&Forms {
            one: Key("dashChartPromisesDesc_one"),
            other: Key("dashChartPromisesDesc_other"),
        }
        .of(made, [p.on_time.into(), p.late.into(), p.open.into()])),
    };
    let (figure, picture) = figure(
        "promises",
        &t("dashChartPromises"),
        &description,
        METER_WIDTH,
        METER_HEIGHT,
    );
    if let Some(picture) = picture {
        add(
            &picture,
            svg(
                "rect",
                &[
                    ("x", "0".into()),
                    ("y", "0".into()),
                    ("width", fmt(METER_WIDTH)),
                    ("height", fmt(METER_HEIGHT)),
                    ("rx", "7".into()),
                    ("class", "track".into()),
                ],
            ),
        );
        for ((x, width), class) in p.segments().into_iter().zip(["fill", "late", "open"]) {
            if width > 0.0 {
                add(
                    &picture,
                    svg(
                        "rect",
                        &[
                            ("x", fmt(x)),
                            ("y", "0".into()),
                            ("width", fmt(width)),
                            ("height", fmt(METER_HEIGHT)),
                            ("class", class.into()),
                        ],
                    ),
                );
            }
        }
    }
    big_number(&figure, &percent(p.rate()));
    figure
}
