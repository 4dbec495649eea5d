// Loads the Rust core and lets it draw the dashboard.
import init, { dashboard_main } from './pkg/pages.js';

init().then(dashboard_main).catch((error) => {
  document.getElementById('app').textContent = `Follow Through could not start: ${error}`;
});
