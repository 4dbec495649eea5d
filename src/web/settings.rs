//! The settings page: the working week, the touch limit, the badge, the recently viewed list,
//! the name that signs drafts, and every message template. Reads the settings from the worker,
//! writes them back as commands.

use super::dom::{append_button, el, on_button_click};
use super::i18n::t;
use super::{ext, request};
use crate::messages::{Reply, Request};
use crate::model::{BadgeMode, Rule, Settings, Template};
use crate::playbook::drafts::TemplateView;
use crate::store::Command;
use chrono::{NaiveTime, Weekday};
use gloo::utils::document;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// What the page shows: the settings as loaded, and a word on the last save.
#[derive(Debug, Default)]
struct Page {
    settings: Settings,
    templates: Vec<TemplateView>,
    status: Option<Status>,
    /// "Detect postings on every site": the optional host permission is granted.
    every_site: bool,
}

/// The outcome of the last save, shown beside the button.
#[derive(Debug)]
enum Status {
    Saved,
    Refused(String),
}

/// Entry point of `settings.html`.
#[wasm_bindgen]
pub async fn settings_main() -> Result<(), JsValue> {
    let root = document()
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("settings.html has no #app"))?;
    let page = Rc::new(RefCell::new(Page::default()));
    listen(&root, &page);
    let loaded = load().await;
    show(&mut page.borrow_mut(), loaded);
    page.borrow_mut().every_site = ext::every_site_granted().await;
    render(&root, &page.borrow());
    Ok(())
}

/// The settings and templates as stored, or why they could not be read.
async fn load() -> Result<(Settings, Vec<TemplateView>), String> {
    match request(&Request::Settings).await {
        Reply::Settings {
            settings,
            templates,
        } => Ok((settings, templates)),
        Reply::Error { message } => Err(message),
        _ => Err("Unexpected answer from the extension.".to_string()),
    }
}

fn show(page: &mut Page, loaded: Result<(Settings, Vec<TemplateView>), String>) {
    match loaded {
        Ok((settings, templates)) => {
            page.settings = settings;
            page.templates = templates;
        }
        Err(message) => page.status = Some(Status::Refused(message)),
    }
}

fn listen(root: &Element, page: &Rc<RefCell<Page>>) {
    let (root_for_handler, page) = (root.clone(), page.clone());
    on_button_click(root, move |button| {
        let action = button.get_attribute("data-action").unwrap_or_default();
        let rule: Option<Rule> = button
            .get_attribute("data-id")
            .and_then(|r| serde_json::from_value(serde_json::Value::String(r)).ok());
        let command = match (action.as_str(), rule) {
            ("save", _) => Command::EditSettings {
                settings: read_form(&page.borrow().settings),
            },
            ("save-template", Some(rule)) => Command::EditTemplate {
                rule,
                template: Some(read_template(rule)),
            },
            ("reset-template", Some(rule)) => Command::EditTemplate {
                rule,
                template: None,
            },
            ("every-site", _) => {
                let asked = ext::set_every_site(!page.borrow().every_site);
                let (root, page) = (root_for_handler.clone(), page.clone());
                spawn_local(async move {
                    let granted = asked.await;
                    let mut page = page.borrow_mut();
                    page.every_site = granted;
                    render(&root, &page);
                });
                return;
            }
            _ => return,
        };
        let (root, page) = (root_for_handler.clone(), page.clone());
        spawn_local(async move {
            let status = match request(&Request::Command { command }).await {
                Reply::Error { message } => Status::Refused(message),
                _ => Status::Saved,
            };
            let loaded = load().await;
            let mut page = page.borrow_mut();
            page.status = Some(status);
            show(&mut page, loaded);
            render(&root, &page);
        });
    });
}

fn render(root: &Element, page: &Page) {
    root.set_text_content(None);
    let s = &page.settings;
    let week = section(
        root,
        "Your working week",
        "Reminders fall at the start of your day, on a working day.",
    );
    let hours = el("div", "row", "");
    hours
        .append_with_node_1(&input(
            "work-start",
            "Day starts",
            "time",
            &hh_mm(s.work_start),
        ))
        .ok();
    hours
        .append_with_node_1(&input("work-end", "Day ends", "time", &hh_mm(s.work_end)))
        .ok();
    week.append_with_node_1(&hours).ok();
    let days = el("fieldset", "days", "");
    days.append_with_node_1(&el("legend", "", "Working days"))
        .ok();
    for day in DAYS {
        days.append_with_node_1(&checkbox(
            &format!("day-{day}"),
            &day.to_string(),
            s.work_days.contains(&day),
        ))
        .ok();
    }
    week.append_with_node_1(&days).ok();

    let follow = section(
        root,
        "Following up",
        "Two touches, then move on: the seeds' advice, yours to change.",
    );
    let row = el("div", "row", "");
    row.append_with_node_1(&input(
        "touch-limit",
        "Touches before moving on",
        "number",
        &s.touch_limit.to_string(),
    ))
    .ok();
    row.append_with_node_1(&input(
        "your-name",
        "Your name, to sign drafts",
        "text",
        &s.your_name,
    ))
    .ok();
    follow.append_with_node_1(&row).ok();
    follow
        .append_with_node_1(&checkbox(
            "badge-today",
            "Count today's follow-ups on the badge, not only overdue ones",
            s.badge == BadgeMode::OverdueAndToday,
        ))
        .ok();

    let seen = section(
        root,
        "Recently viewed",
        "Postings you look at are remembered here, on this computer only.",
    );
    seen.append_with_node_1(&checkbox("seen-on", "Remember postings I view", s.seen.on))
        .ok();
    let row = el("div", "row", "");
    row.append_with_node_1(&input(
        "seen-cap",
        "Keep at most",
        "number",
        &s.seen.cap.to_string(),
    ))
    .ok();
    row.append_with_node_1(&input(
        "seen-days",
        "Forget after (days)",
        "number",
        &s.seen.days.to_string(),
    ))
    .ok();
    seen.append_with_node_1(&row).ok();

    let capture = section(root, &t("everySiteTitle"), &t("everySiteHint"));
    append_button(&capture, "switch", &t("everySiteLabel"), "every-site", "");
    if let Some(switch) = capture.last_element_child() {
        let pressed = if page.every_site { "true" } else { "false" };
        switch.set_attribute("aria-pressed", pressed).ok();
    }

    let actions = el("div", "actions save", "");
    append_button(&actions, "primary", "Save settings", "save", "");
    let note = match &page.status {
        Some(Status::Saved) => el("p", "status", "Saved ✓"),
        Some(Status::Refused(why)) => el("p", "status refused", why),
        None => el("p", "status", ""),
    };
    note.set_attribute("role", "status").ok();
    actions.append_with_node_1(&note).ok();
    root.append_with_node_1(&actions).ok();

    let messages = section(root, "Messages", "Every follow-up comes with a ready message. Placeholders in braces are filled in: {first_name}, {role}, {company}, {date}, {my_name}.");
    for view in &page.templates {
        messages.append_with_node_1(&template_editor(view)).ok();
    }
}

