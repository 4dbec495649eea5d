//! The stored and messaged shapes read by hand-written readers rather than serde's buffering
//! derives (`tagged`; `Event` and `NewEvent`, which hold a `What`; `Phrase`; `MicroValue`): each
//! reads what the derive read, in any key order, with fields it does not know, from JSON text
//! and from a `serde_json::Value` (stored records), and refuses what it refused with a reason.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use follow_through::capture::{MicroItem, MicroValue};
use follow_through::messages::{Reply, Request};
use follow_through::model::{Event, Job, Outcome, Source, What};
use follow_through::phrase::{Key, Phrase, Style};
use follow_through::store::{Command, NewEvent};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::PathBuf;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// `value` as JSON text with its keys in the order `order` names them (the rest after, sorted).
fn in_order(value: &Value, order: &[&str]) -> String {
    let map = value.as_object().unwrap();
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|key| order.iter().position(|k| k == key).unwrap_or(order.len()));
    let fields: Vec<String> = keys
        .iter()
        .map(|key| format!("{}:{}", json!(key), map[*key]))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// Reads `text` both ways the extension reads: as JSON text (messages) and as a `Value`
/// (stored records); both must agree.
fn read<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> Result<T, String> {
    let from_text = serde_json::from_str::<T>(text).map_err(|e| e.to_string());
    let value: Value = serde_json::from_str(text).unwrap();
    let from_value = serde_json::from_value::<T>(value).map_err(|e| e.to_string());
    match (&from_text, &from_value) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(a), Err(b)) => assert!(a.starts_with(b.as_str()), "{a} / {b}"),
        _ => panic!("{text}: {from_text:?} from text, {from_value:?} from a value"),
    }
    from_text
}

/// The message of an error from `read`, without serde_json's place in the text.
fn refusal<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> String {
    unplaced(read::<T>(text).unwrap_err())
}

/// The message of an error reading JSON text with a key twice (a `Value` keeps the last).
fn twice<T: DeserializeOwned + Debug>(text: &str) -> String {
    unplaced(serde_json::from_str::<T>(text).unwrap_err().to_string())
}

fn unplaced(said: String) -> String {
    match said.rfind(" at line ") {
        Some(at) => said[..at].to_string(),
        None => said,
    }
}

/// Writes `thing`, reads it back in every key order given, and requires the same thing.
fn crosses<T: Serialize + DeserializeOwned + PartialEq + Debug>(thing: &T, orders: &[&[&str]]) {
    let written = serde_json::to_value(thing).unwrap();
    assert_eq!(read::<T>(&written.to_string()).unwrap(), *thing);
    assert_eq!(
        read::<T>(&serde_json::to_string(thing).unwrap()).unwrap(),
        *thing
    );
    for order in orders {
        assert_eq!(read::<T>(&in_order(&written, order)).unwrap(), *thing);
    }
}

fn fixture(version: u32) -> BTreeMap<String, Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/storage/v{version}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn event(what: What) -> Event {
    Event {
        id: "e7".into(),
        at: at("2026-03-06T15:00:00Z"),
        opportunity: Some("o1".into()),
        contact: Some("c2".into()),
        what,
    }
}

fn every_what() -> Vec<What> {
    let date = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    vec![
        What::Saved,
        What::Applied,
        What::Interviewed {
            decision_date: None,
        },
        What::Interviewed {
            decision_date: Some(date),
        },
        What::Rejected,
        What::Offer,
        What::Accepted,
        What::Withdrawn,
        What::Met { connected: true },
        What::Connected,
        What::CallHeld,
        What::MeetingScheduled {
            when: at("2026-04-02T14:00:00Z"),
        },
        What::Referral {
            referrer: "c9".into(),
        },
        What::ReachedOut,
        What::Promise {
            text: "send the deck".into(),
        },
        What::Cadence { every_days: 30 },
        What::Touch {
            outcome: Outcome::NoAnswer,
        },
        What::Reply,
        What::Reminder {
            text: "call Ana".into(),
            date,
            time: None,
        },
        What::Reminder {
            text: "call Ana".into(),
            date,
            time: NaiveTime::from_hms_opt(9, 30, 0),
        },
    ]
}

/// Key orders an event may come in: as written, the kind last, the kind first, reversed.
const EVENT_ORDERS: [&[&str]; 3] = [
    &[
        "id",
        "at",
        "opportunity",
        "contact",
        "text",
        "date",
        "time",
        "kind",
    ],
    &["kind", "id", "at", "opportunity", "contact"],
    &[
        "time",
        "date",
        "outcome",
        "every_days",
        "text",
        "referrer",
        "when",
        "connected",
        "decision_date",
        "kind",
        "contact",
        "opportunity",
        "at",
        "id",
    ],
];

