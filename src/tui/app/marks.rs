//! Marking stories to act on together: `m` marks or unmarks the selected story (its row shows
//! the mark), and `e` with stories marked exports every one of them, saying how many were
//! written and which were left (killed, withheld or under embargo; a file already there).

use std::fmt::Write as _;

use crate::export::{self, ExportError, Standing};
use crate::tui::standing;

use super::state::App;

impl App {
    /// Marks the selected story, or takes its mark off.
    pub(super) fn toggle_mark(&mut self) {
        let Some(doc) = self.selected_doc() else {
            self.status = Some("No story selected: nothing to mark".into());
            return;
        };
        let id = self.catalog.id(doc).to_string();
        if let Some(at) = self.marked.iter().position(|m| *m == id) {
            self.marked.remove(at);
        } else {
            self.marked.push(id);
        }
        let export = self.key_name(self.mode(), &crate::tui::action::Action::Export);
        self.status = Some(match self.marked.len() {
            0 => "No story marked".to_string(),
            1 => format!("1 story marked; {export} exports it"),
            n => format!("{n} stories marked; {export} exports them all"),
        });
    }

    /// Whether story `doc` is marked.
    pub fn is_marked(&self, doc: crate::catalog::Doc) -> bool {
        let id = self.catalog.id(doc);
        self.marked.iter().any(|m| m == id)
    }

    /// The stories marked, by id.
    pub fn marked(&self) -> &[String] {
        &self.marked
    }

    /// Exports every marked story (its newest version) to the export folder; the marks go.
    /// Copy not to be used and files already there are left, and counted in the message.
    pub(super) fn export_marked(&mut self) {
        let (mut written, mut cautioned, mut existing, mut failed) = (0, 0, 0, Vec::new());
        for id in std::mem::take(&mut self.marked) {
            let Ok(doc) = self.catalog.find(&id) else {
                failed.push(format!("{id}: no longer in the archive"));
                continue;
            };
            let doc = self.catalog.newest(doc);
            if standing::caution(&self.catalog, doc, self.now, &self.tz).is_some() {
                cautioned += 1;
                continue;
            }
            let standing = Standing {
                chain: self.catalog.chain_id(doc),
                status: self.catalog.status(doc, self.now),
            };
            let written_or = self
                .catalog
                .article(doc)
                .map_err(|e| e.to_string())
                .and_then(|article| {
                    export::write_document(&article, Some(&standing), &self.export_dir, false)
                        .map_err(|e| match e {
                            ExportError::Exists { .. } => String::new(),
                            other => other.to_string(),
                        })
                });
            match written_or {
                Ok(_) => written += 1,
                Err(e) if e.is_empty() => existing += 1,
                Err(e) => failed.push(e),
            }
        }
        let mut message = format!(
            "Exported {written} marked {} to {}",
            if written == 1 { "story" } else { "stories" },
            self.export_dir.display()
        );
        if cautioned > 0 {
            let _ = write!(
                message,
                "; {cautioned} killed, withheld or under embargo left out (export each alone to confirm)"
            );
        }
        if existing > 0 {
            let _ = write!(message, "; {existing} already there, not overwritten");
        }
        if let Some(first) = failed.first() {
            let _ = write!(message, "; {} failed: {first}", failed.len());
        }
        self.status = Some(message);
    }
}
