//! Terraform's native syntax (HCL) through hcl-edit, converted to the value Terraform's own JSON
//! syntax would give (`{"resource": {"TYPE": {"NAME": {...}}}}`, nested blocks as arrays of their
//! bodies) and a span index, in one walk. What the text does not fix — a variable, a reference,
//! a function call, a template with interpolations — is `null` in the value and its pointer is
//! in [`Shape::unknown`]; keys written as blocks are in [`Shape::blocks`].

use std::collections::HashMap;
use std::ops::Range;

use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::{Decorated, Ident, Span};
use serde_json::{Map, Number, Value};

use super::{
    Document, DuplicateKey, Layout, NodeSpan, PATH_MODULE, PATH_ROOT, Reference, Shape, SpanIndex,
    Spans, SyntaxError,
};
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

pub(super) fn parse(text: &str, spans: Spans) -> Result<Document, SyntaxError> {
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
    let mut builder = Builder {
        spans: SpanIndex::new(spans),
        shape: Shape::default(),
        duplicate_keys: Vec::new(),
        labelled: HashMap::new(),
    };
    let mut pointer = String::new();
    let value = Value::Object(builder.body(&body, &mut pointer));
    Ok(Document {
        value,
        spans: builder.spans,
        duplicate_keys: builder.duplicate_keys,
        shape: builder.shape,
    })
}

struct Builder {
    spans: SpanIndex,
    shape: Shape,
    duplicate_keys: Vec<DuplicateKey>,
    /// The header of each labelled block, by pointer, to report one declared twice.
    labelled: HashMap<String, Range<usize>>,
}

/// The span of a parsed node (hcl-edit gives every parsed node one).
fn span_of(node: &impl Span) -> Range<usize> {
    node.span().unwrap_or(0..0)
}

/// A block's header: its identifier and labels, which stand for the block as a TOML table's
/// `[header]` does for the table.
fn header(block: &Block) -> Range<usize> {
    let start = span_of(&block.ident).start;
    let end = block
        .labels
        .last()
        .map_or_else(|| span_of(&block.ident).end, |label| span_of(label).end);
    start..end
}

impl Builder {
    /// A body's attributes and blocks, as one object.
    fn body(&mut self, body: &Body, pointer: &mut String) -> Map<String, Value> {
        let mut object = Map::new();
        // Where each key was first written, to report a repeat.
        let mut first_keys: HashMap<&str, Range<usize>> = HashMap::new();
        for structure in body.iter() {
            let key: &Decorated<Ident> = match structure {
                Structure::Attribute(attribute) => &attribute.key,
                Structure::Block(block) => &block.ident,
            };
            let key_span = span_of(key);
            let first = first_keys
                .entry(key.as_str())
                .or_insert_with(|| key_span.clone())
                .clone();
            let len = pointer.len();
            push_key(pointer, key);
            let conflict = match structure {
                Structure::Attribute(attribute) => {
                    // The later value wins, as in JSON; the repeat is reported.
                    let repeated = object.contains_key(key.as_str());
                    let value = self.attribute(attribute, pointer);
                    object.insert(key.to_string(), value);
                    repeated.then(|| (pointer.clone(), first, key_span))
                }
                Structure::Block(block) => self.block(block, &mut object, pointer, first),
            };
            if let Some((pointer, first, repeat)) = conflict {
                self.duplicate_keys.push(DuplicateKey {
                    pointer,
                    first,
                    repeat,
                });
            }
            pointer.truncate(len);
        }
        object
    }

    fn attribute(&mut self, attribute: &Attribute, pointer: &mut String) -> Value {
        let key = span_of(&attribute.key);
        self.spans.insert(pointer, || NodeSpan {
            key: Some(key),
            value: span_of(&attribute.value),
        });
        self.expression(&attribute.value, pointer)
    }

    /// Adds a block under its identifier (and labels) to `object`, or says where the place it
    /// takes was first taken: an attribute of that name (`first`), or a block with the same
    /// labels.
    fn block(
        &mut self,
        block: &Block,
        object: &mut Map<String, Value>,
        pointer: &mut String,
        first: Range<usize>,
    ) -> Option<(String, Range<usize>, Range<usize>)> {
        let head = header(block);
        let mut key = (block.ident.to_string(), span_of(&block.ident));
        let mut level = object;
        for label in &block.labels {
            let next = (label.as_str().to_owned(), span_of(label));
            let (name, span) = std::mem::replace(&mut key, next);
            let value = head.clone();
            self.spans.insert(pointer, || NodeSpan {
                key: Some(span.clone()),
                value,
            });
            let Value::Object(inner) = level.entry(name).or_insert_with(|| Map::new().into())
            else {
                return Some((pointer.clone(), first, span));
            };
            level = inner;
            push_key(pointer, &key.0);
        }
        if !block.labels.is_empty() {
            // A labelled block is one object at the end of its labels.
            if let Some(first) = self.labelled.get(pointer.as_str()) {
                return Some((pointer.clone(), first.clone(), head));
            }
            self.labelled.insert(pointer.clone(), head.clone());
            self.spans.insert(pointer, || NodeSpan {
                key: Some(key.1),
                value: head,
            });
            let body = self.body(&block.body, pointer);
            level.insert(key.0, body.into());
            return None;
        }
        let taken_by_attribute = level.contains_key(&key.0) && !self.shape.blocks.contains(pointer);
        let entry = level
            .entry(key.0)
            .or_insert_with(|| Value::Array(Vec::new()));
        let (Value::Array(bodies), false) = (entry, taken_by_attribute) else {
            return Some((pointer.clone(), first, key.1));
        };
        if bodies.is_empty() {
            self.shape.blocks.push(pointer.clone());
            let (key, value) = (key.1.clone(), head.clone());
            self.spans.insert(pointer, || NodeSpan {
                key: Some(key),
                value,
            });
        }
        push_index(pointer, bodies.len());
        self.spans.insert(pointer, || NodeSpan {
            key: Some(key.1),
            value: head,
        });
        bodies.push(self.body(&block.body, pointer).into());
        None
    }

