//! The peephole pass: rewrites common op sequences into fused ops (superinstructions) so
//! that hot code such as `fib(n - 1)` or the guard `when n < 2` costs one dispatch instead
//! of three or four.
//!
//! A fused op replaces only the *first* op of its sequence; the others stay where they were
//! (see the fused ops in `bytecode.rs`). Nothing moves, so jump targets, the line table
//! and any jump into the middle of a sequence stay valid without relocation.

use crate::bytecode::{Cmp, IntOp, Op};
use crate::vm::natives;

/// Fuses the sequences this pass knows in `ops`, in place.
pub(super) fn fuse(ops: &mut [Op]) {
    let int_ops = int_natives();
    let find = |op: IntOp| int_ops.iter().find(|(_, o)| *o == op).map(|(id, _)| *id);
    let (rem, div) = (find(IntOp::Rem), find(IntOp::Div));
    let int_op = |id: u16| int_ops.iter().find(|(i, _)| *i == id).map(|(_, op)| *op);
    let mut i = 0;
    while i < ops.len() {
        let (fused, len) = match ops[i..] {
            [Op::Load(slot), Op::SmallInt(k), add @ (Op::Add | Op::Sub), call @ (Op::Call { .. } | Op::TailCall { .. } | Op::CallSelf { .. }), ..] => {
                let imm = if add == Op::Add { i16::try_from(k).ok() } else { k.checked_neg().and_then(|k| i16::try_from(k).ok()) };
                match (imm, call) {
                    (Some(imm), Op::Call { slot: fslot, argc } | Op::TailCall { slot: fslot, argc }) => {
                        let tail = matches!(call, Op::TailCall { .. });
                        (Op::CallLocalImm { slot, imm, argc, tail, me: false, fslot }, 4)
                    }
                    (Some(imm), Op::CallSelf { argc, tail, slot: fslot }) => (Op::CallLocalImm { slot, imm, argc, tail, me: true, fslot }, 4),
                    // Out of range: fuse just the arithmetic.
                    _ if add == Op::Add => (Op::AddLocalImm { slot, imm: k, ret: false }, 3),
                    _ => (Op::SubLocalImm { slot, imm: k, ret: false }, 3),
                }
            }
            [Op::Load(slot), Op::SmallInt(imm), Op::Add, ..] => (Op::AddLocalImm { slot, imm, ret: false }, 3),
            [Op::Load(slot), Op::SmallInt(imm), Op::Sub, ..] => (Op::SubLocalImm { slot, imm, ret: false }, 3),
            // A comparison yields a boolean, so `if`'s falsy test and a guard's `true` test
            // branch alike after one.
            [Op::Load(slot), Op::SmallInt(imm), cmp, Op::JumpUnlessTrue(target) | Op::JumpIfFalsy(target), ..] if Cmp::of(cmp).is_some() => {
                match Cmp::of(cmp) {
                    Some(cmp) => (Op::CmpLocalImmJump { slot, cmp, imm, target }, 4),
                    None => (ops[i], 1),
                }
            }
            [Op::Load(a), Op::Load(b), cmp, Op::JumpUnlessTrue(target) | Op::JumpIfFalsy(target), ..] if Cmp::of(cmp).is_some() => {
                match Cmp::of(cmp) {
                    Some(cmp) => (Op::CmpLocalsJump { a, b, cmp, target }, 4),
                    None => (ops[i], 1),
                }
            }
            [Op::Load(slot), Op::SmallInt(imm), Op::Mul, ..] => (Op::MulLocalImm { slot, imm, ret: false }, 3),
            [Op::Load(slot), Op::SmallInt(imm), Op::Native { id, argc: 2 }, ..] if Some(id) == rem => (Op::RemLocalImm { slot, imm, ret: false }, 3),
            [Op::Load(slot), Op::SmallInt(imm), Op::Native { id, argc: 2 }, ..] if Some(id) == div => (Op::DivLocalImm { slot, imm, ret: false }, 3),
            [Op::Load(slot), Op::Return, ..] => (Op::ReturnLocal(slot), 2),
            [Op::SmallInt(imm), cmp, ..] if Cmp::of(cmp).is_some() => match Cmp::of(cmp) {
                Some(cmp) => (Op::CmpTopImm { cmp, imm, ret: false }, 2),
                None => (ops[i], 1),
            },
            [Op::Add, Op::Return, ..] => (Op::AddReturn, 2),
            [Op::Load(slot), Op::MatchNil { fail }, ..] => (Op::MatchNilLocal { slot, fail }, 2),
            [Op::Load(slot), Op::MatchConst { k, fail }, ..] => (Op::MatchConstLocal { slot, k, fail }, 2),
            [Op::RecvNext { empty }, Op::Store(slot), Op::Load(again), ..] if slot == again => {
                (Op::RecvNextKeep { slot, empty }, 3)
            }
            [Op::Native { id, argc }, Op::Pop, ..] => (Op::NativePop { id, argc }, 2),
            [Op::Native { id, argc: 2 }, ..] if int_op(id).is_some() => match int_op(id) {
                Some(op) => (Op::IntNative { op, id }, 1),
                None => (ops[i], 1),
            },
            [Op::Load(slot), Op::CallFun { argc }, ..] => (Op::CallLocalFun { slot, argc }, 2),
            [Op::Load(slot), Op::MatchTuple { arity, fail }, ..] if arity <= u16::MAX as u32 => {
                // One op per element must follow: a store (never into the tuple's own local,
                // which is being read), or a constant test failing to the same place. The VM
                // then matches every element in place.
                let stores = ops.get(i + 2..i + 2 + arity as usize).is_some_and(|rest| {
                    rest.iter().all(|op| match op {
                        Op::Store(s) => *s != slot,
                        Op::MatchConst { fail: f, .. } => *f == fail,
                        _ => false,
                    })
                });
                let consts = stores && ops.get(i + 2..i + 2 + arity as usize).is_some_and(|rest| rest.iter().any(|op| matches!(op, Op::MatchConst { .. })));
                (Op::MatchTupleLocal { slot, arity: arity as u16, stores, consts, fail }, 2)
            }
            [Op::Load(slot), Op::MatchByte { fail }, Op::Store(byte), Op::Store(rest), ..] if byte != rest => {
                (Op::MatchByteLocal { slot, byte, rest, fail }, 4)
            }
            [Op::Load(slot), Op::MatchCons { fail }, Op::Store(head), Op::Store(tail), ..] => {
                (Op::MatchConsLocal { slot, head, tail, fail }, 4)
            }
            _ => (ops[i], 1),
        };
        ops[i] = fused;
        i += len;
    }
    // A local-immediate op whose sequence is followed by a `Return` returns the result itself,
    // as does a comparison with a constant.
    for i in 0..ops.len() {
        if ops.get(i + 2) == Some(&Op::Return) {
            if let Some(Op::CmpTopImm { ret, .. }) = ops.get_mut(i) {
                *ret = true;
            }
        }
        if ops.get(i + 3) != Some(&Op::Return) {
            continue;
        }
        if let Some(
            Op::AddLocalImm { ret, .. } | Op::SubLocalImm { ret, .. } | Op::MulLocalImm { ret, .. } | Op::RemLocalImm { ret, .. } | Op::DivLocalImm { ret, .. },
        ) = ops.get_mut(i)
        {
            *ret = true;
        }
    }
}

