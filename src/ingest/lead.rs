//! The lead stage: every format's draft becomes an article here, by the same rules. It reads
//! the dateline in all its forms out of the opening paragraphs (the grammar is `dateline.rs`),
//! the byline from the metadata or the copy (`byline.rs`), the trailer (`trailer.rs`), and
//! settles the headline, the agency and the dates. Metadata wins over the text where both say
//! something; the text fills what the metadata leaves open.

use super::byline::{self, Byline};
use super::dateline::{self, Found};
use super::dates;
use super::draft::{Draft, Meta};
use super::trailer;
use super::versions;
#[cfg(test)]
use crate::article::Status;
use crate::article::{Article, Dateline, Source, WireMeta};
use crate::lexicon::agencies;
use crate::text;

/// How many opening paragraphs may stand before the dateline (a headline, a byline, update
/// notes, bullet points).
const LEAD_SEARCH: usize = 8;
/// Paragraphs longer than this are body text; the search stops at the second one.
const NOTE_LEN: usize = 160;

/// Turns a parser's draft into an article (its id and extraction come later). `received`:
/// when the file reached the desk (RFC 3339), if known.
pub fn finish(draft: Draft, source: Source, received: Option<&str>) -> Article {
    let Draft {
        source_id,
        item,
        headline,
        paragraphs,
        caption,
        credits: draft_credits,
        editor_codes: draft_codes,
        mut wire,
        meta,
    } = draft;
    let mut paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(text::fold_whitespace_owned)
        .filter(|p| !p.is_empty())
        .collect();
    let trailer = trailer::strip(&mut paragraphs);

    let given = headline
        .map(text::fold_whitespace_owned)
        .filter(|h| !h.is_empty());
    if let Some(h) = &given {
        // Some feeds repeat the headline as the body's first line.
        while paragraphs.first().is_some_and(|p| same_text(p, h)) {
            paragraphs.remove(0);
        }
    }

    let meta_dateline = meta_dateline(&meta);
    let opening = read_opening(paragraphs, given, meta_dateline.as_ref());

    let received = meta
        .received
        .as_deref()
        .and_then(dates::timestamp)
        .or_else(|| received.map(str::to_string));
    let published = meta.published.clone();
    let reference = Reference {
        received: received.as_deref(),
        published: published.as_deref(),
    };
    let dateline = merge_datelines(opening.dateline, meta_dateline, &meta, reference);
    let published = published.or_else(|| dateline.as_ref().and_then(|d| d.date.clone()));

    let field = meta.byline.as_deref().map(byline::from_field);
    let line = meta
        .byline_line
        .as_deref()
        .and_then(|l| byline::from_line(l, true))
        .or(opening.byline);
    let byline_name = field
        .as_ref()
        .and_then(|b| b.name.clone())
        .or_else(|| line.as_ref().and_then(|b| b.name.clone()));

    let agency = agency(
        &meta,
        field.as_ref(),
        dateline.as_ref(),
        trailer.agency,
        line,
    );

    let headline = opening
        .headline
        .or_else(|| {
            opening
                .paragraphs
                .first()
                .map(|p| text::first_sentence(p).to_string())
        })
        .map(|h| tidy_headline(&h))
        .unwrap_or_default();
    let prefixes = versions::strip_headline(&headline);
    settle_version(&mut wire, &prefixes, &opening.advisories);

    let mut credits = trailer::credits_in_text(&opening.paragraphs, &draft_credits);
    credits.extend(draft_credits);
    for credit in trailer.credits {
        if !credits.contains(&credit) {
            credits.push(credit);
        }
    }
    let mut editor_codes = trailer.editor_codes;
    editor_codes.extend(draft_codes);

    let mut article = Article {
        source: Source {
            id: source_id,
            item,
            ..source
        },
        headline: prefixes.headline,
        published,
        received,
        dateline,
        agency,
        byline: byline_name,
        caption,
        credits,
        editor_codes,
        paragraphs: opening.paragraphs,
        wire,
        ..Article::default()
    };
    if article.source.item.is_none() && article.source.id.is_none() {
        article.source.item = Some(copy_identity(&article));
    }
    article
}

