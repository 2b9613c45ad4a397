//! `vanban schema`: the committed schema is what the program prints, and every sample points
//! YAML editors at it.

mod common;

use common::{root, vanban};

const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../schemas/vanban.schema.json";

#[test]
fn committed_schema_matches_the_model() {
    let out = vanban(&["schema"]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    let committed = std::fs::read_to_string(root().join("schemas/vanban.schema.json"))
        .expect("schemas/vanban.schema.json exists");
    assert!(
        printed == committed,
        "schemas/vanban.schema.json is out of date with src/data/model.rs; regenerate it with\n  cargo run -- schema > schemas/vanban.schema.json"
    );
    let v: serde_json::Value = serde_json::from_str(&printed).expect("the schema is JSON");
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    // deny_unknown_fields becomes additionalProperties: false, so editors flag typos
    assert_eq!(v["additionalProperties"], false);
    // the descriptions clerks see in their editor are Vietnamese
    let subject = v["properties"]["subject"]["description"].as_str().unwrap();
    assert!(subject.contains("Trích yếu"), "{subject}");
    // the signature's `for` keeps its serde name
    assert!(v["definitions"]["SignatureIn"]["properties"]["for"].is_object());
    // untagged enums: a number or a text
    let scalar = v["definitions"]["Scalar"]["anyOf"].as_array().unwrap();
    assert_eq!(scalar.len(), 2);
}

#[test]
fn every_sample_starts_with_the_schema_line() {
    let mut n = 0;
    for e in std::fs::read_dir(root().join("samples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            let text = std::fs::read_to_string(&p).unwrap();
            assert_eq!(
                text.lines().next(),
                Some(SCHEMA_LINE),
                "{} must start with the line\n{SCHEMA_LINE}",
                p.display()
            );
            n += 1;
        }
    }
    assert!(n >= 10, "{n} samples");
}
