//! Names in German, French and Spanish copy, where the English rules cannot be trusted (German
//! capitalises every noun): an article is not part of a name (`la Confederación …`), an
//! organisation is known by the word it opens with (`Ayuntamiento de Valencia`, `Région Sud`)
//! or the compound it ends in (`Gesundheitsministerium`), and a body named by the noun before
//! it is the name after (`Gewerkschaft Verdi` → `Verdi`).

use super::candidate::Candidate;
use crate::article::EntityKind;

/// Articles that open a capitalised run without being part of the name.
const ARTICLES: &[&str] = &[
    "El", "La", "Los", "Las", "Le", "Les", "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine",
    "Einer", "Un", "Una", "Une",
];

/// Words that open the name of a body in Spanish and French (`Ministerio de …`, `Conseil …`).
const ORG_HEADS: &[&str] = &[
    // Spanish
    "ayuntamiento",
    "confederación",
    "empresa",
    "ministerio",
    "gobierno",
    "universidad",
    "banco",
    "asociación",
    "federación",
    "partido",
    "tribunal",
    "junta",
    "consejo",
    "comisión",
    "fundación",
    "instituto",
    "agencia",
    "sindicato",
    "organización",
    "compañía",
    "generalitat",
    "diputación",
    "fiscalía",
    "audiencia",
    "corte",
    "policía",
    "guardia",
    // French
    "ministère",
    "conseil",
    "assemblée",
    "région",
    "université",
    "banque",
    "parti",
    "cour",
    "société",
    "fédération",
    "association",
    "collectif",
    "syndicat",
    "agence",
    "commission",
    "institut",
    "fondation",
    "autorité",
    "compagnie",
    "métropole",
    "mairie",
    "préfecture",
    "gendarmerie",
    "caisse",
    "chambre",
    "comité",
];

/// The last part of a German compound that names a body (`Gesundheitsministerium`,
/// `Hafenbehörde`, `Bauernverband`).
const GERMAN_ORG_ENDINGS: &[&str] = &[
    "ministerium",
    "behörde",
    "verband",
    "gewerkschaft",
    "partei",
    "gericht",
    "konzern",
    "organisation",
    "kommission",
    "agentur",
    "bundesamt",
    "landesamt",
    "senat",
    "verein",
    "firma",
    "unternehmen",
];

/// Cuts leading articles and particles off a candidate (`Die Gewerkschaft Verdi` →
/// `Gewerkschaft Verdi`, `der KI-Firma X` → `KI-Firma X`, `von Borussia Dortmund` →
/// `Borussia Dortmund`) unless the whole is a name the gazetteer knows (`Los Angeles`).
pub(super) fn strip_article(c: &mut Candidate) {
    if c.canonical.is_some() {
        return;
    }
    while c.words >= 2 {
        let Some((first, rest)) = c.surface.split_once(' ') else {
            return;
        };
        let lower_case = first.chars().next().is_some_and(char::is_lowercase);
        if !(ARTICLES.contains(&first) || lower_case) || rest.starts_with(' ') {
            return;
        }
        c.start += first.len() + 1;
        c.surface = rest.to_string();
        c.words -= 1;
        c.sentence_start = false;
    }
}

/// Whether the candidate names a body by the rules of German, French and Spanish copy; if
/// it does, it is made an organisation (cut to the name after a German descriptor).
pub(super) fn organisation(c: &mut Candidate) -> bool {
    if c.canonical.is_some() {
        return false;
    }
    let words: Vec<&str> = c.surface.split(' ').collect();
    let lower = |w: &str| w.to_lowercase();
    let org_ending = |w: &str| {
        let w = lower(w);
        GERMAN_ORG_ENDINGS.iter().any(|e| w.ends_with(e))
    };
    let is_org = match words.as_slice() {
        // A lone word opening a sentence may be any noun in capitals (`BAU`, a subhead); a
        // lone compound names a body only if its ending is one (`Energieunternehmen` is any
        // energy company, `Gesundheitsministerium` the one).
        [one] => !c.sentence_start && (names_one(one) || is_acronym(one)),
        [head, ..] if ORG_HEADS.contains(&lower(head).as_str()) => true,
        [head, rest @ ..] if org_ending(head) && rest.len() <= 3 => {
            // `Gewerkschaft Verdi`, `Umweltorganisation BUND`: the descriptor comes off.
            let cut = head.len() + 1;
            c.start += cut;
            c.surface = c.surface[cut..].to_string();
            c.words -= 1;
            true
        }
        _ => false,
    };
    if is_org {
        c.kind = Some(EntityKind::Organization);
        c.strong = true;
        c.guess = false;
    }
    is_org
}

/// The endings (of [`GERMAN_ORG_ENDINGS`]) whose compound names one body on its own: a
/// ministry, an authority, a federal or state office.
const ONE_BODY_ENDINGS: &[&str] = &["ministerium", "behörde", "bundesamt", "landesamt"];

/// A compound that names one body on its own (`Gesundheitsministerium`), not the bare noun.
fn names_one(word: &str) -> bool {
    let w = word.to_lowercase();
    ONE_BODY_ENDINGS
        .iter()
        .any(|e| w.len() > e.len() && w.ends_with(e))
}

/// Two to six capitals (a hyphen allowed): `BUND`, `HPA`, `SNCF`.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(surface: &str) -> Candidate {
        Candidate {
            paragraph: 0,
            start: 10,
            end: 10 + surface.len(),
            surface: surface.to_string(),
            words: surface.split(' ').count(),
            descriptors: Vec::new(),
            titled: false,
            sentence_start: false,
            kind: Some(EntityKind::Person),
            canonical: None,
            local_place: false,
            sports_context: false,
            player: false,
            followed_by_speech: false,
            locative: false,
            before_place_noun: false,
            before_market_noun: None,
            after_of: false,
            strong: false,
            guess: false,
            title_word: false,
        }
    }

    #[test]
    fn an_article_is_not_part_of_a_name() {
        let mut c = candidate("La Confederación Hidrográfica");
        strip_article(&mut c);
        assert_eq!(
            (c.surface.as_str(), c.start, c.words),
            ("Confederación Hidrográfica", 13, 2)
        );
        let mut known = candidate("Los Angeles");
        known.canonical = Some("Los Angeles".into());
        strip_article(&mut known);
        assert_eq!(known.surface, "Los Angeles");
        let mut particles = candidate("der KI-Firma Example AI");
        strip_article(&mut particles);
        assert_eq!(particles.surface, "KI-Firma Example AI");
        let mut lone = candidate("Die");
        strip_article(&mut lone);
        assert_eq!(lone.surface, "Die");
    }

    #[test]
    fn bodies_are_known_by_their_head_or_their_ending() {
        for (surface, name) in [
            ("Ayuntamiento de Ejemplo", "Ayuntamiento de Ejemplo"),
            ("Région Exemple", "Région Exemple"),
            ("Landwirtschaftsministerium", "Landwirtschaftsministerium"),
            ("Gewerkschaft Beispiel", "Beispiel"),
            ("Umweltorganisation NABU", "NABU"),
            ("KI-Firma Example AI", "Example AI"),
            ("SNCF", "SNCF"),
        ] {
            let mut c = candidate(surface);
            assert!(organisation(&mut c), "{surface}");
            assert_eq!(c.surface, name);
            assert_eq!(c.kind, Some(EntityKind::Organization));
        }
        for surface in [
            "Bauteile",
            "Hans Beispiel",
            "Montag",
            "Die Geräte",
            "Energieunternehmen",
            "Ministerium",
        ] {
            assert!(!organisation(&mut candidate(surface)), "{surface}");
        }
    }
}
