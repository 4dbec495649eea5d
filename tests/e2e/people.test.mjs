// LinkedIn people end to end in Chromium: a profile viewed under its real URL is remembered,
// saved from the popup in one click, "met" plans R9 and R10, a referral by name plans R13 and
// reaching out R14 (the popup saying what each planned), the contact is linked to an
// application; a Connections.csv imported from the settings page reports exact counts, and
// importing it again adds no one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, corpusPage, openTab, openPopup, stored, records, screenshotPath, corpus, root,
} from './harness.mjs';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const PROFILE_FILE = 'pages/linkedin/loggedin_profile_eduardo_alvarez_nowak.html';
const EXPORT = join(corpus, 'linkedin/Connections_jasontoups_2024.csv');

/** Polls storage until `check` finds what it wants. */
async function until(worker, check) {
  for (let i = 0; i < 100; i += 1) {
    const found = check(await stored(worker));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('never stored');
}

test('a profile viewed is saved from the popup, "met" plans R9, a referral R13, and it is linked to a job', async () => {
  const browser = await launch({ [PROFILE]: corpusPage(PROFILE_FILE) });
  try {
    const { tabId, errors } = await openTab(browser, PROFILE);
    const seen = await until(browser.worker, (all) => all[`seen-person/${PROFILE}`]);
    assert.equal(seen.person.name, 'Eduardo Alvarez Nowak');

    const popup = await openPopup(browser, tabId);
    const card = popup.getByRole('region', { name: 'This person' });
    await card.getByRole('heading', { name: 'Eduardo Alvarez Nowak' }).waitFor();
    await card.getByText('Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential').waitFor();
    assert.match(await card.locator('.job-where').innerText(), /Novare Potential/);
    await popup.evaluate(() => chrome.runtime.sendMessage({
      type: 'command',
      command: { type: 'track', job: { title: 'Frontend Lead', company: 'Novare Potential', url: 'https://example.com/jobs/7', source: 'manual' } },
    }));

    await card.getByRole('button', { name: 'Save contact' }).click();
    await card.getByText('Saved ✓').waitFor();
    let all = await stored(browser.worker);
    const [contact] = records(all, 'contact/');
    assert.equal(contact.profile_url, PROFILE);
    assert.equal(contact.company, 'Novare Potential');

    await card.getByRole('button', { name: 'Met' }).click();
    const planned = popup.getByRole('status', { name: 'What it planned' });
    await planned.getByText(/^Planned: Connect with Eduardo Alvarez Nowak on LinkedIn/).waitFor();
    await planned.getByText(/^Planned: Follow up with Eduardo Alvarez Nowak/).waitFor();
    await popup.locator('li.item', { hasText: 'Follow up with Eduardo' }).waitFor();
    await popup.locator('li.item', { hasText: 'Connect with Eduardo' }).waitFor();
    all = await stored(browser.worker);
    const about = records(all, 'followup/').filter((f) => f.contact === contact.id);
    assert.deepEqual(about.map((f) => [f.rule, f.status]).sort(), [['R10', 'open'], ['R9', 'open']]);

    await card.getByLabel('Referral from…').fill('Ana Lima');
    await card.getByRole('button', { name: 'Log referral' }).click();
    await popup.locator('li.item', { hasText: 'mentioning Ana Lima' }).waitFor();
    await planned.getByText(/^Planned: Reach out to Eduardo Alvarez Nowak, mentioning Ana Lima · /).waitFor();

    await card.getByRole('button', { name: 'Log what happened' }).click();
    const form = card.getByRole('group', { name: 'Log what happened' });
    await form.getByLabel('What happened').selectOption({ label: 'Reached out' });
    await form.getByRole('button', { name: 'Log it' }).click();
    await planned.getByText(/^Planned: Update Ana Lima on how it went with Eduardo Alvarez Nowak · /).waitFor();

    await card.getByLabel('Link to an application').selectOption({ label: 'Frontend Lead · Novare Potential' });
    await card.getByLabel('As').selectOption({ label: 'Hiring manager' });
    await card.getByRole('button', { name: 'Link' }).click();
    await card.getByText('Hiring manager · Frontend Lead · Novare Potential').waitFor();
    all = await stored(browser.worker);
    assert.equal(records(all, 'contact/').find((c) => c.id === contact.id).links[0].role, 'hiring_manager');
    assert.deepEqual(errors, []);

    await popup.screenshot({ path: screenshotPath('popup-person.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: screenshotPath('popup-person-dark.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});

test('a Connections.csv imported from the settings page shows exact counts, and again adds no one', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.id}/settings.html#connections`);
    const section = page.locator('#connections');
    await section.getByRole('heading', { name: 'LinkedIn connections' }).waitFor();
    await section.getByRole('button', { name: 'Import connections' }).click();
    await section.getByText('Choose your Connections.csv first.').waitFor();

    const summary = section.locator('.import-summary');
    for (const [round, expected] of [
      [1, ['1,581 added', '0 updated', '0 unchanged', '47 skipped']],
      [2, ['0 added', '0 updated', '1,581 unchanged', '47 skipped']],
    ]) {
      await section.getByLabel('Your Connections.csv').setInputFiles(EXPORT);
      await section.getByRole('button', { name: 'Import connections' }).click();
      await summary.getByText(expected[0], { exact: true }).waitFor();
      assert.deepEqual(await summary.locator('li').allInnerTexts(), expected, `import ${round}`);
    }
    const skipped = section.locator('.import-skipped li');
    assert.equal(await skipped.count(), 1, 'one line per reason, not one per row');
    assert.match(await skipped.first().innerText(), /^47 rows without a name: members who hide their details\n+Lines 53, 104, /);
    const all = await stored(browser.worker);
    assert.equal(records(all, 'contact/').length, 1581);
    await page.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const { violations } = await page.evaluate(() => globalThis.axe.run('#connections'));
    assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
    await page.screenshot({ path: screenshotPath('settings-connections.png'), fullPage: true });
  } finally {
    await browser.context.close();
  }
});
