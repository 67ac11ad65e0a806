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

/// Bytes a frame carries: a QR code of 69×69 modules (version 13, medium
/// error correction) that a phone camera reads at arm's length. With the
/// fountain needing no more frames than blocks, the receiver's reads per
/// second set the time, so each read carries what it can: 280 B frames
/// took the demo's largest roster from 64 blocks (12.2 s) to 46 (see
/// BENCHMARKS.md).
pub const BLOCK_SIZE: usize = 280;

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
    /// A Linli frame read wrong: ignored.
    Damaged,
    /// A frame of another file than the one under way (a second phone
    /// sending nearby): ignored while the first one still shows.
    OtherInView,
    /// The file under way stopped showing and another one kept coming:
    /// the receiver dropped the first and started on this one.
    StartedOver { have: usize, need: usize },
}

/// Frames of another file in a row, with none of the one under way, after
/// which the receiver takes the other file up (about two seconds of reads):
/// the sender stopped and sent something else, or the one in view was
/// never the one meant.
pub const SWITCH_AFTER: u32 = 8;

/// What makes two frames parts of one file. The transfer number is left
/// out: a sender that stops and starts again on the same file sends the
/// same blocks under a new number, and what was received still counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileKey {
    flags: u8,
    length: u32,
    blocks: u16,
    block_size: u16,
    payload_crc: u32,
}

impl FileKey {
    fn of(frame: &Frame) -> Self {
        FileKey {
            flags: frame.flags,
            length: frame.length,
            blocks: frame.blocks,
            block_size: frame.block_size,
            payload_crc: frame.payload_crc,
        }
    }
}

struct Under {
    file: FileKey,
    decoder: Decoder,
}

/// The receiving phone's side: frames in, the payload out.
#[derive(Default)]
pub struct Receiver {
    under: Option<Under>,
    /// Another file seen since the last frame of the one under way, and
    /// how many of its frames in a row.
    other: Option<(FileKey, u32)>,
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
        let file = FileKey::of(&frame);
        let mut started_over = false;
        match &self.under {
            Some(under) if under.file == file => self.other = None,
            Some(under) if under.decoder.rank() > 0 => {
                let seen = match self.other {
                    Some((other, n)) if other == file => n + 1,
                    _ => 1,
                };
                if seen < SWITCH_AFTER {
                    self.other = Some((file, seen));
                    return Heard::OtherInView;
                }
                self.other = None;
                self.under = None;
                started_over = true;
            }
            _ => {}
        }
        let under = self.under.get_or_insert_with(|| Under {
            decoder: Decoder::new(frame.blocks as usize, frame.block_size as usize),
            file,
        });
        let k = frame.blocks as usize;
        let blocks = blocks_of(k, frame.transfer, frame.index, frame.degree as usize);
        let added = under.decoder.add(&blocks, &frame.data);
        let have = under.decoder.rank();
        if !under.decoder.is_complete() {
            return if started_over {
                Heard::StartedOver { have, need: k }
            } else if added {
                Heard::Progress { have, need: k }
            } else {
                Heard::Repeat { have, need: k }
            };
        }
        let Some(under) = self.under.take() else {
            return Heard::Damaged;
        };
        let file = under.file;
        match under.decoder.solve() {
            Some(mut payload) => {
                payload.truncate(file.length as usize);
                if crc32::crc32(&payload) == file.payload_crc {
                    Heard::Done {
                        payload,
                        compressed: file.flags & COMPRESSED != 0,
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
