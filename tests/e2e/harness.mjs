// Shared setup of the end-to-end tests: Debian's Chromium with the built extension loaded, a
// throwaway profile, every http(s) request answered from the corpus or aborted (no network).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpus = process.env.FT_CORPUS ?? resolve(root, '../shared/corpus');
export const out = join(root, 'tests/e2e/out');
export const zone = 'America/New_York';

/** The project's own real pages (`tests/corpus`), of sites the shared corpus lacks. */
export const ownCorpus = join(root, 'tests/corpus');

/**
 * Both corpora's manifests (the shared corpus's first) as objects keyed by column name, each
 * with the `path` of its saved page.
 */
export function manifest() {
  return [corpus, ownCorpus].flatMap((dir) => {
    const [header, ...rows] = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
    const names = header.split('\t');
    return rows.map((row) => {
      const cells = Object.fromEntries(row.split('\t').map((v, i) => [names[i], v]));
      return { ...cells, path: join(dir, cells.file) };
    });
  });
}

/**
 * Launches Chromium with dist/chrome loaded; `pages` maps a URL to the body served for it.
 * `args`: more command-line switches (e.g. a net log); `extension`: another build to load.
 */
export async function launch(pages = {}, { args = [], extension = join(root, 'dist/chrome') } = {}) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ft-profile-')), {
    executablePath: '/usr/lib/chromium/chromium',
    headless: true,
    env: { ...process.env, TZ: zone },
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1000, height: 800 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...args,
    ],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (!/^https?:/.test(url)) return route.continue();
    const body = pages[url];
    if (body === undefined) return route.abort();
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  await welcomeSettled(context);
  return { context, worker, id };
}

/**
 * Waits until the welcome page the install opens has had its answer from the worker (its
 * `<main>` no longer `aria-busy`): a test that stops the worker must never have that request
 * wake a new one on the storage it is about to change.
 */
async function welcomeSettled(context) {
  for (let i = 0; i < 200; i += 1) {
    const welcome = context.pages().find((page) => page.url().endsWith('/welcome.html'));
    if (welcome) {
      await welcome.locator('main:not([aria-busy])').waitFor({ state: 'attached' });
      return;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The corpus page served at its real URL. */
export function corpusPage(file) {
  return readFileSync(join(corpus, file));
}

/** Opens a page and returns it with the id of its tab. */
export async function openTab({ context, worker }, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  const tabId = await worker.evaluate(
    (u) => chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === u).id),
    url,
  );
  return { page, tabId, errors };
}

/** Opens the popup as a page, about the given tab, once it has drawn all it asked the worker
 * for (`aria-busy` is gone): a test may stop the worker then, no request of the popup's pending. */
export async function openPopup({ context, id }, tabId) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${id}/popup.html${tabId === undefined ? '' : `?tab=${tabId}`}`);
  await popup.locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
  return popup;
}

/** Opens `url` and the popup about it, tracks the posting and marks it applied: the popup,
 * once it says so. */
export async function trackAndApply(browser, url) {
  const { tabId } = await openTab(browser, url);
  const popup = await openPopup(browser, tabId);
  await popup.getByRole('button', { name: 'Track this application' }).click();
  await popup.getByRole('button', { name: 'Mark applied' }).click();
  await popup.getByText('Applied ✓').waitFor();
  return popup;
}

/** Everything the extension has stored. */
export function stored(worker) {
  return worker.evaluate(() => chrome.storage.local.get(null));
}

/** The key of the record that keeps a contact: storage packs contacts many to a record
 * (`src/store/shards.rs`, 32-bit FNV-1a of the id, 256 records). */
export function shardOf(id) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(id, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `contacts/${(hash % 256).toString(16).padStart(2, '0')}`;
}

/** The stored records whose keys start with `prefix`; `contact/` gives the contacts, unpacked
 * from the records that keep them. */
export function records(all, prefix) {
  if (prefix === 'contact/') {
    return Object.entries(all).filter(([k]) => k.startsWith('contacts/'))
      .flatMap(([, text]) => Object.values(JSON.parse(text)));
  }
  return Object.entries(all).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

/** A due time as the popup writes it: "Fri 11 Dec 17:00". */
export function said(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

/** Contacts as storage keeps them: their records by key. */
export function contactRecords(contacts) {
  const packed = {};
  for (const contact of contacts) (packed[shardOf(contact.id)] ??= {})[contact.id] = contact;
  return Object.fromEntries(Object.entries(packed).map(([key, entries]) => [key, JSON.stringify(entries)]));
}

/** Stops the service worker, as the browser does when it is idle; the next message wakes it. */
export async function stopWorker(browser, page) {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise((done) => cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.runningStatus === 'stopped')) done();
  }));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
}

/**
 * Stops the service worker, as the browser does when it is idle, then wakes a new one by
 * opening the popup. Returns the new worker and the new popup.
 */
export async function restartWorker(browser, page) {
  await stopWorker(browser, page);
  return wakeWorker(browser);
}

/**
 * Wakes a new service worker (after `stopWorker`) by opening the popup. A test that writes
 * storage stops the worker, writes from an extension page, then wakes it: no write of a live
 * worker can land after the test's. Returns the new worker and the popup.
 */
export async function wakeWorker(browser) {
  const popup = await openPopup(browser);
  await popup.locator('.checklist').waitFor();
  return { worker: await awakeWorker(browser), popup };
}

/** The service worker running now (after a restart, the one that woke). */
export async function awakeWorker(browser) {
  for (const worker of browser.context.serviceWorkers()) {
    if (await worker.evaluate(() => true).catch(() => false)) return worker;
  }
  throw new Error('no service worker woke up');
}

export function screenshotPath(name) {
  mkdirSync(out, { recursive: true });
  return join(out, name);
}

/** A job posting page whose JSON-LD says what `job` says (title, company, url, ...). */
export function postingPage({ title, company = 'Acme', url, description = 'A job.', extraHtml = '', validThrough }) {
  const posting = {
    '@context': 'https://schema.org', '@type': 'JobPosting', title, description, url,
    hiringOrganization: company === null ? undefined : { '@type': 'Organization', name: company },
    datePosted: '2026-11-01', validThrough,
  };
  const json = JSON.stringify(posting).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><title>${title.replace(/</g, '&lt;')}</title>
<script type="application/ld+json">${json}</script></head><body>${extraHtml}</body></html>`;
}

/** Sends a request to the worker from an extension page and returns its reply. */
export function ask(page, request) {
  return page.evaluate((r) => chrome.runtime.sendMessage(r), request);
}
