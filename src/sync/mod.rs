//! The user's own data on every computer they use, through the browser's sync area and no
//! server of ours: each computer keeps a replica of one document and merges what the others
//! wrote into it the same way, so that computers that changed things while apart agree once
//! they have heard from each other, whatever the order the changes arrive in.
//!
//! - `stamp`: when a change was made, as an order every computer agrees on (a hybrid clock:
//!   the wall clock where computers agree, a counter where they do not).
//! - `doc`: the replicated document, records of named fields, each field the value of its
//!   latest change, a deleted record a tombstone that stays; merging is taking the latest of
//!   each field, so it can be repeated and reordered freely.
//! - `ids`: a record's id as every computer knows it: ids handed out on this computer stay as
//!   they are here and carry the computer's name elsewhere.
//! - `records`: what a change on this computer writes into the document (the user's own data:
//!   applications without descriptions, events, follow-ups, contacts worked with, settings);
//!   `apply`: what a merge brings into this computer's store.
//! - `pack`: the document in the browser's small sync area, each computer's latest changes in
//!   items of its own, compressed, the most useful first when it does not all fit.
//! - `local`: sync on this computer (on or off, its clock) and what a round of sync writes,
//!   both ways, which the worker carries out (`session`); `said`: how it stands, in the
//!   user's words.

mod apply;
pub mod doc;
pub mod ids;
pub mod local;
pub mod pack;
mod records;
pub mod said;
pub mod stamp;

pub use apply::apply;
pub use doc::{Doc, Item};
pub use ids::Replica;
pub use records::{changes_of, is_synced, write, write_all};
pub use stamp::{Clock, Stamp};
