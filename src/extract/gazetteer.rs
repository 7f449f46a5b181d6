//! The gazetteer tables in `assets/gazetteer/` (countries, cities, regions, demonyms, given
//! names, surnames, common words, organisations, organisation cues, titles), loaded once, with
//! one Aho-Corasick automaton over every multi-word name for matching in text.

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

mod town_hash;

use super::openings::Openings;
use crate::article::EntityKind;

/// A known name: what it is and its canonical form (`U.S.` → `United States`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub kind: EntityKind,
    pub canonical: String,
    /// Places: a country (true) rather than a city or region; a team named after a city is
    /// an organisation in sports copy, one named after a country stays a place.
    pub country: bool,
    /// Cities and regions: how populous (for ambiguity, larger wins).
    pub population: u64,
    /// A city or region whose name is also a person's name (`Carson`, `Anderson`, `Bush`):
    /// a place only where the context says so.
    pub ambiguous: bool,
}

pub struct Gazetteer {
    /// Exact surface form → what it names.
    pub names: HashMap<String, Known>,
    /// Lower-cased demonyms (`russian`, `north korean`, `russians`).
    pub demonyms: HashSet<String>,
    pub given_names: HashSet<String>,
    /// Given names the census lists mostly as one gender: `true` for female.
    pub female_names: HashMap<String, bool>,
    pub surnames: HashSet<String>,
    /// Census given names and surnames that are also frequent words (`Nick`, `Knight`): no
    /// evidence alone, but a given name and a surname together are.
    pub given_words: HashSet<String>,
    pub surname_words: HashSet<String>,
    /// Lower-cased titles of rank or office (political and military): never a given name.
    pub ranks: HashSet<String>,
    /// Lower-cased frequent English words.
    pub common_words: HashSet<String>,
    /// Lower-cased words that end organisation names (`bank`, `ministry`, `inc`).
    pub org_last: HashSet<String>,
    /// Lower-cased words that open organisation names before `of` (`bank`, `university`).
    pub org_first: HashSet<String>,
    /// Lower-cased person titles, single and multi-word (`president`, `prime minister`, `sen.`).
    pub titles: HashSet<String>,
    /// Titles that are political offices (for "the leader" style descriptions).
    pub political_titles: HashSet<String>,
    /// The multi-word names with a lower-case word, for leftmost-longest matching in text.
    pub automaton: AhoCorasick,
    /// Their first two words: the automaton runs only over text where one of them may occur.
    pub openings: Openings,
}

