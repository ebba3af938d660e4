//! The name index of a corpus read one document at a time: each document
//! publishes the names its rows state as soon as it is ingested, and a
//! document that needs counterpart evidence asks once every document
//! before it has published. The first row of a name in corpus order wins,
//! as when the whole corpus is indexed at once: an answer is settled once every document
//! before the one that states the name has published, and a name nobody
//! states once every document has. An answer not yet settled is taken as
//! "nobody states it" (the usual answer) and the name noted: the document
//! is read again once every document has published only if some document
//! does state it after all.

use std::sync::{Condvar, Mutex, PoisonError};

use rustc_hash::FxHashMap as HashMap;

use super::resolve::{NameIndex, NameLookup};
use crate::model::HResult;
use crate::source::Location;

/// The names published so far, by the rank of the first document that
/// states each.
#[derive(Debug, Default)]
struct Published {
    /// Per name (upper case): the rank of its first document and what its
    /// first row there states.
    first: HashMap<String, (usize, HResult, Location)>,
    /// Per document rank: published yet.
    done: Vec<bool>,
    /// Documents `0..prefix` have all published.
    prefix: usize,
}

/// The name index of a corpus whose documents are read side by side.
#[derive(Debug)]
pub struct NameBoard {
    published: Mutex<Published>,
    changed: Condvar,
}

impl NameBoard {
    /// A board for `documents` documents, none published.
    pub fn new(documents: usize) -> Self {
        NameBoard {
            published: Mutex::new(Published {
                done: vec![false; documents],
                ..Published::default()
            }),
            changed: Condvar::new(),
        }
    }

    /// Publishes the names of document `rank` (each name's first row in
    /// it). Every document must publish, even one that failed to read,
    /// or those after it wait for ever: see [`NameBoard::publication`].
    fn publish(&self, rank: usize, names: NameIndex) {
        let mut published = self.lock();
        for (name, (code, location)) in names {
            let entry = published
                .first
                .entry(name)
                .or_insert((rank, code, location.clone()));
            if rank < entry.0 {
                *entry = (rank, code, location);
            }
        }
        if let Some(done) = published.done.get_mut(rank) {
            *done = true;
        }
        while published.done.get(published.prefix) == Some(&true) {
            published.prefix += 1;
        }
        drop(published);
        self.changed.notify_all();
    }

    /// A promise that document `rank` publishes: its names when
    /// [`Publication::publish`] is called, none if it is dropped first (a
    /// document that could not be read, or a panic), so that the documents
    /// after it never wait for ever.
    pub fn publication(&self, rank: usize) -> Publication<'_> {
        Publication {
            board: self,
            rank,
            published: false,
        }
    }

    /// The index as document `rank` sees it: the names of the documents up
    /// to it, once they have all published.
    pub fn view(&self, rank: usize) -> BoardView<'_> {
        BoardView {
            board: self,
            rank,
            unsettled: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// True when some document states `name` (upper case), among those
    /// published so far.
    pub fn is_stated(&self, name: &str) -> bool {
        self.lock().first.contains_key(name)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Published> {
        // A panic elsewhere is raised again where the threads are joined;
        // the map itself is never left half-updated.
        self.published
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A document's promise to publish (see [`NameBoard::publication`]).
#[derive(Debug)]
pub struct Publication<'a> {
    board: &'a NameBoard,
    rank: usize,
    published: bool,
}

impl Publication<'_> {
    /// Publishes the document's names.
    pub fn publish(mut self, names: NameIndex) {
        self.published = true;
        self.board.publish(self.rank, names);
    }
}

impl Drop for Publication<'_> {
    fn drop(&mut self) {
        if !self.published {
            self.board.publish(self.rank, NameIndex::new());
        }
    }
}

/// The board as one document sees it (see [`NameBoard::view`]).
#[derive(Debug)]
pub struct BoardView<'a> {
    board: &'a NameBoard,
    rank: usize,
    unsettled: std::cell::RefCell<Vec<String>>,
}

impl BoardView<'_> {
    /// The names asked for whose answer ("no document states it") may
    /// change once later documents publish: no document up to the one
    /// that stated it, or none at all, had published yet.
    pub fn unsettled(&self) -> Vec<String> {
        self.unsettled.borrow().clone()
    }
}

