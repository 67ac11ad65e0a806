//! The locale files: every key in both languages with the same
//! placeholders, and no English sentence that would say "1 clashes".

use serde_json::Value;
use std::collections::BTreeMap;

fn flat(file: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(file).expect("locale file");
    let json: Value = serde_json::from_str(&text).expect("locale JSON");
    let mut out = BTreeMap::new();
    let mut stack = vec![(String::new(), &json)];
    while let Some((prefix, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    stack.push((format!("{prefix}{k}."), v));
                }
            }
            Value::String(s) => {
                out.insert(prefix.trim_end_matches('.').to_string(), s.clone());
            }
            other => panic!("{prefix}: not text: {other}"),
        }
    }
    out
}

fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|part| {
            part.split_once("}}")
                .map(|(name, _)| name.trim().to_string())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn both_languages_have_every_key_with_the_same_placeholders() {
    let (en, zh) = (flat("locales/en.json"), flat("locales/zh-CN.json"));
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty() && only_zh.is_empty(),
        "{only_en:?} {only_zh:?}"
    );
    for (key, text) in &en {
        assert_eq!(placeholders(text), placeholders(&zh[key]), "{key}");
    }
}

/// "{{ count }} clashes", "{{ count }} people": a count before a plural
/// noun needs its form for one, the key's `_single` twin, which says the
/// noun in the singular (the app picks it for exactly 1).
#[test]
fn an_english_count_before_a_plural_noun_has_a_form_for_one() {
    let en = flat("locales/en.json");
    let mut missing = Vec::new();
    for (key, text) in &en {
        if key.ends_with("_single") {
            continue;
        }
        let Some((_, after)) = text.split_once("{{ count }} ") else {
            continue;
        };
        let words: Vec<&str> = after
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(2)
            .collect();
        let noun = match words.as_slice() {
            ["new", noun, ..] | [noun, ..] => *noun,
            [] => continue,
        };
        let plural = noun == "people" || (noun.ends_with('s') && noun.len() > 3);
        if !plural {
            continue;
        }
        match en.get(&format!("{key}_single")) {
            Some(one)
                if !one.contains(&format!("{{{{ count }}}} {noun}"))
                    && !one.contains(&format!("{{{{ count }}}} new {noun}")) => {}
            Some(one) => missing.push(format!("{key}: the form for one still says {noun}: {one}")),
            None => missing.push(format!("{key}: “{text}” has no {key}_single")),
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
