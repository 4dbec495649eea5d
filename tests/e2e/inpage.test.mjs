// The in-page button: on a page where a posting was found, a small "Track this application"
// button (in a closed shadow root) tracks it in one click and then says "Tracked ✓"; it can be
// hidden on the page and turned off in the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, corpusPage, openTab, stored, records, screenshotPath } from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const INDEED_FILE = 'pages/indeed/viewjob_papercut_senior_devops.html';

const opportunities = async (worker) => records(await stored(worker), 'opportunity/').map((o) => o.job.title);

// The buttons the page shows, closed shadow roots included, from the accessibility tree.
const buttons = async (page) => {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.filter((n) => n.role?.value === 'button' && !n.ignored).map((n) => n.name?.value);
  } finally {
    await cdp.detach();
  }
};

const until = async (probe, what) => {
  for (let i = 0; i < 100; i += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

test('the in-page button tracks the posting in one click, says Tracked, and obeys the settings', async () => {
  const browser = await launch({ [INDEED]: corpusPage(INDEED_FILE) });
  try {
    const { page } = await openTab(browser, INDEED);
    await until(async () => (await buttons(page)).includes('Track this application'), 'the Track button');
    // The host is the page's last element; the page cannot see inside it.
    const host = page.locator('html > div:last-child');
    assert.equal(await host.evaluate((h) => h.shadowRoot), null, 'the shadow root is closed');
    const box = await host.boundingBox();
    await page.screenshot({ path: screenshotPath('inpage.png') });

    // A click the page makes up is not the user's: nothing is tracked.
    await host.evaluate((h) => h.click());
    await page.mouse.click(box.x + 24, box.y + box.height / 2);
    await until(async () => (await buttons(page)).includes('Tracked ✓'), 'Tracked ✓');
    assert.deepEqual(await opportunities(browser.worker), ['Senior DevOps Engineer']);
    await page.screenshot({ path: screenshotPath('inpage-tracked.png') });

    // The ×, hides it on this page.
    await page.mouse.click(box.x + box.width - 18, box.y + box.height / 2);
    await until(async () => !(await buttons(page)).includes('Tracked ✓'), 'the button hidden');

    // Turned off in the settings: a new visit shows no button, and the posting is still captured.
    const settings = await browser.context.newPage();
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    await settings.getByLabel('Show a “Track this application” button on job postings').uncheck();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved ✓').waitFor();
    const again = await openTab(browser, INDEED);
    await until(async () => (await stored(browser.worker)).settings?.in_page_button === false, 'the setting stored');
    await again.page.waitForTimeout(1000);
    assert.ok(!(await buttons(again.page)).some((name) => /Track/.test(name ?? '')), 'no in-page button');
  } finally {
    await browser.context.close();
  }
});
