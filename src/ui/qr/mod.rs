//! Phone to phone by animated QR code, with no network at all: the
//! sending screen shows the file an export made as a stream of frames
//! (`exchange::transfer`), the receiving screen reads them with the
//! camera and hands the file to the import's check → preview → merge.
//! The screens are `pages::qr_send` and `pages::qr_receive`; they live
//! in their own chunk, so QR drawing and reading cost a first visit
//! nothing. This module holds what they use: the camera, the codes, the
//! compression, and the handover between screens.

pub mod camera;
pub mod code;
pub mod compress;

use leptos::prelude::*;

/// A file on its way to the sending screen: the export's text and what
/// it is, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Parcel {
    pub what: String,
    pub records: usize,
    pub text: String,
}

/// What the QR screens hand over: the file to send, and a file that
/// arrived (for the Data tab's import).
#[derive(Clone, Copy)]
pub struct Handover {
    pub sending: RwSignal<Option<Parcel>>,
    pub received: RwSignal<Option<Vec<u8>>>,
}

impl Handover {
    pub fn provide() {
        provide_context(Handover {
            sending: RwSignal::new(None),
            received: RwSignal::new(None),
        });
    }
}

/// The app's handover; a fresh one where none was provided.
pub fn use_handover() -> Handover {
    use_context::<Handover>().unwrap_or(Handover {
        sending: RwSignal::new(None),
        received: RwSignal::new(None),
    })
}
