// Sync across computers, with two browser profiles standing for two computers. The browser's
// sync service cannot run here, so the test carries the sync area from one profile to the other
// as the service would (each computer's items, read with `chrome.storage.sync.get` and written
// with `set`): what is tracked and logged on one shows on the other without a restart (badge,
// popup, dashboard); the same follow-up changed on both while apart ends the same on both; a
// full sync area is said, and the data on this computer is whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, trackAndApply, openPopup, records, ask, screenshotPath, stopWorker, wakeWorker,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';

/** Turns sync on in a profile from an extension page; the page and how sync stands. */
async function syncOn(browser) {
  const page = await openPopup(browser);
  const reply = await ask(page, { type: 'setSync', on: true, erase: false });
  assert.equal(reply.type, 'sync', JSON.stringify(reply));
  assert.equal(reply.sync.on, true);
  return { ...browser, page };
}

/** Everything the extension stored in a profile, read from one of its pages. */
function storedIn({ page }) {
  return page.evaluate(() => chrome.storage.local.get(null));
}

/**
 * Waits until a profile's changes went to its sync area: the worker writes them once they stop
 * coming for a moment, and notes them as pending until then.
 */
async function sent({ page }) {
  for (let i = 0; i < 200; i += 1) {
    const { 'sync/pending': pending } = await page.evaluate(() => chrome.storage.local.get('sync/pending'));
    if (pending === undefined) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.fail('the changes never went to the sync area');
}

/**
 * What the browser's sync service does: the items `from` wrote in its sync area (its computer's
 * own, `ft.<computer>.*`) become the same in `to`'s, the ones it removed removed.
 */
async function carry(from, to) {
  await sent(from);
  const { items, mine } = await from.page.evaluate(async () => {
    const { sync } = await chrome.storage.local.get('sync');
    return { items: await chrome.storage.sync.get(null), mine: `ft.${sync.clock.replica}.` };
  });
  await to.page.evaluate(async ({ items, mine }) => {
    const there = await chrome.storage.sync.get(null);
    const gone = Object.keys(there).filter((key) => key.startsWith(mine) && !(key in items));
    if (gone.length > 0) await chrome.storage.sync.remove(gone);
    await chrome.storage.sync.set(Object.fromEntries(
      Object.entries(items).filter(([key]) => key.startsWith(mine)),
    ));
  }, { items, mine });
}

/** Waits until `probe` of a profile's stored records holds. */
async function until(computer, probe, what) {
  let all;
  for (let i = 0; i < 100; i += 1) {
    all = await storedIn(computer);
    if (probe(all)) return all;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.fail(`${what}: ${JSON.stringify(Object.keys(all))}`);
}

const badge = ({ page }) => page.evaluate(() => chrome.action.getBadgeText({}));

/** Both computers' badges, once they agree (a badge follows its worker's reply). */
async function badgesAgree(a, b) {
  for (let i = 0; i < 100 && await badge(a) !== await badge(b); i += 1) {
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.equal(await badge(b), await badge(a));
}

/** The follow-ups of the one application, as the user sees them: rule, touch, status, due. */
const followupsOf = (all) => records(all, 'followup/')
  .map((f) => `${f.rule} ${f.touch ?? ''} ${f.status} ${f.outcome ?? ''} ${f.due}`).sort();

test('tracked and logged on one computer, it shows on the other without a restart; the same follow-up changed on both ends the same', async () => {
  const [laptop, desktop] = await Promise.all([
    launch({ [INDEED]: corpusPage('pages/indeed/viewjob_papercut_senior_devops.html') }),
    launch(),
  ]);
  try {
    const [a, b] = [await syncOn(laptop), await syncOn(desktop)];
    const dashboard = await desktop.context.newPage();
    await dashboard.goto(`chrome-extension://${desktop.id}/dashboard.html`);
    await dashboard.locator('#summary').waitFor();

    const popup = await trackAndApply(laptop, INDEED);
    const [application] = records(await storedIn(a), 'opportunity/');
    const logged = await ask(popup, {
      type: 'command',
      command: {
        type: 'logEvent',
        event: { opportunityId: application.id, kind: 'interviewed', decision_date: '2026-12-20' },
      },
    });
    assert.equal(logged.type, 'updated', JSON.stringify(logged));
    await carry(a, b);

    const there = await until(b, (all) => records(all, 'opportunity/').length === 1
      && records(all, 'event/').some((e) => e.kind === 'interviewed'), 'the application and its interview arrive');
    const [arrived] = records(there, 'opportunity/');
    assert.equal(arrived.job.company, 'PaperCut Software');
    assert.equal(arrived.stage, 'interviewing');
    assert.deepEqual(followupsOf(there), followupsOf(await storedIn(a)), 'the same follow-ups');
    await b.page.locator('li.item').first().waitFor();
    assert.equal(
      await b.page.locator('li.item').count(),
      await (await openPopup(laptop)).locator('li.item').count(),
      'the open popup shows the same checklist',
    );
    await dashboard.getByText('PaperCut Software').first().waitFor();
    await badgesAgree(a, b);
    await b.page.screenshot({ path: screenshotPath('sync-desktop-popup.png'), fullPage: true });

    // Apart: the laptop marks a follow-up done, the desktop snoozes the same one. Once they
    // have heard from each other, both have it done, the snooze kept in its history.
    const open = records(there, 'followup/').find((f) => f.status === 'open');
    assert.ok(open, 'a follow-up to act on');
    const [localId] = open.id.split('.');
    const done = await ask(a.page, {
      type: 'command', command: { type: 'completeFollowUp', followupId: localId },
    });
    assert.equal(done.type, 'updated', JSON.stringify(done));
    const snoozed = await ask(b.page, {
      type: 'command', command: { type: 'snooze', followupId: open.id, by: 'one_week' },
    });
    assert.equal(snoozed.type, 'updated', JSON.stringify(snoozed));
    await carry(a, b);
    await carry(b, a);
    const ended = (all) => records(all, 'followup/').find((f) => f.id.split('.')[0] === localId);
    const onLaptop = await until(a, (all) => ended(all).snoozes?.length === 1, 'the snooze on the laptop');
    const onDesktop = await until(b, (all) => ended(all).status === 'done', 'done on the desktop');
    assert.deepEqual(followupsOf(onDesktop), followupsOf(onLaptop), 'both the same');
    assert.deepEqual([ended(onLaptop).status, ended(onDesktop).snoozes.length], ['done', 1]);
    await badgesAgree(a, b);
  } finally {
    await Promise.all([laptop.context.close(), desktop.context.close()]);
  }
});

test('a sync area the browser refuses to write is said, the data here stays whole, and the next change writes it all once there is room', async () => {
  const browser = await launch();
  try {
    const page = await openPopup(browser);
    // Items that are not ours leave the sync area a few hundred bytes of its 100 KB: the
    // browser refuses the write, as it would past its limit on writes per minute.
    const filler = Object.fromEntries(Array.from({ length: 13 }, (_, n) => [`other.${n}`, 'x'.repeat(n < 12 ? 8180 : 3900)]));
    await page.evaluate((items) => chrome.storage.sync.set(items), filler);
    const job = (n) => ({
      title: `Engineer ${n}`, company: 'Acme', source: 'jsonld',
      url: `https://boards.greenhouse.io/acme/jobs/${4000000 + n}`,
      description: 'y'.repeat(3000),
    });
    for (let n = 0; n < 30; n += 1) {
      assert.equal((await ask(page, { type: 'command', command: { type: 'track', job: job(n) } })).type, 'updated');
    }
    const on = await ask(page, { type: 'setSync', on: true, erase: false });
    assert.equal(on.type, 'sync', JSON.stringify(on));
    assert.match(on.sync.problem ?? '', /quota/i, 'the user is told why');
    const settings = await browser.context.newPage();
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    await settings.getByText("Your browser's sync is full: the last change did not fit.").waitFor();
    assert.equal(records(await storedIn({ page }), 'opportunity/').length, 30, 'nothing lost here');

    await page.evaluate((keys) => chrome.storage.sync.remove(keys), Object.keys(filler));
    assert.equal((await ask(page, { type: 'command', command: { type: 'track', job: job(30) } })).type, 'updated');
    await sent({ page });
    const after = await ask(page, { type: 'sync' });
    assert.equal(after.sync.problem, undefined, JSON.stringify(after));
    assert.ok(after.sync.used > 0);
  } finally {
    await browser.context.close();
  }
});

test('a search that outgrows the sync area keeps its open applications synced, newest first, and says how many records stay here', async () => {
  const browser = await launch();
  try {
    const page = await openPopup(browser);
    // Words that hardly compress (a fixed pseudo-random sequence), so that 200 applications
    // outgrow the sync area's 100 KB.
    let seed = 7;
    const words = (n) => Array.from({ length: n }, () => {
      seed = (seed * 48271) % 2147483647;
      return seed.toString(36);
    }).join(' ');
    for (let n = 0; n < 200; n += 1) {
      const job = {
        title: `Engineer ${n}`, company: `Company ${n}`, location: words(100), source: 'jsonld',
        url: `https://boards.greenhouse.io/acme/jobs/${4000000 + n}`,
      };
      assert.equal((await ask(page, { type: 'command', command: { type: 'track', job } })).type, 'updated');
    }
    const on = await ask(page, { type: 'setSync', on: true, erase: false });
    assert.equal(on.type, 'sync', JSON.stringify(on));
    assert.ok(on.sync.leftOut > 0, JSON.stringify(on.sync));
    assert.equal(on.sync.problem, undefined, 'what fits was written');
    assert.ok(on.sync.used <= on.sync.quota && on.sync.used > 0.9 * on.sync.quota, JSON.stringify(on.sync));
    const settings = await browser.context.newPage();
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    await settings.getByText(`${on.sync.leftOut} older records did not fit and stay on this computer only`).waitFor();
    const all = await storedIn({ page });
    assert.equal(records(all, 'opportunity/').length, 200, 'everything stays here');
    const synced = await page.evaluate(async () => {
      const keys = [];
      for (const value of Object.values(await chrome.storage.sync.get(null))) {
        const bytes = Uint8Array.from(atob(value.slice(2)), (c) => c.charCodeAt(0));
        const text = await new Response(new Blob([bytes]).stream()
          .pipeThrough(new DecompressionStream('deflate-raw'))).text();
        keys.push(...Object.keys(JSON.parse(text)));
      }
      return keys;
    });
    const applications = records(all, 'opportunity/').map((o) => o.id)
      .sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)));
    const isSynced = (id) => synced.some((key) => key.startsWith(`application/${id}.`));
    assert.ok(isSynced(applications.at(-1)) && !isSynced(applications[0]), 'the newest synced, the oldest left here');
  } finally {
    await browser.context.close();
  }
});

test('a change made just before the worker is stopped goes to the sync area when it wakes', async () => {
  const browser = await launch();
  try {
    const page = await openPopup(browser);
    assert.equal((await ask(page, { type: 'setSync', on: true, erase: false })).type, 'sync');
    const job = {
      title: 'Platform Engineer', company: 'Acme', source: 'jsonld',
      url: 'https://boards.greenhouse.io/acme/jobs/4000001',
    };
    const before = await page.evaluate(() => chrome.storage.sync.get(null));
    assert.equal((await ask(page, { type: 'command', command: { type: 'track', job } })).type, 'updated');
    await stopWorker(browser, page);
    const { 'sync/pending': pending } = await page.evaluate(() => chrome.storage.local.get('sync/pending'));
    assert.ok(pending.keys.some((key) => key.startsWith('opportunity/')), JSON.stringify(pending));
    const woken = await wakeWorker(browser);
    await sent({ page: woken.popup });
    const after = await page.evaluate(() => chrome.storage.sync.get(null));
    assert.notDeepEqual(after, before, 'the change went to the sync area');
  } finally {
    await browser.context.close();
  }
});
