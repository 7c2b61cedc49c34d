//! Names of nested types by their role rather than their path.
//!
//! An importer names a nested structure by where it sits: the section, the
//! method, then each field on the way (`TicketAddTransactionFeedbackFeedback`
//! for the field `feedback` of `Support/Ticket/addTransactionFeedback`'s
//! response). The words the parent already says add nothing, so a type
//! whose name starts with its parent's words is named by its section's noun
//! and the rest (`TicketFeedback`, `InvoiceLineItem`). Names a spec author
//! chose (not starting with the parent's words) stay as they are, and a
//! role name that another type has or wants keeps the path name, so the
//! result is unique and the same on every run.

use std::collections::{HashMap, HashSet};

use crate::naming;
use crate::spec::model::{SpecFile, TypeDef};

/// Where a type is used from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referrer<'a> {
    /// A parameter or returned field of a method.
    Method { section: &'a str, method: &'a str },
    /// A field, item, value or member of another type (its spec name).
    Type(&'a str),
}

/// One named type of the API.
#[derive(Clone, Debug)]
pub struct TypeEntry<'a> {
    pub spec_name: &'a str,
    pub rust_name: &'a str,
    /// The item type, for a list.
    pub items: Option<&'a str>,
    /// Defined in the API's own file (a library's names are its own).
    pub renamable: bool,
    /// Where it is used from, in spec order.
    pub referrers: Vec<Referrer<'a>>,
}

/// Where each named type is used from: `spec`'s methods, then the type
/// definitions `defs` (spec name, definition), each referrer once.
pub fn referrers<'a>(
    spec: &'a SpecFile,
    defs: impl Iterator<Item = (&'a str, &'a TypeDef)>,
) -> HashMap<&'a str, Vec<Referrer<'a>>> {
    let mut out: HashMap<&'a str, Vec<Referrer<'a>>> = HashMap::new();
    let mut add = |ty: &'a str, at: Referrer<'a>| {
        let list = out.entry(ty).or_default();
        if !list.contains(&at) {
            list.push(at);
        }
    };
    for (section, body) in spec.sections.iter() {
        for (method, body) in body.methods.iter() {
            let at = Referrer::Method {
                section: &section.value,
                method: &method.value,
            };
            let params = body.params.iter().map(|(_, p)| &p.ty.value);
            let returns = body.returns.iter().map(|(_, f)| &f.ty.value);
            let map = body.returns_map.iter().map(|m| &m.value);
            for ty in params.chain(returns).chain(map) {
                add(ty, at);
            }
        }
    }
    for (name, def) in defs {
        let items = def.array.iter().map(|a| &a.items.value);
        let values = def
            .map
            .iter()
            .filter_map(|m| m.values.as_ref())
            .map(|v| &v.value);
        let members = def.union.iter().flat_map(|u| u.of.iter()).map(|m| &m.value);
        let fields = def
            .object
            .iter()
            .flat_map(|o| o.fields.iter())
            .map(|(_, f)| &f.ty.value);
        for ty in items.chain(values).chain(members).chain(fields) {
            add(ty, Referrer::Type(name));
        }
    }
    out
}

/// The Rust names of `spec`'s own types once named by role, by spec name,
/// for checks that read one file (the `long-name` lint).
pub fn file_type_names(spec: &SpecFile) -> HashMap<String, String> {
    let defs = spec.types.iter().map(|(n, d)| (n.value.as_str(), d));
    let mut referrers = referrers(spec, defs);
    let derived: Vec<(&str, &TypeDef, String)> = spec
        .types
        .iter()
        .filter_map(|(n, d)| Some((n.value.as_str(), d, naming::checked_camel(&n.value).ok()?)))
        .collect();
    let entries: Vec<TypeEntry<'_>> = derived
        .iter()
        .map(|(name, def, rust)| TypeEntry {
            spec_name: name,
            rust_name: rust,
            items: def.array.as_ref().map(|a| a.items.value.as_str()),
            renamable: true,
            referrers: referrers.remove(name).unwrap_or_default(),
        })
        .collect();
    let renamed = role_names(&entries);
    derived
        .into_iter()
        .map(|(name, _, rust)| {
            let rust = renamed.get(name).cloned().unwrap_or(rust);
            (name.to_string(), rust)
        })
        .collect()
}

/// A remainder this general says nothing without the method
/// (`DomainListItem` stays rather than becoming `DomainItem`).
const GENERIC: &[&str] = &[
    "Item", "Items", "Data", "Result", "Results", "Value", "Values",
];

