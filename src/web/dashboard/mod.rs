//! The dashboard page: the pipeline board, a timeline, the follow-ups and contacts lists, the
//! charts and "Your data". The core computes every view (`crate::dashboard`); this draws it with
//! DOM text nodes only and turns clicks and choices into requests.
//!
//! This module is the page: the model's lifetime, the parts that stay put, the listeners and the
//! order of drawing. Each part is a module of its own, read from the bottom up, and none of them
//! uses the page: `model` (what the page holds), `names` (words for the core's states), `edit`
//! (the edit forms) and `charts` stand alone; `lists` uses `names` and `edit`; `archive` uses
//! `names` and `lists`; `board` and `timeline` use `names` and `lists` (`board` `archive`,
//! `timeline` `edit` too); `data` uses `model`.

mod archive;
mod board;
mod charts;
mod data;
mod edit;
mod lists;
mod model;
mod names;
#[cfg(test)]
mod tests;
mod timeline;

use super::dom::{
    append_button, by_id, el, input_field, on_button_click, select_field, toggle_hidden, unwire,
};
use super::followup::{self, Act};
use super::i18n::{localize, say, t, tr};
use super::{logform, on_changed, request};
use crate::dashboard::{move_command, Query, PAGE};
use crate::messages::{Reply, Request};
use crate::model::Stage;
use crate::phrase::{Forms, Key};
use crate::store::{Command, Edited};
use charts::charts;
use data::Redraw;
use gloo::events::EventListener;
use gloo::utils::document;
use model::{Editing, Model, Shared, Undo};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// Entry point of `dashboard.html`.
#[wasm_bindgen]
pub async fn dashboard_main() -> Result<(), JsValue> {
    let root = document()
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("dashboard.html has no #app"))?;
    localize(&document());
    root.set_text_content(None);
    let title = t("dashPageTitle");
    document().set_title(&tr("dashTabTitle", &[&title]));
    if let Some(heading) = by_id("page-title") {
        heading.set_text_content(Some(&title));
    }
    shell(&root);
    let model: Shared = Rc::new(RefCell::new(Model::default()));
    listen(&root, &model);
    logform::listen(&root);
    let changed = model.clone();
    on_changed(move || {
        let model = changed.clone();
        wasm_bindgen_futures::spawn_local(async move { refresh(&model).await });
    });
    refresh(&model).await;
    if let Ok(hash) = gloo::utils::window().location().hash() {
        if let Some(section) = hash.strip_prefix('#').and_then(by_id) {
            section.scroll_into_view();
        }
    }
    Ok(())
}

/// Asks the worker for the dashboard as the query says and draws it.
async fn refresh(model: &Shared) {
    let query = model.borrow().query.clone();
    let reply = request(&Request::Dashboard {
        query: query.clone(),
    })
    .await;
    {
        let mut m = model.borrow_mut();
        if m.query != query {
            // Asked again meanwhile (a key typed in the search): the newer answer draws.
            return;
        }
        match reply {
            Reply::Dashboard { dashboard } => m.dashboard = Some(dashboard),
            Reply::Error { message } => m.notice = Some(say(&message)),
            _ => m.notice = Some(t("dashUnexpected")),
        }
    }
    render(&model.borrow());
}

/// Sends a command, then shows the dashboard as it now is.
fn command(model: &Shared, command: Command) {
    command_then(model, command, |_| {});
}

/// Sends a command; once it is done, `done` updates the page's model (a refused command leaves
/// it as it was, with the reason shown), then the dashboard is shown as it now is.
fn command_then(model: &Shared, command: Command, done: impl FnOnce(&mut Model) + 'static) {
    command_focusing(model, command, done, None);
}

/// As `command_then`, then keyboard focus goes to the first element `focus` selects, if any.
fn command_focusing(
    model: &Shared,
    command: Command,
    done: impl FnOnce(&mut Model) + 'static,
    focus: Option<String>,
) {
    let model = model.clone();
    spawn_local(async move {
        let reply = request(&Request::Command { command }).await;
        {
            let mut m = model.borrow_mut();
            m.planned.clear();
            match reply {
                Reply::Error { message } => m.notice = Some(say(&message)),
                Reply::Updated { planned, .. } => {
                    m.notice = None;
                    m.log = None;
                    m.planned = planned.iter().map(say).collect();
                    done(&mut m);
                }
                _ => {
                    m.notice = None;
                    done(&mut m);
                }
            }
        }
        refresh(&model).await;
        if let Some(selector) = focus {
            focus_first(&selector);
        }
    });
}

