//! The popup: the posting on the active tab with one-click tracking, and the checklist of
//! follow-ups. Draws the core's views with DOM text nodes only: page text is never HTML.

use super::dom::{
    append_button, append_where, clamped, el, input_field, on_button_click, open_link, value_of,
    wire,
};
use super::followup::{self, Act, Open};
use super::i18n::{localize, say, t, tr};
use super::logform::{self, LogOpen};
use super::{ext, on_changed, person, reply_of, request, to_js};
use crate::checklist::{about_besides, Checklist, Group, Item, RecentItem};
use crate::logged::Subject;
use crate::messages::{PageAction, PageView, Reply, Request};
use crate::model::Id;
use crate::store::Command;
use gloo::utils::document;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// What the popup shows.
#[derive(Debug, Default, Clone)]
pub struct Model {
    pub page: Option<PageView>,
    pub checklist: Option<Checklist>,
    pub notice: Option<String>,
    /// The follow-up whose choices (done, snooze) or draft are open below it.
    pub open: Option<Open>,
    /// Postings viewed lately and not tracked yet.
    pub recent: Vec<RecentItem>,
    /// The "Log what happened" form, when open.
    pub log: Option<LogOpen>,
    /// The people to pick "with whom" from in the form, once asked for (as it first opens).
    pub names: Option<Vec<String>>,
    /// The page on screen is being read: its card holds its place meanwhile, so that the
    /// checklist below does not jump when it comes.
    pub reading_page: bool,
    /// What the last change planned, in words.
    pub planned: Vec<String>,
}

/// What a click asks for.
enum Click {
    /// Change the data; `about_page`: the answer updates the page card.
    Command { command: Command, about_page: bool },
    /// Show a follow-up's draft.
    Draft(Id),
    /// Open or close the choices under a follow-up.
    Toggle(Option<Open>),
    /// Copy the draft's message.
    Copy,
    /// Change the data about the person on screen, then redraw their card.
    Person(Command),
    /// Open or close the log form.
    Log(Option<LogOpen>),
    /// Put a shortcut's day in the log form's date field.
    Day,
    /// Say why the form can't be sent.
    Refused(String),
}

/// Entry point of `popup.html`: draws the checklist, the postings viewed lately, then the card
/// of the page on screen. `checklist` is the worker's answer to `Request::Checklist`, which
/// `popup.js` asks for before this Wasm is compiled, so that a sleeping worker wakes meanwhile.
/// The popup is `aria-busy` until everything is drawn.
#[wasm_bindgen]
pub async fn popup_main(checklist: js_sys::Promise) -> Result<(), JsValue> {
    let root = document()
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("popup.html has no #app"))?;
    localize(&document());
    let model = Rc::new(RefCell::new(Model {
        reading_page: true,
        ..Model::default()
    }));
    listen(&root, &model);
    logform::listen(&root);
    let (root_changed, model_changed) = (root.clone(), model.clone());
    on_changed(move || {
        let (root, model) = (root_changed.clone(), model_changed.clone());
        spawn_local(async move {
            let checklist = request(&Request::Checklist).await;
            absorb(&mut model.borrow_mut(), checklist, false);
            render(&root, &model.borrow());
        });
    });
    let first = reply_of(wasm_bindgen_futures::JsFuture::from(checklist).await);
    absorb(&mut model.borrow_mut(), first, false);
    render(&root, &model.borrow());
    let recent = request(&Request::Recent).await;
    absorb(&mut model.borrow_mut(), recent, false);
    render(&root, &model.borrow());
    if let Some(tab_id) = target_tab().await {
        let page = request(&Request::CaptureTab { tab_id }).await;
        absorb(&mut model.borrow_mut(), page, false);
    }
    model.borrow_mut().reading_page = false;
    render(&root, &model.borrow());
    root.remove_attribute("aria-busy").ok();
    Ok(())
}