/// The identity of copy that carries no id: its headline (without wire prefixes) with its
/// agency, dateline place and day, so an update of it joins its chain.
fn copy_identity(article: &Article) -> String {
    let lower = |s: Option<&str>| s.unwrap_or("").to_lowercase();
    format!(
        "{}:{}|{}|{}|{}",
        article.source.format,
        lower(article.agency.as_deref()),
        lower(article.place()),
        article.date().unwrap_or(""),
        text::fold_whitespace(&article.headline).to_lowercase()
    )
}

/// Records what the copy says of its version: a label from the headline's prefixes when the
/// format gave none, the advisory lines, the status they and the editor's note declare, and
/// the urgency of a flash or urgent prefix.
fn settle_version(wire: &mut WireMeta, prefixes: &versions::Prefixes, advisories: &[String]) {
    if wire.version.is_none() {
        wire.version.clone_from(&prefixes.label);
    }
    if wire.urgency.is_none() {
        wire.urgency = prefixes.urgency;
    }
    if wire.advisory.is_none() && !advisories.is_empty() {
        wire.advisory = Some(advisories.join("; "));
    }
    let declared = [
        wire.advisory.as_deref(),
        wire.ednote.as_deref(),
        wire.version.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(versions::status_of)
    .chain(prefixes.status);
    for status in declared {
        wire.status = Some(versions::stronger(wire.status, status));
    }
}

/// What the opening paragraphs held.
struct Opening {
    headline: Option<String>,
    byline: Option<Byline>,
    /// Advisory lines that opened the copy (`(Adds reaction in paragraph 3)`).
    advisories: Vec<String>,
    /// The dateline found in the text, with its date as written.
    dateline: Option<Found>,
    /// The body, the dateline and byline lines taken out.
    paragraphs: Vec<String>,
}

/// Finds the lead (the first opening paragraph that starts with a dateline) and reads what
/// stands before it: the headline when the format gave none, a byline line, and decks or notes
/// that stay in the body.
fn read_opening(
    paragraphs: Vec<String>,
    given: Option<String>,
    meta_dateline: Option<&Dateline>,
) -> Opening {
    // With a place from the metadata, only the lead itself may hold a dateline: a dash further
    // down is more likely prose than a late dateline.
    let search = if meta_dateline.is_some_and(|d| d.place.is_some()) {
        1
    } else {
        LEAD_SEARCH
    };
    let headline_in_text = given.is_none();
    let mut long = 0;
    let mut lead = None;
    for (i, p) in paragraphs.iter().enumerate().take(search) {
        if let Some(found) = dateline::parse(p) {
            lead = Some((i, found));
            break;
        }
        if p.chars().count() > NOTE_LEN && !(i == 0 && headline_in_text) {
            long += 1;
            if long == 2 {
                break;
            }
        }
    }

    let mut opening = Opening {
        headline: given,
        byline: None,
        advisories: Vec::new(),
        dateline: None,
        paragraphs: Vec::with_capacity(paragraphs.len()),
    };
    let Some((at, found)) = lead else {
        let mut start = 0;
        let advisories = |start: &mut usize, opening: &mut Opening| {
            while paragraphs.len() > *start + 1
                && let Some(note) = versions::advisory(&paragraphs[*start])
            {
                opening.advisories.push(note);
                *start += 1;
            }
        };
        advisories(&mut start, &mut opening);
        if opening.headline.is_none()
            && paragraphs.len() > start + 1
            && is_headline(&paragraphs[start])
        {
            opening.headline = Some(paragraphs[start].clone());
            start += 1;
            advisories(&mut start, &mut opening);
        }
        if paragraphs.len() > start + 1
            && let Some(b) = byline::from_line(&paragraphs[start], false)
        {
            opening.byline = Some(b);
            start += 1;
        }
        opening
            .paragraphs
            .extend(paragraphs.into_iter().skip(start));
        return opening;
    };
    let mut rest = paragraphs.into_iter().enumerate();
    for (i, block) in rest.by_ref().take(at) {
        // A bare name is a byline only between a headline and the dateline.
        let bare = i > 0 || opening.headline.is_some();
        if let Some(note) = versions::advisory(&block) {
            opening.advisories.push(note);
        } else if let Some(b) = byline::from_line(&block, bare) {
            opening.byline.get_or_insert(b);
        } else if i == 0 && opening.headline.is_none() {
            opening.headline = Some(block);
        } else {
            // A deck, standfirst or bullet point: it stays, as body text.
            opening.paragraphs.push(block);
        }
    }
    if let Some((_, block)) = rest.next() {
        let text = block.get(found.rest_start..).unwrap_or("").trim();
        if !text.is_empty() {
            opening.paragraphs.push(text.to_string());
        }
    }
    opening.dateline = Some(found);
    opening.paragraphs.extend(rest.map(|(_, b)| b));
    opening
}

/// The dateline the metadata gives: a dateline the body's markup sets apart, else a dateline
/// field, else a place field.
fn meta_dateline(meta: &Meta) -> Option<Dateline> {
    let marked = meta
        .marked_dateline
        .as_deref()
        .and_then(dateline::parse_field);
    let field = meta.dateline.as_deref().and_then(dateline::parse_field);
    let located = meta.located.as_deref().and_then(located);
    let mut found = marked.or(field).or(located)?;
    if found.date.is_none() {
        found.date.clone_from(&meta.dateline_date);
    }
    Some(found)
}

/// A place field as a dateline: `Grosseto, Italy` → place and region.
fn located(text: &str) -> Option<Dateline> {
    let text = text::fold_whitespace(text);
    let mut parts = text.splitn(2, ',');
    let place = parts.next().map(str::trim).filter(|p| !p.is_empty())?;
    let region = parts
        .next()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    Some(Dateline {
        place: Some(place.to_string()),
        region,
        text: text.clone(),
        ..Dateline::default()
    })
}

/// What a year-less dateline date is resolved against: the copy's own date, else when it
/// reached the desk.
#[derive(Clone, Copy)]
struct Reference<'a> {
    received: Option<&'a str>,
    published: Option<&'a str>,
}

