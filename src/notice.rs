//! The words of the notifications the extension shows when the user acts without the popup
//! open (keyboard shortcut, context menu), built from the core's records.

use crate::model::Opportunity;
use serde::Serialize;

/// A notification: `title` and `message` as the browser shows them, plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "iconUrl")]
    pub icon_url: &'static str,
    pub title: String,
    pub message: String,
}

impl Notice {
    fn basic(title: impl Into<String>, message: impl Into<String>) -> Notice {
        Notice {
            kind: "basic",
            icon_url: "icons/icon-128.png",
            title: title.into(),
            message: message.into(),
        }
    }
}

/// "Tracked ✓" with the role and company, once a posting is saved.
pub fn tracked(opportunity: &Opportunity) -> Notice {
    Notice::basic(
        "Tracked ✓",
        format!(
            "{} at {}",
            opportunity.job.title,
            opportunity.company_name()
        ),
    )
}

/// Why nothing was tracked.
pub fn not_tracked(reason: &str) -> Notice {
    Notice::basic("Not tracked", reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::Job;
    use crate::model::Stage;

    #[test]
    fn a_tracked_posting_is_named_with_its_company() {
        let opportunity = Opportunity {
            id: "o1".into(),
            job: Job::typed_in(
                "Data Engineer".into(),
                "Acme".into(),
                "https://a.example/1".into(),
            ),
            stage: Stage::Saved,
            created_at: chrono::DateTime::UNIX_EPOCH,
        };
        let notice = tracked(&opportunity);
        assert_eq!(notice.title, "Tracked ✓");
        assert_eq!(notice.message, "Data Engineer at Acme");
        let json = serde_json::to_value(&notice).unwrap();
        assert_eq!(json["type"], "basic");
        assert_eq!(json["iconUrl"], "icons/icon-128.png");
    }
}
