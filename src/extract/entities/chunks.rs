//! Capitalised chunks: runs of capitalised words (with the particles and connectors names
//! carry) and the gazetteer's multi-word names, cut into candidates at sentence openers,
//! titles, demonyms and possessives.

use foldhash::{HashMap, HashSet};

use super::candidate::{Candidate, MarketNoun};
use super::words::{CONNECTORS, SPORTS_VERBS, is_sentence_start, never_names};
use crate::article::EntityKind;
use crate::extract::gazetteer::Gazetteer;
use crate::extract::names;
use crate::extract::tokens::{Kind, Token};

/// Capitalised chunks in one text. With `caps_words`, the text is an all-capitals headline:
/// a word counts only when the gazetteer knows it or the body writes it as a name.
pub(super) fn chunk(
    g: &Gazetteer,
    text: &str,
    toks: &[Token<'_>],
    paragraph: usize,
    caps_words: Option<&HashSet<String>>,
) -> Vec<Candidate> {
    let is_name_token = |t: &Token<'_>| -> bool {
        if !t.is_word() {
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
        // The cheap test first: most words are lower case.
        if (!t.is_capitalized() && !prefixed()) || never_names().contains(t.text) {
            return false;
        }
        // `Bergamo-based`, `France-registered`, `Year-on-year`: adjectives, not names.
        let adjective_suffix = t.text.contains(['-', '‐'])
            && t.text.rsplit(['-', '‐']).next().is_some_and(|last| {
                last.chars().next().is_some_and(char::is_lowercase)
                    && last.len() >= 3
                    && g.is_common(last)
            });
        // `Soviet-Korean`, `Russian-Korean`, `Sino-Japanese`: compound demonyms are adjectives.
        let demonym_compound = t.text.contains('-') && is_demonym_compound(g, t.text);
        // `T-Shirt`, `X-Ray`, `U-Turn`: a letter and a word are a thing.
        let lettered_thing = t.text.split_once('-').is_some_and(|(letter, word)| {
            letter.chars().count() == 1 && word.len() >= 3 && g.is_common(word)
        });
        if adjective_suffix
            || lettered_thing
            || demonym_compound
            || is_contraction(t.text)
            || is_plural_acronym(t.text)
        {
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
    let mut known: HashMap<usize, usize> = known_spans(g, text)
        .filter_map(|(start, end)| {
            let first = toks.iter().position(|t| t.start == start)?;
            let last = toks.iter().position(|t| t.end == end)?;
            Some((first, last + 1))
        })
        .collect();
    if caps_words.is_some() {
        // In capitals the automaton (which reads names as written) misses them: `NEW YORK`,
        // `ST LOUIS`, `SAN DIEGO` in a standings table are one name, not `York`.
        known.extend(known_in_capitals(g, text, toks));
    }
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
                && particle_joins(g, toks, i, j, j + 2)
            {
                // `von der Leyen`, `de la Cruz`, `van der Berg`.
                j += 3;
            } else {
                break;
            }
        }
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
    }
    out
}

/// Gazetteer names in `text` that have a lower-case word inside (the only ones the automaton
/// holds), found leftmost-longest, on word boundaries. The automaton runs only over text
/// where the first two words of one of them occur.
fn known_spans<'t>(g: &'t Gazetteer, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
    let text = if g.openings.may_occur_in(text) {
        text
    } else {
        ""
    };
    g.automaton.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let bounded = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        bounded.then(|| (m.start(), m.end()))
    })
}

/// Combining forms that open compound adjectives (`Sino-Japanese`, `Franco-German`).
const COMBINING_FORMS: &[&str] = &[
    "Sino", "Franco", "Anglo", "Russo", "Indo", "Afro", "Euro", "Austro", "Italo", "Greco",
    "Judeo", "Hispano", "Luso", "Turco", "Serbo", "Czecho", "Slavo", "Arabo", "Irano", "Nippo",
    "Germano", "Polono", "Hungaro", "Dano", "Swedo", "Belgo", "Helveto", "Americo",
];

/// `Russian-Korean`, `Soviet-Korean`, `Sino-Japanese`, `Bosnian-Serb`: every part a demonym or
/// a place; or a demonym or combining form first, then demonyms or words with a demonym's
/// ending (`-an`, `-ese`, `-ish`, `-ic`, `-i`). A name whose first part is neither
/// (`Abdel-Rahman`, `Tyler-Sharman`) is not one.
fn is_demonym_compound(g: &Gazetteer, word: &str) -> bool {
    let place = |part: &str| g.lookup(part).is_some_and(|k| k.kind == EntityKind::Place);
    if word
        .split('-')
        .all(|part| g.is_demonym(part) || place(part))
    {
        return true;
    }
    let demonym_like = |part: &str| {
        let capitalised = part.chars().next().is_some_and(char::is_uppercase);
        capitalised
            && ["an", "ese", "ish", "ic", "i"]
                .iter()
                .any(|end| part.len() > end.len() + 2 && part.ends_with(end))
    };
    let mut parts = word.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    let opens = g.is_demonym(first) || COMBINING_FORMS.contains(&first);
    let mut rest = parts.peekable();
    opens
        && rest.peek().is_some()
        && rest
            .all(|part| g.is_demonym(part) || COMBINING_FORMS.contains(&part) || demonym_like(part))
}

