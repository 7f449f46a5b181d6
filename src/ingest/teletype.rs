//! Teletype wire copy, ANPA-1312 and IPTC 7901: detection from the raw bytes, then the message
//! split by its control characters (SOH header, STX text, ETX trailer, EOT end; `ZCZC`/`NNNN`
//! where an agency frames it so), the header read into wire metadata, the heading block into
//! headline, byline line and editor's notes, the hard-wrapped body into paragraphs, an agency
//! notebook into credits and notes, and the trailer time stamp into the date. No control
//! character reaches an output field. The dateline, byline and trailer rules are the lead
//! stage's.

use std::sync::LazyLock;

use regex::Regex;
use regex::bytes::Regex as BytesRegex;

use super::dateline;
use super::dates;
use super::draft::{Draft, Refused};
use super::trailer;
use crate::article::{Format, WireMeta};
use crate::lexicon::{agencies, calendar};
use crate::text;

const SOH: char = '\u{01}';
const STX: char = '\u{02}';
const ETX: char = '\u{03}';
const EOT: char = '\u{04}';
const SYN: char = '\u{16}';

// Patterns are compiled lazily; a pattern that failed to compile simply never matches (the
// unit test `patterns_compile` guards against that).
fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

fn bytes_re(pattern: &str) -> Option<BytesRegex> {
    BytesRegex::new(pattern).ok()
}

fn matches(pattern: &LazyLock<Option<Regex>>, text: &str) -> bool {
    pattern.as_ref().is_some_and(|r| r.is_match(text))
}

fn captures<'t>(pattern: &LazyLock<Option<Regex>>, text: &'t str) -> Option<regex::Captures<'t>> {
    pattern.as_ref().and_then(|r| r.captures(text))
}

/// ANPA's first header line: SYN SYN SOH, service letter, sequence number, US, selector codes.
static ANPA_START: LazyLock<Option<BytesRegex>> =
    LazyLock::new(|| bytes_re(r"(?-u)^[\x16\s]*\x01[A-Za-z]\d{3,5}\x1f"));

/// ANPA's service-level line: priority, category, format identifier (SI/SO/DC codes), slug,
/// version, reference date `MM-DD` and word count.
static ANPA_SELECTOR_BYTES: LazyLock<Option<BytesRegex>> = LazyLock::new(|| {
    bytes_re(
        r"(?m-u)^[A-Za-z] [A-Za-z][\x0e-\x14]{1,3}[ \t]*\S+.*[ \t]\d{1,2}-\d{1,2}[ \t]+\d{1,5}\s*$",
    )
});

/// IPTC 7901's header: source and message number, priority digit, category, word count.
static IPTC_HEADER_BYTES: LazyLock<Option<BytesRegex>> = LazyLock::new(|| {
    bytes_re(
        r"(?m-u)^(?:\x01|ZCZC[ \t]*)?[ \t]*[A-Za-z]{1,4}\d{2,5}[ \t]+\d[ \t]+[A-Za-z]{1,3}[ \t]+\d{1,5}(?-u:\b)",
    )
});

static ANPA_SELECTOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(?P<pri>[A-Za-z]) (?P<cat>[A-Za-z])\s+(?P<slug>\S+)(?P<ver>.*?)\s+(?P<ref>\d{1,2}-\d{1,2})\s+(?:\d{1,5})?\s*$",
    )
});

static IPTC_HEADER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(?P<sid>[A-Za-z]{1,4}\d{2,5})\s+(?P<pri>\d)\s+(?P<cat>[A-Za-z]{1,3})\s+\d{1,5}(?-u:\b)(?P<rest>.*)$",
    )
});

/// The keyword line that opens an ANPA text: `BC-US--Giant Lobster Death, 1st Ld-Writethru,127`.
static KEYWORD_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(r"^(?P<slug>[A-Za-z]{1,3}-[^,\s][^,]*?)(?:,\s*(?P<ver>[^,]+?))?,\s*\d{1,5}$")
});

/// A heading line that opens with a byline word (`By JANE EXAMPLE`, `Von X, dpa`); the lead
/// stage reads the name.
static BYLINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?i:by|von|par|por|di|door|av|af)\s+\S"));

/// Notes to editors: `Eds: With AP Photos.`, `(Eds: …)`, `EDITOR'S NOTE _ …`.
static EDNOTE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^\(?\s*(?i:eds?|editors?|editor['’]?s note|note to editors)\s*(?:[:_–—-]|\s)\s*(?P<note>.*?)\)?$",
    )
});

