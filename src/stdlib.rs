//! The standard library written in vial itself: sources embedded in the binary and
//! compiled at start-up, before the user's program.

use crate::term::Atom;

/// The stdlib modules, in load order.
pub const SOURCES: &[(&str, &str)] = &[];

/// The template of default callbacks `use Module` injects (see ARCHITECTURE.md).
pub fn use_source(_module: Atom) -> Option<&'static str> {
    None
}
