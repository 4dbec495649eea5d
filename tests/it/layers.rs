//! The layers of `src/` as `lib.rs` draws them, kept: a module imports only from the layers
//! below its own, so the core reads from the bottom up and no two modules import each other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The layers, bottom first, as the `→` line of `lib.rs`'s opening comment says them; a layer
/// may hold several modules, separated by commas.
fn layers() -> Vec<Vec<String>> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let drawn: String = lib
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .skip_while(|line| !line.contains('→'))
        .take_while(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    drawn
        .split('→')
        .map(|layer| {
            layer
                .split(',')
                .map(|module| module.trim().trim_end_matches('.').to_string())
                .collect()
        })
        .collect()
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn sources(dir: &Path, module: Option<&str>, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let owner = module.map_or(name.clone(), str::to_string);
        if path.is_dir() {
            sources(&path, Some(&owner), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((owner, path));
        }
    }
}

/// The modules of ours a source names through `crate::`, in `use` lines and in paths.
fn imports(text: &str) -> Vec<String> {
    let mut named = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                named.push(module_of(item.trim()));
            }
        } else {
            named.push(module_of(rest));
        }
    }
    named.retain(|module| !module.is_empty());
    named
}

fn module_of(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn every_module_of_src_has_a_layer() {
    let placed: Vec<String> = layers().into_iter().flatten().collect();
    let mut files = Vec::new();
    sources(&src(), None, &mut files);
    for (module, path) in files {
        if module == "lib" || module == "bin" {
            continue;
        }
        assert!(
            placed.contains(&module),
            "{} belongs to `{module}`, which lib.rs's layers do not name",
            path.display()
        );
    }
}

#[test]
fn no_module_imports_from_its_own_layer_or_above() {
    let layers = layers();
    let level: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(at, layer)| layer.iter().map(move |module| (module.as_str(), at)))
        .collect();
    let mut files = Vec::new();
    sources(&src(), None, &mut files);
    let mut upward = Vec::new();
    for (module, path) in files {
        let Some(&own) = level.get(module.as_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for imported in imports(&text) {
            match level.get(imported.as_str()) {
                Some(&at) if imported != module && at >= own => upward.push(format!(
                    "{} ({module}) imports `{imported}`, which is not below it",
                    path.display()
                )),
                _ => {}
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports that go up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_layers_are_read_from_lib_rs() {
    let layers = layers();
    assert_eq!(layers.first(), Some(&vec!["text".to_string()]));
    assert!(layers.iter().flatten().any(|module| module == "web"));
}
