//! File formats the user takes data in and out with: backups, spreadsheets, calendars and imports.

pub mod backup;
pub mod download;
pub mod export;
pub mod ics;
pub mod linkedin;
