//! The one module that touches the extension APIs. Chrome and Firefox both expose `chrome.*`
//! with promises in Manifest V3; every call here is awaited and its failure returned.

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
    pub async fn tabs_create(properties: &JsValue) -> Result<JsValue, JsValue>;
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
    #[wasm_bindgen(catch, js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    pub async fn runtime_send_message(message: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> Result<JsValue, JsValue>;
}

/// Every stored key (`getKeys`: Chrome 130, Firefox 143); `None` where the browser lacks it.
pub async fn local_keys() -> Option<Vec<String>> {
    let keys = local_get_keys().await.ok()?;
    keys.dyn_into::<js_sys::Array>()
        .ok()
        .map(|keys| keys.iter().filter_map(|k| k.as_string()).collect())
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
    tabs_create(&super::to_js(&serde_json::json!({ "url": "popup.html" })))
        .await
        .map(|_| ())
}

/// A message in the browser's language from `_locales`; `None` outside an extension or for a
/// name the browser does not know.
pub fn message(name: &str, substitutions: &[&str]) -> Option<String> {
    let list: js_sys::Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
    i18n_get_message(name, &list)
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
}
