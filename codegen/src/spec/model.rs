//! The spec format, version 1: what a YAML spec file may contain.
//!
//! Every struct denies unknown keys so a typo is an error, never silently
//! ignored. Enums are externally tagged (`kind: {options}` or a bare `kind`)
//! because serde-saphyr keeps positions only there. `spec/schema.json` is
//! produced from these types; `spec/README.md` documents them for people.

use schemars::JsonSchema;
use serde::Deserialize;

use super::binding::{ApiKey, BearerAuth, MethodHttp, ParamIn};
use super::span::{Entries, Sp};

pub use super::types::{
    ArrayRule, BooleanEncoding, BooleanRule, CharKind, ClassRule, ControlChar, ControlChars,
    DecimalRule, EnumRule, FloatRule, IntegerRule, MapRule, ObjectRule, StringFormat, StringRule,
    TypeDef, UnionRule, UnixTimeRule,
};

/// One spec file: an API version (with `api`), or a library of shared named
/// types (without `api`) that API files pull in with `uses`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Spec format version. Must be 1.
    pub hostapi: Sp<u32>,
    /// The API this file describes. Absent in a type library.
    #[serde(default)]
    pub api: Option<ApiMeta>,
    /// Type libraries whose named types this file may use, as paths relative
    /// to this file.
    #[serde(default)]
    pub uses: Vec<Sp<String>>,
    /// Named types, each keeping the vendor's phrase as its doc.
    #[serde(default)]
    pub types: Entries<TypeDef>,
    /// The API's documented errors, keyed by error class or message.
    #[serde(default)]
    pub errors: Entries<ErrorDef>,
    /// Sections (`Account/Auth`, …) and their methods.
    #[serde(default)]
    pub sections: Entries<Section>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
}

/// Metadata of one API version.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiMeta {
    /// Module and cargo feature name: snake_case, unique across specs.
    pub name: Sp<String>,
    /// Human-readable name, e.g. "Liquid Web API".
    pub title: String,
    /// The vendor's version label, e.g. `bleed` or `v1`.
    pub version: String,
    /// Where requests go; methods are resolved against it. Required unless
    /// `servers` is given instead.
    #[serde(default)]
    pub base_url: Option<Sp<String>>,
    /// Named base URLs (production, a test host, an old host), the default
    /// first; instead of `base_url`.
    #[serde(default)]
    pub servers: Entries<Sp<String>>,
    /// The vendor's documentation for this version.
    #[serde(default)]
    pub docs_url: Option<String>,
    /// What the API is, for the module's doc comment.
    #[serde(default)]
    pub doc: Option<String>,
    /// Sections the vendor documents for this version, including ones not
    /// transcribed here, so coverage gaps are visible.
    #[serde(default)]
    pub documented_sections: Vec<String>,
    /// Credentials a caller supplies, keyed by name.
    pub credentials: Entries<Credential>,
    /// How calls travel on the wire.
    pub wire: Wire,
    /// Transcription notes: deviations from, or doubts about, the vendor docs.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// One credential the caller supplies.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// What the credential is.
    pub doc: String,
    /// Kept in a secret type: never printed by Debug, Display, errors or logs.
    #[serde(default)]
    pub secret: bool,
}

/// How one API's calls travel on the wire: declared, never hard-coded per
/// vendor.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Wire {
    /// HTTP method of every call.
    pub http_method: HttpMethod,
    /// Where the method's name goes.
    pub method_name: MethodName,
    /// How parameters are encoded.
    pub params: ParamEncoding,
    /// Where credentials go.
    pub auth: Auth,
    /// How responses are encoded.
    pub response: ResponseFormat,
    /// How an error response is recognised.
    pub error: ErrorRule,
    /// What HTTP statuses mean, keyed by a status (`404`), a class (`4XX`)
    /// or `default` (every other status but 2xx). Without an entry, 2xx
    /// succeeds and anything else is a status error that keeps the body.
    #[serde(default)]
    pub statuses: Entries<super::responses::StatusMeaning>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Where a method's name travels.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MethodName {
    /// Appended to the base URL as path segments: `{base}/{section}/{method}`.
    Path,
    /// A query parameter, e.g. `command=SetAccountPassword`.
    Query(Sp<String>),
    /// A form field, e.g. `action=passwdUpd`.
    Form(Sp<String>),
}

