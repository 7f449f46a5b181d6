//! The reader's state and `update`, the one place actions take effect. Searching and copying
//! are asked of the runtime as effects, so state tests drive the app with actions alone,
//! without a terminal or a thread.
//!
//! `state.rs` holds the fields and the reads the views draw from; `update.rs` dispatches an
//! action by mode; `navigation.rs` moves (keys, mouse, resizes); `typing.rs` edits the query and
//! takes search results; `commands.rs` opens, filters, exports and copies; `browser.rs` and
//! `story.rs` own the names browser and the laid-out story.

mod browser;
mod commands;
mod navigation;
mod state;
mod story;
mod typing;
mod update;

#[cfg(test)]
mod tests;

pub use browser::Browser;
pub use state::{App, Effect, Notice, SidebarItem};
