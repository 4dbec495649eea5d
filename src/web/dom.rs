//! Building pages out of DOM nodes with text content only: nothing from a page or from storage
//! is ever parsed as HTML. The helpers every page shares live here once: elements, buttons and
//! links, labelled fields and reading them back, and values as the serde names the core reads.

use gloo::events::EventListener;
use gloo::utils::document;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// An element with a class and plain text content.
pub fn el(tag: &str, class: &str, text: &str) -> Element {
    let element = document()
        .create_element(tag)
        .expect("tag names here are constant and valid");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    element
}

/// A `<button type="button">` with the `data-action` (and `data-id`) the page's one click
/// listener reads.
pub fn append_button(parent: &Element, class: &str, label: &str, action: &str, id: &str) {
    parent
        .append_with_node_1(&button(class, label, action, id))
        .ok();
}

/// A button as `append_button` makes it, whose accessible name is `name` rather than its text
/// ("Delete Ana Lima" for a button that says "Delete").
pub fn append_named_button(parent: &Element, text: &str, name: &str, action: &str, id: &str) {
    let button = button("", text, action, id);
    button.set_attribute("aria-label", name).ok();
    parent.append_with_node_1(&button).ok();
}

fn button(class: &str, label: &str, action: &str, id: &str) -> Element {
    let button = el("button", class, label);
    button.set_attribute("type", "button").ok();
    button.set_attribute("data-action", action).ok();
    if !id.is_empty() {
        button.set_attribute("data-id", id).ok();
    }
    button
}

/// One click listener for a whole page: `handle` gets the `button[data-action]` clicked, if any.
/// The page lives as long as the listener, so it is never removed.
pub fn on_button_click(root: &Element, handle: impl Fn(Element) + 'static) {
    EventListener::new(root, "click", move |event| {
        if let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button[data-action]").ok().flatten())
        {
            handle(button);
        }
    })
    .forget();
}

/// An element of page text that CSS may cut short (`line-clamp`): the whole text is its tooltip.
pub fn clamped(tag: &str, class: &str, text: &str) -> Element {
    let element = el(tag, class, text);
    element.set_attribute("title", text).ok();
    element
}

/// Under a card's title, where it stands ("Acme · Berlin"): the parts known, joined. Nothing is
/// added when none is known.
pub fn append_where(parent: &Element, parts: &[Option<&str>]) {
    let known: Vec<&str> = parts.iter().flatten().copied().collect();
    if !known.is_empty() {
        parent
            .append_with_node_1(&clamped("p", "job-where", &known.join(" · ")))
            .ok();
    }
}

/// A value as its serde name (`"open"`, `"R3"`, `"applied"`): what the core reads back from a
/// `data-*` attribute or a form field. Empty for a value that is not a plain name.
pub fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The value a serde name stands for, if it names one.
pub fn unwire<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

/// A link that opens a posting or a profile in a new tab, with no opener and no referrer. Only
/// http(s) URLs reach here.
pub fn open_link(class: &str, label: &str, url: &str) -> Element {
    let link = el("a", class, label);
    link.set_attribute("href", url).ok();
    link.set_attribute("target", "_blank").ok();
    link.set_attribute("rel", "noopener noreferrer").ok();
    link
}

/// The element with this id on the page, if there is one.
pub fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// The `<input>` with this id, if there is one.
pub fn input_by_id(id: &str) -> Option<HtmlInputElement> {
    by_id(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
}

/// What the `<input>`, `<textarea>` or `<select>` with this id holds now; empty when there is
/// no such field.
pub fn value_of(id: &str) -> String {
    let Some(field) = by_id(id) else {
        return String::new();
    };
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(text) = field.dyn_ref::<HtmlTextAreaElement>() {
        text.value()
    } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

/// Puts `value` in the `<input>`, `<textarea>` or `<select>` with this id, if there is one.
pub fn set_value_of(id: &str, value: &str) {
    let Some(field) = by_id(id) else {
        return;
    };
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(text) = field.dyn_ref::<HtmlTextAreaElement>() {
        text.set_value(value);
    } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    }
}

/// A labelled `<select>` with `(value, label)` options.
pub fn select_field(id: &str, label: &str, options: &[(String, String)]) -> Element {
    let field = el("label", "field", label);
    let select = el("select", "", "");
    select.set_id(id);
    fill_options(&select, options);
    field.append_with_node_1(&select).ok();
    field
}

/// Puts `(value, label)` options in a `<select>`, in place of those it had.
pub fn fill_options(select: &Element, options: &[(String, String)]) {
    select.set_text_content(None);
    for (value, label) in options {
        let option = el("option", "", label);
        option.set_attribute("value", value).ok();
        select.append_with_node_1(&option).ok();
    }
}

/// Hides or shows an element (the `hidden` attribute).
pub fn toggle_hidden(element: &Element, hidden: bool) {
    if hidden {
        element.set_attribute("hidden", "").ok();
    } else {
        element.remove_attribute("hidden").ok();
    }
}

/// A labelled `<input>` with this id; `setup` gives it its type, value and other attributes.
pub fn input_field(id: &str, label: &str, setup: impl FnOnce(&HtmlInputElement)) -> Element {
    let field = el("label", "field", label);
    if let Ok(input) = document()
        .create_element("input")
        .and_then(|i| i.dyn_into::<HtmlInputElement>().map_err(Into::into))
    {
        input.set_id(id);
        setup(&input);
        field.append_with_node_1(&input).ok();
    }
    field
}

/// A labelled `<textarea>` with this id, holding `value`.
pub fn textarea_field(id: &str, label: &str, rows: u32, value: &str) -> Element {
    let field = el("label", "field", label);
    if let Ok(area) = document()
        .create_element("textarea")
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().map_err(Into::into))
    {
        area.set_id(id);
        area.set_rows(rows);
        area.set_value(value);
        field.append_with_node_1(&area).ok();
    }
    field
}
