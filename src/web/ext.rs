//! The one module that touches the extension APIs. Chrome and Firefox both expose `chrome.*`
//! with promises in Manifest V3; every call here is awaited and its failure returned.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = get)]
    pub async fn local_get(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = set)]
    pub async fn local_set(items: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = getKeys)]
    async fn local_get_keys() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    pub async fn local_remove(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = get)]
    pub async fn sync_get(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = set)]
    pub async fn sync_set(items: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = remove)]
    pub async fn sync_remove(keys: &JsValue) -> Result<JsValue, JsValue>;
    /// Fills `bytes` with random ones (the Web Crypto API, in the worker and the pages alike).
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    pub fn get_random_values(bytes: &mut [u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = setBadgeText)]
    pub async fn set_badge_text(details: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = setTitle)]
    pub async fn set_title(details: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = setBadgeBackgroundColor)]
    pub async fn set_badge_background_color(details: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = create)]
    pub async fn alarms_create(name: &str, info: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = get)]
    pub async fn alarms_get(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = clear)]
    pub async fn alarms_clear(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = get)]
    pub async fn tabs_get(tab_id: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = query)]
    pub async fn tabs_query(query: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = create)]
    async fn tabs_create(properties: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = sendMessage)]
    pub async fn tabs_send_message(tab_id: i32, message: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "scripting"], js_name = executeScript)]
    pub async fn execute_script(injection: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = openPopup)]
    async fn open_popup() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "contextMenus"], js_name = removeAll)]
    pub async fn context_menus_remove_all() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "contextMenus"], js_name = create)]
    pub fn context_menus_create(properties: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "notifications"], js_name = create)]
    async fn notifications_create(id: &str, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "notifications"], js_name = clear)]
    pub async fn notifications_clear(id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn i18n_get_message(name: &str, substitutions: &JsValue) -> Result<JsValue, JsValue>;
    /// The extension's own origin for `path` "": `chrome-extension://<id>/`.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    pub fn runtime_get_url(path: &str) -> String;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    pub async fn runtime_send_message(message: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = addListener)]
    pub fn storage_on_changed(listener: &js_sys::Function);
    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener)]
    pub fn runtime_on_message(listener: &js_sys::Function);
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = contains)]
    async fn permissions_contains(permissions: &JsValue) -> Result<JsValue, JsValue>;
    /// Not `async`: it must be called synchronously inside the click that asks for it.
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(permissions: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = remove)]
    async fn permissions_remove(permissions: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "scripting"], js_name = getRegisteredContentScripts)]
    async fn registered_content_scripts(filter: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "scripting"], js_name = registerContentScripts)]
    async fn register_content_scripts(scripts: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "scripting"], js_name = unregisterContentScripts)]
    async fn unregister_content_scripts(filter: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> Result<JsValue, JsValue>;
}

/// Every stored key (`getKeys`: Chrome 130, Firefox 143); `None` where the browser lacks it.
pub async fn local_keys() -> Option<Vec<String>> {
    keys_of(local_get_keys().await)
}

/// The keys `getKeys` answered; `None` where it failed or the browser lacks it.
pub fn keys_of(answer: Result<JsValue, JsValue>) -> Option<Vec<String>> {
    answer
        .ok()?
        .dyn_into::<js_sys::Array>()
        .ok()
        .map(|keys| keys.iter().filter_map(|k| k.as_string()).collect())
}

/// The optional host permission behind "Detect postings on every site".
const EVERY_SITE: &str = "<all_urls>";
/// The id of the content script registered on every site while that permission is granted.
const EVERY_SITE_SCRIPT: &str = "every-site";

fn every_site() -> JsValue {
    super::to_js(&serde_json::json!({ "origins": [EVERY_SITE] }))
}

/// Whether the user granted "Detect postings on every site".
pub async fn every_site_granted() -> bool {
    permissions_contains(&every_site())
        .await
        .is_ok_and(|granted| granted.as_bool() == Some(true))
}

