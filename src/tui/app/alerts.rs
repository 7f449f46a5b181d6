//! Alerts in the reader: the stories that came in (from any process) are checked against the
//! config's `[[alerts]]` queries; a match is marked in the list, named in the status line and
//! handed to the runtime to deliver (the bell or a desktop notification, and the alert
//! command). Checked on the new stories alone, never the whole archive.

use crate::alert::{self, Alert};
use crate::article::Article;
use crate::catalog::Doc;

use super::state::{App, Effect};

/// At most this many of the newest stories of one commit are checked (a burst of thousands is
/// an import, not the wire).
const CHECKED: usize = 2_000;

/// At most this many alerts of one commit are delivered (the rest are counted).
const DELIVERED: usize = 10;

impl App {
    /// Alerts the reader checks new stories against.
    #[must_use]
    pub fn with_alerts(mut self, alerts: Vec<Alert>) -> App {
        self.alerts = alerts;
        self
    }

    /// The alert `doc` matched when it came in, if any.
    pub fn alerted(&self, doc: Doc) -> Option<&Alert> {
        self.alerted.get(&doc).and_then(|&i| self.alerts.get(i))
    }

    /// Checks the stories numbered `from` on (just committed) against the alerts.
    pub(super) fn check_alerts(&mut self, from: usize) {
        if self.alerts.is_empty() {
            return;
        }
        let (Ok(from), Ok(to)) = (Doc::try_from(from), Doc::try_from(self.catalog.len())) else {
            return;
        };
        let first = to
            .saturating_sub(Doc::try_from(CHECKED).unwrap_or(Doc::MAX))
            .max(from);
        let (docs, articles): (Vec<Doc>, Vec<Article>) = (first..to)
            .filter(|&d| self.catalog.is_newest(d))
            .filter_map(|d| self.catalog.article(d).ok().map(|a| (d, a)))
            .unzip();
        let matches = alert::matching(&self.alerts, &articles);
        if matches.is_empty() {
            return;
        }
        for &(a, n) in &matches {
            self.alerted.entry(docs[a]).or_insert(n);
        }
        let (a, n) = matches[0];
        let more = match matches.len() {
            1 => String::new(),
            m => format!(" (and {} more)", m - 1),
        };
        self.status = Some(format!(
            "ALERT {}: {}{more}",
            self.alerts[n].name, articles[a].headline
        ));
        for &(a, n) in matches.iter().take(DELIVERED) {
            self.effects.push(Effect::Alert {
                alert: self.alerts[n].clone(),
                article: Box::new(articles[a].clone()),
            });
        }
    }
}
