//! The CouchDB HTTP API over the browser's fetch (gloo-net), on this
//! app's own origin: the server is proxied under a path such as
//! `/couchdb/`, so the page keeps `connect-src 'self'` and the server's
//! session cookie (`AuthSession`, HttpOnly) goes with every request
//! without the app ever holding a password.

use crate::sync::{ChangesPage, Connection, Database, DocResult, Seq, Server, ServerError};
use futures::future::{select, Either};
use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::Deserialize;
use serde_json::{json, Value};
use web_sys::AbortController;

/// How long an ordinary request may take before the server counts as
/// unreachable (a big `_changes` page on a slow line takes a while).
const REQUEST_MS: u32 = 60_000;
/// A long-poll asks the server to answer within this much…
const WATCH_SERVER_MS: u32 = 25_000;
/// …and gives up on its own a little later (a proxy may hold it).
const WATCH_CLIENT_MS: u32 = 35_000;

/// A community's databases on its server, as one account.
#[derive(Clone, Debug)]
pub struct Client {
    base: String,
    community: String,
}

fn encode(part: &str) -> String {
    String::from(js_sys::encode_uri_component(part))
}

/// What an answer that is not a success means (`ServerError::of_answer`).
async fn failure(response: &Response) -> ServerError {
    let body = response.text().await.unwrap_or_default();
    ServerError::of_answer(response.status(), &body)
}

/// Sends `request`, giving up after `ms` (then the fetch is aborted).
async fn send(request: RequestBuilder, ms: u32) -> Result<Response, ServerError> {
    let abort = AbortController::new().map_err(|_| ServerError::Unreachable)?;
    let request = request.abort_signal(Some(&abort.signal()));
    send_built(
        request.build().map_err(|_| ServerError::Unreachable)?,
        abort,
        ms,
    )
    .await
}

async fn send_built(
    request: Request,
    abort: AbortController,
    ms: u32,
) -> Result<Response, ServerError> {
    let fetch = Box::pin(request.send());
    match select(fetch, TimeoutFuture::new(ms)).await {
        Either::Left((Ok(response), _)) => Ok(response),
        Either::Left((Err(_), _)) => Err(ServerError::Unreachable),
        Either::Right(_) => {
            abort.abort();
            Err(ServerError::Unreachable)
        }
    }
}

async fn json_of<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, ServerError> {
    if !response.ok() {
        return Err(failure(&response).await);
    }
    // A success that is not the JSON asked for: a web page served at
    // this address (a mistyped path falling back to a site's index).
    response
        .json()
        .await
        .map_err(|_| ServerError::NotSyncServer)
}

/// Who the server says this browser is signed in as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Account {
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Deserialize)]
struct SessionInfo {
    #[serde(rename = "userCtx")]
    user: Account,
}

/// Signs in at `base` (e.g. `/couchdb/`): the server answers with a
/// session cookie the browser keeps. Wrong name or password is
/// `SignedOut`.
pub async fn sign_in(base: &str, name: &str, password: &str) -> Result<Account, ServerError> {
    let body = json!({ "name": name, "password": password });
    let request = Request::post(&format!("{base}_session"))
        .json(&body)
        .map_err(|_| ServerError::Unreachable)?;
    let abort = AbortController::new().map_err(|_| ServerError::Unreachable)?;
    let response = send_built(request, abort, REQUEST_MS).await?;
    let account: Account = json_of(response).await?;
    Ok(Account {
        name: account.name.or_else(|| Some(name.to_string())),
        roles: account.roles,
    })
}

/// The account of the current session, if it has not ended.
pub async fn session(base: &str) -> Result<Account, ServerError> {
    let response = send(Request::get(&format!("{base}_session")), REQUEST_MS).await?;
    let info: SessionInfo = json_of(response).await?;
    if info.user.name.is_none() {
        return Err(ServerError::SignedOut);
    }
    Ok(info.user)
}

/// Ends the session (the cookie is dropped). Best effort: disconnecting
/// does not wait for a server that cannot be reached.
pub async fn sign_out(base: &str) {
    let _ = send(Request::delete(&format!("{base}_session")), 5_000).await;
}

#[derive(Deserialize)]
struct DbInfo {
    #[serde(default)]
    doc_count: u64,
}

#[derive(Deserialize)]
struct ChangesReply {
    results: Vec<ChangeRow>,
    last_seq: Value,
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct ChangeRow {
    #[serde(default)]
    doc: Option<Value>,
}

#[derive(Deserialize)]
struct BulkRow {
    #[serde(default)]
    id: String,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
struct AllDocsReply {
    rows: Vec<AllDocsRow>,
}

#[derive(Deserialize)]
struct AllDocsRow {
    #[serde(default)]
    key: String,
    #[serde(default)]
    value: Option<RowValue>,
    #[serde(default)]
    doc: Option<Value>,
}

#[derive(Deserialize)]
struct RowValue {
    rev: String,
    #[serde(default)]
    deleted: bool,
}

impl Client {
    pub fn new(connection: &Connection) -> Client {
        Client {
            base: connection.server.clone(),
            community: connection.community.clone(),
        }
    }

