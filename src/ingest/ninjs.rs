//! IPTC ninjs, the JSON news item: 1.x (flat `headline`, `body_text`/`body_html`, `byline`,
//! `located`, and the named variants `headline_main`, `body_main`, `body_richtext`,
//! `description_caption`… that 1.x allows for any name) and 2.x/3.x (`headlines[]`, `bodies[]`,
//! `descriptions[]`, `by`, `subjects[]`).
//!
//! A file holds one item, an array of items, or a container whose `items` or `associations`
//! hold them. The JSON is read as untyped values so that one odd field does not lose the story:
//! a story field of the wrong type (`headline` a number, `bodies` a string) is an error naming
//! the field; a metadata field of the wrong type is skipped. Dateline, byline and agency rules are
//! the lead stage's.

use serde_json::{Map, Value};

use super::draft::{Draft, Meta, Refused};
use super::{dates, html};
use crate::article::{Caption, Status, WireMeta, web_address};
use crate::lexicon::agencies;

/// How deep containers may nest before the file is refused.
const MAX_DEPTH: usize = 8;

/// Fields whose presence makes an object a news item rather than a container.
const ITEM_FIELDS: &[&str] = &[
    "headline",
    "headlines",
    "body_text",
    "body_html",
    "body_xhtml",
    "bodies",
    "description_text",
    "description_html",
    "descriptions",
];

/// Item types that carry no story of their own.
const MEDIA_TYPES: &[&str] = &["picture", "graphic", "video", "audio", "image"];

type Object = Map<String, Value>;

pub fn parse(text: &str) -> Result<Vec<Draft>, Refused> {
    read(text).map_err(Refused::Malformed)
}

fn read(text: &str) -> Result<Vec<Draft>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| describe_json_error(&e))?;
    let mut items = Vec::new();
    collect(&value, "the file", 0, &mut items)?;
    if items.is_empty() {
        return Err(
            "no ninjs item found: expected an object with `headline`/`headlines` and \
             `body_text`/`body_html`/`bodies`, an array of them, or `items`"
                .into(),
        );
    }
    let mut drafts = Vec::new();
    for (item, place) in items {
        if let Some(draft) = item_to_draft(item).map_err(|e| format!("{place}: {e}"))? {
            drafts.push(draft);
        }
    }
    Ok(drafts)
}

fn describe_json_error(e: &serde_json::Error) -> String {
    if e.is_eof() {
        format!(
            "the JSON ends too early (line {}, column {}): the file looks truncated",
            e.line(),
            e.column()
        )
    } else {
        format!("invalid JSON: {e}")
    }
}

/// Finds the news items in `value`: the value itself, the members of an array, or the
/// `items`/`associations` of a container that has no story fields of its own.
fn collect<'a>(
    value: &'a Value,
    place: &str,
    depth: usize,
    out: &mut Vec<(&'a Object, String)>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{place}: items nested more than {MAX_DEPTH} deep"));
    }
    match value {
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                let here = if depth == 0 {
                    format!("item {}", i + 1)
                } else {
                    format!("{place}, item {}", i + 1)
                };
                match v {
                    Value::Object(_) => collect(v, &here, depth + 1, out)?,
                    other => {
                        return Err(format!(
                            "{here} is {}, expected a ninjs object",
                            kind(other)
                        ));
                    }
                }
            }
        }
        Value::Object(obj) => {
            if ITEM_FIELDS.iter().any(|f| obj.contains_key(*f))
                || obj.keys().any(|k| named_variant(k).is_some())
            {
                out.push((obj, place.to_string()));
            } else {
                for key in ["items", "associations"] {
                    match obj.get(key) {
                        Some(v @ Value::Array(_)) => collect(v, place, depth + 1, out)?,
                        Some(Value::Object(map)) => {
                            for v in map.values().filter(|v| v.is_object()) {
                                collect(v, place, depth + 1, out)?;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        other => {
            return Err(format!(
                "{place} is {}, expected a ninjs object or an array of them",
                kind(other)
            ));
        }
    }
    Ok(())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A story field that must be a string when present.
fn text_field<'a>(obj: &'a Object, name: &str) -> Result<Option<&'a str>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty())),
        Some(other) => Err(format!("`{name}` is {}, expected a string", kind(other))),
    }
}

/// A story field that must be an array of objects when present.
fn object_list<'a>(obj: &'a Object, name: &str) -> Result<Vec<&'a Object>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_object()
                    .ok_or_else(|| format!("`{name}[{i}]` is {}, expected an object", kind(v)))
            })
            .collect(),
        Some(other) => Err(format!(
            "`{name}` is {}, expected an array of objects",
            kind(other)
        )),
    }
}

