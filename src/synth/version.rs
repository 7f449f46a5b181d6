//! A later version of a synthetic story, made from the one before as a wire desk would: an
//! update adds a paragraph or writes a new lead, a correction changes one word, a kill
//! withdraws the story; each with the label, status and advisory line the wire gives it. The
//! headline, agency, dateline place and day stay, so the copy's identity does too.

use fastrand::Rng;

use super::chain::Change;
use super::story::{Rewriter, story_seed};
use super::vocab::VOCAB;
use crate::article::{Article, EntityKind, Status};

/// Salt of a version's own draws.
const VERSION_SALT: u64 = 0x5645_5253_494f_4e03;

/// Turns `article` (version `version - 1` of the story whose first line is `root`) into
/// version `version`, made by `change`.
pub(crate) fn revise(article: &mut Article, seed: u64, root: u64, version: usize, change: Change) {
    let rng = Rng::with_seed(story_seed(seed ^ VERSION_SALT, root) ^ version as u64);
    let date = article
        .dateline
        .as_ref()
        .and_then(|d| d.date.as_deref())
        .and_then(|d| jiff::civil::Date::strptime("%Y-%m-%d", d).ok());
    let mut writer = Rewriter::new(rng, date);
    let numbered = article.version_number();
    article.wire.status = None;
    article.wire.advisory = None;
    // A story with no lead place to rewrite, or no word to correct, gets a paragraph instead.
    let edit = match change {
        Change::NewLead => lead_place(article).map_or(Edit::Adds, Edit::NewLead),
        Change::Corrects => {
            word_to_correct(article, writer.rng()).map_or(Edit::Adds, |w| Edit::Corrects {
                paragraph: w.0,
                at: w.1,
                old: w.2,
            })
        }
        Change::Adds => Edit::Adds,
        Change::Kill => Edit::Kill,
    };
    match edit {
        Edit::Adds => {
            let count = article.paragraphs.len();
            // Inside the body: never the lead, never last (where a trailer would be looked for).
            let at = writer.rng().usize(1..count.max(2));
            article.paragraphs.insert(at, writer.paragraph());
            for q in &mut article.quotes {
                if q.paragraph >= at {
                    q.paragraph += 1;
                }
            }
            let what = VOCAB.phrases.advisory_adds.pick(writer.rng());
            article.wire.advisory = Some(format!("Adds {what} in paragraph {}", at + 1));
            article.wire.version = Some(label(article, numbered + 1));
        }
        Edit::NewLead(place) => {
            // The lead names the dateline's place once and quotes nobody, like the one it
            // replaces, so the entities and quote offsets still hold.
            let mut lead = writer.lead(&place);
            if article.paragraphs.first() == Some(&lead) {
                lead.push(' ');
                lead.push_str(&writer.paragraph());
            }
            article.paragraphs[0] = lead;
            let advisory = VOCAB.phrases.advisory_lead.pick(writer.rng());
            article.wire.advisory = Some((*advisory).to_string());
            article.wire.version = Some(label(article, numbered + 1));
        }
        Edit::Corrects { paragraph, at, old } => {
            let new = replacement(&old, writer.rng());
            article.paragraphs[paragraph].replace_range(at..at + old.len(), &new);
            article.wire.advisory = Some(format!(
                "Corrects {old} to {new} in paragraph {}",
                paragraph + 1
            ));
            article.wire.status = Some(Status::Corrected);
            // A correction of the first version is refiled under its label (`CORRECTED-`); of
            // an update, it is the next update, so no version key is used twice.
            if numbered > 0 {
                article.wire.version = Some(label(article, numbered + 1));
            }
        }
        Edit::Kill => {
            article.paragraphs = vec![(*VOCAB.phrases.kill_notices.pick(writer.rng())).to_string()];
            article.quotes.clear();
            article.entities.clear();
            article.credits.clear();
            article.editor_codes.clear();
            article.byline = None;
            article.wire.version = None;
            article.wire.status = Some(Status::Canceled);
            let advisory = VOCAB.phrases.advisory_kill.pick(writer.rng());
            article.wire.advisory = Some((*advisory).to_string());
        }
    }
    article.assign_id();
}

/// A change as it applies to one story.
enum Edit {
    Adds,
    /// A new lead naming this place.
    NewLead(String),
    /// `old` at byte `at` of `paragraph`.
    Corrects {
        paragraph: usize,
        at: usize,
        old: String,
    },
    Kill,
}

/// Update `n`'s label in the agency's style: Kyodo's `LEAD`, `2nd LD`; else `UPDATE 2`.
fn label(article: &Article, n: u32) -> String {
    if article.agency.as_deref() != Some("Kyodo") {
        return format!("UPDATE {n}");
    }
    match n {
        1 => "LEAD".to_string(),
        2 => "2nd LD".to_string(),
        3 => "3rd LD".to_string(),
        _ => format!("{n}th LD"),
    }
}

/// The dateline's place as the story's text names it (`Nairobi` for `NAIROBI`).
fn lead_place(article: &Article) -> Option<String> {
    let written = article.place()?.to_uppercase();
    article
        .entities_of(EntityKind::Place)
        .find(|e| e.name.to_uppercase() == written)
        .map(|e| e.name.clone())
}

/// An adjective in running text (not in a paragraph holding a quote, whose offsets would
/// move): its paragraph, byte offset and the word.
fn word_to_correct(article: &Article, rng: &mut Rng) -> Option<(usize, usize, String)> {
    let quoted: Vec<usize> = article.quotes.iter().map(|q| q.paragraph).collect();
    let mut found = Vec::new();
    for (p, text) in article.paragraphs.iter().enumerate() {
        if quoted.contains(&p) {
            continue;
        }
        let mut at = 0;
        for word in text.split(' ') {
            let bare = word.trim_end_matches([',', '.', ';', ':']);
            if !bare.is_empty()
                && bare.bytes().all(|b| b.is_ascii_lowercase())
                && VOCAB.is_adjective(bare)
            {
                found.push((p, at, bare));
            }
            at += word.len() + 1;
        }
    }
    if found.is_empty() {
        return None;
    }
    let (p, at, word) = found[rng.usize(0..found.len())];
    Some((p, at, word.to_string()))
}

/// Another adjective that takes the same `a`/`an`.
fn replacement(old: &str, rng: &mut Rng) -> String {
    let vowel = |w: &str| w.starts_with(['a', 'e', 'i', 'o', 'u']);
    for _ in 0..100 {
        let new = *VOCAB.adjectives.pick(rng);
        if new != old && vowel(new) == vowel(old) {
            return new.to_string();
        }
    }
    if old == "new" { "recent" } else { "new" }.to_string()
}
