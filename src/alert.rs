//! Alerts: saved queries in the reader's query language, checked against each batch of new
//! stories (a small catalogue of just those, never the whole archive), and how an alert is
//! delivered: a terminal notification (bell, OSC 9, OSC 777) and an optional shell command
//! that gets the story's fields in its environment.

use std::collections::HashMap;
use std::io;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::article::Article;
use crate::catalog::Catalog;
use crate::search::Session;

/// A saved query: new stories that match it are announced under its name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    pub name: String,
    pub query: String,
}

impl Alert {
    /// An alert named by its query (`watch --alert QUERY`).
    pub fn from_query(query: &str) -> Alert {
        Alert {
            name: query.to_string(),
            query: query.to_string(),
        }
    }
}

/// How an alert reaches a person at a terminal (`[notify] method` in the config).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The terminal bell (BEL).
    #[default]
    Bell,
    /// A desktop notification by OSC 9 (iTerm2, WezTerm, kitty, Windows Terminal, foot).
    Osc9,
    /// A desktop notification by OSC 777 (rxvt-unicode, foot, Ghostty, VTE terminals).
    Osc777,
    /// Nothing on the terminal.
    None,
}

/// Which new stories match which alerts: `(article, alert)` index pairs, by article then
/// alert. The alerts' queries run over a catalogue of `articles` alone, as `/` would.
pub fn matching(alerts: &[Alert], articles: &[Article]) -> Vec<(usize, usize)> {
    if alerts.is_empty() || articles.is_empty() {
        return Vec::new();
    }
    let catalog = Catalog::from_articles(articles.to_vec());
    let index: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let never = || false;
    let mut session = Session::default();
    let mut pairs = Vec::new();
    for (n, alert) in alerts.iter().enumerate() {
        let Some(docs) = session.run(&catalog, &alert.query, &never) else {
            continue;
        };
        pairs.extend(
            docs.iter()
                .filter_map(|&doc| index.get(catalog.id(doc)).map(|&i| (i, n))),
        );
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The escape sequence that delivers `alert` for `article` by `method` (`None`: nothing),
/// for whoever owns the terminal to write. Control characters in the text are dropped, so a
/// headline cannot end the sequence early or smuggle in another.
pub fn notification(method: Method, alert: &Alert, article: &Article) -> Option<String> {
    let title = clean(&format!("dateline: {}", alert.name));
    let body = clean(&article.headline);
    match method {
        Method::None => None,
        Method::Bell => Some("\x07".to_string()),
        Method::Osc9 => Some(format!("\x1b]9;{title}: {body}\x07")),
        // `;` separates OSC 777's fields: none in the title.
        Method::Osc777 => Some(format!(
            "\x1b]777;notify;{};{body}\x07",
            title.replace(';', ",")
        )),
    }
}

fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The story's fields as a command's environment: `DATELINE_ID`, `DATELINE_HEADLINE`,
/// `DATELINE_AGENCY`, `DATELINE_PLACE`, `DATELINE_URGENCY`, `DATELINE_TIME` (published, else
/// received), `DATELINE_LINK` (its web address, when it has one) and `DATELINE_PATH` (its
/// file, when it has one). The alert command and the reader's pipe command get them.
pub fn story_env(article: &Article) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("DATELINE_ID", article.id.clone()),
        ("DATELINE_HEADLINE", article.headline.clone()),
        (
            "DATELINE_AGENCY",
            article.agency_name().unwrap_or("").to_string(),
        ),
        ("DATELINE_PLACE", article.place().unwrap_or("").to_string()),
        (
            "DATELINE_URGENCY",
            article
                .wire
                .urgency
                .map(|u| u.to_string())
                .unwrap_or_default(),
        ),
        (
            "DATELINE_TIME",
            article
                .published
                .as_deref()
                .or(article.received.as_deref())
                .unwrap_or("")
                .to_string(),
        ),
    ];
    if let Some(link) = &article.wire.link {
        env.push(("DATELINE_LINK", link.clone()));
    }
    let path = &article.source.path;
    if !path.is_empty() && !path.starts_with("embedded:") {
        env.push(("DATELINE_PATH", path.clone()));
    }
    env
}

