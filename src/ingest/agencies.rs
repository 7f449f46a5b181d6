//! The table of news agencies (`assets/agencies.tsv`): names and aliases to the dateline short name.

use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../assets/agencies.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let Some(short) = cols.next().map(str::trim) else {
            continue;
        };
        map.insert(key(short), short);
        for alias in cols.next().unwrap_or("").split('|') {
            if !alias.trim().is_empty() {
                map.insert(key(alias), short);
            }
        }
    }
    map
});

fn key(name: &str) -> String {
    name.trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ")
        .replace('’', "'")
        .to_lowercase()
}

/// The short name of a known agency (`Agence France-Presse` → `AFP`), if `name` is one.
pub fn lookup(name: &str) -> Option<&'static str> {
    TABLE.get(&key(name)).copied()
}

/// Whether `name` reads like an agency even when it is not in the table: a name ending in
/// "News Agency", "Press Agency", "Press", "News Service" and the like.
pub fn looks_like_agency(name: &str) -> bool {
    if lookup(name).is_some() {
        return true;
    }
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 6
        && matches!(
            words.last().copied(),
            Some("agency" | "press" | "agencies" | "wire" | "ajansı" | "agentur")
        )
        || lower.ends_with("news service")
        || lower.starts_with("agence ")
        || lower.starts_with("agencia ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_and_aliases() {
        assert_eq!(lookup("Reuters"), Some("Reuters"));
        assert_eq!(lookup("Agence France-Presse"), Some("AFP"));
        assert_eq!(lookup("The Associated Press"), Some("AP"));
        assert_eq!(lookup("Mi’raj News Agency"), Some("MINA"));
        assert_eq!(lookup("DPA"), Some("dpa"));
        assert_eq!(lookup("Senegal"), None);
    }

    #[test]
    fn agency_shaped_names() {
        assert!(looks_like_agency("Example News Agency"));
        assert!(looks_like_agency("Anadolu"));
        assert!(!looks_like_agency("North Korea"));
        assert!(!looks_like_agency("Press"));
    }
}
