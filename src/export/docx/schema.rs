//! The WordprocessingML schema's child order, and the one fix-up pass that makes docx-rs's
//! parts follow it.
//!
//! docx-rs writes the children of many property elements (pPr, rPr, tblPr, sectPr, style,
//! numbering levels …) out of the order the schema's `xsd:sequence` demands, writes empty
//! placeholders where the schema allows no such child (`<w:rPr/>` inside a style's `pPr`), and
//! a `w:type` attribute on `w:gridCol`. Word may "repair" or refuse such files. [`conform`]
//! walks a whole part once and, for each element whose content model is listed here, sorts its
//! children into the schema's sequence, drops empty children the schema does not allow there,
//! and drops the attributes the schema forbids. It knows nothing of what the exporter built.
//!
//! The sequences are the child lists of the complex types in ECMA-376 Part 1 (transitional
//! `wml.xsd`, with the Office 2010+ extensions), as carried in openxml-audit 0.8.0's schema
//! data, which is also what the tests validate against. The element a name denotes depends on
//! its parent (a `w:rPr` in a run is `CT_RPr`, in a paragraph's `w:pPr` it is `CT_ParaRPr`, in
//! a style `CT_RPrStyle`), so rules are looked up by (parent, element).

use super::DocxError;
use super::xml::{Element, Node};

/// How the children of an element are ordered.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Exactly these children may occur, in this order.
    Sequence(&'static [&'static str]),
    /// These children come first, in this order; the others follow in their own order.
    Leading(&'static [&'static str]),
}

/// Attributes the schema does not allow on an element: (element, attribute).
const FORBIDDEN_ATTRS: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// The content model of `name` inside `parent`, where we know it.
fn rule(parent: &str, name: &str) -> Option<Rule> {
    use Rule::{Leading, Sequence};
    let rule = match (parent, name) {
        ("w:p", "w:pPr") => Sequence(PPR),
        ("w:style", "w:pPr") => Sequence(PPR_STYLE),
        ("w:pPrDefault", "w:pPr") => Sequence(PPR_BASE),
        ("w:lvl", "w:pPr") => Sequence(PPR_LVL),
        ("w:r", "w:rPr") => Sequence(RPR),
        ("w:pPr", "w:rPr") => Sequence(RPR_PARA),
        ("w:style", "w:rPr") => Sequence(RPR_STYLE),
        ("w:rPrDefault", "w:rPr") => Sequence(RPR_BASE),
        ("w:lvl", "w:rPr") => Sequence(RPR_LVL),
        ("w:tbl", "w:tblPr") => Sequence(TBL_PR),
        ("w:tc", "w:tcPr") => Sequence(TC_PR),
        ("w:settings", "w:footnotePr") => Sequence(FOOTNOTE_PR_DOC),
        (_, "w:sectPr") => Sequence(SECT_PR),
        (_, "w:style") => Sequence(STYLE),
        (_, "w:styles") => Sequence(STYLES),
        (_, "w:docDefaults") => Sequence(DOC_DEFAULTS),
        (_, "w:tblBorders") => Sequence(TBL_BORDERS),
        (_, "w:tcBorders") => Sequence(TC_BORDERS),
        (_, "w:pBdr") => Sequence(P_BDR),
        (_, "w:tblCellMar") => Sequence(TBL_CELL_MAR),
        (_, "w:tcMar") => Sequence(TC_MAR),
        (_, "w:tblGrid") => Sequence(TBL_GRID),
        (_, "w:numbering") => Sequence(NUMBERING),
        (_, "w:abstractNum") => Sequence(ABSTRACT_NUM),
        (_, "w:num") => Sequence(NUM),
        (_, "w:lvl") => Sequence(LVL),
        (_, "w:settings") => Sequence(SETTINGS),
        (_, "w:compat") => Sequence(COMPAT),
        (_, "w:p") => Leading(&["w:pPr"]),
        (_, "w:r") => Leading(&["w:rPr"]),
        (_, "w:tbl") => Leading(&["w:tblPr", "w:tblGrid"]),
        (_, "w:tr") => Leading(&["w:tblPrEx", "w:trPr"]),
        (_, "w:tc") => Leading(&["w:tcPr"]),
        _ => return None,
    };
    Some(rule)
}

