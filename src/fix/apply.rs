use std::ops::Range;

use super::align::realign;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::engine;
use crate::settings::Settings;
use crate::syntax::Syntax;
use crate::text::SourceFile;

/// How many times a file is checked again and fixed: a fix that makes another one possible is
/// applied in the next round, and a pair of fixes that undo each other stops here.
const MAX_ROUNDS: usize = 10;

/// A source after its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text (without the byte-order mark the source may have).
    pub text: String,
    /// How many fixes were applied, over every round.
    pub applied: usize,
}

/// Applies the fixes of `diagnostics` (the source's, as a check placed them) that are at least
/// `wanted`, then checks the text again and applies what the new diagnostics offer, until
/// nothing more applies. `None` when no fix applies at all.
pub fn fix_source(
    source: &SourceFile,
    diagnostics: &[&Diagnostic],
    settings: &Settings,
    wanted: Applicability,
) -> Option<Fixed> {
    if source.unreadable.is_some() {
        return None;
    }
    let mut text = source.text.clone();
    let mut applied = 0;
    let mut next = apply_round(&text, diagnostics.iter().copied(), wanted);
    for _ in 0..MAX_ROUNDS {
        let Some((fixed, count)) = next.take().filter(|(fixed, _)| *fixed != text) else {
            break;
        };
        text = fixed;
        applied += count;
        let source = SourceFile::from_memory(&source.path, &text, u64::MAX);
        let again = engine::lint_one(source, settings);
        next = apply_round(&text, again.diagnostics.iter(), wanted);
    }
    if applied > 0 && source.syntax == Syntax::Terraform {
        text = realign(&source.text, &text);
    }
    (applied > 0).then_some(Fixed { text, applied })
}

/// One round: the fixes at least `wanted`, in text order, each taken unless one of its edits
/// overlaps an edit already taken. `None` when none applies.
fn apply_round<'d>(
    text: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    wanted: Applicability,
) -> Option<(String, usize)> {
    let fits = |edit: &Edit| {
        edit.range.start <= edit.range.end
            && text.is_char_boundary(edit.range.start)
            && text.is_char_boundary(edit.range.end)
    };
    let mut fixes: Vec<&[Edit]> = diagnostics
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applicability >= wanted && !fix.edits.is_empty())
        .filter(|fix| fix.edits.iter().all(fits))
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits[0].range.start);
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        if edits
            .iter()
            .any(|e| taken.iter().any(|t| overlaps(&e.range, &t.range)))
        {
            continue;
        }
        taken.extend(edits);
        count += 1;
    }
    if count == 0 {
        return None;
    }
    taken.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let mut fixed = text.to_owned();
    for edit in taken {
        fixed.replace_range(edit.range.clone(), &edit.replacement);
    }
    Some((fixed, count))
}

/// Whether two edits touch the same text (two insertions at one point do, too).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, text: &str, wanted: Applicability) -> Option<Fixed> {
        let settings = Settings::default();
        let source = SourceFile::from_text(path, text);
        let report = engine::lint_one(source, &settings);
        let diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
        fix_source(&report.files[0], &diagnostics, &settings, wanted)
    }

    #[test]
    fn unsafe_fixes_wait_for_unsafe_and_keep_every_other_byte() {
        let text = "{\"name\": \"S\",   \"type\": \"csv\",\n \"columns\": [{\"name\": \"p\", \
            \"type\": \"phone\"}]}";
        assert_eq!(check("a.json", text, Applicability::Safe), None);
        let fixed = check("a.json", text, Applicability::Unsafe).unwrap();
        assert_eq!(
            fixed.text,
            "{\"name\": \"S\",   \"type\": \"CSV_FILE\",\n \"columns\": [{\"name\": \"p\", \
                \"type\": \"PHONE\"}]}"
        );
        assert_eq!(fixed.applied, 2);
    }

    #[test]
    fn overlapping_edits_wait_for_the_next_round() {
        let a = 0..3;
        assert!(overlaps(&a, &(2..4)));
        assert!(!overlaps(&a, &(3..4)));
        assert!(overlaps(&(3..3), &(3..5)));
    }
}
