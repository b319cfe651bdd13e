//! Reading a value where it is written, whether a document's node or a value already made (a
//! module's literal): what the provider's judgement and the facts of the resources that use a
//! list read, so that the thousands of resources of an exported organisation are read without
//! a value made, hashed and dropped for each.

use serde_json::Value;

use super::{Node, Reference};

/// A value read in place: a [`Node`] of a document, or a `serde_json::Value`.
pub trait Readable<'v>: Copy {
    /// The member of an object at `key` (the later, when the object repeats it).
    fn get(self, key: &str) -> Option<Self>;
    /// An object's members in order, each key once; nothing for anything else.
    fn members(self) -> impl Iterator<Item = (&'v str, Self)>;
    /// An array's elements; nothing for anything else.
    fn items(self) -> impl Iterator<Item = Self>;
    fn as_str(self) -> Option<&'v str>;
    fn is_object(self) -> bool;
    /// `null`, or a value the text leaves open (which a made value holds as `null`).
    fn is_unset(self) -> bool;
    /// The plain reference written in the value's place, when it is one (a made value holds
    /// none).
    fn reference(self) -> Option<Reference>;
}

impl<'v> Readable<'v> for &'v Value {
    fn get(self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn members(self) -> impl Iterator<Item = (&'v str, Self)> {
        let members = self.as_object().into_iter().flatten();
        members.map(|(key, value)| (key.as_str(), value))
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.as_array().into_iter().flatten()
    }

    fn as_str(self) -> Option<&'v str> {
        Value::as_str(self)
    }

    fn is_object(self) -> bool {
        Value::is_object(self)
    }

    fn is_unset(self) -> bool {
        self.is_null()
    }

    fn reference(self) -> Option<Reference> {
        None
    }
}

impl<'d> Readable<'d> for Node<'d> {
    fn get(self, key: &str) -> Option<Self> {
        Node::get(self, key)
    }

    fn members(self) -> impl Iterator<Item = (&'d str, Self)> {
        Node::members(self)
    }

    fn items(self) -> impl Iterator<Item = Self> {
        Node::items(self)
    }

    fn as_str(self) -> Option<&'d str> {
        Node::as_str(self)
    }

    fn is_object(self) -> bool {
        Node::is_object(self)
    }

    fn is_unset(self) -> bool {
        self.is_null() || self.is_unknown()
    }

    fn reference(self) -> Option<Reference> {
        Node::reference(self)
    }
}
