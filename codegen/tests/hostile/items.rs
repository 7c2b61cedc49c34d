//! What rustc would refuse in generated code that still parses: two items,
//! variants, fields or methods of one name (sanitised names that collide),
//! conflicting trait impls, and types of infinite size or aliases that
//! expand forever (recursive specs). Checked on every accepted spec, not
//! only the few a test compiles; `record!` and `method!` invocations (and
//! the macros in `declare.rs`) are read for the items they declare.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

use super::check::Violations;

/// Wrappers that hold their contents behind a pointer, so a type may
/// contain itself through them.
const INDIRECT: &[&str] = &[
    "Vec", "VecDeque", "BTreeMap", "HashMap", "Map", "Box", "Rc", "Arc",
];

/// A type path as written: `super::types::Node` is `["super", "types", "Node"]`.
type TypePath = Vec<String>;

/// Every type definition of the output, for the cycle checks. Types are
/// named `module::Name`, the module being the file's path without `.rs`
/// (`demo/types/things`), so equal names in different modules stay apart.
#[derive(Default)]
struct Graph {
    /// Module → the types it defines.
    defined: BTreeMap<String, BTreeSet<String>>,
    /// `module::Name` → paths it holds by value (an alias sees through).
    by_value: BTreeMap<String, Vec<TypePath>>,
    /// Alias `module::Name` → every path its definition names.
    alias_refs: BTreeMap<String, Vec<TypePath>>,
}

impl Graph {
    fn define(&mut self, module: &str, name: &str) -> String {
        self.defined
            .entry(module.to_string())
            .or_default()
            .insert(name.to_string());
        format!("{module}::{name}")
    }

    /// The definition a path in `module` names, if the output defines it.
    /// A bare name is the module's own or, failing that, one of the API's
    /// `types` (which sections and type modules import with globs).
    fn resolve(&self, module: &str, path: &[String]) -> Option<String> {
        let (name, prefix) = path.split_last()?;
        let mut current: Vec<&str> = module.split('/').collect();
        for segment in prefix {
            match segment.as_str() {
                "super" => {
                    current.pop();
                }
                "self" => {}
                "crate" | "std" | "core" | "alloc" | "hostapi_runtime" | "serde" | "serde_json" => {
                    return None;
                }
                other => current.push(other),
            }
        }
        let at = current.join("/");
        if self.defined.get(&at).is_some_and(|d| d.contains(name)) {
            return Some(format!("{at}::{name}"));
        }
        let api = module.split('/').next().unwrap_or_default();
        let types = if prefix.is_empty() {
            format!("{api}/types")
        } else {
            at
        };
        self.defined
            .iter()
            .find(|(m, d)| {
                (**m == types || m.starts_with(&format!("{types}/"))) && d.contains(name)
            })
            .map(|(m, _)| format!("{m}::{name}"))
    }

    fn edges(&self, refs: &BTreeMap<String, Vec<TypePath>>) -> BTreeMap<String, BTreeSet<String>> {
        refs.iter()
            .map(|(node, paths)| {
                let module = node.rsplit_once("::").map_or("", |(m, _)| m);
                let targets = paths.iter().filter_map(|p| self.resolve(module, p));
                (
                    node.clone(),
                    targets.filter(|t| refs.contains_key(t)).collect(),
                )
            })
            .collect()
    }
}

/// Checks `files` (`(path label, parsed file)`).
pub fn check_items(files: &[(String, syn::File)], out: &mut Violations) {
    let mut graph = Graph::default();
    for (label, file) in files {
        let module = label.strip_suffix(".rs").unwrap_or(label);
        let module = module.strip_suffix("/mod").unwrap_or(module);
        check_file(label, module, &file.items, &mut graph, out);
    }
    for cycle in cycles(&graph.edges(&graph.alias_refs)) {
        out.push(
            "no-alias-cycle",
            format!("type aliases expand forever: {}", cycle.join(" -> ")),
        );
    }
    for cycle in cycles(&graph.edges(&graph.by_value)) {
        out.push(
            "no-infinite-type",
            format!(
                "a type holds itself by value (infinite size): {}",
                cycle.join(" -> ")
            ),
        );
    }
}

