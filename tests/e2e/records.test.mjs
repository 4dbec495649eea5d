// Every record the user's own (issue 17) through the real dashboard in Chromium: an
// application is corrected in its timeline (its salary too) and the board and checklist say the
// new company; a bad link is refused in words; an application deleted comes back with Undo after
// the worker was stopped, and so does an edit (Undo in the bar after saving); a contact (their phone too) deleted from the contacts list comes back
// likewise; a follow-up's words and due time are corrected in its row, and it is deleted and
// brought back across a worker restart; an event is deleted from a timeline with the follow-ups
// it planned (the stage it set moves back), and comes back with Undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, stopWorker, awakeWorker, openPopup,
  screenshotPath, zone,
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
  await form.getByLabel('Salary').fill('A$150,000 – A$170,000');
  await dash.evaluate(() => document.querySelector('#timeline').scrollIntoView());
  await timeline.screenshot({ path: screenshotPath('dashboard-edit.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });

  assert.match(await papercut().innerText(), /PaperCut Pty Ltd/);
  const texts = await timeline.locator('.entry .text').allInnerTexts();
  assert.ok(texts.includes('Edited the company'), texts.join(' | '));
  assert.ok(await timeline.getByText('Was: PaperCut Software').isVisible());
  assert.match(await timeline.locator('.notes').innerText(), /on-call rota/);
  assert.equal(await timeline.locator('.salary').innerText(), 'Salary: A$150,000 – A$170,000');
  assert.ok(texts.includes('Edited the salary'), texts.join(' | '));
  const id = await papercut().getAttribute('data-id');
  const all = await stored(browser.worker);
  assert.equal(all[`opportunity/${id}`].job.company, 'PaperCut Pty Ltd');
  assert.equal(all[`opportunity/${id}`].job.salary, 'A$150,000 – A$170,000');
  assert.deepEqual(all[`opportunity/${id}`].edits.at(-1).changes.map((c) => c.field), ['company', 'salary', 'notes']);

  const popup = await openPopup(browser);
  await popup.locator('.checklist').waitFor();
  assert.match(await popup.locator('.checklist').innerText(), /PaperCut Pty Ltd/);
  assert.doesNotMatch(await popup.locator('.checklist').innerText(), /PaperCut Software/);
  await popup.close();
});

test('an application edit is undone from the bar after the worker was stopped: the old values are back', async () => {
  const id = await papercut().getAttribute('data-id');
  const before = (await stored(browser.worker))[`opportunity/${id}`];
  const timeline = await openTimeline();
  await timeline.getByRole('button', { name: 'Edit Senior DevOps Engineer' }).click();
  const form = timeline.getByRole('group', { name: 'Edit the application' });
  await form.getByLabel('Company').fill('Papercut Typo');
  await form.getByLabel('Location').fill('Remote');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  assert.match(await papercut().innerText(), /Papercut Typo/);
  const bar = dash.getByRole('status').filter({ hasText: 'Saved.' });
  await bar.waitFor();
  await dash.screenshot({ path: screenshotPath('dashboard-edit-saved-undo.png') });
  assert.equal((await stored(browser.worker))[`opportunity/${id}`].job.company, 'Papercut Typo');

  await stopWorker(browser, dash);
  await bar.getByRole('button', { name: 'Undo' }).click();
  await bar.waitFor({ state: 'hidden' });
  await dash.locator('.lane li.job', { hasText: 'PaperCut Pty Ltd' }).waitFor();
  assert.doesNotMatch(await papercut().innerText(), /Papercut Typo/);
  assert.match(await timeline.innerText(), /Camberwell VIC 3124/);
  assert.doesNotMatch(await timeline.innerText(), /Remote|Papercut Typo/);
  browser.worker = await awakeWorker(browser);
  const after = (await stored(browser.worker))[`opportunity/${id}`];
  assert.deepEqual(after, before, 'the record is as it was before the edit, its history too');
  await dash.screenshot({ path: screenshotPath('dashboard-edit-undone.png') });
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
  await form.getByLabel('Phone').fill('+61 3 9000 0000');
  await form.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await form.screenshot({ path: screenshotPath('dashboard-contact-edit.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  await list.locator(`li.row[data-id="${id}"]`, { hasText: 'Engineering manager' }).waitFor();
  assert.match(await list.locator(`li.row[data-id="${id}"] .about`).innerText(), /\+61 3 9000 0000/);

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
  assert.equal(back.phone, '+61 3 9000 0000');
});

/** A stored instant as the user's day and time, as the form's fields hold them. */
function local(iso) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const followupRow = (id) => dash.locator(`#followup-list li[data-id="${id}"]`);

test('a follow-up\'s words and due time are corrected in its row; a time past is refused in words', async () => {
  const list = dash.locator('#followup-list');
  const row = list.locator('li.row').first();
  const id = await row.getAttribute('data-id');
  const words = await row.locator('.what').innerText();
  const before = (await stored(browser.worker))[`followup/${id}`];

  await row.getByRole('button', { name: `Edit ${words}` }).click();
  const form = list.getByRole('group', { name: 'Edit the follow-up' });
  const field = form.getByLabel('What to do');
  assert.ok(await field.evaluate((e) => e === document.activeElement), 'the words are focused');
  assert.equal(await field.inputValue(), words, 'the form starts with the words shown');
  assert.deepEqual(
    { date: await form.getByLabel('Due day').inputValue(), time: await form.getByLabel('Time').inputValue() },
    local(before.due),
  );
  await form.getByRole('button', { name: 'Cancel' }).press('Enter');
  await form.waitFor({ state: 'detached' });
  const edit = followupRow(id).getByRole('button', { name: `Edit ${words}` });
  assert.ok(await edit.evaluate((e) => e === document.activeElement), 'focus is back on Edit');
  await dash.keyboard.press('Enter');
  await field.waitFor();

  await form.getByLabel('Due day').fill('2001-01-01');
  await form.getByRole('button', { name: 'Save' }).click();
  await dash.getByRole('alert').getByText('Pick a time after now for this follow-up.').waitFor();
  assert.equal((await stored(browser.worker))[`followup/${id}`].due, before.due, 'a refusal changes nothing');

  const day = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
  await field.fill('Ask Ana how the on-call rota works');
  await form.getByLabel('Due day').fill(day);
  await form.getByLabel('Time').fill('10:30');
  await form.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await dash.locator('#followups').screenshot({ path: screenshotPath('dashboard-followup-edit.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  await followupRow(id).getByText('Ask Ana how the on-call rota works').waitFor();
  assert.ok(await dash.locator('#notice').isHidden());
  await dash.waitForFunction((row) => document.activeElement?.closest(`li[data-id="${row}"]`)
    && document.activeElement.dataset.action === 'edit-followup', id);

  const now = (await stored(browser.worker))[`followup/${id}`];
  assert.equal(now.text, 'Ask Ana how the on-call rota works');
  assert.deepEqual(local(now.due), { date: day, time: '10:30' });
  assert.deepEqual(now.edits.at(-1).changes, [{ field: 'words', was: before.text, is: now.text }]);
  assert.equal(now.snoozes.length, (before.snoozes ?? []).length + 1, 'the move is kept as a snooze is');
  assert.deepEqual([now.snoozes.at(-1).from, now.snoozes.at(-1).until], [before.due, now.due]);
});

test('a follow-up edit is undone from the bar: its words and due time are back', async () => {
  const words = 'Ask Ana how the on-call rota works';
  const edited = records(await stored(browser.worker), 'followup/').find((f) => f.text === words);
  await followupRow(edited.id).getByRole('button', { name: `Edit ${words}` }).click();
  const form = dash.locator('#followup-list').getByRole('group', { name: 'Edit the follow-up' });
  await form.getByLabel('What to do').fill('Ask Ana about the rota (typo)');
  await form.getByLabel('Time').fill('16:45');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  await followupRow(edited.id).getByText('Ask Ana about the rota (typo)').waitFor();
  const bar = dash.getByRole('status').filter({ hasText: 'Saved.' });
  await bar.getByRole('button', { name: 'Undo' }).click();
  await bar.waitFor({ state: 'hidden' });
  await followupRow(edited.id).getByText(words).waitFor();
  assert.deepEqual((await stored(browser.worker))[`followup/${edited.id}`], edited, 'as it was before the edit');
});

test('a follow-up deleted from the list comes back with Undo after the worker was stopped', async () => {
  const all = await stored(browser.worker);
  const edited = records(all, 'followup/').find((f) => f.text === 'Ask Ana how the on-call rota works');
  const words = 'Ask Ana how the on-call rota works';
  await followupRow(edited.id).getByRole('button', { name: `Delete ${words}` }).click();
  const bar = dash.getByRole('status').filter({ hasText: `Deleted the follow-up “${words}”.` });
  await bar.waitFor();
  await followupRow(edited.id).waitFor({ state: 'detached' });
  await dash.screenshot({ path: screenshotPath('dashboard-followup-deleted.png') });
  assert.equal((await stored(browser.worker))[`followup/${edited.id}`], undefined);

  await dash.waitForFunction(() => document.activeElement?.closest('#undo-bar'));

  await stopWorker(browser, dash);
  await dash.keyboard.press('Enter');
  await followupRow(edited.id).getByText(words).waitFor();
  await bar.waitFor({ state: 'hidden' });
  browser.worker = await awakeWorker(browser);
  assert.deepEqual((await stored(browser.worker))[`followup/${edited.id}`], edited);
});

test('an event deleted from a timeline takes the follow-ups it planned and comes back with Undo', async () => {
  const id = await papercut().getAttribute('data-id');
  const all = await stored(browser.worker);
  const applied = records(all, 'event/').find((e) => e.opportunity === id && e.kind === 'applied');
  const planned = records(all, 'followup/').filter((f) => f.event === applied.id && f.status !== 'cancelled');
  assert.ok(planned.length > 0, 'applying planned a follow-up');
  const timeline = await openTimeline();
  const entry = timeline.locator('li.entry').filter({ has: dash.locator(`button[data-id="${applied.id}"]`) });
  const what = await entry.locator('.text').innerText();
  const when = await entry.locator('.when').innerText();
  await entry.getByRole('button', { name: `Delete “${what}” of ${when}` }).click();
  const bar = dash.getByRole('status').filter({ hasText: `Deleted “${what}” from the timeline.` });
  await bar.waitFor();
  await entry.waitFor({ state: 'detached' });
  await timeline.screenshot({ path: screenshotPath('dashboard-event-deleted.png') });
  let now = await stored(browser.worker);
  assert.equal(now[`event/${applied.id}`], undefined);
  for (const f of planned) assert.equal(now[`followup/${f.id}`].status, 'cancelled', f.id);
  assert.equal(all[`opportunity/${id}`].stage, 'applied');
  assert.equal(now[`opportunity/${id}`].stage, 'saved', 'no event left says it was applied to');
  await dash.locator('.lane[data-lane="saved"] li.job', { hasText: 'Senior DevOps Engineer' }).waitFor();

  await bar.getByRole('button', { name: 'Undo' }).click();
  await entry.waitFor();
  now = await stored(browser.worker);
  assert.deepEqual(now[`event/${applied.id}`], applied);
  for (const f of planned) assert.deepEqual(now[`followup/${f.id}`], f);
  assert.equal(now[`opportunity/${id}`].stage, 'applied', 'the stage is back with the event');
  await dash.locator('.lane[data-lane="applied"] li.job', { hasText: 'Senior DevOps Engineer' }).waitFor();
});
