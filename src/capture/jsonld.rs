//! Schema.org `JobPosting` from JSON-LD, the best source of a posting when a page has one (and
//! the `Person` a public profile publishes). Real pages bend JSON (raw control characters,
//! comment and CDATA wrappers, JS-only escapes) and schema.org allows many shapes per property;
//! this module reads them all and guesses nothing.

use crate::model::{Job, Person, Source};
use crate::text::{clean, is_web_url};
use serde_json::{Map, Value};

/// The description is plain text cut to this many characters.
const DESCRIPTION_MAX_CHARS: usize = 4_000;

/// Elements that break a line when rendered: stripping them leaves a space, not glued words.
const BLOCK_TAGS: [&str; 28] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Every `JobPosting` of the blocks, in page order, and a message for each thing not read.
pub(super) fn job_postings(blocks: &[String]) -> (Vec<Job>, Vec<String>) {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let number = index + 1;
        let json = unwrap_block(block);
        if json.is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<Value>(&sanitise(json)) {
            Ok(value) => value,
            Err(error) => {
                errors.push(format!("JSON-LD block {number} is not valid JSON: {error}"));
                continue;
            }
        };
        let (found, untitled) = postings_in(&value, Source::Jsonld);
        jobs.extend(found);
        errors.extend((0..untitled).map(|_| {
            format!("JSON-LD block {number} has a JobPosting without a title; it was skipped")
        }));
    }
    (jobs, errors)
}