#[test]
fn stored_events_of_every_schema_read_back_and_write_the_same_record() {
    for version in 1..=3 {
        for (key, stored) in fixture(version) {
            if !key.starts_with("event/") {
                continue;
            }
            // Stored with sorted keys: the kind comes among the event's own fields.
            let event = read::<Event>(&stored.to_string()).unwrap();
            assert_eq!(serde_json::to_value(&event).unwrap(), stored, "{key}");
        }
    }
}

#[test]
fn every_kind_of_event_crosses_in_any_key_order() {
    for what in every_what() {
        crosses(&event(what.clone()), &EVENT_ORDERS);
        let bare = Event {
            opportunity: None,
            contact: None,
            ..event(what)
        };
        crosses(&bare, &EVENT_ORDERS);
    }
}

#[test]
fn an_event_ignores_fields_it_does_not_know_and_those_of_other_kinds() {
    let saved = event(What::Saved);
    for text in [
        r#"{"id":"e7","at":"2026-03-06T15:00:00Z","opportunity":"o1","contact":"c2","kind":"saved","text":5,"when":"soon","extra":{"a":[1]}}"#,
        r#"{"text":5,"when":"soon","extra":[1],"id":"e7","at":"2026-03-06T15:00:00Z","opportunity":"o1","contact":"c2","kind":"saved"}"#,
    ] {
        assert_eq!(read::<Event>(text).unwrap(), saved);
    }
    let nulls = r#"{"id":"e7","at":"2026-03-06T15:00:00Z","opportunity":null,"contact":null,"kind":"interviewed","decision_date":null}"#;
    assert_eq!(
        read::<Event>(nulls).unwrap().what,
        What::Interviewed {
            decision_date: None
        }
    );
    // serde reads a variant by its index as well as by its name.
    let by_index = r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":1}"#;
    assert_eq!(read::<Event>(by_index).unwrap().what, What::Applied);
}

#[test]
fn an_event_of_the_wrong_shape_is_refused_with_a_reason() {
    let cases = [
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z"}"#,
            "missing field `kind`",
        ),
        (
            r#"{"at":"2026-03-06T15:00:00Z","kind":"saved"}"#,
            "missing field `id`",
        ),
        (r#"{"id":"e7","kind":"saved"}"#, "missing field `at`"),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"promise"}"#,
            "missing field `text`",
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"met","connected":"yes"}"#,
            r#"invalid type: string "yes", expected a boolean"#,
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"met","connected":null}"#,
            "invalid type: null, expected a boolean",
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"cadence","every_days":-1}"#,
            "invalid value: integer `-1`, expected u32",
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":true}"#,
            "invalid type: boolean `true`, expected variant identifier",
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":18}"#,
            "invalid value: integer `18`, expected variant index 0 <= i < 18",
        ),
        (r#"["e7"]"#, "invalid type: sequence, expected struct Event"),
    ];
    for (text, reason) in cases {
        assert_eq!(refusal::<Event>(text), reason, "{text}");
    }
    let twice_said = [
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"saved","kind":"applied"}"#,
            "duplicate field `kind`",
        ),
        (
            r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"promise","text":"a","text":"b"}"#,
            "duplicate field `text`",
        ),
        (
            r#"{"id":"e7","id":"e8","at":"2026-03-06T15:00:00Z","kind":"saved"}"#,
            "duplicate field `id`",
        ),
    ];
    for (text, reason) in twice_said {
        assert_eq!(twice::<Event>(text), reason, "{text}");
    }
    let unknown = refusal::<Event>(r#"{"id":"e7","at":"2026-03-06T15:00:00Z","kind":"hired"}"#);
    assert!(
        unknown.starts_with("unknown variant `hired`, expected one of `saved`, `applied`,"),
        "{unknown}"
    );
    assert!(unknown.ends_with("`reply`, `reminder`"), "{unknown}");
}

