//! APIs, sections, methods, documented errors, credentials and the wire.

use super::side::{ApiView, Defined, Side};
use super::{Direction, Findings, Location, members, settings, types};
use crate::spec::model::{
    ApiMeta, Auth, ErrorRule, Method, MethodName, ParamEncoding, Section, Session,
};
use crate::spec::span::{Entries, Sp};

/// One API present on both sides, and both sides' Rust names.
pub struct Cx<'x, 'a> {
    pub api: &'x str,
    pub old_side: &'x Side<'a>,
    pub new_side: &'x Side<'a>,
    pub old: &'x ApiView<'a>,
    pub new: &'x ApiView<'a>,
}

impl Cx<'_, '_> {
    pub fn old_at(&self, key: &Sp<String>) -> Location {
        Location::new(self.old.path(), key.pos)
    }

    pub fn new_at(&self, key: &Sp<String>) -> Location {
        Location::new(self.new.path(), key.pos)
    }

    /// Reports a Rust name that differs although the thing (`path`, see
    /// [`super::side::rust_key`]) kept its wire name.
    pub fn rust_name(&self, out: &mut Findings, path: &str, what: &str, at: (Location, Location)) {
        let old = self.old_side.rust_name(self.api, path);
        let new = self.new_side.rust_name(self.api, path);
        if let (Some(old), Some(new)) = (old, new)
            && old != new
        {
            out.push(
                "rust-name-changed",
                Direction::Both,
                Some(at.0),
                Some(at.1),
                format!("{what}: Rust name `{old}` is now `{new}`; the wire name is unchanged"),
            );
        }
    }
}

/// A keyed entry: its key (with position) and value.
pub type Entry<'a, V> = (&'a Sp<String>, &'a V);

/// Entries of two sides paired by key: (old, new) pairs, then the removed
/// and the added ones, each in source order.
pub struct Paired<'a, V> {
    pub both: Vec<(Entry<'a, V>, Entry<'a, V>)>,
    pub removed: Vec<Entry<'a, V>>,
    pub added: Vec<Entry<'a, V>>,
}

pub fn pair<'a, V>(
    old: impl IntoIterator<Item = (&'a Sp<String>, &'a V)>,
    new: impl IntoIterator<Item = (&'a Sp<String>, &'a V)>,
) -> Paired<'a, V> {
    let new: Vec<_> = new.into_iter().collect();
    let mut matched = vec![false; new.len()];
    let mut paired = Paired {
        both: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    for (key, value) in old {
        match new.iter().position(|(k, _)| k.value == key.value) {
            Some(i) => {
                matched[i] = true;
                paired.both.push(((key, value), new[i]));
            }
            None => paired.removed.push((key, value)),
        }
    }
    paired.added = new
        .into_iter()
        .zip(matched)
        .filter(|(_, m)| !*m)
        .map(|(e, _)| e)
        .collect();
    paired
}

impl<'a, V> Paired<'a, V> {
    /// Takes out removed/added pairs that `same` says are one thing under a
    /// new name.
    pub fn renames(&mut self, same: impl Fn(&V, &V) -> bool) -> Vec<(Entry<'a, V>, Entry<'a, V>)> {
        let mut renamed = Vec::new();
        let mut removed = Vec::new();
        for old in std::mem::take(&mut self.removed) {
            match self.added.iter().position(|new| same(old.1, new.1)) {
                Some(i) => renamed.push((old, self.added.remove(i))),
                None => removed.push(old),
            }
        }
        self.removed = removed;
        renamed
    }
}

/// Compares every API of both sides.
pub fn compare(old: &Side<'_>, new: &Side<'_>, out: &mut Findings) {
    for (name, view) in &old.apis {
        if !new.apis.contains_key(name) {
            out.push(
                "api-removed",
                Direction::Both,
                Some(Location::new(view.path(), view.meta.name.pos)),
                None,
                format!("API `{name}` was removed"),
            );
        }
    }
    for (name, view) in &new.apis {
        let Some(old_view) = old.apis.get(name) else {
            out.push(
                "api-added",
                Direction::Both,
                None,
                Some(Location::new(view.path(), view.meta.name.pos)),
                format!("API `{name}` was added"),
            );
            continue;
        };
        let start = out.0.len();
        let cx = Cx {
            api: name,
            old_side: old,
            new_side: new,
            old: old_view,
            new: view,
        };
        compare_wire(&cx, old_view.meta, view.meta, out);
        compare_sections(&cx, out);
        compare_errors(&cx, out);
        types::compare(&cx, out);
        // Something added or removed is placed on the other side at its
        // API, where no closer place was known.
        for finding in &mut out.0[start..] {
            finding
                .old
                .get_or_insert_with(|| cx.old_at(&old_view.meta.name));
            finding
                .new
                .get_or_insert_with(|| cx.new_at(&view.meta.name));
        }
        let needed = out.0[start..].iter().map(|f| f.impact).max();
        settings::check_bump(
            out,
            &format!("API `{name}`'s version"),
            (&old_view.meta.version, &view.meta.version),
            needed,
            (
                Some(cx.old_at(&old_view.meta.name)),
                Some(cx.new_at(&view.meta.name)),
            ),
        );
    }
}

