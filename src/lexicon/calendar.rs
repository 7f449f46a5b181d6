//! Month and weekday names in the languages the wire uses (English, German, French, Spanish,
//! Italian, Portuguese, Dutch, the Nordic languages), written out and abbreviated: the one
//! table every date reader asks.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Month names and abbreviations, by month. A name shared by languages (`mars`, `set`, `dic`)
/// means the same month in each of them.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "jän", "janvier", "janv", "enero", "ene", "gennaio",
        "gen", "janeiro", "januari", "tammikuu",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "helmikuu",
    ],
    &[
        "march",
        "mar",
        "märz",
        "maerz",
        "mär",
        "mrz",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "mrt",
        "marts",
        "maaliskuu",
    ],
    &[
        "april", "apr", "avril", "avr", "abril", "abr", "aprile", "huhtikuu",
    ],
    &[
        "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "toukokuu",
    ],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "kesäkuu",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "heinäkuu",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "elokuu",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "set",
        "settembre",
        "setembro",
        "syyskuu",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
        "out", "lokakuu",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "marraskuu",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "joulukuu",
    ],
];

/// Weekday names, Monday first.
const WEEKDAYS: [&[&str]; 7] = [
    &[
        "monday",
        "mon",
        "montag",
        "lundi",
        "lunes",
        "lunedì",
        "lunedi",
        "segunda-feira",
        "maandag",
        "måndag",
        "mandag",
    ],
    &[
        "tuesday",
        "tue",
        "tues",
        "dienstag",
        "mardi",
        "martes",
        "martedì",
        "martedi",
        "terça-feira",
        "dinsdag",
        "tisdag",
        "tirsdag",
    ],
    &[
        "wednesday",
        "wed",
        "mittwoch",
        "mercredi",
        "miércoles",
        "miercoles",
        "mercoledì",
        "mercoledi",
        "quarta-feira",
        "woensdag",
        "onsdag",
    ],
    &[
        "thursday",
        "thu",
        "thurs",
        "donnerstag",
        "jeudi",
        "jueves",
        "giovedì",
        "giovedi",
        "quinta-feira",
        "donderdag",
        "torsdag",
    ],
    &[
        "friday",
        "fri",
        "freitag",
        "vendredi",
        "viernes",
        "venerdì",
        "venerdi",
        "sexta-feira",
        "vrijdag",
        "fredag",
    ],
    &[
        "saturday",
        "sat",
        "samstag",
        "sonnabend",
        "samedi",
        "sábado",
        "sabado",
        "sabato",
        "zaterdag",
        "lördag",
        "lørdag",
    ],
    &[
        "sunday", "sun", "sonntag", "dimanche", "domingo", "domenica", "zondag", "söndag", "søndag",
    ],
];

static MONTH_BY_NAME: LazyLock<HashMap<&'static str, i8>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (number, names) in (1..).zip(MONTHS) {
        for name in names {
            map.insert(*name, number);
        }
    }
    map
});

/// The month (1–12) a name or abbreviation stands for, in any case, a trailing full stop
/// allowed: `Dec.`, `dic`, `März`, `OKT` .
pub fn month(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTH_BY_NAME.get(lower.as_str()).copied()
}

/// Whether `name` is a weekday, written out or abbreviated, in any case.
pub fn is_weekday(name: &str) -> bool {
    let lower = name.trim_end_matches('.').to_lowercase();
    WEEKDAYS.iter().any(|names| names.contains(&lower.as_str()))
}

/// Every month name, longest first, as one regex alternation (for patterns that find dates).
pub fn month_alternation() -> String {
    alternation(&MONTHS)
}

/// Every weekday name, longest first, as one regex alternation.
pub fn weekday_alternation() -> String {
    alternation(&WEEKDAYS)
}

fn alternation(lists: &[&[&str]]) -> String {
    let mut names: Vec<&str> = lists.iter().flat_map(|m| m.iter().copied()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
        .iter()
        .map(|n| regex_escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

fn regex_escape(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$-".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_the_wire_languages() {
        assert_eq!(month("Dec."), Some(12));
        assert_eq!(month("dic"), Some(12));
        assert_eq!(month("MÄRZ"), Some(3));
        assert_eq!(month("mars"), Some(3));
        assert_eq!(month("juil"), Some(7));
        assert_eq!(month("Okt"), Some(10));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("Junebug"), None);
    }

    #[test]
    fn no_name_means_two_months() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, names) in MONTHS.iter().enumerate() {
            for name in *names {
                if let Some(other) = seen.insert(name, i) {
                    assert_eq!(other, i, "{name} names two months");
                }
            }
        }
    }

    #[test]
    fn weekdays_and_alternations() {
        assert!(is_weekday("Wednesday"));
        assert!(is_weekday("mardi"));
        assert!(!is_weekday("Paris"));
        let months = regex::Regex::new(&format!("^(?i:{})$", month_alternation())).unwrap();
        assert!(months.is_match("Dezember"));
        assert!(months.is_match("set"));
        let days = regex::Regex::new(&format!("^(?i:{})$", weekday_alternation())).unwrap();
        assert!(days.is_match("segunda-feira"));
    }
}