/// The `Person` items at the top of the blocks (a block, its array or its `@graph`), in page
/// order: the people a page is about, not the reviewers or authors nested in other items.
/// Blocks that are not JSON are left to `job_postings` to report.
pub(super) fn people(blocks: &[String]) -> Vec<Person> {
    let mut people = Vec::new();
    for block in blocks {
        let Ok(value) = serde_json::from_str::<Value>(&sanitise(unwrap_block(block))) else {
            continue;
        };
        let top = match &value {
            Value::Object(object) if object.contains_key("@graph") => items(object.get("@graph")),
            Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        people.extend(
            top.iter()
                .filter_map(Value::as_object)
                .filter(|object| has_type(object, "Person"))
                .filter_map(person_from),
        );
    }
    people
}

/// The person an item describes; `None` without a name.
fn person_from(item: &Map<String, Value>) -> Option<Person> {
    let field = |key: &str| item.get(key).and_then(text);
    Some(Person {
        company: item.get("worksFor").and_then(name_of),
        location: item.get("address").and_then(address),
        profile_url: field("url")
            .or_else(|| field("sameAs"))
            .filter(|url| is_web_url(url)),
        ..Person::named(field("name")?)
    })
}

/// Every `JobPosting` in a JSON-LD value (or a value shaped like one, such as microdata turned
/// into JSON), tagged with `source`, and how many postings were skipped for want of a title.
pub(super) fn postings_in(value: &Value, source: Source) -> (Vec<Job>, usize) {
    let mut postings = Vec::new();
    collect_postings(value, &mut postings);
    let total = postings.len();
    let jobs: Vec<Job> = postings
        .into_iter()
        .filter_map(|posting| job_from(posting, source))
        .collect();
    let untitled = total - jobs.len();
    (jobs, untitled)
}

/// The JSON inside a block, without white space, a byte-order mark, `<!-- -->` or CDATA
/// wrappers (`//<![CDATA[ ... //]]>` and the like) or a trailing `;`.
fn unwrap_block(block: &str) -> &str {
    const OPENERS: [&str; 4] = ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["];
    const CLOSERS: [&str; 6] = ["//-->", "-->", "//]]>", "/*]]>*/", "]]>", ";"];
    let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
    let mut json = block.trim_matches(blank);
    loop {
        let before = json.len();
        for opener in OPENERS {
            if let Some(rest) = json.strip_prefix(opener) {
                json = rest.trim_start_matches(blank);
            }
        }
        for closer in CLOSERS {
            if let Some(rest) = json.strip_suffix(closer) {
                json = rest.trim_end_matches(blank);
            }
        }
        if json.len() == before {
            return json;
        }
    }
}

/// The block made acceptable to a strict JSON parser without touching its structure: inside
/// string literals, raw control characters become spaces, JS-only escapes (`\'`, `\xHH`, `\v`)
/// become their JSON form and lone UTF-16 surrogates become U+FFFD.
fn sanitise(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut chars = json.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '\\' if in_string => escape(&mut chars, &mut out),
            c if in_string && c < ' ' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes the JSON form of the escape sequence whose backslash was just read.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let Some(c) = chars.next() else {
        out.push('\\');
        return;
    };
    match c {
        '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {
            out.push('\\');
            out.push(c);
        }
        'u' => match hex_unit(chars, 4) {
            Some(high @ 0xD800..=0xDBFF) => {
                let mut ahead = chars.clone();
                let low = (ahead.next() == Some('\\') && ahead.next() == Some('u'))
                    .then(|| hex_unit(&mut ahead, 4))
                    .flatten()
                    .filter(|low| (0xDC00..=0xDFFF).contains(low));
                match low {
                    Some(low) => {
                        *chars = ahead;
                        out.push_str(&format!("\\u{high:04x}\\u{low:04x}"));
                    }
                    None => out.push_str("\\ufffd"),
                }
            }
            Some(0xDC00..=0xDFFF) => out.push_str("\\ufffd"),
            Some(unit) => out.push_str(&format!("\\u{unit:04x}")),
            None => out.push_str("\\u"),
        },
        'x' => match hex_unit(chars, 2) {
            Some(unit) => out.push_str(&format!("\\u{unit:04x}")),
            None => out.push('x'),
        },
        'v' => out.push_str("\\u000b"),
        c if c < ' ' => out.push(' '),
        c => out.push(c),
    }
}

/// The value of the next `digits` hex digits, consumed only when they are all there.
fn hex_unit(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, digits: usize) -> Option<u32> {
    let mut ahead = chars.clone();
    let mut unit = 0;
    for _ in 0..digits {
        unit = unit * 16 + ahead.next()?.to_digit(16)?;
    }
    *chars = ahead;
    Some(unit)
}

/// Every `JobPosting` object in `value`, in document order: top-level arrays, `@graph`, and
/// postings nested in other items (a `WebPage`'s `mainEntity`, an `ItemList`).
fn collect_postings<'a>(value: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| collect_postings(item, out)),
        Value::Object(object) if is_job_posting(object) => out.push(object),
        Value::Object(object) => object.values().for_each(|item| collect_postings(item, out)),
        _ => {}
    }
}

/// Whether `@type` (a string or an array) names `JobPosting`, also as a full IRI
/// (`http://schema.org/JobPosting`) or a compact one (`schema:JobPosting`).
fn is_job_posting(object: &Map<String, Value>) -> bool {
    has_type(object, "JobPosting")
}

/// Whether `@type` (a string or an array) names `wanted`, also as a full or compact IRI.
fn has_type(object: &Map<String, Value>, wanted: &str) -> bool {
    items(object.get("@type")).iter().any(|kind| {
        kind.as_str()
            .and_then(|kind| kind.trim().rsplit(['/', '#', ':']).next())
            .is_some_and(|name| name.eq_ignore_ascii_case(wanted))
    })
}

/// The job a posting describes; `None` when it has no title.
fn job_from(posting: &Map<String, Value>, source: Source) -> Option<Job> {
    let field = |key: &str| posting.get(key).and_then(text);
    let title = field("title").or_else(|| field("name"))?;
    let date_posted =
        field("datePosted").map(|posted| date(&posted).map_or(posted, |day| day.to_string()));
    Some(Job {
        title,
        company: posting.get("hiringOrganization").and_then(name_of),
        location: location(posting),
        url: field("url").filter(|url| is_web_url(url)),
        job_id: posting.get("identifier").and_then(identifier),
        employment_type: joined(items(posting.get("employmentType")), ", "),
        remote: remote(posting),
        salary: salary(posting),
        date_posted,
        valid_through: field("validThrough").and_then(|day| date(&day)),
        hiring_contact: posting.get("applicationContact").and_then(name_of),
        description: posting
            .get("description")
            .and_then(Value::as_str)
            .and_then(html_to_text),
        source,
        job_key: None,
    })
}

