//! The baseline of the contact-file benchmark: a minimal single-threaded program that only counts
//! the records and fields of a CSV with the `csv` crate (as fast as that crate reads: byte records,
//! no UTF-8 check, a 64 KiB buffer). `contactlint check` with every rule must take no longer.
//!
//!     cargo bench --bench csv_baseline -- FILE
//!
//! (`benches/run.sh` runs it through hyperfine.)

// A benchmark reports its measurements on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: csv_baseline FILE");
        return Ok(());
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    println!("{records} records, {fields} fields");
    Ok(())
}
