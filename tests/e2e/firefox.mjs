// Drives Debian's Firefox ESR through geckodriver: WebDriver to install the built add-on as a
// temporary add-on and open its pages, WebDriver BiDi to answer every request from the corpus (or fail it: no
// network) and to run script in the extension's pages.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import WebSocket from 'ws';

export const ADDON_ID = 'follow-through@follow-through.app';
const UUID = '5f9c0a6e-7a41-4c1e-9d53-1f0e1a2b3c4d';
export const EXTENSION = `moz-extension://${UUID}`;

/** Polls `probe` until it gives a truthy value (errors count as not yet), for 15 s. */
export async function until(probe, what) {
  for (let i = 0; i < 150; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const freePort = () => new Promise((done) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});

/** Starts Firefox with the add-on at `xpi` installed; `pages` maps a URL to the body served. */
export async function launchFirefox({ geckodriver, xpi, pages, zone }) {
  const port = await freePort();
  // A WebSocket port of its own: geckodriver's default (9222) would be shared by two runs.
  const websocket = await freePort();
  const driver = spawn(geckodriver, [
    '--port', String(port), '--websocket-port', String(websocket),
    '--binary', '/usr/bin/firefox-esr', '--allow-system-access',
  ], {
    env: { ...process.env, TZ: zone, MOZ_HEADLESS: '1' },
    stdio: 'ignore',
  });
  try {
    return await connect({ driver, port, pages, xpi });
  } catch (error) {
    // A browser that could not be driven never outlives its test (nor keeps the run waiting).
    driver.kill();
    throw error;
  }
}

async function connect({ driver, port, pages, xpi }) {
  const base = `http://127.0.0.1:${port}`;
  const http = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    const json = await response.json();
    if (json.value?.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  for (let i = 0; ; i += 1) {
    try { await fetch(`${base}/status`); break; } catch (e) { if (i > 100) throw e; await new Promise((r) => setTimeout(r, 100)); }
  }
  const session = await http('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        webSocketUrl: true,
        'moz:firefoxOptions': {
          args: ['-headless'],
          prefs: {
            'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
            'network.captive-portal-service.enabled': false,
            'network.connectivity-service.enabled': false,
            'browser.safebrowsing.update.enabled': false,
            'app.update.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
          },
        },
      },
    },
  });
  const id = session.sessionId;
  const socket = new WebSocket(session.capabilities.webSocketUrl);
  await new Promise((done, fail) => { socket.once('open', done); socket.once('error', fail); });
  let next = 0;
  const waiting = new Map();
  const bidi = (method, params = {}) => new Promise((done, fail) => {
    next += 1;
    waiting.set(next, { done, fail });
    socket.send(JSON.stringify({ id: next, method, params }));
  });
  socket.on('message', (data) => {
    const message = JSON.parse(data);
    if (message.id !== undefined) {
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.type === 'error') call.fail(new Error(`${message.error}: ${message.message}`));
      else call.done(message.result);
    } else if (message.method === 'network.beforeRequestSent' && message.params.isBlocked) {
      const { request } = message.params.request;
      const { url } = message.params.request;
      const body = pages[url];
      if (!/^https?:/.test(url)) {
        bidi('network.continueRequest', { request }).catch(() => {});
      } else if (body === undefined) {
        bidi('network.failRequest', { request }).catch(() => {});
      } else {
        bidi('network.provideResponse', {
          request,
          statusCode: 200,
          reasonPhrase: 'OK',
          headers: [{ name: 'content-type', value: { type: 'string', value: 'text/html; charset=utf-8' } }],
          body: { type: 'base64', value: Buffer.from(body).toString('base64') },
        }).catch(() => {});
      }
    }
  });
  await bidi('session.subscribe', { events: ['network.beforeRequestSent'] });
  await bidi('network.addIntercept', {
    phases: ['beforeRequestSent'],
    urlPatterns: [{ type: 'pattern', protocol: 'http' }, { type: 'pattern', protocol: 'https' }],
  });
  await http('POST', `/session/${id}/moz/addon/install`, { path: xpi, temporary: true });

  /**
   * Opens a URL in a new tab and returns its browsing context. Web pages open through BiDi;
   * WebDriver may not navigate to the add-on's own pages, so those open from the browser's
   * chrome (geckodriver --allow-system-access), as the toolbar button would open them.
   */
  const open = async (url) => {
    if (/^https?:/.test(url)) {
      const { context } = await bidi('browsingContext.create', { type: 'tab' });
      await bidi('browsingContext.navigate', { context, url, wait: 'complete' });
      return context;
    }
    const before = new Set((await bidi('browsingContext.getTree', {})).contexts.map((c) => c.context));
    await http('POST', `/session/${id}/moz/context`, { context: 'chrome' });
    await http('POST', `/session/${id}/execute/sync`, {
      script: `gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
        triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      args: [url],
    });
    await http('POST', `/session/${id}/moz/context`, { context: 'content' });
    for (let i = 0; i < 100; i += 1) {
      const added = (await bidi('browsingContext.getTree', {})).contexts
        .find((c) => !before.has(c.context) && c.url === url);
      if (added) return added.context;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no tab opened for ${url}`);
  };
  /** Evaluates an expression (awaiting its promise) in a tab, returning its JSON value. */
  const evaluate = async (context, expression) => {
    const result = await bidi('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(result.exceptionDetails.text);
    return result.result.value === undefined ? undefined : JSON.parse(result.result.value);
  };
  const q = (selector) => `document.querySelector(${JSON.stringify(selector)})`;
  /** The text of the first element matching `selector`, or undefined. */
  const text = (context, selector) => evaluate(context, `${q(selector)}?.textContent`);
  /** Clicks the first element matching `selector`. */
  const click = (context, selector) => evaluate(context, `${q(selector)}.click()`);
  /**
   * Puts `value` in the field matching `selector` (an input, a textarea or a select's option
   * value) and fires the events typing or picking would: input, then change.
   */
  const fill = (context, selector, value) => evaluate(context, `(() => {
    const field = ${q(selector)};
    field.focus();
    field.value = ${JSON.stringify(value)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
  /** Picks the option of the select matching `selector` whose text is `label`, as fill does. */
  const pick = async (context, selector, label) => {
    const value = await evaluate(context, `[...${q(selector)}.options]
      .find((o) => o.textContent === ${JSON.stringify(label)})?.value`);
    if (value === undefined) throw new Error(`no option "${label}" in ${selector}`);
    return fill(context, selector, value);
  };
  /**
   * Opens `url` in a tab, then the popup about that tab (as the toolbar button would, with the
   * tab's id in its address), once its posting is drawn.
   */
  const popupFor = async (url) => {
    await open(url);
    const probe = await until(() => open(`${EXTENSION}/popup.html`), 'the extension page');
    // The page's globals exist only once its document has replaced the tab's first blank one.
    const tabId = await until(
      () => evaluate(probe, `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)}).id)`),
      "the posting's tab",
    );
    const popup = await open(`${EXTENSION}/popup.html?tab=${tabId}`);
    await until(() => text(popup, '.job-title'), 'the captured posting');
    return popup;
  };
  const close = async () => {
    await http('DELETE', `/session/${id}`).catch(() => {});
    socket.close();
    driver.kill();
  };
  return { open, evaluate, text, click, fill, pick, popupFor, close };
}
