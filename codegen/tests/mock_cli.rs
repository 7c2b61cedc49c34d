//! `hostapi-codegen mock` as a process: it prints where it listens, serves
//! the bundled specs, logs JSON lines, and refuses bad flags with exit 2.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

fn codegen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"));
    command.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    command
}

/// Stops the server even when an assertion fails.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, target: &str, headers: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nhost: x\r\n{headers}connection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn serves_the_bundled_specs_and_logs_each_request() {
    let child = codegen()
        .args([
            "mock",
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "5",
            "--log",
            "-",
        ])
        .args(["--user", "reseller", "--password", "mock-pw"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let mut lines = BufReader::new(running.0.stdout.take().unwrap()).lines();
    let banner = lines.next().unwrap().unwrap();
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {banner:?}"))
        .to_string();
    assert!(
        banner.contains("/enom/") && banner.contains("/liquidweb_v1/"),
        "{banner}"
    );

    let ok = get(
        &addr,
        "/enom?command=GetBalance&uid=reseller&pw=mock-pw&ResponseType=XML",
        "",
    );
    assert!(ok.contains("<ErrCount>0</ErrCount>"), "{ok}");
    let refused = get(&addr, "/enom?command=GetBalance&uid=reseller&pw=other", "");
    assert!(refused.contains("ErrCount=1"), "{refused}");

    let logged: Vec<serde_json::Value> = (0..2)
        .map(|_| serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap())
        .collect();
    assert_eq!(logged[0]["outcome"], "ok");
    assert_eq!(logged[1]["outcome"], "unauthorized");
    assert!(!logged.iter().any(|l| l.to_string().contains("mock-pw")));
}

#[test]
fn bad_flags_exit_2_and_help_documents_the_switches() {
    let status = codegen()
        .args(["mock", "--fail-rate", "2"])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    let status = codegen()
        .args(["mock", "--api", "nope", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("no API `nope`"));
    let help = codegen().args(["mock", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--spec",
        "--listen",
        "--seed",
        "--state",
        "--user",
        "--password",
        "--fail-rate",
        "--latency",
        "--log",
        "X-Mock-Error",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
}
