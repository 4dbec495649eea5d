//! What a follow-up says, phrased when it is shown: from its rule and the records it is about
//! (names as they are now, a promise's words from its event), so a translation, or a contact
//! renamed, changes the follow-ups already planned too. The English kept with a follow-up
//! (`FollowUp::text`, `note`) is for backups and files.

use crate::model::{Event, FollowUp, Id, What};
use crate::phrase::Phrase;
use crate::playbook::promise;
use crate::playbook::rules::{says, About, Facts, On, Row, RULES};
use crate::store::{Command, State};
use crate::text::collapse;
use crate::zone::Tz;

/// What to do, with dates in `tz`: "Follow up with Ana Lima: propose coffee…"; the user's own
/// words once they corrected them.
pub fn what_to_do(state: &State, f: &FollowUp, tz: Tz) -> Phrase {
    if f.own_words() {
        return f.text.as_str().into();
    }
    let event = state.events.get(&f.event);
    let Some(row) = row_of(state, f, event) else {
        return f.text.as_str().into();
    };
    let contact = |id: Option<&Id>| id.and_then(|id| state.contacts.get(id));
    let own = contact(f.contact.as_ref());
    let (contact, referrer) = match row.about {
        About::Same => (own, own.and_then(|c| contact(c.referred_by.as_ref()))),
        About::Referrer => (contact(event.and_then(|e| e.contact.as_ref())), own),
    };
    let facts = Facts {
        opportunity: f
            .opportunity
            .as_ref()
            .and_then(|id| state.opportunities.get(id)),
        contact,
        referrer,
        ..Facts::default()
    };
    says(row, event.map(|e| &e.what), &facts, tz)
}

/// A command as the user meant it: a follow-up edit whose words are still those the form showed
/// (the rule's, phrased now) leaves the follow-up's words as they are; only words the user typed
/// become its own.
pub fn as_meant(state: &State, command: Command, tz: Tz) -> Command {
    match command {
        Command::EditFollowUp {
            followup_id,
            mut edit,
        } => {
            if let Some(f) = state.followups.get(&followup_id) {
                if collapse(&edit.text) == collapse(&what_to_do(state, f, tz).english()) {
                    edit.text.clone_from(&f.text);
                }
            }
            Command::EditFollowUp { followup_id, edit }
        }
        other => other,
    }
}

/// How the due time was chosen, when it was not obvious: a promise whose words gave no date.
pub fn note(state: &State, f: &FollowUp) -> Option<Phrase> {
    let note = f.note.as_ref()?;
    Some(match state.events.get(&f.event).map(|e| &e.what) {
        Some(What::Promise { text }) => promise::no_date(text),
        _ => note.as_str().into(),
    })
}

/// The row that planned `f`. Where a rule's rows say different things (R14: the update after
/// reaching out, then the recurring ones), the event and the follow-ups before it tell.
fn row_of(state: &State, f: &FollowUp, event: Option<&Event>) -> Option<&'static Row> {
    let rows: Vec<&'static Row> = RULES.iter().filter(|row| row.rule == f.rule).collect();
    let first = *rows.first()?;
    if rows.iter().all(|row| row.text == first.text) {
        return Some(first);
    }
    let triggered = rows
        .iter()
        .find(|row| event.is_some_and(|e| row.on == On::Event(e.what.kind())));
    let again = rows.iter().find(|row| row.on == On::Completed(f.rule));
    match (triggered, again) {
        (Some(row), Some(again)) => Some(if repeats(state, f) { again } else { row }),
        (row, again) => row.or(again).copied(),
    }
}

/// Whether an earlier follow-up of the same rule about the same person answers the same event:
/// a recurring rule's next follow-up keeps the event of the one before (ids count up).
fn repeats(state: &State, f: &FollowUp) -> bool {
    let serial = |id: &str| id.get(1..).and_then(|n| n.parse::<u64>().ok());
    state.followups.values().any(|g| {
        g.rule == f.rule
            && g.contact == f.contact
            && g.event == f.event
            && serial(&g.id) < serial(&f.id)
    })
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::model::{Rule, What};
    use crate::phrase::Key;
    use crate::store::{Command, ContactInput, NewEvent};
    use chrono::{DateTime, Utc};
    use chrono_tz::America::New_York;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn save(state: &mut State, id: Option<&str>, name: &str) {
        let contact = ContactInput {
            id: id.map(str::to_string),
            name: name.into(),
            email: None,
            profile_url: None,
            links: vec![],
        };
        let command = Command::SaveContact { contact };
        state
            .apply(command, at("2026-03-02T09:00:00-05:00"), New_York)
            .unwrap();
    }

    #[test]
    fn a_follow_up_names_its_person_as_they_are_named_now() {
        let mut state = State::default();
        save(&mut state, None, "Dana");
        let dana = state.contacts.keys().next().unwrap().clone();
        let event = NewEvent {
            opportunity_id: None,
            contact_id: Some(dana.clone()),
            at: None,
            with: None,
            what: What::Met { connected: true },
        };
        let met = at("2026-03-02T10:00:00-05:00");
        state
            .apply(Command::LogEvent { event }, met, New_York)
            .unwrap();
        save(&mut state, Some(&dana), "Dana Lee");
        let r9 = state
            .pending_followups()
            .find(|f| f.rule == Rule::R9)
            .unwrap();
        assert_eq!(
            r9.text,
            "Follow up with Dana: propose coffee or a call early next week"
        );
        let shown = what_to_do(&state, r9, New_York);
        let Phrase::Message { key, args } = &shown else {
            panic!("a message: {shown:?}");
        };
        assert_eq!((key.as_str(), &args[0]), ("followUpR9", &"Dana Lee".into()));
        assert_eq!(
            shown.english(),
            "Follow up with Dana Lee: propose coffee or a call early next week"
        );
    }

    #[test]
    fn a_promise_without_a_date_is_noted_from_its_words() {
        let mut state = State::default();
        let event = NewEvent {
            opportunity_id: None,
            contact_id: None,
            at: None,
            with: None,
            what: What::Promise {
                text: " Slides before the interview ".into(),
            },
        };
        let promised = at("2026-03-02T10:00:00-05:00");
        state
            .apply(Command::LogEvent { event }, promised, New_York)
            .unwrap();
        let r15 = state.pending_followups().next().unwrap();
        assert_eq!(
            note(&state, r15),
            Some(Key("promiseNoDate").with(["Slides before the interview".into(), 5u64.into()]))
        );
        assert_eq!(
            what_to_do(&state, r15, New_York),
            Key("followUpR15").with([
                "".into(),
                Key("theCompany").phrase(),
                Key("theRole").phrase(),
                Key("someoneWhoReferred").phrase(),
                Key("someoneReferred").phrase(),
                "".into(),
                "Slides before the interview".into(),
            ])
        );
    }
}
