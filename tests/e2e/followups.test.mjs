// Acting on follow-ups in Chromium: a touch done with no answer plans the next touch, snooze
// moves one, the draft is ready to copy, and a follow-up falling due is notified once; Done
// from the notification completes it and the badge goes down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, stored, records, screenshotPath, stopWorker, wakeWorker,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const byRule = (all, rule) => records(all, 'followup/').filter((f) => f.rule === rule);

test('done, snooze, draft and notifications act on the stored follow-ups', async () => {
  const browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  try {
    const popup = await trackAndApply(browser, INDEED);

    let all = await stored(browser.worker);
    const [r2] = byRule(all, 'R2');
    const [r3] = byRule(all, 'R3');
    const row = (id) => popup.locator(`li.item[data-id="${id}"]`);

    await row(r3.id).getByRole('button', { name: 'Done' }).click();
    await row(r3.id).getByText('How did it go?').waitFor();
    await row(r3.id).getByRole('button', { name: 'No answer yet' }).click();
    await row(r3.id).waitFor({ state: 'detached' });
    all = await stored(browser.worker);
    assert.deepEqual([all[`followup/${r3.id}`].status, all[`followup/${r3.id}`].outcome], ['done', 'no_answer']);
    const [r4] = byRule(all, 'R4');
    assert.equal(r4.status, 'open');
    assert.equal(r4.touch, 2);

    await row(r2.id).getByRole('button', { name: 'Snooze' }).click();
    await row(r2.id).getByRole('button', { name: '1 week' }).click();
    await row(r2.id).getByText(/Snoozed to/).waitFor();
    all = await stored(browser.worker);
    assert.equal(all[`followup/${r2.id}`].status, 'snoozed');
    assert.equal(all[`followup/${r2.id}`].snoozes.length, 1);
    assert.ok(Date.parse(all[`followup/${r2.id}`].due) > Date.parse(r2.due));

    await row(r4.id).getByRole('button', { name: 'Draft' }).click();
    const body = row(r4.id).locator('#draft-body');
    await body.waitFor();
    assert.match(await body.inputValue(), /PaperCut Software/);
    await popup.screenshot({ path: screenshotPath('popup-draft.png'), fullPage: true });
    await row(r4.id).getByRole('button', { name: 'Copy' }).click();
    await row(r4.id).getByRole('button', { name: /Copied ✓|Select the text and copy it/ }).waitFor();

    await stopWorker(browser, popup);
    await popup.evaluate(async (id) => {
      const { meta, [`followup/${id}`]: due } = await chrome.storage.local.get(['meta', `followup/${id}`]);
      await chrome.storage.local.set({
        meta: { ...meta, notified_until: '2001-01-01T00:00:00Z' },
        [`followup/${id}`]: { ...due, due: '2001-01-08T14:00:00Z' },
      });
    }, r4.id);
    const { worker } = await wakeWorker(browser);
    const notified = `due:${r4.id}`;
    const until = async (probe) => {
      for (let i = 0; i < 100; i += 1) {
        if (await probe()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out: ${probe}`);
    };
    await until(async () => (await worker.evaluate(() => chrome.notifications.getAll()))[notified]);
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '1');

    await worker.evaluate((id) => chrome.notifications.onButtonClicked.dispatch(id, 0), notified);
    await until(async () => (await worker.evaluate(() => chrome.action.getBadgeText({}))) === '');
    all = await stored(worker);
    assert.equal(all[`followup/${r4.id}`].status, 'done');
    assert.equal((await worker.evaluate(() => chrome.notifications.getAll()))[notified], undefined);
  } finally {
    await browser.context.close();
  }
});