/// Take and version marks in the heading: `1ST LEAD`, `REFILE`, `2ND WRITETHRU`, `CORRECTED`.
static VERSION_MARK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(?:\d+(?:ST|ND|RD|TH)\s+)?(?:LEAD|REFILE|CORRECTION|CORRECTED|URGENT|UPDATE|WRITETHRU|REPEAT|BULLETIN|FLASH|ADVISORY|KILL|WITHDRAWAL|SUMMARY|INSERT|ADD)(?:\s+\S+)?$",
    )
});

/// Photo and graphic references in the heading: `AP Photo XNP101, XNP102`.
static MEDIA_REF: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?:\p{Lu}{2,6}\s+)?(?i:photos?|graphics?|video|audio)(?-u:\b)[^.!?]*$"));

/// ANPA trailer: `AP-WF-11-13-13 1509GMT`.
static ANPA_TRAILER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?P<agency>[A-Za-z]{1,8})-[A-Za-z]{1,4}-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<y>\d{2}|\d{4})\s+(?P<hh>\d{2})(?P<mi>\d{2})\s*(?P<tz>GMT|UTC|Z)?",
    )
});

/// IPTC 7901 trailer: day, hour and minute, optional zone, month, year: `071341 GMT Okt 15`.
static IPTC_TRAILER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?:^|\s)(?P<d>\d{2})(?P<hh>\d{2})(?P<mi>\d{2})\s+(?:(?P<tz>GMT|UTC)\s+)?(?P<mon>\p{L}{3,9})\.?\s+(?P<y>\d{2}|\d{4})(?-u:\b)",
    )
});

/// Credit items in an agency notebook: `Reporting by: X`, `Autor/in: X`.
static NOTE_CREDIT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(?i:(?:additional )?reporting by|writing by|written by|editing by|edited by|autor(?:/in)?|autorin|redaktion)\s*:",
    )
});

/// Where a contact item turns into telephone numbers and addresses.
static CONTACT_TAIL: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"[,;]?\s*(?:\+\d|\(\+?\d|Tel(?-u:\b)|<|\S+@\S+)"));

/// Recognises ANPA-1312 and IPTC 7901 copy from its control characters and header lines.
/// Ordinary text, even with a stray control character, gives `None`.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0x16)?;
    let opens = bytes[start] == 0x01 || bytes[start..].starts_with(b"ZCZC");
    let window = &bytes[..bytes.len().min(4096)];
    let stx = window.iter().position(|b| *b == 0x02);
    let framed = stx.is_some_and(|at| bytes[at..].contains(&0x03));
    if !opens && !framed {
        return None;
    }
    let head = &bytes[..stx.unwrap_or_else(|| bytes.len().min(512))];
    let is =
        |pattern: &LazyLock<Option<BytesRegex>>| pattern.as_ref().is_some_and(|r| r.is_match(head));
    if is(&ANPA_START) || is(&ANPA_SELECTOR_BYTES) {
        return Some(Format::Anpa1312);
    }
    if is(&IPTC_HEADER_BYTES) {
        return Some(Format::Iptc7901);
    }
    if !opens {
        // STX and ETX alone, without a header either standard would write, are not enough.
        return None;
    }
    // An SOH start with an unrecognised header: ANPA lines open with SYN SYN.
    Some(if bytes[..start].contains(&0x16) {
        Format::Anpa1312
    } else {
        Format::Iptc7901
    })
}

/// Parses teletype copy (decoded with its control characters kept); a file may hold several
/// messages, each its own article.
pub fn parse(text: &str, format: Format) -> Result<Vec<Draft>, Refused> {
    let drafts: Vec<Draft> = split_messages(text)
        .into_iter()
        .filter_map(|message| parse_message(message, format))
        .collect();
    if drafts.is_empty() {
        return Err(
            "no story text between the control characters (SOH, STX, ETX)"
                .to_string()
                .into(),
        );
    }
    Ok(drafts)
}

/// Messages start at SOH (or at a `ZCZC` line when the copy has no SOH).
fn split_messages(text: &str) -> Vec<&str> {
    let starts: Vec<usize> = if text.contains(SOH) {
        text.match_indices(SOH).map(|(i, _)| i).collect()
    } else {
        text.match_indices("ZCZC")
            .filter(|(i, _)| *i == 0 || text[..*i].ends_with('\n'))
            .map(|(i, _)| i)
            .collect()
    };
    if starts.is_empty() {
        return vec![text];
    }
    let mut messages = Vec::with_capacity(starts.len());
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        messages.push(&text[*start..end]);
    }
    messages
}

