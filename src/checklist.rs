//! The popup's checklist as plain data: open follow-ups grouped Overdue / Today / Later, each
//! saying what to do, for which role, why, and how late it is, worded in the user's zone.

use crate::capture::is_web_url;
use crate::model::{EventKind, FollowUp, Id};
use crate::store::State;
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Overdue,
    Today,
    Later,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub overdue: usize,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub group: Group,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: Id,
    /// What to do.
    pub what: String,
    /// The role and company it is about.
    pub about: String,
    /// The event behind it and when it happened.
    pub why: String,
    /// When it is due, or how late it is.
    pub when: String,
    /// The posting, when it has an http(s) link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Builds the checklist at `now`. Sections are always listed, empty ones too, in the order
/// Overdue, Today, Later; items within a section by due time.
pub fn checklist(state: &State, now: DateTime<Utc>, tz: Tz) -> Checklist {
    let today = now.with_timezone(&tz).date_naive();
    let mut open: Vec<&FollowUp> = state.open_followups().collect();
    open.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let group_of = |f: &FollowUp| {
        if f.due < now {
            Group::Overdue
        } else if f.due.with_timezone(&tz).date_naive() == today {
            Group::Today
        } else {
            Group::Later
        }
    };
    let sections = [
        (Group::Overdue, "Overdue"),
        (Group::Today, "Today"),
        (Group::Later, "Later"),
    ]
    .into_iter()
    .map(|(group, title)| Section {
        group,
        title: title.to_string(),
        items: open
            .iter()
            .filter(|f| group_of(f) == group)
            .map(|f| item(state, f, group, now, tz))
            .collect(),
    })
    .collect();
    Checklist {
        overdue: state.overdue_count(now),
        sections,
    }
}

/// The badge text for an overdue count: nothing at zero.
pub fn badge_text(overdue: usize) -> String {
    match overdue {
        0 => String::new(),
        1..=99 => overdue.to_string(),
        _ => "99+".to_string(),
    }
}

fn item(state: &State, f: &FollowUp, group: Group, now: DateTime<Utc>, tz: Tz) -> Item {
    let opportunity = state.opportunities.get(&f.opportunity);
    let about = opportunity
        .map(|o| match &o.job.company {
            Some(company) => format!("{} · {company}", o.job.title),
            None => o.job.title.clone(),
        })
        .unwrap_or_default();
    let why = state
        .events
        .get(&f.event)
        .map(|e| {
            let verb = match e.kind {
                EventKind::Saved => "Saved",
                EventKind::Applied => "Applied",
            };
            format!("{verb} {}", day(e.at, now, tz))
        })
        .unwrap_or_default();
    let due_local = f.due.with_timezone(&tz);
    let when = match group {
        Group::Overdue => lateness(now - f.due),
        Group::Today => format!("Today {}", due_local.format("%H:%M")),
        Group::Later => format!("Due {}", day(f.due, now, tz)),
    };
    Item {
        id: f.id.clone(),
        what: f.text.clone(),
        about,
        why,
        when,
        url: opportunity
            .and_then(|o| o.job.url.clone())
            .filter(|u| is_web_url(u)),
    }
}

/// "Fri 6 Mar", with the year when it is not this year's.
fn day(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> String {
    let (local, today) = (at.with_timezone(&tz), now.with_timezone(&tz));
    if local.year() == today.year() {
        local.format("%a %-d %b").to_string()
    } else {
        local.format("%a %-d %b %Y").to_string()
    }
}

fn lateness(late: chrono::Duration) -> String {
    let days = late.num_days();
    let hours = late.num_hours();
    match (days, hours) {
        (0, 0) => "Just now".to_string(),
        (0, 1) => "1 hour late".to_string(),
        (0, h) => format!("{h} hours late"),
        (1, _) => "1 day late".to_string(),
        (d, _) => format!("{d} days late"),
    }
}