/// A metadata string: a string or a number, else nothing.
fn meta(obj: &Object, name: &str) -> Option<String> {
    match obj.get(name)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        // 2.x often wraps a name in an object: `{"name": "…"}`.
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// The string `value` of an entry in `headlines[]`, `bodies[]` or `descriptions[]`.
fn entry_value<'a>(entry: &'a Object, list: &str) -> Result<Option<&'a str>, String> {
    text_field(entry, "value").map_err(|e| format!("in `{list}`: {e}"))
}

fn role(entry: &Object) -> String {
    entry
        .get("role")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn item_to_draft(obj: &Object) -> Result<Option<Draft>, String> {
    let headline = headline(obj)?;
    let mut paragraphs = body(obj)?;
    let item_type = meta(obj, "type").unwrap_or_default().to_ascii_lowercase();
    if paragraphs.is_empty() && MEDIA_TYPES.contains(&item_type.as_str()) {
        return Ok(None);
    }
    if paragraphs.is_empty() {
        paragraphs = descriptions(obj)?;
    }

    let byline = match text_field(obj, "byline")?.or(text_field(obj, "by")?) {
        Some(by) => Some(html::unescape(by)),
        None => other_bylines(obj),
    };
    let published = [
        "firstpublished",
        "versioncreated",
        "firstcreated",
        "contentcreated",
    ]
    .iter()
    .find_map(|k| meta(obj, k).and_then(|t| dates::timestamp(&t)));

    Ok(Some(Draft {
        source_id: meta(obj, "uri").or_else(|| meta(obj, "guid")),
        headline,
        paragraphs,
        caption: caption(obj),
        wire: wire(obj),
        meta: Meta {
            published,
            located: meta(obj, "located"),
            byline,
            agency: supplier(obj),
            holder: holder(obj),
            ..Meta::default()
        },
        ..Draft::default()
    }))
}

/// 1.x `headline`, else the 2.x headline with role `main`/`headline`, else the first, else a
/// 1.x named variant (`headline_main` first).
fn headline(obj: &Object) -> Result<Option<String>, String> {
    if let Some(h) = text_field(obj, "headline")? {
        return Ok(Some(html::unescape(h)));
    }
    if !obj.contains_key("headlines") {
        return Ok(variants(obj, "headline")?
            .into_iter()
            .next()
            .map(|(_, h)| html::unescape(h)));
    }
    let list = object_list(obj, "headlines")?;
    let mut first = None;
    for entry in list {
        let Some(value) = entry_value(entry, "headlines")? else {
            continue;
        };
        if matches!(role(entry).as_str(), "main" | "headline") {
            return Ok(Some(html::unescape(value)));
        }
        first.get_or_insert(value);
    }
    Ok(first.map(html::unescape))
}

/// The body: plain text preferred over HTML when both are given, unless the text has lost its
/// paragraph breaks (one long line) and the HTML still has them.
fn body(obj: &Object) -> Result<Vec<String>, String> {
    let text = text_field(obj, "body_text")?.map(html::text_paragraphs);
    let mut markup = None;
    for field in ["body_html", "body_xhtml"] {
        if let Some(m) = text_field(obj, field)? {
            markup.get_or_insert(m);
        }
    }
    if text.is_some() || markup.is_some() {
        return Ok(prefer_text(text, markup));
    }
    if obj.contains_key("bodies") {
        return pick_text(&object_list(obj, "bodies")?, "bodies");
    }
    from_variants(obj, "body")
}

/// The 1.x named variants of a field (`body_main`, `body_richtext`, `headline_main`), the
/// `main` one first, then by name. Each must be a string.
fn variants<'a>(obj: &'a Object, field: &str) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut found = Vec::new();
    for key in obj.keys() {
        if named_variant(key).is_some_and(|(f, _)| f == field)
            && let Some(value) = text_field(obj, key)?
        {
            found.push((key.as_str(), value));
        }
    }
    found.sort_by_key(|(key, _)| (!key.ends_with("_main"), *key));
    Ok(found)
}