/// The parts of the page that stay put (headings, filters, the search box); `render` fills the
/// rest, so typing in the search box or a focused filter is never disturbed.
fn shell(root: &Element) {
    let append = |parent: &Element, child: &Element| {
        parent.append_with_node_1(child).ok();
    };
    let notice = el("div", "notice", "");
    notice.set_id("notice");
    notice.set_attribute("role", "alert").ok();
    notice.set_attribute("hidden", "").ok();
    append(root, &notice);
    let undo = el("div", "undo-bar", "");
    undo.set_id("undo-bar");
    undo.set_attribute("role", "status").ok();
    undo.set_attribute("hidden", "").ok();
    append(root, &undo);
    let reminder = el("section", "card reminder", "");
    reminder.set_id("reminder");
    reminder.set_attribute("hidden", "").ok();
    append(root, &reminder);
    let summary = el("section", "summary", "");
    summary.set_id("summary");
    summary.set_attribute("aria-label", &t("dashSummary")).ok();
    append(root, &summary);

    let pipeline = section(root, "pipeline", &t("dashPipeline"));
    append(
        &pipeline,
        &search_box(
            "application-search",
            &t("dashSearchApplications"),
            &t("dashSearchApplicationsHint"),
        ),
    );
    append(&pipeline, &container("application-results", "list-area"));
    append(&pipeline, &container("board", "board"));
    append(root, &container("timeline", "card timeline"));

    let progress = section(root, "progress", &t("dashProgress"));
    append(&progress, &container("charts", "charts"));

    let lists = el("div", "columns", "");
    append(root, &lists);
    let followups = section(&lists, "followups", &t("dashFollowUps"));
    let filters = el("div", "filters", "");
    append(&followups, &filters);
    append(
        &filters,
        &select_field("fu-show", &t("dashShow"), &lists::show_options()),
    );
    append(
        &filters,
        &select_field("fu-rule", &t("dashRule"), &lists::rule_options()),
    );
    append(
        &filters,
        &select_field(
            "fu-opportunity",
            &t("dashOpportunity"),
            &[(String::new(), t("dashAnyOpportunity"))],
        ),
    );
    append(&followups, &container("followup-list", "list-area"));

    let contacts = section(&lists, "contacts", &t("dashContacts"));
    append(
        &contacts,
        &search_box("contact-search", &t("dashSearch"), &t("dashSearchHint")),
    );
    append(&contacts, &container("contact-list", "list-area"));

    let mine = section(root, "data", &t("dashData"));
    data::shell(&mine);

    let network = section(root, "network", &t("dashNetwork"));
    append(&network, &el("p", "hint", &t("dashNetworkHint")));
    append(
        &network,
        &search_box(
            "network-search",
            &t("dashNetworkSearch"),
            &t("dashSearchHint"),
        ),
    );
    append(&network, &container("network-list", "list-area"));
}

/// A search box that stays put while the results under it are drawn again.
fn search_box(id: &str, label: &str, hint: &str) -> Element {
    input_field(id, label, |input| {
        input.set_attribute("type", "search").ok();
        input.set_attribute("placeholder", hint).ok();
        input.set_attribute("autocomplete", "off").ok();
    })
}

fn section(parent: &Element, id: &str, title: &str) -> Element {
    let section = el("section", "block", "");
    section.set_id(id);
    let heading = el("h2", "", title);
    heading.set_id(&format!("{id}-title"));
    section
        .set_attribute("aria-labelledby", &format!("{id}-title"))
        .ok();
    section.append_with_node_1(&heading).ok();
    parent.append_with_node_1(&section).ok();
    section
}

fn container(id: &str, class: &str) -> Element {
    let div = el("div", class, "");
    div.set_id(id);
    div
}

