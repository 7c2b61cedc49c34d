//! The mock answers a documented error with the HTTP status the API's
//! `wire.statuses` gives it, as the runtime reads it back; errors no entry
//! names stay in a 200 body.

use std::path::Path;

use hostapi_codegen::mock::{FORCE_ERROR_HEADER, Mock, Options, RawRequest, load};
use serde_json::{Value, json};

fn mock(spec: &str) -> Mock {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(spec);
    Mock::new(load(&path).expect("the spec loads"), Options::default())
}

fn forced(api: &str, path: &str, error: &str, body: Value) -> RawRequest {
    RawRequest {
        method: "POST".into(),
        path: format!("/{api}/{path}"),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            (FORCE_ERROR_HEADER.into(), error.into()),
        ],
        body: serde_json::to_vec(&body).unwrap(),
        ..RawRequest::default()
    }
}

#[test]
fn a_status_mapped_error_is_answered_with_its_status() {
    let mock = mock("tests/fixtures/specs/wire_statuses.yaml");
    // `404` names NotFound; `4XX` Rejected, whose first status no code
    // claims is 400 (404 is NotFound's); `default` Unavailable: a 5xx.
    for (error, status) in [("NotFound", 404), ("Rejected", 400), ("Unavailable", 500)] {
        let request = forced("wire_statuses", "Things/list", error, json!({"token": "t"}));
        let (response, outcome) = mock.answer(&request);
        assert_eq!(response.status, status, "{error}: {outcome:?}");
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(body["error_class"], error, "{body}");
    }
}

#[test]
fn an_error_no_status_names_stays_in_a_200_body() {
    let mock = mock("spec");
    let request = RawRequest {
        headers: vec![
            ("authorization".into(), "Basic dXNlcjpwYXNzd29yZA==".into()),
            ("content-type".into(), "application/json".into()),
            (
                FORCE_ERROR_HEADER.into(),
                "LW::Exception::RecordNotFound".into(),
            ),
        ],
        ..forced(
            "liquidweb_v1",
            "Network/DNS/Zone/details",
            "",
            json!({"params": {"id": 1}}),
        )
    };
    let (response, outcome) = mock.answer(&request);
    assert_eq!(response.status, 200, "{outcome:?}");
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(
        body["error_class"], "LW::Exception::RecordNotFound",
        "{body}"
    );
}
