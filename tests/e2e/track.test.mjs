// The walking skeleton end to end in real Chromium: a corpus posting is captured, tracked in one
// click, marked applied; the playbook's follow-ups are stored; the badge counts the overdue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, corpusPage, openTab, openPopup, stored, records, screenshotPath, manifest, root,
  zone, stopWorker, wakeWorker, postingPage,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const INDEED_FILE = 'pages/indeed/viewjob_papercut_senior_devops.html';

const localHour = (iso) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const localWeekday = (iso) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(new Date(iso));
test('a posting is tracked in one click, marked applied, and the playbook plans its follow-ups', async () => {
  const browser = await launch({ [INDEED]: corpusPage(INDEED_FILE) });
  try {
    const { tabId, errors } = await openTab(browser, INDEED);
    const popup = await openPopup(browser, tabId);
    await popup.locator('.job-title', { hasText: 'Senior DevOps Engineer' }).waitFor();
    assert.equal(await popup.locator('.recent').count(), 0, 'the posting on screen is not listed again');
    assert.match(await popup.locator('.job-where').innerText(), /PaperCut Software · Camberwell VIC 3124/);
    await popup.getByText('Nothing to follow up yet. Track a posting to start.').waitFor();

    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.getByText('Tracked ✓').waitFor();
    let all = await stored(browser.worker);
    const [saved] = records(all, 'opportunity/');
    assert.equal(saved.job.title, 'Senior DevOps Engineer');
    assert.equal(saved.job.company, 'PaperCut Software');
    assert.equal(saved.job.url, INDEED);
    assert.equal(saved.stage, 'saved');
    assert.deepEqual(records(all, 'followup/').map((f) => [f.rule, f.status]), [['R1', 'open']]);

    await popup.getByRole('button', { name: 'Mark applied' }).click();
    await popup.getByText('Applied ✓').waitFor();
    all = await stored(browser.worker);
    assert.equal(records(all, 'opportunity/')[0].stage, 'applied');
    const applied = records(all, 'event/').find((e) => e.kind === 'applied');
    const followups = Object.fromEntries(records(all, 'followup/').map((f) => [f.rule, f]));
    assert.equal(followups.R1.status, 'done');
    assert.equal(followups.R2.status, 'open');
    assert.equal(followups.R3.status, 'open');
    for (const f of [followups.R2, followups.R3]) {
      assert.equal(f.zone, zone);
      assert.equal(localHour(f.due), '09');
      assert.ok(!['Sat', 'Sun'].includes(localWeekday(f.due)), `${f.rule} falls on a working day`);
    }
    const days = (Date.parse(followups.R3.due) - Date.parse(applied.at)) / 86_400_000;
    assert.ok(days > 6 && days <= 10, `R3 is a week after applying, not ${days} days`);
    assert.equal(await popup.locator('li.item').count(), 2);
    assert.equal(await popup.getByRole('button', { name: 'Done' }).count(), 2);
    assert.equal(await browser.worker.evaluate(() => chrome.action.getBadgeText({})), '');
    assert.deepEqual(errors, []);

    await popup.screenshot({ path: screenshotPath('popup-tracked.png'), fullPage: true });

    await popup.getByRole('button', { name: 'Log what happened' }).click();
    await popup.getByLabel('They decide by (optional)').fill('2099-01-15');
    await popup.getByRole('button', { name: 'Log it' }).click();
    await popup.getByText('Interviewing ✓').waitFor();
    all = await stored(browser.worker);
    assert.equal(records(all, 'opportunity/')[0].stage, 'interviewing');
    const after = Object.fromEntries(records(all, 'followup/').map((f) => [f.rule, f]));
    assert.equal(after.R6.status, 'open', 'a thank-you note is planned');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(new Date(after.R7.due));
    assert.equal(day, '2099-01-15', 'the decision follow-up falls on the date they gave');
  } finally {
    await browser.context.close();
  }
});

test('the badge counts overdue follow-ups after the worker restarts, and Done clears it; old storage is migrated', async () => {
  const browser = await launch({ [INDEED]: corpusPage(INDEED_FILE) });
  try {
    const first = await openPopup(browser);
    await stopWorker(browser, first);
    await first.evaluate(() => chrome.storage.local.set({
      meta: { schema: 1, next_id: 6 },
      'contact/c5': { id: 'c5', name: 'Dana Lee', opportunities: ['o1'] },
      'opportunity/o1': {
        id: 'o1', stage: 'applied', created_at: '2001-01-01T15:00:00Z',
        job: { title: 'Senior DevOps Engineer', company: 'PaperCut Software', url: 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2', source: 'jsonld' },
      },
      'event/e2': { id: 'e2', at: '2001-01-01T15:00:00Z', kind: 'applied', opportunity: 'o1' },
      'followup/f3': {
        id: 'f3', rule: 'R3', opportunity: 'o1', event: 'e2', due: '2001-01-08T14:00:00Z',
        zone: 'America/New_York', status: 'open',
        text: 'Follow up on your Senior DevOps Engineer application at PaperCut Software',
      },
    }));
    const { worker, popup } = await wakeWorker(browser);
    await popup.locator('li.item.overdue').waitFor();
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '1');
    assert.match(await popup.locator('li.item.overdue .when').innerText(), /days late · Applied Mon 1 Jan 2001/);
    await popup.screenshot({ path: screenshotPath('popup-overdue.png'), fullPage: true });

    await popup.locator('li.item.overdue').getByRole('button', { name: 'Done' }).click();
    await popup.getByRole('button', { name: 'Just done' }).click();
    await popup.getByText('Nothing to follow up yet. Track a posting to start.').waitFor();
    // The badge follows the reply, in the same turn of the worker.
    for (let i = 0; i < 100 && await worker.evaluate(() => chrome.action.getBadgeText({})) !== ''; i += 1) {
      await new Promise((done) => setTimeout(done, 50));
    }
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '');
    const all = await stored(worker);
    assert.equal(all['followup/f3'].status, 'done');
    assert.equal(all.meta.schema, 4);
    assert.ok(!('contact/c5' in all), 'the contact moved to the record that keeps it');
    assert.deepEqual(records(all, 'contact/'), [{ id: 'c5', name: 'Dana Lee', links: [{ opportunity: 'o1', role: 'contact' }] }]);
  } finally {
    await browser.context.close();
  }
});

