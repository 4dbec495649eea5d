#!/usr/bin/env bash
# Follow Through: install what is missing, build the extension, run every test tier.
#
#   ./build.sh          build dist/chrome/, dist/firefox/ and their zips
#   ./build.sh test     build, then native tests, wasm binding tests and end-to-end tests
#   ./build.sh bench    build, then write BENCHMARKS.md
#   ./build.sh run      build, then open Chromium (or --firefox) with the extension loaded
#   ./build.sh fuzz [N] run every fuzz target for N executions (default 2,500,000; nightly
#                       toolchain, cargo-fuzz) and write the figures into BENCHMARKS.md
#
# Everything this needs is installed here when missing (the wasm32 target, the wasm-bindgen
# CLI at the version in Cargo.lock, npm packages, Debian's chromium for the tests) and
# skipped when present, so a second run with nothing changed takes seconds.
set -euo pipefail
cd "$(dirname "$0")"

TARGET=wasm32-unknown-unknown
# One Wasm for the service worker, one for the pages: each is the core with its side's entry
# points only (the binding crates under wasm/), so a page loads no more than it draws.
SIDES=(worker pages)
STAGE=target/pkg
DIST=dist

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
locked_wasm_bindgen() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  [ -f Cargo.lock ] || cargo generate-lockfile
  if ! rustup target list --installed | grep -qx "$TARGET"; then
    step "Installing the $TARGET target"
    rustup target add "$TARGET"
  fi
  local want have
  want=$(locked_wasm_bindgen)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "$have" != "$want" ]; then
    step "Installing wasm-bindgen-cli $want (a few minutes, once)"
    # Without --locked: the CLI's own lock pins a crate version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages (binaryen for wasm-opt, jsonc-parser, web-ext, playwright-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/lib/chromium/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "Installing Debian's chromium and chromium-driver"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
}

GECKODRIVER_VERSION=0.37.1

ensure_firefox() {
  if [ ! -x /usr/bin/firefox-esr ]; then
    step "Installing Debian's firefox-esr"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q firefox-esr
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$GECKODRIVER_VERSION" ]; then
    step "Installing geckodriver $GECKODRIVER_VERSION (a few minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
}

build() {
  ensure_rust
  ensure_node
  local side stale=
  for side in "${SIDES[@]}"; do
    step "Building the $side Wasm for $TARGET"
    # One side at a time: built together, cargo would give the core both sides' features.
    cargo build --release --target "$TARGET" -p "follow-through-$side"
    local wasm="target/$TARGET/release/follow_through_$side.wasm"
    [ -f "$STAGE/${side}_bg.wasm" ] && [ ! "$wasm" -nt "$STAGE/${side}_bg.wasm" ] || stale=1
  done
  if [ -n "$stale" ]; then
    step "Generating bindings and optimising the Wasm"
    rm -rf "$STAGE.tmp" && mkdir -p "$STAGE.tmp"
    for side in "${SIDES[@]}"; do
      wasm-bindgen --target web --no-typescript --out-dir "$STAGE.tmp" --out-name "$side" \
        "target/$TARGET/release/follow_through_$side.wasm"
      node_modules/.bin/wasm-opt -Oz "$STAGE.tmp/${side}_bg.wasm" -o "$STAGE.tmp/${side}_bg.wasm"
    done
    rm -rf "$STAGE" && mv "$STAGE.tmp" "$STAGE"
  fi
  package chrome
  package firefox
  for side in "${SIDES[@]}"; do
    local out="$STAGE/${side}_bg.wasm"
    printf '%s wasm: %s bytes raw, %s bytes gzip\n' "$side" "$(wc -c < "$out")" "$(gzip -9 -c "$out" | wc -c)"
  done
}

# dist/<browser>/ and dist/follow-through-<browser>.zip, from one source and one manifest template.
package() {
  local browser=$1 dir="$DIST/$1" version
  version=$(awk -F '"' '$1 == "version = " { print $2; exit }' Cargo.toml)
  step "Packaging $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  cp -R extension/. www/. "$dir/"
  rm "$dir/manifest.jsonc"
  cp -R "$STAGE" "$dir/pkg"
  node tools/manifest.mjs "$browser" "$version" > "$dir/manifest.json"
  rm -f "$DIST/follow-through-$browser.zip"
  (cd "$dir" && zip -q -r -X "../follow-through-$browser.zip" .)
}

run_tests() {
  build
  ensure_chromium
  ensure_firefox
  step "Linting the Firefox package"
  node_modules/.bin/web-ext lint --source-dir "$DIST/firefox" --warnings-as-errors
  step "Format and lints"
  cargo fmt --check
  cargo clippy --all-targets --quiet -- -D warnings
  cargo clippy --target "$TARGET" --lib --quiet -- -D warnings
  for side in "${SIDES[@]}"; do
    cargo clippy --target "$TARGET" --lib --quiet --no-default-features --features "$side" -- -D warnings
  done
  step "Native tests"
  cargo test -- --skip score_is_at_least
  step "Capture scored over the corpus"
  cargo test --test it score_is_at_least -- --nocapture --test-threads=1
  step "Binding tests in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver cargo test --target "$TARGET" --lib
  step "End-to-end tests with the built extension in Chromium and Firefox"
  GECKODRIVER=$(command -v geckodriver) node --test --test-concurrency=1 tests/e2e/
}

# BENCHMARKS.md: every figure with how it was measured, ratios against a baseline measured in
# the same run (these machines are noisy).
run_benchmarks() {
  build
  ensure_chromium
  step "Benchmarks"
  {
    printf '# Benchmarks\n\nWritten by `./build.sh bench` on %s: %s cores, %s, %s.\n\n' \
      "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" "$(rustc --version)"
    # The bytes each page and the worker load, and everything shipped, raw and gzip -9.
    node tests/bench/package.mjs "$DIST/chrome"
    printf '\n'
    for bench in benches/*.rs; do
      cargo bench --quiet --bench "$(basename "$bench" .rs)"
      printf '\n'
    done
    # In-browser benchmarks: each tests/bench/*.bench.mjs drives Chromium with the built
    # extension and prints its own Markdown section.
    for bench in tests/bench/*.bench.mjs; do
      [ -e "$bench" ] || continue
      node "$bench"
      printf '\n'
    done
    # The fuzzer's figures, from the last `./build.sh fuzz`.
    [ ! -f fuzz/FIGURES.md ] || cat fuzz/FIGURES.md
  } > BENCHMARKS.md.tmp
  mv BENCHMARKS.md.tmp BENCHMARKS.md
  echo "wrote BENCHMARKS.md"
}

# Opens a browser with the built extension in a throwaway profile; it shows its welcome page.
run_browser() {
  build
  if [ "${1:-}" = --firefox ]; then
    ensure_firefox
    node_modules/.bin/web-ext run --source-dir "$DIST/firefox" --firefox /usr/bin/firefox-esr
  else
    ensure_chromium
    local profile sandbox=()
    profile=$(mktemp -d)
    [ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
    /usr/lib/chromium/chromium "${sandbox[@]}" --user-data-dir="$profile" --no-first-run \
      --disable-extensions-except="$PWD/$DIST/chrome" --load-extension="$PWD/$DIST/chrome"
  fi
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  bench) run_benchmarks ;;
  run) run_browser "${2:-}" ;;
  fuzz) fuzz/run.sh ${2:+"$2"} ;;
  *) echo "usage: ./build.sh [build|test|bench|run [--firefox]|fuzz [RUNS]]" >&2; exit 2 ;;
esac
