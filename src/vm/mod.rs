//! The bytecode interpreter: one resumable loop that runs a process for a budget of
//! reductions and then returns to its scheduler.
//!
//! A process's whole execution state — value stack, call frames, exception handlers,
//! receive cursor — lives in heap-allocated vectors inside `Process`, never on the Rust
//! stack. That is what lets the scheduler suspend a process at any call or `receive` and
//! resume it later, possibly on another thread, and what lets interpreted recursion go
//! millions of frames deep.

pub mod arith;
pub mod code;
pub mod exception;
pub mod natives;

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::bytecode::{Chunk, Op};
use crate::term::bytes::window;
use crate::term::{order, Atom, Closure, MapT, Pid, Term};
use exception::Exception;

/// The reductions a process may spend before it is put back in the run queue (the BEAM's
/// value). One reduction is charged per call, per message scanned, and per unit of work
/// a native function reports.
pub const REDUCTION_BUDGET: u32 = 4000;

/// The most values and frames one process's stacks may hold together (each is 16 bytes: 1 GiB
/// of them, up to twice that while a vector doubles): beyond it the process fails with
/// `SystemLimitError` instead of exhausting the machine's memory.
pub const MAX_STACK_VALUES: usize = 64 * 1024 * 1024;

/// How many frames an error's stack trace records.
const MAX_TRACE_FRAMES: usize = 20;

/// What the interpreter needs from the runtime it runs in: identity, messaging, process
/// creation and the other BEAM services. The scheduler implements it; the VM stays
/// ignorant of threads and run queues.
pub trait Host {
    /// Moves messages that arrived since the last call into `mailbox`, in order.
    fn fetch_messages(&self, me: Pid, mailbox: &mut VecDeque<Term>);
    /// Delivers `msg` to `to` (a pid; names are resolved by the caller).
    fn send(&self, from: Pid, to: Pid, msg: Term);
    /// Resolves a registered name.
    fn whereis(&self, name: Atom) -> Option<Pid>;
    /// Starts a process running `fun` (a zero-arity function value). `link`/`monitor` tie
    /// it to `parent` atomically with its creation; returns its pid and monitor reference.
    fn spawn(&self, parent: Pid, fun: Term, link: bool, monitor: bool) -> (Pid, Option<Term>);
    /// Every other process operation (links, monitors, registry, timers, info).
    fn call(&self, me: Pid, op: natives::HostOp) -> Result<Term, Exception>;
    /// Writes a whole line (or chunk) of output so that lines from concurrent processes
    /// never interleave.
    fn write_out(&self, bytes: &[u8]);
    fn write_err(&self, bytes: &[u8]);
}

/// Why `run` returned.
#[derive(Debug)]
pub enum Outcome {
    /// The process's initial function returned this value.
    Done(Term),
    /// The reduction budget ran out; the process is runnable.
    Yield,
    /// The process waits in `receive` for a message, or until the deadline.
    Wait(Option<Instant>),
    /// An exception escaped the process (its exit reason follows from it).
    Error(Exception),
}

#[derive(Clone, Debug)]
struct Frame {
    chunk: &'static Chunk,
    pc: u32,
    base: u32,
}

#[derive(Clone, Copy, Debug)]
struct Handler {
    /// Number of frames when installed: unwinding drops the ones above.
    frames: u32,
    /// Absolute stack height to restore.
    sp: u32,
    target: u32,
    /// A guard handler: failure jumps to `target` without pushing the exception.
    guard: bool,
}

/// Per-process state other than the execution stack, visible to native functions.
pub struct ProcState {
    pub pid: Pid,
    /// Messages already moved out of the shared inbox, oldest first.
    pub mailbox: VecDeque<Term>,
    /// The selective-receive scan position: messages before it were already tried by the
    /// receive in progress. Zero whenever no receive is in progress.
    pub cursor: usize,
    pub recv_deadline: Option<Instant>,
    /// The reference made last (`make_ref`, `Process.monitor`) and the mailbox length when
    /// it was made; see `Op::RecvMarked`.
    pub recv_mark: Option<(Term, usize)>,
    /// The process dictionary.
    pub dict: MapT,
    pub trap_exit: bool,
    pub reductions: u64,
    /// The code snapshot this process last saw (see `code.rs`).
    pub code: Arc<code::Snapshot>,
    /// Whether it created an ETS table, which must go when it does.
    pub owns_tables: bool,
}

// A process's ETS tables die with it. The runtime drops a process once it has finished,
// whichever way it finished; the flag spares the many processes that own no table a look
// at the table registry.
impl Drop for ProcState {
    fn drop(&mut self) {
        if self.owns_tables {
            natives::ets::owner_exited(self.pid);
        }
    }
}

pub struct Process {
    pub st: ProcState,
    stack: Vec<Term>,
    frames: Vec<Frame>,
    handlers: Vec<Handler>,
    /// A list cell this process took apart and no one else held, kept (emptied) for the
    /// next cell it builds: a loop like `map([h | t], acc) -> map(t, [f(h) | acc])` then
    /// reuses one allocation per element instead of freeing one and allocating another
    /// (the reuse half of Perceus-style reference counting).
    spare_cell: Option<Arc<crate::term::Cons>>,
    /// The binary last split by a `<<c, rest::binary>>` head that had to keep it
    /// (`MatchByteLocal`), and the rest it gave. A tokenizer's clauses each split the same
    /// binary in turn until one's guard passes; all but the first share that rest instead
    /// of allocating a window each.
    last_split: Option<(Arc<crate::term::Bytes>, Arc<crate::term::Bytes>)>,
    /// Whether this process's view of the code has moved past the replacement of a module
    /// since it started: from then on `CallSelf` looks its callee up like any call.
    code_reloaded: bool,
}

/// `[head | tail]`, in `spare`'s cell if there is one.
#[inline]
fn cons_reusing(spare: &mut Option<Arc<crate::term::Cons>>, head: Term, tail: Term) -> Term {
    if let Some(mut cell) = spare.take() {
        // Always unique: the cell was unique when it was kept, and only `spare` has held it.
        if let Some(c) = Arc::get_mut(&mut cell) {
            put(&mut c.head, head);
            put(&mut c.tail, tail);
            return Term::Cons(cell);
        }
    }
    Term::cons(head, tail)
}

/// What a native function can ask of the interpreter besides returning a value.
pub enum Flow {
    Raise(Exception),
    /// Tail-call a function value with these arguments (`apply/2`, callbacks).
    Apply(Term, Vec<Term>),
    /// Tail-call `module.name(args)` (`apply/3`).
    ApplyMfa(Atom, Atom, Vec<Term>),
}

impl From<Exception> for Flow {
    fn from(e: Exception) -> Flow {
        Flow::Raise(e)
    }
}

pub type NResult = Result<Term, Flow>;

/// Truncates the stack to `len`. Most values in a frame are immediates (small integers,
/// atoms) whose drop is a no-op; this skips the drop call for them, which `Vec::truncate`
/// makes for every element.
#[inline(always)]
fn cut(stack: &mut Vec<Term>, len: usize) {
    while stack.len() > len {
        match stack.pop() {
            Some(t) if t.is_immediate() => std::mem::forget(t),
            Some(t) => drop(t),
            None => break,
        }
    }
}

/// `rem(x, m)` for `RemLocalImm`; `None` leaves a zero divisor to the native. A positive
/// power of two, the usual `rem(x, 2)`, takes a mask instead of a division (the divisor is
/// an operand, so the compiler cannot make that choice): the magnitude's low bits with the
/// dividend's sign, as `rem` truncates.
#[inline(always)]
fn rem_imm(x: i64, m: i64) -> Option<i64> {
    if m > 0 && m & (m - 1) == 0 {
        let r = (x.unsigned_abs() & (m as u64 - 1)) as i64;
        Some(if x < 0 { -r } else { r })
    } else {
        x.checked_rem(m)
    }
}

/// Where a `Switch` whose `n` entries start at op `first` sends `v`: the target of the first
/// entry matching its shape, or `None` for the switch's default. Out of line, as the
/// dispatch loop is sensitive to the size of its arms.
#[inline(never)]
fn switch_target(ops: &[Op], first: usize, n: u16, v: Option<&Term>) -> Option<u32> {
    let (tag, arity) = match v? {
        Term::Atom(a) => (Some(*a), 0),
        Term::Tuple(t) => (t.first()?.as_atom(), t.len()),
        _ => return None,
    };
    for op in ops.get(first..first + n as usize)? {
        if let Op::SwitchCase { atom, arity: a, any_tag, target } = *op
            && a as usize == arity
            && (any_tag || tag == Some(atom))
        {
            return Some(target);
        }
    }
    None
}

