//! The pipeline at a glance: the summary's counts and the board, one column per lane with its
//! cards, each card a button to its timeline and a menu to move it on.

use super::archive::closed_toggle;
use super::lists::more_button;
use super::names::stage_name;
use crate::dashboard::{Card, Column, Lane, Summary};
use crate::phrase::{Forms, Key};
use crate::web::dom::{el, fill_options, wire};
use crate::web::i18n::{say, t, tr};
use gloo::utils::document;
use web_sys::Element;

/// The summary's tiles: active, applied, interviewing, open and overdue.
pub fn summary(area: &Element, s: &Summary) {
    area.set_text_content(None);
    for tile in s.tiles() {
        let view = el("div", if tile.late { "stat late" } else { "stat" }, "");
        view.append_with_node_1(&el("span", "value", &say(&tile.count.into())))
            .ok();
        view.append_with_node_1(&el("span", "label", &say(&tile.label)))
            .ok();
        area.append_with_node_1(&view).ok();
    }
}

/// The board's columns, in place of those drawn before.
pub fn columns(board: &Element, columns: &[Column]) {
    board.set_text_content(None);
    for column in columns {
        board.append_with_node_1(&column_view(column)).ok();
    }
}

fn column_view(column: &Column) -> Element {
    let view = el("section", "lane", "");
    view.set_attribute("data-lane", &wire(&column.lane)).ok();
    let head = el("h3", "", "");
    head.append_with_node_1(&el("span", "", &say(&column.lane.phrase())))
        .ok();
    head.append_with_node_1(&el("span", "badge", &say(&column.total.into())))
        .ok();
    view.append_with_node_1(&head).ok();
    if column.total == 0 {
        view.append_with_node_1(&el("p", "empty", &t("dashEmptyLane")))
            .ok();
    }
    let list = el("ul", "cards", "");
    for card in &column.cards {
        list.append_with_node_1(&card_view(card)).ok();
    }
    view.append_with_node_1(&list).ok();
    if !column.archived {
        more_button(&view, column.total, column.cards.len(), "more-board");
    }
    if column.lane == Lane::Closed {
        closed_toggle(&view, column);
    }
    view
}

fn age(days: i64) -> String {
    match days {
        0 => t("dashAgeToday"),
        1 => t("dashAgeOneDay"),
        n => say(&Forms {
            one: Key("dashAgeDays_one"),
            other: Key("dashAgeDays_other"),
        }
        .count(n.unsigned_abs() as usize)),
    }
}

fn card_view(card: &Card) -> Element {
    let item = el("li", "job", "");
    item.set_attribute("data-id", &card.id).ok();
    let title = el("button", "job-open", &card.title);
    title.set_attribute("type", "button").ok();
    title.set_attribute("data-action", "open-timeline").ok();
    title.set_attribute("data-id", &card.id).ok();
    title.set_attribute("title", &card.title).ok();
    title.set_attribute("dir", "auto").ok();
    item.append_with_node_1(&title).ok();
    if let Some(company) = &card.company {
        let where_ = el("p", "company", company);
        where_.set_attribute("title", company).ok();
        where_.set_attribute("dir", "auto").ok();
        item.append_with_node_1(&where_).ok();
    }
    let meta = el("p", "meta", &age(card.age_days));
    if card.stage.is_closed() {
        meta.set_text_content(Some(&format!(
            "{} · {}",
            stage_name(card.stage),
            age(card.age_days)
        )));
    }
    item.append_with_node_1(&meta).ok();
    if let Some(next) = &card.next {
        let line = el("p", if next.overdue { "next late" } else { "next" }, "");
        let what = say(&next.text);
        line.append_with_node_1(&el("span", "when", &say(&next.when)))
            .ok();
        line.append_with_node_1(&el("span", "what", &what)).ok();
        line.set_attribute("title", &what).ok();
        item.append_with_node_1(&line).ok();
    }
    if !card.moves.is_empty() {
        if let Ok(select) = document().create_element("select") {
            select.set_class_name("move");
            select.set_attribute("data-action", "move").ok();
            select.set_attribute("data-id", &card.id).ok();
            select
                .set_attribute("aria-label", &tr("dashMoveLabel", &[&card.title]))
                .ok();
            let options: Vec<(String, String)> = std::iter::once((String::new(), t("dashMoveTo")))
                .chain(card.moves.iter().map(|s| (wire(s), stage_name(*s))))
                .collect();
            fill_options(&select, &options);
            item.append_with_node_1(&select).ok();
        }
    }
    item
}
