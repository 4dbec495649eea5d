//! Many people at once (a LinkedIn `Connections.csv`, a list page): each person is merged into
//! the contacts the user already has (by profile URL, else by name and company), so importing
//! the same network twice changes nothing and duplicates no one, and the user is told what
//! happened to every row.

use super::{shard, Changes, State, META_KEY};
use crate::capture::connections::{read_connections, SkipReason, Skipped};
use crate::capture::{is_canonical_profile_url, linkedin_profile_url};
use crate::model::Person;
use crate::model::{Contact, Id};
use crate::phrase::{Forms, Key, Phrase};
use crate::text::{collapse, is_email, is_web_url};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{hash_map, BTreeMap, BTreeSet, HashMap};

/// What an import did: how many contacts were added, updated or already up to date, and each
/// person left out with the reason (`row` is the person's position in the list, from 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<Skipped>,
}

impl ImportReport {
    /// The counts, each named for the page and said: "1581 added", "47 skipped".
    pub fn counts(&self) -> [(&'static str, Phrase); 4] {
        let said = |one, other, count| Forms { one, other }.count(count);
        [
            (
                "added",
                said(Key("importAdded_one"), Key("importAdded_other"), self.added),
            ),
            (
                "updated",
                said(
                    Key("importUpdated_one"),
                    Key("importUpdated_other"),
                    self.updated,
                ),
            ),
            (
                "unchanged",
                said(
                    Key("importUnchanged_one"),
                    Key("importUnchanged_other"),
                    self.unchanged,
                ),
            ),
            (
                "skipped",
                said(
                    Key("importSkipped_one"),
                    Key("importSkipped_other"),
                    self.skipped.len(),
                ),
            ),
        ]
    }

    /// The rows left out, one group per reason, in the order of `SkipReason`.
    pub fn skipped_groups(&self) -> Vec<SkippedGroup> {
        let mut by_reason: BTreeMap<SkipReason, Vec<u64>> = BTreeMap::new();
        for skipped in &self.skipped {
            by_reason.entry(skipped.why).or_default().push(skipped.row);
        }
        by_reason
            .into_iter()
            .map(|(why, mut rows)| {
                rows.sort_unstable();
                let mut named: Vec<String> =
                    rows.iter().take(LINES_NAMED).map(u64::to_string).collect();
                if rows.len() > LINES_NAMED {
                    named.push("…".into());
                }
                SkippedGroup {
                    why,
                    count: rows.len(),
                    said: why.phrase(rows.len()),
                    lines: Forms {
                        one: Key("importSkippedLines_one"),
                        other: Key("importSkippedLines_other"),
                    }
                    .of(rows.len(), [named.join(", ").into()]),
                }
            })
            .collect()
    }
}

/// How many lines of a group of skipped rows the report names.
const LINES_NAMED: usize = 10;

/// Rows an import left out for one reason: "47 rows without a name: members who hide their
/// details", and where the first of them are ("Lines 53, 88, …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedGroup {
    pub why: SkipReason,
    pub count: usize,
    pub said: Phrase,
    pub lines: Phrase,
}

impl SkipReason {
    /// `count` rows left out for this reason, said with what it means for the user.
    pub fn phrase(self, count: usize) -> Phrase {
        let (one, other) = match self {
            SkipReason::NoName => (
                Key("importSkippedNoName_one"),
                Key("importSkippedNoName_other"),
            ),
            SkipReason::SamePerson => (
                Key("importSkippedSamePerson_one"),
                Key("importSkippedSamePerson_other"),
            ),
            SkipReason::Unreadable => (
                Key("importSkippedUnreadable_one"),
                Key("importSkippedUnreadable_other"),
            ),
        };
        Forms { one, other }.count(count)
    }
}

/// The contacts by the keys an import matches on, and the row of the import merged into each.
struct Index {
    entries: Vec<Entry>,
    /// Each profile URL as compared, to its contact's entry.
    by_url: HashMap<String, usize>,
    /// Each name as compared, to the first and last entries of that name.
    by_name: HashMap<String, (usize, usize)>,
}

/// A contact indexed.
struct Entry {
    id: Id,
    /// The row that was merged into this contact, once one was.
    merged: Option<u64>,
    /// The next entry of the same name.
    same_name: Option<usize>,
}

impl Index {
    fn with_capacity(contacts: usize) -> Index {
        Index {
            entries: Vec::with_capacity(contacts),
            by_url: HashMap::with_capacity(contacts),
            by_name: HashMap::with_capacity(contacts),
        }
    }

