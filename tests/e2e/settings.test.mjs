// The settings page in Chromium: the working week, the touch limit, the keep-in-touch choices,
// the badge mode, the recently viewed list and the message templates are saved to storage as the
// user sets them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, stored, root, screenshotPath } from './harness.mjs';

const axe = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

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
