// Loads the Rust core and lets it draw the popup.
import init, { popup_main } from './pkg/follow_through.js';

init().then(popup_main).catch((error) => {
  document.getElementById('app').textContent = `Follow Through could not start: ${error}`;
});
