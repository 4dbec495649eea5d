//! The corpus's job pages, as its MANIFEST lists them, for the benchmarks that read them.

use std::path::{Path, PathBuf};

/// Where the corpus is.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every job page of the corpus: its file (from the corpus) and the address it was saved from.
pub fn job_pages() -> Result<Vec<(String, String)>, String> {
    let manifest = std::fs::read_to_string(corpus().join("MANIFEST.tsv"))
        .map_err(|error| format!("cannot read the corpus MANIFEST: {error}"))?;
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|column| *column == name);
    let (Some(file), Some(kind), Some(url)) = (column("file"), column("kind"), column("url"))
    else {
        return Err("the MANIFEST lacks file, kind or url".into());
    };
    Ok(lines
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            match (cells.get(file), cells.get(kind).copied(), cells.get(url)) {
                (Some(path), Some("job"), Some(address)) => {
                    Some((path.to_string(), address.to_string()))
                }
                _ => None,
            }
        })
        .collect())
}
