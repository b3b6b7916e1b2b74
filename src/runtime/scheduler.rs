//! The schedulers: one OS thread per core, each with a crossbeam-deque `Worker` (its local
//! run queue), a shared `Injector`, and stealing from the others when idle.
//!
//! As on the BEAM, a process made runnable by code running on a scheduler thread (a message
//! to a waiting process, a spawn, an exit signal) goes onto that thread's local queue: the
//! sender usually waits in `receive` right after, and the same thread then runs the receiver
//! with no hand-off between threads. Preempted processes go to the back of the same queue, so
//! each scheduler runs its processes round-robin. Only wake-ups from other threads (the timer
//! thread, the REPL) go through the `Injector`, which every scheduler serves first.
//!
//! A scheduler with nothing to run steals from the other local queues, looks again for about
//! ten microseconds, then parks on a condition variable (no open-ended spinning). A parked
//! one is woken only when a queue holds more than the process its owner runs next, so a
//! ping-pong stays on one thread while spawn-heavy or parallel work spreads by stealing.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use super::{crash_report, exit_reason, Runtime, Slot, EXITED, QUEUED, RUNNING, WAITING};
use crate::term::{Pid, Term};
use crate::vm::{exception, Host, Outcome, REDUCTION_BUDGET};

/// How many times an idle scheduler looks for work before parking: half with a few
/// `spin_loop` hints (about a microsecond each here), half yielding the core. About 10 µs in
/// all, less than one futex wake-up and wait; without it, a spawn loop (each new process
/// running only briefly) woke the other scheduler for every couple of processes and spent
/// a fifth of its time in futex calls (spawn_wait, 2 schedulers: 4.5 s -> 2.5 s). It runs
/// each time a thread runs out of work, never while one stays parked.
const SPIN_ROUNDS: u32 = 16;

pub struct Scheduler {
    pub(crate) count: usize,
    injector: Injector<Arc<Slot>>,
    /// One per scheduler thread, in thread order; set once by `run_program`.
    stealers: OnceLock<Vec<Stealer<Arc<Slot>>>>,
    /// Threads parked (or about to park) on `cv`; a thread counts itself in under `lock`,
    /// before its last look at the queues.
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    cv: Condvar,
    stop: AtomicBool,
    /// Scheduler threads not parked: running a process or looking for one.
    active: AtomicUsize,
}

/// The running scheduler thread's own queue, found through a thread-local so that `wake`
/// (called deep inside a process's `send`) can push onto it.
struct Local {
    /// The scheduler this thread belongs to (its address), so a thread never pushes onto
    /// a queue of another runtime.
    owner: usize,
    index: usize,
    worker: Worker<Arc<Slot>>,
    /// The process this thread is running, so that its own requests (fetching its mail)
    /// skip the process table (a lock and a hash look-up per `receive`).
    current: RefCell<Option<Arc<Slot>>>,
}

thread_local! {
    static LOCAL: RefCell<Option<Rc<Local>>> = const { RefCell::new(None) };
}

/// Clears the thread-local queue handle when a scheduler loop ends (also on unwinding).
struct LocalGuard;

impl Drop for LocalGuard {
    fn drop(&mut self) {
        let _ = LOCAL.try_with(|l| l.borrow_mut().take());
    }
}

impl Scheduler {
    pub(crate) fn new(count: usize) -> Scheduler {
        Scheduler {
            count,
            injector: Injector::new(),
            stealers: OnceLock::new(),
            sleepers: AtomicUsize::new(0),
            lock: Mutex::new(()),
            cv: Condvar::new(),
            stop: AtomicBool::new(false),
            active: AtomicUsize::new(0),
        }
    }

    fn id(&self) -> usize {
        self as *const Scheduler as usize
    }

