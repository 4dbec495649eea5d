//! Correcting what was captured or typed in: an application's or a contact's fields as the user
//! writes them, checked like new input, with what each field held before kept on the record.

use super::{Changes, State, StoreError};
use crate::model::{Change, Edit, Field};
use crate::phrase::Key;
use crate::text::{collapse, is_email, is_web_url};
use chrono::{DateTime, Utc};
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
    pub headline: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub notes: String,
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
}