macro_rules! table {
    ($name:literal) => {
        include_str!(concat!("../../assets/gazetteer/", $name))
    };
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// How many lines `text` has (an upper bound on its rows).
fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

fn split_aliases(field: Option<&&'static str>) -> impl Iterator<Item = &'static str> {
    field
        .copied()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

impl Gazetteer {
    fn load() -> Gazetteer {
        // Tables sized for their rows from the start: growing them a doubling at a time took
        // a third of loading (rehashing, and pages touched anew).
        let mut names: HashMap<String, Known> = HashMap::with_capacity_and_hasher(
            2 * [
                table!("countries.tsv"),
                table!("cities.tsv"),
                table!("regions.tsv"),
                table!("organizations.tsv"),
                table!("registry_orgs.tsv"),
            ]
            .iter()
            .map(|t| line_count(t))
            .sum::<usize>(),
            foldhash::fast::RandomState::default(),
        );
        let mut add = |surface: &str, known: Known| {
            let entry = names.entry(surface.to_string());
            entry
                .and_modify(|old| {
                    // Countries beat cities of the same name; bigger cities beat smaller.
                    let better = (known.country && !old.country)
                        || (known.country == old.country
                            && known.population > old.population
                            && old.kind == known.kind);
                    if better {
                        *old = known.clone();
                    }
                })
                .or_insert(known);
        };
        let place = |canonical: &str, country: bool, population: u64| Known {
            kind: EntityKind::Place,
            canonical: canonical.to_string(),
            country,
            population,
            ambiguous: false,
        };

        let mut demonyms = HashSet::default();
        for row in rows(table!("countries.tsv")) {
            let name = row[0];
            add(name, place(name, true, u64::MAX));
            for alias in split_aliases(row.get(1)) {
                add(alias, place(name, true, u64::MAX));
            }
            for d in split_aliases(row.get(2)) {
                demonyms.insert(d.to_lowercase());
            }
        }
        for row in rows(table!("cities.tsv")) {
            let population = row.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
            add(row[0], place(row[0], false, population));
            for alias in split_aliases(row.get(3)) {
                add(alias, place(row[0], false, population));
            }
        }
        for row in rows(table!("regions.tsv")) {
            add(row[0], place(row[0], false, 1));
            for alias in split_aliases(row.get(3)) {
                add(alias, place(row[0], false, 1));
            }
        }
        for row in rows(table!("demonyms.tsv")) {
            demonyms.insert(row[0].to_lowercase());
        }
        // Organisations last: "Kremlin", "White House" are bodies, whatever else they name.
        // The companies and clubs of registry data come after them and name only what no other
        // table names.
        for (table, overrides) in [
            (table!("organizations.tsv"), true),
            (table!("registry_orgs.tsv"), false),
        ] {
            for row in rows(table) {
                let org = Known {
                    kind: EntityKind::Organization,
                    canonical: row[0].to_string(),
                    country: false,
                    population: 0,
                    ambiguous: false,
                };
                for name in std::iter::once(row[0]).chain(split_aliases(row.get(2))) {
                    if overrides {
                        names.insert(name.to_string(), org.clone());
                    } else {
                        names.entry(name.to_string()).or_insert_with(|| org.clone());
                    }
                }
            }
        }

        let words = |text: &'static str| -> HashSet<String> {
            let mut set = HashSet::with_capacity_and_hasher(
                line_count(text),
                foldhash::fast::RandomState::default(),
            );
            set.extend(rows(text).map(|r| r[0].to_string()));
            set
        };
        let given_names = words(table!("given_names.txt"));
        let female_names: HashMap<String, bool> = rows(table!("given_names.txt"))
            .filter_map(|r| match r.get(1).copied() {
                Some("f") => Some((r[0].to_string(), true)),
                Some("m") => Some((r[0].to_string(), false)),
                _ => None,
            })
            .collect();
        let surnames = words(table!("surnames.txt"));
        let name_words = |role: &str| -> HashSet<String> {
            rows(table!("name_words.tsv"))
                .filter(|r| {
                    r.get(1)
                        .is_some_and(|roles| roles.split('|').any(|x| x == role))
                })
                .map(|r| r[0].to_string())
                .collect()
        };
        let given_words = name_words("given");
        let surname_words = name_words("surname");
        let mut common_words: HashSet<String> = HashSet::with_capacity_and_hasher(
            line_count(table!("common_words.txt")),
            foldhash::fast::RandomState::default(),
        );
        common_words.extend(rows(table!("common_words.txt")).map(|r| r[0].to_lowercase()));
        // `St Louis`, `Mt Kenya`, `Ft Worth`: copy (and tables in capitals) drops the full stop
        // the tables write.
        let undotted: Vec<(String, Known)> = names
            .iter()
            .filter_map(|(surface, known)| {
                let rest = ["St. ", "Mt. ", "Ft. "]
                    .iter()
                    .find_map(|p| surface.strip_prefix(p).map(|rest| (&p[..2], rest)))?;
                Some((format!("{} {}", rest.0, rest.1), known.clone()))
            })
            .collect();
        for (surface, known) in undotted {
            names.entry(surface).or_insert(known);
        }
        for (surface, known) in &mut names {
            known.ambiguous = known.kind == EntityKind::Place
                && !known.country
                && (surnames.contains(surface) || given_names.contains(surface));
        }

        let mut org_last = HashSet::default();
        let mut org_first = HashSet::default();
        for row in rows(table!("org_cues.tsv")) {
            let word = row[0].to_lowercase();
            match row.get(1).copied().unwrap_or("last") {
                "first" => {
                    org_first.insert(word.trim_end_matches(" of").to_string());
                }
                "any" => {
                    org_first.insert(word.clone());
                    org_last.insert(word);
                }
                _ => {
                    org_last.insert(word);
                }
            }
        }
        let mut titles = HashSet::default();
        let mut political_titles = HashSet::default();
        let mut ranks = HashSet::default();
        for row in rows(table!("titles.tsv")) {
            let title = row[0].to_lowercase();
            if row.get(1).is_some_and(|k| *k == "political") {
                political_titles.insert(title.clone());
            }
            if row
                .get(1)
                .is_some_and(|k| matches!(*k, "political" | "military"))
            {
                ranks.insert(title.clone());
            }
            titles.insert(title);
        }

        // Multi-word names with a lower-case word inside (`Strait of Hormuz`) go into the
        // automaton: capitalised runs find the others, and single words are looked up per token.
        // Only these are used from it, and leaving the rest out makes the search ~5x faster.
        let patterns = automaton_names(&names);
        let openings = Openings::new(patterns.iter().map(String::as_str));
        // A contiguous NFA, not a DFA: built in a few milliseconds with a few MB, where the
        // DFA took most of start-up and ~40 MB, for a search that is barely faster.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("gazetteer automaton builds from plain strings");

        Gazetteer {
            names,
            demonyms,
            given_names,
            female_names,
            surnames,
            given_words,
            surname_words,
            ranks,
            common_words,
            org_last,
            org_first,
            titles,
            political_titles,
            automaton,
            openings,
        }
    }

    /// Whether `word` (any case) is a frequent English word.
    pub fn is_common(&self, word: &str) -> bool {
        holds_lower(&self.common_words, word)
    }

    /// A town below city size (`Bormes-les-Mimosas`, `Aalsmeer`): a place where nothing
    /// says the word is someone. The 75,000 names and a hash table of them are written by the
    /// build from `towns.tsv` (`build.rs`): nothing to load at run time, and a look-up reads
    /// a slot or two (a search by halves read ~17 names scattered over 1 MB, a cache miss
    /// each).
    #[allow(clippy::unused_self)] // asked of the gazetteer like its other tables
    pub fn is_town(&self, name: &str) -> bool {
        use town_hash::{PLACE_BITS, SLOTS, hash, start_and_tag};
        let (mut at, tag) = start_and_tag(hash(name.as_bytes()));
        let place_mask = (1u32 << PLACE_BITS) - 1;
        loop {
            let slot = TOWN_SLOTS
                .get(at * 4..at * 4 + 4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, u32::from_le_bytes);
            if slot == 0 {
                return false;
            }
            if slot & !place_mask == tag {
                let place = (slot & place_mask) as usize;
                if place.checked_sub(1).and_then(|p| TOWNS.get(p)) == Some(&name) {
                    return true;
                }
            }
            at = (at + 1) % SLOTS;
        }
    }

    /// A given name of either list: `Nick` as well as `Vladimir`.
    pub fn any_given(&self, word: &str) -> bool {
        self.given_names.contains(word) || self.given_words.contains(word)
    }

    /// A surname of either list: `Knight` as well as `Putin`.
    pub fn any_surname(&self, word: &str) -> bool {
        self.surnames.contains(word) || self.surname_words.contains(word)
    }

    pub fn is_title(&self, word: &str) -> bool {
        holds_lower(&self.titles, word)
    }

    pub fn is_demonym(&self, word: &str) -> bool {
        holds_lower(&self.demonyms, word)
    }

    pub fn lookup(&self, surface: &str) -> Option<&Known> {
        self.names.get(surface)
    }
}

/// Whether `set` holds `text` in lower case (as `str::to_lowercase` makes it). These
/// look-ups run for most words of every story: text in ASCII is lower-cased on the stack, and
/// not at all when it already is.
fn holds_lower(set: &HashSet<String>, text: &str) -> bool {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(text);
    }
    crate::text::lowered(text, |lower| set.contains(lower))
}

/// The names of `assets/gazetteer/towns.tsv`, in byte order (the build checks it).
static TOWNS: &[&str] = include!(concat!(env!("OUT_DIR"), "/towns.rs"));
static TOWN_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/town_slots.bin"));

/// The names the automaton holds: those of several words with one in lower case, sorted.
pub(super) fn automaton_names(names: &HashMap<String, Known>) -> Vec<String> {
    let mut patterns: Vec<String> = names
        .keys()
        .filter(|k| (k.contains(' ') || k.contains('.')) && has_lower_word(k))
        .cloned()
        .collect();
    patterns.sort();
    patterns
}

/// Whether a name has a word that starts in lower case (`Bank of England`, `al-Assad`).
pub fn has_lower_word(name: &str) -> bool {
    name.split([' ', '-'])
        .any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_text_in_any_case_as_lower_casing_it_would_say() {
        let set: HashSet<String> = [
            "minister".to_string(),
            "président".to_string(),
            "x".repeat(70),
        ]
        .into_iter()
        .collect();
        for (text, held) in [
            ("minister", true),
            ("Minister", true),
            ("MINISTER", true),
            ("ministers", false),
            ("Président", true),
            ("PRÉSIDENT", true),
            (&"X".repeat(70), true),
            (&"X".repeat(71), false),
            ("", false),
        ] {
            assert_eq!(holds_lower(&set, text), held, "{text}");
            assert_eq!(set.contains(&text.to_lowercase()), held, "{text}");
        }
    }

    #[test]
    fn a_saint_without_its_full_stop_is_the_same_place() {
        let g = &*GAZETTEER;
        assert_eq!(
            g.lookup("St Louis").map(|k| k.canonical.as_str()),
            g.lookup("St. Louis").map(|k| k.canonical.as_str())
        );
        assert!(g.lookup("St Louis").is_some());
    }

    #[test]
    fn aliases_resolve_to_canonical_names() {
        let g = &*GAZETTEER;
        assert_eq!(
            g.lookup("U.S.").map(|k| k.canonical.as_str()),
            Some("United States")
        );
        assert_eq!(
            g.lookup("Russian Federation").map(|k| k.canonical.as_str()),
            Some("Russia")
        );
        assert_eq!(
            g.lookup("Pyongyang").map(|k| k.kind),
            Some(EntityKind::Place)
        );
        assert_eq!(
            g.lookup("Kremlin").map(|k| k.kind),
            Some(EntityKind::Organization)
        );
        assert!(g.is_demonym("Russian") && g.is_demonym("north korean"));
        assert!(g.is_title("President") && g.is_title("prime minister"));
        assert!(g.given_names.contains("Vladimir"));
        // Towns are searched by halves: the table must stay in byte order.
        let towns: Vec<&str> = rows(table!("towns.tsv")).map(|r| r[0]).collect();
        assert!(
            towns.windows(2).all(|w| w[0] < w[1]),
            "towns.tsv is out of order"
        );
        // Companies and clubs of registry data, below every other table.
        let org = |name: &str| {
            g.lookup(name)
                .is_some_and(|k| k.kind == EntityKind::Organization)
        };
        assert!(org("Beiersdorf") && org("Knicks") && org("Boston Bruins"));
        assert!(!org("Paris") && !org("Target"));
        assert!(g.is_town("Bormes-les-Mimosas") && g.is_town("Aalsmeer"));
        assert!(!g.is_town("Cook") && !g.is_town("Paris"));
        // Every town of the table is found, and nothing between two towns is.
        assert!(towns.iter().all(|t| g.is_town(t)));
        assert!(!towns.iter().any(|t| g.is_town(&format!("{t}\u{1}"))));
        assert!(!g.is_town("") && !g.is_town("\u{10ffff}"));
        assert!(g.is_common("the") && !g.is_common("Pyongyang"));
    }
}
