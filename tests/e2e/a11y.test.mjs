// Accessibility of every page the extension shows, checked by axe-core in Chromium: no serious
// or critical violation, in the states a job seeker sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, corpusPage, openTab, openPopup, trackAndApply, root, screenshotPath,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const axe = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on a page, as "rule: target" lines. */
async function violations(page) {
  await page.evaluate(axe);
  const results = await page.evaluate(() => globalThis.axe.run());
  return results.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('the popup, with a posting, follow-ups and the log form, has no serious accessibility violation', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const { tabId } = await openTab(browser, INDEED);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole('button', { name: 'Track this application' }).waitFor();
    assert.deepEqual(await violations(popup), []);
    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.getByRole('button', { name: 'Mark applied' }).click();
    await popup.locator('li.item').first().waitFor();
    assert.deepEqual(await violations(popup), []);
    await popup.getByRole('button', { name: 'Log what happened' }).click();
    await popup.locator('#log-kind').waitFor();
    assert.deepEqual(await violations(popup), [], 'with the log form open');
    await popup.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await violations(popup), []);
    await popup.screenshot({ path: screenshotPath('popup-dark.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});

test('on install the welcome page opens, and it has no serious accessibility violation', async () => {
  const browser = await launch();
  try {
    let welcome;
    for (let i = 0; !welcome && i < 100; i += 1) {
      welcome = browser.context.pages().find((p) => p.url() === `chrome-extension://${browser.id}/welcome.html`);
      if (!welcome) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(welcome, 'the welcome page opened on install');
    await welcome.getByRole('heading', { name: 'Track your first application' }).waitFor();
    assert.deepEqual(await violations(welcome), []);
    await welcome.screenshot({ path: screenshotPath('welcome.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});

test('the popup person card, before and after saving, has no serious accessibility violation', async () => {
  const profile = 'https://www.linkedin.com/in/robertkcheung/';
  const browser = await launch({ [profile]: corpusPage('pages/linkedin/loggedin_profile_rob_cheung.html') });
  try {
    const { tabId } = await openTab(browser, profile);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole('button', { name: 'Save contact' }).waitFor();
    assert.deepEqual(await violations(popup), []);
    await popup.getByRole('button', { name: 'Save contact' }).click();
    await popup.getByRole('button', { name: 'Log referral' }).waitFor();
    assert.deepEqual(await violations(popup), []);
    await popup.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await violations(popup), []);
  } finally {
    await browser.context.close();
  }
});

test('the dashboard, with a timeline, its edit and log forms open, a follow-up edited and a restore to confirm, has no serious accessibility violation', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const popup = await trackAndApply(browser, INDEED);
    const dash = await browser.context.newPage();
    await dash.goto(`chrome-extension://${browser.id}/dashboard.html`);
    await dash.locator('li.job .job-open').click();
    await dash.locator('#timeline h2').waitFor();
    await dash.getByLabel('Backup file').setInputFiles({
      name: 'empty.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'follow-through-backup', version: 2, exported_at: '2026-01-01T00:00:00Z', records: { meta: { schema: 2, next_id: 1 } } })),
    });
    await dash.locator('#import-report table').waitFor();
    assert.deepEqual(await violations(dash), []);
    await dash.getByRole('button', { name: 'Edit Senior DevOps Engineer' }).click();
    await dash.locator('#timeline').getByRole('button', { name: 'Log what happened' }).click();
    await dash.locator('#timeline #log-kind').waitFor();
    assert.deepEqual(await violations(dash), [], 'with the edit and log forms open');
    await dash.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await violations(dash), []);
    await dash.locator('#followup-list button[data-action="edit-followup"]').first().click();
    await dash.getByRole('group', { name: 'Edit the follow-up' }).waitFor();
    assert.deepEqual(await violations(dash), [], 'with a follow-up edit form open, dark');
    await dash.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await violations(dash), [], 'with a follow-up edit form open, light');
  } finally {
    await browser.context.close();
  }
});
