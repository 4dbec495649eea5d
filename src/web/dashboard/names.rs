//! The words for the core's states (a stage, a follow-up's status, an outcome), in one place
//! because the board, the timeline and the lists all say them.

use crate::model::{Outcome, Stage, Status};
use crate::web::i18n::t;

pub fn stage_name(stage: Stage) -> String {
    t(match stage {
        Stage::Saved => "dashStageSaved",
        Stage::Applied => "dashStageApplied",
        Stage::Interviewing => "dashStageInterviewing",
        Stage::Offer => "dashStageOffer",
        Stage::Accepted => "dashStageAccepted",
        Stage::Rejected => "dashStageRejected",
        Stage::Withdrawn => "dashStageWithdrawn",
    })
}

pub fn status_name(status: Status) -> String {
    t(match status {
        Status::Open => "dashStatusOpen",
        Status::Done => "dashStatusDone",
        Status::Superseded => "dashStatusSuperseded",
        Status::Snoozed => "dashStatusSnoozed",
        Status::Cancelled => "dashStatusCancelled",
        Status::MovedOn => "dashStatusMovedOn",
    })
}

pub fn outcome_name(outcome: Outcome) -> String {
    t(match outcome {
        Outcome::NoAnswer => "dashOutcomeNoAnswer",
        Outcome::Answered => "dashOutcomeAnswered",
    })
}
