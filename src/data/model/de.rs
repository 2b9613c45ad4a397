//! Hand-written readers for the model's "text or mapping" and "number or text" values.
//!
//! A derived untagged enum hides the inner error ("data did not match any variant"), and
//! the loader could then only blame the first key of the block (issue 12: `number: [1]`
//! was reported as a fault of `section`). These readers pass the inner error on, so the
//! message names the field that is wrong, on its own line. The schema still comes from the
//! derived `JsonSchema` and its `#[serde(untagged)]` attribute.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::{BlockIn, BlockMap, ItemIn, ItemMap, Scalar};

/// What a "number or text" value expects, in the parser's words (diag::load words them).
pub const NUMBER_OR_TEXT: &str = "integer or string scalar";
/// What a "text or mapping" value expects, in the parser's words.
pub const TEXT_OR_MAP: &str = "string scalar or mapping";

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(NUMBER_OR_TEXT)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or_else(|_| Scalar::Text(v.to_string()), Scalar::Int))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value that is either text or a mapping read as `M`.
struct TextOrMap<M, T> {
    text: fn(String) -> T,
    map: fn(M) -> T,
    _m: PhantomData<M>,
}

impl<'de, M: Deserialize<'de>, T> Visitor<'de> for TextOrMap<M, T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(TEXT_OR_MAP)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.text)(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        Ok((self.text)(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<T, A::Error> {
        M::deserialize(de::value::MapAccessDeserializer::new(a)).map(self.map)
    }
}

impl<'de> Deserialize<'de> for BlockIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrMap {
            text: BlockIn::Para,
            map: |m: BlockMap| BlockIn::Map(Box::new(m)),
            _m: PhantomData,
        })
    }
}

impl<'de> Deserialize<'de> for ItemIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrMap {
            text: ItemIn::Text,
            map: ItemIn::Map,
            _m: PhantomData::<ItemMap>,
        })
    }
}
