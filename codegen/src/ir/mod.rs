//! The intermediate representation: a checked spec with every name resolved
//! and every Rust identifier chosen. Emitters read only this.

pub mod binding;
mod build;
pub mod charclass;
pub mod checks;
pub mod defaults;
pub mod graph;
pub mod names;
pub mod pattern;
pub mod roles;

pub use binding::{AuthScheme, MethodBinding, ParamBinding, ParamPlace};
pub use build::{Checked, build, check};

use std::path::PathBuf;

pub use crate::spec::model::{BooleanEncoding, CharKind, HttpMethod, ResponseFormat};
use charclass::CharClass;

/// Every API in the loaded specs, in module-name order.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub apis: Vec<Api>,
    /// Type libraries used by the APIs, each emitted once and shared.
    pub libraries: Vec<Library>,
}

/// A type library (a spec file without `api`): its named types become one
/// module that every API using it re-exports, so a value of a library type
/// works with each of those APIs.
#[derive(Clone, Debug)]
pub struct Library {
    /// Module name: the file's directory and stem, e.g. `liquidweb_types`.
    pub module: String,
    pub source: PathBuf,
    pub types: Vec<NamedType>,
    /// Its errors whose structs every API using it shares (see
    /// [`ApiError::shared_in`]), emitted once in the library's module.
    pub errors: Vec<ApiError>,
    /// Modules of the APIs that use it, for feature gating.
    pub used_by: Vec<String>,
}

impl Workspace {
    pub fn method_count(&self) -> usize {
        self.apis.iter().map(Api::method_count).sum()
    }
    pub fn section_count(&self) -> usize {
        self.apis.iter().map(|a| a.sections.len()).sum()
    }
    pub fn type_count(&self) -> usize {
        self.apis.iter().map(|a| a.types.len()).sum::<usize>()
            + self.libraries.iter().map(|l| l.types.len()).sum::<usize>()
    }

    /// Every named type an API can name: its own, then its libraries'.
    pub fn types_of<'a>(&'a self, api: &'a Api) -> impl Iterator<Item = &'a NamedType> + 'a {
        let libraries = self
            .libraries
            .iter()
            .filter(move |l| api.libraries.contains(&l.module));
        api.types.iter().chain(libraries.flat_map(|l| &l.types))
    }

    /// `api.Type` for every type checked by a regular expression: code
    /// generated for them needs hostapi-runtime's `pattern` feature.
    pub fn pattern_types(&self) -> Vec<String> {
        let api_types = self.apis.iter().flat_map(|api| {
            api.types
                .iter()
                .map(move |t| (format!("{}::types", api.module), t))
        });
        let library_types = self
            .libraries
            .iter()
            .flat_map(|lib| lib.types.iter().map(move |t| (lib.module.clone(), t)));
        api_types
            .chain(library_types)
            .filter(|(_, t)| matches!(&t.kind, TypeKind::String(rule) if rule.pattern.is_some()))
            .map(|(module, t)| format!("{module}::{}", t.rust_name))
            .collect()
    }
}

#[derive(Clone, Debug)]
pub struct Api {
    /// Module and feature name.
    pub module: String,
    pub title: String,
    pub version: String,
    /// The default base URL, without trailing slashes.
    pub base_url: String,
    /// Named servers (`api.servers`), name → base URL without trailing
    /// slashes, the default first; empty for a spec with one `base_url`.
    pub servers: Vec<(String, String)>,
    pub docs_url: Option<String>,
    pub doc: Option<String>,
    pub documented_sections: Vec<String>,
    pub notes: Vec<String>,
    pub credentials: Vec<Credential>,
    pub wire: Wire,
    /// What HTTP statuses mean (`wire.statuses`), in spec order.
    pub statuses: Vec<StatusRule>,
    /// Named types of this API's own file.
    pub types: Vec<NamedType>,
    /// Modules of the libraries whose types this API re-exports.
    pub libraries: Vec<String>,
    pub errors: Vec<ApiError>,
    pub sections: Vec<Section>,
    /// The spec files this API was built from.
    pub sources: Vec<PathBuf>,
}