/// The tab the popup is about: `?tab=ID` when opened for a given tab, else the active tab.
async fn target_tab() -> Option<i32> {
    let search = gloo::utils::window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    if let Some(id) = params.get("tab").and_then(|t| t.parse().ok()) {
        return Some(id);
    }
    let query = json!({ "active": true, "currentWindow": true });
    let tabs = ext::tabs_query(&to_js(&query)).await.ok()?;
    let first = js_sys::Reflect::get(&tabs, &JsValue::from_f64(0.0)).ok()?;
    let id = js_sys::Reflect::get(&first, &JsValue::from_str("id")).ok()?;
    id.as_f64().map(|id| id as i32)
}

/// Folds a reply into the model. `about_page`: the reply answers an action on the page card.
pub fn absorb(model: &mut Model, reply: Reply, about_page: bool) {
    model.notice = None;
    match reply {
        Reply::Page { page } => model.page = Some(page),
        Reply::Checklist { checklist } => model.checklist = Some(checklist),
        Reply::Updated {
            opportunity,
            checklist,
            planned,
        } => {
            model.checklist = Some(checklist);
            model.open = None;
            model.log = None;
            model.names = None;
            model.planned = planned.iter().map(say).collect();
            if let (true, Some(page)) = (about_page, model.page.as_mut()) {
                page.opportunity = opportunity;
            }
        }
        Reply::Recent { postings } => model.recent = postings,
        Reply::Names { names } => model.names = Some(names),
        Reply::Person { card } => {
            if let Some(page) = model.page.as_mut() {
                page.person = Some(card);
            }
        }
        Reply::Plan { .. } | Reply::Draft { .. } | Reply::Settings { .. } => {}
        Reply::PromiseDue { .. } | Reply::ReminderDue { .. } => {}
        Reply::Dashboard { .. } | Reply::File { .. } => {}
        Reply::ImportPlan { .. } | Reply::Imported { .. } | Reply::ConnectionsImported { .. } => {}
        Reply::Sync { .. } | Reply::Changed => {}
        Reply::Error { message } => {
            model.planned.clear();
            model.notice = Some(say(&message));
        }
    }
}

/// One click listener for the whole popup, reading the `data-*` attributes of the button.
fn listen(root: &Element, model: &Rc<RefCell<Model>>) {
    let (root_for_handler, model) = (root.clone(), model.clone());
    on_button_click(root, move |button| {
        let Some(click) = click_for(&button, &model.borrow()) else {
            return;
        };
        let (root, model) = (root_for_handler.clone(), model.clone());
        match click {
            Click::Toggle(open) => {
                model.borrow_mut().open = open;
                render(&root, &model.borrow());
                followup::focus_first_choice(&root);
            }
            Click::Copy => followup::copy_draft(&button),
            Click::Log(open) => {
                let ask = open.is_some() && model.borrow().names.is_none();
                model.borrow_mut().log = open;
                render(&root, &model.borrow());
                followup::focus_first_choice(&root);
                if ask {
                    let model = model.clone();
                    spawn_local(async move {
                        let reply = request(&Request::Names).await;
                        absorb(&mut model.borrow_mut(), reply, false);
                        if let Some(names) = &model.borrow().names {
                            logform::offer_names(names);
                        }
                    });
                }
            }
            Click::Day => logform::shortcut(&button),
            Click::Refused(why) => {
                model.borrow_mut().notice = Some(why);
                render(&root, &model.borrow());
            }
            Click::Person(command) => {
                button.set_attribute("disabled", "").ok();
                spawn_local(async move {
                    let reply = request(&Request::Command { command }).await;
                    let failed = matches!(reply, Reply::Error { .. });
                    absorb(&mut model.borrow_mut(), reply, false);
                    let shown = model.borrow().page.as_ref().and_then(|p| p.person.clone());
                    if let (false, Some(card)) = (failed, shown) {
                        let person = card.person;
                        let card = request(&Request::Person { person }).await;
                        absorb(&mut model.borrow_mut(), card, false);
                    }
                    render(&root, &model.borrow());
                });
            }
            Click::Draft(id) => spawn_local(async move {
                match followup::draft(id).await {
                    Ok(open) => model.borrow_mut().open = Some(open),
                    Err(other) => absorb(&mut model.borrow_mut(), other, false),
                }
                render(&root, &model.borrow());
                followup::focus_first_choice(&root);
            }),
            Click::Command {
                command,
                about_page,
            } => {
                button.set_attribute("disabled", "").ok();
                spawn_local(async move {
                    let from_recent = matches!(command, Command::TrackSeen { .. });
                    let reply = request(&Request::Command { command }).await;
                    absorb(&mut model.borrow_mut(), reply, about_page);
                    if from_recent {
                        let recent = request(&Request::Recent).await;
                        absorb(&mut model.borrow_mut(), recent, false);
                    }
                    render(&root, &model.borrow());
                });
            }
        }
    });
}

