//! Every rule `lint` reports, in one table: its stable id, default severity,
//! where it comes from, and the explanation `--explain` prints. Loader and
//! checker rules are the errors `generate` meets; lint rules are functions in
//! [`super::rules`], one module per concept, registered here.

use super::rules::{self, Check};
use crate::diag::Severity;

/// Where a rule's findings come from.
#[derive(Clone, Copy)]
pub enum Source {
    /// Reading YAML into the spec model (`spec::load`). Stops `generate`.
    Loader,
    /// The checker `generate` runs (`ir::build`). Stops `generate`.
    Checker,
    /// A lint rule: a function over one parsed file. Can be allowed.
    Lint(Check),
    /// About `lint.allow` entries themselves.
    Suppressions,
}

impl Source {
    pub fn describe(self) -> &'static str {
        match self {
            Source::Loader => "loader: stops generation",
            Source::Checker => "checker: stops generation",
            Source::Lint(_) => "lint rule: can be allowed with `lint.allow`",
            Source::Suppressions => "about `lint.allow` entries",
        }
    }
}

/// One rule.
pub struct Rule {
    /// Stable id, e.g. `unknown-type`. Never renamed once released.
    pub id: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    pub source: Source,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// How to fix a finding. The first sentence is the default help of
    /// findings that bring none of their own.
    pub fix: &'static str,
}

impl Rule {
    /// Whether `lint.allow` may accept this rule's findings. Only lint rules:
    /// accepting an error that stops `generate` would let a spec pass lint
    /// that cannot be generated.
    pub fn allowable(&self) -> bool {
        matches!(self.source, Source::Lint(_))
    }

