//! The process runtime: the process table, message delivery, links, monitors, the name
//! registry, timers, and the work-stealing schedulers that run processes preemptively.
//!
//! Each process is a [`Slot`]: a small shared header (inbox, state, links) plus the VM
//! state in a `Box<Process>` that only the worker currently running it touches. A process
//! is in exactly one of four states — waiting, queued, running, exited — and moves between
//! them with atomic compare-and-swap, so a send never takes a global lock: it finds the
//! receiver under one table shard's shared lock, locks only the receiver's inbox, and wakes
//! the receiver if (and only if) it was waiting, onto the sending scheduler's own run queue.

mod relations;
mod scheduler;
mod timers;

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crossbeam_utils::atomic::AtomicCell;

use crate::term::inspect::inspect;
use crate::term::{Atom, Pid, Term};
use relations::Relation;
use crate::vm::exception::{self, Exception};
use crate::vm::natives::HostOp;
use crate::vm::{Host, Process};

pub use scheduler::run_program;

/// What the shell process tells the REPL driver.
#[derive(Debug)]
pub enum ReplEvent {
    /// An evaluation finished: `{:ok, {value, bindings}}` or `{:error, kind, reason, stack}`.
    Done(Term),
    /// The shell process died (killed through a link, or by an exit signal).
    ShellDied(Pid, Term),
}

/// Compiles and loads a file for `c/1`, returning the modules it defined. Set by the
/// library, since the runtime does not depend on the compiler.
pub type CompileFileHook = fn(&str) -> Result<Vec<Atom>, String>;

const WAITING: u8 = 0;
const QUEUED: u8 = 1;
const RUNNING: u8 = 2;
const EXITED: u8 = 3;

/// The process table is split into this many independently locked shards so that
/// spawns and sends on different cores rarely contend for the same lock.
const TABLE_SHARDS: usize = 64;

/// Hashes the process table's `u64` keys (pids) with one folded multiply instead of the
/// standard library's SipHash, which is built to resist chosen keys and showed up at several
/// per cent of a message hop; pids are handed out by the runtime, not chosen by programs.
#[derive(Default, Clone, Copy)]
struct PidHasher(u64);

impl std::hash::Hasher for PidHasher {
    fn finish(&self) -> u64 {
        // Both halves of the 128-bit product: the low bits (the bucket index) then depend on
        // every bit of the pid, not only on its low ones (a shard's pids share those).
        let full = u128::from(self.0) * 0x9E37_79B9_7F4A_7C15u128;
        (full as u64) ^ ((full >> 64) as u64)
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(5) ^ n;
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(5) ^ u64::from(*b);
        }
    }
}

type ProcessMap = HashMap<u64, Arc<Slot>, std::hash::BuildHasherDefault<PidHasher>>;

/// A process's incoming messages, not yet fetched into its own mailbox.
#[derive(Default)]
struct Inbox {
    queue: Mutex<VecDeque<Term>>,
    /// How many messages `queue` holds, written under its lock and read without it: the
    /// owner skips the lock when nothing has arrived, and checks this after publishing
    /// WAITING (senders store it SeqCst before they look at the state, so either the owner
    /// sees the message or the sender sees WAITING and wakes it).
    len: AtomicUsize,
}

impl Inbox {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Term>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, msg: Term) {
        let mut q = self.lock();
        q.push_back(msg);
        self.len.store(q.len(), Ordering::SeqCst);
    }

    fn is_empty(&self) -> bool {
        self.len.load(Ordering::SeqCst) == 0
    }

    /// Moves the messages that have arrived behind the ones `mailbox` already holds.
    fn take_into(&self, mailbox: &mut VecDeque<Term>) {
        // A message being pushed right now may be missed; the owner finds it at its next
        // fetch or, if it goes on to wait, by the check after publishing WAITING.
        if self.len.load(Ordering::Acquire) == 0 {
            return;
        }
        let mut q = self.lock();
        if mailbox.is_empty() {
            // The usual case (everything received so far was accepted): trading buffers
            // copies nothing, and senders go on to fill the emptied one, which keeps its
            // capacity.
            std::mem::swap(mailbox, &mut *q);
        } else {
            mailbox.append(&mut q);
        }
        // Release suffices: the reset is ordered before any later push by the lock.
        self.len.store(0, Ordering::Release);
    }

    fn clear(&self) {
        let mut q = self.lock();
        q.clear();
        self.len.store(0, Ordering::Release);
    }
}

