//! Compiled code: the `Op` instruction set and the chunks that hold it.
//!
//! The VM is a stack machine. Each call frame owns a window of the process's value stack:
//! `nlocals` slots for arguments and variables, then the operand stack above them. Jump
//! targets are absolute indexes into the chunk's `ops`. Every op has a source line in the
//! parallel `lines` table, so runtime errors and stack traces point at the source.

use std::sync::Arc;

use crate::term::{Atom, Term};

/// The most locals (arguments, variables, temporaries) one function may use. Slots are
/// addressed with a `u16`; a function this large is a generated-code accident.
pub const MAX_LOCALS: usize = u16::MAX as usize;

/// The most arguments a call may pass; the BEAM's limit is 255 as well.
pub const MAX_ARGS: usize = 255;

/// One instruction. "Stack" below means the operand stack; `[a, b] -> [c]` shows the top
/// of the stack before and after, rightmost on top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    // ---- values and locals ----
    /// Push constant `k` from the chunk's constant table. `[] -> [v]`
    Const(u32),
    /// Push `nil`. `[] -> [nil]`
    Nil,
    /// Push a small integer stored in the op. `[] -> [i]`
    SmallInt(i32),
    /// Push local slot `n`. `[] -> [v]`
    Load(u16),
    /// Push local slot `n` for the last time, leaving it empty: nothing reads the local
    /// afterwards (`compiler::liveness`), so its value changes hands without a reference
    /// count being taken and dropped. `[] -> [v]`
    Move(u16),
    /// Pop into local slot `n` (binds a variable). `[v] -> []`
    Store(u16),
    /// Discard the top value. `[v] -> []`
    Pop,
    /// Duplicate the top value. `[v] -> [v, v]`
    Dup,
    /// Reset the operand stack to `depth` values above the locals (pattern-failure landing pads
    /// and exception handlers use it to drop whatever a partial match left behind).
    SetSp(u16),

    // ---- constructors ----
    /// Build a tuple from the top `n` values (first element deepest). `[a1..an] -> [{a1..an}]`
    MakeTuple(u32),
    /// Build a proper list from the top `n` values. `[a1..an] -> [[a1..an]]`
    MakeList(u32),
    /// Build a list from `n` values and an improper tail on top. `[a1..an, t] -> [[a1..an | t]]`
    MakeListTail(u32),
    /// Build a map from `n` key/value pairs. `[k1, v1 .. kn, vn] -> [%{..}]`
    MakeMap(u32),
    /// Update existing keys of a map (`%{m | k => v}`); raises KeyError for a missing key.
    /// `[m, k1, v1 .. kn, vn] -> [m']`
    UpdateMap(u32),
    /// Concatenate `n` values into a binary, converting each with `String.Chars`
    /// (string interpolation). `[a1..an] -> ["..."]`. A value with no built-in conversion
    /// (a struct with the program's own `String.Chars`, or none) leaves the values as they
    /// were and jumps to `fallback`, where the compiler put `MakeList(n)` and a call of
    /// `Kernel.Internal.interpolate/1`, which converts each with `to_string/1` (or raises).
    Interp { n: u16, fallback: u32 },
    /// Create a closure from lambda `idx` of this chunk, capturing the top `n` values.
    /// `[c1..cn] -> [fun]`
    MakeFn { lambda: u32, captured: u16 },

    // ---- operators (integers take a fast path; everything else goes to `vm::arith`) ----
    /// `[a, b] -> [a + b]` (and likewise below)
    Add,
    Sub,
    Mul,
    /// `/` always yields a float.
    Div,
    /// `[a] -> [-a]`
    Neg,
    /// `[a] -> [not a]`; raises ArgumentError unless a boolean.
    Not,
    /// `[a, b] -> [a == b]`
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Le,
    Gt,
    Ge,
    /// Binary concatenation `<>`. `[a, b] -> [ab]`
    Concat,
    /// `++`. `[a, b] -> [a ++ b]`
    ListConcat,
    /// `--`. `[a, b] -> [a -- b]`
    ListSub,
    /// `in`: `[x, enumerable] -> [bool]`
    In,

    // ---- control flow ----
    /// Unconditional jump to op `target`.
    Jump(u32),
    /// Pop; jump if the value is `false` or `nil`. `[c] -> []`
    JumpIfFalsy(u32),
    /// Pop; jump if truthy. `[c] -> []`
    JumpIfTruthy(u32),
    /// Pop; jump unless the value is exactly `true` (guards and `cond`). `[c] -> []`
    JumpUnlessTrue(u32),
    /// Pop a value that must be a boolean (left side of `and`/`or`), raising BadBooleanError
    /// otherwise, and push it back. `[b] -> [b]`
    CheckBool,
    /// A clause dispatch table (`compiler::switch`): the `n` ops after this one are
    /// `SwitchCase` entries. Jumps to the target of the first entry matching local `slot`'s
    /// shape, else to `default`. Every target is the start of a clause that still makes its
    /// own full test, so the table only skips clauses that cannot match. `[] -> []`
    Switch { slot: u16, n: u16, default: u32 },
    /// An entry of the `Switch` before it; never executed. With `arity` 0 it matches the
    /// atom `atom`; otherwise a tuple of `arity` elements, the first being `atom` (or, with
    /// `any_tag`, anything). `[] -> []`
    SwitchCase { atom: Atom, arity: u16, any_tag: bool, target: u32 },

    // ---- pattern matching: each consumes the subject on top, or jumps to `fail` ----
    /// Pop; fail unless strictly equal (`===`) to constant `k`. `[v] -> []`
    MatchConst { k: u32, fail: u32 },
    /// Pop; fail unless strictly equal to local `slot` (repeated variables, pins). `[v] -> []`
    MatchLocal { slot: u16, fail: u32 },
    /// A tuple of exactly `arity` elements is replaced by its elements, first on top.
    /// `[{a1..an}] -> [an .. a1]`
    MatchTuple { arity: u32, fail: u32 },
    /// A non-empty list is replaced by its tail and head, head on top. `[[h|t]] -> [t, h]`
    MatchCons { fail: u32 },
    /// Pop; fail unless `[]`. `[v] -> []`
    MatchNil { fail: u32 },
    /// Fail unless the top is a map (left in place). `[m] -> [m]`
    MatchMap { fail: u32 },
    /// Look up constant key `k` in the map on top, pushing its value; fail if absent.
    /// `[m] -> [m, v]`
    MatchMapKey { k: u32, fail: u32 },
    /// Like `MatchMapKey` but the key is on the stack (a pinned or computed key).
    /// `[m, k] -> [m, v]`
    MatchMapKeyDyn { fail: u32 },
    /// A binary starting with constant binary `k` is replaced by the rest. `[b] -> [rest]`
    MatchPrefix { k: u32, fail: u32 },
    /// A non-empty binary is replaced by the rest and its first byte, byte on top
    /// (`<<h, t::binary>>`). `[b] -> [rest, byte]`
    MatchByte { fail: u32 },
    /// A binary starting with a segment of the type packed in constant `k` (an integer; see
    /// `bitstring.rs`) is replaced by the rest and the segment's value, value on top
    /// (`<<n::16, c::utf8, …>>`). With `dynamic`, the segment's size is on top of the binary.
    /// `[b] -> [rest, v]`, or with `dynamic` `[b, size] -> [rest, v]`
    MatchSegment { k: u32, dynamic: bool, fail: u32 },

    // ---- calls ----
    /// Call the function in export slot `slot` with the top `argc` values as arguments.
    /// `[a1..an] -> [result]`
    Call { slot: u32, argc: u8 },
    /// As `Call`, but replaces the current frame (a call in tail position).
    TailCall { slot: u32, argc: u8 },
    /// A function calling itself by its local name (`loop(t, acc)` inside `loop/2`, export
    /// slot `slot`): the callee is the running chunk, with no export lookup; with `tail` the
    /// frame is reused in place. That is what the lookup would find as long as no module
    /// the process can see was replaced since it started; after its view of the code moves
    /// past a replacement, this is a plain `Call`/`TailCall`, so that a process's local calls
    /// never mix versions. `[a1..an] -> [result]`
    CallSelf { argc: u8, tail: bool, slot: u32 },
    /// Call native function `id` (see `vm::natives`). `[a1..an] -> [result]`
    Native { id: u16, argc: u8 },
    /// Call the function value on top of its arguments (`f.(args)`): taking it from the
    /// top leaves the arguments where the callee's frame starts, with nothing to move.
    /// `[a1..an, f] -> [result]`
    CallFun { argc: u8 },
    /// As `CallFun`, in tail position.
    TailCallFun { argc: u8 },
    /// Call `module.name(args)` with the module computed at run time (`mod.fun()`, and `x.key`
    /// on a non-map): `k` is the constant atom `name`. `[mod, a1..an] -> [result]`
    CallDyn { k: u32, argc: u8 },
    /// `x.key`: a map field, or a zero-arity call when `x` is a module atom. `[x] -> [v]`
    Field(u32),
    /// Return the top value to the caller. `[v] -> (caller's stack) [v]`
    Return,

    // ---- exceptions ----
    /// Install an exception handler that resumes at `handler` with `[kind, reason, stack]`
    /// pushed at the operand depth current when it was installed.
    TryBegin { handler: u32 },
    /// Remove the innermost handler (normal exit from a `try` body).
    TryEnd,
    /// Install a guard handler: any error until `GuardEnd` jumps to `fail` instead of raising.
    GuardBegin { fail: u32 },
    /// Remove the guard handler.
    GuardEnd,
    /// Re-raise `[kind, reason, stack]` unchanged (no rescue clause matched).
    Reraise,
    /// Raise a clause error built from constant `k` (an exception module atom) and the value
    /// on top: MatchError, CaseClauseError, … `[v] -> !`
    RaiseClause(u32),
    /// Raise FunctionClauseError for this function with its arguments. `[] -> !`
    FunctionClause,

    // ---- modules ----
    /// Install module definition `idx` of this chunk into the code table and push
    /// `{:module, Name, <<>>, nil}`.
    DefModule(u32),

    // ---- processes ----
    /// Start a receive whose every clause pins local `slot`: if that local holds the
    /// reference most recently created by `make_ref`/`Process.monitor`, begin the scan at
    /// the mailbox position recorded when it was created (older messages cannot contain
    /// it). The BEAM's receive-marker optimisation. `[] -> []`
    RecvMarked { slot: u16 },
    /// Put the next unscanned mailbox message on the stack, or jump to `empty` if none.
    /// `[] -> [msg]`
    RecvNext { empty: u32 },
    /// The message under the cursor matched: remove it and reset the scan. `[] -> []`
    RecvAccept,
    /// The message under the cursor matched no clause: advance, jump back to `RecvNext`.
    RecvSkip { next: u32 },
    /// No message matched: suspend until a new one arrives, then resume at `RecvNext`
    /// (`retry`). `[] -> []`
    RecvWait { retry: u32 },
    /// As `RecvWait`, with a timeout in ms (or `:infinity`) on the stack; on expiry the
    /// scan is reset and execution continues at `timeout`. `[t] -> []`
    RecvWaitTimeout { retry: u32, timeout: u32 },

    // ---- fused ops (superinstructions) ----
    // The peephole pass (`compiler::peephole`) writes each of these over the first op of the
    // sequence it stands for and leaves the rest of that sequence in place behind it. On its
    // fast path (a small integer in the local) a fused op does the work of the whole sequence
    // and skips the rest; otherwise it does only what the first op, `Load(slot)`, did, and the
    // original ops that follow do the rest. So errors, bignums, non-integers and jumps into
    // the middle of a sequence behave exactly as without fusion.
    /// The five ops below compute `local <op> imm`. With `ret` set the sequence is followed
    /// by a `Return` (`fn x -> x * 3 end`) and the fast path returns the result itself.
    /// `Load(slot) SmallInt(imm) Add`. `[] -> [local + imm]`
    AddLocalImm { slot: u16, imm: i32, ret: bool },
    /// `Load(slot) SmallInt(imm) Sub`. `[] -> [local - imm]`
    SubLocalImm { slot: u16, imm: i32, ret: bool },
    /// `Load(slot) SmallInt(imm) Mul`. `[] -> [local * imm]`
    MulLocalImm { slot: u16, imm: i32, ret: bool },
    /// `Load(slot) SmallInt(imm) Native(Kernel.rem/2)`: `rem(x, 2)`. `[] -> [rem(local, imm)]`
    RemLocalImm { slot: u16, imm: i32, ret: bool },
    /// `Load(slot) SmallInt(imm) Native(Kernel.div/2)`. `[] -> [div(local, imm)]`
    DivLocalImm { slot: u16, imm: i32, ret: bool },
    /// `Load(slot) SmallInt(imm) <cmp> JumpUnlessTrue(target)`: a guard such as `n < 2`
    /// (or `JumpIfFalsy`, `if n < 2`: on a comparison's boolean the two jumps agree).
    /// `[] -> []`
    CmpLocalImmJump { slot: u16, cmp: Cmp, imm: i32, target: u32 },
    /// `Load(a) Load(b) <cmp> JumpUnlessTrue(target)`: a guard comparing two locals
    /// (`when i > last`). Two small integers are compared here and the sequence skipped;
    /// anything else does the first `Load` and lets the ops behind it run. `[] -> []`
    CmpLocalsJump { a: u16, b: u16, cmp: Cmp, target: u32 },
    /// `Load(slot) Return`. `[] -> (caller's stack) [local]`
    ReturnLocal(u16),
    /// `Add Return`: a function ending in a sum (`fib(n - 1) + fib(n - 2)`). Two small
    /// integers are added and returned in one dispatch; anything else is added as by `Add`
    /// and the `Return` behind runs. `[a, b] -> (caller's stack) [a + b]`
    AddReturn,
    /// `Load(slot) SmallInt(k) Add|Sub Call|TailCall|CallSelf { fslot, argc }`: a call whose last
    /// argument is a local plus or minus a small constant (`fib(n - 1)`, `loop(acc, n - 1)`);
    /// `imm` is `k` or `-k`. For a small integer that does not overflow it pushes the sum and
    /// makes the call, skipping the three ops behind it. With `me` the call is a `CallSelf`.
    /// `[a1..an-1] -> [result]`
    CallLocalImm { slot: u16, imm: i16, argc: u8, tail: bool, me: bool, fslot: u32 },
    /// `SmallInt(imm) <cmp>`: the value on top compared with a constant (`rem(x, 2) == 0`).
    /// For a small integer on top it is replaced by the boolean and the comparison op
    /// skipped; otherwise the constant is pushed and the comparison op runs. With `ret` a
    /// `Return` follows (`fn x -> rem(x, 2) == 0 end`) and the fast path returns the boolean.
    /// `[a] -> [a <cmp> imm]`
    CmpTopImm { cmp: Cmp, imm: i32, ret: bool },
    /// `Load(slot) MatchNil { fail }`: the `[]` clause of a list recursion. Exact on every
    /// path (it never needs the ops behind it). `[] -> []`
    MatchNilLocal { slot: u16, fail: u32 },
    /// `Load(slot) MatchCons { fail } Store(head) Store(tail)`: the `[h | t]` clause of a
    /// list recursion, binding straight into the two locals. `[] -> []`
    MatchConsLocal { slot: u16, head: u16, tail: u16, fail: u32 },
    /// `Load(slot) MatchTuple { arity, fail }`: a tuple in a local matched by size, as in a
    /// function head `def f({a, b})`, without copying the tuple's reference. With `stores`,
    /// `arity` `Store`s follow the `MatchTuple` and the elements go straight into their
    /// locals, past the whole sequence; otherwise the elements are pushed (first on top) and
    /// the `MatchTuple` skipped. `[] -> []` with `stores`, else `[] -> [en..e1]`
    MatchTupleLocal { slot: u16, arity: u16, stores: bool, consts: bool, fail: u32 },
    /// `MatchConsLocal` where the list is not used again on success (`compiler::liveness`):
    /// the cell is taken out of the local, and when no one else holds it its head and tail
    /// are moved out and it is freed, with no reference counting on them. `[] -> []`
    MatchConsLocalTake { slot: u16, head: u16, tail: u16, fail: u32 },
    /// `Load(slot) MatchByte { fail } Store(byte) Store(rest)`: the `<<c, rest::binary>>`
    /// clause of a binary walk, binding straight into the two locals. Exact on every path
    /// (on failure it leaves the binary pushed, as `Load` and the failed `MatchByte` do).
    /// `[] -> []`
    MatchByteLocal { slot: u16, byte: u16, rest: u16, fail: u32 },
    /// `MatchByteLocal` where the binary is not used again on success (`compiler::liveness`):
    /// the binary is taken out of the local, and a window onto bytes no one else holds is
    /// narrowed in place to become `rest`, with no allocation. `[] -> []`
    MatchByteLocalTake { slot: u16, byte: u16, rest: u16, fail: u32 },
    /// `RecvNext { empty } Store(slot) Load(slot)`: the next message is bound to the local
    /// the receive's clauses match against, and left on the stack for the first clause.
    /// Exact on every path. `[] -> [msg]`
    RecvNextKeep { slot: u16, empty: u32 },
    /// `Native { id, argc } Pop`: a native called for its effect (`send/2` as a statement).
    /// When the native returns a value it is dropped and the `Pop` skipped; when it hands
    /// control to interpreted code (`apply`), the `Pop` runs on return. `[a1..an] -> []`
    NativePop { id: u16, argc: u8 },
    /// `Load(slot) CallFun { argc }`: a call of the closure held in a local (`f.(h)`). A
    /// lambda of the right arity is called from where it lies, so the value is neither
    /// copied onto the stack nor dropped after, two atomic count changes per call; other
    /// values take the `Load` and the `CallFun` behind it. `[a1..an] -> [result]`
    CallLocalFun { slot: u16, argc: u8 },
    /// `Load(slot) MatchConst { k, fail }`: a clause whose argument is a literal
    /// (`def loop(0, acc)`), tested without pushing the local. Exact on every path: the
    /// `MatchConst` pops its subject whether or not it matches. `[] -> []`
    MatchConstLocal { slot: u16, k: u32, fail: u32 },
    /// `Native { id, argc: 2 }` where the native is `div`, `rem` or one of `Bitwise`'s
    /// binary operators (`op` says which): two small integers on top are combined in place
    /// with no call; anything else (big integers, a zero divisor, a non-integer, a shift
    /// that overflows) calls the native as `Native` does. `[a, b] -> [a op b]`
    IntNative { op: IntOp, id: u16 },
}