/// How deep parents are followed; deeper types keep their names.
const MAX_DEPTH: usize = 16;

/// New Rust names (by spec name) for the types whose path name repeats
/// their parent's words.
pub fn role_names(types: &[TypeEntry<'_>]) -> HashMap<String, String> {
    let by_name: HashMap<&str, &TypeEntry<'_>> = types.iter().map(|t| (t.spec_name, t)).collect();
    let mut wanted: Vec<(&str, String)> = Vec::new();
    for entry in types.iter().filter(|t| t.renamable) {
        if let Some(name) = role_name(entry, &by_name)
            && name != entry.rust_name
        {
            wanted.push((entry.spec_name, name));
        }
    }
    let existing: HashSet<&str> = types.iter().map(|t| t.rust_name).collect();
    let (mut renamed, contested) = unclaimed(wanted, &existing);
    // A contested role keeps its path name, without a repeated word
    // (`TicketAddTransactionFeedbackFeedback` → `…Feedback`).
    let fallbacks = contested
        .into_iter()
        .filter_map(|spec| {
            let entry = by_name.get(spec)?;
            let mut path = words(entry.rust_name);
            path.dedup();
            let name = path.concat();
            (name != entry.rust_name).then_some((spec, name))
        })
        .filter(|(_, name)| !renamed.values().any(|taken| taken == name))
        .collect();
    renamed.extend(unclaimed(fallbacks, &existing).0);
    renamed
}

/// The names wanted by exactly one type and held by none, by spec name;
/// and the types whose name was contested.
fn unclaimed<'a>(
    wanted: Vec<(&'a str, String)>,
    existing: &HashSet<&str>,
) -> (HashMap<String, String>, Vec<&'a str>) {
    let mut claims: HashMap<String, usize> = HashMap::new();
    for (_, name) in &wanted {
        *claims.entry(name.clone()).or_default() += 1;
    }
    let mut renamed = HashMap::new();
    let mut contested = Vec::new();
    for (spec, name) in wanted {
        if claims[&name] == 1 && !existing.contains(name.as_str()) {
            renamed.insert(spec.to_string(), name);
        } else {
            contested.push(spec);
        }
    }
    (renamed, contested)
}

fn role_name(entry: &TypeEntry<'_>, by_name: &HashMap<&str, &TypeEntry<'_>>) -> Option<String> {
    let words = words(entry.rust_name);
    for (context, noun) in contexts(entry, by_name, 0) {
        let Some(rest) = words.strip_prefix(context.as_slice()) else {
            continue;
        };
        if rest.is_empty() || GENERIC.contains(&rest.concat().as_str()) {
            continue;
        }
        let mut role: Vec<String> = if rest.starts_with(&noun) {
            rest.to_vec()
        } else {
            noun.iter().chain(rest).cloned().collect()
        };
        role.dedup();
        let name = naming::camel(&role.join(" "));
        return naming::is_identifier(&name).then_some(name);
    }
    None
}

/// For each referrer: the words a child's path name starts with, and the
/// noun of the section the type is reached from.
fn contexts(
    entry: &TypeEntry<'_>,
    by_name: &HashMap<&str, &TypeEntry<'_>>,
    depth: usize,
) -> Vec<(Vec<String>, Vec<String>)> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::new();
    for referrer in &entry.referrers {
        match *referrer {
            Referrer::Method { section, method } => {
                let noun = words(&naming::camel(
                    section.rsplit('/').next().unwrap_or(section),
                ));
                let mut context = noun.clone();
                context.extend(words(&naming::camel(method)));
                out.push((context, noun));
            }
            Referrer::Type(parent) => {
                let Some(parent) = by_name.get(parent) else {
                    continue;
                };
                let nouns = contexts(parent, by_name, depth + 1);
                if parent.items == Some(entry.spec_name) {
                    // A list's item is named like the list: its context is the list's.
                    out.extend(nouns);
                } else if let Some((_, noun)) = nouns.into_iter().next() {
                    out.push((words(parent.rust_name), noun));
                }
            }
        }
    }
    out
}

