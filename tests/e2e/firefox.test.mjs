// Firefox ESR: the same build, installed as a temporary add-on, starts its background, captures
// a served corpus posting, stores the playbook's follow-ups and shows the overdue count on its
// badge after a restart; logs a promise from the popup's "Log what happened" form and says what
// it planned; corrects an application's company from the dashboard's timeline; turns sync on
// from the settings, which writes the browser's sync area.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPage, records, root, said, zone } from './harness.mjs';
import { launchFirefox, until, EXTENSION } from './firefox.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const geckodriver = process.env.GECKODRIVER;
const ready = existsSync('/usr/bin/firefox-esr') && geckodriver && existsSync(geckodriver);
const skip = ready ? false : 'Firefox ESR or geckodriver is not installed (./build.sh test installs both)';

/** Runs `body` with Firefox started, the add-on installed and the corpus posting served. */
async function withFirefox(body) {
  const firefox = await launchFirefox({
    geckodriver,
    xpi: join(root, 'dist/follow-through-firefox.zip'),
    pages: { [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') },
    zone,
  });
  try {
    await body(firefox);
  } finally {
    await firefox.close();
  }
}

/** Opens the posting and its popup, and tracks it. */
async function track(firefox) {
  const popup = await firefox.popupFor(INDEED);
  await firefox.click(popup, 'button[data-action=track]');
  await until(async () => (await firefox.text(popup, '.status')) === 'Tracked ✓', 'Tracked ✓');
  return popup;
}

test('Firefox: a posting is captured and tracked, follow-ups stored, the badge counts the overdue', { skip }, () => withFirefox(async (firefox) => {
  const { text, click } = firefox;
  const popup = await track(firefox);
  assert.equal(await text(popup, '.job-title'), 'Senior DevOps Engineer');
  assert.match(await text(popup, '.job-where'), /PaperCut Software · Camberwell VIC 3124/);
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
  // The record written behind the worker's back is not in its due index, so the badge is set
  // from the whole store once the popup is answered, a moment after the popup draws.
  await until(async () => (await firefox.evaluate(after, 'browser.action.getBadgeText({})')) === '1', 'the badge at 1');
}));

test('Firefox: a promise logged from the popup shows its due time, then what it planned', { skip }, () => withFirefox(async (firefox) => {
  const { text, click, fill, pick, evaluate } = firefox;
  const popup = await track(firefox);

  await click(popup, 'button[data-action=log-open]');
  await until(() => evaluate(popup, "document.querySelector('#log-form')?.getAttribute('aria-label') === 'Log what happened'"), 'the form');
  assert.equal(await evaluate(popup, "document.querySelector('button[data-action=log-open]').getAttribute('aria-expanded')"), 'true');
  await pick(popup, '#log-kind', 'Promise made');
  const hidden = (id) => evaluate(popup, `document.getElementById(${JSON.stringify(id)}).closest('[hidden]') !== null`);
  assert.equal(await hidden('log-time'), true, 'a promise asks no time');
  assert.equal(await hidden('log-words'), false, 'a promise asks for its words');
  await fill(popup, '#log-words', "I'll send the deck by Friday");
  const preview = await until(async () => {
    const due = await text(popup, '#log-words-due');
    return /^Due Fri \d+ \w+ 09:00$/.test(due) && due;
  }, 'the due time of the promise');

  await click(popup, 'button[data-action=log-send]');
  const planned = () => evaluate(popup, "[...document.querySelectorAll('section.planned p')].map((p) => p.textContent)");
  await until(async () => (await planned()).some((l) => l.startsWith("Planned: I'll send the deck by Friday")), 'Planned:');
  const all = await evaluate(popup, 'browser.storage.local.get(null)');
  const r15 = records(all, 'followup/').find((f) => f.rule === 'R15' && f.status === 'open');
  assert.ok(r15, 'the R15 follow-up is stored');
  assert.ok(Date.parse(r15.due) > Date.now(), 'due later than now');
  assert.equal(preview, `Due ${said(r15.due)}`, 'the form said the due time the store keeps');
  assert.deepEqual(await planned(), [`Planned: I'll send the deck by Friday · ${said(r15.due)}`]);
  assert.ok(records(all, 'event/').some((e) => e.id === r15.event), 'the promise is on the timeline');
}));

test('Firefox: an application\'s company is corrected in its timeline, stored and shown', { skip }, () => withFirefox(async (firefox) => {
  const { text, click, fill, evaluate } = firefox;
  await track(firefox);
  const dash = await firefox.open(`${EXTENSION}/dashboard.html`);
  const card = '.lane li.job';
  await until(async () => (await text(dash, card))?.includes('Senior DevOps Engineer'), 'the card on the board');
  assert.match(await text(dash, card), /PaperCut Software/);
  const id = await evaluate(dash, `document.querySelector('${card}').dataset.id`);

  await click(dash, `${card} .job-open`);
  const edit = '#timeline button[aria-label="Edit Senior DevOps Engineer"]';
  await until(() => evaluate(dash, `!!document.querySelector('${edit}')`), 'the timeline with Edit');
  await click(dash, edit);
  await until(() => evaluate(dash, "document.querySelector('#timeline [role=group][aria-label=\"Edit the application\"] #edit-company')?.value === 'PaperCut Software'"), 'the form, filled');
  await fill(dash, '#edit-company', 'PaperCut Pty Ltd');
  await click(dash, 'button[data-action=save-application]');
  await until(() => evaluate(dash, "!document.querySelector('#edit-company')"), 'the form closed');

  await until(async () => /PaperCut Pty Ltd/.test(await text(dash, card)), 'the card saying the new company');
  const entries = await evaluate(dash, "[...document.querySelectorAll('#timeline .entry .text')].map((e) => e.textContent)");
  assert.ok(entries.includes('Edited the company'), entries.join(' | '));
  assert.match(await text(dash, '#timeline'), /Was: PaperCut Software/);
  const all = await evaluate(dash, 'browser.storage.local.get(null)');
  assert.equal(all[`opportunity/${id}`].job.company, 'PaperCut Pty Ltd');
  assert.deepEqual(all[`opportunity/${id}`].edits.at(-1).changes.map((c) => c.field), ['company']);

  const again = await firefox.open(`${EXTENSION}/dashboard.html`);
  await until(async () => /PaperCut Pty Ltd/.test(await text(again, card) ?? ''), 'the new company after a reload');
}));

test('Firefox: the sync switch turns sync on and writes the sync area', { skip }, () => withFirefox(async (firefox) => {
  const { text, click, evaluate } = firefox;
  await track(firefox);
  const settings = await firefox.open(`${EXTENSION}/settings.html`);
  const pressed = () => evaluate(settings, "document.querySelector('#sync-switch')?.getAttribute('aria-pressed')");
  await until(async () => (await pressed()) === 'false', 'the sync switch, off');
  const synced = () => evaluate(settings, `browser.storage.sync.get(null)
    .then((all) => Object.keys(all).filter((key) => key.startsWith('ft.')))`);
  assert.deepEqual(await synced(), [], 'nothing synced while off');

  await click(settings, '#sync-switch');
  await until(async () => (await pressed()) === 'true', 'the sync switch, on');
  await until(async () => (await text(settings, '#sync-status .sync-on')) === 'Sync is on.', 'Sync is on.');
  assert.match(await text(settings, '#sync-status li'), /^\d+ KB of 100 KB of your browser's sync in use$/);
  assert.ok((await synced()).length > 0, 'items whose keys start with ft. are in the sync area');
}));