    /// Indexes a contact under its profile URL as compared (`key`) and its name as compared;
    /// returns its entry.
    fn add(&mut self, id: Id, key: Option<String>, name: String) -> usize {
        let at = self.entries.len();
        self.entries.push(Entry {
            id,
            merged: None,
            same_name: None,
        });
        if let Some(key) = key {
            self.by_url.entry(key).or_insert(at);
        }
        match self.by_name.entry(name) {
            hash_map::Entry::Occupied(mut same) => {
                let (_, last) = same.get_mut();
                if let Some(entry) = self.entries.get_mut(*last) {
                    entry.same_name = Some(at);
                }
                *last = at;
            }
            hash_map::Entry::Vacant(new) => {
                new.insert((at, at));
            }
        }
        at
    }

    /// The entry of the contact a person is: the same profile URL, else the same name at the
    /// same company (or with no company on one side) and no other profile URL.
    fn find(
        &self,
        contacts: &BTreeMap<Id, Contact>,
        person: &Person,
        url: Option<&str>,
        name: &str,
    ) -> Option<usize> {
        if let Some(at) = url.and_then(|url| self.by_url.get(url)) {
            return Some(*at);
        }
        let first = self.by_name.get(name).map(|(first, _)| *first);
        let candidates = || {
            std::iter::successors(first, |at| self.entries.get(*at)?.same_name)
                .filter_map(|at| Some((at, contacts.get(&self.entries.get(at)?.id)?)))
        };
        let company = person.company.as_deref().map(folded);
        let fits = |contact: &Contact, same_company: bool| {
            let other_url = matches!((&contact.profile_url, url), (Some(a), Some(b)) if kept_url(a.clone()).as_deref() != Some(b));
            let theirs = contact.company.as_deref().map(folded);
            let company_fits = if same_company {
                theirs.is_some() && theirs == company
            } else {
                theirs.is_none() || company.is_none()
            };
            !other_url && company_fits
        };
        candidates()
            .find(|(_, contact)| fits(contact, true))
            .or_else(|| candidates().find(|(_, contact)| fits(contact, false)))
            .map(|(at, _)| at)
    }
}

impl State {
    /// Merges `people` into the contacts: a person already known (by profile URL, else
    /// by name and company) gets what the import says of them, keeping what the user typed; a
    /// new one becomes a contact. Returns the report and the records to persist.
    pub fn import_contacts(&mut self, people: Vec<Person>) -> (ImportReport, Changes) {
        let (report, changes, _) = self.merge_people(people, None);
        (report, changes)
    }

    /// Imports a LinkedIn `Connections.csv` at `now`: its people merged into the contacts, those
    /// connected in the last 14 days starting R9 (see `see_people`), and every row left out, by
    /// the reader or the merge, reported by its line in the file. Fails, changing nothing, when
    /// the file is not an export.
    pub fn import_connections(
        &mut self,
        text: &str,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<(ImportReport, Changes), Phrase> {
        let read = read_connections(text)?;
        let new: Vec<bool> = read
            .people
            .iter()
            .map(|person| self.is_new_connection(person, None, now))
            .collect();
        let (mut report, mut changes, ids) = self.merge_people(read.people, Some(&read.lines));
        let connected: Vec<Id> = ids
            .into_iter()
            .zip(new)
            .filter_map(|(id, new)| id.filter(|_| new))
            .collect();
        self.start_r9(&connected, now, tz, &mut changes);
        report.skipped.extend(read.skipped);
        report.skipped.sort_by_key(|skipped| skipped.row);
        Ok((report, changes))
    }

    /// `import_contacts`, also saying which contact each person became (`None`: skipped).
    /// `rows` numbers the people in the report (their lines in a file), else their positions.
    pub fn merge_people(
        &mut self,
        people: Vec<Person>,
        rows: Option<&[u64]>,
    ) -> (ImportReport, Changes, Vec<Option<Id>>) {
        let mut merge = Merge::new(&self.contacts, people.len());
        let ids = people
            .into_iter()
            .enumerate()
            .map(|(position, person)| {
                let row = rows
                    .and_then(|rows| rows.get(position).copied())
                    .unwrap_or_else(|| u64::try_from(position).map_or(u64::MAX, |p| p + 1));
                merge.person(self, person, row)
            })
            .collect();
        let mut changes = Changes::default();
        // Each record that keeps a changed contact is written once, after the last row.
        if !merge.touched.is_empty() {
            changes
                .set
                .extend(self.contact_records(Some(&merge.touched)));
            changes.put(META_KEY.to_string(), &self.meta);
        }
        (merge.report, changes, ids)
    }
}

/// An import under way: the contacts by the keys it matches on, the row merged into each, and
/// the records it changed.
struct Merge {
    index: Index,
    touched: BTreeSet<u32>,
    report: ImportReport,
}

impl Merge {
    fn new(contacts: &BTreeMap<Id, Contact>, people: usize) -> Merge {
        let mut index = Index::with_capacity(contacts.len() + people);
        for contact in contacts.values() {
            let key = contact.profile_url.clone().and_then(kept_url);
            index.add(contact.id.clone(), key, folded(&contact.name));
        }
        Merge {
            index,
            touched: BTreeSet::new(),
            report: ImportReport::default(),
        }
    }

