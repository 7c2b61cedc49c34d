use super::*;

#[test]
fn strings_and_keys_are_escaped() {
    assert_eq!(string("plain"), "\"plain\"");
    assert_eq!(
        string("a\"b\\c\nd\u{7f}e\u{1}"),
        "\"a\\\"b\\\\c\\nd\\u007Fe\\u0001\""
    );
    assert_eq!(key("enom"), "enom");
    assert_eq!(key("a b"), "\"a b\"");
    assert_eq!(key("x\"]\n[evil]"), "\"x\\\"]\\n[evil]\"");
}

fn no_apis() -> Workspace {
    Workspace {
        apis: Vec::new(),
        libraries: Vec::new(),
    }
}

fn parse(text: &str) -> toml_edit::DocumentMut {
    text.parse()
        .unwrap_or_else(|e| panic!("invalid TOML: {e}\n{text}"))
}

#[test]
fn the_runtime_is_a_caret_requirement_on_this_runtime_and_nothing_is_unpublishable() {
    let text = render(&CrateOptions::new("my-api"), &no_apis());
    let document = parse(&text);
    let runtime = &document["dependencies"]["hostapi-runtime"];
    assert_eq!(runtime["version"].as_str(), Some("0.1"));
    assert!(runtime.get("path").is_none(), "{text}");
    assert!(document["package"].get("publish").is_none(), "{text}");
    assert_eq!(
        document["package"]["rust-version"].as_str(),
        Some(RUNTIME_RUST_VERSION)
    );
    assert_eq!(caret_requirement("1.2.3"), "1.2");
}

/// The constants say which runtime generated code is written for; they
/// must move with the runtime's manifest.
#[test]
fn the_runtime_constants_match_the_runtime_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runtime = parse(&std::fs::read_to_string(root.join("runtime/Cargo.toml")).unwrap());
    assert_eq!(
        runtime["package"]["version"].as_str(),
        Some(RUNTIME_VERSION)
    );
    let workspace = parse(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap());
    assert_eq!(
        runtime["package"]["rust-version"]["workspace"].as_bool(),
        Some(true)
    );
    assert_eq!(
        workspace["workspace"]["package"]["rust-version"].as_str(),
        Some(RUNTIME_RUST_VERSION)
    );
}

#[test]
fn a_hostile_runtime_path_or_description_stays_one_toml_string() {
    let evil = "x\" }\n[patch.crates-io]\nserde = { path = \"/evil";
    let options = CrateOptions {
        description: Some(evil.to_string()),
        runtime: RuntimeDependency::RelativePath(evil.to_string()),
        ..CrateOptions::new("my-api")
    };
    let text = render(&options, &no_apis());
    let document = parse(&text);
    let path = document["dependencies"]["hostapi-runtime"]["path"].as_str();
    assert_eq!(path, Some(evil));
    assert_eq!(
        document["package"]["description"].as_str(),
        Some(one_line(evil).as_str())
    );
    assert!(document.get("patch").is_none(), "{text}");
    assert_eq!(document["package"]["name"].as_str(), Some("my-api"));
}

#[test]
fn options_are_checked_as_cargo_would() {
    for good in ["1.89", "1.89.0", "2.0"] {
        assert!(check_rust_version(good).is_ok(), "{good}");
    }
    for bad in ["", "1", "1.", "1.89.0.1", "1.x", "1.89\"", "^1.89"] {
        assert!(check_rust_version(bad).is_err(), "{bad}");
    }
    for good in [
        "MIT",
        "MIT OR Apache-2.0",
        "(MIT OR Apache-2.0) AND BSD-3-Clause",
    ] {
        assert!(check_license(good).is_ok(), "{good}");
    }
    for bad in ["", " ", "MIT\"\n[x]", "MIT\nOR", "MIT=1"] {
        assert!(check_license(bad).is_err(), "{bad:?}");
    }
    assert!(check_description("A client.").is_ok());
    assert!(check_description("two\nlines").is_err());
    assert!(check_description("").is_err());
    for bad in ["", "1abc", "a b", "a/b", &"a".repeat(65)] {
        assert!(check_crate_name(bad).is_err(), "{bad}");
    }
    let options = CrateOptions {
        license: Some("MIT\n[x]".into()),
        ..CrateOptions::new("ok")
    };
    assert!(options.check().is_err());
}

#[test]
fn the_runtime_path_is_relative_to_the_output_folder() {
    assert_eq!(
        relative_path(Path::new("/a/b/out"), Path::new("/a/runtime")).as_deref(),
        Some("../../runtime")
    );
    assert_eq!(
        relative_path(Path::new("/a"), Path::new("/a/b")).as_deref(),
        Some("b")
    );
    assert_eq!(
        relative_path(Path::new("/a"), Path::new("/a")).as_deref(),
        Some(".")
    );
    let root = std::env::temp_dir().join(format!("hostapi-relative-{}", std::process::id()));
    let runtime = root.join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let dependency = RuntimeDependency::path_from(&root.join("not/yet"), &runtime).unwrap();
    assert_eq!(
        dependency,
        RuntimeDependency::RelativePath("../../runtime".into())
    );
    assert!(RuntimeDependency::path_from(&root, &root.join("missing")).is_err());
    let _ = std::fs::remove_dir_all(&root);
}

/// The runtime features the manifest turns on, from its dependency line.
fn runtime_features(text: &str) -> Vec<String> {
    let document = parse(text);
    document["dependencies"]["hostapi-runtime"]
        .get("features")
        .and_then(|f| f.as_array())
        .map(|f| {
            f.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn key_value_responses_turn_on_the_runtimes_xml_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let generated = crate::generate(&root.join("spec")).unwrap_or_else(|e| panic!("{e}"));
    let options = CrateOptions::new("my-api");
    // The bundled specs: eNom's responses are key/value ones.
    let all = render(&options, &generated.workspace);
    assert!(
        runtime_features(&all).contains(&"keyvalue".to_owned()),
        "{all}"
    );
    // Without eNom, no API reads key/value responses.
    let json_only = Workspace {
        apis: generated
            .workspace
            .apis
            .into_iter()
            .filter(|api| api.wire.response == crate::ir::ResponseFormat::Json)
            .collect(),
        libraries: generated.workspace.libraries,
    };
    assert!(!json_only.apis.is_empty());
    let text = render(&options, &json_only);
    assert!(
        !runtime_features(&text).contains(&"keyvalue".to_owned()),
        "{text}"
    );
    assert!(runtime_features(&render(&options, &no_apis())).is_empty());
}
