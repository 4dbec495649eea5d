//! Promises in plain words (R15): "I'll send the deck by Friday" is due Friday. A tiny grammar,
//! kept as a table of phrases; the first phrase found in the text decides. A text with no date
//! in it ("before the interview") falls back to +5 working days, with a note that says so.
//!
//! What the phrases mean, `now` being Wednesday 2 December:
//! a weekday is the next one after today ("by Friday": Fri 4, on a Friday it is a week later);
//! "next Friday" is the Friday of next week; "next week" is the last working day of next week,
//! "early next week" the first; "end of (the) week/month" the last working day of it; dates
//! ("Dec 4", "4th of December", "4/12" in the user's day/month order) are this year's, or next
//! year's once passed; "in N days/weeks/working days" count as the playbook counts. Everything is
//! due at the start of the working day, except "today"/"end of day" (end of the working day) and
//! "afternoon" (13:00).

use crate::model::DateOrder;
use crate::phrase::{Key, Phrase};
use crate::schedule::{add_days, Calendar};
use crate::text::month_named;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};

/// When a promise is due, and why when that is not what the words said (in English, as kept
/// with the follow-up; `no_date` phrases it for the user).
#[derive(Debug, Clone, PartialEq)]
pub struct Promised {
    pub due: DateTime<Utc>,
    pub note: Option<String>,
}

/// Working days given to a promise without a date.
pub const FALLBACK_WORKING_DAYS: u64 = 5;

