//! Did-you-mean suggestions, shared by every rule that knows the allowed values. Never imports
//! anything of the crate.

/// The candidate that `value` most likely meant, or `None` when no single one stands out.
///
/// Tried in order: the same word in another case or spelling of separators; a known alias
/// (`TEXT` → `STRING`); a unique candidate that starts with the value or is its start; the
/// unique closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    value: &str,
    candidates: &[&'a str],
    aliases: &[(&str, &'a str)],
) -> Option<&'a str> {
    let wanted = fold(value);
    if wanted.is_empty() {
        return None;
    }
    if let Some(c) = candidates.iter().find(|c| fold(c) == wanted) {
        return Some(c);
    }
    if let Some((_, target)) = aliases.iter().find(|(alias, _)| fold(alias) == wanted) {
        return Some(target);
    }
    let prefixed: Vec<&&str> = candidates
        .iter()
        .filter(|c| {
            let c = fold(c);
            wanted.len() >= 2 && (c.starts_with(&wanted) || wanted.starts_with(&c))
        })
        .collect();
    if let [only] = prefixed.as_slice() {
        return Some(only);
    }
    closest(&wanted, candidates)
}

fn closest<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &'a str)> = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(wanted, &fold(c)), *c))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    scored.sort();
    match scored.as_slice() {
        [(best, c), rest @ ..] if rest.first().is_none_or(|(next, _)| next > best) => Some(c),
        _ => None,
    }
}

/// Lower case without separators, so `csv-file`, `CsvFile` and `CSV_FILE` compare equal.
pub fn fold(s: &str) -> String {
    folded(s).collect()
}

/// [`fold`] as an iterator, to compare without allocating.
pub fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !is_separator(*c))
        .flat_map(char::to_lowercase)
}

/// What [`fold`] drops.
pub fn is_separator(c: char) -> bool {
    matches!(c, '_' | '-' | ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &[&str] = &["CSV_FILE", "API"];

    #[test]
    fn case_and_separators() {
        assert_eq!(did_you_mean("csv_file", TYPES, &[]), Some("CSV_FILE"));
        assert_eq!(did_you_mean("CsvFile", TYPES, &[]), Some("CSV_FILE"));
    }

    #[test]
    fn prefixes_aliases_and_typos() {
        assert_eq!(did_you_mean("CSV", TYPES, &[]), Some("CSV_FILE"));
        assert_eq!(
            did_you_mean("TEXT", &["STRING", "NUMBER"], &[("TEXT", "STRING")]),
            Some("STRING")
        );
        assert_eq!(
            did_you_mean("colums", &["columns", "name"], &[]),
            Some("columns")
        );
    }

    #[test]
    fn nothing_when_nothing_is_close() {
        assert_eq!(did_you_mean("banana", TYPES, &[]), None);
        assert_eq!(did_you_mean("", TYPES, &[]), None);
    }
}
