// Requests are gated by sender: a script in a page's world (a content script) may ask only what
// a reader needs (the read plan, the snapshot, tracking the posting on its own tab); everything
// else is refused and changes nothing. The extension's own pages, in a tab or not, may ask anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, corpusPage, openTab, openPopup, stored, records, ask,
} from './harness.mjs';

const INDEED = 'https://au.indeed.com/viewjob?jk=54f1f8af68d722d2';
const INDEED_FILE = 'pages/indeed/viewjob_papercut_senior_devops.html';
const REFUSED = "A web page may not ask for that: only the extension's own pages may.";

/** Sends each request from a content script's world (ISOLATED) in the tab; the replies. */
const fromContentScript = (worker, tabId, requests) => worker.evaluate(
  ({ tabId, requests }) => chrome.scripting.executeScript({
    target: { tabId },
    world: 'ISOLATED',
    func: (requests) => Promise.all(requests.map((r) => chrome.runtime.sendMessage(r))),
    args: [requests],
  }).then(([injected]) => injected.result),
  { tabId, requests },
);

test('a content script may read and track its own tab, and is refused everything else', async () => {
  const browser = await launch({ [INDEED]: corpusPage(INDEED_FILE) });
  try {
    // The extension's pages: the dashboard (in a tab) takes a backup of the empty store.
    const dashboard = await browser.context.newPage();
    await dashboard.goto(`chrome-extension://${browser.id}/dashboard.html`);
    const backup = await ask(dashboard, { type: 'download', kind: 'backup' });
    assert.equal(backup.type, 'file');

    // Tracking the posting on its own tab works from the page.
    const { tabId } = await openTab(browser, INDEED);
    const [tracked] = await fromContentScript(browser.worker, tabId, [{ type: 'trackThisTab' }]);
    assert.equal(tracked.type, 'updated', JSON.stringify(tracked));
    assert.equal(tracked.opportunity.job.title, 'Senior DevOps Engineer');

    const before = await stored(browser.worker);
    const [followup] = records(before, 'followup/');
    assert.ok(followup, 'tracking planned a follow-up');
    const job = { title: 'Planted', url: 'https://example.com/jobs/planted', source: 'jsonld' };
    const privileged = [
      { type: 'import', text: backup.file.text, mode: 'replace' },
      { type: 'planImport', text: backup.file.text, mode: 'replace' },
      { type: 'command', command: { type: 'editSettings', settings: { ...before.settings, auto_capture: false } } },
      { type: 'command', command: { type: 'completeFollowUp', followupId: followup.id } },
      { type: 'command', command: { type: 'track', job } },
      { type: 'download', kind: 'backup' },
      { type: 'download', kind: 'contacts' },
      { type: 'importConnections', text: 'First Name,Last Name\nAna,Planted\n' },
      { type: 'captureTab', tabId },
      { type: 'checklist' },
      { type: 'settings' },
      { type: 'dashboard', query: {} },
      { type: 'draft', followupId: followup.id },
      { type: 'recent' },
      { type: 'person', person: { name: 'Ana Lima' } },
    ];
    const replies = await fromContentScript(browser.worker, tabId, privileged);
    privileged.forEach((request, i) => {
      assert.deepEqual(replies[i], { type: 'error', message: REFUSED }, JSON.stringify(request));
    });
    assert.deepEqual(await stored(browser.worker), before, 'nothing changed');

    // What a reader needs still works.
    const [plan] = await fromContentScript(browser.worker, tabId, [{ type: 'planFor', url: INDEED }]);
    assert.equal(plan.type, 'plan');
    assert.ok(plan.plan, 'a read plan');
    const [page] = await fromContentScript(browser.worker, tabId, [{
      type: 'snapshot',
      snapshot: { url: INDEED, title: 'Senior DevOps Engineer', jsonld: [], microdata: [], meta: {}, texts: {}, lists: {}, truncated: false },
    }]);
    assert.equal(page.type, 'page');

    // The extension's pages are never refused: the popup with no tab, the dashboard in a tab.
    const popup = await openPopup(browser);
    assert.equal((await ask(popup, { type: 'checklist' })).type, 'checklist');
    assert.equal((await ask(popup, { type: 'settings' })).type, 'settings');
    const again = await ask(dashboard, { type: 'planImport', text: backup.file.text, mode: 'replace' });
    assert.equal(again.type, 'importPlan');
  } finally {
    await browser.context.close();
  }
});