/// How parameters are encoded.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ParamEncoding {
    /// A JSON body; with `envelope`, wrapped as `{"<envelope>": {...}}`.
    Json {
        #[serde(default)]
        envelope: Option<String>,
    },
    /// The URL query string; arrays repeat the key.
    Query,
    /// An `application/x-www-form-urlencoded` body; arrays repeat the key.
    Form,
}

/// Where credentials travel. Each names credentials declared in `credentials`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// HTTP basic authentication.
    #[serde(default)]
    pub basic: Option<BasicAuth>,
    /// Credentials sent as parameters: wire name → credential name.
    #[serde(default)]
    pub params: Entries<Sp<String>>,
    /// A token exchange the API offers: a credential traded for a
    /// short-lived token that stands in for it.
    #[serde(default)]
    pub session: Option<Session>,
    /// `Authorization: Bearer`: a credential, or the session's token.
    #[serde(default)]
    pub bearer: Option<Sp<BearerAuth>>,
    /// API keys in headers or query parameters, each sent on every call.
    #[serde(default)]
    pub api_keys: Vec<ApiKey>,
}

/// A token session: calling `method` with the real credential returns a
/// token that replaces the credential on later calls until it idles out;
/// calling `method` again with the token renews it, up to `max_lifetime`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The method that issues and renews tokens, as `Section/method` with
    /// the keys used under `sections` (`Account/Auth/token`).
    pub method: Sp<String>,
    /// The credential the token replaces (a secret one used by `basic` or
    /// `params`).
    pub replaces: Sp<String>,
    /// The returned field holding the token.
    pub token: Sp<String>,
    /// The returned field holding the expiry, in Unix seconds.
    #[serde(default)]
    pub expires: Option<Sp<String>>,
    /// The parameter that sets the idle timeout, in seconds.
    #[serde(default)]
    pub timeout_param: Option<Sp<String>>,
    /// Idle timeout in seconds when none is requested.
    pub idle_timeout: Sp<u64>,
    /// Longest idle timeout the server grants, in seconds.
    pub max_idle_timeout: Sp<u64>,
    /// Seconds after the first issue when a token can no longer be renewed
    /// and the real credential is needed again.
    pub max_lifetime: Sp<u64>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    /// Credential used as the user name.
    pub username: Sp<String>,
    /// Credential used as the password.
    pub password: Sp<String>,
}

/// How responses are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResponseFormat {
    /// A JSON object whose keys are the returned fields.
    Json,
    /// eNom-style `key=value` text, or the same keys as HTML or XML; the
    /// format is detected from the body.
    KeyValue,
}

/// How an error response is recognised (usually sent with HTTP 200).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ErrorRule {
    /// An error when `field` is present; its value is the error class.
    FieldPresent {
        field: Sp<String>,
        /// Field holding the human-readable message, if any.
        #[serde(default)]
        message: Option<Sp<String>>,
        /// Common prefix of class names, left out of generated variant names.
        #[serde(default)]
        class_prefix: Option<String>,
    },
    /// An error when `field` equals `value`; the message field's text is the
    /// error class.
    FieldEquals {
        field: Sp<String>,
        value: String,
        message: Sp<String>,
    },
    /// An error when the integer `field` is above zero; messages are numbered
    /// `{message_prefix}1..N`, with optional numbered codes and texts.
    CountAbove {
        field: Sp<String>,
        message_prefix: String,
        #[serde(default)]
        number_prefix: Option<String>,
        #[serde(default)]
        text_prefix: Option<String>,
    },
}

/// A documented error, keyed by its class name or message.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDef {
    /// When the error occurs.
    pub doc: String,
    /// How the key is matched against the error's class or message.
    #[serde(default, rename = "match")]
    pub matching: ErrorMatch,
    /// Extra fields the error carries.
    #[serde(default)]
    pub fields: Entries<Field>,
    /// Rust variant name, when the derived one is poor.
    #[serde(default)]
    pub rust_name: Option<Sp<String>>,
    /// The error is transient (a rate limit, maintenance): a call of an
    /// `idempotent` method that fails with it may be repeated.
    #[serde(default)]
    pub retryable: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorMatch {
    #[default]
    Exact,
    /// The key is a prefix of the message (the message goes on with details).
    Prefix,
}