    /// Calls `f` with the header of process `pid` if it is the one running on this thread
    /// (`None` otherwise: the caller looks it up in the process table).
    pub(super) fn with_current<R>(&self, pid: Pid, f: impl FnOnce(&Arc<Slot>) -> R) -> Option<R> {
        LOCAL
            .try_with(|l| {
                let l = l.borrow();
                let local = l.as_ref().filter(|local| local.owner == self.id())?;
                let current = local.current.borrow();
                current.as_ref().filter(|s| s.pid == pid).map(f)
            })
            .ok()
            .flatten()
    }

    /// Makes a process runnable: onto this thread's local queue when called on one of this
    /// runtime's scheduler threads, otherwise onto the injector.
    pub(crate) fn schedule(&self, slot: Arc<Slot>) {
        let mut slot = Some(slot);
        // `try_with` fails only while the thread is being torn down; the process then goes
        // to the injector like any other wake-up from outside the schedulers.
        let _ = LOCAL.try_with(|l| {
            let l = l.borrow();
            let Some(local) = l.as_ref().filter(|local| local.owner == self.id()) else { return };
            let Some(s) = slot.take() else { return };
            local.worker.push(s);
            // The first process queued is the one this thread runs next (its current process
            // usually waits in `receive` right after waking it); only a second one is work a
            // parked scheduler could take without slowing anything down. (With a single
            // scheduler there is nobody else to wake: this thread is awake.)
            if self.count > 1 && local.worker.len() > 1 {
                self.notify_one();
            }
        });
        if let Some(s) = slot {
            self.injector.push(s);
            self.notify_one();
        }
    }

