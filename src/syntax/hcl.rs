//! Terraform's native syntax (HCL) through hcl-edit, converted to the value Terraform's own JSON
//! syntax would give (`{"resource": {"TYPE": {"NAME": {...}}}}`, nested blocks as arrays of their
//! bodies), with spans, in one walk. What the text does not fix — a variable, a reference,
//! a function call, a template with interpolations — is `null` in the value and its pointer is
//! in [`super::Shape::unknown`]; keys written as blocks are in [`super::Shape::blocks`].

mod parts;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::{Decorated, Ident, Span};
use serde_json::{Number, Value};

use super::tree::{Builder, Kind};
use super::{Document, DuplicateKey, Layout, PATH_MODULE, PATH_ROOT, Reference, SyntaxError};
use crate::pointer::{Part, push_index, push_key};

pub(super) const LAYOUT: Layout = Layout::TerraformResources;

pub(super) const EXTENSIONS: &[&str] = &["tf"];

/// Terraform's variable files, which set a module's variables (`terraform.tfvars`).
pub(super) const VARIABLE_FILE_EXTENSIONS: &[&str] = &["tfvars", "tfvars.json"];

/// `text` at `part` of a node: an attribute name as an identifier when it can be one, else an
/// HCL string literal (JSON's escapes, plus `$${` and `%%{` so that nothing interpolates).
pub(super) fn quote(text: &str, part: &Part) -> String {
    let identifier = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if *part == Part::Key && identifier {
        return text.to_owned();
    }
    super::json::quote(text)
        .replace("${", "$${")
        .replace("%{", "%%{")
}

/// A part of a text hcl-edit parses at once: a syntax tree is 17 times its text.
const PART: usize = 256 * 1024;

pub(super) fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    parse_in_parts_of(text, PART)
}

/// The document of a text parsed in parts of at least `size` bytes.
fn parse_in_parts_of(text: &str, size: usize) -> Result<Document<'_>, SyntaxError> {
    // A text of less than two parts is parsed whole, without looking for where to cut it.
    let parts = match text.len() / 2 >= size {
        true => parts::parts(text, size),
        false => Vec::new(),
    };
    if parts.len() > 1
        && let Some(document) = parse_parts(text, &parts)
    {
        return Ok(document);
    }
    let body = hcl_edit::parser::parse_body(text).map_err(|error| {
        // The parser's offset may fall inside a multi-byte character: take its start.
        let mut offset = error.location().offset().min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        SyntaxError {
            message: error.message().to_owned(),
            range: offset..end,
        }
    })?;
    let mut builder = Hcl::new(text)?;
    builder.part(&body, 0);
    Ok(builder.tree.finish())
}

/// A text parsed a part at a time, each part's syntax tree dropped once it is in the document;
/// `None` when a part does not parse, or repeats an attribute of the file's body that an
/// earlier part sets (errors are the whole text's to report).
fn parse_parts<'t>(text: &'t str, parts: &[Range<usize>]) -> Option<Document<'t>> {
    let mut builder = Hcl::new(text).ok()?;
    let mut attributes: HashSet<String> = HashSet::new();
    for part in parts {
        let body = hcl_edit::parser::parse_body(&text[part.clone()]).ok()?;
        for attribute in body.attributes() {
            if attributes.contains(attribute.key.as_str()) {
                return None;
            }
        }
        attributes.extend(body.attributes().map(|a| a.key.to_string()));
        builder.part(&body, part.start);
    }
    Some(builder.tree.finish())
}

struct Hcl<'t> {
    tree: Builder<'t>,
    /// Where the part being read starts in the text.
    offset: usize,
    /// Where each key of the file's body was first written, to report a repeat.
    top_keys: HashMap<String, Range<usize>>,
    /// The header of each labelled block, by pointer, to report one declared twice.
    labelled: HashMap<String, Range<usize>>,
}

/// A key written twice at `pointer`: where first, where again.
type Conflict = (String, Range<usize>, Range<usize>);

