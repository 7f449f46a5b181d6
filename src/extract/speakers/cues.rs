//! Cues: the words around a quote that name who said it (`, said X`, `X told reporters: “`,
//! `according to X`), read off the tokens as a name, a pronoun or a description.

use super::cue::Cue;
use super::words::{ADVERBS, AUXILIARIES, is_verb, pronoun};
use crate::extract::names;
use crate::extract::tokens::{self, Token};

pub(super) fn abbreviation_before(text: &str) -> bool {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    // The cheap test first: most sentences end on a word in lower case.
    word.chars().next().is_some_and(char::is_uppercase)
        && tokens::tokenize(&format!("{word}."))
            .last()
            .is_some_and(|t| t.text.len() > 1 && t.text.ends_with('.'))
}

/// After a quote: `, said X`, `, X said`, `, X, the minister, said`, `, according to X`,
/// `, he told reporters`.
pub(super) fn cue_after(toks: &[Token<'_>]) -> Option<Cue> {
    let mut i = 0;
    while i < toks.len() && matches!(toks[i].text, "," | "—" | "–" | "-" | "”" | "’" | "»")
    {
        i += 1;
    }
    let rest = &toks[i..];
    let first = rest.first()?;
    if first.text.eq_ignore_ascii_case("according") && rest.get(1).is_some_and(|t| t.text == "to") {
        return phrase_forward(&rest[2..]);
    }
    if is_verb(first.text) {
        // `said X` — but `said on Monday` has no speaker after the verb.
        return phrase_forward(&rest[1..]);
    }
    if AUXILIARIES.contains(&first.text) && rest.get(1).is_some_and(|t| is_verb(t.text)) {
        // `« … », a déclaré X`, `“…”, ha dicho X`.
        return phrase_forward(&rest[2..]);
    }
    if let Some(pronoun) = inverted_pronoun(first.text, rest.get(1)) {
        // `« … », a-t-il affirmé`, `dit-elle`.
        return Some(Cue::Pronoun(pronoun.to_string()));
    }
    // `X said`, `X, the minister, said`, `he told reporters`.
    let verb_at = rest.iter().take(14).position(|t| is_verb(t.text))?;
    cue_ending_at(&rest[..verb_at])
}

/// Before a quote: `X said: “`, `X told reporters “`, `according to X, “`, `said X, “`.
pub(super) fn cue_before(toks: &[Token<'_>]) -> Option<Cue> {
    let mut end = toks.len();
    while end > 0 && matches!(toks[end - 1].text, ":" | "," | "—" | "–") {
        end -= 1;
    }
    // `said X, “…` names the speaker; `says Obama “knows…` quotes what Obama knows.
    let punctuated = end < toks.len();
    let toks = &toks[..end];
    // `… said X, “` (the second half of a split quote).
    if let Some(v) = toks.iter().rposition(|t| is_verb(t.text)) {
        if toks[v].text.ends_with("ing") && toks[v].text != "according" {
            return Some(Cue::Subject);
        }
        let after = &toks[v + 1..];
        let trailing_context = after.first().is_some_and(|t| {
            matches!(
                t.text,
                "in" | "on"
                    | "at"
                    | "to"
                    | "during"
                    | "after"
                    | "before"
                    | "when"
                    | "that"
                    | "this"
                    | "last"
                    | "of"
            )
        });
        let reporting = matches!(
            toks[v].text,
            "said"
                | "says"
                | "added"
                | "adds"
                | "asked"
                | "continued"
                | "wrote"
                | "writes"
                | "explained"
                | "recalled"
        );
        if reporting && !after.is_empty() && !trailing_context && after.len() <= 12 {
            // `said X, “…` only when the name is all that stands between verb and quote.
            let reaches_quote = |c: &Cue| match c {
                Cue::Name { end, .. } => punctuated && after.last().is_some_and(|t| t.end == *end),
                Cue::Pronoun(_) => punctuated && after.len() == 1,
                Cue::Description(_) | Cue::Subject => false,
            };
            if let Some(cue) = phrase_forward(after).filter(reaches_quote) {
                return Some(cue);
            }
        }
        return cue_ending_at(&toks[..v]);
    }
    if let Some(a) = toks
        .iter()
        .rposition(|t| t.text.eq_ignore_ascii_case("according"))
        && toks.get(a + 1).is_some_and(|t| t.text == "to")
    {
        return phrase_forward(&toks[a + 2..]);
    }
    None
}

/// The speaker phrase that ends right before a verb: a name, a pronoun, a description, with an
/// appositive (`X, the foreign minister,`) or an adverb (`X also`) skipped.
fn cue_ending_at(toks: &[Token<'_>]) -> Option<Cue> {
    let mut end = toks.len();
    while end > 0 && ADVERBS.contains(&toks[end - 1].text.to_lowercase().as_str()) {
        end -= 1;
    }
    let mut toks = &toks[..end];
    // Appositive: `X, the foreign minister,` → X.
    if toks.last().is_some_and(|t| t.text == ",") {
        let inner = &toks[..toks.len() - 1];
        if let Some(c) = inner.iter().rposition(|t| t.text == ",") {
            let apposition = &inner[c + 1..];
            // A description, not a name: `the minister`, `a former candidate`, `Twitter’s
            // director of political advertising`, `35`.
            let looks_like_one = apposition.len() <= 12
                && apposition.first().is_some_and(|t| {
                    matches!(
                        t.text.to_lowercase().as_str(),
                        "the" | "a" | "an" | "his" | "her" | "who"
                    ) || !t.is_capitalized()
                        || t.text.ends_with("’s")
                        || t.text.ends_with("'s")
                })
                && apposition
                    .iter()
                    .any(|t| t.is_word() && !t.is_capitalized() || t.kind == tokens::Kind::Number);
            if looks_like_one && let Some(name) = name_ending_at(&inner[..c]) {
                return Some(name);
            }
        }
        toks = inner;
    }
    let last = toks.last()?;
    let lower = last.text.to_lowercase();
    if let Some(pronoun) = pronoun(&lower) {
        return Some(Cue::Pronoun(pronoun.to_string()));
    }
    if let Some(name) = name_ending_at(toks) {
        return Some(name);
    }
    // A description: from its first determiner within the last eight words, up to a comma
    // (`a man in the queue`, not `the queue`).
    let window = toks.len().saturating_sub(8);
    let window = toks[window..]
        .iter()
        .rposition(|t| !t.is_word())
        .map_or(window, |p| window + p + 1);
    let start = (window..toks.len()).find(|&k| {
        matches!(
            toks[k].text.to_lowercase().as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their"
        )
    })?;
    let phrase = join(&toks[start..]);
    (!phrase.is_empty()).then_some(Cue::Description(phrase))
}

/// A capitalised name ending at the end of `toks` (particles and initials allowed inside).
fn name_ending_at(toks: &[Token<'_>]) -> Option<Cue> {
    let mut start = toks.len();
    while start > 0 {
        let t = &toks[start - 1];
        let particle = matches!(
            t.text,
            "de" | "von"
                | "van"
                | "der"
                | "bin"
                | "al"
                | "la"
                | "le"
                | "da"
                | "di"
                | "du"
                | "del"
                | "ibn"
        );
        if t.is_word() && (t.is_capitalized() || (particle && start < toks.len())) {
            start -= 1;
        } else {
            break;
        }
    }
    // A lone capitalised word at a sentence start ("Officials said") is no name.
    if start == toks.len() {
        return None;
    }
    let words = &toks[start..];
    if words.len() == 1 && start == 0 && is_common_sentence_start(words[0].text) {
        return None;
    }
    Some(name_cue(words))
}

fn is_common_sentence_start(word: &str) -> bool {
    matches!(
        word,
        "Officials"
            | "Others"
            | "Some"
            | "Many"
            | "Critics"
            | "Analysts"
            | "Experts"
            | "Police"
            | "Residents"
            | "Witnesses"
            | "Sources"
            | "Aides"
            | "Supporters"
            | "Voters"
            | "Democrats"
            | "Republicans"
            | "Organizers"
            | "Organisers"
            | "Protesters"
            | "Officers"
            | "Doctors"
            | "Both"
            | "All"
            | "Most"
            | "Several"
            | "Two"
            | "Three"
    )
}

/// French inverts the subject pronoun after the verb with hyphens: `a-t-il affirmé`,
/// `dit-elle`, `ajoute-t-il`. The pronoun, if `word` is one of these (the verb inside it, or
/// after an auxiliary inside it).
fn inverted_pronoun(word: &str, next: Option<&Token<'_>>) -> Option<&'static str> {
    let mut parts = word.split('-');
    let head = parts.next()?;
    let last = parts.next_back()?;
    let lower = last.to_lowercase();
    let pronoun = pronoun(&lower).filter(|_| matches!(lower.as_str(), "il" | "elle"))?;
    let speech =
        is_verb(head) || (AUXILIARIES.contains(&head) && next.is_some_and(|t| is_verb(t.text)));
    speech.then_some(pronoun)
}

/// Words that open a description of a person in the languages read (`the`, `la`, `el`, `su`,
/// `der`): `dijo el alcalde, Andrés Cárdenas,`.
fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "le"
            | "la"
            | "les"
            | "l"
            | "un"
            | "une"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "el"
            | "los"
            | "las"
            | "una"
            | "su"
            | "sus"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "sein"
            | "seine"
            | "ihr"
            | "ihre"
    )
}

/// A description then, set off by commas, the name it describes: `the mayor, Jane Example,`
/// → `Jane Example` (a capitalised run closed by punctuation or the end).
fn appositive_name(phrase: &[Token<'_>], after: &[Token<'_>]) -> Option<Cue> {
    if !phrase
        .first()
        .is_some_and(|t| is_determiner(&t.text.to_lowercase()))
    {
        return None;
    }
    let (comma, names) = after.split_first()?;
    if comma.text != "," {
        return None;
    }
    let run = names
        .iter()
        .take_while(|t| t.is_capitalized() && t.is_word())
        .count();
    let closed = names
        .get(run)
        .is_none_or(|t| matches!(t.text, "," | "." | ";" | ")" | "—" | "–"));
    ((1..=4).contains(&run) && closed).then(|| name_cue(&names[..run]))
}

/// Words of when or how between a verb and its speaker in French and Spanish copy (`a
/// annoncé lundi son président`, `dijo ayer el alcalde`, `a également déclaré`).
fn is_adverb_after_verb(lower: &str) -> bool {
    matches!(
        lower,
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "hier"
            | "aussi"
            | "également"
            | "encore"
            | "ensuite"
            | "ayer"
            | "hoy"
            | "también"
            | "además"
            | "luego"
            | "gestern"
            | "heute"
            | "auch"
    )
}

/// The speaker phrase at the start of `toks`, after a verb: `X`, `he`, `the minister`.
fn phrase_forward(toks: &[Token<'_>]) -> Option<Cue> {
    let skip = toks
        .iter()
        .take(3)
        .take_while(|t| is_adverb_after_verb(&t.text.to_lowercase()))
        .count();
    let toks = &toks[skip..];
    let first = toks.first()?;
    let lower = first.text.to_lowercase();
    if let Some(pronoun) = pronoun(&lower) {
        return Some(Cue::Pronoun(pronoun.to_string()));
    }
    let stop = |t: &Token<'_>| {
        matches!(t.text, "," | "." | ";" | ":" | "—" | "–" | "(" | "“" | "\"")
            || matches!(
                t.text.to_lowercase().as_str(),
                "in" | "on"
                    | "at"
                    | "during"
                    | "when"
                    | "after"
                    | "before"
                    | "who"
                    | "while"
                    | "as"
                    | "to"
                    | "told"
                    | "said"
                    | "says"
                    | "adding"
                    | "referring"
                    | "speaking"
                    | "according"
                    | "and"
                    // The same prepositions in French, Spanish and German copy (`a déclaré
                    // son directeur général X lors d'une conférence`, `dijo X durante`,
                    // `sagte X am Dienstag`).
                    | "lors"
                    | "pendant"
                    | "durant"
                    | "dans"
                    | "devant"
                    | "après"
                    | "avant"
                    | "selon"
                    | "en"
                    | "à"
                    | "au"
                    | "aux"
                    | "durante"
                    | "tras"
                    | "ante"
                    | "según"
                    | "am"
                    | "im"
                    | "bei"
                    | "nach"
                    | "vor"
                    | "während"
                    | "laut"
            )
    };
    let end = toks.iter().position(stop).unwrap_or(toks.len()).min(9);
    let phrase = &toks[..end];
    if phrase.is_empty() {
        return None;
    }
    if let Some(name) = appositive_name(phrase, &toks[end..]) {
        return Some(name);
    }
    // A name opens the phrase: its capitalised run (`Robert Antonacci of the New York
    // delegation` → Robert Antonacci), particles inside allowed.
    if first.is_capitalized() && !matches!(lower.as_str(), "the" | "a" | "an") {
        let mut end = 1;
        while end < phrase.len() {
            let t = &phrase[end];
            let particle = matches!(
                t.text,
                "de" | "von"
                    | "van"
                    | "der"
                    | "bin"
                    | "al"
                    | "da"
                    | "di"
                    | "du"
                    | "del"
                    | "la"
                    | "le"
            ) && phrase.get(end + 1).is_some_and(Token::is_capitalized);
            if t.is_capitalized() || particle {
                end += 1;
            } else {
                break;
            }
        }
        // `said Clinton’s top aide Jake Sullivan`, `said Clinton aide Jake Sullivan`: the
        // opening name only qualifies the role of the person named at the end.
        if let Some(closing) = closing_name_after_role(phrase, end) {
            return Some(name_cue(closing));
        }
        return Some(name_cue(&phrase[..end]));
    }
    // A title before the name: `said organizer Sam Sample` → its closing capitalised run.
    if phrase.last().is_some_and(Token::is_capitalized) {
        let start = phrase
            .iter()
            .rposition(|t| !t.is_capitalized())
            .map_or(0, |i| i + 1);
        return Some(name_cue(&phrase[start..]));
    }
    if is_determiner(&lower) {
        return Some(Cue::Description(join(phrase)));
    }
    None
}

/// After an opening name `phrase[..end]`: the capitalised run closing the phrase when what
/// stands between is a role (a possessive name, or lower-case words with a title among them).
fn closing_name_after_role<'p, 't>(phrase: &'p [Token<'t>], end: usize) -> Option<&'p [Token<'t>]> {
    let last = phrase.last()?;
    if end >= phrase.len() || !last.is_capitalized() {
        return None;
    }
    let start = phrase.iter().rposition(|t| !t.is_capitalized())? + 1;
    let between = &phrase[end..start];
    if between.is_empty()
        || between
            .iter()
            .any(|t| !t.is_word() && !is_apostrophe(t.text))
    {
        return None;
    }
    let g = &*crate::extract::gazetteer::GAZETTEER;
    let possessive = phrase[end - 1].text.ends_with("’s")
        || phrase[end - 1].text.ends_with("'s")
        || is_apostrophe(between[0].text);
    let role = between.iter().any(|t| g.is_title(t.text));
    (possessive || role).then_some(&phrase[start..])
}

fn is_apostrophe(text: &str) -> bool {
    matches!(text, "’" | "'" | "’s" | "'s" | "s")
}

/// A description opening a clause: `the North Korean leader` before a verb.
pub(super) fn description_at_start(toks: &[Token<'_>]) -> Option<String> {
    let first = toks.first()?;
    if !first.text.eq_ignore_ascii_case("the") {
        return None;
    }
    let end = toks
        .iter()
        .take(7)
        .position(|t| !t.is_word() || t.text.ends_with("ed") || is_verb(t.text))?;
    (end >= 2).then(|| join(&toks[..end]))
}

fn name_cue(words: &[Token<'_>]) -> Cue {
    Cue::Name {
        text: join(words),
        start: words.first().map_or(0, |t| t.start),
        end: words.last().map_or(0, |t| t.end),
    }
}

fn join(toks: &[Token<'_>]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// Titles off a name: `Sen. Bernie Sanders` → `Bernie Sanders`.
pub(super) fn strip_titles(name: &str) -> String {
    names::strip_titles(name)
}