/// Runs `command` by `sh -c` for `alert` and `article`, the story's fields in the
/// environment: `DATELINE_ALERT`, `DATELINE_ID`, `DATELINE_HEADLINE`, `DATELINE_AGENCY`,
/// `DATELINE_PLACE`, `DATELINE_URGENCY`, `DATELINE_TIME` (published, else received) and
/// `DATELINE_PATH` (the story's file, when it has one): [`story_env`]. It is not waited for: a thread reaps
/// it, so a slow command never holds up the watcher. Errors are those of starting it.
pub fn run_command(command: &str, alert: &Alert, article: &Article) -> io::Result<()> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .env("DATELINE_ALERT", &alert.name)
        .envs(story_env(article));
    let mut child = cmd.spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Dateline, Entity, EntityKind};

    fn story(headline: &str, agency: &str, person: Option<&str>) -> Article {
        let mut a = Article {
            headline: headline.into(),
            published: Some("2025-06-19".into()),
            dateline: Some(Dateline {
                place: Some("Nairobi".into()),
                agency: Some(agency.into()),
                ..Dateline::default()
            }),
            paragraphs: vec![format!("{headline}.")],
            entities: person
                .map(|p| Entity {
                    name: p.into(),
                    kind: EntityKind::Person,
                    mentions: vec![p.into()],
                    count: 1,
                    canonical: None,
                })
                .into_iter()
                .collect(),
            ..Article::default()
        };
        a.assign_id();
        a
    }

    #[test]
    fn alerts_match_words_and_fields_over_the_new_stories_only() {
        let stories = [
            story("Floods close roads", "Reuters", None),
            story("Central bank holds rates", "AFP", Some("Marta Ellery")),
            story("Port strike spreads", "Reuters", Some("Marta Ellery")),
        ];
        let alerts = [
            Alert::from_query("flood"),
            Alert {
                name: "ellery".into(),
                query: "person:ellery agency:reuters".into(),
            },
            Alert::from_query("zebra"),
            Alert::from_query("agency:afp since:2025-06"),
        ];
        assert_eq!(matching(&alerts, &stories), [(0, 0), (1, 3), (2, 1)]);
        assert!(matching(&alerts, &[]).is_empty());
        assert!(matching(&[], &stories).is_empty());
    }

    #[test]
    fn notifications_strip_control_characters() {
        let alert = Alert::from_query("x;y");
        let article = story("Evil\x1b]0;owned\x07 headline\n", "AP", None);
        assert_eq!(
            notification(Method::Bell, &alert, &article).as_deref(),
            Some("\x07")
        );
        assert_eq!(notification(Method::None, &alert, &article), None);
        assert_eq!(
            notification(Method::Osc9, &alert, &article).as_deref(),
            Some("\x1b]9;dateline: x;y: Evil]0;owned headline\x07")
        );
        assert_eq!(
            notification(Method::Osc777, &alert, &article).as_deref(),
            Some("\x1b]777;notify;dateline: x,y;Evil]0;owned headline\x07")
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_command_gets_the_story_in_its_environment() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut article = story("Port strike spreads", "Reuters", None);
        article.wire.urgency = Some(2);
        article.source.path = "/in/port.txt".into();
        let command = format!(
            "printf '%s|%s|%s|%s|%s|%s|%s' \"$DATELINE_ALERT\" \"$DATELINE_HEADLINE\" \"$DATELINE_AGENCY\" \"$DATELINE_PLACE\" \"$DATELINE_URGENCY\" \"$DATELINE_TIME\" \"$DATELINE_PATH\" > '{}.tmp' && mv '{0}.tmp' '{0}'",
            out.display()
        );
        run_command(&command, &Alert::from_query("port"), &article).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !out.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "port|Port strike spreads|Reuters|Nairobi|2|2025-06-19|/in/port.txt"
        );
    }
}
