//! Cross-file facts: what each list leaves for the rules across files, the [`FactStore`] that
//! keeps them while a run goes, and its two stores. [`HashedNames`] keeps 8 bytes a list and may
//! ask for a few inputs that turn out not to share a name (the command line's, for runs of any
//! size); [`KeptNames`] keeps every name and asks for exactly the inputs that share one (for a
//! few documents in memory, such as an editor's).

use foldhash::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::List;
use crate::rules::same_name_key;

/// What one list leaves for the rules across files, borrowed from its document: a store keeps
/// what it needs of it while the document is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListFacts<'d> {
    /// Its `name`, when it has one.
    pub name: Option<&'d str>,
    /// The namespace of names its file belongs to (`name-scopes`); `None` is the run's own.
    pub scope: Option<&'d str>,
}

impl<'d> ListFacts<'d> {
    pub fn of(list: &List<'d>, scope: Option<&'d str>) -> ListFacts<'d> {
        ListFacts {
            name: list.name(),
            scope,
        }
    }

    /// The name as rules compare it, within its scope; `None` for a blank or absent name.
    fn name_key(&self) -> Option<(Option<&'d str>, String)> {
        let key = same_name_key(self.name?);
        (!key.is_empty()).then_some((self.scope, key))
    }
}

/// Where a run keeps the facts of its lists for the rules across files.
pub trait FactStore: Send {
    /// Keeps the facts of the lists of input `number` (inputs are numbered in walk order, but
    /// linted in parallel: calls come in any order).
    fn keep(&mut self, number: usize, lists: &[ListFacts<'_>]);

    /// The numbers of the inputs the rules across files must see, ascending: every input
    /// whose facts may matter together with another's. It may name more than needed (the
    /// rules then find nothing in them), never fewer.
    fn to_compare(&mut self) -> Vec<usize>;
}

/// The list names of a run, one `u64` each: the low `number_bits` hold the input's number and
/// the rest the top bits of the name's hash. Equal names always share a hash; a shared hash
/// only costs reading two files again.
#[derive(Debug)]
pub struct HashedNames {
    entries: Vec<u64>,
    number_bits: u32,
}

impl Default for HashedNames {
    /// Room for 16 million inputs and a 40-bit hash (one chance in 200 of a spurious pair at
    /// 100,000 lists); more inputs take bits from the hash.
    fn default() -> Self {
        HashedNames {
            entries: Vec::new(),
            number_bits: 24,
        }
    }
}

impl HashedNames {
    /// The hash of a list's name (in its scope) as rules compare it; `None` for a blank name.
    pub fn hash(list: &ListFacts<'_>) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        list.name_key()?.hash(&mut hasher);
        Some(hasher.finish())
    }

    pub(super) fn add(&mut self, hash: u64, number: usize) {
        let number = number as u64;
        while number.checked_shr(self.number_bits).unwrap_or(0) != 0 {
            self.widen();
        }
        self.entries.push((hash & !self.mask()) | number);
    }

    fn mask(&self) -> u64 {
        u64::MAX.checked_shr(64 - self.number_bits).unwrap_or(0)
    }

    /// Makes room for larger input numbers by giving up 8 bits of every hash.
    fn widen(&mut self) {
        let old = self.mask();
        self.number_bits += 8;
        let new = self.mask();
        for entry in &mut self.entries {
            *entry = (*entry & !new) | (*entry & old);
        }
    }
}

impl FactStore for HashedNames {
    fn keep(&mut self, number: usize, lists: &[ListFacts<'_>]) {
        for hash in lists.iter().filter_map(Self::hash) {
            self.add(hash, number);
        }
    }

    fn to_compare(&mut self) -> Vec<usize> {
        let mut entries = std::mem::take(&mut self.entries);
        entries.sort_unstable();
        let (bits, mask) = (self.number_bits, self.mask());
        let hash = |entry: &u64| entry.checked_shr(bits).unwrap_or(0);
        let mut shared: Vec<usize> = entries
            .chunk_by(|a, b| hash(a) == hash(b))
            .filter(|group| group.len() > 1)
            .flatten()
            .map(|entry| (entry & mask) as usize)
            .collect();
        shared.sort_unstable();
        shared.dedup();
        shared
    }
}

/// Every list name of a run (in its scope), as rules compare them, with the inputs that hold it.
#[derive(Debug, Default)]
pub struct KeptNames {
    inputs: HashMap<(Option<String>, String), Vec<usize>>,
}

impl FactStore for KeptNames {
    fn keep(&mut self, number: usize, lists: &[ListFacts<'_>]) {
        for (scope, key) in lists.iter().filter_map(ListFacts::name_key) {
            let scope = scope.map(str::to_owned);
            self.inputs.entry((scope, key)).or_default().push(number);
        }
    }

    fn to_compare(&mut self) -> Vec<usize> {
        let mut shared: Vec<usize> = self
            .inputs
            .drain()
            .filter(|(_, numbers)| numbers.len() > 1)
            .flat_map(|(_, numbers)| numbers)
            .collect();
        shared.sort_unstable();
        shared.dedup();
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> [ListFacts<'_>; 1] {
        [ListFacts {
            name: Some(name),
            scope: None,
        }]
    }

    fn hash(name: &str) -> Option<u64> {
        HashedNames::hash(&named(name)[0])
    }

    #[test]
    fn equal_names_share_a_hash_and_blank_names_have_none() {
        assert_eq!(hash("Sales"), hash(" SALES "));
        assert_ne!(hash("Sales"), hash("Sales EMEA"));
        assert_eq!(hash("  "), None);
    }

    #[test]
    fn only_inputs_sharing_a_hash_come_back() {
        let mut names = HashedNames::default();
        for (hash, number) in [(7 << 40, 3), (9 << 40, 0), (7 << 40, 1), (5 << 40, 2)] {
            names.add(hash, number);
        }
        assert_eq!(names.to_compare(), vec![1, 3]);
    }

    #[test]
    fn large_input_numbers_take_bits_from_the_hash_and_keep_every_number() {
        let mut names = HashedNames::default();
        names.add(u64::MAX, 5);
        names.add(u64::MAX >> 1, 6);
        names.add(!0xff00_0000, 7);
        names.add(1 << 63, 1 << 30);
        assert_eq!(names.number_bits, 32);
        // 5 and 7 differed only in the bits given up; 6 still differs from both in its top bit.
        assert_eq!(names.to_compare(), vec![5, 7]);
        let mut names = HashedNames::default();
        names.add(1, 2);
        names.add(2, 1 << 60);
        // No hash bits are left: every list is a candidate, and nothing is lost.
        assert_eq!(names.to_compare(), vec![2, 1 << 60]);
    }

    #[test]
    fn both_stores_ask_for_the_inputs_that_share_a_name() {
        let mut hashed = HashedNames::default();
        let mut kept = KeptNames::default();
        for (number, name) in ["Sales", "Other", " sales", "", "other"].iter().enumerate() {
            hashed.keep(number, &named(name));
            kept.keep(number, &named(name));
        }
        assert_eq!(kept.to_compare(), vec![0, 1, 2, 4]);
        assert_eq!(hashed.to_compare(), vec![0, 1, 2, 4]);
    }

    #[test]
    fn equal_names_in_different_scopes_are_not_compared() {
        let mut hashed = HashedNames::default();
        let mut kept = KeptNames::default();
        for (number, scope) in [Some("env/dev"), Some("env/prod"), None, Some("env/dev")]
            .into_iter()
            .enumerate()
        {
            let facts = [ListFacts {
                name: Some("Sales"),
                scope,
            }];
            hashed.keep(number, &facts);
            kept.keep(number, &facts);
        }
        assert_eq!(kept.to_compare(), vec![0, 3]);
        assert_eq!(hashed.to_compare(), vec![0, 3]);
    }
}
