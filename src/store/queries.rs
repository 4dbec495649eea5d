//! What the pages and the worker read of the user's data: the posting on screen among those
//! tracked, the follow-ups pending and due, the badge number, the promises kept.

use super::{posting_key, records::on_badge, State, FOLLOWUP};
use crate::capture::{canonical_url, maybe_same_posting, same_posting_as};
use crate::model::{FollowUp, Id, Job, Opportunity, Rule, Status, What};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The canonical form of each posting address compared so far, by address. Finding the posting
/// on screen among thousands tracked compares it with each one's canonical address; working
/// those out again each time (parsing every stored URL) was most of a Track at 10,000 postings.
/// `canonical_url` is a function of the address alone, so what is remembered never goes stale.
#[derive(Debug, Default)]
pub struct CanonicalUrls(RefCell<HashMap<String, Option<String>>>);

impl CanonicalUrls {
    /// Whether `url`, made canonical, is `canonical`.
    pub fn is(&self, url: &str, canonical: &str) -> bool {
        if let Some(known) = self.0.borrow().get(url) {
            return known.as_deref() == Some(canonical);
        }
        let worked_out = canonical_url(url);
        let is = worked_out.as_deref() == Some(canonical);
        self.0.borrow_mut().insert(url.to_string(), worked_out);
        is
    }
}

/// A copy starts with what the original worked out.
impl Clone for CanonicalUrls {
    fn clone(&self) -> Self {
        CanonicalUrls(RefCell::new(self.0.borrow().clone()))
    }
}

/// What is remembered is not part of the user's data: two states are equal whatever they
/// worked out.
impl PartialEq for CanonicalUrls {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The promise record for the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisesKept {
    pub made: usize,
    pub done: usize,
    /// Done before their due time.
    pub early: usize,
}

impl State {
    /// The contacts that are only the imported LinkedIn network: connected on LinkedIn (from a
    /// `Connections.csv` or the connections list) and never worked with. Worked with means
    /// linked to an application, named by an event or a follow-up, referred or referring,
    /// kept in touch with, or given notes or a correction by the user. Removing these loses
    /// nothing the user did; the dashboard lists them apart from the people the user works with.
    pub fn untouched_network(&self) -> HashSet<&Id> {
        let mut worked_with: HashSet<&Id> = HashSet::new();
        for e in self.events.values() {
            worked_with.extend(&e.contact);
            if let What::Referral { referrer } = &e.what {
                worked_with.insert(referrer);
            }
        }
        worked_with.extend(self.followups.values().filter_map(|f| f.contact.as_ref()));
        worked_with.extend(
            self.contacts
                .values()
                .filter_map(|c| c.referred_by.as_ref()),
        );
        self.contacts
            .values()
            .filter(|c| {
                c.connected_on.is_some()
                    && c.links.is_empty()
                    && c.referred_by.is_none()
                    && c.cadence_days.is_none()
                    && c.notes.as_deref().is_none_or(|n| n.trim().is_empty())
                    && c.edits.is_empty()
                    && !worked_with.contains(&c.id)
            })
            .map(|c| &c.id)
            .collect()
    }

    /// The opportunity tracked for this posting: the same board key, else the same canonical URL,
    /// else a posting the user linked to it.
    pub fn find_posting(&self, job: &Job) -> Option<&Opportunity> {
        let canonical = job.url.as_deref().and_then(canonical_url);
        self.opportunities
            .values()
            .find(|o| {
                same_posting_as(&o.job, job, canonical.as_deref(), |url, wanted| {
                    self.canonical_urls.is(url, wanted)
                })
            })
            .or_else(|| {
                posting_key(job)
                    .and_then(|key| self.aliases.get(&key))
                    .and_then(|id| self.opportunities.get(id))
            })
    }

    /// An opportunity that may be this posting seen on another board (same title and company,
    /// nothing to tie them for sure): the user is asked.
    pub fn find_maybe_same(&self, job: &Job) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| maybe_same_posting(&o.job, job))
    }

    /// The opportunity tracked for this page URL, if any.
    pub fn find_by_url(&self, url: &str) -> Option<&Opportunity> {
        self.opportunities
            .values()
            .find(|o| o.job.url.as_deref() == Some(url))
    }

    /// Follow-ups not ended yet (open or snoozed).
    pub fn pending_followups(&self) -> impl Iterator<Item = &FollowUp> {
        self.followups.values().filter(|f| f.is_pending())
    }

    /// The due times and ids of every pending follow-up, those read and those left unread on
    /// wake (`unread_pending`), by due time then id.
    pub fn pending_dues(&self) -> Vec<(DateTime<Utc>, &Id)> {
        let mut dues: Vec<(DateTime<Utc>, &Id)> = self
            .pending_followups()
            .map(|f| (f.due, &f.id))
            .chain(self.unread_pending.iter().map(|(id, due)| (*due, id)))
            .collect();
        dues.sort();
        dues
    }

    /// Pending follow-ups due before `now`, read or not.
    pub fn overdue_count(&self, now: DateTime<Utc>) -> usize {
        let read = self.pending_followups().filter(|f| f.due < now).count();
        read + self
            .unread_pending
            .values()
            .filter(|due| **due < now)
            .count()
    }

    /// The keys of the pending follow-ups left unread on wake: what the badge, the alarm and
    /// the notices need read first.
    pub fn unread_pending_keys(&self) -> Vec<String> {
        self.unread_pending
            .keys()
            .map(|id| format!("{FOLLOWUP}{id}"))
            .collect()
    }

    /// The badge number, as the settings ask: overdue only, or overdue plus due later today.
    pub fn badge_count(&self, now: DateTime<Utc>, tz: Tz) -> usize {
        self.pending_followups()
            .filter(|f| on_badge(f.due, self.settings.badge, now, tz))
            .count()
    }

    /// When the next pending follow-up falls due, to arm the alarm.
    pub fn next_due_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.pending_followups()
            .map(|f| f.due)
            .filter(|due| *due > now)
            .min()
    }

    /// Follow-ups that fell due in `(since, now]`, by due time: what to notify about once,
    /// however many alarms were missed while the browser slept.
    pub fn newly_due(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<&FollowUp> {
        let mut due: Vec<&FollowUp> = self
            .pending_followups()
            .filter(|f| f.due > since && f.due <= now)
            .collect();
        due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        due
    }

    /// Promises (R15) kept: how many were done, and how many of those before their due time
    /// ("under-promise, over-deliver").
    pub fn promises_kept(&self) -> PromisesKept {
        let mut kept = PromisesKept::default();
        for f in self.followups.values().filter(|f| f.rule == Rule::R15) {
            kept.made += 1;
            if f.status == Status::Done {
                kept.done += 1;
                if f.ended_at.is_some_and(|at| at <= f.due) {
                    kept.early += 1;
                }
            }
        }
        kept
    }
}
