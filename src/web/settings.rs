//! The settings page: the working week, the touch limit, the badge, the recently viewed list,
//! the name that signs drafts, every message template, and the LinkedIn connections import.
//! Reads the settings from the worker, writes them back as commands; an export's bytes go to
//! the worker, which imports them and answers with the counts. Sync across the user's
//! computers is turned on and off through the worker, which says how it stands.

use super::dom::{
    append_button, by_id, el, input_by_id, input_field, on_button_click, unwire, value_of, wire,
};
use super::i18n::{localize, say, t, tr, Browser};
use super::{describe, ext, on_changed, request};
use crate::capture::connections::text_of;
use crate::drafts::{default_template, TemplateView};
use crate::messages::{Reply, Request};
use crate::model::{BadgeMode, Rule, Settings, Template};
use crate::phrase::{Key, Phrase};
use crate::store::Command;
use crate::sync::said::said;
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
    /// The connections import under way, or what the last one did.
    import: Option<Import>,
    sync: Sync,
}

/// Sync across the user's computers, as the page shows it.
#[derive(Debug, Default)]
struct Sync {
    /// The worker's last answer: `Reply::Sync` or `Reply::Error`.
    reply: Option<Reply>,
    /// Turning sync on or off is under way.
    busy: bool,
    /// The switch was pressed to turn sync off: the page asks whether to erase the copy.
    asking: bool,
    /// Turned off on this page: whether the synced copy was erased then.
    erased: Option<bool>,
}

#[derive(Debug)]
enum Import {
    Running,
    /// The worker's answer: `Reply::ConnectionsImported` or `Reply::Error`.
    Done(Reply),
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
    localize(&document());
    let page = Rc::new(RefCell::new(Page::default()));
    listen(&root, &page);
    let loaded = load().await;
    show(&mut page.borrow_mut(), loaded);
    page.borrow_mut().every_site = ext::every_site_granted().await;
    page.borrow_mut().sync.reply = Some(request(&Request::Sync).await);
    render(&root, &page.borrow());
    let changed = page.clone();
    on_changed(move || {
        let page = changed.clone();
        spawn_local(async move {
            let reply = request(&Request::Sync).await;
            show_sync(&page, |sync| sync.reply = Some(reply));
        });
    });
    if gloo::utils::window().location().hash().ok().as_deref() == Some("#connections") {
        if let Some(section) = document().get_element_by_id("connections") {
            section.scroll_into_view();
        }
    }
    Ok(())
}

