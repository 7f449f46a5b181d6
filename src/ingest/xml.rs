//! The XML layer shared by NITF, NewsML-G2 and NewsML 1.2: a small element tree built safely
//! with quick-xml (no DTD entity expansion, a depth limit, truncation reported with the element
//! left open), queries by local name, paragraph collection from story bodies, and the lead
//! rules every XML format shares (dateline in the body or the metadata, byline, agency, dates).

use std::sync::LazyLock;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use regex::Regex;

use super::{agencies, dateline};
use crate::article::{Article, Dateline};

/// How deep elements may nest. Real wire copy stays far below; a hostile file does not.
pub const MAX_DEPTH: usize = 200;

/// A node of the tree: an element or a run of text (entities already decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with its local name (prefix dropped) and attributes (local names too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// Parses a whole document into its root element.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The bottom of the stack is the document itself; entries remember where they opened.
    let mut stack: Vec<(Element, u64)> = vec![(Element::default(), 0)];
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            format!(
                "{e} (line {})",
                line_at(text, reader.error_position().max(at))
            )
        })?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elements nest deeper than {MAX_DEPTH} levels (at <{}>, line {})",
                        local(start.name().as_ref()),
                        line_at(text, at)
                    ));
                }
                stack.push((element_from(&start), at));
            }
            Event::Empty(start) => {
                let element = element_from(&start);
                top(&mut stack).children.push(Node::Element(element));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(format!(
                        "a closing tag with no open element (line {})",
                        line_at(text, at)
                    ));
                }
                if let Some((element, _)) = stack.pop() {
                    top(&mut stack).children.push(Node::Element(element));
                }
            }
            Event::Text(t) => push_text(top(&mut stack), &t.xml10_content()),
            Event::CData(c) => push_text(top(&mut stack), &c.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => predefined(&name),
                };
                // Any other entity would need the DTD: it stays as written, never expanded.
                match decoded {
                    Some(c) => push_text(top(&mut stack), c.encode_utf8(&mut [0; 4])),
                    None => push_text(top(&mut stack), &format!("&{name};")),
                }
            }
            Event::DocType(d) => {
                if d.xml10_content().to_ascii_uppercase().contains("<!ENTITY") {
                    return Err(format!(
                        "the DOCTYPE declares entities (line {}); entity definitions are refused, not expanded",
                        line_at(text, at)
                    ));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if stack.len() > 1
        && let Some((open, at)) = stack.last()
    {
        return Err(format!(
            "the file ends before <{}> (opened on line {}) is closed; is it truncated?",
            open.name,
            line_at(text, *at)
        ));
    }
    stack
        .pop()
        .and_then(|(doc, _)| {
            doc.children.into_iter().find_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
        })
        .ok_or_else(|| "no root element".to_string())
}

fn top(stack: &mut Vec<(Element, u64)>) -> &mut Element {
    if stack.is_empty() {
        stack.push((Element::default(), 0));
    }
    let last = stack.len() - 1;
    &mut stack[last].0
}

fn push_text(element: &mut Element, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(last)) = element.children.last_mut() {
        last.push_str(text);
    } else {
        element.children.push(Node::Text(text.to_string()));
    }
}

