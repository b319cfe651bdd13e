//! The one path of a contact file: its list found (from its pairing), the file streamed once —
//! and a second time only for the rows a rule asks to see again — through the rules of contact
//! files, and their findings placed (by [`super::place`]) in an excerpt of the file, so that
//! memory does not grow with it. After [`crate::rules::contact_file::PRINTED_PER_RULE`] findings of
//! a rule the rest are counted.

use std::io;
use std::sync::{Arc, mpsc};

use super::file::parse;
use super::input::{Input, Reader, RunError, Stream, describe_io};
use super::place::{InExcerpt, omitted, place};
use super::report::{Checked, Outcome, Report};
use crate::diagnostic::RuleMeta;
use crate::model::contact_file::{Record, Shown, Target};
use crate::model::{self, Admission, Profile};
use crate::rules::contact_file::{
    ContactFinding, ContactFindings, ContactRule, End, Header, MAX_CELL, RecordCheck, Row,
};
use crate::rules::{CsvInvalidHeader, InvalidEncoding, RULES};
use crate::settings::{ListRef, Pairing, Settings};
use crate::syntax::Syntax;
use crate::syntax::csv::{Batch, Scanned, Scanner};
use crate::text::{Excerpt, SourceFile};

/// Checks a contact file against the list it is paired with, if any.
pub(super) fn lint_contact_file(input: &Input, settings: &Settings) -> Outcome {
    let pairing = Pairing::chosen(input.pairing.as_ref(), settings.pairing.as_ref());
    let pairing = pairing.map(Arc::as_ref);
    if pairing.is_none() && input.admission != Admission::Named {
        return Outcome::Unpaired;
    }
    let target = match pairing.map(target_of).transpose() {
        Ok(target) => target,
        Err(reason) => return Outcome::Failed(RunError::pairing(input.display.clone(), reason)),
    };
    let stream = match Stream::new(input) {
        Ok(stream) => stream,
        Err(error) => return Outcome::Failed(error),
    };
    let findings = match check(&stream, target.as_deref(), settings) {
        Ok(findings) => findings,
        Err(e) => return Outcome::Failed(input.error(&e)),
    };
    let reason = match &target {
        Some(target) => format!("a contact file paired with the list {}", target.label),
        None => "a contact file, named: checked without a list".into(),
    };
    let mut checked = placed(&input.display, settings, findings);
    if let Some(source) = &mut checked.source {
        source.id = input.id.clone();
    }
    Outcome::Checked(Box::new(Checked {
        reason: reason.into(),
        ..checked
    }))
}

/// The rows of a contact file, checked by every rule that is on.
fn check(
    stream: &Stream,
    target: Option<&Target>,
    settings: &Settings,
) -> io::Result<ContactFindings> {
    let size = stream.size();
    let pipelined =
        size >= PIPELINE_FROM && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let rules: Vec<&dyn ContactRule> = RULES
        .iter()
        .filter(|rule| settings.severity(rule.meta()).is_some())
        .filter_map(|rule| rule.contact_file_checks())
        .collect();
    let mut out = ContactFindings::default();
    let mut encoding = EncodingCheck {
        uploaded_by_provider: target.is_some_and(|t| t.uploaded_by_provider),
        ..EncodingCheck::default()
    };
    let mut scanner = Scanner::with_size(stream.open()?, MAX_CELL, size);
    let byte_order_mark = scanner.byte_order_mark()?;
    let (columns, mut checkers): (usize, Vec<Box<dyn RecordCheck>>) =
        match scanner.next_record()? {
            None => return Ok(out),
            Some(Scanned::Oversized(header)) => {
                out.add(&CsvInvalidHeader::META, None, |rule| {
                    ContactFinding::at(rule, header.start.unwrap_or_default(),
                    "the header row is longer than a megabyte: this is no contact file's header"
                        .into(),
                )
                .help("check that the file is a CSV of contacts with a header row")
                });
                return Ok(out);
            }
            Some(Scanned::Record(record)) => {
                if encoding.check(&record, &mut out) {
                    return Ok(out);
                }
                let header = Header {
                    byte_order_mark,
                    ..Header::new(&record, target, settings.max_rows, settings.max_columns)
                };
                for rule in &rules {
                    rule.check_header(&header, &mut out);
                }
                // A finding that makes every other meaningless is the file's only one.
                let silencing = rules.iter().filter(|rule| rule.silences_the_others());
                let found = |rule: &RuleMeta| out.kept.iter().any(|f| f.rule.id == rule.id);
                if let Some(rule) = silencing.map(|rule| rule.meta()).find(|m| found(m)) {
                    out.only(rule);
                    return Ok(out);
                }
                let checkers = rules.iter().filter_map(|rule| rule.records(&header));
                (header.names.len(), checkers.collect())
            }
        };
    let mut rows = 0;
    let first_invalid = each_row(scanner, pipelined, |scanned| {
        rows += 1;
        match scanned {
            Scanned::Record(record) => {
                encoding.check(&record, &mut out);
                let row = Row {
                    number: rows,
                    record: &record,
                    columns,
                };
                for checker in &mut checkers {
                    checker.record(&row, &mut out);
                }
            }
            Scanned::Oversized(record) => {
                for checker in &mut checkers {
                    checker.oversized(rows, &record, &mut out);
                }
            }
        }
    })?;
    encoding.finish(first_invalid, &mut out);
    revisit(stream, &mut checkers, columns, size)?;
    let end = End { rows };
    for checker in &mut checkers {
        checker.finish(&end, &mut out);
    }
    Ok(out)
}

