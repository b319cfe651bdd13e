//! A Terraform module (one directory) as its rules see it: the facts of its files indexed once,
//! and the references they resolve — a list by its resource address or a `var.X` a call passes,
//! a resource by its address, the lists a resource's columns are checked against.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};

use super::facts::{FileFacts, ListFact};
use super::literals::Literal;
use super::tables::UserKind;
use super::users::{NamedColumn, User};
use crate::model::terraform::ResourceKind;
use crate::pointer::Part;
use crate::syntax::Reference;

/// A place in a file of a module: the file's index among the module's files, a document
/// pointer and which part of the node.
#[derive(Debug, Clone, PartialEq)]
pub struct ModulePlace {
    pub file: usize,
    pub pointer: String,
    pub part: Part,
}

/// What the call a module is checked through passes it: the lists its variables name
/// (`var.NAME` → a file and a list) and the literal values they take (passed by the call, or
/// their `default`: a file of the module's and the value); empty for a module checked on its
/// own.
#[derive(Debug, Default)]
pub struct Context<'a> {
    pub variables: HashMap<String, (usize, &'a ListFact)>,
    pub literals: HashMap<String, (usize, Literal)>,
    /// The call the module is checked through (`module.campaigns in main.tf`), if any.
    pub call: Option<String>,
}

/// A Terraform module (one directory) as its rules see it: the facts of each of its files —
/// its own first (`own` of them), then files of other modules that hold a list it reaches
/// or a value it takes through a module call — indexed once, so that resolving a reference
/// costs a lookup whatever the module's size (an exported organisation is one module of
/// thousands of resources).
#[derive(Debug)]
pub struct Module<'a> {
    pub files: Vec<&'a FileFacts>,
    pub own: usize,
    context: Context<'a>,
    /// The own files' lists and resources by address (more than one: declared twice).
    /// The lists and the resources that use one, by type and name (looked up from the
    /// references of thousands of resources in an export, without spelling each address).
    lists: Index<'a, ListFact>,
    users: Index<'a, User>,
    /// The own files' literal `locals` by name.
    locals: HashMap<&'a str, (usize, &'a Literal)>,
    /// For each resource, the resources that link it (a rule set, the campaigns whose
    /// `rule_set_ids` name it). Only a resource declared once is linked.
    linked_by: HashMap<Held<'a>, Vec<&'a User>>,
}

/// A resource of the module's facts by where it is held, not by its address: an export's
/// thousands of lookups then hash and compare a pointer, not a string each.
#[derive(Debug, Clone, Copy)]
struct Held<'a>(&'a User);

impl PartialEq for Held<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Held<'_> {}

impl Hash for Held<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

/// A column a resource names: written in it, or written where the value of a variable or
/// `local` it uses is (a module call's argument, a `default`, a `local`).
#[derive(Debug)]
pub struct ColumnUse<'m> {
    /// Its pointer is relative to `base` in file `file`.
    pub column: Cow<'m, NamedColumn>,
    pub file: usize,
    /// The resource's document pointer, or empty for a value written elsewhere.
    pub base: &'m str,
    /// Where the resource uses a value written elsewhere.
    pub used_at: Option<ModulePlace>,
    /// The call that passes it, when it comes through a variable.
    pub through: Option<&'m str>,
}

impl ColumnUse<'_> {
    /// Where the column's name is written: the place a finding about it sits, and its fix.
    pub fn place(&self) -> ModulePlace {
        let part = match self.column.is_key {
            true => Part::Key,
            false => Part::Value,
        };
        ModulePlace {
            file: self.file,
            pointer: format!("{}{}", self.base, self.column.pointer),
            part,
        }
    }
}