/// What a process's header holds besides its VM state.
#[derive(Default)]
struct Meta {
    links: Relation<Pid, ()>,
    /// Monitors this process holds on others: reference number → target.
    monitoring: Relation<u64, Pid>,
    /// Monitors others hold on this process: reference number → watcher.
    monitored_by: Relation<u64, Pid>,
    /// For monitors this process set up by registered name: reference number → the
    /// `{name, node}` its `:DOWN` names instead of the pid, as the BEAM reports it.
    monitor_names: HashMap<u64, Term>,
    name: Option<Atom>,
    trap_exit: bool,
    /// An exit signal that must kill the process at its next scheduling point.
    pending_exit: Option<Term>,
}

pub struct Slot {
    pub pid: Pid,
    state: AtomicU8,
    inbox: Inbox,
    meta: Mutex<Meta>,
    /// Messages the process has fetched from its inbox but not yet received, as of its last
    /// time slice (`Process.info/2`'s `:message_queue_len` counts them too).
    pub(crate) fetched: AtomicUsize,
    /// Set (under the header lock) whenever `Meta::pending_exit` is, so that a worker can
    /// check for a signal at every scheduling point without taking that lock.
    signalled: AtomicBool,
    /// The VM state; `None` while a worker runs it or after exit. Only the worker that moved
    /// the state to RUNNING takes it and puts it back, so this needs no lock: one atomic
    /// swap each way hands it over (the state's compare-and-swap orders the hand-offs).
    proc: AtomicCell<Option<Box<Process>>>,
    /// The deadline of the process's current `receive … after` and of its entry in the
    /// timer map, read and written without the timers' lock (see `timers`).
    timer: timers::WakeTimer,
}

// The hand-over must be a single atomic instruction: were it not, `AtomicCell` would fall
// back to a global table of locks, shared by every process.
const _: () = assert!(AtomicCell::<Option<Box<Process>>>::is_lock_free());

impl Slot {
    fn new(pid: Pid, meta: Meta, proc: Box<Process>) -> Slot {
        Slot {
            pid,
            state: AtomicU8::new(QUEUED),
            inbox: Inbox::default(),
            meta: Mutex::new(meta),
            fetched: AtomicUsize::new(0),
            signalled: AtomicBool::new(false),
            proc: AtomicCell::new(Some(proc)),
            timer: timers::WakeTimer::default(),
        }
    }
    /// Takes the exit signal waiting for this process, if any.
    fn take_pending_exit(&self) -> Option<Term> {
        if !self.signalled.load(Ordering::SeqCst) {
            return None;
        }
        let mut meta = self.lock_meta();
        self.signalled.store(false, Ordering::Relaxed);
        meta.pending_exit.take()
    }
    fn lock_meta(&self) -> std::sync::MutexGuard<'_, Meta> {
        self.meta.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How the program behaves when a process crashes: scripts print reports to stderr, the
/// REPL restarts its shell process.
pub struct Runtime {
    shards: Vec<RwLock<ProcessMap>>,
    next_pid: AtomicU64,
    next_ref: AtomicU64,
    names: Mutex<HashMap<Atom, Pid>>,
    pub sched: scheduler::Scheduler,
    timers: timers::Timers,
    /// The process whose end ends the program (the script's main process).
    main: AtomicU64,
    pub exit_code: AtomicI32,
    pub halted: AtomicBool,
    /// Set when an exit signal is about to kill the main process: the program ends at once,
    /// so crash reports still in flight are not printed (as with `elixir`).
    main_dying: AtomicBool,
    pub argv: Arc<Vec<String>>,
    out: Mutex<std::io::Stdout>,
    /// The REPL's shell process and the channel to its driver, when running interactively.
    pub shell: AtomicU64,
    pub repl: Mutex<Option<std::sync::mpsc::Sender<ReplEvent>>>,
    pub compile_file: std::sync::OnceLock<CompileFileHook>,
}

impl Runtime {
    pub fn new(schedulers: usize, argv: Vec<String>) -> Arc<Runtime> {
        let rt = Arc::new(Runtime {
            shards: (0..TABLE_SHARDS).map(|_| RwLock::new(ProcessMap::default())).collect(),
            next_pid: AtomicU64::new(1),
            next_ref: AtomicU64::new(1),
            names: Mutex::new(HashMap::new()),
            sched: scheduler::Scheduler::new(schedulers.max(1)),
            timers: timers::Timers::default(),
            main: AtomicU64::new(0),
            exit_code: AtomicI32::new(0),
            halted: AtomicBool::new(false),
            main_dying: AtomicBool::new(false),
            argv: Arc::new(argv),
            out: Mutex::new(std::io::stdout()),
            shell: AtomicU64::new(0),
            repl: Mutex::new(None),
            compile_file: std::sync::OnceLock::new(),
        });
        let t = rt.clone();
        std::thread::spawn(move || timers::timer_loop(t));
        rt
    }

