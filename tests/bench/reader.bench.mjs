// The page reader's cost on the main thread against the floor any capture pays, in one
// Chromium: every job posting of the corpus (MANIFEST.tsv, kind "job") served at its real
// address, the plan the worker gives for that address (`capture::plan_for`) read by the real
// `content.js` in the content scripts' isolated world, and the floor read in the same world,
// same page, same run. Printed as a Markdown section of BENCHMARKS.md (`./build.sh bench`, or
// alone: `node tests/bench/reader.bench.mjs` after `./build.sh`).
//
// The floor: `querySelectorAll('script[type="application/ld+json"]')`, each one's
// `textContent`, `JSON.parse` in try/catch: the least a capture can read.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, manifest, openPopup, openTab, root } from '../e2e/harness.mjs';
import { median } from './stores.mjs';

const RUNS = 21;
const WARM = 5;
/** Each sample is as many calls as last at least this long, timed together and divided by
 * their number: `performance.now()` is coarse (0.1 ms) in a page that is not cross-origin
 * isolated. */
const BATCH_MS = 2;

/** dist/chrome with "Detect postings on every site" granted (`<all_urls>`), as a user who
 * turned it on has it: the reader may then be injected on the corpus's other sites too. */
function everySite() {
  const dir = mkdtempSync(join(tmpdir(), 'ft-reader-bench-'));
  cpSync(join(root, 'dist/chrome'), dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifestJson = JSON.parse(readFileSync(file, 'utf8'));
  manifestJson.host_permissions = [...manifestJson.host_permissions, '<all_urls>'];
  writeFileSync(file, JSON.stringify(manifestJson));
  return dir;
}

/** Runs in the page's isolated world: the median per-call time of our read of `plan` and of
 * the floor, over RUNS batches each, interleaved, after WARM calls of each. */
function timeReads(plan, runs, warm, batchMs) {
  const reader = globalThis.__followThroughReader;
  let sink = 0;
  const ours = () => {
    sink += Object.keys(reader.read(plan).texts).length;
  };
  const floor = () => {
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        sink += JSON.parse(script.textContent) ? 1 : 0;
      } catch {
        sink += 2;
      }
    }
  };
  const timed = (fn, n) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) fn();
    return performance.now() - t0;
  };
  // Calls per batch: about a tenth of a sample, so that reading the clock costs nothing.
  const calls = (fn) => {
    let n = 1;
    while (n < 1 << 16 && timed(fn, n) < batchMs / 10) n *= 2;
    return n;
  };
  // One sample: batches of `n` calls until `batchMs` have passed, per call.
  const sample = (fn, n) => {
    const t0 = performance.now();
    let done = 0;
    let elapsed = 0;
    while (elapsed < batchMs) {
      for (let i = 0; i < n; i += 1) fn();
      done += n;
      elapsed = performance.now() - t0;
    }
    return elapsed / done;
  };
  for (let i = 0; i < warm; i += 1) {
    ours();
    floor();
  }
  const n = { ours: calls(ours), floor: calls(floor) };
  const samples = { ours: [], floor: [] };
  for (let run = 0; run < runs; run += 1) {
    samples.floor.push(sample(floor, n.floor));
    samples.ours.push(sample(ours, n.ours));
  }
  return { samples, n, sink };
}

/** Runs in an extension page: the worker's plan for `url`, content.js injected in the tab's
 * isolated world, then `timeReads` run there. */
async function readInTab(timeReads, { url, tabId, args }) {
  const reply = await chrome.runtime.sendMessage({ type: 'planFor', url });
  if (reply?.type !== 'plan' || !reply.plan) throw new Error(`no plan for ${url}`);
  const target = { tabId };
  await chrome.scripting.executeScript({ target, world: 'ISOLATED', files: ['content.js'] });
  const [{ result }] = await chrome.scripting.executeScript({
    target, world: 'ISOLATED', func: timeReads, args: [reply.plan, ...args],
  });
  return result;
}

async function main() {
  const pages = manifest().filter((row) => row.kind === 'job');
  const extension = everySite();
  const browser = await launch(
    Object.fromEntries(pages.map((row) => [row.url, readFileSync(row.path)])),
    { extension },
  );
  const results = [];
  try {
    const popup = await openPopup(browser);
    for (const row of pages) {
      const { page, tabId } = await openTab(browser, row.url);
      await page.waitForTimeout(500);
      const { samples, n } = await popup.evaluate(
        `(${readInTab})(${timeReads}, ${JSON.stringify({ url: row.url, tabId, args: [RUNS, WARM, BATCH_MS] })})`,
      );
      const result = { file: row.file, ours: median(samples.ours), floor: median(samples.floor), n };
      process.stderr.write(`reader bench ${JSON.stringify(result)}\n`);
      results.push(result);
      await page.close();
    }
  } finally {
    await browser.context.close();
    rmSync(extension, { recursive: true, force: true });
  }
  report(results);
}

function report(results) {
  const version = execFileSync('/usr/lib/chromium/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const ms = (x) => x.toFixed(3);
  const ratios = results.map((r) => r.ours / r.floor);
  const total = (what) => results.reduce((sum, r) => sum + r[what], 0);
  console.log('## The page reader against its floor (Chromium, `tests/bench/reader.bench.mjs`)\n');
  console.log(`Method: ${version}, headless, with the built extension (\`dist/chrome\`, given `
    + '"Detect postings on every site" so that it may read every page). Each of the corpus\'s '
    + `${results.length} job postings (MANIFEST.tsv, kind "job") is served at its real address, its own scripts `
    + 'running, and read in the content scripts\' isolated world (`chrome.scripting.executeScript`, '
    + '`world: \'ISOLATED\'`) by the real `content.js`: ours is its `read` of the plan the worker gives '
    + 'for that address (`capture::plan_for`), to the snapshot; the floor is the least any capture reads '
    + '(`querySelectorAll(\'script[type="application/ld+json"]\')`, each one\'s `textContent`, `JSON.parse` '
    + `in try/catch), in the same world, same page, same run. Warm (${WARM} calls of each first), then `
    + `the median of ${RUNS} samples, ours and the floor interleaved; \`performance.now()\` being coarse `
    + `(0.1 ms) in a page that is not cross-origin isolated, each sample is as many calls as last at `
    + `least ${BATCH_MS} ms, timed together, per call. Main-thread time in ms; the ratio is ours over the floor. `
    + 'The comparison with the open-source tracker JobFlow\'s parser (issue 18) is not made: it would '
    + 'mean committing a third-party tracker\'s code to this repository.\n');
  console.log('| page | ours (ms) | floor (ms) | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    console.log(`| \`${r.file.replace(/^pages\//, '')}\` | ${ms(r.ours)} | ${ms(r.floor)} | ${(r.ours / r.floor).toFixed(1)}× |`);
  }
  const worst = results.reduce((a, b) => (b.ours > a.ours ? b : a));
  console.log(`\nMedian ratio ${median(ratios).toFixed(1)}×; slowest page ${ms(worst.ours)} ms `
    + `(\`${worst.file.replace(/^pages\//, '')}\`); all ${results.length} pages ${ms(total('ours'))} ms against `
    + `${ms(total('floor'))} ms. Goal (issue 18): median ≤ 10× the floor, every page under 2 ms.`);
}

await main();
