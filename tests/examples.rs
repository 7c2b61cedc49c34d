//! Every program in `examples/` run as a user would run it, against a
//! loopback server answering as the vendor does: what it prints, its exit
//! status, what it sent, and that no secret reaches its output.
//!
//! `cargo test` builds the examples next to this test's executable; a
//! missing one fails the test rather than skipping it.

use std::path::{Path, PathBuf};
use std::process::Command;

use hostapi_testkit::{BackgroundServer, Canned, Recorded, Reply};

/// The examples these tests run; `every_example_is_tested` keeps the list
/// in step with the folder.
const EXAMPLES: [&str; 4] = [
    "enom_check",
    "liquidweb_list_servers",
    "liquidweb_token_session",
    "sivehost_password",
];

/// `target/<profile>/examples/NAME`: this test runs from `…/deps/`.
fn example_path(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test executable sits in target/<profile>/deps");
    profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A command for the example `name` with an empty environment, so that a
/// developer's own credentials never reach it.
fn example(name: &str) -> Command {
    let path = example_path(name);
    assert!(
        path.is_file(),
        "example `{name}` is not built at {}: `cargo test` builds every example; \
         when running this test alone, run `cargo build --examples` first",
        path.display()
    );
    // `cargo test --test examples` alone does not rebuild examples.
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.rs"));
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).unwrap();
    assert!(
        modified(&path) >= modified(&source),
        "example `{name}` is older than its source: run `cargo build --examples`"
    );
    let mut command = Command::new(path);
    command.env_clear();
    command
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command, secrets: &[&str]) -> Run {
    let output = command.output().expect("example runs");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    };
    for secret in secrets {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{secret} was printed: {}{}",
            run.stdout,
            run.stderr
        );
    }
    run
}

/// A server answering each request by its path with `reply(path, n)`.
fn server<F>(reply: F) -> BackgroundServer
where
    F: Fn(&str, usize) -> Canned + Send + Sync + 'static,
{
    BackgroundServer::scripted(move |n, seen: &Recorded| Reply::Respond(reply(seen.path(), n)))
}

