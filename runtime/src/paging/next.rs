//! Which page comes next, for each [`Paging`] style, from the request that
//! fetched a page and what that page held. Pure, so every stop condition is
//! tested without a server.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Paging;
use super::link;

/// How one page is asked for.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PageRequest {
    /// A call of the method with these parameters.
    Params(Map<String, Value>),
    /// A GET of a URL the server gave, on the client's origin.
    Url(reqwest::Url),
}

/// What the walk remembers between pages.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// Cursors and links already followed: one seen again means the server
    /// would send the walk round in a circle.
    seen: HashSet<String>,
}

impl Walk {
    /// A walk from the first request's `params`: a cursor it already
    /// carries counts as seen, so a server answering with it again is
    /// caught at once.
    pub(super) fn from(paging: &Paging, params: &Map<String, Value>) -> Self {
        let mut walk = Walk::default();
        if let Paging::Cursor { cursor, .. } = *paging
            && let Some(value) = params.get(cursor)
        {
            walk.seen.insert(cursor_key(value));
        }
        walk
    }

    /// The request for the page after the one `sent` fetched, which held
    /// `count` items and returned `body` (its items taken out); `None` when
    /// that page was the last. `base` is the client's base URL: links
    /// resolve against the URL that fetched the page (else `base`) and must
    /// stay on its origin. An `Err` says why the walk cannot go on.
    pub(super) fn next(
        &mut self,
        paging: &Paging,
        sent: &PageRequest,
        count: usize,
        body: &Map<String, Value>,
        base: &reqwest::Url,
    ) -> Result<Option<PageRequest>, String> {
        match *paging {
            Paging::Page {
                page, page_total, ..
            } => {
                let PageRequest::Params(params) = sent else {
                    return Ok(None);
                };
                let number = params.get(page).and_then(whole_number).unwrap_or(1);
                let Some(total) = body.get(page_total).and_then(whole_number) else {
                    return Err(format!(
                        "page {number}: `{page_total}` is missing or not a number"
                    ));
                };
                Ok((number < total && count > 0).then(|| with(params, page, number + 1)))
            }
            Paging::Offset {
                offset,
                limit,
                page_size,
                total,
                ..
            } => {
                let PageRequest::Params(params) = sent else {
                    return Ok(None);
                };
                let from = params.get(offset).and_then(whole_number).unwrap_or(0);
                let asked = limit
                    .and_then(|limit| params.get(limit))
                    .and_then(whole_number)
                    .or(page_size);
                let reached = from.saturating_add(count as u64);
                // A total that is missing or unreadable is no reason to stop:
                // the page's size still tells.
                let past_total = total
                    .and_then(|total| body.get(total))
                    .and_then(whole_number)
                    .is_some_and(|total| reached >= total);
                let short = asked.is_some_and(|asked| (count as u64) < asked);
                Ok((count > 0 && !short && !past_total).then(|| with(params, offset, reached)))
            }
            Paging::Cursor { cursor, next, .. } => {
                let PageRequest::Params(params) = sent else {
                    return Ok(None);
                };
                let value = match body.get(next) {
                    None | Some(Value::Null) => return Ok(None),
                    Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
                    Some(value @ (Value::String(_) | Value::Number(_))) => value.clone(),
                    Some(_) => {
                        return Err(format!("`{next}` is neither text nor a number"));
                    }
                };
                if !self.seen.insert(cursor_key(&value)) {
                    return Err(format!(
                        "`{next}` holds the cursor of an earlier page again: the walk would never end"
                    ));
                }
                let mut params = params.clone();
                params.insert(cursor.to_owned(), value);
                Ok(Some(PageRequest::Params(params)))
            }
            Paging::Link { link, .. } => {
                let header = match body.get(link) {
                    Some(Value::String(header)) => header,
                    _ => return Ok(None),
                };
                let Some(target) = link::next_target(header) else {
                    return Ok(None);
                };
                let context = match sent {
                    PageRequest::Url(url) => url,
                    PageRequest::Params(_) => base,
                };
                let url = context
                    .join(target)
                    .map_err(|e| format!("the `Link` header's next page is not a URL: {e}"))?;
                if url.origin() != base.origin() {
                    // Never the URL itself: it may carry anything.
                    return Err(format!(
                        "the `Link` header's next page is on another origin ({}) than the \
                         client's base URL: not followed, so no credential leaves for it",
                        url.origin().ascii_serialization()
                    ));
                }
                if !self.seen.insert(url.as_str().to_owned()) {
                    return Err(
                        "the `Link` header names an earlier page as the next: the walk would \
                         never end"
                            .to_owned(),
                    );
                }
                Ok(Some(PageRequest::Url(url)))
            }
        }
    }
}

