//! Compiles the English messages in without their notes for translators (`description`,
//! `example`): the catalog answers with the words alone, and they were two thirds of its bytes in
//! the Wasm every page loads.

use std::path::Path;

fn main() {
    const SOURCE: &str = "extension/_locales/en/messages.json";
    println!("cargo::rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).expect("the English messages.json");
    // A file that does not read as JSON is compiled in as it is, for the catalog to refuse.
    let words = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut messages) => {
            for message in messages
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.values_mut())
            {
                if let Some(message) = message.as_object_mut() {
                    message.remove("description");
                    for placeholder in message
                        .get_mut("placeholders")
                        .and_then(|p| p.as_object_mut())
                        .into_iter()
                        .flat_map(|p| p.values_mut())
                    {
                        placeholder.as_object_mut().map(|p| p.remove("example"));
                    }
                }
            }
            messages.to_string()
        }
        Err(_) => text,
    };
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("messages.json"), words).expect("OUT_DIR is writable");
}
