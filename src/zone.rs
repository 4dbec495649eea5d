//! The user's time zone as data: its IANA name and the offsets from UTC it has had and will have,
//! so the shipped Wasm carries no time-zone database (every zone's history was 70% of its data).
//! The browser knows every zone; the web layer reads the user's from it once (`Zone::scan`) and
//! the core only looks offsets up. Natively the core takes `chrono_tz::Tz`, so the tests, the
//! fuzz targets and the playbook runner can name any zone; the tests below hold `Zone` to
//! `chrono_tz` for every zone there is.

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use std::fmt;

/// The zone the core computes in: `chrono_tz`'s natively, the browser's in the extension.
#[cfg(not(target_arch = "wasm32"))]
pub use chrono_tz::Tz;
/// The zone the core computes in: `chrono_tz`'s natively, the browser's in the extension.
#[cfg(target_arch = "wasm32")]
pub type Tz = Zone;

/// The UTC seconds a zone is read over: 2000-01-01 to 2060-01-01, around every date a job
/// search's records hold. Before it the first offset holds, after it the last.
pub const SCANNED: (i64, i64) = (946_684_800, 2_840_140_800);

/// Read five days apart: the shortest any zone has held an offset since 2000 is 6.96 days
/// (Boa Vista's summer time of 2000, Gaza's pauses for Ramadan; a test checks every zone), so
/// no two changes fall between two samples.
const STEP: i64 = 5 * 86_400;

/// A time zone: its IANA name and each offset with the UTC second it starts at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
    /// (first UTC second, seconds east of UTC), ascending; never empty.
    offsets: &'static [(i64, i32)],
}

impl Zone {
    pub const UTC: Zone = Zone {
        name: "UTC",
        offsets: &[(i64::MIN, 0)],
    };

    /// The zone named `name`, read over `SCANNED` from `offsets_at`, which gives the offset
    /// (seconds east) at each of many UTC seconds at once: sampled five days apart, then each
    /// change found to the second by halving, every change at once, so the browser is asked
    /// about 25 times. A short answer reads as UTC for the seconds it leaves out. The zone lives
    /// as long as the program, which reads its user's zone once (twice if they move).
    pub fn scan(name: &str, mut offsets_at: impl FnMut(&[i64]) -> Vec<i32>) -> Zone {
        let mut ask = |seconds: &[i64]| {
            let mut east = offsets_at(seconds);
            east.resize(seconds.len(), 0);
            east
        };
        let (from, to) = SCANNED;
        let samples: Vec<i64> = (from..to).step_by(STEP as usize).chain([to]).collect();
        let east = ask(&samples);
        let mut changes = Vec::new();
        let mut open = Vec::new();
        for (pair, offsets) in samples.windows(2).zip(east.windows(2)) {
            Stretch::new((pair[0], offsets[0]), (pair[1], offsets[1]))
                .settle(&mut changes, &mut open);
        }
        while !open.is_empty() {
            let middles: Vec<i64> = open.iter().map(Stretch::middle).collect();
            let east = ask(&middles);
            for (mut stretch, (middle, east)) in std::mem::take(&mut open)
                .into_iter()
                .zip(middles.into_iter().zip(east))
            {
                if east == stretch.same.1 {
                    stretch.same = (middle, east);
                } else {
                    stretch.changed = (middle, east);
                }
                stretch.settle(&mut changes, &mut open);
            }
        }
        changes.sort_unstable();
        let mut offsets = vec![(from, east.first().copied().unwrap_or(0))];
        for change in changes {
            if offsets.last().is_some_and(|last| last.1 != change.1) {
                offsets.push(change);
            }
        }
        Zone {
            name: Box::leak(name.into()),
            offsets: Box::leak(offsets.into_boxed_slice()),
        }
    }

    /// The IANA name, as the browser gave it.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Seconds east of UTC at the UTC second `at`.
    fn seconds_east(&self, at: i64) -> i32 {
        let after = self.offsets.partition_point(|(from, _)| *from <= at);
        self.offsets[after.saturating_sub(1)].1
    }

    fn offset(&self, seconds_east: i32) -> Option<ZoneOffset> {
        FixedOffset::east_opt(seconds_east).map(|fixed| ZoneOffset { zone: *self, fixed })
    }
}

/// Seconds between two samples of a scan whose offsets differ, narrowed to the change.
struct Stretch {
    /// The last second known to have the offset before, with it.
    same: (i64, i32),
    /// The first second known to have another, with it.
    changed: (i64, i32),
    /// The later sample, with its offset: a second change may lie between `changed` and it.
    end: (i64, i32),
}

impl Stretch {
    fn new(start: (i64, i32), end: (i64, i32)) -> Stretch {
        Stretch {
            same: start,
            changed: end,
            end,
        }
    }

    fn middle(&self) -> i64 {
        self.same.0 + (self.changed.0 - self.same.0) / 2
    }

