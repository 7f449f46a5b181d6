//! Who said each quote: the attribution cue around it (`X said`, `said X`, `X, the minister,
//! said`, `according to X`, `X told reporters`), then the cue resolved to a name — pronouns to
//! the person the story is about, titles and descriptions to the named person who holds them,
//! surnames to full names, bodies ("the ministry") to the organisation.

use super::entities::{Found, Mention};
use super::quotes::Span;
use super::tokens::Token;
use crate::article::{EntityKind, Quote};

mod cue;
mod cues;
mod words;

use cue::Cue;
use cues::{abbreviation_before, cue_after, cue_before, description_at_start, strip_titles};
use words::is_verb;

/// Nouns for statements and documents: a quote attributed to one belongs to whoever issued it.
const DOCUMENTS: &[&str] = &[
    "statement",
    "email",
    "e-mail",
    "letter",
    "post",
    "tweet",
    "message",
    "report",
    "memo",
    "note",
    "release",
    "text",
    "ad",
    "advertisement",
    "video",
    "order",
    "ruling",
    "decision",
    "filing",
    "complaint",
    "resolution",
    "speech",
    "interview",
    "poll",
    "survey",
    "document",
];

/// Words in descriptions that say nothing about who is meant.
const DESCRIPTION_FILLER: &[&str] = &[
    "the",
    "a",
    "an",
    "former",
    "then",
    "current",
    "new",
    "top",
    "senior",
    "country's",
    "country’s",
    "nation's",
    "nation’s",
    "his",
    "her",
    "its",
    "their",
    "our",
    "longtime",
    "veteran",
    "outgoing",
    "incoming",
    "embattled",
    "visiting",
    "also",
    "who",
    "is",
];

/// The story as the resolver sees it: paragraphs with their tokens and entity mentions.
struct Story<'a> {
    paragraphs: &'a [String],
    tokens: &'a [Vec<Token<'a>>],
    found: &'a Found,
    spans: &'a [Span],
    /// Each paragraph's sentence ends ([`crate::text::sentence_ends`]), found once.
    ends: Vec<Vec<usize>>,
    /// Each paragraph's quotes, from the opening mark to past the closing one.
    quoted: Vec<Vec<(usize, usize)>>,
    /// Whether a quote opened in an earlier paragraph runs on into each paragraph.
    carried: Vec<bool>,
}

