//! Base45 (RFC 9285): bytes as text in a QR code's alphanumeric mode,
//! which packs 5.5 bits a character where byte mode packs 8 bits in 8.

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// `bytes` as base45 text: three characters for every two bytes, two for
/// a last odd byte.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 2);
    for pair in bytes.chunks(2) {
        let (mut n, width) = match pair {
            [a, b] => ((*a as u32) * 256 + *b as u32, 3),
            [a] => (*a as u32, 2),
            _ => unreachable!("chunks(2) yields one or two bytes"),
        };
        for _ in 0..width {
            out.push(ALPHABET[(n % 45) as usize] as char);
            n /= 45;
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// The bytes of base45 `text`; None for anything that is not base45 (a
/// character outside the alphabet, a lone last character, a group that
/// overflows).
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() * 2 / 3 + 1);
    for group in text.chunks(3) {
        let digits: Vec<u32> = group.iter().map(|&c| value(c)).collect::<Option<_>>()?;
        match digits.as_slice() {
            [c, d, e] => {
                let n = c + d * 45 + e * 45 * 45;
                if n > 0xFFFF {
                    return None;
                }
                out.extend_from_slice(&[(n >> 8) as u8, n as u8]);
            }
            [c, d] => {
                let n = c + d * 45;
                if n > 0xFF {
                    return None;
                }
                out.push(n as u8);
            }
            _ => return None,
        }
    }
    Some(out)
}
