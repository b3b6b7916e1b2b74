//! Last-use analysis: a `Load` of a local that nothing reads afterwards becomes a `Move`.
//!
//! Loading a list, map, tuple or closure clones an `Arc`, an atomic increment, and the frame
//! later drops its copy, an atomic decrement. In a loop such as
//! `map_list([h | t], f, acc) -> map_list(t, f, [f.(h) | acc])` every argument is a local's
//! last use, so moving instead of cloning saves two atomic operations per value per
//! iteration. For the same reason a `[h | t]` clause head whose list is not used again
//! takes the cell instead of copying out of it (`MatchConsLocalTake`), which frees a cell no
//! one else holds without touching its tail's count.
//!
//! The pass runs after `peephole::fuse` on the final ops of a function. It is a backward
//! liveness analysis over the ops' control-flow graph, iterated to a fixed point (receive
//! loops jump backwards). A guard's handler is entered only from the ops between its
//! `GuardBegin` and `GuardEnd` (a guard is one expression, compiled in one piece, with no
//! way out but its end or an error), so it counts as a successor of those ops alone: a
//! guard that may raise (`when elem(t, 0) == :set`, `when i * i > n`) would otherwise keep
//! every argument alive through the whole body, and no argument could be moved. A `try`
//! body may hold any control flow, so whatever is live at a `try` handler counts as live
//! everywhere; that errs on the side of cloning in functions with one.

use crate::bytecode::Op;

/// The most bits (ops × locals) the analysis may use for one function. Generated code with
/// thousands of locals and ops would need megabytes for sets that only save reference
/// counting; such a function is left with plain loads.
const MAX_LIVENESS_BITS: usize = 1 << 24;

/// One live-set per op, stored flat: `words` u64s each.
struct Sets {
    words: usize,
    bits: Vec<u64>,
}

impl Sets {
    fn get(&self, i: usize) -> &[u64] {
        self.bits.get(i * self.words..(i + 1) * self.words).unwrap_or(&[])
    }
}

fn has(set: &[u64], slot: u16) -> bool {
    set.get(slot as usize / 64).is_some_and(|w| w & (1 << (slot % 64)) != 0)
}

fn add(set: &mut [u64], slot: u16) {
    if let Some(w) = set.get_mut(slot as usize / 64) {
        *w |= 1 << (slot % 64);
    }
}

fn remove(set: &mut [u64], slot: u16) {
    if let Some(w) = set.get_mut(slot as usize / 64) {
        *w &= !(1 << (slot % 64));
    }
}

fn union(into: &mut [u64], from: &[u64]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a |= *b;
    }
}