fn element_from(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = local(a.key.as_ref());
            (key, unescape(&a.value))
        })
        .collect();
    Element {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

/// The local part of a qualified name: `nitf:p` → `p`, `xml:lang` → `lang`.
fn local(name: &str) -> String {
    name.rsplit_once(':').map_or(name, |(_, l)| l).to_string()
}

fn line_at(text: &str, offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.get(..end).unwrap_or(text).matches('\n').count() + 1
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

/// Decodes the five predefined entities and character references; anything else stays as written.
pub fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(end) = after.find(';').filter(|e| *e <= 10)
            && let Some(c) = predefined(&after[..end])
        {
            out.push(c);
            rest = &after[end + 1..];
            continue;
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

impl Element {
    /// Whether the local name is `name`, ignoring ASCII case (`P` in HTML bodies, `HeadLine`).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A trimmed, non-empty attribute.
    pub fn attr_text(&self, name: &str) -> Option<String> {
        self.attr(name).map(fold).filter(|v| !v.is_empty())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.is(name))
    }

    /// The first descendant named `name`, depth first.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for child in self.elements() {
            if child.is(name) {
                return Some(child);
            }
            if let Some(found) = child.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// Every descendant named `name`, in document order (not looking inside matches).
    pub fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for child in self.elements() {
            if child.is(name) {
                out.push(child);
            } else {
                child.collect(name, out);
            }
        }
    }

    /// All the text inside, as written (line breaks kept; `<br/>` becomes a space).
    pub fn raw_text(&self) -> String {
        let mut out = String::new();
        self.raw_into(&mut out, &|_| false);
        out
    }

    fn raw_into(&self, out: &mut String, skip: &dyn Fn(&Element) -> bool) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.is("br") => out.push(' '),
                Node::Element(e) if !skip(e) => e.raw_into(out, skip),
                Node::Element(_) => {}
            }
        }
    }

    /// The text inside with white space folded.
    pub fn text(&self) -> String {
        fold(&self.raw_text())
    }

    /// The text inside, leaving out descendants named in `skip`.
    pub fn text_without(&self, skip: &[&str]) -> String {
        let mut out = String::new();
        self.raw_into(&mut out, &|e| skip.iter().any(|s| e.is(s)));
        fold(&out)
    }

    /// The folded text of the first child named `name`, when it has any.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(Element::text)
            .filter(|t| !t.is_empty())
    }

    /// The folded text of the first descendant named `name`, when it has any.
    pub fn find_text(&self, name: &str) -> Option<String> {
        self.find_all(name)
            .into_iter()
            .map(Element::text)
            .find(|t| !t.is_empty())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|w| w.eq_ignore_ascii_case(class)))
    }
}

/// White space folded to single spaces, trimmed.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A story body: its paragraphs and, when the markup marks one, the dateline text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub dateline: Option<String>,
}

/// Elements of a body that are not story text: page furniture, headings, media.
const NOT_TEXT: &[&str] = &[
    "head",
    "header",
    "footer",
    "title",
    "script",
    "style",
    "figure",
    "figcaption",
    "media",
    "hl1",
    "hl2",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "aside",
    "table",
];

/// The paragraphs of a body element (NITF `body.content`, an XHTML `body`, a NewsML
/// `DataContent`). `<p>` elements are the paragraphs; a body without any is read as text, and
/// text that holds escaped markup (CDATA HTML) is read as HTML.
pub fn body(root: &Element) -> Body {
    let mut body = Body::default();
    walk(root, &mut body);
    if body.paragraphs.is_empty() {
        let text = root.raw_text();
        body.paragraphs = if MARKUP.is_match(&text) {
            markup_paragraphs(&text)
        } else {
            plain_paragraphs(&text)
        };
    }
    body
}

fn walk(element: &Element, body: &mut Body) {
    for child in element.elements() {
        if NOT_TEXT.iter().any(|n| child.is(n)) {
            continue;
        }
        if child.is("p") {
            let mut raw = String::new();
            if body.dateline.is_none()
                && let Some(span) = dateline_span(child)
            {
                body.dateline = Some(span.text());
                child.raw_into(&mut raw, &|e| std::ptr::eq(e, span));
            } else {
                child.raw_into(&mut raw, &|_| false);
            }
            body.paragraphs.extend(split_preformatted(&raw));
        } else {
            walk(child, body);
        }
    }
}

fn dateline_span(p: &Element) -> Option<&Element> {
    p.elements().find_map(|e| {
        if e.has_class("dateline") {
            Some(e)
        } else {
            dateline_span(e)
        }
    })
}

static MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(?:p|div|br)\b[^>]*>").expect("markup regex"));
static BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?(?:p|div)\b[^>]*>").expect("block regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("tag regex"));
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("br regex"));

/// Paragraphs of HTML held as text (CDATA or escaped), read leniently: it need not be
/// well-formed, so it is split at block tags rather than parsed.
pub fn markup_paragraphs(html: &str) -> Vec<String> {
    let html = BR.replace_all(html, " ");
    BLOCK
        .split(&html)
        .flat_map(|chunk| split_preformatted(&unescape(&TAG.replace_all(chunk, ""))))
        .collect()
}

/// Paragraphs of plain text: blank lines separate them (and indented lines, in copy laid out
/// the teletype way).
pub fn plain_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").flat_map(split_preformatted).collect()
}

/// One paragraph's text, or several when it is pre-formatted wire copy: lines at the margin
/// continue a paragraph and an indented line starts one. Text whose every line is indented is
/// only pretty-printed XML, and stays one paragraph.
fn split_preformatted(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let later = lines.get(1..).unwrap_or_default();
    let indented = |l: &&str| l.starts_with("  ") || l.starts_with('\t');
    let has_indented = later.iter().any(|l| indented(l) && !l.trim().is_empty());
    let has_flush = later
        .iter()
        .any(|l| !l.is_empty() && !l.starts_with(char::is_whitespace));
    if !(has_indented && has_flush) {
        let one = fold(raw);
        return if one.is_empty() { vec![] } else { vec![one] };
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() || (i > 0 && indented(line)) {
            let done = fold(&current);
            if !done.is_empty() {
                out.push(done);
            }
            current.clear();
        }
        current.push(' ');
        current.push_str(line);
    }
    let done = fold(&current);
    if !done.is_empty() {
        out.push(done);
    }
    out
}

/// An ISO date from the forms feeds write: `20151210T191044Z`, `2016-05-12T00:05:13+02:00`,
/// `20240710`.
pub fn iso_date(text: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])").expect("date regex")
    });
    let c = DATE.captures(text)?;
    let year: i16 = c[1].parse().ok()?;
    let month: i8 = c[2].parse().ok()?;
    let day: i8 = c[3].parse().ok()?;
    jiff::civil::Date::new(year, month, day)
        .ok()
        .map(|d| d.to_string())
}

/// A byline as the story should show it: white space folded, a leading "By " dropped.
pub fn byline(text: &str) -> Option<String> {
    let text = fold(text);
    let text = match text.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => text[3..].trim().to_string(),
        _ => text,
    };
    let text = text
        .trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string();
    (!text.is_empty()).then_some(text)
}

/// An agency name from a metadata field: a credit line, a copyright holder or notice, a
/// provider's domain (`reuters.com`). Known agencies get their short name.
pub fn agency(text: &str) -> Option<String> {
    static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:©|\(c\)|copyright)?\s*(?:\d{4}\s*,?)?\s*").expect("notice regex")
    });
    let text = fold(text);
    let text = NOTICE.replace(&text, "");
    let text = text.trim_matches(|c: char| c.is_whitespace() || "-–—,.:;/".contains(c));
    if text.is_empty() {
        return None;
    }
    if let Some(short) = agencies::lookup(text) {
        return Some(short.to_string());
    }
    // A bare domain names the agency by its first label.
    if !text.contains(' ')
        && let Some((name, _)) = text.trim_start_matches("www.").split_once('.')
    {
        return Some(agencies::lookup(name).map_or_else(|| name.to_string(), str::to_string));
    }
    Some(text.to_string())
}

