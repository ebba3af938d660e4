//! References: what the headers that define the codes say, to check the
//! pages against.
//!
//! [`Query`] classifies what `errdocs lookup` is asked.

mod names;
mod query;

pub use query::{Notation, Query, QueryError, ValueQuery, Wildcard};
