//! dateline: a reader for wire-service news copy.
//!
//! The core is pure and knows nothing of the terminal: [`ingest`] turns story files into
//! [`article::Article`]s, [`archive`] keeps them in a JSON Lines file, [`export`] writes
//! Markdown, [`config`] reads the user's settings, [`synth`] makes synthetic stories for
//! benchmarks, [`check`] verifies an archive and its index against a rebuild, [`versions`]
//! presents a story's versions to people, [`state`] keeps what the desk has read, starred
//! and saved as searches, [`watch`] imports story files as they land in folders and
//! [`alert`] checks new stories against saved queries. The command line lives in the binary.

pub mod alert;
pub mod archive;
pub mod article;
pub mod atomic;
pub mod catalog;
pub mod check;
pub mod compact;
pub mod config;
pub mod diff;
pub mod embedded;
pub mod export;
pub mod extract;
pub mod importer;
pub mod ingest;
pub mod lexicon;
pub mod pipeline;
pub mod priority;
pub mod query_history;
pub mod reflow;
pub mod search;
pub mod state;
pub mod synth;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;
pub mod versions;
pub mod watch;
pub mod when;
