//! The native page reader: evaluates a read plan over saved HTML exactly as
//! `extension/content.js` evaluates it over a live page, so that extraction is tested on the
//! corpus with `cargo test` and the two readers can be compared snapshot for snapshot.
//!
//! The semantics both readers share (keep them in step with the top of `content.js`):
//! - "text" is `textContent` without what `script`, `style`, `template` and `noscript`
//!   elements inside hold (code, CSS and inert markup are never text the user sees), with
//!   ASCII white space collapsed and trimmed; an attribute value is collapsed the same way;
//!   values are cut to `max_chars` UTF-16 units without splitting a character.
//! - a match of a read's `selectors` is an element matching any of them (the union of their
//!   matches, in document order); one invalid selector makes the read read nothing.
//! - `texts`: every match in document order, or the first match of the first selector (in the
//!   plan's order) that has one (a live page is then walked only for the selectors tried),
//!   passing over a match that is or is inside an element matching `outside` when one is
//!   named; empty values are skipped; at most `max_items` values per key; an invalid
//!   `outside` reads nothing; a key with no value is absent.
//! - `lists`: for every match of the record selectors (with `first`, the first match of the
//!   first selector that has one), each field is the value of the first descendant matching
//!   the field's selector (none for an invalid one); records without any field are skipped; at
//!   most `max_items` records per key.
//! - `microdata`: the top-level items (elements with `itemscope` and no `itemprop`) in document
//!   order, at most `max_items`, and none on a page where no element has an `itemtype` (its
//!   items name no type capture could read, and the live reader finds that out cheaply); an
//!   item's properties are found by walking its descendants in
//!   document order without entering nested items (no `itemref`); a property's value is a
//!   nested item when it has `itemscope` (at most `MICRODATA_DEPTH` levels deep), else the
//!   element's attribute per the HTML spec (`meta` content, `a`/`area`/`link` href, `img`/media
//!   src, `object` data, `data`/`meter` value, `time` datetime) or its text; at most
//!   `max_items` values per item.
//! - `truncated` is set whenever a bound cut something.

use super::{ListRead, MicroItem, MicroValue, ReadPlan, Snapshot, TextRead};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;

const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// How deep microdata items may nest; deeper ones are left out (and the snapshot flagged).
pub const MICRODATA_DEPTH: usize = 8;

/// Reads `html`, served from `url`, as the content script reads a live page.
pub fn read(html: &str, url: &str, plan: &ReadPlan) -> Snapshot {
    Page::parse(html).read(url, plan)
}

