//! The standard library written in vial itself: sources embedded in the binary with
//! `include_str!` and compiled at start-up, before the user's program. Native functions
//! (`src/vm/natives/`) sit underneath; these modules add everything that calls back into
//! user code.

use crate::term::Atom;

/// The stdlib files compiled at start-up, in load order.
pub const SOURCES: &[(&str, &str)] = &[
    ("stdlib/exceptions.ex", include_str!("../stdlib/exceptions.ex")),
    ("stdlib/kernel.ex", include_str!("../stdlib/kernel.ex")),
    ("stdlib/enum.ex", include_str!("../stdlib/enum.ex")),
    ("stdlib/data.ex", include_str!("../stdlib/data.ex")),

];

/// The stdlib files compiled only when a program first calls one of their modules: most
/// scripts never touch GenServer or the shell helpers, and start-up stays fast.
pub const LAZY_SOURCES: &[(&str, &str)] = &[
    ("stdlib/otp.ex", include_str!("../stdlib/otp.ex")),
    ("stdlib/iex.ex", include_str!("../stdlib/iex.ex")),
    ("stdlib/mapset.ex", include_str!("../stdlib/mapset.ex")),
    ("stdlib/erlang.ex", include_str!("../stdlib/erlang.ex")),
    ("stdlib/queue.ex", include_str!("../stdlib/queue.ex")),
    ("stdlib/access.ex", include_str!("../stdlib/access.ex")),
    ("stdlib/gb_trees.ex", include_str!("../stdlib/gb_trees.ex")),
    ("stdlib/gb_sets.ex", include_str!("../stdlib/gb_sets.ex")),
    ("stdlib/ordsets.ex", include_str!("../stdlib/ordsets.ex")),
    ("stdlib/orddict.ex", include_str!("../stdlib/orddict.ex")),
    ("stdlib/sets.ex", include_str!("../stdlib/sets.ex")),
    ("stdlib/array.ex", include_str!("../stdlib/array.ex")),
    ("stdlib/dict.ex", include_str!("../stdlib/dict.ex")),
];

/// The lazily loaded file defining `module` (found by its `defmodule Name do` line).
pub fn lazy_source_of(module: Atom) -> Option<(&'static str, &'static str)> {
    let wanted = match module.name().strip_prefix("Elixir.") {
        Some(name) => format!("defmodule {name} do"),
        // An Erlang module, written `defmodule :lists do`.
        None => format!("defmodule :{} do", module.name()),
    };
    LAZY_SOURCES.iter().copied().find(|(_, src)| src.lines().any(|l| l.trim_start() == wanted))
}

/// The clauses `use Module` (or `defexception`) copies into the user's module: a bare list
/// of `def`s, not a module, so that `__MODULE__` and local calls resolve in the user's module.
pub fn use_source(module: Atom) -> Option<&'static str> {
    match module.name() {
        "Elixir.Exception" => Some(include_str!("../stdlib/exception.ex")),
        "Elixir.GenServer" => Some(include_str!("../stdlib/use_genserver.ex")),
        "Elixir.Agent" => Some(include_str!("../stdlib/use_agent.ex")),
        "Elixir.Supervisor" | "Elixir.DynamicSupervisor" => Some(include_str!("../stdlib/use_supervisor.ex")),
        "Elixir.Task" => Some(include_str!("../stdlib/use_task.ex")),
        _ => None,
    }
}