/// Whether each element of `t` that the op at `first + k` tests against a constant
/// (`MatchConst`) equals it: the constant half of a fused tuple-head match.
#[inline(never)]
fn tuple_consts_hold(chunk: &Chunk, first: usize, t: &crate::term::Tuple) -> bool {
    t.iter().enumerate().all(|(k, v)| match chunk.ops.get(first + k) {
        Some(Op::MatchConst { k: c, .. }) => chunk.consts.get(*c as usize).is_some_and(|c| order::strict_eq(c, v)),
        _ => true,
    })
}

/// Whether message `m` certainly fails the receive clause whose pattern starts at op `at`,
/// and that failure leads straight to the `RecvSkip` back to the receive at `recv` (it is
/// the last clause). Only the first test is looked at: a constant (`:never`), or a tuple's
/// size and a constant first element (`{:high, i}`). A selective receive then passes over
/// the messages it leaves behind without copying each one out and matching it.
#[inline(never)]
fn recv_rejects(chunk: &Chunk, at: usize, recv: usize, m: &Term) -> bool {
    let skips = |fail: u32| match chunk.ops.get(fail as usize) {
        Some(Op::RecvSkip { next }) => *next as usize == recv,
        Some(Op::SetSp(_)) => matches!(chunk.ops.get(fail as usize + 1), Some(Op::RecvSkip { next }) if *next as usize == recv),
        _ => false,
    };
    let differs = |k: u32, v: &Term| chunk.consts.get(k as usize).is_some_and(|c| !order::strict_eq(c, v));
    match chunk.ops.get(at) {
        Some(&Op::MatchConst { k, fail }) => skips(fail) && differs(k, m),
        Some(&Op::MatchTuple { arity, fail }) => match m {
            Term::Tuple(t) if t.len() == arity as usize => match (chunk.ops.get(at + 1), t.first()) {
                (Some(&Op::MatchConst { k, fail }), Some(tag)) => skips(fail) && differs(k, tag),
                _ => false,
            },
            _ => skips(fail),
        },
        _ => false,
    }
}

/// Where a failed fused test continues. A clause's failure target usually starts with a
/// `SetSp` that resets the operand stack for the next clause; when the stack already has that
/// height (a fused test pushes nothing), the `SetSp` would do nothing and is skipped, saving a
/// dispatch on every failed guard and every `[]` clause passed over in a list recursion.
/// `height` is the stack's height above the frame's base.
#[inline]
fn landing(chunk: &Chunk, target: usize, height: usize) -> usize {
    match chunk.ops.get(target) {
        Some(Op::SetSp(d)) if height == chunk.nlocals as usize + *d as usize => target + 1,
        _ => target,
    }
}

/// Ends a frame for a tail call: the values from `start` up (the callee's arguments) move
/// down to `base`, and the frame's own values in between are dropped. After last-use moves
/// most of those are empty locals or small integers; unlike `Vec::drain`, which calls the
/// drop glue for every element, this skips them.
#[inline(always)]
fn close_frame(stack: &mut Vec<Term>, base: usize, start: usize) {
    let argc = stack.len().saturating_sub(start);
    if start > base {
        for i in 0..argc {
            stack.swap(base + i, start + i);
        }
        cut(stack, base + argc);
    }
}

/// Overwrites a local. The old value is usually an immediate (a fresh frame's `nil`, a
/// moved-out local, a small integer), whose drop does nothing; this skips the out-of-line
/// drop call plain assignment makes for it.
#[inline]
fn put(slot: &mut Term, v: Term) {
    let old = std::mem::replace(slot, v);
    if old.is_immediate() {
        std::mem::forget(old);
    }
}

/// Pads the stack with `nil` up to `len` (a frame's unset locals). Frames need a few slots
/// at most, and an inline loop beats `Vec::resize`'s out-of-line call.
#[inline(always)]
fn grow_to(stack: &mut Vec<Term>, len: usize) {
    while stack.len() < len {
        stack.push(Term::Nil);
    }
}

/// Whether `chunk` is code Elixir would evaluate with `erl_eval` rather than compile (and so
/// blame arithmetic errors on their operands): `-e` code, shell input, and anonymous
/// functions written at a script's top level.
fn evaluated(chunk: &Chunk) -> bool {
    chunk.module.is_none() && (chunk.name.is_none() || matches!(&*chunk.file, "nofile" | "iex"))
}

/// Fails with `SystemLimitError` when a process whose stack would reach `top` values with
/// `frames` frames has gone past [`MAX_STACK_VALUES`]. Frames count too: a function with no
/// locals or arguments (`def f(), do: f() + 1`) grows only the frame stack, and must fail
/// the same way.
#[inline(always)]
fn check_depth(top: usize, frames: usize) -> Result<(), Exception> {
    if top.saturating_add(frames) > MAX_STACK_VALUES {
        return Err(exception::system_limit("stack overflow: too many nested calls"));
    }
    Ok(())
}

/// The lambda behind `fun` when it is one taking `argc` arguments: the case closure calls
/// set up in the loop; everything else goes through `Process::call_fun`.
#[inline(always)]
fn lambda_of(fun: &Term, argc: usize) -> Option<(&'static crate::bytecode::Lambda, &[Term])> {
    match fun {
        Term::Fun(c) => match &**c {
            Closure::Lambda { code, env } if code.arity as usize == argc => Some((*code, env)),
            _ => None,
        },
        _ => None,
    }
}

/// Pushes a frame for `chunk` whose arguments start at `base`. A function of the stack and
/// frames rather than a method: the interpreter loop keeps the stack in a local of its own.
/// Always inlined: it is on every call's path, and when the loop grew past the compiler's
/// inlining budget it became an out-of-line call costing 4 % of a closure-heavy pipeline.
#[inline(always)]
fn enter(stack: &mut Vec<Term>, frames: &mut Vec<Frame>, chunk: &'static Chunk, base: usize) -> Result<(), Exception> {
    let top = base + chunk.nlocals as usize;
    check_depth(top, frames.len())?;
    grow_to(stack, top);
    frames.push(Frame { chunk, pc: 0, base: base as u32 });
    Ok(())
}

/// Pushes a frame for a lambda whose arguments start at `base`, with its captured values
/// in their slots. Always inlined: the closure-call op is hot, and out of line this cost
/// 2 % more instructions on the enum pipeline.
#[inline(always)]
fn enter_lambda(stack: &mut Vec<Term>, frames: &mut Vec<Frame>, code: &'static crate::bytecode::Lambda, env: &[Term], base: usize) -> Result<(), Exception> {
    enter(stack, frames, &code.chunk, base)?;
    for (v, slot) in env.iter().zip(code.capture_slots.iter()) {
        if let Some(s) = stack.get_mut(base + *slot as usize) {
            put(s, v.clone());
        }
    }
    Ok(())
}

impl Process {
    /// A process that will call `fun` (a zero-arity function) when first run.
    pub fn new(pid: Pid) -> Process {
        Process {
            st: ProcState {
                pid,
                mailbox: VecDeque::new(),
                cursor: 0,
                recv_deadline: None,
                recv_mark: None,
                dict: MapT::new(),
                trap_exit: false,
                reductions: 0,
                code: code::table().snapshot(),
                owns_tables: false,
            },
            stack: Vec::new(),
            frames: Vec::new(),
            handlers: Vec::new(),
            spare_cell: None,
            last_split: None,
            code_reloaded: false,
        }
    }

    /// Prepares the process to run `chunk` (a zero-arity script or function body).
    pub fn start_chunk(&mut self, chunk: Arc<Chunk>) {
        let chunk = crate::bytecode::immortal(chunk);
        self.stack.resize(chunk.nlocals as usize, Term::Nil);
        self.frames.push(Frame { chunk, pc: 0, base: 0 });
    }

    /// Prepares the process to call the function value `fun` with `args`.
    pub fn start_fun(&mut self, host: &dyn Host, fun: Term, args: Vec<Term>) -> Result<(), Exception> {
        let argc = args.len();
        self.stack.extend(args);
        self.call_fun(host, fun, argc)
    }

    /// An approximation of the memory this process holds, for `Process.info(:memory)`.
    pub fn memory(&self) -> usize {
        std::mem::size_of::<Process>()
            + self.stack.capacity() * std::mem::size_of::<Term>()
            + self.frames.capacity() * std::mem::size_of::<Frame>()
            + self.st.mailbox.capacity() * std::mem::size_of::<Term>()
    }

    fn trace(&self) -> Term {
        let mut out = Vec::new();
        // Code typed at the shell prompt is evaluated by `erl_eval` on the BEAM, so its frames
        // never show in a trace there; they are left out here too.
        let shown = self.frames.iter().rev().filter(|f| !(f.chunk.module.is_none() && &*f.chunk.file == "iex"));
        for f in shown.take(MAX_TRACE_FRAMES) {
            let line = f.chunk.lines.get(f.pc.saturating_sub(1) as usize).copied().unwrap_or(0);
            let module = f.chunk.module.map(Term::Atom).unwrap_or_else(|| Term::NIL_ATOM);
            let name = f.chunk.name.map(Term::Atom).unwrap_or(Term::Atom(Atom::intern("-fun-")));
            let loc = Term::list(vec![
                Term::tuple(vec![Term::Atom(Atom::intern("file")), Term::str(&f.chunk.file)]),
                Term::tuple(vec![Term::Atom(Atom::intern("line")), Term::Int(line as i64)]),
            ]);
            out.push(Term::tuple(vec![module, name, Term::Int(f.chunk.arity as i64), loc]));
        }
        Term::list(out)
    }