fn compare_sections(cx: &Cx<'_, '_>, out: &mut Findings) {
    let mut sections = pair(cx.old.spec().sections.iter(), cx.new.spec().sections.iter());
    let same_methods = |a: &Section, b: &Section| {
        !a.methods.is_empty()
            && a.methods.len() == b.methods.len()
            && a.methods
                .iter()
                .all(|(k, _)| b.methods.get(&k.value).is_some())
    };
    for ((old_key, _), (new_key, _)) in sections.renames(same_methods) {
        out.push(
            "section-renamed",
            Direction::Both,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!("section `{}` is now `{}`", old_key.value, new_key.value),
        );
    }
    for (key, _) in &sections.removed {
        let at = Some(cx.old_at(key));
        out.push(
            "section-removed",
            Direction::Both,
            at,
            None,
            format!("section `{}` was removed", key.value),
        );
    }
    for (key, _) in &sections.added {
        let at = Some(cx.new_at(key));
        out.push(
            "section-added",
            Direction::Both,
            None,
            at,
            format!("section `{}` was added", key.value),
        );
    }
    for ((old_key, old), (new_key, new)) in sections.both {
        let at = (cx.old_at(old_key), cx.new_at(new_key));
        let name = &old_key.value;
        cx.rust_name(
            out,
            &format!("section:{name}"),
            &format!("section `{name}`"),
            at.clone(),
        );
        cx.rust_name(
            out,
            &format!("module:{name}"),
            &format!("section `{name}`'s module"),
            at,
        );
        let start = out.0.len();
        compare_methods(cx, name, &old.methods, &new.methods, out);
        // A method added or removed is placed on the other side at its
        // section.
        for finding in &mut out.0[start..] {
            finding.old.get_or_insert_with(|| cx.old_at(old_key));
            finding.new.get_or_insert_with(|| cx.new_at(new_key));
        }
    }
}

/// Same parameters and fields (names, types, requiredness): one method
/// under a new name.
fn same_method(a: &Method, b: &Method) -> bool {
    let params = |m: &Method| -> Vec<(String, String, bool)> {
        m.params
            .iter()
            .map(|(k, p)| (k.value.clone(), p.ty.value.clone(), p.required))
            .collect()
    };
    let returns = |m: &Method| -> Vec<(String, String, bool)> {
        m.returns
            .iter()
            .map(|(k, f)| (k.value.clone(), f.ty.value.clone(), f.optional))
            .collect()
    };
    params(a) == params(b) && returns(a) == returns(b)
}

fn compare_methods(
    cx: &Cx<'_, '_>,
    section: &str,
    old: &Entries<Method>,
    new: &Entries<Method>,
    out: &mut Findings,
) {
    let mut methods = pair(old.iter(), new.iter());
    for ((old_key, _), (new_key, _)) in methods.renames(same_method) {
        out.push(
            "method-renamed",
            Direction::Both,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!(
                "method `{section}/{}` is now `{section}/{}`",
                old_key.value, new_key.value
            ),
        );
    }
    for (key, _) in &methods.removed {
        let message = format!("method `{section}/{}` was removed", key.value);
        out.push(
            "method-removed",
            Direction::Both,
            Some(cx.old_at(key)),
            None,
            message,
        );
    }
    for (key, _) in &methods.added {
        let message = format!("method `{section}/{}` was added", key.value);
        out.push(
            "method-added",
            Direction::Both,
            None,
            Some(cx.new_at(key)),
            message,
        );
    }
    for ((old_key, old), (new_key, new)) in methods.both {
        let path = format!("{section}/{}", old_key.value);
        let at = (cx.old_at(old_key), cx.new_at(new_key));
        let what = format!("method `{path}`");
        for kind in ["method", "request", "response"] {
            let whose = match kind {
                "method" => what.clone(),
                _ => format!("{what}'s {kind} type"),
            };
            cx.rust_name(out, &format!("{kind}:{path}"), &whose, at.clone());
        }
        let owner = members::Owner {
            path: &path,
            described: &what,
            rust_prefix: "param",
            at: &at,
        };
        members::compare_params(
            cx,
            &owner,
            &old.params,
            &new.params,
            Direction::Request,
            out,
        );
        let owner = members::Owner {
            rust_prefix: "field",
            ..owner
        };
        members::compare_fields(cx, &owner, &old.returns, &new.returns, out);
        compare_returns_map(&what, old, new, at.clone(), out);
        compare_paging(cx, &path, old, new, out);
    }
}

