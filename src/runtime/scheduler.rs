//! The schedulers: one OS thread per core, each with a crossbeam-deque `Worker`, a shared
//! `Injector`, and stealing from the others when idle. An idle scheduler parks on a
//! condition variable (no spinning) and is woken when work is scheduled.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use super::{crash_report, exit_reason, Runtime, Slot, EXITED, QUEUED, RUNNING, WAITING};
use crate::term::Term;
use crate::vm::{exception, Host, Outcome, REDUCTION_BUDGET};

pub struct Scheduler {
    pub(crate) count: usize,
    injector: Injector<Arc<Slot>>,
    stealers: Mutex<Vec<Stealer<Arc<Slot>>>>,
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    cv: Condvar,
    stop: AtomicBool,
    /// Scheduler threads currently running a process.
    running: AtomicUsize,
}

impl Scheduler {
    pub(crate) fn new(count: usize) -> Scheduler {
        Scheduler {
            count,
            injector: Injector::new(),
            stealers: Mutex::new(Vec::new()),
            sleepers: AtomicUsize::new(0),
            lock: Mutex::new(()),
            cv: Condvar::new(),
            stop: AtomicBool::new(false),
            running: AtomicUsize::new(0),
        }
    }

    /// Queues a runnable process and wakes an idle scheduler if there is one.
    pub(crate) fn schedule(&self, slot: Arc<Slot>) {
        self.injector.push(slot);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.cv.notify_one();
        }
    }

    /// No process is running or runnable: everything waits (the REPL uses this to let
    /// processes spawned by an expression settle before printing its result).
    pub fn is_idle(&self) -> bool {
        if self.running.load(Ordering::SeqCst) > 0 || !self.injector.is_empty() {
            return false;
        }
        let stealers = self.stealers.lock().unwrap_or_else(|e| e.into_inner());
        stealers.iter().all(|s| s.is_empty()) && self.running.load(Ordering::SeqCst) == 0
    }

    pub(crate) fn shutdown(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.cv.notify_all();
    }

    fn find(&self, local: &Worker<Arc<Slot>>) -> Option<Arc<Slot>> {
        if let Some(s) = local.pop() {
            return Some(s);
        }
        loop {
            match self.injector.steal_batch_and_pop(local) {
                Steal::Success(s) => return Some(s),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        let stealers = self.stealers.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for st in &stealers {
            loop {
                match st.steal() {
                    Steal::Success(s) => return Some(s),
                    Steal::Retry => continue,
                    Steal::Empty => break,
                }
            }
        }
        None
    }

    fn park(&self) {
        let g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        if self.injector.is_empty() && !self.stop.load(Ordering::SeqCst) {
            // The timeout only bounds the cost of a wake-up lost to a racing steal from a
            // local queue; it is not a polling interval.
            let _ = self.cv.wait_timeout(g, Duration::from_millis(50));
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs the runtime's schedulers until the program halts; returns the exit code.
pub fn run_program(rt: &Arc<Runtime>) -> i32 {
    let n = rt.sched.count;
    let workers: Vec<Worker<Arc<Slot>>> = (0..n).map(|_| Worker::new_fifo()).collect();
    *rt.sched.stealers.lock().unwrap_or_else(|e| e.into_inner()) = workers.iter().map(|w| w.stealer()).collect();
    // The calling thread is scheduler 0. The others are detached: when the program halts,
    // it ends without waiting for them to notice (they may be mid-slice or parked).
    let mut it = workers.into_iter();
    let first = it.next();
    for w in it {
        let rt = rt.clone();
        std::thread::spawn(move || worker_loop(&rt, w));
    }
    if let Some(w) = first {
        worker_loop(rt, w);
    }
    rt.exit_code.load(Ordering::SeqCst)
}

fn worker_loop(rt: &Arc<Runtime>, local: Worker<Arc<Slot>>) {
    while !rt.sched.stop.load(Ordering::SeqCst) {
        match rt.sched.find(&local) {
            Some(slot) => run_slot(rt, &slot),
            None => rt.sched.park(),
        }
    }
}

/// Runs one process for one time slice and files it according to the outcome.
fn run_slot(rt: &Arc<Runtime>, slot: &Arc<Slot>) {
    rt.sched.running.fetch_add(1, Ordering::SeqCst);
    run_slot_inner(rt, slot);
    rt.sched.running.fetch_sub(1, Ordering::SeqCst);
}

fn run_slot_inner(rt: &Arc<Runtime>, slot: &Arc<Slot>) {
    if slot.state.compare_exchange(QUEUED, RUNNING, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return;
    }
    let Some(mut proc) = slot.proc.lock().unwrap_or_else(|e| e.into_inner()).take() else {
        return;
    };
    // Bind first: a guard temporary in `if let` would stay locked through `finish`.
    let pending = slot.lock_meta().pending_exit.take();
    if let Some(reason) = pending {
        finish(rt, slot, reason, None);
        return;
    }
    // A panic is a bug in vial, not in the program; it must still take down only this
    // process (with an error its links and monitors see), never the scheduler thread.
    let outcome = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| proc.run(rt.as_ref(), REDUCTION_BUDGET))) {
        Ok(o) => o,
        Err(_) => Outcome::Error(exception::runtime_error("internal error in vial (a bug): the process was stopped")),
    };
    slot.fetched.store(proc.st.mailbox.len(), Ordering::Relaxed);
    let pending = slot.lock_meta().pending_exit.take();
    if let Some(reason) = pending {
        finish(rt, slot, reason, None);
        return;
    }
    match outcome {
        Outcome::Yield => {
            *slot.proc.lock().unwrap_or_else(|e| e.into_inner()) = Some(proc);
            slot.state.store(QUEUED, Ordering::SeqCst);
            // A preempted process goes to the back of the global queue, behind processes
            // woken by messages and timers: kept on the local deque (which is popped first)
            // a few busy processes would starve everyone else.
            rt.sched.schedule(slot.clone());
        }
        Outcome::Wait(deadline) => {
            *slot.proc.lock().unwrap_or_else(|e| e.into_inner()) = Some(proc);
            slot.state.store(WAITING, Ordering::SeqCst);
            // The timer is set only once WAITING is published: one firing earlier would find
            // the process still RUNNING, and its wake-up would be lost.
            if let Some(d) = deadline {
                rt.timers.wake_at(slot.pid, d);
            }
            // A message (or exit signal) that arrived while we were deciding to wait
            // would otherwise be missed: the sender saw RUNNING and did not wake us.
            // (Two statements, so the inbox lock is released before the header lock is taken.)
            let has_mail = !slot.lock_inbox().is_empty();
            let has_signal = slot.lock_meta().pending_exit.is_some();
            if has_mail || has_signal {
                rt.wake(slot);
            }
        }
        Outcome::Done(_) => finish(rt, slot, Term::Atom(crate::term::Atom::NORMAL), None),
        Outcome::Error(e) => {
            let reason = exit_reason(&e);
            if slot.pid.0 == rt.main.load(Ordering::SeqCst) {
                main_error(rt, &e);
            }
            let report = crash_report(slot.pid, &e);
            finish(rt, slot, reason, report);
        }
    }
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
