//! How named types contain each other: which references must be boxed so a
//! recursive type has a finite size, and how deep chains of types go.
//!
//! An object holds its fields and a union its member by value; an array or
//! map holds its items behind a pointer already. A type that contains itself
//! through by-value references only (`Node { parent: Node }`, or a union
//! and an object that hold each other) would be infinitely large, so every
//! by-value reference inside such a cycle becomes a `Box`. Recursion through
//! an array or map needs nothing.
//!
//! Long chains of types (`A` holds `B` holds `C` …) are refused past
//! [`MAX_DEPTH`]: the compiler checks auto traits, drop glue and layout
//! through each level and gives up ("overflow evaluating the requirement")
//! on chains a few hundred deep; no documented API nests anywhere near that.

use std::collections::{BTreeSet, HashMap};

use crate::spec::model::TypeDef;

/// The deepest chain of named types a spec may have.
pub const MAX_DEPTH: usize = 32;

/// One reference from a named type to another.
#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    /// The object field or union member it is, for boxing.
    member: String,
    /// Held in place (object field, union member), not behind a pointer.
    by_value: bool,
}

/// What [`analyze`] found.
#[derive(Debug, Default)]
pub struct Analysis {
    /// (type, field or member) pairs whose reference must be a `Box`.
    pub boxed: BTreeSet<(String, String)>,
    /// Cycles made of lists and maps only (`A` a list of `B`, `B` a list of
    /// `A`): generated code names them as aliases (`Vec<B>`), and an alias
    /// cannot contain itself. Each cycle's types, in spec order.
    pub alias_cycles: Vec<Vec<String>>,
    /// Types whose chain of contained types is deeper than [`MAX_DEPTH`],
    /// each with the chain (type names, outermost first), reported where
    /// the chain first exceeds the limit.
    pub too_deep: Vec<(String, Vec<String>)>,
}

/// Analyses the named types `defs` (spec name and definition each).
pub fn analyze(defs: &[(&str, &TypeDef)]) -> Analysis {
    let index: HashMap<&str, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let edges: Vec<Vec<Edge>> = defs
        .iter()
        .map(|(_, def)| references(def, &index))
        .collect();
    let mut analysis = Analysis::default();

    let by_value = components(defs.len(), |i| {
        edges[i]
            .iter()
            .filter(|e| e.by_value)
            .map(|e| e.to)
            .collect()
    });
    // A by-value reference within one component is on a cycle: a
    // reference to itself, or between types that reach each other.
    for (from, out) in edges.iter().enumerate() {
        for edge in out.iter().filter(|e| e.by_value) {
            if by_value[from] == by_value[edge.to] {
                analysis
                    .boxed
                    .insert((defs[from].0.to_string(), edge.member.clone()));
            }
        }
    }

    let is_alias = |i: usize| defs[i].1.array.is_some() || defs[i].1.map.is_some();
    let aliases = components(defs.len(), |i| {
        if !is_alias(i) {
            return Vec::new();
        }
        edges[i]
            .iter()
            .map(|e| e.to)
            .filter(|&to| is_alias(to))
            .collect()
    });
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for &component in &aliases {
        *sizes.entry(component).or_default() += 1;
    }
    let mut cycles: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, out) in edges.iter().enumerate() {
        let on_cycle = is_alias(i) && (sizes[&aliases[i]] > 1 || out.iter().any(|e| e.to == i));
        if on_cycle {
            cycles
                .entry(aliases[i])
                .or_default()
                .push(defs[i].0.to_string());
        }
    }
    let mut cycles: Vec<Vec<String>> = cycles.into_values().collect();
    cycles.sort();
    analysis.alias_cycles = cycles;

    let all = components(defs.len(), |i| edges[i].iter().map(|e| e.to).collect());
    let mut depth: Vec<Option<(usize, Option<usize>)>> = vec![None; defs.len()];
    for start in 0..defs.len() {
        chain_depth(start, &edges, &all, &mut depth);
    }
    for (i, entry) in depth.iter().enumerate() {
        if entry.is_some_and(|(d, _)| d == MAX_DEPTH + 1) {
            let mut chain = vec![defs[i].0.to_string()];
            let mut at = i;
            while let Some((_, Some(next))) = depth[at] {
                chain.push(defs[next].0.to_string());
                at = next;
            }
            analysis.too_deep.push((defs[i].0.to_string(), chain));
        }
    }
    analysis
}

/// The named types `def` refers to, with how it holds them.
fn references(def: &TypeDef, index: &HashMap<&str, usize>) -> Vec<Edge> {
    let mut out = Vec::new();
    let mut add = |name: &str, member: String, by_value: bool| {
        if let Some(&to) = index.get(name) {
            out.push(Edge {
                to,
                member,
                by_value,
            });
        }
    };
    if let Some(array) = &def.array {
        add(&array.items.value, String::new(), false);
    }
    if let Some(values) = def.map.as_ref().and_then(|m| m.values.as_ref()) {
        add(&values.value, String::new(), false);
    }
    if let Some(union) = &def.union {
        for member in &union.of {
            add(&member.value, member.value.clone(), true);
        }
    }
    if let Some(object) = &def.object {
        for (name, field) in object.fields.iter() {
            add(&field.ty.value, name.value.clone(), true);
        }
    }
    out
}

