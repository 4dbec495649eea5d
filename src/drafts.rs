//! A ready message for every follow-up: the default templates (plain, short and specific, in the
//! spirit of the seeds, in `_locales` so they come in the user's language), the user's own
//! templates from settings over them, the names, role, company and dates filled in, and a
//! `mailto:` link when the person's email is known.

use crate::model::{Contact, FollowUp, Role, Rule, Template, What};
use crate::phrase::{Key, Phrase, Style, Words};
use crate::store::{State, StoreError};
use crate::text::is_email;
use crate::zone::Tz;
use serde::{Deserialize, Serialize};

/// A follow-up's message before it is in words: the template and what fills it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub rule: Rule,
    /// The user's own template for the rule; without one, the default in the user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<Template>,
    /// What each placeholder (`first_name`, `role`, …) stands for.
    pub vars: Vec<(String, Phrase)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The most characters the channel takes (a LinkedIn connection note); the body fits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
}

/// A message ready to copy or send.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// What kind of message this is: "Thank-you note".
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub to: Option<String>,
    /// `mailto:` with the subject and body, when an email is known.
    pub mailto: Option<String>,
    pub max_chars: Option<usize>,
}

/// LinkedIn cuts connection notes at 300 characters.
pub const CONNECT_NOTE_LIMIT: usize = 299;

/// The default message of each rule, as messages: kind, subject (none for a LinkedIn note or a
/// note to yourself), body. Placeholders: `{first_name}`, `{name}`, `{role}`, `{company}`, `{date}` (of the event),
/// `{when}` (the meeting), `{referrer}`, `{person}` (whom the referrer pointed you to),
/// `{promise}` (or the words of the user's own reminder), `{topic}` (what a thread is about) and
/// `{my_name}`. Square brackets are for the user to fill.
#[rustfmt::skip]
pub const DEFAULTS: &[(Rule, Key, Option<Key>, Key)] = &[
    (Rule::R1, Key("draftKindR1"), Some(Key("draftSubjectR1")), Key("draftBodyR1")),
    (Rule::R2, Key("draftKindR2"), Some(Key("draftSubjectR2")), Key("draftBodyR2")),
    (Rule::R3, Key("draftKindR3"), Some(Key("draftSubjectR3")), Key("draftBodyR3")),
    (Rule::R4, Key("draftKindR4"), Some(Key("draftSubjectR4")), Key("draftBodyR4")),
    (Rule::R6, Key("draftKindR6"), Some(Key("draftSubjectR6")), Key("draftBodyR6")),
    (Rule::R7, Key("draftKindR7"), Some(Key("draftSubjectR7")), Key("draftBodyR7")),
    (Rule::R8, Key("draftKindR8"), Some(Key("draftSubjectR8")), Key("draftBodyR8")),
    (Rule::R9, Key("draftKindR9"), Some(Key("draftSubjectR9")), Key("draftBodyR9")),
    (Rule::R10, Key("draftKindR10"), None, Key("draftBodyR10")),
    (Rule::R11, Key("draftKindR11"), Some(Key("draftSubjectR11")), Key("draftBodyR11")),
    (Rule::R12, Key("draftKindR12"), Some(Key("draftSubjectR12")), Key("draftBodyR12")),
    (Rule::R13, Key("draftKindR13"), Some(Key("draftSubjectR13")), Key("draftBodyR13")),
    (Rule::R14, Key("draftKindR14"), Some(Key("draftSubjectR14")), Key("draftBodyR14")),
    (Rule::R15, Key("draftKindR15"), Some(Key("draftSubjectR15")), Key("draftBodyR15")),
    (Rule::R16, Key("draftKindR16"), Some(Key("draftSubjectR16")), Key("draftBodyR16")),
    (Rule::Own, Key("draftKindOwn"), None, Key("draftBodyOwn")),
];

/// A rule's message as the settings page shows it for editing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateView {
    pub rule: Rule,
    /// "Thank-you note".
    pub kind: Phrase,
    /// The user's own template; without one the page shows the default in the user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<Template>,
}

/// Every rule's message, the user's where they wrote one, in rule order.
pub fn templates(state: &State) -> Vec<TemplateView> {
    DEFAULTS
        .iter()
        .map(|(rule, ..)| TemplateView {
            rule: *rule,
            kind: kind(*rule),
            custom: state.settings.templates.get(rule).cloned(),
        })
        .collect()
}

/// A rule's default template in the language of `words`.
pub fn default_template(rule: Rule, words: &dyn Words) -> Template {
    let (subject, body) = DEFAULTS
        .iter()
        .find(|(r, ..)| *r == rule)
        .map(|(_, _, subject, body)| (*subject, Some(*body)))
        .unwrap_or_default();
    let say = |key: Option<Key>| key.map(|key| key.phrase().say(words)).unwrap_or_default();
    Template {
        subject: say(subject),
        body: say(body),
    }
}

