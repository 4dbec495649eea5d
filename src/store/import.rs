//! Many people at once (a LinkedIn `Connections.csv`, a list page): each person is merged into
//! the contacts the user already has (by profile URL, else by name and company), so importing
//! the same network twice changes nothing and duplicates no one, and the user is told what
//! happened to every row.

use super::{shard, Changes, State, META_KEY};
use crate::capture::{is_web_url, linkedin_profile_url, Person};
use crate::formats::linkedin::{read_connections, Skipped};
use crate::model::{Contact, Id};
use crate::phrase::{Key, Phrase};
use crate::playbook::drafts::is_email;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// What an import did: how many contacts were added, updated or already up to date, and each
/// person left out with the reason (`row` is the person's position in the list, from 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<Skipped>,
}

/// The contacts by the keys an import matches on.
#[derive(Default)]
struct Index {
    by_url: HashMap<String, Id>,
    by_name: HashMap<String, Vec<Id>>,
}

impl Index {
    /// Indexes a contact under its profile URL as compared (`key`) and its name as compared.
    fn add(&mut self, contact: &Contact, key: Option<String>, name: String) {
        if let Some(key) = key {
            self.by_url.entry(key).or_insert_with(|| contact.id.clone());
        }
        self.by_name
            .entry(name)
            .or_default()
            .push(contact.id.clone());
    }

    /// The contact a person is: the same profile URL, else the same name at the same company
    /// (or with no company on one side) and no other profile URL.
    fn find(
        &self,
        contacts: &std::collections::BTreeMap<Id, Contact>,
        person: &Person,
        url: Option<&str>,
        name: &str,
    ) -> Option<Id> {
        if let Some(id) = url.and_then(|url| self.by_url.get(url)) {
            return Some(id.clone());
        }
        let candidates = self.by_name.get(name)?;
        let company = person.company.as_deref().map(folded);
        let fits = |id: &&Id, same_company: bool| {
            contacts.get(*id).is_some_and(|contact| {
                let other_url = matches!((&contact.profile_url, url), (Some(a), Some(b)) if kept_url(a).as_deref() != Some(b));
                let theirs = contact.company.as_deref().map(folded);
                let company_fits = if same_company {
                    theirs.is_some() && theirs == company
                } else {
                    theirs.is_none() || company.is_none()
                };
                !other_url && company_fits
            })
        };
        candidates
            .iter()
            .find(|id| fits(id, true))
            .or_else(|| candidates.iter().find(|id| fits(id, false)))
            .cloned()
    }
}

impl State {
    /// Merges `people` into the contacts at `now`: a person already known (by profile URL, else
    /// by name and company) gets what the import says of them, keeping what the user typed; a
    /// new one becomes a contact. Returns the report and the records to persist.
    pub fn import_contacts(
        &mut self,
        people: Vec<Person>,
        now: DateTime<Utc>,
    ) -> (ImportReport, Changes) {
        let (report, changes, _) = self.merge_people(people, None, now);
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
        let (mut report, mut changes, ids) = self.merge_people(read.people, Some(&read.lines), now);
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
        now: DateTime<Utc>,
    ) -> (ImportReport, Changes, Vec<Option<Id>>) {
        let mut ids = Vec::with_capacity(people.len());
        let mut report = ImportReport::default();
        let mut changes = Changes::default();
        let mut index = Index::default();
        for contact in self.contacts.values() {
            let key = contact.profile_url.as_deref().and_then(kept_url);
            index.add(contact, key, folded(&contact.name));
        }
        let mut merged: HashMap<Id, u64> = HashMap::new();
        // Each record that keeps a changed contact is written once, after the last row.
        let mut touched = BTreeSet::new();
        for (position, mut person) in people.into_iter().enumerate() {
            let row = rows
                .and_then(|rows| rows.get(position).copied())
                .unwrap_or_else(|| u64::try_from(position).map_or(u64::MAX, |p| p + 1));
            person.name = person.name.split_whitespace().collect::<Vec<_>>().join(" ");
            if person.name.is_empty() {
                report.skipped.push(Skipped {
                    row,
                    reason: Key("skippedNoName").phrase(),
                });
                ids.push(None);
                continue;
            }
            let url = person.profile_url.as_deref().and_then(kept_url);
            let name = folded(&person.name);
            match index.find(&self.contacts, &person, url.as_deref(), &name) {
                Some(id) => {
                    if let Some(first) = merged.get(&id) {
                        report.skipped.push(Skipped {
                            row,
                            reason: Key("skippedSamePerson").with([(*first).into()]),
                        });
                        ids.push(None);
                        continue;
                    }
                    merged.insert(id.clone(), row);
                    ids.push(Some(id.clone()));
                    let Some(mut contact) = self.contacts.get(&id).cloned() else {
                        continue;
                    };
                    if merge(&mut contact, person, url, now) {
                        report.updated += 1;
                        touched.insert(shard(&id));
                        self.contacts.insert(id, contact);
                    } else {
                        report.unchanged += 1;
                    }
                }
                None => {
                    let mut contact = Contact::new(self.next_id('c'), String::new());
                    fill(&mut contact, person, url.clone());
                    contact.updated_at = Some(now);
                    merged.insert(contact.id.clone(), row);
                    ids.push(Some(contact.id.clone()));
                    index.add(&contact, url, name);
                    report.added += 1;
                    touched.insert(shard(&contact.id));
                    self.contacts.insert(contact.id.clone(), contact);
                }
            }
        }
        if !touched.is_empty() {
            changes.set.extend(self.contact_records(Some(&touched)));
            changes.put(META_KEY.to_string(), &self.meta);
        }
        (report, changes, ids)
    }
}

