//! Cutting parent cycles in a flat list of comments.

use crate::model::Comment;
use std::collections::HashMap;
use std::rc::Rc;

/// Cuts parent links that close a cycle, at the first comment of the cycle met in list order,
/// which becomes a top-level comment. Linear time, no recursion.
pub fn cut_cycles(comments: &mut [Comment]) {
    let index: HashMap<Rc<str>, usize> =
        comments.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).rev().collect();
    // 0: not visited, 1: on the current walk, 2: finished.
    let mut state = vec![0u8; comments.len()];
    let mut walk = Vec::new();
    for start in 0..comments.len() {
        let mut current = start;
        loop {
            match state[current] {
                2 => break,
                1 => {
                    comments[current].parent = None;
                    break;
                }
                _ => {}
            }
            state[current] = 1;
            walk.push(current);
            match comments[current].parent.as_ref().and_then(|p| index.get(p)) {
                Some(&next) => current = next,
                None => break,
            }
        }
        for &i in &walk {
            state[i] = 2;
        }
        walk.clear();
    }
}
