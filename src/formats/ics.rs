//! The open follow-ups as an iCalendar file (RFC 5545) the user imports into their calendar,
//! so the reminders sit next to their interviews.
//!
//! Each follow-up is a 15-minute VEVENT at its due time, not a VTODO with DUE: Google Calendar
//! and Outlook ignore VTODOs on import, and a follow-up is a slot to make a call or send a note.
//! Times are UTC; the UID is the follow-up's id plus the time of the event behind it, so
//! importing a newer file updates the same entries (SEQUENCE counts the snoozes) and ids
//! reused after a reinstall do not overwrite older entries.

use crate::model::FollowUp;
use crate::store::State;
use crate::text::is_web_url;
use chrono::{DateTime, Duration, Utc};

/// How long a follow-up's slot in the calendar is.
pub const SLOT_MINUTES: i64 = 15;

const MAX_OCTETS: usize = 75;

/// The pending (open or snoozed) follow-ups as a calendar made at `now`.
pub fn followups_ics(state: &State, now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Follow Through//Follow-ups//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "X-WR-CALNAME:Follow Through".to_string(),
    ];
    let mut open: Vec<&FollowUp> = state.pending_followups().collect();
    open.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    for f in open {
        lines.extend(event(state, f, now));
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|line| fold(line)).collect()
}

fn event(state: &State, f: &FollowUp, now: DateTime<Utc>) -> Vec<String> {
    let opportunity = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id));
    let contact = f.contact.as_ref().and_then(|id| state.contacts.get(id));
    let cause = state.events.get(&f.event);
    let about = [
        contact.map(|c| c.name.clone()),
        opportunity.map(|o| o.job.title.clone()),
        opportunity.and_then(|o| o.job.company.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let summary = if about.is_empty() {
        f.text.clone()
    } else {
        format!("{} — {about}", f.text)
    };
    let url = opportunity
        .and_then(|o| o.job.url.as_deref())
        .or_else(|| contact.and_then(|c| c.profile_url.as_deref()))
        .filter(|u| is_web_url(u))
        .and_then(|u| url::Url::parse(u.trim()).ok());
    let description = [
        cause.map(|e| {
            let what = e.what.kind().phrase().english();
            format!("{what} {}", e.at.format("%Y-%m-%d"))
        }),
        f.note.clone(),
        url.as_ref().map(|u| u.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n");
    let uid = match cause {
        Some(e) => format!("{}-{}@follow-through", f.id, stamp(e.at)),
        None => format!("{}@follow-through", f.id),
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(&uid)),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(f.due)),
        format!("DTEND:{}", stamp(f.due + Duration::minutes(SLOT_MINUTES))),
        format!("SEQUENCE:{}", f.snoozes.len()),
        format!("SUMMARY:{}", escape(&summary)),
    ];
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(&description)));
    }
    if let Some(url) = url {
        lines.push(format!("URL:{url}"));
    }
    lines.push("TRANSP:TRANSPARENT".to_string());
    lines.push("END:VEVENT".to_string());
    lines
}

/// A UTC DATE-TIME: `20260306T090000Z`.
fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as
/// `\n`, other control characters (not allowed in TEXT) dropped.
fn escape(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1),
/// ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_splits_a_character_and_keeps_each_line_within_75_octets() {
        let line = format!("SUMMARY:{}€€", "a".repeat(64));
        let folded = fold(&line);
        assert_eq!(folded, format!("SUMMARY:{}€\r\n €\r\n", "a".repeat(64)));
        assert!(folded.split("\r\n").all(|l| l.len() <= MAX_OCTETS));
    }

    #[test]
    fn text_escapes_the_four_specials_and_drops_other_control_characters() {
        assert_eq!(
            escape("a\\b;c,d\r\ne\rf\ng\u{7}\th"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th"
        );
    }
}