/// Writes what the person's record says into the contact: LinkedIn's own fields are replaced
/// when they changed, what the user may have typed (name, email, profile link) only filled in.
/// Nothing is erased. Returns whether anything changed.
fn merge(contact: &mut Contact, person: Person, url: Option<String>, now: DateTime<Utc>) -> bool {
    let before = contact.clone();
    fill(contact, person, url);
    let changed = *contact != before;
    if changed {
        contact.updated_at = Some(now);
    }
    changed
}

/// Writes what the person's record says into the contact (see `merge`).
fn fill(contact: &mut Contact, person: Person, url: Option<String>) {
    if contact.name.is_empty() {
        contact.name = person.name;
    }
    if contact.profile_url.is_none() {
        contact.profile_url = url;
    }
    if contact.email.is_none() {
        contact.email = person.email.filter(|email| is_email(email));
    }
    let replace = |field: &mut Option<String>, value: Option<String>| {
        if value.is_some() {
            *field = value;
        }
    };
    replace(&mut contact.headline, person.headline);
    replace(&mut contact.company, person.company);
    replace(&mut contact.position, person.position);
    replace(&mut contact.location, person.location);
    replace(&mut contact.degree, person.degree);
    if person.connected_on.is_some() {
        contact.connected_on = person.connected_on;
    }
}

/// A profile URL as kept and compared: the canonical LinkedIn form, else any other http(s) URL
/// as given; `None` for anything else.
fn kept_url(url: &str) -> Option<String> {
    linkedin_profile_url(url).or_else(|| is_web_url(url).then(|| url.trim().to_string()))
}

/// A name or company as compared: white space collapsed, case ignored.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-03-06T10:00:00Z".parse().unwrap()
    }

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
        let (first, changes) = state.import_contacts(people.clone(), now());
        assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
        assert_eq!(changes.set.len(), 3);
        let (second, changes) = state.import_contacts(people, now());
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
        let (report, changes) = state.import_contacts(vec![ana], now());
        assert_eq!((report.added, report.updated), (0, 1));
        let contact = &state.contacts["c9"];
        assert_eq!(contact.name, "Ana Lima");
        assert_eq!(contact.email.as_deref(), Some("ana@example.com"));
        assert_eq!(contact.company.as_deref(), Some("Acme"));
        assert_eq!(
            contact.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ana/")
        );
        assert_eq!(contact.updated_at, Some(now()));
        assert!(changes.set.contains_key(&crate::store::shard_of("c9")));
    }

    #[test]
    fn the_profile_url_wins_over_a_name_shared_by_two_people() {
        let mut state = State::default();
        state.import_contacts(
            vec![
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
            ],
            now(),
        );
        assert_eq!(state.contacts.len(), 2);
        let (report, _) = state.import_contacts(
            vec![person(
                "Sam Lee",
                Some("https://www.linkedin.com/in/sam-2/"),
                Some("Globex"),
            )],
            now(),
        );
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
    fn nameless_and_repeated_people_are_skipped_with_the_reason() {
        let mut state = State::default();
        let (report, _) = state.import_contacts(
            vec![
                person(" ", None, None),
                person("Bo Chen", None, Some("Initech")),
                person("Bo Chen", None, Some("initech")),
            ],
            now(),
        );
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
        state.import_contacts(vec![full], now());
        let (report, _) = state.import_contacts(
            vec![person(
                "Ana Lima",
                Some("https://www.linkedin.com/in/ana"),
                None,
            )],
            now(),
        );
        assert_eq!(report.unchanged, 1);
        let contact = state.contacts.values().next().unwrap();
        assert_eq!(contact.headline.as_deref(), Some("Recruiter"));
        assert_eq!(contact.company.as_deref(), Some("Acme"));
    }
}