/// A saved page's text. Bytes that are not UTF-8 become U+FFFD rather than an error (some saved
/// pages are not valid UTF-8), and a byte-order mark is dropped as a browser drops it.
pub fn read_file(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// A parsed page, to read more than once (e.g. its canonical link, then a plan).
pub struct Page {
    html: Html,
}

impl Page {
    /// Parses a document the way a browser does (HTML5 tree construction, scripting enabled).
    pub fn parse(html: &str) -> Self {
        Page {
            html: Html::parse_document(html),
        }
    }

    /// The trimmed `href` of the first `<link rel=canonical>`; `None` if missing or empty.
    pub fn canonical(&self) -> Option<String> {
        self.elements()
            .into_iter()
            .find(|element| {
                element.value().name() == "link"
                    && element.attr("rel").is_some_and(|rel| {
                        rel.split_ascii_whitespace()
                            .any(|token| token.eq_ignore_ascii_case("canonical"))
                    })
            })
            .and_then(|link| link.attr("href"))
            .map(|href| js_trim(href).to_string())
            .filter(|href| !href.is_empty())
    }

    /// The snapshot the content script would send for this page served from `url`.
    pub fn read(&self, url: &str, plan: &ReadPlan) -> Snapshot {
        let elements = self.elements();
        let mut snapshot = Snapshot {
            url: url.to_string(),
            title: self.title(&elements),
            canonical: self.canonical(),
            ..Snapshot::default()
        };
        if plan.jsonld {
            read_jsonld(&elements, plan, &mut snapshot);
        }
        if plan.microdata {
            snapshot.microdata = read_microdata(&elements, plan, &mut snapshot.truncated);
        }
        snapshot.meta = read_meta(&elements, &plan.meta);
        for read in &plan.texts {
            let texts = read_texts(&elements, read, plan, &mut snapshot.truncated);
            if !texts.is_empty() {
                snapshot.texts.insert(read.key.clone(), texts);
            }
        }
        for read in &plan.lists {
            let records = read_list(&elements, read, plan, &mut snapshot.truncated);
            if !records.is_empty() {
                snapshot.lists.insert(read.key.clone(), records);
            }
        }
        snapshot
    }

    /// Every element in document order, as `querySelectorAll` sees them: a `<template>`'s
    /// contents are a separate fragment, not part of the document.
    fn elements(&self) -> Vec<ElementRef<'_>> {
        let mut elements = Vec::new();
        let mut stack = vec![self.html.tree.root()];
        while let Some(node) = stack.pop() {
            if node.value().is_fragment() && node.parent().is_some() {
                continue;
            }
            if let Some(element) = ElementRef::wrap(node) {
                elements.push(element);
            }
            stack.extend(node.children().rev());
        }
        elements
    }

    /// `document.title`: the first HTML `<title>`'s text, ASCII white space collapsed.
    fn title(&self, elements: &[ElementRef<'_>]) -> String {
        elements
            .iter()
            .find(|element| {
                element.value().name() == "title" && &*element.value().name.ns == HTML_NAMESPACE
            })
            .map(|title| {
                let text: String = title
                    .children()
                    .filter_map(|child| child.value().as_text().map(|text| &**text))
                    .collect();
                collapse(&text)
            })
            .unwrap_or_default()
    }
}

/// The text of every `<script type="application/ld+json">`, within the plan's bounds.
fn read_jsonld(elements: &[ElementRef<'_>], plan: &ReadPlan, snapshot: &mut Snapshot) {
    let scripts = elements.iter().filter(|element| {
        element.value().name() == "script"
            && element
                .attr("type")
                .is_some_and(|kind| js_trim(kind).to_lowercase() == "application/ld+json")
    });
    for script in scripts {
        let text = text_content(script);
        if utf16_len(&text) > plan.max_chars {
            snapshot.truncated = true;
            continue;
        }
        if snapshot.jsonld.len() >= plan.max_items {
            snapshot.truncated = true;
            break;
        }
        snapshot.jsonld.push(text);
    }
}

/// For each wanted name, the `content` of the first `<meta>` with a `content` whose `name` or
/// `property` is that name, ignoring case; keyed by the plan's spelling.
fn read_meta(elements: &[ElementRef<'_>], names: &[String]) -> BTreeMap<String, String> {
    let metas: Vec<(Option<String>, Option<String>, &str)> = elements
        .iter()
        .filter(|element| element.value().name() == "meta")
        .filter_map(|meta| {
            let lower = |key: &str| meta.attr(key).map(str::to_lowercase);
            Some((lower("name"), lower("property"), meta.attr("content")?))
        })
        .collect();
    let mut found = BTreeMap::new();
    for name in names {
        let wanted = Some(name.to_lowercase());
        let content = metas
            .iter()
            .find(|(meta_name, property, _)| *meta_name == wanted || *property == wanted);
        if let Some((_, _, content)) = content {
            found.insert(name.clone(), (*content).to_string());
        }
    }
    found
}

/// A read's selectors, parsed; `None` if any is not valid (the read then finds nothing).
fn parsed(selectors: &[String]) -> Option<Vec<Selector>> {
    selectors.iter().map(|s| Selector::parse(s).ok()).collect()
}

/// The non-empty values of the first match (or of every match, up to `max_items`), each cut to
/// `max_chars`; no values for an invalid selector.
fn read_texts(
    elements: &[ElementRef<'_>],
    read: &TextRead,
    plan: &ReadPlan,
    truncated: &mut bool,
) -> Vec<String> {
    let Some(selectors) = parsed(&read.selectors) else {
        return Vec::new();
    };
    let outside = match read.outside.as_deref().map(Selector::parse) {
        None => None,
        Some(Ok(outside)) => Some(outside),
        Some(Err(_)) => return Vec::new(),
    };
    let readable = |element: &&ElementRef<'_>| {
        outside.as_ref().is_none_or(|outside| {
            !std::iter::once(**element)
                .chain(element.ancestors().filter_map(ElementRef::wrap))
                .any(|ancestor| outside.matches(&ancestor))
        })
    };
    let matches: Vec<_> = if read.all {
        elements
            .iter()
            .filter(|element| selectors.iter().any(|selector| selector.matches(element)))
            .filter(readable)
            .collect()
    } else {
        selectors
            .iter()
            .find_map(|selector| {
                elements
                    .iter()
                    .filter(|element| selector.matches(element))
                    .find(readable)
            })
            .into_iter()
            .collect()
    };
    let mut texts = Vec::new();
    for element in matches {
        let Some(text) = value(element, read.attr.as_deref(), plan, truncated) else {
            continue;
        };
        if texts.len() >= plan.max_items {
            *truncated = true;
            break;
        }
        texts.push(text);
    }
    texts
}

/// The records of a list read: for each match, the value of each field's first match inside it.
fn read_list(
    elements: &[ElementRef<'_>],
    read: &ListRead,
    plan: &ReadPlan,
    truncated: &mut bool,
) -> Vec<BTreeMap<String, String>> {
    let Some(selectors) = parsed(&read.selectors) else {
        return Vec::new();
    };
    let matches: Vec<_> = if read.first {
        selectors
            .iter()
            .find_map(|selector| elements.iter().find(|element| selector.matches(element)))
            .into_iter()
            .collect()
    } else {
        elements
            .iter()
            .filter(|element| selectors.iter().any(|selector| selector.matches(element)))
            .collect()
    };
    let fields: Vec<_> = read
        .fields
        .iter()
        .filter_map(|field| Some((field, Selector::parse(&field.selector).ok()?)))
        .collect();
    let mut records = Vec::new();
    for element in matches {
        let mut record = BTreeMap::new();
        for (field, field_selector) in &fields {
            let found = descendants(element).find(|inner| field_selector.matches(inner));
            let text =
                found.and_then(|inner| value(&inner, field.attr.as_deref(), plan, truncated));
            if let Some(text) = text {
                record.insert(field.key.clone(), text);
            }
        }
        if record.is_empty() {
            continue;
        }
        if records.len() >= plan.max_items {
            *truncated = true;
            break;
        }
        records.push(record);
    }
    records
}

/// An element's value: its attribute `attr` (when it has it) or its text, collapsed and cut;
/// `None` when empty.
fn value(
    element: &ElementRef<'_>,
    attr: Option<&str>,
    plan: &ReadPlan,
    truncated: &mut bool,
) -> Option<String> {
    let raw = match attr {
        Some(name) => element.attr(&name.to_ascii_lowercase())?.to_string(),
        None => text_content(element),
    };
    let text = collapse(&raw);
    let (text, cut) = cut_utf16(&text, plan.max_chars);
    if text.is_empty() {
        return None;
    }
    *truncated |= cut;
    Some(text.to_string())
}

/// The element's descendants in document order, without `<template>` contents.
fn descendants<'a>(element: &ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    let mut stack: Vec<_> = element.children().rev().collect();
    std::iter::from_fn(move || {
        while let Some(node) = stack.pop() {
            if node.value().is_fragment() {
                continue;
            }
            stack.extend(node.children().rev());
            if let Some(element) = ElementRef::wrap(node) {
                return Some(element);
            }
        }
        None
    })
}

/// The page's top-level microdata items.
fn read_microdata(
    elements: &[ElementRef<'_>],
    plan: &ReadPlan,
    truncated: &mut bool,
) -> Vec<MicroItem> {
    let mut items = Vec::new();
    if !elements
        .iter()
        .any(|element| element.attr("itemtype").is_some())
    {
        return items;
    }
    let top = elements.iter().filter(|element| {
        element.attr("itemscope").is_some() && element.attr("itemprop").is_none()
    });
    for element in top {
        if items.len() >= plan.max_items {
            *truncated = true;
            break;
        }
        items.push(micro_item(element, 0, plan, truncated));
    }
    items
}

/// One item: its types and its properties, nested items read up to `MICRODATA_DEPTH` levels.
fn micro_item(
    root: &ElementRef<'_>,
    depth: usize,
    plan: &ReadPlan,
    truncated: &mut bool,
) -> MicroItem {
    let mut item = MicroItem {
        types: root
            .attr("itemtype")
            .map(|types| types.split_ascii_whitespace().map(String::from).collect())
            .unwrap_or_default(),
        properties: BTreeMap::new(),
    };
    let mut count = 0;
    let mut stack: Vec<_> = root.children().rev().collect();
    while let Some(node) = stack.pop() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let scope = element.attr("itemscope").is_some();
        if let Some(names) = element.attr("itemprop") {
            let value = if !scope {
                Some(MicroValue::Text(property_text(&element, plan, truncated)))
            } else if depth + 1 < MICRODATA_DEPTH {
                Some(MicroValue::Item(micro_item(
                    &element,
                    depth + 1,
                    plan,
                    truncated,
                )))
            } else {
                *truncated = true;
                None
            };
            for name in names.split_ascii_whitespace() {
                let Some(value) = value.clone() else { break };
                if count >= plan.max_items {
                    *truncated = true;
                    break;
                }
                count += 1;
                item.properties
                    .entry(name.to_string())
                    .or_default()
                    .push(value);
            }
        }
        if !scope {
            stack.extend(node.children().rev());
        }
    }
    item
}

/// A property's text value, by the element's kind (HTML's microdata property value rules),
/// collapsed and cut.
fn property_text(element: &ElementRef<'_>, plan: &ReadPlan, truncated: &mut bool) -> String {
    let attribute = match element.value().name() {
        "meta" => Some("content"),
        "audio" | "embed" | "iframe" | "img" | "source" | "track" | "video" => Some("src"),
        "a" | "area" | "link" => Some("href"),
        "object" => Some("data"),
        "data" | "meter" => Some("value"),
        "time" if element.attr("datetime").is_some() => Some("datetime"),
        _ => None,
    };
    let raw = match attribute {
        Some(name) => element.attr(name).unwrap_or_default().to_string(),
        None => text_content(element),
    };
    let text = collapse(&raw);
    let (text, cut) = cut_utf16(&text, plan.max_chars);
    *truncated |= cut;
    text.to_string()
}

/// Elements whose contents are never text the user sees: code, CSS, inert markup.
const UNSEEN: [&str; 4] = ["script", "style", "template", "noscript"];

/// `textContent` without what the unseen elements inside the element hold.
fn text_content(element: &ElementRef<'_>) -> String {
    let mut text = String::new();
    let mut stack: Vec<_> = element.children().rev().collect();
    while let Some(node) = stack.pop() {
        let value = node.value();
        let unseen = value.is_fragment()
            || value
                .as_element()
                .is_some_and(|e| UNSEEN.contains(&e.name()));
        if let Some(chunk) = value.as_text() {
            text.push_str(chunk);
        } else if !unseen {
            stack.extend(node.children().rev());
        }
    }
    text
}

/// ASCII white space (tab, LF, FF, CR, space) collapsed to single spaces and trimmed.
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// JavaScript's `String.prototype.trim`: its white space differs from Rust's (U+FEFF is one,
/// U+0085 is not).
fn js_trim(text: &str) -> &str {
    let js_space = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
    text.trim_matches(js_space)
}

/// Length in UTF-16 code units, as JavaScript counts `length`.
fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The longest prefix of at most `max` UTF-16 code units that does not split a character, and
/// whether anything was cut.
fn cut_utf16(text: &str, max: usize) -> (&str, bool) {
    let mut units = 0;
    for (index, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return (&text[..index], true);
        }
    }
    (text, false)
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    fn plan() -> ReadPlan {
        ReadPlan {
            jsonld: true,
            microdata: true,
            meta: Vec::new(),
            texts: Vec::new(),
            lists: Vec::new(),
            max_chars: 1_000,
            max_items: 10,
        }
    }

    fn text(key: &str, selector: &str, all: bool) -> TextRead {
        TextRead {
            key: key.to_string(),
            selectors: vec![selector.to_string()],
            all,
            attr: None,
            outside: None,
        }
    }

    const URL: &str = "https://example.com/job";

    #[test]
    fn title_is_the_first_html_title_with_ascii_space_collapsed() {
        let page = "<svg><title>icon</title></svg><title>\n  Senior\t Dev\u{a0}Ops  </title><title>second</title>";
        assert_eq!(read(page, URL, &plan()).title, "Senior Dev\u{a0}Ops");
        assert_eq!(read("<p>fragment</p>", URL, &plan()).title, "");
    }

    #[test]
    fn canonical_is_the_first_canonical_link_trimmed() {
        let page = r#"<link rel="alternate" href="/x"><link rel="Shortlink CANONICAL" href="  /job/1 ">
            <link rel="canonical" href="/job/2">"#;
        assert_eq!(
            read(page, URL, &plan()).canonical.as_deref(),
            Some("/job/1")
        );
        let page = r#"<link rel="canonical" href=" "><link rel="canonical" href="/later">"#;
        assert_eq!(read(page, URL, &plan()).canonical, None);
    }

    #[test]
    fn jsonld_blocks_are_read_raw_in_document_order() {
        let page = r#"<head><script type=" Application/LD+JSON ">{"a":"&amp;</b>"}</script>
            <script type="application/json">{"no":1}</script><script>var x;</script></head>
            <body><script type="application/ld+json">[2]</script></body>"#;
        let snapshot = read(page, URL, &plan());
        assert_eq!(snapshot.jsonld, [r#"{"a":"&amp;</b>"}"#, "[2]"]);
        assert!(!snapshot.truncated);
    }

    #[test]
    fn jsonld_is_not_read_unless_planned() {
        let page = r#"<script type="application/ld+json">{}</script>"#;
        let plan = ReadPlan {
            jsonld: false,
            ..plan()
        };
        assert!(read(page, URL, &plan).jsonld.is_empty());
    }

    #[test]
    fn huge_jsonld_block_over_max_chars_is_dropped_and_flagged() {
        let huge = format!("{{\"a\":\"{}\"}}", "😀".repeat(600));
        let page = format!(
            r#"<script type="application/ld+json">{huge}</script><script type="application/ld+json">[1]</script>"#
        );
        let snapshot = read(&page, URL, &plan());
        assert_eq!(snapshot.jsonld, ["[1]"]);
        assert!(snapshot.truncated);
    }

    #[test]
    fn jsonld_blocks_beyond_max_items_are_dropped_and_flagged() {
        let page = r#"<script type="application/ld+json">[1]</script>"#.repeat(3);
        let plan = ReadPlan {
            max_items: 2,
            ..plan()
        };
        let snapshot = read(&page, URL, &plan);
        assert_eq!(snapshot.jsonld.len(), 2);
        assert!(snapshot.truncated);
    }

    #[test]
    fn template_contents_are_not_part_of_the_document() {
        let page = r#"<template><script type="application/ld+json">[1]</script><title>T</title></template>
            <div id="d">shown<template>hidden</template></div>"#;
        let plan = ReadPlan {
            texts: vec![
                text("d", "#d", false),
                text("inner", "template script", false),
            ],
            ..plan()
        };
        let snapshot = read(page, URL, &plan);
        assert!(snapshot.jsonld.is_empty());
        assert_eq!(snapshot.title, "");
        assert_eq!(
            snapshot.texts.get("d").map(Vec::as_slice),
            Some(&["shown".to_string()][..])
        );
        assert!(!snapshot.texts.contains_key("inner"));
    }

    #[test]
    fn meta_matches_name_or_property_ignoring_case_keyed_by_plan_spelling() {
        let page = r#"<meta property="OG:Title" content=" The job "><meta name="og:title" content="second">
            <meta name="description"><meta name="Description" content="About">"#;
        let plan = ReadPlan {
            meta: vec!["og:title".into(), "DESCRIPTION".into(), "og:url".into()],
            ..plan()
        };
        let meta = read(page, URL, &plan).meta;
        assert_eq!(meta.get("og:title").map(String::as_str), Some(" The job "));
        assert_eq!(meta.get("DESCRIPTION").map(String::as_str), Some("About"));
        assert!(!meta.contains_key("og:url"));
    }

    #[test]
    fn an_elements_text_leaves_out_the_css_code_and_inert_markup_inside_it() {
        let page = "<div class=company><style>.serp-1h4l2d7{font-family:'Indeed Sans'}</style>\
                    Acme<script>track()</script> <noscript>Enable JavaScript</noscript>\
                    <template>Hidden</template>Corp</div>";
        let plan = ReadPlan {
            texts: vec![text("company", ".company", false)],
            ..plan()
        };
        let snapshot = read(page, URL, &plan);
        assert_eq!(
            snapshot.texts.get("company"),
            Some(&vec!["Acme Corp".to_string()])
        );
    }

    #[test]
    fn texts_read_the_first_or_every_match_collapsed_and_non_empty() {
        let page =
            "<h1> A\n <b>title</b> </h1><li>one</li><li> </li><li>two\u{a0}</li><li>three</li>";
        let plan = ReadPlan {
            texts: vec![
                text("h1", "h1", false),
                text("items", "li", true),
                text("first", "li", false),
                text("none", "h2", true),
            ],
            max_items: 2,
            ..plan()
        };
        let snapshot = read(page, URL, &plan);
        let get = |key: &str| snapshot.texts.get(key).cloned();
        assert_eq!(get("h1"), Some(vec!["A title".to_string()]));
        assert_eq!(get("items"), Some(vec!["one".into(), "two\u{a0}".into()]));
        assert_eq!(get("first"), Some(vec!["one".to_string()]));
        assert_eq!(get("none"), None);
        assert!(snapshot.truncated);
    }

    #[test]
    fn texts_are_cut_to_max_chars_in_utf16_units_without_splitting_a_character() {
        let page = "<p>ab😀cd</p>";
        let plan = ReadPlan {
            texts: vec![text("p", "p", false)],
            max_chars: 3,
            ..plan()
        };
        let snapshot = read(page, URL, &plan);
        assert_eq!(snapshot.texts.get("p"), Some(&vec!["ab".to_string()]));
        assert!(snapshot.truncated);
    }

    #[test]
    fn invalid_selector_yields_no_entry() {
        let plan = ReadPlan {
            texts: vec![text("bad", "p[", true)],
            ..plan()
        };
        let snapshot = read("<p>x</p>", URL, &plan);
        assert!(snapshot.texts.is_empty());
        assert!(!snapshot.truncated);
    }

    #[test]
    fn the_first_match_comes_from_the_first_selector_with_one_and_every_match_in_document_order() {
        let either = |all: bool, selectors: &[&str]| TextRead {
            selectors: selectors.iter().map(|s| s.to_string()).collect(),
            ..text("x", "", all)
        };
        let plan = ReadPlan {
            texts: vec![
                either(false, &[".b", ".a"]),
                TextRead {
                    key: "every".into(),
                    ..either(true, &[".b", ".a", "p"])
                },
                TextRead {
                    key: "bad".into(),
                    ..either(true, &[".a", "p["])
                },
                TextRead {
                    key: "bad first".into(),
                    ..either(false, &[".a", "p["])
                },
            ],
            ..plan()
        };
        let snapshot = read(
            r#"<p class="a">1</p><p class="b">2</p><i class="a">3</i>"#,
            URL,
            &plan,
        );
        assert_eq!(snapshot.texts["x"], ["2"]);
        assert_eq!(snapshot.texts["every"], ["1", "2", "3"]);
        assert!(!snapshot.texts.contains_key("bad"));
        assert!(!snapshot.texts.contains_key("bad first"));
    }

    #[test]
    fn matches_inside_an_element_matching_outside_are_passed_over() {
        let page = r#"<div hidden><h1>Submitted</h1></div><h1 class="x" hidden>Hidden</h1>
            <h1>Welder</h1><h1>Door Attendant</h1>"#;
        let outside = |key: &str, all: bool, outside: &str| TextRead {
            outside: Some(outside.into()),
            ..text(key, "h1", all)
        };
        let plan = ReadPlan {
            texts: vec![
                outside("first", false, "[hidden]"),
                outside("every", true, "[hidden], .none"),
                outside("bad", true, "h1["),
            ],
            ..plan()
        };
        let snapshot = read(page, URL, &plan);
        assert_eq!(snapshot.texts.get("first").unwrap(), &["Welder"]);
        assert_eq!(
            snapshot.texts.get("every").unwrap(),
            &["Welder", "Door Attendant"]
        );
        assert_eq!(snapshot.texts.get("bad"), None);
    }

    #[test]
    fn attributes_are_read_instead_of_text_when_named() {
        let plan = ReadPlan {
            texts: vec![TextRead {
                attr: Some("ALT".into()),
                ..text("logo", "img", true)
            }],
            ..plan()
        };
        let snapshot = read(
            r#"<img alt=" Acme
 logo "><img><img alt="">"#,
            URL,
            &plan,
        );
        assert_eq!(
            snapshot.texts.get("logo"),
            Some(&vec!["Acme logo".to_string()])
        );
    }

    #[test]
    fn list_records_take_each_field_from_the_first_match_inside() {
        let field = |key: &str, selector: &str, attr: Option<&str>| crate::capture::FieldRead {
            key: key.into(),
            selector: selector.into(),
            attr: attr.map(String::from),
        };
        let plan = ReadPlan {
            lists: vec![ListRead {
                key: "cards".into(),
                selectors: vec!["li".into()],
                fields: vec![
                    field("title", "h3", None),
                    field("link", "a", Some("href")),
                    field("bad", "p[", None),
                ],
                first: false,
            }],
            max_items: 2,
            ..plan()
        };
        let page = r#"<ul><li><h3> A </h3><h3>B</h3><a href="/1">x</a></li><li></li>
            <li><h3>C</h3></li><li><h3>D</h3></li></ul>"#;
        let snapshot = read(page, URL, &plan);
        let cards = &snapshot.lists["cards"];
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0]["title"], "A");
        assert_eq!(cards[0]["link"], "/1");
        assert_eq!(cards[1]["title"], "C");
        assert!(!cards[1].contains_key("link"));
        assert!(snapshot.truncated);
    }

    #[test]
    fn a_list_read_once_takes_the_first_match_of_the_first_selector_that_has_one() {
        let plan = ReadPlan {
            lists: vec![ListRead {
                key: "card".into(),
                selectors: vec![".top".into(), "section".into()],
                fields: vec![crate::capture::FieldRead {
                    key: "title".into(),
                    selector: "h1".into(),
                    attr: None,
                }],
                first: true,
            }],
            ..plan()
        };
        let page = r#"<section><h1>A</h1></section><div class="top"><h1>B</h1></div>
            <div class="top"><h1>C</h1></div>"#;
        let snapshot = read(page, URL, &plan);
        assert_eq!(snapshot.lists["card"].len(), 1);
        assert_eq!(snapshot.lists["card"][0]["title"], "B");
        let invalid = ReadPlan {
            lists: vec![ListRead {
                selectors: vec!["section".into(), "p[".into()],
                ..plan.lists[0].clone()
            }],
            ..plan.clone()
        };
        assert!(read(page, URL, &invalid).lists.is_empty());
    }

    #[test]
    fn microdata_items_nest_and_take_values_from_the_right_attribute() {
        let page = r#"<div itemscope itemtype="https://schema.org/JobPosting">
            <h2 itemprop="title name"> Engineer </h2><meta itemprop="datePosted" content="2026-01-02">
            <a itemprop="url" href="/j/1">x</a><time itemprop="validThrough">soon</time>
            <p itemprop="description">Join <span itemprop="hiringOrganization" itemscope
              itemtype="https://schema.org/Organization"><span itemprop="name">ABC</span></span> now</p>
            <template><span itemprop="hidden">no</span></template></div>
            <div itemscope itemprop="stray"><span itemprop="x">y</span></div>"#;
        let snapshot = read(page, URL, &plan());
        assert_eq!(snapshot.microdata.len(), 1);
        let item = &snapshot.microdata[0];
        assert_eq!(item.types, ["https://schema.org/JobPosting"]);
        let text = |name: &str| match item.properties[name].as_slice() {
            [MicroValue::Text(text)] => text.clone(),
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(text("title"), "Engineer");
        assert_eq!(text("name"), "Engineer");
        assert_eq!(text("datePosted"), "2026-01-02");
        assert_eq!(text("url"), "/j/1");
        assert_eq!(text("validThrough"), "soon");
        assert_eq!(text("description"), "Join ABC now");
        let [MicroValue::Item(company)] = item.properties["hiringOrganization"].as_slice() else {
            panic!("no nested item");
        };
        assert_eq!(company.properties["name"], [MicroValue::Text("ABC".into())]);
        assert!(!item.properties.contains_key("hidden"));
        assert!(!item.properties.contains_key("x"));
    }

    #[test]
    fn microdata_nesting_is_bounded() {
        let depth = MICRODATA_DEPTH + 5;
        let page = format!(
            r#"<div itemscope itemtype="https://schema.org/Thing">{}{}</div>"#,
            r#"<div itemprop="a" itemscope>"#.repeat(depth),
            "</div>".repeat(depth)
        );
        let snapshot = read(&page, URL, &plan());
        assert_eq!(snapshot.microdata.len(), 1);
        assert!(snapshot.truncated);
    }

    #[test]
    fn microdata_is_not_read_from_a_page_where_no_element_has_an_itemtype() {
        let untyped = r#"<div itemscope><span itemprop="title">Engineer</span></div>"#;
        assert!(read(untyped, URL, &plan()).microdata.is_empty());
        let typed = format!(r#"{untyped}<p itemscope itemtype="https://schema.org/Thing"></p>"#);
        assert_eq!(read(&typed, URL, &plan()).microdata.len(), 2);
    }

    #[test]
    fn js_trim_follows_javascript_white_space() {
        assert_eq!(js_trim("\u{feff}\u{a0} x \u{2028}"), "x");
        assert_eq!(js_trim("\u{85}x"), "\u{85}x");
    }

    #[test]
    fn read_file_decodes_invalid_utf8_leniently() {
        let path = std::env::temp_dir().join(format!("ft-native-{}.html", std::process::id()));
        std::fs::write(&path, b"\xef\xbb\xbf<title>caf\xe9</title>").unwrap();
        let text = read_file(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(text.unwrap(), "<title>caf\u{fffd}</title>");
        assert!(read_file(Path::new("/nonexistent/page.html")).is_err());
    }
}