/// A cursor as text, whether the server sent it as a string or a number.
fn cursor_key(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `params` with `key` set to `value`.
fn with(params: &Map<String, Value>, key: &str, value: u64) -> PageRequest {
    let mut params = params.clone();
    params.insert(key.to_owned(), Value::from(value));
    PageRequest::Params(params)
}

/// A whole number from a JSON number or a string holding one.
pub(super) fn whole_number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("test objects are objects"),
        }
    }

    fn params(value: Value) -> PageRequest {
        PageRequest::Params(object(value))
    }

    fn base() -> reqwest::Url {
        reqwest::Url::parse("https://api.test/v1/").unwrap()
    }

    const PAGE: Paging = Paging::new("page", "items", "page_total");

    #[test]
    fn page_numbers_read_numbers_and_strings() {
        assert_eq!(whole_number(&Value::from(3)), Some(3));
        assert_eq!(whole_number(&Value::from("4")), Some(4));
        assert_eq!(whole_number(&Value::from(" 5 ")), Some(5));
        assert_eq!(whole_number(&Value::from(-1)), None);
        assert_eq!(whole_number(&Value::Null), None);
    }

    #[test]
    fn page_numbers_stop_at_the_total_or_an_empty_page() {
        let mut walk = Walk::default();
        let body = object(json!({"page_total": 3}));
        let sent = params(json!({"page": 2, "q": "x"}));
        let next = walk.next(&PAGE, &sent, 5, &body, &base()).unwrap();
        assert_eq!(next, Some(params(json!({"page": 3, "q": "x"}))));
        let last = params(json!({"page": 3}));
        assert_eq!(walk.next(&PAGE, &last, 5, &body, &base()).unwrap(), None);
        assert_eq!(walk.next(&PAGE, &sent, 0, &body, &base()).unwrap(), None);
        let missing = walk.next(&PAGE, &sent, 5, &Map::new(), &base());
        assert!(missing.unwrap_err().contains("`page_total` is missing"));
    }

    const OFFSET: Paging = Paging::Offset {
        offset: "offset",
        limit: Some("limit"),
        page_size: Some(10),
        total: Some("total"),
        items: "items",
    };

    #[test]
    fn offsets_advance_by_the_items_received() {
        let mut walk = Walk::default();
        let sent = params(json!({"limit": 2}));
        let next = walk.next(&OFFSET, &sent, 2, &Map::new(), &base()).unwrap();
        assert_eq!(next, Some(params(json!({"limit": 2, "offset": 2}))));
        let sent = params(json!({"limit": "2", "offset": "4"}));
        let next = walk.next(&OFFSET, &sent, 2, &Map::new(), &base()).unwrap();
        assert_eq!(next, Some(params(json!({"limit": "2", "offset": 6}))));
    }

    #[test]
    fn offsets_stop_on_a_short_or_empty_page_or_the_total() {
        let mut walk = Walk::default();
        let none = Map::new();
        let sent = params(json!({"limit": 3, "offset": 6}));
        assert_eq!(walk.next(&OFFSET, &sent, 2, &none, &base()).unwrap(), None);
        assert_eq!(walk.next(&OFFSET, &sent, 0, &none, &base()).unwrap(), None);
        let total = object(json!({"total": 9}));
        assert_eq!(walk.next(&OFFSET, &sent, 3, &total, &base()).unwrap(), None);
        let more = object(json!({"total": "10"}));
        assert!(
            walk.next(&OFFSET, &sent, 3, &more, &base())
                .unwrap()
                .is_some()
        );
        // Without a limit in the request, the documented page size decides.
        let sent = params(json!({}));
        assert_eq!(walk.next(&OFFSET, &sent, 9, &none, &base()).unwrap(), None);
        assert!(
            walk.next(&OFFSET, &sent, 10, &none, &base())
                .unwrap()
                .is_some()
        );
        // Without either, only an empty page or the total ends the walk.
        let unsized_ = Paging::Offset {
            offset: "offset",
            limit: Some("limit"),
            page_size: None,
            total: None,
            items: "items",
        };
        assert!(
            walk.next(&unsized_, &sent, 1, &none, &base())
                .unwrap()
                .is_some()
        );
        assert_eq!(
            walk.next(&unsized_, &sent, 0, &none, &base()).unwrap(),
            None
        );
    }

    const CURSOR: Paging = Paging::Cursor {
        cursor: "cursor",
        next: "next",
        items: "items",
    };

    #[test]
    fn cursors_go_back_until_absent_null_or_empty() {
        let mut walk = Walk::default();
        let sent = params(json!({"q": 1}));
        let body = object(json!({"next": "abc"}));
        let next = walk.next(&CURSOR, &sent, 1, &body, &base()).unwrap();
        assert_eq!(next, Some(params(json!({"q": 1, "cursor": "abc"}))));
        let body = object(json!({"next": 7}));
        let next = walk.next(&CURSOR, &sent, 0, &body, &base()).unwrap();
        assert_eq!(next, Some(params(json!({"q": 1, "cursor": 7}))));
        for last in [json!({}), json!({"next": null}), json!({"next": " "})] {
            let body = object(last);
            assert_eq!(walk.next(&CURSOR, &sent, 1, &body, &base()).unwrap(), None);
        }
        let odd = object(json!({"next": ["x"]}));
        assert!(walk.next(&CURSOR, &sent, 1, &odd, &base()).is_err());
    }

    #[test]
    fn the_request_s_own_cursor_counts_as_seen() {
        let first = object(json!({"cursor": "start"}));
        let mut walk = Walk::from(&CURSOR, &first);
        let body = object(json!({"next": "start"}));
        let sent = PageRequest::Params(first);
        assert!(walk.next(&CURSOR, &sent, 1, &body, &base()).is_err());
        // Numbers and their text are one cursor.
        let mut walk = Walk::from(&CURSOR, &object(json!({"cursor": 7})));
        let body = object(json!({"next": "7"}));
        assert!(walk.next(&CURSOR, &sent, 1, &body, &base()).is_err());
    }

    #[test]
    fn a_cursor_seen_before_ends_the_walk_with_an_error() {
        let mut walk = Walk::default();
        let sent = params(json!({}));
        for cursor in ["a", "b"] {
            let body = object(json!({ "next": cursor }));
            assert!(
                walk.next(&CURSOR, &sent, 1, &body, &base())
                    .unwrap()
                    .is_some()
            );
        }
        let body = object(json!({"next": "a"}));
        let error = walk.next(&CURSOR, &sent, 1, &body, &base()).unwrap_err();
        assert!(error.contains("cursor of an earlier page"), "{error}");
    }

    const LINK: Paging = Paging::Link {
        link: "link",
        items: "items",
    };

    fn link_body(header: &str) -> Map<String, Value> {
        object(json!({ "link": header }))
    }

    #[test]
    fn links_resolve_and_are_followed_on_the_same_origin() {
        let mut walk = Walk::default();
        let first = params(json!({}));
        let body = link_body(r#"<https://api.test/v1/items?after=2>; rel="next""#);
        let next = walk.next(&LINK, &first, 2, &body, &base()).unwrap();
        let url = reqwest::Url::parse("https://api.test/v1/items?after=2").unwrap();
        assert_eq!(next, Some(PageRequest::Url(url.clone())));
        // A relative link resolves against the page that carried it.
        let body = link_body("<?after=4>; rel=next");
        let next = walk
            .next(&LINK, &PageRequest::Url(url), 2, &body, &base())
            .unwrap();
        let expected = reqwest::Url::parse("https://api.test/v1/items?after=4").unwrap();
        assert_eq!(next, Some(PageRequest::Url(expected)));
        // No link, no next link, or no header: the last page.
        for last in [
            link_body(r#"</first>; rel="first""#),
            link_body(""),
            Map::new(),
        ] {
            assert_eq!(walk.next(&LINK, &first, 2, &last, &base()).unwrap(), None);
        }
    }

    #[test]
    fn links_to_another_origin_are_refused() {
        for target in [
            "https://evil.test/v1/items",
            "http://api.test/v1/items",
            "https://api.test:8443/v1/items",
            "//evil.test/steal",
            "https://api.test@evil.test/",
        ] {
            let mut walk = Walk::default();
            let body = link_body(&format!("<{target}>; rel=next"));
            let error = walk
                .next(&LINK, &params(json!({})), 1, &body, &base())
                .unwrap_err();
            assert!(error.contains("another origin"), "{target}: {error}");
            assert!(
                !error.contains("steal") && !error.contains("/v1"),
                "{error}"
            );
        }
        let mut walk = Walk::default();
        let body = link_body("<mailto:a@b.test>; rel=next");
        assert!(
            walk.next(&LINK, &params(json!({})), 1, &body, &base())
                .is_err()
        );
    }

    #[test]
    fn a_link_seen_before_ends_the_walk_with_an_error() {
        let mut walk = Walk::default();
        let body = link_body("</v1/items?after=2>; rel=next");
        let first = params(json!({}));
        assert!(
            walk.next(&LINK, &first, 1, &body, &base())
                .unwrap()
                .is_some()
        );
        let error = walk.next(&LINK, &first, 1, &body, &base()).unwrap_err();
        assert!(error.contains("earlier page"), "{error}");
    }
}
