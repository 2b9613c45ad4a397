//! Pure text helpers shared by every stage: file-name slugs, comparison keys, letter case
//! and Roman numerals. No I/O, no knowledge of documents.

mod case;
mod growth;
mod key;
mod roman;
mod slug;

pub use case::{capitalise, lower_first};
pub use growth::{
    Capped, MAX_TEMPLATE_OUTPUT, self_growing_macro, self_growing_set, within_budget,
};
pub use key::{fold, loose_key, unit_key, word_key};
pub use roman::{is_roman, roman};
pub use slug::slug;