/// Without STX the header is the first line and the keyword lines (`Example/election/`) after it.
fn split_unframed_header(message: &str) -> (&str, &str) {
    let mut end = message.find('\n').map_or(message.len(), |at| at + 1);
    while let Some(line) = message[end..].split_inclusive('\n').next() {
        let keywords = line.trim();
        if keywords.ends_with('/') && keywords.len() <= 160 {
            end += line.len();
        } else {
            break;
        }
    }
    message.split_at(end)
}

/// What the header line(s) before STX say.
#[derive(Default)]
struct Header {
    urgency: Option<u8>,
    slugline: Option<String>,
    version: Option<String>,
    subjects: Vec<String>,
    agency: Option<String>,
}

/// One line of the text, its control characters and format marks read and removed.
#[derive(Debug)]
struct Line {
    text: String,
    indented: bool,
    /// ANPA `^` (a heading line in AP copy) or `<` (quad left, the end of a heading line).
    marked: bool,
    /// Ends with `=`, the terminator of the heading block.
    terminated: bool,
}

fn parse_message(message: &str, format: Format) -> Option<Draft> {
    let anpa = format == Format::Anpa1312;
    let mut message =
        message.trim_start_matches(|c: char| c == SOH || c == SYN || c.is_whitespace());
    if let Some(rest) = message.strip_prefix("ZCZC") {
        message = rest;
    }
    if let Some(end) = message.find(EOT) {
        message = &message[..end];
    }
    if let Some(end) = message.find("\nNNNN") {
        message = &message[..end];
    }
    let (header, rest) = match message.find(STX) {
        Some(at) => (&message[..at], &message[at + STX.len_utf8()..]),
        None => split_unframed_header(message.trim_start()),
    };
    let (body, trailer) = match rest.find(ETX) {
        Some(at) => (&rest[..at], &rest[at + ETX.len_utf8()..]),
        None => (rest, ""),
    };

    let header = read_header(header, format);
    let lines: Vec<Line> = body.lines().map(|l| read_line(l, anpa)).collect();
    let (heading_range, body_start) = heading_block(&lines);

    let mut draft = Draft {
        wire: WireMeta {
            urgency: header.urgency,
            slugline: header.slugline,
            version: header.version,
            subjects: header.subjects,
            ..WireMeta::default()
        },
        ..Draft::default()
    };
    let mut ednotes = read_heading(&lines[heading_range], &mut draft);

    let (mut paragraphs, notes) = paragraphs(&lines[body_start..]);
    // A sign-off in the notebook closes the copy: the lead stage reads it there.
    paragraphs.extend(read_notes(&notes, &mut draft, &mut ednotes));
    draft.wire.ednote = join_notes(&ednotes);

    let stamp = read_trailer(trailer);
    if let Some(stamp) = &stamp {
        draft.editor_codes.push(stamp.text.clone());
        draft.meta.published.clone_from(&stamp.published);
    }
    draft.meta.agency = stamp.and_then(|s| s.agency).or(header.agency);
    // The slug names the story across its takes and writethrus.
    draft.item = draft
        .wire
        .slugline
        .as_ref()
        .map(|slug| format!("{}:{}", format.name(), slug.to_lowercase()));
    if anpa {
        // ANPA's typewriter dash.
        for p in &mut paragraphs {
            *p = p.replace(" _ ", " — ");
            if let Some(rest) = p.strip_suffix(" _") {
                *p = format!("{rest} —");
            }
        }
    }
    draft.paragraphs = paragraphs;
    if draft.paragraphs.is_empty() && draft.headline.is_none() {
        return None;
    }
    Some(draft)
}