    /// Sets up a call to the function value `fun` with the `argc` values on top of the stack
    /// as its arguments.
    fn call_fun(&mut self, host: &dyn Host, fun: Term, argc: usize) -> Result<(), Exception> {
        let fpos = self.stack.len().saturating_sub(argc);
        let Term::Fun(closure) = &fun else {
            self.stack.truncate(fpos);
            return Err(exception::bad_function(fun));
        };
        match closure.as_ref() {
            Closure::Lambda { code, env } => {
                if code.arity as usize != argc {
                    let args = self.stack.split_off(fpos);
                    return Err(exception::bad_arity(fun.clone(), args));
                }
                enter_lambda(&mut self.stack, &mut self.frames, code, env, fpos)
            }
            Closure::Export { module, name, arity, native } => {
                if *arity as usize != argc {
                    let args = self.stack.split_off(fpos);
                    return Err(exception::bad_arity(fun.clone(), args));
                }
                match *native {
                    Some(id) => self.call_native(host, id, argc),
                    None => self.dispatch_mfa(host, *module, *name, argc),
                }
            }
        }
    }

    /// Calls `module.name/argc` with the arguments on top of the stack, by name: a native
    /// if there is one, else loaded code. Used by dynamic calls and exported funs.
    fn call_mfa(&mut self, module: Atom, name: Atom, argc: usize) -> Result<(), Exception> {
        self.refresh_code();
        if !self.st.code.modules.contains_key(&module) && code::load_lazily(module) {
            self.refresh_code();
        }
        let slot = code::table().lookup_slot(module, name, argc as u32);
        let export = slot.and_then(|s| self.st.code.export(s));
        match export {
            Some(e) if !e.private => {
                let base = self.stack.len() - argc;
                enter(&mut self.stack, &mut self.frames, e.chunk, base)
            }
            _ => {
                let loaded = self.st.code.modules.contains_key(&module) || natives::has_module(crate::compiler::module_display(module));
                let args = self.stack[self.stack.len().saturating_sub(argc)..].to_vec();
                Err(exception::with_call_frame(exception::undefined_function(module, name, argc as u32, loaded), module, name, args))
            }
        }
    }

    /// Looks up an empty export slot again in the newest snapshot, after asking the lazy
    /// loader for its module; the error is the `UndefinedFunctionError` a call to it raises.
    fn missing_export(&mut self, slot: u32, argc: u8) -> Result<code::Export, Exception> {
        let table = code::table();
        self.refresh_code();
        if let Some(e) = self.st.code.export(slot) {
            return Ok(e);
        }
        if let Some((m, _, _)) = table.mfa_of(slot) {
            if code::load_lazily(m) {
                self.refresh_code();
                if let Some(e) = self.st.code.export(slot) {
                    return Ok(e);
                }
            }
        }
        let (m, f, a) = table.mfa_of(slot).unwrap_or((Atom::NIL, Atom::NIL, argc as u32));
        let loaded = self.st.code.modules.contains_key(&m) || natives::has_module(crate::compiler::module_display(m));
        let args = self.stack[self.stack.len().saturating_sub(argc as usize)..].to_vec();
        Err(exception::with_call_frame(exception::undefined_function(m, f, a, loaded), m, f, args))
    }

    /// Moves to the newest code snapshot if one was loaded since this process last looked.
    fn refresh_code(&mut self) {
        if self.st.code.generation != code::table().generation() {
            let newer = code::table().snapshot();
            self.code_reloaded |= newer.reloads != self.st.code.reloads;
            self.st.code = newer;
        }
    }

    /// Unwinds to the innermost handler; gives the exception back when none is left.
    fn unwind(&mut self, e: Exception) -> Result<(), Exception> {
        // An error can only interrupt a receive in its `after` expression; the receive is
        // abandoned, so its scan position and deadline must not leak into the next one.
        self.st.cursor = 0;
        self.st.recv_deadline = None;
        let Some(h) = self.handlers.pop() else { return Err(e) };
        self.frames.truncate(h.frames as usize);
        self.stack.truncate(h.sp as usize);
        if let Some(f) = self.frames.last_mut() {
            f.pc = h.target;
        }
        if !h.guard {
            self.stack.push(Term::Atom(e.kind));
            self.stack.push(e.reason);
            self.stack.push(e.stack);
        }
        Ok(())
    }

    /// Runs until the budget is spent, the process waits, finishes, or fails.
    pub fn run(&mut self, host: &dyn Host, budget: u32) -> Outcome {
        let mut reds: i64 = budget as i64;
        loop {
            match self.run_inner(host, &mut reds) {
                Ok(outcome) => {
                    self.st.reductions += (budget as i64 - reds).max(0) as u64;
                    return outcome;
                }
                Err(mut e) => {
                    if e.kind == Atom::ERROR {
                        if matches!(e.stack, Term::Nil) {
                            e.stack = self.trace();
                        } else if exception::is_call_frame_only(&e.stack) {
                            let head = e.stack.list_to_vec().unwrap_or_default();
                            e.stack = Term::list_with_tail(head, self.trace());
                        }
                    }
                    if let Err(e) = self.unwind(e) {
                        self.st.reductions += (budget as i64 - reds).max(0) as u64;
                        return Outcome::Error(e);
                    }
                }
            }
        }
    }

    /// Runs until the process yields, waits, ends or raises; `reds` counts down the budget.
    /// The count and the value stack live in locals for the loop's duration: behind `&mut`
    /// they would be loaded and stored around every call the compiler cannot see into, and
    /// with `run_loop` inlined here they stay in registers or stack slots it tracks. While
    /// the loop runs `self.stack` is empty: a method that works on it must be called through
    /// the loop's `synced!`, which puts the stack back for the call. Every exit, `?` and
    /// error included, comes back through here, which restores it.
    fn run_inner(&mut self, host: &dyn Host, reds: &mut i64) -> Result<Outcome, Exception> {
        let mut left = *reds;
        let mut stack = std::mem::take(&mut self.stack);
        let r = self.run_loop(host, &mut left, &mut stack);
        self.stack = stack;
        *reds = left;
        r
    }

    /// The interpreter loop proper; see `run_inner`.
    /// `b` without its first byte, shared with the previous split of the same binary
    /// (`last_split`) when there was one.
    #[inline(never)]
    fn rest_after_byte(last: &mut Option<(Arc<crate::term::Bytes>, Arc<crate::term::Bytes>)>, b: &Arc<crate::term::Bytes>) -> Arc<crate::term::Bytes> {
        if let Some((src, rest)) = last {
            if Arc::ptr_eq(src, b) {
                return rest.clone();
            }
        }
        let rest = window(b, 1, b.len());
        *last = Some((b.clone(), rest.clone()));
        rest
    }

    /// The message under the receive cursor, fetching newly arrived ones when the cursor is
    /// at the end; `None` when there is none. A message the last clause turns down at its
    /// first test (`recv_rejects`) is passed over where it lies, as `RecvSkip` would after
    /// the test, costing a reduction. Out of line: the dispatch loop around it is sensitive
    /// to the size of its arms.
    #[inline(never)]
    fn next_message(&mut self, host: &dyn Host, chunk: &Chunk, first: usize, recv: usize, reds: &mut i64) -> Option<Term> {
        loop {
            if self.st.cursor >= self.st.mailbox.len() {
                host.fetch_messages(self.st.pid, &mut self.st.mailbox);
            }
            let m = self.st.mailbox.get(self.st.cursor)?;
            if !recv_rejects(chunk, first, recv, m) {
                return Some(m.clone());
            }
            *reds -= 1;
            self.st.cursor += 1;
        }
    }

