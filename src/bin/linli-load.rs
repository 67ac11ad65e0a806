//! A bounded load test of a sync server (run by `scripts/load-test.sh`,
//! which starts Apache CouchDB; the test command runs 30 s of it): N simulated
//! committee phones — the app's own sync rounds over an in-memory phone —
//! make bookings and edit them for a fixed time, each pushing after every
//! change and pulling whenever its long-poll says the server has news.
//! Then every phone syncs until nothing moves, and the run proves that no
//! record was lost or written twice and that every phone and the server
//! hold the same, later-edit-wins version of each. Prints the response
//! times per kind of request.
//!
//!   linli-load --server http://127.0.0.1:5992/ --community load \
//!     --phones 50 --seconds 60   (accounts phone1…phoneN, password "load")

use jiff::Timestamp;
use linli::domain::{Booking, Community, DeviceId, LocalDateTime, Meta, Organiser, Record, Space};
use linli::sync::memory::MemoryPhone;
use linli::sync::{pull, push, ChangesPage, Database, DocResult, Seq, Server, ServerError};
use serde::Deserialize;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};
use uuid::Uuid;

const PASSWORD: &str = "load";

/// Runs a future whose every wait is a blocking HTTP call: it never pends.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            return v;
        }
    }
}

/// Response times by kind of request, in milliseconds.
#[derive(Default)]
struct Timings {
    by_kind: BTreeMap<&'static str, Vec<f64>>,
    conflicts: usize,
    failures: usize,
}

impl Timings {
    fn add(&mut self, kind: &'static str, started: Instant) {
        self.by_kind
            .entry(kind)
            .or_default()
            .push(started.elapsed().as_secs_f64() * 1000.0);
    }

    fn merge(&mut self, other: Timings) {
        for (k, v) in other.by_kind {
            self.by_kind.entry(k).or_default().extend(v);
        }
        self.conflicts += other.conflicts;
        self.failures += other.failures;
    }
}

/// One phone's session on the server, over blocking HTTP.
struct Http {
    agent: ureq::Agent,
    base: String,
    community: String,
    cookie: String,
    timings: RefCell<Timings>,
}

impl Http {
    fn sign_in(base: &str, community: &str, user: &str) -> Result<Http, String> {
        Http::sign_in_waiting(base, community, user, 60)
    }

    /// A session whose requests give up after `seconds`.
    fn sign_in_waiting(
        base: &str,
        community: &str,
        user: &str,
        seconds: u64,
    ) -> Result<Http, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(seconds)))
            .build()
            .into();
        let response = agent
            .post(&format!("{base}_session"))
            .header("Content-Type", "application/json")
            .send(json!({ "name": user, "password": PASSWORD }).to_string())
            .map_err(|e| e.to_string())?;
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .ok_or_else(|| format!("{user}: no session ({})", response.status()))?
            .to_string();
        Ok(Http {
            agent,
            base: base.to_string(),
            community: community.to_string(),
            cookie,
            timings: RefCell::default(),
        })
    }

    fn url(&self, db: Database, path: &str) -> String {
        format!("{}{}{path}", self.base, db.server_name(&self.community))
    }

    fn call(
        &self,
        kind: &'static str,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<Value, ServerError> {
        let started = Instant::now();
        let request = match method {
            "POST" => self
                .agent
                .post(url)
                .header("Content-Type", "application/json"),
            _ => {
                let r = self.agent.get(url).header("Cookie", &self.cookie);
                return self.answer(kind, started, r.call());
            }
        }
        .header("Cookie", &self.cookie);
        self.answer(kind, started, request.send(body.unwrap_or_default()))
    }

    fn answer(
        &self,
        kind: &'static str,
        started: Instant,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Value, ServerError> {
        let mut response = match sent {
            Ok(r) => r,
            Err(_) => {
                self.timings.borrow_mut().failures += 1;
                return Err(ServerError::Unreachable);
            }
        };
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        self.timings.borrow_mut().add(kind, started);
        if !(200..300).contains(&status) {
            self.timings.borrow_mut().failures += 1;
            return Err(ServerError::of_answer(status, &text));
        }
        serde_json::from_str(&text).map_err(|e| ServerError::Other {
            status,
            reason: e.to_string(),
        })
    }
}

#[derive(Deserialize)]
struct ChangesReply {
    results: Vec<Value>,
    last_seq: Value,
    #[serde(default)]
    pending: Option<u64>,
}

