//! The dashboard as plain data: the pipeline board by stage, one opportunity's timeline, the
//! contacts and follow-ups lists (searched, filtered and paged here so thousands of records
//! stay fast to draw), the charts and the backup reminder. The page only draws what this says.

pub mod lists;
pub mod metrics;

use crate::checklist::{due_on, lateness};
use crate::formats::backup::backup_due;
use crate::model::{Edit, Event, FollowUp, Id, Opportunity, Outcome, Stage, Status, What};
use crate::phrase::{Forms, Key, Phrase};
use crate::store::{ApplicationEdit, Command, End, NewEvent, State};
use crate::text::is_web_url;
use crate::wording::{note, what_to_do};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use lists::{
    applications, contacts, followups, ApplicationQuery, ContactQuery, ContactRow, FollowUpQuery,
    FollowUpRow, Found, Page,
};
use metrics::Charts;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many rows a list shows at first, and how many more each "Show more" adds.
pub const PAGE: usize = 50;

fn page() -> usize {
    PAGE
}

/// What the dashboard asks to see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    /// Cards shown per board column.
    #[serde(default = "page")]
    pub board_limit: usize,
    /// Show the closed applications' cards; archived (only counted) by default.
    #[serde(default)]
    pub closed: bool,
    /// The applications search above the board.
    #[serde(default)]
    pub applications: ApplicationQuery,
    /// The opportunity whose timeline is open.
    #[serde(default)]
    pub timeline: Option<Id>,
    /// The people the user works with.
    #[serde(default)]
    pub contacts: ContactQuery,
    /// The imported connections never worked with.
    #[serde(default)]
    pub network: ContactQuery,
    #[serde(default)]
    pub followups: FollowUpQuery,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            board_limit: PAGE,
            closed: false,
            applications: ApplicationQuery::default(),
            timeline: None,
            contacts: ContactQuery::default(),
            network: ContactQuery::default(),
            followups: FollowUpQuery::default(),
        }
    }
}

/// Everything the dashboard draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub summary: Summary,
    pub board: Vec<Column>,
    /// The applications the search found, closed ones included; `None` without a search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<Page<Found>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// The people the user works with (see `State::untouched_network`).
    pub contacts: Page<ContactRow>,
    /// The imported LinkedIn connections never worked with, as searched.
    pub network: Page<ContactRow>,
    /// How many imported connections were never worked with: what removing them removes.
    pub untouched: usize,
    pub followups: Page<FollowUpRow>,
    /// The opportunities the follow-ups can be filtered by (see `choices`), by title.
    pub opportunities: Vec<Choice>,
    pub charts: Charts,
    pub backup: BackupStatus,
}

/// The numbers at the top of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Opportunities not closed.
    pub active: usize,
    /// Opportunities with an application logged.
    pub applied: usize,
    /// Interviewing or with an offer.
    pub interviewing: usize,
    /// Pending follow-ups.
    pub open: usize,
    pub overdue: usize,
}

/// One tile of the summary: a count, what it counts (in the count's plural form), and whether
/// it is late.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub count: usize,
    pub label: Phrase,
    pub late: bool,
}

impl Summary {
    /// The tiles: active, applied, interviewing, open and overdue.
    pub fn tiles(&self) -> [Tile; 5] {
        let tile = |count, one, other| Tile {
            count,
            label: Forms { one, other }.count(count),
            late: false,
        };
        [
            tile(
                self.active,
                Key("dashStatActive_one"),
                Key("dashStatActive_other"),
            ),
            tile(
                self.applied,
                Key("dashStatApplied_one"),
                Key("dashStatApplied_other"),
            ),
            tile(
                self.interviewing,
                Key("dashStatInterviewing_one"),
                Key("dashStatInterviewing_other"),
            ),
            tile(
                self.open,
                Key("dashStatOpen_one"),
                Key("dashStatOpen_other"),
            ),
            Tile {
                late: self.overdue > 0,
                ..tile(
                    self.overdue,
                    Key("dashStatOverdue_one"),
                    Key("dashStatOverdue_other"),
                )
            },
        ]
    }
}

/// A column of the board. `Closed` gathers accepted, rejected and withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    Saved,
    Applied,
    Interviewing,
    Offer,
    Closed,
}

impl Lane {
    pub const ALL: [Lane; 5] = [
        Lane::Saved,
        Lane::Applied,
        Lane::Interviewing,
        Lane::Offer,
        Lane::Closed,
    ];