    #[inline(always)]
    fn run_loop(&mut self, host: &dyn Host, reds: &mut i64, stack: &mut Vec<Term>) -> Result<Outcome, Exception> {
        let Some(frame) = self.frames.last() else {
            return Ok(Outcome::Done(Term::NIL_ATOM));
        };
        let mut chunk: &'static Chunk = frame.chunk;
        let mut pc = frame.pc as usize;
        let mut base = frame.base as usize;

        // Saves the cached frame position before anything that may switch frames or
        // return to the scheduler.
        macro_rules! save {
            () => {
                if let Some(f) = self.frames.last_mut() {
                    f.pc = pc as u32;
                }
            };
        }
        // Runs a slow path that works on `self.stack` with the stack put back there.
        macro_rules! synced {
            ($e:expr) => {{
                std::mem::swap(&mut self.stack, stack);
                let r = $e;
                std::mem::swap(&mut self.stack, stack);
                r
            }};
        }
        // Reloads the cached frame after a call, return or unwind.
        macro_rules! load {
            () => {
                match self.frames.last() {
                    Some(f) => {
                        chunk = f.chunk;
                        pc = f.pc as usize;
                        base = f.base as usize;
                    }
                    None => return Ok(Outcome::Done(stack.pop().unwrap_or_else(|| Term::NIL_ATOM))),
                }
            };
        }
        // Pops the current frame and hands `v` to the caller.
        macro_rules! ret {
            ($v:expr) => {{
                let v = $v;
                let Some(f) = self.frames.pop() else {
                    return Ok(Outcome::Done(v));
                };
                cut(stack, f.base as usize);
                stack.push(v);
                load!();
            }};
        }
        // A fused op's fallback: do what its first op, `Load(slot)`, does, and let the
        // original ops behind it do the rest.
        macro_rules! push_local {
            ($slot:expr) => {{
                let v = stack.get(base + $slot as usize).cloned().unwrap_or_else(|| Term::NIL_ATOM);
                stack.push(v);
            }};
        }
        // `Load(slot) SmallInt(imm) <arith>` fused: the result when the local is a small
        // integer and nothing overflows (returned at once when `ret`), else the fallback.
        macro_rules! local_imm {
            ($slot:expr, $imm:expr, $ret:expr, $checked:path) => {
                match stack.get(base + $slot as usize) {
                    Some(&Term::Int(x)) if let Some(r) = $checked(x, $imm as i64) => {
                        if $ret {
                            ret!(Term::Int(r));
                        } else {
                            stack.push(Term::Int(r));
                            pc += 2;
                        }
                    }
                    _ => push_local!($slot),
                }
            };
        }
        // Local `$slot`'s value, moved out and the local left empty (`Move`, `ReturnLocal`).
        macro_rules! take_local {
            ($slot:expr) => {
                stack.get_mut(base + $slot as usize).map(|t| std::mem::replace(t, Term::Nil)).unwrap_or_else(|| Term::NIL_ATOM)
            };
        }
        macro_rules! pop {
            () => {
                stack.pop().unwrap_or_else(|| Term::Nil)
            };
        }
        macro_rules! fail {
            ($e:expr) => {{
                save!();
                return Err($e);
            }};
        }
        macro_rules! binop {
            ($f:expr) => {{
                let b = pop!();
                let a = pop!();
                match $f(a, b) {
                    Ok(v) => stack.push(v),
                    Err(e) => fail!(e),
                }
            }};
        }
        // Arithmetic that keeps its operands for the error message of evaluated code.
        macro_rules! arith {
            ($f:expr, $op:expr) => {{
                let b = pop!();
                let a = pop!();
                match $f(a.clone(), b.clone()) {
                    Ok(v) => stack.push(v),
                    Err(e) => {
                        let e = if evaluated(chunk) { exception::blame_arith(e, $op, &a, &b) } else { e };
                        fail!(e)
                    }
                }
            }};
        }
        // `arith!` with a fast path for two small integers whose result does not overflow.
        macro_rules! int_arith {
            ($checked:ident, $f:expr, $op:expr) => {{
                let b = pop!();
                let a = pop!();
                match (&a, &b) {
                    (Term::Int(x), Term::Int(y)) if let Some(r) = x.$checked(*y) => stack.push(Term::Int(r)),
                    _ => {
                        stack.push(a);
                        stack.push(b);
                        arith!($f, $op)
                    }
                }
            }};
        }
        /// A float result, or None (the slow path, which raises) when it is not finite.
        #[inline(always)]
        fn finite(f: f64) -> Option<Term> {
            f.is_finite().then_some(Term::Float(f))
        }
        // Arithmetic on the top two values, computed in place when both are small integers
        // (`$int` returns None on overflow) or a float meets an integer or float, the two
        // cases loops spend their time in; anything else (big integers, errors) goes through
        // `arith!`. The operands replaced are plain numbers, so forgetting them frees nothing.
        macro_rules! num {
            ($int:expr, $flt:expr, $f:expr, $op:expr) => {{
                let fast = match stack.as_slice() {
                    [.., Term::Int(x), Term::Int(y)] => $int(*x, *y),
                    [.., Term::Float(x), Term::Float(y)] => finite($flt(*x, *y)),
                    [.., Term::Int(x), Term::Float(y)] => finite($flt(*x as f64, *y)),
                    [.., Term::Float(x), Term::Int(y)] => finite($flt(*x, *y as f64)),
                    _ => None,
                };
                match fast {
                    Some(r) => {
                        if let Some(b) = stack.pop() {
                            std::mem::forget(b);
                        }
                        if let Some(a) = stack.last_mut() {
                            std::mem::forget(std::mem::replace(a, r));
                        }
                    }
                    None => arith!($f, $op),
                }
            }};
        }
        // Calls export slot `$slot` with the top `$argc` values as arguments; `$tail`
        // replaces the current frame. `enter`, written out: this is the hottest call path,
        // and with the new frame's position set directly rather than reloaded from the frame
        // stack (calling `enter` here measured 5 % more instructions on fib).
        macro_rules! call_export {
            ($slot:expr, $argc:expr, $tail:expr) => {{
                let (slot, argc) = ($slot, $argc);
                *reds -= 1;
                let export = match self.st.code.export(slot) {
                    Some(e) => e,
                    None => match synced!(self.missing_export(slot, argc)) {
                        Ok(e) => e,
                        Err(e) => fail!(e),
                    },
                };
                if export.private && export.chunk.module != chunk.module {
                    let (m, f, a) = code::table().mfa_of(slot).unwrap_or((Atom::NIL, Atom::NIL, argc as u32));
                    fail!(exception::undefined_function(m, f, a, true));
                }
                let argc = argc as usize;
                if $tail {
                    // Move the arguments down over the current frame.
                    let start = stack.len() - argc;
                    close_frame(stack, base, start);
                    self.frames.pop();
                } else {
                    save!();
                }
                let callee = export.chunk;
                let new_base = stack.len() - argc;
                let top = new_base + callee.nlocals as usize;
                check_depth(top, self.frames.len())?;
                grow_to(stack, top);
                self.frames.push(Frame { chunk: callee, pc: 0, base: new_base as u32 });
                chunk = callee;
                pc = 0;
                base = new_base;
                if *reds <= 0 {
                    save!();
                    return Ok(Outcome::Yield);
                }
            }};
        }
        // Calls the running function itself with the top `$argc` values (`CallSelf`): the
        // callee is `chunk`, so there is no export to look up or check for privacy, and a
        // tail call keeps the frame, moving the arguments down to its base.
        macro_rules! call_self {
            ($argc:expr, $tail:expr) => {{
                *reds -= 1;
                let argc = $argc as usize;
                let start = stack.len() - argc;
                if $tail {
                    close_frame(stack, base, start);
                } else {
                    save!();
                    check_depth(start + chunk.nlocals as usize, self.frames.len())?;
                    self.frames.push(Frame { chunk, pc: 0, base: start as u32 });
                    base = start;
                }
                grow_to(stack, base + chunk.nlocals as usize);
                pc = 0;
                if *reds <= 0 {
                    save!();
                    return Ok(Outcome::Yield);
                }
            }};
        }
        // `MatchConsLocalTake`'s work, with `pc` just past that op.
        macro_rules! match_cons_take {
            ($slot:expr, $head:expr, $tail:expr, $fail:expr) => {{
                let (slot, head, tail, fail) = ($slot, $head, $tail, $fail);
                let fits = stack.len() > base + head.max(tail) as usize;
                match stack.get_mut(base + slot as usize) {
                    Some(local @ Term::Cons(_)) if fits => {
                        let Term::Cons(mut cell) = std::mem::replace(local, Term::Nil) else {
                            fail!(exception::runtime_error("internal: list cell vanished"));
                        };
                        let (h, t) = match Arc::get_mut(&mut cell) {
                            // No one else holds the cell: move its fields out and keep it
                            // for the next cons.
                            Some(c) => {
                                let fields = (std::mem::replace(&mut c.head, Term::Nil), std::mem::replace(&mut c.tail, Term::Nil));
                                self.spare_cell = Some(cell);
                                fields
                            }
                            None => (cell.head.clone(), cell.tail.clone()),
                        };
                        put(&mut stack[base + head as usize], h);
                        put(&mut stack[base + tail as usize], t);
                        pc += 3;
                    }
                    _ => {
                        push_local!(slot);
                        pc = fail as usize;
                    }
                }
            }};
        }
        macro_rules! cmp {
            ($pred:expr) => {{
                let b = pop!();
                let a = pop!();
                let r = match (&a, &b) {
                    (Term::Int(x), Term::Int(y)) => $pred(x.cmp(y)),
                    // Floats are never NaN here (arithmetic raises instead), so this is total.
                    (Term::Float(x), Term::Float(y)) => $pred(x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal)),
                    _ => $pred(order::compare(&a, &b, false)),
                };
                stack.push(Term::bool(r));
            }};
        }

