//! What the dashboard page holds between draws. A leaf of its own, so the page and the "Your
//! data" panel share it without importing each other.

use crate::dashboard::{Dashboard, Query};
use crate::formats::backup::{ImportReport, Mode};
use crate::store::{Command, Edited};
use crate::web::followup::Open;
use crate::web::i18n::t;
use crate::web::logform::LogOpen;
use std::cell::RefCell;
use std::rc::Rc;

/// What the page shows and asks for.
#[derive(Default)]
pub struct Model {
    pub query: Query,
    pub dashboard: Option<Dashboard>,
    /// The last error, shown at the top.
    pub notice: Option<String>,
    /// A backup being restored: read, planned, waiting for the user's word.
    pub import: Option<Import>,
    /// Said once after a change ("Backup restored.").
    pub status: Option<String>,
    /// The "Log what happened" form, when open on the timeline.
    pub log: Option<LogOpen>,
    /// What the last change planned, in words.
    pub planned: Vec<String>,
    /// The application, contact or follow-up whose edit form is open.
    pub editing: Option<Editing>,
    /// What was just deleted or saved, in words, while Undo is offered.
    pub undo: Option<Undo>,
    /// Removing the untouched imported network is being asked, with its count.
    pub asking_removal: bool,
    /// The follow-up whose choices (done, snooze) or draft are open below it.
    pub open: Option<Open>,
}

/// What the undo bar says was just done, and the command that takes it back.
pub struct Undo {
    pub text: String,
    pub command: Command,
}

impl Undo {
    /// The last deletion, said in `text`.
    pub fn deletion(text: String) -> Undo {
        Undo {
            text,
            command: Command::Undo,
        }
    }

    /// The edit of `record` just saved.
    pub fn edit(record: Edited) -> Undo {
        Undo {
            text: t("dashSavedEdit"),
            command: Command::UndoEdit { record },
        }
    }
}

/// A record being corrected, by id.
#[derive(Clone, PartialEq, Eq)]
pub enum Editing {
    Application(String),
    Contact(String),
    FollowUp(String),
}

/// The model as the page's listeners and tasks hold it.
pub type Shared = Rc<RefCell<Model>>;

/// A backup file picked for restoring, and what the worker said importing it would do.
pub struct Import {
    pub name: String,
    pub text: String,
    pub mode: Mode,
    /// The plan's report, or why the file was refused.
    pub plan: Result<ImportReport, String>,
}
