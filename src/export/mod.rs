//! Exporters: document tree -> bytes of a file format. They take the tree and nothing else.
pub mod docx;
pub mod pdf;
