//! What every document of a run shares, loaded once: the templates, the kind catalogue and
//! the layout profiles, built in or overridden by files of the same name in `--templates`.

use std::path::Path;

use crate::data::Catalogue;
use crate::data::source::{MAX_AUX_BYTES, read_in_folder};
use crate::diag::{Bi, Lang};
use crate::doc::profile::Profiles;
use crate::template::Templates;

/// Templates, catalogue and profiles of a run.
pub struct Resources {
    templates: Templates,
    catalogue: Catalogue,
    profiles: Profiles,
    /// Whether `--templates` was given (messages about a template name it only then).
    custom: bool,
}

impl Resources {
    /// The built-in resources, overridden by `kinds.toml` (entry by entry), `profiles.toml`
    /// and `*.vb` files in `dir` if given. A file in `dir` that resolves outside it (a symbolic link) is
    /// refused, never read.
    pub fn load(dir: Option<&Path>) -> Result<Self, String> {
        Self::load_bi(dir).map_err(|b| b.vi)
    }

    /// As [`Resources::load`], the message in both languages (`check --lang en`).
    pub fn load_bi(dir: Option<&Path>) -> Result<Self, Bi> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Bi::new(
                format!("thư mục mẫu {} không tồn tại", d.display()),
                format!("the templates folder {} does not exist", d.display()),
            ));
        }
        let read_override = |name: &str| -> Result<Option<String>, Bi> {
            match dir {
                Some(d) => read_in_folder(d, name, MAX_AUX_BYTES).map_err(|e| {
                    let mut en = (*e).clone();
                    en.message = e.message_in(Lang::En).to_string();
                    en.hint = e.hint_in(Lang::En).map(str::to_string);
                    // The caller prints its own "lỗi:"/"error:" before the text.
                    let vi = e.to_string();
                    let en = en.to_text(true);
                    Bi::new(
                        vi.strip_prefix("lỗi: ").unwrap_or(&vi).to_string(),
                        en.strip_prefix("error: ").unwrap_or(&en).to_string(),
                    )
                }),
                None => Ok(None),
            }
        };
        // The kind catalogue's messages are Vietnamese only.
        let same = |s: String| Bi::new(s.clone(), s);
        let catalogue = match read_override("kinds.toml")? {
            Some(t) => Catalogue::builtin_with(&t).map_err(same)?,
            None => Catalogue::builtin().map_err(same)?,
        };
        let profiles = match read_override("profiles.toml")? {
            Some(t) => Profiles::parse_bi(&t)?,
            None => Profiles::builtin().map_err(same)?,
        };
        let templates = Templates::new(dir);
        Ok(Resources {
            templates,
            catalogue,
            profiles,
            custom: dir.is_some(),
        })
    }

    /// The built-in resources.
    pub fn builtin() -> Result<Self, String> {
        Self::load(None)
    }

    /// The template environment.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The kind catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Whether the run has a `--templates` folder.
    pub fn custom(&self) -> bool {
        self.custom
    }

    /// The layout profiles.
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }
}
