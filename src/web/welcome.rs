//! The welcome page: its words in the user's language, the name that signs the ready
//! messages, asked once and saved through the worker, and on a browser whose sync holds the
//! user's job search from another computer, the offer to restore it here.

use super::dom::{by_id, input_by_id, toggle_hidden, value_of};
use super::i18n::{localize, say, t, tr};
use super::{ext, request};
use crate::messages::{Reply, Request};
use crate::store::Command;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::utils::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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
    fill_name().await;
    offer_restore().await;
    let arrived = Closure::<dyn Fn(JsValue, String)>::new(|_, area: String| {
        if area == "sync" {
            spawn_local(offer_restore());
        }
    });
    ext::storage_on_changed(arrived.as_ref().unchecked_ref());
    arrived.forget();
    if let Some(main) = document().query_selector("main[aria-busy]").ok().flatten() {
        main.remove_attribute("aria-busy").ok();
    }
    Ok(())
}

/// The name stored, in the field if it is still empty.
async fn fill_name() {
    if let (Reply::Settings { settings, .. }, Some(field)) =
        (request(&Request::Settings).await, input_by_id("your-name"))
    {
        if field.value().is_empty() {
            field.set_value(&settings.your_name);
        }
    }
}

/// Shows the offer to restore when the browser's sync holds what other computers wrote and
/// sync is off here (a new install on a browser signed in to its sync); asked again whenever
/// the sync area changes, since the browser's sync may bring the copy in after the install.
async fn offer_restore() {
    let Reply::Sync { sync } = request(&Request::Sync).await else {
        return;
    };
    let (Some(section), Some(button)) = (by_id("restore"), by_id("restore-button")) else {
        return;
    };
    if sync.on || sync.computers == 0 || !section.has_attribute("hidden") {
        return;
    }
    toggle_hidden(&section, false);
    EventListener::new(&button, "click", |_| spawn_local(restore())).forget();
}

/// Turns sync on here, which brings in what the other computers wrote, and says it is done.
async fn restore() {
    let button = by_id("restore-button");
    let said = |text: &str| {
        if let Some(status) = by_id("restore-status") {
            status.set_text_content(Some(text));
        }
    };
    if let Some(button) = &button {
        button.set_attribute("disabled", "").ok();
    }
    said(&t("welcomeRestoring"));
    match request(&Request::SetSync {
        on: true,
        erase: false,
    })
    .await
    {
        Reply::Sync { .. } => {
            said(&t("welcomeRestored"));
            if let Some(button) = &button {
                toggle_hidden(button, true);
            }
            if let Some(done) = by_id("restore-done") {
                toggle_hidden(&done, false);
                if let Some(link) = done
                    .query_selector("a")
                    .ok()
                    .flatten()
                    .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    link.focus().ok();
                }
            }
            fill_name().await;
        }
        reply => {
            if let Reply::Error { message } = reply {
                said(&say(&message));
            }
            if let Some(button) = &button {
                button.remove_attribute("disabled").ok();
            }
        }
    }
}
