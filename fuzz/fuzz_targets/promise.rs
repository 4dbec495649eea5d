//! Promise phrases typed by the user (or pasted from an email): `promise::parse` must never
//! panic, in any zone, at any time, in either day/month order.
//!
//! The first 6 bytes choose the moment (4 bytes of seconds from 2000), the zone and the date
//! order; the rest is the text.
#![no_main]

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};
use follow_through::model::{DateOrder, Settings};
use follow_through::playbook::promise::parse;
use follow_through::schedule::Calendar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, text)) = data.split_first_chunk::<6>() else {
        return;
    };
    let seconds = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    let at = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(seconds.into());
    let tz: Tz = TZ_VARIANTS[usize::from(head[4]) % TZ_VARIANTS.len()];
    let settings = Settings {
        date_order: if head[5] % 2 == 0 {
            DateOrder::MonthDay
        } else {
            DateOrder::DayMonth
        },
        work_days: if head[5] & 2 == 0 {
            Settings::default().work_days
        } else {
            Vec::new()
        },
        ..Settings::default()
    };
    let _ = parse(
        &String::from_utf8_lossy(text),
        at,
        &Calendar {
            tz,
            settings: &settings,
        },
    );
});