    /// An expression's value when the text fixes it; otherwise `null`, and its pointer is
    /// unknown.
    fn expression(&mut self, expression: &Expression, pointer: &mut String) -> Value {
        match expression {
            Expression::Null(_) => Value::Null,
            Expression::Bool(value) => Value::Bool(*value.value()),
            Expression::Number(number) => number_value(number.value()),
            Expression::String(string) => Value::String(string.value().clone()),
            Expression::Array(array) => {
                let mut items = Vec::with_capacity(array.len());
                for (index, item) in array.iter().enumerate() {
                    let len = pointer.len();
                    push_index(pointer, index);
                    self.spans.insert(pointer, || NodeSpan {
                        key: None,
                        value: span_of(item),
                    });
                    items.push(self.expression(item, pointer));
                    pointer.truncate(len);
                }
                Value::Array(items)
            }
            Expression::Object(object) => self.object(object, pointer),
            Expression::StringTemplate(template) => match literal(template) {
                Some(text) => Value::String(text),
                None => {
                    let only = match template.iter().collect::<Vec<_>>().as_slice() {
                        [Element::Interpolation(interpolation)] => reference(&interpolation.expr),
                        _ => None,
                    };
                    self.unknown_reference(pointer, only)
                }
            },
            Expression::Parenthesis(inner) => self.expression(inner.inner(), pointer),
            Expression::Traversal(_) => self.unknown_reference(pointer, reference(expression)),
            Expression::HeredocTemplate(_)
            | Expression::Variable(_)
            | Expression::Conditional(_)
            | Expression::FuncCall(_)
            | Expression::UnaryOp(_)
            | Expression::BinaryOp(_)
            | Expression::ForExpr(_) => self.unknown(pointer),
        }
    }

    /// An object expression; one whose keys are not all fixed is unknown as a whole.
    fn object(&mut self, object: &hcl_edit::expr::Object, pointer: &mut String) -> Value {
        let mut map = Map::new();
        for (key, item) in object.iter() {
            let (name, key_span) = match key {
                ObjectKey::Ident(ident) => (ident.value().to_string(), span_of(ident)),
                ObjectKey::Expression(Expression::String(string)) => {
                    (string.value().clone(), span_of(string))
                }
                ObjectKey::Expression(_) => return self.unknown(pointer),
            };
            let len = pointer.len();
            push_key(pointer, &name);
            let value_span = span_of(item.expr());
            self.spans.insert(pointer, || NodeSpan {
                key: Some(key_span),
                value: value_span,
            });
            let value = self.expression(item.expr(), pointer);
            map.insert(name, value);
            pointer.truncate(len);
        }
        Value::Object(map)
    }

    fn unknown(&mut self, pointer: &str) -> Value {
        self.shape.unknown.push(pointer.to_owned());
        Value::Null
    }

    /// An unknown value, and what it refers to when it is a plain reference.
    fn unknown_reference(&mut self, pointer: &str, reference: Option<Reference>) -> Value {
        if let Some(reference) = reference {
            self.shape.references.push((pointer.to_owned(), reference));
        }
        self.unknown(pointer)
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
        &TEXT[doc.spans.resolve(TEXT, pointer, &part)]
    }

    #[test]
    fn resources_become_terraform_json_values_with_spans() {
        let doc = parse(TEXT, Spans::Record).unwrap();
        let base = "/resource/genesyscloud_outbound_contact_list/sales";
        let list = &doc.value["resource"]["genesyscloud_outbound_contact_list"]["sales"];
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
            doc.shape.unknown,
            [
                format!("{base}/column_names/1"),
                format!("{base}/division_id"),
                format!("{base}/zip_code_column_name")
            ]
        );
        assert_eq!(doc.shape.blocks, [format!("{base}/phone_columns")]);
    }

    #[test]
    fn repeated_resources_and_blocks_over_attributes_are_duplicate_keys() {
        let text = "a = []\na {}\nresource \"t\" \"n\" {}\nresource \"t\" \"n\" {}\n";
        let doc = parse(text, Spans::Record).unwrap();
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
        assert_eq!(doc.value["a"], serde_json::json!([]));
    }

    #[test]
    fn a_repeated_attribute_is_a_syntax_error_at_the_repeat() {
        let error = parse("a = 1\na = 2\n", Spans::Skip).unwrap_err();
        assert_eq!(error.range, 6..7);
    }

    #[test]
    fn syntax_errors_point_at_the_parser_position() {
        let error = parse("a = \n", Spans::Skip).unwrap_err();
        assert!(error.range.start <= 5, "{error:?}");
        assert!(!error.message.is_empty());
    }

    #[test]
    fn an_error_inside_a_multibyte_character_points_at_its_start() {
        // Found by the fuzz target: hcl-edit reported byte 19, inside the `ݣ` at 18..20.
        let text = "rr\"\u{7}G\0\0\"r\"zr*\"\u{74d}\u{74d}\u{763}";
        let error = parse(text, Spans::Skip).unwrap_err();
        assert!(text.is_char_boundary(error.range.start) && text.is_char_boundary(error.range.end));
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
        let document = parse(text, Spans::Skip).unwrap();
        let at = "/resource/genesyscloud_outbound_campaign/c";
        let found: Vec<(String, String)> = document
            .shape
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
        assert_eq!(document.shape.unknown.len(), 8);
    }
}