fn check_file(
    label: &str,
    module: &str,
    items: &[syn::Item],
    graph: &mut Graph,
    out: &mut Violations,
) {
    let mut types: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut methods: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut trait_impls: Vec<String> = Vec::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                types.push(s.ident.to_string());
                let fields: Vec<(String, TokenStream)> = s
                    .fields
                    .iter()
                    .map(|f| {
                        let name = f
                            .ident
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default();
                        (name, f.ty.to_token_stream())
                    })
                    .collect();
                let named: Vec<String> = fields
                    .iter()
                    .map(|(n, _)| n.clone())
                    .filter(|n| !n.is_empty())
                    .collect();
                duplicates(&named, |n| {
                    out.push(
                        "no-duplicate-field",
                        format!("{label}: struct `{}` has two fields `{n}`", s.ident),
                    )
                });
                add_type(
                    graph,
                    module,
                    &s.ident.to_string(),
                    fields.iter().map(|(_, t)| t),
                );
            }
            syn::Item::Enum(e) => {
                types.push(e.ident.to_string());
                let variants: Vec<String> =
                    e.variants.iter().map(|v| v.ident.to_string()).collect();
                duplicates(&variants, |v| {
                    out.push(
                        "no-duplicate-variant",
                        format!("{label}: enum `{}` has two variants `{v}`", e.ident),
                    )
                });
                let tys: Vec<TokenStream> = e
                    .variants
                    .iter()
                    .flat_map(|v| v.fields.iter().map(|f| f.ty.to_token_stream()))
                    .collect();
                add_type(graph, module, &e.ident.to_string(), tys.iter());
            }
            syn::Item::Type(t) => {
                types.push(t.ident.to_string());
                let ty = t.ty.to_token_stream();
                let node = graph.define(module, &t.ident.to_string());
                graph.alias_refs.insert(node, paths(&ty, false));
                add_type(graph, module, &t.ident.to_string(), [&ty]);
            }
            syn::Item::Union(u) => types.push(u.ident.to_string()),
            syn::Item::Trait(t) => types.push(t.ident.to_string()),
            syn::Item::Mod(m) => types.push(m.ident.to_string()),
            syn::Item::Fn(f) => values.push(f.sig.ident.to_string()),
            syn::Item::Static(s) => values.push(s.ident.to_string()),
            syn::Item::Const(c) => values.push(c.ident.to_string()),
            syn::Item::Use(u) => use_names(&u.tree, &mut types),
            syn::Item::Impl(i) => {
                let self_ty = last_ident(&i.self_ty.to_token_stream());
                match &i.trait_ {
                    Some((path, _)) => trait_impls.push(format!(
                        "impl {} for {}",
                        path.to_token_stream(),
                        i.self_ty.to_token_stream()
                    )),
                    None => {
                        let fns = i.items.iter().filter_map(|item| match item {
                            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                            _ => None,
                        });
                        methods.entry(self_ty).or_default().extend(fns);
                    }
                }
            }
            syn::Item::Macro(m) => {
                let name = m
                    .mac
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                match name.as_str() {
                    "record" => {
                        for record in parse_records(&m.mac.tokens) {
                            types.push(record.name.clone());
                            let fields: Vec<String> =
                                record.fields.iter().map(|f| f.name.clone()).collect();
                            // Macro bodies escape syn: a keyword there only fails in rustc.
                            let names = record
                                .fields
                                .iter()
                                .flat_map(|f| std::iter::once(&f.name).chain(&f.setter));
                            for name in names.filter(|n| is_keyword(n)) {
                                out.push(
                                    "valid-identifier",
                                    format!(
                                        "{label}: record `{}` names a field or setter `{name}`, a keyword",
                                        record.name
                                    ),
                                );
                            }
                            duplicates(&fields, |n| {
                                out.push(
                                    "no-duplicate-field",
                                    format!(
                                        "{label}: record `{}` has two fields `{n}`",
                                        record.name
                                    ),
                                )
                            });
                            if record.send {
                                let fns = methods.entry(record.name.clone()).or_default();
                                fns.push("new".to_string());
                                fns.extend(record.fields.iter().filter_map(|f| f.setter.clone()));
                            }
                            add_type(
                                graph,
                                module,
                                &record.name,
                                record.fields.iter().map(|f| &f.ty),
                            );
                        }
                    }
                    "method" => {
                        if let Some(TokenTree::Ident(i)) = m.mac.tokens.clone().into_iter().next() {
                            values.push(i.to_string());
                        }
                    }
                    other => {
                        let Some(declared) = super::declare::declared(other, &m.mac.tokens) else {
                            continue;
                        };
                        let named = declared.methods.iter().flat_map(|(_, fns)| fns).chain(
                            declared
                                .fields
                                .iter()
                                .flat_map(|(_, f)| f.iter().map(|(n, _)| n)),
                        );
                        for name in named.filter(|n| is_keyword(n)) {
                            out.push(
                                "valid-identifier",
                                format!("{label}: `{other}!` names a method or field `{name}`, a keyword"),
                            );
                        }
                        for (ty, fields) in &declared.fields {
                            let names: Vec<String> =
                                fields.iter().map(|(n, _)| n.clone()).collect();
                            duplicates(&names, |n| {
                                out.push(
                                    "no-duplicate-field",
                                    format!("{label}: struct `{ty}` has two fields `{n}`"),
                                )
                            });
                            add_type(graph, module, ty, fields.iter().map(|(_, t)| t));
                        }
                        for (ty, variants) in &declared.variants {
                            duplicates(variants, |v| {
                                out.push(
                                    "no-duplicate-variant",
                                    format!("{label}: enum `{ty}` has two variants `{v}`"),
                                )
                            });
                        }
                        for (ty, fns) in declared.methods {
                            methods.entry(ty).or_default().extend(fns);
                        }
                        types.extend(declared.types);
                        values.extend(declared.values);
                    }
                }
            }
            _ => {}
        }
    }
    duplicates(&types, |n| {
        out.push(
            "no-duplicate-item",
            format!("{label}: two types, modules or imports named `{n}`"),
        )
    });
    duplicates(&values, |n| {
        out.push(
            "no-duplicate-item",
            format!("{label}: two functions or statics named `{n}`"),
        )
    });
    for (ty, fns) in &methods {
        duplicates(fns, |n| {
            out.push(
                "no-duplicate-method",
                format!("{label}: `{ty}` has two methods `{n}`"),
            )
        });
    }
    duplicates(&trait_impls, |i| {
        out.push(
            "no-duplicate-impl",
            format!("{label}: `{i}` is written twice"),
        )
    });
}