    fn shard(&self, pid: Pid) -> &RwLock<ProcessMap> {
        &self.shards[(pid.0 as usize) % TABLE_SHARDS]
    }

    pub(crate) fn slot(&self, pid: Pid) -> Option<Arc<Slot>> {
        self.shard(pid).read().unwrap_or_else(|e| e.into_inner()).get(&pid.0).cloned()
    }

    fn new_ref(&self) -> Term {
        Term::Ref(self.new_ref_id())
    }

    fn new_ref_id(&self) -> u64 {
        self.next_ref.fetch_add(1, Ordering::Relaxed)
    }

    /// Creates a process around `proc` and makes it runnable.
    pub fn add_process(self: &Arc<Self>, make: impl FnOnce(Pid) -> Box<Process>) -> Pid {
        let pid = Pid(self.next_pid.fetch_add(1, Ordering::Relaxed));
        let slot = Arc::new(Slot::new(pid, Meta::default(), make(pid)));
        self.shard(pid).write().unwrap_or_else(|e| e.into_inner()).insert(pid.0, slot.clone());
        self.sched.schedule(slot);
        pid
    }

    pub fn set_main(&self, pid: Pid) {
        self.main.store(pid.0, Ordering::SeqCst);
    }

    /// Makes a waiting process runnable (no-op if it is queued, running or gone).
    fn wake(&self, slot: &Arc<Slot>) {
        if slot.state.compare_exchange(WAITING, QUEUED, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            self.sched.schedule(slot.clone());
        }
    }

    fn deliver(&self, to: Pid, msg: Term) {
        // Done under the table's read lock, so that the receiver's header is cloned only
        // when it has to be queued (the lock is never held while a table lock is taken).
        let woken = {
            let shard = self.shard(to).read().unwrap_or_else(|e| e.into_inner());
            let Some(slot) = shard.get(&to.0) else { return };
            if slot.state.load(Ordering::SeqCst) == EXITED {
                return;
            }
            slot.inbox.push(msg);
            let woke = slot.state.compare_exchange(WAITING, QUEUED, Ordering::SeqCst, Ordering::SeqCst).is_ok();
            woke.then(|| slot.clone())
        };
        if let Some(slot) = woken {
            self.sched.schedule(slot);
        }
    }

    /// Sends an exit signal `reason` from `from` to `to` (a link or `Process.exit/2`).
    fn exit_signal(&self, from: Pid, to: Pid, reason: Term, via_link: bool) {
        let Some(slot) = self.slot(to) else { return };
        let kill = !via_link && reason.is_atom(Atom::KILL);
        let deliver_msg;
        {
            let mut meta = slot.lock_meta();
            if via_link && !meta.links.contains(&from) {
                return;
            }
            if meta.trap_exit && !kill {
                deliver_msg = true;
            } else if reason.is_atom(Atom::NORMAL) && (via_link || from != to) {
                // A normal exit signal is ignored by a process that does not trap exits
                // (unless a process sends it to itself).
                return;
            } else {
                let r = if kill { Term::Atom(Atom::KILLED) } else { reason.clone() };
                meta.pending_exit = Some(r);
                // SeqCst, as the state change below: a worker about to wait stores WAITING and
                // then checks this flag, so either it sees the flag or we see WAITING.
                slot.signalled.store(true, Ordering::SeqCst);
                if to.0 == self.main.load(Ordering::SeqCst) {
                    self.main_dying.store(true, Ordering::SeqCst);
                }
                deliver_msg = false;
            }
        }
        if deliver_msg {
            self.deliver(to, Term::tuple(vec![Term::Atom(Atom::EXIT), Term::Pid(from), reason]));
        } else {
            // A waiting process is killed now; a queued or running one at its next
            // scheduling point (the worker checks `pending_exit`).
            if slot.state.compare_exchange(WAITING, QUEUED, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                self.sched.schedule(slot);
            }
        }
    }