test('a page with broken JSON-LD says so, offers tracking by hand, and a huge page throws nothing', async () => {
  const broken = 'https://boards.greenhouse.io/acme/jobs/1';
  const huge = 'https://boards.greenhouse.io/acme/jobs/2';
  const big = 'x'.repeat(2_000_000);
  const browser = await launch({
    [broken]: '<!doctype html><title>Careers at Acme</title><script type="application/ld+json">{"@type": "JobPosting", "title": </script><h1>Careers</h1>',
    [huge]: `<!doctype html><title>Huge</title><script type="application/ld+json">{"@type":"JobPosting","title":"${big}"}</script><p>${big}</p>`,
  });
  try {
    const first = await openTab(browser, broken);
    const popup = await openPopup(browser, first.tabId);
    await popup.getByText('No posting found on this page.').waitFor();
    assert.equal(await popup.locator('#manual-title').inputValue(), 'Careers at Acme');
    await popup.locator('#manual-company').fill('Acme');
    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.getByText('Tracked ✓').waitFor();
    const [opportunity] = records(await stored(browser.worker), 'opportunity/');
    assert.deepEqual([opportunity.job.title, opportunity.job.company, opportunity.job.url, opportunity.job.source],
      ['Careers at Acme', 'Acme', broken, 'manual']);
    await popup.screenshot({ path: screenshotPath('popup-no-posting.png'), fullPage: true });

    const second = await openTab(browser, huge);
    const again = await openPopup(browser, second.tabId);
    await again.getByText('No posting found on this page.').waitFor();
    assert.deepEqual([...first.errors, ...second.errors], []);
  } finally {
    await browser.context.close();
  }
});

test('the live reader in the page and the native reader see the same snapshot, on every corpus page', async () => {
  const hosts = /(linkedin|indeed|greenhouse|lever|myworkdayjobs|workable|icims|builtin[a-z]*|glassdoor|stepstone|wellfound|dice|ycombinator|seek|totaljobs|naukri|welcometothejungle|monster)\./;
  // Pages on sites the extension reads are served at their real address (their site's plan);
  // every page is also served at an address of a site the extension may read that no adapter
  // serves, where the plan is the generic reader's sweep.
  const rows = manifest();
  const pages = [
    ...rows.filter((row) => row.url.startsWith('https://') && hosts.test(new URL(row.url).host))
      .map((row) => ({ path: row.path, url: row.url })),
    ...rows.map((row, n) => ({ path: row.path, url: `https://www.ycombinator.com/parity/jobs/${n}` })),
  ];
  assert.ok(pages.length >= 70);
  // The native reader, built once and run as it is (not through `cargo run` once a page).
  execFileSync('cargo', ['build', '--quiet', '--bin', 'extract'], { cwd: root });
  const { target_directory: target } = JSON.parse(execFileSync('cargo', [
    'metadata', '--format-version', '1', '--no-deps',
  ], { cwd: root, encoding: 'utf8' }));
  const extract = join(target, 'debug', 'extract');
  const browser = await launch(Object.fromEntries(pages.map((p) => [p.url, readFileSync(p.path)])));
  try {
    const popup = await openPopup(browser);
    for (const { path, url } of pages) {
      const { page, tabId } = await openTab(browser, url);
      const live = await popup.evaluate(async ({ url, tabId }) => {
        const { plan } = await chrome.runtime.sendMessage({ type: 'planFor', url });
        await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
        return chrome.tabs.sendMessage(tabId, { type: 'readPage', plan });
      }, { url, tabId });
      const native = JSON.parse(execFileSync(extract, [path, '--url', url, '--snapshot'], {
        cwd: root, encoding: 'utf8', maxBuffer: 64 << 20,
      }));
      assert.deepEqual(live, native, path);
      await page.close();
    }
  } finally {
    await browser.context.close();
  }
});

test('a posting that does not name its company asks for it before Track, and keeps what was typed', async () => {
  const url = 'https://boards.greenhouse.io/acme/jobs/7272';
  const browser = await launch({ [url]: postingPage({ title: 'Platform Engineer', company: null, url }) });
  try {
    const { tabId } = await openTab(browser, url);
    const popup = await openPopup(browser, tabId);
    const company = popup.getByLabel('Company (not found on this page)');
    await company.fill('  Acme   Robotics ');
    await popup.screenshot({ path: screenshotPath('popup-ask-company.png'), fullPage: true });
    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.getByText('Tracked ✓').waitFor();
    assert.equal(await company.count(), 0, 'asked once, before tracking');
    const [opportunity] = records(await stored(browser.worker), 'opportunity/');
    assert.equal(opportunity.job.company, 'Acme Robotics');
  } finally {
    await browser.context.close();
  }
});