/// A section of related methods, e.g. `Account/Auth`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub doc: String,
    /// The section's methods, keyed by name. Required unless `twin_of` is
    /// given, and then not allowed.
    #[serde(default, rename = "methods")]
    pub declared_methods: Option<Entries<Method>>,
    /// Another section of this file whose methods this one has too, under
    /// its own name (an older name the vendor still serves, such as
    /// Liquid Web's `Storm/Server` beside `Cloud/Server`). The loader copies
    /// them, each sent to `{this section}/{method}`, so everything after it
    /// sees an ordinary section; a twin declares no `methods` of its own.
    #[serde(default)]
    pub twin_of: Option<Sp<String>>,
    /// The methods: those declared, or for a twin those of its section,
    /// filled in by `spec::load` (`spec::twins`).
    #[serde(skip)]
    #[schemars(skip)]
    pub methods: Entries<Method>,
    /// Rust module name (snake_case), when the one derived from the
    /// section's name is poor or cannot be derived (a name in another
    /// script). The accessor type is its UpperCamelCase form.
    #[serde(default)]
    pub rust_name: Option<Sp<String>>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
}

/// One documented method.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// The vendor's description; may be empty where the vendor left it empty.
    pub doc: String,
    /// The vendor's URL for the method, if it lists one.
    #[serde(default)]
    pub url: Option<String>,
    /// Worked examples or usage notes from the docs.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Parameters, keyed by wire name.
    #[serde(default)]
    pub params: Entries<Param>,
    /// Numbered series of groups: parameters that travel together
    /// (`Address1`, `ForwardTo1`, `Address2`, …), keyed by the request's
    /// Rust field that holds them as a list of records.
    #[serde(default)]
    pub groups: Entries<ParamGroup>,
    /// Returned fields, keyed by wire name.
    #[serde(default)]
    pub returns: Entries<Field>,
    /// The whole response is an object with arbitrary keys ("One or more keys
    /// matching …"): a named `map` type. Instead of `returns`.
    #[serde(default)]
    pub returns_map: Option<Sp<String>>,
    /// The method returns one page of a list: which parameter picks the page
    /// and which returned fields hold the items and the number of pages.
    #[serde(default)]
    pub paging: Option<Sp<Paging>>,
    /// Documented errors: keys of the file's `errors`. The vendor's generic
    /// list applies to every method anyway.
    #[serde(default)]
    pub errors: Vec<Sp<String>>,
    /// A response the vendor's docs show for this method, as returned field
    /// → value (`{Command: CHECK, RRPCode: 210}`). It must be a response of
    /// the method: every field it has is returned, every field not
    /// `optional` is there, each value is read and checked as the generated
    /// response reads it, and it does not read as an error. The mock server
    /// answers with it.
    // Boxed: most methods have none, and a JSON value is large.
    #[serde(default)]
    pub returns_example: Option<Box<Sp<serde_json::Value>>>,
    /// What the method does to its section's records, for the mock
    /// server's `--state`; without it the method's name decides
    /// (docs/mock.md).
    #[serde(default)]
    pub role: Option<Sp<StateRole>>,
    /// The method only reads, so repeating it after a failure is safe.
    #[serde(default)]
    pub idempotent: bool,
    /// How the success answer is read, where it differs from the API's
    /// `wire.response`: `text` is a plain-text body, read whole into the
    /// method's one returned field.
    #[serde(default)]
    pub response: Option<Sp<super::responses::MethodResponse>>,
    /// The method's own HTTP method and path, where they differ from the
    /// API's `wire`.
    #[serde(default)]
    pub http: Option<Sp<MethodHttp>>,
    /// Rust method name, when the derived one is poor.
    #[serde(default)]
    pub rust_name: Option<Sp<String>>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
    /// In an importer overlay only: the method's `params` and `returns` are
    /// added to the imported method of the same name, the overlay's entry
    /// winning per name, instead of the method replacing it (spec/README.md,
    /// "Importing Liquid Web's docs.json"). Anywhere else it is an error.
    #[serde(default)]
    pub additions: Option<Sp<bool>>,
    /// In an import overlay's additions method only: the returned members
    /// written as a path into the types the import made (`items[].memory`)
    /// or typed as another imported member (`type:
    /// Storm/Server/details:zone`). Loading the overlay takes them out of
    /// `returns` (spec::overlay_paths); the importer resolves them.
    #[serde(skip)]
    #[schemars(skip)]
    pub nested: Entries<Field>,
}

/// What a method does to its section's records (the mock server's
/// in-memory store).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateRole {
    /// Adds a record.
    Create,
    /// Returns a page of the records.
    List,
    /// Returns one record, found by the method's first required parameter
    /// (else its first).
    Details,
    /// Changes one record.
    Update,
    /// Removes one record.
    Delete,
    /// Touches no record, whatever the method's name suggests.
    None,
}