/// Brings `root` and everything below it into the schema's order (see the module docs).
/// Fails on content the schema does not allow that is not an empty placeholder: dropping it
/// would lose formatting, so it is a bug to fix where it is made.
pub(super) fn conform(root: &mut Element) -> Result<(), DocxError> {
    conform_in("", root)
}

fn conform_in(parent: &str, e: &mut Element) -> Result<(), DocxError> {
    let name = e.name.clone();
    for child in e.elements_mut() {
        conform_in(&name, child)?;
    }
    e.attrs
        .retain(|(k, _)| !FORBIDDEN_ATTRS.contains(&(name.as_str(), k.as_str())));
    match rule(parent, &name) {
        Some(Rule::Sequence(order)) => sequence(e, parent, order),
        Some(Rule::Leading(first)) => {
            leading(e, first);
            Ok(())
        }
        None => Ok(()),
    }
}

fn sequence(e: &mut Element, parent: &str, order: &[&str]) -> Result<(), DocxError> {
    let mut ranked = Vec::with_capacity(e.children.len());
    for node in std::mem::take(&mut e.children) {
        match node {
            Node::Element(c) => match order.iter().position(|n| *n == c.name) {
                Some(rank) => ranked.push((rank, c)),
                None if c.attrs.is_empty() && c.children.is_empty() => {}
                None => {
                    return Err(DocxError::new(format!(
                        "<{}> inside <{}> (in <{parent}>) is not allowed by the schema",
                        c.name, e.name
                    )));
                }
            },
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) | Node::Raw(_) => {
                return Err(DocxError::new(format!(
                    "unexpected text inside <{}> (in <{parent}>)",
                    e.name
                )));
            }
        }
    }
    // A stable sort: repeated children (several w:style, w:lvl) keep their order.
    ranked.sort_by_key(|(rank, _)| *rank);
    e.children = ranked.into_iter().map(|(_, c)| Node::Element(c)).collect();
    Ok(())
}

fn leading(e: &mut Element, first: &[&str]) {
    let rank = |n: &Node| match n {
        Node::Element(c) => first
            .iter()
            .position(|f| *f == c.name)
            .unwrap_or(first.len()),
        _ => first.len(),
    };
    e.children.sort_by_key(rank);
}

