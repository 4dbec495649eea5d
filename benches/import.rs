//! The import benchmark: a 30,000-row LinkedIn `Connections.csv`, made from the shape of the
//! current sample export (its preamble, header and rows, each copy a new person), read and
//! merged into the store, against a baseline measured in the same run (the plain `csv` crate
//! reading the same bytes, which any import needs). Printed as a Markdown table.

use follow_through::capture::connections::{read_connections, text_of, windows_1252};
use follow_through::store::State;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use support::{median, milliseconds, MIN_RUNS};

mod support;

/// Rows in the generated export.
const ROWS: usize = 30_000;

/// Each measurement repeats its work for this long (see `support::median`).
const BUDGET: Duration = Duration::from_millis(1_500);

/// A `ROWS`-row export: the sample's lines up to its header, then its named rows repeated, each
/// copy with its own name and profile URL.
fn export(sample: &str) -> Result<String, String> {
    let header_at = sample
        .find("First Name,Last Name")
        .ok_or("the sample has no header")?;
    let (preamble, rest) = sample.split_at(header_at);
    let mut lines = rest.lines();
    let header = lines.next().unwrap_or_default();
    let rows: Vec<&str> = lines
        .filter(|line| !line.starts_with(",,") && line.contains("linkedin.com/in/"))
        .collect();
    if rows.is_empty() {
        return Err("the sample has no rows".into());
    }
    let mut out = format!("{preamble}{header}\n");
    for index in 0..ROWS {
        let row = rows[index % rows.len()];
        let copy = index / rows.len();
        let row = row.replacen(',', &format!(" {copy},"), 1).replacen(
            "linkedin.com/in/",
            &format!("linkedin.com/in/x{copy}-"),
            1,
        );
        out.push_str(&row);
        out.push('\n');
    }
    Ok(out)
}

fn main() -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/linkedin/Connections_jasontoups_2024.csv");
    let sample = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let bytes = export(&sample)?.into_bytes();
    let parsed = read_connections(&text_of(&bytes, windows_1252)).map_err(|why| why.english())?;
    if parsed.people.len() != ROWS {
        return Err(format!("{} people read of {ROWS}", parsed.people.len()));
    }
    let mut imported = State::default();
    let (report, _) = imported.import_contacts(parsed.people.clone());
    if report.added != ROWS {
        return Err(format!("{} contacts added of {ROWS}", report.added));
    }

    let baseline = median(BUDGET, || {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(black_box(bytes.as_slice()));
        let fields: usize = reader.records().flatten().map(|record| record.len()).sum();
        black_box(fields);
    });
    let parse = median(BUDGET, || {
        black_box(read_connections(&text_of(black_box(&bytes), windows_1252)).ok());
    });
    let merge_new = median(BUDGET, || {
        let mut state = State::default();
        black_box(state.import_contacts(parsed.people.clone()));
    });
    let merge_again = median(BUDGET, || {
        let mut state = imported.clone();
        black_box(state.import_contacts(parsed.people.clone()));
    });
    let clone_only = median(BUDGET, || {
        black_box((imported.clone(), parsed.people.clone()));
    });
    let total = median(BUDGET, || {
        let mut state = State::default();
        if let Ok(read) = read_connections(&text_of(black_box(&bytes), windows_1252)) {
            black_box(state.import_contacts(read.people));
        }
    });

    println!("## Import benchmark (native)\n");
    println!(
        "Method: a {ROWS}-row `Connections.csv` ({} KB) generated from the current sample \
         export's shape (its \"Notes:\" preamble, header and rows, each copy a new name and \
         profile URL). Each figure is the median of repeated runs (at least {MIN_RUNS}, for at \
         least {} ms), measured in this process in the same run; the ratio is against the \
         baseline, the `csv` crate reading every record of the same bytes.\n",
        bytes.len() / 1024,
        BUDGET.as_millis()
    );
    println!("| step | ms | ratio to baseline |\n|---|---:|---:|");
    let ratio =
        |duration: Duration| duration.as_secs_f64() / baseline.as_secs_f64().max(f64::MIN_POSITIVE);
    let again = merge_again.saturating_sub(clone_only);
    for (step, duration) in [
        ("baseline: `csv` crate reads every record", baseline),
        ("parse: `read_connections`", parse),
        (
            "merge into an empty store: `import_contacts` (30,000 added)",
            merge_new,
        ),
        (
            "merge again into 30,000 contacts (all unchanged; state clone subtracted)",
            again,
        ),
        ("parse + merge into an empty store", total),
    ] {
        println!(
            "| {step} | {:.1} | {:.2}× |",
            milliseconds(duration),
            ratio(duration)
        );
    }
    Ok(())
}