/// Asks for (or gives back) "Detect postings on every site"; resolves to `true` when it is
/// granted after. The browser's prompt is requested right away, before this returns: call it
/// straight from the click (browsers refuse the request outside a user gesture).
pub fn set_every_site(on: bool) -> impl std::future::Future<Output = bool> {
    let asked = on.then(|| permissions_request(&every_site()));
    async move {
        match asked {
            Some(Ok(asked)) => wasm_bindgen_futures::JsFuture::from(asked)
                .await
                .is_ok_and(|granted| granted.as_bool() == Some(true)),
            Some(Err(_)) => false,
            None => {
                let _ = permissions_remove(&every_site()).await;
                every_site_granted().await
            }
        }
    }
}

/// Registers the page reader on every site while the permission is granted, and unregisters it
/// when it is taken back (on the settings page or in the browser's own extension settings).
pub async fn sync_every_site_script() -> Result<(), JsValue> {
    let filter = super::to_js(&serde_json::json!({ "ids": [EVERY_SITE_SCRIPT] }));
    let registered = registered_content_scripts(&filter)
        .await?
        .dyn_into::<js_sys::Array>()
        .is_ok_and(|scripts| scripts.length() > 0);
    match (every_site_granted().await, registered) {
        (true, false) => {
            let script = serde_json::json!([{
                "id": EVERY_SITE_SCRIPT, "matches": [EVERY_SITE], "js": ["content.js"],
                "runAt": "document_idle"
            }]);
            register_content_scripts(&super::to_js(&script)).await?;
        }
        (false, true) => {
            unregister_content_scripts(&filter).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Resolves after `ms` milliseconds (the worker's `setTimeout`).
pub async fn sleep(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if set_timeout(&resolve, ms).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Shows a notification. Firefox has no notification buttons and refuses options that name
/// them: there it is shown without (clicking it still opens the checklist).
pub async fn notify(id: &str, options: &JsValue) -> Result<(), JsValue> {
    if notifications_create(id, options).await.is_ok() {
        return Ok(());
    }
    js_sys::Reflect::delete_property(
        options.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str("buttons"),
    )?;
    notifications_create(id, options).await.map(|_| ())
}

/// Shows the checklist: the toolbar popup where the browser allows opening it, else the same
/// page in a tab.
pub async fn open_checklist() -> Result<(), JsValue> {
    if open_popup().await.is_ok() {
        return Ok(());
    }
    open_tab("popup.html").await
}

/// Opens a page (of the extension or of the web) in a new tab.
pub async fn open_tab(url: &str) -> Result<(), JsValue> {
    tabs_create(&super::to_js(&serde_json::json!({ "url": url })))
        .await
        .map(|_| ())
}

thread_local! {
    /// Each message as the browser first gave it, its substitutions marked (`MARK`): a call to
    /// `getMessage` crosses into the browser, and a popup says hundreds of phrases.
    static MESSAGES: RefCell<HashMap<String, Option<String>>> = RefCell::default();
}

/// Marks the place of substitution `n` (`MARK` then the digit) in a message kept in `MESSAGES`.
const MARK: char = '\u{E000}';

/// A message in the browser's language from `_locales`; `None` outside an extension or for a
/// name the browser does not know.
pub fn message(name: &str, substitutions: &[&str]) -> Option<String> {
    let template = MESSAGES.with_borrow_mut(|known| {
        known
            .entry(name.to_string())
            .or_insert_with(|| {
                let marks: js_sys::Array = (1..=9)
                    .map(|n| JsValue::from_str(&format!("{MARK}{n}")))
                    .collect();
                i18n_get_message(name, &marks)
                    .ok()
                    .and_then(|m| m.as_string())
                    .filter(|m| !m.is_empty())
            })
            .clone()
    })?;
    Some(filled(&template, substitutions))
}

/// A kept message with its marks replaced by `substitutions`, as the browser fills them (one
/// it was not given is empty).
pub(super) fn filled(template: &str, substitutions: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c != MARK {
            out.push(c);
            continue;
        }
        let n = chars.next().and_then(|d| d.to_digit(10)).unwrap_or(0) as usize;
        if let Some(index) = n.checked_sub(1) {
            out.push_str(substitutions.get(index).copied().unwrap_or_default());
        }
    }
    out
}

/// Bytes in Windows-1252, decoded by the browser, which holds every legacy encoding so that
/// the Wasm does not; a browser without the decoder keeps the text with U+FFFD.
pub fn windows_1252(bytes: &[u8]) -> String {
    web_sys::TextDecoder::new_with_label("windows-1252")
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}
