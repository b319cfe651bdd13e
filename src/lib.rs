//! contactlint: an offline linter for Genesys Cloud outbound contact-list definitions.
//!
//! The library checks JSON and TOML contact lists against an embedded JSON Schema per profile
//! and a catalogue of rules, and reports diagnostics with exact positions. The binary is a thin
//! wrapper around [`cli::run`]; [`lint::check`] and [`lint::check_source`] work without it.

#[macro_use]
pub mod rules;

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod lint;
pub mod profile;
pub mod render;
pub mod schema;
pub mod settings;
pub mod source;
pub mod suggest;
