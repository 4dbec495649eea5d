// The settings page in Chromium: the working week, the touch limit, the keep-in-touch choices,
// the badge mode, the recently viewed list and the message templates are saved to storage as the
// user sets them. Sync across the user's computers: its switch turns it on, writes the browser's
// sync area and says how it stands (a refused write and records that did not fit, too); turned
// off it asks whether to erase the synced copy. The welcome page of a new install whose sync area
// holds another computer's copy offers to restore it, and does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, stored, root, screenshotPath, postingPage, trackAndApply, ask, stopWorker, records,
} from './harness.mjs';

const axe = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const POSTING = 'https://boards.greenhouse.io/acme/jobs/4242';
const posting = { [POSTING]: postingPage({ title: 'Site Reliability Engineer', url: POSTING }) };

/** Serious and critical accessibility violations on a page, as "rule: target" lines. */
async function violations(page) {
  await page.evaluate(axe);
  const results = await page.evaluate(() => globalThis.axe.run());
  return results.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** This extension's items in the browser's sync area, read from an extension page. */
async function synced(page) {
  const all = await page.evaluate(() => chrome.storage.sync.get(null));
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('ft.')));
}

test('settings and templates are saved, and the page passes axe', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.id}/settings.html`);
    await page.getByRole('heading', { name: 'Your working week' }).waitFor();
    const words = await page.locator('main').innerText();
    assert.doesNotMatch(words, /\bseeds?\b|\bR\d+\b/i, 'settings speak the user\'s words: no seeds, no rule numbers');
    await page.getByLabel('Day starts').fill('08:30');
    await page.getByLabel('Sat').check();
    await page.getByLabel('Follow-ups without an answer before moving on').fill('3');
    await page.getByLabel('Your name, to sign your ready messages').fill('Ana Diaz');
    await page.getByLabel(/How often you can choose to keep in touch/).fill('14, 45 ,120');
    await page.getByLabel(/Count today's follow-ups/).check();
    await page.getByLabel('Remember postings I view').uncheck();
    await page.getByLabel('Read job postings as I view them on job sites').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved ✓' }).waitFor();
    let { settings } = await stored(browser.worker);
    assert.equal(settings.work_start, '08:30');
    assert.deepEqual(settings.work_days, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    assert.equal(settings.touch_limit, 3);
    assert.equal(settings.your_name, 'Ana Diaz');
    assert.equal(settings.badge, 'overdue_and_today');
    assert.equal(settings.seen.on, false);
    assert.equal(settings.auto_capture, false);
    assert.deepEqual(settings.cadence_presets, [14, 45, 120]);

    await page.getByText('Application follow-up', { exact: true }).click();
    await page.locator('#subject-R3').fill('Checking in on my application');
    await page.locator('details[open]').getByRole('button', { name: 'Save message' }).click();
    await page.getByText('Application follow-up (yours)').waitFor();
    ({ settings } = await stored(browser.worker));
    assert.equal(settings.templates.R3.subject, 'Checking in on my application');

    await page.getByLabel('Day ends').fill('07:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'The working day must start before it ends.' }).waitFor();
    ({ settings } = await stored(browser.worker));
    assert.equal(settings.work_end, '17:00');

    await page.evaluate(axe);
    const results = await page.evaluate(() => globalThis.axe.run());
    const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(serious.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target}`)), []);
    await page.screenshot({ path: screenshotPath('settings.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});

test('the sync switch turns sync on, the page says how it stands, and off with erase leaves nothing synced', async () => {
  const browser = await launch(posting);
  try {
    await trackAndApply(browser, POSTING);
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.id}/settings.html`);
    const section = page.locator('#sync');
    const status = page.locator('#sync-status');
    const toggle = page.getByRole('button', { name: 'Sync my job search' });
    await status.getByText('Sync is off: nothing leaves this computer.').waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'off by default');
    assert.match(await section.innerText(), /Chrome Sync or Firefox Sync/);
    assert.match(await section.innerText(), /What stays on this computer only: your imported LinkedIn network/);
    assert.deepEqual(await synced(page), {}, 'nothing synced while off');
    await section.screenshot({ path: screenshotPath('settings-sync-off.png') });

    await toggle.click();
    await page.locator('#sync-switch[aria-pressed="true"]').waitFor();
    await status.getByText('Sync is on.').waitFor();
    const lines = await status.locator('li').allInnerTexts();
    assert.match(lines[0], /^\d+ KB of 100 KB of your browser's sync in use$/);
    assert.notEqual(lines[0], '0 KB of 100 KB of your browser\'s sync in use');
    assert.equal(lines[1], 'No other computer shares it yet');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sync-switch', 'focus stays on the switch');
    const items = await synced(page);
    assert.ok(Object.keys(items).length > 0, 'items whose keys start with ft. are in the sync area');
    assert.ok(!JSON.stringify(items).includes('A job.'), 'no posting text leaves');
    assert.deepEqual(await violations(page), [], 'with sync on');
    await section.screenshot({ path: screenshotPath('settings-sync-on.png') });

    // A refused write and records that did not fit, as the worker keeps them in its sync record.
    await stopWorker(browser, page);
    await page.evaluate(async () => {
      const { sync } = await chrome.storage.local.get('sync');
      await chrome.storage.local.set({
        sync: { ...sync, left_out: 12, problem: 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded' },
      });
    });
    await page.reload();
    await status.getByText('12 older records did not fit and stay on this computer only (closed applications are left out first)').waitFor();
    await status.getByText(/^Too many changes in a short time: .* It is tried again with your next change, or within half an hour\.$/).waitFor();
    assert.deepEqual(await violations(page), [], 'with a problem said');
    await section.screenshot({ path: screenshotPath('settings-sync-problem.png') });

    await toggle.click();
    const question = page.getByRole('group', { name: 'Turn sync off on this computer?' });
    await question.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sync-ask', 'the question takes the focus');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'still on while asking');
    assert.deepEqual(await violations(page), [], 'with the question open');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await violations(page), [], 'with the question open, dark');
    await section.screenshot({ path: screenshotPath('settings-sync-ask-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await section.screenshot({ path: screenshotPath('settings-sync-ask.png') });
    await question.getByRole('button', { name: 'Keep sync on' }).click();
    await question.waitFor({ state: 'detached' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

    await toggle.click();
    await question.getByRole('button', { name: 'Turn off, keep it for my other computers' }).click();
    await status.getByText('Sync is off on this computer. The synced copy stays for your other computers.').waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.ok(Object.keys(await synced(page)).length > 0, 'the copy kept for the other computers');

    await toggle.click();
    await status.getByText('Sync is on.').waitFor();
    await toggle.click();
    await question.getByRole('button', { name: 'Turn off and erase the synced copy' }).click();
    await status.getByText("Sync is off, and the synced copy is erased from your browser's sync for every computer.").waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await synced(page), {}, 'no ft. item is left');
    const opportunities = records(await stored(browser.worker), 'opportunity/');
    assert.equal(opportunities.length, 1, 'the data here stays');
  } finally {
    await browser.context.close();
  }
});

test('a new install whose sync area holds another computer\'s copy offers to restore it, and restores it', async () => {
  const first = await launch(posting);
  let items;
  try {
    const popup = await trackAndApply(first, POSTING);
    await ask(popup, { type: 'command', command: { type: 'setYourName', name: 'Ana Diaz' } });
    const reply = await ask(popup, { type: 'setSync', on: true, erase: false });
    assert.equal(reply.sync.on, true);
    items = await synced(popup);
  } finally {
    await first.context.close();
  }

  const browser = await launch();
  try {
    // The browser's sync brings the copy in a moment after the install, with the welcome page
    // already open: the offer appears then.
    const welcome = await browser.context.newPage();
    await welcome.goto(`chrome-extension://${browser.id}/welcome.html`);
    await welcome.locator('main:not([aria-busy])').waitFor({ state: 'attached' });
    assert.equal(await welcome.locator('#restore').isHidden(), true, 'nothing to restore yet');
    await welcome.evaluate((all) => chrome.storage.sync.set(all), items);
    const offer = welcome.getByRole('region', { name: 'Restore your job search from your other computers' });
    await offer.waitFor();
    assert.deepEqual(await violations(welcome), [], 'with the offer');
    await offer.screenshot({ path: screenshotPath('welcome-restore.png') });
    assert.equal(records(await stored(browser.worker), 'opportunity/').length, 0, 'nothing here before');

    await offer.getByRole('button', { name: 'Restore and turn on sync' }).click();
    await offer.getByRole('status').filter({ hasText: 'Done: your job search from your other computers is here.' }).waitFor();
    assert.equal(await welcome.evaluate(() => document.activeElement?.textContent), 'Open the dashboard');
    const here = records(await stored(browser.worker), 'opportunity/');
    assert.deepEqual(here.map((o) => o.job.title), ['Site Reliability Engineer']);
    assert.equal(await welcome.getByLabel('Your name, as you sign your emails').inputValue(), 'Ana Diaz');
    assert.deepEqual(await violations(welcome), [], 'restored');
    await offer.screenshot({ path: screenshotPath('welcome-restored.png') });

    const again = await browser.context.newPage();
    await again.goto(`chrome-extension://${browser.id}/welcome.html`);
    await again.locator('main:not([aria-busy])').waitFor({ state: 'attached' });
    assert.equal(await again.locator('#restore').isHidden(), true, 'no offer once sync is on here');
  } finally {
    await browser.context.close();
  }
});
