//! The popup's checklist as plain data: pending follow-ups grouped Overdue / Today / This week /
//! Later, each saying what to do, for which role or person, why, and how late it is, as phrases
//! the popup says in the user's language, with times in the user's zone (a reminder planned at
//! 09:00 in New York shows as 15:00 in Berlin).

use crate::model::{FollowUp, Id, Rule, Status};
use crate::phrase::{Forms, Key, Phrase, Style};
use crate::playbook::rules::{is_thread, recurs};
use crate::schedule::add_days;
use crate::store::{shard_of, State, EVENT, FOLLOWUP, OPPORTUNITY};
use crate::text::is_web_url;
use crate::wording::{note, what_to_do};
use crate::zone::Tz;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Overdue,
    Today,
    ThisWeek,
    Later,
}

impl Group {
    /// The section's title: "Overdue".
    pub fn phrase(self) -> Phrase {
        match self {
            Group::Overdue => Key("checklistOverdue"),
            Group::Today => Key("checklistToday"),
            Group::ThisWeek => Key("checklistThisWeek"),
            Group::Later => Key("checklistLater"),
        }
        .phrase()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub overdue: usize,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub group: Group,
    /// The first `SHOWN_PER_SECTION` items, by due time.
    pub items: Vec<Item>,
    /// Items of the section not listed (a long search can have thousands pending).
    #[serde(default)]
    pub more: usize,
}

impl Checklist {
    /// The line above the list: "1 follow-up overdue", "3 follow-ups overdue", or all clear.
    pub fn summary(&self) -> Phrase {
        match self.overdue {
            0 => Key("popupAllClear").phrase(),
            n => Forms {
                one: Key("popupOverdueCount_one"),
                other: Key("popupOverdueCount_other"),
            }
            .count(n),
        }
    }
}

impl Section {
    /// The section's heading with how many it holds, listed or not: "Overdue (3)".
    pub fn heading(&self) -> Phrase {
        Forms {
            one: Key("popupGroupHeading_one"),
            other: Key("popupGroupHeading_other"),
        }
        .of(self.items.len() + self.more, [self.group.phrase()])
    }

