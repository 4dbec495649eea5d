//! The browser layer's own tests, run in headless Chromium by `wasm-bindgen-test-runner`:
//! values cross the JS boundary intact, and the popup draws page text as text.

use super::followup::{Open, Panel};
use super::popup::{absorb, render, Model};
use super::{from_js, to_js};
use crate::capture::Extraction;
use crate::checklist::{Checklist, Group, Item, Section};
use crate::drafts::Written;
use crate::messages::{PageView, Reply, Request};
use crate::model::{Job, Source};
use crate::phrase::{Key, Phrase, Style};
use crate::store::{Command, State};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An application to a posting of this title, applied to.
fn applied(title: &str) -> crate::model::Opportunity {
    crate::model::Opportunity {
        id: "o1".into(),
        job: job(title),
        stage: crate::model::Stage::Applied,
        created_at: chrono::DateTime::UNIX_EPOCH,
        notes: None,
        edits: Vec::new(),
    }
}

fn job(title: &str) -> Job {
    Job {
        title: title.into(),
        company: Some("Acme".into()),
        location: Some("Camberwell VIC 3124".into()),
        url: Some("https://au.indeed.com/viewjob?jk=1".into()),
        job_id: None,
        employment_type: None,
        remote: None,
        salary: None,
        date_posted: None,
        valid_through: chrono::NaiveDate::from_ymd_opt(2026, 3, 20),
        hiring_contact: None,
        description: None,
        source: Source::Jsonld,
        job_key: None,
    }
}

fn root() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
fn a_track_request_survives_the_js_boundary() {
    let request = Request::Command {
        command: Command::Track {
            job: job("Data Engineer"),
        },
    };
    let value = to_js(&request);
    let kind = js_sys::Reflect::get(&value, &"type".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("command"));
    assert_eq!(from_js::<Request>(value).unwrap(), request);
}

#[wasm_bindgen_test]
fn maps_cross_as_plain_objects_that_storage_can_keep() {
    let mut records = BTreeMap::new();
    records.insert(
        "meta".to_string(),
        serde_json::json!({ "schema": 1, "next_id": 3 }),
    );
    let value = to_js(&records);
    assert!(!value.is_instance_of::<js_sys::Map>());
    let json = js_sys::JSON::stringify(&value)
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(json, r#"{"meta":{"next_id":3,"schema":1}}"#);
}

/// How the browser's `Intl` writes a moment's offset in `zone` ("GMT+05:30").
fn intl_offsets(zone: &str) -> js_sys::Intl::DateTimeFormat {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into()).unwrap();
    js_sys::Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into()).unwrap();
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-US".into()), &options)
}

/// Seconds east of UTC at `at` as `format` writes it.
fn intl_offset(format: &js_sys::Intl::DateTimeFormat, at: i64) -> i32 {
    let date = js_sys::Date::new(&(at as f64 * 1000.0).into());
    let written = format
        .format()
        .call1(format, &date)
        .unwrap()
        .as_string()
        .unwrap();
    let offset = written.split("GMT").nth(1).unwrap_or_default();
    let Some((sign, hours_minutes)) = offset.split_at_checked(1) else {
        return 0;
    };
    let (hours, minutes) = hours_minutes.split_once(':').unwrap();
    let east = hours.parse::<i32>().unwrap() * 3600 + minutes.parse::<i32>().unwrap() * 60;
    if sign == "-" {
        -east
    } else {
        east
    }
}

#[wasm_bindgen_test]
fn the_browsers_zone_is_read_with_the_offsets_intl_gives_it() {
    use chrono::{DateTime, Offset, TimeZone};
    let zone = super::zone();
    let format = intl_offsets(zone.name());
    // To 2040: past it V8's clock reads a few days in Gaza and Hebron an hour off (`zone.rs`).
    let (from, to) = (crate::zone::SCANNED.0, 2_208_988_800);
    for at in (from..to).step_by(2 * 86_400 - 1_111) {
        let utc = DateTime::from_timestamp(at, 0).unwrap().naive_utc();
        assert_eq!(
            zone.offset_from_utc_datetime(&utc).fix().local_minus_utc(),
            intl_offset(&format, at),
            "{} at {utc}",
            zone.name()
        );
    }
    assert_eq!(super::zone(), zone);
}

