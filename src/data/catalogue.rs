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

impl Catalogue {
    /// The built-in catalogue.
    pub fn builtin() -> Result<Catalogue, String> {
        Catalogue::parse(BUILTIN)
    }

    /// Parse a catalogue file.
    pub fn parse(text: &str) -> Result<Catalogue, String> {
        let mut raw: BTreeMap<String, Kind> =
            toml::from_str(text).map_err(|e| format!("kinds.toml: {e}"))?;
        for (id, k) in raw.iter_mut() {
            k.id = id.clone();
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
    }
}
