// Single-page job sites: when the posting on screen changes without a page load, capture follows
// it, the popup shows the posting now on screen, and every posting viewed can be tracked later
// from "Recently viewed"; on LinkedIn, a profile opened from the feed is read, the feed is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, corpusPage, openTab, openPopup, stored, records, screenshotPath } from './harness.mjs';

const SEARCH = 'https://www.linkedin.com/jobs/search/?keywords=data&currentJobId=1001';
const posting = (id, title, company) => JSON.stringify({
  '@context': 'https://schema.org', '@type': 'JobPosting', title,
  hiringOrganization: { '@type': 'Organization', name: company },
  jobLocation: { '@type': 'Place', address: { addressLocality: 'Berlin', addressCountry: 'Germany' } },
  url: `https://www.linkedin.com/jobs/view/${id}/`,
});
const page = `<!doctype html><title>Jobs | LinkedIn</title>
<script type="application/ld+json" id="posting">${posting(1001, 'Data Engineer', 'Acme')}</script>
<main><h2 id="title">Data Engineer</h2></main>`;

test('capture follows a posting changed in place, and a viewed posting is tracked from Recently viewed', async () => {
  const browser = await launch({ [SEARCH]: page });
  try {
    const { page: tab, tabId } = await openTab(browser, SEARCH);
    const seenTitles = async () => records(await stored(browser.worker), 'seen/').map((v) => v.job.title).sort();
    const until = async (probe, what) => {
      for (let i = 0; i < 100; i += 1) {
        if (await probe()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    await until(async () => (await seenTitles()).includes('Data Engineer'), 'the first posting in the seen list');

    await tab.evaluate((next) => {
      history.pushState({}, '', '/jobs/search/?keywords=data&currentJobId=1002');
      document.getElementById('posting').textContent = next;
      document.getElementById('title').textContent = 'Platform Engineer';
    }, posting(1002, 'Platform Engineer', 'Globex'));
    await until(async () => (await seenTitles()).length === 2, 'the second posting in the seen list');
    assert.deepEqual(await seenTitles(), ['Data Engineer', 'Platform Engineer']);

    const popup = await openPopup(browser, tabId);
    await popup.locator('.job-title', { hasText: 'Platform Engineer' }).waitFor();
    const recent = popup.locator('.recent li');
    await recent.first().waitFor();
    assert.deepEqual(await recent.locator('.what').allInnerTexts(), ['Data Engineer'], 'the posting on screen is not listed again');
    await popup.screenshot({ path: screenshotPath('popup-recent.png'), fullPage: true });

    await popup.getByRole('button', { name: 'Track Data Engineer' }).click();
    await popup.locator('li.item', { hasText: 'Apply to Data Engineer at Acme' }).waitFor();
    assert.equal(await popup.locator('.recent').count(), 0);
    const opportunities = records(await stored(browser.worker), 'opportunity/');
    assert.deepEqual(opportunities.map((o) => [o.job.title, o.job.company]), [['Data Engineer', 'Acme']]);
  } finally {
    await browser.context.close();
  }
});

test('a LinkedIn profile opened from the feed without a page load is read; the feed is not', async () => {
  const FEED = 'https://www.linkedin.com/feed/';
  const PROFILE = 'https://www.linkedin.com/in/robertkcheung/';
  const feed = '<!doctype html><title>Feed | LinkedIn</title><main><h1>Senior Engineer wanted</h1></main>';
  const browser = await launch({ [FEED]: feed });
  try {
    const { page: tab } = await openTab(browser, FEED);
    await tab.waitForTimeout(1500);
    const keys = async () => Object.keys(await stored(browser.worker));
    assert.deepEqual((await keys()).filter((k) => k.startsWith('seen')), [], 'nothing is read on the feed');

    const profile = corpusPage('pages/linkedin/loggedin_profile_rob_cheung.html');
    await tab.evaluate((html) => {
      history.pushState({}, '', '/in/robertkcheung/');
      document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
    }, profile.toString('utf8'));
    for (let i = 0; i < 100 && !(await keys()).includes(`seen-person/${PROFILE}`); i += 1) {
      await tab.waitForTimeout(100);
    }
    assert.ok((await keys()).includes(`seen-person/${PROFILE}`), 'the profile viewed is remembered');
  } finally {
    await browser.context.close();
  }
});
