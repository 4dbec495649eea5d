//! How the search is going, in numbers and in chart geometry: applications per week, the
//! follow-up rate, the response rate with and without a follow-up, and promises kept on time.
//! The geometry is computed here (and tested) so the page only places SVG shapes.

use crate::model::{Event, EventKind, FollowUp, Id, Outcome, Rule, Status, What};
use crate::phrase::{Phrase, Style};
use crate::schedule::add_days;
use crate::store::State;
use crate::zone::Tz;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How many weeks the applications chart shows, this week included.
pub const WEEKS: usize = 12;
/// An application counts as followed up when the user followed up within this many days.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// Width and height of the charts' drawing (SVG user units; the page scales it).
pub const CHART_WIDTH: f64 = 480.0;
pub const CHART_HEIGHT: f64 = 160.0;
/// Room under the bars for the week labels, and above them for the counts.
const LABEL_ROOM: f64 = 20.0;
const VALUE_ROOM: f64 = 16.0;
/// Width and height of a rate meter.
pub const METER_WIDTH: f64 = 300.0;
pub const METER_HEIGHT: f64 = 14.0;

/// `part` of `whole`: a rate that can be drawn and read out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub part: usize,
    pub whole: usize,
}

impl Rate {
    /// The share in whole percent, rounded; `None` when there is nothing to count yet.
    pub fn percent(self) -> Option<u32> {
        (self.whole > 0).then(|| ((self.part as f64 / self.whole as f64) * 100.0).round() as u32)
    }

    /// The filled width of its meter.
    pub fn filled(self) -> f64 {
        match self.whole {
            0 => 0.0,
            whole => METER_WIDTH * self.part.min(whole) as f64 / whole as f64,
        }
    }
}

/// One week of the applications chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Week {
    /// The Monday it starts on, in the user's zone.
    pub start: NaiveDate,
    pub count: usize,
}

/// A bar of a bar chart, in SVG user units (y grows downwards).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// "9 Nov".
    pub label: Phrase,
    pub value: usize,
}

/// A bar chart's drawing: bars on a baseline, counts above them, labels below.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    /// The y of the baseline.
    pub baseline: f64,
    /// The count a full-height bar stands for.
    pub max: usize,
    pub bars: Vec<Bar>,
}

/// The promises the user made (R15), as a stacked meter: kept on time, kept late, not kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promises {
    pub made: usize,
    /// Done no later than their due time.
    pub on_time: usize,
    /// Done after their due time.
    pub late: usize,
    /// Not done (pending, cancelled or moved on).
    pub open: usize,
}

impl Promises {
    /// The share kept on time.
    pub fn rate(self) -> Rate {
        Rate {
            part: self.on_time,
            whole: self.made,
        }
    }

    /// The meter's segments `(x, width)` for on time, late and open, left to right.
    pub fn segments(self) -> [(f64, f64); 3] {
        let scale = |n: usize| match self.made {
            0 => 0.0,
            made => METER_WIDTH * n as f64 / made as f64,
        };
        let (a, b, c) = (scale(self.on_time), scale(self.late), scale(self.open));
        [(0.0, a), (a, b), (a + b, c)]
    }
}

/// Responses among applications followed up and not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responses {
    pub with_follow_up: Rate,
    pub without_follow_up: Rate,
}

/// All the charts of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Charts {
    pub weeks: Vec<Week>,
    pub weekly: BarChart,
    pub follow_up_rate: Rate,
    pub responses: Responses,
    pub promises: Promises,
}

pub fn charts(state: &State, now: DateTime<Utc>, tz: Tz) -> Charts {
    let weeks = applications_per_week(state, now, tz);
    let judged = judged(state, now, tz);
    Charts {
        weekly: week_bars(&weeks),
        weeks,
        follow_up_rate: rate_of(&judged),
        responses: responses_of(&judged),
        promises: promises(state),
    }
}

