#!/usr/bin/env python3
"""Count what Liquid Web's own clients send and read that spec/liquidweb/v1.yaml lacks.

What it counts (the measures of v1.provenance.md, "How much was missing"), over
the v1 methods the vendor's Go library (liquidweb/liquidweb-go) and CLI
(liquidweb/liquidweb-cli) call, at pinned commits:

  1. parameters the clients send explicitly for the call: map keys, the fields
     named in a struct literal or assigned before the call, and the tags of a
     request struct a caller fills (the Go library's methods taking a shared
     struct), those only where source/docs-v1.json lists the name for the method;
  2. every parameter name the clients can send: as 1, with such structs whole;
  3. returned fields the clients read: the top-level tags of the response struct
     (json, or mapstructure where the CLI decodes with it), and the keys the CLI
     reads from an untyped answer (`details["zone"]`);
  4. fields the clients read from each item of a list method's `items`.

A call on bleed (`bleed/storm/server/list`) counts for the v1 method of the same
section and method, compared case-insensitively (Storm/Server/list). Calls with
no such v1 method are listed and not counted. Names are compared with what
v1.yaml has for the method: its `params`, its `returns`, and the fields of the
object type its `items` list holds (types.yaml included).

Struct tags (embedded structs flattened), call sites with a literal method
path, the request and response variables of those calls and their
declarations, and the CLI's paged lists read item by item in a loop are found
mechanically in the Go source. Links that cannot be (an answer read through a
second variable) are in scripts/lib/liquidweb_client_calls.tsv, one fact a
row. Calls whose request or answer the script cannot link are listed, so a
gap shows instead of counting as nothing missing. Self-test, without the
mirrors: python3 scripts/lib/test_audit_liquidweb_clients.py

Run (needs git clones of the two clients, bare or not; not run in CI, which
has no network). By default they are looked for under target/clients/:

  git clone --bare https://github.com/liquidweb/liquidweb-go target/clients/liquidweb-go.git
  git clone --bare https://github.com/liquidweb/liquidweb-cli target/clients/liquidweb-cli.git


  scripts/audit-liquidweb-clients.py              # counts and lists
  scripts/audit-liquidweb-clients.py --markdown   # tables for v1.provenance.md
  scripts/audit-liquidweb-clients.py --spec-at b8144ea   # against the spec at a commit

Other clones and commits: LW_GO_MIRROR, LW_CLI_MIRROR, LW_GO_COMMIT,
LW_CLI_COMMIT (or --go-mirror, --cli-mirror, --go-commit, --cli-commit). Exit
status 2 when a clone or commit is missing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "liquidweb"
TABLE = Path(__file__).resolve().parent / "lib" / "liquidweb_client_calls.tsv"
DEFAULTS = {
    "go": (str(ROOT / "target" / "clients" / "liquidweb-go.git"), "f94bc4b484759cf4b5fa375d5aab9928ba2ac0a5"),
    "cli": (str(ROOT / "target" / "clients" / "liquidweb-cli.git"), "e8388da60cc6af1148cb9af79d5471fd9cb1fa34"),
}
CALL = re.compile(r'\b(CallIntoInterface|CallLwApiInto|Call)\(\s*"((?:v1|bleed)/[^"]+)"')
PAGED = re.compile(r'\bMethod:\s*"((?:v1|bleed)/[^"]+)"')
# The CLI's pagination helper sends these and decodes every page as PaginatedList.
PAGED_SENDS, PAGED_STRUCT = ("page_size", "page_num"), "PaginatedList"
AMBIGUOUS = {"fields": [], "embeds": [], "ambiguous": True}
TOP = re.compile(r"^(func|var|type)\b", re.M)


def die(msg):
    print(f"audit-liquidweb-clients: {msg}", file=sys.stderr)
    sys.exit(2)


def read_mirror(gitdir, commit):
    """Every non-test .go file of the commit, path -> text."""
    if not Path(gitdir).is_dir():
        die(f"no clone at {gitdir} (clone it there, or give its path: see --help)")
    if (Path(gitdir) / ".git").is_dir():  # a clone with a work tree
        gitdir = str(Path(gitdir) / ".git")
    git = ["git", f"--git-dir={gitdir}"]
    if subprocess.run(git + ["cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True).returncode:
        die(f"commit {commit} is not in {gitdir}")
    names = subprocess.run(git + ["ls-tree", "-r", "--name-only", commit], capture_output=True,
                           text=True, check=True).stdout.split()
    return {n: subprocess.run(git + ["show", f"{commit}:{n}"], capture_output=True, text=True,
                              check=True).stdout
            for n in names if n.endswith(".go") and not n.endswith("_test.go")}


def block(text, start):
    """Index just past the bracket that closes the one at text[start]."""
    pairs, depth, i, quote = {"(": ")", "[": "]", "{": "}"}, [], start, None
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = None
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
        elif c in "\"`'":
            quote = c
        elif c in pairs:
            depth.append(pairs[c])
        elif depth and c == depth[-1]:
            depth.pop()
            if not depth:
                return i + 1
        i += 1
    return len(text)


def split_args(text, open_at):
    """The top-level comma-separated arguments of the call whose '(' is at open_at."""
    end, args, cur, i = block(text, open_at), [], open_at + 1, open_at + 1
    while i < end - 1:
        c = text[i]
        if c in "([{":
            i = block(text, i)
            continue
        if c == '"':
            i = text.index('"', i + 1) + 1
            continue
        if c == ",":
            args.append(text[cur:i].strip())
            cur = i + 1
        i += 1
    args.append(text[cur:end - 1].strip())
    return [a for a in args if a]


def tag_name(tag, prefer):
    """The wire name in a struct tag: `prefer` (mapstructure for the CLI) over json."""
    for key in (prefer, "json"):
        m = re.search(key + r':"([^",\s]*)', tag or "")
        if m and m.group(1) not in ("", "-"):
            return m.group(1)
    return None


def parse_structs(files, prefer):
    """Named struct types: name -> {'fields': [(wire, goname, gotype)], 'embeds': [type]}."""
    structs = {}
    for path, text in sorted(files.items()):
        for m in re.finditer(r"^type\s+(\w+)\s+struct\s*\{", text, re.M):
            body = text[m.end():block(text, m.end() - 1) - 1]
            # Names are looked up without their package: one declared twice is ambiguous.
            structs[m.group(1)] = AMBIGUOUS if m.group(1) in structs else parse_fields(body, prefer)
    return structs


def parse_fields(body, prefer):
    """Fields of a struct body: (wire, goname, gotype) for each tagged or exported field,
    and the embedded structs (a line with a type alone), whose fields Go flattens."""
    fields, embeds, depth = [], [], 0
    for line in body.split("\n"):
        inside, depth = depth, depth + line.count("{") - line.count("}")
        if inside:  # a nested struct's own fields (none in the clients today)
            continue
        tag = re.search(r"`[^`]*`", line)
        words = line[:tag.start() if tag else None].split("//")[0].split()
        if len(words) == 1:
            embeds.append(words[0].split(".")[-1].lstrip("*"))
        elif len(words) >= 2 and re.fullmatch(r"\w+", words[0]):
            goname, gotype = words[0], words[1]
            wire = tag_name(tag and tag.group(0), prefer) or (goname.lower() if goname[0].isupper() and not tag else None)
            if wire:
                fields.append((wire, goname, gotype))
    return {"fields": fields, "embeds": embeds}


def names(structs, name, seen=()):
    """Wire names of a struct, embedded structs flattened."""
    s = structs.get(name.split(".")[-1].lstrip("*&"))
    if s is AMBIGUOUS:
        die(f"struct {name} is declared in more than one package: link it in {TABLE.name}")
    if not s or name in seen:
        return {}
    out = {w: t for w, _, t in s["fields"]}
    for e in s["embeds"]:
        out.update(names(structs, e, seen + (name,)))
    return out


def item_struct(structs, name):
    """The element struct of a response struct's `items` list, if it names one."""
    t = names(structs, name).get("items", "")
    return t[2:].split(".")[-1].lstrip("*") if t.startswith("[]") and t[2:].split(".")[-1] in structs else None


