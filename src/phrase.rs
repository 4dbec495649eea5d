//! Words for the user before they are in a language. The core says *what* to tell (a message of
//! `_locales` and what fills it, a moment to word as a day or a time); whoever shows it says it
//! in the user's language: the browser layer with `chrome.i18n`, files and tests in English.

use crate::i18n::Catalog;
use crate::zone::Tz;
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc, Weekday};
use serde::{de, Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The name of a message in `extension/_locales/<lang>/messages.json`. Every name the Rust
/// code uses is written `Key("…")`, so a test can check that each one exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub &'static str);

impl Key {
    /// The message with nothing to fill.
    pub fn phrase(self) -> Phrase {
        self.with([])
    }

    /// The message with its `$1`, `$2`… filled by `args`, in order.
    pub fn with<const N: usize>(self, args: [Phrase; N]) -> Phrase {
        Phrase::Message {
            key: self.0.to_string(),
            args: args.into(),
        }
    }
}

/// A message said of a count, one message per plural form: `chrome.i18n` has no plural rules,
/// so the forms are separate messages (`lateDays_one`, `lateDays_other`) and the phrase chooses
/// between them by the count when it is said, with the plural rule of the words saying it.
///
/// English has two forms. A language with more (Polish: one, few, many, other) adds its forms
/// here and in `Plural`, writes every form in its `messages.json` (English repeats `_other` for
/// the forms it lacks) and gives its rule to `Words::plural`; no caller changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forms {
    /// Said of the counts the language's rule calls "one" (in English: 1).
    pub one: Key,
    /// Said of every other count.
    pub other: Key,
}

impl Forms {
    /// The message for `count`, the count filling `$1` and nothing else.
    pub fn count(self, count: usize) -> Phrase {
        self.of(count, [])
    }

    /// The message for `count`, the count filling `$1` and `args` the `$2`… that follow.
    pub fn of<const N: usize>(self, count: usize, args: [Phrase; N]) -> Phrase {
        Phrase::Counted {
            count: count as u64,
            one: self.one.0.to_string(),
            other: self.other.0.to_string(),
            args: args.into(),
        }
    }
}

/// The plural form a language says a count in (the CLDR categories English has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    /// The English rule: "1 day", "0 days", "2 days".
    pub fn english(count: u64) -> Plural {
        if count == 1 {
            Plural::One
        } else {
            Plural::Other
        }
    }
}

/// Turns a message name and its substitutions into text, the way `chrome.i18n.getMessage`
/// does: the browser in the extension, a `Catalog` elsewhere.
pub trait Words {
    fn message(&self, key: &str, substitutions: &[&str]) -> String;

    /// The form a count is said in, by the plural rule of these words' language. The messages
    /// are English for now, so English's rule; a translation with other rules answers its own.
    fn plural(&self, count: u64) -> Plural {
        Plural::english(count)
    }

    /// A number as these words' language writes it. The messages are English for now, so
    /// English's way: thousands apart with commas ("1,581"); the browser writes it in the user's.
    fn number(&self, n: i64) -> String {
        english_number(n)
    }
}

/// A number with its thousands apart with commas: "1,581", "-12,000".
pub fn english_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Something to tell the user, not yet in a language. Written as its variant's content alone
/// (`"Ana"`, `1581`, `{"key": …}`); read back by `Deserialize` below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Phrase {
    /// Text that is not ours to translate: a name, a title, the user's own words.
    Text(String),
    /// A number, written as the user's language writes numbers ("1,581").
    Number(i64),
    /// A message of `messages.json`; `args` fill its `$1`…`$9`, each said first.
    Message {
        key: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<Phrase>,
    },
    /// A moment, in the user's zone, worded as `style` says.
    Moment { at: NaiveDateTime, style: Style },
    /// A count and the message of each plural form (see `Forms`): the count fills `$1`, `args`
    /// the rest.
    Counted {
        count: u64,
        one: String,
        other: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<Phrase>,
    },
}