#[derive(Debug, Clone, Copy)]
enum P {
    Word(&'static str),
    Weekday,
    Month,
    Day,
    Number,
    Unit,
    Numeric,
}

#[derive(Debug, Clone, Copy)]
enum Meaning {
    Today,
    Tomorrow,
    EarlyNextWeek,
    NextWeek,
    EndOfWeek,
    EndOfMonth,
    In,
    InWorkingDays,
    Weekday,
    NextWeekday,
    WeekdayAfternoon,
    MonthDay,
    DayMonth,
    Numeric,
}

use P::*;

/// Phrases, tried in this order at each word of the text.
#[rustfmt::skip]
const PHRASES: &[(&[P], Meaning)] = &[
    (&[Word("early"), Word("next"), Word("week")], Meaning::EarlyNextWeek),
    (&[Word("next"), Word("week")], Meaning::NextWeek),
    (&[Word("end"), Word("of"), Word("the"), Word("week")], Meaning::EndOfWeek),
    (&[Word("end"), Word("of"), Word("week")], Meaning::EndOfWeek),
    (&[Word("end"), Word("of"), Word("the"), Word("month")], Meaning::EndOfMonth),
    (&[Word("end"), Word("of"), Word("month")], Meaning::EndOfMonth),
    (&[Word("end"), Word("of"), Word("day")], Meaning::Today),
    (&[Word("eod")], Meaning::Today),
    (&[Word("today")], Meaning::Today),
    (&[Word("tonight")], Meaning::Today),
    (&[Word("tomorrow")], Meaning::Tomorrow),
    (&[Word("in"), Number, Word("working"), Unit], Meaning::InWorkingDays),
    (&[Word("in"), Number, Word("business"), Unit], Meaning::InWorkingDays),
    (&[Word("in"), Number, Unit], Meaning::In),
    (&[Word("next"), Weekday], Meaning::NextWeekday),
    (&[Weekday, Word("afternoon")], Meaning::WeekdayAfternoon),
    (&[Weekday], Meaning::Weekday),
    (&[Month, Day], Meaning::MonthDay),
    (&[Day, Word("of"), Month], Meaning::DayMonth),
    (&[Day, Month], Meaning::DayMonth),
    (&[Numeric], Meaning::Numeric),
];

/// What a phrase captured.
#[derive(Debug, Default, Clone, Copy)]
struct Slots {
    weekday: Option<Weekday>,
    month: Option<u32>,
    day: Option<u32>,
    number: Option<u64>,
    unit_days: Option<u64>,
    numeric: Option<(u32, u32)>,
}

/// The due time of a promise made at `at`.
pub fn parse(text: &str, at: DateTime<Utc>, calendar: &Calendar) -> Promised {
    let words = words(text);
    for start in 0..words.len() {
        for (pattern, meaning) in PHRASES {
            let Some(slots) = matches(pattern, &words[start..]) else {
                continue;
            };
            if let Some(due) = resolve(*meaning, slots, at, calendar) {
                return Promised { due, note: None };
            }
        }
    }
    Promised {
        due: calendar.working_days_after(at, FALLBACK_WORKING_DAYS),
        note: Some(no_date(text).english()),
    }
}

/// The note of a promise whose words give no date: it was planned `FALLBACK_WORKING_DAYS` out.
pub fn no_date(text: &str) -> Phrase {
    Key("promiseNoDate").with([text.trim().into(), FALLBACK_WORKING_DAYS.into()])
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn matches(pattern: &[P], words: &[String]) -> Option<Slots> {
    if words.len() < pattern.len() {
        return None;
    }
    let mut slots = Slots::default();
    for (p, word) in pattern.iter().zip(words) {
        let word = word.as_str();
        let ok = match p {
            Word(w) => *w == word,
            Weekday => {
                slots.weekday = weekday(word);
                slots.weekday.is_some()
            }
            Month => {
                slots.month = month_named(word);
                slots.month.is_some()
            }
            Day => {
                slots.day = day(word);
                slots.day.is_some()
            }
            Number => {
                slots.number = number(word);
                slots.number.is_some()
            }
            Unit => {
                slots.unit_days = unit_days(word);
                slots.unit_days.is_some()
            }
            Numeric => {
                slots.numeric = numeric(word);
                slots.numeric.is_some()
            }
        };
        if !ok {
            return None;
        }
    }
    Some(slots)
}

fn resolve(
    meaning: Meaning,
    slots: Slots,
    at: DateTime<Utc>,
    calendar: &Calendar,
) -> Option<DateTime<Utc>> {
    let today = calendar.date_of(at);
    let monday_next = add_days(today, 7 - i64::from(today.weekday().num_days_from_monday()));
    let start = |date: NaiveDate| calendar.start_of(date);
    Some(match meaning {
        Meaning::Today => calendar.end_of(today),
        Meaning::Tomorrow => start(add_days(today, 1)),
        Meaning::EarlyNextWeek => start(calendar.working_day_on_or_after(monday_next)),
        Meaning::NextWeek => start(calendar.working_day_on_or_before(add_days(monday_next, 6))),
        Meaning::EndOfWeek => start(calendar.working_day_on_or_before(add_days(monday_next, -1))),
        Meaning::EndOfMonth => {
            let this = calendar.working_day_on_or_before(last_of_month(today)?);
            let day = if this < today {
                calendar.working_day_on_or_before(last_of_month(add_days(this, 7))?)
            } else {
                this
            };
            start(day)
        }
        Meaning::In => calendar.days_after(at, slots.number? * slots.unit_days?),
        Meaning::InWorkingDays => match slots.unit_days? {
            1 => calendar.working_days_after(at, slots.number?),
            _ => return None,
        },
        Meaning::Weekday => start(next_weekday(today, slots.weekday?)),
        Meaning::NextWeekday => start(add_days(
            monday_next,
            i64::from(slots.weekday?.num_days_from_monday()),
        )),
        Meaning::WeekdayAfternoon => {
            let afternoon = NaiveTime::from_hms_opt(13, 0, 0)?.max(calendar.settings.work_start);
            calendar.instant(next_weekday(today, slots.weekday?), afternoon)
        }
        Meaning::MonthDay | Meaning::DayMonth => start(upcoming(today, slots.month?, slots.day?)?),
        Meaning::Numeric => {
            let (a, b) = slots.numeric?;
            let (m, d) = match calendar.settings.date_order {
                DateOrder::MonthDay => (a, b),
                DateOrder::DayMonth => (b, a),
            };
            start(upcoming(today, m, d)?)
        }
    })
}

/// The next date with this weekday, strictly after `today`.
fn next_weekday(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + i64::from(weekday.num_days_from_monday())
        - i64::from(today.weekday().num_days_from_monday()))
        % 7;
    add_days(today, if ahead == 0 { 7 } else { ahead })
}

/// This year's month/day, or next year's once it has passed. `None` for dates like 2/30.
fn upcoming(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this {
        Some(date) if date >= today => Some(date),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
    }
}

fn last_of_month(date: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn weekday(word: &str) -> Option<Weekday> {
    const WEEKDAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    WEEKDAYS
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word))
        .map(|(_, day)| *day)
}