impl<'t> Hcl<'t> {
    fn new(text: &'t str) -> Result<Hcl<'t>, SyntaxError> {
        let mut tree = Builder::new(text)?;
        tree.add(None, Kind::Object, None, None);
        Ok(Hcl {
            tree,
            offset: 0,
            top_keys: HashMap::new(),
            labelled: HashMap::new(),
        })
    }

    /// Adds the structures of a part of the file's body, parsed from the text at `offset`.
    fn part(&mut self, body: &Body, offset: usize) {
        self.offset = offset;
        let mut top_keys = std::mem::take(&mut self.top_keys);
        self.structures(body, 0, &mut String::new(), &mut top_keys);
        self.top_keys = top_keys;
    }

    /// The span of a parsed node in the text (hcl-edit gives every parsed node one).
    fn span(&self, node: &impl Span) -> Range<usize> {
        let span = node.span().unwrap_or(0..0);
        span.start + self.offset..span.end + self.offset
    }

    /// A block's header: its identifier and labels, which stand for the block as a TOML
    /// table's `[header]` does for the table.
    fn header(&self, block: &Block) -> Range<usize> {
        let start = self.span(&block.ident).start;
        let end = block
            .labels
            .last()
            .map_or_else(|| self.span(&block.ident).end, |label| self.span(label).end);
        start..end
    }

    /// A body's attributes and blocks, as the members of `object`.
    fn body(&mut self, body: &Body, object: u32, pointer: &mut String) {
        self.structures(body, object, pointer, &mut HashMap::new());
    }

    /// The structures of a body, as members of `object`; `first_keys` says where each key was
    /// first written, to report a repeat.
    fn structures(
        &mut self,
        body: &Body,
        object: u32,
        pointer: &mut String,
        first_keys: &mut HashMap<String, Range<usize>>,
    ) {
        for structure in body.iter() {
            let key: &Decorated<Ident> = match structure {
                Structure::Attribute(attribute) => &attribute.key,
                Structure::Block(block) => &block.ident,
            };
            let key_span = self.span(key);
            let first = first_keys
                .entry(key.to_string())
                .or_insert_with(|| key_span.clone())
                .clone();
            let len = pointer.len();
            push_key(pointer, key);
            let conflict = match structure {
                Structure::Attribute(attribute) => {
                    // The later value wins, as in JSON; the repeat is reported.
                    let repeated = self.tree.child(object, key).is_some();
                    if repeated {
                        self.tree.repeats(object, None);
                    }
                    self.attribute(attribute, object, pointer);
                    repeated.then(|| (pointer.clone(), first, key_span))
                }
                Structure::Block(block) => self.block(block, object, pointer, first),
            };
            if let Some((pointer, first, repeat)) = conflict {
                self.tree.duplicate(DuplicateKey {
                    pointer,
                    first,
                    repeat,
                });
            }
            pointer.truncate(len);
        }
    }

    fn attribute(&mut self, attribute: &Attribute, object: u32, pointer: &mut String) {
        let (key, value) = (self.span(&attribute.key), self.span(&attribute.value));
        let id = self
            .tree
            .add(Some(object), Kind::Null, Some(key), Some(value));
        self.tree.key_is(id, attribute.key.as_str());
        self.expression(&attribute.value, id, pointer);
    }

    /// Adds a block under its identifier (and labels) to `object`, or says where the place it
    /// takes was first taken: an attribute of that name (`first`), or a block with the same
    /// labels.
    fn block(
        &mut self,
        block: &Block,
        object: u32,
        pointer: &mut String,
        first: Range<usize>,
    ) -> Option<Conflict> {
        let head = self.header(block);
        let mut key = (block.ident.as_str(), self.span(&block.ident));
        let mut level = object;
        for label in &block.labels {
            let (name, span) = std::mem::replace(&mut key, (label.as_str(), self.span(label)));
            let node = match self.tree.child(level, name) {
                Some(node) => node,
                None => self.member(level, Kind::Object, name, span.clone(), head.clone()),
            };
            // Each block of these labels says where they are, the last one last.
            self.tree.respan(node, span.clone(), head.clone());
            if self.tree.kind(node) != Kind::Object {
                return Some((pointer.clone(), first, span));
            }
            level = node;
            push_key(pointer, key.0);
        }
        if !block.labels.is_empty() {
            // A labelled block is one object at the end of its labels.
            if let Some(first) = self.labelled.get(pointer.as_str()) {
                return Some((pointer.clone(), first.clone(), head));
            }
            self.labelled.insert(pointer.clone(), head.clone());
            let node = self.member(level, Kind::Object, key.0, key.1, head);
            self.body(&block.body, node, pointer);
            return None;
        }
        self.unlabelled(block, level, pointer, first)
    }

    /// Adds a block without labels as the next entry of the array of its identifier's blocks.
    fn unlabelled(
        &mut self,
        block: &Block,
        level: u32,
        pointer: &mut String,
        first: Range<usize>,
    ) -> Option<Conflict> {
        let (head, ident) = (self.header(block), self.span(&block.ident));
        let name = block.ident.as_str();
        let written = self.tree.children(level);
        let written = written.iter().filter(|&&c| self.tree.key(c) == Some(name));
        let as_blocks = written.clone().any(|&c| self.tree.is_blocks(c));
        let last = written.clone().next_back().copied();
        let bodies = match last {
            None => self.member(level, Kind::Array, name, ident.clone(), head.clone()),
            Some(node) if as_blocks && self.tree.kind(node) == Kind::Array => node,
            Some(_) => return Some((pointer.clone(), first, ident)),
        };
        let count = self.tree.children(bodies).len();
        if count == 0 {
            self.tree.blocks(bodies);
            self.tree.respan(bodies, ident.clone(), head.clone());
        }
        push_index(pointer, count);
        let entry = self
            .tree
            .add(Some(bodies), Kind::Object, Some(ident), Some(head));
        self.body(&block.body, entry, pointer);
        None
    }

    /// Adds a member `name` of `object`, with its spans.
    fn member(
        &mut self,
        object: u32,
        kind: Kind,
        name: &str,
        key: Range<usize>,
        value: Range<usize>,
    ) -> u32 {
        let id = self.tree.add(Some(object), kind, Some(key), Some(value));
        self.tree.key_is(id, name);
        id
    }

    /// Makes node `id` the expression's value when the text fixes it; otherwise unknown.
    fn expression(&mut self, expression: &Expression, id: u32, pointer: &mut String) {
        let kind = match expression {
            Expression::Null(_) => Kind::Null,
            Expression::Bool(value) if *value.value() => Kind::True,
            Expression::Bool(_) => Kind::False,
            Expression::Number(number) => {
                self.tree.scalar_is(id, number_value(number.value()));
                Kind::Scalar
            }
            Expression::String(string) => {
                self.tree.string_is(id, string.value());
                Kind::String
            }
            Expression::Array(array) => {
                self.tree.set_kind(id, Kind::Array);
                for (index, item) in array.iter().enumerate() {
                    let len = pointer.len();
                    push_index(pointer, index);
                    let item_id = self
                        .tree
                        .add(Some(id), Kind::Null, None, Some(self.span(item)));
                    self.expression(item, item_id, pointer);
                    pointer.truncate(len);
                }
                return;
            }
            Expression::Object(object) => return self.object(object, id, pointer),
            Expression::StringTemplate(template) => match literal(template) {
                Some(text) => {
                    self.tree.string_is(id, &text);
                    Kind::String
                }
                None => {
                    let only = match template.iter().collect::<Vec<_>>().as_slice() {
                        [Element::Interpolation(interpolation)] => reference(&interpolation.expr),
                        _ => None,
                    };
                    return self.tree.unknown(id, only);
                }
            },
            Expression::Parenthesis(inner) => return self.expression(inner.inner(), id, pointer),
            Expression::Traversal(_) => return self.tree.unknown(id, reference(expression)),
            Expression::HeredocTemplate(_)
            | Expression::Variable(_)
            | Expression::Conditional(_)
            | Expression::FuncCall(_)
            | Expression::UnaryOp(_)
            | Expression::BinaryOp(_)
            | Expression::ForExpr(_) => return self.tree.unknown(id, None),
        };
        self.tree.set_kind(id, kind);
    }

    /// An object expression; one whose keys are not all fixed is unknown as a whole.
    fn object(&mut self, object: &hcl_edit::expr::Object, id: u32, pointer: &mut String) {
        self.tree.set_kind(id, Kind::Object);
        for (key, item) in object.iter() {
            let (name, key_span) = match key {
                ObjectKey::Ident(ident) => (ident.value().to_string(), self.span(ident)),
                ObjectKey::Expression(Expression::String(string)) => {
                    (string.value().clone(), self.span(string))
                }
                ObjectKey::Expression(_) => return self.tree.unknown(id, None),
            };
            if self.tree.child(id, &name).is_some() {
                self.tree.repeats(id, None);
            }
            let len = pointer.len();
            push_key(pointer, &name);
            let value_span = self.span(item.expr());
            let member = self.member(id, Kind::Null, &name, key_span, value_span);
            self.expression(item.expr(), member, pointer);
            pointer.truncate(len);
        }
    }
}

/// `a.b.c`: a variable followed by attribute names only (no index, no splat).
fn reference(expression: &Expression) -> Option<Reference> {
    let Expression::Traversal(traversal) = expression else {
        return None;
    };
    let Expression::Variable(root) = &traversal.expr else {
        return None;
    };
    let mut segments = vec![root.as_str().to_owned()];
    for operator in &traversal.operators {
        match operator.value() {
            TraversalOperator::GetAttr(name) => segments.push(name.as_str().to_owned()),
            TraversalOperator::AttrSplat(_)
            | TraversalOperator::FullSplat(_)
            | TraversalOperator::Index(_)
            | TraversalOperator::LegacyIndex(_) => return None,
        }
    }
    Some(Reference(segments))
}

/// Whether a line of the text opens an HCL block with a quoted label: an identifier, then one or
/// more `"labels"`, then `{` (`resource "genesyscloud_outbound_contact_list" "sales" {`).
pub(super) fn opens_labelled_block(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n').any(|line| {
        let line = String::from_utf8_lossy(line);
        let Some((keyword, rest)) = line.trim().split_once(char::is_whitespace) else {
            return false;
        };
        let identifier = keyword
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let rest = rest.trim();
        identifier && rest.starts_with('"') && rest.ends_with('{') && !rest.contains('=')
    })
}

