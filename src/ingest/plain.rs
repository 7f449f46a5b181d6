//! Plain-text agency copy: headline, date and caption line, byline, dateline lead, body, and the
//! trailer (editor codes, credit and sign-off lines) kept as metadata out of the body.

use std::sync::LazyLock;

use regex::Regex;

use super::agencies;
use super::dateline::{self, Found};
use super::dates::LooseDate;
use crate::article::{Article, Caption, Format, Source};
use crate::text;

/// The date-and-caption line that opens some republished copy:
/// ` date 2024-06-20 Leaders met in Pyongyang … (photo: Anadolu Agency)`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})\b[\s,.:–—-]*(.*)$").expect("regex")
});

/// A photo credit closing a caption: `(photo: X)`, `(Photo by X)`, `(Picture: X)`.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(\[]\s*(?:photo(?:graph)?|picture|image|foto|credit)s?\s*(?:by|:|-)?\s*([^)\]]+?)\s*[)\]]\s*$")
        .expect("regex")
});

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+(\p{Lu}.{1,80})$").expect("regex"));

/// Editor and routing codes at the end of the copy: `(T/RE1/P2)`.
static EDITOR_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\(([A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6}){1,6})\)\s*$").expect("regex")
});

/// End-of-story marks: `(END)`, `-30-`, `###`, `ENDS`.
static END_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\(?\s*ends?\s*\)?|-\s*30\s*-|#{3})\s*$").expect("regex")
});

/// Credit lines: `(Reporting by …; Editing by …)`, `… contributed to this report.`, `Follow … on Twitter`.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:\(?\s*(?:reporting|writing|editing|additional reporting|compiled|translated|edited|written)\s+by\b.*",
        r"|.{0,300}\bcontributed(?: reporting)? to this (?:report|story)\.?",
        r"|follow\b.{1,120}\bon (?:twitter|x|instagram|facebook|threads|bluesky|mastodon)\b.*",
        r"|(?:copyright|©|\(c\)).{0,200})$"
    ))
    .expect("regex")
});

/// The same credit closing the last paragraph: `… last month. (Reporting by X; Editing by Y)`.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(\((?:reporting|writing|editing|additional reporting)\s+by\b[^()]*\))\s*$")
        .expect("regex")
});

static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[_\-=*~#.•\s]{3,}$").expect("regex"));

/// "according to Anadolu Agency reports": the agency the copy credits inside the text.
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:according to)\s+(?:(?i:the)\s+)?((?:\p{Lu}[\p{L}’'.-]*\s+){0,4}?(?:(?i:news\s+)?(?i:agency|press|news service|wire)|\p{Lu}[\p{L}’'.-]*))(?:[’']s)?\s+(?i:reports?|reporting)\b")
        .expect("regex")
});

/// Parses one plain-text story (already decoded). `None` when the text holds no paragraphs.
pub fn parse(text: &str, path: &str) -> Option<Article> {
    let mut blocks = split_blocks(text);
    let mut article = Article {
        source: Source {
            path: path.to_string(),
            format: Format::Plain,
            id: None,
        },
        ..Article::default()
    };

    if let Some(caps) = blocks.first().and_then(|b| DATE_LINE.captures(b)) {
        article.published = Some(caps[1].to_string());
        article.caption = caption(&caps[2]);
        blocks.remove(0);
    }

    let trailer = strip_trailer(&mut blocks);
    article.editor_codes = trailer.editor_codes;
    article.credits = trailer.credits;

    // The lead is the first of the opening blocks to carry a dateline.
    let lead = blocks
        .iter()
        .take(5)
        .enumerate()
        .find_map(|(i, b)| dateline::parse(b).map(|found| (i, found)));

    let mut body_start = 0;
    match &lead {
        Some((lead_at, _)) => {
            for (i, block) in blocks[..*lead_at].iter().enumerate() {
                if let Some(byline) = byline(block, i > 0) {
                    article.byline = Some(byline);
                } else if i == 0 {
                    article.headline.clone_from(block);
                } else {
                    // A deck or standfirst: keep it, as the first body paragraph.
                    article.paragraphs.push(block.clone());
                }
            }
            body_start = *lead_at;
        }
        None => {
            if blocks.len() > 1 && is_headline(&blocks[0]) {
                article.headline.clone_from(&blocks[0]);
                body_start = 1;
                if let Some(byline) = blocks.get(1).and_then(|b| byline(b, false)) {
                    article.byline = Some(byline);
                    body_start = 2;
                }
            }
        }
    }

    for (i, block) in blocks.into_iter().enumerate().skip(body_start) {
        match &lead {
            Some((lead_at, found)) if i == *lead_at => {
                let rest = block[found.rest_start..].trim();
                if !rest.is_empty() {
                    article.paragraphs.push(rest.to_string());
                }
            }
            _ => article.paragraphs.push(block),
        }
    }
    if article.paragraphs.is_empty() {
        return None;
    }

    if let Some((_, found)) = lead {
        apply_dateline(&mut article, found);
    }
    if article.agency.is_none() {
        article.agency = trailer.agency;
    }
    if article.headline.is_empty() {
        article.headline = text::first_sentence(&article.paragraphs[0]).to_string();
    }
    article.headline = tidy_headline(&article.headline);
    credits_in_text(&mut article);
    Some(article)
}

