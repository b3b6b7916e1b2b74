//! `inspect/1` and `to_string/1`: printing terms byte-for-byte as Elixir 1.14 does.
//! (Skeleton: implemented by the printing work.)

use super::Term;

/// Options of `inspect/2` that vial supports.
#[derive(Clone, Debug)]
pub struct InspectOpts {
    /// Line width for pretty-printing (`IO.inspect` and the REPL use 80).
    pub width: usize,
    /// How many list/tuple/map items to show before `...` (Elixir's default is 50).
    pub limit: usize,
    /// `true` for `inspect/1` (no line breaking); `IO.inspect` pretty-prints.
    pub pretty: bool,
}

impl Default for InspectOpts {
    fn default() -> Self {
        InspectOpts { width: 80, limit: 50, pretty: false }
    }
}

pub fn inspect(t: &Term) -> String {
    inspect_with(t, &InspectOpts::default())
}

pub fn inspect_with(t: &Term, _opts: &InspectOpts) -> String {
    format!("{t:?}")
}