/// `_` and the words Rust reserves (2024 edition).
fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "_" | "as"
            | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "try"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
    )
}

fn duplicates(names: &[String], mut report: impl FnMut(&str)) {
    let mut seen = BTreeSet::new();
    let mut reported = BTreeSet::new();
    for name in names {
        if !seen.insert(name) && reported.insert(name) {
            report(name);
        }
    }
}

fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) if n.ident != "self" => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        _ => {}
    }
}

fn add_type<'a>(
    graph: &mut Graph,
    module: &str,
    name: &str,
    tys: impl IntoIterator<Item = &'a TokenStream>,
) {
    let node = graph.define(module, name);
    let refs = graph.by_value.entry(node).or_default();
    for ty in tys {
        refs.extend(paths(ty, true));
    }
}

fn flatten(tokens: &TokenStream, out: &mut Vec<TokenTree>) {
    for t in tokens.clone() {
        match t {
            TokenTree::Group(g) => flatten(&g.stream(), out),
            other => out.push(other),
        }
    }
}

/// The paths in a type; with `by_value`, not those inside an `INDIRECT`
/// wrapper's angle brackets.
fn paths(ty: &TokenStream, by_value: bool) -> Vec<TypePath> {
    let mut flat = Vec::new();
    flatten(ty, &mut flat);
    let mut out: Vec<TypePath> = Vec::new();
    let mut current: TypePath = Vec::new();
    let mut joined = false;
    let mut i = 0;
    while i < flat.len() {
        match &flat[i] {
            TokenTree::Ident(id) => {
                if !joined && !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                joined = false;
                let name = id.to_string();
                let opens =
                    matches!(flat.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '<');
                if by_value && opens && INDIRECT.contains(&name.as_str()) {
                    current.clear();
                    let mut depth = 0;
                    i += 1;
                    while i < flat.len() {
                        if let TokenTree::Punct(p) = &flat[i] {
                            match p.as_char() {
                                '<' => depth += 1,
                                '>' => {
                                    depth -= 1;
                                    if depth == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                        i += 1;
                    }
                } else {
                    current.push(name);
                }
            }
            TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint => {
                joined = true;
                i += 1; // the second `:`
            }
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                joined = false;
            }
        }
        i += 1;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `Things` of `Things<'a>` or `super::Things`: the path's last name.
fn last_ident(tokens: &TokenStream) -> String {
    tokens
        .clone()
        .into_iter()
        .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == '<'))
        .filter_map(|t| match t {
            TokenTree::Ident(i) => Some(i.to_string()),
            _ => None,
        })
        .last()
        .unwrap_or_default()
}

/// Every cycle through the graph, each reported once (from its smallest
/// member).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in graph.keys() {
        // Depth-first from `start`, only through names greater than it, so
        // each cycle is found from its smallest member only.
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    found.push(cycle);
                    break;
                }
                if next > start && seen.insert(next.clone()) {
                    let mut path = path.clone();
                    path.push(next.clone());
                    stack.push((next.clone(), path));
                }
            }
            if found.last().is_some_and(|c| c[0] == *start) {
                break;
            }
        }
    }
    found
}

