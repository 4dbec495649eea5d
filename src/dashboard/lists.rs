//! The dashboard's long lists, searched, filtered and cut to a page in the core: the page
//! draws at most a page at a time however many contacts and follow-ups there are.

use super::{next, Lane, Next, PAGE};
use crate::checklist::about;
use crate::model::{Contact, FollowUp, Id, Opportunity, Outcome, Rule, Stage, Status};
use crate::phrase::{Key, Phrase};
use crate::playbook::rules::is_thread;
use crate::store::{ContactEdit, FollowUpEdit, State};
use crate::text::{folded, is_web_url};
use crate::wording::what_to_do;
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The first `limit` matches of a list, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub total: usize,
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// The first `limit` of `matches`, each made into a row (only those shown are).
    fn of<M>(matches: Vec<M>, limit: usize, row: impl Fn(M) -> T) -> Page<T> {
        let total = matches.len();
        Page {
            total,
            items: matches.into_iter().take(limit).map(row).collect(),
        }
    }
}

/// A search of the contacts: every word must appear in the name, company, headline or
/// position (any case, any accent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactQuery {
    #[serde(default)]
    pub search: String,
    #[serde(default = "super::page")]
    pub limit: usize,
}

impl Default for ContactQuery {
    fn default() -> Self {
        ContactQuery {
            search: String::new(),
            limit: PAGE,
        }
    }
}

/// A person as the dashboard lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Their profile, when it has an http(s) link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    /// Their part in each opportunity: "Recruiter · Staff Engineer at Acme".
    pub roles: Vec<Phrase>,
    /// What the edit form starts with.
    pub form: ContactEdit,
}

impl ContactRow {
    pub fn of(state: &State, c: &Contact) -> ContactRow {
        ContactRow {
            id: c.id.clone(),
            name: c.name.clone(),
            headline: c.headline.clone().or_else(|| c.position.clone()),
            company: c.company.clone(),
            phone: c.phone.clone(),
            profile_url: c.profile_url.clone().filter(|u| is_web_url(u)),
            roles: c
                .links
                .iter()
                .filter_map(|l| {
                    let o = state.opportunities.get(&l.opportunity)?;
                    Some(Key("dashContactRole").with([
                        l.role.phrase(),
                        o.job.title.as_str().into(),
                        o.company(),
                    ]))
                })
                .collect(),
            form: ContactEdit {
                name: c.name.clone(),
                email: c.email.clone().unwrap_or_default(),
                phone: c.phone.clone().unwrap_or_default(),
                headline: c.headline.clone().unwrap_or_default(),
                company: c.company.clone().unwrap_or_default(),
                notes: c.notes.clone().unwrap_or_default(),
            },
        }
    }
}

/// Whether every word of `search` appears in one of `fields`, ignoring case and accents.
pub fn matches_words(fields: &[Option<&str>], search: &str) -> bool {
    if search.trim().is_empty() {
        return true;
    }
    let haystack = folded(
        &fields
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    );
    folded(search)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// Whether a contact matches every word of `search`.
pub fn matches(c: &Contact, search: &str) -> bool {
    matches_words(
        &[
            Some(c.name.as_str()),
            c.company.as_deref(),
            c.headline.as_deref(),
            c.position.as_deref(),
        ],
        search,
    )
}

/// The contacts matching the query, by name: the people the user works with, or (`network`)
/// the imported connections never worked with (`State::untouched_network`).
pub fn contacts(
    state: &State,
    query: &ContactQuery,
    untouched: &HashSet<&Id>,
    network: bool,
) -> Page<ContactRow> {
    let mut found: Vec<&Contact> = state
        .contacts
        .values()
        .filter(|c| untouched.contains(&c.id) == network && matches(c, &query.search))
        .collect();
    found.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id.clone()));
    Page::of(found, query.limit, |c| ContactRow::of(state, c))
}

/// A search of the applications, closed ones included: every word must appear in the title,
/// company, location or notes (any case, any accent). Empty: no search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationQuery {
    #[serde(default)]
    pub search: String,
    #[serde(default = "super::page")]
    pub limit: usize,
}

impl Default for ApplicationQuery {
    fn default() -> Self {
        ApplicationQuery {
            search: String::new(),
            limit: PAGE,
        }
    }
}

/// An application found by the search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub stage: Stage,
    /// Accepted, rejected or withdrawn: archived off the board's main view.
    pub closed: bool,
}

