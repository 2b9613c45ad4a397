//! Documents vanban writes from other data: one per row of a table ([`merge`]), one per unit
//! of a task table with calendars ([`split`]), recognition dossiers of new-rural communes
//! ([`ntm`]). Each produces documents in the input model for the pipeline.

pub mod merge;
pub mod ntm;
pub mod split;

use crate::data::model;
use crate::diag::Diagnostic;
use crate::pipeline::Source;

/// A generated document built as a value tree, as a pipeline source named `name`.
pub(crate) fn source_of(
    name: &std::path::Path,
    value: serde_json::Value,
) -> Result<Source, Vec<Diagnostic>> {
    let input: model::Input = crate::data::input_from_value(name, value)?;
    Ok(Source::Input {
        name: name.to_path_buf(),
        input: Box::new(input),
    })
}
