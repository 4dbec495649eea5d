//! The "Log what happened" form, drawn the same in the popup (about the posting on screen or the
//! person on their card) and on the dashboard (about an application's timeline): the fields,
//! what was typed kept across a redraw, and the command the form asks for. Which kinds and
//! fields, the event made of the values and every refusal are the core's (`crate::logged`).

use super::dom::{
    append_button, by_id, el, input_by_id, input_field, select_field, set_value_of, toggle_hidden,
    unwire, value_of, wire,
};
use super::i18n::{say, t};
use super::{request, zone};
use crate::logged::{day_value, hour_value, Field, Form, Kind, Subject};
use crate::messages::{Reply, Request};
use crate::model::Id;
use crate::store::Command;
use chrono::Utc;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// The open form: about a tracked job or a saved person.
#[derive(Debug, Clone, PartialEq)]
pub struct LogOpen {
    pub subject: Subject,
    pub id: Id,
}

/// The form's fields: what the user typed there survives a redraw (a refusal, a change
/// elsewhere on the page) while the form stays open.
const FIELDS: [&str; 7] = [
    "log-kind",
    "log-date",
    "log-time",
    "log-with",
    "log-decide-by",
    "log-words",
    "log-remind",
];

/// The hints under the words fields, saying when the core reads them due.
const DUE_HINTS: [&str; 2] = ["log-words-due", "log-remind-due"];

/// Draws with `draw`, keeping what was typed in the form when it is still there afterwards.
pub fn redraw_keeping(draw: impl FnOnce()) {
    let typed: Vec<(&str, String)> = FIELDS
        .iter()
        .filter(|id| by_id(id).is_some())
        .map(|id| (*id, value_of(id)))
        .collect();
    let dues = DUE_HINTS.map(|id| by_id(id).and_then(|p| p.text_content()));
    draw();
    let Some(form) = by_id("log-form") else {
        return;
    };
    for (id, value) in typed {
        set_value_of(id, &value);
    }
    for (id, due) in DUE_HINTS.iter().zip(dues) {
        if let Some(shown) = by_id(id) {
            shown.set_text_content(due.as_deref());
        }
    }
    show_fields(&form);
}

/// The form's own events: the kind picked shows its fields; a promise's words, as they are
/// typed, and a reminder's date and time, as they are chosen, show when the core reads it due.
pub fn listen(root: &Element) {
    EventListener::new(root, "change", move |event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        let id = target.map(|t| t.id()).unwrap_or_default();
        if id == "log-kind" {
            if let Some(form) = by_id("log-form") {
                show_fields(&form);
            }
            reminder_due();
        }
    })
    .forget();
    EventListener::new(root, "input", move |event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        let id = target.map(|t| t.id()).unwrap_or_default();
        if id == "log-date" || id == "log-time" {
            reminder_due();
        }
        if id == "log-words" {
            let text = value_of("log-words");
            spawn_local(async move {
                let due = match request(&Request::PromiseDue { text }).await {
                    Reply::PromiseDue { due } => due.map(|due| say(&due)),
                    _ => None,
                };
                if let Some(shown) = by_id("log-words-due") {
                    shown.set_text_content(due.as_deref());
                }
            });
        }
    })
    .forget();
}

/// Shows under a reminder's words when the core reads it due, from the date and time chosen.
fn reminder_due() {
    if unwire::<Kind>(&value_of("log-kind")) != Some(Kind::Reminder) {
        return;
    }
    let (date, time) = (value_of("log-date"), value_of("log-time"));
    spawn_local(async move {
        let due = match request(&Request::ReminderDue { date, time }).await {
            Reply::ReminderDue { due } => due.map(|due| say(&due)),
            _ => None,
        };
        if let Some(shown) = by_id("log-remind-due") {
            shown.set_text_content(due.as_deref());
        }
    });
}

/// Shows the fields the kind picked asks for, and hides the others.
fn show_fields(form: &Element) {
    let subject = form.get_attribute("data-subject").and_then(|s| unwire(&s));
    let kind = unwire::<Kind>(&value_of("log-kind"));
    let (Some(subject), Some(kind)) = (subject, kind) else {
        return;
    };
    let shown = kind.fields(subject);
    for field in [
        Field::Remind,
        Field::When,
        Field::With,
        Field::DecideBy,
        Field::Words,
    ] {
        let selector = format!("[data-field=\"{}\"]", wire(&field));
        if let Ok(Some(part)) = form.query_selector(&selector) {
            toggle_hidden(&part, !shown.contains(&field));
        }
    }
}

/// The "Log what happened" button that opens (or closes) the form.
pub fn open_button(parent: &Element, target: &LogOpen, open: bool) {
    append_button(parent, "", &t("logOpen"), "log-open", &target.id);
    if let Some(button) = parent.last_element_child() {
        button
            .set_attribute("data-subject", &wire(&target.subject))
            .ok();
        button
            .set_attribute("aria-expanded", if open { "true" } else { "false" })
            .ok();
    }
}

/// What a "log-open" button asks for: open the form about its job or person, or close it when
/// it is the one open.
pub fn toggled(button: &Element, open: Option<&LogOpen>) -> Option<Option<LogOpen>> {
    let target = LogOpen {
        subject: unwire(&button.get_attribute("data-subject")?)?,
        id: button.get_attribute("data-id")?,
    };
    Some((open != Some(&target)).then_some(target))
}

