//! The `name: text` lists in method descriptions ("Fields:", "Here's a
//! rundown of what the returned fields mean:"), which describe parameters
//! or returned fields one by one. Each entry found becomes its member's
//! `doc`; what matches no member stays in the method's doc, so nothing the
//! vendor wrote is lost.
//!
//! A list is a run of indented lines. An entry starts at a line indented
//! like the list's first one with a name (no spaces, no `:`) then `:`; the
//! lines after it (indented the same without a name, or deeper, or blank)
//! continue it, so nested lists (`manage_level`'s `self:`, `core:`, …)
//! stay inside their entry. A line indented less ends the list.

use std::collections::BTreeSet;

use crate::import::{Kind, Report};
use crate::spec::model::{Field, Param};
use crate::spec::span::Entries;

/// One `name: text` entry: its text (hard line breaks kept, blank lines
/// between its paragraphs) and the lines it spans in the description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) text: String,
    first: usize,
    last: usize,
}

/// A list of entries and the line that introduces it, when that line is a
/// paragraph of its own ending in `:` ("Fields:").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FieldList {
    /// The introducing line, lower-cased, for telling which side it means.
    pub(super) lead: String,
    heading: Option<usize>,
    /// The introducing line when it ends a sentence of prose in `:`
    /// ("Each server has several options:").
    colon_line: Option<usize>,
    pub(super) entries: Vec<Entry>,
}

/// The lists of `description`, in order.
pub(super) fn lists(description: &str) -> Vec<FieldList> {
    let lines: Vec<&str> = description.split('\n').map(|l| l.trim_end()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((indent, _, _)) = entry_start(lines[i]) else {
            i += 1;
            continue;
        };
        let (lead, heading, colon_line) = lead(&lines, i);
        let mut list = FieldList {
            lead,
            heading,
            colon_line,
            entries: Vec::new(),
        };
        while i < lines.len() {
            let line = lines[i];
            if let Some((at, name, rest)) = entry_start(line)
                && at == indent
            {
                list.entries.push(Entry {
                    name: name.to_string(),
                    text: rest.to_string(),
                    first: i,
                    last: i,
                });
            } else if line.trim().is_empty() {
                // A blank line continues the entry only if the list does.
            } else if line.starts_with(indent) {
                let entry = list
                    .entries
                    .last_mut()
                    .expect("a list starts with an entry");
                // Blank lines inside the entry are one paragraph break.
                let gap = if i > entry.last + 1 { "\n\n" } else { "\n" };
                if !entry.text.is_empty() {
                    entry.text.push_str(gap);
                }
                entry.text.push_str(line.trim());
                entry.last = i;
            } else {
                break;
            }
            i += 1;
        }
        out.push(list);
    }
    out
}

/// Gives each entry of `description`'s lists to the member it names, ahead
/// of the notes the member has, and returns the description without the
/// entries placed. A list describes returned fields when its introducing
/// line says "return", otherwise the side more of its names belong to
/// (parameters on a tie). Entries naming no member, named twice or
/// without text stay in the description and are reported at `at`.
pub(super) fn place(
    description: &str,
    params: &mut Entries<Param>,
    returns: &mut Entries<Field>,
    report: &mut Report,
    at: &str,
) -> String {
    let found = lists(description);
    let mut placed = BTreeSet::new();
    let mut number = 0;
    for list in &found {
        let count =
            |names: &dyn Fn(&str) -> bool| list.entries.iter().filter(|e| names(&e.name)).count();
        let in_params = count(&|n| params.0.iter().any(|(k, _)| k.value == n));
        let in_returns = count(&|n| returns.0.iter().any(|(k, _)| k.value == n));
        let to_returns = list.lead.contains("return") || in_returns > in_params;
        let mut given = BTreeSet::new();
        let mut left = Vec::new();
        for entry in &list.entries {
            let doc = if to_returns {
                returns
                    .0
                    .iter_mut()
                    .find(|(k, _)| k.value == entry.name)
                    .map(|(_, f)| &mut f.doc)
            } else {
                params
                    .0
                    .iter_mut()
                    .find(|(k, _)| k.value == entry.name)
                    .map(|(_, p)| &mut p.doc)
            };
            match doc {
                Some(doc) if !entry.text.is_empty() && given.insert(&entry.name) => {
                    *doc = Some(match doc.take() {
                        Some(notes) => format!("{}\n\n{notes}", entry.text),
                        None => entry.text.clone(),
                    });
                    placed.insert(number);
                }
                _ => left.push(format!("`{}`", entry.name)),
            }
            number += 1;
        }
        if !left.is_empty() {
            let side = if to_returns {
                "returned field"
            } else {
                "parameter"
            };
            report.push(
                Kind::Interpreted,
                "field-list",
                at.to_string(),
                format!(
                    "the description describes {}, but the method has no such {side}; kept in the method's doc",
                    left.join(", ")
                ),
            );
        }
    }
    without(description, &found, &placed)
}

