//! Generates the typed translation keys from `locales/*.json` (only the
//! browser build has a UI, so host builds skip that work), and the table
//! of shipped holiday arrangements from `src/domain/holidays/*.json`: the
//! app carries the dates as constants, not JSON to parse at start.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    holiday_table(&out_dir)?;
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return Ok(());
    }
    // Interpolated strings are also needed as plain text (titles, labels).
    let options = ParseOptions::new().interpolate_display(true);
    let config = Config::new("zh-CN")?
        .add_locale("en")?
        .parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}

/// `holidays.rs` in `OUT_DIR`: `SHIPPED_YEARS` (year, first and last index
/// into `SHIPPED_DAYS`), `SHIPPED_DAYS` (year, month, day, name index,
/// day off) and `SHIPPED_NAMES`. The domain's tests check the table
/// against the files.
fn holiday_table(out_dir: &std::path::Path) -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from("src/domain/holidays");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut names: Vec<String> = Vec::new();
    let mut years = String::new();
    let mut days = String::new();
    let mut count = 0usize;
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let bad = |what: &str| format!("{}: {what}", path.display());
        let year = file["year"].as_i64().ok_or_else(|| bad("no year"))?;
        let list = file["days"].as_array().ok_or_else(|| bad("no days"))?;
        let first = count;
        for day in list {
            let name = day["name"]
                .as_str()
                .ok_or_else(|| bad("a day without a name"))?;
            let date = day["date"]
                .as_str()
                .ok_or_else(|| bad("a day without a date"))?;
            let off = day["isOffDay"]
                .as_bool()
                .ok_or_else(|| bad("a day without isOffDay"))?;
            let parts: Vec<i64> = date
                .split('-')
                .map(|p| p.parse())
                .collect::<Result<_, _>>()?;
            let [y, m, d] = parts[..] else {
                return Err(bad("a date that is not YYYY-MM-DD").into());
            };
            let index = match names.iter().position(|n| n == name) {
                Some(i) => i,
                None => {
                    names.push(name.to_string());
                    names.len() - 1
                }
            };
            days.push_str(&format!("    ({y}, {m}, {d}, {index}, {off}),\n"));
            count += 1;
        }
        years.push_str(&format!("    ({year}, {first}, {count}),\n"));
    }
    let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    let code = format!(
        "pub const SHIPPED_YEARS: &[(i16, usize, usize)] = &[\n{years}];\n\
         pub const SHIPPED_DAYS: &[(i16, i8, i8, u8, bool)] = &[\n{days}];\n\
         pub const SHIPPED_NAMES: &[&str] = &[{}];\n",
        names.join(", ")
    );
    std::fs::write(out_dir.join("holidays.rs"), code)?;
    Ok(())
}
