//! Capture on a page snapshot written by someone else (see `follow_through::hostile::extract_snapshot`
//! for the input format).
//! The body is a library function so `cargo test` runs it too, over the seed corpus and mutated
//! seeds, for a bounded time (tests/it/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| follow_through::hostile::extract_snapshot(data));