impl StateRole {
    /// The role as a spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            StateRole::Create => "create",
            StateRole::List => "list",
            StateRole::Details => "details",
            StateRole::Update => "update",
            StateRole::Delete => "delete",
            StateRole::None => "none",
        }
    }
}

/// How a list method pages. Without `style`, pages are numbered from 1:
/// `{page: page_num, items: items, page_total: page_total}`. The other
/// styles: `{style: offset, offset: PARAM, limit: PARAM, items: FIELD}`
/// (or `page_size: N` for a server-chosen page size, and an optional
/// `total: FIELD`), `{style: cursor, cursor: PARAM, next: FIELD, items:
/// FIELD}` and `{style: link, link: FIELD, items: FIELD}`, where the
/// `link` field reads the `Link` response header. Each style takes only
/// its own keys (`paging-style` otherwise).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// How the next page is asked for; `page` (page numbers) by default.
    #[serde(default)]
    pub style: Option<Sp<PagingStyle>>,
    /// `page` style: the parameter holding the page number.
    #[serde(default)]
    pub page: Option<Sp<String>>,
    /// The returned field holding the page's items (an `array` type).
    pub items: Sp<String>,
    /// `page` style: the returned field holding the number of pages.
    #[serde(default)]
    pub page_total: Option<Sp<String>>,
    /// `offset` style: the parameter holding the first item's offset
    /// (from 0).
    #[serde(default)]
    pub offset: Option<Sp<String>>,
    /// `offset` style: the parameter holding the number of items asked
    /// for.
    #[serde(default)]
    pub limit: Option<Sp<String>>,
    /// `offset` style: the number of items a page holds when the request
    /// sets no `limit`, as the vendor documents it.
    #[serde(default)]
    pub page_size: Option<Sp<u64>>,
    /// `offset` style: the returned field holding the number of items in
    /// the whole list, if the vendor returns one.
    #[serde(default)]
    pub total: Option<Sp<String>>,
    /// `cursor` style: the optional parameter that carries the cursor
    /// (next token) to the server.
    #[serde(default)]
    pub cursor: Option<Sp<String>>,
    /// `cursor` style: the returned field holding the next page's cursor;
    /// absent, null or empty on the last page.
    #[serde(default)]
    pub next: Option<Sp<String>>,
    /// `link` style: the returned field read from the `Link` response
    /// header (`header: Link`), whose `rel="next"` link is the next page.
    #[serde(default)]
    pub link: Option<Sp<String>>,
}

/// How a list method asks for its next page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PagingStyle {
    /// Page numbers from 1 (`page`, `page_total`).
    Page,
    /// An item offset from 0 and a page size (`offset`, `limit` or
    /// `page_size`, `total`).
    Offset,
    /// A cursor the server returns with each page (`cursor`, `next`).
    Cursor,
    /// The `Link: <…>; rel="next"` response header (`link`).
    Link,
}

impl PagingStyle {
    /// The style as a spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PagingStyle::Page => "page",
            PagingStyle::Offset => "offset",
            PagingStyle::Cursor => "cursor",
            PagingStyle::Link => "link",
        }
    }
}

/// A request parameter.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// A named type, or a builtin: `string`, `integer`, `float`, `boolean`,
    /// `json`.
    #[serde(rename = "type")]
    pub ty: Sp<String>,
    /// The docs mark the parameter required.
    #[serde(default)]
    pub required: bool,
    /// Notes beyond the type's phrase.
    #[serde(default)]
    pub doc: Option<String>,
    /// A password, token or key: held in a secret type, never printed.
    #[serde(default)]
    pub secret: bool,
    /// The value the server uses when the parameter is absent.
    // Boxed: most parameters have none, and a JSON value is large.
    #[serde(default)]
    pub default: Option<Box<Sp<serde_json::Value>>>,
    /// Required when every condition holds: other parameter → value, where
    /// `null` means "absent" (`{zone_id: null}`: required when `zone_id` is
    /// absent; `{backup_enabled: 1}`: required when `backup_enabled` is 1).
    #[serde(default)]
    pub required_if: Entries<serde_json::Value>,
    /// The vendor may send an empty value (`""`, `[]`, `{}`) for "none": a
    /// received empty value reads as absent.
    #[serde(default)]
    pub allow_empty: bool,
    /// A numbered series of a method's parameters: the name holds `{n}`
    /// (`NS{n}`), the Rust field is a list, and its values go on the wire as
    /// `NS1`, `NS2`, … in order. `required` then asks for one value at least.
    #[serde(default)]
    pub series: Option<ParamSeries>,
    /// Where the parameter travels: `path`, `query`, `{header: Name}`,
    /// `form`, `json` or `body`; without it, where `wire.params` says.
    #[serde(default, rename = "in")]
    pub place: Option<Sp<ParamIn>>,
    /// Rust field name, when the derived one is poor.
    #[serde(default)]
    pub rust_name: Option<Sp<String>>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
}

