//! A response's way back to the caller: its body read within the size
//! limit, the header values the method maps into fields, and the last step
//! that turns both into the call's result.

use crate::decode::{self, Mode};
use crate::error::{ApiErrorType, Error, RawBody, TransportError};
use crate::wire::{ApiDescriptor, MethodDescriptor};

/// A call's last step: from the body of a response to the call's result
/// ([`decode::response`], or [`decode::received`] for the body itself).
/// Its arguments: the API, the method, the status, the values of the
/// method's response headers as (field, value), the body, the mode.
pub(super) type Finish<Resp, E> = fn(
    &ApiDescriptor,
    &MethodDescriptor,
    u16,
    &[(&'static str, String)],
    RawBody,
    Mode,
) -> Result<Resp, Error<E>>;

/// [`decode::received`] as a [`Finish`]: the body as received has no use
/// for header fields.
pub(super) fn received_body<E: ApiErrorType>(
    api: &ApiDescriptor,
    method: &MethodDescriptor,
    status: u16,
    _headers: &[(&'static str, String)],
    body: RawBody,
    mode: Mode,
) -> Result<RawBody, Error<E>> {
    decode::received(api, method, status, body, mode)
}

/// The values of `method`'s response headers that `headers` holds, as
/// (field, value): repeated headers joined with `, ` as HTTP lists are,
/// values that are not visible ASCII left out.
pub(super) fn header_fields(
    method: &MethodDescriptor,
    headers: &reqwest::header::HeaderMap,
) -> Vec<(&'static str, String)> {
    method
        .headers
        .iter()
        .filter_map(|wanted| {
            let values: Vec<&str> = headers
                .get_all(wanted.header)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .map(str::trim)
                .collect();
            (!values.is_empty()).then(|| (wanted.field, values.join(", ")))
        })
        .collect()
}

/// Reads the body, failing as soon as it would exceed `limit` bytes.
pub(super) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, TransportError> {
    let declared = response.content_length();
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(TransportError::body_too_large(limit));
    }
    let capacity = declared.map_or(0, |len| (len as usize).min(limit).min(1 << 20));
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await.map_err(TransportError::http)? {
        if chunk.len() > limit - body.len() {
            return Err(TransportError::body_too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