/// `I’m`, `We’re`, `Don’t`, `They’ll`, `You’ve`, `She’d`: contractions are words, never names.
fn is_contraction(word: &str) -> bool {
    // Asked of every capitalised word: compared in place, in any case, with either apostrophe.
    const ENDS: &[&str] = &[
        "'m", "'re", "'ve", "'ll", "'d", "n't", "’m", "’re", "’ve", "’ll", "’d", "n’t",
    ];
    ENDS.iter().any(|end| {
        word.len() > end.len()
            && word
                .get(word.len() - end.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(end))
    })
}

/// `TEUs`, `NGOs`, `CEOs`, `IPOs`: a plural of an acronym counts things; it names nothing.
fn is_plural_acronym(word: &str) -> bool {
    word.strip_suffix('s').is_some_and(|stem| {
        stem.chars().count() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// Lower-case words for a kind of place, written after its name.
const PLACE_NOUNS: &[&str] = &[
    "island",
    "islands",
    "river",
    "lake",
    "valley",
    "province",
    "region",
    "district",
    "county",
    "village",
    "town",
    "city",
    "bay",
    "peninsula",
    "mountains",
    "delta",
    "basin",
    "canal",
    "commune",
    "department",
    "prefecture",
    "municipality",
    "governorate",
    "oblast",
    "state",
];

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

/// Whether `word` is one of [`SENTENCE_OPENERS`] (a hash look-up: it runs for every name).
fn is_sentence_opener(word: &str) -> bool {
    static OPENERS: std::sync::LazyLock<HashSet<&str>> =
        std::sync::LazyLock::new(|| SENTENCE_OPENERS.iter().copied().collect());
    OPENERS.contains(word)
}

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

/// Runs of two or three words in capitals that the gazetteer knows in title case, as token
/// ranges (the longest at each start).
fn known_in_capitals(g: &Gazetteer, text: &str, toks: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let run = (2..=3).rev().find(|&n| {
            let Some(words) = toks.get(i..i + n) else {
                return false;
            };
            let spaced = words.windows(2).all(|w| w[1].start == w[0].end + 1);
            spaced
                && words.iter().all(|t| t.is_word() && t.is_all_caps())
                && g.lookup(&title_case(&text[words[0].start..words[n - 1].end]))
                    .is_some()
        });
        match run {
            Some(n) => {
                found.push((i, i + n));
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

pub(super) fn title_case(word: &str) -> String {
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

/// Whether a particle at `j` (`von der`, `de`) joins the names `i..j` to the one at `after`:
/// not after a full name when a body's name or several names follow (`Jonas Kühn von der
/// Landesbank Baden-Württemberg`, `Marie Dupont de la Banque de France` are a person and a
/// body; `Luiz Inácio Lula da Silva`, `Ursula von der Leyen` are one name).
fn particle_joins(g: &Gazetteer, toks: &[Token<'_>], i: usize, j: usize, after: usize) -> bool {
    if j - i < 2 {
        return true;
    }
    let body = toks
        .get(after)
        .is_some_and(|t| g.org_first.contains(&t.text.to_lowercase()));
    let several = toks.get(after + 1).is_some_and(Token::is_capitalized);
    !(body || several)
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
            // `Trinidad and Tobago`, `Bosnia and Herzegovina`: only when the whole is known, or
            // inside a body's name (`Organisation for Security and Cooperation in Europe`).
            let end = (j + 2).min(toks.len());
            g.lookup(&text[toks[i].start..toks[end - 1].end]).is_some()
                || body_in_progress(g, &toks[i..j])
        }
        // `… Cooperation in Europe`: a body's name ends with where it works.
        "in" => {
            body_in_progress(g, &toks[i..j])
                && toks.get(j + 1).is_some_and(|t| {
                    g.lookup(t.text)
                        .is_some_and(|k| k.kind == EntityKind::Place)
                })
        }
        "de" | "du" | "del" | "della" | "di" | "da" | "do" | "dos" | "das" | "von" | "van"
        | "der" | "den" | "ter" | "la" | "le" => particle_joins(g, toks, i, j, j + 1),
        _ => true,
    }
}

/// Whether a run opens a body's name (`Organisation for …`, `Ministry of …`).
fn body_in_progress(g: &Gazetteer, run: &[Token<'_>]) -> bool {
    run.windows(2).any(|w| {
        matches!(w[1].text, "of" | "for") && g.org_first.contains(&w[0].text.to_lowercase())
    })
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
) -> Option<Candidate> {
    let mut descriptors = Vec::new();
    let mut titled = false;
    // Lower-case titles right before: "striker Alan Shearer", "opposition leader X".
    let mut k = i;
    while k > 0 && toks[k - 1].is_word() && !toks[k - 1].is_capitalized() && k + 3 > i {
        let w = toks[k - 1].text;
        if g.is_title(w) {
            descriptors.push(w.to_lowercase());
            titled = true;
            k -= 1;
        } else if g.is_demonym(w) {
            descriptors.push(w.to_lowercase());
            k -= 1;
        } else {
            break;
        }
    }
    // A sentence-opening common word ("But Rubio", "Celebrities Julianne Moore") and "The";
    // an adverb opening a sentence before a known name ("Initially Poland").
    while i + 1 < j {
        let word = toks[i].text;
        let opener = is_sentence_start(toks, i)
            && (is_sentence_opener(word)
                || (word.ends_with("ly")
                    && g.is_common(word)
                    && !g.any_given(word)
                    && g.lookup(word).is_none()
                    && g.lookup(&text[toks[i + 1].start..toks[j - 1].end])
                        .is_some()));
        if (word == "The" || opener) && g.lookup(&text[toks[i].start..toks[j - 1].end]).is_none() {
            i += 1;
        } else {
            break;
        }
    }
    // Titles, demonyms and labels before the name: descriptors of the person.
    let words: Vec<&str> = toks[i..j].iter().map(|t| t.text).collect();
    let mut lower = String::new();
    let organisation = words.len() >= 2
        && (words[1..].iter().any(|w| {
            // One buffer for every word's lower case (this runs for every name).
            lower.clear();
            lower.extend(w.trim_end_matches('.').chars().flat_map(char::to_lowercase));
            g.org_last.contains(lower.as_str())
        }) || words.contains(&"of"));
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
            // `San Diego Padres`, `Santa Clara Broncos`: the given name ends a known place.
            && g.lookup(&words[..=k].join(" ")).is_none()
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
        return None;
    }
    let first = &toks[i];
    // A lone common word opening a sentence ("But", "Officials") is no name.
    if i + 1 == j && is_sentence_opener(first.text) {
        return None;
    }
    if i + 1 == j
        && is_sentence_start(toks, i)
        && g.is_common(first.text)
        && g.lookup(first.text).is_none()
        && !g.given_names.contains(first.text)
        // `TOULON (AFP) -`: a known name in capitals.
        && g.lookup(&title_case(first.text)).is_none()
    {
        return None;
    }
    let whole = &text[first.start..toks[j - 1].end];
    let demonym = |name: &str| g.is_demonym(name);
    let title = g.is_title(whole) && g.lookup(whole).is_none();
    // `King`, `Bishop`: a title alone that is a surname may be someone named before.
    let title_word = title && j - i == 1 && g.any_surname(whole);
    if demonym(whole)
        || names::compass_written_out(whole).is_some_and(|w| demonym(&w))
        || (title && !title_word)
    {
        return None;
    }
    // Table headings and abbreviations in result lists (`D L G`, `L PCT GB`).
    let short_caps = |t: &Token<'_>| {
        t.text.chars().filter(|c| c.is_alphabetic()).count() <= 3
            && !t.text.chars().any(char::is_lowercase)
    };
    if j - i >= 2 && toks[i..j].iter().all(short_caps) && g.lookup(whole).is_none() {
        return None;
    }
    if j - i >= 2 && is_one_of(toks[j - 1].bare(), EVENT_LAST) && g.lookup(whole).is_none() {
        return None;
    }
    let start = first.start;
    let mut end = toks[j - 1].end;
    let surface = names::strip_possessive(&text[start..end]);
    end = start + surface.len();
    if surface.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let surface = if all_caps {
        title_case(surface)
    } else {
        surface.to_string()
    };
    let after = &toks[j..toks.len().min(j + 3)];
    let followed_by_speech = after
        .iter()
        .take(2)
        .any(|t| matches!(t.text, "said" | "says" | "told" | "added" | "asked"))
        && after.first().is_none_or(|t| t.text != ",");
    // `in Nagpur`, `at Headingley`: where things are.
    let locative = i > 0 && is_one_of(toks[i - 1].text, &["in", "at", "near", "outside", "from"]);
    // `Lowmoor island`, `the Durance river`, `Hatay province`: a kind of place follows.
    let before_place_noun = after.first().is_some_and(|t| PLACE_NOUNS.contains(&t.text));
    // `Lindqvist shares the view` is a verb: a determiner follows it.
    let verb_after = after.get(1).is_some_and(|t| {
        matches!(
            t.text,
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "this" | "that" | "some"
        )
    });
    let before_market_noun = after.first().and_then(|t| match t.text {
        "shares" | "stock" | "stocks" | "bonds" if !verb_after => Some(MarketNoun::Shares),
        "crude" | "futures" | "index" => Some(MarketNoun::Benchmark),
        _ => None,
    });
    // `the central bank of Freedonia`: an unknown word after `of` names a place or a body.
    let after_of = i > 0 && toks[i - 1].text == "of";
    let sports_context = after.first().is_some_and(|t| t.kind == Kind::Number)
        || after
            .first()
            .is_some_and(|t| SPORTS_VERBS.contains(&t.text))
        || (i > 0 && SPORTS_VERBS.contains(&toks[i - 1].text));
    // Only a bracket or a colon before the name can open a list of players: most paragraphs
    // have neither, and memchr says so at a glance.
    let player = memchr::memchr2(b'(', b':', &text.as_bytes()[..toks[i].start]).is_some()
        && in_player_list(
            toks,
            i,
            after.first().is_some_and(|t| t.kind == Kind::Number),
        );
    Some(Candidate {
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
        player,
        followed_by_speech,
        locative,
        before_place_noun,
        before_market_noun,
        after_of,
        strong: false,
        guess: false,
        title_word,
    })
}

/// Whether `word` is one of the lower-case words `lower`, whatever its case.
fn is_one_of(word: &str, lower: &[&str]) -> bool {
    // An ASCII word (nearly every one) is told ASCII once, not once a list entry.
    if word.is_ascii() {
        return lower.iter().any(|l| word.eq_ignore_ascii_case(l));
    }
    lower
        .iter()
        .any(|l| crate::text::same_ignoring_case(word, l))
}

/// Whether the name at token `i` stands where sports copy lists players: inside brackets
/// opened right after a score, before a minute or a score of its own (`before_number`: `Rovers
/// 2 (Brenner 12, Quintos 77)`, `Kent 320 (Ward 95)`),
/// after a `Scorers:` label, or in a line-up (`Rovers: Mackle; Tennant, Vasko; Okafor.`: a
/// name and a colon, then names in groups split by semicolons). Read back to the bracket or
/// colon over names, minutes and commas only.
fn in_player_list(toks: &[Token<'_>], i: usize, before_number: bool) -> bool {
    const LOOK_BACK: usize = 40;
    let mut names_only = true;
    let mut k = i;
    while k > i.saturating_sub(LOOK_BACK) {
        k -= 1;
        match toks[k].text {
            // Inside brackets: after a score they hold scorers, each with a minute or a
            // score (`(Fri)` after TV times holds none); else read on (a substitute).
            "(" if k > 0 && toks[k - 1].kind == Kind::Number => return before_number,
            // A closed pair of brackets before the name: skipped whole.
            ")" => {
                let open = toks[..k].iter().rposition(|t| t.text == "(");
                match open {
                    Some(open) if k - open <= LOOK_BACK => k = open,
                    _ => return false,
                }
            }
            ":" => {
                let label = k.checked_sub(1).map(|l| toks[l].text);
                return label.is_some_and(|l| {
                    matches!(
                        l.to_ascii_lowercase().as_str(),
                        "scorer" | "scorers" | "goalscorers" | "goalscorer"
                    )
                }) || (names_only
                    && label.is_some_and(|l| l.starts_with(char::is_uppercase))
                    && is_line_up(&toks[k + 1..]));
            }
            "." | "\"" | "“" | "”" => return false,
            "(" | "," | ";" | "and" => {}
            text => names_only &= text.starts_with(char::is_uppercase),
        }
    }
    false
}

/// Whether the tokens after a colon, to the sentence's end, are a line-up: names only (minutes
/// of substitutes in brackets allowed: `Tennant (Vance 70)`), in groups split by semicolons.
fn is_line_up(toks: &[Token<'_>]) -> bool {
    let mut depth = 0usize;
    let mut groups = false;
    for t in toks.iter().take_while(|t| t.text != ".") {
        match t.text {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            ";" => groups = true,
            "," | "and" | "-" => {}
            _ if t.kind == Kind::Number && depth > 0 => {}
            text if text.starts_with(char::is_uppercase) => {}
            _ => return false,
        }
    }
    groups
}
