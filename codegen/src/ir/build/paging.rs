//! A method's `paging`: its style, the keys that style takes, and the
//! parameters and returned fields they name, each of a type the page walker
//! can use.

use super::*;
use model::PagingStyle as Style;

/// What the page walker needs a member's type to be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
    Array,
    Other,
}

/// The method around a `paging` block, as far as its check needs it.
pub(super) struct PagedMethod<'m> {
    pub name: &'m str,
    pub rust_name: &'m str,
    pub params: &'m [Member],
    pub returns: &'m [Member],
    /// (header, field) of the returned fields read from headers.
    pub response_headers: &'m [(String, String)],
    pub http_method: HttpMethod,
}

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// Checks a method's `paging` against its style, parameters, returns and
    /// wire.
    pub(super) fn paging(
        &mut self,
        method: &PagedMethod<'_>,
        paging: &Sp<model::Paging>,
        wire: &Wire,
    ) -> Option<Paging> {
        let style = paging.style.as_ref().map_or(Style::Page, |s| s.value);
        if !self.paging_keys(style, paging) {
            return None;
        }
        let mut ok = true;
        let item_type = self.paging_items(method, &paging.items);
        ok &= item_type.is_some();
        let style = match style {
            Style::Page => {
                let page = paging.page.as_ref()?;
                let total = paging.page_total.as_ref()?;
                ok &= self.paging_param(method, "page", page).is_some();
                ok &= self.paging_field(method, "page_total", total).is_some();
                PagingStyle::Page {
                    page: page.value.clone(),
                    page_total: total.value.clone(),
                }
            }
            Style::Offset => {
                let offset = paging.offset.as_ref()?;
                ok &= self.paging_typed_param(method, "offset", offset, &[Kind::Integer]);
                if let Some(limit) = &paging.limit {
                    ok &= self.paging_typed_param(method, "limit", limit, &[Kind::Integer]);
                }
                if let Some(size) = paging.page_size.as_ref().filter(|s| s.value == 0) {
                    self.error(
                        "paging-style",
                        self.path,
                        size.pos,
                        "`paging.page_size` is 0: expected the number of items a page holds \
                         (1 or more)",
                    );
                    ok = false;
                }
                if paging.limit.is_none() && paging.page_size.is_none() {
                    self.diags.push(
                        Diagnostic::error(
                            "paging-style",
                            self.path,
                            paging.pos,
                            "the `offset` style needs `paging.limit` (the page-size parameter) \
                             or `paging.page_size` (the size the server uses): without either, \
                             a short last page cannot be told from a full one",
                        )
                        .with_help("add `limit: PARAM` or `page_size: N`"),
                    );
                    ok = false;
                }
                if let Some(total) = &paging.total {
                    ok &= self.paging_typed_field(method, "total", total, &[Kind::Integer]);
                }
                PagingStyle::Offset {
                    offset: offset.value.clone(),
                    limit: paging.limit.as_ref().map(|l| l.value.clone()),
                    page_size: paging.page_size.as_ref().map(|s| s.value),
                    total: paging.total.as_ref().map(|t| t.value.clone()),
                }
            }
            Style::Cursor => {
                let cursor = paging.cursor.as_ref()?;
                let next = paging.next.as_ref()?;
                let scalar = [Kind::Text, Kind::Integer];
                ok &= self.paging_typed_param(method, "cursor", cursor, &scalar);
                if let Some(param) = method.params.iter().find(|p| p.wire_name == cursor.value)
                    && param.required
                {
                    self.diags.push(
                        Diagnostic::error(
                            "paging-cursor",
                            self.path,
                            cursor.pos,
                            format!(
                                "`paging.cursor` names `{}`, a required parameter: the first \
                                 page is asked for without a cursor, so it must be optional",
                                cursor.value
                            ),
                        )
                        .with_help("drop `required: true` from the cursor parameter"),
                    );
                    ok = false;
                }
                ok &= self.paging_typed_field(method, "next", next, &scalar);
                PagingStyle::Cursor {
                    cursor: cursor.value.clone(),
                    next: next.value.clone(),
                }
            }
            Style::Link => {
                let link = paging.link.as_ref()?;
                ok &= self.paging_typed_field(method, "link", link, &[Kind::Text]);
                ok &= self.paging_link(method, link, wire);
                PagingStyle::Link {
                    link: link.value.clone(),
                }
            }
        };
        if !ok {
            return None;
        }
        Some(Paging {
            style,
            items: paging.items.value.clone(),
            item_type: item_type?,
            rust_name: format!("{}_all", method.rust_name.trim_end_matches('_')),
        })
    }

    /// Each key the style takes is there, and no other; false after
    /// reporting what is wrong.
    fn paging_keys(&mut self, style: Style, paging: &Sp<model::Paging>) -> bool {
        let names = [
            ("page", paging.page.as_ref().map(|k| k.pos)),
            ("page_total", paging.page_total.as_ref().map(|k| k.pos)),
            ("offset", paging.offset.as_ref().map(|k| k.pos)),
            ("limit", paging.limit.as_ref().map(|k| k.pos)),
            ("page_size", paging.page_size.as_ref().map(|k| k.pos)),
            ("total", paging.total.as_ref().map(|k| k.pos)),
            ("cursor", paging.cursor.as_ref().map(|k| k.pos)),
            ("next", paging.next.as_ref().map(|k| k.pos)),
            ("link", paging.link.as_ref().map(|k| k.pos)),
        ];
        let (required, optional): (&[&str], &[&str]) = match style {
            Style::Page => (&["page", "page_total"], &[]),
            Style::Offset => (&["offset"], &["limit", "page_size", "total"]),
            Style::Cursor => (&["cursor", "next"], &[]),
            Style::Link => (&["link"], &[]),
        };
        let takes = required
            .iter()
            .chain(optional)
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut ok = true;
        for (key, pos) in names {
            let Some(pos) = pos else {
                if required.contains(&key) {
                    let message = format!(
                        "the `{}` paging style needs `paging.{key}`; it takes {takes} and `items`",
                        style.as_str()
                    );
                    self.error("paging-style", self.path, paging.pos, message);
                    ok = false;
                }
                continue;
            };
            if !required.contains(&key) && !optional.contains(&key) {
                let message = format!(
                    "`paging.{key}` is not a key of the `{}` paging style, which takes {takes} \
                     and `items`",
                    style.as_str()
                );
                let diagnostic = Diagnostic::error("paging-style", self.path, pos, message)
                    .with_help("set `style` to the vendor's way of paging, or drop the key");
                self.diags.push(diagnostic);
                ok = false;
            }
        }
        ok
    }

    /// The item type of the returned `array` field `items` names.
    fn paging_items(&mut self, method: &PagedMethod<'_>, items: &Sp<String>) -> Option<TypeRef> {
        let member = self.paging_field(method, "items", items)?;
        let array = match &member.ty {
            TypeRef::Named(rust) => self
                .named_def(rust)
                .and_then(|def| def.array.as_ref())
                .map(|a| a.items.clone()),
            TypeRef::Builtin(_) => None,
        };
        match array {
            Some(item) => Some(self.type_ref(self.path, &item)),
            None => {
                self.error(
                    "paging",
                    self.path,
                    items.pos,
                    format!(
                        "`paging.items` needs a returned `array` type; `{}` is not one",
                        items.value
                    ),
                );
                None
            }
        }
    }

    /// The parameter `name` names, or a located error with a suggestion.
    fn paging_param<'m>(
        &mut self,
        method: &PagedMethod<'m>,
        key: &str,
        name: &Sp<String>,
    ) -> Option<&'m Member> {
        let missing = format!("is not a parameter of `{}`", method.name);
        self.paging_member(method.params, key, name, &missing)
    }

    /// The returned field `name` names, or a located error with a
    /// suggestion.
    fn paging_field<'m>(
        &mut self,
        method: &PagedMethod<'m>,
        key: &str,
        name: &Sp<String>,
    ) -> Option<&'m Member> {
        let missing = format!("`{}` does not return", method.name);
        self.paging_member(method.returns, key, name, &missing)
    }

    /// The member of `members` that `paging.<key>` names, or an error
    /// saying the name `missing` (with the closest names as suggestions).
    fn paging_member<'m>(
        &mut self,
        members: &'m [Member],
        key: &str,
        name: &Sp<String>,
        missing: &str,
    ) -> Option<&'m Member> {
        let found = members.iter().find(|m| m.wire_name == name.value);
        if found.is_none() {
            let candidates = members.iter().map(|m| m.wire_name.as_str());
            let message = format!("`paging.{key}` names `{}`, which {missing}", name.value);
            let diagnostic = Diagnostic::error("paging", self.path, name.pos, message)
                .with_suggestion(&name.value, candidates);
            self.diags.push(diagnostic);
        }
        found
    }

    fn paging_typed_param(
        &mut self,
        method: &PagedMethod<'_>,
        key: &str,
        name: &Sp<String>,
        kinds: &[Kind],
    ) -> bool {
        match self.paging_param(method, key, name) {
            Some(member) => self.paging_kind(key, name, &member.ty, kinds),
            None => false,
        }
    }

    fn paging_typed_field(
        &mut self,
        method: &PagedMethod<'_>,
        key: &str,
        name: &Sp<String>,
        kinds: &[Kind],
    ) -> bool {
        match self.paging_field(method, key, name) {
            Some(member) => self.paging_kind(key, name, &member.ty, kinds),
            None => false,
        }
    }

    /// Whether `ty` is of one of `kinds`; false after reporting it.
    fn paging_kind(&mut self, key: &str, name: &Sp<String>, ty: &TypeRef, kinds: &[Kind]) -> bool {
        let kind = match ty {
            TypeRef::Builtin(Builtin::Integer) => Kind::Integer,
            TypeRef::Builtin(Builtin::String) => Kind::Text,
            TypeRef::Builtin(_) => Kind::Other,
            TypeRef::Named(rust) => match self.named_def(rust) {
                Some(def) if def.integer.is_some() => Kind::Integer,
                Some(def) if def.string.is_some() || def.enumeration.is_some() => Kind::Text,
                Some(def) if def.array.is_some() => Kind::Array,
                _ => Kind::Other,
            },
        };
        if kinds.contains(&kind) {
            return true;
        }
        let expected = if kinds.contains(&Kind::Text) && kinds.contains(&Kind::Integer) {
            "a `string` or `integer` type"
        } else if kinds.contains(&Kind::Text) {
            "a `string` type"
        } else {
            "an `integer` type"
        };
        let message = format!(
            "`paging.{key}` names `{}`, whose type is not one the page walker can read or send: \
             expected {expected}",
            name.value
        );
        self.error("paging-type", self.path, name.pos, message);
        false
    }

    /// A `link` field is read from a response header, and the method can
    /// follow a link as given: a GET whose credentials are not parameters.
    fn paging_link(&mut self, method: &PagedMethod<'_>, link: &Sp<String>, wire: &Wire) -> bool {
        let mut ok = true;
        if !method
            .response_headers
            .iter()
            .any(|(_, f)| *f == link.value)
        {
            let diagnostic = Diagnostic::error(
                "paging-link",
                self.path,
                link.pos,
                format!(
                    "`paging.link` names `{}`, which is not read from a response header",
                    link.value
                ),
            )
            .with_help("add `header: Link` to the returned field");
            self.diags.push(diagnostic);
            ok = false;
        }
        if method.http_method != HttpMethod::Get {
            let message = format!(
                "`{}` pages by `Link` headers but is sent with {}: a link is followed with GET, \
                 so the method must be a GET",
                method.name,
                format!("{:?}", method.http_method).to_uppercase()
            );
            self.error("paging-link", self.path, link.pos, message);
            ok = false;
        }
        if let Some((param, _)) = wire.credential_params.first() {
            let message = format!(
                "`{}` pages by `Link` headers, but the API's credentials travel as parameters \
                 (`{param}`), which a link followed as given would not carry",
                method.name
            );
            self.error("paging-link", self.path, link.pos, message);
            ok = false;
        }
        ok
    }

    /// The definition of the named type whose Rust name is `rust`.
    fn named_def(&self, rust: &str) -> Option<&'a model::TypeDef> {
        self.types
            .iter()
            .find(|t| {
                self.type_names
                    .get(t.name.value.as_str())
                    .map(String::as_str)
                    == Some(rust)
            })
            .map(|t| t.def)
    }
}
