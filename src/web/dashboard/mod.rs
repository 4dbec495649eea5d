//! The dashboard page: the pipeline board, a timeline, the follow-ups and contacts lists, the
//! charts and "Your data". The core computes every view (`crate::dashboard`); this draws it with
//! DOM text nodes only and turns clicks and choices into requests.

mod charts;
mod data;
#[cfg(test)]
mod tests;

use super::dom::{
    append_button, by_id, el, fill_options, on_button_click, open_link, select_field, unwire, wire,
};
use super::i18n::{localize, say, t, tr};
use super::request;
use crate::dashboard::lists::{ContactRow, FollowUpRow, Show};
use crate::dashboard::{move_command, Card, Column, Dashboard, Lane, Query, Timeline, PAGE};
use crate::messages::{Reply, Request};
use crate::model::{Outcome, Rule, Stage, Status};
use crate::store::Command;
use charts::charts;
use data::Import;
use gloo::events::EventListener;
use gloo::utils::document;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// What the page shows and asks for.
#[derive(Default)]
pub struct Model {
    pub query: Query,
    pub dashboard: Option<Dashboard>,
    /// The last error, shown at the top.
    pub notice: Option<String>,
    /// A backup being restored: read, planned, waiting for the user's word.
    pub import: Option<Import>,
    /// Said once after a change ("Backup restored.").
    pub status: Option<String>,
}

type Shared = Rc<RefCell<Model>>;

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
    refresh(&model).await;
    if let Ok(hash) = gloo::utils::window().location().hash() {
        if let Some(section) = hash.strip_prefix('#').and_then(by_id) {
            section.scroll_into_view();
        }
    }
    Ok(())
}

/// Asks the worker for the dashboard as the query says and draws it.
pub async fn refresh(model: &Shared) {
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
    let model = model.clone();
    spawn_local(async move {
        if let Reply::Error { message } = request(&Request::Command { command }).await {
            model.borrow_mut().notice = Some(say(&message));
        } else {
            model.borrow_mut().notice = None;
        }
        refresh(&model).await;
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
    let reminder = el("section", "card reminder", "");
    reminder.set_id("reminder");
    reminder.set_attribute("hidden", "").ok();
    append(root, &reminder);
    let summary = el("section", "summary", "");
    summary.set_id("summary");
    summary.set_attribute("aria-label", &t("dashSummary")).ok();
    append(root, &summary);

    let pipeline = section(root, "pipeline", &t("dashPipeline"));
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
        &select_field("fu-show", &t("dashShow"), &show_options()),
    );
    append(
        &filters,
        &select_field("fu-rule", &t("dashRule"), &rule_options()),
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
    let search = el("label", "field", &t("dashSearch"));
    if let Ok(input) = document().create_element("input") {
        input.set_id("contact-search");
        input.set_attribute("type", "search").ok();
        input
            .set_attribute("placeholder", &t("dashSearchHint"))
            .ok();
        input.set_attribute("autocomplete", "off").ok();
        append(&search, &input);
    }
    append(&contacts, &search);
    append(&contacts, &container("contact-list", "list-area"));

    let mine = section(root, "data", &t("dashData"));
    data::shell(&mine);
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

fn show_options() -> Vec<(String, String)> {
    [
        (Show::Open, "dashShowOpen"),
        (Show::Overdue, "dashShowOverdue"),
        (Show::Done, "dashShowDone"),
        (Show::All, "dashShowAll"),
    ]
    .into_iter()
    .map(|(show, key)| (wire(&show), t(key)))
    .collect()
}

fn rule_options() -> Vec<(String, String)> {
    let rules = [
        Rule::R1,
        Rule::R2,
        Rule::R3,
        Rule::R4,
        Rule::R6,
        Rule::R7,
        Rule::R8,
        Rule::R9,
        Rule::R10,
        Rule::R11,
        Rule::R12,
        Rule::R13,
        Rule::R14,
        Rule::R15,
        Rule::R16,
    ];
    std::iter::once((String::new(), t("dashAnyRule")))
        .chain(rules.into_iter().map(|rule| {
            let code = wire(&rule);
            let label = format!("{code} · {}", rule_name(rule));
            (code, label)
        }))
        .collect()
}

fn rule_name(rule: Rule) -> String {
    t(match rule {
        Rule::R1 => "dashRuleR1",
        Rule::R2 => "dashRuleR2",
        Rule::R3 => "dashRuleR3",
        Rule::R4 => "dashRuleR4",
        Rule::R6 => "dashRuleR6",
        Rule::R7 => "dashRuleR7",
        Rule::R8 => "dashRuleR8",
        Rule::R9 => "dashRuleR9",
        Rule::R10 => "dashRuleR10",
        Rule::R11 => "dashRuleR11",
        Rule::R12 => "dashRuleR12",
        Rule::R13 => "dashRuleR13",
        Rule::R14 => "dashRuleR14",
        Rule::R15 => "dashRuleR15",
        Rule::R16 => "dashRuleR16",
    })
}

/// Clicks on buttons, choices in menus and filters, typing in the search box, a file picked.
fn listen(root: &Element, model: &Shared) {
    let on_click = model.clone();
    on_button_click(root, move |button| {
        let data = |name: &str| button.get_attribute(&format!("data-{name}"));
        let id = data("id").unwrap_or_default();
        let model = on_click.clone();
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
            "more-board" => more(&model, |q| &mut q.board_limit),
            "more-followups" => more(&model, |q| &mut q.followups.limit),
            "more-contacts" => more(&model, |q| &mut q.contacts.limit),
            "download" => {
                if let Some(kind) = unwire(&id) {
                    data::download(&model, kind);
                }
            }
            "import-confirm" => data::confirm(&model),
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
            data::on_input_change(&model, input);
        }
    })
    .forget();
    let on_input = model.clone();
    EventListener::new(root, "input", move |event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.id() == "contact-search")
        else {
            return;
        };
        let model = on_input.clone();
        {
            let mut m = model.borrow_mut();
            m.query.contacts.search = input.value();
            m.query.contacts.limit = PAGE;
        }
        spawn_local(async move { refresh(&model).await });
    })
    .forget();
}

