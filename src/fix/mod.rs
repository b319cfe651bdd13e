//! Applying fixes (docs/fixes.md): choosing the edits of one round and applying them, checking the
//! text again until nothing more applies (`apply.rs`); aligning a Terraform block's `=` again
//! where a fix changed a line (`align.rs`); writing a fixed file safely
//! (`write.rs`); showing a change as a unified diff (`diff.rs`).
//!
//! Never imports `render`, `server` or `cli`: output and the command line drive it.

mod align;
mod apply;
mod diff;
mod write;

pub use apply::{Fixed, fix_source};
pub use diff::unified_diff;
pub use write::{FixError, write_fixed};
