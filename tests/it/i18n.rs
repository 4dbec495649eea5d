//! A translation needs no code change: in a pseudo-locale that wraps every message in [[…]],
//! everything the core phrases for the user (the checklist, the dashboard, notifications,
//! drafts, refusals) shows only wrapped words and the user's own data, never bare English.

use chrono::{DateTime, Utc};
use chrono_tz::America::New_York;
use follow_through::checklist::{checklist, recent};
use follow_through::dashboard::{dashboard, Query};
use follow_through::drafts::draft;
use follow_through::formats::backup::BackupError;
use follow_through::i18n::Catalog;
use follow_through::model::{Link, Role, Rule, What};
use follow_through::notice;
use follow_through::phrase::{Phrase, Words};
use follow_through::refusal;
use follow_through::store::{Command, ContactInput, NewEvent, State};

/// Every message of the English catalog, wrapped in [[…]].
struct Pseudo;

impl Words for Pseudo {
    fn message(&self, key: &str, substitutions: &[&str]) -> String {
        format!("[[{}]]", Catalog::english().message(key, substitutions))
    }
}

/// Names, titles and words the user gave: shown as they are in any language.
const DATA: [&str; 8] = [
    "References before the interview",
    "Data Engineer",
    "Dana Lee",
    "Chris Wu",
    "Ana Lima",
    "Acme",
    "Dana",
    "Chris",
];