/// `indent`, `name` and the rest of an entry's first line.
fn entry_start(line: &str) -> Option<(&str, &str, &str)> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    if indent.is_empty() {
        return None;
    }
    let (name, rest) = body.split_once(':')?;
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((indent, name, rest.trim()))
}

/// The line introducing the list starting at `first`, whether it is a
/// heading (a paragraph of one line ending in `:`), and otherwise whether it
/// is prose ending in `:`.
fn lead(lines: &[&str], first: usize) -> (String, Option<usize>, Option<usize>) {
    let Some(at) = (0..first).rev().find(|&j| !lines[j].trim().is_empty()) else {
        return (String::new(), None, None);
    };
    let line = lines[at].trim();
    let alone = at == 0 || lines[at - 1].trim().is_empty();
    let introduces = line.ends_with(':') && entry_start(lines[at]).is_none();
    let heading = (alone && introduces).then_some(at);
    let colon_line = (!alone && introduces).then_some(at);
    (line.to_lowercase(), heading, colon_line)
}

/// What a sentence that introduced a list says once the list's entries
/// have moved to the members they describe.
const LIST_MOVED: &str = ", each documented on its own field.";

/// `description` without the lines of the entries numbered in `placed`
/// (indices into the flattened entries of [`lists`]), and without a list's
/// heading once all of its entries are placed (a sentence introducing the
/// list with `:` then says where they went). Blank lines left in a row
/// collapse to one. Unchanged when nothing is placed.
pub(super) fn without(description: &str, lists: &[FieldList], placed: &BTreeSet<usize>) -> String {
    if placed.is_empty() {
        return description.to_string();
    }
    let mut dropped = BTreeSet::new();
    let mut pointed = BTreeSet::new();
    let mut number = 0;
    for list in lists {
        let mut all = true;
        for entry in &list.entries {
            if placed.contains(&number) {
                dropped.extend(entry.first..=entry.last);
            } else {
                all = false;
            }
            number += 1;
        }
        if all && let Some(heading) = list.heading {
            dropped.insert(heading);
        }
        if all && let Some(line) = list.colon_line {
            pointed.insert(line);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (i, line) in description.split('\n').enumerate() {
        let blank = line.trim().is_empty();
        if dropped.contains(&i) || (blank && out.last().is_none_or(|l| l.trim().is_empty())) {
            continue;
        }
        match line.trim_end().strip_suffix(':') {
            Some(sentence) if pointed.contains(&i) => out.push(format!("{sentence}{LIST_MOVED}")),
            _ => out.push(line.to_string()),
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &FieldList) -> Vec<&str> {
        list.entries.iter().map(|e| e.name.as_str()).collect()
    }

    const RECORD: &str = "Adds a record.\n\nFields:\n\tzone_id: The id of the zone.\n\
        \tname: The name field.\n\trdata: The Record Data.  The exact contents are dependent\n\
        \t\ton record type.";

    #[test]
    fn entries_take_their_continuation_lines() {
        let found = lists(RECORD);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lead, "fields:");
        assert_eq!(names(&found[0]), ["zone_id", "name", "rdata"]);
        assert_eq!(
            found[0].entries[2].text,
            "The Record Data.  The exact contents are dependent\non record type."
        );
    }

    #[test]
    fn nested_lists_and_blank_lines_stay_in_their_entry() {
        let text = "Details.\n\nHere's a rundown of what the returned fields mean:\n\n\
            \tmanage_level: 'self' or 'core'\n\tchosen at creation\n\n\
            \t\tself: Includes hardware.\n\n\t\tcore: Includes the OS.\n\n\
            \tzone: the zone.\n\nMore prose.";
        let found = lists(text);
        assert_eq!(names(&found[0]), ["manage_level", "zone"]);
        assert_eq!(
            found[0].entries[0].text,
            "'self' or 'core'\nchosen at creation\n\nself: Includes hardware.\n\ncore: Includes the OS."
        );
        assert_eq!(found[0].entries[1].text, "the zone.");
        assert!(found[0].lead.contains("returned"));
    }

    #[test]
    fn names_with_odd_characters_are_entries_and_prose_is_not() {
        let text = "Intro:\n\tsystem_indentifier: typo'd\n\tregion[0].id: nested\n\t\
            `tick`: quoted\n\tnot a name: prose\n\thttp://x.test: a URL\nNote: unindented";
        let found = lists(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            names(&found[0]),
            ["system_indentifier", "region[0].id", "`tick`"]
        );
        // Prose and a URL continue the entry before them.
        assert_eq!(
            found[0].entries[2].text,
            "quoted\nnot a name: prose\nhttp://x.test: a URL"
        );
    }

    #[test]
    fn an_empty_list_is_no_list() {
        for text in ["Fields:", "Fields:\n", "Fields:\n\n\t\nDone.", ""] {
            assert_eq!(lists(text), Vec::new(), "{text:?}");
            assert_eq!(without(text, &[], &BTreeSet::new()), text);
        }
    }

    #[test]
    fn placed_entries_leave_the_description_and_the_rest_stays() {
        let found = lists(RECORD);
        let all: BTreeSet<usize> = (0..3).collect();
        assert_eq!(without(RECORD, &found, &all), "Adds a record.");
        let some: BTreeSet<usize> = [0, 2].into();
        assert_eq!(
            without(RECORD, &found, &some),
            "Adds a record.\n\nFields:\n\tname: The name field."
        );
        assert_eq!(without(RECORD, &found, &BTreeSet::new()), RECORD);
    }

    fn members<T: serde::de::DeserializeOwned>(names: &[(&str, Option<&str>)]) -> Entries<T> {
        Entries(
            names
                .iter()
                .map(|(name, doc)| {
                    let member = serde_json::json!({"type": "PositiveInt", "doc": doc});
                    let member = serde_json::from_value(member).unwrap();
                    (
                        crate::spec::span::Sp::new(name.to_string(), Default::default()),
                        member,
                    )
                })
                .collect(),
        )
    }

    fn param_doc<'a>(params: &'a Entries<Param>, name: &str) -> Option<&'a str> {
        params.get(name).and_then(|p| p.doc.as_deref())
    }

    fn field_doc<'a>(returns: &'a Entries<Field>, name: &str) -> Option<&'a str> {
        returns.get(name).and_then(|f| f.doc.as_deref())
    }

    #[test]
    fn entries_go_to_the_members_they_name_ahead_of_their_notes() {
        let mut params = members(&[
            ("zone_id", Some("Required when `zone` is absent.")),
            ("name", None),
        ]);
        let mut returns = members(&[("zone_id", None), ("name", None), ("id", None)]);
        let mut report = Report::default();
        let left = place(RECORD, &mut params, &mut returns, &mut report, "S m");
        // Two of three names are parameters, two returned fields: a tie
        // goes to the parameters, and `rdata` names neither.
        assert_eq!(
            left,
            "Adds a record.\n\nFields:\n\trdata: The Record Data.  The exact contents are dependent\n\t\ton record type."
        );
        assert_eq!(
            param_doc(&params, "zone_id"),
            Some("The id of the zone.\n\nRequired when `zone` is absent.")
        );
        assert_eq!(param_doc(&params, "name"), Some("The name field."));
        assert_eq!(field_doc(&returns, "name"), None);
        assert_eq!(
            report.counts().get(&(Kind::Interpreted, "field-list")),
            Some(&1)
        );
    }

    #[test]
    fn a_list_of_returned_fields_documents_the_returned_fields() {
        let text = "Gets it.\n\nHere's a rundown of what the returned fields mean:\n\n\tid: the id\n\n\tzone: the zone";
        let mut params = members(&[("id", None), ("zone", None)]);
        let mut returns = members(&[("id", None), ("zone", None)]);
        let mut report = Report::default();
        assert_eq!(
            place(text, &mut params, &mut returns, &mut report, "S m"),
            "Gets it."
        );
        assert_eq!(field_doc(&returns, "id"), Some("the id"));
        assert_eq!(param_doc(&params, "id"), None);
        // Without "return" in the lead, the side most names belong to.
        let text = "Gets it.\n\nThose fields:\n\tid: the id\n\tcategory: a category";
        let mut returns = members(&[("id", None), ("category", None)]);
        let mut params = members(&[("id", None)]);
        assert_eq!(
            place(text, &mut params, &mut returns, &mut report, "S m"),
            "Gets it."
        );
        assert_eq!(field_doc(&returns, "category"), Some("a category"));
        assert_eq!(param_doc(&params, "id"), None);
        assert!(report.counts().is_empty());
    }

    #[test]
    fn a_lead_inside_a_paragraph_stays_and_says_where_the_list_went() {
        let text = "Provision a server.  Each server has\nseveral options:\n\n\ttype: the code.\n\nBeyond those, a name.";
        let found = lists(text);
        assert_eq!(found[0].heading, None);
        assert_eq!(
            without(text, &found, &[0].into()),
            "Provision a server.  Each server has\nseveral options, each documented on its own field.\n\nBeyond those, a name."
        );
    }
}
