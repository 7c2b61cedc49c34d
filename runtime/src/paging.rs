//! Walking every page of a list method as a [`Stream`] of items.
//!
//! Generated code gives each list method one helper that calls
//! [`Pages::new`] with the method's descriptor and its [`Paging`] (the
//! style and the names of its paging members); everything else is here:
//! this module is the stream, `next` decides each style's next page and
//! when to stop, `link` reads `Link` headers. The stream holds one page at
//! a time: it fetches page `n + 1` only after the caller has taken every
//! item of page `n`.
//!
//! Take items with the inherent [`Pages::next`] (no stream combinators
//! needed), or with any [`Stream`] consumer.

mod link;
mod next;

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::Client;
use crate::decode;
use crate::error::{ApiErrorType, DecodeError, EncodeError, Error, RawBody};
use crate::validate::{Validate, Violations};
use crate::wire::MethodDescriptor;
use next::{PageRequest, Walk};

/// How a list method asks for its next page, and where it keeps its paging
/// state, by wire name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Paging {
    /// Page numbers from 1; the last page is `page_total`, or an empty one.
    Page {
        /// The parameter holding the page number.
        page: &'static str,
        /// The returned list of one page's items.
        items: &'static str,
        /// The returned number of pages.
        page_total: &'static str,
    },
    /// Item offsets from 0. The page size is the request's `limit`, else
    /// `page_size`; a page with fewer items than that is the last, as is an
    /// empty one or the one reaching `total`.
    Offset {
        /// The parameter holding the first item's offset.
        offset: &'static str,
        /// The parameter holding the number of items asked for.
        limit: Option<&'static str>,
        /// The number of items a page holds when the request sets no limit.
        page_size: Option<u64>,
        /// The returned number of items in the whole list.
        total: Option<&'static str>,
        /// The returned list of one page's items.
        items: &'static str,
    },
    /// A cursor the server returns with each page (`next`), sent back in
    /// the `cursor` parameter; the last page returns none.
    Cursor {
        /// The parameter carrying the cursor.
        cursor: &'static str,
        /// The returned field holding the next page's cursor.
        next: &'static str,
        /// The returned list of one page's items.
        items: &'static str,
    },
    /// The `rel="next"` link of the `Link` header, which the method reads
    /// into the `link` field; followed only on the client's own origin.
    Link {
        /// The returned field holding the `Link` header.
        link: &'static str,
        /// The returned list of one page's items.
        items: &'static str,
    },
}

impl Paging {
    /// Page numbers: the page parameter, the items field and the page-count
    /// field.
    pub const fn new(page: &'static str, items: &'static str, page_total: &'static str) -> Self {
        Paging::Page {
            page,
            items,
            page_total,
        }
    }

    /// The returned list of one page's items.
    pub const fn items(&self) -> &'static str {
        match self {
            Paging::Page { items, .. }
            | Paging::Offset { items, .. }
            | Paging::Cursor { items, .. }
            | Paging::Link { items, .. } => items,
        }
    }
}

type PageFuture<E> = Pin<Box<dyn Future<Output = Result<Map<String, Value>, Error<E>>> + Send>>;

/// Every item of a list method, page after page. Built by the generated
/// `…_all` helpers; see the [module docs](self).
///
/// The request is validated once, before the first page. Each page is a call
/// of its own with the request's parameters and the paging state: the first
/// page is the one the request asks for (its page number, offset or cursor),
/// or the first. The stream ends after the last page (see [`Paging`] for
/// each style), or after the first error, which it yields: a server that
/// sends a cursor or link of an earlier page again, or a link to another
/// origin, is an error rather than an endless or leaking walk. When a page
/// cannot say which page is next (such an error, or a missing page
/// count), its items come first, then the error.
pub struct Pages<T, E> {
    client: Client,
    method: &'static MethodDescriptor,
    paging: Paging,
    /// The next page to fetch; `None` once the walk has ended.
    upcoming: Option<PageRequest>,
    /// The request of the page being fetched.
    sent: Option<PageRequest>,
    walk: Walk,
    buffer: VecDeque<T>,
    pending: Option<PageFuture<E>>,
    /// An error found before the first call (validation, encoding).
    failed: Option<Error<E>>,
    _item: PhantomData<fn() -> T>,
}

// The stream never pins its fields in place (the page future is boxed).
impl<T, E> Unpin for Pages<T, E> {}

impl<T, E> fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the request or URL: they may carry anything.
        f.debug_struct("Pages")
            .field("method", &self.method.wire_name)
            .field("ended", &self.upcoming.is_none())
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