impl Server for Http {
    async fn doc_count(&self, db: Database) -> Result<u64, ServerError> {
        let info = self.call("db info", "GET", &self.url(db, ""), None)?;
        Ok(info["doc_count"].as_u64().unwrap_or(0))
    }

    async fn changes(
        &self,
        db: Database,
        since: &Seq,
        limit: usize,
    ) -> Result<ChangesPage, ServerError> {
        let url = self.url(
            db,
            &format!(
                "/_changes?since={}&include_docs=true&limit={limit}",
                since.as_param()
            ),
        );
        let reply: ChangesReply =
            serde_json::from_value(self.call("changes page", "GET", &url, None)?).map_err(|e| {
                ServerError::Other {
                    status: 200,
                    reason: e.to_string(),
                }
            })?;
        Ok(ChangesPage {
            rows: reply.results.len(),
            docs: reply
                .results
                .into_iter()
                .filter_map(|r| r.get("doc").cloned())
                .collect(),
            last_seq: Seq(reply.last_seq),
            pending: reply.pending,
        })
    }

    async fn bulk_docs(&self, db: Database, docs: &[Value]) -> Result<Vec<DocResult>, ServerError> {
        let body = json!({ "docs": docs }).to_string();
        let rows = self.call(
            "bulk_docs",
            "POST",
            &self.url(db, "/_bulk_docs"),
            Some(body),
        )?;
        let rows = rows.as_array().cloned().unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|row| {
                let id = row["id"].as_str().unwrap_or_default().to_string();
                match (row["rev"].as_str(), row["error"].as_str()) {
                    (Some(rev), None) => DocResult::Saved {
                        id,
                        rev: rev.to_string(),
                    },
                    (_, Some("conflict")) => {
                        self.timings.borrow_mut().conflicts += 1;
                        DocResult::Conflict { id }
                    }
                    (_, Some("forbidden" | "unauthorized")) => DocResult::Refused {
                        id,
                        reason: row["reason"].as_str().unwrap_or_default().to_string(),
                    },
                    _ => DocResult::Failed {
                        id,
                        reason: row.to_string(),
                    },
                }
            })
            .collect())
    }

    async fn fetch(&self, db: Database, ids: &[String]) -> Result<Vec<Value>, ServerError> {
        let body = json!({ "keys": ids }).to_string();
        let url = self.url(db, "/_all_docs?include_docs=true");
        let reply = self.call("all_docs", "POST", &url, Some(body))?;
        Ok(reply["rows"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|row| row.get("doc").filter(|d| !d.is_null()).cloned())
            .collect())
    }
}

/// A booking of `space`, on one of 30 days from 4 January 2027, one hour.
fn booking(space: Uuid, slot: u64, device: &DeviceId) -> Booking {
    let day = slot % 30;
    let hour = 8 + (slot / 30) % 12;
    let start: LocalDateTime = format!("2027-01-{:02}T{hour:02}:00", 4 + day % 27)
        .parse()
        .expect("a fixed-width time");
    Booking {
        meta: Meta::new(Uuid::new_v4(), Timestamp::now(), device),
        title: format!("{} #{slot}", device.0),
        organiser: Organiser {
            name: device.0.clone(),
            ..Organiser::default()
        },
        ..Booking::stand_in(space, start, start.plus_minutes(60), 5)
    }
}

/// Every edit made anywhere, to know which version must win.
#[derive(Default)]
struct Ledger {
    created: Vec<Uuid>,
    /// id → (updated_at, device, title) of the latest change.
    latest: HashMap<Uuid, (Timestamp, String, String)>,
    changes: usize,
}

impl Ledger {
    fn note(&mut self, b: &Booking, created: bool) {
        if created {
            self.created.push(b.meta.id);
        }
        self.changes += 1;
        let key = (
            b.meta.updated_at,
            b.meta.device_id.0.clone(),
            b.title.clone(),
        );
        let entry = self.latest.entry(b.meta.id).or_insert(key.clone());
        if (key.0, &key.1) > (entry.0, &entry.1) {
            *entry = key;
        }
    }
}