impl<'a> Module<'a> {
    /// A module of `files`, the first `own` of them its own, checked in `context`.
    pub fn new(files: Vec<&'a FileFacts>, own: usize, context: Context<'a>) -> Module<'a> {
        let own_files = &files[..own];
        let room = |count: fn(&FileFacts) -> usize| own_files.iter().map(|f| count(f)).sum();
        let mut lists: Index<ListFact> =
            Index::with_capacity_and_hasher(room(|f| f.lists.len()), Given::default());
        let mut users: Index<User> =
            Index::with_capacity_and_hasher(room(|f| f.users.len()), Given::default());
        let mut locals: HashMap<&str, (usize, &Literal)> = HashMap::new();
        for (file, facts) in files[..own].iter().enumerate() {
            for list in &facts.lists {
                let key = Indexed::of(&list.address, list.address_hash);
                lists.entry(key).or_default().push((file, list));
            }
            for user in &facts.users {
                let key = Indexed::of(&user.address, user.address_hash);
                users.entry(key).or_default().push((file, user));
            }
            for (name, literal) in &facts.locals {
                locals.insert(name, (file, literal));
            }
        }
        let mut module = Module {
            files,
            own,
            context,
            lists,
            users,
            locals,
            linked_by: HashMap::new(),
        };
        let mut linked_by: HashMap<Held<'a>, Vec<&'a User>> = HashMap::new();
        for (_, campaign) in module.users() {
            for (named, kind) in &campaign.links {
                let linked = named.reference.as_ref().and_then(|r| module.user(r, *kind));
                if let Some((_, linked)) = linked {
                    linked_by.entry(Held(linked)).or_default().push(campaign);
                }
            }
        }
        module.linked_by = linked_by;
        module
    }

    /// The addresses of the outbound resources the module's own files declare: its lists and
    /// templates, and its resources that use a list.
    pub fn declared_addresses(&self) -> Vec<&'a str> {
        let own = &self.files[..self.own];
        let lists = own
            .iter()
            .flat_map(|f| f.lists.iter().map(|l| l.address.as_str()));
        let users = own
            .iter()
            .flat_map(|f| f.users.iter().map(|u| u.address.as_str()));
        lists.chain(users).collect()
    }

    /// Every resource of the module's own files that uses a list, with its file's index.
    pub fn users(&self) -> impl Iterator<Item = (usize, &'a User)> + 'a {
        let files: Vec<&'a FileFacts> = self.files[..self.own].to_vec();
        files
            .into_iter()
            .enumerate()
            .flat_map(|(file, facts)| facts.users.iter().map(move |user| (file, user)))
    }

    /// The call the module is checked through (`module.campaigns in main.tf`), if any.
    pub fn call(&self) -> Option<&str> {
        self.context.call.as_deref()
    }

    /// The columns a resource names: those written in it, then those written where the
    /// variables and `locals` it uses take their literal values.
    pub fn columns_of<'m>(&'m self, file: usize, user: &'m User) -> Vec<ColumnUse<'m>> {
        let written = user.columns.iter().map(|column| ColumnUse {
            column: Cow::Borrowed(column),
            file,
            base: &user.base,
            used_at: None,
            through: None,
        });
        let mut uses: Vec<ColumnUse> = written.collect();
        for indirect in &user.indirect {
            let Some((at, literal, through)) = self.value_of(&indirect.reference) else {
                continue;
            };
            let used_at = ModulePlace {
                file,
                pointer: format!("{}{}", user.base, indirect.pointer),
                part: Part::Value,
            };
            uses.extend(
                indirect
                    .columns_in(literal)
                    .into_iter()
                    .map(|column| ColumnUse {
                        column: Cow::Owned(column),
                        file: at,
                        base: "",
                        used_at: Some(used_at.clone()),
                        through,
                    }),
            );
        }
        uses
    }

    /// The literal value a `var.NAME` (as the call passes it) or `local.NAME` takes: its file,
    /// the value, and the call it comes through.
    fn value_of(&self, reference: &Reference) -> Option<(usize, &Literal, Option<&str>)> {
        match reference.0.as_slice() {
            [root, name] if root == "var" => {
                let (file, literal) = self.context.literals.get(name)?;
                Some((*file, literal, self.call()))
            }
            [root, name] if root == "local" => {
                let (file, literal) = self.locals.get(name.as_str())?;
                Some((*file, *literal, None))
            }
            _ => None,
        }
    }

    /// The list a reference names: `genesyscloud_outbound_contact_list.NAME.id` (or
    /// `_template`), declared once in the module and not repeated, or `var.NAME` as the call
    /// passes it; anything else is unknown.
    pub fn list(&self, reference: &Reference) -> Option<(usize, &'a ListFact)> {
        if let [root, name] = reference.0.as_slice()
            && root == "var"
        {
            return self.context.variables.get(name.as_str()).copied();
        }
        self.declared(reference)
    }

    /// The list a reference names among the module's own files.
    pub fn declared(&self, reference: &Reference) -> Option<(usize, &'a ListFact)> {
        let [type_name, name, attribute] = reference.0.as_slice() else {
            return None;
        };
        let known = ResourceKind::ALL
            .iter()
            .any(|kind| kind.type_name() == type_name);
        if !known || attribute != "id" {
            return None;
        }
        declared_once(&self.lists, type_name, name, |list| list.repeated)
    }

    /// The resource of `kind` a reference names, declared once and not repeated.
    pub fn user(&self, reference: &Reference, kind: UserKind) -> Option<(usize, &'a User)> {
        let [type_name, name, attribute] = reference.0.as_slice() else {
            return None;
        };
        if type_name != kind.type_name() || attribute != "id" {
            return None;
        }
        declared_once(&self.users, type_name, name, |user| user.repeated)
    }

    /// The list a resource names itself (its `contact_list_id`), when the file fixes it.
    pub fn own_list(&self, user: &User) -> Option<(usize, &'a ListFact)> {
        let named = user
            .lists
            .iter()
            .filter_map(|named| named.reference.as_ref());
        named.filter_map(|reference| self.list(reference)).next()
    }

    /// The lists a resource's columns are checked against: the one it names itself, and the
    /// list of every campaign that links it (a rule set in `rule_set_ids`, a DNC list in
    /// `dnc_list_ids`...), but a filter's: a filter belongs to its own list or template, and a
    /// campaign of another list that uses it is `filter-list-mismatch`. Each list once;
    /// unknown ones are left out. `user` is one of [`Module::users`]: the campaigns that link
    /// it are found by where it is held.
    pub fn lists_of(&'a self, user: &User) -> Vec<UsedList<'a>> {
        let mut used: Vec<UsedList<'a>> = Vec::new();
        let mut add = |reference: Option<&Reference>, via: Option<&'a User>| {
            let Some((file, list)) = reference.and_then(|r| self.list(r)) else {
                return;
            };
            let through = match reference.map(|r| r.0[0].as_str()) {
                Some("var") => self.call(),
                _ => None,
            };
            if !used.iter().any(|u| std::ptr::eq(u.list, list)) {
                used.push(UsedList {
                    file,
                    list,
                    via,
                    through,
                });
            }
        };
        for named in &user.lists {
            add(named.reference.as_ref(), None);
        }
        let own_list_only = match user.kind {
            UserKind::ContactListFilter => true,
            UserKind::Campaign
            | UserKind::MessagingCampaign
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::DncList
            | UserKind::ContactListContact => false,
        };
        // A resource declared twice is linked by none (`Module::user`).
        let campaigns = self.linked_by.get(&Held(user)).filter(|_| !own_list_only);
        for campaign in campaigns.into_iter().flatten() {
            for named in &campaign.lists {
                add(named.reference.as_ref(), Some(campaign));
            }
        }
        used
    }
}

