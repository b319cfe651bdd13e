//! Bytes → Terraform (HCL) source → diagnostics → every output format. Run from the repository
//! root, seeded with the Terraform fixtures:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz terraform CORPUS -- -max_total_time=1800`
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check("main.tf", data);
    // The same text as a module of its own: its facts indexed, its resources that use a list
    // checked against its lists.
    common::check_module("main.tf", data);
});