fn click_for(button: &Element, model: &Model) -> Option<Click> {
    let data = |name: &str| button.get_attribute(&format!("data-{name}"));
    let id = data("id").unwrap_or_default();
    let command = |command: Command| Click::Command {
        command,
        about_page: false,
    };
    if let Some(act) = followup::act(button, model.open.as_ref()) {
        return Some(match act {
            Act::Command(c) => command(c),
            Act::Draft(id) => Click::Draft(id),
            Act::Toggle(open) => Click::Toggle(open),
            Act::Copy => Click::Copy,
            Act::Refused(why) => Click::Refused(why),
        });
    }
    Some(match data("action")?.as_str() {
        "track" | "track-separately" => Click::Command {
            command: Command::Track {
                job: model
                    .page
                    .as_ref()?
                    .job
                    .clone()?
                    .with_company(&value_of("page-company")),
            },
            about_page: true,
        },
        "track-manual" => Click::Command {
            command: Command::TrackTyped {
                title: value_of("manual-title"),
                company: value_of("manual-company"),
                url: model.page.as_ref()?.url.clone(),
            },
            about_page: true,
        },
        "track-seen" => command(Command::TrackSeen { key: data("key")? }),
        "same-posting" => Click::Command {
            command: Command::SamePosting {
                opportunity_id: id,
                job: model.page.as_ref()?.job.clone()?,
            },
            about_page: true,
        },
        "applied" => Click::Command {
            command: Command::MarkApplied { opportunity_id: id },
            about_page: true,
        },
        "log-open" => Click::Log(logform::toggled(button, model.log.as_ref())?),
        "log-close" => Click::Log(None),
        "log-day" => Click::Day,
        "log-send" => {
            let open = model.log.as_ref()?;
            match logform::command(open)? {
                Err(why) => Click::Refused(why),
                Ok(command) => match open.subject {
                    Subject::Job => Click::Command {
                        command,
                        about_page: true,
                    },
                    Subject::Person => Click::Person(command),
                },
            }
        }
        action => Click::Person(person::command_for(
            action,
            &id,
            model.page.as_ref()?.person.as_ref()?,
        )?),
    })
}

/// Draws the whole popup from the model, keeping what was typed in an open log form.
pub fn render(root: &Element, model: &Model) {
    logform::redraw_keeping(|| draw(root, model));
}

fn draw(root: &Element, model: &Model) {
    root.set_text_content(None);
    if let Some(notice) = &model.notice {
        root.append_with_node_1(&el("p", "notice", notice)).ok();
    }
    if !model.planned.is_empty() {
        root.append_with_node_1(&logform::planned(&model.planned))
            .ok();
    }
    if let Some(page) = &model.page {
        let card = match &page.person {
            Some(card) => person::card(card),
            None => page_card(page),
        };
        if let Some(target) = log_target(page) {
            let open = model.log.as_ref() == Some(&target);
            let bar = el("div", "actions log-bar", "");
            logform::open_button(&bar, &target, open);
            card.append_with_node_1(&bar).ok();
            if open {
                card.append_with_node_1(&logform::view(
                    &target,
                    model.names.as_deref().unwrap_or_default(),
                ))
                .ok();
            }
        }
        root.append_with_node_1(&card).ok();
    } else if model.reading_page {
        let card = el("section", "card page", "");
        card.set_attribute("aria-label", &t("popupThisPage")).ok();
        card.append_with_node_1(&el("p", "muted", &t("pageLoading")))
            .ok();
        root.append_with_node_1(&card).ok();
    }
    match &model.checklist {
        Some(checklist) => {
            root.append_with_node_1(&checklist_view(checklist, model.open.as_ref()))
                .ok();
        }
        None => {
            root.append_with_node_1(&el("p", "muted", &t("pageLoading")))
                .ok();
        }
    }
    let on_screen = model.page.as_ref().and_then(|p| p.seen_key.as_ref());
    let recent: Vec<&RecentItem> = model
        .recent
        .iter()
        .filter(|r| Some(&r.key) != on_screen)
        .collect();
    if !recent.is_empty() {
        root.append_with_node_1(&recent_view(&recent)).ok();
    }
}

