//! The browser layer (wasm32 only): converts between JS values and the core's types, calls the
//! extension APIs and draws the pages. It decides nothing; the core does.
//!
//! The worker's side and the pages' are built apart (features `worker` and `pages`, one Wasm
//! each, `wasm/`); the helpers they share are then half unused in each, and checked for dead
//! code in the build with both (the default, which the tests and lints use).
#![cfg_attr(not(all(feature = "worker", feature = "pages")), allow(dead_code))]

#[cfg(feature = "pages")]
mod dashboard;
#[cfg(feature = "pages")]
mod dom;
mod ext;
#[cfg(feature = "pages")]
mod followup;
mod i18n;
#[cfg(feature = "pages")]
mod logform;
#[cfg(feature = "pages")]
mod person;
#[cfg(feature = "pages")]
mod popup;
#[cfg(feature = "pages")]
mod settings;
#[cfg(feature = "pages")]
mod welcome;
#[cfg(feature = "worker")]
mod worker;

use crate::messages::{Reply, Request};
use crate::phrase::Key;
use crate::zone::Zone;
use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};

/// Rust → JS as plain JSON-compatible objects (maps become objects, not ES `Map`s), so values
/// survive `chrome.storage` and messaging unchanged.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// JS → Rust, with the reason when the value has the wrong shape. Through JSON text:
/// `serde_wasm_bindgen`, walking the value field by field would also make a JS `Error`, stack and all, for
/// every alternative an untagged type (a `Phrase`) tries and drops.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let text = if value.is_undefined() {
        "null".to_string()
    } else {
        let text = js_sys::JSON::stringify(&value).map_err(|e| describe(&e))?;
        text.as_string().unwrap_or_else(|| "null".to_string())
    };
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Sends a request to the worker and waits for its reply; a failure is an error reply.
pub async fn request(request: &Request) -> Reply {
    reply_of(ext::runtime_send_message(&to_js(request)).await)
}

/// The worker's answer to a message as a reply; a failure is an error reply.
pub fn reply_of(answer: Result<JsValue, JsValue>) -> Reply {
    match answer {
        Ok(value) => from_js(value).unwrap_or_else(|e| Reply::Error {
            message: Key("unexpectedAnswer").with([e.into()]),
        }),
        Err(e) => Reply::Error {
            message: describe(&e).into(),
        },
    }
}

/// Calls `redraw` whenever the worker says the data changed from elsewhere (`Reply::Changed`:
/// what another computer synced), for as long as the page is open. The worker's requests from
/// other pages pass by unread (only their `type` is looked at) and unanswered.
pub fn on_changed(redraw: impl Fn() + 'static) {
    let changed = to_js(&Reply::Changed);
    let kind = JsValue::from_str("type");
    let tag = js_sys::Reflect::get(&changed, &kind).unwrap_or(JsValue::NULL);
    let listener = Closure::<dyn Fn(JsValue)>::new(move |message: JsValue| {
        if js_sys::Reflect::get(&message, &kind).is_ok_and(|t| t == tag) {
            redraw();
        }
    });
    ext::runtime_on_message(listener.as_ref().unchecked_ref());
    listener.forget();
}

/// The browser's time zone, which is the user's, as the core takes it: read from the browser's
/// clock (`Date` computes in the zone `Intl` names) once per zone name, in a few ms. `Intl`
/// would take ten times as long; `Date` agrees with it in every zone to 2040, and past it in
/// all but Gaza and Hebron, where V8's cache of offsets reads a few days of 2040 and 2054 an
/// hour off.
pub fn zone() -> Zone {
    thread_local! {
        static READ: RefCell<Option<Zone>> = const { RefCell::new(None) };
    }
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let Some(name) = js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
    else {
        return Zone::UTC;
    };
    READ.with_borrow_mut(|read| match read {
        Some(zone) if zone.name() == name => *zone,
        _ => *read.insert(Zone::scan(&name, |seconds| {
            let seconds: Vec<f64> = seconds.iter().map(|s| *s as f64).collect();
            offsets_at(&seconds)
                .into_iter()
                .map(|east| east as i32)
                .collect()
        })),
    })
}

#[wasm_bindgen(inline_js = "
export function offsets_at(seconds) {
  return seconds.map((s) => -60 * new Date(s * 1000).getTimezoneOffset());
}")]
extern "C" {
    /// The browser's offset (seconds east of UTC) at each UTC second, in one call.
    fn offsets_at(seconds: &[f64]) -> Vec<f64>;
}

/// A JS error as text for the user.
pub fn describe(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| i18n::t("unknownError"))
}

#[cfg(test)]
mod tests;
