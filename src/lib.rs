//! vanban: Vietnamese official documents (văn bản hành chính, NĐ 30/2020/NĐ-CP) from data,
//! to PDF and DOCX.
//!
//! The pipeline, one stage a module:
//! - [`data::load`] reads a document file (YAML, JSON, TOML), normalises its text to NFC and
//!   checks it, reporting every problem with its file, line, field and a fix;
//! - [`template::Templates::fill`] fills the document kind's minijinja template, which
//!   decides the frame (header, Kính gửi, signature, Nơi nhận) and writes *block markup*;
//! - [`doc::build`] turns block markup into the format-neutral document tree, applying the
//!   layout values of NĐ 30;
//! - [`export::pdf`] (typst, bundled fonts) and [`export::docx`] (docx-rs) write the tree.
//!
//! [`render`] runs the whole pipeline for one file and writes its outputs atomically;
//! [`batch`] runs many in parallel with a manifest, [`merge`] makes one document per row of a
//! table from a template document.

pub mod batch;
pub mod check;
pub mod data;
pub mod diag;
pub mod doc;
pub mod export;
pub mod fonts;
pub mod merge;
pub mod ntm;
pub mod render;
pub mod schema;
pub mod split;
pub mod template;

pub use render::{OutputFormat, RenderOptions, render_file};
