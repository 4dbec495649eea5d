//! The fuzz targets' bodies run in every `cargo test`, bounded: over each seed of
//! `fuzz/corpus/<target>/`, then over seeds mutated at random by proptest (a fixed number of
//! cases, a few seconds in all). libFuzzer runs the same functions millions of times by
//! hand (`./build.sh fuzz`).

use follow_through::hostile::{backup_import, extract_snapshot, linkedin_csv, promise, sync_area};
use proptest::prelude::*;
use std::path::PathBuf;

/// Mutated inputs tried per target.
const CASES: u32 = 1000;

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "{} has no seeds", dir.display());
    seeds
}

/// An edit of a seed, at a position taken modulo its length.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// Copies a slice of the seed elsewhere in it (structure-aware enough for JSON and CSV).
    Splice(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let hostile = prop::sample::select(vec![
        b"\"".to_vec(),
        b"{".to_vec(),
        b"]".to_vec(),
        b",".to_vec(),
        b"\0".to_vec(),
        b"\n".to_vec(),
        "\u{202e}".as_bytes().to_vec(),
        b"<script>".to_vec(),
        b"javascript:".to_vec(),
        b"99999999999999999999".to_vec(),
        b"-1".to_vec(),
        vec![0xff, 0xfe],
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
        (any::<usize>(), hostile).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), any::<usize>(), 1usize..256).prop_map(|(a, b, n)| Edit::Splice(a, b, n)),
    ]
}

fn mutate(mut data: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = data.len().max(1);
        match edit {
            Edit::Replace(at, byte) => {
                if let Some(b) = data.get_mut(at % len) {
                    *b = *byte;
                }
            }
            Edit::Insert(at, bytes) => {
                let at = at % (data.len() + 1);
                data.splice(at..at, bytes.iter().copied());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(data.len());
                data.drain(at.min(end)..end);
            }
            Edit::Splice(from, to, n) => {
                let from = from % len;
                let end = (from + n).min(data.len());
                let piece = data.get(from..end).unwrap_or_default().to_vec();
                let to = to % (data.len() + 1);
                data.splice(to..to, piece);
            }
        }
    }
    data
}

fn exercise(target: &str, run: fn(&[u8])) {
    let seeds = seeds(target);
    for seed in &seeds {
        run(seed);
    }
    let config = ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let inputs = (0..seeds.len(), prop::collection::vec(edit(), 1..8));
    proptest!(config, |((seed, edits) in inputs)| {
        run(&mutate(seeds[seed].clone(), &edits));
    });
}

#[test]
fn capture_survives_mutated_page_snapshots() {
    exercise("extract", extract_snapshot);
}

#[test]
fn backup_import_survives_mutated_backups_and_what_it_accepts_round_trips() {
    exercise("backup_import", backup_import);
}

#[test]
fn the_connections_reader_survives_mutated_csv_files() {
    exercise("linkedin_csv", linkedin_csv);
}

#[test]
fn promise_phrases_survive_mutation_in_any_zone() {
    exercise("promise", promise);
}

#[test]
fn the_sync_area_read_survives_mutated_items_and_what_arrives_twice_changes_nothing_more() {
    exercise("sync_area", sync_area);
}