    pub fn of(stage: Stage) -> Lane {
        match stage {
            closed if closed.is_closed() => Lane::Closed,
            Stage::Saved => Lane::Saved,
            Stage::Applied => Lane::Applied,
            Stage::Interviewing => Lane::Interviewing,
            _ => Lane::Offer,
        }
    }

    /// The column's title: "Interviewing".
    pub fn phrase(self) -> Phrase {
        match self {
            Lane::Saved => Key("dashLaneSaved"),
            Lane::Applied => Key("dashLaneApplied"),
            Lane::Interviewing => Key("dashLaneInterviewing"),
            Lane::Offer => Key("dashLaneOffer"),
            Lane::Closed => Key("dashLaneClosed"),
        }
        .phrase()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub lane: Lane,
    /// Cards in the lane; `cards` holds the first `board_limit`, most recent first.
    pub total: usize,
    pub cards: Vec<Card>,
    /// The closed lane while archived: only its count is shown, `cards` is empty.
    #[serde(default)]
    pub archived: bool,
}

/// One opportunity on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    pub stage: Stage,
    /// Whole days since it was tracked.
    pub age_days: i64,
    /// The earliest pending follow-up about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Next>,
    /// The stages it can be moved to from the menu.
    pub moves: Vec<Stage>,
}

/// A pending follow-up in a few words: what, and when (or how late).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Next {
    pub text: Phrase,
    pub when: Phrase,
    pub overdue: bool,
}

/// An opportunity to pick in a filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: Id,
    pub label: String,
}

/// Everything that happened and is planned about one opportunity, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The posting, when it has an http(s) link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The posting's salary, as it says it or the user wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    pub stage: Stage,
    /// The user's own words about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the edit form starts with.
    pub form: ApplicationEdit,
    pub entries: Vec<Entry>,
    pub contacts: Vec<ContactRow>,
}

/// One line of a timeline: an event, or a follow-up with its status, or a correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// For events: the event, which the user can delete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Id>,
    pub at: DateTime<Utc>,
    /// The day, in the user's zone.
    pub when: Phrase,
    pub text: Phrase,
    /// The person, the promise's words, how a touch went, a planning note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Phrase>,
    /// For follow-ups: their status as the user sees it now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// How many times a follow-up was snoozed.
    #[serde(default)]
    pub snoozes: usize,
}

/// Whether to remind the user to back up, and when they last did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupStatus {
    pub due: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Phrase>,
}

/// The dashboard at `now` in the user's zone, as `query` asks.
pub fn dashboard(state: &State, query: &Query, now: DateTime<Utc>, tz: Tz) -> Dashboard {
    let pending = state.pending_followups().count();
    let applied = metrics::applications(state).len();
    let summary = Summary {
        active: state
            .opportunities
            .values()
            .filter(|o| !o.stage.is_closed())
            .count(),
        applied,
        interviewing: state
            .opportunities
            .values()
            .filter(|o| matches!(o.stage, Stage::Interviewing | Stage::Offer))
            .count(),
        open: pending,
        overdue: state.overdue_count(now),
    };
    let opportunities = choices(state, query.followups.opportunity.as_deref());
    let untouched = state.untouched_network();
    Dashboard {
        summary,
        board: board(state, query.board_limit, query.closed, now, tz),
        found: applications(state, &query.applications),
        timeline: query
            .timeline
            .as_ref()
            .and_then(|id| timeline(state, id, now, tz)),
        contacts: contacts(state, &query.contacts, &untouched, false),
        network: contacts(state, &query.network, &untouched, true),
        untouched: untouched.len(),
        followups: followups(state, &query.followups, now, tz),
        opportunities,
        charts: metrics::charts(state, now, tz),
        backup: BackupStatus {
            due: backup_due(state, state.meta.last_backup, now),
            last: state.meta.last_backup.map(|at| Phrase::day(at, now, tz)),
        },
    }
}

/// How many opportunities the follow-ups filter offers at most.
pub const CHOICES: usize = 300;

