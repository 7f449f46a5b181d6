//! People, places and organisations named in a story: capitalised chunks found in the text,
//! checked against the gazetteer, classified by their own shape and their context (titles,
//! organisation cues, speech verbs, sports results), then merged per story over all surface
//! forms (full name → surname, acronym defined inline → the acronym alone, aliases).

use foldhash::{HashMap, HashSet};

use super::gazetteer::{GAZETTEER, Gazetteer};
use super::language::is_english;
use super::names;
use super::tokens::{self, Kind, Token};

mod merge;
use crate::article::{Entity, EntityKind};
use merge::merge;

/// Where the headline's mentions are recorded (it is not one of the paragraphs).
pub const HEADLINE: usize = usize::MAX;

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// What the recogniser found in one story.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// Per entity: lower-cased words that describe it (`russian`, `president`).
    descriptors: Vec<HashSet<String>>,
}

/// Words that are capitalised but never names on their own.
/// [`NEVER_NAMES`] as a set: it is asked about every word of every story.
fn never_names() -> &'static HashSet<&'static str> {
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
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
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
const CONNECTORS: &[&str] = &[
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "der",
    "den", "ter", "bin", "ibn", "al", "el", "y", "of", "&", "for", "the", "and",
];

const SPORTS_VERBS: &[&str] = &[
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

/// A capitalised chunk, before classification.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent clues, each read by its own rule
struct Candidate {
    paragraph: usize,
    start: usize,
    end: usize,
    surface: String,
    words: usize,
    /// Lower-cased titles and demonyms that stood before it.
    descriptors: Vec<String>,
    titled: bool,
    sentence_start: bool,
    kind: Option<EntityKind>,
    canonical: Option<String>,
    /// A known city or region (not a country), which may be a team in sports copy.
    local_place: bool,
    /// Followed by a score or next to a result verb.
    sports_context: bool,
    followed_by_speech: bool,
    /// After `in`, `at`, `near`, `from`: where something is.
    locative: bool,
    after_of: bool,
    /// The kind rests on evidence (gazetteer, title, cue, context), not on a default guess.
    strong: bool,
}

/// Last words that make a capitalised phrase a place (`Grace Road`, `Lake Chad`).
const PLACE_LAST: &[&str] = &[
    "road",
    "street",
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

/// Finds and merges the entities of one story. `body_tokens`: each paragraph's, as
/// [`tokens::tokenize`] gives them.
pub fn find(
    headline: &str,
    dateline: Option<&str>,
    byline: Option<&str>,
    paragraphs: &[String],
    body_tokens: &[Vec<Token<'_>>],
) -> Found {
    let g = &*GAZETTEER;
    // Words the body writes capitalised mid-sentence: how an all-capitals headline is read.
    let mut body_names: HashSet<String> = HashSet::default();
    for toks in body_tokens {
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && t.is_capitalized() && !t.is_all_caps() && !is_sentence_start(toks, i) {
                body_names.insert(t.text.to_lowercase());
            }
        }
    }
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
        caps_headline.then_some(&body_names),
    ));
    if let Some(byline) = byline {
        // A byline is a person (or several, "Jane Example and John Sample").
        let toks = tokens::tokenize(byline);
        for mut c in chunk(g, byline, &toks, HEADLINE, None) {
            if crate::ingest::agencies::lookup(&c.surface).is_none()
                && g.lookup(&c.surface).is_none()
            {
                c.kind = Some(EntityKind::Person);
                c.strong = true;
                candidates.push(c);
            }
        }
    }
    if let Some(dateline) = dateline {
        let toks = tokens::tokenize(dateline);
        let mut found = chunk(g, dateline, &toks, HEADLINE, None);
        for c in &mut found {
            // A dateline names a place (the agency in it is not a story entity).
            if c.surface.chars().any(char::is_lowercase)
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
        candidates.extend(
            found.into_iter().filter(|c| {
                c.kind.is_some() && crate::ingest::agencies::lookup(&c.surface).is_none()
            }),
        );
    }
    for (p, (text, toks)) in paragraphs.iter().zip(body_tokens).enumerate() {
        candidates.extend(chunk(g, text, toks, p, None));
    }
    for c in &mut candidates {
        if c.kind.is_none() {
            classify(g, c, sports);
        }
    }
    // The rules read English. In copy in another language (German capitalises every noun)
    // only names the gazetteer knows, and people it titles, are trusted.
    if !is_english(body_tokens) {
        candidates.retain(|c| c.canonical.is_some() || c.titled);
    }
    merge(candidates)
}

fn is_sentence_start(toks: &[Token<'_>], i: usize) -> bool {
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
    let text = paragraphs.join(" ").to_lowercase();
    let cues = [
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
    cues.iter().filter(|c| text.contains(*c)).count() >= 3
}

/// Capitalised chunks in one text. With `caps_words`, the text is an all-capitals headline:
/// a word counts only when the gazetteer knows it or the body writes it as a name.
fn chunk(
    g: &Gazetteer,
    text: &str,
    toks: &[Token<'_>],
    paragraph: usize,
    caps_words: Option<&HashSet<String>>,
) -> Vec<Candidate> {
    let is_name_token = |t: &Token<'_>| -> bool {
        if !t.is_word() || never_names().contains(t.text) {
            return false;
        }
        // Arabic article prefixes: `al-Sisi`, `el-Baradei`.
        let prefixed = || {
            t.text.as_bytes().get(2) == Some(&b'-')
                && ["al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "an-"]
                    .iter()
                    .any(|p| {
                        t.text
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
                    })
        };
        if !t.is_capitalized() && !prefixed() {
            return false;
        }
        // `Bergamo-based`, `France-registered`, `Year-on-year`: adjectives, not names.
        let adjective_suffix = t.text.contains(['-', '‐'])
            && t.text.rsplit(['-', '‐']).next().is_some_and(|last| {
                last.chars().next().is_some_and(char::is_lowercase)
                    && last.len() >= 3
                    && g.is_common(last)
            });
        // `Soviet-Korean`, `Russian-Korean`: compound demonyms are adjectives too.
        let demonym_compound = t.text.contains('-')
            && t.text.split('-').all(|part| {
                g.is_demonym(part) || g.lookup(part).is_some_and(|k| k.kind == EntityKind::Place)
            });
        if adjective_suffix || demonym_compound {
            return false;
        }
        if caps_words.is_some() && CAPS_FUNCTION_WORDS.contains(&t.text) {
            return false;
        }
        match caps_words {
            Some(body) => {
                let title = title_case(t.text);
                body.contains(&t.text.to_lowercase())
                    || g.lookup(&title).is_some()
                    || g.lookup(t.text).is_some()
                    || (g.given_names.contains(&title) && !g.is_common(t.text))
            }
            None => true,
        }
    };
    let mut out = Vec::new();
    // Known names that capitalisation alone would cut apart (`Bosnia and Herzegovina`, `Strait
    // of Hormuz`, `Bank of England`): the automaton finds them, and they are taken whole.
    let known: HashMap<usize, usize> = known_spans(g, text)
        .filter_map(|(start, end)| {
            let first = toks.iter().position(|t| t.start == start)?;
            let last = toks.iter().position(|t| t.end == end)?;
            Some((first, last + 1))
        })
        .collect();
    let mut i = 0;
    while i < toks.len() {
        if let Some(&j) = known.get(&i) {
            out.extend(split_chunk(
                g,
                text,
                toks,
                i,
                j,
                paragraph,
                caps_words.is_some(),
            ));
            i = j;
            continue;
        }
        if !is_name_token(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // A run stops where a known name begins (`United Nations Food and Agriculture
        // Organization` is two names).
        while j < toks.len() && !is_possessive(toks[j - 1].text) && !known.contains_key(&j) {
            if is_name_token(&toks[j]) {
                j += 1;
            } else if j + 1 < toks.len()
                && is_name_token(&toks[j + 1])
                && ((CONNECTORS.contains(&toks[j].text) && connector_fits(g, text, toks, i, j))
                    || (toks[j].text == "-" && toks[j].start == toks[j - 1].end))
            {
                j += 2;
            } else if j + 2 < toks.len()
                && PARTICLE_PAIRS.contains(&(toks[j].text, toks[j + 1].text))
                && is_name_token(&toks[j + 2])
            {
                // `von der Leyen`, `de la Cruz`, `van der Berg`.
                j += 3;
            } else {
                break;
            }
        }
        for c in split_chunk(g, text, toks, i, j, paragraph, caps_words.is_some()) {
            out.push(c);
        }
        i = j;
    }
    out
}

/// Gazetteer names in `text` that have a lower-case word inside, found by the Aho-Corasick
/// automaton (leftmost-longest), on word boundaries.
fn known_spans<'t>(g: &'t Gazetteer, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
    g.automaton.find_iter(text).filter_map(move |m| {
        let pattern = &g.patterns[m.pattern().as_usize()];
        let has_lower_word = pattern
            .split([' ', '-'])
            .any(|w| w.chars().next().is_some_and(char::is_lowercase));
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let bounded = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        (has_lower_word && bounded).then(|| (m.start(), m.end()))
    })
}

/// Two-word particles inside names.
const PARTICLE_PAIRS: &[(&str, &str)] = &[
    ("von", "der"),
    ("van", "der"),
    ("van", "den"),
    ("van", "de"),
    ("de", "la"),
    ("de", "los"),
    ("de", "las"),
    ("de", "le"),
    ("von", "dem"),
    ("da", "la"),
    ("bin", "al"),
];

/// `India's`, `Moscow’s`: a possessive ends a name (`India's Leander Paes` is two).
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

/// Words that join names in capitals (`KANSAS CITY AT DETROIT`) and are none.
const CAPS_FUNCTION_WORDS: &[&str] = &[
    "AT", "OF", "VS", "V", "AND", "THE", "IN", "ON", "TO", "FOR", "WITH", "BY", "FROM", "A", "AN",
    "AS", "OR", "BUT", "AFTER", "BEFORE", "OVER", "INTO", "UP", "OUT", "OFF", "IS", "ARE", "WAS",
    "BE", "NOT", "NO",
];

/// Closed-class words that open sentences in capitals: never the first word of a name.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Your",
    "There",
    "Here",
    "Then",
    "Now",
    "However",
    "Meanwhile",
    "Also",
    "So",
    "Yet",
    "Still",
    "Although",
    "Though",
    "Since",
    "Because",
    "Despite",
    "During",
    "For",
    "From",
    "With",
    "Without",
    "Under",
    "Over",
    "By",
    "To",
    "Of",
    "Only",
    "Even",
    "Both",
    "Each",
    "Every",
    "All",
    "Some",
    "Many",
    "Most",
    "Few",
    "Several",
    "Other",
    "Another",
    "No",
    "Not",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Instead",
    "Speaking",
    "Asked",
    "Like",
    "Unlike",
    "Among",
    "Between",
    "Against",
    "Through",
    "Until",
    "Unless",
    "Whether",
    "Why",
    "What",
    "Who",
    "Where",
    "How",
    "Which",
    "Once",
    "Already",
    "Just",
    "Perhaps",
    "Indeed",
    "Nor",
    "Neither",
    "Either",
    "Such",
    "Himself",
    "Herself",
    "Themselves",
    "Thus",
    "Therefore",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Sources",
    "Officials",
    "Police",
    "Analysts",
    "Critics",
    "Supporters",
    "Opponents",
    "Residents",
    "Witnesses",
    "Doctors",
    "Experts",
    "Celebrities",
    "Voters",
    "Protesters",
    "Lawmakers",
    "Investors",
    "Traders",
    "Dealers",
    "Shares",
    "Prices",
    "Results",
    "Scores",
    "Standings",
    "Organizers",
    "Organisers",
    "Aides",
    "Democrats",
    "Republicans",
    "Prosecutors",
    "Authorities",
    "Rebels",
    "Troops",
    "Soldiers",
];

/// Last words of events, titles of works and the like (CoNLL's MISC): not people, places or
/// organisations (`World Cup`, `U.S. Open`, `Atlanta Games`).
const EVENT_LAST: &[&str] = &[
    "open",
    "cup",
    "championship",
    "championships",
    "games",
    "olympics",
    "prix",
    "series",
    "tournament",
    "trophy",
    "classic",
    "masters",
    "marathon",
    "tour",
    "final",
    "finals",
    "meeting",
    "day",
    "bowl",
    "award",
    "awards",
    "prize",
    "war",
    "wars",
    "festival",
    "derby",
    "invitational",
    "rally",
    "challenge",
    "amateur",
];

fn title_case(word: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in word.chars() {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper = matches!(c, '-' | ' ' | '.' | '\'' | '’') && !matches!(c, '\'' | '’') || c == '-';
    }
    out
}

/// `of`, `and`, `the`, `for` join a chunk only inside organisation-like names (`Bank of
/// England`, `Procter & Gamble`, `Center for Disease Control`); particles join person names.
fn connector_fits(g: &Gazetteer, text: &str, toks: &[Token<'_>], i: usize, j: usize) -> bool {
    let word = toks[j].text;
    let left = toks[j - 1].text.to_lowercase();
    match word {
        "of" | "for" => {
            g.org_first.contains(&left)
                || g.org_last.contains(&left)
                || matches!(
                    left.as_str(),
                    "republic"
                        | "kingdom"
                        | "state"
                        | "states"
                        | "gulf"
                        | "sea"
                        | "bay"
                        | "isle"
                        | "city"
                        | "university"
                        | "secretary"
                )
                || g.lookup(&text[toks[i].start..toks[(j + 2).min(toks.len()) - 1].end])
                    .is_some()
        }
        "the" => j >= 1 && toks[j - 1].text == "of",
        "and" => {
            // `Trinidad and Tobago`, `Bosnia and Herzegovina`: only when the whole is known.
            let end = (j + 2).min(toks.len());
            g.lookup(&text[toks[i].start..toks[end - 1].end]).is_some()
        }
        _ => true,
    }
}

/// Cuts one capitalised run into candidates: a sentence-opening common word, leading titles
/// and demonyms, and a possessive come off; a title in the middle splits it.
#[allow(clippy::many_single_char_names)] // i..j is the token range, as in `chunk`
fn split_chunk(
    g: &Gazetteer,
    text: &str,
    toks: &[Token<'_>],
    mut i: usize,
    j: usize,
    paragraph: usize,
    all_caps: bool,
) -> Vec<Candidate> {
    let mut descriptors = Vec::new();
    let mut titled = false;
    // Lower-case titles right before: "striker Alan Shearer", "opposition leader X".
    let mut k = i;
    while k > 0 && toks[k - 1].is_word() && !toks[k - 1].is_capitalized() && k + 3 > i {
        let w = toks[k - 1].text.to_lowercase();
        if g.is_title(&w) {
            descriptors.push(w);
            titled = true;
            k -= 1;
        } else if g.is_demonym(&w) {
            descriptors.push(w);
            k -= 1;
        } else {
            break;
        }
    }
    // A sentence-opening common word ("But Rubio", "Celebrities Julianne Moore") and "The".
    while i + 1 < j {
        let word = toks[i].text;
        let opener = is_sentence_start(toks, i) && SENTENCE_OPENERS.contains(&word);
        if (word == "The" || opener) && g.lookup(&text[toks[i].start..toks[j - 1].end]).is_none() {
            i += 1;
        } else {
            break;
        }
    }
    // Titles, demonyms and labels before the name: descriptors of the person.
    let words: Vec<&str> = toks[i..j].iter().map(|t| t.text).collect();
    let organisation = words.len() >= 2
        && (words[1..]
            .iter()
            .any(|w| g.org_last.contains(&w.trim_end_matches('.').to_lowercase()))
            || words.contains(&"of"));
    if g.lookup(&text[toks[i].start..toks[j - 1].end]).is_none() && !organisation {
        let (mut start, mut words_before) = names::name_start(&words);
        // `Harbour Master Tom O’Reilly`: a given name after words that are not names starts
        // the person; what stood before describes them.
        if start == 0
            && let Some(k) =
                (1..words.len().saturating_sub(1)).find(|&k| g.given_names.contains(words[k]))
            && words[..k]
                .iter()
                .all(|w| g.is_common(w) && !g.given_names.contains(*w) && g.lookup(w).is_none())
        {
            start = k;
            words_before = words[..k].iter().map(|w| w.to_lowercase()).collect();
            titled = true;
        }
        if start > 0 {
            titled |= words[..start].iter().any(|w| g.is_title(w))
                || (1..=3).any(|n| start >= n && g.is_title(&words[start - n..start].join(" ")));
            descriptors.extend(words_before);
            i += start;
        }
    }
    if i >= j {
        return Vec::new();
    }
    let first = &toks[i];
    // A lone common word opening a sentence ("But", "Officials") is no name.
    if i + 1 == j && SENTENCE_OPENERS.contains(&first.text) {
        return Vec::new();
    }
    if i + 1 == j
        && is_sentence_start(toks, i)
        && g.is_common(first.text)
        && g.lookup(first.text).is_none()
        && !g.given_names.contains(first.text)
    {
        return Vec::new();
    }
    let whole = &text[first.start..toks[j - 1].end];
    if g.is_demonym(whole) || (g.is_title(whole) && g.lookup(whole).is_none()) {
        return Vec::new();
    }
    // Table headings and abbreviations in result lists (`D L G`, `L PCT GB`).
    let short_caps = |t: &Token<'_>| {
        t.text.chars().filter(|c| c.is_alphabetic()).count() <= 3
            && !t.text.chars().any(char::is_lowercase)
    };
    if j - i >= 2 && toks[i..j].iter().all(short_caps) && g.lookup(whole).is_none() {
        return Vec::new();
    }
    let last_word = toks[j - 1].bare().to_lowercase();
    if j - i >= 2 && EVENT_LAST.contains(&last_word.as_str()) && g.lookup(whole).is_none() {
        return Vec::new();
    }
    let start = first.start;
    let mut end = toks[j - 1].end;
    let surface = names::strip_possessive(&text[start..end]);
    end = start + surface.len();
    if surface.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Vec::new();
    }
    let surface = if all_caps {
        title_case(surface)
    } else {
        surface.to_string()
    };
    let after: Vec<&Token<'_>> = toks[j..].iter().take(3).collect();
    let followed_by_speech = after
        .iter()
        .take(2)
        .any(|t| matches!(t.text, "said" | "says" | "told" | "added" | "asked"))
        && after.first().is_none_or(|t| t.text != ",");
    // `in Nagpur`, `at Headingley`: where things are.
    let locative = i > 0
        && matches!(
            toks[i - 1].text.to_lowercase().as_str(),
            "in" | "at" | "near" | "outside" | "from"
        );
    // `the central bank of Freedonia`: an unknown word after `of` names a place or a body.
    let after_of = i > 0 && toks[i - 1].text == "of";
    let sports_context = after.first().is_some_and(|t| t.kind == Kind::Number)
        || after
            .first()
            .is_some_and(|t| SPORTS_VERBS.contains(&t.text))
        || (i > 0 && SPORTS_VERBS.contains(&toks[i - 1].text));
    vec![Candidate {
        paragraph,
        start,
        end,
        surface,
        words: j - i,
        descriptors,
        titled,
        sentence_start: is_sentence_start(toks, i),
        kind: None,
        canonical: None,
        local_place: false,
        sports_context,
        followed_by_speech,
        locative,
        after_of,
        strong: false,
    }]
}

fn classify(g: &Gazetteer, c: &mut Candidate, sports: bool) {
    let words: Vec<&str> = c.surface.split_whitespace().collect();
    let bare = |w: &str| w.trim_end_matches('.').to_lowercase();
    let last = words.last().map(|w| bare(w)).unwrap_or_default();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let in_capitals = !c.surface.chars().any(char::is_lowercase);
    let known = g.lookup(&c.surface).or_else(|| {
        in_capitals
            .then(|| g.lookup(&title_case(&c.surface)))
            .flatten()
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
        if c.local_place && person_context {
            c.kind = Some(EntityKind::Person);
        }
        // In sports copy a city or county that is not where something happens is a team.
        if sports && c.local_place && !c.locative {
            c.kind = Some(EntityKind::Organization);
            c.strong = c.sports_context;
        }
        return;
    }
    if crate::ingest::agencies::lookup(&c.surface).is_some() {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    if c.titled {
        c.kind = Some(EntityKind::Person);
        return;
    }
    let org_cue = words.len() >= 2
        && (words[1..].iter().any(|w| g.org_last.contains(&bare(w)))
            || (g.org_first.contains(&first) && words.contains(&"of")))
        || words.contains(&"&");
    if org_cue {
        c.kind = Some(EntityKind::Organization);
        return;
    }
    if words.len() >= 2 && PLACE_LAST.contains(&last.as_str()) {
        c.kind = Some(EntityKind::Place);
        return;
    }
    // A known place leading an unknown name ("Leicester City", "Chicago Purchasing
    // Managers", "Rotor Volgograd" the other way round) names a body based there.
    let place_inside = words.len() >= 2
        && (g
            .lookup(words[0])
            .is_some_and(|k| k.kind == EntityKind::Place)
            || g.lookup(words[words.len() - 1])
                .is_some_and(|k| k.kind == EntityKind::Place && !k.country));
    if place_inside && !words.iter().any(|w| g.given_names.contains(*w)) {
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
    if words.len() >= 2 {
        // Two or three capitalised words with no cue are, in news copy, mostly a person.
        let given =
            g.given_names.contains(words[0]) || (words[0].len() <= 2 && words[0].ends_with('.'));
        c.strong |= given || g.surnames.contains(words[words.len() - 1]);
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
    if (c.sentence_start || in_capitals) && common {
        return;
    }
    c.kind = Some(
        if c.locative || (c.after_of && !g.surnames.contains(word) && !g.given_names.contains(word))
        {
            EntityKind::Place
        } else if sports && c.sports_context && !c.followed_by_speech {
            EntityKind::Organization
        } else {
            // Settled in `merge` when it is the surname of someone already named.
            EntityKind::Person
        },
    );
    if common && !c.strong {
        c.kind = None;
    }
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
