//! What the extractor remembers across pages and posts: each comment's parent, how the API
//! wrote its id (so `{parent}` and `{root}` keep the type), the value a reply must send for it
//! (`tree.reply_key`), its raw object when post templates cite its fields (`{parent./uri}`),
//! the parent keys, and the thread's root object (`list.root`).

use crate::model::Comment;
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// Memory of the thread's comments, shared by reading and posting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    ids: HashMap<Rc<str>, Known>,
    keys: HashMap<String, Rc<str>>,
    posted: u64,
    root: Option<Rc<Value>>,
}

/// What is known of one comment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Known {
    /// Its parent's id.
    pub parent: Option<Rc<str>>,
    /// The id was a JSON number.
    pub numeric: bool,
    /// What a reply sends as `{parent}`, when it is not the id.
    pub send: Option<Value>,
    /// The comment's raw object, kept when post templates cite its fields.
    pub raw: Option<Rc<Value>>,
}

impl Seen {
    /// Records a comment.
    pub fn remember(&mut self, c: &Comment, numeric: bool, key: Option<String>) {
        self.remember_known(c, Known { parent: c.parent.clone(), numeric, ..Known::default() }, key);
    }

    /// Records a comment with all that is known of it.
    pub fn remember_known(&mut self, c: &Comment, known: Known, key: Option<String>) {
        self.ids.insert(c.id.clone(), Known { parent: c.parent.clone(), ..known });
        if let Some(key) = key {
            self.keys.entry(key).or_insert_with(|| c.id.clone());
        }
    }

    /// Files a known comment under another parent (replies fetched behind a stub).
    pub fn set_parent(&mut self, id: &str, parent: Rc<str>) {
        if let Some(k) = self.ids.get_mut(id) {
            k.parent = Some(parent);
        }
    }

    /// What is known of a comment.
    pub fn known(&self, id: &str) -> Option<&Known> {
        self.ids.get(id)
    }

    /// An id as the API wrote it: a JSON number if it was one, else a string.
    pub fn id_value(&self, id: &str) -> Value {
        match self.ids.get(id) {
            Some(k) if k.numeric => id.parse::<i64>().map(Value::from).unwrap_or_else(|_| id.into()),
            _ => id.into(),
        }
    }

    /// What a reply to `id` sends: its reply key if it has one, else its id.
    pub fn send_value(&self, id: &str) -> Value {
        match self.ids.get(id).and_then(|k| k.send.clone()) {
            Some(v) => v,
            None => self.id_value(id),
        }
    }

    /// The top-level ancestor of a comment (itself when it has no known parent). Stops after
    /// as many steps as there are comments, so a cycle cannot loop.
    pub fn root_of(&self, id: &Rc<str>) -> Rc<str> {
        let mut current = id.clone();
        for _ in 0..=self.ids.len() {
            match self.ids.get(&current).and_then(|k| k.parent.clone()) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }

    /// The id a parent key points at, if that comment was seen.
    pub fn id_for_key(&self, key: &str) -> Option<Rc<str>> {
        self.keys.get(key).cloned()
    }

    /// Keeps the thread's root object (`list.root`).
    pub fn set_root(&mut self, root: Option<Value>) {
        if let Some(root) = root {
            self.root = Some(Rc::new(root));
        }
    }

    /// The thread's root object, if the mapping names one and an answer had it.
    pub fn root(&self) -> Option<&Value> {
        self.root.as_deref()
    }

    /// A fresh id for a posted comment whose answer carried none.
    pub fn next_local_id(&mut self) -> Rc<str> {
        self.posted += 1;
        format!("posted-{}", self.posted).into()
    }

    /// Number of comments remembered.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing was remembered yet.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
