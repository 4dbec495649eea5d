// The popup against its floor, in one Chromium: the built extension and a minimal plain-JS
// extension doing the same job (`floor/`: open follow-ups in one record, the badge set on wake,
// the popup answered from that record), loaded side by side and filled with the same data.
// Printed as a Markdown section of BENCHMARKS.md (`./build.sh bench`, or alone:
// `node tests/bench/popup.bench.mjs` after `./build.sh`).
//
// Sizes: realistic, filled through each extension's own messages (a 30,000-row
// Connections.csv, 300 postings tracked, 200 of them applied to); and large, seeded in the
// store's format (10,000 postings, 20,000 contacts, 50,000 follow-ups; the floor gets the same
// open follow-ups, posting URLs and contacts). For each, medians of RUNS runs, ours and the
// floor interleaved:
// - popup, worker asleep: every worker stopped (CDP), then the popup page opened, to its first
//   checklist row drawn (`performance.now()` from navigation start);
// - popup, worker awake: the same after a message has woken the worker;
// - wake → badge: the badge set to a sentinel, the workers stopped, the worker woken by a
//   message from the extension's own page, until the badge text changes;
// - a command's round trip: tracking one more posting, sent to its reply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, corpus } from '../e2e/harness.mjs';
import { exportOf, launchWith, median, records, seed, stopWorker, timePopupDrawn } from './stores.mjs';

const RUNS = 5;
const CONTACTS = 30_000;
const TRACKED = 300;
const APPLIED = 200;
const LARGE = { postings: 10000, contacts: 20000, followups: 50000 };
const FLOOR = join(root, 'tests/bench/floor');
const OURS = join(root, 'dist/chrome');

async function launch() {
  const context = await launchWith([OURS, FLOOR]);
  const ids = {};
  while (Object.keys(ids).length < 2) {
    for (const worker of context.serviceWorkers()) {
      const name = await worker.evaluate(() => chrome.runtime.getManifest().name);
      ids[name === 'Follow-up floor' ? 'floor' : 'ours'] = new URL(worker.url()).host;
    }
    if (Object.keys(ids).length < 2) await context.waitForEvent('serviceworker');
  }
  return { context, ids };
}

/** An extension page of each, to send its worker messages from. */
async function pagesOf({ context, ids }) {
  const ours = await context.newPage();
  await ours.goto(`chrome-extension://${ids.ours}/welcome.html`);
  const floor = await context.newPage();
  await floor.goto(`chrome-extension://${ids.floor}/popup.html`);
  return { ours, floor };
}

const send = (page, message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);

/** The realistic store, through each extension's own messages. */
async function fillRealistic(pages) {
  const csv = exportOf(readFileSync(join(corpus, 'linkedin/Connections_jasontoups_2024.csv'), 'utf8'), CONTACTS);
  const imported = await send(pages.ours, { type: 'importConnections', text: csv });
  if (imported.type === 'error') throw new Error(JSON.stringify(imported));
  const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
    name: `Person ${i}`, url: `https://www.linkedin.com/in/x${i}`, company: 'Acme', position: 'Engineer',
  }));
  for (let i = 0; i < CONTACTS; i += 5000) {
    await send(pages.floor, { type: 'contacts', contacts: contacts.slice(i, i + 5000), from: i });
  }
  for (let i = 0; i < TRACKED; i += 1) {
    const job = {
      title: `Backend Engineer ${i}`, company: `Company ${i}`,
      url: `https://boards.greenhouse.io/company${i}/jobs/${4000000 + i}`, source: 'manual',
    };
    const tracked = await send(pages.ours, { type: 'command', command: { type: 'track', job } });
    const id = await send(pages.floor, { type: 'track', posting: job, now: Date.now() });
    if (i < APPLIED) {
      const opportunityId = tracked.opportunity.id;
      await send(pages.ours, { type: 'command', command: { type: 'markApplied', opportunityId } });
      await send(pages.floor, { type: 'applied', id, now: Date.now() });
    }
  }
}

/** The large store: ours seeded in its format with its worker stopped, the floor given the same
 * open follow-ups, posting URLs and contacts. */
async function fillLarge(pages, cdp) {
  const all = records(LARGE);
  await stopWorker(cdp);
  await seed(pages.ours, all);
  const jobs = {};
  const keys = [];
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith('opportunity/')) {
      jobs[value.id] = value.job;
      keys.push(value.job.url);
    }
  }
  const rows = Object.entries(all)
    .filter(([key, f]) => key.startsWith('followup/') && f.status === 'open')
    .map(([, f]) => ({
      id: f.id, text: f.text, about: `${jobs[f.opportunity].title} · ${jobs[f.opportunity].company}`,
      due: Date.parse(f.due),
    }));
  await send(pages.floor, { type: 'seed', rows, keys });
  const contacts = Array.from({ length: LARGE.contacts }, (_, i) => ({ name: `Person ${i}`, url: `https://www.linkedin.com/in/person-${i}` }));
  for (let i = 0; i < contacts.length; i += 5000) {
    await send(pages.floor, { type: 'contacts', contacts: contacts.slice(i, i + 5000), from: i });
  }
}

const WAKE = { ours: { type: 'planFor', url: 'about:blank' }, floor: { type: 'checklist' } };
/** A request after which each worker has read all it reads: ours reads the contact records and
 * the trash left unread on wake for the first request that is not the popup's first ones. */
const AWAKE = { ours: { type: 'settings' }, floor: { type: 'checklist' } };

