//! The catalogue of document kinds (`templates/kinds.toml`): name, code, template and the
//! parts each kind requires. Data, not code: a kind is added by editing the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The catalogue shipped with vanban.
pub const BUILTIN: &str = include_str!("../../templates/kinds.toml");

/// Which rules a kind follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    /// Nghị định 30/2020/NĐ-CP.
    State,
    /// The Party's rules (HD 36-HD/VPTW; QĐ 399-QĐ/TW).
    Party,
}

/// Whether a kind has a "Kính gửi" part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecipientsRule {
    /// Công văn: addressed with Kính gửi.
    Expected,
    /// Tờ trình, báo cáo: when sent up to a superior.
    Optional,
    /// Every other kind: only Nơi nhận.
    None,
}

/// One kind of document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// The id (`quyet-dinh`), filled from the table key.
    #[serde(default)]
    pub id: String,
    /// State or Party.
    pub system: System,
    /// Tên loại as printed ("QUYẾT ĐỊNH"); empty for a state công văn.
    pub name: String,
    /// The code in the number ("QĐ", "QyĐ", "CV"); empty for a state công văn.
    pub code: String,
    /// The template file.
    pub template: String,
    /// Kính gửi rule.
    pub recipients: RecipientsRule,
    /// Enacting line of a decision ("QUYẾT ĐỊNH:").
    #[serde(default)]
    pub decides: Option<String>,
    /// Whether the header has the place and date (false: biên bản).
    #[serde(default = "yes")]
    pub place_date: bool,
    /// Whether the title block has a trích yếu line (false: giấy giới thiệu, giấy nghỉ
    /// phép, Mẫu 1.8 and 1.10); without one the subject is optional.
    #[serde(default = "yes")]
    pub subject: bool,
    /// Extra input fields this kind needs.
    #[serde(default)]
    pub requires: Vec<String>,
}

fn yes() -> bool {
    true
}

/// All kinds, by id.
#[derive(Debug, Clone)]
pub struct Catalogue(BTreeMap<String, Kind>);

/// Most kinds a catalogue may hold after merging (docs/limits.md).
pub const MAX_KINDS: usize = 500;
/// Longest kind id, in bytes (docs/limits.md).
pub const MAX_ID_BYTES: usize = 64;

impl Catalogue {
    /// The built-in catalogue.
    pub fn builtin() -> Result<Catalogue, String> {
        Catalogue::parse(BUILTIN)
    }

    /// Parse a catalogue file.
    pub fn parse(text: &str) -> Result<Catalogue, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| format!("kinds.toml: {e}"))?;
        Catalogue::from_table(table)
    }

    /// The built-in catalogue with a `--templates` folder's `kinds.toml` laid over it entry
    /// by entry: a new id adds a kind; an id of the built-in catalogue changes only the keys
    /// the file gives (`[quyet-dinh]` with `template = "qd.vb"` keeps the name and code).
    pub fn builtin_with(over: &str) -> Result<Catalogue, String> {
        let mut base: toml::Table =
            toml::from_str(BUILTIN).map_err(|e| format!("kinds.toml (có sẵn): {e}"))?;
        let over: toml::Table = toml::from_str(over).map_err(|e| format!("kinds.toml: {e}"))?;
        for (id, entry) in over {
            let toml::Value::Table(keys) = entry else {
                return Err(format!(
                    "kinds.toml: `{id}` phải là một bảng `[{id}]` (the entry `{id}` must be a table)"
                ));
            };
            match base.get_mut(&id) {
                Some(toml::Value::Table(old)) => old.extend(keys),
                _ => {
                    base.insert(id, toml::Value::Table(keys));
                }
            }
        }
        Catalogue::from_table(base)
    }

    fn from_table(table: toml::Table) -> Result<Catalogue, String> {
        if table.len() > MAX_KINDS {
            return Err(format!(
                "kinds.toml: {} loại văn bản, tối đa {MAX_KINDS} ({} kinds, at most {MAX_KINDS})",
                table.len(),
                table.len()
            ));
        }
        let mut raw = BTreeMap::new();
        for (id, value) in table {
            let good = !id.is_empty()
                && id.len() <= MAX_ID_BYTES
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !good {
                return Err(format!(
                    "kinds.toml: mã loại `{}` chỉ gồm chữ thường không dấu, chữ số và `-`, tối đa {MAX_ID_BYTES} ký tự (a kind id is a-z, 0-9 and `-`, at most {MAX_ID_BYTES} bytes)",
                    id.chars().take(MAX_ID_BYTES).collect::<String>()
                ));
            }
            let mut kind: Kind = value
                .try_into()
                .map_err(|e| format!("kinds.toml, [{id}]: {e}"))?;
            kind.id = id.clone();
            raw.insert(id, kind);
        }
        Ok(Catalogue(raw))
    }

    /// The kind with this id.
    pub fn get(&self, id: &str) -> Option<&Kind> {
        self.0.get(id)
    }

    /// All ids, for messages.
    pub fn ids(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }

    /// All kinds.
    pub fn kinds(&self) -> impl Iterator<Item = &Kind> {
        self.0.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_codes() {
        let c = Catalogue::builtin().unwrap();
        assert_eq!(c.get("quy-dinh").unwrap().code, "QyĐ");
        assert_eq!(c.get("dang-quy-dinh").unwrap().code, "QĐ");
        assert_eq!(c.get("dang-ket-luan").unwrap().code, "KL");
        assert_eq!(c.get("cong-van").unwrap().code, "");
        assert!(!c.get("bien-ban").unwrap().place_date);
        for k in c.kinds() {
            assert_ne!(k.code, "QYĐ", "{}", k.id);
        }
        assert!(!c.get("giay-gioi-thieu").unwrap().subject);
        assert!(c.get("giay-moi").unwrap().subject);
    }

    #[test]
    fn a_templates_catalogue_merges_entry_by_entry() {
        let c = Catalogue::builtin_with(
            "[quyet-dinh]\ntemplate = \"qd.vb\"\n[x]\nsystem = \"state\"\nname = \"X\"\ncode = \"X\"\ntemplate = \"van-ban.vb\"\nrecipients = \"none\"\n",
        )
        .unwrap();
        let qd = c.get("quyet-dinh").unwrap();
        assert_eq!((qd.template.as_str(), qd.code.as_str()), ("qd.vb", "QĐ"));
        assert_eq!(qd.decides.as_deref(), Some("QUYẾT ĐỊNH:"));
        assert_eq!(c.get("x").unwrap().id, "x");
        assert!(c.get("thong-bao").is_some());
        assert!(Catalogue::builtin_with("[y]\nname = \"Y\"\n").is_err());
        assert!(Catalogue::builtin_with("[Y]\nname = \"Y\"\n").is_err());
        let many: String = (0..=MAX_KINDS)
            .map(|i| format!("[k{i}]\nsystem = \"state\"\nname = \"K\"\ncode = \"K\"\ntemplate = \"van-ban.vb\"\nrecipients = \"none\"\n"))
            .collect();
        assert!(Catalogue::builtin_with(&many).unwrap_err().contains("500"));
    }
}