    /// Tears a finished process down: links, monitors, name, and the crash report.
    pub(crate) fn process_exited(&self, slot: &Arc<Slot>, reason: Term, report: Option<String>) {
        let pid = slot.pid;
        // EXITED is published under the header lock, in the same critical section that
        // takes the links and monitors: a concurrent monitor or link either lands before
        // (and is honoured below) or sees EXITED (and takes the `:noproc` path).
        let meta = {
            let mut m = slot.lock_meta();
            slot.state.store(EXITED, Ordering::SeqCst);
            std::mem::take(&mut *m)
        };
        if let Some(n) = meta.name {
            let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
            if names.get(&n) == Some(&pid) {
                names.remove(&n);
            }
        }
        self.shard(pid).write().unwrap_or_else(|e| e.into_inner()).remove(&pid.0);
        slot.inbox.clear();
        // Its wake-up timer would otherwise stay in the timer map until its deadline.
        self.timers.disarm(slot);
        let is_main = pid.0 == self.main.load(Ordering::SeqCst);
        if pid.0 == self.shell.load(Ordering::SeqCst) {
            if let Some(tx) = self.repl.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                let _ = tx.send(ReplEvent::ShellDied(pid, reason.clone()));
            }
        }
        for (r, target) in meta.monitoring.entries() {
            if let Some(t) = self.slot(target) {
                t.lock_meta().monitored_by.remove(&r);
            }
        }
        for (r, watcher) in meta.monitored_by.entries() {
            let Some(w) = self.slot(watcher) else { continue };
            // The `:DOWN` goes out only if the watcher still holds the monitor, and lands in
            // its inbox before its header lock is released: a concurrent
            // `demonitor(ref, [:flush])` either removes the monitor first (no message) or
            // finds the message in the inbox and flushes it.
            let delivered = {
                let mut wm = w.lock_meta();
                let held = wm.monitoring.remove(&r).is_some();
                let object = wm.monitor_names.remove(&r).unwrap_or(Term::Pid(pid));
                if held && w.state.load(Ordering::SeqCst) != EXITED {
                    let down = Term::tuple(vec![Term::Atom(Atom::DOWN), Term::Ref(r), Term::Atom(Atom::PROCESS), object, reason.clone()]);
                    w.inbox.push(down);
                }
                held
            };
            if delivered {
                self.wake(&w);
            }
        }
        for (l, ()) in meta.links.entries() {
            // Signal first (the receiver checks the link still exists), then unlink.
            self.exit_signal(pid, l, reason.clone(), true);
            if let Some(other) = self.slot(l) {
                other.lock_meta().links.remove(&pid);
            }
        }
        if is_main {
            return;
        }
        if let Some(text) = report {
            // Elixir's logger writes reports to standard output.
            if !self.halted.load(Ordering::SeqCst) && !self.main_dying.load(Ordering::SeqCst) {
                self.write_out(text.as_bytes());
            }
        }
    }

    fn write(&self, bytes: &[u8], err: bool) {
        if err {
            let mut e = std::io::stderr().lock();
            let _ = e.write_all(bytes);
            let _ = e.flush();
        } else {
            let out = self.out.lock().unwrap_or_else(|e| e.into_inner());
            let mut o = out.lock();
            let _ = o.write_all(bytes);
            let _ = o.flush();
        }
    }

    /// Stops the whole program with `code` (the main process ended, or `System.halt`).
    pub fn halt(&self, code: i32) {
        if !self.halted.swap(true, Ordering::SeqCst) {
            self.exit_code.store(code, Ordering::SeqCst);
        }
        self.sched.shutdown();
    }
}

/// The time of day for log lines, `HH:MM:SS.mmm` (UTC).
fn timestamp() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let ms = now.as_millis() % 86_400_000;
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000)
}

/// A logger entry as Elixir's console backend prints it: a blank line, the time, the level.
pub fn log_line(msg: &str) -> String {
    format!("\n{} [error] {}\n", timestamp(), msg)
}

