//! Every fact about a file syntax: which names it goes by, how to recognise it by content, which
//! files a walk yields, how to parse it (once, recording where everything is written) and how to
//! write a string in it. One file per syntax; [`Syntax`] dispatches with exhaustive `match`es, so
//! a new syntax is a compile error until every place handles it.
//!
//! Owns: parsing into a [`Document`] (a lean tree of the text's values with their spans, from
//! which values are made a part at a time), and the small lexers that tell where an editor's
//! cursor stands (`cursor.rs`).
//! Never imports `model`, `rules`, `engine`, `settings`, `render` or `cli`.

pub mod csv;
mod cursor;
mod hcl;
mod json;
mod locate;
mod terraform_json;
mod toml;
mod tree;

use std::path::Path;

pub use cursor::Enclosing;
pub use locate::{Located, locate};
pub use tree::{
    Detached, Document, DuplicateKey, Node, Readable, Reference, Shape, SpanIndex, SyntaxError,
};

use crate::pointer::Part;

/// The two interpolations of a Terraform string whose value a run fixes: the directory of the
/// module that writes it, and of the root module Terraform runs in. A string that holds no
/// other interpolation is a literal that keeps them as written (`"${path.module}/x.csv"`), for
/// the engine to resolve; a literal written `$${path.module}` reads the same, a confusion no
/// real path makes.
pub const PATH_MODULE: &str = "${path.module}";
pub const PATH_ROOT: &str = "${path.root}";

/// Whether a Terraform file's text may call a local module (`module "x" { source = "./x" }`,
/// or its JSON): a cheap test before a parse, which a file that names no local path (most of a
/// repository's) fails.
pub fn may_call_local_modules(text: &str) -> bool {
    calls_local_modules_if(LOCAL_MODULE_WORDS.map(|word| text.contains(word)))
}

/// The words [`may_call_local_modules`] looks for: `module`, and a path that starts `"./` or
/// `"../`.
pub const LOCAL_MODULE_WORDS: [&str; 3] = ["module", "\"./", "\"../"];

/// Whether a text that holds these of [`LOCAL_MODULE_WORDS`] may call a local module.
pub fn calls_local_modules_if([module, here, up]: [bool; 3]) -> bool {
    module && (here || up)
}

/// Terraform's meta-arguments, which every resource has and which are not attributes.
pub const META_ARGUMENTS: [&str; 7] = [
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "provisioner",
    "connection",
];

/// The block type that generates blocks from a collection (`dynamic "phone_columns" {...}`).
pub const DYNAMIC: &str = "dynamic";

/// The extensions of Terraform's variable files (`terraform.tfvars`, `x.auto.tfvars.json`):
/// values for a module's variables, never walked, but read around a module.
pub const TERRAFORM_VARIABLE_EXTENSIONS: &[&str] = hcl::VARIABLE_FILE_EXTENSIONS;

/// Declares [`Syntax`] and its list of every variant together, so that neither can miss one.
macro_rules! syntaxes {
    ($($variant:ident),+ $(,)?) => {
        /// The syntax a file is written in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Syntax {
            $($variant),+
        }

        impl Syntax {
            /// Every syntax.
            pub const ALL: &[Syntax] = &[$(Syntax::$variant),+];
        }
    };
}

syntaxes!(Json, Toml, Terraform, TerraformJson, Csv);

const BOM: &[u8] = "\u{feff}".as_bytes();

/// How a document holds contact lists; `model::lists` reads each layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The whole document is one list (when it is one at all).
    WholeDocument,
    /// Terraform: each `resource` of a contact-list type is a list.
    TerraformResources,
    /// A CSV contact file: no list, but the contacts imported into one. It is streamed through
    /// [`csv::Scanner`], never parsed into a [`Document`].
    Contacts,
}