/// Postings viewed lately, each one click from being tracked.
fn recent_view(recent: &[&RecentItem]) -> Element {
    let view = el("section", "group recent", "");
    view.append_with_node_1(&el("h3", "", &t("popupRecentlyViewed")))
        .ok();
    let list = el("ul", "", "");
    for posting in recent {
        let row = el("li", "item seen", "");
        row.append_with_node_1(&el("p", "what", &posting.title))
            .ok();
        if !posting.place.is_empty() {
            row.append_with_node_1(&el("p", "about", &posting.place))
                .ok();
        }
        let foot = el("div", "foot", "");
        foot.append_with_node_1(&el("p", "when", &say(&posting.seen)))
            .ok();
        let actions = el("div", "actions", "");
        if let Some(url) = &posting.url {
            actions
                .append_with_node_1(&open_link("button", &t("popupOpen"), url))
                .ok();
        }
        append_button(&actions, "", &t("popupTrack"), "track-seen", "");
        if let Some(track) = actions.last_element_child() {
            track.set_attribute("data-key", &posting.key).ok();
            track
                .set_attribute("aria-label", &tr("popupTrackNamed", &[&posting.title]))
                .ok();
        }
        foot.append_with_node_1(&actions).ok();
        row.append_with_node_1(&foot).ok();
        list.append_with_node_1(&row).ok();
    }
    view.append_with_node_1(&list).ok();
    view
}

fn page_card(page: &PageView) -> Element {
    let card = el("section", "card page", "");
    card.set_attribute("aria-label", &t("popupThisPage")).ok();
    match &page.job {
        Some(job) => {
            card.append_with_node_1(&clamped("h2", "job-title", &job.title))
                .ok();
            append_where(&card, &[job.company.as_deref(), job.location.as_deref()]);
            if let (None, Some(same)) = (&page.opportunity, &page.maybe_same) {
                let company = say(&same.company());
                let question = tr("popupSameQuestion", &[&same.job.title, &company]);
                card.append_with_node_1(&el("p", "hint", &question)).ok();
            }
            if page.ask_company && page.actions().contains(&PageAction::Track) {
                let company = input_field("page-company", &t("popupCompanyMissing"), |_| {});
                card.append_with_node_1(&company).ok();
            }
            let actions = el("div", "actions", "");
            if let Some(status) = page.status() {
                actions
                    .append_with_node_1(&el("span", "status", &say(&status)))
                    .ok();
            }
            for (at, action) in page.actions().into_iter().enumerate() {
                let id = match action {
                    PageAction::SamePosting => page.maybe_same.as_ref().map(|o| o.id.as_str()),
                    PageAction::MarkApplied => page.opportunity.as_ref().map(|o| o.id.as_str()),
                    PageAction::Track | PageAction::TrackSeparately => None,
                };
                append_button(
                    &actions,
                    if at == 0 { "primary" } else { "" },
                    &say(&action.phrase()),
                    &wire(&action),
                    id.unwrap_or_default(),
                );
            }
            card.append_with_node_1(&actions).ok();
        }
        None if page.by_hand && page.opportunity.is_none() => {
            let why = if page.readable {
                t("popupNoPosting")
            } else {
                t("popupUnreadable")
            };
            card.append_with_node_1(&el("p", "muted", &why)).ok();
            card.append_with_node_1(&el("p", "hint", &t("popupTrackByHand")))
                .ok();
            let title = input_field("manual-title", &t("popupRole"), |field| {
                field.set_value(&page.title);
            });
            card.append_with_node_1(&title).ok();
            let company = input_field("manual-company", &t("popupCompany"), |_| {});
            card.append_with_node_1(&company).ok();
            let actions = el("div", "actions", "");
            append_button(
                &actions,
                "primary",
                &t("trackThisApplication"),
                "track-manual",
                "",
            );
            card.append_with_node_1(&actions).ok();
        }
        None => match &page.opportunity {
            Some(o) => {
                card.append_with_node_1(&el("h2", "job-title", &o.job.title))
                    .ok();
                if let Some(status) = page.status() {
                    card.append_with_node_1(&el("span", "status", &say(&status)))
                        .ok();
                }
            }
            None => {
                card.append_with_node_1(&el("p", "muted", &t("popupOpenAPosting")))
                    .ok();
            }
        },
    }
    card
}

