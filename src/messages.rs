//! The typed messages between the extension's parts: content scripts and pages send a
//! `Request`, the worker answers with a `Reply`. Decoded and validated at the boundary.

use crate::capture::{self, Extraction, ReadPlan, Snapshot};

use crate::capture::connections::Skipped;
use crate::checklist::{checklist, recent, Checklist, RecentItem};
use crate::dashboard::{dashboard, Dashboard, Query};
use crate::drafts::{draft, templates, Draft, TemplateView};
use crate::formats::backup::{plan_import, ImportReport, Mode};
use crate::formats::download::{download, File, FileKind};
use crate::logged::{planned, promise_due};
use crate::model::{Job, Person};
use crate::model::{Opportunity, Settings};
use crate::person::{referrers, PersonCard};
use crate::phrase::{Key, Phrase};
use crate::refusal;
use crate::store::{Changes, Command, State, DUE_KEY, FOLLOWUP};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    /// Content script → worker: what should be read on this page? Nothing on pages not read
    /// as the user views them (LinkedIn's feed), or when the user turned that off.
    PlanFor { url: String },
    /// Content script → worker: what was read, as the plan asked.
    Snapshot { snapshot: Snapshot },
    /// Popup → worker: read the page in this tab now.
    CaptureTab { tab_id: i32 },
    /// Popup → worker: the follow-ups to show.
    Checklist,
    /// Popup → worker: the ready message of a follow-up.
    Draft { followup_id: String },
    /// Options page → worker: the settings to edit.
    Settings,
    /// Popup → worker: postings viewed lately and not tracked yet.
    Recent,
    /// Popup → worker: change the data.
    Command { command: Command },
    /// Popup → worker: when a promise in these words would fall due, as the user types it.
    PromiseDue { text: String },
    /// Popup → worker: the card of a LinkedIn person, with what the store knows of them.
    Person { person: Person },
    /// Settings page → worker: import a LinkedIn `Connections.csv`, read as text by the page
    /// (`linkedin::text_of`, which keeps every row whatever the file's encoding).
    ImportConnections { text: String },
    /// Dashboard → worker: the dashboard, as the query asks.
    Dashboard { query: Query },
    /// Dashboard → worker: a file of the user's data (a backup records when it was made).
    Download { kind: FileKind },
    /// Dashboard → worker: check a backup and say what importing it would change. Nothing is
    /// written.
    PlanImport { text: String, mode: Mode },
    /// Dashboard → worker: import a backup the user confirmed (checked again first).
    Import { text: String, mode: Mode },
}

