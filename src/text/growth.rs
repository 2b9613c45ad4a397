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

/// The first `{% macro NAME(…) %}` that calls itself, directly or through other macros
/// (`a` calls `b(s ~ s)`, `b` calls `a(s)`), with an argument built by `~`, `+` or `*` on
/// the way (the argument doubles with each round, and the recursion limit bounds the depth,
/// not the size), as (1-based line of the growing call, the names on the cycle: `d`, or
/// `a → b → a`).
pub fn self_growing_macro(src: &str) -> Option<(usize, String)> {
    let macros = macros(src);
    let names: Vec<&str> = macros.iter().map(|m| m.0.as_str()).collect();
    // Every call of one macro of the file by another: (caller, callee, grows, line).
    let mut calls: Vec<(usize, usize, bool, usize)> = Vec::new();
    for (i, (_, body_start, body)) in macros.iter().enumerate() {
        for (j, callee) in names.iter().enumerate() {
            for (pos, args) in calls_of(body, callee) {
                let line = src[..body_start + pos].matches('\n').count() + 1;
                calls.push((i, j, grows(args), line));
            }
        }
    }
    // A growing call from `i` to `j` on a cycle: `i` is reachable again from `j`.
    for &(i, j, grow, line) in &calls {
        if !grow {
            continue;
        }
        if let Some(path) = path_between(&calls, j, i, macros.len()) {
            let cycle = if i == j {
                names[i].to_string()
            } else {
                std::iter::once(i)
                    .chain(path)
                    .map(|k| names[k])
                    .collect::<Vec<_>>()
                    .join(" → ")
            };
            return Some((line, cycle));
        }
    }
    None
}

/// The macros of a template: (name, byte offset of the body, body).
fn macros(src: &str) -> Vec<(String, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = src[from..].find("macro") {
        let at = from + i;
        from = at + 5;
        // `{% macro NAME(` (with `{%-` and spaces allowed)
        let before = src[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '-');
        if !before.ends_with("{%") {
            continue;
        }
        let name: String = src[at + 5..]
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
        out.push((name, body_start, &src[body_start..body_end]));
        from = body_end.max(from);
    }
    out
}

/// Calls of `name` in `body`: (offset of the call, its arguments).
fn calls_of<'a>(body: &'a str, name: &str) -> Vec<(usize, &'a str)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(j) = body[k..].find(name) {
        let pos = k + j;
        k = pos + name.len();
        if body[..pos]
            .chars()
            .next_back()
            .is_some_and(|c| ident(c) || c == '.')
            || body[k..].chars().next().is_some_and(ident)
        {
            continue;
        }
        let Some(args) = body[k..].trim_start().strip_prefix('(') else {
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
        out.push((pos, &args[..end]));
    }
    out
}

/// Whether a call's arguments grow a value: `~` joins text; `+` and `*` grow a value only
/// when it meets itself (`s + s`; `n + 1` counting the depth is fine).
fn grows(a: &str) -> bool {
    let twice = a
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_'))
        .fold(std::collections::BTreeMap::new(), |mut m, w| {
            *m.entry(w).or_insert(0) += 1;
            m
        })
        .values()
        .any(|n| *n > 1);
    a.contains('~') || (a.contains(['+', '*']) && twice)
}

/// The macros from `from` to `to` along calls (both included), if `to` is reachable.
fn path_between(
    calls: &[(usize, usize, bool, usize)],
    from: usize,
    to: usize,
    n: usize,
) -> Option<Vec<usize>> {
    let mut parent = vec![usize::MAX; n];
    let mut seen = vec![false; n];
    let mut queue = std::collections::VecDeque::from([from]);
    seen[from] = true;
    while let Some(m) = queue.pop_front() {
        if m == to {
            let mut path = vec![m];
            let mut cur = m;
            while cur != from {
                cur = parent[cur];
                path.push(cur);
            }
            path.reverse();
            return Some(path);
        }
        for &(a, b, _, _) in calls {
            if a == m && !seen[b] {
                seen[b] = true;
                parent[b] = m;
                queue.push_back(b);
            }
        }
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

    #[test]
    fn macros_that_grow_through_each_other_are_found() {
        let t = "{% macro a(s) %}{{ b(s ~ s) }}{% endmacro %}\n{% macro b(s) %}{{ a(s) }}{% endmacro %}{{ a('x') }}";
        assert_eq!(self_growing_macro(t), Some((1, "a → b → a".into())));
        let t = "{% macro a(s) %}{{ b(s) }}{% endmacro %}\n{% macro b(s) %}{{ c(s) }}{% endmacro %}\n{% macro c(s) %}{{ a(s + s) }}{% endmacro %}";
        assert_eq!(self_growing_macro(t), Some((3, "c → a → b → c".into())));
        // a growing call to a macro that never comes back is fine
        let t = "{% macro a(s) %}{{ b(s ~ s) }}{% endmacro %}{% macro b(s) %}{{ s }}{% endmacro %}";
        assert_eq!(self_growing_macro(t), None);
        // mutual recursion over smaller values is fine
        let t = "{% macro a(x) %}{% for i in x %}{{ b(i.body) }}{% endfor %}{% endmacro %}{% macro b(x) %}{{ a(x) }}{% endmacro %}";
        assert_eq!(self_growing_macro(t), None);
        // `ab(` is not a call of `a`
        let t =
            "{% macro a(s) %}{{ ab(s ~ s) }}{% endmacro %}{% macro ab(s) %}{{ s }}{% endmacro %}";
        assert_eq!(self_growing_macro(t), None);
    }
}