    fn url(&self, db: Database, path: &str) -> String {
        format!(
            "{}{}{path}",
            self.base,
            encode(&db.server_name(&self.community))
        )
    }

    /// Waits until `db` has a change after `since`, or a while has passed
    /// (`false`), or `stop` is aborted. A long-poll of one row without
    /// documents: the pull that follows reads them.
    pub async fn watch(
        &self,
        db: Database,
        since: &Seq,
        stop: &AbortController,
    ) -> Result<bool, ServerError> {
        let request = Request::get(&self.url(db, "/_changes"))
            .query([
                ("feed", "longpoll".to_string()),
                ("since", since.as_param()),
                ("limit", "1".to_string()),
                ("timeout", WATCH_SERVER_MS.to_string()),
            ])
            .abort_signal(Some(&stop.signal()))
            .build()
            .map_err(|_| ServerError::Unreachable)?;
        let fetch = Box::pin(request.send());
        let response = match select(fetch, TimeoutFuture::new(WATCH_CLIENT_MS)).await {
            Either::Left((Ok(response), _)) => response,
            Either::Left((Err(_), _)) => return Err(ServerError::Unreachable),
            Either::Right(_) => {
                stop.abort();
                return Ok(false);
            }
        };
        let reply: ChangesReply = json_of(response).await?;
        Ok(!reply.results.is_empty())
    }
}

impl Server for Client {
    async fn doc_count(&self, db: Database) -> Result<u64, ServerError> {
        let response = send(Request::get(&self.url(db, "")), REQUEST_MS).await?;
        Ok(json_of::<DbInfo>(response).await?.doc_count)
    }

    async fn changes(
        &self,
        db: Database,
        since: &Seq,
        limit: usize,
    ) -> Result<ChangesPage, ServerError> {
        let request = Request::get(&self.url(db, "/_changes")).query([
            ("since", since.as_param()),
            ("include_docs", "true".to_string()),
            ("limit", limit.to_string()),
        ]);
        let reply: ChangesReply = json_of(send(request, REQUEST_MS).await?).await?;
        Ok(ChangesPage {
            rows: reply.results.len(),
            docs: reply.results.into_iter().filter_map(|r| r.doc).collect(),
            last_seq: Seq(reply.last_seq),
            pending: reply.pending,
        })
    }

    async fn bulk_docs(&self, db: Database, docs: &[Value]) -> Result<Vec<DocResult>, ServerError> {
        let body = json!({ "docs": docs });
        let request = Request::post(&self.url(db, "/_bulk_docs"))
            .json(&body)
            .map_err(|_| ServerError::Unreachable)?;
        let abort = AbortController::new().map_err(|_| ServerError::Unreachable)?;
        let rows: Vec<BulkRow> = json_of(send_built(request, abort, REQUEST_MS).await?).await?;
        // Some servers answer an ended session document by document
        // ("unauthorized") where CouchDB answers 401: ask which it was.
        if rows
            .iter()
            .any(|r| r.error.as_deref() == Some("unauthorized"))
        {
            session(&self.base).await?;
        }
        Ok(rows
            .into_iter()
            .map(|row| match (row.rev, row.error.as_deref()) {
                (Some(rev), None) => DocResult::Saved { id: row.id, rev },
                (_, Some("conflict")) => DocResult::Conflict { id: row.id },
                (_, Some("forbidden" | "unauthorized")) => DocResult::Refused {
                    id: row.id,
                    reason: row.reason.unwrap_or_default(),
                },
                (_, error) => DocResult::Failed {
                    id: row.id,
                    reason: row.reason.or(error.map(str::to_string)).unwrap_or_default(),
                },
            })
            .collect())
    }

    async fn fetch(&self, db: Database, ids: &[String]) -> Result<Vec<Value>, ServerError> {
        let body = json!({ "keys": ids });
        let request = Request::post(&self.url(db, "/_all_docs?include_docs=true"))
            .json(&body)
            .map_err(|_| ServerError::Unreachable)?;
        let abort = AbortController::new().map_err(|_| ServerError::Unreachable)?;
        let reply: AllDocsReply = json_of(send_built(request, abort, REQUEST_MS).await?).await?;
        Ok(reply
            .rows
            .into_iter()
            .filter_map(|row| match (row.doc, row.value) {
                (Some(doc), _) if !doc.is_null() => Some(doc),
                (_, Some(v)) if v.deleted => {
                    Some(json!({ "_id": row.key, "_rev": v.rev, "_deleted": true }))
                }
                _ => None,
            })
            .collect())
    }
}
