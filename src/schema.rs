//! `vanban schema`: the JSON Schema of the input format, generated from the serde model
//! ([`crate::data::model::Input`]) so that it cannot drift from what the loader accepts.
//!
//! Draft-07 rather than schemars' default 2020-12: the YAML extension of VS Code
//! (yaml-language-server) validates and completes draft-07 fully.

use crate::data::model::Input;

/// The schema as pretty-printed JSON, ending with a newline (the text of
/// `schemas/vanban.schema.json`).
pub fn input_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Input>();
    match serde_json::to_string_pretty(&schema) {
        Ok(s) => s + "\n",
        // A schemars value is plain JSON: serialising it cannot fail.
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}