/// Read as serde's `untagged` would (the first variant whose shape the value has, in the order
/// they are declared), from a `serde_json::Value` rather than serde's private buffer: the derive
/// would buffer every phrase in that buffer and build its own copy of the code reading each
/// variant, for every format a phrase is read from, where a `Value` and the readers from a
/// `&Value` are in the Wasm anyway.
impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phrase, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let phrase = match &value {
            Value::String(text) => Some(Phrase::Text(text.clone())),
            Value::Number(n) => n.as_i64().map(Phrase::Number),
            Value::Object(_) => None,
            _ => return Err(de::Error::custom(NO_PHRASE)),
        };
        phrase
            .or_else(|| {
                MessageShape::deserialize(&value)
                    .ok()
                    .map(|m| Phrase::Message {
                        key: m.key,
                        args: m.args,
                    })
            })
            .or_else(|| {
                MomentShape::deserialize(&value)
                    .ok()
                    .map(|m| Phrase::Moment {
                        at: m.at,
                        style: m.style,
                    })
            })
            .or_else(|| {
                CountedShape::deserialize(&value)
                    .ok()
                    .map(|c| Phrase::Counted {
                        count: c.count,
                        one: c.one,
                        other: c.other,
                        args: c.args,
                    })
            })
            .ok_or_else(|| de::Error::custom(NO_PHRASE))
    }
}

/// What serde's `untagged` said of a value that is no phrase.
const NO_PHRASE: &str = "data did not match any variant of untagged enum Phrase";

/// The shape of `Phrase::Message`.
#[derive(Deserialize)]
struct MessageShape {
    key: String,
    #[serde(default)]
    args: Vec<Phrase>,
}

/// The shape of `Phrase::Moment`.
#[derive(Deserialize)]
struct MomentShape {
    at: NaiveDateTime,
    style: Style,
}

/// The shape of `Phrase::Counted`.
#[derive(Deserialize)]
struct CountedShape {
    count: u64,
    one: String,
    other: String,
    #[serde(default)]
    args: Vec<Phrase>,
}

/// How a moment is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// "Fri 6 Mar".
    Day,
    /// "Fri 6 Mar 2025": a day of another year.
    DayYear,
    /// "14:00".
    Clock,
    /// "Fri 6 Mar 14:00".
    DayClock,
    /// "Friday 6 March", in the messages the user sends.
    LongDay,
    /// "Friday 6 March at 14:00".
    LongDayClock,
    /// "9 Nov": the week a chart's bar stands for.
    Week,
}

impl Style {
    /// The message that words it. Each takes the same substitutions: the weekday, the day of
    /// the month, the month, the year, the hours and the minutes (long or short names by style).
    fn key(self) -> Key {
        match self {
            Style::Day => Key("dateDay"),
            Style::DayYear => Key("dateDayYear"),
            Style::Clock => Key("dateClock"),
            Style::DayClock => Key("dateDayClock"),
            Style::LongDay => Key("dateLongDay"),
            Style::LongDayClock => Key("dateLongDayClock"),
            Style::Week => Key("dateWeek"),
        }
    }

    fn long(self) -> bool {
        matches!(self, Style::LongDay | Style::LongDayClock)
    }
}

/// Weekdays from Monday: the short name, the long one.
const WEEKDAYS: [(Key, Key); 7] = [
    (Key("weekdayShortMon"), Key("weekdayMon")),
    (Key("weekdayShortTue"), Key("weekdayTue")),
    (Key("weekdayShortWed"), Key("weekdayWed")),
    (Key("weekdayShortThu"), Key("weekdayThu")),
    (Key("weekdayShortFri"), Key("weekdayFri")),
    (Key("weekdayShortSat"), Key("weekdaySat")),
    (Key("weekdayShortSun"), Key("weekdaySun")),
];

/// Months from January: the short name, the long one.
const MONTHS: [(Key, Key); 12] = [
    (Key("monthShortJan"), Key("monthJan")),
    (Key("monthShortFeb"), Key("monthFeb")),
    (Key("monthShortMar"), Key("monthMar")),
    (Key("monthShortApr"), Key("monthApr")),
    (Key("monthShortMay"), Key("monthMay")),
    (Key("monthShortJun"), Key("monthJun")),
    (Key("monthShortJul"), Key("monthJul")),
    (Key("monthShortAug"), Key("monthAug")),
    (Key("monthShortSep"), Key("monthSep")),
    (Key("monthShortOct"), Key("monthOct")),
    (Key("monthShortNov"), Key("monthNov")),
    (Key("monthShortDec"), Key("monthDec")),
];

