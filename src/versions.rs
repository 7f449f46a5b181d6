//! A story's versions as people are shown them, for the command line and the reader alike:
//! the version someone names (`--from 3`, `UPDATE 2`, `v2`, an id), the time a version goes
//! by in the local time zone, the marks a list row carries (`v3`, `KILLED`), what one version
//! says of itself, the notice a killed, corrected, withheld or embargoed story opens with, and
//! how long an embargo has left.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::article::{Article, Status};
use crate::catalog::{BodyError, Catalog, Doc, TimeKind, seconds};
use crate::when;

/// Why no version was picked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    #[error("story {story} has no version `{given}` (its versions: {known})")]
    Unknown {
        given: String,
        story: String,
        known: String,
    },
}

/// The version of `chain` (oldest first, as [`Catalog::versions`] gives it) that `given`
/// names. A version label as the copy writes it comes first (`3`, `UPDATE 2`; case and
/// spacing aside), then a position in the chain (`2` or `v2`; 1 is the first version), then a
/// version's id or a prefix of it of at least 4 characters. So `2` is the version labelled
/// `2` when there is one, else the second version.
pub fn pick(catalog: &Catalog, chain: &[Doc], given: &str) -> Result<Doc, PickError> {
    let wanted = fold(given);
    if let Some(&doc) = chain
        .iter()
        .find(|&&d| catalog.version_label(d).is_some_and(|l| fold(l) == wanted))
    {
        return Ok(doc);
    }
    let number = wanted.strip_prefix('v').unwrap_or(&wanted);
    if let Ok(n) = number.parse::<usize>()
        && let Some(&doc) = n.checked_sub(1).and_then(|i| chain.get(i))
    {
        return Ok(doc);
    }
    let given_id = given.trim();
    if let Some(&doc) = chain.iter().find(|&&d| catalog.id(d) == given_id) {
        return Ok(doc);
    }
    if given_id.len() >= 4 {
        let mut matches = chain
            .iter()
            .filter(|&&d| catalog.id(d).starts_with(given_id));
        if let (Some(&doc), None) = (matches.next(), matches.next()) {
            return Ok(doc);
        }
    }
    Err(PickError::Unknown {
        given: given.to_string(),
        story: short_id(catalog.chain_id(chain.first().copied().unwrap_or(0))).to_string(),
        known: chain
            .iter()
            .map(|&d| format!("{} {}", name(catalog, d), short_id(catalog.id(d))))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Lower case, spaces folded: how labels are compared.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first 8 characters of an id, as lists show it.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// `doc`'s place in its chain (1 is the first version) and how many versions the chain has.
pub fn position(catalog: &Catalog, doc: Doc) -> (usize, usize) {
    let count = catalog.version_count(doc);
    if count == 1 || catalog.is_newest(doc) {
        // Lists ask this of every row: the newest version's place is the count.
        return (count, count);
    }
    let chain = catalog.versions(doc);
    let at = chain.iter().position(|&d| d == doc).map_or(1, |i| i + 1);
    (at, chain.len().max(1))
}

/// The version mark of a list row: `v3` for the third version of a story, `None` for a story
/// with only one version.
pub fn version_mark(catalog: &Catalog, doc: Doc) -> Option<String> {
    let (at, count) = position(catalog, doc);
    (count > 1).then(|| format!("v{at}"))
}

/// The status mark of a list row: `KILLED`, `CORRECTED`, `WITHHELD`, `EMBARGOED`; `None`
/// for usable copy.
pub fn status_mark(status: Status) -> Option<&'static str> {
    match status {
        Status::Usable => None,
        Status::Corrected => Some("CORRECTED"),
        Status::Withheld => Some("WITHHELD"),
        Status::Canceled => Some("KILLED"),
        Status::Embargoed => Some("EMBARGOED"),
    }
}

/// The time a story goes by, as lists show it: `2025-12-02 09:30` for a publication time
/// (local), `2025-12-02` for a publication date alone, `~2025-12-02 09:30` for undated copy
/// that has only the time it reached the desk (local), `undated` for neither.
pub fn when(catalog: &Catalog, doc: Doc, tz: &TimeZone) -> String {
    match catalog.time(doc) {
        (Some(at), TimeKind::Exact) => when::local(at, tz),
        (Some(at), TimeKind::Received) => format!("~{}", when::local(at, tz)),
        (at, TimeKind::Date) => catalog
            .date(doc)
            .map(str::to_string)
            .or_else(|| at.map(|t| t.to_zoned_datetime(TimeZone::UTC).date().to_string()))
            .unwrap_or_else(|| "undated".to_string()),
        _ => "undated".to_string(),
    }
}

/// A version's advisory: its advisory line (`Adds minister's reaction in paragraph 3`), else
/// its editor's note.
pub fn advisory(article: &Article) -> Option<&str> {
    article
        .wire
        .advisory
        .as_deref()
        .or(article.wire.ednote.as_deref())
        .filter(|a| !a.trim().is_empty())
}

/// What one version says of itself at `now`: killed, withheld, under embargo while its
/// embargo lasts, a correction, else usable. (A story's status, [`Catalog::status`], also
/// counts its other versions.)
pub fn own_status(article: &Article, now: Timestamp) -> Status {
    let embargo = article.wire.embargo.as_deref().and_then(seconds);
    let now = now.as_second();
    let embargoed = embargo.is_some_and(|e| e > now);
    match article.wire.status {
        Some(Status::Canceled) => Status::Canceled,
        Some(Status::Withheld) => Status::Withheld,
        Some(Status::Embargoed) if embargo.is_none() || embargoed => Status::Embargoed,
        _ if embargoed => Status::Embargoed,
        Some(Status::Corrected) => Status::Corrected,
        _ => Status::Usable,
    }
}

/// How long is left until `until` ([`when::left`]), `0m` once it has passed.
pub fn time_left(now: Timestamp, until: Timestamp) -> String {
    when::left(now, until, false).unwrap_or_else(|| "0m".to_string())
}

/// The notice a story opens with when it is not plain usable copy: `*** KILLED: <advisory>
/// ***`, `CORRECTED: <advisory>`, `WITHHELD: <advisory>`, `EMBARGOED until 2026-12-03 06:00
/// (17h 5m left)`. The advisory is the one of the version that killed or corrected the story
/// (the newest such); the embargo the newest version's. `None` for usable copy.
pub fn notice(
    catalog: &Catalog,
    doc: Doc,
    now: Timestamp,
    tz: &TimeZone,
) -> Result<Option<String>, BodyError> {
    let status = catalog.status(doc, now);
    let with = |word: &str, why: Option<String>| match why {
        Some(why) => format!("{word}: {why}"),
        None => word.to_string(),
    };
    Ok(match status {
        Status::Usable => None,
        Status::Canceled => Some(format!(
            "*** {} ***",
            with("KILLED", reason(catalog, doc, Status::Canceled)?)
        )),
        Status::Corrected => Some(with("CORRECTED", reason(catalog, doc, Status::Corrected)?)),
        Status::Withheld => Some(with(
            "WITHHELD",
            advisory(&catalog.article(catalog.newest(doc))?).map(str::to_string),
        )),
        Status::Embargoed => Some(match catalog.embargo(doc) {
            Some(until) => format!(
                "EMBARGOED until {} ({} left)",
                when::local(until, tz),
                time_left(now, until)
            ),
            None => "EMBARGOED (no time given)".to_string(),
        }),
    })
}

/// Why a story was killed or corrected: the advisory of its newest version that declared
/// `declared` (a kill's without its own `KILL` word), if it gives one.
pub fn reason(catalog: &Catalog, doc: Doc, declared: Status) -> Result<Option<String>, BodyError> {
    for &d in catalog.versions(doc).iter().rev() {
        let article = catalog.article(d)?;
        if article.wire.status == Some(declared) {
            let why = advisory(&article);
            return Ok(match declared {
                Status::Canceled => why.and_then(without_kill_word),
                _ => why.map(str::to_string),
            });
        }
    }
    Ok(None)
}

/// A kill advisory without its own `KILL`/`KILLED` word (`KILL: Story withdrawn` →
/// `Story withdrawn`), which the notice already says; `None` when nothing else is left.
fn without_kill_word(advisory: &str) -> Option<String> {
    let trimmed = advisory.trim();
    let upper = trimmed.to_uppercase();
    let rest = ["KILLED", "KILL"]
        .iter()
        .find_map(|w| {
            upper
                .starts_with(w)
                .then(|| trimmed.get(w.len()..).unwrap_or(""))
        })
        .filter(|rest| !rest.starts_with(char::is_alphanumeric))
        .unwrap_or(trimmed);
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—'));
    (!rest.is_empty()).then(|| rest.to_string())
}

/// The note an older version opens with: which version is the newest, and its id.
pub fn newer_note(catalog: &Catalog, doc: Doc) -> Option<String> {
    if catalog.is_newest(doc) {
        return None;
    }
    let newest = catalog.newest(doc);
    let (at, count) = position(catalog, doc);
    Some(format!(
        "This is version {at} of {count}. A newer version exists: {}, id {} (`dateline show {}`).",
        name(catalog, newest),
        catalog.id(newest),
        short_id(catalog.id(newest))
    ))
}

/// A version as people read it: its place in the chain and the copy's own label, `v2
/// (UPDATE 1)`, or `v1` when the copy gives none.
pub fn name(catalog: &Catalog, doc: Doc) -> String {
    let (at, _) = position(catalog, doc);
    match catalog.version_label(doc) {
        Some(label) => format!("v{at} ({label})"),
        None => format!("v{at}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;

    fn story(item: &str, version: Option<&str>, body: &str) -> Article {
        let mut a = Article {
            headline: format!("Story {item}"),
            paragraphs: vec![body.to_string()],
            published: Some("2025-12-02T09:30:00Z".into()),
            source: Source {
                item: Some(item.into()),
                ..Source::default()
            },
            ..Article::default()
        };
        a.wire.version = version.map(str::to_string);
        a.assign_id();
        a
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a time")
    }

    #[test]
    fn versions_are_picked_by_label_then_position_then_id() {
        // Labels 2, 3, 5: `2` and `3` are labels, `1` is a position, `v3` the third version.
        let catalog = Catalog::from_articles(vec![
            story("a", Some("2"), "one"),
            story("a", Some("3"), "two"),
            story("a", Some("5"), "three"),
        ]);
        let chain = catalog.versions(0).to_vec();
        assert_eq!(chain, [0, 1, 2]);
        assert_eq!(pick(&catalog, &chain, "2"), Ok(0));
        assert_eq!(pick(&catalog, &chain, "3"), Ok(1));
        assert_eq!(pick(&catalog, &chain, "1"), Ok(0));
        assert_eq!(pick(&catalog, &chain, "v3"), Ok(2));
        assert_eq!(pick(&catalog, &chain, " 5 "), Ok(2));
        assert_eq!(pick(&catalog, &chain, catalog.id(1)), Ok(1));
        assert_eq!(pick(&catalog, &chain, &catalog.id(2)[..6]), Ok(2));
        let Err(PickError::Unknown { given, known, .. }) = pick(&catalog, &chain, "7") else {
            panic!("there is no 7th version nor one labelled 7");
        };
        assert_eq!(given, "7");
        assert!(known.starts_with("v1 (2) "), "{known}");
        assert!(pick(&catalog, &chain, "0").is_err());
        assert!(
            pick(&catalog, &chain, &catalog.id(0)[..3]).is_err(),
            "too short"
        );
    }

    #[test]
    fn labels_compare_without_case_or_spacing() {
        let catalog = Catalog::from_articles(vec![
            story("a", None, "one"),
            story("a", Some("UPDATE 1"), "two"),
        ]);
        let chain = catalog.versions(1).to_vec();
        assert_eq!(pick(&catalog, &chain, "update  1"), Ok(1));
        assert_eq!(version_mark(&catalog, 1).as_deref(), Some("v2"));
        assert_eq!(position(&catalog, 0), (1, 2));
        let note = newer_note(&catalog, 0).expect("an older version");
        assert!(
            note.contains("version 1 of 2") && note.contains("v2 (UPDATE 1), id "),
            "{note}"
        );
        assert_eq!(newer_note(&catalog, 1), None);
    }

    #[test]
    fn times_as_lists_show_them() {
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        let mut exact = story("a", None, "x");
        exact.published = Some("2025-12-02T23:30:00Z".into());
        let mut dated = story("b", None, "y");
        dated.published = Some("2025-12-02".into());
        let mut received = story("c", None, "z");
        received.published = None;
        received.received = Some("2025-12-02T08:00:00Z".into());
        let mut undated = story("d", None, "w");
        undated.published = None;
        let catalog = Catalog::from_articles(vec![exact, dated, received, undated]);
        let doc = |item: &str| {
            (0..4)
                .find(|&d| catalog.headline(d) == format!("Story {item}"))
                .expect("a story")
        };
        assert_eq!(when(&catalog, doc("a"), &tz), "2025-12-03 00:30");
        assert_eq!(when(&catalog, doc("b"), &tz), "2025-12-02");
        assert_eq!(when(&catalog, doc("c"), &tz), "~2025-12-02 09:00");
        assert_eq!(when(&catalog, doc("d"), &tz), "undated");
    }

    #[test]
    fn time_left_reads_at_a_glance() {
        let now = at("2026-12-02T12:00:00Z");
        assert_eq!(time_left(now, at("2026-12-05T16:30:00Z")), "3d 4h");
        assert_eq!(time_left(now, at("2028-01-11T12:00:00Z")), "1y 40d");
        assert_eq!(time_left(now, at("2026-12-02T14:15:00Z")), "2h 15m");
        assert_eq!(time_left(now, at("2026-12-02T12:45:00Z")), "45m");
        assert_eq!(time_left(now, at("2026-12-02T12:00:30Z")), "1m");
        assert_eq!(time_left(now, at("2026-12-01T12:00:00Z")), "0m");
    }

    #[test]
    fn a_version_says_what_it_is() {
        let now = at("2026-12-02T12:00:00Z");
        let mut a = story("a", None, "x");
        assert_eq!(own_status(&a, now), Status::Usable);
        a.wire.embargo = Some("2026-12-03T00:00:00Z".into());
        assert_eq!(own_status(&a, now), Status::Embargoed);
        a.wire.embargo = Some("2026-12-01".into());
        assert_eq!(own_status(&a, now), Status::Usable, "the embargo is over");
        a.wire.status = Some(Status::Embargoed);
        assert_eq!(own_status(&a, now), Status::Usable);
        a.wire.embargo = None;
        assert_eq!(own_status(&a, now), Status::Embargoed, "no end given");
        a.wire.status = Some(Status::Corrected);
        assert_eq!(own_status(&a, now), Status::Corrected);
        a.wire.status = Some(Status::Canceled);
        assert_eq!(own_status(&a, now), Status::Canceled);
        assert_eq!(status_mark(Status::Canceled), Some("KILLED"));
        assert_eq!(status_mark(Status::Usable), None);
    }

    #[test]
    fn kill_advisories_lose_their_kill_word() {
        assert_eq!(
            without_kill_word("KILL: Story withdrawn").as_deref(),
            Some("Story withdrawn")
        );
        assert_eq!(without_kill_word("KILL"), None);
        assert_eq!(
            without_kill_word("STORY WITHDRAWN").as_deref(),
            Some("STORY WITHDRAWN")
        );
        assert_eq!(
            without_kill_word("Killings reported").as_deref(),
            Some("Killings reported")
        );
    }

    #[test]
    fn notices_name_what_happened() {
        let now = at("2026-12-02T12:00:00Z");
        let tz = TimeZone::UTC;
        let first = story("a", None, "one");
        let mut killed = story("a", Some("2"), "two");
        killed.wire.status = Some(Status::Canceled);
        killed.wire.advisory = Some("KILL: the story is withdrawn".into());
        let mut corrected = story("b", None, "three");
        corrected.wire.status = Some(Status::Corrected);
        corrected.wire.ednote = Some("Corrects name in paragraph 2".into());
        let mut embargoed = story("c", None, "four");
        embargoed.wire.embargo = Some("2026-12-03T06:05:00Z".into());
        let plain = story("d", None, "five");
        let catalog = Catalog::from_articles(vec![first, killed, corrected, embargoed, plain]);
        let read = |d: Doc| notice(&catalog, d, now, &tz).expect("in memory");
        assert_eq!(
            read(0).as_deref(),
            Some("*** KILLED: the story is withdrawn ***"),
            "an older version of a killed story is killed too"
        );
        assert_eq!(
            read(2).as_deref(),
            Some("CORRECTED: Corrects name in paragraph 2")
        );
        assert_eq!(
            read(3).as_deref(),
            Some("EMBARGOED until 2026-12-03 06:05 (18h 5m left)")
        );
        assert_eq!(read(4), None);
    }
}
