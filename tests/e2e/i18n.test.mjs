// The static pages take their words from _locales at load: every element marked `data-i18n`
// shows exactly the browser's message (the HTML's English is only the fallback), and
// `<html lang>` names the language of the messages shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

/** Marked elements whose text is not the browser's message, as "key: text" lines. */
function unfilled(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-i18n]')]
    .filter((e) => e.id !== 'app' && !e.closest('#app'))
    .map((e) => [e.dataset.i18n, e.textContent])
    .filter(([key, text]) => text !== chrome.i18n.getMessage(key))
    .map(([key, text]) => `${key}: ${text}`));
}

test('the welcome, popup, settings and dashboard pages show the messages of _locales', async () => {
  const browser = await launch();
  try {
    for (const [file, ready] of [
      ['welcome.html', 'Track your first application'],
      ['popup.html', 'Nothing to follow up yet. Track a posting to start.'],
      ['settings.html', 'Your working week'],
      ['dashboard.html', 'Pipeline'],
    ]) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.id}/${file}`);
      await page.getByText(ready, { exact: true }).first().waitFor();
      assert.deepEqual(await unfilled(page), [], file);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', file);
      await page.close();
    }
  } finally {
    await browser.context.close();
  }
});
