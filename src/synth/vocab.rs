//! The generator's vocabulary, read once from `assets/synth/`: body words with their inflections,
//! the pools of people, places and organisations, and the phrase templates; each list drawn
//! with a Zipf skew by position, so a few entries are everywhere and most are rare.

use std::sync::LazyLock;

use fastrand::Rng;

const WORDS: &str = include_str!("../../assets/synth/words.txt");
const NAMES: &str = include_str!("../../assets/synth/names.txt");
const PLACES: &str = include_str!("../../assets/synth/places.txt");
const ORGS: &str = include_str!("../../assets/synth/orgs.txt");
const PHRASES: &str = include_str!("../../assets/synth/phrases.txt");

/// How many people the name lists are combined into.
const PEOPLE: usize = 20_000;
/// How many organisations are kept of the combinations.
const ORGANISATIONS: usize = 500;

/// Draws positions `0..n` with probability proportional to `1 / (k + 1 + q)^s`, in constant
/// time (Vose's alias method: one uniform column, then it or its alias).
pub(crate) struct Zipf {
    /// Per column: the chance of keeping it rather than taking its alias.
    keep: Vec<f64>,
    alias: Vec<u32>,
}

impl Zipf {
    #[allow(clippy::cast_precision_loss)] // n is far below 2^52
    pub(crate) fn new(n: usize, s: f64, q: f64) -> Zipf {
        let weights: Vec<f64> = (0..n).map(|k| (k as f64 + 1.0 + q).powf(-s)).collect();
        let total: f64 = weights.iter().sum();
        let mut keep: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
        let mut alias: Vec<u32> = (0..n).map(|k| u32::try_from(k).unwrap_or(0)).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&k| keep[k] < 1.0);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            alias[s] = u32::try_from(l).unwrap_or(0);
            keep[l] -= 1.0 - keep[s];
            if keep[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // What is left over is 1 up to rounding.
        for k in small.into_iter().chain(large) {
            keep[k] = 1.0;
        }
        Zipf { keep, alias }
    }

    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let column = rng.usize(0..self.keep.len());
        if rng.f64() < self.keep[column] {
            column
        } else {
            self.alias[column] as usize
        }
    }
}

/// A list and its skew.
pub(crate) struct Skewed<T> {
    pub(crate) items: Vec<T>,
    zipf: Zipf,
}

impl<T> Skewed<T> {
    fn new(items: Vec<T>, s: f64, q: f64) -> Skewed<T> {
        let zipf = Zipf::new(items.len(), s, q);
        Skewed { items, zipf }
    }

    /// Evenly, for lists where position means nothing (templates).
    fn even(items: Vec<T>) -> Skewed<T> {
        Skewed::new(items, 0.0, 0.0)
    }

    pub(crate) fn pick(&self, rng: &mut Rng) -> &T {
        &self.items[self.zipf.sample(rng)]
    }

    pub(crate) fn pick_index(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }
}

pub(crate) struct Noun {
    pub(crate) one: String,
    pub(crate) many: String,
}

pub(crate) struct Verb {
    pub(crate) base: String,
    pub(crate) past: String,
    pub(crate) participle: String,
}

pub(crate) struct Place {
    pub(crate) name: String,
    pub(crate) country: &'static str,
}

pub(crate) struct Org {
    pub(crate) name: String,
    /// The acronym used after the first mention (`IMF`).
    pub(crate) short: Option<&'static str>,
    /// Whether the name takes `the` in running text.
    pub(crate) article: bool,
}

/// One piece of a template: literal text or a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(&'static str),
    Noun,
    Nouns,
    Adjective,
    Verb,
    Past,
    Participle,
    Adverb,
    Num,
    Count,
    Pct,
    Money,
    Year,
    Month,
    Time,
    Role,
    Day,
    Person,
    Place,
    Org,
    Subject,
    HeadlineVerb,
    HeadlineVerbBare,
    Object,
    Tail,
}

pub(crate) type Template = Vec<Piece>;