/// An uncaught throw is reported as the `ErlangError` Elixir wraps it in.
fn normalize_throw(e: &Exception) -> Exception {
    if e.kind == Atom::THROW {
        let original = Term::tuple(vec![Term::Atom(Atom::intern("nocatch")), e.reason.clone()]);
        return Exception::error(exception::erlang_error_struct(original));
    }
    e.clone()
}

/// The exit reason of an uncaught exception, as the BEAM forms it.
pub fn exit_reason(e: &Exception) -> Term {
    match e.kind.name() {
        "exit" => e.reason.clone(),
        "throw" => Term::tuple(vec![Term::tuple(vec![Term::Atom(Atom::intern("nocatch")), e.reason.clone()]), e.stack.clone()]),
        _ => Term::tuple(vec![exception::raw_error(&e.reason), e.stack.clone()]),
    }
}

/// Stack-trace lines as Elixir prints them under an error.
pub fn format_stack(stack: &Term) -> String {
    let mut out = String::new();
    for entry in stack.list_iter() {
        let Term::Tuple(t) = entry else { continue };
        if t.len() != 4 {
            continue;
        }
        let module = &t[0];
        let fun = t[1].as_atom().map(|a| a.name()).unwrap_or("?");
        let arity = &t[2];
        let (mut file, mut line) = (String::from("nofile"), 0i64);
        for kv in t[3].list_iter() {
            if let Term::Tuple(p) = kv {
                match (p.first().and_then(|k| k.as_atom()).map(|a| a.name()), p.get(1)) {
                    (Some("file"), Some(Term::Bin(b))) => file = String::from_utf8_lossy(b).into_owned(),
                    (Some("line"), Some(Term::Int(l))) => line = *l,
                    _ => {}
                }
            }
        }
        if let Term::Nil | Term::Cons(_) = arity {
            // A failed call recorded with its arguments: `Mod.fun(arg, …)`.
            let args: Vec<String> = arity.list_iter().map(inspect).collect();
            out.push_str(&format!("    {}.{}({})\n", inspect(module), fun, args.join(", ")));
            continue;
        }
        let what = if module.is_atom(Atom::NIL) {
            if fun == "__script__" { "(file)".to_string() } else { format!("anonymous fn/{} in (file)", inspect(arity)) }
        } else if fun == "-fun-" {
            format!("anonymous fn/{} in {}", inspect(arity), inspect(module))
        } else {
            format!("{}.{}/{}", inspect(module), fun, inspect(arity))
        };
        out.push_str(&format!("    {file}:{line}: {what}\n"));
    }
    out
}

/// The `[error] Process … raised an exception` report for a crash, or `None` when the
/// exit is one Elixir does not report (`exit/1`, normal ends).
fn crash_report(pid: Pid, e: &Exception) -> Option<String> {
    if e.kind.name() == "exit" {
        return None;
    }
    let mut msg = format!("Process {} raised an exception\n{}", inspect(&Term::Pid(pid)), exception::format_banner_plain(&normalize_throw(e)));
    let stack = format_stack(&e.stack);
    if !stack.is_empty() {
        msg.push('\n');
        msg.push_str(stack.trim_end_matches('\n'));
    }
    Some(log_line(&msg))
}

impl Host for Runtime {
    fn fetch_messages(&self, me: Pid, mailbox: &mut VecDeque<Term>) {
        if self.sched.with_current(me, |slot| slot.inbox.take_into(mailbox)).is_some() {
            return;
        }
        if let Some(slot) = self.slot(me) {
            slot.inbox.take_into(mailbox);
        }
    }

    fn send(&self, _from: Pid, to: Pid, msg: Term) {
        self.deliver(to, msg);
    }

    fn whereis(&self, name: Atom) -> Option<Pid> {
        self.names.lock().unwrap_or_else(|e| e.into_inner()).get(&name).copied()
    }

