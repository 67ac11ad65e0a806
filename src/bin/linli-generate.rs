//! Writes a big community as a Linli backup file, for the benchmark:
//!
//!     cargo run --release --bin linli-generate -- [big|medium|small|roster|demo-roster] [seed] [out.json]
//!
//! The same size and seed always give the same file. `demo-roster` is the
//! roster file of the demo community's largest activity, as its "send"
//! buttons write it (the QR benchmark sends it).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use linli::domain::big_community::{big_community, Size};
    use linli::domain::demo::demo_community;
    use linli::domain::{CommunityZone, DeviceId};
    use linli::exchange::{slices, Covers, ExchangeDocument};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let size_name = args.first().map(String::as_str).unwrap_or("big");
    let size = Size::named(size_name);
    if size.is_none() && size_name != "demo-roster" {
        eprintln!("size must be big, medium, small, roster or demo-roster, not {size_name:?}");
        std::process::exit(2);
    }
    let seed = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 7,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("the seed must be a whole number");
            std::process::exit(2);
        }
    };
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("target/bench/{size_name}-{seed}.json"));
    // A fixed "now" keeps the file the same from run to run; the benchmark
    // sets the browser's clock to it.
    let now: jiff::Timestamp = "2026-11-27T02:00:00Z".parse().expect("a valid timestamp");
    let device = DeviceId("benchmark".into());
    let document = match size {
        Some(size) => {
            let records = big_community(seed, size, now, CommunityZone::Shanghai, &device);
            ExchangeDocument::new(records, Covers::Everything, now, &device)
        }
        None => {
            let demo = demo_community(now, CommunityZone::Shanghai, &device, seed);
            let Some((activity_id, records)) = demo
                .activities
                .iter()
                .map(|a| (a.meta.id, slices::roster(&demo, a.meta.id)))
                .max_by_key(|(_, roster)| roster.len())
            else {
                eprintln!("the demo community has no activity");
                std::process::exit(1);
            };
            ExchangeDocument::new(records, Covers::Roster { activity_id }, now, &device)
        }
    };
    let text = document.to_json();
    if let Some(dir) = std::path::Path::new(&out).parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
    if let Err(e) = std::fs::write(&out, &text) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!(
        "{out}: {} records, {} bytes",
        document.records.len(),
        text.len()
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
