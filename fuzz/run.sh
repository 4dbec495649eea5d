#!/bin/sh
# Runs every fuzz target for RUNS executions each (default 2,500,000), one after the other, and
# writes what the fuzzer did (executions, time, corpus size, crashes) into fuzz/FIGURES.md and
# the "Fuzzing" section of BENCHMARKS.md. `./build.sh fuzz 100000` for a short run. Needs the
# nightly toolchain; installs cargo-fuzz from crates.io when it is missing. Seeds are read from
# fuzz/corpus/<target>/; what a run finds is kept in fuzz/work/<target>/ (not committed). A
# crash fails the script; its input is in fuzz/artifacts/<target>/, to replay with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/crash-...
# and to keep as a named seed beside the others, with a test in tests/it/hostile.rs.
set -eu
runs=${1:-2500000}
cd "$(dirname "$0")/.."
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz build
figures=fuzz/FIGURES.md
{
  printf '## Fuzzing (`./build.sh fuzz`, libFuzzer through cargo-fuzz)\n\n'
  printf 'Run on %s at commit %s: %s cores, %s, one target at a time on one core, seeds from\n' \
    "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(nproc)" "$(uname -m)"
  printf '`fuzz/corpus/<target>/`. Corpus: the inputs libFuzzer kept at the end (seeds and what\n'
  printf 'reached new coverage).\n\n'
  printf '| target | executions | seconds | executions/s | corpus | crashes |\n|---|---:|---:|---:|---:|---:|\n'
} > "$figures.tmp"
for target in $(cargo +nightly fuzz list); do
  mkdir -p "fuzz/work/$target" "fuzz/corpus/$target"
  log="fuzz/work/$target.log"
  start=$(date +%s)
  if ! cargo +nightly fuzz run "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
    -runs="$runs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target crashed (log: $log)"
    exit 1
  fi
  seconds=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  printf '| `%s` | %s | %s | %s | %s | 0 |\n' "$target" "$execs" "$seconds" "$rate" "$corpus" >> "$figures.tmp"
  echo "fuzz: $target ${execs} runs in ${seconds}s, no crash"
done
mv "$figures.tmp" "$figures"
# BENCHMARKS.md keeps everything up to its Fuzzing section, then these figures.
if [ -f BENCHMARKS.md ]; then
  sed '/^## Fuzzing/,$d' BENCHMARKS.md > BENCHMARKS.md.tmp
  cat "$figures" >> BENCHMARKS.md.tmp
  mv BENCHMARKS.md.tmp BENCHMARKS.md
fi
echo "wrote $figures and the Fuzzing section of BENCHMARKS.md"