/// "4", "4th", "1st", "22nd", "3rd".
fn day(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn number(word: &str) -> Option<u64> {
    const WORDS: [&str; 11] = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    match WORDS.iter().position(|w| *w == word) {
        Some(0) => Some(1),
        Some(n) => u64::try_from(n).ok(),
        None => word.parse().ok().filter(|n| *n <= 366),
    }
}

fn unit_days(word: &str) -> Option<u64> {
    match word {
        "day" | "days" => Some(1),
        "week" | "weeks" => Some(7),
        _ => None,
    }
}

/// "4/12": two numbers that could be a month and a day.
fn numeric(word: &str) -> Option<(u32, u32)> {
    let (a, b) = word.split_once('/')?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    ((1..=31).contains(&a) && (1..=31).contains(&b)).then_some((a, b))
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::model::Settings;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Wednesday 2 December 2026, 14:00 in Berlin.
    const NOW: &str = "2026-12-02T14:00:00+01:00";

    fn due(text: &str, order: DateOrder) -> Promised {
        let settings = Settings {
            date_order: order,
            ..Settings::default()
        };
        let calendar = Calendar {
            tz: Berlin,
            settings: &settings,
        };
        parse(text, at(NOW), &calendar)
    }

    #[test]
    fn each_phrase_of_the_book_is_due_on_the_day_it_names() {
        let table = [
            ("I'll send the deck by Friday", "2026-12-04T09:00:00+01:00"),
            ("Call you tomorrow", "2026-12-03T09:00:00+01:00"),
            (
                "I'll get back to you next week",
                "2026-12-11T09:00:00+01:00",
            ),
            ("Let's meet early next week", "2026-12-07T09:00:00+01:00"),
            ("References in 3 days", "2026-12-07T09:00:00+01:00"),
            ("Portfolio on Dec 4", "2026-12-04T09:00:00+01:00"),
            ("Samples Dec 4th", "2026-12-04T09:00:00+01:00"),
            ("Intro by the end of month", "2026-12-31T09:00:00+01:00"),
            ("Ping Sam end of the month", "2026-12-31T09:00:00+01:00"),
            ("Monday morning, first thing", "2026-12-07T09:00:00+01:00"),
            ("Send it today", "2026-12-02T17:00:00+01:00"),
            ("Friday afternoon", "2026-12-04T13:00:00+01:00"),
            ("next Friday", "2026-12-11T09:00:00+01:00"),
            ("in 2 weeks", "2026-12-16T09:00:00+01:00"),
            ("in two working days", "2026-12-04T09:00:00+01:00"),
            ("the 4th of December", "2026-12-04T09:00:00+01:00"),
            ("by end of week", "2026-12-04T09:00:00+01:00"),
            ("on Dec 1", "2027-12-01T09:00:00+01:00"),
        ];
        for (text, expected) in table {
            let promised = due(text, DateOrder::MonthDay);
            assert_eq!(promised.due, at(expected), "{text}");
            assert_eq!(promised.note, None, "{text}");
        }
    }

    #[test]
    fn a_numeric_date_follows_the_users_day_month_order() {
        assert_eq!(
            due("by 4/12", DateOrder::DayMonth).due,
            at("2026-12-04T09:00:00+01:00")
        );
        assert_eq!(
            due("by 4/12", DateOrder::MonthDay).due,
            at("2027-04-12T09:00:00+02:00")
        );
    }

    #[test]
    fn before_the_interview_is_not_a_date_and_falls_back_to_five_working_days_with_a_note() {
        let promised = due("before the interview", DateOrder::MonthDay);
        assert_eq!(promised.due, at("2026-12-09T09:00:00+01:00"));
        let note = promised.note.unwrap();
        assert!(note.contains("“before the interview”"), "{note}");
        assert!(note.contains("5 working days"), "{note}");
    }

    #[test]
    fn an_impossible_date_is_not_a_date() {
        let promised = due("on 2/30", DateOrder::MonthDay);
        assert_eq!(promised.due, at("2026-12-09T09:00:00+01:00"));
        assert!(promised.note.is_some());
    }

    #[test]
    fn on_a_friday_by_friday_means_next_friday() {
        let settings = Settings::default();
        let calendar = Calendar {
            tz: Berlin,
            settings: &settings,
        };
        let promised = parse("by Friday", at("2026-12-04T10:00:00+01:00"), &calendar);
        assert_eq!(promised.due, at("2026-12-11T09:00:00+01:00"));
    }
}