/// Splits text into paragraphs. Blank lines separate paragraphs and hard-wrapped lines inside
/// one are joined; copy without any blank line takes each line (or indented line) as one.
fn split_blocks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let content: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let has_blank_separators = lines
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    if !has_blank_separators {
        return content.iter().map(|l| text::fold_whitespace(l)).collect();
    }
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut previous_indented = false;
    for line in lines {
        // A paragraph indent (after unindented lines) also opens a paragraph.
        let indented = line.starts_with("  ") || line.starts_with('\u{3000}');
        let opens_paragraph = indented && !previous_indented;
        if (line.trim().is_empty() || opens_paragraph) && !current.is_empty() {
            blocks.push(text::fold_whitespace(&current.join(" ")));
            current.clear();
        }
        if !line.trim().is_empty() {
            current.push(line);
        }
        previous_indented = indented;
    }
    if !current.is_empty() {
        blocks.push(text::fold_whitespace(&current.join(" ")));
    }
    blocks
}

fn caption(text: &str) -> Option<Caption> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match PHOTO_CREDIT.captures(text) {
        Some(caps) => Caption {
            text: text[..caps.get(0).map_or(text.len(), |m| m.start())]
                .trim()
                .to_string(),
            credit: Some(caps[1].trim().to_string()),
        },
        None => Caption {
            text: text.to_string(),
            credit: None,
        },
    })
}

/// `By Jane Example`, or (between headline and dateline, `bare_name` set) a line that is only
/// a name, as Reuters printed bylines: `Adrian Warner`.
fn byline(block: &str, bare_name: bool) -> Option<String> {
    if let Some(caps) = BYLINE.captures(block) {
        return Some(caps[1].trim().to_string());
    }
    let words: Vec<&str> = block.split_whitespace().collect();
    let is_name = bare_name
        && (2..=4).contains(&words.len())
        && block.len() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !words.iter().all(|w| !w.chars().any(char::is_lowercase));
    is_name.then(|| block.to_string())
}

/// A first line that reads as a headline rather than a lead: one sentence, not too long.
fn is_headline(block: &str) -> bool {
    block.split_whitespace().count() <= 30
        && block.len() <= 250
        && text::sentence_ends(block).len() <= 1
        && !block.ends_with(':')
}

/// Drops a closing full stop some republishers add to headlines; keeps `U.S.` and `…`.
fn tidy_headline(headline: &str) -> String {
    let h = headline.trim();
    if let Some(stem) = h.strip_suffix('.') {
        let last = stem.chars().next_back();
        let last_word = stem.rsplit(' ').next().unwrap_or("");
        if last.is_some_and(|c| c.is_lowercase() || c.is_numeric()) && !last_word.contains('.') {
            return stem.to_string();
        }
    }
    h.to_string()
}

pub(crate) fn apply_dateline(article: &mut Article, found: Found) {
    let mut dateline = found.dateline;
    // A dateline date without a year (`Dec. 11`) takes the year of the story's own date.
    if dateline.date.is_none()
        && let (Some(date), Some(published)) = (found.date, article.published.as_deref())
    {
        dateline.date = date_near(date, published);
    }
    if article.published.is_none() {
        article.published.clone_from(&dateline.date);
    }
    article.agency.clone_from(&dateline.agency);
    article.dateline = Some(dateline);
}

