//! Spreadsheets of the user's applications, contacts and follow-ups: RFC 4180 CSV (header row,
//! CRLF, quotes only where needed) with times in the user's zone, safe to open in Excel,
//! LibreOffice or Google Sheets although page text ends up in the cells.
//!
//! Files start with a UTF-8 byte order mark, without which Excel reads them as the local code
//! page and garbles every accent; CSV readers (the `csv` crate too) skip it. Times are ISO 8601
//! local date-times written with a space (`2026-03-06 09:00`), the form spreadsheets recognise
//! as a date-time.

use crate::model::{Contact, FollowUp, Opportunity, Stage, Status, What};
use crate::store::State;
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use csv::{QuoteStyle, Terminator, WriterBuilder};

const BOM: &str = "\u{feff}";

/// One row per tracked job, oldest first.
pub fn applications_csv(state: &State, tz: Tz) -> String {
    let mut jobs: Vec<&Opportunity> = state.opportunities.values().collect();
    jobs.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let rows = jobs.into_iter().map(|o| {
        let applied = state
            .events
            .values()
            .filter(|e| e.opportunity.as_ref() == Some(&o.id) && e.what == What::Applied)
            .map(|e| e.at)
            .max();
        let next = state
            .pending_followups()
            .filter(|f| f.opportunity.as_ref() == Some(&o.id))
            .min_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        let job = &o.job;
        vec![
            job.title.clone(),
            text(&job.company),
            text(&job.location),
            stage(o.stage).to_string(),
            local_time(o.created_at, tz),
            applied.map(|at| local_date(at, tz)).unwrap_or_default(),
            job.valid_through.map(date).unwrap_or_default(),
            next.map(|f| local_time(f.due, tz)).unwrap_or_default(),
            next.map(|f| f.text.clone()).unwrap_or_default(),
            text(&job.salary),
            text(&job.employment_type),
            match job.remote {
                Some(true) => "yes".to_string(),
                Some(false) => "no".to_string(),
                None => String::new(),
            },
            text(&job.url),
            o.id.clone(),
        ]
    });
    table(
        &[
            "Title",
            "Company",
            "Location",
            "Stage",
            "Saved",
            "Applied",
            "Closes",
            "Next follow-up",
            "Next step",
            "Salary",
            "Employment type",
            "Remote",
            "Posting",
            "ID",
        ],
        rows,
    )
}

/// One row per person, by name.
pub fn contacts_csv(state: &State) -> String {
    let mut people: Vec<&Contact> = state.contacts.values().collect();
    people.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
    let rows = people.into_iter().map(|c| {
        let roles = c
            .links
            .iter()
            .map(|l| match state.opportunities.get(&l.opportunity) {
                Some(o) => format!(
                    "{}: {} at {}",
                    l.role.phrase().english(),
                    o.job.title,
                    o.company().english()
                ),
                None => l.role.phrase().english(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let referred_by = c
            .referred_by
            .as_ref()
            .map(|id| state.contacts.get(id).map_or(id, |r| &r.name).clone())
            .unwrap_or_default();
        vec![
            c.name.clone(),
            text(&c.email),
            text(&c.phone),
            text(&c.profile_url),
            roles,
            referred_by,
            c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            c.id.clone(),
        ]
    });
    table(
        &[
            "Name",
            "Email",
            "Phone",
            "Profile",
            "Roles",
            "Referred by",
            "Keep in touch (days)",
            "ID",
        ],
        rows,
    )
}

/// One row per follow-up, done and cancelled ones too, by due time.
pub fn followups_csv(state: &State, tz: Tz) -> String {
    let mut followups: Vec<&FollowUp> = state.followups.values().collect();
    followups.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let rows = followups.into_iter().map(|f| {
        let job = f
            .opportunity
            .as_ref()
            .and_then(|id| state.opportunities.get(id))
            .map(|o| format!("{} at {}", o.job.title, o.company().english()))
            .unwrap_or_default();
        let person = f
            .contact
            .as_ref()
            .and_then(|id| state.contacts.get(id))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        vec![
            local_time(f.due, tz),
            status(f.status).to_string(),
            f.text.clone(),
            job,
            person,
            format!("{:?}", f.rule),
            f.touch.to_string(),
            text(&f.note),
            f.ended_at.map(|at| local_time(at, tz)).unwrap_or_default(),
            f.snoozes.len().to_string(),
            f.id.clone(),
        ]
    });
    table(
        &[
            "Due",
            "Status",
            "What",
            "Application",
            "Contact",
            "Rule",
            "Touch",
            "Note",
            "Ended",
            "Snoozes",
            "ID",
        ],
        rows,
    )
}

/// A CSV document: the header, then the rows, every cell guarded against formula injection.
fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(BOM.as_bytes().to_vec());
    let mut written = writer.write_record(header);
    for row in rows {
        written = written.and_then(|()| writer.write_record(row.iter().map(|c| guard(c))));
    }
    // Writing to memory cannot fail; an error here would be a bug in the csv crate.
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        _ => String::new(),
    }
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1+cmd|...`, `@SUM`) or
/// whose first character it would drop is made plain text with a leading `'`.
fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

fn local_date(at: DateTime<Utc>, tz: Tz) -> String {
    date(at.with_timezone(&tz).date_naive())
}

fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn stage(stage: Stage) -> &'static str {
    match stage {
        Stage::Saved => "Saved",
        Stage::Applied => "Applied",
        Stage::Interviewing => "Interviewing",
        Stage::Offer => "Offer",
        Stage::Accepted => "Accepted",
        Stage::Rejected => "Rejected",
        Stage::Withdrawn => "Withdrawn",
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Open => "Open",
        Status::Done => "Done",
        Status::Superseded => "Superseded",
        Status::Snoozed => "Snoozed",
        Status::Cancelled => "Cancelled",
        Status::MovedOn => "Moved on",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cells_starting_with_a_formula_character_are_quoted() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(cell), format!("'{cell}"));
        }
        for cell in ["", "Acme", "a=b", " =1", "'=1"] {
            assert_eq!(guard(cell), cell);
        }
    }
}
