//! `extract`: reads a saved page exactly as the content script reads a live one (same read plan,
//! same reader semantics, same extraction) and prints what capture finds, so that tests and
//! benchmarks measure capture on saved pages without a browser. Given a LinkedIn
//! `Connections.csv` it prints the people the import would read.

use follow_through::capture::{extract, native, plan_for};

use follow_through::capture::connections::{read_connections, text_of, windows_1252};
use follow_through::model::{Job, Person};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: extract FILE [--url URL] [--snapshot]
  FILE        a saved HTML page, or a LinkedIn Connections.csv (by its .csv name)
  --url URL   the address the page was served from (default: the page's canonical link if it
              is absolute http(s), else https://localhost/FILE-NAME)
  --snapshot  print the snapshot the reader took instead of what was extracted";

/// What the command prints: the shape every capture consumer reads.
#[derive(Serialize)]
struct Output<'a> {
    jobs: &'a [Job],
    people: &'a [Person],
    errors: &'a [String],
}

struct Args {
    file: PathBuf,
    url: Option<String>,
    snapshot: bool,
}

enum Command {
    Help,
    Run(Args),
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut file = None;
    let mut url = None;
    let mut snapshot = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--snapshot" => snapshot = true,
            "--url" => url = Some(args.next().ok_or("--url needs a value")?),
            option if option.starts_with("--") => return Err(format!("unknown option {option}")),
            _ if file.is_some() => return Err(format!("unexpected argument {arg}")),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    let file = file.ok_or("missing FILE")?;
    Ok(Command::Run(Args {
        file,
        url,
        snapshot,
    }))
}

/// The people of a `Connections.csv`; each skipped row is an error line.
fn run_csv(args: &Args) -> Result<String, String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|error| format!("cannot read {}: {error}", args.file.display()))?;
    let read = read_connections(&text_of(&bytes, windows_1252)).map_err(|why| why.english())?;
    let errors: Vec<String> = read
        .skipped
        .iter()
        .map(|skipped| format!("line {}: {}", skipped.row, skipped.reason.english()))
        .collect();
    serde_json::to_string_pretty(&Output {
        jobs: &[],
        people: &read.people,
        errors: &errors,
    })
    .map_err(|error| format!("cannot print the result: {error}"))
}

fn run(args: Args) -> Result<String, String> {
    let csv = args
        .file
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if csv {
        return run_csv(&args);
    }
    let html = native::read_file(&args.file)?;
    let page = native::Page::parse(&html);
    let url = match args.url {
        Some(url) => url,
        None => page
            .canonical()
            .filter(|canonical| plan_for(canonical).is_some())
            .unwrap_or_else(|| {
                let name = args.file.file_name().unwrap_or_default().to_string_lossy();
                format!("https://localhost/{name}")
            }),
    };
    let plan = plan_for(&url).ok_or_else(|| format!("--url {url} is not an http(s) URL"))?;
    let snapshot = page.read(&url, &plan);
    let json = if args.snapshot {
        serde_json::to_string_pretty(&snapshot)
    } else {
        let extraction = extract(&snapshot);
        serde_json::to_string_pretty(&Output {
            jobs: &extraction.jobs,
            people: &extraction.people,
            errors: &extraction.errors,
        })
    };
    json.map_err(|error| format!("cannot print the result: {error}"))
}

fn main() -> ExitCode {
    let outcome = parse_args(std::env::args().skip(1)).and_then(|command| match command {
        Command::Help => Ok(USAGE.to_string()),
        Command::Run(args) => run(args),
    });
    match outcome {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("extract: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