/// The natives an `IntNative` computes in place for two small integers, with the operation
/// each stands for. Looked up once: every function compiled, the stdlib's included, passes
/// through `fuse`, and start-up time is counted in milliseconds.
fn int_natives() -> &'static [(u16, IntOp)] {
    static IDS: std::sync::OnceLock<Vec<(u16, IntOp)>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let named = [
            ("Kernel", "div", IntOp::Div),
            ("Kernel", "rem", IntOp::Rem),
            ("Bitwise", "band", IntOp::Band),
            ("Bitwise", "bor", IntOp::Bor),
            ("Bitwise", "bxor", IntOp::Bxor),
            ("Bitwise", "bsl", IntOp::Bsl),
            ("Bitwise", "bsr", IntOp::Bsr),
            (":erlang", "band", IntOp::Band),
            (":erlang", "bor", IntOp::Bor),
            (":erlang", "bxor", IntOp::Bxor),
            (":erlang", "bsl", IntOp::Bsl),
            (":erlang", "bsr", IntOp::Bsr),
        ];
        named.iter().filter_map(|&(m, f, op)| Some((natives::lookup(m, f, 2)?, op))).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuses_only_the_first_op_of_a_sequence() {
        let mut ops = vec![Op::Load(0), Op::SmallInt(2), Op::Lt, Op::JumpUnlessTrue(6), Op::Load(0), Op::Return];
        fuse(&mut ops);
        assert_eq!(
            ops,
            vec![
                Op::CmpLocalImmJump { slot: 0, cmp: Cmp::Lt, imm: 2, target: 6 },
                Op::SmallInt(2),
                Op::Lt,
                Op::JumpUnlessTrue(6),
                Op::ReturnLocal(0),
                Op::Return,
            ]
        );
    }

    #[test]
    fn matches_tuple_constants_in_place_only_when_they_fail_with_the_tuple() {
        let mut ops = vec![Op::Load(0), Op::MatchTuple { arity: 2, fail: 9 }, Op::MatchConst { k: 0, fail: 9 }, Op::Store(3)];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MatchTupleLocal { slot: 0, arity: 2, stores: true, consts: true, fail: 9 });
        let mut ops = vec![Op::Load(0), Op::MatchTuple { arity: 2, fail: 9 }, Op::MatchConst { k: 0, fail: 7 }, Op::Store(3)];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MatchTupleLocal { slot: 0, arity: 2, stores: false, consts: false, fail: 9 });
    }

    #[test]
    fn fuses_list_clause_heads() {
        let mut ops = vec![Op::Load(0), Op::MatchNil { fail: 2 }, Op::Load(0), Op::MatchCons { fail: 9 }, Op::Store(3), Op::Store(4)];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MatchNilLocal { slot: 0, fail: 2 });
        let mut lit = vec![Op::Load(1), Op::MatchConst { k: 0, fail: 4 }, Op::Load(0)];
        fuse(&mut lit);
        assert_eq!(lit[..2], [Op::MatchConstLocal { slot: 1, k: 0, fail: 4 }, Op::MatchConst { k: 0, fail: 4 }]);
        assert_eq!(ops[2], Op::MatchConsLocal { slot: 0, head: 3, tail: 4, fail: 9 });
        assert_eq!(ops[3..], [Op::MatchCons { fail: 9 }, Op::Store(3), Op::Store(4)]);
    }

    #[test]
    fn fuses_tuple_heads_with_their_stores() {
        let mut ops = vec![Op::Load(1), Op::MatchTuple { arity: 2, fail: 9 }, Op::Store(2), Op::Store(3), Op::Load(2)];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MatchTupleLocal { slot: 1, arity: 2, stores: true, consts: false, fail: 9 });
        assert_eq!(ops[1..4], [Op::MatchTuple { arity: 2, fail: 9 }, Op::Store(2), Op::Store(3)]);
        // A nested pattern, or a store back into the tuple's own local, pushes instead.
        let mut nested = vec![Op::Load(0), Op::MatchTuple { arity: 2, fail: 9 }, Op::Store(2), Op::MatchTuple { arity: 2, fail: 9 }];
        fuse(&mut nested);
        assert_eq!(nested[0], Op::MatchTupleLocal { slot: 0, arity: 2, stores: false, consts: false, fail: 9 });
        let mut own = vec![Op::Load(0), Op::MatchTuple { arity: 1, fail: 9 }, Op::Store(0)];
        fuse(&mut own);
        assert_eq!(own[0], Op::MatchTupleLocal { slot: 0, arity: 1, stores: false, consts: false, fail: 9 });
    }

    #[test]
    fn fuses_receive_binding_and_discarded_native_results() {
        let mut ops = vec![Op::RecvNext { empty: 9 }, Op::Store(2), Op::Load(2), Op::Native { id: 7, argc: 2 }, Op::Pop];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::RecvNextKeep { slot: 2, empty: 9 });
        assert_eq!(ops[3], Op::NativePop { id: 7, argc: 2 });
        let mut other = vec![Op::RecvNext { empty: 9 }, Op::Store(2), Op::Load(3)];
        fuse(&mut other);
        assert_eq!(other[0], Op::RecvNext { empty: 9 });
    }

    #[test]
    fn fuses_a_call_on_a_local_plus_a_constant() {
        let mut ops = vec![Op::Load(0), Op::SmallInt(1), Op::Sub, Op::Call { slot: 7, argc: 1 }, Op::Load(1), Op::SmallInt(2), Op::Add, Op::TailCall { slot: 7, argc: 2 }];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::CallLocalImm { slot: 0, imm: -1, argc: 1, tail: false, me: false, fslot: 7 });
        assert_eq!(ops[1..4], [Op::SmallInt(1), Op::Sub, Op::Call { slot: 7, argc: 1 }]);
        assert_eq!(ops[4], Op::CallLocalImm { slot: 1, imm: 2, argc: 2, tail: true, me: false, fslot: 7 });
        let mut own = vec![Op::Load(0), Op::SmallInt(1), Op::Sub, Op::CallSelf { argc: 1, tail: false, slot: 7 }];
        fuse(&mut own);
        assert_eq!(own[0], Op::CallLocalImm { slot: 0, imm: -1, argc: 1, tail: false, me: true, fslot: 7 });
        let mut big = vec![Op::Load(0), Op::SmallInt(100_000), Op::Sub, Op::Call { slot: 7, argc: 1 }];
        fuse(&mut big);
        assert_eq!(big[0], Op::SubLocalImm { slot: 0, imm: 100_000, ret: false });
    }

    #[test]
    fn fuses_rem_and_div_by_a_constant() {
        let rem = natives::lookup("Kernel", "rem", 2).unwrap_or(u16::MAX);
        let div = natives::lookup("Kernel", "div", 2).unwrap_or(u16::MAX);
        let mut ops = vec![Op::Load(0), Op::SmallInt(2), Op::Native { id: rem, argc: 2 }, Op::Load(0), Op::SmallInt(10), Op::Native { id: div, argc: 2 }];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::RemLocalImm { slot: 0, imm: 2, ret: false });
        assert_eq!(ops[3], Op::DivLocalImm { slot: 0, imm: 10, ret: false });
    }

    #[test]
    fn integer_natives_become_int_native() {
        let band = natives::lookup("Bitwise", "band", 2).unwrap_or(u16::MAX);
        let rem = natives::lookup("Kernel", "rem", 2).unwrap_or(u16::MAX);
        let puts = natives::lookup("IO", "puts", 1).unwrap_or(u16::MAX);
        let mut ops = vec![Op::Native { id: band, argc: 2 }, Op::Native { id: rem, argc: 2 }, Op::Native { id: puts, argc: 1 }];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::IntNative { op: IntOp::Band, id: band });
        assert_eq!(ops[1], Op::IntNative { op: IntOp::Rem, id: rem });
        assert_eq!(ops[2], Op::Native { id: puts, argc: 1 });
        assert_eq!(IntOp::Bsl.apply(1, 62), Some(1 << 62));
        assert_eq!(IntOp::Bsl.apply(1, 63), None);
        assert_eq!(IntOp::Div.apply(i64::MIN, -1), None);
        assert_eq!(IntOp::Rem.apply(5, 0), None);
    }

    #[test]
    fn fuses_a_comparison_with_a_constant() {
        let mut ops = vec![Op::Native { id: 3, argc: 2 }, Op::SmallInt(0), Op::Eq, Op::Return];
        fuse(&mut ops);
        assert_eq!(ops[1], Op::CmpTopImm { cmp: Cmp::Eq, imm: 0, ret: true });
        let mut branch = vec![Op::Native { id: 3, argc: 2 }, Op::SmallInt(0), Op::Eq, Op::JumpIfFalsy(9)];
        fuse(&mut branch);
        assert_eq!(branch[1], Op::CmpTopImm { cmp: Cmp::Eq, imm: 0, ret: false });
        assert_eq!(ops[2], Op::Eq);
    }

    #[test]
    fn arithmetic_before_a_branch_is_still_fused() {
        let mut ops = vec![Op::Load(0), Op::SmallInt(3), Op::Mul, Op::JumpIfFalsy(9)];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MulLocalImm { slot: 0, imm: 3, ret: false });
    }

    #[test]
    fn a_local_immediate_op_before_a_return_returns() {
        let mut ops = vec![Op::Load(0), Op::SmallInt(3), Op::Mul, Op::Return];
        fuse(&mut ops);
        assert_eq!(ops[0], Op::MulLocalImm { slot: 0, imm: 3, ret: true });
    }

    #[test]
    fn fuses_a_returned_sum() {
        let mut ops = vec![Op::Call { slot: 1, argc: 1 }, Op::Add, Op::Return, Op::Add, Op::Pop];
        fuse(&mut ops);
        assert_eq!(ops, vec![Op::Call { slot: 1, argc: 1 }, Op::AddReturn, Op::Return, Op::Add, Op::Pop]);
    }

    #[test]
    fn fuses_a_call_of_a_closure_in_a_local() {
        let mut ops = vec![Op::Load(3), Op::Load(1), Op::CallFun { argc: 1 }, Op::Load(1), Op::TailCallFun { argc: 0 }];
        fuse(&mut ops);
        assert_eq!(ops[1], Op::CallLocalFun { slot: 1, argc: 1 });
        assert_eq!(ops[2], Op::CallFun { argc: 1 });
        // A tail call replaces the frame that holds the local: it stays as it was.
        assert_eq!(ops[3..], [Op::Load(1), Op::TailCallFun { argc: 0 }]);
    }

    #[test]
    fn leaves_other_sequences_alone() {
        let mut ops = vec![Op::Load(1), Op::SmallInt(1), Op::Div, Op::Load(0), Op::SmallInt(3), Op::In, Op::JumpUnlessTrue(0)];
        let before = ops.clone();
        fuse(&mut ops);
        assert_eq!(ops, before);
    }
}