/// Resolves a year-less date to the year that puts it nearest to `reference` (ISO).
fn date_near(date: LooseDate, reference: &str) -> Option<String> {
    let year: i16 = reference.get(..4)?.parse().ok()?;
    let reference = jiff::civil::Date::strptime("%Y-%m-%d", reference.get(..10)?).ok()?;
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| jiff::civil::Date::new(y, date.month, date.day).ok())
        .min_by_key(|d| d.since(reference).map_or(i32::MAX, |s| s.get_days().abs()))
        .map(|d| d.to_string())
}

#[derive(Default)]
pub(crate) struct Trailer {
    pub(crate) editor_codes: Vec<String>,
    pub(crate) credits: Vec<String>,
    pub(crate) agency: Option<String>,
}

/// Takes editor codes, end marks, separators, credit and sign-off lines off the end of the copy.
pub(crate) fn strip_trailer(blocks: &mut Vec<String>) -> Trailer {
    let mut trailer = Trailer::default();
    let mut credits = Vec::new();
    while blocks.len() > 1 {
        let Some(last) = blocks.last_mut() else { break };
        // Editor codes and trailing credits close a bracket: most last paragraphs are spared
        // two searches through them.
        let bracketed = last.trim_end().ends_with(')');
        if let Some(caps) = bracketed.then(|| EDITOR_CODE.captures(last)).flatten() {
            trailer.editor_codes.insert(0, caps[1].to_string());
            let start = caps.get(0).map_or(last.len(), |m| m.start());
            last.truncate(start);
            if last.trim().is_empty() {
                blocks.pop();
            }
            continue;
        }
        if let Some(caps) = bracketed.then(|| TRAILING_CREDIT.captures(last)).flatten() {
            let whole = caps.get(0).map_or(0, |m| m.start());
            if whole > 0 {
                credits.push(caps[1].to_string());
                last.truncate(whole);
                continue;
            }
        }
        if END_MARK.is_match(last) {
            trailer.editor_codes.insert(0, last.trim().to_string());
        } else if CREDIT_LINE.is_match(last) {
            credits.push(last.clone());
        } else if SEPARATOR.is_match(last) {
            // A rule before the trailer carries nothing.
        } else if let Some(agency) = sign_off(last) {
            trailer.agency.get_or_insert(agency);
            credits.push(last.clone());
        } else {
            break;
        }
        blocks.pop();
    }
    credits.reverse();
    trailer.credits = credits;
    trailer
}

/// An agency sign-off line: `Mi’raj News Agency (MINA)`, `Example News Agency`. Returns the agency.
fn sign_off(block: &str) -> Option<String> {
    let words = block.split_whitespace().count();
    if words > 8 || block.len() > 80 || block.ends_with('.') {
        return None;
    }
    let (name, acronym) = match block.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
        Some((name, acr)) => (name.trim(), Some(acr.trim())),
        None => (block.trim(), None),
    };
    if !(agencies::looks_like_agency(name)
        || acronym.is_some_and(|a| agencies::lookup(a).is_some()))
    {
        return None;
    }
    let short = acronym
        .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_uppercase() || c == '-'))
        .map(str::to_string)
        .or_else(|| agencies::lookup(name).map(str::to_string))
        .unwrap_or_else(|| name.to_string());
    Some(short)
}