fn template_editor(view: &TemplateView) -> Element {
    let rule = rule_id(view.rule);
    let details = el("details", "template", "");
    let title = if view.custom {
        format!("{} (yours)", view.kind)
    } else {
        view.kind.clone()
    };
    details.append_with_node_1(&el("summary", "", &title)).ok();
    details
        .append_with_node_1(&input(
            &format!("subject-{rule}"),
            "Subject",
            "text",
            &view.template.subject,
        ))
        .ok();
    let field = el("label", "field", "Message");
    if let Ok(body) = document()
        .create_element("textarea")
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().map_err(JsValue::from))
    {
        body.set_id(&format!("body-{rule}"));
        body.set_rows(7);
        body.set_value(&view.template.body);
        field.append_with_node_1(&body).ok();
    }
    details.append_with_node_1(&field).ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "primary", "Save message", "save-template", &rule);
    if view.custom {
        append_button(&actions, "", "Back to the default", "reset-template", &rule);
    }
    details.append_with_node_1(&actions).ok();
    details
}

/// The settings as the form now says, on top of the loaded ones (fields the form does not show
/// are kept). Unreadable numbers and times keep their previous value.
fn read_form(loaded: &Settings) -> Settings {
    let mut s = loaded.clone();
    s.work_start = NaiveTime::parse_from_str(&value("work-start"), "%H:%M").unwrap_or(s.work_start);
    s.work_end = NaiveTime::parse_from_str(&value("work-end"), "%H:%M").unwrap_or(s.work_end);
    s.work_days = DAYS
        .into_iter()
        .filter(|d| checked(&format!("day-{d}")))
        .collect();
    s.touch_limit = value("touch-limit").parse().unwrap_or(s.touch_limit);
    s.your_name = value("your-name").trim().to_string();
    s.badge = if checked("badge-today") {
        BadgeMode::OverdueAndToday
    } else {
        BadgeMode::Overdue
    };
    s.seen.on = checked("seen-on");
    s.seen.cap = value("seen-cap").parse().unwrap_or(s.seen.cap);
    s.seen.days = value("seen-days").parse().unwrap_or(s.seen.days);
    s
}

fn read_template(rule: Rule) -> Template {
    let rule = rule_id(rule);
    let body = document()
        .get_element_by_id(&format!("body-{rule}"))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default();
    Template {
        subject: value(&format!("subject-{rule}")),
        body,
    }
}

fn rule_id(rule: Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn hh_mm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn section(root: &Element, title: &str, hint: &str) -> Element {
    let section = el("section", "card", "");
    section.append_with_node_1(&el("h2", "", title)).ok();
    section.append_with_node_1(&el("p", "hint", hint)).ok();
    root.append_with_node_1(&section).ok();
    section
}

fn input(id: &str, label: &str, kind: &str, current: &str) -> Element {
    let wrap = el("label", "field", label);
    if let Ok(field) = document()
        .create_element("input")
        .and_then(|i| i.dyn_into::<HtmlInputElement>().map_err(JsValue::from))
    {
        field.set_id(id);
        field.set_type(kind);
        field.set_value(current);
        if kind == "number" {
            field.set_min("1");
        }
        wrap.append_with_node_1(&field).ok();
    }
    wrap
}

fn checkbox(id: &str, label: &str, on: bool) -> Element {
    let wrap = el("label", "check", "");
    if let Ok(field) = document()
        .create_element("input")
        .and_then(|i| i.dyn_into::<HtmlInputElement>().map_err(JsValue::from))
    {
        field.set_id(id);
        field.set_type("checkbox");
        field.set_checked(on);
        wrap.append_with_node_1(&field).ok();
    }
    wrap.append_with_node_1(&el("span", "", label)).ok();
    wrap
}

fn input_element(id: &str) -> Option<HtmlInputElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
}

fn value(id: &str) -> String {
    input_element(id).map(|i| i.value()).unwrap_or_default()
}

fn checked(id: &str) -> bool {
    input_element(id).is_some_and(|i| i.checked())
}