/// The comparison a `CmpLocalImmJump` makes; on two integers `==` and `===` agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    NotEq,
}

impl Cmp {
    /// The fused form of a comparison op, if it has one.
    pub fn of(op: Op) -> Option<Cmp> {
        Some(match op {
            Op::Lt => Cmp::Lt,
            Op::Le => Cmp::Le,
            Op::Gt => Cmp::Gt,
            Op::Ge => Cmp::Ge,
            Op::Eq | Op::StrictEq => Cmp::Eq,
            Op::NotEq | Op::StrictNotEq => Cmp::NotEq,
            _ => return None,
        })
    }

    pub fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
            Cmp::Eq => a == b,
            Cmp::NotEq => a != b,
        }
    }
}

/// The integer operation an `IntNative` computes in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntOp {
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
    Bsl,
    Bsr,
}

impl IntOp {
    /// `a op b` for two small integers, or `None` when the native must decide: a zero
    /// divisor (it raises), `i64::MIN` divided by -1, or a left shift whose result would
    /// not fit (it grows a big integer).
    #[inline(always)]
    pub fn apply(self, a: i64, b: i64) -> Option<i64> {
        match self {
            IntOp::Div => a.checked_div(b),
            IntOp::Rem => a.checked_rem(b),
            IntOp::Band => Some(a & b),
            IntOp::Bor => Some(a | b),
            IntOp::Bxor => Some(a ^ b),
            // Exact while shifting back gives the operand again.
            IntOp::Bsl => ((0..63).contains(&b) && (a << b) >> b == a).then(|| a << b),
            IntOp::Bsr => (b >= 0).then(|| a >> b.min(63)),
        }
    }
}

