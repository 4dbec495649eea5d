//! The capture benchmark: for every job page of the corpus, what reading the page with its plan
//! and extracting the posting costs, against a baseline measured in the same run (parsing the
//! same HTML with `scraper`, which any reading of a saved page needs). Printed as a Markdown
//! table: the ratio says what capture adds on top of merely having the document.

use follow_through::capture::{extract, native, plan_for};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{median, milliseconds, MIN_RUNS};

mod support;

/// Each measurement repeats its work for this long (see `support::median`).
const BUDGET: Duration = Duration::from_millis(300);

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn main() -> Result<(), String> {
    let manifest = std::fs::read_to_string(corpus().join("MANIFEST.tsv"))
        .map_err(|error| format!("cannot read the corpus MANIFEST: {error}"))?;
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|column| *column == name);
    let (Some(file), Some(kind), Some(url)) = (column("file"), column("kind"), column("url"))
    else {
        return Err("the MANIFEST lacks file, kind or url".into());
    };
    println!("## Capture benchmark (native reader)\n");
    println!(
        "Method: for each corpus job page, the median of repeated runs (at least {MIN_RUNS}, \
         for at least {} ms) of (a) the baseline, parsing the HTML with `scraper` \
         (`Html::parse_document`), and (b) capture, parsing plus evaluating the page's read plan \
         (`native::read`: JSON-LD, microdata, meta, adapter and generic selectors) plus `extract`. \
         Both are measured in the same run, in this process; the ratio is (b) / (a).\n",
        BUDGET.as_millis()
    );
    println!("| page | KB | parse (ms) | read + extract (ms) | ratio |");
    println!("|---|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for line in lines.filter(|line| !line.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some("job"), Some(address)) =
            (cells.get(file), cells.get(kind).copied(), cells.get(url))
        else {
            continue;
        };
        let html = native::read_file(&corpus().join(path))?;
        let plan = plan_for(address).ok_or_else(|| format!("no plan for {address}"))?;
        let baseline = median(BUDGET, || {
            black_box(scraper::Html::parse_document(black_box(&html)));
        });
        let capture = median(BUDGET, || {
            black_box(extract(&native::read(black_box(&html), address, &plan)));
        });
        let ratio = capture.as_secs_f64() / baseline.as_secs_f64().max(f64::MIN_POSITIVE);
        ratios.push(ratio);
        println!(
            "| {path} | {} | {:.2} | {:.2} | {ratio:.2}× |",
            html.len() / 1024,
            milliseconds(baseline),
            milliseconds(capture)
        );
    }
    ratios.sort_by(f64::total_cmp);
    if let Some(middle) = ratios.get(ratios.len() / 2) {
        let worst = ratios.last().copied().unwrap_or_default();
        println!(
            "\nMedian ratio {middle:.2}× over {} pages; highest {worst:.2}×.",
            ratios.len()
        );
    }
    Ok(())
}
