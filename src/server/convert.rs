//! Positions and diagnostics in the protocol's terms: byte offsets to lines and columns in the
//! negotiated encoding and back, and a placed diagnostic as an LSP diagnostic.

use std::ops::Range;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, InitializeParams, Location, NumberOrString,
    Position, PositionEncodingKind, Uri,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{LineColumn, SourceFile};

/// How columns are counted: in UTF-8 bytes when the client offers it, else in UTF-16 code units
/// (the protocol's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    pub(super) fn negotiate(params: &InitializeParams) -> Encoding {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The position of a byte offset of `source`'s text.
    pub(super) fn position(self, source: &SourceFile, offset: usize) -> Position {
        // A contact file is kept as the parts of it that diagnostics show.
        let in_excerpt = match self {
            Encoding::Utf16 => source.excerpt_line_column(offset, |s| s.encode_utf16().count()),
            Encoding::Utf8 => source.excerpt_line_column(offset, str::len),
        };
        if let Some(at) = in_excerpt {
            return Position::new(at.line as u32, at.column as u32);
        }
        let lines = source.lines();
        let at = match self {
            Encoding::Utf16 => lines.utf16(&source.text, offset),
            Encoding::Utf8 => {
                let line = lines.line(&source.text, offset);
                let start = lines.line_range(&source.text, line).map_or(0, |r| r.start);
                LineColumn {
                    line,
                    column: offset.min(source.text.len()) - start,
                }
            }
        };
        Position::new(at.line as u32, at.column as u32)
    }

    pub(super) fn range(self, source: &SourceFile, range: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(source, range.start),
            self.position(source, range.end),
        )
    }

    /// The byte offset of a position; a position past its line's end, or a line past the
    /// text's end, is clamped (clients send them, and no request may fail on one).
    pub(super) fn offset(self, source: &SourceFile, position: Position) -> usize {
        let lines = source.lines();
        let at = LineColumn {
            line: position.line as usize,
            column: position.character as usize,
        };
        match self {
            Encoding::Utf16 => lines.offset_of_utf16(&source.text, at),
            Encoding::Utf8 => {
                let Some(range) = lines.line_range(&source.text, at.line) else {
                    return source.text.len();
                };
                let line = source.text[range.clone()].trim_end_matches(['\n', '\r']);
                let mut offset = range.start + at.column.min(line.len());
                while !source.text.is_char_boundary(offset) {
                    offset -= 1;
                }
                offset
            }
        }
    }
}

/// A diagnostic of `source` as the protocol writes it; labels in other files need their URIs.
pub(super) fn diagnostic(
    encoding: Encoding,
    files: &[SourceFile],
    d: &Diagnostic,
    uri_of: &dyn Fn(&SourceFile) -> Option<Uri>,
) -> lsp_types::Diagnostic {
    let source = &files[d.file];
    let related = d
        .labels
        .iter()
        .filter_map(|label| {
            let file = &files[label.file];
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(file)?, encoding.range(file, &label.range)),
                message: label.message.clone(),
            })
        })
        .collect::<Vec<_>>();
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: encoding.range(source, &d.range),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.id.to_owned())),
        code_description: documentation(d.rule.id),
        source: Some("contactlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// Where a rule's documentation lives: its file in the repository that `Cargo.toml`'s
/// `repository` names. Without one, none (hover shows the documentation itself).
fn documentation(rule: &str) -> Option<lsp_types::CodeDescription> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repository.is_empty() {
        return None;
    }
    let href = format!(
        "{repository}/blob/main/src/rules/{}.rs",
        rule.replace('-', "_")
    );
    Some(lsp_types::CodeDescription {
        href: href.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_or_bytes_and_come_back() {
        let source = SourceFile::from_text("a.json", "{\"näme😀\": 1,\r\n \"x\": 2}");
        let offset = source.text.find("1,").unwrap();
        assert_eq!(
            Encoding::Utf16.position(&source, offset),
            Position::new(0, 11)
        );
        assert_eq!(
            Encoding::Utf8.position(&source, offset),
            Position::new(0, 14)
        );
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let position = encoding.position(&source, offset);
            assert_eq!(encoding.offset(&source, position), offset);
        }
        // Past the end of a line, or of the text: clamped.
        let end_of_first = source.text.find('\r').unwrap();
        assert_eq!(
            Encoding::Utf8.offset(&source, Position::new(0, 99)),
            end_of_first
        );
        assert_eq!(
            Encoding::Utf16.offset(&source, Position::new(9, 0)),
            source.text.len()
        );
        // Inside a multi-byte character: its start.
        assert_eq!(Encoding::Utf8.offset(&source, Position::new(0, 4)), 3);
    }
}