/// Attributes every quote. `tokens`: each paragraph's, as [`super::tokens::tokenize`] gives
/// them.
pub fn attribute<'a>(
    paragraphs: &'a [String],
    tokens: &'a [Vec<Token<'a>>],
    spans: &'a [Span],
    found: &'a Found,
) -> Vec<Quote> {
    let story = Story {
        paragraphs,
        tokens,
        found,
        spans,
        ends: paragraphs
            .iter()
            .map(|p| crate::text::sentence_ends(p))
            .collect(),
        quoted: quoted_by_paragraph(paragraphs.len(), spans),
        carried: carried_into(paragraphs.len(), spans),
    };
    let mut subjects = story.sentence_subjects();
    let mut quotes = Vec::new();
    let mut previous: Option<(usize, Option<String>)> = None;
    // Who issued each kind of document the story quotes (`…,” the ministry said in a
    // statement`): the one "the statement said" later refers to.
    let mut issuers: Vec<(&'static str, String)> = Vec::new();
    // And who the text says issued one (`Cook provided a written statement`), by position.
    let issued = story.issued_documents();
    let mut next_issued = 0;
    for (i, span) in spans.iter().enumerate() {
        while let Some((p, at, document, who)) = issued.get(next_issued)
            && (*p, *at) < (span.paragraph, span.open)
        {
            issuers.retain(|(d, _)| d != document);
            issuers.push((document, who.clone()));
            next_issued += 1;
        }
        let partial = story.is_partial(span);
        let (cue, cue_paragraph) = match story.cue_for(i) {
            Some((cue, p)) => (Some(cue), p),
            None => (None, span.paragraph),
        };
        let focus = Focus {
            any: subjects.salient_before(found, span.paragraph, span.open, None),
            he: subjects.salient_before(found, span.paragraph, span.open, Some(false)),
            she: subjects.salient_before(found, span.paragraph, span.open, Some(true)),
        };
        let salient = focus.any.clone();
        let subject = subjects.subject_of(span.paragraph, span.open);
        let resolve = |cue: &Cue| {
            story.resolve(
                cue_paragraph,
                cue,
                &focus,
                previous.as_ref(),
                &issuers,
                span,
            )
        };
        let speaker = match cue {
            Some(Cue::Subject) => subject.clone().or(salient.clone()),
            Some(cue) if partial => resolve(&cue).or(subject).or(salient),
            Some(cue) => resolve(&cue),
            None if partial => subject.or(salient),
            // `… leaned in and boomed: “…”`: whoever the sentence is about.
            None if story.after_colon(span) && subject.is_some() => subject,
            None => {
                // A quote standing alone continues the last speaker (agency style), if near.
                match &previous {
                    Some((p, who)) if span.paragraph <= p + 2 && who.is_some() => who.clone(),
                    _ => subject.or(salient),
                }
            }
        };
        if let Some(who) = &speaker {
            for document in story.documents_around(span, cue_paragraph) {
                issuers.retain(|(d, _)| *d != document);
                issuers.push((document, who.clone()));
            }
        }
        previous = Some((span.last_paragraph, speaker.clone()));
        if let Some(who) = &speaker {
            subjects.add(span.paragraph, span.open, who.clone());
        }
        quotes.push(Quote {
            text: span.text.clone(),
            speaker,
            partial,
            paragraph: span.paragraph,
            start: span.start,
            end: span.end,
        });
    }
    quotes
}

/// Each paragraph's quotes as `(open, close)`, in the order of `spans`.
fn quoted_by_paragraph(paragraphs: usize, spans: &[Span]) -> Vec<Vec<(usize, usize)>> {
    let mut quoted = vec![Vec::new(); paragraphs];
    for s in spans {
        if let Some(here) = quoted.get_mut(s.paragraph) {
            here.push((s.open, s.close));
        }
    }
    quoted
}

/// For each paragraph, whether a quote opened before it runs on into it.
fn carried_into(paragraphs: usize, spans: &[Span]) -> Vec<bool> {
    let mut carried = vec![false; paragraphs];
    for s in spans {
        for into in carried
            .iter_mut()
            .take(s.last_paragraph.saturating_add(1))
            .skip(s.paragraph + 1)
        {
            *into = true;
        }
    }
    carried
}

impl Story<'_> {
    /// Whether `pos` in paragraph `p` lies within one of its quotes (from the opening mark
    /// to past the closing one).
    fn in_quote(&self, p: usize, pos: usize) -> bool {
        self.quoted
            .get(p)
            .is_some_and(|here| here.iter().any(|&(open, close)| open <= pos && pos < close))
    }

    /// A short quote inside a sentence (“strategic”) rather than a quoted statement.
    fn is_partial(&self, span: &Span) -> bool {
        let text = &self.paragraphs[span.paragraph];
        let before = text[..span.open].trim_end();
        let Some(last) = before.chars().next_back() else {
            return false;
        };
        if matches!(last, ':' | '.' | '!' | '?' | '—' | '–') {
            return false;
        }
        let words = span.text.split_whitespace().count();
        let starts_lower = span.text.chars().next().is_some_and(char::is_lowercase);
        if last == ',' {
            // `said, “We will…”` opens a statement; `a “fair,” “open” process` does not.
            return starts_lower && words < 6;
        }
        let previous_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let after_verb = is_verb(previous_word);
        !(after_verb && !starts_lower && words >= 4) && (starts_lower || words < 8)
    }

    /// Whether the quote follows a colon (`…, boomed: “…”`).
    fn after_colon(&self, span: &Span) -> bool {
        self.paragraphs[span.paragraph][..span.open]
            .trim_end()
            .ends_with(':')
    }

    /// The attribution cue around quote `i`: after it in its sentence, else before it.
    fn cue_for(&self, i: usize) -> Option<(Cue, usize)> {
        let span = &self.spans[i];
        let (after_p, after_from) = (
            span.last_paragraph,
            if span.last_paragraph == span.paragraph {
                span.close
            } else {
                self.close_in_last(span)
            },
        );
        let after = self.after_text(after_p, after_from);
        // An attribution follows a quote that closes its clause (`“…,” he said`); words
        // running on after a quoted phrase (`a “con artist” of the state`) are not one.
        let clause_closed = span
            .text
            .trim_end()
            .ends_with([',', '.', '?', '!', '…', '—', '-'])
            || after.trim_start().starts_with([',', '—', '–']);
        if clause_closed
            && let Some(cue) =
                cue_after(self.tokens_in(after_p, after_from, after_from + after.len()))
        {
            return Some((cue, after_p));
        }
        let before_start = self.sentence_start(span.paragraph, span.open);
        cue_before(self.tokens_in(span.paragraph, before_start, span.open))
            .map(|c| (c, span.paragraph))
    }

    /// Where a continued quote closes in its last paragraph.
    fn close_in_last(&self, span: &Span) -> usize {
        let text = &self.paragraphs[span.last_paragraph];
        text.find(['”', '»', '"']).map_or(text.len(), |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        })
    }

    /// The documents the sentence around a quote names as its source, outside the quote
    /// (`… said in a statement`, `wrote in a letter`), but not one it quotes by ("the
    /// statement said" names no new issuer).
    fn documents_around(&self, span: &Span, cue_paragraph: usize) -> Vec<&'static str> {
        let text = &self.paragraphs[span.paragraph];
        let before = &text[self.sentence_start(span.paragraph, span.open)..span.open];
        let after = if cue_paragraph == span.last_paragraph || cue_paragraph == span.paragraph {
            self.after_text(span.last_paragraph, span.close)
        } else {
            ""
        };
        let mut found = Vec::new();
        for part in [before, after] {
            let lower = part.to_lowercase();
            let mut previous = "";
            for w in lower
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
            {
                let named_by = matches!(previous, "a" | "an" | "its" | "his" | "her" | "their");
                if named_by
                    && let Some(document) = DOCUMENTS.iter().find(|d| **d == w)
                    && !found.contains(document)
                {
                    found.push(*document);
                }
                previous = w;
            }
        }
        found
    }

    /// Documents the text says someone issued, outside quotes (`Cook provided a written
    /// statement`, `the ministry issued a statement`, `the ministry said in a statement that
    /// …`): paragraph, position, the document and
    /// the person or body named right before the verb, in text order.
    fn issued_documents(&self) -> Vec<(usize, usize, &'static str, String)> {
        let issuing = |word: &str| {
            matches!(
                word,
                "issued"
                    | "released"
                    | "provided"
                    | "sent"
                    | "posted"
                    | "published"
                    | "put"
                    | "gave"
            )
        };
        let mut out = Vec::new();
        for (p, toks) in self.tokens.iter().enumerate() {
            for (i, t) in toks.iter().enumerate() {
                // `the ministry said in a statement that …`: reported, not quoted, but the
                // statement is theirs.
                let said_in = matches!(t.text, "said" | "says" | "wrote" | "announced")
                    && toks.get(i + 1).is_some_and(|n| n.text == "in");
                if i == 0 || !(issuing(t.text) || said_in) {
                    continue;
                }
                if self.in_quote(p, t.start) {
                    continue;
                }
                let document = toks[i + 1..]
                    .iter()
                    .take(4)
                    .map(|w| w.text.to_lowercase())
                    .take_while(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
                    .find_map(|w| DOCUMENTS.iter().find(|d| **d == w));
                let Some(document) = document else { continue };
                let before = toks[i - 1].end;
                let who = self
                    .found
                    .mentions_in(p)
                    .iter()
                    .find(|m| m.end == before)
                    .map(|m| &self.found.entities[m.entity])
                    .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization));
                if let Some(who) = who {
                    out.push((p, t.start, *document, who.name.clone()));
                }
            }
        }
        out
    }

    /// Text from `from` to the end of its sentence (the next sentence end outside quotes), or
    /// to the next opening quotation mark, whichever is first.
    fn after_text(&self, paragraph: usize, from: usize) -> &str {
        let text = &self.paragraphs[paragraph];
        let rest = &text[from.min(text.len())..];
        // Only the bytes a stop or an opening mark begins with are looked at (`“„` open with
        // 0xE2, `«` with 0xC2).
        let stop = rest
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'.' | b'?' | b'!' | 0xE2 | 0xC2))
            .find(|&(i, _)| {
                let c = rest[i..].chars().next();
                matches!(c, Some('“' | '«' | '„'))
                    || (matches!(c, Some('.' | '?' | '!'))
                        && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
                        && !abbreviation_before(&rest[..i]))
            })
            .map_or(rest.len(), |(i, _)| i);
        &rest[..stop]
    }

    /// Start of the sentence containing `at`, ignoring sentence ends inside other quotes.
    fn sentence_start(&self, paragraph: usize, at: usize) -> usize {
        let text = &self.paragraphs[paragraph];
        let inside_quote = |pos: usize| {
            self.spans
                .iter()
                .any(|s| s.paragraph == paragraph && s.open < pos && pos < s.close)
        };
        // The paragraph's ends before `at` with text between them and `at` are the ends its
        // first `at` bytes have: an end is told by the next word's first letter, which lies
        // before `at` for these.
        let mut start = 0;
        for &end in &self.ends[paragraph] {
            if end < at && !inside_quote(end) && !text[end..at].trim().is_empty() {
                start = end;
            }
        }
        // The sentence before may end with a closing quote; start after it.
        start
    }

    /// The paragraph's tokens that lie within `from..to` (tokens are in text order, so they
    /// are one run of the paragraph's).
    fn tokens_in(&self, paragraph: usize, from: usize, to: usize) -> &[Token<'_>] {
        let tokens = &self.tokens[paragraph];
        let first = tokens.partition_point(|t| t.start < from);
        let last = first + tokens[first..].partition_point(|t| t.end <= to);
        &tokens[first..last]
    }

    /// A name cue: the entity mentioned inside its range (a person before an organisation),
    /// else the text itself when it still reads as a name once openers and titles are off.
    fn resolve_name(
        &self,
        paragraph: usize,
        text: &str,
        start: usize,
        end: usize,
    ) -> Option<String> {
        let inside = self
            .found
            .mentions_in(paragraph)
            .iter()
            .filter(|m| m.start < end && start < m.end);
        let mut best: Option<&Mention> = None;
        let mut inside_place = false;
        for m in inside {
            inside_place |= self.found.entities[m.entity].kind == EntityKind::Place;
            let kind = self.found.entities[m.entity].kind;
            let better = match best {
                None => kind != EntityKind::Place,
                Some(b) => {
                    let bk = self.found.entities[b.entity].kind;
                    kind == EntityKind::Person && (bk != EntityKind::Person || m.start > b.start)
                }
            };
            if better {
                best = Some(m);
            }
        }
        if let Some(m) = best {
            return Some(self.found.entities[m.entity].name.clone());
        }
        // A place does not speak ("including in Ukraine, describing …").
        if inside_place {
            return None;
        }
        if let Some(known) = self.found.canonical(text) {
            return Some(known);
        }
        let bare = strip_titles(text);
        let g = &*super::gazetteer::GAZETTEER;
        let words: Vec<&str> = bare.split_whitespace().collect();
        // A capitalised word or two that no rule took for an entity still names the speaker
        // (`Graham, a former candidate, told …`), unless it is an everyday word.
        let name_like = !words.is_empty()
            && words.len() <= 4
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && words
                .iter()
                .any(|w| !g.is_common(w) || g.surnames.contains(*w));
        name_like.then_some(bare)
    }

    /// Turns a cue into a name.
    fn resolve(
        &self,
        paragraph: usize,
        cue: &Cue,
        focus: &Focus,
        previous: Option<&(usize, Option<String>)>,
        issuers: &[(&'static str, String)],
        span: &Span,
    ) -> Option<String> {
        let salient = focus.any.as_deref();
        match cue {
            Cue::Name { text, start, end } => self.resolve_name(paragraph, text, *start, *end),
            Cue::Pronoun(p) => match p.as_str() {
                "he" => focus.he.clone(),
                "she" => focus.she.clone(),
                "they" | "it" => previous
                    .and_then(|(_, who)| who.clone())
                    .or_else(|| salient.map(str::to_string)),
                _ => salient.map(str::to_string),
            },
            Cue::Description(d) => self.resolve_description(d, span, previous, issuers, salient),
            Cue::Subject => None,
        }
    }

    fn resolve_description(
        &self,
        description: &str,
        span: &Span,
        previous: Option<&(usize, Option<String>)>,
        issuers: &[(&'static str, String)],
        salient: Option<&str>,
    ) -> Option<String> {
        let words: Vec<String> = description
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && !DESCRIPTION_FILLER.contains(&w.as_str()))
            .collect();
        let head = words.last()?.clone();
        // "a spokesman for the ministry", "the head of the agency": the body named after `for`/`of`.
        if let Some(org) = self.found.organisation_named_in(description) {
            let person_like = [
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "official",
                "officials",
                "source",
                "sources",
            ];
            if !words.iter().any(|w| person_like.contains(&w.as_str()))
                || words.first().is_some_and(|w| w == "statement")
            {
                return Some(org);
            }
        }
        if DOCUMENTS.contains(&head.as_str()) {
            // "the statement said": whoever issued the statement quoted before, else the
            // last speaker.
            let issuer = issuers
                .iter()
                .rev()
                .find(|(d, _)| *d == head)
                .map(|(_, who)| who.clone());
            return issuer
                .or_else(|| previous.and_then(|(_, who)| who.clone()))
                .or_else(|| salient.map(str::to_string));
        }
        if let Some(person) = self
            .found
            .person_described(&words, span.paragraph, span.open)
        {
            return Some(person);
        }
        // "the ministry", "the company", "the council": an organisation whose name has the head.
        if let Some(org) = self.found.organisation_with_head(&head) {
            return Some(org);
        }
        // A definite description nobody was introduced by ("the gambling tycoon") is the
        // person the story is about; an indefinite one ("a man") is nobody we can name.
        let definite = description
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "his" | "her"));
        if definite {
            salient.map(str::to_string)
        } else {
            None
        }
    }

    /// Sentence subjects for salience: who each sentence is about.
    fn sentence_subjects(&self) -> Subjects {
        let mut subjects = Vec::new();
        for (p, ends) in self.ends.iter().enumerate() {
            let mut start = 0;
            for &end in ends {
                let quoted = self.quoted.get(p).map_or(&[][..], Vec::as_slice);
                if quoted
                    .iter()
                    .any(|&(open, close)| open < end && end < close)
                {
                    continue;
                }
                if let Some(who) = self.subject_of_sentence(p, start, end) {
                    subjects.push(Subject {
                        paragraph: p,
                        start,
                        end,
                        who,
                    });
                }
                start = end;
            }
        }
        Subjects(subjects)
    }

    /// The first person (not a possessive) named or described in a sentence, outside quotes,
    /// after a leading "According to …," clause.
    fn subject_of_sentence(&self, p: usize, start: usize, end: usize) -> Option<String> {
        let carried = self.carried.get(p).copied().unwrap_or(false);
        let outside = |pos: usize| !carried && !self.in_quote(p, pos);
        let toks = self.tokens_in(p, start, end);
        // An opening clause up to its comma is not the subject: "According to …,",
        // "Speaking to reporters on Monday,", "In a statement,", "After the vote,".
        let mut from = start;
        let opens_clause = toks.first().is_some_and(|t| {
            crate::text::lowered(t.text, |w| {
                w == "according"
                    || (t.is_capitalized() && w.ends_with("ing") && w.len() > 4)
                    || INTRO_WORDS.contains(&w)
            })
        });
        if opens_clause && let Some(comma) = toks.iter().take(25).find(|t| t.text == ",") {
            from = comma.end;
        }
        // The subject stands before the clause's verb: the first lower-case verb-like word.
        let verb_at = toks
            .iter()
            .find(|t| t.start >= from && is_verb_like(t) && outside(t.start))
            .map_or(end, |t| t.start);
        let mut before_verb = self
            .found
            .mentions_in(p)
            .iter()
            .filter(|m: &&Mention| m.start >= from && m.end <= verb_at && outside(m.start))
            .filter(|m| {
                let possessive = self.paragraphs[p][m.end..].starts_with(['’', '\''])
                    || self.paragraphs[p][m.start..m.end].ends_with("’s")
                    || self.paragraphs[p][m.start..m.end].ends_with("'s");
                let kind = self.found.entities[m.entity].kind;
                !possessive && matches!(kind, EntityKind::Person | EntityKind::Organization)
            });
        let mut first_mention = before_verb.next();
        // `Top Republican Party donor Sheldon Adelson said`: a body that only describes the
        // person named after it before the verb is not the subject.
        if first_mention.is_some_and(|m| self.found.entities[m.entity].kind != EntityKind::Person)
            && let Some(person) =
                before_verb.find(|m| self.found.entities[m.entity].kind == EntityKind::Person)
        {
            first_mention = Some(person);
        }
        // A description opening the clause ("the North Korean leader opened …").
        // Tokens are in text order: the clause is the run from `from` on.
        let clause = &toks[toks.partition_point(|t| t.start < from)..];
        let described = description_at_start(clause).and_then(|d| {
            let words: Vec<String> = d
                .split_whitespace()
                .map(str::to_lowercase)
                .filter(|w| !DESCRIPTION_FILLER.contains(&w.as_str()))
                .collect();
            self.found
                .person_described(&words, p, from)
                .map(|who| (clause[0].start, who))
        });
        match (first_mention, described) {
            (Some(m), Some((at, who))) if at < m.start => Some(who),
            (Some(m), _) if self.found.entities[m.entity].kind == EntityKind::Person => {
                Some(self.found.entities[m.entity].name.clone())
            }
            (_, Some((_, who))) => Some(who),
            // No person is the subject, but one is reported saying it (`The city will …,
            // its mayor, Jane Example, announced`): who a pronoun next refers to.
            _ => self.reported_speaker(p, toks, &outside),
        }
    }

    /// The person named after a speech verb that follows a comma outside quotes (`…, said X`,
    /// `…, a annoncé son président, X`), in a sentence's tokens.
    fn reported_speaker(
        &self,
        p: usize,
        toks: &[Token<'_>],
        outside: &dyn Fn(usize) -> bool,
    ) -> Option<String> {
        toks.iter().enumerate().find_map(|(i, t)| {
            let attributes = t.text == ","
                && outside(t.start)
                && toks[i + 1..].iter().take(2).any(|v| is_verb(v.text));
            if !attributes {
                return None;
            }
            let Some(Cue::Name { text, start, end }) = cue_after(&toks[i..]) else {
                return None;
            };
            let who = self.resolve_name(p, &text, start, end)?;
            self.found
                .entities
                .iter()
                .any(|e| e.name == who && e.kind == EntityKind::Person)
                .then_some(who)
        })
    }
}

/// Words that open an introductory clause before the subject.
const INTRO_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "while",
    "when",
    "as",
    "asked",
    "since",
    "despite",
    "following",
    "with",
    "without",
    "under",
    "for",
    "from",
    "unlike",
    "like",
    "if",
    "although",
    "though",
    "because",
    "once",
    "until",
    "earlier",
    "later",
    "last",
    "addressing",
];

