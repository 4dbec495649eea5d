//! The service worker's side: hands each event to the core's `Session` over
//! `chrome.storage.local`, one at a time, and keeps the badge, the one "next due" alarm, the
//! context menu and the notifications in step with the data.

use super::i18n::{say, t, Browser};
use super::{describe, ext, from_js, to_js, zone};
use crate::capture::{self, Snapshot};
use crate::checklist::{badge_text, badge_title};
use crate::messages::{unread_for_page, PageView, Reply, Request, Sender};
use crate::notice::{self, Action, Notice};
use crate::phrase::Key;
use crate::session::{persist, Answer, Session, Storage};
use crate::store::{badge_on_wake, contact_record_keys, Command};
use crate::sync::local::DOC_KEY;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The alarm armed at the earliest due time.
const DUE_ALARM: &str = "due";
/// A periodic alarm that refreshes the badge even if the due alarm was dropped.
const SAFETY_ALARM: &str = "safety";
const SAFETY_MINUTES: f64 = 30.0;
/// The name of the "Track this application" command and context-menu entry.
const TRACK_COMMAND: &str = "track-page";

thread_local! {
    /// The state as read on this wake; storage stays the source of truth. Made once per wake
    /// and never dropped, so that every task of the worker may hold it across its awaits.
    static SESSION: &'static Session = Box::leak(Box::default());
    /// The end of the queue of work on the state (see `turn`).
    static QUEUE_TAIL: RefCell<js_sys::Promise> =
        RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED));
    /// Changes made since the worker woke, counted to tell when a burst of them has ended
    /// (`send_soon`).
    static SENDS: Cell<u32> = const { Cell::new(0) };
}

/// How long after the last change of a burst it goes to the sync area.
const SEND_AFTER_MS: i32 = 2000;

/// One turn at the state. Messages are served concurrently by the browser, and persisting
/// awaits storage: without turns a second command could be applied while the first one's write
/// is pending, and a failed write would be rolled back over it. Each turn waits for the one
/// before, so commands are applied, written and answered one at a time, in arrival order.
struct Turn(Option<js_sys::Function>);

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(release) = &self.0 {
            let _ = release.call0(&JsValue::UNDEFINED);
        }
    }
}

fn session() -> &'static Session {
    SESSION.with(|session| *session)
}

/// `chrome.storage.local`, as the session reads and writes it.
struct Local;

impl Storage for Local {
    async fn get(&self, keys: &[String]) -> Result<BTreeMap<String, Value>, String> {
        let records = ext::local_get(&to_js(&keys))
            .await
            .map_err(|e| describe(&e))?;
        records_of(records).map_err(|e| describe(&e))
    }

    async fn get_all(&self) -> Result<BTreeMap<String, Value>, String> {
        let records = ext::local_get(&JsValue::NULL)
            .await
            .map_err(|e| describe(&e))?;
        records_of(records).map_err(|e| describe(&e))
    }

    async fn keys(&self) -> Option<Vec<String>> {
        ext::local_keys().await
    }

