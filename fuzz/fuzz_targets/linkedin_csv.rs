//! LinkedIn's `Connections.csv` as the user hands it over, re-saved by any spreadsheet in any
//! encoding: `read_connections` must never panic, and neither must the date reader it uses.
#![no_main]

use follow_through::formats::linkedin::{date, read_connections};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_connections(data);
    let _ = date(&String::from_utf8_lossy(data));
});