/// The dateline of the article: each part from the metadata where it has one, else from the
/// text; the text as the copy wrote it when it wrote one. A date without a year takes the year
/// that puts it nearest the copy's own date, else nearest when the copy reached the desk (never
/// more than a day after it).
fn merge_datelines(
    text: Option<Found>,
    meta: Option<Dateline>,
    fields: &Meta,
    reference: Reference<'_>,
) -> Option<Dateline> {
    let (text, loose) = match text {
        Some(found) => (Some(found.dateline), found.date),
        None => (None, None),
    };
    let mut merged = match (text, meta) {
        (None, None) => return None,
        (Some(t), None) => t,
        (None, Some(m)) => m,
        (Some(t), Some(m)) => {
            let meta_place = m.place.is_some();
            Dateline {
                place: if meta_place { m.place } else { t.place },
                region: if meta_place { m.region } else { t.region },
                date: m.date.or(t.date),
                agency: m.agency.or(t.agency),
                text: t.text,
            }
        }
    };
    if merged.date.is_none() {
        merged.date = fields.dateline_date.clone().or_else(|| {
            let date = loose?;
            // The copy's own date knows the year best; else when the copy arrived.
            match (reference.published, reference.received) {
                (Some(published), _) => date.iso_near(Some(published)),
                (None, Some(received)) => date.iso_before(received),
                (None, None) => None,
            }
        });
    }
    Some(merged)
}

/// The agency, from the most specific evidence: a metadata field that names the supplier; a
/// known agency as copyright holder or credited in the byline field; the dateline's agency; an
/// agency sign-off at the end; an agency the copy's byline line names; last, a copyright
/// holder that is no known agency, as written. Known agencies get their short name.
fn agency(
    meta: &Meta,
    field: Option<&Byline>,
    dateline: Option<&Dateline>,
    sign_off: Option<String>,
    line: Option<Byline>,
) -> Option<String> {
    meta.agency
        .as_deref()
        .and_then(agencies::from_field)
        .or_else(|| {
            meta.holder
                .as_deref()
                .and_then(agencies::named_in)
                .map(str::to_string)
        })
        .or_else(|| field.and_then(|b| b.agency.clone()))
        .or_else(|| {
            dateline
                .and_then(|d| d.agency.as_deref())
                .map(agencies::short_name)
        })
        .or(sign_off)
        .or_else(|| line.and_then(|b| b.agency))
        .or_else(|| meta.holder.as_deref().and_then(agencies::from_field))
}

