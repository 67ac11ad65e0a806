//! The exchange file's published JSON Schema, generated from the record
//! types (host only: the app does not carry schemars).
//!
//! schemars marks Rust integer widths with formats such as `uint32`, which
//! are not JSON Schema formats: a strict validator refuses to compile them.
//! Each is turned into the range it stands for, so the schema uses standard
//! keywords and formats only.

use crate::exchange::ExchangeDocument;
use serde_json::{json, Value};

/// The schema of an exchange document, as published in `public/`.
pub fn exchange_schema() -> Value {
    let mut schema = schemars::schema_for!(ExchangeDocument).to_value();
    standardise(&mut schema);
    schema
}

/// The range of a Rust integer width named as schemars names it.
fn integer_range(format: &str) -> Option<(Value, Value)> {
    Some(match format {
        "uint8" => (json!(0), json!(u8::MAX)),
        "uint16" => (json!(0), json!(u16::MAX)),
        "uint32" => (json!(0), json!(u32::MAX)),
        "uint64" | "uint" => (json!(0), json!(u64::MAX)),
        "int8" => (json!(i8::MIN), json!(i8::MAX)),
        "int16" => (json!(i16::MIN), json!(i16::MAX)),
        "int32" => (json!(i32::MIN), json!(i32::MAX)),
        "int64" | "int" => (json!(i64::MIN), json!(i64::MAX)),
        _ => return None,
    })
}

fn standardise(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let range = map
                .get("format")
                .and_then(Value::as_str)
                .and_then(integer_range);
            if let Some((min, max)) = range {
                map.remove("format");
                map.insert("minimum".into(), min);
                map.insert("maximum".into(), max);
            }
            map.values_mut().for_each(standardise);
        }
        Value::Array(items) => items.iter_mut().for_each(standardise),
        _ => {}
    }
}