pub(crate) struct Phrases {
    pub(crate) headlines: Skewed<Template>,
    /// Lower-case subject and whether it is singular.
    pub(crate) subjects: Skewed<(&'static str, bool)>,
    pub(crate) headline_verbs: Skewed<&'static str>,
    pub(crate) objects: Skewed<&'static str>,
    pub(crate) tails: Skewed<Template>,
    pub(crate) leads: Skewed<Template>,
    pub(crate) fillers: Skewed<Template>,
    pub(crate) person_intros: Skewed<Template>,
    pub(crate) person_laters: Skewed<Template>,
    pub(crate) places: Skewed<Template>,
    pub(crate) orgs: Skewed<Template>,
    pub(crate) quotes: Skewed<Template>,
    pub(crate) times: Skewed<Template>,
    pub(crate) roles: Skewed<&'static str>,
    /// Advisories of a version with a new lead (`Updates with new lead`).
    pub(crate) advisory_lead: Skewed<&'static str>,
    /// What an added paragraph adds (`official comment`).
    pub(crate) advisory_adds: Skewed<&'static str>,
    /// A kill's advisory (`STORY WITHDRAWN`).
    pub(crate) advisory_kill: Skewed<&'static str>,
    /// The paragraph a killed story keeps.
    pub(crate) kill_notices: Skewed<&'static str>,
}

pub(crate) struct Vocab {
    pub(crate) nouns: Skewed<Noun>,
    pub(crate) verbs: Skewed<Verb>,
    pub(crate) adjectives: Skewed<&'static str>,
    /// The same adjectives, to find one in a story's text (a correction changes one).
    adjective_set: std::collections::HashSet<&'static str>,
    pub(crate) adverbs: Skewed<&'static str>,
    pub(crate) given: Vec<&'static str>,
    pub(crate) surnames: Vec<&'static str>,
    /// (given, surname) indexes, most newsworthy first.
    pub(crate) people: Skewed<(u16, u16)>,
    pub(crate) places: Skewed<Place>,
    pub(crate) orgs: Skewed<Org>,
    pub(crate) phrases: Phrases,
}

pub(crate) static VOCAB: LazyLock<Vocab> = LazyLock::new(Vocab::load);

/// The lines of section `[name]` of an asset, comments and blank lines left out.
fn section(asset: &'static str, name: &str) -> impl Iterator<Item = &'static str> {
    let header = format!("[{name}]");
    asset
        .lines()
        .skip_while(move |l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The whitespace-separated words of a section.
fn words(asset: &'static str, name: &str) -> Vec<&'static str> {
    section(asset, name)
        .flat_map(str::split_whitespace)
        .collect()
}

/// The `;`-separated items of a section.
fn items(asset: &'static str, name: &str) -> Vec<&'static str> {
    section(asset, name)
        .flat_map(|l| l.split(';'))
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect()
}

fn templates(name: &str) -> Skewed<Template> {
    Skewed::even(
        items(PHRASES, name)
            .into_iter()
            .map(parse_template)
            .collect(),
    )
}

/// Splits `Officials said {n}.` into text and slots. A malformed asset is a bug caught by the
/// tests, so it panics.
pub(crate) fn parse_template(text: &'static str) -> Template {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        let close = open
            + rest[open..]
                .find('}')
                .expect("a closing brace in the template");
        pieces.push(match &rest[open + 1..close] {
            "n" => Piece::Noun,
            "ns" => Piece::Nouns,
            "a" => Piece::Adjective,
            "v" => Piece::Verb,
            "vd" => Piece::Past,
            "vn" => Piece::Participle,
            "r" => Piece::Adverb,
            "num" => Piece::Num,
            "count" => Piece::Count,
            "pct" => Piece::Pct,
            "money" => Piece::Money,
            "year" => Piece::Year,
            "month" => Piece::Month,
            "time" => Piece::Time,
            "role" => Piece::Role,
            "day" => Piece::Day,
            "P" => Piece::Person,
            "L" => Piece::Place,
            "O" => Piece::Org,
            "S" => Piece::Subject,
            "V" => Piece::HeadlineVerb,
            "Vb" => Piece::HeadlineVerbBare,
            "X" => Piece::Object,
            "T" => Piece::Tail,
            other => panic!("unknown slot {{{other}}} in template `{text}`"),
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// `policy` → `policies`, `tax` → `taxes`, `plan` → `plans`.
fn plural(word: &str) -> String {
    if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if let Some(stem) = consonant_y(word) {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

/// `approve` → `approved`, `study` → `studied`, `warn` → `warned`.
fn past(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if let Some(stem) = consonant_y(word) {
        format!("{stem}ied")
    } else {
        format!("{word}ed")
    }
}

/// `third person`: `agree on` → `agrees on`, `push for` → `pushes for`.
pub(crate) fn third_person(phrase: &str) -> String {
    let (verb, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
    let verb = if verb.ends_with('s') || verb.ends_with("sh") || verb.ends_with("ch") {
        format!("{verb}es")
    } else if let Some(stem) = consonant_y(verb) {
        format!("{stem}ies")
    } else {
        format!("{verb}s")
    };
    if rest.is_empty() {
        verb
    } else {
        format!("{verb} {rest}")
    }
}

/// The stem of a word ending in consonant + `y` (`polic` of `policy`).
fn consonant_y(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('y')?;
    let before = stem.chars().next_back()?;
    (!"aeiou".contains(before)).then_some(stem)
}

/// Keeps the first entry for each key.
fn dedup_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> String) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(key(i)));
}

impl Vocab {
    fn load() -> Vocab {
        let mut nouns: Vec<Noun> = words(WORDS, "nouns")
            .into_iter()
            .map(|w| match w.split_once('/') {
                Some((one, many)) => Noun {
                    one: one.to_string(),
                    many: many.to_string(),
                },
                None => Noun {
                    one: w.to_string(),
                    many: plural(w),
                },
            })
            .collect();
        dedup_by_key(&mut nouns, |n| n.one.clone());
        let mut verbs: Vec<Verb> = words(WORDS, "verbs")
            .into_iter()
            .map(|w| {
                let mut forms = w.split('/');
                let base = forms.next().unwrap_or(w).to_string();
                let past = forms.next().map_or_else(|| past(&base), str::to_string);
                let participle = forms.next().map_or_else(|| past.clone(), str::to_string);
                Verb {
                    base,
                    past,
                    participle,
                }
            })
            .collect();
        dedup_by_key(&mut verbs, |v| v.base.clone());
        let mut adjectives = words(WORDS, "adjectives");
        dedup_by_key(&mut adjectives, |a| (*a).to_string());
        let adjective_set = adjectives.iter().copied().collect();
        let adverbs = words(WORDS, "adverbs");

        let given = words(NAMES, "given");
        let surnames = words(NAMES, "surnames");
        let people = people(given.len(), surnames.len());

        Vocab {
            nouns: Skewed::new(nouns, 1.0, 2.0),
            verbs: Skewed::new(verbs, 1.0, 2.0),
            adjectives: Skewed::new(adjectives, 1.0, 2.0),
            adjective_set,
            adverbs: Skewed::new(adverbs, 1.0, 1.0),
            given,
            surnames,
            // Offset so the most named person is in a few percent of stories, not a tenth.
            people: Skewed::new(people, 1.0, 8.0),
            places: Skewed::new(places(), 1.1, 1.0),
            orgs: Skewed::new(orgs(), 1.0, 2.0),
            phrases: phrases(),
        }
    }

    pub(crate) fn is_adjective(&self, word: &str) -> bool {
        self.adjective_set.contains(word)
    }

    pub(crate) fn person_name(&self, person: (u16, u16)) -> (String, &'static str) {
        let surname = self.surnames[usize::from(person.1)];
        (
            format!("{} {surname}", self.given[usize::from(person.0)]),
            surname,
        )
    }
}

/// `PEOPLE` distinct (given, surname) pairs: rank `r` takes given name `r % G` and a surname
/// that walks a different step for each given name, so the popular people have varied names.
fn people(given: usize, surnames: usize) -> Vec<(u16, u16)> {
    let count = PEOPLE.min(given * surnames);
    (0..count)
        .map(|r| {
            let g = r % given;
            let s = (r / given + 61 * g) % surnames;
            (
                u16::try_from(g).unwrap_or(u16::MAX),
                u16::try_from(s).unwrap_or(u16::MAX),
            )
        })
        .collect()
}

/// Real cities first, then invented towns (every start with every end), interleaved so that
/// neighbouring ranks differ.
fn places() -> Vec<Place> {
    let mut places: Vec<Place> = items(PLACES, "cities")
        .into_iter()
        .filter_map(|c| c.split_once('/'))
        .map(|(name, country)| Place {
            name: name.to_string(),
            country,
        })
        .collect();
    let countries: Vec<&'static str> = places.iter().map(|p| p.country).collect();
    let starts = words(PLACES, "town-starts");
    let ends = words(PLACES, "town-ends");
    for e in 0..ends.len() {
        for (s, start) in starts.iter().enumerate() {
            let end = ends[(e + s) % ends.len()];
            places.push(Place {
                name: format!("{start}{end}"),
                country: countries[(s * 7 + e * 13) % countries.len()],
            });
        }
    }
    dedup_by_key(&mut places, |p| p.name.clone());
    places
}

/// The named organisations first, then ministries, national bodies and companies in turn.
fn orgs() -> Vec<Org> {
    let mut orgs: Vec<Org> = section(ORGS, "named")
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let name = cols.next()?.trim();
            let short = cols.next().map(str::trim).filter(|s| *s != "-");
            let article = cols.next().map(str::trim) == Some("the");
            Some(Org {
                name: name.to_string(),
                short,
                article,
            })
        })
        .collect();
    let ministries: Vec<Org> = words(ORGS, "fields")
        .into_iter()
        .map(|f| Org {
            name: format!("Ministry of {f}"),
            short: None,
            article: true,
        })
        .collect();
    let sectors = words(ORGS, "sectors");
    let bodies = words(ORGS, "bodies");
    let national: Vec<Org> = (0..sectors.len() * bodies.len())
        .map(|i| Org {
            name: format!(
                "National {} {}",
                sectors[i % sectors.len()],
                bodies[(i / sectors.len() + i) % bodies.len()]
            ),
            short: None,
            article: true,
        })
        .collect();
    let brands = words(ORGS, "brands");
    let kinds = words(ORGS, "kinds");
    let companies: Vec<Org> = (0..brands.len() * kinds.len())
        .map(|i| Org {
            name: format!(
                "{} {}",
                brands[i % brands.len()],
                kinds[(i / brands.len() + i) % kinds.len()]
            ),
            short: None,
            article: false,
        })
        .collect();
    let mut groups = [
        ministries.into_iter(),
        national.into_iter(),
        companies.into_iter(),
    ];
    // Round-robin: one ministry, two national bodies, three companies, and again.
    'fill: loop {
        let mut any = false;
        for (g, group) in groups.iter_mut().enumerate() {
            for _ in 0..=g {
                if let Some(org) = group.next() {
                    orgs.push(org);
                    any = true;
                }
            }
        }
        if !any || orgs.len() >= ORGANISATIONS {
            break 'fill;
        }
    }
    dedup_by_key(&mut orgs, |o| o.name.clone());
    orgs.truncate(ORGANISATIONS);
    orgs
}

fn phrases() -> Phrases {
    let subjects = items(PHRASES, "hl-subjects")
        .into_iter()
        .map(|s| match s.split_once('|') {
            Some((subject, number)) => (subject, number == "s"),
            None => (s, false),
        })
        .collect();
    Phrases {
        headlines: templates("hl-templates"),
        subjects: Skewed::new(subjects, 0.8, 4.0),
        headline_verbs: Skewed::new(items(PHRASES, "hl-verbs"), 0.8, 4.0),
        objects: Skewed::new(items(PHRASES, "hl-objects"), 0.8, 4.0),
        tails: templates("hl-tails"),
        leads: templates("lead"),
        fillers: templates("filler"),
        person_intros: templates("person-intro"),
        person_laters: templates("person-later"),
        places: templates("place"),
        orgs: templates("org"),
        quotes: templates("quote"),
        times: templates("time"),
        roles: Skewed::even(items(PHRASES, "role")),
        advisory_lead: Skewed::even(items(PHRASES, "advisory-lead")),
        advisory_adds: Skewed::even(items(PHRASES, "advisory-adds")),
        advisory_kill: Skewed::even(items(PHRASES, "advisory-kill")),
        kill_notices: Skewed::even(section(PHRASES, "kill-notice").collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("tax"), "taxes");
        assert_eq!(plural("delay"), "delays");
        assert_eq!(past("approve"), "approved");
        assert_eq!(past("study"), "studied");
        assert_eq!(third_person("push for"), "pushes for");
        assert_eq!(third_person("criticise"), "criticises");
        assert_eq!(third_person("lift ban on"), "lifts ban on");
    }

    #[test]
    fn pools_have_the_promised_sizes() {
        let v = &*VOCAB;
        assert_eq!(v.people.items.len(), PEOPLE);
        assert!(v.places.items.len() >= 1_900, "{}", v.places.items.len());
        assert_eq!(v.orgs.items.len(), ORGANISATIONS);
        let forms: std::collections::HashSet<&str> = v
            .nouns
            .items
            .iter()
            .flat_map(|n| [n.one.as_str(), n.many.as_str()])
            .chain(
                v.verbs
                    .items
                    .iter()
                    .flat_map(|x| [x.base.as_str(), x.past.as_str()]),
            )
            .chain(v.adjectives.items.iter().copied())
            .collect();
        assert!(forms.len() >= 2_500, "{} distinct words", forms.len());
        let pairs: std::collections::HashSet<_> = v.people.items.iter().collect();
        assert_eq!(pairs.len(), PEOPLE, "people are distinct");
    }

    #[test]
    fn zipf_is_skewed() {
        let z = Zipf::new(1000, 1.0, 0.0);
        let mut rng = Rng::with_seed(7);
        let mut counts = vec![0usize; 1000];
        for _ in 0..100_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        assert!(
            counts[0] > 10 * counts[99],
            "{} vs {}",
            counts[0],
            counts[99]
        );
        assert!(counts[999] < 100);
    }

    /// The story builder counts a name once per template that holds its slot, so each
    /// template names exactly the entities its section promises.
    #[test]
    fn templates_hold_the_promised_slots() {
        let p = &VOCAB.phrases;
        let slots = |t: &Template, slot: Piece| t.iter().filter(|x| **x == slot).count();
        let entity_slots =
            |t: &Template| slots(t, Piece::Person) + slots(t, Piece::Place) + slots(t, Piece::Org);
        for (list, slot) in [
            (&p.leads, Piece::Place),
            (&p.places, Piece::Place),
            (&p.person_intros, Piece::Person),
            (&p.person_laters, Piece::Person),
            (&p.orgs, Piece::Org),
        ] {
            for t in &list.items {
                assert_eq!(slots(t, slot), 1, "{t:?}");
                assert_eq!(entity_slots(t), 1, "{t:?}");
            }
        }
        for list in [&p.fillers, &p.quotes, &p.times] {
            for t in &list.items {
                assert_eq!(entity_slots(t), 0, "{t:?}");
                assert!(
                    !t.contains(&Piece::Tail) && !t.contains(&Piece::Role),
                    "{t:?}"
                );
            }
        }
        for t in p.headlines.items.iter().chain(&p.tails.items) {
            for slot in [Piece::Person, Piece::Place, Piece::Org] {
                assert!(slots(t, slot) <= 1, "{t:?}");
            }
        }
        // Roles and headline words name nobody: no capitals that could pass for a name.
        for text in p.roles.items.iter().chain(&p.objects.items) {
            assert!(!text.chars().any(char::is_uppercase), "{text}");
        }
    }

    /// Counting mentions in the text is exact only if no name is also another kind of name or
    /// a word that can open a sentence.
    #[test]
    fn names_do_not_collide_with_words_or_each_other() {
        let v = &*VOCAB;
        let mut words: std::collections::HashSet<String> = std::collections::HashSet::new();
        for n in &v.nouns.items {
            words.insert(n.one.to_lowercase());
            words.insert(n.many.to_lowercase());
        }
        for x in &v.verbs.items {
            words.extend([x.base.clone(), x.past.clone(), x.participle.clone()]);
        }
        words.extend(v.adjectives.items.iter().map(|a| (*a).to_string()));
        words.extend(v.adverbs.items.iter().map(|a| (*a).to_string()));
        let surnames: std::collections::HashSet<&str> = v.surnames.iter().copied().collect();
        let mut clashes = Vec::new();
        for s in &v.surnames {
            if words.contains(&s.to_lowercase()) || v.given.contains(s) {
                clashes.push(format!("surname {s}"));
            }
        }
        for p in &v.places.items {
            if words.contains(&p.name.to_lowercase())
                || surnames.contains(p.name.as_str())
                || v.given.contains(&p.name.as_str())
            {
                clashes.push(format!("place {}", p.name));
            }
        }
        for o in &v.orgs.items {
            let padded = format!(" {} ", o.name);
            for p in &v.places.items {
                if padded.contains(&format!(" {} ", p.name)) {
                    clashes.push(format!("organisation {} holds {}", o.name, p.name));
                }
            }
            if o.name.split_whitespace().any(|w| surnames.contains(w)) {
                clashes.push(format!("organisation {} holds a surname", o.name));
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }
}
