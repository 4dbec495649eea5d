//! File formats the user takes data out and back in with: backups, spreadsheets and calendars.
//! (LinkedIn's `Connections.csv` is read by `capture::connections`, below the store that merges it.)

pub mod backup;
pub mod download;
pub mod export;
pub mod ics;
