// The smoke test in Firefox ESR: the same build, installed as a temporary add-on, starts its
// background, captures a served corpus posting, stores the playbook's follow-ups and shows the
// overdue count on its badge after a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPage, records, root, zone } from './harness.mjs';
import { launchFirefox, EXTENSION } from './firefox.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const geckodriver = process.env.GECKODRIVER;
const ready = existsSync('/usr/bin/firefox-esr') && geckodriver && existsSync(geckodriver);

const until = async (probe, what) => {
  for (let i = 0; i < 150; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

test('Firefox: a posting is captured and tracked, follow-ups stored, the badge counts the overdue', {
  skip: ready ? false : 'Firefox ESR or geckodriver is not installed (./build.sh test installs both)',
}, async () => {
  const firefox = await launchFirefox({
    geckodriver,
    xpi: join(root, 'dist/follow-through-firefox.zip'),
    pages: { [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') },
    zone,
  });
  const text = (context, selector) => firefox.evaluate(context, `document.querySelector(${JSON.stringify(selector)})?.textContent`);
  const click = (context, selector) => firefox.evaluate(context, `document.querySelector(${JSON.stringify(selector)}).click()`);
  try {
    await firefox.open(INDEED);
    const probe = await until(() => firefox.open(`${EXTENSION}/popup.html`), 'the extension page');
    const tabId = await firefox.evaluate(probe, `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(INDEED)}).id)`);
    const popup = await firefox.open(`${EXTENSION}/popup.html?tab=${tabId}`);
    assert.equal(await until(() => text(popup, '.job-title'), 'the captured posting'), 'Senior DevOps Engineer');
    assert.match(await text(popup, '.job-where'), /PaperCut Software · Camberwell VIC 3124/);

    await click(popup, 'button[data-action=track]');
    await until(async () => (await text(popup, '.status')) === 'Tracked ✓', 'Tracked ✓');
    await click(popup, 'button[data-action=applied]');
    await until(async () => (await text(popup, '.status')) === 'Applied ✓', 'Applied ✓');
    const stored = await firefox.evaluate(popup, 'browser.storage.local.get(null)');
    const followups = records(stored, 'followup/').map((f) => [f.rule, f.status]);
    assert.deepEqual(followups.sort(), [['R1', 'done'], ['R2', 'open'], ['R3', 'open']]);

    await firefox.evaluate(popup, `browser.storage.local.set({
      'followup/f99': { id: 'f99', rule: 'R3', opportunity: 'o1', event: 'e2', due: '2001-01-08T14:00:00Z',
                        zone: 'America/New_York', status: 'open', text: 'Follow up on your application' },
    })`);
    await firefox.evaluate(popup, 'browser.runtime.reload()').catch(() => {});
    const after = await until(() => firefox.open(`${EXTENSION}/popup.html`), 'the reloaded extension');
    await until(() => text(after, 'li.item.overdue'), 'the overdue follow-up');
    assert.equal(await firefox.evaluate(after, 'browser.action.getBadgeText({})'), '1');
  } finally {
    await firefox.close();
  }
});
