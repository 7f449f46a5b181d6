//! Word lists and the sentence-start test the recogniser's rules share: capitalised words
//! that are never names, the connectors allowed inside names, and result verbs of sports copy.

use foldhash::HashSet;

use crate::extract::tokens::Token;

/// Words that are capitalised but never names on their own.
/// [`NEVER_NAMES`] as a set: it is asked about every word of every story.
pub fn never_names() -> &'static HashSet<&'static str> {
    static SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| NEVER_NAMES.iter().copied().collect());
    &SET
}

const NEVER_NAMES: &[&str] = &[
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    // Month abbreviations that are no given name, with and without the stop.
    "Feb",
    "Apr",
    "Apr.",
    "Aug",
    "Sep",
    "Sep.",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    // Weekday abbreviations (`(Fri)` after TV times): not `Sun`, a surname, `Mon`, a people,
    // nor `Thu` and `Sat`, given names (`Thu Bồn`), without their stop.
    "Mon.",
    "Tue",
    "Tue.",
    "Tues",
    "Tues.",
    "Wed",
    "Wed.",
    "Thu.",
    "Thur",
    "Thur.",
    "Thurs",
    "Thurs.",
    "Fri",
    "Fri.",
    "Sat.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "OK",
    "TV",
    "AM",
    "PM",
    "A.M.",
    "P.M.",
    "GMT",
    "EST",
    "EDT",
    "CET",
    "UTC",
];

/// Lower-case words allowed inside a name (`Ursula von der Leyen`, `Bank of England`).
pub const CONNECTORS: &[&str] = &[
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "der",
    "den", "ter", "bin", "ibn", "al", "el", "y", "of", "&", "for", "the", "and", "in",
];

pub const SPORTS_VERBS: &[&str] = &[
    "beat",
    "beats",
    "defeated",
    "defeat",
    "drew",
    "draw",
    "lost",
    "lose",
    "won",
    "win",
    "v",
    "vs",
    "vs.",
    "against",
    "hosts",
    "host",
    "visit",
    "visits",
    "thrashed",
    "edged",
    "routed",
    "held",
    "outclassed",
    "overcame",
    "play",
    "played",
    "face",
    "faces",
    "plays",
];

/// Whether the token at `i` opens a sentence (after an opening quote or bracket).
pub fn is_sentence_start(toks: &[Token<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0
        && matches!(
            toks[k - 1].text,
            "“" | "\"" | "‘" | "(" | "«" | "'" | "—" | "–" | "-" | "”" | "’" | ")" | "»"
        )
    {
        k -= 1;
    }
    k == 0
        || matches!(toks[k - 1].text, "." | "?" | "!" | ":" | ";" | "…")
        || toks[k - 1].text.ends_with('.') && toks[k - 1].text.len() > 3
}
