//! Text: reading an input's bytes under the size cap, the byte-order mark, the UTF-8 check, and
//! every position computed from a text (lines, columns in scalar values and UTF-16, file
//! offsets); also how paths and sizes are written in output.
//!
//! Never imports `model`, `rules`, `engine`, `settings`, `render` or `cli`.

mod excerpt;
mod line_index;
mod path;
mod source;

pub use excerpt::Excerpt;
pub use line_index::{LineColumn, LineIndex};
pub use path::{
    human_size, lexically_normal, shown_from_cwd, shown_from_root, shown_path, thousands,
};
pub use source::{
    InputId, Position, SourceFile, Unreadable, open_regular, read_stdin, stdin_bytes,
};
