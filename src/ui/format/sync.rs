//! What sync says: the status line, the server's refusals, the documents
//! not taken, and how long ago the last round was.

use super::exchange::{kind_name, problem_reason};
use super::{counted, date_label, I18n};
use crate::domain::report::grouped;
use crate::domain::CommunityZone as Zone;
use crate::sync::doc::DocReason;
use crate::sync::{parse_doc_id, AddressProblem, Direction, ServerError, SyncProblem};
use crate::ui::i18n::*;
use crate::ui::sync::{ConnectError, Phase};
use jiff::Timestamp;

/// "3 分钟前", or the date and time once it is a day old.
pub fn ago(i18n: I18n, then: Timestamp, now: Timestamp, zone: Zone) -> String {
    let minutes = (now.as_second() - then.as_second()).max(0) / 60;
    match minutes {
        0 => t_string!(i18n, sync.ago_now).to_string(),
        1..=59 => t_string!(i18n, sync.ago_minutes, count = minutes).to_string(),
        60..=1439 => t_string!(i18n, sync.ago_hours, count = minutes / 60).to_string(),
        _ => {
            let at = zone.local(then);
            format!("{} {}", date_label(i18n, at.date()), at.clock())
        }
    }
}

pub fn server_error(i18n: I18n, e: &ServerError) -> String {
    match e {
        ServerError::Unreachable => t_string!(i18n, sync.err_unreachable).to_string(),
        ServerError::SignedOut => t_string!(i18n, sync.err_signed_out).to_string(),
        ServerError::Forbidden(_) => t_string!(i18n, sync.err_forbidden).to_string(),
        ServerError::NoDatabase => t_string!(i18n, sync.err_no_database).to_string(),
        ServerError::NotSyncServer => t_string!(i18n, sync.err_not_sync_server).to_string(),
        ServerError::Other { status, reason } => t_string!(
            i18n,
            sync.err_other,
            status = *status,
            reason = reason.clone()
        )
        .to_string(),
    }
}

pub fn connect_error(i18n: I18n, e: &ConnectError) -> String {
    match e {
        ConnectError::Address(AddressProblem::OtherOrigin) => {
            t_string!(i18n, sync.err_other_origin).to_string()
        }
        ConnectError::Address(AddressProblem::Empty) => t_string!(i18n, sync.err_empty).to_string(),
        ConnectError::Address(AddressProblem::BadCommunity) => {
            t_string!(i18n, sync.err_bad_community).to_string()
        }
        ConnectError::Server(e) => server_error(i18n, e),
        ConnectError::NoRole(community) => {
            t_string!(i18n, sync.err_no_role, community = community.clone()).to_string()
        }
        ConnectError::Stored(kind) => super::store_error(i18n, *kind),
    }
}

/// The status line: where sync stands and what waits.
pub fn status(
    i18n: I18n,
    phase: &Phase,
    pending: usize,
    last: Option<Timestamp>,
    now: Timestamp,
    zone: Zone,
) -> String {
    match phase {
        Phase::Working(p) => match p.total {
            Some(total) => t_string!(
                i18n,
                sync.status_working,
                done = grouped(p.received as i64),
                total = grouped(total.max(p.received) as i64)
            )
            .to_string(),
            None => t_string!(
                i18n,
                sync.status_working_plain,
                done = grouped(p.received as i64)
            )
            .to_string(),
        },
        Phase::Offline if pending == 0 => t_string!(i18n, sync.status_offline_none).to_string(),
        Phase::Offline => counted!(
            i18n,
            pending,
            [sync.status_offline_single],
            [sync.status_offline]
        ),
        Phase::Unreachable => {
            let when = match last {
                Some(at) => t_string!(
                    i18n,
                    sync.status_unreachable_last,
                    when = ago(i18n, at, now, zone)
                )
                .to_string(),
                None => t_string!(i18n, sync.status_unreachable_never).to_string(),
            };
            let waiting = if pending == 0 {
                t_string!(i18n, sync.status_nothing_waiting).to_string()
            } else {
                counted!(
                    i18n,
                    pending,
                    [sync.status_pending_single],
                    [sync.status_pending]
                )
            };
            t_string!(
                i18n,
                sync.status_unreachable,
                when = when,
                waiting = waiting
            )
            .to_string()
        }
        Phase::SignedOut => t_string!(i18n, sync.status_signed_out).to_string(),
        Phase::Refused(e) => {
            t_string!(i18n, sync.status_refused, reason = server_error(i18n, e)).to_string()
        }
        Phase::Stored(kind) => t_string!(
            i18n,
            sync.status_stored,
            reason = super::store_error(i18n, *kind)
        )
        .to_string(),
        Phase::Idle if pending > 0 => {
            counted!(
                i18n,
                pending,
                [sync.status_pending_single],
                [sync.status_pending]
            )
        }
        Phase::Idle => match last {
            Some(at) => {
                t_string!(i18n, sync.status_synced, when = ago(i18n, at, now, zone)).to_string()
            }
            None => t_string!(i18n, sync.status_connected).to_string(),
        },
    }
}

/// A document as a person can tell it: "预约 1a2b3c4d".
fn record_label(i18n: I18n, doc: &str) -> String {
    match parse_doc_id(doc) {
        Some((kind, id)) => {
            let short: String = id.to_string().chars().take(8).collect();
            t_string!(
                i18n,
                sync.record_label,
                kind = kind_name(i18n, kind),
                id = short
            )
            .to_string()
        }
        None => doc.to_string(),
    }
}

fn reason(i18n: I18n, reason: &DocReason) -> String {
    match reason {
        DocReason::NotARecord => t_string!(i18n, sync.reason_not_a_record).to_string(),
        DocReason::IdMismatch => t_string!(i18n, sync.reason_id_mismatch).to_string(),
        DocReason::Unreadable { field } if field.is_empty() => {
            t_string!(i18n, sync.reason_unreadable_plain).to_string()
        }
        DocReason::Unreadable { field } => {
            t_string!(i18n, sync.reason_unreadable, field = field.clone()).to_string()
        }
        DocReason::Rule { reason, .. } => problem_reason(i18n, *reason),
        DocReason::WrongDatabase => t_string!(i18n, sync.reason_wrong_db).to_string(),
        DocReason::DeletedOnServer => t_string!(i18n, sync.reason_deleted).to_string(),
        // The server's own words (the validation function's), as it gave them.
        DocReason::Refused { reason } if reason.is_empty() => {
            t_string!(i18n, sync.reason_refused_plain).to_string()
        }
        DocReason::Refused { reason } => reason.clone(),
    }
}

pub fn problem(i18n: I18n, p: &SyncProblem) -> String {
    let what = record_label(i18n, &p.doc);
    let why = reason(i18n, &p.reason);
    match p.direction {
        Direction::In => t_string!(i18n, sync.problem_in, what = what, reason = why).to_string(),
        Direction::Out => t_string!(i18n, sync.problem_out, what = what, reason = why).to_string(),
    }
}