/// A property's values: the items of an array, or the one value.
fn items(value: Option<&Value>) -> &[Value] {
    match value {
        Some(Value::Array(items)) => items,
        Some(value) => std::slice::from_ref(value),
        None => &[],
    }
}

/// The distinct non-empty texts of `values`, joined; `None` when there are none.
fn joined(values: &[Value], separator: &str) -> Option<String> {
    let mut texts: Vec<String> = Vec::new();
    for text in values.iter().filter_map(name_of) {
        if !texts.iter().any(|seen| seen.eq_ignore_ascii_case(&text)) {
            texts.push(text);
        }
    }
    Some(texts.join(separator)).filter(|text| !text.is_empty())
}

/// A string (entities decoded, white space collapsed), a number, the first text of an array, or
/// a JSON-LD value object's `@value`.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => clean(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Array(items) => items.iter().find_map(text),
        Value::Object(object) => object.get("@value").and_then(text),
        _ => None,
    }
}

/// The name of a thing given as a text or as an object with a `name` (or `legalName`).
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) if !object.contains_key("@value") => object
            .get("name")
            .and_then(text)
            .or_else(|| object.get("legalName").and_then(text)),
        Value::Array(items) => items.iter().find_map(name_of),
        other => text(other),
    }
}

/// Where the job is: every `jobLocation` (joined with "; "), or else where applicants must be
/// (`applicantLocationRequirements`, e.g. a country for a remote job).
fn location(posting: &Map<String, Value>) -> Option<String> {
    let places: Vec<Value> = items(posting.get("jobLocation"))
        .iter()
        .filter_map(place)
        .map(Value::String)
        .collect();
    joined(&places, "; ")
        .or_else(|| joined(items(posting.get("applicantLocationRequirements")), "; "))
}

/// A `Place` as one line: its address, or its name; a plain text as it is.
fn place(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) => object
            .get("address")
            .and_then(address)
            .or_else(|| address(value))
            .or_else(|| object.get("name").and_then(text)),
        other => text(other),
    }
}

/// A `PostalAddress` as the sites show it, from `addressLocality`, `addressRegion`,
/// `postalCode` and `addressCountry` (street addresses are left out):
/// - locality and region are joined with ", " ("Kirkland, WA"), except in Australia, where
///   the postal convention that Australian sites display puts them side by side
///   ("Camberwell VIC");
/// - the postal code follows after a space ("Austin, TX 78701", "Camberwell VIC 3124");
/// - the country is added when it is a name ("London, England, United Kingdom"), but not as
///   an ISO code ("AU", "USA"), which sites do not display beside a locality; alone, it is
///   the location whatever its form;
/// - a part that repeats an earlier one ("Singapore, Singapore") is left out.
fn address(value: &Value) -> Option<String> {
    let object = match value {
        Value::Object(object) => object,
        Value::Array(items) => return items.iter().find_map(address),
        other => return text(other),
    };
    let part = |key: &str| object.get(key).and_then(name_of);
    let country = part("addressCountry");
    let australian = country
        .as_deref()
        .is_some_and(|country| ["au", "aus", "australia"].contains(&&*country.to_lowercase()));
    let mut line = part("addressLocality").unwrap_or_default();
    if let Some(region) = part("addressRegion").filter(|region| !repeats(&line, region)) {
        let separator = if australian { " " } else { ", " };
        push_part(&mut line, separator, &region);
    }
    if let Some(postal_code) = part("postalCode") {
        push_part(&mut line, " ", &postal_code);
    }
    if let Some(country) = country {
        let code = (2..=3).contains(&country.chars().count())
            && country.chars().all(|c| c.is_ascii_uppercase());
        if line.is_empty() || (!code && !repeats(&line, &country)) {
            push_part(&mut line, ", ", &country);
        }
    }
    Some(line).filter(|line| !line.is_empty())
}

