//! The one native integration-test binary: behaviour pinned over real corpus pages and
//! scenarios, module by module.
#![allow(clippy::unwrap_used)]

mod capture;
mod capture_score;
mod dashboard;
mod formats_backup;
mod formats_export;
mod formats_ics;
mod hostile;
mod i18n;
mod import;
mod migrate;
mod people_score;
mod people_store;
mod playbook_scenarios;
mod playbook_store;
mod store;