    /// Still open, a change found (and what is left of the stretch after it), or no change.
    fn settle(self, changes: &mut Vec<(i64, i32)>, open: &mut Vec<Stretch>) {
        if self.same.1 == self.changed.1 {
            return;
        }
        if self.changed.0 - self.same.0 > 1 {
            open.push(self);
            return;
        }
        changes.push(self.changed);
        Stretch::new(self.changed, self.end).settle(changes, open);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A zone's offset at one moment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.fixed, f)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// Each offset in force within a day of the wall time fits if the moment it makes has that
    /// offset: none in a gap, two in an overlap (the earlier moment, the larger offset, first).
    /// The core asks this for every follow-up it schedules, so it allocates nothing.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        let starts_by = |second: i64| self.offsets.partition_point(|(from, _)| *from <= second);
        let near =
            &self.offsets[starts_by(wall - 86_400).saturating_sub(1)..starts_by(wall + 86_400)];
        let fits = near
            .iter()
            .map(|(_, east)| *east)
            .filter(|east| self.seconds_east(wall - i64::from(*east)) == *east);
        let (larger, smaller) = fits.fold(
            (None, None),
            |(larger, smaller): (Option<i32>, Option<i32>), east| {
                (
                    larger.max(Some(east)),
                    Some(smaller.map_or(east, |s| s.min(east))),
                )
            },
        );
        match (
            larger.and_then(|e| self.offset(e)),
            smaller.and_then(|e| self.offset(e)),
        ) {
            (Some(earlier), Some(later)) if earlier != later => {
                LocalResult::Ambiguous(earlier, later)
            }
            (Some(only), _) => LocalResult::Single(only),
            _ => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let east = self.seconds_east(utc.and_utc().timestamp());
        self.offset(east).unwrap_or(ZoneOffset {
            zone: *self,
            fixed: chrono::Utc.fix(),
        })
    }
}

/// A `chrono_tz` zone as the core takes it: itself natively, read into a `Zone` in Wasm (where
/// only the binding tests and the fuzz bodies built with them name zones).
#[cfg(any(not(target_arch = "wasm32"), feature = "hostile"))]
pub fn of(tz: chrono_tz::Tz) -> Tz {
    #[cfg(not(target_arch = "wasm32"))]
    return tz;
    #[cfg(target_arch = "wasm32")]
    return Zone::from(tz);
}

/// A `chrono_tz` zone as data.
#[cfg(any(not(target_arch = "wasm32"), feature = "hostile"))]
impl From<chrono_tz::Tz> for Zone {
    fn from(tz: chrono_tz::Tz) -> Zone {
        Zone::scan(tz.name(), |seconds| {
            seconds
                .iter()
                .map(|at| {
                    let at = chrono::DateTime::from_timestamp(*at, 0).unwrap_or_default();
                    tz.offset_from_utc_datetime(&at.naive_utc())
                        .fix()
                        .local_minus_utc()
                })
                .collect()
        })
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};

    fn at(second: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(second, 0).expect("a second chrono can hold")
    }

    #[test]
    fn every_zone_read_five_days_apart_keeps_every_offset_change_to_the_second() {
        for tz in chrono_tz::TZ_VARIANTS {
            let zone = Zone::from(tz);
            let (from, to) = SCANNED;
            let agrees = |second: i64| {
                assert_eq!(
                    at(second).with_timezone(&zone).offset().fix(),
                    at(second).with_timezone(&tz).offset().fix(),
                    "{tz:?} at {}",
                    at(second)
                );
            };
            let mut second = from;
            while second < to {
                agrees(second);
                second += 3 * 86_400 - 1_111;
            }
            for (change, _) in &zone.offsets[1..] {
                agrees(change - 1);
                agrees(*change);
            }
        }
    }

    #[test]
    fn a_wall_time_in_a_gap_or_an_overlap_reads_as_chrono_tz_reads_it() {
        for tz in chrono_tz::TZ_VARIANTS {
            let zone = Zone::from(tz);
            for (change, _) in &zone.offsets[1..] {
                let wall = at(*change).naive_utc();
                for minutes in (-150..=150).step_by(15) {
                    let local = wall + Duration::minutes(minutes);
                    let want = tz
                        .from_local_datetime(&local)
                        .map(|t| t.with_timezone(&Utc));
                    let got = zone
                        .from_local_datetime(&local)
                        .map(|t| t.with_timezone(&Utc));
                    assert_eq!(got, want, "{tz:?} at {local}");
                }
            }
        }
    }

    #[test]
    fn outside_the_years_read_the_nearest_offset_holds() {
        let zone = Zone::from(chrono_tz::America::New_York);
        assert_eq!(zone.seconds_east(i64::MIN), -5 * 3600);
        assert_eq!(zone.seconds_east(SCANNED.1 + 200 * 86_400), -5 * 3600);
        assert_eq!(zone.name(), "America/New_York");
        assert_eq!(
            at(0)
                .with_timezone(&Zone::UTC)
                .offset()
                .fix()
                .local_minus_utc(),
            0
        );
    }
}