/// From this size on, a contact file is read on a thread of its own while its rows are checked.
const PIPELINE_FROM: u64 = 4 << 20;

/// Calls `visit` with every data row, in order. With `pipelined`, the rows are read in batches
/// on another thread (at most three reads' buffers at a time, handed over, not copied) while this one checks
/// them, so that reading costs no time of its own. Gives the first byte that is not UTF-8.
fn each_row(
    mut scanner: Scanner<Reader>,
    pipelined: bool,
    mut visit: impl FnMut(Scanned<'_>),
) -> io::Result<Option<u64>> {
    if !pipelined {
        while let Some(scanned) = scanner.next_record()? {
            visit(scanned);
        }
        return Ok(scanner.first_invalid_byte());
    }
    std::thread::scope(|scope| {
        let (full, filled) = mpsc::sync_channel::<io::Result<Batch>>(2);
        let (empty, emptied) = mpsc::channel::<Batch>();
        let reader = scope.spawn(move || {
            loop {
                let mut batch = emptied.try_recv().unwrap_or_default();
                let (more, sent) = match scanner.next_batch(&mut batch) {
                    Ok(more) => (more, full.send(Ok(batch))),
                    Err(error) => (false, full.send(Err(error))),
                };
                if !more || sent.is_err() {
                    return scanner.first_invalid_byte();
                }
            }
        });
        for batch in filled {
            let batch = batch?;
            batch.records().for_each(&mut visit);
            // The reader may have finished: a batch it will not reuse is simply dropped.
            let _ = empty.send(batch);
        }
        reader
            .join()
            .map_err(|_| io::Error::other("the thread reading the contact file failed"))
    })
}

/// Reads the file again for the rows the checkers ask to see again, if any.
fn revisit(
    stream: &Stream,
    checkers: &mut [Box<dyn RecordCheck>],
    columns: usize,
    size: u64,
) -> io::Result<()> {
    let mut wanted: Vec<(u64, usize)> = Vec::new();
    for (index, checker) in checkers.iter_mut().enumerate() {
        wanted.extend(checker.wanted().into_iter().map(|row| (row, index)));
    }
    if wanted.is_empty() {
        return Ok(());
    }
    wanted.sort_unstable();
    let mut scanner = Scanner::with_size(stream.open()?, MAX_CELL, size);
    scanner.next_record()?;
    let mut next = wanted.iter().peekable();
    let mut number = 0;
    while let Some(scanned) = scanner.next_record()? {
        number += 1;
        let Scanned::Record(record) = scanned else {
            continue;
        };
        let row = Row {
            number,
            record: &record,
            columns,
        };
        while let Some(&(_, index)) = next.next_if(|(wanted, _)| *wanted == number) {
            checkers[index].revisit(&row);
        }
        if next.peek().is_none() {
            break;
        }
    }
    Ok(())
}

/// The file's first byte that is not UTF-8, reported once, in the record that holds it.
#[derive(Default)]
struct EncodingCheck {
    reported: bool,
    /// The Terraform provider uploads the file: "CSV UTF-8" is no advice then (it writes a
    /// byte-order mark, which the provider's check refuses).
    uploaded_by_provider: bool,
}

impl EncodingCheck {
    /// Reports the bad byte if this record holds it; `true` when the file is UTF-16, which is
    /// no use checking further.
    fn check(&mut self, record: &Record, out: &mut ContactFindings) -> bool {
        let Some(bad) = record.first_invalid.filter(|_| !self.reported) else {
            return false;
        };
        let end = record.offset + record.text.len() as u64;
        if bad < record.offset || bad > end {
            return false;
        }
        self.reported = true;
        let at = (bad - record.offset) as usize;
        let utf16 =
            record.offset == 0 && matches!(record.text, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
        out.add(&InvalidEncoding::META, None, |rule| {
            let (message, help) = if utf16 {
                (
                    "the file is UTF-16; save it as \
                    UTF-8",
                    "Excel's \"Unicode text\" writes UTF-16; save as",
                )
            } else {
                (
                    "the file is not valid \
                    UTF-8",
                    "Genesys Cloud imports UTF-8 only (the file may be Latin-1 or \
                    Windows-1252); save it as",
                )
            };
            let save_as = match self.uploaded_by_provider {
                true => "UTF-8 without a byte-order mark (the Terraform provider refuses one)",
                false => "\"CSV UTF-8\"",
            };
            let help = format!("{help} {save_as}");
            ContactFinding::at(rule, record.show(at..at + 1), message.into()).help(help)
        });
        utf16
    }

    /// A bad byte read only in a row too long to hold: reported at the file's start.
    fn finish(&mut self, bad: Option<u64>, out: &mut ContactFindings) {
        if let (false, Some(bad)) = (self.reported, bad) {
            out.add(&InvalidEncoding::META, None, |rule| {
                ContactFinding::at(
                    rule,
                    Shown::default(),
                    format!("the file is not valid UTF-8 (at byte {bad})"),
                )
            });
        }
    }
}

/// The list of a pairing, read when it is a file.
fn target_of(pairing: &Pairing) -> Result<Arc<Target>, String> {
    let (path, display, address) = match &pairing.list {
        ListRef::Known(target) => {
            let mut target = Target::clone(target);
            target.id_column = pairing.id_column.clone().or(target.id_column);
            target.mode = pairing.mode;
            return Ok(Arc::new(target));
        }
        ListRef::File {
            path,
            display,
            address,
        } => (path, display, address.as_deref()),
    };
    let origin = &pairing.origin;
    let source = SourceFile::read(path, display.clone(), u64::MAX).map_err(|e| {
        format!(
            "{origin}: the list {display} cannot be read: {}",
            describe_io(&e)
        )
    })?;
    let mut target = list_target(&source, address, origin)?;
    target.id_column = pairing.id_column.clone().or(target.id_column);
    target.mode = pairing.mode;
    Ok(Arc::new(target))
}

/// The list a contact file is imported into, from the source that declares it: its only list,
/// or the Terraform resource at `address`. `origin` says where the pairing is written, for the
/// error.
pub fn list_target(
    source: &SourceFile,
    address: Option<&str>,
    origin: &str,
) -> Result<Target, String> {
    let display = &source.path;
    let document = parse(source).map_err(|finding| {
        format!(
            "{origin}: the list {display} cannot be parsed: {}",
            finding.message
        )
    })?;
    let recognised = model::lists(&document, source.syntax, None, Admission::Named);
    let lists = recognised.lists();
    let label = match address {
        Some(address) => format!("{display}#{address}"),
        None => display.clone(),
    };
    let list = match address {
        Some(address) => lists
            .iter()
            .find(|list| list.resource.is_some_and(|r| r.address == address))
            .ok_or_else(|| {
                let known: Vec<&str> = lists
                    .iter()
                    .filter_map(|l| Some(l.resource?.address.as_str()))
                    .collect();
                let hint = match crate::suggest::did_you_mean(address, &known, &[]) {
                    Some(s) => format!("; did you mean {s}?"),
                    None => String::new(),
                };
                format!("{origin}: {display} declares no contact-list resource {address}{hint}")
            })?,
        None => match lists.as_slice() {
            [list] if list.profile != Profile::Terraform => list,
            [] => return Err(format!("{origin}: {display} holds no contact list")),
            // A Terraform file is named with the resource, even when it declares one.
            [list] => {
                let address = list.resource.map_or("ADDRESS", |r| r.address.as_str());
                return Err(format!(
                    "{origin}: name the Terraform resource as {display}#{address}"
                ));
            }
            _ => {
                return Err(format!(
                    "{origin}: {display} declares several contact lists; name one as \
                        {display}#ADDRESS"
                ));
            }
        },
    };
    Ok(Target::of(list, label))
}

/// Places the findings in an excerpt of the file (kept only when a diagnostic points into it).
fn placed(display: &str, settings: &Settings, findings: ContactFindings) -> Checked {
    let omitted = findings
        .omitted()
        .filter_map(|(id, own, count)| {
            let rule = crate::rules::find(id)?.meta();
            omitted(display, rule, own, count, settings)
        })
        .collect();
    let mut pieces: Vec<_> = findings
        .kept
        .iter()
        .flat_map(|f| std::iter::once(&f.target).chain(f.labels.iter().map(|l| &l.target)))
        .flat_map(|spot| spot.shown.pieces.iter().cloned())
        .collect();
    let (text, excerpt) = Excerpt::build(&mut pieces);
    let locator = InExcerpt(&excerpt);
    let diagnostics: Vec<_> = findings
        .kept
        .into_iter()
        .filter_map(|finding| place(finding, settings, &locator))
        .collect();
    let source = (!diagnostics.is_empty())
        .then(|| SourceFile::excerpt(display.to_owned(), Syntax::Csv, text, excerpt));
    Checked {
        source,
        diagnostics,
        omitted,
        ..Checked::default()
    }
}

/// Checks the bytes of a contact file against a list (or none) on their own, into a report that
/// keeps the excerpt its diagnostics point into: for tests, fuzzing and embedders.
pub fn lint_contact_bytes(
    display: &str,
    bytes: &[u8],
    target: Option<&Target>,
    settings: &Settings,
) -> Report {
    let mut report = Report::default();
    match check(&Stream::bytes(bytes), target, settings) {
        Ok(findings) => {
            let checked = placed(display, settings, findings);
            report.files_checked = 1;
            report.files.extend(checked.source);
            report.diagnostics = checked.diagnostics;
            report.omitted = checked.omitted;
        }
        Err(error) => report.errors.push(RunError::io(display.to_owned(), &error)),
    }
    report.finish();
    report
}
