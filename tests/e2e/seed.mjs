// A few months of a job search as stored records, built from the corpus's postings and
// people: what the dashboard tests and screenshots show. Times are relative to `now`.
import { manifest, contactRecords, stopWorker, wakeWorker } from './harness.mjs';

const DAY = 86400000;
const ZONE = 'America/New_York';

/**
 * Storage records (by key) of a realistic search, ids from 100 so they never clash; `people` is
 * how many contacts it holds (one per person of the corpus's profile pages).
 */
export function history(now = Date.now()) {
  const rows = manifest();
  const jobs = rows.filter((r) => r.kind === 'job' && r.title && r.company && /^https:/.test(r.url)
    && !r.url.includes('indeed.com'));
  const seenNames = new Set();
  const people = rows.filter((r) => r.name && r.kind === 'profile' && !seenNames.has(r.name) && seenNames.add(r.name));
  const records = {};
  let next = 100;
  const id = (prefix) => `${prefix}${next++}`;
  const iso = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const event = (opportunity, at, kind, extra = {}) => {
    const e = { id: id('e'), at: iso(at), kind, ...extra };
    if (opportunity) e.opportunity = opportunity;
    records[`event/${e.id}`] = e;
    return e;
  };
  const followup = (fields) => {
    const f = { id: id('f'), zone: ZONE, ...fields };
    records[`followup/${f.id}`] = f;
    return f;
  };
  // stage, days ago tracked, followed up in time, answered
  const plan = [
    ['applied', 74, true, true], ['rejected', 66, false, true], ['applied', 58, true, false],
    ['interviewing', 50, true, true], ['applied', 41, false, false], ['offer', 35, true, true],
    ['applied', 27, true, false], ['withdrawn', 22, false, false], ['applied', 16, true, true],
    ['interviewing', 12, false, true], ['applied', 9, false, false], ['saved', 4, false, false],
    ['saved', 1, false, false],
  ];
  const opportunities = [];
  plan.forEach(([stage, ago, followedUp, answered], i) => {
    const row = jobs[i % jobs.length];
    const o = {
      id: id('o'), stage, created_at: iso(now - ago * DAY),
      job: { title: row.title, company: row.company, location: row.location || undefined, url: `${row.url}${i >= jobs.length ? `#${i}` : ''}`, source: 'jsonld' },
    };
    records[`opportunity/${o.id}`] = o;
    opportunities.push(o);
    const title = `${row.title} at ${row.company}`;
    const saved = event(o.id, now - ago * DAY, 'saved');
    if (stage === 'saved') {
      followup({ rule: 'R1', opportunity: o.id, event: saved.id, due: iso(now + (3 - ago) * DAY), status: 'open', text: `Apply to ${title}` });
      return;
    }
    const appliedAt = now - (ago - 1) * DAY;
    const applied = event(o.id, appliedAt, 'applied');
    const closed = ['rejected', 'withdrawn'].includes(stage);
    if (followedUp) {
      const touchAt = appliedAt + 6 * DAY;
      event(o.id, touchAt, 'touch', { outcome: answered ? 'answered' : 'no_answer' });
      followup({ rule: 'R3', opportunity: o.id, event: applied.id, due: iso(appliedAt + 7 * DAY), status: 'done', ended_at: iso(touchAt), outcome: answered ? 'answered' : 'no_answer', text: `Follow up on your ${title} application` });
    } else {
      followup({ rule: 'R3', opportunity: o.id, event: applied.id, due: iso(appliedAt + 7 * DAY), status: closed ? 'cancelled' : 'open', ended_at: closed ? iso(appliedAt + 12 * DAY) : undefined, text: `Follow up on your ${title} application` });
    }
    if (['interviewing', 'offer'].includes(stage)) {
      const interviewed = event(o.id, appliedAt + 9 * DAY, 'interviewed');
      followup({ rule: 'R7', opportunity: o.id, event: interviewed.id, due: iso(Math.max(appliedAt + 14 * DAY, now - 2 * DAY)), status: 'open', text: `Ask ${row.company} about the decision timeline` });
    } else if (answered && !closed) {
      event(o.id, appliedAt + 8 * DAY, 'reply');
    }
    if (stage === 'offer') event(o.id, appliedAt + 20 * DAY, 'offer');
    if (stage === 'rejected') event(o.id, appliedAt + 15 * DAY, 'rejected');
    if (stage === 'withdrawn') event(o.id, appliedAt + 12 * DAY, 'withdrawn');
  });
  const roles = ['recruiter', 'hiring_manager', 'interviewer', 'referrer'];
  Object.assign(records, contactRecords(people.map((p, i) => ({
    id: id('c'), name: p.name, headline: p.headline || undefined, company: p.current_company || undefined,
    profile_url: p.url, links: [{ opportunity: opportunities[(i * 2) % opportunities.length].id, role: roles[i % roles.length] }],
  }))));
  [['Send the portfolio link by Friday', 20, -1], ['Share the system design write-up tomorrow', 9, 1], ['Call back next week', 3, null]]
    .forEach(([text, ago, doneEarly]) => {
      const promise = event(null, now - ago * DAY, 'promise', { text });
      const due = now - (ago - 3) * DAY;
      followup({
        rule: 'R15', event: promise.id, due: iso(due), text,
        status: doneEarly === null ? 'open' : 'done',
        ended_at: doneEarly === null ? undefined : iso(due + doneEarly * DAY),
      });
    });
  return JSON.parse(JSON.stringify({ records, next, people: people.length }));
}

/**
 * Adds the search of `history()` to the store behind the extension page `page`: the worker is
 * stopped while it is written, then woken. Returns the new worker and how many contacts the
 * search holds.
 */
export async function seed(browser, page) {
  const { records, next, people } = history();
  await stopWorker(browser, page);
  await page.evaluate(async ({ records, next }) => {
    const { meta } = await chrome.storage.local.get('meta');
    await chrome.storage.local.set({ ...records, meta: { ...meta, next_id: Math.max(meta.next_id, next) } });
  }, { records, next });
  const { worker } = await wakeWorker(browser);
  return { worker, people };
}