def scope_of(text, pos):
    """The top-level declaration (func, var, type) around pos."""
    starts = [m.start() for m in TOP.finditer(text)]
    begin = max([s for s in starts if s <= pos], default=0)
    return begin, min([s for s in starts if s > pos], default=len(text))


def declared(text, begin, pos, var):
    """The type a variable has at pos: the nearest declaration before it in the scope."""
    v = re.escape(var)
    pats = [rf"\bvar\s+{v}\s+\*?([\w.]+(?:\[string\]interface\{{\}})?)",
            rf"\b{v}\s*:?=\s*&?([\w.]+(?:\[string\]interface\{{\}})?)\{{",
            rf"\b{v}\s*:?=\s*new\(([\w.]+)\)",
            rf"[(,]\s*{v}\s+\*?([\w.]+)\s*[,)]"]
    best = None
    for p in pats:
        for m in re.finditer(p, text[begin:pos]):
            if best is None or m.start() > best[0]:
                best = (m.start(), m.group(1), begin + m.end(), begin + m.start(1))
    return best


def literal_keys(lit, structs, typ):
    """Keys of a map literal, or wire names of the fields a struct literal sets."""
    head = re.match(r"\s*(?:map\[string\]interface\{\}|&?[\w.]+)\s*\{", lit)
    inner = lit[head.end():block(lit, head.end() - 1) - 1] if head else ""
    keys, i = [], 0
    while i < len(inner):
        if inner[i] in "([{":  # a nested literal or call: not a key of this one
            i = block(inner, i)
            continue
        m = re.match(r'\s*(?:"(\w+)"|(\w+))\s*:', inner[i:]) if i == 0 or inner[i - 1] in ",{\n" else None
        if m:
            keys.append(m.group(1) or m.group(2))
        i += 1
    if typ and not typ.startswith("map"):
        wire = {g: w for w, g, _ in structs.get(typ.split(".")[-1], {"fields": []})["fields"]}
        return {wire[k] for k in keys if k in wire}
    return set(keys)


