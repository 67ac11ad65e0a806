//! A fountain code (LT, Luby transform): a file cut into `k` blocks goes
//! out as an endless stream of frames, each the XOR of some blocks, and
//! any `k` or a few more of them — in any order, some seen twice, most
//! of the rest missed — rebuild it.
//!
//! The first `k` frames carry the blocks themselves (a receiver that sees
//! every frame is done after one round); later ones carry the XOR of a
//! random half of the blocks (each block in or out with even odds), chosen
//! by a seeded generator. The frame says how many blocks it holds, and the
//! receiver draws the same blocks from the seed, so two phones agree. The
//! receiver solves by Gaussian elimination over GF(2), which succeeds as
//! soon as the frames it has span every block: with random halves that is
//! the blocks it misses and one or two frames more. (Sparse LT degrees —
//! robust soliton — suit a peeling decoder; with elimination they only
//! cost frames: a receiver that joined late needed 8–37 frames beyond 64
//! blocks, see `tests/transfer.rs`.)

/// SplitMix64: small, fast, and the same sequence on every phone.
struct Draws(u64);

impl Draws {
    fn new(transfer: u32, index: u32) -> Self {
        Draws(((transfer as u64) << 32 | index as u64) ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// How many of `n` fair coins come up heads.
    fn heads(&mut self, n: usize) -> usize {
        let mut left = n;
        let mut heads = 0;
        while left > 0 {
            let take = left.min(64);
            let bits = self.next();
            let bits = if take == 64 {
                bits
            } else {
                bits & ((1u64 << take) - 1)
            };
            heads += bits.count_ones() as usize;
            left -= take;
        }
        heads
    }
}

/// Which blocks frame `index` of a transfer carries, given its `degree`.
/// The same on sender and receiver: integers only.
pub fn blocks_of(k: usize, transfer: u32, index: u32, degree: usize) -> Vec<usize> {
    if (index as usize) < k {
        return vec![index as usize];
    }
    let degree = degree.clamp(1, k);
    let mut draws = Draws::new(transfer, index);
    // A partial Fisher–Yates shuffle of 0..k: `degree` distinct blocks.
    let mut pool: Vec<usize> = (0..k).collect();
    for i in 0..degree {
        let j = i + draws.below(k - i);
        pool.swap(i, j);
    }
    pool.truncate(degree);
    pool.sort_unstable();
    pool
}

/// The sending side: the file's blocks and the frames made of them.
pub struct Encoder {
    k: usize,
    block: usize,
    transfer: u32,
    padded: Vec<u8>,
}

impl Encoder {
    /// `payload` cut into blocks of `block` bytes (the last one padded
    /// with zeros).
    pub fn new(payload: &[u8], block: usize, transfer: u32) -> Self {
        let block = block.max(1);
        let k = payload.len().div_ceil(block).max(1);
        let mut padded = payload.to_vec();
        padded.resize(k * block, 0);
        Encoder {
            k,
            block,
            transfer,
            padded,
        }
    }

    pub fn blocks(&self) -> usize {
        self.k
    }

    /// Frame `index`: its degree and the XOR of its blocks.
    pub fn frame(&self, index: u32) -> (usize, Vec<u8>) {
        let degree = if (index as usize) < self.k {
            1
        } else {
            // Drawn from a stream of its own, so the blocks' draws
            // (`blocks_of`) stay the receiver's to repeat.
            // A uniformly random subset of the blocks: its size is the
            // number of heads in k coin tosses.
            let mut draws = Draws::new(!self.transfer, index);
            draws.heads(self.k).clamp(1, self.k)
        };
        let mut data = vec![0u8; self.block];
        for b in blocks_of(self.k, self.transfer, index, degree) {
            let source = &self.padded[b * self.block..(b + 1) * self.block];
            data.iter_mut().zip(source).for_each(|(d, s)| *d ^= s);
        }
        (degree, data)
    }
}

/// One equation: which blocks (a bit each) XOR to `data`.
#[derive(Clone)]
struct Row {
    blocks: Vec<u64>,
    data: Vec<u64>,
}

impl Row {
    fn xor(&mut self, other: &Row) {
        self.blocks
            .iter_mut()
            .zip(&other.blocks)
            .for_each(|(a, b)| *a ^= b);
        self.data
            .iter_mut()
            .zip(&other.data)
            .for_each(|(a, b)| *a ^= b);
    }

    fn lowest(&self) -> Option<usize> {
        self.blocks
            .iter()
            .enumerate()
            .find(|(_, w)| **w != 0)
            .map(|(i, w)| i * 64 + w.trailing_zeros() as usize)
    }

    fn has(&self, bit: usize) -> bool {
        self.blocks[bit / 64] >> (bit % 64) & 1 == 1
    }
}

/// The receiving side: frames in, blocks out once enough arrived.
pub struct Decoder {
    k: usize,
    block: usize,
    /// The row whose lowest block is this one, once one arrived.
    pivots: Vec<Option<Row>>,
    found: usize,
}

impl Decoder {
    pub fn new(k: usize, block: usize) -> Self {
        Decoder {
            k,
            block,
            pivots: vec![None; k],
            found: 0,
        }
    }

    /// How many blocks' worth of independent frames have arrived.
    pub fn rank(&self) -> usize {
        self.found
    }

    pub fn is_complete(&self) -> bool {
        self.found == self.k
    }

    /// Takes a frame carrying the XOR of `blocks`; true when it added
    /// something (false for a repeat or a combination of frames seen).
    pub fn add(&mut self, blocks: &[usize], data: &[u8]) -> bool {
        if data.len() != self.block || blocks.iter().any(|&b| b >= self.k) {
            return false;
        }
        let mut row = Row {
            blocks: vec![0; self.k.div_ceil(64)],
            data: vec![0; self.block.div_ceil(8)],
        };
        for &b in blocks {
            row.blocks[b / 64] ^= 1 << (b % 64);
        }
        for (i, byte) in data.iter().enumerate() {
            row.data[i / 8] |= (*byte as u64) << (8 * (i % 8));
        }
        while let Some(low) = row.lowest() {
            match &self.pivots[low] {
                Some(pivot) => row.xor(pivot),
                None => {
                    self.pivots[low] = Some(row);
                    self.found += 1;
                    return true;
                }
            }
        }
        false
    }

    /// The blocks, one after another, once complete.
    pub fn solve(mut self) -> Option<Vec<u8>> {
        if !self.is_complete() {
            return None;
        }
        // Each pivot row's other blocks are higher ones: clear them from
        // the top down, and every row is its block alone.
        for p in (0..self.k).rev() {
            let mut row = self.pivots[p].take()?;
            for q in p + 1..self.k {
                if row.has(q) {
                    row.xor(self.pivots[q].as_ref()?);
                }
            }
            self.pivots[p] = Some(row);
        }
        let mut out = Vec::with_capacity(self.k * self.block);
        for row in self.pivots.into_iter().flatten() {
            let bytes = row.data.iter().flat_map(|w| w.to_le_bytes());
            out.extend(bytes.take(self.block));
        }
        Some(out)
    }
}