impl NameLookup for BoardView<'_> {
    fn first_row_of(&self, name: &str) -> Option<(HResult, Location)> {
        let mut published = self.board.lock();
        // The documents before this one publish as soon as they are
        // ingested, whatever they wait for afterwards: this ends.
        while published.prefix < self.rank {
            published = self
                .board
                .changed
                .wait(published)
                .unwrap_or_else(PoisonError::into_inner);
        }
        // The first row so far is the first of all once every document
        // before its own has published; a name no document has stated yet
        // is unknown for good once every document has.
        let settled = match published.first.get(name) {
            Some((rank, _, _)) => published.prefix >= *rank,
            None => published.prefix == published.done.len(),
        };
        if !settled {
            self.unsettled.borrow_mut().push(name.to_string());
            return None;
        }
        published
            .first
            .get(name)
            .map(|(_, code, location)| (*code, location.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Location {
        Location {
            file: "page.md".into(),
            line,
            column: 1,
        }
    }

    fn index(entries: &[(&str, u32, usize)]) -> NameIndex {
        entries
            .iter()
            .map(|&(name, code, line)| (name.to_string(), (HResult::new(code), at(line))))
            .collect()
    }

    #[test]
    fn the_first_document_in_corpus_order_wins_whatever_order_they_publish_in() {
        let board = NameBoard::new(3);
        board.publish(2, index(&[("OM_E_X", 0x80CF_0002, 30)]));
        board.publish(1, index(&[("OM_E_X", 0x80CF_0001, 20)]));
        board.publish(0, index(&[]));
        let view = board.view(2);
        let (code, location) = view.first_row_of("OM_E_X").expect("stated");
        assert_eq!((code, location.line), (HResult::new(0x80CF_0001), 20));
        assert!(view.unsettled().is_empty());
    }

    #[test]
    fn a_name_only_a_later_document_states_is_found_once_the_documents_before_it_publish() {
        let board = NameBoard::new(4);
        board.publish(0, index(&[]));
        board.publish(1, index(&[]));
        board.publish(3, index(&[("OM_E_X", 0x80CF_0003, 30)]));
        // Document 2 may still state it first.
        let early = board.view(1);
        assert_eq!(early.first_row_of("OM_E_X"), None);
        assert_eq!(
            early.unsettled(),
            ["OM_E_X"],
            "document 2 has not published"
        );
        board.publish(2, index(&[]));
        let early = board.view(1);
        let found = early.first_row_of("OM_E_X").map(|(code, _)| code);
        assert_eq!(found, Some(HResult::new(0x80CF_0003)));
        assert!(early.unsettled().is_empty());
    }

    #[test]
    fn a_name_nobody_states_is_unknown_for_good_only_once_every_document_published() {
        let board = NameBoard::new(2);
        board.publish(0, index(&[]));
        let view = board.view(0);
        assert_eq!(view.first_row_of("OM_E_X"), None);
        assert!(!view.unsettled().is_empty(), "document 1 may state it");
        board.publish(1, index(&[]));
        let view = board.view(0);
        assert_eq!(view.first_row_of("OM_E_X"), None);
        assert!(view.unsettled().is_empty(), "every document has published");
        assert!(!board.is_stated("OM_E_X"));
    }

    #[test]
    fn a_document_that_stops_before_publishing_publishes_nothing_rather_than_blocking_the_rest() {
        let board = NameBoard::new(2);
        board.publish(1, index(&[]));
        let stopped = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let _promise = board.publication(0);
                    panic!("a document that fails mid-way");
                })
                .join()
        });
        assert!(stopped.is_err());
        let view = board.view(1);
        assert_eq!(view.first_row_of("OM_E_X"), None);
        assert!(
            view.unsettled().is_empty(),
            "both documents count as published"
        );
    }

    #[test]
    fn a_lookup_waits_for_the_documents_before_it() {
        let board = NameBoard::new(2);
        std::thread::scope(|scope| {
            let asking = scope.spawn(|| {
                board.publish(1, index(&[]));
                board.view(1).first_row_of("OM_E_X")
            });
            std::thread::sleep(std::time::Duration::from_millis(20));
            board.publish(0, index(&[("OM_E_X", 0x80CF_0001, 5)]));
            let found = asking.join().expect("no panic");
            assert_eq!(found.map(|(code, _)| code), Some(HResult::new(0x80CF_0001)));
        });
    }
}
