//! A ready message for every follow-up: the default templates (plain, short and specific, in the
//! spirit of the seeds), the user's own templates from settings over them, the names, role,
//! company and dates filled in, and a `mailto:` link when the person's email is known.

use crate::model::{FollowUp, Role, Rule, Template, What};
use crate::store::{State, StoreError};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A message ready to copy or send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub rule: Rule,
    /// What kind of message this is: "Thank-you note".
    pub kind: String,
    pub subject: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `mailto:` with the subject and body, when an email is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailto: Option<String>,
    /// The most characters the channel takes (a LinkedIn connection note); the body fits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
}

/// LinkedIn cuts connection notes at 300 characters.
pub const CONNECT_NOTE_LIMIT: usize = 299;

/// The default message of each rule: kind, subject, body. Placeholders: `{first_name}`,
/// `{name}`, `{role}`, `{company}`, `{date}` (of the event), `{when}` (the meeting),
/// `{referrer}`, `{person}` (whom the referrer pointed you to), `{promise}`, `{topic}` (what a
/// thread is about) and `{my_name}`. Square brackets are for the user to fill.
#[rustfmt::skip]
pub const DEFAULTS: &[(Rule, &str, &str, &str)] = &[
    (Rule::R1, "Application note", "Application: {role}",
     "Dear {first_name},\n\nI am applying for the {role} role at {company}. [One line on why this role, one on what you bring.]\n\nThank you for your time,\n{my_name}"),
    (Rule::R2, "Call script: who is hiring", "Who leads hiring for {role}?",
     "Hello, I applied for the {role} position on {date}. Could you tell me the name of the person who oversees that team, or who in HR handles it? I would like to make sure my résumé landed in the right hands. Thank you."),
    (Rule::R3, "Application follow-up", "My application for {role}",
     "Dear {first_name},\n\nI applied for the {role} position at {company} on {date} and wanted to make sure my résumé reached you. I am very interested in the role and would welcome the chance to talk about how I can help. Could we set up a time for an interview?\n\nThank you,\n{my_name}"),
    (Rule::R4, "Second touch", "Following up: {topic}",
     "Dear {first_name},\n\nI am following up on my note about {topic}. I am still very interested and happy to work around your schedule. Would a short call this week suit you?\n\nBest regards,\n{my_name}"),
    (Rule::R6, "Thank-you note", "Thank you for {date}",
     "Dear {first_name},\n\nThank you for taking the time to talk with me about the {role} role on {date}. I keep thinking about [one idea from our conversation], and it is exactly the kind of problem I would enjoy working on at {company}. [One skill of yours that fits the role.]\n\nI look forward to hearing from you.\n\nBest regards,\n{my_name}"),
    (Rule::R7, "Interest and timeline", "{role}: next steps",
     "Dear {first_name},\n\nI enjoyed our interview on {date} and I am even more interested in the {role} role at {company}. Could you tell me where you are in the decision process and when you expect to decide?\n\nThank you,\n{my_name}"),
    (Rule::R8, "Post-rejection note", "Thank you for considering me",
     "Dear {first_name},\n\nThank you for considering me for the {role} role at {company}. I enjoyed learning about the team. If anything changes, or another role opens, I would be glad to hear from you, and I would like to stay in touch.\n\nBest wishes,\n{my_name}"),
    (Rule::R9, "Networking follow-up", "Coffee early next week?",
     "Hi {first_name},\n\nIt was good to meet you on {date}. I would like to continue our conversation: could we meet early next week for coffee or a short call? Tell me what suits you.\n\nBest,\n{my_name}"),
    (Rule::R10, "LinkedIn connection note", "",
     "Hi {first_name}, it was good to meet you on {date}. As discussed, I would like to stay connected here. {my_name}"),
    (Rule::R11, "Recap", "Recap of our conversation on {date}",
     "Hi {first_name},\n\nThank you for your time on {date}. The highlights as I understood them:\n- [highlight]\n- [highlight]\n\nWhat I promised: [what, and by when].\n\nBest,\n{my_name}"),
    (Rule::R12, "Meeting reminder", "Reminder: our meeting on {when}",
     "Hi {first_name},\n\nA quick reminder of our meeting on {when}. I look forward to it.\n\nBest,\n{my_name}"),
    (Rule::R13, "Referral outreach", "{referrer} suggested I reach out",
     "Dear {first_name},\n\nOur mutual friend {referrer} spoke very highly of you and suggested that I reach out. Since you are an expert in your field, I would like to learn more about your background and experience, and ask for your career advice. Would you have twenty minutes for a coffee or a call?\n\nThank you,\n{my_name}"),
    (Rule::R14, "Referrer update", "An update, and thank you",
     "Hi {first_name},\n\nA quick update since you pointed me to {person}: [whom I contacted, who replied, whom I met and what came of it]. Thank you again for the introduction.\n\nBest,\n{my_name}"),
    (Rule::R15, "Promise kept", "As promised",
     "Hi {first_name},\n\nAs promised: {promise}.\n\nBest,\n{my_name}"),
    (Rule::R16, "Touching base", "Checking in",
     "Hi {first_name},\n\nIt has been a while and I wanted to check in. How are things going on your side? If there is anything I can help with, I would be glad to.\n\nBest,\n{my_name}"),
];

