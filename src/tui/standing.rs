//! Where a story stands on the wire, as the reader shows it: the list's marks (its version,
//! killed, corrected, withheld, under embargo with the time left), the reading pane's banners,
//! the caution before killed or embargoed copy is exported or copied, and when a countdown on
//! screen next changes. Read from the catalogue at a given time in a given zone; nothing here
//! keeps state.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::article::Status;
use crate::catalog::{Catalog, Doc};
use crate::when;

/// How loud a mark or banner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Do not use: killed, withheld, under embargo.
    Warning,
    /// Worth knowing: corrected, an older version.
    Notice,
}

/// What one version of a story says of itself (read from the archive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionNote {
    pub doc: Doc,
    pub status: Option<Status>,
    pub advisory: Option<String>,
}

/// What each version of `doc`'s story says of itself, oldest first. A version that cannot be
/// read says nothing.
pub fn notes(catalog: &Catalog, doc: Doc) -> Vec<VersionNote> {
    let versions = catalog.versions(doc);
    let versions = if versions.is_empty() {
        std::slice::from_ref(&doc)
    } else {
        versions
    };
    versions
        .iter()
        .map(|&v| {
            let article = catalog.article(v).ok();
            VersionNote {
                doc: v,
                status: article.as_ref().and_then(|a| a.wire.status),
                advisory: article
                    .and_then(|a| a.wire.advisory)
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty()),
            }
        })
        .collect()
}

/// `v3` for the third of a story's versions; `None` for a story with one.
pub fn version_mark(catalog: &Catalog, doc: Doc) -> Option<String> {
    let versions = catalog.versions(doc);
    let at = versions.iter().position(|&v| v == doc)?;
    (versions.len() > 1).then(|| format!("v{}", at + 1))
}

/// `version 2 of 3 (UPDATE 1)` for the metadata line — the label the copy gives, unless it
/// is the number again; `None` for a story with one version.
pub fn version_line(catalog: &Catalog, doc: Doc) -> Option<String> {
    let versions = catalog.versions(doc);
    let at = versions.iter().position(|&v| v == doc)? + 1;
    (versions.len() > 1).then(|| {
        let label = catalog
            .version_label(doc)
            .map(str::trim)
            .filter(|l| *l != at.to_string())
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        format!("version {at} of {}{label}", versions.len())
    })
}

/// The list's status mark at `now`: `KILLED`, `corr`, `held`, `emb 2h10m`; `None` for usable
/// copy.
pub fn list_mark(catalog: &Catalog, doc: Doc, now: Timestamp) -> Option<(String, Tone)> {
    Some(match catalog.status(doc, now) {
        Status::Usable => return None,
        Status::Canceled => ("KILLED".into(), Tone::Warning),
        Status::Corrected => ("corr".into(), Tone::Notice),
        Status::Withheld => ("held".into(), Tone::Warning),
        Status::Embargoed => {
            let left = catalog
                .embargo(doc)
                .and_then(|until| when::left(now, until, true));
            (
                left.map_or_else(|| "emb".into(), |l| format!("emb {l}")),
                Tone::Warning,
            )
        }
    })
}

/// The banners above the story `doc` at `now`: killed, withheld, under embargo (until when,
/// and how long still), corrected — each with the advisory of the version that said so.
/// `notes` are its story's versions' (see [`notes`]).
pub fn banners(
    catalog: &Catalog,
    doc: Doc,
    notes: &[VersionNote],
    now: Timestamp,
    tz: &TimeZone,
) -> Vec<(String, Tone)> {
    let said = |status: Status| {
        notes
            .iter()
            .rev()
            .find(|n| n.status == Some(status))
            .and_then(|n| n.advisory.clone())
    };
    let newest = notes.last().and_then(|n| n.advisory.clone());
    let banner = match catalog.status(doc, now) {
        Status::Usable => return Vec::new(),
        Status::Canceled => (
            format!(
                "KILLED — {}",
                said(Status::Canceled)
                    .unwrap_or_else(|| "this story is withdrawn: do not use it".into())
            ),
            Tone::Warning,
        ),
        Status::Withheld => (
            format!(
                "WITHHELD — {}",
                said(Status::Withheld)
                    .or(newest)
                    .unwrap_or_else(|| "held back for now: do not use it yet".into())
            ),
            Tone::Warning,
        ),
        Status::Embargoed => (
            match embargo(catalog, doc, now, tz) {
                Some(until) => format!("EMBARGOED until {until}"),
                None => "EMBARGOED — not to be used before its release".into(),
            },
            Tone::Warning,
        ),
        Status::Corrected => (
            format!(
                "CORRECTED — {}",
                said(Status::Corrected)
                    .unwrap_or_else(|| "a version of this story corrects it".into())
            ),
            Tone::Notice,
        ),
    };
    vec![banner]
}

