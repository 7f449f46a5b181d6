//! Bylines, read one way for every format: a metadata field (`By Jane Example`, `Von X, dpa`,
//! `NTB`), a byline line in the copy (`By`, `BY`, `Von`, `Par`, `Por`, `Di`, `Door`, `Av`, `Af`
//! and a name), or a bare name line between headline and dateline as Reuters printed them.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::agencies;

/// A byline line: a byline word in the wire's languages, then a capitalised name.
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|von|par|por|di|door|av|af)\s+(\S.{0,150})$").expect("byline regex")
});

/// Words that join names in a byline (`Jane Example and John Sample`, `X und Y`).
const JOINERS: &[&str] = &[
    "and", "und", "et", "y", "e", "og", "och", "en", "&", "van", "von", "de", "da", "di", "del",
    "der", "den", "la", "le", "bin", "ibn", "al", "dos", "du",
];

/// What a byline says: the name as the story should show it, and the agency it credits
/// (`Jane Example, dpa` → dpa; a metadata byline that is only an agency → no name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub name: Option<String>,
    pub agency: Option<String>,
}

/// A byline from a metadata field. A field that names only an agency (`NTB`, `The Associated
/// Press`) is a credit, not a byline.
pub fn from_field(text: &str) -> Byline {
    let name = strip_prefix(&crate::text::fold_whitespace(text));
    if let Some(agency) = agencies::lookup(&name) {
        return Byline {
            name: None,
            agency: Some(agency.to_string()),
        };
    }
    let agency = credit_of(&name);
    Byline {
        name: (!name.is_empty()).then_some(name),
        agency,
    }
}

/// A byline line of the copy (`By Jane Example`, `Von X, dpa`), or with `bare_name` a line
/// that is only a name (`Adrian Example`). A line the copy prints as a byline is kept as
/// written, an agency too (`By The Associated Press`).
pub fn from_line(block: &str, bare_name: bool) -> Option<Byline> {
    let block = block.trim().trim_end_matches('=').trim_end();
    if let Some(caps) = PREFIXED.captures(block)
        && is_names(&caps[1])
    {
        let name = caps[1].trim().trim_end_matches(',').to_string();
        let agency = credit_of(&name).or_else(|| agencies::lookup(&name).map(str::to_string));
        return Some(Byline {
            name: Some(name),
            agency,
        });
    }
    let words: Vec<&str> = block.split_whitespace().collect();
    let is_name = bare_name
        && (2..=4).contains(&words.len())
        && block.len() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && words.iter().any(|w| w.chars().any(char::is_lowercase));
    is_name.then(|| Byline {
        name: Some(block.to_string()),
        agency: None,
    })
}

/// The names part of a byline line: capitalised words and joiners up to the first comma (a
/// title or credit may follow it), no sentence inside; or an agency's own staff (`dpa
/// correspondents`).
fn is_names(text: &str) -> bool {
    let names = text.split([',', '/']).next().unwrap_or(text);
    let words: Vec<&str> = names.split_whitespace().collect();
    if words.len() <= 4
        && words.first().is_some_and(|w| agencies::lookup(w).is_some())
        && !names.trim_end().ends_with(['.', '!', '?', ':'])
    {
        return true;
    }
    !words.is_empty()
        && words.len() <= 12
        && !names.trim_end().ends_with(['.', '!', '?', ':'])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || JOINERS.contains(&w.to_lowercase().as_str())
                || w.starts_with("d'")
                || w.starts_with("d’")
        })
}

/// Drops a leading byline word and trailing commas, `=` and space.
fn strip_prefix(text: &str) -> String {
    let mut rest = text.trim();
    if let Some((word, after)) = rest.split_once(' ')
        && ["by", "von", "par", "por", "di", "door", "av", "af"]
            .contains(&word.to_lowercase().as_str())
        && after.chars().next().is_some_and(char::is_uppercase)
    {
        rest = after;
    }
    rest.trim_matches(|c: char| c == ',' || c == '=' || c.is_whitespace())
        .to_string()
}

/// The agency a byline credits after its names: `Jane Example, dpa`, `X / NTB`.
fn credit_of(name: &str) -> Option<String> {
    name.rsplit([',', '/'])
        .next()
        .filter(|_| name.contains([',', '/']))
        .and_then(|last| agencies::lookup(last.trim()))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(b: Option<Byline>) -> Option<String> {
        b.and_then(|b| b.name)
    }

    #[test]
    fn lines_in_the_wires_languages() {
        for (line, want) in [
            ("By Jane Example", "Jane Example"),
            (
                "BY JANE EXAMPLE, AP Business Writer",
                "JANE EXAMPLE, AP Business Writer",
            ),
            (
                "Von Marta Beispiel und Jan Muster, dpa",
                "Marta Beispiel und Jan Muster, dpa",
            ),
            ("Par Jeanne Exemple", "Jeanne Exemple"),
            ("Por Juana Ejemplo", "Juana Ejemplo"),
            ("Di Maria Esempio", "Maria Esempio"),
            (
                "By Paulo Example and Frances d'Example",
                "Paulo Example and Frances d'Example",
            ),
            ("By dpa correspondents", "dpa correspondents"),
        ] {
            assert_eq!(
                name(from_line(line, false)).as_deref(),
                Some(want),
                "{line}"
            );
        }
        assert_eq!(
            from_line("Von Marta Beispiel, dpa", false)
                .unwrap()
                .agency
                .as_deref(),
            Some("dpa")
        );
    }

    #[test]
    fn prose_is_no_byline() {
        for line in [
            "Par ailleurs, le ministre a parlé.",
            "By the end of the day, prices had fallen.",
            "Di Example said on Monday that the talks would resume after the holiday.",
            "By Jane Example.",
        ] {
            assert_eq!(from_line(line, false), None, "{line}");
        }
    }

    #[test]
    fn bare_names_only_where_allowed() {
        assert_eq!(
            name(from_line("Adrian Example", true)).as_deref(),
            Some("Adrian Example")
        );
        assert_eq!(from_line("Adrian Example", false), None);
        assert_eq!(from_line("SPORT RESULTS", true), None);
    }

    #[test]
    fn fields() {
        assert_eq!(
            from_field(" By  Jo Ann Doe "),
            Byline {
                name: Some("Jo Ann Doe".into()),
                agency: None
            }
        );
        assert_eq!(
            from_field("NTB"),
            Byline {
                name: None,
                agency: Some("NTB".into())
            }
        );
        assert_eq!(
            from_field("Ola Example, NTB").agency.as_deref(),
            Some("NTB")
        );
        assert_eq!(from_field("  ").name, None);
    }
}
