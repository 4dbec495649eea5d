// Every record the user's own (issue 17) through the real dashboard in Chromium: an
// application is corrected in its timeline and the board and checklist say the new company; a
// bad link is refused in words; an application deleted comes back with Undo after the worker
// was stopped; a contact deleted from the contacts list comes back likewise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, stopWorker, awakeWorker, openPopup,
  screenshotPath,
} from './harness.mjs';
import { seed } from './seed.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
let browser;
let dash;

before(async () => {
  browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  const popup = await trackAndApply(browser, INDEED);
  browser.worker = (await seed(browser, popup)).worker;
  dash = await browser.context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await dash.goto(`chrome-extension://${browser.id}/dashboard.html`);
  await dash.locator('.lane li.job').first().waitFor();
});

after(() => browser?.context.close());

const papercut = () => dash.locator('.lane li.job', { hasText: 'Senior DevOps Engineer' });

async function openTimeline() {
  await papercut().locator('.job-open').click();
  await dash.locator('#timeline').getByRole('heading', { name: 'Senior DevOps Engineer' }).waitFor();
  return dash.locator('#timeline');
}

test('an application is corrected in its timeline; the board and the checklist say so', async () => {
  const timeline = await openTimeline();
  await timeline.getByRole('button', { name: 'Edit Senior DevOps Engineer' }).click();
  const form = timeline.getByRole('group', { name: 'Edit the application' });
  assert.equal(await form.getByLabel('Company').inputValue(), 'PaperCut Software');
  assert.equal(await form.getByLabel('Link to the posting').inputValue(), INDEED);
  assert.ok(await form.getByLabel('Title').evaluate((e) => e === document.activeElement), 'focused');

  await form.getByLabel('Link to the posting').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save' }).click();
  await dash.getByRole('alert').getByText('Only http(s) links can be tracked, not "javascript:alert(1)".').waitFor();
  assert.ok(await form.isVisible(), 'the form stays open with what was typed');

  await form.getByLabel('Link to the posting').fill(INDEED);
  await form.getByLabel('Company').fill('PaperCut Pty Ltd');
  await form.getByLabel('Notes').fill('Asked about the on-call rota.');
  await dash.evaluate(() => document.querySelector('#timeline').scrollIntoView());
  await timeline.screenshot({ path: screenshotPath('dashboard-edit.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });

  assert.match(await papercut().innerText(), /PaperCut Pty Ltd/);
  const texts = await timeline.locator('.entry .text').allInnerTexts();
  assert.ok(texts.includes('Edited the company'), texts.join(' | '));
  assert.ok(await timeline.getByText('Was: PaperCut Software').isVisible());
  assert.match(await timeline.locator('.notes').innerText(), /on-call rota/);
  const id = await papercut().getAttribute('data-id');
  const all = await stored(browser.worker);
  assert.equal(all[`opportunity/${id}`].job.company, 'PaperCut Pty Ltd');
  assert.deepEqual(all[`opportunity/${id}`].edits.at(-1).changes.map((c) => c.field), ['company', 'notes']);

  const popup = await openPopup(browser);
  await popup.locator('.checklist').waitFor();
  assert.match(await popup.locator('.checklist').innerText(), /PaperCut Pty Ltd/);
  assert.doesNotMatch(await popup.locator('.checklist').innerText(), /PaperCut Software/);
  await popup.close();
});

test('an application deleted comes back with Undo after the worker was stopped', async () => {
  const id = await papercut().getAttribute('data-id');
  const timeline = await openTimeline();
  await timeline.getByRole('button', { name: 'Delete Senior DevOps Engineer' }).click();
  const bar = dash.getByRole('status').filter({ hasText: 'Deleted “Senior DevOps Engineer”.' });
  await bar.waitFor();
  await papercut().waitFor({ state: 'detached' });
  assert.ok(await timeline.isHidden());
  let all = await stored(browser.worker);
  assert.equal(all[`opportunity/${id}`], undefined);
  assert.ok(!records(all, 'event/').some((e) => e.opportunity === id), 'its events went with it');
  assert.ok(!records(all, 'followup/').some((f) => f.opportunity === id && f.status === 'open'), 'nothing left to remind');
  assert.equal(all.trash.deletions.at(-1).deleted.id, id);

  await stopWorker(browser, dash);
  await bar.getByRole('button', { name: 'Undo' }).click();
  await papercut().waitFor();
  await bar.waitFor({ state: 'hidden' });
  browser.worker = await awakeWorker(browser);
  all = await stored(browser.worker);
  assert.equal(all[`opportunity/${id}`].job.company, 'PaperCut Pty Ltd');
  assert.ok(records(all, 'followup/').some((f) => f.opportunity === id && f.status === 'open'), 'its follow-ups are open again');
  assert.ok(records(all, 'event/').some((e) => e.opportunity === id && e.kind === 'applied'));
});

test('a contact is corrected, deleted and brought back from the contacts list', async () => {
  const list = dash.locator('#contact-list');
  const row = list.locator('li.row').first();
  const name = await row.locator('.what').innerText();
  const id = await row.getAttribute('data-id');
  await row.getByRole('button', { name: `Edit ${name}` }).click();
  const form = list.getByRole('group', { name: `Edit ${name}` });
  await form.getByLabel('Email').fill('not an address');
  await form.getByRole('button', { name: 'Save' }).click();
  await dash.getByRole('alert').getByText('"not an address" is not an email address.').waitFor();
  await form.getByLabel('Email').fill('someone@example.org');
  await form.getByLabel('Headline').fill('Engineering manager');
  await form.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await form.screenshot({ path: screenshotPath('dashboard-contact-edit.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  await list.locator(`li.row[data-id="${id}"]`, { hasText: 'Engineering manager' }).waitFor();

  await list.locator(`li.row[data-id="${id}"]`).getByRole('button', { name: `Delete ${name}` }).click();
  const bar = dash.getByRole('status').filter({ hasText: `Deleted ${name}.` });
  await bar.waitFor();
  await list.locator(`li.row[data-id="${id}"]`).waitFor({ state: 'detached' });
  await dash.screenshot({ path: screenshotPath('dashboard-undo.png') });
  assert.ok(!records(await stored(browser.worker), 'contact/').some((c) => c.id === id));

  await stopWorker(browser, dash);
  await bar.getByRole('button', { name: 'Undo' }).click();
  await list.locator(`li.row[data-id="${id}"]`).waitFor();
  browser.worker = await awakeWorker(browser);
  const back = records(await stored(browser.worker), 'contact/').find((c) => c.id === id);
  assert.equal(back.email, 'someone@example.org');
  assert.equal(back.headline, 'Engineering manager');
});
