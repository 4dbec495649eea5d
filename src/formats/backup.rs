//! Backups: everything the user has as one JSON document they can keep, and the plan for
//! importing one back (merge or replace), checked in full before anything is written.
//!
//! The document is `{"format", "version", "exported_at", "records"}`: `records` are the store's
//! records by key, each contact in a record of its own (`contact/<id>`, where storage packs
//! them many to a record), and `version` is their schema version. Keys are sorted at every
//! level, so the same data always gives the same bytes. Contacts stored by a newer version that
//! this one cannot read stay in storage and are not in a backup.

use crate::phrase::{Key, Phrase};
use crate::store::{Changes, State, SCHEMA_VERSION};
use crate::text::is_web_url;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The `format` of a Follow Through backup.
pub const FORMAT: &str = "follow-through-backup";

/// The dashboard reminds the user to back up when the last backup is older than this.
pub const BACKUP_EVERY_DAYS: i64 = 30;

use crate::store::{
    opportunity_records, ALIAS, CONTACT, DESCRIPTION, EVENT, FOLLOWUP, META_KEY as META,
    OPPORTUNITY, SEEN, SEEN_PERSON, SETTINGS_KEY as SETTINGS, TRASH_KEY,
};

/// The record kinds kept one per key, by key prefix.
const KINDS: [(&str, Kind); 8] = [
    (OPPORTUNITY, Kind::Opportunities),
    (DESCRIPTION, Kind::Descriptions),
    (CONTACT, Kind::Contacts),
    (EVENT, Kind::Events),
    (FOLLOWUP, Kind::FollowUps),
    (SEEN, Kind::Seen),
    (SEEN_PERSON, Kind::Seen),
    (ALIAS, Kind::Aliases),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Settings,
    Opportunities,
    Descriptions,
    Contacts,
    Events,
    FollowUps,
    Seen,
    Aliases,
}

impl Kind {
    /// The field of a record that repeats the id in its key, if any.
    fn key_field(self) -> Option<&'static str> {
        match self {
            Kind::Settings | Kind::Aliases | Kind::Descriptions => None,
            Kind::Seen => Some("key"),
            Kind::Opportunities | Kind::Contacts | Kind::Events | Kind::FollowUps => Some("id"),
        }
    }
}

/// How a backup is brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Keep what is here; add the backup's records, its copy winning where both have one.
    Merge,
    /// Make the data exactly the backup's: records it does not have are removed.
    Replace,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Merge, Mode::Replace];

    /// The choice as the restore form says it.
    pub fn phrase(self) -> Phrase {
        match self {
            Mode::Merge => Key("dashMerge"),
            Mode::Replace => Key("dashReplace"),
        }
        .phrase()
    }
}

/// What an import would do to one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// What an import would change, kind by kind, for the user to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub mode: Mode,
    pub exported_at: DateTime<Utc>,
    /// The backup's schema version; older ones are migrated.
    pub version: u32,
    pub settings: Tally,
    pub opportunities: Tally,
    pub contacts: Tally,
    pub events: Tally,
    pub followups: Tally,
    /// Postings and people viewed recently.
    pub seen: Tally,
    /// Postings on other boards known to be one already tracked.
    pub aliases: Tally,
}

/// A checked import, ready to apply: `changes` are the records to write and, when replacing,
/// the keys to delete.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub report: ImportReport,
    pub changes: Changes,
    /// The state once the plan is applied.
    pub state: State,
}

/// Why a backup was refused. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    NotJson(String),
    NotABackup,
    Newer { version: u64 },
    Invalid(Vec<String>),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::NotJson(why) => write!(f, "This file is not JSON ({why})."),
            BackupError::NotABackup => write!(f, "This file is not a Follow Through backup."),
            BackupError::Newer { version } => write!(
                f,
                "This backup was made by a newer Follow Through (version {version}); this one \
                 reads versions up to {SCHEMA_VERSION}. Update the extension, then import it \
                 again. Nothing was changed."
            ),
            BackupError::Invalid(problems) => write!(
                f,
                "This backup is damaged; nothing was changed: {}",
                problems.join("; ")
            ),
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = [
            ("Applications", self.opportunities),
            ("Contacts", self.contacts),
            ("Events", self.events),
            ("Follow-ups", self.followups),
            ("Recently viewed", self.seen),
            ("Same postings", self.aliases),
            ("Settings", self.settings),
        ];
        for (name, t) in rows {
            writeln!(
                f,
                "{name}: {} added, {} updated, {} removed, {} unchanged",
                t.added, t.updated, t.removed, t.unchanged
            )?;
        }
        Ok(())
    }
}

/// The records of a state by key, one per record, as a backup keeps them.
pub fn records(state: &State) -> BTreeMap<String, Value> {
    layout(state, Contacts::OnePerRecord)
}

/// How contacts are laid out in records.
#[derive(Clone, Copy)]
enum Contacts {
    /// `contact/<id>` each, as backups (and schemas before 4) keep them.
    OnePerRecord,
    /// Many to a record, as storage keeps them (`contacts/<xx>`).
    Packed,
}

