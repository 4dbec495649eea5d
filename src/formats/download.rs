//! The files the dashboard's "Your data" panel offers: a backup, spreadsheets and a calendar,
//! each with its name and type. Producing a backup records when, for the backup reminder.

use super::{backup, export, ics};
use crate::phrase::{Key, Phrase};
use crate::store::{Changes, State};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Everything, as a JSON backup.
    Backup,
    /// CSV of the tracked jobs.
    Applications,
    /// CSV of the people.
    Contacts,
    /// CSV of every follow-up.
    Followups,
    /// iCalendar of the open follow-ups.
    Calendar,
}

impl FileKind {
    /// The files the export buttons offer (a backup has its own button).
    pub const EXPORTS: [FileKind; 4] = [
        FileKind::Applications,
        FileKind::Contacts,
        FileKind::Followups,
        FileKind::Calendar,
    ];

    /// The file's button: "Applications (CSV)".
    pub fn phrase(self) -> Phrase {
        match self {
            FileKind::Backup => Key("dashBackup"),
            FileKind::Applications => Key("dashExportApplications"),
            FileKind::Contacts => Key("dashExportContacts"),
            FileKind::Followups => Key("dashExportFollowups"),
            FileKind::Calendar => Key("dashExportCalendar"),
        }
        .phrase()
    }
}

/// A file to hand to the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct File {
    /// `follow-through-backup-2026-11-22.json`: the kind and the day, in the user's zone.
    pub name: String,
    pub mime: String,
    pub text: String,
}

/// The file of `kind` made at `now`, and the records to write: a backup remembers its time in
/// `meta` (set before exporting, so the backup itself says when it was made).
pub fn download(state: &mut State, kind: FileKind, now: DateTime<Utc>, tz: Tz) -> (File, Changes) {
    let today = now.with_timezone(&tz).format("%Y-%m-%d");
    let csv = "text/csv;charset=utf-8";
    let (stem, extension, mime, text, changes) = match kind {
        FileKind::Backup => {
            let changes = state.backed_up(now);
            let text = backup::export(state, now);
            ("backup", "json", "application/json", text, changes)
        }
        FileKind::Applications => (
            "applications",
            "csv",
            csv,
            export::applications_csv(state, tz),
            Changes::default(),
        ),
        FileKind::Contacts => (
            "contacts",
            "csv",
            csv,
            export::contacts_csv(state),
            Changes::default(),
        ),
        FileKind::Followups => (
            "follow-ups",
            "csv",
            csv,
            export::followups_csv(state, tz),
            Changes::default(),
        ),
        FileKind::Calendar => (
            "follow-ups",
            "ics",
            "text/calendar;charset=utf-8",
            ics::followups_ics(state, now),
            Changes::default(),
        ),
    };
    let file = File {
        name: format!("follow-through-{stem}-{today}.{extension}"),
        mime: mime.to_string(),
        text,
    };
    (file, changes)
}
