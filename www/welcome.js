// Fills the welcome page (which runs no Wasm) in the browser's language, like `localize` in
// src/web/i18n.rs does for the other pages; where there is no message, the English stays.
const api = globalThis.browser ?? globalThis.chrome;
const message = (key) => {
  try {
    return api.i18n.getMessage(key);
  } catch {
    return '';
  }
};
for (const [mark, attribute] of [['data-i18n'], ['data-i18n-title', 'title'], ['data-i18n-aria-label', 'aria-label']]) {
  for (const element of document.querySelectorAll(`[${mark}]`)) {
    const text = message(element.getAttribute(mark));
    if (!text) continue;
    if (attribute) element.setAttribute(attribute, text);
    else element.textContent = text;
  }
}
const lang = message('langCode');
if (lang) document.documentElement.lang = lang;