fn read_header(header: &str, format: Format) -> Header {
    let mut out = Header::default();
    let lines: Vec<String> = header
        .lines()
        .map(|l| {
            let spaced: String = l
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            text::fold_whitespace(&spaced)
        })
        .filter(|l| !l.is_empty())
        .collect();
    let mut keyword_lines = Vec::new();
    for line in &lines {
        if format == Format::Anpa1312
            && let Some(caps) = captures(&ANPA_SELECTOR, line)
        {
            out.urgency = anpa_priority(&caps["pri"]);
            out.subjects.push(caps["cat"].to_string());
            out.slugline = Some(caps["slug"].to_string());
            let version = caps["ver"].trim();
            if !version.is_empty() {
                out.version = Some(version.to_string());
            }
        } else if format == Format::Iptc7901
            && out.urgency.is_none()
            && let Some(caps) = captures(&IPTC_HEADER, line)
        {
            out.urgency = caps["pri"].parse().ok().filter(|p| (1..=8).contains(p));
            out.subjects.push(caps["cat"].to_string());
            out.agency = caps["rest"]
                .split_whitespace()
                .rev()
                .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .and_then(agency_code);
        } else if format == Format::Iptc7901 {
            keyword_lines.push(line.as_str());
        }
    }
    // IPTC keyword lines: `Germany-politics/`, `Partei/Deutschland/Grüne/`.
    if let Some(first) = keyword_lines.first() {
        out.slugline = Some(first.trim_end_matches('/').trim().to_string());
    }
    for line in keyword_lines {
        out.subjects.extend(
            line.split('/')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// ANPA priority letters: flash, bulletin, urgent, regular, deferred.
fn anpa_priority(code: &str) -> Option<u8> {
    match code.to_ascii_lowercase().as_str() {
        "f" => Some(1),
        "b" => Some(2),
        "u" => Some(3),
        "r" => Some(4),
        "d" => Some(5),
        _ => None,
    }
}

/// An agency code as headers and trailers write it (`dpa`, `dpa-tns`, `AP`), as its short name.
fn agency_code(code: &str) -> Option<String> {
    agencies::lookup(code)
        .or_else(|| code.split(['-', '/']).find_map(agencies::lookup))
        .map(str::to_string)
}

fn read_line(raw: &str, anpa: bool) -> Line {
    let visible = raw.trim_start_matches(|c: char| c.is_control() && c != '\t');
    let indented = visible.starts_with('\t') || visible.starts_with("  ");
    let spaced: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut text = text::fold_whitespace(&spaced);
    let mut marked = false;
    if anpa {
        if let Some(rest) = text.strip_prefix('^') {
            text = rest.trim().to_string();
            marked = true;
        }
        if let Some(rest) = text.strip_suffix('<') {
            text = rest.trim().to_string();
            marked = true;
        }
        // ANPA's typewriter quotes: ``…'' and `…'.
        text = text.replace("``", "“").replace("''", "”").replace('`', "‘");
    }
    let terminated = text.ends_with('=');
    if terminated {
        text = text.trim_end_matches('=').trim_end().to_string();
    }
    Line {
        text,
        indented,
        marked,
        terminated,
    }
}

/// The heading block (headline, byline, notes) that opens the text: the unindented lines before
/// the first paragraph, up to the `=` that ends it, or the marked ANPA heading lines.
/// Returns its range and where the body starts.
fn heading_block(lines: &[Line]) -> (std::ops::Range<usize>, usize) {
    let first = lines
        .iter()
        .position(|l| !l.text.is_empty())
        .unwrap_or(lines.len());
    let run = lines[first..]
        .iter()
        .take_while(|l| !l.text.is_empty() && !l.indented)
        .count();
    let block = &lines[first..first + run];
    let len = if let Some(last) = block.iter().rposition(|l| l.terminated) {
        last + 1
    } else if let Some(last) = block.iter().rposition(|l| l.marked) {
        last + 1
    } else {
        let joined = block
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let body_follows = lines[first + run..].iter().any(|l| !l.text.is_empty());
        let headline_like = (1..=2).contains(&run)
            && joined.split_whitespace().count() <= 30
            && text::sentence_ends(&joined).len() <= 1;
        if body_follows && headline_like && dateline::parse(&joined).is_none() {
            run
        } else {
            0
        }
    };
    (first..first + len, first + len)
}

/// Reads the heading lines into headline, byline line and version; returns the editor's notes.
fn read_heading(lines: &[Line], draft: &mut Draft) -> Vec<String> {
    let items = join_parentheses(lines);
    let mut headline: Vec<&str> = Vec::new();
    let mut headline_closed = false;
    let mut after_byline = false;
    let mut notes: Vec<String> = Vec::new();
    let mut versions: Vec<String> = Vec::new();
    for (i, (item, line)) in items.iter().enumerate() {
        let was_after_byline = std::mem::take(&mut after_byline);
        if item.is_empty() {
            continue;
        }
        if i == 0
            && let Some(caps) = captures(&KEYWORD_LINE, item)
        {
            draft.wire.slugline = Some(caps["slug"].trim().to_string());
            if let Some(version) = caps.name("ver") {
                draft.wire.version = Some(version.as_str().trim().to_string());
            }
        } else if draft.meta.byline_line.is_none() && matches(&BYLINE, item) {
            draft.meta.byline_line = Some(item.clone());
            after_byline = true;
            headline_closed |= !headline.is_empty();
        } else if was_after_byline && line.terminated && item.split_whitespace().count() <= 6 {
            // The byline's title line: `Associated Press`, `AP Sports Writer`.
        } else if let Some(caps) = captures(&EDNOTE, item) {
            notes.push(caps["note"].trim().to_string());
            headline_closed |= !headline.is_empty();
        } else if item.starts_with('(') && item.ends_with(')') {
            let inner = item[1..item.len() - 1].trim();
            if !inner.is_empty() {
                notes.push(inner.to_string());
            }
            headline_closed |= !headline.is_empty();
        } else if matches(&VERSION_MARK, item) {
            versions.push(item.clone());
        } else if matches(&MEDIA_REF, item) && item.split_whitespace().count() <= 15 {
            // Photo and graphic numbers carry nothing for the reader.
        } else if !headline_closed {
            headline.push(item);
            // ANPA heading lines are whole lines; a second one is a summary, not a wrap.
            headline_closed = line.marked;
        }
    }
    let headline = text::fold_whitespace(&headline.join(" "));
    draft.headline = (!headline.is_empty()).then_some(headline);
    if !versions.is_empty() {
        draft.wire.version = Some(versions.join(", "));
    }
    notes
}

/// Notes as one line: `; ` between them, a space after one that introduces a list (`:`).
fn join_notes(notes: &[String]) -> Option<String> {
    let mut out = String::new();
    for note in notes.iter().filter(|n| !n.is_empty()) {
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { "; " });
        }
        out.push_str(note);
    }
    (!out.is_empty()).then_some(out)
}

/// Heading lines with a parenthesised note over several lines joined into one item.
fn join_parentheses(lines: &[Line]) -> Vec<(String, &Line)> {
    let mut items: Vec<(String, &Line)> = Vec::new();
    let mut depth = 0i32;
    for line in lines {
        if depth > 0
            && let Some((last, _)) = items.last_mut()
        {
            last.push(' ');
            last.push_str(&line.text);
        } else {
            items.push((line.text.clone(), line));
        }
        depth += paren_balance(&line.text);
        depth = depth.max(0);
    }
    items
}

fn paren_balance(text: &str) -> i32 {
    text.chars()
        .map(|c| match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        })
        .sum()
}