impl Api {
    pub fn method_count(&self) -> usize {
        self.sections.iter().map(|s| s.methods.len()).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub name: String,
    pub rust_name: String,
    pub doc: String,
    pub secret: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wire {
    pub http_method: HttpMethod,
    pub method_name: MethodName,
    pub params: ParamEncoding,
    /// Credential names used for HTTP basic auth.
    pub basic_auth: Option<(String, String)>,
    /// Wire name → credential name.
    pub credential_params: Vec<(String, String)>,
    /// Bearer tokens and API keys.
    pub auth_schemes: Vec<AuthScheme>,
    pub response: ResponseFormat,
    pub error: ErrorRule,
    pub session: Option<Session>,
}

/// One checked entry of `wire.statuses`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRule {
    pub status: StatusMatch,
    pub outcome: StatusOutcome,
}

/// The statuses a [`StatusRule`] covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusMatch {
    Code(u16),
    /// The first digit of a class: `4` is `4XX`.
    Class(u8),
    Default,
}

/// What a covered status means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusOutcome {
    Success,
    /// The key of a documented error.
    Error(String),
}

/// A checked token session (`wire.auth.session`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Module of the section holding the token method.
    pub section_module: String,
    /// Rust name of the token method.
    pub method_rust_name: String,
    /// The method's wire name, for docs.
    pub method_wire_name: String,
    pub replaces: String,
    pub token_field: String,
    pub expires_field: Option<String>,
    pub timeout_param: Option<String>,
    pub idle_timeout: u64,
    pub max_idle_timeout: u64,
    pub max_lifetime: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MethodName {
    Path,
    Query(String),
    Form(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamEncoding {
    Json { envelope: Option<String> },
    Query,
    Form,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorRule {
    FieldPresent {
        field: String,
        message: Option<String>,
    },
    FieldEquals {
        field: String,
        value: String,
        message: String,
    },
    CountAbove {
        field: String,
        message_prefix: String,
        number_prefix: Option<String>,
        text_prefix: Option<String>,
    },
}

/// A documented API error.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The class name or message it is matched by.
    pub key: String,
    pub prefix_match: bool,
    pub rust_name: String,
    pub doc: String,
    pub fields: Vec<Member>,
    pub retryable: bool,
    /// The module of the type library whose `errors` module defines this
    /// error's struct once for every API using the library; `None` for an
    /// API's own error, an error without fields, or one whose struct depends
    /// on the API (nested errors read into its `ApiError`, a name its
    /// `class_prefix` makes differ between the library's users).
    pub shared_in: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NamedType {
    pub name: String,
    pub rust_name: String,
    /// The vendor's phrase.
    pub doc: String,
    pub note: Option<String>,
    pub vendor_name: Option<String>,
    /// Declared secret: every value is sensitive.
    pub secret: bool,
    /// Comes from a type library (`uses`), not the API's own file.
    pub library: bool,
    pub kind: TypeKind,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    String(StringRule),
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Float {
        min: Option<f64>,
        max: Option<f64>,
        above: Option<f64>,
    },
    /// A decimal number written as text (money, prices).
    Decimal(Decimal),
    Boolean(BooleanEncoding),
    Enum {
        values: Vec<EnumValue>,
        case_insensitive: bool,
    },
    UnixTime,
    Map {
        values: Option<TypeRef>,
    },
    Array {
        items: TypeRef,
    },
    /// "Either: A or B": tried in order.
    Union {
        members: Vec<UnionMember>,
    },
    /// A nested structure.
    Object {
        fields: Vec<Member>,
    },
}

#[derive(Clone, Debug)]
pub struct UnionMember {
    /// Variant name.
    pub rust_name: String,
    pub ty: TypeRef,
    /// Held in a `Box`: the member contains the union again by value.
    pub boxed: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Decimal {
    pub currency: Option<char>,
    pub negative: bool,
    pub positive: bool,
    pub min_fraction: u8,
    pub max_fraction: Option<u8>,
}

/// A well-known string shape; see `spec::model::StringFormat`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringFormat {
    Base64,
    HttpUri,
    Hostname,
    Fqdn,
    DomainName,
    WildcardDomain,
    ReverseDnsV4,
    ReverseDnsV6,
    ReverseZone,
    Ipv4,
    Ipv4Cidr,
    Ipv6,
    Email,
    Date,
    Datetime,
    MimeType,
    SshPublicKey,
    Pem(String),
}

#[derive(Clone, Debug, Default)]
pub struct StringRule {
    pub lengths: Vec<u32>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub chars: Option<CharClass>,
    pub first_char: Option<CharClass>,
    /// Control characters forbidden except: (tab, cr, lf).
    pub control_chars: Option<(bool, bool, bool)>,
    pub not_chars: Option<CharClass>,
    /// At least N of these classes must occur.
    pub classes: Option<(u32, Vec<CharKind>)>,
    pub format: Option<StringFormat>,
    /// A regular expression the whole value must match.
    pub pattern: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub wire: String,
    pub rust_name: String,
}

/// What a member's type resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// A named type of this API, by Rust name.
    Named(String),
    Builtin(Builtin),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    String,
    Integer,
    Float,
    Boolean,
    Json,
    /// Nested errors of the API (only in documented errors' fields).
    ErrorList,
}

impl Builtin {
    pub fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "string" => Builtin::String,
            "integer" => Builtin::Integer,
            "float" => Builtin::Float,
            "boolean" => Builtin::Boolean,
            "json" => Builtin::Json,
            "error_list" => Builtin::ErrorList,
            _ => return None,
        })
    }
    /// The variant a union gives this builtin member.
    pub fn variant_name(self) -> &'static str {
        match self {
            Builtin::String => "String",
            Builtin::Integer => "Integer",
            Builtin::Float => "Float",
            Builtin::Boolean => "Boolean",
            Builtin::Json => "Json",
            Builtin::ErrorList => "ErrorList",
        }
    }

    pub const NAMES: &'static [&'static str] = &[
        "string",
        "integer",
        "float",
        "boolean",
        "json",
        "error_list",
    ];
}

