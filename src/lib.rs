//! Follow Through's core: the job seeker's follow-ups as pure, testable Rust, with a thin
//! browser layer (`web`, wasm32 only) that converts and delegates.

pub mod capture;
pub mod checklist;
pub mod dashboard;
pub mod formats;
pub mod hostile;
pub mod i18n;
pub mod messages;
pub mod model;
pub mod notice;
pub mod person;
pub mod phrase;
pub mod playbook;
pub mod refusal;
pub mod schedule;
pub mod store;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;
