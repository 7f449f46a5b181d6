//! Whether a story reads as English, from its commonest function words: the recogniser's
//! rules for capitalised words hold for English copy only.

use super::tokens::Token;

/// Whether the body reads as English: its commonest function words make up a good share of
/// its lower-case words (about a fifth in news English; almost none in German or Norwegian).
pub fn is_english(body: &[Vec<Token<'_>>]) -> bool {
    let lower = body
        .iter()
        .flatten()
        .filter(|t| t.is_word() && t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text)
        .take(400);
    let (mut words, mut english, mut foreign) = (0, 0, 0);
    for w in lower {
        words += 1;
        english += usize::from(is_english_function_word(w));
        foreign += usize::from(is_foreign_function_word(w));
    }
    // A name particle or two (`von der Leyen`) proves nothing; in short copy, a handful of
    // foreign function words with few English ones does.
    foreign <= english * 2 || (words < 40 && foreign < 4)
}

fn is_english_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "of"
            | "to"
            | "a"
            | "is"
            | "was"
            | "said"
            | "that"
            | "for"
            | "with"
            | "on"
            | "by"
            | "it"
            | "he"
            | "she"
            | "from"
            | "at"
            | "as"
            | "has"
            | "have"
            | "be"
            | "were"
            | "are"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "will"
            | "would"
            | "but"
            | "not"
            | "an"
            | "or"
            | "after"
            | "who"
    )
}

/// Function words of the other languages agency copy comes in (German, the Nordic languages,
/// French, Spanish, Italian, Portuguese, Dutch, Turkish).
fn is_foreign_function_word(w: &str) -> bool {
    matches!(
        w,
        "der"
            | "die"
            | "das"
            | "und"
            | "ist"
            | "nicht"
            | "mit"
            | "den"
            | "von"
            | "zu"
            | "ein"
            | "eine"
            | "dem"
            | "des"
            | "sich"
            | "auf"
            | "für"
            | "og"
            | "er"
            | "på"
            | "som"
            | "det"
            | "att"
            | "och"
            | "är"
            | "av"
            | "til"
            | "har"
            | "le"
            | "la"
            | "les"
            | "et"
            | "est"
            | "du"
            | "une"
            | "dans"
            | "pour"
            | "qui"
            | "el"
            | "los"
            | "las"
            | "y"
            | "que"
            | "del"
            | "por"
            | "con"
            | "una"
            | "il"
            | "di"
            | "che"
            | "non"
            | "della"
            | "per"
            | "não"
            | "uma"
            | "com"
            | "het"
            | "een"
            | "van"
            | "niet"
            | "ve"
            | "bir"
            | "ile"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn english(text: &str) -> bool {
        is_english(&[tokenize(text)])
    }

    #[test]
    fn short_foreign_copy_is_not_english() {
        assert!(!english(
            "Eine Klinik setzt seit Montag zwei Roboter ein, die den Pflegekräften Wege abnehmen. \
             Die Geräte bringen Medikamente auf die Stationen, sagte die Direktorin."
        ));
    }

    #[test]
    fn a_name_particle_in_short_english_copy_proves_nothing() {
        assert!(english(
            "Ursula von der Leyen met the ministers of the union in Brussels on Monday."
        ));
    }
}
