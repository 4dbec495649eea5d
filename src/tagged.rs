//! Internally tagged enums (`{"type": "track", "job": …}`) read without serde's private buffer.
//! Serde's derive reads every such message into that buffer before it looks for the tag, and
//! builds a second copy of the code reading each variant and everything inside it, from the
//! buffer: a large share of the Wasm. Here the tag is read where it comes first, as serde writes
//! it, and the variant's fields straight from the rest of the map; a tag after other fields is
//! still read, through JSON text with the tag moved first.

use serde::de::value::MapAccessDeserializer;
use serde::de::IntoDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IgnoredAny, MapAccess, VariantAccess,
    Visitor,
};
use serde::{forward_to_deserialize_any, Deserializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// Declares an enum written internally tagged (serde's derive, `tag = $tag`) and read by
/// `deserialize` below, its variants' fields read by a twin of the enum that serde's
/// externally tagged derive reads (`remote`: it builds the enum itself, nothing to convert).
/// Struct and unit variants only, as serde allows for internally tagged enums.
macro_rules! tagged_enum {
    (
        tag = $tag:literal, remote = $remote:literal, twin = $twin:ident;
        #[serde($($shared:tt)*)]
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $variant:ident $({
                    $( $(#[$fattr:meta])* $field:ident : $fty:ty ),* $(,)?
                })?
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(::serde::Serialize)]
        #[serde(tag = $tag, $($shared)*)]
        $vis enum $name {
            $( $(#[$vattr])* $variant $({ $( $(#[$fattr])* $field : $fty ),* })? ),*
        }

        #[doc = concat!("`", stringify!($name), "`'s variants, read externally tagged (see `tagged`).")]
        #[derive(::serde::Deserialize)]
        #[serde(remote = $remote, $($shared)*)]
        enum $twin {
            $( $variant $({ $( $(#[$fattr])* $field : $fty ),* })? ),*
        }

        impl $crate::tagged::Twin<$name> for $twin {
            fn read<'de, D: ::serde::Deserializer<'de>>(variant: D) -> Result<$name, D::Error> {
                $twin::deserialize(variant)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::tagged::deserialize::<D, $name, $twin>(deserializer, $tag, $remote)
            }
        }
    };
}
pub(crate) use tagged_enum;

/// The reader of a tagged enum's variants, externally tagged: serde's derive of the twin.
pub trait Twin<T> {
    fn read<'de, D: Deserializer<'de>>(variant: D) -> Result<T, D::Error>;
}

/// Reads a `T` written internally tagged by `tag`: the map's first key the tag, then the
/// variant's fields, read by the twin `W` from the tag and the rest of the map. A map whose tag
/// is not first is read whole, then again from JSON text with the tag first.
pub fn deserialize<'de, D, T, W>(
    deserializer: D,
    tag: &'static str,
    name: &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
    W: Twin<T>,
{
    deserializer.deserialize_map(TaggedVisitor::<T, W> {
        tag,
        name,
        of: PhantomData,
    })
}

struct TaggedVisitor<T, W> {
    tag: &'static str,
    name: &'static str,
    of: PhantomData<(T, W)>,
}

impl<'de, T: DeserializeOwned, W: Twin<T>> Visitor<'de> for TaggedVisitor<T, W> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "internally tagged enum {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::missing_field(self.tag));
        };
        if first == self.tag {
            let tag: Value = map.next_value()?;
            let rest = Fields { tag: self.tag, map };
            return W::read(Variant { tag, rest });
        }
        // In the order they came, a key twice kept twice, for the variant's reader to judge.
        let mut fields = vec![(first, map.next_value::<Value>()?)];
        let mut tag = None;
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if key != self.tag {
                fields.push((key, value));
            } else if tag.replace(value).is_some() {
                return Err(de::Error::duplicate_field(self.tag));
            }
        }
        let tag = tag.ok_or_else(|| de::Error::missing_field(self.tag))?;
        let mut text = String::from("{");
        for (key, value) in std::iter::once((self.tag.to_string(), tag)).chain(fields) {
            if text.len() > 1 {
                text.push(',');
            }
            text.push_str(&Value::String(key).to_string());
            text.push(':');
            text.push_str(&value.to_string());
        }
        text.push('}');
        serde_json::from_str(&text).map_err(|e| de::Error::custom(without_position(&e)))
    }
}

/// A serde_json error's message without its place in the JSON text made here, which is not the
/// caller's.
fn without_position(e: &serde_json::Error) -> String {
    let said = e.to_string();
    match said.rfind(" at line ") {
        Some(at) if e.line() > 0 => said[..at].to_string(),
        _ => said,
    }
}

/// A variant of a tagged enum, its tag and the rest of its map (its fields), as a
/// `Deserializer` of the variant externally tagged, for the twin's derived reader.
struct Variant<A> {
    tag: Value,
    rest: Fields<A>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Variant<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Fields<A>), A::Error> {
        let variant = seed.deserialize(self.tag).map_err(de::Error::custom)?;
        Ok((variant, self.rest))
    }
}

/// The fields of a variant: the rest of its map, where the tag again is an error, as in serde.
struct Fields<A> {
    tag: &'static str,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<String>()? else {
            return Ok(None);
        };
        if key == self.tag {
            return Err(de::Error::duplicate_field(self.tag));
        }
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A unit variant ignores the fields, as serde does.
impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        seed.deserialize(MapAccessDeserializer::new(self))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }
}