#[wasm_bindgen_test]
fn a_message_of_the_wrong_shape_is_refused_with_a_reason() {
    let value = js_sys::JSON::parse(r#"{"type":"command","command":{"type":"explode"}}"#).unwrap();
    let error = from_js::<Request>(value).unwrap_err();
    assert!(error.contains("explode"), "{error}");
}

#[wasm_bindgen_test]
fn page_text_is_drawn_as_text_never_as_html() {
    let root = root();
    let hostile = r#"<img src=x onerror="document.title='owned'">"#;
    let model = Model {
        page: Some(PageView {
            job: Some(job(hostile)),
            ..page_view("https://au.indeed.com/viewjob?jk=1", hostile)
        }),
        ..Model::default()
    };
    render(&root, &model);
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(
        root.query_selector(".job-title")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        hostile
    );
    let track = root
        .query_selector("button[data-action=track]")
        .unwrap()
        .unwrap();
    assert_eq!(track.text_content().unwrap(), "Track this application");
}

#[wasm_bindgen_test]
fn a_page_without_a_posting_offers_to_track_it_by_hand() {
    let root = root();
    let model = Model {
        page: Some(PageView {
            errors: vec!["JSON-LD block 1 is not valid JSON".into()],
            ..page_view(
                "https://boards.greenhouse.io/acme/jobs/1",
                "Careers at Acme",
            )
        }),
        ..Model::default()
    };
    render(&root, &model);
    assert!(root
        .text_content()
        .unwrap()
        .contains("No posting found on this page."));
    let title = root.query_selector("#manual-title").unwrap().unwrap();
    let title: web_sys::HtmlInputElement = title.dyn_into().unwrap();
    assert_eq!(title.value(), "Careers at Acme");
    assert!(root
        .query_selector("button[data-action=track-manual]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn overdue_rows_carry_their_done_action_and_lateness() {
    let root = root();
    let model = one_overdue_touch();
    render(&root, &model);
    let done = root
        .query_selector("li.overdue button[data-action=choose-done]")
        .unwrap()
        .unwrap();
    assert_eq!(done.get_attribute("data-id").as_deref(), Some("f3"));
    let text = root.text_content().unwrap();
    assert!(text.contains("2 days late · Applied Fri 6 Mar"), "{text}");
    assert!(text.contains("Overdue (1)"), "{text}");
    let what = root.query_selector("li.overdue .what").unwrap().unwrap();
    assert_eq!(
        what.text_content().unwrap(),
        "Follow up on your application: confirm they received it and ask for an interview \
         (call if you can)"
    );
    let open = root.query_selector("li.overdue a.button").unwrap().unwrap();
    assert_eq!(
        open.get_attribute("href").as_deref(),
        Some("https://au.indeed.com/viewjob?jk=1")
    );
}

#[wasm_bindgen_test]
fn an_error_reply_is_shown_to_the_user() {
    let root = root();
    let mut model = Model::default();
    absorb(
        &mut model,
        Reply::Error {
            message: "Could not save your change".into(),
        },
        false,
    );
    render(&root, &model);
    assert_eq!(
        root.query_selector(".notice")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Could not save your change"
    );
}

fn one_overdue_touch() -> Model {
    let mut model = Model::default();
    let checklist = Checklist {
        overdue: 1,
        sections: vec![Section {
            group: Group::Overdue,
            more: 0,
            items: vec![Item {
                id: "f3".into(),
                rule: crate::model::Rule::R3,
                what: Key("followUpR3").phrase(),
                about: vec!["Data Engineer".into(), "Acme".into()],
                why: Key("checklistWhy").with([
                    Key("eventApplied").phrase(),
                    Phrase::Moment {
                        at: "2026-03-06T17:00:00".parse().unwrap(),
                        style: Style::Day,
                    },
                ]),
                when: crate::checklist::lateness(chrono::Duration::days(2)),
                note: None,
                touch: true,
                url: Some("https://au.indeed.com/viewjob?jk=1".into()),
            }],
        }],
    };
    absorb(&mut model, Reply::Checklist { checklist }, false);
    model
}

#[wasm_bindgen_test]
fn a_touch_asks_how_it_went_before_it_is_done() {
    let root = root();
    let mut model = one_overdue_touch();
    model.open = Some(Open {
        id: "f3".into(),
        panel: Panel::Done,
    });
    render(&root, &model);
    let outcomes: Vec<_> = (0..3)
        .map(|i| {
            let b = root
                .query_selector_all(".panel button")
                .unwrap()
                .item(i)
                .unwrap();
            let b: web_sys::Element = b.dyn_into().unwrap();
            (
                b.text_content().unwrap(),
                b.get_attribute("data-outcome").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("No answer yet".to_string(), "no_answer".to_string()),
            ("They answered".to_string(), "answered".to_string()),
            ("Just done".to_string(), String::new()),
        ]
    );
    let toggle = root
        .query_selector("button[data-action=choose-done]")
        .unwrap()
        .unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
fn a_draft_is_shown_editable_with_copy_and_a_mailto_link_only() {
    let root = root();
    let mut model = one_overdue_touch();
    let draft = Written {
        kind: "Application follow-up".into(),
        subject: "My application for Data Engineer".into(),
        body: "Hello <b>Ana</b>,".into(),
        to: Some("ana@acme.example".into()),
        mailto: Some("javascript:alert(1)".into()),
        max_chars: None,
    };
    model.open = Some(Open {
        id: "f3".into(),
        panel: Panel::Draft(draft.clone()),
    });
    render(&root, &model);
    let body: web_sys::HtmlTextAreaElement = root
        .query_selector("#draft-body")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(body.value(), "Hello <b>Ana</b>,");
    assert!(root.query_selector(".panel b").unwrap().is_none());
    assert!(
        root.query_selector(".panel a").unwrap().is_none(),
        "only mailto: links are drawn"
    );
    let safe = Written {
        mailto: Some("mailto:ana@acme.example?subject=My%20application".into()),
        ..draft
    };
    model.open = Some(Open {
        id: "f3".into(),
        panel: Panel::Draft(safe),
    });
    render(&root, &model);
    let link = root.query_selector(".panel a.button").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("mailto:ana@acme.example?subject=My%20application")
    );
    assert!(root
        .query_selector("button[data-action=copy]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn a_posting_maybe_tracked_already_asks_before_tracking_it_again() {
    let root = root();
    let tracked = applied("Data Engineer");
    let model = Model {
        page: Some(PageView {
            job: Some(job("Data Engineer")),
            maybe_same: Some(tracked),
            ..page_view("https://jobs.lever.co/acme/1", "Acme - Data Engineer")
        }),
        ..Model::default()
    };
    render(&root, &model);
    assert!(root
        .text_content()
        .unwrap()
        .contains("You already track “Data Engineer at Acme”. Is this the same posting?"));
    let same = root
        .query_selector("button[data-action=same-posting]")
        .unwrap()
        .unwrap();
    assert_eq!(same.get_attribute("data-id").as_deref(), Some("o1"));
    assert!(root
        .query_selector("button[data-action=track-separately]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn a_person_card_draws_linkedin_text_as_text_and_offers_to_save() {
    let root = root();
    let hostile = r#"<img src=x onerror="document.title='owned'">"#;
    let person = crate::model::Person {
        headline: Some(hostile.into()),
        degree: Some("2nd".into()),
        profile_url: Some("https://www.linkedin.com/in/ana/".into()),
        ..crate::model::Person::named(hostile.into())
    };
    let model = Model {
        page: Some(PageView {
            person: Some(crate::person::PersonCard {
                person,
                contact: None,
                linked: vec![],
                jobs: vec![],
                referrers: vec![],
            }),
            ..page_view("https://www.linkedin.com/in/ana/", "Ana | LinkedIn")
        }),
        ..Model::default()
    };
    render(&root, &model);
    assert!(root.query_selector("img").unwrap().is_none());
    let name = root.query_selector(".person-name").unwrap().unwrap();
    assert_eq!(name.text_content().unwrap(), hostile);
    let save = root
        .query_selector("button[data-action=save-person]")
        .unwrap()
        .unwrap();
    assert_eq!(save.text_content().unwrap(), "Save contact");
    assert!(root
        .text_content()
        .unwrap()
        .contains("2nd-degree connection"));
}

#[wasm_bindgen_test]
fn the_log_form_labels_every_field_shows_the_kinds_fields_and_draws_names_as_text() {
    let root = root();
    let hostile = r#"<img src=x onerror="document.title='owned'">"#;
    let tracked = applied("Data Engineer");
    let model = Model {
        page: Some(PageView {
            job: Some(job("Data Engineer")),
            opportunity: Some(tracked),
            ..page_view("https://jobs.lever.co/acme/1", "Acme - Data Engineer")
        }),
        names: Some(vec![hostile.into()]),
        log: Some(super::logform::LogOpen {
            subject: crate::logged::Subject::Job,
            id: "o1".into(),
        }),
        ..Model::default()
    };
    render(&root, &model);
    let form = root.query_selector("#log-form").unwrap().unwrap();
    assert!(root.query_selector("img").unwrap().is_none());
    let fields = form.query_selector_all("input, select").unwrap();
    assert!(fields.length() >= 6);
    for i in 0..fields.length() {
        let field = fields
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap();
        assert!(field.closest("label").unwrap().is_some(), "{}", field.id());
    }
    let name = form.query_selector("#log-names option").unwrap().unwrap();
    assert_eq!(name.get_attribute("value").as_deref(), Some(hostile));
    let shown = |selector: &str| {
        let part = form.query_selector(selector).unwrap().unwrap();
        !part.has_attribute("hidden")
    };
    assert_eq!(
        super::dom::value_of("log-kind"),
        "interview",
        "an interview is offered first"
    );
    assert!(shown("[data-field=when]") && shown("[data-field=decide_by]"));
    assert!(!shown("[data-field=words]") && !shown("[data-field=remind]"));
    root.remove();
}

/// A readable page with nothing found on it yet, as the core answers for it.
fn page_view(url: &str, title: &str) -> PageView {
    PageView::new(&State::default(), url, title, Some(Extraction::default()))
}

#[wasm_bindgen_test]
fn a_draft_crosses_the_js_boundary_and_is_written_in_the_pages_words() {
    let mut state = crate::store::State::default();
    let now: chrono::DateTime<chrono::Utc> = "2026-03-06T15:00:00Z".parse().unwrap();
    let tz = crate::zone::of(chrono_tz::America::New_York);
    let track = Command::Track {
        job: job("Data Engineer"),
    };
    let o = state.apply(track, now, tz).unwrap().opportunity.unwrap();
    let apply = Command::MarkApplied {
        opportunity_id: o.id,
    };
    state.apply(apply, now, tz).unwrap();
    let r3 = state
        .pending_followups()
        .find(|f| f.rule == crate::model::Rule::R3)
        .unwrap()
        .id
        .clone();
    let reply = Reply::Draft {
        draft: crate::drafts::draft(&state, &r3, tz).unwrap(),
    };
    let Reply::Draft { draft } = from_js::<Reply>(to_js(&reply)).unwrap() else {
        panic!("a draft comes back a draft");
    };
    let written = draft.write(&super::i18n::Browser);
    assert_eq!(written.kind, "Application follow-up");
    assert_eq!(written.subject, "My application for Data Engineer");
    assert!(
        written.body.starts_with(
            "Dear Hiring Manager,\n\nI applied for the Data Engineer position at Acme on \
             Friday 6 March"
        ),
        "{}",
        written.body
    );
}

#[wasm_bindgen_test]
fn a_windows_1252_resave_reads_the_same_with_the_browsers_decoder_as_natively() {
    let bytes =
        b"First Name;Company\r\nJos\xe9;Caf\xe9 \x80 \x9c\x81\r\nAna;A\xc3\xa7a\xc3\xad\r\n";
    let browser = crate::capture::connections::text_of(bytes, super::ext::windows_1252);
    let native =
        crate::capture::connections::text_of(bytes, crate::capture::connections::windows_1252);
    assert_eq!(browser, native);
    assert!(browser.contains("José;Café € œ\u{81}"));
    assert!(browser.contains("Ana;Açaí"));
}

#[wasm_bindgen_test]
fn a_number_is_written_as_the_browser_writes_it_and_a_malformed_language_falls_back_to_english() {
    use super::i18n::{is_language_tag, say};
    let showing = crate::phrase::Forms {
        one: Key("dashShowing_one"),
        other: Key("dashShowing_other"),
    };
    assert_eq!(
        say(&showing.of(1581, [50usize.into()])),
        "Showing 50 of 1,581"
    );
    assert_eq!(say(&Phrase::from(1_234_567u64)), "1,234,567");
    assert!(is_language_tag("en") && is_language_tag("pt-BR") && is_language_tag("zh-Hant-TW"));
    assert!(!is_language_tag("[[en]]") && !is_language_tag("") && !is_language_tag("en-"));
}

#[wasm_bindgen_test]
fn a_kept_message_is_filled_as_the_browser_fills_it_and_user_text_is_never_read_as_a_mark() {
    let template = "Due \u{E000}1 at \u{E000}2\u{E000}3";
    assert_eq!(
        super::ext::filled(template, &["Fri 6 Mar", "09:00"]),
        "Due Fri 6 Mar at 09:00"
    );
    assert_eq!(
        super::ext::filled("\u{E000}1 and \u{E000}2", &["\u{E000}2 typed", "Ana"]),
        "\u{E000}2 typed and Ana"
    );
}

#[wasm_bindgen_test]
fn the_page_card_holds_its_place_above_the_checklist_while_the_page_is_read() {
    let root = root();
    let mut model = Model {
        reading_page: true,
        ..one_overdue_touch()
    };
    render(&root, &model);
    let first = root.first_element_child().unwrap();
    assert!(first.class_list().contains("page"));
    assert_eq!(first.text_content().unwrap(), "Loading…");
    assert!(root.query_selector(".page ~ * li.item").unwrap().is_some());
    model.reading_page = false;
    render(&root, &model);
    assert!(root.query_selector(".page").unwrap().is_none());
    root.remove();
}