impl Phrase {
    /// A day of the week's short name: "Mon".
    pub fn weekday(day: Weekday) -> Phrase {
        WEEKDAYS[day.num_days_from_monday() as usize].0.phrase()
    }

    /// The instant `at` as the user's zone `tz` shows it, worded as `style` says.
    pub fn moment(at: DateTime<Utc>, tz: Tz, style: Style) -> Phrase {
        Phrase::Moment {
            at: at.with_timezone(&tz).naive_local(),
            style,
        }
    }

    /// "Fri 6 Mar", with the year when it is not the year of `now`.
    pub fn day(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> Phrase {
        let year = |t: DateTime<Utc>| t.with_timezone(&tz).year();
        let style = if year(at) == year(now) {
            Style::Day
        } else {
            Style::DayYear
        };
        Phrase::moment(at, tz, style)
    }

    /// The phrase in the language of `words`.
    pub fn say(&self, words: &dyn Words) -> String {
        match self {
            Phrase::Text(text) => text.clone(),
            Phrase::Number(n) => words.number(*n),
            Phrase::Message { key, args } => {
                let said: Vec<String> = args.iter().map(|arg| arg.say(words)).collect();
                let substitutions: Vec<&str> = said.iter().map(String::as_str).collect();
                words.message(key, &substitutions)
            }
            Phrase::Counted {
                count,
                one,
                other,
                args,
            } => {
                let key = match words.plural(*count) {
                    Plural::One => one,
                    Plural::Other => other,
                };
                let mut said = vec![words.number(i64::try_from(*count).unwrap_or(i64::MAX))];
                said.extend(args.iter().map(|arg| arg.say(words)));
                let substitutions: Vec<&str> = said.iter().map(String::as_str).collect();
                words.message(key, &substitutions)
            }
            Phrase::Moment { at, style } => {
                let long = usize::from(style.long());
                let pick = |names: (Key, Key)| [names.0, names.1][long];
                let weekday = pick(WEEKDAYS[at.weekday().num_days_from_monday() as usize]);
                let month = pick(MONTHS[at.month0() as usize]);
                let substitutions = [
                    words.message(weekday.0, &[]),
                    at.day().to_string(),
                    words.message(month.0, &[]),
                    at.year().to_string(),
                    format!("{:02}", at.hour()),
                    format!("{:02}", at.minute()),
                ];
                let substitutions: Vec<&str> = substitutions.iter().map(String::as_str).collect();
                words.message(style.key().0, &substitutions)
            }
        }
    }

    /// The phrase in English: for files (CSV, calendar), stored text and tests.
    pub fn english(&self) -> String {
        self.say(Catalog::english())
    }
}

impl From<Key> for Phrase {
    fn from(key: Key) -> Phrase {
        key.phrase()
    }
}

impl From<String> for Phrase {
    fn from(text: String) -> Phrase {
        Phrase::Text(text)
    }
}

impl From<&str> for Phrase {
    fn from(text: &str) -> Phrase {
        Phrase::Text(text.to_string())
    }
}

/// Counts are said as numbers.
macro_rules! counts {
    ($($n:ty),*) => {$(
        impl From<$n> for Phrase {
            fn from(n: $n) -> Phrase {
                Phrase::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
counts!(u32, u64, usize);

impl From<i64> for Phrase {
    fn from(n: i64) -> Phrase {
        Phrase::Number(n)
    }
}

impl Words for Catalog {
    fn message(&self, key: &str, substitutions: &[&str]) -> String {
        Catalog::message(self, key, substitutions)
    }
}

// Native: they name zones through `chrono_tz`, which the Wasm build leaves out.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Europe::Berlin};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_moment_is_worded_in_every_style_in_english() {
        let meeting = at("2026-03-06T14:05:00-05:00");
        let said = |style| Phrase::moment(meeting, New_York, style).english();
        assert_eq!(said(Style::Day), "Fri 6 Mar");
        assert_eq!(said(Style::DayYear), "Fri 6 Mar 2026");
        assert_eq!(said(Style::Clock), "14:05");
        assert_eq!(said(Style::DayClock), "Fri 6 Mar 14:05");
        assert_eq!(said(Style::LongDay), "Friday 6 March");
        assert_eq!(said(Style::LongDayClock), "Friday 6 March at 14:05");
        assert_eq!(said(Style::Week), "6 Mar");
    }

    #[test]
    fn a_day_is_the_users_and_names_its_year_only_when_not_this_one() {
        let now = at("2026-01-02T12:00:00Z");
        let late_evening = at("2025-12-31T23:30:00-05:00");
        assert_eq!(
            Phrase::day(late_evening, now, New_York).english(),
            "Wed 31 Dec 2025"
        );
        assert_eq!(
            Phrase::day(late_evening, now, Berlin).english(),
            "Thu 1 Jan"
        );
    }

    #[test]
    fn a_message_says_its_arguments_first_and_text_stays_as_it_is() {
        let checked = Key("checklistWhy").with(["Checked".into(), "today".into()]);
        assert_eq!(checked.english(), "Checked today");
        let nested = Key("checklistWhy").with([
            Key("eventApplied").phrase(),
            Phrase::moment(at("2026-03-06T17:00:00-05:00"), New_York, Style::Day),
        ]);
        assert_eq!(nested.english(), "Applied Fri 6 Mar");
        assert_eq!(Phrase::from("Ana <b>Lima</b>").english(), "Ana <b>Lima</b>");
    }

    #[test]
    fn a_count_is_said_in_the_form_english_gives_it() {
        let late = |n| LATE_DAYS.count(n).english();
        assert_eq!(late(1), "1 day late");
        assert_eq!(late(0), "0 days late");
        assert_eq!(late(9463), "9,463 days late");
    }

    #[test]
    fn a_number_is_written_with_its_thousands_apart() {
        let said = |n: i64| Phrase::from(n).english();
        assert_eq!(said(0), "0");
        assert_eq!(said(999), "999");
        assert_eq!(said(1581), "1,581");
        assert_eq!(said(1_234_567), "1,234,567");
        assert_eq!(said(-12_000), "-12,000");
        let showing = Forms {
            one: Key("dashShowing_one"),
            other: Key("dashShowing_other"),
        };
        assert_eq!(
            showing.of(1581, [50usize.into()]).english(),
            "Showing 50 of 1,581"
        );
    }

    /// Words with another plural rule: "one" for 0 and 1, as French says them.
    struct French;
    impl Words for French {
        fn message(&self, key: &str, substitutions: &[&str]) -> String {
            Catalog::english().message(key, substitutions)
        }
        fn plural(&self, count: u64) -> Plural {
            if count <= 1 {
                Plural::One
            } else {
                Plural::Other
            }
        }
    }

    #[test]
    fn a_translation_with_another_plural_rule_chooses_its_own_form() {
        assert_eq!(LATE_DAYS.count(0).say(&French), "0 day late");
        assert_eq!(LATE_DAYS.count(2).say(&French), "2 days late");
    }

    #[test]
    fn a_counted_phrase_crosses_as_json_and_is_said_the_same() {
        let more = LATE_DAYS.count(1);
        let json = serde_json::to_value(&more).unwrap();
        let back = serde_json::from_value::<Phrase>(json).unwrap();
        assert_eq!(back, more);
        assert_eq!(back.english(), "1 day late");
    }

    const LATE_DAYS: Forms = Forms {
        one: Key("lateDays_one"),
        other: Key("lateDays_other"),
    };

    #[test]
    fn phrases_cross_as_json_and_come_back_the_same() {
        let phrase = Key("checklistWhy").with([
            Key("eventMet").phrase(),
            Phrase::moment(at("2026-03-06T17:00:00Z"), New_York, Style::Day),
            "Ana".into(),
        ]);
        let json = serde_json::to_value(&phrase).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"key": "checklistWhy", "args": [
                {"key": "eventMet"},
                {"at": "2026-03-06T12:00:00", "style": "day"},
                "Ana"
            ]})
        );
        assert_eq!(serde_json::from_value::<Phrase>(json).unwrap(), phrase);
    }
}
