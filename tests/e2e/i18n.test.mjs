// The static pages take their words from _locales at load: every element marked `data-i18n`
// shows exactly the browser's message (the HTML's English is only the fallback), and
// `<html lang>` names the language of the messages shown. And a translation needs no code
// change: with a pseudo-locale (every message wrapped in [[…]]) nothing the Rust core phrases
// shows in bare English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openTab, openPopup, postingPage, root, screenshotPath } from './harness.mjs';

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

/** A copy of dist/chrome whose English messages are each wrapped in [[…]]. */
function pseudoLocalized() {
  const dir = mkdtempSync(join(tmpdir(), 'ft-pseudo-'));
  cpSync(join(root, 'dist/chrome'), dir, { recursive: true });
  const file = join(dir, '_locales/en/messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of Object.values(messages)) entry.message = `[[${entry.message}]]`;
  writeFileSync(file, JSON.stringify(messages, null, 2));
  return dir;
}

/** What is left of `text` outside the wrapped messages once the user's own data is taken out. */
function bare(text, data) {
  let rest = text;
  for (const words of data) rest = rest.split(words).join('');
  let out = '';
  let depth = 0;
  for (let i = 0; i < rest.length; i += 1) {
    const pair = rest.slice(i, i + 2);
    if (pair === '[[') { depth += 1; i += 1; } else if (pair === ']]' && depth > 0) { depth -= 1; i += 1; } else if (depth === 0) out += rest[i];
  }
  return out;
}

/** Asserts that `texts` hold no letters outside wrapped messages and the user's data. */
function allWrapped(texts, data, what) {
  assert.ok(texts.length > 0, `${what}: something is shown`);
  for (const text of texts) {
    assert.doesNotMatch(bare(text, data), /\p{L}/u, `${what}: bare words in ${JSON.stringify(text)}`);
  }
}

test('with every message wrapped in [[…]], checklist rows, a notification and a draft show no bare English', async () => {
  const url = 'https://boards.greenhouse.io/acme/jobs/5151';
  // Closing before the apply-by reminder: R1 is due the next working morning.
  const page = postingPage({ title: 'Data Engineer', company: 'Acme', url, validThrough: '2020-01-01' });
  const browser = await launch({ [url]: page }, { extension: pseudoLocalized() });
  const data = ['Data Engineer', 'Acme'];
  try {
    await browser.worker.evaluate(() => {
      globalThis.shownNotices = [];
      const create = chrome.notifications.create.bind(chrome.notifications);
      chrome.notifications.create = (id, options) => {
        globalThis.shownNotices.push(options);
        return create(id, options);
      };
    });
    const { tabId } = await openTab(browser, url);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole('button', { name: '[[Track this application]]' }).click();
    await popup.locator('li.item').first().waitFor();
    // Nothing is due the moment it is planned: a week on, by the worker's clock, an alarm finds
    // R1 due and notifies it.
    await browser.worker.evaluate(() => {
      const Real = Date;
      const later = Real.now() + 7 * 86_400_000;
      globalThis.Date = class extends Real {
        constructor(...args) { if (args.length === 0) super(later); else super(...args); }
        static now() { return later; }
      };
      globalThis.RealDate = Real;
      chrome.alarms.onAlarm.dispatch({ name: 'due', scheduledTime: later });
    });

    let notices = [];
    for (let i = 0; i < 50 && notices.length === 0; i += 1) {
      notices = await browser.worker.evaluate(() => globalThis.shownNotices);
      if (notices.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    await browser.worker.evaluate(() => { globalThis.Date = globalThis.RealDate; });
    assert.equal(notices.length, 1, 'the apply-by reminder fell due and was notified');
    const [notice] = notices;
    allWrapped([notice.title, notice.message, ...notice.buttons.map((b) => b.title)], data, 'notification');
    assert.match(notice.message, /Data Engineer/, 'the notification names the job');

    await popup.getByRole('button', { name: '[[Mark applied]]' }).click();
    const rows = popup.locator('li.item');
    await popup.locator('li.item', { hasText: 'Acme' }).nth(1).waitFor();
    const shown = await rows.evaluateAll((items) => items.flatMap((item) => [
      ...item.querySelectorAll('.what, .when, .note'),
    ].map((e) => e.textContent)));
    allWrapped(shown, data, 'checklist rows');
    const headings = await popup.locator('.checklist h3').allTextContents();
    allWrapped(headings, data, 'checklist sections');

    const r3 = rows.filter({ hasText: 'ask for an interview' });
    await r3.getByRole('button', { name: '[[Draft]]' }).click();
    const body = popup.locator('#draft-body');
    await body.waitFor();
    const draft = [
      await popup.locator('.panel .question').innerText(),
      await popup.locator('.panel .subject').innerText(),
      await body.inputValue(),
    ];
    allWrapped(draft, data, 'draft');
    assert.match(draft[2], /\[\[\[\[\w+\]\] \d+ \[\[\w+\]\]\]\]/, 'the day applied is worded from _locales');
    await popup.screenshot({ path: screenshotPath('popup-pseudo-locale.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});