/// The records of a state by key, contacts laid out as `contacts_as` says.
/// Every field is named here, so a field added to the state does not compile until it is
/// backed up too.
fn layout(state: &State, contacts_as: Contacts) -> BTreeMap<String, Value> {
    let State {
        meta,
        settings,
        opportunities,
        contacts,
        events,
        followups,
        seen,
        aliases,
        seen_people,
        kept_contacts: _,
        trash: _,
        // A backup is made from a state read whole (`Request::needs_everything`).
        unread: _,
        unread_pending: _,
        // Worked out, not kept.
        canonical_urls: _,
    } = state;
    let mut records = BTreeMap::new();
    put(&mut records, META.to_string(), meta);
    put(&mut records, SETTINGS.to_string(), settings);
    records.extend(opportunities.values().flat_map(opportunity_records));
    match contacts_as {
        Contacts::OnePerRecord => put_all(&mut records, CONTACT, contacts),
        Contacts::Packed => records.extend(state.contact_records(None)),
    }
    put_all(&mut records, EVENT, events);
    put_all(&mut records, FOLLOWUP, followups);
    put_all(&mut records, SEEN, seen);
    put_all(&mut records, ALIAS, aliases);
    put_all(&mut records, SEEN_PERSON, seen_people);
    records
}

fn put_all<T: Serialize>(
    records: &mut BTreeMap<String, Value>,
    prefix: &str,
    all: &BTreeMap<String, T>,
) {
    for (id, record) in all {
        put(records, format!("{prefix}{id}"), record);
    }
}

fn put<T: Serialize>(records: &mut BTreeMap<String, Value>, key: String, record: &T) {
    if let Ok(value) = serde_json::to_value(record) {
        records.insert(key, value);
    }
}

/// The backup document of everything in `state`, made at `now`: pretty-printed JSON with sorted
/// keys, ending in a newline.
pub fn export(state: &State, now: DateTime<Utc>) -> String {
    let mut document = Map::new();
    document.insert("format".into(), Value::from(FORMAT));
    document.insert("version".into(), Value::from(SCHEMA_VERSION));
    document.insert(
        "exported_at".into(),
        Value::from(now.to_rfc3339_opts(SecondsFormat::Secs, true)),
    );
    document.insert(
        "records".into(),
        Value::Object(records(state).into_iter().collect()),
    );
    format!("{:#}\n", Value::Object(document))
}

/// Checks a backup and plans its import into `current`. Older versions are migrated as stored
/// records are; a newer version, a damaged record or an unsafe link refuses the whole file.
pub fn plan_import(current: &State, text: &str, mode: Mode) -> Result<ImportPlan, BackupError> {
    let Document {
        version,
        exported_at,
        records: stored,
    } = read_document(text)?;
    let imported = load(version, stored)?;
    let mut target = match mode {
        Mode::Merge => merge(current, &imported),
        Mode::Replace => imported.clone(),
    };
    target.meta = imported.meta.clone();
    target.meta.schema = SCHEMA_VERSION;
    target.meta.next_id = current
        .meta
        .next_id
        .max(imported.meta.next_id)
        .max(first_free_id(&target));
    target.meta.notified_until = current
        .meta
        .notified_until
        .max(imported.meta.notified_until);
    target.meta.last_backup = current.meta.last_backup.max(imported.meta.last_backup);

    let mut report = ImportReport {
        mode,
        exported_at,
        version,
        settings: Tally::default(),
        opportunities: Tally::default(),
        contacts: Tally::default(),
        events: Tally::default(),
        followups: Tally::default(),
        seen: Tally::default(),
        aliases: Tally::default(),
    };
    let before = records(current);
    let after = records(&target);
    for (key, value) in &after {
        if let Some(t) = tally_of(&mut report, key) {
            match before.get(key) {
                None => t.added += 1,
                Some(old) if old == value => t.unchanged += 1,
                Some(_) => t.updated += 1,
            }
        }
    }
    for key in before.keys().filter(|key| !after.contains_key(*key)) {
        if let Some(t) = tally_of(&mut report, key) {
            t.removed += 1;
        }
    }
    let before = layout(current, Contacts::Packed);
    let after = layout(&target, Contacts::Packed);
    let mut changes = Changes::default();
    for (key, value) in &after {
        if before.get(key) != Some(value) {
            changes.set.insert(key.clone(), value.clone());
        }
    }
    changes.remove = before
        .into_keys()
        .filter(|key| !after.contains_key(key))
        .collect();
    if mode == Mode::Replace && !current.trash.deletions.is_empty() {
        // Data made exactly the backup's has nothing of before to undo into.
        changes.remove.push(TRASH_KEY.to_string());
    }
    Ok(ImportPlan {
        report,
        changes,
        state: target,
    })
}

