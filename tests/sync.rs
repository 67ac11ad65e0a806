//! The sync protocol against a simulated CouchDB: documents, pulls and
//! pushes, conflicts (409), refusals, interrupted rounds, the public
//! database's redaction, and — as a property — three phones that edit,
//! pull and push in any order ending equal with every double booking on
//! record as a clash.

mod common;

use common::{at, booking, space};
use linli::domain::clash::{settle, still_open};
use linli::domain::*;
use linli::exchange::Settler;
use linli::sync::doc::DocReason;
use linli::sync::memory::MemoryPhone;
use linli::sync::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::task::{Context, Poll, Waker};
use uuid::Uuid;

/// Runs a future that never waits (the simulated server answers at once).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the simulated server never waits"),
    }
}

// ---------------------------------------------------------------------
// A CouchDB-like server: revisions, a changes feed, conflicts, failures.

type Validator = fn(&Value, Option<&Value>) -> Result<(), String>;

#[derive(Default)]
struct SimDb {
    /// id → (generation, rev, body, seq)
    docs: BTreeMap<String, (u64, String, Value, u64)>,
    seq: u64,
    validate: Option<Validator>,
}

#[derive(Default)]
struct SimServer {
    dbs: RefCell<HashMap<Database, SimDb>>,
    /// Every request fails (the network is down).
    down: Cell<bool>,
    /// The next `_bulk_docs` stores this many documents, then fails.
    fail_after: Cell<Option<usize>>,
    /// The next `_changes` page fails after this many good pages.
    changes_fail_after: Cell<Option<usize>>,
    page: Cell<usize>,
}

impl SimServer {
    fn with_page(page: usize) -> SimServer {
        let s = SimServer::default();
        s.page.set(page);
        s
    }

    fn check(&self) -> Result<(), ServerError> {
        if self.down.get() {
            Err(ServerError::Unreachable)
        } else {
            Ok(())
        }
    }