struct Options {
    server: String,
    community: String,
    phones: usize,
    seconds: u64,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    Options {
        server: get("--server").unwrap_or_else(|| "http://127.0.0.1:5992/".into()),
        community: get("--community").unwrap_or_else(|| "load".into()),
        phones: get("--phones").and_then(|v| v.parse().ok()).unwrap_or(50),
        seconds: get("--seconds").and_then(|v| v.parse().ok()).unwrap_or(60),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One phone's minute: changes, pushes, and pulls when its long-poll wakes.
fn run_phone(
    o: &Options,
    n: usize,
    space: Uuid,
    deadline: Instant,
    ledger: &Mutex<Ledger>,
    stop: &Arc<AtomicBool>,
) -> Result<(MemoryPhone, Http, Timings, usize), String> {
    let user = format!("phone{n}");
    let http = Http::sign_in(&o.server, &o.community, &user)?;
    let phone = MemoryPhone::new(&user);
    block_on(pull(&phone, &http, Database::Committee, &mut |_| {}))
        .map_err(|e| format!("{e:?}"))?;
    // The long-poll, on its own connection, as the app keeps one open.
    let (woke, wake) = mpsc::channel::<()>();
    let watcher = {
        // The server is asked to answer within 5 s; the client gives up
        // after 6 s, in case a server or proxy holds the long-poll longer.
        let watch = Http::sign_in_waiting(&o.server, &o.community, &user, 6)?;
        let stop = stop.clone();
        let start = watch.call("db info", "GET", &watch.url(Database::Committee, ""), None);
        let mut since = start
            .map(|i| i["update_seq"].clone())
            .unwrap_or(Value::Null);
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let url = watch.url(
                    Database::Committee,
                    &format!(
                        "/_changes?feed=longpoll&since={}&limit=1&timeout=5000",
                        Seq(since.clone()).as_param()
                    ),
                );
                match watch.call("long-poll", "GET", &url, None) {
                    Ok(reply) => {
                        if reply["results"].as_array().is_some_and(|r| !r.is_empty()) {
                            let _ = woke.send(());
                        }
                        since = reply["last_seq"].clone();
                    }
                    Err(_) => {}
                }
            }
            // A long-poll that timed out is no failure.
            let mut t = watch.timings.into_inner();
            t.failures = 0;
            t
        })
    };
    let mut slot = n as u64 * 7919;
    let mut mine: Vec<Uuid> = Vec::new();
    let mut rounds = 0;
    while Instant::now() < deadline {
        slot = slot
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let here = phone.community();
        let edit = !here.bookings.is_empty() && slot % 3 == 0;
        let changed = if edit {
            let mut b = here.bookings[(slot >> 33) as usize % here.bookings.len()].clone();
            b.title = format!("{user} edit {}", slot >> 40);
            b.meta.touch(Timestamp::now(), &phone.device);
            ledger.lock().map_err(|e| e.to_string())?.note(&b, false);
            b
        } else {
            let b = booking(space, slot >> 33, &phone.device);
            mine.push(b.meta.id);
            ledger.lock().map_err(|e| e.to_string())?.note(&b, true);
            b
        };
        phone.write(vec![changed.into_any()]);
        let _ = block_on(push(&phone, &http, Database::Committee, &()));
        if wake.try_recv().is_ok() {
            while wake.try_recv().is_ok() {}
            let _ = block_on(pull(&phone, &http, Database::Committee, &mut |_| {}));
        }
        rounds += 1;
        std::thread::sleep(Duration::from_millis(500 + (slot >> 50) % 1000));
    }
    stop.store(true, Ordering::Relaxed);
    let timings = watcher.join().unwrap_or_default();
    Ok((phone, http, timings, rounds))
}