/// Strongly connected components (Tarjan's algorithm, iteratively, so a
/// hostile spec's long chains cannot overflow the stack): the component
/// number of each node.
fn components(n: usize, successors: impl Fn(usize) -> Vec<usize>) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, its successors, how many of them are done)
        let mut work: Vec<(usize, Vec<usize>, usize)> = vec![(root, successors(root), 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((node, succ, done)) = work.last_mut() {
            let node = *node;
            if let Some(&next) = succ.get(*done) {
                *done += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, successors(next), 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _, _)) = work.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The length of the longest chain of types from `start`, counting each
/// type once and not following references back into its own component
/// (recursion is a cycle, not depth), with the next type on that chain.
/// Iterative for the same reason as [`components`].
fn chain_depth(
    start: usize,
    edges: &[Vec<Edge>],
    component: &[usize],
    depth: &mut [Option<(usize, Option<usize>)>],
) {
    if depth[start].is_some() {
        return;
    }
    let mut work = vec![(start, false)];
    while let Some((node, expanded)) = work.pop() {
        if depth[node].is_some() {
            continue;
        }
        let children: Vec<usize> = edges[node]
            .iter()
            .map(|e| e.to)
            .filter(|&to| component[to] != component[node])
            .collect();
        if !expanded {
            work.push((node, true));
            work.extend(
                children
                    .iter()
                    .filter(|&&c| depth[c].is_none())
                    .map(|&c| (c, false)),
            );
            continue;
        }
        let deepest = children
            .iter()
            .filter_map(|&c| depth[c].map(|(d, _)| (d, c)))
            .max_by_key(|&(d, c)| (d, std::cmp::Reverse(c)));
        depth[node] = Some(match deepest {
            Some((d, c)) => (d + 1, Some(c)),
            None => (1, None),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Vec<(String, TypeDef)> {
        let file: crate::spec::model::SpecFile =
            serde_saphyr::from_str(&format!("hostapi: 1\ntypes:\n{yaml}")).unwrap();
        file.types
            .0
            .into_iter()
            .map(|(k, v)| (k.value, v))
            .collect()
    }

    fn run(yaml: &str) -> Analysis {
        let defs = parse(yaml);
        let refs: Vec<(&str, &TypeDef)> = defs.iter().map(|(n, d)| (n.as_str(), d)).collect();
        analyze(&refs)
    }

    fn pairs(analysis: &Analysis) -> Vec<(&str, &str)> {
        analysis
            .boxed
            .iter()
            .map(|(t, m)| (t.as_str(), m.as_str()))
            .collect()
    }

    #[test]
    fn by_value_cycles_are_boxed_and_pointer_cycles_are_not() {
        let analysis = run("
  Node: {doc: n, object: {fields: {parent: {type: Node}, name: {type: string}}}}
  Tree: {doc: t, object: {fields: {children: {type: Trees}}}}
  Trees: {doc: t, array: {items: Tree}}
  A: {doc: a, union: {of: [B, string]}}
  B: {doc: b, object: {fields: {a: {type: A}, c: {type: C}}}}
  C: {doc: c, object: {fields: {x: {type: integer}}}}
");
        assert_eq!(
            pairs(&analysis),
            [("A", "B"), ("B", "a"), ("Node", "parent")]
        );
        assert!(analysis.too_deep.is_empty());
    }

    #[test]
    fn lists_and_maps_of_each_other_are_cycles_without_an_end() {
        let analysis = run("
  A: {doc: a, array: {items: B}}
  B: {doc: b, map: {values: A}}
  C: {doc: c, array: {items: C}}
  D: {doc: d, array: {items: U}}
  U: {doc: u, union: {of: [D, string]}}
  E: {doc: e, array: {items: A}}
");
        assert_eq!(analysis.alias_cycles, [vec!["A", "B"], vec!["C"]]);
        assert!(analysis.boxed.is_empty());
    }

    #[test]
    fn chains_past_the_limit_are_reported_once_where_they_cross_it() {
        let mut yaml = String::new();
        for i in 0..MAX_DEPTH + 5 {
            yaml.push_str(&format!(
                "  T{i}: {{doc: t, array: {{items: T{}}}}}\n",
                i + 1
            ));
        }
        yaml.push_str(&format!(
            "  T{}: {{doc: t, integer: {{}}}}\n",
            MAX_DEPTH + 5
        ));
        let analysis = run(&yaml);
        assert_eq!(analysis.too_deep.len(), 1, "{:?}", analysis.too_deep);
        let (name, chain) = &analysis.too_deep[0];
        assert_eq!(name, "T5");
        assert_eq!(chain.len(), MAX_DEPTH + 1);
        assert_eq!(chain.last().unwrap(), &format!("T{}", MAX_DEPTH + 5));

        let mut yaml = String::new();
        for i in 0..MAX_DEPTH - 1 {
            yaml.push_str(&format!(
                "  T{i}: {{doc: t, array: {{items: T{}}}}}\n",
                i + 1
            ));
        }
        yaml.push_str(&format!(
            "  T{}: {{doc: t, integer: {{}}}}\n",
            MAX_DEPTH - 1
        ));
        assert!(run(&yaml).too_deep.is_empty());
    }

    #[test]
    fn very_long_chains_do_not_overflow_the_stack() {
        let mut yaml = String::new();
        for i in 0..10_000 {
            yaml.push_str(&format!(
                "  T{i}: {{doc: t, array: {{items: T{}}}}}\n",
                i + 1
            ));
        }
        yaml.push_str("  T10000: {doc: t, array: {items: T0}}\n");
        let analysis = run(&yaml);
        assert!(analysis.boxed.is_empty());
        assert!(analysis.too_deep.is_empty());
    }
}