    /// Every record the server holds for `db`.
    fn records(&self, db: Database) -> BTreeMap<String, AnyRecord> {
        self.dbs
            .borrow()
            .get(&db)
            .map(|d| {
                d.docs
                    .iter()
                    .map(|(id, (_, _, body, _))| {
                        (
                            id.clone(),
                            from_doc(body).expect("server holds readable docs"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn put_raw(&self, db: Database, doc: Value) {
        let mut dbs = self.dbs.borrow_mut();
        let d = dbs.entry(db).or_default();
        d.seq += 1;
        let id = doc["_id"].as_str().unwrap_or_default().to_string();
        let gen = d.docs.get(&id).map(|x| x.0).unwrap_or(0) + 1;
        let rev = format!("{gen}-{:x}", d.seq);
        let mut body = doc;
        body["_rev"] = json!(rev);
        d.docs.insert(id, (gen, rev, body, d.seq));
    }
}

impl Server for SimServer {
    async fn doc_count(&self, db: Database) -> Result<u64, ServerError> {
        self.check()?;
        Ok(self
            .dbs
            .borrow()
            .get(&db)
            .map(|d| d.docs.len() as u64)
            .unwrap_or(0))
    }

    async fn changes(
        &self,
        db: Database,
        since: &Seq,
        limit: usize,
    ) -> Result<ChangesPage, ServerError> {
        self.check()?;
        if let Some(n) = self.changes_fail_after.get() {
            if n == 0 {
                self.changes_fail_after.set(None);
                return Err(ServerError::Unreachable);
            }
            self.changes_fail_after.set(Some(n - 1));
        }
        let limit = match self.page.get() {
            0 => limit,
            p => p.min(limit),
        };
        let since = since.0.as_u64().unwrap_or(0);
        let dbs = self.dbs.borrow();
        let Some(d) = dbs.get(&db) else {
            return Ok(ChangesPage::default());
        };
        let mut rows: Vec<&(u64, String, Value, u64)> =
            d.docs.values().filter(|x| x.3 > since).collect();
        rows.sort_by_key(|x| x.3);
        let pending = rows.len().saturating_sub(limit) as u64;
        rows.truncate(limit);
        let last = if rows.len() == limit {
            rows.last().map(|x| x.3).unwrap_or(since)
        } else {
            d.seq
        };
        Ok(ChangesPage {
            rows: rows.len(),
            docs: rows.iter().map(|x| x.2.clone()).collect(),
            last_seq: Seq(json!(last)),
            pending: Some(pending),
        })
    }

    async fn bulk_docs(&self, db: Database, docs: &[Value]) -> Result<Vec<DocResult>, ServerError> {
        self.check()?;
        let mut out = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            if self.fail_after.get() == Some(n) {
                self.fail_after.set(None);
                return Err(ServerError::Unreachable);
            }
            let id = doc["_id"].as_str().unwrap_or_default().to_string();
            let rev = doc.get("_rev").and_then(Value::as_str).map(str::to_string);
            let (current, validate) = {
                let dbs = self.dbs.borrow();
                let d = dbs.get(&db);
                (
                    d.and_then(|d| d.docs.get(&id)).cloned(),
                    d.and_then(|d| d.validate),
                )
            };
            if current.as_ref().map(|c| c.1.clone()) != rev {
                out.push(DocResult::Conflict { id });
                continue;
            }
            if let Some(v) = validate {
                if let Err(reason) = v(doc, current.as_ref().map(|c| &c.2)) {
                    out.push(DocResult::Refused { id, reason });
                    continue;
                }
            }
            self.put_raw(db, doc.clone());
            let rev = self.dbs.borrow()[&db].docs[&id].1.clone();
            out.push(DocResult::Saved { id, rev });
        }
        // CouchDB-compatible servers need not keep the order.
        out.reverse();
        Ok(out)
    }

    async fn fetch(&self, db: Database, ids: &[String]) -> Result<Vec<Value>, ServerError> {
        self.check()?;
        let dbs = self.dbs.borrow();
        Ok(ids
            .iter()
            .filter_map(|id| dbs.get(&db)?.docs.get(id).map(|x| x.2.clone()))
            .collect())
    }
}

// ---------------------------------------------------------------------
// A phone: the library's in-memory phone, with a clock of its own.

struct Phone {
    inner: MemoryPhone,
    clock: Cell<i64>,
}

impl std::ops::Deref for Phone {
    type Target = MemoryPhone;
    fn deref(&self) -> &MemoryPhone {
        &self.inner
    }
}

impl Phone {
    fn new(name: &str) -> Phone {
        Phone {
            inner: MemoryPhone::new(name),
            clock: Cell::new(0),
        }
    }

    fn now(&self) -> jiff::Timestamp {
        self.clock.set(self.clock.get() + 1);
        jiff::Timestamp::from_second(1_790_000_000 + self.clock.get()).expect("time")
    }

    fn live_bookings(&self) -> Vec<Booking> {
        self.community()
            .bookings
            .into_iter()
            .filter(Booking::is_live)
            .collect()
    }
}

impl Local for Phone {
    type Error = String;
    async fn checkpoint(&self, db: Database) -> Result<Seq, String> {
        self.inner.checkpoint(db).await
    }
    async fn outgoing(&self, db: Database) -> Result<Outgoing, String> {
        self.inner.outgoing(db).await
    }
    async fn neighbourhood(&self, around: &Community) -> Result<Neighbourhood, String> {
        self.inner.neighbourhood(around).await
    }
    async fn apply(&self, db: Database, applied: Applied) -> Result<(), String> {
        self.inner.apply(db, applied).await
    }
}

fn committee_sync(phone: &Phone, server: &SimServer) -> Result<Report, SyncError<String>> {
    block_on(sync_once(
        phone,
        server,
        &[Database::Committee],
        &(),
        &mut |_| {},
    ))
}

/// A round that found nothing to do either way, with the server answering.
fn quiet() -> Report {
    Report {
        answered: true,
        ..Report::default()
    }
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().expect("timestamp")
}

fn space_at(id: u128) -> Space {
    let mut s = space(0);
    s.meta.id = Uuid::from_u128(id);
    s.name = format!("活动室 {id}");
    s
}

// ---------------------------------------------------------------------
// Documents.

#[test]
fn a_record_is_one_document_whose_id_says_its_kind_and_whose_body_is_the_record() {
    let b = booking(7, "2026-12-01T09:00", "2026-12-01T10:00");
    let doc = to_doc(&b.clone().into_any(), Some("3-abc"), Audience::Committee);
    assert_eq!(doc["_id"], json!(format!("booking:{}", Uuid::from_u128(7))));
    assert_eq!(doc["_rev"], json!("3-abc"));
    assert_eq!(doc["title"], json!(b.title));
    assert_eq!(doc["deleted"], json!(false), "Linli's tombstone is a field");
    assert!(doc.get("_deleted").is_none());
    assert_eq!(from_doc(&doc), Ok(b.clone().into_any()));

    // Fields of a newer app are ignored, as in a file.
    let mut newer = doc.clone();
    newer["colour"] = json!("red");
    assert_eq!(from_doc(&newer), Ok(b.clone().into_any()));
    // A broken one says which field.
    let mut broken = doc.clone();
    broken["start"] = json!("yesterday");
    assert_eq!(
        from_doc(&broken),
        Err(DocReason::Unreadable {
            field: "start".into()
        })
    );
    // The id and the body must name one record.
    let mut other = doc.clone();
    other["_id"] = json!(format!("booking:{}", Uuid::from_u128(8)));
    assert_eq!(from_doc(&other), Err(DocReason::IdMismatch));
    let mut design = doc.clone();
    design["_id"] = json!("_design/linli");
    assert_eq!(from_doc(&design), Err(DocReason::NotARecord));
    let mut gone = doc;
    gone["_deleted"] = json!(true);
    assert_eq!(from_doc(&gone), Err(DocReason::DeletedOnServer));

    assert_eq!(
        parse_doc_id(&doc_id(RecordKind::Assignment, Uuid::from_u128(9))),
        Some((RecordKind::Assignment, Uuid::from_u128(9)))
    );
    assert_eq!(parse_doc_id("booking:not-a-uuid"), None);
    assert_eq!(parse_doc_id("org.couchdb.user:wang"), None);
}

#[test]
fn the_public_database_takes_spaces_and_bookings_without_phones_or_rooms() {
    let mut b = booking(7, "2026-12-01T09:00", "2026-12-01T10:00");
    b.organiser.phone = "13800000000".into();
    b.organiser.room = "3号楼 502".into();
    let doc = to_doc(&b.clone().into_any(), None, Database::Public.audience());
    assert_eq!(doc["organiser"]["phone"], json!(""));
    assert_eq!(doc["organiser"]["room"], json!(""));
    assert_eq!(doc["organiser"]["name"], json!("陈敏"));
    assert!(Database::Public.takes(RecordKind::Booking));
    assert!(Database::Public.takes(RecordKind::Space));
    // Residents' phones mark holidays too.
    assert!(Database::Public.takes(RecordKind::HolidayYear));
    for kind in [
        RecordKind::Volunteer,
        RecordKind::Activity,
        RecordKind::Shift,
        RecordKind::Assignment,
    ] {
        assert!(!Database::Public.takes(kind));
        assert!(Database::Committee.takes(kind));
    }
    assert_eq!(Database::Public.server_name("qingxi"), "qingxi-public");
    let mut any = b.into_any();
    any.blank_for(Audience::Public);
    let AnyRecord::Booking(b) = any else { panic!() };
    assert!(b.organiser.phone.is_empty() && b.organiser.room.is_empty());
}

// ---------------------------------------------------------------------
// Rounds.

#[test]
fn a_change_goes_up_and_comes_down_on_another_phone_and_nothing_goes_twice() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    let report = committee_sync(&a, &server).expect("sync");
    assert_eq!(report.sent, 1);
    // A second round sends nothing: the server has this version.
    assert_eq!(committee_sync(&a, &server).expect("sync"), quiet());

    let report = committee_sync(&b, &server).expect("sync");
    assert_eq!(report.received, 1);
    assert_eq!(report.sent, 0, "what came from the server does not go back");
    assert_eq!(b.community(), a.community());
    assert_eq!(committee_sync(&b, &server).expect("sync"), quiet());

    // An edit on b wins on a.
    let mut s = space_at(1);
    s.name = "安家院儿".into();
    s.meta.touch(ts("2026-12-01T00:00:00Z"), &b.device);
    b.write(vec![s.clone().into_any()]);
    committee_sync(&b, &server).expect("sync");
    committee_sync(&a, &server).expect("sync");
    assert_eq!(a.community().spaces, vec![s]);
}

#[test]
fn a_holiday_arrangement_loaded_on_one_phone_reaches_the_other() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    let year = linli::domain::holidays::HolidayYear::new(
        HolidayArrangement {
            year: 2027,
            papers: vec![],
            days: vec![HolidayDay {
                name: "元旦".into(),
                date: jiff::civil::date(2027, 1, 1),
                is_off_day: true,
            }],
        },
        ts("2026-12-01T00:00:00Z"),
        &a.device,
    );
    a.write(vec![year.clone().into_any()]);
    assert_eq!(committee_sync(&a, &server).expect("sync").sent, 1);
    committee_sync(&b, &server).expect("sync");
    assert_eq!(b.community().holiday_years, vec![year]);
}

#[test]
fn a_conflict_is_merged_by_linlis_rule_and_the_later_edit_wins_on_the_server() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    committee_sync(&a, &server).expect("sync");
    committee_sync(&b, &server).expect("sync");

    // Both edit offline; b's edit is the later one but a pushes last.
    let mut on_a = space_at(1);
    on_a.name = "from a".into();
    on_a.meta.touch(ts("2026-12-01T09:00:00Z"), &a.device);
    let mut on_b = space_at(1);
    on_b.name = "from b".into();
    on_b.meta.touch(ts("2026-12-01T10:00:00Z"), &b.device);
    a.write(vec![on_a.clone().into_any()]);
    b.write(vec![on_b.clone().into_any()]);
    block_on(push(&b, &server, Database::Committee, &())).expect("push b");
    // a's push meets a 409: it fetches b's version, which wins, and takes it.
    let report = block_on(push(&a, &server, Database::Committee, &())).expect("push a");
    assert_eq!((report.sent, report.received), (0, 1));
    assert_eq!(a.community().spaces, vec![on_b.clone()]);
    assert_eq!(
        server
            .records(Database::Committee)
            .into_values()
            .collect::<Vec<_>>(),
        vec![on_b.clone().into_any()]
    );

    // The other way round: the later edit pushes second, on top.
    let mut later = on_b.clone();
    later.name = "from a, later".into();
    later.meta.touch(ts("2026-12-01T11:00:00Z"), &a.device);
    let mut earlier = on_b.clone();
    earlier.name = "from b, earlier".into();
    earlier.meta.touch(ts("2026-12-01T10:30:00Z"), &b.device);
    a.write(vec![later.clone().into_any()]);
    b.write(vec![earlier.into_any()]);
    block_on(push(&b, &server, Database::Committee, &())).expect("push b");
    let report = block_on(push(&a, &server, Database::Committee, &())).expect("push a");
    assert_eq!(report.sent, 1, "a's later edit goes on top of b's");
    committee_sync(&b, &server).expect("sync");
    assert_eq!(b.community().spaces, vec![later.clone()]);
    assert_eq!(a.community().spaces, vec![later]);
}

#[test]
fn a_push_cut_off_half_way_is_done_again_without_loss_or_duplicates() {
    let server = SimServer::default();
    let a = Phone::new("a");
    a.write(vec![space_at(1).into_any()]);
    let bookings: Vec<AnyRecord> = (0..30)
        .map(|i| {
            let day = format!("2026-12-{:02}", i % 28 + 1);
            let mut b = booking(100 + i, &format!("{day}T09:00"), &format!("{day}T10:00"));
            b.start = b.start.plus_minutes(((i / 28) * 120) as i64);
            b.end = b.end.plus_minutes(((i / 28) * 120) as i64);
            b.into_any()
        })
        .collect();
    a.write(bookings);
    server.fail_after.set(Some(12));
    assert_eq!(
        committee_sync(&a, &server),
        Err(SyncError::Server(ServerError::Unreachable))
    );
    assert_eq!(server.records(Database::Committee).len(), 12);
    committee_sync(&a, &server).expect("sync again");
    assert_eq!(server.records(Database::Committee).len(), 31);
    // Revisions: each document written once, the first 12 not again.
    let gens: Vec<u64> = server.dbs.borrow()[&Database::Committee]
        .docs
        .values()
        .map(|x| x.0)
        .collect();
    assert!(gens.iter().all(|g| *g == 1), "{gens:?}");
}

#[test]
fn a_pull_cut_off_half_way_writes_nothing_and_resumes_from_the_same_checkpoint() {
    let server = SimServer::with_page(5);
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    a.write(
        (0..20)
            .map(|i| {
                let day = format!("2026-12-{:02}", i + 1);
                booking(100 + i, &format!("{day}T09:00"), &format!("{day}T10:00")).into_any()
            })
            .collect(),
    );
    committee_sync(&a, &server).expect("sync");
    server.changes_fail_after.set(Some(2));
    assert!(committee_sync(&b, &server).is_err());
    assert!(
        b.community().is_empty(),
        "nothing of a broken pull is written"
    );
    assert_eq!(
        block_on(b.checkpoint(Database::Committee)),
        Ok(Seq::default())
    );
    // A failure while writing leaves the checkpoint too.
    b.fail_next_apply();
    assert!(committee_sync(&b, &server).is_err());
    assert!(b.community().is_empty());
    committee_sync(&b, &server).expect("sync");
    assert_eq!(b.community(), a.community());
}

#[test]
fn a_broken_or_foreign_document_is_reported_with_its_id_and_never_written() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    committee_sync(&a, &server).expect("sync");
    let good = booking(5, "2026-12-01T09:00", "2026-12-01T10:00");
    server.put_raw(
        Database::Committee,
        to_doc(&good.clone().into_any(), None, Audience::Committee),
    );
    let mut impossible = to_doc(
        &booking(6, "2026-12-01T11:00", "2026-12-01T12:00").into_any(),
        None,
        Audience::Committee,
    );
    impossible["end"] = json!("2026-12-01T10:00");
    server.put_raw(Database::Committee, impossible);
    let mut dangling = to_doc(
        &booking(7, "2026-12-02T11:00", "2026-12-02T12:00").into_any(),
        None,
        Audience::Committee,
    );
    dangling["space_id"] = json!(Uuid::from_u128(99));
    server.put_raw(Database::Committee, dangling);
    let mut unreadable = to_doc(
        &booking(8, "2026-12-03T11:00", "2026-12-03T12:00").into_any(),
        None,
        Audience::Committee,
    );
    unreadable["status"] = json!("approved-by-me");
    server.put_raw(Database::Committee, unreadable);
    server.put_raw(Database::Committee, json!({"_id": "stray", "hello": 1}));
    server.put_raw(
        Database::Committee,
        json!({"_id": "_design/linli", "validate_doc_update": "function(){}"}),
    );

    let report = committee_sync(&b, &server).expect("sync");
    assert_eq!(report.received, 2, "the space and the good booking");
    let ids: Vec<Uuid> = b.community().bookings.iter().map(|x| x.meta.id).collect();
    assert_eq!(ids, vec![good.meta.id]);
    let mut found: Vec<(String, DocReason)> = b
        .problems()
        .iter()
        .map(|p| {
            assert_eq!(p.direction, Direction::In);
            (p.doc.clone(), p.reason.clone())
        })
        .collect();
    found.sort_by(|x, y| x.0.cmp(&y.0));
    let id = |n| doc_id(RecordKind::Booking, Uuid::from_u128(n));
    assert_eq!(
        found,
        vec![
            (
                id(6),
                DocReason::Rule {
                    field: "end".into(),
                    reason: linli::exchange::ProblemReason::EndNotAfterStart
                }
            ),
            (
                id(7),
                DocReason::Rule {
                    field: "space_id".into(),
                    reason: linli::exchange::ProblemReason::MissingReference(RecordKind::Space)
                }
            ),
            (
                id(8),
                DocReason::Unreadable {
                    field: "status".into()
                }
            ),
            ("stray".into(), DocReason::NotARecord),
        ]
    );
}

#[test]
fn a_refused_change_stays_on_the_phone_and_is_said_once() {
    let server = SimServer::default();
    server
        .dbs
        .borrow_mut()
        .entry(Database::Committee)
        .or_default()
        .validate = Some(|doc, _| {
        if doc["title"] == json!("forbidden") {
            Err("只有居委可以改".into())
        } else {
            Ok(())
        }
    });
    let a = Phone::new("a");
    a.write(vec![space_at(1).into_any()]);
    let mut b = booking(5, "2026-12-01T09:00", "2026-12-01T10:00");
    b.title = "forbidden".into();
    a.write(vec![b.clone().into_any()]);
    let report = committee_sync(&a, &server).expect("sync");
    assert_eq!((report.sent, report.problems), (1, 1));
    assert_eq!(a.community().bookings, vec![b], "kept on the phone");
    assert_eq!(
        a.problems()[0].reason,
        DocReason::Refused {
            reason: "只有居委可以改".into()
        }
    );
    // Not sent again and again.
    assert_eq!(committee_sync(&a, &server).expect("sync"), quiet());
}

#[test]
fn a_push_with_nothing_to_send_does_not_claim_the_server_answered() {
    // The status line says "in step" only after the server answered: a
    // push with nothing waiting asks it nothing, so it must not say so.
    let server = SimServer::default();
    let a = Phone::new("a");
    a.write(vec![space_at(1).into_any()]);
    let sent = block_on(push(&a, &server, Database::Committee, &())).expect("push");
    assert!(sent.answered && sent.sent == 1);
    let nothing = block_on(push(&a, &server, Database::Committee, &())).expect("push");
    assert_eq!(nothing, Report::default());
    assert!(!nothing.answered);
    let pulled = block_on(pull(&a, &server, Database::Committee, &mut |_| {})).expect("pull");
    assert!(pulled.answered, "a pull always asks the server");
}

#[test]
fn a_resident_phone_sends_only_its_own_requests() {
    let mine = {
        let mut b = booking(5, "2026-12-01T09:00", "2026-12-01T10:00");
        b.requested_by = Some("wang".into());
        b.status = BookingStatus::Requested;
        b.into_any()
    };
    let others = booking(6, "2026-12-01T11:00", "2026-12-01T12:00").into_any();
    assert!(OwnRequests("wang").sends(&mine));
    assert!(!OwnRequests("wang").sends(&others));
    assert!(!OwnRequests("li").sends(&mine));
    assert!(!OwnRequests("wang").sends(&space_at(1).into_any()));
}

#[test]
fn a_committee_phone_keeps_phones_its_public_copies_leave_out() {
    let server = SimServer::default();
    let (keeper, other) = (Phone::new("keeper"), Phone::new("other"));
    let both = [Database::Committee, Database::Public];
    let sync = |p: &Phone| block_on(sync_once(p, &server, &both, &(), &mut |_| {}));
    let mut b = booking(5, "2026-12-01T09:00", "2026-12-01T10:00");
    b.organiser.phone = "13800000000".into();
    keeper.write(vec![space_at(1).into_any(), b.clone().into_any()]);
    sync(&keeper).expect("sync");
    let public = server.records(Database::Public);
    let AnyRecord::Booking(copy) = &public[&doc_id(RecordKind::Booking, b.meta.id)] else {
        panic!()
    };
    assert_eq!(copy.organiser.phone, "", "the public copy has no phone");
    // Pulling the public copy back changes nothing here.
    assert_eq!(sync(&keeper).expect("sync"), quiet());
    assert_eq!(keeper.community().bookings, vec![b.clone()]);
    // Another committee phone ends with the phone, from the committee's database.
    sync(&other).expect("sync");
    assert_eq!(other.community().bookings, vec![b.clone()]);

    // A resident cancels in the public database: the keeper takes the
    // cancellation and keeps the phone number.
    let mut cancelled = copy.clone();
    cancelled.cancel(
        "王",
        "不去了",
        ts("2026-12-01T01:00:00Z"),
        &DeviceId("resident".into()),
    );
    let rev = server.dbs.borrow()[&Database::Public].docs[&doc_id(RecordKind::Booking, b.meta.id)]
        .1
        .clone();
    server.put_raw(
        Database::Public,
        to_doc(&cancelled.clone().into_any(), Some(&rev), Audience::Public),
    );
    sync(&keeper).expect("sync");
    let here = &keeper.community().bookings[0];
    assert_eq!(here.status, BookingStatus::Cancelled);
    assert_eq!(here.organiser.phone, "13800000000");
    // ... and passes it to the committee's database, phone included.
    let full = server.records(Database::Committee);
    assert_eq!(
        full[&doc_id(RecordKind::Booking, b.meta.id)],
        here.clone().into_any()
    );
    sync(&other).expect("sync");
    assert_eq!(other.community().bookings, vec![here.clone()]);
}

#[test]
fn the_same_slot_booked_offline_on_two_phones_is_a_clash_on_both_and_a_settlement_ends_it() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    committee_sync(&a, &server).expect("sync");
    committee_sync(&b, &server).expect("sync");
    let on_a = booking(10, "2026-12-05T09:00", "2026-12-05T11:00");
    let mut on_b = booking(11, "2026-12-05T10:00", "2026-12-05T12:00");
    on_b.meta.device_id = b.device.clone();
    a.write(vec![on_a.clone().into_any()]);
    b.write(vec![on_b.clone().into_any()]);
    committee_sync(&a, &server).expect("sync");
    let report = committee_sync(&b, &server).expect("sync");
    assert_eq!(report.clashes, 1);
    committee_sync(&a, &server).expect("sync");
    let clash = Clash::new(RecordKind::Booking, on_a.meta.id, on_b.meta.id);
    for phone in [&a, &b] {
        assert!(phone.clashes().contains(&clash));
        assert!(still_open(&clash, &phone.community()));
    }
    // The keeper on b keeps a's booking.
    let who = Settler {
        by: "李",
        reason: "同一时段",
        at: ts("2026-12-01T02:00:00Z"),
        device: &b.device,
    };
    let loser = settle(&clash, on_a.meta.id, &b.community(), who).expect("settled");
    b.write(vec![loser]);
    committee_sync(&b, &server).expect("sync");
    committee_sync(&a, &server).expect("sync");
    for phone in [&a, &b] {
        assert!(!still_open(&clash, &phone.community()));
        let live: Vec<Uuid> = phone.live_bookings().iter().map(|x| x.meta.id).collect();
        assert_eq!(live, vec![on_a.meta.id]);
    }
    assert_eq!(a.community(), b.community());
}

#[test]
fn a_change_made_while_a_pull_was_under_way_is_not_overwritten() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    a.write(vec![space_at(1).into_any()]);
    committee_sync(&a, &server).expect("sync");
    committee_sync(&b, &server).expect("sync");
    let mut from_a = space_at(1);
    from_a.name = "from a".into();
    from_a.meta.touch(ts("2026-12-01T09:00:00Z"), &a.device);
    a.write(vec![from_a.clone().into_any()]);
    committee_sync(&a, &server).expect("sync");
    // b reads its neighbourhood, then its person saves a later edit
    // before the pull writes.
    let near = block_on(b.neighbourhood(&Community::default())).expect("read");
    let mut from_b = space_at(1);
    from_b.name = "from b".into();
    from_b.meta.touch(ts("2026-12-01T10:00:00Z"), &b.device);
    b.write(vec![from_b.clone().into_any()]);
    block_on(b.apply(
        Database::Committee,
        Applied {
            writes: vec![from_a.into_any()],
            seen: near.seen,
            ..Applied::default()
        },
    ))
    .expect("apply");
    assert_eq!(b.community().spaces, vec![from_b]);
}

