//! stub
#[derive(Debug)]
pub struct DocxError(pub String);
impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
}
impl std::error::Error for DocxError {}
pub fn export(_doc: &crate::doc::Document) -> Result<Vec<u8>, DocxError> { Err(DocxError("stub".into())) }