/// Records "according to X reports" credits found in the body (the text itself is kept).
fn credits_in_text(article: &mut Article) {
    let mut found = Vec::new();
    for paragraph in &article.paragraphs {
        for m in ACCORDING_TO.find_iter(paragraph) {
            let credit = m.as_str().to_string();
            let credit = credit.get(..1).map(str::to_lowercase).unwrap_or_default()
                + credit.get(1..).unwrap_or("");
            if !found.contains(&credit) && !article.credits.contains(&credit) {
                found.push(credit);
            }
        }
    }
    article.credits.splice(0..0, found);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Article {
        parse(text, "test.txt").expect("an article")
    }

    #[test]
    fn headline_dateline_and_body() {
        let a = parse_ok(
            "Ministers agree on grain corridor.\n\nMOSCOW, June 19, 2025 (Reuters) - Ministers agreed.\n\nTalks go on.\n",
        );
        assert_eq!(a.headline, "Ministers agree on grain corridor");
        assert_eq!(a.published.as_deref(), Some("2025-06-19"));
        assert_eq!(a.agency.as_deref(), Some("Reuters"));
        assert_eq!(a.place(), Some("MOSCOW"));
        assert_eq!(a.paragraphs, ["Ministers agreed.", "Talks go on."]);
    }

    #[test]
    fn no_headline_takes_the_leads_first_sentence() {
        let a = parse_ok(
            "Paris (AFP) – The Seine rose again. Boats stayed moored.\n\nMore rain is due.\n",
        );
        assert_eq!(a.headline, "The Seine rose again");
        assert_eq!(
            a.paragraphs[0],
            "The Seine rose again. Boats stayed moored."
        );
    }

    #[test]
    fn date_line_with_caption_is_not_the_headline() {
        let a = parse_ok(
            " date 2025-04-02 Fishermen unload their catch in Valletta on Tuesday (photo: Example Photo Agency)\n\nValletta, ENA – The harbour reopened on Tuesday after repairs. Boats returned.\n\n“We are back,” said one skipper.\n\nExample News Agency (ENA)\n",
        );
        assert_eq!(a.published.as_deref(), Some("2025-04-02"));
        let caption = a.caption.clone().unwrap();
        assert_eq!(
            caption.text,
            "Fishermen unload their catch in Valletta on Tuesday"
        );
        assert_eq!(caption.credit.as_deref(), Some("Example Photo Agency"));
        assert_eq!(a.headline, "The harbour reopened on Tuesday after repairs");
        assert_eq!(a.agency.as_deref(), Some("ENA"));
        assert_eq!(a.credits, ["Example News Agency (ENA)"]);
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn trailer_codes_and_credits_leave_the_body() {
        let a = parse_ok(
            "Rates held\n\nLONDON (Reuters) - The bank held rates. It said so. (T/RE1/P2)\n\n(Reporting by Jane Example; Editing by John Sample)\n",
        );
        assert_eq!(a.editor_codes, ["T/RE1/P2"]);
        assert_eq!(
            a.credits,
            ["(Reporting by Jane Example; Editing by John Sample)"]
        );
        assert_eq!(a.paragraphs, ["The bank held rates. It said so."]);
    }

    #[test]
    fn ap_trailer_after_a_rule() {
        let a = parse_ok(
            "Schools reopen\n\nNAIROBI, Kenya (AP) — Schools reopened.\n\n___\n\nAssociated Press writer Jane Example in Nairobi contributed to this report.\n",
        );
        assert_eq!(a.paragraphs, ["Schools reopened."]);
        assert_eq!(a.credits.len(), 1);
    }

    #[test]
    fn bylines_both_styles() {
        let a =
            parse_ok("Quake shakes coast\n\nBy Jane Example\n\nLIMA, Peru (AP) — A quake hit.\n");
        assert_eq!(a.byline.as_deref(), Some("Jane Example"));
        let b = parse_ok(
            "SPORT - RESULTS.\n\nAdrian Example\n\nLONDON 1996-08-30 - Results were in.\n",
        );
        assert_eq!(b.byline.as_deref(), Some("Adrian Example"));
        assert_eq!(b.headline, "SPORT - RESULTS.");
        assert_eq!(b.published.as_deref(), Some("1996-08-30"));
    }

    #[test]
    fn year_comes_from_the_date_line() {
        let a =
            parse_ok(" date 2025-01-02 A photo\n\nSEOUL, Dec. 31 (Yonhap) -- Markets closed.\n");
        let d = a.dateline.unwrap();
        assert_eq!(d.date.as_deref(), Some("2024-12-31"));
        assert_eq!(a.published.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn according_to_credit() {
        let a = parse_ok(
            "Pyongyang, MINA – Leaders met.\n\nAccording to Anadolu Agency reports, talks went well.\n",
        );
        assert_eq!(a.credits, ["according to Anadolu Agency reports"]);
    }

    #[test]
    fn no_dateline_no_headline_line() {
        let a = parse_ok(
            "The city council voted 6-1 on Wednesday to approve the plan after a long debate that ran late into the night, and members said the vote was close. More followed.\n\nA second paragraph.\n",
        );
        assert!(a.dateline.is_none());
        assert!(a.headline.starts_with("The city council voted"));
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let a = parse_ok("Title\n\nBERLIN (dpa) - The first line\nwraps here.\n\nNext.\n");
        assert_eq!(a.paragraphs, ["The first line wraps here.", "Next."]);
    }

    #[test]
    fn indented_lines_open_paragraphs() {
        let a = parse_ok("Title\n\nBERLIN (dpa) - One\ncontinues.\n  Two starts\n  here.\n");
        assert_eq!(a.paragraphs, ["One continues.", "Two starts here."]);
    }

    #[test]
    fn empty_text_has_no_article() {
        assert!(parse("\n\n", "x").is_none());
    }
}
