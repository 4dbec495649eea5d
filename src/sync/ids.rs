//! A record's id as every computer knows it. Each computer hands out ids from its own counter
//! (`o12`, `e40`), so two computers both have an `o12` that are not the same application. In
//! the synced document an id carries the name of the computer that made it (`o12.k3f9a2`);
//! on that computer it stays `o12`, so turning sync on renames nothing, and elsewhere it is
//! kept with the name, which no local counter ever makes.

use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A computer's name in the synced document: 6 to 12 lowercase letters and digits, drawn at
/// random when sync is first turned on there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Replica(String);

impl Replica {
    /// A name from random bytes (the browser's `crypto.getRandomValues`): 8 characters.
    pub fn from_random(bytes: [u8; 8]) -> Replica {
        let mut number = u64::from_le_bytes(bytes);
        let name = (0..8)
            .map(|_| {
                let digit = (number % 36) as u32;
                number /= 36;
                char::from_digit(digit, 36).unwrap_or('0')
            })
            .collect();
        Replica(name)
    }

    /// A name as stored; `None` for anything that is not one.
    pub fn parse(text: &str) -> Option<Replica> {
        let fits = (6..=12).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        fits.then(|| Replica(text.to_string()))
    }

    /// The id as the synced document knows it: an id made here gets this computer's name.
    pub fn global(&self, local: &str) -> String {
        if local.contains('.') {
            local.to_string()
        } else {
            format!("{local}.{}", self.0)
        }
    }

    /// The id as this computer knows it: its own ids lose its name, others' keep theirs.
    pub fn local(&self, global: &str) -> String {
        match global.rsplit_once('.') {
            Some((id, replica)) if replica == self.0 => id.to_string(),
            _ => global.to_string(),
        }
    }
}

/// Whether an id is as every computer knows it: with the name of the computer that made it.
pub fn is_global(id: &str) -> bool {
    id.rsplit_once('.')
        .is_some_and(|(local, replica)| !local.is_empty() && Replica::parse(replica).is_some())
}

impl fmt::Display for Replica {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Replica {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Replica {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Replica, D::Error> {
        let text = String::deserialize(d)?;
        Replica::parse(&text)
            .ok_or_else(|| D::Error::custom(format!("{text:?} is not a computer's name")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_made_here_carries_this_computers_name_only_in_the_synced_document() {
        let here = Replica::parse("k3f9a2").unwrap();
        let there = Replica::parse("zz81qq").unwrap();
        let global = here.global("o12");
        assert_eq!(global, "o12.k3f9a2");
        assert_eq!(here.local(&global), "o12");
        assert_eq!(there.local(&global), "o12.k3f9a2");
        assert_eq!(there.global(&there.local(&global)), global);
        assert!(is_global(&global));
        assert!(!is_global("o12"));
        assert!(!is_global(".k3f9a2"));
    }

    #[test]
    fn a_computers_name_is_short_lowercase_letters_and_digits() {
        let name = Replica::from_random([0xff; 8]);
        assert_eq!(name.to_string().len(), 8);
        assert_eq!(Replica::parse(&name.to_string()), Some(name));
        assert_eq!(Replica::parse("short"), None);
        assert_eq!(Replica::parse("Has.Dot1"), None);
    }
}
