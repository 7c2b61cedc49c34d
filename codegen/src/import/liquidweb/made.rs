//! Types the importer makes for nested structures, lists, enums and keyed
//! maps: named after where they first appear, shared when identical.

use serde_json::{Map, Value};

use super::context::{Ctx, Dir, json_path};
use super::importer::{Importer, flag, kind_of, sp};
use crate::import::yaml::{self, Yaml};
use crate::import::{ImportError, Kind};
use crate::naming;
use crate::spec::model::{self, TypeDef};
use crate::spec::span::Entries;

/// A type the importer made.
#[derive(Clone, Debug)]
pub(super) struct Made {
    pub(super) name: String,
    /// The section it was made for first.
    section: String,
    pub(super) def: TypeDef,
    /// Where it is used after the first place (named in its doc).
    pub(super) also: Vec<String>,
    /// Members an overlay added inside it (`nested`), named in its note.
    pub(super) added: Vec<String>,
}

impl Importer<'_> {
    /// Type names for something made at `ctx`, best first:
    /// `{last section part}{method}{fields…}` (a field followed by `[]` in
    /// the singular: `items[]` → `Item`), then with `Returned`/`Param`
    /// before the fields (so a parameter and a returned field of one method
    /// do not clash), then with the whole section path. Enums leave the
    /// method out of the first name: their values rarely depend on it.
    fn candidates(&self, ctx: &Ctx, with_method: bool) -> Vec<String> {
        let mut fields = String::new();
        for (i, field) in ctx.fields.iter().enumerate() {
            if field == "[]" {
                continue;
            }
            let camel = naming::camel(field);
            if ctx.fields.get(i + 1).is_some_and(|f| f == "[]") {
                fields.push_str(&singular(&camel));
            } else {
                fields.push_str(&camel);
            }
        }
        let method = naming::camel(&ctx.method);
        let side = match ctx.dir {
            Dir::In => "Param",
            Dir::Out => "Returned",
        };
        let last_part = ctx.section.rsplit('/').next().unwrap_or(&ctx.section);
        let last = naming::camel(last_part);
        let full = naming::camel(&ctx.section);
        let mut out = Vec::new();
        if !with_method {
            out.push(format!("{last}{fields}"));
        }
        out.push(format!("{last}{method}{fields}"));
        // A clash within the section is a parameter against a returned
        // field; across sections (`Server`, `Storm/Server`), the section.
        let clash_in_section = out.iter().any(|name| {
            self.types
                .iter()
                .any(|t| t.name == *name && t.section == ctx.section)
        });
        if clash_in_section {
            out.push(format!("{last}{method}{side}{fields}"));
        }
        out.push(format!("{full}{method}{fields}"));
        out.push(format!("{full}{method}{side}{fields}"));
        out
    }

    /// Registers a made type (or finds an identical one) and returns its name.
    fn make(
        &mut self,
        ctx: &Ctx,
        candidates: Vec<String>,
        def: TypeDef,
        used_at: String,
    ) -> String {
        let body = canonical(&def);
        if let Some(&index) = self.by_body.get(&body) {
            let made = &mut self.types[index];
            made.also.push(used_at);
            return made.name.clone();
        }
        let taken = |name: &str, this: &Self| {
            this.types.iter().any(|t| t.name == name)
                || this.catalogue.by_name.contains_key(name)
                || crate::ir::Builtin::from_name(name).is_some()
        };
        let mut name = None;
        for candidate in &candidates {
            if !taken(candidate, self) {
                name = Some(candidate.clone());
                break;
            }
        }
        let name = name.unwrap_or_else(|| {
            let base = candidates
                .last()
                .cloned()
                .unwrap_or_else(|| "Imported".into());
            (2..)
                .map(|n| format!("{base}{n}"))
                .find(|n| !taken(n, self))
                .unwrap_or(base)
        });
        self.by_body.insert(body, self.types.len());
        self.types.push(Made {
            name: name.clone(),
            section: ctx.section.clone(),
            def,
            also: Vec::new(),
            added: Vec::new(),
        });
        name
    }

    fn where_used(ctx: &Ctx) -> String {
        let dir = match ctx.dir {
            Dir::In => "parameter",
            Dir::Out => "returned field",
        };
        let field = ctx.fields.join(".").replace(".[]", "[]");
        format!("`{}/{}` {dir} `{field}`", ctx.section, ctx.method)
    }

    /// An `object` type for a nested structure.
    pub(super) fn structure(
        &mut self,
        fields: &Map<String, Value>,
        ctx: &Ctx,
        item: bool,
    ) -> Result<String, ImportError> {
        if fields.is_empty() {
            self.report.push(
                Kind::Unmapped,
                "empty-structure",
                ctx.at(),
                "a structure without fields; written as `Hash` (any keys)".into(),
            );
            return Ok("Hash".to_string());
        }
        let mut object = Entries::default();
        for (field, spec) in fields {
            let child = ctx.child(field, "structure");
            let (param, _) = self.param(field, spec, fields, &child)?;
            object.0.push((sp(field.clone()), param));
        }
        let used_at = Self::where_used(ctx);
        let doc = if item {
            format!("One item of {used_at}.")
        } else {
            format!("The structure of {used_at}.")
        };
        let def = TypeDef {
            doc: sp(doc),
            note: None,
            ..empty_type()
        };
        let def = TypeDef {
            object: Some(sp(model::ObjectRule { fields: object })),
            ..def
        };
        let candidates = self.candidates(ctx, true);
        Ok(self.make(ctx, candidates, def, used_at))
    }

    /// For `type: Section/method:[]`: a structure of the fields
    /// `section/method` returns (`fields`, as members) and a list of it;
    /// returns the list's name. Named like the structures the import makes
    /// (`RecordDetails`, then `RecordDetailsList`) and, like them, shared
    /// when identical, so a second reference gets the same two types.
    pub(super) fn record_list(
        &mut self,
        section: &str,
        method: &str,
        fields: Entries<model::Param>,
        used_at: &str,
    ) -> String {
        let ctx = Ctx {
            section: section.to_string(),
            method: method.to_string(),
            dir: Dir::Out,
            fields: Vec::new(),
            json_path: String::new(),
        };
        let record = format!("`{section}/{method}`");
        let item = TypeDef {
            doc: sp(format!(
                "The record {record} returns, as an item of {used_at}."
            )),
            object: Some(sp(model::ObjectRule { fields })),
            ..empty_type()
        };
        let candidates = self.candidates(&ctx, true);
        let item = self.make(&ctx, candidates, item, used_at.to_string());
        let list = TypeDef {
            doc: sp(format!(
                "A list of the record {record} returns, for {used_at}."
            )),
            array: Some(sp(model::ArrayRule {
                items: sp(item.clone()),
            })),
            ..empty_type()
        };
        self.make(&ctx, vec![format!("{item}List")], list, used_at.to_string())
    }

    /// Drops the made types nothing uses any more, because the overlay gave
    /// every member that used them another type (Network/DNS/Record/list's
    /// `items` was the only user of `DnsRrParamsList`). What is used is what
    /// the merged methods' members name, and what those types name in
    /// turn; the overlay cannot name a made type itself (it is checked
    /// without them). Each drop is reported.
    pub(super) fn drop_unused(&mut self, sections: &[(String, model::Section)]) {
        let mut used: Vec<&str> = Vec::new();
        for (_, section) in sections {
            for (_, method) in section.methods.iter() {
                used.extend(method.params.iter().map(|(_, p)| p.ty.value.as_str()));
                for (_, group) in method.groups.iter() {
                    used.extend(group.members.iter().map(|(_, p)| p.ty.value.as_str()));
                }
                used.extend(method.returns.iter().map(|(_, f)| f.ty.value.as_str()));
                used.extend(method.returns_map.iter().map(|m| m.value.as_str()));
            }
        }
        let mut reached = vec![false; self.types.len()];
        while let Some(name) = used.pop() {
            let Some(index) = self.types.iter().position(|t| t.name == name) else {
                continue;
            };
            if std::mem::replace(&mut reached[index], true) {
                continue;
            }
            used.extend(self.types[index].def.referenced_types());
        }
        if reached.iter().all(|r| *r) {
            return;
        }
        let mut kept = Vec::new();
        let mut new_index = Vec::new();
        for (made, reached) in std::mem::take(&mut self.types).into_iter().zip(&reached) {
            if *reached {
                new_index.push(Some(kept.len()));
                kept.push(made);
            } else {
                new_index.push(None);
                self.report.push(
                    Kind::Interpreted,
                    "made-type-unused",
                    made.name.clone(),
                    "every member that used this made type has another type from the overlay; \
                     not written"
                        .into(),
                );
            }
        }
        self.types = kept;
        self.by_body
            .retain(|_, index| match new_index.get(*index).copied().flatten() {
                Some(new) => {
                    *index = new;
                    true
                }
                None => false,
            });
    }

    /// An `array` type for `array_of`.
    pub(super) fn array(
        &mut self,
        inner: &Map<String, Value>,
        item_ctx: &Ctx,
    ) -> Result<String, ImportError> {
        let (items, phrase) = if let Some(structure) = inner.get("structure") {
            let path = json_path(&item_ctx.json_path, "structure");
            let fields = self.object(structure, &path, "the nested fields")?;
            (self.structure(fields, item_ctx, true)?, None)
        } else if let Some(Value::String(vendor)) = inner.get("type") {
            if let Some(list) = self.catalogue.by_vendor.get(&format!("ARRAY[{vendor}]")) {
                return Ok(list.name.clone());
            }
            let items = self.named(vendor, inner.get("type_description"), item_ctx);
            let phrase = inner
                .get("type_description")
                .and_then(Value::as_str)
                .map(str::to_string);
            (items, phrase)
        } else {
            self.report.push(
                Kind::Unmapped,
                "no-type",
                item_ctx.at(),
                "`array_of` without `type` or `structure`; items written as `json`".into(),
            );
            ("json".to_string(), None)
        };
        let ctx = {
            let mut ctx = item_ctx.clone();
            ctx.fields.pop();
            ctx
        };
        let doc = match phrase {
            Some(phrase) => format!("An array of {phrase}"),
            None => format!("The list {}.", Self::where_used(&ctx)),
        };
        let def = TypeDef {
            doc: sp(doc),
            array: Some(sp(model::ArrayRule {
                items: sp(items.clone()),
            })),
            ..empty_type()
        };
        let candidates = if self.catalogue.by_name.contains_key(&items)
            || crate::ir::Builtin::from_name(&items).is_some()
        {
            vec![format!("{}List", naming::camel(&items))]
        } else {
            self.candidates(&ctx, true)
        };
        let used_at = Self::where_used(&ctx);
        Ok(self.make(&ctx, candidates, def, used_at))
    }

    /// An `enum` type for `enum`.
    pub(super) fn enumeration(
        &mut self,
        _name: &str,
        spec: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<String, ImportError> {
        let path = json_path(&ctx.json_path, "enum");
        let Some(Value::Array(values)) = spec.get("enum") else {
            return Err(self.shape(&path, "expected a list of values".into()));
        };
        let mut written = Vec::new();
        for (i, value) in values.iter().enumerate() {
            match value {
                Value::String(s) => written.push(sp(s.clone())),
                Value::Number(n) => written.push(sp(n.to_string())),
                other => {
                    return Err(self.shape(
                        &format!("{path}[{i}]"),
                        format!("expected a string or a number, found {}", kind_of(other)),
                    ));
                }
            }
        }
        let doc = spec
            .get("type_description")
            .and_then(Value::as_str)
            .map_or_else(
                || format!("One of the values listed for {}.", Self::where_used(ctx)),
                str::to_string,
            );
        let def = TypeDef {
            doc: sp(doc),
            enumeration: Some(sp(model::EnumRule {
                values: written,
                case_insensitive: false,
            })),
            ..empty_type()
        };
        let candidates = self.candidates(ctx, false);
        Ok(self.make(ctx, candidates, def, Self::where_used(ctx)))
    }

    /// "One or more keys matching: …" as the whole response: a `map`.
    pub(super) fn keys_matching(
        &mut self,
        key: &str,
        spec: &Value,
        ctx: &Ctx,
    ) -> Result<String, ImportError> {
        let spec_map = self.object(spec, &ctx.json_path, "a field")?;
        self.field_keys(spec_map, ctx)?;
        let (values, _) = self.member_type("value", spec_map, ctx)?;
        let optional = spec_map.get("optional").and_then(flag) == Some(true);
        let mut note = format!(
            "{} lists no fields for this response, only \"{key}\" (values: {}). Read as an object whose keys are not fixed; the key phrase is not checked.",
            self.source,
            spec_map
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("untyped")
        );
        if optional {
            note.push_str(" The values are marked optional: the object may be empty.");
        }
        let def = TypeDef {
            doc: sp(key.to_string()),
            note: Some(note),
            map: Some(sp(model::MapRule {
                values: Some(sp(values)),
            })),
            ..empty_type()
        };
        self.report.push(
            Kind::Interpreted,
            "keys-matching",
            format!("{} {}", ctx.section, ctx.method),
            format!("the response is only \"{key}\": typed as a map (`returns_map`)"),
        );
        let mut map_ctx = ctx.clone();
        map_ctx.fields.clear();
        let mut candidates = self.candidates(&map_ctx, true);
        for c in &mut candidates {
            c.push_str("Map");
        }
        let used_at = format!("`{}/{}`", ctx.section, ctx.method);
        Ok(self.make(&map_ctx, candidates, def, used_at))
    }
}

