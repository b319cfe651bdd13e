//! The one place where a finding becomes a diagnostic, whatever found it: a list rule, the file
//! itself (not readable, not parsable), a rule across files or a rule of contact files. [`place`]
//! decides the level (and [`omitted`] the level of findings only counted); a [`Locator`] turns
//! the places a finding names into text ranges: [`InLists`] through a list's spans (pointers),
//! [`InExcerpt`] through the excerpt kept of a streamed contact file.

use std::borrow::Cow;
use std::ops::Range;

use super::report::Omitted;
use crate::diagnostic::{
    Content, Diagnostic, Edit, FileId, Finding, FindingFix, Fix, Label, RuleMeta, Severity, Target,
};
use crate::model::{List, Profile};
use crate::pointer::Part;
use crate::rules::contact_file::Spot;
use crate::settings::Settings;
use crate::syntax::SpanIndex;
use crate::text::{Excerpt, SourceFile};

/// Turns the places of findings of one kind (`At`) into text ranges of the report's files.
pub(super) trait Locator<At> {
    /// The file and text range a place lands on; `file` is another file of a rule across files
    /// (`None`: the finding's own).
    fn locate(&self, file: Option<usize>, at: &At) -> (FileId, Range<usize>);
    /// What a diagnostic says of where it is, beside its range.
    fn about(&self, at: &At) -> About;
    /// A message in the file's own names (Terraform's, for a Terraform list).
    fn speak<'t>(&self, text: &'t str) -> Cow<'t, str>;
    /// A fix's edits, or `None` when one of them cannot be placed: a fix is applied whole or
    /// not at all.
    fn edits(&self, fix: &FindingFix) -> Option<Fix>;
}

/// Where a diagnostic is, beyond its range: the list's profile, resource and pointer, or a
/// contact file's row and column.
#[derive(Debug, Default)]
pub(super) struct About {
    profile: Option<Profile>,
    resource: Option<String>,
    pointer: Option<String>,
    row: Option<u64>,
    column_name: Option<String>,
}

impl About {
    /// A place in a Terraform resource, by its address and the pointer relative to it.
    pub(super) fn in_resource(address: String, pointer: String) -> About {
        About {
            resource: Some(address),
            ..About::of_resource(Profile::Terraform, pointer)
        }
    }

    /// A place in a Terraform resource that is not a list, by its document pointer.
    pub(super) fn of_resource(profile: Profile, pointer: String) -> About {
        About {
            profile: Some(profile),
            pointer: Some(pointer),
            ..About::default()
        }
    }
}

/// Places a finding at its rule's configured severity, or drops it when the rule is off: the one
/// place where levels apply.
pub(super) fn place<At>(
    finding: Finding<At>,
    settings: &Settings,
    locator: &impl Locator<At>,
) -> Option<Diagnostic> {
    let severity = settings.severity_of(finding.rule, finding.severity)?;
    let (file, range) = locator.locate(None, &finding.target);
    let labels = finding
        .labels
        .iter()
        .map(|label| {
            let (file, range) = locator.locate(label.file, &label.target);
            let message = locator.speak(&label.message).into_owned();
            Label {
                file,
                range,
                message,
            }
        })
        .collect();
    let fix = finding.fix.as_ref().and_then(|fix| locator.edits(fix));
    let About {
        profile,
        resource,
        pointer,
        row,
        column_name,
    } = locator.about(&finding.target);
    Some(Diagnostic {
        file,
        rule: finding.rule,
        severity,
        profile,
        resource,
        message: locator.speak(&finding.message).into_owned(),
        pointer,
        range,
        labels,
        help: finding
            .help
            .as_deref()
            .map(|help| locator.speak(help).into_owned()),
        fix,
        row,
        column_name,
    })
}

/// Findings of a rule only counted (past the printed ones), at the rule's configured severity,
/// or nothing when the rule is off.
pub(super) fn omitted(
    path: &str,
    rule: &'static RuleMeta,
    own: Option<Severity>,
    count: usize,
    settings: &Settings,
) -> Option<Omitted> {
    Some(Omitted {
        path: path.to_owned(),
        rule,
        severity: settings.severity_of(rule, own)?,
        count,
    })
}

/// Where a list finding's pointers land: a file of the report, its spans (none for a file that
/// does not parse), and the list the pointers are relative to (`None` for a finding about the
/// file itself).
#[derive(Clone, Copy)]
pub(super) struct Site<'a> {
    pub file: FileId,
    pub spans: Option<&'a dyn SpanIndex>,
    pub list: Option<List<'a>>,
}

