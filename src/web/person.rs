//! The popup's person card, for a LinkedIn profile on the active tab: who they are, one click to
//! save them, then "met", "connected" and "referral from …" (R9, R10, R13), and their part in
//! the user's applications. Draws with DOM text nodes only; clicks become store commands.

use super::dom::{
    append_button, append_where, clamped, el, input_field, select_field, unwire, value_of, wire,
};
use super::i18n::{say, t, tr};
use crate::model::{Role, What};
use crate::person::PersonCard;
use crate::store::{Command, NewEvent};
use web_sys::Element;

/// The roles a contact can play in an application, as offered.
const ROLES: [Role; 4] = [
    Role::Recruiter,
    Role::HiringManager,
    Role::Interviewer,
    Role::Referrer,
];

/// The card of the person on screen.
pub fn card(card: &PersonCard) -> Element {
    let view = el("section", "card page person", "");
    view.set_attribute("aria-label", &t("personCard")).ok();
    let person = &card.person;
    view.append_with_node_1(&clamped("h2", "job-title person-name", &person.name))
        .ok();
    if let Some(headline) = &person.headline {
        view.append_with_node_1(&clamped("p", "person-headline", headline))
            .ok();
    }
    let degree = person
        .degree
        .as_deref()
        .map(|degree| tr("personDegree", &[degree]));
    append_where(&view, &[person.company.as_deref(), degree.as_deref()]);
    let actions = el("div", "actions", "");
    let Some(contact) = &card.contact else {
        append_button(&actions, "primary", &t("personSave"), "save-person", "");
        view.append_with_node_1(&actions).ok();
        return view;
    };
    actions
        .append_with_node_1(&el("span", "status", &t("personSaved")))
        .ok();
    append_button(&actions, "", &t("personMet"), "person-met", &contact.id);
    if !contact.is_first_degree() {
        append_button(
            &actions,
            "",
            &t("personConnected"),
            "person-connected",
            &contact.id,
        );
    }
    view.append_with_node_1(&actions).ok();
    view.append_with_node_1(&referral(card, &contact.id)).ok();
    if !card.linked.is_empty() {
        view.append_with_node_1(&el("h3", "person-sub", &t("personLinked")))
            .ok();
        let list = el("ul", "person-links", "");
        for link in &card.linked {
            let line = format!(
                "{} · {} · {}",
                say(&link.role.phrase()),
                link.title,
                say(&link.company)
            );
            list.append_with_node_1(&el("li", "", &line)).ok();
        }
        view.append_with_node_1(&list).ok();
    }
    if !card.jobs.is_empty() {
        view.append_with_node_1(&link_form(card, &contact.id)).ok();
    }
    view
}

/// "Referral from …": a saved contact's name to pick, or any name to type.
fn referral(card: &PersonCard, id: &str) -> Element {
    let form = el("div", "person-form", "");
    let field = input_field("referrer-name", &t("personReferralFrom"), |input| {
        input.set_type("text");
        input.set_autocomplete("off");
        input.set_attribute("list", "referrer-names").ok();
    });
    let names = el("datalist", "", "");
    names.set_id("referrer-names");
    for name in &card.referrers {
        let option = el("option", "", "");
        option.set_attribute("value", name).ok();
        names.append_with_node_1(&option).ok();
    }
    field.append_with_node_1(&names).ok();
    form.append_with_node_1(&field).ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "", &t("personLogReferral"), "person-referral", id);
    form.append_with_node_1(&actions).ok();
    form
}

/// Link the contact to a tracked application, in a role.
fn link_form(card: &PersonCard, id: &str) -> Element {
    let form = el("div", "person-form", "");
    let jobs = card
        .jobs
        .iter()
        .map(|job| {
            let label = format!("{} · {}", job.title, say(&job.company));
            (job.id.clone(), label)
        })
        .collect::<Vec<_>>();
    form.append_with_node_1(&select_field("link-job", &t("personLinkTo"), &jobs))
        .ok();
    let roles = ROLES
        .iter()
        .map(|role| (wire(role), say(&role.phrase())))
        .collect::<Vec<_>>();
    form.append_with_node_1(&select_field("link-role", &t("personRole"), &roles))
        .ok();
    let actions = el("div", "actions", "");
    append_button(&actions, "", &t("personLink"), "person-link", id);
    form.append_with_node_1(&actions).ok();
    form
}

/// The command a person-card button asks for, with the form values it needs.
pub fn command_for(action: &str, id: &str, card: &PersonCard) -> Option<Command> {
    let event = |what: What| Command::LogEvent {
        event: NewEvent {
            opportunity_id: None,
            contact_id: Some(id.to_string()),
            at: None,
            with: None,
            what,
        },
    };
    let connected = card.contact.as_ref().is_some_and(|c| c.is_first_degree());
    Some(match action {
        "save-person" => Command::SavePerson {
            person: card.person.clone(),
        },
        "person-met" => event(What::Met { connected }),
        "person-connected" => event(What::Connected),
        "person-referral" => Command::ReferralFrom {
            contact_id: id.to_string(),
            referrer: value_of("referrer-name"),
        },
        "person-link" => Command::LinkContact {
            contact_id: id.to_string(),
            opportunity_id: Some(value_of("link-job")).filter(|v| !v.is_empty())?,
            role: unwire(&value_of("link-role"))?,
        },
        _ => return None,
    })
}