impl Request {
    /// Whether the answer needs every record, descriptions included: a backup, or a restore
    /// that compares the store with a file. A waking worker reads descriptions only then.
    pub fn needs_everything(&self) -> bool {
        matches!(
            self,
            Request::Download {
                kind: FileKind::Backup
            } | Request::PlanImport { .. }
                | Request::Import { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reply {
    Plan {
        plan: Option<ReadPlan>,
    },
    Page {
        page: PageView,
    },
    Checklist {
        checklist: Checklist,
    },
    Updated {
        opportunity: Option<Opportunity>,
        checklist: Checklist,
        /// The follow-ups the change planned, in words, soonest first.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        planned: Vec<Phrase>,
    },
    /// When the promise asked about would fall due; nothing for no words.
    PromiseDue {
        due: Option<Phrase>,
    },
    Draft {
        draft: Draft,
    },
    Settings {
        settings: Settings,
        templates: Vec<TemplateView>,
    },
    Recent {
        postings: Vec<RecentItem>,
    },
    Person {
        card: PersonCard,
    },
    /// What a connections import did; `skipped` lists the first rows left out, `skipped_total`
    /// counts all.
    ConnectionsImported {
        added: usize,
        updated: usize,
        unchanged: usize,
        skipped: Vec<Skipped>,
        skipped_total: usize,
    },
    Error {
        message: Phrase,
    },
    Dashboard {
        dashboard: Dashboard,
    },
    File {
        file: File,
    },
    /// What an import would change; nothing was written.
    ImportPlan {
        report: ImportReport,
    },
    /// The import was written.
    Imported {
        report: ImportReport,
    },
}

/// How many recently viewed postings the popup lists.
const RECENT_SHOWN: usize = 5;

/// How many skipped rows an import lists, with the reason for each.
const SKIPPED_SHOWN: usize = 100;

/// What the popup shows about the page in a tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageView {
    pub url: String,
    pub title: String,
    /// False where the extension may not read the page (browser pages, the web store).
    pub readable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<Job>,
    /// The opportunity already tracked for this posting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<Opportunity>,
    /// Not tracked, but maybe the same posting as this tracked one (seen on another board).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maybe_same: Option<Opportunity>,
    /// The names of the people the user works with, to pick "with whom" something happened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// On a LinkedIn profile: the person, and their saved contact if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonCard>,
    #[serde(default)]
    pub errors: Vec<String>,
    /// The button the content script draws on the page, when the user wants it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_page: Option<InPage>,
}

/// The in-page button's state: the posting can be tracked, or already is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InPage {
    Track,
    Tracked,
}

impl PageView {
    /// The page as capture saw it, with its tracked opportunity if there is one.
    pub fn new(state: &State, url: &str, title: &str, extraction: Option<Extraction>) -> PageView {
        let readable = extraction.is_some();
        let extraction = extraction.unwrap_or_default();
        let job = extraction.jobs.into_iter().next();
        let person = extraction
            .people
            .into_iter()
            .next()
            .filter(|_| capture::linkedin_profile_url(url).is_some())
            .map(|person| PersonCard::new(state, person));
        let opportunity = match &job {
            Some(job) => state.find_posting(job),
            None => state.find_by_url(url),
        }
        .cloned();
        let maybe_same = match (&job, &opportunity) {
            (Some(job), None) => state.find_maybe_same(job).cloned(),
            _ => None,
        };
        PageView {
            url: url.to_string(),
            title: title.to_string(),
            readable,
            job,
            opportunity,
            maybe_same,
            names: referrers(state, ""),
            person,
            errors: extraction.errors,
            in_page: None,
        }
    }

    /// The view of a page from its snapshot.
    pub fn of_snapshot(state: &State, snapshot: &Snapshot) -> PageView {
        PageView::new(
            state,
            &snapshot.url,
            &snapshot.title,
            Some(capture::extract(snapshot)),
        )
    }
}

/// What the worker must do for a request: answer it (persisting the changes first), or read
/// the page in a tab and answer with `PageView::new` over what was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Reply(Reply, Changes),
    ReadTab { tab_id: i32 },
}

/// Decides every request; only reading a tab is left to the browser layer. A command's changes
/// carry the due index the waking worker sets the badge from (`State::apply` writes it); the
/// other writers (people seen, imports, restores) get it here.
pub fn handle(state: &mut State, request: Request, now: DateTime<Utc>, tz: Tz) -> Step {
    let indexed = matches!(request, Request::Command { .. });
    match decide(state, request, now, tz) {
        Step::Reply(reply, changes) if !indexed => {
            Step::Reply(reply, with_due_index(state, changes))
        }
        step => step,
    }
}

fn with_due_index(state: &State, mut changes: Changes) -> Changes {
    let followups_changed = changes
        .set
        .keys()
        .chain(changes.remove.iter())
        .any(|key| key.starts_with(FOLLOWUP));
    if followups_changed {
        changes.remove.retain(|key| key != DUE_KEY);
        changes.put(DUE_KEY.into(), &state.due_index());
    }
    changes
}

fn decide(state: &mut State, request: Request, now: DateTime<Utc>, tz: Tz) -> Step {
    let reply = match request {
        Request::PlanFor { url } => Reply::Plan {
            plan: capture::plan_as_you_view(&url).filter(|_| state.settings.auto_capture),
        },
        Request::Snapshot { snapshot } => {
            let extraction = capture::extract(&snapshot);
            let people = extraction.people.clone();
            let mut page = PageView::new(state, &snapshot.url, &snapshot.title, Some(extraction));
            if page.job.is_some() && state.settings.in_page_button {
                page.in_page = Some(match page.opportunity {
                    Some(_) => InPage::Tracked,
                    None => InPage::Track,
                });
            }
            let mut changes = match &page.job {
                Some(job) if page.opportunity.is_none() => state.see(job, now),
                _ => Changes::default(),
            };
            changes.extend(state.see_people(&people, now, tz));
            return Step::Reply(Reply::Page { page }, changes);
        }
        Request::CaptureTab { tab_id } => return Step::ReadTab { tab_id },
        Request::Checklist => Reply::Checklist {
            checklist: checklist(state, now, tz),
        },
        Request::Draft { followup_id } => match draft(state, &followup_id, tz) {
            Ok(draft) => Reply::Draft { draft },
            Err(e) => Reply::Error {
                message: refusal::of_store(&e),
            },
        },
        Request::Settings => Reply::Settings {
            settings: state.settings.clone(),
            templates: templates(state),
        },
        Request::Recent => Reply::Recent {
            postings: recent(state, now, tz, RECENT_SHOWN),
        },
        Request::Person { person } => Reply::Person {
            card: PersonCard::new(state, person),
        },
        Request::ImportConnections { text } => {
            return match import_connections(state, &text, now, tz) {
                Ok((reply, changes)) => Step::Reply(reply, changes),
                Err(message) => Step::Reply(Reply::Error { message }, Changes::default()),
            }
        }
        Request::Dashboard { query } => Reply::Dashboard {
            dashboard: dashboard(state, &query, now, tz),
        },
        Request::Download { kind } => {
            let (file, changes) = download(state, kind, now, tz);
            return Step::Reply(Reply::File { file }, changes);
        }
        Request::PlanImport { text, mode } => match plan_import(state, &text, mode) {
            Ok(plan) => Reply::ImportPlan {
                report: plan.report,
            },
            Err(e) => Reply::Error {
                message: refusal::of_backup(&e),
            },
        },
        Request::Import { text, mode } => match plan_import(state, &text, mode) {
            Ok(plan) => {
                *state = plan.state;
                return Step::Reply(
                    Reply::Imported {
                        report: plan.report,
                    },
                    plan.changes,
                );
            }
            Err(e) => Reply::Error {
                message: refusal::of_backup(&e),
            },
        },
        Request::PromiseDue { text } => Reply::PromiseDue {
            due: promise_due(&state.settings, &text, now, tz),
        },
        Request::Command { command } => {
            let before = state.followups.keys().cloned().collect();
            return match state.apply(command, now, tz) {
                Ok(applied) => Step::Reply(
                    Reply::Updated {
                        opportunity: applied.opportunity,
                        checklist: checklist(state, now, tz),
                        planned: planned(state, &before, tz),
                    },
                    applied.changes,
                ),
                Err(e) => Step::Reply(
                    Reply::Error {
                        message: refusal::of_store(&e),
                    },
                    Changes::default(),
                ),
            };
        }
    };
    Step::Reply(reply, Changes::default())
}

/// Imports an export: the reply with the counts and the first skipped rows.
fn import_connections(
    state: &mut State,
    text: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(Reply, Changes), Phrase> {
    let (report, changes) = state
        .import_connections(text, now, tz)
        .map_err(|why| Key("importNothing").with([why]))?;
    let skipped_total = report.skipped.len();
    let skipped = report.skipped.into_iter().take(SKIPPED_SHOWN).collect();
    let reply = Reply::ConnectionsImported {
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped,
        skipped_total,
    };
    Ok((reply, changes))
}
