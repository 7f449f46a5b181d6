//! One synthetic story: a cast drawn from the pools, a headline, a dateline and paragraphs built
//! from templates, with every name mention, quote and byte offset recorded as it is written, so
//! the entities and quotes are exactly what the text holds.

use std::fmt::Write as _;

use fastrand::Rng;
use jiff::civil::{Date, Weekday};

use super::vocab::{Org, Piece, Template, VOCAB, Vocab, third_person};
use crate::article::{Article, Dateline, Entity, EntityKind, Format, Quote, Source};

/// How an agency writes its copy: a table of independent house-style switches.
#[allow(clippy::struct_excessive_bools)]
pub(crate) struct Agency {
    pub(crate) name: &'static str,
    /// Share of the stories, in percent.
    weight: u32,
    /// `NAIROBI` rather than `Nairobi`.
    capitals: bool,
    /// `3 March 2025` rather than `March 3, 2025`.
    day_first: bool,
    /// AP's month abbreviations (`Sept. 3, 2025`).
    ap_months: bool,
    /// The country after the place (`NAIROBI, Kenya`).
    region: bool,
    /// `Pyongyang, March 3, 2025, MINA –` rather than `(MINA)`.
    bare: bool,
    pub(crate) dash: &'static str,
    /// “Curly” rather than "straight" quotation marks.
    curly: bool,
    byline: bool,
    /// Paragraphs hard-wrapped at this width in copy files.
    pub(crate) wrap: Option<usize>,
}

const fn agency(name: &'static str, weight: u32, dash: &'static str) -> Agency {
    Agency {
        name,
        weight,
        capitals: false,
        day_first: false,
        ap_months: false,
        region: false,
        bare: false,
        dash,
        curly: true,
        byline: false,
        wrap: None,
    }
}

pub(crate) const AGENCIES: [Agency; 10] = [
    Agency {
        capitals: true,
        curly: false,
        ..agency("Reuters", 22, "-")
    },
    Agency {
        capitals: true,
        ap_months: true,
        region: true,
        curly: false,
        byline: true,
        ..agency("AP", 20, "—")
    },
    Agency {
        day_first: true,
        byline: true,
        ..agency("AFP", 14, "–")
    },
    Agency {
        day_first: true,
        wrap: Some(72),
        ..agency("dpa", 8, "-")
    },
    Agency {
        capitals: true,
        ..agency("Anadolu", 8, "-")
    },
    Agency {
        day_first: true,
        wrap: Some(76),
        ..agency("EFE", 7, "-")
    },
    Agency {
        capitals: true,
        day_first: true,
        wrap: Some(70),
        ..agency("ANSA", 6, "-")
    },
    Agency {
        capitals: true,
        ..agency("Kyodo", 6, "--")
    },
    Agency {
        curly: false,
        wrap: Some(68),
        ..agency("PTI", 6, "-")
    },
    Agency {
        bare: true,
        ..agency("MINA", 3, "–")
    },
];

const MONTHS: [&str; 12] = [
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
];
const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const NUMBERS: [&str; 9] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Stories are dated 2015-01-01 to 2026-10-31; this share (percent) carries no date.
const UNDATED_PERCENT: u32 = 5;
const FIRST_DAY: Date = jiff::civil::date(2015, 1, 1);
const LAST_DAY: Date = jiff::civil::date(2026, 10, 31);
/// Body words aimed at per story.
const WORDS: usize = 630;

/// The per-story seed: the same (seed, index) always gives the same story, on any thread.
pub(crate) fn story_seed(seed: u64, index: u64) -> u64 {
    splitmix(seed.wrapping_add(splitmix(index)))
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) fn agency_named(name: &str) -> Option<&'static Agency> {
    AGENCIES.iter().find(|a| a.name == name)
}

struct Person {
    full: String,
    surname: &'static str,
    count: usize,
    surname_used: bool,
}

struct Place {
    name: &'static str,
    country: &'static str,
    count: usize,
}

