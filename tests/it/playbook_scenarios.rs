//! The playbook's test contract: every `tests/scenarios/*.json` is a scenario in the format of
//! `PLAYBOOK.md` plus what it must give: `expect` (the exact output), `expect_warnings` (the
//! fallbacks it must report) or `expect_error` (bad input refused with this reason). The
//! `playbook` command answers the same files.

use follow_through::scenario;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let result = scenario::run(&text);
    if let Some(expected) = file.get("expect_error").and_then(Value::as_str) {
        return match result {
            Err(e) if e.contains(expected) => Ok(()),
            Err(e) => Err(format!("error {e:?} does not say {expected:?}")),
            Ok(_) => Err(format!("ran, but should fail with {expected:?}")),
        };
    }
    let report = result?;
    let output = serde_json::to_value(&report.output).unwrap();
    if Some(&output) != file.get("expect") {
        return Err(format!(
            "output differs; got:\n{}",
            serde_json::to_string_pretty(&output).unwrap()
        ));
    }
    let wanted: Vec<&str> = file
        .get("expect_warnings")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if wanted.len() != report.warnings.len()
        || !wanted
            .iter()
            .all(|w| report.warnings.iter().any(|got| got.contains(w)))
    {
        return Err(format!(
            "warnings {:?}, expected {wanted:?}",
            report.warnings
        ));
    }
    Ok(())
}

#[test]
fn every_scenario_gives_its_expected_output() {
    let failures: Vec<String> = scenarios()
        .iter()
        .filter_map(|path| {
            check(path)
                .err()
                .map(|e| format!("{}: {e}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_scenario() {
    let mut text = String::new();
    for path in scenarios() {
        text.push_str(&std::fs::read_to_string(path).unwrap());
    }
    for rule in [
        "R1", "R2", "R3", "R4", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
        "R16", "Own",
    ] {
        assert!(
            text.contains(&format!("\"rule\": \"{rule}\"")),
            "no scenario expects a {rule} follow-up"
        );
    }
    assert!(text.contains("\"moved_on\""), "R5: no thread moves on");
    assert!(text.contains("\"cancelled\"") && text.contains("\"snoozed\""));
}

fn run_command(path: &Path) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_playbook"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::read(path).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_playbook_command_answers_the_book_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let (code, stdout, _) = run_command(&dir.join("r3_r4_touch_no_answer.json"));
    assert_eq!(code, Some(0));
    let output: Value = serde_json::from_str(&stdout).unwrap();
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("r3_r4_touch_no_answer.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(Some(&output), file.get("expect"));
}

#[test]
fn the_playbook_command_refuses_bad_input_with_a_reason_and_status_2() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let (code, stdout, stderr) = run_command(&dir.join("bad_zone_that_does_not_exist.json"));
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown time zone"), "{stderr}");
}