/// A dateline from a metadata field (`STOCKHOLM, Aug 29, 2014 (AFP) -`, `London (dpa) - `,
/// `Helsinki`, `Strasbourg, 10 juil 2024 (AFP)`). A bare date is no place.
pub fn meta_dateline(text: &str) -> Option<Dateline> {
    let text = fold(text);
    if text.is_empty() {
        return None;
    }
    if let Some(found) = dateline::parse(&text).or_else(|| dateline::parse(&format!("{text} -")))
        && (found.dateline.place.is_some() || found.dateline.agency.is_some())
    {
        return Some(Dateline {
            text: text.clone(),
            ..found.dateline
        });
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "-–—:".contains(c));
    let (rest, agency) = match trimmed.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((rest, agency)) => (rest.trim(), Some(agency.trim().to_string())),
        None => (trimmed, None),
    };
    let place = rest.split(',').next().unwrap_or("").trim();
    let place_ok = !place.is_empty()
        && place.chars().any(char::is_alphabetic)
        && !place.chars().any(|c| c.is_ascii_digit())
        && place.chars().count() <= 40
        && place.split_whitespace().count() <= 5;
    if !place_ok && agency.is_none() {
        return None;
    }
    Some(Dateline {
        place: place_ok.then(|| place.to_string()),
        agency,
        text,
        ..Dateline::default()
    })
}

/// A dateline opening a paragraph, in the general form or the forms some agencies use:
/// agency first (`(ANSA) - Rome, October 11 -`), a Spanish `.-` dash (`Tegucigalpa, Jan 2
/// (EFE).-`), a Nordic colon (`København /ritzau/:`, `Oslo (NTB):`). Returns it and where the
/// story text starts.
pub fn lead_dateline(paragraph: &str) -> Option<(Dateline, usize)> {
    static AGENCY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(([^()]{2,40})\)\s*(?:[-–—]+|--)\s+").expect("agency-first regex")
    });
    static SPANISH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.{3,100}?\))\s*\.-\s*").expect("spanish dash regex"));
    static COLON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\p{Lu}[\p{L}.' -]{1,40}?)\s*(?:/([\p{L} -]{2,30})/|\(([\p{L} -]{2,30})\))\s*:\s+",
        )
        .expect("colon dateline regex")
    });
    // Agency first is tried first: the general rule would read `(ANSA) -` alone as a
    // dateline without a place and leave `Rome, October 11 -` in the text.
    if let Some(m) = AGENCY_FIRST.captures(paragraph)
        && m[1].split_whitespace().count() <= 5
    {
        let whole = m.get(0)?;
        let name = m.get(1)?.as_str().trim();
        let rest = &paragraph[whole.end()..];
        if let Some(inner) = dateline::parse(rest).filter(|f| f.dateline.place.is_some()) {
            let end = whole.end() + inner.rest_start;
            return Some((
                Dateline {
                    agency: Some(name.to_string()),
                    text: paragraph[..end].trim().to_string(),
                    ..inner.dateline
                },
                end,
            ));
        }
        return Some((
            Dateline {
                agency: Some(name.to_string()),
                text: whole.as_str().trim().to_string(),
                ..Dateline::default()
            },
            whole.end(),
        ));
    }
    if let Some(found) = dateline::parse(paragraph) {
        return Some((found.dateline, found.rest_start));
    }
    if let Some(m) = SPANISH.captures(paragraph) {
        let whole = m.get(0)?;
        let found = dateline::parse(&format!("{} - x", m.get(1)?.as_str()))?;
        return Some((
            Dateline {
                text: whole.as_str().trim().to_string(),
                ..found.dateline
            },
            whole.end(),
        ));
    }
    if let Some(m) = COLON.captures(paragraph) {
        let whole = m.get(0)?;
        let agency = m.get(2).or_else(|| m.get(3))?.as_str().trim();
        return Some((
            Dateline {
                place: Some(m.get(1)?.as_str().trim().to_string()),
                agency: Some(agency.to_string()),
                text: whole.as_str().trim().to_string(),
                ..Dateline::default()
            },
            whole.end(),
        ));
    }
    None
}

/// How many opening paragraphs may stand before the dateline (update notes, bullet points, a
/// byline line), and how long each of them may be.
const LEAD_SEARCH: usize = 8;
const NOTE_LEN: usize = 160;

