#!/bin/sh
# Runs every fuzz target for SECONDS each (default 60): `fuzz/run.sh 30` in the tests, or
# `fuzz/run.sh 14400` by hand for four hours a target. Needs the nightly toolchain; installs
# cargo-fuzz from crates.io when it is missing. Seeds are read from fuzz/corpus/<target>/;
# what a run finds is kept in fuzz/work/<target>/ (not committed). A crash fails the script;
# its input is in fuzz/artifacts/<target>/, to replay with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/crash-...
set -eu
seconds=${1:-60}
cd "$(dirname "$0")/.."
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
  mkdir -p "fuzz/work/$target" "fuzz/corpus/$target"
  log="fuzz/work/$target.log"
  if ! cargo +nightly fuzz run "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target crashed (log: $log)"
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz: $target ${seconds}s, ${execs} runs, no crash"
done