struct Organisation {
    org: &'static Org,
    count: usize,
    introduced: bool,
    short_used: bool,
}

/// Who and where the story names.
struct Cast {
    people: Vec<Person>,
    places: Vec<Place>,
    orgs: Vec<Organisation>,
}

/// The entity text a template's slots take.
#[derive(Clone, Copy, Default)]
struct Names<'a> {
    person: &'a str,
    place: &'a str,
    org: &'a str,
}

/// How many entity slots a rendering filled.
#[derive(Clone, Copy, Default)]
struct Used {
    person: usize,
    place: usize,
    org: usize,
}

impl std::ops::AddAssign for Used {
    fn add_assign(&mut self, other: Used) {
        self.person += other.person;
        self.place += other.place;
        self.org += other.org;
    }
}

#[derive(Clone, Copy)]
enum Later {
    Quote,
    Partial,
    Statement,
}

#[derive(Clone, Copy)]
enum Event {
    Intro { person: usize, quote: bool },
    Later { person: usize, kind: Later },
    Place(usize),
    Org(usize),
}

struct Writer {
    rng: Rng,
    v: &'static Vocab,
    day: &'static str,
    open: &'static str,
    close: &'static str,
}

/// The first draws of story `index`: its agency and whether it carries a date. Chains of
/// versions are planned from dated stories only, before any story is built.
fn opening(rng: &mut Rng) -> (&'static Agency, bool) {
    let agency = pick_agency(rng);
    let dated = rng.u32(0..100) >= UNDATED_PERCENT;
    (agency, dated)
}

/// Whether story `index` of the archive seeded `seed` carries a date (cheap: two draws).
pub(crate) fn is_dated(seed: u64, index: u64) -> bool {
    opening(&mut Rng::with_seed(story_seed(seed, index))).1
}

/// Builds story number `index` of the archive seeded `seed`.
pub(crate) fn build(seed: u64, index: u64) -> Article {
    let v: &'static Vocab = &VOCAB;
    let mut rng = Rng::with_seed(story_seed(seed, index));
    let (agency, dated) = opening(&mut rng);
    let days = LAST_DAY
        .since(FIRST_DAY)
        .map_or(1, |s| i64::from(s.get_days()) + 1);
    let date = FIRST_DAY
        .checked_add(jiff::Span::new().days(rng.i64(0..days)))
        .unwrap_or(FIRST_DAY);
    let day = weekday(date.weekday());
    let mut cast = cast(v, &mut rng);
    let (open, close) = if agency.curly {
        ("“", "”")
    } else {
        ("\"", "\"")
    };
    let mut w = Writer {
        rng,
        v,
        day,
        open,
        close,
    };

    let headline = w.headline(&mut cast);
    let mut quotes = Vec::new();
    let paragraphs = w.body(&mut cast, &mut quotes);
    let dateline = dateline(agency, &cast, dated.then_some(date));
    let byline = agency.byline.then(|| w.reporter());
    let mut credits = Vec::new();
    let mut editor_codes = Vec::new();
    match agency.name {
        "Reuters" => credits.push(format!(
            "(Reporting by {}; Editing by {})",
            w.reporter(),
            w.reporter()
        )),
        "AP" => credits.push(format!(
            "Associated Press writer {} contributed to this report.",
            w.reporter()
        )),
        "Kyodo" => editor_codes.push("(END)".to_string()),
        _ => {}
    }

    let mut article = Article {
        id: String::new(),
        source: Source {
            path: format!("synthetic:{index:09}"),
            format: Format::Plain,
            id: None,
            item: None,
        },
        headline,
        published: dateline.date.clone(),
        received: None,
        agency: dateline.agency.clone(),
        dateline: Some(dateline),
        byline,
        caption: None,
        credits,
        editor_codes,
        paragraphs,
        wire: crate::article::WireMeta::default(),
        quotes,
        entities: entities(&cast),
    };
    article.assign_id();
    article
}