/// Joins hard-wrapped lines into paragraphs: a blank line or an indented line starts one.
/// Stops at an agency notebook (`# Notebook`, `* * * *`) and returns its lines apart.
fn paragraphs(lines: &[Line]) -> (Vec<String>, Vec<&Line>) {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut notes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.indented && (line.text.starts_with("# ") || line.text.starts_with("## ")) {
            notes.extend(&lines[i..]);
            break;
        }
        if (line.text.is_empty() || line.indented) && !current.is_empty() {
            out.push(text::fold_whitespace(&current.join(" ")));
            current.clear();
        }
        if !line.text.is_empty() {
            current.push(&line.text);
        }
    }
    if !current.is_empty() {
        out.push(text::fold_whitespace(&current.join(" ")));
    }
    (out, notes)
}

/// Reads an agency notebook (`# Notebook`, `## Note to editors`, `## Editorial contacts`):
/// editor's notes (into `ednotes`) and reporting credits. Returns its sign-off lines.
fn read_notes(notes: &[&Line], draft: &mut Draft, ednotes: &mut Vec<String>) -> Vec<String> {
    let mut section = String::new();
    let mut items: Vec<(String, String)> = Vec::new();
    let mut sign_offs = Vec::new();
    for line in notes {
        let text = line.text.as_str();
        if let Some(title) = text.strip_prefix('#') {
            section = title.trim_start_matches('#').trim().to_lowercase();
        } else if let Some(item) = text.strip_prefix("- ") {
            items.push((section.clone(), item.trim().to_string()));
        } else if line.indented
            && !text.is_empty()
            && let Some((_, last)) = items.last_mut()
        {
            last.push(' ');
            last.push_str(text);
        } else if trailer::initials(text).is_some() {
            sign_offs.push(text.to_string());
        }
    }
    for (section, item) in items {
        if matches(&NOTE_CREDIT, &item) {
            let cut = CONTACT_TAIL
                .as_ref()
                .and_then(|r| r.find(&item))
                .map_or(item.len(), |m| m.start());
            draft.credits.push(item[..cut].trim().to_string());
        } else if (section.contains("note") || section.contains("hinweis"))
            && !section.contains("contact")
            && !section.contains("kontakt")
        {
            ednotes.push(item);
        }
    }
    sign_offs
}

