//! Sections and methods: their Rust names and what they may not collide
//! with, their parameters and returned fields.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    pub(super) fn sections(
        &mut self,
        spec: &'a SpecFile,
        meta: &model::ApiMeta,
        wire: &Wire,
    ) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::new();
        // Accessor types share the API module's type namespace.
        let mut accessors: HashMap<String, String> = names::API_TYPES
            .iter()
            .map(|t| {
                (
                    t.to_string(),
                    "a type the API's module defines itself".to_string(),
                )
            })
            .collect();
        for (name, section) in spec.sections.iter() {
            let module = match &section.rust_name {
                Some(rust) => {
                    self.check_identifier(self.path, rust);
                    rust.value.clone()
                }
                None => self.derived_snake(self.path, name, "section"),
            };
            if let Some(other) = out.iter().find(|s| s.module == module) {
                let message = format!(
                    "sections `{}` and `{}` both become the module `{module}`",
                    other.name, name.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", self.path, name.pos, message)
                        .with_help("set `rust_name` on one of them"),
                );
                continue;
            }
            if let Some(problem) = names::section_module_problem(&module) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "section `{}` would become the module `{module}`: {problem}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the section"),
                );
                continue;
            }
            let accessor = naming::camel(&module);
            let blocking = format!("{accessor}Blocking");
            if let Some((item, with)) = first_taken(&accessors, &[&accessor, &blocking]) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "section `{}` needs the Rust type `{item}`, like {with}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the section"),
                );
                continue;
            }
            if wire.method_name == MethodName::Path {
                self.check_path_segments(name, "section");
            }
            let owner = format!("the section `{}`", name.value);
            accessors.insert(accessor.clone(), owner.clone());
            accessors.insert(blocking.clone(), owner);
            let methods = self.methods(
                [&name.value, &module],
                [&accessor, &blocking],
                section,
                meta,
                wire,
            );
            out.push(Section {
                name: name.value.clone(),
                rust_name: accessor,
                module,
                doc: section.doc.clone(),
                methods,
            });
        }
        out
    }

    /// The methods of the section `names` (its spec name and module).
    pub(super) fn methods(
        &mut self,
        [section, module]: [&str; 2],
        accessors: [&str; 2],
        def: &'a model::Section,
        meta: &model::ApiMeta,
        wire: &Wire,
    ) -> Vec<Method> {
        let mut out: Vec<Method> = Vec::new();
        // Everything a section's module and accessor define, by Rust name:
        // method names, request and response types, descriptor constants.
        let mut items: HashMap<String, String> = HashMap::new();
        for (list, what) in [
            (names::API_TYPES, "a type the API's module defines itself"),
            (&accessors[..], "the section's accessor type"),
            (
                names::ACCESSOR_METHODS,
                "a method the section's accessor defines itself",
            ),
        ] {
            items.extend(list.iter().map(|item| (item.to_string(), what.to_string())));
        }
        for (name, method) in def.methods.iter() {
            if let Some(flag) = &method.additions
                && !crate::spec::load::is_overlay_file(self.path)
            {
                self.diags.push(
                    Diagnostic::error(
                        "additions-outside-overlay",
                        self.path,
                        flag.pos,
                        format!(
                            "method `{}` has `additions`, which only an import overlay \
                             (`*.overlay.yaml`) may have",
                            name.value
                        ),
                    )
                    .with_help("an API file's method is complete as written: remove `additions`"),
                );
            }
            let rust_name = match &method.rust_name {
                Some(rust) => {
                    self.check_identifier(self.path, rust);
                    if let Some(shadowed) = names::shadowed_trait_method(&rust.value) {
                        self.shadowing_rust_name(rust, shadowed);
                    }
                    rust.value.clone()
                }
                // A derived name never shadows a trait method of the
                // accessor: it is renamed (the `trait-method-name` hint says so).
                None => {
                    let derived = self.derived_snake(self.path, name, "method");
                    names::trait_free_method(&derived, section, module).unwrap_or(derived)
                }
            };
            let base = naming::camel(&rust_name);
            let request_type = format!("{base}Request");
            let response_type = format!("{base}Response");
            let constant = naming::constant(&rust_name);
            let wanted = [&rust_name, &request_type, &response_type, &constant];
            if let Some((item, with)) = first_taken(&items, &wanted) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "method `{}` needs the Rust name `{item}`, like {with}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the method"),
                );
                continue;
            }
            let owner = format!("the method `{}`", name.value);
            for item in [&rust_name, &request_type, &response_type, &constant] {
                items.insert(item.clone(), owner.clone());
            }
            if wire.method_name == MethodName::Path {
                self.check_path_segments(name, "method");
            }
            let params = self.params(&method.params, meta);
            let groups = self.groups(method, &params, meta, &mut items);
            let binding = self.method_binding(name, method, &params, wire);
            let returns = self.members_of_fields(self.path, &method.returns, true);
            let response_headers = self.response_headers(&method.returns);
            let text_body = self.text_body(name, method);
            let errors = self.method_errors(&method.errors);
            let returns_map = method
                .returns_map
                .as_ref()
                .and_then(|map| self.returns_map(map, !method.returns.is_empty()));
            let paged = paging::PagedMethod {
                name: &name.value,
                rust_name: &rust_name,
                params: &params,
                returns: &returns,
                response_headers: &response_headers,
                http_method: binding
                    .as_ref()
                    .and_then(|b| b.http_method)
                    .unwrap_or(wire.http_method),
            };
            let paging = method
                .paging
                .as_ref()
                .and_then(|paging| self.paging(&paged, paging, wire));
            if let Some(paging) = &paging {
                if let Some(other) = items.get(&paging.rust_name) {
                    let message = format!(
                        "the page-walking helper of `{}` would be named `{}`, like {other}",
                        name.value, paging.rust_name
                    );
                    self.diags.push(
                        Diagnostic::error("name-collision", self.path, name.pos, message)
                            .with_help("set `rust_name` on one of them"),
                    );
                }
                items.insert(
                    paging.rust_name.clone(),
                    format!("the method `{}`", name.value),
                );
            }
            // A `returns_map` that failed its own check was reported.
            let shape_known = method.returns_map.is_none() || returns_map.is_some();
            let returns_example = method
                .returns_example
                .as_deref()
                .filter(|_| shape_known)
                .and_then(|example| {
                    self.returns_example(
                        example,
                        &response_type,
                        &returns,
                        returns_map.as_ref(),
                        wire,
                    )
                });
            out.push(Method {
                name: name.value.clone(),
                wire_name: match wire.method_name {
                    MethodName::Path => format!("{section}/{}", name.value),
                    _ => name.value.clone(),
                },
                rust_name,
                request_type,
                response_type,
                doc: method.doc.clone(),
                url: method.url.clone(),
                notes: method.notes.clone(),
                params,
                groups,
                returns,
                errors,
                idempotent: method.idempotent,
                response_headers,
                text_body,
                returns_secrets: self.returns_secrets(method),
                returns_map,
                paging,
                returns_example,
                record_role: record_roles::role(&name.value, method.role.as_ref()),
                binding,
            });
        }
        self.check_record_roles(def, &out);
        out
    }

    /// A section's or method's name goes into the URL path as segments
    /// (each percent-encoded when sent): none may be empty, `.` or `..`,
    /// which would change the path instead of naming a method.
    pub(super) fn check_path_segments(&mut self, name: &Sp<String>, what: &str) {
        let bad = name
            .value
            .split('/')
            .find(|segment| matches!(*segment, "" | "." | ".."));
        if let Some(segment) = bad {
            let found = if segment.is_empty() {
                "an empty path segment".to_string()
            } else {
                format!("the path segment `{segment}`")
            };
            self.diags.push(
                Diagnostic::error(
                    "wire-name",
                    self.path,
                    name.pos,
                    format!(
                        "{what} `{}` has {found}; it goes into the request URL, where it would change the path",
                        name.value
                    ),
                )
                .with_help("write the name as the vendor documents it, without leading, trailing or doubled `/`, `.` or `..`"),
            );
        }
    }

    /// The named `map` type a whole response is.
    pub(super) fn returns_map(&mut self, map: &Sp<String>, has_returns: bool) -> Option<TypeRef> {
        if has_returns {
            self.error(
                "contradiction",
                self.path,
                map.pos,
                "use either `returns` (named fields) or `returns_map` (arbitrary keys), not both",
            );
            return None;
        }
        let ty = self.type_ref(self.path, map);
        let is_map = self
            .type_def(&map.value)
            .is_some_and(|def| def.map.is_some());
        if !is_map && self.type_names.contains_key(map.value.as_str()) {
            self.error(
                "returns-map",
                self.path,
                map.pos,
                format!(
                    "`returns_map` needs a named `map` type; `{}` is not one",
                    map.value
                ),
            );
            return None;
        }
        Some(ty)
    }

    pub(super) fn params(
        &mut self,
        params: &'a crate::spec::span::Entries<model::Param>,
        meta: &model::ApiMeta,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::with_capacity(params.0.len());
        for (name, param) in params.iter() {
            if carries_method_or_credential(meta, &name.value) {
                self.diags.push(
                    Diagnostic::error(
                        "reserved-param",
                        self.path,
                        name.pos,
                        format!(
                            "`{}` is sent by the wire itself (method name or credential); it cannot be a parameter",
                            name.value
                        ),
                    ),
                );
                continue;
            }
            let numbering = param.series.as_ref().map(|s| self.numbering(name, s));
            let member = self.param_member(name, name, param, numbering, &out);
            out.push(member);
        }
        let path = self.path;
        self.required_if(path, params, &mut out);
        out
    }

    /// The member a parameter (or a group's member) becomes: wire name
    /// `wire`, Rust name from `named` (which a group's member writes
    /// without its `{n}`), type and default checked. `siblings` are the
    /// members before it, whose Rust names it must not take.
    pub(super) fn param_member(
        &mut self,
        wire: &Sp<String>,
        named: &Sp<String>,
        param: &model::Param,
        numbering: Option<Numbering>,
        siblings: &[Member],
    ) -> Member {
        let ty = self.type_ref(self.path, &param.ty);
        if ty == TypeRef::Builtin(Builtin::ErrorList) {
            self.error_list_misplaced(self.path, &param.ty);
        }
        let member = Member {
            wire_name: wire.value.clone(),
            rust_name: self.member_name(self.path, named, param.rust_name.as_ref(), siblings),
            ty,
            required: param.required,
            doc: param.doc.clone(),
            secret: param.secret,
            default: self.shown_default(param.secret, &param.ty, param.default.as_deref()),
            series: numbering.is_some(),
            numbering,
            required_if: Vec::new(),
            allow_empty: param.allow_empty,
            boxed: false,
        };
        if let Some(default) = &param.default {
            self.check_default(self.path, &member, default);
        }
        member
    }

    /// A sent series' numbering, checked: its name must hold `{n}` and
    /// it must take one value at least (or have no highest number).
    fn numbering(&mut self, name: &Sp<String>, series: &model::ParamSeries) -> Numbering {
        if name.value.matches("{n}").count() != 1 {
            self.error(
                "series",
                self.path,
                name.pos,
                format!(
                    "a `series` parameter's name holds `{{n}}` once, where the number goes (like `NS{{n}}`); `{}` does not",
                    name.value
                ),
            );
        }
        if let Some(max) = &series.max {
            self.check_max(name, series.first, max);
        }
        Numbering {
            first: series.first,
            max: series.max.as_ref().map(|max| max.value.max(1)),
        }
    }

    pub(super) fn members_of_fields(
        &mut self,
        file: &Path,
        fields: &'a crate::spec::span::Entries<model::Field>,
        allow_series: bool,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::with_capacity(fields.0.len());
        for (name, field) in fields.iter() {
            if field.series && (!allow_series || !name.value.contains("{n}")) {
                self.error(
                    "series",
                    file,
                    name.pos,
                    format!(
                        "`series` needs a returned field whose name holds `{{n}}` (like `Err{{n}}`); `{}` does not",
                        name.value
                    ),
                );
            }
            if let Some(header) = field.header.as_ref().filter(|_| !allow_series) {
                let message = format!(
                    "`{}` reads the header `{}`, but only a method's returned fields can: \
                     expected `header` under `returns`",
                    name.value,
                    crate::text::visible(&header.value)
                );
                self.error("header-not-returned", file, header.pos, message);
            }
            let rust_name = self.member_name(file, name, field.rust_name.as_ref(), &out);
            let ty = self.type_ref(file, &field.ty);
            if allow_series && ty == TypeRef::Builtin(Builtin::ErrorList) {
                self.error_list_misplaced(file, &field.ty);
            }
            out.push(Member {
                wire_name: name.value.clone(),
                rust_name,
                ty,
                required: !field.optional && !field.series && !field.allow_empty,
                doc: field.doc.clone(),
                secret: field.secret,
                default: None,
                series: field.series,
                numbering: None,
                required_if: Vec::new(),
                allow_empty: field.allow_empty,
                boxed: false,
            });
        }
        out
    }

    /// The Rust name of a member defined in `file` (an error's fields may
    /// come from a library).
    pub(super) fn member_name(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        rust_name: Option<&Sp<String>>,
        existing: &[Member],
    ) -> String {
        let rust = match rust_name {
            Some(rust) => {
                self.check_identifier(file, rust);
                rust.value.clone()
            }
            None => self.derived_snake(file, name, "field"),
        };
        let setter = naming::setter(&rust);
        if let Some(other) = existing.iter().find(|m| m.rust_name == rust) {
            let message = format!(
                "`{}` and `{}` both become the Rust field `{rust}`",
                other.wire_name, name.value
            );
            self.diags.push(
                Diagnostic::error("name-collision", file, name.pos, message)
                    .with_help("set `rust_name` on one of them"),
            );
        } else if let Some(other) = existing
            .iter()
            .find(|m| naming::setter(&m.rust_name) == setter)
        {
            let message = format!(
                "`{}` and `{}` would both get the setter `{setter}`",
                other.wire_name, name.value
            );
            self.diags.push(
                Diagnostic::error("name-collision", file, name.pos, message)
                    .with_help("set `rust_name` on one of them"),
            );
        }
        rust
    }

    /// A method's chosen `rust_name` that would shadow `shadowed`, a trait
    /// method of the section's accessor, at every call site.
    fn shadowing_rust_name(&mut self, rust: &Sp<String>, shadowed: &str) {
        let message = format!(
            "method `rust_name` `{}` would shadow `{shadowed}` on the section's accessor",
            rust.value
        );
        self.diags.push(
            Diagnostic::error("name-collision", self.path, rust.pos, message).with_help(
                "choose a name that says what the method does, such as the method and \
                 what it acts on (`clone_server`)",
            ),
        );
    }

    /// The snake_case name derived from a spec name that has no `rust_name`,
    /// or a located error saying why there is none (then a stand-in unique
    /// to the position, so checking goes on without reporting collisions of
    /// stand-ins).
    pub(super) fn derived_snake(&mut self, file: &Path, name: &Sp<String>, what: &str) -> String {
        naming::checked_snake(&name.value).unwrap_or_else(|problem| {
            self.diags.push(
                Diagnostic::error(
                    "rust-name",
                    file,
                    name.pos,
                    format!("{what} `{}` {problem}", name.value),
                )
                .with_help("set `rust_name` to the name generated code should use"),
            );
            format!("unnamed_{}_{}", name.pos.line, name.pos.column)
        })
    }

    pub(super) fn check_identifier(&mut self, file: &Path, name: &Sp<String>) {
        if !naming::is_identifier(&name.value) {
            self.error(
                "rust-name",
                file,
                name.pos,
                format!("`{}` is not a usable Rust identifier", name.value),
            );
            if let Some(d) = self.diags.0.last_mut() {
                d.help = Some(format!(
                    "write ASCII letters, digits and `_`, not starting with a digit or `__`, not a Rust keyword, at most {} characters",
                    naming::MAX_LEN
                ));
            }
        }
    }
}

/// The first of `wanted` that `taken` already has, with what took it.
pub(super) fn first_taken(
    taken: &HashMap<String, String>,
    wanted: &[&String],
) -> Option<(String, String)> {
    wanted.iter().find_map(|item| {
        taken
            .get(*item)
            .map(|owner| (item.to_string(), owner.clone()))
    })
}

pub(super) fn carries_method_or_credential(meta: &model::ApiMeta, name: &str) -> bool {
    let method_param = match &meta.wire.method_name {
        model::MethodName::Query(p) | model::MethodName::Form(p) => Some(p.value.as_str()),
        model::MethodName::Path => None,
    };
    method_param.is_some_and(|p| p.eq_ignore_ascii_case(name))
        || meta
            .wire
            .auth
            .params
            .iter()
            .any(|(k, _)| k.value.eq_ignore_ascii_case(name))
}