/// Places in lists: `site` gives, for a list of a rule across files (`None`: the finding's
/// own), where its pointers land.
pub(super) struct InLists<'f, S> {
    pub site: S,
    pub files: &'f [SourceFile],
}

impl<'a, S: Fn(Option<usize>) -> Site<'a>> InLists<'_, S> {
    /// A target's pointer in its document: through its list's names (Terraform's), if any.
    fn pointer_in(site: &Site, target: &Target) -> String {
        match site.list {
            Some(list) => list.document_pointer(&target.pointer),
            None => target.pointer.clone(),
        }
    }

    /// One edit of a fix, in the finding's own file.
    pub(super) fn edit(&self, target: &Target, content: &Content) -> Option<Edit> {
        let site = (self.site)(None);
        let source = &self.files[site.file];
        Some(match content {
            Content::Quoted(text) => Edit {
                range: self.locate(None, target).1,
                replacement: source.syntax.quote(text, &target.part),
            },
            Content::Reference(names) => Edit {
                range: self.locate(None, target).1,
                replacement: source.syntax.reference(names),
            },
            Content::Removed => {
                let (key, value) = site.spans?.member(&Self::pointer_in(&site, target))?;
                let range = source.syntax.member_removal(&source.text, &key, &value)?;
                Edit {
                    range,
                    replacement: String::new(),
                }
            }
        })
    }
}

impl<'a, S: Fn(Option<usize>) -> Site<'a>> Locator<Target> for InLists<'_, S> {
    fn locate(&self, file: Option<usize>, target: &Target) -> (FileId, Range<usize>) {
        let site = (self.site)(file);
        let pointer = Self::pointer_in(&site, target);
        let range = match (site.spans, &target.part) {
            (Some(spans), part) => spans.resolve(&pointer, part),
            (None, Part::Exact(range)) => range.clone(),
            (None, _) => 0..0,
        };
        (site.file, range)
    }

    fn about(&self, target: &Target) -> About {
        let Some(list) = (self.site)(None).list else {
            return About::default();
        };
        About {
            profile: Some(list.profile),
            resource: list.resource.map(|resource| resource.address.clone()),
            pointer: Some(list.shown_pointer(&target.pointer)),
            ..About::default()
        }
    }

    fn speak<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match (self.site)(None).list {
            Some(list) => list.speak(text),
            None => Cow::Borrowed(text),
        }
    }

    fn edits(&self, fix: &FindingFix) -> Option<Fix> {
        let edits = fix
            .edits
            .iter()
            .map(|edit| self.edit(&edit.target, &edit.content));
        Some(Fix {
            edits: edits.collect::<Option<_>>()?,
            applicability: fix.applicability,
        })
    }
}

/// Places in one outbound resource of a Terraform file: document pointers, placed as
/// [`InLists`] places them, and told as the resource's (its address, pointers relative to it).
pub(super) struct InResource<'f, S> {
    pub inner: InLists<'f, S>,
    pub address: &'f str,
    pub base: &'f str,
}

impl<'a, S: Fn(Option<usize>) -> Site<'a>> Locator<Target> for InResource<'_, S> {
    fn locate(&self, file: Option<usize>, target: &Target) -> (FileId, Range<usize>) {
        self.inner.locate(file, target)
    }

    fn about(&self, target: &Target) -> About {
        let relative = target.pointer.strip_prefix(self.base).unwrap_or_default();
        About::in_resource(self.address.to_owned(), relative.to_owned())
    }

    fn speak<'t>(&self, text: &'t str) -> Cow<'t, str> {
        Cow::Borrowed(text)
    }

    fn edits(&self, fix: &FindingFix) -> Option<Fix> {
        self.inner.edits(fix)
    }
}

/// Places in a streamed contact file, through the excerpt kept of it (file 0 of its own).
pub(super) struct InExcerpt<'a>(pub &'a Excerpt);

impl Locator<Spot> for InExcerpt<'_> {
    fn locate(&self, _: Option<usize>, spot: &Spot) -> (FileId, Range<usize>) {
        (0, self.0.text_range(&spot.shown.range))
    }

    fn about(&self, spot: &Spot) -> About {
        About {
            profile: Some(Profile::ContactFile),
            row: spot.row,
            column_name: spot.column_name.clone(),
            ..About::default()
        }
    }

    fn speak<'t>(&self, text: &'t str) -> Cow<'t, str> {
        Cow::Borrowed(text)
    }

    /// Findings in contact files offer no fixes.
    fn edits(&self, _: &FindingFix) -> Option<Fix> {
        None
    }
}