fn compare_returns_map(
    what: &str,
    old: &Method,
    new: &Method,
    at: (Location, Location),
    out: &mut Findings,
) {
    let name = |m: &Method| m.returns_map.as_ref().map(|t| t.value.clone());
    if name(old) != name(new) {
        let shown = |n: Option<String>| n.map_or("none".to_string(), |n| format!("`{n}`"));
        out.push(
            "returns-map-changed",
            Direction::Response,
            Some(at.0),
            Some(at.1),
            format!(
                "{what}'s whole-response map was {}, is {}",
                shown(name(old)),
                shown(name(new))
            ),
        );
    }
}

fn compare_paging(cx: &Cx<'_, '_>, path: &str, old: &Method, new: &Method, out: &mut Findings) {
    match (&old.paging, &new.paging) {
        (None, None) => {}
        (None, Some(p)) => {
            let at = Some(Location::new(cx.new.path(), p.pos));
            out.push(
                "paging-added",
                Direction::Both,
                None,
                at,
                format!("method `{path}` now pages"),
            );
        }
        (Some(p), None) => {
            let at = Some(Location::new(cx.old.path(), p.pos));
            out.push(
                "paging-removed",
                Direction::Both,
                at,
                None,
                format!("method `{path}` no longer pages"),
            );
        }
        (Some(a), Some(b)) => {
            let parts = |p: &crate::spec::model::Paging| {
                [
                    p.page.value.clone(),
                    p.items.value.clone(),
                    p.page_total.value.clone(),
                ]
            };
            let at = (
                Location::new(cx.old.path(), a.pos),
                Location::new(cx.new.path(), b.pos),
            );
            if parts(a) != parts(b) {
                out.push(
                    "paging-changed",
                    Direction::Both,
                    Some(at.0.clone()),
                    Some(at.1.clone()),
                    format!(
                        "method `{path}` pages with {:?}, was {:?}",
                        parts(b),
                        parts(a)
                    ),
                );
            }
            let what = format!("method `{path}`'s page walker");
            cx.rust_name(out, &format!("paging:{path}"), &what, at);
        }
    }
}

fn compare_errors(cx: &Cx<'_, '_>, out: &mut Findings) {
    let errors = pair(
        cx.old.errors.values().map(Defined::entry),
        cx.new.errors.values().map(Defined::entry),
    );
    let old_file = |key: &str| cx.old.errors[key].file;
    let new_file = |key: &str| cx.new.errors[key].file;
    for (key, _) in &errors.removed {
        let at = Some(Location::new(old_file(&key.value), key.pos));
        let message = format!("error `{}` was removed", key.value);
        out.push(
            "error-class-removed",
            Direction::Response,
            at,
            None,
            message,
        );
    }
    for (key, _) in &errors.added {
        let at = Some(Location::new(new_file(&key.value), key.pos));
        let message = format!("error `{}` was added", key.value);
        out.push("error-class-added", Direction::Response, None, at, message);
    }
    for ((old_key, old), (new_key, new)) in errors.both {
        let at = (
            Location::new(old_file(&old_key.value), old_key.pos),
            Location::new(new_file(&new_key.value), new_key.pos),
        );
        let what = format!("error `{}`", old_key.value);
        cx.rust_name(out, &format!("error:{}", old_key.value), &what, at.clone());
        let owner = members::Owner {
            path: &old_key.value,
            described: &what,
            rust_prefix: "error-field",
            at: &at,
        };
        members::compare_fields(cx, &owner, &old.fields, &new.fields, out);
    }
}