    /// Under a section that lists only its first items: "And 3 more, listed as you complete
    /// these.", when there are more.
    pub fn more_line(&self) -> Option<Phrase> {
        (self.more > 0).then(|| {
            Forms {
                one: Key("checklistMore_one"),
                other: Key("checklistMore_other"),
            }
            .count(self.more)
        })
    }
}

/// The toolbar button's tooltip for a badge count: "Follow Through: 1 follow-up to do", the
/// extension's name alone at zero.
pub fn badge_title(count: usize) -> Phrase {
    match count {
        0 => Key("extName").phrase(),
        n => Forms {
            one: Key("badgeTitle_one"),
            other: Key("badgeTitle_other"),
        }
        .count(n),
    }
}

/// At most this many items per section: the popup paints in a blink even with thousands pending.
pub const SHOWN_PER_SECTION: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: Id,
    pub rule: Rule,
    /// What to do.
    pub what: Phrase,
    /// The person, role and company it is about, those known (shown with `about_besides`).
    pub about: Vec<String>,
    /// The event behind it and when it happened: "Applied Fri 6 Mar".
    pub why: Phrase,
    /// When it is due, or how late it is.
    pub when: Phrase,
    /// How the due time was chosen when the words gave no date (a promise "before the
    /// interview").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Phrase>,
    /// A touch on a thread: done can say "no answer yet" (next touch) or "they answered".
    pub touch: bool,
    /// The posting (else the person's profile), when it has an http(s) link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Builds the checklist at `now`. Sections are always listed, empty ones too, in the order
/// Overdue, Today, This week, Later; items within a section by due time. A section counts its
/// follow-ups read or not; it lists those `shown` names, read first (`unread`).
pub fn checklist(state: &State, now: DateTime<Utc>, tz: Tz) -> Checklist {
    let shown = shown(state, now, tz);
    let overdue = shown
        .iter()
        .filter(|(group, ..)| *group == Group::Overdue)
        .map(|(_, _, held)| held)
        .sum();
    let sections = shown
        .into_iter()
        .map(|(group, ids, held)| Section {
            group,
            items: ids
                .iter()
                .filter_map(|id| state.followups.get(*id))
                .map(|f| item(state, f, group, now, tz))
                .collect(),
            more: held.saturating_sub(ids.len()),
        })
        .collect();
    Checklist { overdue, sections }
}

/// Each section's group, the follow-ups it lists (at most `SHOWN_PER_SECTION`, by due time
/// then id) and how many it holds.
fn shown(state: &State, now: DateTime<Utc>, tz: Tz) -> [(Group, Vec<&Id>, usize); 4] {
    let today = now.with_timezone(&tz).date_naive();
    let week_end = add_days(today, 6 - i64::from(today.weekday().num_days_from_monday()));
    let group_of = |due: DateTime<Utc>| {
        if due < now {
            return Group::Overdue;
        }
        let day = due.with_timezone(&tz).date_naive();
        if day == today {
            Group::Today
        } else if day <= week_end {
            Group::ThisWeek
        } else {
            Group::Later
        }
    };
    let mut sections = [Group::Overdue, Group::Today, Group::ThisWeek, Group::Later]
        .map(|group| (group, Vec::new(), 0));
    // Each follow-up's group once: a due time in the user's zone costs a zone lookup, and a
    // long search has thousands pending.
    for (due, id) in state.pending_dues() {
        let group = group_of(due);
        if let Some((_, ids, held)) = sections.iter_mut().find(|(of, ..)| *of == group) {
            if ids.len() < SHOWN_PER_SECTION {
                ids.push(id);
            }
            *held += 1;
        }
    }
    sections
}

/// The unread records the checklist needs next, of those a waking worker left unread: the
/// follow-ups it shows, then the events and postings they name and the records keeping the
/// people they name (whom each is about, whom its event was with, who referred them), and
/// every follow-up where a shown one recurs (its words depend on the ones before it). An
/// event's person and a referrer are known once the event and the person are read: read
/// these, then ask again until none is left.
pub fn unread(state: &State, now: DateTime<Utc>, tz: Tz) -> Vec<String> {
    let listed: Vec<&Id> = shown(state, now, tz)
        .into_iter()
        .flat_map(|(_, ids, _)| ids)
        .collect();
    unread_naming(state, &listed)
}

/// The unread records that the words of the follow-ups `listed` name (as `unread` says), for
/// the checklist or a notification; read these, then ask again until none is left.
pub fn unread_naming(state: &State, listed: &[&Id]) -> Vec<String> {
    let mut wanted: BTreeSet<String> = listed
        .iter()
        .filter(|id| state.unread_pending.contains_key(**id))
        .map(|id| format!("{FOLLOWUP}{id}"))
        .collect();
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut history = false;
    for f in listed.iter().filter_map(|id| state.followups.get(*id)) {
        named.extend(f.contact.as_deref());
        wanted.insert(format!("{EVENT}{}", f.event));
        wanted.extend(f.opportunity.iter().map(|id| format!("{OPPORTUNITY}{id}")));
        let event = state.events.get(&f.event);
        named.extend(event.and_then(|e| e.contact.as_deref()));
        history |= recurs(f.rule);
    }
    let referrers: Vec<&str> = named
        .iter()
        .filter_map(|id| state.contacts.get(*id))
        .filter_map(|c| c.referred_by.as_deref())
        .collect();
    named.extend(referrers);
    wanted.extend(named.into_iter().map(shard_of));
    state
        .unread
        .iter()
        .filter(|key| wanted.contains(*key) || (history && key.starts_with(FOLLOWUP)))
        .cloned()
        .collect()
}

/// The badge text for an overdue count: nothing at zero.
pub fn badge_text(overdue: usize) -> String {
    match overdue {
        0 => String::new(),
        1..=99 => overdue.to_string(),
        _ => "99+".to_string(),
    }
}

/// Whom and what a follow-up is about: "Ana Lima · Data Engineer · Acme", the parts known.
pub(crate) fn about(state: &State, f: &FollowUp) -> String {
    about_parts(state, f).join(" · ")
}

/// The line under a row's title: the parts of what it is about that the title (`said`, as the
/// user reads it) does not already say, so that "Connect with Ana Lima on LinkedIn" is not
/// signed "Ana Lima" again.
pub fn about_besides(parts: &[String], said: &str) -> String {
    parts
        .iter()
        .filter(|part| !said.contains(part.as_str()))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The person, role and company a follow-up is about, those known.
fn about_parts(state: &State, f: &FollowUp) -> Vec<String> {
    let opportunity = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id));
    let contact = f.contact.as_ref().and_then(|id| state.contacts.get(id));
    [
        contact.map(|c| c.name.clone()),
        opportunity.map(|o| o.job.title.clone()),
        opportunity.and_then(|o| o.job.company.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect()
}

fn item(state: &State, f: &FollowUp, group: Group, now: DateTime<Utc>, tz: Tz) -> Item {
    let opportunity = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id));
    let contact = f.contact.as_ref().and_then(|id| state.contacts.get(id));
    let why = state
        .events
        .get(&f.event)
        .map(|e| Key("checklistWhy").with([e.what.kind().phrase(), Phrase::day(e.at, now, tz)]))
        .unwrap_or_else(|| "".into());
    let when = match group {
        Group::Overdue => lateness(now - f.due),
        Group::Today => Key("checklistTodayAt").with([Phrase::moment(f.due, tz, Style::Clock)]),
        _ if f.status == Status::Snoozed => {
            Key("checklistSnoozedTo").with([Phrase::day(f.due, now, tz)])
        }
        _ => due_on(f, now, tz),
    };
    let url = opportunity
        .and_then(|o| o.job.url.clone())
        .or_else(|| contact.and_then(|c| c.profile_url.clone()))
        .filter(|u| is_web_url(u));
    Item {
        id: f.id.clone(),
        rule: f.rule,
        what: what_to_do(state, f, tz),
        about: about_parts(state, f),
        why,
        when,
        note: note(state, f),
        touch: is_thread(f.rule),
        url,
    }
}

