//! The capture benchmark: for every job page of the corpus, what reading the page with its plan
//! and extracting the posting costs, against a baseline measured in the same run (parsing the
//! same HTML with `scraper`, which any reading of a saved page needs). Printed as a Markdown
//! table: the ratio says what capture adds on top of merely having the document.

use corpus::{corpus, job_pages};
use follow_through::capture::{extract, native, plan_for};
use std::hint::black_box;
use std::time::Duration;
use support::{median, milliseconds, MIN_RUNS};

mod corpus;
mod support;

/// Each measurement repeats its work for this long (see `support::median`).
const BUDGET: Duration = Duration::from_millis(300);

fn main() -> Result<(), String> {
    let pages = job_pages()?;
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
    for (path, address) in &pages {
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