#[derive(Clone, Debug)]
pub struct Section {
    pub name: String,
    pub module: String,
    pub rust_name: String,
    pub doc: String,
    pub methods: Vec<Method>,
}

#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    /// The method's name as sent: a URL path or a `command=`/`action=` value.
    pub wire_name: String,
    pub rust_name: String,
    pub request_type: String,
    pub response_type: String,
    pub doc: String,
    pub url: Option<String>,
    pub notes: Vec<String>,
    pub params: Vec<Member>,
    /// Numbered series of groups, sent after `params`.
    pub groups: Vec<Group>,
    pub returns: Vec<Member>,
    /// Rust variant names of the documented errors.
    pub errors: Vec<String>,
    pub idempotent: bool,
    /// A returned value is secret: a secret field, a type declared secret,
    /// or one reached through lists, maps, unions and objects. The client
    /// then keeps the response body out of errors it shows.
    /// Returned fields read from response headers: (header, field's wire
    /// name).
    pub response_headers: Vec<(String, String)>,
    /// The success answer is plain text (`response: text`): the wire name
    /// of the one returned field its whole body fills.
    pub text_body: Option<String>,
    pub returns_secrets: bool,
    /// The whole response is this named `map` type (instead of `returns`).
    pub returns_map: Option<TypeRef>,
    /// The method returns one page of a list.
    pub paging: Option<Paging>,
    /// The response the vendor's docs show (`returns_example`), checked to
    /// be one the method's response type reads without a violation.
    pub returns_example: Option<serde_json::Map<String, serde_json::Value>>,
    /// What the method does to its section's records: declared (`role`),
    /// else suggested by its name.
    pub record_role: Option<RecordRole>,
    /// The method's own HTTP method, path and parameter places.
    pub binding: Option<MethodBinding>,
}

/// What a method does to its section's records (the mock's `state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRole {
    Create,
    List,
    Details,
    Update,
    Delete,
}

/// How a list method pages (see `spec::model::Paging`).
#[derive(Clone, Debug)]
pub struct Paging {
    /// How the next page is asked for, with the wire names that style uses.
    pub style: PagingStyle,
    /// Wire name of the returned list of items.
    pub items: String,
    /// The items' type.
    pub item_type: TypeRef,
    /// Rust name of the helper that walks every page.
    pub rust_name: String,
}

/// A paging style and its wire names (parameters and returned fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagingStyle {
    /// Page numbers from 1, until `page_total`.
    Page { page: String, page_total: String },
    /// Item offsets from 0; the page size is the request's `limit`, else
    /// `page_size`; `total` counts the whole list.
    Offset {
        offset: String,
        limit: Option<String>,
        page_size: Option<u64>,
        total: Option<String>,
    },
    /// The `next` field's cursor goes back in the `cursor` parameter.
    Cursor { cursor: String, next: String },
    /// The `link` field holds the `Link` header; its `rel="next"` URL is
    /// the next page.
    Link { link: String },
}

