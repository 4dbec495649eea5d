// Loads the Rust core and lets it draw the popup. The checklist is asked for first, while the
// Wasm compiles: a sleeping worker wakes in the meantime.
import init, { popup_main } from './pkg/pages.js';

const api = globalThis.browser ?? globalThis.chrome;
const checklist = api.runtime.sendMessage({ type: 'checklist' });
checklist.catch(() => {}); // popup_main reads a failure; it is not unhandled meanwhile.
init().then(() => popup_main(checklist)).catch((error) => {
  document.getElementById('app').textContent = `Follow Through could not start: ${error}`;
});
