//! Correcting what was captured or typed in: an application's, a contact's or a follow-up's
//! fields as the user writes them, checked like new input, with what each field held before kept
//! on the record (a follow-up's earlier due times as its snoozes are).

use super::{Changes, State, StoreError};
use crate::model::{Change, Edit, Field, Id, Snooze, Status};
use crate::phrase::Key;
use crate::text::{collapse, is_email, is_web_url};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// An application's fields as the user corrects them; empty means none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationEdit {
    pub title: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub location: String,
    /// The posting's address: http(s) only.
    #[serde(default)]
    pub link: String,
    /// The posting's salary, as text ("$120k–$140k").
    #[serde(default)]
    pub salary: String,
    #[serde(default)]
    pub notes: String,
}

/// A contact's fields as the user corrects them; empty means none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactEdit {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub notes: String,
}

/// A follow-up's words and due time as the user corrects them: the day (`2026-03-09`) and the
/// time (`09:30`) as typed, in the user's zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpEdit {
    pub text: String,
    pub date: String,
    pub time: String,
}

impl FollowUpEdit {
    /// The form for a follow-up with `text` due at `due`, in `tz`.
    pub fn of(text: &str, due: DateTime<Utc>, tz: Tz) -> FollowUpEdit {
        let local = due.with_timezone(&tz);
        FollowUpEdit {
            text: text.to_string(),
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
        }
    }

    /// The due time it says in `tz`; `None` when the day or the time is not one (or the clocks
    /// skip that time).
    fn due(&self, tz: Tz) -> Option<DateTime<Utc>> {
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok()?;
        let time = self.time.trim();
        let time = NaiveTime::parse_from_str(time, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
            .ok()?;
        let local = tz.from_local_datetime(&date.and_time(time)).earliest()?;
        Some(local.with_timezone(&Utc))
    }
}

/// One line of text, spaces collapsed; `None` when nothing is left.
fn line(text: &str) -> Option<String> {
    Some(collapse(text).into_owned()).filter(|t| !t.is_empty())
}

/// Free text, trimmed; `None` when nothing is left.
fn notes(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// Sets `field` to `value`, noting what it held when that differs.
fn set(changes: &mut Vec<Change>, field: Field, slot: &mut Option<String>, value: Option<String>) {
    if *slot != value {
        changes.push(Change {
            field,
            was: std::mem::replace(slot, value),
        });
    }
}

impl State {
    pub(super) fn edit_application(
        &mut self,
        id: &str,
        edit: ApplicationEdit,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let mut o = self
            .opportunities
            .get(id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("opportunity {id}")))?;
        let title = line(&edit.title).ok_or(StoreError::Invalid(Key("refusedNoTitle").phrase()))?;
        let link = line(&edit.link);
        if let Some(link) = link.as_deref().filter(|l| !is_web_url(l)) {
            return Err(StoreError::Invalid(
                Key("refusedLink").with([format!("{link:?}").into()]),
            ));
        }
        let mut changed = Vec::new();
        let mut was_title = Some(o.job.title.clone());
        set(&mut changed, Field::Title, &mut was_title, Some(title));
        o.job.title = was_title.unwrap_or_default();
        set(
            &mut changed,
            Field::Company,
            &mut o.job.company,
            line(&edit.company),
        );
        set(
            &mut changed,
            Field::Location,
            &mut o.job.location,
            line(&edit.location),
        );
        set(&mut changed, Field::Link, &mut o.job.url, link);
        set(
            &mut changed,
            Field::Salary,
            &mut o.job.salary,
            line(&edit.salary),
        );
        set(&mut changed, Field::Notes, &mut o.notes, notes(&edit.notes));
        if !changed.is_empty() {
            o.edits.push(Edit {
                at: now,
                changes: changed,
            });
            self.put_opportunity(o, changes);
        }
        Ok(())
    }

    pub(super) fn edit_contact(
        &mut self,
        id: &str,
        edit: ContactEdit,
        now: DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), StoreError> {
        let mut c = self
            .contacts
            .get(id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        let name = line(&edit.name).ok_or(StoreError::Invalid(Key("refusedNoName").phrase()))?;
        let email = line(&edit.email);
        if let Some(email) = email.as_deref().filter(|e| !is_email(e)) {
            return Err(StoreError::Invalid(
                Key("refusedEmail").with([format!("{email:?}").into()]),
            ));
        }
        let mut changed = Vec::new();
        let mut was_name = Some(c.name.clone());
        set(&mut changed, Field::Name, &mut was_name, Some(name));
        c.name = was_name.unwrap_or_default();
        set(&mut changed, Field::Email, &mut c.email, email);
        set(&mut changed, Field::Phone, &mut c.phone, line(&edit.phone));
        set(
            &mut changed,
            Field::Headline,
            &mut c.headline,
            line(&edit.headline),
        );
        set(
            &mut changed,
            Field::Company,
            &mut c.company,
            line(&edit.company),
        );
        set(&mut changed, Field::Notes, &mut c.notes, notes(&edit.notes));
        if !changed.is_empty() {
            c.edits.push(Edit {
                at: now,
                changes: changed,
            });
            self.put_contact(c, changes);
        }
        Ok(())
    }

    /// Corrects a pending follow-up's words and due time. New words are kept with what they
    /// were; a new due time is kept as a snooze is (when, from, until), and must be after `now`.
    /// A time the form shows to the minute is the same time.
    pub(super) fn edit_followup(
        &mut self,
        id: &str,
        edit: FollowUpEdit,
        now: DateTime<Utc>,
        tz: Tz,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        let mut f = self
            .followups
            .get(id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("follow-up {id}")))?;
        if !f.is_pending() {
            return Err(StoreError::Invalid(Key("refusedEnded").phrase()));
        }
        let text = line(&edit.text).ok_or(StoreError::Invalid(Key("refusedNoWords").phrase()))?;
        let due = edit
            .due(tz)
            .ok_or(StoreError::Invalid(Key("refusedDueTime").phrase()))?;
        let shown = f
            .due
            .with_second(0)
            .and_then(|d| d.with_nanosecond(0))
            .unwrap_or(f.due);
        let mut edited = false;
        if due != shown {
            if due <= now {
                return Err(StoreError::Invalid(Key("refusedDueInPast").phrase()));
            }
            f.snoozes.push(Snooze {
                at: now,
                from: f.due,
                until: due,
            });
            if due > f.due {
                f.status = Status::Snoozed;
            }
            f.due = due;
            edited = true;
        }
        if text != f.text {
            f.edits.push(Edit {
                at: now,
                changes: vec![Change {
                    field: Field::Words,
                    was: Some(std::mem::replace(&mut f.text, text)),
                }],
            });
            edited = true;
        }
        if edited {
            changes.followup(&f);
            self.followups.insert(f.id.clone(), f.clone());
        }
        Ok(f.opportunity)
    }
}
