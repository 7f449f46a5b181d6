//! Extraction over a parsed article: named entities first (people, places, organisations),
//! then direct quotes and their speakers, resolved against those entities.

mod entities;
mod gazetteer;
mod language;
mod names;
mod openings;
mod quotes;
mod speakers;
mod tokens;

use crate::article::Article;

/// Builds the gazetteer (~20 ms of one core) on a thread of its own, so an import that is
/// still finding its files and opening its archive does not then wait for it with every core
/// at its first story.
pub fn warm_up_in_background() {
    std::thread::spawn(|| std::sync::LazyLock::force(&gazetteer::GAZETTEER));
}

/// Fills `quotes` and `entities` of an article from its headline and paragraphs.
pub fn extract(article: &mut Article) {
    // Both passes read the paragraphs' words: tokenized once.
    let tokens: Vec<Vec<tokens::Token<'_>>> = article
        .paragraphs
        .iter()
        .map(|p| tokens::tokenize(p))
        .collect();
    let found = entities::find(
        &article.headline,
        article.dateline.as_ref(),
        article.byline.as_deref(),
        &article.paragraphs,
        &tokens,
    );
    let spans = quotes::find(&article.paragraphs);
    article.quotes = speakers::attribute(&article.paragraphs, &tokens, &spans, &found);
    let mut entities = found.entities;
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kind.cmp(&b.kind)));
    article.entities = entities;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(paragraphs: &[&str]) -> Article {
        let mut article = Article {
            headline: String::new(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_string()).collect(),
            ..Article::default()
        };
        extract(&mut article);
        article
    }

    fn speakers(article: &Article) -> Vec<(String, Option<String>)> {
        article
            .quotes
            .iter()
            .map(|q| (q.text.clone(), q.speaker.clone()))
            .collect()
    }

    #[test]
    fn pronoun_follows_the_subject_not_the_last_name_seen() {
        let a = story(&[
            "Russian President Vladimir Putin met North Korean Chairman Kim Jong-un in Pyongyang on Wednesday.",
            "According to state media reports, the North Korean leader opened the talks by praising Putin’s visit.",
            "“This visit is a great moment for our two nations,” he said.",
            "Putin, for his part, said the ties had reached a new level.",
            "“We have made real progress,” he said.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Kim Jong-un"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("Vladimir Putin"), "{s:?}");
    }

    /// "The statement said" is whoever issued the statement quoted before, not the last
    /// person to speak.
    #[test]
    fn a_statement_speaks_for_whoever_issued_it() {
        let a = story(&[
            "The Lakeport Harbour Authority on Tuesday defended a rise in berth fees.",
            "“The fees pay for the new quay,” the authority said in a statement.",
            "Transport Minister Jane Example backed the rise. “We cannot build ports for free,” she told reporters.",
            "“The quay will cut waiting times for every line,” the statement said.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[1].1.as_deref(), Some("Jane Example"), "{s:?}");
        assert_eq!(s[2].1.as_deref(), s[0].1.as_deref(), "{s:?}");
        assert!(
            s[0].1
                .as_deref()
                .is_some_and(|who| who.contains("Harbour Authority")),
            "{s:?}"
        );
    }

    /// Who issued a document is read from the text too (`Cook provided a written statement`),
    /// and a surname that is an everyday word still joins the full name.
    #[test]
    fn a_statement_someone_provided_speaks_for_them() {
        let a = story(&[
            "Harbour Minister Tom Marlow used a private phone for work, the paper reported.",
            "His spokesman, Peter Cook, told the paper Marlow regretted it. Cook said he stopped.",
            "The paper said Cook provided a written statement in reply to its questions.",
            "“After a review this year, the minister believes it was a mistake,” the statement said.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Peter Cook"), "{s:?}");
        let cook = a.entities.iter().find(|e| e.name == "Peter Cook");
        assert!(cook.is_some_and(|e| e.mentions.contains(&"Cook".to_string())));
    }

    /// A statement reported, not quoted (`the department said in a statement that …`), is
    /// still its issuer's when "the statement said" quotes it later.
    #[test]
    fn a_statement_reported_first_speaks_for_its_issuer() {
        let a = story(&[
            "“Both sides need to talk,” said Sen. Laura Pettibone.",
            "The Harbour Department of Labor said in a statement that mediators were ready.",
            "“We stand ready to help,” the statement said.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Laura Pettibone"), "{s:?}");
        assert_eq!(
            s[1].1.as_deref(),
            Some("Harbour Department of Labor"),
            "{s:?}"
        );
    }

    /// A body that only qualifies the person after it is not the sentence's subject; a name
    /// before a role qualifies the person named after the role.
    #[test]
    fn the_person_behind_a_body_or_a_role_speaks() {
        let a = story(&[
            "Top Harbour Party donor Samuel Oakridge said on Friday he met the candidate.",
            "While the donor did not say how much he gave, he did say the candidate was “very charming.”",
            "“The plan is reckless,” said Oakridge’s top policy aide Jake Sullivan.",
            "“It will fail,” said Oakridge aide Mira Patel.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Samuel Oakridge"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("Jake Sullivan"), "{s:?}");
        assert_eq!(s[2].1.as_deref(), Some("Mira Patel"), "{s:?}");
    }

    /// Speakers in dpa, AFP and EFE copy described, then named; a French inverted pronoun.
    #[test]
    fn described_speakers_and_inverted_pronouns() {
        let cases = [
            (
                vec![
                    "La ville de Ejemplo va doubler ses pistes cyclables, a annoncé lundi son président, Paul Exemple.",
                    "« Le vélo est un moyen de transport », a-t-il affirmé devant la presse, et la salle a applaudi longuement.",
                ],
                "Paul Exemple",
            ),
            (
                vec![
                    "El ayuntamiento aprobó este jueves un plan de ahorro de agua para el verano y los meses siguientes.",
                    "\"No podemos esperar más\", afirmó la concejala de Medio Ambiente, Rosa Ejemplo, en rueda de prensa.",
                ],
                "Rosa Ejemplo",
            ),
        ];
        for (paragraphs, who) in cases {
            let a = story(&paragraphs);
            let s = speakers(&a);
            assert_eq!(s.last().and_then(|q| q.1.as_deref()), Some(who), "{s:?}");
        }
    }

    /// dpa, AFP and EFE copy: the language's say-verbs (after an auxiliary in French), names
    /// with a known given name, and the speaker without a descriptor the title list lacks.
    #[test]
    fn speakers_in_german_french_and_spanish() {
        let cases = [
            (
                vec![
                    "Die Hafenbehörde meldete am Mittwoch einen Rekord bei den Umschlagzahlen, und die Reedereien sind mit der Entwicklung der Mengen in diesem Jahr nicht unzufrieden.",
                    "Vor allem die Zahl der Container aus dem Norden ist nach dem schwachen Frühjahr wieder gestiegen, wie es in der Mitteilung hieß.",
                    "„Wir sind sehr zufrieden mit dem Jahr“, sagte Hafenchefin Anna Beispiel.",
                ],
                "Anna Beispiel",
            ),
            (
                vec![
                    "La ville a présenté mardi son nouveau plan pour les pistes cyclables du centre, et les travaux doivent commencer dans les prochaines semaines.",
                    "Le budget de la métropole pour le vélo sera doublé dans les deux ans qui viennent, selon le document publié par la mairie.",
                    "« Nous avançons plus vite que prévu », a déclaré le maire Paul Exemple.",
                ],
                "Paul Exemple",
            ),
            (
                vec![
                    "Le groupe a relevé mardi ses objectifs annuels après un trimestre solide.",
                    "« Nous avons bien résisté », a déclaré son directeur général Luc Exemple lors d'une conférence téléphonique.",
                ],
                "Luc Exemple",
            ),
            (
                vec![
                    "La empresa elevó el martes sus previsiones para todo el año.",
                    "“Ha sido un buen trimestre”, dijo su consejera delegada Ana Ejemplo durante una conferencia.",
                ],
                "Ana Ejemplo",
            ),
            (
                vec![
                    "El ayuntamiento presentó el martes el nuevo plan para el metro de la ciudad, y las obras de la primera línea empezarán en las próximas semanas.",
                    "El presupuesto del proyecto se duplicará en los dos años que vienen, según el documento publicado por la alcaldía de la capital.",
                    "“Es un día histórico para todos”, dijo el alcalde Carlos Ejemplo.",
                ],
                "Carlos Ejemplo",
            ),
        ];
        for (paragraphs, speaker) in cases {
            let a = story(&paragraphs);
            assert_eq!(
                speakers(&a)[0].1.as_deref(),
                Some(speaker),
                "{:?}",
                a.entities
            );
            assert!(
                a.entities.iter().any(|e| e.name == speaker),
                "{:?}",
                a.entities
            );
        }
    }

    #[test]
    fn description_resolves_to_the_titled_person() {
        let a = story(&[
            "Transport Minister Lars Henriksen opened the bridge on Monday with Mayor Ana Ruiz.",
            "The minister praised the builders. “It took ten years,” the minister said.",
        ]);
        assert_eq!(speakers(&a)[0].1.as_deref(), Some("Lars Henriksen"));
    }

    #[test]
    fn attribution_styles() {
        let a = story(&[
            "“We will rebuild,” said Amara Okafor, the mayor of Lagos. “It will take time.”",
            "Okafor told reporters: “The money is there.”",
            "Mehmet Yıldız, the finance minister, said: “We have the funds.”",
            "“Not yet,” Yıldız said.",
            "The ministry said in a statement that repairs would start in May.",
        ]);
        let s = speakers(&a);
        assert_eq!(s.len(), 5, "{s:?}");
        assert_eq!(s[0].1.as_deref(), Some("Amara Okafor"));
        assert_eq!(s[1].1.as_deref(), Some("Amara Okafor"));
        assert_eq!(s[2].1.as_deref(), Some("Amara Okafor"));
        assert_eq!(s[3].1.as_deref(), Some("Mehmet Yıldız"));
        assert_eq!(s[4].1.as_deref(), Some("Mehmet Yıldız"));
    }

    #[test]
    fn partial_quotes_take_the_sentence_subject() {
        let a = story(&[
            "Senator Jane Example met the delegation on Friday.",
            "Example called the plan “reckless” and pledged to “unconditionally” oppose it.",
        ]);
        let s = &a.quotes;
        assert_eq!(s.len(), 2);
        assert!(
            s.iter()
                .all(|q| q.partial && q.speaker.as_deref() == Some("Jane Example")),
            "{s:?}"
        );
    }

    #[test]
    fn organisations_speak_and_nobody_is_null() {
        let a = story(&[
            "The Ministry of Health said the clinics would open in May.",
            "“Every district will have one,” the ministry said in a statement.",
            "“We waited too long,” a man in the queue said.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Ministry of Health"), "{s:?}");
        assert_eq!(s[1].1, None, "{s:?}");
    }

    #[test]
    fn wrote_on_social_media_and_guillemets() {
        let a = story(&[
            "Central bank governor Ursula von der Brelie wrote on X: «Rates will stay where they are.»",
            "“Not before spring,” von der Brelie told reporters in Frankfurt.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Ursula von der Brelie"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("Ursula von der Brelie"), "{s:?}");
    }

    #[test]
    fn split_quote_names_its_speaker_in_the_middle() {
        let a =
            story(&["“We are ready,” said Jean-Luc Marchetti, the coach, “and we will not wait.”"]);
        let s = speakers(&a);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(
            s.iter()
                .all(|(_, who)| who.as_deref() == Some("Jean-Luc Marchetti")),
            "{s:?}"
        );
    }

    fn entity_names(article: &Article, kind: crate::article::EntityKind) -> Vec<String> {
        article.entities_of(kind).map(|e| e.name.clone()).collect()
    }

    #[test]
    fn names_with_particles_diacritics_and_apostrophes() {
        use crate::article::EntityKind::Person;
        let a = story(&[
            "Ursula von der Leyen met Mohammed bin Salman and Abdel Fattah al-Sisi in Riyadh.",
            "President Recep Tayyip Erdoğan spoke to Sean O'Brien by phone.",
        ]);
        let people = entity_names(&a, Person);
        for name in [
            "Ursula von der Leyen",
            "Mohammed bin Salman",
            "Abdel Fattah al-Sisi",
            "Recep Tayyip Erdoğan",
            "Sean O'Brien",
        ] {
            assert!(
                people.contains(&name.to_string()),
                "{name} not in {people:?}"
            );
        }
    }

    #[test]
    fn ambiguous_names_by_context() {
        use crate::article::EntityKind::{Person, Place};
        let a = story(&[
            "Talks in Jordan and Georgia ended on Monday, officials in Chad said.",
            "Michael Jordan said the plan was sound.",
        ]);
        let places = entity_names(&a, Place);
        assert!(
            places.contains(&"Jordan".to_string())
                && places.contains(&"Georgia".to_string())
                && places.contains(&"Chad".to_string()),
            "{places:?}"
        );
        assert!(entity_names(&a, Person).contains(&"Michael Jordan".to_string()));
    }

    #[test]
    fn all_caps_headline_does_not_make_every_word_a_name() {
        use crate::article::EntityKind;
        let mut article = Article {
            headline: "FLOODS FORCE THOUSANDS FROM HOMES IN BAVARIA".into(),
            paragraphs: vec![
                "Heavy rain in Bavaria forced thousands from their homes on Sunday.".into(),
            ],
            ..Article::default()
        };
        extract(&mut article);
        let names: Vec<&str> = article.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Bavaria"], "{:?}", article.entities);
        assert_eq!(article.entities[0].kind, EntityKind::Place);
        assert_eq!(article.entities[0].count, 2);
    }

    #[test]
    fn name_then_description_possessive_appositions_colons_and_went_on() {
        let a = story(&[
            "“We are ready,” said Ana Lopez of the city council.",
            "“Rates will fall,” Marta Ellery, Freedonia’s central bank governor, said.",
            "Governor Lars Henriksen leaned in and boomed: “We will build it.”",
            "“It happens,” Henriksen went on.",
        ]);
        let s = speakers(&a);
        assert_eq!(s[0].1.as_deref(), Some("Ana Lopez"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("Marta Ellery"), "{s:?}");
        assert_eq!(s[2].1.as_deref(), Some("Lars Henriksen"), "{s:?}");
        assert_eq!(s[3].1.as_deref(), Some("Lars Henriksen"), "{s:?}");
    }
}
