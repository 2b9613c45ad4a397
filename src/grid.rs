//! Table grids: whether rows of cells with column and row spans fill a table's columns.
//! Pure arithmetic, shared by the loader's checks, the tree and the DOCX writer, so the three
//! agree on what a well-formed table is.

/// Check that rows of cells, given as (colspan, rowspan) pairs, fill `columns` columns
/// exactly, counting cells that a row span from above reaches into. On failure returns the
/// 0-based row and the number of columns it fills.
pub fn check_spans(rows: &[Vec<(usize, usize)>], columns: usize) -> Result<(), (usize, usize)> {
    let mut carried = vec![0usize; columns];
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0usize;
        let mut taken = 0usize;
        for &(colspan, rowspan) in row {
            while col < columns && carried[col] > 0 {
                col += 1;
                taken += 1;
            }
            for c in carried.iter_mut().skip(col).take(colspan) {
                *c = rowspan;
            }
            // saturating: a span read from data may be as large as usize allows
            col = col.saturating_add(colspan);
            taken = taken.saturating_add(colspan);
        }
        taken += carried.iter().skip(col).filter(|c| **c > 0).count();
        if taken != columns {
            return Err((r, taken));
        }
        for c in carried.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_spans;

    #[test]
    fn spans() {
        assert_eq!(check_spans(&[vec![(1, 1), (1, 1)]], 2), Ok(()));
        assert_eq!(
            check_spans(&[vec![(1, 2), (1, 1)], vec![(1, 1)]], 2),
            Ok(())
        );
        assert_eq!(check_spans(&[vec![(1, 1)]], 2), Err((0, 1)));
        // a span as large as usize allows is a wrong row, not an overflow
        assert_eq!(
            check_spans(&[vec![(usize::MAX, 1), (1, 1)]], 2),
            Err((0, usize::MAX))
        );
    }
}
