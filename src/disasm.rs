//! The disassembler behind `vial --dump-bytecode`: prints every chunk, its constants and
//! ops with their source lines, then the lambdas and modules it contains.

use std::fmt::Write;

use crate::bytecode::{Chunk, Op};
use crate::term::inspect::inspect;
use crate::vm::natives;

/// The disassembly of `chunk` and everything nested in it.
pub fn disassemble(chunk: &Chunk, title: &str) -> String {
    let mut out = String::new();
    dump(chunk, title, &mut out);
    out
}

fn dump(chunk: &Chunk, title: &str, out: &mut String) {
    let _ = writeln!(out, "== {title} (arity {}, {} locals) ==", chunk.arity, chunk.nlocals);
    let mut last_line = 0;
    for (i, op) in chunk.ops.iter().enumerate() {
        let line = chunk.lines.get(i).copied().unwrap_or(0);
        let line_col = if line == last_line { "   |".to_string() } else { format!("{line:4}") };
        last_line = line;
        let _ = writeln!(out, "{i:04} {line_col} {}", describe(chunk, op));
    }
    for (i, l) in chunk.lambdas.iter().enumerate() {
        dump(&l.chunk, &format!("{title} / fn #{i}"), out);
    }
    for m in &chunk.modules {
        for f in &m.functions {
            let name = format!("{}.{}/{}", inspect(&crate::term::Term::Atom(m.name)), f.name.name(), f.arity);
            dump(&f.chunk, &name, out);
        }
    }
}

fn describe(chunk: &Chunk, op: &Op) -> String {
    let konst = |k: &u32| chunk.consts.get(*k as usize).map(inspect).unwrap_or_else(|| "?".into());
    match op {
        Op::Const(k) => format!("Const {k} ; {}", konst(k)),
        Op::MatchConst { k, fail } => format!("MatchConst {} else -> {fail}", konst(k)),
        Op::MatchMapKey { k, fail } => format!("MatchMapKey {} else -> {fail}", konst(k)),
        Op::MatchPrefix { k, fail } => format!("MatchPrefix {} else -> {fail}", konst(k)),
        Op::MatchSegment { k, dynamic, fail } => {
            format!("MatchSegment {}{} else -> {fail}", konst(k), if *dynamic { " sized by the value on top" } else { "" })
        }
        Op::Native { id, argc } | Op::NativePop { id, argc } => {
            let kind = if matches!(op, Op::NativePop { .. }) { "NativePop" } else { "Native" };
            match natives::describe(*id) {
                Some((m, n, a)) => format!("{kind} {m}.{n}/{a} (argc {argc})"),
                None => format!("{kind} #{id} (argc {argc})"),
            }
        }
        Op::IntNative { op: _, id } => match natives::describe(*id) {
            Some((m, n, a)) => format!("IntNative {m}.{n}/{a}"),
            None => format!("IntNative #{id}"),
        },
        Op::Call { slot, argc } | Op::TailCall { slot, argc } => {
            let kind = if matches!(op, Op::TailCall { .. }) { "TailCall" } else { "Call" };
            format!("{kind} {} (argc {argc})", export_name(*slot))
        }
        Op::CallLocalImm { slot, imm, argc, tail, me, fslot } => {
            let kind = if *tail { "TailCallLocalImm" } else { "CallLocalImm" };
            let callee = if *me { format!("self {}", export_name(*fslot)) } else { export_name(*fslot) };
            format!("{kind} {callee} (argc {argc}) with local {slot} {imm:+}")
        }
        Op::CallSelf { argc, tail, slot } => {
            let kind = if *tail { "TailCallSelf" } else { "CallSelf" };
            format!("{kind} {} (argc {argc})", export_name(*slot))
        }
        Op::CallDyn { k, argc } => format!("CallDyn .{} (argc {argc})", konst(k)),
        Op::Field(k) => format!("Field .{}", konst(k)),
        Op::Switch { slot, n, default } => format!("Switch on local {slot} ({n} entries) else -> {default}"),
        Op::SwitchCase { atom, arity: 0, target, .. } => format!("  case {} -> {target}", inspect(&crate::term::Term::Atom(*atom))),
        Op::SwitchCase { arity, any_tag: true, target, .. } => format!("  case {{_, ...}} of size {arity} -> {target}"),
        Op::SwitchCase { atom, arity, target, .. } => {
            format!("  case {{{}, ...}} of size {arity} -> {target}", inspect(&crate::term::Term::Atom(*atom)))
        }
        other => format!("{other:?}"),
    }
}

/// `Mod.fun/arity` of an export slot, for call ops.
fn export_name(slot: u32) -> String {
    crate::vm::code::table()
        .mfa_of(slot)
        .map(|(m, f, a)| format!("{}.{}/{}", inspect(&crate::term::Term::Atom(m)), f.name(), a))
        .unwrap_or_else(|| format!("slot {slot}"))
}
