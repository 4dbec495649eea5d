//! Importing a backup file the user picked: `plan_import` must never panic, and whatever it
//! accepts must export and import again to the same state.
#![no_main]

use chrono::{TimeZone, Utc};
use follow_through::formats::backup::{export, plan_import, Mode};
use follow_through::store::State;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let current = State::default();
    let _ = plan_import(&current, text, Mode::Merge);
    if let Ok(plan) = plan_import(&current, text, Mode::Replace) {
        let now = Utc.with_ymd_and_hms(2026, 3, 6, 9, 0, 0).unwrap();
        let again = plan_import(&current, &export(&plan.state, now), Mode::Replace)
            .expect("an accepted backup exports to one that is accepted");
        assert_eq!(again.state, plan.state, "an accepted backup round-trips");
    }
});
