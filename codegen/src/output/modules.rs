//! The Rust file that declares a module per API, behind the cargo feature of
//! the same name, and one per type library, behind the features of the APIs
//! using it: the standalone crate's `src/lib.rs` and build.rs's `apis.rs`.
//! Built as tokens, so a name is an identifier or an error and a path is an
//! escaped string literal.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::EmitError;
use crate::ir::Workspace;

/// `pub mod` items for every API and library; with `files_in`, each gets a
/// `#[path]` to `files_in/<module>/mod.rs`.
pub fn declarations(
    workspace: &Workspace,
    files_in: Option<&Path>,
    file: &Path,
) -> Result<TokenStream, EmitError> {
    let path_attr = |module: &str| {
        files_in.map(|dir| {
            let path = dir
                .join(module)
                .join("mod.rs")
                .to_string_lossy()
                .into_owned();
            quote! { #[path = #path] }
        })
    };
    let mut items = TokenStream::new();
    for api in &workspace.apis {
        let name = ident(&api.module, file)?;
        let feature = &api.module;
        let path = path_attr(&api.module);
        items.extend(quote! {
            #[cfg(feature = #feature)]
            #path
            pub mod #name;
        });
    }
    for library in &workspace.libraries {
        let name = ident(&library.module, file)?;
        let features = &library.used_by;
        let path = path_attr(&library.module);
        items.extend(quote! {
            #[cfg(any(#(feature = #features),*))]
            #path
            pub mod #name;
        });
    }
    Ok(items)
}

/// `tokens` laid out by prettyplease under `header` (a `//` comment, which
/// tokens cannot carry).
pub fn layout(file: &Path, header: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let parsed = syn::parse2::<syn::File>(tokens).map_err(|e| error(file, e))?;
    Ok(format!("{header}{}", prettyplease::unparse(&parsed)))
}

/// A module name checked to be an identifier (the IR makes them so; this
/// turns a slip into an error rather than a panic or injected code).
fn ident(module: &str, file: &Path) -> Result<syn::Ident, EmitError> {
    syn::parse_str::<syn::Ident>(module).map_err(|e| error(file, e))
}

fn error(file: &Path, error: syn::Error) -> EmitError {
    EmitError {
        file: file.to_path_buf(),
        message: error.to_string(),
    }
}
