//! What rules across files query: the lists of a run that may share a name, as typed facts with
//! an index, so that a rule asks "which lists share this one's name" instead of scanning.

use foldhash::{HashMap, HashMapExt};

use super::same_name_key;

/// One checked list, as rules across files see it.
#[derive(Debug, Clone)]
pub struct RunList<'a> {
    /// How the engine knows it; findings name it.
    pub index: usize,
    pub name: &'a str,
    /// The namespace of names it belongs to (`name-scopes`); `None` is the run's own.
    pub scope: Option<&'a str>,
    /// A contact-list template (Terraform's `genesyscloud_outbound_contact_list_template`):
    /// another kind of object, whose names are compared only with templates'.
    pub template: bool,
    /// Where its name is written, as `path:line`, for messages that name it.
    pub location: &'a str,
}

/// The lists of a run that may share a name with another, in path order, indexed by their name
/// (as [`same_name_key`] makes it) within their scope and kind (list or template).
#[derive(Debug, Default)]
pub struct RunLists<'a> {
    lists: Vec<RunList<'a>>,
    by_name: HashMap<(Option<&'a str>, bool, String), Vec<usize>>,
}

impl<'a> RunLists<'a> {
    /// Indexes lists given in path order.
    pub fn new(lists: Vec<RunList<'a>>) -> RunLists<'a> {
        let mut by_name: HashMap<_, Vec<usize>> = HashMap::new();
        for (position, list) in lists.iter().enumerate() {
            let key = (list.scope, list.template, same_name_key(list.name));
            by_name.entry(key).or_default().push(position);
        }
        RunLists { lists, by_name }
    }

    pub fn iter(&self) -> impl Iterator<Item = &RunList<'a>> {
        self.lists.iter()
    }

    /// The lists of `list`'s kind whose name is `list`'s in its scope, ignoring case and
    /// surrounding spaces, in path order and `list` among them; none for a blank name.
    pub fn named_like<'s>(&'s self, list: &RunList<'a>) -> impl Iterator<Item = &'s RunList<'a>> {
        let key = same_name_key(list.name);
        let same = match key.is_empty() {
            true => None,
            false => self.by_name.get(&(list.scope, list.template, key)),
        };
        same.into_iter()
            .flatten()
            .map(|&position| &self.lists[position])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<'a>(lists: &[(&'a str, Option<&'a str>)]) -> RunLists<'a> {
        let lists = lists.iter().enumerate();
        let lists = lists.map(|(index, &(name, scope))| RunList {
            index: index * 10,
            name,
            scope,
            // A template's name ends with "template" here.
            template: name.ends_with("template"),
            location: "x:1",
        });
        RunLists::new(lists.collect())
    }

    #[test]
    fn names_match_ignoring_case_and_spaces_within_one_scope() {
        let run = run(&[
            ("Sales", None),
            (" sales", None),
            ("Sales", Some("env")),
            (" ", None),
        ]);
        let lists: Vec<&RunList> = run.iter().collect();
        let like = |list: &RunList| run.named_like(list).map(|l| l.index).collect::<Vec<_>>();
        assert_eq!(like(lists[1]), vec![0, 10]);
        assert_eq!(like(lists[2]), vec![20]);
        assert_eq!(like(lists[3]), Vec::<usize>::new());
    }

    #[test]
    fn templates_are_compared_only_with_templates() {
        let run = run(&[("Sales template", None), ("sales template", None)]);
        let lists: Vec<&RunList> = run.iter().collect();
        let like = |list: &RunList| run.named_like(list).map(|l| l.index).collect::<Vec<_>>();
        assert_eq!(like(lists[1]), vec![0, 10]);
        let mut list = lists[1].clone();
        list.template = false;
        assert_eq!(like(&list), Vec::<usize>::new());
    }
}