    /// Wakes one parked scheduler, if any.
    fn notify_one(&self) {
        // Pairs with the fence in `park`: either that thread's re-check sees the work just
        // queued, or this load sees it counted among the sleepers (a queue push alone is
        // only a release store, which a later load could overtake).
        fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::Relaxed) > 0 {
            let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.cv.notify_one();
        }
    }

    /// No process is running or runnable: everything waits (the REPL uses this to let
    /// processes spawned by an expression settle before printing its result).
    pub fn is_idle(&self) -> bool {
        // A scheduler thread counts as active from waking until it parks with its own queue
        // empty, so a process is always either queued or on an active thread.
        self.active.load(Ordering::SeqCst) == 0
            && self.injector.is_empty()
            && self.stealers.get().is_none_or(|st| st.iter().all(|s| s.is_empty()))
    }

    pub(crate) fn shutdown(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.cv.notify_all();
    }

    fn find(&self, local: &Local) -> Option<Arc<Slot>> {
        // The injector holds only wake-ups from outside the schedulers (timers, the REPL)
        // and processes created there, one per event: taking them first gives a timeout
        // its slice at once (a local queue of busy processes could take many slices to
        // drain), and cannot starve the local queue. Checking costs two loads.
        if !self.injector.is_empty() {
            if let Some(s) = steal_from(|| self.injector.steal()) {
                return Some(s);
            }
        }
        if let Some(s) = local.worker.pop() {
            return Some(s);
        }
        let stealers = self.stealers.get()?;
        // Start after our own index so that several idle threads do not all raid the same
        // queue first.
        let n = stealers.len();
        for k in 1..n {
            let Some(st) = stealers.get((local.index + k) % n) else { continue };
            if let Some(s) = steal_from(|| st.steal_batch_and_pop(&local.worker)) {
                return Some(s);
            }
        }
        None
    }

    /// Whether an idle thread should look again instead of parking: the injector has work,
    /// or another thread's queue holds more than the process its owner runs next (the
    /// counterpart of the condition under which `schedule` wakes a sleeper).
    fn work_for_idle(&self, local: &Local) -> bool {
        if !self.injector.is_empty() {
            return true;
        }
        let Some(stealers) = self.stealers.get() else { return false };
        stealers.iter().enumerate().any(|(i, s)| i != local.index && s.len() > 1)
    }

    fn park(&self, local: &Local) {
        // A bounded look before sleeping (see `SPIN_ROUNDS`); it takes only work the parked
        // path would also wake for, so a ping-pong does not start to bounce between threads.
        for round in 0..SPIN_ROUNDS {
            if self.work_for_idle(local) || self.stop.load(Ordering::Relaxed) {
                return;
            }
            if round < SPIN_ROUNDS / 2 {
                for _ in 0..32 {
                    std::hint::spin_loop();
                }
            } else {
                std::thread::yield_now();
            }
        }
        let g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        // Pairs with the fence in `notify_one` (see there).
        fence(Ordering::SeqCst);
        if !self.stop.load(Ordering::SeqCst) && !self.work_for_idle(local) {
            self.active.fetch_sub(1, Ordering::SeqCst);
            // The timeout is a safety net, not a polling interval: with the fences above no
            // wake-up is lost, and a process left on a busy thread's queue is run by that
            // thread after its current time slice.
            let _ = self.cv.wait_timeout(g, Duration::from_millis(50));
            self.active.fetch_add(1, Ordering::SeqCst);
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Retries a steal until it succeeds or finds the queue empty.
fn steal_from(mut steal: impl FnMut() -> Steal<Arc<Slot>>) -> Option<Arc<Slot>> {
    loop {
        match steal() {
            Steal::Success(s) => return Some(s),
            Steal::Retry => continue,
            Steal::Empty => return None,
        }
    }
}

/// Runs the runtime's schedulers until the program halts; returns the exit code.
pub fn run_program(rt: &Arc<Runtime>) -> i32 {
    let n = rt.sched.count;
    let workers: Vec<Worker<Arc<Slot>>> = (0..n).map(|_| Worker::new_fifo()).collect();
    // `run_program` runs once per runtime; were it called again, the first set of queues
    // would stay in place and the new threads would only push to the injector.
    let _ = rt.sched.stealers.set(workers.iter().map(|w| w.stealer()).collect());
    // The calling thread is scheduler 0. The others are detached: when the program halts,
    // it ends without waiting for them to notice (they may be mid-slice or parked).
    let mut it = workers.into_iter().enumerate();
    let first = it.next();
    for (i, w) in it {
        let rt = rt.clone();
        std::thread::spawn(move || worker_loop(&rt, i, w));
    }
    if let Some((i, w)) = first {
        worker_loop(rt, i, w);
    }
    rt.exit_code.load(Ordering::SeqCst)
}

fn worker_loop(rt: &Arc<Runtime>, index: usize, worker: Worker<Arc<Slot>>) {
    let local = Rc::new(Local { owner: rt.sched.id(), index, worker, current: RefCell::new(None) });
    let _guard = LocalGuard;
    let _ = LOCAL.try_with(|l| *l.borrow_mut() = Some(local.clone()));
    rt.sched.active.fetch_add(1, Ordering::SeqCst);
    while !rt.sched.stop.load(Ordering::Relaxed) {
        match rt.sched.find(&local) {
            Some(slot) => {
                *local.current.borrow_mut() = Some(slot);
                if let Some(slot) = local.current.borrow().as_ref() {
                    run_slot(rt, slot);
                }
                // Cleared now, so that an exited process is freed at once rather than when
                // the thread runs its next slice (or never, if it parks).
                let done = local.current.borrow_mut().take();
                drop(done);
            }
            None => rt.sched.park(&local),
        }
    }
    rt.sched.active.fetch_sub(1, Ordering::SeqCst);
}

/// Runs one process for one time slice and files it according to the outcome.
fn run_slot(rt: &Arc<Runtime>, slot: &Arc<Slot>) {
    if slot.state.compare_exchange(QUEUED, RUNNING, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return;
    }
    let Some(mut proc) = slot.proc.take() else {
        return;
    };
    if let Some(reason) = slot.take_pending_exit() {
        end_process(rt, slot, proc, reason, None);
        return;
    }
    let outcome = proc.run(rt.as_ref(), REDUCTION_BUDGET);
    slot.fetched.store(proc.st.mailbox.len(), Ordering::Relaxed);
    if let Some(reason) = slot.take_pending_exit() {
        end_process(rt, slot, proc, reason, None);
        return;
    }
    // Recorded before the process is published as WAITING or QUEUED, while this thread
    // still owns it: the timer thread reads it to tell a due wait from a finished one.
    let deadline = match outcome {
        Outcome::Wait(Some(d)) => rt.timers.ticks(d),
        _ => 0,
    };
    slot.timer.want(deadline);
    match outcome {
        Outcome::Yield => {
            slot.proc.store(Some(proc));
            slot.state.store(QUEUED, Ordering::SeqCst);
            // To the back of this thread's queue, as on the BEAM: woken and spawned
            // processes queue there too, so the order is round-robin and a busy process
            // cannot starve them (nor they it); idle schedulers steal from it.
            rt.sched.schedule(slot.clone());
        }
        Outcome::Wait(_) => {
            slot.proc.store(Some(proc));
            slot.state.store(WAITING, Ordering::SeqCst);
            // The timer is checked only once WAITING is published: one firing earlier would
            // find the process still RUNNING, and its wake-up would be lost.
            if deadline != 0 {
                rt.timers.arm(slot, deadline);
            }
            // A message (or exit signal) that arrived while we were deciding to wait
            // would otherwise be missed: the sender saw RUNNING and did not wake us.
            if slot.signalled.load(Ordering::SeqCst) || !slot.inbox.is_empty() {
                rt.wake(slot);
            }
        }
        Outcome::Done(_) => end_process(rt, slot, proc, Term::Atom(crate::term::Atom::NORMAL), None),
        Outcome::Error(e) => {
            let reason = exit_reason(&e);
            if slot.pid.0 == rt.main.load(Ordering::SeqCst) {
                main_error(rt, &e);
            }
            let report = crash_report(slot.pid, &e);
            end_process(rt, slot, proc, reason, report);
        }
    }
}

/// Ends a process that stopped running: its state is dropped first, which deletes the ETS
/// tables it owned, so that a monitor's `:DOWN` (sent by `finish`) comes after they are gone.
fn end_process(rt: &Arc<Runtime>, slot: &Arc<Slot>, proc: Box<crate::vm::Process>, reason: Term, report: Option<String>) {
    drop(proc);
    finish(rt, slot, reason, report);
}

fn finish(rt: &Arc<Runtime>, slot: &Arc<Slot>, reason: Term, report: Option<String>) {
    let is_main = slot.pid.0 == rt.main.load(Ordering::SeqCst);
    if is_main && slot.state.load(Ordering::SeqCst) != EXITED {
        if reason.is_atom(crate::term::Atom::NORMAL) {
            rt.halt(rt.exit_code.load(Ordering::SeqCst));
        } else if !rt.halted.load(Ordering::SeqCst) {
            // Killed by a signal (a link): Elixir prints `** (EXIT from PID) reason`.
            let text = format!(
                "** (EXIT from {}) {}\n",
                crate::term::inspect::inspect(&Term::Pid(slot.pid)),
                exception::exit_reason_text(&reason)
            );
            if !matches!(reason, Term::Tuple(_)) || !rt.halted.load(Ordering::SeqCst) {
                rt.write_err(text.as_bytes());
            }
            rt.halt(1);
        }
    }
    rt.process_exited(slot, reason, report);
}

/// The main process raised: print the error as `elixir` does and stop with status 1.
fn main_error(rt: &Arc<Runtime>, e: &exception::Exception) {
    if rt.halted.load(Ordering::SeqCst) {
        return;
    }
    let text = format!("{}\n{}", exception::format_banner(e), super::format_stack(&e.stack));
    rt.write_err(text.as_bytes());
    rt.halt(1);
}

#[allow(dead_code)]
const _: () = {
    let _ = WAITING;
};
