//! Guards against templates that grow text without bound (issue 18): minijinja's fuel bounds
//! the number of steps, not the size of a string, and `s ~ s` doubles it in one step.

/// Largest text one template evaluation may produce (a document's markup, a merge field),
/// and the largest value it may print.
pub const MAX_TEMPLATE_OUTPUT: usize = 32 * 1024 * 1024;

/// The first `{% set NAME = … %}` whose value uses NAME itself with `~`, `+` or `*` (a
/// string that feeds on itself doubles with each pass of a loop: 30 passes are 4 GB), as
/// (1-based line, NAME).
pub fn self_growing_set(src: &str) -> Option<(usize, String)> {
    let mut rest = src;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let body_start = start + 2;
        let end = rest[body_start..]
            .find("%}")
            .map_or(rest.len(), |e| body_start + e);
        let body =
            rest[body_start..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        if let Some(stmt) = body.strip_prefix("set")
            && stmt.starts_with(char::is_whitespace)
            && let Some((names, value)) = stmt.split_once('=')
            && value.contains(['~', '+', '*'])
        {
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                if mentions(value, name) {
                    let line = src[..offset + start].matches('\n').count() + 1;
                    return Some((line, name.to_string()));
                }
            }
        }
        let next = (end + 2).min(rest.len());
        offset += next;
        rest = &rest[next..];
    }
    None
}

/// The first `{% macro NAME(…) %}` that calls itself with an argument built by `~`, `+` or
/// `*` (`{{ NAME(s ~ s) }}`: the argument doubles with each call, and the recursion limit
/// bounds the depth, not the size), as (1-based line of the call, NAME).
pub fn self_growing_macro(src: &str) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(i) = src[from..].find("macro") {
        let at = from + i;
        from = at + 5;
        // `{% macro NAME(` (with `{%-` and spaces allowed)
        let before = src[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '-');
        if !before.ends_with("{%") {
            continue;
        }
        let rest = &src[at + 5..];
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let body_end = src[at..].find("endmacro").map_or(src.len(), |e| at + e);
        let body_start = src[at..body_end]
            .find("%}")
            .map_or(body_end, |e| at + e + 2);
        let body = &src[body_start..body_end];
        let mut k = 0;
        while let Some(j) = body[k..].find(&name) {
            let pos = k + j;
            k = pos + name.len();
            let ident = |c: char| c.is_alphanumeric() || c == '_';
            if body[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| ident(c) || c == '.')
            {
                continue;
            }
            let after = body[k..].trim_start();
            let Some(args) = after.strip_prefix('(') else {
                continue;
            };
            // the call's arguments, up to the matching parenthesis
            let mut depth = 1usize;
            let end = args
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(args.len(), |(e, _)| e);
            let a = &args[..end];
            // `~` joins text; `+` and `*` grow a value only when it meets itself (`s + s`;
            // `n + 1` counting the depth is fine)
            let twice = a
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_'))
                .fold(std::collections::BTreeMap::new(), |mut m, w| {
                    *m.entry(w).or_insert(0) += 1;
                    m
                })
                .values()
                .any(|n| *n > 1);
            if a.contains('~') || (a.contains(['+', '*']) && twice) {
                let line = src[..body_start + pos].matches('\n').count() + 1;
                return Some((line, name));
            }
        }
        from = body_end.max(from);
    }
    None
}

/// Whether `name` appears in `expr` as a whole identifier.
fn mentions(expr: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    expr.match_indices(name).any(|(i, _)| {
        let before = expr[..i].chars().next_back();
        let after = expr[i + name.len()..].chars().next();
        !before.is_some_and(|c| ident(c) || c == '.') && !after.is_some_and(ident)
    })
}

/// A writer that keeps at most `limit` bytes and then fails: a template's output goes
/// through it, so a loop that prints without end stops at the limit instead of filling
/// memory.
#[derive(Debug, Default)]
pub struct Capped {
    /// What was written.
    pub bytes: Vec<u8>,
    /// Set once a write went past the limit.
    pub overflowed: bool,
    limit: usize,
}

impl Capped {
    /// An empty writer keeping at most `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Capped {
            bytes: Vec::new(),
            overflowed: false,
            limit,
        }
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.overflowed = true;
            return Err(std::io::Error::other("output too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Count `n` more bytes of output against a render's budget ([`MAX_TEMPLATE_OUTPUT`]), kept
/// in the render's own state, so output captured by macros and `{% set %}` blocks counts
/// too. False once the budget is spent: the caller stops the render with its own message.
pub fn within_budget(state: &mut minijinja::State, n: usize) -> bool {
    const KEY: &str = "__vanban_output_bytes";
    let used = state
        .get_temp(KEY)
        .and_then(|v| u64::try_from(v).ok())
        .unwrap_or(0)
        .saturating_add(n as u64);
    if used > MAX_TEMPLATE_OUTPUT as u64 {
        return false;
    }
    state.set_temp(KEY, minijinja::Value::from(used));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn finds_strings_that_feed_on_themselves() {
        let bomb = "a\n{% set s = \"x\" %}{% for i in range(30) %}{% set s = s ~ s %}{% endfor %}";
        assert_eq!(self_growing_set(bomb), Some((2, "s".to_string())));
        assert!(self_growing_set("{%- set s = s*2 -%}").is_some());
        assert!(self_growing_set("{% set a, b = b + a, a %}").is_some());
        assert!(self_growing_set("{% set s = t ~ t %}{{ s }}").is_none());
        assert!(self_growing_set("{% set s = x.s ~ y %}").is_none());
        assert!(self_growing_set("{% set ss = s ~ s2 %}").is_none());
        assert!(self_growing_set("{{ 'a' ~ 'b' }} {% if x %}{% endif %}").is_none());
        assert!(self_growing_set("{% set").is_none());
    }

    #[test]
    fn capped_writer_stops_at_its_limit() {
        let mut w = Capped::new(4);
        assert!(w.write_all(b"abc").is_ok());
        assert!(w.write_all(b"de").is_err());
        assert!(w.overflowed);
        assert_eq!(w.bytes, b"abc");
    }

    #[test]
    fn recursive_macros_that_grow_their_argument_are_found() {
        let t = "a\n{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d(\"x\") }}";
        assert_eq!(super::self_growing_macro(t), Some((2, "d".into())));
        let t = "{%- macro w(s, n) -%}\n{{ w(s + s, n) }}{% endmacro %}";
        assert_eq!(super::self_growing_macro(t), Some((2, "w".into())));
        let t = "{% macro walk(items, n) %}{% for i in items %}{{ walk(i.body, n + 1) }}{% endfor %}{% endmacro %}";
        assert_eq!(super::self_growing_macro(t), None);
        // recursion over a smaller value, and a call with `~` of another macro, are fine
        let t = "{% macro walk(items) %}{% for i in items %}{{ walk(i.body) }}{{ other(i ~ 'x') }}{% endfor %}{% endmacro %}";
        assert_eq!(super::self_growing_macro(t), None);
    }
}