/// `w:CT_PPr`.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
/// `w:CT_PPrStyle`.
const PPR_STYLE: &[&str] = &[
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:pPrChange",
];
/// `w:CT_PPrBaseStyleable`.
const PPR_BASE: &[&str] = &[
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
];
/// `w:CT_PPrBase`.
const PPR_LVL: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
];
/// `w:CT_RPr`.
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w14:glow",
    "w14:shadow",
    "w14:reflection",
    "w14:textOutline",
    "w14:textFill",
    "w14:scene3d",
    "w14:props3d",
    "w14:ligatures",
    "w14:numForm",
    "w14:numSpacing",
    "w14:stylisticSets",
    "w14:cntxtAlts",
    "w:rPrChange",
];
/// `w:CT_ParaRPr`.
const RPR_PARA: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w14:conflictIns",
    "w14:conflictDel",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w14:glow",
    "w14:shadow",
    "w14:reflection",
    "w14:textOutline",
    "w14:textFill",
    "w14:scene3d",
    "w14:props3d",
    "w14:ligatures",
    "w14:numForm",
    "w14:numSpacing",
    "w14:stylisticSets",
    "w14:cntxtAlts",
    "w:oMath",
    "w:rPrChange",
];
/// `w:CT_RPrStyle`.
const RPR_STYLE: &[&str] = &[
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:rPrChange",
];
/// `w:CT_RPrBaseStyleable`.
const RPR_BASE: &[&str] = &[
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
];
/// `w:CT_RPrList`.
const RPR_LVL: &[&str] = &[
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
];
/// `w:CT_TblPr`.
const TBL_PR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];
/// `w:CT_TcPr`.
const TC_PR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];
/// `w:CT_SectPr`.
const SECT_PR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w15:footnoteColumns",
    "w:sectPrChange",
];
/// `w:CT_Style`.
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];
/// `w:CT_Styles`.
const STYLES: &[&str] = &["w:docDefaults", "w:latentStyles", "w:style"];
/// `w:CT_DocDefaults`.
const DOC_DEFAULTS: &[&str] = &["w:rPrDefault", "w:pPrDefault"];
/// `w:CT_TblBorders`.
const TBL_BORDERS: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:insideH",
    "w:insideV",
];
/// `w:CT_TcBorders`.
const TC_BORDERS: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:insideH",
    "w:insideV",
    "w:tl2br",
    "w:tr2bl",
];
/// `w:CT_PBdr`.
const P_BDR: &[&str] = &[
    "w:top",
    "w:left",
    "w:bottom",
    "w:right",
    "w:between",
    "w:bar",
];
/// `w:CT_TblCellMar`.
const TBL_CELL_MAR: &[&str] = &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"];
/// `w:CT_TcMar`.
const TC_MAR: &[&str] = &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"];
/// `w:CT_Numbering`.
const NUMBERING: &[&str] = &[
    "w:numPicBullet",
    "w:abstractNum",
    "w:num",
    "w:numIdMacAtCleanup",
];
/// `w:CT_AbstractNum`.
const ABSTRACT_NUM: &[&str] = &[
    "w:nsid",
    "w:multiLevelType",
    "w:tmpl",
    "w:name",
    "w:styleLink",
    "w:numStyleLink",
    "w:lvl",
];
/// `w:CT_Num`.
const NUM: &[&str] = &["w:abstractNumId", "w:lvlOverride"];
/// `w:CT_Lvl`.
const LVL: &[&str] = &[
    "w:start",
    "w:numFmt",
    "w:lvlRestart",
    "w:pStyle",
    "w:isLgl",
    "w:suff",
    "w:lvlText",
    "w:lvlPicBulletId",
    "w:legacy",
    "w:lvlJc",
    "w:pPr",
    "w:rPr",
];
/// `w:CT_Settings`.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:uiCompat97To2003",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:decimalSymbol",
    "w:listSeparator",
    "w14:docId",
    "w14:discardImageEditingData",
    "w14:defaultImageDpi",
    "w14:conflictMode",
    "w15:chartTrackingRefBased",
    "w15:docId",
];
/// `w:CT_FtnDocProps`.
const FOOTNOTE_PR_DOC: &[&str] = &[
    "w:pos",
    "w:numFmt",
    "w:numStart",
    "w:numRestart",
    "w:footnote",
];
/// `w:CT_Compat`.
const COMPAT: &[&str] = &[
    "w:useSingleBorderforContiguousCells",
    "w:wpJustification",
    "w:noTabHangInd",
    "w:noLeading",
    "w:spaceForUL",
    "w:noColumnBalance",
    "w:balanceSingleByteDoubleByteWidth",
    "w:noExtraLineSpacing",
    "w:doNotLeaveBackslashAlone",
    "w:ulTrailSpace",
    "w:doNotExpandShiftReturn",
    "w:spacingInWholePoints",
    "w:lineWrapLikeWord6",
    "w:printBodyTextBeforeHeader",
    "w:printColBlack",
    "w:wpSpaceWidth",
    "w:showBreaksInFrames",
    "w:subFontBySize",
    "w:suppressBottomSpacing",
    "w:suppressTopSpacing",
    "w:suppressSpacingAtTopOfPage",
    "w:suppressTopSpacingWP",
    "w:suppressSpBfAfterPgBrk",
    "w:swapBordersFacingPages",
    "w:convMailMergeEsc",
    "w:truncateFontHeightsLikeWP6",
    "w:mwSmallCaps",
    "w:usePrinterMetrics",
    "w:doNotSuppressParagraphBorders",
    "w:wrapTrailSpaces",
    "w:footnoteLayoutLikeWW8",
    "w:shapeLayoutLikeWW8",
    "w:alignTablesRowByRow",
    "w:forgetLastTabAlignment",
    "w:adjustLineHeightInTable",
    "w:autoSpaceLikeWord95",
    "w:noSpaceRaiseLower",
    "w:doNotUseHTMLParagraphAutoSpacing",
    "w:layoutRawTableWidth",
    "w:layoutTableRowsApart",
    "w:useWord97LineBreakRules",
    "w:doNotBreakWrappedTables",
    "w:doNotSnapToGridInCell",
    "w:selectFldWithFirstOrLastChar",
    "w:applyBreakingRules",
    "w:doNotWrapTextWithPunct",
    "w:doNotUseEastAsianBreakRules",
    "w:useWord2002TableStyleRules",
    "w:growAutofit",
    "w:useFELayout",
    "w:useNormalStyleForList",
    "w:doNotUseIndentAsNumberingTabStop",
    "w:useAltKinsokuLineBreakRules",
    "w:allowSpaceOfSameStyleInTable",
    "w:doNotSuppressIndentation",
    "w:doNotAutofitConstrainedTables",
    "w:autofitToFirstFixedWidthCell",
    "w:underlineTabInNumList",
    "w:displayHangulFixedWidth",
    "w:splitPgBreakAndParaMark",
    "w:doNotVertAlignCellWithSp",
    "w:doNotBreakConstrainedForcedTable",
    "w:doNotVertAlignInTxbx",
    "w:useAnsiKerningPairs",
    "w:cachedColBalance",
    "w:compatSetting",
];
/// `w:CT_TblGrid`.
const TBL_GRID: &[&str] = &["w:gridCol", "w:tblGridChange"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::docx::xml::{parse, write};

    fn fix(src: &str) -> String {
        let mut root = parse("test", src.as_bytes()).unwrap();
        conform(&mut root).unwrap();
        let out = String::from_utf8(write(&root)).unwrap();
        out.split_once("?>").map(|(_, b)| b.to_string()).unwrap()
    }

    #[test]
    fn sorts_by_context_and_drops_placeholders() {
        assert_eq!(
            fix(
                r#"<w:p><w:r><w:t>x</w:t><w:rPr><w:sz w:val="2"/><w:b/></w:rPr></w:r><w:pPr><w:rPr/><w:jc w:val="center"/><w:pStyle w:val="A"/></w:pPr></w:p>"#
            ),
            r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="center"/><w:rPr/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="2"/></w:rPr><w:t>x</w:t></w:r></w:p>"#
        );
        // In a style, pPr may hold no rPr: the empty placeholder goes.
        assert_eq!(
            fix(
                r#"<w:style><w:rPr/><w:pPr><w:rPr/><w:jc w:val="left"/></w:pPr><w:qFormat/><w:name w:val="n"/><w:basedOn w:val="Normal"/></w:style>"#
            ),
            r#"<w:style><w:name w:val="n"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="left"/></w:pPr><w:rPr/></w:style>"#
        );
        assert_eq!(
            fix(r#"<w:tblGrid><w:gridCol w:w="10" w:type="dxa"/></w:tblGrid>"#),
            r#"<w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>"#
        );
    }

    #[test]
    fn refuses_to_drop_content() {
        let mut root = parse(
            "t",
            br#"<w:style><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:style>"#,
        )
        .unwrap();
        assert!(conform(&mut root).is_err());
    }
}
