//! Markdown export of one article: YAML front matter (with where the version stands in its
//! story: its chain, version and status), escaped story text, a safe file name, and an atomic
//! write that never clobbers an existing file unless asked to.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::article::{Article, EntityKind, Status};
use crate::atomic::{self, Replace};

/// Longest slug kept in a file name: long enough to tell stories apart, short enough to stay
/// well under the 255-byte name limit of common file systems once the date is prefixed.
const MAX_SLUG_LEN: usize = 80;

/// Names Windows reserves for devices, whatever the extension; a slug equal to one gets a prefix
/// so archives exported on Linux can still be copied to a Windows machine.
const RESERVED_NAMES: &[&str] = &["con", "prn", "aux", "nul"];
const RESERVED_NUMBERED: &[&str] = &["com", "lpt"];

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not create the export directory {dir}: {io}")]
    CreateDir { dir: PathBuf, io: io::Error },
    #[error("{path} already exists; pass `--force` to overwrite it")]
    Exists { path: PathBuf },
    #[error("could not write {path}: {io}")]
    Write { path: PathBuf, io: io::Error },
}

/// Where the exported version stands in its story, as the catalogue knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing<'a> {
    /// The story's chain id: the id of its first version.
    pub chain: &'a str,
    /// What the story is now (killed if any version was, …: `Catalog::status`).
    pub status: Status,
}

/// The whole Markdown document for `article`, ending in exactly one newline; its status is
/// the one the article declares, if any (see [`document`]).
pub fn markdown(article: &Article) -> String {
    document(article, None)
}

/// The whole Markdown document for `article`, ending in exactly one newline. With its
/// `standing`, the front matter records the story's `chain` and `status` (always, `usable`
/// included); without, the status the article itself declares, if any.
pub fn document(article: &Article, standing: Option<&Standing>) -> String {
    let mut blocks = vec![front_matter(article, standing)];

    blocks.push(format!("# {}", escape(&article.headline, Position::Inline)));

    if let Some(caption) = &article.caption {
        let text = escape(&caption.text, Position::Inline);
        let credit = caption
            .credit
            .as_deref()
            .map(|c| escape(c, Position::Inline))
            .filter(|c| !c.is_empty())
            .map(|c| {
                // Agencies often write the credit as "Photo: X" already; don't say it twice.
                if c.to_lowercase().starts_with("photo") {
                    format!("({c})")
                } else {
                    format!("(Photo: {c})")
                }
            });
        // `**` around an empty caption would render as literal asterisks.
        let line = match (text.is_empty(), credit) {
            (false, Some(credit)) => Some(format!("*{text}* {credit}")),
            (false, None) => Some(format!("*{text}*")),
            (true, Some(credit)) => Some(credit),
            (true, None) => None,
        };
        blocks.extend(line);
    }

    blocks.extend(
        article
            .paragraphs
            .iter()
            .map(|p| escape(p, Position::LineStart))
            .filter(|p| !p.is_empty()),
    );

    if !article.quotes.is_empty() {
        blocks.push("## Quotes".to_string());
        for quote in &article.quotes {
            let speaker = quote
                .speaker
                .as_deref()
                .map(|s| escape(s, Position::Inline))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "unattributed".to_string());
            let partial = if quote.partial { " (partial)" } else { "" };
            // As said (a trailing comma ends the sentence) and in the copy's own marks.
            let (open, close) = article.quote_marks(quote);
            blocks.push(format!(
                "> {open}{}{close}\n> — {speaker}{partial}",
                escape(&quote.as_said(), Position::Inline)
            ));
        }
    }

    let credits: Vec<String> = article
        .credits
        .iter()
        .map(|c| escape(c, Position::LineStart))
        .filter(|c| !c.is_empty())
        .map(|c| format!("- {c}"))
        .collect();
    if !credits.is_empty() {
        blocks.push("## Credits".to_string());
        blocks.push(credits.join("\n"));
    }

    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