// Ops are copied out of the chunk on every dispatch; keep them at three words.
const _: () = assert!(std::mem::size_of::<Op>() <= 12);

/// Makes a piece of compiled code immortal and returns a plain reference to it.
///
/// The VM calls this once when code is loaded or a script starts, never per call. Frames,
/// export slots and closures then hold `&'static` references instead of `Arc`s, so a call
/// or return does no reference counting at all; with several schedulers running the same
/// function, shared counters would otherwise bounce one cache line between cores on every
/// call. The cost is that code is never freed: memory grows with the amount of source
/// compiled (modules, scripts, shell inputs), not with anything a program does at run time.
pub fn immortal<T>(code: Arc<T>) -> &'static T {
    // SAFETY: `into_raw` gives up this reference count without ever releasing it, so the
    // allocation stays valid (and, being behind an `Arc`, immutable) for the rest of the
    // program.
    unsafe { &*Arc::into_raw(code) }
}

/// A compiled function: all clauses of a named function, an anonymous function's body, or
/// a script's top level.
#[derive(Debug, Default)]
pub struct Chunk {
    /// `Mod.fun/arity` for stack traces and the disassembler.
    pub module: Option<Atom>,
    pub name: Option<Atom>,
    pub arity: u32,
    pub ops: Vec<Op>,
    /// Source line of each op (same length as `ops`).
    pub lines: Vec<u32>,
    pub consts: Vec<Term>,
    /// Locals needed: arguments, then captured variables (lambdas), then variables.
    pub nlocals: u16,
    pub lambdas: Vec<Arc<Lambda>>,
    pub modules: Vec<Arc<ModuleDef>>,
    /// The file this code came from, for stack traces.
    pub file: Arc<str>,
}