/// Puts the day of a shortcut button ("today", "tomorrow") in the date field.
pub fn shortcut(button: &Element) {
    let days = button
        .get_attribute("data-days")
        .and_then(|d| d.parse().ok());
    if let (Some(days), Some(date)) = (days, input_by_id("log-date")) {
        date.set_value(&day_value(Utc::now(), zone(), days));
    }
    reminder_due();
}

/// The command the form asks for, or why it can't be sent, in words.
pub fn command(open: &LogOpen) -> Option<Result<Command, String>> {
    let (opportunity_id, contact_id) = match open.subject {
        Subject::Job => (Some(open.id.clone()), None),
        Subject::Person => (None, Some(open.id.clone())),
    };
    let form = Form {
        kind: unwire(&value_of("log-kind"))?,
        opportunity_id,
        contact_id,
        date: value_of("log-date"),
        time: value_of("log-time"),
        with: value_of("log-with"),
        decide_by: value_of("log-decide-by"),
        words: value_of("log-words"),
        remind: value_of("log-remind"),
    };
    Some(match form.event(zone()) {
        Ok(event) => Ok(Command::LogEvent { event }),
        Err(why) => Err(say(&why)),
    })
}

/// What the last change planned, one line each, announced politely.
pub fn planned(lines: &[String]) -> Element {
    let planned = el("section", "planned", "");
    planned.set_attribute("role", "status").ok();
    planned
        .set_attribute("aria-label", &t("logPlannedHeading"))
        .ok();
    for line in lines {
        planned.append_with_node_1(&el("p", "", line)).ok();
    }
    planned
}

/// Offers `names` to pick "with whom" from in the open form, in place: what is typed and where
/// the cursor is stay as they are.
pub fn offer_names(names: &[String]) {
    if let Some(list) = by_id("log-names") {
        list.set_text_content(None);
        fill_names(&list, names);
    }
}

fn fill_names(list: &Element, names: &[String]) {
    for name in names {
        let option = el("option", "", "");
        option.set_attribute("value", name).ok();
        list.append_with_node_1(&option).ok();
    }
}

/// The form: the kind picked, then the fields it asks for (the others are drawn hidden, so what
/// was typed survives a change of kind). `names`: the people to pick "with whom" from.
pub fn view(open: &LogOpen, names: &[String]) -> Element {
    let form = el("div", "log-form", "");
    form.set_id("log-form");
    form.set_attribute("role", "group").ok();
    form.set_attribute("aria-label", &t("logOpen")).ok();
    form.set_attribute("data-subject", &wire(&open.subject))
        .ok();
    let kinds = Kind::offered(open.subject)
        .iter()
        .map(|kind| (wire(kind), say(&kind.label())))
        .collect::<Vec<_>>();
    form.append_with_node_1(&select_field("log-kind", &t("logWhatHappened"), &kinds))
        .ok();
    let remind = el("div", "log-words", "");
    remind
        .set_attribute("data-field", &wire(&Field::Remind))
        .ok();
    remind
        .append_with_node_1(&input_field("log-remind", &t("logRemindWords"), |input| {
            input.set_type("text");
            input.set_placeholder(&t("logRemindExample"));
        }))
        .ok();
    let remind_due = el("p", "hint", "");
    remind_due.set_id("log-remind-due");
    remind_due.set_attribute("aria-live", "polite").ok();
    remind.append_with_node_1(&remind_due).ok();
    form.append_with_node_1(&remind).ok();
    let (now, tz) = (Utc::now(), zone());
    let when = el("div", "log-when", "");
    when.set_attribute("data-field", &wire(&Field::When)).ok();
    let row = el("div", "log-row", "");
    let date = input_field("log-date", &t("logDate"), |input| {
        input.set_type("date");
        input.set_value(&day_value(now, tz, 0));
    });
    let time = input_field("log-time", &t("logTime"), |input| {
        input.set_type("time");
        input.set_value(&hour_value(now, tz));
    });
    row.append_with_node_2(&date, &time).ok();
    when.append_with_node_1(&row).ok();
    let days = el("div", "actions log-days", "");
    for (label, days_on) in [(t("logToday"), "0"), (t("logTomorrow"), "1")] {
        append_button(&days, "", &label, "log-day", "");
        if let Some(button) = days.last_element_child() {
            button.set_attribute("data-days", days_on).ok();
        }
    }
    when.append_with_node_1(&days).ok();
    form.append_with_node_1(&when).ok();
    let with = input_field("log-with", &t("logWith"), |input| {
        input.set_type("text");
        input.set_autocomplete("off");
        input.set_attribute("list", "log-names").ok();
    });
    with.set_attribute("data-field", &wire(&Field::With)).ok();
    let list = el("datalist", "", "");
    list.set_id("log-names");
    fill_names(&list, names);
    with.append_with_node_1(&list).ok();
    let decide = input_field("log-decide-by", &t("popupDecideBy"), |input| {
        input.set_type("date");
    });
    decide
        .set_attribute("data-field", &wire(&Field::DecideBy))
        .ok();
    let words = el("div", "log-words", "");
    words.set_attribute("data-field", &wire(&Field::Words)).ok();
    words
        .append_with_node_1(&input_field("log-words", &t("logWords"), |input| {
            input.set_type("text");
            input.set_placeholder(&t("logWordsExample"));
        }))
        .ok();
    let due = el("p", "hint", "");
    due.set_id("log-words-due");
    due.set_attribute("aria-live", "polite").ok();
    words.append_with_node_1(&due).ok();
    form.append_with_node_3(&with, &decide, &words).ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "primary", &t("logSend"), "log-send", "");
    append_button(&actions, "", &t("logCancel"), "log-close", "");
    form.append_with_node_1(&actions).ok();
    form
}