/// The applications: each opportunity with an `Applied` event, at its first one.
pub fn applications(state: &State) -> BTreeMap<&Id, DateTime<Utc>> {
    let mut applied = BTreeMap::new();
    for e in state.events.values().filter(|e| e.what == What::Applied) {
        if let Some(id) = &e.opportunity {
            applied
                .entry(id)
                .and_modify(|at: &mut DateTime<Utc>| *at = (*at).min(e.at))
                .or_insert(e.at);
        }
    }
    applied
}

/// Applications per week: the last `WEEKS` weeks (Monday to Sunday in the user's zone), oldest
/// first, this week last; each counts the applications (first `Applied` event of an
/// opportunity) made in it.
pub fn applications_per_week(state: &State, now: DateTime<Utc>, tz: Tz) -> Vec<Week> {
    let monday =
        |date: NaiveDate| add_days(date, -i64::from(date.weekday().num_days_from_monday()));
    let this_week = monday(now.with_timezone(&tz).date_naive());
    let first = add_days(this_week, -7 * (WEEKS as i64 - 1));
    let mut weeks: Vec<Week> = (0..WEEKS as i64)
        .map(|i| Week {
            start: add_days(first, 7 * i),
            count: 0,
        })
        .collect();
    for at in applications(state).into_values() {
        let week = monday(at.with_timezone(&tz).date_naive());
        let index = (week - first).num_days() / 7;
        if let Some(w) = usize::try_from(index).ok().and_then(|i| weeks.get_mut(i)) {
            w.count += 1;
        }
    }
    weeks
}

/// The bars of the weekly chart: one slot per week, the bar 60% of it and centred; heights in
/// proportion to the busiest week (at least 1, so an empty chart is flat, not undefined).
pub fn week_bars(weeks: &[Week]) -> BarChart {
    let max = weeks.iter().map(|w| w.count).max().unwrap_or(0).max(1);
    let baseline = CHART_HEIGHT - LABEL_ROOM;
    let room = baseline - VALUE_ROOM;
    let slot = CHART_WIDTH / weeks.len().max(1) as f64;
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let height = room * w.count as f64 / max as f64;
            Bar {
                x: i as f64 * slot + slot * 0.2,
                y: baseline - height,
                width: slot * 0.6,
                height,
                label: Phrase::Moment {
                    at: w.start.and_time(chrono::NaiveTime::MIN),
                    style: Style::Week,
                },
                value: w.count,
            }
        })
        .collect();
    BarChart {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        baseline,
        max,
        bars,
    }
}

/// The events and follow-ups of each opportunity, gathered in one pass so the metrics stay
/// linear in the size of the store.
struct ByJob<'s> {
    events: HashMap<&'s str, Vec<&'s Event>>,
    followups: HashMap<&'s str, Vec<&'s FollowUp>>,
}

