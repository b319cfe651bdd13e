//! Bytes → Terraform (HCL) source → diagnostics → every output format. Run from the repository
//! root, seeded with the Terraform fixtures:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz terraform CORPUS -- -max_total_time=1800`
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check("main.tf", data));
