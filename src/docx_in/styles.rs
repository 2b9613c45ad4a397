//! Formatting of WordprocessingML as vanban reads it: run properties (font, size, bold,
//! italic, capitals) and paragraph properties (alignment, spacing, indentation, bottom
//! border), and their inheritance: document defaults → style chain (basedOn) → paragraph →
//! run style → run.

use std::collections::HashMap;

use super::xml::El;

/// Run properties; `None` where nothing says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    /// Font (`w:rFonts/@w:ascii`, else `hAnsi`).
    pub font: Option<String>,
    /// Size in half-points (`w:sz`).
    pub size: Option<u32>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// All capitals (`w:caps`).
    pub caps: Option<bool>,
    /// Underlined (`w:u`, any line but `none`).
    pub underline: Option<bool>,
}

/// Paragraph properties; `None` where nothing says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    /// `w:jc`: `left`, `center`, `right`, `both` …
    pub align: Option<String>,
    /// Space before, twips.
    pub before: Option<i64>,
    /// Space after, twips.
    pub after: Option<i64>,
    /// Line spacing (`w:line`): 240ths of a line (`auto`) or twips (`exact`, `atLeast`).
    pub line: Option<i64>,
    /// `auto`, `exact` or `atLeast`.
    pub line_rule: Option<String>,
    /// First-line indent in twips (negative for a hanging indent).
    pub first: Option<i64>,
    /// Left indent, twips.
    pub left: Option<i64>,
    /// Right indent, twips.
    pub right: Option<i64>,
    /// A bottom border (a rule under the paragraph).
    pub border_bottom: Option<bool>,
    /// A page break before the paragraph.
    pub page_break_before: Option<bool>,
    /// Its list of Word's automatic numbering (`w:numPr/w:numId`; "0" for none).
    pub num_id: Option<String>,
    /// Its level in that list (`w:numPr/w:ilvl`, 0-based).
    pub ilvl: Option<usize>,
}

fn on(el: Option<&El>) -> Option<bool> {
    el.map(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
}

fn num(s: Option<&str>) -> Option<i64> {
    s.and_then(|v| v.trim().parse::<f64>().ok())
        .map(|f| f as i64)
}

impl RunProps {
    /// The properties of a `w:rPr`.
    pub fn of(rpr: Option<&El>) -> RunProps {
        let Some(r) = rpr else {
            return RunProps::default();
        };
        let font = r
            .child("rFonts")
            .and_then(|f| f.attr("ascii").or_else(|| f.attr("hAnsi")))
            .map(str::to_string);
        RunProps {
            font,
            size: num(r.val("sz")).and_then(|n| u32::try_from(n).ok()),
            bold: on(r.child("b")),
            italic: on(r.child("i")),
            caps: on(r.child("caps")),
            underline: on(r.child("u")),
        }
    }

    /// `over` laid on these properties.
    pub fn then(&self, over: &RunProps) -> RunProps {
        RunProps {
            font: over.font.clone().or_else(|| self.font.clone()),
            size: over.size.or(self.size),
            bold: over.bold.or(self.bold),
            italic: over.italic.or(self.italic),
            caps: over.caps.or(self.caps),
            underline: over.underline.or(self.underline),
        }
    }
}

impl ParaProps {
    /// The properties of a `w:pPr`.
    pub fn of(ppr: Option<&El>) -> ParaProps {
        let Some(p) = ppr else {
            return ParaProps::default();
        };
        let sp = p.child("spacing");
        let ind = p.child("ind");
        let first = ind
            .and_then(|i| num(i.attr("firstLine")).or_else(|| num(i.attr("hanging")).map(|h| -h)));
        let border_bottom = p.child("pBdr").map(|b| {
            b.child("bottom")
                .is_some_and(|e| !matches!(e.attr("val"), Some("nil" | "none") | None))
        });
        ParaProps {
            align: p.val("jc").map(str::to_string),
            before: sp.and_then(|s| num(s.attr("before"))),
            after: sp.and_then(|s| num(s.attr("after"))),
            line: sp.and_then(|s| num(s.attr("line"))),
            line_rule: sp.and_then(|s| s.attr("lineRule")).map(str::to_string),
            first,
            left: ind.and_then(|i| num(i.attr("left")).or_else(|| num(i.attr("start")))),
            right: ind.and_then(|i| num(i.attr("right")).or_else(|| num(i.attr("end")))),
            border_bottom,
            page_break_before: on(p.child("pageBreakBefore")),
            num_id: p
                .child("numPr")
                .and_then(|n| n.val("numId"))
                .map(str::to_string),
            ilvl: p
                .child("numPr")
                .and_then(|n| n.val("ilvl"))
                .and_then(|v| v.trim().parse::<usize>().ok()),
        }
    }

    /// `over` laid on these properties.
    pub fn then(&self, over: &ParaProps) -> ParaProps {
        ParaProps {
            align: over.align.clone().or_else(|| self.align.clone()),
            before: over.before.or(self.before),
            after: over.after.or(self.after),
            line: over.line.or(self.line),
            line_rule: over.line_rule.clone().or_else(|| self.line_rule.clone()),
            first: over.first.or(self.first),
            left: over.left.or(self.left),
            right: over.right.or(self.right),
            border_bottom: over.border_bottom.or(self.border_bottom),
            page_break_before: over.page_break_before.or(self.page_break_before),
            num_id: over.num_id.clone().or_else(|| self.num_id.clone()),
            ilvl: over.ilvl.or(self.ilvl),
        }
    }
}

/// One style of `styles.xml`.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    para: ParaProps,
    run: RunProps,
}

