//! The service worker's Wasm: the core built with the worker's entry points only (`boot`,
//! `on_message`, …), so that it carries none of the pages' drawing and the pages' Wasm none of
//! the session, capture and storage the worker runs.

use follow_through as _;
