//! The follow-up playbook of `PLAYBOOK.md`: the rule table (`rules`), promises read from plain
//! words (`promise`), the ready messages (`drafts`), what a follow-up says when shown
//! (`wording`) and the scenario format that tests it all (`scenario`). Pure: events, settings,
//! `now` and a zone in; follow-ups out.

pub mod drafts;
pub mod promise;
pub mod rules;
pub mod scenario;
pub mod wording;
