//! The browser notifications: what they say, built from the core's records (a follow-up falling
//! due, a posting tracked from the keyboard) as phrases, and what their buttons do.

use crate::model::{FollowUp, Id, Opportunity};
use crate::phrase::{Forms, Key, Phrase, Words};
use crate::store::{Command, SnoozeFor, State};
use crate::wording::what_to_do;
use crate::zone::Tz;
use serde_json::{json, Value};

/// A notification: its id, title, lines and buttons, said when it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: String,
    pub title: Phrase,
    /// One line per follow-up (or the posting tracked), shown one under the other.
    pub lines: Vec<Phrase>,
    /// Done and Snooze on a single follow-up (browsers without buttons show none).
    pub buttons: Vec<Phrase>,
}

/// The buttons of a follow-up's notification, in order.
const BUTTONS: [Key; 2] = [Key("noticeDone"), Key("noticeSnooze")];
/// Ids of notifications about one follow-up: `due:<id>`.
const DUE: &str = "due:";
/// Many lines are cut to this many, with "and N more".
const MAX_LINES: usize = 3;

impl Notice {
    fn basic(id: impl Into<String>, title: Phrase, lines: Vec<Phrase>) -> Notice {
        Notice {
            id: id.into(),
            title,
            lines,
            buttons: Vec::new(),
        }
    }

    /// The options `chrome.notifications.create` takes, plain text in the language of `words`.
    pub fn options(&self, words: &dyn Words) -> Value {
        let lines: Vec<String> = self.lines.iter().map(|line| line.say(words)).collect();
        let mut options = json!({
            "type": "basic",
            "iconUrl": "icons/icon-128.png",
            "title": self.title.say(words),
            "message": lines.join("\n"),
        });
        if !self.buttons.is_empty() {
            let buttons: Vec<Value> = self
                .buttons
                .iter()
                .map(|button| json!({ "title": button.say(words) }))
                .collect();
            options["buttons"] = buttons.into();
        }
        options
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
/// one grouped notification for several. Dates in `tz`.
pub fn due(state: &State, followups: &[FollowUp], tz: Tz) -> Option<Notice> {
    match followups {
        [] => None,
        [one] => {
            let mut notice = Notice::basic(
                format!("{DUE}{}", one.id),
                Key("noticeDueTitle").phrase(),
                vec![line(state, one, tz)],
            );
            notice.buttons = BUTTONS.iter().map(|button| button.phrase()).collect();
            Some(notice)
        }
        many => {
            let mut lines: Vec<Phrase> = many
                .iter()
                .take(MAX_LINES)
                .map(|f| line(state, f, tz))
                .collect();
            if many.len() > MAX_LINES {
                lines.push(
                    Forms {
                        one: Key("noticeMore_one"),
                        other: Key("noticeMore_other"),
                    }
                    .count(many.len() - MAX_LINES),
                );
            }
            let last = many.last().map(|f| f.id.as_str()).unwrap_or_default();
            Some(Notice::basic(
                format!("due-many:{last}"),
                Forms {
                    one: Key("noticeManyDue_one"),
                    other: Key("noticeManyDue_other"),
                }
                .count(many.len()),
                lines,
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
fn line(state: &State, f: &FollowUp, tz: Tz) -> Phrase {
    let about = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id))
        .map(role_at)
        .or_else(|| {
            f.contact
                .as_ref()
                .and_then(|id| state.contacts.get(id))
                .map(|c| c.name.as_str().into())
        });
    let what = what_to_do(state, f, tz);
    match about {
        Some(about) => Key("noticeLine").with([what, about]),
        None => what,
    }
}

/// "Data Engineer at Acme".
fn role_at(o: &Opportunity) -> Phrase {
    Key("noticeRoleAt").with([o.job.title.as_str().into(), o.company()])
}

/// "Tracked ✓" with the role and company, once a posting is saved.
pub fn tracked(opportunity: &Opportunity) -> Notice {
    Notice::basic(
        format!("tracked:{}", opportunity.id),
        Key("noticeTracked").phrase(),
        vec![role_at(opportunity)],
    )
}

/// Why nothing was tracked.
pub fn not_tracked(reason: Phrase) -> Notice {
    Notice::basic(
        "not-tracked",
        Key("noticeNotTracked").phrase(),
        vec![reason],
    )
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::i18n::Catalog;
    use crate::model::Stage;

    const NY: Tz = chrono_tz::America::New_York;

    #[test]
    fn a_tracked_posting_is_named_with_its_company() {
        let opportunity = Opportunity {
            id: "o1".into(),
            job: crate::capture::typed_in(
                "Data Engineer".into(),
                "Acme".into(),
                "https://a.example/1".into(),
            ),
            stage: Stage::Saved,
            created_at: chrono::DateTime::UNIX_EPOCH,
            notes: None,
            edits: Vec::new(),
        };
        let json = tracked(&opportunity).options(Catalog::english());
        assert_eq!(json["title"], "Tracked ✓");
        assert_eq!(json["message"], "Data Engineer at Acme");
        assert_eq!(json["type"], "basic");
        assert_eq!(json["iconUrl"], "icons/icon-128.png");
        assert!(json.get("buttons").is_none());
    }

    fn applied_state() -> State {
        let mut state = State::default();
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let job = crate::capture::typed_in(
            "Data Engineer".into(),
            "Acme".into(),
            "https://a.example/1".into(),
        );
        let tz = NY;
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
        let notice = due(&state, std::slice::from_ref(r3), NY).unwrap();
        assert_eq!(notice.id, format!("due:{}", r3.id));
        let json = notice.options(Catalog::english());
        assert_eq!(json["title"], "Time to follow up");
        assert_eq!(
            json["message"],
            format!("{} (Data Engineer at Acme)", r3.text)
        );
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
        let notice = due(&state, &pending, NY).unwrap();
        let json = notice.options(Catalog::english());
        assert_eq!(json["title"], "2 follow-ups are due");
        assert_eq!(json["message"].as_str().unwrap().lines().count(), 2);
        assert!(json.get("buttons").is_none());
        assert_eq!(action(&notice.id, None), Action::OpenChecklist);
        assert!(due(&state, &[], NY).is_none());
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
