//! Unit tests of the loader's reading of parser errors.

use super::*;

#[test]
fn reads_serde_errors_as_problems() {
    assert_eq!(
        serde_problem("missing field `name`", Syntax::Json),
        Problem::MissingField {
            field: "name".into(),
            syntax: Syntax::Json
        }
    );
    let p = serde_problem(
        "unknown field `nam`, expected one of `name`, `parent`",
        Syntax::Json,
    );
    let Problem::UnknownField { near, valid, .. } = &p else {
        panic!("{p:?}")
    };
    assert_eq!(near.as_deref(), Some("name"));
    assert_eq!(valid, &["name", "parent"]);
    assert_eq!(
        key_on_line("a: 1\n  copies: ba\n", 2).as_deref(),
        Some("copies")
    );
    assert_eq!(
        key_on_line("\"copies\": \"ba\"", 1).as_deref(),
        Some("copies")
    );
    assert_eq!(key_on_line("  - Một đoạn: văn", 1), None);
    assert_eq!(edit_distance("subjet", "subject"), 1);
}

#[test]
fn json_and_toml_problems_have_line_column_and_english() {
    let cat = Catalogue::builtin().expect("catalogue");
    let err = |name: &str, text: &str| {
        let path = Path::new(name);
        let format = Format::of(path).expect("format");
        parse_str(path, format, text, Stage::Draft, &cat).expect_err("an error")
    };
    let d = &err(
        "a.json",
        "{\n  \"kind\": \"cong-van\",\n  \"subjet\": \"x\"\n}\n",
    )[0];
    assert_eq!(d.line, Some(3));
    assert!(matches!(
        d.span,
        Some(Span::File {
            line: 3,
            column: Some(_)
        })
    ));
    assert!(
        d.message_in(crate::diag::Lang::En)
            .contains("did you mean `subject`?")
    );
    let d = &err("b.toml", "kind = \"cong-van\"\ncopies = \"ba\"\n")[0];
    assert_eq!(d.line, Some(2));
    assert_eq!(d.field.as_deref(), Some("copies"));
    // a problem found after reading gets its line from the field path
    let toml = "kind = \"cong-van\"\nsymbol = \"UBND-VP\"\nplace = \"X\"\ndate = \"05/07/2024\"\nsubject = \"s\"\nbody = [\"a\"]\ndistribution = [\"Như trên\"]\narchive = \"VT\"\n[issuer]\nname = [\"A\"]\n[signature]\ntitle = \"T\"\n";
    let all = err("c.toml", toml);
    let d = all
        .iter()
        .find(|d| d.field.as_deref() == Some("signature.name"))
        .expect("signature.name");
    assert_eq!(d.line, Some(11));
    assert_eq!(
        d.message_in(crate::diag::Lang::En),
        "missing the signer's name (box 7b)"
    );
}
