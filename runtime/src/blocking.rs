//! A blocking client for callers without an async runtime (cargo feature
//! `blocking`).
//!
//! [`Client`] wraps the async [`crate::Client`] and a single-threaded tokio
//! runtime of its own, and runs each call to completion on the calling
//! thread. Everything else (encoding, validation, retries, token sessions,
//! tracing, errors) is the async client's. Called from inside an async
//! runtime, where blocking that runtime's thread would be a bug, a call runs
//! on a short-lived helper thread instead of panicking.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{BuildError, ClientConfig, Credentials};
use crate::error::{ApiErrorType, Error};
use crate::paging::Paging;
use crate::session::SessionConfig;
use crate::validate::Validate;
use crate::wire::{ApiDescriptor, MethodDescriptor};

/// A blocking client for one API. Cheap to clone; clones share the
/// connection pool, the token session and the runtime.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<OwnedRuntime>,
}

/// The client's runtime. Dropping a tokio runtime blocks until its tasks
/// end, which tokio forbids (with a panic) inside another runtime, so there
/// it is shut down in the background instead.
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl OwnedRuntime {
    fn get(&self) -> &tokio::runtime::Runtime {
        match &self.0 {
            Some(runtime) => runtime,
            // Only `drop` takes the runtime out.
            None => unreachable!("the runtime is present until drop"),
        }
    }
}

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                runtime.shutdown_background();
            } else {
                drop(runtime);
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingClient")
            .field("client", &self.inner)
            .finish()
    }
}

impl Client {
    /// Builds a blocking client; see [`crate::Client::new`].
    pub fn new(
        api: &'static ApiDescriptor,
        credentials: Credentials,
        config: ClientConfig,
    ) -> Result<Client, BuildError> {
        Client::from_async(crate::Client::new(api, credentials, config)?)
    }

    /// Builds a blocking client with a token session; see
    /// [`crate::Client::with_token_session`].
    pub fn with_token_session(
        api: &'static ApiDescriptor,
        credentials: Credentials,
        config: ClientConfig,
        session: SessionConfig,
    ) -> Result<Client, BuildError> {
        Client::from_async(crate::Client::with_token_session(
            api,
            credentials,
            config,
            session,
        )?)
    }

    /// Wraps an async client (sharing its connection pool and session).
    pub fn from_async(client: crate::Client) -> Result<Client, BuildError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(BuildError::Runtime)?;
        Ok(Client {
            inner: client,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// [`crate::Client::call`], blocking the calling thread until it ends.
    pub fn call<Req, Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
    ) -> Result<Resp, Error<E>>
    where
        Req: Serialize + Validate + Sync + ?Sized,
        Resp: DeserializeOwned + Send,
        E: ApiErrorType,
    {
        self.block_on(self.inner.call(method, request))
    }

    /// Every item of a list method, page after page, as an [`Iterator`];
    /// see [`crate::Pages::new`].
    pub fn pages<T, E, Req>(
        &self,
        method: &'static MethodDescriptor,
        paging: Paging,
        request: &Req,
    ) -> Pages<T, E>
    where
        T: DeserializeOwned + Send,
        E: ApiErrorType,
        Req: Serialize + Validate + ?Sized,
    {
        Pages {
            client: self.clone(),
            pages: crate::Pages::new(&self.inner, method, paging, request),
        }
    }

    fn block_on<F>(&self, future: F) -> F::Output
    where
        F: Future + Send,
        F::Output: Send,
    {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.get().block_on(future);
        }
        // Inside an async runtime, which must not be blocked from within:
        // drive the call from a helper thread and wait for it.
        std::thread::scope(|scope| {
            match scope.spawn(|| self.runtime.get().block_on(future)).join() {
                Ok(output) => output,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }
}

/// Every item of a list method, page after page, each page fetched on the
/// calling thread when the one before is used up. The blocking form of
/// [`crate::Pages`]: the same items, errors and end (after the last page,
/// as each [`Paging`] style tells it, or the first error, which it yields).
pub struct Pages<T, E> {
    client: Client,
    pages: crate::Pages<T, E>,
}

impl<T, E> fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BlockingPages").field(&self.pages).finish()
    }
}

impl<T, E> Iterator for Pages<T, E>
where
    T: DeserializeOwned + Send,
    E: ApiErrorType,
{
    type Item = Result<T, Error<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.client.block_on(self.pages.next())
    }
}
