//! The dashboard's browser layer in headless Chromium: its messages cross the JS boundary
//! intact and the charts are real SVG elements with their text alternatives.

use super::charts::charts;
use crate::dashboard::{dashboard, Query};
use crate::messages::{Reply, Request};
use crate::store::State;
use crate::web::{from_js, to_js};
use crate::zone::{self, Tz};
use chrono::{DateTime, Utc};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    "2026-11-19T15:00:00Z".parse().unwrap()
}

fn new_york() -> Tz {
    zone::of(chrono_tz::America::New_York)
}

#[wasm_bindgen_test]
fn a_dashboard_request_and_its_reply_survive_the_js_boundary() {
    let request = Request::Dashboard {
        query: Query::default(),
    };
    assert_eq!(from_js::<Request>(to_js(&request)).unwrap(), request);
    let reply = Reply::Dashboard {
        dashboard: dashboard(&State::default(), &Query::default(), now(), new_york()),
    };
    assert_eq!(from_js::<Reply>(to_js(&reply)).unwrap(), reply);
}

#[wasm_bindgen_test]
fn the_charts_are_svg_with_a_title_and_description_each() {
    let document = gloo::utils::document();
    let area = document.create_element("div").unwrap();
    let d = dashboard(&State::default(), &Query::default(), now(), new_york());
    charts(&area, &d.charts);
    let svgs = area.query_selector_all("figure.chart svg").unwrap();
    assert_eq!(svgs.length(), 4);
    for i in 0..svgs.length() {
        let svg: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(svgs.get(i).unwrap());
        assert_eq!(
            svg.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
        let desc = svg.query_selector("desc").unwrap().unwrap();
        assert!(!desc.text_content().unwrap_or_default().is_empty());
    }
    assert_eq!(
        area.query_selector_all("figure[data-chart=weekly] rect.bar")
            .unwrap()
            .length(),
        12
    );
}

#[wasm_bindgen_test]
fn edits_deletions_and_undo_survive_the_js_boundary() {
    use crate::store::{ApplicationEdit, Command, Edited, FollowUpEdit};
    let commands = [
        Command::EditApplication {
            opportunity_id: "o1".into(),
            edit: ApplicationEdit {
                title: "Role".into(),
                notes: "Line one\nline two".into(),
                ..ApplicationEdit::default()
            },
        },
        Command::DeleteContact {
            contact_id: "c2".into(),
        },
        Command::EditFollowUp {
            followup_id: "f3".into(),
            edit: FollowUpEdit {
                text: "Ask Ana about the team".into(),
                date: "2026-03-09".into(),
                time: "09:30".into(),
            },
        },
        Command::DeleteFollowUp {
            followup_id: "f3".into(),
        },
        Command::DeleteEvent {
            event_id: "e4".into(),
        },
        Command::Undo,
        Command::UndoEdit {
            record: Edited::Application("o1".into()),
        },
        Command::UndoEdit {
            record: Edited::FollowUp("f3".into()),
        },
    ];
    for command in commands {
        let request = Request::Command { command };
        assert_eq!(from_js::<Request>(to_js(&request)).unwrap(), request);
    }
}

#[wasm_bindgen_test]
fn a_contact_edit_form_holds_stored_text_as_values_never_as_markup() {
    use crate::dashboard::lists::ContactRow;
    use crate::store::ContactEdit;
    let name = "<img src=x onerror=alert(1)>";
    let row = ContactRow {
        id: "c1".into(),
        name: name.into(),
        headline: None,
        company: None,
        phone: None,
        profile_url: None,
        roles: Vec::new(),
        form: ContactEdit {
            name: name.into(),
            ..ContactEdit::default()
        },
    };
    let form = super::edit::contact_form(&row);
    gloo::utils::body().append_with_node_1(&form).unwrap();
    assert!(form.query_selector("img").unwrap().is_none());
    assert_eq!(super::edit::read_contact().name, name);
    let labelled = form.query_selector_all("label.field input, label.field textarea");
    assert_eq!(labelled.unwrap().length(), 6, "every field has its label");
    form.remove();
}

#[wasm_bindgen_test]
fn a_follow_up_edit_form_reads_back_what_it_was_filled_with() {
    use crate::dashboard::lists::FollowUpRow;
    use crate::model::{Rule, Status};
    use crate::store::FollowUpEdit;
    let form = FollowUpEdit {
        text: "<b>Ask</b> about the team".into(),
        date: "2026-03-09".into(),
        time: "09:30".into(),
    };
    let row = FollowUpRow {
        id: "f1".into(),
        rule: Rule::R3,
        text: "Follow up".into(),
        about: String::new(),
        status: Status::Open,
        outcome: None,
        when: "Mar 9".into(),
        overdue: false,
        pending: true,
        touch: true,
        form: form.clone(),
    };
    let item = super::edit::followup_form(&row);
    gloo::utils::body().append_with_node_1(&item).unwrap();
    assert!(item.query_selector("b").unwrap().is_none());
    assert_eq!(super::edit::read_followup(), form);
    let labelled = item.query_selector_all("label.field input");
    assert_eq!(labelled.unwrap().length(), 3, "every field has its label");
    item.remove();
}
