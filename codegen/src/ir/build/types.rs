//! Named types: resolving references, the type graph (boxing, depth,
//! cycles), lowering each kind, and the defaults that refer to them.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// Which references among the gathered types are boxed, and whether
    /// any chain of types is too deep (reported at the type of this file or
    /// library where it crosses the limit).
    pub(super) fn type_graph(&mut self) {
        let defs: Vec<(&str, &model::TypeDef)> = self
            .types
            .iter()
            .map(|t| (t.name.value.as_str(), t.def))
            .collect();
        let analysis = graph::analyze(&defs);
        self.boxed = analysis.boxed;
        for cycle in analysis.alias_cycles {
            let Some(origin) = self.types.iter().find(|t| t.name.value == cycle[0]) else {
                continue;
            };
            let what = if cycle.len() == 1 {
                format!("type `{}` is a list or map of itself", cycle[0])
            } else {
                let names: Vec<String> = cycle.iter().map(|n| format!("`{n}`")).collect();
                format!("types {} are lists or maps of each other", names.join(", "))
            };
            self.diags.push(
                Diagnostic::error(
                    "type-cycle",
                    origin.file,
                    origin.name.pos,
                    format!("{what}, with no object or union in between: such a type never ends"),
                )
                .with_help("put an object or a union on the cycle (e.g. an object with a field holding the list)"),
            );
        }
        for (name, chain) in analysis.too_deep {
            let Some(origin) = self.types.iter().find(|t| t.name.value == name) else {
                continue;
            };
            let shown = if chain.len() > 6 {
                format!(
                    "{} → … → {}",
                    chain[..3].join(" → "),
                    chain[chain.len() - 2..].join(" → ")
                )
            } else {
                chain.join(" → ")
            };
            self.diags.push(
                Diagnostic::error(
                    "type-depth",
                    origin.file,
                    origin.name.pos,
                    format!(
                        "type `{name}` starts a chain of {} nested types ({shown}); at most {} compile reliably",
                        chain.len(),
                        graph::MAX_DEPTH
                    ),
                )
                .with_help("flatten the structure: a field of type `json` can hold what is nested deeper"),
            );
        }
    }

    /// Resolves a type reference, recording named types as used.
    pub(super) fn type_ref(&mut self, file: &Path, name: &Sp<String>) -> TypeRef {
        if let Some(builtin) = Builtin::from_name(&name.value) {
            return TypeRef::Builtin(builtin);
        }
        if let Some(rust) = self.type_names.get(name.value.as_str()) {
            let rust = rust.clone();
            self.mark_used(&name.value);
            return TypeRef::Named(rust);
        }
        let candidates: Vec<&str> = self
            .type_names
            .keys()
            .copied()
            .chain(Builtin::NAMES.iter().copied())
            .collect();
        let mut diagnostic = Diagnostic::error(
            "unknown-type",
            file,
            name.pos,
            format!("unknown type `{}`", name.value),
        );
        diagnostic = match did_you_mean(&name.value, candidates) {
            Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
            None => diagnostic.with_help(
                "use a type declared under `types` (here or in a `uses` library) or a builtin: string, integer, float, boolean, json",
            ),
        };
        self.diags.push(diagnostic);
        TypeRef::Builtin(Builtin::Json)
    }

    /// Marks a named type and every type it refers to as used.
    pub(super) fn mark_used(&mut self, name: &str) {
        // Iterative: a hostile spec's chain of thousands of types must not
        // exhaust the stack before the depth check reports it.
        let mut stack = vec![name.to_string()];
        while let Some(name) = stack.pop() {
            if !self.used_types.insert(name.clone()) {
                continue;
            }
            if let Some(def) = self.type_def(&name) {
                stack.extend(
                    def.referenced_types()
                        .into_iter()
                        .filter(|inner| self.type_names.contains_key(inner))
                        .map(str::to_string),
                );
            }
        }
    }

    /// Every type this API can name, with the file it comes from.
    pub(super) fn named_types(&mut self) -> Vec<(&'a Path, NamedType)> {
        // Every type of this file and of the libraries it uses is emitted,
        // used or not: a library such as Liquid Web's type catalogue is
        // useful to callers as a whole. What they refer to is then needed too.
        let all: Vec<String> = self.types.iter().map(|t| t.name.value.clone()).collect();
        for name in all {
            self.mark_used(&name);
        }
        let local: Vec<usize> = (0..self.types.len()).collect();
        let mut out = Vec::new();
        for i in local {
            let (file, def, name) = (self.types[i].file, self.types[i].def, self.types[i].name);
            if let Some(kind) = self.type_kind(file, name, def) {
                out.push((
                    file,
                    NamedType {
                        name: name.value.clone(),
                        rust_name: self.type_names[name.value.as_str()].clone(),
                        doc: def.doc.value.clone(),
                        note: def.note.clone(),
                        vendor_name: def.vendor_name.clone(),
                        secret: def.secret,
                        library: file != self.path,
                        kind,
                    },
                ));
            }
        }
        out
    }

    pub(super) fn type_kind(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        def: &model::TypeDef,
    ) -> Option<TypeKind> {
        let kinds: Vec<(&str, Pos)> = [
            def.string.as_ref().map(|s| ("string", s.pos)),
            def.integer.as_ref().map(|s| ("integer", s.pos)),
            def.float.as_ref().map(|s| ("float", s.pos)),
            def.boolean.as_ref().map(|s| ("boolean", s.pos)),
            def.enumeration.as_ref().map(|s| ("enum", s.pos)),
            def.unix_time.as_ref().map(|s| ("unix_time", s.pos)),
            def.map.as_ref().map(|s| ("map", s.pos)),
            def.array.as_ref().map(|s| ("array", s.pos)),
            def.decimal.as_ref().map(|s| ("decimal", s.pos)),
            def.union.as_ref().map(|s| ("union", s.pos)),
            def.object.as_ref().map(|s| ("object", s.pos)),
        ]
        .into_iter()
        .flatten()
        .collect();
        match kinds.as_slice() {
            [] => {
                self.diags.push(
                    Diagnostic::error(
                        "type-kind",
                        file,
                        name.pos,
                        format!("type `{}` needs exactly one kind", name.value),
                    )
                    .with_help(
                        "add one of: string, integer, float, boolean, enum, unix_time, map, array, decimal, union, object",
                    ),
                );
                return None;
            }
            [_] => {}
            [_, (second, pos), ..] => {
                self.error(
                    "type-kind",
                    file,
                    *pos,
                    format!(
                        "type `{}` has more than one kind (`{}` and `{second}`)",
                        name.value, kinds[0].0
                    ),
                );
                return None;
            }
        }
        if let Some(rule) = &def.string {
            return self.string_rule(file, rule).map(TypeKind::String);
        }
        if let Some(rule) = &def.integer {
            if let (Some(min), Some(max)) = (&rule.min, &rule.max)
                && min.value > max.value
            {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!("max {} is below min {}", max.value, min.value),
                );
            }
            return Some(TypeKind::Integer {
                min: rule.min.as_ref().map(|m| m.value),
                max: rule.max.as_ref().map(|m| m.value),
            });
        }
        if let Some(rule) = &def.float {
            return self.float_rule(file, rule);
        }
        if let Some(rule) = &def.decimal {
            return self.decimal_rule(file, rule).map(TypeKind::Decimal);
        }
        if let Some(rule) = &def.union {
            return self.union_rule(file, name, rule);
        }
        if let Some(rule) = &def.object {
            if rule.fields.is_empty() {
                self.error(
                    "unsatisfiable",
                    file,
                    rule.pos,
                    "an object needs at least one field",
                );
                return None;
            }
            let fields = self.object_fields(file, &name.value, &rule.fields);
            return Some(TypeKind::Object { fields });
        }
        if let Some(rule) = &def.boolean {
            return Some(TypeKind::Boolean(rule.encoding));
        }
        if let Some(rule) = &def.enumeration {
            return self.enum_rule(file, rule);
        }
        if def.unix_time.is_some() {
            return Some(TypeKind::UnixTime);
        }
        if let Some(rule) = &def.map {
            let values = rule.values.as_ref().map(|v| self.type_ref(file, v));
            return Some(TypeKind::Map { values });
        }
        if let Some(rule) = &def.array {
            let items = self.type_ref(file, &rule.items);
            return Some(TypeKind::Array { items });
        }
        None
    }

    /// The fields of the object type `owner`.
    pub(super) fn object_fields(
        &mut self,
        file: &Path,
        owner: &str,
        fields: &crate::spec::span::Entries<model::Param>,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::with_capacity(fields.0.len());
        for (name, field) in fields.iter() {
            let rust_name = self.member_name(file, name, field.rust_name.as_ref(), &out);
            if field.series.is_some() {
                self.error(
                    "series",
                    file,
                    name.pos,
                    format!(
                        "`{}`: a numbered `series` is for a method's parameters, not an object's fields",
                        name.value
                    ),
                );
            }
            if field.required && field.allow_empty {
                self.error(
                    "contradiction",
                    file,
                    name.pos,
                    format!(
                        "`{}` is `required` but `allow_empty` lets an empty value read as absent",
                        name.value
                    ),
                );
            }
            if let Some(place) = &field.place {
                self.error(
                    "http-binding",
                    file,
                    place.pos,
                    format!(
                        "`{}` is a field of an object type; only a method's parameters travel somewhere of their own (`in`)",
                        name.value
                    ),
                );
            }
            let member = Member {
                wire_name: name.value.clone(),
                rust_name,
                ty: self.type_ref(file, &field.ty),
                required: field.required,
                doc: field.doc.clone(),
                secret: field.secret,
                default: self.shown_default(field.secret, &field.ty, field.default.as_deref()),
                series: false,
                numbering: None,
                required_if: Vec::new(),
                allow_empty: field.allow_empty,
                boxed: self
                    .boxed
                    .contains(&(owner.to_string(), name.value.clone())),
            };
            if let Some(default) = &field.default {
                self.check_default(file, &member, default);
            }
            out.push(member);
        }
        self.required_if(file, fields, &mut out);
        out
    }

    /// Resolves every `required_if` among `params` (parameters of one method,
    /// or fields of one object) into `members`, which were built from them in
    /// order.
    pub(super) fn required_if(
        &mut self,
        file: &Path,
        params: &crate::spec::span::Entries<model::Param>,
        members: &mut [Member],
    ) {
        for (name, param) in params.iter() {
            let mut conditions = Vec::new();
            for (other, value) in param.required_if.iter() {
                if other.value == name.value {
                    self.error(
                        "required-if",
                        file,
                        other.pos,
                        format!(
                            "`{}` cannot be required on a condition about itself",
                            name.value
                        ),
                    );
                    continue;
                }
                let Some(target) = members.iter().find(|m| m.wire_name == other.value) else {
                    let mut diagnostic = Diagnostic::error(
                        "required-if",
                        file,
                        other.pos,
                        format!(
                            "`required_if` of `{}` names `{}`, which is not a parameter here",
                            name.value, other.value
                        ),
                    );
                    let candidates = members
                        .iter()
                        .map(|m| m.wire_name.as_str())
                        .filter(|n| *n != name.value);
                    diagnostic = match did_you_mean(&other.value, candidates) {
                        Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
                        None => diagnostic.with_help(
                            "a condition names another parameter of the same method (or field of the same object)",
                        ),
                    };
                    self.diags.push(diagnostic);
                    continue;
                };
                let value = match value {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(_)
                    | serde_json::Value::Number(_)
                    | serde_json::Value::Bool(_) => Some(value.clone()),
                    other_value => {
                        self.error(
                            "required-if",
                            file,
                            other.pos,
                            format!(
                                "the condition on `{}` must be `null` (absent) or a string, number or boolean, not {other_value}",
                                other.value
                            ),
                        );
                        continue;
                    }
                };
                // A series is present when its first value is.
                let wire_name = match &target.numbering {
                    Some(numbering) => numbering.name(&target.wire_name, 0),
                    None => target.wire_name.clone(),
                };
                conditions.push(Condition {
                    wire_name,
                    rust_name: target.rust_name.clone(),
                    value,
                });
            }
            if param.required && !param.required_if.is_empty() {
                self.error(
                    "contradiction",
                    file,
                    name.pos,
                    format!(
                        "`{}` is always `required`, so `required_if` says nothing",
                        name.value
                    ),
                );
            }
            if let Some(member) = members.iter_mut().find(|m| m.wire_name == name.value) {
                member.required_if = conditions;
            }
        }
    }

    /// The definition of the named type `name`, if there is one.
    pub(super) fn type_def(&self, name: &str) -> Option<&'a model::TypeDef> {
        self.type_index.get(name).map(|&i| self.types[i].def)
    }

    /// Whether any value `method` returns is secret, however deep.
    pub(super) fn returns_secrets(&self, method: &model::Method) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = method
            .returns
            .iter()
            .map(|(_, f)| f.ty.value.as_str())
            .chain(method.returns_map.as_ref().map(|m| m.value.as_str()))
            .collect();
        if method.returns.iter().any(|(_, f)| f.secret) {
            return true;
        }
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            let Some(def) = self.type_def(name) else {
                continue;
            };
            if def.secret
                || def
                    .object
                    .as_ref()
                    .is_some_and(|o| o.fields.iter().any(|(_, f)| f.secret))
            {
                return true;
            }
            stack.extend(
                def.referenced_types()
                    .into_iter()
                    .filter_map(|n| self.type_index.get(n))
                    .map(|&i| self.types[i].name.value.as_str()),
            );
        }
        false
    }

    /// The default a member's docs may show: none for a secret member or a
    /// member of a type declared secret (the default is checked all the
    /// same, without quoting it).
    pub(super) fn shown_default(
        &self,
        secret: bool,
        ty: &Sp<String>,
        default: Option<&Sp<serde_json::Value>>,
    ) -> Option<Box<serde_json::Value>> {
        let secret_type = self.type_def(&ty.value).is_some_and(|def| def.secret);
        default
            .filter(|_| !secret && !secret_type)
            .map(|d| Box::new(d.value.clone()))
    }

    /// A documented default must be a value of its own type; checked by
    /// [`Self::check_defaults`] once the types are lowered.
    pub(super) fn check_default(
        &mut self,
        file: &Path,
        member: &Member,
        default: &Sp<serde_json::Value>,
    ) {
        self.defaults.push(super::defaults::Pending {
            file: file.to_path_buf(),
            pos: default.pos,
            ty: member.ty.clone(),
            secret: member.secret,
            value: default.value.clone(),
        });
    }

    /// Checks the queued defaults and documented responses against the
    /// lowered `types` (`ir::defaults`).
    pub(super) fn check_defaults(&mut self, types: &[(&Path, NamedType)]) {
        let pending = std::mem::take(&mut self.defaults);
        let mut defaults = super::defaults::Defaults::new(types.iter().map(|(_, t)| t));
        for diagnostic in defaults.diagnostics(&pending) {
            self.diags.push(diagnostic);
        }
        let examples = std::mem::take(&mut self.examples);
        for diagnostic in defaults.example_diagnostics(&examples) {
            self.diags.push(diagnostic);
        }
    }
}
