//! The worker's way with storage, over any storage: what a wake reads, what each request reads
//! before it is answered, writing what changed (retried), and reading the store again after a
//! write that failed. The browser layer implements `Storage` over `chrome.storage.local` in a
//! few lines; the tests run the same code over records kept in memory. With sync on, each
//! change also goes to the browser's sync area, and what arrives there comes into the store
//! (`sync::local` decides; the sync area is one more `Storage`).

use crate::checklist::unread_naming;
use crate::messages::{handle_from, Reply, Request, Sender, Step, SyncAsk};
use crate::model::{FollowUp, Id};
use crate::phrase::Key;
use crate::store::{read_on_wake, Changes, State, BADGE_KEYS};
use crate::sync::local::{Local, Pending, Round, View, DOC_KEY, PENDING_KEY, SYNC_KEY};
use crate::sync::{self, is_synced, Doc};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::collections::BTreeMap;

/// A write that fails is tried again after these pauses (ms) before the failure is reported.
pub const RETRY_MS: [u32; 2] = [50, 250];

/// Where the records live, by key. Every call may fail, but for `keys`, which answers `None`
/// where the storage cannot list its keys.
// One thread: the worker's futures never move to another, so they need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Storage {
    /// The records of `keys` that are stored.
    async fn get(&self, keys: &[String]) -> Result<BTreeMap<String, Value>, String>;
    /// Every stored record.
    async fn get_all(&self) -> Result<BTreeMap<String, Value>, String>;
    /// Every stored key.
    async fn keys(&self) -> Option<Vec<String>>;
    /// Writes `records`, all or nothing.
    async fn set(&self, records: &BTreeMap<String, Value>) -> Result<(), String>;
    async fn remove(&self, keys: &[String]) -> Result<(), String>;
    /// Waits `ms` milliseconds.
    async fn pause(&self, ms: u32);
    /// Tells whoever looks (the worker's console) what could not be read or written.
    fn warn(&self, message: &str);
}

/// What the worker must do with a request once the session has answered what it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The reply, and the records written (the badge and the alarm follow, and sync: `send`).
    Reply { reply: Reply, changes: Changes },
    /// Read the page in this tab (`Step::ReadTab`).
    ReadTab { tab_id: i32 },
    /// Read the page in this tab and track the posting there (`Step::TrackTab`).
    TrackTab { tab_id: i32 },
    /// Do this with sync (`Session::sync`), which needs the browser's sync area.
    Sync(SyncAsk),
}

/// The state as read on this wake (storage stays the source of truth), and whether it holds
/// every record, descriptions included. Borrowed only between awaits: a request waiting for
/// storage never holds it.
#[derive(Debug, Default)]
pub struct Session {
    state: RefCell<State>,
    whole: Cell<bool>,
    /// What sync has pending here, as stored (`Some(None)`: sync is off here); `None` until read
    /// on this wake.
    pending: RefCell<Option<Option<Pending>>>,
}

