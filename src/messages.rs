//! The typed messages between the extension's parts: content scripts and pages send a
//! `Request`, the worker answers with a `Reply`. Decoded and validated at the boundary.

use crate::capture::{self, Extraction, ReadPlan, Snapshot};

use crate::checklist::{self, checklist, recent, Checklist, RecentItem};
use crate::dashboard::{dashboard, Dashboard, Query};
use crate::drafts::{draft, templates, Draft, TemplateView};
use crate::formats::backup::{plan_import, ImportReport, Mode};
use crate::formats::download::{download, File, FileKind};
use crate::logged::{planned, promise_due, reminder_due};
use crate::model::{Job, Person, Stage};
use crate::model::{Opportunity, Settings};
use crate::person::{referrers, PersonCard};
use crate::phrase::{Key, Phrase};
use crate::refusal;
use crate::store::import::SkippedGroup;
use crate::store::{posting_key, Changes, Command, State, OPPORTUNITY};
use crate::sync;
use crate::tagged::tagged_enum;
use crate::text::is_web_url;
use crate::wording::as_meant;
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

tagged_enum! {
    tag = "type", remote = "Request", twin = RequestVariants;
    #[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
    #[derive(Debug, Clone, PartialEq)]
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
        /// Popup → worker: the people to pick "with whom" from, as the log form opens.
        Names,
        /// Popup → worker: change the data.
        Command { command: Command },
        /// Popup → worker: when a promise in these words would fall due, as the user types it.
        PromiseDue { text: String },
        /// Popup → worker: when the user's own reminder set now for this date (`YYYY-MM-DD`) and
        /// time (`HH:MM`, or empty) would fall due, as the user chooses them.
        ReminderDue { date: String, time: String },
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
        /// Content script → worker: the user clicked the in-page button; track the posting the
        /// worker reads in the sender's own tab.
        TrackThisTab,
        /// Settings or welcome page → worker: sync across the user's computers, as it stands.
        Sync,
        /// Settings or welcome page → worker: turn sync on or off here; turning it off with
        /// `erase` also erases the synced copy (every computer's items in the sync area).
        SetSync { on: bool, erase: bool },
    }
}

/// Who sent a request, as the browser says (`runtime.MessageSender`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// The extension itself: one of its pages (popup, dashboard, settings, welcome), in a tab
    /// or not, or the worker.
    Extension,
    /// A content script, speaking for a web page whose world is hostile; `tab` is its tab.
    Page { tab: Option<i32> },
}

impl Sender {
    /// The sender of a message from the sending frame's `url`, its `tab` and the extension's
    /// own origin (`runtime.getURL("")`: `chrome-extension://<id>/`, `moz-extension://<uuid>/`).
    /// Only a frame of that origin is the extension; anything else (a web page, no address)
    /// speaks for a page.
    pub fn new(url: Option<&str>, tab: Option<i32>, own_origin: &str) -> Sender {
        let origin = own_origin.trim_end_matches('/');
        let ours = !origin.is_empty()
            && url
                .and_then(|url| url.strip_prefix(origin))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        if ours {
            Sender::Extension
        } else {
            Sender::Page { tab }
        }
    }
}

impl Request {
    /// Whether `sender` may ask this. The extension may ask anything; a page only what its
    /// reader needs: the read plan, the snapshot, and tracking the posting on its own tab.
    pub fn allowed_from(&self, sender: &Sender) -> bool {
        match sender {
            Sender::Extension => true,
            Sender::Page { .. } => matches!(
                self,
                Request::PlanFor { .. } | Request::Snapshot { .. } | Request::TrackThisTab
            ),
        }
    }

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

    /// The stored records to read next before this is answered, of those a waking worker left
    /// unread (ask again until none is left): for the checklist, those it shows at `now`; none
    /// for a page's read plan or the due time of words; the postings to tell whether a page
    /// shows a tracked posting, and for the postings viewed recently (those tracked are left
    /// out): a page read in a tab reads what its people need once it is read
    /// (`unread_for_page`); all of them for anything else, so that no command writes over a
    /// record it has not read.
    pub fn unread(&self, state: &State, now: DateTime<Utc>, tz: Tz) -> Vec<String> {
        match self {
            Request::Checklist => checklist::unread(state, now, tz),
            Request::PlanFor { .. }
            | Request::PromiseDue { .. }
            | Request::ReminderDue { .. }
            | Request::Sync
            | Request::SetSync { .. } => Vec::new(),
            Request::Recent | Request::CaptureTab { .. } => postings_unread(state),
            Request::Snapshot { snapshot } => unread_for_page(state, snapshot),
            _ => state.unread.iter().cloned().collect(),
        }
    }
}