/// A rule's message as the settings page shows it for editing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateView {
    pub rule: Rule,
    /// "Thank-you note".
    pub kind: String,
    pub template: Template,
    /// The user's own rather than the default.
    pub custom: bool,
}

/// Every rule's message, the user's where they wrote one, in rule order.
pub fn templates(state: &State) -> Vec<TemplateView> {
    DEFAULTS
        .iter()
        .map(|(rule, kind, ..)| TemplateView {
            rule: *rule,
            kind: kind.to_string(),
            template: template(state, *rule),
            custom: state.settings.templates.contains_key(rule),
        })
        .collect()
}

/// The template for a rule: the user's own, else the default.
pub fn template(state: &State, rule: Rule) -> Template {
    state
        .settings
        .templates
        .get(&rule)
        .cloned()
        .unwrap_or_else(|| default_template(rule))
}

pub fn default_template(rule: Rule) -> Template {
    DEFAULTS
        .iter()
        .find(|(r, ..)| *r == rule)
        .map(|(_, _, subject, body)| Template {
            subject: subject.to_string(),
            body: body.to_string(),
        })
        .unwrap_or(Template {
            subject: String::new(),
            body: String::new(),
        })
}

fn kind(rule: Rule) -> &'static str {
    DEFAULTS
        .iter()
        .find(|(r, ..)| *r == rule)
        .map(|(_, kind, ..)| *kind)
        .unwrap_or("Message")
}

/// The draft of a follow-up, dates worded in `tz`.
pub fn draft(state: &State, followup_id: &str, tz: Tz) -> Result<Draft, StoreError> {
    let followup = state
        .followups
        .get(followup_id)
        .ok_or_else(|| StoreError::NotFound(format!("follow-up {followup_id}")))?;
    let vars = vars(state, followup, tz);
    let template = template(state, followup.rule);
    let subject = fill(&template.subject, &vars);
    let mut body = tidy(&fill(&template.body, &vars));
    let max_chars = (followup.rule == Rule::R10).then_some(CONNECT_NOTE_LIMIT);
    if let Some(limit) = max_chars {
        body = shorten(&body, limit);
    }
    let to = recipient(state, followup)
        .and_then(|c| c.email.clone())
        .filter(|e| is_email(e));
    let mailto = to.as_deref().map(|to| mailto(to, &subject, &body));
    Ok(Draft {
        rule: followup.rule,
        kind: kind(followup.rule).to_string(),
        subject,
        body,
        to,
        mailto,
        max_chars,
    })
}

/// The person a follow-up's message goes to: its own person, else the job's best-known contact.
fn recipient<'a>(state: &'a State, f: &FollowUp) -> Option<&'a crate::model::Contact> {
    if let Some(c) = f.contact.as_ref().and_then(|id| state.contacts.get(id)) {
        return Some(c);
    }
    let job = f.opportunity.as_deref()?;
    let preferred: &[Role] = match f.rule {
        Rule::R6 => &[Role::Interviewer, Role::HiringManager, Role::Recruiter],
        _ => &[Role::HiringManager, Role::Recruiter, Role::Interviewer],
    };
    preferred.iter().chain(&[Role::Contact]).find_map(|role| {
        state
            .contacts
            .values()
            .find(|c| c.role_in(job) == Some(*role))
    })
}