/// A template's text when it is only literal text (no directive, and no interpolation but
/// `${path.module}` or `${path.root}`).
fn literal(template: &Template) -> Option<String> {
    template
        .iter()
        .map(|element| match element {
            Element::Literal(text) => Some(text.value().as_str()),
            Element::Interpolation(interpolation) => known_interpolation(&interpolation.expr),
            Element::Directive(_) => None,
        })
        .collect()
}

/// `path.module` and `path.root`, the interpolations whose value a run fixes (the module's
/// directory, the root module's): kept as written, for the engine to resolve a
/// `contacts_filepath` with.
fn known_interpolation(expr: &Expression) -> Option<&'static str> {
    let Expression::Traversal(traversal) = expr else {
        return None;
    };
    let Expression::Variable(root) = &traversal.expr else {
        return None;
    };
    match traversal.operators.as_slice() {
        [operator] if root.as_str() == "path" => match operator.value() {
            TraversalOperator::GetAttr(name) if name.as_str() == "module" => Some(PATH_MODULE),
            TraversalOperator::GetAttr(name) if name.as_str() == "root" => Some(PATH_ROOT),
            _ => None,
        },
        _ => None,
    }
}

fn number_value(number: &hcl_edit::Number) -> Value {
    if let Some(n) = number.as_u64() {
        Value::from(n)
    } else if let Some(n) = number.as_i64() {
        Value::from(n)
    } else {
        number
            .as_f64()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::SpanIndex;

    const TEXT: &str = r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name         = "Sales"
  column_names = ["Phone", var.extra]
  division_id  = var.division
  zip_code_column_name = "Zip${var.suffix}"
  phone_columns {
    column_name = "Phone"
    type        = "Cell"
  }
  phone_columns {
    column_name = "Phone2"
    type        = "Home"
  }
}
"#;

    fn slice<'a>(doc: &Document, pointer: &str, part: Part) -> &'a str {
        &TEXT[doc.resolve(pointer, &part)]
    }

    #[test]
    fn resources_become_terraform_json_values_with_spans() {
        let doc = parse(TEXT).unwrap();
        let base = "/resource/genesyscloud_outbound_contact_list/sales";
        let (value, shape) = doc.root().materialise();
        let list = &value["resource"]["genesyscloud_outbound_contact_list"]["sales"];
        assert_eq!(list["name"], "Sales");
        assert_eq!(list["phone_columns"][1]["type"], "Home");
        assert_eq!(
            slice(&doc, &format!("{base}/name"), Part::Value),
            "\"Sales\""
        );
        assert_eq!(
            slice(&doc, &format!("{base}/column_names/1"), Part::Value),
            "var.extra"
        );
        assert_eq!(
            slice(&doc, &format!("{base}/phone_columns/1"), Part::Opening),
            "phone_columns"
        );
        assert_eq!(
            slice(&doc, &format!("{base}/phone_columns/1/type"), Part::Key),
            "type"
        );
        assert_eq!(
            slice(&doc, base, Part::Opening),
            "resource \"genesyscloud_outbound_contact_list\" \"sales\""
        );
        assert_eq!(
            shape.unknown,
            [
                format!("{base}/column_names/1"),
                format!("{base}/division_id"),
                format!("{base}/zip_code_column_name")
            ]
        );
        assert_eq!(shape.blocks, [format!("{base}/phone_columns")]);
    }

    #[test]
    fn repeated_resources_and_blocks_over_attributes_are_duplicate_keys() {
        let text = "a = []\na {}\nresource \"t\" \"n\" {}\nresource \"t\" \"n\" {}\n";
        let doc = parse(text).unwrap();
        let repeats: Vec<(&str, &str, &str)> = doc
            .duplicate_keys
            .iter()
            .map(|d| {
                (
                    d.pointer.as_str(),
                    &text[d.first.clone()],
                    &text[d.repeat.clone()],
                )
            })
            .collect();
        let resource = "resource \"t\" \"n\"";
        assert_eq!(
            repeats,
            [("/a", "a", "a"), ("/resource/t/n", resource, resource)]
        );
        assert_eq!(doc.value()["a"], serde_json::json!([]));
    }

    #[test]
    fn a_repeated_attribute_is_a_syntax_error_at_the_repeat() {
        let error = parse("a = 1\na = 2\n").unwrap_err();
        assert_eq!(error.range, 6..7);
    }

    #[test]
    fn syntax_errors_point_at_the_parser_position() {
        let error = parse("a = \n").unwrap_err();
        assert!(error.range.start <= 5, "{error:?}");
        assert!(!error.message.is_empty());
    }

    #[test]
    fn an_error_inside_a_multibyte_character_points_at_its_start() {
        // Found by the fuzz target: hcl-edit reported byte 19, inside the `ݣ` at 18..20.
        let text = "rr\"\u{7}G\0\0\"r\"zr*\"\u{74d}\u{74d}\u{763}";
        let error = parse(text).unwrap_err();
        assert!(text.is_char_boundary(error.range.start) && text.is_char_boundary(error.range.end));
    }

    /// Every fixture and a few texts hard to cut, parsed a structure at a time and whole: the
    /// same document.
    #[test]
    fn a_text_parsed_in_parts_is_the_text_parsed_whole() {
        let mut texts: Vec<String> = [
            "a = 1\nb = <<-EOT\n  x }\n  EOT\nc { d = \"${e[\"}\"]}\" }\n",
            "a = 1\nresource \"t\" \"n\" {}\na = 2\n",
            "# c\nresource \"t\" \"n\" {\n}\n\nresource \"t\" \"n\" {\n}\nresource \"t\" \"m\" {}",
            "a {}\na = 1\nb = [\n1,\n2]\nc = (\n1)\n/* x\n*/ d = 1\n",
            "a = 1\nb = {\n",
        ]
        .map(str::to_owned)
        .into();
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "tf") {
                    texts.extend(std::fs::read_to_string(path).ok());
                }
            }
        }
        for text in &texts {
            let whole = parse_in_parts_of(text, usize::MAX).map(|d| d.fingerprint());
            let parts = parse_in_parts_of(text, 1).map(|d| d.fingerprint());
            assert_eq!(parts, whole, "{text}");
        }
    }

    #[test]
    fn quotes_never_interpolate() {
        assert_eq!(quote("a${b}%{c}\"d", &Part::Value), r#""a$${b}%%{c}\"d""#);
        assert_eq!(
            quote("callable_time_column_name", &Part::Key),
            "callable_time_column_name"
        );
        assert_eq!(quote("a b", &Part::Key), "\"a b\"");
    }

    #[test]
    fn a_labelled_block_is_told_from_toml() {
        assert!(opens_labelled_block(b"# x\nresource \"t\" \"n\" {\n}"));
        assert!(opens_labelled_block(b"module \"lists\" {"));
        assert!(!opens_labelled_block(
            b"name = \"x {\"\n[table]\nkey = \"v\""
        ));
        assert!(!opens_labelled_block(b"locals {\n}"));
    }

    #[test]
    fn plain_references_are_kept_and_every_other_expression_is_not() {
        let text = r#"resource "genesyscloud_outbound_campaign" "c" {
  contact_list_id = genesyscloud_outbound_contact_list.sales.id
  division_id     = "${var.division}"
  rule_set_ids    = [genesyscloud_outbound_ruleset.a.id, data.x.y.id, module.m.out]
  indexed         = genesyscloud_outbound_contact_list.many[0].id
  called          = lower(var.x)
  mixed           = "id-${var.x}"
}"#;
        let (_, shape) = parse(text).unwrap().root().materialise();
        let at = "/resource/genesyscloud_outbound_campaign/c";
        let found: Vec<(String, String)> = shape
            .references
            .iter()
            .map(|(pointer, r)| (pointer.trim_start_matches(at).to_owned(), r.0.join(".")))
            .collect();
        let expected = [
            (
                "/contact_list_id",
                "genesyscloud_outbound_contact_list.sales.id",
            ),
            ("/division_id", "var.division"),
            ("/rule_set_ids/0", "genesyscloud_outbound_ruleset.a.id"),
            ("/rule_set_ids/1", "data.x.y.id"),
            ("/rule_set_ids/2", "module.m.out"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect();
        assert_eq!(found, expected);
        // Every one of them stays unknown, references or not.
        assert_eq!(shape.unknown.len(), 8);
    }
}