/// The words of an UpperCamelCase name: `LineitemGroup2` → `Lineitem`,
/// `Group2`.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        match out.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method<'a>(section: &'a str, method: &'a str) -> Referrer<'a> {
        Referrer::Method { section, method }
    }

    fn entry<'a>(
        name: &'a str,
        items: Option<&'a str>,
        referrers: Vec<Referrer<'a>>,
    ) -> TypeEntry<'a> {
        TypeEntry {
            spec_name: name,
            rust_name: name,
            items,
            renamable: true,
            referrers,
        }
    }

    fn invoice_types() -> Vec<TypeEntry<'static>> {
        let details = method("Billing/Invoice", "details");
        vec![
            entry(
                "InvoiceDetailsLineitemGroupLineItem",
                None,
                vec![Referrer::Type("InvoiceDetailsLineitemGroupLineItems")],
            ),
            entry(
                "InvoiceDetailsLineitemGroupLineItems",
                Some("InvoiceDetailsLineitemGroupLineItem"),
                vec![Referrer::Type("InvoiceDetailsLineitemGroup")],
            ),
            entry(
                "InvoiceDetailsLineitemGroup",
                None,
                vec![Referrer::Type("InvoiceDetailsLineitemGroups")],
            ),
            entry(
                "InvoiceDetailsLineitemGroups",
                Some("InvoiceDetailsLineitemGroup"),
                vec![details],
            ),
            entry(
                "InvoiceListItem",
                None,
                vec![method("Billing/Invoice", "list")],
            ),
            entry(
                "TicketAddTransactionFeedbackFeedback",
                None,
                vec![method("Support/Ticket", "addTransactionFeedback")],
            ),
        ]
    }

    #[test]
    fn nested_names_drop_the_parents_words() {
        let names = role_names(&invoice_types());
        let get = |spec: &str| names.get(spec).map(String::as_str);
        assert_eq!(
            get("TicketAddTransactionFeedbackFeedback"),
            Some("TicketFeedback")
        );
        assert_eq!(
            get("InvoiceDetailsLineitemGroupLineItem"),
            Some("InvoiceLineItem")
        );
        assert_eq!(
            get("InvoiceDetailsLineitemGroupLineItems"),
            Some("InvoiceLineItems")
        );
        assert_eq!(
            get("InvoiceDetailsLineitemGroup"),
            Some("InvoiceLineitemGroup")
        );
        assert_eq!(
            get("InvoiceDetailsLineitemGroups"),
            Some("InvoiceLineitemGroups")
        );
        // "Item" alone would say nothing.
        assert_eq!(get("InvoiceListItem"), None);
    }

    #[test]
    fn chosen_names_and_contested_names_stay() {
        let create = method("Network/DNS/Record", "create");
        let update = method("Network/DNS/Record", "update");
        let types = vec![
            // A name the author chose: not the parent's words.
            entry("ServerDetails", None, vec![method("Server", "details")]),
            // Both want `RecordOverride`.
            entry("RecordCreateOverride", None, vec![create]),
            entry("RecordUpdateOverride", None, vec![update]),
            // Wants a name another type has.
            entry("RecordCreateZone", None, vec![create]),
            entry("RecordZone", None, vec![]),
        ];
        assert!(role_names(&types).is_empty());
        let mut library = entry(
            "TicketAddFeedbackNote",
            None,
            vec![method("Support/Ticket", "addFeedback")],
        );
        library.renamable = false;
        assert!(role_names(&[library]).is_empty());
    }

    #[test]
    fn a_contested_role_keeps_its_path_without_the_repeated_word() {
        let types = vec![
            entry(
                "TicketAddTransactionFeedbackFeedback",
                None,
                vec![method("Support/Ticket", "addTransactionFeedback")],
            ),
            entry(
                "TicketDetailsTransactionFeedback",
                None,
                vec![Referrer::Type("TicketDetailsTransaction")],
            ),
            entry(
                "TicketDetailsTransaction",
                None,
                vec![method("Support/Ticket", "details")],
            ),
        ];
        let names = role_names(&types);
        let get = |spec: &str| names.get(spec).map(String::as_str);
        // Both want `TicketFeedback`.
        assert_eq!(
            get("TicketAddTransactionFeedbackFeedback"),
            Some("TicketAddTransactionFeedback")
        );
        assert_eq!(get("TicketDetailsTransactionFeedback"), None);
        assert_eq!(get("TicketDetailsTransaction"), Some("TicketTransaction"));
    }

    #[test]
    fn names_are_the_same_every_run() {
        let first = role_names(&invoice_types());
        for _ in 0..5 {
            assert_eq!(role_names(&invoice_types()), first);
        }
    }

    #[test]
    fn words_split_at_capitals() {
        assert_eq!(words("LineitemGroup2"), ["Lineitem", "Group2"]);
        assert_eq!(words("Dns"), ["Dns"]);
    }
}