def request(text, begin, pos, arg, structs):
    """(names sent explicitly, names a caller may set through a whole struct, struct name)."""
    if arg == "nil":
        return set(), set(), None
    if arg.startswith("map["):
        return literal_keys(arg, structs, "map"), set(), None
    if re.match(r"&?[\w.]+\{", arg):  # a struct literal in the call
        return literal_keys(arg, structs, arg.lstrip("&").split("{")[0]), set(), None
    if arg.startswith("struct"):
        body = arg[arg.index("{") + 1:block(arg, arg.index("{")) - 1]
        return {w for w, _, _ in parse_fields(body, "json")["fields"]}, set(), None
    d = declared(text, begin, pos, arg)
    if not d:
        return set(), set(), "?"  # reported as not linked
    _, typ, at, typ_at = d
    sent = {k for k in re.findall(rf'\b{re.escape(arg)}\["(\w+)"\]\s*=', text[begin:pos])}
    if text[at - 1] == "{":  # a literal: only what it and later assignments set
        sent |= literal_keys(text[typ_at:block(text, at - 1)], structs, typ)
        if not typ.startswith("map"):
            wire = {g: w for w, g, _ in structs.get(typ.split(".")[-1], {"fields": []})["fields"]}
            sent |= {wire[g] for g in re.findall(rf"\b{re.escape(arg)}\.(\w+)\s*=", text[at:pos]) if g in wire}
        return sent, set(), None
    if typ.startswith("map"):
        return sent, set(), None
    return sent, set(names(structs, typ)), typ.split(".")[-1]  # a caller's struct


def response(text, begin, end, pos, arg, structs):
    """(struct name or None, map keys read)."""
    arg = arg.lstrip("&")
    anon = re.search(rf"\b{re.escape(arg)}\s*:?=\s*struct\s*\{{", text[begin:pos])
    if anon:  # an anonymous struct: registered under a made-up name
        at = begin + anon.end() - 1
        name = f"struct {{…}} at line {text.count(chr(10), 0, at) + 1}"
        structs[name] = parse_fields(text[at + 1:block(text, at) - 1], "json")
        return name, set()
    d = declared(text, begin, pos, arg) if re.fullmatch(r"\w+", arg) else None
    if d and not d[1].startswith("map") and d[1].split(".")[-1] in structs:
        return d[1].split(".")[-1], set()
    return None, set(re.findall(rf'\b{re.escape(arg)}(?:\.\(map\[string\]interface\{{\}}\))?\["(\w+)"\]', text[pos:end]))


