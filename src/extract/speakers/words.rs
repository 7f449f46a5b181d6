//! The words attribution turns on: speech verbs, the adverbs that may stand between a speaker
//! and the verb, and pronouns.

use std::sync::LazyLock;

/// Verbs that attribute speech or writing.
const VERBS: &str = "said|says|say|saying|told|tells|tell|telling|added|adds|adding|asked|asks|explained|explains|noted|notes|stated|states|wrote|writes|writing|tweeted|tweets|posted|declared|declares|insisted|insists|argued|argues|warned|warns|stressed|stresses|continued|continues|replied|replies|recalled|recalls|announced|announces|acknowledged|acknowledges|claimed|claims|commented|complained|complains|conceded|concedes|confirmed|confirms|contended|cautioned|emphasized|emphasised|emphasizes|emphasises|joked|jokes|maintained|observed|predicted|remarked|responded|responds|went|reiterated|suggested|suggests|urged|urges|vowed|vows|wondered|countered|quipped|shouted|yelled|chanted|pledged|promised|admitted|admits|concluded|boasted|lamented|mused|agreed|agrees|charged|demanded|described|describing|called|calls|calling|dubbed|labeled|labelled|termed|slammed|blasted|praised|criticized|criticised|accused|conceded|explained|testified|announced|texted|emailed|wrote|read";

/// The same in German, French and Spanish copy (dpa, AFP, EFE): `sagte`, `a déclaré`, `dijo`.
const FOREIGN_VERBS: &str = "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|meinte|warnte|kritisierte|schrieb|ergänzte|fügte|bekräftigte|unterstrich|déclaré|déclare|affirmé|affirme|dit|expliqué|explique|souligné|souligne|ajouté|ajoute|estimé|estime|indiqué|indique|précisé|précise|assuré|assure|martelé|dijo|afirmó|declaró|explicó|señaló|aseguró|indicó|añadió|subrayó|destacó|agregó|manifestó|advirtió|annoncé|annonce|réagi|réagit|confié|confie|raconté|rappelé|rappelle|reconnu|répondu|répond|poursuivi|poursuit|commenté|insisté|prévenu|averti|regretté|regrette|dénoncé|dénonce|plaidé|anunció|comentó|reconoció|insistió|recordó|sostuvo|respondió|apuntó|lamentó|criticó|denunció|reiteró|expresó|precisó|admitió|concluyó|bestätigte|versicherte|erläuterte|berichtete|mahnte|forderte|lobte|räumte|teilte|kündigte";

/// Auxiliaries before a past participle that attributes speech: `a déclaré`, `ha dicho`.
pub const AUXILIARIES: &[&str] = &["a", "ont", "ha", "han", "hat", "haben"];

/// Every speech verb, English and foreign.
fn verbs() -> impl Iterator<Item = &'static str> {
    VERBS.split('|').chain(FOREIGN_VERBS.split('|'))
}

/// Whether `word` is a speech verb (any case). A set lookup: it is asked of most words.
pub fn is_verb(word: &str) -> bool {
    // Bytes: lower-cased ASCII needs no check that it is still UTF-8.
    static SET: LazyLock<foldhash::HashSet<&'static [u8]>> =
        LazyLock::new(|| verbs().map(str::as_bytes).collect());
    // Most words asked are no verb: the lengths the verbs have for each first byte (lower
    // case) turn them away before any lower-casing or hashing.
    static LENGTHS: LazyLock<[u32; 256]> = LazyLock::new(|| {
        let mut lengths = [0u32; 256];
        for verb in verbs() {
            if let Some(&first) = verb.as_bytes().first()
                && verb.len() < 32
            {
                lengths[usize::from(first)] |= 1 << verb.len();
            }
        }
        lengths
    });
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    if word.len() >= 32 || LENGTHS[usize::from(first.to_ascii_lowercase())] & (1 << word.len()) == 0
    {
        return false;
    }
    let mut buf = [0u8; 24];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    SET.contains(&*lower)
}

/// Words that may stand between a speaker and the verb: "X also said", "he later told".
pub const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "further",
    "previously",
    "earlier",
    "again",
    "repeatedly",
    "once",
    "has",
    "had",
    "have",
    "would",
    "will",
    "has",
    "recently",
    "publicly",
    "separately",
    "simply",
    "only",
    "quickly",
    "flatly",
    "angrily",
    "bluntly",
    "frankly",
    "proudly",
    "firmly",
    "had",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it"];

/// The pronoun a lower-cased word is, as the resolver knows them: English, and the German,
/// French and Spanish singular ones (`er` → `he`, `elle` → `she`; German `sie` is also
/// "they", so it is left alone).
pub fn pronoun(lower: &str) -> Option<&'static str> {
    match lower {
        "er" | "il" | "él" => Some("he"),
        "elle" | "ella" => Some("she"),
        _ => PRONOUNS.iter().find(|p| **p == lower).copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_in_any_case_and_nothing_else() {
        for verb in verbs() {
            assert!(is_verb(verb), "{verb}");
            assert!(is_verb(&verb.to_ascii_uppercase()), "{verb}");
        }
        for word in ["", "the", "Sai", "saidd", "déclar", "x", &"said".repeat(9)] {
            assert!(!is_verb(word), "{word}");
        }
    }
}