/// A compiled anonymous function (`fn … end` or `&(…)`).
#[derive(Debug)]
pub struct Lambda {
    /// The module the `fn` was written in (`None` for a top-level script).
    pub module: Option<Atom>,
    /// The enclosing named function and its arity, used by `inspect`: `in Mod.fun/2`.
    pub parent: (Atom, u32),
    /// Position of this lambda among its module's lambdas.
    pub index: u32,
    pub arity: u32,
    pub chunk: Arc<Chunk>,
    /// The inner local slot each captured value is copied into when the closure is called,
    /// in the order of the closure's environment.
    pub capture_slots: Vec<u16>,
}

/// A compiled module, installed into the code table when its `defmodule` runs.
#[derive(Debug)]
pub struct ModuleDef {
    pub name: Atom,
    /// `(name, arity, private, code)` for every function.
    pub functions: Vec<FunctionDef>,
    /// What the module body evaluated to, as `defmodule` returns it (the last `def`
    /// gives `{name, arity}`).
    pub result: crate::term::Term,
    /// The struct's fields in `defstruct` order (`__exception__` first for an exception), if
    /// the module defines one: `inspect` prints struct fields in this order, as Elixir does.
    pub struct_fields: Option<Vec<Atom>>,
}

#[derive(Debug)]
pub struct FunctionDef {
    pub name: Atom,
    pub arity: u32,
    pub private: bool,
    /// The export slot this function is installed in (see `vm::code`).
    pub slot: u32,
    pub chunk: Arc<Chunk>,
}
