// Privacy: the extension makes no network request of its own. A full flow (capture as a posting
// is viewed, track, mark applied, a draft, the settings page, a worker restart) runs with
// Chromium's net log on; afterwards every http(s) request in the log is either the posting we
// opened (and its icon, which the browser asks for) or Chromium's own background traffic. A request
// fetched from the worker at the end proves the log would have shown one. The permissions are
// the job sites plus what the features need; "every site" is optional and off by default, and so
// is sync across the user's computers (nothing in the browser's sync area).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, postingPage, trackAndApply, restartWorker, screenshotPath,
} from './harness.mjs';

// A posting page that asks for nothing itself, so any other request would be the extension's.
const POSTING = 'https://boards.greenhouse.io/acme/jobs/4242';
const CANARY = 'https://canary.invalid/made-by-the-test';
// Chromium's own traffic (update checks, account probes), which is not the extension's.
const BROWSER_HOSTS = /(^|\.)(googleapis\.com|google\.com|gvt1\.com|gstatic\.com)$/;

/** Every http(s) URL Chromium's net log saw a request for. */
function requested(log) {
  const net = JSON.parse(readFileSync(log, 'utf8').replace(/,\s*$/, '').replace(/,?\s*\]?\s*\}?\s*$/, ']}'));
  const urls = new Set();
  for (const e of net.events) {
    const url = e.params?.url;
    if (typeof url === 'string' && /^https?:/.test(url)) urls.add(url);
  }
  return [...urls];
}

test('a full flow makes no network request from the extension', async () => {
  const log = join(mkdtempSync(join(tmpdir(), 'ft-netlog-')), 'net.json');
  const browser = await launch(
    { [POSTING]: postingPage({ title: 'Site Reliability Engineer', url: POSTING }) },
    { args: [`--log-net-log=${log}`, '--net-log-capture-mode=Default'] },
  );
  try {
    const popup = await trackAndApply(browser, POSTING);
    await popup.locator('li.item').first().getByRole('button', { name: 'Draft' }).click();
    await popup.locator('#draft-body').waitFor();

    const settings = await browser.context.newPage();
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved ✓').waitFor();
    const { worker } = await restartWorker(browser, popup);
    await worker.evaluate((url) => fetch(url).catch(() => null), CANARY);
  } finally {
    await browser.context.close();
  }
  const theirs = requested(log).filter((url) => {
    const { host } = new URL(url);
    return url !== POSTING && url !== new URL('/favicon.ico', POSTING).href && !BROWSER_HOSTS.test(host);
  });
  assert.deepEqual(theirs, [CANARY], 'the only other request is the one the test made');
});

test('permissions are the job sites and what the features need; every site is optional and off', async () => {
  const browser = await launch();
  try {
    const granted = await browser.worker.evaluate(() => chrome.permissions.getAll());
    assert.deepEqual(granted.permissions.sort(), [
      'activeTab', 'alarms', 'contextMenus', 'notifications', 'scripting', 'storage', 'unlimitedStorage',
    ]);
    assert.ok(granted.origins.every((o) => o.startsWith('https://') && !o.startsWith('https://*/')), 'job sites only');
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    assert.deepEqual(manifest.optional_host_permissions, ['<all_urls>']);

    const settings = await browser.context.newPage();
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    const everySite = settings.getByRole('button', { name: 'Detect postings on every site' });
    assert.equal(await everySite.getAttribute('aria-pressed'), 'false');
    const sync = settings.getByRole('button', { name: 'Sync my job search' });
    assert.equal(await sync.getAttribute('aria-pressed'), 'false', 'sync is off on a new install');
    assert.deepEqual(await settings.evaluate(() => chrome.storage.sync.get(null)), {}, 'nothing in the sync area');
    await settings.screenshot({ path: screenshotPath('settings-every-site.png'), fullPage: true });

    // A reader left registered for every site without the permission is taken away on wake.
    await browser.worker.evaluate(() => chrome.scripting.registerContentScripts([
      { id: 'every-site', matches: ['https://*.indeed.com/*'], js: ['content.js'] },
    ]));
    const { worker } = await restartWorker(browser, settings);
    await settings.waitForTimeout(200);
    assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
  } finally {
    await browser.context.close();
  }
});
