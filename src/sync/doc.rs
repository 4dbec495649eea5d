//! The replicated document: records by key, each a set of named fields, each field holding the
//! value of its latest change (by `Stamp`). Two computers that changed different fields of a
//! record keep both changes; the same field, the later change. A deleted record is a tombstone
//! that stays, so a computer that still had it cannot bring it back by syncing; only taking
//! the deletion back (Undo) does, and it writes every field again, so nothing older survives
//! it. Merging takes the later of each field and of each tombstone: merging in any order, any
//! number of times, gives the same document.

use super::Stamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Every record of the document, by key (`<kind>/<id as every computer knows it>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub items: BTreeMap<String, Item>,
}

/// One record: its fields, and whether it was deleted (or the deletion taken back), and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub gone: Option<(Stamp, bool)>,
    #[serde(rename = "f", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, (Stamp, Value)>,
}

impl Item {
    /// Deleted, and not brought back since.
    pub fn is_gone(&self) -> bool {
        matches!(self.gone, Some((_, true)))
    }

    /// The record's fields that hold something, unless it is deleted.
    pub fn values(&self) -> Option<BTreeMap<&str, &Value>> {
        (!self.is_gone()).then(|| {
            self.fields
                .iter()
                .filter(|(_, (_, value))| !value.is_null())
                .map(|(name, (_, value))| (name.as_str(), value))
                .collect()
        })
    }

    /// The latest stamp in the record.
    fn latest(&self) -> Option<&Stamp> {
        let fields = self.fields.values().map(|(stamp, _)| stamp);
        fields
            .chain(self.gone.as_ref().map(|(stamp, _)| stamp))
            .max()
    }

    /// A deleted record keeps no field older than its deletion: nothing to show, and the sync
    /// area is small.
    fn settle(&mut self) {
        if let Some((deleted, true)) = &self.gone {
            let deleted = deleted.clone();
            self.fields.retain(|_, (stamp, _)| *stamp >= deleted);
        }
    }

    /// Takes in `other`'s changes; whether this record changed.
    fn merge(&mut self, other: &Item) -> bool {
        let before = self.clone();
        if let Some(theirs) = &other.gone {
            if self.gone.as_ref().is_none_or(|ours| later(theirs, ours)) {
                self.gone = Some(theirs.clone());
            }
        }
        for (name, theirs) in &other.fields {
            match self.fields.get(name) {
                Some(ours) if !later(theirs, ours) => {}
                _ => {
                    self.fields.insert(name.clone(), theirs.clone());
                }
            }
        }
        self.settle();
        *self != before
    }
}

/// Whether change `a` wins over change `b`: the later stamp; on one stamp (one computer's one
/// change, so never in practice), the greater value, so every computer picks the same.
fn later<T: Serialize>(a: &(Stamp, T), b: &(Stamp, T)) -> bool {
    match a.0.cmp(&b.0) {
        Ordering::Equal => {
            let text = |v: &T| serde_json::to_string(v).unwrap_or_default();
            text(&a.1) > text(&b.1)
        }
        order => order == Ordering::Greater,
    }
}

impl Doc {
    /// Writes a record as it is now on this computer: `fields` names every field of its kind,
    /// `Value::Null` for an empty one. Only the fields that changed take `stamp`; a record
    /// deleted in the document is brought back with every field (the user took the deletion
    /// back). Whether anything changed.
    pub fn put(&mut self, key: &str, fields: BTreeMap<String, Value>, stamp: &Stamp) -> bool {
        if !self.items.contains_key(key) && fields.values().all(Value::is_null) {
            return false;
        }
        let item = self.items.entry(key.to_string()).or_default();
        let revived = item.is_gone();
        let mut changed = false;
        if revived {
            item.gone = Some((stamp.clone(), false));
            changed = true;
        }
        for (name, value) in fields {
            let same = item.fields.get(&name).is_some_and(|(_, v)| *v == value)
                || (value.is_null() && !item.fields.contains_key(&name));
            if revived || !same {
                item.fields.insert(name, (stamp.clone(), value));
                changed = true;
            }
        }
        changed
    }

    /// Deletes a record the document has (one it never had no other computer has either); the
    /// tombstone stays, so a copy arriving later stays deleted. Whether anything changed.
    pub fn remove(&mut self, key: &str, stamp: &Stamp) -> bool {
        let Some(item) = self.items.get_mut(key).filter(|item| !item.is_gone()) else {
            return false;
        };
        item.gone = Some((stamp.clone(), true));
        item.settle();
        true
    }

    /// Takes in another computer's document; the keys of the records that changed here.
    pub fn merge(&mut self, other: &Doc) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        for (key, theirs) in &other.items {
            let ours = self.items.entry(key.clone()).or_default();
            if ours.merge(theirs) {
                changed.insert(key.clone());
            }
        }
        changed
    }

    /// A record's fields that hold something, unless it is unknown or deleted.
    pub fn get(&self, key: &str) -> Option<BTreeMap<&str, &Value>> {
        self.items.get(key).and_then(Item::values)
    }

    /// The latest stamp in the document: a clock that has seen it stamps later changes.
    pub fn latest(&self) -> Option<&Stamp> {
        self.items.values().filter_map(Item::latest).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{Clock, Replica};
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    fn clock(name: &str) -> Clock {
        Clock::new(Replica::parse(name).unwrap())
    }

    fn at(minute: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, minute, 0).unwrap()
    }

    fn fields(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn changes_to_different_fields_made_apart_are_both_kept() {
        let (mut a, mut b) = (clock("laptop"), clock("desktop"));
        let mut on_a = Doc::default();
        let start = fields(&[("ended", Value::Null), ("due", json!("2026-12-08"))]);
        on_a.put("followup/e1.laptop/R3/1", start, &a.tick(at(0)));
        let mut on_b = on_a.clone();
        let done = fields(&[("ended", json!("done")), ("due", json!("2026-12-08"))]);
        on_a.put("followup/e1.laptop/R3/1", done, &a.tick(at(1)));
        let snoozed = fields(&[("ended", Value::Null), ("due", json!("2026-12-10"))]);
        on_b.put("followup/e1.laptop/R3/1", snoozed, &b.tick(at(2)));
        on_a.merge(&on_b);
        on_b.merge(&on_a);
        assert_eq!(on_a, on_b);
        let merged = on_a.get("followup/e1.laptop/R3/1").unwrap();
        assert_eq!(merged["ended"], &json!("done"));
        assert_eq!(merged["due"], &json!("2026-12-10"));
    }

    #[test]
    fn a_deletion_stays_deleted_when_the_other_computer_edited_the_record_meanwhile() {
        let (mut a, mut b) = (clock("laptop"), clock("desktop"));
        let mut on_a = Doc::default();
        on_a.put(
            "opportunity/o1.laptop",
            fields(&[("title", json!("Engineer"))]),
            &a.tick(at(0)),
        );
        let mut on_b = on_a.clone();
        on_a.remove("opportunity/o1.laptop", &a.tick(at(1)));
        on_b.put(
            "opportunity/o1.laptop",
            fields(&[("title", json!("Senior Engineer"))]),
            &b.tick(at(2)),
        );
        on_b.merge(&on_a);
        on_a.merge(&on_b);
        assert_eq!(on_a, on_b);
        assert_eq!(on_a.get("opportunity/o1.laptop"), None);
    }

    #[test]
    fn taking_a_deletion_back_brings_the_record_back_everywhere_with_every_field() {
        let mut a = clock("laptop");
        let mut on_a = Doc::default();
        let record = fields(&[("title", json!("Engineer")), ("notes", json!("met Ana"))]);
        on_a.put("opportunity/o1.laptop", record.clone(), &a.tick(at(0)));
        let on_b = on_a.clone();
        on_a.remove("opportunity/o1.laptop", &a.tick(at(1)));
        assert!(on_a.items["opportunity/o1.laptop"].fields.is_empty());
        on_a.put("opportunity/o1.laptop", record, &a.tick(at(2)));
        let mut b_then_a = on_b.clone();
        b_then_a.merge(&on_a);
        assert_eq!(b_then_a, on_a);
        assert_eq!(
            on_a.get("opportunity/o1.laptop").unwrap()["notes"],
            &json!("met Ana")
        );
    }

    #[test]
    fn a_document_reads_back_as_it_is_written() {
        let mut a = clock("laptop");
        let mut doc = Doc::default();
        doc.put(
            "event/e1.laptop",
            fields(&[("kind", json!("applied"))]),
            &a.tick(at(0)),
        );
        doc.put(
            "event/e2.laptop",
            fields(&[("kind", json!("met"))]),
            &a.tick(at(1)),
        );
        doc.remove("event/e2.laptop", &a.tick(at(2)));
        let text = serde_json::to_string(&doc).unwrap();
        assert_eq!(serde_json::from_str::<Doc>(&text).unwrap(), doc);
    }
}
