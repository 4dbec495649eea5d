//! What the popup shows about the LinkedIn person on screen: what the page says of them, the
//! saved contact if there is one, the jobs they are linked to and in which role, the tracked
//! jobs they could be linked to, and the people who could have referred the user to them.

use crate::capture::linkedin_profile_url;

use crate::model::Person;
use crate::model::{Contact, Id, Role};
use crate::phrase::Phrase;
use crate::store::State;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};

/// How many referrer names the card offers to pick from (any saved name can still be typed).
const REFERRERS_OFFERED: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonCard {
    pub person: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The tracked jobs the contact plays a part in.
    #[serde(default)]
    pub linked: Vec<JobLink>,
    /// Tracked jobs still open that the contact is not linked to yet.
    #[serde(default)]
    pub jobs: Vec<JobChoice>,
    /// Names of contacts the user works with, to pick a referrer from.
    #[serde(default)]
    pub referrers: Vec<String>,
}

/// A job the contact is linked to, and their role in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobLink {
    pub opportunity: Id,
    pub title: String,
    pub company: Phrase,
    pub role: Role,
}

/// A tracked job, as a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobChoice {
    pub id: Id,
    pub title: String,
    pub company: Phrase,
}

impl PersonCard {
    /// The card of a person as the page shows them, with what the store knows of them.
    pub fn new(state: &State, person: Person) -> PersonCard {
        let contact = person
            .profile_url
            .as_deref()
            .and_then(linkedin_profile_url)
            .and_then(|key| state.contact_by_profile(&key))
            .cloned();
        let linked: Vec<JobLink> = contact
            .iter()
            .flat_map(|c| &c.links)
            .filter_map(|link| {
                let o = state.opportunities.get(&link.opportunity)?;
                Some(JobLink {
                    opportunity: o.id.clone(),
                    title: o.job.title.clone(),
                    company: o.company(),
                    role: link.role,
                })
            })
            .collect();
        let jobs = match &contact {
            Some(_) => state
                .opportunities
                .values()
                .filter(|o| !o.stage.is_closed())
                .filter(|o| !linked.iter().any(|l| l.opportunity == o.id))
                .map(|o| JobChoice {
                    id: o.id.clone(),
                    title: o.job.title.clone(),
                    company: o.company(),
                })
                .collect(),
            None => Vec::new(),
        };
        let referrers = match &contact {
            Some(this) => referrers(state, &this.id),
            None => Vec::new(),
        };
        PersonCard {
            person,
            contact,
            linked,
            jobs,
            referrers,
        }
    }
}

/// Names of the contacts the user works with (linked to a job, or part of an event), other
/// than `this`, sorted, at most `REFERRERS_OFFERED`.
pub fn referrers(state: &State, this: &str) -> Vec<String> {
    let in_events: HashSet<&str> = state
        .events
        .values()
        .filter_map(|e| e.contact.as_deref())
        .collect();
    let names: BTreeSet<&str> = state
        .contacts
        .values()
        .filter(|c| c.id != this && !c.name.is_empty())
        .filter(|c| !c.links.is_empty() || in_events.contains(c.id.as_str()))
        .map(|c| c.name.as_str())
        .collect();
    names
        .into_iter()
        .take(REFERRERS_OFFERED)
        .map(str::to_string)
        .collect()
}
