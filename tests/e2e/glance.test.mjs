// The popup reads at a glance (issue 17): Done is each row's first, filled button; counts are
// said in their plural form ("1 follow-up overdue", "2 follow-ups overdue"); the welcome page
// asks the user's name, saved through the worker, and the ready messages are signed with it;
// the Connections.csv import report groups the rows it skipped by reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPopup, openTab, postingPage, screenshotPath, stopWorker, stored, wakeWorker,
} from './harness.mjs';

/** An application applied to in 2001 whose follow-up has been overdue ever since. */
function overdueApplication(n, title, company) {
  const at = '2001-01-01T15:00:00Z';
  return {
    [`opportunity/o${n}`]: {
      id: `o${n}`, stage: 'applied', created_at: at,
      job: { title, company, url: `https://boards.greenhouse.io/${company.toLowerCase()}/jobs/${n}`, source: 'jsonld' },
    },
    [`event/e${n + 1}`]: { id: `e${n + 1}`, at, kind: 'applied', opportunity: `o${n}` },
    [`followup/f${n + 2}`]: {
      id: `f${n + 2}`, rule: 'R3', opportunity: `o${n}`, event: `e${n + 1}`, due: '2001-01-08T14:00:00Z',
      zone: 'America/New_York', status: 'open', text: `Follow up on your ${title} application at ${company}`,
    },
  };
}

/** Writes `records` with the worker stopped, then wakes it: the new worker and popup. */
async function write(browser, page, records) {
  await stopWorker(browser, page);
  await page.evaluate(async (records) => {
    const { meta } = await chrome.storage.local.get('meta');
    await chrome.storage.local.set({ ...records, meta: { ...meta, next_id: Math.max(meta.next_id, 1000) } });
  }, records);
  return wakeWorker(browser);
}

test('the popup says one overdue follow-up in the singular and two in the plural, Done first and filled', async () => {
  const browser = await launch();
  try {
    const first = await openPopup(browser);
    let { worker, popup } = await write(browser, first, overdueApplication(900, 'Data Engineer', 'Acme'));
    await popup.locator('li.item.overdue').waitFor();
    assert.equal(await popup.locator('.overdue-count').innerText(), '1 follow-up overdue');
    assert.equal(await popup.locator('.group[data-group="overdue"] h3').innerText(), 'OVERDUE (1)');
    assert.match(await popup.locator('li.item.overdue .when').innerText(), /^[\d,]+ days late · /);
    assert.equal(await worker.evaluate(() => chrome.action.getTitle({})), 'Follow Through: 1 follow-up to do');
    const buttons = popup.locator('li.item.overdue .actions').first().locator('button, a');
    assert.equal(await buttons.first().innerText(), 'Done');
    assert.match(await buttons.first().getAttribute('class'), /\bprimary\b/);
    assert.deepEqual(await buttons.allInnerTexts(), ['Done', 'Draft', 'Snooze', 'Open']);
    const filled = await buttons.first().evaluate((b) => getComputedStyle(b).backgroundColor);
    const quiet = await buttons.nth(1).evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(filled, quiet, 'Done is filled, Draft is not');
    await popup.screenshot({ path: screenshotPath('popup-one-overdue.png'), fullPage: true });

    ({ worker, popup } = await write(browser, popup, overdueApplication(910, 'Platform Engineer', 'Globex')));
    await popup.locator('li.item.overdue').nth(1).waitFor();
    assert.equal(await popup.locator('.overdue-count').innerText(), '2 follow-ups overdue');
    assert.equal(await popup.locator('.group[data-group="overdue"] h3').innerText(), 'OVERDUE (2)');
    assert.equal(await worker.evaluate(() => chrome.action.getTitle({})), 'Follow Through: 2 follow-ups to do');
    await popup.screenshot({ path: screenshotPath('popup-several-overdue.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});

const POSTING = 'https://boards.greenhouse.io/acme/jobs/4242';

test('the welcome page asks the name, the worker saves it, and a ready message is signed with it', async () => {
  const browser = await launch({ [POSTING]: postingPage({ title: 'Site Reliability Engineer', url: POSTING }) });
  try {
    const welcome = await browser.context.newPage();
    await welcome.goto(`chrome-extension://${browser.id}/welcome.html`);
    await welcome.getByRole('heading', { name: 'Your name' }).waitFor();
    await welcome.getByRole('button', { name: 'Save my name' }).click();
    await welcome.getByRole('status').filter({ hasText: 'Type your name first' }).waitFor();
    await welcome.getByLabel('Your name, as you sign your emails').fill('Ana Diaz');
    await welcome.getByLabel('Your name, as you sign your emails').press('Enter');
    await welcome.getByRole('status').filter({ hasText: 'Saved. Your messages will be signed “Ana Diaz”.' }).waitFor();
    assert.equal(welcome.url(), `chrome-extension://${browser.id}/welcome.html`, 'the form did not reload the page');
    await welcome.screenshot({ path: screenshotPath('welcome-name.png'), fullPage: true });
    const { settings } = await stored(browser.worker);
    assert.equal(settings.your_name, 'Ana Diaz');

    await welcome.reload();
    await welcome.waitForFunction(() => document.getElementById('your-name').value === 'Ana Diaz');

    const { tabId } = await openTab(browser, POSTING);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.locator('li.item').first().getByRole('button', { name: 'Draft' }).click();
    const body = await popup.locator('#draft-body').inputValue();
    assert.match(body, /Ana Diaz\s*$/, body);
  } finally {
    await browser.context.close();
  }
});