/// Text from named variants: plain text preferred over markup, as for `body_text`/`body_html`.
fn from_variants(obj: &Object, field: &str) -> Result<Vec<String>, String> {
    let mut text = None;
    let mut markup = None;
    for (_, value) in variants(obj, field)? {
        if html::looks_like_html(value) {
            markup.get_or_insert(value);
        } else {
            text.get_or_insert(value);
        }
    }
    Ok(prefer_text(text.map(html::text_paragraphs), markup))
}

/// `body_richtext` → (`body`, `richtext`): a 1.x named variant of `headline`, `body` or
/// `description`.
fn named_variant(key: &str) -> Option<(&str, &str)> {
    let (field, name) = key.split_once('_')?;
    (matches!(field, "headline" | "body" | "description") && !name.is_empty())
        .then_some((field, name))
}

fn prefer_text(text: Option<Vec<String>>, markup: Option<&str>) -> Vec<String> {
    match (text, markup) {
        (Some(text), Some(markup)) if text.len() <= 1 => {
            let from_html = html::paragraphs(markup);
            if from_html.len() > text.len() {
                from_html
            } else {
                text
            }
        }
        (Some(text), _) => text,
        (None, Some(markup)) => html::paragraphs(markup),
        (None, None) => Vec::new(),
    }
}

/// 1.x `description_text`/`description_html`, else 2.x `descriptions[]`: the story text of
/// items that carry no body.
fn descriptions(obj: &Object) -> Result<Vec<String>, String> {
    let text = text_field(obj, "description_text")?.map(html::text_paragraphs);
    let markup = text_field(obj, "description_html")?;
    if text.is_some() || markup.is_some() {
        return Ok(prefer_text(text, markup));
    }
    if obj.contains_key("descriptions") {
        return pick_text(&object_list(obj, "descriptions")?, "descriptions");
    }
    from_variants(obj, "description")
}

/// From a 2.x list of renditions (`bodies[]`, `descriptions[]`): the first `text/plain` one,
/// else the first `text/html` one; entries of other types (`application/xml`) are not text.
fn pick_text(entries: &[&Object], list: &str) -> Result<Vec<String>, String> {
    let mut plain = None;
    let mut markup = None;
    for entry in entries {
        let Some(value) = entry_value(entry, list)? else {
            continue;
        };
        let content_type = entry
            .get("contenttype")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        match content_type.as_deref() {
            Some(t) if t.starts_with("text/plain") => {
                plain.get_or_insert(value);
            }
            Some(t) if t.contains("html") => {
                markup.get_or_insert(value);
            }
            Some(_) => {}
            None if html::looks_like_html(value) => {
                markup.get_or_insert(value);
            }
            None => {
                plain.get_or_insert(value);
            }
        }
    }
    Ok(prefer_text(plain.map(html::text_paragraphs), markup))
}

/// The supplier as the metadata names it: Superdesk's `source`, 2.x `infosource[]` or
/// `provider`.
fn supplier(obj: &Object) -> Option<String> {
    let infosource = obj.get("infosource").and_then(|v| match v {
        Value::Array(list) => list.iter().find_map(|e| match e {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Object(o) => meta(o, "name"),
            _ => None,
        }),
        Value::Object(o) => meta(o, "name"),
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        _ => None,
    });
    meta(obj, "source")
        .or(infosource)
        .or_else(|| meta(obj, "provider"))
}

/// The rights holder: `copyrightholder`, or a copyright notice that names a known agency
/// (`Copyright 2019 The Associated Press. All rights reserved.`) when the holder is no known
/// agency.
fn holder(obj: &Object) -> Option<String> {
    let holder = meta(obj, "copyrightholder");
    if holder.as_deref().and_then(agencies::named_in).is_some() {
        return holder;
    }
    meta(obj, "copyrightnotice")
        .filter(|n| agencies::named_in(n).is_some())
        .or(holder)
}

