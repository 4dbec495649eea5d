//! iCIMS career sites (`<portal>.icims.com/jobs/<id>/<slug>/job`), old and new: the title in
//! the `iCIMS_Header`, and label/value pairs (Location, Company, Job ID) in the job header.

use super::{every_read, posting_at, segments, Posting, Reads, Site};
use crate::model::{Job, Source};
use url::Url;

pub(super) const SITE: Site = Site {
    name: "icims",
    source: Source::Icims,
    serves,
    shows: every_read,
    texts: &[(
        "title",
        ".iCIMS_Header_JobTitle, h1.iCIMS_Header, .iCIMS_JobHeaderTitle, .iCIMS_Header",
    )],
    every: &[
        ("labels", ".iCIMS_JobHeaderField"),
        ("values", ".iCIMS_JobHeaderData"),
    ],
    attrs: &[],
    lists: &[],
    once: &[],
    jobs,
    posting,
};

fn serves(url: &Url) -> bool {
    url.host_str()
        .is_some_and(|host| host.to_ascii_lowercase().ends_with(".icims.com"))
}

/// The posting in the header, its fields from the labelled values.
fn jobs(reads: &Reads<'_>) -> Vec<Job> {
    let Some(mut job) = reads.job(reads.text("title")) else {
        return Vec::new();
    };
    for (label, value) in reads.texts("labels").iter().zip(reads.texts("values")) {
        let label = label.trim_end_matches([':', ' ']).to_lowercase();
        let slot = match label.as_str() {
            "location" | "job locations" | "job location" | "locations" => &mut job.location,
            "company" | "company name" => &mut job.company,
            "job id" | "id" => &mut job.job_id,
            "position type" | "job type" => &mut job.employment_type,
            _ => continue,
        };
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value);
        }
    }
    vec![job]
}

/// `icims:<portal>/<id>` for `/jobs/<id>/…`.
fn posting(url: &Url) -> Option<Posting> {
    if !serves(url) {
        return None;
    }
    let ["jobs", id, ..] = segments(url)[..] else {
        return None;
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let portal = host.strip_suffix(".icims.com")?;
    posting_at(
        format!("icims:{portal}/{id}"),
        format!("https://{host}/jobs/{id}/job"),
    )
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::super::test_support::{main, some};

    #[test]
    fn labelled_header_values_fill_the_posting() {
        let html = r#"<table><tr><td class="iCIMS_Header iCIMS_Header_JobTitle"> QA Engineer </td></tr></table>
            <table><tr><th class="iCIMS_JobHeaderField">Job ID:&nbsp;</th><td class="iCIMS_JobHeaderData">4262</td>
            <th class="iCIMS_JobHeaderField">Location:&nbsp;</th><td class="iCIMS_JobHeaderData">US-IL-Yorkville</td></tr>
            <tr><th class="iCIMS_JobHeaderField">Company:</th><td class="iCIMS_JobHeaderData">Wrigley</td></tr></table>"#;
        assert_eq!(
            main(html, "https://jobs-wrigley.icims.com/jobs/4262/job"),
            (
                "QA Engineer".into(),
                some("Wrigley"),
                some("US-IL-Yorkville")
            )
        );
    }
}
