//! Working-time arithmetic in the user's zone: "+7 days", "+1 working day", "2 days before a
//! date", each landing at the working hour on a working day, correct across DST changes.

use crate::model::Settings;
use crate::zone::Tz;
use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};

/// The user's calendar: a zone plus their working week.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    pub tz: Tz,
    pub settings: &'a Settings,
}

impl Calendar<'_> {
    /// The local date of an instant.
    pub fn date_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The instant of a local wall-clock time. In a DST gap the first valid minute after it is
    /// used; in an overlap, the earlier of the two instants.
    pub fn instant(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let mut local = date.and_time(time);
        for _ in 0..4 {
            match self.tz.from_local_datetime(&local) {
                LocalResult::Single(t) => return t.with_timezone(&Utc),
                LocalResult::Ambiguous(early, _) => return early.with_timezone(&Utc),
                LocalResult::None => local += chrono::Duration::minutes(30),
            }
        }
        Utc.from_utc_datetime(&date.and_time(time))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.settings.work_days.is_empty() || self.settings.work_days.contains(&date.weekday())
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        self.step_to_working_day(date, 1)
    }

    /// The last working day on or before `date`.
    pub fn working_day_on_or_before(&self, date: NaiveDate) -> NaiveDate {
        self.step_to_working_day(date, -1)
    }

    fn step_to_working_day(&self, date: NaiveDate, step: i64) -> NaiveDate {
        let mut day = date;
        for _ in 0..7 {
            if self.is_working_day(day) {
                return day;
            }
            day = add_days(day, step);
        }
        date
    }

    /// A local date at the start of the working day.
    pub fn start_of(&self, date: NaiveDate) -> DateTime<Utc> {
        self.instant(date, self.settings.work_start)
    }

    /// A local date at the end of the working day.
    pub fn end_of(&self, date: NaiveDate) -> DateTime<Utc> {
        self.instant(date, self.settings.work_end)
    }

    /// "+N days": day N at the working hour, moved forward to a working day.
    pub fn days_after(&self, from: DateTime<Utc>, n: u64) -> DateTime<Utc> {
        let day = self.working_day_on_or_after(add_days(self.date_of(from), n as i64));
        self.start_of(day)
    }

    /// The Nth working day after the day `from` falls on.
    pub fn working_day_after(&self, from: DateTime<Utc>, n: u64) -> NaiveDate {
        self.working_days_from(self.date_of(from), n as i64)
    }

    /// "+N working days": the Nth working day after the one `from` falls on, at the working hour.
    pub fn working_days_after(&self, from: DateTime<Utc>, n: u64) -> DateTime<Utc> {
        self.start_of(self.working_day_after(from, n))
    }

    /// "N working days before" a date, at the working hour.
    pub fn working_days_before(&self, date: NaiveDate, n: u64) -> DateTime<Utc> {
        self.start_of(self.working_days_from(date, -(n as i64)))
    }

    /// Steps `n` working days from `date`, forward (n > 0) or back (n < 0).
    fn working_days_from(&self, date: NaiveDate, n: i64) -> NaiveDate {
        let step = n.signum();
        let mut day = date;
        for _ in 0..n.unsigned_abs() {
            let next = add_days(day, step);
            day = if step > 0 {
                self.working_day_on_or_after(next)
            } else {
                self.working_day_on_or_before(next)
            };
        }
        day
    }

    /// "N days before a date": at the working hour, moved back to a working day so a deadline is
    /// never passed.
    pub fn days_before(&self, date: NaiveDate, n: u64) -> DateTime<Utc> {
        self.start_of(self.working_day_on_or_before(add_days(date, -(n as i64))))
    }
}