fn pick_agency(rng: &mut Rng) -> &'static Agency {
    let total: u32 = AGENCIES.iter().map(|a| a.weight).sum();
    let mut at = rng.u32(0..total);
    for a in &AGENCIES {
        if at < a.weight {
            return a;
        }
        at -= a.weight;
    }
    &AGENCIES[0]
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// 2–8 people (no two sharing a surname), 1–4 places, 1–3 organisations, by popularity.
fn cast(v: &'static Vocab, rng: &mut Rng) -> Cast {
    let n_people = [2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8][rng.usize(0..11)];
    let n_places = [1, 1, 2, 2, 2, 3, 3, 4][rng.usize(0..8)];
    let n_orgs = [1, 1, 2, 2, 3][rng.usize(0..5)];
    let mut people: Vec<Person> = Vec::new();
    for _ in 0..n_people * 20 {
        if people.len() == n_people {
            break;
        }
        let (full, surname) = v.person_name(*v.people.pick(rng));
        if people.iter().all(|p| p.surname != surname) {
            people.push(Person {
                full,
                surname,
                count: 0,
                surname_used: false,
            });
        }
    }
    let mut places: Vec<Place> = Vec::new();
    for _ in 0..n_places * 20 {
        if places.len() == n_places {
            break;
        }
        let place = v.places.pick(rng);
        if places.iter().all(|p| p.name != place.name) {
            places.push(Place {
                name: &place.name,
                country: place.country,
                count: 0,
            });
        }
    }
    let mut orgs: Vec<Organisation> = Vec::new();
    for _ in 0..n_orgs * 20 {
        if orgs.len() == n_orgs {
            break;
        }
        let org = v.orgs.pick(rng);
        if orgs.iter().all(|o| o.org.name != org.name) {
            orgs.push(Organisation {
                org,
                count: 0,
                introduced: false,
                short_used: false,
            });
        }
    }
    Cast {
        people,
        places,
        orgs,
    }
}

/// The entities, most mentioned first, as the extractor orders them.
fn entities(cast: &Cast) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    for p in &cast.people {
        let mut mentions = vec![p.full.clone()];
        if p.surname_used {
            mentions.push(p.surname.to_string());
        }
        entities.push(Entity {
            name: p.full.clone(),
            kind: EntityKind::Person,
            mentions,
            count: p.count,
            canonical: None,
        });
    }
    for p in &cast.places {
        entities.push(Entity {
            name: p.name.to_string(),
            kind: EntityKind::Place,
            mentions: vec![p.name.to_string()],
            count: p.count,
            canonical: None,
        });
    }
    for o in &cast.orgs {
        let mut mentions = vec![o.org.name.clone()];
        if let Some(short) = o.org.short.filter(|_| o.short_used) {
            mentions.push(short.to_string());
        }
        entities.push(Entity {
            name: o.org.name.clone(),
            kind: EntityKind::Organization,
            mentions,
            count: o.count,
            canonical: None,
        });
    }
    entities.retain(|e| e.count > 0);
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kind.cmp(&b.kind)));
    entities
}

/// `NAIROBI, Kenya, Sept. 3, 2025 (AP) —`, `Pyongyang, 3 March 2025, MINA –`.
fn dateline(agency: &Agency, cast: &Cast, date: Option<Date>) -> Dateline {
    let (place, country) = cast
        .places
        .first()
        .map_or(("", ""), |p| (p.name, p.country));
    let written = if agency.capitals {
        place.to_uppercase()
    } else {
        place.to_string()
    };
    let region =
        (agency.region && !country.is_empty() && country != place && country != "United States")
            .then(|| country.to_string());
    let mut text = written.clone();
    if let Some(region) = &region {
        text.push_str(", ");
        text.push_str(region);
    }
    if let Some(date) = date {
        let month = usize::try_from(date.month() - 1).unwrap_or(0);
        let when = if agency.day_first {
            format!("{} {} {}", date.day(), MONTHS[month], date.year())
        } else if agency.ap_months {
            format!("{} {}, {}", AP_MONTHS[month], date.day(), date.year())
        } else {
            format!("{} {}, {}", MONTHS[month], date.day(), date.year())
        };
        text.push_str(", ");
        text.push_str(&when);
    }
    if agency.bare {
        text.push_str(", ");
        text.push_str(agency.name);
    } else {
        text.push_str(" (");
        text.push_str(agency.name);
        text.push(')');
    }
    text.push(' ');
    text.push_str(agency.dash);
    Dateline {
        place: Some(written),
        region,
        date: date.map(|d| d.to_string()),
        agency: Some(agency.name.to_string()),
        text,
    }
}

