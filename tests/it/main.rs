//! The integration tests, as one crate: each file of this folder is a module, so the library is
//! linked once, not once per file (on 2 cores that link was most of `cargo test`'s time). Every
//! run of the binary goes through `common` (a time limit, no panic on stderr). Tests that need a
//! tool from outside (pre-commit, Neovim) are `#[ignore]`d, and `.ci/run` installs the tools and
//! runs them with `--include-ignored`: a missing tool fails CI, never passes as "skipped".

mod action;
mod api;
mod architecture;
mod browser;
mod cli;
mod common;
mod config;
mod conformance;
mod contacts;
mod distribution;
mod docs;
mod editor;
mod first_contact;
mod fixes;
mod formats;
mod gate;
mod offline;
mod properties;
mod provider;
mod robustness;
mod rules;
mod server;
mod terraform;
mod vscode;