    fn spawn(&self, parent: Pid, fun: Term, link: bool, monitor: bool) -> (Pid, Option<Term>) {
        let pid = Pid(self.next_pid.fetch_add(1, Ordering::Relaxed));
        let mut proc = Box::new(Process::new(pid));
        let (fun, args) = match &fun {
            // `spawn(M, f, args)` arrives as {:__mfa__, m, f, args}.
            Term::Tuple(t) if t.len() == 4 && t[0].is_atom(Atom::intern("__mfa__")) => (
                crate::vm::natives::export_fun(
                    t[1].as_atom().unwrap_or(Atom::NIL),
                    t[2].as_atom().unwrap_or(Atom::NIL),
                    t[3].list_iter().count() as u32,
                ),
                t[3].list_to_vec().unwrap_or_default(),
            ),
            _ => (fun, vec![]),
        };
        let mut meta = Meta::default();
        let mut mref = None;
        if link {
            meta.links.insert(parent, ());
        }
        if monitor {
            let r = self.new_ref_id();
            meta.monitored_by.insert(r, parent);
            mref = Some(r);
        }
        let start_err = proc.start_fun(self, fun, args).err();
        let slot = Arc::new(Slot::new(pid, meta, proc));
        self.shard(pid).write().unwrap_or_else(|e| e.into_inner()).insert(pid.0, slot.clone());
        if let Some(p) = self.slot(parent) {
            let mut m = p.lock_meta();
            if link {
                m.links.insert(pid, ());
            }
            if let Some(r) = mref {
                m.monitoring.insert(r, pid);
            }
        }
        match start_err {
            None => self.sched.schedule(slot),
            Some(e) => {
                let report = crash_report(pid, &e);
                self.process_exited(&slot, exit_reason(&e), report);
            }
        }
        (pid, mref.map(Term::Ref))
    }

