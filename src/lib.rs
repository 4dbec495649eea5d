//! Follow Through's core: the job seeker's follow-ups as pure, testable Rust, with a thin
//! browser layer (`web`, wasm32 only) that converts and delegates.
//!
//! The modules are layers, read bottom up; a module imports only from the layers below its own
//! (`tests/it/layers.rs` keeps it so):
//!
//! text → zone, tagged → i18n → phrase → model → capture → schedule → playbook → store → sync →
//! wording → drafts, formats → checklist, notice, person, scenario, logged → dashboard →
//! refusal → messages → session → web, hostile
//!
//! - `text`: white space, links, e-mail addresses, months and dates; `zone`: the user's time
//!   zone as data; `tagged`: internally tagged messages read without serde's buffer; `i18n`,
//!   `phrase`: words for the user before they are in a language.
//! - `model`: what the user's data is made of; `capture` makes jobs and people of pages and
//!   files; `schedule` is working days and hours in the user's zone; `playbook` the rules.
//! - `store`: the records, the commands that change them and the queries that read them.
//! - `sync`: the user's own data on their other computers, through the browser's sync area: one
//!   replicated document that every computer merges the same way.
//! - Above it, what reads the store: a follow-up in words (`wording`), its ready message
//!   (`drafts`), files out and in (`formats`), the views (`checklist`, `notice`, `person`,
//!   `dashboard`), the playbook's test format (`scenario`), what the user logs and what it
//!   planned (`logged`), refusals in words (`refusal`).
//! - `messages`: the one request and reply vocabulary; `session`: the worker's way with
//!   storage (what a request reads first, writing what changed), over any storage; `web`
//!   (wasm32) and `hostile` (the fuzz targets' bodies, for tests and fuzzing only) sit on top.

pub mod capture;
pub mod checklist;
pub mod dashboard;
pub mod drafts;
pub mod formats;
#[cfg(feature = "hostile")]
pub mod hostile;
pub mod i18n;
pub mod logged;
pub mod messages;
pub mod model;
pub mod notice;
pub mod person;
pub mod phrase;
pub mod playbook;
pub mod refusal;
#[cfg(not(target_arch = "wasm32"))]
pub mod scenario;
pub mod schedule;
pub mod session;
pub mod store;
pub mod sync;
pub mod tagged;
pub mod text;
pub mod wording;
pub mod zone;

#[cfg(target_arch = "wasm32")]
mod web;