impl PagingStyle {
    /// The style as a spec writes it.
    pub fn name(&self) -> &'static str {
        match self {
            PagingStyle::Page { .. } => "page",
            PagingStyle::Offset { .. } => "offset",
            PagingStyle::Cursor { .. } => "cursor",
            PagingStyle::Link { .. } => "link",
        }
    }
}

/// One condition of a `required_if`: another member, and the value it must
/// have (`None`: it must be absent).
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub wire_name: String,
    pub rust_name: String,
    pub value: Option<serde_json::Value>,
}

/// A parameter, returned field or error field.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    /// Required parameter, or a field that is always returned.
    pub required: bool,
    pub doc: Option<String>,
    pub secret: bool,
    /// The documented default, for docs; `None` for a secret member or a
    /// member of a secret type, whose default is never shown. Boxed: most
    /// members have none, and a JSON value is large.
    pub default: Option<Box<serde_json::Value>>,
    /// A numbered series: received (`Err{n}`, collected into a list) or,
    /// with `numbering`, sent (`NS{n}`).
    pub series: bool,
    /// How a sent series is numbered.
    pub numbering: Option<Numbering>,
    /// Required when every condition holds (parameters and object fields).
    pub required_if: Vec<Condition>,
    /// A received empty value (`""`, `[]`, `{}`) reads as absent.
    pub allow_empty: bool,
    /// Held in a `Box`: an object field whose type contains the object
    /// again by value (see [`graph`]).
    pub boxed: bool,
}

/// The numbers of a sent series: `first` to `first + max - 1`, or from
/// `first` on when the docs give no highest number (`max: None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbering {
    pub first: u32,
    pub max: Option<u32>,
}

impl Numbering {
    /// The wire name of value `index` (from 0) of the series `pattern`.
    pub fn name(&self, pattern: &str, index: u32) -> String {
        pattern.replacen(
            "{n}",
            &(u64::from(self.first) + u64::from(index)).to_string(),
            1,
        )
    }

    /// How many numbered names a reader or writer of the series looks at:
    /// `max`, or `open_limit` for an open-ended series.
    pub fn span(&self, open_limit: u32) -> u32 {
        self.max.unwrap_or(open_limit)
    }
}

/// A numbered series of groups: one record (`record`) per group, its
/// `members` named with `{n}`, group `k` sent as every member numbered `k`.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The spec's key, which names the request's field.
    pub name: String,
    /// The request's field holding the groups, a list.
    pub rust_name: String,
    /// Rust name of one group's record.
    pub record: String,
    pub doc: Option<String>,
    pub numbering: Numbering,
    /// One group at least must be sent.
    pub required: bool,
    /// The parameter the client sets to the number of groups.
    pub count: Option<String>,
    /// Wire names hold `{n}`; never a series themselves.
    pub members: Vec<Member>,
}

impl Group {
    /// The group's members as the wire sees them: each a numbered series
    /// (required as its first value when the group and the member are),
    /// then the count as an integer parameter. Readers that know numbered
    /// series (the mock, the OpenAPI export) read groups through this.
    pub fn as_params(&self) -> Vec<Member> {
        let mut out: Vec<Member> = self
            .members
            .iter()
            .map(|member| Member {
                series: true,
                numbering: Some(self.numbering),
                required: self.required && member.required,
                ..member.clone()
            })
            .collect();
        if let Some(count) = &self.count {
            out.push(Member {
                wire_name: count.clone(),
                rust_name: count.to_ascii_lowercase(),
                ty: TypeRef::Builtin(Builtin::Integer),
                required: self.required,
                doc: Some(format!(
                    "The number of groups of `{}` sent; the client sets it.",
                    self.name
                )),
                secret: false,
                default: None,
                series: false,
                numbering: None,
                required_if: Vec::new(),
                allow_empty: false,
                boxed: false,
            });
        }
        out
    }
}

impl Method {
    /// The parameters as the wire sees them: `params`, then each group's
    /// members as numbered series and its count ([`Group::as_params`]).
    pub fn sent_params(&self) -> Vec<Member> {
        let mut out = self.params.clone();
        out.extend(self.groups.iter().flat_map(Group::as_params));
        out
    }

    /// Whether the method takes a request: parameters or groups.
    pub fn has_request(&self) -> bool {
        !self.params.is_empty() || !self.groups.is_empty()
    }
}