    fn call(&self, me: Pid, op: HostOp) -> Result<Term, Exception> {
        match op {
            HostOp::MakeRef => Ok(self.new_ref()),
            HostOp::Argv => Ok(Term::list(self.argv.iter().map(|s| Term::str(s)).collect())),
            HostOp::Link(other) => {
                if other == me {
                    return Ok(Term::TRUE);
                }
                // Our side first, so that if `other` dies right after linking back, its exit
                // signal finds the link.
                if let Some(s) = self.slot(me) {
                    let mut sm = s.lock_meta();
                    sm.links.insert(other, ());
                }
                let linked = self.slot(other).is_some_and(|o| {
                    let mut om = o.lock_meta();
                    if o.state.load(Ordering::SeqCst) == EXITED {
                        return false;
                    }
                    om.links.insert(me, ());
                    true
                });
                match linked {
                    true => Ok(Term::TRUE),
                    false => {
                        if let Some(s) = self.slot(me) {
                            s.lock_meta().links.remove(&other);
                        }
                        // Linking to a dead process: a trapping caller gets {:EXIT, pid, :noproc};
                        // otherwise it dies with :noproc.
                        let trapping = self.slot(me).is_some_and(|s| s.lock_meta().trap_exit);
                        if trapping {
                            self.deliver(me, Term::tuple(vec![Term::Atom(Atom::EXIT), Term::Pid(other), Term::Atom(Atom::NOPROC)]));
                            Ok(Term::TRUE)
                        } else {
                            Err(Exception::exit(Term::Atom(Atom::NOPROC)))
                        }
                    }
                }
            }
            HostOp::Unlink(other) => {
                if let Some(o) = self.slot(other) {
                    o.lock_meta().links.remove(&me);
                }
                if let Some(s) = self.slot(me) {
                    s.lock_meta().links.remove(&other);
                }
                Ok(Term::TRUE)
            }
            HostOp::Monitor(target) => {
                let rid = self.new_ref_id();
                let r = Term::Ref(rid);
                // A monitor by name (`:worker` or `{:worker, node}`) reports `{name, node}` in
                // its `:DOWN`, whether the process later exits or was never there.
                let local = Term::Atom(Atom::intern("nonode@nohost"));
                let (pid, named) = match &target {
                    Term::Pid(p) => (Some(*p), None),
                    Term::Atom(n) => (self.whereis(*n), Some(Term::tuple(vec![target.clone(), local]))),
                    Term::Tuple(t) if t.len() == 2 && t.get(1) == Some(&local) => match t.first() {
                        Some(Term::Atom(n)) => (self.whereis(*n), Some(target.clone())),
                        _ => return Err(exception::badarg()),
                    },
                    _ => return Err(exception::badarg()),
                };
                // The watcher's side first: a target dying right after it is registered must
                // find the monitor there to send `:DOWN` (see `process_exited`).
                let me_slot = self.slot(me);
                if let (Some(s), Some(p)) = (&me_slot, pid) {
                    let mut m = s.lock_meta();
                    m.monitoring.insert(rid, p);
                    if let Some(obj) = &named {
                        m.monitor_names.insert(rid, obj.clone());
                    }
                }
                // The target's side is checked under its header lock, where EXITED is decided.
                let target_slot = pid.and_then(|p| self.slot(p)).filter(|t| {
                    let mut tm = t.lock_meta();
                    if t.state.load(Ordering::SeqCst) == EXITED {
                        return false;
                    }
                    tm.monitored_by.insert(rid, me);
                    true
                });
                match target_slot {
                    Some(_) => {}
                    None => {
                        if let Some(s) = &me_slot {
                            let mut m = s.lock_meta();
                            m.monitoring.remove(&rid);
                            m.monitor_names.remove(&rid);
                        }
                        let who = match (named, pid) {
                            (Some(obj), _) => obj,
                            (None, Some(p)) => Term::Pid(p),
                            (None, None) => return Err(exception::badarg()),
                        };
                        self.deliver(me, Term::tuple(vec![Term::Atom(Atom::DOWN), r.clone(), Term::Atom(Atom::PROCESS), who, Term::Atom(Atom::NOPROC)]));
                    }
                }
                Ok(r)
            }
            HostOp::Demonitor(r, _flush) => {
                let mut found = false;
                if let Some(s) = self.slot(me) {
                    let target = {
                        let mut m = s.lock_meta();
                        match r {
                            Term::Ref(rid) => {
                                m.monitor_names.remove(&rid);
                                m.monitoring.remove(&rid)
                            }
                            _ => None,
                        }
                    };
                    found = target.is_some();
                    if let Some(t) = target.and_then(|p| self.slot(p)) {
                        if let Term::Ref(rid) = r {
                            t.lock_meta().monitored_by.remove(&rid);
                        }
                    }
                }
                Ok(Term::bool(found))
            }
            HostOp::Register(name, pid) => {
                let slot = self.slot(pid);
                let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                // The name is set under the process's header lock, where EXITED is decided.
                let registered = name != Atom::UNDEFINED
                    && !names.contains_key(&name)
                    && slot.as_ref().is_some_and(|s| {
                        let mut m = s.lock_meta();
                        if s.state.load(Ordering::SeqCst) == EXITED || m.name.is_some() {
                            return false;
                        }
                        m.name = Some(name);
                        true
                    });
                let Some(_) = slot.filter(|_| registered) else {
                    // The BEAM cannot tell which of the three went wrong, and neither can Elixir.
                    return Err(exception::argument_error(&format!(
                        "could not register {} with name {} because it is not alive, the name is already taken, or it has already been given another name",
                        inspect(&Term::Pid(pid)),
                        inspect(&Term::Atom(name))
                    )));
                };
                names.insert(name, pid);
                Ok(Term::TRUE)
            }
            HostOp::Unregister(name) => {
                let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                match names.remove(&name) {
                    Some(p) => {
                        if let Some(s) = self.slot(p) {
                            s.lock_meta().name = None;
                        }
                        Ok(Term::TRUE)
                    }
                    None => Err(exception::argument_error("errors were found at the given arguments:\n\n  * 1st argument: not a pid\n")),
                }
            }
            HostOp::Registered => {
                let names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                Ok(Term::list(names.keys().map(|a| Term::Atom(*a)).collect()))
            }
            HostOp::Exit(pid, reason) => {
                if pid == me && !reason.is_atom(Atom::KILL) {
                    let trapping = self.slot(me).is_some_and(|s| s.lock_meta().trap_exit);
                    if !trapping {
                        // Exiting oneself takes effect immediately, as `exit/1` does.
                        return Err(Exception::exit(reason));
                    }
                }
                if pid == me && reason.is_atom(Atom::KILL) {
                    return Err(Exception::exit(Term::Atom(Atom::KILLED)));
                }
                self.exit_signal(me, pid, reason, false);
                Ok(Term::TRUE)
            }
            // A process with an exit signal pending is as good as dead: on the BEAM the signal
            // would have been applied before `is_process_alive` answers.
            HostOp::Alive(pid) => Ok(Term::bool(
                self.slot(pid).is_some_and(|s| s.state.load(Ordering::SeqCst) != EXITED && s.lock_meta().pending_exit.is_none()),
            )),
            HostOp::Info(pid, key) => Ok(self.info(me, pid, key)),
            HostOp::List => {
                let mut pids: Vec<u64> = Vec::new();
                for s in &self.shards {
                    pids.extend(s.read().unwrap_or_else(|e| e.into_inner()).keys().copied());
                }
                pids.sort_unstable();
                Ok(Term::list(pids.into_iter().map(|p| Term::Pid(Pid(p))).collect()))
            }
            HostOp::SendAfter(dest, msg, ms) => {
                let r = self.new_ref();
                let to = match &dest {
                    Term::Pid(p) => *p,
                    Term::Atom(n) => self.whereis(*n).unwrap_or(Pid(0)),
                    _ => return Err(exception::badarg()),
                };
                self.timers.send_after(to, msg, r.clone(), ms);
                Ok(r)
            }
            HostOp::ReadTimer(r) => Ok(match self.timers.remaining(&r) {
                Some(ms) => Term::Int(ms as i64),
                None => Term::FALSE,
            }),
            HostOp::CancelTimer(r) => Ok(match self.timers.cancel(&r) {
                Some(ms) => Term::Int(ms as i64),
                None => Term::FALSE,
            }),
            HostOp::TrapExit(on) => {
                if let Some(s) = self.slot(me) {
                    s.lock_meta().trap_exit = on;
                }
                Ok(Term::OK)
            }
            HostOp::ReplDone(result) => {
                if let Some(tx) = self.repl.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                    let _ = tx.send(ReplEvent::Done(result));
                }
                Ok(Term::OK)
            }
            HostOp::CompileFile(path) => match self.compile_file.get() {
                Some(hook) => match hook(&path) {
                    Ok(mods) => Ok(Term::list(mods.into_iter().map(Term::Atom).collect())),
                    Err(report) => {
                        self.write_out(report.as_bytes());
                        Err(exception::exception_struct_error("CompileError", "compile error"))
                    }
                },
                None => Err(exception::runtime_error("c/1 is only available in the shell")),
            },
            HostOp::Halt(code) => {
                self.halt(code);
                Err(Exception::exit(Term::Atom(Atom::intern("halt"))))
            }
        }
    }

    fn write_out(&self, bytes: &[u8]) {
        self.write(bytes, false);
    }

    fn write_err(&self, bytes: &[u8]) {
        self.write(bytes, true);
    }
}