/// The opportunities the follow-ups filter offers: those with something to do (a pending
/// follow-up), the most recently tracked `CHOICES` of them, and the one chosen; by title.
pub fn choices(state: &State, chosen: Option<&str>) -> Vec<Choice> {
    let pending: std::collections::HashSet<&str> = state
        .pending_followups()
        .filter_map(|f| f.opportunity.as_deref())
        .collect();
    let mut active: Vec<&Opportunity> = state
        .opportunities
        .values()
        .filter(|o| pending.contains(o.id.as_str()))
        .collect();
    active.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    active.truncate(CHOICES);
    if let Some(o) = chosen.and_then(|id| state.opportunities.get(id)) {
        if !active.iter().any(|a| a.id == o.id) {
            active.push(o);
        }
    }
    let mut choices: Vec<Choice> = active
        .into_iter()
        .map(|o| Choice {
            id: o.id.clone(),
            label: match &o.job.company {
                Some(company) => format!("{} · {company}", o.job.title),
                None => o.job.title.clone(),
            },
        })
        .collect();
    choices.sort_by_cached_key(|c| (c.label.to_lowercase(), c.id.clone()));
    choices
}

/// The board: every lane in order, cards most recently tracked first; the closed lane only
/// counted unless `closed` asks for its cards (closed applications are archived).
pub fn board(state: &State, limit: usize, closed: bool, now: DateTime<Utc>, tz: Tz) -> Vec<Column> {
    let mut next_up: HashMap<&str, &FollowUp> = HashMap::new();
    for f in state.pending_followups() {
        if let Some(id) = &f.opportunity {
            next_up
                .entry(id.as_str())
                .and_modify(|n| {
                    if (f.due, &f.id) < (n.due, &n.id) {
                        *n = f;
                    }
                })
                .or_insert(f);
        }
    }
    let mut all: Vec<&Opportunity> = state.opportunities.values().collect();
    all.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    Lane::ALL
        .into_iter()
        .map(|lane| {
            let archived = lane == Lane::Closed && !closed;
            let shown = if archived { 0 } else { limit };
            let mut in_lane = all.iter().filter(|o| Lane::of(o.stage) == lane);
            let cards = in_lane
                .by_ref()
                .take(shown)
                .map(|o| card(state, o, next_up.get(o.id.as_str()).copied(), now, tz))
                .collect::<Vec<_>>();
            Column {
                lane,
                total: cards.len() + in_lane.count(),
                cards,
                archived,
            }
        })
        .collect()
}