/// `current` with the backup's records added, the backup's copy winning where both have one.
/// Every field is named, so a field added to the state does not compile until it is merged too.
fn merge(current: &State, imported: &State) -> State {
    let State {
        meta: _,
        settings,
        opportunities,
        contacts,
        events,
        followups,
        seen,
        aliases,
        seen_people,
        kept_contacts: _,
        trash: _,
        unread: _,
        unread_pending: _,
        canonical_urls: _,
    } = imported;
    let mut merged = current.clone();
    merged.settings = settings.clone();
    merged.opportunities.extend(opportunities.clone());
    merged.contacts.extend(contacts.clone());
    merged.events.extend(events.clone());
    merged.followups.extend(followups.clone());
    merged.seen.extend(seen.clone());
    merged.aliases.extend(aliases.clone());
    merged.seen_people.extend(seen_people.clone());
    merged
}

/// Whether to remind the user to back up: they have data, and neither their last backup nor
/// (before any) their first event is within the last 30 days.
pub fn backup_due(state: &State, last_backup: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let since = last_backup.or_else(|| state.events.values().map(|e| e.at).min());
    since.is_some_and(|since| now - since >= Duration::days(BACKUP_EVERY_DAYS))
}

fn tally_of<'r>(report: &'r mut ImportReport, key: &str) -> Option<&'r mut Tally> {
    match kind_of(key)?.0 {
        Kind::Settings => Some(&mut report.settings),
        Kind::Opportunities => Some(&mut report.opportunities),
        Kind::Contacts => Some(&mut report.contacts),
        Kind::Events => Some(&mut report.events),
        Kind::FollowUps => Some(&mut report.followups),
        Kind::Seen => Some(&mut report.seen),
        Kind::Aliases => Some(&mut report.aliases),
        Kind::Descriptions => None,
    }
}

/// The kind of a record key and the id in it; `None` for `meta` and unknown keys.
fn kind_of(key: &str) -> Option<(Kind, &str)> {
    if key == SETTINGS {
        return Some((Kind::Settings, ""));
    }
    KINDS.iter().find_map(|(prefix, kind)| {
        key.strip_prefix(prefix)
            .filter(|id| !id.is_empty())
            .map(|id| (*kind, id))
    })
}

/// What a backup file holds.
struct Document {
    version: u32,
    exported_at: DateTime<Utc>,
    records: BTreeMap<String, Value>,
}

/// The backup document in `text`, or why it is not one we read.
fn read_document(text: &str) -> Result<Document, BackupError> {
    let document: Value =
        serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if document.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let invalid = |why: &str| BackupError::Invalid(vec![why.to_string()]);
    let version = document
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| invalid("its version is missing or not a positive number"))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(BackupError::Newer { version });
    }
    let exported_at = document
        .get("exported_at")
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| invalid("its export time is missing or not an RFC 3339 time"))?;
    let records = document
        .get("records")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("it has no records"))?
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let version = u32::try_from(version).map_err(|_| BackupError::Newer { version })?;
    Ok(Document {
        version,
        exported_at,
        records,
    })
}

/// The state in a backup's records, migrated from `version`, with every problem found.
fn load(version: u32, mut records: BTreeMap<String, Value>) -> Result<State, BackupError> {
    let mut problems = Vec::new();
    match records.get_mut(META).and_then(Value::as_object_mut) {
        Some(meta) => {
            meta.insert("schema".into(), Value::from(version));
        }
        None => problems.push("the meta record is missing".to_string()),
    }
    for (key, value) in &records {
        if key == META {
            continue;
        }
        let Some((kind, id)) = kind_of(key) else {
            problems.push(format!("{key:?} is not a Follow Through record"));
            continue;
        };
        if let Some(field) = kind.key_field() {
            if value.get(field).and_then(Value::as_str) != Some(id) {
                problems.push(format!("record {key:?} does not have the {field} {id:?}"));
            }
        }
    }
    let loaded = State::load(&records);
    problems.extend(loaded.errors);
    let state = loaded.state;
    if let Err(why) = state.settings.check() {
        problems.push(format!("its settings are not usable: {}", why.english()));
    }
    let links = state
        .opportunities
        .values()
        .filter_map(|o| o.job.url.as_deref())
        .chain(state.seen.values().filter_map(|s| s.job.url.as_deref()))
        .chain(
            state
                .contacts
                .values()
                .filter_map(|c| c.profile_url.as_deref()),
        );
    for link in links.filter(|l| !is_web_url(l)) {
        problems.push(format!("{link:?} is not an http(s) link"));
    }
    if problems.is_empty() {
        Ok(state)
    } else {
        Err(BackupError::Invalid(problems))
    }
}

/// One past the largest record number in use, so new records never overwrite imported ones.
fn first_free_id(state: &State) -> u64 {
    let ids = state
        .opportunities
        .keys()
        .chain(state.contacts.keys())
        .chain(state.events.keys())
        .chain(state.followups.keys());
    ids.filter_map(|id| id.get(1..).and_then(|n| n.parse::<u64>().ok()))
        .map(|n| n.saturating_add(1))
        .max()
        .unwrap_or(1)
}