/// "Show more": one more page of a list.
fn more(model: &Shared, limit: impl Fn(&mut Query) -> &mut usize) {
    *limit(&mut model.borrow_mut().query) += PAGE;
    let model = model.clone();
    spawn_local(async move { refresh(&model).await });
}

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        element.focus().ok();
        element.scroll_into_view();
    }
}

/// Draws everything but the shell from the model.
pub fn render(model: &Model) {
    if let Some(notice) = by_id("notice") {
        notice.set_text_content(model.notice.as_deref());
        toggle_hidden(&notice, model.notice.is_none());
    }
    data::panel(model);
    let Some(d) = &model.dashboard else {
        return;
    };
    if let Some(reminder) = by_id("reminder") {
        data::reminder(&reminder, d);
    }
    if let Some(summary) = by_id("summary") {
        summary_view(&summary, d);
    }
    if let Some(board) = by_id("board") {
        board.set_text_content(None);
        for column in &d.board {
            board.append_with_node_1(&column_view(column)).ok();
        }
    }
    if let Some(panel) = by_id("timeline") {
        timeline_view(&panel, d.timeline.as_ref());
    }
    if let Some(area) = by_id("charts") {
        charts(&area, &d.charts);
    }
    if let Some(select) = by_id("fu-opportunity") {
        let choices: Vec<(String, String)> =
            std::iter::once((String::new(), t("dashAnyOpportunity")))
                .chain(
                    d.opportunities
                        .iter()
                        .map(|c| (c.id.clone(), c.label.clone())),
                )
                .collect();
        fill_options(&select, &choices);
        if let Some(select) = select.dyn_ref::<HtmlSelectElement>() {
            select.set_value(model.query.followups.opportunity.as_deref().unwrap_or(""));
        }
    }
    if let Some(area) = by_id("followup-list") {
        area.set_text_content(None);
        let list = el("ul", "rows", "");
        for row in &d.followups.items {
            list.append_with_node_1(&followup_row(row)).ok();
        }
        if d.followups.items.is_empty() {
            area.append_with_node_1(&el("p", "empty", &t("dashNoFollowUps")))
                .ok();
        } else {
            show_page(
                &area,
                &list,
                d.followups.items.len(),
                d.followups.total,
                "more-followups",
            );
        }
    }
    if let Some(area) = by_id("contact-list") {
        area.set_text_content(None);
        let list = el("ul", "rows", "");
        for row in &d.contacts.items {
            list.append_with_node_1(&contact_row(row)).ok();
        }
        let search = model.query.contacts.search.trim();
        if d.contacts.items.is_empty() {
            let text = if search.is_empty() {
                t("dashNoContacts")
            } else {
                tr("dashNoMatch", &[search])
            };
            area.append_with_node_1(&el("p", "empty", &text)).ok();
        } else {
            show_page(
                &area,
                &list,
                d.contacts.items.len(),
                d.contacts.total,
                "more-contacts",
            );
        }
    }
}

/// A page of a list under its "Showing N of M" line, with "Show more" while there are more.
fn show_page(area: &Element, list: &Element, shown: usize, total: usize, more: &str) {
    let count = tr("dashShowing", &[&shown.to_string(), &total.to_string()]);
    area.append_with_node_1(&el("p", "count", &count)).ok();
    area.append_with_node_1(list).ok();
    more_button(area, total, shown, more);
}

pub fn toggle_hidden(element: &Element, hidden: bool) {
    if hidden {
        element.set_attribute("hidden", "").ok();
    } else {
        element.remove_attribute("hidden").ok();
    }
}

fn more_button(parent: &Element, total: usize, shown: usize, action: &str) {
    if total > shown {
        let left = (total - shown).to_string();
        append_button(parent, "more", &tr("dashShowMore", &[&left]), action, "");
    }
}