/// Clicks on buttons, choices in menus and filters, typing in the search box, a file picked.
fn listen(root: &Element, model: &Shared) {
    let on_click = model.clone();
    on_button_click(root, move |button| {
        let data = |name: &str| button.get_attribute(&format!("data-{name}"));
        let id = data("id").unwrap_or_default();
        let model = on_click.clone();
        let act = followup::act(&button, model.borrow().open.as_ref());
        if let Some(act) = act {
            return follow_up(&model, &button, act);
        }
        match data("action").unwrap_or_default().as_str() {
            "open-timeline" => {
                model.borrow_mut().query.timeline = Some(id);
                spawn_local(async move {
                    refresh(&model).await;
                    focus("timeline-title");
                });
            }
            "close-timeline" => {
                model.borrow_mut().query.timeline = None;
                spawn_local(async move { refresh(&model).await });
            }
            "log-open" => {
                let open = logform::toggled(&button, model.borrow().log.as_ref());
                if let Some(open) = open {
                    model.borrow_mut().log = open;
                    render(&model.borrow());
                    focus("log-kind");
                }
            }
            "log-close" => {
                model.borrow_mut().log = None;
                render(&model.borrow());
            }
            "log-day" => logform::shortcut(&button),
            "log-send" => {
                let asked = model.borrow().log.as_ref().and_then(logform::command);
                match asked {
                    Some(Ok(c)) => command(&model, c),
                    Some(Err(why)) => {
                        model.borrow_mut().notice = Some(why);
                        render(&model.borrow());
                    }
                    None => {}
                }
            }
            "edit-application" => edit(&model, Editing::Application(id), "edit-title"),
            "edit-contact" => edit(&model, Editing::Contact(id), "contact-edit-name"),
            "edit-followup" => {
                model.borrow_mut().open = None;
                edit(&model, Editing::FollowUp(id), "followup-edit-text");
            }
            "cancel-edit" => {
                let was = model.borrow_mut().editing.take();
                render(&model.borrow());
                if let Some(Editing::FollowUp(id)) = was {
                    focus_first(&edit_button(&id));
                }
            }
            "save-application" => {
                let edit = edit::read_application();
                let c = Command::EditApplication {
                    opportunity_id: id.clone(),
                    edit,
                };
                command_then(&model, c, |m| {
                    m.editing = None;
                    m.undo = Some(Undo::edit(Edited::Application(id)));
                });
            }
            "save-contact" => {
                let edit = edit::read_contact();
                let c = Command::EditContact {
                    contact_id: id.clone(),
                    edit,
                };
                command_then(&model, c, |m| {
                    m.editing = None;
                    m.undo = Some(Undo::edit(Edited::Contact(id)));
                });
            }
            "save-followup" => {
                let edit = edit::read_followup();
                let back = Some(edit_button(&id));
                let c = Command::EditFollowUp {
                    followup_id: id.clone(),
                    edit,
                };
                let done = |m: &mut Model| {
                    m.editing = None;
                    m.undo = Some(Undo::edit(Edited::FollowUp(id)));
                };
                command_focusing(&model, c, done, back);
            }
            "delete-followup" => {
                let words = model.borrow().dashboard.as_ref().and_then(|d| {
                    d.followups
                        .items
                        .iter()
                        .find(|f| f.id == id)
                        .map(|f| say(&f.text))
                });
                let c = Command::DeleteFollowUp { followup_id: id };
                let done = move |m: &mut Model| {
                    let text = tr("dashDeletedFollowUp", &[&words.unwrap_or_default()]);
                    m.undo = Some(Undo::deletion(text));
                    m.editing = None;
                    m.open = None;
                };
                command_focusing(&model, c, done, Some(UNDO.into()));
            }
            "delete-event" => {
                let what = model.borrow().dashboard.as_ref().and_then(|d| {
                    d.timeline
                        .as_ref()?
                        .entries
                        .iter()
                        .find(|e| e.event.as_deref() == Some(id.as_str()))
                        .map(|e| say(&e.text))
                });
                let c = Command::DeleteEvent { event_id: id };
                let done = move |m: &mut Model| {
                    let text = tr("dashDeletedEvent", &[&what.unwrap_or_default()]);
                    m.undo = Some(Undo::deletion(text));
                };
                command_focusing(&model, c, done, Some(UNDO.into()));
            }
            "delete-application" => {
                let title = model.borrow().dashboard.as_ref().and_then(|d| {
                    d.timeline
                        .as_ref()
                        .filter(|tl| tl.id == id)
                        .map(|tl| tl.title.clone())
                });
                let c = Command::DeleteApplication { opportunity_id: id };
                command_then(&model, c, move |m| {
                    let text = tr("dashDeletedApplication", &[&title.unwrap_or_default()]);
                    m.undo = Some(Undo::deletion(text));
                    m.query.timeline = None;
                    m.editing = None;
                });
            }
            "delete-contact" => {
                let name = model.borrow().dashboard.as_ref().and_then(|d| {
                    d.contacts
                        .items
                        .iter()
                        .chain(&d.network.items)
                        .find(|c| c.id == id)
                        .map(|c| c.name.clone())
                });
                let c = Command::DeleteContact { contact_id: id };
                command_then(&model, c, move |m| {
                    let text = tr("dashDeletedContact", &[&name.unwrap_or_default()]);
                    m.undo = Some(Undo::deletion(text));
                    m.editing = None;
                });
            }
            "undo" => {
                let undo = model.borrow().undo.as_ref().map(|u| u.command.clone());
                if let Some(c) = undo {
                    command_then(&model, c, |m| m.undo = None);
                }
            }
            "toggle-closed" => {
                {
                    let mut m = model.borrow_mut();
                    m.query.closed = !m.query.closed;
                }
                spawn_local(async move { refresh(&model).await });
            }
            "ask-remove-network" | "keep-network" => {
                model.borrow_mut().asking_removal =
                    data("action").as_deref() == Some("ask-remove-network");
                render(&model.borrow());
                focus(if model.borrow().asking_removal {
                    "network-ask"
                } else {
                    "network-remove"
                });
            }
            "remove-network" => {
                let count = model.borrow().dashboard.as_ref().map_or(0, |d| d.untouched);
                let c = Command::RemoveUntouchedNetwork;
                command_then(&model, c, move |m| {
                    let removed = Forms {
                        one: Key("dashRemovedNetworkOne"),
                        other: Key("dashRemovedNetwork"),
                    };
                    m.undo = Some(Undo::deletion(say(&removed.count(count))));
                    m.asking_removal = false;
                });
            }
            "more-applications" => more(&model, |q| &mut q.applications.limit),
            "more-network" => more(&model, |q| &mut q.network.limit),
            "more-board" => more(&model, |q| &mut q.board_limit),
            "more-followups" => more(&model, |q| &mut q.followups.limit),
            "more-contacts" => more(&model, |q| &mut q.contacts.limit),
            "download" => {
                if let Some(kind) = unwire(&id) {
                    run(&model, data::download(model.clone(), kind));
                }
            }
            "import-confirm" => run(&model, data::confirm(model.clone())),
            "import-cancel" => {
                model.borrow_mut().import = None;
                render(&model.borrow());
            }
            _ => {}
        }
    });
    let on_change = model.clone();
    EventListener::new(root, "change", move |event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let model = on_change.clone();
        if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
            let value = select.value();
            if select.get_attribute("data-action").as_deref() == Some("move") {
                let id = select.get_attribute("data-id").unwrap_or_default();
                if let Some(c) = unwire::<Stage>(&value).and_then(|to| move_command(&id, to)) {
                    select.set_disabled(true);
                    command(&model, c);
                }
                return;
            }
            {
                let mut m = model.borrow_mut();
                let filter = &mut m.query.followups;
                match select.id().as_str() {
                    "fu-show" => filter.show = unwire(&value).unwrap_or_default(),
                    "fu-rule" => filter.rule = unwire(&value),
                    "fu-opportunity" => filter.opportunity = Some(value).filter(|v| !v.is_empty()),
                    _ => return,
                }
                filter.limit = PAGE;
            }
            spawn_local(async move { refresh(&model).await });
        } else if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            run(&model, data::replan(model.clone(), input.clone()));
        }
    })
    .forget();
    let on_input = model.clone();
    EventListener::new(root, "input", move |event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let model = on_input.clone();
        {
            let mut m = model.borrow_mut();
            let query = &mut m.query;
            let (search, limit) = match input.id().as_str() {
                "contact-search" => (&mut query.contacts.search, &mut query.contacts.limit),
                "network-search" => (&mut query.network.search, &mut query.network.limit),
                "application-search" => (
                    &mut query.applications.search,
                    &mut query.applications.limit,
                ),
                _ => return,
            };
            *search = input.value();
            *limit = PAGE;
        }
        spawn_local(async move { refresh(&model).await });
    })
    .forget();
}