fn front_matter(article: &Article, standing: Option<&Standing>) -> String {
    let mut lines = vec!["---".to_string()];
    let mut scalar = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            lines.push(format!("{key}: {}", yaml_string(value)));
        }
    };
    scalar("headline", Some(&article.headline));
    scalar("date", article.date());
    scalar(
        "dateline",
        article.dateline.as_ref().map(|d| d.text.as_str()),
    );
    scalar("place", article.place());
    scalar("agency", article.agency_name());
    scalar("byline", article.byline.as_deref());
    scalar("source", Some(&article.source.path));
    scalar("format", Some(article.source.format.name()));
    scalar("id", Some(&article.id));
    scalar("chain", standing.map(|s| s.chain));
    // Wire metadata, when the format carried it.
    let wire = &article.wire;
    let urgency = wire.urgency.map(|u| u.to_string());
    scalar("urgency", urgency.as_deref());
    scalar("slugline", wire.slugline.as_deref());
    scalar("version", wire.version.as_deref());
    scalar(
        "status",
        standing.map(|s| s.status).or(wire.status).map(Status::name),
    );
    scalar("advisory", wire.advisory.as_deref());
    scalar("embargo", wire.embargo.as_deref());
    scalar("ednote", wire.ednote.as_deref());
    scalar("language", wire.language.as_deref());
    if !wire.subjects.is_empty() {
        let subjects: Vec<String> = wire.subjects.iter().map(|s| yaml_string(s)).collect();
        lines.push(format!("subjects: [{}]", subjects.join(", ")));
    }
    // The desk's routing codes (`(BC-EU/ABC)`, ANPA category and selectors), under their own
    // key rather than mixed with the credits.
    if !article.editor_codes.is_empty() {
        let codes: Vec<String> = article
            .editor_codes
            .iter()
            .map(|c| yaml_string(c))
            .collect();
        lines.push(format!("editor_codes: [{}]", codes.join(", ")));
    }

    for (key, kind) in [
        ("people", EntityKind::Person),
        ("places", EntityKind::Place),
        ("organisations", EntityKind::Organization),
    ] {
        let names: Vec<String> = article
            .entities_of(kind)
            .map(|e| yaml_string(&e.name))
            .collect();
        lines.push(format!("{key}: [{}]", names.join(", ")));
    }
    lines.push("---".to_string());
    lines.join("\n")
}

/// A YAML double-quoted scalar holding exactly `s`.
///
/// A JSON string is a valid YAML double-quoted scalar, so serde_json does the escaping of quotes,
/// backslashes and control characters. Going through `Value`'s `Display` rather than `to_string`
/// avoids a `Result` that cannot fail for a plain string. JSON leaves a few characters raw that
/// YAML does not accept (DEL, C1 controls, U+FFFE/U+FFFF) or that YAML 1.1 readers take as line
/// breaks (NEL, U+2028, U+2029); those get YAML `\u` escapes so no reader can mis-split the value.
fn yaml_string(s: &str) -> String {
    let json = serde_json::Value::from(s).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        ) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Where escaped text lands: at the start of a Markdown line, where block markers (`#`, `>`, `-`,
/// `1.`) would take effect, or after other text on the same line, where they are inert.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    LineStart,
    Inline,
}