/// The unread records a page's view needs: the postings, to tell whether it shows one tracked;
/// everything where it shows people (whom the store knows, what happened with them).
pub fn unread_for_page(state: &State, snapshot: &Snapshot) -> Vec<String> {
    if capture::shows_people(snapshot) {
        state.unread.iter().cloned().collect()
    } else {
        postings_unread(state)
    }
}

fn postings_unread(state: &State) -> Vec<String> {
    state
        .unread
        .iter()
        .filter(|key| key.starts_with(OPPORTUNITY))
        .cloned()
        .collect()
}

tagged_enum! {
    tag = "type", remote = "Reply", twin = ReplyVariants;
    #[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
    #[derive(Debug, Clone, PartialEq)]
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
        /// When the reminder asked about would fall due; nothing without a date.
        ReminderDue {
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
        /// The people to pick "with whom" from: those the search has dealt with.
        Names {
            names: Vec<String>,
        },
        Person {
            card: PersonCard,
        },
        /// What a connections import did: each count said and named for the page ("added": "1581
        /// added"), and the rows left out, grouped by reason.
        ConnectionsImported {
            counts: Vec<(String, Phrase)>,
            skipped: Vec<SkippedGroup>,
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
        /// Sync as it stands, after what was asked of it.
        Sync {
            sync: sync::local::View,
        },
        /// Worker → the extension's open pages, unasked: the data changed from elsewhere (what
        /// another computer synced); what they show is to be asked for again.
        Changed,
    }
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
    /// On a LinkedIn profile: the person, and their saved contact if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonCard>,
    #[serde(default)]
    pub errors: Vec<String>,
    /// The button the content script draws on the page, when the user wants it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_page: Option<InPage>,
    /// Capture found the posting but not its company, and it is not tracked yet: the popup
    /// asks for the company before tracking (right or nothing: the user fills what capture
    /// could not).
    #[serde(default)]
    pub ask_company: bool,
    /// The posting's key among the postings viewed recently (`posting_key`): the popup leaves
    /// the posting on screen out of that list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_key: Option<String>,
    /// An http(s) page, which can be tracked by hand where capture read no posting on it.
    #[serde(default)]
    pub by_hand: bool,
}

/// The in-page button's state: the posting can be tracked, or already is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InPage {
    Track,
    Tracked,
}

/// A button the popup offers for the posting on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageAction {
    /// Track the posting.
    Track,
    /// The posting is the tracked one it may be (seen on another board): link it.
    SamePosting,
    /// It is not: track it on its own.
    TrackSeparately,
    /// Tracked, not applied yet: say it is now.
    #[serde(rename = "applied")]
    MarkApplied,
}

impl PageAction {
    /// The button's words.
    pub fn phrase(self) -> Phrase {
        match self {
            PageAction::Track => Key("trackThisApplication"),
            PageAction::SamePosting => Key("popupSamePosting"),
            PageAction::TrackSeparately => Key("popupTrackSeparately"),
            PageAction::MarkApplied => Key("popupMarkApplied"),
        }
        .phrase()
    }
}

impl PageView {
    /// The buttons the popup offers for the posting on screen, the primary one first: track it
    /// (or link it to the tracked posting it may be), then mark it applied; nothing more once
    /// applied, and nothing where no posting was read.
    pub fn actions(&self) -> Vec<PageAction> {
        if self.job.is_none() {
            return Vec::new();
        }
        match (&self.opportunity, &self.maybe_same) {
            (None, Some(_)) => vec![PageAction::SamePosting, PageAction::TrackSeparately],
            (None, None) => vec![PageAction::Track],
            (Some(o), _) if o.stage == Stage::Saved => vec![PageAction::MarkApplied],
            (Some(_), _) => Vec::new(),
        }
    }

