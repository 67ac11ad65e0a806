//! What every split point shares: code split off the main module in a
//! release build (`scripts/split.mjs`) is fetched the first time it is
//! called, and may not arrive.

/// A chunk's code did not arrive (the network dropped before it did):
/// trying again fetches it again.
#[derive(Clone, Copy, Debug)]
pub struct ChunkMissing;

#[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Calls a split function: awaited in a release build, where it may
/// fetch its chunk first; a plain call otherwise (debug builds and the
/// wasm tests have no chunks).
macro_rules! from_chunk {
    ($call:expr) => {{
        #[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
        let made = $call.await;
        #[cfg(not(all(target_arch = "wasm32", not(debug_assertions))))]
        let made = $call;
        made
    }};
}
pub(crate) use from_chunk;
