//! vanban: Vietnamese official documents (văn bản hành chính, NĐ 30/2020/NĐ-CP) from data,
//! to PDF and DOCX.
//!
//! The pipeline, one stage a module (drawn in docs/architecture.md):
//! - [`data`] reads a document (YAML, JSON, TOML; task tables from CSV/XLSX) into the input
//!   model, normalises its text and checks it, reporting every problem with its place;
//! - [`rules`] applies the rules of `vanban check` to the checked document;
//! - [`template`] fills the document kind's minijinja template, which writes block markup;
//! - [`doc`] turns block markup into the format-neutral document tree, with the layout
//!   values of the profile;
//! - [`export`] writes the tree as PDF (typst, bundled fonts) or DOCX.
//!
//! [`pipeline::make`] runs these for one document in memory, with the [`pipeline::Resources`]
//! loaded once per run; [`output`] writes files atomically, runs batches and keeps the
//! report and manifest; [`generate`] makes documents from other data (mail merge, per-unit
//! extracts, new-rural dossiers). Below them all: [`diag`] (diagnostics and the rule
//! catalogue), [`text`] (pure text helpers), [`grid`] (table spans) and [`fonts`].

pub mod data;
pub mod diag;
pub mod doc;
pub mod docx_in;
pub mod export;
pub mod fonts;
pub mod generate;
pub mod grid;
pub mod output;
pub mod pipeline;
pub mod register;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod template;
pub mod text;