    /// What the popup says of the tracked posting's stage: "Tracked ✓", "Applied ✓", "Closed".
    pub fn status(&self) -> Option<Phrase> {
        let stage = self.opportunity.as_ref()?.stage;
        let key = match stage {
            Stage::Saved => Key("popupTracked"),
            Stage::Applied => Key("popupApplied"),
            Stage::Interviewing => Key("popupInterviewing"),
            Stage::Offer => Key("popupOffer"),
            Stage::Accepted => Key("popupAccepted"),
            Stage::Rejected | Stage::Withdrawn => Key("popupClosed"),
        };
        Some(key.phrase())
    }

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
        let ask_company =
            opportunity.is_none() && job.as_ref().is_some_and(|job| job.company.is_none());
        let seen_key = job.as_ref().and_then(posting_key);
        PageView {
            url: url.to_string(),
            title: title.to_string(),
            readable,
            job,
            opportunity,
            maybe_same,
            person,
            errors: extraction.errors,
            in_page: None,
            ask_company,
            seen_key,
            by_hand: is_web_url(url),
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
    ReadTab {
        tab_id: i32,
    },
    /// Read the page in this tab and track the posting found there.
    TrackTab {
        tab_id: i32,
    },
    /// Do this with sync, over the store and the browser's sync area.
    Sync(SyncAsk),
}

/// What is asked of sync (`Request::Sync`, `Request::SetSync`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncAsk {
    Status,
    On,
    Off { erase: bool },
}

/// Decides a request from `sender`: refused, with nothing changed, unless the sender may ask
/// it (`Request::allowed_from`); tracking "this tab" is the sender's own tab.
pub fn handle_from(
    state: &mut State,
    request: Request,
    sender: &Sender,
    now: DateTime<Utc>,
    tz: Tz,
) -> Step {
    if !request.allowed_from(sender) {
        return refused(Key("refusedFromPage").phrase());
    }
    match (request, sender) {
        (Request::TrackThisTab, Sender::Page { tab: Some(tab_id) }) => {
            Step::TrackTab { tab_id: *tab_id }
        }
        (request, _) => handle(state, request, now, tz),
    }
}

fn refused(message: Phrase) -> Step {
    Step::Reply(Reply::Error { message }, Changes::default())
}