/// A list a resource's columns are checked against, and the campaign that brought it in when
/// it is not the resource's own.
#[derive(Debug, Clone, Copy)]
pub struct UsedList<'a> {
    pub file: usize,
    pub list: &'a ListFact,
    pub via: Option<&'a User>,
    /// Reached through a variable of the module: the call that passes it.
    pub through: Option<&'a str>,
}

/// The resource of a type and name among those the module declares, when it is declared once
/// and not written with `count` or `for_each`.
fn declared_once<'a, T>(
    declared: &Index<'a, T>,
    type_name: &str,
    name: &str,
    repeated: impl Fn(&T) -> bool,
) -> Option<(usize, &'a T)> {
    let key = Indexed {
        hash: hash_of(type_name, name),
        type_name,
        name,
    };
    match declared.get(&key)?.as_slice() {
        [(file, resource)] if !repeated(resource) => Some((*file, *resource)),
        _ => None,
    }
}

/// A resource's address (`genesyscloud_outbound_campaign.sales`) as its type and name: neither
/// holds a dot.
fn type_and_name(address: &str) -> (&str, &str) {
    address.split_once('.').unwrap_or((address, ""))
}

/// The hash by which a module indexes a resource's type and name, taken where the resource's
/// facts are made (on the pool, its address just written): indexing an export's thousands of
/// resources then reads no address again, each read a cache miss on the thread that indexes.
pub fn address_hash(address: &str) -> u64 {
    let (type_name, name) = type_and_name(address);
    hash_of(type_name, name)
}

/// One hash for every thread and map (a fixed seed: the index is rebuilt each run, and a
/// module's own resources are all it holds).
fn hash_of(type_name: &str, name: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one((type_name, name))
}

/// The resources of a kind a module declares, by type and name (more than one: declared twice).
type Index<'a, T> = std::collections::HashMap<Indexed<'a>, Vec<(usize, &'a T)>, Given>;

/// A type and name with the hash [`address_hash`] took of them.
#[derive(Debug, Clone, Copy)]
struct Indexed<'a> {
    hash: u64,
    type_name: &'a str,
    name: &'a str,
}

impl<'a> Indexed<'a> {
    fn of(address: &'a str, hash: u64) -> Indexed<'a> {
        let (type_name, name) = type_and_name(address);
        Indexed {
            hash,
            type_name,
            name,
        }
    }
}

impl PartialEq for Indexed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.type_name == other.type_name && self.name == other.name
    }
}

impl Eq for Indexed<'_> {}

impl Hash for Indexed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The hasher of an [`Index`]: the hash its keys were given, as it is.
#[derive(Debug, Clone, Copy, Default)]
struct Given(u64);

impl BuildHasher for Given {
    type Hasher = Given;

    fn build_hasher(&self) -> Given {
        Given(0)
    }
}

impl Hasher for Given {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    /// An [`Indexed`] key writes its hash alone; bytes, which no key of an index writes, are
    /// folded in all the same.
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes
            .iter()
            .fold(self.0, |h, &b| h.rotate_left(8) ^ u64::from(b));
    }
}