/// A date moved by whole days, saturating at the calendar's ends.
pub fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    let moved = if n >= 0 {
        date.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn cal(tz: Tz, settings: &Settings) -> Calendar<'_> {
        Calendar { tz, settings }
    }

    #[test]
    fn seven_days_after_a_friday_lands_on_the_next_friday_at_nine() {
        let s = Settings::default();
        let due = cal(New_York, &s).days_after(at("2026-03-06T16:30:00-05:00"), 7);
        assert_eq!(due, at("2026-03-13T09:00:00-04:00"));
    }

    #[test]
    fn days_after_that_land_on_a_weekend_move_to_monday() {
        let s = Settings::default();
        let due = cal(New_York, &s).days_after(at("2026-03-04T10:00:00-05:00"), 3);
        assert_eq!(due, at("2026-03-09T09:00:00-04:00"));
    }

    #[test]
    fn one_working_day_after_friday_is_monday() {
        let s = Settings::default();
        let due = cal(Berlin, &s).working_days_after(at("2026-03-06T15:00:00+01:00"), 1);
        assert_eq!(due, at("2026-03-09T09:00:00+01:00"));
    }

    #[test]
    fn working_days_after_a_saturday_count_from_the_weekend() {
        let s = Settings::default();
        let due = cal(Berlin, &s).working_days_after(at("2026-03-07T15:00:00+01:00"), 1);
        assert_eq!(due, at("2026-03-09T09:00:00+01:00"));
    }

    #[test]
    fn nine_oclock_stays_nine_oclock_across_the_spring_dst_change() {
        let s = Settings::default();
        let due = cal(Berlin, &s).days_after(at("2026-03-27T12:00:00+01:00"), 3);
        assert_eq!(due, at("2026-03-30T09:00:00+02:00"));
    }

    #[test]
    fn a_working_hour_inside_the_dst_gap_moves_to_the_first_valid_time() {
        let s = Settings {
            work_start: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            work_days: vec![],
            ..Settings::default()
        };
        let due = cal(New_York, &s).days_after(at("2026-03-07T12:00:00-05:00"), 1);
        assert_eq!(due, at("2026-03-08T03:00:00-04:00"));
    }

    #[test]
    fn days_before_a_sunday_deadline_moves_back_to_friday() {
        let s = Settings::default();
        let date = NaiveDate::from_ymd_opt(2026, 3, 24).unwrap();
        let due = cal(New_York, &s).days_before(date, 2);
        assert_eq!(due, at("2026-03-20T09:00:00-04:00"));
    }

    #[test]
    fn an_empty_working_week_means_every_day_works() {
        let s = Settings {
            work_days: vec![],
            ..Settings::default()
        };
        let due = cal(New_York, &s).days_after(at("2026-03-06T10:00:00-05:00"), 1);
        assert_eq!(due, at("2026-03-07T09:00:00-05:00"));
    }

    #[test]
    fn nine_oclock_stays_nine_oclock_across_both_dst_changes_in_new_york() {
        let s = Settings::default();
        let spring = cal(New_York, &s).days_after(at("2026-03-06T12:00:00-05:00"), 3);
        assert_eq!(spring, at("2026-03-09T09:00:00-04:00"));
        let fall = cal(New_York, &s).days_after(at("2026-10-30T12:00:00-04:00"), 3);
        assert_eq!(fall, at("2026-11-02T09:00:00-05:00"));
    }

    #[test]
    fn nine_oclock_stays_nine_oclock_across_the_autumn_dst_change_in_berlin() {
        let s = Settings::default();
        let due = cal(Berlin, &s).working_days_after(at("2026-10-23T16:00:00+02:00"), 1);
        assert_eq!(due, at("2026-10-26T09:00:00+01:00"));
    }

    #[test]
    fn a_working_hour_in_the_repeated_autumn_hour_takes_the_first_one() {
        let s = Settings {
            work_start: NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
            work_days: vec![],
            ..Settings::default()
        };
        let due = cal(New_York, &s).days_after(at("2026-10-31T12:00:00-04:00"), 1);
        assert_eq!(due, at("2026-11-01T01:30:00-04:00"));
    }

    #[test]
    fn working_days_before_a_monday_is_the_friday_before() {
        let s = Settings::default();
        let date = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let due = cal(Berlin, &s).working_days_before(date, 1);
        assert_eq!(due, at("2026-03-13T09:00:00+01:00"));
    }

    #[test]
    fn the_end_of_a_working_day_is_the_working_end_hour() {
        let s = Settings::default();
        let day = cal(Berlin, &s).working_day_after(at("2026-03-27T15:00:00+01:00"), 1);
        assert_eq!(cal(Berlin, &s).end_of(day), at("2026-03-30T17:00:00+02:00"));
    }
}