/// Auxiliaries and modal verbs that end a subject.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "does", "did", "do", "shall",
];

/// A lower-case word that reads as a finite verb: a speech verb, an auxiliary, or a past form.
fn is_verb_like(t: &Token<'_>) -> bool {
    let w = t.text;
    t.is_word()
        && w.chars().next().is_some_and(char::is_lowercase)
        && (is_verb(w)
            || AUXILIARIES.contains(&w)
            || (w.len() > 4 && w.ends_with("ed"))
            || (w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")))
}

struct Subject {
    paragraph: usize,
    start: usize,
    end: usize,
    who: String,
}

struct Subjects(Vec<Subject>);

/// Who a pronoun may refer to at a quote: the latest subject or speaker, and the latest of
/// each gender (unknown gender fits both).
struct Focus {
    any: Option<String>,
    he: Option<String>,
    she: Option<String>,
}

impl Subjects {
    /// The latest subject or speaker before the position, of the wanted gender (`Some(true)`
    /// female) when that is known.
    fn salient_before(
        &self,
        found: &Found,
        paragraph: usize,
        at: usize,
        female: Option<bool>,
    ) -> Option<String> {
        self.0
            .iter()
            .rev()
            .filter(|s| s.paragraph < paragraph || (s.paragraph == paragraph && s.start < at))
            .find(|s| female.is_none() || found.is_female(&s.who).is_none_or(|f| Some(f) == female))
            .map(|s| s.who.clone())
    }

    /// Records a quote's speaker as the focus from its position on.
    fn add(&mut self, paragraph: usize, at: usize, who: String) {
        let index = self
            .0
            .partition_point(|s| (s.paragraph, s.start) <= (paragraph, at));
        self.0.insert(
            index,
            Subject {
                paragraph,
                start: at,
                end: at,
                who,
            },
        );
    }

    /// The subject of the sentence containing the position.
    fn subject_of(&self, paragraph: usize, at: usize) -> Option<String> {
        self.0
            .iter()
            .find(|s| s.paragraph == paragraph && s.start <= at && at < s.end)
            .map(|s| s.who.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens;

    fn cue_after_text(s: &str) -> Option<Cue> {
        text(cue_after(&tokens::tokenize(s)))
    }

    fn cue_before_text(s: &str) -> Option<Cue> {
        text(cue_before(&tokens::tokenize(s)))
    }

    /// The text of a name cue, for comparing.
    fn text(cue: Option<Cue>) -> Option<Cue> {
        cue.map(|c| match c {
            Cue::Name { text, .. } => Cue::Name {
                text,
                start: 0,
                end: 0,
            },
            other => other,
        })
    }

    #[allow(clippy::unnecessary_wraps)] // compared with the `Option` the cue finders return
    fn name(s: &str) -> Option<Cue> {
        Some(Cue::Name {
            text: s.into(),
            start: 0,
            end: 0,
        })
    }

    #[test]
    fn cues_after_the_quote() {
        assert_eq!(
            cue_after_text(", said Lars Henriksen, the minister"),
            name("Lars Henriksen")
        );
        assert_eq!(cue_after_text(", Okafor said"), name("Okafor"));
        assert_eq!(cue_after_text(" he said"), Some(Cue::Pronoun("he".into())));
        assert_eq!(
            cue_after_text(", Yildiz, the foreign minister, said"),
            name("Yildiz")
        );
        assert_eq!(
            cue_after_text(", the ministry said in a statement"),
            Some(Cue::Description("the ministry".into()))
        );
        assert_eq!(
            cue_after_text(", according to Amara Okafor"),
            name("Amara Okafor")
        );
        assert_eq!(
            cue_after_text(", Sen. Bernie Sanders told reporters"),
            name("Sen. Bernie Sanders")
        );
        assert_eq!(
            cue_after_text(", she also said"),
            Some(Cue::Pronoun("she".into()))
        );
        assert_eq!(cue_after_text(" and then left"), None);
    }

    /// A description set off from the name it describes, in each language read.
    #[test]
    fn a_description_then_its_name_is_the_name() {
        assert_eq!(
            cue_after_text(", said the harbour master, Ola Example, at the quay"),
            name("Ola Example")
        );
        assert_eq!(
            cue_after_text(", dijo el alcalde, Rosa Ejemplo, ante los vecinos"),
            name("Rosa Ejemplo")
        );
        assert_eq!(
            cue_after_text(" », a déclaré le président du club, Paul Exemple."),
            name("Paul Exemple")
        );
        // A name that runs on into the sentence is not set off: the description stands.
        assert_eq!(
            cue_after_text(", said the ministry, Reuters reported"),
            Some(Cue::Description("the ministry".into()))
        );
    }

    #[test]
    fn a_french_inverted_pronoun_is_the_speaker() {
        assert_eq!(
            cue_after_text(" », a-t-il affirmé devant la presse."),
            Some(Cue::Pronoun("he".into()))
        );
        assert_eq!(
            cue_after_text(" », dit-elle."),
            Some(Cue::Pronoun("she".into()))
        );
        assert_eq!(cue_after_text(" », peut-il arriver"), None);
    }

    #[test]
    fn cues_before_the_quote() {
        assert_eq!(cue_before_text("Henriksen said:"), name("Henriksen"));
        assert_eq!(
            cue_before_text("Ana Ruiz told reporters:"),
            name("Ana Ruiz")
        );
        assert_eq!(
            cue_before_text("The minister added,"),
            Some(Cue::Description("The minister".into()))
        );
        assert_eq!(
            cue_before_text(" said Mehmet Yıldız,"),
            name("Mehmet Yıldız")
        );
        assert_eq!(
            cue_before_text("According to the mayor,"),
            Some(Cue::Description("the mayor".into()))
        );
        assert_eq!(cue_before_text("It was a long day, and"), None);
    }
}
