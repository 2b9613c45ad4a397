//! Short constructors of the input model, for the documents vanban generates: they read
//! like the YAML a clerk would write, and the compiler checks every field.

use crate::data::model::{
    BlockIn, BlockMap, CellIn, CellMap, ColumnIn, DistIn, ItemIn, Lines, RowIn, Scalar,
};

/// A paragraph of running text (`- text`).
pub fn para(text: impl Into<String>) -> BlockIn {
    BlockIn::Para(text.into())
}

/// An italic paragraph (`- para: …, italic: true`).
pub fn italic(text: impl Into<String>) -> BlockIn {
    BlockIn::Map(Box::new(BlockMap {
        para: Some(text.into()),
        italic: Some(true),
        ..BlockMap::default()
    }))
}

/// Dash items (`- items: [...]`).
pub fn items(lines: Vec<String>) -> BlockIn {
    BlockIn::Map(Box::new(BlockMap {
        items: Some(lines.into_iter().map(ItemIn::Text).collect()),
        ..BlockMap::default()
    }))
}

/// A section with its title, its number as written (`I`) if any, and its body.
pub fn section(title: &str, number: Option<&str>, body: Vec<BlockIn>) -> BlockIn {
    BlockIn::Map(Box::new(BlockMap {
        section: Some(title.to_string()),
        number: number.map(|n| Scalar::Text(n.to_string())),
        body: Some(body),
        ..BlockMap::default()
    }))
}

/// Several lines (issuer names, recipients).
pub fn lines<S: Into<String>>(v: impl IntoIterator<Item = S>) -> Lines {
    Lines::Many(v.into_iter().map(Into::into).collect())
}

/// Nơi nhận lines.
pub fn distribution<S: Into<String>>(v: impl IntoIterator<Item = S>) -> Vec<DistIn> {
    v.into_iter().map(|s| DistIn::Line(s.into())).collect()
}

/// A text value (number, date) as written.
pub fn text(s: impl Into<String>) -> Scalar {
    Scalar::Text(s.into())
}

/// A table column: title, relative width, alignment.
pub fn column(title: impl Into<String>, width: f32, align: Option<&str>) -> ColumnIn {
    ColumnIn {
        title: title.into(),
        width: Some(f64::from(width)),
        align: align.map(str::to_string),
    }
}

/// A table cell.
pub fn cell(s: impl Into<String>) -> CellIn {
    CellIn::Text(Scalar::Text(s.into()))
}

/// A cell merged over `rows` rows.
pub fn cell_rows(s: impl Into<String>, rows: usize) -> CellIn {
    CellIn::Map(CellMap {
        text: Scalar::Text(s.into()),
        span: None,
        rows: Some(rows),
    })
}

/// A cell spanning `span` columns.
pub fn cell_span(s: impl Into<String>, span: usize) -> CellIn {
    CellIn::Map(CellMap {
        text: Scalar::Text(s.into()),
        span: Some(span),
        rows: None,
    })
}

/// A row of cells.
pub fn row(cells: Vec<CellIn>) -> RowIn {
    RowIn::Cells(cells)
}