fn json_body(seen: &Recorded) -> serde_json::Value {
    serde_json::from_slice(&seen.body).expect("JSON body")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn every_example_is_tested() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .expect("examples/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, EXAMPLES);
    for name in EXAMPLES {
        assert!(
            example_path(name).is_file(),
            "example `{name}` is not built"
        );
    }
}

mod liquidweb {
    use super::*;

    const PASSWORD: &str = "s3cret-pw";
    const TOKEN: &str = "c2Vzc2lvbi10b2tlbg==";
    /// `Basic` of `alice:s3cret-pw` and of `alice:` + TOKEN.
    const BASIC_PASSWORD: &str = "Basic YWxpY2U6czNjcmV0LXB3";
    const BASIC_TOKEN: &str = "Basic YWxpY2U6YzJWemMybHZiaTEwYjJ0bGJnPT0=";

    fn liquidweb(name: &str, server: &BackgroundServer) -> Command {
        let mut command = example(name);
        command
            .args(["--base-url", &server.url("")])
            .env("LIQUIDWEB_USERNAME", "alice")
            .env("LIQUIDWEB_PASSWORD", PASSWORD);
        command
    }

    #[test]
    fn token_session_logs_in_once_then_calls_with_the_token() {
        let server = server(|path, _| match path {
            "/Account/Auth/token" => Canned::json(
                200,
                format!(r#"{{"token":"{TOKEN}","expires":1700000000}}"#),
            ),
            "/Utilities/Info/version" => Canned::json(200, r#"{"version":"1.0"}"#),
            "/Utilities/Info/ping" => Canned::json(200, r#"{"ping":"success"}"#),
            "/Account/Auth/expireToken" => Canned::json(200, r#"{"expired":1}"#),
            other => Canned::json(404, format!(r#"{{"unexpected":"{other}"}}"#)),
        });
        let out = run(
            &mut liquidweb("liquidweb_token_session", &server),
            &[PASSWORD, TOKEN],
        );
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(
            out.stdout,
            "Liquid Web API version 1.0, ping: success\ntoken expired: yes\n"
        );

        let seen = server.requests();
        let paths: Vec<&str> = seen.iter().map(Recorded::path).collect();
        assert_eq!(
            paths,
            [
                "/Account/Auth/token",
                "/Utilities/Info/version",
                "/Utilities/Info/ping",
                "/Account/Auth/expireToken"
            ]
        );
        assert_eq!(seen[0].header("authorization"), Some(BASIC_PASSWORD));
        for later in &seen[1..] {
            assert_eq!(later.header("authorization"), Some(BASIC_TOKEN));
        }
    }

    #[test]
    fn token_session_fails_without_a_password_and_sends_nothing() {
        let server = server(|_, _| Canned::json(200, "{}"));
        let out = run(
            example("liquidweb_token_session")
                .args(["--base-url", &server.url("")])
                .env("LIQUIDWEB_USERNAME", "alice"),
            &[],
        );
        assert_eq!(out.code, Some(1));
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr, "error: set LIQUIDWEB_PASSWORD\n");
        assert!(server.requests().is_empty());
    }

    fn server_item(uniq_id: &str, domain: &str, ip: &str) -> serde_json::Value {
        serde_json::json!({
            "accnt": 123456, "active": 1, "backup_enabled": 0, "bandwidth_quota": 0,
            "config_description": "2 GB", "config_id": 3, "create_date": "2024-05-01 12:00:00",
            "domain": domain, "ip": ip, "ip_count": 1, "manage_level": "self",
            "template": "UBUNTU_2204", "template_description": "Ubuntu 22.04",
            "type": "SS.VPS", "uniq_id": uniq_id,
        })
    }

    fn page(number: u64, items: Vec<serde_json::Value>) -> Canned {
        let body = serde_json::json!({
            "item_count": items.len(), "item_total": 3, "items": items,
            "page_num": number, "page_size": 25, "page_total": 2,
        });
        Canned::json(200, body.to_string())
    }

    #[test]
    fn list_servers_walks_every_page() {
        let server = server(|_, n| match n {
            0 => page(
                1,
                vec![
                    server_item("ABC123", "web1.example.com", "192.0.2.10"),
                    server_item("DEF456", "web2.example.com", "192.0.2.11"),
                ],
            ),
            _ => page(
                2,
                vec![server_item("GHI789", "db.example.com", "192.0.2.12")],
            ),
        });
        let out = run(
            &mut liquidweb("liquidweb_list_servers", &server),
            &[PASSWORD],
        );
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(
            out.stdout,
            "ABC123  web1.example.com  192.0.2.10\n\
             DEF456  web2.example.com  192.0.2.11\n\
             GHI789  db.example.com  192.0.2.12\n\
             3 servers\n"
        );
        let seen = server.requests();
        assert_eq!(seen.len(), 2);
        for (index, request) in seen.iter().enumerate() {
            assert_eq!(request.path(), "/Storm/Server/list");
            assert_eq!(request.header("authorization"), Some(BASIC_PASSWORD));
            assert_eq!(
                json_body(request),
                serde_json::json!({"params": {"page_num": index + 1, "page_size": 25}})
            );
        }
    }

    #[test]
    fn list_servers_exits_non_zero_when_a_page_fails() {
        let server = server(|_, n| match n {
            0 => page(
                1,
                vec![server_item("ABC123", "web1.example.com", "192.0.2.10")],
            ),
            _ => Canned::json(
                200,
                r#"{"error_class":"LW::Exception::Permission","full_message":"Permission denied"}"#,
            ),
        });
        let out = run(
            &mut liquidweb("liquidweb_list_servers", &server),
            &[PASSWORD],
        );
        assert_eq!(out.code, Some(1));
        assert_eq!(out.stdout, "ABC123  web1.example.com  192.0.2.10\n");
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    }
}

mod enom {
    use super::*;

    const API_TOKEN: &str = "enom-api-token";

    fn enom_check(server: &BackgroundServer, domain: &str) -> Command {
        let mut command = example("enom_check");
        command
            .args(["--base-url", &server.url(""), "--domain", domain])
            .env("ENOM_UID", "resellid")
            .env("ENOM_PW", API_TOKEN);
        command
    }

    #[test]
    fn check_prints_the_registry_answer() {
        let body =
            "Command=CHECK\r\nRRPCode=210\r\nRRPText=Domain name available\r\nErrCount=0\r\n";
        let server = server(move |_, _| Canned::text(body));
        let out = run(&mut enom_check(&server, "example.com"), &[API_TOKEN]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(
            out.stdout,
            "example.com: Domain name available (code 210)\n"
        );
        let seen = server.requests();
        assert_eq!(seen.len(), 1);
        assert_eq!(
            seen[0].query_pairs(),
            pairs(&[
                ("command", "Check"),
                ("uid", "resellid"),
                ("pw", API_TOKEN),
                ("SLD", "example"),
                ("TLD", "com"),
            ])
        );
    }

    #[test]
    fn check_exits_non_zero_with_enoms_message() {
        let body = "Command=CHECK\r\nErrCount=1\r\nErr1=Domain name not valid\r\nDone=true\r\n";
        let server = server(move |_, _| Canned::text(body));
        let out = run(&mut enom_check(&server, "example.com"), &[API_TOKEN]);
        assert_eq!(out.code, Some(1));
        assert_eq!(out.stdout, "");
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert!(
            out.stderr.contains("Domain name not valid"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn an_invalid_name_is_refused_before_sending() {
        let server = server(|_, _| Canned::text("ErrCount=0\r\n"));
        let out = run(&mut enom_check(&server, "-bad.com"), &[API_TOKEN]);
        assert_eq!(out.code, Some(1));
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        let out = run(&mut enom_check(&server, "nodot"), &[API_TOKEN]);
        assert_eq!(out.code, Some(1));
        assert!(out.stderr.contains("such as example.com"), "{}", out.stderr);
        assert!(server.requests().is_empty());
    }
}

mod sivehost {
    use super::*;

    const NEW_PASSWORD: &str = "MyHard2Cr@ckPasswd";
    const SECRETS: [&str; 4] = ["basic-pw", "KEY123", "SECRET456", NEW_PASSWORD];

    fn sivehost_password(server: &BackgroundServer, new_password: &str) -> Command {
        let mut command = example("sivehost_password");
        command
            .args(["--base-url", &server.url(""), "--service-id", "2639"])
            .env("SIVEHOST_USERNAME", "Ikhaka")
            .env("SIVEHOST_PASSWORD", "basic-pw")
            .env("SIVEHOST_API_KEY", "KEY123")
            .env("SIVEHOST_API_SECRET", "SECRET456")
            .env("SIVEHOST_NEW_PASSWORD", new_password);
        command
    }

    #[test]
    fn password_change_posts_the_form_and_prints_the_message() {
        let server = server(|_, _| Canned::json(200, r#"{"result":"success","message":"OK"}"#));
        let out = run(&mut sivehost_password(&server, NEW_PASSWORD), &SECRETS);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(out.stdout, "service 2639: password changed (OK)\n");
        let seen = server.requests();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].method, "POST");
        assert_eq!(
            seen[0].header("authorization"),
            Some("Basic SWtoYWthOmJhc2ljLXB3")
        );
        assert_eq!(
            seen[0].form_pairs(),
            pairs(&[
                ("action", "passwdUpd"),
                ("api_key", "KEY123"),
                ("api_secret", "SECRET456"),
                ("serviceid", "2639"),
                ("pass", NEW_PASSWORD),
            ])
        );
    }

    #[test]
    fn a_documented_error_exits_non_zero() {
        let server = server(|_, _| {
            Canned::json(200, r#"{"result":"error","message":"user does not exist"}"#)
        });
        let out = run(&mut sivehost_password(&server, NEW_PASSWORD), &SECRETS);
        assert_eq!(out.code, Some(1));
        assert_eq!(out.stdout, "");
        assert!(out.stderr.contains("user does not exist"), "{}", out.stderr);
    }

    #[test]
    fn a_short_password_is_refused_before_sending() {
        let server = server(|_, _| Canned::json(200, r#"{"result":"success","message":"OK"}"#));
        let out = run(&mut sivehost_password(&server, "short-pw"), &["short-pw"]);
        assert_eq!(out.code, Some(1));
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert!(server.requests().is_empty());
    }
}