/// Appends `part` to `line`, after `separator` unless `line` is empty.
fn push_part(line: &mut String, separator: &str, part: &str) {
    if !line.is_empty() {
        line.push_str(separator);
    }
    line.push_str(part);
}

/// Whether `part` already is one of the comma-separated parts of `line`.
fn repeats(line: &str, part: &str) -> bool {
    line.split(',')
        .any(|seen| seen.trim().to_lowercase() == part.to_lowercase())
}

/// `Some(true)` for `jobLocationType: TELECOMMUTE`; nothing is claimed otherwise.
fn remote(posting: &Map<String, Value>) -> Option<bool> {
    items(posting.get("jobLocationType"))
        .iter()
        .filter_map(text)
        .any(|kind| kind.eq_ignore_ascii_case("TELECOMMUTE"))
        .then_some(true)
}

/// The job id: a text, or a `PropertyValue`'s `value`.
fn identifier(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) if !object.contains_key("@value") => {
            object.get("value").and_then(text)
        }
        Value::Array(items) => items.iter().find_map(identifier),
        other => text(other),
    }
}

/// `baseSalary` as one readable line, e.g. "AUD 130,000–160,000 per year": a `MonetaryAmount`
/// (whose `value` is a `QuantitativeValue` with `minValue`/`maxValue`/`value` and `unitText`,
/// or a number), or a bare amount with the posting's `salaryCurrency`.
fn salary(posting: &Map<String, Value>) -> Option<String> {
    let base = items(posting.get("baseSalary")).first()?;
    let posting_currency = posting.get("salaryCurrency").and_then(text);
    let (currency, amount, unit) = match base {
        Value::Object(money) => {
            let currency = money.get("currency").and_then(text).or(posting_currency);
            match money.get("value") {
                Some(Value::Object(quantity)) => (
                    currency,
                    range(quantity),
                    quantity.get("unitText").and_then(text),
                ),
                _ => (currency, range(money), money.get("unitText").and_then(text)),
            }
        }
        other => (posting_currency, amount(other), None),
    };
    let per = unit.map(|unit| format!("per {}", unit.to_lowercase()));
    let parts: Vec<String> = [currency, Some(amount?), per]
        .into_iter()
        .flatten()
        .collect();
    Some(parts.join(" "))
}

/// A `QuantitativeValue`'s (or `MonetaryAmount`'s) amount: "min–max", "from min", "up to max"
/// or the single `value`.
fn range(quantity: &Map<String, Value>) -> Option<String> {
    let bound = |key: &str| quantity.get(key).and_then(amount);
    match (bound("minValue"), bound("maxValue")) {
        (Some(min), Some(max)) if min == max => Some(min),
        (Some(min), Some(max)) => Some(format!("{min}–{max}")),
        (Some(min), None) => bound("value").or(Some(format!("from {min}"))),
        (None, Some(max)) => bound("value").or(Some(format!("up to {max}"))),
        (None, None) => bound("value"),
    }
}

/// An amount with thousands separators ("130,000", "27.50"); a text that is not a number is
/// kept as it is.
fn amount(value: &Value) -> Option<String> {
    let number = match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().replace(',', "").parse::<f64>().ok(),
        _ => None,
    };
    match number {
        Some(number) if number.is_finite() && number >= 0.0 => Some(group_thousands(number)),
        Some(_) => None,
        None => text(value),
    }
}