/** Milliseconds from navigation start to the popup's first checklist row. */
async function popupRow({ context, ids }, which) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${ids[which]}/popup.html`);
  await popup.locator('li.item').first().waitFor({ timeout: 120_000 });
  const ms = await popup.evaluate(() => globalThis.drawnAt);
  await popup.close();
  return ms;
}

/** Milliseconds from a message waking the stopped worker to its badge set. */
async function wakeToBadge(page, cdp, which) {
  await page.evaluate(() => chrome.action.setBadgeText({ text: '…' }));
  await stopWorker(cdp);
  return page.evaluate(async (message) => {
    const t0 = performance.now();
    chrome.runtime.sendMessage(message);
    while ((await chrome.action.getBadgeText({})) === '…');
    return performance.now() - t0;
  }, WAKE[which]);
}

async function roundTrip(page, which, n) {
  return page.evaluate(async ({ which, n }) => {
    const job = { title: `Bench ${n}`, company: 'Bench', url: `https://jobs.lever.co/bench/${n}`, source: 'manual' };
    const message = which === 'ours'
      ? { type: 'command', command: { type: 'track', job } }
      : { type: 'track', posting: job, now: Date.now() };
    const t0 = performance.now();
    await chrome.runtime.sendMessage(message);
    return performance.now() - t0;
  }, { which, n });
}

async function measure(browser, pages, cdp, size) {
  const runs = { ours: { asleep: [], awake: [], badge: [], command: [] }, floor: { asleep: [], awake: [], badge: [], command: [] } };
  for (let run = 0; run < RUNS; run += 1) {
    for (const which of ['floor', 'ours']) {
      const r = runs[which];
      await stopWorker(cdp);
      r.asleep.push(await popupRow(browser, which));
      await send(pages[which], WAKE[which]);
      r.awake.push(await popupRow(browser, which));
      r.badge.push(await wakeToBadge(pages[which], cdp, which));
      await send(pages[which], AWAKE[which]);
      r.command.push(await roundTrip(pages[which], which, `${size}-${run}`));
    }
  }
  const m = (which, what) => median(runs[which][what]);
  const row = {};
  for (const what of ['asleep', 'awake', 'badge', 'command']) row[what] = { floor: m('floor', what), ours: m('ours', what) };
  process.stderr.write(`popup bench ${size}: ${JSON.stringify(row)}\n`);
  return row;
}

async function main() {
  const browser = await launch();
  await timePopupDrawn(browser.context, 'li.item');
  const results = [];
  try {
    const pages = await pagesOf(browser);
    const cdp = await browser.context.newCDPSession(pages.ours);
    await cdp.send('ServiceWorker.enable');
    await fillRealistic(pages);
    results.push(['realistic: 30,000 contacts, 300 postings, 200 applied', await measure(browser, pages, cdp, 'realistic')]);
    await fillLarge(pages, cdp);
    results.push(['large: 10,000 postings, 20,000 contacts, 50,000 follow-ups', await measure(browser, pages, cdp, 'large')]);
  } finally {
    await browser.context.close();
  }
  const ms = (x) => x.toFixed(0);
  const ratio = ({ floor, ours }) => `${(ours / floor).toFixed(1)}×`;
  console.log('## The popup against its floor (Chromium, `tests/bench/popup.bench.mjs`)\n');
  console.log('Method: one headless Chromium with two extensions loaded side by side: ours (`dist/chrome`) '
    + 'and the floor (`tests/bench/floor/`), a minimal plain-JS extension doing the same job: its open '
    + 'follow-ups, with what a row shows, in one record; the badge set on wake from it; the popup '
    + 'answered from it; postings one a key with their URLs in one record for duplicates; contacts '
    + 'in records never read on wake. The realistic store is filled through each extension\'s own '
    + `messages (a ${CONTACTS.toLocaleString('en')}-row Connections.csv imported, ${TRACKED} postings tracked, ${APPLIED} applied); `
    + 'the large one is seeded in our store\'s format with our worker stopped, the floor given the same '
    + 'open follow-ups, posting URLs and contacts. Popup: from navigation start to the first checklist '
    + 'row drawn, with every worker stopped through CDP (asleep), or after a message woke it (awake). '
    + 'Wake → badge: the badge set to a sentinel, the workers stopped, a message from the extension\'s '
    + 'own page, until the badge text changes. Command: one more posting tracked, to its reply, '
    + 'once the worker has read what it reads (ours reads the records left unread on wake for the '
    + 'first request that is not one of the popup\'s first: a settings request before it). '
    + `Medians of ${RUNS} runs, ours and the floor interleaved, in ms; the ratio is ours over the floor.\n`);
  console.log('| store | measure | floor | ours | ratio |');
  console.log('|---|---|---:|---:|---:|');
  const names = { asleep: 'popup, worker asleep → first row', awake: 'popup, worker awake → first row', badge: 'worker woken → badge set', command: 'a command\'s round trip (Track)' };
  for (const [store, row] of results) {
    for (const what of Object.keys(names)) {
      console.log(`| ${store} | ${names[what]} | ${ms(row[what].floor)} | ${ms(row[what].ours)} | ${ratio(row[what])} |`);
    }
  }
  console.log('\nTargets (issue 19): popup asleep ≤ 2× the floor at the realistic size and ≤ 3× at the large one; '
    + 'popup awake ≤ 1.5×; wake → badge ≤ 1.5×; a command at the large size ≤ 50 ms.');
}

await main();
