// Follow Through's generic page reader. It loads no Wasm (a page's CSP may forbid it) and
// decides nothing: it evaluates the read plan the worker (Rust) hands it and posts back a
// snapshot. src/capture/native.rs evaluates plans the same way over saved pages; keep the two
// in step. Nothing here may throw into the page.
"use strict";

if (!globalThis.__followThroughReader) {
  globalThis.__followThroughReader = true;
  const api = globalThis.browser ?? globalThis.chrome;

  // ASCII white space collapsed to single spaces and trimmed.
  const collapse = (text) => String(text ?? "").replace(/[\t\n\f\r ]+/g, " ").replace(/^ | $/g, "");

  // At most `max` UTF-16 units, never ending in half a surrogate pair: [text, wasCut].
  const cut = (text, max) => {
    if (text.length <= max) return [text, false];
    const last = text.charCodeAt(max - 1);
    return [text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max), true];
  };

  const read = (plan) => {
    const snapshot = {
      url: location.href, title: document.title, jsonld: [], meta: {}, texts: {}, truncated: false,
    };
    const maxChars = Number(plan?.max_chars) || 0;
    const maxItems = Number(plan?.max_items) || 0;
    const canonical = Array.from(document.querySelectorAll("link[rel]")).find((link) =>
      link.getAttribute("rel").split(/[\t\n\f\r ]+/).some((token) => token.toLowerCase() === "canonical"));
    const href = (canonical?.getAttribute("href") ?? "").trim();
    if (href) snapshot.canonical = href;
    if (plan?.jsonld) {
      for (const script of document.querySelectorAll("script[type]")) {
        if (script.getAttribute("type").trim().toLowerCase() !== "application/ld+json") continue;
        const text = script.textContent ?? "";
        if (text.length > maxChars) { snapshot.truncated = true; continue; }
        if (snapshot.jsonld.length >= maxItems) { snapshot.truncated = true; break; }
        snapshot.jsonld.push(text);
      }
    }
    const metas = Array.from(document.querySelectorAll("meta[content]"));
    for (const name of Array.isArray(plan?.meta) ? plan.meta : []) {
      const wanted = String(name).toLowerCase();
      const meta = metas.find((m) =>
        ["name", "property"].some((attribute) => m.getAttribute(attribute)?.toLowerCase() === wanted));
      if (meta) snapshot.meta[name] = meta.getAttribute("content");
    }
    for (const want of Array.isArray(plan?.texts) ? plan.texts : []) {
      let matches;
      try {
        matches = want.all
          ? Array.from(document.querySelectorAll(want.selector))
          : [document.querySelector(want.selector)];
      } catch {
        continue;
      }
      const texts = [];
      for (const element of matches) {
        if (!element) continue;
        const [text, wasCut] = cut(collapse(element.textContent), maxChars);
        if (!text) continue;
        if (texts.length >= maxItems) { snapshot.truncated = true; break; }
        if (wasCut) snapshot.truncated = true;
        texts.push(text);
      }
      if (texts.length) snapshot.texts[want.key] = texts;
    }
    return snapshot;
  };

  // A message to the worker; a closed channel ("Extension context invalidated") is not an error.
  const send = (message) => {
    try {
      return Promise.resolve(api.runtime.sendMessage(message)).catch(() => undefined);
    } catch {
      return Promise.resolve(undefined);
    }
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
    send({ type: "planFor", url: location.href })
      .then((reply) => {
        if (reply?.type === "plan" && reply.plan) return send({ type: "snapshot", snapshot: read(reply.plan) });
      })
      .catch(() => undefined);
  } catch {
    // No extension API here (the script was injected outside the extension): nothing to do.
  }
}
