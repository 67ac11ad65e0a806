//! Sealing a resident's contact for the committee, and opening it, with
//! the browser's Web Crypto (the shapes are `sync::contact`'s). Raw web-sys:
//! gloo has no cryptography, and Web Crypto is in every engine residents'
//! phones have.
//!
//! Sealing: a one-off P-256 key pair; ECDH with the community's public key;
//! HKDF-SHA-256 (info "linli contact 1") to an AES-256-GCM key; the contact
//! as JSON encrypted under a random 96-bit nonce. Opening runs it back with
//! the community's private key and the one-off public key.

use crate::sync::{Contact, ContactKey, Sealed};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why a contact could not be sealed or opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
    /// The browser offers no Web Crypto (an insecure origin).
    NoCrypto,
    /// Sealed to another key than the one this phone holds.
    OtherKey,
    /// Not a sealed contact, or it does not open with this key.
    Unreadable,
}

const INFO: &[u8] = b"linli contact 1";

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), SealError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(SealError::NoCrypto)?;
    let subtle = crypto.subtle();
    Ok((crypto, subtle))
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from_str(u))
        .collect::<Array>()
        .into()
}

async fn wait(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, SealError> {
    let promise = promise.map_err(|_| SealError::Unreadable)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| SealError::Unreadable)
}

/// A P-256 key from JWK coordinates (and `d` for a private key).
async fn ec_key(
    subtle: &SubtleCrypto,
    x: &str,
    y: &str,
    d: Option<&str>,
) -> Result<CryptoKey, SealError> {
    let mut fields = vec![
        ("kty", JsValue::from_str("EC")),
        ("crv", JsValue::from_str("P-256")),
        ("x", JsValue::from_str(x)),
        ("y", JsValue::from_str(y)),
        ("ext", JsValue::TRUE),
    ];
    if let Some(d) = d {
        fields.push(("d", JsValue::from_str(d)));
    }
    let algorithm = object(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())]);
    let key_usages = if d.is_some() {
        usages(&["deriveBits"])
    } else {
        usages(&[])
    };
    let key = wait(subtle.import_key_with_object(
        "jwk",
        &object(&fields),
        &algorithm,
        false,
        &key_usages,
    ))
    .await?;
    key.dyn_into().map_err(|_| SealError::Unreadable)
}

/// The AES-GCM key two parties share: ECDH, then HKDF.
async fn shared_key(
    subtle: &SubtleCrypto,
    private: &CryptoKey,
    public: &CryptoKey,
    usage: &str,
) -> Result<CryptoKey, SealError> {
    let ecdh = object(&[("name", "ECDH".into()), ("public", public.into())]);
    let bits = wait(subtle.derive_bits_with_object(&ecdh, private, 256)).await?;
    let secret = Uint8Array::new(&bits);
    let hkdf_key: CryptoKey = wait(subtle.import_key_with_object(
        "raw",
        &secret,
        &object(&[("name", "HKDF".into())]),
        false,
        &usages(&["deriveKey"]),
    ))
    .await?
    .dyn_into()
    .map_err(|_| SealError::Unreadable)?;
    let hkdf = object(&[
        ("name", "HKDF".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::new_with_length(0).into()),
        ("info", Uint8Array::from(INFO).into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    wait(subtle.derive_key_with_object_and_object(&hkdf, &hkdf_key, &aes, false, &usages(&[usage])))
        .await?
        .dyn_into()
        .map_err(|_| SealError::Unreadable)
}

fn base64(bytes: &[u8]) -> String {
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    web_sys::window()
        .and_then(|w| w.btoa(&binary).ok())
        .unwrap_or_default()
}

fn unbase64(text: &str) -> Result<Vec<u8>, SealError> {
    let binary = web_sys::window()
        .and_then(|w| w.atob(text).ok())
        .ok_or(SealError::Unreadable)?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).map_err(|_| SealError::Unreadable))
        .collect()
}

fn text_of(value: &JsValue, field: &str) -> Result<String, SealError> {
    Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(SealError::Unreadable)
}

/// `contact` sealed to the community's `key`, as the text a request carries.
pub async fn seal(key: &ContactKey, contact: &Contact) -> Result<String, SealError> {
    let (crypto, subtle) = subtle()?;
    let community = ec_key(&subtle, &key.x, &key.y, None).await?;
    let algorithm = object(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())]);
    let pair =
        wait(subtle.generate_key_with_object(&algorithm, true, &usages(&["deriveBits"]))).await?;
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .ok()
        .and_then(|k| k.dyn_into().ok())
        .ok_or(SealError::Unreadable)?;
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
        .ok()
        .and_then(|k| k.dyn_into().ok())
        .ok_or(SealError::Unreadable)?;
    let jwk = wait(subtle.export_key("jwk", &public)).await?;
    let aes = shared_key(&subtle, &private, &community, "encrypt").await?;
    let mut iv = [0u8; 12];
    crypto
        .get_random_values_with_u8_array(&mut iv)
        .map_err(|_| SealError::NoCrypto)?;
    let plain = serde_json::to_vec(contact).map_err(|_| SealError::Unreadable)?;
    let gcm = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
    ]);
    let ct = wait(subtle.encrypt_with_object_and_u8_array(&gcm, &aes, &plain)).await?;
    Ok(Sealed {
        v: Sealed::VERSION,
        kid: key.kid.clone(),
        x: text_of(&jwk, "x")?,
        y: text_of(&jwk, "y")?,
        iv: base64(&iv),
        ct: base64(&Uint8Array::new(&ct).to_vec()),
    }
    .to_text())
}

/// The contact in `sealed`, opened with the community's private `key`.
pub async fn open(key: &ContactKey, sealed: &str) -> Result<Contact, SealError> {
    let sealed = Sealed::parse(sealed).ok_or(SealError::Unreadable)?;
    if sealed.kid != key.kid {
        return Err(SealError::OtherKey);
    }
    let d = key.d.as_deref().ok_or(SealError::OtherKey)?;
    let (_, subtle) = subtle()?;
    let private = ec_key(&subtle, &key.x, &key.y, Some(d)).await?;
    let theirs = ec_key(&subtle, &sealed.x, &sealed.y, None).await?;
    let aes = shared_key(&subtle, &private, &theirs, "decrypt").await?;
    let iv = unbase64(&sealed.iv)?;
    let mut ct = unbase64(&sealed.ct)?;
    let gcm = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
    ]);
    let plain = wait(subtle.decrypt_with_object_and_u8_array(&gcm, &aes, &mut ct)).await?;
    serde_json::from_slice(&Uint8Array::new(&plain).to_vec()).map_err(|_| SealError::Unreadable)
}
