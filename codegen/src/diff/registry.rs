//! Every diff rule: its stable id, what it means for a request and for a
//! response (severity and the semver impact on the generated crate), and
//! the `--explain` text. docs/diff.md lists the same table for people.

use super::{Impact, Level};

/// What one rule's finding means on one side of the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effect {
    pub level: Level,
    pub impact: Impact,
}

/// One diff rule.
#[derive(Debug)]
pub struct DiffRule {
    /// Stable id, e.g. `param-removed`.
    pub id: &'static str,
    /// One line: what changed.
    pub summary: &'static str,
    /// When the changed thing is sent (a parameter, a type used by one).
    pub request: Effect,
    /// When the changed thing is received (a returned field, an error field).
    pub response: Effect,
    /// Why the severity and the impact are what they are.
    pub rationale: &'static str,
}

impl DiffRule {
    /// Whether the rule means something different for requests and
    /// responses.
    pub fn is_directional(&self) -> bool {
        self.request != self.response
    }

    /// The worst of both sides: what a change means where the changed thing
    /// travels both ways, or where its direction is not known.
    pub fn worst(&self) -> Effect {
        Effect {
            level: self.request.level.max(self.response.level),
            impact: self.request.impact.max(self.response.impact),
        }
    }

    /// The `--explain` text.
    pub fn explain(&self) -> String {
        let mut text = format!("{}: {}\n\n", self.id, self.summary);
        if self.is_directional() {
            text.push_str(&format!(
                "In a request:  {} (semver {})\nIn a response: {} (semver {})\n\n",
                self.request.level, self.request.impact, self.response.level, self.response.impact
            ));
        } else {
            text.push_str(&format!(
                "Severity: {} (semver {})\n\n",
                self.request.level, self.request.impact
            ));
        }
        text.push_str(self.rationale);
        text.push_str(
            "\n\nChange the level in a config file (`diff: {severities: {RULE: LEVEL}}`, \
             LEVEL one of breaking, warning, info or off).\n",
        );
        text
    }
}

const fn effect(level: Level, impact: Impact) -> Effect {
    Effect { level, impact }
}

use Impact::{Major, Minor, Patch};
use Level::{Breaking, Info, Warning};

const BREAKING_MAJOR: Effect = effect(Breaking, Major);
const BREAKING_PATCH: Effect = effect(Breaking, Patch);
const INFO_MINOR: Effect = effect(Info, Minor);
const INFO_MAJOR: Effect = effect(Info, Major);
const INFO_PATCH: Effect = effect(Info, Patch);
const WARNING_MAJOR: Effect = effect(Warning, Major);
const WARNING_PATCH: Effect = effect(Warning, Patch);

const fn both(id: &'static str, summary: &'static str, e: Effect, why: &'static str) -> DiffRule {
    DiffRule {
        id,
        summary,
        request: e,
        response: e,
        rationale: why,
    }
}

const fn sided(
    id: &'static str,
    summary: &'static str,
    request: Effect,
    response: Effect,
    why: &'static str,
) -> DiffRule {
    DiffRule {
        id,
        summary,
        request,
        response,
        rationale: why,
    }
}

/// Tightening a value rule: what a client sent yesterday may be refused
/// today; what it receives only gets narrower.
const TIGHTENED: (Effect, Effect) = (BREAKING_PATCH, INFO_PATCH);
/// Loosening: the old client's own validation refuses values the server now
/// sends; requests are unaffected.
const LOOSENED: (Effect, Effect) = (INFO_PATCH, BREAKING_PATCH);

const TIGHTENED_WHY: &str = "Generated clients validate values before sending them and after \
receiving them. A tighter rule on a sent value means a value the old client accepted and sent may \
now be refused by the server (breaking); on a received value the server only sends values the old \
client already accepts (info). Validation is checked at run time, so the Rust API does not change \
(patch).";
const LOOSENED_WHY: &str = "Generated clients validate received values. A looser rule on a \
received value means the server may send a value the old client refuses as invalid (breaking); on \
a sent value the old client is only stricter than it needs to be (info). Validation is checked at \
run time, so the Rust API does not change (patch).";

