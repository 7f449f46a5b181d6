//! People, places and organisations named in a story: capitalised chunks found in the text,
//! checked against the gazetteer, classified by their own shape and their context (titles,
//! organisation cues, speech verbs, sports results), then merged per story over all surface
//! forms (full name → surname, acronym defined inline → the acronym alone, aliases).

use foldhash::HashSet;

use super::gazetteer::{GAZETTEER, Gazetteer};
use super::language::is_english;
use super::tokens::{self, Token};
use crate::article::{Dateline, EntityKind};

mod candidate;
mod chunks;
mod foreign;
mod merge;
mod words;

use candidate::Candidate;
pub use candidate::{Found, HEADLINE, Mention};
use chunks::{chunk, title_case};
use merge::merge;
use words::is_sentence_start;

/// Last words of a club's name in sports copy that elsewhere end a place's.
const CLUB_LAST: &[&str] = &["city", "town", "county", "forest"];

/// Last words that make a capitalised phrase a place (`Grace Road`, `Lake Chad`).
const PLACE_LAST: &[&str] = &[
    "road",
    "street",
    "lane",
    "avenue",
    "square",
    "stadium",
    "park",
    "airport",
    "bridge",
    "lake",
    "river",
    "mountain",
    "mountains",
    "island",
    "islands",
    "valley",
    "hill",
    "hills",
    "bay",
    "beach",
    "coast",
    "province",
    "county",
    "district",
    "region",
    "strait",
    "canal",
    "sea",
    "ocean",
    "peninsula",
    "desert",
    "forest",
    "harbour",
    "harbor",
    "port",
    "arena",
    "oval",
    "ground",
    "circuit",
    "highway",
    "boulevard",
    "plaza",
    "palace",
    "cathedral",
    "mosque",
    "temple",
    "complex",
    "airfield",
];

/// First words that make a capitalised phrase a place (`St Johnstone`, `East Fife`).
const PLACE_FIRST: &[&str] = &[
    "St", "St.", "Saint", "Sainte", "Mount", "Mt", "Mt.", "Fort", "Ft", "Ft.", "Port", "East",
    "West", "North", "South", "Upper", "Lower", "Lake", "Cape",
];

