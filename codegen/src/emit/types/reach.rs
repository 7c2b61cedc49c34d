//! Which types the methods reach: the section that alone uses a type (its
//! file is `types/<section>.rs`), and which ways each object travels.
//! Each walk visits a type a bounded number of times, so both take time
//! linear in the number of types and members.

use std::collections::{HashMap, HashSet};

use crate::emit::record::Ways;
use crate::ir::{Api, NamedType, TypeKind, TypeRef};

/// An API's named types by Rust name.
pub struct Index<'a> {
    api: &'a Api,
    types: HashMap<&'a str, &'a NamedType>,
}

/// Who reaches a type: one section (its module), or more than one user.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner<'a> {
    One(&'a str),
    Many,
}

impl<'a> Index<'a> {
    pub fn new(api: &'a Api) -> Self {
        let types = api
            .types
            .iter()
            .map(|t| (t.rust_name.as_str(), t))
            .collect();
        Index { api, types }
    }

    /// The named types `ty` refers to directly.
    pub fn children(&self, name: &str) -> Vec<&'a TypeRef> {
        let Some(def) = self.types.get(name) else {
            return Vec::new();
        };
        match &def.kind {
            TypeKind::Array { items } => vec![items],
            TypeKind::Map {
                values: Some(values),
            } => vec![values],
            TypeKind::Union { members } => members.iter().map(|m| &m.ty).collect(),
            TypeKind::Object { fields } => fields.iter().map(|f| &f.ty).collect(),
            _ => Vec::new(),
        }
    }

    /// The section module each type belongs to, for an API's own types that
    /// exactly one section reaches through its methods; library types, and
    /// types several sections (or none, or an error) reach, stay in
    /// `types.rs`.
    /// A section with an earlier section's methods (`twin_section`) counts
    /// as that section.
    pub fn owners(
        &self,
        twin_section: &dyn Fn(&str) -> Option<&'a str>,
    ) -> HashMap<String, String> {
        let mut owners: HashMap<&'a str, Owner<'a>> = HashMap::new();
        for section in &self.api.sections {
            let module = twin_section(&section.module).unwrap_or(&section.module);
            let by = Owner::One(module);
            for method in &section.methods {
                let members = method.params.iter().chain(&method.returns);
                for ty in members.map(|m| &m.ty).chain(&method.returns_map) {
                    self.mark(&mut owners, ty, by);
                }
            }
        }
        for field in self.api.errors.iter().flat_map(|e| &e.fields) {
            self.mark(&mut owners, &field.ty, Owner::Many);
        }
        owners
            .into_iter()
            .filter_map(|(name, owner)| match owner {
                Owner::One(module) if !self.types.get(name).is_some_and(|t| t.library) => {
                    Some((name.to_string(), module.to_string()))
                }
                _ => None,
            })
            .collect()
    }

    /// Records that `by` reaches `ty` and everything in it. A type only
    /// moves from one owner to many, so it is walked at most twice.
    fn mark(&self, owners: &mut HashMap<&'a str, Owner<'a>>, ty: &'a TypeRef, by: Owner<'a>) {
        let mut stack = vec![(ty, by)];
        while let Some((ty, by)) = stack.pop() {
            let TypeRef::Named(name) = ty else { continue };
            let owner = match owners.get(name.as_str()) {
                None => by,
                Some(Owner::Many) => continue,
                Some(&known) if known == by => continue,
                Some(_) => Owner::Many,
            };
            owners.insert(name.as_str(), owner);
            stack.extend(self.children(name).into_iter().map(|child| (child, owner)));
        }
    }

    /// Marks `ty` and every named type it contains as reached.
    fn reach(&self, ty: &'a TypeRef, seen: &mut HashSet<&'a str>) {
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            let TypeRef::Named(name) = ty else { continue };
            if seen.insert(name.as_str()) {
                stack.extend(self.children(name));
            }
        }
    }

    /// Which ways each object type travels: sent when a parameter reaches
    /// it, received when a returned field or an error field does. Objects
    /// nothing reaches (library types) and objects inside a union travel
    /// both ways.
    pub fn ways(&self) -> HashMap<String, Ways> {
        let mut sent = HashSet::new();
        let mut received = HashSet::new();
        for method in self.api.sections.iter().flat_map(|s| &s.methods) {
            for param in &method.params {
                self.reach(&param.ty, &mut sent);
            }
            for field in &method.returns {
                self.reach(&field.ty, &mut received);
            }
            if let Some(map) = &method.returns_map {
                self.reach(map, &mut received);
            }
        }
        for field in self.api.errors.iter().flat_map(|e| &e.fields) {
            self.reach(&field.ty, &mut received);
        }
        // A union implements both directions whichever way it travels, so
        // what it holds must too.
        let mut in_unions = HashSet::new();
        for ty in &self.api.types {
            if let TypeKind::Union { members } = &ty.kind {
                for member in members {
                    self.reach(&member.ty, &mut in_unions);
                }
            }
        }
        self.api
            .types
            .iter()
            .filter(|t| matches!(t.kind, TypeKind::Object { .. }))
            .map(|t| {
                let send = sent.contains(t.rust_name.as_str());
                let receive = received.contains(t.rust_name.as_str());
                let way = if (send || receive) && !in_unions.contains(t.rust_name.as_str()) {
                    Ways { send, receive }
                } else {
                    Ways::BOTH
                };
                (t.rust_name.clone(), way)
            })
            .collect()
    }
}