/// Wire copy gives a quote its own paragraph: a paragraph with a quote names no other person.
/// Events that do not fit move on to the next paragraph, in order (so introductions still come
/// first), adding paragraphs up to 18; the last takes whatever is left.
fn one_speaker_each(paragraphs: Vec<Vec<Event>>) -> Vec<Vec<Event>> {
    let is_quote = |e: &Event| {
        matches!(
            e,
            Event::Intro { quote: true, .. }
                | Event::Later {
                    kind: Later::Quote | Later::Partial,
                    ..
                }
        )
    };
    let is_person = |e: &Event| matches!(e, Event::Intro { .. } | Event::Later { .. });
    let mut out: Vec<Vec<Event>> = Vec::with_capacity(18);
    let mut carry: Vec<Event> = Vec::new();
    let mut planned = paragraphs.into_iter();
    loop {
        let next = planned.next();
        if next.is_none() && carry.is_empty() {
            break;
        }
        let mut events = std::mem::take(&mut carry);
        events.extend(next.unwrap_or_default());
        if out.len() + 1 >= 18 || out.is_empty() {
            out.push(events);
            continue;
        }
        let (mut quoted, mut named) = (false, false);
        let mut kept = Vec::new();
        for event in events {
            let fits =
                carry.is_empty() && !(is_quote(&event) && named) && !(is_person(&event) && quoted);
            if fits {
                quoted |= is_quote(&event);
                named |= is_person(&event);
                kept.push(event);
            } else {
                carry.push(event);
            }
        }
        out.push(kept);
    }
    out
}

/// Upper-cases the first letter at or after `at` (sentences, and quotes inside them).
fn capitalise_at(text: &mut str, at: usize) {
    if let Some(first) = text.get_mut(at..at + 1) {
        first.make_ascii_uppercase();
    }
}

/// `1,500` from 1500.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn words_in(text: &str) -> usize {
    text.split_ascii_whitespace().count()
}

/// Fresh text in a story's voice for its later versions: a new lead naming the dateline's
/// place, or a paragraph that names nobody, so the story's entities and quotes stay true.
pub(crate) struct Rewriter(Writer);

impl Rewriter {
    /// Draws from `rng`; `date` gives the weekday a lead may name.
    pub(crate) fn new(rng: Rng, date: Option<Date>) -> Rewriter {
        Rewriter(Writer {
            rng,
            v: &VOCAB,
            day: weekday(date.unwrap_or(FIRST_DAY).weekday()),
            open: "\"",
            close: "\"",
        })
    }

    pub(crate) fn rng(&mut self) -> &mut Rng {
        &mut self.0.rng
    }

    /// A lead paragraph naming `place` once, as every lead does.
    pub(crate) fn lead(&mut self, place: &str) -> String {
        let w = &mut self.0;
        let mut text = String::new();
        let lead = w.v.phrases.leads.pick(&mut w.rng);
        let names = Names {
            place,
            ..Names::default()
        };
        w.sentence(lead, names, &mut text);
        w.fill(&mut text, WORDS / 15);
        text
    }

    /// A paragraph of about a fifteenth of a story, naming nobody.
    pub(crate) fn paragraph(&mut self) -> String {
        let mut text = String::new();
        self.0.fill(&mut text, WORDS / 15);
        text
    }
}