    /// Records through JSON text, as in `records_of`: one native parse beats building 30,000
    /// objects field by field across the Wasm boundary. Records that are text (contacts,
    /// packed) are handed over as they are, not escaped into that JSON and parsed back.
    async fn set(&self, records: &BTreeMap<String, Value>) -> Result<(), String> {
        let (texts, others): (BTreeMap<&String, &Value>, BTreeMap<&String, &Value>) =
            records.iter().partition(|(_, value)| value.is_string());
        let json = serde_json::to_string(&others).map_err(|e| e.to_string())?;
        let items = js_sys::JSON::parse(&json).map_err(|e| describe(&e))?;
        for (key, text) in texts.iter().filter_map(|(k, v)| Some((k, v.as_str()?))) {
            js_sys::Reflect::set(&items, &JsValue::from_str(key), &JsValue::from_str(text))
                .map_err(|e| describe(&e))?;
        }
        ext::local_set(&items)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    async fn remove(&self, keys: &[String]) -> Result<(), String> {
        ext::local_remove(&to_js(&keys))
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    async fn pause(&self, ms: u32) {
        ext::sleep(i32::try_from(ms).unwrap_or(i32::MAX)).await;
    }

    fn warn(&self, message: &str) {
        gloo::console::warn!(message);
    }
}

/// The browser's sync area (`chrome.storage.sync`), where this computer writes its items and
/// reads every computer's, when the user turned sync on.
struct SyncArea;

impl Storage for SyncArea {
    async fn get(&self, keys: &[String]) -> Result<BTreeMap<String, Value>, String> {
        let items = ext::sync_get(&to_js(&keys))
            .await
            .map_err(|e| describe(&e))?;
        from_js(items)
    }

    async fn get_all(&self) -> Result<BTreeMap<String, Value>, String> {
        let items = ext::sync_get(&JsValue::NULL)
            .await
            .map_err(|e| describe(&e))?;
        from_js(items)
    }

    async fn keys(&self) -> Option<Vec<String>> {
        None
    }

    async fn set(&self, items: &BTreeMap<String, Value>) -> Result<(), String> {
        ext::sync_set(&to_js(items))
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    async fn remove(&self, keys: &[String]) -> Result<(), String> {
        ext::sync_remove(&to_js(&keys))
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    async fn pause(&self, ms: u32) {
        Local.pause(ms).await;
    }

    fn warn(&self, message: &str) {
        Local.warn(message);
    }
}

/// Bytes to name this computer in the sync area the first time sync is turned on here.
fn random_bytes() -> [u8; 8] {
    let mut bytes = [0; 8];
    if ext::get_random_values(&mut bytes).is_err() {
        bytes = (js_sys::Math::random() * 2f64.powi(53))
            .to_bits()
            .to_le_bytes();
    }
    bytes
}

async fn turn() -> Turn {
    let mut release = None;
    let done = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
    let before = QUEUE_TAIL.replace(done);
    let _ = wasm_bindgen_futures::JsFuture::from(before).await;
    Turn(release)
}

/// Sets the badge from the due index and loads the state from storage. Runs once per wake,
/// before any listener is served; the rest of waking up (`settle`) waits until the messages
/// that woke the worker are answered: a sleeping worker opened by the popup answers it first.
/// `small`: the records the badge is set from (`store::BADGE_KEYS`), then `keys`: every stored
/// key (`getKeys`), asked for in that order by `worker.js` while this Wasm compiled.
#[wasm_bindgen]
pub async fn boot(small: js_sys::Promise, keys: js_sys::Promise) -> Result<(), JsValue> {
    let small = records_of(wasm_bindgen_futures::JsFuture::from(small).await?)?;
    badge_from_index(&small, Utc::now()).await;
    let keys = ext::keys_of(wasm_bindgen_futures::JsFuture::from(keys).await);
    session()
        .wake(&Local, keys, &small)
        .await
        .map_err(|e| JsValue::from_str(&e))?;
    wasm_bindgen_futures::spawn_local(settle());
    Ok(())
}

/// The rest of a wake, once the messages waiting for `boot` have taken their turns (they are
/// queued in the same task as `boot` ends; this waits for the next one): the safety alarm, the
/// badge's colour, the context menu, the badge and due alarm from the loaded state, and
/// reading pages on every site where allowed.
async fn settle() {
    ext::sleep(0).await;
    if let Err(e) = set_up().await {
        gloo::console::warn!(describe(&e));
    }
    {
        let _turn = turn().await;
        refresh(Utc::now()).await;
        send().await;
    }
    on_permissions().await;
}

/// The alarm, badge colour and context menu every wake makes sure of.
async fn set_up() -> Result<(), JsValue> {
    if ext::alarms_get(SAFETY_ALARM).await?.is_undefined() {
        ext::alarms_create(
            SAFETY_ALARM,
            &to_js(&json!({ "periodInMinutes": SAFETY_MINUTES })),
        )
        .await?;
    }
    ext::set_badge_background_color(&to_js(&json!({ "color": "#c2410c" }))).await?;
    ext::context_menus_remove_all().await?;
    ext::context_menus_create(&to_js(&json!({
        "id": TRACK_COMMAND, "title": t("trackThisApplication"), "contexts": ["page"]
    })))
    .map(|_| ())
}

/// A permission was granted or taken back: read pages on every site only while allowed.
#[wasm_bindgen]
pub async fn on_permissions() {
    if let Err(e) = ext::sync_every_site_script().await {
        gloo::console::warn!(describe(&e));
    }
}

/// The fields of `runtime.MessageSender` that say who is asking (the same in Firefox).
#[derive(Deserialize)]
struct MessageSender {
    url: Option<String>,
    tab: Option<Tab>,
}

#[derive(Deserialize)]
struct Tab {
    id: Option<i32>,
}

/// Who sent a message; anything unreadable is a page.
fn sender_of(sender: JsValue) -> Sender {
    let sender = from_js::<MessageSender>(sender).ok();
    let url = sender.as_ref().and_then(|s| s.url.as_deref());
    let tab = sender.as_ref().and_then(|s| s.tab.as_ref()?.id);
    Sender::new(url, tab, &ext::runtime_get_url(""))
}

/// Answers one message from a content script or a page, as its sender may ask. A refusal goes
/// out in words (the browser's language, as a page would say it): the content script shows it
/// as it is.
#[wasm_bindgen]
pub async fn on_message(message: JsValue, sender: JsValue) -> JsValue {
    let sender = sender_of(sender);
    let reply = match from_js::<Request>(message) {
        Ok(request) => dispatch(request, &sender).await,
        Err(e) => Reply::Error {
            message: Key("unreadableRequest").with([e.into()]),
        },
    };
    match reply {
        Reply::Error { message } => to_js(&Reply::Error {
            message: say(&message).into(),
        }),
        reply => to_js(&reply),
    }
}

/// The keyboard shortcut or the context-menu entry "Track this application" on a tab: track the
/// posting there and say so; where no posting is found, open the popup to track it by hand.
#[wasm_bindgen]
pub async fn on_command(command: String, tab_id: Option<i32>) {
    if command != TRACK_COMMAND {
        return;
    }
    let Some(tab_id) = tab_id else {
        return;
    };
    let notice = match track_tab(tab_id).await {
        Some(Reply::Updated {
            opportunity: Some(opportunity),
            ..
        }) => notice::tracked(&opportunity),
        Some(Reply::Error { message }) => notice::not_tracked(message),
        Some(_) => return,
        None => {
            if let Err(e) = ext::open_checklist().await {
                gloo::console::warn!(describe(&e));
            }
            return;
        }
    };
    show(&notice).await;
}

/// Reads the page in a tab and tracks the posting found there; `None` where none is found.
async fn track_tab(tab_id: i32) -> Option<Reply> {
    let unread = Request::TrackThisTab.unread(&session().state(), Utc::now(), zone());
    if let Err(e) = session().read(&Local, unread).await {
        return Some(Reply::Error { message: e.into() });
    }
    let job = read_tab(tab_id).await.job?;
    let track = Request::Command {
        command: Command::Track { job },
    };
    Some(Box::pin(dispatch(track, &Sender::Extension)).await)
}

/// A click on one of our notifications, or on one of its buttons (`button`: 0, 1, ...).
#[wasm_bindgen]
pub async fn on_notification(id: String, button: Option<u32>) {
    let result = match notice::action(&id, button) {
        Action::Command(command) => {
            match dispatch(Request::Command { command }, &Sender::Extension).await {
                Reply::Error { message } => Err(JsValue::from_str(&message.english())),
                _ => Ok(()),
            }
        }
        Action::OpenChecklist => ext::open_checklist().await,
    };
    for result in [result, ext::notifications_clear(&id).await.map(|_| ())] {
        if let Err(e) = result {
            gloo::console::warn!(describe(&e));
        }
    }
}

async fn show(notice: &Notice) {
    if let Err(e) = ext::notify(&notice.id, &to_js(&notice.options(&Browser))).await {
        gloo::console::warn!(describe(&e));
    }
}

/// First install: show the welcome page (what it does, that nothing leaves the browser, how to
/// track a first posting).
#[wasm_bindgen]
pub async fn on_installed(reason: String) {
    if reason == "install" {
        if let Err(e) = ext::open_tab("welcome.html").await {
            gloo::console::warn!(describe(&e));
        }
    }
}

/// An alarm fired: something may have fallen due. With sync on, a write to the sync area that
/// failed is tried again, and what the other computers wrote meanwhile is read.
#[wasm_bindgen]
pub async fn on_alarm() {
    let _turn = turn().await;
    refresh(Utc::now()).await;
    if let Err(e) = session().resend(&Local, &SyncArea).await {
        gloo::console::warn!(e);
    }
    receive().await;
}

/// With sync on, what changed here goes to the sync area once the changes stop coming for
/// `SEND_AFTER_MS`: a burst of changes is one write (the browser limits writes per minute). A
/// worker stopped meanwhile sends them on its next wake (they are noted as pending in storage
/// with each change).
async fn send_soon() {
    let burst = SENDS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    ext::sleep(SEND_AFTER_MS).await;
    if SENDS.with(Cell::get) == burst {
        let _turn = turn().await;
        send().await;
    }
}

async fn send() {
    if let Err(e) = session().send(&Local, &SyncArea, Utc::now()).await {
        gloo::console::warn!(e);
    }
}

/// The browser's sync area changed (another computer's items arrived, or this one's were
/// written): what is new comes into the store.
#[wasm_bindgen]
pub async fn on_sync_changed() {
    let _turn = turn().await;
    receive().await;
}

/// What the other computers wrote comes into the store; the badge and the open pages follow.
async fn receive() {
    match session().receive(&Local, &SyncArea, Utc::now()).await {
        Ok(true) => {
            refresh(Utc::now()).await;
            let _ = ext::runtime_send_message(&to_js(&Reply::Changed)).await;
        }
        Ok(false) => {}
        Err(e) => gloo::console::warn!(e),
    }
}

async fn dispatch(request: Request, sender: &Sender) -> Reply {
    let turn = turn().await;
    let now = Utc::now();
    match session().answer(&Local, request, sender, now, zone()).await {
        Answer::Reply { reply, changes } => {
            if !changes.is_empty() {
                // The change is written: the reply goes now, and the badge, the due alarm and
                // what fell due follow in this turn, before the next request's.
                wasm_bindgen_futures::spawn_local(async move {
                    let _turn = turn;
                    refresh(now).await;
                    if session().sync_pending() {
                        wasm_bindgen_futures::spawn_local(send_soon());
                    }
                });
            }
            reply
        }
        Answer::Sync(ask) => {
            let reply = session()
                .sync(&Local, &SyncArea, ask, now, random_bytes())
                .await;
            refresh(now).await;
            reply
        }
        Answer::ReadTab { tab_id } => {
            drop(turn);
            Reply::Page {
                page: read_tab(tab_id).await,
            }
        }
        Answer::TrackTab { tab_id } => {
            drop(turn);
            track_tab(tab_id).await.unwrap_or(Reply::Error {
                message: Key("trackThisTabNoPosting").phrase(),
            })
        }
    }
}

/// Stored records as `chrome.storage.local.get` returns them, by key. Records that are text
/// (contacts, packed; the synced document) are taken as they are; the rest through JSON text: the browser's
/// stringify and serde_json beat walking tens of thousands of JS objects field by field across
/// the Wasm boundary (about twice as fast at 10k records).
fn records_of(all: JsValue) -> Result<BTreeMap<String, Value>, JsValue> {
    let object: js_sys::Object = all.clone().unchecked_into();
    let mut texts = BTreeMap::new();
    for key in contact_record_keys().chain([DOC_KEY.to_string()]) {
        let name = JsValue::from_str(&key);
        if let Some(text) = js_sys::Reflect::get(&object, &name)?.as_string() {
            js_sys::Reflect::delete_property(&object, &name)?;
            texts.insert(key, Value::String(text));
        }
    }
    let text = String::from(js_sys::JSON::stringify(&all)?);
    let mut records: BTreeMap<String, Value> =
        serde_json::from_str(&text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    records.extend(texts);
    Ok(records)
}

/// Sets the badge from the few small records that say what it shows (`small`), before the
/// full load, which takes seconds for a long search (see `store::badge_on_wake`).
async fn badge_from_index(small: &BTreeMap<String, Value>, now: DateTime<Utc>) {
    if let Some(count) = badge_on_wake(small, now, zone()) {
        for result in show_badge(count).await {
            if let Err(e) = result {
                gloo::console::warn!(describe(&e));
            }
        }
    }
}

/// The badge text and the button's tooltip for this count.
async fn show_badge(count: usize) -> [Result<JsValue, JsValue>; 2] {
    let badge = ext::set_badge_text(&to_js(&json!({ "text": badge_text(count) }))).await;
    let title = say(&badge_title(count));
    let title = ext::set_title(&to_js(&json!({ "title": title }))).await;
    [badge, title]
}

/// Sets the badge to the overdue count, arms the alarm at the next due time and announces what
/// fell due since the last time.
async fn refresh(now: DateTime<Utc>) {
    if let Err(e) = session().read_pending(&Local).await {
        gloo::console::warn!(e);
    }
    let (overdue, next) = {
        let state = session().state();
        (state.badge_count(now, zone()), state.next_due_after(now))
    };
    let [badge, title] = show_badge(overdue).await;
    let alarm = match next {
        Some(due) => {
            let when = due.timestamp_millis() as f64;
            ext::alarms_create(DUE_ALARM, &to_js(&json!({ "when": when }))).await
        }
        None => ext::alarms_clear(DUE_ALARM).await,
    };
    for result in [badge, title, alarm] {
        if let Err(e) = result {
            gloo::console::warn!(describe(&e));
        }
    }
    let (due, changes) = session().state_mut().take_newly_due(now);
    if let Err(e) = persist(&Local, &changes).await {
        gloo::console::warn!(e);
    }
    if let Err(e) = session().read_naming(&Local, &due).await {
        gloo::console::warn!(e);
    }
    let notice = notice::due(&session().state(), &due, zone());
    if let Some(notice) = notice {
        show(&notice).await;
    }
}

/// Reads the page in a tab now: inject the reader, hand it the plan, extract the snapshot.
async fn read_tab(tab_id: i32) -> PageView {
    let tab = ext::tabs_get(tab_id).await.unwrap_or(JsValue::NULL);
    let field = |name: &str| {
        js_sys::Reflect::get(&tab, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let (url, title) = (field("url"), field("title"));
    let snapshot = match capture::plan_for(&url) {
        Some(plan) => read_with(tab_id, &plan).await,
        None => None,
    };
    if let Some(snapshot) = &snapshot {
        let unread = unread_for_page(&session().state(), snapshot);
        if let Err(e) = session().read(&Local, unread).await {
            gloo::console::warn!(e);
        }
    }
    let state = session().state();
    match snapshot {
        Some(snapshot) => PageView::of_snapshot(&state, &snapshot),
        None => PageView::new(&state, &url, &title, None),
    }
}

async fn read_with(tab_id: i32, plan: &capture::ReadPlan) -> Option<Snapshot> {
    let injection = json!({ "target": { "tabId": tab_id }, "files": ["content.js"] });
    if let Err(e) = ext::execute_script(&to_js(&injection)).await {
        gloo::console::warn!(describe(&e));
        return None;
    }
    let ask = json!({ "type": "readPage", "plan": plan });
    match ext::tabs_send_message(tab_id, &to_js(&ask)).await {
        Ok(value) => from_js(value).ok(),
        Err(e) => {
            gloo::console::warn!(describe(&e));
            None
        }
    }
}
