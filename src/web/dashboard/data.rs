//! "Your data" on the dashboard: download a backup, a spreadsheet or a calendar (a Blob and an
//! `<a download>`, no extra permission), restore a backup after the worker has checked it and
//! said what would change, and the reminder when the last backup is old.
//!
//! It knows the page's model, not the page: a task here updates the model and answers how the
//! page should draw itself again (`Redraw`).

use super::model::{Import, Model, Shared};
use crate::dashboard::Dashboard;
use crate::formats::backup::{ImportReport, Mode, Tally};
use crate::formats::download::{File, FileKind};
use crate::messages::{Reply, Request};
use crate::web::dom::{append_button, by_id, el, input_by_id, input_field, toggle_hidden, wire};
use crate::web::i18n::{say, t, tr};
use crate::web::{describe, request};
use gloo::utils::{document, window};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlElement, HtmlInputElement, Url};

/// How the page draws itself once a task here is over.
pub enum Redraw {
    /// Nothing changed.
    Nothing,
    /// From the model as it is.
    Render,
    /// With the dashboard asked again, the data having changed.
    Refresh,
}

/// The controls of the panel, built once: downloads, the file picker and the restore mode.
pub fn shell(panel: &Element) {
    panel
        .append_with_node_1(&el("p", "hint", &t("dashDataHint")))
        .ok();
    let grid = el("div", "data-grid", "");
    panel.append_with_node_1(&grid).ok();

    let backup = el("div", "data-box", "");
    backup
        .append_with_node_1(&el("h3", "", &t("dashBackupTitle")))
        .ok();
    let last = el("p", "muted", "");
    last.set_id("backup-last");
    backup.append_with_node_1(&last).ok();
    append_button(
        &backup,
        "primary",
        &say(&FileKind::Backup.phrase()),
        "download",
        &wire(&FileKind::Backup),
    );
    grid.append_with_node_1(&backup).ok();

    let restore = el("div", "data-box", "");
    restore
        .append_with_node_1(&el("h3", "", &t("dashRestore")))
        .ok();
    let picker = input_field("restore-file", &t("dashRestoreFile"), |input| {
        input.set_attribute("type", "file").ok();
        input.set_attribute("accept", ".json,application/json").ok();
    });
    restore.append_with_node_1(&picker).ok();
    let modes = el("fieldset", "modes", "");
    modes
        .append_with_node_1(&el("legend", "", &t("dashRestoreMode")))
        .ok();
    for mode in Mode::ALL {
        let label = el("label", "check", "");
        if let Ok(radio) = document().create_element("input") {
            radio.set_attribute("type", "radio").ok();
            radio.set_attribute("name", "restore-mode").ok();
            radio.set_attribute("value", &wire(&mode)).ok();
            if mode == Mode::Merge {
                radio.set_attribute("checked", "").ok();
            }
            label.append_with_node_1(&radio).ok();
        }
        label
            .append_with_node_1(&el("span", "", &say(&mode.phrase())))
            .ok();
        modes.append_with_node_1(&label).ok();
    }
    restore.append_with_node_1(&modes).ok();
    grid.append_with_node_1(&restore).ok();

    let export = el("div", "data-box", "");
    export
        .append_with_node_1(&el("h3", "", &t("dashExport")))
        .ok();
    export
        .append_with_node_1(&el("p", "muted", &t("dashExportHint")))
        .ok();
    let buttons = el("div", "actions", "");
    for kind in FileKind::EXPORTS {
        append_button(&buttons, "", &say(&kind.phrase()), "download", &wire(&kind));
    }
    export.append_with_node_1(&buttons).ok();
    grid.append_with_node_1(&export).ok();

    let report = el("div", "import-report", "");
    report.set_id("import-report");
    report.set_attribute("aria-live", "polite").ok();
    panel.append_with_node_1(&report).ok();
}

/// The parts of the panel that change: the last backup, the restore plan, the status.
pub fn panel(model: &Model) {
    if let (Some(last), Some(d)) = (by_id("backup-last"), &model.dashboard) {
        let text = match &d.backup.last {
            Some(day) => tr("dashLastBackup", &[&say(day)]),
            None => t("dashNeverBackedUp"),
        };
        last.set_text_content(Some(&text));
    }
    let Some(area) = by_id("import-report") else {
        return;
    };
    area.set_text_content(None);
    if let Some(status) = &model.status {
        area.append_with_node_1(&el("p", "status", status)).ok();
    }
    let Some(import) = &model.import else {
        return;
    };
    match &import.plan {
        Err(message) => {
            let refused = el(
                "p",
                "notice",
                &tr("dashRestoreRefused", &[&import.name, message]),
            );
            refused.set_attribute("role", "alert").ok();
            area.append_with_node_1(&refused).ok();
        }
        Ok(report) => {
            let title = match import.mode {
                Mode::Merge => tr("dashPlanMerge", &[&import.name]),
                Mode::Replace => tr("dashPlanReplace", &[&import.name]),
            };
            area.append_with_node_1(&el("h3", "", &title)).ok();
            area.append_with_node_1(&tally_table(report)).ok();
            let actions = el("div", "actions", "");
            append_button(
                &actions,
                "primary",
                &t("dashConfirmRestore"),
                "import-confirm",
                "",
            );
            append_button(&actions, "", &t("dashCancel"), "import-cancel", "");
            area.append_with_node_1(&actions).ok();
        }
    }
}

