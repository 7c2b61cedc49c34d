//! The names generated code defines or relies on in each scope, so a spec
//! name that would take one is refused with a located error instead of
//! producing a crate that does not compile.
//!
//! Scopes, as emitted:
//! - the crate root: one module per API and per type library, `runtime`
//!   (the runtime re-exported), and the extern crates generated code names
//!   by path; cargo features: one per API plus `default`, `blocking`,
//!   `pattern`;
//! - an API's `mod.rs`: modules `errors`, `types`, `shared` (records
//!   several sections have in common) and one per section; the types
//!   `Client`, `BlockingClient`, `Credentials`, `Error`, `ApiError`
//!   and each section's accessor `Section` and `SectionBlocking`; the
//!   clients' methods `new`, `with_config`, `with_token_session`,
//!   `from_async`, `runtime` and one per section module;
//! - a section's module: its accessors, `ApiError`, `Error` and
//!   `MethodDescriptor` imports, a request and a response type per method,
//!   and a descriptor constant per method; the accessors' methods `new` and
//!   one (plus a paging helper) per method;
//! - `types.rs`: the named types, the imports `rules`, `Validate`,
//!   `Violation`, `Violations`, and one submodule per section that owns
//!   types (reserved in [`crate::naming`] and [`SECTION_MODULE`]);
//! - `errors.rs`: `ApiError`, the runtime's `ApiErrorType` and
//!   `RawApiError`, and a struct per error that documents fields.

/// Module names at the crate root besides the APIs' and libraries' own: the
/// runtime re-export and the crates generated code names by path, which a
/// module of the same name would shadow.
pub const CRATE_ROOT: &[&str] = &[
    "runtime",
    "hostapi_runtime",
    "hostapi_rules",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
];

/// Cargo features a generated crate defines besides one per API.
pub const FEATURES: &[&str] = &["default", "blocking", "pattern"];

/// Module names a section may not take inside its API's module: the API's
/// own modules, crates named by path, the submodule namespace of
/// `types.rs` (which imports `rules`), and the clients' methods (each
/// section is also a method of `Client`).
pub const SECTION_MODULE: &[&str] = &[
    "types",
    "errors",
    "shared",
    "rules",
    "hostapi_runtime",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
    "new",
    "with_config",
    "with_token_session",
    "from_async",
    "runtime",
    "clone",
];

/// Type names an API's `mod.rs` and section modules define or import, which
/// a section's accessor (`Section`, `SectionBlocking`) or a method's
/// request or response type may not take.
pub const API_TYPES: &[&str] = &[
    "Client",
    "BlockingClient",
    "Credentials",
    "Error",
    "ApiError",
    "MethodDescriptor",
];

/// Method names a section's accessor defines itself.
pub const ACCESSOR_METHODS: &[&str] = &["new", "client"];

/// Methods of the traits a section's accessors (`Section<'_>`,
/// `SectionBlocking<'_>`) implement, by derive or by std's blanket impls,
/// with the trait. An inherent method of the same name would win over the
/// trait's at every call site (`handle.clone()` would call the API), so a
/// spec method deriving one of these is renamed ([`trait_free_method`]).
/// The accessors implement `Clone`, `Copy` and `Debug` and nothing else, so
/// `eq`, `cmp`, `hash`, `default` or `to_string` shadow nothing there;
/// `Any::type_id` needs `'static`, which the accessors are not.
pub const ACCESSOR_TRAIT_METHODS: &[(&str, &str)] = &[
    ("clone", "Clone::clone"),
    ("clone_from", "Clone::clone_from"),
    ("to_owned", "ToOwned::to_owned"),
    ("clone_into", "ToOwned::clone_into"),
    ("fmt", "Debug::fmt"),
    ("into", "Into::into"),
    ("try_into", "TryInto::try_into"),
    ("from", "From::from"),
    ("try_from", "TryFrom::try_from"),
    ("borrow", "Borrow::borrow"),
    ("borrow_mut", "BorrowMut::borrow_mut"),
];

/// The trait method `rust_name` would shadow on a section's accessor, if
/// any (`Clone::clone` for `clone`).
pub fn shadowed_trait_method(rust_name: &str) -> Option<&'static str> {
    ACCESSOR_TRAIT_METHODS
        .iter()
        .find(|(name, _)| *name == rust_name)
        .map(|(_, method)| *method)
}

/// The Rust name of a method whose derived name `derived` would shadow a
/// trait method of its section's accessor: the derived name, `_`, then the
/// last `/`-separated part of the section's name in snake_case
/// (`Storm/Server` + `clone` → `clone_server`), or the section's module
/// when that part gives no name, or `method` when that is too long.
/// `None` when `derived` shadows nothing.
pub fn trait_free_method(derived: &str, section: &str, module: &str) -> Option<String> {
    shadowed_trait_method(derived)?;
    let last = section.rsplit('/').next().unwrap_or(section);
    let suffix = crate::naming::checked_snake(last).unwrap_or_else(|_| module.to_owned());
    let name = format!("{derived}_{}", suffix.trim_end_matches('_'));
    Some(if crate::naming::is_identifier(&name) {
        name
    } else {
        format!("{derived}_method")
    })
}

/// Names an error struct may not take in `errors.rs`: the enum, the
/// runtime's imports, and the prelude types its fields use.
pub const ERROR_STRUCTS: &[&str] = &[
    "ApiError",
    "ApiErrorType",
    "RawApiError",
    "Option",
    "Vec",
    "Box",
    "String",
    "Result",
    "Self",
];

/// Device names Windows refuses as file names, whatever the extension: a
/// module called `con` could not be checked out there.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why a module name (which is also a file name) is unusable, if it is.
pub fn module_file_problem(module: &str) -> Option<String> {
    let base = module.trim_end_matches('_');
    WINDOWS_DEVICES
        .contains(&base)
        .then(|| format!("`{module}` is a device name on Windows and cannot be a file name there"))
}

/// Why `module` cannot name an API or a library module, if it cannot.
pub fn crate_module_problem(module: &str) -> Option<String> {
    if CRATE_ROOT.contains(&module) {
        return Some(format!(
            "`{module}` is a name generated code uses at the crate root"
        ));
    }
    module_file_problem(module)
}

/// Why `module` cannot name a section module, if it cannot.
pub fn section_module_problem(module: &str) -> Option<String> {
    if SECTION_MODULE.contains(&module) {
        return Some(format!(
            "`{module}` is a name the API's generated module uses itself"
        ));
    }
    module_file_problem(module)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_refused_in_any_case_form() {
        assert!(module_file_problem("con").is_some());
        assert!(module_file_problem("lpt1_").is_some());
        assert!(module_file_problem("console").is_none());
        assert!(crate_module_problem("runtime").is_some());
        assert!(section_module_problem("with_config").is_some());
        assert!(section_module_problem("account_auth").is_none());
    }

    #[test]
    fn trait_method_names_take_the_sections_last_part() {
        assert_eq!(
            trait_free_method("clone", "Storm/Server", "storm_server").as_deref(),
            Some("clone_server")
        );
        assert_eq!(
            trait_free_method("into", "Account/ChatPassword", "account_chat_password").as_deref(),
            Some("into_chat_password")
        );
        // A last part that gives no name falls back to the module.
        assert_eq!(
            trait_free_method("fmt", "Things/+", "things").as_deref(),
            Some("fmt_things")
        );
        assert_eq!(
            trait_free_method("details", "Storm/Server", "storm_server"),
            None
        );
        assert_eq!(
            trait_free_method("eq", "Storm/Server", "storm_server"),
            None
        );
    }
}
