//! The items `section!`, `api_client!`, `api_errors!` and `api_error!` declare, read from
//! their tokens: macro bodies escape syn, so names that collide or are
//! keywords there would only fail in rustc.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// What one invocation declares.
#[derive(Default)]
pub struct Declared {
    /// Structs and re-exported names.
    pub types: Vec<String>,
    /// Statics (method descriptors).
    pub values: Vec<String>,
    /// Inherent methods, by the type that has them.
    pub methods: Vec<(String, Vec<String>)>,
    /// Struct fields and their types, by struct.
    pub fields: Vec<(String, Vec<(String, TokenStream)>)>,
    /// Enum variants, by enum.
    pub variants: Vec<(String, Vec<String>)>,
}

/// What the invocation of `macro_name` with `tokens` declares; `None` for
/// other macros.
pub fn declared(macro_name: &str, tokens: &TokenStream) -> Option<Declared> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    match macro_name {
        "section" => Some(section(&tokens)),
        "api_client" => Some(api_client(&tokens)),
        "api_error" => Some(api_error(&tokens)),
        "api_errors" => Some(api_errors(&tokens)),
        _ => None,
    }
}

fn is_ident(token: Option<&TokenTree>, word: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(i)) if i == word)
}

fn ident_at(tokens: &[TokenTree], i: usize) -> Option<String> {
    match tokens.get(i) {
        Some(TokenTree::Ident(i)) => Some(i.to_string()),
        _ => None,
    }
}

/// Names following `pub struct`, in order.
fn struct_names(tokens: &[TokenTree]) -> Vec<String> {
    (0..tokens.len())
        .filter(|&i| is_ident(tokens.get(i), "pub") && is_ident(tokens.get(i + 1), "struct"))
        .filter_map(|i| ident_at(tokens, i + 2))
        .collect()
}

/// `section! { pub struct A, B; section "…" errors E; fn m(…) -> R = CONST "m" …, pages m_all …; }`
fn section(tokens: &[TokenTree]) -> Declared {
    let mut structs = struct_names(tokens);
    // The blocking struct follows the first one's comma (after its attributes).
    if let Some(at) = (0..tokens.len()).find(|&i| is_ident(tokens.get(i), "struct")) {
        let rest = &tokens[at + 2..];
        if matches!(rest.first(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
            let mut i = 1;
            while matches!(rest.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
                i += 2;
            }
            structs.extend(ident_at(rest, i));
        }
    }
    let mut fns = Vec::new();
    let mut values = Vec::new();
    for i in 0..tokens.len() {
        if is_ident(tokens.get(i), "fn") {
            fns.extend(ident_at(tokens, i + 1));
            // The descriptor follows the first `=` at this level.
            let rest = &tokens[i..];
            if let Some(eq) = rest
                .iter()
                .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '='))
            {
                values.extend(ident_at(rest, eq + 1));
            }
        } else if is_ident(tokens.get(i), "pages") {
            fns.extend(ident_at(tokens, i + 1));
        }
    }
    fns.push("new".into());
    let methods = structs.iter().map(|s| (s.clone(), fns.clone())).collect();
    Declared {
        types: structs,
        values,
        methods,
        ..Declared::default()
    }
}

/// `api_client! { api API; pub struct Credentials { … } pub struct Client; pub struct BlockingClient; [fn session;] sections { module: A, B; … } }`
fn api_client(tokens: &[TokenTree]) -> Declared {
    let structs = struct_names(tokens);
    let mut declared = Declared::default();
    let mut constructors = vec!["new".to_string(), "with_config".into(), "runtime".into()];
    let mut accessors = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(word) if word == "fn" => constructors.extend(ident_at(tokens, i + 1)),
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                if is_ident(i.checked_sub(1).and_then(|p| tokens.get(p)), "sections") {
                    let entries: Vec<TokenTree> = g.stream().into_iter().collect();
                    for (j, entry) in entries.iter().enumerate() {
                        let colon = matches!(entry, TokenTree::Punct(p) if p.as_char() == ':');
                        if colon {
                            accessors.extend(ident_at(&entries, j - 1));
                            declared.types.extend(ident_at(&entries, j + 1));
                            declared.types.extend(ident_at(&entries, j + 3));
                        }
                    }
                } else if let Some(name) = structs.first() {
                    declared
                        .fields
                        .push((name.clone(), fields(g.stream().into_iter().collect())));
                }
            }
            _ => {}
        }
    }
    if let [_, client, blocking, ..] = structs.as_slice() {
        let mut client_fns = constructors.clone();
        client_fns.extend(accessors.iter().cloned());
        let mut blocking_fns = client_fns.clone();
        blocking_fns.push("from_async".into());
        declared.methods.push((client.clone(), client_fns));
        declared.methods.push((blocking.clone(), blocking_fns));
    }
    declared.types.extend(structs);
    declared
}

/// `api_error! { pub struct Name { field("wire"): Type [=> nested(…)], … } }`
fn api_error(tokens: &[TokenTree]) -> Declared {
    let structs = struct_names(tokens);
    let mut declared = Declared::default();
    let body = tokens.iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
        _ => None,
    });
    if let (Some(name), Some(body)) = (structs.first(), body) {
        declared
            .fields
            .push((name.clone(), fields(body.into_iter().collect())));
        declared
            .methods
            .push((name.clone(), vec!["from_raw".into(), "raw".into()]));
    }
    declared.types.extend(structs);
    declared
}

/// `#[doc] name("wire"): Type [=> …],` entries.
fn fields(tokens: Vec<TokenTree>) -> Vec<(String, TokenStream)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        while matches!(&tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
            i += 2;
        }
        let Some(name) = ident_at(&tokens, i) else {
            break;
        };
        i += 1;
        if matches!(&tokens.get(i), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        {
            i += 1;
        }
        i += 1; // `:`
        let mut ty = TokenStream::new();
        let mut depth = 0i32;
        let mut in_read = false;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => break,
                TokenTree::Punct(p) if p.as_char() == '=' && depth == 0 => in_read = true,
                TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                TokenTree::Punct(p) if p.as_char() == '>' && !in_read => depth -= 1,
                _ => {}
            }
            if !in_read {
                ty.extend([tokens[i].clone()]);
            }
            i += 1;
        }
        i += 1; // `,`
        out.push((name, ty));
    }
    out
}

/// `api_errors! { pub enum Name { #[doc] Variant[(Struct)] [[retryable]] = [prefix] "class", … } }`:
/// each variant, and the `Other` the macro adds.
fn api_errors(tokens: &[TokenTree]) -> Declared {
    let mut declared = Declared::default();
    let name = (0..tokens.len())
        .find(|&i| is_ident(tokens.get(i), "pub") && is_ident(tokens.get(i + 1), "enum"))
        .and_then(|i| ident_at(tokens, i + 2));
    let body = tokens.iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
        _ => None,
    });
    if let (Some(name), Some(body)) = (name, body) {
        let body: Vec<TokenTree> = body.into_iter().collect();
        let mut variants = vec!["Other".to_string()];
        let mut at_start = true;
        for token in &body {
            match token {
                TokenTree::Punct(p) if p.as_char() == ',' => at_start = true,
                TokenTree::Punct(p) if p.as_char() == '#' => {}
                TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {}
                TokenTree::Ident(variant) if at_start => {
                    variants.push(variant.to_string());
                    at_start = false;
                }
                _ => at_start = false,
            }
        }
        declared.variants.push((name.clone(), variants));
        declared.types.push(name.clone());
        declared
            .methods
            .push((name, vec!["raw".into(), "is_retryable".into()]));
    }
    declared
}
