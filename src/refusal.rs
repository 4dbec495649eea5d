//! Why something was refused, as a phrase for the user: the store's and the backup's errors,
//! worded in the user's language by the popup, the settings page and the dashboard.

use crate::formats::backup::BackupError;
use crate::phrase::{Key, Phrase};
use crate::store::{StoreError, SCHEMA_VERSION};

/// Why the store refused a command.
pub fn of_store(error: &StoreError) -> Phrase {
    match error {
        StoreError::Invalid(why) => why.clone(),
        StoreError::NotFound(_) => Key("refusedGone").phrase(),
    }
}

/// Why a backup can't be restored.
pub fn of_backup(error: &BackupError) -> Phrase {
    match error {
        BackupError::NotJson(why) => Key("backupNotJson").with([why.as_str().into()]),
        BackupError::NotABackup => Key("backupNotOurs").phrase(),
        BackupError::Newer { version } => {
            Key("backupNewer").with([(*version).into(), SCHEMA_VERSION.into()])
        }
        BackupError::Invalid(problems) => Key("backupDamaged").with([problems.join("; ").into()]),
    }
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::model::Settings;
    use crate::store::{Command, SnoozeFor, State};
    use chrono::{DateTime, Utc};
    use chrono_tz::America::New_York;

    fn now() -> DateTime<Utc> {
        "2026-03-06T15:00:00Z".parse().unwrap()
    }

    /// Every command refusal a user can cause from the popup, settings or dashboard.
    fn refusals() -> Vec<StoreError> {
        let mut state = State::default();
        let mut refused = |command: Command| {
            let error = state.apply(command, now(), New_York).unwrap_err();
            assert!(matches!(error, StoreError::Invalid(_)), "{error}");
            error
        };
        let untitled =
            crate::capture::typed_in(" ".into(), "Acme".into(), "https://a.example/1".into());
        let scripted =
            crate::capture::typed_in("Role".into(), "Acme".into(), "javascript:alert(1)".into());
        let backwards = Settings {
            work_start: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            ..Settings::default()
        };
        vec![
            refused(Command::Track { job: untitled }),
            refused(Command::Track { job: scripted }),
            refused(Command::EditSettings {
                settings: backwards,
            }),
            refused(Command::Undo),
        ]
    }

    #[test]
    fn every_refusal_a_user_can_meet_has_a_message_saying_the_same_english() {
        for error in refusals() {
            let phrase = of_store(&error);
            assert!(matches!(phrase, Phrase::Message { .. }), "{error}");
            assert_eq!(phrase.english(), error.to_string());
        }
    }

    #[test]
    fn a_refused_backup_says_why_in_the_english_it_always_did() {
        for error in [
            BackupError::NotJson("expected value at line 1".into()),
            BackupError::NotABackup,
            BackupError::Newer { version: 99 },
            BackupError::Invalid(vec!["one".into(), "two".into()]),
        ] {
            assert_eq!(of_backup(&error).english(), error.to_string());
        }
    }

    #[test]
    fn snoozing_what_has_ended_is_refused_in_words() {
        let mut state = State::default();
        let job =
            crate::capture::typed_in("Role".into(), "Acme".into(), "https://a.example/1".into());
        let o = state
            .apply(Command::Track { job }, now(), New_York)
            .unwrap()
            .opportunity
            .unwrap();
        let r1 = state.pending_followups().next().unwrap().id.clone();
        state
            .apply(
                Command::MarkApplied {
                    opportunity_id: o.id,
                },
                now(),
                New_York,
            )
            .unwrap();
        let error = state
            .apply(
                Command::Snooze {
                    followup_id: r1,
                    by: SnoozeFor::OneDay,
                },
                now(),
                New_York,
            )
            .unwrap_err();
        assert_eq!(of_store(&error), Key("refusedEnded").phrase());
    }
}