impl Writer {
    /// Adds sentences that name nobody until `text` has about `budget` words (at least one).
    fn fill(&mut self, text: &mut String, budget: usize) {
        // Counted as written: recounting the paragraph each time was a tenth of the time.
        let mut words = words_in(text);
        while text.is_empty() || words + 8 < budget {
            let before = text.len();
            let filler = self.v.phrases.fillers.pick(&mut self.rng);
            self.sentence(filler, Names::default(), text);
            words += words_in(&text[before..]);
        }
    }

    /// Appends a rendered template to `out`; returns which entity slots it filled.
    fn render(&mut self, template: &Template, names: Names<'_>, out: &mut String) -> Used {
        let mut used = Used::default();
        // Headline verbs agree with their subject: a subject phrase, else the first name (a
        // name after the subject, `Farmers in Lagos`, does not change it).
        let mut singular = None;
        for piece in template {
            match *piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Noun => out.push_str(&self.v.nouns.pick(&mut self.rng).one),
                Piece::Nouns => out.push_str(&self.v.nouns.pick(&mut self.rng).many),
                Piece::Adjective => out.push_str(self.v.adjectives.pick(&mut self.rng)),
                Piece::Verb => out.push_str(&self.v.verbs.pick(&mut self.rng).base),
                Piece::Past => out.push_str(&self.v.verbs.pick(&mut self.rng).past),
                Piece::Participle => out.push_str(&self.v.verbs.pick(&mut self.rng).participle),
                Piece::Adverb => out.push_str(self.v.adverbs.pick(&mut self.rng)),
                Piece::Num => out.push_str(NUMBERS[self.rng.usize(0..NUMBERS.len())]),
                Piece::Count => {
                    let n = match self.rng.u32(0..4) {
                        0 => self.rng.u32(12..100),
                        1 => self.rng.u32(100..1_000),
                        2 => self.rng.u32(1_000..10_000),
                        _ => self.rng.u32(10_000..250_000),
                    };
                    out.push_str(&thousands(n));
                }
                Piece::Pct => {
                    let whole = self.v.adverbs.pick_index(&mut self.rng) % 40;
                    if self.rng.bool() {
                        let _ = write!(out, "{whole}.{} percent", self.rng.u32(1..10));
                    } else {
                        let _ = write!(out, "{} percent", whole + 1);
                    }
                }
                Piece::Money => {
                    let n = self.rng.u32(2..900);
                    let sum = match self.rng.u32(0..5) {
                        0 => format!("${n} million"),
                        1 => format!("${} billion", n % 90 + 1),
                        2 => format!("{n} million euros"),
                        3 => format!("{} billion yen", n % 90 + 1),
                        _ => format!("{n} million dollars"),
                    };
                    out.push_str(&sum);
                }
                Piece::Year => out.push_str(&self.rng.u32(1990..2015).to_string()),
                Piece::Month => out.push_str(MONTHS[self.rng.usize(0..12)]),
                Piece::Time => {
                    let time = self.v.phrases.times.pick(&mut self.rng);
                    used += self.render(time, names, out);
                }
                Piece::Role => out.push_str(self.v.phrases.roles.pick(&mut self.rng)),
                Piece::Day => out.push_str(self.day),
                Piece::Person => {
                    out.push_str(names.person);
                    used.person += 1;
                    singular.get_or_insert(true);
                }
                Piece::Place => {
                    out.push_str(names.place);
                    used.place += 1;
                    singular.get_or_insert(true);
                }
                Piece::Org => {
                    out.push_str(names.org);
                    used.org += 1;
                    singular.get_or_insert(true);
                }
                Piece::Subject => {
                    let (subject, one) = *self.v.phrases.subjects.pick(&mut self.rng);
                    out.push_str(subject);
                    singular = Some(one);
                }
                Piece::HeadlineVerb => {
                    let verb = self.v.phrases.headline_verbs.pick(&mut self.rng);
                    if singular == Some(true) {
                        out.push_str(&third_person(verb));
                    } else {
                        out.push_str(verb);
                    }
                }
                Piece::HeadlineVerbBare => {
                    out.push_str(self.v.phrases.headline_verbs.pick(&mut self.rng));
                }
                Piece::Object => out.push_str(self.v.phrases.objects.pick(&mut self.rng)),
                Piece::Tail => {
                    let tail = self.tail(used.place > 0);
                    used += self.render(tail, names, out);
                }
            }
        }
        used
    }

    /// A headline tail; one that names no place when the headline already has.
    fn tail(&mut self, placed: bool) -> &'static Template {
        let tails = &self.v.phrases.tails;
        let mut tail = tails.pick(&mut self.rng);
        while placed && tail.contains(&Piece::Place) {
            tail = tails.pick(&mut self.rng);
        }
        tail
    }

    /// A sentence from `template`, appended to the paragraph with a space; returns its words.
    fn sentence(&mut self, template: &Template, names: Names<'_>, out: &mut String) -> Used {
        if !out.is_empty() {
            out.push(' ');
        }
        let at = out.len();
        let used = self.render(template, names, out);
        capitalise_at(out, at);
        used
    }

    /// 6–12 words, naming the lead person by surname, the first place, the first organisation
    /// by its short form.
    fn headline(&mut self, cast: &mut Cast) -> String {
        let org = cast
            .orgs
            .first()
            .map_or("", |o| o.org.short.unwrap_or(&o.org.name));
        let names = Names {
            person: cast.people.first().map_or("", |p| p.surname),
            place: cast.places.first().map_or("", |p| p.name),
            org,
        };
        let mut best = (String::new(), Used::default());
        for _ in 0..20 {
            let mut text = String::new();
            let template = self.v.phrases.headlines.pick(&mut self.rng);
            let mut used = self.render(template, names, &mut text);
            if words_in(&text) < 6 {
                text.push(' ');
                let tail = self.tail(used.place > 0);
                used += self.render(tail, names, &mut text);
            }
            let n = words_in(&text);
            best = (text, used);
            if (6..=12).contains(&n) {
                break;
            }
        }
        let (mut text, used) = best;
        capitalise_at(&mut text, 0);
        if let Some(p) = cast.people.first_mut() {
            p.count += used.person;
            p.surname_used |= used.person > 0;
        }
        if let Some(p) = cast.places.first_mut() {
            p.count += used.place;
        }
        if let Some(o) = cast.orgs.first_mut() {
            o.count += used.org;
            o.short_used |= used.org > 0 && o.org.short.is_some();
        }
        text
    }

    /// The lead and 11–17 more paragraphs of about `WORDS` words in all.
    fn body(&mut self, cast: &mut Cast, quotes: &mut Vec<Quote>) -> Vec<String> {
        let count = self.rng.usize(12..=18);
        let mut paragraphs: Vec<Vec<Event>> = vec![Vec::new(); count];
        for (key, event) in self.plan(cast) {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let at = 1 + ((key * (count - 1) as f64) as usize).min(count - 2);
            paragraphs[at].push(event);
        }
        let paragraphs = one_speaker_each(paragraphs);
        let count = paragraphs.len();
        let per_paragraph = WORDS / count;
        let mut out = Vec::with_capacity(count);
        for (p, events) in paragraphs.into_iter().enumerate() {
            let budget = per_paragraph * self.rng.usize(70..=130) / 100;
            let mut text = String::with_capacity(budget * 7);
            if p == 0 {
                let lead = self.v.phrases.leads.pick(&mut self.rng);
                let names = Names {
                    place: cast.places.first().map_or("", |pl| pl.name),
                    ..Names::default()
                };
                let used = self.sentence(lead, names, &mut text);
                if let Some(pl) = cast.places.first_mut() {
                    pl.count += used.place;
                }
            }
            for event in events {
                self.event(event, p, cast, &mut text, quotes);
            }
            self.fill(&mut text, budget);
            out.push(text);
        }
        out
    }

    /// The mentions to place, each with a key in 0..1 (its position in the story): everyone
    /// is introduced before they are named again.
    fn plan(&mut self, cast: &Cast) -> Vec<(f64, Event)> {
        let mut plan = Vec::new();
        let after = |rng: &mut Rng, key: f64| key + (1.0 - key) * (0.05 + 0.9 * rng.f64());
        for person in 0..cast.people.len() {
            let key = if person == 0 {
                0.1 * self.rng.f64()
            } else {
                0.7 * self.rng.f64()
            };
            let quote = person == 0 || self.rng.bool();
            plan.push((key, Event::Intro { person, quote }));
            for _ in 0..self.rng.usize(1..=2) {
                let kind = match self.rng.u32(0..100) {
                    0..45 => Later::Quote,
                    45..55 => Later::Partial,
                    _ => Later::Statement,
                };
                plan.push((after(&mut self.rng, key), Event::Later { person, kind }));
            }
        }
        for place in 0..cast.places.len() {
            let mentions = usize::from(place > 0) + self.rng.usize(0..=1);
            for _ in 0..mentions {
                plan.push((self.rng.f64(), Event::Place(place)));
            }
        }
        for org in 0..cast.orgs.len() {
            let key = 0.8 * self.rng.f64();
            plan.push((key, Event::Org(org)));
            for _ in 0..self.rng.usize(0..=2) {
                plan.push((after(&mut self.rng, key), Event::Org(org)));
            }
        }
        plan.sort_by(|a, b| a.0.total_cmp(&b.0));
        plan
    }

    fn event(
        &mut self,
        event: Event,
        paragraph: usize,
        cast: &mut Cast,
        text: &mut String,
        quotes: &mut Vec<Quote>,
    ) {
        match event {
            Event::Intro { person, quote } => {
                let p = &mut cast.people[person];
                p.count += 1;
                let full = p.full.clone();
                if quote {
                    self.quoted(text, paragraph, &full, quotes);
                } else {
                    let t = self.v.phrases.person_intros.pick(&mut self.rng);
                    let names = Names {
                        person: &full,
                        ..Names::default()
                    };
                    self.sentence(t, names, text);
                }
            }
            Event::Later { person, kind } => {
                let p = &mut cast.people[person];
                p.count += 1;
                p.surname_used = true;
                let (full, surname) = (p.full.clone(), p.surname);
                match kind {
                    Later::Quote => self.quoted_later(text, paragraph, &full, surname, quotes),
                    Later::Partial => self.partial(text, paragraph, &full, surname, quotes),
                    Later::Statement => {
                        let t = self.v.phrases.person_laters.pick(&mut self.rng);
                        let names = Names {
                            person: surname,
                            ..Names::default()
                        };
                        self.sentence(t, names, text);
                    }
                }
            }
            Event::Place(place) => {
                let t = self.v.phrases.places.pick(&mut self.rng);
                let names = Names {
                    place: cast.places[place].name,
                    ..Names::default()
                };
                let used = self.sentence(t, names, text);
                cast.places[place].count += used.place;
            }
            Event::Org(org) => {
                let o = &mut cast.orgs[org];
                let the = if o.org.article { "the " } else { "" };
                let (surface, mentions) = match o.org.short {
                    Some(short) if !o.introduced => (format!("{the}{} ({short})", o.org.name), 2),
                    Some(short) => (format!("{the}{short}"), 1),
                    None => (format!("{the}{}", o.org.name), 1),
                };
                o.short_used |= o.org.short.is_some();
                o.introduced = true;
                let t = self.v.phrases.orgs.pick(&mut self.rng);
                let names = Names {
                    org: &surface,
                    ..Names::default()
                };
                let used = self.sentence(t, names, text);
                cast.orgs[org].count += used.org * mentions;
            }
        }
    }

    /// One or two quote sentences, capitalised; the last ends in `end` instead of a full stop.
    fn quote_words(&mut self, out: &mut String, end: char) {
        let sentences = if self.rng.u32(0..3) == 0 { 2 } else { 1 };
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            let at = out.len();
            let t = self.v.phrases.quotes.pick(&mut self.rng);
            self.render(t, Names::default(), out);
            capitalise_at(out, at);
        }
        if end != '.' && out.ends_with('.') {
            out.pop();
            out.push(end);
        }
    }

    /// Writes `“words”` and records the quote.
    #[allow(clippy::too_many_arguments)]
    fn quote(
        &mut self,
        text: &mut String,
        paragraph: usize,
        speaker: &str,
        end: char,
        partial_words: Option<String>,
        quotes: &mut Vec<Quote>,
    ) {
        text.push_str(self.open);
        let start = text.len();
        let partial = partial_words.is_some();
        match partial_words {
            Some(words) => text.push_str(&words),
            None => self.quote_words(text, end),
        }
        let end_at = text.len();
        text.push_str(self.close);
        quotes.push(Quote {
            text: text[start..end_at].to_string(),
            speaker: Some(speaker.to_string()),
            partial,
            paragraph,
            start,
            end: end_at,
        });
    }

    /// A first quote: `"…," said Anna Weber, a senior official.` or `Anna Weber, …, said: "…"`.
    fn quoted(&mut self, text: &mut String, paragraph: usize, full: &str, quotes: &mut Vec<Quote>) {
        if !text.is_empty() {
            text.push(' ');
        }
        let role = *self.v.phrases.roles.pick(&mut self.rng);
        if self.rng.u32(0..3) == 0 {
            text.push_str(full);
            text.push_str(", ");
            text.push_str(role);
            text.push_str(", said: ");
            self.quote(text, paragraph, full, '.', None, quotes);
        } else {
            self.quote(text, paragraph, full, ',', None, quotes);
            text.push_str(" said ");
            text.push_str(full);
            text.push_str(", ");
            text.push_str(role);
            text.push('.');
            self.maybe_more(text, paragraph, full, quotes);
        }
    }

    /// A later quote: `"…," Weber said.`, `"…," said Weber.` or `Weber added: "…"`.
    fn quoted_later(
        &mut self,
        text: &mut String,
        paragraph: usize,
        full: &str,
        surname: &str,
        quotes: &mut Vec<Quote>,
    ) {
        if !text.is_empty() {
            text.push(' ');
        }
        match self.rng.u32(0..3) {
            0 => {
                self.quote(text, paragraph, full, ',', None, quotes);
                text.push(' ');
                text.push_str(surname);
                text.push_str(" said.");
                self.maybe_more(text, paragraph, full, quotes);
            }
            1 => {
                self.quote(text, paragraph, full, ',', None, quotes);
                text.push_str(" said ");
                text.push_str(surname);
                text.push('.');
            }
            _ => {
                text.push_str(surname);
                text.push_str(" added: ");
                self.quote(text, paragraph, full, '.', None, quotes);
            }
        }
    }

    /// Sometimes a second quoted sentence after the attribution: `… said Weber. "More."`
    fn maybe_more(
        &mut self,
        text: &mut String,
        paragraph: usize,
        full: &str,
        quotes: &mut Vec<Quote>,
    ) {
        if self.rng.u32(0..3) == 0 {
            text.push(' ');
            self.quote(text, paragraph, full, '.', None, quotes);
        }
    }

    /// `Weber described the plan as "costly and unfair".`
    fn partial(
        &mut self,
        text: &mut String,
        paragraph: usize,
        full: &str,
        surname: &str,
        quotes: &mut Vec<Quote>,
    ) {
        if !text.is_empty() {
            text.push(' ');
        }
        let noun = &self.v.nouns.pick(&mut self.rng).one;
        text.push_str(surname);
        text.push_str(" described the ");
        text.push_str(noun);
        text.push_str(" as ");
        let words = format!(
            "{} and {}",
            self.v.adjectives.pick(&mut self.rng),
            self.v.adjectives.pick(&mut self.rng)
        );
        self.quote(text, paragraph, full, '.', Some(words), quotes);
        text.push('.');
    }

    /// A reporter's or editor's name, from the same pool as the people in the news.
    fn reporter(&mut self) -> String {
        self.v.person_name(*self.v.people.pick(&mut self.rng)).0
    }
}