        // Calls native `$id` with the top `$argc` values; with `$pop` its result is dropped
        // and the `Pop` behind (`NativePop`) skipped.
        macro_rules! call_native {
            ($id:expr, $argc:expr, $pop:expr) => {{
                let (id, argc): (u16, u8) = ($id, $argc);
                *reds -= 1;
                let start = stack.len().saturating_sub(argc as usize);
                save!();
                let mut r = natives::call(id, &mut self.st, host, stack.get_mut(start..).unwrap_or(&mut []));
                if let Err(Flow::Raise(e)) = &r {
                    if let (true, [x, y]) = (evaluated(chunk), stack.get(start..).unwrap_or(&[])) {
                        if let Some(("Kernel", name @ ("div" | "rem"), _)) = natives::describe(id) {
                            let e = exception::blame_arith(e.clone(), name, x, y);
                            r = Err(Flow::Raise(e));
                        }
                    }
                }
                cut(stack, start);
                match r {
                    Ok(_) if $pop => pc += 1,
                    Ok(v) => stack.push(v),
                    Err(flow) => {
                        // `apply/2,3` and friends enter interpreted code: a loop made of
                        // them must still be preempted.
                        synced!(self.flow(host, flow))?;
                        load!();
                        if *reds <= 0 {
                            save!();
                            return Ok(Outcome::Yield);
                        }
                    }
                }
            }};
        }