impl Session {
    pub fn state(&self) -> Ref<'_, State> {
        self.state.borrow()
    }

    pub fn state_mut(&self) -> RefMut<'_, State> {
        self.state.borrow_mut()
    }

    /// Reads the state a waking worker needs: with `keys` (every stored key) and the `meta` and
    /// `due` records among `small`, the small records (`read_on_wake`), each request reading
    /// the rest it needs; without keys, every record. Records a migration rewrote are written.
    pub async fn wake(
        &self,
        storage: &impl Storage,
        keys: Option<Vec<String>>,
        small: &BTreeMap<String, Value>,
    ) -> Result<(), String> {
        let loaded = match &keys {
            Some(keys) => State::woken(&storage.get(&read_on_wake(small, keys)).await?, keys),
            None => State::load(&storage.get_all().await?),
        };
        for error in &loaded.errors {
            storage.warn(error);
        }
        *self.state.borrow_mut() = loaded.state;
        self.whole.set(keys.is_none());
        if loaded.migrated.is_empty() {
            Ok(())
        } else {
            persist(storage, &loaded.migrated).await
        }
    }

    /// Reads the state again, as on wake: after a write that failed, what storage holds wins.
    pub async fn reload(&self, storage: &impl Storage) -> Result<(), String> {
        self.pending.replace(None);
        let small = storage.get(&BADGE_KEYS.map(String::from)).await?;
        self.wake(storage, storage.keys().await, &small).await
    }

    /// Reads the records of `keys` left unread on wake.
    pub async fn read(&self, storage: &impl Storage, keys: Vec<String>) -> Result<(), String> {
        if keys.is_empty() {
            return Ok(());
        }
        let records = storage.get(&keys).await?;
        for error in self.state.borrow_mut().read_unread(&keys, &records) {
            storage.warn(&error);
        }
        Ok(())
    }

    /// Reads the pending follow-ups left unread on wake: the badge, the alarm and the notices
    /// count them all.
    pub async fn read_pending(&self, storage: &impl Storage) -> Result<(), String> {
        let keys = self.state.borrow().unread_pending_keys();
        self.read(storage, keys).await
    }

    /// Reads what the words of `followups` name (their postings, events and people) of what a
    /// waking worker left unread: a notification says them.
    pub async fn read_naming(
        &self,
        storage: &impl Storage,
        followups: &[FollowUp],
    ) -> Result<(), String> {
        let ids: Vec<&Id> = followups.iter().map(|f| &f.id).collect();
        loop {
            let unread = unread_naming(&self.state.borrow(), &ids);
            if unread.is_empty() {
                return Ok(());
            }
            self.read(storage, unread).await?;
        }
    }

    /// Answers `request` from `sender`: reads first what it needs (every record for a backup
    /// or a restore), decides it, writes what changed. A write that fails for good is reported
    /// and the state read again from storage, so nothing half-applied stays.
    pub async fn answer(
        &self,
        storage: &impl Storage,
        request: Request,
        sender: &Sender,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Answer {
        if let Err(message) = self.read_for(storage, &request, sender, now, tz).await {
            return error(message);
        }
        let step = handle_from(&mut self.state.borrow_mut(), request, sender, now, tz);
        match step {
            Step::Reply(reply, changes) if changes.is_empty() => Answer::Reply { reply, changes },
            Step::Reply(reply, changes) => self.written(storage, reply, changes, now).await,
            Step::ReadTab { tab_id } => Answer::ReadTab { tab_id },
            Step::TrackTab { tab_id } => Answer::TrackTab { tab_id },
            Step::Sync(ask) => Answer::Sync(ask),
        }
    }

    /// Writes what a request changed (with sync on, noted as pending too); a write that fails
    /// for good is reported and the state read again from storage.
    async fn written(
        &self,
        storage: &impl Storage,
        reply: Reply,
        changes: Changes,
        now: DateTime<Utc>,
    ) -> Answer {
        let written = match self.noted(storage, changes, now).await {
            Ok(changes) => persist(storage, &changes).await.map(|()| changes),
            Err(e) => Err(e),
        };
        match written {
            Ok(changes) => Answer::Reply { reply, changes },
            Err(e) => {
                if let Err(e) = self.reload(storage).await {
                    storage.warn(&e);
                }
                Answer::Reply {
                    reply: Reply::Error {
                        message: Key("notSaved").with([e.into()]),
                    },
                    changes: Changes::default(),
                }
            }
        }
    }

    /// `changes`, and with sync on here, the records they wrote noted as pending in the same
    /// write (`sync::local::Pending`): `send` writes them into the document after.
    async fn noted(
        &self,
        storage: &impl Storage,
        mut changes: Changes,
        now: DateTime<Utc>,
    ) -> Result<Changes, String> {
        let synced = changes
            .set
            .keys()
            .chain(&changes.remove)
            .any(|key| is_synced(key));
        if synced && self.pending.borrow().is_none() {
            let stored = match sync_record(storage).await?.filter(|s| s.on) {
                Some(_) => Some(stored_pending(storage).await?),
                None => None,
            };
            self.pending.replace(Some(stored));
        }
        if let Some(Some(pending)) = self.pending.borrow_mut().as_mut() {
            if pending.note(&changes, now) {
                changes.put(PENDING_KEY.into(), &*pending);
            }
        }
        Ok(changes)
    }

    /// Reads what `request` needs before it is decided, if `sender` may ask it at all.
    async fn read_for(
        &self,
        storage: &impl Storage,
        request: &Request,
        sender: &Sender,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<(), String> {
        if !request.allowed_from(sender) {
            return Ok(());
        }
        if request.needs_everything() && !self.whole.get() {
            self.wake(storage, None, &BTreeMap::new()).await?;
        }
        loop {
            let unread = request.unread(&self.state.borrow(), now, tz);
            if unread.is_empty() {
                return Ok(());
            }
            self.read(storage, unread).await?;
        }
    }
}

impl Session {
    /// Whether changes made on this wake wait for sync's next round (`send`).
    pub fn sync_pending(&self) -> bool {
        matches!(&*self.pending.borrow(), Some(Some(pending)) if !pending.keys.is_empty())
    }

    /// With sync on here, the changes pending since the last round (`noted`): the synced
    /// document and this computer's items in the sync area (`area`) follow them.
    pub async fn send(
        &self,
        local: &impl Storage,
        area: &impl Storage,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let Some(mut sync) = sync_record(local).await?.filter(|s| s.on) else {
            return Ok(());
        };
        let pending = stored_pending(local).await?;
        if pending.keys.is_empty() {
            return Ok(());
        }
        self.read(local, pending.keys.iter().cloned().collect())
            .await?;
        let items = area.get_all().await?;
        let mut doc = doc_to_send(local, &items).await?;
        let round =
            sync::local::send_pending(&mut sync, &mut doc, &self.state(), &pending, &items, now);
        carry_out(local, area, &mut sync, round).await?;
        self.pending.replace(Some(Some(Pending::default())));
        Ok(())
    }

    /// With sync on here, what the other computers wrote in the sync area comes into the store
    /// (read whole first), after what is pending here went into the document (so that a change
    /// made here is ordered with theirs); whether anything changed here.
    pub async fn receive(
        &self,
        local: &impl Storage,
        area: &impl Storage,
        now: DateTime<Utc>,
    ) -> Result<bool, String> {
        self.send(local, area, now).await?;
        let Some(mut sync) = sync_record(local).await?.filter(|s| s.on) else {
            return Ok(false);
        };
        let items = area.get_all().await?;
        let mut doc = stored_doc(local).await?.unwrap_or_default();
        if !sync::local::news(&doc, &items) {
            return Ok(false);
        }
        if !self.whole.get() {
            self.wake(local, None, &BTreeMap::new()).await?;
        }
        let round = sync::local::receive(&mut sync, &mut doc, &mut self.state_mut(), &items);
        let changed = !round.local.is_empty();
        carry_out(local, area, &mut sync, round).await?;
        Ok(changed)
    }

    /// Turns sync on here (`random`: bytes to name this computer the first time): what the
    /// other computers wrote comes into the store, and everything here goes to them.
    pub async fn turn_sync_on(
        &self,
        local: &impl Storage,
        area: &impl Storage,
        now: DateTime<Utc>,
        random: [u8; 8],
    ) -> Result<(), String> {
        let before = sync_record(local).await?;
        let items = area.get_all().await?;
        let mut doc = stored_doc(local).await?.unwrap_or_default();
        if !self.whole.get() {
            self.wake(local, None, &BTreeMap::new()).await?;
        }
        let (mut sync, round) =
            sync::local::turn_on(before, &mut doc, &mut self.state_mut(), &items, now, random);
        carry_out(local, area, &mut sync, round).await?;
        self.pending.replace(Some(Some(Pending::default())));
        Ok(())
    }

    /// Does what was asked of sync (`random`: bytes to name this computer the first time it is
    /// turned on) and says how it stands after; a failure is said as the reply.
    pub async fn sync(
        &self,
        local: &impl Storage,
        area: &impl Storage,
        ask: SyncAsk,
        now: DateTime<Utc>,
        random: [u8; 8],
    ) -> Reply {
        let done = match ask {
            SyncAsk::Status => Ok(()),
            SyncAsk::On => self.turn_sync_on(local, area, now, random).await,
            SyncAsk::Off { erase } => self.turn_sync_off(local, area, erase).await,
        };
        let view = match done {
            Ok(()) => sync_view(local, area).await,
            Err(e) => Err(e),
        };
        match view {
            Ok(sync) => Reply::Sync { sync },
            Err(e) => Reply::Error {
                message: Key("syncFailed").with([e.into()]),
            },
        }
    }

    /// With sync on here and the last write to the sync area failed: this computer's items
    /// written again (the browser's limit on writes has passed, or the user made room).
    pub async fn resend(&self, local: &impl Storage, area: &impl Storage) -> Result<(), String> {
        let Some(mut sync) = sync_record(local)
            .await?
            .filter(|s| s.on && s.problem.is_some())
        else {
            return Ok(());
        };
        let items = area.get_all().await?;
        let doc = doc_to_send(local, &items).await?;
        let round = sync::local::resend(&mut sync, &doc, &items);
        carry_out(local, area, &mut sync, round).await
    }

    /// Turns sync off here; with `erase`, every computer's items leave the sync area too.
    pub async fn turn_sync_off(
        &self,
        local: &impl Storage,
        area: &impl Storage,
        erase: bool,
    ) -> Result<(), String> {
        if let Some(mut sync) = sync_record(local).await? {
            persist(local, &sync::local::turn_off(&mut sync)).await?;
        }
        self.pending.replace(Some(None));
        if erase {
            let items = area.get_all().await?;
            area.remove(&sync::local::erase(&items)).await?;
        }
        Ok(())
    }
}

/// This computer's record of sync, as stored (one that cannot be read is none: sync starts
/// again from what the store holds).
async fn sync_record(local: &impl Storage) -> Result<Option<Local>, String> {
    let records = local.get(&[SYNC_KEY.to_string()]).await?;
    Ok(records
        .get(SYNC_KEY)
        .and_then(|v| Local::deserialize(v).ok()))
}

/// Sync as it stands here and in the sync area.
async fn sync_view(local: &impl Storage, area: &impl Storage) -> Result<View, String> {
    let sync = sync_record(local).await?;
    Ok(sync::local::view(sync.as_ref(), &area.get_all().await?))
}

/// What is pending here, as stored (nothing, where it cannot be read).
async fn stored_pending(local: &impl Storage) -> Result<Pending, String> {
    let records = local.get(&[PENDING_KEY.to_string()]).await?;
    Ok(records
        .get(PENDING_KEY)
        .and_then(|v| Pending::deserialize(v).ok())
        .unwrap_or_default())
}

/// This computer's copy of the document, as stored; read only with sync on (it may be large).
async fn stored_doc(local: &impl Storage) -> Result<Option<Doc>, String> {
    let records = local.get(&[DOC_KEY.to_string()]).await?;
    Ok(sync::local::stored_doc(records.get(DOC_KEY)))
}

/// The document to send from: as stored, or where it cannot be read, what the sync area holds
/// of it (`items`), so that a round never writes fewer of this computer's records than were
/// there.
async fn doc_to_send(local: &impl Storage, items: &BTreeMap<String, Value>) -> Result<Doc, String> {
    Ok(stored_doc(local)
        .await?
        .unwrap_or_else(|| sync::pack::unpack(items).0))
}

/// Does what a sync round says: this computer's records first (the user's data is never at
/// stake), then the sync area's items. A write to the sync area that fails (its quota, the
/// browser's limit on writes) is kept as sync's problem for the settings to show, and tried
/// again with the next round.
async fn carry_out(
    local: &impl Storage,
    area: &impl Storage,
    sync: &mut Local,
    round: Round,
) -> Result<(), String> {
    for error in &round.errors {
        local.warn(error);
    }
    persist(local, &round.local).await?;
    let mut written = Ok(());
    if !round.area_set.is_empty() {
        written = area.set(&round.area_set).await;
    }
    if written.is_ok() && !round.area_remove.is_empty() {
        written = area.remove(&round.area_remove).await;
    }
    let problem = written.err();
    if problem != sync.problem {
        sync.problem = problem;
        let mut changes = Changes::default();
        changes.put(SYNC_KEY.into(), &*sync);
        persist(local, &changes).await?;
    }
    Ok(())
}

/// Writes `changes` in one `set` (all or nothing), then drops the records they removed (evicted
/// "recently viewed" entries: an interrupted removal leaves one that the next eviction drops).
/// A failed write is tried again after each of `RETRY_MS` before the failure is returned.
pub async fn persist(storage: &impl Storage, changes: &Changes) -> Result<(), String> {
    if !changes.set.is_empty() {
        retried(storage, || storage.set(&changes.set)).await?;
    }
    if !changes.remove.is_empty() {
        retried(storage, || storage.remove(&changes.remove)).await?;
    }
    Ok(())
}

async fn retried<F>(storage: &impl Storage, mut write: impl FnMut() -> F) -> Result<(), String>
where
    F: std::future::Future<Output = Result<(), String>>,
{
    let mut pauses = RETRY_MS.iter();
    loop {
        match write().await {
            Ok(()) => return Ok(()),
            Err(e) => match pauses.next() {
                Some(ms) => {
                    storage.warn(&format!("write failed, retrying: {e}"));
                    storage.pause(*ms).await;
                }
                None => return Err(e),
            },
        }
    }
}

fn error(message: String) -> Answer {
    Answer::Reply {
        reply: Reply::Error {
            message: message.into(),
        },
        changes: Changes::default(),
    }
}