/// What is left of `text` outside the wrapped messages once the user's data is taken out.
fn bare(text: &str) -> String {
    let rest = DATA
        .iter()
        .fold(text.to_string(), |rest, data| rest.replace(data, ""));
    let mut out = String::new();
    let mut depth = 0;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('[', Some('[')) => {
                chars.next();
                depth += 1;
            }
            (']', Some(']')) if depth > 0 => {
                chars.next();
                depth -= 1;
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn assert_wrapped(what: &str, text: &str) {
    let left = bare(text);
    assert!(
        !left.chars().any(char::is_alphabetic),
        "{what}: bare words {left:?} in {text:?}"
    );
}

fn said(phrase: &Phrase) -> String {
    phrase.say(&Pseudo)
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn apply(state: &mut State, command: Command, when: &str) {
    state.apply(command, at(when), New_York).unwrap();
}

fn log(state: &mut State, job: Option<&str>, person: Option<&str>, what: What, when: &str) {
    let event = NewEvent {
        opportunity_id: job.map(str::to_string),
        contact_id: person.map(str::to_string),
        at: None,
        with: None,
        what,
    };
    apply(state, Command::LogEvent { event }, when);
}

/// Saves a contact and returns its id.
fn person(state: &mut State, name: &str, links: Vec<Link>) -> String {
    let contact = ContactInput {
        id: None,
        name: name.into(),
        email: None,
        profile_url: None,
        links,
    };
    apply(
        state,
        Command::SaveContact { contact },
        "2026-03-03T09:00:00-05:00",
    );
    let saved = state.contacts.values().find(|c| c.name == name).unwrap();
    saved.id.clone()
}

/// A search with a follow-up of most rules pending: applied, interviewed by Dana (with a meeting
/// planned and a promise without a date), Chris met through Ana and reached out to.
fn busy() -> State {
    let mut state = State::default();
    let job = follow_through::capture::typed_in(
        "Data Engineer".into(),
        "Acme".into(),
        "https://boards.greenhouse.io/acme/jobs/1".into(),
    );
    apply(
        &mut state,
        Command::Track { job },
        "2026-03-02T10:00:00-05:00",
    );
    let o1 = Some("o1");
    let applied = Command::MarkApplied {
        opportunity_id: "o1".into(),
    };
    apply(&mut state, applied, "2026-03-02T11:00:00-05:00");
    let interviewer = Link {
        opportunity: "o1".into(),
        role: Role::Interviewer,
    };
    let dana = person(&mut state, "Dana Lee", vec![interviewer]);
    let chris = person(&mut state, "Chris Wu", vec![]);
    let with_dana = Some(dana.as_str());
    let interviewed = What::Interviewed {
        decision_date: None,
    };
    log(
        &mut state,
        o1,
        with_dana,
        interviewed,
        "2026-03-04T14:00:00-05:00",
    );
    let meeting = What::MeetingScheduled {
        when: at("2026-03-20T14:30:00-04:00"),
    };
    log(
        &mut state,
        None,
        with_dana,
        meeting,
        "2026-03-04T15:00:00-05:00",
    );
    let promise = What::Promise {
        text: "References before the interview".into(),
    };
    log(
        &mut state,
        o1,
        with_dana,
        promise,
        "2026-03-04T15:05:00-05:00",
    );
    let reminder = What::Reminder {
        text: "Update my CV".into(),
        date: "2026-03-16".parse().unwrap(),
        time: None,
    };
    log(
        &mut state,
        None,
        None,
        reminder,
        "2026-03-04T15:10:00-05:00",
    );
    let referral = Command::ReferralFrom {
        contact_id: chris.clone(),
        referrer: "Ana Lima".into(),
    };
    apply(&mut state, referral, "2026-03-05T10:00:00-05:00");
    let cadence = Command::SetCadence {
        contact_id: dana.clone(),
        every_days: 30,
    };
    apply(&mut state, cadence, "2026-03-05T11:00:00-05:00");
    log(
        &mut state,
        None,
        Some(&chris),
        What::ReachedOut,
        "2026-03-06T10:00:00-05:00",
    );
    state
}

fn now() -> DateTime<Utc> {
    at("2026-03-12T12:00:00-04:00")
}

#[test]
fn the_checklist_in_a_pseudo_locale_shows_no_bare_english() {
    let state = busy();
    let list = checklist(&state, now(), New_York);
    let items: Vec<_> = list.sections.iter().flat_map(|s| &s.items).collect();
    let mut rules: Vec<Rule> = items.iter().map(|item| item.rule).collect();
    rules.sort();
    use Rule::*;
    assert_eq!(
        rules,
        [R6, R7, R12, R14, R15, R16, Own],
        "the names, meeting, promise and reminder are in"
    );
    for item in items {
        for phrase in [&item.what, &item.why, &item.when]
            .into_iter()
            .chain(&item.note)
        {
            assert_wrapped("checklist", &said(phrase));
        }
    }
    for seen in recent(&state, now(), New_York, 5) {
        assert_wrapped("recently viewed", &said(&seen.seen));
    }
}

#[test]
fn the_dashboard_in_a_pseudo_locale_shows_no_bare_english() {
    let state = busy();
    let query = Query {
        timeline: Some("o1".into()),
        ..Query::default()
    };
    let d = dashboard(&state, &query, now(), New_York);
    let mut phrases: Vec<&Phrase> = Vec::new();
    for next in d
        .board
        .iter()
        .flat_map(|c| &c.cards)
        .filter_map(|c| c.next.as_ref())
    {
        phrases.extend([&next.text, &next.when]);
    }
    let timeline = d.timeline.as_ref().unwrap();
    for entry in &timeline.entries {
        phrases.extend([&entry.when, &entry.text].into_iter().chain(&entry.detail));
    }
    for row in &d.followups.items {
        phrases.extend([&row.text, &row.when]);
    }
    phrases.extend(timeline.contacts.iter().flat_map(|c| &c.roles));
    phrases.extend(d.charts.weekly.bars.iter().map(|bar| &bar.label));
    assert!(
        phrases.len() > 40,
        "the dashboard is full: {}",
        phrases.len()
    );
    for phrase in phrases {
        assert_wrapped("dashboard", &said(phrase));
    }
}

#[test]
fn notifications_and_drafts_in_a_pseudo_locale_show_no_bare_english() {
    let state = busy();
    let pending: Vec<_> = state.pending_followups().cloned().collect();
    let one = notice::due(&state, &pending[..1], New_York).unwrap();
    let many = notice::due(&state, &pending, New_York).unwrap();
    let tracked = notice::tracked(&state.opportunities["o1"]);
    for notice in [one, many, tracked] {
        let options = notice.options(&Pseudo);
        assert_wrapped("notification title", options["title"].as_str().unwrap());
        assert_wrapped("notification", options["message"].as_str().unwrap());
        for button in options["buttons"].as_array().into_iter().flatten() {
            assert_wrapped("notification button", button["title"].as_str().unwrap());
        }
    }
    for f in &pending {
        let written = draft(&state, &f.id, New_York).unwrap().write(&Pseudo);
        for text in [&written.kind, &written.subject, &written.body] {
            assert_wrapped(&format!("draft of {:?}", f.rule), text);
        }
    }
}

#[test]
fn refusals_in_a_pseudo_locale_show_no_bare_english() {
    let mut state = busy();
    let untitled =
        follow_through::capture::typed_in(" ".into(), "Acme".into(), "https://a.example/2".into());
    let error = state
        .apply(Command::Track { job: untitled }, now(), New_York)
        .unwrap_err();
    assert_wrapped("refusal", &said(&refusal::of_store(&error)));
    let backup = refusal::of_backup(&BackupError::NotABackup);
    assert_wrapped("restore refused", &said(&backup));
}
