// What the user works on apart from what they keep (issue 17), through the real dashboard in
// Chromium over the seeded search: closed applications leave the board until "Show closed",
// the applications search finds a closed one (focus kept while typing) and opens its
// timeline; a real LinkedIn Connections.csv imported from Settings lands in its own "LinkedIn
// network" section, not among the people the user works with; the connections never worked
// with are removed in one step after a question with their count, and come back with Undo
// after the worker was stopped. Light and dark have no serious accessibility violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, corpusPage, trackAndApply, stored, records, stopWorker, awakeWorker, screenshotPath,
  corpus, root,
} from './harness.mjs';
import { seed } from './seed.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const EXPORT = join(corpus, 'linkedin/Connections_jasontoups_2024.csv');
const axe = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
let browser;
let dash;
let seededPeople;

/** Serious and critical violations on the dashboard, as "rule: target" lines. */
async function violations(page) {
  await page.evaluate(axe);
  const results = await page.evaluate(() => globalThis.axe.run());
  return results.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

before(async () => {
  browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  const popup = await trackAndApply(browser, INDEED);
  const seeded = await seed(browser, popup);
  browser.worker = seeded.worker;
  seededPeople = seeded.people;
  dash = await browser.context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await dash.goto(`chrome-extension://${browser.id}/dashboard.html`);
  await dash.locator('.lane li.job').first().waitFor();
});

after(() => browser?.context.close());

const lane = (name) => dash.locator(`.lane[data-lane="${name}"]`);

test('closed applications leave the board, counted, until "Show closed"', async () => {
  const closed = lane('closed');
  assert.equal(await closed.locator('.badge').innerText(), '2');
  assert.equal(await closed.locator('li.job').count(), 0);
  await closed.getByText('Kept out of the way. The search above finds them too.').waitFor();
  await dash.locator('#pipeline').screenshot({ path: screenshotPath('dashboard-archived.png') });

  await closed.getByRole('button', { name: 'Show closed' }).click();
  await closed.locator('li.job').nth(1).waitFor();
  assert.match(await closed.locator('li.job').first().innerText(), /Withdrawn|Rejected/);
  await closed.getByRole('button', { name: 'Hide closed' }).click();
  await closed.locator('li.job').first().waitFor({ state: 'detached' });
  assert.equal(await closed.locator('.badge').innerText(), '2');
});

test('the applications search finds a closed one, keeps focus while typing, and opens its timeline', async () => {
  const all = await stored(browser.worker);
  const rejected = records(all, 'opportunity/').find((o) => o.stage === 'rejected');
  const search = dash.getByRole('searchbox', { name: 'Search applications' });
  await search.click();
  await search.pressSequentially(rejected.job.company.toLowerCase(), { delay: 20 });
  const results = dash.locator('#application-results');
  const row = results.locator(`li.row[data-id="${rejected.id}"]`);
  await row.waitFor();
  assert.ok(await search.evaluate((e) => e === document.activeElement), 'typing never loses focus');
  assert.equal(await search.inputValue(), rejected.job.company.toLowerCase());
  assert.match(await row.innerText(), /Closed[\s\S]*Rejected/);
  assert.equal(await lane('closed').locator('li.job').count(), 0, 'the board keeps it archived');
  await results.screenshot({ path: screenshotPath('dashboard-search.png') });
  assert.deepEqual(await violations(dash), [], 'search results, light');

  await row.getByRole('button', { name: rejected.job.title }).click();
  await dash.locator('#timeline').getByRole('heading', { name: rejected.job.title }).waitFor();
  await dash.locator('#timeline').getByRole('button', { name: 'Close' }).click();

  await search.fill('no such application anywhere');
  await results.getByText('No application matches “no such application anywhere”.').waitFor();
  await search.fill('');
  await results.locator('li.row').first().waitFor({ state: 'detached' });
});

test('an imported network sits apart from the people you work with, and is removed with its count and undone after a restart', async () => {
  const settings = await browser.context.newPage();
  await settings.goto(`chrome-extension://${browser.id}/settings.html#connections`);
  const section = settings.locator('#connections');
  await section.getByLabel('Your Connections.csv').setInputFiles(EXPORT);
  await section.getByRole('button', { name: 'Import connections' }).click();
  await section.locator('.import-summary').getByText('1,581 added', { exact: true }).waitFor();
  await settings.close();

  await dash.reload();
  await dash.locator('.lane li.job').first().waitFor();
  const people = dash.locator('#contact-list li.row');
  const network = dash.locator('#network');
  await network.locator('#network-list li.row').first().waitFor();
  assert.equal(await people.count(), seededPeople, 'only the people worked with');
  assert.match(await network.locator('.count').innerText(), /^Showing 50 of 1,581$/);

  const first = network.locator('#network-list li.row').first();
  const name = await first.locator('.what').innerText();
  const id = await first.getAttribute('data-id');
  await first.getByRole('button', { name: `Edit ${name}` }).click();
  const form = network.getByRole('group', { name: `Edit ${name}` });
  await form.getByLabel('Notes').fill('Worked with them at a meetup.');
  await form.getByRole('button', { name: 'Save' }).click();
  await dash.locator(`#contact-list li.row[data-id="${id}"]`).waitFor();
  assert.equal(await people.count(), seededPeople + 1, 'noted: now someone you work with');

  const ask = network.getByRole('button', { name: 'Remove the 1,580 imported connections you never contacted' });
  await ask.click();
  const question = network.getByRole('group', { name: 'Remove 1,580 imported connections you never contacted?' });
  await question.waitFor();
  assert.ok(await question.getByText('Remove 1,580 imported connections you never contacted?').evaluate((e) => e === document.activeElement), 'the question is focused');
  await dash.screenshot({ path: screenshotPath('dashboard-network-remove.png') });
  assert.deepEqual(await violations(dash), [], 'network and question, light');
  await dash.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await violations(dash), [], 'network and question, dark');
  await dash.emulateMedia({ colorScheme: 'light' });
  await question.getByRole('button', { name: 'Keep them' }).click();
  await question.waitFor({ state: 'detached' });
  await ask.click();
  await question.getByRole('button', { name: 'Remove them' }).click();

  const bar = dash.getByRole('status').filter({ hasText: 'Removed 1,580 imported connections.' });
  await bar.waitFor();
  await network.getByText('No imported connections left that you never worked with.').waitFor();
  assert.equal(await people.count(), seededPeople + 1, 'everyone worked with stays');
  let contacts = records(await stored(browser.worker), 'contact/');
  assert.equal(contacts.length, seededPeople + 1);
  assert.equal(contacts.find((c) => c.id === id).notes, 'Worked with them at a meetup.');
  await dash.screenshot({ path: screenshotPath('dashboard-network-removed.png') });

  await stopWorker(browser, dash);
  await bar.getByRole('button', { name: 'Undo' }).click();
  await network.locator('#network-list li.row').first().waitFor();
  await bar.waitFor({ state: 'hidden' });
  assert.match(await network.locator('.count').innerText(), /^Showing 50 of 1,580$/);
  browser.worker = await awakeWorker(browser);
  contacts = records(await stored(browser.worker), 'contact/');
  assert.equal(contacts.length, seededPeople + 1581);
});