/// The wire: method, where the name and parameters go, envelope, response
/// format, error rule, auth, credentials, session and base URL.
fn compare_wire(cx: &Cx<'_, '_>, old: &ApiMeta, new: &ApiMeta, out: &mut Findings) {
    let at = || Some((cx.old_at(&old.name), cx.new_at(&new.name)));
    let mut changed = |id: &'static str, what: String| {
        let (o, n) = at().unzip();
        out.push(
            id,
            Direction::Both,
            o,
            n,
            format!("API `{}`: {what}", cx.api),
        );
    };
    let (ow, nw) = (&old.wire, &new.wire);
    if ow.http_method != nw.http_method {
        changed(
            "http-method-changed",
            format!(
                "HTTP method {:?} is now {:?}",
                ow.http_method, nw.http_method
            ),
        );
    }
    if method_name(&ow.method_name) != method_name(&nw.method_name) {
        changed(
            "method-name-location-changed",
            format!(
                "the method name went in {}, now in {}",
                method_name(&ow.method_name),
                method_name(&nw.method_name)
            ),
        );
    }
    match (&ow.params, &nw.params) {
        (ParamEncoding::Json { envelope: a }, ParamEncoding::Json { envelope: b }) if a != b => {
            changed(
                "envelope-changed",
                format!("JSON envelope {a:?} is now {b:?}"),
            );
        }
        (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
            changed(
                "param-encoding-changed",
                format!("parameters were sent as {a:?}, now as {b:?}"),
            );
        }
        _ => {}
    }
    if ow.response != nw.response {
        changed(
            "response-format-changed",
            format!("responses were {:?}, now {:?}", ow.response, nw.response),
        );
    }
    if error_rule(&ow.error) != error_rule(&nw.error) {
        changed(
            "error-rule-changed",
            format!(
                "errors were recognised by {}, now by {}",
                error_rule(&ow.error),
                error_rule(&nw.error)
            ),
        );
    }
    if auth(&ow.auth) != auth(&nw.auth) {
        changed(
            "auth-changed",
            format!(
                "credentials went as {}, now as {}",
                auth(&ow.auth),
                auth(&nw.auth)
            ),
        );
    }
    if ow.auth.session.as_ref().map(session) != nw.auth.session.as_ref().map(session) {
        changed("session-changed", "the token session changed".to_string());
    }
    if old.base_url.value != new.base_url.value {
        out.push(
            "base-url-changed",
            Direction::Both,
            Some(cx.old_at(&old.base_url)),
            Some(cx.new_at(&new.base_url)),
            format!(
                "API `{}`: base URL `{}` is now `{}`",
                cx.api, old.base_url.value, new.base_url.value
            ),
        );
    }
    let credentials = pair(old.credentials.iter(), new.credentials.iter());
    for (key, _) in &credentials.removed {
        let message = format!("API `{}`: credential `{}` was removed", cx.api, key.value);
        out.push(
            "credential-removed",
            Direction::Request,
            Some(cx.old_at(key)),
            None,
            message,
        );
    }
    for (key, _) in &credentials.added {
        let message = format!("API `{}`: credential `{}` was added", cx.api, key.value);
        out.push(
            "credential-added",
            Direction::Request,
            None,
            Some(cx.new_at(key)),
            message,
        );
    }
    for ((old_key, a), (new_key, b)) in credentials.both {
        if a.secret != b.secret {
            let id = if b.secret {
                "secret-added"
            } else {
                "secret-removed"
            };
            let message = format!(
                "API `{}`: credential `{}` secret: {} → {}",
                cx.api, old_key.value, a.secret, b.secret
            );
            out.push(
                id,
                Direction::Request,
                Some(cx.old_at(old_key)),
                Some(cx.new_at(new_key)),
                message,
            );
        }
    }
}

fn method_name(name: &MethodName) -> String {
    match name {
        MethodName::Path => "the path".to_string(),
        MethodName::Query(key) => format!("query `{}`", key.value),
        MethodName::Form(key) => format!("form field `{}`", key.value),
    }
}

fn error_rule(rule: &ErrorRule) -> String {
    let value = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
    match rule {
        ErrorRule::FieldPresent {
            field,
            message,
            class_prefix,
        } => format!(
            "field_present {{field: {:?}, message: {:?}, class_prefix: {class_prefix:?}}}",
            field.value,
            value(message)
        ),
        ErrorRule::FieldEquals {
            field,
            value: v,
            message,
        } => format!(
            "field_equals {{field: {:?}, value: {v:?}, message: {:?}}}",
            field.value, message.value
        ),
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => format!(
            "count_above {{field: {:?}, message_prefix: {message_prefix:?}, number_prefix: {number_prefix:?}, text_prefix: {text_prefix:?}}}",
            field.value
        ),
    }
}

fn auth(auth: &Auth) -> String {
    let basic = auth
        .basic
        .as_ref()
        .map(|b| format!("basic ({}, {})", b.username.value, b.password.value));
    let params: Vec<String> = auth
        .params
        .iter()
        .map(|(k, v)| format!("{}={}", k.value, v.value))
        .collect();
    match (basic, params.is_empty()) {
        (Some(b), true) => b,
        (Some(b), false) => format!("{b} and params [{}]", params.join(", ")),
        (None, false) => format!("params [{}]", params.join(", ")),
        (None, true) => "nothing".to_string(),
    }
}

fn session(s: &Session) -> Vec<String> {
    let value = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    vec![
        s.method.value.clone(),
        s.replaces.value.clone(),
        s.token.value.clone(),
        value(&s.expires),
        value(&s.timeout_param),
        s.idle_timeout.value.to_string(),
        s.max_idle_timeout.value.to_string(),
        s.max_lifetime.value.to_string(),
    ]
}
