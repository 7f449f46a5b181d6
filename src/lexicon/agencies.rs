//! The table of news agencies (`assets/agencies.tsv`): names and aliases to the dateline short
//! name, and the one reading of an agency name wherever copy or metadata gives one (a dateline
//! bracket, a joint credit, a credit line, a copyright notice, a feed title, a provider domain).

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt as _};

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
    without_article(name).replace('’', "'").to_lowercase()
}

fn without_article(name: &str) -> &str {
    name.trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ")
}

/// The short name of a known agency (`Agence France-Presse` → `AFP`), if `name` is one. Asked
/// of every name a story's recogniser finds: a name in ASCII (no `’` to straighten) is
/// lower-cased without a new string.
pub fn lookup(name: &str) -> Option<&'static str> {
    crate::text::with_ascii_lower(without_article(name), |key| TABLE.get(key).copied())
        .unwrap_or_else(|| TABLE.get(&key(name)).copied())
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

/// The parts of a joint credit as the copy writes it: `tca/dpa`, `dpa/lby`, `AP/Reuters`.
/// A single name is one part.
pub fn credit_parts(credit: &str) -> impl Iterator<Item = &str> {
    credit.split('/').map(str::trim).filter(|p| !p.is_empty())
}

/// Whether a bracket's text is an agency credit: a known or agency-shaped name, an acronym, or
/// a joint credit whose parts are short codes with at least one known agency among them.
pub fn is_credit(text: &str) -> bool {
    let text = text.trim();
    if is_acronym(text) || looks_like_agency(text) {
        return true;
    }
    text.contains('/')
        && credit_parts(text)
            .all(|p| p.chars().count() <= 12 && p.chars().all(|c| c.is_alphabetic() || c == '-'))
        && credit_parts(text).any(|p| lookup(p).is_some())
}

/// An acronym such as agencies sign with: `ENA`, `KUNA`, `ANA-MPA`.
pub fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase() || c == '-')
}

/// The agency a credit names, as lists and searches show it: a known agency by its short name
/// (`Agence France-Presse` → `AFP`), a joint credit by its first known agency (`tca/dpa` →
/// `dpa`), anything else as written.
pub fn short_name(credit: &str) -> String {
    let credit = credit.trim();
    lookup(credit)
        .or_else(|| credit_parts(credit).find_map(lookup))
        .map_or_else(|| credit.to_string(), str::to_string)
}

/// A known agency named somewhere in a credit line, copyright notice or feed title:
/// `Copyright 2019 The Associated Press. All rights reserved.` → `AP`, `Reuters: World News` →
/// `Reuters`. Separators stand between spaces (or follow a colon), so `France-Presse` stays
/// whole.
pub fn named_in(text: &str) -> Option<&'static str> {
    if let Some(known) = lookup(text) {
        return Some(known);
    }
    let lower = text.to_lowercase();
    let cut = lower.find("all rights").unwrap_or(lower.len());
    let text = text.get(..cut).unwrap_or(text);
    let mut parts = text.to_string();
    for sep in [
        " - ", " – ", " — ", " | ", " / ", ": ", ", ", ". ", "; ", "(", ")", "©",
    ] {
        parts = parts.replace(sep, "\u{1}");
    }
    parts.split('\u{1}').find_map(|part| {
        let words: Vec<&str> = part
            .split_whitespace()
            .filter(|w| {
                !w.eq_ignore_ascii_case("copyright")
                    && !w.eq_ignore_ascii_case("(c)")
                    && !w
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == ',')
            })
            .collect();
        let part = words.join(" ");
        let part = part.trim_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
        lookup(part)
    })
}

/// The agency a metadata field names (a credit line, a copyright holder, a provider): a known
/// agency by its short name, a provider's domain by its first label (`reuters.com`), anything
/// else as written, without a copyright sign and year.
pub fn from_field(text: &str) -> Option<String> {
    let folded = crate::text::fold_whitespace(text);
    let mut rest = folded.as_str();
    for notice in ["©", "(c)", "(C)", "Copyright", "copyright", "COPYRIGHT"] {
        rest = rest.trim_start().strip_prefix(notice).unwrap_or(rest);
    }
    // The year of a notice (`© 2024 XNA`, `Copyright 2019, X`), not digits of a name (`360info`).
    let rest = rest.trim_start();
    let rest = match rest.split_once([' ', ',']) {
        Some((year, after)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => after,
        _ => rest,
    };
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || "-–—,.:;/".contains(c));
    if rest.is_empty() {
        return None;
    }
    if let Some(known) = named_in(rest) {
        return Some(known.to_string());
    }
    if !rest.contains(' ')
        && let Some((name, _)) = rest.trim_start_matches("www.").split_once('.')
    {
        return Some(lookup(name).map_or_else(|| name.to_string(), str::to_string));
    }
    Some(rest.to_string())
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

    #[test]
    fn joint_credits() {
        assert!(is_credit("tca/dpa"));
        assert!(is_credit("dpa/lby"));
        assert!(is_credit("XNA"));
        assert!(!is_credit("India"));
        assert!(!is_credit("and/or"));
        assert_eq!(short_name("tca/dpa"), "dpa");
        assert_eq!(short_name("Agence France-Presse"), "AFP");
        assert_eq!(short_name("XNA"), "XNA");
    }

    #[test]
    fn agencies_named_in_notices_and_titles() {
        assert_eq!(
            named_in("Copyright 2019 The Associated Press. All rights reserved."),
            Some("AP")
        );
        assert_eq!(named_in("Reuters: World News"), Some("Reuters"));
        assert_eq!(named_in("Agence France-Presse - World"), Some("AFP"));
        assert_eq!(named_in("Example-Reuters Digest"), None);
        assert_eq!(from_field("reuters.com").as_deref(), Some("Reuters"));
        assert_eq!(from_field("© 2024 XNA").as_deref(), Some("XNA"));
        assert_eq!(from_field("XNA–").as_deref(), Some("XNA"));
        assert_eq!(from_field("360info").as_deref(), Some("360info"));
        assert_eq!(
            from_field("Copyright 2019, Example Wire").as_deref(),
            Some("Example Wire")
        );
        assert_eq!(from_field("  "), None);
    }
}
