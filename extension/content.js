// Follow Through's generic page reader. It loads no Wasm (a page's CSP may forbid it) and
// decides nothing: it evaluates the read plan the worker (Rust) hands it and posts back a
// snapshot. src/capture/native.rs evaluates plans the same way over saved pages; keep the two
// in step (the shared semantics are listed at the top of native.rs: text is textContent
// without what script, style, template and noscript hold, ASCII white space collapsed, cut to
// max_chars UTF-16 units; a read's matches are the union of its selectors' matches in document
// order; texts take every match, or the first match of the first selector that has one, not
// inside an element matching `outside`, an attribute when one is named; lists take each field
// from the first match inside a record, every match a record or, with `first`, the first match
// of the first selector that has one; microdata takes top-level items (none on a page
// without an itemtype), nested up to MICRODATA_DEPTH, values per the HTML microdata rules;
// every list is capped at max_items). Nothing here may throw into the page.
"use strict";

if (!globalThis.__followThroughReader) {
  // Set once per page, in the content scripts' isolated world (the page cannot see it): it
  // keeps a second injection from running twice, and offers `read` to the in-browser benchmark
  // (tests/bench/reader.bench.mjs), which calls it in this world as the worker's request does.
  const reader = {};
  globalThis.__followThroughReader = reader;
  const api = globalThis.browser ?? globalThis.chrome;

  // ASCII white space collapsed to single spaces and trimmed.
  // (At most one space is left at either end: sliced off, as a regular expression anchored at
  // both ends would try every position of a long text.)
  const collapse = (text) => {
    const spaced = String(text ?? "").replace(/[\t\n\f\r ]+/g, " ");
    return spaced.slice(spaced.startsWith(" ") ? 1 : 0, spaced.length > 1 && spaced.endsWith(" ") ? -1 : spaced.length);
  };

  // Elements whose contents are never text the user sees: code, CSS, inert markup.
  const UNSEEN = "script, style, template, noscript";
  const UNSEEN_NAMES = new Set(["script", "style", "template", "noscript"]);

  // An element's textContent without what the unseen elements inside it hold. Most elements
  // hold none (most hold no element at all), and take the browser's textContent as it is.
  // (A count, not the first child: an element handed to this world costs more than a number.)
  const textOf = (element) => {
    if (element.childElementCount === 0 || element.querySelector(UNSEEN) === null) return element.textContent;
    let text = "";
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && UNSEEN_NAMES.has(node.localName)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) text += node.data;
    }
    return text;
  };

  // At most `max` UTF-16 units, never ending in half a surrogate pair: [text, wasCut].
  const cut = (text, max) => {
    if (text.length <= max) return [text, false];
    const last = text.charCodeAt(max - 1);
    return [text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max), true];
  };

  // How deep microdata items may nest (native.rs MICRODATA_DEPTH).
  const MICRODATA_DEPTH = 8;

  // The attribute holding a microdata property's value, by element name (HTML's rules).
  const PROPERTY_ATTRIBUTE = {
    meta: "content", audio: "src", embed: "src", iframe: "src", img: "src", source: "src",
    track: "src", video: "src", a: "href", area: "href", link: "href", object: "data",
    data: "value", meter: "value",
  };

  // A read's selectors are the parts of a selector list (capture::alternatives): each is asked
  // alone, which Chromium answers far faster than the list. `first` and `every` throw on an
  // invalid selector, as the list would.
  const before = (a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  // An empty fragment, to check a selector without walking the page (it throws when invalid);
  // a selector found valid stays valid, and is checked once.
  const nowhere = document.createDocumentFragment();
  const valid = new Set();
  const check = (selector) => {
    if (valid.has(selector)) return;
    nowhere.querySelector(selector);
    valid.add(selector);
  };
  // The elements `selector` matches, as an array (a NodeList read by index: iterating it costs
  // several times more).
  const all = (selector) => {
    const list = document.querySelectorAll(selector);
    const found = new Array(list.length);
    for (let i = 0; i < list.length; i += 1) found[i] = list[i];
    return found;
  };
  // The first element, not inside one matching `outside` (when named), matching the first of
  // `selectors` that matches any, or null: the page is walked once per selector tried, and the
  // ones left are only checked.
  const first = (selectors, outside) => {
    const parts = Array.isArray(selectors) ? selectors : [];
    let found = null;
    for (const selector of parts) {
      if (found !== null) {
        check(selector);
      } else if (outside === null) {
        found = document.querySelector(selector);
      } else {
        found = all(selector).find((element) => element.closest(outside) === null) ?? null;
      }
    }
    return found;
  };
  // Every element matching any of `selectors`, once each, in document order.
  const every = (selectors) => {
    const lists = (Array.isArray(selectors) ? selectors : []).map(all);
    if (lists.length === 1) return lists[0];
    return Array.from(new Set(lists.flat())).sort((a, b) => (before(a, b) ? -1 : 1));
  };

  const read = (plan) => {
    const snapshot = {
      url: document.URL, title: document.title, jsonld: [], microdata: [], meta: {}, texts: {},
      lists: {}, truncated: false,
    };
    const maxChars = Number(plan?.max_chars) || 0;
    const maxItems = Number(plan?.max_items) || 0;

    // An element's attribute `attr` (when it has it) or its text, collapsed and cut; "" if none.
    const value = (element, attr) => {
      const raw = attr ? element.getAttribute(attr) : textOf(element);
      if (raw === null) return "";
      const [text, wasCut] = cut(collapse(raw), maxChars);
      if (text && wasCut) snapshot.truncated = true;
      return text;
    };

    const microItem = (root, depth) => {
      const item = {
        type: (root.getAttribute("itemtype") ?? "").split(/[\t\n\f\r ]+/).filter(Boolean),
        properties: Object.create(null),
      };
      let count = 0;
      // Children pushed last first, so that they pop in document order (walking siblings costs
      // far less than listing `children`).
      const stack = [];
      const pushChildren = (element) => {
        for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
      };
      pushChildren(root);
      while (stack.length) {
        const element = stack.pop();
        const scope = element.hasAttribute("itemscope");
        const names = element.getAttribute("itemprop");
        if (names !== null) {
          let propertyValue;
          if (!scope) {
            const name = element.localName;
            const attr = PROPERTY_ATTRIBUTE[name] ?? (name === "time" && element.hasAttribute("datetime") ? "datetime" : null);
            const [text, wasCut] = cut(collapse(attr ? element.getAttribute(attr) ?? "" : textOf(element)), maxChars);
            if (wasCut) snapshot.truncated = true;
            propertyValue = text;
          } else if (depth + 1 < MICRODATA_DEPTH) {
            propertyValue = microItem(element, depth + 1);
          } else {
            snapshot.truncated = true;
          }
          if (propertyValue !== undefined) {
            for (const name of names.split(/[\t\n\f\r ]+/).filter(Boolean)) {
              if (count >= maxItems) { snapshot.truncated = true; break; }
              count += 1;
              (item.properties[name] ??= []).push(propertyValue);
            }
          }
        }
        if (!scope) pushChildren(element);
      }
      return item;
    };
    const canonical = document.querySelector('link[rel~="canonical" i]');
    const href = (canonical?.getAttribute("href") ?? "").trim();
    if (href) snapshot.canonical = href;
    if (plan?.jsonld) {
      // Only scripts whose type names JSON-LD at all are looked at one by one.
      for (const script of all('script[type*="ld+json" i]')) {
        if (script.getAttribute("type").trim().toLowerCase() !== "application/ld+json") continue;
        const text = script.textContent ?? "";
        if (text.length > maxChars) { snapshot.truncated = true; continue; }
        if (snapshot.jsonld.length >= maxItems) { snapshot.truncated = true; break; }
        snapshot.jsonld.push(text);
      }
    }
    // A page without any `itemtype` has no item capture could use (and finding that out costs
    // less than listing its items).
    if (plan?.microdata && document.querySelector("[itemtype]") !== null) {
      for (const element of all("[itemscope]:not([itemprop])")) {
        if (snapshot.microdata.length >= maxItems) { snapshot.truncated = true; break; }
        snapshot.microdata.push(microItem(element, 0));
      }
    }
    const names = Array.isArray(plan?.meta) ? plan.meta : [];
    if (names.length) {
      // The first <meta> whose name or property is each wanted name (ignoring case), in one
      // pass: the plan's spellings by the lowered name, until each is found.
      const wanted = new Map();
      for (const name of names) {
        const key = String(name).toLowerCase();
        wanted.set(key, [...(wanted.get(key) ?? []), name]);
      }
      // A <meta>'s content, for the plan's spellings of its name or property when still wanted.
      const take = (nameOrProperty, meta) => {
        const key = nameOrProperty.toLowerCase();
        const spellings = wanted.get(key);
        if (spellings === undefined) return;
        const content = meta.getAttribute("content");
        for (const name of spellings) snapshot.meta[name] = content;
        wanted.delete(key);
      };
      // Each call into the page costs about as much as walking a small one: the list's length
      // and each element are read once.
      const metas = document.querySelectorAll("meta[content]");
      const count = metas.length;
      for (let i = 0; i < count && wanted.size; i += 1) {
        const meta = metas[i];
        const name = meta.getAttribute("name");
        if (name !== null) take(name, meta);
        const property = meta.getAttribute("property");
        if (property !== null) take(property, meta);
      }
    }
    for (const want of Array.isArray(plan?.texts) ? plan.texts : []) {
      let matches;
      try {
        const outside = want.outside == null ? null : String(want.outside);
        if (outside !== null) check(outside);
        if (!want.all) {
          matches = [first(want.selectors, outside)];
        } else if (outside !== null) {
          matches = every(want.selectors).filter((element) => element.closest(outside) === null);
        } else {
          matches = every(want.selectors);
        }
      } catch {
        continue;
      }
      const texts = [];
      for (const element of matches) {
        if (!element) continue;
        const text = value(element, want.attr);
        if (!text) continue;
        if (texts.length >= maxItems) { snapshot.truncated = true; break; }
        texts.push(text);
      }
      if (texts.length) snapshot.texts[want.key] = texts;
    }
    for (const want of Array.isArray(plan?.lists) ? plan.lists : []) {
      let matches;
      try {
        if (want.first === true) {
          const found = first(want.selectors, null);
          matches = found === null ? [] : [found];
        } else {
          matches = every(want.selectors);
        }
      } catch {
        continue;
      }
      const fields = Array.isArray(want.fields) ? want.fields : [];
      // A field whose selector is invalid reads nothing: found on its first use, then skipped.
      const invalid = new Set();
      const records = [];
      for (const element of matches) {
        const record = {};
        for (const field of fields) {
          if (invalid.has(field)) continue;
          let inner;
          try {
            inner = element.querySelector(field.selector);
          } catch {
            invalid.add(field);
            continue;
          }
          const text = inner ? value(inner, field.attr) : "";
          if (text) record[field.key] = text;
        }
        if (!Object.keys(record).length) continue;
        if (records.length >= maxItems) { snapshot.truncated = true; break; }
        records.push(record);
      }
      if (records.length) snapshot.lists[want.key] = records;
    }
    return snapshot;
  };
  reader.read = read;

  // A message to the worker; a closed channel ("Extension context invalidated") is not an error.
  const send = (message) => {
    try {
      return Promise.resolve(api.runtime.sendMessage(message)).catch(() => undefined);
    } catch {
      return Promise.resolve(undefined);
    }
  };

  // The in-page "Track this application" button, drawn when the worker's answer to a snapshot
  // says so (`page.in_page`: "track" or "tracked"). It lives in a closed shadow root so the
  // page's CSS cannot reach it and ours cannot reach the page; its words come from _locales.
  const words = (name, fallback) => {
    try {
      return api.i18n.getMessage(name) || fallback;
    } catch {
      return fallback;
    }
  };
  const STYLE = `
    :host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; }
    .bar { display: flex; align-items: center; gap: 2px; padding: 4px; border-radius: 999px;
      background: #1f6f5c; box-shadow: 0 4px 16px rgba(0,0,0,.25);
      font: 600 14px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    button { all: unset; box-sizing: border-box; cursor: pointer; color: #fff; border-radius: 999px; }
    .track { padding: 8px 14px; }
    .track[aria-disabled="true"] { cursor: default; }
    .hide { width: 28px; height: 28px; text-align: center; font-size: 16px; line-height: 28px; opacity: .8; }
    button:hover { background: rgba(255,255,255,.14); }
    button:focus-visible { outline: 3px solid #f2c94c; outline-offset: 1px; }
    .error { background: #9a3412; }`;
  let host = null;
  let shown = null;
  let hidden = false;
  const drawButton = (page) => {
    const state = hidden ? null : page?.in_page ?? null;
    if (!state) {
      host?.remove();
      host = null;
      shown = null;
      return;
    }
    if (!host) {
      host = document.createElement("div");
      const root = host.attachShadow({ mode: "closed" });
      const style = document.createElement("style");
      style.textContent = STYLE;
      const bar = document.createElement("div");
      bar.className = "bar";
      const track = document.createElement("button");
      track.className = "track";
      const hide = document.createElement("button");
      hide.className = "hide";
      hide.textContent = "×";
      hide.title = words("inPageHide", "Hide on this page");
      hide.setAttribute("aria-label", hide.title);
      hide.addEventListener("click", (event) => {
        if (!event.isTrusted) return;
        hidden = true;
        drawButton(null);
      });
      track.addEventListener("click", async (event) => {
        if (!event.isTrusted || shown !== "track") return;
        setLabel("tracking");
        const reply = await send({ type: "trackThisTab" });
        if (reply?.type === "updated" && reply.opportunity) {
          shown = "tracked";
          setLabel("tracked");
        } else {
          setLabel("failed", reply?.message);
        }
      });
      bar.append(track, hide);
      root.append(style, bar);
      host.button = { bar, track };
      document.documentElement.append(host);
    }
    shown = state;
    setLabel(state);
  };
  const setLabel = (state, why) => {
    const { bar, track } = host?.button ?? {};
    if (!track) return;
    const label = {
      track: words("trackThisApplication", "Track this application"),
      tracking: words("inPageTracking", "Tracking…"),
      tracked: words("inPageTracked", "Tracked ✓"),
      failed: words("inPageFailed", "Could not track: try again"),
    }[state];
    track.textContent = label;
    track.title = why ? String(why) : label;
    track.setAttribute("aria-disabled", String(state === "tracked" || state === "tracking"));
    bar.classList.toggle("error", state === "failed");
  };

  try {
    api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (message?.type !== "readPage") return;
      try {
        sendResponse(read(message.plan));
      } catch {
        // A failing read must not reach the page: the worker simply gets no snapshot.
      }
    });
    // Single-page sites (LinkedIn, Indeed) change the posting without a page load: once the page
    // settles (no change for 750 ms, or 3 s of constant change) it is read again, with a new plan
    // when the address changed, and the snapshot is sent only when it differs from the last one.
    let planned = { url: null, plan: null };
    let lastSent = "";
    const capture = async () => {
      if (planned.url !== location.href) {
        const url = location.href;
        const reply = await send({ type: "planFor", url });
        planned = { url, plan: reply?.type === "plan" ? reply.plan : null };
      }
      if (!planned.plan) {
        drawButton(null);
        return;
      }
      const snapshot = read(planned.plan);
      const text = JSON.stringify(snapshot);
      if (text === lastSent) return;
      lastSent = text;
      const reply = await send({ type: "snapshot", snapshot });
      if (reply?.type === "page") drawButton(reply.page);
    };
    let quiet = 0;
    let since = 0;
    const settle = () => {
      clearTimeout(quiet);
      since ||= Date.now();
      const wait = Math.max(0, Math.min(750, since + 3000 - Date.now()));
      quiet = setTimeout(() => { since = 0; capture().catch(() => undefined); }, wait);
    };
    capture().catch(() => undefined);
    // Back on the tab: what was tracked meanwhile (in the popup, another tab) shows on the button.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState !== "visible") return;
      lastSent = "";
      capture().catch(() => undefined);
    });
    new MutationObserver(settle).observe(document.documentElement, { childList: true, subtree: true });
  } catch {
    // No extension API here (the script was injected outside the extension): nothing to do.
  }
}