/// The styles of a document, for resolving.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    defaults_run: RunProps,
    defaults_para: ParaProps,
    default_para_style: Option<String>,
    styles: HashMap<String, Style>,
}

/// Longest basedOn chain followed (a cycle stops here).
const MAX_CHAIN: usize = 32;

impl Styles {
    /// The styles of a `w:styles` root.
    pub fn of(root: Option<&El>) -> Styles {
        let mut s = Styles::default();
        let Some(root) = root else {
            return s;
        };
        if let Some(d) = root.child("docDefaults") {
            s.defaults_run = RunProps::of(d.child("rPrDefault").and_then(|r| r.child("rPr")));
            s.defaults_para = ParaProps::of(d.child("pPrDefault").and_then(|r| r.child("pPr")));
        }
        for st in root.children_named("style") {
            let Some(id) = st.attr("styleId") else {
                continue;
            };
            if st.attr("type") == Some("paragraph")
                && matches!(st.attr("default"), Some("1" | "true" | "on"))
            {
                s.default_para_style = Some(id.to_string());
            }
            s.styles.insert(
                id.to_string(),
                Style {
                    based_on: st.val("basedOn").map(str::to_string),
                    para: ParaProps::of(st.child("pPr")),
                    run: RunProps::of(st.child("rPr")),
                },
            );
        }
        s
    }

    /// The chain of a style, the root first.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut cur = Some(id.to_string());
        while let Some(c) = cur {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(st) = self.styles.get(&c) else {
                break;
            };
            out.push(st);
            cur = st.based_on.clone();
        }
        out.reverse();
        out
    }

    /// The paragraph and run properties a paragraph style gives (defaults included).
    pub fn paragraph(&self, style: Option<&str>) -> (ParaProps, RunProps) {
        let mut p = self.defaults_para.clone();
        let mut r = self.defaults_run.clone();
        let id = style
            .map(str::to_string)
            .or_else(|| self.default_para_style.clone());
        if let Some(id) = id {
            for st in self.chain(&id) {
                p = p.then(&st.para);
                r = r.then(&st.run);
            }
        }
        (p, r)
    }

    /// The run properties a character style adds.
    pub fn character(&self, style: &str) -> RunProps {
        let mut r = RunProps::default();
        for st in self.chain(style) {
            r = r.then(&st.run);
        }
        r
    }
}