struct RecordField {
    name: String,
    setter: Option<String>,
    ty: TokenStream,
}

struct Record {
    name: String,
    send: bool,
    fields: Vec<RecordField>,
}

/// `record! { #[doc] pub struct Name: ways { required { … } optional { … } … } … }`:
/// each record of the invocation (one may declare several).
fn parse_records(tokens: &TokenStream) -> Vec<Record> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut records = Vec::new();
    let mut i = 0;
    loop {
        while matches!(&tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
            i += 2;
        }
        let name = match (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(TokenTree::Ident(p)), Some(TokenTree::Ident(s)), Some(TokenTree::Ident(n)))
                if p == "pub" && s == "struct" =>
            {
                n.to_string()
            }
            _ => return records,
        };
        i += 3;
        let mut send = false;
        let mut body = None;
        while let Some(t) = tokens.get(i) {
            i += 1;
            match t {
                TokenTree::Ident(way) if way == "send" => send = true,
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    body = Some(g.stream());
                    break;
                }
                _ => {}
            }
        }
        let Some(body) = body else {
            return records;
        };
        let mut fields = Vec::new();
        let body: Vec<TokenTree> = body.into_iter().collect();
        for pair in body.windows(2) {
            if let (TokenTree::Ident(kind), TokenTree::Group(g)) = (&pair[0], &pair[1])
                && ["required", "optional", "series"].contains(&kind.to_string().as_str())
            {
                fields.extend(record_fields(g.stream()));
            }
        }
        records.push(Record { name, send, fields });
    }
}