/// Story text as literal Markdown: the copy cannot open headings, lists, quotes, code, HTML,
/// links or emphasis of its own.
///
/// Whitespace is folded to single spaces first. Markdown renders a line break inside a paragraph
/// as a space anyway, and a single line means the only block markers to defuse are at its start.
fn escape(text: &str, position: Position) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = match position {
        Position::LineStart => block_marker_at(&line),
        Position::Inline => None,
    };
    // A heading's closing `#` run is stripped by renderers ("Vote for #" would lose its `#`).
    let trail = line.ends_with('#').then(|| line.len() - 1);

    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        match c {
            // `&lt;` rather than `\<`: it also survives renderers that pass raw HTML through.
            '<' => out.push_str("&lt;"),
            '\\' | '*' | '_' | '`' => {
                out.push('\\');
                out.push(c);
            }
            // Only where it would start a character reference; "AT&T" stays readable.
            '&' if starts_entity(&line[i + 1..]) => out.push_str("\\&"),
            // `](` is what turns bracketed text into a link or image; "[sic]" stays as it is.
            '(' if line[..i].ends_with(']') => out.push_str("\\("),
            _ if Some(i) == lead || Some(i) == trail => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Byte index of the character that would make `line` a heading, blockquote, list item, fence,
/// thematic break or link reference definition.
fn block_marker_at(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    if matches!(first, '#' | '>' | '-' | '+' | '*' | '=' | '~' | '[' | '|') {
        return Some(0);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))).then_some(digits)
}

/// Whether the text after an `&` reads as `name;` or `#123;`, which renderers would decode.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// `YYYY-MM-DD-headline-slug.md`, or `undated-…` when the story carries no usable date.
pub(crate) fn file_name(article: &Article) -> String {
    // `date()` is whatever the copy said, cut to ten characters; only a real calendar date may
    // reach the file system.
    let date = article
        .date()
        .filter(|d| d.parse::<jiff::civil::Date>().is_ok())
        .unwrap_or("undated");
    format!("{date}-{}.md", slug_for(article))
}

fn slug_for(article: &Article) -> String {
    let mut slug = truncate_slug(slug::slugify(&article.headline));
    if slug.is_empty() {
        slug = truncate_slug(slug::slugify(&article.id));
    }
    if slug.is_empty() {
        slug = "story".to_string();
    }
    if is_reserved(&slug) {
        slug.insert_str(0, "story-");
    }
    slug
}

/// Cuts a slug (ASCII, words joined by single hyphens) to `MAX_SLUG_LEN` at a hyphen, so no word
/// is chopped; a single word longer than the limit is cut hard, since something must give.
fn truncate_slug(mut slug: String) -> String {
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    let cut = if slug.as_bytes()[MAX_SLUG_LEN] == b'-' {
        MAX_SLUG_LEN
    } else {
        slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN)
    };
    slug.truncate(cut);
    slug
}

fn is_reserved(slug: &str) -> bool {
    RESERVED_NAMES.contains(&slug)
        || RESERVED_NUMBERED.iter().any(|prefix| {
            slug.strip_prefix(prefix)
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
        })
}

/// Writes the article's Markdown ([`markdown`]) into `dir` (created if missing) and returns
/// the file's path; see [`write_document`].
pub fn write_to_dir(article: &Article, dir: &Path, force: bool) -> Result<PathBuf, ExportError> {
    write_document(article, None, dir, force)
}