fn tally_table(report: &ImportReport) -> Element {
    let table = el("table", "tally", "");
    let head = el("tr", "", "");
    head.append_with_node_1(&el("th", "", "")).ok();
    for label in [
        t("dashAdded"),
        t("dashUpdated"),
        t("dashRemoved"),
        t("dashUnchanged"),
    ] {
        let th = el("th", "", &label);
        th.set_attribute("scope", "col").ok();
        head.append_with_node_1(&th).ok();
    }
    table.append_with_node_1(&head).ok();
    let rows: [(String, Tally); 7] = [
        (t("dashKindApplications"), report.opportunities),
        (t("dashKindContacts"), report.contacts),
        (t("dashKindEvents"), report.events),
        (t("dashKindFollowups"), report.followups),
        (t("dashKindSeen"), report.seen),
        (t("dashKindAliases"), report.aliases),
        (t("dashKindSettings"), report.settings),
    ];
    for (label, tally) in rows {
        let row = el("tr", "", "");
        let th = el("th", "", &label);
        th.set_attribute("scope", "row").ok();
        row.append_with_node_1(&th).ok();
        for n in [tally.added, tally.updated, tally.removed, tally.unchanged] {
            row.append_with_node_1(&el(
                "td",
                if n > 0 { "n" } else { "n zero" },
                &say(&n.into()),
            ))
            .ok();
        }
        table.append_with_node_1(&row).ok();
    }
    table
}

/// The backup reminder: shown when the last backup is older than 30 days, or there is none
/// yet and the data is a month old.
pub fn reminder(reminder: &Element, d: &Dashboard) {
    reminder.set_text_content(None);
    toggle_hidden(reminder, !d.backup.due);
    if !d.backup.due {
        return;
    }
    let text = match &d.backup.last {
        Some(day) => tr("dashReminder", &[&say(day)]),
        None => t("dashReminderNever"),
    };
    reminder.append_with_node_1(&el("p", "", &text)).ok();
    append_button(
        reminder,
        "primary",
        &say(&FileKind::Backup.phrase()),
        "download",
        &wire(&FileKind::Backup),
    );
}

/// Asks the worker for a file and hands it to the browser's downloads. A backup changes the
/// date of the last one.
pub async fn download(model: Shared, kind: FileKind) -> Redraw {
    match request(&Request::Download { kind }).await {
        Reply::File { file } => {
            if let Err(e) = save(&file) {
                model.borrow_mut().notice = Some(describe(&e));
            }
        }
        Reply::Error { message } => model.borrow_mut().notice = Some(say(&message)),
        _ => model.borrow_mut().notice = Some(t("dashUnexpected")),
    }
    if kind == FileKind::Backup {
        Redraw::Refresh
    } else {
        Redraw::Render
    }
}

/// Saves text as a file: a Blob behind an object URL, clicked as an `<a download>`.
fn save(file: &File) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&file.text));
    let options = BlobPropertyBag::new();
    options.set_type(&file.mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlElement = document().create_element("a")?.dyn_into()?;
    link.set_attribute("href", &url)?;
    link.set_attribute("download", &file.name)?;
    link.click();
    let revoke = Closure::once_into_js(move || {
        Url::revoke_object_url(&url).ok();
    });
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// A file picked or a restore mode chosen: (re)plan the import. Nothing is written. Any other
/// input is none of this panel's business.
pub async fn replan(model: Shared, input: HtmlInputElement) -> Redraw {
    if input.id() == "restore-file" {
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return Redraw::Nothing;
        };
        let mode = chosen_mode();
        let text = match JsFuture::from(file.text()).await {
            Ok(text) => text.as_string().unwrap_or_default(),
            Err(e) => {
                model.borrow_mut().notice = Some(describe(&e));
                return Redraw::Render;
            }
        };
        plan(&model, file.name(), text, mode).await;
        Redraw::Render
    } else if input.name() == "restore-mode" {
        let Some((name, text)) = model
            .borrow()
            .import
            .as_ref()
            .map(|i| (i.name.clone(), i.text.clone()))
        else {
            return Redraw::Nothing;
        };
        plan(&model, name, text, chosen_mode()).await;
        Redraw::Render
    } else {
        Redraw::Nothing
    }
}

fn chosen_mode() -> Mode {
    let checked = document()
        .query_selector("input[name=restore-mode]:checked")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("value"));
    match checked.as_deref() {
        Some("replace") => Mode::Replace,
        _ => Mode::Merge,
    }
}

async fn plan(model: &Shared, name: String, text: String, mode: Mode) {
    let reply = request(&Request::PlanImport {
        text: text.clone(),
        mode,
    })
    .await;
    let plan = match reply {
        Reply::ImportPlan { report } => Ok(report),
        Reply::Error { message } => Err(say(&message)),
        _ => Err(t("dashUnexpected")),
    };
    {
        let mut m = model.borrow_mut();
        m.status = None;
        m.import = Some(Import {
            name,
            text,
            mode,
            plan,
        });
    }
}

/// The user confirmed: import (the worker checks the file again), then show the new data.
pub async fn confirm(model: Shared) -> Redraw {
    let Some((text, mode)) = model
        .borrow()
        .import
        .as_ref()
        .filter(|i| i.plan.is_ok())
        .map(|i| (i.text.clone(), i.mode))
    else {
        return Redraw::Nothing;
    };
    let reply = request(&Request::Import { text, mode }).await;
    let mut m = model.borrow_mut();
    match reply {
        Reply::Imported { .. } => {
            m.import = None;
            m.status = Some(t("dashRestored"));
            if let Some(input) = input_by_id("restore-file") {
                input.set_value("");
            }
        }
        Reply::Error { message } => m.notice = Some(say(&message)),
        _ => m.notice = Some(t("dashUnexpected")),
    }
    Redraw::Refresh
}
