//! Phone to phone by animated QR code: the exact file an export writes,
//! (compressed where the browser can) as a fountain of frames that one
//! phone shows and another's camera reads in any order, from any point,
//! missing some and seeing some twice. Plain Rust: the screens and the
//! camera are the UI's.

pub mod base45;
mod crc32;
pub mod fountain;
pub mod frame;

pub use frame::{Frame, FrameError, COMPRESSED, PREFIX};

use fountain::{blocks_of, Decoder, Encoder};

/// Bytes a frame carries: a QR code of about 61×61 modules (version 11,
/// medium error correction) that a phone camera reads at arm's length.
pub const BLOCK_SIZE: usize = 200;

/// The most a transfer carries (the fountain counts blocks in 16 bits):
/// about 13 MB, far beyond any community's file.
pub const MAX_PAYLOAD: usize = u16::MAX as usize * BLOCK_SIZE;

/// The sending phone's side: frame after frame of one payload.
pub struct Sender {
    encoder: Encoder,
    transfer: u32,
    flags: u8,
    length: u32,
    payload_crc: u32,
}

impl Sender {
    /// None when the payload is too big to send this way.
    pub fn new(payload: &[u8], compressed: bool, transfer: u32) -> Option<Self> {
        if payload.len() > MAX_PAYLOAD {
            return None;
        }
        Some(Sender {
            encoder: Encoder::new(payload, BLOCK_SIZE, transfer),
            transfer,
            flags: if compressed { COMPRESSED } else { 0 },
            length: payload.len() as u32,
            payload_crc: crc32::crc32(payload),
        })
    }

    /// How many blocks the payload is: the fewest frames that rebuild it.
    pub fn blocks(&self) -> usize {
        self.encoder.blocks()
    }

    /// Frame `index` of the endless stream, as a QR code's text.
    pub fn frame(&self, index: u32) -> String {
        let (degree, data) = self.encoder.frame(index);
        Frame {
            transfer: self.transfer,
            flags: self.flags,
            length: self.length,
            blocks: self.encoder.blocks() as u16,
            block_size: BLOCK_SIZE as u16,
            index,
            degree: degree as u16,
            payload_crc: self.payload_crc,
            data,
        }
        .to_text()
    }
}

/// What a QR code the receiving camera read did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// A new frame: `have` of the `need` blocks' worth are in.
    Progress { have: usize, need: usize },
    /// A frame that added nothing (seen before, or implied by others).
    Repeat { have: usize, need: usize },
    /// The payload, rebuilt and checked.
    Done { payload: Vec<u8>, compressed: bool },
    /// Not a Linli transfer: ignored.
    Foreign,
    /// A Linli frame read wrong, or of another transfer than the one
    /// under way: ignored.
    Damaged,
}

struct Under {
    first: Frame,
    decoder: Decoder,
}

/// The receiving phone's side: frames in, the payload out.
#[derive(Default)]
pub struct Receiver {
    under: Option<Under>,
}

impl Receiver {
    pub fn new() -> Self {
        Receiver::default()
    }

    /// Takes the text of one QR code the camera read.
    pub fn hear(&mut self, text: &str) -> Heard {
        let frame = match Frame::from_text(text) {
            Ok(frame) => frame,
            Err(FrameError::Foreign) => return Heard::Foreign,
            Err(FrameError::Damaged) => return Heard::Damaged,
        };
        let same = |a: &Frame, b: &Frame| {
            (
                a.transfer,
                a.flags,
                a.length,
                a.blocks,
                a.block_size,
                a.payload_crc,
            ) == (
                b.transfer,
                b.flags,
                b.length,
                b.blocks,
                b.block_size,
                b.payload_crc,
            )
        };
        let under = match &mut self.under {
            Some(under) if same(&under.first, &frame) => under,
            // Another transfer while one is under way: the one begun
            // goes on (a second sender nearby does not reset it).
            Some(under) if under.decoder.rank() > 0 => return Heard::Damaged,
            _ => self.under.insert(Under {
                decoder: Decoder::new(frame.blocks as usize, frame.block_size as usize),
                first: frame.clone(),
            }),
        };
        let k = frame.blocks as usize;
        let blocks = blocks_of(k, frame.transfer, frame.index, frame.degree as usize);
        let added = under.decoder.add(&blocks, &frame.data);
        let have = under.decoder.rank();
        if !under.decoder.is_complete() {
            return if added {
                Heard::Progress { have, need: k }
            } else {
                Heard::Repeat { have, need: k }
            };
        }
        let Some(under) = self.under.take() else {
            return Heard::Damaged;
        };
        let first = under.first;
        match under.decoder.solve() {
            Some(mut payload) => {
                payload.truncate(first.length as usize);
                if crc32::crc32(&payload) == first.payload_crc {
                    Heard::Done {
                        payload,
                        compressed: first.flags & COMPRESSED != 0,
                    }
                } else {
                    // Misread frames that passed their checksum: start over.
                    Heard::Damaged
                }
            }
            None => Heard::Damaged,
        }
    }
}