/// Writes the article's Markdown ([`document`]) into `dir` (created if missing) and returns
/// the file's path.
///
/// The text goes to a temporary file beside the target and is renamed into place, so a crash or
/// a full disk never leaves a half-written export, and an existing file is replaced only with
/// `force`.
pub fn write_document(
    article: &Article,
    standing: Option<&Standing>,
    dir: &Path,
    force: bool,
) -> Result<PathBuf, ExportError> {
    fs::create_dir_all(dir).map_err(|io| ExportError::CreateDir {
        dir: dir.to_path_buf(),
        io,
    })?;
    let path = dir.join(file_name(article));
    // Checked up front so the user gets the clear message before any work is done; the
    // no-clobber rename below still catches a file that appears in between.
    if !force && path.exists() {
        return Err(ExportError::Exists { path });
    }
    let replace = if force { Replace::Yes } else { Replace::No };
    match atomic::write(&path, replace, |out| {
        out.write_all(document(article, standing).as_bytes())
    }) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(ExportError::Exists { path }),
        Err(io) => Err(ExportError::Write { path, io }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Caption, Dateline, Entity, Format, Quote, Source};

    fn entity(name: &str, kind: EntityKind) -> Entity {
        Entity {
            name: name.into(),
            kind,
            mentions: vec![name.into()],
            count: 1,
            canonical: None,
        }
    }

    fn quote(text: &str, speaker: Option<&str>, partial: bool) -> Quote {
        Quote {
            text: text.into(),
            speaker: speaker.map(Into::into),
            partial,
            paragraph: 1,
            start: 0,
            end: text.len(),
        }
    }

    fn rich() -> Article {
        Article {
            id: "3f2a9c0d1b7e".into(),
            source: Source {
                path: "stories/iaea-talks.xml".into(),
                format: Format::Nitf,
                id: Some("urn:newsml:reuters.com:20240619:nL1N3IA0XY".into()),
                item: None,
            },
            headline: "IAEA chief to visit Tehran as nuclear talks resume".into(),
            published: Some("2024-06-19T08:15:00Z".into()),
            received: None,
            dateline: Some(Dateline {
                place: Some("VIENNA".into()),
                region: None,
                date: Some("2024-06-19".into()),
                agency: Some("Reuters".into()),
                text: "VIENNA, June 19 (Reuters) -".into(),
            }),
            agency: None,
            byline: Some("By Francois Murphy".into()),
            caption: Some(Caption {
                text: "Rafael Grossi speaks to reporters in Vienna.".into(),
                credit: Some("REUTERS/Leonhard Foeger".into()),
            }),
            credits: vec!["(Reporting by Francois Murphy; Editing by Alex Richardson)".into()],
            editor_codes: vec!["T/RE1/P2".into()],
            wire: crate::article::WireMeta::default(),
            paragraphs: vec![
                "The head of the International Atomic Energy Agency will travel to Tehran \
                 next week, he said on Wednesday."
                    .into(),
                "\"We need to restore a strategic dialogue,\" Rafael Grossi told reporters, \
                 calling the visit \"overdue\"."
                    .into(),
                "Officials said the talks would cover inspections at three sites.".into(),
            ],
            quotes: vec![
                quote(
                    "We need to restore a strategic dialogue,",
                    Some("Rafael Grossi"),
                    false,
                ),
                quote("overdue", None, true),
            ],
            entities: vec![
                entity("Rafael Grossi", EntityKind::Person),
                entity("Tehran", EntityKind::Place),
                entity(
                    "International Atomic Energy Agency",
                    EntityKind::Organization,
                ),
            ],
        }
    }

    fn minimal() -> Article {
        Article {
            id: "0a1b2c3d4e5f".into(),
            source: Source {
                path: "notes.txt".into(),
                format: Format::Plain,
                ..Source::default()
            },
            headline: "Storm closes ports".into(),
            paragraphs: vec!["Ports along the coast were closed on Monday.".into()],
            ..Article::default()
        }
    }

    fn headed(headline: &str) -> Article {
        Article {
            id: "0a1b2c3d4e5f".into(),
            headline: headline.into(),
            ..Article::default()
        }
    }

    /// The front matter as (key, raw value) pairs.
    fn front_matter_of(md: &str) -> Vec<(String, String)> {
        let mut lines = md.lines();
        assert_eq!(lines.next(), Some("---"));
        lines
            .take_while(|l| *l != "---")
            .map(|l| {
                let (k, v) = l.split_once(": ").expect("every line is `key: value`");
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    #[test]
    fn snapshot_rich_article() {
        insta::assert_snapshot!("rich_article", markdown(&rich()));
    }

    #[test]
    fn snapshot_minimal_article() {
        insta::assert_snapshot!("minimal_article", markdown(&minimal()));
    }

    #[test]
    fn front_matter_keys_in_order_and_none_omitted() {
        let keys: Vec<String> = front_matter_of(&markdown(&rich()))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            [
                "headline",
                "date",
                "dateline",
                "place",
                "agency",
                "byline",
                "source",
                "format",
                "id",
                "editor_codes",
                "people",
                "places",
                "organisations"
            ]
        );
        let minimal = front_matter_of(&markdown(&minimal()));
        let keys: Vec<&str> = minimal.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "headline",
                "source",
                "format",
                "id",
                "people",
                "places",
                "organisations"
            ]
        );
        assert!(minimal.contains(&("people".into(), "[]".into())));
    }

    fn versioned() -> Article {
        let mut article = minimal();
        article.headline = "Storm closes ports and schools".into();
        article.wire.version = Some("UPDATE 1".into());
        article.wire.status = Some(Status::Corrected);
        article.wire.advisory = Some("Corrects day in paragraph 1".into());
        article
    }

    const STANDING: Standing = Standing {
        chain: "9f8e7d6c5b4a",
        status: Status::Canceled,
    };

    #[test]
    fn snapshot_versioned_article() {
        insta::assert_snapshot!("versioned_article", document(&versioned(), Some(&STANDING)));
    }

    #[test]
    fn standing_is_recorded_in_the_front_matter() {
        let fm = front_matter_of(&document(&versioned(), Some(&STANDING)));
        let keys: Vec<&str> = fm.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "headline",
                "source",
                "format",
                "id",
                "chain",
                "version",
                "status",
                "advisory",
                "people",
                "places",
                "organisations"
            ]
        );
        let value = |fm: &[(String, String)], key: &str| {
            fm.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        };
        assert_eq!(value(&fm, "status").as_deref(), Some("\"canceled\""));
        assert_eq!(value(&fm, "chain").as_deref(), Some("\"9f8e7d6c5b4a\""));
        // Without the catalogue: what the version itself declares.
        let own = front_matter_of(&markdown(&versioned()));
        assert_eq!(value(&own, "status").as_deref(), Some("\"corrected\""));
        assert_eq!(value(&own, "chain"), None);
        // Usable copy says so when its standing is known.
        let usable = Standing {
            chain: "0a1b2c3d4e5f",
            status: Status::Usable,
        };
        let fm = front_matter_of(&document(&minimal(), Some(&usable)));
        assert_eq!(value(&fm, "status").as_deref(), Some("\"usable\""));
    }

    #[test]
    fn write_document_records_the_standing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path =
            write_document(&versioned(), Some(&STANDING), tmp.path(), false).expect("written");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            document(&versioned(), Some(&STANDING))
        );
    }

    #[test]
    fn yaml_hostile_text_stays_inside_its_scalar() {
        let hostile = "Headline: \"quoted\" # not a comment";
        let mut article = headed(hostile);
        article.byline = Some("By A. Writer\n---\nid: injected\u{2028}\u{7f}\u{85}".into());
        article.source.path = "C:\\news\\story: 1.txt".into();
        article.entities = vec![entity("O'Brien, \"Ted\" [x]: y", EntityKind::Person)];
        let md = markdown(&article);

        let fm = front_matter_of(&md);
        assert_eq!(fm.len(), 8, "no extra keys were injected: {fm:?}");
        let value = |key: &str| {
            let raw = &fm.iter().find(|(k, _)| k == key).expect("key present").1;
            serde_json::from_str::<String>(raw).expect("value is one JSON/YAML string")
        };
        assert_eq!(value("headline"), hostile);
        assert_eq!(value("byline"), article.byline.clone().expect("set above"));
        assert_eq!(value("source"), article.source.path);
        let people = &fm.iter().find(|(k, _)| k == "people").expect("people").1;
        let people: Vec<String> = serde_json::from_str(people).expect("flow list of strings");
        assert_eq!(people, ["O'Brien, \"Ted\" [x]: y"]);
        // Characters YAML 1.1 would read as line breaks or reject are escaped, not raw.
        assert!(!md.contains(['\u{2028}', '\u{7f}', '\u{85}']));
    }

    #[test]
    fn story_text_cannot_inject_markdown() {
        let mut article = headed("Vote for #");
        article.paragraphs = vec![
            "# Not a heading".into(),
            "> not a quote".into(),
            "- not a list".into(),
            "+ nor this".into(),
            "* nor this".into(),
            "1. not numbered".into(),
            "2) nor this".into(),
            "<script>alert(1)</script> and AT&T &amp; co".into(),
            "line one\n\n## line two".into(),
            "[click](javascript:alert) but [sic] is fine".into(),
            "    indented code?".into(),
        ];
        article.caption = Some(Caption {
            text: "A *bold* <b>move</b>".into(),
            credit: Some("Photo: Jane Doe".into()),
        });
        let md = markdown(&article);
        let body: Vec<&str> = md
            .split("\n---\n\n")
            .nth(1)
            .expect("body")
            .lines()
            .collect();

        assert_eq!(body[0], "# Vote for \\#");
        assert_eq!(
            body[2],
            "*A \\*bold\\* &lt;b>move&lt;/b>* (Photo: Jane Doe)"
        );
        for line in &body[4..] {
            assert!(!line.contains('<'), "raw `<` in {line:?}");
            assert!(
                line.is_empty()
                    || line.starts_with(['\\', '&'])
                    || line.starts_with(char::is_alphanumeric),
                "line may open a block: {line:?}"
            );
        }
        assert!(md.contains("\n1\\. not numbered\n"));
        assert!(md.contains("\n2\\) nor this\n"));
        assert!(md.contains("AT&T \\&amp; co"));
        assert!(md.contains("\nline one ## line two\n"));
        assert!(md.contains("[click]\\(javascript:alert) but [sic] is fine"));
        assert!(md.contains("\nindented code?\n"));
    }

    #[test]
    fn quotes_are_attributed_blockquotes() {
        let md = markdown(&rich());
        assert!(md.contains(
            "## Quotes\n\n> “We need to restore a strategic dialogue.”\n> — Rafael Grossi\n\n\
             > “overdue”\n> — unattributed (partial)\n"
        ));
        assert!(!markdown(&minimal()).contains("## Quotes"));
    }

    #[test]
    fn quotes_keep_the_copys_marks_and_end_as_said() {
        let paragraph = "«Das ist gut, sagen wir», sagte Anna Example. „Weiter so?“ fragte sie.";
        let at = |needle: &str| {
            let start = paragraph.find(needle).unwrap();
            (start, start + needle.len())
        };
        let quote = |needle: &str| {
            let (start, end) = at(needle);
            Quote {
                text: needle.into(),
                speaker: Some("Anna Example".into()),
                partial: false,
                paragraph: 0,
                start,
                end,
            }
        };
        let article = Article {
            headline: "Lob".into(),
            paragraphs: vec![paragraph.into()],
            quotes: vec![quote("Das ist gut, sagen wir"), quote("Weiter so?")],
            ..Article::default()
        };
        let md = markdown(&article);
        assert!(md.contains("> «Das ist gut, sagen wir»\n"), "{md}");
        assert!(md.contains("> „Weiter so?“\n"), "{md}");
        let comma = Quote {
            text: "relations,".into(),
            ..quote("Weiter so?")
        };
        assert_eq!(comma.as_said(), "relations.");
    }

    #[test]
    fn ends_with_exactly_one_newline() {
        for article in [rich(), minimal(), Article::default()] {
            let md = markdown(&article);
            assert!(md.ends_with('\n') && !md.ends_with("\n\n"), "{md:?}");
        }
    }

    #[test]
    fn file_name_uses_date_and_slug() {
        assert_eq!(
            file_name(&rich()),
            "2024-06-19-iaea-chief-to-visit-tehran-as-nuclear-talks-resume.md"
        );
        assert_eq!(file_name(&minimal()), "undated-storm-closes-ports.md");
    }

    #[test]
    fn file_name_ignores_a_date_that_is_not_a_date() {
        let mut article = headed("Talks");
        article.published = Some("../../etc/x".into());
        assert_eq!(file_name(&article), "undated-talks.md");
    }

    #[test]
    fn slug_cannot_escape_the_directory() {
        let name = file_name(&headed("../../etc/passwd"));
        assert_eq!(name, "undated-etc-passwd.md");
        assert!(!name.contains(['/', '\\']) && !name.contains(".."));
    }

    #[test]
    fn slug_avoids_windows_reserved_names() {
        assert_eq!(file_name(&headed("CON")), "undated-story-con.md");
        assert_eq!(file_name(&headed("lpt1")), "undated-story-lpt1.md");
        assert_eq!(file_name(&headed("Com 1")), "undated-com-1.md");
        assert_eq!(file_name(&headed("Console")), "undated-console.md");
    }

    #[test]
    fn slug_of_only_punctuation_falls_back_to_id() {
        assert_eq!(file_name(&headed("?!… —")), "undated-0a1b2c3d4e5f.md");
        let mut nothing = headed("***");
        nothing.id = "//".into();
        assert_eq!(file_name(&nothing), "undated-story.md");
    }

    #[test]
    fn long_headline_is_cut_on_a_word_boundary() {
        let headline = "Parliament votes to extend the emergency powers of the interim \
                        government for another six months amid protests in the capital";
        let full = slug::slugify(headline);
        let name = file_name(&headed(headline));
        let slug = name
            .strip_prefix("undated-")
            .and_then(|s| s.strip_suffix(".md"))
            .expect("undated-….md");
        assert!(slug.len() <= MAX_SLUG_LEN, "{slug}");
        assert!(!slug.ends_with('-'));
        assert_eq!(full.as_bytes()[slug.len()], b'-', "cut mid-word: {slug}");
        assert!(full.starts_with(slug));

        let one_word = "a".repeat(200);
        let name = file_name(&headed(&one_word));
        assert_eq!(name, format!("undated-{}.md", "a".repeat(MAX_SLUG_LEN)));
    }

    #[test]
    fn unicode_headline_is_transliterated() {
        assert_eq!(
            file_name(&headed("Zürich – Erdoğan")),
            "undated-zurich-erdogan.md"
        );
    }

    #[test]
    fn write_creates_the_directory_and_the_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("exports/june");
        let path = write_to_dir(&rich(), &dir, false).expect("first write");
        assert_eq!(path, dir.join(file_name(&rich())));
        assert_eq!(fs::read_to_string(&path).expect("read"), markdown(&rich()));
    }

    #[test]
    fn write_refuses_to_overwrite_without_force() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = write_to_dir(&minimal(), tmp.path(), false).expect("first write");
        fs::write(&path, "my own notes").expect("edit");

        let err = write_to_dir(&minimal(), tmp.path(), false).expect_err("must refuse");
        assert!(matches!(err, ExportError::Exists { .. }));
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("--force"), "{message}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "my own notes");
        // The refused write left no temporary file behind.
        assert_eq!(fs::read_dir(tmp.path()).expect("list").count(), 1);
    }

    #[test]
    fn write_overwrites_with_force() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = write_to_dir(&minimal(), tmp.path(), false).expect("first write");
        fs::write(&path, "stale").expect("edit");

        let again = write_to_dir(&minimal(), tmp.path(), true).expect("forced write");
        assert_eq!(again, path);
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            markdown(&minimal())
        );
        assert_eq!(fs::read_dir(tmp.path()).expect("list").count(), 1);
    }

    #[test]
    fn write_error_names_the_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("not-a-dir");
        fs::write(&file, "").expect("write");
        let err = write_to_dir(&minimal(), &file, false).expect_err("a file is not a directory");
        assert!(
            err.to_string().contains(&file.display().to_string()),
            "{err}"
        );
    }
}