#[test]
fn a_logged_event_crosses_in_any_key_order_and_refuses_a_wrong_one() {
    for what in every_what() {
        let logged = NewEvent {
            opportunity_id: Some("o1".into()),
            contact_id: Some("c2".into()),
            at: Some(at("2026-03-09T18:00:00Z")),
            with: Some("Ana Lima".into()),
            what: what.clone(),
        };
        let orders: [&[&str]; 2] = [
            &["kind", "opportunityId", "contactId", "at", "with"],
            &["text", "date", "connected", "with", "at", "kind"],
        ];
        crosses(&logged, &orders);
        let bare = NewEvent {
            opportunity_id: None,
            contact_id: None,
            at: None,
            with: None,
            what,
        };
        crosses(&bare, &orders);
    }
    // As the popup and the dashboard send them.
    let met = read::<NewEvent>(r#"{"contactId":"c1","kind":"met","connected":false,"x":1}"#);
    assert_eq!(met.unwrap().what, What::Met { connected: false });
    assert_eq!(
        refusal::<NewEvent>(r#"{"opportunityId":"o1"}"#),
        "missing field `kind`"
    );
    assert_eq!(
        refusal::<NewEvent>(r#"{"kind":"touch"}"#),
        "missing field `outcome`"
    );
    assert_eq!(
        twice::<NewEvent>(r#"{"kind":"met","connected":true,"with":"a","with":"b"}"#),
        "duplicate field `with`"
    );
    assert_eq!(
        refusal::<NewEvent>(r#"5"#),
        "invalid type: integer `5`, expected struct NewEvent"
    );
}

fn job() -> Job {
    Job::titled("Site Reliability Engineer".into(), Source::Manual)
}

#[test]
fn tagged_messages_cross_with_the_tag_first_or_after_their_fields() {
    let commands = [
        Command::Track { job: job() },
        Command::CompleteFollowUp {
            followup_id: "f1".into(),
            outcome: Some(Outcome::Answered),
        },
        Command::Undo,
        Command::LogEvent {
            event: NewEvent {
                opportunity_id: Some("o1".into()),
                contact_id: None,
                at: None,
                with: None,
                what: What::Interviewed {
                    decision_date: None,
                },
            },
        },
    ];
    let last: &[&str] = &["job", "followupId", "outcome", "event", "type"];
    for command in &commands {
        crosses(command, &[last]);
        let request = Request::Command {
            command: command.clone(),
        };
        crosses(&request, &[&["command", "type"]]);
    }
    for request in [
        Request::Checklist,
        Request::PlanFor {
            url: "https://example.com/jobs/1".into(),
        },
        Request::CaptureTab { tab_id: 7 },
    ] {
        crosses(&request, &[&["url", "tabId", "type"]]);
    }
    let replies = [
        Reply::Error {
            message: Key("unexpectedAnswer").with(["boom".into()]),
        },
        Reply::Names {
            names: vec!["Ana".into(), "Bo".into()],
        },
        Reply::PromiseDue { due: None },
    ];
    for reply in &replies {
        crosses(reply, &[&["message", "names", "due", "type"]]);
    }
    // As the e2e tests and content.js send them, and as worker.js answers a failure.
    let sent = r#"{"type":"command","command":{"type":"completeFollowUp","followupId":"f1"}}"#;
    assert!(matches!(
        read::<Request>(sent).unwrap(),
        Request::Command {
            command: Command::CompleteFollowUp { outcome: None, .. }
        }
    ));
    let failed = read::<Reply>(r#"{"type":"error","message":"Error: gone"}"#).unwrap();
    assert_eq!(
        failed,
        Reply::Error {
            message: Phrase::Text("Error: gone".into())
        }
    );
    // A unit variant ignores fields, wherever its tag is.
    assert_eq!(
        read::<Command>(r#"{"type":"undo","extra":1}"#).unwrap(),
        Command::Undo
    );
    assert_eq!(
        read::<Command>(r#"{"extra":1,"type":"undo"}"#).unwrap(),
        Command::Undo
    );
    assert_eq!(
        read::<Reply>(r#"{"type":"promiseDue"}"#).unwrap(),
        Reply::PromiseDue { due: None }
    );
}

#[test]
fn a_tagged_message_of_the_wrong_shape_is_refused_with_a_reason() {
    let cases = [
        (r#"{}"#, "missing field `type`"),
        (
            r#"{"job":{"title":"T","source":"manual"}}"#,
            "missing field `type`",
        ),
        (
            r#"{"type":"snooze","followupId":"f1"}"#,
            "missing field `by`",
        ),
        (
            r#"{"followupId":"f1","type":"snooze"}"#,
            "missing field `by`",
        ),
        (
            r#"{"type":"snooze","followupId":5,"by":"one_day"}"#,
            "invalid type: integer `5`, expected a string",
        ),
        (
            r#"{"followupId":5,"type":"snooze","by":"one_day"}"#,
            "invalid type: integer `5`, expected a string",
        ),
        (
            r#"{"type":5}"#,
            "invalid type: integer `5`, expected variant identifier",
        ),
        (
            r#""undo""#,
            r#"invalid type: string "undo", expected internally tagged enum Command"#,
        ),
    ];
    for (text, reason) in cases {
        assert_eq!(refusal::<Command>(text), reason, "{text}");
    }
    for text in [
        r#"{"type":"track","type":"undo"}"#,
        r#"{"job":1,"type":"track","type":"undo"}"#,
    ] {
        assert_eq!(twice::<Command>(text), "duplicate field `type`", "{text}");
    }
    for text in [
        r#"{"type":"snooze","followupId":"a","followupId":"b","by":"one_day"}"#,
        r#"{"followupId":"a","followupId":"b","type":"snooze","by":"one_day"}"#,
    ] {
        assert_eq!(
            twice::<Command>(text),
            "duplicate field `followupId`",
            "{text}"
        );
    }
    let unknown_twice = r#"{"x":1,"x":2,"type":"undo"}"#;
    assert_eq!(
        serde_json::from_str::<Command>(unknown_twice).unwrap(),
        Command::Undo
    );
    for text in [r#"{"type":"explode"}"#, r#"{"job":{},"type":"explode"}"#] {
        let said = refusal::<Command>(text);
        assert!(
            said.starts_with(
                "unknown variant `explode`, expected one of `track`, `trackTyped`, `samePosting`,"
            ),
            "{said}"
        );
    }
    let inner = refusal::<Request>(
        r#"{"type":"command","command":{"type":"logEvent","event":{"kind":"hired"}}}"#,
    );
    assert!(inner.starts_with("unknown variant `hired`"), "{inner}");
    assert_eq!(
        refusal::<Request>(r#"{"type":"planFor"}"#),
        "missing field `url`"
    );
}

#[test]
fn phrases_read_back_as_the_first_shape_they_have() {
    let message = Key("checklistWhy").with([
        Key("eventMet").phrase(),
        Phrase::Moment {
            at: "2026-03-06T12:00:00".parse().unwrap(),
            style: Style::Day,
        },
        "Ana".into(),
        1581i64.into(),
        Phrase::Counted {
            count: 3,
            one: "lateDays_one".into(),
            other: "lateDays_other".into(),
            args: vec!["x".into()],
        },
    ]);
    crosses(&message, &[&["args", "key"]]);
    let moment = r#"{"style":"day","at":"2026-03-06T12:00:00","extra":1}"#;
    assert!(matches!(
        read::<Phrase>(moment).unwrap(),
        Phrase::Moment { .. }
    ));
    let counted = r#"{"other":"lateDays_other","one":"lateDays_one","count":3}"#;
    assert!(
        matches!(read::<Phrase>(counted).unwrap(), Phrase::Counted { args, .. } if args.is_empty())
    );
    // A key makes a message, whatever else is there; a key that is not text, the next shape.
    let both = r#"{"key":"eventMet","at":"2026-03-06T12:00:00","style":"day"}"#;
    assert_eq!(read::<Phrase>(both).unwrap(), Key("eventMet").phrase());
    let not_text = r#"{"key":5,"at":"2026-03-06T12:00:00","style":"day"}"#;
    assert!(matches!(
        read::<Phrase>(not_text).unwrap(),
        Phrase::Moment { .. }
    ));
    assert_eq!(read::<Phrase>("-12").unwrap(), Phrase::Number(-12));
}

#[test]
fn a_value_that_is_no_phrase_is_refused_as_before() {
    for text in [
        "1.5",
        "true",
        "null",
        "[]",
        r#"["eventMet"]"#,
        "{}",
        "18446744073709551615",
        r#"{"key":"a","args":5}"#,
        r#"{"at":"2026-03-06T12:00:00","style":"never"}"#,
    ] {
        assert_eq!(
            refusal::<Phrase>(text),
            "data did not match any variant of untagged enum Phrase",
            "{text}"
        );
    }
}

#[test]
fn microdata_values_read_back_as_text_or_item() {
    let item = MicroItem {
        types: vec!["https://schema.org/Person".into()],
        properties: BTreeMap::from([(
            "name".to_string(),
            vec![
                MicroValue::Text("Ana".into()),
                MicroValue::Item(MicroItem::default()),
            ],
        )]),
    };
    crosses(&MicroValue::Item(item), &[&["properties", "type"]]);
    assert_eq!(
        read::<MicroValue>(r#"{"x":1}"#).unwrap(),
        MicroValue::Item(MicroItem::default())
    );
    assert_eq!(
        read::<MicroValue>(r#"[["t"],{}]"#).unwrap(),
        MicroValue::Item(MicroItem {
            types: vec!["t".into()],
            properties: BTreeMap::new()
        })
    );
    let cases = [
        (
            "5",
            "invalid type: integer `5`, expected a text or a microdata item",
        ),
        (
            "null",
            "invalid type: null, expected a text or a microdata item",
        ),
        (
            r#"{"type":5}"#,
            "invalid type: integer `5`, expected a sequence",
        ),
    ];
    for (text, reason) in cases {
        assert_eq!(refusal::<MicroValue>(text), reason, "{text}");
    }
}
