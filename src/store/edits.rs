//! Correcting what was captured or typed in: an application's, a contact's or a follow-up's
//! fields as the user writes them, checked like new input, with what each field held before and
//! after kept on the record (a follow-up's earlier due times as its snoozes are), so the last
//! edit of a record can be undone while nothing changed it since.

use super::{Changes, State, StoreError};
use crate::model::{Change, Contact, Edit, Field, FollowUp, Id, Opportunity, Snooze, Status};
use crate::phrase::Key;
use crate::text::{collapse, is_email, is_web_url};
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
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

/// Sets `field` to `value`, noting what it held when that differs, and what it holds now.
fn set(changes: &mut Vec<Change>, field: Field, slot: &mut Option<String>, value: Option<String>) {
    if *slot != value {
        let is = Some(value.clone().unwrap_or_default());
        changes.push(Change {
            field,
            was: std::mem::replace(slot, value),
            is,
        });
    }
}

/// The record whose last edit to undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Edited {
    Application(Id),
    Contact(Id),
    FollowUp(Id),
}

/// An application's field, if it has that field.
fn application_slot(o: &mut Opportunity, field: Field) -> Option<&mut Option<String>> {
    match field {
        Field::Company => Some(&mut o.job.company),
        Field::Location => Some(&mut o.job.location),
        Field::Link => Some(&mut o.job.url),
        Field::Salary => Some(&mut o.job.salary),
        Field::Notes => Some(&mut o.notes),
        _ => None,
    }
}

/// A contact's field, if it has that field.
fn contact_slot(c: &mut Contact, field: Field) -> Option<&mut Option<String>> {
    match field {
        Field::Email => Some(&mut c.email),
        Field::Phone => Some(&mut c.phone),
        Field::Headline => Some(&mut c.headline),
        Field::Company => Some(&mut c.company),
        Field::Notes => Some(&mut c.notes),
        _ => None,
    }
}

/// A record whose corrected fields Undo reads and writes: `None` for empty.
trait Corrected {
    fn edits(&mut self) -> &mut Vec<Edit>;
    /// The field's value, or `None` when the record has no such field.
    fn field(&mut self, field: Field) -> Option<Option<String>>;
    fn write(&mut self, field: Field, value: Option<String>);
}

impl Corrected for Opportunity {
    fn edits(&mut self) -> &mut Vec<Edit> {
        &mut self.edits
    }
    fn field(&mut self, field: Field) -> Option<Option<String>> {
        match field {
            Field::Title => Some(Some(self.job.title.clone())),
            _ => application_slot(self, field).map(|slot| slot.clone()),
        }
    }
    fn write(&mut self, field: Field, value: Option<String>) {
        match field {
            Field::Title => self.job.title = value.unwrap_or_default(),
            _ => {
                if let Some(slot) = application_slot(self, field) {
                    *slot = value;
                }
            }
        }
    }
}

impl Corrected for Contact {
    fn edits(&mut self) -> &mut Vec<Edit> {
        &mut self.edits
    }
    fn field(&mut self, field: Field) -> Option<Option<String>> {
        match field {
            Field::Name => Some(Some(self.name.clone())),
            _ => contact_slot(self, field).map(|slot| slot.clone()),
        }
    }
    fn write(&mut self, field: Field, value: Option<String>) {
        match field {
            Field::Name => self.name = value.unwrap_or_default(),
            _ => {
                if let Some(slot) = contact_slot(self, field) {
                    *slot = value;
                }
            }
        }
    }
}

impl Corrected for FollowUp {
    fn edits(&mut self) -> &mut Vec<Edit> {
        &mut self.edits
    }
    fn field(&mut self, field: Field) -> Option<Option<String>> {
        (field == Field::Words).then(|| Some(self.text.clone()))
    }
    fn write(&mut self, field: Field, value: Option<String>) {
        if field == Field::Words {
            self.text = value.unwrap_or_default();
        }
    }
}

/// Puts back what the record's last edit changed and drops that edit from the history: the
/// record reads as if it had never been made. Refused when there is no edit to undo, or when a
/// field it set holds something else now. The edit undone.
fn put_back(record: &mut impl Corrected) -> Result<Edit, StoreError> {
    let nothing = || StoreError::Invalid(Key("refusedNothingToUndo").phrase());
    let last = record.edits().last().cloned().ok_or_else(nothing)?;
    for change in &last.changes {
        let is = change.is.as_deref().ok_or_else(nothing)?;
        let now = record.field(change.field).ok_or_else(changed_since)?;
        if now.as_deref().unwrap_or_default() != is {
            return Err(changed_since());
        }
    }
    record.edits().pop();
    for change in &last.changes {
        record.write(change.field, change.was.clone());
    }
    Ok(last)
}

fn changed_since() -> StoreError {
    StoreError::Invalid(Key("refusedEditChangedSince").phrase())
}

fn gone() -> StoreError {
    StoreError::Invalid(Key("refusedEditGone").phrase())
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
        let mut reworded = Vec::new();
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
            reworded.push(Change {
                field: Field::Words,
                is: Some(text.clone()),
                was: Some(std::mem::replace(&mut f.text, text)),
            });
            edited = true;
        }
        if edited {
            f.edits.push(Edit {
                at: now,
                changes: reworded,
            });
            changes.followup(&f);
            self.followups.insert(f.id.clone(), f.clone());
        }
        Ok(f.opportunity)
    }

    /// Undoes the last edit of a record: each field it changed holds what it held before, and the
    /// edit leaves the history (a follow-up's moved due time, kept as a snooze, goes back too).
    /// Refused in words when the record is gone or a field the edit set changed since. The
    /// opportunity it was about, if any.
    pub(super) fn undo_edit(
        &mut self,
        edited: &Edited,
        changes: &mut Changes,
    ) -> Result<Option<Id>, StoreError> {
        match edited {
            Edited::Application(id) => {
                let mut o = self.opportunities.get(id).cloned().ok_or_else(gone)?;
                put_back(&mut o)?;
                self.put_opportunity(o, changes);
                Ok(Some(id.clone()))
            }
            Edited::Contact(id) => {
                let mut c = self.contacts.get(id).cloned().ok_or_else(gone)?;
                put_back(&mut c)?;
                self.put_contact(c, changes);
                Ok(None)
            }
            Edited::FollowUp(id) => {
                let mut f = self.followups.get(id).cloned().ok_or_else(gone)?;
                if !f.is_pending() {
                    return Err(changed_since());
                }
                let at = f.edits.last().map(|e| e.at);
                if f.snoozes.last().is_some_and(|s| Some(s.at) > at) {
                    return Err(changed_since());
                }
                let edit = put_back(&mut f)?;
                if let Some(moved) = f.snoozes.pop_if(|s| s.at == edit.at) {
                    f.due = moved.from;
                    if moved.until > moved.from && f.snoozes.is_empty() {
                        f.status = Status::Open;
                    }
                }
                changes.followup(&f);
                let about = f.opportunity.clone();
                self.followups.insert(f.id.clone(), f);
                Ok(about)
            }
        }
    }
}
