//! Every paging style through a generated client over loopback: the client
//! generated from tests/fixtures/specs/paging_styles.yaml (checked in under
//! tests/fixtures/generated/paging/, kept fresh by the last test) walks
//! offset, page-size, cursor and `Link` header pages, and the requests the
//! server receives are checked, as are the walks a hostile server would
//! make endless or send elsewhere.

use std::path::Path;

use hostapi_runtime::{ClientConfig, Error, Pages, RetryPolicy};
use hostapi_testkit::{Canned, Recorded, Reply, TestServer};

// Generated code is laid out by the generator, not rustfmt.
#[path = "fixtures/generated/paging/paging_styles/mod.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod paging_styles;

use paging_styles::items::{BrowseRequest, FeedRequest, ScanRequest, SizedRequest};

const TOKEN: &str = "tok-s3cret";

fn client(base: &str) -> paging_styles::Client {
    let config = ClientConfig::default()
        .with_base_url(format!("{base}/v1"))
        .with_retry(RetryPolicy::none());
    paging_styles::Client::with_config(paging_styles::Credentials::new(TOKEN), config).unwrap()
}

/// The value of the query parameter `key`.
fn query(request: &Recorded, key: &str) -> Option<String> {
    request
        .query_pairs()
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

fn number(request: &Recorded, key: &str) -> usize {
    query(request, key).map_or(0, |v| v.parse().unwrap())
}

/// `names[from..from + count]` as a JSON list.
fn names(from: usize, count: usize, len: usize) -> String {
    let names: Vec<String> = (from..(from + count).min(len))
        .map(|n| format!("\"n{n}\""))
        .collect();
    format!("[{}]", names.join(","))
}

/// Every item and then the error that ended the walk, if one did.
async fn walk<T, E>(mut pages: Pages<T, E>) -> (Vec<T>, Option<Error<E>>)
where
    T: serde::de::DeserializeOwned,
    E: hostapi_runtime::error::ApiErrorType,
{
    let mut items = Vec::new();
    while let Some(item) = pages.next().await {
        match item {
            Ok(item) => items.push(item),
            Err(error) => {
                assert!(
                    pages.next().await.is_none(),
                    "the walk goes on after an error"
                );
                return (items, Some(error));
            }
        }
    }
    (items, None)
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// A list of `len` names, `offset` and `limit` in the query, with `total`.
async fn offset_server(len: usize, total: bool) -> TestServer {
    TestServer::scripted(move |_, request| {
        let (from, limit) = (number(request, "offset"), number(request, "limit"));
        let limit = if limit == 0 { 3 } else { limit };
        let items = names(from, limit, len);
        let body = if total {
            format!(r#"{{"items":{items},"total":{len}}}"#)
        } else {
            format!(r#"{{"items":{items}}}"#)
        };
        Reply::Respond(Canned::json(200, body))
    })
    .await
}

#[tokio::test]
async fn offsets_advance_until_a_short_page() {
    let server = offset_server(5, false).await;
    let client = client(&server.url(""));
    let request = ScanRequest::new().with_limit(2);
    let (items, error) = walk(client.items().scan_all(&request)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(items, strings(&["n0", "n1", "n2", "n3", "n4"]));
    let sent: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        sent,
        [
            "/v1/items?limit=2",
            "/v1/items?limit=2&offset=2",
            "/v1/items?limit=2&offset=4",
        ]
    );
    for request in server.requests() {
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}

#[tokio::test]
async fn offsets_stop_at_the_total_or_an_empty_page() {
    // 4 items, pages of 2: the total ends the walk without a third request.
    let server = offset_server(4, true).await;
    let request = ScanRequest::new().with_limit(2).with_offset(0);
    let (items, _) = walk(client(&server.url("")).items().scan_all(&request)).await;
    assert_eq!(items.len(), 4);
    assert_eq!(server.request_count(), 2);
    // Without a total, a full last page needs one more, empty, page.
    let server = offset_server(4, false).await;
    let request = ScanRequest::new().with_limit(2);
    let (items, _) = walk(client(&server.url("")).items().scan_all(&request)).await;
    assert_eq!(items.len(), 4);
    assert_eq!(server.request_count(), 3);
    // The walk starts at the request's offset.
    let server = offset_server(4, true).await;
    let request = ScanRequest::new().with_limit(2).with_offset(3);
    let (items, _) = walk(client(&server.url("")).items().scan_all(&request)).await;
    assert_eq!(items, strings(&["n3"]));
}

#[tokio::test]
async fn a_documented_page_size_tells_the_last_page() {
    // Three a page without a limit: the page of 2 is the last.
    let server = offset_server(5, false).await;
    let (items, _) = walk(
        client(&server.url(""))
            .items()
            .sized_all(&SizedRequest::new()),
    )
    .await;
    assert_eq!(items.len(), 5);
    let offsets: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| query(r, "offset"))
        .collect();
    assert_eq!(offsets, [None, Some("3".to_string())]);
}

#[tokio::test]
async fn integer_cursors_go_back_until_the_server_sends_null() {
    let server = TestServer::scripted(|_, request| {
        let body = match query(request, "cursor").as_deref() {
            None => r#"{"entries":["a","b"],"next":17}"#,
            Some("17") => r#"{"entries":[],"next":"18"}"#,
            Some("18") => r#"{"entries":["c"],"next":null}"#,
            _ => r#"{"error":"bad","message":"unknown cursor"}"#,
        };
        Reply::Respond(Canned::json(200, body))
    })
    .await;
    let (items, error) = walk(
        client(&server.url(""))
            .items()
            .feed_all(&FeedRequest::new()),
    )
    .await;
    assert!(error.is_none(), "{error:?}");
    // An empty page with a cursor is not the end.
    assert_eq!(items, strings(&["a", "b", "c"]));
    let sent: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        sent,
        ["/v1/feed", "/v1/feed?cursor=17", "/v1/feed?cursor=18"]
    );
}

#[tokio::test]
async fn link_headers_are_followed_with_the_credentials() {
    let server = TestServer::scripted(|_, request| {
        let page = number(request, "page").max(1);
        let host = request.header("host").unwrap_or_default().to_owned();
        let items = names((page - 1) * 2, 2, 5);
        let mut links = vec![format!(r#"<http://{host}/v1/links?page=1>; rel="first""#)];
        if page < 3 {
            // Absolute, then relative to the page; quoted rel and bare.
            let next = if page == 1 {
                format!("<http://{host}/v1/links?page=2&per_page=2>; rel=\"prev next\"")
            } else {
                "<links?page=3&per_page=2>; title=\"a, b\"; rel=next".to_owned()
            };
            links.push(next);
        }
        let canned = Canned::json(200, format!(r#"{{"items":{items}}}"#))
            .with_header("Link", &links.join(", "));
        Reply::Respond(canned)
    })
    .await;
    let request = BrowseRequest::new().with_per_page(2);
    let (items, error) = walk(client(&server.url("")).items().browse_all(&request)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(items, strings(&["n0", "n1", "n2", "n3", "n4"]));
    let requests = server.requests();
    let sent: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        sent,
        [
            "/v1/links?per_page=2",
            "/v1/links?page=2&per_page=2",
            "/v1/links?page=3&per_page=2",
        ]
    );
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}

/// A server whose first page links `next` to `link`, then answers every
/// other request with an empty last page.
async fn linking_server(link: &'static str) -> TestServer {
    TestServer::scripted(move |n, _| {
        let canned = if n == 0 {
            Canned::json(200, r#"{"items":["first"]}"#).with_header("Link", link)
        } else {
            Canned::json(200, r#"{"items":[]}"#)
        };
        Reply::Respond(canned)
    })
    .await
}

#[tokio::test]
async fn links_to_another_origin_end_the_walk_without_a_request() {
    for link in [
        "<https://evil.example.test/v1/links?page=2>; rel=next",
        "<//evil.example.test/v1/links?page=2>; rel=next",
        "<http://localhost:1/v1/links?page=2>; rel=next",
        "<https://127.0.0.1/v1/links?page=2>; rel=next",
    ] {
        let server = linking_server(link).await;
        let (items, error) = walk(
            client(&server.url(""))
                .items()
                .browse_all(&BrowseRequest::new()),
        )
        .await;
        assert_eq!(items, strings(&["first"]));
        let error = error.expect("a link elsewhere is an error");
        assert!(matches!(error, Error::Decode(_)), "{error:?}");
        assert!(
            error.to_string().contains("another origin"),
            "{link}: {error}"
        );
        assert!(!format!("{error} {error:?}").contains(TOKEN));
        assert_eq!(server.request_count(), 1, "{link}");
    }
}

#[tokio::test]
async fn a_link_back_to_an_earlier_page_ends_the_walk() {
    // Every page, the first included, names page 1 as the next.
    let server = TestServer::start(
        Canned::json(200, r#"{"items":["x"]}"#).with_header("Link", "</v1/links?page=1>; rel=next"),
    )
    .await;
    let (items, error) = walk(
        client(&server.url(""))
            .items()
            .browse_all(&BrowseRequest::new()),
    )
    .await;
    assert_eq!(items.len(), 2);
    assert!(error.unwrap().to_string().contains("earlier page"));
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn malformed_and_huge_link_headers_end_the_walk_quietly() {
    let huge: &'static str =
        Box::leak(format!("{}</x>; rel=prev", "<a>; title=\"x\", ".repeat(2_000)).into_boxed_str());
    for link in [
        "garbage",
        "<unterminated; rel=next",
        "</v1/links?page=2>; rel=\"last\"",
        huge,
    ] {
        let server = linking_server(link).await;
        let (items, error) = walk(
            client(&server.url(""))
                .items()
                .browse_all(&BrowseRequest::new()),
        )
        .await;
        assert!(error.is_none(), "{error:?}");
        assert_eq!(items, strings(&["first"]));
        assert_eq!(server.request_count(), 1);
    }
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_walks_every_style() {
    use hostapi_testkit::BackgroundServer;
    let server = BackgroundServer::scripted(|_, request| {
        let body = match (request.path(), query(request, "cursor").as_deref()) {
            ("/v1/feed", None) => r#"{"entries":["a"],"next":1}"#.to_owned(),
            ("/v1/feed", Some(_)) => r#"{"entries":["b"]}"#.to_owned(),
            ("/v1/links", _) if query(request, "page").is_none() => {
                let canned = Canned::json(200, r#"{"items":["l1"]}"#)
                    .with_header("Link", "</v1/links?page=2>; rel=next");
                return Reply::Respond(canned);
            }
            ("/v1/links", _) => r#"{"items":["l2"]}"#.to_owned(),
            _ => {
                let (from, limit) = (number(request, "offset"), number(request, "limit"));
                format!(r#"{{"items":{}}}"#, names(from, limit.max(1), 3))
            }
        };
        Reply::Respond(Canned::json(200, body))
    });
    let config = ClientConfig::default()
        .with_base_url(server.url("/v1"))
        .with_retry(RetryPolicy::none());
    let client =
        paging_styles::BlockingClient::with_config(paging_styles::Credentials::new(TOKEN), config)
            .unwrap();
    let items = client.items();
    let all = |pages: hostapi_runtime::blocking::Pages<String, _>| {
        pages.collect::<Result<Vec<_>, _>>().unwrap()
    };
    assert_eq!(
        all(items.feed_all(&FeedRequest::new())),
        strings(&["a", "b"])
    );
    assert_eq!(
        all(items.browse_all(&BrowseRequest::new())),
        strings(&["l1", "l2"])
    );
    let request = ScanRequest::new().with_limit(2);
    assert_eq!(all(items.scan_all(&request)), strings(&["n0", "n1", "n2"]));
}

/// The checked-in client is what the fixture spec generates.
#[test]
fn generated_fixture_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("tests/fixtures/specs/paging_styles.yaml");
    let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let dir = root.join("tests/fixtures/generated/paging");
    let stale = hostapi_codegen::output::stale_files(&dir, &generated.files).unwrap();
    assert!(
        stale.is_empty(),
        "{} is stale ({stale:?}): run `cargo run -p hostapi-codegen -- generate --spec {} --out {}`",
        dir.display(),
        spec.display(),
        dir.display()
    );
}
