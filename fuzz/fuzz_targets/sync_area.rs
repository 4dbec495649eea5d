//! The browser's sync area as another computer left it (see `follow_through::hostile::sync_area`).
//! The body is a library function so `cargo test` runs it too, over the seed corpus and mutated
//! seeds, for a bounded time (tests/it/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| follow_through::hostile::sync_area(data));
