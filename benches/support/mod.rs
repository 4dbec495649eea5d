//! Timing shared by the benchmarks: the median of repeated runs within a time budget, so one
//! slow run on a noisy machine does not decide a figure.

use std::time::{Duration, Instant};

/// Every measurement makes at least this many runs.
pub const MIN_RUNS: usize = 5;

/// The median duration of `work`, repeated until `budget` has passed and at least `MIN_RUNS`
/// times.
pub fn median(budget: Duration, mut work: impl FnMut()) -> Duration {
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.len() < MIN_RUNS || start.elapsed() < budget {
        let run = Instant::now();
        work();
        runs.push(run.elapsed());
    }
    runs.sort();
    runs[runs.len() / 2]
}

pub fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}
