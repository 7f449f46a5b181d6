//! The reader's state and `update`, the one place actions take effect. Searching and copying
//! are asked of the runtime as effects, so state tests drive the app with actions alone,
//! without a terminal or a thread.
//!
//! `state.rs` holds the fields and the reads the views draw from; `update.rs` dispatches an
//! action by mode; `navigation.rs` moves (keys, mouse, resizes); `typing.rs` edits the query and
//! takes search results; `commands.rs` opens, filters, exports and copies (asking first when
//! the wire says not to use the story); `wire.rs` reads what the wire says for the screen;
//! `browser.rs`, `versions.rs` and `story.rs` own the names browser, the versions overlay and
//! the laid-out story; `live.rs` takes the archive's newer catalogue as other processes commit;
//! `opening.rs` shows the newest stories while the whole catalogue opens;
//! `desk.rs` marks stories read and starred and keeps the list's unread count; `searches.rs`
//! saves searches under names and lists them with their counts; `alerts.rs` checks what came
//! in against the config's alerts.

mod alerts;
mod browser;
mod commands;
mod desk;
mod kept;
mod live;
mod marks;
mod navigation;
mod opening;
mod picker;
mod searches;
mod state;
mod story;
mod typing;
mod update;
mod versions;
mod wire;

#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod opening_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wire_tests;

pub use browser::Browser;
pub use picker::{Picker, SavedRow};
pub use state::{App, Clock, DeskChange, Effect, Notice, SidebarItem};
pub use versions::Versions;