impl Syntax {
    /// How messages name the syntax: `invalid JSON: ...`.
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Json | Syntax::TerraformJson => "JSON",
            Syntax::Toml => "TOML",
            Syntax::Terraform => "HCL",
            Syntax::Csv => "CSV",
        }
    }

    /// The file-name extensions (lowercase, without the dot) that mean this syntax. Whatever
    /// else lists extensions takes them from here: the walk, the language server's watcher, and
    /// (held by `tests/it`) the pre-commit hooks, the VS Code extension and the browser page.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Syntax::Json => json::EXTENSIONS,
            Syntax::Toml => toml::EXTENSIONS,
            Syntax::Terraform => hcl::EXTENSIONS,
            Syntax::TerraformJson => terraform_json::EXTENSIONS,
            Syntax::Csv => csv::EXTENSIONS,
        }
    }

    /// The syntax a file name's extension names, in any case; the longest extension wins
    /// (`x.tf.json` is Terraform's JSON, not plain JSON).
    pub fn from_name(name: &Path) -> Option<Syntax> {
        let name = name.file_name()?.to_str()?.to_ascii_lowercase();
        let names = |extension: &str| {
            let stem = name.strip_suffix(extension)?.strip_suffix('.')?;
            (!stem.is_empty()).then_some(extension.len())
        };
        Syntax::ALL
            .iter()
            .filter_map(|syntax| {
                let longest = syntax.extensions().iter().filter_map(|e| names(e)).max()?;
                Some((longest, *syntax))
            })
            .max()
            .map(|(_, syntax)| syntax)
    }

    /// The syntax from the name's extension (a Terraform variable file `x.tfvars` is HCL);
    /// otherwise from the content: JSON when it starts with `{` or `[` (after a byte-order mark
    /// and white space), Terraform when a line opens a block with a quoted label (`resource
    /// "TYPE" "NAME" {`, which TOML cannot write), else TOML.
    pub fn detect(name: &str, text: &[u8]) -> Syntax {
        let path = Path::new(name);
        let variables = Syntax::is_terraform_variables(path).then_some(Syntax::Terraform);
        Syntax::from_name(path).or(variables).unwrap_or_else(|| {
            let body = text.strip_prefix(BOM).unwrap_or(text);
            if json::starts_like_json(body) {
                Syntax::Json
            } else if hcl::opens_labelled_block(body) {
                Syntax::Terraform
            } else {
                Syntax::Toml
            }
        })
    }

    /// Whether a file is a Terraform variable file (`terraform.tfvars`, `x.auto.tfvars.json`):
    /// values for a module's variables, never a contact list (and not TOML, whatever it
    /// looks like).
    pub fn is_terraform_variables(path: &Path) -> bool {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_ascii_lowercase);
        name.is_some_and(|name| {
            TERRAFORM_VARIABLE_EXTENSIONS
                .iter()
                .any(|extension| name.ends_with(&format!(".{extension}")))
        })
    }

    /// Whether a walk yields this file: its extension names a syntax (a Terraform variable file
    /// is none of them).
    pub fn is_walked(path: &Path) -> bool {
        Syntax::from_name(path).is_some() && !Syntax::is_terraform_variables(path)
    }

    /// How a document in this syntax holds contact lists.
    pub fn layout(self) -> Layout {
        match self {
            Syntax::Json => json::LAYOUT,
            Syntax::Toml => toml::LAYOUT,
            Syntax::Terraform => hcl::LAYOUT,
            Syntax::TerraformJson => terraform_json::LAYOUT,
            Syntax::Csv => csv::LAYOUT,
        }
    }

    /// Whether its files are Terraform's (`.tf`, `.tf.json`): resources, modules, a provider.
    pub fn is_terraform(self) -> bool {
        self.layout() == Layout::TerraformResources
    }

    /// Whether its files are contact files (streamed, checked against a list), not lists.
    pub fn holds_contacts(self) -> bool {
        self.layout() == Layout::Contacts
    }

    /// Parses decoded text (without a byte-order mark), once: the document records where every
    /// value is written. A contact file holds no document: it is streamed (`csv::Scanner`), and
    /// asking for one is an error that says so.
    pub fn parse(self, text: &str) -> Result<Document<'_>, SyntaxError> {
        match self {
            Syntax::Json => json::parse(text),
            Syntax::Toml => toml::parse(text),
            Syntax::Terraform => hcl::parse(text),
            Syntax::TerraformJson => terraform_json::parse(text),
            Syntax::Csv => Err(SyntaxError {
                message: "a CSV file holds contacts, not a contact list".into(),
                range: 0..0,
            }),
        }
    }

    /// What is open around the end of `before`, an editor's text before its cursor: the keys
    /// of the objects or the table (JSON, TOML), or the blocks (HCL) the cursor is in.
    pub fn enclosing(self, before: &str) -> Enclosing {
        match self {
            Syntax::Json => Enclosing::Keys(cursor::json_path(before)),
            Syntax::Toml => Enclosing::Keys(cursor::toml_table(before)),
            Syntax::Terraform => Enclosing::Blocks(cursor::hcl_blocks(before)),
            Syntax::TerraformJson | Syntax::Csv => Enclosing::Unfollowed,
        }
    }

    /// The key whose value a line ends in, as it is being typed (`"key": "Ce`, `key = "Ce`,
    /// `key = ["Cell", "Ho`); a contact file has no keys.
    pub fn key_being_valued(self, line: &str) -> Option<&str> {
        match self {
            Syntax::Json | Syntax::Toml | Syntax::Terraform | Syntax::TerraformJson => {
                cursor::key_being_valued(line)
            }
            Syntax::Csv => None,
        }
    }

    /// Whether a line ends among a block's labels (`resource "…" "|`), where no key or value
    /// belongs; only HCL has labels.
    pub fn in_block_labels(self, line: &str) -> bool {
        match self {
            Syntax::Terraform => cursor::hcl_in_block_labels(line),
            Syntax::Json | Syntax::Toml | Syntax::TerraformJson | Syntax::Csv => false,
        }
    }

    /// The attributes written one to a line (name, value's text) in the resource block a text
    /// ends in; only HCL is read so.
    pub fn resource_attributes(self, before: &str) -> Vec<(&str, &str)> {
        match self {
            Syntax::Terraform => cursor::hcl_resource_attributes(before).collect(),
            Syntax::Json | Syntax::Toml | Syntax::TerraformJson | Syntax::Csv => Vec::new(),
        }
    }

    /// The range that removing the member with these key and value spans takes, when it can be
    /// removed on its own (not a TOML table or an HCL block).
    pub fn member_removal(
        self,
        text: &str,
        key: &std::ops::Range<usize>,
        value: &std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
        let separator = match self {
            Syntax::Json | Syntax::TerraformJson => ':',
            Syntax::Toml | Syntax::Terraform => '=',
            Syntax::Csv => return None,
        };
        tree::member_removal(text, key, value, separator)
    }

    /// `text` as it is written in this syntax at `part` of a node: a string literal, or for a
    /// TOML key a bare key when it can be one.
    /// A plain reference (`a.b.c`, by its names) as this syntax writes one: bare in HCL, an
    /// interpolation in JSON (the only way Terraform's JSON refers); the others have none and
    /// get its text quoted.
    pub fn reference(self, names: &[String]) -> String {
        let reference = names.join(".");
        match self {
            Syntax::Terraform => reference,
            Syntax::Json | Syntax::TerraformJson => json::quote(&format!("${{{reference}}}")),
            Syntax::Toml => toml::quote(&reference, &Part::Value),
            Syntax::Csv => csv::quote(&reference),
        }
    }

    pub fn quote(self, text: &str, part: &Part) -> String {
        match self {
            Syntax::Json | Syntax::TerraformJson => json::quote(text),
            Syntax::Toml => toml::quote(text, part),
            Syntax::Terraform => hcl::quote(text, part),
            Syntax::Csv => csv::quote(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_comes_from_extension_then_content() {
        assert_eq!(Syntax::detect("x.TOML", b"{"), Syntax::Toml);
        assert_eq!(Syntax::detect("-", b"  [1]"), Syntax::Json);
        assert_eq!(Syntax::detect("list", b"\xef\xbb\xbf{}"), Syntax::Json);
        assert_eq!(Syntax::detect("list", b"name = 'x'"), Syntax::Toml);
    }

    #[test]
    fn walks_yield_the_extensions_of_every_syntax() {
        assert!(Syntax::is_walked(Path::new("a/b.Json")));
        assert!(Syntax::is_walked(Path::new("b.toml")));
        assert!(!Syntax::is_walked(Path::new("b.yaml")));
        assert!(!Syntax::is_walked(Path::new("json")));
        assert!(!Syntax::is_walked(Path::new(".tf")));
        assert_eq!(
            Syntax::from_name(Path::new("m/main.TF")),
            Some(Syntax::Terraform)
        );
        assert_eq!(
            Syntax::from_name(Path::new("main.tf.json")),
            Some(Syntax::TerraformJson)
        );
        assert_eq!(Syntax::from_name(Path::new("a.b.json")), Some(Syntax::Json));
    }

    #[test]
    fn toml_keys_stay_bare_when_they_can() {
        assert_eq!(Syntax::Toml.quote("columns", &Part::Key), "columns");
        assert_eq!(Syntax::Toml.quote("a b", &Part::Key), "\"a b\"");
        assert_eq!(Syntax::Toml.quote("CSV_FILE", &Part::Value), "\"CSV_FILE\"");
        assert_eq!(Syntax::Json.quote("columns", &Part::Key), "\"columns\"");
    }
}