fn summary_view(summary: &Element, d: &Dashboard) {
    summary.set_text_content(None);
    let s = &d.summary;
    for (value, key, class) in [
        (s.active, "dashStatActive", ""),
        (s.applied, "dashStatApplied", ""),
        (s.interviewing, "dashStatInterviewing", ""),
        (s.open, "dashStatOpen", ""),
        (
            s.overdue,
            "dashStatOverdue",
            if s.overdue > 0 { "late" } else { "" },
        ),
    ] {
        let tile = el("div", &format!("stat {class}"), "");
        tile.append_with_node_1(&el("span", "value", &value.to_string()))
            .ok();
        tile.append_with_node_1(&el("span", "label", &t(key))).ok();
        summary.append_with_node_1(&tile).ok();
    }
}

fn lane_name(lane: Lane) -> String {
    t(match lane {
        Lane::Saved => "dashLaneSaved",
        Lane::Applied => "dashLaneApplied",
        Lane::Interviewing => "dashLaneInterviewing",
        Lane::Offer => "dashLaneOffer",
        Lane::Closed => "dashLaneClosed",
    })
}

pub fn stage_name(stage: Stage) -> String {
    t(match stage {
        Stage::Saved => "dashStageSaved",
        Stage::Applied => "dashStageApplied",
        Stage::Interviewing => "dashStageInterviewing",
        Stage::Offer => "dashStageOffer",
        Stage::Accepted => "dashStageAccepted",
        Stage::Rejected => "dashStageRejected",
        Stage::Withdrawn => "dashStageWithdrawn",
    })
}

fn column_view(column: &Column) -> Element {
    let view = el("section", "lane", "");
    view.set_attribute("data-lane", &wire(&column.lane)).ok();
    let head = el("h3", "", "");
    head.append_with_node_1(&el("span", "", &lane_name(column.lane)))
        .ok();
    head.append_with_node_1(&el("span", "badge", &column.total.to_string()))
        .ok();
    view.append_with_node_1(&head).ok();
    if column.cards.is_empty() {
        view.append_with_node_1(&el("p", "empty", &t("dashEmptyLane")))
            .ok();
    }
    let list = el("ul", "cards", "");
    for card in &column.cards {
        list.append_with_node_1(&card_view(card)).ok();
    }
    view.append_with_node_1(&list).ok();
    more_button(&view, column.total, column.cards.len(), "more-board");
    view
}

fn age(days: i64) -> String {
    match days {
        0 => t("dashAgeToday"),
        1 => t("dashAgeOneDay"),
        n => tr("dashAgeDays", &[&n.to_string()]),
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
    if matches!(
        card.stage,
        Stage::Accepted | Stage::Rejected | Stage::Withdrawn
    ) {
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

fn status_name(status: Status) -> String {
    t(match status {
        Status::Open => "dashStatusOpen",
        Status::Done => "dashStatusDone",
        Status::Snoozed => "dashStatusSnoozed",
        Status::Cancelled => "dashStatusCancelled",
        Status::MovedOn => "dashStatusMovedOn",
    })
}

fn outcome_name(outcome: Outcome) -> String {
    t(match outcome {
        Outcome::NoAnswer => "dashOutcomeNoAnswer",
        Outcome::Answered => "dashOutcomeAnswered",
    })
}

fn timeline_view(panel: &Element, timeline: Option<&Timeline>) {
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
    append_button(&head, "", &t("dashClose"), "close-timeline", "");
    panel.append_with_node_1(&head).ok();
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
    let list = el("ol", "entries", "");
    for entry in &tl.entries {
        let class = match entry.status {
            None => "entry event".to_string(),
            Some(status) => format!("entry followup {}", wire(&status)),
        };
        let item = el("li", &class, "");
        item.append_with_node_1(&el("span", "when", &say(&entry.when)))
            .ok();
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
            tags.push(tr("dashSnoozedTimes", &[&entry.snoozes.to_string()]));
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

fn followup_row(row: &FollowUpRow) -> Element {
    let class = if row.overdue { "row late" } else { "row" };
    let item = el("li", class, "");
    item.set_attribute("data-id", &row.id).ok();
    let top = el("div", "row-top", "");
    let said = say(&row.text);
    let text = el("span", "what", &said);
    text.set_attribute("title", &said).ok();
    text.set_attribute("dir", "auto").ok();
    top.append_with_node_1(&text).ok();
    top.append_with_node_1(&el("span", "rule", &wire(&row.rule)))
        .ok();
    item.append_with_node_1(&top).ok();
    if !row.about.is_empty() {
        item.append_with_node_1(&el("p", "about", &row.about)).ok();
    }
    let mut status = vec![status_name(row.status), say(&row.when)];
    if let Some(outcome) = row.outcome {
        status.push(outcome_name(outcome));
    }
    item.append_with_node_1(&el("p", "when", &status.join(" · ")))
        .ok();
    item
}

fn contact_row(row: &ContactRow) -> Element {
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
    let about = [row.headline.as_deref(), row.company.as_deref()]
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
