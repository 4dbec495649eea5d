//! The extension pages' Wasm (popup, dashboard, settings, welcome): the core built with the
//! pages' entry points only, so that a page loads what it draws and not the session, capture
//! and storage the worker runs.

use follow_through as _;
