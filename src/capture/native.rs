//! The native page reader: evaluates a read plan over saved HTML exactly as
//! `extension/content.js` evaluates it over a live page, so that extraction is tested on the
//! corpus with `cargo test` and the two readers can be compared snapshot for snapshot.

use super::{ReadPlan, Snapshot, TextRead};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;

const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

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
        snapshot.meta = read_meta(&elements, &plan.meta);
        for read in &plan.texts {
            let texts = read_texts(&elements, read, plan, &mut snapshot.truncated);
            if !texts.is_empty() {
                snapshot.texts.insert(read.key.clone(), texts);
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

/// The non-empty collapsed texts of the first match (or of every match, up to `max_items`),
/// each cut to `max_chars`; no texts for an invalid selector.
fn read_texts(
    elements: &[ElementRef<'_>],
    read: &TextRead,
    plan: &ReadPlan,
    truncated: &mut bool,
) -> Vec<String> {
    let Ok(selector) = Selector::parse(&read.selector) else {
        return Vec::new();
    };
    let matches = elements.iter().filter(|element| selector.matches(element));
    let matches: Box<dyn Iterator<Item = _>> = if read.all {
        Box::new(matches)
    } else {
        Box::new(matches.take(1))
    };
    let mut texts = Vec::new();
    for element in matches {
        let text = collapse(&text_content(element));
        let (text, cut) = cut_utf16(&text, plan.max_chars);
        if text.is_empty() {
            continue;
        }
        if texts.len() >= plan.max_items {
            *truncated = true;
            break;
        }
        *truncated |= cut;
        texts.push(text.to_string());
    }
    texts
}

/// `textContent`: the element's descendant text, without `<template>` contents.
fn text_content(element: &ElementRef<'_>) -> String {
    let mut text = String::new();
    let mut stack: Vec<_> = element.children().rev().collect();
    while let Some(node) = stack.pop() {
        if let Some(chunk) = node.value().as_text() {
            text.push_str(chunk);
        } else if !node.value().is_fragment() {
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
mod tests {
    use super::*;

    fn plan() -> ReadPlan {
        ReadPlan {
            jsonld: true,
            meta: Vec::new(),
            texts: Vec::new(),
            max_chars: 1_000,
            max_items: 10,
        }
    }

    fn text(key: &str, selector: &str, all: bool) -> TextRead {
        TextRead {
            key: key.to_string(),
            selector: selector.to_string(),
            all,
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
