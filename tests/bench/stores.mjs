// The stores the in-browser benchmarks fill: generated deterministically in the store's record
// format (schema 4: one key per record, descriptions apart, contacts packed into 256 records),
// written from an extension page with the worker stopped.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactRecords, zone } from '../e2e/harness.mjs';

export const DAY = 86_400_000;
export const NOW = Date.now();

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'build run ship care team remote platform reliable data users scale on call rotation design review mentor growth'.split(' ');

/** The records of a store of this size, in the store's format, by key. */
export function records({ postings, contacts, followups }) {
  const rnd = random(postings + 7);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = {};
  let next = 1;
  const id = (p) => `${p}${next++}`;
  const opportunities = [];
  for (let i = 0; i < postings; i += 1) {
    const o = id('o');
    const created = NOW - Math.floor(rnd() * 180) * DAY;
    opportunities.push({ o, created });
    out[`opportunity/${o}`] = {
      id: o, stage: pick(['saved', 'applied', 'applied', 'interviewing', 'rejected']), created_at: iso(created),
      job: {
        title: `${pick(['Senior', 'Staff', 'Lead', ''])} ${pick(['Backend', 'Platform', 'Data', 'Site Reliability'])} Engineer ${i}`.trim(),
        company: `Company ${i % 997}`, location: pick(['Remote', 'Berlin', 'New York, NY', 'Toronto']),
        url: `https://boards.greenhouse.io/company${i % 997}/jobs/${5000000 + i}`, source: 'jsonld',
        job_key: `greenhouse:company${i % 997}/${5000000 + i}`,
      },
    };
    out[`description/${o}`] = Array.from({ length: 300 }, () => pick(WORDS)).join(' ');
    const e = id('e');
    out[`event/${e}`] = { id: e, at: iso(created), kind: 'saved', opportunity: o };
  }
  Object.assign(out, contactRecords(Array.from({ length: contacts }, (_, i) => {
    const c = id('c');
    const link = opportunities[i % Math.max(1, opportunities.length)];
    return {
      id: c, name: `Person ${i}`, email: `person${i}@example.com`,
      profile_url: `https://www.linkedin.com/in/person-${i}`, headline: 'Engineering Manager',
      ...(link ? { links: [{ opportunity: link.o, role: pick(['recruiter', 'hiring_manager', 'interviewer']) }] } : {}),
    };
  })));
  for (let i = 0; i < followups; i += 1) {
    const f = id('f');
    const { o, created } = opportunities[i % opportunities.length];
    // Mostly history; about one in ten still open, some of those overdue.
    const open = rnd() < 0.1;
    const due = open ? NOW + Math.floor((rnd() - 0.3) * 30) * DAY : created + 3 * DAY;
    out[`followup/${f}`] = {
      id: f, rule: pick(['R1', 'R2', 'R3', 'R4', 'R6']), opportunity: o, event: 'e2', due: iso(due),
      zone: 'America/New_York', status: open ? 'open' : 'done',
      text: `Follow up on your application at Company ${i % 997}`,
      ...(open ? {} : { ended_at: iso(due) }),
    };
  }
  out.meta = { schema: 4, next_id: next, notified_until: iso(NOW) };
  out.settings = { work_start: '09:00', work_end: '17:00', work_days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] };
  return out;
}

/** Headless Chromium with the unpacked extensions in `dirs` loaded, in the test zone, every web
 * request refused. */
export async function launchWith(dirs) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ft-bench-')), {
    executablePath: '/usr/lib/chromium/chromium',
    headless: true,
    env: { ...process.env, TZ: zone },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dirs.join(',')}`, `--load-extension=${dirs.join(',')}`,
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  await context.route(/^https?:/, (route) => route.abort());
  return context;
}

export async function seed(page, all) {
  await page.evaluate(() => chrome.storage.local.clear());
  const entries = Object.entries(all);
  for (let i = 0; i < entries.length; i += 5000) {
    await page.evaluate((chunk) => chrome.storage.local.set(chunk), Object.fromEntries(entries.slice(i, i + 5000)));
  }
}

export async function stopWorker(cdp) {
  const stopped = new Promise((done) => {
    const on = ({ versions }) => {
      if (versions.every((v) => v.runningStatus === 'stopped')) {
        cdp.off('ServiceWorker.workerVersionUpdated', on);
        done();
      }
    };
    cdp.on('ServiceWorker.workerVersionUpdated', on);
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
}

/** A `rows`-row export: the sample's preamble and header, then its named rows repeated, each copy
 * with its own name and profile URL (as benches/import.rs makes it). */
export function exportOf(sample, rows) {
  const at = sample.indexOf('First Name,Last Name');
  const preamble = sample.slice(0, at);
  const [header, ...lines] = sample.slice(at).split('\n');
  const named = lines.filter((line) => !line.startsWith(',,') && line.includes('linkedin.com/in/'));
  let out = `${preamble}${header}\n`;
  for (let index = 0; index < rows; index += 1) {
    const copy = Math.floor(index / named.length);
    const row = named[index % named.length]
      .replace(',', ` ${copy},`)
      .replace('linkedin.com/in/', `linkedin.com/in/x${copy}-`);
    out += `${row}\n`;
  }
  return out;
}

/** Notes in every popup page, as `globalThis.drawnAt`, when `selector` first matches
 * (`performance.now()`, from navigation start). */
export function timePopupDrawn(context, selector) {
  return context.addInitScript((wanted) => {
    if (!location.pathname.endsWith('/popup.html')) return;
    new MutationObserver((_, observer) => {
      if (document.querySelector(wanted)) {
        globalThis.drawnAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}