/// Finds and merges the entities of one story. `body_tokens`: each paragraph's, as
/// [`tokens::tokenize`] gives them.
pub fn find(
    headline: &str,
    dateline: Option<&Dateline>,
    byline: Option<&str>,
    paragraphs: &[String],
    body_tokens: &[Vec<Token<'_>>],
) -> Found {
    let g = &*GAZETTEER;
    // Words the body writes capitalised mid-sentence: how an all-capitals headline or subhead
    // is read. Gathered only for copy that has one.
    let body_names = std::cell::OnceCell::new();
    let body_names = || {
        body_names.get_or_init(|| {
            let mut names: HashSet<String> = HashSet::default();
            for toks in body_tokens {
                for (i, t) in toks.iter().enumerate() {
                    if i > 0
                        && t.is_capitalized()
                        && !t.is_all_caps()
                        && !is_sentence_start(toks, i)
                    {
                        names.insert(t.text.to_lowercase());
                    }
                }
            }
            names
        })
    };
    let sports = is_sports(headline, paragraphs);

    let mut candidates = Vec::new();
    let head_tokens = tokens::tokenize(headline);
    // An all-capitals or Title Case headline capitalises every word: there a word counts as
    // a name only when the gazetteer knows it or the body writes it as one.
    let head_words: Vec<&Token<'_>> = head_tokens
        .iter()
        .filter(|t| t.is_word() && t.text.len() > 3)
        .collect();
    let capitalised = head_words.iter().filter(|t| t.is_capitalized()).count();
    let caps_headline = !head_words.is_empty() && capitalised * 10 >= head_words.len() * 8;
    candidates.extend(chunk(
        g,
        headline,
        &head_tokens,
        HEADLINE,
        caps_headline.then(body_names),
    ));
    if let Some(byline) = byline {
        // A byline is a person (or several, "Jane Example and John Sample").
        let toks = tokens::tokenize(byline);
        for mut c in chunk(g, byline, &toks, HEADLINE, None) {
            if crate::lexicon::agencies::lookup(&c.surface).is_none()
                && g.lookup(&c.surface).is_none()
            {
                c.kind = Some(EntityKind::Person);
                c.strong = true;
                candidates.push(c);
            }
        }
    }
    if let Some(dateline) = dateline {
        let text = dateline.text.as_str();
        let toks = tokens::tokenize(text);
        let mut found = chunk(g, text, &toks, HEADLINE, None);
        // What the dateline's parser read as its place (and region) is one, known or not
        // (`LYON, 3 mars (AFP) -`).
        let parsed = |surface: &str| {
            [&dateline.place, &dateline.region]
                .into_iter()
                .flatten()
                .any(|p| crate::text::same_ignoring_case(p, surface))
        };
        for c in &mut found {
            // A dateline names a place (the agency in it is not a story entity).
            if parsed(&c.surface)
                || c.surface.chars().any(char::is_lowercase)
                || c.surface.len() > 7
                || g.lookup(&title_case(&c.surface)).is_some()
            {
                c.kind = Some(EntityKind::Place);
                c.strong = true;
                c.canonical = g
                    .lookup(&title_case(&c.surface))
                    .or_else(|| g.lookup(&c.surface))
                    .map(|k| k.canonical.clone());
            }
        }
        candidates.extend(found.into_iter().filter(|c| {
            c.kind.is_some() && crate::lexicon::agencies::lookup(&c.surface).is_none()
        }));
    }
    for (p, (text, toks)) in paragraphs.iter().zip(body_tokens).enumerate() {
        // A paragraph in capitals is a subhead (`NO DEAL YET`): read like such a headline.
        let subhead =
            text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
        candidates.extend(chunk(g, text, toks, p, subhead.then(body_names)));
    }
    for c in &mut candidates {
        if c.kind.is_none() {
            classify(g, c, sports);
        }
    }
    // The place a story is datelined from is that place wherever the story names it, even
    // when a surname is spelt the same (`LYON, 3 mars (AFP) -` … `la métropole de Lyon`),
    // unless the text makes a person of it (`Mayor Lyon`); in sports copy a city is a team.
    if let Some(place) = dateline
        .and_then(|d| d.place.as_deref())
        .filter(|_| !sports)
    {
        for c in &mut candidates {
            if !c.titled && c.kind.is_some() && crate::text::same_ignoring_case(&c.surface, place) {
                c.kind = Some(EntityKind::Place);
                c.strong = true;
            }
        }
    }
    // The rules read English. In copy in another language (German capitalises every noun)
    // only names the gazetteer knows, and people it titles, are trusted.
    if !is_english(body_tokens) {
        candidates.retain_mut(|c| {
            foreign::strip_article(c);
            foreign::organisation(c) || c.canonical.is_some() || c.titled || given_name_first(g, c)
        });
    }
    merge(candidates)
}

/// In copy in another language: a person named with a known given name, cut to start there
/// (`Bürgermeister Jan Petersen` → `Jan Petersen`, `Landesgeschäftsführerin Miriam Kaufmann`).
fn given_name_first(g: &Gazetteer, c: &mut Candidate) -> bool {
    if c.kind != Some(EntityKind::Person) {
        return false;
    }
    let words: Vec<(usize, &str)> = c
        .surface
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let Some(k) = words.iter().position(|(_, w)| g.given_names.contains(*w)) else {
        return false;
    };
    let rest = words.len() - k;
    if !(2..=3).contains(&rest) || c.surface.contains("  ") {
        return false;
    }
    let offset = words[k].0;
    c.surface = c.surface[offset..].to_string();
    c.start += offset;
    c.words = rest;
    true
}

/// Headlines that open with a sport in capitals (`CRICKET -`), or copy full of results.
fn is_sports(headline: &str, paragraphs: &[String]) -> bool {
    const SPORTS: &[&str] = &[
        "SOCCER",
        "FOOTBALL",
        "CRICKET",
        "TENNIS",
        "GOLF",
        "BASEBALL",
        "BASKETBALL",
        "RUGBY",
        "ATHLETICS",
        "CYCLING",
        "HOCKEY",
        "BOXING",
        "MOTOR",
        "HORSE",
        "SKIING",
        "SWIMMING",
        "VOLLEYBALL",
        "HANDBALL",
        "SQUASH",
        "BADMINTON",
        "SNOOKER",
        "RACING",
        "NFL",
        "NBA",
        "NHL",
    ];
    let first = headline.split_whitespace().next().unwrap_or("");
    if SPORTS.contains(&first.trim_end_matches(['-', ':'])) {
        return true;
    }
    // Three of the cues anywhere in the text, in any (ASCII) case, inside words too (`goals`,
    // `rematch`).
    let mut seen = [false; SPORTS_CUES.len()];
    let mut count = 0;
    for paragraph in paragraphs {
        for m in SPORTS_CUE_SEARCH.find_overlapping_iter(paragraph.as_str()) {
            let seen = &mut seen[m.pattern().as_usize()];
            if !*seen {
                *seen = true;
                count += 1;
                if count >= 3 {
                    return true;
                }
            }
        }
    }
    false
}

/// Words that, three of them together, make copy sports copy.
const SPORTS_CUES: [&str; 13] = [
    "halftime",
    "half-time",
    "goal",
    "scored",
    "innings",
    "wickets",
    "league",
    "championship",
    "match",
    "season",
    "coach",
    "striker",
    "tournament",
];

/// The cues in one automaton, blind to ASCII case, reporting every match (overlapping too):
/// one pass over a paragraph instead of a search for each cue.
static SPORTS_CUE_SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(SPORTS_CUES)
            .expect("sports cues automaton")
    });

