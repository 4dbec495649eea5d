//! The follow-up playbook of `PLAYBOOK.md`: the rule table (`rules`) and promises read from plain
//! words (`promise`). Pure: events, settings, `now` and a zone in; follow-ups out. What a
//! follow-up says when shown (`wording`), the ready messages (`drafts`) and the scenario format
//! that tests it all (`scenario`) read the store, so they sit above it.

pub mod promise;
pub mod rules;