/// Bylines given as lists: AP's `bylines[]` (`by`), Superdesk's `authors[]` (`name`, role
/// `author`/`writer`).
fn other_bylines(obj: &Object) -> Option<String> {
    let mut names = Vec::new();
    if let Some(Value::Array(list)) = obj.get("bylines") {
        names.extend(
            list.iter()
                .filter_map(Value::as_object)
                .filter_map(|b| meta(b, "by").or_else(|| meta(b, "name"))),
        );
    }
    if names.is_empty()
        && let Some(Value::Array(list)) = obj.get("authors")
    {
        names.extend(
            list.iter()
                .filter_map(Value::as_object)
                .filter(|a| {
                    meta(a, "role").is_none_or(|r| {
                        matches!(r.to_lowercase().as_str(), "author" | "writer" | "creator")
                    })
                })
                .filter_map(|a| meta(a, "name")),
        );
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// The caption of the first associated picture: its description and by-line.
fn caption(obj: &Object) -> Option<Caption> {
    let pictures: Vec<&Object> = match obj.get("associations")? {
        Value::Object(map) => map.values().filter_map(Value::as_object).collect(),
        Value::Array(list) => list.iter().filter_map(Value::as_object).collect(),
        _ => return None,
    };
    pictures.into_iter().find_map(|p| {
        let kind = meta(p, "type").unwrap_or_default().to_ascii_lowercase();
        if !MEDIA_TYPES.contains(&kind.as_str()) {
            return None;
        }
        let text = meta(p, "description_text")
            .or_else(|| {
                p.get("descriptions")?
                    .as_array()?
                    .iter()
                    .find_map(|d| d.get("value")?.as_str().map(str::to_string))
            })
            .map(|t| html::unescape(&t))
            .filter(|t| !t.is_empty())?;
        let credit = meta(p, "byline").or_else(|| meta(p, "by"));
        Some(Caption { text, credit })
    })
}

fn wire(obj: &Object) -> WireMeta {
    let urgency = match obj.get("urgency") {
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    WireMeta {
        urgency,
        slugline: meta(obj, "slugline"),
        version: meta(obj, "version"),
        embargo: ["embargoed", "embargoedUntil", "embargoeduntil"]
            .iter()
            .find_map(|k| meta(obj, k).and_then(|t| dates::timestamp(&t))),
        subjects: subjects(obj),
        ednote: meta(obj, "ednote").map(|n| html::unescape(&n)),
        language: meta(obj, "language"),
        previous: meta(obj, "evolvedfrom").into_iter().collect(),
        status: status(obj),
        advisory: None,
        link: link(obj),
    }
}

/// The story's own web address: a `links` entry that is its self, canonical or alternate
/// page (ninjs 2), else a `uri` that is one.
fn link(obj: &Object) -> Option<String> {
    let own = |rel: &str| {
        let rel = rel.rsplit(':').next().unwrap_or(rel).to_ascii_lowercase();
        matches!(rel.as_str(), "self" | "canonical" | "alternate")
    };
    let linked = match obj.get("links") {
        Some(Value::Array(links)) => links.iter().find_map(|l| match l {
            Value::Object(l) => {
                let rel = l.get("rel").and_then(Value::as_str).unwrap_or("");
                let href = l.get("href").and_then(Value::as_str)?;
                own(rel).then(|| web_address(href)).flatten()
            }
            _ => None,
        }),
        _ => None,
    };
    linked.or_else(|| meta(obj, "uri").and_then(|u| web_address(&u)))
}

/// `pubstatus` (`usable`, `withheld`, `canceled`), and a correction among the `signals`.
fn status(obj: &Object) -> Option<Status> {
    let declared = meta(obj, "pubstatus").and_then(|s| {
        let s = s.to_lowercase();
        let s = s.rsplit(':').next().unwrap_or(&s).to_string();
        match s.as_str() {
            "canceled" | "cancelled" => Some(Status::Canceled),
            "withheld" => Some(Status::Withheld),
            "embargoed" => Some(Status::Embargoed),
            _ => None,
        }
    });
    let signals = ["signal", "signals"]
        .iter()
        .filter_map(|k| obj.get(*k))
        .any(|v| v.to_string().to_lowercase().contains("correction"));
    declared.or(signals.then_some(Status::Corrected))
}

/// `subject[]` (1.x) and `subjects[]` (2.x): names, else codes; plain strings are accepted.
fn subjects(obj: &Object) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["subject", "subjects"] {
        let Some(Value::Array(list)) = obj.get(key) else {
            continue;
        };
        for entry in list {
            let name = match entry {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => ["name", "literal", "code", "uri"]
                    .iter()
                    .find_map(|k| meta(o, k)),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !n.is_empty())
                && !out.contains(&name)
            {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Draft {
        parse(json).unwrap().remove(0)
    }

    fn refused(json: &str) -> String {
        match parse(json) {
            Err(Refused::Malformed(why) | Refused::NotAStory(why)) => why,
            Ok(_) => panic!("parsed"),
        }
    }

    #[test]
    fn flat_item() {
        let json = r#"{"uri":"urn:x:1","type":"text","headline":"Dam opens","byline":"By Ana Example",
            "located":"Nowhere, Utopia","versioncreated":"2024-03-01T09:00:00+0000",
            "body_text":"The dam opened.\n\nIt is big.","urgency":"3","subject":[{"code":"1","name":"energy"}]}"#;
        let d = one(json);
        assert_eq!(d.headline.as_deref(), Some("Dam opens"));
        assert_eq!(d.meta.byline.as_deref(), Some("By Ana Example"));
        assert_eq!(d.source_id.as_deref(), Some("urn:x:1"));
        assert_eq!(
            d.meta.published.as_deref(),
            Some("2024-03-01T09:00:00+00:00")
        );
        assert_eq!(d.meta.located.as_deref(), Some("Nowhere, Utopia"));
        assert_eq!(d.paragraphs, vec!["The dam opened.", "It is big."]);
        assert_eq!(d.wire.urgency, Some(3));
        assert_eq!(d.wire.subjects, vec!["energy"]);
    }

    #[test]
    fn versions_and_statuses() {
        let json = r#"{"uri":"urn:x:1","version":"5","evolvedfrom":"urn:x:0","pubstatus":"canceled",
            "embargoedUntil":"2030-01-01T10:00:00Z","headline":"H","body_text":"W."}"#;
        let d = one(json);
        assert_eq!(d.wire.version.as_deref(), Some("5"));
        assert_eq!(d.wire.previous, vec!["urn:x:0"]);
        assert_eq!(d.wire.status, Some(Status::Canceled));
        assert_eq!(d.wire.embargo.as_deref(), Some("2030-01-01T10:00:00Z"));
        let json = r#"{"headline":"H","body_text":"W.","signals":[{"name":"correction"}]}"#;
        assert_eq!(one(json).wire.status, Some(Status::Corrected));
    }

    #[test]
    fn the_storys_own_link_and_not_a_related_one() {
        let d = one(r#"{"uri":"urn:x:1","headline":"H","body_text":"W.",
            "links":[{"rel":"irel:seeAlso","href":"https://other.example/"},
                     {"rel":"self","href":"https://wire.example/story/1"}]}"#);
        assert_eq!(d.wire.link.as_deref(), Some("https://wire.example/story/1"));
        let d = one(r#"{"uri":"https://wire.example/2","headline":"H","body_text":"W."}"#);
        assert_eq!(d.wire.link.as_deref(), Some("https://wire.example/2"));
        assert_eq!(
            one(r#"{"uri":"urn:x:1","headline":"H","body_text":"W."}"#)
                .wire
                .link,
            None
        );
    }

    #[test]
    fn html_wins_when_the_text_lost_its_breaks() {
        let json =
            r#"{"headline":"H","body_text":"One. Two.","body_html":"<p>One.</p><p>Two.</p>"}"#;
        assert_eq!(one(json).paragraphs, vec!["One.", "Two."]);
        let json = r#"{"headline":"H","body_text":"One.\nTwo.","body_html":"<p>Other</p>"}"#;
        assert_eq!(one(json).paragraphs, vec!["One.", "Two."]);
    }

    #[test]
    fn named_variants_of_ninjs_1() {
        let json = r#"{"uri":"u","headline_main":"Main","headline_extra":"Extra",
            "body_main":"One. Two.","body_richtext":"<p>One.</p> <p>Two.</p>"}"#;
        let d = one(json);
        assert_eq!(d.headline.as_deref(), Some("Main"));
        assert_eq!(d.paragraphs, vec!["One.", "Two."]);
        let json = r#"{"headline":"H","description_caption":"Caption text."}"#;
        assert_eq!(one(json).paragraphs, vec!["Caption text."]);
        let err = refused(r#"{"headline":"H","body_main":7}"#);
        assert!(err.contains("`body_main` is a number"), "{err}");
    }

    #[test]
    fn v2_roles_and_types() {
        let json = r#"{"headlines":[{"role":"sub","value":"Sub"},{"role":"main","value":"Main"}],
            "bodies":[{"contenttype":"application/xml","value":"<x/>"},
                      {"contenttype":"text/html","value":"<p>One</p><p>Two</p>"}],
            "by":"Ola Example, NTB","copyrightholder":"Norsk Telegrambyrå"}"#;
        let d = one(json);
        assert_eq!(d.headline.as_deref(), Some("Main"));
        assert_eq!(d.paragraphs, vec!["One", "Two"]);
        assert_eq!(d.meta.holder.as_deref(), Some("Norsk Telegrambyrå"));
        assert_eq!(d.meta.byline.as_deref(), Some("Ola Example, NTB"));
    }

    #[test]
    fn supplier_and_holder() {
        let json = r#"{"headline":"H","source":"Reuters","copyrightholder":"Australian Associated Press","body_text":"Words."}"#;
        let d = one(json);
        assert_eq!(d.meta.agency.as_deref(), Some("Reuters"));
        assert_eq!(
            d.meta.holder.as_deref(),
            Some("Australian Associated Press")
        );
        let json = r#"{"headline":"H","copyrightholder":"Example Times","copyrightnotice":"Copyright 2019 The Associated Press. All rights reserved.","body_text":"Words."}"#;
        assert_eq!(
            one(json).meta.holder.as_deref(),
            Some("Copyright 2019 The Associated Press. All rights reserved.")
        );
    }

    #[test]
    fn byline_lists() {
        let json = r#"{"headline":"H","body_text":"W.","bylines":[{"by":"By Ann Example"},{"by":"Bo Example"}]}"#;
        assert_eq!(
            one(json).meta.byline.as_deref(),
            Some("By Ann Example, Bo Example")
        );
        let json = r#"{"headline":"H","body_text":"W.","authors":[{"name":"Ed","role":"editor"},{"name":"Al Writer","role":"author"}]}"#;
        assert_eq!(one(json).meta.byline.as_deref(), Some("Al Writer"));
    }

    #[test]
    fn containers_and_pictures() {
        let json = r#"{"type":"composite","associations":{
            "main":{"type":"text","headline":"A","body_text":"a"},
            "pic":{"type":"picture","headline":"P"}}}"#;
        let got = parse(json).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].headline.as_deref(), Some("A"));
    }

    #[test]
    fn wrong_types_name_the_field() {
        let err = refused(r#"{"headline": 5}"#);
        assert!(err.contains("`headline` is a number"), "{err}");
        let err = refused(r#"[{"headline":"a"},{"bodies":"text"}]"#);
        assert!(
            err.starts_with("item 2:") && err.contains("`bodies`"),
            "{err}"
        );
        let err = refused(r#"{"headlines":[{"value":7}]}"#);
        assert!(err.contains("`value`"), "{err}");
        let err = refused("[1]");
        assert!(err.contains("item 1 is a number"), "{err}");
    }

    #[test]
    fn truncated_and_empty() {
        let err = refused(r#"{"headline": "a", "body"#);
        assert!(err.contains("truncated"), "{err}");
        assert!(refused("{}").contains("no ninjs item"));
        assert!(parse("[]").is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let json = format!("{}{}", r#"{"items":["#.repeat(20), "]}".repeat(20));
        assert!(refused(&json).contains("nested"));
    }
}