/// Every rule, grouped by subject: APIs and their parts, members, types and
/// constraints, the wire, Rust names, versions.
pub static RULES: &[DiffRule] = &[
    // APIs, sections, methods, errors, types.
    both(
        "api-removed",
        "an API was removed",
        BREAKING_MAJOR,
        "Every call of the API's client stops existing: its module and cargo feature are gone.",
    ),
    both(
        "api-added",
        "an API was added",
        INFO_MINOR,
        "A new module and cargo feature; nothing existing changes.",
    ),
    both(
        "api-renamed",
        "an API's name changed (same sections)",
        BREAKING_MAJOR,
        "Its module and cargo feature are renamed; the wire is compared as usual.",
    ),
    both(
        "section-removed",
        "a section was removed",
        BREAKING_MAJOR,
        "Its methods are gone from the server's contract and its accessor from the client.",
    ),
    both(
        "section-added",
        "a section was added",
        INFO_MINOR,
        "A new accessor on the client; nothing existing changes.",
    ),
    both(
        "section-renamed",
        "a section was renamed (same methods, new name)",
        BREAKING_MAJOR,
        "The wire path or command changes, and so do the accessor and module names.",
    ),
    both(
        "method-removed",
        "a method was removed",
        BREAKING_MAJOR,
        "Calling it no longer works on the server, and the Rust method is gone.",
    ),
    both(
        "method-added",
        "a method was added",
        INFO_MINOR,
        "A new Rust method; nothing existing changes.",
    ),
    both(
        "method-renamed",
        "a method was renamed (same parameters and fields, new name)",
        BREAKING_MAJOR,
        "The method's wire name and its Rust name both change.",
    ),
    both(
        "error-class-removed",
        "a documented error class was removed",
        WARNING_MAJOR,
        "The server no longer documents it, so the old client may still match it, but the \
         `ApiError` variant is gone from the Rust API.",
    ),
    both(
        "error-class-added",
        "a documented error class was added",
        INFO_MINOR,
        "`ApiError` is `#[non_exhaustive]`: a new variant is a minor change; the old client reads \
         the error as an unknown one.",
    ),
    both(
        "error-class-renamed",
        "a documented error's class or message changed (same description and fields)",
        WARNING_MAJOR,
        "The old client no longer recognises the error by its class, and the `ApiError` \
         variant is renamed.",
    ),
    both(
        "error-retryable-added",
        "a documented error is now retryable",
        INFO_PATCH,
        "New clients repeat an idempotent method's call that fails with it; old clients report \
         it at once, which is still correct. The `ApiError` variant is unchanged.",
    ),
    both(
        "error-retryable-removed",
        "a documented error is no longer retryable",
        WARNING_PATCH,
        "Old clients still repeat calls that fail with it, although the server no longer calls \
         it transient: more load and a later failure. The `ApiError` variant is unchanged.",
    ),
    both(
        "error-match-changed",
        "how a documented error's key is matched changed (exact, prefix)",
        WARNING_PATCH,
        "From exact to prefix, the server's messages with details after the key are unknown \
         errors to old clients; from prefix to exact, old clients still recognise them. The \
         `ApiError` variant is unchanged.",
    ),
    both(
        "type-removed",
        "a named type was removed",
        WARNING_MAJOR,
        "The Rust type is gone; what used it is reported by the member and type rules.",
    ),
    both(
        "type-added",
        "a named type was added",
        INFO_MINOR,
        "A new Rust type.",
    ),
    both(
        "type-renamed",
        "a named type was renamed (same definition, new name)",
        WARNING_MAJOR,
        "The wire is unchanged, but the Rust type's name is not.",
    ),
    // Parameters and returned fields.
    sided(
        "param-added-required",
        "a required parameter was added",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client never sends it, so the server refuses its calls; the request's `new` \
         takes one more argument.",
    ),
    sided(
        "param-added-optional",
        "an optional parameter was added",
        INFO_MINOR,
        INFO_MINOR,
        "Old calls still work; the request gains a `with_` setter.",
    ),
    sided(
        "param-removed",
        "a parameter was removed",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client may still send it and the server may refuse it; its Rust field and setter \
         are gone.",
    ),
    sided(
        "param-renamed",
        "a parameter's wire name changed (same type)",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client sends the value under a name the server no longer reads.",
    ),
    sided(
        "param-now-required",
        "an optional parameter became required",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "Old calls that left it out are refused; `new` takes one more argument.",
    ),
    sided(
        "param-now-optional",
        "a required parameter became optional",
        INFO_MAJOR,
        INFO_MAJOR,
        "Old calls still work, but the parameter leaves `new` for a `with_` setter.",
    ),
    sided(
        "field-added",
        "a returned field was added",
        INFO_MINOR,
        INFO_MINOR,
        "Response structs are `#[non_exhaustive]`: a new public field is a minor change; the old \
         client ignores the key.",
    ),
    sided(
        "field-removed",
        "a returned field was removed",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client expects it (and refuses responses without it if it was required); the \
         Rust field is gone.",
    ),
    sided(
        "field-renamed",
        "a returned field's wire name changed (same type)",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client looks for the value under the old key.",
    ),
    sided(
        "field-now-optional",
        "a returned field may now be absent",
        BREAKING_MAJOR,
        BREAKING_MAJOR,
        "The old client requires it; its Rust type becomes an `Option`.",
    ),
    sided(
        "field-now-required",
        "a returned field is now always present",
        INFO_MAJOR,
        INFO_MAJOR,
        "The old client copes; its Rust type loses the `Option`.",
    ),
    both(
        "member-type-changed",
        "a parameter's or field's type changed",
        BREAKING_MAJOR,
        "Values of the old type may not be values of the new one, and the Rust field's type \
         changes.",
    ),
    both(
        "secret-added",
        "a value became secret",
        INFO_MAJOR,
        "The wire is unchanged; the Rust type becomes a secret type (`Secret`, `Sensitive<T>`).",
    ),
    both(
        "secret-removed",
        "a value is no longer secret",
        WARNING_MAJOR,
        "It may now appear in Debug output, errors and logs; its Rust type changes.",
    ),
    sided(
        "required-if-tightened",
        "a `required_if` condition makes a value required more often",
        BREAKING_PATCH,
        INFO_PATCH,
        "A call the old client sent without the value may now be refused; checked at run time.",
    ),
    sided(
        "required-if-loosened",
        "a `required_if` condition makes a value required less often",
        INFO_PATCH,
        WARNING_PATCH,
        "The old client insists on a value the server no longer needs; checked at run time.",
    ),
    both(
        "default-changed",
        "a parameter's documented default changed",
        WARNING_PATCH,
        "Calls that leave it out now get different behaviour from the server.",
    ),
    sided(
        "allow-empty-added",
        "a value may now be empty for \"none\" (`allow_empty`)",
        INFO_PATCH,
        BREAKING_PATCH,
        "The server may now send `\"\"`, `[]` or `{}` for none, which the old client reads as a \
         value of the member's type that may not parse or pass its rules. Sent values are not \
         affected. A Rust field that becomes an `Option` is reported as `field-now-optional`.",
    ),
    both(
        "allow-empty-removed",
        "a value is no longer empty for \"none\" (`allow_empty`)",
        INFO_PATCH,
        "The server no longer sends empty values for none; the old client, which read them as \
         absent, still copes. A Rust field that loses its `Option` is reported as \
         `field-now-required`.",
    ),
    both(
        "series-added",
        "a parameter or field became a numbered series (`NS{n}`)",
        BREAKING_MAJOR,
        "Its values travel under numbered names (`NS1`, `NS2`, …) instead of one name, and the \
         Rust field becomes a list.",
    ),
    both(
        "series-removed",
        "a parameter or field is no longer a numbered series",
        BREAKING_MAJOR,
        "Its value travels under one name instead of numbered ones, and the Rust field is no \
         longer a list.",
    ),
    both(
        "series-renumbered",
        "a request series' first number changed",
        BREAKING_PATCH,
        "The old client sends values under numbers the server no longer reads (`NS0` instead \
         of `NS1`); the Rust field is unchanged.",
    ),
    sided(
        "series-max-tightened",
        "a request series allows fewer values",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "series-max-loosened",
        "a request series allows more values",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    // Types and constraints.
    both(
        "type-kind-changed",
        "a named type changed kind or element type",
        BREAKING_MAJOR,
        "Its values are read and written differently, and its Rust definition changes.",
    ),
    sided(
        "length-tightened",
        "a string length rule was tightened",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "length-loosened",
        "a string length rule was loosened",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "chars-tightened",
        "fewer characters are allowed (chars, not_chars, control_chars, \
        classes)",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "chars-loosened",
        "more characters are allowed (chars, not_chars, control_chars, \
        classes)",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "first-char-tightened",
        "fewer first characters are allowed",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "first-char-loosened",
        "more first characters are allowed",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "format-tightened",
        "a format or pattern was added or changed",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "format-loosened",
        "a format or pattern was removed or changed",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "range-tightened",
        "a numeric range was narrowed",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "range-loosened",
        "a numeric range was widened",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "decimal-tightened",
        "a decimal accepts less (digits, sign, currency)",
        TIGHTENED.0,
        TIGHTENED.1,
        TIGHTENED_WHY,
    ),
    sided(
        "decimal-loosened",
        "a decimal accepts more (digits, sign, currency)",
        LOOSENED.0,
        LOOSENED.1,
        LOOSENED_WHY,
    ),
    sided(
        "enum-value-added",
        "an enum value was added",
        INFO_MAJOR,
        BREAKING_MAJOR,
        "The server may send the new value, which the old client refuses; the Rust enum is \
         exhaustive, so a new variant breaks `match`es.",
    ),
    sided(
        "enum-value-removed",
        "an enum value was removed",
        BREAKING_MAJOR,
        INFO_MAJOR,
        "The old client may send a value the server now refuses; the Rust variant is gone.",
    ),
    sided(
        "enum-case-changed",
        "an enum's case sensitivity changed",
        WARNING_PATCH,
        WARNING_PATCH,
        "Values in another case are accepted or refused differently.",
    ),
    sided(
        "union-member-added",
        "a union member was added",
        INFO_MAJOR,
        BREAKING_MAJOR,
        "The server may send values only the new member reads; the Rust enum gains a variant.",
    ),
    sided(
        "union-member-removed",
        "a union member was removed",
        BREAKING_MAJOR,
        INFO_MAJOR,
        "Values of that member are refused; the Rust variant is gone.",
    ),
    both(
        "union-order-changed",
        "a union's members are tried in another order",
        WARNING_PATCH,
        "The first member that accepts a value wins: a value several members accept now reads \
         as another member (another Rust variant) when received, and is checked as another \
         member when sent. The variants themselves do not change.",
    ),
    both(
        "boolean-encoding-changed",
        "a boolean's wire encoding changed",
        BREAKING_PATCH,
        "The old client writes and reads `1`/`0` or `True`/`False` the other way.",
    ),
    // The wire.
    both(
        "http-method-changed",
        "the HTTP method changed",
        BREAKING_PATCH,
        "Old clients send the other method.",
    ),
    both(
        "method-name-location-changed",
        "where the method name goes changed (path, query, \
        form)",
        BREAKING_PATCH,
        "Old clients put the method name where the server no longer \
        reads it.",
    ),
    both(
        "param-encoding-changed",
        "how parameters are encoded changed (json, query, form)",
        BREAKING_PATCH,
        "Old clients put parameters where the server no longer reads them.",
    ),
    both(
        "envelope-changed",
        "the JSON envelope changed",
        BREAKING_PATCH,
        "Old clients wrap parameters in the old envelope.",
    ),
    both(
        "response-format-changed",
        "the response format changed",
        BREAKING_PATCH,
        "Old clients cannot read responses.",
    ),
    both(
        "error-rule-changed",
        "how an error response is recognised changed",
        BREAKING_PATCH,
        "Old clients read errors as successes or successes as errors.",
    ),
    both(
        "auth-changed",
        "where credentials go changed",
        BREAKING_PATCH,
        "Old clients send credentials where the server no longer reads them.",
    ),
    both(
        "credential-added",
        "a credential was added",
        BREAKING_MAJOR,
        "Old clients never send it; the credentials struct gains a field.",
    ),
    both(
        "credential-removed",
        "a credential was removed",
        BREAKING_MAJOR,
        "The credentials struct loses a field.",
    ),
    both(
        "session-changed",
        "the token session changed",
        BREAKING_PATCH,
        "Old clients exchange and renew tokens the old way.",
    ),
    both(
        "base-url-changed",
        "the base URL changed",
        BREAKING_PATCH,
        "Old clients send requests to the old address unless given another.",
    ),
    both(
        "server-removed",
        "a named server was removed",
        BREAKING_PATCH,
        "A client built with that server's name (`with_server`) now fails to build.",
    ),
    both(
        "server-added",
        "a named server was added",
        INFO_PATCH,
        "Clients may select it by name; nothing else changes.",
    ),
    both(
        "server-url-changed",
        "a named server has a new URL",
        BREAKING_PATCH,
        "Old clients that select the server by name send requests to the old address.",
    ),
    both(
        "status-rule-changed",
        "what the API's HTTP statuses mean changed",
        BREAKING_PATCH,
        "Old clients read those statuses as they did: a success as an error, or an error \
         as another kind or as a bare status.",
    ),
    both(
        "method-binding-changed",
        "a method's HTTP method, path or a parameter's place changed",
        BREAKING_PATCH,
        "Old clients send the method where, or how, the server no longer expects it.",
    ),
    both(
        "response-header-changed",
        "which returned fields come from response headers changed",
        BREAKING_PATCH,
        "Old clients look for those fields where the server no longer puts them.",
    ),
    both(
        "paging-added",
        "a method now pages",
        INFO_MINOR,
        "A page-walking helper is added.",
    ),
    both(
        "paging-removed",
        "a method no longer pages",
        WARNING_MAJOR,
        "The page-walking helper is gone.",
    ),
    both(
        "paging-changed",
        "which style, parameters or fields page a method changed",
        BREAKING_PATCH,
        "The old helper asks for pages and reads items the old way.",
    ),
    both(
        "idempotent-added",
        "a method is now idempotent",
        INFO_PATCH,
        "New clients repeat its calls after a retryable failure; old clients do not, which is \
         still correct. Checked at run time.",
    ),
    both(
        "idempotent-removed",
        "a method is no longer idempotent",
        WARNING_PATCH,
        "Old clients still repeat its calls after a retryable failure, which the spec no longer \
         calls safe (an order may be placed twice). Checked at run time.",
    ),
    both(
        "returns-map-changed",
        "a method's whole-response map changed",
        BREAKING_MAJOR,
        "The response is read into another type.",
    ),
    // Rust names.
    both(
        "rust-name-changed",
        "a Rust name changed while the wire name did not",
        INFO_MAJOR,
        "The wire is unchanged (old clients keep working), but code naming the old Rust item no \
         longer compiles: a collision resolved differently, or a `rust_name` set or changed.",
    ),
    // Versions.
    both(
        "version-not-bumped",
        "the version does not rise as far as the changes need",
        BREAKING_PATCH,
        "A change of semver impact greater than the version bump reaches users \
         as a silent break. The impact of this finding is the one the changes need.",
    ),
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static DiffRule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every rule id, for suggestions.
pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} twice", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id
            );
            assert!(!rule.rationale.is_empty());
        }
    }

    #[test]
    fn direction_matters_where_the_wire_says_so() {
        let added = rule("enum-value-added").unwrap();
        assert_eq!(added.request.level, Level::Info);
        assert_eq!(added.response.level, Level::Breaking);
        assert_eq!(added.worst().level, Level::Breaking);
        assert!(rule("length-tightened").unwrap().is_directional());
        assert!(!rule("method-removed").unwrap().is_directional());
    }
}