/// `14:00 (2h 10m left)`, or with the date when the embargo ends on another day; `None`
/// without a time still to come.
fn embargo(catalog: &Catalog, doc: Doc, now: Timestamp, tz: &TimeZone) -> Option<String> {
    let until = catalog.embargo(doc)?;
    let left = when::left(now, until, false)?;
    Some(format!("{} ({left} left)", when::moment(until, now, tz)))
}

/// Why `doc` should not be used at `now`, for a message that asks to press again: killed,
/// withheld, or under embargo (until when). `None` for copy that may be used.
pub fn caution(catalog: &Catalog, doc: Doc, now: Timestamp, tz: &TimeZone) -> Option<String> {
    Some(match catalog.status(doc, now) {
        Status::Usable | Status::Corrected => return None,
        Status::Canceled => "This story was killed".into(),
        Status::Withheld => "This story is withheld".into(),
        Status::Embargoed => match embargo(catalog, doc, now, tz) {
            Some(until) => format!("Embargoed until {until}"),
            None => "Embargoed".into(),
        },
    })
}

/// Seconds from `now` until an embargo countdown of one of `docs` next changes; `None` when
/// none of them is counting down.
pub fn next_change(
    catalog: &Catalog,
    docs: impl IntoIterator<Item = Doc>,
    now: Timestamp,
) -> Option<i64> {
    docs.into_iter()
        .filter(|&d| catalog.status(d, now) == Status::Embargoed)
        .filter_map(|d| when::next_change(now, catalog.embargo(d)?))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixtures;

    fn find(catalog: &Catalog, headline: &str) -> Doc {
        catalog
            .newest_first()
            .iter()
            .copied()
            .find(|&d| catalog.headline(d).starts_with(headline))
            .unwrap()
    }

    #[test]
    fn marks_for_the_list() {
        let c = fixtures::catalog();
        let now = fixtures::now();
        let mark = |headline| list_mark(&c, find(&c, headline), now);
        assert_eq!(mark("KILL: Bridge"), Some(("KILLED".into(), Tone::Warning)));
        assert_eq!(mark("Floods"), Some(("corr".into(), Tone::Notice)));
        assert_eq!(mark("Minister"), Some(("held".into(), Tone::Warning)));
        assert_eq!(
            mark("Central bank"),
            Some(("emb 2h10m".into(), Tone::Warning))
        );
        assert_eq!(mark("Harbour"), None);
        assert_eq!(version_mark(&c, find(&c, "Floods")).as_deref(), Some("v3"));
        assert_eq!(version_mark(&c, find(&c, "Harbour")), None);
        let floods = c.versions(find(&c, "Floods"));
        assert_eq!(version_mark(&c, floods[0]).as_deref(), Some("v1"));
        assert_eq!(
            version_line(&c, floods[1]).as_deref(),
            Some("version 2 of 3 (UPDATE 1)")
        );
        assert_eq!(
            version_line(&c, find(&c, "KILL: Bridge")).as_deref(),
            Some("version 2 of 2"),
            "a label that is the number says nothing more"
        );
    }

    #[test]
    fn cautions_and_countdowns() {
        let c = fixtures::catalog();
        let now = fixtures::now();
        let utc = TimeZone::UTC;
        let bank = find(&c, "Central bank");
        assert_eq!(
            caution(&c, bank, now, &utc).as_deref(),
            Some("Embargoed until 12:10 (2h 10m left)")
        );
        assert_eq!(
            caution(&c, find(&c, "Floods"), now, &utc),
            None,
            "corrected copy may be used"
        );
        assert_eq!(
            caution(&c, find(&c, "KILL: Bridge"), now, &utc).as_deref(),
            Some("This story was killed")
        );
        let harbour = find(&c, "Harbour");
        assert_eq!(next_change(&c, [harbour], now), None);
        assert_eq!(next_change(&c, [harbour, bank], now), Some(60));
        let later: Timestamp = "2026-12-03T12:00:00Z".parse().unwrap();
        assert_eq!(next_change(&c, [bank], later), None, "lifted");
        assert_eq!(caution(&c, bank, later, &utc), None);
    }

    #[test]
    fn banners_name_the_version_that_said_so() {
        let c = fixtures::catalog();
        let now = fixtures::now();
        let bridge = find(&c, "KILL: Bridge");
        let first = c.versions(bridge)[0];
        let notes = notes(&c, first);
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[1].status, Some(Status::Canceled));
        assert_eq!(
            banners(&c, first, &notes, now, &TimeZone::UTC),
            [(
                "KILLED — KILL: a bridge did not collapse".to_string(),
                Tone::Warning
            )],
            "the kill covers every version"
        );
    }
}
