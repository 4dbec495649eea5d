//! Schema.org microdata (`itemscope`/`itemtype`/`itemprop`): the reader hands over the items
//! in the shape of the WHATWG microdata-to-JSON algorithm; this module turns them into JSON-LD
//! shaped values so that one mapping (`jsonld`) reads `JobPosting`s from both.

use super::{jsonld, MicroItem, MicroValue};
use crate::model::{Job, Source};
use serde_json::{Map, Value};

/// Every `JobPosting` among the items (nested ones included), in page order, and how many were
/// skipped for want of a title.
pub(super) fn job_postings(items: &[MicroItem]) -> (Vec<Job>, usize) {
    let values = Value::Array(items.iter().map(to_json).collect());
    jsonld::postings_in(&values, Source::Microdata)
}

/// An item as a JSON-LD node: `@type`, and each property by its local name (`title` for
/// `https://schema.org/title`), one value as itself and several as an array.
fn to_json(item: &MicroItem) -> Value {
    let mut node = Map::new();
    let types = item.types.iter().cloned().map(Value::String).collect();
    node.insert("@type".into(), Value::Array(types));
    for (name, values) in &item.properties {
        let name = name.rsplit(['/', '#']).next().unwrap_or(name).to_string();
        let mut values: Vec<Value> = values
            .iter()
            .map(|value| match value {
                MicroValue::Text(text) => Value::String(text.clone()),
                MicroValue::Item(item) => to_json(item),
            })
            .collect();
        let value = if values.len() == 1 {
            values.remove(0)
        } else {
            Value::Array(values)
        };
        node.insert(name, value);
    }
    Value::Object(node)
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn item(kind: &str, properties: Vec<(&str, MicroValue)>) -> MicroItem {
        let mut map: BTreeMap<String, Vec<MicroValue>> = BTreeMap::new();
        for (name, value) in properties {
            map.entry(name.to_string()).or_default().push(value);
        }
        MicroItem {
            types: vec![kind.to_string()],
            properties: map,
        }
    }

    fn text(value: &str) -> MicroValue {
        MicroValue::Text(value.to_string())
    }

    #[test]
    fn nested_microdata_items_map_like_json_ld() {
        let address = item(
            "https://schema.org/PostalAddress",
            vec![
                ("addressLocality", text("Kirkland")),
                ("addressRegion", text("WA")),
            ],
        );
        let place = item(
            "https://schema.org/Place",
            vec![("address", MicroValue::Item(address))],
        );
        let company = item(
            "https://schema.org/Organization",
            vec![("name", text("ABC Inc."))],
        );
        let posting = item(
            "https://schema.org/JobPosting",
            vec![
                ("http://schema.org/title", text(" Software Engineer ")),
                ("jobLocation", MicroValue::Item(place)),
                ("hiringOrganization", MicroValue::Item(company)),
                ("employmentType", text("Full-time")),
            ],
        );
        let (jobs, untitled) = job_postings(&[posting]);
        assert_eq!(untitled, 0);
        assert_eq!(jobs[0].title, "Software Engineer");
        assert_eq!(jobs[0].company.as_deref(), Some("ABC Inc."));
        assert_eq!(jobs[0].location.as_deref(), Some("Kirkland, WA"));
        assert_eq!(jobs[0].employment_type.as_deref(), Some("Full-time"));
        assert_eq!(jobs[0].source, Source::Microdata);
    }

    #[test]
    fn postings_nested_in_other_items_are_found_and_untitled_ones_counted() {
        let posting = item(
            "https://schema.org/JobPosting",
            vec![("title", text("Nurse"))],
        );
        let untitled = item("https://schema.org/JobPosting", vec![]);
        let list = item(
            "https://schema.org/ItemList",
            vec![
                ("itemListElement", MicroValue::Item(posting)),
                ("itemListElement", MicroValue::Item(untitled)),
            ],
        );
        let (jobs, untitled) = job_postings(&[list]);
        assert_eq!(jobs.len(), 1);
        assert_eq!(untitled, 1);
    }
}