fn empty_type() -> TypeDef {
    TypeDef {
        lint: None,
        doc: sp(String::new()),
        note: None,
        vendor_name: None,
        secret: false,
        string: None,
        integer: None,
        float: None,
        boolean: None,
        enumeration: None,
        unix_time: None,
        map: None,
        array: None,
        decimal: None,
        union: None,
        object: None,
    }
}

/// The text of a made type's rule, for sharing identical ones.
fn canonical(def: &TypeDef) -> String {
    let rule = TypeDef {
        doc: sp(String::new()),
        note: None,
        ..def.clone()
    };
    let mut y = Yaml::new();
    // Made types are always of a kind the writer writes.
    let _ = yaml::write_type(&mut y, 0, "T", &rule);
    y.finish()
}

/// `Items` → `Item`, `Addresses` → `Address`, `AttachedTo` → `AttachedToItem`.
fn singular(camel: &str) -> String {
    if let Some(stem) = camel.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = camel.strip_suffix("sses") {
        format!("{stem}ss")
    } else if camel.ends_with('s') && !camel.ends_with("ss") {
        camel[..camel.len() - 1].to_string()
    } else {
        format!("{camel}Item")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("Items"), "Item");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Policies"), "Policy");
        assert_eq!(singular("AttachedTo"), "AttachedToItem");
        assert_eq!(singular("RegionOverrides"), "RegionOverride");
    }
}
