//! What every document of a run shares, loaded once: the templates, the kind catalogue and
//! the layout profiles, built in or overridden by files of the same name in `--templates`.

use std::path::Path;

use crate::data::Catalogue;
use crate::data::source::{MAX_AUX_BYTES, read_in_folder};
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
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(format!("thư mục mẫu {} không tồn tại", d.display()));
        }
        let read_override = |name: &str| -> Result<Option<String>, String> {
            match dir {
                Some(d) => read_in_folder(d, name, MAX_AUX_BYTES).map_err(|e| e.to_string()),
                None => Ok(None),
            }
        };
        let catalogue = match read_override("kinds.toml")? {
            Some(t) => Catalogue::builtin_with(&t)?,
            None => Catalogue::builtin()?,
        };
        let profiles = match read_override("profiles.toml")? {
            Some(t) => Profiles::parse(&t)?,
            None => Profiles::builtin()?,
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