fn classify(g: &Gazetteer, c: &mut Candidate, sports: bool) {
    if c.title_word {
        c.kind = Some(EntityKind::Person);
        c.guess = true;
        return;
    }
    let words: Vec<&str> = c.surface.split_whitespace().collect();
    let bare = |w: &str| w.trim_end_matches('.').to_lowercase();
    let last = words.last().map(|w| bare(w)).unwrap_or_default();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let in_capitals = !c.surface.chars().any(char::is_lowercase);
    let known = g
        .lookup(&c.surface)
        .or_else(|| {
            in_capitals
                .then(|| g.lookup(&title_case(&c.surface)))
                .flatten()
        })
        .or_else(|| {
            crate::extract::names::compass_written_out(&c.surface).and_then(|w| g.lookup(&w))
        });
    c.strong = true;
    if let Some(known) = known {
        c.canonical = Some(known.canonical.clone());
        c.kind = Some(known.kind);
        c.local_place = known.kind == EntityKind::Place && !known.country;
        // `Carson said`, `Sen. Anderson`: a town named like a person is the person, unless
        // the text places it ("in Carson").
        let person_context = c.titled
            || (c.followed_by_speech
                && (known.ambiguous || (words.len() > 1 && g.given_names.contains(words[0]))))
            || (known.ambiguous
                && !c.locative
                && known.population < 1_000_000
                && g.surnames.contains(c.surface.as_str()));
        // `(Derby 12, Jordan 70)`: scorers after a score are players.
        let scorer = sports && c.player && !c.locative;
        if c.local_place && (person_context || scorer) {
            c.kind = Some(EntityKind::Person);
            // `Brent crude`: a town named like a person, before a market word, is neither.
            if let Some(noun) = c.before_market_noun {
                c.kind = noun.kind();
            }
        }
        // In sports copy a city or county that is not where something happens is a team.
        if sports && c.local_place && !c.locative && !scorer {
            c.kind = Some(EntityKind::Organization);
            c.strong = c.sports_context;
        }
        return;
    }
    if crate::lexicon::agencies::lookup(&c.surface).is_some() {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    // `Nvidia shares`: a company; `Brent crude`, `Hang Seng index`: a grade or an index.
    if let Some(noun) = c.before_market_noun.filter(|_| !c.titled) {
        c.kind = noun.kind();
        return;
    }
    if c.titled {
        c.kind = Some(EntityKind::Person);
        return;
    }
    let org_cue = words.len() >= 2
        && (words[1..].iter().any(|w| g.org_last.contains(&bare(w)))
            || (g.org_first.contains(&first)
                && words.iter().any(|w| {
                    matches!(
                        *w,
                        "of" | "for" | "de" | "del" | "des" | "du" | "della" | "di" | "der"
                    )
                })))
        || words.contains(&"&");
    if org_cue {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    // `Stoke City 2`, `Derby County`, `Nottingham Forest`: in sports copy a name ending in a
    // kind of place, where nothing happens there, is a club.
    if sports && !c.locative && words.len() >= 2 && CLUB_LAST.contains(&last.as_str()) {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    if words.len() >= 2 && PLACE_LAST.contains(&last.as_str()) {
        c.kind = Some(EntityKind::Place);
        return;
    }
    // A known place leading an unknown name ("Leicester City", "Chicago Purchasing
    // Managers", "Rotor Volgograd" the other way round) names a body based there.
    let place = |name: &str| g.lookup(name).is_some_and(|k| k.kind == EntityKind::Place);
    let place_inside = words.len() >= 2
        && (place(words[0])
            || (words.len() >= 3 && place(&words[..2].join(" ")))
            || (g.lookup(words[words.len() - 1])
                .is_some_and(|k| k.kind == EntityKind::Place && !k.country)
                // `Jeb Bush`: a surname that is also a town ends a person's name.
                && !g.any_surname(words[words.len() - 1])));
    // A place that is also a given name leads a team when a demonym ends it (`Cleveland
    // Indians`; not `David Rikl`); a place of two words is no given name (`San Diego Padres`).
    let two_word_place = words.len() >= 3 && place(&words[..2].join(" "));
    let named = if two_word_place {
        words[2..].iter().any(|w| g.given_names.contains(*w))
    } else {
        words.iter().any(|w| g.given_names.contains(*w)) && !g.is_demonym(words[words.len() - 1])
    };
    if place_inside && !named {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    let acronym = words.len() == 1
        && c.surface.len() <= 7
        && c.surface.chars().filter(|ch| ch.is_alphabetic()).count() >= 2
        && in_capitals;
    if acronym && !c.locative {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    c.strong = (c.sports_context && sports) || c.followed_by_speech || c.locative;
    // `St Johnstone`, `East Fife`, `Fort Worth`: a name opened by a saint or a compass point
    // names a place, or in sports copy a team.
    if words.len() >= 2 && PLACE_FIRST.contains(&words[0]) {
        if g.is_demonym(&words[1..].join(" ")) {
            // `West Indian`, `South African`: a demonym.
            c.kind = None;
            return;
        }
        c.kind = Some(if sports {
            EntityKind::Organization
        } else {
            EntityKind::Place
        });
        return;
    }
    // A town below city size (`Witry-lès-Reims`, `Bormes les Mimosas`) named whole.
    if g.is_town(&c.surface) && !c.followed_by_speech {
        c.kind = Some(if sports && c.sports_context {
            EntityKind::Organization
        } else {
            EntityKind::Place
        });
        return;
    }
    if words.len() >= 2 {
        // Two or three capitalised words with no cue are, in news copy, mostly a person.
        let given =
            g.given_names.contains(words[0]) || (words[0].len() <= 2 && words[0].ends_with('.'));
        let surname = g.surnames.contains(words[words.len() - 1]);
        // Evidence before a name: words that are all ordinary ones (`Human Rights`, `Seven
        // Iraqis`, `LAST SALE`, `Grand Slam`) name no one unless the text says who speaks.
        let census_name = g.any_given(words[0]) && g.any_surname(words[words.len() - 1]);

        if !given
            && !surname
            && !census_name
            && !c.followed_by_speech
            && words.iter().all(|w| plain_word(g, w))
        {
            // `in Bread Hill`: where something is, it is a place.
            c.kind = c.locative.then_some(EntityKind::Place);
            return;
        }
        // `Nasdaq Composite`, `Bloomberg Politics`: a known body and ordinary words after it
        // name something of that body's, not a person.
        if !given
            && g.lookup(words[0])
                .is_some_and(|k| k.kind == EntityKind::Organization)
            && words[1..].iter().all(|w| plain_word(g, w))
        {
            c.kind = Some(EntityKind::Organization);
            return;
        }
        c.strong |= given || surname;
        c.kind = Some(if words.len() <= 3 || given {
            EntityKind::Person
        } else {
            EntityKind::Organization
        });
        return;
    }
    // One word, not in the gazetteer.
    let word = words[0];
    let common = g.is_common(word) && !g.surnames.contains(word) && !g.given_names.contains(word);
    // An everyday word is a name only as the surname of someone the story names in full
    // (`Peter Cook` … `Cook said`): a guess that `merge` keeps only then.
    // An everyday word that is also a census surname is a name only as the surname of
    // someone the story names in full (`Peter Cook` … `Cook said`): a guess `merge` keeps
    // only then.
    let surname_word = g.surname_words.contains(word);
    if (c.sentence_start || in_capitals) && common {
        if surname_word && !in_capitals {
            c.kind = Some(EntityKind::Person);
            c.guess = true;
        }
        return;
    }
    c.kind = Some(
        if c.locative
            || c.before_place_noun
            || (c.after_of && !g.surnames.contains(word) && !g.given_names.contains(word))
        {
            c.strong |= c.before_place_noun;
            EntityKind::Place
        } else if sports && c.player {
            // `Rovers 2 (Brenner 12)`, `Rovers: Mackle; Tennant`: scorers and line-ups are
            // players.
            c.strong = true;
            EntityKind::Person
        } else if sports && c.sports_context && !c.followed_by_speech {
            EntityKind::Organization
        } else {
            // Settled in `merge` when it is the surname of someone already named; with no
            // evidence at all, only then is it a name.
            c.guess = !c.strong && !g.surnames.contains(word) && !g.given_names.contains(word);
            EntityKind::Person
        },
    );
    if common && !c.strong {
        c.kind = surname_word.then_some(EntityKind::Person);
        c.guess = surname_word;
    }
}

/// A word of the language rather than of a name: a frequent word, a demonym, a number or a
/// single letter (hyphenated: every part one).
fn plain_word(g: &Gazetteer, word: &str) -> bool {
    word.trim_end_matches('.').split('-').all(|part| {
        part.chars().count() <= 1
            || part.chars().all(|c| c.is_ascii_digit())
            || g.is_common(part)
            || g.is_demonym(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(headline: &str, body: &[&str]) -> Vec<(EntityKind, String, Vec<String>)> {
        let paragraphs: Vec<String> = body.iter().map(|s| (*s).to_string()).collect();
        let tokens: Vec<Vec<Token<'_>>> = paragraphs.iter().map(|p| tokens::tokenize(p)).collect();
        let found = find(headline, None, None, &paragraphs, &tokens);
        found
            .entities
            .into_iter()
            .map(|e| (e.kind, e.name, e.mentions))
            .collect()
    }

    fn has(found: &[(EntityKind, String, Vec<String>)], kind: EntityKind, name: &str) -> bool {
        found.iter().any(|(k, n, _)| *k == kind && n == name)
    }

    /// A table or subhead in capitals keeps a known name of several words whole.
    #[test]
    fn known_names_in_capitals_stay_whole() {
        let found = entities(
            "Baseball standings",
            &[
                "Standings after Thursday's games, won and lost.",
                "NEW YORK 74 59",
                "SAN DIEGO 70 63",
            ],
        );
        assert!(found.iter().any(|(_, n, _)| n == "New York"), "{found:?}");
        assert!(found.iter().any(|(_, n, _)| n == "San Diego"), "{found:?}");
        assert!(
            !found.iter().any(|(_, n, _)| n == "York" || n == "Diego"),
            "{found:?}"
        );
    }

    /// Evidence before a name: words that look like names in capitals but are none.
    #[test]
    fn no_name_without_evidence() {
        let found = entities(
            "",
            &[
                "Volumes rose to 1.2 million TEUs in Oct, up from Sept, the port said.",
                "“I’m not worried,” said harbour master Jane Qorvath. “We’re ready. Don’t panic. They’re coming back.”",
                "NO DEAL YET",
                "Talks on Russian-Korean and Sino-Japanese routes resumed; the Durance was low.",
                "Officials met Lucy Tyler-Sharman. On Friday, Qorvath spoke again.",
                "Ferries reached Lowmoor island by noon.",
            ],
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        for junk in [
            "TEUs",
            "Oct",
            "Sept",
            "I’m",
            "We’re",
            "Don’t",
            "They’re",
            "NO DEAL YET",
            "Russian-Korean",
            "Sino-Japanese",
            "Durance",
        ] {
            assert!(!names.contains(&junk), "{junk} in {names:?}");
        }
        assert!(has(&found, EntityKind::Person, "Jane Qorvath"), "{names:?}");
        // A kind of place after an unknown word is evidence of a place.
        assert!(has(&found, EntityKind::Place, "Lowmoor"), "{names:?}");
        // A double-barrelled name is no compound adjective; a surname alone joins the full name.
        assert!(
            has(&found, EntityKind::Person, "Lucy Tyler-Sharman"),
            "{names:?}"
        );
        let jane = found.iter().find(|(_, n, _)| n == "Jane Qorvath");
        assert!(jane.is_some_and(|(_, _, m)| m.contains(&"Qorvath".to_string())));
    }

    /// Ordinary words in capitals are no one; a given name and a surname are someone even when
    /// both are words too; a title or demonym that is a given name stays before a surname.
    #[test]
    fn people_need_a_name_to_be_people() {
        let found = entities(
            "",
            &[
                "Seven Iraqis and Two Chinese were held, and Human Rights groups protested on Monday.",
                "LAST SALE prices rose. Nick Knight batted while Dean Jones and Christian Cullen watched.",
                "Ex-Yankee Randy Velarde signed. Initially Poland refused, and N. Korea stayed away.",
                "The San Diego Padres beat the Cleveland Indians. St Kilda lies to the west.",
                "A fan wore a Velarde T-Shirt to the X-Ray unit.",
                "Aalsmeer voted against the plan, and Bormes-les-Mimosas agreed.",
            ],
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        for junk in [
            "Seven Iraqis",
            "Two Chinese",
            "Human Rights",
            "Last Sale",
            "LAST SALE",
            "Jones",
            "Cullen",
            "Ex-Yankee Randy Velarde",
            "Initially Poland",
            "Diego Padres",
            "Velarde T-Shirt",
            "T-Shirt",
            "X-Ray",
        ] {
            assert!(!names.contains(&junk), "{junk} in {names:?}");
        }
        for person in [
            "Nick Knight",
            "Dean Jones",
            "Christian Cullen",
            "Randy Velarde",
        ] {
            assert!(
                has(&found, EntityKind::Person, person),
                "{person}: {found:?}"
            );
        }
        assert!(has(&found, EntityKind::Place, "Poland"), "{found:?}");
        assert!(has(&found, EntityKind::Place, "N. Korea"), "{found:?}");
        assert!(has(&found, EntityKind::Place, "St Kilda"), "{found:?}");
        // Towns below city size are places where nothing says they are someone.
        for town in ["Aalsmeer", "Bormes-les-Mimosas"] {
            assert!(has(&found, EntityKind::Place, town), "{town}: {found:?}");
        }
        for team in ["San Diego Padres", "Cleveland Indians"] {
            assert!(
                has(&found, EntityKind::Organization, team),
                "{team}: {found:?}"
            );
        }
    }

    /// Names are shown as written; the gazetteer's name is only a key beside them.
    #[test]
    fn names_are_never_rewritten() {
        let body = [
            "Twitter suspended the accounts on Monday, the company said in Istanbul.",
            "Officials in the U.S. and the United States Congress were not told.",
        ]
        .map(str::to_string);
        let tokens: Vec<Vec<Token<'_>>> = body.iter().map(|p| tokens::tokenize(p)).collect();
        let found = find("", None, None, &body, &tokens);
        let twitter = found
            .entities
            .iter()
            .find(|e| e.mentions.contains(&"Twitter".into()));
        let twitter = twitter.expect("Twitter found");
        assert_eq!(twitter.name, "Twitter");
        assert_eq!(twitter.canonical.as_deref(), Some("X Corp"));
        let us = found
            .entities
            .iter()
            .find(|e| e.mentions.contains(&"U.S.".into()));
        let us = us.expect("U.S. found");
        assert_eq!(us.name, "U.S.", "{:?}", found.entities);
        assert_eq!(us.canonical.as_deref(), Some("United States"));
        let istanbul = found.entities.iter().find(|e| e.name == "Istanbul");
        assert_eq!(
            istanbul.map(|e| e.canonical.clone()),
            Some(None),
            "written as the gazetteer has it"
        );
    }

    #[test]
    fn people_places_organisations() {
        let found = entities(
            "",
            &[
                "Russian President Vladimir Putin met North Korean Chairman Kim Jong-un in Pyongyang, according to a Kremlin statement. Putin thanked Kim.",
            ],
        );
        assert!(
            has(&found, EntityKind::Person, "Vladimir Putin"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Person, "Kim Jong-un"), "{found:?}");
        assert!(has(&found, EntityKind::Place, "Pyongyang"), "{found:?}");
        assert!(
            has(&found, EntityKind::Organization, "Kremlin"),
            "{found:?}"
        );
        let putin = found
            .iter()
            .find(|(_, n, _)| n == "Vladimir Putin")
            .unwrap();
        assert!(putin.2.contains(&"Putin".to_string()));
        assert!(
            !found
                .iter()
                .any(|(_, n, _)| n == "Russian" || n == "Russia"),
            "demonyms are not places: {found:?}"
        );
    }

    #[test]
    fn acronym_defined_inline() {
        let found = entities(
            "",
            &["The International Atomic Energy Agency (IAEA) met. Later the IAEA said no."],
        );
        let iaea = found
            .iter()
            .find(|(_, n, _)| n == "International Atomic Energy Agency")
            .unwrap();
        assert!(iaea.2.contains(&"IAEA".to_string()), "{found:?}");
        assert_eq!(
            found
                .iter()
                .filter(|(k, _, _)| *k == EntityKind::Organization)
                .count(),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn aliases_merge() {
        let found = entities(
            "",
            &["The U.S. and the United States are one country, said Sean O’Brien."],
        );
        assert_eq!(
            found
                .iter()
                .filter(|(k, _, _)| *k == EntityKind::Place)
                .count(),
            1,
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Person, "Sean O’Brien"), "{found:?}");
    }

    #[test]
    fn sports_teams_named_after_places_are_organisations() {
        let found = entities(
            "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP",
            &[
                "Phil Simmons took four wickets as Leicestershire beat Somerset by an innings at Grace Road in the county championship match on Friday.",
            ],
        );
        assert!(
            has(&found, EntityKind::Organization, "Leicestershire"),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Organization, "Somerset"),
            "{found:?}"
        );
    }

    /// A generation ends a name, even after a word that is also a title (`King`, `Bishop`),
    /// and the name without it is the same person.
    #[test]
    fn a_generation_is_part_of_the_name() {
        let found = entities(
            "",
            &[
                "Marcus Lee King Jr. spoke first, then Ben Bishop Sr. and King Carlos III.",
                "Later Marcus Lee King recalled the day, and King said it was hard.",
            ],
        );
        assert!(
            found.iter().any(|(k, n, mentions)| *k == EntityKind::Person
                && n == "Marcus Lee King Jr."
                && mentions.iter().any(|m| m == "Marcus Lee King")
                && mentions.iter().any(|m| m == "King")),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Person, "Ben Bishop Sr."),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Person, "Carlos III"), "{found:?}");
        // A father's name written without `Sr.` is the son's.
        let found = entities(
            "",
            &["Tomas Reyes Sr. trained him; Tomas Reyes won the title."],
        );
        assert!(has(&found, EntityKind::Person, "Tomas Reyes"), "{found:?}");
    }

    /// A particle after a full name before a body's name or several names ends the person;
    /// `Bourse de`, `Banco de`, `Banque de` open a body's name as `Bank of` does.
    #[test]
    fn particles_join_names_not_people_to_bodies() {
        let cases: [(&str, &[&str], &[&str]); 4] = [
            (
                "Die Zahlen seien solide, sagte der Analyst Jonas Beispiel von der Landesbank Nordmark Süd am Dienstag in Hamburg.",
                &["Jonas Beispiel"],
                &[],
            ),
            (
                "Ursula von der Leyen met Luiz Inácio Lula da Silva in Brussels on Monday.",
                &["Ursula von der Leyen", "Luiz Inácio Lula da Silva"],
                &[],
            ),
            (
                "Les valeurs ont progressé mardi à la Bourse de Paris, selon l'analyste Claire Exemple de la Banque de France.",
                &["Claire Exemple"],
                &["Bourse de Paris", "Banque de France"],
            ),
            (
                "El Banco de España y el Ministerio del Interior lo confirmaron el martes en un comunicado.",
                &[],
                &["Banco de España", "Ministerio del Interior"],
            ),
        ];
        for (text, people, bodies) in cases {
            let found = entities("", &[text]);
            for person in people {
                assert!(
                    has(&found, EntityKind::Person, person),
                    "{person}: {found:?}"
                );
            }
            for body in bodies {
                assert!(
                    has(&found, EntityKind::Organization, body),
                    "{body}: {found:?}"
                );
            }
        }
    }

    /// Before a market word a name is a company (`Nvidia shares`) or a benchmark (`Brent
    /// crude`), never a person; `shares` as a verb leaves the person.
    #[test]
    fn market_words_make_companies_and_benchmarks() {
        let found = entities(
            "",
            &[
                "Traders sold Quorvex shares on Monday while Brent crude futures rose.",
                "Kate Lindqvist shares the view of Marta Olsen.",
            ],
        );
        assert!(
            has(&found, EntityKind::Organization, "Quorvex"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, n, _)| n == "Brent"), "{found:?}");
        assert!(
            has(&found, EntityKind::Person, "Kate Lindqvist"),
            "{found:?}"
        );
        // A known body and ordinary words after it are that body's, not a person.
        let found = entities(
            "",
            &["The Nasdaq Composite fell while Reuters Television ran."],
        );
        assert!(
            has(&found, EntityKind::Organization, "Nasdaq Composite"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(k, _, _)| *k == EntityKind::Person),
            "{found:?}"
        );
    }

    /// Sports copy: scorers in brackets after a score or after `Scorers:` and names in a
    /// line-up are players, even where a surname is also a town; clubs end in Rovers, Athletic,
    /// City, County; a colon before names with no semicolons is no line-up.
    #[test]
    fn scorers_are_players_and_clubs_are_bodies() {
        let found = entities(
            "SOCCER - MIDLAND CUP RESULTS",
            &[
                "Results of Midland cup ties on Saturday:",
                "Harbour Rovers 2 (Brenner 12, Quintos 77) Dunmore Athletic 1 (Derby 55). Halftime 1-0.",
                "Kelvin Town 0 Stanmore County 3 (Okafor 4, 61).",
                "Scorers: Lindqvist 2, Okafor 1.",
                "Harbour Rovers: Mackle; Tennant (Pellew 70), Vasko; Corrin, Okafor.",
                "Stanmore coach Raul Deveny said the club would appeal.",
                "Venue: Glenfarrow Park, Cramond.",
                "Highlights on Channel 4 2230-2330 (Fri) and 1000-1100 (Sat.).",
            ],
        );
        for player in [
            "Brenner",
            "Quintos",
            "Okafor",
            "Lindqvist",
            "Derby",
            "Mackle",
            "Vasko",
            "Corrin",
            "Pellew",
        ] {
            assert!(
                has(&found, EntityKind::Person, player),
                "{player}: {found:?}"
            );
        }
        for club in [
            "Harbour Rovers",
            "Dunmore Athletic",
            "Kelvin Town",
            "Stanmore County",
        ] {
            assert!(
                has(&found, EntityKind::Organization, club),
                "{club}: {found:?}"
            );
        }
        assert!(has(&found, EntityKind::Person, "Raul Deveny"), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(_, n, _)| n.starts_with("Fri") || n.starts_with("Sat")),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(k, n, _)| *k == EntityKind::Person && n.starts_with("Glenfarrow")),
            "{found:?}"
        );
        // Outside sports copy a county is a place and a number in brackets names no scorer.
        let found = entities(
            "",
            &["Flooding hit Stanmore County, where 2 (Brenner said) roads closed."],
        );
        assert!(
            has(&found, EntityKind::Place, "Stanmore County"),
            "{found:?}"
        );
    }

    #[test]
    fn automaton_keeps_known_names_with_lower_case_words_whole() {
        let found = entities(
            "",
            &[
                "Ships from Bosnia and Herzegovina crossed the Strait of Hormuz, the Bank of England said.",
            ],
        );
        assert!(
            has(&found, EntityKind::Place, "Bosnia and Herzegovina"),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Place, "Strait of Hormuz"),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Organization, "Bank of England"),
            "{found:?}"
        );
        // A body's name the gazetteer lacks runs over `and` and `in` too.
        let found = entities(
            "",
            &[
                "Monitors from the Organisation for Harbour Safety and Cooperation in Europe arrived.",
            ],
        );
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "Organisation for Harbour Safety and Cooperation in Europe"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn copy_in_another_language_keeps_only_known_names() {
        let found = entities(
            "",
            &[
                "Die Regierung in Berlin hat am Montag neue Regeln für Milliarden Dollar beschlossen, \
               die ab Januar gelten sollen. Der Minister sagte, die Zeichen stünden gut, und die \
               Anleger in Frankfurt reagierten mit Erleichterung auf die Entscheidung des Kabinetts. \
               Die neuen Regeln sollen nach dem Willen der Koalition auch für kleine Betriebe gelten, \
               die bisher von der Pflicht ausgenommen waren, und sie werden im Sommer noch einmal \
               geprüft, wie es in einer Mitteilung des Ministeriums hieß.",
            ],
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Berlin") && names.contains(&"Frankfurt"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"Milliarden Dollar") && !names.contains(&"Zeichen"),
            "{names:?}"
        );
    }
}
