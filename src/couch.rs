//! The CouchDB HTTP API over the browser's fetch (gloo-net), on this
//! app's own origin: the server is proxied under a path such as
//! `/couchdb/`, so the page keeps `connect-src 'self'` and the server's
//! session cookie (`AuthSession`, HttpOnly) goes with every request
//! without the app ever holding a password.

use crate::sync::{
    ChangesPage, Connection, ContactKey, Database, DocResult, Seq, Server, ServerError,
};
use futures::future::{select, Either};
use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
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

/// A request with a way to call it off.
fn with_abort(request: RequestBuilder) -> Result<(RequestBuilder, AbortController), ServerError> {
    let abort = AbortController::new().map_err(|_| ServerError::Unreachable)?;
    Ok((request.abort_signal(Some(&abort.signal())), abort))
}

/// Sends `request` and reads its whole answer as `T`, all within `ms`;
/// then the fetch is aborted. The answer's body counts too: CouchDB sends
/// a long-poll's headers at once, and a server that goes away after its
/// headers must not hold the phone forever.
async fn ask<T: DeserializeOwned>(
    request: Request,
    abort: AbortController,
    ms: u32,
) -> Result<T, ServerError> {
    match within(request, ms).await {
        Some(answer) => answer,
        None => {
            abort.abort();
            Err(ServerError::Unreachable)
        }
    }
}

/// The answer to `request` as `T`, or `None` when `ms` passed first.
async fn within<T: DeserializeOwned>(request: Request, ms: u32) -> Option<Result<T, ServerError>> {
    let exchange = Box::pin(async move {
        let response = request.send().await.map_err(|_| ServerError::Unreachable)?;
        json_of(response).await
    });
    match select(exchange, TimeoutFuture::new(ms)).await {
        Either::Left((answer, _)) => Some(answer),
        Either::Right(_) => None,
    }
}

/// A GET, DELETE or other request without a body, answered as `T`.
async fn ask_plain<T: DeserializeOwned>(
    request: RequestBuilder,
    ms: u32,
) -> Result<T, ServerError> {
    let (request, abort) = with_abort(request)?;
    ask(
        request.build().map_err(|_| ServerError::Unreachable)?,
        abort,
        ms,
    )
    .await
}

/// A request with a JSON body, answered as `T`.
async fn ask_json<T: DeserializeOwned>(
    request: RequestBuilder,
    body: &Value,
) -> Result<T, ServerError> {
    let (request, abort) = with_abort(request)?;
    let request = request.json(body).map_err(|_| ServerError::Unreachable)?;
    ask(request, abort, REQUEST_MS).await
}

/// The answer as `T`. A body cut off half-way is the network's failure; a
/// success that is not the JSON asked for is a web page served at this
/// address (a mistyped path falling back to a site's index).
async fn json_of<T: DeserializeOwned>(response: Response) -> Result<T, ServerError> {
    let body = response
        .text()
        .await
        .map_err(|_| ServerError::Unreachable)?;
    if !response.ok() {
        return Err(ServerError::of_answer(response.status(), &body));
    }
    serde_json::from_str(&body).map_err(|_| ServerError::NotSyncServer)
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
    let account: Account = ask_json(Request::post(&format!("{base}_session")), &body).await?;
    Ok(Account {
        name: account.name.or_else(|| Some(name.to_string())),
        roles: account.roles,
    })
}

/// The account of the current session, if it has not ended.
pub async fn session(base: &str) -> Result<Account, ServerError> {
    let info: SessionInfo = ask_plain(Request::get(&format!("{base}_session")), REQUEST_MS).await?;
    if info.user.name.is_none() {
        return Err(ServerError::SignedOut);
    }
    Ok(info.user)
}

/// Ends the session (the cookie is dropped). Best effort: disconnecting
/// does not wait for a server that cannot be reached.
pub async fn sign_out(base: &str) {
    let _ = ask_plain::<Value>(Request::delete(&format!("{base}_session")), 5_000).await;
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

    /// The community's contact key as the public database's design
    /// document publishes it (`None` on a server set up before there was
    /// one).
    pub async fn contact_key(&self) -> Result<Option<ContactKey>, ServerError> {
        let design: Value = ask_plain(
            Request::get(&self.url(Database::Public, "/_design/linli")),
            REQUEST_MS,
        )
        .await?;
        Ok(ContactKey::from_design(&design))
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
        let reply: ChangesReply = match within(request, WATCH_CLIENT_MS).await {
            Some(answer) => answer?,
            None => {
                stop.abort();
                return Ok(false);
            }
        };
        Ok(!reply.results.is_empty())
    }
}

impl Server for Client {
    async fn doc_count(&self, db: Database) -> Result<u64, ServerError> {
        let info: DbInfo = ask_plain(Request::get(&self.url(db, "")), REQUEST_MS).await?;
        Ok(info.doc_count)
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
        let reply: ChangesReply = ask_plain(request, REQUEST_MS).await?;
        Ok(ChangesPage {
            rows: reply.results.len(),
            docs: reply.results.into_iter().filter_map(|r| r.doc).collect(),
            last_seq: Seq(reply.last_seq),
            pending: reply.pending,
        })
    }

    async fn bulk_docs(&self, db: Database, docs: &[Value]) -> Result<Vec<DocResult>, ServerError> {
        let body = json!({ "docs": docs });
        let rows: Vec<BulkRow> =
            ask_json(Request::post(&self.url(db, "/_bulk_docs")), &body).await?;
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
        let reply: AllDocsReply = ask_json(
            Request::post(&self.url(db, "/_all_docs?include_docs=true")),
            &body,
        )
        .await?;
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
