// The dashboard in Chromium over a few months of search built from corpus pages: the board
// moves a stage through the same commands as the popup, the timeline (and logging what happened
// from it), filters, search and SVG charts show the stored data, and "Your data" downloads a
// backup, CSV and calendar and restores a backup only once the user has seen what it would
// change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, corpusPage, trackAndApply, stored, records, screenshotPath,
} from './harness.mjs';
import { seed } from './seed.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
let browser;
let dash;
/** How many contacts the seeded search holds. */
let seededPeople;

/** The first key of a kind whose record matches. */
const find = (all, prefix, match) => Object.entries(all).find(([k, v]) => k.startsWith(prefix) && match(v));

/** Clicks a download button and returns the file's name and text. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).first().click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

before(async () => {
  browser = await launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') });
  const popup = await trackAndApply(browser, INDEED);
  assert.equal(await popup.getByRole('link', { name: 'Dashboard' }).getAttribute('href'), 'dashboard.html');
  const seeded = await seed(browser, popup);
  browser.worker = seeded.worker;
  seededPeople = seeded.people;
  dash = await browser.context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await dash.goto(`chrome-extension://${browser.id}/dashboard.html`);
  await dash.locator('.lane li.job').first().waitFor();
});

after(() => browser?.context.close());

test('the board shows each stage and moving a card logs the event as the popup would', async () => {
  const lane = (name) => dash.locator(`.lane[data-lane="${name}"]`);
  assert.equal(await lane('saved').locator('li.job').count(), 2);
  assert.equal(await lane('closed').locator('li.job').count(), 0, 'archived');
  assert.equal(await lane('closed').locator('.badge').innerText(), '2');
  const card = lane('applied').locator('li.job', { hasText: 'PaperCut Software' });
  assert.match(await card.innerText(), /Senior DevOps Engineer[\s\S]*Tracked today[\s\S]*Due/);
  const id = await card.getAttribute('data-id');
  await card.getByRole('combobox', { name: 'Change the stage of Senior DevOps Engineer' }).selectOption('interviewing');
  await lane('interviewing').locator(`li.job[data-id="${id}"]`).waitFor();
  const all = await stored(browser.worker);
  assert.equal(all[`opportunity/${id}`].stage, 'interviewing');
  assert.ok(find(all, 'event/', (e) => e.opportunity === id && e.kind === 'interviewed'));
  assert.ok(find(all, 'followup/', (f) => f.opportunity === id && f.rule === 'R7' && f.status === 'open'), 'R7 planned');

  await lane('interviewing').locator(`li.job[data-id="${id}"] .job-open`).click();
  const timeline = dash.locator('#timeline');
  await timeline.getByRole('heading', { name: 'Senior DevOps Engineer' }).waitFor();
  const entries = await timeline.locator('.entry .text').allInnerTexts();
  assert.deepEqual(entries.filter((e) => ['Saved', 'Applied', 'Interviewed'].includes(e)), ['Saved', 'Applied', 'Interviewed']);
  assert.ok(entries.includes('Apply to Senior DevOps Engineer at PaperCut Software'), 'R1, done by applying');
  assert.ok(entries.some((e) => /decision timeline|Follow up/i.test(e)));
  assert.equal(await timeline.getByRole('link', { name: 'Open the posting' }).getAttribute('href'), INDEED);
  await timeline.getByRole('button', { name: 'Close' }).click();
  await timeline.waitFor({ state: 'hidden' });
});

test('follow-ups filter by status, rule and application; contacts search by every word', async () => {
  const rows = dash.locator('#followup-list li.row');
  await dash.locator('#fu-show').selectOption('overdue');
  await dash.locator('#followup-list .count').waitFor();
  await dash.waitForFunction(() => [...document.querySelectorAll('#followup-list li.row')].every((r) => r.classList.contains('late')));
  assert.ok(await rows.count() > 0);
  await dash.locator('#fu-show').selectOption('done');
  await dash.locator('#fu-rule').selectOption('R15');
  await dash.waitForFunction(() => document.querySelectorAll('#followup-list li.row').length === 2);
  assert.deepEqual(await dash.locator('#followup-list li.row .rule').allInnerTexts(), ['Keep a promise', 'Keep a promise']);
  await dash.locator('#fu-show').selectOption('all');
  await dash.locator('#fu-rule').selectOption('');
  const papercut = await dash.locator('#fu-opportunity option', { hasText: 'PaperCut' }).getAttribute('value');
  await dash.locator('#fu-opportunity').selectOption(papercut);
  await dash.waitForFunction(() => [...document.querySelectorAll('#followup-list li.row .about')].every((a) => a.textContent.includes('PaperCut')));
  assert.ok(await rows.count() >= 3);

  const contacts = dash.locator('#contact-list li.row');
  assert.equal(await contacts.count(), seededPeople);
  await dash.getByRole('searchbox', { name: 'Search contacts' }).fill('swedbank scrum');
  await dash.waitForFunction(() => document.querySelectorAll('#contact-list li.row').length === 1);
  assert.match(await contacts.first().innerText(), /Sri Lalitha Jeevanige/);
  await dash.getByRole('searchbox', { name: 'Search contacts' }).fill('nobody here');
  await dash.getByText('No contact matches “nobody here”.').waitFor();
  await dash.getByRole('searchbox', { name: 'Search contacts' }).fill('');
  await dash.waitForFunction((n) => document.querySelectorAll('#contact-list li.row').length === n, seededPeople);
  await dash.locator('#fu-opportunity').selectOption('');
  await dash.locator('#fu-show').selectOption('open');
  await dash.waitForFunction(() => document.querySelectorAll('#followup-list li.row').length > 5);
});

test('the header links to every section of the page', async () => {
  const links = dash.getByRole('navigation', { name: 'Sections of the page' }).getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), ['Pipeline', 'Progress', 'All follow-ups', 'Contacts', 'Your data', 'LinkedIn network']);
  const targets = await links.evaluateAll((all) => all.map((a) => document.querySelector(a.getAttribute('href'))?.querySelector('h2')?.textContent));
  assert.deepEqual(targets, ['Pipeline', 'Progress', 'All follow-ups', 'Contacts', 'Your data', 'LinkedIn network']);
});

test('the charts are SVG with their numbers in text', async () => {
  const charts = dash.locator('figure.chart');
  assert.equal(await charts.count(), 4);
  assert.equal(await dash.locator('figure[data-chart="weekly"] svg rect.bar').count(), 12);
  const weekly = await dash.locator('figure[data-chart="weekly"] svg desc').textContent();
  assert.match(weekly, /^12 applications in the last 12 weeks; the busiest week had \d+\.$/);
  assert.match(await dash.locator('figure[data-chart="followup-rate"] figcaption').innerText(), /^\d+ of \d+ applications followed up within 7 days of applying\.$/);
  assert.match(await dash.locator('figure[data-chart="responses"] svg desc').textContent(), /With follow-up: \d+% \(\d+ of \d+\)\. Without: \d+% \(\d+ of \d+\)\./);
  assert.equal(await dash.locator('figure[data-chart="promises"] figcaption').innerText(), '1 of 3 promises kept on time, 1 late, 1 not yet.');
  assert.equal(await dash.locator('figure[data-chart="promises"] .big').innerText(), '33%');
  await dash.locator('li.job', { hasText: 'Highspot' }).locator('.job-open').click();
  await dash.locator('#timeline').getByRole('heading', { name: /Principal Software Engineer/ }).waitFor();
  await dash.evaluate(() => window.scrollTo(0, 0));
  await dash.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });
  await dash.emulateMedia({ colorScheme: 'dark' });
  await dash.screenshot({ path: screenshotPath('dashboard-dark.png'), fullPage: true });
  await dash.emulateMedia({ colorScheme: 'light' });
});

test('a backup is downloaded, remembered, and restored only after the report is confirmed', async () => {
  const reminder = dash.locator('#reminder');
  await reminder.waitFor();
  assert.match(await reminder.innerText(), /no backup yet/);
  const backup = await download(dash, 'Download a backup');
  assert.match(backup.name, /^follow-through-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(backup.text);
  assert.equal(document.format, 'follow-through-backup');
  let all = await stored(browser.worker);
  assert.equal(records(document.records, 'opportunity/').length, 14);
  assert.ok(all.meta.last_backup, 'the backup time is stored');
  // The worker woke without the postings' texts (they are read only where needed): the backup
  // still has every one.
  const descriptions = Object.keys(all).filter((k) => k.startsWith('description/'));
  assert.ok(descriptions.length > 0, "the tracked posting's text is stored apart");
  for (const key of descriptions) assert.deepEqual(document.records[key], all[key], `${key} is in the backup`);
  assert.equal(document.records.meta.last_backup, all.meta.last_backup);
  await reminder.waitFor({ state: 'hidden' });
  await dash.locator('#backup-last', { hasText: 'Last backup:' }).waitFor();

  const picker = dash.getByLabel('Backup file');
  await picker.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "nope"}') });
  await dash.getByText("broken.json can't be restored: This file is not a Follow Through backup.").waitFor();

  const trimmed = structuredClone(document);
  const dropped = Object.keys(trimmed.records).filter((k) => k.startsWith('contact/'));
  for (const key of dropped) delete trimmed.records[key];
  await dash.getByLabel('Replace everything here').check();
  const before = await stored(browser.worker);
  await picker.setInputFiles({ name: 'trimmed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trimmed)) });
  const report = dash.locator('#import-report table');
  await report.waitFor();
  assert.match(await dash.locator('#import-report h3').innerText(), /Replacing your data with trimmed\.json would change/);
  assert.equal(await report.locator('tr', { hasText: 'Contacts' }).locator('td').nth(2).innerText(), String(dropped.length));
  assert.deepEqual(await stored(browser.worker), before, 'nothing is written before the user confirms');
  await dash.getByRole('button', { name: 'Restore', exact: true }).click();
  await dash.getByText('Backup restored.').waitFor();
  all = await stored(browser.worker);
  assert.equal(records(all, 'contact/').length, 0);
  assert.equal(records(all, 'opportunity/').length, 14);
  await dash.getByText('No contacts yet.', { exact: false }).waitFor();
});

test('applications, contacts and follow-ups export as CSV, open follow-ups as a calendar', async () => {
  const applications = await download(dash, 'Applications (CSV)');
  assert.match(applications.name, /^follow-through-applications-.*\.csv$/);
  assert.ok(applications.text.startsWith('\ufeffTitle,Company,Location,Stage'));
  assert.match(applications.text, /Senior DevOps Engineer,PaperCut Software/);
  assert.equal(applications.text.trim().split('\r\n').length, 15);
  const followups = await download(dash, 'Follow-ups (CSV)');
  assert.match(followups.name, /follow-ups-.*\.csv$/);
  const contacts = await download(dash, 'Contacts (CSV)');
  assert.match(contacts.name, /contacts-.*\.csv$/);
  const calendar = await download(dash, 'Open follow-ups (.ics)');
  assert.match(calendar.name, /\.ics$/);
  assert.ok(calendar.text.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.match(calendar.text, /BEGIN:VEVENT/);
});

test('hostile page text is shown as text, clamped, and never runs', async () => {
  const title = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> مهندس ${'x'.repeat(2000)}`;
  const reply = await dash.evaluate((title) => chrome.runtime.sendMessage({
    type: 'command',
    command: { type: 'track', job: { title, company: '<b>Evil</b> Corp', url: 'https://example.com/jobs/evil', source: 'jsonld' } },
  }), title);
  assert.equal(reply.type, 'updated');
  await dash.reload();
  const card = dash.locator('.lane[data-lane="saved"] li.job', { hasText: 'Evil' });
  await card.waitFor();
  assert.equal(await card.locator('img, script, b').count(), 0);
  assert.equal(await card.locator('.company').innerText(), '<b>Evil</b> Corp');
  assert.equal(await card.locator('.job-open').getAttribute('title'), title.replace(/\s+/g, ' '));
  const [cardBox, laneBox] = [await card.boundingBox(), await dash.locator('.lane[data-lane="saved"]').boundingBox()];
  assert.ok(cardBox.width <= laneBox.width && cardBox.height < 260, `clamped: ${JSON.stringify(cardBox)}`);
  await card.locator('.job-open').click();
  await dash.locator('#timeline h2').waitFor();
  assert.ok((await dash.locator('#timeline h2').boundingBox()).height < 120, 'the heading is clamped');
  await dash.screenshot({ path: screenshotPath('dashboard-hostile.png') });
  assert.equal(await dash.evaluate(() => window.__pwned), undefined);
});

test('the settings page links to the data section of the dashboard', async () => {
  const settings = await browser.context.newPage();
  await settings.goto(`chrome-extension://${browser.id}/settings.html`);
  await settings.getByRole('link', { name: 'Backup, restore and export' }).click();
  await settings.getByRole('button', { name: 'Download a backup' }).first().waitFor();
  await settings.waitForFunction(() => {
    const box = document.getElementById('data').getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  });
  await settings.close();
});

test('the log form on a timeline logs a promise and says what it planned', async () => {
  const card = dash.locator('.lane li.job', { hasText: 'PaperCut Software' });
  const id = await card.getAttribute('data-id');
  await card.locator('.job-open').click();
  const timeline = dash.locator('#timeline');
  await timeline.getByRole('heading', { name: 'Senior DevOps Engineer' }).waitFor();
  await timeline.getByRole('button', { name: 'Log what happened' }).click();
  const form = timeline.getByRole('group', { name: 'Log what happened' });
  await form.getByLabel('What happened').selectOption({ label: 'Promise made' });
  await form.getByLabel('Your promise, in your words').pressSequentially('I will send my references tomorrow');
  await dash.waitForFunction(() => /^Due \w{3} \d+ \w{3} \d\d:\d\d$/.test(document.getElementById('log-words-due')?.textContent ?? ''));
  await dash.screenshot({ path: screenshotPath('dashboard-log.png') });
  await form.getByRole('button', { name: 'Log it' }).click();
  await timeline.getByRole('status', { name: 'What it planned' })
    .getByText(/^Planned: I will send my references tomorrow · \w{3} \d+ \w{3} \d\d:\d\d$/).waitFor();
  await timeline.locator('.entry .text', { hasText: 'I will send my references tomorrow' }).first().waitFor();
  assert.ok(find(await stored(browser.worker), 'followup/', (f) => f.opportunity === id && f.rule === 'R15' && f.status === 'open'), 'R15 planned');
});