fn checklist_view(checklist: &Checklist, open: Option<&Open>) -> Element {
    let view = el("section", "checklist", "");
    let total: usize = checklist.sections.iter().map(|s| s.items.len()).sum();
    if total == 0 {
        view.append_with_node_1(&el("p", "empty", &t("popupNothingYet")))
            .ok();
        return view;
    }
    let summary = if checklist.overdue == 0 {
        "all-clear"
    } else {
        "overdue-count"
    };
    view.append_with_node_1(&el("p", summary, &say(&checklist.summary())))
        .ok();
    for section in checklist.sections.iter().filter(|s| !s.items.is_empty()) {
        let group = el("div", "group", "");
        group
            .set_attribute("data-group", group_name(section.group))
            .ok();
        group
            .append_with_node_1(&el("h3", "", &say(&section.heading())))
            .ok();
        let list = el("ul", "", "");
        for item in &section.items {
            let open = open.filter(|o| o.id == item.id);
            list.append_with_node_1(&item_row(item, section.group, open))
                .ok();
        }
        group.append_with_node_1(&list).ok();
        if let Some(more) = section.more_line() {
            group
                .append_with_node_1(&el("p", "muted more", &say(&more)))
                .ok();
        }
        view.append_with_node_1(&group).ok();
    }
    view
}

fn item_row(item: &Item, group: Group, open: Option<&Open>) -> Element {
    let row = el("li", &format!("item {}", group_name(group)), "");
    row.set_attribute("data-id", &item.id).ok();
    let what = say(&item.what);
    row.append_with_node_1(&clamped("p", "what", &what)).ok();
    let about = about_besides(&item.about, &what);
    if !about.is_empty() {
        row.append_with_node_1(&clamped("p", "about", &about)).ok();
    }
    if let Some(note) = &item.note {
        row.append_with_node_1(&el("p", "note", &say(note))).ok();
    }
    let foot = el("div", "foot", "");
    let meta = format!("{} · {}", say(&item.when), say(&item.why));
    foot.append_with_node_1(&el("p", "when", &meta)).ok();
    let actions = el("div", "actions", "");
    followup::buttons(&actions, &item.id, item.touch, open);
    if let Some(url) = &item.url {
        actions
            .append_with_node_1(&open_link("button", &t("popupOpen"), url))
            .ok();
    }
    foot.append_with_node_1(&actions).ok();
    row.append_with_node_1(&foot).ok();
    if let Some(open) = open {
        row.append_with_node_1(&followup::panel(&item.id, &open.panel))
            .ok();
    }
    row
}

/// What the log form can be about on this page: the tracked job on screen, or the saved person
/// on their card.
fn log_target(page: &PageView) -> Option<LogOpen> {
    match &page.person {
        Some(card) => card.contact.as_ref().map(|contact| LogOpen {
            subject: Subject::Person,
            id: contact.id.clone(),
        }),
        None => page.opportunity.as_ref().map(|o| LogOpen {
            subject: Subject::Job,
            id: o.id.clone(),
        }),
    }
}

fn group_name(group: Group) -> &'static str {
    match group {
        Group::Overdue => "overdue",
        Group::Today => "today",
        Group::ThisWeek => "this-week",
        Group::Later => "later",
    }
}
