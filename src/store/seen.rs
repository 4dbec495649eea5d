//! The "recently viewed" list: every posting capture finds as the user browses is remembered,
//! bounded in count and age, so a posting seen yesterday can be tracked today.

use super::{Changes, State, SEEN};
use crate::capture::canonical_url;
use crate::model::Job;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A posting the user viewed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub key: String,
    pub job: Job,
    pub seen_at: DateTime<Utc>,
}

impl State {
    /// Remembers a posting the user is viewing (when the setting is on) and forgets what is past
    /// the cap or the age limit. Returns the records to write and to drop.
    pub fn see(&mut self, job: &Job, now: DateTime<Utc>) -> Changes {
        let mut changes = Changes::default();
        let history = &self.settings.seen;
        let Some(key) = posting_key(job).filter(|_| history.on && history.cap > 0) else {
            return changes;
        };
        let seen = Seen {
            key: key.clone(),
            job: job.clone(),
            seen_at: now,
        };
        changes.put(format!("{SEEN}{key}"), &seen);
        self.seen.insert(key, seen);
        let (cap, days) = (history.cap, history.days);
        forget_past(
            &mut self.seen,
            SEEN,
            cap,
            days,
            now,
            |s| s.seen_at,
            &mut changes,
        );
        changes
    }

    /// Recently viewed postings not tracked yet, newest first, at most `limit`.
    pub fn recently_seen(&self, limit: usize) -> Vec<&Seen> {
        let mut recent: Vec<&Seen> = self
            .seen
            .values()
            .filter(|s| self.find_posting(&s.job).is_none())
            .collect();
        recent.sort_by(|a, b| b.seen_at.cmp(&a.seen_at).then_with(|| a.key.cmp(&b.key)));
        recent.truncate(limit);
        recent
    }
}

/// The board's key for the posting, else its canonical address: its key in the list.
pub fn posting_key(job: &Job) -> Option<String> {
    job.job_key
        .clone()
        .or_else(|| job.url.as_deref().and_then(canonical_url))
}

/// Drops from `records` (stored under `prefix`) what is past the cap, oldest first, or older
/// than `days`, noting each removal in `changes`.
pub(super) fn forget_past<T>(
    records: &mut BTreeMap<String, T>,
    prefix: &str,
    cap: usize,
    days: u32,
    now: DateTime<Utc>,
    seen_at: impl Fn(&T) -> DateTime<Utc>,
    changes: &mut Changes,
) {
    let too_old = now - Duration::days(i64::from(days));
    let mut by_age: Vec<(DateTime<Utc>, String)> = records
        .iter()
        .map(|(key, record)| (seen_at(record), key.clone()))
        .collect();
    by_age.sort();
    let over = by_age.len().saturating_sub(cap);
    for (index, (seen_at, key)) in by_age.into_iter().enumerate() {
        if index < over || seen_at < too_old {
            records.remove(&key);
            let key = format!("{prefix}{key}");
            changes.set.remove(&key);
            changes.remove.push(key);
        }
    }
}
