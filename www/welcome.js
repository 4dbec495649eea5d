// Loads the Rust core, which fills the welcome page in the browser's language and saves the
// name that signs the ready messages.
import init, { welcome_main } from './pkg/pages.js';

init().then(welcome_main).catch((error) => {
  const status = document.getElementById('name-status');
  if (status) status.textContent = `Follow Through could not start: ${error}`;
});
