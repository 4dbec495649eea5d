//! The pages decide nothing (issue 17): which buttons a posting's stage offers, whether a stage
//! is closed, whether a person is a direct connection, and the words of every state the pages
//! show all come from the core.

use follow_through::dashboard::lists::Show;
use follow_through::dashboard::Lane;
use follow_through::formats::backup::Mode;
use follow_through::formats::download::FileKind;
use follow_through::i18n::Catalog;
use follow_through::messages::{PageAction, PageView};
use follow_through::model::{Contact, Outcome, Stage, Status};
use follow_through::phrase::Phrase;
use follow_through::store::{done_choices, SnoozeFor};
use serde_json::json;

const STAGES: [Stage; 7] = [
    Stage::Saved,
    Stage::Applied,
    Stage::Interviewing,
    Stage::Offer,
    Stage::Accepted,
    Stage::Rejected,
    Stage::Withdrawn,
];

fn job() -> serde_json::Value {
    json!({ "title": "Data Engineer", "company": "Acme", "url": "https://boards.greenhouse.io/acme/jobs/1", "source": "jsonld" })
}

fn opportunity(id: &str, stage: Stage) -> serde_json::Value {
    json!({ "id": id, "job": job(), "stage": stage, "created_at": "2026-03-02T15:00:00Z" })
}

/// The popup's view of a posting page: tracked at `stage`, or not, and maybe the same as one.
fn page(stage: Option<Stage>, maybe_same: bool) -> PageView {
    let mut view = json!({ "url": "https://boards.greenhouse.io/acme/jobs/1", "title": "Data Engineer", "readable": true, "job": job() });
    if let Some(stage) = stage {
        view["opportunity"] = opportunity("o1", stage);
    }
    if maybe_same {
        view["maybe_same"] = opportunity("o2", Stage::Applied);
    }
    serde_json::from_value(view).unwrap()
}

#[test]
fn a_stage_is_closed_once_accepted_rejected_or_withdrawn() {
    let closed: Vec<Stage> = STAGES.into_iter().filter(|s| s.is_closed()).collect();
    assert_eq!(closed, [Stage::Accepted, Stage::Rejected, Stage::Withdrawn]);
    for stage in STAGES {
        assert_eq!(
            Lane::of(stage) == Lane::Closed,
            stage.is_closed(),
            "{stage:?}"
        );
        assert_eq!(
            follow_through::dashboard::moves(stage).is_empty(),
            stage.is_closed(),
            "a closed opportunity offers no move: {stage:?}"
        );
    }
}

#[test]
fn each_stage_offers_its_actions_and_says_its_status() {
    let said = |view: &PageView| view.status().map(|s| s.english());
    assert_eq!(page(None, false).actions(), [PageAction::Track]);
    assert_eq!(
        page(None, true).actions(),
        [PageAction::SamePosting, PageAction::TrackSeparately]
    );
    assert_eq!(said(&page(None, false)), None);
    let offered: Vec<(Stage, Vec<PageAction>, String)> = STAGES
        .into_iter()
        .map(|stage| {
            let view = page(Some(stage), false);
            (stage, view.actions(), said(&view).unwrap())
        })
        .collect();
    assert_eq!(
        offered,
        [
            (
                Stage::Saved,
                vec![PageAction::MarkApplied],
                "Tracked ✓".into()
            ),
            (Stage::Applied, vec![], "Applied ✓".into()),
            (Stage::Interviewing, vec![], "Interviewing ✓".into()),
            (Stage::Offer, vec![], "Offer ✓".into()),
            (Stage::Accepted, vec![], "Accepted ✓".into()),
            (Stage::Rejected, vec![], "Closed".into()),
            (Stage::Withdrawn, vec![], "Closed".into()),
        ]
    );
    let wired: Vec<String> = [
        PageAction::Track,
        PageAction::SamePosting,
        PageAction::TrackSeparately,
        PageAction::MarkApplied,
    ]
    .iter()
    .map(|a| {
        serde_json::to_value(a)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    })
    .collect();
    assert_eq!(
        wired,
        ["track", "same-posting", "track-separately", "applied"]
    );
    let no_posting: PageView = serde_json::from_value(
        json!({ "url": "https://example.com/", "title": "", "readable": true }),
    )
    .unwrap();
    assert!(no_posting.actions().is_empty());
}

#[test]
fn a_person_is_a_direct_connection_only_at_the_first_degree() {
    let with = |degree: Option<&str>| {
        let mut contact = Contact::new("c1".into(), "Ana Lima".into());
        contact.degree = degree.map(str::to_string);
        contact.is_first_degree()
    };
    assert!(with(Some("1st")));
    assert!(!with(Some("2nd")));
    assert!(!with(Some("3rd")));
    assert!(!with(None));
}

#[test]
fn every_state_the_pages_show_is_worded_by_a_message() {
    let mut phrases: Vec<Phrase> = STAGES.iter().map(|s| s.phrase()).collect();
    phrases.extend(
        [
            Status::Open,
            Status::Done,
            Status::Superseded,
            Status::Snoozed,
            Status::Cancelled,
            Status::MovedOn,
        ]
        .map(Status::phrase),
    );
    phrases.extend([Outcome::NoAnswer, Outcome::Answered].map(Outcome::phrase));
    phrases.extend(Lane::ALL.map(Lane::phrase));
    phrases.extend(Show::ALL.map(Show::phrase));
    phrases.extend(Mode::ALL.map(Mode::phrase));
    phrases.extend(FileKind::EXPORTS.map(FileKind::phrase));
    phrases.push(FileKind::Backup.phrase());
    let english = Catalog::english();
    for phrase in &phrases {
        let Phrase::Message { key, .. } = phrase else {
            panic!("{phrase:?} is not a message");
        };
        assert!(english.has(key), "{key}");
    }
}

#[test]
fn the_done_and_snooze_choices_are_worded_by_the_core_with_the_values_the_store_reads() {
    let done: Vec<(serde_json::Value, String)> = done_choices()
        .iter()
        .map(|(outcome, said)| (serde_json::to_value(outcome).unwrap(), said.english()))
        .collect();
    assert_eq!(
        done,
        [
            (json!("no_answer"), "No answer yet".into()),
            (json!("answered"), "They answered".into()),
            (json!(null), "Just done".into()),
        ]
    );
    let snooze: Vec<(serde_json::Value, String)> = SnoozeFor::presets()
        .iter()
        .map(|(by, said)| (serde_json::to_value(by).unwrap(), said.english()))
        .collect();
    assert_eq!(
        snooze,
        [
            (json!("one_day"), "1 day".into()),
            (json!("three_days"), "3 days".into()),
            (json!("one_week"), "1 week".into()),
        ]
    );
    assert_eq!(Phrase::weekday(chrono::Weekday::Sat).english(), "Sat");
}
