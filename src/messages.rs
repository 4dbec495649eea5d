//! The typed messages between the extension's parts: content scripts and pages send a
//! `Request`, the worker answers with a `Reply`. Decoded and validated at the boundary.

use crate::capture::{self, Extraction, Job, ReadPlan, Snapshot};
use crate::checklist::{checklist, recent, Checklist, RecentItem};
use crate::dashboard::{dashboard, Dashboard, Query};
use crate::formats::backup::{plan_import, ImportReport, Mode};
use crate::formats::download::{download, File, FileKind};
use crate::model::{Opportunity, Settings};
use crate::playbook::drafts::{draft, templates, Draft, TemplateView};
use crate::store::{Changes, Command, State};
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
    /// Content script → worker: what should be read on this page?
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
    Error {
        message: String,
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
    #[serde(default)]
    pub errors: Vec<String>,
}

impl PageView {
    /// The page as capture saw it, with its tracked opportunity if there is one.
    pub fn new(state: &State, url: &str, title: &str, extraction: Option<Extraction>) -> PageView {
        let readable = extraction.is_some();
        let extraction = extraction.unwrap_or_default();
        let job = extraction.jobs.into_iter().next();
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
            errors: extraction.errors,
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

/// Decides every request; only reading a tab is left to the browser layer.
pub fn handle(state: &mut State, request: Request, now: DateTime<Utc>, tz: Tz) -> Step {
    let reply = match request {
        Request::PlanFor { url } => Reply::Plan {
            plan: capture::plan_for(&url),
        },
        Request::Snapshot { snapshot } => {
            let page = PageView::of_snapshot(state, &snapshot);
            let changes = match &page.job {
                Some(job) if page.opportunity.is_none() => state.see(job, now),
                _ => Changes::default(),
            };
            return Step::Reply(Reply::Page { page }, changes);
        }
        Request::CaptureTab { tab_id } => return Step::ReadTab { tab_id },
        Request::Checklist => Reply::Checklist {
            checklist: checklist(state, now, tz),
        },
        Request::Draft { followup_id } => match draft(state, &followup_id, tz) {
            Ok(draft) => Reply::Draft { draft },
            Err(e) => Reply::Error {
                message: e.to_string(),
            },
        },
        Request::Settings => Reply::Settings {
            settings: state.settings.clone(),
            templates: templates(state),
        },
        Request::Recent => Reply::Recent {
            postings: recent(state, now, tz, RECENT_SHOWN),
        },
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
                message: e.to_string(),
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
                message: e.to_string(),
            },
        },
        Request::Command { command } => {
            return match state.apply(command, now, tz) {
                Ok(applied) => Step::Reply(
                    Reply::Updated {
                        opportunity: applied.opportunity,
                        checklist: checklist(state, now, tz),
                    },
                    applied.changes,
                ),
                Err(e) => Step::Reply(
                    Reply::Error {
                        message: e.to_string(),
                    },
                    Changes::default(),
                ),
            }
        }
    };
    Step::Reply(reply, Changes::default())
}