/// Settles the dateline, byline and agency of an article whose paragraphs and metadata are in:
/// a dateline in the body wins (it is stripped from its paragraph; the metadata fills a place
/// or date it lacks), else the metadata dateline stands; a "By …" line before the dateline is
/// the byline; the agency is the dateline's, else the metadata's.
pub fn settle(article: &mut Article, meta: Option<Dateline>, meta_agency: Option<String>) {
    if article.dateline.is_none() {
        // With a place from the metadata, only the lead itself may override it: a dash further
        // down is more likely prose than a late dateline.
        let search = if meta.as_ref().is_some_and(|m| m.place.is_some()) {
            1
        } else {
            LEAD_SEARCH
        };
        let mut found = None;
        for (i, p) in article.paragraphs.iter().enumerate().take(search) {
            if let Some(hit) = lead_dateline(p) {
                found = Some((i, hit));
                break;
            }
            if p.chars().count() > NOTE_LEN {
                break;
            }
        }
        if let Some((i, (mut dl, rest_start))) = found {
            let rest = article.paragraphs[i]
                .get(rest_start..)
                .unwrap_or("")
                .trim()
                .to_string();
            if rest.is_empty() {
                article.paragraphs.remove(i);
            } else {
                article.paragraphs[i] = rest;
            }
            let mut kept = Vec::new();
            for (j, p) in article.paragraphs.drain(..).enumerate() {
                let is_by = j < i && p.len() > 3 && p[..3].eq_ignore_ascii_case("by ");
                if is_by && article.byline.is_none() {
                    article.byline = byline(&p);
                } else if !is_by {
                    kept.push(p);
                }
            }
            article.paragraphs = kept;
            if let Some(meta) = &meta {
                if dl.place.is_none() {
                    dl.place.clone_from(&meta.place);
                    dl.region.clone_from(&meta.region);
                }
                if dl.date.is_none() {
                    dl.date.clone_from(&meta.date);
                }
            }
            article.dateline = Some(dl);
        } else {
            article.dateline = meta;
        }
    }
    if article.published.is_none() {
        article.published = article.dateline.as_ref().and_then(|d| d.date.clone());
    }
    let from_dateline = article
        .dateline
        .as_ref()
        .and_then(|d| d.agency.as_deref())
        .and_then(agency);
    article.agency = from_dateline.or(meta_agency);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_and_attributes() {
        let root = parse(r#"<n:a xmlns:n="u" xml:lang="en"><n:b k="1 &amp; 2"/></n:a>"#).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("lang"), Some("en"));
        assert_eq!(root.child("B").and_then(|b| b.attr("k")), Some("1 & 2"));
    }

    #[test]
    fn only_predefined_and_numeric_entities() {
        let root = parse("<a>&lt;x&gt; &#233;&#x41; &nbsp;</a>").unwrap();
        assert_eq!(root.text(), "<x> éA &nbsp;");
        assert_eq!(unescape("a &amp;&amp; b &bogus; &#39;"), "a && b &bogus; '");
    }

    #[test]
    fn refuses_entity_declarations() {
        let err = parse("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").unwrap_err();
        assert!(err.contains("DOCTYPE declares entities"), "{err}");
    }

    #[test]
    fn truncation_names_the_open_element() {
        let err = parse("<a>\n<b>\n<c>text").unwrap_err();
        assert!(err.contains("<c> (opened on line 3)"), "{err}");
    }

    #[test]
    fn depth_is_limited() {
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        let err = parse(&deep).unwrap_err();
        assert!(err.contains("nest deeper"), "{err}");
    }

    #[test]
    fn inline_markup_joins_and_br_is_a_space() {
        let root = parse("<p>One <b>bold</b>word<br/>next</p>").unwrap();
        assert_eq!(root.text(), "One boldword next");
    }

    #[test]
    fn dateline_span_is_taken_out() {
        let root = parse(
            r#"<body><header><p>Kicker</p></header><p><span class="dateline">Lyon (XA) - </span>Text here.</p><p>Two.</p></body>"#,
        )
        .unwrap();
        let b = body(&root);
        assert_eq!(b.dateline.as_deref(), Some("Lyon (XA) -"));
        assert_eq!(b.paragraphs, ["Text here.", "Two."]);
    }

    #[test]
    fn preformatted_copy_splits_at_indented_lines() {
        let raw = "First line\ncontinues here.\n    Second para\ncontinues.\n    Third.";
        assert_eq!(
            split_preformatted(raw),
            [
                "First line continues here.",
                "Second para continues.",
                "Third."
            ]
        );
        let pretty = "One sentence\n        wrapped by an indenting printer.";
        assert_eq!(split_preformatted(pretty).len(), 1);
    }

    #[test]
    fn cdata_html_paragraphs() {
        let ps = markup_paragraphs("<P>One &amp; two.</P>\n<P> </P><P>Three<br>four</P>");
        assert_eq!(ps, ["One & two.", "Three four"]);
    }

    #[test]
    fn dates_from_feed_forms() {
        assert_eq!(iso_date("20151210T191044Z").as_deref(), Some("2015-12-10"));
        assert_eq!(
            iso_date("2016-05-12T00:05:13+02:00").as_deref(),
            Some("2016-05-12")
        );
        assert_eq!(iso_date("20240710").as_deref(), Some("2024-07-10"));
        assert_eq!(iso_date("4/4/2018"), None);
    }

    #[test]
    fn lead_dateline_forms() {
        let (d, at) = lead_dateline("(XNA) - Lyon, March 3 - The text.").unwrap();
        assert_eq!(d.agency.as_deref(), Some("XNA"));
        assert_eq!(d.place.as_deref(), Some("Lyon"));
        assert_eq!(&"(XNA) - Lyon, March 3 - The text."[at..], "The text.");
        let (d, _) = lead_dateline("Quito, Jan 2 (EFE).- Something happened.").unwrap();
        assert_eq!(d.place.as_deref(), Some("Quito"));
        let (d, _) = lead_dateline("Bergen /xna/: Something happened.").unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("Bergen"), Some("xna"))
        );
    }

    #[test]
    fn metadata_datelines() {
        let d = meta_dateline("Tromsø").unwrap();
        assert_eq!(d.place.as_deref(), Some("Tromsø"));
        let d = meta_dateline("Lille, 10 juil 2024 (XNA)").unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("Lille"), Some("XNA"))
        );
        assert!(meta_dateline("4/4/2018").is_none());
    }

    #[test]
    fn settle_takes_a_late_dateline_and_the_byline_before_it() {
        let mut a = Article {
            paragraphs: vec![
                "(Adds detail)".into(),
                "By Jo Roe".into(),
                "Jan 3 (XNA) - Text.".into(),
            ],
            ..Article::default()
        };
        settle(&mut a, None, Some("Meta".into()));
        assert_eq!(a.byline.as_deref(), Some("Jo Roe"));
        assert_eq!(a.paragraphs, ["(Adds detail)", "Text."]);
        assert_eq!(a.agency.as_deref(), Some("XNA"));

        let mut b = Article {
            paragraphs: vec!["Short.".into(), "LYON (XNA) - Text.".into()],
            ..Article::default()
        };
        settle(&mut b, meta_dateline("Tromsø"), None);
        assert_eq!(b.place(), Some("Tromsø"));
    }

    #[test]
    fn bylines_and_agencies() {
        assert_eq!(byline(" By  JANE ROE ").as_deref(), Some("JANE ROE"));
        assert_eq!(byline("  "), None);
        assert_eq!(agency("reuters.com").as_deref(), Some("Reuters"));
        assert_eq!(agency("© 2024 XNA").as_deref(), Some("XNA"));
        assert_eq!(agency("XNA–").as_deref(), Some("XNA"));
    }
}
