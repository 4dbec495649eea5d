//! When a change was made, as an order every computer agrees on. The wall clock alone will
//! not do: computers' clocks disagree, and a change made on a computer whose clock is behind
//! would lose to an older one. A stamp is a hybrid of the two: milliseconds since 1970 that
//! never go back and always pass every stamp seen so far (from this computer or another), and
//! the computer's name to break a tie, so two stamps are never equal unless one computer made
//! both in one change.

use super::Replica;
use chrono::{DateTime, Utc};
use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A change's place in the order: later time first, then the computer's name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// Milliseconds since 1970, pushed forward past every stamp seen.
    pub time: u64,
    pub replica: Replica,
}

impl fmt::Display for Stamp {
    /// `<time in base 36>.<replica>`: short, since the sync area counts every byte.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = Vec::new();
        let mut rest = self.time;
        loop {
            digits.push(char::from_digit((rest % 36) as u32, 36).unwrap_or('0'));
            rest /= 36;
            if rest == 0 {
                break;
            }
        }
        digits.reverse();
        let time: String = digits.into_iter().collect();
        write!(f, "{time}.{}", self.replica)
    }
}

impl Stamp {
    /// Reads a stamp as `Display` writes it; `None` for anything else.
    pub fn parse(text: &str) -> Option<Stamp> {
        let (time, replica) = text.split_once('.')?;
        Some(Stamp {
            time: u64::from_str_radix(time, 36).ok()?,
            replica: Replica::parse(replica)?,
        })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let text = String::deserialize(d)?;
        Stamp::parse(&text).ok_or_else(|| D::Error::custom(format!("{text:?} is not a stamp")))
    }
}

/// A computer's clock for stamping its changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub replica: Replica,
    /// The latest time stamped here or seen in another computer's stamp.
    pub last: u64,
}

impl Clock {
    pub fn new(replica: Replica) -> Clock {
        Clock { replica, last: 0 }
    }

    /// The stamp for a change made at `now`: the wall clock, unless a stamp already made or
    /// seen is as late, then just after it.
    pub fn tick(&mut self, now: DateTime<Utc>) -> Stamp {
        let wall = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        self.last = wall.max(self.last.saturating_add(1));
        Stamp {
            time: self.last,
            replica: self.replica.clone(),
        }
    }

    /// Takes in a stamp from another computer, so this one's next changes come after it.
    pub fn observe(&mut self, stamp: &Stamp) {
        self.last = self.last.max(stamp.time);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn replica(name: &str) -> Replica {
        Replica::parse(name).unwrap()
    }

    #[test]
    fn a_stamp_reads_back_as_it_is_written() {
        let stamp = Stamp {
            time: 1_796_000_000_123,
            replica: replica("k3f9a2"),
        };
        assert_eq!(stamp.to_string(), "mx2k118b.k3f9a2");
        assert_eq!(Stamp::parse(&stamp.to_string()), Some(stamp));
        assert_eq!(Stamp::parse("nope"), None);
        assert_eq!(Stamp::parse("12.NOT-A-NAME"), None);
    }

    #[test]
    fn stamps_never_go_back_when_the_wall_clock_does() {
        let mut clock = Clock::new(replica("aaaaaa"));
        let noon = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let first = clock.tick(noon);
        let earlier = clock.tick(noon - chrono::Duration::hours(1));
        assert!(earlier > first);
        assert_eq!(clock.tick(noon).time, first.time + 2);
    }

    #[test]
    fn a_change_made_after_seeing_another_computers_change_comes_after_it() {
        let noon = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let mut ahead = Clock::new(replica("ahead1"));
        let theirs = ahead.tick(noon + chrono::Duration::minutes(5));
        let mut behind = Clock::new(replica("behind"));
        behind.observe(&theirs);
        assert!(behind.tick(noon) > theirs);
    }
}
