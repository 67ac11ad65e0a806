//! One frame as a QR code's text: "LL1:" and, in base45, a small header
//! (which transfer, how big, which frame), the frame's block, and a
//! checksum, so a frame the camera misread is told and dropped.

use super::base45;
use super::crc32::crc32;

/// What every Linli frame starts with; anything else is someone else's
/// QR code (a payment code, a web address).
pub const PREFIX: &str = "LL1:";

const HEADER: usize = 24;
const CHECKSUM: usize = 4;

/// The frame is the compressed file (the browser's CompressionStream,
/// deflate-raw); otherwise the file as it is.
pub const COMPRESSED: u8 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// A random number per transfer: frames of two transfers never mix.
    pub transfer: u32,
    pub flags: u8,
    /// Bytes of the payload before it was cut into blocks.
    pub length: u32,
    /// How many blocks the payload was cut into.
    pub blocks: u16,
    pub block_size: u16,
    /// Which frame of the stream.
    pub index: u32,
    /// How many blocks this frame's data is the XOR of.
    pub degree: u16,
    /// CRC-32 of the whole payload, checked once it is rebuilt.
    pub payload_crc: u32,
    pub data: Vec<u8>,
}

/// Why a text is not a frame to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameError {
    /// Not a Linli transfer at all.
    Foreign,
    /// A Linli frame read wrong, or from a newer version.
    Damaged,
}

impl Frame {
    pub fn to_text(&self) -> String {
        let mut bytes = Vec::with_capacity(HEADER + self.data.len() + CHECKSUM);
        bytes.push(1); // the frame layout's version
        bytes.push(self.flags);
        bytes.extend_from_slice(&self.transfer.to_be_bytes());
        bytes.extend_from_slice(&self.length.to_be_bytes());
        bytes.extend_from_slice(&self.blocks.to_be_bytes());
        bytes.extend_from_slice(&self.block_size.to_be_bytes());
        bytes.extend_from_slice(&self.index.to_be_bytes());
        bytes.extend_from_slice(&self.degree.to_be_bytes());
        bytes.extend_from_slice(&self.payload_crc.to_be_bytes());
        bytes.extend_from_slice(&self.data);
        let crc = crc32(&bytes);
        bytes.extend_from_slice(&crc.to_be_bytes());
        format!("{PREFIX}{}", base45::encode(&bytes))
    }

    pub fn from_text(text: &str) -> Result<Frame, FrameError> {
        let body = text.strip_prefix(PREFIX).ok_or(FrameError::Foreign)?;
        let bytes = base45::decode(body).ok_or(FrameError::Damaged)?;
        if bytes.len() < HEADER + CHECKSUM + 1 {
            return Err(FrameError::Damaged);
        }
        let (content, sum) = bytes.split_at(bytes.len() - CHECKSUM);
        if crc32(content).to_be_bytes() != sum {
            return Err(FrameError::Damaged);
        }
        let u16_at = |i: usize| u16::from_be_bytes([content[i], content[i + 1]]);
        let u32_at = |i: usize| {
            u32::from_be_bytes([content[i], content[i + 1], content[i + 2], content[i + 3]])
        };
        if content[0] != 1 {
            return Err(FrameError::Damaged);
        }
        let frame = Frame {
            flags: content[1],
            transfer: u32_at(2),
            length: u32_at(6),
            blocks: u16_at(10),
            block_size: u16_at(12),
            index: u32_at(14),
            degree: u16_at(18),
            payload_crc: u32_at(20),
            data: content[HEADER..].to_vec(),
        };
        let (k, size) = (frame.blocks as usize, frame.block_size as usize);
        let fits = k > 0
            && size == frame.data.len()
            && frame.length as usize <= k * size
            && (frame.length as usize) > (k - 1) * size
            && (1..=k).contains(&(frame.degree as usize));
        if fits {
            Ok(frame)
        } else {
            Err(FrameError::Damaged)
        }
    }
}