fn card(
    state: &State,
    o: &Opportunity,
    next_up: Option<&FollowUp>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Card {
    Card {
        id: o.id.clone(),
        title: o.job.title.clone(),
        company: o.job.company.clone(),
        stage: o.stage,
        age_days: (now - o.created_at).num_days().max(0),
        next: next_up.map(|f| next(state, f, now, tz)),
        moves: moves(o.stage),
    }
}

pub(crate) fn next(state: &State, f: &FollowUp, now: DateTime<Utc>, tz: Tz) -> Next {
    let overdue = f.due < now;
    Next {
        text: what_to_do(state, f, tz),
        when: if overdue {
            lateness(now - f.due)
        } else {
            due_on(f, now, tz)
        },
        overdue,
    }
}

/// The stages the menu offers from `stage`: applying only from saved; a closed opportunity
/// stays closed.
pub fn moves(stage: Stage) -> Vec<Stage> {
    let later = [
        Stage::Interviewing,
        Stage::Offer,
        Stage::Accepted,
        Stage::Rejected,
        Stage::Withdrawn,
    ];
    match stage {
        closed if closed.is_closed() => Vec::new(),
        Stage::Saved => std::iter::once(Stage::Applied).chain(later).collect(),
        current => later.into_iter().filter(|s| *s != current).collect(),
    }
}

/// The command that moves an opportunity to `to`, logging the event the popup would: applying,
/// an interview, an offer, or the end. `None` for a move the menu does not offer (back to saved).
pub fn move_command(opportunity_id: &str, to: Stage) -> Option<Command> {
    let id = opportunity_id.to_string();
    let log = |what: What| Command::LogEvent {
        event: NewEvent {
            opportunity_id: Some(id.clone()),
            contact_id: None,
            at: None,
            with: None,
            what,
        },
    };
    let end = |end: End| Command::EndOpportunity {
        opportunity_id: id.clone(),
        end,
        contact_id: None,
    };
    Some(match to {
        Stage::Saved => return None,
        Stage::Applied => Command::MarkApplied {
            opportunity_id: id.clone(),
        },
        Stage::Interviewing => log(What::Interviewed {
            decision_date: None,
        }),
        Stage::Offer => log(What::Offer),
        Stage::Accepted => end(End::Accepted),
        Stage::Rejected => end(End::Rejected),
        Stage::Withdrawn => end(End::Withdrawn),
    })
}

/// One opportunity's events and follow-ups by time, and the people linked to it.
pub fn timeline(state: &State, id: &str, now: DateTime<Utc>, tz: Tz) -> Option<Timeline> {
    let o = state.opportunities.get(id)?;
    let events = state
        .events
        .values()
        .filter(|e| e.opportunity.as_deref() == Some(id))
        .map(|e| event_entry(state, e, now, tz));
    let planned = state
        .followups
        .values()
        .filter(|f| f.opportunity.as_deref() == Some(id))
        .map(|f| followup_entry(state, f, now, tz));
    let reworded = state
        .followups
        .values()
        .filter(|f| f.opportunity.as_deref() == Some(id))
        .flat_map(|f| &f.edits);
    let edits = o
        .edits
        .iter()
        .chain(reworded)
        .flat_map(|edit| edit_entries(edit, now, tz));
    let mut entries: Vec<Entry> = events.chain(planned).chain(edits).collect();
    entries.sort_by_key(|a| a.at);
    let mut people: Vec<ContactRow> = state
        .contacts
        .values()
        .filter(|c| c.role_in(id).is_some())
        .map(|c| ContactRow::of(state, c))
        .collect();
    people.sort_by_key(|a| a.name.to_lowercase());
    Some(Timeline {
        id: o.id.clone(),
        title: o.job.title.clone(),
        company: o.job.company.clone(),
        location: o.job.location.clone(),
        url: o.job.url.clone().filter(|u| is_web_url(u)),
        salary: o.job.salary.clone(),
        stage: o.stage,
        notes: o.notes.clone(),
        form: ApplicationEdit {
            title: o.job.title.clone(),
            company: o.job.company.clone().unwrap_or_default(),
            location: o.job.location.clone().unwrap_or_default(),
            link: o.job.url.clone().unwrap_or_default(),
            salary: o.job.salary.clone().unwrap_or_default(),
            notes: o.notes.clone().unwrap_or_default(),
        },
        entries,
        contacts: people,
    })
}

/// A correction as timeline lines: "Edited the company", with what it was.
fn edit_entries(edit: &Edit, now: DateTime<Utc>, tz: Tz) -> impl Iterator<Item = Entry> + '_ {
    edit.changes.iter().map(move |change| Entry {
        event: None,
        at: edit.at,
        when: Phrase::day(edit.at, now, tz),
        text: Key("dashEdited").with([change.field.phrase()]),
        detail: change
            .was
            .as_deref()
            .map(|was| Key("dashEditWas").with([was.into()])),
        status: None,
        outcome: None,
        snoozes: 0,
    })
}

fn event_entry(state: &State, e: &Event, now: DateTime<Utc>, tz: Tz) -> Entry {
    let person = named(state, e.contact.as_ref());
    let (detail, outcome) = match &e.what {
        What::Promise { text } | What::Reminder { text, .. } => (Some(text.as_str().into()), None),
        What::Touch { outcome } => (person, Some(*outcome)),
        _ => (person, None),
    };
    Entry {
        event: Some(e.id.clone()),
        at: e.at,
        when: Phrase::day(e.at, now, tz),
        text: e.what.kind().phrase(),
        detail,
        status: None,
        outcome,
        snoozes: 0,
    }
}

fn followup_entry(state: &State, f: &FollowUp, now: DateTime<Utc>, tz: Tz) -> Entry {
    let at = match f.status {
        Status::Open | Status::Snoozed => f.due,
        _ => f.ended_at.unwrap_or(f.due),
    };
    let person = named(state, f.contact.as_ref());
    Entry {
        event: None,
        at,
        when: Phrase::day(at, now, tz),
        text: what_to_do(state, f, tz),
        detail: note(state, f).or(person),
        status: Some(f.status_at(now)),
        outcome: f.outcome,
        snoozes: f.snoozes.len(),
    }
}

/// The name of the contact `id`, when it has one.
fn named(state: &State, id: Option<&Id>) -> Option<Phrase> {
    id.and_then(|id| state.contacts.get(id))
        .filter(|c| !c.name.is_empty())
        .map(|c| c.name.as_str().into())
}
