//! The words for the core's states (a stage, a follow-up's status, an outcome), in one place
//! because the board, the timeline and the lists all say them; the core names each one.

use crate::model::{Outcome, Stage, Status};
use crate::web::i18n::say;

pub fn stage_name(stage: Stage) -> String {
    say(&stage.phrase())
}

pub fn status_name(status: Status) -> String {
    say(&status.phrase())
}

pub fn outcome_name(outcome: Outcome) -> String {
    say(&outcome.phrase())
}