/// Done, Snooze or Draft on a row of the follow-up list, as the popup does them: a change goes
/// to the worker and the list is drawn again; a refusal is shown in words.
fn follow_up(model: &Shared, button: &Element, act: Act) {
    match act {
        Act::Command(c) => {
            button.set_attribute("disabled", "").ok();
            command_then(model, c, |m| m.open = None);
        }
        Act::Toggle(open) => {
            model.borrow_mut().open = open;
            render(&model.borrow());
            focus_choice();
        }
        Act::Draft(id) => {
            let model = model.clone();
            spawn_local(async move {
                match followup::draft(id).await {
                    Ok(open) => {
                        let mut m = model.borrow_mut();
                        m.notice = None;
                        m.open = Some(open);
                    }
                    Err(Reply::Error { message }) => {
                        model.borrow_mut().notice = Some(say(&message))
                    }
                    Err(_) => model.borrow_mut().notice = Some(t("dashUnexpected")),
                }
                render(&model.borrow());
                focus_choice();
            });
        }
        Act::Copy => followup::copy_draft(button),
        Act::Refused(why) => {
            model.borrow_mut().notice = Some(why);
            render(&model.borrow());
        }
    }
}

/// Keyboard users land on the first choice of the panel just opened in the follow-up list.
fn focus_choice() {
    if let Some(list) = by_id("followup-list") {
        followup::focus_first_choice(&list);
    }
}