/// What kind of message a rule's is: "Thank-you note".
fn kind(rule: Rule) -> Phrase {
    DEFAULTS
        .iter()
        .find(|(r, ..)| *r == rule)
        .map_or(Key("draftKindOther"), |(_, kind, ..)| *kind)
        .phrase()
}

/// The draft of a follow-up, dates worded in `tz`. The user's own reminder is a note to
/// themselves: it goes to nobody.
pub fn draft(state: &State, followup_id: &str, tz: Tz) -> Result<Draft, StoreError> {
    let followup = state
        .followups
        .get(followup_id)
        .ok_or_else(|| StoreError::NotFound(format!("follow-up {followup_id}")))?;
    Ok(Draft {
        rule: followup.rule,
        custom: state.settings.templates.get(&followup.rule).cloned(),
        vars: vars(state, followup, tz),
        to: recipient(state, followup)
            .filter(|_| followup.rule != Rule::Own)
            .and_then(|c| c.email.clone())
            .filter(|e| is_email(e)),
        max_chars: (followup.rule == Rule::R10).then_some(CONNECT_NOTE_LIMIT),
    })
}

impl Draft {
    /// The message in the language of `words`: the template filled, tidied and cut to fit.
    pub fn write(&self, words: &dyn Words) -> Written {
        let template = self
            .custom
            .clone()
            .unwrap_or_else(|| default_template(self.rule, words));
        let vars: Vec<(&str, String)> = self
            .vars
            .iter()
            .map(|(name, value)| (name.as_str(), value.say(words)))
            .collect();
        let subject = fill(&template.subject, &vars);
        let mut body = tidy(&fill(&template.body, &vars));
        if let Some(limit) = self.max_chars {
            body = shorten(&body, limit);
        }
        Written {
            kind: kind(self.rule).say(words),
            mailto: self.to.as_deref().map(|to| mailto(to, &subject, &body)),
            subject,
            body,
            to: self.to.clone(),
            max_chars: self.max_chars,
        }
    }
}

/// The person a follow-up's message goes to: its own person, else the job's best-known contact.
fn recipient<'a>(state: &'a State, f: &FollowUp) -> Option<&'a Contact> {
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

fn vars(state: &State, f: &FollowUp, tz: Tz) -> Vec<(String, Phrase)> {
    let name = recipient(state, f)
        .map(|c| c.name.trim().to_string())
        .unwrap_or_default();
    // Without a known person a job's message goes to its hiring manager: "Dear Hiring Manager,"
    // reads right where "Dear there," would not.
    let nobody = match f.opportunity {
        Some(_) => Key("draftHiringManager"),
        None => Key("draftThere"),
    };
    let first_name = name
        .split_whitespace()
        .next()
        .map_or_else(|| nobody.phrase(), Phrase::from);
    let opportunity = f
        .opportunity
        .as_ref()
        .and_then(|id| state.opportunities.get(id));
    let role = opportunity
        .map(|o| o.job.title.as_str())
        .unwrap_or_default();
    let company = opportunity.map_or_else(|| Key("draftYourCompany").phrase(), |o| o.company());
    let event = state.events.get(&f.event);
    let date = event
        .map(|e| Phrase::moment(e.at, tz, Style::LongDay))
        .unwrap_or_else(|| "".into());
    let when = match event.map(|e| &e.what) {
        Some(What::MeetingScheduled { when }) => Phrase::moment(*when, tz, Style::LongDayClock),
        _ => "".into(),
    };
    let promise = match event.map(|e| &e.what) {
        Some(What::Promise { text } | What::Reminder { text, .. }) => {
            text.trim().trim_end_matches('.')
        }
        _ => "",
    };
    let name_of = |id: Option<&String>| {
        id.and_then(|id| state.contacts.get(id))
            .map(|c| c.name.as_str())
            .filter(|n| !n.is_empty())
            .map(Phrase::from)
    };
    let referrer = name_of(recipient(state, f).and_then(|c| c.referred_by.as_ref()))
        .unwrap_or_else(|| Key("draftMutualFriend").phrase());
    let person = name_of(event.and_then(|e| e.contact.as_ref()))
        .unwrap_or_else(|| Key("draftPersonSuggested").phrase());
    let topic = match opportunity {
        Some(o) => Key("draftTopicApplication").with([o.job.title.as_str().into(), o.company()]),
        None => Key("draftTopicConversation").phrase(),
    };
    let name = if name.is_empty() {
        Key("draftThere").phrase()
    } else {
        name.into()
    };
    [
        ("first_name", first_name),
        ("name", name),
        ("role", role.into()),
        ("company", company),
        ("date", date),
        ("when", when),
        ("promise", promise.into()),
        ("referrer", referrer),
        ("person", person),
        ("topic", topic),
        ("my_name", state.settings.your_name.trim().into()),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value))
    .collect()
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
            R1, R2, R3, R4, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16, Own,
        ] {
            let t = default_template(rule, crate::i18n::Catalog::english());
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