#[test]
fn an_older_version_put_back_on_a_phone_never_overwrites_the_servers_newer_one() {
    let server = SimServer::default();
    let (a, b) = (Phone::new("a"), Phone::new("b"));
    let old = space_at(1);
    a.write(vec![old.clone().into_any()]);
    committee_sync(&a, &server).expect("sync");
    committee_sync(&b, &server).expect("sync");
    let mut newer = old.clone();
    newer.name = "newer".into();
    newer.meta.touch(ts("2026-12-01T09:00:00Z"), &b.device);
    b.write(vec![newer.clone().into_any()]);
    committee_sync(&b, &server).expect("sync");
    committee_sync(&a, &server).expect("sync");
    // a restores a backup holding the old version.
    a.write(vec![old.into_any()]);
    committee_sync(&a, &server).expect("sync");
    assert_eq!(a.community().spaces, vec![newer.clone()]);
    assert_eq!(
        server
            .records(Database::Committee)
            .into_values()
            .collect::<Vec<_>>(),
        vec![newer.into_any()]
    );
}

// ---------------------------------------------------------------------
// Any interleaving of three phones.

#[derive(Clone, Debug)]
enum Op {
    Book {
        phone: usize,
        space: u128,
        hour: u32,
        long: bool,
    },
    Move {
        phone: usize,
        pick: usize,
        hour: u32,
    },
    Cancel {
        phone: usize,
        pick: usize,
    },
    Retitle {
        phone: usize,
        pick: usize,
        title: u8,
    },
    Delete {
        phone: usize,
        pick: usize,
    },
    Pull {
        phone: usize,
    },
    Push {
        phone: usize,
    },
    PushCutOff {
        phone: usize,
        after: usize,
    },
    Settle {
        phone: usize,
        pick: usize,
        keep_a: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let phone = 0usize..3;
    prop_oneof![
        3 => (phone.clone(), 1u128..=2, 9u32..=14, any::<bool>())
            .prop_map(|(phone, space, hour, long)| Op::Book { phone, space, hour, long }),
        1 => (phone.clone(), any::<usize>(), 9u32..=14)
            .prop_map(|(phone, pick, hour)| Op::Move { phone, pick, hour }),
        1 => (phone.clone(), any::<usize>()).prop_map(|(phone, pick)| Op::Cancel { phone, pick }),
        1 => (phone.clone(), any::<usize>(), any::<u8>())
            .prop_map(|(phone, pick, title)| Op::Retitle { phone, pick, title }),
        1 => (phone.clone(), any::<usize>()).prop_map(|(phone, pick)| Op::Delete { phone, pick }),
        2 => phone.clone().prop_map(|phone| Op::Pull { phone }),
        2 => phone.clone().prop_map(|phone| Op::Push { phone }),
        1 => (phone.clone(), 0usize..3).prop_map(|(phone, after)| Op::PushCutOff { phone, after }),
        1 => (phone, any::<usize>(), any::<bool>())
            .prop_map(|(phone, pick, keep_a)| Op::Settle { phone, pick, keep_a }),
    ]
}

/// A booking of `space` on 5 December from `hour`, if this phone's store
/// would take it (no live booking of the space overlaps).
fn book(phone: &Phone, n: u128, space: u128, hour: u32, long: bool) {
    let mut b = booking(
        1000 + n,
        &format!("2026-12-05T{hour:02}:00"),
        &format!("2026-12-05T{:02}:00", hour + if long { 2 } else { 1 }),
    );
    b.space_id = Uuid::from_u128(space);
    b.meta = Meta::new(b.meta.id, phone.now(), &phone.device);
    let free = phone
        .live_bookings()
        .iter()
        .all(|other| !bookings_collide(&b, other, 0));
    if free {
        phone.write(vec![b.into_any()]);
    }
}

fn pick_booking(phone: &Phone, pick: usize) -> Option<Booking> {
    let all = phone.community().bookings;
    (!all.is_empty()).then(|| all[pick % all.len()].clone())
}

fn run(ops: &[Op], phones: &[Phone], server: &SimServer) {
    for (n, op) in ops.iter().enumerate() {
        match *op {
            Op::Book {
                phone,
                space,
                hour,
                long,
            } => book(&phones[phone], n as u128, space, hour, long),
            Op::Move { phone, pick, hour } => {
                let p = &phones[phone];
                if let Some(mut b) = pick_booking(p, pick) {
                    let length = b.start.minutes_until(b.end);
                    b.start = at(&format!("2026-12-05T{hour:02}:00"));
                    b.end = b.start.plus_minutes(length);
                    b.meta.touch(p.now(), &p.device);
                    let free = p
                        .live_bookings()
                        .iter()
                        .all(|o| !bookings_collide(&b, o, 0));
                    if free && !b.meta.deleted {
                        p.write(vec![b.into_any()]);
                    }
                }
            }
            Op::Cancel { phone, pick } => {
                let p = &phones[phone];
                if let Some(mut b) = pick_booking(p, pick) {
                    if b.cancel("", "", p.now(), &p.device) {
                        p.write(vec![b.into_any()]);
                    }
                }
            }
            Op::Retitle { phone, pick, title } => {
                let p = &phones[phone];
                if let Some(mut b) = pick_booking(p, pick) {
                    b.title = format!("活动 {title}");
                    b.meta.touch(p.now(), &p.device);
                    p.write(vec![b.into_any()]);
                }
            }
            Op::Delete { phone, pick } => {
                let p = &phones[phone];
                if let Some(mut b) = pick_booking(p, pick) {
                    b.meta.tombstone(p.now(), &p.device);
                    p.write(vec![b.into_any()]);
                }
            }
            Op::Pull { phone } => {
                let _ = block_on(pull(
                    &phones[phone],
                    server,
                    Database::Committee,
                    &mut |_| {},
                ));
            }
            Op::Push { phone } => {
                let _ = block_on(push(&phones[phone], server, Database::Committee, &()));
            }
            Op::PushCutOff { phone, after } => {
                server.fail_after.set(Some(after));
                let _ = block_on(push(&phones[phone], server, Database::Committee, &()));
                server.fail_after.set(None);
            }
            Op::Settle {
                phone,
                pick,
                keep_a,
            } => {
                let p = &phones[phone];
                let here = p.community();
                let open: Vec<Clash> = p
                    .clashes()
                    .iter()
                    .filter(|c| still_open(c, &here))
                    .copied()
                    .collect();
                if let Some(clash) = open.get(pick % open.len().max(1)) {
                    let keep = if keep_a { clash.a } else { clash.b };
                    let who = Settler {
                        by: "",
                        reason: "clash",
                        at: p.now(),
                        device: &p.device,
                    };
                    if let Some(loser) = settle(clash, keep, &here, who) {
                        p.write(vec![loser]);
                    }
                }
            }
        }
    }
}

/// Every pair of live bookings of one space that overlap.
fn overlaps(c: &Community) -> Vec<Clash> {
    let live: Vec<&Booking> = c.bookings.iter().filter(|b| b.is_live()).collect();
    let mut out = Vec::new();
    for (i, x) in live.iter().enumerate() {
        for y in &live[i + 1..] {
            if bookings_collide(x, y, 0) {
                out.push(Clash::new(RecordKind::Booking, x.meta.id, y.meta.id));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("LINLI_SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn three_phones_in_any_order_end_equal_with_every_double_booking_on_record(
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let server = SimServer::with_page(3);
        let phones = [Phone::new("a"), Phone::new("b"), Phone::new("c")];
        phones[0].write(vec![space_at(1).into_any(), space_at(2).into_any()]);
        for p in &phones {
            committee_sync(p, &server).expect("first sync");
        }
        run(&ops, &phones, &server);
        // Then everyone syncs until nothing moves.
        for _ in 0..6 {
            let mut moved = 0;
            for p in &phones {
                let r = committee_sync(p, &server).expect("sync");
                moved += r.sent + r.received;
            }
            if moved == 0 {
                break;
            }
        }
        let on_server = Community::from_records(server.records(Database::Committee).into_values());
        let sorted = |c: Community| {
            let mut r = c.into_records();
            r.sort_by_key(|x| (x.kind(), x.meta().id));
            r
        };
        for p in &phones {
            prop_assert_eq!(sorted(p.community()), sorted(on_server.clone()));
            let recorded = p.clashes();
            for pair in overlaps(&p.community()) {
                prop_assert!(recorded.contains(&pair), "{:?} overlaps with no clash on record", pair);
            }
        }
    }
}

#[test]
fn an_answer_that_is_not_couchdbs_says_the_address_is_wrong_not_an_empty_reason() {
    // A mistyped path: a static server's "405 Method Not Allowed" page, an
    // HTML 404, an empty body.
    for (status, body) in [
        (405, "<html><body>405 Not Allowed</body></html>"),
        (404, "<!doctype html><title>Not found</title>"),
        (405, ""),
        (500, "{\"message\":\"oops\"}"),
    ] {
        assert_eq!(
            ServerError::of_answer(status, body),
            ServerError::NotSyncServer,
            "{status} {body}"
        );
    }
    // CouchDB's own answers keep their meaning.
    let couch = |error: &str, reason: &str| json!({ "error": error, "reason": reason }).to_string();
    assert_eq!(
        ServerError::of_answer(404, &couch("not_found", "Database does not exist.")),
        ServerError::NoDatabase
    );
    assert_eq!(
        ServerError::of_answer(
            403,
            &couch("forbidden", "Only committee members may write here.")
        ),
        ServerError::Forbidden("Only committee members may write here.".into())
    );
    assert_eq!(
        ServerError::of_answer(
            401,
            &couch("unauthorized", "You are not authorized to access this db.")
        ),
        ServerError::SignedOut
    );
    assert_eq!(
        ServerError::of_answer(412, &couch("file_exists", "")),
        ServerError::Other {
            status: 412,
            reason: "file_exists".into()
        }
    );
    // A proxy in front of a server that is down.
    assert_eq!(
        ServerError::of_answer(502, "<html>Bad Gateway</html>"),
        ServerError::Unreachable
    );
}
