//! Liquid Web's machine-readable API documentation (`docs.json`) → spec YAML.
//!
//! The source is `{ "Section/Name": { "__description", "__methods": { method:
//! { "__description", "__input": {field: spec}, "__output": {field: spec} } } }
//! }`; a field spec has `type` (a vendor type name such as `POSITIVE_INT`,
//! `ARRAY[WORD]`, `A|B`, `TEXT_GENERAL[80]`), `type_description`,
//! `optional`/`required`, `required_if`, `default`, `enum`, `array_of`,
//! `structure`, `allow_empty` and `no_trim`.
//!
//! How each is mapped (spec/README.md, "Importing Liquid Web's docs.json",
//! says the same for spec maintainers):
//!
//! * `type` is looked up by `vendor_name` in the type libraries the overlay
//!   uses (the catalogue, `types.yaml`); `STRING`, `INTEGER` and `FLOAT` are
//!   the builtins. A name not found is reported and written as `json`.
//! * `structure` becomes an `object` type of its own, `array_of` an `array`
//!   type (the catalogue's `ARRAY[X]` when it has one), `enum` an `enum`
//!   type; identical ones are shared. They are named after where they first
//!   appear: `{last section part}{method}{field…}`.
//! * Parameters are required exactly where `required` is 1. Returned fields
//!   are present unless `optional` is 1, `required` is 0, or `required_if`
//!   makes them conditional.
//! * `required_if` on a parameter is kept (conditions naming no parameter
//!   of the method are dropped and reported); on a returned field it becomes
//!   a doc note, since the field is optional anyway.
//! * `allow_empty` on a returned non-list value becomes `allow_empty: true`
//!   (an empty value reads as absent); on a list it needs nothing (lists may
//!   be empty); on a parameter it is a doc note. `no_trim` is a doc note.
//! * An output described only as "One or more keys matching: …" becomes a
//!   `map` type that the whole response is (`returns_map`).
//! * Methods taking `page_num` and returning `items` and `page_total` get
//!   `paging`.
//! * A method description's `name: text` list ("Fields:", "Here's a
//!   rundown of what the returned fields mean:") gives each parameter or
//!   returned field it names its `doc`, and leaves the description; entries
//!   naming no member stay in it and are reported (`field_list`).
//! * Members named like a password, token or ticket secret, or typed
//!   `PRIVATE_KEY` or a secret catalogue type, are `secret`.
//!
//! The overlay (`v1.overlay.yaml` beside the output) supplies the `api`
//! block, which is copied verbatim, and hand-transcribed methods, which
//! replace the imported ones; every difference from the source is written
//! as a note on the method. A method marked `additions: true` instead adds
//! its parameters and returned fields to the imported method (the
//! overlay's winning per name), with notes naming what the source lacked;
//! a returned field keyed by a path (`items[].memory`) goes inside a made
//! type, and `type: Section/method:path` names one (`nested`);
//! `type: Section/method:[]` is a list of the record that method returns,
//! made once every method is merged (`records`).
//!
//! Layout: `importer` walks docs.json, `members` maps one field,
//! `field_list` places the descriptions' field lists, `made`
//! makes and names the types nested fields need (`catalogue` and `context`
//! serve them); `overlay` checks the overlay, `merge` lays its
//! transcriptions over the import, `records` makes the lists of another
//! method's record, `write` writes and checks the result.

mod additions;
mod catalogue;
mod context;
mod field_list;
mod importer;
mod made;
mod members;
mod merge;
mod nested;
mod overlay;
mod records;
mod write;

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportError, Report};
use crate::spec::load;
use catalogue::Catalogue;
use importer::Importer;
use merge::merge;
use overlay::{check_overlay_contents, check_overlay_place, overlay_error};
use write::{self_check, write};

/// What to import and where it goes.
#[derive(Clone, Debug)]
pub struct Options {
    /// The vendor's `docs.json`.
    pub docs: PathBuf,
    /// The spec file to write (or compare, with `--check`).
    pub out: PathBuf,
    /// The hand-written overlay; by default `<out stem>.overlay.yaml`.
    pub overlay: PathBuf,
}

impl Options {
    /// Options with the default overlay path for `out`.
    pub fn new(docs: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        let out = out.into();
        let overlay = default_overlay(&out);
        Options {
            docs: docs.into(),
            out,
            overlay,
        }
    }
}

/// `spec/liquidweb/v1.yaml` → `spec/liquidweb/v1.overlay.yaml`.
pub fn default_overlay(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!("{stem}.overlay.yaml"))
}

/// An import's result: the spec text and the report.
#[derive(Clone, Debug)]
pub struct Imported {
    pub text: String,
    pub report: Report,
    pub sections: usize,
    pub methods: usize,
    /// Types the importer made (enums, objects, lists, maps).
    pub types: usize,
    /// Methods the overlay's transcriptions replaced or added.
    pub from_overlay: usize,
}

/// Imports `options.docs`, merges the overlay, and checks the result as a
/// spec. Nothing is written; see [`crate::output::write_atomic`].
pub fn import(options: &Options) -> Result<Imported, ImportError> {
    let source = read(&options.docs)?;
    let docs: Value = serde_json::from_str(&source).map_err(|e| ImportError::Json {
        path: options.docs.clone(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let overlay_path = load::normalize(&options.overlay);
    check_overlay_place(&overlay_path, &options.out)?;
    let set = load::load_paths(std::slice::from_ref(&overlay_path)).map_err(ImportError::Spec)?;
    let overlay = set
        .get(&overlay_path)
        .ok_or_else(|| overlay_error(&overlay_path, "could not be loaded"))?;
    check_overlay_contents(overlay)?;
    // The overlay is an API file in its own right: its mistakes are reported
    // at its own lines, not at the output's.
    crate::ir::build(&set).map_err(ImportError::Spec)?;
    let catalogue = Catalogue::from_set(&set, &overlay_path);

    let mut importer = Importer::new(&options.docs, catalogue);
    let sections = importer.sections(&docs)?;
    let source_name = importer.source.clone();
    let mut merged = merge(
        &source_name,
        sections,
        overlay,
        &mut importer.types,
        &mut importer.report,
    )
    .map_err(ImportError::Spec)?;
    records::resolve(&mut importer, &overlay.path, &mut merged.sections)
        .map_err(ImportError::Spec)?;
    importer.drop_unused(&merged.sections);
    let text = write(options, overlay, &importer, &merged)?;
    self_check(&options.out, &text, &set, &overlay_path)?;
    Ok(Imported {
        text,
        report: importer.report,
        sections: merged.sections.len(),
        methods: merged.sections.iter().map(|(_, s)| s.methods.len()).sum(),
        types: importer.types.len(),
        from_overlay: merged.from_overlay,
    })
}

fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|error| ImportError::Io {
        path: path.to_path_buf(),
        error,
    })
}