/// The trailer after ETX: its text, the date it gives and the agency it names.
struct Stamp {
    text: String,
    published: Option<String>,
    agency: Option<String>,
}

fn read_trailer(trailer: &str) -> Option<Stamp> {
    let spaced: String = trailer
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text::fold_whitespace(&spaced);
    let text = text.trim_end_matches('<').trim().to_string();
    if text.is_empty() {
        return None;
    }
    let num = |caps: &regex::Captures<'_>, name: &str| {
        caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok())
    };
    let (date, time, agency) = if let Some(caps) = captures(&ANPA_TRAILER, &text) {
        let date = civil_date(num(&caps, "y"), num(&caps, "m"), num(&caps, "d"));
        let time = caps.name("tz").and(num(&caps, "hh").zip(num(&caps, "mi")));
        (date, time, agency_code(&caps["agency"]))
    } else if let Some(caps) = captures(&IPTC_TRAILER, &text) {
        let month = calendar::month(&caps["mon"]).map(i16::from);
        let date = civil_date(num(&caps, "y"), month, num(&caps, "d"));
        let time = caps.name("tz").and(num(&caps, "hh").zip(num(&caps, "mi")));
        (date, time, None)
    } else {
        (None, None, None)
    };
    let published = date.map(|d| match time {
        Some((h, m)) if h < 24 && m < 60 => format!("{d}T{h:02}:{m:02}:00Z"),
        _ => d.to_string(),
    });
    Some(Stamp {
        text,
        published,
        agency,
    })
}

fn civil_date(
    year: Option<i16>,
    month: Option<i16>,
    day: Option<i16>,
) -> Option<jiff::civil::Date> {
    dates::civil(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for pattern in [
            &ANPA_SELECTOR,
            &IPTC_HEADER,
            &KEYWORD_LINE,
            &BYLINE,
            &EDNOTE,
            &VERSION_MARK,
            &MEDIA_REF,
            &ANPA_TRAILER,
            &IPTC_TRAILER,
            &NOTE_CREDIT,
            &CONTACT_TAIL,
        ] {
            assert!(pattern.is_some());
        }
        for pattern in [&ANPA_START, &ANPA_SELECTOR_BYTES, &IPTC_HEADER_BYTES] {
            assert!(pattern.is_some());
        }
    }

    #[test]
    fn detects_both_standards_and_leaves_text_alone() {
        let anpa = b"\x16\x16\x01a0001\x1fabc\nr a\x13\x11 BC-Test 01-02 0100\n\x02text\x03";
        assert_eq!(detect(anpa), Some(Format::Anpa1312));
        let iptc = b"\x01xyz001 3 i 120  abc 001\n\nTest/\n\x02Head =\n\nBody.\n\x03\x04";
        assert_eq!(detect(iptc), Some(Format::Iptc7901));
        let zczc = b"ZCZC\nxyz001 3 i 120\nHead\nBody\nNNNN\n";
        assert_eq!(detect(zczc), Some(Format::Iptc7901));
        assert_eq!(detect(b"Headline\n\nPARIS (AFP) - Text.\n"), None);
        assert_eq!(detect(b"Odd \x02 control \x03 bytes"), None);
    }

    #[test]
    fn trailer_dates() {
        let anpa = read_trailer("AP-WF-11-13-13 1509GMT<").unwrap();
        assert_eq!(anpa.published.as_deref(), Some("2013-11-13T15:09:00Z"));
        assert_eq!(anpa.agency.as_deref(), Some("AP"));
        let iptc = read_trailer("071341 GMT Okt 15 ").unwrap();
        assert_eq!(iptc.published.as_deref(), Some("2015-10-07T13:41:00Z"));
        let local = read_trailer("251037 Sep 24").unwrap();
        assert_eq!(local.published.as_deref(), Some("2024-09-25"));
    }
}
