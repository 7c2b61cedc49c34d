//! Walking every page of a list method as a [`Stream`] of items.
//!
//! Generated code gives each list method one helper that calls
//! [`Pages::new`] with the method's descriptor and the names of its paging
//! fields; everything else is here. The stream holds one page at a time:
//! it fetches page `n + 1` only after the caller has taken every item of
//! page `n`.
//!
//! Take items with the inherent [`Pages::next`] (no stream combinators
//! needed), or with any [`Stream`] consumer.

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

/// Where a list method keeps its paging state, by wire name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The parameter holding the page number (pages count from 1).
    pub page: &'static str,
    /// The returned list of one page's items.
    pub items: &'static str,
    /// The returned number of pages.
    pub page_total: &'static str,
}

impl Paging {
    /// The page parameter, the items field and the page-count field.
    pub const fn new(page: &'static str, items: &'static str, page_total: &'static str) -> Self {
        Paging {
            page,
            items,
            page_total,
        }
    }
}

type PageFuture<E> = Pin<Box<dyn Future<Output = Result<Map<String, Value>, Error<E>>> + Send>>;

/// Every item of a list method, page after page. Built by the generated
/// `…_all` helpers; see the [module docs](self).
///
/// The request is validated once, before the first page. Each page is a call
/// of its own with the request's parameters and the page number; the first
/// page is the request's own page number, or 1. The stream ends after the
/// last page (`page_total`), after an empty page, or after the first error,
/// which it yields.
pub struct Pages<T, E> {
    client: Client,
    method: &'static MethodDescriptor,
    paging: Paging,
    params: Map<String, Value>,
    next_page: Option<u64>,
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
        f.debug_struct("Pages")
            .field("method", &self.method.wire_name)
            .field("next_page", &self.next_page)
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
            params: Map::new(),
            next_page: Some(1),
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
        match serde_json::to_value(request) {
            Ok(Value::Object(params)) => pages.params = params,
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
        if let Some(first) = pages.params.get(paging.page).and_then(page_number) {
            pages.next_page = Some(first);
        }
        pages
    }

    /// The next item, fetching the next page when this one is used up;
    /// `None` once the stream has ended. The same as [`Stream::poll_next`],
    /// without needing `StreamExt` or `poll_fn`:
    /// `while let Some(item) = pages.next().await { … }`.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    fn fetch(&mut self, page: u64) {
        let mut params = self.params.clone();
        params.insert(self.paging.page.to_owned(), Value::from(page));
        let client = self.client.clone();
        let method = self.method;
        self.pending = Some(Box::pin(async move {
            client
                .call::<Map<String, Value>, Map<String, Value>, E>(method, &params)
                .await
        }));
    }

    /// Takes one page's items and works out the next page number.
    fn accept(&mut self, page: u64, mut body: Map<String, Value>) -> Result<(), Error<E>> {
        let items = body.remove(self.paging.items).unwrap_or(Value::Null);
        let items: Vec<T> = match items {
            Value::Null => Vec::new(),
            Value::String(s) if s.trim().is_empty() => Vec::new(),
            items => {
                // For the error, should the items not be readable.
                let raw = items.clone();
                let mode = self.client.response_mode();
                match decode::read_at(items, mode, self.paging.items) {
                    Ok((items, found)) => {
                        decode::warn(self.client.api().name, self.method.wire_name, &found);
                        items
                    }
                    Err(e) => {
                        let message = format!(
                            "page {page}: `{}` does not have the expected shape: {e}",
                            self.paging.items
                        );
                        let raw = raw.to_string();
                        let body = if self.method.returns_secrets {
                            RawBody::sensitive(raw)
                        } else {
                            RawBody::new(raw)
                        };
                        return Err(Error::Decode(DecodeError::new(message, body)));
                    }
                }
            }
        };
        let total = body.get(self.paging.page_total).and_then(page_number);
        let Some(total) = total else {
            let message = format!(
                "page {page}: `{}` is missing or not a number",
                self.paging.page_total
            );
            let raw = Value::Object(body).to_string();
            return Err(Error::Decode(DecodeError::new(message, RawBody::new(raw))));
        };
        self.next_page = (page < total && !items.is_empty()).then_some(page + 1);
        self.buffer = items.into();
        Ok(())
    }
}

/// A page number from a JSON number or a string holding one.
fn page_number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
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
                this.next_page = None;
                return Poll::Ready(Some(Err(error)));
            }
            if let Some(pending) = &mut this.pending {
                let result = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(result) => result,
                };
                this.pending = None;
                let page = this.next_page.take().unwrap_or_default();
                if let Err(error) = result.and_then(|body| this.accept(page, body)) {
                    this.buffer.clear();
                    this.next_page = None;
                    return Poll::Ready(Some(Err(error)));
                }
                continue;
            }
            match this.next_page {
                Some(page) => this.fetch(page),
                None => return Poll::Ready(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_read_numbers_and_strings() {
        assert_eq!(page_number(&Value::from(3)), Some(3));
        assert_eq!(page_number(&Value::from("4")), Some(4));
        assert_eq!(page_number(&Value::from(" 5 ")), Some(5));
        assert_eq!(page_number(&Value::from(-1)), None);
        assert_eq!(page_number(&Value::Null), None);
    }
}