impl<T, E> Pages<T, E>
where
    T: DeserializeOwned,
    E: ApiErrorType,
{
    /// Pages through `method` with `request`. Validation follows the
    /// client's [`ClientConfig::validate_requests`](crate::ClientConfig::validate_requests).
    pub fn new<Req>(
        client: &Client,
        method: &'static MethodDescriptor,
        paging: Paging,
        request: &Req,
    ) -> Self
    where
        Req: Serialize + Validate + ?Sized,
    {
        let mut pages = Pages {
            client: client.clone(),
            method,
            paging,
            upcoming: None,
            sent: None,
            walk: Walk::default(),
            buffer: VecDeque::new(),
            pending: None,
            failed: None,
            _item: PhantomData,
        };
        if client.config().validate_requests {
            let root = client.api().wire.params.envelope().unwrap_or_default();
            let mut violations = Violations::with_root(root);
            request.validate(&mut violations);
            if let Err(e) = violations.into_result() {
                pages.failed = Some(Error::Validation(e));
                return pages;
            }
        }
        let mut params = Map::new();
        match serde_json::to_value(request) {
            Ok(Value::Object(object)) => params = object,
            Ok(Value::Null) => {}
            Ok(_) => {
                pages.failed = Some(Error::Encode(EncodeError {
                    message: "the request must serialize to a JSON object".to_owned(),
                }));
            }
            Err(e) => {
                pages.failed = Some(Error::Encode(EncodeError {
                    message: format!("the request could not be serialized: {e}"),
                }));
            }
        }
        if let Paging::Page { page, .. } = paging
            && params.get(page).and_then(next::whole_number).is_none()
        {
            params.insert(page.to_owned(), Value::from(1));
        }
        pages.walk = Walk::from(&paging, &params);
        pages.upcoming = Some(PageRequest::Params(params));
        pages
    }

    /// The next item, fetching the next page when this one is used up;
    /// `None` once the stream has ended. The same as [`Stream::poll_next`],
    /// without needing `StreamExt` or `poll_fn`:
    /// `while let Some(item) = pages.next().await { … }`.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    fn fetch(&mut self, request: PageRequest) {
        let client = self.client.clone();
        let method = self.method;
        self.pending = Some(match &request {
            PageRequest::Params(params) => {
                let params = params.clone();
                Box::pin(async move {
                    client
                        .call::<Map<String, Value>, Map<String, Value>, E>(method, &params)
                        .await
                })
            }
            PageRequest::Url(url) => {
                let url = url.clone();
                Box::pin(async move { client.follow::<E>(method, url).await })
            }
        });
        self.sent = Some(request);
    }

    /// Takes one page's items and works out the next page.
    fn accept(&mut self, mut body: Map<String, Value>) -> Result<(), Error<E>> {
        let items_field = self.paging.items();
        let items = body.remove(items_field).unwrap_or(Value::Null);
        let items: Vec<T> = match items {
            Value::Null => Vec::new(),
            Value::String(s) if s.trim().is_empty() => Vec::new(),
            items => {
                // For the error, should the items not be readable.
                let raw = items.clone();
                let mode = self.client.response_mode();
                match decode::read_at(items, mode, items_field) {
                    Ok((items, found)) => {
                        decode::warn(self.client.api().name, self.method.wire_name, &found);
                        items
                    }
                    Err(e) => {
                        let message =
                            format!("`{items_field}` does not have the expected shape: {e}");
                        return Err(self.decode_error(message, raw));
                    }
                }
            }
        };
        let sent = self.sent.take().unwrap_or(PageRequest::Params(Map::new()));
        let base = reqwest::Url::parse(self.client.base_url()).ok();
        let Some(base) = base else {
            let message = "the client's base URL does not parse".to_owned();
            return Err(self.decode_error(message, Value::Object(body)));
        };
        match self
            .walk
            .next(&self.paging, &sent, items.len(), &body, &base)
        {
            Ok(next) => self.upcoming = next,
            // This page's items are good: they come first, then the error.
            Err(message) => self.failed = Some(self.decode_error(message, Value::Object(body))),
        }
        self.buffer = items.into();
        Ok(())
    }

    /// A page the walk cannot go on from, with the part of it that shows
    /// why (kept out of sight when the method returns secrets).
    fn decode_error(&self, message: String, shown: Value) -> Error<E> {
        let raw = shown.to_string();
        let body = if self.method.returns_secrets {
            RawBody::sensitive(raw)
        } else {
            RawBody::new(raw)
        };
        Error::Decode(DecodeError::new(message, body))
    }
}

impl<T, E> Stream for Pages<T, E>
where
    T: DeserializeOwned,
    E: ApiErrorType,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.failed.take() {
                this.upcoming = None;
                return Poll::Ready(Some(Err(error)));
            }
            if let Some(pending) = &mut this.pending {
                let result = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(result) => result,
                };
                this.pending = None;
                if let Err(error) = result.and_then(|body| this.accept(body)) {
                    this.buffer.clear();
                    this.upcoming = None;
                    return Poll::Ready(Some(Err(error)));
                }
                continue;
            }
            match this.upcoming.take() {
                Some(request) => this.fetch(request),
                None => return Poll::Ready(None),
            }
        }
    }
}
