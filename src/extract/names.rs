//! Person names: titles and demonyms off the front (`Russian President Vladimir Putin` →
//! `Vladimir Putin`), possessives off the end, and surname matching.

use super::gazetteer::GAZETTEER;

/// Party and political labels that stand before names like titles do.
pub const AFFILIATIONS: &[&str] = &[
    "republican",
    "democratic",
    "democrat",
    "independent",
    "conservative",
    "liberal",
    "labour",
    "socialist",
    "communist",
    "gop",
    "then-",
    "former",
    "late",
    "acting",
    "interim",
    "deputy",
];

/// `N. Korea`, `S. Korean`: a compass point cut to its letter, written out (for lookups).
pub fn compass_written_out(name: &str) -> Option<String> {
    let (point, rest) = name.split_once(' ')?;
    let point = match point {
        "N." => "North",
        "S." => "South",
        "E." => "East",
        "W." => "West",
        _ => return None,
    };
    Some(format!("{point} {rest}"))
}

/// Where a person's name starts inside a capitalised run: after the last title (`Florida Sen.
/// Marco Rubio`, `House Speaker Paul Ryan`), leading demonyms and labels (`Russian`,
/// `Republican`) skipped. Returns the index of the first name word and the descriptor words.
pub fn name_start(words: &[&str]) -> (usize, Vec<String>) {
    let g = &*GAZETTEER;
    let mut start = 0;
    // The last title with at least one word after it; titles run up to three words. A title
    // with only a generation after it is a surname (`Martin Luther King Jr.`, `Ben Bishop Sr.`).
    for i in 0..words.len().saturating_sub(1) {
        for len in (1..=3).rev() {
            // A particle is no title (`da` of `Lula da Silva` is not `DA`).
            if i + len < words.len()
                && words[i].starts_with(char::is_uppercase)
                && !words[i + len..].iter().all(|w| is_generation(w))
                && g.is_title(&words[i..i + len].join(" "))
            {
                start = start.max(i + len);
                break;
            }
        }
    }
    while start + 1 < words.len() {
        let w = words[start];
        let lower = w.to_lowercase();
        let two = words[start..(start + 2).min(words.len())].join(" ");
        if start + 2 < words.len() && g.is_demonym(&two) {
            start += 2;
        } else if g.is_demonym(w)
            || AFFILIATIONS.contains(&lower.as_str())
            || lower == "the"
            || lower.starts_with("ex-")
        {
            start += 1;
        } else {
            break;
        }
    }
    // `Dean Jones`, `Christian Cullen`: a word that is a title or a demonym, but no rank, and
    // a given name, before a surname alone is the given name.
    // A generation after them says the same of a rank (`Earl Dunbar Jr.`: no earl has one).
    let generation = words.last().is_some_and(|w| is_generation(w));
    let core = words.len() - usize::from(generation);
    if start == 1 && core == 2 {
        let lower = words[0].to_lowercase();
        if (generation || !g.ranks.contains(&lower))
            && g.any_given(words[0])
            && g.any_surname(words[1])
        {
            start = 0;
        }
    }
    let descriptors = words[..start]
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    (start, descriptors)
}

/// A generation after a name: `Jr.`, `Sr`, `II`, `III`, `IV`.
pub fn is_generation(word: &str) -> bool {
    word.len() <= 4
        && matches!(
            word.trim_end_matches('.'),
            "Jr" | "Sr" | "JR" | "SR" | "II" | "III" | "IV"
        )
}

/// Drops leading titles, honorifics, demonyms and labels, and a trailing possessive.
pub fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (start, _) = name_start(&words);
    strip_possessive(&words[start..].join(" ")).to_string()
}

/// `Putin’s` → `Putin`.
pub fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .or_else(|| name.strip_suffix('’'))
        .unwrap_or(name)
}

/// Whether a one-word mention names the same person as a full name: its last word before a
/// generation (`King` of `Martin Luther King Jr.`), or its first (family names first: `Kim`
/// of `Kim Jong-un`).
pub fn is_part_of(short: &str, full: &str) -> bool {
    // Asked of every pair of mentions: an ASCII name is split without decoding it.
    if full.is_ascii() {
        part_of(short, full.split_ascii_whitespace())
    } else {
        part_of(short, full.split_whitespace())
    }
}

fn part_of<'a>(short: &str, mut words: impl DoubleEndedIterator<Item = &'a str>) -> bool {
    let (Some(first), Some(mut last)) = (words.next(), words.next_back()) else {
        return false;
    };
    if is_generation(last) {
        match words.next_back() {
            Some(before) => last = before,
            // `Dunbar` of `Dunbar Jr.`.
            None => return first.eq_ignore_ascii_case(short),
        }
    }
    last.eq_ignore_ascii_case(short) || first.eq_ignore_ascii_case(short)
}

/// A name split before the generation that ends it: `Martin Luther King Jr.` →
/// (`Martin Luther King`, `Jr.`); `None` when no generation ends it.
pub fn split_generation(name: &str) -> Option<(&str, &str)> {
    name.rsplit_once(' ')
        .filter(|(_, last)| is_generation(last))
        .map(|(rest, last)| (rest.trim_end_matches(','), last))
}

/// Whether a name ends in the father's generation: `Cassius Clay Sr.`.
pub fn is_father(name: &str) -> bool {
    split_generation(name).is_some_and(|(_, g)| matches!(g.trim_end_matches('.'), "Sr" | "SR"))
}

/// A name without the generation after it: `Martin Luther King Jr.` → `Martin Luther King`.
pub fn without_generation(name: &str) -> &str {
    split_generation(name).map_or(name, |(rest, _)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_demonyms_come_off() {
        assert_eq!(
            strip_titles("Russian President Vladimir Putin"),
            "Vladimir Putin"
        );
        assert_eq!(
            strip_titles("North Korean Chairman Kim Jong-un"),
            "Kim Jong-un"
        );
        assert_eq!(strip_titles("Sen. Bernie Sanders"), "Bernie Sanders");
        assert_eq!(strip_titles("Prime Minister Jane Example"), "Jane Example");
        assert_eq!(strip_titles("Putin’s"), "Putin");
        assert_eq!(strip_titles("President"), "President");
        assert_eq!(strip_titles("Florida Sen. Marco Rubio"), "Marco Rubio");
        assert_eq!(strip_titles("Republican Donald Trump"), "Donald Trump");
    }

    #[test]
    fn surnames_and_family_names() {
        assert!(is_part_of("Putin", "Vladimir Putin"));
        assert!(is_part_of("Kim", "Kim Jong-un"));
        assert!(!is_part_of("Vladimir Putin", "Vladimir Putin"));
        assert!(is_part_of("King", "Martin Luther King Jr."));
        assert!(!is_part_of("Jr.", "Martin Luther King Jr."));
        assert_eq!(without_generation("Al Unser Jr."), "Al Unser");
        assert_eq!(without_generation("Unser"), "Unser");
        assert!(is_father("Cassius Clay Sr.") && !is_father("Al Unser Jr."));
        assert!(is_part_of("Dunbar", "Dunbar Jr."));
        assert_eq!(
            strip_titles("Luiz Inácio Lula da Silva"),
            "Luiz Inácio Lula da Silva"
        );
        assert_eq!(strip_titles("Earl Dunbar Jr."), "Earl Dunbar Jr.");
    }
}
