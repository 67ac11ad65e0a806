//! A QR transfer's browser half in headless Chromium: the file compressed
//! by the browser's CompressionStream, sent as frames and unpacked on the
//! other side byte for byte; a browser without CompressionStream sends the
//! file as it is, and one without DecompressionStream says it cannot unpack
//! rather than importing anything. Run with: scripts/test.sh.
#![cfg(target_arch = "wasm32")]

use jiff::Timestamp;
use linli::domain::big_community::{big_community, Size};
use linli::domain::{CommunityZone, DeviceId};
use linli::exchange::transfer::{Heard, Receiver, Sender};
use linli::exchange::{read_document, Covers, ExchangeDocument};
use linli::ui::qr::compress::{compress, decompress};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The benchmark's 40-volunteer roster as the exchange file's text.
fn roster_file() -> String {
    let now: Timestamp = "2026-11-27T02:00:00Z".parse().expect("timestamp");
    let device = DeviceId("test-device".into());
    let community = big_community(7, Size::ROSTER, now, CommunityZone::Shanghai, &device);
    ExchangeDocument::new(community, Covers::Everything, now, &device).to_json()
}

/// Every frame in order until the receiver has the file.
fn through_frames(payload: &[u8], compressed: bool) -> (Vec<u8>, bool) {
    let sender = Sender::new(payload, compressed, 0x5eed).expect("small enough");
    let mut receiver = Receiver::new();
    for index in 0..(sender.blocks() as u32 * 3) {
        if let Heard::Done {
            payload,
            compressed,
        } = receiver.hear(&sender.frame(index))
        {
            return (payload, compressed);
        }
    }
    panic!("the frames never made the file whole");
}

/// Runs `body` with the browser's `name` taken away, then puts it back.
async fn without<F: std::future::Future<Output = ()>>(name: &str, body: F) {
    let global = js_sys::global();
    let key = JsValue::from_str(name);
    let kept = js_sys::Reflect::get(&global, &key).expect("global");
    js_sys::Reflect::set(&global, &key, &JsValue::UNDEFINED).expect("unset");
    body.await;
    js_sys::Reflect::set(&global, &key, &kept).expect("restore");
}

#[wasm_bindgen_test]
async fn a_roster_compressed_sent_as_frames_and_unpacked_is_the_same_file() {
    let text = roster_file();
    let (bytes, compressed) = compress(text.as_bytes()).await;
    assert!(compressed, "Chromium has CompressionStream");
    assert!(
        bytes.len() * 4 < text.len(),
        "deflate makes a roster at least four times smaller: {} of {}",
        bytes.len(),
        text.len()
    );
    let (arrived, flagged) = through_frames(&bytes, compressed);
    assert!(flagged, "the frames say the file is compressed");
    let unpacked = decompress(&arrived).await.expect("unpacks");
    assert_eq!(unpacked, text.as_bytes());
    let document = read_document(&String::from_utf8(unpacked).expect("utf-8"));
    assert!(document.is_ok(), "the file reads as a Linli file");
}

#[wasm_bindgen_test]
async fn without_compression_stream_the_file_goes_as_it_is_and_arrives_whole() {
    let text = roster_file();
    without("CompressionStream", async {
        let (bytes, compressed) = compress(text.as_bytes()).await;
        assert!(!compressed);
        assert_eq!(bytes, text.as_bytes());
        let (arrived, flagged) = through_frames(&bytes, compressed);
        assert!(!flagged, "the receiver is told not to unpack");
        assert_eq!(arrived, text.as_bytes());
    })
    .await;
    // Put back: compression works again.
    assert!(compress(text.as_bytes()).await.1);
}

#[wasm_bindgen_test]
async fn what_does_not_unpack_is_refused_never_guessed() {
    let (bytes, _) = compress(roster_file().as_bytes()).await;
    without("DecompressionStream", async {
        assert_eq!(decompress(&bytes).await, None, "no DecompressionStream");
    })
    .await;
    // Bytes that are not deflate at all, and a file cut short.
    assert_eq!(decompress(&[0xff; 64]).await, None);
    assert_eq!(decompress(&bytes[..bytes.len() / 2]).await, None);
    // A small text does not grow by "compressing".
    assert_eq!(compress(b"{}").await, (b"{}".to_vec(), false));
}