/// Decides every request of the extension itself; only reading a tab is left to the browser
/// layer. A command's changes carry the due index the waking worker sets the badge from
/// (`State::apply` writes it); the other writers (people seen, imports, restores) get it here.
pub fn handle(state: &mut State, request: Request, now: DateTime<Utc>, tz: Tz) -> Step {
    let indexed = matches!(request, Request::Command { .. });
    match decide(state, request, now, tz) {
        Step::Reply(reply, mut changes) if !indexed => {
            state.index_due(&mut changes);
            Step::Reply(reply, changes)
        }
        step => step,
    }
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
        Request::TrackThisTab => return refused(Key("trackThisTabNoTab").phrase()),
        Request::Sync => return Step::Sync(SyncAsk::Status),
        Request::SetSync { on: true, .. } => return Step::Sync(SyncAsk::On),
        Request::SetSync { on: false, erase } => return Step::Sync(SyncAsk::Off { erase }),
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
        Request::Names => Reply::Names {
            names: referrers(state, ""),
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
        Request::ReminderDue { date, time } => Reply::ReminderDue {
            due: reminder_due(&state.settings, &date, &time, now, tz),
        },
        Request::Command { command } => {
            let before = state.followups.keys().cloned().collect();
            let command = as_meant(state, command, tz);
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

/// Imports an export: the reply with the counts and the skipped rows grouped by reason.
fn import_connections(
    state: &mut State,
    text: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(Reply, Changes), Phrase> {
    let (report, changes) = state
        .import_connections(text, now, tz)
        .map_err(|why| Key("importNothing").with([why]))?;
    let reply = Reply::ConnectionsImported {
        counts: report
            .counts()
            .into_iter()
            .map(|(name, said)| (name.to_string(), said))
            .collect(),
        skipped: report.skipped_groups(),
    };
    Ok((reply, changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CHROME: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";
    const FIREFOX: &str = "moz-extension://5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/";
    const POSTING: &str = "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2";

    fn request(value: serde_json::Value) -> Request {
        serde_json::from_value(value).expect("a request")
    }

    fn page(tab: i32) -> Sender {
        Sender::new(Some(POSTING), Some(tab), CHROME)
    }

    /// What a page read: one posting, its company not found.
    fn posting_without_company() -> Extraction {
        let mut extraction = Extraction::default();
        extraction.jobs.push(Job {
            url: Some(POSTING.into()),
            ..Job::titled(
                "Senior DevOps Engineer".into(),
                crate::model::Source::Jsonld,
            )
        });
        extraction
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-03-03T10:00:00Z")
            .expect("a time")
            .to_utc()
    }

    /// Every request only the extension may send, one of each kind.
    fn privileged() -> Vec<Request> {
        let job = json!({ "title": "Senior DevOps Engineer", "url": POSTING, "source": "jsonld" });
        [
            json!({ "type": "captureTab", "tabId": 7 }),
            json!({ "type": "checklist" }),
            json!({ "type": "draft", "followupId": "f1" }),
            json!({ "type": "settings" }),
            json!({ "type": "recent" }),
            json!({ "type": "command", "command": { "type": "track", "job": job } }),
            json!({ "type": "command", "command": { "type": "completeFollowUp", "followupId": "f1" } }),
            json!({ "type": "command", "command": {
                "type": "editSettings", "settings": serde_json::to_value(Settings::default()).expect("settings") } }),
            json!({ "type": "person", "person": { "name": "Ana Lima" } }),
            json!({ "type": "importConnections", "text": "First Name,Last Name\nAna,Lima\n" }),
            json!({ "type": "dashboard", "query": {} }),
            json!({ "type": "download", "kind": "backup" }),
            json!({ "type": "download", "kind": "contacts" }),
            json!({ "type": "planImport", "text": "{}", "mode": "replace" }),
            json!({ "type": "import", "text": "{}", "mode": "replace" }),
        ]
        .into_iter()
        .map(request)
        .collect()
    }

    /// What a page's reader needs.
    fn reader() -> Vec<Request> {
        vec![
            request(json!({ "type": "planFor", "url": POSTING })),
            Request::Snapshot {
                snapshot: Snapshot {
                    url: POSTING.into(),
                    ..Snapshot::default()
                },
            },
            Request::TrackThisTab,
        ]
    }

    #[test]
    fn a_content_script_is_a_page_whatever_it_claims() {
        assert_eq!(page(3), Sender::Page { tab: Some(3) });
        assert_eq!(
            Sender::new(Some("http://example.com/"), None, CHROME),
            Sender::Page { tab: None }
        );
        assert_eq!(
            Sender::new(None, Some(3), CHROME),
            Sender::Page { tab: Some(3) }
        );
        assert_eq!(Sender::new(None, None, CHROME), Sender::Page { tab: None });
        let other = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/popup.html";
        assert_eq!(
            Sender::new(Some(other), None, CHROME),
            Sender::Page { tab: None }
        );
        let longer = "chrome-extension://abcdefghijklmnopabcdefghijklmnopx/popup.html";
        assert_eq!(
            Sender::new(Some(longer), None, CHROME),
            Sender::Page { tab: None }
        );
        let no_origin = Sender::new(Some("popup.html"), None, "");
        assert_eq!(no_origin, Sender::Page { tab: None });
    }

    #[test]
    fn the_extensions_own_pages_are_the_extension_in_both_browsers_with_a_tab_or_without() {
        for origin in [CHROME, FIREFOX] {
            for page in [
                "popup.html",
                "dashboard.html",
                "settings.html",
                "welcome.html",
            ] {
                let url = format!("{origin}{page}");
                for tab in [None, Some(12)] {
                    assert_eq!(
                        Sender::new(Some(&url), tab, origin),
                        Sender::Extension,
                        "{url}"
                    );
                }
            }
            let popup = format!("{origin}popup.html?tab=4");
            let bare = origin.trim_end_matches('/');
            assert_eq!(Sender::new(Some(&popup), None, bare), Sender::Extension);
        }
    }

    #[test]
    fn the_extension_may_ask_anything() {
        for request in privileged().into_iter().chain(reader()) {
            assert!(request.allowed_from(&Sender::Extension), "{request:?}");
        }
    }

    #[test]
    fn a_page_may_ask_only_for_its_read_plan_its_snapshot_and_tracking_its_own_tab() {
        for request in reader() {
            assert!(request.allowed_from(&page(3)), "{request:?}");
        }
        for request in privileged() {
            assert!(!request.allowed_from(&page(3)), "{request:?}");
        }
    }

    #[test]
    fn a_page_asking_for_more_is_refused_and_nothing_changes() {
        let mut state = State::default();
        let job = json!({ "title": "Senior DevOps Engineer", "url": POSTING, "source": "jsonld" });
        let track =
            request(json!({ "type": "command", "command": { "type": "track", "job": job } }));
        handle(&mut state, track, now(), Tz::UTC);
        let before = state.clone();
        for request in privileged() {
            let step = handle_from(&mut state, request.clone(), &page(3), now(), Tz::UTC);
            assert_eq!(
                step,
                refused(Key("refusedFromPage").phrase()),
                "{request:?}"
            );
            assert_eq!(state, before, "{request:?}");
        }
    }

    #[test]
    fn a_page_gets_its_read_plan_and_its_snapshot_read() {
        let mut state = State::default();
        let [plan_for, snapshot, _] = reader().try_into().expect("three requests");
        assert!(matches!(
            handle_from(&mut state, plan_for, &page(3), now(), Tz::UTC),
            Step::Reply(Reply::Plan { plan: Some(_) }, _)
        ));
        assert!(matches!(
            handle_from(&mut state, snapshot, &page(3), now(), Tz::UTC),
            Step::Reply(Reply::Page { .. }, _)
        ));
    }

    #[test]
    fn tracking_this_tab_reads_the_senders_own_tab_and_no_other() {
        let mut state = State::default();
        assert_eq!(
            handle_from(&mut state, Request::TrackThisTab, &page(3), now(), Tz::UTC),
            Step::TrackTab { tab_id: 3 }
        );
        let without_tab = Sender::Page { tab: None };
        for sender in [without_tab, Sender::Extension] {
            assert_eq!(
                handle_from(&mut state, Request::TrackThisTab, &sender, now(), Tz::UTC),
                refused(Key("trackThisTabNoTab").phrase())
            );
        }
    }

    #[test]
    fn a_posting_without_its_company_asks_for_it_before_it_is_tracked_and_not_after() {
        let mut state = State::default();
        let extraction = posting_without_company();
        let view = PageView::new(&state, POSTING, "", Some(extraction.clone()));
        assert!(view.ask_company);
        let job = view
            .job
            .expect("the posting")
            .with_company("  PaperCut   Software ");
        assert_eq!(job.company.as_deref(), Some("PaperCut Software"));
        state
            .apply(Command::Track { job }, now(), Tz::UTC)
            .expect("tracked");
        assert!(!PageView::new(&state, POSTING, "", Some(extraction)).ask_company);
    }

    #[test]
    fn the_posting_on_screen_names_its_row_among_the_recently_viewed() {
        let mut state = State::default();
        let extraction = posting_without_company();
        let snapshot = Request::Snapshot {
            snapshot: Snapshot {
                url: POSTING.into(),
                ..Snapshot::default()
            },
        };
        let view = PageView::new(&state, POSTING, "", Some(extraction));
        state.see(view.job.as_ref().expect("the posting"), now());
        let Step::Reply(Reply::Recent { postings }, _) =
            handle(&mut state, Request::Recent, now(), Tz::UTC)
        else {
            panic!("the recently viewed postings");
        };
        let keys: Vec<Option<&String>> = postings.iter().map(|r| Some(&r.key)).collect();
        assert_eq!(keys, vec![view.seen_key.as_ref()]);
        let Step::Reply(Reply::Page { page }, _) = handle(&mut state, snapshot, now(), Tz::UTC)
        else {
            panic!("the page");
        };
        assert_eq!(page.seen_key, None, "a page without a posting names no row");
    }

    #[test]
    fn tracking_by_hand_is_offered_on_web_pages_only() {
        let state = State::default();
        for (url, offered) in [
            ("https://careers.example.com/jobs/42", true),
            ("http://example.com/", true),
            ("chrome://extensions/", false),
            ("about:blank", false),
            ("file:///home/ana/posting.html", false),
            (CHROME, false),
            ("", false),
        ] {
            for read in [None, Some(Extraction::default())] {
                assert_eq!(
                    PageView::new(&state, url, "", read).by_hand,
                    offered,
                    "{url}"
                );
            }
        }
    }

    #[test]
    fn a_blank_answer_leaves_the_company_empty_and_a_found_one_is_kept() {
        use crate::model::Source;
        let titled = Job::titled("Role".into(), Source::Jsonld);
        assert_eq!(titled.clone().with_company("   ").company, None);
        let found = Job {
            company: Some("Acme".into()),
            ..titled
        };
        assert_eq!(found.with_company("Other").company.as_deref(), Some("Acme"));
    }
}