/// How a numbered request series is numbered: `{first: 1, max: 12}` is
/// `NS1` to `NS12`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamSeries {
    /// The number of the first value.
    #[serde(default = "ParamSeries::default_first")]
    pub first: u32,
    /// The most values the docs allow (1 or more); without it, the series
    /// is open-ended (the docs give no highest number).
    #[serde(default)]
    pub max: Option<Sp<u32>>,
}

/// A numbered series of groups: each group is one record of `members`,
/// whose names hold `{n}` (`Address{n}`, `ForwardTo{n}`), and group `k`
/// goes on the wire as every member numbered `k`, in order.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamGroup {
    /// Rust name of the record one group is (`ForwardingEntry`).
    pub record: Sp<String>,
    /// What the series is for.
    #[serde(default)]
    pub doc: Option<String>,
    /// One group at least must be sent.
    #[serde(default)]
    pub required: bool,
    /// The number of the first group.
    #[serde(default = "ParamSeries::default_first")]
    pub first: u32,
    /// The most groups the docs allow (1 or more); without it, open-ended.
    #[serde(default)]
    pub max: Option<Sp<u32>>,
    /// A parameter the client sets to the number of groups sent
    /// (`DomainCount`); never one of `params`.
    #[serde(default)]
    pub count: Option<Sp<String>>,
    /// The members of one group, keyed by wire name with `{n}`.
    pub members: Entries<Param>,
}

impl Method {
    /// Every parameter the method sends: `params`, then each group's
    /// members (named with `{n}`), for checks that look at all of them.
    pub fn every_param(&self) -> impl Iterator<Item = (&Sp<String>, &Param)> {
        self.params.iter().chain(
            self.groups
                .iter()
                .flat_map(|(_, group)| group.members.iter()),
        )
    }
}

impl ParamSeries {
    fn default_first() -> u32 {
        1
    }
}

/// A returned field (or a documented error's field).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// A named type, or a builtin: `string`, `integer`, `float`, `boolean`,
    /// `json`; in a documented error's fields also `error_list` (nested
    /// errors of this API).
    #[serde(rename = "type")]
    pub ty: Sp<String>,
    /// The docs mark the field optional: it may be absent.
    #[serde(default)]
    pub optional: bool,
    /// Notes beyond the type's phrase.
    #[serde(default)]
    pub doc: Option<String>,
    /// A password, token or key: held in a secret type, never printed.
    #[serde(default)]
    pub secret: bool,
    /// A numbered series: the key holds `{n}` (e.g. `Err{n}`) and the values
    /// of `Err1`, `Err2`, … are collected into a list.
    #[serde(default)]
    pub series: bool,
    /// The vendor may send an empty value (`""`, `[]`, `{}`) for "none": it
    /// reads as absent, so the field is optional.
    #[serde(default)]
    pub allow_empty: bool,
    /// Rust field name, when the derived one is poor.
    /// A returned field read from this HTTP response header (`Retry-After`,
    /// `Link`) instead of the body.
    #[serde(default)]
    pub header: Option<Sp<String>>,
    #[serde(default)]
    pub rust_name: Option<Sp<String>>,
    /// Lint findings accepted here, each with its reason.
    #[serde(default)]
    pub lint: Option<LintConfig>,
}

/// Lint findings accepted on an item (a file, type, section, method,
/// parameter or field) and everything inside it. Only findings of lint rules
/// can be accepted; errors that stop generation cannot.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// The accepted rules, each with the reason. An entry that accepts
    /// nothing is itself reported (`unused-suppression`).
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// One accepted lint rule.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule's id, e.g. `missing-doc` (`hostapi-codegen lint --explain
    /// RULE` describes each).
    pub rule: Sp<String>,
    /// Why the finding is right here, for the next reader. Required and not
    /// empty.
    #[schemars(length(min = 1))]
    pub reason: Sp<String>,
}
