//! Acting on a follow-up where it is listed, the same in the popup's checklist and the
//! dashboard's follow-up list: Draft, Snooze and Done, the choices or the ready message they open
//! below it, and the commands their buttons ask for.

use super::dom::{append_button, el, input_field, unwire, value_of, wire};
use super::i18n::{say, t, tr, Browser};
use super::request;
use crate::drafts::Written;
use crate::messages::{Reply, Request};
use crate::model::Id;
use crate::phrase::{Forms, Key};
use crate::store::{done_choices, Command, SnoozeFor};
use gloo::utils::document;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

/// The follow-up whose choices (done, snooze) or draft are open below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub id: Id,
    pub panel: Panel,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Panel {
    /// How did the touch go: no answer yet, answered, or just done.
    Done,
    /// For how long, or until which day.
    Snooze,
    /// The ready message, to edit and copy or send.
    Draft(Written),
}

/// What a click on a follow-up's button asks for.
pub enum Act {
    /// Change the follow-up.
    Command(Command),
    /// Ask the worker for the follow-up's draft.
    Draft(Id),
    /// Open or close the choices under a follow-up.
    Toggle(Option<Open>),
    /// Copy the draft's message.
    Copy,
    /// Say why the choice can't be sent.
    Refused(String),
}

/// What a click on `button` asks of a follow-up, if it is one of theirs; `open` is the panel
/// open now, which the same button closes.
pub fn act(button: &Element, open: Option<&Open>) -> Option<Act> {
    let data = |name: &str| button.get_attribute(&format!("data-{name}"));
    let id = data("id").unwrap_or_default();
    let toggle = |panel: Panel| {
        let chosen = Open {
            id: id.clone(),
            panel,
        };
        Act::Toggle((open != Some(&chosen)).then_some(chosen))
    };
    Some(match data("action")?.as_str() {
        "done" => Act::Command(Command::CompleteFollowUp {
            followup_id: id,
            outcome: data("outcome").and_then(|o| unwire(&o)),
        }),
        "snooze" => Act::Command(Command::Snooze {
            followup_id: id,
            by: unwire(&data("by")?)?,
        }),
        "snooze-until" => match unwire(&value_of("snooze-date")) {
            Some(day) => Act::Command(Command::Snooze {
                followup_id: id,
                by: SnoozeFor::Until(day),
            }),
            None => Act::Refused(t("snoozeNoDay")),
        },
        "choose-done" => toggle(Panel::Done),
        "choose-snooze" => toggle(Panel::Snooze),
        "draft" => match open {
            Some(Open {
                id: shown,
                panel: Panel::Draft(_),
            }) if *shown == id => Act::Toggle(None),
            _ => Act::Draft(id),
        },
        "close" => Act::Toggle(None),
        "copy" => Act::Copy,
        _ => return None,
    })
}

/// The follow-up's draft as a panel to open, or the worker's other answer (a refusal).
pub async fn draft(id: Id) -> Result<Open, Reply> {
    let followup_id = id.clone();
    match request(&Request::Draft { followup_id }).await {
        Reply::Draft { draft } => Ok(Open {
            id,
            panel: Panel::Draft(draft.write(&Browser)),
        }),
        other => Err(other),
    }
}

/// Done, Draft and Snooze for a pending follow-up, Done first and filled: it is what a row is
/// for. `touch`: done asks how it went.
pub fn buttons(parent: &Element, id: &str, touch: bool, open: Option<&Open>) {
    let expanded = |panel: fn(&Panel) -> bool| open.is_some_and(|o| panel(&o.panel));
    if touch {
        menu_button(
            parent,
            "primary",
            &t("popupDone"),
            "choose-done",
            id,
            expanded(|p| *p == Panel::Done),
        );
    } else {
        append_button(parent, "primary", &t("popupDone"), "done", id);
    }
    menu_button(
        parent,
        "",
        &t("popupDraft"),
        "draft",
        id,
        expanded(|p| matches!(p, Panel::Draft(_))),
    );
    menu_button(
        parent,
        "",
        &t("popupSnooze"),
        "choose-snooze",
        id,
        expanded(|p| *p == Panel::Snooze),
    );
}

