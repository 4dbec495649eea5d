// Loads the Rust core into the service worker and hands it every event. Listeners are
// registered synchronously and wait for `ready` (top-level await would silently fail).
import init, {
  boot, on_alarm, on_command, on_installed, on_message, on_notification, on_permissions,
  on_sync_changed,
} from './pkg/worker.js';

const api = globalThis.browser ?? globalThis.chrome;
// Asked for while the Wasm compiles, in this order: the records the badge is set from (the
// store's `meta`, `settings` and the due index's records), then every stored key (undefined
// where the browser lacks getKeys). boot reads a failure; neither is unhandled meanwhile.
const small = api.storage.local.get(['meta', 'settings', 'due/0', 'due/1', 'due/2', 'due/3',
  'due/4', 'due/5', 'due/6', 'due/7', 'due/8', 'due/9', 'due/a', 'due/b', 'due/c', 'due/d',
  'due/e', 'due/f']);
const keys = api.storage.local.getKeys?.() ?? Promise.resolve();
small.catch(() => {});
keys.catch(() => {});
const ready = init().then(() => boot(small, keys));

api.runtime.onMessage.addListener((message, sender, reply) => {
  ready
    .then(() => on_message(message, sender))
    .then(reply, (error) => reply({ type: 'error', message: String(error) }));
  return true;
});
api.alarms.onAlarm.addListener(() => ready.then(on_alarm));
api.commands.onCommand.addListener((command, tab) => ready.then(() => on_command(command, tab?.id)));
api.contextMenus.onClicked.addListener((info, tab) => ready.then(() => on_command(info.menuItemId, tab?.id)));
api.notifications.onClicked.addListener((id) => ready.then(() => on_notification(id)));
api.notifications.onButtonClicked?.addListener((id, button) => ready.then(() => on_notification(id, button)));
api.runtime.onStartup.addListener(() => ready);
api.permissions.onAdded.addListener(() => ready.then(on_permissions));
api.permissions.onRemoved.addListener(() => ready.then(on_permissions));
api.storage.onChanged.addListener((_, area) => area === 'sync' && ready.then(on_sync_changed));
api.runtime.onInstalled.addListener(({ reason }) => ready.then(() => on_installed(reason)));
