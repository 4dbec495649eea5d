//! The small forms that correct an application (in its timeline), a contact (in the contacts
//! list) or a follow-up (in the follow-ups list): filled from what the core says the form starts with, read back into the edit the core
//! checks. Deciding what is valid is the core's; this only draws and reads fields.

use crate::dashboard::lists::{ContactRow, FollowUpRow};
use crate::dashboard::Timeline;
use crate::phrase::Key;
use crate::store::{ApplicationEdit, ContactEdit, FollowUpEdit};
use crate::web::dom::{
    append_button, append_named_button, el, input_field, textarea_field, value_of,
};
use crate::web::i18n::{t, tr};
use web_sys::Element;

/// A text field of a form, prefilled.
fn text(id: &str, label: Key, kind: &str, value: &str) -> Element {
    input_field(id, &t(label.0), |input| {
        input.set_attribute("type", kind).ok();
        input.set_value(value);
    })
}

/// A form with a heading, its fields, and Save and Cancel.
fn form(class: &str, heading: &str, fields: Vec<Element>, save: &str, id: &str) -> Element {
    let form = el("div", &format!("edit-form {class}"), "");
    form.set_attribute("role", "group").ok();
    form.set_attribute("aria-label", heading).ok();
    form.append_with_node_1(&el("h3", "", heading)).ok();
    let grid = el("div", "edit-fields", "");
    for field in fields {
        grid.append_with_node_1(&field).ok();
    }
    form.append_with_node_1(&grid).ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "primary", &t("dashSave"), save, id);
    append_button(&actions, "", &t("dashCancel"), "cancel-edit", "");
    form.append_with_node_1(&actions).ok();
    form
}

pub fn application_form(tl: &Timeline) -> Element {
    let f = &tl.form;
    form(
        "application",
        &t("dashEditApplication"),
        vec![
            text("edit-title", Key("dashLabelTitle"), "text", &f.title),
            text("edit-company", Key("dashLabelCompany"), "text", &f.company),
            text(
                "edit-location",
                Key("dashLabelLocation"),
                "text",
                &f.location,
            ),
            text("edit-link", Key("dashLabelLink"), "url", &f.link),
            text("edit-salary", Key("dashLabelSalary"), "text", &f.salary),
            textarea_field("edit-notes", &t("dashLabelNotes"), 3, &f.notes),
        ],
        "save-application",
        &tl.id,
    )
}

pub fn read_application() -> ApplicationEdit {
    ApplicationEdit {
        title: value_of("edit-title"),
        company: value_of("edit-company"),
        location: value_of("edit-location"),
        link: value_of("edit-link"),
        salary: value_of("edit-salary"),
        notes: value_of("edit-notes"),
    }
}

pub fn contact_form(row: &ContactRow) -> Element {
    let f = &row.form;
    let item = el("li", "row editing", "");
    item.set_attribute("data-id", &row.id).ok();
    let form = form(
        "contact",
        &tr("dashEditContact", &[&row.name]),
        vec![
            text("contact-edit-name", Key("dashLabelName"), "text", &f.name),
            text(
                "contact-edit-email",
                Key("dashLabelEmail"),
                "email",
                &f.email,
            ),
            text("contact-edit-phone", Key("dashLabelPhone"), "tel", &f.phone),
            text(
                "contact-edit-headline",
                Key("dashLabelHeadline"),
                "text",
                &f.headline,
            ),
            text(
                "contact-edit-company",
                Key("dashLabelCompany"),
                "text",
                &f.company,
            ),
            textarea_field("contact-edit-notes", &t("dashLabelNotes"), 3, &f.notes),
        ],
        "save-contact",
        &row.id,
    );
    item.append_with_node_1(&form).ok();
    item
}

pub fn read_contact() -> ContactEdit {
    ContactEdit {
        name: value_of("contact-edit-name"),
        email: value_of("contact-edit-email"),
        phone: value_of("contact-edit-phone"),
        headline: value_of("contact-edit-headline"),
        company: value_of("contact-edit-company"),
        notes: value_of("contact-edit-notes"),
    }
}

/// A follow-up's row as its form: its words, its due day and time, under whom and what it is
/// about.
pub fn followup_form(row: &FollowUpRow) -> Element {
    let f = &row.form;
    let item = el("li", "row editing", "");
    item.set_attribute("data-id", &row.id).ok();
    if !row.about.is_empty() {
        item.append_with_node_1(&el("p", "about", &row.about)).ok();
    }
    let form = form(
        "followup",
        &t("dashEditFollowUp"),
        vec![
            text("followup-edit-text", Key("dashLabelWords"), "text", &f.text),
            text(
                "followup-edit-date",
                Key("dashLabelDueDate"),
                "date",
                &f.date,
            ),
            text(
                "followup-edit-time",
                Key("dashLabelDueTime"),
                "time",
                &f.time,
            ),
        ],
        "save-followup",
        &row.id,
    );
    item.append_with_node_1(&form).ok();
    item
}

pub fn read_followup() -> FollowUpEdit {
    FollowUpEdit {
        text: value_of("followup-edit-text"),
        date: value_of("followup-edit-date"),
        time: value_of("followup-edit-time"),
    }
}

/// Edit and Delete for one application, contact or follow-up, each named with its name.
pub fn actions(parent: &Element, name: &str, id: &str, what: &str) {
    let edit = tr("dashEditOf", &[name]);
    append_named_button(parent, &t("dashEdit"), &edit, &format!("edit-{what}"), id);
    let delete = tr("dashDeleteOf", &[name]);
    append_named_button(
        parent,
        &t("dashDelete"),
        &delete,
        &format!("delete-{what}"),
        id,
    );
}
