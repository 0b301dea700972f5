//! Every integration test in one binary: one link instead of one per file, and what several
//! files need (the briefing built once, the PDF readers) shared through `common`.

mod a11y;
mod any_project;
mod bad_inputs;
mod browser;
mod checks;
mod ci;
mod cli;
mod collide;
mod colour;
mod common;
mod golden;
mod honest;
mod house_style;
mod init;
mod japanese;
mod keys;
mod kill;
mod layout;
mod no_panic;
mod odd_strings;
mod pdf;
mod promises;
mod props;
mod schema;
mod serve;
mod shard;
mod tagged;
mod transcription;