fn record_fields(group: TokenStream) -> Vec<RecordField> {
    let tokens: Vec<TokenTree> = group.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        while matches!(&tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
            i += 2;
        }
        let Some(TokenTree::Ident(name)) = tokens.get(i) else {
            break;
        };
        let name = name.to_string();
        i += 1;
        if matches!(&tokens.get(i), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        {
            i += 1;
        }
        let mut setter = None;
        if matches!(&tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '/') {
            setter = tokens.get(i + 1).map(ToString::to_string);
            i += 2;
        }
        i += 1; // `:`
        let mut ty = TokenStream::new();
        let mut depth = 0i32;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => break,
                TokenTree::Punct(p)
                    if p.as_char() == '=' && p.spacing() == Spacing::Joint && depth == 0 =>
                {
                    i += 3; // `=>` and the read mode
                    continue;
                }
                TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
                _ => {}
            }
            ty.extend([tokens[i].clone()]);
            i += 1;
        }
        i += 1; // `,`
        out.push(RecordField { name, setter, ty });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(code: &str) -> Vec<&'static str> {
        let mut v = Violations::default();
        let file = syn::parse_file(code).expect("test code parses");
        check_items(&[("api/types.rs".to_string(), file)], &mut v);
        v.0.iter().map(|v| v.property).collect()
    }

    #[test]
    fn sees_what_rustc_would_refuse() {
        assert_eq!(found("pub struct A; pub enum A {}"), ["no-duplicate-item"]);
        assert_eq!(
            found("pub enum E { X(String), X(u8) }"),
            ["no-duplicate-variant"]
        );
        assert_eq!(
            found("pub struct N { next: Option<N> }"),
            ["no-infinite-type"]
        );
        assert!(found("pub struct N { next: Vec<N> }").is_empty());
        assert!(found("pub type Error = hostapi_runtime::Error<ApiError>;").is_empty());
        assert_eq!(
            found("pub struct N { next: Option<super::types::N> }"),
            ["no-infinite-type"]
        );
        assert_eq!(
            found("pub type A = Vec<B>; pub type B = Vec<A>;"),
            ["no-alias-cycle"]
        );
        assert_eq!(
            found("impl From<u8> for E {} impl From<u8> for E {}"),
            ["no-duplicate-impl"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::record! { pub struct R: send { optional { a / with_a: N => opt, a_ / with_a: u8 => opt, } } }"
            ),
            ["no-duplicate-method"]
        );
        // Several records in one invocation: each is read on its own.
        assert_eq!(
            found(
                "hostapi_runtime::record! { pub struct A: receive { required { b: B => req, } } \
                 pub struct B: receive { required { x: u8 => req, x: u8 => req, } } }"
            ),
            ["no-duplicate-field"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::record! { /// d\n pub struct R: receive { required { r: R => req, } } }"
            ),
            ["no-infinite-type"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::method!(M, \"a\", \"b\"); hostapi_runtime::method!(M, \"a\", \"c\");"
            ),
            ["no-duplicate-item"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::record! { pub struct R: send { optional { _(\"!\") / with_: u8, } } }"
            ),
            ["valid-identifier"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::section! { pub struct S, SB; section \"S\" errors E; \
                 fn list(L) -> R = LIST \"list\", pages list_all -> I = (\"p\", \"i\", \"t\"); \
                 fn list_all() -> R = LIST_ALL \"list_all\"; }"
            ),
            ["no-duplicate-method", "no-duplicate-method"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::section! { pub struct S, SB; section \"S\" errors E; \
                 fn a() -> R = A \"a\"; } hostapi_runtime::method!(A, \"S\", \"a\");"
            ),
            ["no-duplicate-item"]
        );
        assert_eq!(
            found(
                "hostapi_runtime::api_client! { api API; pub struct Credentials { a: String, a(\"b\"): Secret, } \
                 pub struct Client; pub struct BlockingClient; sections { runtime: R, RB; } }"
            ),
            [
                "no-duplicate-field",
                "no-duplicate-method",
                "no-duplicate-method"
            ]
        );
        assert_eq!(
            found("hostapi_runtime::api_error! { pub struct E { type(\"type\"): Option<E>, } }"),
            ["valid-identifier", "no-infinite-type"]
        );
        assert!(
            found(
                "hostapi_runtime::api_error! { pub struct E { errors: Vec<ApiError> => nested(super::API.wire.error), } }"
            )
            .is_empty()
        );
        assert_eq!(
            found(
                "hostapi_runtime::api_errors! { pub enum ApiError { /// d\n A = \"a\", B(B) [retryable] = prefix \"b\", \
                 A = \"c\", Other = \"d\", } }"
            ),
            ["no-duplicate-variant", "no-duplicate-variant"]
        );
    }
}