    /// Merges the person of `row` into `state`; the contact they became, `None` when skipped.
    /// A function of its own, not inlined into the loop over the rows: the browser's Wasm engine
    /// optimizes a function only between calls, so a loop that runs once over 30,000 rows would
    /// stay in its baseline code, while this is optimized after the first few hundred rows.
    #[inline(never)]
    fn person(&mut self, state: &mut State, mut person: Person, row: u64) -> Option<Id> {
        if let Cow::Owned(name) = collapse(&person.name) {
            person.name = name;
        }
        if person.name.is_empty() {
            self.report.skipped.push(Skipped {
                row,
                why: SkipReason::NoName,
                reason: Key("skippedNoName").phrase(),
            });
            return None;
        }
        let url = person.profile_url.take().and_then(kept_url);
        let name = folded(&person.name);
        let found = self
            .index
            .find(&state.contacts, &person, url.as_deref(), &name);
        match found.and_then(|at| self.index.entries.get_mut(at)) {
            Some(entry) => {
                if let Some(first) = entry.merged {
                    self.report.skipped.push(Skipped {
                        row,
                        why: SkipReason::SamePerson,
                        reason: Key("skippedSamePerson").with([first.into()]),
                    });
                    return None;
                }
                entry.merged = Some(row);
                let id = entry.id.clone();
                let changed = state
                    .contacts
                    .get_mut(&id)
                    .is_some_and(|contact| fill(contact, person, url));
                if changed {
                    self.report.updated += 1;
                    self.touched.insert(shard(&id));
                } else {
                    self.report.unchanged += 1;
                }
                Some(id)
            }
            None => {
                let id = state.next_id('c');
                let mut contact = Contact::new(id.clone(), String::new());
                fill(&mut contact, person, url.clone());
                let at = self.index.add(id.clone(), url, name);
                if let Some(entry) = self.index.entries.get_mut(at) {
                    entry.merged = Some(row);
                }
                self.report.added += 1;
                self.touched.insert(shard(&id));
                state.contacts.insert(id.clone(), contact);
                Some(id)
            }
        }
    }
}

/// Writes what the person's record says into the contact: LinkedIn's own fields are replaced
/// when they changed, what the user may have typed (name, email, profile link) only filled in.
/// Nothing is erased. Returns whether anything changed.
fn fill(contact: &mut Contact, person: Person, url: Option<String>) -> bool {
    let mut changed = false;
    let mut fill_in = |field: &mut Option<String>, value: Option<String>| {
        if field.is_none() && value.is_some() {
            *field = value;
            changed = true;
        }
    };
    fill_in(&mut contact.profile_url, url);
    fill_in(
        &mut contact.email,
        person.email.filter(|email| is_email(email)),
    );
    let mut replace = |field: &mut Option<String>, value: Option<String>| {
        if value.is_some() && *field != value {
            *field = value;
            changed = true;
        }
    };
    replace(&mut contact.headline, person.headline);
    replace(&mut contact.company, person.company);
    replace(&mut contact.position, person.position);
    replace(&mut contact.location, person.location);
    replace(&mut contact.degree, person.degree);
    if person.connected_on.is_some() && contact.connected_on != person.connected_on {
        contact.connected_on = person.connected_on;
        changed = true;
    }
    if contact.name.is_empty() && !person.name.is_empty() {
        contact.name = person.name;
        changed = true;
    }
    changed
}

/// A profile URL as kept and compared: the canonical LinkedIn form, else any other http(s) URL
/// as given; `None` for anything else. A URL already canonical is kept as it is.
fn kept_url(url: String) -> Option<String> {
    if is_canonical_profile_url(&url) {
        return Some(url);
    }
    linkedin_profile_url(&url).or_else(|| is_web_url(&url).then(|| url.trim().to_string()))
}

/// A name or company as compared: white space collapsed, case ignored.
fn folded(text: &str) -> String {
    let collapsed = collapse(text);
    if collapsed.is_ascii() {
        let mut folded = collapsed.into_owned();
        folded.make_ascii_lowercase();
        folded
    } else {
        collapsed.chars().flat_map(char::to_lowercase).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, url: Option<&str>, company: Option<&str>) -> Person {
        Person {
            profile_url: url.map(String::from),
            company: company.map(String::from),
            ..Person::named(name.into())
        }
    }

    #[test]
    fn a_second_import_of_the_same_people_changes_nothing() {
        let mut state = State::default();
        let people = vec![
            person(
                "Ana Lima",
                Some("https://www.linkedin.com/in/ana"),
                Some("Acme"),
            ),
            person("Bo Chen", None, Some("Initech")),
        ];
        let (first, changes) = state.import_contacts(people.clone());
        assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
        assert_eq!(changes.set.len(), 3);
        let (second, changes) = state.import_contacts(people);
        assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 2));
        assert!(changes.is_empty());
        assert_eq!(state.contacts.len(), 2);
    }

    #[test]
    fn a_contact_typed_in_is_completed_not_duplicated() {
        let mut state = State::default();
        let mut typed = Contact::new("c9".into(), "Ana Lima".into());
        typed.email = Some("ana@example.com".into());
        state.contacts.insert("c9".into(), typed);
        let mut ana = person(
            "ana  lima",
            Some("https://se.linkedin.com/in/Ana?trk=x"),
            Some("Acme"),
        );
        ana.email = Some("other@example.com".into());
        let (report, changes) = state.import_contacts(vec![ana]);
        assert_eq!((report.added, report.updated), (0, 1));
        let contact = &state.contacts["c9"];
        assert_eq!(contact.name, "Ana Lima");
        assert_eq!(contact.email.as_deref(), Some("ana@example.com"));
        assert_eq!(contact.company.as_deref(), Some("Acme"));
        assert_eq!(
            contact.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ana/")
        );
        assert!(changes.set.contains_key(&crate::store::shard_of("c9")));
    }

    #[test]
    fn the_profile_url_wins_over_a_name_shared_by_two_people() {
        let mut state = State::default();
        state.import_contacts(vec![
            person(
                "Sam Lee",
                Some("https://www.linkedin.com/in/sam-1"),
                Some("Acme"),
            ),
            person(
                "Sam Lee",
                Some("https://www.linkedin.com/in/sam-2"),
                Some("Acme"),
            ),
        ]);
        assert_eq!(state.contacts.len(), 2);
        let (report, _) = state.import_contacts(vec![person(
            "Sam Lee",
            Some("https://www.linkedin.com/in/sam-2/"),
            Some("Globex"),
        )]);
        assert_eq!(report.updated, 1);
        let moved = state
            .contacts
            .values()
            .find(|contact| contact.company.as_deref() == Some("Globex"))
            .unwrap();
        assert_eq!(
            moved.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/sam-2/")
        );
    }

    #[test]
    fn the_report_groups_skipped_rows_by_reason_and_names_their_first_lines() {
        let skip = |row, why| Skipped {
            row,
            why,
            reason: Phrase::Text(String::new()),
        };
        let mut skipped: Vec<Skipped> = (0..47)
            .map(|n| skip(53 + n * 2, SkipReason::NoName))
            .collect();
        skipped.push(skip(12, SkipReason::SamePerson));
        let report = ImportReport {
            added: 1,
            skipped,
            ..ImportReport::default()
        };
        let groups: Vec<(String, String)> = report
            .skipped_groups()
            .iter()
            .map(|g| (g.said.english(), g.lines.english()))
            .collect();
        assert_eq!(
            groups,
            [
                (
                    "47 rows without a name: members who hide their details".into(),
                    "Lines 53, 55, 57, 59, 61, 63, 65, 67, 69, 71, …".into()
                ),
                (
                    "1 row repeats a person listed earlier".into(),
                    "Line 12".into()
                ),
            ]
        );
        let counts: Vec<String> = report.counts().iter().map(|(_, c)| c.english()).collect();
        assert_eq!(
            counts,
            ["1 added", "0 updated", "0 unchanged", "48 skipped"]
        );
    }

    #[test]
    fn nameless_and_repeated_people_are_skipped_with_the_reason() {
        let mut state = State::default();
        let (report, _) = state.import_contacts(vec![
            person(" ", None, None),
            person("Bo Chen", None, Some("Initech")),
            person("Bo Chen", None, Some("initech")),
        ]);
        assert_eq!(report.added, 1);
        let skipped: Vec<(u64, String)> = report
            .skipped
            .iter()
            .map(|skipped| (skipped.row, skipped.reason.english()))
            .collect();
        assert_eq!(
            skipped,
            [
                (1, "no name".into()),
                (3, "the same person as row 2".into())
            ]
        );
    }

    #[test]
    fn an_import_never_erases_what_it_does_not_say() {
        let mut state = State::default();
        let mut full = person(
            "Ana Lima",
            Some("https://www.linkedin.com/in/ana"),
            Some("Acme"),
        );
        full.headline = Some("Recruiter".into());
        state.import_contacts(vec![full]);
        let (report, _) = state.import_contacts(vec![person(
            "Ana Lima",
            Some("https://www.linkedin.com/in/ana"),
            None,
        )]);
        assert_eq!(report.unchanged, 1);
        let contact = state.contacts.values().next().unwrap();
        assert_eq!(contact.headline.as_deref(), Some("Recruiter"));
        assert_eq!(contact.company.as_deref(), Some("Acme"));
    }
}
