//! `cargo run --release --bin playbook < scenario.json`: runs one scenario in the format of
//! `PLAYBOOK.md` ("The scenario format") and prints the follow-ups as JSON. Fallbacks taken on
//! the way are printed to stderr; bad input exits with status 2 and the reason.

use follow_through::scenario;
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("playbook: cannot read the scenario from stdin: {e}");
        return ExitCode::from(2);
    }
    match scenario::run(&input) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("playbook: warning: {warning}");
            }
            match serde_json::to_string_pretty(&report.output) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("playbook: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("playbook: {e}");
            ExitCode::from(2)
        }
    }
}
