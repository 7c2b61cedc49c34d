//! The `shared` module of an API: the request and response records that
//! methods of more than one section have in common, each named for its
//! fields (`IdRequest`, `PageRequest`), so a section's alias
//! (`pub type DeleteRequest = super::shared::IdRequest;`) says what the
//! record is instead of sending the reader to an unrelated section.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::Deferred;
use super::record::{Ways, record};
use super::{RecordAliases, Scope};
use crate::ir::{Member, TypeRef};
use crate::naming;

/// The module's name; reserved for it among section modules
/// ([`crate::ir::names::SECTION_MODULE`]).
pub const MODULE: &str = "shared";

/// A record several sections' methods take or return.
#[derive(Debug)]
pub struct SharedRecord {
    pub name: String,
    pub members: Vec<Member>,
    pub ways: Ways,
    /// The wire names of the methods using it.
    pub users: Vec<String>,
}

/// The most parts a name is made of; a record with more is named for the
/// section of its first user.
const NAMED_PARTS: usize = 3;

/// A name for a record of `members` that says what it holds, from its
/// fields, required ones first: the field (`IdRequest`), fields sharing a
/// first word by that word (`page_num`, `page_size` → `PageRequest`),
/// several fields joined (`UniqIdAndForceRequest`), or, past
/// [`NAMED_PARTS`], the name every user's method gives it when they agree
/// (`status` of two sections → `StatusResponse`), else the section of the
/// first method using it (`Network/DNS/Record` → `RecordResponse`); a page
/// of `items` is the section's page (`NotificationsPageResponse`). A name
/// already `taken` gets its field's type (one field) or a number appended.
pub fn record_name(
    members: &[Member],
    ways: Ways,
    first_section: &str,
    own_names: &[&str],
    taken: &mut HashSet<String>,
) -> String {
    let suffix = if ways.send { "Request" } else { "Response" };
    let fields: Vec<&str> = members
        .iter()
        .filter(|m| m.required)
        .chain(members.iter().filter(|m| !m.required))
        .map(|m| m.rust_name.trim_matches('_'))
        .collect();
    let first_word = |field: &str| field.split('_').next().unwrap_or(field).to_string();
    let mut parts: Vec<String> = Vec::new();
    for field in &fields {
        let word = first_word(field);
        let shares_word = fields
            .iter()
            .filter(|other| first_word(other) == word)
            .count()
            > 1;
        let part = if shares_word { word } else { field.to_string() };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    let section = first_section.rsplit('/').next().unwrap_or(first_section);
    let is_page = fields.contains(&"items") && fields.iter().any(|f| f.starts_with("page_"));
    let words = match parts.as_slice() {
        _ if is_page => format!("{section}_page"),
        [] => "empty".to_string(),
        [only] => only.clone(),
        [rest @ .., last] if parts.len() <= NAMED_PARTS => {
            format!("{}_and_{last}", rest.join("_"))
        }
        _ => section.to_string(),
    };
    let usable = |name: String| naming::is_identifier(&name).then_some(name);
    let agreed = match own_names {
        [first, rest @ ..] if rest.iter().all(|n| n == first) => usable(first.to_string()),
        _ => None,
    };
    let by_section = words == section && !is_page;
    let base = agreed
        .filter(|_| by_section)
        .or_else(|| usable(format!("{}{suffix}", naming::camel(&words))))
        .unwrap_or_else(|| format!("Shared{suffix}"));
    let typed = match members {
        [
            Member {
                ty: TypeRef::Named(ty),
                ..
            },
        ] => usable(format!("{}{ty}{suffix}", naming::camel(&words))),
        _ => None,
    };
    for name in std::iter::once(base.clone()).chain(typed) {
        if taken.insert(name.clone()) {
            return name;
        }
    }
    (2..)
        .map(|number| format!("{base}{number}"))
        .find(|name| taken.insert(name.clone()))
        .unwrap_or(base)
}

/// The doc of a record several methods use, naming them (`users`, already
/// formatted).
pub fn users_doc(ways: Ways, users: &str) -> String {
    if ways.send {
        format!("Parameters of {users}.")
    } else {
        format!("What {users} return.")
    }
}

/// `shared.rs`, when any record is shared.
pub fn emit(aliases: &RecordAliases) -> Option<(TokenStream, Deferred)> {
    if aliases.shared.is_empty() {
        return None;
    }
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let header = d.inner_doc(
        "Requests and responses that methods of more than one section have in common, \
         each named for its fields. The sections name them under their own methods' names.",
    );
    let records: Vec<TokenStream> = aliases
        .shared
        .iter()
        .map(|shared| {
            let users: Vec<String> = shared.users.iter().map(|u| format!("`{u}`")).collect();
            let users = users.join(", ");
            let doc = users_doc(shared.ways, &users);
            let text = record(
                d,
                &shared.name,
                doc,
                &shared.members,
                shared.ways,
                Scope::Sibling,
            );
            d.record(text)
        })
        .collect();
    let tokens = quote! {
        #header
        #(#records)*
    };
    Some((tokens, deferred))
}

/// `pub mod shared;` for the API's `mod.rs`, when any record is shared.
pub fn module_item(aliases: &RecordAliases, d: &mut Deferred) -> TokenStream {
    if aliases.shared.is_empty() {
        return quote! {};
    }
    let doc = d.outer_doc("Requests and responses several sections have in common.");
    let module = quote::format_ident!("{MODULE}");
    quote! {
        #doc
        pub mod #module;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Builtin;

    fn member(name: &str, required: bool) -> Member {
        Member {
            wire_name: name.to_string(),
            rust_name: name.to_string(),
            ty: TypeRef::Builtin(Builtin::Integer),
            required,
            doc: None,
            secret: false,
            default: None,
            series: false,
            numbering: None,
            required_if: Vec::new(),
            allow_empty: false,
            boxed: false,
        }
    }

    fn name(fields: &[(&str, bool)], ways: Ways, taken: &mut HashSet<String>) -> String {
        let members: Vec<Member> = fields.iter().map(|&(f, r)| member(f, r)).collect();
        record_name(&members, ways, "Network/DNS/Record", &[], taken)
    }

    #[test]
    fn names_say_what_the_fields_are() {
        let taken = &mut HashSet::new();
        assert_eq!(name(&[("id", false)], Ways::SEND, taken), "IdRequest");
        assert_eq!(
            name(
                &[("page_num", false), ("page_size", false)],
                Ways::SEND,
                taken
            ),
            "PageRequest"
        );
        // Required fields come first.
        assert_eq!(
            name(&[("force", false), ("uniq_id", true)], Ways::SEND, taken),
            "UniqIdAndForceRequest"
        );
        assert_eq!(name(&[("id", true)], Ways::RECEIVE, taken), "IdResponse");
        let many = [("a", true), ("b", true), ("c", true), ("d", true)];
        assert_eq!(name(&many, Ways::RECEIVE, taken), "RecordResponse");
        let page = [("items", true), ("page_num", true), ("page_total", true)];
        assert_eq!(name(&page, Ways::RECEIVE, taken), "RecordPageResponse");
        // Past three parts, the name the users' methods agree on.
        let members: Vec<Member> = many.iter().map(|&(f, r)| member(f, r)).collect();
        let agreed = ["StatusResponse", "StatusResponse"];
        assert_eq!(
            record_name(&members, Ways::RECEIVE, "Cloud/Server", &agreed, taken),
            "StatusResponse"
        );
        let differing = ["StatusResponse", "DetailsResponse"];
        assert_eq!(
            record_name(&members, Ways::RECEIVE, "Cloud/Server", &differing, taken),
            "ServerResponse"
        );
        // A few fields still name it, whatever the methods call it.
        assert_eq!(
            record_name(&[member("id", true)], Ways::SEND, "X", &agreed, taken),
            "IdRequest2"
        );
    }

    #[test]
    fn a_taken_name_gets_the_type_or_a_number() {
        let taken = &mut HashSet::new();
        assert_eq!(name(&[("id", false)], Ways::SEND, taken), "IdRequest");
        // Same field, another type: the type tells them apart.
        let mut typed = member("id", true);
        typed.ty = TypeRef::Named("Code".to_string());
        let shared = record_name(&[typed.clone()], Ways::SEND, "X", &[], taken);
        assert_eq!(shared, "IdCodeRequest");
        assert_eq!(
            record_name(&[typed], Ways::SEND, "X", &[], taken),
            "IdRequest2"
        );
        let pair = [("page_num", false), ("page_size", false)];
        assert_eq!(name(&pair, Ways::SEND, taken), "PageRequest");
        assert_eq!(name(&pair, Ways::SEND, taken), "PageRequest2");
    }

    #[test]
    fn names_are_the_same_every_run() {
        let fields = [("uniq_id", true), ("domain", false), ("features", false)];
        let first = name(&fields, Ways::SEND, &mut HashSet::new());
        let second = name(&fields, Ways::SEND, &mut HashSet::new());
        assert_eq!(first, "UniqIdDomainAndFeaturesRequest");
        assert_eq!(first, second);
    }
}