impl Runtime {
    /// `Process.info/1,2`. Details of the process's own VM state are only visible to the
    /// process itself (others see what the shared header knows).
    fn info(&self, me: Pid, pid: Pid, key: Option<Atom>) -> Term {
        let Some(slot) = self.slot(pid).filter(|s| s.state.load(Ordering::SeqCst) != EXITED) else {
            return Term::NIL_ATOM;
        };
        let (links, name, trap) = {
            let m = slot.lock_meta();
            (m.links.entries(), m.name, m.trap_exit)
        };
        let queue = slot.inbox.lock().len() + slot.fetched.load(Ordering::Relaxed);
        let status = match slot.state.load(Ordering::SeqCst) {
            WAITING => "waiting",
            RUNNING => "running",
            _ => "runnable",
        };
        let status = if pid == me { "running" } else { status };
        let pair = |k: &str, v: Term| Term::tuple(vec![Term::Atom(Atom::intern(k)), v]);
        let items: Vec<(&str, Term)> = vec![
            ("registered_name", name.map(Term::Atom).unwrap_or(Term::Nil)),
            ("status", Term::Atom(Atom::intern(status))),
            ("message_queue_len", Term::Int(queue as i64)),
            ("links", Term::list(links.iter().map(|(p, ())| Term::Pid(*p)).collect())),
            ("dictionary", Term::Nil),
            ("trap_exit", Term::bool(trap)),
            ("priority", Term::Atom(Atom::intern("normal"))),
            ("reductions", Term::Int(0)),
            ("memory", Term::Int(std::mem::size_of::<Process>() as i64)),
        ];
        match key {
            None => Term::list(items.into_iter().filter(|(k, v)| !(*k == "registered_name" && matches!(v, Term::Nil))).map(|(k, v)| pair(k, v)).collect()),
            Some(k) if k.name() == "messages" => pair("messages", Term::list(slot.inbox.lock().iter().cloned().collect())),
            Some(k) => match items.into_iter().find(|(n, _)| *n == k.name()) {
                Some((n, v)) => pair(n, v),
                None => Term::NIL_ATOM,
            },
        }
    }
}
