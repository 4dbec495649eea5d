// "Log what happened" through the real popup in Chromium (issue 16): an interview tomorrow with
// a person named in the form (offered to pick the next time it opens), a promise whose due time
// shows as it is typed, a call held, and your own reminder for tomorrow whose due time shows as
// its day and time are chosen; a meeting scheduled, a reply, an offer and a rejection; after
// each, the popup says what it planned, with the due time the store keeps. And the rates are
// honest: an interview before any follow-up supersedes it, and the dashboard counts no
// follow-up made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, screenshotPath, said, stopWorker, wakeWorker,
  openPopup,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';

const open = (all, rule) => records(all, 'followup/').find((f) => f.rule === rule && f.status === 'open');

test('an interview tomorrow, a promise, a call held and your own reminder each say what they planned', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const popup = await trackAndApply(browser, INDEED);
    const planned = popup.getByRole('status', { name: 'What it planned' });
    const logOpen = popup.getByRole('button', { name: 'Log what happened' });

    await logOpen.click();
    const form = popup.getByRole('group', { name: 'Log what happened' });
    assert.equal(await logOpen.getAttribute('aria-expanded'), 'true');
    await form.getByLabel('What happened').selectOption({ label: 'Interview' });
    await form.getByRole('button', { name: 'Tomorrow' }).click();
    await form.getByLabel('Time').fill('14:00');
    await form.getByLabel('With whom (optional)').fill('Dana Lee');
    assert.equal(await form.getByLabel('Your promise, in your words').isVisible(), false);
    await popup.screenshot({ path: screenshotPath('popup-log-interview.png'), fullPage: true });
    await form.getByRole('button', { name: 'Log it' }).click();
    await planned.getByText(/^Planned: Send a thank-you note to Dana Lee/).waitFor();
    let all = await stored(browser.worker);
    const interview = records(all, 'event/').find((e) => e.kind === 'interviewed');
    assert.ok(Date.parse(interview.at) > Date.now(), 'the interview is on the calendar');
    const r6 = open(all, 'R6');
    assert.ok(Date.parse(r6.due) > Date.parse(interview.at), 'the thank-you note comes after it');
    await planned.getByText(`Planned: Send a thank-you note to Dana Lee; add one idea from the conversation and tie your skills to the role · ${said(r6.due)}`).waitFor();
    await planned.getByText(`· ${said(open(all, 'R7').due)}`).waitFor();
    await popup.getByText('Interviewing ✓').waitFor();

    await logOpen.click();
    await popup.waitForFunction(() => [...document.querySelectorAll('#log-names option')].some((o) => o.value === 'Dana Lee'));
    await form.getByLabel('What happened').selectOption({ label: 'Promise made' });
    assert.equal(await form.getByLabel('Time').isVisible(), false);
    await form.getByLabel('Your promise, in your words').pressSequentially("I'll send the deck by Friday");
    const due = popup.locator('#log-words-due');
    await popup.waitForFunction(() => /^Due Fri \d+ \w+ 09:00$/.test(document.getElementById('log-words-due')?.textContent ?? ''));
    const preview = await due.innerText();
    await popup.screenshot({ path: screenshotPath('popup-log-promise.png'), fullPage: true });
    await form.getByRole('button', { name: 'Log it' }).click();
    await planned.getByText(/^Planned: I'll send the deck by Friday/).waitFor();
    all = await stored(browser.worker);
    const r15 = open(all, 'R15');
    assert.equal(preview, `Due ${said(r15.due)}`, 'the form said the due time the store keeps');
    await planned.getByText(`Planned: I'll send the deck by Friday · ${said(r15.due)}`).waitFor();

    await logOpen.click();
    await form.getByLabel('What happened').selectOption({ label: 'Call or meeting held' });
    await form.getByRole('button', { name: 'Today' }).click();
    await form.getByLabel('With whom (optional)').fill('Dana Lee');
    await form.getByRole('button', { name: 'Log it' }).click();
    await planned.getByText(/^Planned: Send Dana Lee a recap/).waitFor();
    all = await stored(browser.worker);
    const r11 = open(all, 'R11');
    await planned.getByText(`Planned: Send Dana Lee a recap with the highlights and anything you promised · ${said(r11.due)}`).waitFor();
    assert.equal(records(all, 'contact/').filter((c) => c.name === 'Dana Lee').length, 1, 'Dana is saved once');
    await popup.screenshot({ path: screenshotPath('popup-log-planned.png'), fullPage: true });

    await logOpen.click();
    await form.getByLabel('What happened').selectOption({ label: 'Your own reminder' });
    assert.equal(await form.getByLabel('Your promise, in your words').isVisible(), false);
    assert.equal(await form.getByLabel('With whom (optional)').isVisible(), false);
    await form.getByLabel('Remind me to').fill('Ask Dana about the team roadmap');
    await form.getByRole('button', { name: 'Tomorrow' }).click();
    const remindDue = (clock) => popup.waitForFunction(
      (clock) => new RegExp(`^Due \\w{3} \\d+ \\w+ ${clock}$`).test(document.getElementById('log-remind-due')?.textContent ?? ''),
      clock,
    );
    await form.getByLabel('Time').fill('14:30');
    await remindDue('14:30');
    await form.getByLabel('Time').clear();
    await remindDue('09:00');
    const reminderPreview = await popup.locator('#log-remind-due').innerText();
    await popup.screenshot({ path: screenshotPath('popup-log-reminder.png'), fullPage: true });
    await form.getByRole('button', { name: 'Log it' }).click();
    await planned.getByText(/^Planned: Ask Dana about the team roadmap/).waitFor();
    all = await stored(browser.worker);
    const own = open(all, 'Own');
    assert.equal(own.text, 'Ask Dana about the team roadmap');
    assert.equal(reminderPreview, `Due ${said(own.due)}`, 'the form said the due time the store keeps');
    const reminder = records(all, 'event/').find((e) => e.kind === 'reminder');
    assert.equal(reminder.time, undefined, 'no time given: the start of the working day');
    await planned.getByText(`Planned: Ask Dana about the team roadmap · ${said(own.due)}`).waitFor();

    await logOpen.click();
    await form.getByLabel('What happened').selectOption({ label: 'Meeting scheduled' });
    await form.getByLabel('Date').fill('2001-01-01');
    await form.getByLabel('With whom (optional)').fill('Dana Lee');
    await form.getByRole('button', { name: 'Log it' }).click();
    await popup.getByText('A meeting scheduled is later than now; log a meeting that took place as held.').waitFor();
    const width = await popup.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the popup fits its width, not ${width}px`);
  } finally {
    await browser.context.close();
  }
});

test('a meeting scheduled, a reply, an offer and a rejection each change what is planned', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const popup = await trackAndApply(browser, INDEED);
    const planned = popup.getByRole('status', { name: 'What it planned' });
    const logOpen = popup.getByRole('button', { name: 'Log what happened' });
    const form = popup.getByRole('group', { name: 'Log what happened' });
    const log = async (kind, fill = async () => {}) => {
      await logOpen.click();
      await form.getByLabel('What happened').selectOption({ label: kind });
      await fill();
      await form.getByRole('button', { name: 'Log it' }).click();
    };

    await log('Meeting scheduled', async () => {
      await form.getByRole('button', { name: 'Tomorrow' }).click();
      await form.getByLabel('Time').fill('15:00');
      await form.getByLabel('With whom (optional)').fill('Dana Lee');
    });
    await planned.getByText(/^Planned: Send Dana Lee a reminder for the meeting/).waitFor();
    let all = await stored(browser.worker);
    const r12 = open(all, 'R12');
    assert.ok(Date.parse(r12.due) > Date.now(), 'the reminder is not due the moment it is planned');
    await planned.getByText(`· ${said(r12.due)}`).waitFor();

    const r3 = open(all, 'R3');
    await log('Reply received');
    await popup.waitForFunction(() => !document.querySelector('[aria-expanded="true"]'));
    all = await stored(browser.worker);
    assert.equal(all[`followup/${r3.id}`].status, 'superseded', 'they answered before the follow-up was made');

    await log('Offer');
    await popup.getByText('Offer ✓').waitFor();
    all = await stored(browser.worker);
    assert.equal(records(all, 'opportunity/')[0].stage, 'offer');

    await log('Turned down');
    await planned.getByText(/^Planned: Thank /).waitFor();
    all = await stored(browser.worker);
    const r8 = open(all, 'R8');
    assert.equal(records(all, 'opportunity/')[0].stage, 'rejected');
    await planned.getByText(`· ${said(r8.due)}`).waitFor();
  } finally {
    await browser.context.close();
  }
});

test('applied ten days ago, interviewed three days after, never followed up: the rate says 0 of 1', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const tracked = await trackAndApply(browser, INDEED);
    const tabId = await tracked.evaluate(() => Number(new URLSearchParams(location.search).get('tab')));
    // Ten days pass: the application's records are moved back with the worker stopped.
    await stopWorker(browser, tracked);
    await tracked.evaluate(async (days) => {
      const back = (iso) => new Date(Date.parse(iso) - days * 86400000).toISOString();
      const all = await chrome.storage.local.get(null);
      const moved = {};
      for (const [key, value] of Object.entries(all)) {
        if (key.startsWith('event/')) moved[key] = { ...value, at: back(value.at) };
        if (key.startsWith('opportunity/')) moved[key] = { ...value, created_at: back(value.created_at) };
        if (key.startsWith('followup/')) moved[key] = { ...value, due: back(value.due) };
      }
      await chrome.storage.local.set(moved);
    }, 10);
    const { worker } = await wakeWorker(browser);
    const popup = await openPopup(browser, tabId);
    const form = popup.getByRole('group', { name: 'Log what happened' });
    await popup.getByRole('button', { name: 'Log what happened' }).click();
    await form.getByLabel('What happened').selectOption({ label: 'Interview' });
    const sevenDaysAgo = new Date(Date.now() - 7 * 86400000);
    const day = `${sevenDaysAgo.getFullYear()}-${String(sevenDaysAgo.getMonth() + 1).padStart(2, '0')}-${String(sevenDaysAgo.getDate()).padStart(2, '0')}`;
    await form.getByLabel('Date').fill(day);
    await form.getByLabel('Time').fill('11:00');
    await form.getByRole('button', { name: 'Log it' }).click();
    await popup.getByText('Interviewing ✓').waitFor();
    const all = await stored(worker);
    const statuses = Object.fromEntries(records(all, 'followup/').map((f) => [f.rule, f.status]));
    assert.equal(statuses.R3, 'superseded', 'the interview made the follow-up call moot; nobody made it');

    const dash = await browser.context.newPage();
    await dash.goto(`chrome-extension://${browser.id}/dashboard.html`);
    await dash.getByRole('figure', { name: '0 of 1 application followed up within 7 days of applying.' }).waitFor();
  } finally {
    await browser.context.close();
  }
});
