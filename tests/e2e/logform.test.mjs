// "Log what happened" through the real popup in Chromium (issue 16): an interview tomorrow with
// a person named in the form, a promise whose due time shows as it is typed, a call held, and
// your own reminder for tomorrow whose due time shows as its day and time are chosen; after
// each, the popup says what it planned, with the due time the store keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, screenshotPath, said,
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