/// Runs a "Your data" task, then draws the page again as the task says.
fn run(model: &Shared, task: impl Future<Output = Redraw> + 'static) {
    let model = model.clone();
    spawn_local(async move {
        match task.await {
            Redraw::Nothing => {}
            Redraw::Render => render(&model.borrow()),
            Redraw::Refresh => refresh(&model).await,
        }
    });
}

/// Opens the edit form of an application or a contact, its first field focused.
fn edit(model: &Shared, editing: Editing, first: &str) {
    model.borrow_mut().editing = Some(editing);
    render(&model.borrow());
    focus(first);
}

/// "Show more": one more page of a list.
fn more(model: &Shared, limit: impl Fn(&mut Query) -> &mut usize) {
    *limit(&mut model.borrow_mut().query) += PAGE;
    let model = model.clone();
    spawn_local(async move { refresh(&model).await });
}

/// The Undo button of the bar shown after a deletion or an edit.
const UNDO: &str = "#undo-bar button";

/// The Edit button of a follow-up's row, where focus returns when its form closes.
fn edit_button(id: &str) -> String {
    format!("#followup-list li[data-id=\"{id}\"] button[data-action=\"edit-followup\"]")
}

/// Focuses the first element `selector` selects, if any.
fn focus_first(selector: &str) {
    if let Some(element) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        element.focus().ok();
    }
}

fn focus(id: &str) {
    if let Some(element) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.focus().ok();
        element.scroll_into_view();
    }
}

/// Draws everything but the shell from the model.
fn render(model: &Model) {
    if let Some(notice) = by_id("notice") {
        notice.set_text_content(model.notice.as_deref());
        toggle_hidden(&notice, model.notice.is_none());
    }
    if let Some(bar) = by_id("undo-bar") {
        bar.set_text_content(None);
        if let Some(undo) = &model.undo {
            bar.append_with_node_1(&el("span", "", &undo.text)).ok();
            append_button(&bar, "", &t("dashUndo"), "undo", "");
        }
        toggle_hidden(&bar, model.undo.is_none());
    }
    data::panel(model);
    let Some(d) = &model.dashboard else {
        return;
    };
    if let Some(reminder) = by_id("reminder") {
        data::reminder(&reminder, d);
    }
    if let Some(summary) = by_id("summary") {
        board::summary(&summary, &d.summary);
    }
    if let Some(area) = by_id("application-results") {
        let search = &model.query.applications.search;
        archive::found(&area, d.found.as_ref(), search);
    }
    if let Some(area) = by_id("board") {
        board::columns(&area, &d.board);
    }
    if let Some(panel) = by_id("timeline") {
        let editing = match (&model.editing, &d.timeline) {
            (Some(Editing::Application(id)), Some(tl)) => *id == tl.id,
            _ => false,
        };
        logform::redraw_keeping(|| {
            let log = model.log.as_ref();
            timeline::panel(&panel, d.timeline.as_ref(), editing, log, &model.planned);
        });
    }
    if let Some(area) = by_id("charts") {
        charts(&area, &d.charts);
    }
    if let Some(select) = by_id("fu-opportunity") {
        let chosen = model.query.followups.opportunity.as_deref();
        lists::opportunity_filter(&select, &d.opportunities, chosen);
    }
    if let Some(area) = by_id("followup-list") {
        let editing = match &model.editing {
            Some(Editing::FollowUp(id)) => Some(id.as_str()),
            _ => None,
        };
        lists::followups(&area, &d.followups, model.open.as_ref(), editing);
    }
    if let Some(area) = by_id("contact-list") {
        let editing = match &model.editing {
            Some(Editing::Contact(id)) => Some(id.as_str()),
            _ => None,
        };
        let search = &model.query.contacts.search;
        lists::contacts(&area, &d.contacts, search, editing, "more-contacts");
    }
    if let Some(field) = by_id("network-search").and_then(|input| input.parent_element()) {
        let nothing = d.untouched == 0 && model.query.network.search.is_empty();
        toggle_hidden(&field, nothing);
    }
    if let Some(area) = by_id("network-list") {
        let editing = match &model.editing {
            Some(Editing::Contact(id)) => Some(id.as_str()),
            _ => None,
        };
        let search = &model.query.network.search;
        let asking = model.asking_removal;
        archive::network(&area, &d.network, d.untouched, search, asking, editing);
    }
}
