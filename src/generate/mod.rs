//! Documents vanban writes from other data: one per row of a table ([`merge`]), one per unit
//! of a task table with calendars ([`split`]), recognition dossiers of new-rural communes
//! ([`ntm`]). Each produces documents in the input model for the pipeline.

pub mod merge;
pub mod ntm;
pub mod split;

mod build;
