// Storage at scale in real Chromium, printed as a Markdown section of BENCHMARKS.md (run by
// `./build.sh bench`, or alone: `node tests/bench/storage.bench.mjs` after `./build.sh`).
//
// For each size, storage is seeded directly in the store's record format (schema 4: one key per
// record, descriptions apart, contacts packed into 256 records), generated deterministically, then measured from an extension page:
// - wake → badge: the badge is set to a sentinel, the worker stopped (CDP), then woken by a
//   message; the time until the badge text is no longer the sentinel (polled with
//   `chrome.action.getBadgeText`), and until the message is answered;
// - popup first paint: popup.html opened with the worker awake, to the checklist drawn
//   (`performance.now()` in the page when `.checklist` appears, from navigation start);
// - a command's round trip: one Track command, sent to its reply (written and the badge set);
// - bytes per record: `chrome.storage.local.getBytesInUse` over the record count.
// Baselines measured in the same run: wake → badge with an empty store, and a plain
// `chrome.storage.local.get(null)` of everything at each size.
import { launch, openPopup } from '../e2e/harness.mjs';
import { median, records, seed, stopWorker, timePopupDrawn } from './stores.mjs';

const SIZES = [
  { postings: 0, contacts: 0, followups: 0 },
  { postings: 1000, contacts: 2000, followups: 5000 },
  { postings: 10000, contacts: 20000, followups: 50000 },
];
const RUNS = 5;
/** Stops the worker, wakes it with a message: [ms to the badge set, ms to the reply]. */
async function wake(page, cdp) {
  await page.evaluate(() => chrome.action.setBadgeText({ text: '…' }));
  await stopWorker(cdp);
  return page.evaluate(async () => {
    const t0 = performance.now();
    let replied;
    chrome.runtime.sendMessage({ type: 'planFor', url: 'about:blank' }).then(() => { replied = performance.now() - t0; });
    for (;;) {
      if ((await chrome.action.getBadgeText({})) !== '…') break;
    }
    const badge = performance.now() - t0;
    while (replied === undefined) await new Promise((r) => setTimeout(r, 1));
    return [badge, replied];
  });
}

async function popupPaint(browser) {
  const popup = await openPopup(browser);
  await popup.locator('.checklist').waitFor({ timeout: 120_000 });
  const ms = await popup.evaluate(() => globalThis.drawnAt);
  const rows = await popup.locator('li.item').count();
  await popup.close();
  return [ms, rows];
}

async function main() {
  const browser = await launch();
  await timePopupDrawn(browser.context, '.checklist');
  const rows = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.id}/welcome.html`);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (const size of SIZES) {
      const all = records(size);
      const count = Object.keys(all).length;
      await seed(page, all);
      const bytes = await page.evaluate(() => chrome.storage.local.getBytesInUse(null));
      const descriptionBytes = size.postings
        ? await page.evaluate((keys) => chrome.storage.local.getBytesInUse(keys), Object.keys(all).filter((k) => k.startsWith('description/')))
        : 0;
      const getAll = [];
      for (let i = 0; i < RUNS; i += 1) {
        getAll.push(await page.evaluate(async () => {
          const t0 = performance.now();
          await chrome.storage.local.get(null);
          return performance.now() - t0;
        }));
      }
      const wakes = [];
      for (let i = 0; i < RUNS; i += 1) wakes.push(await wake(page, cdp));
      const paints = [];
      for (let i = 0; i < RUNS; i += 1) paints.push(await popupPaint(browser));
      const commands = [];
      for (let i = 0; i < RUNS; i += 1) {
        commands.push(await page.evaluate(async (n) => {
          const t0 = performance.now();
          const reply = await chrome.runtime.sendMessage({
            type: 'command',
            command: { type: 'track', job: { title: `Bench ${n}`, url: `https://jobs.lever.co/bench/${n}`, source: 'manual' } },
          });
          if (reply.type !== 'updated') throw new Error(JSON.stringify(reply));
          return performance.now() - t0;
        }, i));
      }
      rows.push({
        size, count, bytes, descriptionBytes,
        getAll: median(getAll),
        badge: median(wakes.map((w) => w[0])),
        reply: median(wakes.map((w) => w[1])),
        paint: median(paints.map((p) => p[0])),
        paintRows: paints[0][1],
        command: median(commands),
      });
      process.stderr.write(`storage bench: ${JSON.stringify(rows.at(-1))}\n`);
    }
  } finally {
    await browser.context.close();
  }
  const base = rows[0];
  const ms = (x) => x.toFixed(0);
  const ratio = (x, b) => `${(x / b).toFixed(1)}×`;
  console.log('## Storage at scale (Chromium, `tests/bench/storage.bench.mjs`)\n');
  console.log(`Storage seeded in the store's format (schema 4), medians of ${RUNS} runs, in ms. `
    + 'Wake → badge: the worker stopped through CDP and woken by a message, until the badge text '
    + 'is set (first from the due index records, `due/0`…`due/f`, before the full load); the ratio '
    + 'is against the same with an empty store, measured in this run, which is mostly starting the '
    + 'worker and compiling the Wasm. Wake → reply: the first message (a read plan) answered, after the wake\'s load (the pending follow-ups the due index names and the postings, events and people they name; the rest is read when a request needs it; the first wake of a seeded store, whose index is missing, reads everything and writes the index). Popup first '
    + 'paint counts from navigation start, so it includes opening the page before any of our code runs. '
    + '`get(null)`: reading every record back from an extension page, the floor for a worker that '
    + 'reads everything.\n');
  console.log('| postings / contacts / follow-ups | records | bytes in use | bytes / record | descriptions (not read on wake) | `get(null)` | wake → badge | wake → reply | popup first paint (rows drawn) | command round trip |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const { postings, contacts, followups } = r.size;
    console.log(`| ${postings} / ${contacts} / ${followups} | ${r.count} | ${r.bytes} | ${(r.bytes / r.count).toFixed(0)} | ${r.descriptionBytes} | ${ms(r.getAll)} | ${ms(r.badge)} (${ratio(r.badge, base.badge)}) | ${ms(r.reply)} | ${ms(r.paint)} (${r.paintRows}) | ${ms(r.command)} |`);
  }
  const last = rows.at(-1);
  console.log(`\nTargets at the largest size: wake → badge ≤ 100 ms (${ms(last.badge)}), popup first paint ≤ 100 ms (${ms(last.paint)}).`);
}

await main();