/// The applications matching the search, most recently tracked first; `None` when there is no
/// search.
pub fn applications(state: &State, query: &ApplicationQuery) -> Option<Page<Found>> {
    if query.search.trim().is_empty() {
        return None;
    }
    let mut found: Vec<&Opportunity> = state
        .opportunities
        .values()
        .filter(|o| {
            let job = &o.job;
            let fields = [
                Some(job.title.as_str()),
                job.company.as_deref(),
                job.location.as_deref(),
                o.notes.as_deref(),
            ];
            matches_words(&fields, &query.search)
        })
        .collect();
    found.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    Some(Page::of(found, query.limit, |o| Found {
        id: o.id.clone(),
        title: o.job.title.clone(),
        company: o.job.company.clone(),
        location: o.job.location.clone(),
        stage: o.stage,
        closed: Lane::of(o.stage) == Lane::Closed,
    }))
}

/// Which follow-ups to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Show {
    /// Pending: open or snoozed.
    #[default]
    Open,
    /// Pending and past their due time.
    Overdue,
    /// Done (as a touch or not).
    Done,
    All,
}

impl Show {
    pub const ALL: [Show; 4] = [Show::Open, Show::Overdue, Show::Done, Show::All];

    /// The choice as the follow-ups' filter says it: "Overdue".
    pub fn phrase(self) -> Phrase {
        match self {
            Show::Open => Key("dashShowOpen"),
            Show::Overdue => Key("dashShowOverdue"),
            Show::Done => Key("dashShowDone"),
            Show::All => Key("dashShowAll"),
        }
        .phrase()
    }
}

/// A filter of the follow-ups: by status, rule and opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpQuery {
    #[serde(default)]
    pub show: Show,
    #[serde(default)]
    pub rule: Option<Rule>,
    #[serde(default)]
    pub opportunity: Option<Id>,
    #[serde(default = "super::page")]
    pub limit: usize,
}

impl Default for FollowUpQuery {
    fn default() -> Self {
        FollowUpQuery {
            show: Show::Open,
            rule: None,
            opportunity: None,
            limit: PAGE,
        }
    }
}

/// A follow-up as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRow {
    pub id: Id,
    pub rule: Rule,
    pub text: Phrase,
    /// The person, role and company it is about.
    pub about: String,
    /// Its status as the user sees it now.
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// When it is due or how late it is (pending), or when it ended.
    pub when: Phrase,
    pub overdue: bool,
    /// Still to do (open or snoozed): it can be done, snoozed or drafted; an ended one cannot.
    pub pending: bool,
    /// A touch on a thread: done asks how it went, as in the popup.
    pub touch: bool,
    /// What the edit form starts with: its words as shown and its due time in the user's zone.
    pub form: FollowUpEdit,
}

/// The follow-ups the query asks for: pending ones by due time, soonest first; ended ones
/// most recently ended first.
pub fn followups(
    state: &State,
    query: &FollowUpQuery,
    now: DateTime<Utc>,
    tz: Tz,
) -> Page<FollowUpRow> {
    let mut found: Vec<&FollowUp> = state
        .followups
        .values()
        .filter(|f| match query.show {
            Show::Open => f.is_pending(),
            Show::Overdue => f.is_pending() && f.due < now,
            Show::Done => f.status == Status::Done,
            Show::All => true,
        })
        .filter(|f| query.rule.is_none_or(|rule| f.rule == rule))
        .filter(|f| {
            query
                .opportunity
                .as_ref()
                .is_none_or(|id| f.opportunity.as_ref() == Some(id))
        })
        .collect();
    let ended_at = |f: &FollowUp| f.ended_at.unwrap_or(f.due);
    found.sort_by(|a, b| match (a.is_pending(), b.is_pending()) {
        (true, true) => (a.due, &a.id).cmp(&(b.due, &b.id)),
        (false, false) => (ended_at(b), &b.id).cmp(&(ended_at(a), &a.id)),
        (pending, _) => pending.cmp(&false).reverse(),
    });
    Page::of(found, query.limit, |f| row(state, f, now, tz))
}

fn row(state: &State, f: &FollowUp, now: DateTime<Utc>, tz: Tz) -> FollowUpRow {
    let (text, when, overdue) = if f.is_pending() {
        let Next {
            text,
            when,
            overdue,
        } = next(state, f, now, tz);
        (text, when, overdue)
    } else {
        let ended = f.ended_at.unwrap_or(f.due);
        (what_to_do(state, f, tz), Phrase::day(ended, now, tz), false)
    };
    FollowUpRow {
        id: f.id.clone(),
        rule: f.rule,
        text,
        about: about(state, f),
        status: f.status_at(now),
        outcome: f.outcome,
        when,
        overdue,
        pending: f.is_pending(),
        touch: is_thread(f.rule),
        form: FollowUpEdit::of(&what_to_do(state, f, tz).english(), f.due, tz),
    }
}