/// `number` with a comma every three digits, and cents only when it has a fraction.
fn group_thousands(number: f64) -> String {
    let formatted = if number.fract() == 0.0 {
        format!("{number:.0}")
    } else {
        format!("{number:.2}")
    };
    let (whole, fraction) = formatted.split_at(formatted.find('.').unwrap_or(formatted.len()));
    let mut grouped = String::with_capacity(formatted.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped + fraction
}

/// The calendar date of a schema.org `Date` or `DateTime` ("2026-12-12T09:37:46.463Z").
fn date(text: &str) -> Option<chrono::NaiveDate> {
    let day = text.trim().split(['T', ' ']).next()?;
    let mut fields = day.splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (
        fields.next()?.ok()?,
        fields.next()?.ok()?,
        fields.next()?.ok()?,
    );
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// HTML (or entity-encoded HTML) as plain text: tags stripped, entities decoded, white space
/// collapsed, cut to `DESCRIPTION_MAX_CHARS`.
pub(super) fn html_to_text(html: &str) -> Option<String> {
    let html = if !html.contains('<') && html.contains("&lt;") {
        html_escape::decode_html_entities(html)
    } else {
        html.into()
    };
    let text = clean(&strip_tags(&html))?;
    let cut = text
        .char_indices()
        .nth(DESCRIPTION_MAX_CHARS)
        .map_or(text.as_str(), |(end, _)| text[..end].trim_end());
    Some(cut.to_string())
}

/// `html` without its tags, comments, scripts and styles; block elements leave a space.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        if let Some(comment) = tag.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            out.push(' ');
            continue;
        }
        let opens_tag = tag[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let Some(end) = tag.find('>').filter(|_| opens_tag) else {
            out.push('<');
            rest = &tag[1..];
            continue;
        };
        let closing = tag.starts_with("</");
        let name = tag[1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[end + 1..];
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |at| &rest[at..]);
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    fn jobs(blocks: &[&str]) -> (Vec<Job>, Vec<String>) {
        job_postings(
            &blocks
                .iter()
                .map(|block| block.to_string())
                .collect::<Vec<_>>(),
        )
    }

    fn one(block: &str) -> Job {
        let (jobs, errors) = jobs(&[block]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(jobs.len(), 1, "{jobs:?}");
        jobs.into_iter().next().unwrap_or_else(|| panic!("no job"))
    }

    #[test]
    fn plain_posting_yields_title_company_and_location() {
        let job = one(r#"{"@context":"https://schema.org","@type":"JobPosting",
            "title":"Software Engineer","hiringOrganization":{"@type":"Organization","name":"ABC"},
            "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress",
            "addressLocality":"Kirkland","addressRegion":"WA"}}}"#);
        assert_eq!(job.title, "Software Engineer");
        assert_eq!(job.company.as_deref(), Some("ABC"));
        assert_eq!(job.location.as_deref(), Some("Kirkland, WA"));
        assert_eq!(job.source, Source::Jsonld);
    }

    #[test]
    fn graph_with_type_array_yields_the_posting() {
        let job = one(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Jobs"},
            {"@type":["Thing","JobPosting"],"title":"Welder"}]}"#);
        assert_eq!(job.title, "Welder");
    }

    #[test]
    fn full_and_compact_type_iris_are_job_postings() {
        let (found, _) = jobs(&[
            r#"{"@type":"http://schema.org/JobPosting","title":"A"}"#,
            r#"{"@type":"https://schema.org/JobPosting","title":"B"}"#,
            r#"{"@type":"schema:JobPosting","title":"C"}"#,
            r#"{"@type":"JobPostings","title":"not one"}"#,
        ]);
        let titles: Vec<_> = found.iter().map(|job| job.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "C"]);
    }

    #[test]
    fn top_level_array_and_several_blocks_keep_page_order() {
        let (found, errors) = jobs(&[
            r#"[{"@type":"JobPosting","title":"First"},{"@type":"Organization","name":"X"},
                {"@type":"JobPosting","title":"Second"}]"#,
            r#"{"@type":"JobPosting","title":"Third"}"#,
        ]);
        assert!(errors.is_empty());
        let titles: Vec<_> = found.iter().map(|job| job.title.as_str()).collect();
        assert_eq!(titles, ["First", "Second", "Third"]);
    }

    #[test]
    fn posting_nested_in_a_web_page_is_found() {
        let job = one(r#"{"@type":"WebPage","mainEntity":{"@type":"JobPosting","title":"Nurse"}}"#);
        assert_eq!(job.title, "Nurse");
    }

    #[test]
    fn name_stands_in_for_a_missing_title() {
        assert_eq!(
            one(r#"{"@type":"JobPosting","name":"Baker"}"#).title,
            "Baker"
        );
    }

    #[test]
    fn posting_without_title_is_skipped_with_an_error() {
        let (found, errors) = jobs(&[
            r#"{"@type":"JobPosting","hiringOrganization":"ACME"}"#,
            r#"{"@type":"JobPosting","title":"Kept"}"#,
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Kept");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("block 1") && errors[0].contains("without a title"));
    }

    #[test]
    fn js_style_unicode_escapes_are_decoded() {
        let job = one(
            r#"{"@type":"JobPosting","title":"Dev \u002F Ops","url":"https:\u002F\u002Fx.example\u002Fjob"}"#,
        );
        assert_eq!(job.title, "Dev / Ops");
        assert_eq!(job.url.as_deref(), Some("https://x.example/job"));
    }

    #[test]
    fn raw_control_characters_inside_strings_are_tolerated() {
        let job = one("{\"@type\":\"JobPosting\",\n\t\"title\":\"Line\none\ttwo\u{1}\"}");
        assert_eq!(job.title, "Line one two");
    }

    #[test]
    fn js_only_escapes_and_lone_surrogates_are_tolerated() {
        let job =
            one(r#"{"@type":"JobPosting","title":"Rock \x26 Roll\'s \ud83d end \ud83d\ude00"}"#);
        assert_eq!(job.title, "Rock & Roll's \u{fffd} end \u{1f600}");
    }

    #[test]
    fn comment_and_cdata_wrappers_are_tolerated() {
        let (found, errors) = jobs(&[
            "<!--\n{\"@type\":\"JobPosting\",\"title\":\"A\"}\n-->",
            "//<![CDATA[\n{\"@type\":\"JobPosting\",\"title\":\"B\"}\n//]]>",
            "/*<![CDATA[*/{\"@type\":\"JobPosting\",\"title\":\"C\"};/*]]>*/",
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let titles: Vec<_> = found.iter().map(|job| job.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "C"]);
    }

    #[test]
    fn broken_block_is_reported_and_the_valid_one_still_read() {
        let (found, errors) = jobs(&[
            r#"{"@type":"Organization","name":"X"}"#,
            r#"{"@type":"JobPosting","title":"Broken",}"#,
            r#"{"@type":"JobPosting","title":"Fine"}"#,
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Fine");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("JSON-LD block 2 is not valid JSON: "),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn empty_block_is_neither_a_job_nor_an_error() {
        assert_eq!(jobs(&["  \n ", "<!-- -->"]), (Vec::new(), Vec::new()));
    }

    #[test]
    fn strings_are_decoded_collapsed_and_empty_ones_absent() {
        let job = one(r#"{"@type":"JobPosting","title":"  R&amp;D&nbsp;\n Lead ",
            "hiringOrganization":{"name":"  "},"employmentType":""}"#);
        assert_eq!(job.title, "R&D Lead");
        assert_eq!(job.company, None);
        assert_eq!(job.employment_type, None);
    }

    #[test]
    fn hiring_organization_may_be_a_string() {
        let job = one(r#"{"@type":"JobPosting","title":"T","hiringOrganization":"ACME Corp"}"#);
        assert_eq!(job.company.as_deref(), Some("ACME Corp"));
    }

    #[test]
    fn australian_address_follows_the_australian_convention() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","jobLocation":{"@type":"Place",
            "address":{"@type":"PostalAddress","addressCountry":"AU","addressLocality":"Camberwell",
            "addressRegion":"VIC","postalCode":"3124"}}}"#,
        );
        assert_eq!(job.location.as_deref(), Some("Camberwell VIC 3124"));
    }

    #[test]
    fn other_addresses_join_locality_and_region_with_a_comma() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","jobLocation":{"address":{
            "addressLocality":"Austin","addressRegion":"TX","postalCode":"78701","addressCountry":"US"}}}"#,
        );
        assert_eq!(job.location.as_deref(), Some("Austin, TX 78701"));
    }

    #[test]
    fn country_names_are_kept_and_repeats_dropped() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","jobLocation":{"address":{
            "addressLocality":"London","addressRegion":"England",
            "addressCountry":{"@type":"Country","name":"United Kingdom"}}}}"#,
        );
        assert_eq!(
            job.location.as_deref(),
            Some("London, England, United Kingdom")
        );
        let job = one(
            r#"{"@type":"JobPosting","title":"T","jobLocation":{"address":{
            "addressLocality":"Singapore","addressRegion":"Singapore","addressCountry":"Singapore"}}}"#,
        );
        assert_eq!(job.location.as_deref(), Some("Singapore"));
        let job = one(
            r#"{"@type":"JobPosting","title":"T","jobLocation":{"address":{"addressCountry":"DE"}}}"#,
        );
        assert_eq!(job.location.as_deref(), Some("DE"));
    }

    #[test]
    fn job_location_array_and_string_addresses_are_joined() {
        let job = one(r#"{"@type":"JobPosting","title":"T","jobLocation":[
            {"@type":"Place","address":"Berlin, Germany"},
            {"@type":"Place","name":"Head office"},
            {"@type":"Place","address":{"addressLocality":"Paris"}},
            {"@type":"Place","address":{"addressLocality":"Paris"}}]}"#);
        assert_eq!(
            job.location.as_deref(),
            Some("Berlin, Germany; Head office; Paris")
        );
    }

    #[test]
    fn applicant_location_requirements_stand_in_for_a_missing_job_location() {
        let job = one(
            r#"{"@type":"JobPosting","name":"Telecommute","jobLocationType":"TELECOMMUTE",
            "applicantLocationRequirements":{"@type":"Country","name":"USA"}}"#,
        );
        assert_eq!(job.location.as_deref(), Some("USA"));
        assert_eq!(job.remote, Some(true));
    }

    #[test]
    fn remote_is_only_claimed_for_telecommute() {
        let job = one(r#"{"@type":"JobPosting","title":"T","jobLocationType":"ONSITE"}"#);
        assert_eq!(job.remote, None);
    }

    #[test]
    fn identifier_may_be_a_string_or_a_property_value() {
        let job = one(r#"{"@type":"JobPosting","title":"T","identifier":"JR-1"}"#);
        assert_eq!(job.job_id.as_deref(), Some("JR-1"));
        let job = one(r#"{"@type":"JobPosting","title":"T",
            "identifier":{"@type":"PropertyValue","name":"Google","value":1234567}}"#);
        assert_eq!(job.job_id.as_deref(), Some("1234567"));
    }

    #[test]
    fn employment_types_are_joined() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","employmentType":["FULL_TIME","CONTRACTOR"]}"#,
        );
        assert_eq!(
            job.employment_type.as_deref(),
            Some("FULL_TIME, CONTRACTOR")
        );
    }

    #[test]
    fn salary_range_reads_as_currency_amounts_and_unit() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount",
            "currency":"AUD","value":{"@type":"QuantitativeValue","maxValue":160000,
            "minValue":130000,"unitText":"YEAR"}}}"#,
        );
        assert_eq!(job.salary.as_deref(), Some("AUD 130,000–160,000 per year"));
    }

    #[test]
    fn salary_single_values_and_bare_amounts_are_read() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","baseSalary":{"currency":"USD",
            "value":{"value":"27.5","unitText":"HOUR"}}}"#,
        );
        assert_eq!(job.salary.as_deref(), Some("USD 27.50 per hour"));
        let job = one(
            r#"{"@type":"JobPosting","title":"T","baseSalary":"100000","salaryCurrency":"USD"}"#,
        );
        assert_eq!(job.salary.as_deref(), Some("USD 100,000"));
        let job = one(
            r#"{"@type":"JobPosting","title":"T","baseSalary":{"currency":"EUR",
            "value":{"minValue":50000,"unitText":"YEAR"}}}"#,
        );
        assert_eq!(job.salary.as_deref(), Some("EUR from 50,000 per year"));
        let job = one(r#"{"@type":"JobPosting","title":"T","baseSalary":{"currency":"EUR"}}"#);
        assert_eq!(job.salary, None);
    }

    #[test]
    fn dates_and_datetimes_become_calendar_dates() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","datePosted":"2026-08-06T07:39:35.941Z",
            "validThrough":"2026-12-12T09:37:46.463Z"}"#,
        );
        assert_eq!(job.date_posted.as_deref(), Some("2026-08-06"));
        assert_eq!(
            job.valid_through,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 12)
        );
        let job = one(
            r#"{"@type":"JobPosting","title":"T","datePosted":"last week",
            "validThrough":"2026-02-30"}"#,
        );
        assert_eq!(job.date_posted.as_deref(), Some("last week"));
        assert_eq!(job.valid_through, None);
    }

    #[test]
    fn html_description_becomes_plain_text() {
        let job = one(r#"{"@type":"JobPosting","title":"T","description":
            "\u003Cdiv>\n \u003Cb>Great\u003C/b>code\u003Cp>saves&nbsp;trees &amp; time\u003C/p><script>x()</script><!-- hidden --><li>a < b</li></div>"}"#);
        assert_eq!(
            job.description.as_deref(),
            Some("Greatcode saves trees & time a < b")
        );
    }

    #[test]
    fn entity_encoded_html_description_becomes_plain_text() {
        let job = one(
            r#"{"@type":"JobPosting","title":"T","description":"&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;world&lt;/p&gt;"}"#,
        );
        assert_eq!(job.description.as_deref(), Some("Hello world"));
    }

    #[test]
    fn description_is_cut_on_a_char_boundary() {
        let long = "é".repeat(DESCRIPTION_MAX_CHARS + 10);
        let job = one(&format!(
            r#"{{"@type":"JobPosting","title":"T","description":"{long}"}}"#
        ));
        let description = job.description.unwrap();
        assert_eq!(description.chars().count(), DESCRIPTION_MAX_CHARS);
    }

    #[test]
    fn only_http_urls_are_kept() {
        let job = one(r#"{"@type":"JobPosting","title":"T","url":"/jobs/1"}"#);
        assert_eq!(job.url, None);
    }

    #[test]
    fn application_contact_name_is_the_hiring_contact() {
        let job = one(r#"{"@type":"JobPosting","title":"T",
            "applicationContact":{"@type":"ContactPoint","name":"Jo Smith"}}"#);
        assert_eq!(job.hiring_contact.as_deref(), Some("Jo Smith"));
    }

    #[test]
    fn hostile_input_never_panics() {
        let nested = "[".repeat(10_000);
        let inputs = [
            "\"",
            "\\",
            "{\"a\":\"\\",
            "{\"a\":\"\\u12",
            "{\"a\":\"\\ud800\\u",
            "<!--",
            "]]>",
            "null",
            "42",
            nested.as_str(),
            r#"{"@type":"JobPosting","title":{"x":1},"name":[],"baseSalary":[]}"#,
            r#"{"@type":"JobPosting","title":"T","baseSalary":{"value":{"minValue":-1,"maxValue":1e308}},"description":"<"}"#,
        ];
        for input in inputs {
            let _ = jobs(&[input]);
        }
    }
}