def paged_items(text, begin, end, pos, structs):
    """What the CLI reads from each item of a paged list: the struct it decodes an item
    into inside `for _, item := range RESULTS.Items`, or the keys it reads from the item."""
    res = re.compile(r"(\w+),\s*\w+\s*:?=\s*[\w.]*AllPaginatedResults\(").search(text, pos, end)
    if not res:
        return None, set()
    for loop in re.finditer(rf"for\s+\w+,\s*(\w+)\s*:=\s*range\s+{res.group(1)}\.Items\s*\{{", text[res.end():end]):
        at = res.end() + loop.end() - 1
        body, var = text[at:block(text, at)], loop.group(1)
        cast = re.search(rf"CastFieldTypes\({var},\s*&(\w+)\)", body)
        if cast:
            d = declared(text, begin, at + cast.start(), cast.group(1))
            if d and d[1].split(".")[-1] in structs:
                return d[1].split(".")[-1], set()
        return None, set(re.findall(rf'\b{var}\["(\w+)"\]', body))
    return None, set()


def find_calls(client, files, structs):
    calls = []
    for path, text in sorted(files.items()):
        for m in list(CALL.finditer(text)) + list(PAGED.finditer(text)):
            if "//" in text[text.rfind("\n", 0, m.start()):m.start()]:
                continue  # a comment
            begin, end = scope_of(text, m.start())
            line = text.count("\n", 0, m.start()) + 1
            c = {"client": client, "file": path, "line": line, "path": m.group(m.lastindex),
                 "sent": set(), "whole": set(), "req": None, "resp": None, "read": set(), "items": None, "item_keys": set()}
            args = []
            if m.re is PAGED:
                lit_start = text.rindex("{", begin, m.start())
                lit = text[lit_start:block(text, lit_start)]
                margs = re.search(r"MethodArgs:\s*(map\[|\w+)", lit)
                if margs and margs.group(1) == "map[":
                    c["sent"] = literal_keys(lit[margs.start(1):], structs, "map")
                elif margs:
                    c["sent"] = request(text, begin, m.start(), margs.group(1), structs)[0]
                c["sent"] |= set(PAGED_SENDS)
                c["resp"] = PAGED_STRUCT
                c["items"], c["item_keys"] = paged_items(text, begin, end, text.rfind("\n", 0, lit_start), structs)
            else:
                args = split_args(text, text.rindex("(", 0, m.start(2)))
                c["sent"], c["whole"], c["req"] = request(text, begin, m.start(), args[1], structs)
                if len(args) > 2:
                    c["resp"], c["read"] = response(text, begin, end, m.start(), args[2], structs)
                else:  # result, err := ...Call(path, args): an untyped answer
                    lhs = re.search(r"(\w+)\s*,\s*\w+\s*:?=\s*[\w.]*$", text[begin:m.start()])
                    if lhs and lhs.group(1) != "_":
                        c["read"] = response(text, begin, end, m.start(), lhs.group(1), structs)[1]
            if c["resp"] and not c["items"]:
                c["items"] = item_struct(structs, c["resp"])
            c["unlinked"] = [what for what, bad in (("request", c["req"] == "?"),
                             ("answer", len(args) > 2 and not c["resp"] and not c["read"])) if bad]
            calls.append(c)
    return calls