fn main() {
    let o = options();
    let admin = Http::sign_in(&o.server, &o.community, "phone1").unwrap_or_else(|e| {
        eprintln!("cannot sign in: {e}");
        std::process::exit(1);
    });
    // A space for everyone's bookings, from the first phone.
    let first = MemoryPhone::new("phone1");
    let space = Space {
        meta: Meta::new(Uuid::new_v4(), Timestamp::now(), &first.device),
        name: "负载测试活动室".into(),
        kind: linli::domain::SpaceKind::CommonRoom,
        location: String::new(),
        capacity: 40,
        opening_hours: Vec::new(),
        rules: linli::domain::BookingRules {
            slot_minutes: 30,
            min_minutes: 30,
            max_minutes: 240,
            advance_days: 60,
            buffer_minutes: 0,
            needs_approval: false,
        },
        amenities: Vec::new(),
        notes: String::new(),
        active: true,
    };
    let space_id = space.meta.id;
    first.write(vec![space.into_any()]);
    if let Err(e) = block_on(push(&first, &admin, Database::Committee, &())) {
        eprintln!("cannot write the space: {e:?}");
        std::process::exit(1);
    }
    let ledger = Mutex::new(Ledger::default());
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(o.seconds);
    println!(
        "{} phones for {} s against {}{} …",
        o.phones, o.seconds, o.server, o.community
    );
    let results: Vec<Result<(MemoryPhone, Http, Timings, usize), String>> =
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..=o.phones)
                .map(|n| {
                    let (o, ledger, stop) = (&o, &ledger, &stop);
                    s.spawn(move || run_phone(o, n, space_id, deadline, ledger, stop))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err("a phone panicked".into())))
                .collect()
        });
    let elapsed = started.elapsed();
    let mut timings = Timings::default();
    let mut rounds = 0;
    let mut failed = Vec::new();
    for r in &results {
        if let Err(e) = r {
            failed.push(e.clone());
        }
    }
    if !failed.is_empty() {
        eprintln!("phones failed: {failed:?}");
        std::process::exit(1);
    }
    let phones: Vec<(MemoryPhone, Http)> = results
        .into_iter()
        .filter_map(|r| {
            let (phone, http, t, n) = r.ok()?;
            timings.merge(t);
            rounds += n;
            Some((phone, http))
        })
        .collect();

    // Everyone syncs until nothing moves.
    let settle_started = Instant::now();
    for pass in 1..=6 {
        let mut moved = 0;
        for (phone, http) in &phones {
            let p = block_on(pull(phone, http, Database::Committee, &mut |_| {}));
            let q = block_on(push(phone, http, Database::Committee, &()));
            match (p, q) {
                (Ok(p), Ok(q)) => moved += p.received + q.sent,
                (p, q) => eprintln!("pass {pass}: {p:?} {q:?}"),
            }
        }
        if moved == 0 && pass > 1 {
            break;
        }
    }
    let settled_in = settle_started.elapsed();

    // The proof: the server holds each created booking once, with the
    // latest edit; every phone holds exactly the server's records.
    let ledger = ledger.into_inner().unwrap_or_default();
    let server_view = MemoryPhone::new("checker");
    let _ = block_on(pull(&server_view, &admin, Database::Committee, &mut |_| {}));
    let on_server = server_view.community();
    let ids: Vec<Uuid> = on_server.bookings.iter().map(|b| b.meta.id).collect();
    let mut created = ledger.created.clone();
    created.sort();
    let mut found = ids.clone();
    found.sort();
    let lost = created
        .iter()
        .filter(|id| found.binary_search(id).is_err())
        .count();
    let extra = found
        .iter()
        .filter(|id| created.binary_search(id).is_err())
        .count();
    let wrong_version = on_server
        .bookings
        .iter()
        .filter(|b| ledger.latest.get(&b.meta.id).map(|l| &l.2) != Some(&b.title))
        .count();
    let sorted = |c: Community| {
        let mut r = c.into_records();
        r.sort_by_key(|x| (x.kind(), x.meta().id));
        r
    };
    let server_sorted = sorted(on_server.clone());
    let unequal = phones
        .iter()
        .filter(|(p, _)| sorted(p.community()) != server_sorted)
        .count();

    for (_, http) in &phones {
        timings.merge(std::mem::take(&mut *http.timings.borrow_mut()));
    }
    println!();
    println!(
        "{} phones, {:.0} s of changes: {} changes ({} bookings made, {} edits), {} push/pull rounds, {} conflicts (409) merged, {} failed requests",
        o.phones,
        elapsed.as_secs_f64().min(o.seconds as f64),
        ledger.changes,
        ledger.created.len(),
        ledger.changes - ledger.created.len(),
        rounds,
        timings.conflicts,
        timings.failures
    );
    println!();
    println!("| request | count | p50 ms | p95 ms | max ms |");
    println!("|---|---|---|---|---|");
    // A long-poll's time is how long the server had nothing to say: it is
    // counted, not timed.
    for (kind, mut times) in timings.by_kind {
        if kind == "long-poll" {
            println!(
                "| long-poll (held until a change) | {} | | | |",
                times.len()
            );
            continue;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {kind} | {} | {:.0} | {:.0} | {:.0} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().copied().unwrap_or(0.0)
        );
    }
    println!();
    println!(
        "settled in {:.1} s; server: {} bookings; lost {lost}, unknown {extra}, not the latest edit {wrong_version}; phones unlike the server: {unequal}",
        settled_in.as_secs_f64(),
        ids.len()
    );
    if lost + extra + wrong_version + unequal > 0 || ids.len() != created.len() {
        println!("FAILED: records lost, duplicated or out of step");
        std::process::exit(1);
    }
    println!("OK: every record once, the latest edit everywhere, every phone equal to the server");
}
