//! Protocol dispatch: which implementation module (`Shape.Circle`, `Describe.Integer`,
//! `Describe.Any`) a protocol function runs for a value.
//!
//! `defprotocol Shape do def area(s) end` compiles to a module whose `area/1` asks
//! `Kernel.Internal.protocol_impl/3` for the module and calls `area/1` there; `defimpl Shape,
//! for: Circle` is the module `Shape.Circle`. The candidates, in Elixir's order: the value's
//! struct module, else its built-in type (`Integer`, `BitString`, `List`, …), then `Any` if
//! the protocol falls back to it. A struct never falls back to `Map`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{arg, atom, natives};
use crate::compiler::module_display;
use crate::term::{Atom, Term};
use crate::vm::exception;
use crate::vm::Flow;

natives! {
    "Kernel.Internal"."protocol_impl"/3 => |_, a| {
        let protocol = atom(arg(a, 0))?;
        match implementation(protocol, arg(a, 1), arg(a, 2).is_atom(Atom::TRUE)) {
            Some(m) => Ok(Term::Atom(m)),
            None => Err(undefined(protocol, arg(a, 1)).into()),
        }
    },
    // `Protocol.impl_for/1`: the module, or nil.
    "Kernel.Internal"."protocol_find"/3 => |_, a| {
        let protocol = atom(arg(a, 0))?;
        Ok(implementation(protocol, arg(a, 1), arg(a, 2).is_atom(Atom::TRUE)).map_or(Term::NIL_ATOM, Term::Atom))
    },
}

thread_local! {
    /// (protocol, struct or type module) → implementation module, for implementations that
    /// exist: a protocol call is then one hash lookup instead of building the module's name
    /// and looking it up in the code table. A module is never unloaded, and redefining one
    /// keeps its name, so an entry never goes stale. Fallbacks to `Any` are not cached: an
    /// implementation for the type itself may be defined later.
    static FOUND: RefCell<HashMap<(Atom, Atom), Atom>> = RefCell::new(HashMap::new());
}

/// The implementation of `protocol` for `value`, or `None` when there is none.
pub fn implementation(protocol: Atom, value: &Term, fallback_to_any: bool) -> Option<Atom> {
    let target = match super::kernel::struct_name(value) {
        Some(s) => s,
        None => Atom::alias(type_name(value)),
    };
    if let Some(m) = FOUND.with(|f| f.borrow().get(&(protocol, target)).copied()) {
        return Some(m);
    }
    let code = crate::vm::code::table().snapshot();
    let loaded = |m: Atom| code.modules.contains_key(&m);
    let specific = Atom::alias(&format!("{}.{}", module_display(protocol), module_display(target)));
    if loaded(specific) {
        FOUND.with(|f| f.borrow_mut().insert((protocol, target), specific));
        return Some(specific);
    }
    let any = Atom::alias(&format!("{}.Any", module_display(protocol)));
    (fallback_to_any && loaded(any)).then_some(any)
}

/// The name of a value's built-in type, as `defimpl … for:` names it.
fn type_name(value: &Term) -> &'static str {
    match value {
        Term::Int(_) | Term::Big(_) => "Integer",
        Term::Float(_) => "Float",
        Term::Atom(_) => "Atom",
        Term::Bin(_) => "BitString",
        Term::Nil | Term::Cons(_) => "List",
        Term::Map(_) => "Map",
        Term::Tuple(_) => "Tuple",
        Term::Fun(_) => "Function",
        Term::Pid(_) => "PID",
        Term::Ref(_) => "Reference",
    }
}

/// `Protocol.UndefinedError` for a value no implementation covers.
pub fn undefined(protocol: Atom, value: &Term) -> exception::Exception {
    exception::protocol_undefined(module_display(protocol), value.clone())
}

/// A call of `module.name(value)` in the implementation of a built-in protocol
/// (`String.Chars`) a program defined for `value`'s type, if there is one.
pub fn user_impl(protocol: &str, name: &str, value: &Term) -> Option<Flow> {
    let m = implementation(Atom::alias(protocol), value, false)?;
    Some(Flow::ApplyMfa(m, Atom::intern(name), vec![value.clone()]))
}