def apply_table(calls, structs_of):
    """Curated links (tab-separated): client, file, method path, role, what.
    Roles: `items` (what = the struct each item is decoded into) and `item-keys`
    (what = the comma-separated keys read from each item of an untyped answer)."""
    for n, row in enumerate(TABLE.read_text().splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        client, path, method, role, what = row.split("\t")
        hits = [c for c in calls if (c["client"], c["file"], c["path"]) == (client, path, method)]
        if not hits:
            die(f"{TABLE.name}:{n}: no call of {method} in {client} {path}")
        if role == "items" and what not in structs_of[client]:
            die(f"{TABLE.name}:{n}: no struct {what} in the {client} client")
        if role not in ("items", "item-keys"):
            die(f"{TABLE.name}:{n}: unknown role {role}")
        for c in hits:
            if role == "items":
                c["items"] = what
            else:
                c["item_keys"] |= set(what.split(","))


def spec_file(name, rev):
    """A file of spec/liquidweb/, as checked out or (rev) at a commit of this repository."""
    if not rev:
        return (SPEC / name).read_text()
    got = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:spec/liquidweb/{name}"],
                         capture_output=True, text=True)
    return got.stdout if got.returncode == 0 else die(f"no spec/liquidweb/{name} at {rev}")


def load_spec(name, rev):
    doc = yaml.safe_load(spec_file(name, rev))
    types = dict(yaml.safe_load(spec_file("types.yaml", rev)).get("types") or {})
    types.update(doc.get("types") or {})
    methods = {}
    for sec, body in doc["sections"].items():
        for meth, m in (body.get("methods") or {}).items():
            methods[(sec.lower(), meth.lower())] = (f"{sec}/{meth}", m)
    return methods, types


def spec_items(m, types):
    t = ((m.get("returns") or {}).get("items") or {}).get("type")
    arr = (types.get(t) or {}).get("array") or {}
    obj = (types.get(arr.get("items")) or {}).get("object")
    return set(obj.get("fields") or {}) if obj else None  # None: no list of objects with fields


def v1_key(path):
    parts = path.split("/")[1:]
    return "/".join(parts[:-1]).lower(), parts[-1].lower()


def audit(calls, structs_of, rev=None):
    methods, types = load_spec("v1.yaml", rev)
    docs = json.loads(spec_file("source/docs-v1.json", rev))
    rows = defaultdict(list)  # measure -> [(method, name, client, file:line, missing)]
    counted, skipped = set(), []
    for c in calls:
        hit = methods.get(v1_key(c["path"]))
        if not hit:
            skipped.append(c)
            continue
        method, m = hit
        counted.add(method)
        sec, meth = method.rsplit("/", 1)
        listed = set(((docs.get(sec) or {}).get("__methods", {}).get(meth) or {}).get("__input") or {})
        params, returns = set(m.get("params") or {}), set(m.get("returns") or {})
        where = f'{c["file"]}:{c["line"]}'
        structs = structs_of[c["client"]]
        read = set(names(structs, c["resp"])) if c["resp"] else c["read"]
        req = f'{where} ({c["req"]})' if c["req"] else where
        for measure, got, have in (("sent", c["sent"] | (c["whole"] & listed), params),
                                   ("can_send", c["sent"] | c["whole"], params)):
            rows[measure] += [(method, n, c["client"], where if n in c["sent"] else req, n not in have)
                              for n in got]
        resp = f'{where} ({c["resp"] or "keys read"})'
        rows["read"] += [(method, n, c["client"], resp, n not in returns) for n in read]
        got = set(names(structs, c["items"])) if c["items"] else set()
        if got or c["item_keys"]:
            have, how = spec_items(m, types), c["items"] or "keys read"
            rows["items" if have is not None else "open_items"] += [
                (method, n, c["client"], f"{where} ({how})", have is not None and n not in have)
                for n in got | c["item_keys"]]
    return dedupe(rows), counted, skipped


def dedupe(rows):
    """One row per (method, name): a name counts once however many calls send or read it."""
    out = {}
    for measure, rs in rows.items():
        by = {}
        for method, n, client, where, missing in sorted(rs):
            key = (method, n)
            if key in by:
                by[key][2].add(f"{client} {where}")
            else:
                by[key] = [method, n, {f"{client} {where}"}, missing]
        out[measure] = sorted(by.values())
    return out


TITLES = {"sent": "parameters the clients send explicitly (shared request structs: only names docs-v1.json lists for the method)",
          "can_send": "every parameter name the clients can send (shared request structs whole)",
          "read": "returned fields the clients read (top level)",
          "items": "fields the clients read from each item of a list's `items`"}
