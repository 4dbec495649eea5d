// The dashboard acts on follow-ups in Chromium as the popup does: Done ends one in storage,
// Snooze moves its due time (by a preset or to a day), Draft shows the ready message; rows of
// ended follow-ups offer only Delete, a refused action is said in words, and no rule code ("R3") is
// ever visible text in the follow-up list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, screenshotPath,
} from './harness.mjs';
import { seed } from './seed.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
let browser;
let dash;
let papercut;

const byRule = (all, rule) => records(all, 'followup/').filter((f) => f.rule === rule && f.opportunity === papercut);
const row = (id) => dash.locator(`#followup-list li.row[data-id="${id}"]`);
const button = (id, name) => row(id).getByRole('button', { name, exact: true });

/** What the follow-up list shows, as the user reads it. */
const visible = () => dash.locator('#followup-list').innerText();

before(async () => {
  browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  const popup = await trackAndApply(browser, INDEED);
  papercut = records(await stored(browser.worker), 'opportunity/')[0].id;
  browser.worker = (await seed(browser, popup)).worker;
  dash = await browser.context.newPage();
  // Tall enough that a screenshot of the list needs no scrolling under the sticky header.
  await dash.setViewportSize({ width: 1280, height: 2400 });
  await dash.goto(`chrome-extension://${browser.id}/dashboard.html#followups`);
  await dash.locator('#followup-list li.row').first().waitFor();
});

after(() => browser?.context.close());

test('rules are named in words, never by code, in the list and its filter', async () => {
  const codes = /\bR\d+\b/;
  assert.doesNotMatch(await visible(), codes);
  const options = await dash.locator('#fu-rule option').allInnerTexts();
  assert.ok(options.includes('Follow up on the application') && options.includes('Thank-you note'), options.join(', '));
  assert.ok(options.every((o) => !codes.test(o)), options.join(', '));
  assert.equal(await dash.locator('#fu-rule option', { hasText: 'Second touch' }).getAttribute('value'), 'R4');
  await dash.locator('#fu-show').selectOption('all');
  await dash.waitForFunction(() => document.querySelector('#followup-list .count')?.textContent.match(/of (\d+)/)?.[1] > 10);
  assert.doesNotMatch(await visible(), codes);
  await dash.locator('#fu-show').selectOption('done');
  await dash.waitForFunction(() => [...document.querySelectorAll('#followup-list li.row .when')].every((w) => w.textContent.startsWith('Done')));
  assert.ok(await dash.locator('#followup-list li.row').count() > 0);
  const offered = await dash.locator('#followup-list li.row .actions button').allInnerTexts();
  assert.ok(offered.length > 0 && offered.every((b) => b === 'Delete'), `ended follow-ups offer only Delete: ${offered}`);
  assert.doesNotMatch(await visible(), codes);
  await dash.locator('#fu-show').selectOption('open');
  await dash.locator('#followup-list li.row .actions').first().waitFor();
});

test('Draft shows the ready message with Copy, as in the popup', async () => {
  const [r3] = byRule(await stored(browser.worker), 'R3');
  await button(r3.id, 'Draft').click();
  const body = row(r3.id).locator('#draft-body');
  await body.waitFor();
  assert.match(await body.inputValue(), /PaperCut Software/);
  assert.equal(await button(r3.id, 'Draft').getAttribute('aria-expanded'), 'true');
  await row(r3.id).getByRole('button', { name: 'Copy' }).waitFor();
  await dash.locator('#followups').screenshot({ path: screenshotPath('dashboard-followups-draft.png') });
  await button(r3.id, 'Close').click();
  await body.waitFor({ state: 'detached' });
});

test('Snooze moves the due time by a preset or to a chosen day; a day in the past is refused in words', async () => {
  const [r2] = byRule(await stored(browser.worker), 'R2');
  await button(r2.id, 'Snooze').click();
  await button(r2.id, '1 week').click();
  await dash.waitForFunction(() => !document.querySelector('#followup-list .panel'));
  let now = (await stored(browser.worker))[`followup/${r2.id}`];
  assert.equal(now.status, 'snoozed');
  assert.ok(Date.parse(now.due) > Date.parse(r2.due) + 5 * 86400000, `${now.due} is about a week after ${r2.due}`);

  await button(r2.id, 'Snooze').click();
  await row(r2.id).getByLabel('Or until').fill('2001-01-01');
  await dash.locator('#followups').screenshot({ path: screenshotPath('dashboard-followups-snooze.png') });
  await button(r2.id, 'Snooze to that day').click();
  await dash.locator('#notice').getByText('Pick a time after now to snooze to.').waitFor();
  assert.equal((await stored(browser.worker))[`followup/${r2.id}`].due, now.due, 'a refused snooze changes nothing');

  const day = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  await row(r2.id).getByLabel('Or until').fill('');
  await button(r2.id, 'Snooze to that day').click();
  await dash.locator('#notice').getByText('Choose a day to snooze to first.').waitFor();
  await row(r2.id).getByLabel('Or until').fill(day);
  await button(r2.id, 'Snooze to that day').click();
  await dash.waitForFunction(() => !document.querySelector('#followup-list .panel'));
  now = (await stored(browser.worker))[`followup/${r2.id}`];
  assert.equal(now.snoozes.length, 2);
  assert.ok(Math.abs(Date.parse(now.due) - Date.parse(`${day}T12:00:00Z`)) < 86400000, `${now.due} is on ${day}`);
  assert.ok(await dash.locator('#notice').isHidden());
});

test('Done ends the follow-up in storage and the list refreshes', async () => {
  const [r3] = byRule(await stored(browser.worker), 'R3');
  await button(r3.id, 'Done').click();
  await row(r3.id).getByText('How did it go?').waitFor();
  await dash.locator('#followups').screenshot({ path: screenshotPath('dashboard-followups.png') });
  await button(r3.id, 'No answer yet').click();
  await row(r3.id).waitFor({ state: 'detached' });
  const all = await stored(browser.worker);
  assert.deepEqual([all[`followup/${r3.id}`].status, all[`followup/${r3.id}`].outcome], ['done', 'no_answer']);
  const [r4] = byRule(all, 'R4');
  await row(r4.id).waitFor();
  assert.match(await row(r4.id).locator('.rule').innerText(), /^Second touch$/);
  assert.doesNotMatch(await visible(), /\bR\d+\b/);
});
