//! The follow-ups and contacts lists: their filters' choices, their rows, and their paging, a
//! "Showing N of M" line and a "Show more" button (the board's columns page the same way).

use super::edit::{actions, contact_form, followup_form};
use super::names::{outcome_name, status_name};
use crate::dashboard::lists::{ContactRow, FollowUpRow, Page, Show};
use crate::dashboard::Choice;
use crate::model::Rule;
use crate::phrase::{Forms, Key};
use crate::web::dom::{append_button, append_named_button, el, fill_options, open_link, wire};
use crate::web::followup::{self, Open};
use crate::web::i18n::{say, t, tr};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

pub fn show_options() -> Vec<(String, String)> {
    Show::ALL
        .into_iter()
        .map(|show| (wire(&show), say(&show.phrase())))
        .collect()
}

/// The rule filter: any, or one rule, each in words; its value is the rule's code.
pub fn rule_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), t("dashAnyRule")))
        .chain(
            Rule::ALL
                .into_iter()
                .map(|rule| (wire(&rule), say(&rule.phrase()))),
        )
        .collect()
}

/// The follow-ups' opportunity filter: any, or one of the opportunities there are, as chosen.
pub fn opportunity_filter(select: &Element, opportunities: &[Choice], chosen: Option<&str>) {
    let choices: Vec<(String, String)> = std::iter::once((String::new(), t("dashAnyOpportunity")))
        .chain(
            opportunities
                .iter()
                .map(|c| (c.id.clone(), c.label.clone())),
        )
        .collect();
    fill_options(select, &choices);
    if let Some(select) = select.dyn_ref::<HtmlSelectElement>() {
        select.set_value(chosen.unwrap_or(""));
    }
}

/// A page of follow-ups, or the word that there are none; `open`: the choices or draft open
/// under one of them; the follow-up being edited, `editing`, as its form.
pub fn followups(
    area: &Element,
    page: &Page<FollowUpRow>,
    open: Option<&Open>,
    editing: Option<&str>,
) {
    area.set_text_content(None);
    let list = el("ul", "rows", "");
    for row in &page.items {
        let item = if editing == Some(row.id.as_str()) {
            followup_form(row)
        } else {
            followup_row(row, open.filter(|o| o.id == row.id))
        };
        list.append_with_node_1(&item).ok();
    }
    if page.items.is_empty() {
        area.append_with_node_1(&el("p", "empty", &t("dashNoFollowUps")))
            .ok();
    } else {
        show_page(area, &list, page.items.len(), page.total, "more-followups");
    }
}

/// A page of contacts, or the word that there are none (matching the search, if any); the
/// contact being edited, `editing`, as its form; `more`: the action of its "Show more".
pub fn contacts(
    area: &Element,
    page: &Page<ContactRow>,
    search: &str,
    editing: Option<&str>,
    more: &str,
) {
    area.set_text_content(None);
    let list = el("ul", "rows", "");
    for row in &page.items {
        let item = if editing == Some(row.id.as_str()) {
            contact_form(row)
        } else {
            let item = contact_row(row);
            let buttons = el("div", "record-actions", "");
            actions(&buttons, &row.name, &row.id, "contact");
            item.append_with_node_1(&buttons).ok();
            item
        };
        list.append_with_node_1(&item).ok();
    }
    let search = search.trim();
    if page.items.is_empty() {
        let text = if search.is_empty() {
            t("dashNoContacts")
        } else {
            tr("dashNoMatch", &[search])
        };
        area.append_with_node_1(&el("p", "empty", &text)).ok();
    } else {
        show_page(area, &list, page.items.len(), page.total, more);
    }
}

/// A page of a list under its "Showing N of M" line, with "Show more" while there are more.
pub fn show_page(area: &Element, list: &Element, shown: usize, total: usize, more: &str) {
    let count = say(&Forms {
        one: Key("dashShowing_one"),
        other: Key("dashShowing_other"),
    }
    .of(total, [shown.into()]));
    area.append_with_node_1(&el("p", "count", &count)).ok();
    area.append_with_node_1(list).ok();
    more_button(area, total, shown, more);
}

/// "Show more" under a list (or a board column) while it shows fewer than there are.
pub fn more_button(parent: &Element, total: usize, shown: usize, action: &str) {
    if total > shown {
        let left = say(&Forms {
            one: Key("dashShowMore_one"),
            other: Key("dashShowMore_other"),
        }
        .count(total - shown));
        append_button(parent, "more", &left, action, "");
    }
}

fn followup_row(row: &FollowUpRow, open: Option<&Open>) -> Element {
    let class = if row.overdue { "row late" } else { "row" };
    let item = el("li", class, "");
    item.set_attribute("data-id", &row.id).ok();
    let top = el("div", "row-top", "");
    let said = say(&row.text);
    let text = el("span", "what", &said);
    text.set_attribute("title", &said).ok();
    text.set_attribute("dir", "auto").ok();
    top.append_with_node_1(&text).ok();
    top.append_with_node_1(&el("span", "rule", &say(&row.rule.phrase())))
        .ok();
    item.append_with_node_1(&top).ok();
    if !row.about.is_empty() {
        item.append_with_node_1(&el("p", "about", &row.about)).ok();
    }
    let mut status = vec![status_name(row.status), say(&row.when)];
    if let Some(outcome) = row.outcome {
        status.push(outcome_name(outcome));
    }
    let foot = el("div", "foot", "");
    foot.append_with_node_1(&el("p", "when", &status.join(" · ")))
        .ok();
    let buttons = el("div", "actions", "");
    if row.pending {
        followup::buttons(&buttons, &row.id, row.touch, open);
        actions(&buttons, &said, &row.id, "followup");
    } else {
        let delete = tr("dashDeleteOf", &[&said]);
        append_named_button(
            &buttons,
            &t("dashDelete"),
            &delete,
            "delete-followup",
            &row.id,
        );
    }
    foot.append_with_node_1(&buttons).ok();
    item.append_with_node_1(&foot).ok();
    if let (true, Some(open)) = (row.pending, open) {
        item.append_with_node_1(&followup::panel(&row.id, &open.panel))
            .ok();
    }
    item
}

/// A contact's row, in the contacts list and in a timeline's people.
pub fn contact_row(row: &ContactRow) -> Element {
    let item = el("li", "row", "");
    item.set_attribute("data-id", &row.id).ok();
    let top = el("div", "row-top", "");
    top.append_with_node_1(&el("span", "what", &row.name)).ok();
    if let Some(url) = &row.profile_url {
        let link = open_link("", &t("dashOpenProfile"), url);
        link.set_attribute("aria-label", &tr("dashProfileOf", &[&row.name]))
            .ok();
        top.append_with_node_1(&link).ok();
    }
    item.append_with_node_1(&top).ok();
    let about = [
        row.headline.as_deref(),
        row.company.as_deref(),
        row.phone.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    if !about.is_empty() {
        item.append_with_node_1(&el("p", "about", &about)).ok();
    }
    for role in &row.roles {
        item.append_with_node_1(&el("p", "when", &say(role))).ok();
    }
    item
}