fn vars(state: &State, f: &FollowUp, tz: Tz) -> Vec<(&'static str, String)> {
    let contact = recipient(state, f);
    let name = contact
        .map(|c| c.name.trim().to_string())
        .unwrap_or_default();
    // Without a known person a job's message goes to its hiring manager: "Dear Hiring Manager,"
    // reads right where "Dear there," would not.
    let nobody = if f.opportunity.is_some() {
        "Hiring Manager"
    } else {
        "there"
    };
    let first_name = name
        .split_whitespace()
        .next()
        .map_or_else(|| nobody.to_string(), str::to_string);
    let opportunity = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id));
    let role = opportunity.map(|o| o.job.title.clone()).unwrap_or_default();
    let company = opportunity
        .map(|o| o.company_name().to_string())
        .unwrap_or_else(|| "your company".into());
    let event = state.events.get(&f.event);
    let date = event
        .map(|e| e.at.with_timezone(&tz).format("%A %-d %B").to_string())
        .unwrap_or_default();
    let when = match event.map(|e| &e.what) {
        Some(What::MeetingScheduled { when }) => when
            .with_timezone(&tz)
            .format("%A %-d %B at %H:%M")
            .to_string(),
        _ => String::new(),
    };
    let promise = match event.map(|e| &e.what) {
        Some(What::Promise { text }) => text.trim().trim_end_matches('.').to_string(),
        _ => String::new(),
    };
    let name_of = |id: Option<&String>| {
        id.and_then(|id| state.contacts.get(id))
            .map(|c| c.name.clone())
            .filter(|n| !n.is_empty())
    };
    let referrer = name_of(contact.and_then(|c| c.referred_by.as_ref()))
        .unwrap_or_else(|| "a mutual friend".into());
    let person = name_of(event.and_then(|e| e.contact.as_ref()))
        .unwrap_or_else(|| "the person you suggested".into());
    let topic = match opportunity {
        Some(o) => format!(
            "my application for the {} role at {}",
            o.job.title,
            o.company_name()
        ),
        None => "our conversation".into(),
    };
    vec![
        ("first_name", first_name),
        (
            "name",
            if name.is_empty() {
                "there".into()
            } else {
                name
            },
        ),
        ("role", role),
        ("company", company),
        ("date", date),
        ("when", when),
        ("promise", promise),
        ("referrer", referrer),
        ("person", person),
        ("topic", topic),
        ("my_name", state.settings.your_name.trim().to_string()),
    ]
}

/// Fills the known placeholders; anything else in braces is left for the user to see.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    vars.iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// No trailing spaces, no trailing blank lines.
fn tidy(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

/// Cuts at a word boundary so the text plus "…" fits `limit` characters.
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) => &cut[..space],
        None => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// A plausible single address: one `@`, text on both sides, a dot in the domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `mailto:` per RFC 6068: everything but unreserved characters percent-encoded (UTF-8), line
/// breaks as `%0D%0A`.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        encode(to, b"@"),
        encode(subject, b""),
        encode(&body, b"")
    )
}

fn encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_default_draft() {
        use Rule::*;
        for rule in [
            R1, R2, R3, R4, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16,
        ] {
            let t = default_template(rule);
            assert!(!t.body.is_empty(), "{rule:?}");
        }
    }

    #[test]
    fn a_mailto_link_percent_encodes_subject_body_and_line_breaks() {
        let link = mailto(
            "dana.lee+jobs@acme.example",
            "Thank you & next steps?",
            "Hi Dana,\n\nRésumé #2 = 100%",
        );
        assert_eq!(
            link,
            "mailto:dana.lee%2Bjobs@acme.example?subject=Thank%20you%20%26%20next%20steps%3F\
             &body=Hi%20Dana%2C%0D%0A%0D%0AR%C3%A9sum%C3%A9%20%232%20%3D%20100%25"
        );
    }

    #[test]
    fn only_plausible_addresses_get_a_mailto() {
        assert!(is_email("dana@acme.example"));
        for bad in [
            "dana",
            "dana@acme",
            "a b@acme.example",
            "@acme.example",
            "x@y@z.io",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn a_long_note_is_cut_at_a_word_to_fit_the_limit() {
        let long = "word ".repeat(100);
        let short = shorten(&long, CONNECT_NOTE_LIMIT);
        assert!(short.chars().count() <= CONNECT_NOTE_LIMIT);
        assert!(short.ends_with("word…"));
    }

    #[test]
    fn unknown_placeholders_are_left_for_the_user_to_see() {
        let filled = fill(
            "Hi {first_name}, {mystery}",
            &[("first_name", "Dana".into())],
        );
        assert_eq!(filled, "Hi Dana, {mystery}");
    }
}