/// The settings and templates as stored, or why they could not be read.
async fn load() -> Result<(Settings, Vec<TemplateView>), String> {
    match request(&Request::Settings).await {
        Reply::Settings {
            settings,
            templates,
        } => Ok((settings, templates)),
        Reply::Error { message } => Err(say(&message)),
        _ => Err(t("settingsUnexpected")),
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
        if action == "import-connections" {
            import_connections(&page);
            return;
        }
        if action.starts_with("sync") {
            sync_action(&page, &action);
            return;
        }
        let rule: Option<Rule> = button.get_attribute("data-id").and_then(|r| unwire(&r));
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
                Reply::Error { message } => Status::Refused(say(&message)),
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
    let week = section(root, &t("settingsWeekTitle"), &t("settingsWeekHint"));
    let hours = el("div", "row", "");
    hours
        .append_with_node_1(&input(
            "work-start",
            &t("settingsDayStarts"),
            "time",
            &hh_mm(s.work_start),
        ))
        .ok();
    hours
        .append_with_node_1(&input(
            "work-end",
            &t("settingsDayEnds"),
            "time",
            &hh_mm(s.work_end),
        ))
        .ok();
    week.append_with_node_1(&hours).ok();
    let days = el("fieldset", "days", "");
    days.append_with_node_1(&el("legend", "", &t("settingsWorkingDays")))
        .ok();
    for day in DAYS {
        days.append_with_node_1(&checkbox(
            &format!("day-{day}"),
            &say(&Phrase::weekday(day)),
            s.work_days.contains(&day),
        ))
        .ok();
    }
    week.append_with_node_1(&days).ok();

    let follow = section(root, &t("settingsFollowTitle"), &t("settingsFollowHint"));
    let row = el("div", "row", "");
    row.append_with_node_1(&input(
        "touch-limit",
        &t("settingsTouchLimit"),
        "number",
        &s.touch_limit.to_string(),
    ))
    .ok();
    row.append_with_node_1(&input(
        "your-name",
        &t("settingsYourName"),
        "text",
        &s.your_name,
    ))
    .ok();
    follow.append_with_node_1(&row).ok();
    let presets: Vec<String> = s.cadence_presets.iter().map(u32::to_string).collect();
    follow
        .append_with_node_1(&input(
            "cadence-presets",
            &t("settingsPresets"),
            "text",
            &presets.join(", "),
        ))
        .ok();
    follow
        .append_with_node_1(&checkbox(
            "badge-today",
            &t("settingsBadgeToday"),
            s.badge == BadgeMode::OverdueAndToday,
        ))
        .ok();
    follow
        .append_with_node_1(&checkbox(
            "follow-new-connections",
            &t("followNewConnections"),
            s.follow_new_connections,
        ))
        .ok();

    let seen = section(root, &t("settingsBrowseTitle"), &t("settingsBrowseHint"));
    seen.append_with_node_1(&checkbox(
        "auto-capture",
        &t("settingsAutoCapture"),
        s.auto_capture,
    ))
    .ok();
    seen.append_with_node_1(&checkbox(
        "in-page-button",
        &t("settingsInPageButton"),
        s.in_page_button,
    ))
    .ok();
    seen.append_with_node_1(&checkbox("seen-on", &t("settingsSeenOn"), s.seen.on))
        .ok();
    let row = el("div", "row", "");
    row.append_with_node_1(&input(
        "seen-cap",
        &t("settingsSeenCap"),
        "number",
        &s.seen.cap.to_string(),
    ))
    .ok();
    row.append_with_node_1(&input(
        "seen-days",
        &t("settingsSeenDays"),
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
    append_button(&actions, "primary", &t("settingsSave"), "save", "");
    let note = match &page.status {
        Some(Status::Saved) => el("p", "status", &t("settingsSaved")),
        Some(Status::Refused(why)) => el("p", "status refused", why),
        None => el("p", "status", ""),
    };
    note.set_attribute("role", "status").ok();
    actions.append_with_node_1(&note).ok();
    root.append_with_node_1(&actions).ok();

    connections_section(root, page.import.as_ref());
    sync_section(root, &page.sync);

    let messages = section(
        root,
        &t("settingsMessagesTitle"),
        &t("settingsMessagesHint"),
    );
    for view in &page.templates {
        messages.append_with_node_1(&template_editor(view)).ok();
    }
}

fn template_editor(view: &TemplateView) -> Element {
    let rule = wire(&view.rule);
    let details = el("details", "template", "");
    let kind = say(&view.kind);
    let title = match view.custom {
        Some(_) => tr("settingsTemplateYours", &[&kind]),
        None => kind,
    };
    let template = view
        .custom
        .clone()
        .unwrap_or_else(|| default_template(view.rule, &Browser));
    details.append_with_node_1(&el("summary", "", &title)).ok();
    details
        .append_with_node_1(&input(
            &format!("subject-{rule}"),
            &t("settingsSubject"),
            "text",
            &template.subject,
        ))
        .ok();
    let field = el("label", "field", &t("settingsMessage"));
    if let Ok(body) = document()
        .create_element("textarea")
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().map_err(JsValue::from))
    {
        body.set_id(&format!("body-{rule}"));
        body.set_rows(7);
        body.set_value(&template.body);
        field.append_with_node_1(&body).ok();
    }
    details.append_with_node_1(&field).ok();
    let actions = el("div", "actions", "");
    append_button(
        &actions,
        "primary",
        &t("settingsSaveMessage"),
        "save-template",
        &rule,
    );
    if view.custom.is_some() {
        append_button(
            &actions,
            "",
            &t("settingsResetMessage"),
            "reset-template",
            &rule,
        );
    }
    details.append_with_node_1(&actions).ok();
    details
}

/// The settings as the form now says, on top of the loaded ones (fields the form does not show
/// are kept). Unreadable numbers and times keep their previous value.
fn read_form(loaded: &Settings) -> Settings {
    let mut s = loaded.clone();
    s.work_start =
        NaiveTime::parse_from_str(&value_of("work-start"), "%H:%M").unwrap_or(s.work_start);
    s.work_end = NaiveTime::parse_from_str(&value_of("work-end"), "%H:%M").unwrap_or(s.work_end);
    s.work_days = DAYS
        .into_iter()
        .filter(|d| checked(&format!("day-{d}")))
        .collect();
    s.touch_limit = value_of("touch-limit").parse().unwrap_or(s.touch_limit);
    s.your_name = value_of("your-name").trim().to_string();
    let presets: Result<Vec<u32>, _> = value_of("cadence-presets")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect();
    s.cadence_presets = presets.unwrap_or(s.cadence_presets);
    s.badge = if checked("badge-today") {
        BadgeMode::OverdueAndToday
    } else {
        BadgeMode::Overdue
    };
    s.auto_capture = checked("auto-capture");
    s.in_page_button = checked("in-page-button");
    s.seen.on = checked("seen-on");
    s.follow_new_connections = checked("follow-new-connections");
    s.seen.cap = value_of("seen-cap").parse().unwrap_or(s.seen.cap);
    s.seen.days = value_of("seen-days").parse().unwrap_or(s.seen.days);
    s
}

fn read_template(rule: Rule) -> Template {
    let rule = wire(&rule);
    Template {
        subject: value_of(&format!("subject-{rule}")),
        body: value_of(&format!("body-{rule}")),
    }
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

/// A setting's field: numbers start at 1.
fn input(id: &str, label: &str, kind: &str, current: &str) -> Element {
    input_field(id, label, |field| {
        field.set_type(kind);
        field.set_value(current);
        if kind == "number" {
            field.set_min("1");
        }
    })
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

fn checked(id: &str) -> bool {
    input_by_id(id).is_some_and(|i| i.checked())
}

/// "LinkedIn connections": how to get the export, the file, the import and its summary.
fn connections_section(root: &Element, import: Option<&Import>) {
    let connections = section(root, &t("connectionsTitle"), &t("connectionsHint"));
    connections.set_id("connections");
    let field = input("connections-file", &t("connectionsFile"), "file", "");
    if let Some(file) = field.query_selector("input").ok().flatten() {
        file.set_attribute("accept", ".csv,text/csv").ok();
    }
    connections.append_with_node_1(&field).ok();
    let actions = el("div", "actions", "");
    append_button(
        &actions,
        "primary",
        &t("connectionsImport"),
        "import-connections",
        "",
    );
    connections.append_with_node_1(&actions).ok();
    let status = el("div", "import-status", "");
    status.set_id("connections-status");
    status.set_attribute("role", "status").ok();
    connections.append_with_node_1(&status).ok();
    draw_import(&status, import);
}

/// Reads the chosen file, sends it to the worker and shows what the import did.
fn import_connections(page: &Rc<RefCell<Page>>) {
    let file = input_by_id("connections-file")
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else {
        let none = Reply::Error {
            message: Key("connectionsNoFile").phrase(),
        };
        show_import(page, Import::Done(none));
        return;
    };
    show_import(page, Import::Running);
    let page = page.clone();
    spawn_local(async move {
        let reply = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                let text = text_of(&bytes, ext::windows_1252);
                request(&Request::ImportConnections { text }).await
            }
            Err(e) => Reply::Error {
                message: Key("connectionsUnreadable").with([describe(&e).into()]),
            },
        };
        show_import(&page, Import::Done(reply));
    });
}

/// Keeps the import's state and redraws only its summary, so unsaved settings stay as typed.
fn show_import(page: &Rc<RefCell<Page>>, import: Import) {
    let mut page = page.borrow_mut();
    page.import = Some(import);
    if let Some(status) = document().get_element_by_id("connections-status") {
        draw_import(&status, page.import.as_ref());
    }
}

fn draw_import(status: &Element, import: Option<&Import>) {
    status.set_text_content(None);
    match import {
        None => {}
        Some(Import::Running) => {
            status
                .append_with_node_1(&el("p", "muted", &t("connectionsImporting")))
                .ok();
        }
        Some(Import::Done(Reply::ConnectionsImported { counts, skipped })) => {
            let list = el("ul", "import-summary", "");
            for (name, said) in counts {
                let item = el("li", "", &say(said));
                item.set_attribute("data-count", name).ok();
                list.append_with_node_1(&item).ok();
            }
            status.append_with_node_1(&list).ok();
            if !skipped.is_empty() {
                let groups = el("ul", "import-skipped", "");
                for group in skipped {
                    let item = el("li", "", "");
                    item.append_with_node_1(&el("p", "", &say(&group.said)))
                        .ok();
                    item.append_with_node_1(&el("p", "hint", &say(&group.lines)))
                        .ok();
                    groups.append_with_node_1(&item).ok();
                }
                status.append_with_node_1(&groups).ok();
            }
        }
        Some(Import::Done(Reply::Error { message })) => {
            status
                .append_with_node_1(&el("p", "status refused", &say(message)))
                .ok();
        }
        Some(Import::Done(_)) => {}
    }
}

/// "Sync across your computers": what goes where and what stays, the switch, and how it stands.
fn sync_section(root: &Element, sync: &Sync) {
    let section = section(root, &t("syncTitle"), &t("syncHint"));
    section.set_id("sync");
    let about = el("ul", "sync-about", "");
    for key in [t("syncWhatGoes"), t("syncWhatStays"), t("syncHowOff")] {
        about.append_with_node_1(&el("li", "", &key)).ok();
    }
    section.append_with_node_1(&about).ok();
    let area = el("div", "sync-area", "");
    area.set_id("sync-area");
    section.append_with_node_1(&area).ok();
    draw_sync(&area, sync);
}

/// The switch, the question before turning sync off, and how sync stands.
fn draw_sync(area: &Element, sync: &Sync) {
    area.set_text_content(None);
    let view = match &sync.reply {
        Some(Reply::Sync { sync }) => Some(sync),
        _ => None,
    };
    let on = view.is_some_and(|v| v.on);
    append_button(area, "switch", &t("syncLabel"), "sync", "");
    if let Some(switch) = area.last_element_child() {
        switch.set_id("sync-switch");
        switch
            .set_attribute("aria-pressed", if on { "true" } else { "false" })
            .ok();
    }
    if sync.asking {
        let ask = el("div", "confirm", "");
        ask.set_attribute("role", "group").ok();
        ask.set_attribute("aria-labelledby", "sync-ask").ok();
        let question = el("p", "ask", &t("syncOffAsk"));
        question.set_id("sync-ask");
        question.set_attribute("tabindex", "-1").ok();
        ask.append_with_node_1(&question).ok();
        ask.append_with_node_1(&el("p", "about", &t("syncOffAbout")))
            .ok();
        let buttons = el("div", "actions", "");
        append_button(&buttons, "", &t("syncOffErase"), "sync-erase", "");
        append_button(&buttons, "", &t("syncOffKeep"), "sync-keep", "");
        append_button(&buttons, "primary", &t("syncOffCancel"), "sync-cancel", "");
        ask.append_with_node_1(&buttons).ok();
        area.append_with_node_1(&ask).ok();
    }
    let status = el("div", "sync-status", "");
    status.set_id("sync-status");
    status.set_attribute("role", "status").ok();
    match (&sync.reply, view.and_then(said)) {
        _ if sync.busy => {
            status
                .append_with_node_1(&el("p", "muted", &t("syncWorking")))
                .ok();
        }
        (Some(Reply::Error { message }), _) => {
            status
                .append_with_node_1(&el("p", "status refused", &say(message)))
                .ok();
        }
        (_, Some(said)) => {
            status
                .append_with_node_1(&el("p", "sync-on", &t("syncIsOn")))
                .ok();
            let lines = el("ul", "sync-lines", "");
            for line in [
                Some(&said.used),
                Some(&said.computers),
                said.left_out.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                lines.append_with_node_1(&el("li", "", &say(line))).ok();
            }
            status.append_with_node_1(&lines).ok();
            if let Some(problem) = &said.problem {
                status
                    .append_with_node_1(&el("p", "notice", &say(problem)))
                    .ok();
            }
        }
        (Some(Reply::Sync { .. }), None) => {
            let off = match sync.erased {
                Some(true) => t("syncOffErased"),
                Some(false) => t("syncOffKept"),
                None => t("syncIsOff"),
            };
            status.append_with_node_1(&el("p", "muted", &off)).ok();
        }
        _ => {}
    }
    area.append_with_node_1(&status).ok();
}

/// A click in the sync section: the switch turns sync on, or asks before turning it off; the
/// answers to the question turn it off (erasing the synced copy or not) or leave it on.
fn sync_action(page: &Rc<RefCell<Page>>, action: &str) {
    let on = matches!(&page.borrow().sync.reply, Some(Reply::Sync { sync }) if sync.on);
    if page.borrow().sync.busy {
        return;
    }
    let set = match action {
        "sync" if on => {
            show_sync(page, |sync| sync.asking = true);
            focus("sync-ask");
            return;
        }
        "sync-cancel" => {
            show_sync(page, |sync| sync.asking = false);
            focus("sync-switch");
            return;
        }
        "sync" => Request::SetSync {
            on: true,
            erase: false,
        },
        "sync-erase" => Request::SetSync {
            on: false,
            erase: true,
        },
        "sync-keep" => Request::SetSync {
            on: false,
            erase: false,
        },
        _ => return,
    };
    let erased = match set {
        Request::SetSync { on: false, erase } => Some(erase),
        _ => None,
    };
    show_sync(page, |sync| {
        sync.busy = true;
        sync.asking = false;
    });
    focus("sync-switch");
    let page = page.clone();
    spawn_local(async move {
        let reply = request(&set).await;
        show_sync(&page, |sync| {
            sync.busy = false;
            sync.erased = erased;
            sync.reply = Some(reply);
        });
        focus("sync-switch");
    });
}

/// Changes the page's sync state and redraws only its section, so unsaved settings stay as
/// typed.
fn show_sync(page: &Rc<RefCell<Page>>, change: impl FnOnce(&mut Sync)) {
    let mut page = page.borrow_mut();
    change(&mut page.sync);
    if let Some(area) = by_id("sync-area") {
        draw_sync(&area, &page.sync);
    }
}

/// Moves the keyboard's focus to the element with this id (a redrawn button, a question).
fn focus(id: &str) {
    if let Some(element) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.focus().ok();
    }
}
