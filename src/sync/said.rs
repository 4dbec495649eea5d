//! Sync as the user reads it: how it stands here (`local::View`) in phrases the settings page
//! shows, the numbers from the view and the browser's refusal of a write said plainly.

use super::local::View;
use crate::phrase::{Forms, Key, Phrase};

/// How sync stands, line by line, with sync on; `None` with it off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// "38 KB of 100 KB of your browser's sync in use".
    pub used: Phrase,
    /// How many other computers share it.
    pub computers: Phrase,
    /// How many records did not fit and stay here only, when some did not.
    pub left_out: Option<Phrase>,
    /// Why the last write failed, and that it is tried again, when it failed.
    pub problem: Option<Phrase>,
}

/// How `view` stands, said; nothing while sync is off here.
pub fn said(view: &View) -> Option<Said> {
    view.on.then(|| Said {
        used: Key("syncUsed").with([kilobytes(view.used), kilobytes(view.quota)]),
        computers: match view.computers {
            0 => Key("syncNoOtherComputer").phrase(),
            n => Forms {
                one: Key("syncComputers_one"),
                other: Key("syncComputers_other"),
            }
            .count(n),
        },
        left_out: (view.left_out > 0).then(|| {
            Forms {
                one: Key("syncLeftOut_one"),
                other: Key("syncLeftOut_other"),
            }
            .count(view.left_out)
        }),
        problem: view.problem.as_deref().map(problem),
    })
}

/// Bytes as whole kilobytes (1,024 bytes), rounded up: a byte in use is never said as none.
fn kilobytes(bytes: usize) -> Phrase {
    bytes.div_ceil(1024).into()
}

/// The browser's refusal of a write, plainly: Chrome names the limit it hit
/// (`MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded`, `QUOTA_BYTES quota exceeded`), Firefox
/// says its quota was exceeded; anything else is shown in the browser's words.
fn problem(browser: &str) -> Phrase {
    let upper = browser.to_ascii_uppercase();
    if upper.contains("WRITE_OPERATIONS") {
        Key("syncProblemBusy").phrase()
    } else if upper.contains("QUOTA") {
        Key("syncProblemFull").phrase()
    } else {
        Key("syncProblemOther").with([browser.into()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(used: usize, computers: usize, left_out: usize, problem: Option<&str>) -> View {
        View {
            on: true,
            left_out,
            problem: problem.map(str::to_string),
            computers,
            used,
            quota: 102_400,
        }
    }

    fn english(said: &Said) -> Vec<String> {
        [Some(&said.used), Some(&said.computers)]
            .into_iter()
            .chain([said.left_out.as_ref(), said.problem.as_ref()])
            .flatten()
            .map(Phrase::english)
            .collect()
    }

    #[test]
    fn nothing_is_said_of_sync_while_it_is_off_here() {
        let mut view = on(38_000, 2, 0, None);
        view.on = false;
        assert_eq!(said(&view), None);
    }

    #[test]
    fn sync_on_says_the_kilobytes_used_of_the_quota_rounded_up_and_the_other_computers() {
        let all = english(&said(&on(38_000, 0, 0, None)).unwrap());
        assert_eq!(
            all,
            [
                "38 KB of 100 KB of your browser's sync in use",
                "No other computer shares it yet"
            ]
        );
        let one = english(&said(&on(1, 1, 0, None)).unwrap());
        assert_eq!(one[0], "1 KB of 100 KB of your browser's sync in use");
        assert_eq!(one[1], "Shared with 1 other computer");
        assert_eq!(
            english(&said(&on(0, 3, 0, None)).unwrap())[..2],
            [
                "0 KB of 100 KB of your browser's sync in use",
                "Shared with 3 other computers"
            ]
        );
    }

    #[test]
    fn records_that_did_not_fit_are_counted_as_staying_here() {
        let said = said(&on(100_000, 1, 12, None)).unwrap();
        assert_eq!(
            said.left_out.map(|p| p.english()).as_deref(),
            Some(
                "12 older records did not fit and stay on this computer only (closed \
                 applications are left out first)"
            )
        );
    }

    #[test]
    fn the_browsers_refusal_is_said_plainly_with_its_retry() {
        let problem = |browser: &str| {
            said(&on(10, 0, 0, Some(browser)))
                .and_then(|s| s.problem)
                .map(|p| p.english())
                .unwrap_or_default()
        };
        assert!(problem("MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded")
            .starts_with("Too many changes in a short time"));
        assert!(problem("MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded")
            .starts_with("Too many changes in a short time"));
        assert!(problem("QUOTA_BYTES quota exceeded").starts_with("Your browser's sync is full"));
        assert!(problem(
            "QuotaExceededError: storage.sync API call exceeded its quota limitations."
        )
        .starts_with("Your browser's sync is full"));
        let other = problem("Sync is disabled");
        assert!(other.contains("(Sync is disabled)"), "{other}");
        for said in [
            problem("QUOTA_BYTES quota exceeded"),
            problem("MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded"),
            other,
        ] {
            assert!(said.contains("tried again"), "{said}");
        }
    }
}
