//! One opportunity's timeline, opened from its card: what happened and what is planned, oldest
//! first, and the people in it.

use super::edit::{actions, application_form};
use super::lists::contact_row;
use super::names::{outcome_name, stage_name, status_name};
use crate::dashboard::Timeline;
use crate::logged::Subject;
use crate::phrase::{Forms, Key};
use crate::web::dom::{append_button, append_named_button, el, open_link, toggle_hidden, wire};
use crate::web::i18n::{say, t, tr};
use crate::web::logform::{self, LogOpen};
use web_sys::Element;

/// The timeline panel: hidden while no card is open. With `editing`, the edit form stands where
/// the application's details are; `log`: the log form, open when it is about this
/// application; `planned`: what the last change planned.
pub fn panel(
    panel: &Element,
    timeline: Option<&Timeline>,
    editing: bool,
    log: Option<&LogOpen>,
    planned: &[String],
) {
    panel.set_text_content(None);
    let Some(tl) = timeline else {
        toggle_hidden(panel, true);
        return;
    };
    toggle_hidden(panel, false);
    let head = el("div", "timeline-head", "");
    let title = el("h2", "", &tl.title);
    title.set_id("timeline-title");
    title.set_attribute("dir", "auto").ok();
    title.set_attribute("title", &tl.title).ok();
    title.set_attribute("tabindex", "-1").ok();
    head.append_with_node_1(&title).ok();
    let buttons = el("div", "record-actions", "");
    actions(&buttons, &tl.title, &tl.id, "application");
    append_button(&buttons, "", &t("dashClose"), "close-timeline", "");
    head.append_with_node_1(&buttons).ok();
    panel.append_with_node_1(&head).ok();
    if editing {
        panel.append_with_node_1(&application_form(tl)).ok();
    } else {
        details(panel, tl);
    }
    logging(panel, tl, log, planned);
    entries(panel, tl);
}

/// Where the application stands, its link and the user's notes.
fn details(panel: &Element, tl: &Timeline) {
    let place = [
        tl.company.as_deref(),
        tl.location.as_deref(),
        Some(&stage_name(tl.stage)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    panel.append_with_node_1(&el("p", "muted", &place)).ok();
    if let Some(url) = &tl.url {
        panel
            .append_with_node_1(&open_link("", &t("dashOpenPosting"), url))
            .ok();
    }
    if let Some(salary) = &tl.salary {
        let salary = el("p", "salary", &tr("dashSalary", &[salary]));
        salary.set_attribute("dir", "auto").ok();
        panel.append_with_node_1(&salary).ok();
    }
    if let Some(notes) = &tl.notes {
        let notes = el("p", "notes", &tr("dashNotes", &[notes]));
        notes.set_attribute("dir", "auto").ok();
        panel.append_with_node_1(&notes).ok();
    }
}

/// What the last change planned, and the form to log what happened about this application.
fn logging(panel: &Element, tl: &Timeline, log: Option<&LogOpen>, planned: &[String]) {
    if !planned.is_empty() {
        panel.append_with_node_1(&logform::planned(planned)).ok();
    }
    let target = LogOpen {
        subject: Subject::Job,
        id: tl.id.clone(),
    };
    let open = log == Some(&target);
    let bar = el("div", "actions log-bar", "");
    logform::open_button(&bar, &target, open);
    panel.append_with_node_1(&bar).ok();
    if open {
        let names: Vec<String> = tl.contacts.iter().map(|c| c.name.clone()).collect();
        panel
            .append_with_node_1(&logform::view(&target, &names))
            .ok();
    }
}

/// What happened and is planned, and the people in it.
fn entries(panel: &Element, tl: &Timeline) {
    let list = el("ol", "entries", "");
    for entry in &tl.entries {
        let class = match entry.status {
            None => "entry event".to_string(),
            Some(status) => format!("entry followup {}", wire(&status)),
        };
        let item = el("li", &class, "");
        let when = say(&entry.when);
        item.append_with_node_1(&el("span", "when", &when)).ok();
        let body = el("div", "body", "");
        let said = say(&entry.text);
        let text = el("span", "text", &said);
        text.set_attribute("title", &said).ok();
        text.set_attribute("dir", "auto").ok();
        body.append_with_node_1(&text).ok();
        let mut tags: Vec<String> = Vec::new();
        if let Some(status) = entry.status {
            tags.push(status_name(status));
        }
        if let Some(outcome) = entry.outcome {
            tags.push(outcome_name(outcome));
        }
        if entry.snoozes > 0 {
            tags.push(say(&Forms {
                one: Key("dashSnoozedTimes_one"),
                other: Key("dashSnoozedTimes_other"),
            }
            .count(entry.snoozes)));
        }
        if !tags.is_empty() {
            body.append_with_node_1(&el("span", "tag", &tags.join(" · ")))
                .ok();
        }
        if let Some(detail) = &entry.detail {
            body.append_with_node_1(&el("span", "detail", &say(detail)))
                .ok();
        }
        item.append_with_node_1(&body).ok();
        if let Some(event) = &entry.event {
            let name = tr("dashDeleteEventOf", &[&said, &when]);
            append_named_button(&item, &t("dashDelete"), &name, "delete-event", event);
        }
        list.append_with_node_1(&item).ok();
    }
    panel.append_with_node_1(&list).ok();
    panel
        .append_with_node_1(&el("h3", "", &t("dashPeople")))
        .ok();
    if tl.contacts.is_empty() {
        panel
            .append_with_node_1(&el("p", "muted", &t("dashNoPeople")))
            .ok();
    } else {
        let people = el("ul", "rows", "");
        for c in &tl.contacts {
            people.append_with_node_1(&contact_row(c)).ok();
        }
        panel.append_with_node_1(&people).ok();
    }
}