    /// The first sentence of `fix`, written as help is (lower case, no
    /// final period).
    pub fn short_help(&self) -> String {
        let sentence = match self.fix.find(". ") {
            Some(i) => &self.fix[..i],
            None => self.fix.trim_end_matches('.'),
        };
        let mut chars = sentence.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The text `--explain` prints, wrapped at 79 columns.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "{} ({}; {})\n\n",
            self.id,
            self.severity,
            self.source.describe()
        );
        for (title, text) in [
            ("", self.summary),
            ("Why: ", self.rationale),
            ("How to fix: ", self.fix),
        ] {
            out.push_str(&wrap(&format!("{title}{text}"), 79));
            out.push_str("\n\n");
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every rule id, in table order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.id)
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

const fn builtin(
    id: &'static str,
    source: Source,
    summary: &'static str,
    rationale: &'static str,
    fix: &'static str,
) -> Rule {
    Rule {
        id,
        severity: Severity::Error,
        source,
        summary,
        rationale,
        fix,
    }
}

/// Every rule. Ids are stable: tools and `lint.allow` entries refer to them.
pub static RULES: &[Rule] = &[
    // Loading.
    builtin(
        "yaml",
        Source::Loader,
        "The file is not valid YAML, or not UTF-8, so nothing in it can be read.",
        "A syntax error stops the whole file from loading: nothing in it can be checked or \
         generated, and files that use it cannot be checked either.",
        "Fix the YAML at the position shown. Common causes: an unclosed `[` or `{`, a tab used \
         for indentation, an unquoted string that contains `: ` or ` #`, uneven indentation, or \
         a file saved in another encoding than UTF-8.",
    ),
    builtin(
        "unknown-key",
        Source::Loader,
        "A key or value the spec format does not have, usually a misspelling.",
        "Every mapping in the spec format rejects keys it does not know, so a misspelt key \
         (`max_lenght`) is an error instead of a constraint that silently disappears. The same \
         holds for the closed vocabularies (`format: base65`, `http_method: put`).",
        "Use one of the names the message lists; the help suggests the closest. spec/README.md \
         and spec/schema.json list every key, and editors running the YAML language server \
         complete them.",
    ),
    builtin(
        "duplicate-key",
        Source::Loader,
        "A mapping repeats a key: two types, sections, methods, parameters or fields of one \
         name.",
        "YAML mappings cannot repeat a key. If the later entry silently won, one of two \
         transcribed definitions would vanish without a trace.",
        "Remove or rename one of the two. If the vendor documents two items of one name, say \
         so in `notes` and transcribe the one the vendor's examples use.",
    ),
    builtin(
        "missing-key",
        Source::Loader,
        "A required key is missing, such as a type's `doc` or a parameter's `type`.",
        "Required keys hold what generated code cannot do without: a parameter's type, the \
         wire block, the vendor's description.",
        "Add the key the message names. spec/README.md marks which keys are required.",
    ),
    builtin(
        "io",
        Source::Loader,
        "A path could not be read.",
        "A path given on the command line, or a file found under a directory, could not be \
         read: it does not exist or is not readable. This is not a problem in a spec, so \
         `lint` exits with status 2.",
        "Check the path and its permissions.",
    ),
    builtin(
        "unresolved-use",
        Source::Loader,
        "`uses` names a file that does not exist, or one that is not a spec file (`.yaml`, \
         `.yml`).",
        "A library's types and errors are only visible through `uses`, so a wrong path makes \
         every name taken from it unknown.",
        "Write the path relative to the using file (`uses: [types.yaml]` for a library beside \
         it). The help shows where the file was looked for.",
    ),
    builtin(
        "twin-of",
        Source::Loader,
        "A `twin_of` section that cannot be resolved: it names a section its file does not \
         have (or one in another file), itself, another twin, a section whose methods have \
         their own `http.path`, or one with four twins already, or it declares `methods` too.",
        "A twin gets copies of another section's methods, sent under its own name; that is \
         only well defined for a section of the same file that has methods of its own and \
         sends them to `{section}/{method}`. Anything else would copy nothing, loop, or send \
         the twin's calls to the other section's paths.",
        "Name a section of the same file that is not itself a twin, and drop the twin's \
         `methods`. Where the two sections differ, transcribe the second one in full instead.",
    ),
    builtin(
        "overlay-nested-form",
        Source::Loader,
        "In an import overlay, a returned field's path into the types the import made \
         (`items[].memory`) or its `type: Section/method:path` (or `Section/method:[]`) is \
         malformed or not allowed there.",
        "An additions method reaches inside the types the import made by where they are: a \
         key of steps joined by `.` (`[]` for a list's items), the last naming the member \
         added, `Section/method:path` for another member's type, and `Section/method:[]` for \
         a list of the record another method returns. Anything else would be read as an \
         ordinary field name or an unknown type, far from the mistake.",
        "Write the path as the message says, or keep it to the returned fields of a method \
         with `additions: true` (spec/README.md, \"Inside the types the import makes\").",
    ),
    // Checking (what `generate` checks).
    builtin(
        "file-name",
        Source::Loader,
        "A spec file's path holds a control character, such as a line break.",
        "File names reach places that are read line by line: build scripts tell cargo which \
         files to watch with `cargo:rerun-if-changed=PATH` lines, and generated files name \
         their spec in a comment. A line break in a name would start a new instruction there.",
        "Rename the file to one without control characters; spec files are named after the \
         API or library they hold (`enom.yaml`, `liquidweb/types.yaml`).",
    ),
    builtin(
        "use-outside-root",
        Source::Loader,
        "`uses` names a file outside the spec folder: an absolute path, a path whose `..` \
         leaves the folder, or a link to a file outside it.",
        "Specs may come from vendors' pages or contributors, so a spec must not make the \
         generator read a file the user did not hand it (and echo it in an error). `uses` \
         reaches only spec files under the folder given to the command (or the folder of the \
         file given); nothing outside is opened.",
        "Keep type libraries under the spec folder and name them by a relative path. To share \
         libraries from a wider folder on purpose, pass `--uses-root DIR`.",
    ),
    builtin(
        "format-version",
        Source::Checker,
        "`hostapi` is not a spec format version this generator reads.",
        "The version says which rules a file follows; a file of another version could mean \
         something else by the same keys.",
        "Write `hostapi: 1`, or use a generator that reads the file's version.",
    ),
    builtin(
        "library-with-sections",
        Source::Checker,
        "A type library (a file without `api`) has `sections`.",
        "Sections belong to an API; a library's sections would never be generated.",
        "Add an `api:` block to make the file an API, or move the sections into the API file \
         that uses the library.",
    ),
    builtin(
        "duplicate-api",
        Source::Checker,
        "Two files have the same `api.name`.",
        "`api.name` names a Rust module and a cargo feature, which must be unique.",
        "Give each API version its own name, such as `liquidweb_bleed` and `liquidweb_v1`.",
    ),
    builtin(
        "use-of-api-file",
        Source::Checker,
        "`uses` names an API file instead of a type library.",
        "Only libraries (files without `api`) are shared; an API's sections and wire block mean \
         nothing inside another API.",
        "Move what both files share into a library file and name that in `uses` from both.",
    ),
    builtin(
        "duplicate-type",
        Source::Checker,
        "A named type is defined twice (in a file and a library it uses), or is named like a \
         builtin.",
        "One name must mean one type. A type named like a builtin (`string`) would make every \
         reference to either ambiguous.",
        "Rename one of the two, or delete the copy and use the library's.",
    ),
    builtin(
        "duplicate-error",
        Source::Checker,
        "A documented error is defined twice (in a file and a library it uses).",
        "An error key must match one catalog entry, or which definition applies would depend \
         on load order.",
        "Keep one definition, in the library if several APIs share it.",
    ),
    builtin(
        "base-url-choice",
        Source::Checker,
        "An API gives both `base_url` and `servers`, or neither.",
        "The default server is `base_url`, or the first of `servers`; with both, which one is \
         the default would be unclear, and with neither, calls would have nowhere to go.",
        "Give one `base_url`, or list `servers` with the default first.",
    ),
    builtin(
        "server-name",
        Source::Checker,
        "A name in `servers` is not ASCII letters, digits, `-`, `_` or `.` starting with a letter.",
        "Callers select a server by typing its name (`ClientConfig::with_server(\"test\")`, \
         command-line options); hidden, spaced or non-ASCII names cannot be typed reliably.",
        "Rename the server, e.g. `production`, `test`, `legacy`.",
    ),
    builtin(
        "duplicate-server",
        Source::Checker,
        "Two names in `servers` differ only in case (`Test` and `test`).",
        "A caller who types the other spelling gets the other host without noticing.",
        "Keep one of the names.",
    ),
    builtin(
        "header-name",
        Source::Checker,
        "A returned field's `header` is not an HTTP header name, is read by another field too, or \
         sits on a numbered series.",
        "The client looks the header up by this name in every response; a name no header can \
         have, or one read twice, would leave fields silently empty.",
        "Write the header's name as the vendor documents it (`Retry-After`, `Link`), once.",
    ),
    builtin(
        "header-not-returned",
        Source::Checker,
        "`header` is set on a field that is not a method's returned field (an error's field).",
        "Only a method's response is read from its headers; the key would do nothing there.",
        "Move the field under the method's `returns`, or remove `header`.",
    ),
    builtin(
        "text-response",
        Source::Checker,
        "A method answering in plain text (`response: text`) does not return exactly one field \
         from the body, that field is no string, or the method also has `returns_map` or \
         `paging`.",
        "The whole text body fills one returned field; with more fields, or one of another type, \
         the client would have to guess where the text goes.",
        "Return one field of type `string` (or a named string or enum type); read any others \
         from headers.",
    ),
    builtin(
        "status-key",
        Source::Checker,
        "A key of `wire.statuses` is not an HTTP status (`100`–`599`), a class (`1XX`–`5XX`) \
         or `default`.",
        "Generated clients compare every response's status with these keys; a key no status \
         can match would silently never apply.",
        "Write a three-digit status such as `404`, a class such as `4XX`, or `default`.",
    ),
    builtin(
        "duplicate-status",
        Source::Checker,
        "Two keys of `wire.statuses` cover the same statuses (`4XX` and `4xx`).",
        "Only one meaning can apply to a status; which one would depend on the key's spelling.",
        "Keep one of the keys.",
    ),
    builtin(
        "unknown-status-error",
        Source::Checker,
        "A status in `wire.statuses` maps to an error that `errors` does not document.",
        "The error's type, and the fields read from the body, come from its entry in `errors`; \
         without one the status would give an error no variant names.",
        "Map the status to a key of `errors`, or document the error there.",
    ),
    builtin(
        "name-collision",
        Source::Checker,
        "Two names become one Rust name after case conversion (`fooBar` and `foo_bar`), or a \
         name becomes one that generated code defines or relies on itself.",
        "Generated code converts names to Rust's conventions (snake_case fields, methods and \
         modules; UpperCamelCase types and variants) and escapes keywords with a trailing `_` \
         (`type` becomes `type_`, so `type` and `type_` meet). Each scope of the generated \
         crate also holds names of its own: an API module has `types`, `errors`, `Client`, \
         `BlockingClient`, `Credentials`, `Error` and `ApiError`, and each section adds an \
         accessor `Section` and `SectionBlocking`; the clients have the methods `new`, \
         `with_config`, `with_token_session`, `from_async` and `runtime`, and one per section; \
         a section module has a `…Request` and `…Response` type and an upper-case descriptor \
         constant per method (`get_a` and `getA` both need `GET_A`); records have a `with_…` \
         setter per optional field; union variants are named after their member types; the \
         crate root holds `runtime` and the crates generated code names by path \
         (`hostapi_runtime`, `serde`, `serde_json`, `std`, `core`). Module names become file \
         names, so Windows device names (`con`, `nul`, `com1`, …) are taken too. Two items of \
         one Rust name do not compile. A method's `rust_name` may also not be a method of a \
         trait the section's accessor implements (`clone`, `into`, `fmt`, …; see \
         `trait-method-name`): it would compile, but shadow the trait's method.",
        "Set `rust_name` on one of the two (sections, methods, parameters, fields, errors), or \
         rename the type or credential you chose. Wire names stay exactly what the vendor \
         documents.",
    ),
    builtin(
        "rust-name",
        Source::Checker,
        "A name yields no usable Rust identifier: it has no ASCII letter or digit, holds a \
         letter or digit outside ASCII, is too long, or a `rust_name` is not an identifier.",
        "Generated identifiers are plain ASCII, derived from the name's ASCII letters and \
         digits (everything else separates words): module names become file names, which must \
         be portable, and ASCII rules out look-alike characters in code people review. A name \
         whose letters would be lost (`maß`, `größe`, `x²`) or that has none (`+`, `_`, an \
         emoji) is refused rather than silently renamed, and so is one longer than 100 \
         characters. A `rust_name` goes into generated code as written. Enum values are the \
         exception: they are the vendor's values and cannot be renamed, so one that names no \
         variant becomes `Value1`, `Value2`, … by its position.",
        "Set `rust_name` (sections, methods, parameters, fields, errors) to ASCII letters, \
         digits and `_`, not starting with a digit or `__`, not a Rust keyword; rename types \
         and credentials, which are the spec's own names.",
    ),
    builtin(
        "api-name",
        Source::Checker,
        "`api.name` is not a snake_case identifier, or is a name the generated crate uses \
         itself.",
        "It names a Rust module and a cargo feature. Generated crates define the features \
         `default`, `blocking` and `pattern`, and name `runtime`, `hostapi_runtime`, `serde`, \
         `serde_json`, `std` and `core` at their root.",
        "Use lower-case letters, digits and `_`, starting with a letter (`liquidweb_bleed`), \
         and not one of the names above.",
    ),
    builtin(
        "base-url",
        Source::Checker,
        "`base_url` is not a URL generated clients can use: not `https://` or `http://`, no \
         host, user information, a query or fragment, a bad port, whitespace or non-ASCII \
         text, or a `.`/`..` path segment.",
        "Every request is resolved against it, and `Client::new` checks it with the same rule: \
         a base URL the checker let through would make every client of the API fail to build. \
         Credentials in it would also travel in every request line and log.",
        "Write `https://host[:port][/path]` in ASCII (percent-encode other path characters), \
         without `user@`, `?…` or `#…`: credentials go in `credentials`, parameters in \
         `params`.",
    ),
    builtin(
        "unknown-credential",
        Source::Checker,
        "The wire block names a credential that `credentials` does not declare.",
        "The client would have no value to send there.",
        "Declare the credential under `api.credentials`, or correct the name. The help \
         suggests the closest declared one.",
    ),
    builtin(
        "path-template",
        Source::Checker,
        "A method's `http.path` is malformed: it does not start with `/`, has an empty, `.` or `..` segment, a segment with characters other than letters, digits and `-._~`, a `{name}` that is not a whole segment, or a label twice.",
        "The template becomes the request's path; a segment the URL parser would drop or resolve, or text that needs encoding, would send the call somewhere else than the docs say.",
        "Write the path as `/domains/{domain}/records/{id}`: literal segments and whole-segment labels. Percent-encoding is the client's job, for values only.",
    ),
    builtin(
        "path-template-param",
        Source::Checker,
        "A `{name}` in a method's `http.path` names no parameter of the method, or one not bound with `in: path`.",
        "The client would have no value for that segment, so it could not build the path.",
        "Declare the parameter with `required: true` and `in: path`, or correct the label. The help suggests the closest parameter.",
    ),
    builtin(
        "path-param",
        Source::Checker,
        "A parameter is bound with `in: path`, but the method's `http.path` has no `{name}` for it (or the method has no `http.path`).",
        "The value would be accepted and then never sent.",
        "Add the `{name}` segment to `http.path`, or bind the parameter to the query, a header or the body.",
    ),
    builtin(
        "optional-path-param",
        Source::Checker,
        "A parameter bound with `in: path` is not `required`.",
        "A path cannot leave a segment out: without the value the call would go to another path.",
        "Mark the parameter `required: true`, or bind it to the query.",
    ),
    builtin(
        "duplicate-header",
        Source::Checker,
        "Two parameters, or a parameter and an API key, are bound to the same header (names compared ignoring case), or a parameter to `Authorization` that the API's authentication sets.",
        "One request cannot carry both values in one header; one would silently replace the other.",
        "Bind each header once.",
    ),
    builtin(
        "body-on-get",
        Source::Checker,
        "A parameter bound to the body (`in: form`, `json` or `body`) belongs to a method sent with GET.",
        "A GET request has no body: servers and proxies drop it, so the value would never arrive.",
        "Bind the parameter to `path`, `query` or a header, or give the method another `http.method`.",
    ),
    builtin(
        "http-binding",
        Source::Checker,
        "A binding that cannot be sent: a header name that is not an HTTP token, `in` on an object type's field or a numbered series, or one method's parameters making the body two things (`body` with `json` or `form` members, or `json` with `form`).",
        "A request has one body and headers with valid names; a field of an object travels inside its parameter, not on its own.",
        "Correct the header name, remove `in` from the field or series, or bind the body parameters one way.",
    ),
    builtin(
        "auth-credential",
        Source::Checker,
        "An authentication scheme has no credential to send: `bearer: session` in an API without `auth.session`.",
        "Without a token session the client has no token for the `Authorization` header, so every call would go unauthenticated.",
        "Declare `auth.session`, or name a credential with `bearer: {credential: NAME}`.",
    ),
    builtin(
        "auth-conflict",
        Source::Checker,
        "Two authentication schemes set the `Authorization` header: `basic` with a static `bearer` token, or an API key named `Authorization` beside either.",
        "A request carries one `Authorization` header, so one scheme would silently replace the other.",
        "Keep one scheme that uses `Authorization`; `bearer: session` may sit beside `basic`, since it replaces it once a token is held.",
    ),
    builtin(
        "unknown-error",
        Source::Checker,
        "A method's `errors` names an error that is not in the `errors` catalog.",
        "Method error lists refer to catalog keys; a misspelt key would document nothing.",
        "Write the key exactly as the catalog (here or in a used library) has it, or add the \
         error to the catalog. The help suggests the closest key.",
    ),
    builtin(
        "unknown-type",
        Source::Checker,
        "A `type`, `items` or `values` names neither a declared type nor a builtin.",
        "Every member needs a type to generate and validate.",
        "Use a type declared under `types` (here or in a `uses` library) or a builtin: string, \
         integer, float, boolean, json. The help suggests the closest name.",
    ),
    builtin(
        "type-kind",
        Source::Checker,
        "A named type has no kind key, or more than one.",
        "The kind (`string`, `integer`, …) decides what the generated newtype holds and \
         checks; exactly one is needed.",
        "Keep exactly one of string, integer, float, decimal, boolean, enum, unix_time, map, \
         array, union and object.",
    ),
    builtin(
        "unsatisfiable",
        Source::Checker,
        "A constraint no value can meet: `min` above `max`, `min_length` above `max_length`, \
         an empty `length` list, an enum without values, a bound that is not a finite number, \
         `classes.at_least` above the number of classes, fewer decimal digits allowed than \
         required, a union of fewer than two types or of itself, an object without fields.",
        "Every value would fail validation, so the generated type could never hold a value. It \
         is always a transcription slip.",
        "Read the vendor's phrase again and correct the bounds.",
    ),
    builtin(
        "contradiction",
        Source::Checker,
        "Two constraints that say the same thing in ways that can disagree, or exclude each \
         other: `length` beside `min_length`/`max_length`, float `min` beside `above`, a decimal \
         both `negative` and `positive`, a class or union member listed twice.",
        "`length` lists the only permitted lengths; bounds beside it say the same thing a \
         second time, in a way that can disagree.",
        "Use `length: [N, M]` for exact lengths or `min_length`/`max_length` for a range, not \
         both.",
    ),
    builtin(
        "char-class",
        Source::Checker,
        "`chars` or `first_char` is not a valid character class.",
        "Character classes become `matches!` patterns in generated code; a range that runs \
         backwards or an unknown escape has no meaning.",
        "Write ranges and single characters without brackets (`A-Z0-9`, `a-z0-9._-`). Escape \
         with `\\t`, `\\\\`, `\\-` and `\\]`, inside single quotes so YAML keeps the backslash.",
    ),
    builtin(
        "session",
        Source::Checker,
        "A token session (`wire.auth.session`) names a method, returned field, parameter or \
         credential the API does not have, or sets timeouts that contradict each other.",
        "The generated client exchanges the password for a token through this method and \
         reads the token and its expiry from its response; every name must resolve, or the \
         session could never start.",
        "Name the method as `Section/method`, the fields it returns (`token`, `expires`), the \
         parameter it takes (`timeout_param`) and a secret credential that `basic` or `params` \
         sends (`replaces`); keep `idle_timeout` ≤ `max_idle_timeout` ≤ `max_lifetime`.",
    ),
    builtin(
        "error-list",
        Source::Checker,
        "The builtin `error_list` is used outside the fields of a documented error.",
        "`error_list` reads nested errors (Liquid Web's `Input::Multiple`) into the API's own \
         error type, which only makes sense inside an error.",
        "Use `json` for a list of arbitrary values, or move the field to the error.",
    ),
    builtin(
        "required-if",
        Source::Checker,
        "A `required_if` condition names a parameter the method does not have, the parameter \
         itself, or compares with a value that is not null, a string, a number or a boolean.",
        "The condition decides when the generated request refuses to go out without the \
         parameter; a condition on nothing could never be decided.",
        "Name another parameter of the same method (`{zone_id: null}`: required when `zone_id` \
         is absent; `{backup_enabled: 1}`: required when it is 1).",
    ),
    builtin(
        "paging",
        Source::Checker,
        "A method's `paging` names a page parameter or a returned field the method does not \
         have.",
        "The generated `_all` helper walks pages through these names; a wrong one would make \
         it request the same page forever or find no items.",
        "Name the method's page-number parameter (`page_num`) and its returned `items` and \
         `page_total` fields.",
    ),
    builtin(
        "paging-style",
        Source::Checker,
        "A method's `paging` has a key its `style` does not take, lacks one it needs, or an \
         `offset` style that cannot tell the last page (no `limit`, no `page_size`, or a \
         `page_size` of 0).",
        "Each style asks for the next page its own way; a key of another style would be \
         ignored, and a missing one leaves the walker guessing.",
        "Set `style` (`page`, `offset`, `cursor`, `link`) and give exactly its keys (spec/README.md).",
    ),
    builtin(
        "paging-type",
        Source::Checker,
        "A parameter or field that `paging` names is of a type the page walker cannot use: an \
         offset, limit or total that is not an integer, a cursor that is not a string or \
         integer, a `link` field that is not a string.",
        "The walker computes offsets, sends cursors back and parses links; a value of another \
         type cannot be.",
        "Name the member the vendor pages with, or give it the type the vendor documents.",
    ),
    builtin(
        "paging-cursor",
        Source::Checker,
        "The `cursor` parameter of a cursor-paged method is `required`.",
        "The first page is asked for without a cursor, so a required cursor could never be \
         left out.",
        "Drop `required: true` from the cursor parameter.",
    ),
    builtin(
        "paging-link",
        Source::Checker,
        "A `link`-paged method whose `link` field is not read from a response header, that is \
         not sent with GET, or whose API's credentials travel as parameters.",
        "The walker follows the `Link` header's `rel=\"next\"` URL as given, with GET and the \
         credentials that travel in headers; anything else would be lost on the second page.",
        "Read the field with `header: Link`, bind the method to GET, or page another way.",
    ),
    builtin(
        "returns-map",
        Source::Checker,
        "`returns_map` names a type that is not a `map`.",
        "A method whose whole response is keyed by arbitrary names is read into a map type; \
         another kind cannot hold it.",
        "Declare a named `map` type (with `values`) and name it in `returns_map`.",
    ),
    builtin(
        "bad-pattern",
        Source::Checker,
        "A string type's `pattern` is not a valid regular expression, or generated code could \
         not compile it (its automaton would exceed the runtime's size limit, or it nests too \
         deeply).",
        "Generated code compiles the pattern when first used; one that does not compile refuses \
         every value. The checker compiles it exactly as the runtime will (same parser \
         settings, same automata, same limits), so what passes here works there.",
        "Write Rust `regex` syntax. The whole value must match, so no `^`/`$` anchors are \
         needed. Large counts of a class (`\\w{1000}`) multiply its size: bound the length \
         with `max_length` and keep the pattern small. Prefer a specialised rule (`chars`, \
         `format`, `classes`) where one fits.",
    ),
    builtin(
        "format",
        Source::Checker,
        "A format's argument is unusable: a PEM label that is not capital letters, digits and \
         single spaces, or a decimal `currency` that is not one character.",
        "The argument becomes part of the generated check (`-----BEGIN LABEL-----`, the \
         currency symbol); a malformed one can never match what the vendor sends.",
        "Copy the label from the vendor's phrase (`PRIVATE KEY`, `CERTIFICATE`); use a single \
         symbol such as `$` for currency.",
    ),
    builtin(
        "library-name",
        Source::Checker,
        "An API's name equals the module name of a type library it sits beside \
         (`liquidweb/types.yaml` becomes the module `liquidweb_types`), two libraries become \
         one module, or a library's folder and file name give no usable module name.",
        "A type library becomes a module of its own, named after its directory and file; an \
         API module or another library of the same name would clash with it.",
        "Rename the API (`api.name`), or the library file or its folder.",
    ),
    builtin(
        "bad-default",
        Source::Checker,
        "A parameter's or object field's `default` is not a value of its own type, as the \
         generated type decides: it does not read it, or one of its rules (length, \
         characters, format, pattern, range, enum value, an object's required fields, a list's \
         items, a union's members) refuses it.",
        "The default is what the server uses when the parameter is left out. A default the \
         type rejects means the type or the default was transcribed wrongly. It is judged by \
         the same rule functions, in the same order, that the generated type runs.",
        "Correct the default or the type after checking the vendor's docs. A decimal written \
         as a YAML number loses its digits (`5.00` is `5`): quote it. An object default may \
         only use the object's fields.",
    ),
    builtin(
        "bad-example",
        Source::Checker,
        "A method's `returns_example` is not a response of the method: not a mapping, a field \
         it does not return, a non-optional field missing, a value its type does not read or \
         whose rules refuse it, a list or mapping in a key=value response, or a value the \
         error rule reads as an error.",
        "The mock server answers with the example, and readers take it as what the vendor \
         sends. An example the generated response type refuses means the example or the \
         returned fields were transcribed wrongly. Values are judged as a default is, by the \
         rule functions the generated type runs.",
        "Copy the vendor's example response, keeping only the fields the method returns, and \
         check the returned fields against it. A value of a secret field is never quoted.",
    ),
    builtin(
        "record-role",
        Source::Checker,
        "A method's declared `role` leaves its section ambiguous: another method of the section \
         has the same role (declared, or suggested by its name), or a `details` method has no \
         parameter to find a record by.",
        "The mock server's `--state` keeps one store per section, changed by its create, \
         update and delete methods and read by its list and details methods; two methods with \
         one role, or a record that cannot be found, make that store guesswork.",
        "Give one of the methods another role, or `role: none` to take it out of the store.",
    ),
    builtin(
        "reserved-param",
        Source::Checker,
        "A parameter has the name the wire block uses for the method name or a credential.",
        "The wire block already sends those (`command`, `action`, `uid`, `pw`); a parameter of \
         the same name would be sent twice.",
        "Leave the parameter out of `params`: the wire block sends it.",
    ),
    builtin(
        "wire-name",
        Source::Checker,
        "A section's or method's name, which goes into the request URL's path, has an empty, \
         `.` or `..` segment.",
        "With `method_name: path`, calls go to `{base_url}/{section}/{method}`, each `/`-separated \
         segment percent-encoded, so `?`, `#` and spaces stay inside their segment. Empty, `.` \
         and `..` segments cannot be encoded: URL parsers drop or resolve them, so the call \
         would go to another path (`Account/../admin` is `/admin`).",
        "Write the name as the vendor documents it, without leading, trailing or doubled `/`, \
         and without `.` or `..` segments.",
    ),
    builtin(
        "type-cycle",
        Source::Checker,
        "Types are lists or maps of each other (or of themselves) with no object or union \
         between them.",
        "Generated code names an `array` or `map` type as an alias (`Vec<B>`), and an alias \
         cannot contain itself: `A` a list of `B` and `B` a list of `A` is a type that never \
         ends, and does not compile. Recursion through an object or a union is fine.",
        "Put an object or a union on the cycle, for example an object whose field holds the \
         list.",
    ),
    builtin(
        "type-depth",
        Source::Checker,
        "A chain of named types, each holding the next (as a field, union member, array item \
         or map value), is deeper than 32.",
        "The compiler checks auto traits, drop glue and layout through every level of a \
         type; chains a few hundred deep make it give up (\"overflow evaluating the \
         requirement\") or overflow its stack. No documented API nests anywhere near 32 \
         levels, so a deeper chain is a mistake or a hostile spec. Recursion is not depth: a \
         type that contains itself is fine (by value it is boxed).",
        "Flatten the structure; a field of type `json` can hold what is nested deeper.",
    ),
    builtin(
        "series",
        Source::Checker,
        "A `series` the wire cannot number: `series: true` on a field without `{n}` in its name, a request series whose name lacks `{n}` or whose `max` is 0, or one on an object's field.",
        "A series collects numbered response keys (`Err1`, `Err2`, …) into a list; the name \
         says where the number goes.",
        "Name the field with `{n}` (`Err{n}`), or drop `series`.",
    ),
    builtin(
        "series-group",
        Source::Checker,
        "A numbered series of groups (`groups` on a method) that could not go on the wire unambiguously.",
        "Each group is sent as its members numbered with the group's place (`Address1`, \
         `ForwardTo1`, `Address2`, …), so every member needs `{n}` once, no two groups or \
         parameters may send the same name, a member is one plain value (no `series`, \
         `required_if` or `in`), and the count parameter is the client's to fill, never one the \
         caller sets too.",
        "Put `{n}` in each member's name, rename the clashing member or parameter, drop the \
         count from `params`, or make the member a plain value.",
    ),
    builtin(
        "generate",
        Source::Checker,
        "The spec passes every check, but the code generated for it does not parse.",
        "Lint runs the emitter as `generate` does, writing nothing, so that lint rejects \
         everything `generate` and `crate` would fail on. Reaching this rule means a check is \
         missing: the generator accepted a spec it cannot turn into Rust.",
        "Report the spec as a generator bug. Until it is fixed, change the name or text the \
         message points at.",
    ),
    // Lint rules.
    rules::secret_name::RULE,
    rules::phrase::RULE,
    rules::missing_doc::RULE,
    rules::unused_type::UNUSED_TYPE,
    rules::naming::NAME_STYLE,
    rules::naming::MIXED_WIRE_CASE,
    rules::trait_method_name::RULE,
    rules::long_name::RULE,
    // Suppressions.
    Rule {
        id: "unused-suppression",
        severity: Severity::Warning,
        source: Source::Suppressions,
        summary: "A `lint.allow` entry accepts a rule that finds nothing on its item.",
        rationale: "An allowance that outlives its finding would hide the next real finding of \
                    that rule in the same place. Entries for a rule that could not run on the \
                    file (because the file has errors) are not reported.",
        fix: "Remove the entry. The finding it accepted is gone.",
    },
    Rule {
        id: "bad-suppression",
        severity: Severity::Error,
        source: Source::Suppressions,
        summary: "A `lint.allow` entry names an unknown rule or one that cannot be allowed, or \
                  gives no reason.",
        rationale: "Only lint rules can be allowed: loader and checker errors stop `generate`, \
                    so allowing one would let a spec pass lint that cannot be generated. Every \
                    allowance needs a reason, for the next person who reads the spec. An \
                    invalid entry accepts nothing.",
        fix: "Name a lint rule (`hostapi-codegen lint --list-rules`) and write in `reason` why \
              the finding is right here.",
    },
];
