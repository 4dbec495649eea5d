//! What the user keeps rather than works on, drawn apart: the applications search above the
//! board (closed ones found and marked), the closed lane's "Show closed" toggle, and the
//! imported LinkedIn network with its one-step removal, asked with its count first.

use super::lists::{contacts, show_page};
use super::names::stage_name;
use crate::dashboard::lists::{ContactRow, Found, Page};
use crate::dashboard::Column;
use crate::phrase::{Forms, Key};
use crate::web::dom::{append_button, el};
use crate::web::i18n::{say, t, tr};
use web_sys::Element;

/// The closed lane's count while archived, and the button that shows or hides its cards.
pub fn closed_toggle(view: &Element, column: &Column) {
    if column.total == 0 {
        return;
    }
    if column.archived {
        view.append_with_node_1(&el("p", "empty", &t("dashClosedArchived")))
            .ok();
    }
    let label = if column.archived {
        t("dashShowClosed")
    } else {
        t("dashHideClosed")
    };
    append_button(view, "more", &label, "toggle-closed", "");
}

/// The applications the search found, each a button to its timeline, closed ones marked; or
/// nothing without a search.
pub fn found(area: &Element, page: Option<&Page<Found>>, search: &str) {
    area.set_text_content(None);
    let Some(page) = page else {
        return;
    };
    if page.items.is_empty() {
        let text = tr("dashNoApplicationMatch", &[search.trim()]);
        area.append_with_node_1(&el("p", "empty", &text)).ok();
        return;
    }
    let list = el("ul", "rows", "");
    for f in &page.items {
        list.append_with_node_1(&found_row(f)).ok();
    }
    show_page(
        area,
        &list,
        page.items.len(),
        page.total,
        "more-applications",
    );
}

fn found_row(f: &Found) -> Element {
    let item = el("li", if f.closed { "row closed" } else { "row" }, "");
    item.set_attribute("data-id", &f.id).ok();
    let top = el("div", "row-top", "");
    let open = el("button", "job-open", &f.title);
    open.set_attribute("type", "button").ok();
    open.set_attribute("data-action", "open-timeline").ok();
    open.set_attribute("data-id", &f.id).ok();
    open.set_attribute("dir", "auto").ok();
    top.append_with_node_1(&open).ok();
    if f.closed {
        top.append_with_node_1(&el("span", "rule", &t("dashFoundClosed")))
            .ok();
    }
    item.append_with_node_1(&top).ok();
    let about = [f.company.as_deref(), f.location.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    if !about.is_empty() {
        let line = el("p", "about", &about);
        line.set_attribute("dir", "auto").ok();
        item.append_with_node_1(&line).ok();
    }
    item.append_with_node_1(&el("p", "when", &stage_name(f.stage)))
        .ok();
    item
}

/// The imported network never worked with: the removal (its button, or the question with its
/// count while `asking`) and the page of connections as searched.
pub fn network(
    area: &Element,
    page: &Page<ContactRow>,
    untouched: usize,
    search: &str,
    asking: bool,
    editing: Option<&str>,
) {
    area.set_text_content(None);
    if untouched == 0 {
        area.append_with_node_1(&el("p", "empty", &t("dashNoNetwork")))
            .ok();
        return;
    }
    if asking {
        let ask = el("div", "confirm", "");
        ask.set_attribute("role", "group").ok();
        ask.set_attribute("aria-labelledby", "network-ask").ok();
        let question = el(
            "p",
            "ask",
            &say(&Forms {
                one: Key("dashRemoveNetworkAskOne"),
                other: Key("dashRemoveNetworkAsk"),
            }
            .count(untouched)),
        );
        question.set_id("network-ask");
        question.set_attribute("tabindex", "-1").ok();
        ask.append_with_node_1(&question).ok();
        ask.append_with_node_1(&el("p", "about", &t("dashRemoveNetworkKeeps")))
            .ok();
        let buttons = el("div", "record-actions", "");
        append_button(
            &buttons,
            "primary",
            &t("dashRemoveConfirm"),
            "remove-network",
            "",
        );
        append_button(&buttons, "", &t("dashRemoveCancel"), "keep-network", "");
        ask.append_with_node_1(&buttons).ok();
        area.append_with_node_1(&ask).ok();
    } else {
        let label = say(&Forms {
            one: Key("dashRemoveNetworkOne"),
            other: Key("dashRemoveNetwork"),
        }
        .count(untouched));
        append_button(area, "", &label, "ask-remove-network", "");
        if let Some(button) = area.last_element_child() {
            button.set_id("network-remove");
        }
    }
    let list = el("div", "", "");
    contacts(&list, page, search, editing, "more-network");
    area.append_with_node_1(&list).ok();
}
