//! The rule book of `PLAYBOOK.md` as a table: which event creates which follow-up, when it is due
//! and what it says. Pure: an event, its opportunity and the calendar in, planned follow-ups out.

use crate::model::{EventKind, Opportunity, Rule};
use crate::schedule::Calendar;
use chrono::{DateTime, Utc};

/// When a rule's follow-up falls due, counted from the event.
#[derive(Debug, Clone, Copy)]
enum Due {
    /// "+N days", at the working hour, moved forward to a working day.
    Days(u64),
    /// "+N working days".
    WorkingDays(u64),
    /// N days before the posting's `validThrough`, else `otherwise` days after the event.
    BeforeDeadline { days: u64, otherwise: u64 },
}

/// Extra condition on a rule.
#[derive(Debug, Clone, Copy)]
enum When {
    Always,
    NoContactKnown,
}

struct RuleDef {
    rule: Rule,
    on: EventKind,
    when: When,
    due: Due,
    template: &'static str,
}

/// Event → follow-up → due → template. `{role}` and `{company}` are filled in.
const RULES: &[RuleDef] = &[
    RuleDef {
        rule: Rule::R1,
        on: EventKind::Saved,
        when: When::Always,
        due: Due::BeforeDeadline {
            days: 2,
            otherwise: 3,
        },
        template: "Apply to {role} at {company}",
    },
    RuleDef {
        rule: Rule::R2,
        on: EventKind::Applied,
        when: When::NoContactKnown,
        due: Due::WorkingDays(1),
        template: "Find the hiring manager's or recruiter's name at {company}",
    },
    RuleDef {
        rule: Rule::R3,
        on: EventKind::Applied,
        when: When::Always,
        due: Due::Days(7),
        template: "Follow up on your application: confirm they received it and ask for an \
                   interview (call if you can)",
    },
];

/// Logging one of these events completes the open follow-ups of these rules.
const COMPLETES: &[(EventKind, Rule)] = &[(EventKind::Applied, Rule::R1)];

/// A follow-up a rule asks for, before the store gives it an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub rule: Rule,
    pub due: DateTime<Utc>,
    pub text: String,
}

/// What the rules know about the opportunity beyond its record.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub contact_known: bool,
}

/// The follow-ups an event creates.
pub fn plan(
    event: EventKind,
    at: DateTime<Utc>,
    opportunity: &Opportunity,
    context: Context,
    calendar: &Calendar,
) -> Vec<Planned> {
    RULES
        .iter()
        .filter(|def| def.on == event)
        .filter(|def| match def.when {
            When::Always => true,
            When::NoContactKnown => !context.contact_known,
        })
        .map(|def| Planned {
            rule: def.rule,
            due: due(def.due, at, opportunity, calendar),
            text: fill(def.template, opportunity),
        })
        .collect()
}

/// The rules whose open follow-ups an event completes.
pub fn completed_by(event: EventKind) -> impl Iterator<Item = Rule> {
    COMPLETES
        .iter()
        .filter(move |(kind, _)| *kind == event)
        .map(|(_, rule)| *rule)
}

fn due(
    due: Due,
    at: DateTime<Utc>,
    opportunity: &Opportunity,
    calendar: &Calendar,
) -> DateTime<Utc> {
    match due {
        Due::Days(n) => calendar.days_after(at, n),
        Due::WorkingDays(n) => calendar.working_days_after(at, n),
        Due::BeforeDeadline { days, otherwise } => match opportunity.job.valid_through {
            Some(deadline) => calendar.days_before(deadline, days),
            None => calendar.days_after(at, otherwise),
        },
    }
}

fn fill(template: &str, opportunity: &Opportunity) -> String {
    template
        .replace("{role}", &opportunity.job.title)
        .replace("{company}", opportunity.company_name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Job, Source};
    use crate::model::{Settings, Stage};
    use chrono::NaiveDate;
    use chrono_tz::America::New_York;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn opportunity(valid_through: Option<NaiveDate>) -> Opportunity {
        Opportunity {
            id: "o1".into(),
            job: Job {
                title: "Data Engineer".into(),
                company: Some("Acme".into()),
                location: None,
                url: None,
                job_id: None,
                employment_type: None,
                remote: None,
                salary: None,
                date_posted: None,
                valid_through,
                hiring_contact: None,
                description: None,
                source: Source::Manual,
            },
            stage: Stage::Saved,
            created_at: at("2026-03-06T16:30:00-05:00"),
        }
    }

    fn plan_at(event: EventKind, when: &str, o: &Opportunity, contact_known: bool) -> Vec<Planned> {
        let settings = Settings::default();
        let calendar = Calendar {
            tz: New_York,
            settings: &settings,
        };
        plan(event, at(when), o, Context { contact_known }, &calendar)
    }

    #[test]
    fn saving_a_posting_with_a_deadline_asks_to_apply_two_days_before_it() {
        let o = opportunity(NaiveDate::from_ymd_opt(2026, 3, 20));
        let planned = plan_at(EventKind::Saved, "2026-03-06T16:30:00-05:00", &o, false);
        assert_eq!(
            planned,
            vec![Planned {
                rule: Rule::R1,
                due: at("2026-03-18T09:00:00-04:00"),
                text: "Apply to Data Engineer at Acme".into(),
            }]
        );
    }

    #[test]
    fn saving_a_posting_without_a_deadline_asks_to_apply_in_three_days() {
        let o = opportunity(None);
        let planned = plan_at(EventKind::Saved, "2026-03-03T11:00:00-05:00", &o, false);
        assert_eq!(planned[0].due, at("2026-03-06T09:00:00-05:00"));
    }

    #[test]
    fn applying_without_a_contact_plans_finding_one_and_the_one_week_call() {
        let o = opportunity(None);
        let planned = plan_at(EventKind::Applied, "2026-03-06T17:00:00-05:00", &o, false);
        let rules: Vec<_> = planned.iter().map(|p| (p.rule, p.due)).collect();
        assert_eq!(
            rules,
            vec![
                (Rule::R2, at("2026-03-09T09:00:00-04:00")),
                (Rule::R3, at("2026-03-13T09:00:00-04:00")),
            ]
        );
        assert_eq!(
            planned[1].text,
            "Follow up on your application: confirm they received it and ask for an interview \
             (call if you can)"
        );
    }

    #[test]
    fn applying_with_a_known_contact_skips_finding_one() {
        let o = opportunity(None);
        let planned = plan_at(EventKind::Applied, "2026-03-06T17:00:00-05:00", &o, true);
        assert_eq!(
            planned.iter().map(|p| p.rule).collect::<Vec<_>>(),
            vec![Rule::R3]
        );
    }

    #[test]
    fn a_posting_without_a_company_reads_naturally() {
        let mut o = opportunity(None);
        o.job.company = None;
        let planned = plan_at(EventKind::Saved, "2026-03-06T16:30:00-05:00", &o, false);
        assert_eq!(planned[0].text, "Apply to Data Engineer at the company");
    }

    #[test]
    fn applying_completes_the_apply_reminder() {
        assert_eq!(
            completed_by(EventKind::Applied).collect::<Vec<_>>(),
            vec![Rule::R1]
        );
        assert_eq!(completed_by(EventKind::Saved).count(), 0);
    }
}
