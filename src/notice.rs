//! The browser notifications: their words, built from the core's records (a follow-up falling
//! due, a posting tracked from the keyboard), and what their buttons do.

use crate::model::{FollowUp, Id, Opportunity};
use crate::store::{Command, SnoozeFor, State};
use serde::Serialize;

/// A notification: its id and the options the browser takes, plain text only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    #[serde(skip)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "iconUrl")]
    pub icon_url: &'static str,
    pub title: String,
    pub message: String,
    /// Done and Snooze on a single follow-up (browsers without buttons show none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub title: &'static str,
}

/// The buttons of a follow-up's notification, in order.
const BUTTONS: [&str; 2] = ["Done", "Snooze 1 day"];
/// Ids of notifications about one follow-up: `due:<id>`.
const DUE: &str = "due:";
/// Many lines are cut to this many, with "and N more".
const MAX_LINES: usize = 3;

impl Notice {
    fn basic(
        id: impl Into<String>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Notice {
        Notice {
            id: id.into(),
            kind: "basic",
            icon_url: "icons/icon-128.png",
            title: title.into(),
            message: message.into(),
            buttons: Vec::new(),
        }
    }
}

/// What a click on a notification asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A button that changes a follow-up.
    Command(Command),
    /// The notification itself: show the checklist.
    OpenChecklist,
}

/// Follow-ups that just fell due: one notification with Done and Snooze for a single one,
/// one grouped notification for several.
pub fn due(state: &State, followups: &[FollowUp]) -> Option<Notice> {
    match followups {
        [] => None,
        [one] => {
            let mut notice = Notice::basic(
                format!("{DUE}{}", one.id),
                "Time to follow up",
                line(state, one),
            );
            notice.buttons = BUTTONS.iter().map(|title| Button { title }).collect();
            Some(notice)
        }
        many => {
            let mut lines: Vec<String> = many
                .iter()
                .take(MAX_LINES)
                .map(|f| line(state, f))
                .collect();
            if many.len() > MAX_LINES {
                lines.push(format!("and {} more", many.len() - MAX_LINES));
            }
            let last = many.last().map(|f| f.id.as_str()).unwrap_or_default();
            Some(Notice::basic(
                format!("due-many:{last}"),
                format!("{} follow-ups are due", many.len()),
                lines.join("\n"),
            ))
        }
    }
}

/// What clicking notification `id` (on button `button`, if any) asks for.
pub fn action(id: &str, button: Option<u32>) -> Action {
    let followup_id: Option<Id> = id.strip_prefix(DUE).map(str::to_string);
    match (followup_id, button) {
        (Some(followup_id), Some(0)) => Action::Command(Command::CompleteFollowUp {
            followup_id,
            outcome: None,
        }),
        (Some(followup_id), Some(1)) => Action::Command(Command::Snooze {
            followup_id,
            by: SnoozeFor::OneDay,
        }),
        _ => Action::OpenChecklist,
    }
}

/// "Follow up on your application: … (Data Engineer at Acme)".
fn line(state: &State, f: &FollowUp) -> String {
    let about = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id))
        .map(|o| format!("{} at {}", o.job.title, o.company_name()))
        .or_else(|| {
            f.contact
                .as_ref()
                .and_then(|id| state.contacts.get(id))
                .map(|c| c.name.clone())
        });
    match about {
        Some(about) => format!("{} ({about})", f.text),
        None => f.text.clone(),
    }
}

/// "Tracked ✓" with the role and company, once a posting is saved.
pub fn tracked(opportunity: &Opportunity) -> Notice {
    Notice::basic(
        format!("tracked:{}", opportunity.id),
        "Tracked ✓",
        format!(
            "{} at {}",
            opportunity.job.title,
            opportunity.company_name()
        ),
    )
}

/// Why nothing was tracked.
pub fn not_tracked(reason: &str) -> Notice {
    Notice::basic("not-tracked", "Not tracked", reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::Job;
    use crate::model::Stage;

    #[test]
    fn a_tracked_posting_is_named_with_its_company() {
        let opportunity = Opportunity {
            id: "o1".into(),
            job: Job::typed_in(
                "Data Engineer".into(),
                "Acme".into(),
                "https://a.example/1".into(),
            ),
            stage: Stage::Saved,
            created_at: chrono::DateTime::UNIX_EPOCH,
        };
        let notice = tracked(&opportunity);
        assert_eq!(notice.title, "Tracked ✓");
        assert_eq!(notice.message, "Data Engineer at Acme");
        let json = serde_json::to_value(&notice).unwrap();
        assert_eq!(json["type"], "basic");
        assert_eq!(json["iconUrl"], "icons/icon-128.png");
    }

    fn applied_state() -> State {
        let mut state = State::default();
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let job = Job::typed_in(
            "Data Engineer".into(),
            "Acme".into(),
            "https://a.example/1".into(),
        );
        let tz = chrono_tz::America::New_York;
        let o = state
            .apply(Command::Track { job }, at("2026-03-06T10:00:00-05:00"), tz)
            .unwrap()
            .opportunity
            .unwrap();
        state
            .apply(
                Command::MarkApplied {
                    opportunity_id: o.id,
                },
                at("2026-03-06T17:00:00-05:00"),
                tz,
            )
            .unwrap();
        state
    }

    #[test]
    fn one_follow_up_falling_due_gets_done_and_snooze_buttons() {
        let state = applied_state();
        let r3 = state
            .pending_followups()
            .find(|f| f.rule == crate::model::Rule::R3)
            .unwrap();
        let notice = due(&state, std::slice::from_ref(r3)).unwrap();
        assert_eq!(notice.id, format!("due:{}", r3.id));
        assert_eq!(notice.title, "Time to follow up");
        assert!(
            notice.message.ends_with("(Data Engineer at Acme)"),
            "{}",
            notice.message
        );
        let json = serde_json::to_value(&notice).unwrap();
        assert_eq!(
            json["buttons"],
            serde_json::json!([{ "title": "Done" }, { "title": "Snooze 1 day" }])
        );
        assert!(json.get("id").is_none());
    }

    #[test]
    fn several_follow_ups_falling_due_together_are_grouped() {
        let state = applied_state();
        let pending: Vec<FollowUp> = state.pending_followups().cloned().collect();
        let notice = due(&state, &pending).unwrap();
        assert_eq!(notice.title, "2 follow-ups are due");
        assert_eq!(notice.message.lines().count(), 2);
        assert!(notice.buttons.is_empty());
        assert_eq!(action(&notice.id, None), Action::OpenChecklist);
        assert!(due(&state, &[]).is_none());
    }

    #[test]
    fn notification_buttons_complete_or_snooze_their_follow_up() {
        assert_eq!(
            action("due:f7", Some(0)),
            Action::Command(Command::CompleteFollowUp {
                followup_id: "f7".into(),
                outcome: None
            })
        );
        assert_eq!(
            action("due:f7", Some(1)),
            Action::Command(Command::Snooze {
                followup_id: "f7".into(),
                by: SnoozeFor::OneDay
            })
        );
        assert_eq!(action("due:f7", None), Action::OpenChecklist);
        assert_eq!(action("tracked:o1", Some(0)), Action::OpenChecklist);
    }
}