/// A posting viewed lately and not tracked yet, as the popup lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentItem {
    /// Its key in the recently viewed list.
    pub key: String,
    pub title: String,
    /// Company and location.
    pub place: String,
    /// "Seen today", "Seen Fri 6 Mar".
    pub seen: Phrase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Postings viewed lately and not tracked, newest first.
pub fn recent(state: &State, now: DateTime<Utc>, tz: Tz, limit: usize) -> Vec<RecentItem> {
    let today = now.with_timezone(&tz).date_naive();
    state
        .recently_seen(limit)
        .into_iter()
        .map(|s| RecentItem {
            key: s.key.clone(),
            title: s.job.title.clone(),
            place: [s.job.company.as_deref(), s.job.location.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            seen: if s.seen_at.with_timezone(&tz).date_naive() == today {
                Key("seenToday").phrase()
            } else {
                Key("seenOn").with([Phrase::day(s.seen_at, now, tz)])
            },
            url: s.job.url.clone().filter(|u| is_web_url(u)),
        })
        .collect()
}

/// "Due Fri 6 Mar".
pub(crate) fn due_on(f: &FollowUp, now: DateTime<Utc>, tz: Tz) -> Phrase {
    Key("checklistDue").with([Phrase::day(f.due, now, tz)])
}

/// How late something is: "Just now", "1 hour late", "3 days late".
pub(crate) fn lateness(late: chrono::Duration) -> Phrase {
    match (late.num_days(), late.num_hours()) {
        (0, 0) => Key("lateJustNow").phrase(),
        (0, hours) => Forms {
            one: Key("lateHours_one"),
            other: Key("lateHours_other"),
        }
        .count(hours.unsigned_abs() as usize),
        (days, _) => Forms {
            one: Key("lateDays_one"),
            other: Key("lateDays_other"),
        }
        .count(days.unsigned_abs() as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(group: Group, listed: usize, more: usize) -> Section {
        let item = Item {
            id: "f".into(),
            rule: Rule::R1,
            what: "Follow up".into(),
            about: vec![],
            why: "".into(),
            when: "".into(),
            note: None,
            touch: false,
            url: None,
        };
        Section {
            group,
            items: vec![item; listed],
            more,
        }
    }

    #[test]
    fn the_overdue_line_says_one_follow_up_or_several() {
        let said = |overdue| {
            Checklist {
                overdue,
                sections: vec![],
            }
            .summary()
            .english()
        };
        assert_eq!(said(0), "Nothing overdue. Well done.");
        assert_eq!(said(1), "1 follow-up overdue");
        assert_eq!(said(2), "2 follow-ups overdue");
    }

    #[test]
    fn a_section_heading_counts_what_it_lists_and_what_it_holds_back() {
        let overdue = section(Group::Overdue, 1, 0);
        assert_eq!(overdue.heading().english(), "Overdue (1)");
        assert_eq!(overdue.more_line(), None);
        let later = section(Group::Later, 2, 9);
        assert_eq!(later.heading().english(), "Later (11)");
        let more = later.more_line().map(|p| p.english());
        assert_eq!(
            more.as_deref(),
            Some("And 9 more, listed as you complete these.")
        );
    }

    #[test]
    fn lateness_and_the_badge_title_are_said_in_the_singular_for_one() {
        let late = |hours| lateness(chrono::Duration::hours(hours)).english();
        assert_eq!(late(0), "Just now");
        assert_eq!(late(1), "1 hour late");
        assert_eq!(late(5), "5 hours late");
        assert_eq!(late(24), "1 day late");
        assert_eq!(late(9463 * 24), "9,463 days late");
        assert_eq!(badge_title(0).english(), "Follow Through");
        assert_eq!(
            badge_title(1).english(),
            "Follow Through: 1 follow-up to do"
        );
        assert_eq!(
            badge_title(3).english(),
            "Follow Through: 3 follow-ups to do"
        );
    }
}