/// Rewrites last-use loads of `ops` (a function with `arity` arguments and `nlocals`
/// locals) into moves, and last-use list-cell matches into taking matches.
pub(super) fn mark_moves(ops: &mut [Op], arity: u32, nlocals: u16) {
    let n = ops.len();
    let words = (nlocals as usize).div_ceil(64).max(1);
    if n.saturating_mul(words * 64) > MAX_LIVENESS_BITS {
        return;
    }
    // The guard handler each op may raise into: the ops after a `GuardBegin` up to its
    // `GuardEnd`. Guards do not nest; should one ever be compiled inside another, every
    // guard handler counts everywhere instead, as `try` handlers do.
    let mut guard_fail: Vec<Option<usize>> = vec![None; n];
    let mut open: Option<usize> = None;
    let mut nested = false;
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::GuardBegin { fail } => {
                nested |= open.is_some();
                open = Some(fail as usize);
            }
            Op::GuardEnd => open = None,
            _ => {
                if let Some(slot) = guard_fail.get_mut(i) {
                    *slot = open;
                }
            }
        }
    }
    if nested {
        guard_fail.fill(None);
    }
    let handlers: Vec<usize> = ops
        .iter()
        .filter_map(|op| match *op {
            Op::TryBegin { handler } => Some(handler as usize),
            Op::GuardBegin { fail } if nested => Some(fail as usize),
            _ => None,
        })
        .collect();
    let mut live = Sets { words, bits: vec![0; (n + 1) * words] };
    let mut scratch = vec![0u64; words];
    let mut at_handlers = vec![0u64; words];
    loop {
        let mut changed = false;
        for i in (0..n).rev() {
            scratch.fill(0);
            transfer(ops, i, arity, &live, &mut scratch);
            if let Some(Some(fail)) = guard_fail.get(i) {
                union(&mut scratch, live.get(*fail));
            }
            union(&mut scratch, &at_handlers);
            if scratch.as_slice() != live.get(i) {
                if let Some(dst) = live.bits.get_mut(i * words..(i + 1) * words) {
                    dst.copy_from_slice(&scratch);
                }
                changed = true;
            }
        }
        let mut h = vec![0u64; words];
        for &t in &handlers {
            union(&mut h, live.get(t));
        }
        if h != at_handlers {
            at_handlers = h;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    // A local is dead after op `i` when no successor needs it; `try` handlers count
    // everywhere, and a guard's handler through the ops of its guard, whose live sets
    // include it.
    let live_after = |live: &Sets, next: usize, slot: u16| has(live.get(next), slot) || has(&at_handlers, slot);
    for i in 0..n {
        match ops[i] {
            Op::Load(slot) if !live_after(&live, i + 1, slot) => ops[i] = Op::Move(slot),
            Op::MatchConsLocal { slot, head, tail, fail } if !live_after(&live, i + 4, slot) => {
                ops[i] = Op::MatchConsLocalTake { slot, head, tail, fail };
            }
            Op::MatchByteLocal { slot, byte, rest, fail } if !live_after(&live, i + 4, slot) => {
                ops[i] = Op::MatchByteLocalTake { slot, byte, rest, fail };
            }
            _ => {}
        }
    }
}

/// Computes into `out` the locals live on entry to op `i`, from the sets of its successors
/// (an index past the end has the empty set: falling off the end leaves the function).
fn transfer(ops: &[Op], i: usize, arity: u32, live: &Sets, out: &mut [u64]) {
    let Some(op) = ops.get(i) else { return };
    let mut from = |j: usize| union(out, live.get(j));
    match *op {
        // Ops that never continue in this function (errors reach handlers, added by the
        // caller).
        Op::Return | Op::TailCall { .. } | Op::TailCallFun { .. } | Op::CallSelf { tail: true, .. } | Op::Reraise | Op::RaiseClause(_) => {}
        Op::ReturnLocal(slot) => add(out, slot),
        Op::FunctionClause => {
            // The error shows the arguments.
            for s in 0..arity.min(u16::MAX as u32) {
                add(out, s as u16);
            }
        }
        Op::Jump(t) => from(t as usize),
        Op::Switch { slot, n, default } => {
            for op in ops.get(i + 1..i + 1 + n as usize).unwrap_or_default() {
                if let Op::SwitchCase { target, .. } = *op {
                    from(target as usize);
                }
            }
            from(default as usize);
            add(out, slot);
        }
        // Read only by the `Switch` before it; never reached.
        Op::SwitchCase { .. } => {}
        Op::Interp { fallback, .. } => {
            from(i + 1);
            from(fallback as usize);
        }
        Op::JumpIfFalsy(t) | Op::JumpIfTruthy(t) | Op::JumpUnlessTrue(t) => {
            from(i + 1);
            from(t as usize);
        }
        Op::MatchConst { fail, .. }
        | Op::MatchTuple { fail, .. }
        | Op::MatchCons { fail }
        | Op::MatchNil { fail }
        | Op::MatchMap { fail }
        | Op::MatchMapKey { fail, .. }
        | Op::MatchMapKeyDyn { fail }
        | Op::MatchPrefix { fail, .. }
        | Op::MatchByte { fail }
        | Op::MatchSegment { fail, .. } => {
            from(i + 1);
            from(fail as usize);
        }
        Op::MatchLocal { slot, fail } => {
            from(i + 1);
            from(fail as usize);
            add(out, slot);
        }
        Op::Load(slot) | Op::Move(slot) => {
            from(i + 1);
            add(out, slot);
        }
        Op::Store(slot) => {
            from(i + 1);
            remove(out, slot);
        }
        Op::RecvMarked { slot } => {
            from(i + 1);
            add(out, slot);
        }
        Op::RecvNext { empty } => {
            from(i + 1);
            from(empty as usize);
        }
        Op::RecvSkip { next } => from(next as usize),
        Op::RecvWait { retry } => from(retry as usize),
        Op::RecvWaitTimeout { retry, timeout } => {
            from(retry as usize);
            from(timeout as usize);
        }
        // Fused ops: the fast path skips the rest of the sequence, the fallback runs it.
        Op::AddLocalImm { slot, .. }
        | Op::SubLocalImm { slot, .. }
        | Op::MulLocalImm { slot, .. }
        | Op::RemLocalImm { slot, .. }
        | Op::DivLocalImm { slot, .. } => {
            from(i + 1);
            from(i + 3);
            add(out, slot);
        }
        Op::CmpLocalImmJump { slot, target, .. } => {
            from(i + 1);
            from(i + 4);
            from(target as usize);
            add(out, slot);
        }
        Op::CmpLocalsJump { a, b, target, .. } => {
            from(i + 1);
            from(i + 4);
            from(target as usize);
            add(out, a);
            add(out, b);
        }
        Op::MatchNilLocal { slot, fail } | Op::MatchConstLocal { slot, fail, .. } => {
            from(i + 2);
            from(fail as usize);
            add(out, slot);
        }
        Op::MatchConsLocal { slot, head, tail, fail }
        | Op::MatchConsLocalTake { slot, head, tail, fail }
        | Op::MatchByteLocal { slot, byte: head, rest: tail, fail }
        | Op::MatchByteLocalTake { slot, byte: head, rest: tail, fail } => {
            // Success binds `head` and `tail` and continues after the sequence; failure
            // leaves the locals alone.
            union(out, live.get(i + 4));
            remove(out, head);
            remove(out, tail);
            union(out, live.get(fail as usize));
            add(out, slot);
        }
        Op::MatchTupleLocal { slot, arity, stores, fail, .. } => {
            if stores {
                // Success binds the stores' locals and continues after them.
                let end = i + 2 + arity as usize;
                union(out, live.get(end));
                for op in ops.get(i + 2..end).unwrap_or_default() {
                    if let Op::Store(s) = op {
                        remove(out, *s);
                    }
                }
            } else {
                from(i + 2);
            }
            union(out, live.get(fail as usize));
            add(out, slot);
        }
        Op::RecvNextKeep { slot, empty } => {
            union(out, live.get(i + 3));
            remove(out, slot);
            union(out, live.get(empty as usize));
        }
        // The fast path returns from the call to the op after the sequence (or, for a tail
        // call, leaves); the fallback runs the sequence.
        Op::CallLocalImm { slot, .. } => {
            from(i + 1);
            from(i + 4);
            add(out, slot);
        }
        // Returns on its fast path; the fallback goes on to the `Return` behind it.
        Op::AddReturn => from(i + 1),
        // Continues past the comparison op, or (with `ret`) returns; the fallback runs the
        // comparison op. Both successors are kept, which is exact or conservative.
        Op::CmpTopImm { .. } => {
            from(i + 1);
            from(i + 2);
        }
        // The fast path calls the closure and returns after the `CallFun`; the fallback pushes
        // it for the `CallFun`.
        Op::CallLocalFun { slot, .. } => {
            from(i + 1);
            from(i + 2);
            add(out, slot);
        }
        Op::NativePop { .. } => {
            from(i + 1);
            from(i + 2);
        }
        Op::Const(_)
        | Op::Nil
        | Op::SmallInt(_)
        | Op::Pop
        | Op::Dup
        | Op::SetSp(_)
        | Op::MakeTuple(_)
        | Op::MakeList(_)
        | Op::MakeListTail(_)
        | Op::MakeMap(_)
        | Op::UpdateMap(_)
        | Op::MakeFn { .. }
        | Op::Add
        | Op::Sub
        | Op::Mul
        | Op::Div
        | Op::Neg
        | Op::Not
        | Op::Eq
        | Op::NotEq
        | Op::StrictEq
        | Op::StrictNotEq
        | Op::Lt
        | Op::Le
        | Op::Gt
        | Op::Ge
        | Op::Concat
        | Op::ListConcat
        | Op::ListSub
        | Op::In
        | Op::CheckBool
        | Op::Call { .. }
        | Op::CallSelf { tail: false, .. }
        | Op::Native { .. }
        | Op::IntNative { .. }
        | Op::CallFun { .. }
        | Op::CallDyn { .. }
        | Op::Field(_)
        | Op::TryBegin { .. }
        | Op::TryEnd
        | Op::GuardBegin { .. }
        | Op::GuardEnd
        | Op::DefModule(_)
        | Op::RecvAccept => from(i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_use_becomes_a_move() {
        // x = arg0; y = x + x; return y — the second load of slot 0 is its last use.
        let mut ops = vec![Op::Load(0), Op::Load(0), Op::Add, Op::Store(1), Op::Load(1), Op::Return];
        mark_moves(&mut ops, 1, 2);
        assert_eq!(ops[..2], [Op::Load(0), Op::Move(0)]);
        assert_eq!(ops[4], Op::Move(1));
    }

    #[test]
    fn a_local_read_on_another_path_stays_a_load() {
        // if c, do: x, else: x — each branch's load is the last on its path; the first
        // load (the condition) is not.
        let mut ops = vec![Op::Load(0), Op::JumpIfFalsy(4), Op::Load(0), Op::Return, Op::Load(0), Op::Return];
        mark_moves(&mut ops, 1, 1);
        assert_eq!(ops, vec![Op::Load(0), Op::JumpIfFalsy(4), Op::Move(0), Op::Return, Op::Move(0), Op::Return]);
    }

    #[test]
    fn loops_and_function_clause_errors_keep_locals_alive() {
        // A receive loop reads slot 1 after jumping back; FunctionClause reads the argument.
        let mut ops = vec![
            Op::RecvNext { empty: 5 },
            Op::Load(1),
            Op::MatchLocal { slot: 1, fail: 4 },
            Op::RecvAccept,
            Op::RecvSkip { next: 0 },
            Op::RecvWait { retry: 0 },
        ];
        mark_moves(&mut ops, 0, 2);
        assert_eq!(ops[1], Op::Load(1));
        let mut clause = vec![Op::Load(0), Op::MatchNil { fail: 4 }, Op::Nil, Op::Return, Op::FunctionClause];
        mark_moves(&mut clause, 1, 1);
        assert_eq!(clause[0], Op::Load(0));
    }

    #[test]
    fn handlers_keep_their_locals_alive_everywhere() {
        let mut ops = vec![Op::TryBegin { handler: 4 }, Op::Load(0), Op::TryEnd, Op::Return, Op::Load(0), Op::Return];
        mark_moves(&mut ops, 1, 1);
        assert_eq!(ops[1], Op::Load(0));
    }

    #[test]
    fn a_guard_handler_keeps_locals_alive_only_in_its_guard() {
        // f(x) when elem(x, 0) == :a -> g(x); f(x) -> FunctionClause. The guard's loads of
        // x stay loads (its error goes to the FunctionClause, which reads x), the body's
        // last one becomes a move.
        let mut ops = vec![
            Op::GuardBegin { fail: 9 },
            Op::Load(0),
            Op::SmallInt(0),
            Op::Native { id: 0, argc: 2 },
            Op::GuardEnd,
            Op::JumpUnlessTrue(9),
            Op::Load(0),
            Op::TailCall { slot: 0, argc: 1 },
            Op::Return,
            Op::FunctionClause,
        ];
        mark_moves(&mut ops, 1, 1);
        assert_eq!(ops[1], Op::Load(0));
        assert_eq!(ops[6], Op::Move(0));
    }

    #[test]
    fn a_list_head_not_used_again_is_taken() {
        // f([h | t]) -> t, with a FunctionClause fallback that reads the argument: the cell
        // is taken on success only.
        let mut ops = vec![
            Op::MatchConsLocal { slot: 0, head: 1, tail: 2, fail: 6 },
            Op::MatchCons { fail: 6 },
            Op::Store(1),
            Op::Store(2),
            Op::Load(2),
            Op::Return,
            Op::FunctionClause,
        ];
        mark_moves(&mut ops, 1, 3);
        assert_eq!(ops[0], Op::MatchConsLocalTake { slot: 0, head: 1, tail: 2, fail: 6 });
        assert_eq!(ops[4], Op::Move(2));
    }
}
