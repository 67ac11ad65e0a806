//! A resident's phone number and room, on their way to the committee.
//!
//! The public database is read by every resident of the community, so a
//! request's contact details never go there in the clear. The resident's
//! phone seals them to the community's contact key (ECDH P-256, HKDF-SHA-256,
//! AES-256-GCM; the browser's Web Crypto does the arithmetic, `crate::seal`)
//! and the sealed text travels in the request (`Organiser::sealed`). The
//! key's public half is in the public database's design document, where
//! residents' phones read it; its private half is a file the committee
//! imports on each of its phones (`scripts/couchdb/setup.mjs` makes it) and
//! never reaches the server. This module is the plain part: the key as a
//! phone keeps it, the key file, and the sealed text's shape.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What is sealed: the two personal fields of a request's organiser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub phone: String,
    pub room: String,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.phone.is_empty() && self.room.is_empty()
    }
}

/// The community's contact key as a phone holds it: the public half
/// (every connected phone of the community may have it), and on committee
/// phones that imported the key file, the private half `d`. JWK fields,
/// base64url.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactKey {
    /// A short name of the key, the same everywhere (setup.mjs).
    pub kid: String,
    pub x: String,
    pub y: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
}

impl ContactKey {
    /// The public half from the design document's `contact_key`; `None`
    /// when there is none, or it is not a P-256 key.
    pub fn from_design(doc: &Value) -> Option<ContactKey> {
        let key = doc.get("contact_key")?;
        let text = |f: &str| key.get(f).and_then(Value::as_str).map(str::to_string);
        if text("kty")?.as_str() != "EC" || text("crv")?.as_str() != "P-256" {
            return None;
        }
        let key = ContactKey {
            kid: text("kid")?,
            x: text("x")?,
            y: text("y")?,
            d: None,
        };
        key.well_formed().then_some(key)
    }

    /// The key in a key file written for `community`.
    pub fn from_key_file(text: &str, community: &str) -> Result<ContactKey, KeyFileProblem> {
        let file: Value = serde_json::from_str(text).map_err(|_| KeyFileProblem::NotAKeyFile)?;
        if file.get("linli_contact_key").and_then(Value::as_u64) != Some(1) {
            return Err(KeyFileProblem::NotAKeyFile);
        }
        let named = file
            .get("community")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if named != community {
            return Err(KeyFileProblem::OtherCommunity(named.to_string()));
        }
        let jwk = file.get("private_jwk").ok_or(KeyFileProblem::Damaged)?;
        let text = |f: &str| jwk.get(f).and_then(Value::as_str).map(str::to_string);
        let key = ContactKey {
            kid: file
                .get("kid")
                .and_then(Value::as_str)
                .ok_or(KeyFileProblem::Damaged)?
                .to_string(),
            x: text("x").ok_or(KeyFileProblem::Damaged)?,
            y: text("y").ok_or(KeyFileProblem::Damaged)?,
            d: Some(text("d").ok_or(KeyFileProblem::Damaged)?),
        };
        if text("crv").as_deref() != Some("P-256") || !key.well_formed() {
            return Err(KeyFileProblem::Damaged);
        }
        Ok(key)
    }

    /// Whether this phone can open sealed contacts.
    pub fn opens(&self) -> bool {
        self.d.is_some()
    }

    /// The public half only.
    pub fn public(&self) -> ContactKey {
        ContactKey {
            d: None,
            ..self.clone()
        }
    }

    /// base64url coordinates of a P-256 point (32 bytes: 43 characters),
    /// and a short id: anything else is not a key this app made.
    fn well_formed(&self) -> bool {
        let b64url = |s: &str, len: usize| {
            s.len() == len
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        b64url(&self.x, 43)
            && b64url(&self.y, 43)
            && self.d.as_deref().is_none_or(|d| b64url(d, 43))
            && !self.kid.is_empty()
            && self.kid.len() <= 64
            && self.kid.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// Why a chosen file is not this community's contact key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFileProblem {
    NotAKeyFile,
    /// A key file of another community (its name).
    OtherCommunity(String),
    Damaged,
}

/// A sealed contact as it travels: the key it was sealed to, the sealing
/// phone's one-off public key, the nonce and the ciphertext (base64). Its
/// text starts `{"v":1,`, which the public database's validation checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub v: u8,
    pub kid: String,
    /// The one-off key's coordinates (base64url).
    pub x: String,
    pub y: String,
    pub iv: String,
    pub ct: String,
}

impl Sealed {
    pub const VERSION: u8 = 1;

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The sealed contact in `text`; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Sealed> {
        let sealed: Sealed = serde_json::from_str(text).ok()?;
        (sealed.v == Sealed::VERSION).then_some(sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    const D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";

    fn file(community: &str) -> String {
        json!({
            "linli_contact_key": 1,
            "community": community,
            "kid": "0123456789abcdef",
            "private_jwk": { "kty": "EC", "crv": "P-256", "x": X, "y": Y, "d": D },
        })
        .to_string()
    }

    #[test]
    fn a_key_file_is_taken_for_its_own_community_only() {
        let key = ContactKey::from_key_file(&file("qingxi"), "qingxi").unwrap();
        assert!(key.opens());
        assert_eq!(key.d.as_deref(), Some(D));
        assert!(!key.public().opens());
        assert_eq!(
            ContactKey::from_key_file(&file("huashan"), "qingxi"),
            Err(KeyFileProblem::OtherCommunity("huashan".into()))
        );
        assert_eq!(
            ContactKey::from_key_file("{\"format\":\"linli-exchange\"}", "qingxi"),
            Err(KeyFileProblem::NotAKeyFile)
        );
        assert_eq!(
            ContactKey::from_key_file("not json", "qingxi"),
            Err(KeyFileProblem::NotAKeyFile)
        );
        let short = file("qingxi").replace(D, "abc");
        assert_eq!(
            ContactKey::from_key_file(&short, "qingxi"),
            Err(KeyFileProblem::Damaged)
        );
    }

    #[test]
    fn the_public_half_comes_from_the_design_document() {
        let design = json!({ "_id": "_design/linli", "contact_key": {
            "kty": "EC", "crv": "P-256", "x": X, "y": Y, "kid": "0123456789abcdef" } });
        let key = ContactKey::from_design(&design).unwrap();
        assert!(!key.opens());
        assert_eq!(
            ContactKey::from_design(&json!({ "_id": "_design/linli" })),
            None
        );
        let other_curve = json!({ "contact_key": {
            "kty": "EC", "crv": "P-384", "x": X, "y": Y, "kid": "01" } });
        assert_eq!(ContactKey::from_design(&other_curve), None);
    }

    #[test]
    fn a_sealed_contact_reads_back_and_starts_as_the_server_checks() {
        let sealed = Sealed {
            v: 1,
            kid: "0123456789abcdef".into(),
            x: X.into(),
            y: Y.into(),
            iv: "AAAAAAAAAAAAAAAA".into(),
            ct: "c2VjcmV0".into(),
        };
        let text = sealed.to_text();
        assert!(text.starts_with("{\"v\":1,"));
        assert_eq!(Sealed::parse(&text), Some(sealed));
        assert_eq!(Sealed::parse("{\"v\":2}"), None);
        assert_eq!(Sealed::parse("13800000000"), None);
    }
}
