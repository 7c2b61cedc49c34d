//! The catalogue: the named types of the libraries the overlay uses
//! (`types.yaml`), looked up by the vendor's type name or the spec name.

use std::collections::HashMap;
use std::path::Path;

use crate::spec::load::SpecSet;

/// A catalogue type: its spec name and what the importer needs to know.
#[derive(Clone, Debug)]
pub(super) struct CatalogueType {
    pub(super) name: String,
    pub(super) doc: String,
    pub(super) secret: bool,
    pub(super) is_array: bool,
}

/// The named types of the libraries the overlay uses, by vendor name.
#[derive(Clone, Debug, Default)]
pub(super) struct Catalogue {
    pub(super) by_vendor: HashMap<String, CatalogueType>,
    pub(super) by_name: HashMap<String, CatalogueType>,
}

impl Catalogue {
    pub(super) fn from_set(set: &SpecSet, overlay: &Path) -> Self {
        let mut catalogue = Catalogue::default();
        for (path, file) in &set.files {
            if path == overlay {
                continue;
            }
            for (name, def) in file.spec.types.iter() {
                let entry = CatalogueType {
                    name: name.value.clone(),
                    doc: def.doc.value.clone(),
                    secret: def.secret,
                    is_array: def.array.is_some(),
                };
                if let Some(vendor) = &def.vendor_name {
                    catalogue.by_vendor.insert(vendor.clone(), entry.clone());
                }
                catalogue.by_name.insert(name.value.clone(), entry);
            }
        }
        catalogue
    }
}
