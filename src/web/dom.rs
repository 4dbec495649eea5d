//! Building pages out of DOM nodes with text content only: nothing from a page or from storage
//! is ever parsed as HTML.

use gloo::events::EventListener;
use gloo::utils::document;
use wasm_bindgen::JsCast;
use web_sys::Element;

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
    let button = el("button", class, label);
    button.set_attribute("type", "button").ok();
    button.set_attribute("data-action", action).ok();
    if !id.is_empty() {
        button.set_attribute("data-id", id).ok();
    }
    parent.append_with_node_1(&button).ok();
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