impl<'s> ByJob<'s> {
    fn new(state: &'s State) -> ByJob<'s> {
        let mut by = ByJob {
            events: HashMap::new(),
            followups: HashMap::new(),
        };
        for e in state.events.values() {
            if let Some(id) = &e.opportunity {
                by.events.entry(id.as_str()).or_default().push(e);
            }
        }
        for f in state.followups.values() {
            if let Some(id) = &f.opportunity {
                by.followups.entry(id.as_str()).or_default().push(f);
            }
        }
        by
    }

    fn events(&self, id: &str) -> &[&'s Event] {
        self.events.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    fn followups(&self, id: &str) -> &[&'s FollowUp] {
        self.followups
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// When the user first followed up on an application, if they did: the first touch (a
    /// completed follow-up as a touch, or reaching out) about the opportunity after applying,
    /// or the first application follow-up (R3, R4) marked done.
    fn first_follow_up(&self, id: &str, applied: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let touches = self
            .events(id)
            .iter()
            .filter(|e| e.at >= applied)
            .filter(|e| matches!(e.what.kind(), EventKind::Touch | EventKind::ReachedOut))
            .map(|e| e.at);
        let done = self
            .followups(id)
            .iter()
            .filter(|f| matches!(f.rule, Rule::R3 | Rule::R4) && f.status == Status::Done)
            .filter_map(|f| f.ended_at)
            .filter(|at| *at >= applied);
        touches.chain(done).min()
    }

    /// Whether the employer answered an application: a reply, an interview, an offer, a
    /// rejection or an acceptance logged after applying, or a touch that got an answer.
    fn responded(&self, id: &str, applied: DateTime<Utc>) -> bool {
        self.events(id)
            .iter()
            .filter(|e| e.at >= applied)
            .any(|e| match &e.what {
                What::Touch { outcome } => *outcome == Outcome::Answered,
                other => matches!(
                    other.kind(),
                    EventKind::Reply
                        | EventKind::Interviewed
                        | EventKind::Offer
                        | EventKind::Rejected
                        | EventKind::Accepted
                ),
            })
            || self
                .followups(id)
                .iter()
                .any(|f| f.outcome == Some(Outcome::Answered))
    }
}

/// One application judged on following up: was it followed up in time, did they respond.
struct Judged {
    in_time: bool,
    responded: bool,
}

/// The applications that can be judged on following up: those whose `FOLLOW_UP_DAYS` window
/// (calendar days in the user's zone after the day of applying) has closed, and those
/// followed up within it already.
fn judged(state: &State, now: DateTime<Utc>, tz: Tz) -> Vec<Judged> {
    let by = ByJob::new(state);
    let today = now.with_timezone(&tz).date_naive();
    applications(state)
        .into_iter()
        .filter_map(|(id, applied)| {
            let applied_on = applied.with_timezone(&tz).date_naive();
            let in_time = by.first_follow_up(id, applied).is_some_and(|at| {
                (at.with_timezone(&tz).date_naive() - applied_on).num_days() <= FOLLOW_UP_DAYS
            });
            let window_closed = (today - applied_on).num_days() > FOLLOW_UP_DAYS;
            (in_time || window_closed).then(|| Judged {
                in_time,
                responded: by.responded(id, applied),
            })
        })
        .collect()
}

/// Follow-up rate: of the applications whose 7-day window has closed (or that were followed
/// up already), the share followed up within 7 calendar days of applying. Following up is a
/// touch logged about the job (a follow-up completed as a touch, or reaching out to someone
/// about it) or the application follow-up (R3, R4) marked done.
pub fn follow_up_rate(state: &State, now: DateTime<Utc>, tz: Tz) -> Rate {
    rate_of(&judged(state, now, tz))
}

fn rate_of(judged: &[Judged]) -> Rate {
    Rate {
        part: judged.iter().filter(|j| j.in_time).count(),
        whole: judged.len(),
    }
}

/// Response rate with vs. without follow-up: the applications judged as in `follow_up_rate`,
/// split by whether they were followed up within 7 days; in each group, the share that got a
/// response (a reply, interview, offer, rejection or acceptance logged, or a touch answered).
pub fn responses(state: &State, now: DateTime<Utc>, tz: Tz) -> Responses {
    responses_of(&judged(state, now, tz))
}

fn responses_of(judged: &[Judged]) -> Responses {
    let mut out = Responses::default();
    for j in judged {
        let rate = if j.in_time {
            &mut out.with_follow_up
        } else {
            &mut out.without_follow_up
        };
        rate.whole += 1;
        if j.responded {
            rate.part += 1;
        }
    }
    out
}

/// Promises kept on time (`State::promises_kept`): every promise (R15) made, split into done
/// by its due time, done late, and not done.
pub fn promises(state: &State) -> Promises {
    let kept = state.promises_kept();
    Promises {
        made: kept.made,
        on_time: kept.early,
        late: kept.done.saturating_sub(kept.early),
        open: kept.made.saturating_sub(kept.done),
    }
}
