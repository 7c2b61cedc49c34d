//! What every API using a type library declares alike about how it is
//! called (wire, token session rules, credentials) is emitted once, in the
//! library's `client` module, and each API refers to it; a piece two users
//! declare differently stays in each API's own `mod.rs`.

mod support;

const LIBRARY: &str = "hostapi: 1
types:
  Code: {doc: \"A code.\", string: {max_length: 8}}
";

/// How an API spec differs from the one its twin declares.
#[derive(Clone, Copy, Default)]
struct Differences {
    password_doc: Option<&'static str>,
    error_field: Option<&'static str>,
    idle_timeout: Option<u64>,
}

/// API `name` using the library, with a token session, as `differences`
/// changes it.
fn api(name: &str, differences: Differences) -> String {
    let password_doc = differences.password_doc.unwrap_or("The password.");
    let error_field = differences.error_field.unwrap_or("error_class");
    let idle_timeout = differences.idle_timeout.unwrap_or(900);
    format!(
        "hostapi: 1
uses: [\"shared/types.yaml\"]
api:
  name: {name}
  title: Shared API
  version: \"{name}\"
  base_url: \"https://api.example.test/{name}\"
  credentials:
    username: {{doc: \"The user name.\"}}
    password: {{doc: {password_doc:?}, secret: true}}
  wire:
    http_method: post
    method_name: path
    params: {{json: {{envelope: params}}}}
    auth:
      basic: {{username: username, password: password}}
      session:
        method: Auth/token
        replaces: password
        token: token
        idle_timeout: {idle_timeout}
        max_idle_timeout: 3600
        max_lifetime: 43200
    response: json
    error: {{field_present: {{field: {error_field}}}}}
sections:
  Auth:
    doc: \"Tokens.\"
    methods:
      token:
        doc: \"A token.\"
        returns:
          token: {{type: string, secret: true}}
      code:
        doc: \"A code.\"
        returns:
          code: {{type: Code}}
"
    )
}

/// The generated files of the library, API `one` as declared and API `two`
/// with `differences`, by path.
fn generate(name: &str, differences: Differences) -> Vec<(String, String)> {
    let dir = support::temp_dir(name);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("shared/types.yaml", LIBRARY);
    write("one.yaml", &api("one", Differences::default()));
    write("two.yaml", &api("two", differences));
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

fn file<'f>(files: &'f [(String, String)], path: &str) -> Option<&'f str> {
    files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, contents)| contents.as_str())
}

const INLINE_WIRE: &str = "wire: hostapi_runtime::wire::Wire {";
const SHARED_WIRE: &str = "wire: super::shared_types::client::WIRE,";
const SHARED_SESSION: &str =
    "session: Some(super::shared_types::client::token_session(&auth::TOKEN)),";
const SHARED_CREDENTIALS: &str = "pub use super::shared_types::client::Credentials;";

#[test]
fn pieces_every_api_declares_alike_are_declared_once_in_the_library() {
    let files = generate("shared-client-alike", Differences::default());
    let client = file(&files, "shared_types/client.rs").expect("the library's client.rs");
    assert!(
        client.contains(
            "pub const WIRE: hostapi_runtime::wire::Wire = hostapi_runtime::wire::Wire {"
        ),
        "{client}"
    );
    assert!(client.contains("field: \"error_class\""), "{client}");
    assert!(
        client.contains("pub const fn token_session(")
            && client.contains("        default_idle_secs: 900,"),
        "{client}"
    );
    assert!(
        client.contains("hostapi_runtime::credentials! {")
            && client.contains("    pub struct Credentials {")
            && client.contains("        password: Secret,"),
        "{client}"
    );
    let library = file(&files, "shared_types/mod.rs").unwrap();
    assert!(library.contains("pub(crate) mod client;"), "{library}");
    for module in ["one", "two"] {
        let api = file(&files, &format!("{module}/mod.rs")).unwrap();
        for shared in [SHARED_WIRE, SHARED_SESSION, SHARED_CREDENTIALS] {
            assert!(api.contains(shared), "{module}: {shared}\n{api}");
        }
        assert!(api.contains("    credentials Credentials;"), "{api}");
        assert!(!api.contains(INLINE_WIRE), "{api}");
        assert!(!api.contains("pub struct Credentials"), "{api}");
        // The reader is sent to where the shared pieces are.
        assert!(api.contains("`shared_types/client.rs`"), "{api}");
    }
}

#[test]
fn credentials_documented_differently_stay_in_each_api() {
    let differences = Differences {
        password_doc: Some("The password or a token."),
        ..Differences::default()
    };
    let files = generate("shared-client-credentials", differences);
    let client = file(&files, "shared_types/client.rs").unwrap();
    assert!(!client.contains("Credentials"), "{client}");
    assert!(client.contains("pub const WIRE"), "{client}");
    for (module, doc) in [
        ("one", "The password."),
        ("two", "The password or a token."),
    ] {
        let api = file(&files, &format!("{module}/mod.rs")).unwrap();
        assert!(api.contains(SHARED_WIRE), "{api}");
        assert!(!api.contains(SHARED_CREDENTIALS), "{api}");
        assert!(api.contains("    pub struct Credentials {"), "{api}");
        assert!(api.contains(&format!("        /// {doc}")), "{api}");
    }
}

#[test]
fn different_wires_stay_in_each_api() {
    let differences = Differences {
        error_field: Some("error"),
        ..Differences::default()
    };
    let files = generate("shared-client-wire", differences);
    let client = file(&files, "shared_types/client.rs").unwrap();
    assert!(!client.contains("WIRE"), "{client}");
    assert!(client.contains("pub const fn token_session("), "{client}");
    for (module, field) in [("one", "error_class"), ("two", "error")] {
        let api = file(&files, &format!("{module}/mod.rs")).unwrap();
        assert!(api.contains(INLINE_WIRE), "{api}");
        assert!(api.contains(&format!("field: \"{field}\"")), "{api}");
        assert!(!api.contains(SHARED_WIRE), "{api}");
        assert!(api.contains(SHARED_SESSION), "{api}");
        assert!(api.contains(SHARED_CREDENTIALS), "{api}");
    }
}

#[test]
fn different_token_sessions_stay_in_each_api() {
    let differences = Differences {
        idle_timeout: Some(600),
        ..Differences::default()
    };
    let files = generate("shared-client-session", differences);
    let client = file(&files, "shared_types/client.rs").unwrap();
    assert!(!client.contains("token_session"), "{client}");
    for (module, idle) in [("one", 900), ("two", 600)] {
        let api = file(&files, &format!("{module}/mod.rs")).unwrap();
        assert!(!api.contains(SHARED_SESSION), "{api}");
        assert!(
            api.contains("method: &auth::TOKEN,")
                && api.contains(&format!("default_idle_secs: {idle},")),
            "{api}"
        );
        assert!(api.contains(SHARED_WIRE), "{api}");
    }
}

#[test]
fn a_library_with_one_user_shares_nothing() {
    let dir = support::temp_dir("shared-client-one-user");
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/types.yaml"), LIBRARY).unwrap();
    std::fs::write(dir.join("one.yaml"), api("one", Differences::default())).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let paths: Vec<String> = generated
        .files
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(
        !paths.iter().any(|p| p == "shared_types/client.rs"),
        "{paths:?}"
    );
    let api = generated
        .files
        .iter()
        .find(|f| f.path.ends_with("one/mod.rs"))
        .unwrap();
    assert!(api.contents.contains(INLINE_WIRE), "{}", api.contents);
    assert!(
        api.contents.contains("    pub struct Credentials {"),
        "{}",
        api.contents
    );
}