fn same_text(a: &str, b: &str) -> bool {
    text::fold_whitespace(a).to_lowercase() == text::fold_whitespace(b).to_lowercase()
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

#[cfg(test)]
mod tests {
    use super::super::plain;
    use super::*;

    /// Plain copy through the lead stage.
    fn parse_ok(text: &str) -> Article {
        finish(
            plain::parse(text).expect("a draft"),
            Source::default(),
            None,
        )
    }

    fn draft(headline: Option<&str>, paragraphs: &[&str], meta: Meta) -> Article {
        let draft = Draft {
            headline: headline.map(str::to_string),
            paragraphs: paragraphs.iter().map(|p| (*p).to_string()).collect(),
            meta,
            ..Draft::default()
        };
        finish(draft, Source::default(), None)
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
    fn a_late_dateline_and_the_byline_before_it() {
        let a = draft(
            Some("Head"),
            &["(Adds detail)", "By Jo Roe", "Jan 3 (XNA) - Text."],
            Meta {
                agency: None,
                ..Meta::default()
            },
        );
        assert_eq!(a.byline.as_deref(), Some("Jo Roe"));
        assert_eq!(a.paragraphs, ["Text."]);
        assert_eq!(a.wire.advisory.as_deref(), Some("Adds detail"));
        assert_eq!(a.agency.as_deref(), Some("XNA"));
    }

    #[test]
    fn a_metadata_place_keeps_later_dashes_in_the_text() {
        let a = draft(
            Some("Head"),
            &["Short.", "LYON (XNA) - Text."],
            Meta {
                located: Some("Tromsø".into()),
                ..Meta::default()
            },
        );
        assert_eq!(a.place(), Some("Tromsø"));
        assert_eq!(a.paragraphs, ["Short.", "LYON (XNA) - Text."]);
    }

    #[test]
    fn metadata_wins_over_the_text_and_the_text_leaves_the_paragraph() {
        let a = draft(
            Some("Head"),
            &["GROSSETO, Italy (XNA) -- The trial began.", "More."],
            Meta {
                located: Some("Grossetto, Italy".into()),
                published: Some("2013-07-09T10:37:00Z".into()),
                ..Meta::default()
            },
        );
        assert_eq!(a.place(), Some("Grossetto"));
        assert_eq!(a.agency.as_deref(), Some("XNA"));
        assert_eq!(a.paragraphs[0], "The trial began.");
        assert_eq!(a.published.as_deref(), Some("2013-07-09T10:37:00Z"));
        let d = a.dateline.unwrap();
        assert_eq!(d.text, "GROSSETO, Italy (XNA) --");
    }

    #[test]
    fn agency_order() {
        let supplier = draft(
            Some("H"),
            &["PARIS (AFP) - Words."],
            Meta {
                agency: Some("Reuters".into()),
                holder: Some("Example Times".into()),
                ..Meta::default()
            },
        );
        assert_eq!(supplier.agency.as_deref(), Some("Reuters"));
        let holder = draft(
            Some("H"),
            &["PARIS (AFP) - Words."],
            Meta {
                holder: Some("Example Times".into()),
                ..Meta::default()
            },
        );
        assert_eq!(
            holder.agency.as_deref(),
            Some("AFP"),
            "the dateline beats an unknown holder"
        );
        let unknown = draft(
            Some("H"),
            &["Words."],
            Meta {
                holder: Some("Example Times".into()),
                ..Meta::default()
            },
        );
        assert_eq!(unknown.agency.as_deref(), Some("Example Times"));
        let notice = draft(
            Some("H"),
            &["Words."],
            Meta {
                holder: Some("Copyright 2019 The Associated Press. All rights reserved.".into()),
                ..Meta::default()
            },
        );
        assert_eq!(notice.agency.as_deref(), Some("AP"));
    }

    #[test]
    fn bylines_from_fields_and_lines() {
        let credit = draft(
            Some("H"),
            &["Text."],
            Meta {
                byline: Some("NTB".into()),
                ..Meta::default()
            },
        );
        assert_eq!(credit.byline, None, "an agency is a credit, not a byline");
        assert_eq!(credit.agency.as_deref(), Some("NTB"));
        let named = draft(
            Some("H"),
            &["Text."],
            Meta {
                byline: Some("Von Ola Beispiel, dpa".into()),
                ..Meta::default()
            },
        );
        assert_eq!(named.byline.as_deref(), Some("Ola Beispiel, dpa"));
        assert_eq!(named.agency.as_deref(), Some("dpa"));
        let line = draft(
            Some("H"),
            &["Text."],
            Meta {
                byline_line: Some("By The Associated Press".into()),
                ..Meta::default()
            },
        );
        assert_eq!(line.byline.as_deref(), Some("The Associated Press"));
        assert_eq!(line.agency.as_deref(), Some("AP"));
    }

    #[test]
    fn a_repeated_headline_leaves_the_body() {
        let a = draft(
            Some("Dam opens"),
            &["Dam opens", "The dam opened."],
            Meta::default(),
        );
        assert_eq!(a.paragraphs, ["The dam opened."]);
    }

    #[test]
    fn joint_credits_name_the_known_agency() {
        let a =
            parse_ok("Roboter in der Pflege\n\nMünchen (dpa/lby) - Eine Klinik testet Roboter.\n");
        assert_eq!(a.agency.as_deref(), Some("dpa"));
        let d = a.dateline.unwrap();
        assert_eq!(d.agency.as_deref(), Some("dpa/lby"));
        assert_eq!(d.place.as_deref(), Some("München"));
    }

    #[test]
    fn versions_statuses_and_identity_from_the_copy() {
        let a = parse_ok(
            "UPDATE 2-Floods close roads\n\n(Adds minister's reaction in paragraph 3)\n\nNAIROBI, Dec 2 (Reuters) - Floods closed roads.\n\nMore rain is due.\n",
        );
        assert_eq!(a.headline, "Floods close roads");
        assert_eq!(a.wire.version.as_deref(), Some("UPDATE 2"));
        assert_eq!(
            a.wire.advisory.as_deref(),
            Some("Adds minister's reaction in paragraph 3")
        );
        assert_eq!(a.paragraphs, ["Floods closed roads.", "More rain is due."]);
        assert_eq!(a.wire.status, None);
        let original =
            parse_ok("Floods close roads\n\nNAIROBI, Dec 2 (Reuters) - Roads closed.\n\nRain.\n");
        assert_eq!(original.identity(), a.identity(), "one chain");
        assert!(original.identity().starts_with("plain:reuters|nairobi|"));

        let killed = parse_ok(
            "KILL-Floods close roads\n\nSTORY WITHDRAWN\n\nNAIROBI, Dec 2 (Reuters) - Gone.\n\nGone.\n",
        );
        assert_eq!(killed.wire.status, Some(Status::Canceled));
        let corrected = parse_ok(
            "CORRECTED-Floods close roads\n\n(Corrects name in paragraph 2)\n\nNAIROBI, Dec 2 (Reuters) - Text.\n\nMore.\n",
        );
        assert_eq!(corrected.wire.status, Some(Status::Corrected));
        assert_eq!(corrected.identity(), a.identity());
    }

    #[test]
    fn a_year_less_date_is_read_against_when_the_copy_arrived() {
        let text = "Floods close roads\n\nNAIROBI, Dec 31 (Reuters) - Roads closed.\n\nRain.\n";
        let draft = plain::parse(text).unwrap();
        let a = finish(draft, Source::default(), Some("2026-01-01T07:00:00Z"));
        assert_eq!(a.published.as_deref(), Some("2025-12-31"));
        assert_eq!(a.received.as_deref(), Some("2026-01-01T07:00:00Z"));
        let draft = plain::parse(text).unwrap();
        let undated = finish(draft, Source::default(), None);
        assert_eq!(
            undated.published, None,
            "no year and nothing to read it against"
        );
    }
}