/// A button that opens a panel, saying whether it is open.
fn menu_button(parent: &Element, class: &str, label: &str, action: &str, id: &str, expanded: bool) {
    append_button(parent, class, label, action, id);
    if let Some(button) = parent.last_element_child() {
        button
            .set_attribute("aria-expanded", if expanded { "true" } else { "false" })
            .ok();
    }
}

/// The choices or the draft shown under a follow-up.
pub fn panel(id: &str, panel: &Panel) -> Element {
    let view = el("div", "panel", "");
    let choices = |question: &str, buttons: &[(String, &str, &str, String)]| {
        view.append_with_node_1(&el("p", "question", question)).ok();
        let row = el("div", "actions", "");
        for (label, action, key, value) in buttons {
            let button = el("button", "", label);
            button.set_attribute("type", "button").ok();
            button.set_attribute("data-action", action).ok();
            button.set_attribute("data-id", id).ok();
            button.set_attribute(&format!("data-{key}"), value).ok();
            row.append_with_node_1(&button).ok();
        }
        view.append_with_node_1(&row).ok();
    };
    match panel {
        Panel::Done => {
            let answers: Vec<(String, &str, &str, String)> = done_choices()
                .into_iter()
                .map(|(outcome, said)| {
                    let value = outcome.map(|o| wire(&o)).unwrap_or_default();
                    (say(&said), "done", "outcome", value)
                })
                .collect();
            choices(&t("popupHowDidItGo"), &answers);
        }
        Panel::Snooze => {
            let presets: Vec<(String, &str, &str, String)> = SnoozeFor::presets()
                .into_iter()
                .map(|(by, said)| (say(&said), "snooze", "by", wire(&by)))
                .collect();
            choices(&t("popupSnoozeFor"), &presets);
            let until = el("div", "actions until", "");
            let day = input_field("snooze-date", &t("snoozeUntil"), |input| {
                input.set_type("date");
            });
            until.append_with_node_1(&day).ok();
            append_button(&until, "", &t("snoozeUntilGo"), "snooze-until", id);
            view.append_with_node_1(&until).ok();
        }
        Panel::Draft(draft) => draft_view(&view, draft),
    }
    view
}

fn draft_view(view: &Element, draft: &Written) {
    view.append_with_node_1(&el("p", "question", &draft.kind))
        .ok();
    if let Some(to) = &draft.to {
        view.append_with_node_1(&el("p", "about", &tr("popupDraftTo", &[to])))
            .ok();
    }
    if !draft.subject.is_empty() {
        view.append_with_node_1(&el("p", "subject", &draft.subject))
            .ok();
    }
    let label = match draft.max_chars {
        Some(max) => say(&Forms {
            one: Key("popupMessageLength_one"),
            other: Key("popupMessageLength_other"),
        }
        .of(max, [draft.body.chars().count().into()])),
        None => t("popupMessage"),
    };
    let field = el("label", "field", &label);
    if let Ok(body) = document()
        .create_element("textarea")
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().map_err(JsValue::from))
    {
        body.set_id("draft-body");
        body.set_rows(8);
        body.set_value(&draft.body);
        if let Some(max) = draft.max_chars {
            body.set_max_length(max as i32);
        }
        field.append_with_node_1(&body).ok();
    }
    view.append_with_node_1(&field).ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "primary", &t("popupCopy"), "copy", "");
    if let Some(mailto) = draft.mailto.as_deref().filter(|m| m.starts_with("mailto:")) {
        let email = el("a", "button", &t("popupWriteEmail"));
        email.set_attribute("href", mailto).ok();
        actions.append_with_node_1(&email).ok();
    }
    append_button(&actions, "", &t("popupClose"), "close", "");
    view.append_with_node_1(&actions).ok();
}

/// Copies the draft's message as the user left it, and says so on the button.
pub fn copy_draft(button: &Element) {
    let text = value_of("draft-body");
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(&text);
    let button = button.clone();
    spawn_local(async move {
        let label = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => t("popupCopied"),
            Err(_) => t("popupCopyFailed"),
        };
        button.set_text_content(Some(&label));
    });
}

/// Keyboard users land on the first choice of a panel that just opened.
pub fn focus_first_choice(root: &Element) {
    if let Some(first) = root
        .query_selector(".panel button, .panel textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        first.focus().ok();
    }
}
