//! Promise phrases in any zone at any time (see `follow_through::hostile::promise`).
//! The body is a library function so `cargo test` runs it too, over the seed corpus and mutated
//! seeds, for a bounded time (tests/it/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| follow_through::hostile::promise(data));
