// Where a wake's time goes, for issue 19's "worker profile": one Chromium with the built
// extension, copied with its `worker.js` noting the moments of a wake (its module running, the
// badge's records read, the Wasm ready, `boot` done), each timed from the message that woke it;
// then the Wasm's own costs, apart, in an extension page: its bytes fetched from the extension,
// compiled, and both streamed. Printed as a Markdown section of BENCHMARKS.md (`./build.sh
// bench`, or alone: `node tests/bench/wake.bench.mjs` after `./build.sh`).
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../e2e/harness.mjs';
import { launchWith, median, stopWorker } from './stores.mjs';

const RUNS = 11;
const WASM = 'pkg/worker_bg.wasm';
const TRACKED = 8;

/** `dist/chrome` copied, its worker noting when each step of a wake ends (`globalThis.wake`). */
function instrumented() {
  const dir = mkdtempSync(join(tmpdir(), 'ft-wake-'));
  cpSync(join(root, 'dist/chrome'), dir, { recursive: true });
  const file = join(dir, 'worker.js');
  const boot = 'const ready = init().then(() => boot(small, keys));';
  const source = readFileSync(file, 'utf8');
  if (!source.includes(boot)) throw new Error(`worker.js no longer says: ${boot}`);
  writeFileSync(file, source.replace(boot, [
    'globalThis.wake = { running: performance.now() };',
    'small.then(() => { wake.small = performance.now(); });',
    'const ready = init()',
    '  .then(() => { wake.wasm = performance.now(); return boot(small, keys); })',
    '  .then(() => { wake.boot = performance.now(); });',
  ].join('\n')));
  return dir;
}

async function launch(dir) {
  const context = await launchWith([dir]);
  const [worker] = context.serviceWorkers().length ? context.serviceWorkers() : [await context.waitForEvent('serviceworker')];
  return { context, id: new URL(worker.url()).host };
}

/** One wake: the moments of the worker's steps and of the badge set, in ms from the message. */
async function wake(context, page, cdp) {
  await page.evaluate(() => chrome.action.setBadgeText({ text: '…' }));
  await stopWorker(cdp);
  const [sent, badge] = await page.evaluate(async () => {
    const t0 = performance.timeOrigin + performance.now();
    chrome.runtime.sendMessage({ type: 'planFor', url: 'about:blank' });
    while ((await chrome.action.getBadgeText({})) === '…');
    return [t0, performance.timeOrigin + performance.now() - t0];
  });
  const worker = context.serviceWorkers().at(-1);
  const moments = await worker.evaluate(async () => {
    while (!globalThis.wake?.boot) await new Promise((done) => setTimeout(done, 5));
    return { origin: performance.timeOrigin, ...globalThis.wake };
  });
  const at = (ms) => moments.origin + ms - sent;
  return {
    started: at(0), running: at(moments.running), small: at(moments.small), wasm: at(moments.wasm), badge, boot: at(moments.boot),
  };
}

/** The worker's Wasm fetched from the extension, compiled, and streamed, in an extension page. */
function wasmCosts(page) {
  return page.evaluate(async ({ path, runs }) => {
    const samples = { fetch: [], compile: [], streaming: [] };
    for (let i = 0; i < runs; i += 1) {
      const t0 = performance.now();
      const bytes = await (await fetch(path)).arrayBuffer();
      const t1 = performance.now();
      await WebAssembly.compile(bytes);
      const t2 = performance.now();
      await WebAssembly.compileStreaming(fetch(path));
      const t3 = performance.now();
      samples.fetch.push(t1 - t0);
      samples.compile.push(t2 - t1);
      samples.streaming.push(t3 - t2);
    }
    return samples;
  }, { path: WASM, runs: RUNS });
}

async function main() {
  const { context, id } = await launch(instrumented());
  const wakes = [];
  let costs;
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/dashboard.html`);
    await page.evaluate(async (tracked) => {
      for (let i = 0; i < tracked; i += 1) {
        const job = { title: `Engineer ${i}`, company: `Company ${i}`, url: `https://boards.greenhouse.io/c${i}/jobs/${100 + i}`, source: 'manual' };
        const { opportunity } = await chrome.runtime.sendMessage({ type: 'command', command: { type: 'track', job } });
        await chrome.runtime.sendMessage({ type: 'command', command: { type: 'markApplied', opportunityId: opportunity.id } });
      }
    }, TRACKED);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (let run = 0; run < RUNS; run += 1) wakes.push(await wake(context, page, cdp));
    costs = await wasmCosts(page);
  } finally {
    await context.close();
  }
  const m = (xs) => median(xs).toFixed(0);
  const of = (what) => m(wakes.map((w) => w[what]));
  const bytes = statSync(join(root, 'dist/chrome', WASM)).size;
  console.log('## Where a wake\'s time goes (Chromium, `tests/bench/wake.bench.mjs`)\n');
  console.log('Method: one headless Chromium with a copy of `dist/chrome` whose `worker.js` notes, with '
    + '`performance.now()`, when each step of its wake ends; the store holds '
    + `${TRACKED} applications. The worker is stopped through CDP and woken by a message from the `
    + 'extension\'s dashboard page; each moment is in ms from that message (the worker\'s and the '
    + 'page\'s clocks joined by `performance.timeOrigin`); the badge is seen set by the page. Then, in '
    + `that page, the worker's Wasm (${bytes.toLocaleString('en')} bytes) fetched from the extension and read `
    + 'whole, compiled from those bytes (`WebAssembly.compile`), and fetched and compiled together '
    + `(\`WebAssembly.compileStreaming\`, as the bindings do). Medians of ${RUNS} runs.\n`);
  console.log('| moment of a wake | ms after the message |');
  console.log('|---|---:|');
  console.log(`| the worker started (its time origin) | ${of('started')} |`);
  console.log(`| \`worker.js\` running (its imports fetched and evaluated) | ${of('running')} |`);
  console.log(`| the badge's records read from storage | ${of('small')} |`);
  console.log(`| the Wasm ready (fetched, compiled, instantiated) | ${of('wasm')} |`);
  console.log(`| the badge set | ${of('badge')} |`);
  console.log(`| \`boot\` done (the state loaded) | ${of('boot')} |`);
  console.log("\n| the worker's Wasm alone, in an extension page | ms |");
  console.log('|---|---:|');
  console.log(`| its bytes fetched from the extension | ${m(costs.fetch)} |`);
  console.log(`| compiled from the bytes | ${m(costs.compile)} |`);
  console.log(`| fetched and compiled, streamed | ${m(costs.streaming)} |`);
}

await main();
