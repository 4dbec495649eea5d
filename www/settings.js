// Loads the Rust core and lets it draw the settings page.
import init, { settings_main } from './pkg/pages.js';

init().then(settings_main).catch((error) => {
  document.getElementById('app').textContent = `Follow Through could not start: ${error}`;
});
