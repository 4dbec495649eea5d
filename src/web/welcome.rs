//! The welcome page: its words in the user's language, and the name that signs the ready
//! messages, asked once and saved through the worker.

use super::dom::{by_id, input_by_id, value_of};
use super::i18n::{localize, say, tr};
use super::request;
use crate::messages::{Reply, Request};
use crate::store::Command;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::utils::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;

/// Entry point of `welcome.html`. The page's `<main>` is `aria-busy` until the name stored is
/// filled in.
#[wasm_bindgen]
pub async fn welcome_main() -> Result<(), JsValue> {
    localize(&document());
    let form = by_id("name-form").ok_or_else(|| JsValue::from_str("welcome.html has no form"))?;
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(&form, "submit", options, |event| {
        event.prevent_default();
        let name = value_of("your-name");
        spawn_local(async move {
            let command = Command::SetYourName { name };
            let said = match request(&Request::Command { command }).await {
                Reply::Error { message } => say(&message),
                _ => tr("welcomeNameSaved", &[value_of("your-name").trim()]),
            };
            if let Some(status) = by_id("name-status") {
                status.set_text_content(Some(&said));
            }
        });
    })
    .forget();
    if let (Reply::Settings { settings, .. }, Some(field)) =
        (request(&Request::Settings).await, input_by_id("your-name"))
    {
        if field.value().is_empty() {
            field.set_value(&settings.your_name);
        }
    }
    if let Some(main) = document().query_selector("main[aria-busy]").ok().flatten() {
        main.remove_attribute("aria-busy").ok();
    }
    Ok(())
}
