//! What a phone remembers of its server: where it is, which community,
//! which account, and what that account may do. Never the password: the
//! server's session cookie stands for it.

use super::doc::Database;
use serde::{Deserialize, Serialize};

/// What an account may do, as the server's roles say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 社工、居委、队长: every record.
    Committee,
    /// 居民: spaces and bookings, their own requests.
    Resident,
}

impl Role {
    /// The server role naming this role in `community`: accounts are bound
    /// to their community, so a committee account of one community is
    /// nobody in another (`linli:qingxi:committee`).
    pub fn server_role(self, community: &str) -> String {
        let role = match self {
            Role::Committee => "committee",
            Role::Resident => "resident",
        };
        format!("linli:{community}:{role}")
    }

    /// The role in `community` of an account with these server roles;
    /// `None` when it has none there (the account belongs to another
    /// community, or is not set up for Linli). A server admin is the
    /// committee everywhere.
    pub fn in_community(roles: &[String], community: &str) -> Option<Role> {
        let has = |r: &str| roles.iter().any(|x| x == r);
        if has("_admin") || has(&Role::Committee.server_role(community)) {
            Some(Role::Committee)
        } else if has(&Role::Resident.server_role(community)) {
            Some(Role::Resident)
        } else {
            None
        }
    }

    /// The databases this role's phones keep in step with, the
    /// committee's first.
    pub fn databases(self) -> &'static [Database] {
        match self {
            Role::Committee => &Database::ALL,
            Role::Resident => &[Database::Public],
        }
    }
}

/// A phone's link to its community's server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// The server's path on this app's own origin, e.g. `/couchdb/`.
    pub server: String,
    /// The community's name: its committee database's name on the server.
    pub community: String,
    pub user: String,
    pub role: Role,
}

/// Why a typed address or community name cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    /// Another origin: the page may only talk to its own (CSP), so the
    /// server must be proxied under this app's address.
    OtherOrigin,
    Empty,
    /// CouchDB names: a lowercase letter first, then lowercase letters,
    /// digits and `_$()+-/`.
    BadCommunity,
}

/// The server path from what a person typed: a path on this origin, or a
/// full address of this same origin. Always ends with `/`.
pub fn server_path(typed: &str, own_origin: &str) -> Result<String, AddressProblem> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(AddressProblem::Empty);
    }
    let path = if let Some(rest) = typed
        .strip_prefix(own_origin)
        .filter(|_| !own_origin.is_empty())
    {
        rest
    } else if typed.contains("://") || typed.starts_with("//") {
        return Err(AddressProblem::OtherOrigin);
    } else {
        typed
    };
    let mut path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

/// The community's database name as typed, checked against CouchDB's rule
/// (the public database adds `-public`, which the rule also allows).
pub fn community_name(typed: &str) -> Result<String, AddressProblem> {
    let name = typed.trim();
    if name.is_empty() {
        return Err(AddressProblem::Empty);
    }
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if first_ok && rest_ok && name.len() <= 200 {
        Ok(name.to_string())
    } else {
        Err(AddressProblem::BadCommunity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(list: &[&str]) -> Vec<String> {
        list.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn a_role_counts_only_in_its_own_community() {
        let li = roles(&["linli:qingxi:committee", "linli:huashan:resident"]);
        assert_eq!(Role::in_community(&li, "qingxi"), Some(Role::Committee));
        assert_eq!(Role::in_community(&li, "huashan"), Some(Role::Resident));
        assert_eq!(Role::in_community(&li, "kangle"), None);
        // The roles of servers set up before accounts were bound, and a
        // community whose name only starts like another's, give nothing.
        assert_eq!(
            Role::in_community(&roles(&["committee", "resident"]), "qingxi"),
            None
        );
        assert_eq!(Role::in_community(&li, "qingx"), None);
        assert_eq!(
            Role::in_community(&roles(&["_admin"]), "kangle"),
            Some(Role::Committee)
        );
        assert_eq!(
            Role::Resident.server_role("qingxi"),
            "linli:qingxi:resident"
        );
    }
}
