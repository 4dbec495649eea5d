// Hostile input: a posting page whose JSON-LD and HTML carry script tags, event handlers,
// `javascript:` links, SVG with script, right-to-left overrides and a 2,000-character title is
// captured, tracked and drawn in the popup and the settings page: no script of the page's runs
// in the extension, no `javascript:` link exists, every link is http(s), and the long title is
// cut with an ellipsis (the whole of it in a tooltip) without breaking the layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openTab, openPopup, stored, records, screenshotPath } from './harness.mjs';

const URL = 'https://boards.greenhouse.io/evil/jobs/666';
const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg script"</script></svg>',
  '"><iframe src="javascript:window.parent.__pwned=\'iframe\'">',
];
const RTL = '\u202Eموظف\u202C مهندس برمجيات';
const TITLE = `${PAYLOADS.join(' ')} ${RTL} ${'Principal Engineer of Very Long Titles '.repeat(60)}`.slice(0, 2000);
const COMPANY = '<svg><script>window.__pwned = "company"</script></svg> Evil Corp';

const page = () => {
  const posting = {
    '@context': 'https://schema.org', '@type': 'JobPosting', title: TITLE,
    url: 'javascript:window.__pwned = "url"',
    description: PAYLOADS.join('\n'),
    hiringOrganization: { '@type': 'Organization', name: COMPANY, sameAs: 'javascript:alert(1)' },
    jobLocation: { '@type': 'Place', address: { addressLocality: '<img src=x onerror=alert(1)>' } },
    directApply: true, applicationContact: { url: 'javascript:alert(2)' },
    validThrough: '2099-01-01',
  };
  const json = JSON.stringify(posting).replace(/<\//g, '<\\/');
  return `<!doctype html><html><head><title>${TITLE.replace(/</g, '&lt;')}</title>
<link rel="canonical" href="javascript:alert(3)">
<meta property="og:url" content="javascript:alert(4)">
<script type="application/ld+json">${json}</script></head>
<body><h1>${TITLE.replace(/</g, '&lt;')}</h1><a href="javascript:alert(5)">Apply</a></body></html>`;
};

/** Records, in every extension page, anything that would show a script of the page's ran. */
async function watch(context) {
  await context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:') return;
    globalThis.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push(e.violatedDirective));
  });
}

async function assertClean(extensionPage, dialogs) {
  const [pwned, violations, hrefs] = await extensionPage.evaluate(() => [
    globalThis.__pwned ?? null,
    globalThis.__violations,
    [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction')),
  ]);
  assert.equal(pwned, null, 'no script of the page ran');
  assert.deepEqual(violations, [], 'nothing tried to run and was blocked by the CSP');
  assert.deepEqual(dialogs, []);
  for (const href of hrefs) {
    assert.ok(!/^\s*javascript:/i.test(href), `no javascript: link (${href})`);
    assert.ok(/^(https?:|[a-z0-9_/.-]+\.(css|js|png|svg|html)(#[a-z0-9_-]+)?$)/i.test(href), `only http(s) links and our own files (${href})`);
  }
  const inserted = await extensionPage.evaluate(() => document.querySelectorAll('#app script, #app img, #app svg, #app iframe, #app object, #app embed').length);
  assert.equal(inserted, 0, 'no element of the page was inserted');
}

test('a hostile posting is captured, tracked and drawn as text only, its long title cut with a tooltip', async () => {
  const browser = await launch({ [URL]: page() });
  const dialogs = [];
  browser.context.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await watch(browser.context);
  try {
    const { tabId } = await openTab(browser, URL);
    const popup = await openPopup(browser, tabId);
    popup.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    const title = popup.locator('.job-title');
    await title.waitFor();
    assert.match(await title.innerText(), /<script>window.__pwned/, 'the markup is shown as text');
    await popup.getByRole('button', { name: 'Track this application' }).click();
    await popup.getByText('Tracked ✓').waitFor();
    await popup.locator('li.item').first().waitFor();

    const [saved] = records(await stored(browser.worker), 'opportunity/');
    assert.ok(!saved.job.url || /^https:/.test(saved.job.url), `the stored link is http(s): ${saved.job.url}`);
    for (const [field, value] of Object.entries(saved.job).filter(([k]) => /url/i.test(k))) {
      assert.match(value, /^https?:/, `${field} is an http(s) link`);
    }

    await assertClean(popup, dialogs);
    const layout = await popup.evaluate(() => {
      const box = (e) => e.getBoundingClientRect();
      const cut = (e) => ({
        text: e.textContent.length, title: e.getAttribute('title')?.length ?? 0,
        clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1,
        height: box(e).height, right: box(e).right,
      });
      return {
        width: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
        title: cut(document.querySelector('.job-title')),
        what: cut(document.querySelector('li.item .what')),
        widest: Math.max(...[...document.querySelectorAll('body *')].map((e) => box(e).right)),
      };
    });
    assert.ok(layout.scroll <= layout.width, `no sideways scrolling (${layout.scroll} > ${layout.width})`);
    assert.ok(layout.widest <= layout.width + 0.5, `nothing sticks out (${layout.widest} > ${layout.width})`);
    for (const name of ['title', 'what']) {
      const e = layout[name];
      assert.ok(e.clipped, `the ${name} is cut`);
      assert.ok(e.height < 100, `the ${name} takes a few lines, not ${e.height}px`);
      assert.ok(e.title >= e.text, `the ${name}'s tooltip holds all of it`);
    }
    await popup.screenshot({ path: screenshotPath('popup-hostile.png') });

    const settings = await browser.context.newPage();
    settings.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await settings.goto(`chrome-extension://${browser.id}/settings.html`);
    await settings.locator('form, main').first().waitFor();
    await settings.waitForTimeout(300);
    await assertClean(settings, dialogs);
    assert.equal(await browser.worker.evaluate(() => globalThis.__pwned ?? null), null, 'nothing ran in the worker');
  } finally {
    await browser.context.close();
  }
});