        loop {
            let Some(op) = chunk.ops.get(pc) else {
                fail!(exception::runtime_error("internal: program counter out of range"));
            };
            pc += 1;
            match *op {
                Op::Const(k) => {
                    let v = chunk.consts.get(k as usize).cloned().unwrap_or_else(|| Term::NIL_ATOM);
                    stack.push(v);
                }
                Op::Nil => stack.push(Term::NIL_ATOM),
                Op::SmallInt(i) => stack.push(Term::Int(i as i64)),
                Op::Load(s) => {
                    let v = stack.get(base + s as usize).cloned().unwrap_or_else(|| Term::NIL_ATOM);
                    stack.push(v);
                }
                Op::Move(s) => {
                    let v = take_local!(s);
                    stack.push(v);
                }
                Op::Store(s) => {
                    let v = pop!();
                    if let Some(slot) = stack.get_mut(base + s as usize) {
                        put(slot, v);
                    }
                }
                Op::Pop => {
                    stack.pop();
                }
                Op::Dup => {
                    let v = stack.last().cloned().unwrap_or_else(|| Term::NIL_ATOM);
                    stack.push(v);
                }
                Op::SetSp(d) => {
                    let target = base + chunk.nlocals as usize + d as usize;
                    stack.truncate(target);
                }
                Op::MakeTuple(n) => {
                    let start = stack.len().saturating_sub(n as usize);
                    // The elements move straight from the stack into the tuple's allocation.
                    let t = crate::term::Tuple::from_exact(stack.drain(start..));
                    stack.push(Term::Tuple(t));
                }
                Op::MakeList(n) => {
                    let start = stack.len().saturating_sub(n as usize);
                    let list = stack.drain(start..).rev().fold(Term::Nil, |tail, x| Term::cons(x, tail));
                    stack.push(list);
                }
                Op::MakeListTail(n) => {
                    // `[h | acc]` in a loop is the commonest list operation: cons straight
                    // from the stack, with no intermediate vector.
                    let tail = pop!();
                    let start = stack.len().saturating_sub(n as usize);
                    let spare = &mut self.spare_cell;
                    let list = stack.drain(start..).rev().fold(tail, |tail, x| cons_reusing(spare, x, tail));
                    stack.push(list);
                }
                Op::MakeMap(n) => {
                    let start = stack.len().saturating_sub(2 * n as usize);
                    let mut m = MapT::new();
                    let mut it = stack.drain(start..);
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        m.insert(k, v);
                    }
                    drop(it);
                    stack.push(Term::map(m));
                }
                Op::UpdateMap(n) => {
                    // `[map, k1, v1, .., kn, vn]`: the pairs are moved out of the stack where they
                    // lie, with no vector of their own.
                    let start = stack.len().saturating_sub(2 * n as usize);
                    let Some(map_at) = start.checked_sub(1) else {
                        fail!(exception::runtime_error("internal: map update without a map"));
                    };
                    let mut m = match stack.get_mut(map_at).map(|t| std::mem::replace(t, Term::Nil)) {
                        Some(Term::Map(m)) => m,
                        other => fail!(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, other.unwrap_or(Term::Nil))),
                    };
                    // With several keys, all must exist before any changes, so that a KeyError
                    // shows the map as it was; a single key is looked up once.
                    if n > 1 {
                        if let Some(k) = stack.get(start..).unwrap_or(&[]).iter().step_by(2).find(|k| !m.contains_key(k)) {
                            let k = k.clone();
                            fail!(exception::key_error(k, Term::Map(m)));
                        }
                    }
                    // Update in place when the map was moved here from its last holder
                    // (`%{state | n: n + 1}` in a loop), else copy first.
                    let entries = &mut Arc::make_mut(&mut m).0;
                    let mut missing = None;
                    for pair in stack.get_mut(start..).unwrap_or(&mut []).chunks_exact_mut(2) {
                        if let [k, v] = pair {
                            match entries.get_mut(k) {
                                Some(slot) => put(slot, std::mem::replace(v, Term::Nil)),
                                None => {
                                    missing = Some(k.clone());
                                    break;
                                }
                            }
                        }
                    }
                    if let Some(k) = missing {
                        fail!(exception::key_error(k, Term::Map(m)));
                    }
                    cut(stack, map_at);
                    stack.push(Term::Map(m));
                }
                Op::Interp { n, fallback } => {
                    let start = stack.len().saturating_sub(n as usize);
                    // `"#{acc}…"` with an accumulator no one else holds (moved here by its
                    // last use) appends to it in place, as `<>` does: a string built up by
                    // interpolation in a loop stays linear.
                    let took = n > 1
                        && matches!(stack.get(start), Some(Term::Bin(b)) if Arc::strong_count(b) == 1 && matches!(**b, crate::term::Bytes::Owned(_)));
                    let mut out = Vec::new();
                    if took {
                        if let Some(Term::Bin(b)) = stack.get_mut(start).map(|t| std::mem::replace(t, Term::Nil)) {
                            match Arc::try_unwrap(b) {
                                Ok(crate::term::Bytes::Owned(v)) => out = v,
                                // Not reachable after the count test above; copy if it were.
                                Ok(other) => out.extend_from_slice(&other),
                                Err(shared) => out.extend_from_slice(&shared),
                            }
                        }
                    }
                    let skip = usize::from(took);
                    let first_len = out.len();
                    let mut unconverted = None;
                    for (i, v) in stack.get(start + skip..).unwrap_or_default().iter().enumerate() {
                        match v {
                            Term::Bin(b) => out.extend_from_slice(b),
                            other => match crate::term::inspect::to_string(other) {
                                Some(s) => out.extend_from_slice(s.as_bytes()),
                                None => {
                                    unconverted = Some(skip + i);
                                    break;
                                }
                            },
                        }
                    }
                    if unconverted.is_some() {
                        // The values go back as they were for the slow path behind the op;
                        // a first binary taken to append to gets back its own bytes.
                        if took {
                            out.truncate(first_len);
                            if let Some(first) = stack.get_mut(start) {
                                *first = Term::bytes(out);
                            }
                        }
                        pc = fallback as usize;
                        continue;
                    }
                    stack.truncate(start);
                    stack.push(Term::bytes(out));
                }
                Op::MakeFn { lambda, captured } => {
                    let start = stack.len().saturating_sub(captured as usize);
                    let env: Vec<Term> = stack.drain(start..).collect();
                    let Some(code) = chunk.lambdas.get(lambda as usize) else {
                        fail!(exception::runtime_error("internal: bad lambda index"));
                    };
                    stack.push(Term::Fun(Arc::new(Closure::Lambda { code: &**code, env: env.into_boxed_slice() })));
                }
                Op::Add => num!(|x: i64, y| x.checked_add(y).map(Term::Int), |x: f64, y: f64| x + y, arith::add, "+"),
                Op::AddReturn => {
                    let sum = match stack.as_slice() {
                        [.., Term::Int(x), Term::Int(y)] => x.checked_add(*y),
                        _ => None,
                    };
                    match sum {
                        // The operands are small integers: returning cuts them with the frame.
                        Some(r) => ret!(Term::Int(r)),
                        None => int_arith!(checked_add, arith::add, "+"),
                    }
                }
                Op::Sub => num!(|x: i64, y| x.checked_sub(y).map(Term::Int), |x: f64, y: f64| x - y, arith::sub, "-"),
                Op::Mul => num!(|x: i64, y| x.checked_mul(y).map(Term::Int), |x: f64, y: f64| x * y, arith::mul, "*"),
                // `/` of two integers is a float too; a zero divisor takes the slow path to raise.
                Op::Div => num!(
                    |x: i64, y: i64| finite(if y == 0 { f64::NAN } else { x as f64 / y as f64 }),
                    |x: f64, y: f64| if y == 0.0 { f64::NAN } else { x / y },
                    arith::div,
                    "/"
                ),
                Op::Neg => {
                    let a = pop!();
                    match arith::sub(Term::Int(0), a) {
                        Ok(v) => stack.push(v),
                        Err(e) => fail!(e),
                    }
                }
                Op::Not => {
                    let a = pop!();
                    match a {
                        Term::Atom(x) if x == Atom::TRUE => stack.push(Term::FALSE),
                        Term::Atom(x) if x == Atom::FALSE => stack.push(Term::TRUE),
                        _ => fail!(exception::badarg()),
                    }
                }
                Op::CheckBool => {
                    let ok = matches!(stack.last(), Some(Term::Atom(a)) if *a == Atom::TRUE || *a == Atom::FALSE);
                    if !ok {
                        let v = pop!();
                        fail!(exception::bad_boolean("and", v));
                    }
                }
                Op::Eq => {
                    let b = pop!();
                    let a = pop!();
                    stack.push(Term::bool(order::loose_eq(&a, &b)));
                }
                Op::NotEq => {
                    let b = pop!();
                    let a = pop!();
                    stack.push(Term::bool(!order::loose_eq(&a, &b)));
                }
                Op::StrictEq => {
                    let b = pop!();
                    let a = pop!();
                    stack.push(Term::bool(order::strict_eq(&a, &b)));
                }
                Op::StrictNotEq => {
                    let b = pop!();
                    let a = pop!();
                    stack.push(Term::bool(!order::strict_eq(&a, &b)));
                }
                Op::Lt => cmp!(|o: std::cmp::Ordering| o.is_lt()),
                Op::Le => cmp!(|o: std::cmp::Ordering| o.is_le()),
                Op::Gt => cmp!(|o: std::cmp::Ordering| o.is_gt()),
                Op::Ge => cmp!(|o: std::cmp::Ordering| o.is_ge()),
                Op::Concat => binop!(arith::concat),
                Op::ListConcat => binop!(arith::list_concat),
                Op::ListSub => binop!(arith::list_subtract),
                Op::In => binop!(|x, e| natives::member(&e, &x).map(Term::bool)),
                Op::Jump(t) => pc = t as usize,
                Op::Switch { slot, n, default } => {
                    pc = switch_target(&chunk.ops, pc, n, stack.get(base + slot as usize)).unwrap_or(default) as usize;
                }
                Op::SwitchCase { .. } => fail!(exception::runtime_error("internal: a switch entry was executed")),
                Op::JumpIfFalsy(t) => {
                    if !pop!().is_truthy() {
                        pc = t as usize;
                    }
                }
                Op::JumpIfTruthy(t) => {
                    if pop!().is_truthy() {
                        pc = t as usize;
                    }
                }
                Op::JumpUnlessTrue(t) => {
                    if !pop!().is_atom(Atom::TRUE) {
                        pc = t as usize;
                    }
                }
                Op::MatchConst { k, fail } => {
                    let v = pop!();
                    let ok = chunk.consts.get(k as usize).is_some_and(|c| order::strict_eq(c, &v));
                    if !ok {
                        pc = fail as usize;
                    }
                }
                Op::MatchLocal { slot, fail } => {
                    let v = pop!();
                    let ok = stack.get(base + slot as usize).is_some_and(|c| order::strict_eq(c, &v));
                    if !ok {
                        pc = fail as usize;
                    }
                }
                Op::MatchTuple { arity, fail } => match stack.last() {
                    Some(Term::Tuple(t)) if t.len() == arity as usize => {
                        let t = t.clone();
                        stack.pop();
                        stack.extend(t.iter().rev().cloned());
                    }
                    _ => pc = fail as usize,
                },
                Op::MatchCons { fail } => match stack.last() {
                    Some(Term::Cons(c)) => {
                        let c = c.clone();
                        stack.pop();
                        stack.push(c.tail.clone());
                        stack.push(c.head.clone());
                    }
                    _ => pc = fail as usize,
                },
                Op::MatchNil { fail } => {
                    if !matches!(pop!(), Term::Nil) {
                        pc = fail as usize;
                    }
                }
                Op::MatchMap { fail } => {
                    if !matches!(stack.last(), Some(Term::Map(_))) {
                        pc = fail as usize;
                    }
                }
                Op::MatchMapKey { k, fail } => {
                    let found = match (stack.last(), chunk.consts.get(k as usize)) {
                        (Some(Term::Map(m)), Some(key)) => m.get(key).cloned(),
                        _ => None,
                    };
                    match found {
                        Some(v) => stack.push(v),
                        None => pc = fail as usize,
                    }
                }
                Op::MatchMapKeyDyn { fail } => {
                    let key = pop!();
                    let found = match stack.last() {
                        Some(Term::Map(m)) => m.get(&key).cloned(),
                        _ => None,
                    };
                    match found {
                        Some(v) => stack.push(v),
                        None => {
                            stack.push(Term::Nil);
                            pc = fail as usize;
                        }
                    }
                }
                Op::MatchPrefix { k, fail } => {
                    let rest = match (stack.last(), chunk.consts.get(k as usize)) {
                        (Some(Term::Bin(b)), Some(Term::Bin(p))) if b.starts_with(p) => Some(window(b, p.len(), b.len())),
                        _ => None,
                    };
                    match rest {
                        Some(r) => {
                            stack.pop();
                            stack.push(Term::Bin(r));
                        }
                        None => pc = fail as usize,
                    }
                }
                Op::MatchByte { fail } => {
                    let split = match stack.last() {
                        Some(Term::Bin(b)) if !b.is_empty() => Some((b[0], window(b, 1, b.len()))),
                        _ => None,
                    };
                    match split {
                        Some((byte, rest)) => {
                            stack.pop();
                            stack.push(Term::Bin(rest));
                            stack.push(Term::Int(byte as i64));
                        }
                        None => pc = fail as usize,
                    }
                }
                Op::MatchSegment { k, dynamic, fail } => {
                    let Some(Term::Int(packed)) = chunk.consts.get(k as usize) else {
                        fail!(exception::runtime_error("internal: bad segment constant"));
                    };
                    let spec = crate::bitstring::Packed::unpack(*packed);
                    let at = stack.len().saturating_sub(1 + dynamic as usize);
                    let taken = match (stack.get(at), dynamic) {
                        (Some(Term::Bin(b)), false) => spec.take(b, None).map(|(v, n)| (v, window(b, n, b.len()))),
                        (Some(Term::Bin(b)), true) => spec.take(b, stack.last()).map(|(v, n)| (v, window(b, n, b.len()))),
                        _ => None,
                    };
                    match taken {
                        Some((v, rest)) => {
                            stack.truncate(at);
                            stack.push(Term::Bin(rest));
                            stack.push(v);
                        }
                        None => pc = fail as usize,
                    }
                }
                Op::Call { slot, argc } => call_export!(slot, argc, false),
                Op::TailCall { slot, argc } => call_export!(slot, argc, true),
                Op::CallSelf { argc, tail, slot } => {
                    if self.code_reloaded {
                        call_export!(slot, argc, tail)
                    } else {
                        call_self!(argc, tail)
                    }
                }
                Op::CallLocalImm { slot, imm, argc, tail, me, fslot } => match stack.get(base + slot as usize) {
                    Some(&Term::Int(x)) if let Some(r) = x.checked_add(imm as i64) => {
                        stack.push(Term::Int(r));
                        // Past the `SmallInt`, the arithmetic op and the call: the return
                        // address is the op after the call.
                        pc += 3;
                        if me && !self.code_reloaded {
                            call_self!(argc, tail)
                        } else {
                            call_export!(fslot, argc, tail)
                        }
                    }
                    _ => push_local!(slot),
                },
                Op::CallFun { argc } | Op::TailCallFun { argc } => {
                    *reds -= 1;
                    let argc = argc as usize;
                    if matches!(op, Op::TailCallFun { .. }) {
                        let start = stack.len() - argc - 1;
                        close_frame(stack, base, start);
                        self.frames.pop();
                    } else {
                        save!();
                    }
                    let fun = pop!();
                    // The common case, a lambda of the right arity, is set up here as
                    // `call_export!` sets up a call; exported funs, the natives behind them and
                    // errors go through `call_fun`.
                    if let Some((code, env)) = lambda_of(&fun, argc) {
                        let new_base = stack.len().saturating_sub(argc);
                        enter_lambda(stack, &mut self.frames, code, env, new_base)?;
                        chunk = &code.chunk;
                        pc = 0;
                        base = new_base;
                    } else {
                        synced!(self.call_fun(host, fun, argc))?;
                        // A native behind an exported fun pushes its result without a frame.
                        load!();
                    }
                    if *reds <= 0 {
                        save!();
                        return Ok(Outcome::Yield);
                    }
                }
                Op::CallLocalFun { slot, argc } => {
                    let argc = argc as usize;
                    // The closure leaves its local for the frame's set-up (a move, not a copy)
                    // and goes back before anything can look at it.
                    let f = match stack.get_mut(base + slot as usize) {
                        Some(local) => std::mem::replace(local, Term::Nil),
                        None => Term::NIL_ATOM,
                    };
                    match lambda_of(&f, argc) {
                        Some((code, env)) => {
                            *reds -= 1;
                            // The return address is past the `CallFun` behind this op.
                            pc += 1;
                            save!();
                            let new_base = stack.len().saturating_sub(argc);
                            let entered = enter_lambda(stack, &mut self.frames, code, env, new_base);
                            if let Some(local) = stack.get_mut(base + slot as usize) {
                                put(local, f);
                            }
                            entered?;
                            chunk = &code.chunk;
                            pc = 0;
                            base = new_base;
                            if *reds <= 0 {
                                save!();
                                return Ok(Outcome::Yield);
                            }
                        }
                        None => {
                            // Not a lambda of this arity: put it back, push a copy as `Load`
                            // does, and let the `CallFun` deal with it.
                            if let Some(local) = stack.get_mut(base + slot as usize) {
                                put(local, f.clone());
                            }
                            stack.push(f);
                        }
                    }
                }
                Op::CallDyn { k, argc } => {
                    *reds -= 1;
                    let argc = argc as usize;
                    let name = chunk.consts.get(k as usize).and_then(|t| t.as_atom()).unwrap_or(Atom::NIL);
                    let mpos = stack.len() - argc - 1;
                    let module = stack.remove(mpos);
                    let Term::Atom(m) = module else {
                        stack.truncate(mpos);
                        fail!(exception::bad_function(module));
                    };
                    save!();
                    synced!(self.dispatch_mfa(host, m, name, argc))?;
                    load!();
                    if *reds <= 0 {
                        save!();
                        return Ok(Outcome::Yield);
                    }
                }
                Op::Field(k) => {
                    let key = chunk.consts.get(k as usize).cloned().unwrap_or_else(|| Term::NIL_ATOM);
                    let x = pop!();
                    match &x {
                        Term::Map(m) => match m.get(&key) {
                            Some(v) => stack.push(v.clone()),
                            None => fail!(exception::key_error(key, x.clone())),
                        },
                        Term::Atom(m) => {
                            let name = key.as_atom().unwrap_or(Atom::NIL);
                            save!();
                            synced!(self.dispatch_mfa(host, *m, name, 0))?;
                            load!();
                        }
                        _ => fail!(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, x.clone())),
                    }
                }
                Op::Native { id, argc } | Op::NativePop { id, argc } => call_native!(id, argc, matches!(op, Op::NativePop { .. })),
                Op::IntNative { op: iop, id } => {
                    let r = match stack.as_slice() {
                        [.., Term::Int(x), Term::Int(y)] => iop.apply(*x, *y),
                        _ => None,
                    };
                    match r {
                        // The operands are small integers: forgetting the one popped and
                        // overwriting the other frees nothing.
                        Some(r) => {
                            if let Some(b) = stack.pop() {
                                std::mem::forget(b);
                            }
                            if let Some(a) = stack.last_mut() {
                                std::mem::forget(std::mem::replace(a, Term::Int(r)));
                            }
                        }
                        None => call_native!(id, 2, false),
                    }
                }
                Op::Return => {
                    let v = pop!();
                    ret!(v);
                }
                Op::ReturnLocal(s) => {
                    // The local is dropped with the frame anyway: take it instead of cloning.
                    let v = take_local!(s);
                    ret!(v);
                }
                Op::AddLocalImm { slot, imm, ret } => local_imm!(slot, imm, ret, i64::checked_add),
                Op::SubLocalImm { slot, imm, ret } => local_imm!(slot, imm, ret, i64::checked_sub),
                Op::MulLocalImm { slot, imm, ret } => local_imm!(slot, imm, ret, i64::checked_mul),
                // `checked_rem` and `checked_div` refuse a zero divisor (and `MIN / -1`):
                // the native behind then raises or goes to a bignum.
                Op::RemLocalImm { slot, imm, ret } => local_imm!(slot, imm, ret, rem_imm),
                Op::DivLocalImm { slot, imm, ret } => local_imm!(slot, imm, ret, i64::checked_div),
                Op::MatchNilLocal { slot, fail } => match stack.get(base + slot as usize) {
                    Some(Term::Nil) => pc += 1,
                    _ => {
                        pc = landing(chunk, fail as usize, stack.len().saturating_sub(base));
                        // A list recursion's `[h | t]` clause usually comes next, on the same
                        // local: match it here rather than in a dispatch of its own.
                        if let Some(&Op::MatchConsLocalTake { slot: s, head, tail, fail }) = chunk.ops.get(pc)
                            && s == slot
                        {
                            pc += 1;
                            match_cons_take!(slot, head, tail, fail)
                        }
                    }
                },
                Op::MatchConstLocal { slot, k, fail } => {
                    let ok = match (stack.get(base + slot as usize), chunk.consts.get(k as usize)) {
                        (Some(Term::Int(x)), Some(Term::Int(c))) => x == c,
                        (Some(v), Some(c)) => order::strict_eq(c, v),
                        _ => false,
                    };
                    pc = if ok { pc + 1 } else { landing(chunk, fail as usize, stack.len().saturating_sub(base)) };
                }
                Op::MatchTupleLocal { slot, arity, stores, consts, fail } => {
                    let at = base + slot as usize;
                    match stack.get(at) {
                        Some(Term::Tuple(t)) if t.len() == arity as usize => {
                            if stores {
                                // `{nil, nil}`, `{:ok, x}`: constant elements are tested where
                                // they are, before anything is stored; a failed test fails as
                                // a failed fused local match does, to the clause's next
                                // candidate with nothing pushed.
                                if consts && !tuple_consts_hold(chunk, pc + 1, t) {
                                    pc = landing(chunk, fail as usize, stack.len().saturating_sub(base));
                                    continue;
                                }
                                // The tuple stays in its local (the peephole made sure no
                                // store targets it); its reference count is not touched.
                                let tuple = stack.get_mut(at).map(|t| std::mem::replace(t, Term::Nil)).unwrap_or(Term::Nil);
                                if let Term::Tuple(t) = &tuple {
                                    for (k, v) in t.iter().enumerate() {
                                        if let Some(Op::Store(s)) = chunk.ops.get(pc + 1 + k) {
                                            if let Some(d) = stack.get_mut(base + *s as usize) {
                                                put(d, v.clone());
                                            }
                                        }
                                    }
                                }
                                if let Some(home) = stack.get_mut(at) {
                                    *home = tuple;
                                }
                                pc += 1 + arity as usize;
                            } else {
                                let t = t.clone();
                                stack.extend(t.iter().rev().cloned());
                                pc += 1;
                            }
                        }
                        _ => {
                            // What `Load(slot) MatchTuple` leaves on failure: the subject.
                            push_local!(slot);
                            pc = fail as usize;
                        }
                    }
                }
                Op::MatchConsLocal { slot, head, tail, fail } => {
                    let cell = match stack.get(base + slot as usize) {
                        Some(Term::Cons(c)) => Some((c.head.clone(), c.tail.clone())),
                        _ => None,
                    };
                    match (cell, stack.len() > base + head.max(tail) as usize) {
                        (Some((h, t)), true) => {
                            put(&mut stack[base + head as usize], h);
                            put(&mut stack[base + tail as usize], t);
                            pc += 3;
                        }
                        _ => {
                            // What `Load(slot) MatchCons` leaves on failure: the subject.
                            push_local!(slot);
                            pc = fail as usize;
                        }
                    }
                }
                Op::MatchByteLocal { slot, byte, rest, fail } | Op::MatchByteLocalTake { slot, byte, rest, fail } => {
                    let fits = stack.len() > base + byte.max(rest) as usize;
                    match stack.get_mut(base + slot as usize) {
                        Some(local @ Term::Bin(_)) if fits && matches!(&*local, Term::Bin(b) if !b.is_empty()) => {
                            let split = if matches!(op, Op::MatchByteLocalTake { .. }) {
                                match std::mem::replace(local, Term::Nil) {
                                    Term::Bin(b) => b.first().copied().map(|c| (c, crate::term::bytes::after(b, 1))),
                                    _ => None,
                                }
                            } else {
                                match local {
                                    Term::Bin(b) => b.first().copied().map(|c| (c, Process::rest_after_byte(&mut self.last_split, b))),
                                    _ => None,
                                }
                            };
                            if let Some((c, tail)) = split {
                                put(&mut stack[base + byte as usize], Term::Int(c as i64));
                                put(&mut stack[base + rest as usize], Term::Bin(tail));
                            }
                            pc += 3;
                        }
                        _ => {
                            // What `Load(slot) MatchByte` leaves on failure: the subject.
                            push_local!(slot);
                            pc = fail as usize;
                        }
                    }
                }
                Op::CmpTopImm { cmp, imm, ret } => match stack.last_mut() {
                    Some(top) if let Term::Int(x) = *top => {
                        let b = Term::bool(cmp.holds(x, imm as i64));
                        if ret {
                            // The small integer on top goes with the frame.
                            ret!(b);
                        } else {
                            *top = b;
                            pc += 1;
                        }
                    }
                    _ => stack.push(Term::Int(imm as i64)),
                },
                Op::MatchConsLocalTake { slot, head, tail, fail } => match_cons_take!(slot, head, tail, fail),
                Op::CmpLocalsJump { a, b, cmp, target } => match (stack.get(base + a as usize), stack.get(base + b as usize)) {
                    (Some(&Term::Int(x)), Some(&Term::Int(y))) => {
                        pc = if cmp.holds(x, y) { pc + 3 } else { landing(chunk, target as usize, stack.len().saturating_sub(base)) };
                    }
                    _ => push_local!(a),
                },
                Op::CmpLocalImmJump { slot, cmp, imm, target } => match stack.get(base + slot as usize) {
                    Some(&Term::Int(x)) => {
                        if cmp.holds(x, imm as i64) {
                            pc += 3;
                            // A guard whose clause returns a local (`def fib(n) when n < 2,
                            // do: n`) returns here, without a dispatch for the `ReturnLocal`.
                            if let Some(&Op::ReturnLocal(s)) = chunk.ops.get(pc) {
                                let v = take_local!(s);
                                ret!(v);
                            }
                        } else {
                            pc = landing(chunk, target as usize, stack.len().saturating_sub(base));
                        }
                    }
                    _ => push_local!(slot),
                },
                Op::TryBegin { handler } => {
                    self.handlers.push(Handler { frames: self.frames.len() as u32, sp: stack.len() as u32, target: handler, guard: false });
                }
                Op::TryEnd | Op::GuardEnd => {
                    self.handlers.pop();
                }
                Op::GuardBegin { fail } => {
                    self.handlers.push(Handler { frames: self.frames.len() as u32, sp: stack.len() as u32, target: fail, guard: true });
                }
                Op::Reraise => {
                    let st = pop!();
                    let reason = pop!();
                    let kind = pop!().as_atom().unwrap_or(Atom::ERROR);
                    fail!(Exception { kind, reason, stack: st });
                }
                Op::RaiseClause(k) => {
                    let v = pop!();
                    let module = chunk.consts.get(k as usize).and_then(|t| t.as_atom()).unwrap_or(Atom::ELIXIR_MATCH_ERROR);
                    let e = if module == Atom::ELIXIR_COND_CLAUSE_ERROR {
                        Exception::error(exception::exception_struct(module, vec![]))
                    } else {
                        exception::term_error(module, v)
                    };
                    fail!(e);
                }
                Op::FunctionClause => {
                    let args: Vec<Term> = stack[base..base + chunk.arity as usize].to_vec();
                    let e = exception::function_clause(
                        chunk.module.unwrap_or(Atom::NIL),
                        chunk.name.unwrap_or(Atom::intern("-fun-")),
                        chunk.arity,
                        args,
                    );
                    fail!(e);
                }
                Op::DefModule(idx) => {
                    let Some(m) = chunk.modules.get(idx as usize).cloned() else {
                        fail!(exception::runtime_error("internal: bad module index"));
                    };
                    let name = m.name;
                    let result = m.result.clone();
                    code::table().load(m);
                    self.refresh_code();
                    // `{:module, Name, <<binary>>, result}`: the binary stands in for the BEAM
                    // file Elixir returns (vial has none); it starts as one does.
                    let mut beam = b"FOR1\0\0\x06\x08BEAMAtU8".to_vec();
                    beam.resize(64, 0);
                    stack.push(Term::tuple(vec![Term::Atom(Atom::MODULE), Term::Atom(name), Term::bytes(beam), result]));
                }
                // The clause's first pattern op follows the pushed message, or the `Store`
                // and `Load` a `RecvNextKeep` stands for.
                Op::RecvNext { empty } => match self.next_message(host, chunk, pc, pc - 1, reds) {
                    Some(m) => stack.push(m),
                    None => pc = empty as usize,
                },
                Op::RecvNextKeep { slot, empty } => match self.next_message(host, chunk, pc + 2, pc - 1, reds) {
                    Some(m) => {
                        if let Some(local) = stack.get_mut(base + slot as usize) {
                            *local = m.clone();
                        }
                        stack.push(m);
                        pc += 2;
                    }
                    None => pc = empty as usize,
                },
                Op::RecvMarked { slot } => {
                    if let (Some((r, pos)), Some(v)) = (&self.st.recv_mark, stack.get(base + slot as usize)) {
                        if r == v {
                            self.st.cursor = (*pos).min(self.st.mailbox.len());
                        }
                    }
                }
                Op::RecvAccept => {
                    if let Some((_, pos)) = &mut self.st.recv_mark {
                        if *pos > self.st.cursor {
                            *pos -= 1;
                        }
                    }
                    self.st.mailbox.remove(self.st.cursor);
                    self.st.cursor = 0;
                    self.st.recv_deadline = None;
                }
                Op::RecvSkip { next } => {
                    *reds -= 1;
                    self.st.cursor += 1;
                    pc = next as usize;
                }
                Op::RecvWait { retry } => {
                    pc = retry as usize;
                    save!();
                    return Ok(Outcome::Wait(None));
                }
                Op::RecvWaitTimeout { retry, timeout } => {
                    let t = pop!();
                    let ms = match &t {
                        Term::Atom(a) if *a == Atom::INFINITY => None,
                        Term::Int(i) if *i >= 0 => Some(*i as u64),
                        _ => {
                            self.st.cursor = 0;
                            fail!(exception::argument_error(&format!(
                                "timeout value in receive must be an integer >= 0 or :infinity, got: {}",
                                crate::term::inspect::inspect(&t)
                            )));
                        }
                    };
                    match ms {
                        None => {
                            pc = retry as usize;
                            save!();
                            return Ok(Outcome::Wait(None));
                        }
                        Some(ms) => {
                            let now = Instant::now();
                            let deadline = *self.st.recv_deadline.get_or_insert_with(|| now + Duration::from_millis(ms));
                            if ms == 0 || now >= deadline {
                                self.st.cursor = 0;
                                self.st.recv_deadline = None;
                                pc = timeout as usize;
                            } else {
                                pc = retry as usize;
                                save!();
                                return Ok(Outcome::Wait(Some(deadline)));
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `module.name` with `argc` arguments on the stack, by name.
    fn dispatch_mfa(&mut self, host: &dyn Host, module: Atom, name: Atom, argc: usize) -> Result<(), Exception> {
        let mname = crate::compiler::module_display(module);
        if let Some(id) = natives::lookup(mname, name.name(), argc as u32) {
            return self.call_native(host, id, argc);
        }
        self.call_mfa(module, name, argc)
    }

    /// Calls native `id` on the `argc` arguments on top of the stack, leaving its result
    /// there in their place.
    fn call_native(&mut self, host: &dyn Host, id: u16, argc: usize) -> Result<(), Exception> {
        let start = self.stack.len().saturating_sub(argc);
        let r = natives::call(id, &mut self.st, host, &mut self.stack[start..]);
        self.stack.truncate(start);
        match r {
            Ok(v) => {
                self.stack.push(v);
                Ok(())
            }
            Err(flow) => self.flow(host, flow),
        }
    }

    /// Carries out a native's control request.
    fn flow(&mut self, host: &dyn Host, flow: Flow) -> Result<(), Exception> {
        match flow {
            Flow::Raise(e) => Err(e),
            Flow::Apply(fun, args) => {
                let argc = args.len();
                self.stack.extend(args);
                self.call_fun(host, fun, argc)
            }
            Flow::ApplyMfa(m, f, args) => {
                let argc = args.len();
                self.stack.extend(args);
                self.dispatch_mfa(host, m, f, argc)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rem_imm;

    #[test]
    fn rem_by_a_power_of_two_matches_the_division() {
        for m in [1i64, 2, 4, 8, 1024, 1 << 40, 3, 10, -2, -8, 7] {
            for x in [0i64, 1, -1, 2, -2, 3, -3, 5, -5, 1023, -1025, i64::MAX, i64::MIN, i64::MIN + 1] {
                assert_eq!(rem_imm(x, m), x.checked_rem(m), "rem({x}, {m})");
            }
        }
        assert_eq!(rem_imm(5, 0), None);
    }
}