TWO_LISTS = ("Storm/Server/list", "Network/IP/list")


def tables(rows, skipped, unlinked):
    """The report as (title, header, rows) tables; the first, untitled, is the summary."""
    summary = []
    for key, title in TITLES.items():
        rs = rows.get(key, [])
        summary.append((title, sum(r[3] for r in rs), len(rs)))
        if key == "items":
            two = [r for r in rs if r[0] in TWO_LISTS]
            summary.append((f"of these, the items of {' and '.join(TWO_LISTS)}", sum(r[3] for r in two), len(two)))
    out = [(None, ("measure", "missing", "of"), summary)]
    for key, title in TITLES.items():
        grouped = defaultdict(list)  # one row per method and call site
        for method, n, where, missing in rows.get(key, []):
            if missing:
                grouped[(method, "; ".join(sorted(where)))].append(f"`{n}`")
        if grouped:
            out.append((f"Missing: {title}", ("method", "names", "sent or read by (client file:line)"),
                        [(m, ", ".join(ns), w) for (m, w), ns in sorted(grouped.items())]))
    opened = defaultdict(set)
    for method, n, _, _ in rows.get("open_items", []):
        opened[method].add(n)
    if opened:
        out.append(("Not compared: list items whose spec type lists no fields", ("method", "names the clients read"),
                    [(m, ", ".join(f"`{n}`" for n in sorted(ns))) for m, ns in sorted(opened.items())]))
    by = defaultdict(list)
    for c in skipped:
        by[c["path"]].append(f'{c["client"]} {c["file"]}:{c["line"]}')
    out.append(("Calls with no v1 method of that name (not counted)", ("call", "client file:line"),
                [(f"`{p}`", "; ".join(sorted(w))) for p, w in sorted(by.items(), key=lambda kv: kv[0].lower())]))
    out.append(("Calls the script could not link (what they send or read is not counted)",
                ("call", "client file:line", "not linked"),
                [(f'`{c["path"]}`', f'{c["client"]} {c["file"]}:{c["line"]}', ", ".join(c["unlinked"])) for c in unlinked]))
    return out


def render(report, counted, markdown):
    out = [f"Counted over {len(counted)} v1 methods the two clients call."]
    for title, head, body in report:
        if markdown:
            out += ["", f"#### {title}", ""] if title else [""]
            out += ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
            out += ["| " + " | ".join(map(str, r)) + " |" for r in body]
        elif title:
            out += ["", f"{title}:"] + ["  " + "  ".join(map(str, r)) for r in body]
        else:
            out += [f"{t}: {n} of {m} missing" for t, n, m in body]
    print("\n".join(out + ["", "Methods counted: " + ", ".join(sorted(counted))]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print tables for v1.provenance.md")
    ap.add_argument("--calls", action="store_true", help="print every call found and what it links")
    ap.add_argument("--spec-at", metavar="REV", help="compare with spec/liquidweb/ at this commit")
    for client in DEFAULTS:
        ap.add_argument(f"--{client}-mirror", default=os.environ.get(f"LW_{client.upper()}_MIRROR", DEFAULTS[client][0]))
        ap.add_argument(f"--{client}-commit", default=os.environ.get(f"LW_{client.upper()}_COMMIT", DEFAULTS[client][1]))
    a = ap.parse_args()
    structs_of, calls = {}, []
    for client in DEFAULTS:
        files = read_mirror(getattr(a, f"{client}_mirror"), getattr(a, f"{client}_commit"))
        structs_of[client] = parse_structs(files, "mapstructure" if client == "cli" else "json")
        calls += find_calls(client, files, structs_of[client])
    apply_table(calls, structs_of)
    if a.calls:
        for c in calls:
            print(c["client"], f'{c["file"]}:{c["line"]}', c["path"], "sent", sorted(c["sent"]),
                  "whole", c["req"], "resp", c["resp"], "read", sorted(c["read"]), "items", c["items"], sorted(c["item_keys"]))
        return
    rows, counted, skipped = audit(calls, structs_of, a.spec_at)
    render(tables(rows, skipped, [c for c in calls if c["unlinked"]]), counted, a.markdown)


if __name__ == "__main__":
    main()
