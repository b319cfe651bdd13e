//! contactlint: an offline linter for Genesys Cloud outbound contact lists.
//!
//! The library checks contact lists against an embedded JSON Schema per profile and a catalogue
//! of rules, and reports diagnostics with exact positions. The binary is a thin wrapper around
//! `cli::run`; [`engine::lint_inputs`] and [`engine::lint_one`] work without it. The map of the
//! modules, what each may import and where the library reaches the file system, threads and the
//! working directory is `docs/ARCHITECTURE.md`, held by `tests/it/architecture.rs`.
//!
//! The feature `cli` (on by default) adds the command line (`cli`), the language server
//! (`server`), the walk of directories (`walk`) and rayon's thread pool ([`parallel`] runs on the
//! calling thread without it).

// The one exception is `memory`'s advice to the kernel, allowed where it is made.
#![deny(unsafe_code)]

#[macro_use]
pub mod rules;

#[cfg(feature = "cli")]
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod memory;
pub mod model;
pub mod parallel;
pub mod pointer;
pub mod render;
#[cfg(feature = "cli")]
pub mod server;
pub mod settings;
pub mod suggest;
pub mod syntax;
pub mod text;
#[cfg(feature = "cli")]
pub mod walk;
pub mod workspace;
